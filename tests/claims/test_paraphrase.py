"""The paraphrase probe's cases (tests/claims/paraphrase.py): the core facts in plain sentences, each varied in one
grammatical way, must keep giving their claim; the ones that still fail are marked and must fail until fixed."""

from __future__ import annotations

import pytest

from tests.claims.paraphrase import Case, all_cases, found_keys, holds

# Sentences the rules still miss, by family; strict, so a fix that makes one pass must move it out of here.
STILL_FAILING = {
    # a receiving verb with no figure does not read soldiers as sent ("received 3,000 troops" does)
    "Russia received troops from North Korea.",
    "Russia has obtained troops from North Korea.",
    # the users named as "Russian forces" before the North's bare "missiles" in a use sentence
    "Russian forces fired North Korean missiles at Kyiv.",
}


def _params() -> list[object]:
    seen: set[str] = set()
    params: list[object] = []
    for case in all_cases():
        marks = [pytest.mark.xfail(strict=True, reason="known miss")] if case.text in STILL_FAILING else []
        ident = f"{case.family}: {case.text} -> {case.expected[1]}"
        if ident in seen:
            continue
        seen.add(ident)
        params.append(pytest.param(case, marks=marks, id=ident))
    return params


@pytest.mark.parametrize("case", _params())
def test_a_plain_statement_keeps_its_claim_under_each_variation(case: Case) -> None:
    assert holds(case), f"wanted {case.expected} ({case.stance}), got {found_keys(case.text)}"


def test_the_generator_covers_every_family_of_variation() -> None:
    families = {case.family for case in all_cases()}
    expected = {"subject name", "recipient name", "determiner", "owner", "tense", "passive", "word order",
                "attribution", "adverb", "figure", "conjunction", "verb", "use", "denial", "condemnation"}
    assert expected <= families
    assert len(all_cases()) >= 700
