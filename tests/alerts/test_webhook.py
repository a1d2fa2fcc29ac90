"""Structured webhooks (hook+http:// channels) against a real receiver on 127.0.0.1: signed JSON
documents, one idempotency key per alert across retries, URLs checked at start, the key never shown."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import logging
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.sender import deliver_due
from monitor.alerts.webhook import SCHEMA
from monitor.config import ConfigError, parse_config
from tests.support.alert_app import (
    SHELLS_5M,
    all_event_text,
    config_data,
    make_app,
    make_config,
    queue_alert,
    write_config,
)
from tests.support.cli_files import monitor
from tests.support.httpserver import LocalHTTPServer, Request, free_port

KEY = "hmacKeyNobodyMaySee42"
KEY_ENV = "NKRU_TEST_HOOK_KEY"


class Receiver:
    """Records every POST's raw body and headers; answers 500 while told to fail."""

    def __init__(self, server: LocalHTTPServer, path: str) -> None:
        self.url = f"hook+http://127.0.0.1:{server.port}{path}"
        self.posts: list[tuple[int, bytes, dict[str, str]]] = []
        self.failures = 0
        self._lock = threading.Lock()
        server.route(path, self._answer)

    def _answer(self, req: Request) -> None:
        body = req.body()
        with self._lock:
            status = 500 if self.failures > 0 else 204
            self.failures -= status == 500
            self.posts.append((status, body, dict(req.headers)))
        req.send(status, b"busy, try later" if status == 500 else b"", content_type="text/plain")

    def accepted(self) -> list[tuple[bytes, dict[str, str]]]:
        with self._lock:
            return [(body, headers) for status, body, headers in self.posts if status == 204]


def verified(body: bytes, headers: dict[str, str], key: str) -> bool:
    """What a receiver does: the HMAC of the exact bytes received, compared in constant time."""
    expected = "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("x-nkru-signature", ""))


def test_an_alert_arrives_as_a_signed_structured_document(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)
    desk = Receiver(http_server, "/desk")
    app = make_app(make_config(tmp_path, notify=[desk.url], webhook_secret_env=KEY_ENV))
    queue_alert(app, "a1", SHELLS_5M)
    seen = io.StringIO()
    handler = logging.StreamHandler(seen)
    root, level = logging.getLogger(), logging.getLogger().level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        assert deliver_due(app)["channel_sent"] == 1
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    [(body, headers)] = desk.accepted()
    assert verified(body, headers, KEY) and not verified(body, headers, KEY + "x")
    assert headers["content-type"].startswith("application/json")
    doc = json.loads(body)
    [queued] = app.store.read_all(types=[ev.ALERT_QUEUED])
    assert doc["schema"] == SCHEMA and doc["kind"] == "article"
    assert doc["alert_id"] == queued.data["alert_id"] == headers["idempotency-key"] == headers["x-nkru-alert-id"]
    assert headers["x-nkru-delivery"].startswith(doc["alert_id"] + ".")
    article = doc["details"]["article"]
    assert article["title"] == "Report a1" and article["article_id"] == queued.data["article_id"]
    [claim] = [c for c in doc["details"]["claims"] if c["item"] == "artillery_shells"]
    assert claim["quantity"] == 5_000_000 and claim["bound"] == "at_least" and claim["verdict"] in ("new", "updates")
    assert claim["direction"] == "NK->RU" and claim["ledger_key"] == "shipment|artillery_shells|NK->RU"
    assert claim["ledger"]["newest"]["quantity"] == 5_000_000
    assert "5" in doc["subject"] and doc["text"]
    # The key signs; it is never written or logged anywhere.
    assert KEY not in all_event_text(tmp_path / "monitor.db") and KEY not in seen.getvalue()
    app.close()


