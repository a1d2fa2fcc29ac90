"""CHANGELOG.md and the package agree on which release this is: the newest heading names the
version `monitor --version` prints, and that version has one copy (pyproject reads it)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from click.testing import CliRunner

from monitor import __version__
from monitor.claims import EXTRACTOR_VERSION
from monitor.cli import cli
from monitor.projections import ALL_PROJECTIONS

ROOT = Path(__file__).resolve().parents[1]
#: A release heading: "## [0.16.0] - 2026-12-07" (Keep a Changelog's form).
RELEASE_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def releases() -> list[tuple[str, str]]:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return [(m["version"], m["date"]) for m in RELEASE_HEADING.finditer(text)]


def test_the_newest_changelog_heading_is_the_package_version():
    newest_version, _ = releases()[0]
    assert newest_version == __version__, (
        f"CHANGELOG.md's newest release is {newest_version}, the package says {__version__}: "
        "add a section for the new version (or set monitor.__version__ to the changelog's)"
    )


def test_monitor_version_prints_it():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.split()[-1] == __version__


def test_pyproject_reads_the_version_instead_of_holding_a_copy():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "monitor.__version__"}


def test_releases_run_newest_first_without_repeats():
    found = releases()
    versions = [tuple(int(part) for part in version.split(".")) for version, _ in found]
    assert versions == sorted(set(versions), reverse=True)
    dates = [date for _, date in found]
    assert dates == sorted(dates, reverse=True)


def newest_release_text() -> str:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = list(RELEASE_HEADING.finditer(text))
    return text[headings[0].end() : headings[1].start() if len(headings) > 1 else len(text)]


def test_the_newest_release_names_the_extractor_it_ships():
    # An operator decides whether to run `monitor reprocess` from this line; a merge that moves
    # the extractor on must move the changelog with it.
    assert f"`{EXTRACTOR_VERSION}`" in newest_release_text(), (
        f"CHANGELOG.md's newest release does not name the extractor {EXTRACTOR_VERSION}: say it changed "
        "(and that `monitor reprocess` reads stored articles with it) or that it is unchanged"
    )


#: "The `feeds` projection (version 2 → 3) is rebuilt on first open."
PROJECTION_BUMP = re.compile(r"The `(?P<name>\w+)` projection \(version \d+ → (?P<version>\d+)\)")


def test_every_projection_rebuild_is_in_the_changelog():
    # Newest first: the first line naming a projection is its latest rebuild.
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    latest: dict[str, int] = {}
    for found in PROJECTION_BUMP.finditer(text):
        latest.setdefault(found["name"], int(found["version"]))
    for projection in ALL_PROJECTIONS:
        if projection.version > 1 or projection.name in latest:
            assert latest.get(projection.name) == projection.version, (
                f"the {projection.name} projection is at version {projection.version}: CHANGELOG.md's newest "
                f'release says under Upgrading that it is rebuilt ("The `{projection.name}` projection '
                f'(version N → {projection.version}) is rebuilt on first open.")'
            )
