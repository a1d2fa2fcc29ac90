"""A hook's retry schedule against real receivers on 127.0.0.1: a receiver's Retry-After is heeded
(bounded), 410 Gone stops the hook until its URL changes, the backoff grows to its cap, a restart in
the middle of a retry posts nothing twice, and a receiver that trickles its reply is cut off."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.channels import RETRY_AFTER_CAP_SECONDS, send_hook
from monitor.alerts.sender import deliver_due
from monitor.config import parse_config
from monitor.pipeline import process_pending
from tests.app.test_daemon import Daemon
from tests.support.alert_app import (
    SHELLS_5M,
    SHELLS_9M,
    TROOPS_11K,
    config_data,
    discover,
    make_app,
    make_config,
    write_config,
)
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.webhook import Desk


def queue_alert(app, article_id: str, text: str) -> None:
    discover(app, article_id, text, title=f"Report {article_id}")
    process_pending(app)


def failures(app) -> list[dict]:
    return [e.data for e in app.store.read_all(types=[ev.ALERT_FAILED]) if e.data.get("destination")]


def seconds_until(stamp: str, start: datetime) -> float:
    return (datetime.fromisoformat(stamp) - start).total_seconds()


def test_a_busy_hooks_retry_after_in_seconds_is_waited_out_and_survives_a_rebuild(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/busy", [(429, {"Retry-After": "1200"})])
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 1
    [failed] = failures(app)
    assert failed["retry_after_seconds"] == 1200 and not failed["permanent"]
    assert 1199 <= seconds_until(failed["next_try_at"], start) < 1210  # the backoff alone would say a minute
    # After the backoff's minute and before the receiver's twenty: nothing is posted.
    deliver_due(app, now=start + timedelta(minutes=5))
    assert len(desk.posts) == 1
    # The pause is in the log, so tables rebuilt from it keep it.
    app.projections.rebuild()
    deliver_due(app, now=start + timedelta(minutes=15))
    assert len(desk.posts) == 1
    deliver_due(app, now=start + timedelta(minutes=21))
    assert len(desk.delivered()) == 1
    app.close()


def test_a_retry_after_date_is_capped_and_never_undercuts_the_backoff(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    tomorrow = format_datetime(datetime.now(UTC) + timedelta(days=1), usegmt=True)
    far = Desk(http_server, "/far", [(503, {"Retry-After": tomorrow})])
    soon = Desk(http_server, "/soon", [(503, {"Retry-After": "1"})])
    app = make_app(make_config(tmp_path, notify=[far.url, soon.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 2
    by_target = {f["retry_after_seconds"]: seconds_until(f["next_try_at"], start) for f in failures(app)}
    assert by_target[round(RETRY_AFTER_CAP_SECONDS)] == pytest.approx(RETRY_AFTER_CAP_SECONDS, abs=5)
    assert 29 <= by_target[1] <= 61  # one second asked; the first retry's backoff (half a minute to a minute) stands
    app.close()


def test_a_hook_answering_410_is_not_posted_to_again_until_its_url_changes(
    tmp_path: Path, http_server: LocalHTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    old = Desk(http_server, "/old", [(410, {})])
    other = Desk(http_server, "/other", [])
    mail = tmp_path / "outbox"
    app = make_app(make_config(tmp_path, notify=[old.url, other.url], retry_max_hours=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    with caplog.at_level(logging.WARNING, logger="monitor.alerts"):
        assert deliver_due(app, now=start)["channel_failed"] == 1
    [line] = [r.getMessage() for r in caplog.records if "410" in r.getMessage()]
    assert "hook+http://127.0.0.1" in line and "/old" not in line and "new URL" in line
    queue_alert(app, "a2", SHELLS_9M)
    counts = deliver_due(app, now=start + timedelta(hours=1))
    # a2 and the alert that the hook is gone: neither posted to it
    assert counts.get("channel_gone") == 2 and counts.get("channel_sent") == 2
    # `monitor alerts retry` sends failed deliveries again, but not to a receiver that said it is gone.
    deliver_due(app, now=start + timedelta(hours=2), include_failed=True)
    assert len(old.posts) == 1
    assert [f["kind"] for f in failures(app)] == ["gone"] * 3 and all(f["permanent"] for f in failures(app))
    # The other channel and e-mail carry on, and both were told, once.
    assert other.kinds == ["article", "channel_gone", "article"]
    told = [p.read_text() for p in mail.glob("*.eml") if "Alert channel gone" in p.read_text()]
    assert len(told) == 1 and "/old" not in told[0] and "new URL" in told[0]
    app.close()
    # The receiver moved: its new URL is a new channel, posted to from the next alert on.
    new = Desk(http_server, "/new", [])
    app = make_app(make_config(tmp_path, notify=[new.url, other.url], retry_max_hours=1))
    queue_alert(app, "a3", TROOPS_11K)
    assert deliver_due(app, now=start + timedelta(hours=3))["channel_sent"] == 2
    assert new.kinds == ["article"] and len(old.posts) == 1
    app.close()


def monitor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.timeout(120)
def test_a_poll_in_which_the_last_channel_goes_says_alerts_reach_no_one_once(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """The delivery's error line says it when the 410 comes; the poll's closing note would say the same words again."""
    gone = Desk(http_server, "/gone", [(410, {})])
    data = config_data(tmp_path, to=[], notify=[gone.url])
    config = write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, config))
    queue_alert(app, "a1", SHELLS_5M)
    app.close()
    done = monitor(config, "poll")
    assert done.returncode == 0, done.stderr
    assert len(gone.posts) == 1, "the poll delivered the queued alert, and the hook answered 410"
    assert done.stderr.count("reach no one") == 1, done.stderr
    again = monitor(config, "poll")  # the next poll has no 410 to log: its note is the one line
    assert again.returncode == 0 and again.stderr.count("reach no one") == 1, again.stderr


@pytest.mark.timeout(180)
def test_a_channels_only_setup_whose_only_hook_is_gone_says_alerts_reach_no_one_where_operators_look(
    tmp_path: Path, http_server: LocalHTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    """No `to`, one hook, and it answers 410: even the "Alert channel gone" notice has no one to go to, so the
    journal's one line would be all. The daemon's start, `monitor poll` and `monitor alerts` say it too."""
    gone = Desk(http_server, "/gone", [(410, {})])
    data = config_data(tmp_path, to=[], notify=[gone.url])
    config = write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, config))
    queue_alert(app, "a1", SHELLS_5M)
    with caplog.at_level(logging.WARNING, logger="monitor.alerts"):
        deliver_due(app)
    [said] = [r.getMessage() for r in caplog.records if "reach no one" in r.getMessage()]
    app.close()
    assert "[alerts] to is empty" in said and "410 Gone" in said and "/gone" not in said
    assert "new URL in [alerts] notify" in said and "restart" in said
    for command in (["alerts"], ["alerts", "--json"], ["poll"]):
        done = monitor(config, *command)
        assert done.returncode == 0, done.stderr
        assert f"monitor: note: {said}" in done.stderr.splitlines(), command
        assert "reach no one" not in done.stdout  # the table (or JSON) stays what it was
    daemon = Daemon(config)
    try:
        started = daemon.wait_for(lambda r: r.get("event") == "alerts_unheard", timeout=60)
    finally:
        assert daemon.stop() == 0
    assert started["note"] == said
    # Given the receiver's new URL, or a recipient, someone hears again, and nothing more is said.
    new = Desk(http_server, "/new", [])
    for fixed in (config_data(tmp_path, to=[], notify=[new.url]), config_data(tmp_path, notify=[gone.url])):
        done = monitor(write_config(tmp_path / "config.toml", fixed), "alerts")
        assert done.returncode == 0 and "reach no one" not in done.stderr, done.stderr


@pytest.mark.timeout(120)
def test_a_command_run_without_the_notify_env_variable_does_not_say_no_one_hears(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The daemon's environment (a systemd EnvironmentFile) holds a live channel in notify_env's variable; the
    operator's shell does not. The hook in notify being gone leaves the daemon's other channel listening, so
    `monitor alerts` run from that shell must not tell the operator that alerts reach no one."""
    gone = Desk(http_server, "/gone", [(410, {})])
    live = Desk(http_server, "/live", [])
    monkeypatch.setenv("NKRU_TEST_MORE_CHANNELS", live.url)
    data = config_data(tmp_path, to=[], notify=[gone.url], notify_env="NKRU_TEST_MORE_CHANNELS")
    config = write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, config))
    queue_alert(app, "a1", SHELLS_5M)
    with caplog.at_level(logging.WARNING, logger="monitor.alerts"):
        deliver_due(app)
    app.close()
    assert live.delivered(), "the channel from the environment still hears"
    assert not [r for r in caplog.records if "reach no one" in r.getMessage()]
    shell = {name: value for name, value in os.environ.items() if name != "NKRU_TEST_MORE_CHANNELS"}
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "alerts"],
        cwd=tmp_path,
        env=shell,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    assert "reach no one" not in done.stderr, done.stderr


