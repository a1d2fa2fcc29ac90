"""The event store on real SQLite files: the contract suite plus SQLite's own guarantees."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from monitor.store import (
    AppendOnlyViolation,
    NewEvent,
    SQLiteEventStore,
    StoreOpenError,
)
from monitor.store.sqlite import BY_TYPE, STORE_FORMAT
from tests.store.store_contract import EventStoreContract, LogAccess, ev


def sqlite_log_access(path: Path) -> LogAccess:
    def execute(statement: str) -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute(statement)
            conn.commit()
        finally:
            conn.close()

    return LogAccess(
        open=lambda **options: SQLiteEventStore(path, **options),
        execute=execute,
        drop_guard=lambda name: execute(f"DROP TRIGGER {name}"),
        open_source=f"from monitor.store import SQLiteEventStore\nstore = SQLiteEventStore({str(path)!r})\n",
    )


class TestSQLiteFile(EventStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path):
        with SQLiteEventStore(tmp_path / "events.db") as s:
            yield s

    @pytest.fixture
    def log(self, tmp_path: Path) -> LogAccess:
        return sqlite_log_access(tmp_path / "events.db")


class TestSQLiteMemory(EventStoreContract):
    @pytest.fixture
    def store(self):
        with SQLiteEventStore(":memory:") as s:
            yield s

    @pytest.fixture
    def log(self) -> LogAccess:
        pytest.skip("a :memory: database lives and dies with its one connection")


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


def test_store_connection_cannot_change_history_either(db_path: Path):
    with SQLiteEventStore(db_path) as s:
        s.append([ev("s", 1)])
        with pytest.raises(AppendOnlyViolation):
            with s.transaction() as db:
                db.execute("DELETE FROM events")
        assert s.count() == 1


def test_domain_upcaster_for_the_first_release_shape(db_path: Path):
    from monitor import events  # registers the domain's upcasters

    with SQLiteEventStore(db_path) as s:
        s.append(
            [
                NewEvent(
                    "article:a",
                    events.ARTICLE_DISCOVERED,
                    {"article_id": "a", "title": "t", "summary": "shells", "link": "http://x/a"},
                    schema_version=1,
                )
            ]
        )
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
        writer._conn.execute("INSERT INTO store_meta (key, value) VALUES ('probe', 'x')")  # hold the write lock
        assert list(reader.read_all()) == []  # WAL: readers are not blocked by the writer
        writer._conn.execute("ROLLBACK")
        writer.append([ev("s", 1)])
        assert reader.count() == 1
    finally:
        writer.close()
        reader.close()


def test_stored_json_decodes_like_json_loads():
    from monitor.store.sqlite import _decode_object

    assert _decode_object('{"a":[1,2.5,null],"b":"\\u00fc"}') == {"a": [1, 2.5, None], "b": "ü"}
    assert _decode_object(' {"a": 1} ') == {"a": 1}  # whitespace: the slow path
    with pytest.raises(ValueError):
        _decode_object('{"a":1} trailing')
    with pytest.raises(ValueError):
        _decode_object("not json")


# -- canonical JSON: the orjson route must give the stdlib encoder's bytes ------------------


def _stdlib_canonical(value: object) -> str:
    from monitor.store.sqlite import _ENCODER

    return "{}" if value == {} else _ENCODER.encode(value)


def _random_json_value(rng, depth: int = 0) -> object:
    """JSON-like values with the edges where encoders disagree: small, huge, non-finite and
    negative-zero floats, ints around 64 bits, control and astral characters, text that
    looks like numbers, tuples, nested containers."""
    import struct

    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.choice(
            [
                rng.randint(-10, 10),
                2**63 - 1,
                2**63,
                2**64 - 1,
                2**64,
                -(2**63),
                -(2**63) - 1,
                rng.getrandbits(rng.randrange(1, 80)) * rng.choice([1, -1]),
            ]
        )
    if kind == 2:
        return rng.choice(
            [
                struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0],
                rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30),
                rng.choice([0.0, -0.0, 1e-4, 1e-5, 9.99e-5, 1e15, 1e16, 5e-324, float("nan"), float("inf")]),
                rng.randint(-(10**6), 10**6) / rng.choice([1, 10, 1000, 10**7]),
            ]
        )
    if kind in (3, 4, 5):
        return "".join(
            chr(
                rng.choice(
                    [
                        rng.randrange(0x20),
                        rng.randrange(0x80, 0x800),
                        rng.randrange(0xE000, 0x10000),
                        rng.randrange(0x10000, 0x110000),
                    ]
                )
            )
            if rng.random() < 0.3
            else rng.choice('ae-0123.:,[]{}"\\ xyz')
            for _ in range(rng.randrange(12))
        )
    if kind == 6:
        return [_random_json_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    if kind == 7:
        return tuple(_random_json_value(rng, depth + 1) for _ in range(rng.randrange(3)))
    return {str(_random_json_value(rng, 4)): _random_json_value(rng, depth + 1) for _ in range(rng.randrange(6))}


def _same_as_the_stdlib(text: str, value) -> bool:
    """``text`` holds what the stdlib's canonical encoding of ``value`` holds: decoded and
    encoded again by the stdlib, the two are the same text (NaN compares equal that way)."""
    return _stdlib_canonical(json.loads(text)) == _stdlib_canonical(json.loads(_stdlib_canonical(value)))


def test_canonical_json_keeps_every_value_the_stdlib_encoding_keeps():
    import random

    from monitor.store.sqlite import canonical_json

    rng = random.Random(20261201)
    identical = 0
    for _ in range(20_000):
        value = _random_json_value(rng)
        text = canonical_json(value)
        assert _same_as_the_stdlib(text, value), repr(value)
        identical += text == _stdlib_canonical(value)
    # Only floats below 1e-4 are spelled differently; nearly every value's text is the same.
    assert identical > 15_000


def test_canonical_json_is_the_stdlib_text_without_small_floats():
    from monitor.store.sqlite import canonical_json

    value = {"b": [1, 2.5, 1e16, -0.0, None, True], "a": "Пхеньян \u2028 \U0001f600", "c": {"z": 1, "y": 2**63}}
    assert canonical_json(value) == _stdlib_canonical(value)
    assert json.loads(canonical_json({"x": 1e-05}))["x"] == 1e-05


@pytest.mark.parametrize(
    "value",
    [
        {"x": 1e-05},
        {"x": [1e-7, "re-elected"]},
        -4.5e-7,
        {"x": float("nan"), "y": None},
        {"x": float("-inf")},
        {"x": 2**64},
        {"x": -(2**70)},
        {"é": "\u2028\x00\x1f\x7f", "\U0001f600": 1, "\ue000": 2},
        {"x": (1, 2)},
        {"when": __import__("datetime").date(2024, 3, 1)},
        {"id": __import__("uuid").UUID(int=5)},
        {"n": type("Count", (int,), {})(3), "sub": type("Text", (str,), {})("kept as text")},
        {"3e-4": "3e-4", "k": ".00001"},
    ],
)
def test_canonical_json_edge_values_keep_what_the_stdlib_keeps(value):
    from monitor.store.sqlite import canonical_json

    assert _same_as_the_stdlib(canonical_json(value), value)


def test_a_chain_written_with_the_stdlib_encoder_still_verifies(db_path: Path):
    """Rows written by the earlier (stdlib-only) encoder next to rows written now."""
    from monitor.store import sqlite as backend

    fast = backend.canonical_json
    with SQLiteEventStore(db_path) as s:
        backend.canonical_json = _stdlib_canonical
        try:
            s.append([NewEvent(stream="s", type="E", data={"q": 1e-05, "t": "Пхеньян", "n": None}) for _ in range(3)])
        finally:
            backend.canonical_json = fast
        s.append([NewEvent(stream="s", type="E", data={"q": 2.5, "t": "Москва", "n": None}) for _ in range(3)])
        result = s.verify()
        stored = [row[0] for row in s._conn.execute("SELECT data FROM events ORDER BY position")]
    assert result.ok and result.checked == 6
    assert stored[0] == '{"n":null,"q":1e-05,"t":"Пхеньян"}' and stored[3] == '{"n":null,"q":2.5,"t":"Москва"}'


@pytest.mark.parametrize(
    "text",
    [
        '{"a":[1,2.5,null],"b":"\\u00fc\\n","c":"Пхеньян"}',
        '{"big":18446744073709551616}',
        '{"neg":-9223372036854775809}',
        '{"ok":-9223372036854775808}',
        '{"x":NaN,"y":-Infinity}',
        '{"lone":"\\ud800"}',
        '{"tiny":1e-05,"f":0.1}',
        '{"digits":"12345678901234567890"}',
    ],
)
def test_projection_reads_decode_like_the_stdlib(text: str):
    """The orjson route of the replay path gives the stdlib's values, types included."""
    from monitor.store.sqlite import _decode_object, _decode_stored

    assert repr(_decode_stored(text.encode("utf-8"))) == repr(_decode_object(text))


