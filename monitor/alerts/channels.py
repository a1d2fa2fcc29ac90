"""Alert channels: every alert to each Apprise URL of ``[alerts] notify`` / ``notify_env``, beside e-mail.

Each channel is a destination of the outbox with its own events on the alert's stream,
all carrying ``destination`` (``"channel:<fingerprint>"``) and the redacted ``target``:

    AlertRouted     {alert_id, destinations, targets}   which channels this alert goes to (once)
    AlertAttempted  {alert_id, destination, target, attempt}   committed before the request
    AlertSent       {alert_id, destination, target, attempt, sent_at}
    AlertFailed     {alert_id, destination, target, attempt, kind, error, permanent, next_try_at}

E-mail events carry no destination (or ``"email"``) and keep their meaning; the
``alerts`` table is e-mail's, ``alert_deliveries`` has one row per alert and channel.
With ``[alerts] to`` empty, alerts are queued with no recipient and go to the channels
alone (their ``alerts`` row is ``channels_only``, which e-mail never picks up).

Routing happens once, before e-mail is tried, for every alert e-mail has not finished
with: an alert goes to the channels configured when it was first due, and adding a
channel later never replays history. The promise is e-mail's: at least once, with the
duplicate window between the service's acceptance and the AlertSent commit; an
attempt with no outcome ("maybe sent", a crash) is tried again. Each delivery is
bounded (``CHANNEL_TIMEOUT_SECONDS`` for the whole call) and retried with the same
capped backoff as e-mail; one channel failing or slow never changes what the others do.

Tokens: channel URLs carry secrets (webhook paths, bot tokens, passwords). Events, logs
and the CLI see them only through :func:`monitor.config.redact_channel`, and error text
from the service is scrubbed of every part of the URL before it is recorded.
"""

from __future__ import annotations

import logging
import os
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote

from monitor import events as ev
from monitor.app import App
from monitor.config import (
    AlertsConfig,
    Config,
    ConfigError,
    channel_fingerprint,
    channel_url_problem,
    hook_target,
    is_hook,
    legacy_channel_fingerprint,
    redact_channel,
)
from monitor.feeds.watchdog import stopping
from monitor.projections.deliveries import (
    delivered_since,
    due_deliveries,
    gone_destinations,
    paused_destinations,
    unrouted_alerts,
)

log = logging.getLogger("monitor.alerts")
# Apprise's and urllib3's debug lines print request URLs and paths, which hold webhook and bot
# tokens. They stay out of our log handlers; the failures that matter reach us through
# Apprise's own per-call capture (send_notice), scrubbed.
for _noisy in ("apprise", "urllib3"):
    logging.getLogger(_noisy).propagate = False

#: One delivery to one channel, the whole call, in seconds.
CHANNEL_TIMEOUT_SECONDS = 30.0
CHANNEL_PREFIX = "channel:"


def destination_id(url: str) -> str:
    """The stable name of a channel in events: its redaction's fingerprint (credentials left out), never the URL."""
    return CHANNEL_PREFIX + channel_fingerprint(url)


def destination_ids(url: str) -> tuple[str, ...]:
    """Every name the log may know this channel by: :func:`destination_id`, and for a URL with credentials the one
    earlier releases recorded (their fingerprint hashed the password too). The log is never rewritten, so the old
    name is matched here, at read time: deliveries routed under it are still this channel's, and a pause or a
    410 recorded under it still holds."""
    current, legacy = destination_id(url), CHANNEL_PREFIX + legacy_channel_fingerprint(url)
    return (current,) if legacy == current else (current, legacy)


@dataclass(frozen=True)
class ChannelOutcome:
    ok: bool
    detail: str  # what to record or print: the service's words, scrubbed of the URL
    # "sent", "config" (the URL or document will not do: permanent), "gone" (a hook answered 410: permanent, and
    # for every later alert too until its URL changes), "failed", "timeout"
    kind: str = "sent"
    #: Seconds the receiver asked to be left alone (a 429 or 503 with Retry-After), as it said them, or None.
    retry_after: float | None = None

    @property
    def permanent(self) -> bool:
        return self.kind in ("config", "gone")


