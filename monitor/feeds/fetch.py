"""Fetching feeds and article pages: the only module that talks to the network.

Every fetch is bounded three ways, because a feed server can be slow, hostile or broken:

* **Time.** Connect and read timeouts per socket operation, a clock check between
  body chunks, and a watchdog that shuts the socket down when the whole-fetch deadline
  passes — so a server dripping one byte per second, even into the response *headers*,
  cannot hold a worker longer than ``deadline_seconds``. (DNS resolution runs in the C
  library and cannot be interrupted; the system resolver bounds it.)
* **Size.** ``Content-Length`` above ``max_bytes`` is refused before reading; otherwise
  bytes are counted while streaming, both as received and after decompression. We decode
  gzip/deflate/br ourselves, in steps of at most 256 KiB of output, so a gzip bomb is
  stopped after ``max_bytes`` of output instead of being inflated in memory.
* **Redirects.** Followed by hand (at most ``max_redirects``), only to http(s) URLs, with
  loops detected; an unbroken chain of 301/308 from the start sets ``moved_to``.
* **Addresses.** No fetch moves to a more private address than the one it started from
  (public < private network < link-local and cloud metadata < loopback): checked before
  each redirect is requested and again on the address each connection reached, so a
  public name that resolves to 10.0.0.5 or 127.0.0.1 is caught too (:class:`AddressGuard`;
  ``[fetch] allow_private_addresses`` turns it off for intranets).

The bytes move over :mod:`monitor.feeds.httpclient` (http.client, proxies from the
environment, TLS with a CA bundle read at the first handshake). Errors are raised as
:class:`monitor.errors.FetchError` with a stable ``kind``. A 304
returns ``not_modified=True`` and no body. Local files (``file://`` URLs and plain paths)
are read under the same size limit, with an ETag made of size and mtime.
"""

from __future__ import annotations

import codecs
import hashlib
import http.client
import ipaddress
import mimetypes
import os
import re
import socket
import ssl
import stat
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from monitor import USER_AGENT
from monitor.config import FetchConfig
from monitor.errors import NO_SUCH_HOST, FetchError, fetch_error
from monitor.feeds.backoff import retry_after_seconds
from monitor.feeds.httpclient import KEEPALIVE_SECONDS, HttpClient, HttpRequest, HttpResponse, Transport
from monitor.feeds.httpclient import request_host as _strict_request_host
from monitor.feeds.watchdog import SocketWatchdog, shutdown_socket

try:  # a dependency; without it we simply do not ask for br.
    import brotli as _brotli
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None

ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# Only what we can decode with bounded memory.
ACCEPT_ENCODING = "gzip, deflate, br" if _brotli is not None else "gzip, deflate"

