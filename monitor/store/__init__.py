"""The append-only event store: the log, projections, replay and verification.

from monitor.store import open_store, NewEvent
store = open_store("monitor.db")                        # SQLite: the log and read models in one file
store = open_store("cache.db", url="postgresql://u@h/d")  # the shared log, with a local copy for reading
store.append([NewEvent(stream="feed:x", type="FeedPolled", data={...})], expected=0)
"""

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from monitor.store.api import (
    ANY,
    NO_STREAM,
    AppendOnlyViolation,
    ConcurrencyError,
    EventStore,
    IdempotencyError,
    LogDamaged,
    LogTruncated,
    NewerEventShape,
    NewEvent,
    NoEventLog,
    ProjectedEvent,
    ReadModelStore,
    StoredEvent,
    StoreError,
    StoreOpenError,
    VerifyResult,
    deterministic_event_id,
    new_event_id,
    position_before,
)
from monitor.store.projection import Projection, ProjectionRunner, Table, Tables
from monitor.store.sqlite import GENESIS_HASH, SQLiteEventStore
from monitor.store.upcasting import Upcaster, default_upcaster
from monitor.store.urls import check_url, is_postgres_url, redact

if TYPE_CHECKING:
    from monitor.store.postgres import PostgresEventStore


def open_store(
    path: str,
    *,
    url: str | None = None,
    password: str | None = None,
    create: bool = True,
    relaxed_types: Collection[str] = (),
    **options: Any,
) -> SQLiteEventStore:
    """Open (creating if needed) the store at ``path``; ``:memory:`` for a throwaway one.

    With ``url`` the log is the PostgreSQL database it names (:func:`open_shared_log`),
    and ``path`` is this machine's copy of it, where the read models live
    (monitor.store.replica).
    """
    if not url:
        return SQLiteEventStore(path, create=create, relaxed_types=relaxed_types, **options)
    # Every commit to a shared log is durable: a relaxed one (synchronous_commit off) is visible, and copied into
    # the daemons' local copies, before it is on disk, so a crash of the server that lost it left every copy ahead
    # of the log, and each daemon stopped ("no longer continues the shared log"). The local copy may relax its own.
    shared = open_shared_log(url, password=password, create=create)
    from monitor.store.replica import ReplicatedStore  # needs psycopg, loaded by open_shared_log

    try:
        return ReplicatedStore(shared, path, relaxed_types=relaxed_types, **options)
    except BaseException:
        shared.close()
        raise


def open_shared_log(
    url: str, *, password: str | None = None, create: bool = True, relaxed_types: Collection[str] = ()
) -> "PostgresEventStore":
    """The PostgreSQL log at ``url``. ``password`` goes to libpq, which otherwise reads
    ``PGPASSWORD`` or ``~/.pgpass`` itself."""
    problem = check_url(url)
    if problem:
        raise StoreOpenError(f"[store] url {redact(url)!r}: {problem}")
    try:
        # Imported here: psycopg is an optional extra, and SQLite users never load it.
        from monitor.store.postgres import PostgresEventStore
    except ImportError as exc:
        raise StoreOpenError(
            f"[store] url is set but the PostgreSQL driver is missing ({exc}); pip install 'nkru-monitor[postgres]'"
        ) from exc
    return PostgresEventStore(url, password=password, create=create, relaxed_types=relaxed_types)


__all__ = [
    "position_before",
    "ANY",
    "NO_STREAM",
    "AppendOnlyViolation",
    "ConcurrencyError",
    "EventStore",
    "IdempotencyError",
    "LogDamaged",
    "LogTruncated",
    "NewerEventShape",
    "NewEvent",
    "ProjectedEvent",
    "ReadModelStore",
    "StoredEvent",
    "StoreError",
    "NoEventLog",
    "StoreOpenError",
    "VerifyResult",
    "deterministic_event_id",
    "new_event_id",
    "Projection",
    "ProjectionRunner",
    "Table",
    "Tables",
    "GENESIS_HASH",
    "SQLiteEventStore",
    "Upcaster",
    "default_upcaster",
    "open_store",
    "open_shared_log",
    "is_postgres_url",
    "redact",
]
