"""Round 25's recall line under review (session 19): wordings its rules read that they should not, and a direction
the air-defence item got wrong whatever the sentence said.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 2, 10)


def _found(text: str, published: dt.date = PUB) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, published)}


def test_weapons_in_general_named_as_a_heading_of_the_list_after_stay_folded():
    # "weapons, in particular shells and rockets": the list after the comma tells which weapons, as "weapons, including
    # shells" does; only a list the general word is one of keeps it as a thing of its own (25b)
    for text in (
        "North Korea shipped weapons, in particular artillery shells and rockets, to Russia.",
        "North Korea shipped munitions, among them artillery shells and rockets, to Russia.",
        "North Korea shipped weapons, for example artillery shells and rockets, to Russia.",
        "Pyongyang sent ammunition, above all artillery shells and rockets, to Moscow.",
        "The North delivered arms, specifically artillery shells and rockets, to Russian forces.",
        "North Korea shipped weapons, both artillery shells and rockets, to Russia.",
        "North Korea shipped ammunition, principally artillery shells and rockets, to Russia.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert {"artillery_shells", "rockets"} <= items, (text, items)
        assert "munitions" not in items, (text, items)
