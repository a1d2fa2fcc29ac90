"""The delivery edge: hand a built alert to an SMTP server, or write it to the outbox.

This is the only module of :mod:`monitor.alerts` that does I/O. It does not know about
the event log: the caller records ``AlertSent`` / ``AlertFailed`` from what these
functions return or raise. Every failure is a :class:`DeliveryError` whose ``kind``
says what went wrong; ``permanent`` is true only when the server refused *this
message* with a 5xx, so retrying it unchanged cannot help. Everything else
(connection refused, timeouts, TLS, authentication, configuration, disk) leaves the
alert queued until an operator or the network fixes the cause.

Errors::

    DeliveryError(kind, message, permanent, smtp_code)
        kind = "refused"       the server is not listening / unreachable / DNS failed
               "timeout"       no answer within timeout_seconds (or the overall deadline)
               "tls"           handshake or certificate failure, STARTTLS not offered
               "auth"          the server rejected the username/password, or has no AUTH
               "rejected"      5xx to MAIL, RCPT or DATA (permanent=True)
               "temporary"     4xx: greylisting, rate limits, "try again later"
               "disconnected"  the server closed the connection mid-session
               "config"        settings unusable: password variable unset, bad CA file...
               "io"            the outbox directory cannot be written (disk full, perms)

``DeliveryError`` derives from :class:`monitor.errors.MonitorError`.

Crash safety: pass ``on_attempt`` to :func:`deliver`; it runs after the settings are
validated and before the first byte goes to the server. Whoever records that attempt
can later tell "maybe sent" (attempt recorded, no outcome) from "never tried". A
re-send after a crash reuses the message's deterministic Message-ID, so mail clients
can recognise the duplicate.
"""

from __future__ import annotations

import base64
import email
import errno
import logging
import os
import re
import smtplib
import socket
import ssl
import tempfile
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import getaddresses
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from monitor.alerts.compose import build_message, domain_of
from monitor.config import cleartext_login_refusal, env_name_refusal
from monitor.errors import MonitorError
from monitor.feeds.watchdog import SocketWatchdog, stopping

__all__ = [
    "DeliveryAttempt",
    "DeliveryError",
    "DeliveryReceipt",
    "OutboxWriter",
    "SmtpSettings",
    "QUEUED_POLICY",
    "read_queued",
    "deliver",
    "send_smtp",
    "send_test_message",
]

log = logging.getLogger("monitor.alerts")

Security = Literal["starttls", "tls", "none"]
ErrorKind = Literal["refused", "timeout", "tls", "auth", "rejected", "temporary", "disconnected", "config", "io"]
_DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class DeliveryError(MonitorError):
    """An alert could not be handed over. ``str(err)`` is a one-line message for people."""

    def __init__(self, kind: ErrorKind, message: str, *, permanent: bool = False, smtp_code: int | None = None) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.permanent = permanent
        self.smtp_code = smtp_code

    def __repr__(self) -> str:
        return f"DeliveryError(kind={self.kind!r}, permanent={self.permanent}, message={self.message!r})"


