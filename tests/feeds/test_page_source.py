"""Page sources (type = "page") polled from a real local ministry site on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import events as ev
from monitor.feeds.page import item_links, utc_date
from monitor.feeds.poller import poll_feeds
from tests.support.local_site import LocalSite
from tests.support.poll_support import CountingParser, events, open_test_app, write_config


@pytest.fixture
def site(http_server) -> LocalSite:
    return LocalSite(http_server)


def poll(config: Path):
    app = open_test_app(config)
    try:
        return poll_feeds(app, list(app.config.feeds), parser=CountingParser())
    finally:
        app.close()


def page_config(tmp_path: Path, site: LocalSite, **extra) -> Path:
    return write_config(
        tmp_path,
        {"ministry": site.url("/press/")},
        feed_extra={"ministry": {"type": "page", "outlet": "Ministry", **extra}},
    )


def test_a_page_source_polled_twice_yields_its_articles_once(tmp_path: Path, site: LocalSite) -> None:
    config = page_config(tmp_path, site)
    summary = poll(config)
    assert [(r.status, r.new) for r in summary.results] == [("ok", 3)]
    found = events(tmp_path / "monitor.db", ev.ARTICLE_DISCOVERED)
    by_link = {e["data"]["link"]: e["data"] for e in found}
    assert sorted(by_link) == [site.url(f"/press/{n}.html") for n in (101, 102, 103)]
    first = by_link[site.url("/press/101.html")]
    assert first["title"] == "Press release 101: shipments across the Tumen"  # the page's own metadata
    assert first["published"] == "2026-03-03T09:00:00Z" and not first["published_missing"]
    assert "Tumen River bridge at Khasan on 101 occasions" in first["text"]
    assert first["feed_id"] == "ministry"

    second = poll(config)  # the same page again: a conditional GET answered 304, nothing fetched
    assert [(r.status, r.new) for r in second.results] == [("304", 0)]
    assert len(events(tmp_path / "monitor.db", ev.ARTICLE_DISCOVERED)) == 3
    assert len(site.server.hits("/press/101.html")) == 1

    site.banner = "Updated at 10:05"  # new bytes, same links: the link set decides, no article fetch
    third = poll(config)
    assert [(r.status, r.new, r.seen) for r in third.results] == [("ok", 0, 3)]
    assert len(site.server.hits("/press/101.html")) == 1

    site.add_release(104)
    fourth = poll(config)
    assert [(r.status, r.new) for r in fourth.results] == [("ok", 1)]
    links = [e["data"]["link"] for e in events(tmp_path / "monitor.db", ev.ARTICLE_DISCOVERED)]
    assert links.count(site.url("/press/104.html")) == 1 and len(links) == 4
    assert all(len(site.server.hits(f"/press/{n}.html")) == 1 for n in (101, 102, 103, 104))


def test_an_unreadable_article_page_is_tried_again_next_poll(tmp_path: Path, site: LocalSite) -> None:
    site.add_release(104, broken=True)
    config = page_config(tmp_path, site)
    [first] = poll(config).results
    assert (first.status, first.new) == ("ok", 3)
    polled = events(tmp_path / "monitor.db", ev.FEED_POLLED)[-1]
    assert any("left for the next poll" in note and "104" in note for note in polled["metadata"]["parse_notes"])
    # Said where the operator looks (the poll table, the daemon's line), not only in the event's metadata.
    assert first.note().startswith("1 article page left for the next poll, unreadable now: ")
    assert "104" in first.note() and first.as_log()["note"] == first.note()
    site.fix(104)
    # Same list bytes, yet the list is read in full (not a 304) because a link was left over.
    assert [(r.status, r.new) for r in poll(config).results] == [("ok", 1)]
    assert [(r.status, r.new) for r in poll(config).results] == [("304", 0)]
    assert len(events(tmp_path / "monitor.db", ev.ARTICLE_DISCOVERED)) == 4


def test_an_article_link_that_keeps_failing_is_backed_off_then_given_up(tmp_path: Path, site: LocalSite) -> None:
    """A listed link whose page is a PDF under an .html address fails at every read: it was fetched
    again at every poll for as long as the list showed it. Now it waits longer after each failure,
    is given up after MAX_LINK_FAILURES (said on the poll's line), and the log keeps the count."""
    from datetime import timedelta

    from monitor.feeds.page import MAX_LINK_FAILURES
    from tests.support.poll_support import START

    site.add_release(104)
    site.server.route("/press/104.html", lambda req: req.send(200, b"%PDF-1.7 ...", content_type="application/pdf"))
    app = open_test_app(page_config(tmp_path, site))

    def poll_at(hours: float):
        [result] = poll_feeds(
            app, list(app.config.feeds), parser=CountingParser(), now=START + timedelta(hours=hours)
        ).results
        return result, len(site.server.hits("/press/104.html"))

    try:
        first, tries = poll_at(0)
        assert (first.status, first.new, tries) == ("ok", 3, 1)
        assert first.note().startswith("1 article page left for the next poll, unreadable now: ")
        assert poll_at(0.1)[1] == 2, "a first failure is retried at the next poll (most pass)"
        waiting, tries = poll_at(0.2)
        assert tries == 2, "after a second failure the link waits hours"
        assert waiting.status == "ok" and not waiting.pages_unread
        app.projections.rebuild()  # the count lives in the log, not only in a table
        assert poll_at(1)[1] == 2
        assert poll_at(7)[1] == 3
        assert poll_at(8)[1] == 3
        given_up, tries = poll_at(32)
        assert tries == MAX_LINK_FAILURES == 4
        assert given_up.note().startswith("1 article page given up, failing poll after poll: ")
        assert "104.html" in given_up.note()
        later, tries = poll_at(24 * 30)
        assert tries == 4 and (later.status, later.new) == ("304", 0), "given up: the list is not read in full"
    finally:
        app.close()
    counts = [
        e["data"]["unread_links"][site.url("/press/104.html")]["failures"]
        for e in events(tmp_path / "monitor.db", ev.FEED_POLLED)
        if e["data"].get("unread_links")
    ]
    assert counts == [1, 2, 2, 2, 3, 3, 4], "each parsed poll records the link's failures so far"


def test_a_given_up_link_is_fetched_again_after_feeds_retry_once_and_for_good(tmp_path: Path, site: LocalSite) -> None:
    """Given up, a link stays given up while the page lists it (no 304 hides a retry either):
    `feeds retry URL` forgets its failures in the log, so the next poll reads the page in full
    and fetches it, and a rebuild between the two keeps the retry."""
    from datetime import timedelta

    from monitor.errors import MonitorError
    from monitor.feeds.retry import given_up_links, retry_source
    from monitor.projections.feeds import feed_state
    from tests.support.poll_support import START

    site.add_release(104, broken=True)
    link = site.url("/press/104.html")
    app = open_test_app(page_config(tmp_path, site))

    def poll_at(hours: float):
        return poll_feeds(app, list(app.config.feeds), parser=CountingParser(), now=START + timedelta(hours=hours))

    try:
        for hours in (0, 0.1, 7, 32):  # each due: the link fails its fourth time at 32 h and is given up
            poll_at(hours)
        assert list(given_up_links(feed_state(app.store, "ministry"))) == [link]
        site.fix(104)
        assert [(r.status, r.new) for r in poll_at(40).results] == [("304", 0)], "given up: not tried by itself"
        with pytest.raises(MonitorError, match="no feed id or feed URL"):
            retry_source(app, site.url("/press/999.html"))
        done = retry_source(app, link.replace("http://", "HTTP://") + "#top")  # the same page, spelt otherwise
        assert (done.feed_id, done.links, done.enabled_url) == ("ministry", [link], None)
        assert "1 article link fetched again at its next poll" in done.line()
        app.projections.rebuild()
        assert given_up_links(feed_state(app.store, "ministry")) == {}
        [result] = poll_at(41).results
        assert (result.status, result.new) == ("ok", 1)
    finally:
        app.close()
    assert len(site.server.hits("/press/104.html")) == 5
    assert [e["data"]["links"] for e in events(tmp_path / "monitor.db", ev.FEED_RESET)] == [[link]]


def test_item_selector_picks_the_links(tmp_path: Path, site: LocalSite) -> None:
    config = page_config(tmp_path, site, item_selector="ul.releases li")  # an element holding the link works too
    assert [(r.status, r.new) for r in poll(config).results] == [("ok", 3)]


def test_a_selector_that_matches_nothing_is_a_recorded_failure(tmp_path: Path, site: LocalSite) -> None:
    config = page_config(tmp_path, site, item_selector="table.none a")
    assert [(r.status, r.error_kind) for r in poll(config).results] == [("failed", "parse_error")]
    failed = events(tmp_path / "monitor.db", ev.FEED_FAILED)[0]["data"]
    assert "no link matches item_selector 'table.none a'" in failed["message"]


def test_a_bad_selector_is_a_config_error(tmp_path: Path, site: LocalSite) -> None:
    from monitor.config import ConfigError, load_config

    with pytest.raises(ConfigError) as caught:
        load_config(page_config(tmp_path, site, item_selector="ul[[["))
    assert "item_selector 'ul[[[' is not a CSS selector" in str(caught.value)


def test_default_links_are_the_main_contents_same_site_pages() -> None:
    page = b"""<html><body><header><a href="/login">Log in</a></header>
      <nav><a href="/about.html">About</a></nav>
      <main><h1>News</h1>
        <a href="/press/1.html">One</a> <a href="/press/1.html#top">One again</a>
        <a href="https://other.example/story">Elsewhere</a> <a href="/">Home</a> <a href="/list/">Itself</a>
        <a href="/files/report.pdf">PDF</a> <a href="mailto:press@ministry.example">Mail</a>
        <a href="/list/?page=2">2</a> <a rel="next" href="/archive/2">Older</a>
        <aside><a href="/press/related.html">Related</a></aside>
        <a href="press/2.html"> Two
          words </a></main>
      <footer><a href="/contact.html">Contact</a></footer></body></html>"""
    links = item_links(page, "https://ministry.example/list/")
    assert [(link.url, link.text) for link in links] == [
        ("https://ministry.example/press/1.html", "One"),
        ("https://ministry.example/list/press/2.html", "Two words"),
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-03-03T18:00:00+0900", "2026-03-03T09:00:00Z"),
        ("2026-03-03", "2026-03-03T00:00:00Z"),
        ("", None),
        (None, None),
        ("yesterday", None),
    ],
)
def test_page_dates_become_utc(value, expected) -> None:
    assert utc_date(value) == expected


