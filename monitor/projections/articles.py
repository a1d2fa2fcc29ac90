"""The articles read model: one row per article (where and when it was seen, relevance, story, verdict counts)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from monitor import events as ev
from monitor.projections._rows import coalesce, json_text, json_text_one
from monitor.store import ProjectedEvent, Projection, ReadModelStore, Table, Tables

ARTICLES_DDL = """
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    feed_id TEXT,
    title TEXT,
    link TEXT,
    canonical_link TEXT,
    published TEXT,
    published_missing INTEGER NOT NULL DEFAULT 0,
    author TEXT,
    first_seen_at TEXT,
    sightings INTEGER NOT NULL DEFAULT 1,
    feeds TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,
    relevant INTEGER,
    score REAL,
    evidence TEXT,
    story_id TEXT,
    signature TEXT,
    claims INTEGER NOT NULL DEFAULT 0,
    confirms INTEGER NOT NULL DEFAULT 0,
    updates INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    contradicts INTEGER NOT NULL DEFAULT 0,
    baseline_id TEXT,
    extractor_version TEXT,
    last_position INTEGER,
    discovered_position INTEGER,
    classified_hash TEXT,
    first_poll INTEGER NOT NULL DEFAULT 0
)
"""

ARTICLES_TABLE = Table.from_ddl(ARTICLES_DDL, key="article_id")


def _on_article_discovered(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    if rows.get(d["article_id"]) is not None:  # first discovery wins
        return
    # The text stays in the log (the pipeline reads it from there): the projection keeps
    # what lists and reports show, which keeps rebuilds and backups small.
    rows.put(
        ARTICLES_TABLE.new_row(
            article_id=d["article_id"],
            feed_id=d.get("feed_id"),
            title=d.get("title"),
            link=d.get("link"),
            canonical_link=d.get("canonical_link"),
            published=d.get("published"),
            published_missing=int(bool(d.get("published_missing"))),
            author=d.get("author"),
            first_seen_at=d.get("first_seen_at", e.recorded_at),
            feeds=json_text_one(d.get("feed_id")),
            content_hash=d.get("content_hash"),
            last_position=e.position,
            discovered_position=e.position,
        )
    )


def _on_article_sighted(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    feeds = json.loads(row["feeds"] or "[]")
    if d.get("feed_id") not in feeds:
        feeds.append(d.get("feed_id"))
    row.update(sightings=row["sightings"] + 1, feeds=json_text(feeds), last_position=e.position)
    rows.put(row)


def _on_article_revised(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    row.update(
        title=coalesce(d.get("title"), row["title"]),
        content_hash=d.get("content_hash"),
        revision=row["revision"] + 1,
        last_position=e.position,
    )  # counted: no writer numbers them
    rows.put(row)


def _on_article_classified(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    relevant = bool(d.get("relevant"))
    row.update(
        relevant=int(relevant),
        score=d.get("score"),
        evidence=json_text(d.get("evidence", [])),
        story_id=coalesce(d.get("story_id"), row["story_id"]),
        signature=json_text(d["signature"]) if d.get("signature") else None,
        last_position=e.position,
        classified_hash=d.get("content_hash"),
        first_poll=int(bool(row["first_poll"] or d.get("first_poll"))),
    )
    if not relevant:  # an irrelevant verdict (e.g. after `monitor reprocess`) clears the counts
        row.update(claims=0, confirms=0, updates=0, new=0, contradicts=0)
    rows.put(row)


def _on_claims_diffed_article(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    counts = {"confirms": 0, "updates": 0, "new": 0, "contradicts": 0}
    verdicts = d.get("verdicts", [])
    for verdict in verdicts:
        if verdict.get("verdict") in counts:
            counts[verdict["verdict"]] += 1
    row.update(
        counts,
        claims=len(verdicts),
        baseline_id=d.get("baseline_id"),
        extractor_version=d.get("extractor_version"),
        last_position=e.position,
    )
    rows.put(row)


# Never classified, or revised since: the one definition the query and its partial index share.
_PENDING = "relevant IS NULL OR content_hash IS NOT classified_hash"
PENDING_QUERY = f"SELECT article_id FROM articles WHERE {_PENDING} ORDER BY last_position"


ARTICLES = Projection(
    name="articles",
    version=5,  # 3: revisions counted (were stuck at 1); 4: indexed by feed; 5: pending articles indexed
    ddl=[
        ARTICLES_DDL,
        "CREATE INDEX articles_published ON articles (published)",
        # A first poll's summaries look each new feed's articles up (first_poll_articles,
        # has_silenced_backlog): without it, two scans of the whole table per new feed
        # (0.39 s of CPU for 200 new feeds and 10,000 articles, growing with the table).
        "CREATE INDEX articles_feed ON articles (feed_id)",
        # Every poll asks for the articles still to classify (pending_articles), almost always none:
        # without this, a scan of the whole table and a sort on each poll, which grows with the years
        # of articles a database holds. The WHERE is pending_articles' own, word for word, so that
        # SQLite can see the query implies it; tests/app/test_projections.py pins the plan.
        f"CREATE INDEX articles_pending ON articles (last_position) WHERE {_PENDING}",
    ],
    tables=["articles"],
    cached=[ARTICLES_TABLE],
    handlers={
        ev.ARTICLE_DISCOVERED: _on_article_discovered,
        ev.ARTICLE_SIGHTED: _on_article_sighted,
        ev.ARTICLE_REVISED: _on_article_revised,
        ev.ARTICLE_CLASSIFIED: _on_article_classified,
        ev.CLAIMS_DIFFED: _on_claims_diffed_article,
    },
    description="one row per article: where and when it was seen, relevance, verdict counts",
)


# -- queries --------------------------------------------------------------------------


def _chunks(ids: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """``ids`` in chunks under SQLite's variable limit, each with its ``?`` marks."""
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield chunk, ",".join("?" * len(chunk))


