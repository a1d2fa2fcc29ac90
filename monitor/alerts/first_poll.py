"""The first poll of a newly added feed: its backlog is history, so it sends one summary, not an alert per article.

Which articles were a first poll's backlog is read from the log (discovered in the same
append as the feed's first FeedPolled), so a crash between the poll and the processing
neither floods the inbox nor loses the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from monitor import events as ev
from monitor.alerts.queue import AlertDraft, compose_queued, draft_alert
from monitor.app import App
from monitor.claims.ledger import same_figure
from monitor.projections.articles import has_silenced_backlog
from monitor.projections.claims import ledger_keys_of, ledger_snapshot
from monitor.store import NewEvent


def unsummarised_first_polls(app: App) -> set[str]:
    """Configured feeds whose backlog was silenced for a summary that was never queued
    (the process died in between). Only feeds without a summary are looked at."""
    found = set()
    for feed in app.config.feeds:
        if app.store.stream_version(ev.alert_stream(first_poll_alert_id(feed.id))) > 0:
            continue
        if has_silenced_backlog(app.store, feed.id):
            found.add(feed.id)
    return found


def first_poll_alert_id(feed_id: str) -> str:
    return f"first-poll-{feed_id}"


#: A moved figure's facts, before and after alike: "outlet" names whose article a source of "outlet" is.
_MOVE_FIGURE_FIELDS = ("quantity", "bound", "quantity_high", "date", "source", "outlet")


def ledger_moves(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], keys: Iterable[str]
) -> list[dict[str, Any]]:
    """The ledger keys among ``keys`` whose newest figure changed (or appeared) between two snapshots."""
    moves = []
    for key in sorted(set(keys)):
        new = after.get(key)
        if new is None or new.get("quantity") is None:
            continue
        old = before.get(key)
        if old is not None and same_figure(old.get("quantity"), new.get("quantity")):
            continue
        moves.append(
            {
                "key": key,
                "kind": new.get("kind"),
                "item": new.get("item"),
                "before": {k: old.get(k) for k in _MOVE_FIGURE_FIELDS}
                if old and old.get("quantity") is not None
                else None,
                "after": {k: new.get(k) for k in _MOVE_FIGURE_FIELDS},
            }
        )
    return moves


def queue_first_poll_summary(
    app: App,
    feed_id: str,
    article_ids: Iterable[str],
    *,
    now: datetime | None = None,
    before: dict[str, dict[str, Any]] | None = None,
) -> str | None:
    """One message for the first poll of a new feed: what it found and how the ledger moved.

    Idempotent: one summary per feed id, ever (its alert id is derived from the feed id).
    ``before`` is the ledger as it was before the articles were processed; without it the
    message lists the figures these articles now lead without a "before".
    """
    alert = first_poll_summary(app, feed_id, article_ids, now=now, before=before)
    if alert is None:
        return None
    app.store.append([alert])
    app.catch_up()
    return alert.data["alert_id"]


def first_poll_summary(
    app: App,
    feed_id: str,
    article_ids: Iterable[str],
    *,
    now: datetime | None = None,
    before: dict[str, dict[str, Any]] | None = None,
    after: dict[str, dict[str, Any]] | None = None,
) -> NewEvent | None:
    """The AlertQueued of :func:`queue_first_poll_summary`, not yet appended (None: nothing to
    send, or sent before). ``after`` is the ledger now, when the caller has read it already."""
    draft = first_poll_draft(app, feed_id, article_ids, now=now, before=before, after=after)
    return draft.event(compose_queued(*draft.composition)) if draft is not None else None


def first_poll_draft(
    app: App,
    feed_id: str,
    article_ids: Iterable[str],
    *,
    now: datetime | None = None,
    before: dict[str, dict[str, Any]] | None = None,
    after: dict[str, dict[str, Any]] | None = None,
) -> AlertDraft | None:
    """:func:`first_poll_summary` up to the rendering (see :class:`monitor.alerts.queue.AlertDraft`)."""
    alerts = app.config.alerts
    ids = sorted(set(article_ids))
    if not alerts.enabled() or not ids:
        return None
    alert_id = first_poll_alert_id(feed_id)
    if app.store.stream_version(ev.alert_stream(alert_id)) > 0:
        return None
    rows = []
    with app.store.reading() as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows += db.execute(
                "SELECT article_id, title, link, published, relevant, claims FROM articles "
                f"WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
    keys = ledger_keys_of(app.store, ids)
    # Relevant first, newest first: the mail lists only the first few.
    rows.sort(key=lambda r: (not r[4], -(_sortable_date(r[3]))))
    after = after if after is not None else ledger_snapshot(app.store)
    moves = ledger_moves(before if before is not None else {}, after, keys)
    feed = next((f for f in app.config.feeds if f.id == feed_id), None)
    summary = {
        "entries": len(ids),
        "relevant": sum(1 for r in rows if r[4]),
        "claims": sum(r[5] or 0 for r in rows),
        "articles": [
            {"title": r[1] or "", "link": r[2], "published": r[3], "relevant": bool(r[4]), "claims": r[5] or 0}
            for r in rows
        ],
        "ledger": moves,
    }
    body = {
        "feed": {"id": feed_id, "url": feed.url if feed else "", "title": (feed.title or "") if feed else ""},
        "summary": summary,
    }
    # The figures the summary announces count as told: a later article repeating one is no news.
    facts = [{"ledger_key": m["key"], "quantity": m["after"]["quantity"]} for m in moves]
    return draft_alert(
        app,
        kind="first_poll_summary",
        alert_id=alert_id,
        body=body,
        ledger_keys=[m["key"] for m in moves],
        facts=facts,
        created_at=ev.timestamp(now) if now else None,
        extra={"feed_id": feed_id},
    )


def _sortable_date(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
