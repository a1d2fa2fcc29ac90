"""A rebuild writes exactly the tables a plain replay of the log writes, row for row.

The runner's rebuild takes shortcuts for speed (each projection handed only the events it
reads, keys it never wrote not looked up, secondary indexes built at the end); the plain
replay here takes none: every event offered to every projection's handlers, in log order,
chunk by chunk, each key looked up in SQLite. bench/rebuild_bench.py --check compares two
checkouts the same way on a big store; this keeps the comparison on a small one.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from monitor.projections import ALL_PROJECTIONS
from monitor.store import ProjectionRunner, SQLiteEventStore
from monitor.store import projection as runner_module
from monitor.store.projection import CHECKPOINTS, Tables
from tests.app.test_projections import random_history
from tests.support.bench_scripts import load_bench_script

rebuild_bench = load_bench_script("rebuild_bench")
store_bench = load_bench_script("store_bench")


def plain_replay(store: SQLiteEventStore) -> None:
    """Every projection dropped and replayed the slow, obvious way, in one transaction."""
    head, _ = store.head()
    types = sorted({t for p in ALL_PROJECTIONS for t in p.handlers})
    with store.transaction() as db:
        sessions = []
        for projection in ALL_PROJECTIONS:
            projection.drop(db.conn)
            projection.create(db.conn)
            sessions.append((projection, Tables(db.conn, projection)))
        for chunk in store.read_for_projection(after=0, up_to=head, types=types, chunk=runner_module.CHUNK):
            for projection, tables in sessions:
                for event in chunk:
                    handler = projection.handlers.get(event.type)
                    if handler is not None:
                        handler(tables, event)
                tables.flush()
        for projection, tables in sessions:
            if projection.on_caught_up is not None:
                projection.on_caught_up(tables)
        db.conn.execute(f"UPDATE {CHECKPOINTS} SET position = ?", [head])


def digests(store: SQLiteEventStore) -> dict[str, str]:
    with store.reading() as db:
        found: dict[str, str] = rebuild_bench.projection_digests(db.conn)
    return found


@pytest.mark.parametrize("chunk", [runner_module.CHUNK, 97])
def test_rebuild_writes_what_a_plain_replay_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int):
    monkeypatch.setattr(runner_module, "CHUNK", chunk)  # also chunks that split batches and streams
    rng = random.Random(chunk)
    with SQLiteEventStore(tmp_path / "m.db") as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        # The benchmark's article-heavy mix, then every event type in plausible orders, then more
        # of the mix: rows written in one part are changed in the next.
        for batch in store_bench.domain_batches(1500, rng):
            store.append(batch)
        for batch in random_history(rng):
            store.append(batch)
        for batch in store_bench.domain_batches(500, rng):
            store.append(batch)
        plain_replay(store)
        expected = digests(store)
        runner.rebuild()
        assert digests(store) == expected
        # The first open after every projection's version changed: a catch-up from position 0.
        with store.transaction() as db:
            db.conn.execute(f"UPDATE {CHECKPOINTS} SET version = -1")
        ProjectionRunner(store, ALL_PROJECTIONS).catch_up()
        assert digests(store) == expected
