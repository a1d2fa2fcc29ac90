"""The claims read models: every observation of a figure, the ledger per key (newest, previous, baseline)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from monitor import events as ev
from monitor.claims.ledger import Observation, ledger_entry, ledger_key
from monitor.projections._rows import json_text
from monitor.store import ProjectedEvent, Projection, ReadModelStore, Table, Tables

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
    row = tables.conn.execute(
        "SELECT published, COALESCE(feed_id, ''), COALESCE(story_id, article_id) FROM articles WHERE article_id = ?",
        [article_id],
    ).fetchone()
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
            article_id=article_id,
            claim_id=claim["id"],
            ledger_key=key,
            kind=claim["kind"],
            item=claim["item"],
            direction=claim.get("direction"),
            quantity=claim.get("quantity"),
            bound=claim.get("bound"),
            quantity_high=claim.get("quantity_high"),
            source=claim.get("source"),
            since=claim.get("since"),
            as_of=claim.get("as_of"),
            stance=claim.get("stance"),
            hedged=int(bool(claim.get("hedged"))),
            evidence=claim.get("evidence"),
            published=published,
            date=claim.get("as_of") or published or e.recorded_at[:10],
            outlet=d.get("outlet") or outlet,
            story_id=story_id,
            position=e.position,
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
            row.update(
                verdict=v.get("verdict"),
                verdict_from=v.get("from"),
                verdict_to=v.get("to"),
                baseline_id=d.get("baseline_id"),
            )
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
        [
            d["baseline_id"],
            d.get("label"),
            d.get("set_at", e.recorded_at),
            json_text(d.get("claims", [])),
            json_text(d.get("sources", [])),
            e.position,
        ],
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
        tables.conn.executemany("INSERT OR IGNORE INTO ledger_dirty (ledger_key) VALUES (?)", [[k] for k in new])
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
        "ORDER BY COALESCE(date, ''), COALESCE(position, 0)",
        [key],
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
            [
                key,
                kind,
                item,
                direction_value,
                newest.get("quantity"),
                newest.get("bound"),
                newest.get("quantity_high"),
                newest.get("source"),
                newest.get("date"),
                newest.get("article_id"),
                newest.get("evidence"),
                previous.get("quantity"),
                previous.get("bound"),
                previous.get("source"),
                previous.get("date"),
                previous.get("article_id"),
                (base_figure or {}).get("quantity"),
                (base_figure or {}).get("bound"),
                (base_figure or {}).get("source"),
                prov.get("published") or (base_figure or {}).get("as_of"),
                json_text([c.get("id") for c in base]),
                newest.get("corroborations", 0),
                json_text(newest.get("outlets", [])),
                json_text(newest.get("sources", [])),
                (entry or {}).get("figures", 0),
                count,
            ],
        )
    conn.execute("DELETE FROM ledger_dirty")
    tables.state.pop("dirty", None)


def figure_outlet_sql(row: str, figure: str = "newest") -> str:
    """SQL for the outlet of the article behind a ``claims`` row's ``figure`` ("newest", "previous"),
    with ``row`` the name or alias of the claims table: a source of "outlet" is that article's own
    voice, and names nobody without it. One copy for the view, the snapshot, the CLI and the report."""
    return (
        f"(SELECT outlet FROM claim_observations o "
        f"WHERE o.article_id = {row}.{figure}_article_id AND o.ledger_key = {row}.ledger_key LIMIT 1)"
    )


CLAIMS = Projection(
    name="claims",
    # 2: claim_ledger shows ledger_key and every figure's bound; 3: and the newest figure's outlet and evidence;
    # 4: a figure that says less than the standing one (no figure, a floor it meets) no longer becomes the newest
    version=4,
    ddl=[
        OBSERVATIONS_DDL,
        "CREATE INDEX claim_observations_key ON claim_observations (ledger_key)",
        CLAIMS_DDL,
        BASELINES_DDL,
        "CREATE TABLE ledger_dirty (ledger_key TEXT PRIMARY KEY)",
    ],
    tables=["claim_observations", "claims", "baselines", "ledger_dirty"],
    cached=[OBSERVATIONS_TABLE],
    handlers={
        ev.CLAIMS_EXTRACTED: _on_claims_extracted,
        ev.CLAIMS_DIFFED: _on_claims_diffed,
        ev.BASELINE_SET: _on_baseline_set,
        ev.ARTICLE_CLASSIFIED: _on_article_classified_claims,
    },
    views=["claim_ledger"],
    view_ddl=[
        f"""