def scrub(text: str, url: str) -> str:
    """``text`` without the URL or any piece of it longer than 3 characters other than its scheme."""
    pieces = {url, unquote(url)} | {p for p in re.split(r"[:/@?&=#,;+]+", url) if len(p) > 3}
    pieces |= {unquote(p) for p in pieces if len(unquote(p)) > 3}  # a password or token as the service decoded it
    pieces.discard(url.split(":", 1)[0])
    for piece in sorted(pieces, key=len, reverse=True):
        text = text.replace(piece, "***")
    return text[:500]


def send_notice(url: str, title: str, body: str, *, timeout: float = CHANNEL_TIMEOUT_SECONDS) -> ChannelOutcome:
    """Send one plain-text notice to one Apprise URL; never raises for the service's failures."""
    import apprise  # imported here: ~0.3 s of start-up, and only channel delivery needs it

    # One reading of the URL per send, made now: the parse that says whether Apprise can use it is
    # the one that sends, and a URL that changed since the last send (a new token) is the one used.
    notifier = apprise.Apprise()
    if not notifier.add(url):
        return ChannelOutcome(False, _refusal(url), "config")
    try:
        result = notifier.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - a plugin's crash is this channel's failure, not the sender's
        return ChannelOutcome(False, scrub(f"{type(exc).__name__}: {exc}", url), "failed")
    if result:
        return ChannelOutcome(True, "accepted")
    words = "; ".join(
        entry.message
        for entry in getattr(result, "logs", lambda: [])()
        if getattr(entry, "level", "") in ("WARNING", "ERROR", "CRITICAL")
    )
    kind = "timeout" if getattr(result, "timeout_count", 0) else "failed"
    return ChannelOutcome(False, scrub(words or "the service did not accept the notice", url), kind)


#: Seconds for each step of a hook's POST (connect, send, each read of the reply); the reply is read up to
#: HOOK_REPLY_BYTES.
HOOK_STEP_TIMEOUT_SECONDS = 10.0
HOOK_REPLY_BYTES = 4096
#: The whole POST, in seconds: a receiver that trickles its reply a byte at a time, each inside the step timeout,
#: would otherwise hold the sender for hours (4096 reads of up to 10 s each).
HOOK_DEADLINE_SECONDS = CHANNEL_TIMEOUT_SECONDS
#: Answers whose Retry-After is heeded: "too many requests" and "unavailable for now".
RETRY_AFTER_STATUSES = (429, 503)
#: The longest pause a Retry-After may ask for: a receiver asking for a day (or a date next year, by a wrong
#: clock) still gets its alerts within the hour.
RETRY_AFTER_CAP_SECONDS = 3600.0


def furthest_next_try(now: datetime, retry_max_hours: float) -> datetime:
    """The latest next try a failure at ``now`` can set, e-mail's or a channel's: the backoff's cap or a receiver's
    pause, whichever is longer. The due queries take a later one as set by a clock running ahead (a dead RTC before
    NTP), due now: waiting for it would last as long as the clock was wrong."""
    return now + timedelta(seconds=max(retry_max_hours * 3600, RETRY_AFTER_CAP_SECONDS))


def _watched_handlers(watchdog: Any, context: Any) -> list[Any]:
    """urllib's HTTP and HTTPS handlers with every connection's socket handed to ``watchdog``."""
    import http.client
    import urllib.request

    def watched(connection_class: Any) -> Any:
        class Watched(connection_class):  # type: ignore[misc, valid-type]
            def connect(self) -> None:
                super().connect()
                # The socket itself, not the attribute: urllib detaches it from the connection once the
                # status line is in, while the reply's body is still read through it.
                watchdog.watch(self.sock)

        return Watched

    class _HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(watched(http.client.HTTPConnection), req)

    class _HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(watched(http.client.HTTPSConnection), req, context=context)

    return [_HTTP(), _HTTPS(context=context)]


def _cut_off(deadline: float) -> ChannelOutcome:
    if stopping():
        return ChannelOutcome(False, "cut short by this process's stop", "timeout")
    return ChannelOutcome(False, f"the receiver's answer took more than {deadline:g} s in all: cut off", "timeout")


