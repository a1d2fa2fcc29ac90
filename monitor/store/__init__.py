"""The append-only event store: the log, projections, replay and verification.

    from monitor.store import open_store, NewEvent
    store = open_store("monitor.db")
    store.append([NewEvent(stream="feed:x", type="FeedPolled", data={...})], expected=0)
"""

from typing import Any

from monitor.store.api import (
    ANY,
    NO_STREAM,
    AppendOnlyViolation,
    ConcurrencyError,
    EventStore,
    IdempotencyError,
    LogDamaged,
    LogTruncated,
    NewEvent,
    ProjectedEvent,
    ReadModelStore,
    StoredEvent,
    StoreError,
    StoreOpenError,
    VerifyResult,
    deterministic_event_id,
    new_event_id,
)
from monitor.store.projection import Projection, ProjectionRunner, Table, Tables
from monitor.store.sqlite import GENESIS_HASH, SQLiteEventStore
from monitor.store.upcasting import Upcaster, default_upcaster


def open_store(path: str, **options: Any) -> SQLiteEventStore:
    """Open (creating if needed) the store at ``path``; ``:memory:`` for a throwaway one."""
    return SQLiteEventStore(path, **options)


__all__ = [
    "ANY", "NO_STREAM", "AppendOnlyViolation", "ConcurrencyError", "EventStore",
    "IdempotencyError", "LogDamaged", "LogTruncated", "NewEvent", "ProjectedEvent", "ReadModelStore", "StoredEvent",
    "StoreError", "StoreOpenError",
    "VerifyResult", "deterministic_event_id", "new_event_id", "Projection",
    "ProjectionRunner", "Table", "Tables", "GENESIS_HASH", "SQLiteEventStore", "Upcaster", "default_upcaster",
    "open_store",
]
