"""Limits on one article and on what the commands read: caps on text and claims (noted in the
event), `monitor diff` reading only regular files within the fetch's byte limit, a feed cut at
the entry cap said in the poll summary, a baseline with no claims refused, a date in 2100
clamped. Real feed files polled by real `monitor` processes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.claims.analysis import MAX_CLAIMS, MAX_TEXT_CHARS
from tests.support.cli_files import monitor, monitor_env

pytestmark = pytest.mark.timeout(300)


def rss(entries: list[tuple[str, str, str]]) -> str:
    """(guid, pubDate, text) entries as an RSS 2.0 document."""
    items = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(text[:60])}</title>'
        f"<link>https://news.example.org/{guid}</link><pubDate>{date}</pubDate>"
        f"<description>{escape(text)}</description></item>\n"
        for guid, date, text in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test wire</title>'
        f"<link>https://news.example.org/</link><description>t</description>\n{items}</channel></rss>\n"
    )


def shells_sentence(index: int) -> str:
    return (
        f"North Korea has shipped {1000 + index * 7:,} artillery shells to Russia since August 2023, "
        f"South Korea's defence ministry said in briefing {index}. "
    )


def feed_folder(tmp_path: Path, document: str, extra_config: str = "") -> Path:
    (tmp_path / "wire.xml").write_text(document, encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        f'[store]\npath = "m.db"\n{extra_config}\n[[feeds]]\nid = "wire"\nurl = "wire.xml"\n'
        "[alerts]\nfirst_poll_summary = false\n"
    )
    return tmp_path


def events_of(db: Path, event_type: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        return [
            json.loads(row[0])
            for row in conn.execute("SELECT data FROM events WHERE type = ? ORDER BY position", [event_type])
        ]


def test_one_huge_entry_is_analysed_within_the_caps_and_the_event_says_so(tmp_path: Path):
    text = "".join(shells_sentence(i) for i in range(9000))  # about 1 MB, thousands of figures
    assert len(text) > 4 * MAX_TEXT_CHARS
    folder = feed_folder(tmp_path, rss([("huge-1", "Mon, 02 Mar 2026 08:00:00 GMT", text)]))
    started = time.monotonic()
    polled = monitor("poll", cwd=folder)
    took = time.monotonic() - started
    assert polled.returncode == 0, polled.stderr
    assert took < 90, f"poll of one capped article took {took:.0f}s"
    classified = events_of(folder / "m.db", "ArticleClassified")[0]
    limits = classified["limits"]
    assert limits["text_chars"] >= len(text) - 100 and limits["max_chars"] == MAX_TEXT_CHARS
    assert limits["claims"] > MAX_CLAIMS and limits["max_claims"] == MAX_CLAIMS
    extracted = events_of(folder / "m.db", "ClaimsExtracted")[0]
    assert 0 < len(extracted["claims"]) <= MAX_CLAIMS
    assert len(json.dumps(extracted)) < 1_000_000
    diffed = events_of(folder / "m.db", "ClaimsDiffed")[0]
    assert {v["claim"] for v in diffed["verdicts"]} <= {c["id"] for c in extracted["claims"]}


def test_an_ordinary_article_carries_no_limits(tmp_path: Path):
    folder = feed_folder(tmp_path, rss([("small-1", "Mon, 02 Mar 2026 08:00:00 GMT", shells_sentence(1))]))
    assert monitor("poll", cwd=folder).returncode == 0
    assert "limits" not in events_of(folder / "m.db", "ArticleClassified")[0]


def test_diff_refuses_a_device_at_once(tmp_path: Path):
    started = time.monotonic()
    result = monitor("diff", "/dev/zero", cwd=tmp_path, timeout=30)
    assert time.monotonic() - started < 20
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "monitor: /dev/zero: not a regular file (a device, FIFO or socket); give an article file"
    )


def test_diff_refuses_a_fifo_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = monitor("diff", str(fifo), cwd=tmp_path, timeout=30)
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_diff_reads_utf16_by_its_mark_and_refuses_what_is_not_text(tmp_path: Path):
    text = "Seoul's spy agency says North Korea has shipped more than 2 million artillery shells to Russia.\n"
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # as Windows' Notepad saves "Unicode"
    as_utf8 = monitor("diff", "utf8.txt", "--json", cwd=tmp_path)
    as_utf16 = monitor("diff", "utf16.txt", "--json", cwd=tmp_path)
    assert as_utf8.returncode == as_utf16.returncode == 0, as_utf16.stderr
    assert json.loads(as_utf16.stdout)["claims"] == json.loads(as_utf8.stdout)["claims"] != []
    # Bytes that are no text are refused in one line, rather than scored as an irrelevant article.
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "no-mark.txt").write_bytes(text.encode("utf-16-le"))
    for name in ("photo.jpg", "no-mark.txt"):
        result = monitor("diff", name, cwd=tmp_path)
        assert result.returncode == 2, result.stdout
        assert result.stderr.startswith(f"monitor: {name}: not text (a control character at character ")
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "encoding, declaration",
    [
        ("windows-1251", '<meta charset="windows-1251">'),
        ("euc-kr", '<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">'),
        ("shift_jis", '<?xml version="1.0" encoding="Shift_JIS"?>'),
    ],
)
def test_diff_reads_a_page_in_the_charset_it_declares(tmp_path: Path, encoding: str, declaration: str):
    """A page saved from a Russian, Korean or Japanese site is not UTF-8; its own declaration
    says what it is, where Windows-1252 (the fallback for old Western pages) gives mojibake."""
    title = {"windows-1251": "Снаряды для России", "euc-kr": "북한 포탄 수출", "shift_jis": "北朝鮮の砲弾"}[encoding]
    page = (
        f"{declaration}<html><head><title>{title}</title></head><body><p>{title}.</p><p>North Korea has "
        "shipped more than 2 million artillery shells to Russia, South Korea's spy agency said.</p></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode(encoding))
    result = monitor("diff", "page.html", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    analysed = json.loads(result.stdout)
    assert analysed["article"]["title"] == title
    assert [c["quantity"] for c in analysed["claims"]] == [2_000_000]


def test_an_empty_article_is_refused_rather_than_scored_irrelevant(tmp_path: Path):
    """An empty file, one of blank lines, nothing on stdin (a download that failed upstream):
    "not relevant" would read as a verdict on an article, so it is one line naming the input."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\n")
    for name, stdin in (("empty.txt", None), ("blank.txt", None), ("-", "")):
        result = monitor("diff", name, cwd=tmp_path, stdin=stdin)
        assert result.returncode == 2 and result.stdout == "", (name, result.stdout)
        assert result.stderr == f"monitor: {name}: empty, nothing to analyse\n"
    (tmp_path / "utf8.txt").write_text("North Korea has shipped artillery shells to Russia.\n")
    listed = monitor("diff", "--jsonl", "empty.txt", "utf8.txt", cwd=tmp_path)
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert lines[0] == {"input": "empty.txt", "error": "empty.txt: empty, nothing to analyse"}
    assert listed.returncode == 2


