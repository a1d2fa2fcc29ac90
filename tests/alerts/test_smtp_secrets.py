"""The SMTP password never reaches an event, a log line or the CLI (issue 12 item 6).

A real aiosmtpd server on 127.0.0.1 refuses every login and quotes what the client sent
in its 535 reply: PLAIN's base64 of NUL user NUL password, LOGIN's base64 user and
password, CRAM-MD5's response, and the password itself. Nothing may carry any of them:
the DeliveryError, its exception chain, the ``monitor.alerts`` log, the AlertFailed
event, ``monitor alerts``, ``monitor events``, ``monitor alerts test`` and the database
file. And a login without TLS is refused unless the relay is on loopback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword

from monitor.alerts.deliver import DeliveryError, SmtpSettings, send_smtp
from monitor.config import ConfigError, parse_config
from tests.support.alert_app import SHELLS_9M, config_data, make_app, write_config
from tests.support.smtp_server import HOST, SmtpTestServer

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
USER = "alerts"  # 6 letters: PLAIN's base64 does not align with the password's own
PASSWORD = "hunter2-Correct-Horse"
PASSWORD_ENV = "NKRU_TEST_SMTP_PASSWORD"
CHALLENGE = b"<1896.697170952@nkru-test>"
MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5")


def b64(raw: bytes | str) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


def cram_response() -> str:
    return f"{USER} {hmac.new(PASSWORD.encode(), CHALLENGE, hashlib.md5).hexdigest()}"


#: Every form of the secret the server echoes; none may appear anywhere we record.
SECRETS = (
    PASSWORD,
    b64(PASSWORD),
    b64(f"\0{USER}\0{PASSWORD}"),
    b64(f"\0{USER}\0{PASSWORD}").rstrip("="),
    cram_response(),
    b64(cram_response()),
    cram_response().split()[1],
)


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    """What nkru-monitor logged (the test server's own mail.log quotes the dialogue)."""
    return "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("monitor"))


def assert_clean(text: str, where: str) -> None:
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{where} carries {leaked!r}: {text!r}"


class _EchoHandler:
    """CRAM-MD5 (aiosmtpd has no built-in one): challenge, then quote the answer in the 535."""

    async def auth_CRAM__MD5(self, server: SMTP, args: list[str]) -> AuthResult:
        answer = await server.challenge_auth(CHALLENGE)
        if answer is MISSING:
            return AuthResult(success=False, handled=False)
        assert isinstance(answer, bytes)
        await server.push(f"535 5.7.8 CRAM-MD5 response {b64(answer)} ({answer.decode()}) is wrong")
        return AuthResult(success=False, handled=True)


def _echo_login(server: SMTP, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    assert isinstance(data, LoginPassword)
    login, password = data.login, data.password
    plain = b64(b"\0" + login + b"\0" + password)
    quoted = f"535 5.7.8 {mechanism} {plain} rejected: user {b64(login)} password {b64(password)} ({password.decode()})"
    return AuthResult(success=False, handled=False, message=quoted)


class EchoingAuthServer(SmtpTestServer):
    """aiosmtpd offering only ``mechanisms``, answering every login with a 535 that quotes it."""

    def __init__(self, mechanisms: tuple[str, ...]) -> None:
        super().__init__()
        self.mechanisms = mechanisms

    def _protocol(self) -> SMTP:
        return SMTP(
            _EchoHandler(),
            hostname="localhost",
            authenticator=_echo_login,
            auth_required=True,
            auth_require_tls=False,
            timeout=10,
            loop=self._loop,
            auth_exclude_mechanism=[m for m in MECHANISMS if m not in self.mechanisms],
        )


@pytest.fixture
def echo_server(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    server = EchoingAuthServer(getattr(request, "param", MECHANISMS)).start()
    yield server
    server.stop()


def settings_for(server: SmtpTestServer) -> SmtpSettings:
    return SmtpSettings(
        host=HOST, port=server.port, security="none", username=USER, password_env=PASSWORD_ENV, timeout_seconds=5
    )


def alert_message():  # type: ignore[no-untyped-def]
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = (
        "monitor@example.org",
        "analyst@example.org",
        "test",
        "<secret-test@nkru.invalid>",
    )
    msg.set_content("body")
    return msg


@pytest.mark.parametrize(
    "echo_server", [(m,) for m in MECHANISMS] + [MECHANISMS], ids=[*MECHANISMS, "all-three"], indirect=True
)
def test_a_server_quoting_the_login_puts_no_form_of_the_password_in_the_error_or_the_log(
    echo_server: EchoingAuthServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DeliveryError) as raised:
        send_smtp(alert_message(), settings_for(echo_server), env={PASSWORD_ENV: PASSWORD})
    error = raised.value
    assert error.kind == "auth" and error.smtp_code == 535
    assert "535 5.7.8" in error.message and "not recorded" in error.message
    assert_clean(str(error), "str(error)")
    assert_clean(repr(error), "repr(error)")
    assert_clean("".join(traceback.format_exception(error)), "the traceback")
    assert_clean(our_log(caplog), "the log")
    assert "not delivered" in our_log(caplog)


def test_every_reply_is_redacted_not_only_the_reply_to_auth() -> None:
    from monitor.alerts.deliver import _redact, _secret_forms

    plain = b64(f"\0{USER}\0{PASSWORD}")
    reply = f"550 5.7.1 no thanks {plain} {PASSWORD}"
    assert_clean(_redact(reply, _secret_forms(USER, PASSWORD)), "a redacted reply")


def run_monitor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), PASSWORD_ENV: PASSWORD}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def login_config(tmp_path: Path, port: int, **smtp: Any) -> dict[str, Any]:
    data = config_data(tmp_path, smtp_port=port, smtp_timeout=5)
    data["alerts"]["smtp"].update(username=USER, password_env=PASSWORD_ENV, **smtp)
    return data


def test_alert_failed_the_cli_and_the_database_never_hold_the_password(
    echo_server: EchoingAuthServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from monitor.alerts.sender import deliver_due
    from monitor.pipeline import process_pending
    from tests.support.alert_app import discover

    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    data = login_config(tmp_path, echo_server.port)
    config = write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, config))
    try:
        discover(app, "secret-1", SHELLS_9M)
        process_pending(app)
        assert deliver_due(app)["failed"] == 1
        [failed] = [e.data for e in app.store.read_all(types=["AlertFailed"])]
    finally:
        app.close()
    assert failed["kind"] == "auth" and "535" in failed["error"]
    assert_clean(repr(failed), "AlertFailed")
    assert_clean(our_log(caplog), "the daemon log")
    for args in (("alerts",), ("alerts", "--json"), ("events",), ("events", "--json"), ("alerts", "test")):
        shown = run_monitor(config, *args)
        assert_clean(shown.stdout + shown.stderr, f"monitor {' '.join(args)}")
    test = run_monitor(config, "alerts", "test")
    assert test.returncode != 0 and "authentication failed" in test.stdout + test.stderr
    for path in tmp_path.glob("monitor.db*"):
        assert_clean(path.read_bytes().decode("latin-1"), path.name)


