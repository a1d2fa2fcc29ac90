"""The real-text corpus (kept beside the repository, never copied into it): the development split
does not fall below the figures recorded in docs/accuracy.md, and the three sentences of issue 14
hold. The held-out split is measured by bench/accuracy.py once per round, not asserted here."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.bench_scripts import load_bench_script

ROOT = Path(__file__).resolve().parents[2]
REALTEXT = ROOT.parent / "shared" / "corpus" / "realtext"


def _bench() -> ModuleType:
    return load_bench_script("accuracy")


@pytest.fixture(scope="module")
def development() -> dict[str, Any]:
    if not (REALTEXT / "articles").is_dir():
        pytest.skip(f"the real-text corpus is not at {REALTEXT} (third-party text, kept beside the repository)")
    bench = _bench()
    paths = [p for p in bench.folder_paths(REALTEXT) if bench.normalise(bench.load(p), p)["split"] == "development"]
    figures: dict[str, Any] = bench.evaluate(paths)
    return figures


def test_the_development_split_keeps_its_latest_round_figures(development):
    """After round 10 (claims-2026.12.12): relevance 1.000, F1 0.929, numeric recall 0.941, verdicts 0.906
    (docs/accuracy.md, docs/claims-conventions.md). Raised when beaten, never lowered."""
    assert not development["errors"], development["errors"]
    assert round(development["relevance_accuracy"], 3) >= 1.0
    assert round(development["claim_f1"], 3) >= 0.929, development["claim_f1"]
    assert round(development["numeric_recall"], 3) >= 0.941, development["numeric_recall"]
    assert round(development["verdict_accuracy"], 3) >= 0.906, development["verdict_accuracy"]
