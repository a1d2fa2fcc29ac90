"""Page sources (``type = "page"``): a web page whose links are the items, for sources with no feed.

A ministry's press-release list or a sanctions monitor's report page has no RSS. The
poller fetches such a page like a feed (conditional GET, per-host gate, size and time
bounds), and :func:`read_page` turns it into the same :class:`parse.ParsedFeed` a feed
gives, so identity, de-duplication and events are the feed path's:

* **The items are the page's links**: those matching ``item_selector`` (CSS), or by
  default the same-site links of the main content (``<main>``, ``[role=main]``,
  ``<article>``, else ``<body>``) outside navigation, header, footer, aside and forms,
  except the page itself and its other pages (``?page=2``, ``rel="next"``), the site's
  root, and files that are not pages (PDF, images...).
* **The link set is what is compared between polls**: an item's ``raw_hash`` is the hash
  of its link, so a page whose banner or timestamp changed but whose links did not costs
  no further request.
* **Each link not seen before becomes an article**: its page is fetched (same limits,
  same per-host gate, same address class as the source) and its main text, title and
  date are taken with trafilatura from the page's own content and metadata. A link whose
  page cannot be read now is left out and noted; ``incomplete`` asks the poller to read
  the list again in full next time, so it is tried again.
* **A link that keeps failing is backed off, then given up**: a PDF served under a page's
  address, a 404, a page too short to be an article would otherwise be fetched at every
  poll for as long as the list shows it. Its failures are counted per link in the
  ``FeedPolled`` (``unread_links``, so a rebuild keeps them): the first is retried at the
  next poll (most failures pass), later ones after :data:`LINK_RETRY_DELAYS`, and after
  :data:`MAX_LINK_FAILURES` the link is given up, said once on the poll's line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from monitor.errors import fetch_error
from monitor.events import parse_timestamp
from monitor.feeds.entries import article_id, identity_key, outlet_article_id, utc_iso
from monitor.feeds.fetch import ACCEPT_HTML, FetchLimits, FetchResult, fetch, fetch_html
from monitor.feeds.watchdog import stopping

if TYPE_CHECKING:
    from monitor.feeds.parse import ParsedFeed, RawEntry

#: At most this many links of one page are items (a page is a list, not a site map).
MAX_ITEMS = 200
#: At most this many article pages are fetched in one poll; the rest wait for the next.
MAX_NEW_PER_POLL = 30
#: Shorter extracted text than this is not an article (a login wall, an index page).
MIN_TEXT_CHARS = 100
#: An article link that failed this many times in a row is given up (not fetched again while listed).
MAX_LINK_FAILURES = 4
#: How long a link waits after its 1st, 2nd, 3rd failure: the next poll, then hours, then a day.
LINK_RETRY_DELAYS = (timedelta(0), timedelta(hours=6), timedelta(hours=24))
_NOT_PAGES = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|gz|jpe?g|png|gif|webp|svg|mp[34]|css|js|xml|rss|json)$", re.I)
_CONTENT = ("//main", "//*[@role='main']", "//article", "//body")
_OUTSIDE = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::form"


@dataclass
class PageWork:
    """What reading a page source needs besides the page: the HTTP client, the per-host gate,
    the fetch limits, ``known(article_ids)`` → those this source already recorded, and the
    outlet's identity key (an item may carry its outlet-scoped id: monitor.feeds.identity)."""

    client: Any
    limits: FetchLimits
    gate: Callable[[str], AbstractContextManager[Any]] = lambda _url: nullcontext()
    known: Callable[[list[str]], set[str]] = lambda _ids: set()
    outlet: str = ""
    rate_limited: Callable[[str, float], object] | None = None  # told of a page's Retry-After (the gate's account)


@dataclass
class PageLink:
    url: str
    text: str  # the link's own words: the title when the article page has none


def item_links(html: bytes | str, page_url: str, item_selector: str | None = None) -> list[PageLink]:
    """The page's item links in page order, absolute, without fragments, each once."""
    import lxml.html  # imported here: only page sources and discovery parse HTML with lxml

    try:
        document = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return []
    base = urljoin(page_url, document.xpath("string(//base/@href)") or "")
    if item_selector:
        anchors: list[Any] = []
        for element in document.cssselect(item_selector):
            anchors += [element] if element.tag == "a" else element.xpath(".//a[@href]")[:1]
        same_site_only = False
    else:
        container = next((found[0] for path in _CONTENT if (found := document.xpath(path))), document)
        anchors = container.xpath(f".//a[@href][not({_OUTSIDE})]")
        same_site_only = True
    own = _without_fragment(page_url)
    own_path = urlsplit(page_url).path or "/"
    host = urlsplit(page_url).hostname
    links: dict[str, PageLink] = {}
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        url = _without_fragment(urljoin(base, href)) if href else ""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or url == own or url in links:
            continue
        if same_site_only and not _article_like(parts, anchor, host, own_path):
            continue
        links[url] = PageLink(url, " ".join(anchor.text_content().split()))
        if len(links) >= MAX_ITEMS:
            break
    return list(links.values())


