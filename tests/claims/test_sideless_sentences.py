"""Sentences that name neither North Korea nor Russia, in articles that have not named the North just before.

read_sentence stops early on such a sentence (extract.nothing_without_sides) unless it holds one of the readings
that need no side: a satellite launch, a denial and a condemnation. These check that those are still read, and
that a sentence stopped early still leaves its speaker's date for the sentences after it.
"""

from __future__ import annotations

import datetime as dt

from tests.support.claim_readings import claims, readings


def test_a_launch_told_without_either_side_is_still_a_launch() -> None:
    text = "The rocket with the spy satellite on board lifted off at dawn and failed soon after the launch."
    assert ("satellite_launch", "reconnaissance_satellite") in readings(text)


def test_a_denial_by_a_speaker_named_in_the_sentence_before_is_still_a_denial() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov met the press in the morning. He denied that any artillery shells had arrived."
    )
    assert ("denial", "artillery_shells") in readings(text)


def test_a_condemnation_naming_no_side_is_still_a_condemnation() -> None:
    text = "The European Union condemned the transfer of ballistic missiles."
    assert ("condemnation", "ballistic_missiles") in readings(text)


def test_a_sentence_without_sides_still_dates_its_speaker_for_later_sentences() -> None:
    text = (
        "A harbour official said on March 3 that a cargo of rice had been landed at the port. "
        "North Korea has sent 20,000 containers of munitions to Russia, he said."
    )
    found = claims(text)
    assert [(c.kind, c.item, c.as_of) for c in found] == [("shipment", "containers", dt.date(2025, 3, 3).isoformat())]
