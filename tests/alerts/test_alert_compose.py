"""Alert composition: subjects, numbers, headers, threading, bodies. Pure — no server."""

from __future__ import annotations

import copy
import email
import re
from datetime import UTC
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest

from monitor.alerts import (
    AlertPayloadError,
    build_message,
    compose_alert_text,
    domain_of,
    feed_thread_id,
    format_amount,
    format_quantity,
    format_ratio,
    message_id,
    render_bodies,
    subject_for,
    thread_key_id,
)

HEAD_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
SHELLS_KEY = "shipment:artillery_shells:NK->RU"


def claim(**overrides: Any) -> dict[str, Any]:
    base = {
        "id": "c1",
        "kind": "shipment",
        "item": "artillery_shells",
        "direction": "NK->RU",
        "quantity": 3_000_000,
        "bound": "at_least",
        "quantity_high": None,
        "source": "South Korea Ministry of Defense",
        "since": "2023-09-01",
        "as_of": "2024-02-26",
        "stance": "asserted",
        "hedged": True,
        "evidence": "The ministry said the North has shipped more than 3 million shells since September.",
        "span": [10, 90],
    }
    base.update(overrides)
    return base


def shells_item(**claim_overrides: Any) -> dict[str, Any]:
    return {
        "claim": claim(**claim_overrides),
        "verdict": {"claim": "c1", "verdict": "updates", "baseline": ["b1"], "from": 1_000_000, "to": 3_000_000},
        "ledger": {
            "key": SHELLS_KEY,
            "label": "Artillery shells",
            "newest": {
                "quantity": 5_200_000,
                "bound": "exact",
                "source": "South Korea Ministry of Defense",
                "date": "2024-07-24",
            },
            "previous": {"quantity": 3_000_000, "bound": "exact", "date": "2024-02-26"},
            "baseline": {"quantity": 1_000_000, "bound": "exact", "date": "2023-11-01"},
            "corroborations": 3,
            "also_reported_by": ["Reuters", "AP"],
        },
    }


def troops_item() -> dict[str, Any]:
    return {
        "claim": claim(
            id="c2",
            kind="troop_deployment",
            item="troops",
            quantity=10_000,
            bound="about",
            source="South Korea NIS",
            hedged=False,
            evidence="About 10,000 troops were sent.",
        ),
        "verdict": {"claim": "c2", "verdict": "new", "baseline": [], "from": None, "to": 10_000},
        "ledger": {"key": "troop_deployment:troops:NK->RU"},
    }


def denial_item() -> dict[str, Any]:
    return {
        "claim": claim(
            id="c3",
            kind="denial",
            item="munitions",
            quantity=None,
            bound=None,
            source="Russia government",
            stance="denied",
            hedged=False,
            evidence="The Kremlin denied receiving any munitions.",
        ),
        "verdict": {"claim": "c3", "verdict": "contradicts", "baseline": ["b1"], "from": None, "to": None},
        "ledger": {"key": "denial:munitions:NK->RU"},
    }


def article_payload(*items: dict[str, Any], **article: Any) -> dict[str, Any]:
    info = {
        "title": "N. Korea has sent 3 million shells to Russia, ministry says",
        "outlet": "Yonhap",
        "feed_id": "yonhap-nk",
        "published": "2024-02-27",
        "link": "https://en.yna.co.kr/view/AEN20240227000000315",
    }
    info.update(article)
    return {
        "alert_id": "alert-0001",
        "kind": "article",
        "created_at": "2024-02-27T08:30:00+00:00",
        "article": info,
        "items": list(items) or [shells_item()],
        "head": {"position": 1234, "hash": HEAD_HASH},
        "settings_hint": 'You get alerts for verdicts updates, new, contradicts (mode "immediate").',
    }


def build(payload: dict[str, Any], **kwargs: Any) -> EmailMessage:
    options = {
        "from_addr": "Monitor <monitor@example.org>",
        "to_addrs": ["analyst@example.org"],
        "list_id": "alerts",
        "domain": "example.org",
    }
    options.update(kwargs)
    return build_message(payload, **options)


def round_trip(msg: EmailMessage) -> EmailMessage:
    """What a mail client sees: the message serialised and parsed again."""
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def header_block(msg: EmailMessage) -> bytes:
    return msg.as_bytes().split(b"\r\n\r\n", 1)[0]


