"""bench/accuracy.py scores any folder of labelled articles: both label shapes, the folder's own
baseline, a split drawn from the ids alone, and errors named by cause."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REALTEXT = ROOT.parent / "shared" / "corpus" / "realtext"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _claim(**fields: Any) -> dict[str, Any]:
    base = {
        "kind": "shipment",
        "item": "artillery_shells",
        "direction": "NK->RU",
        "quantity": 1_000_000,
        "bound": "at_least",
        "quantity_high": None,
        "source": "South Korea NIS",
        "since": None,
        "as_of": "2024-01-01",
        "stance": "asserted",
    }
    return {**base, **fields}


def test_the_hash_split_depends_on_the_id_alone_and_holds_out_a_third_or_more():
    ids = [f"x{n:03d}" for n in range(300)]
    first = [bench.hash_split(i) for i in ids]
    assert first == [bench.hash_split(i) for i in ids]
    assert set(first) == {"development", "held-out"}
    assert first.count("held-out") >= len(ids) / 3
    assert bench.hash_split("a04") == "development"  # read before the split was drawn


def test_errors_are_named_by_cause():
    want = [
        _claim(),
        _claim(kind="troop_deployment", item="troops", quantity=1500, bound="about"),
        _claim(kind="denial", item="munitions", quantity=None, bound=None, stance="denied"),
        _claim(item="rockets", quantity=500_000, bound="about"),
    ]
    got = [
        _claim(source="outlet", as_of=None, bound="about"),  # matched: attribution, date, bound
        _claim(kind="troop_deployment", item="troops", quantity=None, bound=None),  # no figure
        _claim(item="munitions", quantity=500_000, bound="about"),  # the wrong item
        _claim(kind="condemnation", item="munitions", quantity=None, bound=None),
    ]  # nothing asked for this
    pairs = bench.match_claims(want, got)
    assert pairs == [(0, 0)]
    causes = sorted(e["cause"] for e in bench.classify_errors(want, got, pairs, relevance_wrong=False))
    assert causes == sorted(
        ["attribution", "date", "wrong bound", "missed figure", "wrong item", "missed claim", "extra claim"]
    )


def test_a_corpus_folder_is_scored_against_its_own_baseline(tmp_path: Path):
    """A corpus-shaped folder with a baseline.json beside its articles: the verdicts follow that
    baseline, not the shipped one (which would call 2 million shells an update of 1 million)."""
    (tmp_path / "articles").mkdir()
    baseline = {"claims": [_claim(id="B0", quantity=2_000_000, bound="about")]}
    (tmp_path / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    text = (
        "South Korea's spy agency said on Tuesday that North Korea has shipped about two million "
        "artillery shells to Russia."
    )
    article = {
        "id": "t01",
        "title": "Shells",
        "published": "2024-01-09",
        "relevant": True,
        "body": text,
        "claims": [_claim(quantity=2_000_000, bound="about", as_of="2024-01-09")],
        "verdicts": [
            {"claim_index": 0, "verdict": "confirms", "baseline_value": "B0: two million", "new_value": "two million"}
        ],
    }
    (tmp_path / "articles" / "t01.json").write_text(json.dumps(article), encoding="utf-8")
    paths = bench.folder_paths(tmp_path)
    assert bench.folder_baseline_path(paths) == tmp_path / "baseline.json"
    fig = bench.evaluate(paths)
    assert fig["claim_f1"] == 1.0 and fig["numeric_recall"] == 1.0
    assert fig["verdict_accuracy"] == 1.0, fig["details"][0]["verdicts"]
    assert set(fig["splits"]) == {bench.hash_split("t01")}


def test_verbose_output_hides_held_out_misses(capsys: pytest.CaptureFixture[str]):
    article = {
        "id": "h",
        "split": "held-out",
        "relevant_expected": True,
        "relevant_got": False,
        "expected_claims": [_claim()],
        "got_claims": [],
        "pairs": [],
        "bound_pairs": 0,
        "missed": [_claim()],
        "spurious": [],
        "verdicts": [],
        "causes": [{"cause": "relevance", "expected": _claim(), "got": None}],
        "error": None,
    }
    fig = bench.summarise([article])
    fig["splits"] = {"held-out": bench.summarise([article])}
    bench.print_report(fig, verbose=True)
    out = capsys.readouterr().out
    assert "not shown for held-out" in out and "\nh (held-out)" not in out
    bench.print_report(fig, verbose=True, show_held_out=True)
    assert "\nh (held-out)" in capsys.readouterr().out


def test_the_realtext_corpus_loads_in_both_splits():
    if not (REALTEXT / "articles").is_dir():
        pytest.skip(f"the real-text corpus is not at {REALTEXT} (it lives beside the repository, not in it)")
    paths = bench.folder_paths(REALTEXT)
    docs = [bench.normalise(bench.load(p), p) for p in paths]
    held = [d for d in docs if d["split"] == "held-out"]
    assert len(held) >= len(docs) / 3
    assert all(d["text"] and isinstance(d["relevant"], bool) for d in docs)
