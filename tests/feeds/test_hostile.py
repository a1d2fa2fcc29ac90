"""Hostile servers on 127.0.0.1, polled through run_cycle: each case ends within its
timeout, in bounded memory, as the right FeedFailed kind or a correct ingest."""

from __future__ import annotations

import gc
import gzip
import random
import time
import zlib
from datetime import timedelta
from functools import lru_cache

import psutil
import pytest

from monitor.cycle import run_cycle
from tests.support.httpserver import Request
from tests.support.poll_support import START, CountingParser, events, items, open_test_app, rss, write_config

#: Memory a single hostile fetch and parse may add to this process.
RSS_BUDGET = 80 * 1024 * 1024
LIMITS = {"timeout_seconds": 2, "deadline_seconds": 3, "max_bytes": 2_000_000}


def poll_once(http_server, tmp_path, path: str, *, at=START):
    app = open_test_app(write_config(tmp_path, {"f": http_server.url(path)}, fetch=LIMITS))
    gc.collect()
    process = psutil.Process()
    before = process.memory_info().rss
    started = time.monotonic()
    with app:
        summary = run_cycle(app, list(app.config.feeds), now=at, rng=random.Random(1), parser=CountingParser())
    elapsed = time.monotonic() - started
    growth = process.memory_info().rss - before
    assert growth < RSS_BUDGET, f"RSS grew by {growth / 1e6:.0f} MB"
    return app, summary, elapsed


def failure(app) -> dict:
    found = events(app.db_path, "FeedFailed")
    assert len(found) == 1, found
    return found[0]["data"]


@pytest.mark.timeout(30)
def test_a_slow_drip_of_bytes_ends_at_the_deadline(http_server, tmp_path):
    def drip(req: Request) -> None:
        req.start(200, {"Content-Type": "application/xml"})
        for byte in rss(items("drip", 50)):
            if not req.sleep(0.2) or not req.write(bytes([byte])):
                return

    http_server.route("/drip.xml", drip)
    app, summary, elapsed = poll_once(http_server, tmp_path, "/drip.xml")
    assert failure(app)["kind"] == "timeout"
    assert elapsed < LIMITS["deadline_seconds"] + 3


@pytest.mark.timeout(30)
def test_an_endless_body_is_cut_at_max_bytes(http_server, tmp_path):
    chunk = b"<item><title>x</title></item>" * 2000

    def endless(req: Request) -> None:
        req.start(200, {"Content-Type": "application/xml"})
        req.write(b"<rss><channel>")
        req.stream(iter(lambda: chunk, None))

    http_server.route("/endless.xml", endless)
    app, _, elapsed = poll_once(http_server, tmp_path, "/endless.xml")
    assert failure(app)["kind"] == "too_large"
    assert elapsed < 10


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 1 GB of zeros after decompression, about 1 MB on the wire."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    return b"".join(
        [squeeze.compress(b"<rss>" + block)] + [squeeze.compress(block) for _ in range(1023)] + [squeeze.flush()]
    )


@pytest.mark.timeout(60)
def test_a_gzip_bomb_is_stopped_after_max_bytes_of_output(http_server, tmp_path):
    bomb = gzip_bomb()
    http_server.route("/bomb.xml", lambda req: req.send(200, bomb, {"Content-Encoding": "gzip"}))
    app, _, elapsed = poll_once(http_server, tmp_path, "/bomb.xml")
    data = failure(app)
    assert data["kind"] == "too_large"
    assert elapsed < 10


@pytest.mark.timeout(30)
def test_a_redirect_loop_is_detected(http_server, tmp_path):
    http_server.route("/a.xml", lambda req: req.send(302, b"", {"Location": "/b.xml"}, content_type=None))
    http_server.route("/b.xml", lambda req: req.send(307, b"", {"Location": "/a.xml"}, content_type=None))
    app, _, _ = poll_once(http_server, tmp_path, "/a.xml")
    assert failure(app)["kind"] == "redirect_loop"
    assert len(http_server.hits("/a.xml")) == 1


