"""What docs/upgrading.md promises of a store an older release wrote, on a real one: the
fixture tests/feeds/data/identity-before-outlets.db was written by the code before 594a503
(0.3.0's projection versions: feeds 1, articles 1, claims 2, alerts 1, no alert_deliveries).
Opened by today's code through the CLI, every projection of another version is rebuilt to
what `monitor rebuild` makes of the same log, and the log itself is left byte for byte."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from monitor.projections import ALL_PROJECTIONS
from tests.feeds.test_identity import FIXTURE
from tests.support.cli_files import monitor

pytestmark = pytest.mark.timeout(120)

#: The projection versions the fixture's writer recorded: every one differs from today's or is missing.
OLDER_VERSIONS = {"feeds": 1, "articles": 1, "claims": 2, "alerts": 1}


def copy_of_the_old_store(folder: Path) -> Path:
    folder.mkdir()
    (folder / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    shutil.copyfile(FIXTURE, folder / "monitor.db")
    return folder / "monitor.db"


def read(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def checkpoints(db: Path) -> dict[str, tuple[int, int]]:
    return {name: (position, version) for name, position, version in read(db, "SELECT * FROM projection_checkpoints")}


def projection_rows(db: Path) -> dict[str, list[tuple]]:
    """Every projection table's rows, in a stable order (what the read commands and Datasette show)."""
    tables = [table for projection in ALL_PROJECTIONS for table in projection.tables]
    return {table: sorted(read(db, f"SELECT * FROM {table}"), key=repr) for table in tables}


def test_the_fixture_is_an_older_layout():
    assert {name: version for name, (_, version) in checkpoints(FIXTURE).items()} == OLDER_VERSIONS


def test_a_read_command_rebuilds_an_older_store_s_tables_from_an_untouched_log(tmp_path: Path):
    opened = copy_of_the_old_store(tmp_path / "opened")
    rebuilt = copy_of_the_old_store(tmp_path / "rebuilt")
    log_before = read(opened, "SELECT * FROM events ORDER BY position")
    head = log_before[-1][0]

    listing = monitor("articles", "--all", "--json", cwd=opened.parent)
    assert listing.returncode == 0, listing.stderr
    assert "not built by this release" not in listing.stderr  # the file is writable: rebuilt, not excused

    assert checkpoints(opened) == {p.name: (head, p.version) for p in ALL_PROJECTIONS}
    assert read(opened, "SELECT * FROM events ORDER BY position") == log_before
    assert read(opened, "SELECT value FROM store_meta WHERE key = 'format'") == [("1",)]
    assert monitor("verify", cwd=opened.parent).returncode == 0

    # The same log rebuilt by hand gives the same tables and the same listing: opening lost nothing.
    assert monitor("rebuild", cwd=rebuilt.parent).returncode == 0
    assert projection_rows(opened) == projection_rows(rebuilt)
    assert projection_rows(opened)["articles"], "the rebuilt tables hold the log's articles"
    assert monitor("articles", "--all", "--json", cwd=rebuilt.parent).stdout == listing.stdout
