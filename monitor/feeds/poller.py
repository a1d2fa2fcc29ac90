"""Polling: fetch each feed, parse what can hold news, record every entry once.

The promise: every entry of every feed becomes exactly one ArticleDiscovered — never twice
(deterministic event ids from the article id), never missed (a feed's events commit
together as soon as that feed is done; a crash before the commit re-polls the same
entries next time; feeds with nothing new commit together at the end of the cycle) — and
no feed, however broken, stops the cycle (each failure is a FeedFailed event with an error kind).

Cost discipline (the feedparser parse is the only stage that counts):

* a 304, or a 200 whose body hashes the same as the last one seen, costs no parse;
* the parse runs in a process pool (:class:`monitor.feeds.pool.ParsePool`), so fetches of
  other feeds and parses overlap and both cores work; plain RSS 2.0 / Atom 1.0 skip
  feedparser altogether (``feedparse._fast_parse``, same result, a fraction of the time);
* HTML-to-text runs only for entries this feed has not shown before with the same bytes
  (``RawEntry["raw_hash"]``, remembered per feed in ``FeedPolled.entry_keys``, and all of a
  longer feed's by the process that polled it: :class:`EntryMemory`), and in the parse worker
  rather than here (:class:`monitor.feeds.pool.NormaliseRequest`).
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from monitor import events as ev
from monitor.app import App
from monitor.articles import article_state
from monitor.config import Config, FeedConfig
from monitor.errors import FetchError, definite_answer
from monitor.feeds.backoff import next_delay
from monitor.feeds.fetch import ACCEPT_FEED, ACCEPT_HTML, FetchLimits, fetch, fetch_article_text, make_client
from monitor.feeds.hostgate import HostDeferred, HostGate, HostGateTimeout
from monitor.feeds.identity import outlet_key, resolve_article_ids, settle_discoveries
from monitor.feeds.pool import NormaliseRequest, default_pool
from monitor.feeds.watchdog import stopping, wait_for_stop
from monitor.locks import worker_id
from monitor.projections.articles import known_articles
from monitor.projections.feeds import failing_links, feed_state, feed_states, never_polled
from monitor.store import NewEvent

#: Error kinds that may mean "this machine cannot reach the network", not "this feed is broken"
#: (unless the resolver or the host answered: :func:`network_failure`).
NETWORK_KINDS = frozenset({"dns", "connect"})
#: Cache-Control, Expires and <ttl> may delay a poll, never by more than this.
MAX_POLL_FLOOR_SECONDS = 24 * 3600
#: How many "article_id:raw_hash" pairs a FeedPolled remembers (bounds the event size).
MAX_REMEMBERED_ENTRIES = 500
#: How long a poll that lost its parse worker waits to learn whether the process is stopping.
WORKER_DEATH_GRACE_SECONDS = 1.0
#: A feed showing at least this many entries, none shared with the previous poll, has
#: probably dropped some we never saw.
GAP_MIN_ENTRIES = 5


def network_failure(kind: str | None, message: str | None) -> bool:
    """Could this failure be the machine's network rather than the feed? A name the resolver
    says does not exist, or a host that refused, is the feed's own: a machine offline hears
    no answer at all, so those are reported like any failing feed even when every feed has them."""
    return kind in NETWORK_KINDS and not definite_answer(kind, message)


class Parser(Protocol):
    """Parses a feed body; with ``normalise`` it also normalises the entries not seen
    before (``ParsedFeed.normalised``), which the pool does in its worker processes."""

    def parse(self, body: bytes, headers: Mapping[str, str], url: str, normalise: Any = None) -> Any: ...


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
    #: link id -> the outlet's own id, should another outlet own the link (feeds.identity)
    alternate_ids: dict[str, str] = field(default_factory=dict)
    gap_suspected: bool = False
    #: article id → what the parse worker's ``analyse`` made of a new or revised article
    analysed: dict[str, Any] = field(default_factory=dict)
    entries_cut: int = 0  # entries past the parser's cap (parse.MAX_ENTRIES), never read
    #: a page source's article pages that could not be read now ("URL: reason"), tried again next poll
    pages_unread: list[str] = field(default_factory=list)
    #: a page source's article pages given up at this poll after failing too often ("URL: reason")
    pages_given_up: list[str] = field(default_factory=list)

    @property
    def network_failure(self) -> bool:
        """Failed as a machine offline would (see :func:`network_failure`)."""
        return network_failure(self.error_kind, self.error)

    def note(self) -> str:
        """The summary's word on this feed: its error, or what the poll left out."""
        if self.error:
            return self.error
        said = []
        if self.entries_cut:
            said.append(f"cut at the entry cap: {self.entries_cut} more entries not read")
        if self.pages_unread:
            count = len(self.pages_unread)
            pages = "article page" if count == 1 else "article pages"
            said.append(f"{count} {pages} left for the next poll, unreadable now: {self.pages_unread[0]}")
        if self.pages_given_up:
            count = len(self.pages_given_up)
            pages = "article page" if count == 1 else "article pages"
            said.append(f"{count} {pages} given up, failing poll after poll: {self.pages_given_up[0]}")
        return "; ".join(said)

    def as_log(self) -> dict[str, Any]:
        return {
            "feed": self.feed_id,
            "status": self.status,
            "http_status": self.http_status,
            "new": self.new,
            "seen": self.seen,
            "revised": self.revised,
            "error_kind": self.error_kind,
            "error": self.error,
            **({"note": self.note()} if not self.error and self.note() else {}),
        }


