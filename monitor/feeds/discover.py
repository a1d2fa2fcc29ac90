"""Finding the feed behind an address: the URL itself, its page's ``<link rel="alternate">``, or the usual paths.

``monitor feeds add`` takes whatever a person copies from the browser: often the site's
home page, not its feed. :func:`find_feed` tries, in order, and stops at the first
document that parses as a feed (RSS, Atom, RDF or JSON Feed) with :func:`parse.parse_feed`:

1. the URL itself;
2. when it is an HTML page, each ``<link rel="alternate">`` whose type is a feed type, in
   page order (the page's own word on where its feed is);
3. the paths where sites keep their feeds (``/feed``, ``/rss.xml``, ``/atom.xml``,
   ``/index.xml``, ``/feed.json`` …) on the page's origin.

Every request goes through :func:`fetch.fetch` (time, size and redirect bounds) and the
per-host gate when one is given; at most :data:`MAX_CANDIDATES` addresses are tried, none
after :data:`DISCOVERY_DEADLINES` fetch deadlines, and none more on a host that did not answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from monitor.errors import FetchError, MonitorError
from monitor.feeds.fetch import ACCEPT_FEED, FetchLimits, fetch
from monitor.feeds.parse import ParsedFeed, alternate_links, parse_feed

#: Where sites keep their feeds when their pages do not say (WordPress, Hugo, Jekyll, Ghost, Blogger...).
FALLBACK_PATHS = (
    "/feed",
    "/feed/",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
    "/index.rss",
    "/feeds/posts/default",
)
#: The most addresses one discovery fetches (the URL, its alternates, the fallbacks).
MAX_CANDIDATES = 16
#: No new address is tried once this many fetch deadlines ([fetch] deadline_seconds) have passed.
DISCOVERY_DEADLINES = 3
#: Failures that say the host does not answer at all: none of its other paths is tried.
UNREACHABLE_KINDS = frozenset({"dns", "connect", "timeout", "tls"})


class NoFeedFound(MonitorError):
    """The address gives no feed, directly or through the page. The message says what was tried."""


@dataclass(frozen=True)
class FoundFeed:
    url: str  # the feed's address (after redirects)
    title: str | None
    version: str  # "rss20", "atom10", "json11" ...
    entries: int
    via: str  # "direct", "alternate link" or "usual path"


def find_feed(
    url: str,
    *,
    limits: FetchLimits | None = None,
    client: Any = None,
    gate: Callable[[str], AbstractContextManager[Any]] | None = None,
) -> FoundFeed:
    """The feed at ``url`` or discovered from it; raises :class:`NoFeedFound`."""
    limits = limits or FetchLimits()
    gate = gate or (lambda _url: nullcontext())
    tried: list[str] = []
    problems: list[str] = []
    unreachable: set[str] = set()  # hosts that did not answer: their other paths are not tried
    deadline = time.monotonic() + DISCOVERY_DEADLINES * limits.deadline_seconds

    def attempt(candidate: str) -> tuple[ParsedFeed | None, Any]:
        tried.append(candidate)
        try:
            with gate(candidate):
                # A page's links must not lead us to more private addresses than the page's own.
                result = fetch(
                    candidate,
                    client=client,
                    limits=limits,
                    accept=ACCEPT_FEED + ", text/html;q=0.6",
                    origin=None if candidate == url else url,
                )
        except FetchError as exc:
            problems.append(f"{exc.kind}: {exc.message}"[:200])
            if exc.kind in UNREACHABLE_KINDS:
                unreachable.add(urlsplit(candidate).netloc.lower())
            return None, None
        if not result.body:
            return None, result
        try:
            return parse_feed(result.body, result.headers, result.url), result
        except FetchError:
            return None, result

    parsed, first = attempt(url)
    if parsed is not None:
        return _found(parsed, first.url, "direct")
    itself = f"the address itself gave {problems[0]}" if first is None else "not a feed itself"
    candidates: list[tuple[str, str]] = []
    if first is not None and first.body and "html" in first.content_type.lower():
        candidates += [(link, "alternate link") for link in alternate_links(first.body, first.url)]
    origin = _origin(first.url if first is not None else url)
    if origin:
        candidates += [(origin + path, "usual path") for path in FALLBACK_PATHS]
    seen = {url}
    for candidate, via in candidates:
        if candidate in seen or urlsplit(candidate).netloc.lower() in unreachable:
            continue
        if len(tried) >= MAX_CANDIDATES or time.monotonic() > deadline:
            break
        seen.add(candidate)
        parsed, result = attempt(candidate)
        if parsed is not None:
            return _found(parsed, result.url, via)
    if urlsplit(url).netloc.lower() in unreachable:
        raise NoFeedFound(f"{url}: no feed found: the site did not answer ({problems[0]}); check the address")
    raise NoFeedFound(
        f'{url}: no feed found: {itself}, no <link rel="alternate"> feed on a page, none at the usual '
        f"paths ({len(tried)} addresses tried); give the feed's own URL, or follow the page itself as a "
        'page source (type = "page")'
    )


def _found(parsed: ParsedFeed, url: str, via: str) -> FoundFeed:
    return FoundFeed(url=url, title=parsed.title, version=parsed.version, entries=len(parsed.entries), via=via)


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
