"""One very large feed, polled again and again: time and memory per poll of the poll stage.

    python bench/big_feed_bench.py [--entries 20000] [--polls 8] [--entry-bytes 300] [--poll-only] [--code DIR]

A feed of ``--entries`` items (RSS 2.0, each with its own ``<guid isPermaLink="false">`` and
link, ~``--entry-bytes`` of description) is served by a real HTTP server on 127.0.0.1. The
poller reads the first 5,000 (``parse.MAX_ENTRIES``). The first poll records those; each later
poll finds one new item on top (so the body changed and is parsed: the daemon's steady state
with a busy feed). Every poll is the daemon's cycle (``run_cycle``, delivery left out) on one
open app with the process's parse pool, so the parse workers analyse entries as they do in
the daemon; ``--poll-only`` runs ``poll_feeds`` alone.

Printed per poll: wall seconds, this process's CPU seconds (the server runs in a process of its
own), seconds in ``resolve_article_ids`` (which id each entry is, with the guid-to-link
matching), this process's resident set after the poll and its peak, and the parse workers'
resident sets and CPU seconds together (psutil, when installed).
``--code DIR`` runs the same in a subprocess with another checkout's package (an earlier
commit) right after, so old and new meet the same load. Figures are from a shared, noisy
machine: compare runs made together.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]


def feed_body(entries: int, first: int, entry_bytes: int, host: str) -> bytes:
    """RSS 2.0 with items ``first`` down to ``first - entries + 1``, newest first; every text made up here."""
    filler = ("supply route tonnage estimate " * (entry_bytes // 30 + 1))[:entry_bytes]
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big wire</title>',
        f"<link>{host}/</link><description>a busy wire</description>",
    ]
    for number in range(first, first - entries, -1):
        parts.append(
            f"<item><title>Dispatch {number}</title><link>{host}/story/{number}.html</link>"
            f'<guid isPermaLink="false">wire-{number}</guid>'
            f"<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>"
            f"<description>{escape(f'<p>Dispatch {number}: {filler}</p>')}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def workers(server_pid: int) -> tuple[float, float, str] | None:
    """(resident MB, CPU seconds so far) of the parse workers together, and each one's MB; None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    found = [child for child in psutil.Process().children(recursive=True) if child.pid != server_pid]
    rss = sum(child.memory_info().rss for child in found) / 1e6
    cpu = sum(child.cpu_times().user + child.cpu_times().system for child in found)
    return rss, cpu, " + ".join(f"{child.memory_info().rss / 1e6:.0f}" for child in found)


def serve(root: Path, entries: int, entry_bytes: int, top: Any, port: Any) -> None:
    """The feed's server, in a process of its own: its CPU is not the poller's."""
    sys.path.insert(0, str(root))
    from tests.support.httpserver import LocalHTTPServer

    bodies: dict[int, bytes] = {}
    with LocalHTTPServer() as server:

        def answer(req) -> None:
            number = top.value
            if number not in bodies:
                bodies.clear()
                bodies[number] = feed_body(entries, number, entry_bytes, server.base_url)
            req.send(200, bodies[number], content_type="application/rss+xml")

        server.route("/big.xml", answer)
        port.send(server.port)
        time.sleep(3600)  # until the bench terminates it


def run(root: Path, entries: int, polls: int, entry_bytes: int, poll_only: bool) -> None:
    sys.path.insert(0, str(root))
    from monitor.cycle import run_cycle
    from monitor.feeds import poller
    from monitor.feeds.poller import make_parser, poll_feeds
    from tests.support.poll_support import open_test_app, write_config

    spent = {"seconds": 0.0}
    resolve = poller.resolve_article_ids

    def timed_resolve(*args, **kwargs):  # the matching's share of a poll, measured where the poller calls it
        started = time.perf_counter()
        try:
            return resolve(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - started

    poller.resolve_article_ids = timed_resolve
    context = multiprocessing.get_context("fork")
    top = context.Value("i", entries)
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=serve, args=(root, entries, entry_bytes, top, send), daemon=True)
    server.start()
    try:
        if not receive.poll(30):
            raise SystemExit("the feed's server did not start within 30 s")
        url = f"http://127.0.0.1:{receive.recv()}/big.xml"
        with tempfile.TemporaryDirectory() as folder:
            config = write_config(Path(folder), {"big": url}, fetch={"max_bytes": 200_000_000})
            app = open_test_app(config)
            pool = make_parser(app.config)
            try:
                size = len(feed_body(entries, entries, entry_bytes, url)) / 1e6
                print(f"code: {root}  entries in the feed: {entries}, {size:.1f} MB")
                for poll in range(polls):
                    if poll:
                        top.value += 1  # one new item on top: the body changed, so it is parsed
                    spent["seconds"] = 0.0
                    gc.collect()
                    before = (time.perf_counter(), cpu_seconds(), workers(server.pid))
                    if poll_only:
                        [result] = poll_feeds(app, list(app.config.feeds), parser=pool).results
                    else:
                        [result] = run_cycle(app, list(app.config.feeds), parser=pool, deliver=False).results
                    seconds, cpu, after = (
                        time.perf_counter() - before[0],
                        cpu_seconds() - before[1],
                        workers(server.pid),
                    )
                    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
                    pool_said = ""
                    if after is not None:
                        worker_cpu = after[1] - (before[2][1] if before[2] is not None else 0.0)
                        pool_said = f", workers {after[0]:4.0f} MB ({after[2]}) {worker_cpu:5.2f} s CPU"
                    print(
                        f"poll {poll + 1}: {seconds:5.2f} s wall, {cpu:5.2f} s CPU, resolve_article_ids"
                        f" {spent['seconds']:5.2f} s, rss {rss_mb():4.0f} MB, peak {peak:4.0f} MB{pool_said}"
                        f"  ({result.status}: {result.new} new, {result.seen} seen)",
                        flush=True,
                    )
            finally:
                app.close()
    finally:
        server.terminate()
        server.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--polls", type=int, default=8)
    parser.add_argument("--entry-bytes", type=int, default=300)
    parser.add_argument("--poll-only", action="store_true", help="poll_feeds alone, without the cycle's processing")
    parser.add_argument("--code", type=Path, help="then run another checkout's package (an earlier commit)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # the checkout this run imports
    options = parser.parse_args()
    run(options.root.resolve(), options.entries, options.polls, options.entry_bytes, options.poll_only)
    if options.code:  # in a process of its own: nothing of this run's imports or memory carries over
        argv = [sys.executable, __file__, "--entries", str(options.entries), "--polls", str(options.polls)]
        argv += ["--entry-bytes", str(options.entry_bytes), "--root", str(options.code.resolve())]
        argv += ["--poll-only"] if options.poll_only else []
        subprocess.run(argv, check=True, timeout=3600)


if __name__ == "__main__":
    main()
