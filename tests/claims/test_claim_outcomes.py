"""bench/claim_outcomes.py: every extracted claim with general features and whether accuracy.py's strict
matching counted it right, and a feature-based judgement measured on sets it was not fitted on. Every
article here was written for these tests."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.bench_scripts import load_bench_script, write_labelled_article

outcomes = load_bench_script("claim_outcomes")

# Two claims in one sentence: shells with a figure, and missiles used in battle without one.
SHELLS_AND_STRIKES = (
    "Ukraine's defence intelligence said on Friday that North Korea has shipped 4,000 artillery shells to "
    "Russia and that North Korean missiles have hit Odesa."
)
# Two paragraphs, a claim in each.
TROOPS_THEN_SHELLS = (
    "The spy agency in Seoul said on Tuesday that about 3,000 North Korean troops had been sent to Russia.\n\n"
    "North Korea has also shipped 8,000 artillery shells to Russia, the agency said."
)


def _label(**fields: Any) -> dict[str, Any]:
    base = {
        "kind": "shipment",
        "item": "artillery_shells",
        "direction": "NK->RU",
        "quantity": 4000,
        "bound": "exact",
        "quantity_high": None,
        "source": "Ukraine HUR",
        "since": None,
        "as_of": "2025-02-28",
        "stance": "asserted",
    }
    return {**base, **fields}


_write = functools.partial(write_labelled_article, published="2025-03-01")


def test_a_claim_is_right_only_when_strict_matching_pairs_it(tmp_path: Path):
    # The label has the shells only: the strike is an extra claim, as accuracy.py's by-rule tally says too.
    _write(tmp_path, "s1", SHELLS_AND_STRIKES, [_label()])
    scored = outcomes.load_set("one", tmp_path)
    by_kind = {r["features"]["kind"]: r for r in scored.records}
    assert by_kind["shipment"]["right"] and by_kind["shipment"]["outcome"] == "matched"
    assert not by_kind["battlefield_use"]["right"] and by_kind["battlefield_use"]["outcome"] == "extra claim"
    tally = outcomes.accuracy.evaluate(outcomes.accuracy.folder_paths(tmp_path), by_rule=True)["by_rule"]["paths"]
    assert tally["battlefield_use: nearest battle verb"] == {"extra claim": 1}


def test_a_wrong_figure_is_a_wrong_claim_with_its_cause(tmp_path: Path):
    _write(tmp_path, "s2", SHELLS_AND_STRIKES, [_label(quantity=9000)])
    shipment = next(r for r in outcomes.load_set("one", tmp_path).records if r["features"]["kind"] == "shipment")
    assert shipment["outcome"] == "wrong figure" and not shipment["right"]


def test_features_say_where_a_claim_sits_and_what_it_carries(tmp_path: Path):
    _write(tmp_path, "s3", TROOPS_THEN_SHELLS, [])
    troops, shells = outcomes.load_set("one", tmp_path).records
    assert troops["features"]["paragraph"] == "first" and shells["features"]["paragraph"] == "second"
    assert troops["features"]["bound"] == "about" and troops["features"]["item family"] == "people"
    assert shells["features"]["item family"] == "munitions" and shells["features"]["figure"] == "has one"
    assert troops["features"]["claim number"] == "first" and shells["features"]["claim number"] == "second or third"
    assert {troops["features"]["voice"], shells["features"]["voice"]} == {"a named source"}
    both = outcomes.load_set("two", _strikes_folder(tmp_path)).records
    assert {r["features"]["claims in its sentence"] for r in both} == {"two"}


def _strikes_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "strikes"
    _write(folder, "s4", SHELLS_AND_STRIKES, [_label()])
    return folder


def test_dropping_claims_runs_strict_matching_again_on_what_is_kept(tmp_path: Path):
    scored = outcomes.load_set("one", _strikes_folder(tmp_path))
    assert outcomes.scores(scored.articles)["precision"] == 0.5
    kept_shipments = outcomes.scores(scored.articles, lambda a, i: a["got_claims"][i]["kind"] == "shipment")
    assert kept_shipments == {"claims": 1, "matched": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    nothing = outcomes.scores(scored.articles, lambda a, i: False)
    assert nothing["recall"] == 0.0 and nothing["f1"] == 0.0


def test_a_held_out_split_is_refused_and_a_chosen_split_runs_alone(tmp_path: Path):
    with pytest.raises(SystemExit, match="held-out"):
        outcomes.parse_set(f"x={tmp_path}@held-out")
    _write(tmp_path, "dev", SHELLS_AND_STRIKES, [_label()], split="development")
    _write(tmp_path, "kept-apart", TROOPS_THEN_SHELLS, [], split="held-out")
    name, folder, split = outcomes.parse_set(f"mine={tmp_path}@development")
    scored = outcomes.load_set(name, folder, split)
    assert [a["id"] for a in scored.articles] == ["dev"]


def _record(article: str, index: int, right: bool, **features: str) -> dict[str, Any]:
    return {"article": article, "index": index, "right": right, "outcome": "matched" if right else "extra claim",
            "features": features}  # fmt: skip


def test_the_logistic_judgement_learns_a_feature_that_marks_wrong_claims():
    records = [_record("a", i, right=i % 4 != 0, voice="outlet" if i % 4 == 0 else "named") for i in range(40)]
    vocabulary, coef, intercept = outcomes.fit_logistic(records, [1.0] * len(records), l2=0.1)
    wrong = outcomes.probability_right(records[0], vocabulary, coef, intercept)
    right = outcomes.probability_right(records[1], vocabulary, coef, intercept)
    assert wrong < 0.3 < 0.7 < right
    judged = {(r["article"], r["index"]): outcomes.probability_right(r, vocabulary, coef, intercept) for r in records}
    assert outcomes.ranking_auc(records, judged) == 1.0
    assert outcomes.ranking_auc(records[1:4], judged) is None  # no wrong claim: nothing to rank


def test_a_feature_value_is_worth_dropping_only_below_half_the_sets_f1(tmp_path: Path):
    # One set: the shipment right, the strike extra (F1 0.667, break-even 0.333). The strike's kind is
    # right 0 times in 1: worth dropping; the shared source step is right 1 in 2, above the break-even.
    scored = outcomes.load_set("one", _strikes_folder(tmp_path))
    rows = {(r["feature"], r["value"]): r for r in outcomes.feature_table([scored], min_claims=1)}
    assert rows[("kind", "battlefield_use")]["worth_dropping"]
    assert not rows[("kind", "shipment")]["worth_dropping"] and rows[("kind", "shipment")]["above_everywhere"]
    assert not rows[("voice", "a named source")]["worth_dropping"]


def test_the_command_measures_each_left_out_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    _write(tmp_path / "a", "s5", SHELLS_AND_STRIKES, [_label()])
    _write(tmp_path / "b", "s6", TROOPS_THEN_SHELLS, [_label(quantity=8000, source="South Korea NIS")])
    records = tmp_path / "records.jsonl"
    argv = [f"a={tmp_path / 'a'}", f"b={tmp_path / 'b'}", "--table", "--out-of-sample", "--in-sample", "--folds", "2"]
    assert outcomes.main([*argv, "--records", str(records)]) == 0
    out = capsys.readouterr().out
    assert "left out a (fitted on b)" in out and "left out b (fitted on a)" in out
    assert "in sample" in out and "within each set, by article" in out
    lines = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    assert [(r["set"], r["right"]) for r in lines] == [("a", True), ("a", False), ("b", False), ("b", True)]


def test_article_folds_judge_each_article_by_a_fit_on_the_others(tmp_path: Path):
    # Four articles of the same shape, each with the strike unlabelled: a fit on any three learns that the
    # strike is the wrong one, so the fourth loses its extra claim and keeps its shipment.
    for n in range(4):
        _write(tmp_path, f"s{n}", SHELLS_AND_STRIKES, [_label()])
    scored = outcomes.load_set("same", tmp_path)
    result = outcomes.article_folds(scored, 4, l2=0.1, thresholds=[0.5])
    assert result["auc"] == 1.0
    assert result["before"]["precision"] == 0.5
    assert result["after"] == {"claims": 4, "matched": 4, "precision": 1.0, "recall": 1.0, "f1": 1.0}
