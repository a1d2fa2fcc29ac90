"""Claims whose thing, party or figure is told in another sentence (issue 14, session 9): a report's summary
and its detail, a count retold in a voice that names no one. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 6, 2)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def of(text: str, kind: str, item: str) -> list[Claim]:
    return [c for c in claims(text) if (c.kind, c.item) == (kind, item)]


# --- a report's figure-less summary, then the figure of the next sentence: one claim -----------------


def test_a_reports_summary_followed_by_its_detail_is_one_claim():
    text = (
        "Moscow has handed Pyongyang an air defence system and other help this year, a sanctions monitoring "
        "report published on Friday found. Russia transferred at least two Pantsir air defence systems to "
        "North Korea in the spring, the monitoring team said."
    )
    found = of(text, "technology_transfer", "air_defense")
    assert [c.quantity for c in found] == [2]


def test_another_voices_charge_before_a_figure_still_stands():
    # No report is named: the first sentence is one voice's charge, the second another's count.
    text = (
        "The Guardian wrote in April that Pyongyang had sent soldiers to fight for Moscow. "
        "Seoul's spy agency said on Monday that about 11,000 North Korean troops had been sent to Russia."
    )
    found = of(text, "troop_deployment", "troops")
    assert sorted(c.quantity is None for c in found) == [False, True]


def test_a_summary_two_sentences_before_its_figure_stands():
    summary = (
        "Russia has supplied the North with an air defence system, Ukraine's military intelligence said in a report. "
    )
    detail = "Russia transferred at least two Pantsir air defence systems to North Korea, the monitoring team said."
    assert len(of(summary + detail, "technology_transfer", "air_defense")) == 1
    between = "The report was compiled over six months. "
    assert len(of(summary + between + detail, "technology_transfer", "air_defense")) == 2


# --- the same count of the dead retold by a voice that names no one: one claim -----------------------


def test_a_death_toll_retold_by_unnamed_sources_is_one_claim():
    text = (
        "Reports say 300 North Korean soldiers were killed near Kursk. "
        "Later, military sources reported that 300 North Korean soldiers were killed in a missile strike there."
    )
    assert [c.quantity for c in of(text, "casualties", "killed")] == [300]


def test_two_different_tolls_stay_two_claims():
    text = (
        "Reports say 300 North Korean soldiers were killed near Kursk. "
        "Later, military sources reported that 450 North Korean soldiers were killed in a missile strike there."
    )
    assert sorted(c.quantity for c in of(text, "casualties", "killed")) == [300, 450]


# --- "the artillery", "the guns": the guns named in the sentences before -----------------------------


def test_the_artillery_used_after_howitzers_named_is_their_use():
    shipped = "Pyongyang has handed Moscow 50 Koksan self-propelled howitzers, Kyiv's military intelligence said. "
    for used in (
        "Russian troops have fired the artillery at Ukrainian positions near Pokrovsk.",
        "Russian crews now use the guns in Kursk.",
    ):
        found = of(shipped + used, "battlefield_use", "self_propelled_guns")
        assert len(found) == 1, used


def test_the_artillery_after_missiles_points_to_no_missile():
    text = (
        "North Korea has shipped KN-23 ballistic missiles to Russia, Kyiv said. "
        "Russian officers watched the artillery drills near Pyongyang last week."
    )
    assert [c.kind for c in claims(text) if c.item == "ballistic_missiles"] == ["shipment"]


def test_the_same_toll_on_two_days_stays_two_claims():
    text = (
        "Reports say 300 North Korean soldiers were killed near Kursk on Monday. "
        "On Thursday, military sources reported that 300 North Korean soldiers were killed in another strike there."
    )
    assert len(of(text, "casualties", "killed")) == 2
