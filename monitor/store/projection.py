"""Projections: read-model tables fed by event handlers, each with a checkpoint.

A projection's rows and its checkpoint (the last position applied) are written in one
transaction, so a crash can never apply an event twice or skip one. ``rebuild`` drops
every projection table and replays the log from the start; the result equals what the
incremental path built (tests/test_projections.py checks it).

Handlers do not issue one SQL statement per event. They change rows held in a write-back
cache (:class:`Rows`, :class:`Groups`, :class:`Appends`): a row is read from SQLite once,
changed in Python by every event of the chunk that touches it, and written back with one
``executemany`` per table when the chunk is done. The same handlers and the same caches
serve ``catch_up`` and ``rebuild``, so both paths compute rows the same way; the only
difference is that a rebuild knows its tables started empty and skips looking up keys it
has never written.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from monitor.store.api import LogTruncated, ProjectedEvent, ReadModelStore

Progress = Callable[[int, int], None]  # (applied so far, total to apply)

CHECKPOINTS = "projection_checkpoints"
#: Events decoded and applied per chunk. A chunk of the domain's events decodes to a few MB.
CHUNK = 5000


@dataclass(frozen=True)
class Table:
    """A projection table reached through a write-back cache.

    ``key`` is the column the cache is keyed by: the primary key for :class:`Rows`, a
    leading primary-key column for :class:`Groups` (e.g. all claims of one article).
    ``defaults`` are the values of a new row's columns that the DDL gives defaults to.
    """

    name: str
    key: str
    columns: tuple[str, ...]
    defaults: dict[str, Any] = field(default_factory=dict)
    kind: str = "rows"  # "rows", "groups" or "appends"
    blank: dict[str, Any] = field(init=False, repr=False, compare=False)  # a new row, before values

    def __post_init__(self) -> None:
        # Interned, as the string literals of the handlers' code are: a row's key is then the very
        # object a handler looks it up with, and the dict lookup ends at the identity check. Names
        # read from SQLite are new strings, and each lookup compared them byte by byte (memcmp):
        # about a tenth of the feeds handler's instructions, which runs for nine events in ten.
        columns = tuple(map(sys.intern, self.columns))
        defaults = {sys.intern(column): value for column, value in self.defaults.items()}
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "key", sys.intern(self.key))
        object.__setattr__(self, "defaults", defaults)
        object.__setattr__(self, "blank", {**dict.fromkeys(columns), **defaults})

    @classmethod
    def from_ddl(cls, ddl: str, key: str, kind: str = "rows") -> Table:
        """Columns and defaults as SQLite itself reads them from a CREATE TABLE statement."""
        scratch = sqlite3.connect(":memory:")
        try:
            scratch.execute(ddl)
            name = scratch.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            info = scratch.execute(f"PRAGMA table_info([{name}])").fetchall()
            defaults = {
                column: scratch.execute(f"SELECT {default}").fetchone()[0]
                for _, column, _, _, default, _ in info
                if default is not None
            }
        finally:
            scratch.close()
        return cls(name, key, tuple(row[1] for row in info), defaults, kind)

    def new_row(self, **values: Any) -> dict[str, Any]:
        row = self.blank.copy()
        row.update(values)
        return row


class WrittenKeys:
    """Which keys a rebuild has written to a table it created empty, in little memory.

    A Bloom filter: "not written" is certain, so the lookup is skipped; "maybe written"
    (also for a small share of keys never written) means asking SQLite, which is always
    correct. A set of a million article ids would take about 100 MB; this takes 2 to 4
    bytes per expected key.
    """

    def __init__(self, expected_keys: int):
        # 16 to 32 bits per key, two probes: about 1.5% of unwritten keys answer "maybe".
        bits = 1 << max(16, (16 * max(expected_keys, 1)).bit_length())
        self._mask = bits - 1
        self._bits = bytearray(bits >> 3)

    def add_all(self, keys: Iterable[Any]) -> None:
        bits, mask = self._bits, self._mask
        for key in keys:
            h = hash(key)
            a, b = h & mask, (h >> 32) & mask
            bits[a >> 3] |= 1 << (a & 7)
            bits[b >> 3] |= 1 << (b & 7)

    def __contains__(self, key: Any) -> bool:
        # Called for every first touch of a key in a rebuild, so plain arithmetic on the
        # key's own hash (64 bits, SipHash for strings): two probes from its two halves.
        h = hash(key)
        a, b = h & self._mask, (h >> 32) & self._mask
        bits = self._bits
        return bool(bits[a >> 3] >> (a & 7) & 1 and bits[b >> 3] >> (b & 7) & 1)


def _in_key_order(keys: set[Any]) -> list[Any]:
    """Keys sorted, so a flush walks the primary-key index once instead of jumping about."""
    try:
        return sorted(keys)
    except TypeError:  # keys of mixed types: any order is correct, only slower
        return list(keys)


class Rows:
    """Rows of a table keyed by its primary key, cached for one chunk."""

    def __init__(self, conn: sqlite3.Connection, table: Table, written: WrittenKeys | None):
        self.conn, self.table = conn, table
        self._rows: dict[Any, dict[str, Any] | None] = {}
        self._dirty: set[Any] = set()
        # Set when this transaction created the table empty: a key it has not written is
        # absent without asking SQLite.
        self._written = written
        columns = ", ".join(table.columns)
        self._select = f"SELECT {columns} FROM [{table.name}] WHERE [{table.key}] = ?"
        self._insert = (
            f"INSERT OR REPLACE INTO [{table.name}] ({columns}) VALUES ({', '.join('?' * len(table.columns))})"
        )
        # Called with the row of a dirty key, which put() made, so never None.
        self._values: Callable[..., tuple[Any, ...]] = itemgetter(*table.columns)

    def get(self, key: Any) -> dict[str, Any] | None:
        """The row (a dict to change in place, then :meth:`put`), or None."""
        try:
            return self._rows[key]
        except KeyError:
            pass
        if self._written is not None and key not in self._written:
            row = None
        else:
            found = self.conn.execute(self._select, [key]).fetchone()
            row = dict(zip(self.table.columns, found)) if found else None
        self._rows[key] = row
        return row

    def put(self, row: dict[str, Any]) -> None:
        key = row[self.table.key]
        self._rows[key] = row
        self._dirty.add(key)

    def flush(self) -> None:
        if self._dirty:
            rows = self._rows
            self.conn.executemany(self._insert, [self._values(rows[key]) for key in _in_key_order(self._dirty)])
            if self._written is not None:
                self._written.add_all(self._dirty)
        self._rows.clear()
        self._dirty.clear()


class Groups:
    """Rows sharing a key column (e.g. one article's claims), read and rewritten together.

    A group is a dict from a second column's value to the row, so a row that an event
    names again replaces the earlier one, as the table's primary key would.
    """

    def __init__(self, conn: sqlite3.Connection, table: Table, member: str, written: WrittenKeys | None):
        self.conn, self.table, self.member = conn, table, member
        self._groups: dict[Any, dict[Any, dict[str, Any]]] = {}
        self._stored: dict[Any, bool] = {}  # key -> SQLite may hold rows for it
        self._dirty: set[Any] = set()
        self._written = written
        columns = ", ".join(table.columns)
        self._select = f"SELECT {columns} FROM [{table.name}] WHERE [{table.key}] = ?"
        self._delete = f"DELETE FROM [{table.name}] WHERE [{table.key}] = ?"
        self._insert = (
            f"INSERT OR REPLACE INTO [{table.name}] ({columns}) VALUES ({', '.join('?' * len(table.columns))})"
        )
        self._values = itemgetter(*table.columns)

    def get(self, key: Any) -> dict[Any, dict[str, Any]]:
        """The group (empty when there is none); change it, then :meth:`put`."""
        try:
            return self._groups[key]
        except KeyError:
            pass
        group: dict[Any, dict[str, Any]] = {}
        if self._written is None or key in self._written:
            for found in self.conn.execute(self._select, [key]):
                row = dict(zip(self.table.columns, found))
                group[row[self.member]] = row
        self._groups[key] = group
        self._stored[key] = bool(group)
        return group

    def put(self, key: Any, group: dict[Any, dict[str, Any]]) -> None:
        self._groups[key] = group
        self._dirty.add(key)

    def flush(self) -> None:
        if self._dirty:
            stale = [[key] for key in self._dirty if self._stored.get(key, True)]
            if stale:
                self.conn.executemany(self._delete, stale)
            values = self._values
            self.conn.executemany(
                self._insert, [values(row) for key in _in_key_order(self._dirty) for row in self._groups[key].values()]
            )
            if self._written is not None:
                self._written.add_all(self._dirty)
        self._groups.clear()
        self._stored.clear()
        self._dirty.clear()


class Appends:
    """An insert-only table: rows are buffered and written with one executemany."""

    def __init__(self, conn: sqlite3.Connection, table: Table):
        self.conn, self.table = conn, table
        self._pending: list[tuple[Any, ...]] = []
        self._insert = (
            f"INSERT INTO [{table.name}] ({', '.join(table.columns)}) VALUES ({', '.join('?' * len(table.columns))})"
        )

    def add(self, *values: Any) -> None:
        self._pending.append(values)

    def flush(self) -> None:
        if self._pending:
            self.conn.executemany(self._insert, self._pending)
            self._pending = []


class Tables:
    """What a handler works with: the projection's cached tables, scratch state, SQL."""

    def __init__(self, conn: sqlite3.Connection, projection: Projection, created_empty_for: int = 0):
        """``created_empty_for``: the tables were created empty in this transaction, to
        receive at most that many events (0: nothing is assumed about them)."""
        self.conn = conn
        self.state: dict[str, Any] = {}  # per transaction, for the projection's own use
        self._caches: dict[str, Rows | Groups | Appends] = {}
        for table in projection.cached:
            written = WrittenKeys(created_empty_for) if created_empty_for and table.kind != "appends" else None
            if table.kind == "groups":
                self._caches[table.name] = Groups(conn, table, table.columns[1], written)
            elif table.kind == "appends":
                self._caches[table.name] = Appends(conn, table)
            else:
                self._caches[table.name] = Rows(conn, table, written)

    def __getitem__(self, name: str) -> Any:
        return self._caches[name]

    def flush(self) -> None:
        for cache in self._caches.values():
            cache.flush()

    def sql(self) -> sqlite3.Connection:
        """The connection for statements the caches cannot express (rare events).

        Cached rows are written first, so a statement here reads the current state. It
        must not write a cached table: a rebuild assumes it alone wrote to those.
        """
        self.flush()
        return self.conn


Handler = Callable[[Tables, ProjectedEvent], None]


@dataclass
class Projection:
    """A named read model: its DDL, the tables and views it owns, and its handlers.

    Bump ``version`` whenever the handlers or the DDL change: a stored checkpoint of an
    older version makes the runner rebuild that projection from the log.
    ``cached`` lists the tables handlers reach through ``Tables[name]``; ``on_caught_up``
    runs once the projection has applied everything up to the head, in that transaction.
    """

    name: str
    version: int
    ddl: Sequence[str]
    tables: Sequence[str]
    handlers: dict[str, Handler]
    cached: Sequence[Table] = ()
    views: Sequence[str] = ()
    view_ddl: Sequence[str] = ()
    on_caught_up: Callable[[Tables], None] | None = None
    description: str = field(default="")

    def create(self, conn: sqlite3.Connection, defer_indexes: bool = False) -> list[str]:
        """Create the tables and views; with ``defer_indexes``, return the plain (not
        UNIQUE) CREATE INDEX statements instead of running them, for a bulk load."""
        deferred = []
        for statement in self.ddl:
            if defer_indexes and statement.lstrip().upper().startswith("CREATE INDEX"):
                deferred.append(statement)
            else:
                conn.execute(statement)
        for statement in self.view_ddl:
            conn.execute(statement)
        return deferred

    def drop(self, conn: sqlite3.Connection) -> None:
        for view in self.views:
            conn.execute(f"DROP VIEW IF EXISTS [{view}]")
        for table in self.tables:
            conn.execute(f"DROP TABLE IF EXISTS [{table}]")


def apply_chunk(projection: Projection, tables: Tables, events: Sequence[ProjectedEvent], after: int) -> None:
    """Run the projection's handlers over the events past ``after``, then write the rows."""
    handlers = projection.handlers
    # A chunk holds the events of every projection being built, most of them another's (in a
    # log of years, nine in ten are polls, which only the feeds projection reads): pick this
    # projection's own in one comprehension rather than a Python-level loop step per event.
    if events and events[0].position <= after:  # a catch-up resuming inside the chunk
        mine = [event for event in events if event[1] in handlers and event[0] > after]
    else:
        mine = [event for event in events if event[1] in handlers]
    for event in mine:
        handlers[event[1]](tables, event)
    tables.flush()


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk load.

    A rebuild allocates several dicts per event and keeps a chunk of them alive, so the
    collector keeps scanning objects that are freed by reference counting anyway: 15 %
    of a 1M-event rebuild's CPU. Handlers create no reference cycles (peak RSS was the
    same with it paused), and whatever cycles there are get collected once it resumes.
    A first poll is the same kind of load (:func:`monitor.cycle.run_cycle`).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class ProjectionStatus:
    """Where each projection stands against the log's head."""

    head: int
    behind: dict[str, int]  # name -> checkpoint, for projections short of the head
    stale: tuple[str, ...]  # never built in this file, or built by another release's handlers
    ahead: dict[str, int]  # name -> checkpoint past the head: the log lost events from its end

    @property
    def truncation(self) -> str | None:
        """The problem a checkpoint past the head reveals, or None."""
        if not self.ahead:
            return None
        name, position = max(self.ahead.items(), key=lambda item: item[1])
        return (
            f"log truncated after position {self.head}: projection {name!r} has applied events up to "
            f"position {position}"
        )

    def note(self) -> str | None:
        """One line on what a reader of the projection tables is not seeing, or None."""
        if self.stale:
            return (
                f"projection(s) {', '.join(self.stale)} not built by this release; what they show may be "
                "incomplete: run `monitor rebuild` where the file can be written"
            )
        if self.behind:
            oldest = min(self.behind.values())
            return (
                f"the tables are {self.head - oldest} event(s) behind the log (applied up to position "
                f"{oldest} of {self.head}); showing what they hold"
            )
        return None


