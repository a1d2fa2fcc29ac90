"""Feed discovery, OPML and JSON Feed against a real local site on 127.0.0.1 (no mocked HTTP)."""

from __future__ import annotations

import pytest

from monitor.errors import FetchError
from monitor.feeds.discover import NoFeedFound, alternate_links, find_feed
from monitor.feeds.entries import normalise_entry
from monitor.feeds.fetch import FetchLimits, fetch
from monitor.feeds.opml import OpmlError, Outline, read_opml, write_opml
from monitor.feeds.parse import parse_feed
from tests.support.local_site import OPML_ENTITY_BOMB, OPML_TWO_FEEDS, START_OF_TEST, LocalSite

LIMITS = FetchLimits(connect_timeout=5, read_timeout=5, deadline_seconds=10)


@pytest.fixture
def site(http_server) -> LocalSite:
    return LocalSite(http_server)


def test_a_feed_url_is_taken_as_it_is(site: LocalSite) -> None:
    found = find_feed(site.url("/news/feed.xml"), limits=LIMITS)
    assert (found.url, found.via, found.version, found.entries) == (site.url("/news/feed.xml"), "direct", "rss20", 3)
    assert found.title == "Harbour Watch"


def test_a_home_page_leads_to_its_alternate_feed(site: LocalSite) -> None:
    found = find_feed(site.url("/"), limits=LIMITS)
    assert found.url == site.url("/news/feed.xml") and found.via == "alternate link"


def test_a_json_feed_alternate_is_found_and_read(site: LocalSite) -> None:
    found = find_feed(site.url("/blog/"), limits=LIMITS)
    assert found.url == site.url("/blog/notes.json") and found.version == "json11" and found.entries == 2


def test_a_page_without_a_link_falls_back_to_the_usual_paths(site: LocalSite) -> None:
    found = find_feed(site.url("/plain/"), limits=LIMITS)
    assert found.url == site.url("/rss.xml") and found.via == "usual path"


def test_no_feed_anywhere_is_one_clear_error(http_server) -> None:
    site = LocalSite(http_server, usual_path_feed=False)
    with pytest.raises(NoFeedFound) as caught:
        find_feed(site.url("/plain/"), limits=LIMITS)
    message = str(caught.value)
    assert "\n" not in message and site.url("/plain/") in message and "no feed found" in message
    # Bounded: the page, then the usual paths, never more than MAX_CANDIDATES requests.
    assert len(http_server.requests) <= 16


def test_alternate_links_resolve_against_base_and_skip_other_types() -> None:
    page = (
        b'<html><head><base href="https://site.example/sub/">'
        b'<link rel="alternate" type="application/atom+xml" href="atom.xml">'
        b'<link rel="alternate stylesheet" type="text/css" href="x.css">'
        b'<link rel="Alternate" type="application/rss+xml; charset=utf-8" href="/rss">'
        b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head></html>'
    )
    assert alternate_links(page, "https://site.example/") == [
        "https://site.example/sub/atom.xml",
        "https://site.example/rss",
    ]


# -- JSON Feed ---------------------------------------------------------------------------------------