#: OpenSSL's verify codes for a chain that ends at no CA this machine trusts (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
#: DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN, UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UNABLE_TO_VERIFY_LEAF_SIGNATURE)
_UNKNOWN_ISSUER_CODES = frozenset({2, 18, 19, 20, 21})
#: getaddrinfo's answers that the name has no address (EAI_NONAME, EAI_NODATA where defined): the
#: resolver was reached and replied. EAI_AGAIN/EAI_FAIL (no resolver answered) stay an outage's sign.
_NO_SUCH_NAME_CODES = frozenset(code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
_DECODE_STEP = 256 * 1024  # at most this much decompressed output per decompressor call
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_UNDECLARED_GZIP = 2  # gzip layers undone that the headers did not declare


_FETCH_DEFAULTS = FetchConfig()


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch. Its defaults are ``[fetch]``'s, declared once in :class:`monitor.config.FetchConfig`."""

    connect_timeout: float = float(_FETCH_DEFAULTS.timeout_seconds)
    read_timeout: float = float(_FETCH_DEFAULTS.timeout_seconds)
    deadline_seconds: float = float(_FETCH_DEFAULTS.deadline_seconds)
    max_bytes: int = _FETCH_DEFAULTS.max_bytes
    max_redirects: int = _FETCH_DEFAULTS.max_redirects
    user_agent: str = _FETCH_DEFAULTS.user_agent
    allow_private_addresses: bool = _FETCH_DEFAULTS.allow_private_addresses  # True: no AddressGuard (intranet feeds)

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline_seconds"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        if self.max_redirects < 0:
            raise ValueError("max_redirects must not be negative")

    @classmethod
    def from_config(cls, fetch_config: Any) -> FetchLimits:
        """Build from the ``[fetch]`` section (a ``FetchConfig`` or a mapping).

        ``timeout_seconds`` sets both the connect and the read timeout.
        """

        def get(name: str, default: Any) -> Any:
            if isinstance(fetch_config, Mapping):
                return fetch_config.get(name, default)
            return getattr(fetch_config, name, default)

        timeout = float(get("timeout_seconds", cls.connect_timeout))
        return cls(
            connect_timeout=float(get("connect_timeout_seconds", timeout)),
            read_timeout=float(get("read_timeout_seconds", timeout)),
            deadline_seconds=float(get("deadline_seconds", cls.deadline_seconds)),
            max_bytes=int(get("max_bytes", cls.max_bytes)),
            max_redirects=int(get("max_redirects", cls.max_redirects)),
            user_agent=str(get("user_agent", None) or USER_AGENT),
            allow_private_addresses=bool(get("allow_private_addresses", False)),
        )


@dataclass(frozen=True)
class FetchResult:
    """What one successful fetch (2xx or 304) produced."""

    status: int
    url: str  # the final URL, after redirects
    body: bytes | None  # decoded (decompressed) bytes; None for a 304
    headers: dict[str, str]  # the final response's headers, names lower-cased
    etag: str | None  # validators to send next time (kept from the request on a 304)
    last_modified: str | None
    moved_to: str | None  # the new permanent URL when 301/308 redirects were followed
    not_modified: bool
    body_sha256: str | None
    elapsed: float  # seconds, the whole fetch including redirects
    cache_hint_seconds: float | None  # Cache-Control max-age / Expires: a poll lower bound
    redirects: tuple[str, ...] = ()  # every URL redirected to, in order
    notes: tuple[str, ...] = field(default=())  # oddities worth an event's metadata
    moved_status: int | None = None  # 301 or 308: the first permanent redirect's status

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


# --------------------------------------------------------------------------------------
# Client
# --------------------------------------------------------------------------------------


def make_client(
    limits: FetchLimits | None = None,
    *,
    max_connections: int = 16,
    keepalive: bool = True,
    verify: ssl.SSLContext | str | bool = True,
    trust_env: bool = True,
    transport: Transport | None = None,
) -> HttpClient:
    """A client for :func:`fetch` (:class:`monitor.feeds.httpclient.HttpClient`): no
    automatic redirects; ``max_connections`` requests in flight at once across threads
    (waiting at most the connect timeout for a turn). With ``keepalive`` a connection that
    carried a whole response is kept a few seconds for the next request to the same host
    (a `monitor poll` of several feeds on one server opens one connection per thread, not
    one per feed); the client's ``close`` closes them, and each fetch hands a reused socket
    to its own deadline watchdog and address guard as it does a new one. ``verify``: True
    for :func:`default_ssl_context`, a CA file or folder, an SSLContext, or False (no
    checks). ``trust_env`` honours HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY and
    SSL_CERT_FILE / SSL_CERT_DIR. ``transport`` stands in for the network (tests)."""
    del limits  # the timeouts travel with each request, cut to the fetch's remaining deadline
    return HttpClient(
        ssl_context=lambda: _ssl_context_for(verify, trust_env),
        max_connections=max_connections,
        trust_env=trust_env,
        transport=transport,
        keepalive_seconds=KEEPALIVE_SECONDS if keepalive else 0.0,
    )


def _ssl_context_for(verify: ssl.SSLContext | str | bool, trust_env: bool) -> ssl.SSLContext:
    if isinstance(verify, ssl.SSLContext):
        return verify
    if verify is True:
        return default_ssl_context(trust_env)
    if verify is False:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    if os.path.isdir(verify):
        return ssl.create_default_context(capath=verify)
    return ssl.create_default_context(cafile=verify)


def default_ssl_context(trust_env: bool = True) -> ssl.SSLContext:
    """The verifying TLS context (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR when
    ``trust_env``, as httpx and requests choose), built once per process and shared.

    Loading the CA bundle costs ~0.1 s of CPU; a daemon that makes a client per poll
    would otherwise pay it on every poll of every feed. And it is loaded at the first TLS
    handshake, not here: a poll of plain-http feeds never reads it (20 ms of a `monitor poll`).
    """
    key = (
        trust_env,
        os.environ.get("SSL_CERT_FILE") if trust_env else None,
        os.environ.get("SSL_CERT_DIR") if trust_env else None,
    )
    with _ssl_lock:
        context = _ssl_contexts.get(key)
        if context is None:
            context = _ssl_contexts[key] = _CertificatesOnFirstUse.verifying(trust_env)
        return context


class _CertificatesOnFirstUse(ssl.SSLContext):
    """``ssl.create_default_context`` with certifi's bundle (or SSL_CERT_FILE / SSL_CERT_DIR),
    except that the bundle is read when the first TLS connection is wrapped rather than when
    the context is made."""

    _locations: tuple[str | None, str | None]
    _loaded: bool

    @classmethod
    def verifying(cls, trust_env: bool) -> _CertificatesOnFirstUse:
        # PROTOCOL_TLS_CLIENT: CERT_REQUIRED and check_hostname, as create_default_context sets them
        context = cls(ssl.PROTOCOL_TLS_CLIENT)
        if trust_env and os.environ.get("SSL_CERT_FILE"):
            context._locations = (os.environ["SSL_CERT_FILE"], None)
        elif trust_env and os.environ.get("SSL_CERT_DIR"):
            context._locations = (None, os.environ["SSL_CERT_DIR"])
        else:
            context._locations = (None, None)  # certifi's, found when first needed
        context._loaded = False
        keylog = os.environ.get("SSLKEYLOGFILE")  # as create_default_context honours it
        if keylog and not sys.flags.ignore_environment:
            context.keylog_filename = keylog
        return context

    def _load(self) -> None:
        with _ssl_lock:
            if not self._loaded:
                cafile, capath = self._locations
                if cafile is None and capath is None:
                    import certifi  # the CA bundle (a dependency); imported here, as only https needs it

                    cafile = certifi.where()
                self.load_verify_locations(cafile=cafile, capath=capath)
                self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:  # type: ignore[override]
        self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:  # type: ignore[override]
        self._load()
        return super().wrap_bio(*args, **kwargs)


_ssl_lock = threading.RLock()
_ssl_contexts: dict[tuple[bool, str | None, str | None], ssl.SSLContext] = {}


# --------------------------------------------------------------------------------------
# fetch
# --------------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    client: HttpClient | None = None,
    limits: FetchLimits | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = ACCEPT_FEED,
    allow_local: bool = True,
    guard: Callable[[str], None] | None = None,
    origin: str | None = None,
) -> FetchResult:
    """Fetch ``url`` (http, https, file:// or a local path) within ``limits``.

    Sends ``If-None-Match``/``If-Modified-Since`` from ``etag``/``last_modified`` to ``url``
    and along its redirects, except past the 301/308s that move the feed (``moved_to``: the
    validators belong to the address they came from).
    Returns a :class:`FetchResult` for a 2xx or a 304; raises :class:`FetchError`
    otherwise (410 is kind ``http_status`` with ``status=410``; 429/503 carry
    ``retry_after``). ``allow_local=False`` refuses local files (for URLs taken from
    feed content). Every hop stays within the address class of ``origin`` (default: of
    ``url`` itself), else kind ``blocked_address`` (:class:`AddressGuard`); pass the feed's
    URL as ``origin`` when ``url`` came from the feed's content. ``guard``, when given, is
    also called with every http(s) URL before it is requested, redirect targets included,
    and refuses one by raising :class:`FetchError`. Without a ``client`` a temporary one
    is created and closed.
    """
    limits = limits or FetchLimits()
    started = time.monotonic()
    scheme, target = _classify_url(url)
    if scheme == "file":
        if not allow_local:
            raise fetch_error("unsupported_scheme", "local files are not allowed here", url)
        return _fetch_local(url, target, limits, etag, started)
    own_client = client is None
    http_client = make_client(limits) if client is None else client
    watchdog = _Watchdog(limits.deadline_seconds)
    addresses = AddressGuard(origin, enabled=not limits.allow_private_addresses)
    try:
        return _fetch_http(url, http_client, limits, etag, last_modified, accept, started, watchdog, guard, addresses)
    finally:
        watchdog.cancel()
        if own_client:
            http_client.close()


