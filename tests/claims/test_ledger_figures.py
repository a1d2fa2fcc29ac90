"""The ledger's figures: remembering each quantity's figure gives what comparing it with every figure gave."""

from __future__ import annotations

import random

import pytest

from monitor.claims.ledger import Figure, Observation, figures, same_figure


def figures_by_comparing_each(observations: list[Observation]) -> list[Figure]:
    """figures() as it was: each observation compared with every figure before it."""
    result: list[Figure] = []
    for obs in sorted(observations, key=lambda o: (o.date, o.position)):
        match = next((f for f in result if same_figure(f.quantity, obs.quantity)), None)
        if match is None:
            match = Figure(
                obs.quantity, obs.bound, obs.quantity_high, obs.source, obs.date, obs.article_id, obs.evidence
            )
            result.append(match)
        match.stories.add(obs.story_id)
        if obs.outlet and obs.outlet not in match.outlets:
            match.outlets.append(obs.outlet)
        if obs.source and obs.source not in match.sources:
            match.sources.append(obs.source)
    result.sort(key=lambda f: f.date)
    return result


@pytest.mark.parametrize("seed", range(20))
def test_figures_are_those_of_comparing_every_observation_with_every_figure(seed: int) -> None:
    rng = random.Random(seed)
    # Quantities close to each other (within and just outside the 10% tolerance), repeated,
    # equal under == in other types (1 and 1.0, 0.0 and -0.0), missing, and not a number.
    pool = [None, 0.0, -0.0, 1, 1.0, 100, 105, 109.9, 111, 120, 95, 1e6, 1.05e6, float("nan"), -50, -54]
    observations = [
        Observation(
            quantity=rng.choice(pool),
            bound=rng.choice([None, "at least"]),
            quantity_high=None,
            source=rng.choice([None, "ministry", "think tank"]),
            date=f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            article_id=f"a{i}",
            story_id=f"s{rng.randint(0, 9)}",
            outlet=rng.choice(["", "wire", "daily"]),
            evidence=f"e{i}",
            position=i,
        )
        for i in range(rng.randint(0, 120))
    ]
    expected = figures_by_comparing_each(observations)
    found = figures(observations)
    assert [vars(f) for f in found] == [vars(f) for f in expected] or _same_with_nan(found, expected)


def _same_with_nan(found: list[Figure], expected: list[Figure]) -> bool:
    """NaN != NaN, so compare field by field treating two NaN quantities as equal."""
    if len(found) != len(expected):
        return False
    for a, b in zip(found, expected):
        left, right = vars(a).copy(), vars(b).copy()
        qa, qb = left.pop("quantity"), right.pop("quantity")
        if left != right or not (qa == qb or (qa != qa and qb != qb)):
            return False
    return True


def _seen(day: str, quantity: float | None, bound: str | None, high: float | None = None) -> Observation:
    return Observation(quantity, bound, high, "South Korea NIS", day, f"a-{day}", f"s-{day}", "Desk")


def test_a_figure_that_says_less_than_the_standing_one_does_not_become_the_newest() -> None:
    from monitor.claims.ledger import ledger_entry

    stated = [_seen("2025-01-01", 10000, "about"), _seen("2025-03-01", 15000, "about")]
    # A vague floor, a smaller floor, a report without a figure: all consistent with 15,000.
    quieter = [
        _seen("2025-04-01", 2000, "at_least"),
        _seen("2025-05-01", 1000, "at_least"),
        _seen("2025-06-01", None, None),
    ]
    entry = ledger_entry(stated + quieter)
    assert entry is not None
    assert (entry["newest"]["quantity"], entry["previous"]["quantity"], entry["figures"]) == (15000, 10000, 5)
    # A floor above the standing figure, or a lower stated figure, is a new estimate.
    assert ledger_entry([*stated, _seen("2025-07-01", 20000, "at_least")])["newest"]["quantity"] == 20000  # type: ignore[index]
    assert ledger_entry([*stated, _seen("2025-07-01", 8000, "about")])["newest"]["quantity"] == 8000  # type: ignore[index]
    # A range stands for its top: a floor under it says nothing new.
    ranged = [_seen("2025-01-01", 10000, "range", 12000), _seen("2025-02-01", 11500, "at_least")]
    assert ledger_entry(ranged)["newest"]["bound"] == "range"  # type: ignore[index]
