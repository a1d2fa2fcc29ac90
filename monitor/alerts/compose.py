"""Alert messages as pure values: payload dict in, ``EmailMessage`` out.

Nothing here touches the clock (unless no date is given anywhere), the network, the
store or the file system beyond reading the bundled templates. The daemon builds an
*alert payload* from events, calls :func:`build_message`, and hands the result to
:mod:`monitor.alerts.deliver`. Calling it twice with the same payload gives the same
message byte for byte (Message-ID and Date included), so a retried alert is the same
mail.

Alert payload
=============

A plain, JSON-serialisable dict (it can be stored as-is in an ``AlertQueued`` event).
Keys marked ``?`` are optional; unknown keys are ignored.

Common to every kind::

    alert_id       str   stable id of the alert (e.g. the AlertQueued event id); the
                         Message-ID is derived from it, so it must not change on retry
    kind           "article" | "digest" | "feed_health" | "first_poll_summary" | "channel_gone" | "test"
    created_at?    str   ISO-8601 time (or a datetime) the alert was queued; the Date header
                         when build_message() gets no ``date`` (keeps retries identical)
    head?          {"position": int, "hash": str}  the log head when the alert was
                         queued; printed in the footer so a truncated log can be
                         noticed from the mail archive
    settings_hint? str   one line saying why this mail was sent / how to change it,
                         e.g. 'verdicts = ["updates", "new", "contradicts"], mode =
                         "immediate" in [alerts] of config.toml'

kind "article" — one article's claim changes::

    article   {"title": str, "outlet": str, "feed_id": str, "published": ISO str | None,
               "link": str | None, "article_id"?: str}
    items     non-empty list of
              {"claim":   the claim dict of claims-contract.md (id, kind, item,
                          direction, quantity, bound, quantity_high, source, since,
                          as_of, stance, hedged, evidence, span),
               "verdict": the verdict dict of claims-contract.md
                          ({"claim", "verdict", "baseline", "from", "to"}),
               "ledger"?: {"key": str            e.g. "shipment:artillery_shells:NK->RU",
                           "label"?: str         e.g. "Artillery shells" (derived if absent),
                           "newest"?:   Figure,
                           "previous"?: Figure | None,
                           "baseline"?: Figure | None,
                           "corroborations"?: int   sources now reporting the newest figure,
                           "also_reported_by"?: [str]  outlets reporting the newest figure},
               "corroboration"?: bool  true for a figure the reader was already told
                          about that this article repeats: listed after the changes as
                          "now also reported by <outlet>", never in the subject}
              Figure = {"quantity": number | None, "bound": str | None,
                        "quantity_high"?: number | None, "source"?: str | None,
                        "date"?: ISO date | None, "outlet"?: str | None}

    Without ``ledger.key`` the key is "<kind>:<item>:<direction>" from the claim.

kind "digest" — several articles, grouped by ledger key in the message::

    entries   non-empty list of {"article": {...as above}, "items": [...as above]}
    period?   {"start": ISO str, "end": ISO str}

kind "feed_health"::

    feed      {"id": str, "url"?: str, "title"?: str}
    health    {"status": "failing" | "silent" | "recovered",
               "consecutive_failures"?: int, "last_error"?: str,
               "first_failure"?: ISO str, "last_success"?: ISO str,
               "silent_days"?: number, "last_new_item"?: ISO str,
               "next_attempt"?: ISO str, "gone"?: bool (failing: the server said 410, no more polls)}

kind "channel_gone" — a hook answered 410 Gone, so nothing more is posted to it::

    channel   {"target": str (the redacted URL), "last_error"?: str (its answer)}

kind "first_poll_summary" — the first poll of a newly added feed (which never alerts)::

    feed      {"id": str, "url"?: str, "title"?: str}
    summary   {"entries": int, "relevant": int, "claims"?: int,
               "articles"?: [{"title", "link"?, "published"?, "relevant"?: bool,
                              "claims"?: int}]}   (the first 25 are listed)

kind "test"::

    test?     {"channel"?: str}   e.g. "SMTP 127.0.0.1:587 (starttls, user monitor)"

A malformed payload raises :class:`AlertPayloadError` (a ``ValueError``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy, quoprimime
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from monitor.alerts.formatting import clean_line, format_quantity
from monitor.alerts.views import ALERT_KINDS, AlertPayloadError, build_view, headline, unique

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "ALERT_KINDS",
    "AlertPayload",
    "AlertPayloadError",
    "MAX_SUBJECT",
    "build_message",
    "compose_alert",
    "compose_alert_text",
    "domain_of",
    "feed_thread_id",
    "format_quantity",
    "message_id",
    "render_bodies",
    "subject_for",
    "thread_key_id",
]

AlertKind = Literal["article", "digest", "feed_health", "first_poll_summary", "channel_gone", "test"]
MAX_SUBJECT = 150
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


class Figure(TypedDict, total=False):
    quantity: float | int | None
    bound: str | None
    quantity_high: float | int | None
    source: str | None
    date: str | None
    outlet: str | None


class Ledger(TypedDict, total=False):
    key: str
    label: str
    newest: Figure
    previous: Figure | None
    baseline: Figure | None
    corroborations: int
    also_reported_by: list[str]


class AlertItem(TypedDict, total=False):
    claim: dict[str, Any]
    verdict: dict[str, Any]
    corroboration: bool
    ledger: Ledger


class ArticleInfo(TypedDict, total=False):
    title: str
    outlet: str
    feed_id: str
    published: str | None
    link: str | None
    article_id: str


class Head(TypedDict):
    position: int
    hash: str


class AlertPayload(TypedDict, total=False):
    """Typing aid for the payload documented above (plain dicts are accepted)."""

    alert_id: str
    kind: AlertKind
    created_at: str | datetime
    head: Head
    settings_hint: str
    article: ArticleInfo
    items: list[AlertItem]
    entries: list[dict[str, Any]]
    period: dict[str, str]
    feed: dict[str, Any]
    health: dict[str, Any]
    summary: dict[str, Any]
    test: dict[str, Any]


# ---------------------------------------------------------------------------
# identifiers


_ID_SAFE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _domain(domain: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9.-]", "", clean_line(domain)).strip(".-")
    return cleaned or "nkru-monitor.invalid"


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def message_id(alert_id: str, domain: str) -> str:
    """``<alert.ID@domain>``: the same alert always gets the same Message-ID, so a
    re-sent alert (after a crash between DATA and recording AlertSent) is recognisable
    as a duplicate by mail clients. Ids with unusual characters are hashed."""
    alert_id = str(alert_id)
    token = alert_id if _ID_SAFE.fullmatch(alert_id) else _digest(alert_id, 32)
    return f"<alert.{token}@{_domain(domain)}>"


def domain_of(address: str) -> str:
    """The domain of an address, for Message-IDs: "Monitor <m@example.org>" → "example.org"."""
    _, addr = parseaddr(clean_line(address))
    return _domain(addr.rpartition("@")[2]) if "@" in addr else "nkru-monitor.invalid"


def thread_key_id(ledger_key: str, domain: str) -> str:
    """The virtual thread root of one ledger key (kind+item+direction). It is never
    sent itself: clients group every alert that references it into one thread."""
    return f"<ledger.{_digest(str(ledger_key), 24)}@{_domain(domain)}>"


def feed_thread_id(feed_id: str, domain: str) -> str:
    """Thread root for one feed's health mails (failing, silent, recovered)."""
    return f"<feed.{_digest(str(feed_id), 24)}@{_domain(domain)}>"


