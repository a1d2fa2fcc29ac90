"""The shared PostgreSQL log with this machine's SQLite replica of it, where the read models live.

Appends go to PostgreSQL, the one authority. The local file holds a verbatim copy of the
log (same positions, ids, text and hashes), pulled in position order, and the projections
built from it, exactly as a SQLite-only monitor's file does. So everything that reads a
database (projections, the report, Datasette, the CLI's queries) keeps reading one SQLite
file, and rebuilding the read models replays a local copy instead of the network. The
replica is a cache: deleting the file loses nothing, the next open pulls the log again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from monitor.store.api import ANY, NewEvent, StoredEvent, StoreError, StoreOpenError, VerifyResult
from monitor.store.leases import LeaseTable, SessionLock
from monitor.store.postgres import PostgresEventStore
from monitor.store.sqlite import _COLUMNS, GENESIS_HASH, SQLiteEventStore

#: Rows copied from the shared log per local transaction.
PULL_CHUNK = 5000
_REPLICA_KEY = "replica_of"


class ReplicatedStore(SQLiteEventStore):
    """An EventStore whose appends go to ``shared`` and whose reads come from the local file at ``path``.

    Reads first pull what other processes appended, so a read here sees at least every
    append made before it started. The SQLite side (``transaction``, ``reading``) is the
    local file: projections and every query of them work as in SQLite mode. The file may
    be shared by several processes on one machine; each pull copies only rows it lacks.
    """

    def __init__(
        self,
        shared: PostgresEventStore,
        path: str | Path,
        *,
        busy_timeout_seconds: float = 30.0,
        relaxed_types: Collection[str] = (),
    ) -> None:
        self.shared = shared
        self._leases: LeaseTable | None = None
        self._writer: SessionLock | None = None
        super().__init__(
            path,
            upcaster=shared.upcaster,
            busy_timeout_seconds=busy_timeout_seconds,
            create=True,
            relaxed_types=relaxed_types,
        )
        try:
            self._adopt()
            self.pull()
        except BaseException:
            super().close()
            raise

    def _adopt(self) -> None:
        """Make sure the local file is a prefix of the shared log, and mark it as its replica.

        A file that already follows this log, a new file, or an SQLite log whose rows are a
        prefix of it (the file `monitor migrate` copied from) is accepted. Anything else
        would mix two histories and is refused, naming the file.
        """
        shared_id = self.shared.store_id
        with self._write(durable=False) as conn:
            row = conn.execute("SELECT value FROM store_meta WHERE key = ?", [_REPLICA_KEY]).fetchone()
            follows = row[0] if row else None
            head = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
            if follows is not None and follows != shared_id:
                raise StoreOpenError(
                    f"{self.path}: a replica of another shared log ({follows}, this one is {shared_id}); "
                    "it is only a cache: delete it, or point [store] path at another file"
                )
            if head is not None:
                (position, digest) = head
                theirs = self.shared.read_rows(after=position - 1, limit=1)
                if not theirs or theirs[0][0] != position or theirs[0][10] != digest:
                    what = "has diverged from" if follows else "holds an SQLite event log that is not part of"
                    raise StoreOpenError(
                        f"{self.path}: {what} the shared log at {self.shared.path} (position {position}); "
                        "with [store] url set, [store] path names this machine's copy of the shared log: "
                        "point it at a new file"
                    )
            if follows is None:
                conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", [_REPLICA_KEY, shared_id])

    def leases(self) -> LeaseTable:
        """The shared database's leases: how daemons on this log take turns (monitor.locks)."""
        if self._leases is None:
            self._leases = LeaseTable(self.shared)
        return self._leases

    def writer_lock(self) -> SessionLock:
        """The shared log's ``writer`` lock: one daemon's processing and writes at a time."""
        if self._writer is None:
            self._writer = SessionLock(self.shared, "writer")
        return self._writer

    def pull(self) -> int:
        """Copy the shared log's rows past the local head into the local file; returns how many."""
        copied = 0
        while True:
            with self._lock:
                local = self._conn.execute("SELECT max(position) FROM events").fetchone()[0] or 0
            # Fetched without the local write lock; another process may copy the same rows
            # meanwhile, so what is still missing is decided again under the lock.
            rows = self.shared.read_rows(after=local, limit=PULL_CHUNK)
            if not rows:
                return copied
            stored = self._continue_with(rows)
            if stored is None:
                raise StoreError(
                    f"{self.path}: the local copy no longer continues the shared log at "
                    f"position {local}; delete the file (a cache) and start again"
                )
            copied += stored
            if len(rows) < PULL_CHUNK:
                return copied

    # -- the EventStore protocol: writes to the shared log, reads after a pull --------------

    def append(self, events: Sequence[NewEvent], expected: int | Mapping[str, int] = ANY) -> list[int]:
        positions, rows = self.shared.append_rows(events, expected)
        # The rows just written continue the local copy unless another process appended
        # in between: then a pull brings theirs and ours, in order.
        if not rows or self._continue_with(rows) is None:
            self.pull()
        return positions

    def _continue_with(self, rows: Sequence[Sequence[Any]]) -> int | None:
        """Store the rows of ``rows`` past the local head, if they continue it; how many, or None if they do not.

        Decided under the local write lock: another process sharing the file may have
        stored some of them meanwhile.
        """
        with self._write(durable=False) as conn:
            head = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
            position, digest = head if head else (0, GENESIS_HASH)
            missing = [row for row in rows if row[0] > position]
            if missing and (missing[0][0] != position + 1 or missing[0][9] != digest):
                return None
            conn.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", missing)
            return len(missing)

    def read_all(
        self, after: int = 0, types: Sequence[str] | None = None, limit: int | None = None
    ) -> Iterator[StoredEvent]:
        self.pull()
        return super().read_all(after, types, limit)

    def read_stream(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        self.pull()
        return super().read_stream(stream, from_version)

    def read_streams(self, streams: Sequence[str], types: Sequence[str] | None = None) -> Iterator[StoredEvent]:
        self.pull()
        return super().read_streams(streams, types)

    def contains(self, event_ids: Collection[str]) -> set[str]:
        self.pull()
        return super().contains(event_ids)

    def stream_version(self, stream: str) -> int:
        self.pull()
        return super().stream_version(stream)

    def get(self, event_id: str) -> StoredEvent | None:
        self.pull()
        return super().get(event_id)

    def head(self) -> tuple[int, str]:
        """The shared log's head as of now (pulled first, so projections catch up to it)."""
        self.pull()
        return super().head()

    def count(self) -> int:
        self.pull()
        return super().count()

    def verify(self, progress: Any = None, since: tuple[int, str] | None = None) -> VerifyResult:
        """The shared log's chain and guards, then the local copy's chain (a bad copy is named too)."""
        # The copy first: every event in it was in the shared log before, so the shared walk, done
        # after, reaches at least as far, and a daemon appending meanwhile is no copy "ahead".
        local = super().verify(since=since)
        shared = self.shared.verify(progress, since)
        problems = list(shared.problems) + [f"local copy {self.path}: {p}" for p in local.problems]
        if local.ok and shared.ok and local.head_position > shared.head_position:
            problems.append(f"local copy {self.path}: ahead of the shared log")
        return VerifyResult(
            ok=not problems,
            checked=shared.checked,
            head_position=shared.head_position,
            head_hash=shared.head_hash,
            first_bad_position=shared.first_bad_position,
            problems=tuple(problems),
        )

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._writer is not None:
                self._writer.close()
            self.shared.close()

    def __enter__(self) -> ReplicatedStore:
        return self
