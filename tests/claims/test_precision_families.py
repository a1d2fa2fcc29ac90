"""Precision by families of wordings (issue 14, session 10): claims read where the text tells no flow between the
North and Russia, no fact, or a count of something else. Sentences written for these tests; each family has near
misses that must keep their claim."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 14)
# An opening that names the North and no thing, so that the sentence after it is read in the article's context
# and no claim of the opening absorbs it.
OPENING = "The war in Ukraine has drawn in North Korea, officials say. "


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def flows(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, item, direction) of each claim told in the sentence after the opening."""
    return [(c.kind, c.item, c.direction) for c in claims(OPENING + text) if c.span[0] >= len(OPENING)]


# --- 1. the claim's own clause must tell a flow between the North and Russia ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "With its stocks running low, Russia is now firing about 8,000 rounds a day, an analyst said.",
        "Moscow has gathered a force of 40,000 soldiers for a push towards the river, a newspaper reported.",
        "Some analysts think Russia weakened its own defences by sending too many weapons to the front.",
        "Ukrainian gunners are firing shells at a similar pace, the officer said.",
    ],
)
def test_an_army_acting_on_its_own_things_is_no_north_korean_transfer(text):
    assert not [f for f in flows(text) if f[2] == "NK->RU"]


@pytest.mark.parametrize(
    ("text", "kind", "item"),
    [
        # told before: the missiles of the opening's kind, fired by their user
        ("Russia fired the shells at Kharkiv overnight, Kyiv said.", "battlefield_use", "artillery_shells"),
        # Russia as the receiver, not the actor
        ("Russia has received more than a million shells since August, Seoul said.", "shipment", "artillery_shells"),
        # the North named in the sentence itself
        (
            "Russia is firing North Korean shells at Ukrainian positions, Kyiv said.",
            "battlefield_use",
            "artillery_shells",
        ),
    ],
)
def test_the_norths_things_used_or_received_by_russia_keep_their_claim(text, kind, item):
    assert (kind, item, "NK->RU") in flows(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Ukrainian forces captured two soldiers in Kursk on Saturday.", "captured"),
        ("Ukraine has killed or wounded 3,000 soldiers in Kursk, Zelensky said.", "killed_or_wounded"),
    ],
)
def test_the_norths_soldiers_harmed_by_the_other_army_keep_their_casualty(text, item):
    assert ("casualties", item, None) in flows(text)


def test_the_norths_weapons_destroyed_by_the_other_army_keep_their_use():
    text = "Ukrainian troops have destroyed several of the launchers near Kursk."
    assert ("battlefield_use", "missile_launchers", "NK->RU") in flows(text)


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Russia provided missiles and radars to strengthen the air defences for Pyongyang.",
        "Officials say Russia is believed to be giving technical help in North Korea's missile programme.",
        "Most of all, Kim hopes to be provided with ballistic missiles and nuclear know-how from Russia.",
    ],
)
def test_things_russia_gives_the_north_are_no_north_korean_shipment(text):
    assert ("shipment", "ballistic_missiles", "NK->RU") not in flows(text)


def test_what_russia_pays_for_keeps_the_norths_shipment():
    # "for North Korean missiles" names what the North gave, not the North as what Russia's oil is for
    text = "Seoul says Russia has handed over oil for North Korean missiles."
    assert ("shipment", "ballistic_missiles", "NK->RU") in flows(text)


def test_export_curbs_on_technology_for_russias_industry_are_no_help_to_the_north():
    text = "The sanctions also limit exports of machine tools and other technologies used by the Russian arms industry."
    assert not [f for f in flows(text) if f[0] == "technology_transfer"]


def test_technology_for_the_norths_programme_keeps_its_claim():
    text = "Seoul says Russia has given Pyongyang technology for its spy satellites."
    assert any(f[0] == "technology_transfer" and f[2] == "RU->NK" for f in flows(text))


# --- 2. a worry, a purpose or talk of a possibility is no fact ------------------------------------------------


