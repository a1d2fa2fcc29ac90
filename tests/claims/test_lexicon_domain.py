"""The domain lexicon audited against what is known of the North Korea-Russia arms trade (session 11): the names
of the weapons, systems, goods, units and places that reporting uses, each read as its contract item. The audit
worked from domain knowledge, not from any article; these sentences are written for the tests."""

from __future__ import annotations

import pytest

from monitor.claims.lexicon import ITEMS, NK, RU
from tests.support.claim_readings import claims, readings

# --- the North's weapons by name, calibre and nickname ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("Kyiv says North Korea has shipped 170-millimetre guns to Russia.", "self_propelled_guns"),
        ("Kyiv says North Korea has shipped Juche-po guns to Russia.", "self_propelled_guns"),
        ("Kyiv says North Korea has shipped SPGs to Russia by rail.", "self_propelled_guns"),
        ("Analysts say North Korea has shipped Type 75 launchers to Russia.", "multiple_rocket_launchers"),
        ("Analysts say North Korea has shipped Type-63 rocket launchers to Russia.", "multiple_rocket_launchers"),
        ("Kyiv says North Korean Iskanders have been supplied to Russia.", "ballistic_missiles"),
        ("Kyiv says North Korea has shipped mortar ammunition to Russia.", "artillery_shells"),
        ("Kyiv says North Korea has shipped 82mm mortar munitions to Russia.", "artillery_shells"),
        ("Kyiv says North Korea has shipped loitering munitions to Russia.", "drones"),
    ],
)
def test_the_norths_weapons_by_name_are_their_items(text, item):
    assert ("shipment", item) in readings(text)


def test_a_type_number_and_its_launcher_are_one_thing():
    items = {item for _, item in readings("Analysts say North Korea has shipped Type 75 launchers to Russia.")}
    assert items == {"multiple_rocket_launchers"}


def shipped_items(text: str) -> set[str]:
    return {item for kind, item in readings(text) if kind == "shipment"}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says Pyongyang has sent KN-25 launchers to Russia.",
        "Kyiv says Pyongyang has sent KN-25 super-large rocket launchers to Russia.",
        "Kyiv says Pyongyang has sent the KN-25 rocket system to Russia.",
        "Kyiv says Pyongyang has sent Russia the KN-25, a 600mm multiple rocket launcher.",
    ],
)
def test_the_kn25_called_a_launcher_is_a_multiple_launcher_only(text):
    assert shipped_items(text) == {"multiple_rocket_launchers"}


def test_the_kn25_alone_is_the_short_range_missile_it_is_reported_as():
    assert shipped_items("Kyiv says Pyongyang has sent KN-25s to Russia.") == {"ballistic_missiles"}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says Pyongyang has sent Russia 80,000 MLRS rounds.",
        "Kyiv says Pyongyang has sent Russia 80,000 rounds for multiple rocket launchers.",
        "Kyiv says Pyongyang has sent Russia 80,000 Grad rounds.",
    ],
)
def test_rounds_named_by_the_multiple_launcher_that_fires_them_are_rockets(text):
    found = {(c.kind, c.item, c.quantity) for c in claims(text)}
    assert found == {("shipment", "rockets", 80000)}, found


def test_multiple_launcher_ammunition_is_rockets_not_ammunition_in_general():
    assert shipped_items("Kyiv says Pyongyang has sent Russia multiple rocket launcher ammunition.") == {"rockets"}


def test_launcher_rounds_listed_beside_shells_are_rockets_but_a_noun_shared_with_artillery_is_one_count():
    assert shipped_items("Kyiv says Pyongyang has sent Russia shells and MLRS rounds.") == {
        "artillery_shells",
        "rockets",
    }
    mixed = {
        (c.item, c.quantity) for c in claims("Pyongyang sent Moscow 4 million rounds of artillery and MRL ammunition.")
    }
    assert mixed == {("artillery_shells", 4000000)}, mixed


@pytest.mark.parametrize(
    "text",
    ["Kyiv says Pyongyang has sent Russia 30 BM-21 Grad launchers.", "Kyiv says Pyongyang has sent Russia Grads."],
)
def test_the_grad_is_a_multiple_rocket_launcher(text):
    assert shipped_items(text) == {"multiple_rocket_launchers"}


