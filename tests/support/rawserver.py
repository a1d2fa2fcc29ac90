"""A raw TCP (or TLS) server on loopback that runs a script on each connection: for tests whose
server must write exact bytes, protocol errors included (tests/feeds/test_transport_hostile.py,
tests/feeds/test_httpclient.py). Every socket times out, and stop() ends them all."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable


class Peer:
    """One accepted connection, as a server script sees it."""

    def __init__(self, server: RawServer, sock: socket.socket, number: int) -> None:
        self.server = server
        self.sock = sock
        self.number = number  # 1 for the server's first connection
        self._buffer = b""

    def head(self) -> bytes:
        """The next request head, or b"" once the client has gone (or sent junk)."""
        while b"\r\n\r\n" not in self._buffer:
            if len(self._buffer) > 65536:
                return b""
            data = self.sock.recv(4096)
            if not data:
                return b""
            self._buffer += data
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        self.server.requests.append(head)
        return head

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def drip(self, data: bytes, interval: float) -> None:
        """``data`` a byte at a time, ``interval`` apart, until the client or the server stops."""
        for byte in data:
            self.sock.sendall(bytes([byte]))
            if self.server.stopping.wait(interval):
                return

    def sleep(self, seconds: float) -> bool:
        """Wait unless the server stops; True when the whole time passed."""
        return not self.server.stopping.wait(seconds)


Script = Callable[[Peer], None]


class RawServer:
    """A TCP (or TLS) server on 127.0.0.1 that runs ``script`` on each connection, in its
    own thread. Sockets time out after 10 s, and stop() closes them all: nothing outlives a test."""

    def __init__(self, script: Script, *, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        self.script = script
        self.tls = tls
        self.connections = 0
        self.requests: list[bytes] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._live: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.listener = socket.create_server((host, 0), family=family, backlog=64)
        self.authority = f"[{host}]" if ":" in host else host
        self.listener.settimeout(0.1)
        self.port = int(self.listener.getsockname()[1])
        self._acceptor = threading.Thread(target=self._accept, name=f"raw-server-{self.port}", daemon=True)
        self._acceptor.start()

    def url(self, path: str = "/feed.xml", scheme: str = "http") -> str:
        return f"{scheme}://{self.authority}:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._live.add(conn)
                thread = threading.Thread(
                    target=self._serve, args=(conn, self.connections), name=f"raw-server-{self.port}", daemon=True
                )
                self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(10)
        sock: socket.socket = conn
        try:
            if self.tls is not None:
                sock = self.tls.wrap_socket(conn, server_side=True)
            self.script(Peer(self, sock, number))
        except (OSError, ValueError):
            pass  # the client left, or the test is over
        finally:
            sock.close()
            with self._lock:
                self._live.discard(conn)

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()
        with self._lock:
            live = list(self._live)
        for conn in live:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._acceptor.join(5)
        for thread in self._threads:
            thread.join(5)
