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


def test_figures_offered_as_alternatives_share_the_bound_of_the_first():
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
