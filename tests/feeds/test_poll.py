"""poll_cycle against a real HTTP server on 127.0.0.1: conditional GET, moves, statuses,
backoff, gaps, cross-feed identity and revisions. No mocked HTTP."""

from __future__ import annotations

import random
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from monitor.cycle import run_cycle
from monitor.feeds.fetch import FetchLimits, fetch
from monitor.projections.feeds import feed_state
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import START, CountingParser, Item, events, iso, items, open_test_app, rss, write_config

pytestmark = pytest.mark.timeout(60)


def serve(server: LocalHTTPServer, path: str, body_of, *, validators: bool = True) -> None:
    """Route ``path`` to a feed whose body is ``body_of()`` now; ETag/304 when ``validators``."""

    def handler(req: Request) -> None:
        body = body_of()
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if validators and req.headers.get("if-none-match") == etag:
            req.send(304, b"", {"ETag": etag}, content_type=None)
            return
        req.send(200, body, {"ETag": etag, "Last-Modified": "Mon, 02 Mar 2026 09:00:00 GMT"} if validators else {})

    server.route(path, handler)


def cycle(app, parser=None, *, at=START, seed=1):
    return run_cycle(app, list(app.config.feeds), now=at, rng=random.Random(seed), parser=parser or CountingParser())


def types_after(db: Path, position_count: int) -> list[str]:
    return [
        e["type"]
        for e in events(db)[position_count:]
        if e["stream"].startswith(("feed:", "article:"))
        and e["type"]
        in (
            "FeedPolled",
            "FeedFailed",
            "FeedMoved",
            "FeedDisabled",
            "ArticleDiscovered",
            "ArticleSighted",
            "ArticleRevised",
        )
    ]


def test_conditional_get_304_appends_only_a_feedpolled_and_costs_no_parse(http_server, tmp_path):
    body = rss(items("cond", 3))
    serve(http_server, "/feed.xml", lambda: body)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    parser = CountingParser()
    with app:
        first = cycle(app, parser)
        assert first.results[0].new == 3 and parser.calls == 1
        before = len(events(app.db_path))
        second = cycle(app, parser, at=START + timedelta(minutes=20))
    assert second.results[0].status == "304"
    assert parser.calls == 1, "a 304 must not be parsed"
    request = http_server.hits("/feed.xml")[-1]
    assert request.headers.get("if-none-match") and request.headers.get("if-modified-since")
    assert types_after(Path(app.db_path), before) == ["FeedPolled"]
    assert events(app.db_path, "FeedPolled")[-1]["data"]["status"] == 304


def test_an_unchanged_body_without_validators_is_not_parsed(http_server, tmp_path):
    body = rss(items("same", 4))
    serve(http_server, "/feed.xml", lambda: body, validators=False)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    parser = CountingParser()
    with app:
        cycle(app, parser)
        second = cycle(app, parser, at=START + timedelta(minutes=20))
    assert parser.calls == 1
    assert second.results[0].status == "unchanged"
    last = events(app.db_path, "FeedPolled")[-1]["data"]
    assert last["status"] == 200 and last["unchanged_body"] is True
    assert len(events(app.db_path, "ArticleDiscovered")) == 4


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_redirect_moves_the_feed(http_server, tmp_path, status):
    body = rss(items("moved", 2))
    http_server.route("/old.xml", lambda req: req.send(status, b"", {"Location": "/new.xml"}, content_type=None))
    serve(http_server, "/new.xml", lambda: body, validators=False)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/old.xml")}))
    with app:
        cycle(app)
        cycle(app, at=START + timedelta(minutes=20))
    moved = events(app.db_path, "FeedMoved")
    assert len(moved) == 1
    assert moved[0]["data"]["status"] == status
    assert moved[0]["data"]["to_url"] == http_server.url("/new.xml")
    assert len(http_server.hits("/old.xml")) == 1, "the new URL is used from then on"
    assert len(http_server.hits("/new.xml")) == 2
    assert len(events(app.db_path, "ArticleDiscovered")) == 2


