"""The read models users see: feeds, articles, claims (the ledger), alerts, baselines.

Each is a :class:`store.Projection`: DDL plus one handler per event type. They are
ordinary SQLite tables (and views) in the same file, so `datasette monitor.db` and the
sqlite3 shell read them too; `monitor rebuild` regenerates them from the log.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from store import Projection, StoredEvent

from . import events as ev
from .ledger import Observation, ledger_entry, ledger_key


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- feeds ----------------------------------------------------------------------------

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
    moved_from TEXT
)
"""


def _feed_row(db: sqlite_utils.Database, feed_id: str, url: str | None) -> None:
    db.conn.execute("INSERT OR IGNORE INTO feeds (feed_id, url) VALUES (?, ?)", [feed_id, url])


def _on_feed_polled(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    _feed_row(db, d["feed_id"], d.get("url"))
    success = e.recorded_at
    db.conn.execute(
        """UPDATE feeds SET url = COALESCE(?, url), status = 'ok', last_poll_at = ?, last_http_status = ?,
           last_success_at = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
           body_sha256 = COALESCE(?, body_sha256), failures_in_row = 0, outage = 0,
           last_error_kind = NULL, last_error = NULL, next_poll_at = ?,
           entries_last_poll = COALESCE(?, entries_last_poll), new_last_poll = ?, polls = polls + 1,
           last_new_at = CASE WHEN ? > 0 THEN ? ELSE last_new_at END,
           bozo_reason = ?, gap_suspected_at = CASE WHEN ? THEN ? ELSE gap_suspected_at END,
           last_entry_keys = COALESCE(?, last_entry_keys)
           WHERE feed_id = ?""",
        [d.get("url"), d.get("polled_at", success), d.get("status"), d.get("polled_at", success),
         d.get("etag"), d.get("last_modified"), d.get("body_sha256"), d.get("next_poll_at"),
         d.get("entries"), d.get("new", 0), d.get("new", 0), d.get("polled_at", success),
         d.get("bozo_reason"), bool(d.get("gap_suspected")), d.get("polled_at", success),
         _json(d["entry_keys"]) if d.get("entry_keys") is not None else None, d["feed_id"]],
    )


def _on_feed_failed(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    _feed_row(db, d["feed_id"], d.get("url"))
    db.conn.execute(
        """UPDATE feeds SET status = CASE WHEN status = 'disabled' THEN status ELSE 'failing' END,
           last_poll_at = ?, last_http_status = ?, failures_in_row = ?, last_error_kind = ?,
           last_error = ?, outage = ?, next_poll_at = ?, polls = polls + 1 WHERE feed_id = ?""",
        [d.get("failed_at", e.recorded_at), d.get("status"), d.get("failures_in_row", 1), d.get("kind"),
         d.get("message"), int(bool(d.get("outage"))), d.get("next_poll_at"), d["feed_id"]],
    )


def _on_feed_moved(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    _feed_row(db, d["feed_id"], d.get("to_url"))
    db.conn.execute("UPDATE feeds SET url = ?, moved_from = ? WHERE feed_id = ?",
               [d["to_url"], d.get("from_url"), d["feed_id"]])


def _on_feed_disabled(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    _feed_row(db, d["feed_id"], d.get("url"))
    db.conn.execute("UPDATE feeds SET status = 'disabled', last_http_status = ?, last_error = ?, next_poll_at = NULL "
               "WHERE feed_id = ?", [d.get("status"), d.get("reason"), d["feed_id"]])


def _on_article_for_feed(db: sqlite_utils.Database, e: StoredEvent) -> None:
    feed_id = e.data.get("feed_id")
    if feed_id:
        db.conn.execute("INSERT INTO feeds (feed_id, articles_total) VALUES (?, 1) "
                        "ON CONFLICT (feed_id) DO UPDATE SET articles_total = articles_total + 1", [feed_id])


FEEDS = Projection(
    name="feeds", version=1, ddl=[FEEDS_DDL], tables=["feeds"],
    handlers={
        ev.FEED_POLLED: _on_feed_polled, ev.FEED_FAILED: _on_feed_failed,
        ev.FEED_MOVED: _on_feed_moved, ev.FEED_DISABLED: _on_feed_disabled,
        ev.ARTICLE_DISCOVERED: _on_article_for_feed,
    },
    views=["feed_health"],
    view_ddl=["""
CREATE VIEW feed_health AS
SELECT feed_id, url, status, last_poll_at, last_success_at, last_http_status, failures_in_row,
       last_error_kind, last_error, outage, next_poll_at, articles_total, last_new_at,
       CAST(julianday('now') - julianday(COALESCE(last_new_at, last_success_at)) AS REAL) AS days_since_new
FROM feeds ORDER BY feed_id
"""],
    description="one row per feed: last poll, status, failures in a row, next poll",
)


# -- articles -------------------------------------------------------------------------

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
    last_position INTEGER
)
"""


def _on_article_discovered(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    # The text stays in the log (the pipeline reads it from there): the projection keeps
    # what lists and reports show, which keeps rebuilds and backups small.
    db.conn.execute(
        """INSERT OR IGNORE INTO articles (article_id, feed_id, title, link, canonical_link, published,
           published_missing, author, first_seen_at, feeds, content_hash, last_position)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
        [d["article_id"], d.get("feed_id"), d.get("title"), d.get("link"), d.get("canonical_link"),
         d.get("published"), int(bool(d.get("published_missing"))), d.get("author"),
         d.get("first_seen_at", e.recorded_at), _json([d.get("feed_id")]), d.get("content_hash"),
         e.position],
    )


def _on_article_sighted(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    row = db.conn.execute("SELECT feeds FROM articles WHERE article_id = ?", [d["article_id"]]).fetchone()
    if row is None:
        return
    feeds = json.loads(row[0] or "[]")
    if d.get("feed_id") not in feeds:
        feeds.append(d.get("feed_id"))
    db.conn.execute("UPDATE articles SET sightings = sightings + 1, feeds = ?, last_position = ? WHERE article_id = ?",
               [_json(feeds), e.position, d["article_id"]])


def _on_article_revised(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    db.conn.execute(
        "UPDATE articles SET title = COALESCE(?, title), content_hash = ?, "
        "revision = ?, last_position = ? WHERE article_id = ?",
        [d.get("title"), d.get("content_hash"), d.get("revision", 1), e.position, d["article_id"]],
    )


def _on_article_classified(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    relevant = bool(d.get("relevant"))
    # An irrelevant verdict (e.g. after `monitor reprocess`) also clears the claim counts.
    db.conn.execute(
        "UPDATE articles SET relevant = ?, score = ?, evidence = ?, story_id = COALESCE(?, story_id), "
        "signature = ?, last_position = ?, claims = CASE WHEN ? THEN claims ELSE 0 END, "
        "confirms = CASE WHEN ? THEN confirms ELSE 0 END, updates = CASE WHEN ? THEN updates ELSE 0 END, "
        "new = CASE WHEN ? THEN new ELSE 0 END, contradicts = CASE WHEN ? THEN contradicts ELSE 0 END "
        "WHERE article_id = ?",
        [int(relevant), d.get("score"), _json(d.get("evidence", [])), d.get("story_id"),
         _json(d["signature"]) if d.get("signature") else None, e.position,
         relevant, relevant, relevant, relevant, relevant, d["article_id"]],
    )


def _on_claims_diffed_article(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    counts = {"confirms": 0, "updates": 0, "new": 0, "contradicts": 0}
    for verdict in d.get("verdicts", []):
        if verdict.get("verdict") in counts:
            counts[verdict["verdict"]] += 1
    db.conn.execute(
        "UPDATE articles SET claims = ?, confirms = ?, updates = ?, new = ?, contradicts = ?, baseline_id = ?, "
        "extractor_version = ?, last_position = ? WHERE article_id = ?",
        [len(d.get("verdicts", [])), counts["confirms"], counts["updates"], counts["new"], counts["contradicts"],
         d.get("baseline_id"), d.get("extractor_version"), e.position, d["article_id"]],
    )


ARTICLES = Projection(
    name="articles", version=1, ddl=[ARTICLES_DDL, "CREATE INDEX articles_published ON articles (published)"],
    tables=["articles"],
    handlers={
        ev.ARTICLE_DISCOVERED: _on_article_discovered, ev.ARTICLE_SIGHTED: _on_article_sighted,
        ev.ARTICLE_REVISED: _on_article_revised, ev.ARTICLE_CLASSIFIED: _on_article_classified,
        ev.CLAIMS_DIFFED: _on_claims_diffed_article,
    },
    description="one row per article: where and when it was seen, relevance, verdict counts",
)


# -- claims: observations and the ledger -------------------------------------------

OBSERVATIONS_DDL = """
CREATE TABLE claim_observations (
    article_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    ledger_key TEXT NOT NULL,
    kind TEXT, item TEXT, direction TEXT,
    quantity REAL, bound TEXT, quantity_high REAL,
    source TEXT, since TEXT, as_of TEXT, stance TEXT, hedged INTEGER,
    evidence TEXT,
    published TEXT,
    date TEXT,
    outlet TEXT,
    story_id TEXT,
    verdict TEXT,
    verdict_from REAL,
    verdict_to REAL,
    baseline_id TEXT,
    position INTEGER,
    PRIMARY KEY (article_id, claim_id)
)
"""

CLAIMS_DDL = """
CREATE TABLE claims (
    ledger_key TEXT PRIMARY KEY,
    kind TEXT, item TEXT, direction TEXT,
    newest_quantity REAL, newest_bound TEXT, newest_quantity_high REAL,
    newest_source TEXT, newest_date TEXT, newest_article_id TEXT, newest_evidence TEXT,
    previous_quantity REAL, previous_bound TEXT, previous_source TEXT, previous_date TEXT,
    previous_article_id TEXT,
    baseline_quantity REAL, baseline_bound TEXT, baseline_source TEXT, baseline_date TEXT,
    baseline_claim_ids TEXT,
    corroborations INTEGER NOT NULL DEFAULT 0,
    outlets TEXT,
    sources TEXT,
    figures INTEGER NOT NULL DEFAULT 0,
    observations INTEGER NOT NULL DEFAULT 0,
    updated_position INTEGER
)
"""

BASELINES_DDL = """
CREATE TABLE baselines (
    baseline_id TEXT PRIMARY KEY,
    label TEXT,
    set_at TEXT,
    in_force INTEGER NOT NULL DEFAULT 0,
    claims TEXT,
    sources TEXT,
    position INTEGER
)
"""


def _article_meta(db: sqlite_utils.Database, article_id: str) -> tuple[str | None, str, str]:
    row = db.conn.execute("SELECT published, COALESCE(feed_id, ''), COALESCE(story_id, article_id) FROM articles "
                     "WHERE article_id = ?", [article_id]).fetchone()
    return (row[0], row[1], row[2]) if row else (None, "", article_id)


def _on_claims_extracted(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    article_id = d["article_id"]
    if "story_id" in d and "outlet" in d and d.get("published"):
        published, outlet, story_id = d["published"], d["outlet"], d["story_id"] or article_id
    else:  # events of the first release did not carry these
        published, outlet, story_id = _article_meta(db, article_id)
        published = d.get("published") or published
    touched = _drop_observations(db, article_id)
    rows = []
    for claim in d.get("claims", []):
        key = ledger_key(claim["kind"], claim["item"], claim.get("direction"))
        touched.add(key)
        rows.append([
            article_id, claim["id"], key, claim["kind"], claim["item"], claim.get("direction"),
            claim.get("quantity"), claim.get("bound"), claim.get("quantity_high"), claim.get("source"),
            claim.get("since"), claim.get("as_of"), claim.get("stance"), int(bool(claim.get("hedged"))),
            claim.get("evidence"), published, claim.get("as_of") or published or e.recorded_at[:10],
            d.get("outlet") or outlet, story_id, e.position,
        ])
    db.conn.executemany(
        """INSERT OR REPLACE INTO claim_observations (article_id, claim_id, ledger_key, kind, item, direction,
           quantity, bound, quantity_high, source, since, as_of, stance, hedged, evidence, published, date,
           outlet, story_id, position) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
    _mark_dirty(db, touched)


def _drop_observations(db: sqlite_utils.Database, article_id: str) -> set[str]:
    """Forget an article's earlier claims (reprocessed or irrelevant); return the keys touched."""
    return {r[0] for r in db.conn.execute(
        "DELETE FROM claim_observations WHERE article_id = ? RETURNING ledger_key", [article_id]).fetchall()}


def _on_claims_diffed(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    db.conn.executemany(
        "UPDATE claim_observations SET verdict = ?, verdict_from = ?, verdict_to = ?, baseline_id = ? "
        "WHERE article_id = ? AND claim_id = ?",
        [[v.get("verdict"), v.get("from"), v.get("to"), d.get("baseline_id"), d["article_id"], v.get("claim")]
         for v in d.get("verdicts", [])],
    )


def _on_article_classified_claims(db: sqlite_utils.Database, e: StoredEvent) -> None:
    # An article reclassified as irrelevant (by `monitor reprocess`) no longer counts.
    if not e.data.get("relevant"):
        touched = _drop_observations(db, e.data["article_id"])
        if touched:
            _mark_dirty(db, touched)


def _on_baseline_set(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    db.conn.execute("UPDATE baselines SET in_force = 0")
    db.conn.execute(
        "INSERT OR REPLACE INTO baselines (baseline_id, label, set_at, in_force, claims, sources, position) "
        "VALUES (?, ?, ?, 1, ?, ?, ?)",
        [d["baseline_id"], d.get("label"), d.get("set_at", e.recorded_at), _json(d.get("claims", [])),
         _json(d.get("sources", [])), e.position],
    )
    keys = {ledger_key(c["kind"], c["item"], c.get("direction")) for c in d.get("claims", [])}
    keys |= {r[0] for r in db.conn.execute("SELECT ledger_key FROM claims")}
    _mark_dirty(db, keys)


def _mark_dirty(db: sqlite_utils.Database, keys: set[str]) -> None:
    # Ledger rows are recomputed once per transaction (on_caught_up), not once per event.
    db.conn.executemany("INSERT OR IGNORE INTO ledger_dirty (ledger_key) VALUES (?)", [[k] for k in keys])


def _baseline_claims(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    row = db.conn.execute("SELECT claims FROM baselines WHERE in_force = 1").fetchone()
    return json.loads(row[0]) if row else []


def refresh_ledger(db: sqlite_utils.Database) -> None:
    dirty = [r[0] for r in db.conn.execute("SELECT ledger_key FROM ledger_dirty")]
    if not dirty:
        return
    baseline = _baseline_claims(db)
    for key in dirty:
        kind, item, direction = key.split("|")
        direction_value = None if direction == "-" else direction
        observations = [
            Observation(quantity=r[0], bound=r[1], quantity_high=r[2], source=r[3], date=r[4] or "",
                        article_id=r[5], story_id=r[6] or r[5], outlet=r[7] or "", evidence=r[8] or "",
                        position=r[9] or 0)
            for r in db.conn.execute(
                "SELECT quantity, bound, quantity_high, source, date, article_id, story_id, outlet, evidence, "
                "position FROM claim_observations WHERE ledger_key = ? AND COALESCE(stance, 'asserted') = 'asserted'",
                [key])
        ]
        count = len(observations)
        base = [c for c in baseline if (c["kind"], c["item"], c.get("direction")) == (kind, item, direction_value)]
        base_figure = next((c for c in base if c.get("quantity") is not None), base[0] if base else None)
        entry = ledger_entry(observations)
        if entry is None and base_figure is None:
            db.conn.execute("DELETE FROM claims WHERE ledger_key = ?", [key])
            continue
        newest = entry["newest"] if entry else {}
        previous = (entry or {}).get("previous") or {}
        prov = (base_figure or {}).get("provenance") or {}
        db.conn.execute(
            """INSERT OR REPLACE INTO claims (ledger_key, kind, item, direction, newest_quantity, newest_bound,
               newest_quantity_high, newest_source, newest_date, newest_article_id, newest_evidence,
               previous_quantity, previous_bound, previous_source, previous_date, previous_article_id,
               baseline_quantity, baseline_bound, baseline_source, baseline_date, baseline_claim_ids,
               corroborations, outlets, sources, figures, observations)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            [key, kind, item, direction_value, newest.get("quantity"), newest.get("bound"),
             newest.get("quantity_high"), newest.get("source"), newest.get("date"), newest.get("article_id"),
             newest.get("evidence"), previous.get("quantity"), previous.get("bound"), previous.get("source"),
             previous.get("date"), previous.get("article_id"),
             (base_figure or {}).get("quantity"), (base_figure or {}).get("bound"),
             (base_figure or {}).get("source"), prov.get("published") or (base_figure or {}).get("as_of"),
             _json([c.get("id") for c in base]), newest.get("corroborations", 0),
             _json(newest.get("outlets", [])), _json(newest.get("sources", [])),
             (entry or {}).get("figures", 0), count],
        )
    db.conn.execute("DELETE FROM ledger_dirty")


CLAIMS = Projection(
    name="claims", version=1,
    ddl=[OBSERVATIONS_DDL, "CREATE INDEX claim_observations_key ON claim_observations (ledger_key)",
         CLAIMS_DDL, BASELINES_DDL, "CREATE TABLE ledger_dirty (ledger_key TEXT PRIMARY KEY)"],
    tables=["claim_observations", "claims", "baselines", "ledger_dirty"],
    handlers={
        ev.CLAIMS_EXTRACTED: _on_claims_extracted, ev.CLAIMS_DIFFED: _on_claims_diffed,
        ev.BASELINE_SET: _on_baseline_set, ev.ARTICLE_CLASSIFIED: _on_article_classified_claims,
    },
    views=["claim_ledger"],
    view_ddl=["""
CREATE VIEW claim_ledger AS
SELECT kind, item, direction,
       newest_quantity, newest_bound, newest_source, newest_date,
       previous_quantity, previous_source, previous_date,
       baseline_quantity, baseline_source, baseline_date,
       CASE WHEN baseline_quantity > 0 AND newest_quantity IS NOT NULL
            THEN ROUND(newest_quantity / baseline_quantity, 2) END AS ratio_to_baseline,
       corroborations, outlets,
       (SELECT link FROM articles WHERE articles.article_id = claims.newest_article_id) AS newest_link
FROM claims ORDER BY kind, item
"""],
    on_caught_up=refresh_ledger,
    description="every extracted claim, the ledger per kind+item+direction, and the baselines",
)
# The articles projection must run first in a batch so claim rows find their article.
# (ProjectionRunner applies projections in list order.)


# -- alerts ---------------------------------------------------------------------------

ALERTS_DDL = """
CREATE TABLE alerts (
    alert_id TEXT PRIMARY KEY,
    kind TEXT,
    status TEXT NOT NULL,
    subject TEXT,
    recipients TEXT,
    message_id TEXT,
    article_id TEXT,
    ledger_keys TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error_kind TEXT,
    last_error TEXT,
    next_try_at TEXT,
    queued_at TEXT,
    sent_at TEXT,
    channel TEXT,
    reply TEXT,
    position INTEGER
)
"""


def _on_alert_queued(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    db.conn.execute(
        "INSERT OR IGNORE INTO alerts (alert_id, kind, status, subject, recipients, message_id, article_id, "
        "ledger_keys, queued_at, next_try_at, position) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)",
        [d["alert_id"], d.get("kind"), d.get("subject"), _json(d.get("recipients", [])), d.get("message_id"),
         d.get("article_id"), _json(d.get("ledger_keys", [])), e.recorded_at, e.recorded_at, e.position],
    )
    # What the user has been told, so a repeat of the same figure never mails again.
    db.conn.executemany("INSERT INTO alert_facts (alert_id, ledger_key, quantity) VALUES (?, ?, ?)",
                        [[d["alert_id"], f["ledger_key"], f.get("quantity")] for f in d.get("facts", [])])


def _on_alert_attempted(db: sqlite_utils.Database, e: StoredEvent) -> None:
    db.conn.execute("UPDATE alerts SET status = 'sending', attempts = ?, position = ? WHERE alert_id = ?",
               [e.data.get("attempt", 1), e.position, e.data["alert_id"]])


def _on_alert_sent(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    db.conn.execute("UPDATE alerts SET status = 'sent', sent_at = ?, channel = ?, reply = ?, next_try_at = NULL, "
               "last_error_kind = NULL, last_error = NULL, position = ? WHERE alert_id = ?",
               [d.get("sent_at", e.recorded_at), d.get("channel"), d.get("reply"), e.position, d["alert_id"]])


def _on_alert_failed(db: sqlite_utils.Database, e: StoredEvent) -> None:
    d = e.data
    status = "failed" if d.get("permanent") or not d.get("next_try_at") else "queued"
    db.conn.execute("UPDATE alerts SET status = ?, attempts = MAX(attempts, ?), last_error_kind = ?, last_error = ?, "
               "next_try_at = ?, position = ? WHERE alert_id = ?",
               [status, d.get("attempt", 1), d.get("kind"), d.get("error"), d.get("next_try_at"), e.position,
                d["alert_id"]])


ALERTS = Projection(
    name="alerts", version=1, ddl=[ALERTS_DDL, "CREATE INDEX alerts_status ON alerts (status, next_try_at)",
                                   "CREATE TABLE alert_facts (alert_id TEXT, ledger_key TEXT, quantity REAL)",
                                   "CREATE INDEX alert_facts_key ON alert_facts (ledger_key)"],
    tables=["alerts", "alert_facts"],
    handlers={ev.ALERT_QUEUED: _on_alert_queued, ev.ALERT_ATTEMPTED: _on_alert_attempted,
              ev.ALERT_SENT: _on_alert_sent, ev.ALERT_FAILED: _on_alert_failed},
    description="one row per alert: queued, sending, sent or failed",
)

ALL_PROJECTIONS = (FEEDS, ARTICLES, CLAIMS, ALERTS)
