"""The event store on real SQLite files: the contract suite plus SQLite's own guarantees."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store import (
    AppendOnlyViolation, NewEvent, SQLiteEventStore, StoreOpenError, Upcaster,
)
from store.sqlite import STORE_FORMAT

from .store_contract import EventStoreContract, ev


class TestSQLiteFile(EventStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path):
        with SQLiteEventStore(tmp_path / "events.db") as s:
            yield s


class TestSQLiteMemory(EventStoreContract):
    @pytest.fixture
    def store(self):
        with SQLiteEventStore(":memory:") as s:
            yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "monitor.db"


def test_wal_mode_and_reopen(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", 1)])
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    with SQLiteEventStore(db_path) as s:
        assert [e.data["n"] for e in s.read_all()] == [1]
        assert s.verify().ok


def test_a_plain_sqlite_session_cannot_change_history(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", 1), ev("s", 2)])
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET data = '{}' WHERE position = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events WHERE position = 2")
    conn.close()
    with SQLiteEventStore(db_path) as s:
        assert s.count() == 2 and s.verify().ok


def test_store_connection_cannot_change_history_either(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", 1)])
        with pytest.raises(AppendOnlyViolation):
            with s.transaction() as db:
                db.execute("DELETE FROM events")
        assert s.count() == 1


def test_verify_catches_an_edit_after_the_trigger_is_dropped(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", i) for i in range(5)])
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("""UPDATE events SET data = '{"n":99}' WHERE position = 3""")
    conn.commit()
    conn.close()
    with SQLiteEventStore(db_path) as s:
        result = s.verify()
    assert not result.ok
    assert result.first_bad_position == 3
    assert any("trigger" in p for p in result.problems)


def test_verify_catches_a_deleted_row_and_a_forged_chain(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", i) for i in range(5)])
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_refuse_delete")
    conn.execute("DELETE FROM events WHERE position = 2")
    conn.commit()
    conn.close()
    with SQLiteEventStore(db_path) as s:
        result = s.verify()
    assert not result.ok and result.first_bad_position == 2


def test_killed_in_the_middle_of_a_batch_leaves_no_partial_batch(db_path: Path):
    batch = 500
    script = textwrap.dedent(f"""
        import sys
        from store import SQLiteEventStore, NewEvent
        s = SQLiteEventStore(sys.argv[1])
        for k in range(10_000):
            s.append([NewEvent(stream=f"b:{{k}}", type="T", data={{"k": k, "i": i, "pad": "x" * 200}})
                      for i in range({batch})])
            if k == 1:
                print("started", flush=True)
    """)
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE,
                            cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)})
    try:
        assert proc.stdout.readline().strip() == b"started"
        time.sleep(0.3)  # let it get well into further batches
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    with SQLiteEventStore(db_path) as s:
        count = s.count()
        assert count >= 2 * batch
        assert count % batch == 0, f"{count} events: a partial batch was committed"
        per_stream = {}
        for e in s.read_all():
            per_stream[e.stream] = per_stream.get(e.stream, 0) + 1
        assert set(per_stream.values()) == {batch}
        assert s.verify().ok


def test_upcasting_reads_old_events_in_todays_shape(db_path: Path):
    upcaster = Upcaster()

    @upcaster.register("ArticleDiscovered", 1)
    def v1_to_v2(data):
        data = dict(data)
        data["text"] = data.pop("summary")
        return data

    @upcaster.register("ArticleDiscovered", 2)
    def v2_to_v3(data):
        return {**data, "language": data.get("language", "en")}

    with SQLiteEventStore(db_path, upcaster=upcaster) as s:
        # A hand-written event as the first release stored it.
        s.append([NewEvent("article:a", "ArticleDiscovered", {"summary": "old shape"}, schema_version=1)])
        s.append([NewEvent("article:b", "ArticleDiscovered", {"text": "new", "language": "ko"}, schema_version=3)])
        old, new = list(s.read_all())
        assert old.schema_version == 3 and old.data == {"text": "old shape", "language": "en"}
        assert new.data == {"text": "new", "language": "ko"}
        assert s.verify().ok  # upcasting never touches the stored rows


def test_domain_upcaster_for_the_first_release_shape(db_path: Path):
    from monitor import events  # registers the domain's upcasters

    with SQLiteEventStore(db_path) as s:
        s.append([NewEvent("article:a", events.ARTICLE_DISCOVERED,
                           {"article_id": "a", "title": "t", "summary": "shells", "link": "http://x/a"},
                           schema_version=1)])
        (event,) = s.read_all()
    assert event.data["text"] == "shells"
    assert event.data["published_missing"] is True
    assert event.schema_version == 2


def test_refuses_a_database_from_a_newer_release(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", 1)])
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE store_meta SET value = ? WHERE key = 'format'", [str(STORE_FORMAT + 1)])
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreOpenError, match="newer"):
        SQLiteEventStore(db_path)
    assert db_path.read_bytes() == before


def test_refuses_a_file_that_is_not_sqlite(db_path: Path):
    db_path.write_bytes(b"this is a text file, not a database\n" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StoreOpenError, match=str(db_path.name)):
        SQLiteEventStore(db_path)
    assert db_path.read_bytes() == before


def test_refuses_an_unrelated_sqlite_database(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreOpenError, match="not a monitor database"):
        SQLiteEventStore(db_path)


def test_unwritable_location(tmp_path: Path):
    with pytest.raises(StoreOpenError, match="does not exist"):
        SQLiteEventStore(tmp_path / "no" / "such" / "dir" / "m.db")
    if os.geteuid() != 0:  # root ignores directory permissions
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(StoreOpenError):
            SQLiteEventStore(locked / "m.db")


def test_cli_reads_while_another_connection_writes(db_path: Path):
    writer = SQLiteEventStore(db_path)
    reader = SQLiteEventStore(db_path)
    try:
        writer._conn.execute("BEGIN IMMEDIATE")
        writer._conn.execute(
            "INSERT INTO store_meta (key, value) VALUES ('probe', 'x')")  # hold the write lock
        assert list(reader.read_all()) == []  # WAL: readers are not blocked by the writer
        writer._conn.execute("ROLLBACK")
        writer.append([ev("s", 1)])
        assert reader.count() == 1
    finally:
        writer.close()
        reader.close()
