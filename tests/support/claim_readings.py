"""What the extractor reads in one test sentence, for the lexicon tests that check a word's kind and item."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import Claim, extract_claims

#: The publication date the lexicon tests' sentences are read on: any date after the events they tell.
LEXICON_TEST_DAY = dt.date(2025, 5, 20)


def claims(text: str, published: dt.date = LEXICON_TEST_DAY) -> list[Claim]:
    return extract_claims(text, published)


def readings(text: str, published: dt.date = LEXICON_TEST_DAY) -> set[tuple[str, str]]:
    """The (kind, item) pairs of the claims read in ``text``."""
    return {(c.kind, c.item) for c in claims(text, published)}
