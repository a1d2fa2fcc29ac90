"""monitor.feeds.fetch against real local servers (127.0.0.1 only), including hostile ones."""

from __future__ import annotations

import email.utils
import gzip
import os
import pickle
import ssl
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import brotli
import pytest

from monitor import PROJECT_URL
from monitor.errors import FetchError, TooLargeError
from monitor.feeds.fetch import (
    FetchLimits,
    HttpClient,
    address_class,
    cache_hint_seconds,
    default_ssl_context,
    fetch,
    fetch_article_text,
    make_client,
)
from monitor.feeds.parse import parse_feed
from tests.feeds.test_feedparse import quadratic_blowup
from tests.support.conftest_http import http_server, https_server, tls_files  # noqa: F401
from tests.support.httpserver import LocalHTTPServer, Request, free_port

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test feed</title>
<item><title>One</title><link>http://example.org/1</link><guid>id-1</guid></item>
</channel></rss>"""

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=5, max_bytes=1_000_000)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with make_client(LIMITS, trust_env=False) as c:
        yield c


def fetch_error(url: str, client: HttpClient, limits: FetchLimits = LIMITS, **kw: object) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(url, client=client, limits=limits, **kw)  # type: ignore[arg-type]
    return info.value


# -- success, validators, headers -------------------------------------------------------


def test_plain_fetch_returns_body_headers_and_hash(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route(
        "/f",
        lambda r: r.send(
            200,
            FEED,
            {"ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT", "X-Custom": "yes"},
            content_type="application/rss+xml",
        ),
    )
    result = fetch(http_server.url("/f"), client=client, limits=LIMITS)
    assert result.status == 200 and result.body == FEED and not result.not_modified
    assert result.url == http_server.url("/f") and result.moved_to is None
    assert result.etag == '"v1"' and result.last_modified == "Wed, 01 May 2024 10:00:00 GMT"
    assert result.headers["x-custom"] == "yes" and result.content_type == "application/rss+xml"
    assert result.body_sha256 and len(result.body_sha256) == 64
    assert 0 <= result.elapsed < 2
    sent = http_server.hits("/f")[0].headers
    assert PROJECT_URL in sent["user-agent"]
    assert "gzip" in sent["accept-encoding"] and "br" in sent["accept-encoding"]
    assert "application/rss+xml" in sent["accept"]
    assert "if-none-match" not in sent


def test_fetch_without_a_client_makes_and_closes_its_own(http_server: LocalHTTPServer) -> None:
    http_server.route("/f", lambda r: r.send(200, FEED))
    assert fetch(http_server.url("/f"), limits=LIMITS).body == FEED


def test_conditional_get_with_etag_gives_304_without_body(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        if req.headers.get("if-none-match") == '"v1"':
            req.send(304, b"", {"ETag": '"v1"'}, content_type=None)
        else:
            req.send(200, FEED, {"ETag": '"v1"'})

    http_server.route("/f", handler)
    first = fetch(http_server.url("/f"), client=client, limits=LIMITS)
    second = fetch(http_server.url("/f"), client=client, limits=LIMITS, etag=first.etag)
    assert second.status == 304 and second.not_modified and second.body is None and second.body_sha256 is None
    assert second.etag == '"v1"'
    assert http_server.hits("/f")[1].headers["if-none-match"] == '"v1"'


def test_conditional_get_with_last_modified(http_server: LocalHTTPServer, client: HttpClient) -> None:
    stamp = "Wed, 01 May 2024 10:00:00 GMT"

    def handler(req: Request) -> None:
        if req.headers.get("if-modified-since") == stamp:
            req.send(304, b"", content_type=None)  # no validators echoed: we must keep ours
        else:
            req.send(200, FEED, {"Last-Modified": stamp})

    http_server.route("/f", handler)
    first = fetch(http_server.url("/f"), client=client, limits=LIMITS)
    second = fetch(http_server.url("/f"), client=client, limits=LIMITS, last_modified=first.last_modified, etag=None)
    assert second.not_modified and second.last_modified == stamp


# -- redirects ------------------------------------------------------------------------


@pytest.mark.parametrize("status, permanent", [(301, True), (308, True), (302, False), (303, False), (307, False)])
def test_redirect_statuses(http_server: LocalHTTPServer, client: HttpClient, status: int, permanent: bool) -> None:
    http_server.route("/old", lambda r: r.send(status, b"", {"Location": "/new"}, content_type=None))
    http_server.route("/new", lambda r: r.send(200, FEED))
    result = fetch(http_server.url("/old"), client=client, limits=LIMITS)
    assert result.body == FEED and result.url == http_server.url("/new")
    assert result.redirects == (http_server.url("/new"),)
    assert result.moved_to == (http_server.url("/new") if permanent else None)


def test_moved_to_stops_at_the_first_temporary_hop(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(301, b"", {"Location": "/b"}, content_type=None))
    http_server.route("/b", lambda r: r.send(302, b"", {"Location": "/c"}, content_type=None))
    http_server.route("/c", lambda r: r.send(301, b"", {"Location": "/d"}, content_type=None))
    http_server.route("/d", lambda r: r.send(200, FEED))
    result = fetch(http_server.url("/a"), client=client, limits=LIMITS)
    assert result.moved_to == http_server.url("/b")
    assert result.url == http_server.url("/d")


def test_redirect_then_304_keeps_the_request_validators(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(302, b"", {"Location": "/b"}, content_type=None))
    http_server.route("/b", lambda r: r.send(304, b"", content_type=None))
    result = fetch(http_server.url("/a"), client=client, limits=LIMITS, etag='"x"')
    assert result.not_modified and result.etag == '"x"'
    assert http_server.hits("/b")[0].headers["if-none-match"] == '"x"'


def test_redirect_loop(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(302, b"", {"Location": "/b"}, content_type=None))
    http_server.route("/b", lambda r: r.send(301, b"", {"Location": "/a"}, content_type=None))
    err = fetch_error(http_server.url("/a"), client)
    assert err.kind == "redirect_loop"


def test_at_most_five_redirects(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def hop(target: str) -> Callable[[Request], None]:
        return lambda r: r.send(302, b"", {"Location": target}, content_type=None)

    for i in range(7):
        http_server.route(f"/r{i}", hop(f"/r{i + 1}"))
    http_server.route("/r7", lambda r: r.send(200, FEED))
    assert fetch(http_server.url("/r2"), client=client, limits=LIMITS).url.endswith("/r7")  # exactly 5
    err = fetch_error(http_server.url("/r1"), client)  # 6 redirects
    assert err.kind == "too_many_redirects"


def test_redirect_to_a_local_file_is_refused(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(301, b"", {"Location": "file:///etc/passwd"}, content_type=None))
    assert fetch_error(http_server.url("/a"), client).kind == "unsupported_scheme"


def test_redirect_without_location(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(302, b"", content_type=None))
    err = fetch_error(http_server.url("/a"), client)
    assert err.kind == "http_status" and err.status == 302


# -- status handling ----------------------------------------------------------------------


def test_410_gone(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/f", lambda r: r.send(410, b"gone", content_type="text/plain"))
    err = fetch_error(http_server.url("/f"), client)
    assert (err.kind, err.status, err.retry_after) == ("http_status", 410, None)


def test_429_with_retry_after_seconds(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/f", lambda r: r.send(429, b"slow down", {"Retry-After": "120"}, content_type="text/plain"))
    err = fetch_error(http_server.url("/f"), client)
    assert (err.kind, err.status, err.retry_after) == ("http_status", 429, 120.0)


def test_503_with_retry_after_date(http_server: LocalHTTPServer, client: HttpClient) -> None:
    when = email.utils.formatdate(time.time() + 90, usegmt=True)
    http_server.route("/f", lambda r: r.send(503, b"", {"Retry-After": when}, content_type=None))
    err = fetch_error(http_server.url("/f"), client)
    assert err.status == 503 and err.retry_after is not None and 80 <= err.retry_after <= 91


def test_503_without_retry_after(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/f", lambda r: r.send(503, b"", content_type=None))
    err = fetch_error(http_server.url("/f"), client)
    assert err.status == 503 and err.retry_after is None


def test_500_then_recovery(http_server: LocalHTTPServer, client: HttpClient) -> None:
    calls = {"n": 0}

    def handler(req: Request) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            req.send(500, b"boom", content_type="text/plain")
        else:
            req.send(200, FEED)

    http_server.route("/f", handler)
    err = fetch_error(http_server.url("/f"), client)
    assert (err.kind, err.status) == ("http_status", 500)
    assert fetch(http_server.url("/f"), client=client, limits=LIMITS).body == FEED


def test_404(http_server: LocalHTTPServer, client: HttpClient) -> None:
    err = fetch_error(http_server.url("/missing"), client)
    assert (err.kind, err.status) == ("http_status", 404)


# -- size limits and compression ------------------------------------------------------------


def test_too_large_by_content_length_is_refused_before_reading(
    http_server: LocalHTTPServer, client: HttpClient
) -> None:
    def handler(req: Request) -> None:
        req.start(200, {"Content-Length": str(50_000_000), "Content-Type": "application/xml"})
        req.stream(iter(lambda: b"x" * 65536, None))

    http_server.route("/big", handler)
    started = time.monotonic()
    err = fetch_error(http_server.url("/big"), client)
    assert err.kind == "too_large" and isinstance(err, TooLargeError)
    assert "Content-Length" in err.message
    assert time.monotonic() - started < 2


def test_too_large_while_streaming_without_content_length(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:  # an endless body, connection-close framed
        req.start(200, {"Content-Type": "application/xml"})
        req.stream(iter(lambda: b"<x>" * 20000, None))

    http_server.route("/endless", handler)
    started = time.monotonic()
    err = fetch_error(http_server.url("/endless"), client)
    assert err.kind == "too_large"
    assert time.monotonic() - started < 3


def test_body_exactly_at_the_limit_is_accepted(http_server: LocalHTTPServer, client: HttpClient) -> None:
    limits = FetchLimits(max_bytes=1000, deadline_seconds=5, connect_timeout=2, read_timeout=2)
    http_server.route("/f", lambda r: r.send(200, b"a" * 1000))
    http_server.route("/g", lambda r: r.send(200, b"a" * 1001))
    assert len(fetch(http_server.url("/f"), client=client, limits=limits).body or b"") == 1000
    assert fetch_error(http_server.url("/g"), client, limits).kind == "too_large"


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """~100 KB of gzip that inflates to 100 MB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    return b"".join([compressor.compress(block) for _ in range(100)] + [compressor.flush()])


