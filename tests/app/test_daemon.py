"""`monitor run` and `monitor poll` as real subprocesses against a server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.httpserver import LocalHTTPServer, Request, free_port
from tests.support.poll_support import events, items, rss, write_config

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"}


class Daemon:
    """`monitor run` in a subprocess, its stderr JSON lines collected by a reader thread."""

    def __init__(self, config: Path, *, own_process_group: bool = False) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            cwd=config.parent,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=own_process_group,
        )
        self.lines: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        self.raw: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.raw.append(line)
            try:
                self.lines.put(json.loads(line))
            except ValueError:
                pass

    def output(self, timeout: float = 10.0) -> str:
        """All of stderr, once the process has ended: the reader thread may still be behind the
        exit on a loaded machine, so wait (bounded) for it to reach the end of the pipe."""
        self._reader.join(timeout)
        return "".join(self.raw)

    def wait_for(self, predicate, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                record = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.seen.append(record)
            if predicate(record):
                return record
        raise AssertionError(f"no such log line in {timeout}s; stderr so far:\n{''.join(self.raw)[-3000:]}")

    def polls(self) -> list[dict]:
        return [r for r in self.seen if r.get("event") == "poll"]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Say where it was stuck: faulthandler (PYTHONFAULTHANDLER) dumps every
            # thread's stack on SIGABRT.
            self.proc.send_signal(signal.SIGABRT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            time.sleep(0.5)
            raise AssertionError(
                f"monitor run did not stop within {timeout}s of {signal.Signals(sig).name};"
                f" stderr:\n{''.join(self.raw)[-6000:]}"
            ) from None
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)


def discovered_per_article(db: Path) -> Counter:
    return Counter(e["data"]["article_id"] for e in events(db, "ArticleDiscovered"))


@pytest.mark.timeout(120)
def test_run_polls_logs_stops_on_sigterm_and_carries_on_after_a_restart(http_server, tmp_path):
    window = {"items": items("daemon", 5)}
    http_server.route("/a.xml", lambda req: req.send(200, rss(window["items"])))
    http_server.route("/b.xml", lambda req: req.send(200, rss(items("other", 3))))
    config = write_config(
        tmp_path, {"a": http_server.url("/a.xml"), "b": http_server.url("/b.xml")}, interval_minutes=0.02
    )  # 1.2 s
    db = tmp_path / "monitor.db"
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "started")
        for _ in range(4):
            daemon.wait_for(lambda r: r.get("event") == "poll")
        # A second scheduler on the same database refuses, clearly, while the first runs.
        second = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            cwd=tmp_path,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode != 0
        assert "already running" in second.stderr
        code = daemon.stop(signal.SIGTERM)
    finally:
        daemon.stop(signal.SIGKILL)
    assert code == 0
    polls = daemon.polls()
    assert {p["feed"] for p in polls} == {"a", "b"}
    assert all(p["status"] in ("ok", "unchanged") and p["error_kind"] is None for p in polls)
    assert '"event": "stopped"' in "".join(daemon.raw)
    assert len(events(db, "ArticleDiscovered")) == 8
    polled_before = len(events(db, "FeedPolled"))

    window["items"] = items("daemon", 6)  # one new entry while the daemon was down
    restarted = Daemon(config)
    try:
        restarted.wait_for(lambda r: r.get("event") == "poll" and r.get("feed") == "a")
        restarted.wait_for(lambda r: r.get("event") == "poll" and r.get("feed") == "b")
        assert restarted.stop(signal.SIGINT) == 0
    finally:
        restarted.stop(signal.SIGKILL)
    counts = discovered_per_article(db)
    assert len(counts) == 9 and set(counts.values()) == {1}
    assert len(events(db, "FeedPolled")) > polled_before


@pytest.mark.timeout(150)
def test_sigkill_in_the_middle_of_a_poll_then_restart_records_every_entry_once(tmp_path):
    stall = threading.Event()
    stall.set()
    stalled = threading.Event()
    feeds = {f"f{n}": items(f"k{n}", 20) for n in range(6)}
    server = LocalHTTPServer().start()

    def handler(req: Request) -> None:
        feed_id = req.path.strip("/").removesuffix(".xml")
        if feed_id in ("f3", "f4") and stall.is_set():
            stalled.set()
            req.sleep(20)  # hold this poll open so the kill lands mid-cycle
        req.send(200, rss(feeds[feed_id]))

    for feed_id in feeds:
        server.route(f"/{feed_id}.xml", handler)
    try:
        config = write_config(
            tmp_path,
            {f: server.url(f"/{f}.xml") for f in feeds},
            interval_minutes=0.03,
            fetch={"timeout_seconds": 30, "deadline_seconds": 40},
        )
        db = tmp_path / "monitor.db"
        daemon = Daemon(config)
        try:
            daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("new", 0) > 0, timeout=60)
            assert stalled.wait(30)
            daemon.proc.kill()  # SIGKILL: no chance to finish anything
            daemon.proc.wait(timeout=10)
        finally:
            daemon.stop(signal.SIGKILL)
        partial = discovered_per_article(db)
        assert 0 < len(partial) < 120, "the kill landed in the middle of the cycle"
        stall.clear()
        # Entries change a little while the daemon is down: new ones must still appear once.
        feeds["f0"] = items("k0", 21)
        restarted = Daemon(config)
        try:
            done: set[str] = set()
            deadline = time.monotonic() + 60
            while done != set(feeds) and time.monotonic() < deadline:
                record = restarted.wait_for(lambda r: r.get("event") == "poll", timeout=60)
                if record.get("error_kind") is None:
                    done.add(record["feed"])
            assert done == set(feeds)
            assert restarted.stop(signal.SIGTERM) == 0
        finally:
            restarted.stop(signal.SIGKILL)
    finally:
        server.stop()
    counts = discovered_per_article(db)
    assert len(counts) == 121
    assert set(counts.values()) == {1}, "every entry exactly once"


#: A machine offline cannot be made in a test: its one sign that reaches us is the resolver's
#: silence (EAI_AGAIN). This sitecustomize gives the monitor's process exactly that, and nothing else.
OFFLINE_RESOLVER = """
import socket

