"""The contract every EventStore backend must pass.

Subclass :class:`EventStoreContract` and provide two fixtures: ``store`` (an empty store)
and ``log`` (a :class:`LogAccess` to the same log: more store objects on it, and plain
SQL behind the store's back). test_store.py runs it against SQLite in a temporary file and
in ``:memory:``, test_store_postgres.py against PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from monitor.store import (
    ANY,
    GENESIS_HASH,
    NO_STREAM,
    ConcurrencyError,
    EventStore,
    IdempotencyError,
    NewerEventShape,
    NewEvent,
    Upcaster,
    default_upcaster,
)

REPO = Path(__file__).resolve().parents[2]


@dataclass
class LogAccess:
    """The same log as the ``store`` fixture's, reached other ways.

    ``open(**options)``: another store object on the log (its own connections), e.g. with
    ``upcaster=``. ``execute(sql)``: one statement on a plain driver connection, committed;
    the database's own error propagates. ``drop_guard(name)``: drop an append-only trigger.
    ``open_source``: Python source that binds ``store`` to the log in a child process.
    """

    open: Callable[..., Any]
    execute: Callable[[str], None]
    drop_guard: Callable[[str], None]
    open_source: str


# An event type only these tests use, with one upcaster step (v1 -> v2) on the process-wide
# registry every backend reads with.
_PROBE = "ContractUpcastProbe"
if default_upcaster.current_version(_PROBE) == 1:
    default_upcaster.register(_PROBE, 1)(lambda data: {**data, "upcast": True})
# A type declared at shape 1 with no upcaster, as an application declares the types it writes.
_DECLARED = "ContractDeclaredProbe"
default_upcaster.declare(_DECLARED)


def ev(stream: str, n: int = 0, event_type: str = "Thing", **kwargs) -> NewEvent:
    return NewEvent(stream=stream, type=event_type, data={"n": n, "text": f"payload {n} — ünïcode"}, **kwargs)


class EventStoreContract:
    def test_is_an_event_store(self, store: EventStore):
        assert isinstance(store, EventStore)

    def test_empty_store(self, store: EventStore):
        assert store.head() == (0, GENESIS_HASH)
        assert list(store.read_all()) == []
        assert store.stream_version("nothing") == 0

    def test_append_and_read_back(self, store: EventStore):
        positions = store.append([ev("s:1", 1), ev("s:1", 2)], expected=NO_STREAM)
        assert positions == [1, 2]
        events = list(store.read_all())
        assert [e.data["n"] for e in events] == [1, 2]
        assert [e.version for e in events] == [1, 2]
        assert events[0].data["text"] == "payload 1 — ünïcode"
        assert events[1].prev_hash == events[0].hash
        assert store.head() == (2, events[1].hash)

    def test_expected_version_conflict_writes_nothing(self, store: EventStore):
        store.append([ev("s:1", 1)], expected=NO_STREAM)
        with pytest.raises(ConcurrencyError) as info:
            store.append([ev("s:1", 2), ev("s:1", 3)], expected=NO_STREAM)
        assert info.value.actual == 1 and info.value.expected == NO_STREAM
        with pytest.raises(ConcurrencyError):
            store.append([ev("s:1", 2)], expected=5)
        assert [e.data["n"] for e in store.read_all()] == [1]
        store.append([ev("s:1", 2)], expected=1)
        store.append([ev("s:1", 3)], expected=ANY)
        assert store.stream_version("s:1") == 3

    def test_multi_stream_batch_is_all_or_nothing(self, store: EventStore):
        store.append([ev("a", 1)], expected=NO_STREAM)
        with pytest.raises(ConcurrencyError):
            store.append([ev("b", 1), ev("a", 2)], expected={"b": NO_STREAM, "a": 0})
        assert store.stream_version("b") == 0
        assert store.append([ev("b", 1), ev("a", 2)], expected={"b": NO_STREAM, "a": 1}) == [2, 3]

    def test_idempotent_retry_returns_original_positions(self, store: EventStore):
        batch = [ev("s:1", 1, event_id="fixed-1"), ev("s:1", 2, event_id="fixed-2")]
        first = store.append(batch, expected=NO_STREAM)
        # The same batch again, even with the now-stale expected version: skipped, same positions.
        assert store.append(batch, expected=NO_STREAM) == first
        assert store.append(batch, expected=ANY) == first
        assert len(list(store.read_all())) == 2

    def test_partly_stored_batch_skips_the_stored_events(self, store: EventStore):
        store.append([ev("s:1", 1, event_id="x-1")])
        positions = store.append([ev("s:1", 1, event_id="x-1"), ev("s:1", 2, event_id="x-2")])
        assert positions == [1, 2]
        assert store.stream_version("s:1") == 2

    def test_retry_mixed_with_new_events_keeps_chain_and_versions(self, store: EventStore):
        first = store.append([ev("a", 1, event_id="a-1"), ev("b", 1, event_id="b-1")])
        # Stored ids among new ones, on several streams: the stored ones are skipped, the
        # new ones continue each stream's versions, and nothing of a first attempt remains.
        again = store.append(
            [
                ev("c", 1, event_id="c-1"),
                ev("a", 1, event_id="a-1"),
                ev("a", 2, event_id="a-2"),
                ev("b", 1, event_id="b-1"),
            ],
            expected={"a": 1, "c": NO_STREAM},
        )
        assert again == [3, first[0], 4, first[1]]
        assert [(e.stream, e.version) for e in store.read_all()] == [("a", 1), ("b", 1), ("c", 1), ("a", 2)]
        assert store.verify().ok

    def test_reused_id_on_another_stream_is_refused(self, store: EventStore):
        store.append([ev("s:1", 1, event_id="same")])
        with pytest.raises(IdempotencyError):
            store.append([ev("s:2", 1, event_id="same")])
        with pytest.raises(IdempotencyError):  # also among new events: the whole batch is refused
            store.append([ev("s:3", 1), ev("s:2", 1, event_id="same")])
        assert store.stream_version("s:3") == 0 and store.head()[0] == 1

    def test_duplicate_ids_inside_one_batch_are_written_once(self, store: EventStore):
        positions = store.append([ev("s", 1, event_id="d"), ev("s", 1, event_id="d")])
        assert positions == [1, 1]
        assert store.stream_version("s") == 1

    def test_read_filters(self, store: EventStore):
        store.append([ev("a", 1, "A"), ev("b", 2, "B"), ev("a", 3, "B"), ev("c", 4, "A")])
        assert [e.data["n"] for e in store.read_all(after=2)] == [3, 4]
        assert [e.data["n"] for e in store.read_all(types=["A"])] == [1, 4]
        assert [e.data["n"] for e in store.read_all(limit=3)] == [1, 2, 3]
        assert [e.data["n"] for e in store.read_stream("a")] == [1, 3]
        assert [e.data["n"] for e in store.read_stream("a", from_version=2)] == [3]
        assert store.get(list(store.read_all())[1].event_id).data["n"] == 2
        assert store.get("missing") is None

    def test_reading_by_type_keeps_log_order_after_a_position_and_within_a_limit(self, store: EventStore):
        kinds = ["Polled", "Polled", "Sent", "Found", "Polled"]
        for n in range(40):
            store.append([ev(f"s{n % 7}", n, kinds[n % len(kinds)])])
        logged = [(e.position, e.type) for e in store.read_all()]
        for types in (["Sent"], ["Sent", "Found"], ["Found", "Sent", "Polled"], ["Sent", "Sent"]):
            wanted = [p for p, t in logged if t in types]
            assert [e.position for e in store.read_all(types=types)] == wanted
            assert [e.position for e in store.read_all(after=wanted[1], types=types, limit=3)] == wanted[2:5]
        assert list(store.read_all(types=["Never"])) == []

    def test_read_streams_groups_several_streams_and_filters_types(self, store: EventStore):
        store.append([ev("a", 1, "A"), ev("b", 2, "B"), ev("a", 3, "B"), ev("c", 4, "A"), ev("a", 5, "A")])
        by_stream: dict[str, list[int]] = {}
        order: list[str] = []
        for event in store.read_streams(["a", "c", "missing"]):
            if not order or order[-1] != event.stream:
                order.append(event.stream)
            by_stream.setdefault(event.stream, []).append(event.data["n"])
        assert by_stream == {"a": [1, 3, 5], "c": [4]}
        assert sorted(order) == ["a", "c"], "each stream's events come together"
        assert [e.data["n"] for e in store.read_streams(["a", "b"], types=["A"])] == [1, 5]
        assert list(store.read_streams([])) == []

    def test_read_streams_takes_more_streams_than_a_query_can_name(self, store: EventStore):
        store.append([ev(f"s:{i}", i) for i in range(1200)])
        found = {e.stream: e.data["n"] for e in store.read_streams([f"s:{i}" for i in range(0, 1200, 2)])}
        assert len(found) == 600 and found["s:1198"] == 1198

    def test_read_streams_upcasts_old_events(self, store: EventStore):
        store.append([NewEvent(stream="old", type=_PROBE, data={"n": 1}, schema_version=1)])
        [event] = store.read_streams(["old"])
        assert event.data == {"n": 1, "upcast": True} and event.schema_version == 2

    def test_contains_names_the_stored_ids(self, store: EventStore):
        store.append([ev("s", 1, event_id="kept-1"), ev("s", 2, event_id="kept-2")])
        assert store.contains(["kept-1", "absent", "kept-2"]) == {"kept-1", "kept-2"}
        assert store.contains([]) == set()
        many = [f"absent-{i}" for i in range(1200)] + ["kept-2"]
        assert store.contains(many) == {"kept-2"}

    def test_reading_streams_in_chunks(self, store: EventStore):
        total = 2500  # more than one read chunk
        store.append([ev("big", i) for i in range(total)])
        seen = [e.data["n"] for e in store.read_all()]
        assert seen == list(range(total))
        assert sum(1 for _ in store.read_stream("big", from_version=1001)) == total - 1000

    def test_positions_strictly_increase_under_concurrent_writers(self, store: EventStore):
        errors: list[BaseException] = []

        def writer(name: str) -> None:
            try:
                for i in range(20):
                    store.append([ev(f"{name}", i) for _ in range(5)][:1] + [ev(f"{name}-x", i)])
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(f"w{k}",)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert not errors
        positions = [e.position for e in store.read_all()]
        assert positions == list(range(1, len(positions) + 1))
        assert len(positions) == 4 * 20 * 2
        assert store.verify().ok

    def test_same_expected_version_race_has_one_winner(self, store: EventStore):
        store.append([ev("race", 0)], expected=NO_STREAM)
        outcomes: list[str] = []
        barrier = threading.Barrier(4, timeout=10)

        def contender(k: int) -> None:
            barrier.wait()
            try:
                store.append([ev("race", k)], expected=1)
                outcomes.append("won")
            except ConcurrencyError:
                outcomes.append("conflict")

        threads = [threading.Thread(target=contender, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(outcomes) == ["conflict", "conflict", "conflict", "won"]
        assert store.stream_version("race") == 2

    def test_verify_clean_log(self, store: EventStore):
        store.append([ev("s", i) for i in range(10)])
        result = store.verify()
        assert result.ok and result.checked == 10 and result.first_bad_position is None

    # -- what the database itself guarantees --------------------------------------

    def test_the_database_itself_refuses_update_and_delete(self, store: EventStore, log: LogAccess):
        store.append([ev("s", 1), ev("s", 2)])
        for statement in ("UPDATE events SET data = '{}' WHERE position = 1", "DELETE FROM events WHERE position = 2"):
            with pytest.raises(Exception, match="append-only"):
                log.execute(statement)
        assert [e.data["n"] for e in store.read_all()] == [1, 2]
        assert store.verify().ok

    def test_verify_names_an_edit_made_after_the_guard_was_dropped(self, store: EventStore, log: LogAccess):
        store.append([ev("s", i) for i in range(5)])
        log.drop_guard("events_refuse_update")
        log.execute("""UPDATE events SET data = '{"n":99}' WHERE position = 3""")
        result = store.verify()
        assert not result.ok and result.first_bad_position == 3
        assert any("trigger" in p and "events_refuse_update" in p for p in result.problems)

    def test_verify_since_a_checked_head_walks_only_the_rows_after_it(self, store: EventStore, log: LogAccess):
        store.append([ev("s", i) for i in range(4)])
        checked = store.verify()
        since = (checked.head_position, checked.head_hash)
        store.append([ev("s", i) for i in range(4, 7)])
        later = store.verify(since=since)
        assert later.ok and later.checked == 3 and later.head_position == 7
        log.drop_guard("events_refuse_update")
        log.execute("""UPDATE events SET data = '{"n":99}' WHERE position = 6""")
        edited = store.verify(since=since)
        assert not edited.ok and edited.first_bad_position == 6
        # The row after the recorded head must still chain from the recorded hash.
        moved_on = store.verify(since=(4, "f" * 64))
        assert not moved_on.ok and moved_on.first_bad_position == 5

    def test_an_event_appended_as_verify_ends_is_not_claimed_as_checked(self, store: EventStore, monkeypatch):
        """A daemon appends while a walk finishes: the head verify reports (the one `verify
        --checkpoint` records) is the last event it re-hashed, or the next walk would start past
        an event no walk ever checked."""
        store.append([ev("s", i) for i in range(3)])
        head = store.head
        appended: list[object] = []

        def head_after_an_append():
            if not appended:
                appended.append(True)
                store.append([ev("s", 3)])
            return head()

        monkeypatch.setattr(store, "head", head_after_an_append)
        result = store.verify()
        monkeypatch.undo()
        assert appended and result.ok, result.problems
        assert result.head_position == result.checked  # (a replica walks its shared log after its copy: all 4)
        later = store.verify(since=(result.head_position, result.head_hash))
        assert later.ok and (later.checked, later.head_position) == (4 - result.head_position, 4)

    def test_verify_names_a_deleted_row(self, store: EventStore, log: LogAccess):
        store.append([ev("s", i) for i in range(5)])
        log.drop_guard("events_refuse_delete")
        log.execute("DELETE FROM events WHERE position = 2")
        result = store.verify()
        assert not result.ok and result.first_bad_position == 2

    def test_a_writer_killed_in_the_middle_of_a_batch_leaves_no_part_of_it(self, store: EventStore, log: LogAccess):
        batch = 500
        script = log.open_source + textwrap.dedent(f"""
            from monitor.store import NewEvent
            for k in range(10_000):
                store.append([NewEvent(stream=f"b:{{k}}", type="T", data={{"k": k, "i": i, "pad": "x" * 200}})
                              for i in range({batch})])
                if k == 1:
                    print("started", flush=True)
        """)
        proc = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"started"
            time.sleep(0.3)  # well into further batches
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        per_stream: dict[str, int] = {}
        for e in store.read_all():
            per_stream[e.stream] = per_stream.get(e.stream, 0) + 1
        assert len(per_stream) >= 2
        assert set(per_stream.values()) == {batch}, "a partial batch was committed"
        assert store.verify().ok

    def test_upcasting_reads_old_events_in_todays_shape(self, store: EventStore, log: LogAccess):
        upcaster = Upcaster()

        @upcaster.register("ArticleDiscovered", 1)
        def v1_to_v2(data):
            data = dict(data)
            data["text"] = data.pop("summary")
            return data

        @upcaster.register("ArticleDiscovered", 2)
        def v2_to_v3(data):
            return {**data, "language": data.get("language", "en")}

        # A hand-written event as the first release stored it, then one of today's shape.
        store.append([NewEvent("article:a", "ArticleDiscovered", {"summary": "old shape"}, schema_version=1)])
        store.append([NewEvent("article:b", "ArticleDiscovered", {"text": "new", "language": "ko"}, schema_version=3)])
        reader = log.open(upcaster=upcaster)
        try:
            old, new = list(reader.read_all())
            assert old.schema_version == 3 and old.data == {"text": "old shape", "language": "en"}
            assert new.data == {"text": "new", "language": "ko"}
            projected = [e for chunk in reader.read_for_projection(0, 2, ["ArticleDiscovered"]) for e in chunk]
            assert [e.data for e in projected] == [old.data, new.data]
            assert reader.verify().ok  # upcasting never touches the stored rows
        finally:
            reader.close()

    def test_read_for_projection_bounds_types_chunks_and_upcasts(self, store: EventStore, log: LogAccess):
        upcaster = Upcaster()

        @upcaster.register("Old", 1)
        def v1_to_v2(data):
            return {**data, "upcast": True}

        store.append(
            [NewEvent("s", "Old", {"n": 0}, schema_version=1)]
            + [NewEvent("s", "New" if n % 2 else "Skip", {"n": n}) for n in range(1, 12)]
        )
        s = log.open(upcaster=upcaster)
        try:
            chunks = list(s.read_for_projection(after=1, up_to=10, types=["New", "Old"], chunk=2))
            assert [len(c) for c in chunks] == [2, 2, 1]  # positions 2, 4, 6, 8, 10
            events = [e for c in chunks for e in c]
            assert [e.position for e in events] == [2, 4, 6, 8, 10]
            assert {e.type for e in events} == {"New"} and events[0].data == {"n": 1}
            (old,) = [e for c in s.read_for_projection(after=0, up_to=12, types=["Old"]) for e in c]
            assert old.data == {"n": 0, "upcast": True} and old.stream == "s" and old.recorded_at
            assert list(s.read_for_projection(after=12, up_to=12, types=["New"])) == []
        finally:
            s.close()

    def test_an_event_of_a_newer_release_is_refused_by_every_read_naming_it(self, store: EventStore):
        """Data in a shape above the one a declared type is written in today came from a newer
        release (one daemon upgraded before another on a shared log, or a downgrade): read as
        today's shape it would be misread, so every read stops at it with its position, type
        and shape. A type never declared (another application's) is read as stored."""
        store.append(
            [
                ev("s", 1),
                NewEvent("s", _PROBE, {"renamed": 2}, schema_version=3),
                NewEvent("t", _DECLARED, {"n": 3}, schema_version=2),
                NewEvent("u", "UndeclaredType", {"n": 4}, schema_version=5),
            ]
        )
        probe_is_newer = r"position 2 \(ContractUpcastProbe\) has data shape 3, this release reads up to shape 2"
        for read in (
            lambda: list(store.read_all()),
            lambda: list(store.read_stream("s")),
            lambda: list(store.read_streams(["s"])),
            lambda: [e for chunk in store.read_for_projection(0, 4, [_PROBE]) for e in chunk],
        ):
            with pytest.raises(NewerEventShape, match=probe_is_newer + ".*upgrade nkru-monitor"):
                read()
        with pytest.raises(NewerEventShape, match=r"position 3 \(ContractDeclaredProbe\) has data shape 2.* shape 1"):
            list(store.read_stream("t"))
        [undeclared] = store.read_stream("u")
        assert undeclared.schema_version == 5 and undeclared.data == {"n": 4}
        assert [e.data["n"] for e in store.read_all(limit=1)] == [1]  # what comes before it reads as ever
        assert store.verify().ok

    def test_a_reader_following_the_log_never_skips_an_event(self, store: EventStore, log: LogAccess):
        """Commit order is position order: with writers racing on their own connections, a
        reader that asks only for positions past the last one it saw still sees every event."""
        writers, batches, per_batch = 4, 30, 3
        stop = threading.Event()
        errors: list[BaseException] = []
        seen: list[int] = []

        def write(k: int) -> None:
            own = log.open()
            try:
                for b in range(batches):
                    own.append([ev(f"w{k}-{b % 5}", i) for i in range(per_batch)])
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                own.close()

        def follow() -> None:
            own = log.open()
            try:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not (
                    stop.is_set() and len(seen) == writers * batches * per_batch
                ):
                    seen.extend(e.position for e in own.read_all(after=seen[-1] if seen else 0))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                own.close()

        reader = threading.Thread(target=follow)
        reader.start()
        threads = [threading.Thread(target=write, args=(k,)) for k in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        stop.set()
        reader.join(timeout=70)
        assert not errors
        total = writers * batches * per_batch
        assert seen == list(range(1, total + 1)), "the follower skipped or repeated a position"
        assert store.verify().ok
