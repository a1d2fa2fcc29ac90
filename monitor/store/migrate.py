"""`monitor migrate`: an SQLite log copied into an empty PostgreSQL store, event for event.

Same positions, ids, stored text and hashes, so the chain verifies the same at both ends
and the SQLite file can carry on as the machine's local copy of the shared log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.store.api import StoreError
from monitor.store.postgres import PostgresEventStore
from monitor.store.sqlite import _COLUMNS, SQLiteEventStore

COPY_CHUNK = 5000


@dataclass(frozen=True)
class Migrated:
    events: int
    head_position: int
    head_hash: str


def _rows(source: SQLiteEventStore, progress: Callable[[int], None] | None) -> Iterator[Sequence[Sequence[Any]]]:
    last, copied = 0, 0
    while True:
        with source.reading() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?", [last, COPY_CHUNK]
            ).fetchall()
        if not rows:
            return
        yield rows
        copied += len(rows)
        last = rows[-1][0]
        if progress is not None:
            progress(copied)


def migrate(
    source: SQLiteEventStore, target: PostgresEventStore, progress: Callable[[int], None] | None = None
) -> Migrated:
    """Verify ``source``, copy it into the empty ``target`` in one transaction, verify ``target``."""
    before = source.verify()
    if not before.ok:
        raise StoreError(
            f"{source.path}: the log fails its checks at position {before.first_bad_position} "
            f"({before.problems[0]}); see `monitor verify`, nothing was copied"
        )
    copied = target.import_log(_rows(source, progress))
    after = target.verify()
    if not after.ok or (after.head_position, after.head_hash) != (before.head_position, before.head_hash):
        problem = after.problems[0] if after.problems else f"its head is position {after.head_position}"
        raise StoreError(
            f"{target.path}: the copy does not verify ({problem}); drop that database and "
            "migrate again, the SQLite log is unchanged"
        )
    return Migrated(copied, after.head_position, after.head_hash)
