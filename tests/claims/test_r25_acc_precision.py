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
        # a side fought on, or a place, is not the one losing
        "North Korean forces fighting on the Russian side have suffered about 3,000 casualties, Seoul said.",
        "Seoul says the North Korean soldiers in Russia have sustained about 3,000 casualties so far.",
        # "its" is the North's where the sentence names it
        "North Korea sent troops to Russia last year, and its casualties now exceed 3,000, Seoul said.",
    ],
)
def test_the_norths_own_losses_stay_beside_another_sides(text):
    assert [c.quantity for c in claims(text) if c.kind == "casualties"] == [3000]


# --- a fact told as still unknown, not told, or not found is no claim (convention 25k) --------------------------


def kinds(text: str) -> list[str]:
    return sorted(c.kind for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        # a count still being worked out, in the progressive, with "how many", "whether" or "the number of"
        LEAD + "The spy agency is still trying to determine how many North Korean soldiers have been killed.",
        LEAD + "Kyiv is working to establish whether any of the North Korean troops surrendered.",
        LEAD + "Officials were still seeking to verify the number of North Korean casualties.",
        LEAD + "Investigators are attempting to ascertain the true toll of the North Korean dead and whether any were "
        "taken prisoner, a lawmaker said.",
    ],
)
def test_losses_still_being_established_are_no_casualty_claim(text):
    assert kinds(text) == ["troop_deployment"]


@pytest.mark.parametrize(
    "text",
    [
        # an acknowledgment looked for and not found, by a verb of finding negated or "no"
        LEAD + "The institute has not seen any acknowledgment by Russian officials of North Korean soldiers fighting "
        "in Kursk.",
        LEAD + "Researchers have not heard any confirmation from the Kremlin that North Korean units are in Kursk.",
        LEAD + "Analysts have found no admission by Pyongyang that its soldiers are fighting.",
    ],
)
def test_an_admission_not_found_is_no_confirmation(text):
    assert kinds(text) == ["troop_deployment"]


@pytest.mark.parametrize(
    "text",
    [
        # "to give" as to tell: a detail of a thing named before, withheld
        "Russia fired a North Korean missile at Kharkiv on Tuesday, prosecutors said. The prosecutor declined to give "
        "the missile's exact model.",
        "Russia fired a North Korean missile at Kharkiv on Tuesday, prosecutors said. Officials refused to provide "
        "details of the rocket's origin.",
        "Russia fired a North Korean missile at Kharkiv on Tuesday, prosecutors said. The army declines to release "
        "the type of missile it was.",
    ],
)
def test_a_detail_withheld_gives_nothing(text):
    assert kinds(text) == ["battlefield_use"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the count established, the admission seen, the thing given: each stays
        (LEAD + "The spy agency has determined that 300 North Korean soldiers have been killed.", "casualties"),
        (
            LEAD + "Analysts have seen the first acknowledgment by Pyongyang that its troops fight in Kursk.",
            "confirmation",
        ),
        ("Seoul says Moscow agreed to give Pyongyang air defence systems in return for troops.", "technology_transfer"),
    ],
)
def test_told_counts_admissions_and_gifts_stay(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # the victims counted after the casualty word: civilians, or the other side's people
        LEAD + "The war has already cost the lives of tens of thousands of Ukrainians.",
        LEAD + "A strike with North Korean missiles killed 24 people and injured 115 others in the city.",
        LEAD + "The shelling has claimed the lives of hundreds of Ukrainian civilians this year.",
        "North Korean troops have killed hundreds of Ukrainian soldiers in Kursk, Kyiv said.",
    ],
)
def test_victims_of_the_war_are_no_casualties_of_the_north(text):
    assert not [c for c in claims(text) if c.kind == "casualties"]


def test_victims_among_whom_the_north_is_named_stay():
    # the North named just after the victims: a part of them is the North's
    text = "A Ukrainian missile strike near Donetsk killed 20 people, six of them North Korean officers, Kyiv said."
    assert [c.kind for c in claims(text) if c.kind == "casualties"] == ["casualties"]