def test_loitering_munitions_are_drones_not_munitions_in_general():
    items = {item for _, item in readings("Kyiv says North Korea has shipped loitering munitions to Russia.")}
    assert "munitions" not in items


@pytest.mark.parametrize(
    "text, item",
    [
        ("Kyiv says North Korea has shipped towed artillery to Russia.", "artillery_systems"),
        ("Kyiv says North Korea has shipped towed guns to Russia.", "artillery_systems"),
        ("Kyiv says North Korea has shipped gunpowder to Russia.", "munitions"),
    ],
)
def test_guns_and_what_fires_them_named_by_kind(text, item):
    assert ("shipment", item) in readings(text)


def test_towed_artillery_is_the_guns_not_their_shells():
    got = readings("Kyiv says North Korea has shipped towed artillery to Russia.")
    assert ("shipment", "artillery_shells") not in got


# --- what Russia gives back, by name -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("Seoul says Russia has given North Korea SAM systems for the capital.", "air_defense"),
        ("Seoul says Russia has given North Korea surface-to-air missile systems.", "air_defense"),
        ("Seoul says Russia may sell Sukhoi fighters to North Korea.", "fighter_jets"),
        ("Seoul says Russia is giving North Korea naval nuclear propulsion technology.", "submarine_technology"),
        ("Seoul says Russia is sharing naval reactor systems with North Korea.", "submarine_technology"),
    ],
)
def test_what_russia_gives_by_name_is_its_item(text, item):
    assert ("technology_transfer", item) in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Moscow has begun supplying Pyongyang with tanks and planes.",
        "Seoul says Russia has handed North Korea military aircraft in return for its troops.",
    ],
)
def test_aircraft_of_no_named_kind_are_aircraft_help(text):
    # the corpus labels the word "aircraft" as aircraft_technology; fighters by name stay fighter_jets
    assert ("technology_transfer", "aircraft_technology") in readings(text)


def test_the_aircraft_pointing_back_to_jets_named_before_are_those_jets():
    got = readings(
        "Seoul says Russia will give North Korea MiG-29 fighter jets. The aircraft Russia plans to send are old models."
    )
    assert ("technology_transfer", "fighter_jets") in got, got
    assert ("technology_transfer", "aircraft_technology") not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says North Korea sent anti-aircraft missiles to Russia.",
        "Kyiv says North Korea sent anti aircraft guns to Russia.",
    ],
)
def test_anti_aircraft_arms_are_not_aircraft(text):
    assert ("technology_transfer", "aircraft_technology") not in readings(text)


def test_nuclear_propulsion_is_the_submarines_not_nuclear_know_how_in_general():
    got = readings("Seoul says Russia is giving North Korea naval nuclear propulsion technology.")
    assert ("technology_transfer", "nuclear_technology") not in got


def test_the_people_who_run_air_defence_are_not_the_systems():
    got = readings("Kyiv says North Korea sent 3,000 SAM operators to Russia.")
    assert ("technology_transfer", "air_defense") not in got


def test_a_person_named_sam_is_no_air_defence():
    got = readings("Sam Kim, an analyst in Seoul, said North Korea sent shells to Russia.")
    assert not any(item == "air_defense" for _, item in got)


def test_foreign_exchange_paid_to_the_north_is_cash():
    assert ("compensation", "cash") in readings(
        "Seoul says Russia pays North Korea in foreign exchange for the shells."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Seoul believes Russia paid North Korea in rubles for the shells.",
        "Seoul believes Russia paid North Korea in roubles for the shells.",
    ],
)
def test_roubles_in_either_spelling_are_cash(text):
    assert ("compensation", "cash") in readings(text)


def test_a_sum_in_rubles_keeps_its_figure():
    got = [c for c in claims("Kyiv says Russia paid North Korea 20 billion rubles for the shells.") if c.item == "cash"]
    assert [c.quantity for c in got] == [20_000_000_000]