def _silent(timeout: float) -> ChannelOutcome:
    """The step's limit, named: a silent receiver (not taking the connection, or saying nothing on it) is cut
    off long before the whole exchange's deadline."""
    return ChannelOutcome(
        False,
        f"the receiver sent nothing for {timeout:g} s: cut off, tried again later (if it lasts, check the receiver)",
        "timeout",
    )


def send_hook(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    secret: str | None = None,
    timeout: float = HOOK_STEP_TIMEOUT_SECONDS,
    deadline: float = HOOK_DEADLINE_SECONDS,
) -> ChannelOutcome:
    """POST one webhook document to a ``hook+http(s)://`` channel; never raises for the receiver's
    failures. Delivered means a 2xx; 5xx, 408, 425, 429 and network trouble are tried again with
    the usual backoff (a 429's or 503's Retry-After goes in the outcome); 410 Gone is ``"gone"``;
    any other answer (a redirect is not followed, a 4xx) is permanent. ``timeout`` bounds each
    step, ``deadline`` the whole exchange."""
    import http.client
    import urllib.error
    import urllib.request

    from monitor.alerts.webhook import credentials, delivered, retried
    from monitor.feeds.backoff import retry_after_seconds
    from monitor.feeds.fetch import default_ssl_context
    from monitor.feeds.watchdog import SocketWatchdog

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # a redirected POST would lose its body or its method: the receiver's URL must be final

    # urllib would read "user:pass@host" as the host: the URL's credentials become Basic auth instead
    target, authorization = credentials(hook_target(url))
    sent = dict(headers) | ({"Authorization": authorization} if authorization else {})
    # what a receiver may echo back in its error that the URL's own pieces (scrub) do not cover
    echoed = [s for s in (secret, authorization and authorization.split(" ", 1)[1]) if s]

    def scrubbed(text: str) -> str:
        for piece in echoed:
            text = text.replace(piece, "***")
        return scrub(text, url)

    # the feeds' verifying context: certifi's bundle or SSL_CERT_FILE / SSL_CERT_DIR (a receiver behind a private CA),
    # its bundle read once per process rather than at every send
    context = default_ssl_context()
    # Cuts the connection when the whole exchange overruns ``deadline``, or when the daemon stops.
    watchdog = SocketWatchdog(deadline)
    opener = urllib.request.build_opener(_NoRedirect, *_watched_handlers(watchdog, context))
    request = urllib.request.Request(target, data=body, headers=sent, method="POST")
    reply_headers: Any = {}
    try:
        try:
            with opener.open(request, timeout=timeout) as response:
                status, reply, reply_headers = response.status, response.read(HOOK_REPLY_BYTES), response.headers
        except urllib.error.HTTPError as exc:
            status, reply_headers = exc.code, exc.headers
            try:
                reply = exc.read(HOOK_REPLY_BYTES) if exc.fp else b""
            except (OSError, http.client.HTTPException):
                reply = b""  # the status said what matters; the words after it are a courtesy
        finally:
            watchdog.cancel()
    except TimeoutError:
        return _silent(timeout)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        # refused, reset, DNS, TLS, a URL urllib cannot read, or a reply that is not HTTP (a status line of
        # nonsense, a cut-off body: urllib does not wrap what the reply's reading raises). The receiver's
        # trouble, so tried again later.
        if watchdog.fired:
            return _cut_off(deadline)
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):  # the connection not taken in time: urllib wraps that one
            return _silent(timeout)
        return ChannelOutcome(False, scrubbed(f"{type(reason).__name__}: {reason}"), "failed")
    if watchdog.fired:
        # The answer was cut short (the reading then ends as if the receiver had finished): an answer not
        # complete within the deadline counts as none, and the same webhook-id comes again.
        return _cut_off(deadline)
    # scrubbed before it is cut: a secret the receiver echoed across the cut would otherwise keep its first half
    words = scrubbed(" ".join(reply.decode("utf-8", "replace").split()))[:200]
    detail = f"HTTP {status}" + (f": {words}" if words else "")
    if delivered(status):
        return ChannelOutcome(True, detail)
    if status == 410:
        return ChannelOutcome(False, detail, "gone")
    pause = retry_after_seconds(reply_headers.get("Retry-After")) if status in RETRY_AFTER_STATUSES else None
    return ChannelOutcome(False, detail, "failed" if retried(status) else "config", retry_after=pause)


