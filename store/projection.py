"""Projections: read-model tables fed by event handlers, each with a checkpoint.

A projection's rows and its checkpoint (the last position applied) are written in one
transaction, so a crash can never apply an event twice or skip one. ``rebuild`` drops
every projection table and replays the log from the start; the result equals what the
incremental path built (tests/test_projections.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import sqlite_utils

from .api import StoredEvent
from .sqlite import SQLiteEventStore

Handler = Callable[[sqlite_utils.Database, StoredEvent], None]
Progress = Callable[[int, int], None]  # (applied so far, total to apply)

CHECKPOINTS = "projection_checkpoints"
BATCH = 2000


@dataclass
class Projection:
    """A named read model: its DDL, the tables and views it owns, and its handlers.

    Bump ``version`` whenever the handlers or the DDL change: a stored checkpoint of an
    older version makes the runner rebuild that projection from the log.
    """

    name: str
    version: int
    ddl: Sequence[str]
    tables: Sequence[str]
    handlers: dict[str, Handler]
    views: Sequence[str] = ()
    view_ddl: Sequence[str] = ()
    on_caught_up: Callable[[sqlite_utils.Database], None] | None = None
    description: str = field(default="")

    def create(self, db: sqlite_utils.Database) -> None:
        for statement in self.ddl:
            db.execute(statement)
        for statement in self.view_ddl:
            db.execute(statement)

    def drop(self, db: sqlite_utils.Database) -> None:
        for view in self.views:
            db.execute(f"DROP VIEW IF EXISTS [{view}]")
        for table in self.tables:
            db.execute(f"DROP TABLE IF EXISTS [{table}]")


class ProjectionRunner:
    """Keeps a set of projections up to date with a store, by position."""

    def __init__(self, store: SQLiteEventStore, projections: Iterable[Projection]):
        self.store = store
        self.projections = list(projections)
        names = [p.name for p in self.projections]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate projection names: {names}")
        with store.transaction() as db:
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {CHECKPOINTS} ("
                "name TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL)"
            )
            stale = []
            for projection in self.projections:
                row = db.execute(
                    f"SELECT version FROM {CHECKPOINTS} WHERE name = ?", [projection.name]
                ).fetchone()
                if row is None or row[0] != projection.version:
                    stale.append(projection)
            for projection in stale:
                self._reset(db, projection)

    def _reset(self, db: sqlite_utils.Database, projection: Projection) -> None:
        projection.drop(db)
        projection.create(db)
        db.execute(
            f"INSERT OR REPLACE INTO {CHECKPOINTS} (name, position, version) VALUES (?, 0, ?)",
            [projection.name, projection.version],
        )

    def checkpoints(self) -> dict[str, int]:
        with self.store.reading() as db:
            return {name: pos for name, pos in db.execute(f"SELECT name, position FROM {CHECKPOINTS}")}

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply every event after each projection's checkpoint. Returns events applied."""
        head, _ = self.store.head()
        checkpoints = self.checkpoints()
        behind = [p for p in self.projections if checkpoints.get(p.name, 0) < head]
        if not behind:
            return 0
        start = min(checkpoints.get(p.name, 0) for p in behind)
        types = sorted({t for p in behind for t in p.handlers})
        total = head - start
        applied = 0
        batch: list[StoredEvent] = []
        for event in self.store.read_all(after=start, types=types):
            if event.position > head:
                break
            batch.append(event)
            if len(batch) >= BATCH:
                applied += self._apply(behind, batch, checkpoints, batch[-1].position)
                batch = []
                if progress:
                    progress(min(applied, total), total)
        applied += self._apply(behind, batch, checkpoints, head)
        if progress:
            progress(total, total)
        return applied

    def _apply(self, projections: list[Projection], batch: list[StoredEvent],
               checkpoints: dict[str, int], up_to: int) -> int:
        with self.store.transaction() as db:
            for projection in projections:
                done = checkpoints.get(projection.name, 0)
                handlers = projection.handlers
                for event in batch:
                    if event.position > done:
                        handler = handlers.get(event.type)
                        if handler is not None:
                            handler(db, event)
                if up_to > done:
                    db.execute(
                        f"UPDATE {CHECKPOINTS} SET position = ? WHERE name = ?", [up_to, projection.name]
                    )
                    checkpoints[projection.name] = up_to
                if projection.on_caught_up is not None:
                    projection.on_caught_up(db)
        return len(batch)

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop and regenerate every projection from the log.

        All in one transaction: readers (the CLI, Datasette) keep seeing the old tables
        until the new ones are complete.
        """
        with self.store.transaction() as db:
            for projection in self.projections:
                self._reset(db, projection)
            head, _ = self.store.head()
            types = sorted({t for p in self.projections for t in p.handlers})
            by_type: dict[str, list[Handler]] = {}
            for projection in self.projections:
                for event_type, handler in projection.handlers.items():
                    by_type.setdefault(event_type, []).append(handler)
            applied = 0
            for event in self.store.read_all(after=0, types=types):
                if event.position > head:
                    break
                for handler in by_type[event.type]:
                    handler(db, event)
                applied += 1
                if progress and applied % 10000 == 0:
                    progress(event.position, head)
            for projection in self.projections:
                if projection.on_caught_up is not None:
                    projection.on_caught_up(db)
            db.execute(f"UPDATE {CHECKPOINTS} SET position = ?", [head])
        if progress:
            progress(head, head)
        return applied
