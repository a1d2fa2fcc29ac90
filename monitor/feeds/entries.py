"""Feed entries → normalised articles. Pure: no I/O, no clock, no global state.

* :func:`canonical_link` — one spelling per URL, for identity and cross-feed matching.
* :func:`identity_key` / :func:`article_id` — which field identifies an entry.
* :func:`html_to_text` — safe HTML → plain text (never executes or fetches anything).
* :func:`normalise_entry` — a raw entry from :mod:`monitor.feeds.parse` → :class:`Entry`.
* :func:`content_fingerprint` / :func:`materially_changed` — revision detection.

Decisions, written down once:

* **Query parameters are sorted** in canonical links (after dropping tracking ones). The
  canonical link is an identity, never fetched, and ``?a=1&b=2`` / ``?b=2&a=1`` name the
  same page on every server we know. The original ``link`` is kept next to it.
* **The scheme is kept** (``http`` and ``https`` stay different). Collapsing them is a
  guess about the server; a feed that moves from http to https keeps its guids anyway.
* **A guid that is an absolute http(s) URL is treated as a link** (canonicalised, not
  scoped to the feed) whether or not ``isPermaLink`` is set: WordPress's
  ``?p=123`` guids are marked "not a permalink" yet are global URLs, and two feeds of
  one site carry the same ones. Any other guid is an opaque id that is only unique
  inside its feed, so it is scoped by the feed (see :func:`article_id`). A bare
  ``<guid>123</guid>`` is a permalink by default and reaches us already resolved
  against the feed's URL (feedparser does that), so two outlets' feeds on one host can
  produce the same "link": which is why a link is one article per *outlet*, not
  globally — :mod:`monitor.feeds.identity` gives a second outlet its own id
  (:func:`outlet_article_id`).
* **What counts as a material change**: anything that changes the sequence of words or
  numbers, after ignoring markup, whitespace, case, punctuation and time stamps
  ("Updated 14:05 GMT", ISO date-times, "3 hours ago"). Typo fixes do count: telling
  "sent" from "spent" safely is not worth the risk of missing a changed word, and a
  revision whose claims did not change raises no alert downstream anyway.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote_plus, urlsplit, urlunsplit

#: Query parameters that only track the click, never select the content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wickedid",
        "rb_clickid",
        "__s",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ito",
        "spm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_campaign", "pk_kwd", "pk_source", "pk_medium", "hsa_")
#: Cache-buster parameters: a value minted per request so no cache answers (jQuery's ``_``),
#: never a name for the content. Dropped whatever their value.
CACHE_BUSTER_PARAMS = frozenset(
    {"_", "cb", "cachebuster", "cache_buster", "cachebust", "nocache", "no_cache", "rnd", "rand", "random", "nonce"}
)
#: Parameters that are cache-busters when their value is a time stamp or a random token, and may
#: name the content otherwise (``?v=2`` a version, a video's ``?v=`` id, ``?t=90`` a start time).
STAMP_PARAMS = frozenset({"v", "ver", "t", "ts", "time", "timestamp"})
#: A per-request value: a Unix time in seconds or milliseconds (9+ digits), or a hex token of 8+
#: digits (a hash or random number: a content id in letters would use more than a-f).
_STAMP_VALUE = re.compile(r"\A(?:\d{9,}|[0-9a-f]{8,}|[0-9A-F]{8,})(?:\.\d+)?\Z")

#: How many hex digits of SHA-256 an article id keeps (128 bits: collisions are not a concern).
ARTICLE_ID_HEX = 32

# --------------------------------------------------------------------------------------
# Links and identity
# --------------------------------------------------------------------------------------


def url_key(url: str) -> str:
    """Two URLs name the same source or page when their keys are equal (case, a trailing slash…):
    the one rule of `feeds add`, `feeds import` and `feeds retry`."""
    return canonical_link(url).rstrip("/")


def canonical_link(url: str) -> str:
    """A canonical spelling of an http(s) URL, for identity only.

    Lower-cased scheme and host, no trailing dot on the host, no default port, no user
    info, no fragment, ``/`` for an empty path, tracking parameters (``utm_*``,
    ``fbclid``, ``gclid``, ``mc_cid``, ...) and cache-busters (``_=``, ``cb=``, and ``v=``,
    ``t=``, ``ts=`` ... whose value is a time stamp or a hex token: a link whose query changes
    at every fetch would be a new article at every poll) removed and the rest sorted by name (stable
    for repeated names). Each kept parameter keeps its original percent-encoding.
    Anything that is not an absolute http(s) URL is returned stripped and otherwise as is.
    """
    text = (url or "").strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return text
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default_port = 80 if scheme == "http" else 443
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    kept: list[str] = []
    for piece in parts.query.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        name = unquote_plus(name).strip().lower()
        if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES) or name in CACHE_BUSTER_PARAMS:
            continue
        if name in STAMP_PARAMS and _STAMP_VALUE.match(unquote_plus(value).strip()):
            continue
        kept.append(piece)
    kept.sort(key=lambda piece: piece.split("=", 1)[0])
    return urlunsplit((scheme, netloc, parts.path or "/", "&".join(kept), ""))


def _is_http_url(text: str) -> bool:
    lowered = text[:8].lower()
    return (lowered.startswith("http://") or lowered.startswith("https://")) and " " not in text


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def identity_key(raw: Mapping[str, Any]) -> str:
    """What identifies a raw entry, before scoping: ``"<source>:<value>"``.

    Order: the guid (an http(s) guid becomes ``link:<canonical>``, others ``guid:<guid>``);
    else the canonical link (``link:``); else ``hash:`` of title + the feed's own date
    (published, else updated) — plus the text when there is no title, so that two
    untitled undated entries do not collide.
    """
    guid = _clean(raw.get("guid"))
    if guid:
        if _is_http_url(guid):
            return "link:" + canonical_link(guid)
        return "guid:" + guid
    link = _clean(raw.get("link"))
    if link:
        return "link:" + canonical_link(link)
    title = _clean(raw.get("title"))
    date = _clean(raw.get("published")) or _clean(raw.get("updated"))
    basis = f"{title}\x1f{date}"
    if not title:
        basis += "\x1f" + (_clean(raw.get("content")) or _clean(raw.get("summary")))[:4000]
    return "hash:" + _sha256(basis)


def article_id(raw_entry: Mapping[str, Any], feed_scope: str) -> str:
    """The article's stable id: 32 hex digits of SHA-256.

    ``feed_scope`` should be the feed's configured id (stable across URL moves); the
    feed URL works too. Link-based keys are global (the same URL seen in two feeds is one
    article); guid- and hash-based keys are only unique inside a feed, so they are
    hashed together with the scope. Uses ``raw_entry["key"]`` when the parser set it.
    """
    key = raw_entry.get("key") or identity_key(raw_entry)
    basis = key if key.startswith("link:") else f"{feed_scope}\x1f{key}"
    return _sha256(basis)[:ARTICLE_ID_HEX]


def outlet_article_id(key: str, outlet: str) -> str:
    """The id of a link-keyed entry in an outlet that did not discover the link first:
    the key hashed with the outlet's name (``outlet:`` cannot start a feed id, so it never
    equals a feed-scoped id). See :mod:`monitor.feeds.identity`."""
    return _sha256(f"outlet:{outlet}\x1f{key}")[:ARTICLE_ID_HEX]


# --------------------------------------------------------------------------------------
# HTML → text
# --------------------------------------------------------------------------------------

# Elements whose content is never readable text.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
        "audio",
        "video",
        "map",
    }
)
# Elements that end a paragraph.
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "pre",
        "table",
        "figure",
        "figcaption",
        "hr",
        "address",
        "form",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
    }
)
# Elements that end a line but not a paragraph.
_LINE = frozenset({"br", "li", "dt", "dd", "tr", "caption"})
_CELL = frozenset({"td", "th"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_PARA, _LINEBREAK = "\x00P", "\x00L"
_TAG_HINT = re.compile(r"<[A-Za-z!/?]")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class _TextExtractor(HTMLParser):
    """Collects text and break markers. Nothing is fetched, executed or resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip_depth += 1
            return
        self._mark(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>: a break, and never a skip region (a self-closed <script/> has no body).
        if tag not in _SKIP:
            self._mark(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if self._skip_depth:
                self._skip_depth -= 1
            return
        self._mark(tag)

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.out.append(data)

    def _mark(self, tag: str) -> None:
        if self._skip_depth:
            return
        if tag in _BLOCK:
            self.out.append(_PARA)
        elif tag in _LINE:
            self.out.append(_LINEBREAK)
        elif tag in _CELL:
            self.out.append(" ")


# Elements whose content some version of html.parser reads as raw text (no tags inside).
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_PLAIN_ATTRIBUTE = r"""[^\t\n\r\f "'<>/=`]+(?:=(?:"[^"<>]*"|'[^'<>]*'|[^\t\n\r\f "'<>=`]+))?"""
# A tag as most feeds write them: a name of letters and digits, attributes name="value",
# name='value', name=value or a bare name, separated by HTML's own whitespace (not
# Unicode's: html.parser reads "<p\u00a0class>" as one long tag name).
_PLAIN_TAG = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[\t\n\r\f ]+{_PLAIN_ATTRIBUTE})*)[\t\n\r\f ]*(/?)>")