def test_json_feed_gives_the_raw_entry_shape_of_the_rss_path(site: LocalSite) -> None:
    result = fetch(site.url("/blog/notes.json"), limits=LIMITS)
    parsed = parse_feed(result.body, result.headers, result.url)
    assert parsed.version == "json11" and parsed.title == "Harbour Watch notes" and parsed.parser == "jsonfeed"
    assert parsed.bozo and "1 items" in parsed.bozo_reason  # the string in items[] is skipped, and said so
    first, second = parsed.entries
    rss = parse_feed(
        fetch(site.url("/news/feed.xml"), limits=LIMITS).body,
        {"content-type": "application/rss+xml"},
        site.url("/news/feed.xml"),
    )
    assert set(first) == set(rss.entries[0])  # the same keys as RSS's raw entries
    assert first["guid"] == "note-7" and first["link"] == site.url("/blog/7.html")
    assert first["published"] == "2026-02-28T23:30:00Z"  # +09:00 normalised to UTC
    assert first["author"] == "Desk" and first["content_type"] == "text/html"
    assert second["guid"] == "8" and second["link"] == "https://example.org/elsewhere"
    assert second["updated"] == "2026-03-01T10:00:00Z" and second["author"] == "Old style"
    entry = normalise_entry(first, feed_id="notes", first_seen=START_OF_TEST)
    assert entry.text == "Forty wagons waited at the yard." and entry.title == "Rail yard at Tumangang"
    plain = normalise_entry(second, feed_id="notes", first_seen=START_OF_TEST)
    assert plain.text == "Plain & simple text." and plain.published_missing is False


@pytest.mark.parametrize(
    "body, reason",
    [
        (b'{"items": []}', "jsonfeed.org version"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "items list"),
        (b"[1, 2]", "not an object"),
        (b"{" * 100_000, "invalid JSON"),
    ],
)
def test_json_that_is_not_a_json_feed_is_a_parse_error(body: bytes, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        parse_feed(body, {"content-type": "application/json"}, "http://127.0.0.1/x.json")
    assert caught.value.kind == "parse_error" and reason in caught.value.message


# -- OPML --------------------------------------------------------------------------------------------


def test_opml_nested_outlines_are_read_and_non_feeds_explained(site: LocalSite) -> None:
    data = OPML_TWO_FEEDS.format(feed=site.url("/news/feed.xml"), json=site.url("/blog/notes.json")).encode()
    outlines, skipped = read_opml(data, "list.opml")
    assert [(o.url, o.title) for o in outlines] == [
        (site.url("/news/feed.xml"), "Harbour Watch"),
        (site.url("/blog/notes.json"), "Harbour notes (JSON)"),
        (site.url("/news/feed.xml"), "Again"),
        ("file:///etc/passwd", "Local file"),
    ]
    assert skipped == ["A bookmark: no xmlUrl (not a feed)"]


def test_opml_with_entity_declarations_is_refused_without_expanding() -> None:
    with pytest.raises(OpmlError) as caught:
        read_opml(OPML_ENTITY_BOMB.encode(), "bomb.opml")
    assert "DOCTYPE or ENTITY" in str(caught.value)


@pytest.mark.parametrize("data, problem", [(b"<opml><body>", "not well-formed"), (b"<rss/>", "not <opml>")])
def test_broken_opml_is_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(OpmlError) as caught:
        read_opml(data, "x.opml")
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_opml_export_reads_back_the_same_sources() -> None:
    sources = [
        Outline("https://a.example/feed", "Outlet A & Co", "feed", "outlet-a"),
        Outline("https://b.example/press/", "Ministry", "page", "ministry", "ul.releases a"),
        Outline("https://c.example/rss", None, "feed", "c-only-id"),
    ]
    text = write_opml(sources)
    assert text.startswith("<?xml") and 'version="2.0"' in text
    outlines, skipped = read_opml(text.encode(), "export")
    assert skipped == []
    assert outlines == [sources[0], sources[1], sources[2]]


def test_an_unreachable_address_says_why(http_server) -> None:
    with pytest.raises(NoFeedFound) as caught:
        find_feed(http_server.url("/gone/"), limits=LIMITS)  # 404, and nothing at the usual paths
    assert "the address itself gave http_status" in str(caught.value) and "404" in str(caught.value)


def test_a_host_that_does_not_answer_is_tried_once() -> None:
    from tests.support.httpserver import free_port

    url = f"http://127.0.0.1:{free_port()}/news/"
    with pytest.raises(NoFeedFound) as caught:
        find_feed(url, limits=LIMITS)
    assert "the site did not answer (connect:" in str(caught.value) and "\n" not in str(caught.value)
