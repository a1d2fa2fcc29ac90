"""Real SMTP servers on 127.0.0.1 for the alert tests — no mocked smtplib.

* :class:`SmtpTestServer` — aiosmtpd in a background event loop, on an ephemeral port:
  records every accepted message; optional STARTTLS, implicit TLS, AUTH, and scripted
  4xx/5xx replies to RCPT or DATA.
* :class:`ScriptedServer` — a raw socket server for misbehaviour aiosmtpd cannot
  produce: never greeting ("silent"), dropping the connection in the middle of DATA
  ("drop_in_data"), or answering one byte at a time ("trickle").
* :func:`closed_port` — a loopback port nobody listens on (connection refused).
* :func:`make_tls_cert` — a throwaway self-signed certificate for 127.0.0.1.

Fixtures: ``smtp_server`` (a plain server), ``smtp_factory`` (make configured
servers, all stopped at teardown), ``scripted_smtp`` (same for raw servers) and
``tls_cert`` (session-wide certificate; skips when no way to make one exists).
To share them through conftest.py::

    from tests.support.smtp_server import smtp_server, smtp_factory, scripted_smtp, tls_cert  # noqa: F401
"""

from __future__ import annotations

import asyncio
import email
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

HOST = "127.0.0.1"
WAIT = 5.0  # seconds any helper waits for a server thread; tests stay fast when broken


@dataclass(frozen=True)
class Received:
    """One message the server accepted: the envelope and the raw bytes."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes
    authenticated_as: str | None
    tls: bool

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Handler:
    def __init__(self, owner: SmtpTestServer) -> None:
        self.owner = owner

    async def handle_RCPT(self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        reply = self.owner.rcpt_replies.get(address)
        if reply:
            return reply
        self.owner.note_recipient(envelope)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        if self.owner.data_reply:
            return self.owner.data_reply
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        received = Received(
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            content=bytes(envelope.original_content or envelope.content),
            authenticated_as=login,
            # session.ssl covers STARTTLS; the transport shows implicit TLS.
            tls=session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
        )
        return await self.owner.accept(received, envelope)


class SmtpTestServer:
    """aiosmtpd on 127.0.0.1:<ephemeral>, served from its own thread.

    ``starttls`` offers STARTTLS with that server context; ``implicit_tls`` wraps the
    whole connection (port-465 style). ``users`` enables AUTH (PLAIN/LOGIN) and makes
    it mandatory. ``rcpt_replies`` maps an address to the reply RCPT gets;
    ``data_reply`` replaces the reply to the end of DATA (nothing is recorded then).
    """

    def __init__(
        self,
        *,
        starttls: ssl.SSLContext | None = None,
        implicit_tls: ssl.SSLContext | None = None,
        users: dict[str, str] | None = None,
        rcpt_replies: dict[str, str] | None = None,
        data_reply: str | None = None,
        port: int = 0,
    ) -> None:
        self.host = HOST
        self.port = port  # 0: an ephemeral port; a fixed one lets a test bring a server "back"
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self.rcpt_replies = dict(rcpt_replies or {})
        self.data_reply = data_reply
        self._starttls = starttls
        self._implicit_tls = implicit_tls
        self._users = users
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="smtp-test-server", daemon=True)
        self._server: asyncio.AbstractServer | None = None

    def _authenticate(self, server: SMTP, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        users = self._users or {}
        ok = isinstance(data, LoginPassword) and users.get(data.login.decode()) == data.password.decode()
        # handled=False: let aiosmtpd send the 235 / 535 reply itself.
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

    def _protocol(self) -> SMTP:
        return SMTP(
            _Handler(self),
            hostname="localhost",  # the default, socket.getfqdn(), can stall on DNS
            tls_context=self._starttls,
            authenticator=self._authenticate if self._users is not None else None,
            auth_required=self._users is not None,
            auth_require_tls=False,  # loopback only; lets tests cover AUTH without TLS too
            enable_SMTPUTF8=True,
            timeout=WAIT * 2,
            loop=self._loop,
        )

    def start(self) -> SmtpTestServer:
        self._server = self._loop.run_until_complete(
            self._loop.create_server(self._protocol, HOST, self.port, ssl=self._implicit_tls, reuse_address=True)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._thread.start()
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            current = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not current]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(WAIT)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(WAIT)
        if not self._loop.is_running():
            self._loop.close()

    # Hooks for subclasses (the crash test gates acceptance on them); both run in the
    # server's event loop, so they must not block it.
    def note_recipient(self, envelope: Any) -> None:
        """Called for every accepted RCPT, before its reply is sent."""

    async def accept(self, received: Received, envelope: Any) -> str:
        """Record a complete message and return the reply to the end of DATA."""
        return self.record(received)

    def record(self, received: Received) -> str:
        with self.lock:
            self.messages.append(received)
            number = len(self.messages)
        return f"250 2.0.0 OK queued as TEST{number:04d}"

    def wait_for(self, count: int, timeout: float = WAIT) -> list[Received]:
        """The first ``count`` messages, waiting up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.01)
        raise AssertionError(f"expected {count} message(s), server has {len(self.messages)}")