def test_replayed_events_keep_integers_beyond_64_bits(db_path: Path):
    data = {"huge": 2**70, "small": -(2**63), "text": "ünïcode"}
    with SQLiteEventStore(db_path) as s:
        s.append([NewEvent(stream="s", type="E", data=data)])
        (replayed,) = [e for chunk in s.read_for_projection(after=0, up_to=1, types=["E"]) for e in chunk]
    assert replayed.data == data and isinstance(replayed.data["huge"], int)


def test_several_processes_creating_one_new_file_at_once(tmp_path: Path):
    """Daemons sharing a file start together: one creates the schema, the others find it made."""
    import threading

    errors: list[BaseException] = []
    barrier = threading.Barrier(6, timeout=10)

    def open_it() -> None:
        try:
            barrier.wait()
            SQLiteEventStore(tmp_path / "new.db").close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    with SQLiteEventStore(tmp_path / "new.db") as s:
        assert s.verify().ok


@pytest.mark.parametrize(
    "parts",
    [
        ("ArticleClassified", "0" * 32, "ab" * 32, "claims-2026.12.1", "baseline-1a2b3c4d5e6f"),
        ("FeedPolled",),
        ("", ""),
        ("ArticleSighted", "é, 日本, \u200b", "feed-a"),
    ],
)
def test_deterministic_ids_are_the_uuid5_they_always_were(parts: tuple[str, ...]) -> None:
    """Stored ids were made by uuid.uuid5: a retried poll must keep producing the same ones."""
    import uuid

    from monitor.store.api import _NAMESPACE, deterministic_event_id

    assert deterministic_event_id(*parts) == str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _typed_log(path: Path) -> list[tuple[int, str]]:
    """Events of three types interleaved, as polls, articles and alerts are; (position, type) of each."""
    kinds = ["Polled"] * 5 + ["Found", "Polled", "Sent"]
    with SQLiteEventStore(path) as store:
        for n in range(40):
            store.append([NewEvent(f"s{n % 7}", kinds[n % len(kinds)], {"n": n})])
        return [(e.position, e.type) for e in store.read_all()]


