"""One outlet's feed never overwrites another outlet's article (issue 12 item 4).

Two outlets on one real 127.0.0.1 server. Their feeds share a link, or carry the same
``<guid>123</guid>``, which the parser resolves against the feed URL into one URL: the
same "link" for both. Each outlet gets an article of its own (story grouping says they
tell one story); two feeds of one outlet still share one article (a sighting); no feed
revises an article another feed discovered; and the outcome is the same whether the
feeds are polled in one cycle, in two, or in concurrent one-feed cycles as the daemon
does. A database written before this change (tests/feeds/data/) polls on without
rediscovering anything it knew.
"""

from __future__ import annotations

import random
import shutil
import threading
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from monitor.feeds.poller import poll_feeds
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import START, CountingParser, events, open_test_app, write_config

pytestmark = pytest.mark.timeout(60)

FIXTURE = Path(__file__).parent / "data" / "identity-before-outlets.db"
OUTLETS = {"alpha": "Alpha Wire", "bravo": "Bravo Times"}


def feed_xml(*entries: dict[str, Any]) -> bytes:
    """RSS with full control of guid and isPermaLink (``guid_is_link``), link, title, text."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        "<link>https://example.org/</link><description>d</description>"
    ]
    for n, entry in enumerate(entries):
        guid = ""
        if entry.get("guid"):
            permalink = "" if entry.get("guid_is_link", False) else ' isPermaLink="false"'
            guid = f"<guid{permalink}>{escape(entry['guid'])}</guid>"
        link = f"<link>{escape(entry['link'])}</link>" if entry.get("link") else ""
        published = format_datetime(START - timedelta(minutes=5 * n + 1), usegmt=True)
        parts.append(
            f"<item>{guid}<title>{escape(entry['title'])}</title>{link}<pubDate>{published}</pubDate>"
            f"<description>{escape(entry['text'])}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


SHARED_LINK = "https://alpha.example/news/2"
ALPHA_ENTRIES = [
    {"guid": "https://alpha.example/news/1", "title": "Ferry route reopened", "text": "The ferry sails again."},
    {"guid": SHARED_LINK, "title": "Shells by rail", "text": "About 750 wagons crossed the bridge, Alpha Wire says."},
    {"guid": "alpha-3", "link": "https://alpha.example/news/3", "title": "Port works", "text": "Cranes were moved."},
]
BRAVO_ENTRIES = [
    {"guid": "bravo-1", "link": "https://bravo.example/1", "title": "Bravo's own story", "text": "Bravo reports."},
    {"guid": SHARED_LINK, "title": "Rail shells", "text": "Some 900 wagons crossed, Bravo Times counts."},
]
ALPHA_V1 = feed_xml(*ALPHA_ENTRIES)
BRAVO_V1 = feed_xml(*BRAVO_ENTRIES)


def retitled(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same stories with new bytes (a trailing space in each title): not skipped as unchanged."""
    return [{**entry, "title": entry["title"] + " "} for entry in entries]


def identity_config(folder: Path, server: LocalHTTPServer, *, extra_feeds: dict[str, str] | None = None) -> Path:
    feeds = {name: server.url(f"/{name}.xml") for name in OUTLETS}
    outlets = {name: {"outlet": outlet} for name, outlet in OUTLETS.items()}
    for name, outlet in (extra_feeds or {}).items():
        feeds[name] = server.url(f"/{name}.xml")
        outlets[name] = {"outlet": outlet}
    return write_config(folder, feeds, feed_extra=outlets)


def discovered(db: Path) -> list[dict[str, Any]]:
    return [e["data"] for e in events(db, "ArticleDiscovered")]


def poll_in(app, order: str, *, at=START) -> None:  # type: ignore[no-untyped-def]
    """Poll every configured feed: in one cycle, one cycle per feed, or concurrent one-feed cycles."""
    feeds = list(app.config.feeds)
    if order == "one cycle":
        poll_feeds(app, feeds, now=at, rng=random.Random(1), parser=CountingParser())
    elif order == "cycle per feed":
        for step, feed in enumerate(feeds):
            poll_feeds(app, [feed], now=at + timedelta(minutes=step), rng=random.Random(step), parser=CountingParser())
    else:  # the daemon: a job per feed, each its own cycle, sharing only the write lock
        lock = threading.RLock()
        failures: list[BaseException] = []

        def job(feed: Any) -> None:
            try:
                summary = poll_feeds(app, [feed], now=at, parser=CountingParser(), write_lock=lock)
                assert [r.error for r in summary.results] == [None], summary.results
            except BaseException as exc:  # noqa: BLE001 - reported by the test thread
                failures.append(exc)

        threads = [threading.Thread(target=job, args=(feed,)) for feed in feeds]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
            assert not thread.is_alive()
        assert not failures, failures


ORDERS = ["one cycle", "cycle per feed", "concurrent jobs"]


@pytest.mark.parametrize("order", ORDERS)
def test_the_same_link_from_two_outlets_is_two_articles_and_neither_revises_the_other(
    http_server: LocalHTTPServer, tmp_path: Path, order: str
) -> None:
    http_server.route("/alpha.xml", lambda req: req.send(200, ALPHA_V1))
    http_server.route("/bravo.xml", lambda req: req.send(200, BRAVO_V1))
    app = open_test_app(identity_config(tmp_path, http_server))
    with app:
        poll_in(app, order)
        poll_in(app, order, at=START + timedelta(minutes=30))  # seen again: nothing new
    found = discovered(app.db_path)
    shared = {d["feed_id"]: d for d in found if "wagons" in d["text"]}
    assert set(shared) == {"alpha", "bravo"}, found
    assert shared["alpha"]["article_id"] != shared["bravo"]["article_id"]
    assert "750 wagons" in shared["alpha"]["text"] and "900 wagons" in shared["bravo"]["text"]
    assert events(app.db_path, "ArticleRevised") == []
    assert events(app.db_path, "ArticleSighted") == []
    assert len(found) == 5
    assert {d["article_id"] for d in found} == {d["article_id"] for d in found if d}  # no duplicates
    assert len({d["article_id"] for d in found}) == 5