def parts(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


# --- numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "bound", "high", "expected"),
    [
        (1_000_000, "at_least", None, "more than 1 million"),
        (6_700, "about", None, "about 6,700"),
        (10_000, "range", 12_000, "10,000–12,000"),
        (2_000_000, "range", 3_000_000, "2–3 million"),
        (1_500_000, "exact", None, "1.5 million"),
        (5_200_000, None, None, "5.2 million"),
        (1_234_567, "exact", None, "1,234,567"),  # words would round the figure away
        (300, "at_most", None, "up to 300"),
        (2_500_000_000, "exact", None, "2.5 billion"),
        (None, None, None, "no figure"),
    ],
)
def test_format_quantity(quantity: Any, bound: str | None, high: Any, expected: str) -> None:
    assert format_quantity(quantity, bound, high) == expected


def test_format_amount_units() -> None:
    assert format_amount(5_200_000, "exact", item="artillery_shells") == "5.2 million artillery shells"
    assert format_amount(1, "exact", item="ballistic_missiles") == "1 ballistic missile"
    assert format_amount(0.5, "about", item="share_of_supply", kind="supply_share") == "about 50% of supply"
    assert format_amount(2, "exact", item="months_of_supply") == "2 months of supply"
    assert format_amount(1_000_000, "exact", item="oil", kind="compensation") == "1 million"


def test_format_ratio() -> None:
    assert format_ratio(1_000_000, 3_000_000) == "×3"
    assert format_ratio(1_000_000, 5_200_000) == "×5.2"
    assert format_ratio(2_000_000, 1_000_000) == "×0.5"
    assert format_ratio(None, 3) == "" and format_ratio(0, 3) == ""


# --- subjects ----------------------------------------------------------------


def test_subject_names_the_update_with_human_numbers() -> None:
    assert subject_for(article_payload(shells_item())) == "Artillery shells: 3 million (baseline 1 million) — Yonhap"


def test_subject_puts_contradiction_before_update_before_new() -> None:
    subject = subject_for(article_payload(troops_item(), shells_item(), denial_item()))
    assert subject.startswith("Contradicts baseline: Russia government denies munitions")
    assert subject.endswith("(+2 more) — Yonhap")
    assert subject_for(article_payload(troops_item(), shells_item())).startswith("Artillery shells: 3 million")
    assert subject_for(article_payload(troops_item())) == "New: Troops 10,000 — Yonhap"


def test_subject_prefers_the_largest_ratio_among_updates() -> None:
    small = shells_item()
    small["verdict"].update({"from": 1_000_000, "to": 1_200_000})
    small["claim"]["quantity"] = 1_200_000
    big = {
        "claim": claim(item="ballistic_missiles", quantity=50, bound="exact"),
        "verdict": {"claim": "c9", "verdict": "updates", "baseline": ["b2"], "from": 10, "to": 50},
    }
    assert subject_for(article_payload(small, big)).startswith("Ballistic missiles: 50 (baseline 10)")


def test_subject_shows_shares_as_percentages() -> None:
    item = {
        "claim": claim(kind="supply_share", item="share_of_supply", direction=None, quantity=0.5, bound="about"),
        "verdict": {"claim": "c1", "verdict": "updates", "baseline": ["b3"], "from": 0.3, "to": 0.5},
    }
    payload = article_payload(item)
    assert subject_for(payload) == "Share of Russia's supply: 50% (baseline 30%) — Yonhap"
    text, _ = render_bodies(payload)
    assert "30% → about 50% (×1.7)" in text


def test_subject_is_one_line_and_bounded() -> None:
    payload = article_payload(shells_item(), outlet="Yonhap\r\nBcc: evil@example.net " + "x" * 300)
    payload["items"][0]["ledger"]["label"] = "Artillery shells " * 20
    subject = subject_for(payload)
    assert len(subject) <= 150
    assert "\r" not in subject and "\n" not in subject


# --- identifiers and threading -------------------------------------------------


def test_message_id_is_deterministic() -> None:
    assert message_id("alert-0001", "example.org") == message_id("alert-0001", "example.org")
    assert message_id("alert-0001", "example.org") == "<alert.alert-0001@example.org>"
    assert message_id("alert-0002", "example.org") != message_id("alert-0001", "example.org")
    odd = message_id("feed:yonhap nk/<1>", "example.org")
    assert re.fullmatch(r"<alert\.[0-9a-f]{32}@example\.org>", odd)
    assert domain_of("Monitor <monitor@example.org>") == "example.org"


