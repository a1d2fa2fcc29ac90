"""The http.client transport (monitor/feeds/httpclient.py) against broken and hostile servers on 127.0.0.1.

Each server here is a raw socket in a thread that writes exactly the bytes a case needs,
protocol errors included. Every case asserts what a user gets: a FetchResult with the right
body, or a FetchError of the right kind with a message that says what happened, within the
fetch's deadline; and, after every test, no socket left open towards a test server.
The yardstick is httpx (h11), which the transport replaced: where the two differ, the test
says why the difference is acceptable.
"""

from __future__ import annotations

import gzip
import socket
import ssl
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import brotli
import psutil
import pytest

from monitor.errors import FetchError, fetch_error
from monitor.feeds import fetch as fetch_module
from monitor.feeds.fetch import FetchLimits, FetchResult, fetch, make_client
from monitor.feeds.httpclient import HttpClient
from tests.support.conftest_http import http_server, https_server, tls_files  # noqa: F401
from tests.support.httpserver import LocalHTTPServer
from tests.support.rawserver import Peer, RawServer, Script

pytestmark = pytest.mark.timeout(30)

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>hostile</title></channel></rss>'
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=3, max_bytes=1_000_000)
#: For the cases a read timeout ends: short, so the suite does not wait on them.
QUICK = FetchLimits(connect_timeout=2, read_timeout=0.5, deadline_seconds=3, max_bytes=1_000_000)
#: How long past its deadline a fetch may take to come back (thread scheduling on a busy machine).
SLACK = 1.5
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def response(body: bytes = FEED, *, status: bytes = b"200 OK", headers: bytes = b"", length: bool = True) -> bytes:
    """One HTTP/1.1 response as bytes; ``headers`` are extra raw header lines, each ending in CRLF."""
    framing = b"Content-Length: %d\r\n" % len(body) if length else b""
    return b"HTTP/1.1 " + status + b"\r\nContent-Type: application/rss+xml\r\n" + framing + headers + b"\r\n" + body


def chunked(*pieces: bytes, trailer: bytes = b"") -> bytes:
    """``pieces`` in chunked framing, the last chunk and ``trailer`` after them."""
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n" + trailer + b"\r\n"


CHUNKED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n"


def client_sockets(ports: set[int]) -> list[object]:
    """This process's open TCP sockets that dial one of ``ports`` (the client's side)."""
    return [
        conn
        for conn in psutil.Process().net_connections(kind="tcp")
        if conn.raddr and conn.raddr.port in ports and conn.status != psutil.CONN_TIME_WAIT
    ]