@pytest.mark.parametrize("host", ["smtp.example.org", "192.0.2.25", "10.1.2.3", "[2001:db8::25]"])
def test_a_login_without_tls_to_another_host_is_one_config_error(tmp_path: Path, host: str) -> None:
    data = login_config(tmp_path, 2525, host=host)
    with pytest.raises(ConfigError) as raised:
        parse_config(data, tmp_path / "config.toml")
    message = str(raised.value)
    assert message.startswith('config.toml: [alerts.smtp] username is set with security = "none"')
    assert "\n" not in message and "starttls" in message
    with pytest.raises(DeliveryError) as direct:
        SmtpSettings(host=host, security="none", username=USER, password_env=PASSWORD_ENV)
    assert direct.value.kind == "config"
    shown = run_monitor(write_config(tmp_path / "config.toml", data), "alerts", "test")
    assert shown.returncode == 2 and "clear text" in shown.stderr and len(shown.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.53"])
def test_a_login_without_tls_to_loopback_is_allowed(tmp_path: Path, host: str) -> None:
    config = parse_config(login_config(tmp_path, 2525, host=host), tmp_path / "config.toml")
    assert config.alerts.smtp is not None and config.alerts.smtp.username == USER
    SmtpSettings(host=host, security="none", username=USER, password_env=PASSWORD_ENV)
    for security in ("starttls", "tls"):  # TLS protects the login to any host
        parse_config(login_config(tmp_path, 2525, host="smtp.example.org", security=security), tmp_path / "c.toml")


def test_a_password_outside_ascii_is_a_config_error_that_does_not_quote_it(echo_server: EchoingAuthServer) -> None:
    secret = "pässwörd-Ünïcode"
    with pytest.raises(DeliveryError) as raised:
        send_smtp(alert_message(), settings_for(echo_server), env={PASSWORD_ENV: secret})
    assert raised.value.kind == "config" and "outside ASCII" in raised.value.message
    assert secret not in "".join(traceback.format_exception(raised.value))
