"""bench/accuracy.py scores any folder of labelled articles: both label shapes, the folder's own
baseline, a split drawn from the ids alone, and errors named by cause."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.bench_scripts import load_bench_script

ROOT = Path(__file__).resolve().parents[2]
REALTEXT = ROOT.parent / "shared" / "corpus" / "realtext"


def _bench() -> ModuleType:
    return load_bench_script("accuracy")


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


def _causes(want: list[dict[str, Any]], got: list[dict[str, Any]], pairs: list[tuple[int, int]]) -> list[str]:
    return sorted(e["cause"] for e in bench.classify_errors(want, got, pairs, relevance_wrong=False))


def test_a_fact_told_by_two_sources_is_paired_source_to_source():
    """Kyiv and Seoul both put the shells at a million; the analyser lists Seoul's first. Paired in
    order, each label would meet the other source's claim and count two wrong sources."""
    want = [_claim(source="Ukraine government"), _claim(source="South Korea NIS")]
    got = [_claim(source="South Korea NIS"), _claim(source="Ukraine government")]
    pairs = bench.match_claims(want, got)
    assert pairs == [(0, 1), (1, 0)]
    assert _causes(want, got, pairs) == []


def test_the_date_breaks_a_tie_the_source_leaves():
    want = [_claim(as_of="2024-03-01"), _claim(as_of="2024-06-01")]
    got = [_claim(as_of="2024-06-01"), _claim(as_of="2024-03-01")]
    assert bench.match_claims(want, got) == [(0, 1), (1, 0)]


def test_an_unpaired_claim_that_agrees_takes_the_place_of_one_that_does_not():
    """One label, two extracted claims of the same figure: the one with the label's source is its pair;
    and one extracted claim, two labels: it pairs with the label of its own source. One pair either way."""
    want = [_claim(source="Ukraine government")]
    got = [_claim(source="outlet"), _claim(source="Ukraine government")]
    assert bench.match_claims(want, got) == [(0, 1)]
    assert _causes(want, got, [(0, 1)]) == ["extra claim"]
    assert bench.match_claims(got, want) == [(1, 0)]


def test_the_source_never_costs_a_pair():
    """1,009 is within 1% of both labels, 1,000 of the first only. Taking 1,009 for the first label
    because its source agrees would leave the second label unpaired: both pairs are kept, one source wrong."""
    want = [_claim(quantity=1000, source="Russia"), _claim(quantity=1018, source="Russia")]
    got = [_claim(quantity=1000, source="outlet"), _claim(quantity=1009, source="Russia")]
    pairs = bench.match_claims(want, got)
    assert pairs == [(0, 0), (1, 1)]
    assert _causes(want, got, pairs) == ["attribution"]


def test_the_source_is_never_bought_with_a_wrong_bound():
    """Swapping would put both sources right and both bounds wrong: the pairing leaves it."""
    want = [_claim(source="Russia", bound="about"), _claim(source="outlet", bound="exact")]
    got = [_claim(source="outlet", bound="about"), _claim(source="Russia", bound="exact")]
    pairs = bench.match_claims(want, got)
    assert pairs == [(0, 0), (1, 1)]
    assert _causes(want, got, pairs) == ["attribution", "attribution"]


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
    assert set(fig["splits"]) == {"development"}  # a folder outside the protocol is studied whole


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("realtext", "hash"),
        ("blind15", "held-out"),
        ("blind14", "development"),
        ("realistic-6", "held-out"),
        ("blind7", "development"),
    ],
)
def test_an_article_without_a_split_takes_its_folders(tmp_path: Path, folder: str, expected: str):
    path = tmp_path / folder / "articles" / "a17.json"
    want = bench.hash_split("a17") if expected == "hash" else expected
    assert bench.default_split("a17", path) == want


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
