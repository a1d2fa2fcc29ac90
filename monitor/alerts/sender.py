"""The alert outbox on the log: AlertQueued → AlertAttempted → AlertSent | AlertFailed.

Guarantee (documented in docs/architecture.md, "Alerts: the delivery guarantee"):
at-least-once delivery, with a single, named window for a duplicate.

* An article's alert is appended in the same transaction as the verdicts that cause it,
  so a crash can never leave verdicts without their alert: nothing is lost.
* One sender per database at a time (:class:`SenderLock`, an flock the kernel drops when
  the holder dies), and each attempt is claimed by appending AlertAttempted with the
  stream version the sender read: a second process can never send the same alert in
  parallel.
* AlertAttempted is committed before the first byte goes to the server; AlertSent right
  after the server's reply to DATA (before QUIT). An alert whose last event is
  AlertQueued or AlertFailed was certainly not accepted; one whose last event is
  AlertAttempted is "maybe sent" and is sent again, with the same Message-ID.
* The duplicate window is therefore a crash between the server's 250 reply to DATA and
  the AlertSent commit (one local SQLite commit). Receiving systems that fold messages by
  Message-ID hide even that copy.
"""

from __future__ import annotations

import logging
import random
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from monitor import events as ev
from monitor.alerts.channels import check_channels, deliver_channels, furthest_next_try, given_up_line, route_alerts
from monitor.app import App
from monitor.config import AlertsConfig, Config, ConfigError
from monitor.feeds.backoff import next_delay
from monitor.feeds.watchdog import stopping
from monitor.locks import SenderBusy, exclusive
from monitor.projections.alerts import due_alerts, sent_since
from monitor.store import ConcurrencyError

# The delivery edge (monitor.alerts.deliver: smtplib, the e-mail policies, the outbox's temporary
# files) is imported in the functions that send or read a queued message, not here: a cycle with
# nothing to send never loads it, which is start-up time every `monitor poll` of feeds answering
# 304 would pay (tests/app/test_lazy_imports.py).

log = logging.getLogger("monitor.alerts")

RETRY_BASE_SECONDS = 60
#: A delivery that keeps failing is given up after ``[alerts] give_up_email_days`` or ``give_up_channel_days`` and at
#: least ``give_up_min_attempts`` attempts (:class:`monitor.config.AlertsConfig` says why those defaults), and never
#: at a try made this long after it was due: nothing was trying meanwhile (the machine off, the service
#: stopped), so however many attempts came before, the destination has had no fair run of tries since. A machine back
#: from a week away tries its failing deliveries again before it gives any up. (A day: longer than any backoff or
#: breaker hold of the default retry_max_hours, and than the gap between a daily cron's `monitor poll`.)
GIVE_UP_NEVER_WHEN_LATE_BY = timedelta(days=1)
#: Failures that say "this server cannot be reached right now", not "this message is refused":
#: after one of them the next alert would wait just as long, so the destination is backed off.
UNREACHABLE_KINDS = frozenset({"timeout", "refused", "disconnected"})


def smtp_settings(config: Config):
    smtp = config.alerts.smtp
    if smtp is None:
        return None
    from monitor.alerts.deliver import SmtpSettings  # imported here: start-up time (see above)

    return SmtpSettings.from_mapping({k: v for k, v in asdict(smtp).items() if v is not None})


def outbox_dir(config: Config) -> str:
    return str(config.resolve(config.alerts.outbox_dir))


def _queued_message(app: App, alert_id: str) -> tuple[Any, int, bool] | None:
    """(the message of the AlertQueued, the stream's version, already sent?) of one alert."""
    from monitor.alerts.deliver import read_queued  # imported here: start-up time (see above)

    found, version, sent = None, 0, False
    for event in app.store.read_stream(ev.alert_stream(alert_id)):
        version = event.version
        if event.type == ev.ALERT_QUEUED:
            found = read_queued(event.data["message"])
        elif event.type == ev.ALERT_SENT and event.data.get("destination", "email") == "email":
            sent = True  # (a channel's AlertSent says nothing about e-mail)
    return None if found is None else (found, version, sent)


#: The count key :func:`deliver_due` sets when the alert that met the server's silence was on its last try:
#: the daemon's ``alerts_held`` counts that alert among those waiting for the server only without it.
GIVEN_UP_UNANSWERED = "given_up_unanswered"


def gives_up(
    limits: AlertsConfig, destination: str, failing_since: str | None, attempt: int, now: datetime, due_at: str | None
) -> bool:
    """Whether this failure of ``attempt`` ends the retries of a delivery failing since ``failing_since`` (None: this
    is its first failure) and due at ``due_at`` (its ``next_try_at``); ``destination``: "email" or "channel", whose
    span ``limits`` gives (the config's ``[alerts]``)."""
    since, due = ev.parse_timestamp(failing_since), ev.parse_timestamp(due_at)
    if since is None or attempt < limits.give_up_min_attempts:
        return False
    if due is not None and now - due > GIVE_UP_NEVER_WHEN_LATE_BY:
        return False
    return now - since >= limits.give_up_after(destination)


