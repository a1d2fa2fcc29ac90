"""The relevance gate: an article it turns away is one the full analysis scores 0 with no
evidence, so its ArticleClassified is the same whether the gate ran or not.

Checked on every labelled article and on the real-text corpus beside the checkout (skipped
when absent), and on texts written to probe the folding the classifier does.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from monitor.claims import relevance
from monitor.claims.analysis import analyse
from monitor.claims.relevance import could_be_relevant

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "labelled"
REAL_TEXT = HERE.parents[2] / "shared" / "corpus" / "realtext" / "articles"


def articles(folder: Path, text_field: str) -> list[tuple[str, str | None, str, dt.date | None]]:
    found = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(data["published"][:10]) if data.get("published") else None
        found.append((path.stem, data.get("title"), data[text_field], published))
    return found


def check(corpus: list[tuple[str, str | None, str, dt.date | None]]) -> tuple[int, int]:
    """(articles the gate turned away, articles the analysis found relevant); fails on any
    article turned away that the analysis gives a score, evidence or a relevant verdict."""
    rejected = relevant = 0
    for name, title, text, published in corpus:
        full = analyse(text, title=title, published=published, today=dt.date(2026, 12, 1))
        relevant += full["relevant"]
        if not could_be_relevant(title, text):
            rejected += 1
            assert (full["relevant"], full["relevance"]) == (False, {"score": 0.0, "evidence": []}), name
    return rejected, relevant


def test_labelled_set() -> None:
    corpus = articles(LABELLED, "text")
    assert len(corpus) >= 100
    rejected, relevant = check(corpus)
    assert relevant > 0 and rejected > 0  # both sides of the gate are exercised


def test_real_text_corpus() -> None:
    if not REAL_TEXT.is_dir():
        pytest.skip(f"the real-text corpus is not beside this checkout ({REAL_TEXT})")
    rejected, relevant = check(articles(REAL_TEXT, "body"))
    assert relevant > 0


# Written for this test: each is relevant only through a spelling the classifier folds.
FOLDED = [
    ("Pyongyang\u2019s shells reach Moscow", "Officials gave no figure."),  # curly quote in the title
    (None, "North Korea sent 2,000 \u201ccontainers\u201d to Russia\u00a0last month, officials said."),
    ("N. Korea: ARTİLLERY SHİPMENTS to Russia grow", "Seoul said so on Monday."),  # dotted capital I
    (None, "Share\nNorth Korea has shipped munitions to Russia, the ministry said.\nAdvertisement"),
]


@pytest.mark.parametrize("title, text", FOLDED)
def test_folded_spellings_pass(title: str | None, text: str) -> None:
    full = analyse(text, title=title, today=dt.date(2026, 12, 1))
    assert full["relevance"]["score"] > 0
    assert could_be_relevant(title, text)


TURNED_AWAY = [
    ("Rice harvest up in the north", "Farmers in the northern provinces brought in a record crop."),
    ("Russia and China sign gas deal", "The pipeline will carry gas from Siberia for thirty years."),
    (None, "North Korea held a parade in Pyongyang; no foreign guests attended."),
]


@pytest.mark.parametrize("title, text", TURNED_AWAY)
def test_articles_without_a_side_or_the_subject_are_turned_away(title: str | None, text: str) -> None:
    assert not could_be_relevant(title, text)
    full = analyse(text, title=title, today=dt.date(2026, 12, 1))
    assert full["relevance"] == {"score": 0.0, "evidence": []}


def test_html_goes_to_the_classifier() -> None:
    assert could_be_relevant(None, "<html><body><p>Rice harvest up.</p><p>More rice.</p></body></html>")


def _folded_answer(title: str | None, text: str) -> bool:
    """The gate's answer read only in the fully folded, lowercased title and text."""
    low = relevance._folded_low(title, text)
    ru, war, nk, topic = (side.stems for side in relevance._gate_tables()[2])

    def named(stems: tuple[str, ...] | None) -> bool:
        return stems is None or any(stem in low for stem in stems)

    return (named(ru) or named(war)) and named(nk) and named(topic)


def test_str_lower_makes_ascii_only_from_ascii_or_folded_characters() -> None:
    # The gate's ASCII copy is exact only if no other character lowercases into an ASCII one.
    _, _, sides, risky = relevance._gate_tables()
    folded = set(relevance._TEXT_FOLDS) | set(map(ord, relevance._IGNORECASE_EXTRAS)) | set(map(ord, risky))
    makers = [
        code
        for code in range(128, sys.maxunicode + 1)
        if code not in folded and any(ch.isascii() for ch in chr(code).lower())
    ]
    assert makers == []


def _respellings() -> list[tuple[str | None, str]]:
    """Articles naming both sides and the subject where one letter of a word is written with a
    character that folds (or lowercases) into it, in the title or in the text."""
    folds = {chr(c): v for c, v in relevance._TEXT_FOLDS.items()} | relevance._IGNORECASE_EXTRAS
    out: list[tuple[str | None, str]] = []
    words = ["Kursk", "Russia", "Kyiv", "D.P.R.K.", "Pyongyang", "Kim", "missiles", "shipped", "know-how"]
    for word in words:
        for i, letter in enumerate(word):
            for odd, plain in folds.items():
                if plain.lower() != letter.lower():
                    continue
                spelt = word[:i] + odd + word[i + 1 :]
                body = f"Officials said {spelt} was mentioned, and grain prices rose."
                out.append((None, body))
                out.append((f"Report on {spelt}", "North Korea and Moscow: shells moved."))
                out.append(("Weekly notes", body.replace("grain", "North Korea\u2019s artillery")))
    return out


@pytest.mark.parametrize("title, text", _respellings() + FOLDED + TURNED_AWAY)
def test_the_ascii_copy_answers_as_the_folded_text(title: str | None, text: str) -> None:
    assert could_be_relevant(title, text) == _folded_answer(title, text)