def _plain_markup_pieces(markup: str) -> list[str] | None:
    """What :class:`_TextExtractor` collects from ``markup``, when every ``<`` in it opens a
    plain tag (see ``_PLAIN_TAG``) of an element whose content is text; None otherwise.

    Most feed HTML is paragraphs, links, emphasis and lists: for it, the tags need only be
    found, not parsed (their attributes are never read), and the text between them is
    unescaped as html.parser does (``convert_charrefs``). Anything else (comments,
    declarations, a ``<`` in text, skipped or raw-text elements, unusual names or
    attributes) goes to html.parser. A quarter of the time on a first poll's entries.
    """
    pieces: list[str] = []
    position, end = 0, len(markup)
    while True:
        opening = markup.find("<", position)
        stop = end if opening < 0 else opening
        if stop > position:
            text = markup[position:stop]
            pieces.append(html.unescape(text) if "&" in text else text)
        if opening < 0:
            return pieces
        tag = _PLAIN_TAG.match(markup, opening)
        if tag is None:
            return None
        closing, name, attributes, self_closing = tag.groups()
        name = name.lower()
        if (closing and (attributes or self_closing)) or name in _SKIP or name in _RAW_TEXT:
            return None
        if name in _BLOCK:
            pieces.append(_PARA)
        elif name in _LINE:
            pieces.append(_LINEBREAK)
        elif name in _CELL:
            pieces.append(" ")
        position = tag.end()


