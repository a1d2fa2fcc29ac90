"""The offline demo: `examples/` copied to a temporary folder, then `monitor poll` and
`monitor report` run as subprocesses with no network at all."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import lxml.html
import pytest

pytestmark = pytest.mark.timeout(240)

ROOT = Path(__file__).resolve().parents[2]
# A proxy nobody listens on: should anything try HTTP(S), it fails at once instead of
# reaching the internet (httpx and urllib honour these variables).
DEAD_PROXY = "http://127.0.0.1:9"


@lru_cache(maxsize=1)
def network_namespace_prefix() -> tuple[str, ...]:
    """`unshare -n` (a network namespace with only a downed loopback) where we may use it."""
    binary = shutil.which("unshare")
    if binary is None:
        return ()
    try:
        probe = subprocess.run([binary, "-n", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return (binary, "-n") if probe.returncode == 0 else ()


def offline_monitor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HTTP_PROXY": DEAD_PROXY,
        "HTTPS_PROXY": DEAD_PROXY,
        "ALL_PROXY": DEAD_PROXY,
        "http_proxy": DEAD_PROXY,
        "https_proxy": DEAD_PROXY,
        "NO_PROXY": "",
    }
    env.pop("MONITOR_CONFIG", None)
    command = [*network_namespace_prefix(), sys.executable, "-m", "monitor", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "examples"
    shutil.copytree(ROOT / "examples", folder, ignore=shutil.ignore_patterns("monitor.db*", "outbox", "*.html"))
    # From the folder above, as the README runs it: paths in demo.toml resolve against its own folder.
    polled = offline_monitor("--config", "examples/demo.toml", "poll", cwd=folder.parent)
    assert polled.returncode == 0, polled.stderr
    assert "0 failed" in polled.stdout, polled.stdout
    reported = offline_monitor("--config", "examples/demo.toml", "report", cwd=folder.parent)
    assert reported.returncode == 0, reported.stderr
    return folder


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def test_the_demo_runs_without_any_network(demo: Path):
    if not network_namespace_prefix():
        pytest.skip("unshare -n is not permitted here; the demo ran with dead proxies instead")
    # Inside the namespace nothing, not even 127.0.0.1, can be reached: the demo needed none of it.
    assert (demo / "demo-data" / "monitor.db").is_file()


def test_the_demo_stores_articles_claims_and_every_kind_of_verdict(demo: Path):
    db = demo / "demo-data" / "monitor.db"
    articles, relevant = query(db, "SELECT COUNT(*), SUM(relevant = 1) FROM articles")[0]
    feed_files = list((demo / "feeds").iterdir())
    assert len(feed_files) >= 3 and articles >= 3 * len(feed_files)
    assert 0 < relevant < articles  # the demo also carries articles about something else
    verdicts = dict(query(db, "SELECT verdict, COUNT(*) FROM claim_observations GROUP BY verdict"))
    for verdict in ("updates", "new", "contradicts"):
        assert verdicts.get(verdict, 0) >= 1, verdicts
    # Figures that update the baseline more than once: the ledger has a newest and a previous figure.
    moved = query(
        db,
        "SELECT COUNT(*) FROM claims WHERE newest_quantity IS NOT NULL "
        "AND previous_quantity IS NOT NULL AND baseline_quantity IS NOT NULL",
    )[0][0]
    assert moved >= 1
    statuses = {status for (status,) in query(db, "SELECT status FROM feeds")}
    assert statuses == {"ok"}


def test_the_demo_leaves_alerts_in_the_outbox(demo: Path):
    outbox = demo / "demo-data" / "outbox"
    messages = sorted(outbox.glob("*.eml"))
    assert messages, f"no .eml in {outbox}"
    subjects = []
    for path in messages:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["To"] == "analyst@example.org" and message["Message-ID"]
        subjects.append(str(message["Subject"]))
    assert any("Contradicts" in s for s in subjects), subjects
    db = demo / "demo-data" / "monitor.db"
    assert query(db, "SELECT COUNT(*) FROM alerts WHERE status = 'sent'")[0][0] == len(messages)


def test_the_demo_report_draws_the_demo(demo: Path):
    page_path = demo / "demo-data" / "report.html"
    html = page_path.read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    charts = page.xpath('//*[local-name()="svg"][@data-ledger-key]')
    assert len(charts) >= 3
    assert "shipment|artillery_shells|NK->RU" in {c.get("data-ledger-key") for c in charts}
    assert not page.xpath("//script")
    assert len(page.xpath('//table[@id="feeds-table"]/tbody/tr')) == 3
    assert page.xpath('//table[@id="articles-table"]//span[@class="badge contradicts"]')
    assert not re.search(r'src="https?:', html)


def test_the_readme_shows_the_demo_right_after_the_quickstart():
    readme = (ROOT / "README.md").read_text()
    headings = re.findall(r"^## (.+)$", readme, flags=re.MULTILINE)
    assert headings[0] == "Quickstart" and "demo" in headings[1].lower()
    section = readme.split(f"## {headings[1]}", 1)[1].split("\n## ", 1)[0]
    assert "monitor --config examples/demo.toml poll" in section
    assert "monitor --config examples/demo.toml report" in section


def test_starting_the_demo_over_as_demo_toml_says_polls_it_afresh(tmp_path: Path):
    """demo.toml says what to delete to start over; deleting just that (paths from the
    repository root, as its commands are run) and polling again gives the first poll again."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "examples", checkout / "examples", ignore=shutil.ignore_patterns("monitor.db*", "outbox"))
    first = offline_monitor("--config", "examples/demo.toml", "poll", cwd=checkout)
    assert first.returncode == 0 and "15 new articles, 0 failed" in first.stdout, first.stderr

    comments = " ".join(line.lstrip("# ") for line in (checkout / "examples" / "demo.toml").read_text().splitlines())
    said = re.search(r"Delete (.+?) to start over", comments)
    assert said, "demo.toml no longer says how to start over"
    named = [word for word in said.group(1).split() if "demo-data" in word]
    assert named, said.group(0)
    for pattern in named:
        for path in checkout.glob(pattern.rstrip("/")):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert not (checkout / "examples" / "demo-data" / "monitor.db").exists()

    again = offline_monitor("--config", "examples/demo.toml", "poll", cwd=checkout)
    assert again.returncode == 0, again.stderr
    assert "15 new articles, 0 failed" in again.stdout and "alerts: 11 sent" in again.stdout, again.stdout
