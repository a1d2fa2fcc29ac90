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


def kinds_and_amounts(text: str) -> list[tuple[str, float | None]]:
    return sorted((c.kind, c.quantity) for c in extract_claims(text, PUB))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the speaker goes on to tell after a detail withheld is told (convention 25k reads only the detail)
        (
            "The army declined to give the rocket's exact type, saying only that Russia has fired 40 North Korean "
            "missiles at Odesa since March.",
            ("battlefield_use", 40),
        ),
        (
            "The army declined to give details of the attack, in which Russia fired 40 North Korean missiles at Odesa.",
            ("battlefield_use", 40),
        ),
        (
            "Officials refused to release details of the attack, adding that Russia has fired 40 North Korean "
            "missiles at Odesa since March.",
            ("battlefield_use", 40),
        ),
        # a thing counted inside the withheld details is told: only its details are not
        (
            "Kyiv declined to provide details of the 30,000 containers of North Korean shells that reached Russia "
            "this year.",
            ("shipment", 30000),
        ),
        (
            "The ministry refused to give information on the 6,000 North Korean engineers who arrived in Kursk.",
            ("personnel_dispatch", 6000),
        ),
    ],
)
def test_what_is_told_beside_a_detail_withheld_stays(text, expected):
    assert expected in kinds_and_amounts(text)


# A first sentence that names the North's soldiers, so that the next one is read in their context.
LEAD = "Pyongyang has sent some 11,000 soldiers to fight for Moscow, Seoul's spy agency said. "


@pytest.mark.parametrize(
    "text",
    [
        # each spelling round 25 added to another side as the one losing, with a test of its own
        LEAD + "The Ukrainian side has suffered about 20,000 casualties in the region, Moscow claims.",
        LEAD + "Russia has reportedly suffered about 1,500 casualties a day this month.",
        LEAD + "Kiev's casualties in the Kursk incursion have reached 40,000, Moscow claims.",
    ],
)
def test_each_spelling_of_another_side_losing_adds_no_casualties(text):
    assert casualty_amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the North named after the victims, but in a clause of its own: the victims are not partly the North's
        "The war has cost the lives of tens of thousands of Ukrainians, and about 3,000 North Korean soldiers have "
        "been killed, Seoul said.",
        "The fighting has killed more than 20,000 civilians, while about 3,000 North Korean soldiers have died, "
        "Seoul said.",
        "The strike killed 30 people; about 3,000 North Korean soldiers have died in Kursk since December, Seoul said.",
    ],
)
def test_victims_counted_before_the_norths_own_dead_are_not_theirs(text):
    assert casualty_amounts(text) == [3000]


def test_victims_joined_to_the_norths_dead_stay():
    # the North's soldiers counted among the victims, in the same clause
    text = "Ukrainian drones killed 40 Russian soldiers and 12 North Korean soldiers near Kursk, Kyiv said."
    assert casualty_amounts(text) == [12]
