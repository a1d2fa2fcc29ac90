"""The read models users see: feeds, articles, claims (the ledger), alerts, baselines.

Each is a :class:`store.Projection`: DDL plus one handler per event type. They are
ordinary SQLite tables (and views) in the same file, so `datasette monitor.db` and the
sqlite3 shell read them too; `monitor rebuild` regenerates them from the log.

Handlers change rows held by the runner's write-back caches (``tables["articles"]``) and
issue no SQL of their own, except for rare events (a new baseline) that touch a whole table.
Each handler reproduces one SQL statement of the first release column by column; the
comments name the SQL behaviour kept where Python would differ (COALESCE, CASE on NULL).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Iterator

from monitor.store import ProjectedEvent, Projection, Table, Tables

from monitor import events as ev
from monitor.claims.ledger import Observation, ledger_entry, ledger_key
from monitor.projections.deliveries import ALERT_DELIVERIES, is_channel_event


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _json(value: Any) -> str:
    """JSON text for list and set columns (``json.dumps`` with options builds an encoder per call)."""
    return _ENCODER.encode(value)


def _json_one(value: Any) -> str:
    """``_json([value])``: an article's first feeds list, once per article in a rebuild."""
    return f"[{encode_basestring(value)}]" if isinstance(value, str) else _json([value])


def _coalesce(new: Any, old: Any) -> Any:
    return old if new is None else new


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
    moved_from TEXT,
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


def _on_feed_polled(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("url"))
    polled_at = d.get("polled_at", e.recorded_at)
    _first_on_stream(row, d.get("polled_at") or e.recorded_at)
    if row["first_polled_position"] is None:  # a first poll's backlog was discovered before this
        row["first_polled_position"] = e.position
    new = d.get("new", 0)
    row.update(
        url=_coalesce(d.get("url"), row["url"]), status="ok", last_poll_at=polled_at,
        last_http_status=d.get("status"), last_success_at=polled_at,
        etag=_coalesce(d.get("etag"), row["etag"]),
        last_modified=_coalesce(d.get("last_modified"), row["last_modified"]),
        body_sha256=_coalesce(d.get("body_sha256"), row["body_sha256"]),
        failures_in_row=0, outage=0, last_error_kind=None, last_error=None,
        next_poll_at=d.get("next_poll_at"),
        entries_last_poll=_coalesce(d.get("entries"), row["entries_last_poll"]),
        new_last_poll=new, polls=row["polls"] + 1, bozo_reason=d.get("bozo_reason"),
        last_entry_keys=(_json(d["entry_keys"]) if d.get("entry_keys") is not None
                         else row["last_entry_keys"]),
    )
    if new is not None and new > 0:  # SQL: CASE WHEN NULL > 0 is false
        row["last_new_at"] = polled_at
    if d.get("gap_suspected"):
        row["gap_suspected_at"] = polled_at
    tables["feeds"].put(row)