def html_to_text(markup: str | None) -> str:
    """Reduce an HTML fragment or page to readable plain text.

    Scripts, styles and other non-text elements are dropped with their content; entities
    are decoded; block elements become paragraph breaks (a blank line), ``<br>`` and list
    items line breaks; runs of whitespace collapse to one space. Uses only the standard
    library's tokenizer, so nothing is executed, fetched or resolved. Text without any
    markup is only unescaped and whitespace-normalised.
    """
    if not markup:
        return ""
    if not _TAG_HINT.search(markup):
        return _assemble([html.unescape(markup)])
    unclosed = markup.rfind("<!--")
    if unclosed != -1 and markup.find("-->", unclosed) == -1:
        markup = markup[:unclosed]  # as in a browser, an unclosed comment hides the rest
    plain = _plain_markup_pieces(markup)
    if plain is not None:
        return _assemble(plain)
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
        pieces = parser.out
    except Exception:  # noqa: BLE001 - html.parser has had assertion bugs on hostile input
        pieces = [html.unescape(re.sub(r"<[^>]*>", " ", markup))]
    return _assemble(pieces)


def _assemble(pieces: list[str]) -> str:
    paragraphs: list[str] = []
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        line = _SPACES.sub(" ", _INVISIBLE.sub("", "".join(current))).strip()
        current.clear()
        if line:
            lines.append(line)

    def end_paragraph() -> None:
        end_line()
        if lines:
            paragraphs.append("\n".join(lines))
            lines.clear()

    for piece in pieces:
        if piece == _PARA:
            end_paragraph()
        elif piece == _LINEBREAK:
            end_line()
        else:
            current.append(piece)
    end_paragraph()
    return "\n\n".join(paragraphs)


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