class ScriptedServer:
    """A raw TCP server on 127.0.0.1 that misbehaves on purpose.

    mode "silent": accepts connections (via the kernel backlog) and never says a word.
    mode "mute": accepts every connection itself and holds it open, silent, until stopped
    (a hung mail server; ``connections`` counts them).
    mode "drop_in_data": a normal dialogue up to DATA's 354, then it reads part of
    the message and closes the connection. mode "trickle": sends the greeting one
    byte every ``trickle_gap`` seconds, to test the overall deadline.
    """

    def __init__(self, mode: str, *, trickle_gap: float = 0.3, port: int = 0) -> None:
        if mode not in ("silent", "mute", "drop_in_data", "trickle"):
            raise ValueError(mode)
        self.mode = mode
        self.trickle_gap = trickle_gap
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((HOST, port))
        self.sock.listen(8)
        self.host = HOST
        self.port = self.sock.getsockname()[1]
        self.data_bytes_seen = 0
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ScriptedServer:
        if self.mode != "silent":
            self.sock.settimeout(0.1)
            self._thread = threading.Thread(target=self._serve, name=f"smtp-{self.mode}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(WAIT)
        for conn in self._held:
            conn.close()
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            if self.mode == "mute":
                self._held.append(conn)  # never a byte back; closed by stop()
                continue
            conn.settimeout(WAIT)
            try:
                if self.mode == "trickle":
                    self._trickle(conn)
                else:
                    self._drop_in_data(conn)
            except OSError:
                pass
            finally:
                conn.close()

    def _trickle(self, conn: socket.socket) -> None:
        for byte in b"220 localhost slow ESMTP\r\n":
            if self._stop.wait(self.trickle_gap):
                return
            conn.sendall(bytes([byte]))

    def _drop_in_data(self, conn: socket.socket) -> None:
        conn.sendall(b"220 localhost ESMTP scripted\r\n")
        with conn.makefile("rb") as reader:
            self._dialogue(conn, reader)

    def _dialogue(self, conn: socket.socket, reader: Any) -> None:
        while True:
            line = reader.readline(1024)
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                conn.sendall(b"250-localhost\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                # Take a little of the message, then vanish without a reply.
                self.data_bytes_seen = len(reader.read1(256))
                conn.shutdown(socket.SHUT_RDWR)
                return
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 OK\r\n")


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def make_tls_cert(directory: Path) -> tuple[Path, Path]:
    """(certificate, key) PEM files for 127.0.0.1/localhost, self-signed, valid 2 days.
    Uses the openssl CLI; raises RuntimeError when it is missing or fails."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("the openssl command is not installed")
    cert, key = directory / "cert.pem", directory / "key.pem"
    result = subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-nodes",
            "-days",
            "2",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        capture_output=True,
        timeout=30,
    )
    if result.returncode != 0:
        raise RuntimeError(f"openssl failed: {result.stderr.decode(errors='replace').strip()}")
    return cert, key


def server_tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture(scope="session")
def tls_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1; skips the test when none can be made."""
    try:
        return make_tls_cert(tmp_path_factory.mktemp("tls"))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"no throwaway TLS certificate ({exc}); install the openssl CLI to run TLS tests")


@pytest.fixture
def smtp_factory() -> Iterator[Callable[..., SmtpTestServer]]:
    servers: list[SmtpTestServer] = []

    def make(**options: Any) -> SmtpTestServer:
        server = SmtpTestServer(**options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(smtp_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """A plain SMTP server (no TLS, no AUTH) that accepts everything."""
    return smtp_factory()


@pytest.fixture
def scripted_smtp() -> Iterator[Callable[..., ScriptedServer]]:
    servers: list[ScriptedServer] = []

    def make(mode: str, **options: Any) -> ScriptedServer:
        server = ScriptedServer(mode, **options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