RELATIVE_GUID = feed_xml({"guid": "123", "guid_is_link": True, "title": "Item 123", "text": "{text}"})


@pytest.mark.parametrize("order", ORDERS)
def test_the_same_bare_guid_from_two_outlets_on_one_host_is_two_articles(
    http_server: LocalHTTPServer, tmp_path: Path, order: str
) -> None:
    # <guid>123</guid> is a permalink by default; the parser resolves it against each feed's
    # URL, and two feeds on one host (an aggregator, a feed service) resolve it alike.
    http_server.route("/alpha.xml", lambda req: req.send(200, RELATIVE_GUID.replace(b"{text}", b"Alpha: 40 trains.")))
    http_server.route("/bravo.xml", lambda req: req.send(200, RELATIVE_GUID.replace(b"{text}", b"Bravo: 60 trains.")))
    app = open_test_app(identity_config(tmp_path, http_server))
    with app:
        poll_in(app, order)
        poll_in(app, order, at=START + timedelta(minutes=30))
    texts = {d["feed_id"]: d["text"] for d in discovered(app.db_path)}
    assert texts == {"alpha": "Alpha: 40 trains.", "bravo": "Bravo: 60 trains."}
    assert events(app.db_path, "ArticleRevised") == [] and events(app.db_path, "ArticleSighted") == []


@pytest.mark.parametrize("order", ORDERS)
def test_two_feeds_of_one_outlet_share_one_article_and_only_its_own_feed_revises_it(
    http_server: LocalHTTPServer, tmp_path: Path, order: str
) -> None:
    versions = {"alpha": ALPHA_V1, "alpha-asia": ALPHA_V1}
    for name in versions:
        http_server.route(f"/{name}.xml", lambda req, name=name: req.send(200, versions[name]))
    http_server.route("/bravo.xml", lambda req: req.send(200, BRAVO_V1))
    app = open_test_app(identity_config(tmp_path, http_server, extra_feeds={"alpha-asia": "Alpha Wire"}))
    with app:
        poll_in(app, order)
        # Which of the two feeds found the shared story first depends on the order.
        owner = next(d["feed_id"] for d in discovered(app.db_path) if "750 wagons" in d["text"])
        other = "alpha-asia" if owner == "alpha" else "alpha"
        changed = ALPHA_V1.replace(b"About 750 wagons", b"About 800 wagons")
        versions[other] = changed  # the other feed of the outlet shows a new text: not its article
        poll_in(app, order, at=START + timedelta(minutes=30))
        assert events(app.db_path, "ArticleRevised") == []
        versions[owner] = changed  # now the article's own feed does
        poll_in(app, order, at=START + timedelta(minutes=60))
    found = discovered(app.db_path)
    outlet_ids = {d["article_id"] for d in found if d["feed_id"] in ("alpha", "alpha-asia")}
    # The two link-keyed stories are one article each; the opaque guid "alpha-3" is only
    # unique inside its feed, so each feed has its own (the rule for guids, unchanged).
    assert len(outlet_ids) == 4
    sightings = events(app.db_path, "ArticleSighted")
    assert len(sightings) == 2 and {s["data"]["feed_id"] for s in sightings} == {other}
    [revised] = events(app.db_path, "ArticleRevised")
    assert revised["data"]["feed_id"] == owner and "800 wagons" in revised["data"]["text"]
    assert len([d for d in found if d["feed_id"] == "bravo"]) == 2


def test_a_database_written_before_the_change_rediscovers_nothing(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    if not FIXTURE.exists():
        pytest.skip(f"{FIXTURE.name} missing: python -m tests.feeds.data.make_identity_db writes it")
    # The same stories again with new bytes, and a new Bravo story carrying Alpha's ferry link.
    ferry = {
        "guid": "https://alpha.example/news/1",
        "link": "https://alpha.example/news/1",
        "title": "Ferry",
        "text": "Bravo's ferry.",
    }
    http_server.route("/alpha.xml", lambda req: req.send(200, feed_xml(*retitled(ALPHA_ENTRIES))))
    http_server.route("/bravo.xml", lambda req: req.send(200, feed_xml(*retitled(BRAVO_ENTRIES), ferry)))
    shutil.copyfile(FIXTURE, tmp_path / "monitor.db")
    app = open_test_app(identity_config(tmp_path, http_server))
    with app:
        before = {d["article_id"] for d in discovered(app.db_path)}
        revised_before = len(events(app.db_path, "ArticleRevised"))
        poll_in(app, "one cycle", at=START + timedelta(days=1))
        poll_in(app, "one cycle", at=START + timedelta(days=1, minutes=30))
    after = discovered(app.db_path)
    fresh = [d for d in after if d["article_id"] not in before]
    # Only Bravo's new story with Alpha's ferry link is new: it is Bravo's article now.
    assert [(d["feed_id"], d["link"]) for d in fresh] == [("bravo", "https://alpha.example/news/1")], fresh
    assert len(events(app.db_path, "ArticleRevised")) == revised_before  # nobody revises across feeds
    assert len(after) == len(before) + 1
