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


# --- Russia leaning on the North as its source of arms, told without a share -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Short of shells of its own, Russia has turned to North Korea for help in waging its war, Kyiv says.",
        "Moscow turned to Pyongyang for military assistance after its stocks ran low, analysts say.",
        "Russia aims to make North Korea a standing supply base for ammunition, the spy agency said.",
    ],
)
def test_russia_leaning_on_the_north_for_arms_is_a_share_of_supply_without_a_figure(text):
    found = [c for c in claims(text) if c.kind == "supply_share"]
    assert [c.item for c in found] == ["share_of_supply"]
    assert found[0].quantity is None


@pytest.mark.parametrize(
    "text",
    [
        # help sought from someone else in the North, for something else
        "Kim turned to North Korea's farmers for help with the harvest, state media said.",
        # a supply base for something that is not the war's
        "The port of Rajin serves as a supply base for the North's fishing fleet.",
    ],
)
def test_help_or_a_supply_base_that_is_not_arms_for_russia_is_no_share_of_supply(text):
    assert items_of(text, "supply_share") == []