def test_a_temporary_redirect_is_not_a_move(http_server, tmp_path):
    serve(http_server, "/new.xml", lambda: rss(items("tmp", 1)), validators=False)
    http_server.route("/old.xml", lambda req: req.send(302, b"", {"Location": "/new.xml"}, content_type=None))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/old.xml")}))
    with app:
        cycle(app)
        cycle(app, at=START + timedelta(minutes=20))
    assert events(app.db_path, "FeedMoved") == []
    assert len(http_server.hits("/old.xml")) == 2


def conditional(hit) -> bool:
    return "if-none-match" in hit.headers or "if-modified-since" in hit.headers


@pytest.mark.parametrize("new_has_validators", [True, False])
def test_after_a_permanent_redirect_the_new_url_is_first_asked_without_the_old_urls_validators(
    http_server, tmp_path, new_has_validators
):
    # The same bytes at both addresses give the same ETag: sent along the redirect, the old
    # validators would get a 304 from an address the feed has never been read at.
    body = rss(items("move", 2))
    serve(http_server, "/old.xml", lambda: body)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/old.xml")}))
    with app:
        cycle(app)
        http_server.route("/old.xml", lambda req: req.send(301, b"", {"Location": "/new.xml"}, content_type=None))
        serve(http_server, "/new.xml", lambda: body, validators=new_has_validators)
        moved = cycle(app, at=START + timedelta(minutes=20))
        again = cycle(app, at=START + timedelta(minutes=40))
    assert moved.results[0].status in ("ok", "unchanged") and again.results[0].status in ("304", "unchanged")
    assert conditional(http_server.hits("/old.xml")[-1]), "the old URL is still asked with its own validators"
    first, later = http_server.hits("/new.xml")
    assert not conditional(first)
    assert conditional(later) is new_has_validators, "afterwards only the new URL's own validators are sent"
    recorded = events(app.db_path, "FeedPolled")[1]["data"]
    assert recorded["url"] == http_server.url("/new.xml") and recorded["status"] == 200
    if not new_has_validators:  # the event says the new URL gave none, rather than leaving the old ones standing
        assert recorded["etag"] == "" and recorded["last_modified"] == ""


@pytest.mark.parametrize("new_has_validators", [True, False])
def test_after_the_url_is_edited_in_the_config_the_new_url_is_first_asked_without_validators(
    http_server, tmp_path, new_has_validators
):
    body = rss(items("edit", 2))
    serve(http_server, "/old.xml", lambda: body)
    serve(http_server, "/new.xml", lambda: body, validators=new_has_validators)
    config = write_config(tmp_path, {"f": http_server.url("/old.xml")})
    with open_test_app(config) as app:
        cycle(app)
    config.write_text(config.read_text().replace("/old.xml", "/new.xml"))
    with open_test_app(config) as app:
        cycle(app, at=START + timedelta(minutes=20))
        cycle(app, at=START + timedelta(minutes=40))
        assert feed_state(app.store, "f")["url"] == http_server.url("/new.xml")
    first, later = http_server.hits("/new.xml")
    assert not conditional(first)
    assert conditional(later) is new_has_validators
    assert len(http_server.hits("/old.xml")) == 1


def test_a_last_modified_in_the_future_is_not_sent_back_so_later_news_is_read(http_server, tmp_path):
    # A server whose clock (or CMS) stamps the feed years ahead answers 'not modified since then'
    # to every If-Modified-Since carrying that stamp: the feed's new entries were never fetched.
    stamp = "Wed, 01 Jan 2031 00:00:00 GMT"
    window = {"items": items("lm", 2)}

    def handler(req: Request) -> None:
        asked = req.headers.get("if-modified-since")
        if asked and parsedate_to_datetime(asked) >= parsedate_to_datetime(stamp):
            req.send(304, b"", content_type=None)
            return
        req.send(200, rss(window["items"]), {"Last-Modified": stamp})

    http_server.route("/lm.xml", handler)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/lm.xml")}))
    with app:
        cycle(app)
        window["items"] = items("lm", 3)
        later = cycle(app, at=START + timedelta(minutes=20))
    assert later.results[0].status == "ok" and later.results[0].new == 1
    assert [e["data"]["last_modified"] for e in events(app.db_path, "FeedPolled")] == [None, None]
    assert all("if-modified-since" not in hit.headers for hit in http_server.hits("/lm.xml"))


