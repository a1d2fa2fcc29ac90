"""The event store on PostgreSQL: the whole contract suite plus what only a server can get wrong."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.store import NewEvent, StoreError, StoreOpenError
from tests.store.store_contract import REPO, EventStoreContract, LogAccess, ev
from tests.support.pg_cluster import admin_connect

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")

from monitor.store.postgres import PostgresEventStore, redact  # noqa: E402


def pg_log_access(url: str) -> LogAccess:
    def execute(statement: str) -> None:
        with admin_connect(url) as conn:
            conn.execute(statement)

    return LogAccess(
        open=lambda **options: PostgresEventStore(url, **options),
        execute=execute,
        drop_guard=lambda name: execute(f"DROP TRIGGER {name} ON events"),
        open_source=f"from monitor.store.postgres import PostgresEventStore\nstore = PostgresEventStore({url!r})\n",
    )


class TestPostgres(EventStoreContract):
    @pytest.fixture
    def store(self, pg_url: str) -> Iterator[PostgresEventStore]:
        with PostgresEventStore(pg_url) as s:
            yield s

    @pytest.fixture
    def log(self, pg_url: str) -> LogAccess:
        return pg_log_access(pg_url)


class TestPostgresRelaxed(EventStoreContract):
    """The contract again with every batch committing without waiting for the server's WAL flush."""

    @pytest.fixture
    def store(self, pg_url: str) -> Iterator[PostgresEventStore]:
        with PostgresEventStore(pg_url, relaxed_types={"Thing", "Other", "T"}) as s:
            yield s

    @pytest.fixture
    def log(self, pg_url: str) -> LogAccess:
        return pg_log_access(pg_url)


def test_truncate_is_refused_too(pg_url: str):
    with PostgresEventStore(pg_url) as s:
        s.append([ev("s", 1)])
        with pytest.raises(psycopg.Error, match="append-only: TRUNCATE refused"):
            pg_log_access(pg_url).execute("TRUNCATE events")
        assert s.count() == 1


def test_a_disabled_guard_counts_as_missing(pg_url: str):
    with PostgresEventStore(pg_url) as s:
        s.append([ev("s", 1)])
        pg_log_access(pg_url).execute("ALTER TABLE events DISABLE TRIGGER events_refuse_delete")
        result = s.verify()
    assert not result.ok and "events_refuse_delete" in result.problems[0]


def test_writer_processes_share_one_gapless_chain(pg_url: str):
    """Four processes append at once, each through its own pool: one chain, positions 1..N."""
    script = textwrap.dedent("""
        import sys
        from monitor.store import NewEvent
        from monitor.store.postgres import PostgresEventStore
        with PostgresEventStore(sys.argv[1]) as store:
            for b in range(40):
                store.append([NewEvent(stream=f"{sys.argv[2]}-{b % 7}", type="T", data={"b": b, "i": i})
                              for i in range(5)])
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, pg_url, f"p{k}"], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}
        )
        for k in range(4)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    with PostgresEventStore(pg_url) as s:
        events = list(s.read_all())
        assert [e.position for e in events] == list(range(1, 4 * 40 * 5 + 1))
        for stream in {e.stream for e in events}:
            versions = [e.version for e in s.read_stream(stream)]
            assert versions == list(range(1, len(versions) + 1))
        assert s.verify().ok


def test_an_append_waits_for_the_lock_and_readers_do_not(pg_url: str):
    """A writer holding the append lock blocks the next append, never a read."""
    with PostgresEventStore(pg_url) as s:
        s.append([ev("s", 1)])
        holder = admin_connect(pg_url)
        try:
            holder.execute("BEGIN")
            holder.execute("LOCK TABLE events IN EXCLUSIVE MODE")
            assert [e.data["n"] for e in s.read_all()] == [1]
            assert s.head()[0] == 1
            done = threading.Event()
            threading.Thread(target=lambda: (s.append([ev("s", 2)]), done.set()), daemon=True).start()
            assert not done.wait(0.5), "an append went through while another writer held the lock"
            holder.execute("COMMIT")
            assert done.wait(10)
        finally:
            holder.close()
        assert s.count() == 2 and s.verify().ok


def test_same_canonical_text_and_hashes_as_sqlite(pg_url: str, tmp_path: Path):
    """The backends store identical text, so a row's hash is the same whichever computed it."""
    from monitor.store import SQLiteEventStore

    batch = [NewEvent("a", "T", {"x": [1, 2.5, "ü", None], "big": 2**70, "tiny": 1e-7}, {"m": 1}, event_id="e1")]
    with SQLiteEventStore(tmp_path / "a.db") as lite, PostgresEventStore(pg_url) as pg:
        lite.append(batch)
        pg.append(batch)
        (one,), (two,) = list(lite.read_all()), list(pg.read_all())
        assert (one.data, one.prev_hash, one.stream, one.version) == (two.data, two.prev_hash, two.stream, two.version)
        assert one.data["big"] == 2**70


# -- opening: one clear error, naming what and what to do -------------------------------------


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://u@127.0.0.1/x", "must start with postgresql://"),
        ("postgresql://u:secret@127.0.0.1:5432/x", "holds a password"),
        ("postgresql://u@127.0.0.1:5432", "names no database"),
        ("postgresql://u@127.0.0.1:notaport/x", "port"),
    ],
)
def test_a_bad_url_is_refused_before_connecting(url: str, message: str):
    with pytest.raises(StoreOpenError, match=message) as info:
        PostgresEventStore(url)
    assert "secret" not in str(info.value)