def test_same_payload_builds_the_same_bytes() -> None:
    msg = build(article_payload())
    assert msg.as_bytes() == build(article_payload()).as_bytes()
    assert msg.as_bytes().isascii()  # 7-bit clean: no 8BITMIME needed anywhere


def test_created_at_may_be_a_datetime() -> None:
    from datetime import datetime

    payload = article_payload()
    payload["created_at"] = datetime(2024, 2, 27, 8, 30, tzinfo=UTC)
    assert build(payload)["Date"] == "Tue, 27 Feb 2024 08:30:00 +0000"


@pytest.mark.parametrize(
    ("list_id", "expected"),
    [
        ("alerts", "nkru-monitor alerts <alerts.example.org>"),
        ("alerts.example.net", "nkru-monitor alerts <alerts.example.net>"),
        ("Desk alerts <desk.example.net>", "Desk alerts <desk.example.net>"),
        ("x\r\nBcc: a@evil <desk.example.net>", "x Bcc aevil <desk.example.net>"),
    ],
)
def test_list_id_forms(list_id: str, expected: str) -> None:
    assert round_trip(build(article_payload(), list_id=list_id))["List-Id"] == expected


def test_alerts_on_the_same_ledger_key_share_a_thread() -> None:
    first = round_trip(build(article_payload(shells_item())))
    second_payload = article_payload(shells_item(), title="Later report")
    second_payload["alert_id"] = "alert-0002"
    second = round_trip(build(second_payload))
    other = round_trip(build(article_payload(troops_item())))

    root = thread_key_id(SHELLS_KEY, "example.org")
    assert first["In-Reply-To"] == second["In-Reply-To"] == root
    assert first["Message-ID"] != second["Message-ID"]
    assert other["In-Reply-To"] != root
    both = round_trip(build(article_payload(troops_item(), shells_item())))
    assert both["In-Reply-To"] == root  # the most important change leads the thread
    assert both["References"].split()[-1] == root  # the parent goes last
    assert thread_key_id("troop_deployment:troops:NK->RU", "example.org") in both["References"]


# --- headers -----------------------------------------------------------------


def test_standard_headers_and_parts() -> None:
    msg = round_trip(build(article_payload()))
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Message-ID"] == "<alert.alert-0001@example.org>"
    assert msg["Date"] == "Tue, 27 Feb 2024 08:30:00 +0000"
    assert msg["List-Id"] == "nkru-monitor alerts <alerts.example.org>"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-NKRU-Alert-Id"] == "alert-0001"
    assert msg["X-NKRU-Ledger-Key"] == SHELLS_KEY
    assert msg["X-NKRU-Log-Head"] == f"1234 {HEAD_HASH}"
    assert msg["From"] == "Monitor <monitor@example.org>"
    assert msg["To"] == "analyst@example.org"


def test_crlf_in_feed_text_cannot_add_a_header() -> None:
    payload = article_payload(
        shells_item(),
        title="Shells\r\nBcc: x@evil.example",
        outlet="Yonhap\r\nBcc: y@evil.example\nX-Injected: 1\x00\x1b[31m",
    )
    raw = build(payload).as_bytes()
    parsed = round_trip(build(payload))
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert not re.search(rb"(?im)^(bcc|x-injected):", raw.split(b"\r\n\r\n", 1)[0])
    assert "\x1b" not in parsed["Subject"] and "\x00" not in parsed["Subject"]
    text, html = parts(parsed)
    assert "Shells Bcc: x@evil.example" in text  # flattened into one harmless line


def test_crlf_in_configured_addresses_cannot_add_a_header() -> None:
    parsed = round_trip(build(article_payload(), from_addr="monitor@example.org\r\nBcc: z@evil.example"))
    assert parsed["Bcc"] is None


def test_non_ascii_title_round_trips() -> None:
    title = "북한, 러시아에 포탄 300만발 제공 — «Известия»"
    payload = article_payload(shells_item(), title=title, outlet="연합뉴스")
    msg = build(payload)
    header_block(msg).decode("ascii")  # raises if any raw non-ASCII byte is in a header
    parsed = round_trip(msg)
    assert parsed["Subject"] == "Artillery shells: 3 million (baseline 1 million) — 연합뉴스"
    text, html = parts(parsed)
    assert title in text
    assert "북한, 러시아에 포탄 300만발 제공" in html