def test_a_link_another_outlet_carries_is_still_this_pages_article(tmp_path: Path, site: LocalSite) -> None:
    """An aggregator's feed (another outlet) carries release 101's link: the page source still
    records its own article for it (monitor.feeds.identity), once, and fetches its page once."""
    from tests.support.poll_support import Item, rss

    url = site.url("/press/101.html")
    site.server.route("/agg.xml", lambda req: req.send(200, rss([Item(url, "Ministry says", "Short note.", link=url)])))
    config = write_config(
        tmp_path,
        {"agg": site.url("/agg.xml"), "ministry": site.url("/press/")},
        feed_extra={"agg": {"outlet": "Aggregator"}, "ministry": {"type": "page", "outlet": "Ministry"}},
    )
    poll(config)
    poll(config)
    found = events(tmp_path / "monitor.db", ev.ARTICLE_DISCOVERED)
    assert sorted(e["data"]["feed_id"] for e in found) == ["agg", "ministry", "ministry", "ministry"]
    ministry_101 = [e["data"] for e in found if e["data"]["feed_id"] == "ministry" and e["data"]["link"] == url]
    assert len(ministry_101) == 1 and "Tumen River bridge" in ministry_101[0]["text"]
    assert len(site.server.hits("/press/101.html")) == 1


