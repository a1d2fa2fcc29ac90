"""Hook channels against receivers on 127.0.0.1 that check what mature webhook receivers check: the Standard
Webhooks signature over id, attempt time and body (a replayed or stale request refused), a key per hook, and
credentials in a hook's URL sent as Basic auth and shown nowhere. test_webhook.py covers the older
X-Nkru-Signature form and the document itself."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.alerts.sender import deliver_due
from monitor.config import ConfigError, parse_config
from tests.support.alert_app import (
    SHELLS_5M,
    TROOPS_11K,
    all_event_text,
    config_data,
    make_app,
    make_config,
    queue_alert,
    write_config,
)
from tests.support.cli_files import monitor
from tests.support.httpserver import LocalHTTPServer, Request, free_port

# A key in the spec's serialisation (whsec_ and base64 of 32 bytes) and an older plain one.
STANDARD_KEY_BYTES = bytes(range(7, 39))
STANDARD_KEY = "whsec_" + base64.b64encode(STANDARD_KEY_BYTES).decode()
PLAIN_KEY = "plainDeskKeyNobodyMaySee77"
DESK_ENV, OPS_ENV = "NKRU_TEST_DESK_KEY", "NKRU_TEST_OPS_KEY"
TOLERANCE_SECONDS = 300  # the five minutes the spec's libraries allow


def standard_refusal(body: bytes, headers: dict[str, str], key: bytes, now: float) -> str | None:
    """A Standard Webhooks receiver's check, written from the spec: None when the request is authentic and
    fresh, else why not. ``headers`` are lower-cased, as HTTP servers hand them over."""
    msg_id, stamp, signatures = (headers.get(h, "") for h in ("webhook-id", "webhook-timestamp", "webhook-signature"))
    if not (msg_id and stamp.isdigit() and signatures):
        return "missing headers"
    if abs(now - int(stamp)) > TOLERANCE_SECONDS:
        return "stale timestamp"
    digest = hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    expected = "v1," + base64.b64encode(digest).decode()
    if not any(hmac.compare_digest(expected, given) for given in signatures.split()):
        return "bad signature"
    return None


class StandardReceiver:
    """Answers 204 to an authentic, fresh request, 401 (with the reason) to any other, 500 while told to
    fail. ``clock_ahead`` moves its clock forward, as a request captured now and replayed later would find it."""

    def __init__(self, server: LocalHTTPServer, path: str, key: bytes) -> None:
        self.http_url = f"http://127.0.0.1:{server.port}{path}"
        self.url = "hook+" + self.http_url
        self.key = key
        self.clock_ahead = 0.0
        self.failures = 0
        self.posts: list[tuple[int, str, bytes, dict[str, str], float]] = []
        self._lock = threading.Lock()
        server.route(path, self._answer)

    def _answer(self, req: Request) -> None:
        body, now = req.body(), time.time() + self.clock_ahead
        refusal = standard_refusal(body, req.headers, self.key, now)
        with self._lock:
            status = 401 if refusal else 500 if self.failures > 0 else 204
            self.failures -= status == 500
            self.posts.append((status, refusal or "", body, dict(req.headers), now))
        req.send(status, (refusal or "").encode(), content_type="text/plain")

    def accepted(self) -> list[tuple[bytes, dict[str, str]]]:
        with self._lock:
            return [(body, headers) for status, _, body, headers, _ in self.posts if status == 204]

    def replay(self, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        """POST these exact bytes and headers again, as someone who captured them would."""
        request = urllib.request.Request(self.http_url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def test_a_standard_receiver_accepts_the_alert_and_refuses_it_replayed_later(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DESK_ENV, STANDARD_KEY)
    desk = StandardReceiver(http_server, "/desk", STANDARD_KEY_BYTES)
    app = make_app(make_config(tmp_path, notify=[desk.url], webhook_secret_env=DESK_ENV))
    alert_id = queue_alert(app, "a1", SHELLS_5M)
    before = int(time.time())
    assert deliver_due(app)["channel_sent"] == 1
    [(body, headers)] = desk.accepted()
    assert headers["webhook-id"] == alert_id == json.loads(body)["alert_id"]
    assert before <= int(headers["webhook-timestamp"]) <= int(time.time())
    # The older form is still there, keyed with the key's text as before, for receivers written against it.
    legacy = "sha256=" + hmac.new(STANDARD_KEY.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-nkru-signature"] == legacy
    # Captured and sent again at once, the request is still authentic (the receiver's idempotency on
    # webhook-id is what drops it); ten minutes later the same bytes are refused as stale.
    assert desk.replay(body, headers)[0] == 204
    desk.clock_ahead = 600
    assert desk.replay(body, headers) == (401, "stale timestamp")
    # Nor can the replayer freshen the timestamp: the signature covers it.
    fresh = headers | {"webhook-timestamp": str(int(time.time()) + 600)}
    assert desk.replay(body, fresh) == (401, "bad signature")
    # The key never reaches the log.
    assert STANDARD_KEY not in all_event_text(tmp_path / "monitor.db")
    app.close()


def test_the_standardwebhooks_library_verifies_both_kinds_of_key(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spec's own Python library, as a receiver would use it: a whsec_ key as it is, an older plain key as
    its UTF-8 bytes (the library reads text as base64)."""
    standardwebhooks = pytest.importorskip("standardwebhooks")
    monkeypatch.setenv(DESK_ENV, STANDARD_KEY)
    monkeypatch.setenv(OPS_ENV, PLAIN_KEY)
    desk = StandardReceiver(http_server, "/desk", STANDARD_KEY_BYTES)
    ops = StandardReceiver(http_server, "/ops", PLAIN_KEY.encode())
    notify = [{"url": desk.url, "webhook_secret_env": DESK_ENV}, ops.url]
    app = make_app(make_config(tmp_path, notify=notify, webhook_secret_env=OPS_ENV))
    queue_alert(app, "a1", SHELLS_5M)
    assert deliver_due(app)["channel_sent"] == 2
    [(desk_body, desk_headers)], [(ops_body, ops_headers)] = desk.accepted(), ops.accepted()
    assert standardwebhooks.Webhook(STANDARD_KEY).verify(desk_body, desk_headers)["kind"] == "article"
    assert standardwebhooks.Webhook(PLAIN_KEY.encode()).verify(ops_body, ops_headers)["kind"] == "article"
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(STANDARD_KEY).verify(ops_body, ops_headers)  # each hook has its own key
    app.close()


