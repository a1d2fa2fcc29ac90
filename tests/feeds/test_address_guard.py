"""No fetch moves to a more private address than it started from (issue 12 item 3, SSRF).

A stand-in transport plays the internet: it answers for public and internal addresses
alike and records every request it was asked to send, so a refused hop is proven never
requested, and nothing here ever connects to 169.254.169.254, 10.0.0.5 or any address but
127.0.0.1 (the real-socket tests use LocalHTTPServer on loopback).
"""

from __future__ import annotations

import pickle
import random
import socket
from pathlib import Path

import pytest

from monitor.errors import FETCH_ERROR_KINDS, FetchError, fetch_error
from monitor.feeds.fetch import AddressGuard, FetchLimits, fetch, fetch_article_text, ip_address_class, make_client
from monitor.feeds.httpclient import HttpClient, HttpRequest, HttpResponse
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import START, CountingParser, events, items, open_test_app, rss, write_config

pytestmark = pytest.mark.timeout(30)

PUBLIC_FEED = "http://93.184.216.34/feed.xml"
FEED = rss(items("guard", 2))
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline_seconds=5, max_bytes=1_000_000)

INTERNAL = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",  # cloud metadata
    "http://[fd00:ec2::254]/latest/meta-data/",  # AWS metadata over IPv6 (a unique-local address)
    "http://10.0.0.5/admin",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",  # private, CGNAT
    "http://127.0.0.1:8080/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://0.0.0.0:9/",
    "http://[fe80::1]/",
    "http://2130706433/",  # unspecified, link-local, 127.0.0.1 as a number
    "http://localhost:9/",  # a name that resolves to loopback
]