def test_a_future_last_modified_recorded_before_is_not_sent_either(http_server, tmp_path):
    # A database from before the rule above holds such a stamp: the next poll must not send it.
    hits = []
    http_server.route("/lm.xml", lambda req: hits.append(req.headers) or req.send(200, rss(items("lm", 1))))
    limits = FetchLimits()
    fetch(http_server.url("/lm.xml"), limits=limits, last_modified="Wed, 01 Jan 2031 00:00:00 GMT")
    fetch(http_server.url("/lm.xml"), limits=limits, last_modified="Mon, 02 Mar 2026 09:00:00 GMT")
    assert ["if-modified-since" in headers for headers in hits] == [False, True]


def test_a_feed_whose_guids_change_at_every_fetch_finds_its_articles_by_their_links(http_server, tmp_path):
    # Some CMSs mint a fresh <guid> per request: each poll discovered every entry again as new
    # articles (and could alert on them again). The link, unchanged and one entry's alone,
    # says which article it is.
    fetches = {"n": 0}
    window = {"count": 3}

    def body() -> bytes:
        fetches["n"] += 1
        entries = [
            Item(f"mint-{fetches['n']}-{i}", f"Dispatch {i}", f"<p>Text {i}.</p>", link=f"http://127.0.0.1/news/{i}")
            for i in range(window["count"])
        ]
        return rss(entries)

    http_server.route("/mint.xml", lambda req: req.send(200, body()))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/mint.xml")}))
    with app:
        first = cycle(app)
        again = cycle(app, at=START + timedelta(minutes=20))
        window["count"] = 4
        more = cycle(app, at=START + timedelta(minutes=40))
    assert (first.results[0].new, again.results[0].new, more.results[0].new) == (3, 0, 1)
    assert len(events(app.db_path, "ArticleDiscovered")) == 4


def test_links_whose_cache_buster_changes_at_every_fetch_are_the_same_articles(http_server, tmp_path):
    # A site that stamps each link with the time of the request (and a campaign tag, and a random
    # token) gave every entry a new link, so a new article, at every poll. The parameter that
    # names the story (?id=) still tells them apart.
    fetches = {"n": 0}

    def body() -> bytes:
        fetches["n"] += 1
        stamp = 1765112233445 + fetches["n"]
        token = f"{fetches['n'] * 2654435761:012x}"
        links = [
            f"http://127.0.0.1/story?id={i}&_={stamp}&utm_source=feed&v={token}&utm_term={fetches['n']}"
            for i in range(3)
        ]
        return rss([Item(link, f"Dispatch {i}", f"<p>Text {i}.</p>", link=link) for i, link in enumerate(links)])

    http_server.route("/stamped.xml", lambda req: req.send(200, body()))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/stamped.xml")}))
    with app:
        first = cycle(app)
        again = cycle(app, at=START + timedelta(minutes=20))
    assert (first.results[0].new, again.results[0].new) == (3, 0)
    found = events(app.db_path, "ArticleDiscovered")
    assert sorted(e["data"]["canonical_link"] for e in found) == [f"http://127.0.0.1/story?id={i}" for i in range(3)]


def test_entries_that_all_link_to_the_site_root_stay_apart(http_server, tmp_path):
    # The link cannot tell these apart: each new guid is a new article, as before.
    fetches = {"n": 0}

    def body() -> bytes:
        fetches["n"] += 1
        return rss([Item(f"post-{fetches['n']}", f"Post {fetches['n']}", "<p>x</p>", link="http://127.0.0.1/")])

    http_server.route("/root.xml", lambda req: req.send(200, body()))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/root.xml")}))
    with app:
        cycle(app)
        later = cycle(app, at=START + timedelta(minutes=20))
    assert later.results[0].new == 1
    assert len(events(app.db_path, "ArticleDiscovered")) == 2


NORMALISED: list[str] = []


def count_normalised(entry) -> None:
    """The parse worker's analysis hook, here only counting the entries it was given (inline: no pickling)."""
    NORMALISED.append(entry.article_id)


