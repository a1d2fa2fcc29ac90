"""The noise rules through the real pipeline: feeds on a local HTTP server, run_cycle
(fetch, parse, ingest, classify, extract, diff, queue, deliver), and the default outbox
of .eml files, parsed back with the email package.

Never alert on nothing: a revision with the same claims and a figure already told send
nothing; a corroboration rides along with real news as "now also reported by". A new
feed's backlog makes one summary; the hourly cap defers instead of dropping; digest mode
groups by ledger key; a feed that keeps failing or goes silent mails once, and once more
when it recovers.
"""

from __future__ import annotations

import email
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from monitor import events as ev
from monitor.app import App, open_app
from monitor.config import load_config
from monitor.cycle import run_cycle
from monitor.feeds.poller import poll_feeds
from monitor.projections.claims import claims_row
from tests.support.alert_app import (
    OFF_TOPIC,
    SHELLS_5M,
    SHELLS_5M_AGAIN,
    SHELLS_9M,
    TROOPS_11K,
    config_data,
    write_config,
)
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import CountingParser, Item, rss

pytestmark = pytest.mark.timeout(90)

# Health rules compare with the wall clock, so the polls happen "now", not on a fixed date.
NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass
class Feeds:
    """Feeds served by the local HTTP server; tests edit ``entries`` between polls."""

    server: LocalHTTPServer
    entries: dict[str, list[Item]] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)

    def add(self, feed_id: str, *entries: Item) -> str:
        self.entries[feed_id] = list(entries)
        self.server.route(f"/{feed_id}.xml", lambda req, f=feed_id: self._serve(req, f))
        return self.server.url(f"/{feed_id}.xml")

    def _serve(self, req: Request, feed_id: str) -> None:
        status = self.status.get(feed_id, 200)
        if status != 200:
            req.send(status, b"unavailable", content_type="text/plain")
            return
        req.send(200, rss(self.entries[feed_id], title=f"{feed_id} feed"))


@pytest.fixture
def feeds(http_server: LocalHTTPServer) -> Feeds:
    return Feeds(http_server)


def item(guid: str, text: str, title: str | None = None) -> Item:
    return Item(guid, title or text[:70], text, link=f"https://news.example.org/{guid}")


def open_monitor(tmp_path: Path, feeds: Feeds, outlets: dict[str, str] | None = None, **alerts: Any) -> App:
    """An app on a config.toml with one [[feeds]] per served feed; alerts go to the outbox."""
    data = config_data(tmp_path, **alerts)
    data["fetch"] = {"timeout_seconds": 5, "deadline_seconds": 10, "per_host_gap_seconds": 0, "per_host_concurrency": 8}
    data["feeds"] = [
        {"id": f, "url": feeds.server.url(f"/{f}.xml"), "outlet": (outlets or {}).get(f, f.title())}
        for f in feeds.entries
    ]
    return open_app(load_config(write_config(tmp_path / "config.toml", data)))


def cycle(app: App, at: datetime = NOW) -> Any:
    return run_cycle(app, list(app.config.feeds), now=at, rng=random.Random(7), parser=CountingParser())


def queued(app: App, *, summaries: bool = False) -> list[dict[str, Any]]:
    """AlertQueued data, oldest first; first-poll summaries only when asked for."""
    return [
        e.data
        for e in app.store.read_all(types=[ev.ALERT_QUEUED])
        if summaries or e.data["kind"] != "first_poll_summary"
    ]


