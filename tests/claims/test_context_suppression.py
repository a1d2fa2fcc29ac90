"""Round 16: claims that stand on their own sentence but were folded away by the article around them.
Each case has near misses where the fold is right and must stay. The sentences are our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)


def _troops(text: str) -> list[tuple[object, str]]:
    return [(c.quantity, c.source) for c in extract_claims(text, PUB) if c.kind == "troop_deployment"]


# -- the outlet's own word that troops went, before a named source counts them ---------------------------------


def test_the_outlets_word_on_troops_stands_beside_a_later_named_count():
    text = (
        "Pyongyang has sent soldiers to fight for Moscow. The Kremlin has not commented. "
        "Seoul's spy agency said on Monday that about 11,000 North Korean troops had been deployed to the Kursk region."
    )
    assert _troops(text) == [(None, "outlet"), (11000, "South Korea NIS")]


def test_the_outlets_word_after_the_count_sums_it_up():
    # near miss: told after the count, the outlet's word restates it
    text = (
        "Seoul's spy agency said on Monday that about 11,000 North Korean troops had been deployed to the Kursk region. "
        "The Kremlin has not commented. Pyongyang has sent soldiers to fight for Moscow."
    )
    assert _troops(text) == [(11000, "South Korea NIS")]


def test_a_count_given_by_analysts_is_the_figure_the_outlet_sums_up():
    # near miss: a reading voice's count and the outlet's word are one telling
    text = (
        "Pyongyang has sent soldiers to fight for Moscow. The Kremlin has not commented. "
        "Analysts estimate that about 11,000 North Korean troops have been deployed to the Kursk region."
    )
    assert _troops(text) == [(11000, "analysts")]


def test_a_reports_summary_right_before_its_detail_still_folds():
    # near miss: "according to reports", then the count the reports give in the next sentence
    text = (
        "North Korea has sent troops to Russia, according to a string of recent reports. "
        "Seoul's spy agency said on Monday that about 11,000 North Korean troops had been deployed to the Kursk region."
    )
    assert _troops(text) == [(11000, "South Korea NIS")]


def test_the_outlets_word_on_workers_still_folds_into_a_named_count():
    # near miss: only troops; for workers the outlet's earlier word was a lede, never labelled apart
    text = (
        "Pyongyang has sent workers to Moscow's building sites. The Kremlin has not commented. "
        "Seoul's spy agency said on Monday that about 5,000 North Korean labourers had arrived in Vladivostok."
    )
    found = [(c.quantity, c.source) for c in extract_claims(text, PUB) if c.kind == "personnel_dispatch"]
    assert found == [(5000, "South Korea NIS")]
