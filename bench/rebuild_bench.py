"""Rebuild rate on a realistic store: `monitor rebuild`'s work, this tree against another, alternately.

    python bench/rebuild_bench.py --store /tmp/rb/year.db --days 365 --code /tmp/old --rounds 3
    python bench/rebuild_bench.py --store /tmp/rb/mix.db --domain-events 1000000 --code /tmp/old

The store is what bench/store_years.py builds (a real ``monitor poll`` of the demo feeds on
127.0.0.1, then days of a 100-feed setup through the store's API: 96% ``FeedPolled``); it is
built once into ``--store`` if that file does not exist, and reused after. ``--domain-events``
builds bench/store_bench.py's article-heavy mix instead (the figure docs/benchmarks.md's
rebuild target is stated on). Each round rebuilds
the projections in a fresh child process of each tree in turn (this tree, then ``--code``'s),
on the same file, and prints events/s, CPU seconds and the child's peak RSS. The machine is
shared and its speed drifts, so only figures of the same round compare; the medians are
printed at the end.

``--check`` compares what the two trees rebuild instead of timing them: every projection table
row by row (rowids included, so the order rows were written in too), the checkpoints, and the
DDL of every object that is not the log's; exit status 1 if anything differs.

``--instructions`` counts the machine instructions per event of one rebuild of each tree under
valgrind's callgrind instead (steady where the wall and CPU times of a shared machine are not;
slow, so use a small store: ``--days 5`` or ``--domain-events 25000``).

``--profile FILE`` writes a cProfile of one rebuild with this tree instead.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def build(path: Path, days: int, feeds: int, domain_events: int) -> None:
    """The store of bench/store_years.py after ``days``, built with this tree's store; with
    ``domain_events``, bench/store_bench.py's article-heavy mix of that many events instead."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    path.parent.mkdir(parents=True, exist_ok=True)
    if domain_events:
        import store_bench

        started = time.perf_counter()
        count = store_bench.fill(path, domain_events)
        print(f"built {path}: {count:,} events in {time.perf_counter() - started:.0f} s", flush=True)
        return
    import store_years

    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "demo").mkdir()
        templates = store_years.capture_templates(Path(scratch) / "demo")
    setup = store_years.Setup(templates, feeds, 30, 50, 0.2)
    started = time.perf_counter()
    appended = store_years.extend(path, setup, days, 0)
    print(f"built {path}: {appended:,} events in {time.perf_counter() - started:.0f} s", flush=True)


#: The log's own objects: everything else in the file is rebuilt, and compared by --check.
LOG_OBJECTS = ("events", "store_meta")
#: Compared without rowids: a rebuild rewrites its rows with INSERT OR REPLACE, so they count rebuilds.
ROWIDS_COUNT_REBUILDS = ("projection_checkpoints",)


def projection_digests(conn: sqlite3.Connection) -> dict[str, str]:
    """A digest of each table the log does not own (rows in rowid order, with their rowids and
    the types SQLite stores them as), and one of the schema of everything outside the log."""
    schema = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT IN (?, ?) ORDER BY type, name",
        LOG_OBJECTS,
    ).fetchall()
    digests = {"(schema)": hashlib.sha256(repr(schema).encode()).hexdigest()}
    for kind, name, _, sql in schema:
        if kind != "table" or name.startswith("sqlite_"):
            continue
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")]
        typed = ", ".join(f"[{c}], typeof([{c}])" for c in columns)
        if "WITHOUT ROWID" in sql.upper() or name in ROWIDS_COUNT_REBUILDS:
            query = f"SELECT {typed} FROM [{name}] ORDER BY 1"
        else:
            query = f"SELECT rowid, {typed} FROM [{name}] ORDER BY rowid"
        digest = hashlib.sha256()
        for row in conn.execute(query):
            digest.update(repr(row).encode())
        digests[name] = digest.hexdigest()
    return digests


# Callgrind collects only while this C function runs: the counted rebuild is the one functools.reduce
# call, which the store and the projections never make, so start-up and the warm-up are left out.
_COLLECT_IN = "functools_reduce"