def _article_like(parts: SplitResult, anchor: Any, host: str | None, own_path: str) -> bool:
    """Not another site, the home page, this list's other pages (``?page=2``, ``rel="next"``)
    or a file that is not a page."""
    rel = set((anchor.get("rel") or "").lower().split())
    return (
        parts.hostname == host
        and parts.path not in ("", "/", own_path)
        and not _NOT_PAGES.search(parts.path)
        and not rel & {"next", "prev", "previous"}
    )


def preview_page(
    url: str,
    *,
    limits: FetchLimits,
    item_selector: str | None = None,
    gate: Callable[[str], AbstractContextManager[Any]] = lambda _url: nullcontext(),
) -> tuple[str | None, list[PageLink]]:
    """The page's title and item links, for `monitor feeds add --page` to check a source before adding it.
    Raises :class:`FetchError` when the page cannot be fetched."""
    import lxml.html  # imported here, as in item_links

    with gate(url):
        result = fetch(url, limits=limits, accept=ACCEPT_HTML)
    body = result.body or b""
    try:
        title = " ".join(lxml.html.document_fromstring(body).findtext(".//title", "").split()) or None
    except (ValueError, TypeError, lxml.etree.ParserError):
        title = None
    return title, item_links(body, result.url, item_selector)


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def link_hash(url: str) -> str:
    """An item's raw hash: its link, so the comparison between polls is of the link set."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class PageRead:
    """What :func:`read_page` made of a page: the parsed feed; whether links were left for
    later (``incomplete``: read the list in full next time); the links that could not be read
    now and those given up at this poll (``"URL: reason"``); and every listed link's failures
    so far (``unread_links``, URL -> ``{"failures", "retry_at", "reason"}``), for the FeedPolled."""

    parsed: ParsedFeed
    incomplete: bool
    unreadable: list[str]
    given_up: list[str]
    unread_links: dict[str, dict[str, Any]]


def read_page(
    result: FetchResult,
    *,
    feed_id: str,
    item_selector: str | None,
    remembered: Mapping[str, str],
    work: PageWork,
    unread_links: Mapping[str, Mapping[str, Any]] | None = None,
    now: datetime | None = None,
) -> PageRead:
    """The page as a parsed feed whose entries are its new links, read from their own pages.

    Links the source showed before (``remembered``) become entries with no request, so the
    poller counts them as seen; links already in the store from elsewhere are skipped; links
    that failed before (``unread_links``, the last FeedPolled's) wait for their retry time
    and are given up after :data:`MAX_LINK_FAILURES`.
    """
    from monitor.feeds.parse import ParsedFeed  # imported here: a poll with nothing new never loads the parser

    if not result.body:
        raise fetch_error("parse_error", "the page has no body", result.url)
    links = item_links(result.body, result.url, item_selector)
    if not links and not remembered:
        what = f"no link matches item_selector {item_selector!r}" if item_selector else "no article links found"
        raise fetch_error("parse_error", f"not a usable page source: {what}", result.url)
    entries: list[RawEntry] = []
    notes: list[str] = []
    fresh: list[tuple[PageLink, str]] = []
    for link in links:
        raw = _raw(len(entries), link.url, link.text)
        identity = article_id(raw, feed_id)
        ids = (identity, outlet_article_id(raw["key"], work.outlet)) if work.outlet else (identity,)
        if any(remembered.get(one) == raw["raw_hash"] for one in ids):
            entries.append(raw)  # shown before: the poller counts it as seen, nothing fetched
        else:
            fresh.append((link, identity))
    stored = work.known([identity for _, identity in fresh]) if fresh else set()
    now = now or datetime.now(UTC)
    before = unread_links or {}
    # Only the links the page still lists are kept: the record stays as small as the page.
    failing = {link.url: dict(before[link.url]) for link, _ in fresh if link.url in before}
    incomplete = False
    unreadable: list[str] = []
    given_up: list[str] = []
    fetched = 0
    for link, identity in fresh:
        if stopping():
            incomplete = True  # the process is stopping: the rest wait for the next start
            break
        if identity in stored:
            continue  # this source recorded it before (beyond what its last poll remembers): nothing to fetch
        record = failing.get(link.url)
        if record is not None and _still_waiting(record, now):
            incomplete = incomplete or int(record.get("failures") or 0) < MAX_LINK_FAILURES
            continue
        if fetched >= MAX_NEW_PER_POLL:
            incomplete = True
            notes.append(f"more than {MAX_NEW_PER_POLL} new links: the rest wait for the next poll")
            break
        fetched += 1
        entry, reason = _article(link, len(entries), result.url, work)
        if entry is None:
            failures = int((record or {}).get("failures") or 0) + 1
            said = f"{link.url[:200]}: {reason}"
            failing[link.url] = {"failures": failures, "reason": str(reason)[:300], "retry_at": None}
            if failures >= MAX_LINK_FAILURES:
                given_up.append(said)
                notes.append(f"given up after {failures} failures: {said}")
                continue
            failing[link.url]["retry_at"] = utc_iso(now + LINK_RETRY_DELAYS[min(failures, len(LINK_RETRY_DELAYS)) - 1])
            incomplete = True
            unreadable.append(said)
            notes.append(f"left for the next poll: {said}")
            continue
        failing.pop(link.url, None)
        entries.append(entry)
    parsed = ParsedFeed(
        url=result.url,
        version="page",
        title=None,
        link=result.url,
        ttl_minutes=None,
        bozo=False,
        bozo_reason=None,
        encoding=None,
        entries=entries,
        notes=notes,
        parser="page",
    )
    return PageRead(parsed, incomplete, unreadable, given_up, failing)


def given_up(record: Mapping[str, Any]) -> bool:
    """Has this failing link (an ``unread_links`` record) failed too often to be fetched again
    while listed? Only `monitor feeds retry` brings it back."""
    return int(record.get("failures") or 0) >= MAX_LINK_FAILURES


def _still_waiting(record: Mapping[str, Any], now: datetime) -> bool:
    """Is this failing link given up, or not yet due for its retry?"""
    if given_up(record):
        return True
    retry_at = parse_timestamp(record.get("retry_at"))
    return retry_at is not None and now < retry_at


def _raw(
    index: int,
    url: str,
    title: str | None,
    *,
    content: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> RawEntry:
    raw: RawEntry = {
        "index": index,
        "key": "",
        "raw_hash": link_hash(url),
        "guid": None,
        "guid_is_permalink": None,
        "link": url,
        "title": title or None,
        "title_type": "text/plain",
        "author": author,
        "published": published,
        "updated": None,
        "content": content,
        "content_type": "text/plain" if content else None,
        "summary": None,
        "summary_type": None,
    }
    raw["key"] = identity_key(raw)
    return raw


def _article(link: PageLink, index: int, page_url: str, work: PageWork) -> tuple[RawEntry | None, str | None]:
    """One linked page as a raw entry: main text, and title and date from its own metadata."""
    try:
        with work.gate(link.url):
            document, final_url, reason = fetch_html(
                link.url, work.client, work.limits, feed_url=page_url, rate_limited=work.rate_limited
            )
    except Exception as exc:  # noqa: BLE001 - the gate's own timeout, anything odd: try again next poll
        return None, f"{type(exc).__name__}: {exc}"[:300]
    if document is None:
        return None, reason
    try:
        import trafilatura  # imported here: heavy, and only page sources and full_text feeds need it

        extracted = trafilatura.bare_extraction(
            document,
            url=final_url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "original_date": True,
                "extensive_search": False,
            },
        )
    except Exception as exc:  # noqa: BLE001 - an extractor crash must not fail the poll
        return None, f"extract_error: {type(exc).__name__}: {exc}"[:300]
    found = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else (extracted or {})
    text = (found.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return None, f"no_main_text: extracted {len(text)} characters"
    # The link as the list page gave it is the identity (the page may redirect to a longer address).
    return _raw(
        index,
        link.url,
        found.get("title") or link.text,
        content=text,
        published=utc_date(found.get("date")),
        author=found.get("author"),
    ), None


def utc_date(value: Any) -> str | None:
    """trafilatura's date (``2026-03-03T09:00:00+0000``, or a bare date) as UTC ``...Z``."""
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
        return utc_iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return None
