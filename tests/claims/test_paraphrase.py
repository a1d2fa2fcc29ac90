"""The paraphrase probe's cases (tests/claims/paraphrase.py): the core facts in plain sentences, each varied in one
grammatical way, must keep giving their claim; the ones that still fail are marked and must fail until fixed."""

from __future__ import annotations

import pytest

from monitor.claims.extract import extract_claims
from tests.claims.paraphrase import PUBLISHED, Case, all_cases, crossed_cases, found_keys, holds

# Sentences the rules still miss, by family; strict, so a fix that makes one pass must move it out of here.
STILL_FAILING = {
    # a receiving verb with no figure does not read soldiers as sent ("received 3,000 troops" does): kept so on
    # purpose (cues.DEPLOY: '"received" troops is odd'), listed here so that the choice stays visible
    "Russia received troops from North Korea.",
    "Russia has obtained troops from North Korea.",
    "Russia, which received troops from North Korea, said nothing.",
}


def _params() -> list[object]:
    seen: set[str] = set()
    params: list[object] = []
    for case in all_cases() + crossed_cases():
        marks = [pytest.mark.xfail(strict=True, reason="known miss")] if case.text in STILL_FAILING else []
        ident = f"{case.family.split('|')[0]}: {case.text} -> {case.expected[1]}"
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
    expected = {
        "subject name",
        "recipient name",
        "determiner",
        "owner",
        "tense",
        "passive",
        "word order",
        "attribution",
        "adverb",
        "figure",
        "conjunction",
        "verb",
        "use",
        "denial",
        "condemnation",
        "relative fact",
        "participle fact",
        "long subject",
        "intro clause",
        "two facts",
        "since + figure + credit",
        "list",
        "brackets",
        "dashes",
        "quoted",
        "concession + credit",
        "denial tail",
        "concession denial",
        "condemnation beside",
        "condemnation reaction",
        "cooperation",
        "participle + saying",
        "figure aside",
    }
    assert expected <= families
    assert len(all_cases()) >= 700


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia fired its own missiles at Kyiv, not the ones North Korea sent.",
        "Russian forces fired their own shells, while North Korea looked on.",
        "Russia is using its own missiles against Ukraine, and North Korea is watching.",
    ],
)
def test_russias_own_weapons_stay_russias(sentence: str) -> None:
    # the other side of the "own" rule: an "its own" whose sentence Russia opens is Russia's
    assert [key for key, _ in found_keys(sentence) if key[0] in ("shipment", "battlefield_use")] == []


def test_another_owner_before_the_verb_does_not_own_a_thing_the_north_is_named_with() -> None:
    use = ("battlefield_use", "ballistic_missiles", "NK->RU", None, None)
    assert (use, "asserted") in found_keys("The Russian army launched North Korean missiles at Kharkiv.")


@pytest.mark.parametrize("joint", ["; ", ", and ", ", while "])
def test_a_reverse_flow_in_the_next_clause_leaves_the_things_sent_to_russia_alone(joint: str) -> None:
    found = [key for key, _ in found_keys(f"Pyongyang shipped rockets to Moscow{joint}Moscow sent wheat to Pyongyang.")]
    assert ("shipment", "rockets", "NK->RU", None, None) in found
    assert ("compensation", "food", "RU->NK", None, None) in found


def test_a_thing_the_reverse_flow_follows_directly_still_flows_north() -> None:
    # the other side of the same rule: "the radars Moscow handed to Pyongyang" are Russia's, not a shipment
    found = [key for key, _ in found_keys("North Korea is testing the radars Moscow handed to Pyongyang last year.")]
    assert all(key[0] != "shipment" for key in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin shipped wheat to the DPRK.",
        "The Kremlin has supplied crude oil to Kim Jong Un's regime.",
        "Moscow delivered food to Kim Jong Un, officials said.",
    ],
)
def test_payment_to_the_north_by_any_of_its_names_flows_north(sentence: str) -> None:
    assert any(key[0] == "compensation" and key[2] == "RU->NK" for key, _ in found_keys(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang shipped rockets (about 5,000 of them) to Moscow.",
        "Pyongyang shipped rockets - about 5,000 in all - to Moscow.",
        "Pyongyang shipped rockets \u2014 about 5,000 in all \u2014 to Moscow.",
    ],
)
def test_a_count_set_off_by_brackets_or_dashes_counts_the_thing_before_it(sentence: str) -> None:
    assert (("shipment", "rockets", "NK->RU", 5000, "about"), "asserted") in found_keys(sentence)