class PeakSockets:
    """The most client sockets towards ``port`` this process held at once, sampled every few ms
    (the server's own count lags: it sees a close only when it next reads)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="raw-server-sampler", daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(0.003):
            self.peak = max(self.peak, len(client_sockets({self.port})))

    def __enter__(self) -> PeakSockets:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(5)


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy settings but the test's own."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


@pytest.fixture
def serve() -> Iterator[Callable[..., RawServer]]:
    """Start raw servers; at the end, every client socket towards them must have been closed."""
    servers: list[RawServer] = []
    threads_before = {thread.ident for thread in threading.enumerate()}

    def start(script: Script, *, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> RawServer:
        server = RawServer(script, tls=tls, host=host)
        servers.append(server)
        return server

    yield start
    try:
        leaked = client_sockets({server.port for server in servers})
        assert not leaked, f"sockets left open by the client: {leaked}"
    finally:
        for server in servers:
            server.stop()
    new_threads = [
        thread.name
        for thread in threading.enumerate()
        if thread.ident not in threads_before and not thread.name.startswith(("raw-server", "socket-deadlines"))
    ]
    assert not new_threads, f"threads left running: {new_threads}"


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with make_client(LIMITS, trust_env=False) as made:
        yield made


def attempt(
    url: str, client: HttpClient | None, limits: FetchLimits = LIMITS, **kw: object
) -> FetchResult | FetchError:
    """Fetch ``url``; the result or the FetchError, which must come within the deadline."""
    started = time.monotonic()
    try:
        outcome: FetchResult | FetchError = fetch(url, client=client, limits=limits, **kw)  # type: ignore[arg-type]
    except FetchError as exc:
        outcome = exc
    elapsed = time.monotonic() - started
    assert elapsed < limits.deadline_seconds + SLACK, f"{elapsed:.1f}s for {url}"
    return outcome


def body_of(url: str, client: HttpClient | None, limits: FetchLimits = LIMITS, **kw: object) -> bytes | None:
    outcome = attempt(url, client, limits, **kw)
    assert isinstance(outcome, FetchResult), f"{type(outcome).__name__}: {outcome}"
    return outcome.body


def error_of(url: str, client: HttpClient | None, limits: FetchLimits = LIMITS, **kw: object) -> FetchError:
    outcome = attempt(url, client, limits, **kw)
    assert isinstance(outcome, FetchError), f"expected a FetchError, got {outcome}"
    return outcome


def answer_each(reply: bytes | Callable[[int], bytes], turns: int = 10) -> Script:
    """A keep-alive server: each request on a connection gets ``reply`` (or ``reply(turn)``)."""

    def script(peer: Peer) -> None:
        for turn in range(1, turns + 1):
            if not peer.head():
                return
            peer.send(reply(turn) if callable(reply) else reply)

    return script


def answer_once(reply: bytes) -> Script:
    """One request, one reply, then the server closes the connection."""

    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(reply)

    return script


# -- chunked bodies ----------------------------------------------------------------------------------


def test_chunk_extensions_and_trailers_are_read_past_and_the_connection_is_kept(serve, client) -> None:
    body = chunked(
        b"<?xml version",
        b'="1.0"?><rss version="2.0">',
        b"<channel><title>hostile</title></channel></rss>",
        trailer=b"X-Checksum: abc\r\nX-Other: 1\r\n",
    )
    body = body.replace(b"d\r\n<?xml", b"d;name=value\r\n<?xml").replace(b'1b\r\n="1.0', b'1b;a;b="c d"\r\n="1.0')
    server = serve(answer_each(CHUNKED_HEAD + b"\r\n" + body))
    assert body_of(server.url(), client) == FEED
    assert body_of(server.url(), client) == FEED
    assert server.connections == 1  # the whole body, trailers included, was read: the connection was reusable


def test_a_chunked_body_cut_before_its_last_chunk_is_io(serve, client) -> None:
    server = serve(answer_once(CHUNKED_HEAD + b"\r\n" + b"%x\r\n%s\r\n" % (len(FEED), FEED)))  # then the close
    error = error_of(server.url(), client)
    assert error.kind == "io" and "closed the connection before the end of the body" in error.message


def _hang_up(peer: Peer) -> None:
    peer.head()


def _reset(peer: Peer) -> None:
    peer.head()
    peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


def _say_nothing(peer: Peer) -> None:
    peer.head()
    peer.sleep(LIMITS.deadline_seconds + 2)


@pytest.mark.parametrize(
    "script, kind, message",
    [
        (_hang_up, "io", "the server closed the connection without answering (RemoteDisconnected)"),
        (_reset, "io", "the server reset the connection (ConnectionResetError: "),
        (_say_nothing, "timeout", "read timeout: the server sent nothing for 0.5 s"),
    ],
)
def test_a_server_that_hangs_up_resets_or_says_nothing_is_told_in_words(serve, client, script, kind, message) -> None:
    # The exception's own words ('ConnectionResetError: [Errno 104] ...', 'read timeout: timed out') said
    # little of what the server did.
    error = error_of(serve(script).url(), client, QUICK)
    assert error.kind == kind and error.message.startswith(message)  # the system's words for a reset vary


def test_a_chunked_body_whose_last_chunk_never_comes_is_a_read_timeout(serve, client) -> None:
    def stall(peer: Peer) -> None:
        peer.head()
        peer.send(CHUNKED_HEAD + b"\r\n" + b"%x\r\n%s\r\n" % (len(FEED), FEED))
        peer.sleep(LIMITS.deadline_seconds + 2)

    server = serve(stall)
    error = error_of(server.url(), client, QUICK)
    assert error.kind == "timeout" and "read timeout" in error.message


@pytest.mark.parametrize(
    "framing",
    [
        b"zz\r\nhello\r\n0\r\n\r\n",  # not hexadecimal
        b"\r\nhello\r\n0\r\n\r\n",  # empty
        b"-5\r\nhello\r\n0\r\n\r\n",  # negative
        b"F" * 70_000 + b"\r\n",  # longer than any size line
    ],
    ids=["not-hex", "empty", "negative", "endless"],
)
def test_a_bad_chunk_size_is_io(serve, client, framing: bytes) -> None:
    server = serve(answer_once(CHUNKED_HEAD + b"\r\n" + framing))
    error = error_of(server.url(), client)
    assert error.kind == "io", error


@pytest.mark.parametrize("value", [b"Chunked", b"chunked ", b" chunked"])
def test_transfer_encoding_chunked_is_recognised_in_any_case_and_spacing(serve, client, value: bytes) -> None:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: " + value + b"\r\n\r\n"
    server = serve(answer_each(head + chunked(FEED[:10], FEED[10:])))
    assert body_of(server.url(), client) == FEED


# -- HTTP/1.0, bodies read to the close --------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n",
        b"HTTP/1.0 200 OK\r\n\r\n",
    ],
    ids=["1.0", "1.1", "1.0-bare"],
)
def test_a_body_without_length_is_read_to_the_close_and_the_connection_not_kept(serve, client, head: bytes) -> None:
    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(head)
            peer.send(FEED[:20])
            peer.sleep(0.05)
            peer.send(FEED[20:])

    server = serve(script)
    assert body_of(server.url(), client) == FEED
    assert body_of(server.url(), client) == FEED
    assert server.connections == 2


def test_an_http_1_0_keep_alive_with_a_length_is_read_whole(serve, client) -> None:
    reply = b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)
    server = serve(answer_each(reply))
    assert body_of(server.url(), client) == FEED
    assert body_of(server.url(), client) == FEED


# -- interim (1xx) responses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "interim",
    [
        b"HTTP/1.1 100 Continue\r\n\r\n",
        b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload; as=style\r\n\r\n",
        b"HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.js>; rel=preload\r\n\r\n",
    ],
    ids=["100", "103", "102-then-103"],
)
def test_interim_responses_before_the_final_one_are_skipped(serve, client, interim: bytes) -> None:
    """h11 (and so httpx) reads past any 1xx but 101 to the final response; a 103 before a
    feed is what a CDN with early hints sends."""
    server = serve(answer_each(interim + response(headers=b'ETag: "v7"\r\n')))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult), result
    assert result.status == 200 and result.body == FEED and result.etag == '"v7"'
    assert "link" not in result.headers  # the hint's headers are not the feed's
    assert body_of(server.url(), client) == FEED  # and the connection was left at the right place
    assert server.connections == 1


# -- 304 and 204 ----------------------------------------------------------------------------------


def test_a_304_with_a_content_length_and_no_body_returns_at_once(serve, client) -> None:
    server = serve(answer_each(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 5000\r\n\r\n'))
    started = time.monotonic()
    result = attempt(server.url(), client, etag='"v1"')
    assert isinstance(result, FetchResult) and result.not_modified and result.body is None
    assert time.monotonic() - started < 1  # no wait for the 5,000 bytes a 304 never carries
    assert attempt(server.url(), client, etag='"v1"').not_modified  # type: ignore[union-attr]
    assert server.connections == 1


@pytest.mark.parametrize("delay", [0.0, 0.2], ids=["with-the-head", "after-the-head"])
def test_a_304_with_a_body_does_not_poison_the_next_request_on_its_connection(serve, client, delay: float) -> None:
    """A body after a 304 (forbidden) is never read as the answer to the next request: the
    idle connection it arrives on is dropped, or its buffered bytes go with the response."""
    stale = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nSTALE"

    def script(peer: Peer) -> None:
        for _ in range(5):
            if not peer.head():
                return
            if len(peer.server.requests) == 1:  # the first request the server sees
                peer.send(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: %d\r\n\r\n' % len(stale))
                if delay:
                    peer.sleep(delay)
                peer.send(stale)
            else:
                peer.send(response())

    server = serve(script)
    assert attempt(server.url(), client, etag='"v1"').not_modified  # type: ignore[union-attr]
    time.sleep(delay + 0.1)
    assert body_of(server.url(), client) == FEED


@pytest.mark.parametrize(
    "reply",
    [
        b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 204 No Content\r\nContent-Length: 40\r\n\r\n",
        b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\njunk!",
    ],
    ids=["bare", "length-no-body", "with-body"],
)
def test_a_204_is_an_empty_body_at_once(serve, client, reply: bytes) -> None:
    server = serve(answer_each(reply))
    started = time.monotonic()
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.status == 204 and result.body == b""
    assert time.monotonic() - started < 1


# -- Content-Length ---------------------------------------------------------------------------------


def test_conflicting_content_lengths_are_refused(serve, client) -> None:
    """Two different lengths: which one frames the body is a guess (and the classic request
    smuggling ambiguity); h11 refused the response, and so do we."""
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Length: 7\r\n\r\n%s" % (len(FEED), FEED)
    server = serve(answer_once(reply))
    error = error_of(server.url(), client)
    assert error.kind == "io" and "Content-Length" in error.message


@pytest.mark.parametrize(
    "lengths",
    [b"Content-Length: %d\r\nContent-Length: %d\r\n", b"Content-Length: %d, %d\r\n"],
    ids=["repeated", "listed"],
)
def test_a_content_length_repeated_with_one_value_frames_the_body(serve, client, lengths: bytes) -> None:
    """RFC 9110 (8.6) lets a recipient take a length sent twice with one value; h11 did. The
    connection stays open after the body, so reading to the close would wait for the timeout."""
    reply = b"HTTP/1.1 200 OK\r\n" + lengths % (len(FEED), len(FEED)) + b"\r\n" + FEED
    server = serve(answer_each(reply))
    started = time.monotonic()
    assert body_of(server.url(), client) == FEED
    assert time.monotonic() - started < 1


def test_a_body_shorter_than_its_content_length_is_io_and_the_connection_is_not_reused(serve, client) -> None:
    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED) + 100, FEED))

    server = serve(script)
    error = error_of(server.url(), client)
    assert error.kind == "io" and error.message.startswith(
        "the server closed the connection before the end of the body"
    )
    assert "100 more bytes were due" in error.message
    assert error_of(server.url(), client).kind == "io"
    assert server.connections == 2


# -- status lines, line endings, heads ------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        b"",
        b"\r\n\r\n",
        b"garbage\r\n\r\n",
        b"HTTP/1.1 abc OK\r\n\r\n",
        b"HTTP/1.1 99 Too Low\r\n\r\n",
        b"HTTP/1.1 1000 Too High\r\n\r\n",
        b"HTTP/2 200\r\n\r\n",
        b"<rss>not even a status line</rss>",
        b"HTTP/1.1 200 " + b"x" * 200_000 + b"\r\n\r\n",
    ],
    ids=["nothing", "blank", "garbage", "non-numeric", "99", "1000", "http2", "http0.9", "endless"],
)
def test_an_invalid_or_missing_status_line_is_io(serve, client, reply: bytes) -> None:
    server = serve(answer_once(reply))
    error = error_of(server.url(), client)
    assert error.kind == "io" and len(error.message) > 10


@pytest.mark.parametrize("line", [b"X Bad Header: 1", b"nonsense"], ids=["space-in-name", "no-colon"])
def test_a_line_in_the_head_that_is_not_a_header_is_io_at_once(serve, client, line: bytes) -> None:
    """http.client would drop it and every header after it, Content-Length included, then
    wait for a close the kept-alive server never makes: a read timeout, named as one, after
    the full timeout. h11 refused such a head at once; so do we, naming the line."""
    server = serve(answer_each(b"HTTP/1.1 200 OK\r\n" + line + b"\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)))
    started = time.monotonic()
    error = error_of(server.url(), client)
    assert error.kind == "io" and "invalid header line" in error.message and line.decode() in error.message
    assert time.monotonic() - started < 1


def test_a_status_line_without_a_reason_is_accepted(serve, client) -> None:
    server = serve(answer_each(b"HTTP/1.1 200\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)))
    assert body_of(server.url(), client) == FEED


def test_bare_line_feeds_are_read_as_line_ends_in_the_head(serve, client) -> None:
    plain = b'HTTP/1.1 200 OK\nContent-Type: application/rss+xml\nETag: "lf"\nContent-Length: %d\n\n%s'
    server = serve(answer_each(plain % (len(FEED), FEED)))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.body == FEED and result.etag == '"lf"'


def test_bare_line_feeds_in_chunked_framing_are_io(serve, client) -> None:
    """After each chunk's data h11 dropped two bytes, CRLF or not, as http.client does: with a
    bare LF the next size line is cut, and httpx failed as this does, at once and as io."""
    pieces = b"%x\n%s\n%x\n%s\n0\n\n" % (10, FEED[:10], len(FEED) - 10, FEED[10:])
    server = serve(answer_each(b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n" + pieces))
    assert error_of(server.url(), client).kind == "io"


def test_many_small_headers_within_the_head_limit_are_accepted(serve, client) -> None:
    """h11 bounds the head by its size (100 KiB), not by a count of lines; a CDN sending 150
    headers (cookies, policies, tracing) served httpx and must serve us."""
    headers = b"".join(b"X-Header-%d: value %d\r\n" % (n, n) for n in range(150))
    server = serve(answer_each(response(headers=headers)))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.body == FEED and result.headers["x-header-149"] == "value 149"


def test_one_long_header_within_the_head_limit_is_accepted(serve, client) -> None:
    """One 80 KiB header (a Content-Security-Policy, a Link list): within h11's 100 KiB head."""
    server = serve(answer_each(response(headers=b"Link: " + b"x" * 80_000 + b"\r\n")))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.body == FEED and len(result.headers["link"]) == 80_000


