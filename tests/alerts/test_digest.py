"""Digest mode on a real store and a real SMTP server on 127.0.0.1: changes are held,
compiled into one message grouped by ledger key, and never sent twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.compose import thread_key_id
from monitor.alerts.digest import queue_digest
from monitor.alerts.sender import deliver_due
from monitor.pipeline import process_pending
from tests.support.alert_app import (
    OFF_TOPIC,
    SHELLS_5M,
    SHELLS_5M_AGAIN,
    TROOPS_11K,
    discover,
    events_of,
    make_app,
    make_config,
)
from tests.support.smtp_server import SmtpTestServer, smtp_factory, smtp_server  # noqa: F401

pytestmark = pytest.mark.timeout(60)

NOW = datetime.now(UTC)
SHELLS = "shipment|artillery_shells|NK->RU"
TROOPS = "troop_deployment|troops|NK->RU"


def digest_app(tmp_path: Path, port: int | None = None):
    return make_app(make_config(tmp_path, smtp_port=port, mode="digest"))


def test_digest_mode_holds_changes_then_sends_one_message_grouped_by_key(
    tmp_path: Path, smtp_server: SmtpTestServer
) -> None:
    app = digest_app(tmp_path, smtp_server.port)
    discover(app, "a1", SHELLS_5M, title="Seoul: 5 million shells sent", published="2024-10-01")
    discover(app, "a2", TROOPS_11K, title="11,000 troops in Kursk", published="2024-10-02")
    discover(app, "a3", OFF_TOPIC, title="Parks budget")
    process_pending(app)

    # Nothing is queued per article in digest mode; the verdicts are held for the digest.
    assert events_of(app, ev.ALERT_QUEUED) == []
    held = [e.data["article_id"] for e in events_of(app, ev.CLAIMS_DIFFED) if e.data.get("held_for_digest")]
    assert held == ["a1", "a2"]

    alert_id = queue_digest(app, now=NOW)
    assert alert_id is not None
    assert deliver_due(app, now=NOW) == {"sent": 1, "failed": 0, "deferred": 0, "held": 0}
    [received] = smtp_server.wait_for(1)
    msg = received.message
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"].startswith("Digest, 3 changes in 2 articles: ")
    keys = [k.strip() for k in msg["X-NKRU-Ledger-Key"].split(",")]
    assert SHELLS in keys and TROOPS in keys
    # Each ledger key's thread is referenced, so the digest joins the per-key threads.
    references = msg["References"].split()
    assert thread_key_id(SHELLS, "example.org") in references
    assert thread_key_id(TROOPS, "example.org") in references
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Artillery shells" in text and "Troops" in text
    assert "Seoul: 5 million shells sent" in text and "11,000 troops in Kursk" in text
    assert "Parks budget" not in text
    assert "5 million" in html and "<table" in html

    # A second run right after finds nothing: no alert, no mail.
    assert queue_digest(app, now=NOW) is None
    assert deliver_due(app, now=NOW) == {"sent": 0, "failed": 0, "deferred": 0, "held": 0}
    assert len(smtp_server.messages) == 1


def test_next_digest_covers_only_what_came_after_and_skips_figures_already_told(tmp_path: Path) -> None:
    app = digest_app(tmp_path)
    discover(app, "a1", SHELLS_5M, published="2024-10-01")
    process_pending(app)
    first = queue_digest(app, now=NOW)
    assert first is not None

    # The same figure again is no news; the range is still recorded as covered.
    discover(app, "a2", SHELLS_5M_AGAIN, published="2024-10-05")
    process_pending(app)
    assert queue_digest(app, now=NOW) is None
    markers = events_of(app, ev.DIGEST_COMPILED)
    assert [m.data["alert_id"] for m in markers] == [first, None]
    assert markers[1].data["after"] == markers[0].data["through"]

    discover(app, "a3", TROOPS_11K, published="2024-10-06")
    process_pending(app)
    third = queue_digest(app, now=NOW)
    assert third is not None and third != first
    [queued] = [e for e in events_of(app, ev.ALERT_QUEUED) if e.data["alert_id"] == third]
    assert queued.data["ledger_keys"][0] == TROOPS
    assert SHELLS not in queued.data["ledger_keys"]


def test_digest_survives_a_restart_without_repeating(tmp_path: Path) -> None:
    config = make_config(tmp_path, mode="digest")
    app = make_app(config)
    discover(app, "a1", SHELLS_5M)
    process_pending(app)
    assert queue_digest(app, now=NOW) is not None
    app.close()

    reopened = make_app(config)
    assert queue_digest(reopened, now=NOW) is None
    assert len(events_of(reopened, ev.ALERT_QUEUED)) == 1
    reopened.close()


def test_a_stale_concurrent_digest_run_cannot_cover_the_same_range(tmp_path: Path) -> None:
    from monitor.store import ConcurrencyError

    config = make_config(tmp_path, mode="digest")
    app, other = make_app(config), make_app(config)
    discover(app, "a1", SHELLS_5M)
    process_pending(app)
    assert queue_digest(app, now=NOW) is not None
    # `other` compiled from the same starting point: its append is refused, not doubled.
    with pytest.raises(ConcurrencyError):
        other.store.append(
            [ev.event(ev.DIGEST_STREAM, ev.DIGEST_COMPILED, {"after": 0, "through": 1, "alert_id": None})],
            expected={ev.DIGEST_STREAM: 0},
        )
    assert len(events_of(app, ev.DIGEST_COMPILED)) == 1


def test_nothing_held_means_no_digest_and_no_event(tmp_path: Path) -> None:
    app = digest_app(tmp_path)
    discover(app, "a1", OFF_TOPIC)
    process_pending(app)
    head = app.store.head()
    assert queue_digest(app, now=NOW) is None
    assert app.store.head() == head


def test_first_poll_articles_are_not_held_for_the_digest(tmp_path: Path) -> None:
    app = digest_app(tmp_path)
    discover(app, "a1", SHELLS_5M, feed_id="feed-new")
    process_pending(app, quiet={"a1"})
    assert not any(e.data.get("held_for_digest") for e in events_of(app, ev.CLAIMS_DIFFED))
    kinds = [e.data["kind"] for e in events_of(app, ev.ALERT_QUEUED)]
    assert kinds == ["first_poll_summary"]
    assert queue_digest(app, now=NOW) is None


def test_a_digest_whose_time_passed_while_the_daemon_was_down_is_sent_at_the_next_start(tmp_path: Path) -> None:
    """The digest job fires at `digest_time` only while the daemon runs. A daemon stopped over that minute
    (an upgrade at 07:00, a machine off for the night) left the day's changes to the next day's digest:
    a day late and nothing said. At the start, changes held since before the last due time are compiled
    at once; changes held after it wait for their own time."""
    from datetime import timedelta

    from monitor.alerts.digest import digest_missed

    seven = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    app = make_app(make_config(tmp_path, mode="digest", digest_time="07:00"))
    assert not digest_missed(app, now=seven + timedelta(hours=1))  # nothing held
    discover(app, "a1", SHELLS_5M, published="2024-10-01")
    process_pending(app)
    [held] = [e for e in events_of(app, ev.CLAIMS_DIFFED) if e.data.get("held_for_digest")]
    held_at = ev.parse_timestamp(held.recorded_at)
    assert held_at is not None
    due = held_at.replace(hour=7, minute=0, second=0, microsecond=0)
    due = due if due > held_at else due + timedelta(days=1)  # the first 07:00 after the change
    assert not digest_missed(app, now=due - timedelta(minutes=1))  # not yet due
    assert digest_missed(app, now=due + timedelta(minutes=1))  # due, and the daemon was not there
    assert digest_missed(app, now=due + timedelta(days=3))  # however long it was off
    assert queue_digest(app, now=due + timedelta(minutes=1)) is not None
    assert not digest_missed(app, now=due + timedelta(minutes=2))  # told: nothing is missed any more
    app.close()


@pytest.mark.timeout(240)
def test_the_daemon_sends_a_missed_digest_when_it_starts(tmp_path: Path) -> None:
    import time
    from datetime import timedelta

    from tests.app.test_daemon import Daemon
    from tests.support.alert_app import config_data, write_config

    # A change held now, due at the next whole minute, and the daemon started only after that minute.
    due = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
    settings = {"mode": "digest", "digest_time": due.strftime("%H:%M"), "timezone": "UTC"}
    config = write_config(tmp_path / "config.toml", config_data(tmp_path, **settings))
    app = make_app(make_config(tmp_path, **settings))
    discover(app, "a1", SHELLS_5M, published="2024-10-01")
    process_pending(app)
    app.close()
    time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 1)
    daemon = Daemon(config)
    try:
        sent = daemon.wait_for(lambda r: r.get("event") == "alerts", timeout=90)
    finally:
        assert daemon.stop() == 0
    assert sent["sent"] == 1, sent
    app = make_app(make_config(tmp_path, **settings))
    [compiled] = events_of(app, ev.DIGEST_COMPILED)
    app.close()
    assert compiled.data["alert_id"] and compiled.data["articles"] == 1
