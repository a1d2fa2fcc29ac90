"""Round 25, dev15's line (session 19): a launch that several named bodies report, each in a sentence dating it, is
one claim per teller (docs/claims-conventions.md 25s).

Sentences are our own; each test holds several wordings of the family (another teller, another verb, another order),
with the near misses the rule must leave alone: "the launch" spoken of again, and a launch told beside help for it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)
# The article's frame: the two states named, so that the launches below are read at all.
LEAD = "Russian engineers have been helping North Korea with its space programme in return for artillery shells. "


def _launch_tellers(text: str) -> list[str]:
    return [c.source for c in extract_claims(LEAD + text, PUB) if c.kind == "satellite_launch"]


def test_each_named_teller_of_a_dated_launch_is_a_claim():
    for text, tellers in (
        (
            "Pyongyang launched a rocket carrying a reconnaissance satellite on Monday night. "
            "South Korea's Joint Chiefs of Staff said they had tracked a satellite launch at 10:40 pm on Monday.",
            {"outlet", "South Korea JCS"},
        ),
        (
            "North Korea launched its first spy satellite in November. "
            "Japan's NHK reported last week that officials had spotted signs of another satellite launch at Sohae.",
            {"outlet", "NHK"},
        ),
        (
            "North Korea put a military spy satellite into orbit late on Monday. "
            "The North's news agency KCNA said on Tuesday that the country had successfully launched a new "
            "reconnaissance satellite.",
            {"outlet", "North Korea KCNA"},
        ),
        (
            "The North launched a spy satellite on Monday, its state media said. "
            "On Tuesday, Japan's defence ministry said it had tracked a satellite launch from the North's west coast.",
            {"North Korea KCNA", "Japan government"},
        ),
    ):
        assert set(_launch_tellers(text)) == tellers, text


def test_the_launch_spoken_of_again_is_no_new_report():
    for text in (
        # a reaction to the launch told before
        "North Korea launched a spy satellite on Monday. "
        "South Korea said on Tuesday that the satellite launch would make it suspend a military agreement.",
        # the launch as the thing Russia helped with: the help is the news
        "North Korea launched a spy satellite on Monday. "
        "Seoul's spy agency said on Tuesday that Russian help had let the North put the satellite into orbit.",
    ):
        assert len(_launch_tellers(text)) == 1, text  # one launch, whoever keeps it