@pytest.mark.parametrize(
    "headers",
    [
        b"".join(b"X-Header-%d: value %d\r\n" % (n, n) for n in range(10_000)),
        b"X-Huge: " + b"x" * 200_000 + b"\r\n",
    ],
    ids=["thousands", "one-huge"],
)
def test_a_head_over_the_limit_is_io_quickly(serve, client, headers: bytes) -> None:
    server = serve(answer_once(response(headers=headers)))
    started = time.monotonic()
    error = error_of(server.url(), client)
    assert error.kind == "io" and ("100 KiB" in error.message or "header" in error.message.lower()), error
    assert time.monotonic() - started < 1.5


def test_an_endless_run_of_interim_responses_is_held_to_the_head_limit(serve, client) -> None:
    def script(peer: Peer) -> None:
        if peer.head():
            for _ in range(20_000):
                peer.send(b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n")

    server = serve(script)
    started = time.monotonic()
    error = error_of(server.url(), client)
    assert error.kind == "io" and "100 KiB" in error.message
    assert time.monotonic() - started < 1.5


def test_an_endless_chunked_trailer_ends_at_the_deadline(serve, client) -> None:
    limits = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=1.5, max_bytes=1_000_000)

    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(CHUNKED_HEAD + b"\r\n" + b"%x\r\n%s\r\n0\r\n" % (len(FEED), FEED))
            for number in range(100_000):
                peer.send(b"X-Trailer-%d: more\r\n" % number)
                if not peer.sleep(0.001):
                    return

    server = serve(script)
    error = error_of(server.url(), client, limits)
    assert error.kind == "timeout" and "deadline" in error.message


