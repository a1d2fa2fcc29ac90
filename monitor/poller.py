"""One poll cycle: fetch each feed, parse what can hold news, record every entry once.

The promise: every entry of every feed becomes exactly one ArticleDiscovered — never twice
(deterministic event ids from the article id), never missed (a feed's events commit
together; a crash before the commit re-polls the same entries next time) — and no feed,
however broken, stops the cycle (each failure is a FeedFailed event with an error kind).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from . import events as ev
from .app import App
from .config import Config, FeedConfig

NETWORK_KINDS = {"dns", "connect"}
MAX_POLL_FLOOR_SECONDS = 24 * 3600


@dataclass
class FeedResult:
    feed_id: str
    status: str
    new: int = 0
    seen: int = 0
    revised: int = 0
    error_kind: str | None = None
    error: str | None = None
    http_status: int | None = None
    new_article_ids: list[str] = field(default_factory=list)

    def as_log(self) -> dict[str, Any]:
        return {"feed": self.feed_id, "status": self.status, "new": self.new, "seen": self.seen,
                "revised": self.revised, "error_kind": self.error_kind, "error": self.error}


@dataclass
class CycleSummary:
    results: list[FeedResult]
    outage: bool = False
    alerts: dict[str, int] = field(default_factory=dict)

    def headline(self) -> str:
        if self.outage:
            return (f"network unreachable: all {len(self.results)} feeds failed to connect; "
                    "nothing is wrong with the feeds, polling resumes when the network is back")
        failed = sum(1 for r in self.results if r.error_kind)
        new = sum(r.new for r in self.results)
        return f"{len(self.results)} feeds polled: {new} new articles, {failed} failed"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def feed_state(app: App, feed_id: str) -> dict[str, Any]:
    with app.store.reading() as db:
        cursor = db.execute("SELECT * FROM feeds WHERE feed_id = ?", [feed_id])
        row = cursor.fetchone()
        names = [c[0] for c in cursor.description]
    return dict(zip(names, row)) if row else {}


def fetch_limits(config: Config):
    from .fetch import FetchLimits

    f = config.fetch
    return FetchLimits(connect_timeout=f.timeout_seconds, read_timeout=f.timeout_seconds,
                       deadline_seconds=f.deadline_seconds, max_bytes=f.max_bytes,
                       max_redirects=f.max_redirects, user_agent=f.user_agent)


def raw_hash(raw: dict[str, Any]) -> str:
    material = json.dumps([raw.get("title"), raw.get("content"), raw.get("summary")], sort_keys=True, default=str)
    return hashlib.sha256(material.encode()).hexdigest()


def _known_articles(app: App, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    with app.store.reading() as db:
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for article_id, feeds, content_hash in db.execute(
                    f"SELECT article_id, feeds, content_hash FROM articles WHERE article_id IN ({marks})", chunk):
                found[article_id] = {"feeds": json.loads(feeds or "[]"), "content_hash": content_hash}
    return found


def _failure(app: App, feed: FeedConfig, url: str, state: dict[str, Any], exc, now: datetime,
             rng: random.Random) -> tuple[list, FeedResult]:
    from .backoff import next_delay

    kind = getattr(exc, "kind", "io")
    status = getattr(exc, "status", None)
    failures = (state.get("failures_in_row") or 0) + 1
    stream = ev.feed_stream(feed.id)
    if kind == "http_status" and status == 410:
        return ([ev.event(stream, ev.FEED_DISABLED, {"feed_id": feed.id, "url": url, "status": 410,
                                                      "reason": "the server says the feed is gone (410)"})],
                FeedResult(feed.id, "disabled", error_kind=kind, error=str(exc), http_status=status))
    delay = next_delay(failures, app.config.interval_for(feed) * 60,
                       cap_seconds=app.config.schedule.max_backoff_hours * 3600, rng=rng)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        delay = max(delay, float(retry_after))
    data = {"feed_id": feed.id, "url": url, "kind": kind, "message": str(exc), "status": status,
            "retry_after": retry_after, "failures_in_row": failures, "outage": False,
            "failed_at": _iso(now), "next_poll_at": _iso(now + timedelta(seconds=delay))}
    return ([ev.event(stream, ev.FEED_FAILED, data)],
            FeedResult(feed.id, "failed", error_kind=kind, error=str(exc), http_status=status))


def poll_feed(app: App, feed: FeedConfig, *, client, gate, parse: Callable, now: datetime,
              rng: random.Random) -> tuple[list, FeedResult]:
    """Fetch and parse one feed; return the events to append (not yet appended) and a result."""
    from .entries import article_id as entry_article_id
    from .entries import materially_changed, normalise_entry
    from .errors import FetchError
    from .fetch import fetch

    state = feed_state(app, feed.id)
    if state.get("status") == "disabled":
        return [], FeedResult(feed.id, "disabled")
    url = state["url"] if state.get("moved_from") == feed.url and state.get("url") else feed.url
    stream = ev.feed_stream(feed.id)
    events: list = []
    try:
        with gate(url):
            result = fetch(url, client=client, limits=fetch_limits(app.config),
                           etag=state.get("etag"), last_modified=state.get("last_modified"))
    except FetchError as exc:
        return _failure(app, feed, url, state, exc, now, rng)
    if getattr(result, "moved_to", None):
        events.append(ev.event(stream, ev.FEED_MOVED, {"feed_id": feed.id, "from_url": url,
                                                        "to_url": result.moved_to, "status": 301}))
    interval = app.config.interval_for(feed) * 60
    floor = min(float(getattr(result, "cache_hint_seconds", None) or 0), MAX_POLL_FLOOR_SECONDS)
    polled = {"feed_id": feed.id, "url": getattr(result, "moved_to", None) or url, "status": result.status,
              "etag": result.etag, "last_modified": result.last_modified, "polled_at": _iso(now),
              "body_sha256": result.body_sha256}
    if result.not_modified or (result.body_sha256 and result.body_sha256 == state.get("body_sha256")):
        polled.update(not_modified=result.not_modified, unchanged_body=not result.not_modified, new=0,
                      next_poll_at=_iso(now + timedelta(seconds=max(interval, floor))))
        events.append(ev.event(stream, ev.FEED_POLLED, polled))
        return events, FeedResult(feed.id, "304" if result.not_modified else "unchanged", http_status=result.status)
    try:
        parsed = parse(result.body, result.headers, result.url)
    except FetchError as exc:
        return _failure(app, feed, url, state, exc, now, rng)
    ttl_floor = min(float(parsed.ttl_minutes or 0) * 60, MAX_POLL_FLOOR_SECONDS)
    raw_entries = list(parsed.entries)
    # Scoped by feed id, not URL: a moved feed must not rediscover its whole backlog.
    ids = [entry_article_id(raw, feed.id) for raw in raw_entries]
    known = _known_articles(app, list(dict.fromkeys(ids)))
    outcome = FeedResult(feed.id, "ok", http_status=result.status)
    seen_now: set[str] = set()
    for raw, article_id in zip(raw_entries, ids):
        if article_id in seen_now:
            continue
        seen_now.add(article_id)
        article_stream = ev.article_stream(article_id)
        previous = known.get(article_id)
        if previous is None:
            entry = normalise_entry(raw, feed_id=feed.id, first_seen=now)
            if feed.full_text and entry.link:
                entry = _with_full_text(app, entry, client, gate)
            events.append(ev.event(article_stream, ev.ARTICLE_DISCOVERED, {
                **_entry_data(entry), "feed_id": feed.id, "first_seen_at": _iso(now), "raw_hash": raw_hash(raw),
            }, key=(article_id,)))
            outcome.new += 1
            outcome.new_article_ids.append(article_id)
            continue
        outcome.seen += 1
        if feed.id not in previous["feeds"]:
            events.append(ev.event(article_stream, ev.ARTICLE_SIGHTED, {
                "article_id": article_id, "feed_id": feed.id, "link": raw.get("link"), "seen_at": _iso(now)},
                key=(article_id, feed.id)))
        entry = normalise_entry(raw, feed_id=feed.id, first_seen=now)
        if entry.content_hash != previous["content_hash"]:
            old = _latest_text(app, article_id)
            if old is not None and materially_changed(old[0], old[1], entry.title, entry.text):
                events.append(ev.event(article_stream, ev.ARTICLE_REVISED, {
                    "article_id": article_id, "feed_id": feed.id, "title": entry.title, "text": entry.text,
                    "content_hash": entry.content_hash, "revised_at": _iso(now)},
                    key=(article_id, entry.content_hash)))
                outcome.revised += 1
                outcome.new_article_ids.append(article_id)
    previous_keys = set(json.loads(state.get("last_entry_keys") or "[]"))
    gap = bool(previous_keys) and len(raw_entries) >= 10 and not previous_keys & set(ids)
    next_seconds = max(interval / 2 if gap else interval, ttl_floor, floor)
    polled.update(entries=len(raw_entries), new=outcome.new, seen=outcome.seen, revised=outcome.revised,
                  bozo=bool(parsed.bozo), bozo_reason=parsed.bozo_reason, ttl_minutes=parsed.ttl_minutes,
                  gap_suspected=gap, entry_keys=ids[:200], next_poll_at=_iso(now + timedelta(seconds=next_seconds)))
    events.append(ev.event(stream, ev.FEED_POLLED, polled))
    return events, outcome


def _entry_data(entry) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(entry)


def _latest_text(app: App, article_id: str) -> tuple[str, str] | None:
    from .pipeline import article_state

    state = article_state(app, article_id)
    return (state.title or "", state.text) if state else None


def _with_full_text(app: App, entry, client, gate):
    from dataclasses import replace

    from .fetch import fetch_article_text

    try:
        with gate(entry.link):
            text, reason = fetch_article_text(entry.link, client, fetch_limits(app.config))
    except Exception as exc:  # the feed's own text is still good
        text, reason = None, repr(exc)
    if text:
        return replace(entry, text=text)
    return entry


def poll_cycle(app: App, feeds: list[FeedConfig], *, progress: Callable[[int, int], None] | None = None,
               now: datetime | None = None, rng: random.Random | None = None) -> CycleSummary:
    """Poll feeds concurrently (bounded), append each feed's events in one batch, then process."""
    from .feedparse import parse_feed
    from .fetch import make_client
    from .hostgate import HostGate

    now = now or datetime.now(timezone.utc)
    rng = rng or random.Random()
    gate = HostGate(per_host_concurrency=app.config.fetch.per_host_concurrency,
                    per_host_gap_seconds=app.config.fetch.per_host_gap_seconds)
    results: list[FeedResult] = []
    write_lock = threading.Lock()
    pending_events: dict[str, list] = {}
    first_polls = {f.id for f in feeds if not feed_state(app, f.id).get("polls")}
    client = make_client(fetch_limits(app.config))
    done = 0

    def work(feed: FeedConfig) -> None:
        nonlocal done
        try:
            events, result = poll_feed(app, feed, client=client, gate=gate, parse=parse_feed, now=now, rng=rng)
        except Exception as exc:  # a bug or an unforeseen input: record it, keep going
            events, result = _failure(app, feed, feed.url, feed_state(app, feed.id), exc, now, rng)
        with write_lock:
            pending_events[feed.id] = events
            results.append(result)
            done += 1
            if progress:
                progress(done, len(feeds))

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(app.config.fetch.concurrency, len(feeds) or 1))) as pool:
            list(pool.map(work, feeds))
    finally:
        client.close()
    network_failures = [r for r in results if r.error_kind in NETWORK_KINDS]
    outage = bool(results) and len(network_failures) == len(results)
    for feed in feeds:
        events = pending_events.get(feed.id, [])
        if outage:
            # Offline machine: say so, and don't grow the backoffs of healthy feeds.
            events = [_as_outage(e, app, feed, now) for e in events]
        if events:
            app.store.append(events)
    app.catch_up()
    from .pipeline import process_pending

    # A newly added feed's backlog is history, not news: its first poll mails nothing per article.
    quiet = {a for r in results if r.feed_id in first_polls for a in r.new_article_ids} \
        if app.config.alerts.first_poll_summary else set()
    process_pending(app, quiet=quiet)
    summary = CycleSummary(results=sorted(results, key=lambda r: r.feed_id), outage=outage)
    try:
        from .outbox import deliver_due

        summary.alerts = deliver_due(app)
    except Exception as exc:  # delivery problems never fail a poll; the alerts stay queued
        summary.alerts = {"error": str(exc)}  # type: ignore[dict-item]
    return summary


def _as_outage(event, app: App, feed: FeedConfig, now: datetime):
    if event.type != ev.FEED_FAILED:
        return event
    state = feed_state(app, feed.id)
    data = dict(event.data)
    data.update(outage=True, failures_in_row=state.get("failures_in_row") or 0,
                next_poll_at=_iso(now + timedelta(minutes=app.config.interval_for(feed))))
    return ev.event(event.stream, event.type, data)
