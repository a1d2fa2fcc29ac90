"""A delivery's history across processes and releases, against real hook receivers and a real SMTP server on
127.0.0.1: the fingerprint that names a channel leaves its credentials out and still finds what earlier releases
recorded under the old one, a receiver's recorded pause binds the next process too, and a delivery that fails for
days is given up the way mature senders do it, kept, and revived by `monitor alerts retry`."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.channels import check_channels, destination_id, destination_ids
from monitor.alerts.sender import deliver_due
from monitor.config import ConfigError, parse_config, redact_channel
from tests.support.alert_app import (
    SHELLS_5M,
    SHELLS_9M,
    TROOPS_11K,
    all_event_text,
    config_data,
    make_app,
    make_config,
    queue_alert,
    write_config,
)
from tests.support.httpserver import LocalHTTPServer
from tests.support.smtp_server import smtp_factory  # noqa: F401  (a fixture, used by name)
from tests.support.webhook import Desk

WEAK = "hunter2"  # the kind of password six characters of its hash would confirm


def old_destination(url: str) -> str:
    """What releases up to December 2026 recorded for a channel: six hex characters over the whole URL."""
    return "channel:" + hashlib.sha256(url.encode()).hexdigest()[:6]


def rows(db: Path) -> list[tuple[str, str, str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT alert_id, destination, status, attempts FROM alert_deliveries ORDER BY position"
        ).fetchall()


def route_as_an_old_release_did(app, alert_id: str, url: str) -> None:
    """The AlertRouted an earlier release appended for ``alert_id``: its fingerprint hashed the password."""
    app.store.append(
        [
            ev.event(
                ev.alert_stream(alert_id),
                ev.ALERT_ROUTED,
                {
                    "alert_id": alert_id,
                    "destinations": [old_destination(url)],
                    "targets": ["hook+http://127.0.0.1/…#x"],
                },
                key=(alert_id,),
            )
        ]
    )
    app.catch_up()


def test_a_hooks_fingerprint_says_nothing_of_its_password(tmp_path: Path, http_server: LocalHTTPServer) -> None:
    desk = Desk(http_server, "/desk", [], credentials=f"desk:{WEAK}")
    bare = desk.url.replace(f"desk:{WEAK}@", "")
    # The same receiver whatever its password: a password changed in the config keeps the channel's history.
    assert redact_channel(desk.url) == redact_channel(desk.url.replace(WEAK, "other")) == redact_channel(bare)
    assert destination_id(desk.url) == destination_id(bare) != old_destination(desk.url)
    # An Apprise URL keeps its user (it may name the recipient) and leaves out its password.
    assert redact_channel("json://ann:pw1@127.0.0.1:9/x") == redact_channel("json://ann:pw2@127.0.0.1:9/x")
    assert redact_channel("pover://user1@apptoken") != redact_channel("pover://user2@apptoken")
    app = make_app(make_config(tmp_path, notify=[desk.url]))
    queue_alert(app, "a1", SHELLS_5M)
    assert deliver_due(app)["channel_sent"] == 1 and len(desk.delivered()) == 1
    text = all_event_text(tmp_path / "monitor.db")
    assert WEAK not in text and old_destination(desk.url).removeprefix("channel:") not in text
    assert destination_id(desk.url) in text
    app.close()


def test_an_apprise_password_given_in_the_query_stays_out_of_the_fingerprint_too() -> None:
    """Apprise takes a password from ``?pass=`` or ``?password=`` as well, and with ``?user=`` in the query the
    ``x@`` before the host is the password (mailtos://PASSWORD@host?user=...): neither may enter the six
    characters, or they confirm a guess just as the old fingerprint did."""
    for with_weak in (
        f"mailtos://smtp.example.org?user=desk@example.org&pass={WEAK}&to=ann@example.org",
        f"mailtos://smtp.example.org?PASSWORD={WEAK}&to=ann@example.org",
        f"mailtos://{WEAK}@smtp.example.org?user=desk@example.org&to=ann@example.org",
    ):
        other = with_weak.replace(WEAK, "correct-horse")
        assert redact_channel(with_weak) == redact_channel(other), with_weak
        assert old_destination(other) in destination_ids(other)  # what earlier releases recorded still names it
    # The rest of the query still tells two channels apart.
    assert redact_channel(f"mailtos://h?pass={WEAK}&to=ann@x.org") != redact_channel(
        f"mailtos://h?pass={WEAK}&to=bo@x.org"
    )


def test_deliveries_an_old_release_routed_under_the_old_fingerprint_are_still_this_hooks(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/desk", [(410, {})], credentials=f"desk:{WEAK}")
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=1))
    older = queue_alert(app, "a1", SHELLS_5M)
    route_as_an_old_release_did(app, older, desk.url)
    start = datetime.now(UTC)
    # The old name is matched to the configured hook: the delivery goes, recorded under the name it was routed by
    # (the log is never rewritten), and the hook's 410 is its answer.
    assert deliver_due(app, now=start)["channel_failed"] == 1
    [(alert_id, destination, status, attempts)] = rows(tmp_path / "monitor.db")
    assert (alert_id, destination, status, attempts) == (older, old_destination(desk.url), "failed", 1)
    # A 410 recorded under the old name stops the hook under its new one: a later alert is not posted to it.
    newer = queue_alert(app, "a2", TROOPS_11K)
    deliver_due(app, now=start + timedelta(hours=1))
    assert len(desk.posts) == 1
    by_alert = {r[0]: r for r in rows(tmp_path / "monitor.db")}
    assert by_alert[newer][1:3] == (destination_id(desk.url), "failed")
    before = rows(tmp_path / "monitor.db")
    app.projections.rebuild()
    assert rows(tmp_path / "monitor.db") == before
    app.close()


def test_an_old_routing_is_delivered_once_and_new_alerts_take_the_new_name(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/desk", [], credentials=f"desk:{WEAK}")
    app = make_app(make_config(tmp_path, notify=[desk.url]))
    older = queue_alert(app, "a1", SHELLS_5M)
    route_as_an_old_release_did(app, older, desk.url)
    newer = queue_alert(app, "a2", SHELLS_9M)
    assert deliver_due(app)["channel_sent"] == 2
    assert deliver_due(app, include_failed=True).get("channel_sent", 0) == 0 and len(desk.delivered()) == 2
    assert rows(tmp_path / "monitor.db") == [
        (older, old_destination(desk.url), "sent", 1),
        (newer, destination_id(desk.url), "sent", 1),
    ]
    app.close()


def test_two_urls_differing_only_in_credentials_are_refused_at_start(tmp_path: Path) -> None:
    one, two = f"hook+http://desk:{WEAK}@127.0.0.1:9/desk", "hook+http://desk:rotated@127.0.0.1:9/desk"
    with pytest.raises(ConfigError) as caught:
        check_channels(make_config(tmp_path, notify=[one, two]), env={})
    assert "differ only in their credentials" in str(caught.value) and WEAK not in str(caught.value)


def test_alerts_retry_refuses_two_urls_differing_only_in_credentials_as_the_start_does(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/desk", [], credentials=f"desk:{WEAK}")
    rotated = desk.url.replace(f"desk:{WEAK}@", "desk:rotated@")
    assert rotated != desk.url
    data = config_data(tmp_path, notify=[desk.url, rotated])
    app = make_app(parse_config(data, write_config(tmp_path / "config.toml", data)))
    queue_alert(app, "a1", SHELLS_5M)
    app.close()
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "alerts", "retry", "--wait", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "differ only in their credentials" in done.stderr and WEAK not in done.stderr + done.stdout
    assert desk.posts == [], "nothing is delivered by a configuration the daemon would not start with"


def test_a_pause_a_hook_asked_for_binds_a_process_started_during_it(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """The daemon is told to wait twenty minutes; `monitor poll` from cron a moment later posts nothing either."""
    desk = Desk(http_server, "/busy", [(429, {"Retry-After": "1200"})])
    data = config_data(tmp_path, notify=[desk.url], retry_max_hours=6)
    app = make_app(parse_config(data, write_config(tmp_path / "config.toml", data)))
    queue_alert(app, "a1", SHELLS_5M)
    queue_alert(app, "a2", TROOPS_11K)
    start = datetime.now(UTC)
    counts = deliver_due(app, now=start)
    assert (counts["channel_failed"], counts["channel_held"], len(desk.posts)) == (1, 1, 1)
    [failed] = [e.data for e in app.store.read_all(types=[ev.ALERT_FAILED]) if e.data.get("destination")]
    assert failed["paused_until"] == ev.timestamp(start + timedelta(seconds=1200))
    app.close()
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "poll"], cwd=tmp_path, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    assert len(desk.posts) == 1  # the second alert was due, and waited for the pause all the same
    app = make_app(parse_config(data, tmp_path / "config.toml"))
    app.projections.rebuild()  # the pause is the log's, so rebuilt tables keep it
    assert deliver_due(app, now=start + timedelta(minutes=10)).get("channel_sent", 0) == 0 and len(desk.posts) == 1
    # `monitor alerts retry` is the operator overriding it: every due alert goes now.
    assert deliver_due(app, now=start + timedelta(minutes=10), include_failed=True)["channel_sent"] == 2
    app.close()


def test_a_pause_recorded_while_the_clock_ran_far_ahead_ends_within_the_cap(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """A 429 answered while the machine's clock was a year ahead (a dead RTC before NTP set it): the pause recorded
    then lies a year away once the clock is right. A receiver's pause is never longer than the cap, so one ending
    further from now than that is not a pause to honour, and the hook's other alerts go."""
    desk = Desk(http_server, "/busy", [(429, {"Retry-After": "1200"})])
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    queue_alert(app, "a2", TROOPS_11K)
    right = datetime.now(UTC)
    deliver_due(app, now=right + timedelta(days=365))
    assert len(desk.posts) == 1
    counts = deliver_due(app, now=right + timedelta(minutes=1))  # (the first's retry, a year away, is due too)
    assert counts.get("channel_sent", 0) == 2 and len(desk.posts) == 3
    app.close()


def test_a_retry_scheduled_while_the_clock_ran_far_ahead_is_not_waited_for(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """A failure recorded while the clock was a year ahead sets its next try a year away. No backoff or pause waits
    longer than retry_max_hours (or the pause cap), so a next try further from now than that is due now."""
    desk = Desk(http_server, "/down", [(503, {})])
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    right = datetime.now(UTC)
    deliver_due(app, now=right + timedelta(days=365))
    assert len(desk.posts) == 1
    assert deliver_due(app, now=right + timedelta(minutes=1)).get("channel_sent", 0) == 1 and len(desk.posts) == 2
    app.close()


def test_a_pause_recorded_before_paused_until_was_written_still_holds(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """A failure of the previous release carries retry_after_seconds alone: the pause runs from its recorded time."""
    desk = Desk(http_server, "/busy", [])
    app = make_app(make_config(tmp_path, notify=[desk.url]))
    first = queue_alert(app, "a1", SHELLS_5M)
    queue_alert(app, "a2", TROOPS_11K)
    route_as_an_old_release_did(app, first, desk.url)  # (routed under the same name: this URL has no password)
    later = datetime.now(UTC) + timedelta(minutes=30)
    app.store.append(
        [
            ev.event(
                ev.alert_stream(first),
                ev.ALERT_FAILED,
                {
                    "alert_id": first,
                    "attempt": 1,
                    "kind": "failed",
                    "error": "HTTP 429",
                    "permanent": False,
                    "next_try_at": ev.timestamp(later),
                    "destination": destination_id(desk.url),
                    "target": "hook+http://127.0.0.1/…#x",
                    "retry_after_seconds": 1800,
                },
            )
        ]
    )
    app.catch_up()
    assert deliver_due(app).get("channel_sent", 0) == 0 and desk.posts == []
    assert deliver_due(app, now=later + timedelta(seconds=5))["channel_sent"] == 2
    app.close()


def retried_until_given_up(app, deliver_at, now: datetime, limit: int = 60) -> tuple[datetime, list[dict]]:
    """Passes at each delivery's next try until one gives up (bounded by ``limit`` passes); the pass's moment and
    the failures recorded."""
    for _ in range(limit):
        deliver_at(now)
        failures = [e.data for e in app.store.read_all(types=[ev.ALERT_FAILED])]
        if failures and failures[-1].get("gave_up"):
            return now, failures
        now = datetime.fromisoformat(failures[-1]["next_try_at"])
    raise AssertionError(f"not given up after {limit} passes")


def test_a_hook_failing_for_three_days_is_given_up_kept_and_revived_by_retry(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Desk(http_server, "/down", [(503, {})] * 200)
    data = config_data(tmp_path, notify=[desk.url], retry_max_hours=6)
    app = make_app(parse_config(data, write_config(tmp_path / "config.toml", data)))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    ended, failures = retried_until_given_up(app, lambda at: deliver_due(app, now=at), start)
    mine = [f for f in failures if f.get("destination")]
    assert ended - start >= timedelta(days=3) and ended - start < timedelta(days=3, hours=7)
    assert mine[-1]["gave_up"] and mine[-1]["next_try_at"] is None and not mine[-1]["permanent"]
    assert not any(f.get("gave_up") for f in mine[:-1]) and len(mine) >= 5
    # Given up is not lost: nothing more is posted by itself, and `monitor alerts` shows it.
    posts = len(desk.posts)
    deliver_due(app, now=ended + timedelta(days=2))
    assert len(desk.posts) == posts
    app.close()
    listed = subprocess.run(
        [sys.executable, "-m", "monitor", "alerts", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=90
    )
    [row] = json.loads(listed.stdout)
    assert [(c["status"], c["next_try_at"]) for c in row["channels"]] == [("given_up", None)]
    # The receiver is back: `monitor alerts retry` sends it.
    desk.script.clear()
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "alerts", "retry"], cwd=tmp_path, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    assert "channels: 1 sent" in done.stdout and len(desk.delivered()) == 1
    assert rows(tmp_path / "monitor.db")[0][2] == "sent"


def last_failure(app) -> dict:
    return [e.data for e in app.store.read_all(types=[ev.ALERT_FAILED])][-1]


def test_a_machine_off_for_a_week_does_not_give_up_a_failing_hook_on_its_first_try_after_restarting(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """The hook failed all of a day (attempts to spare), then the machine was off for a week: the first try after
    it restarts is the first in a week, and gives the hook no fair run, so it does not give up; the next one may."""
    desk = Desk(http_server, "/down", [(503, {})] * 200)
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    start = now = datetime.now(UTC)
    for _ in range(60):  # (bounded) a day of tries at their times
        deliver_due(app, now=now)
        now = datetime.fromisoformat(last_failure(app)["next_try_at"])
        if now - start > timedelta(days=1):
            break
    tried = len(desk.posts)
    assert tried >= 5
    back = start + timedelta(days=8)
    deliver_due(app, now=back)
    first_after = last_failure(app)
    assert len(desk.posts) == tried + 1 and not first_after.get("gave_up") and first_after["next_try_at"]
    deliver_due(app, now=datetime.fromisoformat(first_after["next_try_at"]))
    assert last_failure(app).get("gave_up")
    app.close()


def test_a_delivery_refused_for_good_and_retried_a_month_later_starts_a_new_spell(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    """Four 503s, then a 400 (failed for good, no more tries); a month later the operator fixes the receiver, runs
    `monitor alerts retry`, and the receiver is still warming up (503). That try starts a spell of its own: the
    month the delivery sat refused is not days of failing retries, so it is not given up on the spot."""
    desk = Desk(http_server, "/strict", [(503, {})] * 4 + [(400, {})])
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=6))
    queue_alert(app, "a1", SHELLS_5M)
    now = datetime.now(UTC)
    for _ in range(5):
        deliver_due(app, now=now)
        now = datetime.fromisoformat(last_failure(app)["next_try_at"] or ev.timestamp(now))
    assert last_failure(app)["permanent"] and len(desk.posts) == 5
    desk.script.append((503, {}))
    deliver_due(app, now=now + timedelta(days=30), include_failed=True)
    revived = last_failure(app)
    assert len(desk.posts) == 6 and not revived.get("gave_up") and revived["next_try_at"]
    app.close()


def test_mail_the_server_keeps_deferring_for_five_days_is_given_up_and_revived(tmp_path: Path, smtp_factory) -> None:
    server = smtp_factory(data_reply="451 4.3.0 try again later")
    app = make_app(make_config(tmp_path, smtp_port=server.port, retry_max_hours=6))
    alert_id = queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    ended, failures = retried_until_given_up(app, lambda at: deliver_due(app, now=at), start)
    assert timedelta(days=5) <= ended - start < timedelta(days=5, hours=7)
    assert failures[-1]["gave_up"] and failures[-1]["kind"] == "temporary" and failures[-1]["next_try_at"] is None
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status, next_try_at FROM alerts").fetchall() == [("given_up", None)]
    assert deliver_due(app, now=ended + timedelta(days=1))["sent"] == 0
    # Revived while the server still defers: tried, failed, and back in the queue for a new spell of retries.
    assert deliver_due(app, now=ended + timedelta(days=1), include_failed=True)["failed"] == 1
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        [(status, next_try_at)] = conn.execute("SELECT status, next_try_at FROM alerts").fetchall()
    assert status == "queued" and next_try_at is not None
    server.data_reply = None  # the mail server takes mail again
    counts = deliver_due(app, now=ended + timedelta(days=1), include_failed=True)  # `monitor alerts retry`
    assert counts["sent"] == 1 and len(server.messages) == 1
    assert server.messages[0].message["X-NKRU-Alert-Id"] == alert_id
    app.close()


def test_a_hooks_give_up_span_and_attempts_are_the_configs(tmp_path: Path, http_server: LocalHTTPServer) -> None:
    """A site that wants to hear of a dead receiver within half a day, after at least 12 tries, says so."""
    desk = Desk(http_server, "/down", [(503, {})] * 200)
    options = {"give_up_channel_days": 0.5, "give_up_min_attempts": 12}
    app = make_app(make_config(tmp_path, notify=[desk.url], retry_max_hours=1, **options))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    ended, failures = retried_until_given_up(app, lambda at: deliver_due(app, now=at), start)
    mine = [f for f in failures if f.get("destination")]
    assert timedelta(hours=12) <= ended - start < timedelta(hours=14)
    assert mine[-1]["gave_up"] and len(mine) >= 12 and not any(f.get("gave_up") for f in mine[:-1])
    app.close()


def test_mails_give_up_span_is_the_configs(tmp_path: Path, smtp_factory) -> None:
    server = smtp_factory(data_reply="451 4.3.0 try again later")
    app = make_app(make_config(tmp_path, smtp_port=server.port, retry_max_hours=6, give_up_email_days=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    ended, failures = retried_until_given_up(app, lambda at: deliver_due(app, now=at), start)
    assert timedelta(days=1) <= ended - start < timedelta(days=1, hours=7)
    assert failures[-1]["gave_up"] and len(failures) >= 5
    app.close()


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("give_up_email_days", 0, "give_up_email_days must be more than 0"),
        ("give_up_channel_days", "3d", "give_up_channel_days must be a number, not '3d'"),
        ("give_up_min_attempts", 0, "give_up_min_attempts must be at least 1"),
        ("give_up_min_attempts", 2.5, "give_up_min_attempts must be an integer, not 2.5"),
    ],
)
def test_a_bad_give_up_limit_is_one_line_naming_the_file_and_key(tmp_path: Path, key: str, value, says: str) -> None:
    data = config_data(tmp_path, **{key: value})
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(write_config(tmp_path / "config.toml", data)), "alerts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "config.toml: [alerts]" in done.stderr and says in done.stderr
