"""Feed bytes → plain, picklable data, in a process pool. No network, no clock reads.

feedparser is the most tolerant parser there is and also the slowest stage of a poll
(~45 ms for a 50-entry feed, half of it sanitising and resolving URIs in every entry's
HTML). So:

* :func:`parse_feed` calls ``feedparser.parse`` with ``sanitize_html=False`` and
  ``resolve_relative_uris=False`` and returns raw fields only. Plain, well-formed UTF-8
  RSS 2.0 and Atom 1.0 documents are read with lxml instead (:func:`_fast_parse`), with
  the same result field for field; anything it is not sure of goes to feedparser.
* HTML is reduced to text (:func:`monitor.feeds.entries.html_to_text`) only for the entries
  the feed has not shown before, in the worker (:class:`monitor.feeds.pool.NormaliseRequest`).
* It hands feedparser an ``io.BytesIO``, never ``bytes``: given bytes, feedparser 6.0.x
  first tries ``open(data)`` as a *file name*, so a server answering ``/etc/passwd``
  would make it read a local file.
* :class:`monitor.feeds.pool.ParsePool` runs it in worker processes (threads do not help: the parse is
  CPU-bound Python), created lazily, sized to the cores, with a per-job time limit and an
  address-space limit per worker; ``workers=0`` parses in the calling process.

Entity expansion. Python 3.11.7's expat (2.5.0) stops billion-laughs style nesting, and
feedparser drops nested entity declarations anyway. But a *flat* entity referenced many
times is still expanded: expat allows 100x amplification before it objects, and after
that feedparser's loose (sgmllib) fallback expands the same declaration without any
limit — a 200 KB document took 59 s and 7 GB of memory in our test. :func:`screen_dtd`
therefore rewrites the prolog before feedparser sees it: it keeps only simple
declarations (no nesting, no parameter or external entities) whose total expansion stays
under :data:`MAX_ENTITY_EXPANSION` bytes, and refuses entity declarations in encodings it
cannot rewrite (UTF-16/32, EBCDIC, UTF-7).
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import io
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252 as _CP1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri

from monitor.errors import fetch_error
from monitor.feeds.entries import identity_key
from monitor.feeds.jsonfeed import is_json_feed, parse_json_feed
from monitor.feeds.parsed import ParsedFeed, RawEntry  # here for the parser's callers: the classes live apart

#: Total bytes that declared entities may expand to in one document.
MAX_ENTITY_EXPANSION = 1_000_000
#: At most this many entity declarations are kept.
MAX_ENTITY_DECLARATIONS = 256
#: A prolog (everything before the root element) longer than this is refused.
MAX_PROLOG_BYTES = 1_000_000
#: Entries beyond this many in one document are ignored (and noted).
MAX_ENTRIES = 5_000


# --------------------------------------------------------------------------------------
# parse_feed
# --------------------------------------------------------------------------------------

#: Media types a feed is served as, rightly or wrongly; any other names a file that is no feed (a PDF, an image).
_MAYBE_A_FEED = re.compile(r"xml|html|json|rss|atom|rdf|text/|octet-stream|unknown")
_HTML_PAGE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_DROP_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def parse_feed(
    body: bytes, headers: Mapping[str, str], url: str, *, max_entries: int = MAX_ENTRIES, fast: bool = True
) -> ParsedFeed:
    """Parse one feed document. Pure: no network, no file access, no clock dependence.

    ``headers`` are the response headers (any case); ``url`` the final URL, used as the
    base for relative links. A document feedparser reads with problems (``bozo``) is
    returned with ``bozo_reason`` set. Raises :class:`FetchError` of kind
    ``parse_error`` when nothing feed-like can be read: an empty body, a body with neither
    entries nor a recognisable feed format (an HTML page, garbage), or entity
    declarations that cannot be made safe. An empty but valid feed is not an error.

    ``fast`` lets plain, well-formed UTF-8 RSS 2.0 and Atom 1.0 documents skip feedparser
    (see :func:`_fast_parse`); the result is the same either way.
    """
    started = time.perf_counter()
    if not body or not body.strip():
        raise fetch_error("parse_error", "empty body", url)
    lowered = {str(k).lower(): str(v) for k, v in headers.items() if str(k).lower() not in _DROP_HEADERS}
    result: Mapping[str, Any] | None = None
    notes: list[str] = []
    if is_json_feed(body, lowered):  # feedparser reads no JSON; same result shape, same path after this
        result = parse_json_feed(body, url)
    else:
        body, notes = screen_dtd(body, lowered, url)
    base = _base_url(url, lowered.get("content-location"))
    if base:
        lowered["content-location"] = base
    if result is None and fast:
        result = _fast_parse(body, lowered, max_entries)
    try:
        if result is None:
            result = feedparser.parse(
                io.BytesIO(body),
                sanitize_html=False,
                resolve_relative_uris=False,
                response_headers=lowered,
            )
    except MemoryError:
        raise fetch_error("parse_error", "out of memory while parsing", url) from None
    except Exception as exc:  # noqa: BLE001 - feedparser has crash bugs on hostile input
        raise fetch_error("parse_error", f"feedparser failed: {type(exc).__name__}: {exc}"[:500], url) from None

    version = str(result.get("version") or "")
    bozo = bool(result.get("bozo"))
    reason = _describe(result.get("bozo_exception")) if bozo else None
    _forget_tracebacks(result.get("bozo_exception"))
    raw_entries = list(result.get("entries") or [])
    charset = _CHARSET.search(lowered.get("content-type", "").partition(";")[2])
    if not raw_entries and bozo and charset and result.get("parser") != "jsonfeed":
        # The HTTP charset wins over the document's own, and a wrong one (a UTF-8 feed served as
        # UTF-16 or EBCDIC) decodes without error into garbage: nothing read, and no failure
        # either. Without it the document is read as its declaration or BOM says.
        retried = _read_without_charset(body, lowered)
        if retried.get("entries"):
            result, raw_entries = retried, list(retried["entries"])
            version = str(result.get("version") or "")
            reason = f"the server's charset {charset.group(1)} does not read the document; read as it declares itself"
    if not raw_entries and bozo and result.get("parser") != "jsonfeed":
        cut_root = _unclosed_root(body)
        if cut_root:
            # A response that ended early (a CMS that died mid-render, a proxy's cut) still
            # names its format in the header, and would pass for a feed with nothing new.
            raise fetch_error(
                "parse_error",
                f"the document was cut off: it ends ({len(body)} bytes) before its <{cut_root}> is closed, "
                "with no entry read",
                url,
            )
    if not raw_entries and not version and _feed_root(body):
        # A recognised root element with nothing in it (e.g. a CDF channel without items):
        # an empty feed, not a failure.
        notes.append("feed format not identified; no entries")
    elif not raw_entries and not version:
        media_type = lowered.get("content-type", "").partition(";")[0].strip().lower()
        if _HTML_PAGE.match(body[:4096]):
            message = _html_page_message(body, url)
        elif media_type and not _MAYBE_A_FEED.search(media_type):
            # (the header's text, cut: a media type is a few dozen characters)
            message = f"not a feed: the server sent {media_type[:100]}, a file and not a feed: check the feed's url"
        else:
            message = f"not a feed: {reason}" if reason else "not a feed: no RSS, Atom or RDF element found"
        raise fetch_error("parse_error", message, url)
    elif not version:
        notes.append("unknown feed format; entries read anyway")
    # The fast path builds no entry past the cap, and counts them (``entries_total``).
    total = max(int(result.get("entries_total") or 0), len(raw_entries))
    entries_cut = max(total - max_entries, 0)
    if entries_cut:
        notes.append(f"{total} entries; only the first {max_entries} kept")
        raw_entries = raw_entries[:max_entries]

    feed = dict(result.get("feed") or {})
    entries = [_raw_entry(i, e) for i, e in enumerate(raw_entries)]
    return ParsedFeed(
        url=url,
        version=version,
        title=_text(feed.get("title")),
        link=_text(feed.get("link")),
        ttl_minutes=_ttl(feed.get("ttl")),
        bozo=bozo,
        bozo_reason=reason,
        encoding=_text(result.get("encoding")),
        entries=entries,
        notes=notes,
        parse_seconds=time.perf_counter() - started,
        entries_cut=entries_cut,
        parser=str(result.get("parser") or "feedparser"),
    )


#: Media types of ``<link rel="alternate">`` that name a feed.
FEED_LINK_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
    }
)


def alternate_links(html: bytes, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the page's ``<link rel="alternate">`` feeds, in page order, once each."""
    import lxml.html  # imported here: only discovery and page sources parse HTML with lxml

    try:
        document = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return []
    base = urljoin(base_url, document.xpath("string(//base/@href)") or "")
    found: list[str] = []
    for link in document.xpath("//link[@href]"):
        rels = (link.get("rel") or "").lower().split()
        media = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or media not in FEED_LINK_TYPES:
            continue
        href = urljoin(base, link.get("href").strip())
        if urlsplit(href).scheme.lower() in ("http", "https") and href not in found:
            found.append(href)
    return found