@dataclass
class PollSummary:
    """What one round of polling found: a result per feed, and whether the machine was offline."""

    results: list[FeedResult]
    outage: bool = False
    #: feeds polled for the first time in this round (their backlog is history, not news)
    first_polls: frozenset[str] = frozenset()
    seconds: float = 0.0

    def first_poll_articles(self) -> set[str]:
        """The articles found by the first poll of a newly added feed."""
        return {a for r in self.results if r.feed_id in self.first_polls for a in r.new_article_ids}

    def analysed(self) -> dict[str, Any]:
        """article id → the parse workers' analysis, for the new and revised articles they analysed."""
        return {a: found for r in self.results for a, found in r.analysed.items()}


def remembered_entries(state: Mapping[str, Any]) -> dict[str, str]:
    """article_id → raw_hash of the entries the feed showed at its last parsed poll, as far as
    its FeedPolled recorded them (the first :data:`MAX_REMEMBERED_ENTRIES`).

    Older events stored bare article ids; those map to "" (known, bytes unknown).
    """
    try:
        keys = json.loads(state.get("last_entry_keys") or "[]")
    except (TypeError, ValueError):
        return {}
    return _entry_map(keys if isinstance(keys, list) else [])


def _entry_map(keys: Sequence[Any]) -> dict[str, str]:
    """``["article_id:raw_hash", ...]`` as article_id → raw_hash."""
    out: dict[str, str] = {}
    for key in keys:
        if isinstance(key, str):
            article_id, _, digest = key.partition(":")
            out[article_id] = digest
    return out


class EntryMemory:
    """Every entry a big feed showed at its last parsed poll, kept by the process that polled it.

    A FeedPolled records at most :data:`MAX_REMEMBERED_ENTRIES` entries (the event's size, at
    every poll, in an append-only log), so a feed showing thousands had all the others normalised
    again in the parse worker, analysed again and looked up in the articles table at every poll
    (bench/big_feed_bench.py). The daemon polls the same feed poll after poll: it keeps the whole
    map here, one per feed, and uses it only while the feed's row still shows the poll that made
    it (the same body hash and the same recorded entries), so a poll by another process, a
    rebuild or a `feeds retry` in between falls back to what the log recorded.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: (database, feed id) -> (body hash, the entries the event recorded, every entry)
        self._kept: dict[tuple[str, str], tuple[str, dict[str, str], dict[str, str]]] = {}

    def recall(self, where: str, feed_id: str, state: Mapping[str, Any], recorded: dict[str, str]) -> dict[str, str]:
        """Every entry of the feed's last parsed poll if this process made it, else ``recorded``."""
        with self._lock:
            kept = self._kept.get((where, feed_id))
        if kept is not None and state.get("body_sha256") and kept[0] == state["body_sha256"] and kept[1] == recorded:
            return kept[2]
        return recorded

    def keep(self, where: str, feed_id: str, body_sha256: str | None, keys: Sequence[str]) -> None:
        """Remember ``keys`` ("article_id:raw_hash", every entry of a parsed poll) when the event records fewer."""
        with self._lock:
            if body_sha256 and len(keys) > MAX_REMEMBERED_ENTRIES:
                self._kept[(where, feed_id)] = (
                    body_sha256,
                    _entry_map(keys[:MAX_REMEMBERED_ENTRIES]),
                    _entry_map(keys),
                )
            else:
                self._kept.pop((where, feed_id), None)