def test_a_retry_carries_the_same_body_and_id_and_its_own_time_and_signature(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DESK_ENV, STANDARD_KEY)
    desk = StandardReceiver(http_server, "/desk", STANDARD_KEY_BYTES)
    desk.failures = 1
    app = make_app(make_config(tmp_path, notify=[desk.url], webhook_secret_env=DESK_ENV, retry_max_hours=1))
    queue_alert(app, "a1", SHELLS_5M)
    start = datetime.now(UTC)
    assert deliver_due(app, now=start)["channel_failed"] == 1
    time.sleep(1.1)  # the retry's second differs from the first attempt's
    later = start + timedelta(hours=2)
    for _ in range(3):  # bounded: each pass retries what is due; delivered is delivered
        deliver_due(app, now=later)
        later += timedelta(hours=2)
    [(first_status, _, first_body, first, _), (status, _, body, retry, _)] = desk.posts
    assert (first_status, status) == (500, 204)
    assert body == first_body and retry["x-nkru-signature"] == first["x-nkru-signature"]
    assert retry["webhook-id"] == first["webhook-id"] == retry["idempotency-key"]
    assert int(retry["webhook-timestamp"]) > int(first["webhook-timestamp"])
    assert retry["webhook-signature"] != first["webhook-signature"]  # both checked by the receiver: authentic
    app.close()


def test_each_hook_is_signed_with_its_own_key_and_the_global_one_is_the_default(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DESK_ENV, STANDARD_KEY)
    monkeypatch.setenv(OPS_ENV, PLAIN_KEY)
    desk = StandardReceiver(http_server, "/desk", STANDARD_KEY_BYTES)
    ops = StandardReceiver(http_server, "/ops", PLAIN_KEY.encode())
    stray = StandardReceiver(http_server, "/stray", STANDARD_KEY_BYTES)  # expects the desk's key, gets the default
    notify = [{"url": desk.url, "webhook_secret_env": DESK_ENV}, ops.url, stray.url]
    app = make_app(make_config(tmp_path, notify=notify, webhook_secret_env=OPS_ENV))
    queue_alert(app, "a1", TROOPS_11K)
    counts = deliver_due(app)
    assert (counts["channel_sent"], counts["channel_failed"]) == (2, 1)
    assert len(desk.accepted()) == len(ops.accepted()) == 1
    assert [(status, reason) for status, reason, *_ in stray.posts] == [(401, "bad signature")]
    app.close()