#: The longest feed link a failure message offers (real feed addresses run to a few hundred characters).
_OFFERED_LINK_CHARS = 1000


def _html_page_message(body: bytes, url: str) -> str:
    """What a page served where the feed was says, and what to do: often a redesigned site's
    page, whose ``<link rel="alternate">`` names where the feed went."""
    # The page is the server's text: a link too long to be a feed's address would be copied into
    # every failure event, log line and health mail, so it is not offered.
    links = [link for link in alternate_links(body, url) if link != url and len(link) <= _OFFERED_LINK_CHARS]
    if links:
        return (
            f"not a feed: the server sent an HTML page, which links its feed at {links[0]}:"
            " make that the feed's url in config.toml"
        )
    return (
        "not a feed: the server sent an HTML page that links no feed (a maintenance or login page, or the feed"
        " moved): if it lasts, find the feed's address"
        ' (monitor feeds add URL tries the usual places), or follow the page itself with type = "page"'
    )


def _read_without_charset(body: bytes, headers: Mapping[str, str]) -> Mapping[str, Any]:
    """feedparser's reading of ``body`` as XML that names its own encoding (declaration, BOM, else UTF-8)."""
    try:
        result = feedparser.parse(
            io.BytesIO(body),
            sanitize_html=False,
            resolve_relative_uris=False,
            response_headers={**headers, "content-type": "application/xml"},
        )
    except Exception:  # noqa: BLE001 - feedparser has crash bugs on hostile input; the first reading stands
        return {}
    _forget_tracebacks(result.get("bozo_exception"))
    return result


