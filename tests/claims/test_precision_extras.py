"""Precision by families of extra claims (issue 14, session 13): readings the conventions count as no claim of
their own, seen on the real development sets (blind7, blind8, the corpus's development split). Sentences written for
these tests; each family has near misses that must keep their claim."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 14)
# An opening that names the North and no thing, so that the sentence after it is read in the article's context
# and no claim of the opening absorbs it.
OPENING = "The war in Ukraine has drawn in North Korea, officials say. "


def told(text: str) -> list[tuple[str, str, str | None, float | None]]:
    """(kind, item, direction, quantity) of each claim told in the sentence after the opening."""
    return [
        (c.kind, c.item, c.direction, c.quantity)
        for c in extract_claims(OPENING + text, PUB)
        if c.span[0] >= len(OPENING)
    ]


# --- 1. containers and what they hold: one shipment, told once (conventions 15e, 17b) -------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Seoul said the North shipped some 2,000 containers of "shells and rockets" to Russia.',
        "Seoul said the North shipped some 2,000 containers with \u201cweapons and shells\u201d to Russia.",
        "Seoul said the North shipped some 2,000 containers likely full of shells to Russia.",
    ],
)
def test_what_counted_containers_hold_is_no_claim_of_its_own_even_quoted_or_guessed(text):
    assert told(text) == [("shipment", "containers", "NK->RU", 2000)]


def test_figure_less_containers_that_could_hold_a_counted_load_give_the_load_alone():
    text = "The North sent containers, apparently to Russia, that could hold up to two million shells, Seoul said."
    assert told(text) == [("shipment", "artillery_shells", "NK->RU", 2_000_000)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted containers keep their count beside the load worked out from them (15e)
        (
            "The North sent 5,000 containers to Russia that could hold up to two million shells, Seoul said.",
            {("shipment", "containers", "NK->RU", 5000), ("shipment", "artillery_shells", "NK->RU", 2_000_000)},
        ),
        # a count held by something else in a clause of its own
        (
            "The North sent containers to Russia, while Russian depots hold 2 million shells, Seoul said.",
            {("shipment", "containers", "NK->RU", None), ("shipment", "artillery_shells", "NK->RU", 2_000_000)},
        ),
    ],
)
def test_counted_containers_and_a_load_held_elsewhere_keep_their_claims(text, expected):
    assert set(told(text)) == expected
