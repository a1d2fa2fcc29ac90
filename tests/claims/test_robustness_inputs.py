"""Odd inputs the analyser meets on real pages: it must finish in time linear in the text, never raise, and
give structurally sound claims (a span that indexes its evidence, unique ids, finite figures).

Each slow case below took minutes before its fix (catastrophic regex backtracking, or work repeated at
every character of a run); the time bounds are a hundred times what the fixed code needs, so that a busy
machine does not fail them, and far below what the old code took."""

from __future__ import annotations

import datetime as dt
import json
import math
import time

import pytest

from monitor.claims import drafts
from monitor.claims.analysis import MAX_TEXT_CHARS, analyse
from monitor.claims.quantities import parse_fraction, parse_quantity
from monitor.claims.sentences import sentences, split_sentences
from monitor.claims.textclean import clean, extract_html, is_residue_line
from monitor.claims.timerefs import find_date

TODAY = dt.date(2025, 6, 1)
LEAD = "North Korea has sent more than 20,000 containers of munitions to Russia since August 2023, officials said.\n\n"
GENEROUS_SECONDS = 5.0


def _seconds(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _assert_sound(text: str, out: dict) -> None:
    """What every analysis must satisfy, whatever the text: spans index the evidence, ids are unique,
    figures are finite and not negative, dates lie in the news era, and the object is strict JSON."""
    source = clean(text[:MAX_TEXT_CHARS]).source
    ids = [claim["id"] for claim in out["claims"]]
    assert len(ids) == len(set(ids))
    json.dumps(out, allow_nan=False)
    for claim in out["claims"]:
        start, end = claim["span"]
        assert source[start:end] == claim["evidence"]
        for key in ("quantity", "quantity_high"):
            value = claim[key]
            assert value is None or (math.isfinite(value) and value >= 0)
        for key in ("since", "as_of"):
            if claim[key] is not None:
                assert 1990 <= int(claim[key][:4]) <= 2030


# --- a run of full stops -----------------------------------------------------------------------


def test_a_line_of_full_stops_is_split_at_once():
    # Each stop of the run was tried again as a sentence end, reading the rest of the run each time.
    assert _seconds(lambda: split_sentences("." * 40_000)) < GENEROUS_SECONDS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("It ends here.... And a new one starts.", ["It ends here....", "And a new one starts."]),
        ("Dots.....glued on. Next one.", ["Dots.....glued on.", "Next one."]),
        ("Crates went by rail.!Officials counted them.", ["Crates went by rail.!Officials counted them."]),
    ],
)
def test_runs_of_stops_still_end_sentences_as_before(text, expected):
    assert sentences(text) == expected


# --- datelines and rows of figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        "2023 1,000 2,000 3,000 45.6% 12/08/2023 2,500 3,500",
        "1" * 60 + " percent",
        "12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 %",
        "Jan. " * 25 + "and more",
    ],
)
def test_a_row_of_figures_is_judged_at_once_and_is_no_dateline(row):
    # A run of digits could be read as pieces of one to four digits in every way, and "Jan." with or
    # without its stop: a row that fails at its end tried them all.
    assert _seconds(lambda: is_residue_line(row)) < GENEROUS_SECONDS
    assert not is_residue_line(row)


@pytest.mark.parametrize(
    "line",
    [
        "Tues. 12 March 2024, 10:30 a.m. GMT",
        "Sept. 5, 2023",
        "Updated Thursday 12th June 2023 09:15 KST",
        "2024-05-06T10:30+09:00",
        "Posted 3 hours ago",
        "Wednesday, 20231106",
    ],
)
def test_a_dateline_is_still_page_residue(line):
    assert is_residue_line(line)


# --- figures past a float's range ----------------------------------------------------------------


def test_a_figure_of_hundreds_of_digits_is_no_amount():
    assert parse_quantity("9" * 400 + " shells").as_tuple() == (None, None, None)
    assert parse_fraction("9" * 400 + "%").as_tuple() == (None, None, None)


def test_an_article_with_a_figure_of_hundreds_of_digits_is_analysed():
    text = LEAD + "Pyongyang also shipped " + "9" * 400 + " shells to Russia, the ministry said.\n"
    out = analyse(text, today=TODAY)
    _assert_sound(text, out)
    assert out["claims"]  # the lead's claim is still read


# --- characters and markup of every kind --------------------------------------------------------

ODD_BODIES = {
    "crlf": "The ministry said 1,500 troops went to Russia in October.\r\n" * 40,
    "lone_cr": "The ministry said 1,500 troops went to Russia in October.\r" * 40,
    "zero_width_and_bidi": "The\u200b ministry\u200d said\u202e 1,500\u2066 troops went\u200f to Russia.\ufeff " * 40,
    "emoji": "\U0001f680 The ministry said 1,500 \U0001f4a3 troops went to Russia \U0001f1f7\U0001f1fa. " * 40,
    "combining_marks": "The mi\u0301nistry said 1\u0301,500 tro\u0308ops went to Russia. " * 40,
    "full_width_digits": "The ministry said １，５００ troops went to Russia in ２０２４. " * 40,
    "other_scripts": "북한은 포탄을 보냈다. Северная Корея отправила снаряды. أرسلت كوريا قذائف. " * 40,
    "control_characters": "The\x00 ministry\x01 said 1,500\x07 troops\x1b went to Russia.\x7f\x0b\x0c " * 40,
    "between_and_and": "Between 1 and 2 and 3 and 4 and 5 and 6 shells went to Russia. " * 40,
    "one_long_sentence": "North Korea sent " + "about 5,000 troops, some 200 missiles, " * 200 + "to Russia.",
    "negative_and_odd_numbers": "North Korea sent -5,000 shells, 1e400 missiles and nan troops to Russia. " * 40,
}