def apprise_refusal(url: str) -> str | None:
    """Why Apprise cannot use this URL (no such service, tokens of the wrong shape), or None.
    Offline: Apprise reads the URL, nothing is sent."""
    import apprise  # imported here: ~0.3 s of start-up, and only a config with channels needs it

    return None if apprise.Apprise().add(url) else _refusal(url)


def _refusal(url: str) -> str:
    return f"Apprise does not accept {redact_channel(url)!r} as a channel URL (check its scheme and tokens)"


def check_channels(config: Config, env: Mapping[str, str] = os.environ) -> None:
    """Every channel URL a delivery would use, checked now rather than at the first alert,
    hours later: ``[alerts] notify`` (its syntax was checked at load) and those in the
    ``notify_env`` variable, with the config's one-line error. `monitor run` and `monitor
    poll` call it before they touch the database, `monitor alerts retry` before it sends; the other
    commands never pay for Apprise."""
    name = config.source.name if config.source else "config"
    alerts = config.alerts
    if alerts.notify_env and not alerts.enabled(env):
        # Channels meant to come from the environment (a systemd EnvironmentFile not read, a typo in the name) and no
        # other destination: every alert would go nowhere, silently. An empty `to` with no channel named at all is
        # how alerts are turned off, and stays allowed.
        raise ConfigError(
            f"{name}: [alerts] notify_env names ${alerts.notify_env}, which holds no channel URL here (unset or empty),"
            " and [alerts] to and notify are empty, so alerts would go nowhere; set the variable, or add a recipient"
        )
    from_env = set(alerts.channels(env)) - set(alerts.notify)
    for url in alerts.channels(env):
        where = f"{name}: [alerts] notify_env ${alerts.notify_env}" if url in from_env else f"{name}: [alerts] notify"
        problem = channel_url_problem(url) if url in from_env else None
        if not problem and not is_hook(url):  # a hook's URL is ours to read (channel_url_problem), not Apprise's
            problem = apprise_refusal(url)
        if problem:
            raise ConfigError(f"{where}: {problem}; `monitor alerts test --channel URL` tries one")
    named: dict[str, str] = {}
    for url in alerts.channels(env):
        twin = named.setdefault(destination_id(url), url)
        if twin != url:
            # One fingerprint, so one destination in the log: the second would never be delivered to on its own.
            raise ConfigError(
                f"{name}: [alerts] notify: {redact_channel(url)!r} and {redact_channel(twin)!r} differ only in their"
                " credentials, so they are one receiver listed twice; keep one"
            )
    for url in alerts.channels(env):
        problem = hook_key_problem(config, url, env) if is_hook(url) else None
        if problem:
            # An unsigned document would be refused by every receiver that checks: refused here, before the start.
            where = "" if alerts.secret_env(url) == alerts.webhook_secret_env else f" notify {redact_channel(url)!r}:"
            raise ConfigError(f"{name}: [alerts]{where} webhook_secret_env: {problem}")


def hook_key(config: Config, url: str, env: Mapping[str, str] = os.environ) -> str | None:
    """The key that signs documents to hook ``url`` (its own ``webhook_secret_env``, else the global one), read
    from ``env`` at each send and never stored (a running daemon's environment is fixed: a rotated key signs from
    its next start); None when no variable is named: the documents go unsigned."""
    name = config.alerts.secret_env(url)
    return env.get(name) or None if name else None


def hook_key_problem(config: Config, url: str, env: Mapping[str, str] = os.environ) -> str | None:
    """Why documents to hook ``url`` cannot be signed now (its variable is unset or empty, or holds a malformed
    whsec_ key), or None. The one rule of the start-up check, each send and `alerts test`."""
    from monitor.alerts.webhook import key_problem

    name = config.alerts.secret_env(url)
    if not name:
        return None
    key = env.get(name)
    if not key:
        return f"${name} is not set or empty (it holds the key that signs hook+https:// channels' documents)"
    problem = key_problem(key)
    return f"${name} holds no usable key: {problem}" if problem else None