def test_feeds_retry_during_a_poll_of_the_page_is_not_undone_by_that_poll(tmp_path: Path, site: LocalSite) -> None:
    """The operator retries a given-up link while a poll is reading the page (a second process on
    the same file): the poll started from the row before the FeedReset, and its FeedPolled must not
    give the link up again, or the retry the command reported is silently lost."""
    from datetime import timedelta

    from monitor.feeds.retry import given_up_links, retry_source
    from monitor.projections.feeds import feed_state
    from tests.support.poll_support import START

    site.add_release(104, broken=True)
    link = site.url("/press/104.html")
    config = page_config(tmp_path, site)
    app = open_test_app(config)

    def poll_at(hours: float):
        return poll_feeds(app, list(app.config.feeds), parser=CountingParser(), now=START + timedelta(hours=hours))

    try:
        for hours in (0, 0.1, 7, 32):  # given up at its fourth failure
            poll_at(hours)
        assert list(given_up_links(feed_state(app.store, "ministry"))) == [link]
        site.fix(104)
        site.add_release(105)  # the page changes, so the racing poll parses it
        press = site._press
        retried: list[object] = []

        def press_then_retry(req) -> None:
            if not retried:  # the operator's command, in its own App, while the poll waits for this page
                other = open_test_app(config)
                try:
                    retried.append(retry_source(other, link))
                finally:
                    other.close()
            press(req)

        site.server.route("/press/", press_then_retry)
        poll_at(33)
        assert retried, "the retry ran during the poll"
        assert given_up_links(feed_state(app.store, "ministry")) == {}, "the poll gave the retried link up again"
        app.projections.rebuild()
        assert given_up_links(feed_state(app.store, "ministry")) == {}
        found = {r.feed_id: r for r in poll_at(34).results}
        assert found["ministry"].new >= 1
    finally:
        app.close()
    assert site.server.hits("/press/104.html"), "the retried link was fetched"
