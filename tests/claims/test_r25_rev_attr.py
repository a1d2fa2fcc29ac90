"""Review of round 25's sources and dates line (25n-25r): where its rules read too much.

Sentences are our own; each test holds the wording the review found read wrongly, beside one that still reads right.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 10, 24)


def _read(text: str) -> set[tuple[str, str, str | None, str | None]]:
    return {(c.kind, c.source, c.since, c.as_of) for c in extract_claims(text, PUB)}


def _sources(text: str) -> set[str]:
    return {source for _, source, _, _ in _read(text)}


# -- 25n: a group of voices goes by its own words --------------------------------------------------------------------


def test_the_group_that_tells_is_named_not_the_first_group_in_the_sentence():
    # a group named in another clause ("Russian experts visited ...") is not the one that says it
    for text, teller in (
        (
            "Russian experts toured Pyongyang last year, and Western analysts say Moscow has given the North "
            "satellite technology.",
            "Western analysts",
        ),
        (
            "North Korean defectors reached Seoul in May, while Ukrainian experts believe the North has shipped "
            "ballistic missiles to Russia.",
            "Ukrainian experts",
        ),
    ):
        assert _sources(text) == {teller}, (text, _read(text))


def test_a_state_before_a_comma_is_not_the_nation_of_the_group_after_it():
    # "at Ukraine, Western experts": the state is where the shells fell; a list of nations ends with "and"
    for text, teller in (
        ("North Korean shells have been fired at Ukraine, Western experts say.", "Western experts"),
        ("North Korean missiles have hit cities across Ukraine, US experts said.", "US experts"),
        (
            "South Korean, US and Japanese experts say Pyongyang has sent troops to Russia.",
            "South Korean, US and Japanese experts",
        ),
    ):
        assert _sources(text) == {teller}, (text, _read(text))


def test_a_group_named_by_its_nations_opening_its_sentence_tells_it():
    # no verb of saying: the group that opens the sentence is its teller (attribution.opens_sentence), nations and all
    for text, teller in (
        (
            "Russian military bloggers have faulted defective North Korean shells for the loss of several howitzers.",
            "Russian military bloggers",
        ),
        (
            "South Korean experts have traced the debris of a missile that hit Kharkiv to North Korea.",
            "South Korean experts",
        ),
    ):
        assert _sources(text) == {teller}, (text, _read(text))


def test_every_group_the_source_table_reads_goes_by_its_own_words():
    # (the table's row and the words given out are one list: "specialists" was read as a group but given out as
    # "analysts")
    for text, teller in (
        ("Ukrainian specialists say North Korea has shipped ballistic missiles to Russia.", "Ukrainian specialists"),
        ("Specialists believe Russia has given North Korea submarine technology.", "specialists"),
    ):
        assert _sources(text) == {teller}, (text, _read(text))


# -- 25q: the year a rule was made --------------------------------------------------------------------------------------


def test_a_transfer_told_after_a_rule_is_dated_by_its_own_year():
    # the verb after "sanctions" is the transfer's, with its goods as object, not the making of the sanctions
    for text in (
        "Despite the sanctions North Korea passed 1 million shells to Russia in 2023, officials said.",
        "Despite the embargo Pyongyang passed 2 million artillery shells to Russia in 2023, officials said.",
    ):
        found = _read(text)
        assert any(kind == "shipment" and as_of == "2023-12-31" for kind, _, _, as_of in found), (text, found)


def test_the_year_a_rule_was_made_starts_no_count():
    # the year of the cap is no start of the oil's count (timerefs.period_reading), where a count's own start stays
    for text, since in (
        (
            "Russia has shipped more than 1 million barrels of oil to North Korea, well over the yearly cap the "
            "Security Council set in 2017.",
            None,
        ),
        (
            "Moscow has delivered over 1 million barrels of refined oil to Pyongyang, far beyond the limit the UN "
            "imposed in 2017.",
            None,
        ),
        (
            "Russia has given North Korea more than a million barrels of oil since March, above the ceiling adopted "
            "in 2017.",
            "2024-03-01",
        ),
    ):
        found = _read(text)
        assert any(kind == "compensation" and got == since for kind, _, got, _ in found), (text, found)


# -- 25r: a month still ahead under a plan ----------------------------------------------------------------------------


def test_a_plan_told_in_the_past_names_a_month_gone_by():
    # "was expected to ... in December", "had planned to ... in November": the plan's month is last year's
    for text, kind, as_of in (
        (
            "North Korea was expected to send 2,000 troops to Russia in December, but it sent 3,000, officials said.",
            "troop_deployment",
            "2023-12-31",
        ),
        (
            "North Korea had planned to launch a spy satellite in November, officials said.",
            "satellite_launch",
            "2023-11-30",
        ),
    ):
        found = _read(text)
        assert any(k == kind and got == as_of for k, _, _, got in found), (text, found)


# -- 25p: a present verb of saying before "that" ----------------------------------------------------------------------


def test_an_estimate_or_reports_as_nouns_keep_the_first_dated_day():
    # (a noun before "that", in either case: an article or "there are" before it)
    opening = "Seoul's spy agency told lawmakers on Wednesday that the North keeps sending shells to Moscow. "
    for later in (
        "An estimate that North Korea has shipped 3 million shells to Russia circulated in Seoul.",
        "There are reports that North Korea has shipped ballistic missiles to Russia.",
        "The reports that North Korea has shipped ballistic missiles to Russia alarmed Tokyo.",
    ):
        found = _read(opening + later)
        assert found and all(as_of == "2024-10-23" for _, _, _, as_of in found), (later, found)
