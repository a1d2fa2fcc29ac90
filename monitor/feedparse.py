"""Feed bytes → plain, picklable data, in a process pool. No network, no clock reads.

feedparser is the most tolerant parser there is and also the slowest stage of a poll
(~45 ms for a 50-entry feed, half of it sanitising and resolving URIs in every entry's
HTML). So:

* :func:`parse_feed` calls ``feedparser.parse`` with ``sanitize_html=False`` and
  ``resolve_relative_uris=False`` and returns raw fields only. The caller reduces HTML to
  text (:func:`monitor.entries.html_to_text`) only for the entries it has not seen.
* It hands feedparser an ``io.BytesIO``, never ``bytes``: given bytes, feedparser 6.0.x
  first tries ``open(data)`` as a *file name*, so a server answering ``/etc/passwd``
  would make it read a local file.
* :class:`ParsePool` runs it in worker processes (threads do not help: the parse is
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

import atexit
import calendar
import codecs
import concurrent.futures as cf
import hashlib
import io
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping, NamedTuple, Sequence, TypedDict
from urllib.parse import urljoin, urlsplit

import feedparser

from .entries import identity_key
from .errors import FetchError, fetch_error

#: Total bytes that declared entities may expand to in one document.
MAX_ENTITY_EXPANSION = 1_000_000
#: At most this many entity declarations are kept.
MAX_ENTITY_DECLARATIONS = 256
#: A prolog (everything before the root element) longer than this is refused.
MAX_PROLOG_BYTES = 1_000_000
#: Entries beyond this many in one document are ignored (and noted).
MAX_ENTRIES = 5_000
#: Default address-space limit of a parse worker; a runaway parse gets MemoryError.
DEFAULT_WORKER_MEMORY_BYTES = 1 << 30
#: Default time limit for one parse in the pool.
DEFAULT_PARSE_TIMEOUT_SECONDS = 60.0


class RawEntry(TypedDict):
    """One entry as the feed gave it. Strings are raw (HTML not reduced, not sanitised)."""

    index: int  # position in the document
    key: str  # monitor.entries.identity_key(): "guid:…", "link:…" or "hash:…"
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ParseJob(NamedTuple):
    body: bytes
    headers: Mapping[str, str]
    url: str


# --------------------------------------------------------------------------------------
# parse_feed
# --------------------------------------------------------------------------------------

_HTML_PAGE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_DROP_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def parse_feed(body: bytes, headers: Mapping[str, str], url: str, *, max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """Parse one feed document. Pure: no network, no file access, no clock dependence.

    ``headers`` are the response headers (any case); ``url`` the final URL, used as the
    base for relative links. A document feedparser reads with problems (``bozo``) is
    returned with ``bozo_reason`` set. Raises :class:`FetchError` of kind
    ``parse_error`` when nothing feed-like can be read: an empty body, a body with neither
    entries nor a recognisable feed format (an HTML page, garbage), or entity
    declarations that cannot be made safe. An empty but valid feed is not an error.
    """
    started = time.perf_counter()
    if not body or not body.strip():
        raise fetch_error("parse_error", "empty body", url)
    lowered = {str(k).lower(): str(v) for k, v in headers.items() if str(k).lower() not in _DROP_HEADERS}
    body, notes = screen_dtd(body, lowered, url)
    base = _base_url(url, lowered.get("content-location"))
    if base:
        lowered["content-location"] = base
    try:
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
    raw_entries = list(result.get("entries") or [])
    if not raw_entries and not version and _feed_root(body):
        # A recognised root element with nothing in it (e.g. a CDF channel without items):
        # an empty feed, not a failure.
        notes.append("feed format not identified; no entries")
    elif not raw_entries and not version:
        if _HTML_PAGE.match(body[:4096]):
            message = "not a feed: the server sent an HTML page"
        else:
            message = f"not a feed: {reason}" if reason else "not a feed: no RSS, Atom or RDF element found"
        raise fetch_error("parse_error", message, url)
    elif not version:
        notes.append("unknown feed format; entries read anyway")
    if len(raw_entries) > max_entries:
        notes.append(f"{len(raw_entries)} entries; only the first {max_entries} kept")
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
    )


_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:rss|feed|rdf|channel)[\s>/]", re.I)


def _feed_root(body: bytes) -> bool:
    """Is the first element of the document a feed's root (rss, feed, rdf:RDF, channel)?"""
    first = _ROOT_START.search(body, 0, 65536)
    return bool(first and _FEED_ROOT.match(body, first.start()))


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
# DTD screening
# --------------------------------------------------------------------------------------

# Encodings in which "<!ENTITY" is not spelt in ASCII bytes, so the byte-level rewrite
# below cannot see it. A declaration in any of them makes the document refused.
_FOREIGN_ENCODINGS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037", "cp273",
                      "cp424", "cp500", "cp875", "cp1026", "cp1140")
_FOREIGN_ENTITY_MARKS = tuple({"<!ENTITY".encode(c) for c in _FOREIGN_ENCODINGS} - {b"<!ENTITY"})
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)
_ROOT_START = re.compile(rb"<\w")  # what feedparser itself takes as the end of the prolog
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


def _scan_prolog(
    body: bytes, url: str
) -> tuple[int, bytes, tuple[bytes, bytes] | None, list[bytes], bool] | None:
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