def outbox(tmp_path: Path, *, summaries: bool = False) -> list[EmailMessage]:
    """Every .eml in the outbox, parsed back, oldest first (first-poll summaries when asked)."""
    found = []
    for path in sorted((tmp_path / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        if summaries or parsed["X-NKRU-Kind"] != "first_poll_summary":
            found.append(parsed)
    return found


def plain(msg: EmailMessage) -> str:
    body = msg.get_body(("plain",))
    assert body is not None
    return " ".join(body.get_content().split())


def start_quietly(app: App, feeds: Feeds) -> None:
    """A first poll with nothing relevant, so the next articles are news, not backlog.
    Each new feed still gets its one summary (0 relevant entries)."""
    cycle(app, NOW - timedelta(hours=2))
    assert [d["kind"] for d in queued(app, summaries=True)] == ["first_poll_summary"] * len(feeds.entries)


# -- never alert on nothing ------------------------------------------------------------------


def test_a_revision_with_the_same_claims_sends_nothing_and_one_with_a_new_figure_does(
    tmp_path: Path, feeds: Feeds
) -> None:
    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds)
    with app:
        start_quietly(app, feeds)
        feeds.entries["desk"].append(item("shells", SHELLS_5M, "Seoul: 5 million shells"))
        cycle(app, NOW - timedelta(hours=1))
        assert [d["kind"] for d in queued(app)] == ["article"]

        # The outlet rewrites the story; the claim stays the same.
        reworded = (
            SHELLS_5M.replace("said on Tuesday", "told reporters on Tuesday")
            + " Officials gave no breakdown of the shipments by month."
        )
        feeds.entries["desk"][1] = item("shells", reworded, "Seoul: 5 million shells (updated)")
        summary = cycle(app, NOW - timedelta(minutes=30))
        assert summary.results[0].revised == 1
        assert len(list(app.store.read_all(types=[ev.ARTICLE_REVISED]))) == 1
        assert len(queued(app)) == 1, "a revision whose claims did not change must not mail"

        # A later revision with a new figure is news.
        feeds.entries["desk"][1] = item("shells", SHELLS_9M, "Kyiv: 9 million shells")
        cycle(app, NOW)
        assert len(queued(app)) == 2
    mails = outbox(tmp_path)
    assert len(mails) == 2
    assert mails[0]["Subject"].startswith("Artillery shells: 5 million")
    assert mails[1]["Subject"].startswith("Artillery shells: 9 million")
    assert mails[0]["In-Reply-To"] == mails[1]["In-Reply-To"], "one ledger key, one thread"


def test_a_figure_already_told_sends_nothing_and_rides_along_as_a_corroboration(tmp_path: Path, feeds: Feeds) -> None:
    feeds.add("yonhap", item("y-quiet", OFF_TOPIC))
    feeds.add("nknews", item("n-quiet", OFF_TOPIC.replace("parks", "roads")))
    app = open_monitor(tmp_path, feeds, outlets={"yonhap": "Yonhap", "nknews": "NK News"})
    with app:
        start_quietly(app, feeds)
        feeds.entries["yonhap"].append(item("y-shells", SHELLS_5M))
        cycle(app, NOW - timedelta(hours=1))
        feeds.entries["nknews"].append(item("n-shells", SHELLS_5M_AGAIN))
        cycle(app, NOW - timedelta(minutes=30))
        assert len(queued(app)) == 1, "the same figure from another outlet is not news"

        feeds.entries["nknews"].append(item("n-both", SHELLS_5M_AGAIN.replace("Friday", "Saturday") + " " + TROOPS_11K))
        cycle(app, NOW)
        assert len(queued(app)) == 2
    first, second = outbox(tmp_path)
    assert second["Subject"] == "New: Troops 11,000 (+1 more) — NK News"
    text = plain(second)
    assert text.index("Troops") < text.index("Artillery shells — already reported, now corroborated")
    assert "Now also reported by NK News, after Yonhap" in text
    assert "Now also reported by" in second.get_body(("html",)).get_content()


TROOPS_15K = "About 15,000 North Korean troops have been sent to Russia, South Korea's spy agency said on Monday."
TROOPS_VAGUE = "Thousands of North Korean soldiers have been sent to fight for Russia, the paper's reporters found."


def test_a_vague_amount_after_a_stated_figure_neither_mails_nor_becomes_the_newest_figure(
    tmp_path: Path, feeds: Feeds
) -> None:
    """ "Thousands of soldiers" is by convention a floor of 2,000: after "about 15,000" it is no
    new estimate, so the ledger keeps 15,000 as the newest figure, even after a rebuild, and no
    alert announces a drop to 2,000."""
    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds)
    key = "troop_deployment|troops|NK->RU"
    with app:
        start_quietly(app, feeds)
        feeds.entries["desk"].append(item("troops-15k", TROOPS_15K))
        cycle(app, NOW - timedelta(hours=1))
        assert [d["kind"] for d in queued(app)] == ["article"]
        feeds.entries["desk"].append(item("troops-vague", TROOPS_VAGUE))
        cycle(app, NOW)
        assert len(queued(app)) == 1, "a floor under the standing figure is not news"
        row = claims_row(app.store, key)
        assert row is not None
        assert (row["newest_quantity"], row["newest_bound"]) == (15000, "about")
        assert row["figures"] == 2 and row["observations"] == 2  # the vague amount is still counted
        app.projections.rebuild()
        assert claims_row(app.store, key) == row


