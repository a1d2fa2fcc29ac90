"""Numeric recall (issue 14, session 9): figures a reader sees at once but the rules missed, because
the number is spoken out, written into the noun, or approached. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims
from monitor.claims.quantities import parse_quantity

PUB = dt.date(2025, 3, 14)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def figures(text: str, kind: str, item: str) -> list[tuple[float | None, str | None]]:
    return [(c.quantity, c.bound) for c in claims(text) if c.kind == kind and c.item == item]


# --- a figure spoken out: broadcast transcripts and translated briefings -----------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("one-point-five million", 1_500_000),
        ("two point three million", 2_300_000),
        ("four-point-two-five million", 4_250_000),
        ("a quarter of a million", 250_000),
        ("a quarter-million", 250_000),
        ("three-quarters of a million", 750_000),
    ],
)
def test_a_decimal_or_a_share_of_a_round_figure_said_in_words_is_its_value(phrase, value):
    assert parse_quantity(f"{phrase} rounds").as_tuple() == (value, "exact", None)


def test_a_spoken_decimal_keeps_the_words_before_it_as_its_bound():
    assert parse_quantity("roughly one point two million").as_tuple() == (1_200_000, "about", None)


def test_a_figure_read_aloud_counts_the_shipment():
    text = (
        "A Ukrainian intelligence officer told the broadcaster that the North has sent "
        "one-point-five million shells to Russia."
    )
    assert figures(text, "shipment", "artillery_shells") == [(1_500_000, "exact")]


# --- a figure written into the noun: "a 12,000-strong force" ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang has sent a 12,000-strong force to fight for Moscow, the spy agency in Seoul said.",
        "Seoul said North Korea dispatched an 12,000-strong contingent to Russia's Kursk region.",
    ],
)
def test_a_force_counted_inside_its_own_name_carries_the_count(text):
    assert figures(text, "troop_deployment", "troops") == [(12_000, "exact")]


def test_a_strong_force_of_named_soldiers_still_counts_those_soldiers():
    text = "A 3,000-strong contingent of North Korean soldiers reached the Russian front in December, Kyiv said."
    assert figures(text, "troop_deployment", "troops") == [(3_000, "exact")]


def test_a_strong_group_of_both_armies_gives_the_north_no_figure():
    text = (
        "North Korean troops fight for Russia. A 40,000-strong group of Russian and North Korean soldiers "
        "is massing for an assault, a Ukrainian commander said."
    )
    assert all(c.quantity is None for c in claims(text))


def test_units_counted_by_number_are_still_not_soldiers():
    text = "Seoul said North Korea has sent three brigades to Russia."
    assert figures(text, "troop_deployment", "troops") == [(None, None)]


# --- approximations a reporter writes as motion towards a figure ------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["approaching 1,000", "nearing 1,000", "something like 1,000", "in the region of 1,000", "on the order of 1,000"],
)
def test_a_figure_being_approached_or_talked_around_is_about_that_figure(phrase):
    assert parse_quantity(f"{phrase} troops").as_tuple() == (1_000, "about", None)


@pytest.mark.parametrize("phrase", ["exceeded 1,000", "exceeds 1,000", "surpassed 1,000"])
def test_a_figure_gone_past_is_at_least_that_figure(phrase):
    assert parse_quantity(phrase).as_tuple() == (1_000, "at_least", None)


@pytest.mark.parametrize("text", ["shell output exceeded 2023 levels", "as the war was nearing 2025"])
def test_a_year_after_a_verb_of_going_past_is_no_amount(text):
    assert parse_quantity(text).quantity is None


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said North Korean casualties in Kursk exceeded 4,000 by the spring.",
        "Kyiv said North Korean casualties in Kursk have surpassed 4,000.",
    ],
)
def test_a_verb_of_going_past_still_links_the_figure_to_the_noun_before_it(text):
    assert figures(text, "casualties", "killed_or_wounded") == [(4_000, "at_least")]


# --- a figure kept apart from its noun by quotation marks or by a long noun phrase --------------------


@pytest.mark.parametrize(
    "text",
    [
        'A Pentagon official said Ukraine may have killed or wounded "several hundred" North Korean soldiers.',
        "A Pentagon official said Ukraine may have killed or wounded \u201cseveral hundred\u201d North Korean troops.",
    ],
)
def test_an_amount_quoted_on_its_own_still_counts_the_noun_after_it(text):
    assert figures(text, "casualties", "killed_or_wounded") == [(300, "at_least")]
    assert figures(text, "troop_deployment", "troops") == []


@pytest.mark.parametrize(
    ("text", "item", "value", "bound"),
    [
        (
            "Kyiv said its drones had killed more than 1,000 elite North Korean special forces soldiers.",
            "killed",
            1000,
            "at_least",
        ),
        (
            "Kyiv said its army killed or wounded an estimated 3,000 North Korean soldiers.",
            "killed_or_wounded",
            3000,
            "about",
        ),
    ],
)
def test_a_casualty_verb_counts_the_soldiers_after_it_however_long_their_description(text, item, value, bound):
    assert figures(text, "casualties", item) == [(value, bound)]
    assert figures(text, "troop_deployment", "troops") == []


# --- a part counted out of things named with a determiner (session 10) ------------------------------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("Kyiv says Russian units fired at least one of these North Korean missiles at Odesa.", (1, "at_least")),
        (
            "Russia launched three of those North Korean KN-23 missiles at Kyiv overnight, Ukraine's air force said.",
            (3, "exact"),
        ),
    ],
)
def test_a_part_of_things_named_with_these_or_those_keeps_its_figure(text, figure):
    assert figures(text, "battlefield_use", "ballistic_missiles") == [figure]


def test_one_of_a_class_of_weapons_is_no_count():
    text = "Ukraine's air force said a North Korean KN-23 missile was one of the weapons Russia fired at Kyiv."
    assert figures(text, "battlefield_use", "munitions") in ([], [(None, None)])


# --- a casualty word that only describes the people: the count goes to what happened to them (session 10) ---------


def test_a_count_of_wounded_soldiers_who_died_after_capture_counts_the_dead_and_the_captured():
    text = "Kyiv said a few wounded North Korean soldiers had died after being taken prisoner by its paratroopers."
    got = {(c.item, c.quantity) for c in claims(text) if c.kind == "casualties"}
    assert ("killed", 2) in got  # "a few" is at least 2
    assert ("captured", 2) in got
    assert not any(item == "wounded" for item, _ in got)


def test_soldiers_captured_when_wounded_in_battle_are_a_capture_only():
    text = "Ukraine says it has captured three North Korean soldiers wounded in fighting near Sudzha."
    got = {(c.item, c.quantity) for c in claims(text) if c.kind == "casualties"}
    assert got == {("captured", 3)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Some 300 North Korean soldiers were killed and 2,700 wounded, Seoul says.",
            {("killed", 300), ("wounded", 2700)},
        ),
        ("About 40 wounded North Korean soldiers are in Russian hospitals, Kyiv says.", {("wounded", 40)}),
    ],
)
def test_wounded_as_the_claim_itself_keeps_its_count(text, expected):
    assert {(c.item, c.quantity) for c in claims(text) if c.kind == "casualties"} == expected


# --- a completed satellite launch is one launch (the corpus README; session 10) ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang placed its first military reconnaissance satellite into orbit last November, with Russian advice.",
        "North Korea's successful spy satellite launch in May came after Russian engineers visited, Seoul says.",
    ],
)
def test_a_completed_satellite_launch_counts_one(text):
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == [(1, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea's attempt to put a spy satellite into orbit failed in May, despite Russian help.",
        "Pyongyang plans to put three more spy satellites into orbit this year with Russian help.",
    ],
)
def test_a_failed_or_planned_launch_counts_no_single_launch(text):
    assert (1, "exact") not in figures(text, "satellite_launch", "reconnaissance_satellite")


@pytest.mark.parametrize(
    ("text", "kind", "item", "figure"),
    [
        (
            "Pyongyang keeps sending soldiers to the Russian front. Seoul now says 14,000 have been deployed.",
            "troop_deployment",
            "troops",
            (14_000, "exact"),
        ),
        (
            "North Korea sells Russia artillery shells. Roughly 2 million a year are being shipped by rail, Kyiv says.",
            "shipment",
            "artillery_shells",
            (2_000_000, "about"),
        ),
        (
            "The North is sending labourers to Russian building sites. About 4,000 have already been dispatched.",
            "personnel_dispatch",
            "workers",
            (4_000, "about"),
        ),
    ],
)
def test_a_bare_count_moved_in_the_passive_counts_what_the_sentence_before_moved(text, kind, item, figure):
    # the noun is left to the sentence before, as a reader takes it
    assert figure in figures(text, kind, item)


def test_a_bare_count_said_to_be_there_counts_the_people_counted_before():
    text = (
        "Kyiv says 11,000 North Korean soldiers are training in Russia. At first Washington said only 3,000 were "
        "there, but it later raised its estimate."
    )
    assert (3_000, "exact") in figures(text, "troop_deployment", "troops")


def test_a_bare_count_with_a_noun_of_its_own_keeps_that_noun():
    found = {
        (c.kind, c.item, c.quantity)
        for c in claims("North Korea has sent shells to Russia. Kyiv says 300 soldiers have been deployed too.")
    }
    assert ("troop_deployment", "troops", 300) in found, found
    assert ("shipment", "artillery_shells", 300) not in found, found


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Half of all the artillery shells used by Russia in Ukraine are supplied by North Korea, Seoul said.", 0.5),
        ("North Korea supplies a third of all the rounds Russia fires, a Western official said.", 1 / 3),
    ],
)
def test_a_share_of_all_the_shells_russia_uses_is_the_norths_share_of_supply(text, share):
    # "all the" before the shells, as "the" or "all" alone already read
    got = figures(text, "supply_share", "share_of_supply")
    assert [round(q or 0, 3) for q, _ in got] == [round(share, 3)], got


def test_a_share_of_all_the_shells_fired_that_failed_is_no_share_of_supply():
    text = "Half of all the shells fired by Russian gunners failed to explode, Kyiv said of the North Korean rounds."
    assert not figures(text, "supply_share", "share_of_supply")


def test_a_count_of_such_things_counts_the_kind_told_before():
    text = "North Korea sent KN-23 missiles to Russia. Kyiv said in March that Russia had fired about 40 such missiles."
    assert (40, "about") in figures(text, "battlefield_use", "ballistic_missiles")


def test_a_count_followed_by_such_as_lists_examples_of_something_else():
    text = "Kyiv says Russia received 20 kinds of weapons from North Korea, such as shells and missiles."
    assert (20, "exact") not in figures(text, "shipment", "artillery_shells")
