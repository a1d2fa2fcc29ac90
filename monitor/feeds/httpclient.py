"""HTTP/1.1 GETs over the standard library's http.client: the transport under fetch.py.

:mod:`monitor.feeds.fetch` decides what to ask for and what to accept (redirects, size and
time limits, address classes, decoding); this module only moves bytes, and tells its caller
about every socket the moment it exists, so the deadline watchdog can cut it and the
address guard can judge the peer before a byte of HTTP is sent. Why not httpx: a feed that
answers 304 costs httpx ~0.75 ms of Python on the GIL (URL models, cookies, h11 events,
trace hooks), and ~40 ms of imports a `monitor poll` pays each time; http.client does the
same exchange in about a third of that, and is part of the standard library.

What the client does, the way httpx did it for us before:

* connect and read timeouts per socket operation (the TLS handshake counts as connecting);
* at most ``max_connections`` requests in flight at once, waiting for a turn at most the
  connect timeout (and at most as many idle connections kept per host);
* proxies from the environment when ``trust_env`` (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and
  NO_PROXY, read by :func:`urllib.request.getproxies` and matched as httpx matches them):
  plain http through the proxy, https through a CONNECT tunnel; http:// proxies only;
* TLS with the caller's context, the host name sent (SNI) and checked;
* the response head held to 100 KiB (h11's bound) and to nothing else (http.client alone stops
  at 100 header lines or one of 64 KiB); interim responses (100, 102, 103) read past;
* the body framed as h11 framed it: ``chunked`` in any case and spacing, a Content-Length
  repeated with one value taken, different values or a line that is no header refused;
* the body returned raw, one network read at a time: content codings are the caller's to
  undo within its limits.

tests/feeds/test_transport_hostile.py holds it to these against servers that break the protocol.

A connection that carried a whole response is kept :data:`KEEPALIVE_SECONDS` for the next
request to the same host (scheme, host, port and proxy), unless either side said
``Connection: close``; one the server closed meanwhile is noticed before use, or, when the
request finds it closed, replaced once by a new one (a GET that got no answer may be sent
again). A reused socket is given to the request's ``watch`` and ``reached`` like a new one.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import os
import select
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit

from monitor.errors import REFUSED, fetch_error

#: The longest response head (status line and headers) read before giving up, as h11 bounds it.
MAX_HEAD_BYTES = 100 * 1024
#: How long an idle connection is kept for the next request to the same host, as httpx kept them.
KEEPALIVE_SECONDS = 5.0
#: What a reused connection the server had closed fails with before any of a response arrives.
_STALE = (ConnectionError, http.client.RemoteDisconnected, ssl.SSLEOFError, ssl.SSLZeroReturnError)
_READ_SIZE = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a request target may carry as they are (RFC 3986 pchar, "/" and "?", and "%"
# so that escapes already made stay as they are); everything else is percent-encoded as UTF-8.
_TARGET_SAFE = "/?%:@!$&'()*+,;=~"


# The value types here are NamedTuples and a plain class, not dataclasses: a dataclass costs
# ~0.8 ms to create at import, and every `monitor poll` imports this module.


class HttpRequest(NamedTuple):
    """One GET as a transport sends it. ``watch`` is given every socket that carries the
    exchange, as soon as it exists (the deadline watchdog); ``reached`` the TCP socket and
    the host it dialled, before anything is sent on it (the address guard)."""

    url: str
    headers: Mapping[str, str]
    connect_timeout: float
    read_timeout: float
    watch: Callable[[socket.socket], None] = lambda sock: None
    reached: Callable[[str, socket.socket], None] = lambda host, sock: None
    cut: Callable[[], bool] = lambda: False  # True once the caller cut the exchange (its deadline): no second try


class HttpResponse:
    """A response whose head has been read; ``chunks`` yields the raw body as it arrives."""

    __slots__ = ("status", "reason", "headers", "chunks", "close")

    def __init__(
        self,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        chunks: Iterator[bytes],
        close: Callable[[], None],
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.chunks = chunks
        self.close = close


#: What stands between the client and the network: a test may put its own internet here.
Transport = Callable[[HttpRequest], HttpResponse]


def request_host(url: str) -> str:
    """The host as it is connected to and named in ``Host``: lower case, IDNA-encoded, an
    IPv6 literal without brackets. Raises UnicodeError for a name IDNA refuses."""
    host = urlsplit(url).hostname or ""
    if host.isascii():
        return host
    import idna  # only for non-ASCII names; IDNA 2008, as browsers (and httpx) encode them

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except idna.IDNAError as exc:
        raise UnicodeError(f"invalid host name {host[:100]!r}: {exc}") from None


class HttpClient:
    """GETs, at most ``max_connections`` in flight at once and as many connections kept idle
    (see the module docstring); ``keepalive_seconds`` 0 closes every connection after its response."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | Callable[[], ssl.SSLContext] | None,
        max_connections: int = 16,
        trust_env: bool = True,
        transport: Transport | None = None,
        keepalive_seconds: float = KEEPALIVE_SECONDS,
    ) -> None:
        self._ssl_context = ssl_context
        self._slots = threading.BoundedSemaphore(max(1, max_connections))
        self._proxies = EnvironmentProxies.read() if trust_env and transport is None else EnvironmentProxies({})
        self._transport = transport
        self._keepalive_seconds = keepalive_seconds
        self._max_idle = max(1, max_connections)
        self._idle: dict[_Route, list[tuple[socket.socket, float]]] = {}
        self._idle_lock = threading.Lock()
        self._closed = False

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send ``request``; the caller must call the response's ``close``."""
        if not self._slots.acquire(timeout=request.connect_timeout):
            raise fetch_error(
                "timeout",
                f"connection pool timeout: no connection free within {request.connect_timeout:g}s",
                request.url,
            )
        try:
            response = (self._transport or self._over_a_socket)(request)
        except BaseException:
            self._slots.release()
            raise
        released = [False]
        close = response.close

        def close_and_release() -> None:
            try:
                close()
            finally:
                if not released[0]:
                    released[0] = True
                    self._slots.release()

        response.close = close_and_release
        return response

    def close(self) -> None:
        """Close the idle connections; a connection in use is closed when its response is."""
        with self._idle_lock:
            self._closed = True
            idle = [sock for socks in self._idle.values() for sock, _ in socks]
            self._idle.clear()
        for sock in idle:
            sock.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _over_a_socket(self, request: HttpRequest) -> HttpResponse:
        parts = urlsplit(request.url)
        scheme = parts.scheme.lower()
        host = request_host(request.url)
        try:
            port = parts.port or _DEFAULT_PORTS[scheme]
        except ValueError as exc:  # a port out of range, or not a number
            raise fetch_error("unsupported_scheme", f"invalid URL: {exc}", request.url) from None
        proxy = self._proxies.for_target(scheme, host, port, request.url)
        route = _Route(scheme, host, port, proxy)
        host_header = f"[{host}]" if ":" in host else host
        if parts.port is not None and parts.port != _DEFAULT_PORTS[scheme]:
            host_header += f":{parts.port}"
        target = quote(parts.path or "/", safe=_TARGET_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_TARGET_SAFE)
        headers = {"Host": host_header, **request.headers}
        if proxy is not None and scheme == "http":  # forwarded: the proxy wants the whole URL
            target = f"http://{host_header}{target}"
            if proxy.authorization:
                headers["Proxy-Authorization"] = proxy.authorization
        if self._keepalive_seconds <= 0:
            headers["Connection"] = "close"
        lines = "".join(f"{name}: {_one_line(value)}\r\n" for name, value in headers.items())
        head = _head_bytes(f"GET {target} HTTP/1.1\r\n{lines}")
        sock = self._idle_socket(route)
        if sock is not None:
            try:
                response = self._exchange(sock, route, head, request, reused=True)
            except _STALE:
                # The server closed the idle connection before our request reached it, and
                # nothing of a response came back: a GET may be sent again, on a new one.
                if request.cut():
                    raise
                sock = None
        if sock is None:
            sock = self._open(route, request)
            response = self._exchange(sock, route, head, request, reused=False)
        done = [response.length == 0 and not response.chunked]  # a 304, or Content-Length: 0

        def close() -> None:
            reusable = done[0] and not response.will_close
            response.close()  # its reader only
            if not (reusable and self._park(route, sock)):
                sock.close()

        return HttpResponse(response.status, response.reason or "", _headers(response), _body(response, done), close)

    def _exchange(
        self, sock: socket.socket, route: _Route, head: bytes, request: HttpRequest, *, reused: bool
    ) -> http.client.HTTPResponse:
        """Send the request head on ``sock`` and read the response's. A reused socket is handed
        to this request's watchdog and address guard first, as :meth:`_open` hands a new one."""
        try:
            if reused:
                request.watch(sock)
                request.reached(route.dial_host, sock)
            sock.settimeout(request.read_timeout)
            sock.sendall(head)
            if reused and _QUICKACK is not None:
                _acknowledge_at_once(sock)
            return _read_head(sock, "GET")
        except BaseException:
            sock.close()
            raise

    def _open(self, route: _Route, request: HttpRequest) -> socket.socket:
        """A new connection along ``route``: TCP, the proxy's tunnel, TLS."""
        sock = _connect(route.dial_host, route.dial_port, request, through_proxy=route.proxy is not None)
        try:
            request.watch(sock)
            request.reached(route.dial_host, sock)
            sock.settimeout(request.read_timeout)
            if route.proxy is not None and route.scheme == "https":
                _open_tunnel(sock, route.host, route.port, route.proxy, request.url)
            if route.scheme == "https":
                sock = self._start_tls(sock, route.host, request)
        except BaseException:
            sock.close()
            raise
        return sock

    def _idle_socket(self, route: _Route) -> socket.socket | None:
        """An idle connection along ``route`` that is young enough and that the server has not closed."""
        now = time.monotonic()
        while True:
            with self._idle_lock:
                idle = self._idle.get(route)
                if not idle:
                    return None
                sock, since = idle.pop()
            if now - since <= self._keepalive_seconds and not _readable(sock):
                return sock
            sock.close()  # too old, or the server said something (its close, most likely)

    def _park(self, route: _Route, sock: socket.socket) -> bool:
        """Keep ``sock`` for the next request along ``route``; False when it may not be kept."""
        if self._keepalive_seconds <= 0:
            return False
        with self._idle_lock:
            idle = self._idle.setdefault(route, [])
            if self._closed or len(idle) >= self._max_idle:
                return False
            idle.append((sock, time.monotonic()))
            return True

    def _start_tls(self, sock: socket.socket, host: str, request: HttpRequest) -> ssl.SSLSocket:
        context = self._ssl_context
        if context is None:
            raise fetch_error("tls", "no TLS context for an https URL", request.url)
        if not isinstance(context, ssl.SSLContext):  # made at the first https request: ~1 ms an http-only poll skips
            context = self._ssl_context = context()
        sock.settimeout(request.connect_timeout)  # the handshake is part of connecting, as in httpx
        tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
        request.watch(tls)  # the TCP socket object is detached now: the watchdog needs this one
        try:
            tls.do_handshake()
        except BaseException as exc:
            # The TCP socket was handed to ``tls``: the caller's close of it would close nothing,
            # and this one would stay open for as long as the error is kept.
            tls.close()
            if isinstance(exc, TimeoutError):
                raise fetch_error("timeout", "connect timeout: the TLS handshake did not finish", request.url) from None
            raise
        tls.settimeout(request.read_timeout)
        return tls


