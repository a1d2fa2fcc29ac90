"""bench/missed_sentences.py: where the labelled claims the extractor misses sit (a sentence it read nothing from,
one it read another claim from), and the silent sentences naming both parties and a thing. Every sentence here
was written for these tests."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tests.support.bench_scripts import load_bench_script, shell_label, write_labelled_article

missed = load_bench_script("missed_sentences")

SHELLS = "Seoul's spy agency said on Tuesday that North Korea had shipped 5,000 artillery shells to Russia."
PARADE = "Kim showed Putin a row of new rockets at a parade in Pyongyang on Monday."
WEATHER = "It rained all week in the capital."


_label = shell_label


_write = functools.partial(write_labelled_article, published="2025-03-05")


def _places(folder: Path) -> list[str]:
    return [place for a in missed.score_set(folder) for place, _ in missed.place_misses(a)]


def test_a_label_quoting_a_sentence_trimmed_or_retyped_is_found_at_its_place():
    text = f"{SHELLS} {PARADE} {SHELLS}"
    spans = missed.split_sentences(text)
    assert missed.locate("North Korea had shipped 5,000 artillery shells to Russia", text, spans) == spans[0]
    assert missed.locate(PARADE.replace("Kim", "Kim Jong Un"), text, spans) == spans[1]
    assert missed.locate(WEATHER, text, spans) is None
    assert missed.locate("", text, spans) is None


def test_a_sentence_names_the_pair_and_a_thing_only_with_both_sides_and_a_thing_that_moves():
    assert missed.names_pair_and_thing(PARADE)
    assert missed.names_pair_and_thing("Moscow took in rockets from Pyongyang.")
    assert not missed.names_pair_and_thing("Pyongyang tested two rockets on Monday.")  # one side only
    assert not missed.names_pair_and_thing("Pyongyang and Moscow held talks on Monday.")  # no thing
    # the dead are a casualty, not a thing moved between the two
    assert not missed.names_pair_and_thing("Pyongyang said 40 were killed near Kursk in Russia.")


def test_a_label_in_a_sentence_read_for_nothing_is_silent_and_counted_as_naming_the_pair(tmp_path: Path):
    _write(tmp_path, "p1", f"{SHELLS} {PARADE}", [_label(SHELLS), _label(PARADE, item="rockets", quantity=None)])
    assert _places(tmp_path) == ["silent sentence", "... names both parties and a thing"]


def test_a_label_beside_a_wrong_claim_from_its_sentence_is_a_near_miss(tmp_path: Path):
    _write(tmp_path, "p2", SHELLS, [_label(SHELLS, quantity=6000)])
    assert _places(tmp_path) == ["other claim, near miss"]


def test_a_second_fact_of_a_sentence_whose_claim_matched_another_label_is_matched_elsewhere(tmp_path: Path):
    _write(tmp_path, "p3", SHELLS, [_label(SHELLS), _label(SHELLS, kind="condemnation", quantity=None)])
    assert _places(tmp_path) == ["other claim, matched elsewhere"]


def test_an_article_judged_a_near_miss_and_a_label_without_evidence_are_apart(tmp_path: Path):
    _write(tmp_path / "a", "p4", WEATHER, [_label(WEATHER)])
    assert _places(tmp_path / "a") == ["article not relevant"]
    _write(tmp_path / "b", "p5", SHELLS, [_label(SHELLS), _label("", item="rockets", quantity=None)])
    assert _places(tmp_path / "b") == ["no evidence"]


def test_a_restatement_read_and_then_folded_away_is_told_apart_from_a_sentence_read_for_nothing(tmp_path: Path):
    # the same fact by the same teller, told again: one claim, as the extractor folds restatements
    again = "The agency added that the North had shipped 5,000 artillery shells to Russia."
    _write(tmp_path, "p6", f"{SHELLS} {again}", [_label(SHELLS), _label(again)])
    assert _places(tmp_path) == [
        "silent sentence",
        "... names both parties and a thing",
        "... read, then folded away",
    ]


def test_the_exposure_counts_silent_pair_sentences_with_and_without_a_label(tmp_path: Path):
    _write(tmp_path, "p7", f"{SHELLS} {PARADE}", [_label(SHELLS)])
    (article,) = missed.score_set(tmp_path)
    assert missed.exposure(article) == (0, 1)
    _write(tmp_path, "p7", f"{SHELLS} {PARADE}", [_label(SHELLS), _label(PARADE, item="rockets", quantity=None)])
    (article,) = missed.score_set(tmp_path)
    assert missed.exposure(article) == (1, 0)


def test_the_corpus_studied_without_a_split_gives_its_development_split_and_blind15_is_refused(tmp_path: Path):
    """The held-out split of the real-text corpus is measured on first runs only: a tool that studies errors must not
    read it by default, and the session's blind set not at all (one copy of the rule: accuracy.study_set)."""
    corpus = tmp_path / "realtext"
    corpus.mkdir()
    assert missed.parse_set(f"c={corpus}") == ("c", corpus, "development")
    with pytest.raises(SystemExit, match="measured"):
        missed.parse_set(f"b={tmp_path / 'blind15'}")
    assert missed.parse_set(f"d={tmp_path}") == ("d", tmp_path, None)


def test_a_held_out_split_is_refused_and_a_named_split_runs_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit, match="held-out"):
        missed.parse_set(f"x={tmp_path}@held-out")
    _write(tmp_path, "dev", f"{SHELLS} {PARADE}", [_label(SHELLS), _label(PARADE, quantity=None)])
    _write(tmp_path, "apart", SHELLS, [_label(SHELLS, quantity=7)], split="held-out")
    name, folder, split = missed.parse_set(f"mine={tmp_path}@development")
    assert [a["id"] for a in missed.score_set(folder, split)] == ["dev"]
    assert missed.main([f"mine={tmp_path}@development", "--exposure"]) == 0
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if line.startswith("mine "))
    assert row.split()[1:4] == ["2", "1", "0"]  # two labels, one missed, none in an article judged a near miss
