"""The alert outbox on the log: AlertQueued → AlertAttempted → AlertSent | AlertFailed.

Guarantee (documented in docs/architecture.md): at-least-once delivery with dedupe.
An alert is queued in the same transaction as the verdicts that cause it, so it cannot be
lost. Before talking to the server the sender appends AlertAttempted; after the server
accepts the message it appends AlertSent. A crash between the two leaves an alert whose
last event is AlertAttempted: "maybe sent". It is sent again with the same Message-ID
(mail clients and archives fold the copy), so the only window for a duplicate is a crash
between the server's 250 reply and the AlertSent commit — milliseconds, once per crash.
An alert whose last event is AlertQueued or AlertFailed was certainly not delivered.
"""

from __future__ import annotations

import email
import email.policy
import random
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from typing import Any

from . import events as ev
from .app import App
from .config import Config

RETRY_BASE_SECONDS = 60


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def smtp_settings(config: Config):
    from .alerts.deliver import SmtpSettings

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


def _queued_message(app: App, alert_id: str) -> tuple[Any, dict[str, Any]] | None:
    for event in app.store.read_stream(ev.alert_stream(alert_id)):
        if event.type == ev.ALERT_QUEUED:
            msg = email.message_from_string(event.data["message"], policy=email.policy.SMTP)
            return msg, event.data
    return None


def deliver_due(app: App, *, now: datetime | None = None, include_failed: bool = False,
                rng: random.Random | None = None) -> dict[str, int]:
    """Deliver every alert that is due; returns counts of sent, failed and deferred."""
    from .alerts.deliver import DeliveryError, deliver

    now = now or _now()
    rng = rng or random.Random()
    config = app.config
    counts = {"sent": 0, "failed": 0, "deferred": 0}
    budget = max(0, config.alerts.max_per_hour - sent_in_last_hour(app, now))
    settings = smtp_settings(config)
    for alert_id, attempts in due_alerts(app, now=now, include_failed=include_failed):
        if budget <= 0:
            counts["deferred"] += 1  # the hourly cap: they go out next hour, in order
            continue
        queued = _queued_message(app, alert_id)
        if queued is None:
            continue
        msg, _ = queued
        stream = ev.alert_stream(alert_id)
        attempt = attempts + 1

        def record_attempt(details: Any) -> None:
            app.store.append([ev.event(stream, ev.ALERT_ATTEMPTED, {
                "alert_id": alert_id, "attempt": attempt, "channel": details.channel, "target": details.target,
                "message_id": details.message_id})])

        def record_sent(receipt: Any) -> None:
            app.store.append([ev.event(stream, ev.ALERT_SENT, {
                "alert_id": alert_id, "attempt": attempt, "channel": receipt.channel,
                "message_id": receipt.message_id, "reply": receipt.detail, "sent_at": _iso(_now()),
                "refused": {k: list(v) for k, v in receipt.refused.items()},
            })])

        try:
            deliver(msg, settings, outbox_dir(config), on_attempt=record_attempt, on_accepted=record_sent)
        except DeliveryError as exc:
            delay = min(RETRY_BASE_SECONDS * 2 ** (attempt - 1), config.alerts.retry_max_hours * 3600)
            delay *= 0.5 + rng.random() / 2
            app.store.append([ev.event(stream, ev.ALERT_FAILED, {
                "alert_id": alert_id, "attempt": attempt, "kind": exc.kind, "error": str(exc),
                "permanent": exc.permanent,
                "next_try_at": None if exc.permanent else _iso(now + timedelta(seconds=delay)),
            })])
            counts["failed"] += 1
        else:
            counts["sent"] += 1
            budget -= 1
        app.catch_up()
    return counts


def retry_now(app: App) -> str:
    counts = deliver_due(app, include_failed=True)
    return f"alerts: {counts['sent']} sent, {counts['failed']} failed, {counts['deferred']} deferred by the hourly cap"


def send_test(config: Config) -> str:
    from .alerts.deliver import send_test_message

    alerts = config.alerts
    if not alerts.to:
        raise ValueError("[alerts] to is empty: add a recipient to send a test message")
    return send_test_message(smtp_settings(config), alerts.from_, list(alerts.to), outbox_dir=outbox_dir(config),
                             list_id=alerts.list_id)
