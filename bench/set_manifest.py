"""List a labelled set of real pages without its text, or check a rebuilt set against such a list.

    .venv/bin/python bench/set_manifest.py FOLDER --role development     # a Markdown section on stdout
    .venv/bin/python bench/set_manifest.py FOLDER --check docs/measurement-sets.md

Sets built from real pages are third-party text, so they live outside the repository and are lost
with the machine (docs/accuracy.md, "The sets outside the repository were lost"). What may be kept is
what identifies each page: its link, outlet and date, its labels' counts and the sha256 of the
excerpt. docs/measurement-sets.md holds one section per set, written by this script. It lets a later
builder keep away from pages that were already read for development. If a set is rebuilt, ``--check``
tells whether each excerpt is byte for byte the one that was measured.

FOLDER is a set's folder (``articles/*.json`` in the real-text corpus's shape, and ``FROZEN.sha256``
when it was frozen) or a folder of the JSON files themselves. Prints; changes no file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

# A manifest row: | id | outlet | published | relevant | claims | with a figure | body sha256 | link |
ROW = re.compile(r"^\| (?P<id>[^|]+?) \| .*\| `(?P<digest>[0-9a-f]{64})` \| [^|]+ \|$")


def article_files(folder: Path) -> list[Path]:
    articles = folder / "articles"
    return sorted((articles if articles.is_dir() else folder).glob("*.json"))


def read_article(path: Path) -> dict[str, Any]:
    """One labelled page; a file that is not a JSON object stops the run with its name."""
    try:
        article = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"set_manifest: {path}: not a readable JSON file ({exc}); fix or remove it") from exc
    if not isinstance(article, dict):
        raise SystemExit(f"set_manifest: {path}: not a labelled page (a JSON object); fix or remove it")
    return article


def body_digest(article: dict[str, Any]) -> str:
    return hashlib.sha256(str(article.get("body", "")).encode("utf-8")).hexdigest()


def cell(value: object) -> str:
    """A value as a Markdown table cell: pipes would end the cell early."""
    return str(value).replace("|", "/").strip() or "-"


def manifest(folder: Path, role: str) -> str:
    files = article_files(folder)
    if not files:
        raise SystemExit(f"set_manifest: no labelled articles in {folder}; give a set's folder")
    articles = [read_article(path) for path in files]
    frozen = folder / "FROZEN.sha256"
    frozen_note = (
        f"FROZEN.sha256 sha256 `{hashlib.sha256(frozen.read_bytes()).hexdigest()}`"
        if frozen.is_file()
        else "not frozen"
    )
    claims = sum(len(a.get("claims", [])) for a in articles)
    with_figure = sum(1 for a in articles for c in a.get("claims", []) if c.get("quantity") is not None)
    relevant = sum(1 for a in articles if a.get("relevant"))
    lines = [
        f"## {folder.name} ({role})",
        "",
        f"{len(articles)} pages, {relevant} relevant, {claims} claims ({with_figure} with a figure); {frozen_note}.",
        "",
        "| id | outlet | published | relevant | claims | with a figure | body sha256 | link |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for article in articles:
        its_claims = article.get("claims", [])
        lines.append(
            f"| {cell(article.get('id', ''))} | {cell(article.get('outlet', ''))} "
            f"| {cell(article.get('published', ''))} | {'yes' if article.get('relevant') else 'no'} "
            f"| {len(its_claims)} | {sum(1 for c in its_claims if c.get('quantity') is not None)} "
            f"| `{body_digest(article)}` | {cell(article.get('link', ''))} |"
        )
    return "\n".join(lines) + "\n"


def listed_digests(manifest_file: Path, set_name: str) -> dict[str, str]:
    """The ``id -> body sha256`` rows of one set's section (ids repeat from one set to another)."""
    digests: dict[str, str] = {}
    in_section = False
    for line in manifest_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_section = line.startswith(f"## {set_name} (")
        elif in_section and (row := ROW.match(line)):
            digests[row["id"]] = row["digest"]
    return digests


def check(folder: Path, manifest_file: Path) -> int:
    listed = listed_digests(manifest_file, folder.name)
    if not listed:
        print(f"{manifest_file} has no section for {folder.name}; a set is checked under its folder's name")
        return 1
    changed, unlisted = [], []
    for path in article_files(folder):
        article = read_article(path)
        digest = listed.get(str(article.get("id", "")))
        if digest is None:
            unlisted.append(path.name)
        elif digest != body_digest(article):
            changed.append(path.name)
    for name in unlisted:
        print(f"{name}: not in {manifest_file}")
    for name in changed:
        print(f"{name}: its excerpt differs from the one listed in {manifest_file}")
    if not changed and not unlisted:
        print(f"{folder}: every excerpt matches {manifest_file}")
    return 1 if changed or unlisted else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a labelled set's folder")
    parser.add_argument("--role", default="development", help="development or held-out (printed in the heading)")
    parser.add_argument("--check", type=Path, metavar="MANIFEST", help="check the folder against a manifest")
    args = parser.parse_args(argv)
    if args.check:
        return check(args.folder, args.check)
    sys.stdout.write(manifest(args.folder, args.role))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