def test_a_head_dripped_a_byte_a_second_ends_at_the_deadline(serve, client) -> None:
    """Each byte comes within the read timeout (2 s), so only the deadline (3 s) can end it."""
    limits = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=2.5, max_bytes=1_000_000)

    def script(peer: Peer) -> None:
        if peer.head():
            peer.drip(response(), 1.0)

    server = serve(script)
    started = time.monotonic()
    error = error_of(server.url(), client, limits)
    assert error.kind == "timeout" and "deadline" in error.message
    assert limits.deadline_seconds - 0.1 < time.monotonic() - started < limits.deadline_seconds + SLACK


def test_a_server_closing_mid_chunked_body_is_io(serve, client) -> None:
    server = serve(answer_once(CHUNKED_HEAD + b"\r\n" + b"%x\r\n%s" % (len(FEED), FEED[:20])))
    error = error_of(server.url(), client)
    assert error.kind == "io"


# -- keep-alive -----------------------------------------------------------------------------------


def test_an_idle_connection_the_server_closed_is_replaced_without_an_error(serve, client) -> None:
    """The server promises keep-alive, then drops the idle connection after 0.3 s."""

    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(response(headers=b"Connection: keep-alive\r\nKeep-Alive: timeout=1\r\n"))
            peer.sleep(0.3)

    server = serve(script)
    assert body_of(server.url(), client) == FEED
    time.sleep(0.6)
    assert body_of(server.url(), client) == FEED
    assert server.connections == 2 and len(server.requests) == 2  # the closed one was never written to