def _classify_url(url: str) -> tuple[str, str]:
    text = (url or "").strip()
    if not text:
        raise fetch_error("unsupported_scheme", "empty URL", url)
    if re.match(r"^[A-Za-z]:[\\/]", text):  # a Windows drive path, not a scheme
        return "file", text
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise fetch_error("unsupported_scheme", f"invalid URL: {exc}", url) from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise fetch_error("unsupported_scheme", "URL has no host", url)
        return "http", text
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise fetch_error("unsupported_scheme", f"file URL on another host: {parts.netloc}", url)
        # Imported here: urllib.request costs ~3 ms to import, and only file URLs need it.
        from urllib.request import url2pathname

        return "file", url2pathname(parts.path)
    if not scheme:
        return "file", os.path.expanduser(text)
    raise fetch_error("unsupported_scheme", f"unsupported URL scheme {scheme!r}", url)


def _fetch_http(
    url: str,
    client: HttpClient,
    limits: FetchLimits,
    etag: str | None,
    last_modified: str | None,
    accept: str,
    started: float,
    watchdog: _Watchdog,
    guard: Callable[[str], None] | None = None,
    addresses: AddressGuard | None = None,
) -> FetchResult:
    deadline = started + limits.deadline_seconds
    addresses = addresses or AddressGuard(None, enabled=not limits.allow_private_addresses)
    current = url.strip()
    visited = {_loop_key(current)}
    redirects: list[str] = []
    moved_to: str | None = None
    moved_status: int | None = None
    permanent_so_far = True
    request_headers = {"Accept": accept, "Accept-Encoding": ACCEPT_ENCODING, "User-Agent": limits.user_agent}
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified and _ahead_of(last_modified, time.time()):
        last_modified = None  # kept from before such stamps were refused (_usable_last_modified)
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified

    for hop in range(limits.max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _deadline_error(limits, current)
        if guard is not None:
            guard(current)
        addresses.before_request(current, first=hop == 0)
        hop_host = request_host(current)

        def reached(dialled: str, sock: socket.socket, hop_host: str = hop_host) -> None:
            addresses.on_connect(hop_host, dialled, sock)

        try:
            response = client.send(
                HttpRequest(
                    current,
                    request_headers,
                    connect_timeout=min(limits.connect_timeout, remaining),
                    read_timeout=min(limits.read_timeout, remaining),
                    watch=watchdog.watch,
                    reached=reached,
                    cut=lambda: watchdog.fired,
                )
            )
        except Exception as exc:  # noqa: BLE001 - every failure becomes a classified FetchError
            raise _classify_exception(exc, current, watchdog, limits, deadline) from None
        try:
            status = response.status
            headers = _lower_headers(response.headers)
            if status in _REDIRECTS:
                location = (headers.get("location") or "").strip()
                if not location:
                    raise fetch_error(
                        "http_status", f"HTTP {status} redirect without a Location", current, status=status
                    )
                target = urljoin(current, location)
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    raise fetch_error(
                        "unsupported_scheme", f"redirect to a non-http URL: {target[:200]}", current, status=status
                    )
                key = _loop_key(target)
                if key in visited:
                    raise fetch_error("redirect_loop", f"redirect loop back to {target[:200]}", url, status=status)
                if hop >= limits.max_redirects:
                    raise fetch_error(
                        "too_many_redirects", f"more than {limits.max_redirects} redirects", url, status=status
                    )
                visited.add(key)
                redirects.append(target)
                if status in _PERMANENT and permanent_so_far:
                    moved_to = target
                    moved_status = moved_status or status
                    # The validators were earned at the old address: the new one is asked without
                    # them, or a 304 meant for the old copy would stand for a feed never read here.
                    etag = last_modified = None
                    request_headers.pop("If-None-Match", None)
                    request_headers.pop("If-Modified-Since", None)
                else:
                    permanent_so_far = False
                current = target
                continue
            if status == 304:
                if not etag and not last_modified:
                    # Not an answer to this request: taken as 'unchanged', it hid a feed never read.
                    raise fetch_error(
                        "http_status",
                        "HTTP 304 Not Modified to a request that named no earlier copy (no If-None-Match or"
                        " If-Modified-Since): a cache in front of the server answers wrongly, so nothing can be read",
                        current,
                        status=status,
                    )
                return FetchResult(
                    status=304,
                    url=current,
                    body=None,
                    headers=headers,
                    etag=headers.get("etag") or etag,
                    last_modified=_usable_last_modified(headers, []) or last_modified,
                    moved_to=moved_to,
                    not_modified=True,
                    body_sha256=None,
                    elapsed=time.monotonic() - started,
                    cache_hint_seconds=cache_hint_seconds(headers),
                    redirects=tuple(redirects),
                    moved_status=moved_status if moved_to else None,
                )
            if 200 <= status < 300:
                notes: list[str] = []
                body = _read_body(response, headers, limits, deadline, current, notes)
                return FetchResult(
                    status=status,
                    url=current,
                    body=body,
                    headers=headers,
                    etag=headers.get("etag"),
                    last_modified=_usable_last_modified(headers, notes),
                    moved_to=moved_to,
                    not_modified=False,
                    body_sha256=hashlib.sha256(body).hexdigest(),
                    elapsed=time.monotonic() - started,
                    cache_hint_seconds=cache_hint_seconds(headers),
                    redirects=tuple(redirects),
                    moved_status=moved_status if moved_to else None,
                    notes=tuple(notes),
                )
            retry_after = None
            if status in _RETRY_AFTER_STATUSES:
                retry_after = retry_after_seconds(headers.get("retry-after"))
            reason = response.reason
            raise fetch_error(
                "http_status",
                f"HTTP {status} {reason}".strip(),
                current,
                retry_after=retry_after,
                status=status,
            )
        except Exception as exc:  # noqa: BLE001
            raise _classify_exception(exc, current, watchdog, limits, deadline) from None
        finally:
            response.close()
    raise fetch_error("too_many_redirects", f"more than {limits.max_redirects} redirects", url)  # pragma: no cover


def _loop_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}?{parts.query}"


