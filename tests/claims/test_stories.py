"""Same story or not: shingled Jaccard similarity."""

from __future__ import annotations

import subprocess
import sys

from monitor.claims.stories import containment, jaccard, most_similar, same_story, shingles

WIRE = (
    "North Korea has shipped about 6,700 containers of munitions to Russia since July, the defence "
    "minister told reporters on Monday, adding that the cargo could hold millions of artillery rounds. "
    "Food and raw materials have travelled the other way, officials said."
)
REPRINT = "Defence ministry: containers to Russia. " + WIRE.replace("on Monday", "on Monday in Seoul")
OTHER = (
    "Ukraine's air force said it shot down most of the drones launched overnight, while officials in Kyiv "
    "said repairs to the power grid would take several weeks."
)


def test_reprint_is_the_same_story():
    assert same_story(WIRE, REPRINT)
    assert jaccard(shingles(WIRE), shingles(REPRINT)) > 0.6


def test_different_story():
    assert not same_story(WIRE, OTHER)
    assert jaccard(shingles(WIRE), shingles(OTHER)) < 0.05


def test_identical_and_empty():
    assert jaccard(shingles(WIRE), shingles(WIRE)) == 1.0
    assert jaccard(frozenset(), frozenset()) == 0.0
    assert shingles("") == frozenset()
    assert jaccard(shingles("two words"), shingles("two words")) == 1.0  # shorter than k


def test_case_and_punctuation_do_not_matter():
    assert shingles(WIRE.upper().replace(",", "")) == shingles(WIRE.replace(",", ""))


def test_containment_catches_a_summary():
    summary = " ".join(WIRE.split()[:16])
    assert containment(shingles(summary), shingles(WIRE)) == 1.0
    assert jaccard(shingles(summary), shingles(WIRE)) < 0.5  # the cut text alone would not match


def test_most_similar_picks_the_best_match():
    target = shingles(REPRINT)
    best = most_similar(target, [("other", shingles(OTHER)), ("wire", shingles(WIRE))])
    assert best is not None and best[0] == "wire"
    assert most_similar(shingles(OTHER), [("wire", shingles(WIRE))]) is None


def test_hashes_are_stable_across_processes():
    code = "from monitor.claims.stories import shingles; print(sorted(shingles('one two three four five six'))[0])"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1
    assert int(runs.pop()) == sorted(shingles("one two three four five six"))[0]