def dated_rss(entries: list[tuple[Item, str]]) -> bytes:
    """A feed whose entries carry the given RFC 822 publication dates."""
    body = "".join(
        f'<item><guid isPermaLink="false">{e.guid}</guid><title>{e.title}</title><link>{e.link}</link>'
        f"<pubDate>{day}</pubDate><description>{e.text}</description></item>"
        for e, day in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>http://127.0.0.1/</link><description>d</description>{body}</channel></rss>"
    ).encode()


def test_an_alert_about_an_older_article_says_the_ledger_is_as_of_now(tmp_path: Path, feeds: Feeds) -> None:
    """A backfill brings an April article after an August one: its alert's ledger line is the
    ledger now, and says that its newest figure came later than the article."""
    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds)
    served: list[tuple[Item, str]] = [(item("quiet", OFF_TOPIC), "Mon, 01 Sep 2025 08:00:00 GMT")]
    feeds.server.route("/desk.xml", lambda req: req.send(200, dated_rss(served)))
    with app:
        start_quietly(app, feeds)
        served.append((item("troops-aug", TROOPS_15K), "Tue, 19 Aug 2025 08:00:00 GMT"))
        cycle(app, NOW - timedelta(hours=1))
        served.append((item("troops-apr", TROOPS_11K), "Tue, 15 Apr 2025 08:00:00 GMT"))
        cycle(app, NOW)
        assert [d["kind"] for d in queued(app)] == ["article", "article"]
    older = plain(outbox(tmp_path)[1])
    assert "Ledger now: about 15,000 troops (South Korea NIS, 2025-08-18, later than this article)" in older
    assert "Ledger:" not in older


# -- first poll of a new feed ---------------------------------------------------------------------

BACKLOG = [
    item("b-shells", SHELLS_5M),
    item("b-troops", TROOPS_11K),
    item("b-quiet", OFF_TOPIC),
    item("b-shells-9", SHELLS_9M),
]


def test_the_first_poll_of_a_new_feed_sends_one_summary(tmp_path: Path, feeds: Feeds) -> None:
    feeds.add("newdesk", *BACKLOG)
    app = open_monitor(tmp_path, feeds)
    with app:
        cycle(app)
        cycle(app, NOW + timedelta(minutes=20))  # nothing new: nothing more
        assert [d["kind"] for d in queued(app, summaries=True)] == ["first_poll_summary"]
    [summary] = outbox(tmp_path, summaries=True)
    assert summary["Subject"].startswith("New feed newdesk: first poll saw 4 entries, 3 relevant")
    text = plain(summary)
    assert "9 million" in text and "11,000" in text  # how the ledger moved


def test_the_first_poll_summary_moves_a_figure_from_the_baselines_when_no_article_had_reported_it(
    tmp_path: Path, feeds: Feeds
) -> None:
    # The test baseline holds "more than 1 million" shells and no troops: the backlog's 9 million
    # moves the baseline's figure; only the troops are new. (It said "new, about 9 million".)
    feeds.add("newdesk", *BACKLOG)
    app = open_monitor(tmp_path, feeds)
    with app:
        cycle(app)
    [summary] = outbox(tmp_path, summaries=True)
    text = plain(summary)
    assert "Artillery shells: more than 1 million → about 9 million artillery shells" in text
    assert "Troops: new, about 11,000 troops" in text


def test_the_first_poll_summary_can_be_turned_off(tmp_path: Path, feeds: Feeds) -> None:
    feeds.add("newdesk", *BACKLOG)
    app = open_monitor(tmp_path, feeds, first_poll_summary=False)
    with app:
        cycle(app)
        kinds = [d["kind"] for d in queued(app, summaries=True)]
    assert kinds == ["article", "article", "article"]
    assert len(outbox(tmp_path)) == 3