_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:rss|feed|rdf|channel)[\s>/]", re.I)


def _feed_root(body: bytes) -> bool:
    """Is the first element of the document a feed's root (rss, feed, rdf:RDF, channel)?"""
    first = _ROOT_START.search(body, 0, 65536)
    return bool(first and _FEED_ROOT.match(body, first.start()))


def _unclosed_root(body: bytes) -> str | None:
    """The name of the document's root element when the body ends without closing it; None
    when it is closed, or the root cannot be told (not an ASCII-compatible encoding)."""
    first = _ROOT_START.search(body, 0, 65536)
    name = first and _ELEMENT_NAME.match(body, first.start() + 1)
    if not name:
        return None
    root = name.group()
    opening_end = body.find(b">", name.end())
    if opening_end > 0 and body[opening_end - 1 : opening_end] == b"/":
        return None  # <rss/>: closed where it opens
    if re.search(rb"</" + re.escape(root) + rb"\s*>", body[-_ROOT_CLOSE_WINDOW:]):
        return None
    return root.decode("ascii", "replace")


def _base_url(url: str, content_location: str | None) -> str | None:
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    if scheme not in ("http", "https", "file"):
        return content_location or None
    if content_location:
        return urljoin(url, content_location.strip())
    return url


def _describe(exc: Any) -> str | None:
    if exc is None:
        return None
    text = f"{type(exc).__name__}: {exc}" if isinstance(exc, BaseException) else str(exc)
    return text[:500]


def _forget_tracebacks(exc: object) -> None:
    """Drop the tracebacks of a bozo exception and of the exceptions chained to it.

    feedparser keeps the exception its strict parser raised in the result it returns, and
    the exception's traceback holds feedparser's frame, which holds that result: a reference
    cycle. Through the frames of the callers it also pins the whole parse job (the body, the
    entries, their analysis) until a full garbage collection, which a parse worker runs
    rarely; meanwhile the heap grows around the garbage and a long-running worker's memory
    creeps up (docs/benchmarks.md, memory). Only the description is kept, so nothing is lost.
    """
    pending = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        pending += [current.__cause__, current.__context__]


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _ttl(value: Any) -> int | None:
    text = _text(value)
    if text and text.isdigit():
        minutes = int(text)
        if 0 < minutes <= 60 * 24 * 365:
            return minutes
    return None


def _iso(struct: Any) -> str | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if not struct:
        return None
    try:
        seconds = calendar.timegm(tuple(struct)[:6] + (0, 0, 0))
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _pick_content(entry: Mapping[str, Any]) -> tuple[str | None, str | None]:
    items = entry.get("content") or []
    best: Mapping[str, Any] | None = None
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("value"), str):
            continue
        if best is None or ("html" in str(item.get("type", "")) and "html" not in str(best.get("type", ""))):
            best = item
    if best is None:
        return None, None
    return best["value"], _text(best.get("type"))


def _raw_entry(index: int, parsed: Mapping[str, Any]) -> RawEntry:
    # A plain dict view: FeedParserDict.get() maps missing keys to legacy aliases (e.g.
    # published_parsed -> updated_parsed, with a DeprecationWarning); we want the truth.
    entry: dict[str, Any] = dict(parsed) if isinstance(parsed, dict) else {}
    content, content_type = _pick_content(entry)
    summary = entry.get("summary") if isinstance(entry.get("summary"), str) else None
    summary_detail = entry.get("summary_detail") or {}
    title = entry.get("title") if isinstance(entry.get("title"), str) else None
    title_detail = entry.get("title_detail") or {}
    guidislink = entry.get("guidislink")
    raw: RawEntry = {
        "index": index,
        "key": "",
        "raw_hash": "",
        "guid": _text(entry.get("id")),
        "guid_is_permalink": bool(guidislink) if guidislink is not None else None,
        "link": _text(entry.get("link")),
        "title": title,
        "title_type": _text(title_detail.get("type")) if isinstance(title_detail, Mapping) else None,
        "author": _text(entry.get("author")),
        "published": _iso(entry.get("published_parsed")),
        "updated": _iso(entry.get("updated_parsed")),
        "content": content,
        "content_type": content_type,
        "summary": summary,
        "summary_type": _text(summary_detail.get("type")) if isinstance(summary_detail, Mapping) else None,
    }
    raw["key"] = identity_key(raw)
    digest = hashlib.sha256()
    for part in (raw["title"], raw["link"], raw["summary"], raw["content"]):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    raw["raw_hash"] = digest.hexdigest()[:32]
    return raw


