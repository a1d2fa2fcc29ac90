"""The PostgreSQL backend of the event store: one log shared by any number of processes and machines.

Same table, same canonical JSON and the same hash chain as the SQLite backend, so a log
moves between the two event for event (``monitor migrate``). Appends are serialised by a
table lock held to the commit (``LOCK TABLE events IN EXCLUSIVE MODE``): positions are
assigned under it as the head's plus one, so commit order is position order and a reader
that has passed position N never later sees a lower position commit. Readers take no
lock and are never blocked by it. Statement triggers refuse UPDATE, DELETE and TRUNCATE.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError as _missing:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "the PostgreSQL store needs psycopg and psycopg-pool: pip install 'nkru-monitor[postgres]'"
    ) from _missing

from monitor.store.api import (
    ANY,
    AppendOnlyViolation,
    ConcurrencyError,
    IdempotencyError,
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
from monitor.store.sqlite import (
    GENESIS_HASH,
    READ_CHUNK,
    ChainWalk,
    _decode_stored,
    canonical_json,
    chained_rows,
    decode_row,
    utc_now_iso,
    walked_head,
)
from monitor.store.upcasting import Upcaster, default_upcaster
from monitor.store.urls import check_url, redact

T = TypeVar("T")

#: The schema this code writes (store_meta 'format'); a higher number is refused.
STORE_FORMAT = 1
#: How long an append waits for the table lock before giving up with a clear error.
LOCK_TIMEOUT_SECONDS = 30
CONNECT_TIMEOUT_SECONDS = 10
#: libpq's TCP settings unless the url names its own: a server cut off by the network (a partition, a host
#: powered off) is noticed in about a minute, as an error the daemon records and retries, instead of a query
#: that waits for a reply for as long as the kernel keeps the connection (hours, by its defaults). Keepalive
#: probes go after 30 s of quiet, every 10 s, three unanswered end it; data sent and not acknowledged for
#: 60 s ends it too. Neither bounds a server that is up and slow, nor one that still answers TCP and runs no
#: query: only the network's silence.
NETWORK_DEFAULTS: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 60_000,  # milliseconds
}
#: Held while creating the schema, so daemons starting together on a new database do not race.
_SCHEMA_ADVISORY_KEY = 0x6E6B7275  # "nkru"

_COLUMNS = "position, event_id, stream, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash"
# A batch in one statement, one array per column (it may run in a pipeline, where COPY cannot).
# Parameters in binary (%b): the text format's array escaping is a regular expression per element.
_INSERT_ROWS = (
    f"INSERT INTO events ({_COLUMNS}) SELECT * FROM unnest(%b::bigint[], %b::text[], %b::text[], "
    "%b::integer[], %b::text[], %b::integer[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[])"
)

#: Events of one type in log order (`monitor events --type AlertFailed`, the digest's read of ClaimsDiffed): a seek
#: instead of a walk over a log that is mostly polls, as the SQLite store's index of the same name. A plain index
#: here: SQLite's is partial so that its planner takes it only for the queries that ask; PostgreSQL's planner weighs
#: it against the primary key by the table's statistics, and the projection replay keeps to position order.
TYPE_INDEX = "events_by_type"
_TYPE_INDEX_DDL = f"CREATE INDEX IF NOT EXISTS {TYPE_INDEX} ON events (type, position)"
#: The read of one type's events, a chunk at a time.
READ_ONE_TYPE = f"SELECT {_COLUMNS} FROM events WHERE position > %s AND type = %s ORDER BY position LIMIT %s"

# data and metadata are text, not jsonb: the hash covers the exact stored text, and jsonb
# would reorder keys and respell numbers.
_SCHEMA = [
    "CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL)",
    """CREATE TABLE events (
        position bigint PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        stream text NOT NULL,
        version integer NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data text NOT NULL,
        metadata text NOT NULL,
        recorded_at text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        UNIQUE (stream, version)
    )""",
    _TYPE_INDEX_DDL,
    """CREATE TABLE leases (name text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)""",
    """CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
        END $$""",
]

# Created once, with the table, and never again: a guard someone dropped stays missing, so
# `monitor verify` reports it (as the SQLite backend does).
GUARD_TRIGGERS = {
    f"events_refuse_{operation.lower()}": (
        f"CREATE TRIGGER events_refuse_{operation.lower()} BEFORE {operation} ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()"
    )
    for operation in ("UPDATE", "DELETE", "TRUNCATE")
}


def network_defaults(url: str) -> dict[str, Any]:
    """:data:`NETWORK_DEFAULTS` the url leaves unset (a keyword argument would override the url's own)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        named = conninfo_to_dict(url)
    except psycopg.ProgrammingError:  # the connection's own error says what is wrong with it
        named = {}
    return {key: value for key, value in NETWORK_DEFAULTS.items() if key not in named}


class PostgresEventStore:
    """An :class:`monitor.store.api.EventStore` on a PostgreSQL database, through a connection pool.

    Thread-safe: each call takes a connection from the pool. ``password`` (from the
    variable ``password_env`` names) is passed to libpq; without it libpq reads
    ``PGPASSWORD`` or ``~/.pgpass`` as usual. ``relaxed_types`` as for SQLite: a batch made
    only of these commits with ``synchronous_commit = off`` (a crash of the server may lose
    the last few such commits, never half of one, and never reorders them).
    """

    def __init__(
        self,
        url: str,
        *,
        password: str | None = None,
        upcaster: Upcaster | None = None,
        create: bool = True,
        relaxed_types: Collection[str] = (),
        pool_size: int = 8,
    ) -> None:
        problem = check_url(url)
        if problem:
            raise StoreOpenError(f"[store] url {redact(url)!r}: {problem}")
        self.url = url
        self.path = redact(url)  # what messages name, as the SQLite store names its file
        self.upcaster = upcaster or default_upcaster
        self.relaxed_types = frozenset(relaxed_types)
        self._connect_kwargs: dict[str, Any] = {
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": f"nkru-monitor pid {os.getpid()}",
            **network_defaults(url),
        }
        if password is not None:
            self._connect_kwargs["password"] = password
        # One plain connection first: its errors (refused, unknown database, bad password)
        # are exact, where a pool would only time out.
        try:
            with psycopg.connect(url, autocommit=True, **self._connect_kwargs) as conn:
                self.store_id = self._initialise(conn, create)
        except pg_errors.InsufficientPrivilege as exc:
            raise StoreOpenError(
                f"{self.path}: {_first_line(exc)}; ask the log's owner for the rights "
                "(SELECT to read; SELECT, INSERT to append)"
            ) from exc
        except psycopg.Error as exc:
            raise StoreOpenError(
                f"{self.path}: {_first_line(exc)}; nothing was changed. "
                "Check [store] url, that the server runs and that the user may connect"
            ) from exc
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            kwargs={**self._connect_kwargs, "autocommit": True},
            min_size=1,
            max_size=pool_size,
            open=True,
            name="nkru-monitor store",
            timeout=CONNECT_TIMEOUT_SECONDS * 3,
        )

    # -- opening ------------------------------------------------------------------

    def _initialise(self, conn: psycopg.Connection[Any], create: bool) -> str:
        encoding = conn.execute("SHOW server_encoding").fetchone()
        if encoding and encoding[0] not in ("UTF8", "SQL_ASCII"):
            raise StoreOpenError(
                f"{self.path}: the database's encoding is {encoding[0]}; the log needs UTF8 "
                "(createdb -E UTF8 --template template0)"
            )
        if not self._exists(conn, "events"):
            if not create:
                raise NoEventLog(
                    f"{self.path}: no event log in this database yet "
                    "(run `monitor poll` to create it, or `monitor migrate --to` to fill it)"
                )
            self._create_schema(conn)
        elif create:
            self._add_type_index(conn)
        rights = conn.execute(
            "SELECT has_table_privilege('events', 'SELECT') AND has_table_privilege('store_meta', 'SELECT'), "
            "has_table_privilege('events', 'INSERT')"
        ).fetchone()
        if not rights or not rights[0] or create and not rights[1]:
            user = conn.info.user
            missing = "SELECT" if not rights or not rights[0] else "INSERT"
            raise StoreOpenError(
                f"{self.path}: user {user!r} lacks {missing} on table events; "
                f'GRANT SELECT, INSERT ON events, store_meta TO "{user}" (as its owner)'
            )
        found = conn.execute("SELECT value FROM store_meta WHERE key = 'format'").fetchone()
        if found and int(found[0]) > STORE_FORMAT:
            raise StoreOpenError(
                f"{self.path}: written by a newer nkru-monitor (store format {found[0]}, this "
                f"release reads up to {STORE_FORMAT}); upgrade nkru-monitor, nothing was changed"
            )
        row = conn.execute("SELECT value FROM store_meta WHERE key = 'store_id'").fetchone()
        return str(row[0]) if row else ""

    @staticmethod
    def _exists(conn: psycopg.Connection[Any], name: str) -> bool:
        """Whether the table or index ``name`` is in the current schema."""
        # A plain query on pg_class, not to_regclass(): the catalog cache behind the latter
        # may not yet show a table another session committed while we waited for a lock.
        row = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = %s "
            "AND relnamespace = current_schema()::regnamespace)",
            [name],
        ).fetchone()
        return bool(row and row[0])

    def _create_schema(self, conn: psycopg.Connection[Any]) -> None:
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", [_SCHEMA_ADVISORY_KEY])
                if self._exists(conn, "events"):  # another process created it while we waited
                    return
                for statement in [*_SCHEMA, *GUARD_TRIGGERS.values()]:
                    conn.execute(statement)
                with conn.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO store_meta (key, value) VALUES (%s, %s)",
                        [("format", str(STORE_FORMAT)), ("created_at", utc_now_iso()), ("store_id", str(uuid.uuid4()))],
                    )
        except pg_errors.InsufficientPrivilege as exc:
            raise StoreOpenError(
                f"{self.path}: user {conn.info.user!r} may not create the log's tables ({_first_line(exc)}); "
                "create them as a user who may (one `monitor poll` against the URL), or "
                "GRANT CREATE ON SCHEMA public to this user"
            ) from exc

    def _add_type_index(self, conn: psycopg.Connection[Any]) -> None:
        """Build :data:`TYPE_INDEX` on a log an earlier release created, at the first writable open. Under the
        schema's advisory lock, so daemons starting together build it once. The build holds appends back (a
        SHARE lock on events) for a few seconds per million events, once, within their lock timeout. A user who
        does not own the table may not build it, nor may anyone while another session holds a write lock on events
        for longer than an append would wait: the log is read and written as before, by a walk where the index
        would seek, and a later writable open (the owner's, a `monitor poll` as that user) builds it."""
        if self._exists(conn, TYPE_INDEX):
            return
        try:
            with conn.transaction():
                # The wait for the locks is bounded as an append's is: a session holding a write lock on events
                # (a maintenance job, a transaction left open) defers the build to a later open rather than hold
                # this one, and every append queued behind it, for as long as it lasts. The build itself is not
                # bounded: a statement_timeout set for the database, shorter than a large log's build, would
                # otherwise cancel it at every start and the daemon would not start at all.
                conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'")
                conn.execute("SET LOCAL statement_timeout = 0")
                conn.execute("SELECT pg_advisory_xact_lock(%s)", [_SCHEMA_ADVISORY_KEY])
                conn.execute(_TYPE_INDEX_DDL)
        except (pg_errors.InsufficientPrivilege, pg_errors.LockNotAvailable, pg_errors.QueryCanceled):
            return  # (QueryCanceled: an administrator cancelled the build) the log works without it, as before

    # -- transactions -------------------------------------------------------------

    def _run(self, work: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``work`` on a pooled connection, its errors translated to the store's.

        Run again, once, on a fresh connection when the first one turns out dead (a
        restarted server, a connection killed by an administrator): safe for every call
        here, reads obviously, and appends because a repeated event id is skipped.
        """
        for attempt in (1, 2):
            try:
                with self._pool.connection() as conn:
                    try:
                        return work(conn)
                    except psycopg.OperationalError:
                        if attempt == 1 and (conn.broken or conn.closed):
                            continue
                        raise
            except (StoreError, ValueError):
                raise
            except pg_errors.RestrictViolation as exc:
                raise AppendOnlyViolation(f"{self.path}: {_first_line(exc)}") from exc
            except pg_errors.LockNotAvailable as exc:
                raise StoreError(
                    f"{self.path}: the log stayed locked by another writer for {LOCK_TIMEOUT_SECONDS} s; retry"
                ) from exc
            except pg_errors.IntegrityError as exc:
                raise StoreError(
                    f"{self.path}: append refused by a constraint ({_first_line(exc)}); nothing was written"
                ) from exc
            except psycopg.Error as exc:
                raise StoreError(f"{self.path}: {_first_line(exc)}") from exc
            except PoolTimeout as exc:
                raise StoreError(
                    f"{self.path}: no connection to the database within "
                    f"{self._pool.timeout:.0f} s; is the server running?"
                ) from exc
        raise StoreError(f"{self.path}: the connection broke twice in a row; is the server running?")

    # -- appending ----------------------------------------------------------------

    def append(self, events: Sequence[NewEvent], expected: int | Mapping[str, int] = ANY) -> list[int]:
        return self.append_rows(events, expected)[0]

    def append_rows(
        self, events: Sequence[NewEvent], expected: int | Mapping[str, int] = ANY
    ) -> tuple[list[int], list[tuple[Any, ...]]]:
        """:meth:`append`, also returning the rows it inserted, as stored (a local copy keeps them)."""
        if not events:
            return [], []
        expectations = expectations_for(events, expected)
        # First occurrence of each id in the batch; later repeats reuse its position.
        first_index: dict[str, int] = {}
        for index, event in enumerate(events):
            first_index.setdefault(event.event_id, index)
        candidates = [events[i] for i in first_index.values()]
        # Encoding needs no lock: it happens before the transaction starts.
        encoded = {e.event_id: (canonical_json(e.data), canonical_json(e.metadata)) for e in candidates}
        durable = not self.relaxed_types or any(e.type not in self.relaxed_types for e in candidates)

        ids = [e.event_id for e in candidates]
        streams = list(dict.fromkeys(e.stream for e in candidates))

        def locked_append(conn: psycopg.Connection[Any]) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
            # Pipelined: BEGIN, the lock and the three reads travel together, then the
            # insert and COMMIT; two round trips per batch instead of nine.
            with conn.pipeline() as pipeline, conn.transaction():
                if not durable:
                    conn.execute("SET LOCAL synchronous_commit = off")
                conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'")
                # Every append holds this lock to its commit: positions are handed out and
                # committed in the same order. EXCLUSIVE does not block readers (ACCESS SHARE).
                conn.execute("LOCK TABLE events IN EXCLUSIVE MODE")
                stored = conn.execute(
                    "SELECT event_id, position, stream, type FROM events WHERE event_id = ANY(%b)", [ids]
                )
                versions = conn.execute(
                    "SELECT s, (SELECT max(version) FROM events WHERE stream = s) FROM unnest(%b::text[]) AS s",
                    [streams],
                )
                head = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1")
                pipeline.sync()
                rows, positions = self._chain(
                    candidates, expectations, encoded, stored.fetchall(), dict(versions.fetchall()), head.fetchone()
                )
                if rows:
                    conn.execute(_INSERT_ROWS, [list(column) for column in zip(*rows)])
            return positions, rows

        positions, rows = self._run(locked_append)
        return [positions[event.event_id] for event in events], rows

    @staticmethod
    def _chain(
        candidates: list[NewEvent],
        expectations: Mapping[str, int],
        encoded: Mapping[str, tuple[str, str]],
        stored_rows: Sequence[Sequence[Any]],
        stored_versions: Mapping[str, int | None],
        head: Sequence[Any] | None,
    ) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
        """The rows to insert (chained on ``head``) and every candidate's position; raises
        IdempotencyError or ConcurrencyError, as the SQLite backend does, before anything is written."""
        positions: dict[str, int] = {}
        fresh: list[NewEvent] = []
        stored = {row[0]: row[1:] for row in stored_rows}
        for event in candidates:
            if event.event_id not in stored:
                fresh.append(event)
                continue
            position, stream, event_type = stored[event.event_id]
            if stream != event.stream or event_type != event.type:
                raise IdempotencyError(
                    f"event id {event.event_id} is already stored as {event_type} on {stream}, "
                    f"not {event.type} on {event.stream}"
                )
            positions[event.event_id] = position
        # Only streams with new events are version-checked (a retried batch is not).
        versions = {e.stream: stored_versions.get(e.stream) or 0 for e in fresh}
        conflict = first_conflict(versions, expectations)
        if conflict is not None:
            stream, wanted = conflict
            raise ConcurrencyError(stream, wanted, versions[stream])
        position, prev_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
        rows, chained = chained_rows(((e, encoded[e.event_id]) for e in fresh), position, prev_hash, versions)
        positions.update(chained)
        return rows, positions

    @staticmethod
    def _copy_rows(conn: psycopg.Connection[Any], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows already chained, in order, with COPY (one round trip for the batch)."""
        with conn.cursor() as cursor, cursor.copy(f"COPY events ({_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def import_log(self, chunks: Iterable[Sequence[Sequence[Any]]]) -> int:
        """Copy another log's rows verbatim (positions, hashes and all) into this empty log.

        For ``monitor migrate``: one transaction, so an interrupted copy leaves the log
        empty, and under the append lock, so no daemon can append in between. Refused
        unless the log is empty. Nothing is re-hashed here: ``verify`` walks the chain after.
        """

        def locked_import(conn: psycopg.Connection[Any]) -> int:
            with conn.transaction():
                conn.execute("LOCK TABLE events IN EXCLUSIVE MODE")
                found = conn.execute("SELECT count(*) FROM events").fetchone()
                if found and found[0]:
                    raise StoreError(
                        f"{self.path}: the target log is not empty ({found[0]} events); "
                        "migrate only into a new database, nothing was copied"
                    )
                copied = 0
                for rows in chunks:
                    self._copy_rows(conn, rows)
                    copied += len(rows)
                return copied

        return self._run(locked_import)

    # -- reading ------------------------------------------------------------------

    def _decode(self, row: Sequence[Any]) -> StoredEvent:
        return decode_row(row, self.upcaster)

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self._run(lambda conn: conn.execute(sql, params, prepare=True).fetchall())

    def _chunks(
        self, sql: str, params: Sequence[Any], key_index: int, start: int, limit: int | None
    ) -> Iterator[StoredEvent]:
        """Page through a query by its increasing key; no connection is held between pages."""
        remaining = limit
        cursor_key = start
        while remaining is None or remaining > 0:
            size = READ_CHUNK if remaining is None else min(READ_CHUNK, remaining)
            rows = self._fetch(sql, [cursor_key, *params, size])
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
        wanted = list(dict.fromkeys(types or ()))
        if len(wanted) == 1:  # an equality, which the type index answers in position order
            return self._chunks(READ_ONE_TYPE, wanted, 0, after, limit)
        if wanted:
            sql = f"SELECT {_COLUMNS} FROM events WHERE position > %s AND type = ANY(%s) ORDER BY position LIMIT %s"
            return self._chunks(sql, [wanted], 0, after, limit)
        sql = f"SELECT {_COLUMNS} FROM events WHERE position > %s ORDER BY position LIMIT %s"
        return self._chunks(sql, [], 0, after, limit)

    def read_rows(self, after: int = 0, limit: int = 5000) -> list[tuple[Any, ...]]:
        """Stored rows as they are (the text that was hashed), for copying and verifying."""
        return self._fetch(
            f"SELECT {_COLUMNS} FROM events WHERE position > %s ORDER BY position LIMIT %s", [after, limit]
        )

    def read_for_projection(
        self, after: int, up_to: int, types: Sequence[str], chunk: int = 5000
    ) -> Iterator[list[ProjectedEvent]]:
        """As :meth:`SQLiteEventStore.read_for_projection`: only what handlers use, decoded once."""
        sql = (
            "SELECT position, type, stream, schema_version, data, recorded_at FROM events "
            "WHERE position > %s AND position <= %s AND type = ANY(%s) ORDER BY position LIMIT %s"
        )
        upcaster = self.upcaster
        current = {t: upcaster.current_version(t) for t in types}.__getitem__
        wanted = list(types)
        cursor = after
        while cursor < up_to:
            rows = self._fetch(sql, [cursor, up_to, wanted, chunk])
            if not rows:
                return
            events = []
            for position, event_type, stream, schema_version, data, recorded_at in rows:
                payload = _decode_stored(data.encode())
                if schema_version != current(event_type):  # older: upcast; newer: refused
                    try:
                        payload = upcaster.upcast(event_type, schema_version, payload)[1]
                    except NewerEventShape as exc:
                        raise exc.at(position) from None
                events.append(ProjectedEvent(position, event_type, stream, payload, recorded_at))
            yield events
            if len(rows) < chunk:
                return
            cursor = rows[-1][0]

    def read_stream(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        sql = f"SELECT {_COLUMNS} FROM events WHERE version > %s AND stream = %s ORDER BY version LIMIT %s"
        return self._chunks(sql, [stream], 3, from_version - 1, None)

    def read_streams(self, streams: Sequence[str], types: Sequence[str] | None = None) -> Iterator[StoredEvent]:
        """Several streams' events, grouped by stream, each stream's in version order."""
        type_filter = " AND type = ANY(%b)" if types else ""
        for start in range(0, len(streams), READ_CHUNK):
            chunk = list(streams[start : start + READ_CHUNK])
            rows = self._fetch(
                f"SELECT {_COLUMNS} FROM events WHERE stream = ANY(%b){type_filter} ORDER BY stream, version",
                [chunk, *([list(types)] if types else [])],
            )
            for row in rows:
                yield self._decode(row)

    def contains(self, event_ids: Collection[str]) -> set[str]:
        ids = list(event_ids)
        found: set[str] = set()
        for start in range(0, len(ids), READ_CHUNK * 5):
            found.update(
                row[0]
                for row in self._fetch(
                    "SELECT event_id FROM events WHERE event_id = ANY(%b)", [ids[start : start + READ_CHUNK * 5]]
                )
            )
        return found

    def stream_version(self, stream: str) -> int:
        rows = self._fetch("SELECT max(version) FROM events WHERE stream = %s", [stream])
        return int(rows[0][0] or 0)

    def get(self, event_id: str) -> StoredEvent | None:
        rows = self._fetch(f"SELECT {_COLUMNS} FROM events WHERE event_id = %s", [event_id])
        return self._decode(rows[0]) if rows else None

    def head(self) -> tuple[int, str]:
        rows = self._fetch("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1", [])
        return (int(rows[0][0]), str(rows[0][1])) if rows else (0, GENESIS_HASH)

    def count(self) -> int:
        return int(self._fetch("SELECT count(*) FROM events", [])[0][0])

    # -- verification -------------------------------------------------------------

    def missing_guards(self) -> list[str]:
        present = {
            row[0]
            for row in self._fetch(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgenabled <> 'D'", []
            )
        }
        return [name for name in GUARD_TRIGGERS if name not in present]

    def verify(self, progress: Any = None, since: tuple[int, str] | None = None) -> VerifyResult:
        problems: list[str] = []
        missing = self.missing_guards()
        if missing:
            problems.append(f"append-only trigger(s) missing or disabled: {', '.join(missing)}")
        walk = ChainWalk(since)
        last = walk.start
        while walk.first_bad is None:
            rows = self.read_rows(after=last)
            if not rows or not walk.check(rows):
                break
            last = rows[-1][0]
            if progress is not None:
                progress(walk.checked)
        problems += walk.problems
        head_position, head_hash = self.head()
        if walk.first_bad is None:
            head_position, head_hash = walked_head(walk, (head_position, head_hash))
        return VerifyResult(
            ok=not problems,
            checked=walk.checked,
            head_position=head_position,
            head_hash=head_hash,
            first_bad_position=walk.first_bad,
            problems=tuple(problems),
        )

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
