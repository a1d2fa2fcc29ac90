"""Round 16's deployment/use families (issue 14): soldiers already abroad whom their hosts send on into the
fighting are in use, not sent anew. Causes counted in at least two real development sets; each rule has near
misses that must keep their call. The sentences are our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 1, 10)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.item) for c in extract_claims(text, PUB)]


# -- family: troops sent on into the fighting by the side they serve ---------------------------------------


def test_troops_sent_into_battle_by_russian_officers_are_in_use():
    found = _kinds(
        "Kyiv's intelligence chief said Russian officers keep sending the North Korean infantry into battle "
        "without armour."
    )
    assert ("battlefield_use", "troops") in found


def test_pronoun_soldiers_sent_on_assaults_are_in_use():
    found = _kinds(
        "Thousands of North Korean troops are in the Kursk region, Ukraine's army said on Thursday. "
        "Their Russian commanders send them on assaults across open fields, a spokesman added."
    )
    assert ("battlefield_use", "troops") in found


def test_soldiers_sent_to_their_deaths_in_attacks_are_in_use():
    found = _kinds(
        "Washington said North Korean soldiers are being sent to their deaths in frontal attacks by "
        "commanders who consider them expendable."
    )
    assert ("battlefield_use", "troops") in found


def test_troops_pointed_back_at_and_sent_to_the_front_are_in_use():
    found = _kinds(
        "Seoul's spy agency said North Korean special forces had reached Russia's far east last week. "
        "They will be sent to the front line once their training there ends, it said."
    )
    assert ("battlefield_use", "troops") in found


def test_a_soldier_sent_to_the_front_by_his_own_name_keeps_the_deployment():
    # near miss: the soldiers named outright, "sent to the front", tell how they came: a deployment, no use
    found = _kinds("Moscow pays every North Korean soldier sent to the front a monthly wage, Seoul believes.")
    assert ("battlefield_use", "troops") not in found


def test_the_north_sending_troops_to_the_front_is_a_deployment():
    # near miss: the North itself sends its soldiers; no pronoun, no fighting destination
    found = _kinds("Pyongyang has sent 3,000 more troops to the front in Kursk, Seoul's military said on Monday.")
    assert ("troop_deployment", "troops") in found
    assert ("battlefield_use", "troops") not in found


def test_missiles_sent_to_their_targets_are_not_soldiers_in_use():
    # near miss: no soldiers anywhere near; a sentence without the North keeps no troop claim
    found = _kinds("The Russian army sends them on attacks against power plants every night, Kyiv said.")
    assert ("battlefield_use", "troops") not in found


def test_missiles_pointed_back_at_and_sent_on_attacks_are_no_troops():
    # near miss: "them" points back at missiles from the North, not at soldiers
    found = _kinds(
        "North Korea has shipped dozens of KN-23 missiles to Russia, Kyiv said. "
        "The Russian army sends them on attacks against power plants, it added."
    )
    assert ("battlefield_use", "troops") not in found
