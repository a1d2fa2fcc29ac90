"""JSON Feed (1.0 and 1.1) documents → the feedparser-shaped result that parse.py reads.

feedparser does not read JSON Feed. Rather than a second path to raw entries, this module
builds the same dict ``feedparser.parse`` returns (``version``, ``feed``, ``entries`` with
``id``, ``link``, ``title``, ``content``, ``summary``, ``published_parsed`` ...), so every
later step (``parse._raw_entry``: identity key, raw hash; normalisation; article ids) is the
one the RSS and Atom paths take. Pure: no network, no clock.

Mapping (https://jsonfeed.org/version/1.1): ``id`` → guid; ``url`` (else
``external_url``), resolved against the feed's URL → link; ``content_html`` (else
``content_text``) → content; ``summary`` → summary; ``date_published`` / ``date_modified``
→ published / updated; ``authors[0].name`` (1.1) or ``author.name`` (1.0) → author.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from feedparser.datetimes import _parse_date  # the RSS/Atom path's date reader: one rule for every format

from monitor.errors import fetch_error

#: The ``version`` URL of JSON Feed, without its number.
VERSION_PREFIX = "https://jsonfeed.org/version/"
_JSON_MEDIA = re.compile(r"^\s*application/(?:feed\+)?json\b", re.I)
_OPENING_BRACE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")


def is_json_feed(body: bytes, headers: Mapping[str, str]) -> bool:
    """A JSON content type, or a body that opens with ``{`` (servers label JSON Feed as text/plain too)."""
    content_type = next((str(v) for k, v in headers.items() if str(k).lower() == "content-type"), "")
    return bool(_JSON_MEDIA.match(content_type) or _OPENING_BRACE.match(body[:1024]))


def parse_json_feed(body: bytes, url: str) -> dict[str, Any]:
    """A feedparser-shaped result for a JSON Feed document.

    Raises :class:`FetchError` of kind ``parse_error`` for JSON that is not a JSON Feed
    (no ``version`` of jsonfeed.org, no ``items`` list) or not JSON at all. Items that are
    not objects are skipped and noted in ``bozo_exception``.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise fetch_error("parse_error", f"not a feed: invalid JSON ({type(exc).__name__})", url) from None
    if not isinstance(document, dict):
        raise fetch_error("parse_error", "not a feed: JSON that is not an object", url)
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        raise fetch_error("parse_error", "not a feed: JSON without a jsonfeed.org version", url)
    items = document.get("items")
    if not isinstance(items, list):
        raise fetch_error("parse_error", "not a feed: JSON Feed without an items list", url)
    number = version[len(VERSION_PREFIX) :].strip("/")
    base = _text(document.get("feed_url")) or url
    entries = [_entry(item, base) for item in items if isinstance(item, dict)]
    skipped = len(items) - len(entries)
    return {
        "version": "json" + number.replace(".", ""),  # "json1", "json11": like feedparser's "rss20"
        "bozo": bool(skipped),
        "bozo_exception": f"{skipped} items that are not JSON objects were skipped" if skipped else None,
        "encoding": "utf-8",
        "feed": {"title": _text(document.get("title")), "link": _http(document.get("home_page_url"), base)},
        "entries": entries,
        "parser": "jsonfeed",
    }


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # ids are strings by the spec, numbers in the wild
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _http(value: Any, base: str) -> str | None:
    """An absolute http(s) link, or None (a feed must not point us at file:// or javascript:)."""
    text = _text(value)
    if text is None:
        return None
    absolute = urljoin(base, text) if urlsplit(base).scheme in ("http", "https") else text
    return absolute if urlsplit(absolute).scheme.lower() in ("http", "https") else None


def _entry(item: Mapping[str, Any], base: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    guid = _text(item.get("id"))
    if guid is not None:
        entry["id"] = guid
    link = _http(item.get("url"), base) or _http(item.get("external_url"), base)
    if link is not None:
        entry["link"] = link
    title = item.get("title")
    if isinstance(title, str):
        entry["title"] = title
        entry["title_detail"] = {"type": "text/plain"}  # JSON Feed titles are plain text
    html, text = item.get("content_html"), item.get("content_text")
    if isinstance(html, str) and html.strip():
        entry["content"] = [{"value": html, "type": "text/html"}]
    elif isinstance(text, str) and text.strip():
        entry["content"] = [{"value": text, "type": "text/plain"}]
    summary = item.get("summary")
    if isinstance(summary, str):
        entry["summary"] = summary
        entry["summary_detail"] = {"type": "text/plain"}
    for field, key in (("date_published", "published_parsed"), ("date_modified", "updated_parsed")):
        value = _text(item.get(field))
        parsed = _parse_date(value) if value else None
        if parsed:
            entry[key] = parsed
    author = _author(item)
    if author:
        entry["author"] = author
    return entry


def _author(item: Mapping[str, Any]) -> str | None:
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]  # 1.1, else 1.0
    for candidate in candidates:
        if isinstance(candidate, Mapping) and _text(candidate.get("name")):
            return _text(candidate.get("name"))
    return None