# ---------------------------------------------------------------------------
# subject


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _fit(head: str, tail: str = "") -> str:
    """``head + tail`` within MAX_SUBJECT; the head gives way first so the outlet
    (the tail) stays visible in the inbox list."""
    tail = tail[:60]
    room = MAX_SUBJECT - len(tail)
    if len(head) > room:
        head = head[: max(room - 1, 1)].rstrip() + "…"
    return head + tail


def _subject_from_view(view: Mapping[str, Any]) -> str:
    kind = view["kind"]
    if kind == "article":
        items = view["items"]  # changes first; corroborations of figures already told last
        head = headline(items[0])
        if view["change_count"] > 1:
            head += f" (+{view['change_count'] - 1} more)"
        return _fit(head, f" — {view['article']['outlet']}")
    if kind == "digest":
        top = view["groups"][0]["changes"][0]
        prefix = f"Digest, {_plural(view['change_count'], 'change')} in {_plural(view['article_count'], 'article')}: "
        return _fit(prefix + headline(top), f" — {top['article']['outlet']}")
    if kind == "feed_health":
        feed, health = view["feed"], view["health"]
        if health["status"] == "failing" and health["gone"]:
            return _fit(f"Feed gone: {feed['id']}", f": {health['last_error']}" if health["last_error"] else "")
        if health["status"] == "failing":
            count = f" ({_plural(health['failures'], 'failure')} in a row)" if health["failures"] else ""
            error = f": {health['last_error']}" if health["last_error"] else ""
            return _fit(f"Feed failing: {feed['id']}{count}", error)
        if health["status"] == "silent":
            days = f" (no new items for {health['silent_days']} days)" if health["silent_days"] else " (no new items)"
            return _fit(f"Feed silent: {feed['id']}{days}")
        after = f" after {_plural(health['failures'], 'failure')}" if health["failures"] else ""
        return _fit(f"Feed recovered: {feed['id']}{after}")
    if kind == "channel_gone":
        return _fit(f"Alert channel gone: {view['gone']['target']}", " (410 Gone, no more alerts sent to it)")
    if kind == "first_poll_summary":
        feed, summary = view["feed"], view["summary"]
        return _fit(
            f"New feed {feed['id']}: first poll saw {_plural(summary['entries'], 'entry', 'entries')}, "
            f"{summary['relevant']} relevant (recorded, no alerts)"
        )
    return "nkru-monitor test message"