def no_resolver_answers(*args, **kwargs):
    raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
"""
UNRESOLVABLE_HOST = "feed.nkru-monitor-test.example"


def offline_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a `monitor` process whose resolver never answers."""
    site = tmp_path / "offline-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(OFFLINE_RESOLVER + "\nsocket.getaddrinfo = no_resolver_answers\n")
    return {**ENV, "PYTHONPATH": f"{site}{os.pathsep}{ENV['PYTHONPATH']}"}


def test_monitor_poll_offline_is_an_outage_with_exit_1(tmp_path):
    config = write_config(
        tmp_path,
        {
            "one": f"https://{UNRESOLVABLE_HOST}/feed.xml",
            "two": f"http://{UNRESOLVABLE_HOST}/rss",
            "three": f"http://{UNRESOLVABLE_HOST}:8080/feed.xml",
        },
    )
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=tmp_path,
        env=offline_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr  # nothing was fetched: cron should hear of it
    assert result.stdout.strip().splitlines()[-1].startswith("network unreachable")
    assert result.stderr.strip().splitlines()[-1] == "monitor: poll: no feed answered (the network is unreachable)"
    failed = events(tmp_path / "monitor.db", "FeedFailed")
    assert sorted(e["data"]["feed_id"] for e in failed) == ["one", "three", "two"]
    assert all(e["data"]["outage"] is True and e["data"]["kind"] in ("dns", "connect") for e in failed)
    assert all(e["data"]["failures_in_row"] == 0 for e in failed), "an outage does not grow the backoff"


def test_a_stop_in_the_middle_of_an_outage_leaves_it_an_outage(tmp_path, monkeypatch):
    """The feeds a stop left unpolled say nothing of the network: those that ran all failing to connect is still an
    outage, so their backoffs do not grow (they counted against it, and a Ctrl-C while offline grew every backoff)."""
    import socket

    from monitor.feeds import watchdog
    from monitor.feeds.poller import poll_feeds
    from tests.support.poll_support import CountingParser, open_test_app

    offline: dict[str, object] = {}
    exec(OFFLINE_RESOLVER, offline)  # noqa: S102 - our own text, shared with the subprocess tests
    monkeypatch.setattr(socket, "getaddrinfo", offline["no_resolver_answers"])  # silent until the test ends
    feeds = {f"f{n}": f"http://{UNRESOLVABLE_HOST}/f{n}.xml" for n in range(10)}
    app = open_test_app(write_config(tmp_path, feeds, fetch={"per_host_gap_seconds": 0.2, "per_host_concurrency": 1}))
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:  # two feeds have failed: the operator presses Ctrl-C
            watchdog.stop_everything()

    try:
        with app:
            summary = poll_feeds(app, list(app.config.feeds), progress=progress, parser=CountingParser())
    finally:
        watchdog._STOPPING.clear()  # the stop is process-wide: the tests after this one poll again
    statuses = Counter(r.status for r in summary.results)
    assert statuses["interrupted"] >= 1 and len(summary.results) == 10
    assert summary.outage
    failed = events(tmp_path / "monitor.db", "FeedFailed")
    assert failed and all(e["data"]["outage"] is True and e["data"]["failures_in_row"] == 0 for e in failed)
    assert seen[-1] == 10  # the progress bar reaches the end, the feeds not polled included


