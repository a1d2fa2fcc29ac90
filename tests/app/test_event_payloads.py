"""What the code really appends matches the payload types of monitor/events.py: every key
that a TypedDict requires is present, and no event carries a key its type does not declare.

The events come from the real writers: `monitor poll` and `monitor alerts retry` run as
subprocesses against feeds on 127.0.0.1 (moved, gone, failing, shared, revised) and an SMTP
port where nothing listens, a host that asks twice for a pause, and a digest compiled in
digest mode.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NotRequired, get_origin, get_type_hints

import pytest

from monitor import events as ev
from monitor.alerts.digest import queue_digest
from monitor.feeds.hostgate import HostGate
from monitor.feeds.poller import poll_feeds
from monitor.pipeline import process_pending
from tests.support.alert_app import SHELLS_5M, SHELLS_9M, TROOPS_11K, discover, make_app, make_config
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import START, CountingParser, Item, events, items, open_test_app, rss, write_config
from tests.support.webhook import WebhookReceiver

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(120)


def keys_of(payload: type) -> tuple[set[str], set[str]]:
    """(required, optional) keys of a TypedDict. Read through get_type_hints: with postponed
    annotations, ``__optional_keys__`` cannot see NotRequired."""
    hints = get_type_hints(payload, include_extras=True)
    optional = {k for k, v in hints.items() if get_origin(v) is NotRequired}
    return set(hints) - optional, optional


def problems(event_type: str, data: dict[str, Any]) -> list[str]:
    required, optional = keys_of(ev.PAYLOADS[event_type])
    found = [f"{event_type} lacks {k}" for k in sorted(required - set(data))]
    found += [f"{event_type} has undeclared {k}" for k in sorted(set(data) - required - optional)]
    nested = {ev.CLAIMS_EXTRACTED: ("claims", ev.ClaimData), ev.CLAIMS_DIFFED: ("verdicts", ev.VerdictData)}
    if event_type in nested:
        field, item_type = nested[event_type]
        item_keys = set(get_type_hints(item_type))
        found += [
            f"{event_type}.{field} item keys {sorted(item)} != {sorted(item_keys)}"
            for item in data.get(field, [])
            if set(item) != item_keys
        ]
    return found


def monitor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return result


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_poller_and_the_sender_write_what_the_payload_types_declare(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    shared = Item(
        "https://news.example.org/shells-5m",
        "Seoul: 5 million shells",
        SHELLS_5M,
        link="https://news.example.org/shells-5m",
    )
    troops = Item("troops-1", "11,000 troops in Kursk", TROOPS_11K, link="https://news.example.org/troops")
    feed_one = {"body": rss([shared, troops, *items("one", 2)])}
    http_server.route("/one.xml", lambda req: req.send(200, feed_one["body"]))
    http_server.route("/two.xml", lambda req: req.send(200, rss([shared, *items("two", 1)])))
    http_server.route("/old.xml", lambda req: req.send(301, b"", {"Location": http_server.url("/new.xml")}))
    http_server.route("/new.xml", lambda req: req.send(200, rss(items("new", 2))))
    http_server.route("/gone.xml", lambda req: req.send(410, b"gone"))
    http_server.route("/broken.xml", lambda req: req.send(500, b"oops"))
    feeds = {name: http_server.url(f"/{name}.xml") for name in ("one", "two", "old", "gone", "broken")}
    outlet = {"outlet": "News Example"}  # one outlet's two feeds share a link: one article, one sighting
    config = write_config(tmp_path, feeds, feed_extra={"one": outlet, "two": outlet})
    hooks = WebhookReceiver(http_server)  # a notification channel: AlertRouted and channel outcomes
    hooks.fail("/hook", times=1)
    plain = config.read_text() + f'notify = ["{hooks.channel("/hook")}"]\n'  # into [alerts], the last table
    # Nothing listens on this port: every delivery fails, so AlertFailed is written.
    config.write_text(
        plain + f'\n[alerts.smtp]\nhost = "127.0.0.1"\nport = {closed_port()}\nsecurity = "none"\ntimeout_seconds = 2\n'
    )
    monitor(config, "poll")
    # The troops story changes materially and a new article arrives: a revision and an article alert.
    revised = Item(
        "troops-1", "11,000 troops in Kursk", TROOPS_11K + " " + SHELLS_9M, link="https://news.example.org/troops"
    )
    fresh = Item("shells-9m", "9 million shells", SHELLS_9M, link="https://news.example.org/shells-9m")
    feed_one["body"] = rss([fresh, shared, revised, *items("one", 2)])
    monitor(config, "poll")
    config.write_text(plain)  # to the outbox now: the failed alerts go out
    monitor(config, "alerts", "retry")
    monitor(config, "feeds", "retry", "gone")  # the operator brings the 410 feed back: FeedReset

    stored = events(tmp_path / "monitor.db")
    seen = {e["type"] for e in stored}
    assert seen >= set(ev.ALL_TYPES) - {ev.DIGEST_COMPILED, ev.FEED_DEFERRED}, sorted(set(ev.ALL_TYPES) - seen)
    channel_outcomes = {e["type"] for e in stored if e["data"].get("destination")}
    assert channel_outcomes == {ev.ALERT_ATTEMPTED, ev.ALERT_SENT, ev.ALERT_FAILED} and hooks.received("/hook")
    found = [p for e in stored for p in problems(e["type"], e["data"])]
    assert found == []


def test_a_digest_writes_what_the_payload_types_declare(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path, mode="digest"))
    with app:
        discover(app, "a1", SHELLS_5M, published="2024-10-01")
        discover(app, "a2", TROOPS_11K, published="2024-10-02")
        process_pending(app)
        assert queue_digest(app, now=datetime.now(UTC)) is not None
    stored = events(tmp_path / "monitor.db", ev.DIGEST_COMPILED, ev.ALERT_QUEUED, ev.CLAIMS_DIFFED)
    assert {e["type"] for e in stored} == {ev.DIGEST_COMPILED, ev.ALERT_QUEUED, ev.CLAIMS_DIFFED}
    assert [p for e in stored for p in problems(e["type"], e["data"])] == []


def test_a_deferred_feed_writes_what_the_payload_types_declare(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    # Two feeds of one host told to wait (429, Retry-After) defer the host: the third is not asked.
    for name in ("slow1", "slow2"):
        http_server.route(
            f"/{name}.xml", lambda req: req.send(429, b"slow down", {"Retry-After": "3600"}, content_type="text/plain")
        )
    http_server.route("/next.xml", lambda req: req.send(200, rss(items("next", 1))))
    app = open_test_app(
        write_config(tmp_path, {name: http_server.url(f"/{name}.xml") for name in ("slow1", "slow2", "next")})
    )
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)  # shared, as the daemon's jobs share it
    with app:
        for name in ("slow1", "slow2", "next"):  # one at a time: the order is the test's
            poll_feeds(
                app, [app.config.feed(name)], now=START, rng=random.Random(1), parser=CountingParser(), gate=gate
            )
    stored = events(tmp_path / "monitor.db", ev.FEED_DEFERRED, ev.FEED_FAILED)
    assert {e["type"] for e in stored} == {ev.FEED_DEFERRED, ev.FEED_FAILED}
    assert [p for e in stored for p in problems(e["type"], e["data"])] == []


def test_the_check_finds_a_missing_and_an_undeclared_key() -> None:
    assert problems(ev.ARTICLE_SIGHTED, {"article_id": "a", "feed_id": "f", "link": None, "seen_at": "t"}) == []
    assert problems(ev.ARTICLE_SIGHTED, {"article_id": "a", "feed_id": "f", "link": None, "sen_at": "t"}) == [
        "ArticleSighted lacks seen_at",
        "ArticleSighted has undeclared sen_at",
    ]
    required, optional = keys_of(ev.FeedPolledData)
    assert "entry_keys" in optional and "polled_at" in required
