"""Same story or not: shingled Jaccard similarity and the MinHash signature that estimates it."""

from __future__ import annotations

import random
import subprocess
import sys

from monitor.claims.stories import SAME_STORY_THRESHOLD, jaccard, same_story, shingles, signature, signature_similarity

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
    republished = "Seoul: munitions to Russia. " + WIRE + " The ministry gave no figure for shells."
    assert same_story(signature(WIRE), signature(republished))
    assert jaccard(shingles(WIRE), shingles(REPRINT)) > SAME_STORY_THRESHOLD


def test_different_story():
    assert not same_story(signature(WIRE), signature(OTHER))
    assert jaccard(shingles(WIRE), shingles(OTHER)) < 0.05


def test_the_signature_estimates_the_jaccard_similarity():
    # The exact similarity is the oracle: 32 slots estimate it within a few slots' worth.
    for other in (REPRINT, OTHER, WIRE[: len(WIRE) // 2], WIRE):
        exact = jaccard(shingles(WIRE), shingles(other))
        assert abs(signature_similarity(signature(WIRE), signature(other)) - exact) <= 0.25
    assert signature("") == [] and signature_similarity([], signature(WIRE)) == 0.0


def test_identical_and_empty():
    assert jaccard(shingles(WIRE), shingles(WIRE)) == 1.0
    assert jaccard(frozenset(), frozenset()) == 0.0
    assert shingles("") == frozenset()
    assert jaccard(shingles("two words"), shingles("two words")) == 1.0  # shorter than k


def test_case_and_punctuation_do_not_matter():
    assert shingles(WIRE.upper().replace(",", "")) == shingles(WIRE.replace(",", ""))


def test_hashes_are_stable_across_processes():
    code = "from monitor.claims.stories import shingles; print(sorted(shingles('one two three four five six'))[0])"
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
    assert int(runs.pop()) == sorted(shingles("one two three four five six"))[0]


def reference_signature(text: str) -> list[int]:
    """The signature's definition in Python ints, as every stored ArticleClassified was made:
    slot s is the least ((g XOR s * 0x9E3779B1) * 0x100000001B3) mod 2**48 over the shingles g."""
    grams = shingles(text)
    if not grams:
        return []
    return [min(((g ^ seed * 0x9E3779B1) * 0x100000001B3) & ((1 << 48) - 1) for g in grams) for seed in range(32)]


def test_the_vectorised_signature_is_the_definition_slot_for_slot():
    # Signatures are stored and compared with those of articles recorded years before: the
    # uint64 arithmetic must give every slot the Python-int value, high shingle bits included.
    rng = random.Random(7)
    words = (WIRE + " " + OTHER).split() + ["1,500", "it's", "Kim", "x" * 40, "\u2019s", "2024"]
    texts = ["", "one", "two words", "a b c d e", WIRE, REPRINT, OTHER, WIRE * 30]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 400))) for _ in range(200)]
    for text in texts:
        assert signature(text) == reference_signature(text)
    assert any(g >= 1 << 63 for g in shingles(WIRE * 30))  # the top bit was exercised