def _connect(host: str, port: int, request: HttpRequest, *, through_proxy: bool = False) -> socket.socket:
    try:
        # An ASCII name as bytes: a str would be run through the "idna" codec, whose import
        # (stringprep) costs ~4 ms of every `monitor poll`; request_host() encoded it already.
        name: str | bytes = host.encode("ascii") if host.isascii() else host
        return socket.create_connection((name, port), timeout=request.connect_timeout)  # type: ignore[arg-type]
    except socket.gaierror:
        raise  # the caller names it a DNS failure
    except TimeoutError as exc:
        raise fetch_error("timeout", f"connect timeout: {exc or 'timed out'}", request.url) from None
    except ConnectionRefusedError as exc:
        if through_proxy:  # our own proxy is down: every feed behind it fails alike, none is to blame
            raise fetch_error(
                "connect", f"the proxy {host}:{port} refused the connection: {exc}", request.url
            ) from None
        # The host answered, and said no: it is up and nothing listens there (an outage gives no answer).
        raise fetch_error("connect", f"{REFUSED} ({host}:{port}: {exc})", request.url) from None
    except OSError as exc:
        raise fetch_error("connect", f"{type(exc).__name__}: {exc}", request.url) from None


def _one_line(value: str) -> str:
    """A header value as one line: a validator a server sent could otherwise end our header early."""
    return " ".join(value.splitlines()) if "\n" in value or "\r" in value else value