def test_gzip_bomb_is_stopped_in_bounded_memory(
    http_server: LocalHTTPServer, client: HttpClient, gzip_bomb: bytes
) -> None:
    assert len(gzip_bomb) < 200_000
    http_server.route("/bomb", lambda r: r.send(200, gzip_bomb, {"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        started = time.monotonic()
        err = fetch_error(http_server.url("/bomb"), client)
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.kind == "too_large" and "decoded" in err.message
    assert elapsed < 3
    # The 1 MB limit plus one 256 KiB decode step and a network buffer: nowhere near 100 MB.
    assert peak < 4 * LIMITS.max_bytes, peak


def test_brotli_bomb_is_stopped_in_bounded_memory(http_server: LocalHTTPServer, client: HttpClient) -> None:
    bomb = brotli.compress(b"\0" * (64 << 20), quality=1)
    assert len(bomb) < 300_000
    http_server.route("/bomb", lambda r: r.send(200, bomb, {"Content-Encoding": "br"}))
    tracemalloc.start()
    try:
        err = fetch_error(http_server.url("/bomb"), client)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.kind == "too_large"
    assert peak < 4 * LIMITS.max_bytes, peak


@pytest.mark.parametrize(
    "encoding, encode",
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda d: zlib.compress(d)[2:-4]),  # raw deflate, as many servers send
        ("br", brotli.compress),
        ("gzip", lambda d: gzip.compress(d[:100]) + gzip.compress(d[100:])),  # two members
        ("gzip", lambda d: d),  # declared but not compressed: accepted like feedparser does
        ("gzip, br", lambda d: brotli.compress(gzip.compress(d))),
    ],
)
def test_content_encodings_are_decoded(http_server: LocalHTTPServer, client: HttpClient, encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    http_server.route("/f", lambda r: r.send(200, encode(FEED), {"Content-Encoding": encoding}))
    result = fetch(http_server.url("/f"), client=client, limits=LIMITS)
    assert result.body == FEED


def test_corrupt_gzip_is_a_parse_error(http_server: LocalHTTPServer, client: HttpClient) -> None:
    broken = bytearray(gzip.compress(FEED * 20))
    broken[20:40] = b"\xff" * 20
    http_server.route("/f", lambda r: r.send(200, bytes(broken), {"Content-Encoding": "gzip"}))
    err = fetch_error(http_server.url("/f"), client)
    assert err.kind == "parse_error" and "gzip" in err.message


# -- time limits ------------------------------------------------------------------------------


@pytest.mark.timeout(15)
def test_slow_drip_body_hits_the_deadline(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        req.start(200, {"Content-Length": "100000", "Content-Type": "application/xml"})
        req.stream(iter(lambda: b"x", None), interval=0.05)  # each read well inside the read timeout

    http_server.route("/drip", handler)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, deadline_seconds=1.5, max_bytes=1_000_000)
    started = time.monotonic()
    err = fetch_error(http_server.url("/drip"), client, limits)
    elapsed = time.monotonic() - started
    assert err.kind == "timeout" and "deadline" in err.message
    assert 1.4 <= elapsed < 2.5


@pytest.mark.timeout(15)
def test_slow_drip_in_the_headers_hits_the_deadline(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        req.write_raw(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        req.stream(iter(lambda: b"a", None), interval=0.05)  # the headers never end

    http_server.route("/drip", handler)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, deadline_seconds=1.5, max_bytes=1_000_000)
    started = time.monotonic()
    err = fetch_error(http_server.url("/drip"), client, limits)
    elapsed = time.monotonic() - started
    assert err.kind == "timeout"
    assert elapsed < 2.5


@pytest.mark.timeout(15)
def test_stalled_body_hits_the_read_timeout(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        req.start(200, {"Content-Length": "1000"})
        req.write(b"<rss>")
        req.sleep(10)

    http_server.route("/stall", handler)
    limits = FetchLimits(connect_timeout=1, read_timeout=0.5, deadline_seconds=5, max_bytes=1_000_000)
    started = time.monotonic()
    err = fetch_error(http_server.url("/stall"), client, limits)
    assert err.kind == "timeout" and "read" in err.message
    assert time.monotonic() - started < 1.5


@pytest.mark.timeout(15)
def test_no_response_at_all_hits_the_read_timeout(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/silent", lambda r: None if r.sleep(10) else None)
    limits = FetchLimits(connect_timeout=1, read_timeout=0.5, deadline_seconds=5, max_bytes=1_000_000)
    assert fetch_error(http_server.url("/silent"), client, limits).kind == "timeout"


def test_endless_headers_are_refused_quickly(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        req.write_raw(b"HTTP/1.1 200 OK\r\n")
        req.stream(iter(lambda: b"X-Junk: " + b"a" * 8000 + b"\r\n", None))

    http_server.route("/headers", handler)
    started = time.monotonic()
    err = fetch_error(http_server.url("/headers"), client)
    assert err.kind == "io" and time.monotonic() - started < 2  # h11's 100 KB header limit


def test_server_closing_mid_body_is_io(http_server: LocalHTTPServer, client: HttpClient) -> None:
    def handler(req: Request) -> None:
        req.start(200, {"Content-Length": "1000"})
        req.write(b"<rss>")  # then the connection closes: 995 bytes short

    http_server.route("/short", handler)
    assert fetch_error(http_server.url("/short"), client).kind == "io"


# -- hostile content, end to end ---------------------------------------------------------------


def test_served_feed_with_a_wrong_charset_is_ingested(http_server: LocalHTTPServer, client: HttpClient) -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>\u201cShells\u201d caf\xe9</title><guid>1</guid></item></channel></rss>"
    )
    http_server.route(
        "/f", lambda r: r.send(200, text.encode("cp1252"), content_type="application/rss+xml; charset=utf-8")
    )
    result = fetch(http_server.url("/f"), client=client, limits=LIMITS)
    feed = parse_feed(result.body or b"", result.headers, result.url)
    assert feed.bozo and "CharacterEncodingOverride" in (feed.bozo_reason or "")
    assert feed.entries[0]["title"] == "\u201cShells\u201d caf\xe9"


@pytest.mark.timeout(30)
def test_served_entity_bomb_is_bounded(http_server: LocalHTTPServer, client: HttpClient) -> None:
    # Gzipped, the quadratic blow-up is 1 KB on the wire and 1 GB if expanded.
    bomb = gzip.compress(quadratic_blowup(broken=True))
    assert len(bomb) < 5000
    http_server.route(
        "/f", lambda r: r.send(200, bomb, {"Content-Encoding": "gzip"}, content_type="application/rss+xml")
    )
    tracemalloc.start()
    try:
        started = time.monotonic()
        result = fetch(http_server.url("/f"), client=client, limits=LIMITS)
        feed = parse_feed(result.body or b"", result.headers, result.url)
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 10 and peak < 64 * 1024 * 1024
    assert any("entity declarations" in note for note in feed.notes)
    assert all(len(e["summary"] or "") < 2 * len(result.body or b"") for e in feed.entries)


# -- connection errors ------------------------------------------------------------------------


def test_connection_refused_is_connect(client: HttpClient) -> None:
    err = fetch_error(f"http://127.0.0.1:{free_port()}/feed.xml", client)
    assert err.kind == "connect"


def test_unresolvable_host_is_dns(client: HttpClient) -> None:
    # A name under .invalid (RFC 6761) that glibc refuses to put into a DNS query at all:
    # it is longer than 253 characters. An ordinary "x.invalid" *is* sent to the
    # configured resolver here (checked with strace), which a loopback-only test must not
    # do; this one fails inside getaddrinfo with EAI_NONAME and no packet leaves the host.
    host = ".".join(["a" * 63] * 5) + ".invalid"
    err = fetch_error(f"http://{host}/feed.xml", client)
    assert err.kind == "dns"


def test_self_signed_certificate_is_tls(
    https_server: LocalHTTPServer, client: HttpClient, tls_files: tuple[Path, Path]
) -> None:
    https_server.route("/f", lambda r: r.send(200, FEED))
    err = fetch_error(https_server.url("/f"), client)
    assert err.kind == "tls" and "certificate" in err.message.lower()
    # The same server is fine for a client that trusts the certificate.
    trusting = ssl.create_default_context(cafile=str(tls_files[0]))
    with make_client(LIMITS, verify=trusting, trust_env=False) as trusted:
        assert fetch(https_server.url("/f"), client=trusted, limits=LIMITS).body == FEED


def test_the_default_context_reads_ssl_cert_file_at_the_first_handshake(
    https_server: LocalHTTPServer, tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CA bundle costs a poll of plain-http feeds nothing, and still verifies https ones."""
    https_server.route("/f", lambda r: r.send(200, FEED))
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    monkeypatch.setattr("monitor.feeds.fetch._ssl_contexts", {})  # made here, whatever ran before
    context = default_ssl_context()
    assert context.cert_store_stats()["x509_ca"] == 0  # not read yet
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    with make_client(LIMITS) as client:
        assert fetch(https_server.url("/f"), client=client, limits=LIMITS).body == FEED
    assert context.cert_store_stats()["x509_ca"] == 1  # the test CA, and only it
    monkeypatch.delenv("SSL_CERT_FILE")
    with make_client(LIMITS) as certifi_client:  # certifi's bundle does not know the test CA
        refused = fetch_error(https_server.url("/f"), certifi_client)
    # What to do is part of the failure: a private CA is what an operator most often meets here.
    assert refused.kind == "tls" and refused.message.startswith("the server's certificate was refused (")
    assert refused.message.endswith(
        "): if the server's certificate comes from a private CA, set SSL_CERT_FILE to a PEM bundle holding it"
    )


def test_https_to_a_plain_http_server_is_tls(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/f", lambda r: r.send(200, FEED))
    err = fetch_error(http_server.url("/f").replace("http://", "https://"), client)
    assert err.kind == "tls"


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/", "javascript:alert(1)", "http:///nohost"]
)
def test_unsupported_schemes(url: str, client: HttpClient) -> None:
    assert fetch_error(url, client).kind == "unsupported_scheme"


def test_fetch_errors_pickle_and_keep_their_fields() -> None:
    err = FetchError("http_status", "HTTP 429", "http://127.0.0.1/x", 30.0, 429)
    again = pickle.loads(pickle.dumps(err))
    assert (again.kind, again.message, again.url, again.retry_after, again.status) == (
        "http_status",
        "HTTP 429",
        "http://127.0.0.1/x",
        30.0,
        429,
    )
    with pytest.raises(ValueError):
        FetchError("nonsense", "x")


# -- local files ----------------------------------------------------------------------------------


def test_local_path_and_file_url(tmp_path: Path) -> None:
    path = tmp_path / "my feed.xml"
    path.write_bytes(FEED)
    by_path = fetch(str(path), limits=LIMITS)
    by_url = fetch(path.as_uri(), limits=LIMITS)
    assert by_path.body == by_url.body == FEED
    assert by_path.status == 200 and by_path.content_type == "application/xml"
    again = fetch(str(path), limits=LIMITS, etag=by_path.etag)
    assert again.not_modified and again.body is None
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert not fetch(str(path), limits=LIMITS, etag=by_path.etag).not_modified


def test_local_file_errors(tmp_path: Path) -> None:
    assert fetch_error(str(tmp_path / "missing.xml"), None).kind == "not_found"  # type: ignore[arg-type]
    assert fetch_error(str(tmp_path), None).kind == "io"  # type: ignore[arg-type]
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2000)
    small = FetchLimits(max_bytes=1000)
    assert fetch_error(str(big), None, small).kind == "too_large"  # type: ignore[arg-type]
    assert fetch_error("/dev/zero", None).kind == "io"  # type: ignore[arg-type]
    assert fetch_error("file://otherhost/etc/passwd", None).kind == "unsupported_scheme"  # type: ignore[arg-type]
    with pytest.raises(FetchError) as info:
        fetch(str(big), allow_local=False)
    assert info.value.kind == "unsupported_scheme"


# -- cache hints ------------------------------------------------------------------------------------


def test_cache_hints() -> None:
    assert cache_hint_seconds({"cache-control": "public, max-age=600"}) == 600
    assert cache_hint_seconds({"cache-control": "max-age=600", "age": "100"}) == 500
    assert cache_hint_seconds({"cache-control": "no-cache, max-age=600"}) is None
    assert cache_hint_seconds({}) is None
    date = "Wed, 01 May 2024 10:00:00 GMT"
    assert cache_hint_seconds({"expires": "Wed, 01 May 2024 10:30:00 GMT", "date": date}) == 1800
    assert cache_hint_seconds({"expires": "0"}) == 0.0
    # max-age wins over Expires (RFC 9111).
    assert (
        cache_hint_seconds({"cache-control": "max-age=60", "expires": "Wed, 01 May 2024 10:30:00 GMT", "date": date})
        == 60
    )


def test_cache_hint_reaches_the_result(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/f", lambda r: r.send(200, FEED, {"Cache-Control": "max-age=900"}))
    assert fetch(http_server.url("/f"), client=client, limits=LIMITS).cache_hint_seconds == 900


def test_limits_from_config_mapping() -> None:
    limits = FetchLimits.from_config({"timeout_seconds": 7, "deadline_seconds": 20, "max_bytes": 1234})
    assert (limits.connect_timeout, limits.read_timeout, limits.deadline_seconds, limits.max_bytes) == (7, 7, 20, 1234)
    assert limits.max_redirects == 5 and PROJECT_URL in limits.user_agent
    with pytest.raises(ValueError):
        FetchLimits(deadline_seconds=0)


# -- full text ------------------------------------------------------------------------------------

ARTICLE = """<!doctype html><html><head><title>Shells</title><script>var x = "tracking";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>North Korea shipped more shells</h1>
<p>North Korea has shipped more than one million artillery shells to Russia since August, according to
officials who spoke on condition of anonymity about the intelligence assessment.</p>
<p>The shipments travelled by rail and by sea, the officials said, and included rockets as well as
ammunition for older Soviet-era guns that Russia still fields in large numbers along the front.</p>
<p>Analysts said the figures were consistent with satellite images of increased rail traffic near the border.</p>
</article><footer>Copyright 2024. All rights reserved.</footer></body></html>"""


def test_full_text_extraction(http_server: LocalHTTPServer, client: HttpClient) -> None:
    http_server.route("/a", lambda r: r.send(200, ARTICLE, content_type="text/html; charset=utf-8"))
    text, reason = fetch_article_text(http_server.url("/a"), client, LIMITS)
    assert reason is None and text is not None
    assert "one million artillery shells" in text and "tracking" not in text


def test_full_text_failures_are_reasons(http_server: LocalHTTPServer, client: HttpClient, tmp_path: Path) -> None:
    http_server.route("/pdf", lambda r: r.send(200, b"%PDF-1.4", content_type="application/pdf"))
    http_server.route("/tiny", lambda r: r.send(200, "<html><body><p>Hi.</p></body></html>", content_type="text/html"))
    assert fetch_article_text(http_server.url("/missing"), client, LIMITS)[1].startswith("http_status")  # type: ignore[union-attr]
    assert fetch_article_text(http_server.url("/pdf"), client, LIMITS)[1].startswith("not_html")  # type: ignore[union-attr]
    assert fetch_article_text(http_server.url("/tiny"), client, LIMITS)[1].startswith("no_main_text")  # type: ignore[union-attr]
    local = tmp_path / "a.html"
    local.write_text(ARTICLE)
    text, reason = fetch_article_text(local.as_uri(), client, LIMITS)
    assert text is None and reason is not None and reason.startswith("unsupported_scheme")


@pytest.mark.parametrize(
    "target, expected",
    [
        ("http://127.0.0.1:8080/x", "private"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.9/", "private"),
        ("http://169.254.169.254/latest/meta-data", "private"),
        ("http://[::1]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "private"),
        ("http://100.64.0.1/", "private"),
        ("http://0.0.0.0/", "private"),
        ("http://93.184.216.34/feed", "public"),
        ("https://[2606:4700::1111]/", "public"),
        ("file:///tmp/feed.xml", "local"),
        ("/tmp/feed.xml", "local"),
        ("localhost", "private"),
    ],
)
def test_address_classes(target: str, expected: str) -> None:
    assert address_class(target) == expected


def test_full_text_of_a_public_feed_may_not_reach_a_private_address(
    http_server: LocalHTTPServer, client: HttpClient
) -> None:
    # The feed is on a public address (an IP literal: nothing is contacted to classify it);
    # the page it links to is on loopback, so it must not be requested at all.
    http_server.route("/a", lambda r: r.send(200, ARTICLE, content_type="text/html; charset=utf-8"))
    text, reason = fetch_article_text(http_server.url("/a"), client, LIMITS, feed_url="http://93.184.216.34/feed.xml")
    assert text is None and reason is not None
    assert reason.startswith("blocked_address") and "loopback address" in reason
    assert http_server.hits("/a") == []
    # A feed on loopback (a local or intranet server) may link to loopback pages.
    text, reason = fetch_article_text(http_server.url("/a"), client, LIMITS, feed_url=http_server.url("/feed.xml"))
    assert reason is None and text is not None and "artillery shells" in text


def test_the_guard_sees_every_redirect_hop_before_it_is_requested(
    http_server: LocalHTTPServer, client: HttpClient
) -> None:
    http_server.route("/start", lambda r: r.send(302, b"", {"Location": "/inner"}, content_type=None))
    http_server.route("/inner", lambda r: r.send(200, FEED))
    asked: list[str] = []

    def refuse_inner(url: str) -> None:
        asked.append(url)
        if url.endswith("/inner"):
            raise FetchError("unsupported_scheme", "refused by the test guard", url)

    error = fetch_error(http_server.url("/start"), client, guard=refuse_inner)
    assert error.kind == "unsupported_scheme" and "test guard" in error.message
    assert asked == [http_server.url("/start"), http_server.url("/inner")]
    assert http_server.hits("/inner") == []


@pytest.mark.timeout(15)
def test_slow_drip_over_tls_hits_the_deadline(https_server: LocalHTTPServer, tls_files: tuple[Path, Path]) -> None:
    # The watchdog must also reach a TLS socket blocked inside SSL_read.
    def handler(req: Request) -> None:
        req.write_raw(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        req.stream(iter(lambda: b"a", None), interval=0.05)

    https_server.route("/drip", handler)
    limits = FetchLimits(connect_timeout=1, read_timeout=1, deadline_seconds=1.5, max_bytes=1_000_000)
    trusting = ssl.create_default_context(cafile=str(tls_files[0]))
    with make_client(limits, verify=trusting, trust_env=False) as trusted:
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetch(https_server.url("/drip"), client=trusted, limits=limits)
    assert info.value.kind == "timeout" and time.monotonic() - started < 2.5


def test_the_deadline_clock_runs_due_callbacks_once_and_forgets_cancelled_ones() -> None:
    from monitor.feeds.watchdog import DeadlineClock as _DeadlineClock

    clock = _DeadlineClock()
    ran: list[str] = []
    start = time.monotonic()
    clock.add(start + 0.2, lambda: ran.append("late"))
    clock.add(start + 0.05, lambda: ran.append("early"))
    cancelled = clock.add(start + 0.1, lambda: ran.append("cancelled"))
    clock.cancel(cancelled)
    for _ in range(5000):  # fetches that finish before their deadline
        clock.cancel(clock.add(start + 60, lambda: ran.append("never")))
    for _ in range(100):
        if len(ran) == 2:
            break
        time.sleep(0.02)
    assert ran == ["early", "late"]
    clock.cancel(cancelled)  # cancelling twice, or after the fact, is harmless
    assert len(clock._heap) <= 2100 and len(clock._live) == len(clock._heap)