@pytest.mark.parametrize(
    "concession", ["Although both sides deny any deal", "Even though both governments have denied any arms trade"]
)
def test_a_denial_in_a_concession_leaves_the_main_clause_asserted(concession: str) -> None:
    found = found_keys(f"{concession}, Pyongyang shipped rockets to Moscow.")
    assert (("shipment", "rockets", "NK->RU", None, None), "asserted") in found


def test_a_concession_that_denies_the_main_clause_itself_still_denies_it() -> None:
    # "it" points at the main clause: the denial is of the rockets, as before the concession rule
    found = found_keys("Although Moscow denies it, Pyongyang shipped rockets to Moscow.")
    assert (("denial", "rockets", "NK->RU", None, None), "denied") in found


def _sources(text: str) -> dict[tuple[str, str], str]:
    return {(c.kind, c.item): c.source for c in extract_claims(text, PUBLISHED)}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Although Moscow denies any deal, Pyongyang shipped rockets to Moscow, Seoul said.", "South Korea government"),
        ("While the Kremlin denies it, Pyongyang shipped rockets to Moscow, US officials say.", "unnamed officials"),
        ("Pyongyang shipped rockets to Moscow, which the Kremlin denies.", "outlet"),
        ("Pyongyang shipped rockets to Moscow, although the Kremlin has denied any arms deal.", "outlet"),
    ],
)
def test_a_denier_in_a_clause_of_its_own_does_not_speak_for_the_main_clause(sentence: str, speaker: str) -> None:
    sources = _sources(sentence)
    assert sources[("shipment", "rockets")] == speaker
    assert [source for (kind, _), source in sources.items() if kind == "denial"][0].startswith("Russia")


def test_the_denier_still_speaks_when_it_is_the_main_clause() -> None:
    # near miss: "Moscow denies that ..., although Seoul says so": the main clause is the denial
    sources = _sources("Moscow denies that Pyongyang shipped rockets to it, although Seoul says so.")
    assert ("shipment", "rockets") not in sources
    assert sources[("denial", "rockets")] == "Russia government"


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang, which faces new sanctions, shipped rockets to Moscow.",
        "Despite condemnation from Seoul, Pyongyang shipped rockets to Moscow.",
        "Pyongyang shipped rockets to Moscow despite international condemnation.",
        "Pyongyang shipped rockets to Moscow, drawing international condemnation.",
    ],
)
def test_a_condemnation_told_as_background_leaves_the_fact_alone(sentence: str) -> None:
    assert [key for key, _ in found_keys(sentence)] == [("shipment", "rockets", "NK->RU", None, None)]


@pytest.mark.parametrize(
    ("sentence", "condemner"),
    [
        ("Pyongyang shipped rockets to Moscow, drawing condemnation from Seoul.", "South Korea government"),
        ("Pyongyang shipped rockets to Moscow, a move Tokyo condemned.", "Japan government"),
    ],
)
def test_a_reaction_naming_its_body_condemns_the_things_beside_the_fact(sentence: str, condemner: str) -> None:
    sources = _sources(sentence)
    assert sources == {("shipment", "rockets"): "outlet", ("condemnation", "rockets"): condemner}


def test_a_condemnation_of_the_transfer_itself_asserts_no_transfer() -> None:
    # the other side (docs/claims-conventions.md, 11): the thing condemned is not reported as sent
    assert [key[0] for key, _ in found_keys("Seoul condemned the transfer of rockets to Moscow.")] == ["condemnation"]