def test_a_hooks_own_key_missing_or_malformed_is_one_line_before_run_or_poll_starts(tmp_path: Path) -> None:
    desk_url = f"hook+http://127.0.0.1:{free_port()}/desk"
    data = config_data(tmp_path, notify=[{"url": desk_url, "webhook_secret_env": DESK_ENV}])
    write_config(tmp_path / "config.toml", data)
    for command, key, problem in [
        ("poll", "", f"${DESK_ENV} is not set or empty"),
        ("run", "whsec_not*base64", f"${DESK_ENV} holds no usable key"),
    ]:
        done = monitor(command, cwd=tmp_path, env={DESK_ENV: key})
        assert done.returncode == 2, done.stderr
        [line] = done.stderr.splitlines()
        assert line.startswith("monitor: bad config: config.toml: [alerts] notify 'hook+http://127.0.0.1:")
        assert problem in line and "/desk" not in line and not (tmp_path / "monitor.db").exists()


def test_alerts_test_signs_a_hook_with_its_own_key(tmp_path: Path, http_server: LocalHTTPServer) -> None:
    desk = StandardReceiver(http_server, "/desk", STANDARD_KEY_BYTES)
    data = config_data(tmp_path, notify=[{"url": desk.url, "webhook_secret_env": DESK_ENV}], webhook_secret_env=OPS_ENV)
    write_config(tmp_path / "config.toml", data)
    done = monitor(
        "alerts", "test", "--channel", desk.url, cwd=tmp_path, env={DESK_ENV: STANDARD_KEY, OPS_ENV: PLAIN_KEY}
    )
    assert done.returncode == 0, done.stderr
    [(body, _)] = desk.accepted()
    assert json.loads(body)["kind"] == "test"
    assert STANDARD_KEY not in done.stdout + done.stderr


def test_a_url_with_credentials_is_split_into_target_and_basic_auth() -> None:
    from monitor.alerts.webhook import credentials

    assert credentials("https://host/x?token=t") == ("https://host/x?token=t", None)
    assert credentials("https://@host/x") == ("https://host/x", None)
    target, authorization = credentials("https://ann%40desk:s%3Acret@host:8443/x")
    assert target == "https://host:8443/x"
    assert authorization == "Basic " + base64.b64encode(b"ann@desk:s:cret").decode()
    assert credentials("https://onlytoken@host/x")[1] == "Basic " + base64.b64encode(b"onlytoken:").decode()


@pytest.mark.parametrize(
    "alerts",
    [
        {"webhook_secret_env": STANDARD_KEY},
        {"notify": [{"url": "hook+https://desk.example/x", "webhook_secret_env": STANDARD_KEY}]},
        {"notify_env": "hook+https://desk.example/x?token=" + PLAIN_KEY},
    ],
)
def test_a_secret_pasted_where_its_variables_name_goes_is_refused_without_being_shown(
    tmp_path: Path, alerts: dict
) -> None:
    # The refusal goes to the terminal and the service's journal: it must not carry the key it refuses.
    with pytest.raises(ConfigError) as caught:
        parse_config(config_data(tmp_path, **alerts))
    assert "must name an environment variable" in str(caught.value)
    assert STANDARD_KEY.removeprefix("whsec_")[:12] not in str(caught.value)
    assert PLAIN_KEY not in str(caught.value)