CREATE VIEW claim_ledger AS
SELECT ledger_key, kind, item, direction,
       newest_quantity, newest_bound, newest_quantity_high, newest_source, newest_date,
       previous_quantity, previous_bound, previous_source, previous_date,
       baseline_quantity, baseline_bound, baseline_source, baseline_date,
       CASE WHEN baseline_quantity > 0 AND newest_quantity IS NOT NULL
            THEN ROUND(newest_quantity / baseline_quantity, 2) END AS ratio_to_baseline,
       corroborations, outlets,
       (SELECT link FROM articles WHERE articles.article_id = claims.newest_article_id) AS newest_link,
       -- Added last, so scripts that read the columns by position keep working.
       {figure_outlet_sql("claims")} AS newest_outlet,
       newest_evidence
FROM claims ORDER BY kind, item
"""
    ],
    on_caught_up=refresh_ledger,
    description="every extracted claim, the ledger per kind+item+direction, and the baselines",
)
# The articles projection must run first over a chunk so claim rows find their article.
# (ProjectionRunner applies projections in list order.)


# -- queries --------------------------------------------------------------------------


def claims_row(store: ReadModelStore, key: str) -> dict[str, Any] | None:
    """One ledger key's row as a dict (None: no claim with that key yet)."""
    with store.reading() as db:
        cursor = db.execute("SELECT * FROM claims WHERE ledger_key = ?", [key])
        row = cursor.fetchone()
        if row is None:
            return None
        names = [c[0] for c in cursor.description]
    return dict(zip(names, row))


def asserted_observations(store: ReadModelStore, key: str, *, except_article: str) -> list[Observation]:
    """Every asserted (not denied, not hedged away) observation of ``key``, other articles only."""
    with store.reading() as db:
        rows = db.execute(
            "SELECT quantity, bound, quantity_high, source, date, article_id, story_id, outlet, evidence, position "
            "FROM claim_observations WHERE ledger_key = ? AND article_id != ? "
            "AND COALESCE(stance, 'asserted') = 'asserted'",
            [key, except_article],
        ).fetchall()
    return [
        Observation(
            quantity=r[0],
            bound=r[1],
            quantity_high=r[2],
            source=r[3],
            date=r[4] or "",
            article_id=r[5],
            story_id=r[6] or r[5],
            outlet=r[7] or "",
            evidence=r[8] or "",
            position=r[9] or 0,
        )
        for r in rows
    ]


def ledger_snapshot(store: ReadModelStore) -> dict[str, dict[str, Any]]:
    """Every ledger key's standing figure now (the "before" and "after" of a first-poll summary): the
    newest reported, else the baseline's. Without the baseline's, a key no article had reported yet
    read as a "new" figure in the summary although the baseline held another."""
    reported = "newest_quantity IS NOT NULL"
    with store.reading() as db:
        rows = db.execute(
            "SELECT ledger_key, kind, item, "
            f"CASE WHEN {reported} THEN newest_quantity ELSE baseline_quantity END, "
            f"CASE WHEN {reported} THEN newest_bound ELSE baseline_bound END, "
            f"CASE WHEN {reported} THEN newest_quantity_high END, "
            f"CASE WHEN {reported} THEN newest_date ELSE baseline_date END, "
            f"CASE WHEN {reported} THEN newest_source ELSE baseline_source END, "
            f"CASE WHEN {reported} THEN {figure_outlet_sql('claims')} END FROM claims"
        ).fetchall()
    return {
        r[0]: {
            "kind": r[1],
            "item": r[2],
            "quantity": r[3],
            "bound": r[4],
            "quantity_high": r[5],
            "date": r[6],
            "source": r[7],
            "outlet": r[8],  # whose article: a source of "outlet" names nobody without it
        }
        for r in rows
    }


def ledger_keys_of(store: ReadModelStore, article_ids: list[str]) -> list[str]:
    """The ledger keys these articles observed (each once per article chunk)."""
    keys: list[str] = []
    with store.reading() as db:
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            keys += [
                r[0]
                for r in db.execute(
                    f"SELECT DISTINCT ledger_key FROM claim_observations WHERE article_id IN ({marks})", chunk
                )
            ]
    return keys