def test_an_unreachable_server_is_one_clear_error():
    from tests.support.pg_cluster import free_port

    url = f"postgresql://nobody@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(StoreOpenError, match="server runs") as info:
        PostgresEventStore(url)
    assert "\n" not in str(info.value).strip()


def test_an_unknown_database_and_a_read_only_open_of_an_empty_one(pg_server: str, pg_url: str):
    missing = pg_server.rpartition("/")[0] + "/no_such_database"
    with pytest.raises(StoreOpenError, match="no_such_database"):
        PostgresEventStore(missing)
    with pytest.raises(StoreOpenError, match="no event log in this database yet"):
        PostgresEventStore(pg_url, create=False)


def test_missing_rights_are_named(pg_server: str, pg_url: str):
    """A user who may connect but not create tables, then one who may read but not append."""
    role = f"reader_{os.getpid()}"
    with admin_connect(pg_url) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    base, _, dbname = pg_url.rpartition("/")
    as_role = base.replace("postgres@", f"{role}@", 1) + "/" + dbname
    try:
        with pytest.raises(StoreOpenError, match="may not create the log's tables"):
            PostgresEventStore(as_role)
        PostgresEventStore(pg_url).close()  # the owner creates the log
        with pytest.raises(StoreOpenError, match="lacks SELECT"):
            PostgresEventStore(as_role, create=False)
        with admin_connect(pg_url) as conn:
            conn.execute(f'GRANT SELECT ON events, store_meta TO "{role}"')
        with pytest.raises(StoreOpenError, match="lacks INSERT"):
            PostgresEventStore(as_role)
        with PostgresEventStore(as_role, create=False) as reader:  # reading needs only SELECT
            assert reader.head()[0] == 0
    finally:
        with admin_connect(pg_url) as conn:
            conn.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        with admin_connect(pg_server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute(f'DROP ROLE "{role}"')


def test_password_from_the_named_variable_reaches_the_server(pg_url: str):
    """password_env's value goes to libpq; the URL and every message stay free of it."""
    role = f"pw_{os.getpid()}"
    base, _, dbname = pg_url.rpartition("/")
    with admin_connect(pg_url) as conn:
        conn.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'right-one'")
        conn.execute(f'GRANT ALL ON SCHEMA public TO "{role}"')
    url = base.replace("postgres@", f"{role}@", 1) + "/" + dbname
    # Trust authentication accepts any password, so the check is that it is passed through.
    with PostgresEventStore(url, password="right-one") as s:
        assert s._connect_kwargs["password"] == "right-one"
        assert "right-one" not in s.path
    assert redact("postgresql://u:pw@h/d") == "postgresql://u:***@h/d"


def test_a_log_from_a_newer_release_is_refused(pg_url: str):
    PostgresEventStore(pg_url).close()
    pg_log_access(pg_url).execute("UPDATE store_meta SET value = '99' WHERE key = 'format'")
    with pytest.raises(StoreOpenError, match="newer"):
        PostgresEventStore(pg_url)


def test_daemons_starting_together_create_the_schema_once(pg_url: str):
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            PostgresEventStore(pg_url).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors


def test_a_server_gone_mid_run_is_a_store_error(pg_server: str, pg_url: str):
    with PostgresEventStore(pg_url) as s:
        s.append([ev("s", 1)])
        with admin_connect(pg_server) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [pg_url.rpartition("/")[2]]
            )
        # The pool notices the dead connection; the call either reconnects or says what happened.
        try:
            assert s.head()[0] == 1
        except StoreError as exc:
            assert s.path in str(exc)
        assert s.head()[0] == 1


def _plan(url: str, sql: str, params: list) -> str:
    """EXPLAIN of ``sql`` with ``params`` bound as the store binds them, as one line."""
    with admin_connect(url) as conn, psycopg.ClientCursor(conn) as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return " ".join(row[0] for row in cursor.fetchall())


def _type_index(url: str) -> str | None:
    with admin_connect(url) as conn:
        row = conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_by_type'").fetchone()
    return row[0] if row else None