#: The poller's :class:`EntryMemory` (one per process: the daemon's cycles share it).
ENTRY_MEMORY = EntryMemory()


def _failure(
    app: App, feed: FeedConfig, url: str, state: dict[str, Any], exc: BaseException, now: datetime, rng: random.Random
) -> tuple[list[NewEvent], FeedResult]:
    kind = getattr(exc, "kind", "io")
    status = getattr(exc, "status", None)
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    failures = (state.get("failures_in_row") or 0) + 1
    stream = ev.feed_stream(feed.id)
    if kind == "http_status" and status == 410:
        return (
            [
                ev.event(
                    stream,
                    ev.FEED_DISABLED,
                    {"feed_id": feed.id, "url": url, "status": 410, "reason": "the server says the feed is gone (410)"},
                )
            ],
            FeedResult(feed.id, "disabled", error_kind=kind, error=gone_note(feed, url), http_status=status),
        )
    delay = next_delay(
        failures, app.config.interval_for(feed) * 60, cap_seconds=app.config.schedule.max_backoff_hours * 3600, rng=rng
    )
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        # The server said when; never come back earlier (capped like the other hints).
        delay = max(delay, min(float(retry_after), MAX_POLL_FLOOR_SECONDS))
    data: ev.FeedFailedData = {
        "feed_id": feed.id,
        "url": url,
        "kind": kind,
        "message": message,
        "status": status,
        "retry_after": retry_after,
        "failures_in_row": failures,
        "outage": False,
        "failed_at": ev.timestamp(now),
        "next_poll_at": ev.timestamp(now + timedelta(seconds=delay)),
    }
    if not hasattr(exc, "kind"):
        data["internal_error"] = True  # our bug, not the feed's: worth a report
    if retry_after:  # a refusal with a time to come back: the summary says "deferred", the log keeps the 429
        return (
            [ev.event(stream, ev.FEED_FAILED, data)],
            FeedResult(
                feed.id,
                "deferred",
                error_kind=kind,
                http_status=status,
                error=f"{message}: the server asked for a pause, next poll at {data['next_poll_at']}",
            ),
        )
    return (
        [ev.event(stream, ev.FEED_FAILED, data)],
        FeedResult(feed.id, "failed", error_kind=kind, error=message, http_status=status),
    )


def _host_deferred(feed: FeedConfig, url: str, seconds: float, now: datetime) -> tuple[list[NewEvent], FeedResult]:
    """Not polled: the feed's host asked for a pause (see HostGate.rate_limited). Not the
    feed's failure either, so no FeedFailed: a FeedDeferred says when to come back."""
    host = HostGate.host_key(url)
    until = ev.timestamp(now + timedelta(seconds=math.ceil(min(seconds, MAX_POLL_FLOOR_SECONDS))))
    data = {"feed_id": feed.id, "url": url, "host": host, "deferred_at": ev.timestamp(now), "next_poll_at": until}
    return (
        [ev.event(ev.feed_stream(feed.id), ev.FEED_DEFERRED, data)],
        FeedResult(feed.id, "deferred", error=f"host {host} asked for a pause (Retry-After); next poll at {until}"),
    )


def gone_url(feed: FeedConfig, state: Mapping[str, Any]) -> str | None:
    """The URL a 410 disabled this feed at, while the config still leads there; else None.

    A new ``url`` in config.toml is the operator's answer to a feed that moved without a
    redirect, so it is polled again (and a success clears the disabled status)."""
    if state.get("status") != "disabled":
        return None
    url = current_url(feed, state)
    return url if state.get("url") in (None, url) else None


def gone_note(feed: FeedConfig, url: str) -> str:
    """The one line an operator reads about a feed the server says is gone: what, where, what to do."""
    return (
        f"the server says {url} is gone (HTTP 410), so it is no longer polled: put the feed's new address"
        f" in its url in config.toml, or remove it (monitor feeds remove {feed.id}); if it is back,"
        f" monitor feeds retry {feed.id}"
    )


