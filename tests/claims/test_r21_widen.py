"""Round 21's rules widened to their families (session 15, acc-widen): each rule written this morning from one page's
wording is tried here on the other wordings a reporter could use for the same fact (synonyms, passive and active,
the parties' other names), and on the near misses that must stay silent. Every sentence is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)
LEDE = "North Korea and Russia have drawn closer since their leaders met in 2023. "


def found(sentence: str) -> set[tuple[str, str, str | None]]:
    """The (kind, item, direction) of the claims of one sentence read after a lede naming both sides."""
    return {(c.kind, c.item, c.direction) for c in extract_claims(LEDE + sentence, PUB) if c.span[0] >= len(LEDE)}


def kinds(sentence: str) -> set[str]:
    return {kind for kind, _, _ in found(sentence)}


# --- blame: the verbs of scolding besides "rebuke", and blame laid by another (_BLAME) -------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Seoul berated Pyongyang for shipping more rockets to Moscow.",
        "The EU scolded the DPRK for dispatching soldiers to the Kursk region.",
        "Tokyo chided Kim's regime over the arms it ships to Russia.",
        "Washington reproached the North for sending troops to fight Ukraine.",
        "Kyiv hit out at the Kremlin over the North Korean missiles it launched.",
        "Seoul lodged a formal protest over Pyongyang's missile deliveries to Russia.",
        "Kyiv holds Pyongyang fully responsible for the North Korean missiles that hit Kharkiv.",
        "Kyiv blasted the Kremlin for firing North Korean missiles at its cities.",
    ],
)
def test_scolding_a_party_for_a_transfer_is_a_condemnation(sentence):
    assert "condemnation" in kinds(sentence)


def test_a_missile_that_blasted_a_place_condemns_nothing():
    assert "condemnation" not in kinds("A North Korean missile blasted the port of Odesa.")


# --- a report waved away, in the other verbs of scorn (DENIAL) ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang laughed off reports that it had sold rockets to the Kremlin.",
        "Moscow scoffed at claims that North Korean troops were fighting in Kursk.",
        "The DPRK poured scorn on reports that its shells were fired in Ukraine.",
    ],
)
def test_a_report_scorned_by_a_party_is_its_denial(sentence):
    assert "denial" in kinds(sentence)


# --- the North's soldiers honoured, saluted, mourned (one copy of the praise verbs: _PRAISED) ---------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin honoured the North Korean soldiers who were killed near Kursk.",
        "Putin commemorated the KPA servicemen who fell in the Kursk region.",
        "Russian officials paid homage to the North Korean fighters who died in Kursk.",
        "Moscow mourned the North Korean troops lost in the fighting.",
        "Putin saluted the DPRK's soldiers who fought in Kursk.",
    ],
)
def test_a_party_honouring_the_norths_soldiers_confirms_them(sentence):
    assert ("confirmation", "troops", "NK->RU") in found(sentence)


# --- reliance told as a noun or by counting on the North (DEPENDENCE) --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow's reliance on North Korean artillery rounds keeps growing.",
        "The Russian army's dependence on Pyongyang's shells has deepened.",
        "The Kremlin counts on the DPRK's ammunition to keep its guns firing.",
        "Russian commanders have come to depend on shells from North Korea.",
    ],
)
def test_reliance_on_the_norths_goods_in_other_words_is_reliance_on_its_supply(sentence):
    assert ("supply_share", "share_of_supply", "NK->RU") in found(sentence)


def test_the_norths_reliance_on_a_third_state_is_no_share_of_russias_supply():
    assert "supply_share" not in kinds("North Korea's reliance on China for oil has eased.")


# --- Russian goods streaming into the North or bought by it (RETURN, flows_to_north) ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian petrol is pouring into North Korea by rail.",
        "Diesel from Russia has been streaming into the DPRK since summer.",
        "Pyongyang bought refined oil from Moscow last year.",
        "The North has been purchasing Russian diesel, satellite images suggest.",
    ],
)
def test_russian_fuel_streaming_into_or_bought_by_the_north_is_payment(sentence):
    assert ("compensation", "oil", "RU->NK") in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "North Korea buys most of its fuel from China.",
        "Pyongyang has imported diesel from Chinese traders for years.",
    ],
)
def test_fuel_the_north_gets_from_a_third_state_is_no_payment_from_russia(sentence):
    assert "compensation" not in kinds(sentence)


def test_the_norths_shells_bought_by_russia_stay_a_shipment_to_russia():
    got = found("Moscow bought millions of artillery shells from Pyongyang.")
    assert ("shipment", "artillery_shells", "NK->RU") in got
    assert "compensation" not in {kind for kind, _, _ in got}


# --- a Russian-made thing the North holds, the origin said after the thing (RUSSIAN_MADE_AFTER) ---------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("The North now guards its capital with air defence batteries of Russian origin.", "air_defense"),
        ("Pyongyang is flying fighter jets built in Russia, Seoul believes.", "fighter_jets"),
        ("Russian-supplied air defence systems have appeared around Pyongyang.", "air_defense"),
    ],
)
def test_a_thing_the_north_holds_said_to_come_from_russia_is_russias_transfer(sentence, item):
    assert ("technology_transfer", item, "RU->NK") in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "North Korean soldiers took cover under Russian-made air defences in Kursk.",
        "North Korean troops at the front were shielded by air defence systems made in Russia.",
    ],
)
def test_a_russian_made_weapon_guarding_the_norths_soldiers_at_the_war_moves_nothing(sentence):
    assert "technology_transfer" not in kinds(sentence)


# --- help in the passive, the programme first (RU_HELP) ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The North's spy satellite programme is backed by Moscow.",
        "Pyongyang's submarine plans have been aided by the Kremlin.",
    ],
)
def test_a_northern_programme_backed_by_russia_is_russias_help(sentence):
    assert any(kind == "technology_transfer" and d == "RU->NK" for kind, _, d in found(sentence))


# --- sanctions told by frozen assets (CONDEMN) --------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tokyo has frozen the assets of two shippers that moved North Korean shells to Russia.",
        "Ottawa froze the assets of a firm that carried North Korean rockets to Russia.",
    ],
)
def test_sanctions_told_by_frozen_assets_condemn(sentence):
    assert "condemnation" in kinds(sentence)


# --- the North by its other names as the one who denies (SOURCES, NK_EPITHETS: one copy) ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The DPRK rejected claims that it had shipped rockets to Russia.",
        "Kim's regime dismissed reports that its soldiers were fighting in Kursk.",
        "The hermit kingdom denied selling artillery shells to the Kremlin.",
        "The reclusive state scoffed at reports that its missiles were fired at Kyiv.",
    ],
)
def test_the_north_by_another_name_denies_as_the_north(sentence):
    assert "denial" in kinds(sentence)


# --- a count that rose past its figure is a floor (quantities.PASSING_VERBS, one copy) ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The North Korean force in Kursk has climbed past 12,000 soldiers, Kyiv estimates.",
        "The number of North Korean troops in Russia rose above 12,000 in the spring.",
        "Seoul says the count of DPRK soldiers sent to Russia has grown beyond 12,000.",
    ],
)
def test_a_count_that_rose_past_its_figure_is_a_floor(sentence):
    got = [
        (c.quantity, c.bound)
        for c in extract_claims(LEDE + sentence, PUB)
        if c.span[0] >= len(LEDE) and c.kind == "troop_deployment"
    ]
    assert (12_000, "at_least") in got


# --- the North admitting its part, in the other verb and by its other names (NORTH_OWNS_BY_PRONOUN, CONFIRM) -------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang conceded its involvement in the fighting around Kursk.",
        "Kim's regime has confirmed its participation in the war against Ukraine.",
        "The hermit kingdom finally admitted its involvement in the Kursk battles.",
        "The Kremlin conceded that North Korean soldiers were deployed in Kursk.",
    ],
)
def test_the_north_or_russia_conceding_the_norths_part_confirms_its_soldiers(sentence):
    assert ("confirmation", "troops", "NK->RU") in found(sentence)


def test_russia_conceding_its_own_losses_is_no_claim():
    assert not found("Moscow conceded that its forces had lost ground near Kharkiv.")


# --- reliance on another's goods against the North is no reliance on the North (DEPENDENCE, narrowed) --------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv relies on Western shells to fight North Korean troops.",
        "Ukraine counts on allied help against the North's soldiers.",
        "Ukraine's reliance on US intelligence about North Korean units has grown.",
    ],
)
def test_relying_on_others_against_the_north_is_no_share_of_supply(sentence):
    assert "supply_share" not in kinds(sentence)