def retry_delay(attempt: int, max_hours: float, rng: random.Random) -> float:
    """Capped exponential backoff with jitter (half to full delay), in seconds."""
    return next_delay(attempt, RETRY_BASE_SECONDS, max_hours * 3600, rng, jitter="equal")


class Breaker:
    """Backs off a destination that just failed to answer, instead of trying the next alert on it.

    A mail server that accepts connections and never replies costs a whole timeout per
    attempt; with twenty alerts queued that would be twenty timeouts in a row. After one
    such failure the destination is left alone for a backoff (the same capped exponential
    rule as alert retries), then one alert probes it; any success closes the breaker.
    In memory: a restart probes at once, which is what an operator who fixed the server wants.
    """

    def __init__(self, max_hours: float, rng: random.Random | None = None) -> None:
        self.max_hours = max_hours
        self.rng = rng or random.Random()
        self._failures: dict[str, int] = {}
        self._until: dict[str, datetime] = {}

    def closed(self, destination: str, now: datetime) -> bool:
        """May an alert be tried on ``destination`` now?"""
        until = self._until.get(destination)
        return until is None or now >= until

    def held_until(self, destination: str) -> datetime | None:
        return self._until.get(destination)

    def failed(self, destination: str, now: datetime) -> datetime:
        """An unreachable-server failure: back the destination off; returns until when."""
        failures = self._failures.get(destination, 0) + 1
        self._failures[destination] = failures
        until = now + timedelta(
            seconds=next_delay(failures, RETRY_BASE_SECONDS, self.max_hours * 3600, self.rng, jitter="equal")
        )
        self._until[destination] = until
        return until

    def hold(self, destination: str, until: datetime) -> None:
        """Leave ``destination`` alone until ``until`` at least (the pause a receiver asked for)."""
        held = self._until.get(destination)
        self._until[destination] = until if held is None else max(held, until)

    def succeeded(self, destination: str) -> None:
        self._failures.pop(destination, None)
        self._until.pop(destination, None)


def destination_of(config: Config) -> str:
    """What the breaker keys on: the SMTP server, or the outbox folder."""
    smtp = config.alerts.smtp
    return f"smtp:{smtp.host}:{smtp.port}" if smtp is not None else f"outbox:{outbox_dir(config)}"


def deliver_due(
    app: App,
    *,
    now: datetime | None = None,
    include_failed: bool = False,
    rng: random.Random | None = None,
    wait_seconds: float = 0.0,
    breaker: Breaker | None = None,
) -> dict[str, int]:
    """Deliver every alert that is due; returns counts of sent, failed, deferred and held.

    ``deferred``: over the hourly cap; ``held``: not tried because the destination did not
    answer a moment ago (see :class:`Breaker`; pass the daemon's to remember that between
    calls). Stops between alerts once the process is stopping. Holds the
    :class:`SenderLock`; when another process holds it (waiting up to ``wait_seconds``)
    nothing is sent here and ``busy`` is 1 in the counts.
    """
    counts = {"sent": 0, "failed": 0, "deferred": 0, "held": 0}
    breaker = breaker or Breaker(app.config.alerts.retry_max_hours, rng)
    try:
        with exclusive(app, "sender", wait_seconds=wait_seconds):
            route_alerts(app, app.config.alerts.channels())  # before e-mail finishes with them
            _deliver_locked(app, now or ev.utc_now(), include_failed, rng or random.Random(), counts, breaker)
            deliver_channels(
                app,
                retry_delay=retry_delay,
                gives_up=gives_up,
                breaker=breaker,
                now=now,
                include_failed=include_failed,
                rng=rng,
                counts=counts,
            )
    except SenderBusy:
        if wait_seconds > 0:
            raise
        counts["busy"] = 1
    return counts


def _deliver_locked(
    app: App, now: datetime, include_failed: bool, rng: random.Random, counts: dict[str, int], breaker: Breaker
) -> None:
    config = app.config
    app.catch_up()  # the projection must show what other processes appended before the lock
    budget = max(0, config.alerts.max_per_hour - sent_since(app.store, ev.timestamp(now - timedelta(hours=1))))
    settings: Any = None  # read when the first alert goes out: a pass that sends nothing loads no smtplib
    destination = destination_of(config)
    furthest = ev.timestamp(furthest_next_try(now, config.alerts.retry_max_hours))
    for alert_id, attempts, failing_since, due_at in due_alerts(
        app.store, now=ev.timestamp(now), latest=furthest, include_failed=include_failed
    ):
        if stopping():
            return  # the rest stay queued for the next start
        if budget <= 0:
            counts["deferred"] += 1  # the hourly cap: they go out next hour, in order
            continue
        if not breaker.closed(destination, ev.utc_now()):
            counts["held"] += 1  # the server did not answer a moment ago: no second timeout in a row
            continue
        route_alerts(app, config.alerts.channels(), alert_id)  # queued after the pass began: channels first
        settings = settings or smtp_settings(config)
        given_up_before = counts.get("given_up", 0)
        outcome = _deliver_one(app, alert_id, attempts + 1, settings, now, rng, (failing_since, due_at), counts)
        if outcome == "sent":
            breaker.succeeded(destination)
        elif outcome == "unreachable":
            breaker.failed(destination, ev.utc_now())
            outcome = "failed"
            if counts.get("given_up", 0) > given_up_before:  # its last try: it no longer waits for the server
                counts[GIVEN_UP_UNANSWERED] = 1
        if outcome is not None:
            counts[outcome] += 1
            budget -= outcome == "sent"
        app.catch_up()