@dataclass(frozen=True)
class SmtpSettings:
    """``[alerts.smtp]`` of config.toml. The password itself is never stored here: only
    the name of the environment variable that holds it.

    ``ca_file`` (optional, PEM) replaces the system trust store for this server — for
    a relay with a private CA or a self-signed certificate. Certificates are always
    verified. ``deadline_seconds`` bounds a whole send (default: 4 × timeout), so a
    server that answers one byte at a time cannot hold the sender forever.
    """

    host: str
    port: int = 587
    security: Security = "starttls"
    username: str | None = None
    password_env: str | None = None
    timeout_seconds: float = 30.0
    helo: str | None = None
    ca_file: str | None = None
    deadline_seconds: float | None = None

    def __post_init__(self) -> None:
        if not self.host or any(c.isspace() for c in self.host):
            raise DeliveryError("config", f"[alerts.smtp] host {self.host!r} is not a host name")
        if self.security not in _DEFAULT_PORTS:
            raise DeliveryError(
                "config", f'[alerts.smtp] security must be "starttls", "tls" or "none", not {self.security!r}'
            )
        if not isinstance(self.port, int) or isinstance(self.port, bool) or not 0 < self.port < 65536:
            raise DeliveryError("config", f"[alerts.smtp] port must be 1-65535, not {self.port!r}")
        if not self.timeout_seconds > 0:
            raise DeliveryError("config", "[alerts.smtp] timeout_seconds must be positive")
        if self.deadline_seconds is not None and not self.deadline_seconds > 0:
            raise DeliveryError("config", "[alerts.smtp] deadline_seconds must be positive")
        if self.username and not self.password_env:
            raise DeliveryError(
                "config",
                "[alerts.smtp] username is set but password_env is not: name the environment "
                'variable that holds the password, e.g. password_env = "MONITOR_SMTP_PASSWORD"',
            )
        refusal = cleartext_login_refusal(self.host, self.security, self.username)
        if refusal:
            raise DeliveryError("config", f"[alerts.smtp] {refusal}")
        # Never echo the value: someone may have pasted the password itself here.
        refusal = env_name_refusal(self.password_env) if self.password_env else None
        if refusal:
            raise DeliveryError(
                "config", f'[alerts.smtp] password_env {refusal}, e.g. password_env = "MONITOR_SMTP_PASSWORD"'
            )

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> SmtpSettings:
        """Settings from the parsed ``[alerts.smtp]`` table; the port defaults by
        security (587 starttls, 465 tls, 25 none); unknown keys are ignored."""
        security = table.get("security", "starttls")
        port = table.get("port", _DEFAULT_PORTS.get(security, 587))
        return cls(
            host=table.get("host", ""),
            port=port,
            security=security,
            username=table.get("username") or None,
            password_env=table.get("password_env") or None,
            timeout_seconds=float(table.get("timeout_seconds", 30.0)),
            helo=table.get("helo") or None,
            ca_file=table.get("ca_file") or None,
            deadline_seconds=float(table["deadline_seconds"]) if table.get("deadline_seconds") else None,
        )

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def deadline(self) -> float:
        return self.deadline_seconds or self.timeout_seconds * 4

    def describe(self) -> str:
        """ "SMTP 127.0.0.1:587 (starttls, user monitor)" — never the password."""
        user = f", user {self.username}" if self.username else ", no login"
        return f"SMTP {self.address} ({self.security}{user})"


@dataclass(frozen=True)
class DeliveryAttempt:
    """Passed to ``on_attempt`` just before delivery starts."""

    channel: Literal["smtp", "outbox"]
    message_id: str
    target: str  # "host:port" or the outbox directory
    started_at: datetime


@dataclass(frozen=True)
class DeliveryReceipt:
    """What :func:`deliver` did: the server's reply to DATA, or the file written.
    ``refused`` lists recipients the server turned down while accepting the others."""

    channel: Literal["smtp", "outbox"]
    message_id: str
    reply: str | None = None
    path: Path | None = None
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def detail(self) -> str | None:
        return self.reply if self.channel == "smtp" else str(self.path)


# ---------------------------------------------------------------------------
# SMTP


