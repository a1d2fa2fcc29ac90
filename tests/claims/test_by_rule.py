"""Each claim's rule path (`monitor diff --explain`'s "rule") and bench/accuracy.py --by-rule, which counts
how often each path's claims match a label. Every article here was written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from monitor.claims.analysis import explain
from tests.claims.test_harness import _claim as labelled_claim
from tests.claims.test_harness import bench


def rules(text: str) -> dict[tuple[str, str], str]:
    out = explain(text, published=dt.date(2025, 2, 1))
    return {(c["kind"], c["item"]): why["rule"] for c, why in zip(out["claims"], out["explain"]["claims"])}


# --- the rule each claim names -------------------------------------------------------------------


def test_a_claim_names_the_rule_that_decided_its_kind():
    found = rules(
        "Pyongyang has sent 6,000 artillery shells to Russia and its missiles have been fired at Kharkiv, "
        "Kyiv's military intelligence said on Monday."
    )
    assert found[("shipment", "artillery_shells")] == "nearest transfer verb", found
    assert found[("battlefield_use", "ballistic_missiles")] == "nearest battle verb", found


def test_claims_read_without_a_verb_say_so():
    found = rules(
        "Seoul says the North has shipped Russia a million shells. The figure is now put at 1.5 million shells, "
        "the agency told lawmakers."
    )
    assert "kind of a recent claim (no verb)" in found.values(), found
    found = rules("Some 9,000 North Korean soldiers are in the war against Ukraine, the agency in Seoul said.")
    assert found[("troop_deployment", "troops")] in ("a count of people in Russia's war, no verb", "presence cue")


def test_statements_and_casualties_name_their_rules():
    found = rules(
        "The Kremlin denied that North Korean soldiers had been sent to Russia. Ukraine said about 300 North Korean "
        "soldiers had been killed in Kursk."
    )
    assert found[("denial", "troops")] == "a denial by a party", found
    assert found[("casualties", "killed")] == "a casualty word paired with people", found


def test_the_explain_text_prints_the_rule_line():
    from monitor.cli.queries import render_explain

    text = "North Korea shipped 2,000 containers to Russia, the White House said."
    out = explain(text, published=dt.date(2025, 2, 1))
    lines = render_explain(out)
    assert any(line.strip() == "rule:     nearest transfer verb" for line in lines), lines


# --- the by-rule tally ---------------------------------------------------------------------------


def _claim(**fields: Any) -> dict[str, Any]:
    return labelled_claim(**{"quantity": 5000, "bound": "exact", **fields})


def _write(folder: Path, ident: str, text: str, claims: list[dict[str, Any]], split: str | None = None) -> None:
    article: dict[str, Any] = {
        "id": ident,
        "title": None,
        "published": "2025-02-01",
        "relevant": True,
        "body": text,
        "claims": claims,
        "verdicts": [],
    }
    if split is not None:
        article["split"] = split
    (folder / f"{ident}.json").write_text(json.dumps(article), encoding="utf-8")


SHELLS_AND_STRIKES = (
    "Kyiv's military intelligence said on Saturday that North Korea has sent 5,000 artillery shells to Russia "
    "and that North Korean missiles have struck Kharkiv."
)


def test_each_path_counts_its_right_and_its_extra_claims(tmp_path: Path):
    # The label has the shells but not the strike: the shipment path is right once, the battle path extra once.
    _write(tmp_path, "t1", SHELLS_AND_STRIKES, [_claim()], split="development")
    fig = bench.evaluate(bench.folder_paths(tmp_path), by_rule=True)
    paths = fig["by_rule"]["paths"]
    assert paths["shipment: nearest transfer verb"] == {"matched": 1}, paths
    assert paths["battlefield_use: nearest battle verb"] == {"extra claim": 1}, paths
    features = fig["by_rule"]["features"]
    assert features["figure: none"] == {"extra claim": 1}, features
    assert features["voice: a named source"] == {"matched": 1, "extra claim": 1}, features


def test_a_near_miss_is_counted_by_its_cause(tmp_path: Path):
    _write(tmp_path, "t2", SHELLS_AND_STRIKES, [_claim(quantity=7000)], split="development")
    paths = bench.evaluate(bench.folder_paths(tmp_path), by_rule=True)["by_rule"]["paths"]
    assert paths["shipment: nearest transfer verb"] == {"wrong figure": 1}, paths


def test_held_out_articles_are_never_tallied(tmp_path: Path):
    _write(tmp_path, "t3", SHELLS_AND_STRIKES, [_claim()], split="held-out")
    fig = bench.evaluate(bench.folder_paths(tmp_path), by_rule=True)
    assert fig["claims_extracted"] == 2  # measured ...
    assert fig["by_rule"] == {"paths": {}, "features": {}}  # ... but not read rule by rule


def test_a_tally_file_adds_runs_up_and_a_run_again_replaces_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    _write(one, "a", SHELLS_AND_STRIKES, [_claim()], split="development")
    strike = _claim(kind="battlefield_use", item="ballistic_missiles", quantity=None, bound=None)
    _write(two, "b", SHELLS_AND_STRIKES, [_claim(), strike], split="development")
    tally = tmp_path / "tally.json"
    for folder in (one, two, one):  # the first folder twice: counted once
        assert bench.main([str(folder), "--by-rule", str(tally)]) == 0
    out = capsys.readouterr().out
    table = out[out.rindex("claims by rule path over") :]
    assert str(one) in table and str(two) in table
    row = next(line for line in table.splitlines() if line.startswith("battlefield_use: nearest battle verb"))
    assert row.split()[4:7] == ["2", "1", "1"], row  # claims, right, extra
    stored = json.loads(tally.read_text(encoding="utf-8"))
    assert sorted(stored) == [str(one), str(two)]


def test_verbose_by_rule_lists_the_wrong_claims_with_the_labels_beside_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    _write(tmp_path, "t4", SHELLS_AND_STRIKES, [_claim()], split="development")
    assert bench.main([str(tmp_path), "--by-rule", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "battlefield_use: nearest battle verb (1)" in out
    assert "t4: extra claim: battlefield_use/ballistic_missiles/NK->RU -" in out
    assert "labelled of that kind: none" in out
