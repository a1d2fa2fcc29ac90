"""Digest mode: one message a day (or whenever the cron job fires) grouping changes by ledger key.

In digest mode the pipeline queues no per-article alert; it marks each article's
ClaimsDiffed event ``held_for_digest``. A digest run covers the log range after the
previous run up to the head, and records that range in a ``DigestCompiled`` event on
the ``digest`` stream — in the same append as the digest's AlertQueued, with an
expected stream version, so two runs can never cover the same range and a crash can
never lose or repeat one. Nothing to report means no mail (the range is still recorded
so the next run does not read it again).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from monitor import events as ev
from monitor.alerts.queue import already_told, build_alert, claim_key, facts_of, ledger_view
from monitor.app import App
from monitor.projections.articles import listing


def last_covered(app: App) -> tuple[int, int]:
    """(position the previous digest covered up to, version of the digest stream)."""
    version = app.store.stream_version(ev.DIGEST_STREAM)
    if version == 0:
        return 0, 0
    last = next(iter(app.store.read_stream(ev.DIGEST_STREAM, from_version=version)))
    return int(last.data["through"]), version


def last_due(digest_time: str, timezone: str, now: datetime) -> datetime:
    """The latest moment at or before ``now`` when the daily digest was due (``digest_time`` in ``timezone``)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    hour, minute = (int(part) for part in digest_time.split(":"))
    local = now.astimezone(ZoneInfo(timezone))
    due = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if due > local:
        due = (local - timedelta(days=1)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return due


def digest_missed(app: App, now: datetime | None = None) -> bool:
    """True when a change held for the digest was recorded before the last due time and no digest has covered
    it: the daemon was not running at that time (the job fires only while it runs), so it is due now rather
    than a day late at the next due time."""
    alerts = app.config.alerts
    if alerts.mode != "digest" or not alerts.enabled():
        return False
    due = last_due(alerts.digest_time, alerts.timezone, now or ev.utc_now())
    after, _ = last_covered(app)
    through, _ = app.store.head()
    for diffed in held_diffs(app, after, through):
        held_at = ev.parse_timestamp(diffed.recorded_at)
        if held_at is not None and held_at < due:
            return True
    return False


def held_diffs(app: App, after: int, through: int) -> list[Any]:
    """The newest held ClaimsDiffed of each article in (after, through]."""
    latest: dict[str, Any] = {}
    for event in app.store.read_all(after=after, types=[ev.CLAIMS_DIFFED]):
        if event.position > through:
            break
        if event.data.get("held_for_digest"):
            latest[event.data["article_id"]] = event  # a revision replaces what came before
    return sorted(latest.values(), key=lambda e: e.position)


def _claims_of(app: App, diffed: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the ClaimsExtracted data, its claims) recorded with this ClaimsDiffed."""
    d = diffed.data
    key = (d["article_id"], d.get("content_hash") or "", d.get("extractor_version") or "", d.get("baseline_id") or "")
    extracted = app.store.get(ev.event("x", ev.CLAIMS_EXTRACTED, {}, key=key).event_id)
    if extracted is None:  # never apart in practice: both go in one append
        return {}, []
    return extracted.data, list(extracted.data.get("claims") or [])


def _article(app: App, article_id: str, extracted: dict[str, Any]) -> dict[str, Any]:
    title, link, feed_id, published = listing(app.store, article_id)
    return {
        "title": extracted.get("title") or title or "",
        "outlet": extracted.get("outlet") or feed_id or "",
        "feed_id": feed_id or "",
        "published": extracted.get("published") or published,
        "link": link,
        "article_id": article_id,
    }


def digest_entries(app: App, diffs: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entries for the message, changes told) from held ClaimsDiffed events.

    A change is a verdict listed in ``[alerts] verdicts`` about a figure not told before;
    the ledger line of each key is the ledger as it stands when the digest is compiled.
    """
    wanted = set(app.config.alerts.verdicts)
    entries, told = [], []
    ledgers: dict[str, dict[str, Any]] = {}
    for diffed in diffs:
        extracted, claims = _claims_of(app, diffed)
        by_id = {c["id"]: c for c in claims}
        items = []
        for verdict in diffed.data.get("verdicts") or []:
            claim = by_id.get(verdict.get("claim"))
            if claim is None or verdict.get("verdict") not in wanted:
                continue
            if already_told(app, claim_key(claim), claim.get("quantity")):
                continue
            key = claim_key(claim)
            if key not in ledgers:
                ledgers[key] = ledger_view(app, key) or {"key": key}
            items.append({"claim": claim, "verdict": verdict, "ledger": ledgers[key]})
        if items:
            entries.append({"article": _article(app, diffed.data["article_id"], extracted), "items": items})
            told += items
    return entries, told


def queue_digest(app: App, now: datetime | None = None) -> str | None:
    """Compile the changes held since the previous digest into one queued message.

    Returns the alert id, or None when there is nothing to tell (no mail then).
    Safe to call at any time and repeatedly: a second call right after the first finds
    an empty range.
    """
    alerts = app.config.alerts
    if not alerts.enabled():
        return None
    app.catch_up()
    now = now or ev.utc_now()
    after, version = last_covered(app)
    through, _ = app.store.head()
    if through <= after:
        return None
    diffs = held_diffs(app, after, through)
    if not diffs:
        return None
    entries, told = digest_entries(app, diffs)
    alert_id = f"digest-{through}" if entries else None
    marker = ev.event(
        ev.DIGEST_STREAM,
        ev.DIGEST_COMPILED,
        {
            "after": after,
            "through": through,
            "alert_id": alert_id,
            "articles": len(entries),
            "changes": len(told),
            "compiled_at": ev.timestamp(now),
        },
        key=("digest", str(after), str(through)),
    )
    batch = [marker]
    if entries:
        keys = list(dict.fromkeys(item["ledger"]["key"] for entry in entries for item in entry["items"]))
        start = min(e.recorded_at for e in diffs)
        batch.insert(
            0,
            build_alert(
                app,
                kind="digest",
                alert_id=alert_id or "",
                created_at=ev.timestamp(now),
                body={"entries": entries, "period": {"start": start, "end": ev.timestamp(now)}},
                ledger_keys=keys,
                facts=facts_of(told),
                extra={"covers": {"after": after, "through": through}},
            ),
        )
    # The expected version makes a concurrent second run fail instead of covering the range twice.
    app.store.append(batch, expected={ev.DIGEST_STREAM: version})
    app.catch_up()
    return alert_id
