"""Polls that find nothing new, which are most of a long-running log: each FeedPolled still states
the whole fact (the URL polled and the validators it holds, even when the feed's row holds the same:
an event is read on its own by scripts and audits, and the log's size is not worth that; see
docs/operations.md, "How the store grows"), and conditional GET goes on working. Real polls of a feed
on 127.0.0.1."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.cycle import run_cycle
from monitor.projections.feeds import feed_state
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import START, CountingParser, events, items, open_test_app, rss, write_config

pytestmark = pytest.mark.timeout(60)

ROW_COLUMNS = ("url", "etag", "last_modified", "body_sha256", "status", "last_http_status", "entries_last_poll")


def serve(server: LocalHTTPServer, etags: list[str], *, validators: bool = True) -> None:
    """A feed whose ETag is ``etags[0]`` at each request (a test may change it); 304 to that ETag."""
    body = rss(items("quiet", 3))

    def handler(req: Request) -> None:
        if validators and req.headers.get("if-none-match") == etags[0]:
            req.send(304, b"", {"ETag": etags[0]}, content_type=None)
            return
        headers = {"ETag": etags[0], "Last-Modified": "Mon, 02 Mar 2026 09:00:00 GMT"} if validators else {}
        req.send(200, body, headers)

    server.route("/feed.xml", handler)


def poll(app, minutes: int) -> str:
    summary = run_cycle(
        app,
        list(app.config.feeds),
        now=START + timedelta(minutes=minutes),
        rng=random.Random(1),
        parser=CountingParser(),
    )
    return summary.results[0].status


def test_a_304_records_the_url_and_validators_it_polled_with(http_server: LocalHTTPServer, tmp_path: Path):
    etags = ['"v1"']
    serve(http_server, etags)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    with app:
        assert poll(app, 0) == "ok"
        after_parse = feed_state(app.store, "f")
        assert [poll(app, 20), poll(app, 40)] == ["304", "304"]
        after_304s = feed_state(app.store, "f")
        etags[0] = '"v2"'  # the same body under a new ETag: nothing parsed, the new ETag recorded
        assert poll(app, 60) == "unchanged"
        etags[0] = '"v3"'
        assert poll(app, 80) == "unchanged"
        assert poll(app, 100) == "304"
    polled = [e["data"] for e in events(app.db_path, ev.FEED_POLLED)]
    quiet = polled[1]
    assert quiet["not_modified"] is True and quiet["status"] == 304 and quiet["new"] == 0
    assert {"polled_at", "next_poll_at", "feed_id"} <= set(quiet)
    assert quiet["url"] == http_server.url("/feed.xml") and quiet["etag"] == '"v1"'
    assert quiet["last_modified"] == after_parse["last_modified"] and quiet["unchanged_body"] is False
    assert {k: after_304s[k] for k in ROW_COLUMNS if k != "last_http_status"} == {
        k: after_parse[k] for k in ROW_COLUMNS if k != "last_http_status"
    }
    assert after_304s["polls"] == 3 and after_304s["last_http_status"] == 304
    assert [p["etag"] for p in polled[3:]] == ['"v2"', '"v3"', '"v3"']
    # Conditional GET went on with the validators the row kept, then with each new ETag.
    sent = [hit.headers.get("if-none-match") for hit in http_server.hits("/feed.xml")]
    assert sent == [None, '"v1"', '"v1"', '"v1"', '"v2"', '"v3"']


def test_the_same_bytes_without_validators_record_unchanged_body_and_the_whole_poll(
    http_server: LocalHTTPServer, tmp_path: Path
):
    serve(http_server, ['"x"'], validators=False)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    with app:
        assert [poll(app, 0), poll(app, 20)] == ["ok", "unchanged"]
        hash_kept = feed_state(app.store, "f")["body_sha256"]
    quiet = events(app.db_path, ev.FEED_POLLED)[-1]["data"]
    assert quiet["unchanged_body"] is True and quiet["status"] == 200
    assert quiet["not_modified"] is False and quiet["url"] == http_server.url("/feed.xml")
    assert quiet["etag"] is None and quiet["body_sha256"] == hash_kept
    assert hash_kept == events(app.db_path, ev.FEED_POLLED)[0]["data"]["body_sha256"]