def subject_for(payload: Mapping[str, Any]) -> str:
    """The Subject: the most important change first (contradicts > updates, largest
    ratio first > new > confirms), human numbers, the outlet last; at most
    :data:`MAX_SUBJECT` characters, one line.

    >>> subject_for({"alert_id": "a1", "kind": "article",
    ...   "article": {"title": "t", "outlet": "Yonhap"},
    ...   "items": [{"claim": {"kind": "shipment", "item": "artillery_shells", "quantity": 3000000},
    ...              "verdict": {"verdict": "updates", "from": 1000000, "to": 3000000}}]})
    'Artillery shells: 3 million (baseline 1 million) — Yonhap'
    """
    return _subject_from_view(build_view(payload))


# ---------------------------------------------------------------------------
# bodies


@lru_cache(maxsize=2)
def _environment(html: bool) -> jinja2.Environment:
    import jinja2  # here, not at the top: a process that renders no alert never pays for it (start-up time)

    # Two environments instead of select_autoescape: our names end in ".j2", and a
    # text part must never be HTML-escaped while the HTML part always must be.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_TEMPLATE_NAMES = {
    "article": "alert",
    "digest": "digest",
    "feed_health": "feed_health",
    "first_poll_summary": "first_poll_summary",
    "channel_gone": "channel_gone",
    "test": "test",
}


def _render(view: Mapping[str, Any], subject: str) -> tuple[str, str]:
    name = _TEMPLATE_NAMES[view["kind"]]
    context = dict(view, subject=subject)
    text = _environment(False).get_template(f"{name}.txt.j2").render(context)
    html = _environment(True).get_template(f"{name}.html.j2").render(context)
    # Tidy blank-line runs that conditional sections leave behind in the text part.
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text, html


def render_bodies(payload: Mapping[str, Any]) -> tuple[str, str]:
    """(plain text, HTML) bodies of the alert, e.g. for a preview command."""
    view = build_view(payload)
    return _render(view, _subject_from_view(view))


# ---------------------------------------------------------------------------
# the message


