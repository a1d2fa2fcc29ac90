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

import email
import email.policy
import random
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from typing import Any

from monitor.store import ConcurrencyError

from monitor import events as ev
from monitor.alerts.channels import deliver_channels, route_alerts
from monitor.app import App
from monitor.config import Config, ConfigError
from monitor.locks import SenderBusy, SenderLock

RETRY_BASE_SECONDS = 60


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def smtp_settings(config: Config):
    from monitor.alerts.deliver import SmtpSettings

    smtp = config.alerts.smtp
    if smtp is None:
        return None
    return SmtpSettings.from_mapping({k: v for k, v in asdict(smtp).items() if v is not None})


def outbox_dir(config: Config) -> str:
    return str(config.resolve(config.alerts.outbox_dir))


def due_alerts(app: App, *, now: datetime, include_failed: bool = False) -> list[tuple[str, int]]:
    statuses = ("queued", "sending", "failed") if include_failed else ("queued", "sending")
    marks = ",".join("?" * len(statuses))
    with app.store.reading() as db:
        rows = db.execute(
            f"SELECT alert_id, attempts FROM alerts WHERE status IN ({marks}) "
            # Never tried, or "maybe sent" by a process that died: due now. Failed: at its next try.
            "AND (? OR attempts = 0 OR status = 'sending' OR next_try_at IS NULL OR next_try_at <= ?) "
            "ORDER BY position",
            [*statuses, include_failed, _iso(now)]).fetchall()
    return [(r[0], r[1]) for r in rows]


def sent_in_last_hour(app: App, now: datetime) -> int:
    with app.store.reading() as db:
        return db.execute("SELECT COUNT(*) FROM alerts WHERE status = 'sent' AND sent_at >= ?",
                          [_iso(now - timedelta(hours=1))]).fetchone()[0]


def _queued_message(app: App, alert_id: str) -> tuple[Any, int, bool] | None:
    """(the message of the AlertQueued, the stream's version, already sent?) of one alert."""
    found, version, sent = None, 0, False
    for event in app.store.read_stream(ev.alert_stream(alert_id)):
        version = event.version
        if event.type == ev.ALERT_QUEUED:
            found = email.message_from_string(event.data["message"], policy=email.policy.SMTP)
        elif event.type == ev.ALERT_SENT and event.data.get("destination", "email") == "email":
            sent = True  # (a channel's AlertSent says nothing about e-mail)
    return None if found is None else (found, version, sent)


def retry_delay(attempt: int, max_hours: float, rng: random.Random) -> float:
    """Capped exponential backoff with jitter (half to full delay), in seconds."""
    delay = min(RETRY_BASE_SECONDS * 2 ** (attempt - 1), max_hours * 3600)
    return delay * (0.5 + rng.random() / 2)


def deliver_due(app: App, *, now: datetime | None = None, include_failed: bool = False,
                rng: random.Random | None = None, wait_seconds: float = 0.0) -> dict[str, int]:
    """Deliver every alert that is due; returns counts of sent, failed and deferred.

    Holds the :class:`SenderLock`; when another process holds it (waiting up to
    ``wait_seconds``) nothing is sent here and ``busy`` is 1 in the counts.
    """
    counts = {"sent": 0, "failed": 0, "deferred": 0}
    try:
        with SenderLock(app.db_path, wait_seconds=wait_seconds):
            route_alerts(app, app.config.alerts.channels())  # before e-mail finishes with them
            _deliver_locked(app, now or _now(), include_failed, rng or random.Random(), counts)
            deliver_channels(app, retry_delay=retry_delay, now=now, include_failed=include_failed, rng=rng,
                             counts=counts)
    except SenderBusy:
        if wait_seconds > 0:
            raise
        counts["busy"] = 1
    return counts


def _deliver_locked(app: App, now: datetime, include_failed: bool, rng: random.Random,
                    counts: dict[str, int]) -> None:
    config = app.config
    app.catch_up()  # the projection must show what other processes appended before the lock
    budget = max(0, config.alerts.max_per_hour - sent_in_last_hour(app, now))
    settings = smtp_settings(config)
    for alert_id, attempts in due_alerts(app, now=now, include_failed=include_failed):
        if budget <= 0:
            counts["deferred"] += 1  # the hourly cap: they go out next hour, in order
            continue
        outcome = _deliver_one(app, alert_id, attempts + 1, settings, now, rng)
        if outcome is not None:
            counts[outcome] += 1
            budget -= outcome == "sent"
        app.catch_up()


def _deliver_one(app: App, alert_id: str, attempt: int, settings: Any, now: datetime,
                 rng: random.Random) -> str | None:
    """One attempt at one alert: "sent", "failed", or None when there was nothing to do."""
    from monitor.alerts.deliver import DeliveryError, deliver

    queued = _queued_message(app, alert_id)
    if queued is None or queued[2]:
        return None
    msg, version, _ = queued
    stream = ev.alert_stream(alert_id)
    config = app.config

    def record_attempt(details: Any) -> None:
        # The expected version makes this the claim: if anything was appended to the alert
        # since we read it, nothing is sent and the append raises.
        app.store.append([ev.event(stream, ev.ALERT_ATTEMPTED, {
            "alert_id": alert_id, "attempt": attempt, "channel": details.channel, "target": details.target,
            "message_id": details.message_id})], expected={stream: version})

    def record_sent(receipt: Any) -> None:
        app.store.append([ev.event(stream, ev.ALERT_SENT, {
            "alert_id": alert_id, "attempt": attempt, "channel": receipt.channel,
            "message_id": receipt.message_id, "reply": receipt.detail, "sent_at": _iso(_now()),
            "refused": {k: list(v) for k, v in receipt.refused.items()},
        })])

    try:
        deliver(msg, settings, outbox_dir(config), on_attempt=record_attempt, on_accepted=record_sent)
    except ConcurrencyError:
        return None  # another writer touched this alert first; its outcome stands
    except DeliveryError as exc:
        delay = retry_delay(attempt, config.alerts.retry_max_hours, rng)
        app.store.append([ev.event(stream, ev.ALERT_FAILED, {
            "alert_id": alert_id, "attempt": attempt, "kind": exc.kind, "error": str(exc),
            "permanent": exc.permanent,
            "next_try_at": None if exc.permanent else _iso(now + timedelta(seconds=delay)),
        })])
        return "failed"
    return "sent"


def retry_now(app: App, *, wait_seconds: float = 30.0) -> str:
    """`monitor alerts retry`: every queued, waiting or failed alert, now (the hourly cap still applies)."""
    counts = deliver_due(app, include_failed=True, wait_seconds=wait_seconds)
    line = f"alerts: {counts['sent']} sent, {counts['failed']} failed, {counts['deferred']} deferred by the hourly cap"
    if "channel_sent" in counts or "channel_failed" in counts:
        line += f"; channels: {counts.get('channel_sent', 0)} sent, {counts.get('channel_failed', 0)} failed"
    return line


def send_test(config: Config) -> str:
    from monitor.alerts.deliver import send_test_message

    alerts = config.alerts
    if not alerts.to:
        raise ConfigError("[alerts] to is empty: add a recipient to send a test message")
    return send_test_message(smtp_settings(config), alerts.from_, list(alerts.to), outbox_dir=outbox_dir(config),
                             list_id=alerts.list_id)
