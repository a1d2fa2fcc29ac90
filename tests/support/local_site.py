"""A small news site served on 127.0.0.1 for the source tests: real pages, real feeds.

    site = LocalSite(server)      # server: a started LocalHTTPServer
    site.url("/")                 # home page; <link rel="alternate"> points at /news/feed.xml
    site.url("/news/feed.xml")    # RSS 2.0, three items
    site.url("/blog/notes.json")        # JSON Feed 1.1 (linked from /blog/)
    site.url("/press/")           # a ministry's press-release list: no feed, links to /press/NNN.html
    site.url("/plain/")           # a page without any feed link; /rss.xml exists (the usual-path fallback)

``LocalSite(server, usual_path_feed=False)`` keeps nothing at /rss.xml: a site with no feed at all.

Pages answer conditional GETs (ETag) like a real server, and ``site.add_release(...)``
publishes one more press release. Every text is written for these tests.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from tests.support.httpserver import LocalHTTPServer, Request

DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Release:
    number: int
    title: str
    body: str
    published: datetime


def _release_text(number: int) -> str:
    return (
        f"Statement {number} of the ministry's spokesperson. The ministry said that rail wagons carrying "
        f"artillery ammunition crossed the Tumen River bridge at Khasan on {number} occasions during the "
        "reporting period, according to satellite imagery reviewed by its analysts. Officials added that the "
        "shipments continued despite the sanctions regime and that a further review would follow next month."
    )


@dataclass
class LocalSite:
    server: LocalHTTPServer
    usual_path_feed: bool = True
    releases: list[Release] = field(default_factory=list)
    banner: str = "Welcome"  # changes the press page's bytes without changing its links

    def __post_init__(self) -> None:
        for number in (101, 102, 103):
            self.add_release(number)
        routes = {
            "/": self._home,
            "/news/feed.xml": self._rss,
            "/blog/": self._blog,
            "/blog/notes.json": self._json_feed,
            "/press/": self._press,
            "/plain/": self._plain,
        }
        if self.usual_path_feed:
            routes["/rss.xml"] = self._rss
        for path, handler in routes.items():
            self.server.route(path, handler)

    def url(self, path: str) -> str:
        return self.server.url(path)

    def add_release(self, number: int, *, broken: bool = False) -> Release:
        """Publish one more press release; ``broken``: its page answers 500 until ``fix(number)``."""
        release = Release(
            number,
            f"Press release {number}: shipments across the Tumen",
            _release_text(number),
            DAY + timedelta(days=number - 100),
        )
        self.releases.append(release)
        if broken:
            self.server.route(f"/press/{number}.html", lambda req: req.send(500, b"oops", content_type="text/plain"))
        else:
            self.fix(number)
        return release

    def fix(self, number: int) -> None:
        release = next(r for r in self.releases if r.number == number)
        self.server.route(f"/press/{number}.html", lambda req: self._release(req, release))

    # -- answering ----------------------------------------------------------------------

    @staticmethod
    def _send(req: Request, body: str, content_type: str) -> None:
        data = body.encode("utf-8")
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if req.headers.get("if-none-match") == etag:
            req.send(304, b"", {"ETag": etag}, content_type=None)
            return
        req.send(200, data, {"ETag": etag}, content_type=content_type)

    def _home(self, req: Request) -> None:
        self._send(
            req,
            "<!doctype html><html><head><title>Harbour Watch</title>"
            '<link rel="stylesheet" href="/style.css">'
            '<link rel="alternate" type="application/rss+xml" title="News" href="/news/feed.xml">'
            "</head><body><h1>Harbour Watch</h1><p>Port and rail monitoring.</p></body></html>",
            "text/html; charset=utf-8",
        )

    def _blog(self, req: Request) -> None:
        self._send(
            req,
            "<html><head><title>Blog</title>"
            '<link rel="alternate" type="application/feed+json" href="notes.json"></head>'
            "<body><p>Notes.</p></body></html>",
            "text/html",
        )

    def _plain(self, req: Request) -> None:
        self._send(
            req, "<html><head><title>Plain</title></head><body><p>No feed link here.</p></body></html>", "text/html"
        )

    def _rss(self, req: Request) -> None:
        items = "".join(
            f"<item><title>Harbour note {n}</title><link>{self.url(f'/news/{n}.html')}</link>"
            f"<guid>{self.url(f'/news/{n}.html')}</guid><pubDate>{format_datetime(DAY - timedelta(hours=n))}</pubDate>"
            f"<description>Cranes at Rajin moved containers, note {n}.</description></item>"
            for n in (1, 2, 3)
        )
        self._send(
            req,
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Watch'
            f"</title><link>{self.url('/')}</link><description>d</description>{items}</channel></rss>",
            "application/rss+xml",
        )

    def _json_feed(self, req: Request) -> None:
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Harbour Watch notes",
            "home_page_url": self.url("/blog/"),
            "feed_url": self.url("/blog/notes.json"),
            "items": [
                {
                    "id": "note-7",
                    "url": "/blog/7.html",
                    "title": "Rail yard at Tumangang",
                    "content_html": "<p>Forty <b>wagons</b> waited at the yard.</p>",
                    "date_published": "2026-03-01T08:30:00+09:00",
                    "authors": [{"name": "Desk"}],
                },
                {
                    "id": 8,
                    "external_url": "https://example.org/elsewhere",
                    "title": "A link out",
                    "content_text": "Plain & simple text.",
                    "summary": "Short summary",
                    "date_modified": "2026-03-01T10:00:00Z",
                    "author": {"name": "Old style"},
                },
                "not an item",
            ],
        }
        self._send(req, json.dumps(document), "application/feed+json")

    def _press(self, req: Request) -> None:
        links = "".join(f'<li><a href="/press/{r.number}.html">{escape(r.title)}</a></li>' for r in self.releases)
        self._send(
            req,
            "<!doctype html><html><head><title>Press releases</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/about.html">About</a></nav><p>{escape(self.banner)}</p>'
            f'<main><h1>Press releases</h1><ul class="releases">{links}</ul></main>'
            '<footer><a href="/contact.html">Contact</a></footer></body></html>',
            "text/html; charset=utf-8",
        )

    def _release(self, req: Request, release: Release) -> None:
        self._send(
            req,
            "<!doctype html><html><head>"
            f"<title>{escape(release.title)} | Ministry</title>"
            f'<meta property="og:title" content="{escape(release.title)}">'
            f'<meta property="article:published_time" content="{release.published.isoformat()}">'
            "</head><body><nav><a href='/'>Home</a></nav><main><article>"
            f"<h1>{escape(release.title)}</h1><p>{escape(release.body)}</p>"
            f"<p>{escape(release.body)}</p></article></main></body></html>",
            "text/html; charset=utf-8",
        )


OPML_TWO_FEEDS = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Analyst's list</title></head>
  <body>
    <outline text="Korea">
      <outline type="rss" text="Harbour Watch" title="Harbour Watch" xmlUrl="{feed}"/>
      <outline type="rss" text="Harbour notes (JSON)" xmlUrl="{json}"/>
    </outline>
    <outline type="rss" text="Again" xmlUrl="{feed}"/>
    <outline type="link" text="A bookmark" url="https://example.org/"/>
    <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>
"""

OPML_ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><head/><body><outline text="&b;" xmlUrl="http://127.0.0.1:9/feed"/></body></opml>
"""

#: A fixed "now" for normalising entries in tests.
START_OF_TEST = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
