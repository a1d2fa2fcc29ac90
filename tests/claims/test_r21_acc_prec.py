"""Precision of round 21 (issue 14), and the label call 21k: the North's side of a trade, a fight set aside as the
alternative, a count of time read as a count of dead, and sanctions named as a standing regime. Sentences written
for these tests (none is a page's wording)."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 4)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def facts(text: str) -> set[tuple[str, str, str | None]]:
    return {(c.kind, c.item, c.direction) for c in claims(text)}


# --- 21k: the North's side of a trade, told as news, is a claim -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Officials in Seoul said Moscow handed Pyongyang fuel in exchange for artillery shells.",
            ("shipment", "artillery_shells", "NK->RU"),
        ),
        (
            "The deal gives the North satellite know-how in return for weapons, a diplomat in Tokyo said.",
            ("shipment", "munitions", "NK->RU"),
        ),
        (
            "Moscow is said to have promised space technology to North Korea in exchange for Pyongyang supplying "
            "rockets to the Russian army.",
            ("shipment", "rockets", "NK->RU"),
        ),
    ],
)
def test_the_norths_side_of_a_trade_told_as_news_is_a_claim(text, fact):
    assert fact in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        # pointed back by a pronoun or an article right after the trade word: told as known
        "Officials in Seoul said Moscow handed Pyongyang fuel in return for its troops.",
        "Officials in Seoul said Moscow handed Pyongyang fuel in return for the dispatch of its soldiers.",
        "Officials in Seoul said Moscow handed Pyongyang fuel in exchange for these shells.",
        # an act named by a gerund with no doer: the kind of act the deal pays for
        "Officials in Seoul said Moscow handed Pyongyang fuel in exchange for dispatching soldiers.",
        # alternatives: neither is told as done
        "Analysts think Moscow handed Pyongyang fuel in exchange for soldiers or shells.",
    ],
)
def test_the_norths_side_told_as_known_or_as_alternatives_is_no_claim(text):
    assert not {f for f in facts(text) if f[2] == "NK->RU"}
    assert ("compensation", "oil", "RU->NK") in facts(text)


def test_help_that_names_no_thing_as_a_trades_price_is_no_claim():
    text = "Officials in Seoul said Moscow handed Pyongyang fuel in return for military assistance."
    assert not {f for f in facts(text) if f[2] == "NK->RU"}


# --- a fight set aside as the alternative is not a fight ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A prisoner told Kyiv that North Korean units in Russia were doing drills rather than engaging in combat.",
        "Kyiv said the North Korean battalions in Kursk were digging trenches instead of fighting at the front.",
    ],
)
def test_combat_named_as_the_alternative_set_aside_is_no_use(text):
    assert not any(c.kind == "battlefield_use" for c in claims(text))


def test_combat_told_plainly_is_still_a_use():
    text = "Kyiv said North Korean battalions were engaging in combat near Kursk."
    assert any(c.kind == "battlefield_use" for c in claims(text))


# --- a count of time after a casualty word is no count of dead -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says about 900 North Korean soldiers sent to Russia were killed over three months of fighting in Kursk.",
        "Ukraine's army said North Korean soldiers in Russia were wounded over two weeks of assaults.",
    ],
)
def test_a_duration_after_a_casualty_word_is_not_its_count(text):
    counts = {c.quantity for c in claims(text) if c.kind == "casualties"}
    assert not counts & {2, 3}


# --- sanctions named as a standing regime condemn nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors checking the enforcement of sanctions against Pyongyang examined wreckage of a North Korean "
        "missile fired by Russia.",
        "Experts monitoring the implementation of UN sanctions on North Korea studied the debris of a missile "
        "that Russia had fired.",
    ],
)
def test_sanctions_named_as_a_regime_watched_are_no_condemnation(text):
    assert not any(c.kind == "condemnation" for c in claims(text))


def test_sanctions_imposed_are_still_a_condemnation():
    text = "Tokyo imposed sanctions on North Korean firms over the missiles shipped to Russia."
    assert any(c.kind == "condemnation" for c in claims(text))


def test_what_sanctions_against_the_north_prohibit_is_not_moved():
    text = (
        "Monitors of UN sanctions against North Korea, which prohibit the export of military technology to the "
        "DPRK, visited Kyiv to inspect debris of a missile Russia fired."
    )
    assert not any(c.kind in ("condemnation", "technology_transfer") for c in claims(text))


# --- an admission said not to have been made, and an open question ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Neither Moscow nor Pyongyang has formally acknowledged the arrival of North Korean soldiers in Russia.",
        "Pyongyang has never publicly admitted sending soldiers to Russia, diplomats say.",
        "North Korea has not confirmed the shipments of shells to Russia.",
    ],
)
def test_an_admission_said_not_to_have_been_made_is_no_confirmation(text):
    assert not any(c.kind == "confirmation" for c in claims(text))


def test_an_admission_made_is_still_a_confirmation():
    text = "Pyongyang confirmed on Monday that its soldiers had been sent to Russia."
    assert any(c.kind == "confirmation" for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon said it could not verify whether Pyongyang has begun sending more soldiers to Russia.",
        "Seoul's spy agency said it was unable to determine if further North Korean troops had been sent to Russia.",
    ],
)
def test_what_a_speaker_cannot_confirm_is_not_reported(text):
    assert not any(c.kind == "troop_deployment" for c in claims(text))


# --- words in another sense: a missile launch, money that goes to Russia --------------------------------------------


def test_missile_launches_beside_satellite_words_are_no_satellite_launch():
    text = (
        "North Korea has shipped shells to Russia, Ukraine's spy chief said. He added that Kyiv relies on Washington "
        "for early warning of missile launches and for satellite imagery."
    )
    assert not any(c.kind == "satellite_launch" for c in claims(text))


def test_revenue_going_to_the_russian_government_is_no_payment_to_the_north():
    text = (
        "The EU sanctioned North Korean generals over arms sent to Russia. The measures mainly hit Russian shipping "
        "firms that carry crude oil, providing revenue to the Russian government."
    )
    assert not any(c.kind == "compensation" for c in claims(text))


# --- what a side looks forward to receiving is not received --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang is probably anticipating Russian technical assistance for its missile programme in return for its "
        "soldiers, US analysts say.",
        "North Korea eyes Russian military technology in return for the troops, experts say.",
    ],
)
def test_help_a_side_anticipates_is_no_transfer(text):
    assert not any(c.kind == "technology_transfer" for c in claims(text))


def test_what_an_unnamed_reward_might_turn_out_to_be_is_no_transfer():
    text = (
        "Seoul's envoy said Russia will reward the North for its soldiers. "
        '"It might be money or military aid; it might be missile technology," he said.'
    )
    assert not any(c.kind == "technology_transfer" for c in claims(text))


# --- what a thing can do is not a use; a third state's supply to Russia is no help for the North --------------------


def test_rounds_that_can_be_fired_are_not_told_as_fired():
    text = (
        "European officials said North Korea could ship Moscow up to 300,000 rounds, which can be fired by Russian "
        "guns as well as by North Korean ones."
    )
    assert not any(c.kind == "battlefield_use" for c in claims(text))


def test_rounds_told_as_fired_are_still_used():
    text = "North Korea shipped Moscow 300,000 rounds, which Russian guns have fired at Kharkiv, Kyiv said."
    assert any(c.kind == "battlefield_use" for c in claims(text))


def test_third_countries_technology_for_russia_is_no_help_for_the_north():
    text = (
        "The EU is preparing new sanctions over North Korean arms for Moscow. The package may also hit firms in "
        "China and India suspected of supplying banned technologies and electronics to Russia."
    )
    assert not any(c.kind == "technology_transfer" for c in claims(text))


def test_a_share_of_a_quota_is_no_share_of_supply():
    text = (
        "Oil deliveries to North Korea seen in the images would account for a third of that quota, RUSI analysts "
        "estimate, as Pyongyang ships shells to Russia."
    )
    assert not any(c.kind == "supply_share" for c in claims(text))


def test_aid_as_a_verb_with_an_adverb_between_is_no_aid_given():
    text = (
        "North Korea sent troops to Russia. A bond forged in battle would greatly aid in deepening ties in every way, "
        "according to Pyongyang and Moscow."
    )
    assert not any(c.kind == "compensation" for c in claims(text))


def test_aid_sent_in_return_is_still_aid():
    text = "North Korea sent troops to Russia, and Moscow sent aid in return, Seoul said."
    assert any(c.kind == "compensation" and c.item == "economic_aid" for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "In exchange for the North's soldiers, Moscow could agree to give Pyongyang know-how for missile and warship "
        "production, an agency reported.",
        "Moscow has handed Pyongyang technology for missile production, Seoul said.",
    ],
)
def test_the_production_a_technology_is_for_is_no_output_told(text):
    assert not any(c.kind == "production" for c in claims(text))


def test_output_told_is_still_production():
    text = "North Korea has expanded missile production to supply Russia, Seoul said."
    assert any(c.kind == "production" for c in claims(text))


def test_a_body_named_by_what_it_makes_is_not_the_thing():
    text = (
        "Last year Brussels put the North Korean Missile General Bureau on its sanctions list over arms sent to Russia."
    )
    assert not any(c.item == "ballistic_missiles" for c in claims(text))


def test_a_place_named_after_another_partys_official_is_theirs():
    text = (
        "The most senior US commander in the region spoke at a forum on Saturday, where he said Washington was "
        "watching North Korean military units closely."
    )
    assert not any(c.kind == "troop_deployment" for c in claims(text))


def test_units_told_to_remain_there_are_still_deployed():
    text = "North Korean military units remain in the region, Kyiv said."
    assert any(c.kind == "troop_deployment" for c in claims(text))


def test_a_treatys_terms_binding_both_sides_are_no_transfer():
    text = (
        "Seoul says Moscow gave Pyongyang air defence missiles after it sent soldiers to Kursk. Kim and Putin signed "
        'a partnership pact in June. It obliges both countries to provide military assistance "without delay" in the '
        "case of an attack on the other."
    )
    assert not any(c.kind == "shipment" for c in claims(text))


def test_know_how_a_side_hoped_for_is_not_received():
    text = "Seoul says Moscow gave Pyongyang air defence missiles. Experts think the North also hoped for submarine know-how."
    assert not any(c.item == "submarine_technology" for c in claims(text))


def test_the_weapons_a_fault_harms_are_not_the_thing_used():
    text = (
        "North Korea has shipped Russia huge numbers of shells. A number proved defective and did damage to weapons "
        "in Russian hands, Kyiv's army said."
    )
    assert not any(c.kind == "battlefield_use" and c.item == "munitions" for c in claims(text))