def test_html_escapes_feed_values_and_drops_unsafe_links() -> None:
    item = shells_item(evidence='He said "<b>3 million</b>" & more.')
    payload = article_payload(item, title="<script>alert(1)</script>", link="javascript:alert(2)")
    text, html = parts(round_trip(build(payload)))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;3 million&lt;/b&gt;" in html and "&amp; more" in html
    assert 'href="javascript:' not in html
    assert "<script>alert(1)</script>" in text  # plain text is not HTML-escaped


# --- bodies ------------------------------------------------------------------


def test_article_body_carries_change_evidence_ledger_and_footer() -> None:
    text, html = parts(round_trip(build(article_payload(shells_item(), troops_item()))))
    # The ledger as the alert was queued: its newest figure came after this February article.
    ledger = (
        "Ledger now: 5.2 million artillery shells (South Korea Ministry of Defense, 2024-07-24, later than "
        "this article); previous 3 million (2024-02-26); baseline 1 million (2023-11-01)"
    )
    flat_text = " ".join(text.split())
    for body in (flat_text, html):
        assert ledger in body
        assert "Also reported by Reuters, AP (3 sources in all)" in body
        assert "Now also reported by" not in body  # only a corroboration says "now also"
        assert "more than 3 million shells since September" in body  # the evidence sentence
        assert "South Korea Ministry of Defense" in body and "South Korea NIS" in body
        assert "2024-02-27" in body and "Yonhap" in body
        assert "https://en.yna.co.kr/view/AEN20240227000000315" in body
        assert "1 million → " in body and "×3" in body
        assert HEAD_HASH in body and "1234" in body
        assert "[alerts]" in body and "config.toml" in body
    assert flat_text.index("Artillery shells") < flat_text.index("Troops")
    assert "1 million → more than 3 million (×3)" in flat_text


def test_a_corroboration_follows_the_changes_and_never_leads_the_subject() -> None:
    told = shells_item()
    told["corroboration"] = True
    msg = round_trip(build(article_payload(told, troops_item())))
    assert msg["Subject"] == "New: Troops 10,000 — Yonhap"
    text, html = parts(msg)
    flat = " ".join(text.split())
    assert "What changed (1 claim," in flat
    assert flat.index("Troops") < flat.index("Artillery shells — already reported, now corroborated")
    assert "Now also reported by Yonhap, after Reuters, AP (3 sources in all)." in flat
    assert "corroborated" in html and "Now also reported by Yonhap" in html


def test_outlet_voice_is_named() -> None:
    item = troops_item()
    item["claim"]["source"] = "outlet"
    text, _ = render_bodies(article_payload(item))
    assert "Yonhap's own reporting" in text


def digest_payload() -> dict[str, Any]:
    later = shells_item(quantity=5_200_000, bound="exact", evidence="Now 5.2 million shells, the ministry says.")
    later["verdict"].update({"to": 5_200_000})
    return {
        "alert_id": "digest-2024-07-25",
        "kind": "digest",
        "created_at": "2024-07-25T06:00:00Z",
        "period": {"start": "2024-07-24", "end": "2024-07-25"},
        "entries": [
            {
                "article": {
                    "title": "First report",
                    "outlet": "Yonhap",
                    "feed_id": "yonhap-nk",
                    "published": "2024-07-24",
                },
                "items": [shells_item(), troops_item()],
            },
            {
                "article": {
                    "title": "Second report",
                    "outlet": "Reuters",
                    "feed_id": "reuters-world",
                    "published": "2024-07-25",
                },
                "items": [later],
            },
        ],
        "head": {"position": 99, "hash": HEAD_HASH},
    }


def test_digest_groups_changes_by_ledger_key() -> None:
    payload = digest_payload()
    msg = round_trip(build(payload))
    assert msg["Subject"].startswith(
        "Digest, 3 changes in 2 articles: Artillery shells: 5.2 million (baseline 1 million)"
    )
    text, html = parts(msg)
    assert text.count("== Artillery shells ==") == 1 and text.count("== Troops ==") == 1
    section = text.split("== Artillery shells ==")[1].split("== Troops ==")[0]
    assert "First report" in section and "Second report" in section
    assert section.count("Ledger now: 5.2 million artillery shells") == 1  # once per group, not per change
    assert "Reported by Reuters, AP (3 sources in all)" in section
    assert msg["In-Reply-To"] == thread_key_id(SHELLS_KEY, "example.org")
    assert thread_key_id("troop_deployment:troops:NK->RU", "example.org") in msg["References"]
    assert "yonhap-nk" in msg["X-NKRU-Feed"] and "reuters-world" in msg["X-NKRU-Feed"]
    assert "First report" in html and "Second report" in html