class ProjectionRunner:
    """Keeps a set of projections up to date with a store, by position.

    On a store opened read-only nothing is created or reset: :meth:`status` says what
    the tables lack, and :meth:`catch_up` and :meth:`rebuild` fail as any write would.
    """

    def __init__(self, store: ReadModelStore, projections: Iterable[Projection]):
        self.store = store
        self.projections = list(projections)
        names = [p.name for p in self.projections]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate projection names: {names}")
        if getattr(store, "read_only", False) or not self.projections:  # nothing to create
            return
        with store.transaction() as db:
            conn = db.conn
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {CHECKPOINTS} ("
                "name TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL)"
            )
            stale = []
            for projection in self.projections:
                row = conn.execute(f"SELECT version FROM {CHECKPOINTS} WHERE name = ?", [projection.name]).fetchone()
                if row is None or row[0] != projection.version:
                    stale.append(projection)
            for projection in stale:
                self._reset(conn, projection)

    @staticmethod
    def _reset(conn: sqlite3.Connection, projection: Projection, defer_indexes: bool = False) -> list[str]:
        projection.drop(conn)
        deferred = projection.create(conn, defer_indexes)
        conn.execute(
            f"INSERT OR REPLACE INTO {CHECKPOINTS} (name, position, version) VALUES (?, 0, ?)",
            [projection.name, projection.version],
        )
        return deferred

    @staticmethod
    def _checkpoint(conn: sqlite3.Connection, name: str) -> int:
        row = conn.execute(f"SELECT position FROM {CHECKPOINTS} WHERE name = ?", [name]).fetchone()
        return row[0] if row else 0

    def checkpoints(self) -> dict[str, int]:
        return {name: position for name, (position, _) in self._checkpoint_rows().items()}

    def _checkpoint_rows(self) -> dict[str, tuple[int, int]]:
        """name -> (position, version); empty when the table was never created (read-only)."""
        with self.store.reading() as db:
            try:
                rows = db.execute(f"SELECT name, position, version FROM {CHECKPOINTS}").fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" not in str(exc):
                    raise
                return {}
        return {name: (position, version) for name, position, version in rows}

    def status(self, head: int | None = None) -> ProjectionStatus:
        """Where each projection stands against ``head``, or against the head read now.

        The checkpoints are read before the head: a checkpoint never passes the head it was
        committed at, so read in this order they cannot look ahead of an intact log. A
        ``head`` given by the caller was read earlier; see :meth:`refuse_if_truncated`.
        """
        rows = self._checkpoint_rows()
        if head is None:
            head, _ = self.store.head()
        stale = tuple(p.name for p in self.projections if p.name not in rows or rows[p.name][1] != p.version)
        behind = {
            p.name: rows[p.name][0]
            for p in self.projections
            if p.name in rows and p.name not in stale and rows[p.name][0] < head
        }
        ahead = {name: position for name, (position, _) in rows.items() if position > head}
        return ProjectionStatus(head, behind, stale, ahead)

    def truncation(self, head: int) -> str | None:
        """What a checkpoint past ``head`` reveals (events deleted from the end), or None.

        ``head`` was read before the checkpoints, so another thread or process may have
        appended and caught up past it in between (a poll's recording thread catches up
        while the poll's own catch-up runs): a checkpoint ahead of it is looked at again
        against the head as it is now, and only one still ahead is a truncation.
        """
        problem = self.status(head).truncation
        return problem if problem is None else self.status().truncation

    def refuse_if_truncated(self, head: int) -> None:
        """Catching up past a truncation would skip every event appended since: refuse."""
        problem = self.truncation(head)
        if problem is not None:
            raise LogTruncated(
                f"{getattr(self.store, 'path', 'the store')}: {problem}; catch-up refused, since it would skip "
                "the events appended from now on. Restore the database from a backup, or accept the loss with `monitor rebuild`"
            )

    def _chunks(self, projections: Sequence[Projection], after: int, head: int) -> Iterator[list[ProjectedEvent]]:
        types = sorted({t for p in projections for t in p.handlers})
        return self.store.read_for_projection(after=after, up_to=head, types=types, chunk=CHUNK)

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply every event after each projection's checkpoint. Returns events applied.

        One transaction per chunk, each committing rows and checkpoints together. A
        projection's ``on_caught_up`` runs in the transaction that reaches the head.
        """
        head, _ = self.store.head()
        self.refuse_if_truncated(head)
        checkpoints = self.checkpoints()
        behind = [p for p in self.projections if checkpoints.get(p.name, 0) < head]
        if not behind:
            return 0
        start = min(checkpoints.get(p.name, 0) for p in behind)
        total = head - start
        applied = 0
        chunks = self._chunks(behind, start, head)
        chunk = next(chunks, [])
        while True:
            following = next(chunks, None)  # read ahead: is this chunk the last one?
            last = following is None
            up_to = head if last else chunk[-1].position
            with self.store.transaction() as db:
                for projection in behind:
                    # Read again under the write lock: another process (the CLI while the
                    # daemon runs) may have applied these events since we looked.
                    done = self._checkpoint(db.conn, projection.name)
                    if up_to <= done:
                        continue
                    tables = Tables(db.conn, projection)
                    apply_chunk(projection, tables, chunk, done)
                    if last and projection.on_caught_up is not None:
                        projection.on_caught_up(tables)
                    db.conn.execute(f"UPDATE {CHECKPOINTS} SET position = ? WHERE name = ?", [up_to, projection.name])
            applied += len(chunk)
            if progress:
                progress(total if last else min(up_to - start, total), total)
            if following is None:
                return applied
            chunk = following

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop and regenerate every projection from the log.

        All in one transaction: readers (the CLI, Datasette) keep seeing the old tables
        until the new ones are complete.
        """
        with cyclic_gc_paused(), self.store.transaction() as db:
            conn = db.conn
            # Secondary indexes are built once at the end: one sort beats a B-tree insert
            # per row. Handlers look rows up by primary key only, which stays in place.
            deferred = [s for p in self.projections for s in self._reset(conn, p, defer_indexes=True)]
            head, _ = self.store.head()
            sessions = [(p, Tables(conn, p, created_empty_for=max(head, 1))) for p in self.projections]
            applied = 0
            for chunk in self._chunks(self.projections, 0, head):
                # Projection by projection over the chunk, in list order, as catch_up does.
                for projection, tables in sessions:
                    apply_chunk(projection, tables, chunk, 0)
                applied += len(chunk)
                if progress:
                    progress(chunk[-1].position, head)
            for statement in deferred:
                conn.execute(statement)
            for projection, tables in sessions:
                if projection.on_caught_up is not None:
                    projection.on_caught_up(tables)
            conn.execute(f"UPDATE {CHECKPOINTS} SET position = ?", [head])
        if progress:
            progress(head, head)
        return applied