#: The To header of a message with no e-mail recipient.
NO_RECIPIENTS = "undisclosed-recipients:;"


def _addresses(values: Sequence[str] | str, what: str) -> str:
    if isinstance(values, str):
        values = [values]
    cleaned = [clean_line(v, 320) for v in values if clean_line(v)]
    if not cleaned and what == "to":
        # An alert for notification channels alone ([alerts] to empty): the stored message stays a whole
        # one, addressed to nobody (RFC 5322's empty group); e-mail never sends it (the alerts projection).
        return NO_RECIPIENTS
    if not cleaned:
        raise AlertPayloadError(f"no {what} address given")
    for name, addr in getaddresses(cleaned):
        if "@" not in addr:
            raise AlertPayloadError(f"{what} address {addr or name!r} is not an e-mail address")
    return ", ".join(cleaned)


def _list_id(list_id: str, domain: str) -> str:
    """RFC 2919 List-Id from either a bare id ("alerts.example.org", "alerts") or a
    full header value ("nkru-monitor alerts <alerts.example.org>")."""
    text = clean_line(list_id)
    phrase, _, rest = text.partition("<")
    if not rest:
        phrase, rest = "", text
    label = re.sub(r"[^A-Za-z0-9.-]", "-", rest.split(">", 1)[0]).strip(".-")
    if not label:
        label = f"alerts.{_domain(domain)}"
    elif "." not in label:
        # RFC 2919 wants a dotted id under a namespace we control.
        label = f"{label}.{_domain(domain)}"
    phrase = re.sub(r"[^A-Za-z0-9 ._-]", "", phrase).strip() or "nkru-monitor alerts"
    return f"{phrase} <{label}>"


def _date_header(payload: Mapping[str, Any], date: datetime | None) -> str:
    when = date
    created = payload.get("created_at")
    if when is None and isinstance(created, datetime):
        when = created
    elif when is None and created:
        try:
            when = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        except ValueError as exc:
            raise AlertPayloadError(f"created_at {created!r} is not ISO-8601") from exc
    if when is None:
        when = datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return format_datetime(when.astimezone(UTC))


def _encoded(name: str, value: str) -> str:
    """An unstructured header value, folded by ``email.header.Header`` instead of the
    policy. Python 3.11's folder has two quirks we avoid this way: it can move a whole
    value to a continuation line (parsers then report a leading space), and it leaves
    the space before an encoded word at the end of the broken line (readers see two
    spaces). Non-ASCII values become RFC 2047 encoded words; decoders drop the
    whitespace between adjacent encoded words, so nothing is added or lost."""
    value = clean_line(value)
    charset = "us-ascii" if value.isascii() else "utf-8"
    return Header(value, charset, header_name=name).encode(linesep="\r\n")


@dataclass(frozen=True)
class _Header:
    name: str
    #: structured headers are parsed by the policy (addresses, dates, ids); the others are
    #: already encoded and folded by :func:`_encoded` and go in as they are
    value: str
    structured: bool


@dataclass(frozen=True)
class _Composed:
    """Everything a message is made of, decided once: :func:`build_message` makes an
    ``EmailMessage`` of it, :func:`compose_alert_text` its serialised form directly."""

    headers: list[_Header]
    text: str
    html: str
    boundary: str
    subject: str
    message_id: str


