"""Sentence splitting: abbreviations, initials, decimals, quotes; offsets into the input."""

from __future__ import annotations

import pytest

from monitor.claims.sentences import sentences, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. said so. The North denied it.", ["The U.S. said so.", "The North denied it."]),
        (
            "Gen. Kim met Lt. Col. Park on Oct. 26 in Seoul. It rained.",
            ["Gen. Kim met Lt. Col. Park on Oct. 26 in Seoul.", "It rained."],
        ),
        ("The figure is 5.2 million. Officials agree.", ["The figure is 5.2 million.", "Officials agree."]),
        ("Kim Jong-Un's trip ended. Mr. Putin left.", ["Kim Jong-Un's trip ended.", "Mr. Putin left."]),
        ("Sanctions by the U.S. The North has sent shells.", ["Sanctions by the U.S.", "The North has sent shells."]),
        ("He met U.S. Secretary of State Antony Blinken.", ["He met U.S. Secretary of State Antony Blinken."]),
        ("J. R. Smith wrote it. No. 2 came later.", ["J. R. Smith wrote it.", "No. 2 came later."]),
        ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
        ('"Another fake!" Peskov said. Next one.', ['"Another fake!" Peskov said.', "Next one."]),
        ("Was it sent? Nobody knows!", ["Was it sent?", "Nobody knows!"]),
        ("Dr. Lee and Dec. 3 talks. Done.", ["Dr. Lee and Dec. 3 talks.", "Done."]),
        # paragraphs glued together when the page was captured: a stop with no space still ends one
        (
            "Crates went north by rail.Officials in Seoul counted them.",
            ["Crates went north by rail.", "Officials in Seoul counted them."],
        ),
        ('He called it "a lie".The ministry agreed.', ['He called it "a lie".', "The ministry agreed."]),
        ("Files from the U.S.Army and nknews.org stay whole.", ["Files from the U.S.Army and nknews.org stay whole."]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_blank_lines_and_headlines_end_sentences():
    text = "A Headline Without A Stop\n\nFirst sentence here. Second one."
    assert sentences(text) == ["A Headline Without A Stop", "First sentence here.", "Second one."]


def test_hard_wrapped_lines_are_joined():
    text = "The agency said the shells were\nshipped by train. Next."
    assert sentences(text) == ["The agency said the shells were\nshipped by train.", "Next."]


def test_offsets_are_exact_and_trimmed():
    text = "  One sentence.   Two sentences here.\n\n Three. "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One sentence.", "Two sentences here.", "Three."]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s


def test_empty_text():
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
