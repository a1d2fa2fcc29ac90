"""monitor.feeds.httpclient: proxies from the environment, the response head's bound, host names.

The proxies here are local: LocalHTTPServer answering forwarded requests, and a small CONNECT
proxy on 127.0.0.1 that tunnels to the local TLS server. Names under .invalid are never
resolved: a proxied request hands the name to the proxy, which is the point.
"""

from __future__ import annotations

import base64
import os
import resource
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitor.errors import FetchError
from monitor.feeds import httpclient
from monitor.feeds.fetch import FetchLimits, fetch, make_client
from monitor.feeds.httpclient import EnvironmentProxies, HttpRequest, request_host
from tests.support.conftest_http import http_server, https_server, tls_files  # noqa: F401
from tests.support.httpserver import LocalHTTPServer, Request, free_port
from tests.support.rawserver import Peer, RawServer

pytestmark = pytest.mark.timeout(30)

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=5, max_bytes=1_000_000)
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "request_method")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy settings but the test's own."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


def test_http_goes_through_the_proxy_of_the_environment_with_its_credentials(
    http_server: LocalHTTPServer, environment: pytest.MonkeyPatch
) -> None:
    http_server.route("/feed.xml", lambda r: r.send(200, FEED, content_type="application/rss+xml"))
    environment.setenv("HTTP_PROXY", f"http://reader:s%3Acret@127.0.0.1:{http_server.port}")
    with make_client(LIMITS) as client:
        result = fetch("http://feeds.example.invalid/feed.xml", client=client, limits=LIMITS)
    assert result.body == FEED and result.url == "http://feeds.example.invalid/feed.xml"
    sent = http_server.hits("/feed.xml")[0].headers
    assert sent["host"] == "feeds.example.invalid"  # the proxy was asked for the feed's host
    assert sent["proxy-authorization"] == "Basic " + base64.b64encode(b"reader:s:cret").decode()


def test_no_proxy_sends_a_host_direct_and_trust_env_false_ignores_the_proxy(
    http_server: LocalHTTPServer, environment: pytest.MonkeyPatch
) -> None:
    http_server.route("/f", lambda r: r.send(200, FEED))
    environment.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")  # nobody listens there
    with make_client(LIMITS) as client:
        with pytest.raises(FetchError) as raised:
            fetch(http_server.url("/f"), client=client, limits=LIMITS)
        assert raised.value.kind == "connect"  # the dead proxy was tried: the variable is read
    with make_client(LIMITS, trust_env=False) as client:
        assert fetch(http_server.url("/f"), client=client, limits=LIMITS).body == FEED
    environment.setenv("NO_PROXY", "example.org, 127.0.0.1")
    with make_client(LIMITS) as client:
        assert fetch(http_server.url("/f"), client=client, limits=LIMITS).body == FEED


