"""`monitor report`: a database filled through the real pipeline from the tests' own feeds
(served on 127.0.0.1), rendered by the real command, read back as HTML and, where chromium
is installed, rendered by a real browser."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
import pytest

from monitor import report
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import write_config

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_SECONDS = 60


# -- the tests' own feeds -------------------------------------------------------------
# Written for these tests: artillery-shell estimates that grow (at least, about, a range),
# troop figures from two sources, a denial that contradicts the baseline, and an article
# that has nothing to do with arms transfers.


@dataclass(frozen=True)
class Story:
    guid: str
    published: str
    title: str
    text: str


NORTH_DESK = [
    Story(
        "nd-1",
        "2024-03-11T05:00",
        "Seoul: North Korean shells to Russia top 2 million",
        "South Korea's National Intelligence Service said on Monday that North Korea has shipped more "
        "than 2 million artillery shells to Russia since last summer.",
    ),
    Story(
        "nd-2",
        "2024-09-03T08:30",
        "Kyiv puts North Korea's shell deliveries at 4 million",
        "Ukraine's military intelligence agency HUR estimated on Tuesday that North Korea has sent about "
        "4 million artillery shells to Russia.",
    ),
    Story(
        "nd-3",
        "2025-01-20T02:15",
        "Seoul's military: up to 7 million North Korean shells",
        "South Korea's Joint Chiefs of Staff said North Korea has sent between 6 million and 7 million "
        "artillery shells to Russia, along with about 10,000 troops.",
    ),
    Story(
        "nd-4",
        "2025-03-04T09:00",
        "Busan ferry back after winter break",
        "A cargo ferry resumed service between Busan and Fukuoka on Tuesday after a winter break.",
    ),
]
SOUTH_DESK = [
    Story(
        "sd-1",
        "2024-11-05T10:00",
        "Seoul: 10,000 North Korean troops sent to Russia",
        "North Korea has deployed some 10,000 troops to Russia, South Korea's National Intelligence "
        "Service said on Tuesday.",
    ),
    Story(
        "sd-2",
        "2025-02-10T16:40",
        "Zelensky: as many as 12,000 North Korean troops in Kursk",
        "Ukraine's President Volodymyr Zelensky said on Monday that as many as 12,000 North Korean troops "
        "are in Russia's Kursk region.",
    ),
    Story(
        "sd-3",
        "2025-03-01T07:20",
        "Pyongyang denies sending shells",
        "North Korea's foreign ministry denied on Saturday that it had shipped any artillery shells to Russia.",
    ),
]
RELEVANT_TITLES = [s.title for s in NORTH_DESK[:3] + SOUTH_DESK]
IRRELEVANT_TITLE = NORTH_DESK[3].title


def rss(title: str, base: str, stories: list[Story]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>{base}</link><description>test desk</description>",
    ]
    for s in stories:
        when = datetime.fromisoformat(s.published).replace(tzinfo=UTC)
        parts.append(
            f'<item><guid isPermaLink="false">{s.guid}</guid><title>{escape(s.title)}</title>'
            f"<link>{base}{s.guid}</link><pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
            f"<description>{escape(s.text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def monitor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@dataclass
class Filled:
    folder: Path
    config: Path
    db: Path
    html: str
    page: lxml.html.HtmlElement
    report_path: Path


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    """Polls the three feeds once with `monitor poll`, then writes `monitor report --out`."""
    folder = tmp_path_factory.mktemp("report")
    server = LocalHTTPServer().start()
    try:
        north = rss("North desk", server.url("/north/"), NORTH_DESK)
        south = rss("South desk", server.url("/south/"), SOUTH_DESK)
        server.route("/north.xml", lambda req: req.send(200, north))
        server.route("/south.xml", lambda req: req.send(200, south))

        def unavailable(req: Request) -> None:
            req.send(503, b"down for maintenance")

        server.route("/broken.xml", unavailable)
        config = write_config(
            folder,
            {
                "north-desk": server.url("/north.xml"),
                "south-desk": server.url("/south.xml"),
                "broken-desk": server.url("/broken.xml"),
            },
        )
        polled = monitor("--config", str(config), "poll", cwd=folder)
        assert polled.returncode == 0, polled.stderr
    finally:
        server.stop()
    out = folder / "out" / "page.html"
    out.parent.mkdir()
    written = monitor("--config", str(config), "report", "--out", str(out), cwd=folder)
    assert written.returncode == 0, written.stderr
    assert str(out) in written.stdout
    html = out.read_text(encoding="utf-8")
    yield Filled(folder, config, folder / "monitor.db", html, lxml.html.fromstring(html), out)


def db_rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def charted_keys(db: Path) -> set[str]:
    """Ledger keys with at least one asserted figure: each must get a chart."""
    return {
        r[0]
        for r in db_rows(
            db,
            "SELECT DISTINCT ledger_key FROM claim_observations WHERE quantity IS NOT NULL "
            "AND COALESCE(stance, 'asserted') = 'asserted'",
        )
    }


def chart(page: lxml.html.HtmlElement, ledger_key: str) -> lxml.html.HtmlElement:
    found = page.xpath(f'//*[local-name()="svg"][@data-ledger-key="{ledger_key}"]')
    assert len(found) == 1, f"expected one chart for {ledger_key}, found {len(found)}"
    return found[0]


def marker_groups(svg: lxml.html.HtmlElement) -> dict[str, int]:
    """Marker group id (without the chart prefix) -> markers drawn in it."""
    groups = {}
    for g in svg.xpath('.//*[local-name()="g"][contains(@id, "-markers-")]'):
        name = g.get("id").split("-", 1)[1]
        groups[name] = len(g.xpath('.//*[local-name()="use"]')) or len(g.xpath('.//*[local-name()="path"]'))
    return groups


def table_rows(page: lxml.html.HtmlElement, table_id: str) -> list[list[str]]:
    return [
        [" ".join(" ".join(td.itertext()).split()) for td in tr.xpath("./td")]
        for tr in page.xpath(f'//table[@id="{table_id}"]/tbody/tr')
    ]


# -- the filled report ----------------------------------------------------------------


def test_the_pipeline_filled_the_database_the_report_reads(filled: Filled):
    verdicts = dict(db_rows(filled.db, "SELECT verdict, COUNT(*) FROM claim_observations GROUP BY verdict"))
    assert verdicts.get("updates", 0) >= 3 and verdicts.get("new", 0) >= 2 and verdicts.get("contradicts", 0) >= 1
    stats = {
        li.text_content().split()[-1]: li.xpath("./strong")[0].text_content()
        for li in filled.page.xpath('//ul[@class="stats"]/li')
    }
    assert stats["articles"] == str(len(NORTH_DESK) + len(SOUTH_DESK))
    assert stats["relevant"] == str(len(RELEVANT_TITLES))
    head = db_rows(filled.db, "SELECT MAX(position) FROM events")[0][0]
    assert filled.page.get_element_by_id("head-position").text_content() == str(head)


def test_one_inline_svg_chart_per_ledger_key_with_figures(filled: Filled):
    keys = charted_keys(filled.db)
    assert {"shipment|artillery_shells|NK->RU", "troop_deployment|troops|NK->RU"} <= keys
    charts = filled.page.xpath('//*[local-name()="svg"][contains(concat(" ", @class, " "), " chart ")]')
    assert {c.get("data-ledger-key") for c in charts} == keys
    assert len(charts) == len(keys)
    for svg in charts:
        # matplotlib's own drawing (its groups), not hand-made markup, and a title for screen readers.
        assert svg.xpath('.//*[local-name()="g"][contains(@id, "-axes_1")]'), svg.get("id")
        assert svg.xpath('./*[local-name()="title"]')[0].text_content().strip()


def test_markers_one_per_claim_grouped_by_source_and_bound(filled: Filled):
    shells = chart(filled.page, "shipment|artillery_shells|NK->RU")
    groups = marker_groups(shells)
    # One marker per claimed figure: NIS said "more than", HUR "about", the JCS gave a range.
    assert groups["markers-south-korea-nis-at-least"] == 1
    assert groups["markers-ukraine-hur-about"] == 1
    assert groups["markers-south-korea-jcs-range"] == 1  # the vertical bar from 6 to 7 million
    assert groups["markers-south-korea-jcs-range-ends"] == 2
    assert shells.get("data-markers") == "3"
    legend = " ".join(shells.xpath('.//*[local-name()="text"]//text()'))
    for words in ("South Korea NIS", "Ukraine HUR", "South Korea JCS", "at least", "about", "range"):
        assert words in legend, words

    troops = chart(filled.page, "troop_deployment|troops|NK->RU")
    groups = marker_groups(troops)
    assert groups["markers-south-korea-nis-about"] == 1
    assert groups["markers-south-korea-jcs-about"] == 1
    assert groups["markers-ukraine-president-at-most"] == 1


def test_each_source_has_one_colour_on_the_whole_page(filled: Filled):
    colours: dict[str, set[str]] = {}
    for svg in filled.page.xpath('//*[local-name()="svg"][@data-ledger-key]'):
        for g in svg.xpath('.//*[local-name()="g"][contains(@id, "-markers-")]'):
            source = re.sub(r"-(at-least|about|at-most|exact|range)(-ends)?$", "", g.get("id").split("-markers-")[1])
            styles = " ".join(g.xpath(".//@style"))
            colours.setdefault(source, set()).update(re.findall(r"stroke: (#[0-9a-f]{6})", styles))
    assert len(colours["south-korea-nis"]) == 1 and len(colours["south-korea-jcs"]) == 1
    assert colours["south-korea-nis"] != colours["south-korea-jcs"]


def test_the_baseline_is_a_reference_line_where_the_baseline_has_a_figure(filled: Filled):
    shells = chart(filled.page, "shipment|artillery_shells|NK->RU")
    assert shells.xpath('.//*[local-name()="g"][substring(@id, string-length(@id) - 8) = "-baseline"]')
    assert "baseline: more than 1 million" in " ".join(shells.xpath('.//*[local-name()="text"]//text()'))
    # The shipped baseline has no troop figure: no line, and no legend entry pretending one.
    troops = chart(filled.page, "troop_deployment|troops|NK->RU")
    assert not troops.xpath('.//*[local-name()="g"][substring(@id, string-length(@id) - 8) = "-baseline"]')


def test_ids_are_unique_across_charts(filled: Filled):
    ids = re.findall(r'\bid="([^"]+)"', filled.html)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    # Every internal reference points at an id on the page.
    for ref in set(re.findall(r'(?:href="#|url\(#)([^")]+)', filled.html)):
        assert ref in ids, ref


def test_the_claim_ledger_table(filled: Filled):
    rows = {r[0]: r for r in table_rows(filled.page, "ledger-table") if r and r[1] == "NK → RU"}
    shells = rows["Artillery shells"]
    # claim, direction, newest, previous, baseline, vs baseline, source, date, reports, link
    assert "6" in shells[2] and "7 million" in shells[2]
    assert "about 4 million" in shells[3] and "2024-09-03" in shells[3]
    assert shells[4] == "more than 1 million"
    assert shells[5].startswith("×")
    assert shells[6] == "South Korea JCS" and shells[7] == "2025-01-20"
    links = filled.page.xpath('//table[@id="ledger-table"]//tr[td[1][normalize-space()="Artillery shells"]]//a/@href')
    assert any(link.endswith("/north/nd-3") for link in links)
    assert "12,000" in rows["Troops"][2]
    # Baseline lines nobody has reported since are shown, greyed.
    assert filled.page.xpath('//table[@id="ledger-table"]//tr[@class="baseline-only"]')


def test_recent_articles_with_their_verdicts(filled: Filled):
    rows = table_rows(filled.page, "articles-table")
    titles = [r[2] for r in rows]
    for title in RELEVANT_TITLES:
        assert any(t.startswith(title) for t in titles), title
    assert not any(IRRELEVANT_TITLE in t for t in titles)
    assert rows[0][2].startswith("Pyongyang denies sending shells")  # newest first
    assert "contradicts" in rows[0][3]
    first = next(r for r in rows if r[2].startswith(NORTH_DESK[0].title))
    assert first[3] == "1 updates"
    assert "updates Artillery shells: more than 2 million (1 million → 2 million) — South Korea NIS" in first[2]
    badges = {b.get("class") for b in filled.page.xpath('//table[@id="articles-table"]//span')}
    assert {"badge updates", "badge new", "badge contradicts"} <= badges


def test_feed_health(filled: Filled):
    rows = {r[0].split()[0]: r for r in table_rows(filled.page, "feeds-table")}
    assert set(rows) == {"north-desk", "south-desk", "broken-desk"}
    # feed, status, last poll, last success, failures in a row, next poll, articles, days since new, last error
    assert rows["north-desk"][1].startswith("ok") and rows["north-desk"][4] == "0"
    assert rows["north-desk"][6] == str(len(NORTH_DESK))
    broken = rows["broken-desk"]
    assert broken[1].startswith("failing") and "503" in broken[1]
    assert broken[4] == "1" and broken[3] == "" and broken[8]
    for row in rows.values():
        assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", row[2]) and re.match(r"\d{4}-\d\d-\d\d", row[5])


def test_feed_health_follows_the_config_in_use(filled: Filled, tmp_path: Path):
    """A feed disabled in the config, or gone from it, says so even though the log knows its polls."""
    copy = tmp_path / "monitor.db"
    with sqlite3.connect(filled.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    config = write_config(
        tmp_path,
        {"north-desk": "http://127.0.0.1:9/north.xml", "south-desk": "http://127.0.0.1:9/south.xml"},
        feed_extra={"north-desk": {"enabled": False}},
    )
    written = monitor("--config", str(config), "report", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    page = lxml.html.fromstring((tmp_path / "report.html").read_text(encoding="utf-8"))
    rows = {r[0].split()[0]: r for r in table_rows(page, "feeds-table")}
    assert rows["north-desk"][1] == "disabled in config HTTP 200"
    assert rows["south-desk"][1] == "ok HTTP 200"
    assert "(no longer in the config)" in rows["broken-desk"][0]


def assert_self_contained(html: str) -> None:
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script | //iframe | //object | //embed | //link[@rel='stylesheet']")
    assert not page.xpath("//img[not(starts-with(@src, 'data:'))]")
    # No resource loaded by URL: styles and SVG reference only what is on the page.
    assert not re.search(r"@import|url\(\s*['\"]?(?!#)", html)
    assert not re.search(r'(?:src|xlink:href)="(?!#|data:)', html)
    for href in page.xpath("//link/@href"):
        raise AssertionError(f"external link element {href}")
    # http(s) URLs appear only as links the reader may follow (articles), and the SVG namespace.
    for url in re.findall(r"https?://[^\s\"'<>)]+", html):
        assert url.startswith(("http://127.0.0.1", "http://www.w3.org/")), url


def test_the_page_is_self_contained(filled: Filled):
    assert_self_contained(filled.html)
    assert "cdn" not in filled.html.lower()


# -- text from feeds is data, never markup ---------------------------------------------

ODD_OUTLET = 'Desk <b>&amp; "$\\frac{1}{0}$" _under'
ODD_TITLE = '<script>alert("x")</script> North Korea sent 3 million shells, newsletter says'


def test_titles_links_and_outlet_names_from_feeds_cannot_break_the_page(http_server, tmp_path: Path):
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>odd</title>'
        "<link>http://127.0.0.1/</link><description>d</description>"
        f'<item><guid isPermaLink="false">odd-1</guid><title>{escape(ODD_TITLE)}</title>'
        "<link>javascript:alert(1)</link><pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>"
        "<description>North Korea has shipped more than 3 million artillery shells to Russia, "
        "the newsletter estimated on Tuesday.</description></item></channel></rss>"
    ).encode()
    http_server.route("/odd.xml", lambda req: req.send(200, body))
    config = write_config(tmp_path, {"odd": http_server.url("/odd.xml")}, feed_extra={"odd": {"outlet": ODD_OUTLET}})
    assert monitor("--config", str(config), "poll", cwd=tmp_path).returncode == 0
    written = monitor("--config", str(config), "report", "--out", str(tmp_path / "odd.html"), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    html = (tmp_path / "odd.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script") and "javascript:" not in html
    # Whatever ingestion kept of the title is shown as text.
    stored_title = db_rows(tmp_path / "monitor.db", "SELECT title FROM articles")[0][0]
    assert "North Korea sent 3 million shells" in stored_title
    assert stored_title in page.get_element_by_id("articles-table").text_content()
    # The recent articles name the outlet, as the ledger does, not the feed's id.
    assert [row[1] for row in table_rows(page, "articles-table")] == [" ".join(ODD_OUTLET.split())]
    chart_text = " ".join(page.xpath('//*[local-name()="svg"][@data-ledger-key]//*[local-name()="text"]//text()'))
    # The outlet's own name is the source of an unattributed claim; "$...$" stays literal text.
    assert "$\\frac{1}{0}$" in chart_text and "_under" in chart_text
    assert_self_contained(html)


# -- the empty state ---------------------------------------------------------------


def test_zero_articles_give_a_helpful_empty_state(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[store]\npath = "empty.db"\n')
    assert monitor("poll", cwd=tmp_path).returncode == 0  # no feeds: an empty database with its baseline
    written = monitor("report", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    # Without --out the page goes next to the database.
    path = tmp_path / "report.html"
    assert path.is_file() and str(path) in written.stdout
    html = path.read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    empty = page.get_element_by_id("empty-state").text_content()
    assert "monitor poll" in empty and "[[feeds]]" in empty and "examples/demo.toml" in empty
    assert not page.xpath('//*[local-name()="svg"]')
    assert page.get_element_by_id("no-charts") is not None
    # The baseline is known even before the first article: the ledger shows it, greyed.
    assert page.xpath('//table[@id="ledger-table"]//tr[@class="baseline-only"]')
    assert_self_contained(html)


def test_an_output_folder_that_does_not_exist_is_one_line_and_status_2(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n')
    assert monitor("poll", cwd=tmp_path).returncode == 0
    result = monitor("report", "--out", str(tmp_path / "missing" / "r.html"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("monitor: ") and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


# -- pure parts ----------------------------------------------------------------------


def test_log_scale_only_when_figures_span_orders_of_magnitude():
    assert report.use_log_scale([10, 250, 12_000_000])
    assert not report.use_log_scale([3_000_000, 9_000_000])
    assert not report.use_log_scale([5])


def test_the_most_frequent_sources_get_the_distinct_colours():
    from datetime import date

    def points(source: str, n: int) -> list[report.Point]:
        return [report.Point(date(2025, 1, 1), 1.0, None, "exact", source, "", None)] * n

    many = [f"source {i}" for i in range(len(report.SOURCE_COLOURS) + 2)]
    series = report.Series("k|i|-", "k", "i", None, [p for i, s in enumerate(many) for p in points(s, 20 - i)], total=0)
    palette = report.source_colours([series])
    assert palette["source 0"] == report.SOURCE_COLOURS[0]
    assert len(set(palette.values())) == len(report.SOURCE_COLOURS)
    assert many[-1] not in palette  # drawn in the shared grey


# -- a real browser ------------------------------------------------------------------


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(binary: str, *args: str, profile: Path) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=CHROMIUM_SECONDS)


@pytest.mark.skipif(
    chromium_binary() is None,
    reason="chromium is not installed (Debian: apt-get install chromium; .ci/run does it as root)",
)
def test_headless_chromium_renders_the_charts_and_tables(filled: Filled):
    binary = chromium_binary()
    assert binary is not None
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        dumped = chromium(
            binary, "--virtual-time-budget=5000", "--dump-dom", filled.report_path.as_uri(), profile=Path(profile)
        )
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        dom = lxml.html.fromstring(dumped.stdout)
        charts = dom.xpath('//*[local-name()="svg"][@data-ledger-key]')
        assert len(charts) == len(charted_keys(filled.db))
        assert len(dom.xpath('//table[@id="ledger-table"]/tbody/tr')) >= 2
        assert len(dom.xpath('//table[@id="articles-table"]/tbody/tr')) == len(RELEVANT_TITLES)
        assert len(dom.xpath('//table[@id="feeds-table"]/tbody/tr')) == 3

        shot = filled.folder / "report.png"
        shot.unlink(missing_ok=True)
        taken = chromium(
            binary,
            "--window-size=1280,2400",
            f"--screenshot={shot}",
            filled.report_path.as_uri(),
            profile=Path(profile),
        )
        assert taken.returncode == 0, taken.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1280, 2400)
        # A drawn page, not a blank one: the charts' source colours are among its pixels.
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert len(colours) > 200
    drawn = {tuple(int(h[i : i + 2], 16) for i in (1, 3, 5)) for h in report.SOURCE_COLOURS[:3]}
    assert drawn & colours


# -- the SQLite file for Datasette and the sqlite3 shell ---------------------------------

METADATA = ROOT / "monitor" / "data" / "datasette-metadata.json"


def test_the_views_answer_from_the_sqlite3_module(filled: Filled):
    with sqlite3.connect(f"file:{filled.db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        ledger = {(r["kind"], r["item"]): dict(r) for r in conn.execute("SELECT * FROM claim_ledger")}
        health = {r["feed_id"]: dict(r) for r in conn.execute("SELECT * FROM feed_health")}
    shells = ledger[("shipment", "artillery_shells")]
    assert shells["newest_quantity"] == 6_000_000 and shells["newest_source"] == "South Korea JCS"
    assert shells["previous_quantity"] == 4_000_000 and shells["baseline_quantity"] == 1_000_000
    assert shells["ratio_to_baseline"] == 6.0
    # a range and "more than" keep their meaning in the view, not just a bare number
    assert (shells["newest_bound"], shells["newest_quantity_high"]) == ("range", 7_000_000)
    assert (shells["previous_bound"], shells["baseline_bound"]) == ("about", "at_least")
    assert shells["ledger_key"] == "shipment|artillery_shells|NK->RU"
    assert shells["newest_link"].endswith("/north/nd-3")
    assert ledger[("troop_deployment", "troops")]["newest_quantity"] == 12_000
    assert set(health) == {"north-desk", "south-desk", "broken-desk"}
    assert health["broken-desk"]["status"] == "failing" and health["broken-desk"]["failures_in_row"] == 1
    assert health["broken-desk"]["last_http_status"] == 503
    assert health["north-desk"]["articles_total"] == len(NORTH_DESK) and health["north-desk"]["next_poll_at"]


@pytest.mark.skipif(
    shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed (apt-get install sqlite3)"
)
def test_the_views_answer_from_the_sqlite3_shell(filled: Filled):
    shell = subprocess.run(
        [
            "sqlite3",
            "-readonly",
            "-separator",
            "|",
            str(filled.db),
            "SELECT item, newest_quantity, baseline_quantity FROM claim_ledger WHERE item = 'artillery_shells' "
            "AND kind = 'shipment';",
            "SELECT feed_id, status, failures_in_row FROM feed_health ORDER BY feed_id;",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.splitlines() == [
        "artillery_shells|6000000.0|1000000.0",
        "broken-desk|failing|1",
        "north-desk|ok|0",
        "south-desk|ok|0",
    ]


def test_rebuild_drops_and_recreates_the_views_with_the_same_rows(filled: Filled, tmp_path: Path):
    copy = tmp_path / "monitor.db"
    with sqlite3.connect(filled.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    before = db_rows(copy, "SELECT * FROM claim_ledger"), db_rows(copy, "SELECT * FROM feed_health ORDER BY feed_id")
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    rebuilt = monitor("rebuild", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    after = db_rows(copy, "SELECT * FROM claim_ledger"), db_rows(copy, "SELECT * FROM feed_health ORDER BY feed_id")
    assert after[0] == before[0]
    # days_since_new is relative to now; every other column must match.
    assert [r[:-1] for r in after[1]] == [r[:-1] for r in before[1]]


def schema(db: Path) -> dict[str, set[str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {name: {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')} for name in names}


def test_the_datasette_metadata_names_only_tables_and_columns_that_exist(filled: Filled):
    import json

    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    assert metadata["title"] and metadata["description"]
    # Datasette names a database after its file: monitor.db is "monitor".
    database = metadata["databases"][filled.db.stem]
    tables = schema(filled.db)
    for table, options in database["tables"].items():
        assert table in tables, f"metadata describes {table!r}, which the database does not have"
        for column in options.get("columns", {}):
            assert column in tables[table], f"{table}.{column} does not exist"
        for key in ("sort", "sort_desc", "label_column"):
            if key in options:
                assert options[key] in tables[table], f"{table}: {key} {options[key]!r} does not exist"
        for facet in options.get("facets", []):
            assert facet in tables[table], f"{table}: facet {facet!r} does not exist"
        if not options.get("hidden"):
            assert options.get("title") and options.get("description"), table
    # The two views are the front door: every one of their columns is explained.
    for view in ("claim_ledger", "feed_health"):
        assert set(database["tables"][view]["columns"]) == tables[view], view
    with sqlite3.connect(f"file:{filled.db}?mode=ro", uri=True) as conn:
        for name, query in database.get("queries", {}).items():
            rows = conn.execute(query["sql"], {"item": "artillery_shells"}).fetchall()
            assert rows, f"canned query {name} returned nothing"


def datasette_binary() -> str | None:
    return shutil.which("datasette")


@pytest.mark.skipif(
    datasette_binary() is None, reason="datasette is not installed (optional, not a dependency: pip install datasette)"
)
def test_datasette_serves_the_views_with_the_metadata(filled: Filled):
    import json

    def get(path: str) -> str:
        done = subprocess.run(
            [datasette_binary(), str(filled.db), "--metadata", str(METADATA), "--get", path],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    ledger = json.loads(get("/monitor/claim_ledger.json?_shape=array&item=artillery_shells&kind=shipment"))
    assert ledger[0]["newest_quantity"] == 6_000_000
    page = get("/monitor/feed_health")
    assert "Feed health" in page and "Failed polls since the last success" in page


def test_sources_that_differ_only_in_punctuation_keep_unique_ids():
    from datetime import date

    points = [
        report.Point(date(2025, 1, d), 10.0 * d, None, "about", source, "", None)
        for d, source in ((1, "US officials"), (2, "us officials"), (3, "US-Officials"))
    ]
    svg = report.chart_svg(report.Series("shipment|drones|RU->NK", "shipment", "drones", "RU->NK", points, total=3))
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    assert sum("-markers-us-officials-about" in i for i in ids) == 3