@pytest.mark.timeout(30)
def test_a_500_then_recovery(http_server, tmp_path):
    answers = iter([500])

    def flaky(req: Request) -> None:
        status = next(answers, 200)
        req.send(status, rss(items("rec", 3)) if status == 200 else b"boom")

    http_server.route("/flaky.xml", flaky)
    app, _, _ = poll_once(http_server, tmp_path, "/flaky.xml")
    data = failure(app)
    assert data["kind"] == "http_status" and data["status"] == 500
    with open_test_app(app.config.source) as again:
        run_cycle(again, list(again.config.feeds), now=START + timedelta(hours=1), parser=CountingParser())
        with again.store.reading() as db:
            assert db.execute("SELECT failures_in_row, status FROM feeds").fetchone() == (0, "ok")
    assert len(events(app.db_path, "ArticleDiscovered")) == 3


@pytest.mark.timeout(30)
def test_429_with_retry_after(http_server, tmp_path):
    http_server.route("/busy.xml", lambda req: req.send(429, b"", {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}))
    app, _, _ = poll_once(http_server, tmp_path, "/busy.xml")
    data = failure(app)
    assert data["kind"] == "http_status" and data["status"] == 429
    # An absurd date is honoured, but capped: the feed is tried again within a day.
    assert data["retry_after"] > 24 * 3600
    assert data["next_poll_at"].startswith((START + timedelta(days=1)).date().isoformat())


@pytest.mark.timeout(30)
def test_a_wrong_declared_charset_still_ingests(http_server, tmp_path):
    title = "Séoul et Pyongyang: échanges à Rason"
    body = rss([*items("cs", 2)], encoding="iso-8859-1").replace(b"cs report number 0", title.encode("iso-8859-1"))
    # The header claims UTF-8; the bytes (and the XML declaration) are Latin-1.
    http_server.route("/cs.xml", lambda req: req.send(200, body, content_type="application/xml; charset=utf-8"))
    app, summary, _ = poll_once(http_server, tmp_path, "/cs.xml")
    assert events(app.db_path, "FeedFailed") == []
    titles = [e["data"]["title"] for e in events(app.db_path, "ArticleDiscovered")]
    assert len(titles) == 2
    assert any("Pyongyang" in t and "Rason" in t for t in titles)


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "cp037"])
def test_a_header_charset_that_cannot_read_the_document_yields_to_the_documents_own(http_server, tmp_path, charset):
    # A UTF-8 feed of an even length served as UTF-16 decoded to garbage: the poll recorded an
    # empty feed, no failure, and its entries were never read (an odd length failed to decode
    # and fell back, so the same feed came and went with one byte).
    body = rss(items("cs", 3))
    body += b"\n" * (len(body) % 2)
    http_server.route("/cs.xml", lambda req: req.send(200, body, content_type=f"text/html; charset={charset}"))
    app, summary, _ = poll_once(http_server, tmp_path, "/cs.xml")
    assert events(app.db_path, "FeedFailed") == []
    assert summary.results[0].new == 3
    polled = events(app.db_path, "FeedPolled")[0]["data"]
    assert (
        polled["bozo_reason"]
        == f"the server's charset {charset} does not read the document; read as it declares itself"
    )


def test_an_html_page_in_place_of_the_feed_names_the_feed_it_links_to(http_server, tmp_path):
    # A site redesign often leaves the old feed URL serving the home page, which still says
    # where the feed is now: the failure says so, instead of only 'an HTML page'.
    page = (
        b"<!doctype html><html><head><title>News</title>"
        b'<link rel="alternate" type="application/rss+xml" href="/news/rss.xml"></head>'
        b"<body><p>Latest</p></body></html>"
    )
    http_server.route("/feed", lambda req: req.send(200, page, content_type="text/html; charset=utf-8"))
    app, _, _ = poll_once(http_server, tmp_path, "/feed")
    assert failure(app)["message"] == (
        f"not a feed: the server sent an HTML page, which links its feed at {http_server.url('/news/rss.xml')}:"
        " make that the feed's url in config.toml"
    )


def test_an_html_page_whose_feed_link_is_absurdly_long_does_not_put_it_in_the_failure(http_server, tmp_path):
    # The failure is stored at every poll and mailed: the page's text must not be able to grow it.
    huge = "/news/" + "x" * 200_000 + ".xml"
    page = f'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="{huge}"></head></html>'
    http_server.route("/feed", lambda req: req.send(200, page.encode(), content_type="text/html"))
    app, _, _ = poll_once(http_server, tmp_path, "/feed")
    message = failure(app)["message"]
    assert message.startswith("not a feed: the server sent an HTML page that links no feed")
    assert len(message) < 400


