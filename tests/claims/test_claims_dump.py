"""bench/claims_dump.py, which engine work uses to show it changed no output: it finds a change and only a change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "bench" / "claims_dump.py"
ONLY = "written/00"  # nine articles and their variants: enough to see a difference, quick to run


def copy_of_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "monitor", tree / "monitor", ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def run_dump(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DUMP), *args], capture_output=True, text=True, timeout=300, cwd=ROOT, check=False
    )


def test_a_copy_of_the_engine_gives_the_same_outputs(tmp_path: Path) -> None:
    done = run_dump("--against", str(copy_of_tree(tmp_path)), "--only", ONLY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": 0 differ" in done.stdout
    cases = int(done.stdout.split()[0])
    assert cases >= 9 * 7  # each article and its six variants


def test_a_changed_engine_is_caught_case_by_case(tmp_path: Path) -> None:
    tree = copy_of_tree(tmp_path)
    analysis = tree / "monitor" / "claims" / "analysis.py"
    source = analysis.read_text(encoding="utf-8")
    assert "MAX_CLAIMS = 200" in source
    analysis.write_text(source.replace("MAX_CLAIMS = 200", "MAX_CLAIMS = 1"), encoding="utf-8")
    done = run_dump("--against", str(tree), "--only", ONLY, "--show", "1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "differs: written/00" in done.stdout
    assert "--- written/00" in done.stdout  # the first differing output, in full


def test_without_a_tree_or_a_file_it_says_what_to_give() -> None:
    done = run_dump()
    assert done.returncode == 2
    assert "give --out FILE or --against DIR" in done.stderr