class ConnectProxy:
    """A CONNECT-only proxy on 127.0.0.1 that tunnels to ``127.0.0.1:<port asked for>`` and
    records each tunnel's request head."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(10)
        self.port = self.listener.getsockname()[1]
        self.heads: list[bytes] = []
        self.thread = threading.Thread(target=self._serve_one, daemon=True)
        self.thread.start()

    def _serve_one(self) -> None:
        client, _ = self.listener.accept()
        client.settimeout(10)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 8192:
            head += client.recv(1024)
        self.heads.append(head)
        port = int(head.split(b" ", 2)[1].rsplit(b":", 1)[1])
        upstream = socket.create_connection(("127.0.0.1", port), timeout=10)
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        pipes = [
            threading.Thread(target=_pipe, args=pair, daemon=True) for pair in ((client, upstream), (upstream, client))
        ]
        for pipe in pipes:
            pipe.start()
        for pipe in pipes:
            pipe.join(10)
        client.close()
        upstream.close()

    def close(self) -> None:
        self.listener.close()
        self.thread.join(10)


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        for _ in range(10_000):  # bounded: a feed and its TLS records are a few dozen reads
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass


@pytest.fixture
def connect_proxy() -> Iterator[ConnectProxy]:
    proxy = ConnectProxy()
    yield proxy
    proxy.close()


def test_https_goes_through_a_connect_tunnel_and_tls_is_checked_end_to_end(
    https_server: LocalHTTPServer,
    tls_files: tuple[Path, Path],
    connect_proxy: ConnectProxy,
    environment: pytest.MonkeyPatch,
) -> None:
    https_server.route("/f", lambda r: r.send(200, FEED))
    environment.setenv("HTTPS_PROXY", f"127.0.0.1:{connect_proxy.port}")  # no scheme: http:// is meant
    trusting = ssl.create_default_context(cafile=str(tls_files[0]))
    with make_client(LIMITS, verify=trusting) as client:
        result = fetch(https_server.url("/f"), client=client, limits=LIMITS)
    assert result.body == FEED
    assert connect_proxy.heads[0].startswith(f"CONNECT 127.0.0.1:{https_server.port} HTTP/1.1\r\n".encode())


def test_a_proxy_we_cannot_speak_is_a_clear_error(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("ALL_PROXY", "socks5://user:password@127.0.0.1:1080")
    with make_client(LIMITS) as client, pytest.raises(FetchError) as raised:
        fetch("http://feeds.example.invalid/feed.xml", client=client, limits=LIMITS)
    assert raised.value.kind == "unsupported_scheme" and "socks5" in raised.value.message
    assert "password" not in raised.value.message and "password" not in raised.value.url


@pytest.mark.parametrize(
    "no_proxy, url, proxied",
    [
        ("", "http://news.example.org/", True),
        ("*", "http://news.example.org/", False),
        ("example.org", "http://news.example.org/", False),
        ("example.org", "http://example.org/", False),
        ("example.org", "http://badexample.org/", True),
        (".example.org", "http://example.org/", True),
        (".example.org", "http://news.example.org/", False),
        ("localhost", "http://localhost:8080/", False),
        ("10.1.2.3", "http://10.1.2.3/", False),
        ("10.0.0.0/8", "http://10.1.2.3/", False),
        ("::1", "http://[::1]:8080/", False),
        ("example.org:8080", "http://example.org:8080/", False),
        ("example.org:8080", "http://example.org/", True),
        ("https://example.org", "http://example.org/", True),
        ("https://example.org", "https://example.org/", False),
    ],
)
def test_no_proxy_entries_match_as_httpx_matched_them(no_proxy: str, url: str, proxied: bool) -> None:
    proxies = EnvironmentProxies({"all": "http://proxy.example.org:3128", "no": no_proxy})
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}[parts.scheme]
    assert (proxies.for_target(parts.scheme, request_host(url), port, url) is not None) == proxied


def test_the_scheme_proxy_comes_before_all_proxy() -> None:
    proxies = EnvironmentProxies({"https": "http://tls-proxy:3128", "all": "http://any-proxy:8080"})
    https = proxies.for_target("https", "example.org", 443, "https://example.org/")
    plain = proxies.for_target("http", "example.org", 80, "http://example.org/")
    assert https is not None and (https.host, https.port) == ("tls-proxy", 3128)
    assert plain is not None and (plain.host, plain.port) == ("any-proxy", 8080)


def test_host_names_are_sent_as_idna() -> None:
    assert request_host("http://Bücher.Example/feed") == "xn--bcher-kva.example"
    assert request_host("http://[2001:DB8::1]:8080/") == "2001:db8::1"


def test_a_path_with_spaces_and_non_ascii_is_percent_encoded(http_server: LocalHTTPServer) -> None:
    http_server.route("/news feed/ü.xml", lambda r: r.send(200, FEED))
    result = fetch(http_server.url("/news feed/ü.xml") + "?q=a b", limits=LIMITS)
    assert result.body == FEED
    assert http_server.hits("/news feed/ü.xml")[0].query == "q=a%20b"


def test_a_response_head_longer_than_the_bound_is_refused(http_server: LocalHTTPServer) -> None:
    def handler(req: Request) -> None:
        req.write_raw(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: %s\r\n" % (i, b"a" * 2000) for i in range(60)))
        req.sleep(5)

    http_server.route("/h", handler)
    with pytest.raises(FetchError) as raised:
        fetch(http_server.url("/h"), limits=LIMITS)  # 60 lines: within http.client's 100, over 100 KiB
    assert raised.value.kind == "io" and "100 KiB" in raised.value.message


# -- connections kept for the next request ---------------------------------------------------------


class KeepAliveServer(RawServer):
    """A raw HTTP/1.1 server on 127.0.0.1 that counts connections and answers each request
    with ``answer(connection number, request number on it)``: bytes to send, or None to
    close the connection without a word."""

    def __init__(self, answer: Callable[[int, int], bytes | None]) -> None:
        self.answer = answer
        super().__init__(self._answer_each)

    def _answer_each(self, peer: Peer) -> None:
        for turn in range(1, 100):
            if not peer.head():
                return
            reply = self.answer(peer.number, turn)
            if reply is None:
                return
            peer.send(reply)


NOT_MODIFIED = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'
OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)


@pytest.fixture
def keepalive_server(request: pytest.FixtureRequest) -> Iterator[KeepAliveServer]:
    server = KeepAliveServer(request.param)
    yield server
    server.stop()


@pytest.mark.parametrize("keepalive_server", [lambda number, turn: NOT_MODIFIED if turn % 2 else OK], indirect=True)
def test_one_connection_carries_the_requests_to_one_host_in_turn(keepalive_server: KeepAliveServer) -> None:
    with make_client(LIMITS, trust_env=False) as client:
        results = [fetch(keepalive_server.url(), client=client, limits=LIMITS, etag='"v1"') for _ in range(4)]
    assert [r.status for r in results] == [304, 200, 304, 200] and results[1].body == FEED
    assert keepalive_server.connections == 1
    seen: list[tuple[str, socket.socket]] = []  # what the address guard is shown
    with make_client(LIMITS, trust_env=False) as client:
        for _ in range(2):
            response = client.send(HttpRequest(keepalive_server.url(), {}, 2, 2, reached=lambda *hop: seen.append(hop)))
            assert b"".join(response.chunks) in (b"", FEED)
            response.close()
    assert keepalive_server.connections == 2
    assert [host for host, _ in seen] == ["127.0.0.1", "127.0.0.1"] and seen[0][1] is seen[1][1]  # reused, shown again
    with make_client(LIMITS, trust_env=False, keepalive=False) as client:
        fetch(keepalive_server.url(), client=client, limits=LIMITS, etag='"v1"')
    assert keepalive_server.connections == 3
    assert b"Connection: close" in keepalive_server.requests[-1]


@pytest.mark.parametrize(
    "keepalive_server",
    [lambda number, turn: OK.replace(b"200 OK\r\n", b"200 OK\r\nConnection: close\r\n")],
    indirect=True,
)
def test_a_server_that_says_close_gets_a_new_connection_each_time(keepalive_server: KeepAliveServer) -> None:
    with make_client(LIMITS, trust_env=False) as client:
        for _ in range(3):
            assert fetch(keepalive_server.url(), client=client, limits=LIMITS).body == FEED
    assert keepalive_server.connections == 3


@pytest.mark.parametrize("keepalive_server", [lambda number, turn: OK if turn == 1 else None], indirect=True)
def test_a_kept_connection_the_server_dropped_is_replaced_once(keepalive_server: KeepAliveServer) -> None:
    # Each connection answers its first request and hangs up on the second without a word,
    # as a server whose idle timeout ends just as our request arrives.
    with make_client(LIMITS, trust_env=False) as client:
        for _ in range(3):
            assert fetch(keepalive_server.url(), client=client, limits=LIMITS).body == FEED
    assert keepalive_server.connections == 3
    assert len(keepalive_server.requests) == 5  # requests 2 and 3 were each sent twice, the second time anew


def _drip_on_the_second_turn(number: int, turn: int) -> bytes | None:
    if turn == 1:
        return NOT_MODIFIED
    time.sleep(3)  # a header that never ends, as far as the client's deadline is concerned
    return None


@pytest.mark.timeout(15)
@pytest.mark.parametrize("keepalive_server", [_drip_on_the_second_turn], indirect=True)
def test_the_deadline_reaches_a_reused_connection(keepalive_server: KeepAliveServer) -> None:
    limits = FetchLimits(connect_timeout=1, read_timeout=5, deadline_seconds=1.0, max_bytes=1_000_000)
    with make_client(limits, trust_env=False) as client:
        assert fetch(keepalive_server.url(), client=client, limits=limits, etag='"v1"').not_modified
        started = time.monotonic()
        with pytest.raises(FetchError) as raised:
            fetch(keepalive_server.url(), client=client, limits=limits, etag='"v1"')
        assert raised.value.kind == "timeout" and "deadline" in raised.value.message
        assert time.monotonic() - started < 2  # the read timeout (5 s) did not decide it
    assert keepalive_server.connections == 1  # and no new connection was tried once the deadline had passed


def test_a_folded_header_is_read_as_one_line_and_never_sent_back_as_two(http_server: LocalHTTPServer) -> None:
    def handler(req: Request) -> None:
        if req.headers.get("if-none-match"):
            req.send(304, b"", content_type=None)
        else:
            req.write_raw(
                b'HTTP/1.1 200 OK\r\nETag: "v1"\r\n  "v2"\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc'
            )

    http_server.route("/f", handler)
    first = fetch(http_server.url("/f"), limits=LIMITS)
    assert first.body == b"abc" and first.etag == '"v1" "v2"'
    assert fetch(http_server.url("/f"), limits=LIMITS, etag="a\r\nX-Injected: yes").not_modified
    sent = http_server.hits("/f")[1].headers
    assert sent["if-none-match"] == "a X-Injected: yes" and "x-injected" not in sent


def test_a_kept_tls_connection_carries_the_next_request(
    https_server: LocalHTTPServer, tls_files: tuple[Path, Path]
) -> None:
    https_server.route("/f", lambda r: r.send(200, FEED))
    seen: list[tuple[str, socket.socket]] = []
    trusting = ssl.create_default_context(cafile=str(tls_files[0]))
    with make_client(LIMITS, verify=trusting, trust_env=False) as client:
        for _ in range(2):
            response = client.send(HttpRequest(https_server.url("/f"), {}, 2, 2, reached=lambda *hop: seen.append(hop)))
            assert response.status == 200 and b"".join(response.chunks) == FEED
            response.close()
        assert fetch(https_server.url("/f"), client=client, limits=LIMITS).body == FEED
    # A new connection is shown to the guard as its TCP socket, before TLS; the second request
    # showed the TLS socket itself: the connection was reused, and judged again.
    assert len(seen) == 2 and not isinstance(seen[0][1], ssl.SSLSocket) and isinstance(seen[1][1], ssl.SSLSocket)


def test_an_idle_connection_on_a_descriptor_above_1024_is_still_judged_alive() -> None:
    """A daemon with a raised file limit holds sockets past select()'s FD_SETSIZE; a kept
    connection there must not be taken for a closed one (and dropped) at every reuse."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    high = 1500
    if hard != resource.RLIM_INFINITY and hard <= high:
        pytest.skip(f"the file limit ({hard}) does not reach descriptor {high}")
    raised = soft <= high
    if raised:
        resource.setrlimit(resource.RLIMIT_NOFILE, (high + 1, hard))
    ours, theirs = socket.socketpair()
    try:
        fd = os.dup2(ours.fileno(), high)
        idle = socket.socket(fileno=fd)
        try:
            assert not httpclient._readable(idle)  # nothing sent: alive
            theirs.close()
            assert httpclient._readable(idle)  # the peer hung up: to be replaced
        finally:
            idle.close()
    finally:
        ours.close()
        theirs.close()
        if raised:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