def test_the_backoff_grows_to_its_cap_and_a_restart_mid_retry_posts_nothing_twice(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/flaky", [(500, {})] * 8)
    config = make_config(tmp_path, notify=[desk.url], retry_max_hours=0.25)
    app = make_app(config)
    queue_alert(app, "a1", SHELLS_5M)
    now = datetime.now(UTC)
    gaps = []
    for attempt in range(1, 9):  # bounded: eight refusals, each tried exactly when due
        deliver_due(app, now=now)
        assert len(desk.posts) == attempt
        latest = failures(app)[-1]
        gaps.append(seconds_until(latest["next_try_at"], now))
        deliver_due(app, now=now + timedelta(seconds=gaps[-1] - 1))  # a second early: nothing
        assert len(desk.posts) == attempt
        now = datetime.fromisoformat(latest["next_try_at"])
        if attempt == 4:  # the daemon restarts between a refusal and its retry
            app.close()
            app = make_app(config)
    # Each ceiling doubles from a minute (jitter: half of it to all of it) up to retry_max_hours, and it goes on.
    for attempt, gap in enumerate(gaps, start=1):
        ceiling = min(60 * 2 ** (attempt - 1), 900)
        assert ceiling / 2 - 1 <= gap <= ceiling + 1
    assert gaps[-1] > 300  # reached the cap's range
    deliver_due(app, now=now)
    for _ in range(3):  # more passes after delivery post nothing
        now += timedelta(hours=1)
        deliver_due(app, now=now)
    assert len(desk.posts) == 9 and len(desk.delivered()) == 1
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status, attempts FROM alert_deliveries").fetchall() == [("sent", 9)]
    app.close()


def test_a_receiver_that_trickles_its_reply_is_cut_off_at_the_deadline(http_server: LocalHTTPServer) -> None:
    def trickle(req: Request) -> None:
        req.body()
        req.start(200, {"Content-Type": "text/plain"})
        req.stream((b"." for _ in range(10_000)), interval=0.2)  # each byte well inside the step timeout

    http_server.route("/slow", trickle)
    began = time.monotonic()
    outcome = send_hook(f"hook+http://127.0.0.1:{http_server.port}/slow", b"{}", {}, timeout=1.0, deadline=2.0)
    took = time.monotonic() - began
    # An answer not complete by the deadline counts as none, even one that began with 200: tried again later.
    assert not outcome.ok and outcome.kind == "timeout" and not outcome.permanent
    assert took < 6 and "2 s" in outcome.detail


def test_a_receiver_that_says_nothing_is_told_apart_by_how_long_it_was_waited_for(http_server: LocalHTTPServer) -> None:
    """A receiver silent for a whole step is cut off well before the exchange's deadline; the error the
    journal and `monitor alerts` show said only "did not answer in time", which left the operator to
    guess at which limit (the docs named the 30 s deadline alone)."""
    release = threading.Event()
    http_server.route("/mute", lambda req: (release.wait(10), req.send(204, b"")))
    try:
        outcome = send_hook(f"hook+http://127.0.0.1:{http_server.port}/mute", b"{}", {}, timeout=1.0, deadline=5.0)
    finally:
        release.set()
    assert not outcome.ok and outcome.kind == "timeout" and not outcome.permanent
    assert "sent nothing for 1 s" in outcome.detail and "tried again" in outcome.detail, outcome.detail


def test_a_receiver_that_never_takes_the_connection_is_named_as_the_silent_one_is() -> None:
    """A receiver whose listen queue is full (an overloaded host) lets the connection wait untaken: the same
    silence as one that takes it and says nothing, and the journal should say it in the same words, not a
    bare "TimeoutError: timed out"."""
    import socket

    listener = socket.socket()
    waiting: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)  # never accepted: the kernel's queue fills and later connections are left waiting
        port = listener.getsockname()[1]
        for _ in range(3):
            queued = socket.socket()
            queued.setblocking(False)
            waiting.append(queued)
            try:
                queued.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
        time.sleep(0.3)
        outcome = send_hook(f"hook+http://127.0.0.1:{port}/full", b"{}", {}, timeout=1.0, deadline=5.0)
    finally:
        for queued in waiting:
            queued.close()
        listener.close()
    assert not outcome.ok and outcome.kind == "timeout" and not outcome.permanent
    assert "sent nothing for 1 s" in outcome.detail, outcome.detail