def current_url(feed: FeedConfig, state: Mapping[str, Any]) -> str:
    """The URL to fetch: the one the feed permanently moved to, unless the config changed.

    FeedMoved records the configured URL as ``from_url`` (the projection's ``moved_from``),
    so a chain of moves keeps following, and editing the URL in config.toml wins.
    """
    if state.get("moved_from") == feed.url and state.get("url"):
        return str(state["url"])
    return feed.url


def validators_belong_to(state: Mapping[str, Any], url: str) -> bool:
    """Whether the validators in the feed's row were earned at ``url``: the row's URL is the one its
    last poll recorded, so not after a permanent redirect or a ``url`` edited in config.toml.
    Validators name a copy of one resource: sent to another, a 304 would stand for a feed that URL
    never gave us."""
    return state.get("url") == url


def validators_for(state: Mapping[str, Any], url: str) -> tuple[str | None, str | None]:
    """The conditional-GET validators (etag, last_modified) to send to ``url``: the row's if they belong to it."""
    if not validators_belong_to(state, url):
        return None, None
    return state.get("etag"), state.get("last_modified")


def poll_feed(
    app: App,
    feed: FeedConfig,
    *,
    client,
    gate,
    parse: Callable[..., Any],
    now: datetime,
    rng: random.Random,
    limits=None,
    analyse: Callable[[Any], Any] | None = None,
    state: Mapping[str, Any] | None = None,
) -> tuple[list[NewEvent], FeedResult]:
    """Fetch and parse one feed; return the events to append (not yet appended) and a result.

    ``analyse`` runs in the parse worker on each entry it normalises (see
    :class:`monitor.feeds.pool.NormaliseRequest`); its results for the new and revised
    articles come back in ``FeedResult.analysed``. ``state`` is the feed's row as
    :func:`feed_state` reads it, when the caller has it already.
    """
    limits = limits or FetchLimits.from_config(app.config.fetch)
    state = dict(state) if state is not None else feed_state(app.store, feed.id)
    gone = gone_url(feed, state)
    if gone is not None:
        return [], FeedResult(feed.id, "disabled", error=gone_note(feed, gone), http_status=410)
    url = current_url(feed, state)
    etag, last_modified = validators_for(state, url)
    stream = ev.feed_stream(feed.id)
    events: list[NewEvent] = []
    try:
        with gate(url):
            result = fetch(
                url,
                client=client,
                limits=limits,
                etag=etag,
                last_modified=last_modified,
                accept=ACCEPT_HTML if feed.type == "page" else ACCEPT_FEED,
            )
    except HostDeferred as exc:  # never waited for: the pause may outlast the cycle
        return _host_deferred(feed, url, exc.seconds, now)
    except HostGateTimeout as exc:  # our own queue, not the feed's fault: try next time
        return [], FeedResult(feed.id, "deferred", error=str(exc))
    except FetchError as exc:
        if exc.retry_after:
            told_to_wait(gate)(url, exc.retry_after)
        return _failure(app, feed, url, state, exc, now, rng)
    if result.moved_to:
        events.append(
            ev.event(
                stream,
                ev.FEED_MOVED,
                {
                    "feed_id": feed.id,
                    "from_url": feed.url,
                    "via_url": url,
                    "to_url": result.moved_to,
                    "status": result.moved_status or 301,
                },
            )
        )
    interval = app.config.interval_for(feed) * 60
    floor = min(float(result.cache_hint_seconds or 0), MAX_POLL_FLOOR_SECONDS)
    polled_url = result.moved_to or url
    # A null validator keeps the row's (a 304 may leave them out), but those belong to another URL
    # after a move or a config edit: the first poll of a URL says "none" ("") where it got none.
    held = state.get("etag") or state.get("last_modified")
    none_here = "" if held and not validators_belong_to(state, polled_url) else None
    polled: dict[str, Any] = {
        "feed_id": feed.id,
        "url": polled_url,
        "status": result.status,
        "etag": result.etag or none_here,
        "last_modified": result.last_modified or none_here,
        "polled_at": ev.timestamp(now),
        "body_sha256": result.body_sha256,
    }
    if state.get("resets"):  # absent for a feed never retried: no bytes on nearly every poll
        polled["resets_seen"] = state["resets"]
    if result.not_modified or (result.body_sha256 and result.body_sha256 == state.get("body_sha256")):
        polled.update(
            not_modified=result.not_modified,
            unchanged_body=not result.not_modified,
            new=0,
            next_poll_at=ev.timestamp(now + timedelta(seconds=max(interval, floor))),
        )
        events.append(ev.event(stream, ev.FEED_POLLED, polled))
        return events, FeedResult(feed.id, "304" if result.not_modified else "unchanged", http_status=result.status)
    remembered = ENTRY_MEMORY.recall(str(app.db_path), feed.id, state, remembered_entries(state))
    unreadable: list[str] = []
    given_up: list[str] = []
    try:
        if feed.type == "page":  # its links are the items, each read from its own page (monitor.feeds.page)
            # Imported here: it brings the feed parser along, which a poll of feeds leaves to the workers.
            from monitor.feeds.page import PageWork, read_page

            work = PageWork(
                client,
                limits,
                gate,
                rate_limited=told_to_wait(gate),
                outlet=outlet_key(app.config, feed.id),
                known=lambda ids: {
                    found for found, row in known_articles(app.store, ids).items() if feed.id in row["feeds"]
                },
            )
            page = read_page(
                result,
                feed_id=feed.id,
                item_selector=feed.item_selector,
                remembered=remembered,
                work=work,
                unread_links=failing_links(state),
                now=now,
            )
            parsed, unreadable, given_up = page.parsed, page.unreadable, page.given_up
            polled["unread_links"] = page.unread_links
            if page.incomplete:  # some links wait: read the whole list again next time, not a 304
                polled.update(etag="", last_modified="", body_sha256="")
        else:
            parsed = parse(
                result.body, result.headers, result.url, normalise=NormaliseRequest(feed.id, now, remembered, analyse)
            )
    except FetchError as exc:
        return _failure(app, feed, url, state, exc, now, rng)
    ttl_floor = min(float(parsed.ttl_minutes or 0) * 60, MAX_POLL_FLOOR_SECONDS)
    raw_entries = list(parsed.entries)
    # Scoped by feed id, not URL: a moved feed must not rediscover its whole backlog; a link
    # another outlet owns gets this outlet's own id (feeds/identity.py).
    ids, alternates, known = resolve_article_ids(app, feed, raw_entries, remembered)
    outcome = FeedResult(feed.id, "ok", http_status=result.status, alternate_ids=alternates)
    outcome.entries_cut = getattr(parsed, "entries_cut", 0)
    outcome.pages_unread = unreadable
    outcome.pages_given_up = given_up
    outcome.new, outcome.seen, outcome.revised, article_events = _entry_events(
        app,
        feed,
        raw_entries,
        ids,
        remembered,
        now,
        EntryWork(client, gate, limits, result.url, getattr(parsed, "normalised", None) or {}, known),
        outcome.new_article_ids,
    )
    events.extend(article_events)
    analysed = getattr(parsed, "analysed", None) or {}
    if analysed:
        wanted = set(outcome.new_article_ids)
        outcome.analysed = {
            article: analysed[raw.get("index", -1)]
            for article, raw in zip(ids, raw_entries)
            if article in wanted and raw.get("index", -1) in analysed
        }
    # A full feed that shares nothing with its previous poll has rolled past entries we
    # never saw: say so, and come back sooner.
    previous_count = state.get("entries_last_poll") or 0
    gap = (
        bool(remembered)
        and len(ids) >= max(GAP_MIN_ENTRIES, min(previous_count, len(remembered)))
        and not set(remembered) & set(ids)
    )
    outcome.gap_suspected = gap
    next_seconds = max(interval / 2 if gap else interval, ttl_floor, floor)
    hashes = list(dict.fromkeys(f"{a}:{raw['raw_hash']}" for a, raw in zip(ids, raw_entries)))
    ENTRY_MEMORY.keep(str(app.db_path), feed.id, polled.get("body_sha256"), hashes)
    polled.update(
        entries=len(raw_entries),
        new=outcome.new,
        seen=outcome.seen,
        revised=outcome.revised,
        bozo=bool(parsed.bozo),
        bozo_reason=parsed.bozo_reason,
        ttl_minutes=parsed.ttl_minutes,
        gap_suspected=gap,
        entry_keys=hashes[:MAX_REMEMBERED_ENTRIES],
        next_poll_at=ev.timestamp(now + timedelta(seconds=next_seconds)),
    )
    metadata: dict[str, Any] = {"bozo_reason": parsed.bozo_reason} if parsed.bozo else {}
    if parsed.notes:
        metadata["parse_notes"] = list(parsed.notes)[:20]
    if result.notes:  # the transfer's oddities (a coding declared and not applied, or applied and not declared)
        metadata["fetch_notes"] = list(result.notes)[:20]
    events.append(ev.event(stream, ev.FEED_POLLED, polled, metadata=metadata))
    return events, outcome


