"""Recall families of round 15 (issue 14): wordings counted among the misses of at least two real
development sets. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 2, 3)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def items_of(text: str, kind: str) -> list[str]:
    return [c.item for c in claims(text) if c.kind == kind]


# --- losses said to be heavy, with no count --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korean units near Kursk have taken heavy losses since January, a Ukrainian commander said.",
        "The North Korean battalions were withdrawn after suffering severe losses, Kyiv's intelligence said.",
        "Seoul's spy agency says North Korean troops in Russia have sustained considerable battlefield losses.",
        "North Korean losses have been very heavy near Kursk, a Ukrainian officer told reporters.",
    ],
)
def test_losses_said_to_be_heavy_are_casualties_without_a_figure(text):
    found = [c for c in claims(text) if c.kind == "casualties"]
    assert [c.item for c in found] == ["killed_or_wounded"]
    assert found[0].quantity is None


@pytest.mark.parametrize(
    "text",
    [
        # the North's losses named with no word of their weight: left as before
        "North Korean units joined the battle near Kursk last month, and their losses show how unready they were.",
        # another side's heavy losses are not the North's
        "Russia has suffered heavy losses near Pokrovsk, Ukraine's army said, as North Korean shells keep arriving.",
        # a loss of money or trade is no casualty
        "Sanctions on North Korean shipping caused heavy losses for Russian exporters, a trade body said.",
        # money lost, with its own word between
        "North Korean arms dealers took heavy financial losses when the port closed, Seoul said.",
    ],
)
def test_losses_without_weight_or_not_of_the_norths_soldiers_are_no_casualties(text):
    assert items_of(text, "casualties") == []
