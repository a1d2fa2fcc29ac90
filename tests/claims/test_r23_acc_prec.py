"""Precision by families of wordings (issue 14, round 23, session 17): claims the labellers do not count, found on
blind12 and checked on every development set. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 1, 20)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def casualty_items(text: str) -> list[str]:
    return sorted(c.item for c in claims(text) if c.kind == "casualties")


# --- "killed and wounded" with no count: one claim of both (convention 23g) --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seoul confirmed that North Korean soldiers have been killed and wounded near Kursk this month.",
        "Kyiv said troops sent by Pyongyang were wounded and killed during an assault on a village in Kursk.",
        "North Korean servicemen fighting for Moscow have been killed and injured, the Pentagon said on Monday.",
        "According to Ukraine's army, some of the North Korean infantry got killed and wounded in their first battle.",
    ],
)
def test_soldiers_said_to_have_been_killed_and_wounded_are_one_claim_of_both(text):
    assert casualty_items(text) == ["killed_or_wounded"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says more than 4,000 North Korean soldiers have been killed, wounded or gone missing in Kursk.",
        "London said over 6,000 North Korean troops were dead, injured and captured since October.",
        "Some 1,200 of Pyongyang's men have been killed, wounded, or taken prisoner, according to Ukraine's army.",
    ],
)
def test_a_count_over_a_list_of_fates_is_one_count_of_both_harms(text):
    assert casualty_items(text) == ["killed_or_wounded"]


def test_a_count_of_each_harm_stays_two_claims():
    text = "Seoul says 200 North Korean soldiers were killed and 1,500 were wounded in Kursk."
    assert casualty_items(text) == ["killed", "wounded"]


# --- "military-technical cooperation" denied is the blanket denial of arms (convention 23h) -----------------------

SHELLS = "North Korea has shipped artillery shells to Russia, Seoul says. "


@pytest.mark.parametrize(
    "text",
    [
        "Moscow firmly rejects Western accusations of illegal military-technical cooperation with Pyongyang, the "
        "Foreign Ministry said on Friday.",
        '"Talk of military-technical cooperation between Russia and the DPRK is baseless," the Kremlin spokesman said.',
        "Russia's diplomats dismissed the claims that it had built up military and technical cooperation with North "
        "Korea.",
    ],
)
def test_denied_military_technical_cooperation_is_a_denial_of_arms(text):
    found = [(c.kind, c.item) for c in claims(SHELLS + text)]
    assert ("denial", "munitions") in found
    assert not any(item == "military_technology" for _, item in found)


def test_military_technical_help_for_the_north_is_still_a_technology_transfer():
    text = "Seoul says Russia has given North Korea military-technical assistance in return for its troops."
    assert "technology_transfer" in [c.kind for c in claims(text)]


# --- a yearly limit is no amount moved (convention 15d, widened as 23i) -------------------------------------------

OIL = "Russia has shipped oil to North Korea in return for shells, Seoul says. "


@pytest.mark.parametrize(
    "text",
    [
        "Under UN rules, North Korea is limited to importing 500,000 barrels of refined petroleum a year.",
        "Russian deliveries have already pushed the North past the 500,000 barrels a year allowed by the Security Council.",
        "The North may legally buy no more than 500,000 barrels of fuel each year under sanctions.",
        "Russian shipments pushed imports above the 500,000 barrels per year set by the UN Security Council.",
        "North Korea is allowed to receive 500,000 barrels of refined fuel a year.",
        "Pyongyang is permitted to buy up to 500,000 barrels of refined products under the resolutions.",
    ],
)
def test_a_yearly_limit_on_the_norths_oil_is_no_figure_of_oil_sent(text):
    figures = [c.quantity for c in claims(OIL + text) if c.kind == "compensation" and c.item == "oil"]
    assert figures and all(q is None for q in figures)


def test_oil_counted_as_sent_in_a_year_keeps_its_figure():
    text = "Russia sent North Korea more than 600,000 barrels of oil a year, Seoul's spy agency said."
    assert [c.quantity for c in claims(text) if c.item == "oil"] == [600000]


# --- losses left untold are no casualty claim (convention 23j) ----------------------------------------------------

TROOPS = "North Korea has sent thousands of troops to Russia, Seoul says. "


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's defence minister reported the first clashes with North Korean soldiers, but he did not detail casualties.",
        "Kyiv's army said it is difficult to determine the casualties among the North Korean troops, who wear Russian uniforms.",
        "The Pentagon declined to give the number of dead among the North Korean units in Kursk.",
    ],
)
def test_losses_a_speaker_leaves_untold_are_no_casualty_claim(text):
    assert casualty_items(TROOPS + text) == []


def test_a_count_of_losses_told_beside_details_withheld_stays():
    text = (
        TROOPS + "Kyiv said 30 North Korean soldiers were killed in the clash, though it did not give further details."
    )
    assert casualty_items(text) == ["killed"]


# --- a domain word compounded with the missile after it is one domain (convention 23k) ----------------------------


def tech_items(text: str) -> list[str]:
    return sorted(c.item for c in claims(text) if c.kind == "technology_transfer")


@pytest.mark.parametrize(
    "text, items",
    [
        (
            "NATO warned that Russia's transfer of nuclear missile technology to North Korea is a threat.",
            ["nuclear_technology"],
        ),
        ("Kyiv says Moscow is sharing nuclear-missile know-how with Pyongyang.", ["nuclear_technology"]),
        (
            "Russia's help for the North includes technologies for small tactical warheads and submarine missile-launch "
            "systems, Budanov said.",
            ["submarine_technology"],
        ),
        (
            "Seoul fears Russia will hand Pyongyang nuclear and missile technology in return.",
            ["missile_technology", "nuclear_technology"],
        ),
    ],
)
def test_a_domain_word_before_missile_names_one_domain(text, items):
    assert tech_items(text) == items


# --- soldiers taken out of the fighting, and "combat" naming a kind of equipment, tell no use (convention 23l) -----

SENT = "North Korea has sent thousands of troops and shells to Russia, Seoul says. "


def uses(text: str) -> list[str]:
    return [c.item for c in claims(SENT + text) if c.kind == "battlefield_use"]


@pytest.mark.parametrize(
    "text",
    [
        "North Korean soldiers have been withdrawn from sections of the front line to rebuild and regroup, Kyiv says.",
        "There are also reports of the withdrawal of North Korean soldiers from the front lines.",
        "The 10,000 North Korean troops sent to Kursk have been pulled back from the frontline after heavy losses, "
        "Seoul said.",
        "North Korea is believed to hold large stocks of Soviet-era combat materiel, analysts say.",
    ],
)
def test_a_withdrawal_from_the_front_or_combat_equipment_is_no_use(text):
    assert uses(text) == []


def test_soldiers_fighting_at_the_front_are_still_a_use():
    assert uses("North Korean soldiers are fighting on the front line in Kursk, Kyiv says.") == ["troops"]


# --- aircraft named bare after the jets an article named are those jets ------------------------------------------

JETS = "North Korea may receive MiG-29 and Su-27 fighter jets from Russia, a U.S. admiral said. "


@pytest.mark.parametrize(
    "text",
    [
        "He said the transfer of an unspecified number of aircraft would pay for 12,000 North Korean troops.",
        "Moscow and Pyongyang have agreed on the handover of the fourth-generation aircraft, the admiral confirmed.",
        "Moscow would send planes in return for the soldiers Pyongyang sent to Kursk, he added.",
    ],
)
def test_aircraft_named_bare_after_the_jets_are_the_jets(text):
    assert tech_items(JETS + text) == ["fighter_jets"]


def test_aircraft_named_with_no_jets_before_stay_help_for_aircraft():
    assert tech_items("Russia has given North Korea technology to build tanks and aircraft, Seoul says.") == [
        "aircraft_technology",
        "tanks",
    ]


# --- a bound before the first of two casualty counts is that count's own (convention 23g) ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Some 300 North Korean soldiers have been killed and 2,700 wounded in Kursk, Seoul's spy agency said.",
        "About 500 of the North's troops died and 1,200 were injured in the assault, Kyiv said.",
        "Seoul estimates that roughly 250 North Korean soldiers were killed and 900 wounded near Kursk.",
    ],
)
def test_about_before_the_first_casualty_count_leaves_the_second_exact(text):
    bounds = {c.item: c.bound for c in claims(text) if c.kind == "casualties"}
    assert bounds == {"killed": "about", "wounded": "exact"}