def test_monitor_poll_a_broken_feed_beside_a_good_one_is_not_an_outage(http_server, tmp_path):
    http_server.route("/ok.xml", lambda req: req.send(200, rss(items("fine", 2))))
    config = write_config(
        tmp_path, {"good": http_server.url("/ok.xml"), "dead": f"http://127.0.0.1:{free_port()}/feed.xml"}
    )
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "2 feeds polled: 2 new articles, 1 failed" in result.stdout
    failed = events(tmp_path / "monitor.db", "FeedFailed")
    assert [(e["data"]["kind"], e["data"]["outage"], e["data"]["failures_in_row"]) for e in failed] == [
        ("connect", False, 1)
    ]


def poll_once(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_lone_feed_whose_host_refuses_is_a_failing_feed_not_an_outage(tmp_path):
    """A one-feed setup whose server is down for good: the refusal is the host's answer (a machine
    offline gets none), so it counts as the feed's failure and grows toward a health alert."""
    config = write_config(tmp_path, {"lone": f"http://127.0.0.1:{free_port()}/feed.xml"})  # closed port
    for _ in range(2):
        result = poll_once(config)
        assert result.returncode == 1, result.stderr
        assert "network unreachable" not in result.stdout
    failed = events(tmp_path / "monitor.db", "FeedFailed")
    assert [(e["data"]["kind"], e["data"]["outage"], e["data"]["failures_in_row"]) for e in failed] == [
        ("connect", False, 1),
        ("connect", False, 2),
    ]
    assert failed[0]["data"]["message"].startswith("the server refused the connection (127.0.0.1:")


def test_a_lone_feed_whose_host_name_does_not_exist_is_a_failing_feed_not_an_outage(tmp_path):
    """The reserved .invalid TLD never resolves: a resolver that answers says so (NXDOMAIN), and that
    definite answer is the feed's problem. A machine with no resolver at all can only show an outage."""
    import socket

    try:
        socket.getaddrinfo("feed.nkru-monitor-test.invalid", 80)
    except socket.gaierror as exc:
        if exc.errno not in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)):
            pytest.skip(f"no resolver answers on this machine ({exc}): a missing name cannot be told from silence")
    else:
        pytest.skip("this machine's resolver invents addresses for names that do not exist")
    config = write_config(tmp_path, {"lone": "http://feed.nkru-monitor-test.invalid/feed.xml"})
    result = poll_once(config)
    assert result.returncode == 1, result.stderr
    assert "network unreachable" not in result.stdout
    failed = events(tmp_path / "monitor.db", "FeedFailed")
    assert [(e["data"]["kind"], e["data"]["outage"], e["data"]["failures_in_row"]) for e in failed] == [
        ("dns", False, 1)
    ]
    assert failed[0]["data"]["message"].startswith("no such host: the resolver says the name does not exist")


def test_stopping_waits_for_running_jobs_and_refuses_new_ones():
    # The daemon waits for its jobs itself: APScheduler's shutdown(wait=True) would hold
    # the job-store lock that a finishing poll needs to reschedule itself (a deadlock).
    from monitor.daemon import RunningJobs

    jobs = RunningJobs()
    assert jobs.enter()
    finished = threading.Event()

    def finish_later() -> None:
        time.sleep(0.3)
        finished.set()
        jobs.leave()

    threading.Thread(target=finish_later, daemon=True).start()
    started = time.monotonic()
    assert jobs.stop_and_wait(timeout=10) is True
    assert finished.is_set() and time.monotonic() - started >= 0.25
    assert jobs.stopping and jobs.enter() is False
    stuck = RunningJobs()
    assert stuck.enter()
    assert stuck.stop_and_wait(timeout=0.1) is False