@pytest.mark.parametrize("media_type", ["application/pdf", "image/png", "application/zip"])
def test_a_document_that_is_no_feed_by_its_type_is_named_by_it(http_server, tmp_path, media_type):
    # 'not a feed: SAXParseException ... not well-formed (invalid token)' hid what came back.
    http_server.route("/feed", lambda req: req.send(200, b"%PDF-1.4\n\x00\x01binary", content_type=media_type))
    app, _, _ = poll_once(http_server, tmp_path, "/feed")
    assert failure(app)["message"] == (
        f"not a feed: the server sent {media_type}, a file and not a feed: check the feed's url"
    )


def test_an_html_page_that_links_no_feed_says_what_to_try(http_server, tmp_path):
    page = b"<!doctype html><html><head><title>News</title></head><body><p>Latest</p></body></html>"
    http_server.route("/feed", lambda req: req.send(200, page, content_type="text/html"))
    app, _, _ = poll_once(http_server, tmp_path, "/feed")
    assert failure(app)["message"] == (
        "not a feed: the server sent an HTML page that links no feed (a maintenance or login page, or the feed"
        " moved): if it lasts, find the feed's address"
        ' (monitor feeds add URL tries the usual places), or follow the page itself with type = "page"'
    )


def test_a_304_to_a_request_without_validators_is_a_failure_not_an_unchanged_feed(http_server, tmp_path):
    # A broken cache in front of the feed answers 304 to everyone: nothing was ever read, and
    # every poll said the feed was fine and unchanged.
    http_server.route("/feed.xml", lambda req: req.send(304, b"", content_type=None))
    app, summary, _ = poll_once(http_server, tmp_path, "/feed.xml")
    found = failure(app)
    assert (found["kind"], found["status"]) == ("http_status", 304)
    assert found["message"] == (
        "HTTP 304 Not Modified to a request that named no earlier copy (no If-None-Match or"
        " If-Modified-Since): a cache in front of the server answers wrongly, so nothing can be read"
    )
    assert summary.results[0].status == "failed"


@pytest.mark.parametrize("declared", [None, "gzip"])
def test_a_feed_gzipped_once_more_than_the_server_says_is_read(http_server, tmp_path, declared):
    # A pre-compressed feed.xml.gz served without Content-Encoding, or compressed again by a
    # proxy that declares only its own layer: the parser got gzip bytes and the feed failed.
    body = gzip.compress(rss(items("gz", 3)))
    headers = {}
    if declared:
        body, headers = gzip.compress(body), {"Content-Encoding": declared}
    http_server.route("/gz.xml", lambda req: req.send(200, body, headers, content_type="application/rss+xml"))
    app, summary, _ = poll_once(http_server, tmp_path, "/gz.xml")
    assert events(app.db_path, "FeedFailed") == []
    assert summary.results[0].new == 3
    assert events(app.db_path, "FeedPolled")[0]["metadata"]["fetch_notes"] == [
        "the body was gzip-compressed once more than Content-Encoding said"
    ]


@pytest.mark.timeout(30)
def test_an_undeclared_gzip_bomb_is_stopped_at_max_bytes(http_server, tmp_path):
    bomb = gzip.compress(b"<rss>" + b" " * 40_000_000)
    http_server.route("/gz.xml", lambda req: req.send(200, bomb, content_type="application/rss+xml"))
    app, _, _ = poll_once(http_server, tmp_path, "/gz.xml")
    assert failure(app)["kind"] == "too_large"


@pytest.mark.timeout(60)
def test_an_xml_entity_expansion_bomb_is_defused(http_server, tmp_path):
    # Nested "billion laughs" plus a flat entity referenced many times.
    levels = ['<!ENTITY lol0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    flat = '<!ENTITY big "' + "A" * 5000 + '">'
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(levels) + flat + "]>\n"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        + "".join(f"<item><guid>b{n}</guid><title>t{n} &big;</title></item>" for n in range(2000))
        + "</channel></rss>"
    ).encode()
    http_server.route("/bomb.xml", lambda req: req.send(200, body))
    app, _, elapsed = poll_once(http_server, tmp_path, "/bomb.xml")
    assert elapsed < 30
    failed = events(app.db_path, "FeedFailed")
    if failed:
        assert failed[0]["data"]["kind"] == "parse_error"
    else:
        discovered = events(app.db_path, "ArticleDiscovered")
        assert discovered, "either refused or ingested"
        assert all(len(e["data"]["title"]) < 20_000 for e in discovered)
