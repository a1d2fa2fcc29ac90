"""Three `monitor run` daemons on one PostgreSQL log: the feeds shared out, one killed, nothing lost or doubled."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.app.test_daemon import ENV, Daemon
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.pg_cluster import admin_connect
from tests.support.poll_support import items, rss, write_config

pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")

FEEDS = 40
HELD = 4  # feeds whose server answers only when the test says so: polls in flight to kill
LEASE_SECONDS = 3
PER_FEED = 3


def shared_config(folder: Path, server: LocalHTTPServer, pg_url: str) -> Path:
    config = write_config(
        folder,
        {f"f{i:02d}": server.url(f"/f{i:02d}.xml") for i in range(FEEDS)},
        interval_minutes=60,
        fetch={"timeout_seconds": 30, "deadline_seconds": 40, "concurrency": 4},
    )
    text = config.read_text().replace(
        'path = "monitor.db"', f'path = "monitor.db"\nurl = "{pg_url}"\nlease_seconds = {LEASE_SECONDS}', 1
    )
    config.write_text(text)
    return config


def feed_polls(pg_url: str) -> list[tuple[str, str]]:
    """(feed stream, worker) of every FeedPolled in the shared log."""
    with admin_connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT stream, metadata::json->>'worker' FROM events WHERE type = 'FeedPolled' ORDER BY position"
        ).fetchall()
    return [(r[0], r[1]) for r in rows]


def wait_until(check, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_three_daemons_share_the_feeds_and_survive_a_sigkill(pg_url: str, tmp_path: Path):
    go, release = threading.Event(), threading.Event()
    server = LocalHTTPServer().start()
    for i in range(FEEDS):
        body = rss(items(f"feed{i:02d}", PER_FEED))

        def answer(req: Request, body: bytes = body, held: bool = i >= FEEDS - HELD) -> None:
            # Every feed waits until all three daemons are up, so one cannot take them all;
            # the held ones wait longer, so a daemon is killed in the middle of their poll.
            (release if held else go).wait(60)
            req.send(200, body)

        server.route(f"/f{i:02d}.xml", answer)
    config = shared_config(tmp_path, server, pg_url)
    daemons = [Daemon(config) for _ in range(3)]
    try:
        pids = [d.wait_for(lambda r: r.get("event") == "started", timeout=60) and d.proc.pid for d in daemons]
        go.set()
        wait_until(lambda: len({s for s, _ in feed_polls(pg_url)}) >= FEEDS - HELD, 90, "the unheld feeds' polls")

        def holders() -> dict[str, str]:
            with admin_connect(pg_url) as conn:
                rows = conn.execute(
                    "SELECT name, owner FROM leases WHERE name LIKE 'feed:%' AND expires_at > clock_timestamp()"
                ).fetchall()
            return {name: owner for name, owner in rows}

        held = wait_until(lambda: len(holders()) == HELD and holders(), 30, "leases on the held feeds")
        victim_pid = int(next(iter(held.values())).rsplit(":", 1)[1])
        victim = daemons[pids.index(victim_pid)]
        victim_feeds = {name.split(":", 1)[1] for name, owner in held.items() if owner.endswith(f":{victim_pid}")}
        victim.proc.send_signal(signal.SIGKILL)
        victim.proc.wait(timeout=10)
        killed_at = time.monotonic()
        release.set()
        wait_until(lambda: len({s for s, _ in feed_polls(pg_url)}) == FEEDS, 60, "every feed's poll")
        taken_over_after = time.monotonic() - killed_at
        survivors = [d for d in daemons if d is not victim]
        for daemon in survivors:
            assert daemon.stop(signal.SIGTERM) == 0
    finally:
        release.set()
        for daemon in daemons:
            daemon.stop(signal.SIGKILL)
        server.stop()

    polls = feed_polls(pg_url)
    per_feed = Counter(stream for stream, _ in polls)
    assert per_feed == {f"feed:f{i:02d}": 1 for i in range(FEEDS)}, "a feed was polled twice or not at all"
    workers = Counter(worker for _, worker in polls)
    assert len(workers) >= 2 and all(w and w.rsplit(":", 1)[1].isdigit() for w in workers), workers
    by_feed = dict(polls)
    assert all(not by_feed[f"feed:{f}"].endswith(f":{victim_pid}") for f in victim_feeds)
    assert taken_over_after >= LEASE_SECONDS - 1.5 or not victim_feeds  # not before the lease could lapse

    with admin_connect(pg_url) as conn:
        discovered = Counter(
            r[0] for r in conn.execute("SELECT data::json->>'article_id' FROM events WHERE type = 'ArticleDiscovered'")
        )
    assert len(discovered) == FEEDS * PER_FEED and set(discovered.values()) == {1}

    verify = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "verify"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith("ok:")
