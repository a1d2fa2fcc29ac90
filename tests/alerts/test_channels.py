"""Alert channels (Apprise) against a real webhook receiver on 127.0.0.1: no mocked HTTP."""

from __future__ import annotations

import email
import email.policy
import io
import json
import logging
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.sender import deliver_due
from monitor.config import ConfigError, parse_config
from tests.support.alert_app import (
    SHELLS_5M,
    TROOPS_11K,
    all_event_text,
    config_data,
    make_app,
    make_config,
    queue_alert,
    write_config,
)
from tests.support.httpserver import free_port
from tests.support.webhook import WebhookReceiver

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3tTokenValue"


@pytest.fixture
def hooks(http_server) -> WebhookReceiver:
    return WebhookReceiver(http_server)


def deliveries(db: Path) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {row["target"]: dict(row) for row in conn.execute("SELECT * FROM alert_deliveries")}


def test_each_alert_goes_to_email_and_to_every_channel(
    tmp_path: Path, hooks: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, ops = hooks.channel("/desk"), hooks.channel(f"/ops-{SECRET}")
    monkeypatch.setenv("MONITOR_TEST_CHANNELS", f"{ops} , {desk}")  # a repeat of `notify` is sent once
    app = make_app(make_config(tmp_path, notify=[desk], notify_env="MONITOR_TEST_CHANNELS"))
    queue_alert(app, "a1", SHELLS_5M)
    counts = deliver_due(app)
    assert counts["sent"] == 1 and counts["channel_sent"] == 2
    eml = list((tmp_path / "outbox").glob("*.eml"))
    assert len(eml) == 1
    message = email.message_from_bytes(eml[0].read_bytes(), policy=email.policy.default)
    for path in ("/desk", f"/ops-{SECRET}"):
        [post] = hooks.received(path)
        assert post["title"] == message["Subject"]
        assert "5 million" in post["message"] or "5,000,000" in post["message"]
        assert "<html" not in post["message"]  # the plain-text body, not the HTML part
        # The channel shows the title above the message: the message does not repeat it.
        assert not post["message"].startswith(message["Subject"])
    rows = deliveries(tmp_path / "monitor.db")
    assert sorted(r["status"] for r in rows.values()) == ["sent", "sent"]
    assert all(r["target"].startswith(f"json://127.0.0.1:{hooks.server.port}/…#") for r in rows.values())
    assert SECRET not in all_event_text(tmp_path / "monitor.db")
    # Delivered is delivered: another pass sends nothing anywhere.
    assert deliver_due(app).get("channel_sent", 0) == 0 and len(hooks.received("/desk")) == 1
    app.close()


def test_a_failing_channel_is_retried_while_the_others_deliver(tmp_path: Path, hooks: WebhookReceiver) -> None:
    good, flaky = hooks.channel("/good"), hooks.channel("/flaky")
    hooks.fail("/flaky", times=2)
    app = make_app(make_config(tmp_path, notify=[good, flaky], retry_max_hours=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    first = deliver_due(app, now=start)
    assert (first["sent"], first["channel_sent"], first["channel_failed"]) == (1, 1, 1)
    queue_alert(app, "a2", TROOPS_11K)  # a second alert while /flaky is still failing
    second = deliver_due(app, now=start + timedelta(minutes=5))
    assert len(hooks.received("/good")) == 2  # the healthy channel is never held back
    assert second["channel_failed"] >= 1 and hooks.refused["/flaky"] == 2
    later = start + timedelta(hours=3)
    for _ in range(3):  # bounded: each pass retries what is due
        deliver_due(app, now=later)
        later += timedelta(hours=2)
    assert sorted(p["title"] for p in hooks.received("/flaky")) == sorted(p["title"] for p in hooks.received("/good"))
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        rows = conn.execute(
            "SELECT target, status, attempts, last_error FROM alert_deliveries ORDER BY queued_at, target"
        ).fetchall()
    assert all(status == "sent" and error is None for _, status, _, error in rows)
    assert sorted(attempts for *_, attempts, _ in rows) == [1, 1, 1, 3]  # /flaky's first alert took three tries
    failed = [e for e in app.store.read_all(types=[ev.ALERT_FAILED])]
    assert failed and all(e.data["destination"].startswith("channel:") and e.data["next_try_at"] for e in failed)
    assert all("500" in e.data["error"] or "failed" in e.data["error"].lower() for e in failed)
    with sqlite3.connect(tmp_path / "monitor.db") as conn:  # e-mail went out once per alert, untouched
        assert conn.execute("SELECT status, COUNT(*) FROM alerts GROUP BY status").fetchall() == [("sent", 2)]
    app.close()


def test_a_maybe_sent_channel_delivery_is_sent_again(tmp_path: Path, hooks: WebhookReceiver) -> None:
    desk = hooks.channel("/desk")
    app = make_app(make_config(tmp_path, notify=[desk]))
    queue_alert(app, "a1", SHELLS_5M)
    deliver_due(app)
    [routed] = list(app.store.read_all(types=[ev.ALERT_ROUTED]))
    [sent] = list(app.store.read_all(types=[ev.ALERT_SENT]))[-1:]
    # A crash after AlertAttempted and before the outcome: the next pass sends it again.
    alert_id, destination = routed.data["alert_id"], routed.data["destinations"][0]
    app.store.append(
        [
            ev.event(
                ev.alert_stream(alert_id),
                ev.ALERT_ATTEMPTED,
                {"alert_id": alert_id, "destination": destination, "target": "x", "attempt": 2},
            )
        ]
    )
    app.catch_up()
    assert deliveries(tmp_path / "monitor.db")[routed.data["targets"][0]]["status"] == "sending"
    assert deliver_due(app)["channel_sent"] == 1 and len(hooks.received("/desk")) == 2
    assert sent.data["destination"] == destination
    app.close()


def test_channels_added_later_do_not_replay_history(tmp_path: Path, hooks: WebhookReceiver) -> None:
    app = make_app(make_config(tmp_path))
    queue_alert(app, "a1", SHELLS_5M)
    deliver_due(app)
    app.close()
    app = make_app(make_config(tmp_path, notify=[hooks.channel("/desk")]))
    queue_alert(app, "a2", TROOPS_11K)
    deliver_due(app)
    assert len(hooks.received("/desk")) == 1 and "troops" in hooks.received("/desk")[0]["message"].lower()
    app.close()


def test_rebuild_regenerates_the_deliveries(tmp_path: Path, hooks: WebhookReceiver) -> None:
    hooks.fail("/flaky", times=1)
    app = make_app(make_config(tmp_path, notify=[hooks.channel("/desk"), hooks.channel("/flaky")]))
    queue_alert(app, "a1", SHELLS_5M)
    deliver_due(app)
    before = deliveries(tmp_path / "monitor.db")
    app.projections.rebuild()
    assert deliveries(tmp_path / "monitor.db") == before
    app.close()


@pytest.mark.parametrize(
    "alerts, message",
    [
        ({"notify": ["not a url"]}, "is not a channel URL"),
        ({"notify": "json://127.0.0.1/x"}, None),  # one string is a list of one
        ({"notify_env": "1BAD"}, "notify_env must name an environment variable"),
    ],
)
def test_channel_settings_are_checked(tmp_path: Path, alerts: dict, message: str | None) -> None:
    data = config_data(tmp_path, **alerts)
    if message is None:
        assert parse_config(data).alerts.notify == ("json://127.0.0.1/x",)
        return
    with pytest.raises(ConfigError) as caught:
        parse_config(data)
    assert message in str(caught.value)


@pytest.mark.parametrize("command", ["poll", "run"])
def test_a_channel_apprise_cannot_use_stops_poll_and_run_before_they_start(tmp_path: Path, command: str) -> None:
    # A misspelt service passes the config's syntax check; it used to surface at the first
    # alert, hours into a run, as a failed delivery in `monitor alerts`.
    typo = f"slakc://T000/B000/{SECRET}"
    write_config(tmp_path / "config.toml", config_data(tmp_path, notify=[typo]))
    done = monitor(command, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("monitor: bad config: config.toml: [alerts] notify: Apprise does not accept 'slakc://")
    assert SECRET not in done.stderr and not (tmp_path / "monitor.db").exists()


def test_channels_in_the_environment_are_checked_at_start_too(tmp_path: Path, hooks: WebhookReceiver) -> None:
    write_config(tmp_path / "config.toml", config_data(tmp_path, notify_env="NKRU_TEST_CHANNELS"))
    good = hooks.channel("/hook")
    command = [sys.executable, "-m", "monitor", "poll"]
    for value, problem in (
        (f"{good} {SECRET}", "is not a channel URL"),
        (f"{good},nosuchservice://{SECRET}", "Apprise does not accept"),
    ):
        env = {**os.environ, "NKRU_TEST_CHANNELS": value}
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
        assert done.returncode == 2 and SECRET not in done.stderr
        assert done.stderr.startswith("monitor: bad config: config.toml: [alerts] notify_env $NKRU_TEST_CHANNELS: ")
        assert problem in done.stderr and len(done.stderr.splitlines()) == 1
    env = {**os.environ, "NKRU_TEST_CHANNELS": good}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr


def monitor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=cwd, capture_output=True, text=True, timeout=90)


def test_alerts_test_channel_reports_the_outcome_without_the_token(tmp_path: Path, hooks: WebhookReceiver) -> None:
    write_config(tmp_path / "config.toml", config_data(tmp_path))
    url = hooks.channel(f"/hook-{SECRET}")
    done = monitor("alerts", "test", "--channel", url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "accepted the test notice" in done.stdout and SECRET not in done.stdout + done.stderr
    [post] = hooks.received(f"/hook-{SECRET}")
    assert post["title"] == "nkru-monitor: test notice"
    closed = f"json://127.0.0.1:{free_port()}/hook-{SECRET}"
    done = monitor("alerts", "test", "--channel", closed, cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "alerts test:" in done.stderr
    assert SECRET not in done.stdout + done.stderr
    done = monitor("alerts", "test", "--channel", f"nosuchservice://{SECRET}", cwd=tmp_path)
    assert done.returncode == 2 and SECRET not in done.stderr and "does not accept" in done.stderr
    # A value with no scheme at all is named as such; it was shown as a made-up "garbage://***" URL.
    done = monitor("alerts", "test", "--channel", SECRET, cwd=tmp_path)
    assert done.returncode == 2 and SECRET not in done.stderr and done.stderr.count("\n") == 1
    assert "--channel '(no scheme)…#" in done.stderr and "is not a channel URL" in done.stderr


def test_each_send_goes_to_the_url_it_is_given_and_names_one_apprise_refuses(hooks: WebhookReceiver) -> None:
    """Every send reads its URL afresh: a channel whose token changed between two sends reaches the new one."""
    from monitor.alerts.channels import send_notice

    before, after = f"/desk-{SECRET}", f"/desk-{SECRET}-new"
    assert send_notice(hooks.channel(before), "first", "one").ok
    assert send_notice(hooks.channel(after), "second", "two").ok
    assert [p["title"] for p in hooks.received(before)] == ["first"]
    assert [p["title"] for p in hooks.received(after)] == ["second"]
    refused = send_notice(f"nosuchservice://{SECRET}", "third", "three")
    assert not refused.ok and refused.permanent and "does not accept" in refused.detail
    assert SECRET not in refused.detail


def test_the_daemon_log_and_events_never_show_a_token(tmp_path: Path) -> None:
    closed = f"json://user:{SECRET}@127.0.0.1:{free_port()}/x-{SECRET}"
    app = make_app(make_config(tmp_path, notify=[closed]))
    queue_alert(app, "a1", SHELLS_5M)
    # What a daemon's log handler on the root logger sees, at the most talkative level.
    seen = io.StringIO()
    handler = logging.StreamHandler(seen)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        assert deliver_due(app)["channel_failed"] == 1
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert "failed (attempt 1)" in seen.getvalue()  # our own line is there, redacted
    assert SECRET not in seen.getvalue()  # and no line of Apprise or urllib3 shows the token
    assert SECRET not in all_event_text(tmp_path / "monitor.db")
    failed = list(app.store.read_all(types=[ev.ALERT_FAILED]))[-1].data
    assert failed["kind"] in ("failed", "timeout") and failed["error"]
    app.close()


def test_events_json_of_old_email_alerts_still_project(tmp_path: Path) -> None:
    """E-mail events written before channels (no destination) keep updating the alerts row."""
    app = make_app(make_config(tmp_path))
    queue_alert(app, "a1", SHELLS_5M)
    deliver_due(app)
    sent = list(app.store.read_all(types=[ev.ALERT_SENT]))
    assert sent and all("destination" not in e.data for e in sent)
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status FROM alerts").fetchall() == [("sent",)]
        assert conn.execute("SELECT COUNT(*) FROM alert_deliveries").fetchone() == (0,)
    app.close()
    assert json.dumps(sent[0].data)


def test_monitor_alerts_shows_each_channels_outcome(tmp_path: Path, hooks: WebhookReceiver) -> None:
    hooks.fail(f"/flaky-{SECRET}", times=5)
    data = config_data(tmp_path, notify=[hooks.channel("/desk"), hooks.channel(f"/flaky-{SECRET}")])
    app = make_app(parse_config(data, write_config(tmp_path / "config.toml", data)))
    queue_alert(app, "a1", SHELLS_5M)
    deliver_due(app)
    app.close()
    listed = monitor("alerts", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert sorted(c["status"] for c in row["channels"]) == ["queued", "sent"]
    assert next(c for c in row["channels"] if c["status"] == "queued")["last_error"]
    table = monitor("alerts", cwd=tmp_path)
    assert "1 sent, 1 queued" in table.stdout or "1 queued, 1 sent" in table.stdout
    assert SECRET not in listed.stdout + table.stdout


@pytest.mark.parametrize("to", ['["desk@example.org"]', "[]"], ids=["with e-mail", "channel alone"])
def test_monitor_poll_from_a_page_source_to_a_channel(
    tmp_path: Path, http_server, hooks: WebhookReceiver, to: str
) -> None:
    """A page with no feed, polled by `monitor poll`: its releases become articles, and the first
    poll's summary goes to the outbox (when there is a recipient) and to the channel."""
    from tests.support.local_site import LocalSite

    site = LocalSite(http_server)
    desk = hooks.channel("/desk")
    (tmp_path / "config.toml").write_text(f"""
[store]
path = "monitor.db"

[fetch]
per_host_gap_seconds = 0
timeout_seconds = 5
deadline_seconds = 10

[[feeds]]
id = "ministry"
url = "{site.url("/press/")}"
type = "page"
outlet = "Ministry"

[alerts]
to = {to}
from = "monitor@example.org"
outbox_dir = "outbox"
notify = ["{desk}"]
""")
    done = monitor("poll", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 feeds polled: 3 new articles, 0 failed" in done.stdout
    assert "to channels 1 sent, 0 failed" in done.stdout
    [post] = hooks.received("/desk")
    assert post["title"].startswith("New feed ministry: first poll saw 3 entries")
    assert "\r" not in post["message"] and "Alert id: first-poll-ministry" in post["message"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == (0 if to == "[]" else 1)


def test_an_alert_queued_after_the_routing_pass_still_reaches_the_channels(
    tmp_path: Path, hooks: WebhookReceiver
) -> None:
    """The daemon queues alerts on poll threads while delivery runs on its own: an alert that
    appears after deliver_due routed the others is routed right before its e-mail goes."""
    import random

    from monitor.alerts.sender import Breaker, _deliver_locked

    app = make_app(make_config(tmp_path, notify=[hooks.channel("/desk")]))
    queue_alert(app, "a1", SHELLS_5M)  # queued, and no routing pass has seen it
    counts = {"sent": 0, "failed": 0, "deferred": 0, "held": 0}
    _deliver_locked(app, datetime.now(UTC), False, random.Random(1), counts, Breaker(1))
    assert counts["sent"] == 1
    assert [e.data["alert_id"] for e in app.store.read_all(types=[ev.ALERT_ROUTED])] != []
    assert deliver_due(app)["channel_sent"] == 1 and len(hooks.received("/desk")) == 1
    app.close()


def test_with_no_recipient_alerts_go_to_the_channels_alone(tmp_path: Path, hooks: WebhookReceiver) -> None:
    """[alerts] to empty, channels named: alerts are composed all the same, delivered to the channels, never mailed,
    and the log and `monitor alerts` say where each went."""
    data = config_data(tmp_path, to=[], notify=[hooks.channel("/desk")])
    app = make_app(parse_config(data, write_config(tmp_path / "config.toml", data)))
    alert_id = queue_alert(app, "a1", SHELLS_5M)
    [queued] = list(app.store.read_all(types=[ev.ALERT_QUEUED]))
    assert queued.data["recipients"] == [] and "undisclosed-recipients:;" in queued.data["message"]
    assert "stop alerts by emptying `to` and the channels" in " ".join(queued.data["message"].split())
    counts = deliver_due(app)
    assert (counts["sent"], counts["failed"], counts["channel_sent"]) == (0, 0, 1)
    [post] = hooks.received("/desk")
    assert post["title"] == queued.data["subject"] and "5 million" in post["message"]
    assert not list((tmp_path / "outbox").glob("*.eml"))  # no e-mail, not even to the outbox
    # Every event about it names the channel; none is e-mail's.
    stream = [e for e in app.store.read_stream(ev.alert_stream(alert_id)) if e.type != ev.ALERT_QUEUED]
    assert [e.type for e in stream] == [ev.ALERT_ROUTED, ev.ALERT_ATTEMPTED, ev.ALERT_SENT]
    assert all(e.data.get("destination", "").startswith("channel:") for e in stream[1:])
    # Delivered once: later passes, a retry of everything and a rebuild change nothing.
    deliver_due(app)
    deliver_due(app, include_failed=True)
    before = deliveries(tmp_path / "monitor.db")
    app.projections.rebuild()
    assert deliveries(tmp_path / "monitor.db") == before and len(hooks.received("/desk")) == 1
    app.close()
    listed = monitor("alerts", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert (row["status"], row["recipients"], row["attempts"]) == ("channels_only", [], 0)
    assert [c["status"] for c in row["channels"]] == ["sent"]
    assert "channels_only" in monitor("alerts", cwd=tmp_path).stdout


def test_an_alert_for_the_channels_alone_waits_for_a_channel_that_is_down(
    tmp_path: Path, hooks: WebhookReceiver
) -> None:
    hooks.fail("/desk", times=1)
    app = make_app(make_config(tmp_path, to=[], notify=[hooks.channel("/desk")], retry_max_hours=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 1
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status FROM alerts").fetchall() == [("channels_only",)]
    app.close()
    app = make_app(make_config(tmp_path, to=[], notify=[hooks.channel("/desk")], retry_max_hours=1))  # a restart
    assert deliver_due(app, now=start + timedelta(hours=2))["channel_sent"] == 1
    assert len(hooks.received("/desk")) == 1 and not list((tmp_path / "outbox").glob("*.eml"))
    app.close()


def test_a_setup_whose_alerts_would_go_nowhere_is_refused_before_run_or_poll_starts(tmp_path: Path) -> None:
    # The channels were to come from the environment and the variable is not set there: no destination at all.
    write_config(tmp_path / "config.toml", config_data(tmp_path, to=[], notify_env="NKRU_TEST_UNSET_CHANNELS"))
    for command in ("poll", "run"):
        done = monitor(command, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        [line] = done.stderr.splitlines()
        assert "$NKRU_TEST_UNSET_CHANNELS, which holds no channel URL here" in line and "go nowhere" in line
        assert not (tmp_path / "monitor.db").exists()
    # Channels and no recipient is a setup; no recipient and no channel named is alerts turned off. Both start.
    for alerts in ({"to": [], "notify": ["json://127.0.0.1:9/hook"]}, {"to": []}):
        write_config(tmp_path / "config.toml", config_data(tmp_path, **alerts))
        done = monitor("poll", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