def test_diff_input_is_held_to_the_fetch_byte_limit(tmp_path: Path):
    (tmp_path / "config.toml").write_text("[fetch]\nmax_bytes = 2048\n")
    article = tmp_path / "long.txt"
    article.write_text(shells_sentence(1) * 40)
    result = monitor("diff", str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"monitor: {article}: larger than 2,048 bytes ([fetch] max_bytes); nothing was analysed"
    )
    (tmp_path / "short.txt").write_text(shells_sentence(1))
    assert monitor("diff", str(tmp_path / "short.txt"), cwd=tmp_path).returncode == 0
    # Standard input that never ends stops at the limit too.
    with open("/dev/zero", "rb") as zeros:
        endless = subprocess.run(
            [sys.executable, "-m", "monitor", "diff", "-"],
            stdin=zeros,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env=monitor_env(),
        )
    assert endless.returncode == 2 and "-: larger than 2,048 bytes" in endless.stderr


def test_a_feed_cut_at_the_entry_cap_says_so_in_the_poll_summary(tmp_path: Path):
    from monitor.feeds.parse import MAX_ENTRIES

    entries = [
        (f"n-{i}", "Mon, 02 Mar 2026 08:00:00 GMT", f"Harbour notice {i}: berth {i % 40} closed.")
        for i in range(MAX_ENTRIES + 7)
    ]
    folder = feed_folder(tmp_path, rss(entries))
    polled = monitor("poll", cwd=folder, timeout=280)
    assert polled.returncode == 0, polled.stderr
    row = next(line for line in polled.stdout.splitlines() if line.startswith("wire\t"))
    assert "cut at the entry cap: 7 more entries not read" in row
    assert f"{MAX_ENTRIES} new articles" in polled.stdout and "1 cut at the entry cap" in polled.stdout


def test_baseline_set_refuses_a_file_without_claims_unless_forced(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n')
    assert monitor("poll", cwd=tmp_path).returncode == 0
    shown = monitor("baseline", "show", "--json", cwd=tmp_path)
    empty = tmp_path / "weather.txt"
    empty.write_text("Light rain is expected over the harbour on Tuesday, clearing by the evening.\n")
    refused = monitor("baseline", "set", str(empty), cwd=tmp_path)
    assert refused.returncode == 2
    assert "no claims found" in refused.stderr and "--force" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert monitor("baseline", "show", "--json", cwd=tmp_path).stdout == shown.stdout
    forced = monitor("baseline", "set", "--force", str(empty), cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "0 claims" in forced.stdout
    assert json.loads(monitor("baseline", "show", "--json", cwd=tmp_path).stdout)["claims"] == []


def test_an_article_dated_2100_is_listed_at_its_fetch_time(tmp_path: Path):
    entries = [
        ("future-1", "Fri, 01 Jan 2100 00:00:00 GMT", shells_sentence(1)),
        ("today-1", "Mon, 02 Mar 2026 08:00:00 GMT", shells_sentence(2)),
    ]
    folder = feed_folder(tmp_path, rss(entries))
    assert monitor("poll", cwd=folder).returncode == 0
    discovered = {e["article_id"]: e for e in events_of(folder / "m.db", "ArticleDiscovered")}
    future = next(e for e in discovered.values() if e["title"].startswith(shells_sentence(1)[:40]))
    assert future["published_original"] == "2100-01-01T00:00:00Z"
    assert future["published"] == future["first_seen_at"]
    listed = json.loads(monitor("articles", "--all", "--json", cwd=folder).stdout)
    assert [a["published"][:4] for a in listed] == ["2026", "2026"]
    assert listed[0]["article_id"] == future["article_id"]  # fetched today: newer than the March article