def test_a_refused_delivery_is_retried_with_the_same_key_and_bytes_and_lands_once(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)
    desk = Receiver(http_server, "/desk")
    desk.failures = 1
    app = make_app(make_config(tmp_path, notify=[desk.url], webhook_secret_env=KEY_ENV, retry_max_hours=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 1
    [failed] = app.store.read_all(types=[ev.ALERT_FAILED])
    assert failed.data["next_try_at"] and not failed.data["permanent"] and "HTTP 500" in failed.data["error"]
    later = start + timedelta(hours=2)
    for _ in range(3):  # bounded: each pass retries what is due; delivered is delivered
        deliver_due(app, now=later)
        later += timedelta(hours=2)
    [(refused_status, refused_body, refused_headers), (status, body, headers)] = desk.posts
    assert (refused_status, status) == (500, 204)
    assert body == refused_body and headers["x-nkru-signature"] == refused_headers["x-nkru-signature"]
    assert headers["idempotency-key"] == refused_headers["idempotency-key"]
    assert headers["x-nkru-delivery"] != refused_headers["x-nkru-delivery"]  # one id per attempt
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        assert conn.execute("SELECT status, attempts FROM alert_deliveries").fetchall() == [("sent", 2)]
    app.close()


def test_a_4xx_is_permanent_and_a_closed_port_is_retried(tmp_path: Path, http_server: LocalHTTPServer) -> None:
    from monitor.alerts.channels import send_hook

    http_server.route("/gone", lambda req: req.send(410, b"no such hook", content_type="text/plain"))
    gone = send_hook(f"hook+http://127.0.0.1:{http_server.port}/gone", b"{}", {"Content-Type": "application/json"})
    assert not gone.ok and gone.permanent and "HTTP 410" in gone.detail
    closed = send_hook(f"hook+http://127.0.0.1:{free_port()}/x", b"{}", {})
    assert not closed.ok and not closed.permanent


def test_a_receiver_that_answers_garbage_is_a_failure_to_retry_not_a_crash() -> None:
    """A reply that is no HTTP at all (a status line of nonsense, from a proxy or a port serving something
    else) is the receiver's trouble like any other: the send reports it and the alert is tried again later."""
    import socket

    from monitor.alerts.channels import send_hook

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(10)

        def answer_nonsense() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(10)
                conn.recv(65536)
                conn.sendall(b"SSH-2.0-not-a-web-server\r\n\r\n")

        server = threading.Thread(target=answer_nonsense, daemon=True)
        server.start()
        outcome = send_hook(f"hook+http://127.0.0.1:{listener.getsockname()[1]}/x", b"{}", {}, timeout=10)
        server.join(timeout=10)
    assert not outcome.ok and not outcome.permanent
    assert "BadStatusLine" in outcome.detail


@pytest.mark.parametrize(
    "url, problem",
    [("hook+https:///no-host", "names no host"), ("hook+http://127.0.0.1:port/x", "not a usable webhook URL")],
)
def test_a_hook_url_that_cannot_work_is_refused_by_the_config(tmp_path: Path, url: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(config_data(tmp_path, notify=[url]))
    assert problem in str(caught.value) and "[alerts] notify" in str(caught.value)


@pytest.mark.parametrize("command", ["poll", "run"])
def test_poll_and_run_refuse_a_bad_hook_or_a_missing_key_before_they_start(tmp_path: Path, command: str) -> None:
    write_config(tmp_path / "config.toml", config_data(tmp_path, notify_env="NKRU_TEST_HOOKS"))
    bad = f"hook+https:///{KEY}"  # no host; the path is a secret like any token
    done = monitor(command, cwd=tmp_path, env={"NKRU_TEST_HOOKS": bad})
    assert done.returncode == 2 and KEY not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("monitor: bad config: config.toml: [alerts] notify_env $NKRU_TEST_HOOKS: 'hook+https://")
    assert "names no host" in line and not (tmp_path / "monitor.db").exists()
    data = config_data(tmp_path, notify=[f"hook+http://127.0.0.1:{free_port()}/x"], webhook_secret_env=KEY_ENV)
    write_config(tmp_path / "config.toml", data)
    done = monitor(command, cwd=tmp_path, env={KEY_ENV: ""})
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert f"webhook_secret_env: ${KEY_ENV} is not set or empty" in line and not (tmp_path / "monitor.db").exists()


def test_alerts_test_sends_a_signed_test_document_without_showing_the_key(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    desk = Receiver(http_server, "/desk")
    write_config(tmp_path / "config.toml", config_data(tmp_path, webhook_secret_env=KEY_ENV))
    done = monitor("alerts", "test", "--channel", desk.url, cwd=tmp_path, env={KEY_ENV: KEY})
    assert done.returncode == 0, done.stderr
    assert "accepted the test notice" in done.stdout and KEY not in done.stdout + done.stderr
    [(body, headers)] = desk.accepted()
    assert verified(body, headers, KEY) and json.loads(body)["kind"] == "test"
    desk.failures = 1
    done = monitor("alerts", "test", "--channel", desk.url, cwd=tmp_path, env={KEY_ENV: KEY})
    assert done.returncode == 1 and "HTTP 500" in done.stderr and KEY not in done.stdout + done.stderr
    # Without the key the alerts would be held back, so the test is not sent unsigned either.
    done = monitor("alerts", "test", "--channel", desk.url, cwd=tmp_path, env={KEY_ENV: ""})
    assert done.returncode == 2 and f"webhook_secret_env: ${KEY_ENV} is not set" in done.stderr
    assert len(desk.posts) == 2


def test_a_new_feeds_summary_and_an_old_alert_have_documents_too() -> None:
    from monitor.alerts.first_poll import ledger_moves
    from monitor.alerts.webhook import alert_details, document

    key = "troops|soldiers|NK->RU"
    before = {key: {"quantity": 3000, "bound": "about", "date": "2024-10-01", "source": "outlet", "outlet": "Desk A"}}
    after = {
        key: {"kind": "troops", "item": "soldiers", "quantity": 11000, "bound": "about", "date": "2024-11-04"}
        | {"source": "outlet", "outlet": "Desk B"}
    }
    summary = {"entries": 4, "relevant": 2, "ledger": ledger_moves(before, after, [key])}
    details = alert_details("first_poll_summary", {"feed": {"id": "desk"}, "summary": summary})
    assert details is not None
    [move] = details["ledger"]
    assert (move["ledger_key"], move["item"], move["before"]["quantity"], move["after"]["quantity"]) == (
        key,
        "soldiers",
        3000,
        11000,
    )
    # A figure in an article's own voice says whose article it was, before and after alike.
    assert (move["before"]["outlet"], move["after"]["outlet"]) == ("Desk A", "Desk B")
    # An alert queued before the schema existed still posts a document: its facts are null, its text is there.
    old = document({"alert_id": "article-1", "kind": "article"}, "Subject", "Body")
    assert old["details"] is None and old["text"] == "Body" and old["schema"] == SCHEMA


@pytest.mark.parametrize("key", [KEY, "whsec_" + base64.b64encode(b"twenty-four or more bytes!").decode()])
def test_the_receivers_check_in_the_howto_accepts_a_fresh_signed_document_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    from monitor.alerts.webhook import document, encode, headers

    howto = (Path(__file__).resolve().parents[2] / "docs" / "howto.md").read_text(encoding="utf-8")
    snippet = howto.split("A receiver checks the signature", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(snippet, namespace)  # noqa: S102 - the documentation's own code, run as a reader would
    monkeypatch.setenv("MONITOR_HOOK_KEY", key)
    body = encode(document({"alert_id": "article-1", "kind": "article", "details": None}, "S", "T"))

    def received(sent_at: int, secret: str = key) -> dict[str, str]:
        sent = headers(body, alert_id="article-1", delivery_id="article-1.x.1", secret=secret, sent_at=sent_at)
        return {name.lower(): value for name, value in sent.items()}

    now = int(time.time())
    assert namespace["verified_alert"](body, received(now))["alert_id"] == "article-1"
    assert namespace["verified_alert"](body.replace(b"article-1", b"article-2"), received(now)) is None
    assert namespace["verified_alert"](body, received(now, secret=KEY + "x")) is None
    assert namespace["verified_alert"](body, received(now - 3600)) is None  # replayed an hour later
    assert namespace["verified_alert"](body, {}) is None


def test_a_document_is_never_sent_unsigned_when_its_key_is_missing(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = Receiver(http_server, "/desk")
    monkeypatch.delenv(KEY_ENV, raising=False)
    app = make_app(make_config(tmp_path, notify=[desk.url], webhook_secret_env=KEY_ENV))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 1 and desk.posts == []
    [failed] = app.store.read_all(types=[ev.ALERT_FAILED])
    assert failed.data["next_try_at"] and KEY_ENV in failed.data["error"]
    monkeypatch.setenv(KEY_ENV, KEY)  # the key is back: the next due pass signs and delivers
    assert deliver_due(app, now=start + timedelta(hours=1))["channel_sent"] == 1
    [(body, headers)] = desk.accepted()
    assert verified(body, headers, KEY)
    app.close()
