"""Precision by families of wordings (issue 14, round 25, session 19): claims the extractor emitted that no label
has, pooled over every development set with blind14's and dev14's, and sorted by why they were read. Each gate
below was kept only where it removed such claims in three sets or more and lost no matched claim. Sentences
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 1, 20)
# A first sentence that names the North's soldiers, so that the next one is read in their context.
LEAD = "Pyongyang has sent some 11,000 soldiers to fight for Moscow, Seoul's spy agency said. "


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def kinds_and_amounts(text: str) -> list[tuple[str, float | None]]:
    return sorted((c.kind, c.quantity) for c in claims(text) if c.kind in ("casualties", "troop_deployment"))


# --- another side's own losses are no claim of the North's (convention 25j) ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the state's army as the one losing, in either spelling of the capital
        LEAD + "Moscow says Kiev's forces had sustained more than 50,000 casualties in the Kursk operation.",
        LEAD + "The Ukrainian army has suffered about 30,000 casualties there since August, Moscow claims.",
        # the people of a side in the plural, and a count of soldiers lost rather than a casualty word
        LEAD + "The Russians have been losing between 1,000 and 1,500 soldiers every day, the analyst said.",
        LEAD + "Ukraine's army has lost as many as 400 soldiers a day near Pokrovsk.",
        # losses pointed back to the side the sentence names
        LEAD + "Russia's war has dragged on, its casualties now exceed 700,000, and its recruiters struggle.",
    ],
)
def test_another_sides_losses_add_nothing_to_the_norths(text):
    assert kinds_and_amounts(text) == [("troop_deployment", 11000)]


def test_another_sides_losses_beside_the_north_named_further_back():
    # the North named at the sentence's start; the losses told later are Russia's
    text = (
        "The arrival of North Korean troops shows how desperate Putin has become after the huge casualties "
        "inflicted on his army, with Russian losses estimated at 600,000 and deaths above 300,000."
    )
    assert not [c for c in claims(text) if c.kind == "casualties"]


@pytest.mark.parametrize(
    "text",
    [
        # the North's own losses told beside another side's stay
        "North Korean troops have suffered about 3,000 casualties in Kursk, while Russian losses there are far "
        "larger, Seoul said.",
        "While Russian losses keep mounting, North Korean units have suffered about 3,000 casualties, Seoul said.",
        # "its" is the North's where the sentence names it
        "North Korea sent troops to Russia last year, and its casualties now exceed 3,000, Seoul said.",
    ],
)
def test_the_norths_own_losses_stay_beside_another_sides(text):
    assert [c.quantity for c in claims(text) if c.kind == "casualties"] == [3000]
