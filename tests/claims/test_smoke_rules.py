"""Wrong claims a robustness run found on unlabelled real pages, each fixed by a general rule and
tested here in sentences written for these tests: shares, years, compound items, negation, use."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 4)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def keys(found: list[Claim]) -> list[tuple[str, str, str | None, float | None, str | None]]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


# --- figures that are not counts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Roughly a third of the containers were unloaded at Rajin, officials said, after North Korea shipped them to Russia.",
        "Seoul says about half of the North Korean troops sent to Russia have moved to the front line.",
    ],
)
def test_a_share_of_a_counted_thing_is_not_its_count(sentence):
    assert all(c.quantity is None or c.quantity >= 1 for c in claims(sentence))


def test_a_share_of_russias_supply_keeps_its_fraction():
    text = "Roughly half of the shells Russia fires now come from North Korea, Kyiv says."
    assert ("supply_share", "share_of_supply", "NK->RU", 0.5, "about") in keys(claims(text))


def test_a_bare_year_before_another_figure_is_a_year():
    text = "Officials said North Korea sent Russia 800 containers 2023 122mm rounds and more"
    found = keys(claims(text))
    assert ("shipment", "containers", "NK->RU", 800, "exact") in found
    assert all(q != 2023 for _, _, _, q, _ in found)


# --- compound items ---------------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["ammunition containers", "weapons containers"])
def test_what_a_container_holds_names_the_container(what):
    text = f"North Korea has loaded thousands of {what} onto ships bound for Russia, Seoul said."
    assert keys(claims(text)) == [("shipment", "containers", "NK->RU", 2000, "at_least")]


# --- saying neither yes nor no ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang hadn't confirmed or denied that its soldiers were in Russia until this week.",
        "Moscow has not confirmed or denied buying North Korean shells.",
        "The Kremlin spoke for an hour without confirming or denying the arrival of North Korean troops.",
    ],
)
def test_not_confirming_or_denying_is_no_denial(sentence):
    assert "denial" not in [c.kind for c in claims(sentence)]


# --- the user's own forces and the weapons it fields ---------------------------------------------------


def test_russia_deploying_the_norths_missiles_is_their_use():
    text = "Kyiv's air force said Russia had deployed two North Korean KN-23 missiles and 30 drones against Odesa."
    assert keys(claims(text))[:1] == [("battlefield_use", "ballistic_missiles", "NK->RU", 2, "exact")]


def test_russia_deploying_the_norths_soldiers_is_still_a_deployment():
    text = "Russia has deployed North Korean soldiers to the Kursk region, Kyiv said."
    assert [c.kind for c in claims(text)] == ["troop_deployment"]


def test_russian_troops_in_lower_case_are_not_the_norths():
    text = "A diplomat said russian troops fired at least 7 North Korean ballistic missiles at Ukrainian towns."
    assert keys(claims(text)) == [("battlefield_use", "ballistic_missiles", "NK->RU", 7, "at_least")]
