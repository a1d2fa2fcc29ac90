"""Feed health alerts from real FeedPolled/FeedFailed events in a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.compose import feed_thread_id
from monitor.alerts.health import assess, queue_health_alerts, transition
from monitor.alerts.sender import deliver_due
from monitor.projections.feeds import FeedRow
from tests.support.alert_app import events_of, feed_failed, feed_polled, make_app, make_config
from tests.support.smtp_server import SmtpTestServer, smtp_factory, smtp_server  # noqa: F401

pytestmark = pytest.mark.timeout(60)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def at(hours: float) -> str:
    return (T0 + timedelta(hours=hours)).isoformat().replace("+00:00", "Z")


def statuses(app) -> list[str]:
    return [e.data["health_status"] for e in events_of(app, ev.ALERT_QUEUED) if e.data["kind"] == "feed_health"]


def test_failing_feed_mails_once_then_recovers_once(tmp_path: Path, smtp_server: SmtpTestServer) -> None:
    app = make_app(make_config(tmp_path, smtp_port=smtp_server.port, feeds=["feed-a"], feed_failures_before_alert=3))
    feed_polled(app, "feed-a", at(0), new=2)
    for n in (1, 2):
        feed_failed(app, "feed-a", at(n), failures_in_row=n)
        assert queue_health_alerts(app, T0 + timedelta(hours=n)) == []
    feed_failed(app, "feed-a", at(3), failures_in_row=3, message="HTTP 503\r\nBcc: x@evil.example")
    [failing] = queue_health_alerts(app, T0 + timedelta(hours=3))
    assert failing == "health-1-failing-feed-a"
    # Still failing: rate-limited to the one message, however often the cycle asks.
    feed_failed(app, "feed-a", at(4), failures_in_row=4)
    assert queue_health_alerts(app, T0 + timedelta(hours=4)) == []
    assert queue_health_alerts(app, T0 + timedelta(hours=4)) == []

    feed_polled(app, "feed-a", at(5), new=1)
    assert queue_health_alerts(app, T0 + timedelta(hours=5)) == ["health-2-recovered-feed-a"]
    assert queue_health_alerts(app, T0 + timedelta(hours=6)) == []
    assert statuses(app) == ["failing", "recovered"]

    assert deliver_due(app)["sent"] == 2
    first, second = (r.message for r in smtp_server.wait_for(2))
    assert first["Subject"].startswith("Feed failing: feed-a (3 failures in a row)")
    assert first["Bcc"] is None
    assert "HTTP 503" in first.get_body(("plain",)).get_content()
    assert second["Subject"] == "Feed recovered: feed-a"
    # Both mails about one feed thread together.
    assert first["In-Reply-To"] == second["In-Reply-To"] == feed_thread_id("feed-a", "example.org")


def test_outage_failures_neither_alert_nor_recover(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, feeds=["feed-a"], feed_failures_before_alert=2))
    feed_polled(app, "feed-a", at(0), new=1)
    # The poller keeps the count during an outage and flags the event: the machine was offline.
    for n in range(1, 6):
        feed_failed(app, "feed-a", at(n), failures_in_row=0, outage=True)
        assert queue_health_alerts(app, T0 + timedelta(hours=n)) == []
    feed_failed(app, "feed-a", at(6), failures_in_row=1)
    feed_failed(app, "feed-a", at(7), failures_in_row=2)
    assert queue_health_alerts(app, T0 + timedelta(hours=7)) == ["health-1-failing-feed-a"]
    # An outage while failing is not a recovery either.
    feed_failed(app, "feed-a", at(8), failures_in_row=2, outage=True)
    assert queue_health_alerts(app, T0 + timedelta(hours=8)) == []
    assert statuses(app) == ["failing"]


def test_silent_feed_mails_once_and_recovers_on_new_items(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, feeds=["feed-a", "feed-b"], feed_silent_days=3))
    feed_polled(app, "feed-a", at(0), new=4)
    feed_polled(app, "feed-b", at(0), new=4)
    feed_polled(app, "feed-a", at(24 * 2), new=0)
    assert queue_health_alerts(app, T0 + timedelta(days=2)) == []
    feed_polled(app, "feed-a", at(24 * 4), new=0)
    feed_polled(app, "feed-b", at(24 * 4), new=1)
    assert queue_health_alerts(app, T0 + timedelta(days=4)) == ["health-1-silent-feed-a"]
    assert queue_health_alerts(app, T0 + timedelta(days=5)) == []
    [queued] = [e for e in events_of(app, ev.ALERT_QUEUED)]
    assert queued.data["subject"] == "Feed silent: feed-a (no new items for 4 days)"

    feed_polled(app, "feed-a", at(24 * 5), new=2)
    assert queue_health_alerts(app, T0 + timedelta(days=5)) == ["health-2-recovered-feed-a"]
    assert statuses(app) == ["silent", "recovered"]


def test_a_feed_that_never_had_an_item_is_silent_from_its_first_poll(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, feeds=["feed-a"], feed_silent_days=3))
    feed_polled(app, "feed-a", at(0), new=0)
    feed_polled(app, "feed-a", at(24 * 2), new=0)
    assert queue_health_alerts(app, T0 + timedelta(days=2)) == []
    feed_polled(app, "feed-a", at(24 * 3), new=0)
    assert queue_health_alerts(app, T0 + timedelta(days=3, hours=1)) == ["health-1-silent-feed-a"]


def test_a_feed_gone_at_its_first_poll_mails_that_it_is_no_longer_polled(
    tmp_path: Path, smtp_server: SmtpTestServer
) -> None:
    # A feed configured with a dead address is disabled by its first answer: no poll was ever
    # counted, so no mail went out, and the failing mail for a feed gone later said the monitor
    # kept retrying it.
    app = make_app(make_config(tmp_path, smtp_port=smtp_server.port, feeds=["feed-a"], feed_failures_before_alert=3))
    url = "http://127.0.0.1:9/feed-a.xml"
    reason = "the server says the feed is gone (410)"
    data = {"feed_id": "feed-a", "url": url, "status": 410, "reason": reason}
    app.store.append([ev.event(ev.feed_stream("feed-a"), ev.FEED_DISABLED, data)])
    assert queue_health_alerts(app, T0) == ["health-1-failing-feed-a"]
    assert queue_health_alerts(app, T0 + timedelta(hours=1)) == []
    assert deliver_due(app)["sent"] == 1
    [mail] = (r.message for r in smtp_server.wait_for(1))
    assert mail["Subject"] == f"Feed gone: feed-a: {reason}"
    text = mail.get_body(("plain",)).get_content()
    assert "it is no longer polled" in text and "put its new address in url in config.toml" in text
    assert "keeps retrying" not in text


def test_unconfigured_and_disabled_feeds_are_left_alone(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, feeds=[], feed_failures_before_alert=1))
    feed_failed(app, "gone-feed", at(1), failures_in_row=9)
    assert queue_health_alerts(app, T0) == []


def test_no_recipients_no_health_alerts(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, feeds=["feed-a"], feed_failures_before_alert=1, to=[]))
    feed_failed(app, "feed-a", at(1), failures_in_row=3)
    assert queue_health_alerts(app, T0) == []


def test_two_processes_deciding_the_same_transition_queue_one_alert(tmp_path: Path) -> None:
    config = make_config(tmp_path, feeds=["feed-a"], feed_failures_before_alert=1)
    app, other = make_app(config), make_app(config)
    feed_failed(app, "feed-a", at(1), failures_in_row=1)
    assert queue_health_alerts(app, T0) == ["health-1-failing-feed-a"]
    # `other` has not caught up yet; whatever it decides maps to the same event id.
    queue_health_alerts(other, T0)
    assert len(events_of(app, ev.ALERT_QUEUED)) == 1


def row(**changes) -> FeedRow:
    base = dict(
        feed_id="f",
        url=None,
        status="ok",
        failures_in_row=0,
        last_error_kind=None,
        last_error=None,
        outage=False,
        last_success_at=at(0),
        last_new_at=at(0),
        next_poll_at=None,
        polls=3,
    )
    base.update(changes)
    return FeedRow(**base)


@pytest.mark.parametrize(
    "feed, expected",
    [
        (row(polls=0, status="new"), None),
        (row(status="failing", failures_in_row=2), None),
        (row(status="failing", failures_in_row=5), "failing"),
        (row(status="failing", failures_in_row=9, outage=True), None),
        (row(status="disabled"), "failing"),
        (row(status="disabled", polls=0), "failing"),
        (row(), "ok"),
        (row(last_new_at=at(-24 * 8)), "silent"),
        (row(last_new_at=None), "ok"),  # never had an item and no first-seen time known: no verdict on silence
    ],
)
def test_assess(feed: FeedRow, expected: str | None) -> None:
    assert assess(feed, T0, failures_before_alert=5, silent_days=7) == expected


@pytest.mark.parametrize(
    "last, now, expected",
    [
        (None, "ok", None),
        (None, "failing", "failing"),
        (None, "silent", "silent"),
        (None, None, None),
        ("failing", "failing", None),
        ("failing", "ok", "recovered"),
        ("failing", None, None),
        ("silent", "silent", None),
        ("silent", "ok", "recovered"),
        ("silent", "failing", "failing"),
        ("recovered", "failing", "failing"),
        ("recovered", "ok", None),
    ],
)
def test_transition(last, now, expected) -> None:
    assert transition(last, now) == expected
