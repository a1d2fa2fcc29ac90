"""Amounts as news writes them -> (quantity, bound, quantity_high), per the claims contract."""

from __future__ import annotations

import pytest

from monitor.claims.quantities import find_quantities, parse_fraction, parse_quantity, word_number


@pytest.mark.parametrize(
    "phrase, expected",
    [
        # the contract's own examples
        ("more than a million", (1_000_000, "at_least", None)),
        ("a million", (1_000_000, "exact", None)),
        ("one million", (1_000_000, "exact", None)),
        ("5.2 million", (5_200_000, "exact", None)),
        ("5.2 mln", (5_200_000, "exact", None)),
        ("1.5 mln", (1_500_000, "exact", None)),
        ("6,700", (6_700, "exact", None)),
        ("about 6,700", (6_700, "about", None)),
        ("three million", (3_000_000, "exact", None)),
        ("dozens of", (24, "at_least", None)),
        ("hundreds of", (200, "at_least", None)),
        ("thousands of", (2_000, "at_least", None)),
        ("hundreds of thousands", (200_000, "at_least", None)),
        ("tens of thousands of", (20_000, "at_least", None)),
        ("millions of", (2_000_000, "at_least", None)),
        ("several", (3, "at_least", None)),
        ("several thousand", (3_000, "at_least", None)),
        ("several million", (3_000_000, "at_least", None)),
        ("a few", (2, "at_least", None)),
        ("a few thousand", (2_000, "at_least", None)),
        # bounds
        ("over 1 million", (1_000_000, "at_least", None)),
        ("at least 300", (300, "at_least", None)),
        ("upwards of 1,000", (1_000, "at_least", None)),
        ("no fewer than 200", (200, "at_least", None)),
        ("12,000+", (12_000, "at_least", None)),
        ("10,000 or more", (10_000, "at_least", None)),
        ("around 11,000", (11_000, "about", None)),
        ("roughly 3,000", (3_000, "about", None)),
        ("some 13,000", (13_000, "about", None)),
        ("an estimated 11,000", (11_000, "about", None)),
        ("nearly 4 million", (4_000_000, "about", None)),
        ("almost 600", (600, "about", None)),
        ("close to 1,000", (1_000, "about", None)),
        ("up to 5.2 mln", (5_200_000, "at_most", None)),
        ("as many as 30,000", (30_000, "at_most", None)),
        ("could hold up to 500,000", (500_000, "at_most", None)),
        ("no more than 50", (50, "at_most", None)),
        # ranges
        ("between 10,000 and 12,000", (10_000, "range", 12_000)),
        ("10,000 to 12,000", (10_000, "range", 12_000)),
        ("10,000-12,000", (10_000, "range", 12_000)),
        ("two or three", (2, "range", 3)),
        ("1 to 1.5 million", (1_000_000, "range", 1_500_000)),
        ("between 150,000 and 200,000", (150_000, "range", 200_000)),
        # word numbers
        ("twenty-five", (25, "exact", None)),
        ("three hundred thousand", (300_000, "exact", None)),
        ("half a million", (500_000, "exact", None)),
        ("one and a half million", (1_500_000, "exact", None)),
        ("a dozen", (12, "exact", None)),
        ("the million shells", (1_000_000, "exact", None)),
        ("$1.5bn", (1_500_000_000, "exact", None)),
        ("10k", (10_000, "exact", None)),
        # a change is not a range: the amount is the new figure
        ("rose from 3,000 to 4,000", (4_000, "exact", None)),
    ],
)
def test_parse_quantity(phrase, expected):
    assert parse_quantity(phrase).as_tuple() == expected


def test_whole_numbers_are_ints_and_fractions_stay_floats():
    assert isinstance(parse_quantity("5.2 million").quantity, int)
    assert parse_quantity("2.5").quantity == 2.5


@pytest.mark.parametrize(
    "text",
    [
        "152mm shells",
        "122-mm rockets",
        "KN-23 missiles",
        "Su-27 jets",
        "Hwasong-11",
        "S-400",
        "on Oct. 26",
        "26 October",
        "in 2023",
        "since 2022",
        "11:20 PM",
        "a two-day trip",
        "a 20-year-old soldier",
        "the 2023-24 season",
        "No. 2",
        "the third launch",
        "40 km away",
        "KN-23/24 missiles",
        "about 40% of them",
    ],
)
def test_numbers_that_are_not_amounts(text):
    assert find_quantities(text) == [], text


def test_calibre_does_not_hide_the_count():
    found = find_quantities("North Korea sent 3 million 152mm shells")
    assert [(q.quantity, q.bound) for q in found] == [(3_000_000, "exact")]


def test_offsets_point_at_the_amount():
    text = "Officials said some 13,000 containers were shipped."
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "some 13,000"


def test_search_window_is_respected():
    text = "1,000 shells. 2,000 rockets."
    found = find_quantities(text, 14, len(text))
    assert [q.quantity for q in found] == [2_000]


