"""Round 23's review (session 17): faults found in the round's merged rules, each fixed with a test of our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 6, 3)

# A named source's count of the shells, then a sentence in the outlet's voice that names the shells again.
_COUNT = "Seoul's spy agency says the North has sent 3 million shells to Russia. "


def _shell_figures(text: str) -> list[float | None]:
    return [c.quantity for c in extract_claims(text, PUB) if (c.kind, c.item) == ("shipment", "artillery_shells")]


def test_the_north_receiving_in_the_passive_is_no_sending_of_its_own():
    # "has been supplied", "has been provided": the North is given something, so the outlet's figure-less word on the
    # shells is still a summary of the count before it, not a report of the North sending told in a clause of its own
    for second in (
        "Shells from North Korea arrive by rail, and the North has been supplied with Russian oil for them.",
        "North Korean shells reach Russian gunners by train, and Pyongyang has been provided with fuel in return.",
    ):
        assert _shell_figures(_COUNT + second) == [3_000_000], second


def test_the_north_sending_as_a_verb_going_on_still_stands_beside_the_count():
    # "has been shipping", "has been also sending": the North sends, told as an act of its own (convention 1)
    for second in (
        "Pyongyang has been shipping artillery rounds and old guns to Moscow for a year.",
        "Pyongyang has been also shipping artillery rounds to Moscow, the ministry added.",
    ):
        assert sorted(_shell_figures(_COUNT + second), key=lambda q: q is None) == [3_000_000, None], second


def test_a_party_allowed_to_send_people_is_a_dispatch_with_its_figure_not_a_cap():
    # 23i reads "allowed to import 500,000 barrels" as a cap (no figure); a verb of sending after "allowed to"
    # tells the dispatch itself, so its count stays
    for text in (
        "North Korea was permitted to send 15,000 workers to Russia, Seoul said.",
        "Pyongyang has been allowed to dispatch 3,000 labourers to Russian building sites, officials said.",
    ):
        workers = [c.quantity for c in extract_claims(text, PUB) if c.kind == "personnel_dispatch"]
        assert workers and workers[0] is not None, text
    cap = "North Korea is allowed to import 500,000 barrels of refined oil a year, the panel said."
    assert all(c.quantity is None for c in extract_claims(cap, PUB) if c.item == "oil")
