"""The written held-out sets are frozen: each folder's articles and baseline match its FROZEN.sha256.

Held-out set 5 is tests/claims/realistic/, held-out set 6 is tests/claims/realistic-6/. A held-out set is
measured on first run and never edited after its labels were fixed, or its figures stop meaning anything.
Fix nothing here: write a new batch in a new folder with its own FROZEN.sha256, and add the folder below."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FROZEN_FOLDERS = ["realistic", "realistic-6"]


def frozen_rule(folder: Path) -> str:
    return f"tests/claims/{folder.name}/ is a frozen held-out set; a new batch goes in a new folder"


def frozen_hashes(folder: Path) -> dict[str, str]:
    """``relative path -> sha256`` from the folder's FROZEN.sha256 (``sha256sum`` format; ``#`` lines are
    comments)."""
    hashes = {}
    for line in (folder / "FROZEN.sha256").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, name = line.split(maxsplit=1)
        hashes[name.lstrip("*")] = digest
    return hashes


@pytest.fixture(params=FROZEN_FOLDERS)
def folder(request: pytest.FixtureRequest) -> Path:
    return HERE / request.param


def test_frozen_list_names_the_baseline(folder: Path) -> None:
    assert "baseline.json" in frozen_hashes(folder), f"{frozen_rule(folder)}: FROZEN.sha256 does not list baseline.json"


def test_frozen_list_names_every_article_and_nothing_else(folder: Path) -> None:
    listed = {name for name in frozen_hashes(folder) if name.startswith("articles/")}
    present = {f"articles/{p.name}" for p in (folder / "articles").glob("*.json")}
    assert listed, f"tests/claims/{folder.name}/FROZEN.sha256 lists no articles"
    added, removed = sorted(present - listed), sorted(listed - present)
    assert not added and not removed, f"{frozen_rule(folder)}: added {added}, removed {removed}"


def test_every_frozen_file_is_unchanged(folder: Path) -> None:
    changed = [
        name
        for name, digest in sorted(frozen_hashes(folder).items())
        if not (folder / name).is_file() or hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest
    ]
    assert not changed, f"{frozen_rule(folder)}: these files differ from FROZEN.sha256: {changed}"