@pytest.fixture
def restored_loggers():
    import logging

    loggers = [logging.getLogger(name) for name in ("monitor", "apscheduler")]
    saved = [(lg.handlers[:], lg.level, lg.propagate) for lg in loggers]
    yield
    for lg, (handlers, level, propagate) in zip(loggers, saved):
        lg.handlers[:], lg.level, lg.propagate = handlers, level, propagate


def test_library_warnings_reach_stderr_as_the_daemons_json_lines(capsys, restored_loggers):
    import logging

    from monitor.daemon import install_json_logging

    install_json_logging(logging.WARNING)
    install_json_logging(logging.WARNING)  # idempotent: one handler, one line per record
    logging.getLogger("monitor.alerts").warning("alert %s not delivered via %s", "<a@b>", "127.0.0.1:25")
    logging.getLogger("monitor.alerts").info("delivered")  # below the daemon's level
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert len(lines) == 1
    assert lines[0]["level"] == "warning" and lines[0]["logger"] == "monitor.alerts"
    assert lines[0]["message"] == "alert <a@b> not delivered via 127.0.0.1:25" and lines[0]["at"]


@pytest.mark.timeout(60)
def test_a_daemon_with_no_enabled_feed_says_it_has_nothing_to_poll(tmp_path: Path) -> None:
    """It would otherwise wait silently for ever: config.toml is read once, at the start."""
    config = write_config(tmp_path, {"paused": str(tmp_path / "paused.xml")})
    config.write_text(config.read_text().replace('id = "paused"', 'id = "paused"\nenabled = false'))
    daemon = Daemon(config)
    try:
        started = daemon.wait_for(lambda r: r.get("event") == "started")
    finally:
        assert daemon.stop() == 0
    assert started["feeds"] == 0 and started["disabled"] == ["paused"]
    assert started["note"] == (
        "no enabled feed: nothing will be polled; enable or add one in config.toml, then restart"
    )


def test_monitor_poll_exits_1_when_every_feed_failed_and_0_when_one_answered(http_server, tmp_path):
    # For cron and systemd timers: a poll that fetched nothing is a failed run; one failing feed
    # among working ones is the feed's business (the table and the feed-health alert say so).
    http_server.route("/missing.xml", lambda req: req.send(404, b"gone"))
    http_server.route("/ok.xml", lambda req: req.send(200, rss(items("fine", 2))))
    config = write_config(tmp_path, {"gone": http_server.url("/missing.xml")})

    def poll() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "monitor", "--config", str(config), "poll"]
        return subprocess.run(command, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=60)

    result = poll()
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("1 feeds polled: 0 new articles, 1 failed")
    assert result.stderr.strip().splitlines() == [
        "monitor: poll: no feed answered (see the errors above and `monitor feeds list`)"
    ]
    config = write_config(tmp_path, {"gone": http_server.url("/missing.xml"), "fine": http_server.url("/ok.xml")})
    assert poll().returncode == 0


@pytest.fixture
def daemon_logging():
    """The daemon's log handlers installed in this process, and the loggers as they were after."""
    import logging

    from monitor.daemon import LIBRARY_LOGGERS, install_json_logging

    loggers = [logging.getLogger(name) for name in ("monitor", *LIBRARY_LOGGERS)]
    saved = [(logger, list(logger.handlers), logger.level, logger.propagate) for logger in loggers]
    install_json_logging(logging.WARNING)
    try:
        yield
    finally:
        for logger, handlers, level, propagate in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate


def test_the_daemon_log_keeps_scheduler_warnings_but_not_its_skipped_runs(daemon_logging, capsys):
    import logging

    scheduler_log = logging.getLogger("apscheduler.scheduler")
    scheduler_log.warning('Execution of job "deliver" skipped: maximum number of running instances reached (1)')
    scheduler_log.warning('Run time of job "poll:a" was missed by 0:05:00')
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["message"] for line in lines] == ['Run time of job "poll:a" was missed by 0:05:00']


