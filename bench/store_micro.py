"""Where an append's time goes, one factor at a time.

    python bench/store_micro.py [--events 100000] [--rounds 3]

Part 1 times SQLite alone (no store code): the rows of the domain mix, prepared in advance
with their hashes, inserted in batches of 100 with ``executemany`` and committed, WAL mode,
``synchronous=OFF`` and no checkpoints, so only B-tree and WAL work is left. Each line
changes one thing against the schema as shipped. Part 2 times the store's own append with one
of its mechanisms put back as it was before 2026-12-01. Part 3 times the Python steps of an
append on the same events. Every figure is the best of ``--rounds`` runs, the variants taking
turns (the machine's speed drifts; the best run is the least disturbed one). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store_bench import domain_batches  # noqa: E402

from monitor.store.sqlite import _ENCODER, _SCHEMA, canonical_json, chain_hash  # noqa: E402

VARIANTS = {
    "schema as shipped": {},
    "position AUTOINCREMENT (files made before 2026-12-01)": {"autoincrement": True},
    "without the UNIQUE (stream, version) index": {"no_stream_index": True},
    "page size 2,048": {"page_size": 2048},
    "page size 8,192": {"page_size": 8192},
    "page cache 32 MB": {"cache_kib": 32768},
}


def _rows(events: list) -> list[tuple]:
    rows, prev, versions = [], "0" * 64, {}
    for position, event in enumerate(events, 1):
        version = versions[event.stream] = versions.get(event.stream, 0) + 1
        data, metadata = canonical_json(event.data), canonical_json(event.metadata)
        digest = chain_hash(
            prev,
            position,
            event.event_id,
            event.stream,
            version,
            event.type,
            event.schema_version,
            data,
            metadata,
            "2026-12-01T00:00:00.000000Z",
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
                "2026-12-01T00:00:00.000000Z",
                prev,
                digest,
            )
        )
        prev = digest
    return rows


def insert_us_per_event(
    rows: list[tuple],
    directory: Path,
    *,
    autoincrement: bool = False,
    no_stream_index: bool = False,
    page_size: int = 0,
    cache_kib: int = 0,
) -> float:
    path = directory / f"micro-{time.monotonic_ns()}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    if page_size:
        conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    if cache_kib:
        conn.execute(f"PRAGMA cache_size = -{cache_kib}")
    schema = _SCHEMA
    if autoincrement:
        schema = schema.replace("position INTEGER PRIMARY KEY,", "position INTEGER PRIMARY KEY AUTOINCREMENT,")
    if no_stream_index:
        schema = schema.replace(",\n    UNIQUE (stream, version)", "")
    conn.executescript(schema)
    insert = "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    started = time.perf_counter()
    for start in range(0, len(rows), 100):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(insert, rows[start : start + 100])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return elapsed / len(rows) * 1e6


def append_us_per_event(
    events: list, directory: Path, *, durable: bool = False, checkpoint_in_commit: bool = False
) -> float:
    """The store's own append of ``events`` (batches of 100), with one of its mechanisms
    put back the way it was before 2026-12-01."""
    from monitor import events as ev
    from monitor.store import sqlite as backend

    saved = backend._Checkpointer, backend.WAL_AUTOCHECKPOINT_PAGES
    if checkpoint_in_commit:  # no thread; SQLite's autocheckpoint every 4,000 pages, inside a commit
        backend._Checkpointer = type(
            "NoThread",
            (),
            {"__init__": lambda self, path: None, "nudge": lambda self: None, "close": lambda self: None},
        )
        backend.WAL_AUTOCHECKPOINT_PAGES = 4000
    path = directory / f"append-{time.monotonic_ns()}.db"
    try:
        with backend.SQLiteEventStore(path, relaxed_types=() if durable else ev.RELEARNABLE_TYPES) as store:
            started = time.perf_counter()
            for start in range(0, len(events), 100):
                store.append(events[start : start + 100])
            elapsed = time.perf_counter() - started
    finally:
        backend._Checkpointer, backend.WAL_AUTOCHECKPOINT_PAGES = saved
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return elapsed / len(events) * 1e6


APPEND_VARIANTS = {
    "as shipped (relaxed batches, checkpoint thread)": {},
    "checkpoints inside the commit, as before": {"checkpoint_in_commit": True},
    "every batch durable (fsync per commit)": {"durable": True},
}


def best_us(run, rounds: int, count: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    events = [e for batch in domain_batches(args.events, random.Random(7)) for e in batch][: args.events]
    rows = _rows(events)
    gc.freeze()  # the prepared events and rows are the script's; keep the GC off them
    print(
        f"SQLite alone: {len(rows):,} rows of the daemon's mix, batches of 100, synchronous=OFF, "
        "no checkpoints (µs per event, best of runs)"
    )
    timings: dict[str, list[float]] = {label: [] for label in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):  # variants alternate, so a slow spell hits them all alike
            for label, options in VARIANTS.items():
                timings[label].append(insert_us_per_event(rows, Path(tmp), **options))
    for label, runs in timings.items():
        print(f"  {label:55s} {min(runs):6.2f}   (runs: {', '.join(f'{r:.2f}' for r in runs)})")
    print("The store's append, one mechanism put back as it was (µs per event, wall, best of runs)")
    appends: dict[str, list[float]] = {label: [] for label in APPEND_VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for label, options in APPEND_VARIANTS.items():
                appends[label].append(append_us_per_event(events, Path(tmp), **options))
    for label, runs in appends.items():
        print(f"  {label:55s} {min(runs):6.2f}   (runs: {', '.join(f'{r:.2f}' for r in runs)})")
    encoded = [row[6] for row in rows]
    datas = [event.data for event in events]
    n = len(events)
    print("Python steps of an append (µs per event, best of runs)")
    steps = {
        "canonical_json(data) and (metadata)": lambda: [
            (canonical_json(e.data), canonical_json(e.metadata)) for e in events
        ],
        "the stdlib encoder alone (data)": lambda: [_ENCODER.encode(d) for d in datas],
        "two scans for floats below 1e-4 (dropped on 2026-12-01)": lambda: [
            b"e-" in text or b".0000" in text for text in (t.encode() for t in encoded)
        ],
        "chain_hash": lambda: [
            chain_hash("0" * 64, 1, e.event_id, e.stream, 1, e.type, 1, text, "{}", "t")
            for e, text in zip(events, encoded)
        ],
        "SHA-256 of the data alone": lambda: [hashlib.sha256(text.encode()).hexdigest() for text in encoded],
    }
    for label, run in steps.items():
        print(f"  {label:55s} {best_us(run, args.rounds, n):6.2f}")


if __name__ == "__main__":
    main()