@dataclass
class EntryWork:
    """What turning entries into events may need besides the entries: the HTTP client,
    gate and limits for full-text fetches, the feed's URL (the address class those
    fetches must keep to), the entries the parse worker already normalised, and what the
    articles table knows of the entries' ids (read when the ids were chosen)."""

    client: Any
    gate: Any
    limits: Any
    feed_url: str
    normalised: Mapping[int, Any] = field(default_factory=dict)
    known: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # from identity.resolve_article_ids


def _entry_events(
    app: App,
    feed: FeedConfig,
    raw_entries: Sequence[Mapping[str, Any]],
    ids: list[str],
    remembered: dict[str, str],
    now: datetime,
    work: EntryWork,
    new_ids: list[str],
) -> tuple[int, int, int, list[NewEvent]]:
    # Imported here: the normaliser (an HTML parser, its patterns) costs start-up time a poll
    # whose feeds all answer 304 never needs (tests/app/test_lazy_imports.py).
    from monitor.feeds.entries import materially_changed, normalise_entry

    # Entries this feed showed last time with the same bytes need no work at all.
    unchanged = {a for a, raw in zip(ids, raw_entries) if remembered.get(a) == raw["raw_hash"]}
    known = work.known  # read with the ids, so the id chosen and what is known of it agree
    events: list[NewEvent] = []
    new = seen = revised = 0
    done: set[str] = set()
    for raw, article_id in zip(raw_entries, ids):
        if article_id in done:
            continue
        done.add(article_id)
        if article_id in unchanged:
            seen += 1
            continue
        article_stream = ev.article_stream(article_id)
        previous = known.get(article_id)
        entry = work.normalised.get(raw.get("index", -1)) or normalise_entry(raw, feed_id=feed.id, first_seen=now)
        if entry.article_id != article_id:  # the outlet's own id (feeds/identity.py)
            entry = replace(entry, article_id=article_id)
        if previous is None:
            metadata: dict[str, Any] = {}
            if feed.full_text and entry.link:
                entry, metadata["full_text"] = _with_full_text(
                    entry, work.client, work.gate, work.limits, work.feed_url
                )
            events.append(
                ev.event(
                    article_stream,
                    ev.ARTICLE_DISCOVERED,
                    {
                        # vars(), not asdict(): every field is a str, bool or None, and asdict's deep
                        # copy cost 0.2 ms an entry (2 s of a 10,000-entry first poll)
                        **vars(entry),
                        "feed_id": feed.id,
                        "first_seen_at": ev.timestamp(now),
                        "raw_hash": raw["raw_hash"],
                    },
                    key=(article_id,),
                    metadata=metadata,
                )
            )
            new += 1
            new_ids.append(article_id)
            continue
        seen += 1
        if feed.id not in previous["feeds"]:
            events.append(
                ev.event(
                    article_stream,
                    ev.ARTICLE_SIGHTED,
                    {
                        "article_id": article_id,
                        "feed_id": feed.id,
                        "link": raw.get("link"),
                        "seen_at": ev.timestamp(now),
                    },
                    key=(article_id, feed.id),
                )
            )
        # Only the feed that discovered the article revises it: another feed's text is its own.
        if entry.content_hash != previous["content_hash"] and previous["feed_id"] == feed.id:
            old = _latest_text(app, article_id)
            if old is not None and materially_changed(old[0], old[1], entry.title, entry.text):
                events.append(
                    ev.event(
                        article_stream,
                        ev.ARTICLE_REVISED,
                        {
                            "article_id": article_id,
                            "feed_id": feed.id,
                            "title": entry.title,
                            "text": entry.text,
                            "content_hash": entry.content_hash,
                            "raw_hash": raw["raw_hash"],
                            "revised_at": ev.timestamp(now),
                        },
                        key=(article_id, entry.content_hash),
                    )
                )
                revised += 1
                new_ids.append(article_id)
    return new, seen, revised, events


