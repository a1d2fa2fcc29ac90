"""Calls two labellers split on (docs/claims-conventions.md, 17a-17j), as the extractor applies them."""

from __future__ import annotations

from tests.support.claim_readings import claims, readings


def test_russian_help_with_drones_is_military_technology_not_the_drones_the_north_ships():
    # 17f: the contract's list of what Russia gives has no drones; `drones` is a thing the North sends
    helped = readings("Moscow is helping Pyongyang build a plant for attack drones, Seoul's spy agency said.")
    assert ("technology_transfer", "military_technology") in helped, helped
    assert not any(item == "drones" for _, item in helped), helped
    know_how = readings("Pyongyang is getting Russian drone know-how in return for its troops, the agency said.")
    assert ("technology_transfer", "military_technology") in know_how, know_how


def test_a_denied_drone_help_is_denied_as_military_technology():
    denied = {(c.kind, c.item, c.direction) for c in claims("The Kremlin denied helping Pyongyang build drones.")}
    assert denied == {("denial", "military_technology", "RU->NK")}, denied


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
