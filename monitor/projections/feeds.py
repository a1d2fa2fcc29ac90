"""The feeds read model: one row per feed (last poll, status, failures in a row, next poll) and the feed_health view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from monitor import events as ev
from monitor.projections._rows import coalesce, json_text
from monitor.store import ProjectedEvent, Projection, ReadModelStore, Table, Tables

FEEDS_DDL = """
CREATE TABLE feeds (
    feed_id TEXT PRIMARY KEY,
    url TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    last_poll_at TEXT,
    last_http_status INTEGER,
    last_success_at TEXT,
    last_new_at TEXT,
    etag TEXT,
    last_modified TEXT,
    body_sha256 TEXT,
    failures_in_row INTEGER NOT NULL DEFAULT 0,
    last_error_kind TEXT,
    last_error TEXT,
    outage INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT,
    entries_last_poll INTEGER,
    new_last_poll INTEGER,
    polls INTEGER NOT NULL DEFAULT 0,
    articles_total INTEGER NOT NULL DEFAULT 0,
    bozo_reason TEXT,
    gap_suspected_at TEXT,
    last_entry_keys TEXT,
    unread_links TEXT,
    moved_from TEXT,
    resets INTEGER NOT NULL DEFAULT 0,
    reset_links TEXT,
    first_seen_at TEXT,
    first_polled_position INTEGER
)
"""

FEEDS_TABLE = Table.from_ddl(FEEDS_DDL, key="feed_id")


def _feed_row(tables: Tables, feed_id: str, url: str | None) -> dict[str, Any]:
    """The feed's row, created with ``url`` if it is new."""
    rows = tables["feeds"]
    row = rows.get(feed_id)
    if row is None:
        row = FEEDS_TABLE.new_row(feed_id=feed_id, url=url)
    return row


def _first_on_stream(row: dict[str, Any], seen_at: str | None) -> None:
    """The moment of the first event on the feed's own stream (how long a silent feed has been watched)."""
    if row["first_seen_at"] is None:
        row["first_seen_at"] = seen_at


#: FeedPolled fields a poll may give as null (a 304 parses nothing): the row keeps what it has, as SQL's COALESCE
#: would (field in the event, column in the row).
_KEPT_UNLESS_GIVEN = (
    ("etag", "etag"),
    ("last_modified", "last_modified"),
    ("body_sha256", "body_sha256"),
    ("entries", "entries_last_poll"),
)


def _on_feed_polled(tables: Tables, e: ProjectedEvent) -> None:
    # Nine events in ten of a log that has run for a while are polls, most of them 304s
    # (bench/store_years.py), so this handler is a rebuild's hottest: it sets the columns one by
    # one and looks each field up once, instead of a row.update() of coalesced values.
    d = e.data
    get = d.get
    feed_id = d["feed_id"]
    url = get("url")
    rows = tables["feeds"]
    row = rows.get(feed_id)
    if row is None:
        row = FEEDS_TABLE.new_row(feed_id=feed_id, url=url)
    polled_at = get("polled_at", e.recorded_at)
    if row["first_seen_at"] is None:
        row["first_seen_at"] = polled_at or e.recorded_at
    if row["first_polled_position"] is None:  # a first poll's backlog was discovered before this
        row["first_polled_position"] = e.position
    new = get("new", 0)
    # Values a poll may leave out (a 304 parses nothing) keep what the row has: SQL's COALESCE.
    if url is not None:
        row["url"] = url
    for field, column in _KEPT_UNLESS_GIVEN:
        value = get(field)
        if value is not None:
            row[column] = value
    row["status"] = "ok"
    row["last_poll_at"] = row["last_success_at"] = polled_at
    row["last_http_status"] = get("status")
    row["failures_in_row"] = row["outage"] = 0
    row["last_error_kind"] = row["last_error"] = None
    row["next_poll_at"] = get("next_poll_at")
    row["new_last_poll"] = new
    row["polls"] += 1
    row["bozo_reason"] = get("bozo_reason")
    entry_keys = get("entry_keys")
    if entry_keys is not None:
        row["last_entry_keys"] = json_text(entry_keys)
    # A page source's failing article links (monitor.feeds.page): only a parsed page says anew.
    unread_links = get("unread_links")
    if _before_a_reset(row, get("resets_seen")):
        # Read from the row before a `feeds retry` this poll raced: the links the retry forgot are
        # still to be fetched, and the validators stay cleared so the next poll reads the page in full.
        forgotten = json.loads(row["reset_links"] or "[]")
        if unread_links is not None:
            unread_links = {url: record for url, record in unread_links.items() if url not in forgotten}
        row["etag"] = row["last_modified"] = row["body_sha256"] = None
    else:
        row["reset_links"] = None
    if unread_links is not None:
        row["unread_links"] = json_text(unread_links)
    if new is not None and new > 0:  # SQL: CASE WHEN NULL > 0 is false
        row["last_new_at"] = polled_at
    if get("gap_suspected"):
        row["gap_suspected_at"] = polled_at
    rows.put(row)