def _head_bytes(head: str) -> bytes:
    try:
        return (head + "\r\n").encode("latin-1")
    except UnicodeEncodeError:  # a validator a server sent in UTF-8, given back as it came
        return (head + "\r\n").encode("utf-8")


def _read_head(sock: socket.socket, method: str) -> http.client.HTTPResponse:
    """The final response's head. Interim ones (102 Processing, 103 Early Hints) are read past,
    as h11 reads them; http.client alone skips only 100 Continue and would return a 103 as final.
    They share one reader (and so the head's bound), which may already hold the final response."""
    bounded = _BoundedHead(sock)
    while True:
        response = http.client.HTTPResponse(bounded, method=method)  # type: ignore[arg-type]
        try:
            response.begin()
        except BaseException:
            response.close()
            raise
        if not (100 <= response.status < 200) or response.status == 101:
            break
        response.fp = None  # type: ignore[assignment]  # else dropping it would close the shared reader
    try:
        _frame_body(response)
    except BaseException:
        response.close()
        raise
    assert bounded.reader is not None
    bounded.reader.head_done = True  # chunk-size lines of the body are not counted
    return response


def _frame_body(response: http.client.HTTPResponse) -> None:
    """Where the body ends, by RFC 9112 (6.3) where http.client reads it otherwise, as h11 did:
    ``chunked`` whatever its case and spacing; a Content-Length repeated or listed with one
    value is that value (else the body would be read to a close that a kept-alive connection
    never makes); different values are refused, since which one frames the body is a guess.
    So is a head with a line that is not a header: http.client would drop it and every line
    after it (Content-Length too) and read the body to a close that might never come."""
    # The parser notes a defect when it stops early; only then is the rest (its "payload") worth asking for.
    if response.msg.defects and isinstance(lost := response.msg.get_payload(), str) and lost.strip():
        raise http.client.HTTPException(f"invalid header line {lost.splitlines()[0][:100]!r}")
    if response.status in (204, 304) or 100 <= response.status < 200:
        response.chunked = False  # no body whatever the headers say (http.client set the length to 0)
        return
    codings = [
        coding.strip().lower() for value in response.msg.get_all("transfer-encoding", []) for coding in value.split(",")
    ]
    if codings:  # Content-Length does not count beside Transfer-Encoding
        if codings[-1] == "chunked" and not response.chunked:
            response.chunked, response.chunk_left, response.length = True, None, None
            response.will_close = response._check_close()  # type: ignore[attr-defined]  # http.client's own rule
        return
    lengths = {part.strip() for value in response.msg.get_all("content-length", []) for part in value.split(",")}
    lengths.discard("")
    if len(lengths) > 1:
        raise http.client.HTTPException(f"conflicting Content-Length values: {', '.join(sorted(lengths))[:100]}")
    if lengths and response.length is None and (value := lengths.pop()).isdigit():
        response.length = int(value)
        response.will_close = response._check_close()  # type: ignore[attr-defined]  # http.client's own rule


