"""Precision of round 22 (issue 14): extra claims and wrong items, each family tested on sentences written for these
tests (none is a page's wording), and the label calls 22g-22l (docs/claims-conventions.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 4)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def facts(text: str) -> set[tuple[str, str, str | None]]:
    return {(c.kind, c.item, c.direction) for c in claims(text)}


def items(text: str) -> set[str]:
    return {c.item for c in claims(text)}


# --- 22g: "rounds of ammunition" with no calibre or gun named is ammunition in general --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Analysts estimate the trains hauled about three million rounds of ammunition from North Korea to Russia.",
        "Pyongyang has delivered millions of rounds of ammo to the Russian army, the ministry said.",
        "The cargo is thought to have included several million individual rounds of ammunition bound for Russia, "
        "North Korea's customers.",
    ],
)
def test_rounds_of_ammunition_are_munitions(text):
    assert "munitions" in items(text)
    assert "artillery_shells" not in items(text)


@pytest.mark.parametrize(
    "text",
    [
        # a calibre before or just after, or artillery named with the rounds, keeps them shells
        "North Korea sent Moscow about two million rounds of ammunition, mostly 152 mm, officials said.",
        "North Korea sent Moscow about two million 122mm rounds of ammunition, officials said.",
        "North Korea sent Moscow about two million rounds of artillery ammunition, officials said.",
        "North Korea sent Moscow about two million artillery rounds, officials said.",
        "North Korea sent Moscow about two million rounds, officials said.",
    ],
)
def test_rounds_named_by_calibre_or_artillery_stay_shells(text):
    assert "artillery_shells" in items(text)


# --- 22h: what a weapon can fire describes the weapon -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang handed Russia 30 multiple rocket launchers that can fire both guided and unguided rockets.",
        "The North delivered 40 rocket launchers to Moscow, each of them able to fire 240mm rockets.",
        "North Korea has sent Russia self-propelled howitzers capable of firing 170mm shells, officials in Kyiv said.",
    ],
)
def test_what_a_weapon_can_fire_is_no_second_thing_sent(text):
    got = items(text)
    assert got & {"multiple_rocket_launchers", "self_propelled_guns"}
    assert not got & {"rockets", "artillery_shells"}


def test_rockets_fired_by_the_launchers_are_still_a_use():
    # a clause of a past act, not of ability: the rockets were used
    assert ("battlefield_use", "rockets", "NK->RU") in facts(
        "Ukraine says North Korean launchers that fired rockets at Kharkiv were shipped by Pyongyang to Russia."
    )


# --- 22i: losses named as a cause are the losses the article counts ----------------------------------------------

COUNTED_LOSSES = "Kyiv estimates that some 2,500 North Korean soldiers sent to Russia have been killed or wounded."


@pytest.mark.parametrize(
    "told_as_cause",
    [
        "North Korean units in Kursk have slowed their assaults because of mounting casualties, a spokesman said.",
        "The North Korean soldiers were pulled back from the front owing to heavy losses, according to the general.",
        "A lawmaker in Seoul said the heavy casualties among the North Koreans were due to their lack of drone training.",
    ],
)
@pytest.mark.parametrize("count_first", [True, False])
def test_losses_named_as_a_cause_fold_into_the_count(told_as_cause, count_first):
    text = f"{COUNTED_LOSSES}\n\n{told_as_cause}" if count_first else f"{told_as_cause}\n\n{COUNTED_LOSSES}"
    losses = [c for c in claims(text) if c.kind == "casualties"]
    assert [(c.item, c.quantity) for c in losses] == [("killed_or_wounded", 2500)]


def test_losses_named_as_a_cause_stand_where_nothing_counts_them():
    text = "North Korean units in Kursk have slowed their assaults because of mounting casualties, a spokesman said."
    assert ("casualties", "killed_or_wounded", None) in facts(text)


def test_losses_told_as_news_beside_a_count_stand():
    # told as what happened, not as a cause: another voice's word on the losses (the labels count each)
    text = f"{COUNTED_LOSSES}\n\nThe Pentagon said North Korean troops are suffering significant losses in Kursk."
    assert len([c for c in claims(text) if c.kind == "casualties"]) == 2


# --- 22j: technology a third party gives Russia is no transfer to the North --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Investigators say the suppliers had furnished Russia with guidance technology for its cruise missiles.",
        "A Hong Kong trading house sold Moscow machine tools and drone know-how, the sanctions notice says.",
        "The companies are accused of equipping the Russian military with satellite navigation technology.",
        "Tehran has given Russia missile expertise since 2022, Western officials believe.",
    ],
)
def test_technology_given_to_russia_by_a_third_party_is_no_transfer_to_the_north(text):
    assert not any(c.kind == "technology_transfer" for c in claims(text))


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Moscow has supplied Pyongyang with missile technology, Seoul's spy agency said.", "missile_technology"),
        ("Russia has given North Korea satellite know-how since the summit, officials say.", "satellite_technology"),
    ],
)
def test_russias_technology_for_the_north_stands(text, item):
    assert ("technology_transfer", item, "RU->NK") in facts(text)


# --- 22k: equipment in general named with the things it includes is their heading --------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "Russia has provided North Korea with advanced weapons systems, including S-400 air defence batteries, Seoul said.",
            ("technology_transfer", "air_defense", "RU->NK"),
        ),
        (
            "Pyongyang shipped Moscow a great deal of military hardware, such as self-propelled howitzers, last year.",
            ("shipment", "self_propelled_guns", "NK->RU"),
        ),
    ],
)
def test_equipment_named_with_what_it_includes_is_their_heading(text, named):
    got = facts(text)
    assert named in got
    assert not any(item == "military_equipment" for _, item, _ in got)


def test_equipment_beside_other_things_stands():
    # joined by "and", not a heading of what follows: each is its own item (convention 7)
    got = facts("Pyongyang shipped military equipment and self-propelled howitzers to Moscow last year.")
    assert {("shipment", "military_equipment", "NK->RU"), ("shipment", "self_propelled_guns", "NK->RU")} <= got


# --- 22l: every thing listed as the contents of counted containers is their contents ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Pyongyang has shipped some 9,000 containers of shells, guided missiles, towed guns and "
        "mortar bombs to Russia.",
        "The North has sent Moscow 2,500 containers worth of arms and military hardware, Washington said.",
        "More than 4,000 containers carrying rockets, explosives, and heavy artillery crossed into Russia.",
    ],
)
def test_things_listed_in_counted_containers_are_their_contents(text):
    got = claims(text)
    assert [(c.kind, c.item) for c in got] == [("shipment", "containers")]


def test_things_told_apart_from_counted_containers_stand():
    # a second clause, not a list of what the containers hold
    got = facts(
        "Pyongyang has shipped some 9,000 containers of shells to Russia and has also sent it ballistic missiles."
    )
    assert {("shipment", "containers", "NK->RU"), ("shipment", "ballistic_missiles", "NK->RU")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Kyiv say Pyongyang sent containers with as many as four million shells to Russia.",
        "The North is believed to have shipped containers with roughly 3 million rounds of artillery ammunition to Russia.",
    ],
)
def test_uncounted_containers_with_a_count_of_contents_are_that_count(text):
    # convention 17b: the count is of what they hold; the figure-less containers tell the same shipment again
    assert [c.item for c in claims(text)] == ["artillery_shells"]


def test_listed_contents_of_uncounted_containers_are_the_claims():
    got = facts("North Korea loaded containers of shells, missiles and rockets onto ships bound for Russia.")
    assert {("shipment", "artillery_shells", "NK->RU"), ("shipment", "rockets", "NK->RU")} <= got


# --- the other side's own things and losses (plain readings, no label call) ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The upgraded North Korean rockets are proving hard for Ukraine's air defense systems to intercept.",
        "Improved North Korean missiles keep evading Ukrainian air defences, Kyiv's air force says.",
        "Since the upgrade, the North Korean missiles have been harder for Ukraine's air defenses to track.",
    ],
)
def test_the_other_sides_own_defences_are_no_transfer(text):
    assert not any(c.kind == "technology_transfer" for c in claims(text))


def test_russias_technology_for_the_north_named_by_its_maker_stands():
    assert ("technology_transfer", "air_defense", "RU->NK") in facts(
        "Russia has delivered Pantsir air defense systems to North Korea, Seoul said."
    )


def test_soldiers_russia_has_lost_are_no_casualties_of_the_north():
    text = (
        "North Korea has sent 11,000 troops to Russia, Seoul says.\n\n"
        "Russia has lost more than 600,000 soldiers killed or wounded since 2022, British intelligence says."
    )
    assert not any(c.kind == "casualties" for c in claims(text))


def test_a_sentence_glued_to_one_opening_with_an_acronym_is_split():
    # page clutter drops the space after a stop; the next sentence's count of ships is no count of containers
    text = (
        "Satellite photos showed a ship carrying containers of shells from Rajin to Russia.UN monitors said it was "
        "one of five Russian freighters used for the trade."
    )
    assert [(c.item, c.quantity) for c in claims(text)] == [("artillery_shells", None)]


# --- dev12 (studied after its first run): parts of a count, measures backed by Russia, a loss explained ----------


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Kyiv says the force counts about 800 officers, including four generals of the North's army.", [800]),
        (
            "Seoul says Pyongyang sent 9,000 soldiers, among them 2,000 soldiers of its special forces, to Russia.",
            [9000],
        ),
    ],
)
def test_a_part_of_a_count_of_the_same_people_is_no_claim(text, counts):
    assert [c.quantity for c in claims(text) if c.quantity is not None] == counts


def test_a_part_of_another_item_keeps_its_count():
    # officers inside a count of troops are their own item (the labels give both)
    got = {(c.item, c.quantity) for c in claims("North Korea sent 12,000 troops, including 500 officers, to Russia.")}
    assert {("troops", 12000), ("military_officers", 500)} <= got


@pytest.mark.parametrize(
    "text",
    [
        "The North has pushed ahead with its missile programme despite sanctions backed by Russia at the UN.",
        "Its nuclear programme grew for years in spite of UN resolutions that were supported by Moscow.",
    ],
)
def test_measures_russia_backed_are_no_help_to_the_north(text):
    assert not any(c.kind == "technology_transfer" for c in claims(text))


def test_russias_backing_of_a_programme_stays_help():
    assert ("technology_transfer", "satellite_technology", "RU->NK") in facts(
        "The North's satellite programme is supported by Russia, Seoul says."
    )


def test_losses_that_could_be_explained_fold_into_the_count():
    text = (
        "Officials said the high number of casualties among the North Korean soldiers could be attributed to drones."
        f"\n\n{COUNTED_LOSSES}"
    )
    assert [c.quantity for c in claims(text) if c.kind == "casualties"] == [2500]


# --- a thing said to be made in the North, then used: its origin, not the North's output --------------------------


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Kyiv says rockets designed and built in North Korea were fired at Kharkiv overnight.", "rockets"),
        (
            "Investigators found that shells manufactured by North Korean plants were used against Ukrainian units.",
            "artillery_shells",
        ),
        (
            "The report says missiles produced in the DPRK have been launched against Ukraine's cities.",
            "ballistic_missiles",
        ),
    ],
)
def test_a_thing_made_in_the_north_then_used_is_a_use(text, item):
    got = facts(text)
    assert ("battlefield_use", item, "NK->RU") in got
    assert not any(kind == "production" for kind, _, _ in got)


def test_output_told_with_a_participle_stays_production():
    assert any(
        c.kind == "production" for c in claims("Shells produced in North Korea last year doubled, a study found.")
    )
