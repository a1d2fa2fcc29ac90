"""A channel's history across processes and releases, against real hook receivers on 127.0.0.1: the
fingerprint that names it leaves its credentials out and still finds what earlier releases recorded
under the old one, and a receiver's recorded pause binds the next process too."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.channels import check_channels, destination_id
from monitor.alerts.sender import deliver_due
from monitor.config import ConfigError, redact_channel
from tests.support.alert_app import SHELLS_5M, SHELLS_9M, TROOPS_11K, all_event_text, make_app, make_config, queue_alert
from tests.support.httpserver import LocalHTTPServer
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
