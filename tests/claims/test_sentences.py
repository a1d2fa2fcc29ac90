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
        # a number before the glued stop ends a sentence too; a decimal, a domain and an initial do not
        (
            "Trains have run since March 2022.It added that 300 more went in 2024.Nine states objected.",
            ["Trains have run since March 2022.", "It added that 300 more went in 2024.", "Nine states objected."],
        ),
        ("Output grew 12.5 percent.Analysts doubt it.", ["Output grew 12.5 percent.", "Analysts doubt it."]),
        ("Prices rose by 3.5.", ["Prices rose by 3.5."]),
        ("A site, Baku.Az reports, saw trucks.", ["A site, Baku.Az reports, saw trucks."]),
        ("Letters signed by K.Lee and 7.Park reached us.", ["Letters signed by K.Lee and 7.Park reached us."]),
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


def test_a_run_without_stops_is_cut_into_sentences_of_bounded_length() -> None:
    from monitor.claims.sentences import MAX_SENTENCE_CHARS

    clause = "Pyongyang shipped 1,000 containers of shells to the Russian port of Vostochny, "
    text = clause * 100  # 8 KB with commas but no full stop, as a scraped table or list runs together
    spans = split_sentences(text)
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[start:end].endswith(",") for start, end in spans[:-1])  # cut after a comma, not mid-word
    assert " ".join(text[start:end] for start, end in spans) == text.strip()  # nothing lost between the pieces
    assert [e - s for s, e in split_sentences("x" * 5000)] == [2000, 2000, 1000]


def test_the_time_to_read_a_run_without_stops_grows_with_its_length_not_its_square() -> None:
    import time

    from monitor.claims.analysis import analyse

    def cpu_seconds(repeats: int) -> float:
        text = "North Korea sent 1,000 containers 2024 152mm shells to Russia " * repeats
        started = time.process_time()
        analyse(text)
        return time.process_time() - started

    cpu_seconds(50)  # warm the engine's lazy tables
    small, large = cpu_seconds(400), cpu_seconds(3200)  # 25 KB and 200 KB in one run-on "sentence"
    assert large < 5, large  # it took minutes when a run-on sentence was read whole
    assert large < 16 * max(small, 0.05), (small, large)  # 8x the text: linear would be 8x, square 64x


def test_stop_runs_are_the_runs_a_plain_repeat_finds() -> None:
    """_STOP_RUN opens with its class so that re scans for it ("[.!?][.!?]*"): the same runs as "[.!?]+"."""
    import re

    from monitor.claims import sentences as module

    text = "Wait . . . what?!  End... U.S. officials.\u201d No!? ?.!x. 3.5 and ... ."
    for start in range(len(text)):
        for end in (len(text), start + 7):
            want = [m.span() for m in re.compile(r"[.!?]+").finditer(text, start, end)]
            assert [m.span() for m in module._STOP_RUN.finditer(text, start, end)] == want


def test_a_line_runs_on_by_its_last_character_as_the_pattern_says() -> None:
    """_blocks tests a line's last character against _RUN_ON_LAST instead of searching _LINE_RUNS_ON."""
    import itertools

    from monitor.claims import sentences as module

    for parts in itertools.product(["", "a", "Z", ",", ";", ":", "-", ".", " ", "\n", "\u00e9", "x\n"], repeat=3):
        line = "".join(parts).rstrip()
        assert (line[-1:] in module._RUN_ON_LAST) == bool(module._LINE_RUNS_ON.search(line)), repr(line)


def test_the_word_before_a_stop_is_the_one_the_pattern_finds() -> None:
    """_is_boundary reads the word before a stop with str methods instead of searching _WORD_BEFORE: the same
    word in every stretch of short texts of letters, stops, quotes, hyphens, spaces and newlines."""
    import itertools

    from monitor.claims import sentences as module

    pieces = ["", "a", "Z", ".", "'", "-", " ", "\n", "\u00e9", "7", "U.S", "x\n", "\n\n"]
    for parts in itertools.product(pieces, repeat=3):
        text = "".join(parts)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                found = module._WORD_BEFORE.search(text, start, end)
                assert module._word_before(text, start, end) == (found.group(1) if found else None), (text, start, end)
