"""What an analyst reads from the monitor's commands.

Who said the newest figure: an analyst reading the ledger (`monitor claims`, the report,
the `claim_ledger` view) must learn which outlet reported it and where to read it, the same
outlet an alert names. A figure in an article's own voice (no official quoted) has the
contract's placeholder source ``outlet``, which on its own names nobody.

The feed is the test's own, served on 127.0.0.1, and goes through the real `monitor poll`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from tests.support.cli_files import monitor
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import write_config

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[2]
OUTLET = "Harbour Gazette"
OWN_VOICE_GUID = "hg-containers"
LONG_TITLE = "Freight trains keep rolling north from the border port, and the satellites count the boxes"

# Written for this test: one figure in the paper's own voice, one from a named agency.
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette: Korea</title><link>http://127.0.0.1/</link>
<description>test feed</description>
<item><guid isPermaLink="false">{OWN_VOICE_GUID}</guid><title>{LONG_TITLE}</title>
<link>http://127.0.0.1/hg/{OWN_VOICE_GUID}</link><pubDate>Sun, 02 Mar 2025 08:00:00 GMT</pubDate>
<description>North Korea has shipped about 3,000 containers of munitions to Russia by rail since January,
satellite pictures reviewed by this newspaper show.</description></item>
<item><guid isPermaLink="false">hg-shells</guid><title>Seoul raises its shell count</title>
<link>http://127.0.0.1/hg/hg-shells</link><pubDate>Mon, 07 Apr 2025 08:00:00 GMT</pubDate>
<description>North Korea has sent more than 5 million artillery shells to Russia, South Korea's Joint
Chiefs of Staff said on Monday.</description></item>
</channel></rss>
"""

CONTAINERS = "shipment|containers|NK->RU"
SHELLS = "shipment|artillery_shells|NK->RU"


@dataclass
class Polled:
    folder: Path
    db: Path


@pytest.fixture(scope="module")
def polled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Polled]:
    folder = tmp_path_factory.mktemp("ledger-outlet")
    server = LocalHTTPServer().start()
    try:
        body = FEED.encode()
        server.route("/gazette.xml", lambda req: req.send(200, body))
        write_config(folder, {"gazette": server.url("/gazette.xml")}, feed_extra={"gazette": {"outlet": OUTLET}})
        done = monitor("poll", cwd=folder)
        assert done.returncode == 0, done.stderr
    finally:
        server.stop()
    yield Polled(folder, folder / "monitor.db")


def test_the_claims_command_names_the_outlet_and_links_the_article(polled: Polled):
    listed = monitor("claims", cwd=polled.folder)
    assert listed.returncode == 0, listed.stderr
    header, *lines = listed.stdout.splitlines()
    assert header.split("\t") == ["kind", "item", "direction", "ledger", "link"]
    rows = {"|".join(line.split("\t")[:3]): line.split("\t") for line in lines}
    containers = rows[CONTAINERS]
    assert f"({OUTLET}'s own reporting, 2025-03-02)" in containers[3]
    assert "(outlet," not in containers[3]
    assert containers[4] == f"http://127.0.0.1/hg/{OWN_VOICE_GUID}"
    # A named source stays as it was.
    assert "(South Korea JCS, 2025-04-07)" in rows[SHELLS][3]


def test_the_claims_json_gives_each_figure_its_outlet(polled: Polled):
    listed = monitor("claims", "--json", cwd=polled.folder)
    assert listed.returncode == 0, listed.stderr
    by_key = {entry["key"]: entry for entry in json.loads(listed.stdout)}
    newest = by_key[CONTAINERS]["newest"]
    assert newest["source"] == "outlet"  # the contract's value is kept
    assert newest["outlet"] == OUTLET
    assert newest["link"] == f"http://127.0.0.1/hg/{OWN_VOICE_GUID}"


def test_the_report_ledger_names_the_outlet(polled: Polled):
    written = monitor("report", "--out", "-", cwd=polled.folder)
    assert written.returncode == 0, written.stderr
    page = lxml.html.fromstring(written.stdout)
    row = page.xpath('//table[@id="ledger-table"]/tbody/tr[td[1][normalize-space()="Containers"]]')[0]
    cells = [" ".join(" ".join(td.itertext()).split()) for td in row.xpath("./td")]
    # claim, direction, newest, previous, baseline, vs baseline, source, date, reports, link
    assert cells[6] == f"{OUTLET}'s own reporting"


