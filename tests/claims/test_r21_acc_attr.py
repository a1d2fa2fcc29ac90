"""Round 21 (session 15): who said a claim, and as of when.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _claims(text: str, published: dt.date = PUB) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(c.kind, c.item, c.since, c.as_of, c.source) for c in extract_claims(text, published)]


def test_background_holds_as_of_the_articles_first_dated_statement_not_a_later_one_of_the_same_source():
    # The agency speaks on Monday, then is recalled speaking in January: the outlet's background after both
    # still holds as of Monday, the article's first dated statement.
    text = (
        "Seoul's spy agency told lawmakers on Monday that about 2,000 North Korean soldiers had been wounded. "
        "The agency said in January that 300 soldiers had been killed. "
        "Russia has been giving the North air defence systems in return."
    )
    dates = {(kind, item): as_of for kind, item, _, as_of, _ in _claims(text)}
    assert dates[("casualties", "wounded")] == "2025-03-17"
    assert dates[("casualties", "killed")] == "2025-01-31"
    assert dates[("technology_transfer", "air_defense")] == "2025-03-17"