def _deliver_one(
    app: App,
    alert_id: str,
    attempt: int,
    settings: Any,
    now: datetime,
    rng: random.Random,
    spell: tuple[str | None, str | None],
    counts: dict[str, int],
) -> str | None:
    """One attempt at one alert: "sent", "failed", "unreachable" (failed, and the server did
    not answer), or None when there was nothing to do or the process is stopping. ``spell``: since when
    the alert has been failing and when this try was due; a failure that ends the retries
    (:func:`gives_up`) is counted in ``counts["given_up"]`` too."""
    from monitor.alerts.deliver import DeliveryError, deliver  # imported here: start-up time (see above)

    queued = _queued_message(app, alert_id)
    if queued is None or queued[2]:
        return None
    msg, version, _ = queued
    stream = ev.alert_stream(alert_id)
    config = app.config

    def record_attempt(details: Any) -> None:
        # The expected version makes this the claim: if anything was appended to the alert
        # since we read it, nothing is sent and the append raises.
        app.store.append(
            [
                ev.event(
                    stream,
                    ev.ALERT_ATTEMPTED,
                    {
                        "alert_id": alert_id,
                        "attempt": attempt,
                        "channel": details.channel,
                        "target": details.target,
                        "message_id": details.message_id,
                    },
                )
            ],
            expected={stream: version},
        )

    def record_sent(receipt: Any) -> None:
        app.store.append(
            [
                ev.event(
                    stream,
                    ev.ALERT_SENT,
                    {
                        "alert_id": alert_id,
                        "attempt": attempt,
                        "channel": receipt.channel,
                        "message_id": receipt.message_id,
                        "reply": receipt.detail,
                        "sent_at": ev.timestamp(),
                        "refused": {k: list(v) for k, v in receipt.refused.items()},
                    },
                )
            ]
        )

    try:
        deliver(msg, settings, outbox_dir(config), on_attempt=record_attempt, on_accepted=record_sent)
    except ConcurrencyError:
        return None  # another writer touched this alert first; its outcome stands
    except DeliveryError as exc:
        if stopping():
            # Cut by our own stop, not refused: the alert stays "maybe sent" (AlertAttempted)
            # and goes again, with the same Message-ID, at the next start.
            return None
        delay = retry_delay(attempt, config.alerts.retry_max_hours, rng)
        failing_since, due_at = spell
        gave_up = not exc.permanent and gives_up(config.alerts, "email", failing_since, attempt, now, due_at)
        app.store.append(
            [
                ev.event(
                    stream,
                    ev.ALERT_FAILED,
                    {
                        "alert_id": alert_id,
                        "attempt": attempt,
                        "kind": exc.kind,
                        "error": str(exc),
                        "permanent": exc.permanent,
                        "next_try_at": None
                        if exc.permanent or gave_up
                        else ev.timestamp(now + timedelta(seconds=delay)),
                        "failed_at": ev.timestamp(now),
                        **({"gave_up": True} if gave_up else {}),
                    },
                )
            ]
        )
        if gave_up:
            log.error(given_up_line(destination_of(config), alert_id, attempt, failing_since))
            counts["given_up"] = counts.get("given_up", 0) + 1
        return "unreachable" if exc.kind in UNREACHABLE_KINDS else "failed"
    return "sent"


def retry_now(app: App, *, wait_seconds: float = 30.0) -> str:
    """`monitor alerts retry`: every queued, waiting, failed or given-up alert, now (the hourly cap still applies).
    The channels are checked first by the start-up's rules (:func:`check_channels`), so a retry refuses what
    `monitor run` and `monitor poll` refuse instead of delivering by a configuration they would not start with."""
    check_channels(app.config)
    counts = deliver_due(app, include_failed=True, wait_seconds=wait_seconds)
    line = f"alerts: {counts['sent']} sent, {counts['failed']} failed, {counts['deferred']} deferred by the hourly cap"
    if counts["held"]:
        line += f", {counts['held']} held back (the mail server did not answer; they go out after a backoff)"
    if "channel_sent" in counts or "channel_failed" in counts:
        line += f"; channels: {counts.get('channel_sent', 0)} sent, {counts.get('channel_failed', 0)} failed"
    return line


def send_test(config: Config) -> str:
    from monitor.alerts.deliver import send_test_message  # imported here: start-up time (see above)

    alerts = config.alerts
    if not alerts.to:
        raise ConfigError(
            "[alerts] to is empty: add a recipient to send a test message (a channel is tried with --channel URL)"
        )
    return send_test_message(
        smtp_settings(config), alerts.from_, list(alerts.to), outbox_dir=outbox_dir(config), list_id=alerts.list_id
    )
