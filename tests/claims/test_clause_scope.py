"""Clause scope (issue 14, session 8): a verb decides the kind of the things in its own clause, not of a thing
across a clause of contrast or cause. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

from monitor.claims import cues
from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 1)


def kinds_of(text: str, item: str) -> list[str]:
    return sorted(c.kind for c in extract_claims(text, PUB, None) if c.item == item)


def test_a_combat_verb_across_a_contrast_does_not_make_the_soldiers_before_it_fight():
    # the nearest verb to the soldiers is the drones' attack, in a clause of its own
    text = (
        "North Korean soldiers guard the border in the Kursk region, while Ukrainian drones attack Russian depots "
        "nearby."
    )
    assert kinds_of(text, "troops") == ["troop_deployment"]


def test_fighting_given_as_the_cause_of_a_deployment_is_not_the_deployed_soldiers_fighting():
    # the rule for a battle verb after deployed soldiers stops at the clause of cause
    text = "North Korean troops were moved to the Kursk region because Ukrainian brigades had attacked the area."
    assert kinds_of(text, "troops") == ["troop_deployment"]


def test_a_combat_verb_in_the_soldiers_own_clause_still_makes_them_fight():
    text = "Commanders in Kyiv say North Korean soldiers have taken part in drone attacks in the Kursk region."
    assert kinds_of(text, "troops") == ["battlefield_use"]


def test_the_other_side_fighting_in_a_concessive_clause_is_not_the_use_of_the_norths_shells():
    text = (
        "North Korean shells have reached Russia, although Ukrainian troops have fought off several assaults "
        "near Kursk."
    )
    assert "battlefield_use" not in kinds_of(text, "artillery_shells")


def test_what_the_soldiers_themselves_did_in_a_clause_that_continues_them_is_still_read():
    # "they" goes on telling of the same soldiers: a pronoun is no switch, and the use is read
    text = (
        "Thousands of North Korean soldiers reached the Kursk region last month, and they have attacked "
        "Ukrainian positions there."
    )
    assert kinds_of(text, "troops") == ["battlefield_use", "troop_deployment"]


def test_a_list_after_a_dash_reads_with_the_verb_before_the_dash():
    text = (
        "Pyongyang sent 10,000 troops to Russia - along with artillery shells and ballistic missiles - to help its war."
    )
    assert kinds_of(text, "artillery_shells") == ["shipment"]
    assert kinds_of(text, "ballistic_missiles") == ["shipment"]


def test_a_clause_switch_is_a_contrast_or_a_cause_never_a_list_mark_or_a_comma():
    assert cues.CLAUSE_SWITCH.search("the shells are old but they still fire")
    assert cues.CLAUSE_SWITCH.search("sent troops because Moscow asked")
    assert cues.CLAUSE_SWITCH.search("sent shells although Kyiv says")
    assert not cues.CLAUSE_SWITCH.search("shells, rockets and 1,200 missiles - and launchers: all sent; guns too")
