"""The claim ledger: per kind+item+direction, the newest figure, the previous one, the baseline.

Pure: observations in, one ledger row out. Figures within 10% of each other are the same
figure (the contract's tolerance), so a newer article repeating an old figure adds a
corroboration to that figure instead of moving the ledger backwards.

A figure that says less than the one standing does not replace it either: an analyst reads
the newest figure as the current estimate, and "thousands of soldiers" (a vague amount, by
the contract always a floor: ``at_least`` 2,000) or "more than 1,000" after "about 15,000"
is consistent with 15,000 rather than a revision of it; nor does a report that gives no
figure at all. Such figures stay in the ledger's count of figures and observations, but the
newest figure is the last one that said more than the figure before it (:func:`supersedes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

TOLERANCE = 0.10


def ledger_key(kind: str, item: str, direction: str | None) -> str:
    return f"{kind}|{item}|{direction or '-'}"


def same_figure(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    high = max(abs(a), abs(b))
    return abs(a - b) <= TOLERANCE * high


class Observation(NamedTuple):
    """One claim as reported: figure, who said it, when, in which story and outlet.

    A tuple: the ledger of a much-reported item folds tens of thousands of these.
    """

    quantity: float | None
    bound: str | None
    quantity_high: float | None
    source: str | None
    date: str  # the claim's as_of date, else the article's published date (ISO)
    article_id: str
    story_id: str
    outlet: str
    evidence: str = ""
    position: int = 0


@dataclass
class Figure:
    quantity: float | None
    bound: str | None
    quantity_high: float | None
    source: str | None
    date: str  # first date this figure was reported
    article_id: str
    evidence: str
    stories: set[str] = field(default_factory=set)
    outlets: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "bound": self.bound,
            "quantity_high": self.quantity_high,
            "source": self.source,
            "date": self.date,
            "article_id": self.article_id,
            "evidence": self.evidence,
            "corroborations": len(self.stories),
            "outlets": self.outlets,
            "sources": self.sources,
        }


def floor_already_met(quantity: float | None, bound: str | None, standing: float | None) -> bool:
    """Whether a figure is only a floor (``at_least``) at or under the standing figure, so says nothing new.

    Vague amounts are always such floors, and their numbers are the contract's conventions
    (a plural unit is two of it), not anyone's estimate: they never pull a stated figure down.
    """
    return bound == "at_least" and quantity is not None and standing is not None and quantity <= standing


def standing_top(quantity: float | None, bound: str | None, quantity_high: float | None) -> float | None:
    """The number a floor is measured against: a range's top (a floor under it says no more than the
    range), any other figure's own number."""
    return quantity_high if bound == "range" and quantity_high else quantity


def supersedes(new: Figure, standing: Figure) -> bool:
    """Whether ``new`` replaces ``standing`` as the ledger's current figure.

    Not when it gives no figure where one stands, nor when it is a floor the standing figure
    already meets (a range stands for its top): both are consistent with what stands.
    """
    if standing.quantity is None:
        return True
    if new.quantity is None:
        return False
    top = standing_top(standing.quantity, standing.bound, standing.quantity_high)
    return not floor_already_met(new.quantity, new.bound, top)


def figures(observations: Iterable[Observation], presorted: bool = False) -> list[Figure]:
    """Group observations into distinct figures, ordered by when each figure first appeared.

    ``presorted``: the observations already come in (date, position) order (e.g. from an
    ORDER BY), so they are folded as they stream in instead of being held for a sort.
    """
    ordered = observations if presorted else sorted(observations, key=lambda o: (o.date, o.position))
    result: list[Figure] = []
    # quantity -> the first figure it is the same as: figures are only ever added, so that
    # answer never changes once found, and a much-repeated figure is not compared again
    # with every figure before it (a first poll's catch-ups refold each key many times).
    first_same: dict[float | None, Figure] = {}
    for obs in ordered:
        quantity = obs.quantity
        match = first_same.get(quantity) if quantity == quantity else None  # NaN is the same as nothing
        if match is None:
            match = next((f for f in result if same_figure(f.quantity, quantity)), None)
            if match is None:
                match = Figure(
                    quantity, obs.bound, obs.quantity_high, obs.source, obs.date, obs.article_id, obs.evidence
                )
                result.append(match)
            if quantity == quantity:
                first_same[quantity] = match
        match.stories.add(obs.story_id)
        if obs.outlet and obs.outlet not in match.outlets:
            match.outlets.append(obs.outlet)
        if obs.source and obs.source not in match.sources:
            match.sources.append(obs.source)
    result.sort(key=lambda f: f.date)
    return result


def ledger_entry(observations: Iterable[Observation], presorted: bool = False) -> dict[str, Any] | None:
    """newest / previous figures for one key (the baseline is added by the caller).

    ``newest`` is the current figure (see :func:`supersedes`), ``previous`` the one it replaced;
    ``figures`` counts every distinct figure, the ones that superseded nothing included.
    """
    found = figures(observations, presorted)
    if not found:
        return None
    standing: list[Figure] = []  # each figure that became the current one, in order
    for figure in found:
        if not standing or supersedes(figure, standing[-1]):
            standing.append(figure)
    newest = standing[-1]
    previous = standing[-2] if len(standing) > 1 else None
    return {"newest": newest.as_dict(), "previous": previous.as_dict() if previous else None, "figures": len(found)}