def test_the_claim_ledger_view_has_the_newest_outlet(polled: Polled):
    with sqlite3.connect(f"file:{polled.db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        rows = {r["ledger_key"]: dict(r) for r in conn.execute("SELECT * FROM claim_ledger")}
    assert rows[CONTAINERS]["newest_source"] == "outlet"
    assert rows[CONTAINERS]["newest_outlet"] == OUTLET
    assert rows[SHELLS]["newest_outlet"] == OUTLET


def test_articles_in_a_pipe_give_the_whole_title_and_the_link(polled: Polled):
    """`monitor articles | cut -f ...` is how a script finds an article to read: a title cut
    short does not grep, and without the link there is nothing to open."""
    listed = monitor("articles", cwd=polled.folder)
    assert listed.returncode == 0, listed.stderr
    header, *lines = listed.stdout.splitlines()
    columns = header.split("\t")
    assert columns[-1] == "link"
    rows = [dict(zip(columns, line.split("\t"))) for line in lines]
    own_voice = next(r for r in rows if r["link"].endswith(OWN_VOICE_GUID))
    assert own_voice["title"] == LONG_TITLE
    assert own_voice["feed"] == "gazette"


def test_baseline_show_lists_the_baselines_to_go_back_to(tmp_path: Path):
    """After a new baseline, the analyst needs the old one's name to go back to it."""
    briefing = tmp_path / "desk-briefing.txt"
    briefing.write_text(
        "North Korea has sent more than 4 million artillery shells to Russia, South Korea's defence "
        "ministry told lawmakers on Tuesday.\n",
        encoding="utf-8",
    )
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    set_done = monitor(
        "baseline", "set", str(briefing), "--published", "2025-05-06", "--label", "Desk briefing", cwd=tmp_path
    )
    assert set_done.returncode == 0, set_done.stderr
    shown = monitor("baseline", "show", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "baselines set, oldest first:" in text
    listed = text.split("baselines set, oldest first:")[1].splitlines()
    entries = [line for line in listed if " — " in line]
    assert len(entries) == 2
    assert "1 November 2023" in entries[0] and "(in force)" not in entries[0]
    assert entries[1].rstrip().endswith("Desk briefing (in force)")


def test_baseline_show_compares_the_two_reports_in_words(polled: Polled):
    """The shipped baseline is two reports; how they compare is read, not parsed: one line per
    claim, figures in words, no JSON (that is what --json is for)."""
    shown = monitor("baseline", "show", cwd=polled.folder)
    assert shown.returncode == 0, shown.stderr
    compared = shown.stdout.split(" against ", 1)[1]
    assert "{" not in compared and '"kind"' not in compared
    lines = compared.splitlines()
    assert "  only in ap:" in lines and "  agree:" in lines
    shells = next(line for line in lines if line.startswith("    shipment/artillery_shells NK->RU: "))
    assert "more than 1 million (South Korea NIS) in ap" in shells
    as_json = json.loads(monitor("baseline", "show", "--json", cwd=polled.folder).stdout)
    assert {"only_a", "only_b", "differing", "details", "agreeing", "facts"} <= set(as_json["comparison"])


def test_the_first_poll_summary_names_the_outlet(polled: Polled):
    """A new feed's backlog arrives as one summary mail: its ledger lines name whose reporting
    a figure is, as the article alerts that follow it will."""
    import email
    from email import policy

    mails = sorted((polled.folder / "outbox").glob("*.eml"))
    assert len(mails) == 1, mails
    message = email.message_from_bytes(mails[0].read_bytes(), policy=policy.default)
    assert message["X-NKRU-Kind"] == "first_poll_summary"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = " ".join(body.get_content().split())
    assert f"{OUTLET}'s own reporting" in text
    assert "the outlet's own reporting" not in text


def test_diff_explains_an_article_of_the_database_by_its_link(polled: Polled):
    """The analyst doubts a figure in an alert: the alert gives the article's link, and that is
    enough to see the rules behind its claims and where the ledger stands now."""
    link = f"http://127.0.0.1/hg/{OWN_VOICE_GUID}"
    explained = monitor("diff", "--article", link, "--explain", cwd=polled.folder)
    assert explained.returncode == 0, explained.stderr
    lines = explained.stdout.splitlines()
    assert lines[0].startswith("article ") and lines[0].endswith(f"of feed gazette: {link}")
    assert LONG_TITLE in lines[1] and "2025-03-02" in lines[1]  # the stored title and date
    assert any(line.startswith("    rule:") for line in lines)
    ledger_now = explained.stdout.split("the ledger now, for these claims:")[1]
    assert f"shipment/containers/NK->RU: about 3,000 ({OUTLET}'s own reporting, 2025-03-02)" in ledger_now

    as_json = monitor("diff", "--article", link, "--json", cwd=polled.folder)
    assert as_json.returncode == 0, as_json.stderr
    doc = json.loads(as_json.stdout)  # only the contract's object: no header line
    assert doc["article"]["published"] == "2025-03-02"
    assert [(c["item"], c["quantity"]) for c in doc["claims"] if c["item"] == "containers"] == [("containers", 3000)]


def test_diff_of_an_article_the_database_does_not_hold_is_one_line(polled: Polled):
    missing = monitor("diff", "--article", "http://127.0.0.1/hg/never-seen", cwd=polled.folder)
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr.startswith("monitor: no article ") and len(missing.stderr.splitlines()) == 1


def test_the_claim_ledger_view_gives_the_sentence_to_quote_and_keeps_its_older_columns_first(polled: Polled):
    """Exporting the view for a story (docs/howto.md: sqlite3 -csv ... claim_ledger) brings the
    sentence behind each newest figure; the new columns come last, so a script that reads the
    columns by position still finds the old ones where they were."""
    with sqlite3.connect(f"file:{polled.db}?mode=ro", uri=True) as conn:
        cursor = conn.execute("SELECT * FROM claim_ledger WHERE ledger_key = ?", [CONTAINERS])
        columns = [c[0] for c in cursor.description]
        row = dict(zip(columns, cursor.fetchone()))
    assert columns[-2:] == ["newest_outlet", "newest_evidence"]
    assert columns.index("newest_link") == len(columns) - 3
    assert "about 3,000 containers of munitions" in row["newest_evidence"]


def test_the_canned_query_of_figures_over_time_says_what_kind_and_where_to_read(polled: Polled):
    """Datasette's figures_over_time, run as the metadata gives it: an item is claimed under
    several kinds (shipped, used in battle), and each figure needs its article to be checked."""
    metadata = json.loads((ROOT / "monitor" / "data" / "datasette-metadata.json").read_text(encoding="utf-8"))
    sql = metadata["databases"]["monitor"]["queries"]["figures_over_time"]["sql"]
    with sqlite3.connect(f"file:{polled.db}?mode=ro", uri=True) as conn:
        cursor = conn.execute(sql, {"item": "containers"})
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    assert {"kind", "outlet", "evidence", "link"} <= set(columns)
    assert [(r["kind"], r["quantity"], r["outlet"], r["link"]) for r in rows] == [
        ("shipment", 3000, OUTLET, f"http://127.0.0.1/hg/{OWN_VOICE_GUID}")
    ]


LATER_ITEM = """<item><guid isPermaLink="false">hg-containers-2</guid><title>More boxes at the border port</title>
<link>http://127.0.0.1/hg/hg-containers-2</link><pubDate>Mon, 05 May 2025 08:00:00 GMT</pubDate>
<description>North Korea has now shipped about 4,500 containers of munitions to Russia by rail, satellite
pictures reviewed by this newspaper show.</description></item>
"""


def test_an_article_alerts_ledger_line_names_the_outlet_behind_a_figure_in_its_own_voice(tmp_path: Path):
    """The alert for a later article in the paper's own voice: its "Ledger now:" line names the paper,
    as `monitor claims` does, not the bare "the outlet's own reporting"."""
    import email
    from email import policy

    server = LocalHTTPServer().start()
    try:
        feed = {"body": FEED.encode()}
        server.route("/gazette.xml", lambda req: req.send(200, feed["body"]))
        write_config(tmp_path, {"gazette": server.url("/gazette.xml")}, feed_extra={"gazette": {"outlet": OUTLET}})
        first = monitor("poll", cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        before = set((tmp_path / "outbox").glob("*.eml"))
        feed["body"] = FEED.replace("</channel>", LATER_ITEM + "</channel>").encode()
        second = monitor("poll", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
    finally:
        server.stop()
    new = sorted(set((tmp_path / "outbox").glob("*.eml")) - before)
    texts = []
    for path in new:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        texts.append(" ".join(body.get_content().split()))
    ledger_lines = [t.split("Ledger now:")[1][:160] for t in texts if "Ledger now:" in t and "containers" in t]
    assert ledger_lines, texts
    assert all(f"{OUTLET}'s own reporting" in line for line in ledger_lines), ledger_lines
