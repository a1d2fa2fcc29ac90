"""The SQLite backend of the event store, through sqlite-utils.

One file holds the log (``events``) and the projections. The log is append-only: SQLite
triggers refuse UPDATE and DELETE, and every row carries a SHA-256 hash chained to the
previous row, so an edit made behind the store's back is caught by :meth:`verify`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import sqlite_utils

from .api import (
    ANY,
    NO_STREAM,
    ConcurrencyError,
    IdempotencyError,
    NewEvent,
    StoredEvent,
    StoreError,
    StoreOpenError,
    AppendOnlyViolation,
    VerifyResult,
)
from .upcasting import Upcaster, default_upcaster

#: The on-disk format this code writes. A file with a higher number came from a newer
#: release and is refused rather than half-understood.
STORE_FORMAT = 1
GENESIS_HASH = "0" * 64
READ_CHUNK = 1000
MEMORY = ":memory:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream, version)
);
"""

# Created once, with the table. Never re-created on open: a guard someone dropped must
# stay missing so that `monitor verify` reports it.
GUARD_TRIGGERS = {
    "events_refuse_update": (
        "CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events is append-only: UPDATE refused'); END"
    ),
    "events_refuse_delete": (
        "CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events is append-only: DELETE refused'); END"
    ),
}

_COLUMNS = (
    "position, event_id, stream, version, type, schema_version, data, metadata, "
    "recorded_at, prev_hash, hash"
)


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_json(value: Any) -> str:
    """The one serialisation used for storage and hashing: sorted keys, compact, UTF-8."""
    if not value and isinstance(value, dict):
        return "{}"
    return _ENCODER.encode(value)