@pytest.mark.parametrize(
    ("health", "subject"),
    [
        (
            {"status": "failing", "consecutive_failures": 5, "last_error": "HTTP 503 from en.yna.co.kr"},
            "Feed failing: yonhap-nk (5 failures in a row): HTTP 503 from en.yna.co.kr",
        ),
        ({"status": "silent", "silent_days": 4}, "Feed silent: yonhap-nk (no new items for 4 days)"),
        ({"status": "recovered", "consecutive_failures": 7}, "Feed recovered: yonhap-nk after 7 failures"),
    ],
)
def test_feed_health_messages(health: dict[str, Any], subject: str) -> None:
    payload = {
        "alert_id": f"health-{health['status']}",
        "kind": "feed_health",
        "feed": {"id": "yonhap-nk", "url": "https://en.yna.co.kr/RSS/nk.xml"},
        "health": health,
    }
    msg = round_trip(build(payload))
    assert msg["Subject"] == subject
    assert msg["In-Reply-To"] == feed_thread_id("yonhap-nk", "example.org")  # failing/recovered thread together
    text, _ = parts(msg)
    assert "monitor poll --feed yonhap-nk" in text and "https://en.yna.co.kr/RSS/nk.xml" in text


def test_first_poll_summary_message() -> None:
    payload = {
        "alert_id": "first-poll-yonhap-nk",
        "kind": "first_poll_summary",
        "feed": {"id": "yonhap-nk", "url": "https://en.yna.co.kr/RSS/nk.xml", "title": "Yonhap North Korea"},
        "summary": {
            "entries": 50,
            "relevant": 3,
            "claims": 7,
            "articles": [{"title": "Shells report", "link": "https://example.org/a", "relevant": True, "claims": 4}],
        },
    }
    msg = round_trip(build(payload))
    assert msg["Subject"] == "New feed yonhap-nk: first poll saw 50 entries, 3 relevant (recorded, no alerts)"
    text, html = parts(msg)
    assert "found 50 entries, 3 of them" in text and "sends no" in text and "Shells report" in text
    assert 'href="https://example.org/a"' in html


def test_test_message() -> None:
    payload = {"alert_id": "test-1", "kind": "test", "test": {"channel": "SMTP 127.0.0.1:25 (none, no login)"}}
    msg = round_trip(build(payload))
    assert msg["Subject"] == "nkru-monitor test message"
    text, _ = parts(msg)
    assert "monitor alerts test" in text and "127.0.0.1:25" in text
    assert "Log head: not recorded" in text


@pytest.mark.parametrize(
    "breakage",
    [
        lambda p: p.pop("alert_id"),
        lambda p: p.update(kind="weather"),
        lambda p: p.update(items=[]),
        lambda p: p.pop("article"),
        lambda p: p.update(created_at="yesterday"),
    ],
)
def test_malformed_payloads_are_named_errors(breakage: Any) -> None:
    payload = copy.deepcopy(article_payload())
    breakage(payload)
    with pytest.raises(AlertPayloadError):
        build(payload)


def test_an_alert_for_channels_alone_is_addressed_to_nobody() -> None:
    # [alerts] to empty and channels configured: the message is still whole (channels read its subject and
    # text from it) and names no recipient, so nothing could mail it to anyone by mistake.
    message = build(article_payload(), to_addrs=[])
    assert message["To"].addresses == () and str(message["To"]) == "undisclosed-recipients:;"
    with pytest.raises(AlertPayloadError):
        build(article_payload(), from_addr="")


def summary_payload(feed_id: str = "yonhap-nk", title: str = "Shells report") -> dict[str, Any]:
    return {
        "alert_id": f"first-poll-{feed_id}",
        "kind": "first_poll_summary",
        "created_at": "2026-12-06T15:55:01.123456+00:00",
        "feed": {"id": feed_id, "url": "https://en.yna.co.kr/RSS/nk.xml", "title": "Yonhap North Korea"},
        "summary": {
            "entries": 50,
            "relevant": 1,
            "claims": 4,
            "articles": [{"title": title, "link": "https://example.org/a", "relevant": True, "claims": 4}],
        },
        "head": {"position": 22663, "hash": HEAD_HASH},
    }