@pytest.mark.parametrize("name", sorted(ODD_BODIES))
def test_odd_characters_give_sound_claims(name):
    text = LEAD + ODD_BODIES[name]
    out = analyse(text, today=TODAY)
    _assert_sound(text, out)


def test_stray_end_tags_under_deep_unclosed_markup_are_read_at_once():
    # Each end tag with no open match searched the whole stack of open tags: quadratic in the depth.
    page = "<html><body>" + "<div>" * 40_000 + "</b>" * 40_000 + "<p>North Korea sent 1,500 troops.</p>"
    assert _seconds(lambda: extract_html(page)) < GENEROUS_SECONDS
    assert extract_html(page).text == "North Korea sent 1,500 troops."


def test_a_page_cut_off_in_a_run_of_open_tags_is_read_at_once():
    # html.parser, closing, read each "<" after the last ">" to the end of the input again: quadratic.
    page = "<html><body><p>North Korea sent 1,500 troops.</p>" + "<a " * 30_000
    assert _seconds(lambda: extract_html(page)) < GENEROUS_SECONDS
    assert extract_html(page).text.startswith("North Korea sent 1,500 troops.\n\n<a <a ")


@pytest.mark.parametrize("filler", ["a\n", "1,000,"], ids=["one_letter_lines", "digit_groups"])
def test_a_relevant_page_with_a_long_run_of_filler_is_read_in_linear_time(filler):
    # A source entry ("senior U.S. officials") repeated its opening words without bound and a unit entry
    # ("10,000-strong") its digit groups: matched from every word start to the end of the text, quadratic
    # (67 s for 40,000 characters of one-letter lines).
    text = LEAD + filler * (40_000 // len(filler))
    assert _seconds(lambda: analyse(text, today=TODAY)) < GENEROUS_SECONDS


def test_sources_and_strong_units_are_still_read():
    text = (
        "Two senior U.S. defense officials said North Korea has sent 1,500 troops to Russia.\n\n"
        "A 12,000-strong contingent from North Korea was deployed to Russia, South Korea's spy agency said.\n"
    )
    claims = analyse(text, today=TODAY)["claims"]
    assert [(claim["quantity"], claim["source"]) for claim in claims][:1] == [(1500, "unnamed officials")]
    assert any(claim["quantity"] == 12_000 for claim in claims)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>" + "North Korea <b>sent <i>1,500 <p>troops</b> to <div Russia. " * 100,
        "<html><body>" + "<div>" * 3000 + LEAD + "</div>" * 3000,
        '<html><body><p class="' + "x" * 20_000 + " " + LEAD + "</p></body></html>",
        "<html><head><script>" + "var a = '<p>1,000 shells</p>'; " * 500 + "</script></head><body><p>" + LEAD,
        "<html><body><ul>" + "".join(f"<li>North Korea sent {i:,} shells to Russia.</li>" for i in range(300)),
        "<html><body>" + "<" * 5000 + LEAD,
        '<html><head><meta name="date" content="9999-99-99"><time datetime="1066-10-14"></time></head><body><p>' + LEAD,
    ],
    ids=["broken", "deeply_nested", "huge_attribute", "script", "long_list", "lone_brackets", "odd_dates"],
)
def test_odd_markup_gives_sound_claims(page):
    out = analyse(page, today=TODAY)
    _assert_sound(page, out)
    assert 1990 <= int(out["article"]["published"][:4]) <= 2030


# --- a publication date from the page's opening -------------------------------------------------


def test_a_date_from_history_in_the_opening_is_not_the_publication_date():
    # "The index first closed above 100 on January 12, 1906": the page tells history, it was not written then.
    assert find_date("The index first closed above 100 on January 12, 1906. Updated 3 March 2024.") == dt.date(
        2024, 3, 3
    )
    assert find_date("Decided July 7, 1986. The court held that the sentence stands.") is None
    text = "The index first closed above 100 on January 12, 1906.\n\n" + LEAD
    assert analyse(text, today=TODAY)["article"]["published"] == TODAY.isoformat()


# --- pages of many figures ----------------------------------------------------------------------


def test_a_page_of_many_figures_compares_each_with_few_others(monkeypatch):
    # Each figure was compared with every figure kept before it, to find one state's voice repeating it:
    # 4,800 lines of figures took 13 s. Only figures of the same state and within reach of its value are asked now.
    calls = 0
    asked = drafts.same_government_figure

    def counted(d, k):
        nonlocal calls
        calls += 1
        return asked(d, k)

    monkeypatch.setattr(drafts, "same_government_figure", counted)
    lines = 1500
    text = "".join(f"North Korea sent {1000 + 7 * i:,} shells to Russia.\n" for i in range(lines))
    text += "".join(
        f"Ukraine's intelligence said North Korea sent {10**6 * 2**i:,} rockets to Russia.\n" for i in range(30)
    )
    out = analyse(text, today=TODAY)
    _assert_sound(text, out)
    assert calls < lines


def test_one_states_figure_told_twice_is_still_one_claim():
    text = (
        "Ukraine's military intelligence said North Korea has sent 1.5 million shells to Russia.\n\n"
        "Ukraine's defence ministry said North Korea has sent 1,500,000 shells to Russia.\n"
    )
    assert [claim["quantity"] for claim in analyse(text, today=TODAY)["claims"]] == [1_500_000]