def test_a_feed_longer_than_its_recorded_entries_costs_only_its_new_entries_poll_after_poll(http_server, tmp_path):
    """A FeedPolled records MAX_REMEMBERED_ENTRIES entries; a feed showing more had the rest normalised,
    analysed and looked up again at every poll. The process that polled it keeps them all, and uses
    them only while the log still shows that poll: another process's poll in between costs the old
    work once, and never an article twice."""
    from monitor.feeds import poller
    from monitor.feeds.poller import MAX_REMEMBERED_ENTRIES, EntryMemory, poll_feeds

    shown = {"items": items("long", MAX_REMEMBERED_ENTRIES + 100)}
    serve(http_server, "/long.xml", lambda: rss(shown["items"]), validators=False)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/long.xml")}))

    def poll(at_minutes: int) -> list[str]:
        NORMALISED.clear()
        [result] = poll_feeds(
            app,
            list(app.config.feeds),
            parser=CountingParser(),
            now=START + timedelta(minutes=at_minutes),
            analyse=count_normalised,
        ).results
        assert result.status == "ok"
        return list(NORMALISED)

    with app:
        assert len(poll(0)) == MAX_REMEMBERED_ENTRIES + 100
        shown["items"] = items("fresh", 1) + shown["items"]
        assert len(poll(20)) == 1, "only the new entry is normalised and analysed"
        poller.ENTRY_MEMORY = EntryMemory()  # as if another process had polled it last
        shown["items"] = items("fresh", 1, start=1) + shown["items"]
        assert len(poll(40)) == 1 + 101, "the entries past the recorded ones, once more"
        shown["items"] = items("fresh", 1, start=2) + shown["items"]
        assert len(poll(60)) == 1
    discovered = [e["data"]["article_id"] for e in events(app.db_path, "ArticleDiscovered")]
    assert len(discovered) == len(set(discovered)) == MAX_REMEMBERED_ENTRIES + 103


def test_410_disables_the_feed_and_it_is_not_fetched_again(http_server, tmp_path):
    http_server.route("/gone.xml", lambda req: req.send(410, b"gone", content_type="text/plain"))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/gone.xml")}))
    with app:
        cycle(app)
        later = cycle(app, at=START + timedelta(hours=1))
    assert [e["data"]["status"] for e in events(app.db_path, "FeedDisabled")] == [410]
    assert events(app.db_path, "FeedFailed") == []
    assert later.results[0].status == "disabled"
    assert later.results[0].error.startswith(f"the server says {http_server.url('/gone.xml')} is gone (HTTP 410)")
    assert len(http_server.hits("/gone.xml")) == 1


def test_a_gone_feed_given_a_new_url_in_the_config_is_polled_again_and_healthy(http_server, tmp_path):
    http_server.route("/gone.xml", lambda req: req.send(410, b"gone", content_type="text/plain"))
    serve(http_server, "/new.xml", lambda: rss(items("back", 2)))
    config = write_config(tmp_path, {"f": http_server.url("/gone.xml")})
    with open_test_app(config) as app:
        cycle(app)
    config.write_text(config.read_text().replace("/gone.xml", "/new.xml"))
    with open_test_app(config) as app:
        back = cycle(app, at=START + timedelta(hours=1))
        assert feed_state(app.store, "f")["status"] == "ok"
    assert back.results[0].status == "ok" and back.results[0].new == 2
    assert len(http_server.hits("/gone.xml")) == 1 and len(http_server.hits("/new.xml")) == 1


