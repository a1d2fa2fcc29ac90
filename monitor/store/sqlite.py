"""The SQLite backend of the event store, through sqlite-utils.

One file holds the log (``events``) and the projections. The log is append-only: SQLite
triggers refuse UPDATE and DELETE, and every row carries a SHA-256 hash chained to the
previous row, so an edit made behind the store's back is caught by :meth:`verify`.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import itertools
import json
import os
import sqlite3
import threading
import time
import urllib.parse
import weakref
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson

from monitor.store.api import (
    ANY,
    AppendOnlyViolation,
    ConcurrencyError,
    IdempotencyError,
    LogDamaged,
    NewerEventShape,
    NewEvent,
    NoEventLog,
    ProjectedEvent,
    StoredEvent,
    StoreError,
    StoreOpenError,
    VerifyResult,
    expectations_for,
    first_conflict,
)
from monitor.store.upcasting import Upcaster, default_upcaster

#: The on-disk format this code writes. A file with a higher number came from a newer
#: release and is refused rather than half-understood.
STORE_FORMAT = 1
GENESIS_HASH = "0" * 64
READ_CHUNK = 1000
#: The writer checkpoints the WAL itself only past this many pages (64 MB): a backstop
#: for when the checkpoint thread cannot keep up or is not running.
WAL_AUTOCHECKPOINT_PAGES = 16000
#: A WAL file's header, and each frame's besides its page (SQLite's WAL format).
WAL_HEADER_BYTES, WAL_FRAME_HEADER_BYTES = 32, 24
#: The checkpoint thread copies the WAL into the database at most this often.
CHECKPOINT_INTERVAL_SECONDS = 0.05
MEMORY = ":memory:"
#: The page cache while :meth:`SQLiteEventStore.bulk_writes` holds (KiB; SQLite's default is 2,000):
#: a first poll of 200 feeds (a 46 MB file) read 60,000 pages back from disk with the default,
#: 220 with this.
BULK_CACHE_KIB = 16384
#: How often the checkpoint thread copies the WAL while bulk writes go on: every 0.05 s, the
#: same pages were copied again and again (34,000 page writes to the file for 11,400 pages).
BULK_CHECKPOINT_INTERVAL_SECONDS = 0.5

# No AUTOINCREMENT on position: the store assigns positions itself (the head's plus one,
# under the write lock) and the triggers refuse DELETE, so a position is never reused;
# AUTOINCREMENT would only add an sqlite_sequence write per row (bench/store_micro.py:
# within the noise). Files created by earlier releases keep it, which changes nothing.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
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

#: Events of one type in log order: `monitor events --type AlertFailed` and the digest's read of
#: ClaimsDiffed seek here instead of reading the whole log (bench/store_years.py: a scan of a
#: year of polls read every page of the file). About 23 bytes per event, written at the right end
#: of each type's range, so an append touches one more page per type it writes. Created on open
#: where it is missing, so files of earlier releases get it at their first writable open.
TYPE_INDEX = "events_by_type"
#: The index is partial on a condition every event meets (types are non-empty text), which a
#: query must state to use it. Only the reads by type do. Any other query that filters on type
#: (the projection replay, in order of position, and every query of an earlier release, which a
#: downgrade runs on this file) would otherwise be planned through it and sort its rows: a
#: rebuild by the previous release took 668 s on a year's log with a plain index, 119 s without.
BY_TYPE = "type >= ''"
_TYPE_INDEX_DDL = f"CREATE INDEX IF NOT EXISTS {TYPE_INDEX} ON events (type, position) WHERE {BY_TYPE}"

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

_COLUMNS = "position, event_id, stream, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash"


# check_circular=False: the cycle check keeps a dict of every container being encoded;
# event data is plain JSON-like data, and a cycle still fails (RecursionError) before the
# write transaction starts.
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str, check_circular=False
)

# orjson is the fast encoder, told to hand over what it would not write as the stdlib
# does: subclasses of str and int, dates and dataclasses go to _refuse (so the stdlib
# encoder and its default=str take them), and ints beyond 64 bits raise.
_ORJSON_OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} goes through the stdlib encoder")


def canonical_json(value: Any) -> str:
    """The one serialisation used for storage and hashing: sorted keys, compact, UTF-8.

    orjson's text where it is exact, at a fifth of the stdlib encoder's cost; otherwise
    ``_ENCODER``'s (sorted and compact too). orjson would write NaN and infinities as
    ``null``, so a ``null`` in its output is checked by a round trip. The two encoders
    differ only in how they spell floats below 1e-4 (``0.00001`` against ``1e-05``),
    which decode to the same float; the hash covers the stored text, so rows written by
    either verify. Checking for those spellings cost more than the encoding itself.
    """
    if not value and isinstance(value, dict):
        return "{}"
    try:
        fast = orjson.dumps(value, default=_refuse, option=_ORJSON_OPTIONS)
    except TypeError:  # a non-JSON type, an int beyond 64 bits, a str key subclass, deep nesting
        return _ENCODER.encode(value)
    if b"null" in fast and orjson.loads(fast) != value:  # NaN or an infinity became null
        return _ENCODER.encode(value)
    return fast.decode()


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
        (
            prev_hash,
            str(position),
            event_id,
            stream,
            str(version),
            event_type,
            str(schema_version),
            data,
            metadata,
            recorded_at,
        )
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ChainWalk:
    """Checks rows of the log, oldest first and in any number of batches, against the hash chain.

    Each row is ``(position, event_id, stream, version, type, schema_version, data,
    metadata, recorded_at, prev_hash, hash)`` as stored. Positions must run 1, 2, 3...
    (or on from ``since``) without a gap; the walk stops at the first bad row and names it.
    """

    def __init__(self, since: tuple[int, str] | None = None) -> None:
        """``since``: start after this (position, hash), a row an earlier walk checked."""
        self.start, self.prev_hash = since or (0, GENESIS_HASH)
        self.checked = 0
        self.first_bad: int | None = None
        self.problems: list[str] = []

    def check(self, rows: Sequence[Sequence[Any]]) -> bool:
        """Walk on through ``rows``; False once a bad row was found (the rest are not checked)."""
        for row in rows:
            (
                position,
                event_id,
                stream,
                version,
                event_type,
                schema_version,
                data,
                metadata,
                recorded_at,
                stored_prev,
                digest,
            ) = row
            expected_position = self.start + self.checked + 1
            if position != expected_position:
                return self._bad(expected_position, f"position {expected_position} is missing (next row is {position})")
            if stored_prev != self.prev_hash:
                return self._bad(position, f"position {position}: prev_hash does not match the previous row")
            again = chain_hash(
                self.prev_hash,
                position,
                event_id,
                stream,
                version,
                event_type,
                schema_version,
                data,
                metadata,
                recorded_at,
            )
            if again != digest:
                return self._bad(position, f"position {position}: content does not match its hash (edited)")
            self.prev_hash = digest
            self.checked += 1
        return True

    def _bad(self, position: int, problem: str) -> bool:
        self.first_bad = position
        self.problems.append(problem)
        return False


def walked_head(walk: ChainWalk, head: tuple[int, str]) -> tuple[int, str]:
    """The head a walk that found nothing wrong reports: the last event it re-hashed, not the
    log's head read after it, which may hold events a writer appended since (`verify
    --checkpoint` records this head, and its next walk starts after it). ``head`` when the log
    ends before the walk's start (cut below the recorded head: the anchor check names that)."""
    walked = (walk.start + walk.checked, walk.prev_hash)
    return walked if head[0] >= walked[0] else head


_scan_json = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__, not in the stubs


def _decode_object(text: str) -> Any:
    """``json.loads`` for the store's own compact JSON, without its whitespace handling.

    A rebuild decodes every event; the two regular-expression calls ``json.loads`` makes
    around the C scanner measured a quarter of its time. Anything the fast path does not
    consume exactly (whitespace, trailing text, bad JSON) goes through ``json.loads``,
    which accepts or rejects it as usual.
    """
    try:
        value, end = _scan_json(text, 0)
    except (StopIteration, ValueError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _decode_stored(data: bytes) -> Any:
    """The value of a stored ``data`` (read as bytes), as :func:`_decode_object` gives it.

    orjson decodes about twice as fast, but differs from the stdlib in three ways, each
    sent to the stdlib here: integers beyond 64 bits (orjson gives a float), NaN and
    Infinity, and lone surrogates (orjson refuses both). UTF-8 bytes straight from SQLite
    also save building a str that only the decoder would read.
    """
    if _has_long_integer(data):
        return _decode_object(data.decode("utf-8"))
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return _decode_object(data.decode("utf-8"))


def _has_long_integer(data: bytes) -> bool:
    """Any run of 19 or more digits (also inside strings, which only costs the slow path)."""
    # find(), not ``in``: ``bytes in bytes`` first tries the operand as an integer (``65 in b"A"``),
    # which raises and clears a TypeError with a formatted message on every call; under callgrind
    # that was about 2,500 instructions per event of a rebuild, a twentieth of all its work.
    return data.translate(_ZERO_FOR_DIGITS).find(_NINETEEN_DIGITS) >= 0


# Every digit becomes "0", everything else a space; -9223372036854775809 has 19 digits.
_ZERO_FOR_DIGITS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_NINETEEN_DIGITS = b"0" * 19


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def chained_rows(
    fresh: Iterable[tuple[NewEvent, tuple[str, str]]], position: int, prev_hash: str, versions: dict[str, int]
) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    """The stored rows of new events (each with its encoded data and metadata), numbered and
    chained after the row at ``position`` whose hash is ``prev_hash``, and each event's position.

    One copy for every backend, so that both write the same chain; ``versions`` (each stream's
    current version) is advanced in place.
    """
    recorded_at = utc_now_iso()
    rows: list[tuple[Any, ...]] = []
    positions: dict[str, int] = {}
    for event, (data, metadata) in fresh:
        position += 1
        version = versions[event.stream] + 1
        versions[event.stream] = version
        digest = chain_hash(
            prev_hash,
            position,
            event.event_id,
            event.stream,
            version,
            event.type,
            event.schema_version,
            data,
            metadata,
            recorded_at,
        )
        rows.append(
            (
                position,
                event.event_id,
                event.stream,
                version,
                event.type,
                event.schema_version,
                data,
                metadata,
                recorded_at,
                prev_hash,
                digest,
            )
        )
        positions[event.event_id] = position
        prev_hash = digest
    return rows, positions


def decode_row(row: Sequence[Any], upcaster: Upcaster, path: str = "") -> StoredEvent:
    """A stored row (the columns in ``_COLUMNS`` order) as a :class:`StoredEvent`, upcast.

    One copy for every backend; raises ValueError on bytes that are not UTF-8 or JSON, and
    :class:`NewerEventShape` (naming ``path`` and the position) on data of a newer release.
    """
    (
        position,
        event_id,
        stream,
        version,
        event_type,
        schema_version,
        data,
        metadata,
        recorded_at,
        prev_hash,
        digest,
    ) = row
    try:
        schema_version, payload = upcaster.upcast(event_type, schema_version, _decode_object(data))
    except NewerEventShape as exc:
        raise exc.at(position, path) from None
    return StoredEvent(
        position,
        event_id,
        stream,
        version,
        event_type,
        schema_version,
        payload,
        _decode_object(metadata),
        recorded_at,
        prev_hash,
        digest,
    )


class _NotFresh(Exception):
    """An id of the batch is already stored: its transaction is rolled back and tried again, ids looked up first."""


class Database:
    """What :meth:`SQLiteEventStore.reading` and ``transaction`` hand out: ``execute`` and ``conn``
    on the store's connection, which is all the project uses.

    Anything else (``db["table"]``, ``db.table_names()``...) goes to a ``sqlite_utils.Database``
    made on first use: importing sqlite_utils costs 0.1-0.2 s (it imports numpy when installed),
    more than a whole `monitor poll` of unchanged feeds needs otherwise.
    """

    __slots__ = ("conn", "_utils")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._utils: Any = None
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite_utils.Database sets it

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def _sqlite_utils(self) -> Any:
        if self._utils is None:
            import sqlite_utils  # imported on first use only, for start-up time (see the class docstring)

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sqlite_utils(), name)

    def __getitem__(self, table: str) -> Any:
        return self._sqlite_utils()[table]


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
        relaxed_types: Collection[str] = (),
        read_only: bool = False,
    ) -> None:
        """``read_only``: open an existing file without ever writing to it or beside it
        (no WAL switch, no schema, no checkpoints), so a backup on read-only media can be
        verified and read; any write raises :class:`StoreError`.

        ``relaxed_types``: event types that can be learned again after a power cut (a
        re-poll finds the same articles). A batch made only of these commits without
        waiting for the disk; any other batch waits for its fsync before append returns.
        Either way a commit is atomic and the log stays a prefix of what was appended,
        and a process crash (as opposed to a power cut) loses nothing.
        """
        self.path = str(path)
        self.upcaster = upcaster or default_upcaster
        self.relaxed_types = frozenset(relaxed_types)
        self._lock = threading.RLock()
        self._synchronous = "FULL"
        self._checkpointer: _Checkpointer | None = None
        self._wal_limit_bytes = 0  # set when the file is put in WAL mode (see _initialise)
        self._bulk_depth = 0
        self._cache_size_before = 0
        self.read_only = read_only
        self._busy_timeout = busy_timeout_seconds
        #: Set when a read-only open had to assume nothing writes the file (see _connect_read_only).
        self.immutable = False
        self._check_path(create and not read_only)
        if read_only:
            self._conn = self._connect_read_only(busy_timeout_seconds)
        else:
            self._conn = self._connect(busy_timeout_seconds)
        self.db = Database(self._conn)
        try:
            self._initialise(create and not read_only)
        except sqlite3.OperationalError as exc:  # the file may be fine: the disk, a lock, permissions
            self._conn.close()
            raise StoreOpenError(str(_translate_operational(self.path, exc))) from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreOpenError(
                f"{self.path}: not a usable SQLite database ({exc}); nothing was changed. "
                "Point [store] path or --db at a monitor database or a new file."
            ) from exc

    # -- opening ------------------------------------------------------------------

    def _check_path(self, create: bool) -> None:
        if self.path != MEMORY:
            file = Path(self.path)
            if file.is_dir():
                raise StoreOpenError(f"{self.path}: is a directory, not a database file")
            if not file.exists():
                if not create:
                    raise NoEventLog(
                        f"no such database {self.path} (check --db or [store] path; `monitor poll` creates one)"
                    )
                parent = file.parent if str(file.parent) else Path(".")
                if not parent.is_dir():
                    raise StoreOpenError(f"{self.path}: cannot create the database, folder {parent} does not exist")

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes
            # the lock up front instead of failing with SQLITE_BUSY_SNAPSHOT mid-transaction.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout)
        except sqlite3.Error as exc:
            raise StoreOpenError(f"{self.path}: cannot open the database ({exc})") from exc
        return conn

    def _connect_read_only(self, busy_timeout: float) -> sqlite3.Connection:
        """A ``mode=ro`` connection; ``immutable=1`` where the folder cannot take the WAL index.

        Reading a WAL-mode file needs its ``-shm`` index, which SQLite creates beside the
        file; on read-only media (a mounted backup, a read-only bind) it cannot, and
        ``mode=ro`` alone fails with "unable to open database file" (on a full disk, "disk
        I/O error"; in a folder this user may not write, SQLITE_READONLY_DIRECTORY).
        ``immutable=1`` reads the file as it is, which is right for a copy nothing writes
        to; commits still in a ``-wal`` file beside it are then not seen, and
        :attr:`wal_unread` says so. A daemon writing the file keeps its ``-shm`` in place,
        and ``mode=ro`` reads through that, so a live database is never read immutable.
        """
        if self.path == MEMORY:
            raise StoreOpenError("an in-memory database cannot be opened read-only")
        location = "file:" + urllib.parse.quote(str(Path(self.path).resolve()))
        last_error: sqlite3.Error | None = None
        for suffix in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    location + suffix, uri=True, isolation_level=None, check_same_thread=False, timeout=busy_timeout
                )
            except sqlite3.Error as exc:
                last_error = exc
                continue
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as exc:
                conn.close()
                last_error = exc
                # No -shm index and no way to create one: a read-only mount ("unable to
                # open"), a folder this user may not write (SQLITE_READONLY_DIRECTORY: the
                # daemon's account owns it), or a full disk ("disk I/O error").
                if not _cannot_make_wal_index(exc):
                    break
                continue
            except sqlite3.DatabaseError:
                pass  # not SQLite at all: _initialise reports it as such
            self.immutable = "immutable" in suffix
            return conn
        if last_error is not None and isinstance(last_error, sqlite3.OperationalError):
            raise StoreOpenError(str(_translate_operational(self.path, last_error)))
        raise StoreOpenError(f"{self.path}: cannot open the database read-only ({last_error})")

    @property
    def wal_unread(self) -> bool:
        """A read-only, immutable open of a file whose ``-wal`` still holds commits."""
        wal = Path(self.path + "-wal")
        return self.immutable and wal.is_file() and wal.stat().st_size > 0

    def _switch_to_wal(self) -> None:
        """Put the file in WAL mode, waiting up to the busy timeout for other openers.

        SQLite answers "database is locked" at once, without its busy handler, when another
        connection holds the file while this one changes its journal mode: several daemons
        started together on one new file (a machine's replica of a shared log) failed at start
        in about one run in eight. So the switch is retried, bounded by the same timeout as
        every other wait for a lock.
        """
        deadline = time.monotonic() + self._busy_timeout
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= deadline:
                    raise StoreOpenError(f"{self.path}: cannot switch to WAL mode ({exc})") from exc
            time.sleep(0.02)

    def _initialise(self, create: bool) -> None:
        conn = self._conn
        # Reading the schema is the first thing that fails on a non-SQLite or corrupt file.
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "events" not in tables:
            raise StoreOpenError(
                f"{self.path}: an SQLite database, but not a monitor database (no events table); nothing was changed"
            )
        if "store_meta" in tables:
            row = conn.execute("SELECT value FROM store_meta WHERE key = 'format'").fetchone()
            found = int(row[0]) if row else 0
            if found > STORE_FORMAT:
                raise StoreOpenError(
                    f"{self.path}: written by a newer nkru-monitor (store format {found}, this "
                    f"release reads up to {STORE_FORMAT}); upgrade nkru-monitor, nothing was changed"
                )
        if self.read_only:
            if "events" not in tables:
                raise StoreOpenError(f"{self.path}: not a monitor database (no events table); nothing was changed")
            self.created = False
            return
        if self.path != MEMORY:
            self._switch_to_wal()
        # FULL by default: an AlertSent that is acknowledged must survive a power cut, or
        # the alert would be sent again. _write() relaxes it per transaction (see
        # relaxed_types); a FULL commit's fsync also makes every earlier commit durable.
        conn.execute("PRAGMA synchronous = FULL")
        # Checkpoints (copying the WAL back into the database file) run in a thread of
        # their own (_Checkpointer), on the other core, instead of inside every ~40th
        # commit: bench/store_micro.py measured 31-34 us per appended event with them inside
        # the commit against 27 us with the thread. The
        # writer still checkpoints by itself past WAL_AUTOCHECKPOINT_PAGES, which bounds
        # the WAL if the thread falls behind (see _wal_past_limit). A reader that keeps old
        # pages pinned (a long read in another process) holds back every checkpoint, this
        # one too, and the WAL grows until it lets go: SQLite's way, nothing to do here.
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        if self.path != MEMORY:
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            self._wal_limit_bytes = WAL_HEADER_BYTES + WAL_AUTOCHECKPOINT_PAGES * (page + WAL_FRAME_HEADER_BYTES)
            # When the WAL starts over, its file is cut back to the limit: SQLite otherwise leaves it at
            # its largest, and the file's size is then how _write tells that the WAL passed the limit.
            conn.execute(f"PRAGMA journal_size_limit = {self._wal_limit_bytes}")
        conn.execute("PRAGMA foreign_keys = ON")
        if "events" not in tables:
            if not create:
                raise StoreOpenError(f"{self.path}: no events table")
            try:
                with self._write():
                    # Looked at again under the write lock: another process opening the new
                    # file at the same moment (several daemons sharing it) may have created it.
                    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone():
                        tables.add("events")
                    else:
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
        self._add_type_index()

    def _add_type_index(self) -> None:
        """Build :data:`TYPE_INDEX` if the file lacks it (a file of an earlier release). One sort of
        the log's (type, position) pairs, under the write lock: a few seconds per million events."""
        if self.read_only or self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TYPE_INDEX]).fetchone():
            return
        try:
            with self._write():
                self._conn.execute(_TYPE_INDEX_DDL)
        except sqlite3.OperationalError as exc:
            raise StoreOpenError(str(_translate_operational(self.path, exc))) from exc

    def _has_type_index(self) -> bool:
        with self._reads() as conn:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TYPE_INDEX]).fetchone() is not None

    # -- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """An immediate write transaction, committed on success, rolled back on any error.

        ``durable``: the commit waits until the WAL is on disk (synchronous=FULL);
        otherwise it returns once the WAL is written (NORMAL), and the next durable
        commit or checkpoint syncs it.
        """
        with self._lock:
            wanted = "FULL" if durable else "NORMAL"
            if wanted != self._synchronous:  # a pragma that only takes effect outside a transaction
                self._conn.execute(f"PRAGMA synchronous = {wanted}")
                self._synchronous = wanted
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._roll_back()
                raise
            else:
                if self._checkpointer is None and self.path != MEMORY:
                    self._checkpointer = _Checkpointer(self.path)
                    # A store dropped without close() must not leave its thread behind.
                    weakref.finalize(self, self._checkpointer.close)
                if self._checkpointer is not None:
                    if self._wal_past_limit():
                        self._checkpointer.catch_up(self._conn, self._busy_timeout)
                    self._checkpointer.interval = self._checkpoint_interval()
                    self._checkpointer.nudge()

    def _wal_past_limit(self) -> bool:
        """Whether the WAL holds more than WAL_AUTOCHECKPOINT_PAGES frames, which the writer's own
        checkpoint at commit should have prevented. That checkpoint is skipped whenever another is
        under way, and the thread's, on a disk slowed by other work, can take long enough for the
        writer to add tens of MB (a WAL of 80 MB in a loaded test run); the next commit after such a
        skip finds the file past the limit here."""
        try:
            return os.stat(self.path + "-wal").st_size > self._wal_limit_bytes
        except OSError:
            return False

    def _roll_back(self) -> None:
        """Undo an open transaction without hiding why it failed.

        SQLite has already rolled back after some errors (a full disk, an I/O error):
        a ROLLBACK then fails with "no transaction is active", which used to replace
        the real error ("database or disk is full") in the message the user saw.
        """
        if not self._conn.in_transaction:
            return
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the error being raised says more; the connection rolls back on close

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction for projections: rows and checkpoint commit together.

        Not durable: projections are rebuilt from the log, and a projection commit lost
        to a power cut is applied again by the next catch-up (its checkpoint went with it).
        """
        try:
            with self._write(durable=False):
                yield self.db
        except (sqlite3.IntegrityError, sqlite3.OperationalError) as exc:
            raise _translate_operational(self.path, exc) from exc

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many commits in a row (a first poll): a larger page cache and sparser checkpoints.

        Neither changes what a commit promises; both go back to the defaults on exit, so
        the daemon's memory between cycles stays where it was. Nested uses share one setting.
        """
        if self.read_only or self.path == MEMORY:
            yield
            return
        with self._lock:
            self._bulk_depth += 1
            if self._bulk_depth == 1:
                self._cache_size_before = self._conn.execute("PRAGMA cache_size").fetchone()[0]
                self._conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            with self._lock:
                self._bulk_depth -= 1
                if self._bulk_depth == 0:
                    # Lowering the limit frees the cached pages above it.
                    self._conn.execute(f"PRAGMA cache_size = {self._cache_size_before}")

    def _checkpoint_interval(self) -> float:
        return BULK_CHECKPOINT_INTERVAL_SECONDS if self._bulk_depth else CHECKPOINT_INTERVAL_SECONDS

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
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
        expectations = expectations_for(events, expected)
        try:
            # Encoding needs no lock: do it before taking the write lock.
            encoded = [(canonical_json(e.data), canonical_json(e.metadata)) for e in events]
            relaxed = self.relaxed_types
            durable = not relaxed or any(e.type not in relaxed for e in events)
            # First occurrence of each id in the batch; later repeats reuse its position.
            first_index: dict[str, int] = {}
            for index, event in enumerate(events):
                first_index.setdefault(event.event_id, index)
            candidates = [(events[i], encoded[i]) for i in first_index.values()]
            try:
                with self._write(durable) as conn:
                    positions = self._append_assuming_fresh(conn, candidates, expectations)
                    if positions is None:  # nothing written yet: look the ids up in the same transaction
                        positions = self._append_checking_ids(conn, candidates, expectations)
            except _NotFresh:  # rolled back as a whole; again, looking the ids up first
                with self._write(durable) as conn:
                    positions = self._append_checking_ids(conn, candidates, expectations)
            return [positions[event.event_id] for event in events]
        except sqlite3.IntegrityError as exc:
            # The UNIQUE constraints are the real guards; the checks above only give the
            # good messages. Reaching here means a writer raced us in another process.
            raise StoreError(f"{self.path}: append refused by a constraint ({exc}); nothing was written") from exc
        except sqlite3.OperationalError as exc:
            raise _translate_operational(self.path, exc) from exc

    def _append_assuming_fresh(
        self,
        conn: sqlite3.Connection,
        candidates: list[tuple[NewEvent, tuple[str, str]]],
        expectations: Mapping[str, int],
    ) -> dict[str, int] | None:
        """The common case in one probe: no id of the batch is stored yet.

        The UNIQUE index on event_id is the idempotency check here. A version check that
        fails (maybe only because the batch is a retry) returns None before anything is
        written; a UNIQUE index that trips raises :class:`_NotFresh`, and the caller rolls
        the whole transaction back and takes the path that looks ids up first. No
        SAVEPOINT: it journals every page the batch changes (a temporary file per append,
        ~50,000 writes on a first poll of 200 feeds) just for the rare retry.
        """
        versions = self._stream_versions(conn, list(dict.fromkeys(e.stream for e, _ in candidates)))
        if first_conflict(versions, expectations) is not None:
            return None
        try:
            return self._insert(conn, candidates, versions)
        except sqlite3.IntegrityError as exc:
            raise _NotFresh from exc

    def _append_checking_ids(
        self,
        conn: sqlite3.Connection,
        candidates: list[tuple[NewEvent, tuple[str, str]]],
        expectations: Mapping[str, int],
    ) -> dict[str, int]:
        stored = self._positions_of(conn, [event.event_id for event, _ in candidates])
        positions: dict[str, int] = {}
        fresh: list[tuple[NewEvent, tuple[str, str]]] = []
        for event, encoded in candidates:
            if event.event_id not in stored:
                fresh.append((event, encoded))
                continue
            position, stream, event_type = stored[event.event_id]
            if stream != event.stream or event_type != event.type:
                raise IdempotencyError(
                    f"event id {event.event_id} is already stored as {event_type} on {stream}, "
                    f"not {event.type} on {event.stream}"
                )
            positions[event.event_id] = position
        versions = self._stream_versions(conn, list(dict.fromkeys(e.stream for e, _ in fresh)))
        conflict = first_conflict(versions, expectations)
        if conflict is not None:
            stream, wanted = conflict
            raise ConcurrencyError(stream, wanted, versions[stream])
        positions.update(self._insert(conn, fresh, versions))
        return positions

    @staticmethod
    def _insert(
        conn: sqlite3.Connection, fresh: list[tuple[NewEvent, tuple[str, str]]], versions: dict[str, int]
    ) -> dict[str, int]:
        """Chain and insert events known to be new; ``versions`` is advanced in place."""
        if not fresh:
            return {}
        head = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
        position, prev_hash = head if head else (0, GENESIS_HASH)
        rows, positions = chained_rows(fresh, position, prev_hash, versions)
        conn.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        return positions

    @staticmethod
    def _stream_versions(conn: sqlite3.Connection, streams: list[str]) -> dict[str, int]:
        # One index seek per stream (MAX over the (stream, version) index); a GROUP BY
        # over an IN list measured three times slower.
        versions: dict[str, int] = {}
        for start in range(0, len(streams), 500):
            chunk = streams[start : start + 500]
            for stream, version in conn.execute(
                "SELECT value, (SELECT MAX(version) FROM events WHERE stream = value) FROM json_each(?)",
                [json.dumps(chunk)],
            ):
                versions[stream] = version or 0
        return versions

    @staticmethod
    def _positions_of(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, tuple[int, str, str]]:
        found: dict[str, tuple[int, str, str]] = {}
        for start in range(0, len(event_ids), 500):  # stay under SQLite's variable limit
            chunk = event_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for event_id, position, stream, event_type in conn.execute(
                f"SELECT event_id, position, stream, type FROM events WHERE event_id IN ({marks})", chunk
            ):
                found[event_id] = (position, stream, event_type)
        return found

    # -- reading ------------------------------------------------------------------

    @contextlib.contextmanager
    def _reads(self, after: int | None = None) -> Iterator[sqlite3.Connection]:
        """The connection for reads; a damaged file becomes one :class:`LogDamaged`.

        ``after``: the read is of events past this position, so the first one that cannot
        be read is looked for and named.
        """
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _is_damage(exc):
                    raise _translate_operational(self.path, exc) from exc
                position = self._first_unreadable(after) if after is not None else None
                raise _damaged(self.path, exc, position) from exc

    def _first_unreadable(self, after: int) -> int | None:
        """The first event past ``after`` (within a chunk) that cannot be read and decoded."""
        try:
            positions = [
                int(row[0])
                for row in self._conn.execute(
                    "SELECT position FROM events WHERE position > ? ORDER BY position LIMIT ?", (after, READ_CHUNK)
                )
            ]
        except sqlite3.DatabaseError:
            return after + 1
        for position in positions:
            try:
                row = self._conn.execute(f"SELECT {_COLUMNS} FROM events WHERE position = ?", (position,)).fetchone()
                _decode_object(row[6]), _decode_object(row[7])
            except (sqlite3.DatabaseError, ValueError):
                return position
        return None

    def _decode(self, row: tuple[Any, ...]) -> StoredEvent:
        try:
            return decode_row(row, self.upcaster, self.path)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise _damaged(self.path, exc, row[0]) from exc

    def _chunks(
        self, sql: str, params: list[Any], key_index: int, start: int, limit: int | None
    ) -> Iterator[StoredEvent]:
        """Page through a query by its increasing key, never holding more than a chunk."""
        remaining = limit
        cursor_key = start
        while remaining is None or remaining > 0:
            size = READ_CHUNK if remaining is None else min(READ_CHUNK, remaining)
            with self._reads(after=cursor_key if key_index == 0 else None) as conn:
                rows = conn.execute(sql, [cursor_key, *params, size]).fetchall()
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
        if not types:
            sql = f"SELECT {_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?"
            return self._chunks(sql, [], 0, after, limit)
        wanted = list(dict.fromkeys(types))
        if len(wanted) == 1 or not self._has_type_index():
            # One type: a seek in the type index, in position order. Several without the index (a
            # file opened read-only before it was built): one pass over the log, as before.
            marks = ",".join("?" * len(wanted))
            sql = f"SELECT {_COLUMNS} FROM events WHERE position > ? AND {BY_TYPE} AND type IN ({marks}) "
            return self._chunks(sql + "ORDER BY position LIMIT ?", wanted, 0, after, limit)
        # Several types: one seek per type, merged by position. A single IN query would have SQLite
        # read every event of those types past `after` and sort them, for each chunk.
        sql = f"SELECT {_COLUMNS} FROM events WHERE position > ? AND {BY_TYPE} AND type = ? ORDER BY position LIMIT ?"
        each = [self._chunks(sql, [event_type], 0, after, limit) for event_type in wanted]
        merged = heapq.merge(*each, key=attrgetter("position"))
        return merged if limit is None else itertools.islice(merged, limit)

    def read_for_projection(
        self, after: int, up_to: int, types: Sequence[str], chunk: int = 5000
    ) -> Iterator[list[ProjectedEvent]]:
        """Events in (after, up_to] of the given types, as lists of ``chunk`` ProjectedEvents.

        The replay path of projections: only the columns handlers use are read, each
        ``data`` is decoded once and upcast only when it is older than today's shape.
        """
        marks = ",".join("?" * len(types))
        sql = (
            "SELECT position, type, stream, schema_version, CAST(data AS BLOB), recorded_at FROM events "
            f"WHERE position > ? AND position <= ? AND type IN ({marks}) ORDER BY position LIMIT ?"
        )
        upcaster = self.upcaster
        current = {t: upcaster.current_version(t) for t in types}.__getitem__  # one lookup per event
        decode = _decode_stored
        cursor = after
        while cursor < up_to:
            with self._reads(after=cursor) as conn:
                rows = conn.execute(sql, [cursor, up_to, *types, chunk]).fetchall()
            if not rows:
                return
            events: list[ProjectedEvent] = []
            append, make = events.append, tuple.__new__  # the hottest loop of a rebuild
            position = cursor
            try:
                for position, event_type, stream, schema_version, data, recorded_at in rows:
                    payload = decode(data)
                    if schema_version != current(event_type):  # older: upcast; newer: refused
                        payload = upcaster.upcast(event_type, schema_version, payload)[1]
                    append(make(ProjectedEvent, (position, event_type, stream, payload, recorded_at)))
            except ValueError as exc:  # bytes that are not UTF-8 or not JSON
                raise _damaged(self.path, exc, position) from exc
            except NewerEventShape as exc:
                raise exc.at(position, self.path) from None
            yield events
            if len(rows) < chunk:
                return
            cursor = rows[-1][0]

    def read_stream(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        sql = f"SELECT {_COLUMNS} FROM events WHERE version > ? AND stream = ? ORDER BY version LIMIT ?"
        return self._chunks(sql, [stream], 3, from_version - 1, None)

    def read_streams(self, streams: Sequence[str], types: Sequence[str] | None = None) -> Iterator[StoredEvent]:
        type_filter = f" AND type IN ({','.join('?' * len(types))})" if types else ""
        for start in range(0, len(streams), 400):  # stay under SQLite's variable limit
            chunk = list(streams[start : start + 400])
            sql = (
                f"SELECT {_COLUMNS} FROM events WHERE stream IN ({','.join('?' * len(chunk))}){type_filter} "
                "ORDER BY stream, version"
            )
            with self._reads() as conn:
                rows = conn.execute(sql, [*chunk, *(types or [])]).fetchall()
            for row in rows:
                yield self._decode(row)

    def contains(self, event_ids: Collection[str]) -> set[str]:
        with self._reads() as conn:
            return set(self._positions_of(conn, list(event_ids)))

    def stream_version(self, stream: str) -> int:
        with self._reads() as conn:
            row = conn.execute("SELECT MAX(version) FROM events WHERE stream = ?", (stream,)).fetchone()
        return row[0] or 0

    def get(self, event_id: str) -> StoredEvent | None:
        with self._reads() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return self._decode(row) if row else None

    def head(self) -> tuple[int, str]:
        with self._reads() as conn:
            row = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    def count(self) -> int:
        with self._reads() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    # -- verification -------------------------------------------------------------

    def missing_guards(self) -> list[str]:
        with self._reads() as conn:
            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return [name for name in GUARD_TRIGGERS if name not in present]

    def highest_position_assigned(self) -> int:
        """The largest position SQLite ever gave out, where it keeps count (0 when it does not).

        Files created before positions were assigned by the store itself declare
        AUTOINCREMENT, whose counter in ``sqlite_sequence`` never goes down: a head below
        it means events were deleted from the end.
        """
        with self._reads() as conn:
            try:
                row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
            except sqlite3.OperationalError:  # no sqlite_sequence: no table used AUTOINCREMENT
                return 0
        return int(row[0]) if row else 0

    def verify(self, progress: Any = None, since: tuple[int, str] | None = None) -> VerifyResult:
        """Walk the chain from the start; the first event that fails ends the walk.

        Also reported: missing guards, a head below what SQLite's AUTOINCREMENT counter
        says was assigned (a truncated log), and damage ``PRAGMA quick_check`` finds in
        pages the walk does not read (indexes, projection tables).

        ``since`` (position, hash): walk only the events after that row, chained from its hash,
        and skip ``quick_check``, which reads every page of the file: on years of polls both
        are minutes, where the events of one day take well under a second. The caller checks
        that the row still holds that hash (``monitor.app.anchor_problem``); what this cannot
        see is an edit of an event before it, which only the full walk re-hashes.
        """
        problems: list[str] = []
        try:
            missing = self.missing_guards()
        except LogDamaged as exc:
            problems.append(str(exc))
            missing = []
        if missing:
            problems.append(f"append-only trigger(s) missing: {', '.join(missing)}")
        # Read before the walk: an event appended during it must not read as one deleted from the end.
        try:
            assigned = self.highest_position_assigned()
        except LogDamaged:
            assigned = 0
        walk = ChainWalk(since)
        last = walk.start
        damaged: LogDamaged | None = None
        while walk.first_bad is None:
            try:
                with self._reads(after=last) as conn:
                    rows = conn.execute(
                        f"SELECT {_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT 5000", (last,)
                    ).fetchall()
            except LogDamaged as exc:
                damaged = exc
                break
            if not rows or not walk.check(rows):
                break
            last = rows[-1][0]
            if progress is not None:
                progress(walk.checked)
        problems += walk.problems
        checked, first_bad = walk.checked, walk.first_bad
        if damaged is not None:
            problems.append(str(damaged))
            first_bad = damaged.position if damaged.position is not None else last + 1
        try:
            head_position, head_hash = self.head()
        except LogDamaged:
            head_position, head_hash = last, walk.prev_hash
        if first_bad is None:
            head_position, head_hash = walked_head(walk, (head_position, head_hash))
            if assigned > head_position:
                problems.append(
                    f"log truncated after position {head_position}: positions up to {assigned} "
                    "were assigned (events were deleted from the end)"
                )
                first_bad = head_position + 1
        if since is None:
            problems.extend(self._structure_problems())
        return VerifyResult(
            ok=not problems,
            checked=checked,
            head_position=head_position,
            head_hash=head_hash,
            first_bad_position=first_bad,
            problems=tuple(problems),
        )

    def _structure_problems(self) -> list[str]:
        """What ``PRAGMA quick_check`` finds (pages, B-trees), in at most five lines."""
        try:
            with self._lock:
                found = [row[0] for row in self._conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            found = [str(exc)]
        if found == ["ok"]:
            return []
        lines = [line for text in found for line in str(text).splitlines() if line.strip()]
        return [f"the file is damaged outside the event rows ({'; '.join(lines[:5])}); {REPAIR_ADVICE}"]

    def close(self) -> None:
        with self._lock:
            if self._checkpointer is not None:
                # Stopped first: the last connection to close checkpoints the whole WAL
                # and removes it, and that should be this one.
                self._checkpointer.close()
                self._checkpointer = None
            self._conn.close()

    def __enter__(self) -> SQLiteEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Checkpointer:
    """Copies committed pages from the WAL into the database file, off the writer's path.

    A daemon thread with its own connection, woken by each commit, running a PASSIVE
    checkpoint at most every CHECKPOINT_INTERVAL_SECONDS. PASSIVE never waits for a lock
    and never blocks readers or the writer; SQLite releases the GIL while it copies, so
    the copying runs on the other core. Once a checkpoint has caught up with the WAL, the
    next commit starts the WAL over from its beginning, which keeps it small and cached.
    A checkpoint that fails (busy, disk full) is simply tried again after the next
    commit; the writer's own autocheckpoint is the backstop, and :meth:`catch_up` makes
    sure this thread's checkpoint cannot make the writer skip it.
    """

    def __init__(self, path: str, interval: float = CHECKPOINT_INTERVAL_SECONDS):
        self._path, self.interval = path, interval
        self._turn = threading.Lock()  # held by whoever of this process is checkpointing
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self.checkpoints = 0
        self._thread = threading.Thread(target=self._run, name=f"wal-checkpoint {path}", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False, timeout=0)
        except sqlite3.Error:
            return
        try:
            while not self._stopping.is_set():
                self._wake.wait()
                self._wake.clear()
                if self._stopping.is_set():
                    return
                try:
                    with self._turn:
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error:
                    pass
                self._stopping.wait(self.interval)
        finally:
            conn.close()

    def catch_up(self, conn: sqlite3.Connection, seconds: float) -> None:
        """Copy the WAL into the database on the writer's connection, once the thread's checkpoint
        under way (if any) is over, waiting at most ``seconds`` for it. The writer calls it after a
        commit that left the WAL past its limit: the copy then reaches the end of the WAL, and the
        next commit starts the WAL over, so it never holds much more than the limit. Failures are
        left to the next commit: the one that called this is already on disk."""
        if not self._turn.acquire(timeout=seconds):
            return
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass
        finally:
            self._turn.release()

    def close(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)


def _translate_operational(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "append-only" in text:
        return AppendOnlyViolation(f"{path}: {text}")
    if "full" in text.lower() or "i/o error" in text.lower() and _little_space_left(path):
        return StoreError(f"{path}: the disk is full ({text}); free space and retry, nothing was written")
    if "readonly" in text.lower():
        return StoreError(f"{path}: the database is read-only ({text}); check file permissions")
    if "locked" in text.lower() or "busy" in text.lower():
        return StoreError(f"{path}: the database stayed locked past the busy timeout ({text}); retry")
    return StoreError(f"{path}: {text}")


#: What to do about a damaged file; docs/operations.md ("A damaged database file") explains.
REPAIR_ADVICE = (
    "restore the file from a backup, or copy what is readable with "
    "`sqlite3 FILE .dump | sqlite3 NEW.db` and check NEW.db with `monitor --db NEW.db verify`"
)


def _is_damage(exc: sqlite3.Error) -> bool:
    """An OperationalError that means damaged bytes rather than a busy or full database."""
    return "decode" in str(exc).lower()


def _cannot_make_wal_index(exc: sqlite3.OperationalError) -> bool:
    """Whether a read-only open failed only because the WAL index (``-shm``) cannot be made."""
    text = str(exc).lower()
    return (
        "unable to open" in text
        or "disk i/o error" in text
        or getattr(exc, "sqlite_errorname", "") in ("SQLITE_READONLY_DIRECTORY", "SQLITE_READONLY_CANTINIT")
    )


def _damaged(path: str, exc: BaseException, position: int | None) -> LogDamaged:
    text = str(exc)
    if isinstance(exc, UnicodeDecodeError) or "decode" in text.lower() and "utf" in text.lower():
        reason = "stored text is not valid UTF-8"
    elif isinstance(exc, ValueError):
        reason = "stored data is not valid JSON"
    else:
        reason = text[:200]
    where = f"event at position {position} cannot be read" if position is not None else "the database file is damaged"
    return LogDamaged(f"{path}: {where} ({reason}); nothing was changed: {REPAIR_ADVICE}", position)


def _little_space_left(path: str) -> bool:
    """Whether the database's filesystem is (nearly) full: SQLite reports a failure to grow
    its -shm index as a plain "disk I/O error"."""
    try:
        usage = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return usage.f_bavail * usage.f_frsize < 1 << 20