def _headers(response: http.client.HTTPResponse) -> list[tuple[str, str]]:
    """The headers in order, repeated ones kept. http.client reads them as Latin-1; a value
    that is valid UTF-8 is read as UTF-8 instead, as httpx did."""
    pairs = []
    for name, value in response.msg.items():
        if "\n" in value:  # a folded line (obs-fold): one space, as RFC 9112 says to read it
            value = " ".join(part.strip() for part in value.splitlines())
        if not value.isascii():
            try:
                value = value.encode("latin-1").decode("utf-8")
            except UnicodeError:
                pass
        pairs.append((name, value))
    return pairs


def _body(response: http.client.HTTPResponse, done: list[bool]) -> Iterator[bytes]:
    """The body, one network read at a time; ``done[0]`` is set once all of it was read,
    so the connection may carry another request."""
    while chunk := response.read1(_READ_SIZE):
        yield chunk
    if response.length:  # the connection ended before Content-Length did (read1 does not say so itself)
        raise http.client.IncompleteRead(b"", response.length)
    done[0] = True


_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux


def _acknowledge_at_once(sock: socket.socket) -> None:
    """Leave delayed-ACK mode on a reused connection (Linux). A server that writes a
    response's head and body separately, without TCP_NODELAY (Python's http.server, for
    one), holds the body back until its head is acknowledged (Nagle), and a connection
    past its first exchanges acknowledges late (~40 ms): every response would wait that long."""
    try:
        sock.setsockopt(socket.IPPROTO_TCP, int(_QUICKACK or 0), 1)
    except (OSError, ValueError):
        pass


