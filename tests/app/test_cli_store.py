"""The CLI's store commands and error handling, run as real subprocesses on real files."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def monitor(*args: str, cwd: Path, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n')
    return tmp_path


def test_readme_and_ci_run_the_same_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    command = re.search(r'TEST_COMMAND="(.+)"', ci).group(1)
    readme = (ROOT / "README.md").read_text()
    assert command in readme


def test_events_json_and_verify_on_a_new_database(workdir: Path):
    assert monitor("poll", cwd=workdir).returncode == 0  # no feeds: creates the database, fetches nothing
    result = monitor("events", "--json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert isinstance(events, list)
    assert all(e["type"] == "BaselineSet" for e in events)
    verify = monitor("verify", cwd=workdir)
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith("ok:")


def test_verify_exit_1_names_the_first_bad_position(workdir: Path):
    assert monitor("poll", cwd=workdir).returncode == 0
    from monitor.store import NewEvent, SQLiteEventStore

    with SQLiteEventStore(workdir / "m.db") as store:
        store.append([NewEvent("feed:a", "FeedPolled", {"feed_id": "a", "status": 200})])
    conn = sqlite3.connect(workdir / "m.db")
    head = conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
    assert head >= 1
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("UPDATE events SET metadata = '{\"forged\":true}' WHERE position = ?", [head])
    conn.commit()
    conn.close()
    result = monitor("verify", cwd=workdir)
    assert result.returncode == 1
    assert f"first broken position: {head}" in result.stdout
    assert "trigger" in result.stderr


def test_rebuild_reports_and_keeps_the_log(workdir: Path):
    assert monitor("poll", cwd=workdir).returncode == 0
    before = monitor("events", "--json", cwd=workdir).stdout
    result = monitor("rebuild", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "rebuilt" in result.stdout
    assert monitor("events", "--json", cwd=workdir).stdout == before


@pytest.mark.parametrize(
    "config, expected",
    [
        ('[[feeds]]\nid = "a"\nurl = "https://x.example/rss"\nintervl = 5\n', "unknown key 'intervl'"),
        (
            '[[feeds]]\nid = "a"\nurl = "https://x.example/rss"\n[[feeds]]\nid = "a"\nurl = "https://y.example/"\n',
            "duplicate feed id 'a'",
        ),
        ('[fetch]\ntimeout_seconds = "soon"\n', "timeout_seconds must be a number"),
        ('[[feeds]]\nid = "a"\nurl = "gopher://x"\n', "url 'gopher://x'"),
        ("[store\npath=1", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_exit_2_and_no_database(tmp_path: Path, config: str, expected: str):
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n' + config if "[store" not in config else config)
    result = monitor("events", cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.db").exists()


def test_corrupt_database_is_refused_and_untouched(workdir: Path):
    (workdir / "m.db").write_bytes(b"not a database at all" * 50)
    result = monitor("events", cwd=workdir)
    assert result.returncode == 2
    assert "m.db" in result.stderr and "nothing was changed" in result.stderr
    assert (workdir / "m.db").read_bytes() == b"not a database at all" * 50


def test_missing_explicit_config_is_exit_2(tmp_path: Path):
    result = monitor("--config", str(tmp_path / "nope.toml"), "events", cwd=tmp_path)
    assert result.returncode == 2 and "config file not found" in result.stderr


def test_db_option_overrides_store_path(workdir: Path):
    result = monitor("--db", str(workdir / "other.db"), "poll", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert (workdir / "other.db").exists() and not (workdir / "m.db").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["run"],
        ["poll"],
        ["diff"],
        ["articles"],
        ["claims"],
        ["baseline", "show"],
        ["baseline", "set"],
        ["events"],
        ["verify"],
        ["rebuild"],
        ["reprocess"],
        ["alerts"],
        ["alerts", "retry"],
        ["alerts", "test"],
        ["report"],
    ],
)
def test_every_contract_command_exists(tmp_path: Path, command: list[str]):
    result = monitor(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


@pytest.mark.parametrize("command", [["events"], ["events", "--stream", "baseline"], ["articles", "--all"]])
def test_a_negative_limit_is_bad_usage_not_an_empty_or_unlimited_list(workdir: Path, command: list[str]):
    """`--limit -1` once printed "no events" over a full log (and `articles` took it as no
    limit at all): a count below zero is a mistake, so it is named before anything is read."""
    assert monitor("poll", cwd=workdir).returncode == 0
    result = monitor(*command, "--limit", "-1", cwd=workdir)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("monitor: Invalid value for '--limit'") and "-1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert monitor(*command, "--limit", "0", "--json", cwd=workdir).stdout.strip() == "[]"


def test_events_of_a_type_this_release_does_not_know_says_so(workdir: Path):
    """A misspelt `--type` matches nothing; the note names the type, so "no events" is not
    read as an empty log. Stdout stays the plain (empty) answer, for scripts."""
    assert monitor("poll", cwd=workdir).returncode == 0
    result = monitor("events", "--type", "FeedPoled", "--type", "BaselineSet", "--json", cwd=workdir)
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 1
    assert "'FeedPoled' is not an event type" in result.stderr and "FeedPolled" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    known = monitor("events", "--type", "FeedPolled", cwd=workdir)
    assert known.stdout.strip() == "no events" and known.stderr == ""


def test_poll_with_every_feed_disabled_says_so_not_that_none_is_configured(workdir: Path):
    config = workdir / "config.toml"
    config.write_text(config.read_text() + '\n[[feeds]]\nid = "paused"\nurl = "paused.xml"\nenabled = false\n')
    result = monitor("poll", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "no enabled feeds (disabled: paused; `monitor poll --feed ID` polls one anyway)"
    )
    (workdir / "config.toml").write_text('[store]\npath = "m.db"\n')
    bare = monitor("poll", cwd=workdir)
    assert bare.stdout.splitlines()[0] == "no feeds configured (add one with `monitor feeds add URL`)"


def test_poll_of_an_unknown_feed_id_is_a_usage_error_not_a_bad_config(workdir: Path):
    result = monitor("poll", "--feed", "yonhap", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr == (
        f"monitor: no feed with id 'yonhap' in {workdir / 'config.toml'} (see `monitor feeds list`)\n"
    )
    assert not (workdir / "m.db").exists()


def test_events_since_a_moment_starts_there_and_says_when_a_moment_is_no_moment(workdir: Path):
    """`--since` finds where a moment starts in the log without reading what comes before, and
    takes a date, a time or a span back from now, as journalctl and git log do."""
    assert monitor("poll", cwd=workdir).returncode == 0
    from monitor.store import NewEvent, SQLiteEventStore

    with SQLiteEventStore(workdir / "m.db") as store:
        for number in range(6):
            store.append([NewEvent(f"feed:f{number}", "FeedPolled", {"feed_id": f"f{number}", "status": 200})])
        moments = [e.recorded_at for e in store.read_all(types=["FeedPolled"])]
    later = monitor("events", "--since", moments[3], "--type", "FeedPolled", "--json", cwd=workdir)
    assert [e["stream"] for e in json.loads(later.stdout)] == ["feed:f3", "feed:f4", "feed:f5"]
    assert len(json.loads(monitor("events", "--since", "1d", "--json", cwd=workdir).stdout)) == 7
    assert monitor("events", "--since", "2999-01-01", cwd=workdir).stdout.strip() == "no events"
    bad = monitor("events", "--since", "yesterday", cwd=workdir)
    assert bad.returncode == 2 and bad.stderr.startswith("monitor: --since 'yesterday' is not a date or time")


def test_events_on_a_terminal_shows_a_screenful_and_says_how_to_see_more(workdir: Path):
    """A log of months was built whole (gigabytes) before a rich table of every event was drawn; a
    terminal now gets the first EVENTS_ON_A_TERMINAL and the way on, and a pipe every event."""
    import pty
    import select
    import time

    from monitor.cli import EVENTS_ON_A_TERMINAL
    from monitor.store import NewEvent, SQLiteEventStore

    assert monitor("poll", cwd=workdir).returncode == 0
    with SQLiteEventStore(workdir / "m.db") as store:
        store.append(
            [NewEvent("feed:f", "FeedPolled", {"feed_id": "f", "n": n}) for n in range(EVENTS_ON_A_TERMINAL + 9)]
        )
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "events"],
        cwd=workdir,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
    )
    os.close(follower)
    screen, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    note = process.communicate(timeout=30)[1].decode()
    assert process.returncode == 0
    assert f"the first {EVENTS_ON_A_TERMINAL} events are shown; `--after {EVENTS_ON_A_TERMINAL}` goes on" in note
    assert f"│ {EVENTS_ON_A_TERMINAL} " in screen.decode() and f"│ {EVENTS_ON_A_TERMINAL + 1} " not in screen.decode()
    piped = monitor("events", cwd=workdir)
    assert len(piped.stdout.splitlines()) == 1 + EVENTS_ON_A_TERMINAL + 10 and piped.stderr == ""


def test_a_reader_that_stops_early_ends_a_listing_quietly_and_with_success(tmp_path: Path) -> None:
    """`monitor events | head`, a script that reads one line: the reader going away is not a failure of the
    command. click turned the broken pipe into exit status 1, which a `set -o pipefail` cron job reads as
    "a check found a problem", before the monitor's own handler (status 0) could see it."""
    article = tmp_path / "article.txt"
    article.write_text(
        "North Korea has sent more than 5 million artillery shells to Russia, officials in Seoul said.\n"
    )
    listing = subprocess.Popen(
        [sys.executable, "-m", "monitor", "diff", str(article)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # gone before the command writes its first line
    said = listing.stderr.read()
    assert listing.wait(timeout=90) == 0 and said == b"", said[-2000:]


def test_a_reader_that_stops_early_does_not_turn_a_damaged_log_into_success(workdir: Path) -> None:
    """`set -o pipefail; monitor verify | head -1` in a cron check: the reader leaving is no failure of the
    listing, but the check's own verdict must survive it. Exit 0 there said an edited log was intact."""
    from monitor.store import NewEvent, SQLiteEventStore

    with SQLiteEventStore(workdir / "m.db") as store:
        store.append([NewEvent("feed:a", "FeedPolled", {"feed_id": "a", "status": 200})])
    conn = sqlite3.connect(workdir / "m.db")
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("UPDATE events SET metadata = '{\"edited\": 1}' WHERE position = 1")
    conn.commit()
    conn.close()
    for args in (["verify"], ["verify", "--json"]):
        check = subprocess.Popen(
            [sys.executable, "-m", "monitor", *args],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert check.stdout is not None and check.stderr is not None
        check.stdout.close()  # the reader is gone before the verdict is printed
        said = check.stderr.read().decode()
        assert check.wait(timeout=90) == 1, said
        assert "Traceback" not in said, said