def known_articles(store: ReadModelStore, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """article id -> {"feed_id": the feed that discovered it, "feeds": [...], "content_hash": ...}
    of those among ``article_ids`` already recorded."""
    found: dict[str, dict[str, Any]] = {}
    with store.reading() as db:
        for chunk, marks in _chunks(article_ids):
            for article_id, feed_id, feeds, content_hash in db.execute(
                f"SELECT article_id, feed_id, feeds, content_hash FROM articles WHERE article_id IN ({marks})", chunk
            ):
                found[article_id] = {
                    "feed_id": feed_id,
                    "feeds": json.loads(feeds or "[]"),
                    "content_hash": content_hash,
                }
    return found


def feed_articles_by_link(store: ReadModelStore, feed_id: str, links: list[str]) -> dict[str, str]:
    """canonical link -> the first article ``feed_id`` discovered with it, for those of ``links`` it has."""
    found: dict[str, str] = {}
    with store.reading() as db:
        for chunk, marks in _chunks(links):
            for link, article_id in db.execute(
                "SELECT canonical_link, article_id FROM articles"
                f" WHERE feed_id = ? AND canonical_link IN ({marks}) ORDER BY discovered_position DESC",
                [feed_id, *chunk],
            ):
                found[link] = article_id  # the earliest is read last
    return found


def pending_articles(store: ReadModelStore) -> list[str]:
    """Articles discovered or revised since they were last classified, oldest first."""
    with store.reading() as db:
        rows = db.execute(PENDING_QUERY).fetchall()
    return [r[0] for r in rows]


def all_articles(store: ReadModelStore) -> list[str]:
    """Every recorded article, oldest first."""
    with store.reading() as db:
        return [r[0] for r in db.execute("SELECT article_id FROM articles ORDER BY last_position")]


# A new feed's backlog: the articles discovered in the same append as the feed's first
# FeedPolled (the poller appends a feed's events as one batch, FeedPolled last). A feed
# never polled successfully has no first_polled_position, and NULL compares false.
_DISCOVERED_BEFORE_FIRST_POLL = "a.discovered_position < f.first_polled_position"
_ARTICLES_WITH_FEED = "articles a JOIN feeds f ON f.feed_id = a.feed_id"


def backlog_articles(store: ReadModelStore, article_ids: Iterable[str]) -> set[str]:
    """The never-classified articles among ``article_ids`` that came with their feed's first poll."""
    found: set[str] = set()
    with store.reading() as db:
        for chunk, marks in _chunks(list(article_ids)):
            found.update(
                r[0]
                for r in db.execute(
                    f"SELECT a.article_id FROM {_ARTICLES_WITH_FEED} WHERE a.article_id IN ({marks}) "
                    f"AND {_DISCOVERED_BEFORE_FIRST_POLL} AND a.relevant IS NULL",
                    chunk,
                )
            )
    return found


def first_poll_articles(store: ReadModelStore, feed_id: str) -> list[str]:
    """Every article of the feed's first poll."""
    with store.reading() as db:
        rows = db.execute(
            f"SELECT a.article_id FROM {_ARTICLES_WITH_FEED} WHERE a.feed_id = ? AND {_DISCOVERED_BEFORE_FIRST_POLL}",
            [feed_id],
        ).fetchall()
    return sorted(r[0] for r in rows)


def has_silenced_backlog(store: ReadModelStore, feed_id: str) -> bool:
    """Was some article of this feed classified as a first poll's (silenced) backlog?"""
    with store.reading() as db:
        return (
            db.execute("SELECT 1 FROM articles WHERE feed_id = ? AND first_poll = 1 LIMIT 1", [feed_id]).fetchone()
            is not None
        )


def articles_by_feed(store: ReadModelStore, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """feed id -> the articles among ``article_ids`` it found (sorted); articles without a feed left out."""
    grouped: dict[str, list[str]] = {}
    with store.reading() as db:
        for chunk, marks in _chunks(list(article_ids)):
            for article_id, feed_id in db.execute(
                f"SELECT article_id, feed_id FROM articles WHERE article_id IN ({marks})", chunk
            ):
                grouped.setdefault(feed_id or "", []).append(article_id)
    return {feed: sorted(found) for feed, found in grouped.items() if feed}


def classified_with_links(store: ReadModelStore, links: list[str]) -> Iterator[tuple[str, str, str]]:
    """(canonical link, article, story) of classified articles with these links, in log order."""
    with store.reading() as db:
        for chunk, marks in _chunks(links):
            yield from db.execute(
                "SELECT canonical_link, article_id, COALESCE(story_id, article_id) FROM articles "
                f"WHERE canonical_link IN ({marks}) AND relevant IS NOT NULL ORDER BY last_position",
                chunk,
            )


def newest_signed(store: ReadModelStore, limit: int) -> list[tuple[str, str, list[int]]]:
    """(article, story, signature) of the newest relevant articles with a story signature, newest first."""
    with store.reading() as db:
        rows = db.execute(
            "SELECT article_id, COALESCE(story_id, article_id), signature FROM articles "
            "WHERE relevant = 1 AND signature IS NOT NULL ORDER BY last_position DESC LIMIT ?",
            [limit],
        ).fetchall()
    return [(article_id, story_id, json.loads(signature)) for article_id, story_id, signature in rows]


def story_of(store: ReadModelStore, article_id: str) -> str:
    """The story the article belongs to (itself when it has none)."""
    with store.reading() as db:
        row = db.execute(
            "SELECT COALESCE(story_id, article_id) FROM articles WHERE article_id = ?", [article_id]
        ).fetchone()
    return row[0] if row else article_id


def listing(store: ReadModelStore, article_id: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(title, link, feed id, published) of one article; all None when it is not recorded."""
    with store.reading() as db:
        row = db.execute(
            "SELECT title, link, feed_id, published FROM articles WHERE article_id = ?", [article_id]
        ).fetchone()
    return tuple(row) if row else (None, None, None, None)  # type: ignore[return-value]