# --------------------------------------------------------------------------------------
# Normalised entries
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One feed entry, normalised. ``published`` is UTC ISO-8601 (``...Z``)."""

    article_id: str
    id_source: str  # "guid" | "link" | "hash"
    feed_id: str
    title: str
    link: str | None
    canonical_link: str | None
    published: str
    published_missing: bool  # True: the feed gave no date; ``published`` is first-seen time
    updated: str | None
    author: str | None
    text: str
    text_source: str  # "content" | "summary" | "none"
    content_hash: str  # content_fingerprint(text)
    title_hash: str  # content_fingerprint(title)
    published_original: str | None = None  # the feed's date when it was later than first_seen (clamped)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def utc_iso(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` for an aware datetime (naive ones are refused)."""
    if moment.tzinfo is None:
        raise ValueError("datetime must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_markup_type(content_type: Any) -> bool:
    kind = (content_type or "").lower()
    return "html" in kind or "xml" in kind


def _body_text(raw: Mapping[str, Any], field_name: str) -> str:
    value = raw.get(field_name)
    if not isinstance(value, str) or not value.strip():
        return ""
    kind = raw.get(f"{field_name}_type")
    # feedparser marks RSS descriptions text/html; an unknown type is treated as HTML
    # when it contains tags, because feeds mislabel their content all the time.
    if kind is None or _is_markup_type(kind) or _TAG_HINT.search(value):
        return html_to_text(value)
    # Plain text: feedparser has decoded it once; feeds that escape twice are common.
    return _assemble([html.unescape(value) if "&" in value else value])


def normalise_entry(raw: Mapping[str, Any], *, feed_id: str, first_seen: datetime) -> Entry:
    """A raw entry (see :class:`monitor.feeds.parse.RawEntry`) → :class:`Entry`.

    ``first_seen`` (timezone-aware) stands in for a missing publication date, and the
    entry is flagged ``published_missing``. Text comes from the entry's content, else its
    summary, reduced to plain text.
    """
    key = raw.get("key") or identity_key(raw)
    raw_title = _clean(raw.get("title"))
    if raw_title and (_is_markup_type(raw.get("title_type")) or _TAG_HINT.search(raw_title)):
        title = _one_line(html_to_text(raw_title).replace("\n", " "))
    else:
        title = _one_line(html.unescape(raw_title)) if "&" in raw_title else _one_line(raw_title)
    link = _clean(raw.get("link")) or None
    text, source = _body_text(raw, "content"), "content"
    if not text:
        text, source = _body_text(raw, "summary"), "summary"
    if not text:
        source = "none"
    published = _clean(raw.get("published")) or _clean(raw.get("updated"))
    missing = not published
    seen_at = utc_iso(first_seen)
    original = None
    if missing:
        published = seen_at
    elif published > seen_at:  # both UTC "...Z": a date in the future would top every newest-first list for good
        published, original = seen_at, published
    author = _one_line(_clean(raw.get("author"))) or None
    return Entry(
        article_id=article_id({"key": key}, feed_id),
        id_source=key.split(":", 1)[0],
        feed_id=feed_id,
        title=title,
        link=link,
        canonical_link=canonical_link(link) if link else None,
        published=published,
        published_missing=missing,
        updated=_clean(raw.get("updated")) or None,
        author=author,
        text=text,
        text_source=source,
        content_hash=content_fingerprint(text),
        title_hash=content_fingerprint(title),
        published_original=original,
    )


# --------------------------------------------------------------------------------------
# Revisions
# --------------------------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?)"
)
_ZONE = r"(?:gmt|utc|kst|msk|bst|cet|cest|eet|eest|est|edt|cst|cdt|pst|pdt|jst|et|pt)"
_TIME = rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?(?:\s*{_ZONE}\b)?(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?"
_LABEL = r"(?:last\s+)?(?:updated|modified|edited|published|posted)\s*(?:on|at)?\s*:?\s*"
_AGO = r"(?:an?|\d+)\s+(?:second|sec|minute|min|hour|hr|day|week)s?\s+ago"
# Removed before comparing: a labelled date/time ("Updated: May 5, 2024 14:05 GMT"),
# ISO date-times, bare clock times and relative ages. A bare date without a label or a
# time is content ("deliveries began on May 5") and is kept.
# The lookahead names what every alternative starts with (a digit, a label's first letter, or
# the "a"/"an" of an age): most word boundaries fail it at once instead of trying each
# alternative in turn, which halved the time of a first poll's revision fingerprints.
_TIMESTAMP = re.compile(
    rf"\b(?=[\dlumep]|an?\s)(?:{_LABEL}(?:{_DATE}(?:\s*,?\s*(?:at\s+)?{_TIME})?|{_TIME}|{_AGO})"
    r"|\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?"
    rf"|{_TIME}"
    rf"|{_AGO})",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*")
_THOUSANDS = re.compile(r"(\d),(?=\d{3}(?:\D|$))")  # the digit is put back: "\1"


def canonical_tokens(text: str | None) -> list[str]:
    """The words and numbers of a text as compared for revisions (see module docstring)."""
    if not text:
        return []
    if _TAG_HINT.search(text):
        text = html_to_text(text)
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    if not any(digit in text for digit in "0123456789"):  # ten substring scans: under a microsecond
        # Every time stamp _TIMESTAMP removes holds a digit or "ago" after a space, and every
        # separator _THOUSANDS drops sits between digits; digits (any script's) are word
        # characters, so they would be in the tokens, and "ago" after a space starts one.
        # Tokens of letters only, none starting with "ago", are what both passes would leave:
        # a text without figures skips them (a quarter of its fingerprint's time).
        tokens = _TOKEN.findall(text.casefold())
        letters = "".join(tokens).replace("'", "").replace(".", "").replace(",", "")  # joins within a token
        if letters.isalpha() and ("ago" not in letters or not any(token.startswith("ago") for token in tokens)):
            return tokens
    return _TOKEN.findall(_THOUSANDS.sub(r"\1", _TIMESTAMP.sub(" ", text).casefold()))


def content_fingerprint(text: str | None) -> str:
    """SHA-256 of the canonical tokens: equal fingerprints mean "not materially changed"."""
    return _sha256(" ".join(canonical_tokens(text)))


def materially_changed(old_title: str, old_text: str, new_title: str, new_text: str) -> bool:
    """Did an entry change in a way worth a revision event?

    False for whitespace, markup, case, punctuation and time-stamp-only differences;
    True when any word or figure of the title or the text was added, removed or replaced.
    """
    return canonical_tokens(old_title) != canonical_tokens(new_title) or canonical_tokens(old_text) != canonical_tokens(
        new_text
    )


def describe_change(old_text: str, new_text: str, *, limit: int = 5, width: int = 80) -> list[dict[str, str]]:
    """Up to ``limit`` word-level edits as ``{"removed": ..., "added": ...}``, for event
    metadata and logs ("750 -> 1,000"). Purely informative."""
    old, new = canonical_tokens(old_text), canonical_tokens(new_text)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    edits: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        edits.append({"removed": " ".join(old[i1:i2])[:width], "added": " ".join(new[j1:j2])[:width]})
        if len(edits) >= limit:
            break
    return edits
