"""A mail server that never answers, and stopping the daemon: real `monitor run` subprocesses,
a real HTTP feed server and real SMTP servers on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.test_daemon import ENV, Daemon
from tests.support.alert_app import SHELLS_5M, SHELLS_9M, TROOPS_11K
from tests.support.poll_support import Item, events, items, rss, write_config
from tests.support.smtp_server import ScriptedServer, SmtpTestServer, scripted_smtp, smtp_factory  # noqa: F401, F811

NEWS = [
    Item("shells-5m", "Seoul: 5 million shells", SHELLS_5M),
    Item("troops", "Troops in Kursk", TROOPS_11K),
    Item("shells-9m", "Kyiv: 9 million shells", SHELLS_9M),
]


def mail_config(
    tmp_path: Path, feeds: dict[str, str], *, port: int, smtp_timeout: float, interval_minutes: float = 0.02
) -> Path:
    """Feeds polled every ``interval_minutes``, alerts for every article (no first-poll summary) by SMTP."""
    config = write_config(tmp_path, feeds, interval_minutes=interval_minutes)
    with config.open("a") as out:
        out.write(
            "first_poll_summary = false\n\n[alerts.smtp]\n"
            f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout_seconds = {smtp_timeout}\n'
        )
    return config


def serve_news(http_server) -> dict[str, str]:
    http_server.route("/news.xml", lambda req: req.send(200, rss(NEWS)))
    http_server.route("/quiet.xml", lambda req: req.send(200, rss(items("quiet", 2))))
    return {"news": http_server.url("/news.xml"), "quiet": http_server.url("/quiet.xml")}


def wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.timeout(120)
def test_a_mail_server_that_never_answers_holds_up_neither_polling_nor_the_stop(
    http_server,
    tmp_path: Path,
    scripted_smtp: Callable[..., ScriptedServer],
    smtp_factory: Callable[..., SmtpTestServer],
) -> None:
    mute = scripted_smtp("mute")
    # A 30 s timeout: delivery of the first alert hangs for the whole test.
    config = mail_config(tmp_path, serve_news(http_server), port=mute.port, smtp_timeout=30)
    db = tmp_path / "monitor.db"
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "started")
        assert wait_until(lambda: mute.connections >= 1, 20), "delivery never reached the mail server"
        hung_at = time.monotonic()
        while time.monotonic() - hung_at < 8:  # polls every 1.2 s go on while delivery hangs
            daemon.wait_for(lambda r: r.get("event") == "poll", timeout=10)
        polls = [p for p in daemon.polls() if p["status"] in ("ok", "unchanged")]
        assert len(polls) >= 8, f"only {len(polls)} polls while delivery was stuck"
        assert mute.connections == 1, "one hung delivery at a time, not one per alert"
        stopped_at = time.monotonic()
        code = daemon.stop(signal.SIGTERM, timeout=30)
        took = time.monotonic() - stopped_at
    finally:
        daemon.stop(signal.SIGKILL)
    stderr = daemon.output()
    assert code == 0, stderr[-3000:]
    assert took < 5, f"the stop took {took:.1f} s"
    assert "closed database" not in stderr and "Traceback" not in stderr
    assert '"event": "stopped"' in stderr
    assert "cut short by this process's stop waiting for the greeting" in stderr  # not "gave up after 120 s"
    assert events(db, "AlertSent") == []
    assert events(db, "AlertFailed") == [], "our own stop is not the server's failure"
    [attempt] = events(db, "AlertAttempted")  # the cut delivery: "maybe sent", sent again at the next start

    # The server works again: every alert goes out, each once, the cut one with its Message-ID.
    good = smtp_factory()
    mail_config(tmp_path, serve_news(http_server), port=good.port, smtp_timeout=5)
    restarted = Daemon(config)
    try:
        assert wait_until(lambda: len(good.messages) >= 3, 30), restarted.raw[-20:]
        time.sleep(1.5)  # a further poll and delivery round must add nothing
        assert restarted.stop(signal.SIGTERM, timeout=30) == 0
    finally:
        restarted.stop(signal.SIGKILL)
    sent = Counter(e["data"]["alert_id"] for e in events(db, "AlertSent"))
    assert len(sent) == 3 and set(sent.values()) == {1}, "no alert recorded as sent twice"
    message_ids = Counter(str(m.message["Message-ID"]) for m in good.messages)
    assert len(good.messages) == 3 and set(message_ids.values()) == {1}
    assert attempt["data"]["message_id"] in message_ids


@pytest.mark.timeout(60)
def test_monitor_poll_backs_off_a_server_that_does_not_answer_and_says_the_alerts_failed(
    http_server, tmp_path: Path, scripted_smtp: Callable[..., ScriptedServer]
) -> None:
    mute = scripted_smtp("mute")
    config = mail_config(tmp_path, serve_news(http_server), port=mute.port, smtp_timeout=1)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 20, "one timeout, not one per alert"
    headline = result.stdout.strip().splitlines()[-1]
    assert headline.startswith("2 feeds polled: 5 new articles, 0 failed; alerts: 0 sent, 1 failed, 2 held back")
    assert mute.connections == 1
    [failed] = events(tmp_path / "monitor.db", "AlertFailed")
    assert failed["data"]["kind"] == "timeout" and failed["data"]["next_try_at"]


@pytest.mark.timeout(120)
def test_a_stop_sent_to_the_whole_process_group_records_no_false_feed_failure(http_server, tmp_path: Path) -> None:
    # Big feeds whose body changes at every poll, so a parse is in the worker pool most of the time.
    polls = Counter[str]()

    def big(req, name: str) -> None:
        polls[name] += 1
        req.send(200, rss(items(name, 1500), title=f"{name} poll {polls[name]}"))

    for name in ("b1", "b2"):
        http_server.route(f"/{name}.xml", lambda req, name=name: big(req, name))
    config = write_config(
        tmp_path, {name: http_server.url(f"/{name}.xml") for name in ("b1", "b2")}, interval_minutes=0.01
    )
    daemon = Daemon(config, own_process_group=True)
    try:
        daemon.wait_for(lambda r: r.get("event") == "poll", timeout=60)
        daemon.wait_for(lambda r: r.get("event") == "poll", timeout=60)
        os.killpg(os.getpgid(daemon.proc.pid), signal.SIGTERM)  # what systemd does: every process, at once
        code = daemon.proc.wait(timeout=30)
    finally:
        daemon.stop(signal.SIGKILL)
    stderr = daemon.output()
    assert code == 0, stderr[-3000:]
    assert events(tmp_path / "monitor.db", "FeedFailed") == [], stderr[-3000:]


@pytest.mark.timeout(120)
def test_a_second_ctrl_c_forces_the_exit(http_server, tmp_path: Path) -> None:
    fetched = Counter[str]()

    # Each entry has a comment in its markup, so html.parser (not the plain-markup path) reads
    # it: the first parse and normalisation of the feed then take seconds, as this test needs.
    commented = "<!-- read by html.parser --></p>"
    slow = [Item(i.guid, i.title, i.text.replace("</p>", commented)) for i in items("huge", 6000)]

    def huge(req) -> None:
        fetched["huge"] += 1
        req.send(200, rss(slow))  # its first parse and normalisation take seconds
        fetched["sent"] += 1

    http_server.route("/huge.xml", huge)
    config = write_config(tmp_path, {"huge": http_server.url("/huge.xml")})
    daemon = Daemon(config, own_process_group=True)
    try:
        daemon.wait_for(lambda r: r.get("event") == "started")
        # Only once the whole body is sent: a stop cuts a fetch in flight at once (and the daemon
        # would be gone before the second Ctrl-C), while the parse pool's work is waited for.
        assert wait_until(lambda: fetched["sent"] >= 1, 30)
        time.sleep(0.3)  # the body is in the parse pool now; the poll job waits for it
        daemon.proc.send_signal(signal.SIGINT)
        time.sleep(0.3)
        sent_at = time.monotonic()
        daemon.proc.send_signal(signal.SIGINT)
        code = daemon.proc.wait(timeout=20)
        took = time.monotonic() - sent_at
    finally:
        daemon.stop(signal.SIGKILL)
    stderr = daemon.output()
    assert code == 128 + signal.SIGINT, stderr[-3000:]
    assert took < 3
    assert '"event": "stopped_forcibly"' in stderr
    assert '"event": "poll"' not in stderr, "the poll was still running when the second Ctrl-C came"


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(120)
def test_a_stop_cuts_a_fetch_in_flight_as_the_docs_say(http_server, tmp_path: Path) -> None:
    """A feed whose server holds its answer: SIGTERM does not wait for it (it could wait out
    the whole fetch deadline), records no failure, and the feed is polled again at the next
    start. The README and cli.md once said the stop finishes the poll in progress."""
    http_server.route("/held.xml", lambda req: req.sleep(60) and req.send(200, rss(items("held", 2))))
    config = write_config(tmp_path, {"held": http_server.url("/held.xml")}, fetch={"timeout_seconds": 50})
    daemon = Daemon(config)
    try:
        daemon.wait_for(lambda r: r.get("event") == "started")
        assert wait_until(lambda: bool(http_server.hits("/held.xml")), 30)
        sent_at = time.monotonic()
        daemon.proc.send_signal(signal.SIGTERM)
        code = daemon.proc.wait(timeout=30)
        took = time.monotonic() - sent_at
    finally:
        daemon.stop(signal.SIGKILL)
    stderr = daemon.output()
    assert code == 0 and took < 5, stderr[-3000:]
    assert '"status": "interrupted"' in stderr
    assert events(tmp_path / "monitor.db", "FeedFailed", "FeedPolled") == []
    for doc in ("README.md", "docs/cli.md"):
        text = " ".join((ROOT / doc).read_text().split())
        assert "cut the fetches in flight" in text, doc
        assert "finish the poll in progress" not in text and "finishes the polls in progress" not in text, doc


def feeds_recorded(db: Path) -> int:
    """FeedPolled events in ``db`` so far; 0 while the poll is still creating it."""
    try:
        return len(events(db, "FeedPolled")) if db.exists() else 0  # never create it under the poll
    except sqlite3.Error:
        return 0


@pytest.mark.timeout(120)
def test_ctrl_c_stops_monitor_poll_at_once_and_keeps_what_it_polled(http_server, tmp_path: Path) -> None:
    # Thirty feeds of one host, a second apart as politeness asks: a poll of minutes, with up
    # to eight feeds queued at the host. Ctrl-C used to wait for that queue (seconds), though
    # nothing in it had started.
    for n in range(30):
        http_server.route(f"/f{n}.xml", lambda req, n=n: req.send(200, rss(items(f"f{n}", 2))))
    feeds = {f"f{n}": http_server.url(f"/f{n}.xml") for n in range(30)}
    config = write_config(tmp_path, feeds, fetch={"per_host_gap_seconds": 1.0, "per_host_concurrency": 1})
    poll = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=tmp_path,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        served = lambda: sum(len(http_server.hits(f"/f{n}.xml")) for n in range(30))  # noqa: E731
        assert wait_until(lambda: feeds_recorded(tmp_path / "monitor.db"), 60), "the poll never recorded a feed"
        sent_at = time.monotonic()
        poll.send_signal(signal.SIGINT)
        stdout, stderr = poll.communicate(timeout=30)
        took = time.monotonic() - sent_at
    finally:
        poll.kill()
    assert poll.returncode == 128 + signal.SIGINT, stderr
    assert took < 3, f"Ctrl-C took {took:.1f} s"
    assert "SIGINT: stopping" in stderr and "Traceback" not in stderr
    assert "not polled (stopped; polled at the next start)" in stdout.splitlines()[-1]
    # What was fetched before the stop is recorded (FeedPolled per feed the server answered in
    # full); the rest is no failure of the feeds.
    assert events(tmp_path / "monitor.db", "FeedFailed") == []
    polled = {e["data"]["feed_id"] for e in events(tmp_path / "monitor.db", "FeedPolled")}
    assert 1 <= len(polled) <= served() < 30