# --------------------------------------------------------------------------------------
# The fast path: plain RSS 2.0 and Atom 1.0 without feedparser
# --------------------------------------------------------------------------------------
#
# feedparser spends ~30 ms on a typical 50-entry feed even without sanitising, in Python
# callbacks per element. Most real feeds are well-formed UTF-8 RSS 2.0 or Atom 1.0 using
# a handful of elements, and for those lxml (C) gives the same fields in a fraction of
# the time. The rule: this path only accepts what it is sure to read *exactly* as
# feedparser's strict parser would (same ids, links, dates, text), and declines
# everything else — another encoding, a DTD, xml:base, an element outside the lists
# below, a repeated field, markup inside a text field — so feedparser reads it as before.
# Article ids depend on guid and link, so agreeing with feedparser is what keeps a feed
# from rediscovering its backlog when it drifts between the two paths; a test compares
# both readers over generated feeds and the whole odd-feed corpus.

# feedparser's own helpers, so both readers agree by construction on dates, URL joining,
# HTML detection and character repair (stable within feedparser 6.0.x, which we pin).
_looks_like_html = _FeedParserMixin.looks_like_html
_map_content_type = _FeedParserMixin.map_content_type
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_ATOM = "{http://www.w3.org/2005/Atom}"
#: RSS item children this path reads, and those it may skip (they feed no field of ours).
_RSS_FIELDS = frozenset({"title", "link", "description", "guid", "pubDate", _DC + "creator", _CONTENT + "encoded"})
_MEDIA = "{http://search.yahoo.com/mrss/}"
_RSS_IGNORED = frozenset(
    {
        "category",
        "comments",
        "enclosure",
        "source",
        _DC + "subject",
        _MEDIA + "content",
        _MEDIA + "thumbnail",
        "{http://wellformedweb.org/CommentAPI/}commentRss",
        "{http://purl.org/rss/1.0/modules/slash/}comments",
        "{com-wordpress:feed-additions:1}post-id",
    }
)
_ATOM_FIELDS = frozenset(
    {
        _ATOM + "id",
        _ATOM + "title",
        _ATOM + "published",
        _ATOM + "updated",
        _ATOM + "summary",
        _ATOM + "content",
        _ATOM + "author",
    }
)
_ATOM_IGNORED = frozenset({_ATOM + "category", _ATOM + "rights"})
#: Elements feedparser also reads as a title.
_TITLE_ALIASES = frozenset({_DC + "title", "{http://search.yahoo.com/mrss/}title"})
# Without a Content-Type feedparser flags the document and may read it as ISO-8859-1.
_FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_DECLARED_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_DTD_ANYWHERE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


class _Decline(Exception):
    """The fast path is not sure; feedparser reads this document."""


def _fast_parse(body: bytes, headers: Mapping[str, str], max_entries: int = MAX_ENTRIES) -> dict[str, Any] | None:
    """A feedparser-shaped result for a plain RSS 2.0 / Atom 1.0 document, or None.

    Entries past ``max_entries`` are counted (``entries_total``), not built: a feed of 20,000
    items cost four times the work and memory of the 5,000 kept at every poll. Whether one of
    them would have sent the document to feedparser does not matter: the entries kept read
    the same either way."""
    if not _fast_candidate(body, headers):
        return None
    try:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(body, parser)
        base = make_safe_absolute_uri("", headers.get("content-location", "")) or ""
        if root.tag == "rss" and root.get("version") == "2.0":
            result = _fast_rss(root, base, max_entries)
        elif root.tag == _ATOM + "feed":
            result = _fast_atom(root, base, max_entries)
        else:
            return None
        # feedparser reports the HTTP charset as the server spelt it, else "utf-8".
        charset = _CHARSET.search(headers.get("content-type", "").partition(";")[2])
        result["encoding"] = charset.group(1) if charset else "utf-8"
        return result
    except Exception:  # noqa: BLE001 - _Decline, lxml's syntax errors, anything odd: feedparser judges
        return None
    return None


def _fast_candidate(body: bytes, headers: Mapping[str, str]) -> bool:
    """UTF-8 by every account (HTTP charset, XML declaration), no DTD, no xml:base."""
    media_type, _, params = headers.get("content-type", "").partition(";")
    if media_type.strip() not in _FEED_MEDIA_TYPES:  # case-sensitive, as feedparser compares them
        return False
    charset = _CHARSET.search(params)
    if charset:
        if charset.group(1).lower() not in _UTF8_NAMES:
            return False
    elif media_type.strip() == "text/xml":
        return False  # feedparser applies RFC 3023's us-ascii default here
    if not body.startswith((b"<?xml", b"\xef\xbb\xbf<?xml")):
        return False  # no declaration, or junk before it: feedparser's prolog handling decides
    declared = _DECLARED_ENCODING.match(body)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _UTF8_NAMES:
        return False
    return b"xml:base" not in body and _DTD_ANYWHERE.search(body) is None