@pytest.mark.parametrize("delay", [0.0, 0.2], ids=["together", "later"])
def test_a_response_nobody_asked_for_is_never_taken_for_the_next_answer(serve, client, delay: float) -> None:
    stale = response(b"<rss>STALE</rss>")

    def script(peer: Peer) -> None:
        for turn in range(1, 5):
            if not peer.head():
                return
            if peer.number == 1 and turn == 1:
                peer.send(response())
                if delay:
                    peer.sleep(delay)
                peer.send(stale)  # a second answer, unprompted
            else:
                peer.send(response())

    server = serve(script)
    assert body_of(server.url(), client) == FEED
    time.sleep(delay + 0.1)
    assert body_of(server.url(), client) == FEED
    assert body_of(server.url(), client) == FEED


# -- content codings over chunked framing -----------------------------------------------------------


def _split(data: bytes, size: int = 7) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


@pytest.mark.parametrize(
    "coding, encode",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as many servers send it
        ("br", brotli.compress),
        ("gzip, br", lambda data: brotli.compress(gzip.compress(data))),
    ],
    ids=["gzip", "deflate", "raw-deflate", "br", "gzip-then-br"],
)
def test_compressed_chunked_bodies_are_decoded(serve, client, coding: str, encode: Callable[[bytes], bytes]) -> None:
    big = FEED.replace(b"hostile", b"hostile " * 3000)
    head = CHUNKED_HEAD + b"Content-Encoding: " + coding.encode() + b"\r\n\r\n"
    server = serve(answer_each(head + chunked(*_split(encode(big)))))
    assert body_of(server.url(), client) == big
    assert body_of(server.url(), client) == big
    assert server.connections == 1


def test_an_unknown_content_coding_is_passed_through_with_a_note(serve, client) -> None:
    """As httpx did: bytes we cannot decode are handed on, and the parser judges them; the
    note goes into the fetch's event metadata."""
    server = serve(answer_each(response(headers=b"Content-Encoding: zstd-9000\r\n")))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.body == FEED
    assert any("zstd-9000" in note for note in result.notes)


# -- redirects across schemes and ports ----------------------------------------------------------


@pytest.fixture
def trusting_client(tls_files: tuple[Path, Path]) -> Iterator[HttpClient]:
    context = ssl.create_default_context(cafile=str(tls_files[0]))
    with make_client(LIMITS, verify=context, trust_env=False) as made:
        yield made