def _compose(
    payload: Mapping[str, Any],
    *,
    from_addr: str,
    to_addrs: Sequence[str] | str,
    list_id: str,
    domain: str,
    date: datetime | None = None,
) -> _Composed:
    # The view is half the cost of a message: it is built once for the subject and the bodies.
    view = build_view(payload)
    subject = _subject_from_view(view)
    text, html = _render(view, subject)
    mid = message_id(view["alert_id"], domain)
    headers = [
        _Header("From", _addresses([from_addr], "from"), True),
        _Header("To", _addresses(to_addrs, "to"), True),
        _Header("Subject", _encoded("Subject", clean_line(subject, MAX_SUBJECT)), False),
        _Header("Date", _date_header(payload, date), True),
        _Header("Message-ID", mid, True),
        _Header("List-Id", _encoded("List-Id", _list_id(list_id, domain)), False),
        _Header("Auto-Submitted", "auto-generated", True),  # RFC 3834: no auto-replies to this
        _Header("X-Auto-Response-Suppress", "All", True),  # the same request, in Exchange's dialect
        _Header("X-NKRU-Alert-Id", _encoded("X-NKRU-Alert-Id", clean_line(view["alert_id"], 200)), False),
        _Header("X-NKRU-Kind", _encoded("X-NKRU-Kind", view["kind"]), False),
    ]

    threads: list[str] = []
    if view["kind"] in ("article", "digest"):
        keys = view["keys"]
        ledger_keys = _encoded("X-NKRU-Ledger-Key", clean_line(", ".join(keys), 900))
        headers.append(_Header("X-NKRU-Ledger-Key", ledger_keys, False))
        threads = [thread_key_id(k, domain) for k in keys]
        feeds = unique(
            i["article"]["feed_id"]
            for i in (view["items"] if view["kind"] == "article" else [c for g in view["groups"] for c in g["changes"]])
            if i["article"]["feed_id"]
        )
        if feeds:
            headers.append(_Header("X-NKRU-Feed", _encoded("X-NKRU-Feed", clean_line(", ".join(feeds), 300)), False))
    elif view["kind"] in ("feed_health", "first_poll_summary"):
        headers.append(_Header("X-NKRU-Feed", _encoded("X-NKRU-Feed", view["feed"]["id"]), False))
        threads = [feed_thread_id(view["feed"]["id"], domain)]
    if view["head"]:
        head = f"{view['head']['position']} {view['head']['hash']}"
        headers.append(_Header("X-NKRU-Log-Head", _encoded("X-NKRU-Log-Head", head), False))
    if threads:
        # The parent goes last in References (RFC 5322 §3.6.4); the parent is the
        # thread of the most important change.
        headers.append(_Header("In-Reply-To", threads[0], True))
        headers.append(_Header("References", " ".join(list(reversed(threads))[-10:]), True))
    # A boundary derived from the content instead of a random one keeps the message
    # reproducible. "=_" cannot occur in quoted-printable or base64 bodies, so the
    # boundary cannot collide with a line of content.
    boundary = "=_nkru_" + _digest(view["alert_id"] + "\0" + text + "\0" + html, 32)
    return _Composed(headers, text, html, boundary, subject, mid)


def build_message(
    payload: Mapping[str, Any],
    *,
    from_addr: str,
    to_addrs: Sequence[str] | str,
    list_id: str,
    domain: str,
    date: datetime | None = None,
) -> EmailMessage:
    """The alert as a multipart/alternative e-mail (plain text + HTML).

    ``domain`` names the right-hand side of Message-IDs (usually the From domain,
    see :func:`domain_of`). ``list_id`` is a bare id ("alerts.example.org") or a
    whole List-Id value ("Desk alerts <alerts.example.org>"). ``date`` defaults to
    the payload's ``created_at``, else now. Every header value is cleaned of control
    characters first, so feed text cannot add headers; non-ASCII header text becomes
    RFC 2047 encoded words, bodies are quoted-printable UTF-8 (the message is 7-bit
    clean). Raises :class:`AlertPayloadError` for a malformed payload or unusable
    addresses.
    """
    return compose_alert(payload, from_addr=from_addr, to_addrs=to_addrs, list_id=list_id, domain=domain, date=date)[0]


