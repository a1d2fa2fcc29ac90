"""One 429 never stalls a host (issue 12 item 2): six feeds on one real 127.0.0.1 server.

A feed answering 429 with Retry-After: 3600 is deferred by its own FeedFailed (next poll
after the pause); the host's other feeds are polled in the same cycle, which ends in
seconds. When a second feed of the host is told to wait, the host is deferred: its
remaining feeds are not asked at all, not waited for, and get a FeedDeferred that moves
their next poll past the pause. Article pages fetched for full text, and a page source's
article pages, report their 429s to the same gate as feeds do.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.cycle import CycleSummary, run_cycle
from monitor.feeds.hostgate import HostGate
from monitor.feeds.poller import make_gate, poll_feeds
from monitor.projections.feeds import feed_state
from tests.app.test_event_payloads import problems
from tests.support.httpserver import LocalHTTPServer
from tests.support.local_site import LocalSite
from tests.support.poll_support import START, CountingParser, Item, events, iso, items, open_test_app, rss, write_config

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
PAUSE = 3600
FEEDS = ["a", "b", "c", "d", "e", "f"]


def serve_host(server: LocalHTTPServer, limited: set[str]) -> dict[str, str]:
    """Six feeds on one server; those in ``limited`` answer 429 with Retry-After."""
    for name in FEEDS:
        if name in limited:
            server.route(
                f"/{name}.xml",
                lambda req: req.send(429, b"slow down", {"Retry-After": str(PAUSE)}, content_type="text/plain"),
            )
        else:
            body = rss(items(f"host-{name}", 2))
            server.route(f"/{name}.xml", lambda req, body=body: req.send(200, body))
    return {name: server.url(f"/{name}.xml") for name in FEEDS}


def test_monitor_poll_with_one_rate_limited_feed_polls_the_other_five_in_seconds(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    polite = {"per_host_gap_seconds": 0.2, "per_host_concurrency": 1}  # the default shape: one at a time
    config = write_config(tmp_path, serve_host(http_server, {"c"}), fetch=polite)
    started = time.monotonic()
    shown = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=50,
    )
    elapsed = time.monotonic() - started
    assert shown.returncode == 0, shown.stderr
    assert elapsed < 20, f"monitor poll took {elapsed:.1f}s"
    rows = {line.split("\t")[0]: line.split("\t") for line in shown.stdout.splitlines()[1:-1]}
    assert {feed: row[1] for feed, row in rows.items()} == {**{f: "ok" for f in FEEDS}, "c": "deferred"}
    assert "HTTP 429" in rows["c"][-1] and "next poll at" in rows["c"][-1]
    assert shown.stdout.splitlines()[-1].startswith(
        "6 feeds polled: 10 new articles, 0 failed, 1 deferred (the server asked for a pause)"
    )
    db = tmp_path / "monitor.db"
    assert sorted(e["data"]["feed_id"] for e in events(db, "FeedPolled")) == ["a", "b", "d", "e", "f"]
    [failed] = events(db, "FeedFailed")
    assert failed["data"]["feed_id"] == "c" and failed["data"]["status"] == 429
    polled_at = iso(failed["data"]["failed_at"])
    assert iso(failed["data"]["next_poll_at"]) - polled_at >= timedelta(seconds=PAUSE)
    assert events(db, "FeedDeferred") == []  # one feed told to wait does not defer its host
    assert len(http_server.hits("/c.xml")) == 1


def test_a_second_feed_told_to_wait_defers_the_host_and_the_rest_are_not_asked_or_waited_for(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    urls = serve_host(http_server, {"a", "b"})
    app = open_test_app(write_config(tmp_path, urls, fetch={"per_host_gap_seconds": 0.2, "per_host_concurrency": 1}))
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0.2)  # shared, as the daemon's jobs share it
    with app:
        for name in ("a", "b"):  # one at a time: the order is the test's
            poll_feeds(
                app, [app.config.feed(name)], now=START, rng=random.Random(1), parser=CountingParser(), gate=gate
            )
        started = time.monotonic()
        rest = poll_feeds(
            app,
            [app.config.feed(n) for n in "cdef"],
            now=START,
            rng=random.Random(1),
            parser=CountingParser(),
            gate=gate,
        )
        elapsed = time.monotonic() - started
        states = {name: feed_state(app.store, name) for name in "cdef"}
    assert elapsed < 2, f"the deferred feeds were waited for ({elapsed:.1f}s)"
    assert {r.feed_id: r.status for r in rest.results} == dict.fromkeys("cdef", "deferred")
    assert all(http_server.hits(f"/{name}.xml") == [] for name in "cdef")  # not asked at all
    deferred = events(app.db_path, "FeedDeferred")
    assert sorted(e["data"]["feed_id"] for e in deferred) == list("cdef")
    assert all(e["data"]["host"] == "127.0.0.1" for e in deferred)
    assert all(problems(ev.FEED_DEFERRED, e["data"]) == [] for e in deferred)  # what events.FeedDeferredData says
    for name, state in states.items():  # the daemon's next_due reads this
        assert iso(state["next_poll_at"]) - START >= timedelta(seconds=PAUSE - 5), name
        assert state["failures_in_row"] in (0, None) and state["status"] != "failing"
    assert events(app.db_path, "FeedFailed", "FeedPolled") and len(events(app.db_path, "FeedFailed")) == 2
    assert CycleSummary(results=rest.results).headline() == (
        "4 feeds polled: 0 new articles, 0 failed, 4 deferred (the server asked for a pause)"
    )


def test_the_pause_ends_and_the_host_is_polled_again(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    urls = serve_host(http_server, set())
    app = open_test_app(write_config(tmp_path, urls))
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    gate.defer(urls["a"], 0.3)
    with app:
        first = poll_feeds(app, [app.config.feed("a")], now=START, parser=CountingParser(), gate=gate)
        time.sleep(0.35)
        later = START + timedelta(seconds=1)
        second = poll_feeds(app, [app.config.feed("a")], now=later, parser=CountingParser(), gate=gate)
    assert first.results[0].status == "deferred" and second.results[0].status == "ok"
    assert second.results[0].new == 2


def _refuse(req) -> None:
    req.send(429, b"slow down", content_type="text/plain", headers={"Retry-After": str(PAUSE)})


def test_pages_that_say_retry_after_defer_their_host_like_feeds_do(http_server, tmp_path):
    """A host that answers our full-text fetches with 429 + Retry-After is rate-limiting us: the
    second refused page defers the host, so its remaining pages are not asked for in this cycle
    and the feed itself waits out the pause, as it would after two refused feeds."""
    pages = [
        Item(f"rl-{n}", f"Page {n}", "<p>the feed's own text</p>", link=http_server.url(f"/p{n}")) for n in range(4)
    ]
    for n in range(4):
        http_server.route(f"/p{n}", _refuse)
    http_server.route("/feed.xml", lambda req: req.send(200, rss(pages)))
    config = write_config(
        tmp_path,
        {"f": http_server.url("/feed.xml")},
        feed_extra={"f": {"full_text": True}},
        fetch={"per_host_concurrency": 1},
    )
    with open_test_app(config) as app:
        gate = make_gate(app.config)  # one for every cycle, as the daemon keeps it

        def polled(at):
            return run_cycle(
                app, list(app.config.feeds), now=at, rng=random.Random(1), parser=CountingParser(), gate=gate
            )

        polled(START)
        asked = sum(len(http_server.hits(f"/p{n}")) for n in range(4))
        assert asked == 2  # the third and fourth pages met a deferred host
        found = events(app.db_path, "ArticleDiscovered")
        assert len(found) == 4 and all(e["data"]["text"] == "the feed's own text" for e in found)
        reasons = sorted(e["metadata"]["full_text"]["reason"] for e in found)
        assert sum("http_status" in r for r in reasons) == 2
        assert sum("asked for a pause" in r for r in reasons) == 2
        feed_hits = len(http_server.hits("/feed.xml"))
        summary = polled(START + timedelta(minutes=20))
        assert len(http_server.hits("/feed.xml")) == feed_hits  # the host's pause holds for its feed too
        assert summary.results[0].status == "deferred"


def test_a_page_source_whose_article_pages_say_retry_after_defers_its_host(tmp_path: Path, http_server) -> None:
    """The same account for a page source (type = "page"): its article pages' 429s reach the gate."""
    site = LocalSite(http_server)
    for number in (101, 102, 103):
        http_server.route(f"/press/{number}.html", _refuse)
    config = write_config(
        tmp_path,
        {"ministry": site.url("/press/")},
        feed_extra={"ministry": {"type": "page", "outlet": "Ministry"}},
        fetch={"per_host_concurrency": 1},
    )
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    with open_test_app(config) as app:
        poll_feeds(app, list(app.config.feeds), parser=CountingParser(), gate=gate)
    assert sum(len(http_server.hits(f"/press/{n}.html")) for n in (101, 102, 103)) == 2
    assert gate.deferred_for(site.url("/press/")) > PAUSE - 60
