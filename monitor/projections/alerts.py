"""The alerts read model: one row per alert (status, attempts, next try) and the facts each one told."""

from __future__ import annotations

from monitor import events as ev
from monitor.projections._rows import CHANNELS_ONLY, DUE_CLAUSE, GIVEN_UP, failure_columns, json_text
from monitor.projections.deliveries import is_channel_event
from monitor.store import ProjectedEvent, Projection, ReadModelStore, Table, Tables

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
    failing_since TEXT,
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
        # (an explicit empty list: events of releases before channels-only alerts always named recipients)
        channels_only = "recipients" in d and not d["recipients"]
        rows.put(
            ALERTS_TABLE.new_row(
                alert_id=d["alert_id"],
                kind=d.get("kind"),
                status=CHANNELS_ONLY if channels_only else "queued",
                subject=d.get("subject"),
                recipients=json_text(d.get("recipients", [])),
                message_id=d.get("message_id"),
                article_id=d.get("article_id"),
                ledger_keys=json_text(d.get("ledger_keys", [])),
                queued_at=e.recorded_at,
                next_try_at=None if channels_only else e.recorded_at,
                position=e.position,
            )
        )
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
    row.update(
        status="sent",
        sent_at=d.get("sent_at", e.recorded_at),
        channel=d.get("channel"),
        reply=d.get("reply"),
        next_try_at=None,
        last_error_kind=None,
        last_error=None,
        failing_since=None,
        position=e.position,
    )
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
    row.update(
        attempts=None if attempt is None else max(row["attempts"], attempt),  # SQL MAX(x, NULL)
        last_error_kind=d.get("kind"),
        last_error=d.get("error"),
        position=e.position,
        **failure_columns(row, e),
    )
    rows.put(row)


ALERTS = Projection(
    name="alerts",
    version=2,  # 2: failing_since, and the given_up status
    ddl=[
        ALERTS_DDL,
        "CREATE INDEX alerts_status ON alerts (status, next_try_at)",
        ALERT_FACTS_DDL,
        "CREATE INDEX alert_facts_key ON alert_facts (ledger_key)",
    ],
    tables=["alerts", "alert_facts"],
    cached=[ALERTS_TABLE, ALERT_FACTS_TABLE],
    handlers={
        ev.ALERT_QUEUED: _on_alert_queued,
        ev.ALERT_ATTEMPTED: _on_alert_attempted,
        ev.ALERT_SENT: _on_alert_sent,
        ev.ALERT_FAILED: _on_alert_failed,
    },
    description="one row per alert: queued, sending, sent or failed",
)


# -- queries --------------------------------------------------------------------------


def told_quantities(store: ReadModelStore, key: str) -> list[float | None]:
    """The figures of ``key`` that queued alerts have told (or will tell) the reader."""
    with store.reading() as db:
        return [q for (q,) in db.execute("SELECT quantity FROM alert_facts WHERE ledger_key = ?", [key])]


def due_alerts(
    store: ReadModelStore, *, now: str, latest: str, include_failed: bool = False
) -> list[tuple[str, int, str | None, str | None]]:
    """(alert id, attempts so far, failing since, next try at) of every alert to try at ``now``, in queue order; with
    ``include_failed`` (`monitor alerts retry`) the failed and given-up ones too."""
    statuses = ("queued", "sending", "failed", GIVEN_UP) if include_failed else ("queued", "sending")
    marks = ",".join("?" * len(statuses))
    with store.reading() as db:
        rows = db.execute(
            f"SELECT alert_id, attempts, failing_since, next_try_at FROM alerts WHERE status IN ({marks}) AND {DUE_CLAUSE} "
            "ORDER BY position",
            [*statuses, include_failed, now, latest],
        ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def sent_since(store: ReadModelStore, since: str) -> int:
    """How many alerts were sent at or after ``since``."""
    with store.reading() as db:
        return db.execute("SELECT COUNT(*) FROM alerts WHERE status = 'sent' AND sent_at >= ?", [since]).fetchone()[0]


def alert_ids_like(store: ReadModelStore, prefix: str) -> list[str]:
    """Every alert id starting with ``prefix`` (health alerts count theirs per feed)."""
    with store.reading() as db:
        return [
            r[0]
            for r in db.execute(
                "SELECT alert_id FROM alerts WHERE alert_id LIKE ? ESCAPE '\\'",
                [prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
            )
        ]