def test_a_crash_between_a_first_poll_and_its_processing_still_sends_only_the_summary(
    tmp_path: Path, feeds: Feeds
) -> None:
    feeds.add("newdesk", *BACKLOG)
    app = open_monitor(tmp_path, feeds)
    with app:
        # The poll's events are in the log; the process died before classifying them.
        poll_feeds(
            app, list(app.config.feeds), now=NOW - timedelta(minutes=20), rng=random.Random(7), parser=CountingParser()
        )
        cycle(app)  # after the restart this is no longer the feed's first poll
        kinds = [d["kind"] for d in queued(app, summaries=True)]
    assert kinds == ["first_poll_summary"], "the backlog must not mail one alert per article"
    [summary] = outbox(tmp_path, summaries=True)
    assert "first poll saw 4 entries, 3 relevant" in summary["Subject"]


def test_a_crash_after_the_backlog_was_silenced_still_sends_its_summary(tmp_path: Path, feeds: Feeds) -> None:
    from monitor.pipeline import process_article
    from monitor.projections.articles import pending_articles

    feeds.add("newdesk", *BACKLOG)
    app = open_monitor(tmp_path, feeds)
    with app:
        poll_feeds(
            app, list(app.config.feeds), now=NOW - timedelta(minutes=20), rng=random.Random(7), parser=CountingParser()
        )
        for article_id in pending_articles(app.store):  # what ran before the process died
            process_article(app, article_id, alerts_enabled=False, first_poll=True)
        assert queued(app, summaries=True) == []
        cycle(app)
        cycle(app, NOW + timedelta(minutes=20))
        kinds = [d["kind"] for d in queued(app, summaries=True)]
    assert kinds == ["first_poll_summary"]


# -- the hourly cap ---------------------------------------------------------------------------------


def test_the_hourly_cap_defers_the_rest_to_the_next_hour_in_order(tmp_path: Path, feeds: Feeds) -> None:
    from monitor.alerts.sender import deliver_due

    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds, max_per_hour=3)
    with app:
        start_quietly(app, feeds)  # its summary is the first of the hour's three
        feeds.entries["desk"] += [item("a", SHELLS_5M), item("b", TROOPS_11K), item("c", SHELLS_9M)]
        summary = cycle(app)
        assert summary.alerts == {"sent": 2, "failed": 0, "deferred": 1, "held": 0}
        assert deliver_due(app) == {"sent": 0, "failed": 0, "deferred": 1, "held": 0}
        assert len(outbox(tmp_path)) == 2
        later = datetime.now(UTC) + timedelta(hours=1, minutes=1)
        assert deliver_due(app, now=later)["sent"] == 1
        ids = [d["message_id"] for d in queued(app)]
    assert [str(m["Message-ID"]) for m in outbox(tmp_path)] == ids, "deferred, not dropped, and in order"


# -- digest mode --------------------------------------------------------------------------------------


def test_digest_mode_sends_one_message_grouped_by_ledger_key(tmp_path: Path, feeds: Feeds) -> None:
    from monitor.alerts.digest import queue_digest
    from monitor.alerts.sender import deliver_due

    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds, mode="digest")
    with app:
        start_quietly(app, feeds)
        feeds.entries["desk"] += [item("a", SHELLS_5M, "Seoul report"), item("b", TROOPS_11K, "Pentagon report")]
        cycle(app, NOW - timedelta(hours=1))
        feeds.entries["desk"].append(item("c", SHELLS_9M, "Kyiv report"))
        cycle(app)
        assert queued(app) == [], "digest mode mails nothing per article"
        alert_id = queue_digest(app)
        assert alert_id and queue_digest(app) is None
        assert deliver_due(app)["sent"] == 1
    [digest] = outbox(tmp_path)
    assert digest["Subject"].startswith("Digest, ")
    body = digest.get_body(("plain",)).get_content()
    assert body.count("== Artillery shells ==") == 1 and body.count("== Troops ==") == 1
    shells = body.split("== Artillery shells ==")[1].split("==")[0]
    assert "Seoul report" in shells and "Kyiv report" in shells and "Pentagon report" not in shells