def _latest_text(app: App, article_id: str) -> tuple[str, str] | None:
    state = article_state(app, article_id)
    return (state.title or "", state.text) if state else None


def _with_full_text(entry, client, gate, limits, feed_url: str) -> tuple[Any, dict[str, Any]]:
    """The entry with its page's main text, or unchanged with the reason why not.

    The page must be on the same class of address as the feed (public feeds may not
    point us at loopback or private addresses): see ``fetch.same_address_class``.
    """
    try:
        with gate(entry.link):
            text, reason = fetch_article_text(
                entry.link, client, limits, feed_url=feed_url, rate_limited=told_to_wait(gate)
            )
    except Exception as exc:  # noqa: BLE001 - the feed's own text is still good
        text, reason = None, f"{type(exc).__name__}: {exc}"[:300]
    if text:
        return replace(entry, text=text, text_source="page"), {"ok": True, "chars": len(text)}
    return entry, {"ok": False, "reason": reason or "no text extracted", "kept": entry.text_source}


def told_to_wait(gate: Any) -> Callable[[str, float], object]:
    """Tell ``gate`` that a server asked ``url`` to wait (429/503 Retry-After), capped at a day.

    Feeds and the pages they link to report to the same gate: a host that rate-limits our
    full-text fetches is deferred like one that rate-limits its feeds. A gate that keeps no
    such account (a test's no-op) is not told.
    """
    note = getattr(gate, "rate_limited", None)

    def tell(url: str, seconds: float) -> object:
        return note(url, min(float(seconds), MAX_POLL_FLOOR_SECONDS)) if note is not None else None

    return tell


