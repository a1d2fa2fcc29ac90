"""From a feed to the ledger: `monitor poll` (a subprocess, as the daemon runs it) fetches a
feed from 127.0.0.1 whose articles bring new figures, and the log ends with the right
`ClaimsDiffed` verdicts and the claim ledger with the newest, previous and baseline figure."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import events, write_config

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[2]

# Articles written for this test; figures follow public reporting of 2024.
FEBRUARY = (
    "shells-feb",
    datetime(2024, 2, 26, 8, 0, tzinfo=UTC),
    "Seoul says Pyongyang has shipped 3 million shells to Moscow",
    "South Korea's defence minister told reporters on Monday that North Korea has sent "
    "about 6,700 containers to Russia, enough to hold some 3 million artillery shells.",
)
JULY = (
    "shells-jul",
    datetime(2024, 7, 24, 8, 0, tzinfo=UTC),
    "North Korea's shell deliveries to Russia pass 5 million, Seoul says",
    "North Korea has shipped more than 5 million artillery shells to Russia for its war in "
    "Ukraine, South Korea's Ministry of National Defense said on Wednesday.",
)
SEPTEMBER_REPEAT = (
    "shells-sep",
    datetime(2024, 9, 10, 8, 0, tzinfo=UTC),
    "Background: North Korea's munitions lifeline for Russia",
    "In February, South Korea's defence minister said North Korea had sent about 3 million artillery shells to Russia.",
)


def feed(*articles: tuple[str, datetime, str, str]) -> bytes:
    items = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(title)}</title>'
        f"<link>https://news.example.org/{guid}</link><pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for guid, when, title, text in articles
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
        f"<link>https://news.example.org/</link><description>d</description>{items}</channel></rss>"
    ).encode()


def poll(config: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MONITOR_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "poll"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr


def shell_verdicts(db: Path) -> list[tuple[str, float | None, float | None]]:
    """(verdict, from, to) of every artillery-shell shipment claim, in log order."""
    extracted = {
        e["data"]["article_id"]: {c["id"]: c for c in e["data"]["claims"]} for e in events(db, "ClaimsExtracted")
    }
    found = []
    for diffed in events(db, "ClaimsDiffed"):
        claims = extracted[diffed["data"]["article_id"]]
        for verdict in diffed["data"]["verdicts"]:
            claim = claims[verdict["claim"]]
            if (claim["kind"], claim["item"], claim["direction"]) == ("shipment", "artillery_shells", "NK->RU"):
                found.append((verdict["verdict"], verdict.get("from"), verdict.get("to")))
    return found


def shells_ledger(db: Path) -> tuple:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT newest_quantity, newest_date, previous_quantity, previous_date, baseline_quantity "
            "FROM claims WHERE kind = 'shipment' AND item = 'artillery_shells' AND direction = 'NK->RU'"
        ).fetchone()


def test_new_figures_in_a_polled_feed_end_as_verdicts_and_move_the_ledger(http_server: LocalHTTPServer, tmp_path: Path):
    served = {"body": feed(FEBRUARY)}
    http_server.route("/desk.xml", lambda req: req.send(200, served["body"], content_type="application/rss+xml"))
    config = write_config(tmp_path, {"desk": http_server.url("/desk.xml")})
    db = tmp_path / "monitor.db"

    poll(config)
    assert shell_verdicts(db) == [("updates", 1_000_000, 3_000_000)]
    assert shells_ledger(db) == (3_000_000, "2024-02-26", None, None, 1_000_000)

    served["body"] = feed(JULY, FEBRUARY)
    poll(config)
    assert shell_verdicts(db) == [("updates", 1_000_000, 3_000_000), ("updates", 1_000_000, 5_000_000)]
    assert shells_ledger(db) == (5_000_000, "2024-07-24", 3_000_000, "2024-02-26", 1_000_000)

    # A later article that repeats the older figure is diffed, but the ledger keeps the newest figure.
    served["body"] = feed(SEPTEMBER_REPEAT, JULY, FEBRUARY)
    poll(config)
    assert len(shell_verdicts(db)) == 3
    assert shells_ledger(db)[:3] == (5_000_000, "2024-07-24", 3_000_000)
