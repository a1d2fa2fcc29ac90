"""Round 24 review of the recall line (session 18): wordings its new rules must leave alone.

Sentences are our own; each test names the family it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 11, 4)


def _found(text: str) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, PUB)}


def test_a_partys_weaker_lack_of_proof_is_no_confirmation_of_the_charge():
    # only "no evidence/proof" is read as the party's denial (24a); "no confirmation", "little evidence", "nothing to
    # suggest" stay a search that found nothing, never the party asserting what it says nothing shows
    for text in (
        "Peskov told reporters there was no confirmation that soldiers from the North were fighting near Kursk.",
        "Moscow's envoy said there was little evidence that Pyongyang had dispatched troops to Russia.",
        "According to the Kremlin, there is nothing to suggest the North has deployed soldiers on Russian soil.",
        "Pyongyang said there was no clear indication of Russian help for its spy satellites.",
    ):
        assert not any(
            kind in ("confirmation", "troop_deployment", "technology_transfer") for kind, *_ in _found(text)
        ), text


def test_a_lists_number_or_a_date_before_a_count_is_not_joined_into_a_decimal():
    # a spaced decimal ("2. 5 million") is told inside a line after a word; a list's number opening a line and a day
    # after a month's abbreviation end before the count that follows
    for text, amount in (
        ("What Kyiv says the North has sent:\n1. 3 million shells went to Russia by rail.", 3_000_000),
        ("Kyiv's tally, item by item:\n2. 4 million shells were sent by the North to Russia.", 4_000_000),
        (
            "The two leaders met in the Far East on Sept. 13. 2 million shells were sent by North Korea to Russia "
            "after that, Seoul said.",
            2_000_000,
        ),
    ):
        assert ("shipment", "artillery_shells", "NK->RU", amount) in _found(text), text


def test_a_spaced_decimal_inside_a_line_is_still_one_figure():
    for text, amount in (
        ("Kyiv says the North has sent more than 2. 5 million shells to Russia.", 2_500_000),
        ("North Korea shipped (by Kyiv's count) 1. 8 million shells to Russia.", 1_800_000),
    ):
        assert ("shipment", "artillery_shells", "NK->RU", amount) in _found(text), text


def test_into_action_is_use_in_the_war_only_when_the_troops_go_or_are_thrown_into_it():
    # "put words into action", "sprang into action" start something; "went/were thrown into action" is fighting
    for text in (
        "The North sent soldiers to Russia, a step its envoy said put the two states' treaty into action.",
        "Pyongyang dispatched troops to Kursk and its diplomats swung into action to defend the move.",
    ):
        assert not any(kind == "battlefield_use" for kind, *_ in _found(text)), text
    for text in (
        "Soldiers from the North went into action alongside Russian marines in Kursk.",
        "North Korean troops were thrown into action near Kursk within weeks.",
    ):
        assert ("battlefield_use", "troops", "NK->RU", None) in _found(text), text


def test_a_share_of_the_norths_own_shells_is_no_share_of_supply():
    # the words before the rounds may name their calibres ("the 122mm and 152mm rounds"), not whose they are: a
    # share of the North's shells that failed is their failure rate
    for text in (
        "Half of the North Korean shells fired by Russia failed to explode, Kyiv says.",
        "About 20 percent of the old North Korean rounds that Russia fired were duds, Ukrainian gunners said.",
    ):
        assert not any(kind == "supply_share" for kind, *_ in _found(text)), text


def test_soldiers_missing_something_are_still_the_count_sent():
    # 24c reads "went missing" as a fate; "missing their families" is the verb "miss" with its object
    for text in (
        "North Korea sent 11,000 soldiers missing their families to the Kursk front, Seoul said.",
        "Pyongyang has sent 3,000 troops missing the most basic training to Russia, Kyiv said.",
    ):
        counts = {c.quantity for c in extract_claims(text, PUB) if c.kind == "troop_deployment"}
        assert counts - {None}, text


def test_one_count_of_each_goes_to_the_list_nearest_it_only():
    # 24b: "50 of each" counts the things of the list just before it, not things named earlier in the sentence
    for text in (
        "North Korea sent shells to Russia in 2023, and this year it has delivered howitzers and rocket launchers, "
        "50 of each.",
        "After months of shipping artillery shells, the North has given Russia howitzers and rocket launchers, "
        "120 pieces of each.",
    ):
        found = _found(text)
        assert ("shipment", "artillery_shells", "NK->RU", None) in found, text
        assert not any(item == "artillery_shells" and amount for _, item, _, amount in found), text


def test_a_party_that_gave_no_proof_is_the_claimant_not_a_denier():
    # "Moscow has offered no evidence for its claim": the one that gave no proof made the claim; a party's own "there
    # is no proof" (24a) or "Kyiv has offered no evidence", told by the Kremlin, stays its denial
    for text in (
        "Moscow has offered no evidence for its claim that Kyiv shelled the plant, as North Korean shells keep arriving.",
        "Russia has provided no proof that soldiers from the North are not fighting in Kursk.",
    ):
        assert not any(kind == "denial" for kind, *_ in _found(text)), text
    found = {
        (c.kind, c.item)
        for c in extract_claims(
            "Kyiv has offered no evidence that North Korean troops are in Kursk, the Kremlin said.", PUB
        )
    }
    assert found == {("denial", "troops")}
