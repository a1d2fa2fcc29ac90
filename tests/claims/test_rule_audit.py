"""bench/rule_audit.py: each mechanism's claims counted right or wrong against the labels, and each fold rule's drops
counted as a restatement rightly dropped or a labelled claim lost; drafts.recording_drops, which it reads the fold
through, changes nothing the fold keeps. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from pathlib import Path

import pytest

from monitor.claims.analysis import analyse
from monitor.claims.drafts import recording_drops
from tests.support.bench_scripts import load_bench_script, shell_label, write_labelled_article

audit = load_bench_script("rule_audit")

SHELLS = "Seoul's spy agency said on Tuesday that North Korea had shipped 5,000 artillery shells to Russia."
# the same figure of the same fact from the same state's voice: the fold keeps the first telling only
AGAIN = "The agency added that the North had shipped 5,000 artillery shells to Russia."
ROCKETS = "Kyiv's military intelligence said Pyongyang had sent 200 rockets to Moscow in the spring."


_label = shell_label


_write = functools.partial(write_labelled_article, published="2025-03-05")


def test_recording_the_folds_drops_names_the_rule_and_changes_no_output():
    text = f"{SHELLS} {AGAIN}"
    plain = analyse(text, published=dt.date(2025, 3, 5))
    with recording_drops() as drops:
        recorded = analyse(text, published=dt.date(2025, 3, 5))
    assert recorded == plain
    assert [(d.kind, d.item, d.quantity, rule) for d, rule in drops] == [
        ("shipment", "artillery_shells", 5000, "one state's voices, one figure")
    ]
    # outside the block nothing is noted
    analyse(text, published=dt.date(2025, 3, 5))
    assert len(drops) == 1


def test_a_restatement_labelled_once_is_a_right_drop_and_labelled_twice_a_lost_label(tmp_path: Path):
    _write(tmp_path / "once", "r1", f"{SHELLS} {AGAIN}", [_label(SHELLS)])
    folds = audit.audit_set(tmp_path / "once")[audit.FOLDS]
    assert folds == {"one state's voices, one figure": Counter(right=1)}
    _write(tmp_path / "twice", "r2", f"{SHELLS} {AGAIN}", [_label(SHELLS), _label(AGAIN, as_of="2025-03-05")])
    found = audit.audit_set(tmp_path / "twice")
    assert found[audit.FOLDS] == {"one state's voices, one figure": Counter(wrong=1)}
    assert found[audit.TOTALS]["... of them dropped by a fold"]["n"] == 1


def test_a_drop_matching_a_missed_label_from_another_sentence_is_no_lost_label(tmp_path: Path):
    # the label quotes a sentence the extractor read nothing from: the drop elsewhere only happens to match it
    quiet = "Shells keep crossing the border, the agency noted."
    _write(tmp_path, "r3", f"{SHELLS} {AGAIN} {quiet}", [_label(SHELLS), _label(quiet)])
    assert audit.audit_set(tmp_path)[audit.FOLDS] == {"one state's voices, one figure": Counter(right=1)}


def test_each_claim_counts_under_its_rule_path_and_the_features_of_how_it_was_read(tmp_path: Path):
    rockets = _label(ROCKETS, item="rockets", quantity=200, source="Ukraine HUR")
    _write(tmp_path, "r4", f"{SHELLS} {ROCKETS}", [rockets])  # the shells are read but not labelled: an extra
    claims = audit.audit_set(tmp_path)[audit.CLAIMS]
    assert claims["rule: shipment: nearest transfer verb"] == Counter(right=1, wrong=1)
    assert claims["figure: right before its noun"] == Counter(right=1, wrong=1)
    assert claims["item: named in the sentence"] == Counter(right=1, wrong=1)


def test_a_mechanism_is_a_candidate_only_when_wrong_on_most_sets_and_a_fold_rule_when_it_loses_on_two():
    def c(right: int, wrong: int) -> Counter[str]:
        return Counter(right=right, wrong=wrong)

    assert audit.flagged({"a": c(0, 2), "b": c(1, 3), "c": c(5, 0)}, audit.CLAIMS)
    assert not audit.flagged({"a": c(0, 2), "b": c(4, 1), "c": c(5, 0)}, audit.CLAIMS)
    assert not audit.flagged({"a": c(0, 1), "b": c(0, 0)}, audit.CLAIMS)  # one set is that set's wording
    assert audit.flagged({"a": c(9, 1), "b": c(9, 1)}, audit.FOLDS)
    assert not audit.flagged({"a": c(0, 3), "b": c(9, 0)}, audit.FOLDS)


def test_held_out_material_is_refused_and_the_table_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit, match="held-out"):
        audit.parse_set(f"x={tmp_path}@held-out")
    with pytest.raises(SystemExit, match="measured"):
        audit.parse_set(f"x={tmp_path / 'blind15'}")
    _write(tmp_path / "dev", "r5", f"{SHELLS} {AGAIN}", [_label(SHELLS), _label(AGAIN, as_of="2025-03-05")])
    _write(tmp_path / "dev", "apart", ROCKETS, [_label(ROCKETS, quantity=7)], split="held-out")
    assert audit.main([f"mine={tmp_path / 'dev'}@development"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "one state's voices" in line)
    assert row.split()[-2:] == ["0/1", "0/1"]  # the set's column and the total: one label lost, nothing else
    missed = next(line for line in out.splitlines() if line.startswith(" ... missed"))
    assert missed.split()[-2:] == ["1", "1"]  # the held-out article was not run
