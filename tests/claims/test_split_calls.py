"""Calls two labellers split on (docs/claims-conventions.md, 17a-17j), as the extractor applies them."""

from __future__ import annotations

import pytest

from tests.support.claim_readings import claims, readings


def test_russian_help_with_drones_is_military_technology_not_the_drones_the_north_ships():
    # 17f: the contract's list of what Russia gives has no drones; `drones` is a thing the North sends
    helped = readings("Moscow is helping Pyongyang build a plant for attack drones, Seoul's spy agency said.")
    assert ("technology_transfer", "military_technology") in helped, helped
    assert not any(item == "drones" for _, item in helped), helped
    know_how = readings("Pyongyang is getting Russian drone know-how in return for its troops, the agency said.")
    assert ("technology_transfer", "military_technology") in know_how, know_how


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv's spy chief says Moscow has agreed to set up factories in North Korea to make a Russian copy of "
        "Iranian attack drones.",
        "Kyiv says Russia will build a plant in North Korea for the production of attack drones.",
    ],
)
def test_a_drone_plant_russia_builds_in_the_north_is_its_drone_help(text):
    # 17f: Russia's help with drones, told as the plant it sets up in the North
    assert ("technology_transfer", "military_technology") in readings(text)


def test_a_plant_russia_builds_in_the_north_with_no_product_named_is_no_help_read():
    assert not readings("Kyiv says Russia has built a plant in North Korea.")


def test_a_denied_drone_help_is_denied_as_military_technology():
    denied = {(c.kind, c.item, c.direction) for c in claims("The Kremlin denied helping Pyongyang build drones.")}
    assert denied == {("denial", "military_technology", "RU->NK")}, denied


def flows(text: str) -> set[tuple[str, str, str | None]]:
    return {(c.kind, c.item, c.direction) for c in claims(text)}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Russia has given North Korea drones, Seoul said.", "military_technology"),
        ("Russia gave attack drones to North Korea last year, according to Seoul.", "military_technology"),
        ("Moscow has handed Pyongyang a batch of 152mm shells, a lawmaker said.", "military_technology"),
        ("Pyongyang received multiple rocket launchers from Moscow, the agency said.", "military_technology"),
        ("Russia supplied North Korea with cruise missiles, Kyiv said.", "missile_technology"),
    ],
)
def test_materiel_russia_gives_the_north_is_its_technology_transfer(text: str, item: str) -> None:
    # 17f and the contract: what the contract lists only as the North's (shells, drones, launchers) is, when Russia
    # gives it, technology off the list of what Russia gives back; missiles are on that list, as missile help
    assert flows(text) == {("technology_transfer", item, "RU->NK")}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Attack drones were handed to Pyongyang by Moscow last spring, Kyiv said.", "military_technology"),
        ("The North was given a batch of 122mm shells by Russia, a lawmaker said.", "military_technology"),
        ("Cruise missiles have been supplied to North Korea by Moscow, Seoul said.", "missile_technology"),
        ("North Korea has been given tanks by Russia, the agency said.", "tanks"),
    ],
)
def test_materiel_russia_gives_the_north_reads_the_same_in_the_passive(text: str, item: str) -> None:
    # 17f: "X was given to the North by Russia" and "the North was given X by Russia" are the active gift reworded
    assert flows(text) == {("technology_transfer", item, "RU->NK")}


@pytest.mark.parametrize(
    "text",
    [
        "Shells were handed to Russia by the North last year, Kyiv said.",
        "Russia has been given shells by North Korea, Kyiv said.",
    ],
)
def test_a_passive_gift_from_the_north_stays_its_shipment(text: str) -> None:
    # the giver named after "by" is the North: the things flow to Russia as ever
    assert flows(text) == {("shipment", "artillery_shells", "NK->RU")}


def test_the_norths_side_of_a_trade_is_not_russias_gift() -> None:
    # the missiles after "in exchange for" are what the North pays with, not a second thing Russia hands over
    found = flows("Moscow supplied Pyongyang with drones in exchange for ballistic missiles, Seoul said.")
    assert ("technology_transfer", "military_technology", "RU->NK") in found, found
    assert ("technology_transfer", "missile_technology", "RU->NK") not in found, found


def test_what_russia_gets_before_it_gives_is_not_its_gift() -> None:
    # the shells are what Moscow got: not a transfer of Russia's, whatever Russia sends after
    found = flows("Moscow got shells and sent oil to Pyongyang, Seoul said.")
    assert not [f for f in found if f[0] == "technology_transfer"], found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("The Kremlin denied giving drones to North Korea.", "military_technology"),
        ("Peskov denied that Moscow was supplying missiles to Pyongyang.", "missile_technology"),
        ("Russia denied it had sent any artillery shells to North Korea.", "military_technology"),
    ],
)
def test_a_denied_gift_of_materiel_to_the_north_is_denied_as_russias_transfer(text: str, item: str) -> None:
    # 17f: denials of Russia's help read as the help does
    denied = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert denied == {("denial", item, "RU->NK")}, denied


def test_drones_russia_flies_itself_are_still_no_claim() -> None:
    # the gift is Russia's only where it is told giving them to the North
    assert not claims("Russian crews launched forty drones at Kharkiv overnight, Kyiv said.")


def test_drone_know_how_the_north_supplies_stays_drones():
    # the same words flowing the other way are a thing the North ships, which the contract calls drones
    sent = readings("North Korea is supplying Russia with drone technology, Kyiv said.")
    assert sent == {("shipment", "drones")}, sent


def figures_by_source(text: str) -> set[tuple[str, str, str, float | None]]:
    return {(c.kind, c.item, c.source, c.quantity) for c in claims(text)}


def test_a_count_confirmed_by_another_voice_is_that_voices_claim_without_a_figure():
    # 17j: one claim per source, and the contract's figure is a number the text gives
    found = figures_by_source(
        "Kyiv's military intelligence puts the North Korean force in Russia at some 12,000 soldiers. "
        "The Pentagon confirmed similar estimates on Monday."
    )
    assert ("troop_deployment", "troops", "Ukraine HUR", 12000) in found, found
    assert ("troop_deployment", "troops", "Pentagon", None) in found, found
    shipped = figures_by_source(
        "Seoul's spy agency says Pyongyang has loaded 9,000 containers of munitions for Russia. "
        "Japan's defence ministry corroborated the count."
    )
    assert ("shipment", "containers", "Japan government", None) in shipped, shipped


def test_a_party_confirming_a_count_of_its_soldiers_admits_them():
    found = figures_by_source(
        "Seoul says some 14,000 North Korean soldiers are in Russia. The Kremlin confirmed the figure on Tuesday."
    )
    assert ("confirmation", "troops", "Russia Kremlin", None) in found, found


def test_a_count_left_unconfirmed_gives_the_other_voice_no_claim():
    for withheld in ("NATO has not confirmed the figure.", "NATO declined to corroborate the count."):
        found = figures_by_source(f"Kyiv says 2,500 North Korean soldiers have been killed near Kursk. {withheld}")
        assert {source for _, _, source, _ in found} == {"Ukraine government"}, (withheld, found)
