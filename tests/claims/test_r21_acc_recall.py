"""Recall of round 21 (issue 14): claims the rules missed on the real development sets (blind10 first), grouped by
the family of wording that told them. Every sentence here is written for these tests, in several wordings of each
family, none taken from a page."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 4)
LEDE = "North Korea and Russia have drawn closer since their leaders met in 2023. "


def claims(sentence: str) -> list[Claim]:
    """The claims of one sentence read after a lede naming both sides (the lede's own claims left out)."""
    return [c for c in extract_claims(LEDE + sentence, PUB) if c.span[0] >= len(LEDE)]


def found(sentence: str) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in claims(sentence)}


# --- a casualty told of part of a counted group ("N of the M soldiers") -------------------------------------


@pytest.mark.parametrize(
    ("sentence", "part", "whole", "item"),
    [
        ("No fewer than 800 of the 12,000 soldiers Pyongyang sent have died, analysts think.", 800, 12_000, "killed"),
        ("Three of the 10,000 North Korean troops in Kursk were taken prisoner in January.", 3, 10_000, "captured"),
        ("Around 2,500 of the 11,000 North Korean men deployed there were wounded or killed.", 2_500, 11_000, None),
    ],
)
def test_the_part_of_a_counted_group_is_the_casualty_count_and_the_whole_is_those_sent(sentence, part, whole, item):
    got = found(sentence)
    casualties = {(i, q) for k, i, _, q in got if k == "casualties"}
    assert len(casualties) == 1
    (got_item, got_count) = casualties.pop()
    assert got_count == part
    if item is not None:
        assert got_item == item
    assert ("troop_deployment", "troops", "NK->RU", whole) in got


def test_a_span_of_time_after_a_casualty_verb_is_no_count():
    got = found("Officials believe 600 of the 9,000 North Korean troops had been killed within two months.")
    assert ("casualties", "killed", None, 600) in got
    assert not any(k == "casualties" and q == 2 for k, _, _, q in got)


def test_a_casualty_count_of_a_group_without_a_part_keeps_the_groups_count():
    assert ("casualties", "killed", None, 400) in found("Some 400 North Korean soldiers have been killed in Kursk.")


# --- a thing called Russian-made that the North holds ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("Pyongyang has put a Russian-built radar and air defence battery around its airport.", "air_defense"),
        ("Russian-made air-defense missiles now protect the North Korean capital, Kyiv's spies say.", "air_defense"),
        ("The North is flying Russian-made fighter jets, satellite images suggest.", "fighter_jets"),
    ],
)
def test_the_north_holding_a_russian_made_thing_is_russias_transfer(sentence, item):
    assert ("technology_transfer", item, "RU->NK", None) in found(sentence)


def test_a_plain_russian_thing_beside_the_north_moves_nothing():
    # only "Russian-made" and its kin say where the thing came from; plain "Russian" may be Russia's own
    assert not any(
        k == "technology_transfer" for k, *_ in found("North Korean troops sheltered under Russian air defences.")
    )


# --- help unfreezing the North's money, and help given to the North with a thing ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "As payment, the Kremlin helped Pyongyang unfreeze part of its overseas funds.",
        "Moscow is assisting North Korea in unblocking its foreign accounts.",
        "In return Russia arranged the unfreezing of North Korean deposits abroad.",
    ],
)
def test_help_getting_at_frozen_money_is_economic_aid_to_the_north(sentence):
    assert ("compensation", "economic_aid", "RU->NK", None) in found(sentence)


def test_a_freeze_itself_is_no_aid():
    assert not any(
        k == "compensation"
        for k, *_ in found("The new listings freeze the assets of firms shipping North Korean arms.")
    )


def test_russia_helping_the_north_with_a_staple_is_payment():
    assert ("compensation", "food", "RU->NK", None) in found(
        "Moscow now helps Pyongyang with grain, grateful for its shells."
    )


# --- a weapon of the North's make used in a strike told the sentence before ----------------------------------


def test_a_north_korean_made_weapon_used_after_a_sentence_on_the_strike_is_russias_use():
    text = (
        "Russian forces hit Odesa's port overnight, regional officials said. "
        "Investigators said the attackers had fired a North Korean-built missile at the piers."
    )
    got = {(c.kind, c.item) for c in extract_claims(text, PUB)}
    assert ("battlefield_use", "ballistic_missiles") in got


def test_a_north_korean_made_weapon_with_no_war_near_it_is_no_use():
    text = "North Korea held a parade on Tuesday. The crowd watched a North Korean-made missile roll past."
    assert not any(c.kind == "battlefield_use" for c in extract_claims(text, PUB))