def test_an_error_line_that_recurs_is_printed_once_per_quiet_period_with_a_count(capsys):
    from monitor.daemon import QuietRepeats

    now = [0.0]
    errors = QuietRepeats(every=600, clock=lambda: now[0])
    for second in range(0, 900, 60):  # the same failure every minute for a quarter of an hour
        now[0] = second
        errors.log("poll_error", "StoreError('disk is full')", feed="a")
    errors.log("poll_error", "StoreError('database is locked')", feed="a")  # another error: said at once
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(line["error"], line.get("repeated")) for line in lines] == [
        ("StoreError('disk is full')", None),
        ("StoreError('disk is full')", 9),
        ("StoreError('database is locked')", None),
    ]
    assert "counted, not printed" in lines[0]["note"]


def test_the_quiet_repeats_memory_stays_bounded_over_many_distinct_errors():
    """Years of distinct error texts (each names a passing object) must not pile up in memory."""
    from monitor.daemon import QuietRepeats

    now = [0.0]
    errors = QuietRepeats(every=600, clock=lambda: now[0])
    for n in range(5000):
        now[0] = n * 10.0  # one new error text every 10 s; each repeats once within its quiet period
        errors.admit(("poll_error", f"error {n}"))
        errors.admit(("poll_error", f"error {n}"))
    assert len(errors._last) <= 1000 and len(errors._held) <= 1000


def test_a_start_far_behind_the_log_says_it_is_catching_up_and_names_the_version(tmp_path):
    """After an upgrade that rebuilds a table, the start replays the whole log; the journal
    showed nothing at all until it was done (minutes, on a big log)."""
    from monitor import __version__
    from monitor import events as ev
    from monitor.daemon import CATCH_UP_NOTICE_EVENTS
    from tests.support.poll_support import open_test_app

    config = write_config(tmp_path, {})
    app = open_test_app(config)
    polled = [
        ev.event(ev.feed_stream("old"), ev.FEED_POLLED, {"feed_id": "old", "url": "http://127.0.0.1:9/x", "new": 0})
        for _ in range(CATCH_UP_NOTICE_EVENTS)
    ]
    app.store.append(polled)  # recorded, not yet applied to the tables: what a replay starts from
    app.close()
    daemon = Daemon(config)
    try:
        started = daemon.wait_for(lambda r: r.get("event") == "started", timeout=120)
        assert daemon.stop(signal.SIGTERM) == 0
    finally:
        daemon.stop(signal.SIGKILL)
    [catching_up] = [r for r in daemon.seen if r.get("event") == "catching_up"]
    assert catching_up["events"] >= CATCH_UP_NOTICE_EVENTS and "feeds" in catching_up["projections"]
    assert daemon.seen.index(catching_up) < daemon.seen.index(started)
    assert started["version"] == __version__


def test_articles_a_stop_left_unprocessed_are_processed_and_alerted_at_the_start(tmp_path):
    """A stop between a poll and its processing left the articles for the next poll of their
    feed, up to an interval later (15 minutes by default): their alerts waited that long."""
    from monitor import events as ev
    from tests.support.alert_app import SHELLS_5M, discover
    from tests.support.poll_support import open_test_app

    config = write_config(tmp_path, {"wire": f"http://127.0.0.1:{free_port()}/wire.xml"}, interval_minutes=60)
    app = open_test_app(config)
    polled_at = ev.utc_now()
    app.store.append(
        [
            ev.event(
                ev.feed_stream("wire"),
                ev.FEED_POLLED,
                {
                    "feed_id": "wire",
                    "url": f"http://127.0.0.1:{free_port()}/wire.xml",
                    "status": 200,
                    "entries": 1,
                    "new": 1,
                    "polled_at": ev.timestamp(polled_at),
                    "next_poll_at": ev.timestamp(polled_at + timedelta(minutes=60)),
                },
            )
        ]
    )
    discover(app, "shells", SHELLS_5M, feed_id="wire")  # recorded by that poll, then the stop came
    app.close()
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "started")
        done = daemon.wait_for(lambda r: r.get("event") == "processed_leftovers", timeout=60)
        assert wait_for_file(tmp_path / "outbox", 30), "the alert was not delivered"
        assert daemon.stop(signal.SIGTERM) == 0
    finally:
        daemon.stop(signal.SIGKILL)
    assert done["articles"] == 1
    assert [e["data"]["article_id"] for e in events(tmp_path / "monitor.db", "AlertQueued")] == ["shells"]
    assert not daemon.polls(), "the feed was not due: nothing was polled"