def test_strong_suffix_counts_the_force():
    (q,) = find_quantities("a 12,000-strong force")
    assert q.quantity == 12_000


def test_no_quantity_gives_nulls():
    assert parse_quantity("no figure here").as_tuple() == (None, None, None)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("half of Russia's shells", (0.5, "exact")),
        ("about 40 percent", (0.4, "about")),
        ("60%", (0.6, "exact")),
        ("a quarter", (0.25, "exact")),
        ("two-thirds", (0.6667, "exact")),
        ("full", (1.0, "exact")),
        ("most of them", (0.5, "at_least")),
    ],
)
def test_parse_fraction(phrase, expected):
    got = parse_fraction(phrase)
    assert (got.quantity, got.bound) == expected


@pytest.mark.parametrize(
    "words, value", [("three", 3), ("twenty-one", 21), ("two hundred and ten", 210), ("bananas", None)]
)
def test_word_number(words, value):
    assert word_number(words) == value


# --- number forms added with the held-out batches ------------------------------------------------


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("around two dozen launchers", (24, "about", None)),
        ("three dozen guns", (36, "exact", None)),
        ("4 dozen rockets", (48, "exact", None)),
        ("half a dozen systems", (6, "exact", None)),
        ("up to 3mn rounds", (3_000_000, "at_most", None)),
        ("some 1.5mln shells", (1_500_000, "about", None)),
        ("more than 10\u00a0000 soldiers", (10_000, "at_least", None)),
        ("about 40,000 tonnes of rice", (40_000, "about", None)),
    ],
)
def test_more_number_forms(phrase, expected):
    assert parse_quantity(phrase).as_tuple() == expected


def test_hyphenated_tonnage_is_a_size_not_an_amount():
    assert parse_quantity("an 8,700-tonne submarine").quantity is None


def test_anchor_search_finds_exactly_what_the_full_pattern_finds():
    """find_quantities searches only near digits and number words; it must agree with a scan of
    the whole text by the full pattern (the labelled texts as a corpus)."""
    import json
    from pathlib import Path

    from monitor.claims import quantities as q

    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in sorted((Path(__file__).parent / "labelled").glob("*.json"))
    ]
    assert texts
    for text in texts:
        got = [m.span() for m in q._regex_matches(text, 0, len(text))]
        want = [m.span() for m in q._QUANTITY.finditer(text)]
        assert got == want


def test_anchors_are_the_digit_runs_and_number_words_a_plain_scan_finds():
    """_anchors reads digit runs with "\\d\\d*" and, where a stretch has no "teen", number words with a
    pattern that lacks "\\w+teen": both must find what "\\d+" and the whole word pattern find, in plain
    and lowercased text, sentence by sentence (a stretch that starts inside a word included)."""
    import json
    import re
    from pathlib import Path

    from monitor.claims import lexicon as lx
    from monitor.claims import quantities as q

    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in sorted((Path(__file__).parent / "labelled").glob("*.json"))
    ]
    texts += [
        "Fifteen or sixteen canteens, twenty-five KN23s, thirty-odd crews and 1.5mn rounds; \u0663\u0660\u0660 shells",
        "SEVENTEEN thousand; eighteenth; a teen of nineteen; bn and mn and mln; ninety-nine-x; several dozen",
    ]
    digits = re.compile(r"\d+")
    # the word pattern as it was written before, with a branch for "twenty-five" that "twenty" always took first
    words = re.compile(
        r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty"
        r"|seventy|eighty|ninety|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+|hundreds?|thousands?"
        r"|millions?|billions?|trillions?|dozens?|scores|several|few|couple|mln|mn|bn)\b",
        re.IGNORECASE,
    )
    for text in texts:
        low = lx.lower_same_length(text)
        stretches = [(0, len(text)), *((p, p + 160) for p in range(0, len(text), 37))]
        for start, stop in stretches:
            want = sorted(
                [m.start() for m in digits.finditer(text, start, stop)]
                + [m.start() for m in words.finditer(text, start, stop)]
            )
            assert q._anchors(text, start, stop) == want
            if lx.folds_like_ignorecase(text):
                assert q._anchors(text, start, stop, low) == want


def test_fast_paths_of_figures_agree_with_the_patterns():
    """A plain figure ("6,700") is read without _figure_reading's patterns, and the designation test
    searches only where the text before a figure ends as a designation can: both as the slow way says."""
    import itertools

    from monitor.claims import quantities as q

    for figure in ["6,700", "2024", "1.5", "0", "12,000.75", "1" * 400, "3,5", "007", "1,000,000"]:
        assert q._figure_value(figure) == (
            None if (read := q._figure_reading(figure)) is None or read[0] == float("inf") else read
        )
    pieces = ["", "a", "Z", "KN", "-", ".", "#", "No.", " ", "\n", "\t", "é", "7", "(", "no ", "Su-"]
    for parts in itertools.product(pieces, repeat=3):
        before = "".join(parts)
        assert q._acronym_before(before) == bool(q._ACRONYM_BEFORE.search(before)), repr(before)
