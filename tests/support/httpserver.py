"""A small programmable HTTP(S) server on 127.0.0.1 for tests. No mocks: real sockets.

    server = LocalHTTPServer().start()

    @server.route("/feed.xml")
    def feed(req: Request) -> None:
        req.send(200, b"<rss .../>", {"ETag": '"v1"'})

    fetch(server.url("/feed.xml"))
    server.stop()

Routes match the path exactly (query ignored); anything else goes to ``fallback`` (a
directory server when ``directory`` is given, else 404). Handlers can also stream, drip
and stall through :class:`Request`; every such loop is bounded by ``MAX_HANDLER_SECONDS``
and by :attr:`LocalHTTPServer.stopping`, so a test never hangs on its own server.
"""

from __future__ import annotations

import email.utils
import hashlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

#: No handler loop (drip, endless body, stall) runs longer than this.
MAX_HANDLER_SECONDS = 30.0

Handler = Callable[["Request"], None]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


class Request:
    """One request, as seen by a route handler, with helpers to answer it."""

    def __init__(self, handler: BaseHTTPRequestHandler, server: LocalHTTPServer) -> None:
        self._h = handler
        self.server = server
        parts = urlsplit(handler.path)
        self.method = handler.command
        self.path = unquote(parts.path)
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.started = time.monotonic()

    @property
    def stopping(self) -> threading.Event:
        return self.server.stopping

    def body(self, limit: int = 1_000_000) -> bytes:
        """The request body (POST), read by its Content-Length, at most ``limit`` bytes."""
        length = min(int(self.headers.get("content-length") or 0), limit)
        return self._h.rfile.read(length) if length > 0 else b""

    def send(
        self,
        status: int = 200,
        body: bytes | str = b"",
        headers: Mapping[str, str] | None = None,
        *,
        content_type: str | None = "application/xml",
    ) -> None:
        """A complete response with Content-Length."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        merged = {"Content-Type": content_type} if content_type else {}
        merged.update(headers or {})
        if status not in (204, 304) and not any(k.lower() == "content-length" for k in merged):
            merged["Content-Length"] = str(len(data))
        self.start(status, merged, close=False)
        if self.method != "HEAD" and status not in (204, 304):
            self.write(data)

    def start(self, status: int, headers: Mapping[str, str] | None = None, *, close: bool = True) -> None:
        """Status line and headers only; ``close=True`` ends the connection after the body
        (needed for bodies without a Content-Length)."""
        h = self._h
        h.send_response_only(status)
        names = set()
        for name, value in (headers or {}).items():
            h.send_header(name, value)
            names.add(name.lower())
        if "date" not in names:
            h.send_header("Date", email.utils.formatdate(usegmt=True))
        if close:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        self.flush()

    def write(self, data: bytes) -> bool:
        """Send bytes; False when the client has gone away."""
        try:
            self._h.wfile.write(data)
            self._h.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self._h.close_connection = True
            return False

    def write_raw(self, data: bytes) -> bool:
        """Bytes straight onto the socket (e.g. a status line dripped byte by byte)."""
        return self.write(data)

    def flush(self) -> None:
        try:
            self._h.wfile.flush()
        except OSError:
            pass

    def sleep(self, seconds: float) -> bool:
        """Wait, unless the server stops; True when the full time passed."""
        return not self.stopping.wait(seconds)

    def time_left(self) -> bool:
        return time.monotonic() - self.started < MAX_HANDLER_SECONDS and not self.stopping.is_set()

    def stream(self, chunks: Iterator[bytes], *, interval: float = 0.0) -> None:
        """Write chunks until they run out, the client leaves, or time is up."""
        for chunk in chunks:
            if not self.time_left() or not self.write(chunk):
                return
            if interval and not self.sleep(interval):
                return


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15  # seconds a connection may idle between requests; bounds handler threads
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.server.owner._dispatch(self)

    do_HEAD = do_GET
    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True
    owner: LocalHTTPServer
    ssl_context: ssl.SSLContext | None = None

    def get_request(self) -> tuple[socket.socket, object]:
        sock, addr = super().get_request()
        if self.ssl_context is not None:
            # The handshake happens on first read, in the handler thread, so a client that
            # rejects our certificate cannot stall the accept loop.
            sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up mid-response are the point of several tests


class LocalHTTPServer:
    """A threaded HTTP server bound to 127.0.0.1 on a free port."""

    def __init__(
        self,
        *,
        directory: str | Path | None = None,
        ssl_context: ssl.SSLContext | None = None,
        fallback: Handler | None = None,
    ) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._ssl_context = ssl_context
        if fallback is None and directory is not None:
            fallback = directory_handler(Path(directory))
        self.fallback = fallback
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> LocalHTTPServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        server.ssl_context = self._ssl_context
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="LocalHTTPServer", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        scheme = "https" if self._ssl_context else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- routing -------------------------------------------------------------------------

    def route(self, path: str, handler: Handler | None = None) -> Callable[[Handler], Handler]:
        """Register ``handler`` for ``path``; usable as a decorator."""

        def register(fn: Handler) -> Handler:
            self.routes[path] = fn
            return fn

        if handler is not None:
            register(handler)
        return register

    def hits(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _dispatch(self, handler: BaseHTTPRequestHandler) -> None:
        request = Request(handler, self)
        with self._lock:
            self.requests.append(
                RecordedRequest(request.method, request.path, urlsplit(handler.path).query, request.headers)
            )
        route = self.routes.get(request.path) or self.fallback
        if route is None:
            request.send(404, b"not found", content_type="text/plain")
            return
        try:
            route(request)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            handler.close_connection = True


def directory_handler(root: Path) -> Handler:
    """Serve files under ``root`` with Last-Modified/ETag and 304 answers."""
    base = root.resolve()

    def serve(req: Request) -> None:
        target = (base / req.path.lstrip("/")).resolve()
        if not target.is_relative_to(base) or not target.is_file():
            req.send(404, b"not found", content_type="text/plain")
            return
        data = target.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified}
        if req.headers.get("if-none-match") == etag or (
            "if-none-match" not in req.headers and req.headers.get("if-modified-since") == modified
        ):
            req.send(304, b"", headers, content_type=None)
            return
        req.send(200, data, headers, content_type=_content_type(target))

    return serve


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return {
        ".html": "text/html; charset=utf-8",
        ".txt": "text/plain",
        ".atom": "application/atom+xml",
        ".rss": "application/rss+xml",
    }.get(suffix, "application/xml")


def make_self_signed_cert(directory: Path) -> tuple[Path, Path]:
    """(certificate, key) for CN=localhost / IP 127.0.0.1, made with the openssl CLI.

    Raises RuntimeError when openssl is missing or fails."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("the openssl command is not installed")
    cert, key = directory / "cert.pem", directory / "key.pem"
    command = [
        openssl,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        str(key),
        "-out",
        str(cert),
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]
    done = subprocess.run(command, capture_output=True, timeout=30, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace")[-300:])
    return cert, key


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
