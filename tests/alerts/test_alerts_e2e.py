"""Alerts end to end: `monitor run` / `monitor alerts ...` as subprocesses, real feeds on a
local HTTP server, a real aiosmtpd server on 127.0.0.1, a real SQLite file.

The crash test SIGKILLs the daemon at seeded random moments and checks the outbox
guarantee: every AlertQueued is delivered, none twice. How it treats the one window in
which a duplicate *is* possible (a crash after the server's 250 reply to DATA and before
AlertSent commits) is explained on :class:`CrashGateSmtp`.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.alert_app import config_data, write_config
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import Item, events, rss
from tests.support.smtp_server import Received, ScriptedServer, SmtpTestServer, closed_port, tls_cert  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
SEED = int(os.environ.get("NKRU_CRASH_SEED", "20261201"))  # another seed explores other kill points

# -- a feed with many alert-worthy articles ---------------------------------------------

# Four kinds of claim; within a kind every figure is at least 20% above the previous one,
# so each article tells something not told before and earns exactly one alert.
FIGURES: dict[str, tuple[str, list[int]]] = {
    "shells": (
        "North Korea has shipped more than {n} million artillery shells to Russia since August 2023",
        [2, 3, 4, 5, 7, 9, 12, 15],
    ),
    "troops": (
        "About {n:,} North Korean troops have been deployed to Russia's Kursk region",
        [12000, 15000, 19000, 24000, 30000, 38000, 48000, 60000],
    ),
    "containers": (
        "North Korea has sent some {n:,} containers of munitions to Russia",
        [7000, 9000, 11500, 14500, 18000, 23000, 29000, 36000],
    ),
    "missiles": (
        "Pyongyang has supplied around {n} ballistic missiles to Russia for use against Ukraine",
        [60, 80, 100, 130, 170, 220, 280, 360],
    ),
}
LEADS = ["In a briefing on Tuesday,", "Speaking to reporters,", "On Wednesday,", "In testimony to lawmakers,"]
WHO = ["a senior defence official", "the intelligence service", "a government spokesperson", "two diplomats"]
TAILS = [
    "The official gave no further detail.",
    "Russia's embassy did not reply to a request for comment.",
    "The figure could not be independently verified.",
    "Officials did not say how the estimate was made.",
]


def alert_worthy_items(count: int | None = None) -> tuple[list[Item], list[float]]:
    """Articles (interleaving the kinds) and the figure each one reports, in feed order."""
    found: list[tuple[Item, float]] = []
    for step in range(8):
        for k, (kind, (sentence, numbers)) in enumerate(FIGURES.items()):
            n = numbers[step]
            number = len(found)
            text = (
                f"{LEADS[(step + k) % 4]} {sentence.format(n=n)}, {WHO[(step * 3 + k) % 4]} said. "
                f"{TAILS[(step + 2 * k) % 4]}"
            )
            item = Item(
                f"{kind}-{step}",
                f"{kind.title()} update {step}: {n:,}",
                text,
                link=f"https://news.example.org/{kind}/{step}",
            )
            found.append((item, float(n * 1_000_000 if kind == "shells" else n)))
            if count is not None and number + 1 >= count:
                return [i for i, _ in found], [q for _, q in found]
    return [i for i, _ in found], [q for _, q in found]


class GrowingFeed:
    """An RSS feed to which the test publishes articles round by round (oldest first, so an
    article's position and pubDate never change between polls), so that every daemon run
    has new alerts to queue and deliver when its kill comes."""

    def __init__(self, entries: list[Item]) -> None:
        self.entries = entries
        self.shown = 0
        self.lock = threading.Lock()

    def publish(self, count: int) -> None:
        with self.lock:
            self.shown = min(len(self.entries), self.shown + count)

    def handle(self, req: Request) -> None:
        with self.lock:
            visible = self.entries[: self.shown]
        req.send(200, rss(visible, title="Eastern desk"))

    @property
    def complete(self) -> bool:
        with self.lock:
            return self.shown >= len(self.entries)


# -- the daemon as a subprocess -------------------------------------------------------------


class DaemonProcess:
    """`monitor run` in its own process group (so SIGKILL takes its parse workers too);
    stderr goes to a file the test reads."""

    def __init__(self, config: Path, log: Path) -> None:
        self.log = log
        self._handle = open(log, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process; closed in reap()
        self.start_offset = log.stat().st_size
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            cwd=config.parent,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=self._handle,
            start_new_session=True,
        )

    def lines(self) -> list[dict[str, Any]]:
        with open(self.log, encoding="utf-8") as handle:
            handle.seek(self.start_offset)
            text = handle.read()
        found = []
        for line in text.splitlines():
            try:
                found.append(json.loads(line))
            except ValueError:
                pass
        return found

    def wait_started(self, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive:
            if any(r.get("event") == "started" for r in self.lines()):
                return True
            time.sleep(0.05)
        return False

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def sigkill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def reap(self, timeout: float = 15.0) -> int | None:
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.sigkill()
                self.proc.wait(timeout=10)
            self._handle.close()

    def terminate(self, timeout: float = 60.0) -> int | None:
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
        return self.reap(timeout)


def read_events(db: Path, event_type: str) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    try:
        return [e["data"] for e in events(db, event_type)]
    except sqlite3.OperationalError:  # created but not initialised yet
        return []


# -- an SMTP server that keeps the kills out of the duplicate window ----------------------


class CrashGateSmtp(SmtpTestServer):
    """aiosmtpd that records every message it accepts, and lets the test kill the daemon.

    The outbox is at-least-once: a kill after this server sent "250" to DATA but before the
    daemon committed AlertSent makes the daemon send that alert again after its restart (it
    only knows "maybe sent"). That window is real and documented; it lasts one local SQLite
    commit. So that the test can assert "never twice" without depending on luck, kills are
    placed where the guarantee holds: ``gate`` is held from the decision to accept a message
    until its 250 is handed over, and :meth:`kill` takes the gate and then waits for AlertSent
    of every accepted message before it kills. Every other moment stays open to a kill: the
    poll, classification, the AlertQueued append, AlertAttempted, the SMTP dialogue, and the
    end of DATA before the reply (``kill_in_data``), which is the "maybe sent" case.

    A message whose sender was killed before the reply (its session began in an earlier
    ``generation``) is answered 451 and not recorded, as an MTA must not deliver a message
    whose final reply never reached the client.
    """

    def __init__(self, db: Path) -> None:
        super().__init__()
        self.db = db
        self.gate = threading.Lock()
        self.generation = 0
        self.daemon: DaemonProcess | None = None
        self.kill_in_data = False
        self.killed_in_data = 0
        self.orphaned = 0
        self.unconfirmed: set[str] = set()

    def note_recipient(self, envelope: Any) -> None:
        if not hasattr(envelope, "generation"):
            envelope.generation = self.generation

    async def accept(self, received: Received, envelope: Any) -> str:
        for _ in range(12_000):  # at most a minute; never block the event loop
            if self.gate.acquire(blocking=False):
                break
            await asyncio.sleep(0.005)
        else:
            return "451 4.3.0 test gate busy"
        try:
            if getattr(envelope, "generation", None) != self.generation:
                self.orphaned += 1
                return "451 4.4.2 the client went away before the reply"
            if self.kill_in_data and self.daemon is not None:
                # The whole message has arrived, the reply has not gone out: "maybe sent".
                self.kill_in_data = False
                self.killed_in_data += 1
                self.generation += 1
                self.daemon.sigkill()
                return "451 4.3.0 not accepted"
            message_id = str(received.message["Message-ID"])
            self.unconfirmed.add(message_id)
            return self.record(received)
        finally:
            self.gate.release()

    def kill(self, daemon: DaemonProcess, timeout: float = 30.0) -> None:
        assert self.gate.acquire(timeout=timeout), "the SMTP gate stayed busy"
        try:
            deadline = time.monotonic() + timeout
            while self.unconfirmed:
                sent = {d["message_id"] for d in read_events(self.db, "AlertSent")}
                self.unconfirmed -= sent
                if not self.unconfirmed:
                    break
                assert time.monotonic() < deadline, f"accepted but never recorded as sent: {self.unconfirmed}"
                time.sleep(0.02)
            self.generation += 1
            daemon.sigkill()
        finally:
            self.gate.release()


# -- configs ---------------------------------------------------------------------------------


def daemon_config(tmp_path: Path, feed_url: str, smtp_port: int, **alerts: Any) -> Path:
    data = config_data(tmp_path, smtp_port=smtp_port, smtp_timeout=20, **alerts)
    data["schedule"] = {"interval_minutes": 0.02, "jitter_seconds": 0, "misfire_grace_seconds": 60}
    data["fetch"] = {
        "timeout_seconds": 5,
        "deadline_seconds": 10,
        "per_host_gap_seconds": 0,
        "per_host_concurrency": 4,
        "parse_workers": 1,
    }
    data["feeds"] = [{"id": "desk", "url": feed_url, "outlet": "Eastern Desk"}]
    return write_config(tmp_path / "config.toml", data)


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# -- 1. SIGKILL at random points ---------------------------------------------------------------


@pytest.mark.timeout(600)
def test_sigkill_at_random_points_never_loses_or_repeats_an_alert(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    entries, figures = alert_worthy_items()
    feed = GrowingFeed(entries)
    http = LocalHTTPServer().start()
    http.route("/desk.xml", feed.handle)
    db = tmp_path / "monitor.db"
    smtp = CrashGateSmtp(db).start()
    log = tmp_path / "daemon.log"
    log.touch()
    # Every article of the first poll alerts too, so every figure must be told exactly once.
    config = daemon_config(tmp_path, http.url("/desk.xml"), smtp.port, first_poll_summary=False)
    modes = ["early", "timer", "timer", "timer", "in_data", "in_data"]
    rng.shuffle(modes)
    per_round = -(-len(entries) // (len(modes) + 1))
    kills: list[str] = []
    started: list[DaemonProcess] = []
    try:
        for mode in modes:
            feed.publish(per_round)
            daemon = DaemonProcess(config, log)
            started.append(daemon)
            smtp.daemon = daemon
            if mode == "early":  # before (or while) it opens the store
                time.sleep(rng.uniform(0.0, 1.0))
                smtp.kill(daemon)
            elif mode == "timer":
                assert daemon.wait_started(), log.read_text()[-2000:]
                time.sleep(rng.uniform(0.2, 4.0))
                smtp.kill(daemon)
            else:  # at the end of DATA, before the server's reply
                assert daemon.wait_started(), log.read_text()[-2000:]
                smtp.kill_in_data = True
                if not wait_until(lambda: not daemon.alive, 60):  # noqa: B023 - called at once, in this iteration
                    smtp.kill_in_data = False
                    smtp.kill(daemon)
                    mode = "timer (no DATA came)"
            kills.append(mode)
            daemon.reap()

        feed.publish(len(entries))
        final = DaemonProcess(config, log)
        started.append(final)
        smtp.daemon = final

        def finished() -> bool:
            queued = read_events(db, "AlertQueued")
            sent = {d["alert_id"] for d in read_events(db, "AlertSent")}
            return feed.complete and len(queued) == len(entries) and {d["alert_id"] for d in queued} <= sent

        done = wait_until(finished, 180, step=0.25)
        code = final.terminate()
    finally:
        for process in started:
            if process.alive:  # only when the test failed half-way
                process.sigkill()
                process.reap()
        smtp.stop()
        http.stop()

    assert done, f"not finished after the kills {kills}; log tail:\n{log.read_text()[-3000:]}"
    assert code == 0
    queued = read_events(db, "AlertQueued")
    sent = read_events(db, "AlertSent")
    attempted = Counter(d["alert_id"] for d in read_events(db, "AlertAttempted"))
    delivered = Counter(str(r.message["Message-ID"]) for r in smtp.messages)

    # Nothing queued is lost, nothing is delivered twice.
    assert sorted(delivered.values()) == [1] * len(queued), delivered.most_common(3)
    assert set(delivered) == {d["message_id"] for d in queued} == {d["message_id"] for d in sent}
    assert len({d["alert_id"] for d in sent}) == len(sent), "one AlertSent per alert"
    # Every figure the feed published was told, once, in its own alert.
    told = sorted(f["quantity"] for d in queued for f in d["facts"])
    assert told == sorted(figures)
    # The "maybe sent" path really ran: an alert whose DATA was cut off by a kill was tried again.
    assert smtp.killed_in_data >= 1 and any(n >= 2 for n in attempted.values()), (kills, attempted)
    # The log survived every kill intact.
    verify = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "verify"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    for received in smtp.messages:
        assert received.message["Subject"] and received.message.get_body(("plain",)) is not None


# -- 2. a server that refuses, times out or drops mid-DATA, then comes back ----------------


def monitor(
    config: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def alert_rows(app: Any) -> dict[str, dict[str, Any]]:
    from monitor.cli.queries import list_alerts

    app.catch_up()
    return {row["alert_id"]: row for row in list_alerts(app)}


def queue_article_alert(app: Any, article_id: str, text: str, **options: Any) -> str:
    from monitor.pipeline import process_pending
    from tests.support.alert_app import discover

    discover(app, article_id, text, **options)
    [outcome] = [o for o in process_pending(app) if o.article_id == article_id]
    assert outcome.alert_id, f"{article_id} queued no alert"
    return outcome.alert_id


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("trouble", "kind"), [("refused", "refused"), ("silent", "timeout"), ("drop_in_data", "disconnected")]
)
def test_alert_stays_queued_through_server_trouble_and_goes_out_once_when_it_is_back(
    tmp_path: Path, trouble: str, kind: str
) -> None:
    from monitor.alerts.sender import deliver_due
    from tests.support.alert_app import SHELLS_5M, make_app, make_config

    scripted = None if trouble == "refused" else ScriptedServer(trouble).start()
    port = scripted.port if scripted else closed_port()
    config = make_config(tmp_path, smtp_port=port, smtp_timeout=1)
    write_config(tmp_path / "config.toml", config_data(tmp_path, smtp_port=port, smtp_timeout=1))
    app = make_app(config)
    server = None
    try:
        alert_id = queue_article_alert(app, "a1", SHELLS_5M)
        counts = deliver_due(app)
        assert (counts["sent"], counts["failed"]) == (0, 1)
        row = alert_rows(app)[alert_id]
        assert (row["status"], row["last_error_kind"], row["attempts"]) == ("queued", kind, 1)
        assert row["next_try_at"] > row["queued_at"]
        if trouble == "drop_in_data":
            assert scripted is not None and scripted.data_bytes_seen > 0, "the drop came after DATA began"
            assert "may or may not have been accepted" in row["last_error"]
        # Backing off: the next cycle leaves it alone.
        assert deliver_due(app) == {"sent": 0, "failed": 0, "deferred": 0, "held": 0}

        if scripted is not None:
            scripted.stop()
        server = SmtpTestServer(port=port).start()  # the server is back, on the same port
        retried = monitor(tmp_path / "config.toml", "alerts", "retry")
        assert retried.returncode == 0, retried.stderr
        assert retried.stdout.strip() == "alerts: 1 sent, 0 failed, 0 deferred by the hourly cap"
        again = monitor(tmp_path / "config.toml", "alerts", "retry")
        assert again.stdout.strip().startswith("alerts: 0 sent")
        [received] = server.wait_for(1)
        time.sleep(0.2)
        assert len(server.messages) == 1
        queued = next(e.data for e in app.store.read_stream(f"alert:{alert_id}") if e.type == "AlertQueued")
        assert received.message["Message-ID"] == queued["message_id"]
        assert "5 million" in received.message.get_body(("plain",)).get_content()
        assert alert_rows(app)[alert_id]["status"] == "sent"
    finally:
        app.close()
        if server is not None:
            server.stop()
        elif scripted is not None:
            scripted.stop()


# -- 3. the alerts commands as subprocesses ---------------------------------------------------------


def cli_config(tmp_path: Path, port: int | None, **smtp: Any) -> Path:
    data = config_data(tmp_path, smtp_port=port, smtp_timeout=1)
    if port is not None:
        data["alerts"]["smtp"].update(smtp)
    return write_config(tmp_path / "config.toml", data)


@pytest.mark.timeout(120)
def test_alerts_lists_sent_waiting_and_failed_as_a_table_and_as_json(tmp_path: Path) -> None:
    from monitor.alerts.sender import deliver_due
    from tests.support.alert_app import SHELLS_9M, TROOPS_11K, make_app, make_config

    port = closed_port()
    config = cli_config(tmp_path, port)
    app = make_app(make_config(tmp_path, smtp_port=port, smtp_timeout=1))
    servers: list[SmtpTestServer] = []
    try:
        servers.append(SmtpTestServer(port=port).start())
        sent_id = queue_article_alert(app, "sent", SHELLS_9M)
        assert deliver_due(app)["sent"] == 1
        servers.pop().stop()
        waiting_id = queue_article_alert(app, "waiting", TROOPS_11K, title="Troops\r\nBcc: x@evil.example")
        assert deliver_due(app)["failed"] == 1  # nobody listening: retried later
        servers.append(SmtpTestServer(port=port, data_reply="554 5.7.1 message refused by policy").start())
        rejected_id = queue_article_alert(
            app,
            "rejected",
            "North Korea has delivered about 200 KN-23 ballistic missiles to Russia, "
            "Ukraine's military intelligence chief said on Monday.",
        )
        assert deliver_due(app)["failed"] == 1  # a 5xx to DATA: permanent
    finally:
        app.close()
        for server in servers:
            server.stop()

    listed = monitor(config, "alerts", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["alert_id"]: row for row in json.loads(listed.stdout)}
    assert {k: rows[k]["status"] for k in (sent_id, waiting_id, rejected_id)} == {
        sent_id: "sent",
        waiting_id: "queued",
        rejected_id: "failed",
    }
    assert rows[sent_id]["reply"].startswith("250 ") and rows[sent_id]["attempts"] == 1
    assert rows[waiting_id]["last_error_kind"] == "refused" and rows[waiting_id]["next_try_at"]
    assert rows[rejected_id]["last_error_kind"] == "rejected" and "554" in rows[rejected_id]["last_error"]
    assert all(row["recipients"] == ["analyst@example.org"] for row in rows.values())

    table = monitor(config, "alerts")
    assert table.returncode == 0, table.stderr
    header, *lines = table.stdout.rstrip("\n").split("\n")
    assert header.split("\t") == ["queued_at", "status", "attempts", "subject", "last_error", "channels"]
    assert sorted(line.split("\t")[1] for line in lines) == ["failed", "queued", "sent"]
    assert all("Bcc" not in line or "\r" not in line for line in lines)


def test_alerts_on_an_empty_database(tmp_path: Path) -> None:
    config = cli_config(tmp_path, None)
    assert monitor(config, "poll").returncode == 0  # no feeds: creates the database, reads nothing
    assert monitor(config, "alerts").stdout.strip() == "no alerts yet"
    assert json.loads(monitor(config, "alerts", "--json").stdout) == []


@pytest.mark.timeout(60)
def test_alerts_retry_waits_for_another_sender_and_says_so(tmp_path: Path) -> None:
    from monitor.locks import SenderLock

    config = cli_config(tmp_path, None)
    assert monitor(config, "poll").returncode == 0  # no feeds: creates the database
    with SenderLock(str(tmp_path / "monitor.db")):
        busy = monitor(config, "alerts", "retry", "--wait", "0.5")
    assert busy.returncode == 1
    assert "another process is delivering alerts" in busy.stderr
    assert monitor(config, "alerts", "retry").returncode == 0


@pytest.mark.timeout(60)
def test_alerts_test_prints_the_reply_of_a_real_server(tmp_path: Path) -> None:
    server = SmtpTestServer().start()
    try:
        result = monitor(cli_config(tmp_path, server.port), "alerts", "test")
        [received] = server.wait_for(1)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"127.0.0.1:{server.port} accepted the test message for analyst@example.org: 250 2.0.0 OK queued as TEST0001"
    )
    assert received.rcpt_tos == ("analyst@example.org",)
    assert "test" in received.message["Subject"].lower()


def test_alerts_test_without_smtp_writes_a_readable_eml(tmp_path: Path) -> None:
    import email
    from email import policy

    result = monitor(cli_config(tmp_path, None), "alerts", "test")
    assert result.returncode == 0, result.stderr
    [path] = (tmp_path / "outbox").glob("*.eml")
    assert str(path) in result.stdout
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["To"] == "analyst@example.org" and parsed.get_body(("plain",)) is not None


@dataclass
class Broken:
    """One way `alerts test` can fail, with the words its error line must contain."""

    name: str
    words: tuple[str, ...]


@pytest.mark.timeout(90)
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
@pytest.mark.parametrize(
    "case",
    [
        Broken("refused", ("refused", "refused the connection")),
        Broken("timeout", ("timeout", "timed out after 1 s")),
        Broken("auth", ("auth", "authentication failed for user 'monitor'")),
        Broken("starttls", ("tls", "does not offer STARTTLS")),
        Broken("untrusted", ("tls", "TLS handshake", "failed")),
        Broken("password unset", ("config", "MONITOR_TEST_SMTP_PASSWORD", "not set")),
    ],
    ids=lambda case: case.name,
)
def test_alerts_test_names_what_went_wrong(tmp_path: Path, case: Broken, request: pytest.FixtureRequest) -> None:
    from tests.support.smtp_server import server_tls_context

    stop: list[Callable[[], None]] = []
    env = {"MONITOR_TEST_SMTP_PASSWORD": "wrong"}
    try:
        if case.name == "refused":
            config = cli_config(tmp_path, closed_port())
        elif case.name == "timeout":
            silent = ScriptedServer("silent").start()
            stop.append(silent.stop)
            config = cli_config(tmp_path, silent.port)
        elif case.name in ("auth", "password unset"):
            server = SmtpTestServer(users={"monitor": "right"}).start()
            stop.append(server.stop)
            config = cli_config(tmp_path, server.port, username="monitor", password_env="MONITOR_TEST_SMTP_PASSWORD")
            if case.name == "password unset":
                env = {}
        elif case.name == "starttls":
            server = SmtpTestServer().start()
            stop.append(server.stop)
            config = cli_config(tmp_path, server.port, security="starttls")
        else:
            cert, key = request.getfixturevalue("tls_cert")
            server = SmtpTestServer(implicit_tls=server_tls_context(cert, key)).start()
            stop.append(server.stop)
            config = cli_config(tmp_path, server.port, security="tls")  # no ca_file: not trusted
        clean_env = {k: v for k, v in ENV.items() if k != "MONITOR_TEST_SMTP_PASSWORD"}
        result = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(config), "alerts", "test"],
            cwd=tmp_path,
            env={**clean_env, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        for halt in stop:
            halt()
    assert result.returncode == (2 if case.name == "password unset" else 1), result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"monitor: alerts test: {case.words[0]}: ")
    for word in case.words[1:]:
        assert word in line
    assert "wrong" not in line and "right" not in line, "never a password in an error"


# -- the documented duplicate window, and one sender at a time ---------------------------------


@pytest.mark.timeout(60)
def test_a_crash_inside_the_window_resends_with_the_same_message_id(tmp_path: Path) -> None:
    """What the window means: the server accepted the message, the process died before
    AlertSent. After the restart the alert is "maybe sent" and goes out again — the very
    same bytes and Message-ID, which is what lets a receiving side fold the copy."""
    import email
    from email import policy as email_policy

    from monitor import events as ev
    from monitor.alerts.deliver import SmtpSettings, send_smtp
    from monitor.alerts.sender import deliver_due
    from tests.support.alert_app import SHELLS_5M, make_app, make_config

    server = SmtpTestServer().start()
    app = make_app(make_config(tmp_path, smtp_port=server.port))
    try:
        alert_id = queue_article_alert(app, "a1", SHELLS_5M)
        data = next(e.data for e in app.store.read_stream(ev.alert_stream(alert_id)))
        message = email.message_from_string(data["message"], policy=email_policy.SMTP)
        # The state a crash inside the window leaves: attempt recorded, server has it, no AlertSent.
        app.store.append(
            [
                ev.event(
                    ev.alert_stream(alert_id),
                    ev.ALERT_ATTEMPTED,
                    {
                        "alert_id": alert_id,
                        "attempt": 1,
                        "channel": "smtp",
                        "target": f"127.0.0.1:{server.port}",
                        "message_id": data["message_id"],
                    },
                )
            ]
        )
        send_smtp(message, SmtpSettings(host="127.0.0.1", port=server.port, security="none"))
        app.catch_up()
        assert alert_rows(app)[alert_id]["status"] == "sending"
        assert deliver_due(app)["sent"] == 1
        first, second = server.wait_for(2)
    finally:
        app.close()
        server.stop()
    assert first.message["Message-ID"] == second.message["Message-ID"] == data["message_id"]
    assert first.message.get_body(("plain",)).get_content() == second.message.get_body(("plain",)).get_content()


@pytest.mark.timeout(60)
def test_no_delivery_while_another_process_holds_the_sender_lock(tmp_path: Path) -> None:
    from monitor.alerts.sender import deliver_due
    from monitor.locks import SenderLock
    from tests.support.alert_app import SHELLS_5M, make_app, make_config

    server = SmtpTestServer().start()
    app = make_app(make_config(tmp_path, smtp_port=server.port))
    try:
        alert_id = queue_article_alert(app, "a1", SHELLS_5M)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                (
                    "import sys, time; sys.path.insert(0, sys.argv[1]); from monitor.locks import SenderLock\n"
                    "with SenderLock(sys.argv[2]):\n    print('held', flush=True); time.sleep(30)"
                ),
                str(ROOT),
                str(tmp_path / "monitor.db"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert deliver_due(app) == {"sent": 0, "failed": 0, "deferred": 0, "held": 0, "busy": 1}
            assert alert_rows(app)[alert_id]["status"] == "queued"
        finally:
            holder.kill()  # SIGKILL: the kernel releases its lock
            holder.wait(timeout=10)
        with SenderLock(str(tmp_path / "monitor.db"), wait_seconds=5):
            pass
        assert deliver_due(app)["sent"] == 1
        server.wait_for(1)
    finally:
        app.close()
        server.stop()