# --- sanctions naming the oil Russia sends: a condemnation of that flow, beside the arms ---------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "London sanctioned tankers that carried oil from Russia to North Korea.",
            {("condemnation", "oil", "RU->NK", None)},
        ),
        (
            "Seoul imposed sanctions on firms trading arms and fuel oil between Moscow and Pyongyang.",
            {("condemnation", "munitions", "NK->RU", None), ("condemnation", "oil", "RU->NK", None)},
        ),
    ],
)
def test_sanctions_on_the_oil_russia_sends_condemn_the_oil(sentence, expected):
    assert expected <= found(sentence)


# --- the North's make said of part of a counted group ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Four out of 9 missiles fired at Sumy were of North Korean make, the air force said.", 4),
        ("Officials said 3 out of the 12 rockets that hit the port were made in North Korea.", 3),
    ],
)
def test_the_norths_make_said_of_part_of_a_count_counts_the_part(sentence, count):
    counts = [c.quantity for c in claims(sentence) if c.kind == "battlefield_use"]
    assert counts == [count]


def test_a_part_out_of_a_count_with_no_make_said_of_it_is_no_claim_of_its_own():
    got = claims("Experts examined 14 out of the 40 North Korean missiles Russia fired at Ukraine.")
    assert 14 not in [c.quantity for c in got]


# --- more verbs of blame, of waving a report away, of keeping the soldiers in memory ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tokyo rebuked Pyongyang over its shipments of shells to Russia.",
        "Canada protested the North's transfer of missiles to Moscow.",
        "Washington said the North must bear responsibility for sending soldiers to fight Ukraine.",
        "Kyiv lambasted the supply of North Korean rockets to Russia.",
    ],
)
def test_blame_for_a_transfer_is_a_condemnation(sentence):
    assert any(c.kind == "condemnation" for c in claims(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin brushed aside reports that North Korean soldiers were fighting near Kursk.",
        "Pyongyang waved away claims that it shipped shells to Russia.",
        "Moscow shrugged off reports of North Korean missiles in its arsenal.",
    ],
)
def test_a_report_waved_away_by_a_party_is_its_denial(sentence):
    assert any(c.kind == "denial" for c in claims(sentence))


def test_the_norths_own_word_on_sending_its_soldiers_is_its_admission():
    got = found("The North's state media reported that the leader had ordered soldiers sent to help Russia in Kursk.")
    assert ("confirmation", "troops", "NK->RU", None) in got
    assert not any(k == "troop_deployment" for k, *_ in got)


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said Russia would never forget the sacrifice of the North Korean soldiers.",
        "The Kremlin said Russia would remember the courage of the North Korean troops in Kursk.",
    ],
)
def test_a_party_keeping_the_norths_soldiers_in_memory_confirms_them(sentence):
    assert ("confirmation", "troops", "NK->RU", None) in found(sentence)


# --- a sanctions list, the North admitting its part, the North's ships fetching Russian oil -----------------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("Ottawa placed two North Korean generals on its sanctions list over the troops sent to Kursk.", "troops"),
        (
            "London added the firm to the UK sanctions list for moving North Korean shells to Russia.",
            "artillery_shells",
        ),
    ],
)
def test_a_place_on_a_sanctions_list_is_a_condemnation(sentence, item):
    assert ("condemnation", item, "NK->RU", None) in found(sentence)


def test_the_north_admitting_its_part_in_the_war_confirms_its_soldiers():
    assert ("confirmation", "troops", "NK->RU", None) in found(
        "Pyongyang openly acknowledged its military involvement in the fighting in Kursk."
    )


def test_russia_admitting_its_own_part_in_its_war_is_no_claim_on_the_north():
    assert not any(k == "confirmation" for k, *_ in found("Moscow acknowledged its involvement in the war."))


@pytest.mark.parametrize(
    "sentence",
    [
        "North Korea has been importing diesel from Russia since the spring.",
        "North Korean freighters were seen loading petrol at a Russian port.",
        "A North Korean tanker carried refined oil from Vostochny last week.",
    ],
)
def test_the_north_fetching_russian_oil_is_payment_to_the_north(sentence):
    assert ("compensation", "oil", "RU->NK", None) in found(sentence)


def test_what_the_north_may_import_under_a_cap_is_no_flow():
    assert not found("The cap limits the refined oil North Korea may import from Russia in a year.")


# --- the North's artillery firing, and the money its sales bring home ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv says most of its losses near Kursk were inflicted by North Korean artillery strikes.",
        "Ukrainian positions were pounded by North Korean artillery fire all week.",
    ],
)
def test_the_norths_artillery_firing_is_its_shells_used(sentence):
    assert ("battlefield_use", "artillery_shells", "NK->RU", None) in found(sentence)


def test_an_air_strike_is_still_no_thing():
    assert not any(c.item == "artillery_shells" for c in claims("Russian air strikes hit Kharkiv overnight."))


@pytest.mark.parametrize(
    "sentence",
    [
        "Shell exports to Russia have swelled Pyongyang's coffers this year.",
        "North Korea's economy grew as munitions sales to Moscow topped up state coffers.",
    ],
)
def test_arms_sales_filling_the_norths_coffers_are_cash_to_the_north(sentence):
    assert ("compensation", "cash", "RU->NK", None) in found(sentence)