def make_gate(config: Config):
    """The per-host politeness gate that ``[fetch]`` describes."""
    return HostGate(
        per_host_concurrency=config.fetch.per_host_concurrency, per_host_gap_seconds=config.fetch.per_host_gap_seconds
    )


def make_parser(config: Config):
    """The process pool that parses feeds (shared by every cycle of this process)."""
    return default_pool(config.fetch.parse_workers or None)


def poll_feeds(
    app: App,
    feeds: list[FeedConfig],
    *,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
    parser: Parser | None = None,
    write_lock: AbstractContextManager[Any] | None = None,
    others_unreachable: bool = True,
    gate: Any = None,
    analyse: Callable[[Any], Any] | None = None,
    appended: Callable[[FeedResult, bool], None] | None = None,
) -> PollSummary:
    """Poll feeds concurrently (bounded) and append each feed's events as one batch when it is
    done. Nothing more: what the new articles mean is :func:`monitor.cycle.run_cycle`'s business.

    ``parser`` defaults to the process's shared :class:`ParsePool` (``[fetch]
    parse_workers``, 0 = one per core). ``write_lock`` serialises the store writes with
    other work of the caller (the daemon's other jobs). ``others_unreachable`` is for
    callers that poll a subset of the feeds (the daemon polls one at a time): False when
    some feed outside this cycle was reachable lately, so a failure here is the feed's.
    ``gate`` is the per-host politeness gate; callers that run several cycles at once
    (the daemon's one-feed jobs) must share one, or two feeds of one host are not kept
    apart. ``analyse`` is :func:`poll_feed`'s. ``appended(result, first_poll)`` is called,
    from a polling thread, once a feed's new and revised articles are in the log, so the
    caller may start on them while the other feeds are polled; it must not block.
    """
    started = time.perf_counter()
    now = now or ev.utc_now()
    rng = rng or random.Random()
    lock: Any = write_lock if write_lock is not None else nullcontext()
    appending = threading.Lock()
    limits = FetchLimits.from_config(app.config.fetch)
    gate = gate if gate is not None else make_gate(app.config)
    pool = parser if parser is not None else make_parser(app.config)
    results: list[FeedResult] = []
    held_back: dict[str, list[NewEvent]] = {}  # network failures wait for the outage verdict
    no_news: list[NewEvent] = []  # feed events of feeds without article events
    claimed: dict[str, str] = {}
    states = feed_states(app.store, [f.id for f in feeds])  # one query, not one per feed
    first_polls = never_polled(states)
    client = make_client(limits, max_connections=max(16, app.config.fetch.concurrency))
    done = 0

    def work(feed: FeedConfig) -> None:
        nonlocal done
        internal = False
        if stopping():
            # Feeds the pool had not started when the stop came: not polled, polled at the next start.
            with appending:
                results.append(FeedResult(feed.id, "interrupted"))
                done += 1
                if progress:
                    progress(done, len(feeds))
            return
        try:
            events, result = poll_feed(
                app,
                feed,
                client=client,
                gate=gate,
                parse=pool.parse,
                now=now,
                rng=rng,
                limits=limits,
                analyse=analyse,
                state=states[feed.id],
            )
        except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen input: record it, keep going
            events, result = _failure(app, feed, feed.url, feed_state(app.store, feed.id), exc, now, rng)
            internal = True
        if _cut_by_a_stop(result, internal):
            # The stop cut this feed's fetch or parse: that is no fact about the feed (no
            # FeedFailed), and a body cut short proves nothing. The next start polls it again.
            events, result = [], FeedResult(feed.id, "interrupted")
        events = [_signed(event) for event in events]
        with appending:
            if result.network_failure:
                held_back[feed.id] = events
            elif not any(e.stream.startswith("article:") for e in events):
                # Nothing new (a 304, an unchanged body, a failure): one commit for all of
                # them at the end of the cycle, not one fsync per feed. Lost in a crash, they
                # only cost a conditional GET again.
                no_news.extend(events)
            else:
                with lock:
                    app.store.append(settle_discoveries(app, feed, events, claimed, result.alternate_ids, result))
                if appended is not None and result.new_article_ids:
                    appended(result, feed.id in first_polls)
            results.append(result)
            done += 1
            if progress:
                progress(done, len(feeds))

    try:
        with ThreadPoolExecutor(
            max_workers=max(1, min(app.config.fetch.concurrency, len(feeds) or 1)), thread_name_prefix="poll"
        ) as threads:
            list(threads.map(work, feeds))
    finally:
        client.close()
    # Feeds a stop cut or never started say nothing of the network: an outage is every feed that ran failing so.
    ran = [r for r in results if r.status != "interrupted"]
    network_failures = [r for r in ran if r.network_failure]
    outage = bool(ran) and len(network_failures) == len(ran) and others_unreachable
    with lock:
        if no_news:
            app.store.append(no_news)
        for feed in feeds:
            events = held_back.get(feed.id, [])
            if outage:
                # Offline machine: say so, and don't grow the backoffs of healthy feeds.
                events = [_as_outage(e, app, feed, now) for e in events]
            if events:
                app.store.append(events)
        app.catch_up()
    return PollSummary(
        results=sorted(results, key=lambda r: r.feed_id),
        outage=outage,
        first_polls=first_polls,
        seconds=time.perf_counter() - started,
    )