def _plain_text(element: Any) -> str:
    """An element's text, declining markup inside it (feedparser would keep the tags)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            raise _Decline("markup inside a text field")
        pieces.append(child.tail or "")  # comments and processing instructions vanish
    return "".join(pieces)


def _as_feedparser_stores(value: str) -> str:
    """What feedparser's ``pop`` makes of a text value (strict parser, UTF-8 document)."""
    output = value.strip()
    try:  # its repair of UTF-8 that was decoded as Latin-1 somewhere upstream
        output = output.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return output.translate(_CP1252)


def _link_as_stored(value: str) -> str:
    # feedparser undoes "&amp;" and "&name;" in entry links (a query-string repair).
    return re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", value.replace("&amp;", "&"))


def _fast_rss(root: Any, base: str, max_entries: int) -> dict[str, Any]:
    if set(root.attrib) - {"version"}:
        raise _Decline("rss attributes")
    channels = [c for c in root if isinstance(c.tag, str)]
    if len(channels) != 1 or channels[0].tag != "channel":
        raise _Decline("not one channel")
    feed: dict[str, Any] = {}
    entries = []
    total = 0
    for child in channels[0]:
        tag = child.tag
        if tag in _TITLE_ALIASES:
            raise _Decline(f"channel {tag}")  # feedparser would take it as the feed title
        if tag == "item":
            total += 1
            if total <= max_entries:
                entries.append(_fast_rss_item(child, base))
        elif tag in ("title", "link", "ttl"):
            if tag in feed:
                raise _Decline(f"channel {tag} twice")
            value = _as_feedparser_stores(_plain_text(child))
            feed[tag] = _link_as_stored(_urljoin(base, value)) if tag == "link" and value else value
    return {
        "version": "rss20",
        "bozo": 0,
        "encoding": "utf-8",
        "feed": feed,
        "entries": entries,
        "entries_total": total,
        "parser": "fast",
    }


