"""The shared PostgreSQL log seen through a local SQLite copy: the contract, pulling, adopting, refusing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.store import NewEvent, SQLiteEventStore, StoreOpenError, open_store
from tests.store.store_contract import EventStoreContract, LogAccess, ev
from tests.store.test_store_postgres import pg_log_access

pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")

from monitor.store.replica import PULL_CHUNK, ReplicatedStore  # noqa: E402


class TestReplicated(EventStoreContract):
    @pytest.fixture
    def store(self, pg_url: str, tmp_path: Path) -> Iterator[ReplicatedStore]:
        with open_store(str(tmp_path / "copy.db"), url=pg_url) as s:
            assert isinstance(s, ReplicatedStore)
            yield s

    @pytest.fixture
    def log(self, pg_url: str) -> LogAccess:
        return pg_log_access(pg_url)


def local_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    finally:
        conn.close()


def test_two_machines_see_each_others_appends(pg_url: str, tmp_path: Path):
    with open_store(str(tmp_path / "a.db"), url=pg_url) as a, open_store(str(tmp_path / "b.db"), url=pg_url) as b:
        a.append([ev("s", 1)])
        b.append([ev("s", 2)], expected=1)
        assert [e.data["n"] for e in a.read_stream("s")] == [1, 2]
        assert a.head() == b.head()
    assert local_rows(tmp_path / "a.db") == local_rows(tmp_path / "b.db")
    assert len(local_rows(tmp_path / "a.db")) == 2


def test_a_deleted_copy_is_pulled_again_in_chunks(pg_url: str, tmp_path: Path):
    total = PULL_CHUNK + 7
    with open_store(str(tmp_path / "a.db"), url=pg_url) as a:
        a.append([ev(f"s{i % 13}", i) for i in range(total)])
        head = a.head()
    (tmp_path / "a.db").unlink()
    with open_store(str(tmp_path / "a.db"), url=pg_url) as again:
        assert again.head() == head
        assert again.verify().ok
    assert len(local_rows(tmp_path / "a.db")) == total


def test_the_file_a_migration_copied_from_is_adopted_as_the_copy(pg_url: str, tmp_path: Path):
    """Rows identical to the shared log's first rows: the SQLite log becomes this machine's copy."""
    from monitor.store.postgres import PostgresEventStore

    with SQLiteEventStore(tmp_path / "m.db") as lite:
        lite.append([ev("s", i) for i in range(5)])
        rows = [tuple(r) for r in local_rows(tmp_path / "m.db")]
    with PostgresEventStore(pg_url) as pg:
        assert pg.import_log([rows]) == 5
    with open_store(str(tmp_path / "m.db"), url=pg_url) as copy:
        copy.append([ev("s", 5)])
        assert [e.data["n"] for e in copy.read_stream("s")] == list(range(6))
        assert copy.verify().ok


def test_a_log_with_another_history_is_refused_and_left_alone(pg_url: str, tmp_path: Path):
    with open_store(str(tmp_path / "a.db"), url=pg_url) as a:
        a.append([ev("shared", 1)])
    with SQLiteEventStore(tmp_path / "mine.db") as mine:
        mine.append([ev("local", 1)])
    before = local_rows(tmp_path / "mine.db")
    with pytest.raises(StoreOpenError, match="not part of the shared log"):
        open_store(str(tmp_path / "mine.db"), url=pg_url)
    assert local_rows(tmp_path / "mine.db") == before


def test_a_copy_of_another_shared_log_is_refused(pg_server: str, pg_url: str, tmp_path: Path):
    from tests.support.pg_cluster import create_database, drop_database

    open_store(str(tmp_path / "a.db"), url=pg_url).close()
    other = create_database(pg_server)
    try:
        with pytest.raises(StoreOpenError, match="replica of another shared log"):
            open_store(str(tmp_path / "a.db"), url=other)
    finally:
        drop_database(pg_server, other)


def test_a_copy_appended_to_in_sqlite_mode_is_refused(pg_url: str, tmp_path: Path):
    with open_store(str(tmp_path / "a.db"), url=pg_url) as a:
        a.append([ev("s", 1)])
    with SQLiteEventStore(tmp_path / "a.db") as lite:  # someone dropped `url` and ran on the copy
        lite.append([ev("s", 2)])
    with pytest.raises(StoreOpenError, match="has diverged"):
        open_store(str(tmp_path / "a.db"), url=pg_url)


def test_verify_names_a_damaged_local_copy(pg_url: str, tmp_path: Path):
    with open_store(str(tmp_path / "a.db"), url=pg_url) as a:
        a.append([ev("s", i) for i in range(3)])
        conn = sqlite3.connect(tmp_path / "a.db")
        conn.execute("DROP TRIGGER events_refuse_update")
        conn.execute("UPDATE events SET data = '{}' WHERE position = 2")
        conn.commit()
        conn.close()
        result = a.verify()
    assert not result.ok and any(p.startswith("local copy") and "position 2" in p for p in result.problems)


def test_projections_live_in_the_local_file(pg_url: str, tmp_path: Path):
    from monitor.projections import ALL_PROJECTIONS
    from monitor.store import ProjectionRunner

    with open_store(str(tmp_path / "a.db"), url=pg_url) as a:
        a.append(
            [
                NewEvent(
                    "feed:x",
                    "FeedPolled",
                    {"feed_id": "x", "status": 200, "polled_at": "2026-01-01T00:00:00Z", "new": 0, "seen": 0},
                )
            ]
        )
        runner = ProjectionRunner(a, ALL_PROJECTIONS)
        assert runner.catch_up() == 1
        with a.reading() as db:
            assert [r[0] for r in db.execute("SELECT feed_id FROM feeds")] == ["x"]


def test_every_commit_to_a_shared_log_is_durable_even_for_relearnable_types(pg_url: str, tmp_path: Path):
    """A relaxed commit (synchronous_commit off) is visible, and copied into every daemon's local copy, before the
    server has it on disk: a server crash that lost it left each copy ahead of the log, and every daemon stopped
    with "no longer continues the shared log". The daemon opens its store with relearnable types relaxed."""
    with open_store(str(tmp_path / "a.db"), url=pg_url, relaxed_types={"Thing"}) as store:
        assert isinstance(store, ReplicatedStore)
        assert store.shared.relaxed_types == frozenset()  # the shared log relaxes nothing
        store.append([NewEvent(stream="s", type="Thing", data={"n": 1})])
        assert [e.data for e in store.read_stream("s")] == [{"n": 1}]