def test_reading_one_type_seeks_the_type_index_not_a_walk_over_every_poll(pg_url: str):
    """As SQLite's events_by_type (`monitor events --type AlertFailed` on a log that is mostly polls)."""
    from monitor.store.postgres import READ_ONE_TYPE

    with PostgresEventStore(pg_url) as store:
        for start in range(0, 20_000, 2_000):
            store.append(
                [
                    NewEvent(f"feed:{n % 50}", "Sent" if n % 1000 == 7 else "Polled", {"n": n})
                    for n in range(start, start + 2_000)
                ]
            )
        with admin_connect(pg_url) as conn:
            conn.execute("ANALYZE events")
        assert [e.data["n"] for e in store.read_all(types=["Sent"])] == list(range(7, 20_000, 1000))
    assert '(type, "position")' in (_type_index(pg_url) or "")
    plan = _plan(pg_url, READ_ONE_TYPE, [0, "Sent", 5000])
    assert "events_by_type" in plan and "Sort" not in plan, plan


def test_a_log_without_the_type_index_gets_it_at_its_first_writable_open(pg_url: str):
    with PostgresEventStore(pg_url) as store:
        store.append([ev("a", 1, "A"), ev("b", 2, "B"), ev("a", 3, "A")])
    with admin_connect(pg_url) as conn:
        conn.execute("DROP INDEX events_by_type")  # as a log an earlier release created
    with PostgresEventStore(pg_url, create=False) as reader:  # a reader's open changes nothing
        assert [e.data["n"] for e in reader.read_all(types=["A"])] == [1, 3]
    assert _type_index(pg_url) is None
    for _ in range(2):  # and the next writable open builds it, once: opening again finds it
        with PostgresEventStore(pg_url) as store:
            assert [e.data["n"] for e in store.read_all(types=["A"])] == [1, 3]
            assert store.verify().ok
        assert _type_index(pg_url) is not None


@pytest.mark.timeout(120)
@pytest.mark.parametrize("statement_timeout", [None, "2s"], ids=["no-statement-timeout", "a-dbas-statement-timeout"])
def test_a_writable_open_kept_from_building_the_type_index_opens_in_bounded_time_without_it(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, statement_timeout: str | None
):
    """A session holding a write lock on events keeps the build from starting. The open waits as long as an
    append would and goes on without the index (reads walk, as before it existed); the next open builds it.
    A statement_timeout the database's administrator set does not turn that wait into a refusal to open."""
    from monitor.store import postgres

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_SECONDS", 1)
    with PostgresEventStore(pg_url) as store:
        store.append([ev("a", 1, "A"), ev("b", 2, "B")])
    with admin_connect(pg_url) as conn:
        conn.execute("DROP INDEX events_by_type")  # as a log an earlier release created
        if statement_timeout:
            database = pg_url.rpartition("/")[2]
            conn.execute(f"ALTER DATABASE \"{database}\" SET statement_timeout = '{statement_timeout}'")
    with admin_connect(pg_url) as holder:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE events IN ROW EXCLUSIVE MODE")
        started = time.monotonic()
        with PostgresEventStore(pg_url) as store:
            assert [e.data["n"] for e in store.read_all(types=["A"])] == [1]
        assert time.monotonic() - started < 30
        holder.execute("ROLLBACK")
    assert _type_index(pg_url) is None
    with PostgresEventStore(pg_url) as store:
        store.append([ev("a", 3, "A")])
        assert [e.data["n"] for e in store.read_all(types=["A"])] == [1, 3]
    assert _type_index(pg_url) is not None


def test_connections_notice_a_silent_network_unless_the_url_says_otherwise(pg_url: str):
    """A server cut off by the network (a partition, a host powered off) left a query waiting for hours, as
    long as the kernel kept the connection: the store's connections probe the peer and give up on data
    that goes unacknowledged, unless the url sets libpq's own values, which are kept."""
    import socket

    import psycopg

    def tcp_settings(url: str) -> tuple[int, int, int]:
        with PostgresEventStore(url) as store, psycopg.connect(url, **store._connect_kwargs) as conn:
            peer = socket.socket(fileno=os.dup(conn.pgconn.socket))
            try:
                return (
                    peer.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
                    peer.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
                    peer.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT),
                )
            finally:
                peer.close()

    assert "127.0.0.1" in pg_url or "localhost" in pg_url, "libpq ignores these on a Unix socket"
    keepalive, idle, unacknowledged_ms = tcp_settings(pg_url)
    assert keepalive and idle == 30 and unacknowledged_ms == 60_000
    joiner = "&" if "?" in pg_url else "?"
    assert tcp_settings(f"{pg_url}{joiner}keepalives_idle=7&tcp_user_timeout=5000")[1:] == (7, 5000)