def _fast_rss_item(item: Any, base: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    seen: set[str] = set()
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment
        if tag in _RSS_IGNORED:
            if len(child):
                raise _Decline(f"children inside {tag}")  # e.g. a media:title feedparser would read
            continue
        if tag not in _RSS_FIELDS or tag in seen or (child.attrib and tag != "guid"):
            raise _Decline(f"item element {tag}")
        seen.add(tag)
        text = _plain_text(child)
        if tag == "title":
            title = _as_feedparser_stores(text)
            entry["title"] = title
            entry["title_detail"] = {"type": "text/html" if _looks_like_html(title) else "text/plain"}
        elif tag == "link":
            link = text.strip()
            if not link:
                raise _Decline("empty link")
            entry["link"] = _link_as_stored(_as_feedparser_stores(_urljoin(base, link)))
        elif tag == "guid":
            _rss_guid(child, text, base, entry)
        elif tag == "pubDate":
            entry["published_parsed"] = _parse_date(_as_feedparser_stores(text))
        elif tag == _DC + "creator":
            author = _as_feedparser_stores(text)
            if "@" in author:
                raise _Decline("an author with an e-mail address")
            entry["author"] = author
        elif tag == "description":
            entry["summary"] = _as_feedparser_stores(text)
            entry["summary_detail"] = {"type": "text/html"}
        else:  # content:encoded
            _set_content(entry, "text/html", _as_feedparser_stores(text))
    return entry


def _set_content(entry: dict[str, Any], kind: str, value: str) -> None:
    entry["content"] = [{"type": kind, "value": value}]
    # feedparser copies text or HTML content into a summary not seen yet (a later
    # summary element still replaces it, and the copy has no summary type).
    if kind in ("text/plain", "text/html", "application/xhtml+xml"):
        entry.setdefault("summary", value)


def _rss_guid(element: Any, text: str, base: str, entry: dict[str, Any]) -> None:
    permalink = element.get("isPermaLink", "true")
    if set(element.attrib) - {"isPermaLink"} or permalink not in ("true", "false"):
        raise _Decline("guid attributes")
    is_link = permalink == "true"
    guid = text.strip()
    if is_link and guid:
        guid = _urljoin(base, guid)  # feedparser resolves permalink guids like links
    guid = _as_feedparser_stores(guid)
    entry["id"] = guid
    entry.setdefault("guidislink", is_link and "link" not in entry)
    if is_link:
        entry.setdefault("link", guid)  # a later <link> still replaces it


def _atom_text_type(element: Any) -> str:
    if element.get("src") is not None or set(element.attrib) - {"type"}:
        raise _Decline("atom text attributes")
    kind = _map_content_type(element.get("type", "text"))
    if kind not in ("text/plain", "text/html"):
        raise _Decline(f"atom text of type {kind}")  # xhtml and others keep their markup
    return kind


def _fast_atom(root: Any, base: str, max_entries: int) -> dict[str, Any]:
    feed: dict[str, Any] = {}
    entries = []
    total = 0
    for child in root:
        tag = child.tag
        if tag in _TITLE_ALIASES:
            raise _Decline(f"feed {tag}")
        if tag == _ATOM + "entry":
            total += 1
            if total <= max_entries:
                entries.append(_fast_atom_entry(child, base))
        elif tag == _ATOM + "title":
            if "title" in feed:
                raise _Decline("feed title twice")
            _atom_text_type(child)
            feed["title"] = _as_feedparser_stores(_plain_text(child))
        elif tag == _ATOM + "link":
            link = _atom_alternate(child, base)
            if link is not None:
                feed["link"] = link
    return {
        "version": "atom10",
        "bozo": 0,
        "encoding": "utf-8",
        "feed": feed,
        "entries": entries,
        "entries_total": total,
        "parser": "fast",
    }


def _atom_alternate(element: Any, base: str) -> str | None:
    """The href of an alternate HTML link (feedparser keeps the last one), else None."""
    if set(element.attrib) - {"rel", "type", "href", "title", "hreflang", "length"} or len(element):
        raise _Decline("atom link attributes")
    href = element.get("href")
    if href is None:
        raise _Decline("atom link without href")
    rel = element.get("rel", "alternate")
    kind = _map_content_type(element.get("type", "application/atom+xml" if rel == "self" else "text/html"))
    if rel == "alternate" and kind in ("text/html", "application/xhtml+xml"):
        return str(_urljoin(base, href))
    return None


def _fast_atom_entry(element: Any, base: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    seen: set[str] = set()
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in _ATOM_IGNORED:
            if len(child):
                raise _Decline(f"children inside {tag}")
            continue
        if tag == _ATOM + "link":
            link = _atom_alternate(child, base)
            if link is not None:
                entry["link"] = link
            continue
        if tag not in _ATOM_FIELDS or tag in seen:
            raise _Decline(f"entry element {tag}")
        seen.add(tag)
        name = tag[len(_ATOM) :]
        if name in ("title", "summary", "content"):
            kind = _atom_text_type(child)
            value = _as_feedparser_stores(_plain_text(child))
            if name == "content":
                _set_content(entry, kind, value)
            else:
                entry[name] = value
                entry[f"{name}_detail"] = {"type": kind}
            continue
        if child.attrib:
            raise _Decline(f"atom {name} attributes")
        if name == "author":
            entry["author"] = _atom_author(child)
        elif name == "id":
            guid = child.text.strip() if len(child) == 0 and child.text else _plain_text(child).strip()
            guid = _as_feedparser_stores(_urljoin(base, guid) if guid else guid)
            entry["id"] = guid
            entry.setdefault("guidislink", "link" not in entry)
            entry.setdefault("link", guid)  # feedparser treats an Atom id like a permalink guid
        else:  # published, updated
            entry[f"{name}_parsed"] = _parse_date(_as_feedparser_stores(_plain_text(child)))
    return entry


def _atom_author(element: Any) -> str:
    names = [c for c in element if isinstance(c.tag, str)]
    if len(names) != 1 or names[0].tag != _ATOM + "name" or names[0].attrib or (element.text or "").strip():
        raise _Decline("an atom author other than one name")
    return _as_feedparser_stores(_plain_text(names[0]))


# --------------------------------------------------------------------------------------
# DTD screening
# --------------------------------------------------------------------------------------

# Encodings in which "<!ENTITY" is not spelt in ASCII bytes, so the byte-level rewrite
# below cannot see it. A declaration in any of them makes the document refused.
_FOREIGN_ENCODINGS = (
    "utf-16-le",
    "utf-16-be",
    "utf-32-le",
    "utf-32-be",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
)
_FOREIGN_ENTITY_MARKS = tuple({"<!ENTITY".encode(c) for c in _FOREIGN_ENCODINGS} - {b"<!ENTITY"})
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)
_ROOT_START = re.compile(rb"<\w")  # what feedparser itself takes as the end of the prolog
_ELEMENT_NAME = re.compile(rb"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?")
#: Where a closed document's root end tag must be: only comments, processing instructions or
#: whitespace may follow it, and a trailer longer than this is not a feed's.
_ROOT_CLOSE_WINDOW = 4096
_SAFE_ENTITY = re.compile(
    rb"""<!ENTITY\s+([A-Za-z_][A-Za-z0-9_]*)\s+(?:"([^"<>&%]*|&\#x?[0-9A-Fa-f]+;)"|'([^'"<>&%]*|&\#x?[0-9A-Fa-f]+;)')\s*>\Z""",
)
_DOCTYPE_HEAD = re.compile(
    rb"""<!DOCTYPE\s+([A-Za-z_:][\w:.\-]*)((?:\s+(?:PUBLIC|SYSTEM)(?:\s+(?:"[^"]*"|'[^']*')){1,2})?)\s*""",
    re.I,
)
_ENTITY_NAME = re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.\-]*)")
_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_WS = b" \t\r\n"


