"""Numeric recall of round 21 (issue 14): figures the rules missed or misread on the real development sets
(blind10 first, then blind7-9 and the corpus's development split), grouped by how English ties a number to its
noun. Sentences written for these tests, none taken from a page."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims
from monitor.claims.quantities import find_quantities

PUB = dt.date(2025, 3, 4)
LEAD = "North Korea has sent soldiers and arms to Russia for its war against Ukraine. "


def claims(text: str) -> list[Claim]:
    return extract_claims(LEAD + text, PUB)


def figures(text: str, kind: str, item: str) -> list[tuple[float | None, str | None]]:
    return [(c.quantity, c.bound) for c in claims(text) if c.kind == kind and c.item == item and c.quantity]


# --- a stretch of time counts nothing: "over three months", "within ten days" ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The agency believes many North Korean soldiers had been killed over four months.",
        "Officials in Kyiv said North Korean troops were wounded within ten days of arriving.",
        "Ukraine reported that North Korean soldiers were captured in two weeks of fighting near the border.",
    ],
)
def test_a_number_of_days_weeks_or_months_is_no_casualty_count(text):
    assert all(q not in (4, 10, 2) for q, _ in figures(text, "casualties", "killed"))
    assert all(q not in (4, 10, 2) for q, _ in figures(text, "casualties", "wounded"))
    assert all(q not in (4, 10, 2) for q, _ in figures(text, "casualties", "captured"))


def test_a_count_before_a_stretch_of_time_still_counts_its_people():
    text = "Kyiv said 45 North Korean soldiers had been killed in six days of assaults."
    assert figures(text, "casualties", "killed") == [(45, "exact")]


# --- a part of a counted group, then what befell it: the part counts the casualties ---------------------


@pytest.mark.parametrize(
    ("text", "item", "part", "bound", "whole"),
    [
        (
            "Analysts believe some 600 of the 4,000 soldiers Pyongyang dispatched have died since the winter.",
            "killed",
            600,
            "about",
            4_000,
        ),
        (
            "Roughly 150 of the 9,000 North Korean troops deployed were wounded, the spy agency told lawmakers.",
            "wounded",
            150,
            "about",
            9_000,
        ),
        (
            "At least 20 of the 1,500 men that the North sent to Kursk have been captured, Kyiv says.",
            "captured",
            20,
            "at_least",
            1_500,
        ),
    ],
)
def test_the_part_of_a_group_counts_the_casualties_and_the_whole_stays_the_groups(text, item, part, bound, whole):
    assert figures(text, "casualties", item) == [(part, bound)]
    assert whole in [q for q, _ in figures(text, "troop_deployment", "troops")]
    assert part not in [q for q, _ in figures(text, "troop_deployment", "troops")]


# --- thousands spaced with a plain space, as European copy writes them -------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("at least 12 000 containers", 12_000), ("about 1 500 000 rounds", 1_500_000), ("some 7 300 troops", 7_300)],
)
def test_thousands_spaced_with_a_plain_space_are_one_figure(phrase, value):
    assert [q.quantity for q in find_quantities(phrase)] == [value]


def test_a_day_of_the_month_then_a_count_is_not_one_spaced_figure():
    assert [q.quantity for q in find_quantities("on Feb. 24 300 shells")] != [24_300]


def test_a_spaced_count_of_containers_is_read():
    text = "Seoul has tracked at least 12 000 containers moving from North Korea to Russia by rail."
    assert figures(text, "shipment", "containers") == [(12_000, "at_least")]


# --- the noun itself in brackets after its amount, as an editor fills out a quotation ------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("\u201cThey sent some 3,000 [troops] to Kursk in the spring,\u201d the official said.", 3_000),
        ("\u201cIn March roughly 2,500 (North Korean soldiers) were shipped to Russia,\u201d he said.", 2_500),
    ],
)
def test_a_bracketed_noun_after_an_amount_is_counted_by_it(text, value):
    assert [q for q, _ in figures(text, "troop_deployment", "troops")] == [value]


# --- soldiers counted as they reach the speaker's own lines: the attackers of one engagement ------------


def test_soldiers_counted_reaching_our_lines_are_a_use_with_its_figure():
    text = "\u201cAbout 60 North Korean soldiers stormed our trenches at dawn,\u201d a Ukrainian sergeant said."
    assert figures(text, "battlefield_use", "troops") == [(60, "about")]
    assert figures(text, "troop_deployment", "troops") == []


def test_soldiers_counted_fighting_in_a_region_are_still_a_deployment():
    text = "Some 11,000 North Korean soldiers are fighting in Kursk, Seoul said."
    assert figures(text, "troop_deployment", "troops") == [(11_000, "about")]


# --- tries that failed before a success: "two launch failures" counts the tries, not the launch -----------


@pytest.mark.parametrize(
    "text",
    [
        "After three launch failures last year, North Korea said it had put a spy satellite into orbit on Monday.",
        "North Korea placed its first reconnaissance satellite into orbit after two launch failures, Seoul said.",
    ],
)
def test_counted_launch_failures_before_a_success_are_not_its_count(text):
    # the launch is figure-less beside a failure (conventions 16a, 19a), and the tries' count is no claim
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == []
    assert [c.kind for c in claims(text)].count("satellite_launch") == 1


# --- a part of a mixed whole that the predicate says is the North's: the part is the count ---------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "\u201cThree out of 8 missiles that hit Zaporizhzhia were of North Korean origin,\u201d the governor wrote.",
            3,
        ),
        ("Two of the 15 missiles launched at Dnipro on Sunday were North Korean-made, the air force said.", 2),
        ("Of the 30 missiles Russia fired at Lviv, five were North Korean KN-23s, officials said.", 5),
    ],
)
def test_the_north_named_as_the_origin_of_a_part_counts_the_part_only(text, value):
    assert [c.quantity for c in claims(text) if c.item == "ballistic_missiles" and c.quantity] == [value]


def test_a_part_of_a_whole_the_north_sent_is_still_a_second_figure():
    text = "Two of the 24 missiles North Korea sent to Russia were fired at Kharkiv, officials said."
    found = [q for c in claims(text) for q in [c.quantity] if c.item == "ballistic_missiles" and q]
    assert 24 in found


# --- a glued "m" before a dimension is metres, not millions ---------------------------------------------


@pytest.mark.parametrize(
    "phrase", ["a 120m long cargo ship", "a stack of crates about 80m wide", "a pier 300m in length"]
)
def test_metres_told_by_a_dimension_are_no_amount(phrase):
    assert find_quantities(phrase) == []


def test_a_glued_m_before_a_noun_is_still_millions():
    assert [q.quantity for q in find_quantities("sent 3m shells")] == [3_000_000]


# --- the counted noun told as an estimate, its figure after it: an estimate ----------------------------


@pytest.mark.parametrize(
    ("text", "kind", "item", "value"),
    [
        (
            "Seoul's military lifted its estimated casualties among North Korean forces to 3,500 in March.",
            "casualties",
            "killed_or_wounded",
            3_500,
        ),
        (
            "The NIS put the approximate number of North Korean troops in Russia at 14,000.",
            "troop_deployment",
            "troops",
            14_000,
        ),
    ],
)
def test_an_estimated_noun_then_its_figure_is_about(text, kind, item, value):
    assert figures(text, kind, item) == [(value, "about")]


def test_a_noun_not_told_as_an_estimate_keeps_its_exact_figure():
    text = "The NIS put the number of North Korean troops in Russia at 14,000."
    assert figures(text, "troop_deployment", "troops") == [(14_000, "exact")]


# --- "men" counted with what befell them: a count of casualties ----------------------------------------


@pytest.mark.parametrize(
    ("text", "item", "value"),
    [
        ("Kyiv said the three men, who were taken captive near Sudzha, are now in a prison camp.", "captured", 3),
        ("Ukrainian officials said two men had been wounded and flown out of Kursk.", "wounded", 2),
    ],
)
def test_men_counted_with_what_befell_them_are_casualties(text, item, value):
    assert figures(text, "casualties", item) == [(value, "exact")]


def test_men_counted_doing_something_else_are_no_claim():
    assert claims("Kyiv said the two men spoke to reporters through an interpreter.") == [] or all(
        c.quantity != 2 for c in claims("Kyiv said the two men spoke to reporters through an interpreter.")
    )


# --- a ceiling covers no vague floor ---------------------------------------------------------------------


def test_a_vague_floor_stands_beside_a_later_ceiling_of_the_same_thing():
    text = (
        "Seoul's defence minister said the North has shipped millions of artillery shells to Russia since the "
        "autumn. He said the containers it sent could hold up to 4 million shells."
    )
    found = figures(text, "shipment", "artillery_shells")
    assert (2_000_000, "at_least") in found
    assert (4_000_000, "at_most") in found


def test_a_vague_floor_beside_a_larger_exact_count_is_still_folded():
    text = (
        "Seoul's defence minister said the North has shipped millions of artillery shells to Russia. "
        "He said it had sent 4 million shells since the autumn."
    )
    assert (2_000_000, "at_least") not in figures(text, "shipment", "artillery_shells")


# --- what the North's arms deliveries are worth is what Russia pays (convention 19c) -----------------------


@pytest.mark.parametrize(
    ("text", "value", "high", "bound"),
    [
        (
            "A think tank puts North Korea's weapons deliveries to Russia at up to $4.2bn.",
            4_200_000_000,
            None,
            "at_most",
        ),
        (
            "The researcher reckoned the value of North Korean munitions deliveries to Moscow since the invasion, "
            "when the war began, to be between $2 billion and $3 billion.",
            2_000_000_000,
            3_000_000_000,
            "range",
        ),
    ],
)
def test_the_worth_of_the_norths_arms_deliveries_is_cash_paid_for_them(text, value, high, bound):
    found = [(c.quantity, c.quantity_high, c.bound) for c in claims(text) if c.kind == "compensation"]
    assert found == [(value, high, bound)]


def test_the_worth_of_the_norths_other_exports_is_no_payment_for_arms():
    text = "North Korean coal exports to China were worth $300 million last year."
    assert [c for c in claims(text) if c.kind == "compensation"] == []


def test_a_ceiling_that_tops_a_range_of_the_same_fact_is_that_range_told_short():
    text = (
        "North Korea's weapons deliveries to Russia are worth as much as $4.2 billion, a think tank found. "
        "Its author put the value of North Korean arms deliveries to Russia at between $2.1 billion and $4.2 billion."
    )
    found = [(c.quantity, c.quantity_high, c.bound) for c in claims(text) if c.kind == "compensation"]
    assert found == [(2_100_000_000, 4_200_000_000, "range")]


# --- bound and range words: "below", thousands written once on a range, "several tens of thousands" -------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("below 4,000 soldiers", (4_000, "at_most", None)),
        ("8-9,000 troops", (8_000, "range", 9_000)),
        ("several tens of thousands of rounds", (30_000, "at_least", None)),
    ],
)
def test_more_ways_of_bounding_a_figure(phrase, expected):
    found = find_quantities(phrase)
    assert [(q.quantity, q.bound, q.quantity_high) for q in found] == [expected]


def test_a_range_of_small_numbers_keeps_its_own_scale():
    assert [(q.quantity, q.quantity_high) for q in find_quantities("8-9 launchers")] == [(8, 9)]


# --- a count set off between dashes or brackets after its noun, the clause's verb after the close ---------


@pytest.mark.parametrize(
    ("text", "kind", "item", "value", "bound"),
    [
        (
            "The North Korean soldiers \u2014 roughly 12,000 \u2014 are now deployed near Kursk, Seoul said.",
            "troop_deployment",
            "troops",
            12_000,
            "about",
        ),
        (
            "Artillery shells shipped to Russia (some 4 million) have been tracked by Seoul's spy agency.",
            "shipment",
            "artillery_shells",
            4_000_000,
            "about",
        ),
        (
            "A third of the shells fired by Russia \u2014 about two million a year \u2014 are being supplied by North Korea, "
            "Western officials say.",
            "shipment",
            "artillery_shells",
            2_000_000,
            "about",
        ),
    ],
)
def test_a_count_set_off_after_its_noun_counts_it(text, kind, item, value, bound):
    assert figures(text, kind, item) == [(value, bound)]


def test_a_thing_described_by_its_use_and_supplied_by_the_north_is_a_shipment():
    text = "The rockets launched at Kharkiv this month were supplied by North Korea, Kyiv said."
    assert [c.kind for c in claims(text) if c.item == "rockets"] == ["shipment"]


# --- the count told before "of which", and the fallen counted as a toll or as losses --------------------


def test_a_count_before_of_which_counts_the_part_used():
    text = "North Korea has handed Russia 80 ballistic missiles, 30 of which have been fired at Ukrainian cities."
    assert figures(text, "battlefield_use", "ballistic_missiles") == [(30, "exact")]
    assert figures(text, "shipment", "ballistic_missiles") == [(80, "exact")]


@pytest.mark.parametrize(
    ("text", "item", "value", "bound"),
    [
        ("The death toll among North Korean troops in Kursk has climbed to 900, the NIS said.", "killed", 900, "exact"),
        (
            "North Korea's losses in Kursk have now reached 5,000, Seoul's spy agency said.",
            "killed_or_wounded",
            5_000,
            "exact",
        ),
        ("North Korean losses now stand at roughly 2,500, Kyiv said.", "killed_or_wounded", 2_500, "about"),
    ],
)
def test_the_fallen_counted_as_a_toll_or_as_losses(text, item, value, bound):
    assert figures(text, "casualties", item) == [(value, bound)]


def test_losses_of_another_kind_are_not_counted():
    text = "Russia's losses have reached 600,000 since the invasion began, Kyiv said."
    assert [c for c in claims(text) if c.kind == "casualties"] == []


def test_losses_counted_in_money_are_no_casualties():
    text = "Kyiv said North Korean troops have caused Russian firms losses of 5 million roubles."
    assert [c for c in claims(text) if c.kind == "casualties"] == []


# --- "passed" and "crossed" a figure are floors, where the figure ends its phrase ------------------------


@pytest.mark.parametrize(
    ("text", "kind", "item", "value"),
    [
        ("Kyiv said the number of containers sent to Russia has passed 14,000.", "shipment", "containers", 14_000),
        (
            "The tally of North Korean soldiers in Russia crossed 16,000 in May, Seoul said.",
            "troop_deployment",
            "troops",
            16_000,
        ),
    ],
)
def test_a_figure_passed_or_crossed_is_a_floor(text, kind, item, value):
    assert figures(text, kind, item) == [(value, "at_least")]


def test_passing_things_over_is_no_bound():
    found = find_quantities("Pyongyang passed 3,000 shells to Moscow last week")
    assert [(q.quantity, q.bound) for q in found] == [(3_000, "exact")]


# --- a figure word in the next sentence counts what the sentence before moved without a count ------------


def article_figures(text: str, kind: str, item: str) -> list[tuple[float | None, str | None]]:
    return [
        (c.quantity, c.bound) for c in extract_claims(text, PUB) if c.kind == kind and c.item == item and c.quantity
    ]


@pytest.mark.parametrize(
    ("text", "kind", "item", "value", "bound"),
    [
        (
            "North Korea has sent more soldiers to Russia to fight Ukraine. Kyiv puts their number at 4,000.",
            "troop_deployment",
            "troops",
            4_000,
            "exact",
        ),
        (
            "Pyongyang has shipped rockets to Moscow for its war in Ukraine. Officials said the total was about 900.",
            "shipment",
            "rockets",
            900,
            "about",
        ),
    ],
)
def test_a_figure_word_counts_what_the_sentence_before_moved(text, kind, item, value, bound):
    assert article_figures(text, kind, item) == [(value, bound)]


def test_a_figure_word_of_another_thing_takes_no_count_from_the_sentence_before():
    text = "North Korea has sent soldiers to Russia to fight Ukraine. The number of Russian dead has passed 600,000."
    assert article_figures(text, "troop_deployment", "troops") == []


# --- soldiers "lost" under any hedge; "a pair of" is two ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("The North's army has lost an estimated 3,900 soldiers in Kursk, the NIS said.", 3_900, "about"),
        ("Pyongyang has lost roughly 2,000 troops since the autumn, Kyiv said.", 2_000, "about"),
    ],
)
def test_soldiers_lost_under_a_hedge_are_casualties(text, value, bound):
    assert figures(text, "casualties", "killed_or_wounded") == [(value, bound)]
    assert figures(text, "troop_deployment", "troops") == []


def test_a_pair_of_soldiers_is_two():
    text = "Kyiv said its forces had taken a pair of North Korean soldiers prisoner near Sudzha."
    assert figures(text, "casualties", "captured") == [(2, "exact")]


# --- a satellite told as the subject that reached orbit is one launch (16a) ---------------------------------


def test_a_satellite_that_entered_orbit_is_one_launch():
    text = "Seoul's military confirmed that the North's new reconnaissance satellite had reached orbit on Friday."
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == [(1, "exact")]


def test_a_satellite_that_did_not_reach_orbit_has_no_figure():
    text = "Seoul's military said the North's new reconnaissance satellite had not reached orbit on Friday."
    assert figures(text, "satellite_launch", "reconnaissance_satellite") == []


# --- a bare count used in the fighting counts the weapons the sentences before moved -----------------------


def test_a_bare_count_fired_counts_the_weapons_moved_before():
    text = "North Korea has sent missiles and troops to Russia for its war in Ukraine. Kyiv says 45 have been fired so far."
    assert article_figures(text, "battlefield_use", "ballistic_missiles") == [(45, "exact")]
    assert article_figures(text, "troop_deployment", "troops") == []


# --- European copy: dots between thousands, a decimal comma before a scale word --------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("some 12.000 troops", 12_000), ("1.500.000 shells", 1_500_000), ("3,5 million rounds", 3_500_000)],
)
def test_european_grouping_and_decimal_comma(phrase, value):
    assert [q.quantity for q in find_quantities(phrase)] == [value]


@pytest.mark.parametrize(("phrase", "value"), [("1.5 million shells", 1_500_000), ("$1.250 billion", 1_250_000_000)])
def test_a_decimal_point_before_a_scale_word_stays_a_decimal(phrase, value):
    assert [q.quantity for q in find_quantities(phrase)] == [value]


# --- a counted payment that names neither side goes on with the flow to the North told before ------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia has shipped oil to North Korea in exchange for shells, a report said. The oil deliveries may amount to "
        "90,000 barrels, analysts said.",
        "Tankers flagged to North Korea moored at a Russian terminal, a report said. Analysts estimated that oil "
        "supplies from the Vostochny port in one month could amount to 90 thousand barrels.",
    ],
)
def test_a_counted_payment_goes_on_with_the_flow_told_before(text):
    assert article_figures(text, "compensation", "oil") == [(90_000, "exact")]


def test_oil_named_going_to_another_buyer_is_no_payment():
    text = "North Korea's troops are in Kursk, Seoul said. Oil exports from Russia to India rose to 2 million barrels."
    assert [c for c in extract_claims(text, PUB) if c.kind == "compensation"] == []
