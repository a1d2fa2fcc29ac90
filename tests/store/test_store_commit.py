"""How the SQLite store commits: which batches wait for the disk, the checkpoint thread,
and appends from several store objects and threads on one file. Real files throughout."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from monitor import events as domain
from monitor.store import ANY, NO_STREAM, ConcurrencyError, NewEvent, SQLiteEventStore
from tests.store.store_contract import EventStoreContract, LogAccess, ev
from tests.store.test_store import sqlite_log_access

SYNCHRONOUS_NORMAL, SYNCHRONOUS_FULL = 1, 2


class TestSQLiteFileRelaxed(EventStoreContract):
    """The whole contract again, with every batch committing without fsync."""

    @pytest.fixture
    def store(self, tmp_path: Path):
        with SQLiteEventStore(tmp_path / "events.db", relaxed_types={"Thing", "Other"}) as s:
            yield s

    @pytest.fixture
    def log(self, tmp_path: Path) -> LogAccess:
        return sqlite_log_access(tmp_path / "events.db")


def _synchronous(store: SQLiteEventStore) -> int:
    return store._conn.execute("PRAGMA synchronous").fetchone()[0]


def test_only_batches_made_of_relaxed_types_skip_the_fsync(tmp_path: Path):
    with SQLiteEventStore(tmp_path / "m.db", relaxed_types={"Thing"}) as store:
        store.append([ev("a", 1), ev("b", 2)])
        assert _synchronous(store) == SYNCHRONOUS_NORMAL
        store.append([ev("a", 3), ev("alert:1", 4, event_type="AlertSent")])
        assert _synchronous(store) == SYNCHRONOUS_FULL
        store.append([ev("a", 5)])
        assert _synchronous(store) == SYNCHRONOUS_NORMAL
        with store.transaction() as db:  # projections are rebuilt from the log
            db.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
        assert _synchronous(store) == SYNCHRONOUS_NORMAL
        assert [e.version for e in store.read_stream("a")] == [1, 2, 3]


def test_a_store_without_relaxed_types_waits_for_every_commit(tmp_path: Path):
    with SQLiteEventStore(tmp_path / "m.db") as store:
        store.append([ev("a", 1)])
        assert _synchronous(store) == SYNCHRONOUS_FULL


def test_the_domain_relaxes_only_what_a_poll_can_learn_again():
    must_wait = {
        domain.ALERT_QUEUED,
        domain.ALERT_ATTEMPTED,
        domain.ALERT_SENT,
        domain.ALERT_FAILED,
        domain.BASELINE_SET,
        domain.DIGEST_COMPILED,
        domain.FEED_MOVED,
        domain.FEED_DISABLED,
    }
    assert not domain.RELEARNABLE_TYPES & must_wait
    assert domain.RELEARNABLE_TYPES <= set(domain.ALL_TYPES)
    assert domain.ARTICLE_DISCOVERED in domain.RELEARNABLE_TYPES


def test_the_app_opens_its_store_with_the_domain_policy(tmp_path: Path):
    from monitor.app import open_app
    from monitor.config import load_config

    config_file = tmp_path / "config.toml"
    config_file.write_text('[store]\npath = "m.db"\n\n[[feeds]]\nid = "x"\nurl = "feed.xml"\n')
    with open_app(load_config(config_file)) as app:
        assert app.store.relaxed_types == domain.RELEARNABLE_TYPES


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_the_checkpoint_thread_copies_the_wal_into_the_database(tmp_path: Path):
    path = tmp_path / "m.db"
    with SQLiteEventStore(path, relaxed_types={"Thing"}) as store:
        size_before = path.stat().st_size
        for batch in range(30):
            store.append([ev(f"s:{batch}:{i}", i) for i in range(50)])
        assert _wait_for(lambda: store._checkpointer.checkpoints > 0)
        # The pages reached the database file itself, not only the WAL.
        assert _wait_for(lambda: path.stat().st_size > size_before + 100_000)
        thread = store._checkpointer._thread
        assert thread.is_alive()
    assert not thread.is_alive()
    assert not Path(f"{path}-wal").exists()  # the last connection out folds the WAL in


def test_the_wal_stays_bounded_under_a_stream_of_appends(tmp_path: Path):
    """About 100 MB of events through a WAL that never holds more than its limit plus the commit that passed
    it. The writer's own checkpoint at the limit is skipped by SQLite while the checkpoint thread's is under
    way; on a disk busy with other work (PostgreSQL clusters beside a loaded test run) the thread's took long
    enough for the WAL to reach 80 MB, and even unloaded it went a few commits past the limit."""
    path = tmp_path / "m.db"
    wal = Path(f"{path}-wal")
    payload = "x" * 2000

    def batch(n: int) -> list[NewEvent]:
        return [NewEvent(stream=f"s:{n}:{i}", type="Thing", data={"p": payload, "i": i}) for i in range(120)]

    with SQLiteEventStore(path, relaxed_types={"Thing"}) as store:
        store.append(batch(0))
        one_commit = wal.stat().st_size  # the WAL's header and a batch of these (the first adds the schema too)
        sizes = []
        for n in range(1, 400):
            store.append(batch(n))
            sizes.append(wal.stat().st_size)
        limit = store._wal_limit_bytes
    assert 64_000_000 < limit < 70_000_000  # 16,000 pages of 4 KiB
    assert max(sizes) <= limit + one_commit
    # The commit after one that passed the limit starts the WAL over, and its file is cut back to the limit
    # (SQLite would leave it at its largest for as long as the store is open).
    passed = [n for n, size in enumerate(sizes[:-1]) if size > limit]
    assert passed and all(sizes[n + 1] <= limit for n in passed)
    with SQLiteEventStore(path) as store:
        assert store.count() == 400 * 120 and store.verify().ok


def test_a_store_dropped_without_close_stops_its_thread(tmp_path: Path):
    import gc

    store = SQLiteEventStore(tmp_path / "m.db")
    store.append([ev("a", 1)])
    thread = store._checkpointer._thread
    del store
    gc.collect()
    assert _wait_for(lambda: not thread.is_alive())


def test_two_store_objects_on_one_file_take_turns_on_a_stream(tmp_path: Path):
    path = tmp_path / "m.db"
    with SQLiteEventStore(path) as first, SQLiteEventStore(path) as second:
        for n in range(6):
            (first if n % 2 == 0 else second).append([ev("shared", n)])
        first.append([ev("shared", 6)], expected=7 - 1)
        with pytest.raises(ConcurrencyError):
            second.append([ev("shared", 99)], expected=5)  # first moved it on to 7
        second.append([ev("shared", 7)], expected=7)
        assert [e.version for e in first.read_stream("shared")] == list(range(1, 9))
        assert [e.data["n"] for e in first.read_stream("shared")] == list(range(8))
        assert first.verify().ok


def test_a_new_process_appends_to_streams_it_has_never_seen(tmp_path: Path):
    """A restarted daemon appends to streams an earlier process created."""
    path = tmp_path / "m.db"
    with SQLiteEventStore(path) as before:
        before.append([ev(f"article:{i}", 0) for i in range(20)])
    with SQLiteEventStore(path) as after:
        for round_ in range(1, 4):
            after.append([ev(f"article:{i}", round_) for i in range(20)] + [ev(f"new:{round_}", 0)])
        assert after.stream_version("article:7") == 4
        assert after.stream_version("new:2") == 1
        with pytest.raises(ConcurrencyError):
            after.append([ev("article:3", 9)], expected=NO_STREAM)
        assert after.append([ev("article:3", 4)], expected=4) == [after.head()[0]]
        assert after.verify().ok
    with sqlite3.connect(path) as conn:
        versions = conn.execute("SELECT version FROM events WHERE stream = 'article:3' ORDER BY position")
        assert [v for (v,) in versions] == [1, 2, 3, 4, 5]


def test_appends_from_threads_keep_every_stream_gapless(tmp_path: Path):
    path = tmp_path / "m.db"
    with SQLiteEventStore(path, relaxed_types={"Thing"}) as store:
        errors: list[BaseException] = []

        def writer(worker: int) -> None:
            try:
                for n in range(40):
                    store.append([ev("shared", n), ev(f"own:{worker}", n)], expected=ANY)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors and not any(t.is_alive() for t in threads)
        assert [e.version for e in store.read_stream("shared")] == list(range(1, 161))
        assert store.verify().ok


def test_a_file_whose_positions_are_autoincrement_still_appends_and_verifies(tmp_path: Path):
    """Files made before 2026-12-01 declare position AUTOINCREMENT; new ones do not."""
    from monitor.store.sqlite import _SCHEMA, GUARD_TRIGGERS, STORE_FORMAT

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA.replace("position INTEGER PRIMARY KEY,", "position INTEGER PRIMARY KEY AUTOINCREMENT,"))
    for ddl in GUARD_TRIGGERS.values():
        conn.execute(ddl)
    conn.execute("INSERT INTO store_meta (key, value) VALUES ('format', ?)", [str(STORE_FORMAT)])
    conn.commit()
    conn.close()
    with SQLiteEventStore(path) as store:
        assert store.append([ev("a", 1), ev("b", 2)]) == [1, 2]
        assert store.append([ev("a", 3)]) == [3]
        assert store.verify().ok
    with SQLiteEventStore(tmp_path / "new.db") as store:
        store.append([ev("a", 1)])
        ddl = store._conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    assert "AUTOINCREMENT" not in ddl


def _cache_size(store: SQLiteEventStore) -> int:
    return store._conn.execute("PRAGMA cache_size").fetchone()[0]


def test_bulk_writes_widen_the_cache_and_space_the_checkpoints_then_restore_both(tmp_path: Path):
    from monitor.store.sqlite import BULK_CACHE_KIB, BULK_CHECKPOINT_INTERVAL_SECONDS, CHECKPOINT_INTERVAL_SECONDS

    with SQLiteEventStore(tmp_path / "m.db", relaxed_types={"Thing"}) as store:
        store.append([ev("a", 1)])
        default = _cache_size(store)
        with store.bulk_writes():
            with store.bulk_writes():  # nested: one setting, restored by the outermost exit only
                store.append([ev("a", 2)])
                assert _cache_size(store) == -BULK_CACHE_KIB
                assert store._checkpointer.interval == BULK_CHECKPOINT_INTERVAL_SECONDS
            assert _cache_size(store) == -BULK_CACHE_KIB
        assert _cache_size(store) == default
        store.append([ev("a", 3)])
        assert store._checkpointer.interval == CHECKPOINT_INTERVAL_SECONDS
        with pytest.raises(RuntimeError), store.bulk_writes():  # an error inside restores the cache too
            raise RuntimeError("boom")
        assert _cache_size(store) == default
        assert [e.version for e in store.read_stream("a")] == [1, 2, 3] and store.verify().ok


def test_a_batch_retried_after_part_of_it_was_stored_appends_only_the_rest(tmp_path: Path):
    """The fast path's insert trips on a stored id half-way through the batch: its whole
    transaction is rolled back and the batch goes again with ids looked up first."""
    with SQLiteEventStore(tmp_path / "m.db") as store:
        stored = NewEvent(stream="s:2", type="Thing", data={"n": 2}, event_id="id-2")
        store.append([stored])
        batch = [NewEvent(stream=f"s:{n}", type="Thing", data={"n": n}, event_id=f"id-{n}") for n in range(1, 5)]
        positions = store.append(batch)
        assert positions[1] == 1 and len(set(positions)) == 4
        assert store.count() == 4
        assert sorted(e.event_id for e in store.read_all()) == ["id-1", "id-2", "id-3", "id-4"]
        assert store.verify().ok
