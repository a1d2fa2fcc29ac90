"""Read commands never create a database and read one they cannot write: a mistyped --db is
"no such database", and a backup on read-only media (a real read-only bind mount) can be
verified, listed and reported, saying so when its tables are behind its log."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.store import NewEvent, SQLiteEventStore
from tests.support.cli_files import (
    is_read_only_there,
    monitor,
    monitor_argv,
    monitor_env,
    mount_namespace,
    polled_demo,
    run_with_read_only,
)

pytestmark = pytest.mark.timeout(300)

READ_COMMANDS = [
    ["articles"],
    ["claims"],
    ["events"],
    ["alerts"],
    ["report"],
    ["baseline", "show"],
    ["verify"],
    ["articles", "--json"],
    ["baseline"],
]
# Commands that write to an existing database but must not create one either.
WRITE_COMMANDS = [["rebuild"], ["reprocess"], ["alerts", "retry"]]


@pytest.mark.parametrize("command", READ_COMMANDS + WRITE_COMMANDS, ids=" ".join)
def test_a_mistyped_db_path_is_no_such_database(tmp_path: Path, command: list[str]):
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    typo = tmp_path / "monitr.db"
    result = monitor("--db", str(typo), *command, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"monitor: no such database {typo}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]  # no database, no -wal, no lock


def test_poll_and_baseline_set_create_one(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    assert monitor("--db", "polled.db", "poll", cwd=tmp_path).returncode == 0
    assert (tmp_path / "polled.db").is_file()
    article = tmp_path / "report.txt"
    article.write_text(
        "North Korea has shipped more than 6,700 containers of munitions to Russia since "
        "August 2023, South Korea's defence ministry said on Monday.\n"
    )
    created = monitor("--db", "set.db", "baseline", "set", str(article), "--published", "2024-03-04", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "set.db").is_file()


@pytest.fixture(scope="module")
def demo_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "polled"
    polled_demo(folder)
    return folder


@pytest.fixture
def backup(demo_once: Path, tmp_path: Path) -> Path:
    """The demo's database alone in a folder, as a backup copy would be (closed cleanly: no -wal)."""
    folder = tmp_path / "backup"
    folder.mkdir()
    shutil.copy(demo_once / "monitor.db", folder / "monitor.db")
    (folder / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    if mount_namespace() is not None:
        pytest.skip(f"read-only media cannot be made here: {mount_namespace()}")
    assert is_read_only_there(folder)
    return folder


def on_read_only_media(folder: Path, *args: str):
    return run_with_read_only(folder, monitor_argv(*args), cwd=folder)


def test_a_backup_on_read_only_media_is_verified_listed_and_reported(backup: Path, tmp_path: Path):
    before = sorted(p.name for p in backup.iterdir())
    verified = on_read_only_media(backup, "verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("ok:") and verified.stderr == ""
    for command in (["events", "--limit", "3"], ["articles"], ["claims"], ["alerts"], ["baseline", "show"]):
        result = on_read_only_media(backup, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stderr == "" and result.stdout.strip(), command
    out = tmp_path / "elsewhere.html"
    reported = on_read_only_media(backup, "report", "--out", str(out))
    assert reported.returncode == 0, reported.stderr
    assert out.stat().st_size > 10_000
    # The default target is beside the database, which cannot be written: one line, exit 2.
    beside = on_read_only_media(backup, "report")
    assert beside.returncode == 2 and "Read-only file system" in beside.stderr and "--out" in beside.stderr
    assert sorted(p.name for p in backup.iterdir()) == before


def test_projections_behind_the_log_are_caught_up_where_writable_and_said_where_not(backup: Path):
    db = backup / "monitor.db"
    with SQLiteEventStore(db) as store:  # appended as a crashed daemon would leave it: no catch-up
        store.append(
            [
                NewEvent(
                    "feed:harbour-wire",
                    "FeedPolled",
                    {"feed_id": "harbour-wire", "status": 200, "polled_at": "2026-03-02T09:00:00Z"},
                )
            ]
        )
        head, _ = store.head()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT MIN(position) FROM projection_checkpoints").fetchone()[0] == head - 1

    behind = on_read_only_media(backup, "articles")
    assert behind.returncode == 0
    assert "1 event(s) behind the log" in behind.stderr and "cannot be written here" in behind.stderr
    assert behind.stdout.strip()  # what the tables hold is still shown

    page = backup.parent / "behind.html"
    reported = on_read_only_media(backup, "report", "--out", str(page))
    assert reported.returncode == 0 and "behind the log" in reported.stderr
    assert "1 event(s) behind the log" in page.read_text(encoding="utf-8")  # the page says it too

    writable = monitor("articles", cwd=backup)
    assert writable.returncode == 0 and writable.stderr == ""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT MIN(position) FROM projection_checkpoints").fetchone()[0] == head


def test_read_commands_leave_a_writable_database_byte_for_byte(demo_once: Path, tmp_path: Path):
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(demo_once / "monitor.db", folder / "monitor.db")
    (folder / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    before = (folder / "monitor.db").read_bytes()
    for command in (["verify"], ["events", "--json"], ["articles"], ["claims"], ["alerts"], ["baseline", "show"]):
        assert monitor(*command, cwd=folder).returncode == 0, command
    assert (folder / "monitor.db").read_bytes() == before


@pytest.fixture
def owned_by_root(demo_once: Path) -> Iterator[Path]:
    """The demo's database in a folder only root may write, readable by everyone: the
    daemon's account owns it, and the commands run as another user (nobody)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the commands as another user")
    shelf = Path(tempfile.mkdtemp(prefix="nkru-other-user-"))  # not under pytest's 0700 folder
    try:
        shelf.chmod(0o755)
        shutil.copy(demo_once / "monitor.db", shelf / "monitor.db")
        (shelf / "config.toml").write_text('[store]\npath = "monitor.db"\n')
        for path in shelf.iterdir():
            path.chmod(0o644)
        yield shelf
    finally:
        shutil.rmtree(shelf)


def as_nobody(folder: Path, *args: str) -> subprocess.CompletedProcess:
    setpriv = [str(shutil.which("setpriv")), "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*setpriv, *monitor_argv(*args)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={**monitor_env(), "HOME": str(folder), "MPLCONFIGDIR": str(folder)},
    )


def test_a_database_in_a_folder_of_another_user_is_read_as_it_is(owned_by_root: Path):
    """The reader may not write beside the file, so SQLite cannot make the WAL index there
    (SQLITE_READONLY_DIRECTORY, unlike a read-only mount's "unable to open"). The read
    commands work all the same, and leave nothing behind."""
    before = sorted(p.name for p in owned_by_root.iterdir())
    for command in (["verify"], ["articles", "--json"], ["claims"], ["events", "--limit", "2"]):
        result = as_nobody(owned_by_root, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stderr == "" and result.stdout.strip(), (command, result.stderr)
        if command == ["articles", "--json"]:
            assert len(json.loads(result.stdout)) == 12  # the demo's relevant articles
    assert sorted(p.name for p in owned_by_root.iterdir()) == before


def test_writing_commands_of_another_user_are_one_line_and_change_nothing(owned_by_root: Path):
    """With the daemon's account running (its -wal and -shm in place, its lock files left),
    `poll` and `alerts retry` by a user who may not write there take the lock file beside
    the database first: one line naming it, not a PermissionError traceback."""
    for name in ("scheduler", "sender"):
        lock = owned_by_root / f"monitor.db.{name}.lock"
        lock.write_text("pid 1")
        lock.chmod(0o644)
    daemon = sqlite3.connect(owned_by_root / "monitor.db")  # the running daemon's connection
    try:
        daemon.execute("SELECT COUNT(*) FROM events").fetchone()
        assert (owned_by_root / "monitor.db-shm").exists()
        before = {p.name: p.stat().st_mtime_ns for p in owned_by_root.iterdir()}
        for command, lock in ((["poll"], "scheduler"), (["alerts", "retry"], "sender")):
            result = as_nobody(owned_by_root, *command)
            assert result.returncode == 2, (command, result.stderr)
            assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert f"monitor.db.{lock}.lock" in result.stderr and "Permission denied" in result.stderr
        assert {p.name: p.stat().st_mtime_ns for p in owned_by_root.iterdir()} == before
    finally:
        daemon.close()
