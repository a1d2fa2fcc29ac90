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