def compose_alert(
    payload: Mapping[str, Any],
    *,
    from_addr: str,
    to_addrs: Sequence[str] | str,
    list_id: str,
    domain: str,
    date: datetime | None = None,
) -> tuple[EmailMessage, str]:
    """:func:`build_message` and :func:`subject_for` of one payload."""
    composed = _compose(payload, from_addr=from_addr, to_addrs=to_addrs, list_id=list_id, domain=domain, date=date)
    msg = EmailMessage(policy=policy.SMTP)
    for header in composed.headers:
        if header.structured:
            msg[header.name] = header.value
        else:
            msg.set_raw(header.name, header.value)
    # Quoted-printable, not the policy's choice of 8bit: the message stays 7-bit clean
    # (no 8BITMIME needed), mostly readable as source, and identical after a trip
    # through str (as_string) — the queue may store it that way.
    msg.set_content(composed.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(composed.html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(composed.boundary)
    return msg, composed.subject


def compose_alert_text(
    payload: Mapping[str, Any],
    *,
    from_addr: str,
    to_addrs: Sequence[str] | str,
    list_id: str,
    domain: str,
    date: datetime | None = None,
) -> tuple[str, str, str]:
    """(``build_message(...).as_string()``, the subject, the Message-ID), without the
    ``EmailMessage``: the same characters, written directly.

    The e-mail package spent 70% of a first-poll summary's 2.4 ms on header objects it
    parses, folds and throws away. Here each structured header is still folded by the
    package's own policy (cached: From, To, Date and the constant headers are the same for
    every alert of a batch), each unstructured one is already encoded by
    :func:`_encoded`, the two text parts are quoted-printable by the package's own encoder,
    and only the frame is written here: the multipart/alternative skeleton
    ``build_message`` always has. tests/alerts/test_alert_compose.py compares the two for
    every kind of alert, non-ASCII, long and odd header values included.
    """
    composed = _compose(payload, from_addr=from_addr, to_addrs=to_addrs, list_id=list_id, domain=domain, date=date)
    lines = [
        _folded(header.name, header.value) if header.structured else _folded_raw(header.name, header.value)
        for header in composed.headers
    ]
    boundary = composed.boundary
    lines += [
        "MIME-Version: 1.0\r\n",
        # The policy's folding of this value: it never fits on one line (the boundary is
        # always "=_nkru_" and 32 hex digits), and it breaks after the semicolon.
        f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n',
        "\r\n",
        f"--{boundary}\r\n",
        _TEXT_PART_HEADERS["plain"],
        _quoted_printable(composed.text),
        f"\r\n--{boundary}\r\n",
        _TEXT_PART_HEADERS["html"],
        _quoted_printable(composed.html),
        f"\r\n--{boundary}--\r\n",
    ]
    return "".join(lines), composed.subject, composed.message_id


#: The SMTP policy's line length, which set_content gives the quoted-printable encoder.
_MAX_LINE = policy.SMTP.max_line_length or 78


@lru_cache(maxsize=256)
def _folded(name: str, value: str) -> str:
    """A structured header as ``msg[name] = value`` and the SMTP policy's generator write it."""
    return policy.SMTP.fold(*policy.SMTP.header_store_parse(name, value))


def _folded_raw(name: str, value: str) -> str:
    """A header set with ``set_raw`` as the SMTP policy's generator writes it (as it is,
    unless a line is over 78 characters)."""
    return policy.SMTP.fold(name, value)


#: The headers ``set_content(text, subtype=…, charset="utf-8", cte="quoted-printable")``
#: gives a part, folded by the SMTP policy: the same for every alert. The HTML part, made
#: by ``add_alternative`` as an ``EmailMessage`` of its own, has a MIME-Version too.
_TEXT_PART_HEADERS = {
    subtype: _folded("Content-Type", f'text/{subtype}; charset="utf-8"')
    + _folded("Content-Transfer-Encoding", "quoted-printable")
    + ("MIME-Version: 1.0\r\n" if subtype == "html" else "")
    + "\r\n"
    for subtype in ("plain", "html")
}


def _quoted_printable(body: str) -> str:
    """A text part's body as ``set_content(..., cte="quoted-printable")`` stores it and the
    generator writes it: UTF-8, the package's own quoted-printable encoder, CRLF line ends."""
    lines = body.encode("utf-8").splitlines()
    encoded = quoprimime.body_encode((b"\n".join(lines) + b"\n").decode("latin-1"), _MAX_LINE)
    return encoded.replace("\n", "\r\n")