@pytest.mark.parametrize(
    "entry, problem",
    [
        ({"url": "json://127.0.0.1/x", "webhook_secret_env": DESK_ENV}, "applies to hook+ URLs only"),
        ({"url": "hook+https://desk.example/x", "secret": "inline"}, "unknown key 'secret'"),
        ({"webhook_secret_env": DESK_ENV}, "a table needs url"),
        ({"url": "hook+https://desk.example/x", "webhook_secret_env": "not a name"}, "must name an environment"),
    ],
)
def test_a_notify_table_that_cannot_work_is_refused_by_the_config(tmp_path: Path, entry: dict, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(config_data(tmp_path, notify=[entry]))
    assert problem in str(caught.value) and "[alerts] notify" in str(caught.value)


def test_credentials_in_a_hook_url_go_as_basic_auth_and_are_shown_nowhere(
    tmp_path: Path, http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    password, token = "pa55:w@rd-Secret", "queryTokenNobodyMaySee"
    monkeypatch.setenv(DESK_ENV, STANDARD_KEY)
    seen: list[tuple[str, dict[str, str]]] = []

    def reveal_and_fail(req: Request) -> None:
        seen.append((req.query.get("token", ""), dict(req.headers)))
        # A careless receiver echoes what it was sent: the sender must not record that either.
        basic = req.headers.get("authorization", "")
        decoded = base64.b64decode(basic.partition(" ")[2]).decode()
        req.send(503, f"down; you sent token={token} as {basic} ({decoded})".encode())

    http_server.route("/desk", reveal_and_fail)
    url = f"hook+http://editor:pa55%3Aw%40rd-Secret@127.0.0.1:{http_server.port}/desk?token={token}"
    data = config_data(tmp_path, notify=[url], webhook_secret_env=DESK_ENV)
    write_config(tmp_path / "config.toml", data)
    app = make_app(parse_config(data, tmp_path / "config.toml"))
    queue_alert(app, "a1", SHELLS_5M)
    with caplog.at_level(logging.DEBUG):
        assert deliver_due(app)["channel_failed"] == 1
    assert "HTTP 503" in caplog.text  # the failure is logged, scrubbed
    [(sent_token, headers)] = seen
    assert sent_token == token  # the token stays in the query, where the receiver reads it
    scheme, _, pair = headers["authorization"].partition(" ")
    assert (scheme, base64.b64decode(pair).decode()) == ("Basic", f"editor:{password}")
    [failed] = app.store.read_all(types=[ev.ALERT_FAILED])
    assert "HTTP 503" in failed.data["error"]
    app.close()
    listing = monitor("alerts", "--json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    shown = all_event_text(tmp_path / "monitor.db") + caplog.text + listing.stdout + listing.stderr
    for secret in (password, "pa55%3Aw%40rd", token, pair, STANDARD_KEY):
        assert secret not in shown
    assert "127.0.0.1" in listing.stdout  # the host still says which channel it is


@pytest.mark.parametrize("offset", range(180, 200, 3))
def test_a_key_echoed_across_the_cut_of_a_long_reply_leaves_no_piece_behind(
    http_server: LocalHTTPServer, offset: int
) -> None:
    from monitor.alerts.channels import send_hook

    # The reply is kept to 200 characters: the key must not survive half in, half out.
    filler = "x" * (offset - len("HTTP 400: "))
    http_server.route("/desk", lambda req: req.send(400, f"{filler} {PLAIN_KEY} was refused".encode()))
    outcome = send_hook(f"hook+http://127.0.0.1:{http_server.port}/desk", b"{}", {}, secret=PLAIN_KEY)
    assert not outcome.ok and outcome.detail.startswith("HTTP 400: xxx")
    assert PLAIN_KEY[:8] not in outcome.detail


def test_credentials_over_plain_http_to_another_host_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(config_data(tmp_path, notify=["hook+http://editor:hunter2secret@desk.example/x"]))
    assert "clear text" in str(caught.value) and "hunter2secret" not in str(caught.value)
    # over https, or to this machine's loopback, they are fine
    parse_config(config_data(tmp_path, notify=["hook+https://editor:hunter2secret@desk.example/x"]))
    parse_config(config_data(tmp_path, notify=["hook+http://editor:hunter2secret@localhost:8080/x"]))


@pytest.mark.parametrize("separator", ["/", "?", "#"])
def test_a_password_with_a_raw_url_separator_is_not_shown_in_the_refusal(tmp_path: Path, separator: str) -> None:
    """Left unencoded, "/", "?" or "#" ends the URL's host part inside the password: what the redaction sees
    as the host is then "editor:hunt", which it must not print."""
    with pytest.raises(ConfigError) as caught:
        parse_config(config_data(tmp_path, notify=[f"hook+https://editor:hunt{separator}er2@desk.example/x"]))
    assert "editor" not in str(caught.value) and "hunt" not in str(caught.value)