def _readable(sock: socket.socket) -> bool:
    """Has an idle connection something to read? Then the server closed it (or broke the protocol).

    poll(), not select(): select() refuses descriptors above FD_SETSIZE (1024), which a daemon
    with a raised file limit reaches, and every kept connection would then count as closed."""
    try:
        if hasattr(select, "poll"):
            watcher = select.poll()
            watcher.register(sock, select.POLLIN)
            return bool(watcher.poll(0))
        return bool(select.select([sock], [], [], 0)[0])  # Windows: no poll()
    except (OSError, ValueError):  # closed already
        return True


class _Route(NamedTuple):
    """Where a connection goes: requests along the same route may share it."""

    scheme: str
    host: str
    port: int
    proxy: Proxy | None

    @property
    def dial_host(self) -> str:
        return self.proxy.host if self.proxy else self.host

    @property
    def dial_port(self) -> int:
        return self.proxy.port if self.proxy else self.port


class _BoundedHead:
    """The socket as :class:`http.client.HTTPResponse` reads it, with the head held to
    :data:`MAX_HEAD_BYTES` (http.client alone allows 100 lines of 64 KiB each, and no more)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.reader: _HeadCountingReader | None = None

    def makefile(self, mode: str) -> _HeadCountingReader:
        del mode  # http.client always asks for "rb"
        if self.reader is None:  # one reader for an interim response and the final one after it
            self.reader = _HeadCountingReader(self._sock.makefile("rb"))
        return self.reader


class _HeadCountingReader:
    """The response's reader. While a head is read it counts its bytes, and it reads each
    header block whole and gives it to http.client in at most two pieces: http.client alone
    refuses more than 100 header lines or one over 64 KiB, which h11 (bounding only the
    head's size) and so httpx accepted; it joins the pieces before parsing them anyway."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self.head_bytes = 0
        self.head_done = False
        self._status_line_next = True  # a head is a status line, then a header block
        self._pending: list[bytes] = []  # what is left of a header block, its blank line last

    def readline(self, limit: int = -1) -> bytes:
        if self.head_done:
            line: bytes = self._raw.readline(limit)
            return line
        if self._pending:
            return self._pending.pop(0)
        if self._status_line_next:
            self._status_line_next = False
            line = self._raw.readline(limit)
            self._count(len(line))
            return line
        block = bytearray()
        read, counted = self._raw.readline, self.head_bytes  # locals: this loop runs for every header line
        for _ in range(MAX_HEAD_BYTES):  # bounded: each line read adds a byte or more to the count
            line = read(MAX_HEAD_BYTES - counted + 1)
            counted += len(line)
            if line in (b"\r\n", b"\n", b"") or counted > MAX_HEAD_BYTES:
                break
            block += line
        self._count(counted - self.head_bytes)
        self._status_line_next = True  # the final response's head may follow an interim one's
        pieces = -(-len(block) // _HEADER_PIECE)  # one, or two of over 32 KiB: none looks like the blank line
        size = -(-len(block) // pieces) if pieces else 0
        self._pending = [bytes(block[start : start + size]) for start in range(0, len(block), size or 1)] + [line]
        return self._pending.pop(0)

    def _count(self, size: int) -> None:
        self.head_bytes += size
        if self.head_bytes > MAX_HEAD_BYTES:
            raise http.client.HTTPException(f"response head longer than {MAX_HEAD_BYTES // 1024} KiB")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


#: The longest piece of a header block handed to http.client: its own bound on a header line.
_HEADER_PIECE = 65536


class Proxy(NamedTuple):
    host: str
    port: int
    authorization: str | None  # a Proxy-Authorization value, from user:password in the proxy URL


def _open_tunnel(sock: socket.socket, host: str, port: int, proxy: Proxy, url: str) -> None:
    authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    head = f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n"
    if proxy.authorization:
        head += f"Proxy-Authorization: {proxy.authorization}\r\n"
    try:
        sock.sendall(_head_bytes(head))
        reply = _read_head(sock, "CONNECT")
    except (ConnectionError, http.client.HTTPException) as exc:  # not a timeout: that stays one
        # The proxy hung up or spoke nonsense: the feed was never reached (httpx: a ProxyError).
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise fetch_error("connect", f"the proxy {proxy.host}:{proxy.port} failed the tunnel: {detail}", url) from None
    status = reply.status
    reply.close()  # its reader only: the socket goes on to carry the tunnel
    if status != 200:
        raise fetch_error("connect", f"the proxy {proxy.host}:{proxy.port} refused the tunnel: HTTP {status}", url)


class EnvironmentProxies:
    """Which proxy a URL goes through, from the environment, by httpx's rules: a NO_PROXY
    entry that matches wins (``*`` turns every proxy off; ``example.com`` matches it and its
    subdomains, ``.example.com`` only its subdomains; an IP address or ``localhost`` matches
    itself; ``scheme://host[:port]`` matches that); then the scheme's own proxy
    (HTTP_PROXY, HTTPS_PROXY), then ALL_PROXY."""

    def __init__(self, settings: Mapping[str, str]) -> None:
        self._proxies = {scheme: settings[scheme] for scheme in ("http", "https", "all") if settings.get(scheme)}
        entries = [entry.strip() for entry in settings.get("no", "").split(",")]
        self._none = "*" in entries
        self._bypass = [entry for entry in entries if entry and entry != "*"]

    @classmethod
    def read(cls) -> EnvironmentProxies:
        if sys.platform not in ("darwin", "win32") and not any(name[-6:].lower() == "_proxy" for name in os.environ):
            # Elsewhere getproxies() reads only these variables: with none set there is
            # nothing to read, and urllib.request (~3 ms to import) stays unloaded.
            return cls({})
        from urllib.request import getproxies  # the *_proxy variables, either case (and macOS/Windows settings)

        return cls(getproxies())

    def for_target(self, scheme: str, host: str, port: int, url: str) -> Proxy | None:
        if self._none or not self._proxies:
            return None
        if any(_bypasses(entry, scheme, host, port) for entry in self._bypass):
            return None
        address = self._proxies.get(scheme) or self._proxies.get("all")
        return _proxy(address, url) if address else None


def _bypasses(entry: str, scheme: str, host: str, port: int) -> bool:
    entry_scheme = ""
    if "://" in entry:
        entry_scheme, _, entry = entry.partition("://")
        if entry_scheme.lower() not in ("all", scheme):
            return False
    name, entry_port = entry.lower(), None
    if name.startswith("["):  # [::1] or [::1]:8080
        name, _, rest = name[1:].partition("]")
        entry_port = int(rest[1:]) if rest[1:].isdigit() else None
    elif name.count(":") == 1 and name.rsplit(":", 1)[1].isdigit():
        name, digits = name.rsplit(":", 1)
        entry_port = int(digits)
    if entry_port is not None and entry_port != port:
        return False
    if "/" in name and _is_ip_literal(host):  # a network, 10.0.0.0/8
        try:
            return ipaddress.ip_address(host) in ipaddress.ip_network(name, strict=False)
        except ValueError:
            return False
    if entry_scheme or _is_ip_literal(name) or name == "localhost":
        if name.startswith("*."):
            return host.endswith(name[1:]) and host != name[2:]
        if name.startswith("*"):
            return host == name[1:] or host.endswith("." + name[1:])
        return host == name
    if name.startswith("."):
        return host.endswith(name) and host != name[1:]
    return host == name or host.endswith("." + name)


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.split("/", 1)[0])
    except ValueError:
        return False
    return True


def _proxy(address: str, url: str) -> Proxy:
    if "://" not in address:
        address = "http://" + address
    parts = urlsplit(address)
    if parts.scheme.lower() != "http" or not parts.hostname:
        raise fetch_error(
            "unsupported_scheme",
            f"the proxy {parts.scheme}://{parts.hostname or ''} from the environment is not supported "
            "(http:// proxies are)",
            url,  # not the proxy's URL: it may hold a password
        )
    authorization = None
    if parts.username is not None:
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        authorization = "Basic " + base64.b64encode(credentials).decode("ascii")
    return Proxy(parts.hostname, parts.port or 80, authorization)