def _on_feed_failed(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    row = _feed_row(tables, d["feed_id"], d.get("url"))
    _first_on_stream(row, d.get("failed_at") or e.recorded_at)
    row.update(
        status=row["status"] if row["status"] == "disabled" else "failing",
        last_poll_at=d.get("failed_at", e.recorded_at), last_http_status=d.get("status"),
        failures_in_row=d.get("failures_in_row", 1), last_error_kind=d.get("kind"),
        last_error=d.get("message"), outage=int(bool(d.get("outage"))),
        next_poll_at=d.get("next_poll_at"), polls=row["polls"] + 1,
    )
    tables["feeds"].put(row)


def _on_feed_deferred(tables: Tables, e: ProjectedEvent) -> None:
    # Not a poll and not a failure: only when to come back changes.
    row = _feed_row(tables, e.data["feed_id"], e.data.get("url"))
    row.update(next_poll_at=_coalesce(e.data.get("next_poll_at"), row["next_poll_at"]))
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
    row.update(status="disabled", last_http_status=d.get("status"), last_error=d.get("reason"),
               next_poll_at=None)
    tables["feeds"].put(row)


def _on_article_for_feed(tables: Tables, e: ProjectedEvent) -> None:
    feed_id = e.data.get("feed_id")
    if feed_id:
        row = _feed_row(tables, feed_id, None)
        row["articles_total"] += 1
        tables["feeds"].put(row)


FEEDS = Projection(
    name="feeds", version=2, ddl=[FEEDS_DDL], tables=["feeds"], cached=[FEEDS_TABLE],
    handlers={
        ev.FEED_POLLED: _on_feed_polled, ev.FEED_FAILED: _on_feed_failed, ev.FEED_DEFERRED: _on_feed_deferred,
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
    rows.put(ARTICLES_TABLE.new_row(
        article_id=d["article_id"], feed_id=d.get("feed_id"), title=d.get("title"), link=d.get("link"),
        canonical_link=d.get("canonical_link"), published=d.get("published"),
        published_missing=int(bool(d.get("published_missing"))), author=d.get("author"),
        first_seen_at=d.get("first_seen_at", e.recorded_at), feeds=_json_one(d.get("feed_id")),
        content_hash=d.get("content_hash"), last_position=e.position, discovered_position=e.position,
    ))


def _on_article_sighted(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    feeds = json.loads(row["feeds"] or "[]")
    if d.get("feed_id") not in feeds:
        feeds.append(d.get("feed_id"))
    row.update(sightings=row["sightings"] + 1, feeds=_json(feeds), last_position=e.position)
    rows.put(row)


def _on_article_revised(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    row.update(title=_coalesce(d.get("title"), row["title"]), content_hash=d.get("content_hash"),
               revision=d.get("revision", 1), last_position=e.position)
    rows.put(row)


def _on_article_classified(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["articles"]
    row = rows.get(d["article_id"])
    if row is None:
        return
    relevant = bool(d.get("relevant"))
    row.update(relevant=int(relevant), score=d.get("score"), evidence=_json(d.get("evidence", [])),
               story_id=_coalesce(d.get("story_id"), row["story_id"]),
               signature=_json(d["signature"]) if d.get("signature") else None, last_position=e.position,
               classified_hash=d.get("content_hash"), first_poll=int(bool(row["first_poll"] or d.get("first_poll"))))
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
    row.update(counts, claims=len(verdicts), baseline_id=d.get("baseline_id"),
               extractor_version=d.get("extractor_version"), last_position=e.position)
    rows.put(row)


ARTICLES = Projection(
    name="articles", version=2, ddl=[ARTICLES_DDL, "CREATE INDEX articles_published ON articles (published)"],
    tables=["articles"], cached=[ARTICLES_TABLE],
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

#: One article's claims are read and rewritten together (key article_id, then claim_id).
OBSERVATIONS_TABLE = Table.from_ddl(OBSERVATIONS_DDL, key="article_id", kind="groups")


def _article_meta(tables: Tables, article_id: str) -> tuple[str | None, str, str]:
    # The articles projection runs first over a chunk and has written its rows by now.
    row = tables.conn.execute("SELECT published, COALESCE(feed_id, ''), COALESCE(story_id, article_id) "
                              "FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return (row[0], row[1], row[2]) if row else (None, "", article_id)


def _on_claims_extracted(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    article_id = d["article_id"]
    if "story_id" in d and "outlet" in d and d.get("published"):
        published, outlet, story_id = d["published"], d["outlet"], d["story_id"] or article_id
    else:  # events of the first release did not carry these
        published, outlet, story_id = _article_meta(tables, article_id)
        published = d.get("published") or published
    observations = tables["claim_observations"]
    earlier = observations.get(article_id)
    touched = {row["ledger_key"] for row in earlier.values()}  # reprocessed: forget the old claims
    group: dict[str, dict[str, Any]] = {}
    for claim in d.get("claims", []):
        key = ledger_key(claim["kind"], claim["item"], claim.get("direction"))
        touched.add(key)
        group[claim["id"]] = OBSERVATIONS_TABLE.new_row(
            article_id=article_id, claim_id=claim["id"], ledger_key=key, kind=claim["kind"],
            item=claim["item"], direction=claim.get("direction"), quantity=claim.get("quantity"),
            bound=claim.get("bound"), quantity_high=claim.get("quantity_high"), source=claim.get("source"),
            since=claim.get("since"), as_of=claim.get("as_of"), stance=claim.get("stance"),
            hedged=int(bool(claim.get("hedged"))), evidence=claim.get("evidence"), published=published,
            date=claim.get("as_of") or published or e.recorded_at[:10], outlet=d.get("outlet") or outlet,
            story_id=story_id, position=e.position,
        )
    observations.put(article_id, group)
    _mark_dirty(tables, touched)


def _on_claims_diffed(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    observations = tables["claim_observations"]
    group = observations.get(d["article_id"])
    changed = False
    for v in d.get("verdicts", []):
        row = group.get(v.get("claim"))
        if row is not None:
            row.update(verdict=v.get("verdict"), verdict_from=v.get("from"), verdict_to=v.get("to"),
                       baseline_id=d.get("baseline_id"))
            changed = True
    if changed:
        observations.put(d["article_id"], group)


def _on_article_classified_claims(tables: Tables, e: ProjectedEvent) -> None:
    # An article reclassified as irrelevant (by `monitor reprocess`) no longer counts.
    if not e.data.get("relevant"):
        article_id = e.data["article_id"]
        observations = tables["claim_observations"]
        group = observations.get(article_id)
        if group:
            _mark_dirty(tables, {row["ledger_key"] for row in group.values()})
            observations.put(article_id, {})


def _on_baseline_set(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    conn = tables.sql()
    conn.execute("UPDATE baselines SET in_force = 0")
    conn.execute(
        "INSERT OR REPLACE INTO baselines (baseline_id, label, set_at, in_force, claims, sources, position) "
        "VALUES (?, ?, ?, 1, ?, ?, ?)",
        [d["baseline_id"], d.get("label"), d.get("set_at", e.recorded_at), _json(d.get("claims", [])),
         _json(d.get("sources", [])), e.position],
    )
    keys = {ledger_key(c["kind"], c["item"], c.get("direction")) for c in d.get("claims", [])}
    keys |= {r[0] for r in conn.execute("SELECT ledger_key FROM claims")}
    _mark_dirty(tables, keys)


def _mark_dirty(tables: Tables, keys: set[str]) -> None:
    # Ledger rows are recomputed when the projection is caught up, not once per event.
    # The keys go to a table, so a catch-up spread over several transactions (or one cut
    # short by a crash) still recomputes every key it touched; each key once per transaction.
    marked: set[str] = tables.state.setdefault("dirty", set())
    new = keys - marked
    if new:
        tables.conn.executemany("INSERT OR IGNORE INTO ledger_dirty (ledger_key) VALUES (?)",
                                [[k] for k in new])
        marked |= new


def _baseline_claims(tables: Tables) -> list[dict[str, Any]]:
    row = tables.conn.execute("SELECT claims FROM baselines WHERE in_force = 1").fetchone()
    return json.loads(row[0]) if row else []


def _observations(tables: Tables, key: str, counter: list[int]) -> Iterator[Observation]:
    """One key's asserted observations in (date, position) order, counted as they stream."""
    for r in tables.conn.execute(
        "SELECT quantity, bound, quantity_high, source, COALESCE(date, ''), article_id, "
        "COALESCE(story_id, article_id), COALESCE(outlet, ''), COALESCE(evidence, ''), COALESCE(position, 0) "
        "FROM claim_observations WHERE ledger_key = ? AND COALESCE(stance, 'asserted') = 'asserted' "
        "ORDER BY COALESCE(date, ''), COALESCE(position, 0)", [key]
    ):
        counter[0] += 1
        yield Observation(*r)


def refresh_ledger(tables: Tables) -> None:
    conn = tables.conn
    dirty = [r[0] for r in conn.execute("SELECT ledger_key FROM ledger_dirty")]
    if not dirty:
        return
    baseline = _baseline_claims(tables)
    for key in dirty:
        kind, item, direction = key.split("|")
        direction_value = None if direction == "-" else direction
        counter = [0]
        entry = ledger_entry(_observations(tables, key, counter), presorted=True)
        count = counter[0]
        base = [c for c in baseline if (c["kind"], c["item"], c.get("direction")) == (kind, item, direction_value)]
        base_figure = next((c for c in base if c.get("quantity") is not None), base[0] if base else None)
        if entry is None and base_figure is None:
            conn.execute("DELETE FROM claims WHERE ledger_key = ?", [key])
            continue
        newest = entry["newest"] if entry else {}
        previous = (entry or {}).get("previous") or {}
        prov = (base_figure or {}).get("provenance") or {}
        conn.execute(
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
    conn.execute("DELETE FROM ledger_dirty")
    tables.state.pop("dirty", None)


CLAIMS = Projection(
    name="claims", version=2,  # 2: claim_ledger shows ledger_key and every figure's bound
    ddl=[OBSERVATIONS_DDL, "CREATE INDEX claim_observations_key ON claim_observations (ledger_key)",
         CLAIMS_DDL, BASELINES_DDL, "CREATE TABLE ledger_dirty (ledger_key TEXT PRIMARY KEY)"],
    tables=["claim_observations", "claims", "baselines", "ledger_dirty"], cached=[OBSERVATIONS_TABLE],
    handlers={
        ev.CLAIMS_EXTRACTED: _on_claims_extracted, ev.CLAIMS_DIFFED: _on_claims_diffed,
        ev.BASELINE_SET: _on_baseline_set, ev.ARTICLE_CLASSIFIED: _on_article_classified_claims,
    },
    views=["claim_ledger"],
    view_ddl=["""
CREATE VIEW claim_ledger AS
SELECT ledger_key, kind, item, direction,
       newest_quantity, newest_bound, newest_quantity_high, newest_source, newest_date,
       previous_quantity, previous_bound, previous_source, previous_date,
       baseline_quantity, baseline_bound, baseline_source, baseline_date,
       CASE WHEN baseline_quantity > 0 AND newest_quantity IS NOT NULL
            THEN ROUND(newest_quantity / baseline_quantity, 2) END AS ratio_to_baseline,
       corroborations, outlets,
       (SELECT link FROM articles WHERE articles.article_id = claims.newest_article_id) AS newest_link
FROM claims ORDER BY kind, item
"""],
    on_caught_up=refresh_ledger,
    description="every extracted claim, the ledger per kind+item+direction, and the baselines",
)
# The articles projection must run first over a chunk so claim rows find their article.
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

ALERTS_TABLE = Table.from_ddl(ALERTS_DDL, key="alert_id")
ALERT_FACTS_DDL = "CREATE TABLE alert_facts (alert_id TEXT, ledger_key TEXT, quantity REAL)"
ALERT_FACTS_TABLE = Table.from_ddl(ALERT_FACTS_DDL, key="alert_id", kind="appends")


def _on_alert_queued(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["alerts"]
    if rows.get(d["alert_id"]) is None:
        rows.put(ALERTS_TABLE.new_row(
            alert_id=d["alert_id"], kind=d.get("kind"), status="queued", subject=d.get("subject"),
            recipients=_json(d.get("recipients", [])), message_id=d.get("message_id"),
            article_id=d.get("article_id"), ledger_keys=_json(d.get("ledger_keys", [])),
            queued_at=e.recorded_at, next_try_at=e.recorded_at, position=e.position,
        ))
    # What the user has been told, so a repeat of the same figure never mails again.
    facts = tables["alert_facts"]
    for fact in d.get("facts", []):
        facts.add(d["alert_id"], fact["ledger_key"], fact.get("quantity"))


def _on_alert_attempted(tables: Tables, e: ProjectedEvent) -> None:
    if is_channel_event(e):  # a channel's delivery: alert_deliveries, not e-mail's row
        return
    rows = tables["alerts"]
    row = rows.get(e.data["alert_id"])
    if row is None:
        return
    row.update(status="sending", attempts=e.data.get("attempt", 1), position=e.position)
    rows.put(row)


def _on_alert_sent(tables: Tables, e: ProjectedEvent) -> None:
    if is_channel_event(e):  # a channel's delivery: alert_deliveries, not e-mail's row
        return
    d = e.data
    rows = tables["alerts"]
    row = rows.get(d["alert_id"])
    if row is None:
        return
    row.update(status="sent", sent_at=d.get("sent_at", e.recorded_at), channel=d.get("channel"),
               reply=d.get("reply"), next_try_at=None, last_error_kind=None, last_error=None,
               position=e.position)
    rows.put(row)


def _on_alert_failed(tables: Tables, e: ProjectedEvent) -> None:
    if is_channel_event(e):  # a channel's delivery: alert_deliveries, not e-mail's row
        return
    d = e.data
    rows = tables["alerts"]
    row = rows.get(d["alert_id"])
    if row is None:
        return
    attempt = d.get("attempt", 1)
    row.update(status="failed" if d.get("permanent") or not d.get("next_try_at") else "queued",
               attempts=None if attempt is None else max(row["attempts"], attempt),  # SQL MAX(x, NULL)
               last_error_kind=d.get("kind"), last_error=d.get("error"), next_try_at=d.get("next_try_at"),
               position=e.position)
    rows.put(row)


ALERTS = Projection(
    name="alerts", version=1, ddl=[ALERTS_DDL, "CREATE INDEX alerts_status ON alerts (status, next_try_at)",
                                   ALERT_FACTS_DDL, "CREATE INDEX alert_facts_key ON alert_facts (ledger_key)"],
    tables=["alerts", "alert_facts"], cached=[ALERTS_TABLE, ALERT_FACTS_TABLE],
    handlers={ev.ALERT_QUEUED: _on_alert_queued, ev.ALERT_ATTEMPTED: _on_alert_attempted,
              ev.ALERT_SENT: _on_alert_sent, ev.ALERT_FAILED: _on_alert_failed},
    description="one row per alert: queued, sending, sent or failed",
)

ALL_PROJECTIONS = (FEEDS, ARTICLES, CLAIMS, ALERTS, ALERT_DELIVERIES)