def _before_a_reset(row: dict[str, Any], resets_seen: int | None) -> bool:
    """Whether a poll read the feed's row before a FeedReset that is in the row now. ``resets_seen``
    is absent where it is 0 (a feed never retried, and every poll from before FeedReset existed)."""
    return (resets_seen or 0) < row["resets"]


def _on_feed_failed(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("url"))
    _first_on_stream(row, d.get("failed_at") or e.recorded_at)
    row.update(
        status=row["status"] if row["status"] == "disabled" else "failing",
        last_poll_at=d.get("failed_at", e.recorded_at),
        last_http_status=d.get("status"),
        failures_in_row=d.get("failures_in_row", 1),
        last_error_kind=d.get("kind"),
        last_error=d.get("message"),
        outage=int(bool(d.get("outage"))),
        next_poll_at=d.get("next_poll_at"),
        polls=row["polls"] + 1,
    )
    tables["feeds"].put(row)


def _on_feed_deferred(tables: Tables, e: ProjectedEvent) -> None:
    # Not a poll and not a failure: only when to come back changes.
    row = _feed_row(tables, e.data["feed_id"], e.data.get("url"))
    _first_on_stream(row, e.recorded_at)
    row.update(next_poll_at=coalesce(e.data.get("next_poll_at"), row["next_poll_at"]))
    tables["feeds"].put(row)


def _on_feed_moved(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("to_url"))
    _first_on_stream(row, e.recorded_at)
    row.update(url=d["to_url"], moved_from=d.get("from_url"))
    tables["feeds"].put(row)


def _on_feed_disabled(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("url"))
    _first_on_stream(row, e.recorded_at)
    # The URL that said gone: a new url in config.toml is polled again (feeds.poller.gone_url).
    row.update(
        url=coalesce(d.get("url"), row["url"]),
        status="disabled",
        last_http_status=d.get("status"),
        last_error=d.get("reason"),
        next_poll_at=None,
    )
    tables["feeds"].put(row)


def _on_feed_reset(tables: Tables, e: ProjectedEvent) -> None:
    """The operator's retry (`monitor feeds retry`): the links named lose their failure counts, a
    feed a 410 disabled awaits a poll again, and the validators go, so the next poll reads the
    page in full rather than take a 304 that would leave the links unread."""
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("url"))
    _first_on_stream(row, e.recorded_at)
    if d.get("links"):
        failing = failing_links(row)
        for link in d["links"]:
            failing.pop(link, None)
        row["unread_links"] = json_text(failing)
    # A poll that read the row before this reset (another process's, racing the command) must not
    # give these links up again: it says which resets it saw (FeedPolled.resets_seen).
    row["resets"] += 1
    row["reset_links"] = json_text(sorted({*json.loads(row["reset_links"] or "[]"), *d.get("links", [])}))
    if d.get("enabled") and row["status"] == "disabled":
        # "new" until its next poll says how it is: not "ok" (the health alert would say it
        # recovered before any poll) and not "failing" (no failure has been counted).
        row.update(status="new", last_error=None, last_error_kind=None)
    row.update(etag=None, last_modified=None, body_sha256=None)
    tables["feeds"].put(row)


def _on_article_for_feed(tables: Tables, e: ProjectedEvent) -> None:
    feed_id = e.data.get("feed_id")
    if feed_id:
        row = _feed_row(tables, feed_id, None)
        row["articles_total"] += 1
        tables["feeds"].put(row)