def test_a_gone_feed_that_is_back_is_polled_again_after_feeds_retry_and_a_rebuild_keeps_it(http_server, tmp_path):
    """A 410 by mistake (a site restored at the same address): no config change brings the feed
    back, the operator's retry does, and it is a fact of the log, not an edit of a table."""
    from monitor.feeds.retry import retry_source

    gone = {"now": True}
    http_server.route(
        "/f.xml",
        lambda req: (
            req.send(410, b"gone", content_type="text/plain") if gone["now"] else req.send(200, rss(items("b", 2)))
        ),
    )
    config = write_config(tmp_path, {"f": http_server.url("/f.xml")})
    with open_test_app(config) as app:
        cycle(app)
        assert "monitor feeds retry f" in cycle(app, at=START + timedelta(hours=1)).results[0].error
        gone["now"] = False
        assert cycle(app, at=START + timedelta(hours=2)).results[0].status == "disabled", "not by itself"
        done = retry_source(app, http_server.url("/f.xml"), now=START + timedelta(hours=3))
        assert (done.recorded, done.enabled_url) == (True, http_server.url("/f.xml"))
        assert feed_state(app.store, "f")["status"] == "new"
        app.projections.rebuild()
        assert feed_state(app.store, "f")["status"] == "new", "the rebuild replays the FeedReset"
        back = cycle(app, at=START + timedelta(hours=3))
        assert (back.results[0].status, back.results[0].new) == ("ok", 2)
        assert feed_state(app.store, "f")["status"] == "ok"
        assert not retry_source(app, "f").recorded, "nothing left to retry: nothing recorded"
    [reset] = events(app.db_path, "FeedReset")
    assert reset["data"]["enabled"] is True and reset["data"]["links"] == []
    assert len(http_server.hits("/f.xml")) == 2


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(http_server, tmp_path, status):
    http_server.route(
        "/busy.xml", lambda req: req.send(status, b"slow down", {"Retry-After": "7200"}, content_type="text/plain")
    )
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/busy.xml")}, interval_minutes=5))
    with app:
        cycle(app)
    failed = events(app.db_path, "FeedFailed")[-1]["data"]
    assert failed["kind"] == "http_status" and failed["status"] == status
    assert failed["retry_after"] == 7200
    assert iso(failed["next_poll_at"]) >= START + timedelta(seconds=7200)


def test_backoff_grows_with_failures_and_success_resets_it(http_server, tmp_path):
    state = {"fail": True}
    body = rss(items("flaky", 2))

    def flaky(req: Request) -> None:
        if state["fail"]:
            req.send(500, b"oops", content_type="text/plain")
        else:
            req.send(200, body)

    http_server.route("/flaky.xml", flaky)
    base = timedelta(minutes=10)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/flaky.xml")}, interval_minutes=10))
    delays = []
    with app:
        at = START
        for _ in range(5):
            cycle(app, at=at, seed=3)
            failed = events(app.db_path, "FeedFailed")[-1]["data"]
            delays.append(iso(failed["next_poll_at"]) - at)
            at = iso(failed["next_poll_at"])
        failures = [e["data"]["failures_in_row"] for e in events(app.db_path, "FeedFailed")]
        assert failures == [1, 2, 3, 4, 5]
        # Full jitter between one interval and a ceiling that doubles each time.
        for n, delay in enumerate(delays, 1):
            assert base <= delay <= base * 2 ** (n - 1)
        assert max(delays[2:]) > delays[0]
        state["fail"] = False
        cycle(app, at=at)
        with app.store.reading() as db:
            row = db.execute("SELECT failures_in_row, status, next_poll_at FROM feeds WHERE feed_id = 'f'").fetchone()
    assert row[0] == 0 and row[1] == "ok"
    assert iso(row[2]) - at == base
    assert len(events(app.db_path, "ArticleDiscovered")) == 2


def test_a_full_feed_sharing_nothing_with_the_previous_poll_is_a_possible_gap(http_server, tmp_path):
    window = {"items": items("gap", 10)}
    serve(http_server, "/feed.xml", lambda: rss(window["items"]), validators=False)
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}, interval_minutes=30))
    with app:
        cycle(app)
        window["items"] = items("gap", 10, start=5)  # overlaps: no gap
        cycle(app, at=START + timedelta(minutes=30))
        window["items"] = items("gap", 10, start=100)  # rolled past everything seen
        summary = cycle(app, at=START + timedelta(minutes=60))
    polled = [e["data"] for e in events(app.db_path, "FeedPolled")]
    assert [p["gap_suspected"] for p in polled] == [False, False, True]
    assert summary.results[0].gap_suspected
    assert iso(polled[-1]["next_poll_at"]) - iso(polled[-1]["polled_at"]) == timedelta(minutes=15)
    assert len(events(app.db_path, "ArticleDiscovered")) == 25