# --- people: who clears mines, who builds, which units -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says North Korea sent 1,000 mine clearers to Russia's Kursk region.",
        "Seoul says North Korea sent 1,000 de-miners to Russia's Kursk region.",
        "Seoul says North Korea sent 1,000 demining troops to Russia's Kursk region.",
        "Seoul says North Korea sent 1,000 mine-clearance specialists to Russia's Kursk region.",
    ],
)
def test_people_sent_to_clear_mines_are_combat_engineers(text):
    got = [c for c in claims(text) if c.item == "combat_engineers"]
    assert [(c.kind, c.quantity) for c in got] == [("personnel_dispatch", 1000)]


def test_demining_troops_are_not_counted_as_fighting_troops_too():
    got = readings("Seoul says North Korea sent 1,000 demining troops to Russia's Kursk region.")
    assert ("troop_deployment", "troops") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says North Korea sent 5,000 construction soldiers to Russia's Kursk region.",
        "Seoul says North Korea sent five construction battalions to Russia's Kursk region.",
    ],
)
def test_builders_named_by_their_unit_are_military_construction_workers(text):
    assert ("personnel_dispatch", "military_construction_workers") in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says North Korea sent two KPA regiments to Russia.",
        "Kyiv says North Korea sent two KPA divisions to Russia.",
    ],
)
def test_regiments_and_the_armys_divisions_are_troops(text):
    assert ("troop_deployment", "troops") in readings(text)


def test_divisions_between_allies_are_no_troops():
    got = readings("Divisions within NATO widened as North Korea shipped shells to Russia, Kyiv said.")
    assert not any(item == "troops" for _, item in got)


@pytest.mark.parametrize(
    "text, count",
    [
        ("Seoul says North Korea sent 3,000 reinforcements to Russia in January.", 3000),
        ("Kyiv says North Korea sent 200 artillery crews to Russia.", 200),
        ("Kyiv says North Korea sent 200 mortar crews to Russia.", 200),
    ],
)
def test_reinforcements_and_gun_crews_are_troops(text, count):
    got = [c for c in claims(text) if c.item == "troops"]
    assert [(c.kind, c.quantity) for c in got] == [("troop_deployment", count)]


def test_russias_own_reinforcements_are_not_the_norths_troops():
    got = readings("Russia rushed reinforcements to Kursk as North Korean shells ran short, Kyiv said.")
    assert not any(item == "troops" for _, item in got)


def test_commanders_are_who_sends_not_who_is_sent():
    # commanders act in the sentences that name them ("the commanders send the troops across open ground"); a
    # commanders entry read them as officers sent and cost precision on the written set
    got = readings("North Korean commanders send the troops forward across open ground near Kursk, Kyiv says.")
    assert not any(item == "military_officers" for _, item in got)


# --- places on the route name their side ------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["Tumangang", "Rajin", "Najin"])
def test_the_norths_end_of_the_route_names_the_north(place):
    assert NK.search(f"Trains left {place} at dawn.")


@pytest.mark.parametrize("place", ["Dunai", "Tikhoretsk", "Sudzha", "Khasan"])
def test_russias_end_of_the_route_and_the_front_name_russia(place):
    assert RU.search(f"The cargo reached {place} at dawn.")


def test_a_train_from_the_norths_border_station_carries_to_russia():
    text = "Trains from Tumangang carried 2,000 containers of shells across the bridge, the think tank said."
    got = [c for c in claims(text) if c.item == "containers"]
    assert [(c.kind, c.direction, c.quantity) for c in got] == [("shipment", "NK->RU", 2000)]


def test_fighting_near_a_kursk_town_is_the_troops_use():
    assert ("battlefield_use", "troops") in readings("North Korean troops fought near Sudzha in March, Seoul said.")


def test_a_regiment_alone_names_no_item():
    # a unit named by its number is as often the other side's ("Ukraine's 8th Regiment filmed ...") as the North's
    assert [ITEMS.value(m) for m in ITEMS.finditer("A drone crew of Ukraine's 8th Regiment filmed it.")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says the North received economic cooperation from Russia in return, including improvements in missile "
        "guidance capabilities.",
        "Kyiv says Russian engineers are improving North Korea's missile guidance systems.",
    ],
)
def test_missile_guidance_russia_improves_is_missile_help(text):
    # what Russia's help improves in the North's missiles, not a missile sent
    got = readings(text)
    assert ("technology_transfer", "missile_technology") in got, got
    assert ("shipment", "ballistic_missiles") not in got, got