def _plan(path: Path, sql: str, params: list) -> str:
    conn = sqlite3.connect(path)
    try:
        return " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        conn.close()


def test_reading_by_type_seeks_the_type_index_and_keeps_log_order(db_path: Path):
    logged = _typed_log(db_path)
    single = f"SELECT position FROM events WHERE position > ? AND {BY_TYPE} AND type IN (?) ORDER BY position LIMIT 10"
    assert "INDEX events_by_type" in _plan(db_path, single, [0, "Sent"])  # not a walk over every poll
    # A query that does not ask for it (the replay of projections, any query of an earlier release
    # after a downgrade) reads in position order, never through the index and a sort of its rows.
    older = (
        "SELECT position FROM events WHERE position > ? AND position <= ? AND type IN (?, ?) ORDER BY position LIMIT 5"
    )
    for after in (0, 3):
        plan = _plan(db_path, older, [after, 40, "Sent", "Found"])
        assert "events_by_type" not in plan and "TEMP B-TREE" not in plan
    with SQLiteEventStore(db_path) as store:
        for types in (["Sent"], ["Sent", "Found"], ["Found", "Sent", "Polled"], ["Sent", "Sent"]):
            wanted = [p for p, t in logged if t in types]
            assert [e.position for e in store.read_all(types=types)] == wanted
            assert [e.position for e in store.read_all(after=wanted[1], types=types, limit=3)] == wanted[2:5]
        # The replay of projections reads many types at once in log order: not through the type index.
        chunks = store.read_for_projection(after=0, up_to=len(logged), types=["Found", "Sent"], chunk=4)
        assert [e.position for chunk in chunks for e in chunk] == [p for p, t in logged if t in ("Found", "Sent")]


def test_a_file_without_the_type_index_gets_it_at_its_first_writable_open(db_path: Path):
    logged = _typed_log(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("DROP INDEX events_by_type")  # as files of earlier releases are
    conn.commit()
    conn.close()
    wanted = [p for p, t in logged if t in ("Sent", "Found")]
    with SQLiteEventStore(db_path, read_only=True) as store:  # a backup on read-only media: read without it
        assert [e.position for e in store.read_all(types=["Sent", "Found"])] == wanted
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_by_type'").fetchone() is None
    conn.close()
    with SQLiteEventStore(db_path) as store:
        assert [e.position for e in store.read_all(types=["Sent", "Found"])] == wanted
        assert store.verify().ok
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_by_type'").fetchone() is not None
    conn.close()
