"""A transfer denied in the progressive ("has not been sending", "is not shipping") is a denial, as the same
transfer denied in the simple past is, not a shipment asserted. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims import cues
from monitor.claims.analysis import analyse

DAY = dt.date(2026, 2, 3)


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(c["kind"], c["item"], c["stance"]) for c in analyse(text, published=DAY)["claims"]]


@pytest.mark.parametrize(
    "verb",
    [
        "has not been funnelling",
        "had not been shipping",
        "has never been supplying",
        "is not sending",
        "was not delivering",
        "isn't exporting",
    ],
)
def test_a_negated_progressive_denies_the_transfer(verb: str):
    text = f"Diplomats in Geneva said Pyongyang {verb} mortar rounds to Moscow."
    assert _read(text) == _read("Diplomats in Geneva said Pyongyang has not sent mortar rounds to Moscow.")
    assert [kind for kind, _, _ in _read(text)] == ["denial"]


def test_the_same_progressive_unnegated_is_a_shipment():
    text = "Diplomats in Geneva said Pyongyang has been funnelling mortar rounds to Moscow."
    assert [(kind, stance) for kind, _, stance in _read(text)] == [("shipment", "asserted")]


def test_a_negation_that_says_more_or_names_no_act_is_no_denial():
    assert not cues.DENIAL.search("Pyongyang is not only sending mortar rounds but also engineers.")
    assert not cues.DENIAL.search("The bottleneck is not supply but the rail gauge at the border.")
    assert cues.DENIAL.search("Both capitals are not buying the rockets, officials said.")
    # a present-tense "is not" counts as a denier's verb only before a progressive
    assert not cues.DENY_VERB.search("Moscow is not a party to that treaty.")
    assert cues.DENY_VERB.search("Moscow is not buying the shells.")
    # "something", "anything" end like a progressive and are not one
    assert not cues.DENY_VERB.search("The treaty is not something Moscow will discuss.")
    assert not cues.DENY_VERB.search("Pyongyang's answer is not anything new.")
