"""The alert_deliveries read model: one row per alert and channel (monitor.alerts.channels).

E-mail keeps its row in ``alerts``; every channel an alert was routed to has its own row
here, with its own status, attempts, error and next try, so one channel failing is
visible beside the others that delivered.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from monitor import events as ev
from monitor.projections._rows import CHANNELS_ONLY, DUE_CLAUSE, GIVEN_UP, failure_columns
from monitor.store import ProjectedEvent, Projection, ReadModelStore, Table, Tables

DELIVERIES_DDL = """
CREATE TABLE alert_deliveries (
    delivery_id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    target TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error_kind TEXT,
    last_error TEXT,
    next_try_at TEXT,
    queued_at TEXT,
    sent_at TEXT,
    failing_since TEXT,
    paused_until TEXT,
    position INTEGER
)
"""
DELIVERIES_TABLE = Table.from_ddl(DELIVERIES_DDL, key="delivery_id")


def is_channel_event(e: ProjectedEvent) -> bool:
    """Events of e-mail have no destination (written before channels existed) or "email"."""
    return e.data.get("destination", "email") != "email"


def _delivery_id(alert_id: str, destination: str) -> str:
    return f"{alert_id} {destination}"


def _on_routed(tables: Tables, e: ProjectedEvent) -> None:
    d = e.data
    rows = tables["alert_deliveries"]
    for destination, target in zip(d.get("destinations", []), d.get("targets", [])):
        key = _delivery_id(d["alert_id"], destination)
        if rows.get(key) is None:
            rows.put(
                DELIVERIES_TABLE.new_row(
                    delivery_id=key,
                    alert_id=d["alert_id"],
                    destination=destination,
                    target=target,
                    status="queued",
                    queued_at=e.recorded_at,
                    next_try_at=e.recorded_at,
                    position=e.position,
                )
            )


def _row(tables: Tables, e: ProjectedEvent) -> dict[str, Any] | None:
    if not is_channel_event(e):
        return None
    return tables["alert_deliveries"].get(_delivery_id(e.data["alert_id"], e.data["destination"]))


def _on_attempted(tables: Tables, e: ProjectedEvent) -> None:
    row = _row(tables, e)
    if row is not None:
        row.update(status="sending", attempts=e.data.get("attempt", 1), position=e.position)
        tables["alert_deliveries"].put(row)


def _on_sent(tables: Tables, e: ProjectedEvent) -> None:
    row = _row(tables, e)
    if row is not None:
        row.update(
            status="sent",
            sent_at=e.data.get("sent_at", e.recorded_at),
            next_try_at=None,
            last_error_kind=None,
            last_error=None,
            failing_since=None,
            paused_until=None,
            position=e.position,
        )
        tables["alert_deliveries"].put(row)


def _on_failed(tables: Tables, e: ProjectedEvent) -> None:
    row = _row(tables, e)
    if row is not None:
        d = e.data
        row.update(
            attempts=max(row["attempts"], d.get("attempt") or 0),
            last_error_kind=d.get("kind"),
            last_error=d.get("error"),
            paused_until=_paused_until(e),
            position=e.position,
            **failure_columns(row, e),
        )
        tables["alert_deliveries"].put(row)


def _paused_until(e: ProjectedEvent) -> str | None:
    """Until when the receiver asked to be left alone (a 429 or 503 with Retry-After), as the failure recorded it;
    for failures recorded before ``paused_until`` was written, their time plus the ``retry_after_seconds`` asked."""
    d = e.data
    if d.get("paused_until") or not d.get("retry_after_seconds"):
        return d.get("paused_until")
    failed = ev.parse_timestamp(e.recorded_at)
    return None if failed is None else ev.timestamp(failed + timedelta(seconds=float(d["retry_after_seconds"])))


ALERT_DELIVERIES = Projection(
    name="alert_deliveries",
    version=2,  # 2: failing_since, paused_until, and the given_up status
    ddl=[
        DELIVERIES_DDL,
        "CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_try_at)",
        "CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id)",
    ],
    tables=["alert_deliveries"],
    cached=[DELIVERIES_TABLE],
    handlers={
        ev.ALERT_ROUTED: _on_routed,
        ev.ALERT_ATTEMPTED: _on_attempted,
        ev.ALERT_SENT: _on_sent,
        ev.ALERT_FAILED: _on_failed,
    },
    description="one row per alert and channel: queued, sending, sent or failed",
)


# -- queries --------------------------------------------------------------------------


def unrouted_alerts(store: ReadModelStore, alert_id: str | None = None) -> list[str]:
    """Alerts e-mail has not finished with (queued or "maybe sent"), and alerts for the channels alone,
    that no AlertRouted has routed yet, in queue order; with ``alert_id``, that alert if it is one of them."""
    only, parameters = ("AND alert_id = ?", [alert_id]) if alert_id is not None else ("", [])
    with store.reading() as db:
        return [
            row[0]
            for row in db.execute(
                f"SELECT alert_id FROM alerts WHERE status IN ('queued', 'sending', '{CHANNELS_ONLY}') {only} "
                "AND alert_id NOT IN (SELECT alert_id FROM alert_deliveries) ORDER BY position",
                parameters,
            )
        ]


def due_deliveries(
    store: ReadModelStore, *, now: str, latest: str, include_failed: bool = False
) -> list[tuple[str, str, int, str | None, str | None]]:
    """(alert id, destination, attempts so far, failing since, next try at) of every channel delivery to try at ``now``, oldest
    first: due by e-mail's rule (:data:`_rows.DUE_CLAUSE`); with ``include_failed``, failed and given up too."""
    statuses = ("queued", "sending", "failed", GIVEN_UP) if include_failed else ("queued", "sending")
    marks = ",".join("?" * len(statuses))
    with store.reading() as db:
        rows = db.execute(
            f"SELECT alert_id, destination, attempts, failing_since, next_try_at FROM alert_deliveries WHERE status IN ({marks}) "
            f"AND {DUE_CLAUSE} ORDER BY position",
            [*statuses, include_failed, now, latest],
        ).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def paused_destinations(store: ReadModelStore, now: str, latest: str) -> dict[str, str]:
    """Channels whose receiver asked for a pause that lasts beyond ``now`` → until when (the latest asked). Read
    from the log's projection, so a process started during the pause (`monitor poll` from cron) keeps it too.
    A pause ending after ``latest`` (now plus the longest pause ever granted) was recorded by a clock running
    ahead, and is not honoured: it would hold the receiver for as long as the clock was wrong."""
    with store.reading() as db:
        return dict(
            db.execute(
                "SELECT destination, MAX(paused_until) FROM alert_deliveries WHERE paused_until > ? "
                "AND paused_until <= ? GROUP BY destination",
                [now, latest],
            ).fetchall()
        )