def test_redirects_between_http_and_https_and_across_ports(
    serve, http_server: LocalHTTPServer, https_server: LocalHTTPServer, trusting_client: HttpClient
) -> None:
    https_server.route("/feed.xml", lambda r: r.send(200, FEED))
    https_server.route("/down", lambda r: r.send(301, b"", {"Location": http_server.url("/plain")}))
    http_server.route("/plain", lambda r: r.send(200, FEED))
    redirect = b"HTTP/1.1 %s\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n"
    other_port = serve(answer_each(redirect % (b"302 Found", https_server.url("/feed.xml").encode())))
    upgraded = serve(answer_each(redirect % (b"301 Moved Permanently", other_port.url("/next").encode())))
    result = attempt(upgraded.url(), trusting_client)
    assert isinstance(result, FetchResult) and result.body == FEED
    assert result.url == https_server.url("/feed.xml")
    assert result.redirects == (other_port.url("/next"), https_server.url("/feed.xml"))
    assert result.moved_to == other_port.url("/next")  # permanent only until the 302
    downgraded = attempt(https_server.url("/down"), trusting_client)
    # httpx followed an https -> http redirect too: the feed's owner chose it; the address guard still applies
    assert isinstance(downgraded, FetchResult) and downgraded.url == http_server.url("/plain")


def test_an_ipv6_literal_is_dialled_and_named_in_brackets(serve, client) -> None:
    try:
        server = serve(answer_each(response()), host="::1")
    except OSError as exc:
        pytest.skip(f"no IPv6 loopback here ({exc})")
    assert server.url().startswith("http://[::1]:")
    assert body_of(server.url(), client) == FEED
    assert f"Host: [::1]:{server.port}\r\n".encode() in server.requests[0] + b"\r\n"


def test_a_url_cannot_add_a_header_or_split_the_request_line(serve, client) -> None:
    server = serve(answer_each(response()))
    url = server.url("/a b/é?q=1 2&x=\r\nX-Injected: yes")
    assert body_of(url, client) == FEED
    request_line, _, headers = server.requests[0].partition(b"\r\n")
    assert request_line.count(b" ") == 2 and request_line.endswith(b" HTTP/1.1")
    assert b"x-injected" not in headers.lower()
    assert request_line.startswith(b"GET /a%20b/%C3%A9?q=1%202&x=")


def test_a_location_with_spaces_and_utf_8_is_requested_percent_encoded(serve, client) -> None:
    """The target goes out encoded, as httpx sent it. The result's ``url`` keeps the Location
    as the server wrote it (httpx gave it encoded): the same resource, encoded again the same
    way at the next poll."""

    def reply(turn: int) -> bytes:
        if turn == 1:
            return b"HTTP/1.1 302 Found\r\nLocation: /new feed \xc3\xa9.xml\r\nContent-Length: 0\r\n\r\n"
        return response()

    server = serve(answer_each(reply))
    result = attempt(server.url(), client)
    assert isinstance(result, FetchResult) and result.body == FEED
    assert server.requests[1].startswith(b"GET /new%20feed%20%C3%A9.xml HTTP/1.1\r\n")
    assert result.url == server.url("/new feed é.xml")
    assert server.connections == 1  # the empty redirect left its connection reusable


# -- TLS --------------------------------------------------------------------------------------------


def test_a_tls_body_read_to_a_close_without_close_notify_is_whole(serve, tls_files: tuple[Path, Path]) -> None:
    """Many servers end a read-to-close body over TLS by closing the TCP connection without
    TLS's close_notify; httpx took the body as complete (ragged EOFs suppressed), and so do we."""
    cert, key = tls_files
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)

    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n" + FEED)
            socket.socket.shutdown(peer.sock, socket.SHUT_RDWR)  # TCP's end, not TLS's

    server = serve(script, tls=server_side)
    trusting = ssl.create_default_context(cafile=str(cert))
    with make_client(LIMITS, verify=trusting, trust_env=False) as client:
        assert body_of(server.url(scheme="https"), client) == FEED


