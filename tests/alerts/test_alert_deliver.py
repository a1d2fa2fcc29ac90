"""Alert delivery against real SMTP servers on 127.0.0.1 (aiosmtpd and raw sockets)
and a real outbox directory. Nothing here mocks smtplib."""

from __future__ import annotations

import email
import errno
import logging
import os
import time
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from monitor.alerts import (
    DeliveryAttempt,
    DeliveryError,
    OutboxWriter,
    SmtpSettings,
    build_message,
    send_smtp,
    send_test_message,
)
from monitor.alerts.deliver import _io_error, deliver, read_queued
from tests.support.smtp_server import (  # noqa: F401  (fixtures are used by name)
    HOST,
    ScriptedServer,
    SmtpTestServer,
    closed_port,
    scripted_smtp,
    server_tls_context,
    smtp_factory,
    smtp_server,
    tls_cert,
)

pytestmark = [
    pytest.mark.timeout(30),
    # aiosmtpd warns when AUTH is allowed without TLS; the AUTH tests do that on purpose.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

Factory = Callable[..., SmtpTestServer]
Cert = tuple[Path, Path]

PASSWORD = "correct horse battery staple"
TO = ["analyst@example.org", "desk@example.org"]


TITLE = "북한 포탄 500만발 — N. Korea shipped 5.2 million shells"


def alert(alert_id: str = "alert-0042", title: str = TITLE) -> EmailMessage:
    payload = {
        "alert_id": alert_id,
        "kind": "article",
        "created_at": "2024-07-24T09:00:00Z",
        "article": {
            "title": title,
            "outlet": "Yonhap",
            "feed_id": "yonhap-nk",
            "published": "2024-07-24",
            "link": "https://en.yna.co.kr/view/AEN1",
        },
        "items": [
            {
                "claim": {
                    "id": "c1",
                    "kind": "shipment",
                    "item": "artillery_shells",
                    "direction": "NK->RU",
                    "quantity": 5_200_000,
                    "bound": "exact",
                    "quantity_high": None,
                    "source": "South Korea Ministry of Defense",
                    "since": None,
                    "as_of": "2024-07-24",
                    "stance": "asserted",
                    "hedged": False,
                    "evidence": "The ministry estimates 5.2 million shells have been shipped.",
                    "span": [0, 60],
                },
                "verdict": {
                    "claim": "c1",
                    "verdict": "updates",
                    "baseline": ["b1"],
                    "from": 1_000_000,
                    "to": 5_200_000,
                },
                "ledger": {
                    "key": "shipment:artillery_shells:NK->RU",
                    "label": "Artillery shells",
                    "newest": {
                        "quantity": 5_200_000,
                        "bound": "exact",
                        "source": "South Korea Ministry of Defense",
                        "date": "2024-07-24",
                    },
                    "baseline": {"quantity": 1_000_000, "bound": "at_least", "date": "2023-11-01"},
                },
            }
        ],
        "head": {"position": 77, "hash": "ab" * 32},
    }
    return build_message(payload, from_addr="monitor@example.org", to_addrs=TO, list_id="alerts", domain="example.org")


def plain(server: Any, **overrides: Any) -> SmtpSettings:
    options: dict[str, Any] = {"host": HOST, "port": server.port, "security": "none", "timeout_seconds": 5}
    options.update(overrides)
    return SmtpSettings(**options)


def raises_kind(kind: str, call: Callable[[], Any]) -> DeliveryError:
    with pytest.raises(DeliveryError) as info:
        call()
    assert info.value.kind == kind, info.value.message
    return info.value


# --- successful delivery -------------------------------------------------------


def test_delivered_message_is_parsed_back_with_its_content(smtp_server: SmtpTestServer, tmp_path: Path) -> None:
    msg = alert()
    attempts: list[DeliveryAttempt] = []
    receipt = deliver(msg, plain(smtp_server), tmp_path / "outbox", on_attempt=attempts.append)

    assert receipt.channel == "smtp" and receipt.reply.startswith("250 ") and "queued as TEST0001" in receipt.reply
    assert receipt.message_id == "<alert.alert-0042@example.org>" and not receipt.refused
    assert [a.channel for a in attempts] == ["smtp"] and attempts[0].target == f"{HOST}:{smtp_server.port}"
    assert not (tmp_path / "outbox").exists()  # SMTP configured: the outbox is not used

    (received,) = smtp_server.wait_for(1)
    assert received.mail_from == "monitor@example.org"
    assert sorted(received.rcpt_tos) == sorted(TO)
    got = received.message
    assert got["Message-ID"] == "<alert.alert-0042@example.org>"
    assert got["Subject"] == "Artillery shells: 5.2 million (baseline 1 million) — Yonhap"
    assert got["List-Id"] == "nkru-monitor alerts <alerts.example.org>"
    assert got["X-NKRU-Log-Head"] == "77 " + "ab" * 32
    text = got.get_body(("plain",)).get_content()
    html = got.get_body(("html",)).get_content()
    assert "북한 포탄 500만발" in text and "북한 포탄 500만발" in html
    assert "5.2 million artillery shells (South Korea Ministry of Defense, 2024-07-24)" in " ".join(text.split())
    assert "The ministry estimates 5.2 million shells have been shipped." in html


def test_message_stored_as_text_is_delivered_unchanged(smtp_server: SmtpTestServer, tmp_path: Path) -> None:
    # The queue keeps the rendered message as a string in the AlertQueued event.
    original = alert()
    stored = read_queued(original.as_string())  # as the sender reads it back
    assert isinstance(stored, EmailMessage)
    assert stored.as_bytes() == original.as_bytes()
    # Its header objects are reused from one read to the next: the bytes stay those of the
    # standard SMTP policy, the second time as the first.
    plain_read = email.message_from_string(original.as_string(), policy=policy.SMTP)
    lf = policy.SMTP.clone(linesep="\n")
    for again in (read_queued(original.as_string()), read_queued(original.as_string())):
        assert again.as_bytes() == plain_read.as_bytes() == original.as_bytes()
        assert again.as_bytes(policy=again.policy.clone(linesep="\n")) == plain_read.as_bytes(policy=lf)
        assert again["Subject"] == plain_read["Subject"] and again.get_body(("plain",)).get_content() == (
            plain_read.get_body(("plain",)).get_content()
        )
    deliver(stored, plain(smtp_server), None)
    got = smtp_server.wait_for(1)[0].message
    assert got["Subject"] == "Artillery shells: 5.2 million (baseline 1 million) — Yonhap"
    assert "북한 포탄 500만발" in got.get_body(("plain",)).get_content()
    path = deliver(stored, None, tmp_path).path
    assert path is not None and path.read_bytes() == OutboxWriter(tmp_path / "b").write(original).read_bytes()


def test_send_smtp_returns_the_reply_to_data(smtp_server: SmtpTestServer) -> None:
    assert send_smtp(alert(), plain(smtp_server)) == "250 2.0.0 OK queued as TEST0001"


def test_starttls_with_a_trusted_certificate(smtp_factory: Factory, tls_cert: Cert) -> None:
    cert, key = tls_cert
    server = smtp_factory(starttls=server_tls_context(cert, key))
    reply = send_smtp(alert(), plain(server, security="starttls", ca_file=str(cert)))
    assert reply.startswith("250")
    (received,) = server.wait_for(1)
    assert received.tls


def test_implicit_tls(smtp_factory: Factory, tls_cert: Cert) -> None:
    cert, key = tls_cert
    server = smtp_factory(implicit_tls=server_tls_context(cert, key))
    assert send_smtp(alert(), plain(server, security="tls", ca_file=str(cert))).startswith("250")
    assert server.wait_for(1)[0].tls


def test_untrusted_certificate_is_a_tls_error(smtp_factory: Factory, tls_cert: Cert) -> None:
    cert, key = tls_cert
    server = smtp_factory(starttls=server_tls_context(cert, key))
    error = raises_kind("tls", lambda: send_smtp(alert(), plain(server, security="starttls")))
    assert "TLS handshake" in error.message and "certificate" in error.message
    assert not error.permanent and server.messages == []


def test_starttls_not_offered_is_a_tls_error(smtp_server: SmtpTestServer) -> None:
    error = raises_kind("tls", lambda: send_smtp(alert(), plain(smtp_server, security="starttls")))
    assert "does not offer STARTTLS" in error.message


def test_auth_with_password_from_the_environment(smtp_factory: Factory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = smtp_factory(users={"monitor": PASSWORD})
    settings = plain(server, username="monitor", password_env="NKRU_TEST_SMTP_PASSWORD")
    reply = send_smtp(alert(), settings, env={"NKRU_TEST_SMTP_PASSWORD": PASSWORD})
    assert reply.startswith("250")
    assert server.wait_for(1)[0].authenticated_as == "monitor"
    assert PASSWORD not in caplog.text
    assert PASSWORD not in repr(settings) and PASSWORD not in settings.describe()


def test_wrong_password_is_an_auth_error(smtp_factory: Factory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = smtp_factory(users={"monitor": PASSWORD})
    settings = plain(server, username="monitor", password_env="NKRU_TEST_SMTP_PASSWORD")
    error = raises_kind("auth", lambda: send_smtp(alert(), settings, env={"NKRU_TEST_SMTP_PASSWORD": "wrong-secret"}))
    assert error.message.startswith("authentication failed for user 'monitor'")
    assert "$NKRU_TEST_SMTP_PASSWORD" in error.message
    assert "wrong-secret" not in error.message and "wrong-secret" not in caplog.text
    assert not error.permanent and server.messages == []


def test_missing_password_variable_is_a_config_error_before_any_attempt(smtp_factory: Factory) -> None:
    server = smtp_factory(users={"monitor": PASSWORD})
    settings = plain(server, username="monitor", password_env="NKRU_TEST_SMTP_PASSWORD")
    attempts: list[DeliveryAttempt] = []
    error = raises_kind("config", lambda: deliver(alert(), settings, None, env={}, on_attempt=attempts.append))
    assert "NKRU_TEST_SMTP_PASSWORD" in error.message
    assert attempts == []  # never tried: safe to send later without a duplicate


# --- failures that leave the alert queued ---------------------------------------


def test_refused_connection() -> None:
    port = closed_port()
    attempts: list[DeliveryAttempt] = []
    error = raises_kind(
        "refused",
        lambda: deliver(alert(), SmtpSettings(HOST, port, "none", timeout_seconds=5), None, on_attempt=attempts.append),
    )
    assert error.message == (
        f"SMTP server {HOST}:{port} refused the connection — is it running? check [alerts.smtp] host/port"
    )
    assert not error.permanent
    assert len(attempts) == 1  # the attempt is recorded before talking to the server


def test_server_that_never_answers_times_out_within_the_configured_seconds(
    scripted_smtp: Callable[..., ScriptedServer],
) -> None:
    server = scripted_smtp("silent")
    started = time.monotonic()
    error = raises_kind("timeout", lambda: send_smtp(alert(), plain(server, timeout_seconds=1)))
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 3, elapsed
    assert error.message.startswith(f"timed out after 1 s waiting for the greeting of SMTP server {HOST}:{server.port}")
    assert not error.permanent


def test_trickling_server_hits_the_overall_deadline(scripted_smtp: Callable[..., ScriptedServer]) -> None:
    server = scripted_smtp("trickle", trickle_gap=0.2)  # each byte well inside the 1 s timeout
    started = time.monotonic()
    error = raises_kind("timeout", lambda: send_smtp(alert(), plain(server, timeout_seconds=1, deadline_seconds=1.5)))
    assert time.monotonic() - started < 3
    assert error.message.startswith("gave up after 1.5 s in total")


def test_drop_in_the_middle_of_data_then_a_healthy_server_gets_it_exactly_once(
    scripted_smtp: Callable[..., ScriptedServer], smtp_server: SmtpTestServer
) -> None:
    msg = alert()
    dropper = scripted_smtp("drop_in_data")
    error = raises_kind("disconnected", lambda: deliver(msg, plain(dropper), None))
    assert dropper.data_bytes_seen > 0  # the connection really died inside DATA
    assert "may or may not have been accepted" in error.message and not error.permanent

    receipt = deliver(msg, plain(smtp_server), None)  # the retry the outbox will make
    assert receipt.reply.startswith("250")
    time.sleep(0.2)  # a duplicate, if any, would arrive now
    delivered = [r for r in smtp_server.messages if r.message["Message-ID"] == "<alert.alert-0042@example.org>"]
    assert len(delivered) == 1


@pytest.mark.parametrize(
    ("options", "kind", "permanent", "code"),
    [
        ({"data_reply": "451 4.3.0 Temporary local problem, try later"}, "temporary", False, 451),
        ({"data_reply": "554 5.6.0 Message rejected as spam"}, "rejected", True, 554),
        ({"rcpt_replies": {TO[0]: "550 5.1.1 No such user", TO[1]: "550 5.1.1 No such user"}}, "rejected", True, 550),
        ({"rcpt_replies": {TO[0]: "450 4.2.1 Mailbox busy", TO[1]: "550 5.1.1 No such user"}}, "temporary", False, 450),
    ],
)
def test_smtp_replies_are_classified(
    smtp_factory: Factory, options: dict[str, Any], kind: str, permanent: bool, code: int
) -> None:
    server = smtp_factory(**options)
    error = raises_kind(kind, lambda: send_smtp(alert(), plain(server)))
    assert error.permanent is permanent and error.smtp_code == code
    assert server.messages == []


def test_one_refused_recipient_does_not_fail_the_others(smtp_factory: Factory) -> None:
    server = smtp_factory(rcpt_replies={TO[1]: "550 5.1.1 No such user"})
    receipt = deliver(alert(), plain(server), None)
    assert receipt.reply.startswith("250")
    assert list(receipt.refused) == [TO[1]] and receipt.refused[TO[1]][0] == 550
    assert server.wait_for(1)[0].rcpt_tos == (TO[0],)


def test_failed_attempt_hook_prevents_sending(smtp_server: SmtpTestServer) -> None:
    def cannot_record(attempt: DeliveryAttempt) -> None:
        raise RuntimeError("log is read-only")

    with pytest.raises(RuntimeError):
        deliver(alert(), plain(smtp_server), None, on_attempt=cannot_record)
    time.sleep(0.1)
    assert smtp_server.messages == []


# --- settings ------------------------------------------------------------------


def test_settings_validation_and_defaults() -> None:
    assert SmtpSettings.from_mapping({"host": "mail.example.org", "security": "tls"}).port == 465
    assert SmtpSettings.from_mapping({"host": "mail.example.org"}).port == 587
    raises_kind("config", lambda: SmtpSettings(HOST, 25, "ssl"))  # type: ignore[arg-type]
    raises_kind("config", lambda: SmtpSettings(HOST, 0, "none"))
    raises_kind("config", lambda: SmtpSettings(HOST, 25, "none", username="monitor"))
    error = raises_kind("config", lambda: SmtpSettings(HOST, 25, "none", username="monitor", password_env="hunter2!"))
    assert "hunter2!" not in error.message  # someone pasted the password: never echo it
    raises_kind("config", lambda: send_smtp(alert(), SmtpSettings(HOST, 25, "starttls", ca_file="/nonexistent/ca.pem")))


# --- monitor alerts test ---------------------------------------------------------


def test_send_test_message(smtp_server: SmtpTestServer) -> None:
    line = send_test_message(plain(smtp_server), "monitor@example.org", ["analyst@example.org"])
    assert line.startswith(f"{HOST}:{smtp_server.port} accepted the test message for analyst@example.org: 250 ")
    got = smtp_server.wait_for(1)[0].message
    assert got["Subject"] == "nkru-monitor test message"
    assert f"SMTP {HOST}:{smtp_server.port} (none, no login)" in got.get_body(("plain",)).get_content()


def test_send_test_message_explains_failures(smtp_factory: Factory) -> None:
    port = closed_port()
    settings = SmtpSettings(HOST, port, "none")
    error = raises_kind("refused", lambda: send_test_message(settings, "m@example.org", ["a@example.org"]))
    assert "is it running? check [alerts.smtp] host/port" in str(error)
    server = smtp_factory(users={"monitor": PASSWORD})
    settings = plain(server, username="monitor", password_env="PW")
    error = raises_kind(
        "auth", lambda: send_test_message(settings, "m@example.org", ["a@example.org"], env={"PW": "nope"})
    )
    assert str(error).startswith("authentication failed for user 'monitor'")


def test_send_test_message_without_smtp_writes_the_outbox(tmp_path: Path) -> None:
    line = send_test_message(None, "m@example.org", ["a@example.org"], outbox_dir=tmp_path)
    (written,) = tmp_path.glob("*.eml")
    assert str(written) in line


# --- outbox ----------------------------------------------------------------------


def test_outbox_is_the_default_and_writes_readable_eml(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    receipt = deliver(alert(), None, outbox)
    assert receipt.channel == "outbox" and receipt.path == outbox / "alert.alert-0042@example.org.eml"
    data = receipt.path.read_bytes()
    assert b"\r\n" not in data  # LF line ends: comfortable in a terminal
    parsed = email.message_from_bytes(data, policy=policy.default)
    assert parsed["Subject"] == "Artillery shells: 5.2 million (baseline 1 million) — Yonhap"
    assert parsed["Message-ID"] == "<alert.alert-0042@example.org>"
    assert "북한 포탄 500만발" in parsed.get_body(("plain",)).get_content()
    assert parsed.get_body(("html",)) is not None
    assert oct(receipt.path.stat().st_mode & 0o777) == oct(0o644)


def test_outbox_rewrite_is_idempotent(tmp_path: Path) -> None:
    writer = OutboxWriter(tmp_path)
    first = writer.write(alert())
    before = first.read_bytes()
    second = writer.write(alert())
    assert first == second and second.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]  # no duplicate, no temp file left
    writer.write(alert("alert-0043"))
    assert len(list(tmp_path.glob("*.eml"))) == 2


def test_unwritable_outbox_names_the_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the outbox directory should be")
    error = raises_kind("io", lambda: deliver(alert(), None, blocker / "outbox"))
    assert str(blocker / "outbox") in error.message and "outbox_dir" in error.message


def test_an_outbox_dir_that_is_a_file_says_so(tmp_path: Path) -> None:
    """It said "cannot create the directory in outbox directory X: File exists"."""
    taken = tmp_path / "outbox"
    taken.write_text("a file where the outbox directory should be")
    error = raises_kind("io", lambda: deliver(alert(), None, taken))
    assert error.message == f"outbox directory {taken} is a file, not a folder — check [alerts] outbox_dir"
    missing_parent = tmp_path / "outbox" / "alerts"
    error = raises_kind("io", lambda: deliver(alert(), None, missing_parent))
    assert error.message.startswith(f"cannot create outbox directory {missing_parent}: ")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes through directory permissions")
def test_read_only_outbox_names_the_directory(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    outbox.chmod(0o500)
    try:
        error = raises_kind("io", lambda: OutboxWriter(outbox).write(alert()))
        assert str(outbox) in error.message
    finally:
        outbox.chmod(0o700)


def test_disk_full_is_reported_as_io() -> None:
    # ENOSPC cannot be produced on demand without a tiny file system; check the mapping.
    error = _io_error(OSError(errno.ENOSPC, "No space left on device"), Path("/var/spool/nkru"), "write")
    assert error.kind == "io" and "disk is full" in error.message and "/var/spool/nkru" in error.message


@pytest.mark.timeout(60)
def test_the_daemon_says_a_server_is_held_only_when_its_silence_holds_alerts_back(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """`alerts_held` tells an operator the mail server is left alone until a time, and how many alerts wait
    for it. The hold stays on record after it lapses, so a later failure of another kind (the server back,
    refusing a recipient) repeated it: a time already past and `"held": 0`."""
    import json
    import time
    from datetime import UTC, datetime

    from apscheduler.schedulers.background import BackgroundScheduler

    from monitor.alerts import sender
    from monitor.daemon import Daemon
    from tests.support.alert_app import SHELLS_5M, TROOPS_11K, make_app, make_config, queue_alert
    from tests.support.alert_app import TO as RECIPIENTS

    monkeypatch.setattr(sender, "RETRY_BASE_SECONDS", 1)  # a hold of a second, not of half a minute
    port = closed_port()
    config = make_config(tmp_path, smtp_port=port, retry_max_hours=0.0003)  # holds and retries of about a second
    app = make_app(config)
    queue_alert(app, "a1", SHELLS_5M)
    queue_alert(app, "a2", TROOPS_11K)
    daemon = Daemon(config, app, BackgroundScheduler())
    daemon.deliver()  # nothing listens: the first alert meets the silence, the second is not tried
    held = [json.loads(line) for line in capsys.readouterr().err.splitlines() if '"alerts_held"' in line]
    assert [line["held"] for line in held] == [2], held
    server = SmtpTestServer(port=port, rcpt_replies={RECIPIENTS[0]: "550 5.1.1 no such mailbox"}).start()
    try:
        lapsed_by = time.monotonic() + 10
        while not daemon.breaker.closed(held[0]["destination"], datetime.now(UTC)) and time.monotonic() < lapsed_by:
            time.sleep(0.2)
        daemon.deliver()
    finally:
        server.stop()
    said = capsys.readouterr().err
    assert '"failed"' in said and '"alerts_held"' not in said, said
    app.close()


@pytest.mark.timeout(60)
def test_an_alert_given_up_on_a_silent_server_is_not_said_to_wait_for_it(
    tmp_path: Path, capsys, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    """The alert whose try met the server's silence waits for the server, unless that try was its last: then the
    journal's error line says it was given up, and `alerts_held` must not count it among those still waiting."""
    import json
    import time

    from apscheduler.schedulers.background import BackgroundScheduler

    from monitor import events as ev
    from monitor.alerts import sender
    from monitor.daemon import Daemon
    from tests.support.alert_app import SHELLS_5M, make_app, make_config, queue_alert

    monkeypatch.setattr(sender, "RETRY_BASE_SECONDS", 1)  # retries and holds of a second, not of half a minute
    # The second failure ends the retries (the span to give up after is already past).
    config = make_config(
        tmp_path, smtp_port=closed_port(), retry_max_hours=0.0003, give_up_min_attempts=2, give_up_email_days=1e-9
    )
    app = make_app(config)
    queue_alert(app, "a1", SHELLS_5M)
    daemon = Daemon(config, app, BackgroundScheduler())
    daemon.deliver()  # the first try: refused, the alert waits
    first = [json.loads(line) for line in capsys.readouterr().err.splitlines() if '"alerts_held"' in line]
    assert [line["held"] for line in first] == [1], first
    [failure] = app.store.read_all(types=[ev.ALERT_FAILED])
    retry_due_by = time.monotonic() + 10
    while time.monotonic() < retry_due_by and not (
        daemon.breaker.closed(first[0]["destination"], ev.utc_now())
        and ev.timestamp(ev.utc_now()) > failure.data["next_try_at"]
    ):
        time.sleep(0.2)
    daemon.deliver()  # the second try: refused, and the last
    said = capsys.readouterr().err
    assert [e.data.get("gave_up") for e in app.store.read_all(types=[ev.ALERT_FAILED])] == [None, True], caplog.text
    # Nothing waits for the server now: a line saying one alert is held would send an operator looking for it.
    assert '"alerts_held"' not in said, said
    app.close()
