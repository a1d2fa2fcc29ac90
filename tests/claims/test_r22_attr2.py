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