def test_a_purpose_of_use_is_no_use_but_the_shipment_stands():
    text = "Seoul says North Korea is supplying Russia with shells to be used against Ukraine."
    assert flows(text) == [("shipment", "artillery_shells", "NK->RU")]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Seoul says the shells were used in attacks on Kharkiv.", "artillery_shells"),
        ("Seoul says the North Korean troops were confirmed to be engaging in combat in Kursk.", "troops"),
    ],
)
def test_things_reported_used_keep_their_use(text, item):
    assert ("battlefield_use", item, "NK->RU") in flows(text)


def test_an_attack_drone_is_a_weapon_not_an_attack():
    text = "Kyiv says Iran sold attack drones to Russia and that Wagner took delivery of arms from North Korea."
    assert flows(text) == [("shipment", "munitions", "NK->RU")]


def test_an_attack_told_as_an_attack_keeps_its_use():
    text = "Russia fired North Korean missiles in an attack on Kyiv, officials said."
    assert ("battlefield_use", "ballistic_missiles", "NK->RU") in flows(text)


@pytest.mark.parametrize(
    "text",
    [
        "The leaders discussed potential Russian support for North Korea's satellite program.",
        "Tokyo voiced concern over Russian President Vladimir Putin's suggestion that military technology cooperation "
        "with North Korea will be deepened.",
        "Japan expressed concern over the Russian leader's hint that Moscow could share military technology with "
        "Pyongyang.",
        "Analysts said the transfer of advanced fighter jets would transform the North's air force.",
    ],
)
def test_a_possibility_talked_of_worried_over_or_told_as_what_it_would_do_is_no_transfer(text):
    assert not [f for f in flows(text) if f[0] == "technology_transfer"]


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Russia has given the North help with its satellite programme.",
        # a worry about a fact told as a fact
        "Tokyo expressed concern that Russia has shared military technology with Pyongyang.",
        # "would" about what the transfer does, the transfer itself told as done
        "Seoul says Russia has transferred advanced fighter jets to the North, which would transform its air force.",
    ],
)
def test_a_transfer_told_as_done_keeps_its_claim(text):
    assert any(f[0] == "technology_transfer" and f[2] == "RU->NK" for f in flows(text))


# --- 3. a count of something else is not the claim's figure or thing -------------------------------------------


def test_the_class_a_named_weapon_belongs_to_is_no_thing_of_its_own():
    text = "A Ukrainian officer said a North Korean missile was one of the weapons fired at the city overnight."
    assert flows(text) == [("battlefield_use", "ballistic_missiles", "NK->RU")]


def test_one_of_the_missiles_doing_something_keeps_its_claim():
    found = [(c.kind, c.item, c.quantity) for c in claims(OPENING + "Kyiv says one of the missiles hit a school.")]
    assert ("battlefield_use", "ballistic_missiles", 1) in found


def test_faces_shown_at_a_ceremony_count_no_soldiers_sent():
    text = "At a ceremony showing the faces of 120 North Korean soldiers, Kim praised the heroes of the Kursk fighting."
    assert not [c for c in claims(OPENING + text) if c.kind == "troop_deployment"]


def test_soldiers_counted_as_sent_keep_their_figure():
    found = [(c.kind, c.quantity) for c in claims(OPENING + "Seoul says 120 North Korean soldiers were sent to Kursk.")]
    assert ("troop_deployment", 120) in found


def test_a_stock_someone_holds_is_no_transfer():
    text = (
        "Analysts say jet transfers to the North will be limited by Russia's fleet, which numbered some 180 fighters."
    )
    assert flows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Russia has given the North 20 MiG-29 fighter jets.",
        "Seoul says the North has sent Russia 2 million shells from its stockpile of old ammunition.",
        "Seoul says the North sent 2 million shells, part of a stockpile of 5 million.",
    ],
)
def test_things_moved_from_a_stock_keep_their_count(text):
    assert [c.quantity for c in claims(OPENING + text) if c.span[0] >= len(OPENING)] in ([20], [2_000_000])


def test_people_counted_at_the_border_are_not_soldiers():
    text = "Nearly 12,000 North Koreans entered Russia last year, the Russian border service said."
    assert not [c for c in claims(OPENING + text) if c.item == "troops"]


def test_soldiers_counted_at_the_border_are_still_soldiers():
    found = [(c.kind, c.quantity) for c in claims(OPENING + "Seoul says 12,000 North Korean soldiers entered Russia.")]
    assert ("troop_deployment", 12000) in found
