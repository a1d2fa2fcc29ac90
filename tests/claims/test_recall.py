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
