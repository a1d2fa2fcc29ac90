"""Round 25, sources and dates (session 19): the time a claim holds as of, by what the time phrase belongs to.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it
(another verb, another order, another clause structure), with a near miss where the family has one.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 10, 24)  # a Thursday


def _dated(text: str, published: dt.date = PUB) -> set[tuple[str, str | None, str | None]]:
    return {(c.kind, c.since, c.as_of) for c in extract_claims(text, published)}


# -- 25p: a claim told in the present tense is told now, not on the article's first dated day ------------------------


def test_a_claim_said_in_the_present_holds_on_the_publication_day():
    # the first sentence dates a statement (Wednesday); the next one, a teller speaking now, holds on the publication
    opening = "Seoul's spy agency told lawmakers on Wednesday that the North keeps sending shells to Moscow. "
    for later in (
        "Meanwhile, the Financial Times reports that North Korea has shipped missiles to Russia.",
        "The British daily notes that Pyongyang has delivered ballistic missiles to Russia.",
        "Western officials estimate that North Korea has sent ballistic missiles to Russia.",
        "Analysts in Kyiv believe that the North has supplied ballistic missiles to the Russian army.",
    ):
        found = _dated(opening + later)
        assert ("shipment", None, "2024-10-24") in found, later


def test_a_past_verb_or_a_noun_before_that_keeps_the_first_dated_day():
    opening = "Seoul's spy agency told lawmakers on Wednesday that the North keeps sending shells to Moscow. "
    for later in (
        "The British daily noted that Pyongyang has delivered ballistic missiles to Russia.",
        "This comes amid reports that North Korea has shipped ballistic missiles to Russia.",
    ):
        found = _dated(opening + later)
        assert ("shipment", None, "2024-10-23") in found, later


# -- 25q: a time that dates the making of a rule named before it -----------------------------------------------------


def test_the_year_a_rule_was_made_does_not_date_the_claim():
    for text in (
        "Russia ships oil to North Korea, in breach of UN sanctions imposed with Moscow's support in 2017.",
        "Moscow has sent Pyongyang more than a million barrels of oil, above the cap the Security Council set in 2017.",
        "Russia keeps supplying oil to the North despite a ban that the UN adopted in December 2017.",
    ):
        found = _dated(text)
        assert any(kind == "compensation" and as_of == "2024-10-24" for kind, _, as_of in found), (text, found)


def test_a_time_of_the_claim_itself_still_dates_it():
    # the year tells when the oil went, not when a rule was made
    found = _dated("Russia shipped 1 million barrels of oil to North Korea in 2023, in breach of UN sanctions.")
    assert any(kind == "compensation" and as_of == "2023-12-31" for kind, _, as_of in found), found


# -- 25r: a month still ahead that a plan or an expectation governs -------------------------------------------------


def test_a_planned_month_ahead_neither_dates_nor_starts_the_count():
    for text in (
        "North Korea has sent 3,000 troops to Russia, with plans to raise their number to 10,000 in December.",
        "North Korea has deployed 3,000 soldiers to Russia and is expected to send 7,000 more in November.",
        "Pyongyang has sent 3,000 troops to Russia, and Seoul anticipates a second wave in December.",
        "North Korea has sent 3,000 troops to Russia; it will dispatch another 7,000 in December, officials said.",
    ):
        found = _dated(text)
        counts = [(since, as_of) for kind, since, as_of in found if kind == "troop_deployment"]
        assert counts and all(since is None and as_of == "2024-10-24" for since, as_of in counts), (text, found)


def test_a_month_gone_by_still_dates_the_claim_after_a_plan():
    # ("last December", "in December 2023", a month before the publication's: gone by, whatever plan stands near)
    for text, as_of in (
        ("North Korea, which plans to expand its aid, sent 3,000 troops to Russia in September.", "2024-09-30"),
        ("North Korea, with plans to expand its aid, sent 3,000 troops to Russia in December 2023.", "2023-12-31"),
    ):
        found = _dated(text)
        assert any(kind == "troop_deployment" and got == as_of for kind, _, got in found), (text, found)


# -- 25n: a group of voices named by its nations goes by the text's own words ---------------------------------------


def _sourced(text: str) -> set[tuple[str, str]]:
    return {(c.kind, c.source) for c in extract_claims(text, PUB)}


def test_a_group_of_voices_is_named_by_its_own_words():
    for text, kind, source in (
        (
            "Ukrainian experts have said that North Korea shipped ballistic missiles to Russia.",
            "shipment",
            "Ukrainian experts",
        ),
        (
            "North Korean defectors told reporters that Pyongyang has sent troops to Russia.",
            "troop_deployment",
            "North Korean defectors",
        ),
        (
            "According to South Korean and Western military analysts, the North has sent 10,000 troops to Russia.",
            "troop_deployment",
            "South Korean and Western military analysts",
        ),
        (
            "Russian military bloggers say North Korean shells have exploded in Russian guns.",
            "battlefield_use",
            "Russian military bloggers",
        ),
        ("Experts believe Russia has given North Korea missile technology.", "technology_transfer", "experts"),
    ):
        assert (kind, source) in _sourced(text), (text, _sourced(text))


def test_a_group_at_a_body_is_the_body_and_a_group_sent_is_no_teller():
    assert ("troop_deployment", "ISW") in _sourced(
        "Analysts at the Institute for the Study of War said North Korean troops have been deployed to Kursk."
    )
    found = _sourced("Russian experts went to North Korea to help build its satellites, Yonhap reported.")
    assert found and all(source == "Yonhap" for _, source in found), found


# -- 25o: states speaking as the members of a group, or named after their office -------------------------------------


def test_states_named_as_members_or_after_their_office_speak_together():
    for text, kind, source in (
        (
            "The governments of Japan, Ukraine, UK, US, and South Korea have confirmed that North Korea has sent "
            "troops to Russia.",
            "troop_deployment",
            "Japan, Ukraine, United Kingdom, United States and South Korea",
        ),
        (
            "Several democracies, including South Korea, Japan and the United States, have sharply condemned North "
            "Korea's missile exports to Russia.",
            "condemnation",
            "South Korea, Japan and United States",
        ),
        (
            "Pyongyang's rivals, such as Seoul and Tokyo, strongly condemned its shipments of shells to Russia.",
            "condemnation",
            "South Korea and Japan",
        ),
        (
            "The defence ministers of twelve nations jointly condemned North Korea's transfer of missiles to Russia.",
            "condemnation",
            "Defence ministers of twelve nations",
        ),
    ):
        assert (kind, source) in _sourced(text), (text, _sourced(text))


def test_things_listed_after_including_are_no_tellers():
    found = _sourced(
        "North Korea has supplied many weapons, including shells, rockets and missiles, to Russia, officials said."
    )
    assert found and all(source == "unnamed officials" for _, source in found), found