# --------------------------------------------------------------------------------------
# The process pool
# --------------------------------------------------------------------------------------


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _exit_with_parent() -> None:
    """A worker whose parent was killed (SIGKILL, OOM) would wait for jobs forever."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _init_worker(memory_limit_bytes: int | None) -> None:
    # Ctrl-C on a terminal reaches the whole process group: the parent decides when the
    # workers stop (it finishes the poll in progress), so they must not die first.
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ImportError, ValueError, OSError):
        pass
    _exit_with_parent()
    if memory_limit_bytes:
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_limit_bytes if hard == resource.RLIM_INFINITY else min(memory_limit_bytes, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):
            pass  # not on this platform: the DTD screen and max_bytes still bound the work


def _parse_job(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    return parse_feed(body, dict(headers), url)


class ParsePool:
    """Parses feeds in worker processes.

    ``workers=None`` uses one per core; ``workers=0`` parses in the calling thread (tests,
    one-feed polls). The executor starts on first use ("spawn" context: safe in a process
    that already runs threads) and is shut down by :meth:`close` or at interpreter exit.
    A job that runs longer than ``timeout_seconds`` is reported as a ``parse_error`` and
    its worker killed; jobs lost to a crashed worker are retried once in a fresh pool.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout_seconds: float = DEFAULT_PARSE_TIMEOUT_SECONDS,
        memory_limit_bytes: int | None = DEFAULT_WORKER_MEMORY_BYTES,
        start_method: str = "spawn",
    ) -> None:
        self.workers = default_workers() if workers is None else max(0, int(workers))
        self.timeout_seconds = float(timeout_seconds)
        self.memory_limit_bytes = memory_limit_bytes
        self._start_method = start_method
        self._executor: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
        """Parse one document; raises :class:`FetchError` like :func:`parse_feed`."""
        result = self.parse_many([ParseJob(body, headers, url)])[0]
        if isinstance(result, FetchError):
            raise result
        return result

    def parse_many(self, jobs: Iterable[ParseJob | tuple[bytes, Mapping[str, str], str]]) -> list[ParsedFeed | FetchError]:
        """Parse several documents in parallel; results in job order, errors as values."""
        job_list = [ParseJob(*job) for job in jobs]
        if self.workers == 0 or not job_list:
            return [_parse_inline(job) for job in job_list]
        results: list[ParsedFeed | FetchError | None] = [None] * len(job_list)
        pending = list(range(len(job_list)))
        for attempt in (1, 2):
            pending = self._run(job_list, pending, results, last_attempt=attempt == 2)
            if not pending:
                break
        return [r if r is not None else fetch_error("parse_error", "parser process died", job_list[i].url)
                for i, r in enumerate(results)]

    def _run(
        self,
        jobs: Sequence[ParseJob],
        indexes: list[int],
        results: list[ParsedFeed | FetchError | None],
        *,
        last_attempt: bool,
    ) -> list[int]:
        executor = self._get_executor()
        futures = {i: executor.submit(_parse_job, jobs[i].body, dict(jobs[i].headers), jobs[i].url) for i in indexes}
        lost: list[int] = []
        for i in indexes:
            future = futures[i]
            try:
                results[i] = future.result(timeout=self.timeout_seconds)
            except FetchError as exc:
                results[i] = exc
            except cf.TimeoutError:
                results[i] = fetch_error("parse_error", f"parse took longer than {self.timeout_seconds:g}s", jobs[i].url)
                self._kill()  # the only way to stop a busy worker; the others are retried
            except (BrokenProcessPool, cf.CancelledError):
                self._kill()
                lost.append(i)
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                results[i] = fetch_error("parse_error", f"{type(exc).__name__}: {exc}"[:500], jobs[i].url)
        if last_attempt:
            return []
        return lost

    def _get_executor(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("ParsePool is closed")
            if self._executor is None:
                self._executor = cf.ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context(self._start_method),
                    initializer=_init_worker,
                    initargs=(self.memory_limit_bytes,),
                )
            return self._executor

    def _kill(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14
        # (terminate_workers); reach for its process table, and tolerate its absence.
        processes = list(getattr(executor, "_processes", {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

    def close(self, grace_seconds: float | None = None) -> None:
        """Stop the workers: queued jobs are cancelled, running ones get up to
        ``grace_seconds`` (default ``timeout_seconds``) to finish, then their processes
        are terminated."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + (self.timeout_seconds if grace_seconds is None else grace_seconds)
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)


def _parse_inline(job: ParseJob) -> ParsedFeed | FetchError:
    try:
        return parse_feed(job.body, job.headers, job.url)
    except FetchError as exc:
        return exc


_default_pool: ParsePool | None = None
_default_lock = threading.Lock()


def parse_in_pool(
    jobs: Iterable[ParseJob | tuple[bytes, Mapping[str, str], str]],
    *,
    workers: int | None = None,
    pool: ParsePool | None = None,
) -> list[ParsedFeed | FetchError]:
    """Parse documents in parallel; results in job order, errors as values.

    Uses ``pool`` when given; else ``workers=0`` parses inline, and otherwise a shared
    process pool (one per core, or ``workers``) is created on first use and closed at exit.
    """
    if pool is not None:
        return pool.parse_many(jobs)
    if workers == 0:
        return [_parse_inline(ParseJob(*job)) for job in jobs]
    return default_pool(workers).parse_many(jobs)


def default_pool(workers: int | None = None) -> ParsePool:
    """The shared pool (created lazily; ``workers`` only matters on the first call)."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool._closed:
            _default_pool = ParsePool(workers)
        return _default_pool


def shutdown_pool(grace_seconds: float = 2.0) -> None:
    """Close the shared pool, if one was started.

    At interpreter exit the executor's manager thread is already gone (concurrent.futures
    stops it first), so idle workers never hear the shutdown: they are terminated after a
    short grace instead of the parse timeout.
    """
    global _default_pool
    with _default_lock:
        pool, _default_pool = _default_pool, None
    if pool is not None:
        pool.close(grace_seconds)


atexit.register(shutdown_pool)