def _lower_headers(headers: list[tuple[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


def _read_body(
    response: HttpResponse,
    headers: Mapping[str, str],
    limits: FetchLimits,
    deadline: float,
    url: str,
    notes: list[str],
) -> bytes:
    declared = (headers.get("content-length") or "").strip()
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise fetch_error("too_large", f"Content-Length {declared} exceeds the limit of {limits.max_bytes} bytes", url)
    sink = _Sink(limits.max_bytes, url)
    decoder = _build_decoders(headers.get("content-encoding", ""), sink.write, limits.max_bytes, url, notes)
    received = 0
    # Each network read as it arrives, so the clock is checked even when the server drips
    # a byte at a time.
    for chunk in response.chunks:
        if time.monotonic() > deadline:
            raise _deadline_error(limits, url)
        received += len(chunk)
        if received > limits.max_bytes:
            raise fetch_error("too_large", f"body exceeds the limit of {limits.max_bytes} bytes", url)
        decoder.feed(chunk)
    if time.monotonic() > deadline:
        # The watchdog shut the socket down: the body "ended" only because we cut it.
        raise _deadline_error(limits, url)
    decoder.finish()
    body = bytes(sink.buffer)
    for _ in range(_MAX_UNDECLARED_GZIP):
        if not body.startswith(_GZIP_MAGIC):
            break
        # No feed or page starts with these bytes: a gzip file served without Content-Encoding
        # (feed.xml.gz), or compressed again under the one layer declared. Undone within the same
        # limits, as a declared layer is.
        notes.append("the body was gzip-compressed once more than Content-Encoding said")
        inner = _Sink(limits.max_bytes, url)
        layer = _ZlibDecoder("gzip", inner.write, limits.max_bytes, url, notes)
        layer.feed(body)
        layer.finish()
        body = bytes(inner.buffer)
    return body


#: How far a Last-Modified may run ahead of the response's Date (or our clock) and still be sent back.
LAST_MODIFIED_SLACK_SECONDS = 60.0


def _usable_last_modified(headers: Mapping[str, str], notes: list[str]) -> str | None:
    """The response's Last-Modified as the next If-Modified-Since, unless it is later than the
    response itself (RFC 9110 8.8.2.1 forbids it): a server stamping its feed years ahead answers
    every later request carrying that stamp with 'not modified', and its news would never be read."""
    value = headers.get("last-modified")
    sent = _http_date(headers.get("date", "")) if headers.get("date") else None
    if value and _ahead_of(value, sent.timestamp() if sent else time.time()):
        notes.append(f"Last-Modified {value} is later than the response; not sent back as If-Modified-Since")
        return None
    return value


def _ahead_of(value: str, reference: float) -> bool:
    when = _http_date(value)
    return when is not None and when.timestamp() > reference + LAST_MODIFIED_SLACK_SECONDS


def _deadline_error(limits: FetchLimits, url: str) -> FetchError:
    return fetch_error("timeout", f"deadline of {limits.deadline_seconds:g}s exceeded", url)


def cache_hint_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Freshness lifetime the server declared: Cache-Control max-age (minus Age), else
    Expires minus Date. None when there is no usable hint or the response must not be
    cached (no-store/no-cache). Callers treat it as a lower bound on the next poll."""
    cache_control = headers.get("cache-control", "")
    directives: dict[str, str] = {}
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.strip().lower()] = value.strip().strip('"')
    if "no-store" in directives or "no-cache" in directives:
        return None
    if "max-age" in directives:
        try:
            max_age = float(int(directives["max-age"]))
        except ValueError:
            max_age = None
        if max_age is not None:
            age_text = (headers.get("age") or "").strip()
            age = float(age_text) if age_text.isdigit() else 0.0
            return max(0.0, max_age - age)
    expires = headers.get("expires")
    if expires:
        when = _http_date(expires)
        if when is None:
            return 0.0  # "Expires: 0" and other junk mean "already expired" (RFC 9111)
        reference = _http_date(headers.get("date", "")) if headers.get("date") else None
        base = reference.timestamp() if reference else (now if now is not None else time.time())
        return max(0.0, when.timestamp() - base)
    return None


def _http_date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# --------------------------------------------------------------------------------------
# Bounded decoding
# --------------------------------------------------------------------------------------


class _Sink:
    def __init__(self, max_bytes: int, url: str) -> None:
        self.buffer = bytearray()
        self.max_bytes = max_bytes
        self.url = url

    def write(self, data: bytes) -> None:
        if len(self.buffer) + len(data) > self.max_bytes:
            raise fetch_error("too_large", f"decoded body exceeds the limit of {self.max_bytes} bytes", self.url)
        self.buffer += data


class _Decoder:
    """Feeds decoded output to ``out`` in bounded pieces; counts what it produced."""

    name = "identity"

    def __init__(self, out: Callable[[bytes], None], max_bytes: int, url: str, notes: list[str]) -> None:
        self.out = out
        self.max_bytes = max_bytes
        self.url = url
        self.notes = notes
        self.produced = 0
        self.passthrough = False

    def emit(self, data: bytes) -> None:
        if not data:
            return
        self.produced += len(data)
        if self.produced > self.max_bytes:
            raise fetch_error(
                "too_large", f"{self.name}-decoded body exceeds the limit of {self.max_bytes} bytes", self.url
            )
        self.out(data)

    def feed(self, data: bytes) -> None:
        self.emit(data)

    def finish(self) -> None:
        pass

    def corrupt(self, exc: Exception) -> FetchError:
        return fetch_error("parse_error", f"could not decode {self.name} body: {exc}"[:300], self.url)


def _looks_uncompressed(data: bytes) -> bool:
    # Servers that label plain XML as gzip/deflate exist; feedparser and browsers accept it.
    head = data.lstrip(b" \t\r\n")[:4]
    return head.startswith((b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


class _ZlibDecoder(_Decoder):
    def __init__(self, name: str, out: Callable[[bytes], None], max_bytes: int, url: str, notes: list[str]) -> None:
        super().__init__(out, max_bytes, url, notes)
        self.name = name
        self._d: Any = None
        self._head = b""
        self._wbits = 0

    def _start(self, data: bytes) -> None:
        if _looks_uncompressed(data) or (self.name == "gzip" and not data.startswith(b"\x1f\x8b")):
            self.passthrough = True
            self.notes.append(f"content-encoding {self.name} declared but the body is not compressed")
            return
        if self.name == "gzip":
            wbits = 16 + zlib.MAX_WBITS
        elif (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0:
            wbits = zlib.MAX_WBITS  # "deflate" as the RFC means it: zlib-wrapped
        else:
            wbits = -zlib.MAX_WBITS  # raw deflate, which many servers send instead
        self._d = zlib.decompressobj(wbits)
        self._wbits = wbits

    def feed(self, data: bytes) -> None:
        if self._d is None and not self.passthrough:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._start(data)
        if self.passthrough:
            self.emit(data)
            return
        self._decompress(data)

    def _decompress(self, data: bytes) -> None:
        while data:
            try:
                piece = self._d.decompress(data, _DECODE_STEP)
            except zlib.error as exc:
                raise self.corrupt(exc) from None
            self.emit(piece)
            tail = self._d.unconsumed_tail
            if not piece and len(tail) == len(data):
                break  # no progress at all: never spin on input zlib will not take
            data = tail
            if self._d.eof:
                rest = self._d.unused_data
                if self._wbits > 16 and rest.startswith(b"\x1f\x8b"):
                    # Concatenated gzip members are one body (RFC 1952).
                    self._d = zlib.decompressobj(self._wbits)
                    data = rest
                    continue
                return  # trailing garbage after the end of the stream is ignored

    def finish(self) -> None:
        if self._head:  # a one-byte body
            data, self._head = self._head, b""
            self.passthrough = True
            self.emit(data)
        if self._d is not None:
            try:
                self.emit(self._d.flush())
            except zlib.error as exc:
                raise self.corrupt(exc) from None
            # A truncated stream (no end marker) keeps what was decoded, as browsers do.


class _BrotliDecoder(_Decoder):
    name = "br"

    def __init__(self, out: Callable[[bytes], None], max_bytes: int, url: str, notes: list[str]) -> None:
        super().__init__(out, max_bytes, url, notes)
        self._d = _brotli.Decompressor()
        self._started = False
        try:
            self._d.process(b"", output_buffer_limit=_DECODE_STEP)
            self._bounded = True
        except TypeError:  # brotli < 1.2 cannot bound its output; max_bytes still applies
            self._bounded = False

    def _process(self, data: bytes) -> bytes:
        if self._bounded:
            output: bytes = self._d.process(data, output_buffer_limit=_DECODE_STEP)
        else:
            output = self._d.process(data)
        return output

    def feed(self, data: bytes) -> None:
        if not self._started:
            self._started = True
            if _looks_uncompressed(data):
                self.passthrough = True
                self.notes.append("content-encoding br declared but the body is not compressed")
        if self.passthrough:
            self.emit(data)
            return
        try:
            self.emit(self._process(data))
            # Drain what the decoder holds back before it may take more input.
            for _ in range(self.max_bytes // _DECODE_STEP + 2):
                if not self._bounded or self._d.can_accept_more_data():
                    break
                piece = self._process(b"")
                self.emit(piece)
                if not piece:
                    break
        except _brotli.error as exc:
            raise self.corrupt(exc) from None


def _build_decoders(
    content_encoding: str, sink: Callable[[bytes], None], max_bytes: int, url: str, notes: list[str]
) -> _Decoder | _Chain:
    """Decoders for e.g. ``Content-Encoding: gzip, br`` (applied in that order by the
    server, so undone in reverse). Unknown codings are passed through, as httpx does; the
    parser then fails on the bytes if they really were encoded."""
    layers: list[_Decoder] = []
    out = sink
    for name in (n.strip().lower() for n in content_encoding.split(",")):
        decoder: _Decoder
        if name in ("gzip", "x-gzip"):
            decoder = _ZlibDecoder("gzip", out, max_bytes, url, notes)
        elif name == "deflate":
            decoder = _ZlibDecoder("deflate", out, max_bytes, url, notes)
        elif name == "br" and _brotli is not None:
            decoder = _BrotliDecoder(out, max_bytes, url, notes)
        elif name in ("", "identity"):
            continue
        else:
            notes.append(f"unsupported content-encoding {name!r} passed through")
            continue
        layers.append(decoder)
        out = decoder.feed
    if not layers:
        return _Decoder(sink, max_bytes, url, notes)
    return _Chain(layers)


class _Chain:
    """Decoding layers; the last one receives the raw bytes."""

    def __init__(self, layers: list[_Decoder]) -> None:
        self.layers = layers

    def feed(self, data: bytes) -> None:
        self.layers[-1].feed(data)

    def finish(self) -> None:
        # Outermost first: its flushed output still has to pass through the inner layers.
        for layer in reversed(self.layers):
            layer.finish()


# --------------------------------------------------------------------------------------
# The deadline watchdog and error classification
# --------------------------------------------------------------------------------------


class _Watchdog(SocketWatchdog):
    """The fetch's :class:`SocketWatchdog`: the client hands it each socket as it opens it."""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen or len(seen) > 20:
            continue
        seen.add(id(current))
        yield current
        for nxt in (current.__cause__, current.__context__, *[a for a in current.args if isinstance(a, BaseException)]):
            if nxt is not None:
                stack.append(nxt)


def _timed_out(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or (isinstance(exc, FetchError) and exc.kind == "timeout")


def _classify_exception(
    exc: BaseException, url: str, watchdog: _Watchdog, limits: FetchLimits, deadline: float
) -> FetchError:
    """Map a socket, TLS or http.client exception to a FetchError kind (the client names
    connect failures and connect timeouts itself; a timeout anywhere else is a read's)."""
    if watchdog.fired:
        return _deadline_error(limits, url)
    if _timed_out(exc) and time.monotonic() >= deadline:
        # Each socket timeout is cut to the fetch's remaining deadline, so one that ends past the deadline
        # is the deadline's, whether the socket or the watchdog noticed first (on a loaded machine, either).
        return _deadline_error(limits, url)
    if isinstance(exc, FetchError):
        return exc
    detail = str(exc) or type(exc).__name__
    chain = list(_causes(exc))
    unresolved = next((e for e in chain if isinstance(e, socket.gaierror)), None)
    if unresolved is not None:
        if unresolved.errno in _NO_SUCH_NAME_CODES:
            # The resolver answered: the name has no address. Not what a machine offline sees.
            return fetch_error("dns", f"{NO_SUCH_HOST}: the resolver says the name does not exist ({detail})", url)
        return fetch_error("dns", f"name resolution failed: {detail}", url)
    refused = next((e for e in chain if isinstance(e, ssl.SSLCertVerificationError)), None)
    if refused is not None:
        advice = ""
        if refused.verify_code in _UNKNOWN_ISSUER_CODES:
            # The one refusal the operator can answer: a feed behind a private or company CA.
            advice = (
                ": if the server's certificate comes from a private CA, set SSL_CERT_FILE to a PEM bundle holding it"
            )
        why = refused.verify_message or detail
        return fetch_error("tls", f"the server's certificate was refused ({why}){advice}", url)
    if any(isinstance(e, (ssl.SSLError, ssl.CertificateError)) for e in chain):
        return fetch_error("tls", detail, url)
    if any(isinstance(e, UnicodeError) for e in chain):
        # The IDNA codec refuses the host name (a label too long or empty).
        return fetch_error("dns", f"invalid host name: {detail}", url)
    if any(isinstance(e, TimeoutError) for e in chain):
        return fetch_error("timeout", f"read timeout: the server sent nothing for {limits.read_timeout:g} s", url)
    if isinstance(exc, http.client.RemoteDisconnected):  # a ConnectionResetError too: named first
        return fetch_error("io", "the server closed the connection without answering (RemoteDisconnected)", url)
    if isinstance(exc, ConnectionResetError):
        return fetch_error("io", f"the server reset the connection ({type(exc).__name__}: {detail})"[:500], url)
    if isinstance(exc, http.client.IncompleteRead):  # its own words, "IncompleteRead(0 bytes read)", say little
        missing = f"{exc.expected} more bytes were due" if exc.expected else "or its chunked framing was broken"
        return fetch_error("io", f"the server closed the connection before the end of the body ({missing})", url)
    if isinstance(exc, (http.client.HTTPException, OSError)):
        return fetch_error("io", f"{type(exc).__name__}: {detail}"[:500], url)
    return fetch_error("io", f"unexpected {type(exc).__name__}: {detail}"[:500], url)


# --------------------------------------------------------------------------------------
# Local files
# --------------------------------------------------------------------------------------


def _fetch_local(url: str, path: str, limits: FetchLimits, etag: str | None, started: float) -> FetchResult:
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise fetch_error("not_found", f"no such file: {path}", url) from None
    except OSError as exc:
        raise fetch_error("io", f"{type(exc).__name__}: {exc}", url) from None
    # FIFOs would block, devices can be endless (/dev/zero): only regular files.
    if not stat.S_ISREG(info.st_mode):
        raise fetch_error("io", f"not a regular file: {path}", url)
    if info.st_size > limits.max_bytes:
        raise fetch_error("too_large", f"file of {info.st_size} bytes exceeds the limit of {limits.max_bytes}", url)
    local_etag = f'"{info.st_size:x}-{info.st_mtime_ns:x}"'
    modified = formatdate(info.st_mtime, usegmt=True)
    headers = {"content-type": _local_content_type(path), "etag": local_etag, "last-modified": modified}
    if etag is not None and etag == local_etag:
        return FetchResult(
            status=304,
            url=url,
            body=None,
            headers=headers,
            etag=local_etag,
            last_modified=modified,
            moved_to=None,
            not_modified=True,
            body_sha256=None,
            elapsed=time.monotonic() - started,
            cache_hint_seconds=None,
        )
    try:
        with open(path, "rb") as handle:
            body = handle.read(limits.max_bytes + 1)  # +1: a file that grew since stat()
    except OSError as exc:
        raise fetch_error("io", f"{type(exc).__name__}: {exc}", url) from None
    if len(body) > limits.max_bytes:
        raise fetch_error("too_large", f"file exceeds the limit of {limits.max_bytes} bytes", url)
    headers["content-length"] = str(len(body))
    return FetchResult(
        status=200,
        url=url,
        body=body,
        headers=headers,
        etag=local_etag,
        last_modified=modified,
        moved_to=None,
        not_modified=False,
        body_sha256=hashlib.sha256(body).hexdigest(),
        elapsed=time.monotonic() - started,
        cache_hint_seconds=None,
    )


def _local_content_type(path: str) -> str:
    lowered = path.lower()
    if lowered.endswith(".atom"):
        return "application/atom+xml"
    if lowered.endswith(".rss"):
        return "application/rss+xml"
    guessed, _ = mimetypes.guess_type(path)
    if guessed and ("html" in guessed or "json" in guessed):
        return guessed
    # Feeds saved to disk often end in .txt or nothing at all; let the XML speak.
    return "application/xml"


# --------------------------------------------------------------------------------------
# Address classes: where a fetch may go
# --------------------------------------------------------------------------------------

#: From the most public to the most private. A fetch may move along this list towards the
#: public end, never towards the private end: from a feed on the internet to a router's
#: admin page, the cloud's credential service or the daemon's own machine (SSRF).
ADDRESS_CLASSES = ("public", "private", "link-local", "loopback")
_RANK = {name: rank for rank, name in enumerate(ADDRESS_CLASSES)}
#: Cloud instance-metadata services (AWS, ECS, AWS IPv6, Alibaba): ranked with link-local
#: wherever they sit, because what they hand out is the machine's credentials.
_METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def ip_address_class(address: IPAddress) -> str:
    """One of :data:`ADDRESS_CLASSES`. IPv6 spellings of an IPv4 address (mapped, 6to4,
    NAT64) count as that IPv4 address; unspecified (0.0.0.0, ::) reaches this machine on
    Linux, so it counts as loopback; whatever is not globally routable (RFC 1918, unique
    local, CGNAT, reserved, multicast) as private."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            address = embedded
    if address.is_loopback or address.is_unspecified:
        return "loopback"
    if address.is_link_local or address in _METADATA:
        return "link-local"
    if not address.is_global or address.is_multicast:
        return "private"
    return "public"


def host_address_class(host: str) -> str | None:
    """The class of an IP literal, or the most private class a name resolves to (a name
    with one public and one private address could be sent to either); None when the name
    does not resolve. Resolving uses the system resolver, as the connection will."""
    host = host.strip().strip("[]").split("%", 1)[0]
    if not host:
        return None
    try:
        return ip_address_class(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return None
    classes = {ip_address_class(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])) for info in infos}
    return max(classes, key=_RANK.__getitem__) if classes else None


def address_class(url_or_host: str) -> str:
    """``"public"`` when every address the host has is globally routable; ``"private"``
    when any is not (see :func:`ip_address_class`); ``"local"`` for file URLs and paths;
    ``""`` when the name does not resolve."""
    text = (url_or_host or "").strip()
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https"):
            return "local"
        host = parts.hostname or ""
    elif "/" in text or "\\" in text:
        return "local"
    else:
        host = text
    kind = host_address_class(host)
    return "" if kind is None else "public" if kind == "public" else "private"


def request_host(url: str) -> str:
    """The host as the HTTP client connects to it (IDNA-encoded, IPv6 without brackets);
    as written when IDNA refuses it (the connection then fails as ``dns``)."""
    try:
        return _strict_request_host(url)
    except (UnicodeError, ValueError):
        return (urlsplit(url).hostname or "").lower()


class AddressGuard:
    """Keeps every hop of one fetch at or below the address class it started from.

    The ceiling is the class of ``origin`` when given (the feed, for a page its content
    links to), else of the first URL: an IP literal at once, a name by the address the
    first connection reached (no extra DNS lookup), or, when no connection could be seen
    (a proxy, a test transport), by resolving it; a name that does not resolve counts
    as public, the strictest. Then two checks:

    * before each redirect target is requested: its literal, or every address its name
      resolves to, must be within the ceiling — nothing is sent to a refused host;
    * when each connection is made: the address it actually reached must be within the
      ceiling, which catches a name whose answer changed since (DNS rebinding). Only the
      TCP handshake has happened then; the socket is closed before a byte of HTTP.
      Through a proxy the connection reaches the proxy, which says nothing of the target:
      only the first check applies.

    Disabled (``enabled=False``) by ``[fetch] allow_private_addresses = true``.
    """

    def __init__(self, origin: str | None, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.ceiling: str | None = None
        self._first_host: str | None = None
        if enabled and origin is not None:
            if urlsplit(origin.strip()).scheme.lower() in ("http", "https"):
                self.ceiling = host_address_class(request_host(origin)) or "public"
            else:  # a local feed file is the user's own: what it links to is trusted like loopback
                self.ceiling = "loopback"

    def before_request(self, url: str, *, first: bool) -> None:
        if not self.enabled:
            return
        host = request_host(url)
        if first and self.ceiling is None:
            self._first_host = host
            try:
                self.ceiling = ip_address_class(ipaddress.ip_address(host))
            except ValueError:
                pass  # a name: learned from the first connection, or resolved at the first redirect
            return
        if self.ceiling is None:
            self.ceiling = host_address_class(self._first_host or "") or "public"
        target = host_address_class(host)
        if target is not None:
            self._check(target, host, url)

    def on_connect(self, hop_host: str, connected_host: str | None, sock: socket.socket) -> None:
        if not self.enabled or connected_host is None or connected_host.lower() != hop_host:
            return  # through a proxy
        try:
            peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
        except (OSError, ValueError, IndexError):
            return
        kind = ip_address_class(peer)
        if self.ceiling is None:
            self.ceiling = kind
            return
        try:
            self._check(kind, f"{hop_host} ({peer})", f"http://{hop_host}/")
        except FetchError:
            shutdown_socket(sock)
            sock.close()
            raise

    def _check(self, kind: str, what: str, url: str) -> None:
        ceiling = self.ceiling or "public"
        if _RANK[kind] > _RANK[ceiling]:
            raise fetch_error(
                "blocked_address",
                f"refused: {what[:120]} is a {kind} address and the fetch started from a {ceiling} one "
                "([fetch] allow_private_addresses = true allows it)",
                url,
            )


# --------------------------------------------------------------------------------------
# Full text
# --------------------------------------------------------------------------------------


def fetch_html(
    url: str,
    client: HttpClient | None,
    limits: FetchLimits | None = None,
    *,
    feed_url: str | None = None,
    rate_limited: Callable[[str, float], object] | None = None,
) -> tuple[str | bytes | None, str, str | None]:
    """Fetch a page a feed or a page source links to: ``(document, final URL, None)`` or
    ``(None, url, reason)``, never raising for a bad page.

    Only http(s) URLs are fetched: the link comes from content that is not ours, which
    must not make us read local files. The page, and every redirect on the way, must be no
    more private an address than the feed's (``feed_url``; without it, than the page's own
    URL): see :class:`AddressGuard`. The document is text when the server named a charset
    we know, else bytes for the extractor to sniff. A refusal with a Retry-After (429/503)
    is passed to ``rate_limited(url, seconds)``, so the per-host gate hears of it as it
    does of a feed's (:meth:`monitor.feeds.hostgate.HostGate.rate_limited`).
    """
    try:
        scheme = urlsplit((url or "").strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return None, url, f"unsupported_scheme: not an http(s) URL: {str(url)[:200]}"
    try:
        result = fetch(url, client=client, limits=limits, accept=ACCEPT_HTML, allow_local=False, origin=feed_url)
    except FetchError as exc:
        if exc.retry_after and rate_limited is not None:
            rate_limited(exc.url or url, exc.retry_after)
        return None, url, f"{exc.kind}: {exc.message}"
    if result.not_modified or not result.body:
        return None, result.url, "empty: the page had no body"
    content_type = result.content_type.lower()
    if content_type and not any(t in content_type for t in ("html", "xml", "text/plain")):
        return None, result.url, f"not_html: content-type {content_type[:100]}"
    document: str | bytes = result.body
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type)
    if charset:
        try:
            document = result.body.decode(codecs.lookup(charset.group(1)).name, "replace")
        except LookupError:
            pass  # let the extractor sniff the bytes
    return document, result.url, None


def fetch_article_text(
    url: str,
    client: HttpClient | None,
    limits: FetchLimits | None = None,
    *,
    min_chars: int = 100,
    feed_url: str | None = None,
    rate_limited: Callable[[str, float], object] | None = None,
) -> tuple[str | None, str | None]:
    """Fetch an article page (:func:`fetch_html`) and extract its main text with trafilatura.

    Returns ``(text, None)`` or ``(None, reason)`` — never raises for a bad page, so the
    caller keeps the feed's own text and records ``reason`` in the metadata.
    """
    document, final_url, reason = fetch_html(url, client, limits, feed_url=feed_url, rate_limited=rate_limited)
    if document is None:
        return None, reason
    try:
        import trafilatura  # imported here: heavy, and only full_text feeds need it

        text = trafilatura.extract(
            document,
            url=final_url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            output_format="txt",
        )
    except Exception as exc:  # noqa: BLE001 - an extractor crash must not fail the poll
        return None, f"extract_error: {type(exc).__name__}: {exc}"[:300]
    text = (text or "").strip()
    if len(text) < min_chars:
        return None, f"no_main_text: extracted {len(text)} characters"
    return text, None