class Internet:
    """A transport that serves ``routes`` (URL -> (status, headers, body)) and records requests."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> None:
        self.routes = routes
        self.asked: list[str] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.asked.append(request.url)
        status, headers, body = self.routes.get(request.url, (200, {"Content-Type": "application/rss+xml"}, FEED))
        return HttpResponse(status, "", list(headers.items()), iter([body]), lambda: None)  # a stream, as from a socket

    def client(self) -> HttpClient:
        return make_client(LIMITS, transport=self)


def moved(to: str, status: int = 301) -> tuple[int, dict[str, str], bytes]:
    return status, {"Location": to}, b""


@pytest.mark.parametrize("target", INTERNAL)
@pytest.mark.parametrize("status", [301, 302, 307])
def test_a_public_feed_redirecting_inside_is_refused_before_the_request(target: str, status: int) -> None:
    internet = Internet({PUBLIC_FEED: moved(target, status)})
    with internet.client() as client, pytest.raises(FetchError) as raised:
        fetch(PUBLIC_FEED, client=client, limits=LIMITS)
    assert raised.value.kind == "blocked_address"
    assert "allow_private_addresses" in raised.value.message
    assert internet.asked == [PUBLIC_FEED]  # the internal address was never asked for


def test_public_to_public_redirects_are_followed_and_a_name_is_judged_by_its_addresses() -> None:
    internet = Internet(
        {
            PUBLIC_FEED: moved("http://93.184.216.35/feed"),
            "http://93.184.216.35/feed": moved("http://[2606:4700::1111]/feed", 308),
        }
    )
    with internet.client() as client:
        result = fetch(PUBLIC_FEED, client=client, limits=LIMITS)
        assert result.status == 200 and result.url == "http://[2606:4700::1111]/feed"
        # A name the sandbox cannot resolve says nothing; the connection would decide.
        start = "http://feeds.example.invalid/rss"
        internet.routes[start] = moved("http://127.0.0.1:9/feed")
        with pytest.raises(FetchError) as raised:
            fetch(start, client=client, limits=LIMITS)
    assert raised.value.kind == "blocked_address"  # an unresolvable start counts as public: the strictest


@pytest.mark.parametrize(
    "target, allowed",
    [
        ("http://10.0.0.6/feed", True),
        ("http://93.184.216.34/feed", True),
        ("http://127.0.0.1/feed", False),
        ("http://169.254.169.254/", False),
        ("http://[::1]/", False),
    ],
)
def test_an_intranet_feed_may_move_within_the_intranet_or_out_never_further_in(target: str, allowed: bool) -> None:
    start = "http://10.0.0.5/feed.xml"
    internet = Internet({start: moved(target)})
    with internet.client() as client:
        if allowed:
            assert fetch(start, client=client, limits=LIMITS).url == target
        else:
            with pytest.raises(FetchError) as raised:
                fetch(start, client=client, limits=LIMITS)
            assert raised.value.kind == "blocked_address" and internet.asked == [start]


def test_allow_private_addresses_turns_the_guard_off() -> None:
    internet = Internet({PUBLIC_FEED: moved("http://10.0.0.5/feed")})
    limits = FetchLimits.from_config({"allow_private_addresses": True, "timeout_seconds": 2})
    with internet.client() as client:
        assert fetch(PUBLIC_FEED, client=client, limits=limits).url == "http://10.0.0.5/feed"


def test_full_text_links_and_their_redirects_keep_to_the_feeds_class() -> None:
    page = "http://93.184.216.40/story"
    internet = Internet({page: moved("http://169.254.169.254/latest/meta-data/")})
    with internet.client() as client:
        text, reason = fetch_article_text(page, client, LIMITS, feed_url=PUBLIC_FEED)
        assert text is None and reason is not None and reason.startswith("blocked_address")
        text, reason = fetch_article_text("http://10.1.1.1/story", client, LIMITS, feed_url=PUBLIC_FEED)
        assert text is None and reason is not None and reason.startswith("blocked_address")
    assert internet.asked == [page]


def test_a_polled_public_feed_moved_to_the_metadata_service_is_a_failure_not_a_move(tmp_path: Path) -> None:
    from monitor.feeds.hostgate import HostGate
    from monitor.feeds.poller import poll_feed

    metadata = "http://169.254.169.254/latest/meta-data/"
    internet = Internet({PUBLIC_FEED: moved(metadata)})
    app = open_test_app(write_config(tmp_path, {"pub": PUBLIC_FEED}))
    with app, internet.client() as client:
        found, result = poll_feed(
            app,
            app.config.feed("pub"),
            client=client,
            gate=HostGate(per_host_gap_seconds=0),
            parse=CountingParser().parse,
            now=START,
            rng=random.Random(1),
            limits=LIMITS,
        )
        app.store.append(found)
    assert result.error_kind == "blocked_address"
    assert [e.type for e in found] == ["FeedFailed"]
    assert found[0].data["kind"] == "blocked_address" and "169.254.169.254" in found[0].data["message"]
    assert events(app.db_path, "FeedMoved") == []
    assert internet.asked == [PUBLIC_FEED]


def test_a_loopback_feed_stays_free_to_redirect_on_loopback(http_server: LocalHTTPServer) -> None:
    http_server.route("/old.xml", lambda r: r.send(301, b"", {"Location": "/new.xml"}, content_type=None))
    http_server.route("/new.xml", lambda r: r.send(200, FEED))
    result = fetch(http_server.url("/old.xml"), limits=LIMITS)
    assert result.status == 200 and result.moved_to == http_server.url("/new.xml")
    # By name: the ceiling is learned from the address the first connection reached.
    by_name = http_server.url("/old.xml").replace("127.0.0.1", "localhost")
    assert fetch(by_name, limits=LIMITS).status == 200


def test_the_address_a_connection_reached_is_checked_too(http_server: LocalHTTPServer) -> None:
    # A name that resolved to a public address when checked and to 127.0.0.1 when connecting
    # (DNS rebinding) ends here: the guard sees the socket's peer before any byte of HTTP.
    sock = socket.create_connection(("127.0.0.1", http_server.port), timeout=2)
    guard = AddressGuard(PUBLIC_FEED)
    with pytest.raises(FetchError) as raised:
        guard.on_connect("news.example.org", "news.example.org", sock)
    assert raised.value.kind == "blocked_address" and sock.fileno() == -1  # closed
    proxied = socket.create_connection(("127.0.0.1", http_server.port), timeout=2)
    try:
        guard.on_connect("news.example.org", "127.0.0.1", proxied)  # a proxy's address says nothing
    finally:
        proxied.close()
    assert http_server.hits("/") == []


@pytest.mark.parametrize(
    "address, kind",
    [
        ("8.8.8.8", "public"),
        ("2606:4700::1111", "public"),
        ("10.0.0.1", "private"),
        ("fd12::1", "private"),
        ("224.0.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.100.100.200", "link-local"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),
        ("64:ff9b::a9fe:a9fe", "link-local"),
    ],
)
def test_address_classes_from_public_to_loopback(address: str, kind: str) -> None:
    import ipaddress

    assert ip_address_class(ipaddress.ip_address(address)) == kind


def test_blocked_address_is_a_stable_error_kind_that_survives_the_process_pool() -> None:
    assert "blocked_address" in FETCH_ERROR_KINDS
    error = fetch_error("blocked_address", "refused", "http://10.0.0.5/")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and again.kind == "blocked_address"


def test_the_setting_is_read_from_config(tmp_path: Path) -> None:
    from monitor.config import parse_config

    config = parse_config({"fetch": {"allow_private_addresses": True}}, tmp_path / "config.toml")
    assert FetchLimits.from_config(config.fetch).allow_private_addresses is True
    assert FetchLimits.from_config(parse_config({}, None).fetch).allow_private_addresses is False
