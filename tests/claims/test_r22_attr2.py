"""Round 22, second attribution pass (session 16): source rules that hold by the sentence's structure.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _sources(text: str, published: dt.date = PUB) -> set[str]:
    return {c.source for c in extract_claims(text, published)}


def test_one_standing_beside_the_speaker_is_not_the_speaker():
    # "X, at a joint briefing alongside Y, said": Y is governed by the preposition; X speaks
    intro = "Ukraine's foreign minister Andrii Sybiha received Japan's foreign minister Takeshi Iwaya in Kyiv.\n\n"
    for middle in ("at a joint briefing alongside Iwaya", "standing beside Iwaya", "speaking next to Iwaya"):
        text = (
            intro
            + f"Sybiha, {middle}, warned that Russia is giving North Korea missile technology in exchange for troops."
        )
        assert _sources(text) == {"Ukraine Foreign Ministry"}, middle
    # the other way round, the Japanese minister speaks
    text = (
        intro
        + "Iwaya, at a joint briefing alongside Sybiha, warned that Russia is giving North Korea missile technology."
    )
    assert _sources(text) == {"Japan Foreign Ministry"}


def test_ukraines_foreign_ministry_speaks_as_the_body_the_text_names():
    for text in (
        "Ukraine's foreign ministry said North Korea had shipped more ballistic missiles to Russia.",
        "Kuleba said North Korea had shipped more ballistic missiles to Russia.",
        "The Ukrainian foreign minister said North Korea had shipped more ballistic missiles to Russia.",
    ):
        assert _sources(text) == {"Ukraine Foreign Ministry"}, text


def test_a_participle_of_saying_after_a_pronoun_goes_on_with_the_speaker():
    # "He weighed the stakes, stating, '...'", "She closed the briefing, noting that ...": the pronoun's speaker
    # (a new paragraph, so that it is the pronoun that carries the source, not 22n)
    first = "Ukraine's defence minister said Russia is giving North Korea air-defence systems.\n\n"
    for second in (
        'He spelled out the wider stakes, stating, "Russia is giving North Korea missile technology."',
        "He closed the session, noting that Russia is giving North Korea missile technology.",
        'She turned to the allies, adding: "Russia is giving North Korea missile technology."',
    ):
        assert _sources(first + second) == {"Ukraine Ministry of Defense"}, second
    # a participle followed by no quotation or clause says nothing
    text = "The shipment of 100 Koksan guns from North Korea to Russia went on, adding to the strain on Kyiv."
    assert _sources(text) == {"outlet"}


def test_the_items_of_a_list_go_on_with_the_sentence_that_introduces_it():
    # a bulleted list under a credited sentence: each item with no voice of its own is the credited source's
    for bullet in ("\u2022", "-", "*", "\u25aa"):
        text = (
            "Seoul's defence minister told lawmakers on Tuesday that the North had sent Russia 2 million shells.\n\n"
            f" {bullet} Pyongyang has shipped about 8,000 containers to Russia.\n"
            f" {bullet} In return, the North gets food from Russia.\n\n"
            "Russia has given North Korea oil."
        )
        found = {(c.kind, c.source) for c in extract_claims(text, PUB)}
        assert ("shipment", "South Korea Ministry of Defense") in found, bullet
        assert ("compensation", "South Korea Ministry of Defense") in found, bullet
        # the paragraph after the list is the outlet's again
        assert ("compensation", "outlet") in found, bullet
    # a list under a sentence in the outlet's own voice stays the outlet's
    text = "The war drags on.\n\n \u2022 Pyongyang has shipped about 8,000 containers to Russia.\n"
    assert _sources(text) == {"outlet"}


def test_a_headline_that_credits_no_one_takes_the_credit_of_the_lede_that_tells_the_same_fact():
    # the headline's claim and the lede's are one claim; the lede names who tells it, so the claim is theirs,
    # whether the headline is plain or ends on a quotation
    for heading in (
        "Pyongyang sends Moscow a million more rockets",
        "Pyongyang 'sends Moscow a million more rockets'",
        "Pyongyang \u201csends Moscow a million more rockets\u201d",
    ):
        text = (
            f"{heading}\n\n"
            "North Korea has sent Russia a million more rockets, according to British intelligence.\n\n"
            "The war is in its fourth year."
        )
        found = [(c.kind, c.source) for c in extract_claims(text, PUB)]
        assert found == [("shipment", "British intelligence")], heading
    # a headline over a lede in the outlet's own voice stays the outlet's
    text = "Pyongyang sends Moscow a million more rockets\n\nNorth Korea has sent Russia a million more rockets.\n"
    assert _sources(text) == {"outlet"}


def _dates(text: str, published: dt.date = PUB) -> list[tuple[str | None, str | None]]:
    return [(c.since, c.as_of) for c in extract_claims(text, published)]


def test_a_weekday_opening_the_sentence_dates_its_statement_and_the_same_sources_claims_after_it():
    # "Tuesday at the summit, X briefed ...", after a place's dateline or without one: the statement is Tuesday's,
    # and so are that source's claims in the paragraphs after it that give no day of their own
    for opening in ("", "GENEVA (AP) - ", "BERLIN \u2014 "):
        text = (
            f"{opening}Tuesday at a donors' meeting, State Department envoy Jane Doe briefed allies on the new findings."
            "\n\nDoe detailed evidence of North Korea's arms transfers to Russia."
        )
        assert _dates(text) == [(None, "2025-03-18")], opening
    # an opening weekday that names no statement leaves the publication date
    text = "Tuesday was cold in Seoul, and the talks went on.\n\nNorth Korea has shipped arms to Russia."
    assert _dates(text) == [(None, "2025-03-20")]


def test_a_state_after_of_that_names_the_body_before_it_is_not_the_speaker():
    # "the <body> of Ukraine said": the country names whose body it is; the body speaks
    for text, source in (
        (
            "The National Resistance Centre of Ukraine said some 3,000 more North Korean soldiers had reached Kursk.",
            "Ukraine National Resistance Center",
        ),
        (
            "The Center for Strategic Communications of Ukraine said some 3,000 more North Korean soldiers had reached Kursk.",
            "Ukraine Center for Strategic Communications",
        ),
    ):
        assert _sources(text) == {source}, text


def test_a_statement_made_at_an_occasion_on_a_weekday_is_dated_by_that_day():
    # "revealed the plan during a forum on Saturday", "spoke at a briefing in Kyiv on Monday", told in the sentence
    # after the claim: the occasion's day is the statement's, and so the claim's
    for occasion in ("revealed the figure during a forum on Monday", "said so at a briefing in Kyiv on Monday"):
        text = (
            "North Korea has sent 12,000 troops to Russia, Ukraine's defence minister Rustem Umerov said. "
            f"Umerov {occasion}."
        )
        assert _dates(text) == [(None, "2025-03-17")], occasion


def test_a_paragraph_signed_on_the_line_under_it_is_the_signers():
    # a boxed quotation signed "—Name" on its own line: the signer speaks, when the source table knows the name
    for dash in ("\u2014", "-", "\u2013 "):
        text = (
            "The war in Ukraine is in its fourth year.\n\n"
            "North Korea has shipped some 8,000 containers to Russia since last summer.\n"
            f"{dash}Shin Won-sik\n\n"
            "Russia has given North Korea oil."
        )
        found = {(c.kind, c.source) for c in extract_claims(text, PUB)}
        assert found == {("shipment", "South Korea Ministry of Defense"), ("compensation", "outlet")}, dash
    # a line naming no one the table knows signs nothing
    text = "North Korea has shipped some 8,000 containers to Russia.\n\u2014Jane Roe\n"
    assert _sources(text) == {"outlet"}