def _certificate(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` only, or a skip when openssl is missing."""
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    command = [
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}",
        "-addext", f"subjectAltName=DNS:{name}",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"no certificate could be made ({exc}); install the openssl CLI")
    if done.returncode != 0:
        pytest.skip(f"openssl failed: {done.stderr[-200:]!r}")
    return cert, key


def test_a_certificate_for_another_host_is_tls(serve, tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path, "feeds.example.invalid")
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    server = serve(answer_each(response()), tls=server_side)
    trusting = ssl.create_default_context(cafile=str(cert))  # the certificate is trusted; the name is not its
    with make_client(LIMITS, verify=trusting, trust_env=False) as client:
        error = error_of(server.url(scheme="https"), client)
    assert error.kind == "tls" and "127.0.0.1" in error.message and "certificate" in error.message.lower()


def test_a_refused_certificate_leaves_no_socket_open(serve, https_server: LocalHTTPServer, client) -> None:
    """The error is held (as the poller holds it to record it), and its socket is closed all
    the same: a failed handshake must not wait for the garbage collector."""
    https_server.route("/f", lambda r: r.send(200, FEED))
    errors = [error_of(https_server.url("/f"), client) for _ in range(3)]
    assert all(error.kind == "tls" and "self-signed" in error.message for error in errors)
    assert client_sockets({https_server.port}) == []


@pytest.mark.parametrize("stall_after", [0, 1], ids=["silent", "after-a-byte"])
def test_a_tls_handshake_that_stalls_ends_within_the_connect_timeout(serve, client, stall_after: int) -> None:
    limits = FetchLimits(connect_timeout=1, read_timeout=5, deadline_seconds=5, max_bytes=1_000_000)

    def script(peer: Peer) -> None:
        peer.sock.recv(4096)  # the ClientHello
        peer.send(b"\x16\x03\x03\x00\x7a"[: 5 * stall_after])  # the start of a record header, then nothing
        peer.sleep(8)

    server = serve(script)
    started = time.monotonic()
    error = error_of(server.url(scheme="https"), client, limits)
    assert error.kind == "timeout" and "TLS handshake" in error.message
    assert time.monotonic() - started < limits.connect_timeout + SLACK


def test_a_tls_handshake_that_stalls_ends_at_the_deadline_before_the_connect_timeout(serve, client) -> None:
    limits = FetchLimits(connect_timeout=10, read_timeout=10, deadline_seconds=1, max_bytes=1_000_000)

    def script(peer: Peer) -> None:
        peer.sock.recv(4096)
        peer.sleep(8)

    server = serve(script)
    error = error_of(server.url(scheme="https"), client, limits)
    assert error.kind == "timeout" and "deadline" in error.message


def test_a_socket_timeout_ending_past_the_deadline_is_named_the_deadline_whichever_noticed_first() -> None:
    # On a loaded machine the socket's own timeout (cut to the remaining deadline) can fire before the
    # watchdog thread does; the error must still say the deadline, as the test above expects.
    limits = FetchLimits(connect_timeout=10, read_timeout=10, deadline_seconds=1, max_bytes=1_000_000)
    stalled = fetch_error("timeout", "connect timeout: the TLS handshake did not finish", "https://127.0.0.1/feed")
    watchdog = fetch_module._Watchdog(limits.deadline_seconds)
    past = fetch_module._classify_exception(
        stalled, "https://127.0.0.1/feed", watchdog, limits, time.monotonic() - 0.01
    )
    assert past.kind == "timeout" and "deadline" in past.message
    ahead = fetch_module._classify_exception(stalled, "https://127.0.0.1/feed", watchdog, limits, time.monotonic() + 60)
    assert ahead.message == stalled.message


# -- proxies from the environment -------------------------------------------------------------------


def _proxy_answering(reply: bytes) -> Script:
    def script(peer: Peer) -> None:
        if peer.head():
            peer.send(reply)

    return script


@pytest.mark.parametrize(
    "reply, status",
    [
        (b"HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbidden", "403"),
        (b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\n\r\n', "407"),
    ],
    ids=["403", "407"],
)
def test_a_proxy_refusing_the_tunnel_is_connect_naming_the_proxy(serve, environment, reply: bytes, status: str) -> None:
    proxy = serve(_proxy_answering(reply))
    environment.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
    with make_client(LIMITS) as client:
        error = error_of("https://feeds.example.invalid/feed.xml", client)
    assert error.kind == "connect" and status in error.message and f"127.0.0.1:{proxy.port}" in error.message
    assert proxy.requests[0].startswith(b"CONNECT feeds.example.invalid:443 HTTP/1.1")


def test_a_proxy_closing_on_connect_is_connect_naming_the_proxy(serve, environment) -> None:
    """httpx named this a ProxyError (our ``connect``): the feed was never reached."""
    proxy = serve(lambda peer: peer.head() and None)  # reads the CONNECT, hangs up without a word
    environment.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
    with make_client(LIMITS) as client:
        error = error_of("https://feeds.example.invalid/feed.xml", client)
    assert error.kind == "connect" and f"127.0.0.1:{proxy.port}" in error.message, error


def test_a_proxy_that_never_answers_connect_ends_within_the_deadline(serve, environment) -> None:
    def script(peer: Peer) -> None:
        peer.head()
        peer.sleep(8)

    proxy = serve(script)
    environment.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
    with make_client(QUICK) as client:
        error = error_of("https://feeds.example.invalid/feed.xml", client, QUICK)
    assert error.kind == "timeout"


def test_a_plain_http_proxy_closing_is_io(serve, environment) -> None:
    """A forwarding proxy that hangs up looks like a server that hangs up (httpx: RemoteProtocolError)."""
    proxy = serve(lambda peer: peer.head() and None)  # reads the request, hangs up without a word
    environment.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    with make_client(LIMITS) as client:
        error = error_of("http://feeds.example.invalid/feed.xml", client)
    assert error.kind == "io" and "closed" in error.message


# -- many threads, few connections --------------------------------------------------------------------


def test_many_threads_share_a_few_connections_without_deadlock(serve) -> None:
    def script(peer: Peer) -> None:
        for _ in range(100):
            if not peer.head():
                return
            peer.sleep(0.02)
            peer.send(response())

    server = serve(script)
    outcomes: list[object] = []
    lock = threading.Lock()

    def worker(client: HttpClient) -> None:
        for _ in range(5):
            outcome = attempt(server.url(), client)
            with lock:
                outcomes.append(outcome.body if isinstance(outcome, FetchResult) else outcome)

    with make_client(LIMITS, max_connections=3, trust_env=False) as client, PeakSockets(server.port) as sockets:
        workers = [threading.Thread(target=worker, args=(client,), name=f"worker-{n}") for n in range(16)]
        started = time.monotonic()
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join(20)
        assert not any(thread.is_alive() for thread in workers)
        elapsed = time.monotonic() - started
    assert outcomes == [FEED] * 80
    assert 1 <= sockets.peak <= 3  # never more connections than max_connections
    assert elapsed < 10


def test_failures_of_every_kind_give_their_connection_back(serve) -> None:
    """Eight threads, two connections, a server whose answers go wrong in four ways: every
    fetch ends, and the pool still serves a plain fetch at once afterwards."""

    def script(peer: Peer) -> None:
        for _ in range(100):
            if not peer.head():
                return
            turn = len(peer.server.requests) % 4
            if turn == 0 or b"/after" in peer.server.requests[-1]:
                peer.send(response())
            elif turn == 1:
                peer.send(response(status=b"500 Internal Server Error"))
            elif turn == 2:
                peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<rss>")
                return  # cut mid-body
            else:
                peer.sleep(1)  # past the read timeout
                return

    server = serve(script)
    outcomes: list[str] = []

    def worker(client: HttpClient) -> None:
        for _ in range(4):
            outcome = attempt(server.url(), client, QUICK)
            outcomes.append("ok" if isinstance(outcome, FetchResult) else outcome.kind)

    with make_client(QUICK, max_connections=2, trust_env=False) as client, PeakSockets(server.port) as sockets:
        workers = [threading.Thread(target=worker, args=(client,), name=f"worker-{n}") for n in range(8)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join(30)
        assert not any(thread.is_alive() for thread in workers)
        assert len(outcomes) == 32 and set(outcomes) <= {"ok", "http_status", "io", "timeout"}
        assert {"ok", "http_status", "io", "timeout"} <= set(outcomes)
        started = time.monotonic()
        assert body_of(server.url("/after"), client, QUICK) == FEED
        assert time.monotonic() - started < 0.5  # both connection slots were free again
    assert 1 <= sockets.peak <= 2


def test_waiting_for_a_connection_is_bounded_by_the_connect_timeout(serve) -> None:
    def stall(peer: Peer) -> None:
        peer.head()
        peer.sleep(1.5)
        peer.send(response())

    server = serve(stall)
    slow = FetchLimits(connect_timeout=2, read_timeout=3, deadline_seconds=4, max_bytes=1_000_000)
    hurried = FetchLimits(connect_timeout=0.5, read_timeout=2, deadline_seconds=3, max_bytes=1_000_000)
    with make_client(slow, max_connections=1, trust_env=False) as client:
        holder = threading.Thread(target=lambda: attempt(server.url(), client, slow), name="holder")
        holder.start()
        time.sleep(0.3)  # the holder has the only connection
        started = time.monotonic()
        error = error_of(server.url("/other"), client, hurried)
        waited = time.monotonic() - started
        holder.join(10)
    assert error.kind == "timeout" and "connection pool" in error.message
    assert 0.4 < waited < 0.5 + SLACK


# keep the module's own helpers honest: a test server that is stopped leaves nothing behind
def test_the_raw_server_stops_its_threads() -> None:
    server = RawServer(lambda peer: peer.sleep(20))
    with socket.create_connection(("127.0.0.1", server.port), timeout=2):
        time.sleep(0.1)
        started = time.monotonic()
        server.stop()
    assert time.monotonic() - started < 2
    assert not any(thread.name == f"raw-server-{server.port}" and thread.is_alive() for thread in threading.enumerate())
