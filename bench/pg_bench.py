"""PostgreSQL store benchmark: appends in the daemon's mix, a new machine's rebuild, several daemons.

    python bench/pg_bench.py                              # appends and rebuild, on a throwaway cluster
    python bench/pg_bench.py --append-events 20000 --rebuild-events 100000
    python bench/pg_bench.py --skip-append --skip-rebuild --daemons 3 --feeds 2000
    python bench/pg_bench.py --skip-append --skip-rebuild --daemons 1 --feeds 2000 --sqlite   # the same, SQLite
    python bench/pg_bench.py --url postgresql://me@127.0.0.1/scratch   # a server of yours (an empty database)

Without ``--url`` it starts a throwaway cluster on 127.0.0.1 with the server's defaults
(fsync on: durable commits cost what they cost), like the tests' (tests/support/pg_cluster.py).

* **append**: the daemon's mix (bench/store_bench.py's ``domain_batches``) in batches of 100,
  hash chain included, each case on a new database, in rounds that alternate with the SQLite
  store on a new file, so both backends meet the same spell of this noisy machine. Cases:
  PostgreSQL as the daemon opens it (poll and pipeline facts with ``synchronous_commit = off``),
  every batch durable, and through the local copy (``open_store(path, url=...)``: the append,
  then the pull into the machine's SQLite copy), which is what a daemon on PostgreSQL pays.
* **rebuild**: a log of ``--rebuild-events`` in PostgreSQL; a new machine first pulls it into
  its local copy, then rebuilds the projections from that copy. Both rates are printed, and
  their sum as the new machine's "rebuild from the shared log".
* **daemons**: ``--feeds`` local feeds spread over 127.0.0.x addresses (so per-host politeness
  applies per address), served by a process of its own, polled by ``--daemons`` `monitor run`
  processes sharing the log: the time until every feed has one FeedPolled, and who polled what.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from store_bench import domain_batches  # noqa: E402

from monitor import events as ev  # noqa: E402
from monitor.store import SQLiteEventStore, open_store  # noqa: E402
from monitor.store.postgres import PostgresEventStore  # noqa: E402
from tests.support.pg_cluster import ThrowawayCluster, admin_connect, create_database, drop_database  # noqa: E402


def prepared(total: int) -> list:
    return [e for batch in domain_batches(total, random.Random(7)) for e in batch][:total]


def timed_appends(store: Any, events: list) -> float:
    started = time.perf_counter()
    for start in range(0, len(events), 100):
        store.append(events[start : start + 100])
    return len(events) / (time.perf_counter() - started)


def append_figures(server: str, tmp: Path, total: int, rounds: int) -> None:
    events = prepared(total)
    relaxed = ev.RELEARNABLE_TYPES
    rates: dict[str, list[float]] = {}
    for round_ in range(rounds):
        for case in ("sqlite", "postgres", "postgres durable", "postgres + local copy"):
            if case == "sqlite":
                with SQLiteEventStore(tmp / f"a{round_}.db", relaxed_types=relaxed) as store:
                    rates.setdefault(case, []).append(timed_appends(store, events))
                continue
            url = create_database(server, "bench")
            try:
                if case == "postgres + local copy":
                    with open_store(str(tmp / f"copy{round_}.db"), url=url, relaxed_types=relaxed) as store:
                        rates.setdefault(case, []).append(timed_appends(store, events))
                else:
                    with PostgresEventStore(url, relaxed_types=() if "durable" in case else relaxed) as store:
                        rates.setdefault(case, []).append(timed_appends(store, events))
            finally:
                drop_database(server, url)
    for case, runs in rates.items():
        print(
            f"append, {total:,} events of the daemon's mix in batches of 100, {case}: median "
            f"{statistics.median(runs):,.0f} events/s (runs in order: {', '.join(f'{r:,.0f}' for r in runs)})"
        )


def rebuild_figures(server: str, tmp: Path, total: int) -> None:
    from monitor.projections import ALL_PROJECTIONS
    from monitor.store import ProjectionRunner

    url = create_database(server, "bench")
    try:
        started = time.perf_counter()
        with PostgresEventStore(url) as store:
            pending: list = []
            for batch in domain_batches(total, random.Random(11)):
                pending.extend(batch)
                if len(pending) >= 5000:
                    store.append(pending)
                    pending = []
            if pending:
                store.append(pending)
            count = store.count()
        print(f"filled a {count:,}-event log in PostgreSQL in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with open_store(str(tmp / "new-machine.db"), url=url) as copy:  # opening pulls the whole log
            pulled = time.perf_counter() - started
            runner = ProjectionRunner(copy, ALL_PROJECTIONS)
            started = time.perf_counter()
            runner.rebuild()
            rebuilt = time.perf_counter() - started
        print(
            f"new machine: pull {count:,} events into the local copy in {pulled:.1f} s = {count / pulled:,.0f} "
            f"events/s; rebuild the projections from it in {rebuilt:.1f} s = {count / rebuilt:,.0f} events/s; "
            f"together {count / (pulled + rebuilt):,.0f} events/s"
        )
    finally:
        drop_database(server, url)


# -- several daemons ------------------------------------------------------------------------------

ADDRESSES = 20  # 127.0.0.1 .. 127.0.0.20


def serve_feeds(feeds: int, entries: int, ready: Any) -> None:
    """A child process: every feed's RSS on 127.0.0.(1 + i % ADDRESSES), one port per address."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.support.poll_support import items, rss

    bodies = {f"/f{i:04d}.xml": rss(items(f"feed{i:04d}", entries)) for i in range(feeds)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = bodies.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: Any) -> None:
            pass

    ports = {}
    for a in range(ADDRESSES):
        host = f"127.0.0.{a + 1}"
        server = ThreadingHTTPServer((host, 0), Handler)
        server.daemon_threads = True
        ports[host] = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put(ports)
    threading.Event().wait(3600)