def rebuild_child(path: str, profile: str | None, check: bool = False, count_instructions: bool = False) -> None:
    """One rebuild with the code on sys.path (this tree's or --code's), as `monitor rebuild` runs it."""
    from monitor.projections import ALL_PROJECTIONS
    from monitor.store import ProjectionRunner, SQLiteEventStore

    with SQLiteEventStore(path) as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        count = store.count()
        started, cpu = time.perf_counter(), time.process_time()
        if count_instructions:
            runner.rebuild()  # the first rebuild of a file grows it; the counted one reuses its pages
            functools.reduce(lambda _, __: runner.rebuild(), [0], 0)
        elif profile:
            import cProfile

            cProfile.runctx("runner.rebuild()", globals(), {"runner": runner}, profile)
        else:
            runner.rebuild()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if check:
        conn = sqlite3.connect(path)
        try:
            print(json.dumps(projection_digests(conn)))
        finally:
            conn.close()
        return
    with open("/proc/self/status") as status:  # VmHWM: the child's own peak (see store_bench.peak_rss_kib)
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(json.dumps({"events": count, "seconds": elapsed, "cpu_seconds": cpu, "peak_rss_mb": peak / 1024}))


def run_child(tree: Path, path: Path, *options: str) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), *options]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if "--check" in options:
        # The claims ledger writes its dirty keys in a set's order, which follows the string hash
        # seed: the same seed for both trees, so that the rowids of its rows compare too.
        env["PYTHONHASHSEED"] = "0"
    done = subprocess.run(
        command,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def check(new: Path, old: Path, path: Path) -> int:
    """Rebuild with ``old``'s code, then ``new``'s, on the same file, and compare the tables."""
    before = run_child(old, path, "--check")
    after = run_child(new, path, "--check")
    differing = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(after)} digests compared (tables and schema): {'identical' if not differing else 'DIFFERENT'}")
    return 1 if differing else 0


def instructions(trees: list[Path], path: Path) -> int:
    """Instructions per event of one rebuild with each tree's code, under callgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind not found: --instructions needs it (apt-get install valgrind)")
        return 1
    for tree in trees:
        command = [valgrind, "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={_COLLECT_IN}"]
        command += [f"--callgrind-out-file={os.devnull}", sys.executable, str(Path(__file__).resolve())]
        command += ["--child", str(path), "--instructions"]
        done = subprocess.run(
            command, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True, timeout=7200
        )
        collected = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
        if done.returncode or collected is None:
            print(done.stderr[-2000:])
            return 1
        events = json.loads(done.stdout.strip().splitlines()[-1])["events"]
        print(f"{tree}: {int(collected.group(1)) / events:,.0f} instructions per event ({events:,} events)", flush=True)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="the store to rebuild; built first if missing (required)")
    parser.add_argument("--days", type=int, default=365, help="days of polls when building the store")
    parser.add_argument("--feeds", type=int, default=100, help="feeds when building the store")
    parser.add_argument(
        "--domain-events",
        type=int,
        default=0,
        help="build bench/store_bench.py's article-heavy mix of this many events instead (its rebuild figure)",
    )
    parser.add_argument("--code", type=Path, help="another checkout, timed alternately with this one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of one rebuild with this tree to this file")
    parser.add_argument("--instructions", action="store_true", help="count instructions per event (callgrind)")
    parser.add_argument("--check", action="store_true", help="compare the two trees' rebuilt tables, do not time")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ.get("PYTHONPATH", str(ROOT)))
        rebuild_child(args.child, args.profile, args.check, args.instructions)
        return
    if args.store is None:
        parser.error("--store is required")
    if not args.store.exists():
        build(args.store, args.days, args.feeds, args.domain_events)
    if args.profile:
        print(run_child(ROOT, args.store, "--profile", args.profile))
        return
    if args.instructions:
        sys.exit(instructions([ROOT, *([args.code.resolve()] if args.code else [])], args.store))
    if args.check:
        sys.exit(check(ROOT, (args.code or ROOT).resolve(), args.store))
    trees = {"new": ROOT} | ({"old": args.code.resolve()} if args.code else {})
    rates: dict[str, list[float]] = {label: [] for label in trees}
    for round_number in range(1, args.rounds + 1):
        for label, tree in trees.items():
            result = run_child(tree, args.store)
            rate = result["events"] / result["seconds"]
            rates[label].append(rate)
            print(
                f"round {round_number} {label}: {result['events']:,} events in {result['seconds']:.1f} s = "
                f"{rate:,.0f} events/s (CPU {result['cpu_seconds']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB)",
                flush=True,
            )
    for label, values in rates.items():
        print(f"{label}: median {statistics.median(values):,.0f} events/s ({' · '.join(f'{v:,.0f}' for v in values)})")


if __name__ == "__main__":
    main()