def message_parts(message_text: str) -> tuple[str, str]:
    """(subject, plain-text body) of an alert's stored e-mail."""
    # Imported here: the e-mail policies cost start-up time, and a cycle that routes no alert to a
    # channel never reads a stored e-mail (tests/app/test_lazy_imports.py).
    import email.policy

    message = email.message_from_string(message_text, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    # The stored message has SMTP's CRLF line ends; chat services want plain newlines.
    subject = str(message.get("Subject") or "nkru-monitor alert")
    text = str(body).replace("\r\n", "\n").strip()
    # A mail's body opens with its subject (mail programs hide the header); a channel shows the
    # title right above the message, so the same line twice is noise on a phone's screen.
    first, _, rest = text.partition("\n")
    if " ".join(first.split()) == " ".join(subject.split()):
        text = rest.strip()
    return subject, text


def route_alerts(app: App, urls: Iterable[str], alert_id: str | None = None) -> int:
    """AlertRouted for every alert e-mail has not finished with (or for ``alert_id`` alone, which
    e-mail is about to try) that has no routing yet. The sender calls it for all before e-mail
    starts and for each alert right before its e-mail, so one queued meanwhile is not missed."""
    targets = {destination_id(url): redact_channel(url) for url in urls}
    if not targets:
        return 0
    if alert_id is None:
        app.catch_up()  # alerts other processes queued since the projection last ran
    pending = unrouted_alerts(app.store, alert_id)
    for pending_id in pending:
        app.store.append(
            [
                ev.event(
                    ev.alert_stream(pending_id),
                    ev.ALERT_ROUTED,
                    {"alert_id": pending_id, "destinations": list(targets), "targets": list(targets.values())},
                    key=(pending_id,),
                )
            ]
        )
    if pending:
        app.catch_up()
    return len(pending)


def deliver_channels(
    app: App,
    *,
    retry_delay: Callable[[int, float, random.Random], float],
    gives_up: Callable[[AlertsConfig, str, str | None, int, datetime, str | None], bool],
    breaker: Any,
    now: datetime | None = None,
    include_failed: bool = False,
    rng: random.Random | None = None,
    counts: dict[str, int] | None = None,
) -> dict[str, int]:
    """Deliver every due channel delivery; returns counts. The caller holds the SenderLock and
    passes e-mail's rules: ``retry_delay(attempt, max_hours, rng)``, ``gives_up(limits, kind, failing_since,
    attempt, now, due_at)`` (``sender.gives_up``) and its ``sender.Breaker``, which leaves a channel that just
    failed alone for a backoff instead of trying its next alert. A pause a receiver asked for
    (Retry-After, recorded in its AlertFailed) holds its other alerts back in every process, until
    it ends; `monitor alerts retry` (``include_failed``) tries them anyway."""
    now = now or ev.utc_now()
    rng = rng or random.Random()
    counts = counts if counts is not None else {}
    configured = app.config.alerts.channels()
    if not configured:
        return counts
    # Each name the log may know a configured channel by (destination_ids), to its URL; a delivery keeps the name
    # it was routed under in its events, so they update its own row.
    urls = {name: url for url in configured for name in destination_ids(url)}
    route_alerts(app, configured)
    hour_ago = ev.timestamp(now - timedelta(hours=1))
    budget = {
        destination_id(url): app.config.alerts.max_per_hour
        - sum(delivered_since(app.store, name, hour_ago) for name in destination_ids(url))
        for url in configured
    }
    messages: dict[str, StoredAlert | None] = {}
    # Hooks that answered 410 Gone: their URL is dead, so nothing more is posted to it (a new URL is a new
    # destination, and starts afresh).
    gone = gone_destinations(app.store)
    # Receivers that asked for a pause still running, as recorded: a `monitor poll` started by cron a minute after
    # the daemon was told to wait knows it too.
    longest = now + timedelta(seconds=RETRY_AFTER_CAP_SECONDS)
    paused = {} if include_failed else paused_destinations(app.store, ev.timestamp(now), ev.timestamp(longest))
    furthest = ev.timestamp(furthest_next_try(now, app.config.alerts.retry_max_hours))
    due = due_deliveries(app.store, now=ev.timestamp(now), latest=furthest, include_failed=include_failed)
    for alert_id, destination, attempts, failing_since, due_at in due:
        if stopping():
            break  # the rest stay queued for the next start
        url = urls.get(destination)
        if url is None:
            continue  # a channel taken out of the config: its deliveries wait, untouched, in case it returns
        channel = destination_id(url)  # what the budget and the breaker count by: the channel, under any name
        if any(name in gone for name in destination_ids(url)):
            if alert_id not in gone.get(destination, ()):  # (one marked gone already stays so, untouched)
                _skip_gone(app, alert_id, destination, url, attempts)
                counts["channel_gone"] = counts.get("channel_gone", 0) + 1
            continue
        if budget[channel] <= 0:
            counts["channel_deferred"] = counts.get("channel_deferred", 0) + 1  # the hourly cap, per channel
            continue
        if not breaker.closed(channel, ev.utc_now()) or any(name in paused for name in destination_ids(url)):
            counts["channel_held"] = counts.get("channel_held", 0) + 1  # failed a moment ago: no second timeout
            continue
        if alert_id not in messages:
            messages[alert_id] = _stored_message(app, alert_id)
        stored = messages[alert_id]
        if stored is None:
            continue
        attempt = Attempt(attempts + 1, failing_since, now, due_at)
        outcome, gave_up = _deliver_one(app, alert_id, destination, url, attempt, stored, rng, retry_delay, gives_up)
        key = "channel_sent" if outcome.ok else "channel_failed"
        counts[key] = counts.get(key, 0) + 1
        if gave_up:
            counts["channel_given_up"] = counts.get("channel_given_up", 0) + 1
        budget[channel] -= outcome.ok
        if outcome.ok:
            breaker.succeeded(channel)
        elif outcome.kind == "gone":
            _queue_gone_alert(app, channel, url, outcome.detail)
            app.catch_up()
            gone = gone_destinations(app.store)  # this pass's later alerts to it are not posted either
            unheard = unheard_line(app)
            if unheard:  # that was the last one listening
                log.error(unheard)
        elif not outcome.permanent:
            until = breaker.failed(channel, ev.utc_now())
            if outcome.retry_after is not None:  # the receiver's pause holds for its other alerts too
                pause = timedelta(seconds=min(outcome.retry_after, RETRY_AFTER_CAP_SECONDS))
                breaker.hold(channel, max(until, ev.utc_now() + pause))
    app.catch_up()
    return counts


@dataclass(frozen=True)
class StoredAlert:
    """What a channel is sent of one AlertQueued: the subject and text, and for hooks the document."""

    subject: str
    text: str
    queued: Mapping[str, Any]  # the AlertQueued's data
    recorded_at: str

    def hook_body(self) -> bytes:
        from monitor.alerts.webhook import document, encode

        return encode(document({"created_at": self.recorded_at, **self.queued}, self.subject, self.text))


def _stored_message(app: App, alert_id: str) -> StoredAlert | None:
    for event in app.store.read_stream(ev.alert_stream(alert_id)):
        if event.type == ev.ALERT_QUEUED:
            subject, text = message_parts(event.data["message"])
            return StoredAlert(subject, text, event.data, event.recorded_at)
    return None


def send_to_channel(url: str, stored: StoredAlert, delivery_id: str, secret: str | None) -> ChannelOutcome:
    """One alert to one channel: the signed document to a hook, the subject and text to Apprise."""
    if not is_hook(url):
        return send_notice(url, stored.subject, stored.text)
    from monitor.alerts.webhook import headers

    body = stored.hook_body()
    alert_id = str(stored.queued["alert_id"])
    return send_hook(url, body, headers(body, alert_id=alert_id, delivery_id=delivery_id, secret=secret), secret=secret)


@dataclass(frozen=True)
class Attempt:
    """Which try of a delivery this is, since when the delivery has been failing (None: it has not), the
    pass's clock, and when the try was due (its ``next_try_at``)."""

    number: int
    failing_since: str | None
    now: datetime
    due_at: str | None


def _deliver_one(
    app: App,
    alert_id: str,
    destination: str,
    url: str,
    try_: Attempt,
    stored: StoredAlert,
    rng: random.Random,
    retry_delay: Any,
    gives_up: Any,
) -> tuple[ChannelOutcome, bool]:
    """One try of one delivery: its outcome, and whether this failure gave the delivery up."""
    attempt, now = try_.number, try_.now
    stream = ev.alert_stream(alert_id)
    base = {"alert_id": alert_id, "destination": destination, "target": redact_channel(url), "attempt": attempt}
    # Committed before the request: a crash from here on leaves "maybe sent", which is sent again.
    app.store.append([ev.event(stream, ev.ALERT_ATTEMPTED, base)])
    # One id per attempt (alert, channel, try), so a receiver's log tells a retry from a repeat.
    delivery_id = f"{alert_id}.{destination.removeprefix(CHANNEL_PREFIX)}.{attempt}"
    key_trouble = hook_key_problem(app.config, url) if is_hook(url) else None
    if key_trouble:
        # The key went missing after the start-up check (`alerts retry` in another shell): an unsigned
        # document would be refused by a receiver that checks, so it waits, retried, for the key.
        outcome = ChannelOutcome(False, f"webhook_secret_env: {key_trouble}: not sent unsigned", "failed")
    else:
        outcome = send_to_channel(url, stored, delivery_id, hook_key(app.config, url) if is_hook(url) else None)
    if outcome.ok:
        app.store.append(
            [ev.event(stream, ev.ALERT_SENT, {**base, "sent_at": ev.timestamp(), "reply": outcome.detail})]
        )
        return outcome, False
    if stopping():
        # Cut by our own stop, not the receiver's answer: the delivery stays "maybe sent" (AlertAttempted) and
        # goes again, with the same webhook-id, at the next start.
        return outcome, False
    delay = retry_delay(attempt, app.config.alerts.retry_max_hours, rng)
    extra: dict[str, Any] = {"failed_at": ev.timestamp(now)}
    if outcome.retry_after is not None:
        # The receiver's own pause, bounded, and never sooner than the backoff would have tried. Recorded as a
        # moment too, so every process leaves the receiver alone until then (paused_destinations).
        asked = min(outcome.retry_after, RETRY_AFTER_CAP_SECONDS)
        extra["retry_after_seconds"] = round(asked)
        extra["paused_until"] = ev.timestamp(now + timedelta(seconds=round(asked)))
        delay = max(delay, asked)
    gave_up = not outcome.permanent and gives_up(
        app.config.alerts, "channel", try_.failing_since, attempt, now, try_.due_at
    )
    if gave_up:
        extra["gave_up"] = True
    app.store.append(
        [
            ev.event(
                stream,
                ev.ALERT_FAILED,
                {
                    **base,
                    "kind": outcome.kind,
                    "error": outcome.detail,
                    "permanent": outcome.permanent,
                    "next_try_at": None
                    if outcome.permanent or gave_up
                    else ev.timestamp(now + timedelta(seconds=delay)),
                    **extra,
                },
            )
        ]
    )
    if outcome.kind == "gone":
        log.error(_gone_line(redact_channel(url)))
    elif gave_up:
        log.error(given_up_line(redact_channel(url), alert_id, attempt, try_.failing_since))
    else:
        log.warning("alert %s to %s failed (attempt %d): %s", alert_id, base["target"], attempt, outcome.detail)
    return outcome, gave_up


def given_up_line(target: str, alert_id: str, attempt: int, failing_since: str | None) -> str:
    """The journal's line for a delivery given up, e-mail's or a channel's (its AlertFailed says ``gave_up``)."""
    return (
        f"alert {alert_id} to {target}: given up after {attempt} attempts, failing since {failing_since}; it is kept:"
        " `monitor alerts` shows it, `monitor alerts retry` tries it again"
    )


def _gone_line(target: str) -> str:
    return (
        f"hook {target} answered 410 Gone: nothing more is sent to it; give it the receiver's new URL in "
        "[alerts] notify (or notify_env), or take it out, and restart the daemon"
    )


def unheard_line(app: App, env: Mapping[str, str] = os.environ) -> str | None:
    """The line an operator needs when alerts reach no one any more, or None: ``[alerts] to`` is empty and every
    channel answered 410 Gone, so alerts are still composed and recorded but go nowhere, and even the "Alert
    channel gone" notice had no one to go to. Said by the daemon at each start and when it happens, by `monitor
    poll` and under `monitor alerts`, where an operator looks; the journal's 410 line alone is easily missed."""
    alerts = app.config.alerts
    configured = alerts.channels(env)
    if alerts.to or not configured:  # someone is mailed, or alerts are off
        return None
    if alerts.notify_env and not env.get(alerts.notify_env, "").strip():
        # The variable holds channels in the daemon's environment (a systemd EnvironmentFile), not in an operator's
        # shell: channels this process cannot see may be listening, so it does not say that no one is.
        return None
    gone = gone_destinations(app.store)
    if not all(any(name in gone for name in destination_ids(url)) for url in configured):
        return None
    which = "the only channel" if len(configured) == 1 else f"all {len(configured)} channels"
    return (
        f"alerts reach no one: [alerts] to is empty and {which} ({', '.join(redact_channel(u) for u in configured)})"
        " answered 410 Gone, so new alerts are recorded (`monitor alerts`) and sent nowhere; put the receiver's new"
        " URL in [alerts] notify (or notify_env), or a recipient in [alerts] to, and restart the daemon"
    )


def _queue_gone_alert(app: App, destination: str, url: str, answer: str) -> None:
    """An alert saying the hook is gone, for e-mail and the other channels (routed to the gone hook too, where it is
    marked gone unsent, like the rest). One per URL: a new URL that goes too is another."""
    if not app.config.alerts.enabled():
        return  # alerts are off (an empty `to` and no channel)
    from monitor.alerts.queue import build_alert  # imported here: only a 410 needs the composer

    alert_id = "channel-gone-" + destination.removeprefix(CHANNEL_PREFIX)
    if any(True for _ in app.store.read_stream(ev.alert_stream(alert_id))):
        return
    body = {"channel": {"target": redact_channel(url), "last_error": answer}}
    app.store.append([build_alert(app, kind="channel_gone", alert_id=alert_id, body=body, ledger_keys=[], facts=[])])


def _skip_gone(app: App, alert_id: str, destination: str, url: str, attempt: int) -> None:
    """A delivery to a hook that answered 410 Gone: failed for good, without a request (none is made)."""
    target = redact_channel(url)
    base = {"alert_id": alert_id, "destination": destination, "target": target, "attempt": attempt}
    error = "not sent: this hook answered 410 Gone to an earlier alert; it needs a new URL in the config"
    app.store.append(
        [
            ev.event(
                ev.alert_stream(alert_id),
                ev.ALERT_FAILED,
                {**base, "kind": "gone", "error": error, "permanent": True, "next_try_at": None},
            )
        ]
    )


def send_test_notice(url: str, secret: str | None = None) -> ChannelOutcome:
    """`monitor alerts test --channel URL`: one test notice, its outcome. A hook gets a document of
    kind "test" (no details), signed with ``secret`` as its alerts will be."""
    subject = "nkru-monitor: test notice"
    if is_hook(url):
        text = "This is a test from nkru-monitor. Alerts will arrive on this webhook as documents like this one."
        queued = {"alert_id": "test-" + ev.timestamp(), "kind": "test", "details": None}
        stored = StoredAlert(subject, text, queued, ev.timestamp())
        return send_to_channel(url, stored, f"{queued['alert_id']}.test.1", secret)
    return send_notice(
        url,
        subject,
        "This is a test from nkru-monitor. Alerts will arrive on this channel like this one: "
        "the alert's subject as the title and its plain-text body as the message.",
    )