FEEDS = Projection(
    name="feeds",
    # 5: FeedReset (`monitor feeds retry`); rebuilt so that a replica whose older code passed
    # over one (a shared log) applies it.
    # 6: the resets a poll saw (FeedPolled.resets_seen), so a poll racing a retry does not undo it.
    version=6,
    ddl=[FEEDS_DDL],
    tables=["feeds"],
    cached=[FEEDS_TABLE],
    handlers={
        ev.FEED_POLLED: _on_feed_polled,
        ev.FEED_FAILED: _on_feed_failed,
        ev.FEED_DEFERRED: _on_feed_deferred,
        ev.FEED_MOVED: _on_feed_moved,
        ev.FEED_DISABLED: _on_feed_disabled,
        ev.FEED_RESET: _on_feed_reset,
        ev.ARTICLE_DISCOVERED: _on_article_for_feed,
    },
    views=["feed_health"],
    view_ddl=[
        """
CREATE VIEW feed_health AS
SELECT feed_id, url, status, last_poll_at, last_success_at, last_http_status, failures_in_row,
       last_error_kind, last_error, outage, next_poll_at, articles_total, last_new_at,
       CAST(julianday('now') - julianday(COALESCE(last_new_at, last_success_at)) AS REAL) AS days_since_new
FROM feeds ORDER BY feed_id
"""
    ],
    description="one row per feed: last poll, status, failures in a row, next poll",
)


# -- queries --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRow:
    """What feed-health decisions read of a feed's row."""

    feed_id: str
    url: str | None
    status: str
    failures_in_row: int
    last_error_kind: str | None
    last_error: str | None
    outage: bool
    last_success_at: str | None
    last_new_at: str | None
    next_poll_at: str | None
    polls: int
    first_seen_at: str | None = None


def feed_state(store: ReadModelStore, feed_id: str) -> dict[str, Any]:
    """The feed's whole row as a dict; {} for a feed the log has never mentioned."""
    with store.reading() as db:
        cursor = db.execute("SELECT * FROM feeds WHERE feed_id = ?", [feed_id])
        row = cursor.fetchone()
        names = [c[0] for c in cursor.description]
    return dict(zip(names, row)) if row else {}


def feed_states(store: ReadModelStore, feed_ids: list[str]) -> dict[str, dict[str, Any]]:
    """:func:`feed_state` of many feeds in one query per 500; feeds the log never mentioned get {}."""
    states: dict[str, dict[str, Any]] = {feed_id: {} for feed_id in feed_ids}
    with store.reading() as db:
        for start in range(0, len(feed_ids), 500):
            chunk = feed_ids[start : start + 500]
            cursor = db.execute(f"SELECT * FROM feeds WHERE feed_id IN ({','.join('?' * len(chunk))})", chunk)
            names = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                found = dict(zip(names, row))
                states[found["feed_id"]] = found
    return states


def failing_links(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A page source's article links that failed at their last try, as :func:`feed_state`'s row
    records them (URL -> failures, retry_at, reason: monitor.feeds.page); {} for none."""
    try:
        found = json.loads(state.get("unread_links") or "{}")
    except (TypeError, ValueError):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, dict)} if isinstance(found, dict) else {}


def never_polled(states: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The feeds among :func:`feed_states`' answer whose next poll is their first."""
    return frozenset(feed_id for feed_id, state in states.items() if not state.get("polls"))


def next_poll_at(store: ReadModelStore, feed_id: str) -> str | None:
    """When the log says the feed is next due (backoff, Retry-After, cache hints), if it says."""
    with store.reading() as db:
        row = db.execute("SELECT next_poll_at FROM feeds WHERE feed_id = ?", [feed_id]).fetchone()
    return row[0] if row else None


def feed_rows(store: ReadModelStore) -> list[FeedRow]:
    with store.reading() as db:
        rows = db.execute(
            "SELECT feed_id, url, status, failures_in_row, last_error_kind, last_error, outage, last_success_at, "
            "last_new_at, next_poll_at, polls, first_seen_at FROM feeds"
        ).fetchall()
    return [
        FeedRow(
            r[0], r[1], r[2] or "new", int(r[3] or 0), r[4], r[5], bool(r[6]), r[7], r[8], r[9], int(r[10] or 0), r[11]
        )
        for r in rows
    ]