def _cut_by_a_stop(result: FeedResult, internal: bool) -> bool:
    """Did the process's stop, rather than the feed, end this poll?

    A stop sent to the whole process group (systemd, Ctrl-C) reaches the parse workers at
    the moment it reaches us, and a worker's death can reach a poll thread before the
    signal handler has run on the main thread. So a failure that a dead worker explains
    (or one of our own errors, such as a pool found broken) waits a moment for the stop to show.
    """
    if stopping():
        return True
    worker_died = result.error_kind == "parse_error" and "process died" in (result.error or "")
    if result.error_kind and (internal or worker_died):
        return wait_for_stop(WORKER_DEATH_GRACE_SECONDS)
    return False


def _signed(event: NewEvent) -> NewEvent:
    """A feed's own events name the worker that polled (``host:pid``): with several daemons
    on one log, `monitor events` shows who did what."""
    if not event.stream.startswith("feed:"):
        return event
    return replace(event, metadata={**event.metadata, "worker": worker_id()})


def _as_outage(event: NewEvent, app: App, feed: FeedConfig, now: datetime) -> NewEvent:
    if event.type != ev.FEED_FAILED:
        return event
    state = feed_state(app.store, feed.id)
    data = dict(event.data)
    data.update(
        outage=True,
        failures_in_row=state.get("failures_in_row") or 0,
        next_poll_at=ev.timestamp(now + timedelta(minutes=app.config.interval_for(feed))),
    )
    return ev.event(event.stream, event.type, data, metadata=event.metadata)
