"""Numeric recall of round 20 (issue 14): figures the rules missed or misread on the real development sets
(blind7, blind8, blind9), grouped by how English reports a number. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims
from monitor.claims.quantities import find_quantities, parse_quantity

PUB = dt.date(2025, 2, 3)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def figures(text: str, kind: str, item: str) -> list[tuple[float | None, str | None]]:
    return [(c.quantity, c.bound) for c in claims(text) if c.kind == kind and c.item == item]


# --- bound words: every form of a verb of passing, stacked bounds, alternatives under one bound ----------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("the total may exceed 12,000", 12_000),
        ("losses could surpass 5,000 by spring", 5_000),
        ("the count has topped 3,000", 3_000),
    ],
)
def test_a_verb_of_passing_a_figure_is_a_floor_in_every_form(phrase, value):
    assert parse_quantity(phrase).as_tuple() == (value, "at_least", None)


def test_the_modal_may_before_a_count_is_not_the_month():
    # "may" before a figure with a bound word or a thousands comma is the verb, not a date in May
    assert parse_quantity("the deployment may exceed 8,000").as_tuple() == (8_000, "at_least", None)
    assert parse_quantity("since May some 400 workers").as_tuple() == (400, "about", None)
    assert find_quantities("on May 26 the ship left") == []


def test_a_count_of_soldiers_whose_verb_may_pass_it_keeps_its_floor():
    text = "Kyiv says the number of North Korean troops now fighting for Moscow may exceed 14,000."
    assert (14_000, "at_least") in figures(text, "troop_deployment", "troops")


@pytest.mark.parametrize(
    ("phrase", "bound"),
    [
        ("could carry up to approximately 2 million rounds", "at_most"),
        ("as many as about 900 launchers", "at_most"),
        ("at least some 40 launchers", "at_least"),
        ("more than roughly 7,000 crates", "at_least"),
    ],
)
def test_a_ceiling_or_floor_around_a_hedged_number_is_the_bound(phrase, bound):
    assert parse_quantity(phrase).bound == bound


def test_a_ceiling_stacked_on_a_floor_keeps_the_nearer_word():
    # "as many as more than": the two words contradict each other and the sets label it both ways
    assert parse_quantity("as many as more than 4 million shells").as_tuple() == (4_000_000, "at_least", None)


def test_figures_offered_as_alternatives_share_the_ceiling_of_the_first():
    text = (
        "South Korea's defence ministry said the North's 5,000 containers could carry up to 2 million "
        "152mm rounds or 400,000 122mm rounds for Russia."
    )
    assert sorted(figures(text, "shipment", "artillery_shells")) == [(400_000, "at_most"), (2_000_000, "at_most")]


def test_two_counts_joined_by_and_keep_their_own_bounds():
    found = find_quantities("more than 2 million large rounds and 300,000 small rounds")
    assert [(q.quantity, q.bound) for q in found] == [(2_000_000, "at_least"), (300_000, "exact")]


# --- a number read out with its remainder hyphenated ---------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("three-thousand-200", 3_200), ("12-thousand-400", 12_400), ("twenty-one-thousand-50", 21_050)],
)
def test_thousands_and_a_hyphenated_remainder_are_one_figure(phrase, value):
    assert parse_quantity(f"{phrase} soldiers").as_tuple() == (value, "exact", None)


def test_a_hyphenated_remainder_counts_the_casualties_told_after_it():
    text = (
        "Seoul's spy agency says about 500 North Korean soldiers have been killed in Kursk and another "
        "two-thousand-600 have been wounded."
    )
    assert figures(text, "casualties", "wounded") == [(2_600, "exact")]


# --- the side that uses the weapons, named by its people ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's prosecutors say the Russians have deployed at least 30 North Korean ballistic missiles so far.",
        "The occupiers have deployed at least 30 North Korean ballistic missiles, Kyiv's prosecutors said.",
    ],
)
def test_missiles_the_russians_deploy_are_used_not_shipped(text):
    assert figures(text, "battlefield_use", "ballistic_missiles") == [(30, "at_least")]
    assert figures(text, "shipment", "ballistic_missiles") == []


# --- deaths counted as lives -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Pyongyang's state media said the sapper unit suffered the loss of twelve lives in Kursk.", (12, "exact")),
        ("The Kursk fighting has claimed some 500 lives among North Korean troops, Kyiv said.", (500, "about")),
        ("Eleven lives were lost among the North Korean deminers in Kursk, the NIS said.", (11, "exact")),
        ("The assault took the lives of 40 North Korean soldiers, Ukraine's army said.", (40, "exact")),
    ],
)
def test_lives_lost_count_the_dead(text, figure):
    assert figures(text, "casualties", "killed") == [figure]


def test_lives_counted_as_a_strike_kills_them_are_counted_as_killed_would_be():
    # (the North's soldiers: civilians killed by a strike are its use, not casualties, by the corpus README and 25j)
    text = "A Ukrainian drone strike near Kursk claimed the lives of 20 North Korean soldiers, officials said."
    assert figures(text, "casualties", "killed") == [(20, "exact")]


def test_lives_lost_that_no_number_counts_are_no_death_count():
    text = "Kharkiv mourns the loss of innocent lives in Kursk, where North Korean troops fight for Russia."
    assert figures(text, "casualties", "killed") == []


def test_a_war_that_cost_a_country_dearly_is_no_death_count():
    text = "The war has cost Russia dearly, and North Korean troops now fight beside its units in Kursk."
    assert figures(text, "casualties", "killed") == []


# --- a member picked out of a group told before ------------------------------------------------------------


def test_one_of_the_captured_soldiers_is_no_count_of_captures_and_no_new_deployment():
    text = (
        "Kyiv says its troops captured three North Korean soldiers in Kursk last week. "
        "According to Seoul's spy agency, one of the captured soldiers told interrogators he was sent there to train."
    )
    found = claims(text)
    assert [(c.quantity, c.bound) for c in found if c.item == "captured"][0] == (3, "exact")
    assert not any(c.item == "captured" and c.quantity == 1 for c in found)
    assert not any(c.kind == "troop_deployment" for c in found)


def test_members_picked_out_who_then_died_are_counted_as_dead():
    text = "Kyiv says it captured five North Korean soldiers. Two of the captured soldiers later died of wounds."
    assert figures(text, "casualties", "killed") == [(2, "exact")]


# --- a launch that succeeded after failed tries ------------------------------------------------------------


def test_the_failed_tries_before_a_successful_launch_are_not_its_count_nor_a_claim():
    text = (
        "North Korea said on Tuesday it had put its spy satellite into orbit, after three failed launches this year."
        "\n\nSouth Korean officials think Russia gave technical advice for the launch, months after Vladimir Putin "
        "promised that Moscow would help Pyongyang build satellites."
    )
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == [(None, None)]


def test_a_count_of_failed_launches_alone_stays_the_launch_count():
    text = (
        "North Korea's two launches of a spy satellite this year both failed, Seoul said.\n\nSouth Korean officials "
        "think Russia gave technical advice for the launches, months after Vladimir Putin promised that Moscow "
        "would help Pyongyang build satellites."
    )
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == [(2, "exact")]


# --- what the North's arms trade earns it ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "The North is thought to have generated $700 million by selling artillery shells to Russia last year.",
            (700_000_000, "exact"),
        ),
        (
            "A study finds that North Korea's arms sales to Moscow have soared, with estimates as high as $4 billion.",
            (4_000_000_000, "at_most"),
        ),
        (
            "Pyongyang has stepped up arms deliveries to Russia, a trade Kyiv values at up to $2 billion "
            "in weapons shipments so far.",
            (2_000_000_000, "at_most"),
        ),
        (
            "North Korea sends labourers to Russian drone plants, and North Koreans will get $3 an hour there, "
            "Ukraine's intelligence says.",
            (3, "exact"),
        ),
    ],
)
def test_money_the_north_makes_from_its_trade_with_russia_is_cash_to_the_north(text, figure):
    assert figures(text, "compensation", "cash") == [figure]


def test_income_from_the_norths_other_exports_is_no_payment_for_arms():
    text = (
        "The report says the North's coal exports brought in $1 billion over the period, "
        "while Pyongyang kept shipping shells to Russia."
    )
    assert [c for c in claims(text) if c.kind == "compensation"] == []


# --- a headline's figure, told short ---------------------------------------------------------------------------


def test_a_headline_figure_the_body_gives_with_its_bound_is_the_bodys_claim():
    text = (
        "North Korea ships 9,000 containers to Russia\n\n"
        "North Korea has sent over 9,000 containers to Russia since last year, South Korea's defence ministry said."
    )
    found = [c for c in claims(text) if c.item == "containers"]
    assert [(c.quantity, c.bound, c.source) for c in found] == [(9_000, "at_least", "South Korea Ministry of Defense")]


def test_a_headline_figure_the_body_does_not_give_stays():
    text = (
        "North Korea ships 9,000 containers to Russia\n\n"
        "South Korea's defence ministry said on Monday that the shipments continue through Rajin."
    )
    assert [(c.quantity, c.bound) for c in claims(text) if c.item == "containers"] == [(9_000, "exact")]
