"""bench/set_manifest.py lists a set of real pages without their text and tells whether a rebuilt set is
the one that was measured (docs/measurement-sets.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.bench_scripts import load_bench_script

set_manifest = load_bench_script("set_manifest")


def _write_set(folder: Path) -> None:
    articles = folder / "articles"
    articles.mkdir(parents=True)
    pages = [
        ("x01", "A made-up wire | with a pipe", True, "Seoul said 3,000 more soldiers had gone to Russia.", 3000),
        ("x02", "A made-up weekly", False, "Pyongyang tested a cruise missile off its east coast.", None),
    ]
    for page_id, outlet, relevant, body, figure in pages:
        claims = [{"kind": "troop_deployment", "quantity": figure}] if relevant else []
        article = {"id": page_id, "outlet": outlet, "published": "2025-01-02", "link": f"https://example.org/{page_id}"}
        article |= {"relevant": relevant, "body": body, "claims": claims}
        (articles / f"{page_id}.json").write_text(json.dumps(article), encoding="utf-8")
    (folder / "FROZEN.sha256").write_text("0" * 64 + "  articles/x01.json\n", encoding="utf-8")


def test_manifest_names_each_page_and_holds_no_text(tmp_path: Path) -> None:
    _write_set(tmp_path / "devset")
    text = set_manifest.manifest(tmp_path / "devset", "development")
    assert text.startswith("## devset (development)")
    assert "2 pages, 1 relevant, 1 claims (1 with a figure); FROZEN.sha256 sha256 `" in text
    assert "https://example.org/x01" in text and "https://example.org/x02" in text
    assert "A made-up wire / with a pipe" in text  # a pipe would split the cell
    assert "soldiers" not in text and "cruise missile" not in text


def test_check_passes_on_the_same_excerpts_and_names_a_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_set(tmp_path / "devset")
    listing = tmp_path / "measurement-sets.md"
    listing.write_text("# Sets\n\n" + set_manifest.manifest(tmp_path / "devset", "development"), encoding="utf-8")
    assert set_manifest.main([str(tmp_path / "devset"), "--check", str(listing)]) == 0

    page = tmp_path / "devset" / "articles" / "x02.json"
    article = json.loads(page.read_text(encoding="utf-8"))
    article["body"] += " Cut here"
    page.write_text(json.dumps(article), encoding="utf-8")
    assert set_manifest.main([str(tmp_path / "devset"), "--check", str(listing)]) == 1
    assert "x02.json: its excerpt differs from the one listed in" in capsys.readouterr().out

    # A set is checked against its own section only: another set's rows with the same ids do not count.
    (tmp_path / "other").mkdir()
    _write_set(tmp_path / "other" / "devset2")
    assert set_manifest.main([str(tmp_path / "other" / "devset2"), "--check", str(listing)]) == 1
    assert "has no section for devset2" in capsys.readouterr().out


def test_an_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no labelled articles in"):
        set_manifest.manifest(tmp_path, "development")


def test_a_broken_page_file_is_one_clear_error_naming_it(tmp_path: Path) -> None:
    _write_set(tmp_path / "devset")
    (tmp_path / "devset" / "articles" / "x03.json").write_text('{"id": "x03", "body": ', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"x03\.json: not a readable JSON file .*; fix or remove it"):
        set_manifest.manifest(tmp_path / "devset", "development")
