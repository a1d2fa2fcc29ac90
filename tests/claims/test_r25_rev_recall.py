"""Round 25's recall line under review (session 19): wordings its rules read that they should not, and a direction
the air-defence item got wrong whatever the sentence said.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 2, 10)


def _found(text: str, published: dt.date = PUB) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, published)}


def test_weapons_in_general_named_as_a_heading_of_the_list_after_stay_folded():
    # "weapons, in particular shells and rockets": the list after the comma tells which weapons, as "weapons, including
    # shells" does; only a list the general word is one of keeps it as a thing of its own (25b)
    for text in (
        "North Korea shipped weapons, in particular artillery shells and rockets, to Russia.",
        "North Korea shipped munitions, among them artillery shells and rockets, to Russia.",
        "North Korea shipped weapons, for example artillery shells and rockets, to Russia.",
        "Pyongyang sent ammunition, above all artillery shells and rockets, to Moscow.",
        "The North delivered arms, specifically artillery shells and rockets, to Russian forces.",
        "North Korea shipped weapons, both artillery shells and rockets, to Russia.",
        "North Korea shipped ammunition, principally artillery shells and rockets, to Russia.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert {"artillery_shells", "rockets"} <= items, (text, items)
        assert "munitions" not in items, (text, items)


def test_the_north_named_first_in_its_sentence_sends_air_defence_to_russia():
    # "The North sent surface-to-air missiles to Russia": the sentence says who gives, as with "North Korea sent ...";
    # a capital "The" at the head of the sentence is the same giver
    for text in (
        "The North sent portable surface-to-air missiles to Russia.",
        "The North supplied Russia with surface-to-air missiles.",
        "The North has shipped anti-aircraft guns to Russian forces.",
        "The DPRK transferred air-defence systems to Moscow last year.",
    ):
        found = _found(text)
        assert ("shipment", "air_defense", "NK->RU", None) in found, (text, found)
        assert not any(direction == "RU->NK" for _, _, direction, _ in found), (text, found)


def test_air_defence_russia_gives_the_north_still_runs_to_the_north():
    for text in (
        "Russia sent air-defence systems to the North.",
        "Russia gave the North air defence systems to guard Pyongyang.",
        "The North received surface-to-air missiles from Russia.",
        # the North giving first, Russia giving in turn in the clause after
        "North Korea supplied Russia with shells, and Russia gave it air-defence systems in return.",
        "North Korea sent Russia troops, and Moscow sent it air-defence systems.",
        "Kim gave Russia his backing, and Russia promised air-defence systems for Pyongyang.",
    ):
        assert ("technology_transfer", "air_defense", "RU->NK", None) in _found(text), text


def test_air_defence_told_as_coming_from_the_north_or_given_to_russia_is_a_shipment_to_russia():
    # the giver named after the thing ("from North Korea", "supplied by Pyongyang") or Russia as the one given before
    # it ("gave Russia air-defence missiles"): the sentence's own direction wins over the item's usual one
    for text in (
        "Russia received air defence systems from North Korea.",
        "Moscow obtained anti-aircraft missiles from Pyongyang, officials said.",
        "Russian units now field surface-to-air missiles supplied by the North.",
        "The North also gave Russia air-defence missiles.",
        "North Korea has sold Moscow anti-aircraft guns, Kyiv says.",
    ):
        found = _found(text)
        assert ("shipment", "air_defense", "NK->RU", None) in found, (text, found)
        assert not any(direction == "RU->NK" for _, _, direction, _ in found), (text, found)


def test_a_further_deployment_after_things_deployed_in_its_sentence_is_of_those_things():
    # "has deployed missiles near the border; further deployments are expected": the act's noun after a thing put in
    # place in the same sentence goes on with that thing, not with the article's soldiers (25c reads it alone)
    for text in (
        "North Korea has deployed missiles near the border; further deployments are expected.",
        "North Korea moved air defence batteries to Pyongyang, with further deployments expected.",
        "North Korea launched a spy satellite in November, and a second deployment is planned for spring.",
        "Pyongyang has stationed new rocket launchers along its coast and plans additional deployments.",
    ):
        found = _found(text)
        assert not any(kind == "troop_deployment" for kind, _, _, _ in found), (text, found)


def test_a_further_deployment_beside_things_shipped_is_still_the_norths_troops():
    for text in (
        "North Korea, which has shipped millions of shells to Russia, is preparing for an additional deployment.",
        "Having sent artillery shells and rockets, Pyongyang is readying another deployment to Russia.",
    ):
        assert ("troop_deployment", "troops", "NK->RU", None) in _found(text), text


def test_two_words_for_weapons_in_general_as_a_heading_stay_folded():
    # "weapons and ammunition, including shells": both general words head the things named after them; neither is a
    # thing of its own beside the other (25b's "more things in general", read from either word)
    for text in (
        "North Korea shipped weapons and ammunition, including artillery shells and rockets, to Russia.",
        "North Korea shipped arms and munitions such as artillery shells and rockets to Russia.",
        "Pyongyang sent arms and equipment, in particular artillery shells and rockets, to Moscow.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert {"artillery_shells", "rockets"} <= items, (text, items)
        assert "munitions" not in items, (text, items)


def test_weapons_in_general_listed_after_named_things_stay_one_of_the_list():
    for text in (
        "North Korea sent artillery shells, weapons and ammunition to Russia.",
        "North Korea sent artillery shells as well as weapons and ammunition to Russia.",
        "Pyongyang has delivered rockets, arms and munitions to Moscow.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert "munitions" in items, (text, items)


def test_a_phrase_after_a_comma_that_opens_no_examples_leaves_the_list_joined():
    for text in (
        "North Korea sent weapons and ammunition, in a deal agreed last year, and artillery shells to Russia.",
        "North Korea sent weapons and ammunition, for which Moscow paid in oil, and rockets to Russia.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert "munitions" in items, (text, items)


def test_reinforcements_kyiv_or_moscow_sends_are_theirs_beside_the_norths_soldiers():
    # 25c reads "sent reinforcements" as the North's soldiers, its subject saying whose they are; Kyiv or Moscow as that
    # subject keeps them theirs in a sentence that names the North's soldiers too, not only in a sentence of its own
    for text in (
        "Ukraine sent reinforcements after the North's attack on its lines.",
        "Kyiv is sending more reinforcements to Kursk, where North Korean soldiers are fighting.",
        "Ukraine has sent reinforcements to Kursk, where North Korean soldiers are fighting.",
        "Russia sent reinforcements after the North's brigades were mauled.",
    ):
        found = _found(text)
        assert not any(kind == "troop_deployment" for kind, _, _, _ in found), (text, found)


def test_reinforcements_the_north_is_asked_or_said_to_send_are_still_its_own():
    for text in (
        "Russia has asked North Korea to send reinforcements to Kursk.",
        "Seoul believes Pyongyang will send more reinforcements to Russia this spring.",
    ):
        assert ("troop_deployment", "troops", "NK->RU", None) in _found(text), text


def test_a_missile_and_nuclear_programme_without_a_kind_of_missile_is_no_missile_shipped():
    # 25a skipped "ballistic missile and nuclear weapons programmes"; the same programme is most often named without the
    # kind of missile, as "its missile programme" alone already was
    for text in (
        "Officials worry about the transfer of sensitive designs to the North's missile and nuclear weapons programmes.",
        "In return, Russia may provide technical help to North Korea's missile and nuclear weapons programmes.",
        "Moscow's engineers could speed up Pyongyang's missile and nuclear programmes, analysts said.",
    ):
        found = _found(text)
        assert not any(kind == "shipment" for kind, _, _, _ in found), (text, found)


def test_russia_given_only_words_that_name_air_defence_is_given_no_air_defence():
    for text in (
        "North Korea sent Russia a list of the air defence systems it wants.",
        "Pyongyang has handed Moscow a written request for surface-to-air missiles.",
        "The North gave Russia its plans for new anti-aircraft guns.",
    ):
        found = _found(text)
        assert ("shipment", "air_defense", "NK->RU", None) not in found, (text, found)