def test_a_receiver_that_trickles_its_headers_is_a_timeout_to_retry() -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(10)
        done = threading.Event()

        def drip() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(10)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                for _ in range(100):  # bounded: a header line a byte at a time, 0.2 s apart
                    if done.is_set():
                        return
                    try:
                        conn.sendall(b"X")
                    except OSError:
                        return
                    time.sleep(0.2)

        server = threading.Thread(target=drip, daemon=True)
        server.start()
        began = time.monotonic()
        outcome = send_hook(
            f"hook+http://127.0.0.1:{listener.getsockname()[1]}/x", b"{}", {}, timeout=1.0, deadline=2.0
        )
        took = time.monotonic() - began
        done.set()
        server.join(timeout=10)
    assert not outcome.ok and outcome.kind == "timeout" and not outcome.permanent
    assert took < 6 and "2 s" in outcome.detail


SENDER = """
import sys
from monitor.alerts.sender import deliver_due
from monitor.app import open_app
from monitor.config import load_config
deliver_due(open_app(load_config(sys.argv[1])))
"""


def test_a_sender_killed_mid_post_posts_the_same_document_once_more_at_the_next_start(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    arrived = threading.Event()
    posts: list[tuple[str, bytes]] = []

    def hang_first(req: Request) -> None:
        body = req.body()
        posts.append((req.headers.get("webhook-id", ""), body))
        if len(posts) == 1:
            arrived.set()
            req.sleep(20)  # no answer while the sender is killed (bounded, should the kill not come)
            return
        req.send(204, b"", content_type="text/plain")

    http_server.route("/hang", hang_first)
    data = config_data(tmp_path, notify=[f"hook+http://127.0.0.1:{http_server.port}/hang"])
    config_file = write_config(tmp_path / "config.toml", data)
    app = make_app(make_config(tmp_path, notify=data["alerts"]["notify"]))
    queue_alert(app, "a1", SHELLS_5M)
    app.close()
    repo = Path(__file__).resolve().parents[2]
    sender = subprocess.Popen([sys.executable, "-c", SENDER, str(config_file)], cwd=repo)
    try:
        assert arrived.wait(60), "the sender never posted"
    finally:
        sender.kill()
        sender.wait(30)
    app = make_app(make_config(tmp_path, notify=data["alerts"]["notify"]))
    assert deliver_due(app)["channel_sent"] == 1  # "maybe sent": due at once, not after a backoff
    for _ in range(2):
        deliver_due(app, include_failed=True)
    # The same document under the same webhook-id, so a receiver that got the first one drops this one.
    [(first_id, first_body), (second_id, second_body)] = posts
    assert first_id == second_id and first_body == second_body
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status, attempts FROM alert_deliveries").fetchall() == [("sent", 2)]
    app.close()


@pytest.mark.timeout(240)
def test_the_daemons_journal_counts_deliveries_to_channels_in_a_channels_only_setup(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """With no `to`, every delivery is a channel's: the journal's `alerts` line is where an operator sees
    them go out or fail. It was written only when an e-mail was sent, failed or deferred, so a
    channels-only daemon said nothing of its deliveries at all."""
    desk = Desk(http_server, "/desk", [(500, {})])  # refuses the first post, takes the rest
    data = config_data(tmp_path, to=[], notify=[desk.url], retry_max_hours=0.001)
    config = write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, config))
    queue_alert(app, "a1", SHELLS_5M)
    app.close()
    daemon = Daemon(config)
    try:
        failed = daemon.wait_for(lambda r: r.get("event") == "alerts", timeout=90)
        sent = daemon.wait_for(lambda r: r.get("event") == "alerts" and r.get("channel_sent"), timeout=120)
    finally:
        assert daemon.stop() == 0
    assert failed.get("channel_failed") == 1 and not failed.get("sent"), failed
    assert sent["channel_sent"] == 1 and desk.delivered(), sent