def test_russias_own_coffers_are_no_payment_to_the_north():
    assert not any(k == "compensation" for k, *_ in found("Oil exports have filled Russia's coffers despite the war."))


# --- Russia backing a programme, and help with the North's air defences (the plural too) ---------------------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("Moscow has pledged to back Pyongyang's satellite effort.", "satellite_technology"),
        (
            "The Kremlin is backing the North's nuclear submarine plans, officials in Seoul believe.",
            "submarine_technology",
        ),
        ("Russia is helping the North rebuild its air defences around the capital.", "air_defense"),
        ("Russian engineers are said to be modernising North Korea's air defenses.", "air_defense"),
    ],
)
def test_russia_backing_or_helping_a_northern_programme_is_its_transfer(sentence, item):
    assert ("technology_transfer", item, "RU->NK", None) in found(sentence)


def test_coming_back_is_no_backing():
    assert not any(
        k == "technology_transfer" for k, *_ in found("The envoy came back from Moscow before the satellite talks.")
    )


# --- most of a supply, and leaning on the North's goods ------------------------------------------------------------


def test_most_of_its_shells_from_the_north_is_a_share_of_supply():
    got = claims("These days the Russian army obtains most of its artillery ammunition from North Korea.")
    assert [(c.kind, c.quantity) for c in got if c.kind == "supply_share"] == [("supply_share", 0.5)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow has leaned on North Korean rockets through the winter.",
        "Russian gunners are drawing heavily on Pyongyang's shell stocks.",
    ],
)
def test_leaning_on_the_norths_goods_is_reliance_on_its_supply(sentence):
    assert ("supply_share", "share_of_supply", "NK->RU", None) in found(sentence)


def test_leaning_on_the_norths_soldiers_is_no_share_of_supply():
    got = found("The Kremlin leans on North Korean soldiers to hold the line.")
    assert not any(k == "supply_share" for k, *_ in got)


# --- payment told in the passive, as a stream, or as debt forgiven -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("The North was rewarded with Russian flour for the shells it sent.", "food"),
        ("Russian diesel keeps flowing to Pyongyang despite the cap.", "oil"),
        ("In exchange, Moscow agreed to write off some of North Korea's debts.", "economic_aid"),
    ],
)
def test_payment_in_the_passive_as_a_stream_or_as_debt_forgiven(sentence, item):
    assert ("compensation", item, "RU->NK", None) in found(sentence)


def test_shells_flowing_to_russia_are_no_payment():
    got = found("North Korean rockets keep flowing to Russia.")
    assert not any(k == "compensation" for k, *_ in got)


def test_a_disaster_named_as_a_point_in_time_leaves_a_payment_alone():
    got = found(
        "The North's economy is growing for the first time since the pandemic as shell sales to Moscow swell state coffers."
    )
    assert ("compensation", "cash", "RU->NK", None) in got


def test_aid_after_a_disaster_is_still_relief():
    assert not any(k == "compensation" for k, *_ in found("Moscow sent rice to Pyongyang after the typhoon."))


def test_blame_for_an_act_told_before_condemns_it():
    text = (
        "North Korea has sent thousands of soldiers to fight for Russia, Seoul says. "
        "London said the decision means Pyongyang must bear full responsibility for prolonging the war."
    )
    got = {(c.kind, c.item) for c in extract_claims(text, PUB)}
    assert ("condemnation", "troops") in got


# --- the North named by its epithets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The hermit kingdom has shipped more rockets to Moscow, Kyiv says.", ("shipment", "rockets", "NK->RU", None)),
        ("The reclusive regime handed Russia dozens of launchers.", ("shipment", "missile_launchers", "NK->RU", 24)),
        ("Kim's regime has armed the Kremlin with shells.", ("shipment", "artillery_shells", "NK->RU", None)),
    ],
)
def test_the_north_named_by_an_epithet_is_the_north(sentence, expected):
    assert expected in found(sentence)


def test_russias_word_on_the_norths_soldiers_there_is_its_admission():
    got = found("The Russian defence ministry said North Korean troops had arrived at the Kursk front.")
    assert ("confirmation", "troops", "NK->RU", None) in got


def test_a_partys_word_on_soldiers_yet_to_be_sent_stays_a_plan():
    got = found("The Kremlin said Pyongyang would send more soldiers to Kursk next month.")
    assert ("troop_deployment", "troops", "NK->RU", None) in got


@pytest.mark.parametrize(
    "sentence",
    [
        "A fresh batch of North Korean soldiers has reached Russia, Kyiv's spies say.",
        "More North Korean troops landed in Vladivostok this week.",
    ],
)
def test_soldiers_reaching_russia_are_deployed(sentence):
    assert ("troop_deployment", "troops", "NK->RU", None) in found(sentence)