# -- feed health --------------------------------------------------------------------------------------


def test_a_feed_failing_n_times_mails_once_then_a_recovery_notice(tmp_path: Path, feeds: Feeds) -> None:
    feeds.add("flaky", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds, feed_failures_before_alert=3)
    with app:
        cycle(app, NOW - timedelta(hours=3))
        feeds.status["flaky"] = 503
        for n in range(1, 6):
            cycle(app, NOW - timedelta(hours=3) + timedelta(minutes=20 * n))
            expected = [] if n < 3 else ["failing"]
            assert [d["health_status"] for d in queued(app)] == expected, f"after failure {n}"
        feeds.status["flaky"] = 200
        cycle(app)
        cycle(app, NOW + timedelta(minutes=20))
        assert [d["health_status"] for d in queued(app)] == ["failing", "recovered"]
    failing, recovered = outbox(tmp_path)
    assert failing["Subject"].startswith("Feed failing: flaky (3 failures in a row)")
    assert "503" in plain(failing)
    assert recovered["Subject"].startswith("Feed recovered: flaky")
    assert failing["In-Reply-To"] == recovered["In-Reply-To"]


def test_a_silent_feed_mails_once_then_a_recovery_notice(tmp_path: Path, feeds: Feeds) -> None:
    feeds.add("sleepy", item("old", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds, feed_silent_days=2)
    with app:
        cycle(app, NOW - timedelta(days=3))  # its last new item, three days ago
        cycle(app, NOW - timedelta(hours=1))
        cycle(app)
        assert [d["health_status"] for d in queued(app)] == ["silent"]
        feeds.entries["sleepy"].append(item("fresh", OFF_TOPIC.replace("parks", "schools")))
        cycle(app, NOW + timedelta(minutes=1))
        assert [d["health_status"] for d in queued(app)] == ["silent", "recovered"]
    silent, recovered = outbox(tmp_path)
    assert silent["Subject"].startswith("Feed silent: sleepy (no new items for 3")
    assert recovered["Subject"].startswith("Feed recovered: sleepy")


# -- hostile titles and the .eml outbox ---------------------------------------------------------------


def test_a_title_with_cr_lf_cannot_add_a_header_and_the_eml_reads_back(tmp_path: Path, feeds: Feeds) -> None:
    hostile = "Shells\r\nBcc: leak@evil.example\r\nX-Injected: yes\r\n\r\n<b>body</b>"
    feeds.add("desk", item("quiet", OFF_TOPIC))
    app = open_monitor(tmp_path, feeds)
    with app:
        start_quietly(app, feeds)
        # Numeric character references keep the CR and LF through the XML parser.
        entry = item("evil", SHELLS_9M, hostile.replace("\r", "&#13;").replace("\n", "&#10;"))
        body = rss([*feeds.entries["desk"], entry]).replace(b"&amp;#13;", b"&#13;").replace(b"&amp;#10;", b"&#10;")
        feeds.server.route("/desk.xml", lambda req: req.send(200, body))
        cycle(app)
        [stored] = [e.data for e in app.store.read_all(types=[ev.ARTICLE_DISCOVERED]) if "evil" in e.data["link"]]
    assert "Bcc:" in stored["title"], "the hostile title reached the pipeline"
    [path] = [p for p in (tmp_path / "outbox").glob("*.eml") if b"X-NKRU-Kind: article" in p.read_bytes()]
    raw = path.read_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert not any(line.lower().startswith((b"bcc:", b"x-injected:")) for line in raw.splitlines())
    assert parsed["To"] == "analyst@example.org"
    assert parsed["Subject"].startswith("Artillery shells: 9 million") and "\n" not in parsed["Subject"]
    text = parsed.get_body(("plain",)).get_content()
    # The title, on one line (the poller already dropped its markup).
    assert "\nShells Bcc: leak@evil.example X-Injected: yes body\n" in text
    assert "<b>" not in parsed.get_body(("html",)).get_content()
    # Readable as a file: LF line ends, 7-bit, headers first.
    assert b"\r\n" not in raw and raw.isascii() and raw.startswith(b"From: ")
