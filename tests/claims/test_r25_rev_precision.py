"""Review of round 25's precision line (conventions 25j, 25k; session 19): the gates that take another side's losses
away must leave the North's own. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 1, 20)
# The North named in the sentence before, so that a bare "its" in the next one can be the North's.
NORTH_FIRST = "North Korea sent 11,000 soldiers to Russia last autumn. "


def casualty_amounts(text: str) -> list[float | None]:
    return [c.quantity for c in extract_claims(text, PUB) if c.kind == "casualties"]


@pytest.mark.parametrize(
    "text",
    [
        # "its" with no other side named before it in its own sentence points back to the North named before
        NORTH_FIRST + "Its casualties in the war against Ukraine have reached about 3,000, Seoul said.",
        NORTH_FIRST + "Its casualties in Russia's war have reached about 3,000, Seoul said.",
        NORTH_FIRST + "In the fighting against Ukraine, its casualties have reached about 3,000, Seoul said.",
    ],
)
def test_its_losses_after_the_north_named_are_the_norths(text):
    assert casualty_amounts(text) == [3000]


@pytest.mark.parametrize(
    "text",
    [
        # the North joined to another side as the one losing: their losses together are the North's too
        "North Korea and Russia have suffered about 3,000 casualties in Kursk, Seoul said.",
        "North Korean and Russian forces have suffered about 3,000 casualties in Kursk, Seoul said.",
        "North Korean and Russian troops have lost about 3,000 soldiers in Kursk, Seoul said.",
    ],
)
def test_losses_of_the_north_joined_to_another_side_stay(text):
    assert casualty_amounts(text) == [3000]
