"""The project's exception hierarchy; most of it names what can go wrong while fetching.

The hierarchy, in the style of httpx's ``_exceptions.py``::

    MonitorError
    ├── ConfigError                   (monitor.config) config.toml missing or invalid
    └── FetchError                    kind = one of FETCH_ERROR_KINDS
        ├── TransportError            the connection itself failed
        │   ├── FetchTimeout          kind "timeout" (deadline, connect or read timeout)
        │   ├── DNSError              kind "dns"
        │   ├── ConnectError          kind "connect"
        │   ├── TLSError              kind "tls"
        │   └── NetworkIOError        kind "io" (reset mid-body, local file unreadable, ...)
        ├── HTTPStatusError           kind "http_status" (status set; 410 = feed gone)
        ├── TooLargeError             kind "too_large"
        ├── RedirectError             kind "redirect_loop" | "too_many_redirects"
        ├── ParseError                kind "parse_error"
        ├── UnsupportedSchemeError    kind "unsupported_scheme"
        ├── BlockedAddressError       kind "blocked_address" (a move to a more private address)
        └── NotFoundError             kind "not_found" (a local file that does not exist)

Callers that only want the event payload read ``err.kind``, ``err.message``, ``err.status``
and ``err.retry_after``; the classes exist so code can ``except TooLargeError`` where that
reads better. The kind strings are stored in ``FeedFailed`` events: never rename them.

Every error pickles faithfully (it crosses the parse process pool).
"""

from __future__ import annotations

from typing import Any, Final

#: Every ``FetchError.kind``. Stable: these strings go into events.
FETCH_ERROR_KINDS: Final[frozenset[str]] = frozenset(
    {
        "timeout",
        "dns",
        "connect",
        "tls",
        "http_status",
        "too_large",
        "redirect_loop",
        "too_many_redirects",
        "parse_error",
        "unsupported_scheme",
        "blocked_address",
        "not_found",
        "io",
    }
)


#: Openings of the two messages that are definite answers rather than silence: the resolver
#: says the name does not exist, or the host itself refused the connection. A machine offline
#: gets neither (no resolver answers, no route to anywhere), so these failures are the feed's
#: own and never count toward a network outage. Stored in FeedFailed messages: never reword.
NO_SUCH_HOST: Final = "no such host"
REFUSED: Final = "the server refused the connection"


def definite_answer(kind: str | None, message: str | None) -> bool:
    """Did a resolver or the feed's host answer (no such name, connection refused), rather
    than nothing answering at all?"""
    text = message or ""
    return (kind == "dns" and text.startswith(NO_SUCH_HOST)) or (kind == "connect" and text.startswith(REFUSED))


class MonitorError(Exception):
    """Base class of every error nkru-monitor raises on purpose (the store has ``StoreError``)."""


class FetchError(MonitorError):
    """A feed or page could not be fetched or read.

    ``kind`` is a stable machine-readable string (see :data:`FETCH_ERROR_KINDS`),
    ``message`` a human one. ``status`` is the HTTP status when there was one, and
    ``retry_after`` the server's Retry-After in seconds (429/503) when it sent one.
    """

    def __init__(
        self,
        kind: str,
        message: str,
        url: str = "",
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        if kind not in FETCH_ERROR_KINDS:
            raise ValueError(f"unknown FetchError kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.url = url
        self.retry_after = retry_after
        self.status = status

    def __str__(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"{self.kind}: {self.message}{where}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, message={self.message!r}, url={self.url!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickling replays ``self.args`` (only the message); rebuild from all fields
        # instead, so a FetchError raised in a worker process arrives whole in the parent.
        return (
            _rebuild_fetch_error,
            (type(self).__name__, self.kind, self.message, self.url, self.retry_after, self.status),
        )

    def as_event_data(self) -> dict[str, Any]:
        """The fields a ``FeedFailed`` event records."""
        return {
            "kind": self.kind,
            "message": self.message,
            "url": self.url,
            "status": self.status,
            "retry_after": self.retry_after,
        }


class TransportError(FetchError):
    """The network conversation failed (before or while the body arrived)."""


class FetchTimeout(TransportError):
    """A connect/read timeout or the whole-fetch deadline expired (kind ``timeout``)."""


class DNSError(TransportError):
    """The host name did not resolve (kind ``dns``)."""


class ConnectError(TransportError):
    """The TCP connection could not be made: refused, unreachable, reset (kind ``connect``)."""


class TLSError(TransportError):
    """The TLS handshake or certificate check failed (kind ``tls``)."""


class NetworkIOError(TransportError):
    """Reading or writing failed after connecting, or a local file is unreadable (kind ``io``)."""


class HTTPStatusError(FetchError):
    """The server answered with a status we do not accept (kind ``http_status``)."""


class TooLargeError(FetchError):
    """The body exceeded ``max_bytes`` (counted after decompression; kind ``too_large``)."""


class RedirectError(FetchError):
    """A redirect loop or more redirects than allowed."""


class ParseError(FetchError):
    """The bytes are not a feed feedparser can read at all, or cannot be decoded."""


class UnsupportedSchemeError(FetchError):
    """The URL's scheme is not http, https or file (or a redirect pointed elsewhere)."""


class BlockedAddressError(FetchError):
    """A redirect (or a name's address) leads from where the fetch started to a more private
    address: loopback, link-local or cloud metadata, a private network (kind ``blocked_address``)."""


class NotFoundError(FetchError):
    """A local feed file does not exist (kind ``not_found``)."""


_CLASS_FOR_KIND: Final[dict[str, type[FetchError]]] = {
    "timeout": FetchTimeout,
    "dns": DNSError,
    "connect": ConnectError,
    "tls": TLSError,
    "io": NetworkIOError,
    "http_status": HTTPStatusError,
    "too_large": TooLargeError,
    "redirect_loop": RedirectError,
    "too_many_redirects": RedirectError,
    "parse_error": ParseError,
    "unsupported_scheme": UnsupportedSchemeError,
    "blocked_address": BlockedAddressError,
    "not_found": NotFoundError,
}


def fetch_error(
    kind: str,
    message: str,
    url: str = "",
    *,
    retry_after: float | None = None,
    status: int | None = None,
) -> FetchError:
    """Build the most specific :class:`FetchError` subclass for ``kind``."""
    return _CLASS_FOR_KIND[kind](kind, message, url, retry_after, status)


def _rebuild_fetch_error(
    class_name: str,
    kind: str,
    message: str,
    url: str,
    retry_after: float | None,
    status: int | None,
) -> FetchError:
    cls = globals().get(class_name)
    if not (isinstance(cls, type) and issubclass(cls, FetchError)):
        cls = _CLASS_FOR_KIND.get(kind, FetchError)
    return cls(kind, message, url, retry_after, status)