def test_ttl_and_cache_control_are_lower_bounds_on_the_next_poll(http_server, tmp_path):
    body = rss(items("ttl", 1), ttl=120)
    http_server.route("/ttl.xml", lambda req: req.send(200, body))
    http_server.route("/cc.xml", lambda req: req.send(200, rss(items("cc", 1)), {"Cache-Control": "max-age=5400"}))
    app = open_test_app(
        write_config(tmp_path, {"a": http_server.url("/ttl.xml"), "b": http_server.url("/cc.xml")}, interval_minutes=15)
    )
    with app:
        cycle(app)
    polled = {e["data"]["feed_id"]: e["data"] for e in events(app.db_path, "FeedPolled")}
    assert iso(polled["a"]["next_poll_at"]) - START == timedelta(minutes=120)
    assert iso(polled["b"]["next_poll_at"]) - START == timedelta(seconds=5400)


@pytest.mark.parametrize("same_cycle", [True, False])
def test_the_same_article_in_two_feeds_of_one_outlet_is_one_discovery_and_one_sighting(
    http_server, tmp_path, same_cycle
):
    # Two outlets showing one link get an article each: tests/feeds/test_identity.py.
    shared = Item(
        "https://news.example.org/2026/03/shells?utm_source=rss",
        "Shells moved by rail",
        "<p>Freight cars crossed the bridge.</p>",
        link="https://news.example.org/2026/03/shells",
    )
    http_server.route("/one.xml", lambda req: req.send(200, rss([shared, *items("one", 2)])))
    http_server.route("/two.xml", lambda req: req.send(200, rss([*items("two", 1), shared])))
    feeds = {"one": http_server.url("/one.xml"), "two": http_server.url("/two.xml")}
    outlet = {"outlet": "News Example"}
    app = open_test_app(write_config(tmp_path, feeds, feed_extra={"one": outlet, "two": outlet}))
    with app:
        if same_cycle:
            cycle(app)
        else:
            run_cycle(app, [app.config.feed("one")], now=START, parser=CountingParser())
            run_cycle(app, [app.config.feed("two")], now=START + timedelta(minutes=5), parser=CountingParser())
        cycle(app, at=START + timedelta(minutes=30))  # seen again: nothing new
    discovered = events(app.db_path, "ArticleDiscovered")
    sighted = events(app.db_path, "ArticleSighted")
    shared_ids = {e["data"]["article_id"] for e in discovered if e["data"]["title"] == "Shells moved by rail"}
    assert len(shared_ids) == 1
    assert len([e for e in discovered if e["data"]["article_id"] in shared_ids]) == 1
    assert len(sighted) == 1 and sighted[0]["data"]["article_id"] in shared_ids
    assert len(discovered) == 4


def test_a_materially_changed_entry_is_a_revision_and_a_cosmetic_change_is_not(http_server, tmp_path):
    versions = {"text": "<p>About 750 shells were loaded at the port.</p>"}
    serve(
        http_server,
        "/feed.xml",
        lambda: rss([Item("story-1", "Port loading", versions["text"]), *items("other", 2)]),
        validators=False,
    )
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    with app:
        cycle(app)
        versions["text"] = "<p>About   750 shells were <b>loaded</b> at the port.</p>"  # markup only
        cycle(app, at=START + timedelta(minutes=20))
        assert events(app.db_path, "ArticleRevised") == []
        versions["text"] = "<p>About 1,000 shells were loaded at the port.</p>"
        summary = cycle(app, at=START + timedelta(minutes=40))
    revised = events(app.db_path, "ArticleRevised")
    assert len(revised) == 1 and "1,000" in revised[0]["data"]["text"]
    assert summary.results[0].revised == 1 and summary.results[0].new == 0
    assert len(events(app.db_path, "ArticleDiscovered")) == 3


