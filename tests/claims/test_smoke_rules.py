"""Wrong claims a robustness run found on unlabelled real pages, each fixed by a general rule and
tested here in sentences written for these tests: shares, years, compound items, negation, use."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims import cues
from monitor.claims.analysis import analyse
from monitor.claims.extract import Claim, extract_claims
from monitor.claims.timerefs import find_date

PUB = dt.date(2025, 3, 4)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def keys(found: list[Claim]) -> list[tuple[str, str, str | None, float | None, str | None]]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


# --- figures that are not counts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Roughly a third of the containers were unloaded at Rajin, officials said, after North Korea shipped "
        "them to Russia.",
        "Seoul says about half of the North Korean troops sent to Russia have moved to the front line.",
    ],
)
def test_a_share_of_a_counted_thing_is_not_its_count(sentence):
    assert all(c.quantity is None or c.quantity >= 1 for c in claims(sentence))


def test_a_share_of_russias_supply_keeps_its_fraction():
    text = "Roughly half of the shells Russia fires now come from North Korea, Kyiv says."
    assert ("supply_share", "share_of_supply", "NK->RU", 0.5, "about") in keys(claims(text))


def test_a_bare_year_before_another_figure_is_a_year():
    text = "Officials said North Korea sent Russia 800 containers 2023 122mm rounds and more"
    found = keys(claims(text))
    assert ("shipment", "containers", "NK->RU", 800, "exact") in found
    assert all(q != 2023 for _, _, _, q, _ in found)


# --- compound items ---------------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["ammunition containers", "weapons containers"])
def test_what_a_container_holds_names_the_container(what):
    text = f"North Korea has loaded thousands of {what} onto ships bound for Russia, Seoul said."
    assert keys(claims(text)) == [("shipment", "containers", "NK->RU", 2000, "at_least")]


# --- saying neither yes nor no ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang hadn't confirmed or denied that its soldiers were in Russia until this week.",
        "Moscow has not confirmed or denied buying North Korean shells.",
        "The Kremlin spoke for an hour without confirming or denying the arrival of North Korean troops.",
    ],
)
def test_not_confirming_or_denying_is_no_denial(sentence):
    assert "denial" not in [c.kind for c in claims(sentence)]


# --- the user's own forces and the weapons it fields ---------------------------------------------------


def test_russia_deploying_the_norths_missiles_is_their_use():
    text = "Kyiv's air force said Russia had deployed two North Korean KN-23 missiles and 30 drones against Odesa."
    assert keys(claims(text))[:1] == [("battlefield_use", "ballistic_missiles", "NK->RU", 2, "exact")]


def test_russia_deploying_the_norths_soldiers_is_still_a_deployment():
    text = "Russia has deployed North Korean soldiers to the Kursk region, Kyiv said."
    assert [c.kind for c in claims(text)] == ["troop_deployment"]


def test_russian_troops_in_lower_case_are_not_the_norths():
    text = "A diplomat said russian troops fired at least 7 North Korean ballistic missiles at Ukrainian towns."
    assert keys(claims(text)) == [("battlefield_use", "ballistic_missiles", "NK->RU", 7, "at_least")]


# --- which way things went ------------------------------------------------------------------------------


def test_the_north_supplying_russia_with_air_defence_is_a_shipment_to_russia():
    text = (
        "The study found North Korea has supplied Russia with, among other things, 122mm shells and mobile "
        "air-defence missiles."
    )
    found = keys(claims(text))
    assert ("shipment", "air_defense", "NK->RU", None, None) in found
    assert "technology_transfer" not in [kind for kind, *_ in found]


def test_russia_supplying_the_north_with_air_defence_is_still_help_given_back():
    text = "Russia has supplied North Korea with air defence systems in exchange for troops, Seoul said."
    assert ("technology_transfer", "air_defense", "RU->NK", None, None) in keys(claims(text))


def test_anti_air_missiles_are_air_defence():
    text = "Moscow handed Pyongyang fuel and anti-air missiles in return for soldiers, officials said."
    found = keys(claims(text))
    assert ("technology_transfer", "air_defense", "RU->NK", None, None) in found
    assert "ballistic_missiles" not in [item for _, item, *_ in found]


# --- things named without being sent ---------------------------------------------------------------------


def test_a_motive_read_into_the_deployment_is_no_claim():
    text = (
        "Seoul has accused the North of sending over 8,000 troops to Russia, with analysts saying Kim was "
        "keen to gain modern technology, and combat experience for his soldiers, in return."
    )
    assert keys(claims(text)) == [("troop_deployment", "troops", "NK->RU", 8000, "at_least")]


def test_an_arsenal_to_be_given_up_is_not_shipped():
    text = (
        "The ministers told the DPRK and Russia to halt unlawful arms transfers, and pressed the DPRK "
        "to move towards giving up its nuclear weapons, ballistic missiles and related programmes."
    )
    assert "ballistic_missiles" not in [c.item for c in claims(text)]


def test_what_a_plant_builds_is_not_help_given_back():
    text = (
        "Other North Korean specialists are being sent to Russian plants that build tanks, Ukraine's intelligence said."
    )
    assert "technology_transfer" not in [c.kind for c in claims(text)]


# --- figures a word away from their noun ------------------------------------------------------------------


def test_a_count_of_others_injured_is_the_wounded_count():
    text = "The NIS said about 200 North Korean soldiers had been killed in Kursk, with almost 2,500 others injured."
    assert ("casualties", "wounded", None, 2500, "about") in keys(claims(text))


# --- the page's own date and title, read from its text ----------------------------------------------------

CAPTIONED_PAGE = (
    "FILE - Officials shake hands in Pyongyang, North Korea, March 2, 2024. (AP Photo/A. Photographer)\n"
    "SEOUL, South Korea (AP) - May 14, 2025\n"
    "North Korea has sent about 3,000 more troops to Russia, South Korea's spy agency said on Tuesday.\n"
)


def test_a_photo_captions_date_is_not_the_publication_date():
    assert find_date(CAPTIONED_PAGE) == dt.date(2025, 5, 14)


def test_a_date_line_is_still_the_publication_date():
    assert find_date("Posted Nov 01, 2023\nNorth Korea sent shells to Russia on 2023-10-20.") == dt.date(2023, 11, 1)


def test_a_publishers_name_above_the_article_is_not_its_title():
    page = "Ministry of Foreign Affairs\nNorth Korea sent 2,000 troops to Russia in October, the ministry said.\n"
    assert analyse(page, today=PUB)["article"]["title"] is None


def test_a_title_case_headline_is_still_the_title():
    page = "Seoul Says North Korea Sent More Troops\nNorth Korea sent 2,000 troops to Russia, Seoul said.\n"
    assert analyse(page, today=PUB)["article"]["title"] == "Seoul Says North Korea Sent More Troops"


# --- words that look like other things ---------------------------------------------------------------------


def test_a_calibre_in_inches_is_not_a_count():
    text = "The report said North Korea may have supplied Russia with 4.8-inch artillery shells and anti-tank missiles."
    assert all(c.quantity is None for c in claims(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "North Korean specialists are being sent to Russian plants that make ammunition and weapons, including "
        "tanks, armoured personnel carriers, infantry fighting vehicles and trucks, the agency said.",
        "North Korea sent armoured personnel carriers to Russia, Kyiv said.",
    ],
)
def test_armoured_vehicles_named_after_people_are_not_troops(sentence):
    assert "troops" not in [c.item for c in claims(sentence)]


def test_armoured_personnel_carriers_are_military_equipment():
    text = "North Korea sent armoured personnel carriers to Russia, Kyiv said."
    assert keys(claims(text)) == [("shipment", "military_equipment", "NK->RU", None, None)]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_possessive_names_another_owner_with_either_apostrophe(apostrophe):
    assert cues.OTHER_OWNER.search(f"resembles Russia{apostrophe}s Iskander ")


# --- an owner's word before the thing a transfer verb moves ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("North Korea sent its artillery shells to Russia.", "artillery_shells"),
        ("Pyongyang has shipped its older missiles to Moscow, officials said.", "ballistic_missiles"),
        ("The North is supplying their rockets to Russian forces, the ministry said.", "rockets"),
    ],
)
def test_a_thing_a_transfer_verb_moves_is_shipped_even_when_its_owner_is_named(sentence, item):
    # "its", "their" before the thing usually means it stays home ("to improve their weapons"), but not
    # when the transfer verb takes it as its object
    found = [c for c in claims(sentence) if c.kind == "shipment" and c.direction == "NK->RU"]
    assert [c.item for c in found] == [item]


def test_a_thing_kept_by_its_owner_is_still_not_shipped():
    found = claims("North Korea wants Russian help to improve its missiles, Seoul said.")
    assert not [c for c in found if c.kind == "shipment" and c.direction == "NK->RU"]