def wait_for_file(folder: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir() and any(folder.glob("*.eml")):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.timeout(90)
def test_a_feed_the_server_says_is_gone_is_polled_once_and_its_job_ends_with_one_line(http_server, tmp_path):
    """A FeedDisabled left the feed with no next poll, which the scheduler read as 'due now':
    the job ran again at once, for ever, printing a poll line each time (hundreds a second)."""
    http_server.route("/gone.xml", lambda req: req.send(410, b"gone", content_type="text/plain"))
    http_server.route("/live.xml", lambda req: req.send(200, rss(items("live", 2))))
    config = write_config(
        tmp_path, {"gone": http_server.url("/gone.xml"), "live": http_server.url("/live.xml")}, interval_minutes=0.02
    )  # 1.2 s
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("feed") == "gone")
        for _ in range(3):  # the other feed's polls show the scheduler kept running meanwhile
            daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("feed") == "live")
    finally:
        assert daemon.stop() == 0
    lines = [json.loads(line) for line in daemon.output().splitlines() if line.startswith("{")]
    gone = [line for line in lines if line.get("feed") == "gone"]
    assert [line["event"] for line in gone] == ["poll", "feed_disabled"]
    assert gone[0]["status"] == "disabled"
    note = gone[1]["note"]
    assert "410" in note and http_server.url("/gone.xml") in note and "config.toml" in note
    assert len(http_server.hits("/gone.xml")) == 1
    # A restart schedules no job for it either, and says why once.
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("feed") == "live")
    finally:
        assert daemon.stop() == 0
    lines = [json.loads(line) for line in daemon.output().splitlines() if line.startswith("{")]
    assert [line["event"] for line in lines if line.get("feed") == "gone"] == ["feed_disabled"]
    assert len(http_server.hits("/gone.xml")) == 1


@pytest.mark.timeout(90)
def test_alerts_held_by_the_hourly_cap_are_said_once_not_after_every_poll(http_server, tmp_path):
    """Each poll wakes the delivery job, which found the same alerts still held by the cap and
    printed the same line again: a line a second here, one per poll of every feed in production."""
    http_server.route("/a.xml", lambda req: req.send(200, rss(items("a", 2))))
    http_server.route("/b.xml", lambda req: req.send(200, rss(items("b", 2))))
    config = write_config(
        tmp_path, {"a": http_server.url("/a.xml"), "b": http_server.url("/b.xml")}, interval_minutes=0.02
    )  # 1.2 s
    config.write_text(config.read_text().replace("[alerts]\n", "[alerts]\nmax_per_hour = 1\n"))
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "alerts" and r.get("deferred") == 1)
        for _ in range(6):  # polls after the cap was met, each waking the delivery job
            daemon.wait_for(lambda r: r.get("event") == "poll")
        time.sleep(1)
    finally:
        assert daemon.stop() == 0
    lines = [json.loads(line) for line in daemon.output().splitlines() if line.startswith("{")]
    counts = [(line["sent"], line["failed"], line["deferred"]) for line in lines if line.get("event") == "alerts"]
    assert sum(sent for sent, _, _ in counts) == 1
    assert counts.count((0, 0, 1)) <= 1, counts  # the one held alert said once, whichever run met the cap


@pytest.mark.timeout(120)
def test_a_daemon_killed_outright_leaves_a_journal_of_json_lines_only(http_server, tmp_path):
    """The feed-parsing pool's semaphores are looked after by multiprocessing's resource tracker, a process
    of its own writing to the same stderr. After a SIGKILL (the OOM killer, systemd's last resort) it freed
    them and warned about them in two lines of plain text, which a reader of the JSON journal chokes on."""
    http_server.route("/a.xml", lambda req: req.send(200, rss(items("a", 3))))
    config = write_config(tmp_path, {"a": http_server.url("/a.xml")}, interval_minutes=0.02)
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "poll" and r.get("new"), timeout=60)
        daemon.proc.kill()
        daemon.proc.wait(timeout=10)
        # The tracker and the pool's workers leave with the daemon; stderr ends when the last of them has.
        said = daemon.output(timeout=60)
    finally:
        daemon.stop(signal.SIGKILL)
    assert daemon._reader.is_alive() is False, "something still holds the journal open"
    for line in said.splitlines():
        assert isinstance(json.loads(line), dict), line
