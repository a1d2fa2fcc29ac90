"""What a parse gives (:class:`ParsedFeed`, its :class:`RawEntry` items): plain data, picklable.

Apart from :mod:`monitor.feeds.parse` so that the process receiving a parse worker's
result (unpickling it) does not import feedparser and the parser's tables with it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

from monitor.feeds.entries import Entry


class RawEntry(TypedDict):
    """One entry as the feed gave it. Strings are raw (HTML not reduced, not sanitised)."""

    index: int  # position in the document
    key: str  # monitor.feeds.entries.identity_key(): "guid:…", "link:…" or "hash:…"
    raw_hash: str  # changes whenever title, link, summary or content bytes change
    guid: str | None
    guid_is_permalink: bool | None
    link: str | None  # absolute when the feed or its URL allowed resolving it
    title: str | None
    title_type: str | None  # "text/plain", "text/html", "application/xhtml+xml"
    author: str | None
    published: str | None  # UTC ISO-8601 "YYYY-MM-DDTHH:MM:SSZ"
    updated: str | None
    content: str | None
    content_type: str | None
    summary: str | None
    summary_type: str | None


@dataclass
class ParsedFeed:
    """A parsed document: plain data only, so it pickles cheaply across processes."""

    url: str
    version: str  # feedparser's "rss20", "atom10", "rdf", ...; "" when unknown
    title: str | None
    link: str | None
    ttl_minutes: int | None  # RSS <ttl>: a lower bound on the next poll
    bozo: bool  # the document was not well-formed or its encoding was guessed
    bozo_reason: str | None  # "SAXParseException: undefined entity", ...
    encoding: str | None
    entries: list[RawEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what we changed or noticed
    parse_seconds: float = 0.0
    entries_cut: int = 0  # entries past max_entries, not read
    #: entry index → normalised entry, for the entries a :class:`~monitor.feeds.pool.NormaliseRequest` asked for
    normalised: dict[int, Entry] = field(default_factory=dict)
    #: entry index → what the request's ``analyse`` made of that normalised entry
    analysed: dict[int, Any] = field(default_factory=dict)
    parser: str = "feedparser"  # or "fast": which reader produced the entries

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
