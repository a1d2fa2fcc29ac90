"""Feed health alerts: failing N times in a row, silent for X days, and the recovery.

Decided from the ``feeds`` projection and the health alerts already queued — nothing
else — so :func:`queue_health_alerts` is cheap (two small queries when nothing changed)
and safe to call at the end of every poll cycle. Each feed moves through
ok → failing|silent → recovered → ...; a message goes out on each transition only,
so a feed that stays broken mails once, not once per poll.

Alert ids are ``health-<n>-<status>-<feed id>`` where ``n`` counts the feed's health
alerts: a re-run, or two processes deciding the same transition, produce the same
event id and the store keeps one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from monitor import events as ev
from monitor.alerts.queue import build_alert
from monitor.app import App
from monitor.projections.alerts import alert_ids_like
from monitor.projections.feeds import FeedRow, feed_rows

Problem = Literal["failing", "silent", "ok"]
HealthStatus = Literal["failing", "silent", "recovered"]
PREFIX = "health-"


def days_without_news(row: FeedRow, now: datetime, first_seen: str | None) -> float | None:
    since = ev.parse_timestamp(row.last_new_at) or ev.parse_timestamp(first_seen)
    if since is None:
        return None
    return (now - since).total_seconds() / 86400


def assess(
    row: FeedRow, now: datetime, *, failures_before_alert: int, silent_days: float, first_seen: str | None = None
) -> Problem | None:
    """The feed's condition now, or None when the latest poll says nothing about the feed
    (never polled, the machine was offline, or failing but not yet N times)."""
    if row.status == "disabled":  # gone (410), even at its first answer: nothing will poll it again
        return "failing"
    if row.polls == 0 or row.status == "new":
        return None
    if row.outage:
        return None  # the machine's network, not the feed: neither a failure nor a recovery
    if row.status == "failing":
        if failures_before_alert > 0 and row.failures_in_row >= failures_before_alert:
            return "failing"
        return None
    if silent_days > 0:
        quiet_for = days_without_news(row, now, first_seen)
        if quiet_for is not None and quiet_for >= silent_days:
            return "silent"
    return "ok"


def transition(last: HealthStatus | None, now: Problem | None) -> HealthStatus | None:
    """The message to send given the last one sent for the feed and its condition now."""
    if now is None:
        return None
    if last in (None, "recovered"):
        return now if now in ("failing", "silent") else None
    if last == "failing":
        return "recovered" if now in ("ok", "silent") else None
    # last == "silent"
    if now == "ok":
        return "recovered"
    return "failing" if now == "failing" else None


def _history(app: App) -> dict[str, tuple[int, HealthStatus]]:
    """feed id -> (health alerts so far, status of the latest)."""
    found: dict[str, tuple[int, HealthStatus]] = {}
    for alert_id in alert_ids_like(app.store, PREFIX):
        parts = alert_id.split("-", 3)
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        number, status, feed_id = int(parts[1]), parts[2], parts[3]
        if status in ("failing", "silent", "recovered") and number > found.get(feed_id, (0, ""))[0]:
            found[feed_id] = (number, status)  # type: ignore[assignment]
    return found


def health_alert_id(number: int, status: HealthStatus, feed_id: str) -> str:
    return f"{PREFIX}{number}-{status}-{feed_id}"


def queue_health_alerts(app: App, now: datetime | None = None) -> list[str]:
    """Queue a message for every configured, enabled feed whose health changed; return the alert ids."""
    alerts = app.config.alerts
    if not alerts.enabled():
        return []
    now = now or ev.utc_now()
    app.catch_up()
    configured = {f.id: f for f in app.config.feeds if f.enabled}
    history = _history(app)
    queued: list[str] = []
    for row in feed_rows(app.store):
        feed = configured.get(row.feed_id)
        if feed is None:
            continue
        count, last = history.get(row.feed_id, (0, None))
        condition = assess(
            row,
            now,
            failures_before_alert=alerts.feed_failures_before_alert,
            silent_days=alerts.feed_silent_days,
            first_seen=row.first_seen_at,
        )
        status = transition(last, condition)
        if status is None:
            continue
        alert_id = health_alert_id(count + 1, status, row.feed_id)
        health: dict[str, Any] = {
            "status": status,
            "last_success": row.last_success_at,
            "next_attempt": row.next_poll_at,
        }
        if status == "failing":
            health.update(consecutive_failures=row.failures_in_row, last_error=row.last_error or row.last_error_kind)
            if row.status == "disabled":
                health.update(gone=True, next_attempt=None)
        elif status == "silent":
            quiet_for = days_without_news(row, now, row.first_seen_at)
            health.update(silent_days=round(quiet_for or 0, 1), last_new_item=row.last_new_at)
        body = {"feed": {"id": row.feed_id, "url": row.url or feed.url, "title": feed.title or ""}, "health": health}
        event = build_alert(
            app,
            kind="feed_health",
            alert_id=alert_id,
            body=body,
            ledger_keys=[],
            facts=[],
            created_at=ev.timestamp(now),
            extra={"feed_id": row.feed_id, "health_status": status},
        )
        app.store.append([event])
        queued.append(alert_id)
    if queued:
        app.catch_up()
    return queued