class _Tracking:
    """Remembers the SMTP stage (for error messages and "maybe sent") and keeps the
    reply to DATA, which ``smtplib.send_message`` would otherwise throw away."""

    stage = "connect"
    data_reply: tuple[int, bytes] | None = None

    def connect(self, host: str = "localhost", port: int = 0, source_address: Any = None) -> tuple[int, bytes]:
        # smtplib keeps the name for certificate checks (server_hostname) only when the
        # host goes to the constructor; we connect later, once the deadline is armed.
        self._host = host
        return super().connect(host, port, source_address)  # type: ignore[misc]

    def mail(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.stage = "mail"
        return super().mail(*args, **kwargs)  # type: ignore[misc]

    def rcpt(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.stage = "rcpt"
        return super().rcpt(*args, **kwargs)  # type: ignore[misc]

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.stage = "data"
        reply: tuple[int, bytes] = super().data(msg)  # type: ignore[misc]
        self.data_reply = reply
        return reply


class _SMTP(_Tracking, smtplib.SMTP):
    pass


class _SMTP_SSL(_Tracking, smtplib.SMTP_SSL):
    pass


_STAGE_WORDS = {
    "connect": "connecting to",
    "greeting": "waiting for the greeting of",
    "ehlo": "during EHLO with",
    "tls": "during STARTTLS with",
    "auth": "during AUTH with",
    "mail": "during MAIL FROM with",
    "rcpt": "during RCPT TO with",
    "data": "while sending the message to",
    "quit": "during QUIT with",
}
_MAYBE_SENT = " — it may or may not have been accepted; it stays queued and a re-send keeps the same Message-ID"


def _password(settings: SmtpSettings, env: Mapping[str, str]) -> str | None:
    if not settings.username:
        return None
    name = settings.password_env or ""
    value = env.get(name)
    if not value:
        raise DeliveryError(
            "config",
            f"the SMTP password for user {settings.username!r} is read from the environment variable "
            f"{name}, which is not set in this process — export it for the daemon (it never goes in config.toml)",
        )
    return value


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=settings.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError("config", f"[alerts.smtp] ca_file {settings.ca_file!r} cannot be loaded: {exc}") from exc


def _reply_text(code: int | None, text: bytes | str | None) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join((text or "").split())
    return f"{code} {text}".strip() if code is not None else text


def _secret_forms(username: str | None, password: str | None) -> list[str]:
    """Every spelling of the password that AUTH puts on the wire: the password itself,
    LOGIN's base64 of it, PLAIN's base64 of NUL user NUL password (with and without
    padding). Longest first, so a short form never leaves part of a longer one behind."""
    if not password:
        return []
    forms = {password}
    for raw in (password, f"\0{username or ''}\0{password}", f"{username or ''}\0{username or ''}\0{password}"):
        encoded = base64.b64encode(raw.encode("utf-8", "surrogateescape")).decode("ascii")
        forms.update((encoded, encoded.rstrip("=")))
    return sorted((form for form in forms if len(form) >= 4), key=len, reverse=True)


def _redact(text: str, secrets: Sequence[str]) -> str:
    # A misbehaving server may quote what we sent at any stage, not only in its AUTH reply.
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def _auth_reply(code: int | None, text: bytes | str | None) -> str:
    """What may be said of a reply to AUTH: its code and enhanced status (``535 5.7.8``),
    never its text. Servers quote the AUTH argument back ("535 bad credentials: AGFsaWNl…"),
    and the PLAIN, LOGIN and CRAM-MD5 arguments are the password or equal to it for an
    eavesdropper; the text would end in AlertFailed, which can never be removed from the log."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    status = re.match(r"\s*([245]\.\d{1,3}\.\d{1,3})\b", text or "")
    parts = [str(code) if code is not None else "", status.group(1) if status else ""]
    return " ".join(part for part in parts if part) + " (the server's text is not recorded: it may quote the login)"


def _classify(
    exc: BaseException, stage: str, settings: SmtpSettings, deadline_hit: bool, password: str | None
) -> DeliveryError:
    error = _classify_plain(exc, stage, settings, deadline_hit, password)
    error.message = _redact(error.message, _secret_forms(settings.username, password))
    error.args = (error.message,)
    return error


def _classify_plain(
    exc: BaseException, stage: str, settings: SmtpSettings, deadline_hit: bool, password: str | None
) -> DeliveryError:
    where = settings.address
    if stage == "connect" and isinstance(exc, smtplib.SMTPServerDisconnected):
        stage = "greeting"  # the TCP (and TLS) connection stood; the banner never came
    during = _STAGE_WORDS.get(stage, "talking to")
    maybe = _MAYBE_SENT if stage == "data" else ""
    cause = exc.__context__ or exc.__cause__

    if deadline_hit and stopping():
        # The watchdog fired because this process is stopping, not because the deadline passed.
        return DeliveryError("timeout", f"cut short by this process's stop {during} SMTP server {where}{maybe}")
    if deadline_hit:
        return DeliveryError(
            "timeout", f"gave up after {settings.deadline:g} s in total {during} SMTP server {where}{maybe}"
        )
    if isinstance(exc, ConnectionRefusedError):
        return DeliveryError(
            "refused",
            f"SMTP server {where} refused the connection — is it running? check [alerts.smtp] host/port",
        )
    if isinstance(exc, socket.gaierror):
        return DeliveryError(
            "refused", f"cannot resolve SMTP host {settings.host!r} ({exc.strerror}) — check [alerts.smtp] host"
        )
    # smtplib turns a read timeout into SMTPServerDisconnected; the timeout is its context.
    if isinstance(exc, TimeoutError) or (
        isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(cause, TimeoutError)
    ):
        hint = (
            ' — check [alerts.smtp] host/port; a server on the implicit-TLS port (465) needs security = "tls"'
            if stage in ("connect", "greeting") and settings.security != "tls"
            else ""
        )
        return DeliveryError(
            "timeout", f"timed out after {settings.timeout_seconds:g} s {during} SMTP server {where}{maybe or hint}"
        )
    tls_error = exc if isinstance(exc, ssl.SSLError) else cause if isinstance(cause, ssl.SSLError) else None
    if tls_error is not None and stage in ("connect", "greeting", "tls"):
        reason = getattr(tls_error, "verify_message", None) or getattr(tls_error, "reason", None) or str(tls_error)
        return DeliveryError(
            "tls",
            f"TLS handshake with SMTP server {where} failed: {reason} — check [alerts.smtp] security "
            '("starttls" usually on port 587, "tls" on 465) and the server\'s certificate (ca_file)',
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if stage == "tls":
            return DeliveryError(
                "tls",
                f'SMTP server {where} does not offer STARTTLS — use security = "tls" or "none" if that is intended',
            )
        if stage == "auth":
            return DeliveryError(
                "auth", f"SMTP server {where} does not offer AUTH — remove username, or enable TLS first"
            )
        return DeliveryError("rejected", f"SMTP server {where} cannot take this message: {exc}", permanent=True)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            "auth",
            f"authentication failed for user {settings.username!r} at {where}: "
            f"{_auth_reply(exc.smtp_code, exc.smtp_error)} — check the password in ${settings.password_env}",
            smtp_code=exc.smtp_code,
        )
    if stage == "auth" and isinstance(exc, smtplib.SMTPResponseException):
        kind: ErrorKind = "temporary" if 400 <= exc.smtp_code < 500 else "auth"
        reply = _auth_reply(exc.smtp_code, exc.smtp_error)
        return DeliveryError(kind, f"SMTP server {where} refused the login: {reply}", smtp_code=exc.smtp_code)
    if stage == "auth" and type(exc) is smtplib.SMTPException:
        # smtplib's own words, but its "infinite loop" error quotes the server's last reply.
        text = str(exc) if "suitable authentication" in str(exc) else "the AUTH exchange did not complete"
        return DeliveryError("auth", f"cannot log in to SMTP server {where}: {text}")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        listed = "; ".join(f"{rcpt} ({_reply_text(code, text)})" for rcpt, (code, text) in exc.recipients.items())
        temporary = any(400 <= code < 500 for code in codes)
        return DeliveryError(
            "temporary" if temporary else "rejected",
            f"SMTP server {where} refused every recipient: {listed}",
            permanent=not temporary,
            smtp_code=codes[0] if codes else None,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        reply = _reply_text(code, exc.smtp_error)
        message_level = stage in ("mail", "rcpt", "data")
        if 400 <= code < 500:
            return DeliveryError(
                "temporary", f"SMTP server {where} asked to try again later ({stage}): {reply}", smtp_code=code
            )
        if message_level:
            return DeliveryError(
                "rejected",
                f"SMTP server {where} rejected the message ({stage}): {reply}",
                permanent=True,
                smtp_code=code,
            )
        return DeliveryError("refused", f"SMTP server {where} refused service ({stage}): {reply}", smtp_code=code)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError, ssl.SSLError)):
        return DeliveryError("disconnected", f"SMTP server {where} closed the connection {during} it{maybe}")
    if isinstance(exc, OSError):
        return DeliveryError("refused", f"cannot reach SMTP server {where}: {exc.strerror or exc}")
    if stage == "auth":  # an exception text of unknown origin may carry the server's reply
        return DeliveryError("temporary", f"SMTP error {during} {where}: {type(exc).__name__}")
    return DeliveryError("temporary", f"SMTP error {during} {where}: {exc}")


def _helo_name(settings: SmtpSettings) -> str:
    # socket.getfqdn() (smtplib's default) can block on reverse DNS for longer than
    # any timeout we set; the plain host name never does.
    return settings.helo or socket.gethostname() or "localhost"


def _transact(
    msg: EmailMessage,
    settings: SmtpSettings,
    env: Mapping[str, str],
    on_attempt: Callable[[], None] | None,
    on_accepted: Callable[[str, dict[str, tuple[int, str]]], None] | None = None,
) -> tuple[str, dict[str, tuple[int, str]]]:
    password = _password(settings, env)
    context = _tls_context(settings) if settings.security != "none" else None
    if on_attempt is not None:
        on_attempt()

    timeout = settings.timeout_seconds
    client: _SMTP | _SMTP_SSL
    if settings.security == "tls":
        client = _SMTP_SSL(local_hostname=_helo_name(settings), timeout=timeout, context=context)
    else:
        client = _SMTP(local_hostname=_helo_name(settings), timeout=timeout)
    # Bounds the whole send (a trickling server), and cuts it when the daemon stops.
    deadline = SocketWatchdog(settings.deadline)
    deadline.watch(lambda: getattr(client, "sock", None))
    try:
        with deadline:
            code, banner = client.connect(settings.host, settings.port)
            if code != 220:
                client.stage = "greeting"
                raise smtplib.SMTPConnectError(code, banner)
            client.stage = "ehlo"
            client.ehlo_or_helo_if_needed()
            if settings.security == "starttls":
                client.stage = "tls"
                if not client.has_extn("starttls"):
                    raise smtplib.SMTPNotSupportedError("STARTTLS not offered")
                client.starttls(context=context)
                client.ehlo()
            if settings.username:
                client.stage = "auth"
                client.login(settings.username, password or "")
            client.stage = "mail"
            refused_raw = client.send_message(msg)
            code, text = client.data_reply or (250, b"")
            secrets = _secret_forms(settings.username, password)
            reply = _redact(_reply_text(code, text), secrets)
            refused = {rcpt: (c, _redact(_reply_text(None, t), secrets)) for rcpt, (c, t) in refused_raw.items()}
            if on_accepted is not None:
                # Record the acceptance before QUIT: the "maybe sent" window (accepted by
                # the server, not yet recorded) then spans no further network round trip.
                on_accepted(reply, refused)
            # The message is accepted: trouble while saying goodbye must not turn that
            # into a failure (the alert would be sent twice).
            client.stage = "quit"
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                pass
    except UnicodeEncodeError:
        if client.stage != "auth":
            raise
        # smtplib encodes the AUTH argument as ASCII; the exception object holds the password.
        raise DeliveryError(
            "config",
            f"the password in ${settings.password_env} or the username {settings.username!r} "
            "has characters outside ASCII, which smtplib cannot send in AUTH",
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        error = _classify(exc, client.stage, settings, deadline.fired, password)
        if client.stage == "auth":
            raise error from None  # the smtplib exception holds the server's unredacted reply
        raise error from exc
    finally:
        client.close()
    return reply, refused


def send_smtp(msg: EmailMessage, settings: SmtpSettings, *, env: Mapping[str, str] = os.environ) -> str:
    """Send ``msg`` to its To/Cc/Bcc recipients; return the server's reply to DATA
    (e.g. "250 2.0.0 Ok: queued as 4Vx"). Raises :class:`DeliveryError`.

    Every network wait is bounded by ``timeout_seconds``, the whole exchange by
    ``settings.deadline``. The password is read from ``env`` at call time and never
    logged or put in an error message.
    """
    reply, refused = _logged_transact(msg, settings, env, None)
    return reply


def _logged_transact(
    msg: EmailMessage,
    settings: SmtpSettings,
    env: Mapping[str, str],
    on_attempt: Callable[[], None] | None,
    on_accepted: Callable[[str, dict[str, tuple[int, str]]], None] | None = None,
) -> tuple[str, dict[str, tuple[int, str]]]:
    """:func:`_transact` with the outcome logged (alerts; the test message reports its own)."""
    try:
        reply, refused = _transact(msg, settings, env, on_attempt, on_accepted)
    except DeliveryError as error:
        log.warning("alert %s not delivered via %s: %s", msg.get("Message-ID"), settings.address, error.message)
        raise
    _log_sent(msg, settings, reply, refused)
    return reply, refused


def _log_sent(msg: EmailMessage, settings: SmtpSettings, reply: str, refused: Mapping[str, Any]) -> None:
    log.info("alert %s delivered via %s: %s", msg.get("Message-ID"), settings.address, reply)
    if refused:
        log.warning("alert %s: %s refused %s", msg.get("Message-ID"), settings.address, ", ".join(refused))


# ---------------------------------------------------------------------------
# queued messages


class _ReusedHeaders(HeaderRegistry):
    """The SMTP policy's header objects, each made once per name and value.

    Reading a queued message back and writing it out again asks the policy for the same
    headers over and over (the parser and the generator look at each part's Content-Type
    about ten times, and every alert's parts have the same ones), and each ask parsed the
    value anew: 1.8 ms of a delivery's email handling, 0.6 ms with the objects reused.
    Header objects are immutable strings, so sharing them changes nothing written.
    """

    def __init__(self) -> None:
        super().__init__()
        self._made = lru_cache(maxsize=1024)(super().__call__)

    def __call__(self, name: str, value: str) -> BaseHeader:
        return self._made(name, value)


#: SMTP's policy with :class:`_ReusedHeaders` (kept by ``clone``, so by the outbox's LF variant too).
QUEUED_POLICY = policy.SMTP.clone(header_factory=_ReusedHeaders())


def read_queued(message_text: str) -> EmailMessage:
    """The message an AlertQueued carries, as the sender hands it to :func:`deliver`."""
    message: EmailMessage = email.message_from_string(message_text, policy=QUEUED_POLICY)  # type: ignore[assignment]
    return message


# ---------------------------------------------------------------------------
# outbox


def _io_error(exc: OSError, directory: Path, action: str) -> DeliveryError:
    """``action`` is "write" (in the outbox) or "create" (the outbox itself)."""
    where = (
        f"create outbox directory {directory}" if action == "create" else f"{action} in outbox directory {directory}"
    )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DeliveryError("io", f"cannot {where}: the disk is full ({exc.strerror}); the alert stays queued")
    return DeliveryError("io", f"cannot {where}: {exc.strerror or exc} — check [alerts] outbox_dir and its permissions")


class OutboxWriter:
    """Writes each alert as ``<outbox_dir>/<message-id>.eml`` (LF line ends, so the file
    reads well in a terminal; every mail client and ``email.message_from_bytes`` opens
    it). Writing is atomic — a hidden temp file in the same directory, fsync, rename —
    so a reader never sees half a message, and writing the same alert again replaces
    the same file instead of adding a second one."""

    def __init__(self, outbox_dir: str | os.PathLike[str]) -> None:
        self.directory = Path(outbox_dir)

    def path_for(self, msg: EmailMessage) -> Path:
        message_id = str(msg.get("Message-ID") or "").strip().strip("<>")
        if not message_id:
            raise DeliveryError("config", "the message has no Message-ID, so its outbox file name is undefined")
        name = re.sub(r"[^A-Za-z0-9._@+-]", "_", message_id).lstrip(".")[:200]
        return self.directory / f"{name}.eml"

    def write(self, msg: EmailMessage) -> Path:
        target = self.path_for(msg)
        data = msg.as_bytes(policy=(msg.policy or policy.SMTP).clone(linesep="\n"))
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # exist_ok covers a folder: this is a file (or a link to one)
            raise DeliveryError(
                "io", f"outbox directory {self.directory} is a file, not a folder — check [alerts] outbox_dir"
            ) from None
        except OSError as exc:
            raise _io_error(exc, self.directory, "create") from exc
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:60]}.", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; a mail pickup may run as another user
            os.replace(tmp, target)
            tmp = None
            _fsync_dir(self.directory)
        except OSError as exc:
            raise _io_error(exc, self.directory, "write") from exc
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        log.info("alert %s written to %s", msg.get("Message-ID"), target)
        return target


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# entry points


def deliver(
    msg: EmailMessage,
    smtp: SmtpSettings | None,
    outbox_dir: str | os.PathLike[str] | None,
    *,
    env: Mapping[str, str] = os.environ,
    on_attempt: Callable[[DeliveryAttempt], None] | None = None,
    on_accepted: Callable[[DeliveryReceipt], None] | None = None,
) -> DeliveryReceipt:
    """Send through SMTP when ``smtp`` is configured, else write to ``outbox_dir``.

    ``on_attempt`` runs once settings are checked and before any byte leaves; if it
    raises, nothing is sent (an attempt that cannot be recorded must not happen).
    ``on_accepted`` runs as soon as the server has accepted the message (before QUIT)
    or the outbox file is in place, so the caller can record the delivery at the
    earliest moment; trouble after that point no longer fails the delivery.
    Raises :class:`DeliveryError`.
    """
    message_id = str(msg.get("Message-ID") or "")
    if smtp is not None:
        notify = None
        if on_attempt is not None:
            callback = on_attempt

            def notify() -> None:
                callback(DeliveryAttempt("smtp", message_id, smtp.address, datetime.now(UTC)))

        accepted = None
        if on_accepted is not None:
            after = on_accepted

            def accepted(reply: str, refused: dict[str, tuple[int, str]]) -> None:
                after(DeliveryReceipt("smtp", message_id, reply=reply, refused=refused))

        reply, refused = _logged_transact(msg, smtp, env, notify, accepted)
        return DeliveryReceipt("smtp", message_id, reply=reply, refused=refused)
    if outbox_dir is None:
        raise DeliveryError("config", "no [alerts.smtp] section and no [alerts] outbox_dir: nowhere to deliver alerts")
    writer = OutboxWriter(outbox_dir)
    if on_attempt is not None:
        on_attempt(DeliveryAttempt("outbox", message_id, str(writer.directory), datetime.now(UTC)))
    receipt = DeliveryReceipt("outbox", message_id, path=writer.write(msg))
    if on_accepted is not None:
        on_accepted(receipt)
    return receipt


def send_test_message(
    settings: SmtpSettings | None,
    from_addr: str,
    to_addrs: Sequence[str],
    *,
    env: Mapping[str, str] = os.environ,
    outbox_dir: str | os.PathLike[str] | None = None,
    list_id: str = "alerts",
) -> str:
    """``monitor alerts test``: send one test message with the configured settings and
    return a line to print ("127.0.0.1:2525 accepted the test message for a@b: 250 OK").
    Without SMTP settings the message goes to ``outbox_dir``. Raises
    :class:`DeliveryError` whose message says what to check."""
    domain = domain_of(from_addr)
    payload = {
        # A fresh id: each test is its own message, never deduplicated by clients.
        "alert_id": f"test-{uuid.uuid4().hex}",
        "kind": "test",
        "test": {"channel": settings.describe() if settings else f"outbox {outbox_dir}"},
    }
    msg = build_message(payload, from_addr=from_addr, to_addrs=list(to_addrs), list_id=list_id, domain=domain)
    if settings is None:
        receipt = deliver(msg, None, outbox_dir, env=env)
        return f"no [alerts.smtp] configured: wrote the test message to {receipt.path}"
    reply, refused = _transact(msg, settings, env, None)
    recipients = [addr for _, addr in getaddresses([str(msg["To"])]) if addr not in refused]
    line = f"{settings.address} accepted the test message for {', '.join(recipients)}: {reply}"
    if refused:
        line += "; refused " + "; ".join(f"{r} ({c} {t})" for r, (c, t) in refused.items())
    return line