def daemon_figures(
    server: str,
    tmp: Path,
    feeds: int,
    daemons: int,
    entries: int,
    timeout: float,
    sqlite: bool = False,
    separate: bool = False,
) -> None:
    """``sqlite``: one daemon on an SQLite file instead, the same feeds, for comparison;
    ``separate``: each daemon with a local copy of its own (as on separate machines)."""
    import multiprocessing
    import sqlite3

    queue: Any = multiprocessing.Queue()
    feeder = multiprocessing.Process(target=serve_feeds, args=(feeds, entries, queue), daemon=True)
    feeder.start()
    ports = queue.get(timeout=60)
    url = create_database(server, "bench")
    daemons = 1 if sqlite else daemons

    def query(sql: str) -> list[tuple[Any, ...]]:
        if sqlite:
            with sqlite3.connect(f"file:{tmp / 'monitor.db'}?mode=ro", uri=True, timeout=30) as conn:
                return conn.execute(sql).fetchall()
        with admin_connect(url) as conn:
            return conn.execute(
                sql.replace("json_extract(metadata, '$.worker')", "metadata::json->>'worker'")
            ).fetchall()

    lines = [
        "[store]",
        'path = "monitor.db"',
        *([] if sqlite else [f'url = "{url}"', "lease_seconds = 30"]),
        "",
        "[schedule]",
        "interval_minutes = 600",
        "jitter_seconds = 0",
        "",
        "[fetch]",
        "concurrency = 16",
        "per_host_concurrency = 2",
        "per_host_gap_seconds = 0.2",
    ]
    for i in range(feeds):
        host = f"127.0.0.{i % ADDRESSES + 1}"
        lines += ["", "[[feeds]]", f'id = "f{i:04d}"', f'url = "http://{host}:{ports[host]}/f{i:04d}.xml"']
    lines += ["", "[alerts]", f'outbox_dir = "{tmp / "outbox"}"']
    # One folder per daemon, as on separate machines (each its own local copy), unless they
    # share one copy file as daemons on one machine may.
    folders = [tmp / (f"daemon{k}" if separate else "") for k in range(daemons)]
    for folder in folders:
        folder.mkdir(exist_ok=True)
        (folder / "config.toml").write_text("\n".join(lines) + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The log (and its schema) first, so the daemons start on an existing store.
    subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(folders[0] / "config.toml"), "events", "--limit", "1"],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(folder / "config.toml"), "run"],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for folder in folders
    ]
    started = time.perf_counter()
    polled = 0
    try:
        while time.perf_counter() - started < timeout:
            try:
                polled = query("SELECT count(DISTINCT stream) FROM events WHERE type = 'FeedPolled'")[0][0]
            except sqlite3.OperationalError:  # the daemon has not created the file yet
                polled = 0
            if polled >= feeds:
                break
            time.sleep(1)
        elapsed = time.perf_counter() - started
        workers = Counter(
            r[0] for r in query("SELECT json_extract(metadata, '$.worker') FROM events WHERE type = 'FeedPolled'")
        )
        per_feed = Counter(r[0] for r in query("SELECT stream FROM events WHERE type = 'FeedPolled'"))
        articles = query("SELECT count(*) FROM events WHERE type = 'ArticleDiscovered'")[0][0]
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        feeder.terminate()
        drop_database(server, url)
    twice = sum(1 for n in per_feed.values() if n > 1)
    where = (
        "one SQLite file"
        if sqlite
        else "one PostgreSQL log" + (", a local copy each" if separate else ", sharing one local copy")
    )
    print(
        f"{daemons} daemon(s) on {where}, {feeds:,} feeds on {ADDRESSES} loopback addresses ({entries} entries each): "
        f"{polled:,} feeds polled in {elapsed:.1f} s from the daemons' start ({polled / elapsed:,.1f} feeds/s), "
        f"{articles:,} articles; polls per worker {sorted(workers.values(), reverse=True)}; "
        f"feeds polled twice: {twice}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", help="an empty database's admin URL (may CREATE DATABASE) instead of a throwaway cluster"
    )
    parser.add_argument("--append-events", type=int, default=50_000)
    parser.add_argument("--append-rounds", type=int, default=3)
    parser.add_argument("--rebuild-events", type=int, default=200_000)
    parser.add_argument("--skip-append", action="store_true")
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--daemons", type=int, default=0, help="run this many daemons over --feeds local feeds")
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=5)
    parser.add_argument("--daemon-timeout", type=float, default=900)
    parser.add_argument("--sqlite", action="store_true", help="with --daemons: one daemon on an SQLite file instead")
    parser.add_argument("--separate", action="store_true", help="with --daemons: a local copy per daemon")
    args = parser.parse_args()
    cluster = None if args.url else ThrowawayCluster(durable=True).start()
    server = args.url or cluster.url  # type: ignore[union-attr]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if not args.skip_append:
                append_figures(server, Path(tmp), args.append_events, args.append_rounds)
            if not args.skip_rebuild:
                rebuild_figures(server, Path(tmp), args.rebuild_events)
            if args.daemons:
                daemon_figures(
                    server,
                    Path(tmp),
                    args.feeds,
                    args.daemons,
                    args.entries,
                    args.daemon_timeout,
                    sqlite=args.sqlite,
                    separate=args.separate,
                )
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
