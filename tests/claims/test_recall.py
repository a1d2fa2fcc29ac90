"""Recall on real reporting's structure (issue 14): general mechanisms, each tested in sentences
written for these tests: role nouns, amounts linked across clauses, denials and attribution."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 5, 20)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def keys(found: list[Claim]) -> list[tuple[str, str, str | None, float | None, str | None]]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


# --- lexicon: the same thing in other words ------------------------------------------------------


@pytest.mark.parametrize("pair", ["wounded and killed", "injured or killed", "wounded or dead"])
def test_a_casualty_pair_either_way_round_is_killed_or_wounded(pair):
    text = f"Kyiv says more than 4,000 {pair} North Korean soldiers have been counted near Kursk."
    assert ("casualties", "killed_or_wounded", None, 4000, "at_least") in keys(claims(text))


def test_russian_state_media_is_russia_not_the_north():
    text = (
        "North Korea has denied supplying shells to Russia. A Russian envoy, Ivan Petrov, was quoted by "
        "Russian state media on Tuesday denying that Moscow had bought any North Korean weapons."
    )
    denials = [(c.kind, c.source) for c in claims(text) if c.kind == "denial"]
    assert denials == [("denial", "North Korea government"), ("denial", "Russia government")]


# --- denials ---------------------------------------------------------------------------------------


def test_weapons_listed_with_a_named_thing_are_both_denied():
    text = "Pyongyang has denied exporting ammunition and rockets to Russia."
    assert sorted(c.item for c in claims(text) if c.kind == "denial") == ["munitions", "rockets"]


def test_a_named_thing_after_general_claims_is_the_only_thing_denied():
    text = "The embassy rejected Seoul's claims about weapons deals, saying Russia had never received any shells."
    assert [c.item for c in claims(text) if c.kind == "denial"] == ["artillery_shells"]


def test_dismissing_the_reports_denies_what_was_just_reported():
    text = (
        "Seoul says Pyongyang has moved about 2,000 soldiers to Russia's Far East. "
        "A week earlier the Kremlin had dismissed the reports as a fabrication."
    )
    assert [(c.kind, c.item, c.source) for c in claims(text) if c.kind == "denial"] == [
        ("denial", "troops", "Russia government")
    ]