def delivered_since(store: ReadModelStore, destination: str, since: str) -> int:
    """How many alerts ``destination`` took at or after ``since`` (its share of the hourly cap)."""
    with store.reading() as db:
        return db.execute(
            "SELECT COUNT(*) FROM alert_deliveries WHERE destination = ? AND status = 'sent' AND sent_at >= ?",
            [destination, since],
        ).fetchone()[0]


def deliveries_of(store: ReadModelStore, alert_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """alert id → its channels' rows (target, status, attempts, last error, next try, sent at)."""
    found: dict[str, list[dict[str, Any]]] = {}
    with store.reading() as db:
        for start in range(0, len(alert_ids), 500):
            chunk = alert_ids[start : start + 500]
            cursor = db.execute(
                "SELECT alert_id, target, status, attempts, last_error, next_try_at, sent_at "
                f"FROM alert_deliveries WHERE alert_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY target",
                chunk,
            )
            names = [c[0] for c in cursor.description]
            for values in cursor.fetchall():
                row = dict(zip(names, values))
                found.setdefault(row.pop("alert_id"), []).append(row)
    return found


def gone_destinations(store: ReadModelStore) -> dict[str, set[str]]:
    """Channels that answered 410 Gone (a hook whose receiver is no more) → the alerts already marked so.
    A channel whose URL changes gets a new destination, so it is not among them."""
    found: dict[str, set[str]] = {}
    with store.reading() as db:
        for alert_id, destination in db.execute(
            "SELECT alert_id, destination FROM alert_deliveries WHERE last_error_kind = 'gone'"
        ):
            found.setdefault(destination, set()).add(alert_id)
    return found
