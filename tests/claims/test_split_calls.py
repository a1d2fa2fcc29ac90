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
