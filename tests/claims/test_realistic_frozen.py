"""Held-out set 5 (tests/claims/realistic/) is frozen: its articles and baseline match FROZEN.sha256.

A held-out set is measured on first run and never edited after its labels were fixed, or its figures stop
meaning anything. Fix nothing here: write a new batch in a new folder with its own FROZEN.sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "realistic"
FROZEN = FOLDER / "FROZEN.sha256"
FROZEN_RULE = "tests/claims/realistic/ is a frozen held-out set; a new batch goes in a new folder"


def frozen_hashes() -> dict[str, str]:
    """``relative path -> sha256`` from FROZEN.sha256 (``sha256sum`` format; ``#`` lines are comments)."""
    hashes = {}
    for line in FROZEN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digest, name = line.split(maxsplit=1)
        hashes[name.lstrip("*")] = digest
    return hashes


def test_frozen_list_names_every_article_and_nothing_else() -> None:
    listed = {name for name in frozen_hashes() if name.startswith("articles/")}
    present = {f"articles/{p.name}" for p in (FOLDER / "articles").glob("*.json")}
    assert listed, "FROZEN.sha256 lists no articles"
    added, removed = sorted(present - listed), sorted(listed - present)
    assert not added and not removed, f"{FROZEN_RULE}: added {added}, removed {removed}"


def test_every_frozen_file_is_unchanged() -> None:
    changed = [
        name
        for name, digest in sorted(frozen_hashes().items())
        if not (FOLDER / name).is_file() or hashlib.sha256((FOLDER / name).read_bytes()).hexdigest() != digest
    ]
    assert not changed, f"{FROZEN_RULE}: these files differ from FROZEN.sha256: {changed}"