def screen_dtd(body: bytes, headers: Mapping[str, str] | None = None, url: str = "") -> tuple[bytes, list[str]]:
    """Make a document's DTD harmless before feedparser sees it.

    Returns ``(body, notes)``: the body unchanged when it declares no entities and has no
    internal DTD subset (the common case, a few microseconds), else with its prolog
    rewritten to keep only safe declarations. Raises :class:`FetchError`
    (``parse_error``) when entities are declared in an encoding that cannot be rewritten,
    or when the prolog is absurdly long.
    """
    headers = headers or {}
    _refuse_foreign_entities(body, headers, url)
    if b"<!" not in body:
        return body, []  # neither a DOCTYPE nor a declaration can be present
    prolog = _scan_prolog(body, url)
    if prolog is None:
        return body, []
    root_start, bom_and_decl, doctype_head, declarations, had_subset = prolog
    if not declarations and not had_subset:
        return body, []

    notes: list[str] = []
    rest = body[root_start:]
    kept: list[tuple[bytes, bytes]] = []
    dropped_names: list[bytes] = []
    for declaration in declarations:
        match = _SAFE_ENTITY.match(declaration)
        if match is None:
            named = _ENTITY_NAME.match(declaration)
            if named:
                dropped_names.append(named.group(1))
            continue
        value = match.group(2) if match.group(2) is not None else match.group(3)
        kept.append((match.group(1), value))
    expansion = sum(len(value) * rest.count(b"&" + name + b";") for name, value in kept)
    if len(kept) > MAX_ENTITY_DECLARATIONS or expansion > MAX_ENTITY_EXPANSION:
        notes.append(
            f"dropped all {len(declarations)} entity declarations: they would expand to "
            f"{expansion} bytes (limit {MAX_ENTITY_EXPANSION})"
        )
        dropped_names += [name for name, _value in kept]
        kept = []
    elif len(kept) < len(declarations):
        notes.append(
            f"dropped {len(declarations) - len(kept)} unsafe DTD declaration(s) "
            "(nested, parameter or external entities)"
        )
    if had_subset and not declarations:
        notes.append("removed an internal DTD subset")
    # References to dropped entities become literal text ("&a;" shows as "&a;"). Left as
    # they are, expat stops at the first one and feedparser's far slower loose parser
    # takes over: about a second per 150 KB of references.
    names = sorted({n for n in dropped_names if n not in _PREDEFINED})
    if names and len(names) <= 1000:
        pattern = re.compile(rb"&(" + b"|".join(re.escape(n) for n in names) + rb");")
        rest = pattern.sub(rb"&amp;\1;", rest)

    out = bytearray(bom_and_decl)
    if doctype_head is not None:
        name, external = doctype_head
        out += b"\n<!DOCTYPE " + name + external
        if kept:
            out += b" [\n" + b"".join(b"<!ENTITY " + n + b' "' + v + b'">\n' for n, v in kept) + b"]"
        out += b">\n"
    out += rest
    return bytes(out), notes


def _refuse_foreign_entities(body: bytes, headers: Mapping[str, str], url: str) -> None:
    if any(mark in body for mark in _FOREIGN_ENTITY_MARKS):
        raise fetch_error("parse_error", "entity declarations in a UTF-16/UTF-32/EBCDIC document are refused", url)
    # A declared charset in which ASCII bytes do not mean ASCII (UTF-7 can spell "<" as
    # "+ADw-"): decode with it and look again.
    names: set[str] = set()
    header_match = _CHARSET.search(headers.get("content-type", ""))
    if header_match:
        names.add(header_match.group(1))
    decl_match = _XML_ENCODING.match(body[:512])
    if decl_match:
        names.add(decl_match.group(1).decode("ascii", "replace"))
    for name in names:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if _ascii_compatible(codec):
            continue
        try:
            text = body.decode(codec, "replace")
        except Exception:  # noqa: BLE001 - exotic codecs may raise anything
            continue
        if "<!ENTITY" in text.upper():
            raise fetch_error("parse_error", f"entity declarations in a {codec} document are refused", url)


def _ascii_compatible(codec: str) -> bool:
    try:
        return _ASCII_PROBE.decode(codec) == _ASCII_PROBE.decode("ascii")
    except Exception:  # noqa: BLE001
        return False