QUEUED_PAYLOADS = {
    "article": article_payload(),
    "three ledger keys (folded References)": article_payload(shells_item(), troops_item(), denial_item()),
    "non-ASCII title and outlet": article_payload(title="Пхеньян отправил снаряды — 북한 포탄", outlet="연합뉴스"),
    "long title": article_payload(title="Shells " * 40, outlet="An outlet with a rather long name " * 3),
    "digest": digest_payload(),
    "feed failing, non-ASCII error": {
        "alert_id": "health-failing",
        "kind": "feed_health",
        "feed": {"id": "yonhap-nk", "url": "https://en.yna.co.kr/RSS/nk.xml"},
        "health": {"status": "failing", "consecutive_failures": 5, "last_error": "HTTP 503 « Service indisponible »"},
        # A queued alert carries its time; without one each build reads the clock, and the two
        # builds compared here could fall on either side of a second (seen failing under load).
        "created_at": "2026-12-06T23:00:00Z",
    },
    "first-poll summary": summary_payload(),
    "first-poll summary, emoji title": summary_payload(title="\U0001f680 launch: 北朝鮮 " * 8),
    "first-poll summary, odd alert id": summary_payload(feed_id="feed with spaces/and:colons" * 3),
    "test": {
        "alert_id": "test-1",
        "kind": "test",
        "test": {"channel": "SMTP 127.0.0.1:25 (none, no login)"},
        "created_at": "2026-12-06T23:00:00Z",
    },
}

QUEUED_OPTIONS = {
    "plain addresses": {},
    "display names, several recipients, a List-Id value": {
        "from_addr": "Désk Mönitor <monitor@example.org>",
        "to_addrs": ['"Desk, Night" <night@example.org>', "analyst@example.org", "Ann Lyst <ann.lyst@example.org>"]
        + [f"reader{n}@a-rather-long-subdomain.example.org" for n in range(4)],
        "list_id": "Desk alerts <alerts.example.org>",
    },
    "a long domain": {"domain": "alerts.a-very-long-subdomain-name-for-message-ids.example.org"},
    "no recipient (channels alone)": {"to_addrs": []},
}


@pytest.mark.parametrize("options", QUEUED_OPTIONS.values(), ids=QUEUED_OPTIONS.keys())
@pytest.mark.parametrize("payload", QUEUED_PAYLOADS.values(), ids=QUEUED_PAYLOADS.keys())
def test_queued_text_is_the_built_message_as_a_string(payload: dict[str, Any], options: dict[str, Any]) -> None:
    """An AlertQueued stores compose_alert_text's characters: they are build_message's, to the byte
    (headers folded and encoded by the policy, both parts, the frame), so a message queued before
    the direct writer and one queued after are the same mail."""
    arguments = {
        "from_addr": "Monitor <monitor@example.org>",
        "to_addrs": ["analyst@example.org"],
        "list_id": "alerts",
        "domain": "example.org",
        **options,
    }
    msg = build_message(payload, **arguments)
    text, subject, message_id = compose_alert_text(payload, **arguments)
    assert text == msg.as_string()
    assert subject == subject_for(payload) and message_id == msg["Message-ID"]
    # RFC 5322's hard limit (78 is a "should": a Message-ID on a long domain cannot be folded).
    assert all(len(line) <= 998 for line in text.split("\r\n")) and text.isascii()


def test_an_article_alert_gives_the_command_that_explains_its_claims() -> None:
    """The reader who doubts a figure has the alert, not a file: it names the command that
    shows how each claim was read, in both parts of the message."""
    command = 'monitor diff --article "https://en.yna.co.kr/view/AEN20240227000000315" --explain'
    text, html = parts(round_trip(build(article_payload(troops_item()))))
    assert f"How each claim was read: {command}" in " ".join(text.split())
    assert command.replace('"', "&#34;") in html or command.replace('"', "&quot;") in html


def test_no_explain_command_for_a_link_the_shell_would_change() -> None:
    text, _ = render_bodies(article_payload(troops_item(), link="https://example.org/a$(id)"))
    assert "monitor diff --article" not in text