def chain_hash(
    prev_hash: str,
    position: int,
    event_id: str,
    stream: str,
    version: int,
    event_type: str,
    schema_version: int,
    data: str,
    metadata: str,
    recorded_at: str,
) -> str:
    """SHA-256 over the stored text of a row and the previous row's hash."""
    material = "\x1e".join(
        (prev_hash, str(position), event_id, stream, str(version), event_type,
         str(schema_version), data, metadata, recorded_at)
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class SQLiteEventStore:
    """An :class:`store.api.EventStore` on one SQLite file (or ``:memory:``).

    Thread-safe: one connection guarded by a re-entrant lock. Other processes (the CLI
    while the daemon runs) read concurrently thanks to WAL; writers queue on the busy
    timeout.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        upcaster: Upcaster | None = None,
        busy_timeout_seconds: float = 30.0,
        create: bool = True,
    ) -> None:
        self.path = str(path)
        self.upcaster = upcaster or default_upcaster
        self._lock = threading.RLock()
        self._conn = self._connect(busy_timeout_seconds, create)
        self.db = sqlite_utils.Database(self._conn)
        try:
            self._initialise(create)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreOpenError(
                f"{self.path}: not a usable SQLite database ({exc}); nothing was changed. "
                "Point [store] path or --db at a monitor database or a new file."
            ) from exc

    # -- opening ------------------------------------------------------------------

    def _connect(self, busy_timeout: float, create: bool) -> sqlite3.Connection:
        if self.path != MEMORY:
            file = Path(self.path)
            if file.is_dir():
                raise StoreOpenError(f"{self.path}: is a directory, not a database file")
            if not file.exists():
                if not create:
                    raise StoreOpenError(f"{self.path}: no such database (run `monitor poll` to create it)")
                parent = file.parent if str(file.parent) else Path(".")
                if not parent.is_dir():
                    raise StoreOpenError(
                        f"{self.path}: cannot create the database, folder {parent} does not exist"
                    )
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes
            # the lock up front instead of failing with SQLITE_BUSY_SNAPSHOT mid-transaction.
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout
            )
        except sqlite3.Error as exc:
            raise StoreOpenError(f"{self.path}: cannot open the database ({exc})") from exc
        return conn

    def _initialise(self, create: bool) -> None:
        conn = self._conn
        # Reading the schema is the first thing that fails on a non-SQLite or corrupt file.
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "events" not in tables:
            raise StoreOpenError(
                f"{self.path}: an SQLite database, but not a monitor database (no events table); "
                "nothing was changed"
            )
        if "store_meta" in tables:
            row = conn.execute("SELECT value FROM store_meta WHERE key = 'format'").fetchone()
            found = int(row[0]) if row else 0
            if found > STORE_FORMAT:
                raise StoreOpenError(
                    f"{self.path}: written by a newer nkru-monitor (store format {found}, this "
                    f"release reads up to {STORE_FORMAT}); upgrade nkru-monitor, nothing was changed"
                )
        if self.path != MEMORY:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                raise StoreOpenError(f"{self.path}: cannot switch to WAL mode ({exc})") from exc
        # FULL: an AlertSent that is acknowledged must survive a power cut, or the alert
        # would be sent again. fsync per commit is cheap next to a feed parse.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if "events" not in tables:
            if not create:
                raise StoreOpenError(f"{self.path}: no events table")
            try:
                with self._write():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    for ddl in GUARD_TRIGGERS.values():
                        conn.execute(ddl)
                    conn.executemany(
                        "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                        [("format", str(STORE_FORMAT)), ("created_at", utc_now_iso())],
                    )
            except sqlite3.OperationalError as exc:
                raise StoreOpenError(
                    f"{self.path}: cannot create the database ({exc}); check that the folder "
                    "is writable and the disk has space"
                ) from exc
        self.created = "events" not in tables

    # -- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """An immediate write transaction, committed on success, rolled back on any error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction for projections: rows and checkpoint commit together."""
        try:
            with self._write():
                yield self.db
        except (sqlite3.IntegrityError, sqlite3.OperationalError) as exc:
            raise _translate_operational(self.path, exc) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite_utils.Database]:
        """Hold the connection for a consistent multi-query read from this thread."""
        with self._lock:
            yield self.db

    # -- appending ----------------------------------------------------------------

    def append(
        self,
        events: Sequence[NewEvent],
        expected: int | Mapping[str, int] = ANY,
    ) -> list[int]:
        if not events:
            return []
        if isinstance(expected, int):
            streams = {e.stream for e in events}
            if expected != ANY and len(streams) != 1:
                raise ValueError("a single expected version needs a batch of one stream; pass a mapping")
            expectations: Mapping[str, int] = {s: expected for s in streams}
        else:
            expectations = expected
        try:
            with self._write() as conn:
                return self._append_locked(conn, events, expectations)
        except sqlite3.IntegrityError as exc:
            # The UNIQUE constraints are the real guards; the checks above only give the
            # good messages. Reaching here means a writer raced us in another process.
            raise StoreError(f"{self.path}: append refused by a constraint ({exc}); nothing was written") from exc
        except sqlite3.OperationalError as exc:
            raise _translate_operational(self.path, exc) from exc

    def _append_locked(
        self, conn: sqlite3.Connection, events: Sequence[NewEvent], expectations: Mapping[str, int]
    ) -> list[int]:
        stored = self._positions_of(conn, [e.event_id for e in events])
        fresh: list[NewEvent] = []
        seen_in_batch: dict[str, int] = {}
        for index, event in enumerate(events):
            if event.event_id in stored:
                position, stream, event_type = stored[event.event_id]
                if stream != event.stream or event_type != event.type:
                    raise IdempotencyError(
                        f"event id {event.event_id} is already stored as {event_type} on {stream}, "
                        f"not {event.type} on {event.stream}"
                    )
            elif event.event_id not in seen_in_batch:
                seen_in_batch[event.event_id] = index
                fresh.append(event)

        versions = self._stream_versions(conn, list(dict.fromkeys(e.stream for e in fresh)))
        for stream, current in versions.items():
            wanted = expectations.get(stream, ANY)
            if wanted == NO_STREAM and current != 0 or wanted > 0 and current != wanted:
                raise ConcurrencyError(stream, wanted, current)

        head = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
        position, prev_hash = head if head else (0, GENESIS_HASH)
        recorded_at = utc_now_iso()
        rows = []
        new_positions: dict[str, int] = {}
        for event in fresh:
            position += 1
            versions[event.stream] += 1
            version = versions[event.stream]
            data = canonical_json(event.data)
            metadata = canonical_json(event.metadata)
            digest = chain_hash(prev_hash, position, event.event_id, event.stream, version,
                                event.type, event.schema_version, data, metadata, recorded_at)
            rows.append((position, event.event_id, event.stream, version, event.type,
                         event.schema_version, data, metadata, recorded_at, prev_hash, digest))
            new_positions[event.event_id] = position
            prev_hash = digest
        if rows:
            conn.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        return [
            stored[e.event_id][0] if e.event_id in stored else new_positions[e.event_id]
            for e in events
        ]

    @staticmethod
    def _stream_versions(conn: sqlite3.Connection, streams: list[str]) -> dict[str, int]:
        versions = dict.fromkeys(streams, 0)
        for start in range(0, len(streams), 500):
            chunk = streams[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for stream, version in conn.execute(
                f"SELECT stream, MAX(version) FROM events WHERE stream IN ({marks}) GROUP BY stream", chunk
            ):
                versions[stream] = version
        return versions

    @staticmethod
    def _positions_of(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, tuple[int, str, str]]:
        found: dict[str, tuple[int, str, str]] = {}
        for start in range(0, len(event_ids), 500):  # stay under SQLite's variable limit
            chunk = event_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for event_id, position, stream, event_type in conn.execute(
                f"SELECT event_id, position, stream, type FROM events WHERE event_id IN ({marks})", chunk
            ):
                found[event_id] = (position, stream, event_type)
        return found

    # -- reading ------------------------------------------------------------------

    def _decode(self, row: tuple) -> StoredEvent:
        (position, event_id, stream, version, event_type, schema_version,
         data, metadata, recorded_at, prev_hash, digest) = row
        schema_version, payload = self.upcaster.upcast(event_type, schema_version, json.loads(data))
        return StoredEvent(position, event_id, stream, version, event_type, schema_version,
                           payload, json.loads(metadata), recorded_at, prev_hash, digest)

    def _chunks(self, sql: str, params: list, key_index: int, start: int,
                limit: int | None) -> Iterator[StoredEvent]:
        """Page through a query by its increasing key, never holding more than a chunk."""
        remaining = limit
        cursor_key = start
        while remaining is None or remaining > 0:
            size = READ_CHUNK if remaining is None else min(READ_CHUNK, remaining)
            with self._lock:
                rows = self._conn.execute(sql, [cursor_key, *params, size]).fetchall()
            for row in rows:
                yield self._decode(row)
            if len(rows) < size:
                return
            cursor_key = rows[-1][key_index]
            if remaining is not None:
                remaining -= len(rows)

    def read_all(
        self, after: int = 0, types: Sequence[str] | None = None, limit: int | None = None
    ) -> Iterator[StoredEvent]:
        where, params = "", []
        if types:
            where = f" AND type IN ({','.join('?' * len(types))})"
            params = list(types)
        sql = f"SELECT {_COLUMNS} FROM events WHERE position > ?{where} ORDER BY position LIMIT ?"
        return self._chunks(sql, params, 0, after, limit)

    def read_stream(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        sql = f"SELECT {_COLUMNS} FROM events WHERE version > ? AND stream = ? ORDER BY version LIMIT ?"
        return self._chunks(sql, [stream], 3, from_version - 1, None)

    def stream_version(self, stream: str) -> int:
        with self._lock:
            row = self._conn.execute("SELECT MAX(version) FROM events WHERE stream = ?", (stream,)).fetchone()
        return row[0] or 0

    def get(self, event_id: str) -> StoredEvent | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return self._decode(row) if row else None

    def head(self) -> tuple[int, str]:
        with self._lock:
            row = self._conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    # -- verification -------------------------------------------------------------

    def missing_guards(self) -> list[str]:
        with self._lock:
            present = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return [name for name in GUARD_TRIGGERS if name not in present]

    def verify(self, progress: Any = None) -> VerifyResult:
        problems: list[str] = []
        missing = self.missing_guards()
        if missing:
            problems.append(f"append-only trigger(s) missing: {', '.join(missing)}")
        prev_hash, expected_position, checked = GENESIS_HASH, 0, 0
        first_bad: int | None = None
        last = 0
        while first_bad is None:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT position, event_id, stream, version, type, schema_version, data, "
                    "metadata, recorded_at, prev_hash, hash FROM events WHERE position > ? "
                    "ORDER BY position LIMIT 5000", (last,)
                ).fetchall()
            if not rows:
                break
            for row in rows:
                (position, event_id, stream, version, event_type, schema_version,
                 data, metadata, recorded_at, stored_prev, digest) = row
                expected_position += 1
                if position != expected_position:
                    problems.append(f"position {expected_position} is missing (next row is {position})")
                    first_bad = expected_position
                    break
                if stored_prev != prev_hash:
                    problems.append(f"position {position}: prev_hash does not match the previous row")
                    first_bad = position
                    break
                again = chain_hash(prev_hash, position, event_id, stream, version, event_type,
                                   schema_version, data, metadata, recorded_at)
                if again != digest:
                    problems.append(f"position {position}: content does not match its hash (edited)")
                    first_bad = position
                    break
                prev_hash = digest
                checked += 1
            last = rows[-1][0]
            if progress is not None:
                progress(checked)
        head_position, head_hash = self.head()
        return VerifyResult(
            ok=not problems, checked=checked, head_position=head_position, head_hash=head_hash,
            first_bad_position=first_bad, problems=tuple(problems),
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "SQLiteEventStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _translate_operational(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "append-only" in text:
        return AppendOnlyViolation(f"{path}: {text}")
    if "full" in text.lower():
        return StoreError(f"{path}: the disk is full ({text}); free space and retry, nothing was written")
    if "readonly" in text.lower():
        return StoreError(f"{path}: the database is read-only ({text}); check file permissions")
    if "locked" in text.lower() or "busy" in text.lower():
        return StoreError(f"{path}: the database stayed locked past the busy timeout ({text}); retry")
    return StoreError(f"{path}: {text}")
