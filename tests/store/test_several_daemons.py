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
DOWN_SECONDS = 40


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


def three_quick_feeds_config(folder: Path, server: LocalHTTPServer, pg_url: str) -> Path:
    """Feeds a, b and c due every 1.2 s, on the PostgreSQL log at pg_url: the outage tests' setup."""
    config = write_config(folder, {n: server.url(f"/{n}.xml") for n in ("a", "b", "c")}, interval_minutes=0.02)
    config.write_text(config.read_text().replace('path = "monitor.db"', f'path = "monitor.db"\nurl = "{pg_url}"', 1))
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


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_a_daemon_whose_postgresql_server_goes_down_says_so_in_a_few_json_lines_and_carries_on(
    http_server, tmp_path: Path
) -> None:
    """The server down used to mean every feed polled again at once, over and over, and psycopg's
    pool writing two plain-text lines per reconnection attempt into the JSON journal."""
    from monitor import events as ev
    from tests.support.pg_cluster import NoPostgres, ThrowawayCluster, create_database

    pytest.importorskip("psycopg_pool", reason="psycopg-pool is not installed: pip install -e '.[test]'")
    try:
        # Its own server, as this test stops it; durable, as a production server is: without
        # synchronous_commit a crash loses commits the daemon's local copy already holds.
        cluster = ThrowawayCluster(durable=True).start()
    except NoPostgres as exc:
        pytest.skip(str(exc))
    served = Counter[str]()

    def fresh(req: Request, name: str) -> None:  # new entries at every poll
        served[name] += 1
        req.send(200, rss(items(f"{name}-{served[name]}", 2)))

    for name in ("a", "b", "c"):
        http_server.route(f"/{name}.xml", lambda req, name=name: fresh(req, name))
    daemon = None
    try:
        url = create_database(cluster.url)
        daemon = Daemon(three_quick_feeds_config(tmp_path, http_server, url))
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("new"), timeout=90)
        cluster.halt()
        down_at = time.monotonic()
        lines_before, hits_before = len(daemon.raw), sum(served.values())
        # A job fails once the pool's wait for a connection (30 s) runs out: later than that on a
        # loaded machine, so wait for the failure itself, then stay down for DOWN_SECONDS at least.
        daemon.wait_for(lambda r: r.get("event") == "poll_error", timeout=150)
        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down_at)))
        down_seconds = time.monotonic() - down_at
        while_down = daemon.raw[lines_before:]
        hits_while_down = sum(served.values()) - hits_before
        back_at = ev.timestamp(ev.utc_now())[:19]
        cluster.serve()
        # New articles recorded once the server is back (psycopg's pool reconnects with a backoff).
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("new") and r["at"][:19] >= back_at, timeout=120)
        code = daemon.stop(signal.SIGTERM)
        assert code == 0, daemon.output()[-6000:]
    finally:
        if daemon is not None:
            daemon.stop(signal.SIGKILL)
        cluster.stop()
    assert all(line.startswith("{") for line in while_down), while_down  # the journal stays JSON
    assert any('"poll_error"' in line for line in while_down) and len(while_down) <= 10, while_down
    # Three feeds due every 1.2 s: a poll each per interval at most, not one after another.
    assert hits_while_down <= 3 * (down_seconds / 1.2) + 3, f"{hits_while_down} fetches while the server was down"


@pytest.mark.timeout(240)
def test_a_daemon_whose_postgresql_server_stops_answering_still_stops_when_told(http_server, tmp_path: Path) -> None:
    """A server that keeps its connections open and answers nothing (a hung disk, a paused host) holds
    the jobs' queries; SIGTERM must still end the daemon, by the stuck-jobs exit (status 1). It used to
    read the log's head on the way out, wait for a connection the stuck jobs held, fail, and then wait
    for ever at the interpreter's exit for those very jobs."""
    from tests.support.pg_cluster import NoPostgres, ThrowawayCluster, create_database

    pytest.importorskip("psycopg_pool", reason="psycopg-pool is not installed: pip install -e '.[test]'")
    try:
        cluster = ThrowawayCluster().start()  # its own server, as this test freezes it
    except NoPostgres as exc:
        pytest.skip(str(exc))
    for name in ("a", "b", "c"):
        http_server.route(f"/{name}.xml", lambda req, name=name: req.send(200, rss(items(name, 2))))
    daemon = None
    try:
        url = create_database(cluster.url)
        daemon = Daemon(three_quick_feeds_config(tmp_path, http_server, url))
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("new"), timeout=90)
        cluster.freeze()
        time.sleep(5)  # polls every 1.2 s: their jobs are now waiting on the frozen server
        stopped_at = time.monotonic()
        code = daemon.stop(signal.SIGTERM, timeout=90)
        took = time.monotonic() - stopped_at
    finally:
        if daemon is not None:
            daemon.stop(signal.SIGKILL)
        cluster.stop()
    assert code == 1, daemon.output()[-3000:]
    assert '"stopped_with_jobs_running"' in daemon.output(), daemon.output()[-3000:]
    assert took < 30, f"the stop took {took:.0f} s"