def _scan_prolog(body: bytes, url: str) -> tuple[int, bytes, tuple[bytes, bytes] | None, list[bytes], bool] | None:
    """Walk the prolog like a tolerant XML reader.

    Returns (offset of the root element, BOM + XML declaration bytes, (doctype name,
    external id) or None, every ``<!ENTITY …>`` declaration found, whether an internal
    subset existed) — or None when there is no DOCTYPE and no declaration at all.
    Junk text before the root is skipped, as feedparser's own DOCTYPE handling does.
    """
    limit = min(len(body), MAX_PROLOG_BYTES)
    i = 0
    bom_and_decl = b""
    if body.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < limit and body[i] in _WS:
        i += 1
    # Keep the XML declaration (it names the encoding) when it is the first thing.
    if body.startswith(b"<?xml", i):
        end = body.find(b"?>", i)
        if end != -1:
            i = end + 2
    bom_and_decl = body[:i]
    doctype_head: tuple[bytes, bytes] | None = None
    declarations: list[bytes] = []
    had_subset = False
    saw_markup = False
    while i < limit:
        if body[i] in _WS:
            i += 1
            continue
        if body.startswith(b"<?", i):
            i = _skip_to(body, i + 2, b"?>", url)
            continue
        if body.startswith(b"<!--", i):
            i = _skip_to(body, i + 4, b"-->", url)
            continue
        upper = body[i : i + 9].upper()
        if upper.startswith(b"<!DOCTYPE"):
            saw_markup = True
            i, head, subset_decls, subset = _read_doctype(body, i, url)
            had_subset = had_subset or subset
            declarations.extend(subset_decls)
            if doctype_head is None:
                doctype_head = head
            continue
        if upper.startswith(b"<!ENTITY"):
            saw_markup = True
            end = _end_of_markup(body, i + 8, url)
            declarations.append(_squash(body[i:end]))
            i = end
            continue
        if _ROOT_START.match(body, i):
            break
        # Not-well-formed junk before the root: move on to the next "<".
        nxt = body.find(b"<", i + 1)
        if nxt == -1:
            i = len(body)
            break
        i = nxt
    else:
        if i >= MAX_PROLOG_BYTES and len(body) > MAX_PROLOG_BYTES:
            raise fetch_error("parse_error", f"document prolog longer than {MAX_PROLOG_BYTES} bytes", url)
    if not saw_markup:
        return None
    return i, bom_and_decl, doctype_head, declarations, had_subset


def _skip_to(body: bytes, start: int, terminator: bytes, url: str) -> int:
    end = body.find(terminator, start, MAX_PROLOG_BYTES + len(terminator))
    if end == -1:
        if len(body) > MAX_PROLOG_BYTES:
            raise fetch_error("parse_error", f"document prolog longer than {MAX_PROLOG_BYTES} bytes", url)
        return len(body)
    return end + len(terminator)


def _end_of_markup(body: bytes, i: int, url: str) -> int:
    """Index just past the ">" closing a declaration, honouring quoted strings."""
    quote = 0
    n = min(len(body), MAX_PROLOG_BYTES)
    while i < n:
        c = body[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:  # ">"
            return i + 1
        i += 1
    if len(body) > MAX_PROLOG_BYTES:
        raise fetch_error("parse_error", f"document prolog longer than {MAX_PROLOG_BYTES} bytes", url)
    return len(body)


def _read_doctype(body: bytes, start: int, url: str) -> tuple[int, tuple[bytes, bytes] | None, list[bytes], bool]:
    """Parse ``<!DOCTYPE name ext-id [ subset ]>`` from ``start``.

    Returns (index after it, (name, external id) if well-formed, entity declarations in the
    subset, whether there was a subset).
    """
    head_match = _DOCTYPE_HEAD.match(body, start)
    head = (head_match.group(1), head_match.group(2) or b"") if head_match else None
    i = head_match.end() if head_match else start + 9
    n = min(len(body), MAX_PROLOG_BYTES)
    quote = 0
    # Up to "[" or ">" outside quotes.
    while i < n:
        c = body[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i + 1, head, [], False
        elif c == 0x5B:  # "["
            break
        i += 1
    else:
        return _too_long_or_end(body, url), head, [], False
    i += 1
    declarations: list[bytes] = []
    while i < n:
        c = body[i]
        if c == 0x5D:  # "]" ends the subset; then optional spaces and ">"
            i += 1
            while i < n and body[i] in _WS:
                i += 1
            if i < n and body[i] == 0x3E:
                i += 1
            return i, head, declarations, True
        if body.startswith(b"<!--", i):
            i = _skip_to(body, i + 4, b"-->", url)
            continue
        if body.startswith(b"<?", i):
            i = _skip_to(body, i + 2, b"?>", url)
            continue
        if body.startswith(b"<!", i):
            end = _end_of_markup(body, i + 2, url)
            if body[i : i + 8].upper() == b"<!ENTITY":
                declarations.append(_squash(body[i:end]))
            i = end
            continue
        i += 1
    return _too_long_or_end(body, url), head, declarations, True


def _too_long_or_end(body: bytes, url: str) -> int:
    if len(body) > MAX_PROLOG_BYTES:
        raise fetch_error("parse_error", f"document prolog longer than {MAX_PROLOG_BYTES} bytes", url)
    return len(body)


def _squash(declaration: bytes) -> bytes:
    # One line per declaration, so nothing in it can start a line of its own later.
    return re.sub(rb"\s+", b" ", declaration).strip()