def test_full_text_failure_keeps_the_feed_text_and_records_why(http_server, tmp_path):
    paragraphs = [
        f"<p>Paragraph {n}: the convoy that left at dawn carried forty wagons of artillery ammunition, "
        f"and observers counted {n * 3 + 7} more cars bound for the border crossing.</p>"
        for n in range(6)
    ]
    page = ("<html><body><article><h1>Convoy</h1>" + "".join(paragraphs) + "</article></body></html>").encode()
    http_server.route("/page-ok", lambda req: req.send(200, page, content_type="text/html; charset=utf-8"))
    ok = Item("ft-1", "Has a page", "<p>short summary</p>", link=http_server.url("/page-ok"))
    broken = Item("ft-2", "Page is gone", "<p>the feed's own text</p>", link=http_server.url("/missing"))
    http_server.route("/feed.xml", lambda req: req.send(200, rss([ok, broken])))
    app = open_test_app(
        write_config(tmp_path, {"f": http_server.url("/feed.xml")}, feed_extra={"f": {"full_text": True}})
    )
    with app:
        cycle(app)
    found = {e["data"]["title"]: e for e in events(app.db_path, "ArticleDiscovered")}
    assert found["Has a page"]["metadata"]["full_text"]["ok"] is True
    assert "forty wagons" in found["Has a page"]["data"]["text"]
    gone = found["Page is gone"]
    assert gone["metadata"]["full_text"]["ok"] is False
    assert gone["metadata"]["full_text"]["reason"].startswith("http_status")
    assert gone["data"]["text"] == "the feed's own text"


def test_a_bozo_feed_is_ingested_with_the_reason_recorded(http_server, tmp_path):
    body = rss(items("bozo", 2)).replace(b"report number 0", b"report &nbsp; number 0")
    http_server.route("/feed.xml", lambda req: req.send(200, body))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    with app:
        cycle(app)
    polled = events(app.db_path, "FeedPolled")[-1]
    assert polled["data"]["bozo"] is True and polled["data"]["bozo_reason"]
    assert polled["metadata"]["bozo_reason"] == polled["data"]["bozo_reason"]
    assert len(events(app.db_path, "ArticleDiscovered")) == 2


def test_a_feed_cut_before_its_first_item_is_a_failure_not_an_empty_feed(http_server, tmp_path):
    whole = rss(items("cut", 3))
    cut = whole[: whole.index(b"<item>")]  # the channel's header, then the body simply ends
    http_server.route("/feed.xml", lambda req: req.send(200, cut))
    app = open_test_app(write_config(tmp_path, {"f": http_server.url("/feed.xml")}))
    with app:
        summary = cycle(app)
    assert summary.results[0].status == "failed"
    failed = events(app.db_path, "FeedFailed")
    assert [e["data"]["kind"] for e in failed] == ["parse_error"]
    assert failed[0]["data"]["message"].startswith("the document was cut off")
    assert not events(app.db_path, "FeedPolled"), "a cut document is no healthy empty poll"


def test_the_parse_runs_in_a_process_pool(http_server, tmp_path):
    from monitor.feeds.pool import ParsePool

    for n in range(4):
        http_server.route(f"/p{n}.xml", lambda req, n=n: req.send(200, rss(items(f"pool{n}", 5))))
    app = open_test_app(write_config(tmp_path, {f"p{n}": http_server.url(f"/p{n}.xml") for n in range(4)}))
    with app, ParsePool(workers=2) as pool:
        summary = run_cycle(app, list(app.config.feeds), now=START, parser=pool)
        workers = list(getattr(pool._executor, "_processes", {}).values())
    assert [r.new for r in summary.results] == [5, 5, 5, 5]
    assert workers, "the parse ran in worker processes"


def test_cycles_sharing_a_gate_keep_one_request_per_host_in_flight(http_server, tmp_path):
    # The daemon polls each feed in its own one-feed cycle; politeness must hold across them.
    import threading
    import time

    from monitor.feeds.poller import make_gate, poll_feeds

    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slow_feed(req: Request, n: int) -> None:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.3)
        with lock:
            state["now"] -= 1
        req.send(200, rss(items(f"gated{n}", 2)))

    for n in range(3):
        http_server.route(f"/g{n}.xml", lambda req, n=n: slow_feed(req, n))
    app = open_test_app(
        write_config(
            tmp_path, {f"g{n}": http_server.url(f"/g{n}.xml") for n in range(3)}, fetch={"per_host_concurrency": 1}
        )
    )
    with app:
        gate = make_gate(app.config)
        writes = threading.RLock()
        threads = [
            threading.Thread(
                target=poll_feeds,
                args=(app, [feed]),
                kwargs={"now": START, "parser": CountingParser(), "gate": gate, "write_lock": writes},
            )
            for feed in app.config.feeds
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    assert not any(thread.is_alive() for thread in threads)
    assert state["most"] == 1
    assert len(events(app.db_path, "ArticleDiscovered")) == 6
