"""Round 15's precision families (issue 14): causes of extra claims counted in at least two real development
sets. Each rule has near misses that must keep their claim. The sentences are our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.item) for c in extract_claims(text, PUB)]


# -- family: where one thing was made is no output claim ---------------------------------------------------


def test_the_country_a_weapon_was_made_in_is_no_production():
    found = _kinds("Investigators said the ballistic missile that struck Odesa was manufactured in North Korea.")
    assert ("production", "ballistic_missiles") not in found


def test_a_system_described_by_the_plant_that_makes_it_is_no_production():
    found = _kinds(
        "North Korean state media said Kim watched a trial of the multiple rocket launcher that is produced "
        "at a state arms enterprise."
    )
    assert not [k for k in found if k[0] == "production"]


def test_the_buyers_own_domestic_output_is_no_production_of_the_north():
    found = _kinds(
        "Short of locally-produced shells, the Kremlin turned to Pyongyang, which has shipped millions of rounds."
    )
    assert not [k for k in found if k[0] == "production"]


def test_output_told_with_a_passive_keeps_its_production_claim():
    # near miss: "produced at full capacity" is the rate of output, not a place
    found = _kinds("Seoul says North Korean artillery shells are being produced at full capacity for Russia.")
    assert ("production", "artillery_shells") in found


def test_output_told_with_an_active_verb_keeps_its_production_claim():
    # near miss: the North's plants turning out shells is output
    found = _kinds("North Korean factories produced more shells last year than in any year before, Seoul said.")
    assert ("production", "artillery_shells") in found


# -- family: a verb of providing moves only what it governs ------------------------------------------------


def test_soldiers_provided_with_papers_receive_rather_than_move():
    found = _kinds(
        "Kyiv's army said Pyongyang's gunners on the Russian side had been provided with forged "
        "identity cards, which gave them Siberian birthplaces, to mask the foreign troops."
    )
    assert ("troop_deployment", "troops") not in found


def test_a_group_named_words_before_provided_by_is_not_what_was_provided():
    found = _kinds(
        "The study, which covers Moscow's drilling of North Korean troops, draws on records provided by "
        "eleven governments."
    )
    assert ("troop_deployment", "troops") not in found


def test_troops_provided_by_the_north_keep_their_deployment():
    # near miss: the troops stand right before the passive participle
    found = _kinds("Some 3,000 troops provided by Pyongyang reached the Kursk front in January, Seoul said.")
    assert ("troop_deployment", "troops") in found


def test_troops_listed_in_the_with_phrase_keep_their_deployment():
    # near miss: the list after "with" runs past commas without leaving its clause
    found = _kinds(
        "Seoul says the North has provided Russia with artillery shells, rocket launchers, anti-tank weapons "
        "and several thousand troops."
    )
    assert ("troop_deployment", "troops") in found


# -- family: a participle of moving after a thing with no figure names what moved before -------------------


def test_troops_described_as_sent_are_no_new_deployment():
    found = _kinds(
        "The Pentagon said on Friday that soldiers sent by Pyongyang were refusing to surrender to Ukrainian units."
    )
    assert ("troop_deployment", "troops") not in found


def test_arms_described_as_sent_in_a_payment_are_no_new_shipment():
    found = _kinds("Tokyo said the grain was compensation for arms and troops sent to Moscow.")
    assert ("shipment", "munitions") not in found


def test_a_counted_group_described_as_sent_keeps_its_deployment():
    # near miss: a count of the people sent is a figure the ledger wants
    found = _kinds("The 12,000 soldiers sent by Pyongyang have been pulled back from the Kursk front, Kyiv said.")
    assert ("troop_deployment", "troops") in found


def test_a_group_described_as_sent_keeps_a_move_of_its_own():
    # near miss: the sentence's own verb of moving still tells a deployment
    found = _kinds("Seoul says soldiers sent by Pyongyang arrived in Kursk by train last week.")
    assert ("troop_deployment", "troops") in found


# -- family: page residue read as prose (a box of links mid-article, an embedded social post) ------------------


def test_headlines_under_a_read_more_heading_yield_no_claim():
    text = (
        "North Korea has shipped more shells to Russia, Seoul said on Monday.\n"
        "Read more:\n"
        "- Dozens of North Korean soldiers killed near Sudzha, Kyiv says\n"
        "- Pyongyang fires two ballistic missiles into the sea\n"
        "The spy agency said the shells left by rail from the port of Rajin."
    )
    kinds = {k for k, _ in _kinds(text)}
    assert "casualties" not in kinds
    assert "shipment" in kinds


def test_prose_after_a_read_more_heading_keeps_its_claim():
    # near miss: the line under the heading closes like a sentence, so the story has resumed
    text = (
        "Seoul said on Monday that the North keeps shipping arms.\n"
        "Read more:\n"
        "Ukraine's army said North Korean troops were killed in Kursk on Sunday.\n"
    )
    assert ("casualties", "killed") in _kinds(text)


def test_an_embedded_social_post_yields_no_claim():
    text = (
        "Kyiv was hit overnight by a large missile attack, the city's mayor said.\n"
        "A North Korean KN-23 missile struck a school in Kyiv, sources say. https://t.co/AbCd pic.twitter.com/XyZ1 "
        "\u2014 Some Blogger (@someblogger) May 2, 2025\n"
    )
    assert ("battlefield_use", "ballistic_missiles") not in _kinds(text)


def test_a_handle_named_in_prose_keeps_its_claim():
    # near miss: a post's author named in the story's own sentence is no embed
    text = "Ukraine's air force (@KpsZSU) said on Friday that Russia fired North Korean KN-23 missiles at Kyiv.\n"
    assert ("battlefield_use", "ballistic_missiles") in _kinds(text)


# -- family: the fighting named as the setting of losses is no use of the troops ---------------------------------


def test_losses_in_the_fighting_are_casualties_alone():
    found = _kinds(
        "Britain's defence ministry said the North probably lost over 4,000 soldiers in the fighting in Kursk, "
        "and its total losses exceed a third of its roughly 12,000 soldiers."
    )
    assert ("casualties", "killed_or_wounded") in found or ("casualties", "killed") in found
    assert ("battlefield_use", "troops") not in found


def test_soldiers_said_to_fight_keep_their_use_beside_their_losses():
    # near miss: a participle of fighting tells what the soldiers did, as well as where they fell
    found = _kinds(
        "North Korean soldiers fighting for Russia near Sudzha suffered some 400 killed and wounded, Kyiv said."
    )
    assert ("battlefield_use", "troops") in found


# -- family: the place where people suffered losses or were captured is no presence claim -------------------------


def test_troops_said_to_suffer_losses_somewhere_are_not_thereby_deployed():
    found = _kinds("Pyongyang's soldiers have reportedly suffered heavy losses in the Kursk region, Washington says.")
    assert ("troop_deployment", "troops") not in found


def test_wounded_soldiers_named_beside_a_place_in_russia_are_not_thereby_deployed():
    found = _kinds(
        "Kyiv says it is ready to give wounded North Korean soldiers back to Pyongyang in return for Ukrainians "
        "held in Russia."
    )
    assert ("troop_deployment", "troops") not in found


def test_troops_placed_somewhere_keep_their_presence_claim():
    # near miss: nothing befalls the troops, so where they are is the claim
    found = _kinds("Seoul's spy agency says North Korean soldiers are stationed in the Kursk region.")
    assert ("troop_deployment", "troops") in found
