"""Claims against the baseline: ``confirms``, ``updates``, ``contradicts`` or ``new``.

The four rules of the claims contract, applied in order to each claim:

1. Baseline claims of the same ``kind``, ``item`` and ``direction`` exist: ``confirms`` when one
   has a compatible figure (the two quantities within 10% of each other) or neither side has a
   figure; otherwise ``updates`` from the baseline figure to the new one. A figure against a
   figure-less baseline is an update from null. A claim without a figure against a counted
   baseline claim ("the North has kept shipping shells" against "more than a million shells")
   restates the fact and changes no figure, so it ``confirms``: an "update to nothing" would
   alert an analyst to a change no one reported. The contract does not spell this case out;
   this is how the real-text corpus labels it (docs/claims-conventions.md).
2. A ``denial`` whose item the baseline asserts (for ``munitions``: any asserted shipment):
   ``contradicts``.
3. A ``confirmation`` whose item the baseline denies, or where the baseline denies
   ``munitions`` (the blanket denial): ``contradicts``.
4. Otherwise ``new``.

:func:`compare_baselines` diffs two sets of claims against each other (the two baseline
reports, or any two reports): what only one of them says, and where their figures differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.claims import CLAIM_FIELDS

__all__ = ["TOLERANCE", "Verdict", "compatible", "compare_baselines", "diff_claims"]

#: Two figures confirm each other when they are within 10% of the larger one.
TOLERANCE = 0.10

Number = int | float
ClaimLike = Mapping[str, Any] | Any


@dataclass(frozen=True)
class Verdict:
    """One claim's verdict; ``to_dict`` gives the contract's object."""

    claim: str
    verdict: str
    baseline: tuple[str, ...]
    from_: Number | None = None
    to: Number | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "baseline": list(self.baseline),
            "from": self.from_,
            "to": self.to,
        }


# Whether a type is a Mapping, by type: isinstance against the abstract class runs a Python-level check of some
# 2,400 instructions, asked for every field of every extracted claim (a Claim dataclass) against the baseline.
_IS_MAPPING: dict[type, bool] = {dict: True}


def _get(claim: ClaimLike, name: str) -> Any:
    kind = type(claim)
    if kind is dict:  # the common case, without the look-up below
        return claim.get(name)
    mapping = _IS_MAPPING.get(kind)
    if mapping is None:
        mapping = _IS_MAPPING[kind] = isinstance(claim, Mapping)
    return claim.get(name) if mapping else getattr(claim, name, None)


def compatible(a: Number | None, b: Number | None, tolerance: float = TOLERANCE) -> bool:
    """Both figures missing, or both present and within ``tolerance`` of the larger."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _group_key(claim: ClaimLike) -> tuple[Any, Any, Any]:
    if type(claim) is dict:  # every baseline claim, filed again for each article: _get written out
        return (claim.get("kind"), claim.get("item"), claim.get("direction"))
    return (_get(claim, "kind"), _get(claim, "item"), _get(claim, "direction"))


def _closest(figures: list[Number], target: Number | None) -> Number | None:
    """The baseline figure an update is measured from: the nearest one (in ratio) to the claim's."""
    known = [f for f in figures if f is not None]
    if not known:
        return None
    if target is None or target <= 0:
        return known[0]
    return min(known, key=lambda f: abs(math.log(f / target)) if f > 0 else math.inf)


def _baseline_claims(baseline: Any) -> list[ClaimLike]:
    claims = _get(baseline, "claims")
    if claims is None and isinstance(baseline, Iterable):
        return list(baseline)
    return list(claims or [])


def _verdict(
    claim: ClaimLike, base: Sequence[ClaimLike], index: dict[tuple[Any, Any, Any], list[ClaimLike]]
) -> Verdict:
    cid = str(_get(claim, "id"))
    q = _get(claim, "quantity")
    key = _group_key(claim)
    same = index.get(key, [])
    if same:
        agreeing = same if q is None else [b for b in same if compatible(_get(b, "quantity"), q)]
        if agreeing:
            return Verdict(cid, "confirms", tuple(str(_get(b, "id")) for b in agreeing))
        start = _closest([_get(b, "quantity") for b in same], q)
        return Verdict(cid, "updates", tuple(str(_get(b, "id")) for b in same), start, q)
    kind, item = key[0], key[1]  # (the group key's: each field of a claim that is no dict costs a call to read)
    if kind == "denial":
        asserted = [
            b
            for b in base
            if _get(b, "stance") != "denied"
            and _get(b, "kind") not in ("denial", "condemnation")
            and (_get(b, "item") == item or (item == "munitions" and _get(b, "kind") == "shipment"))
        ]
        if asserted:
            return Verdict(cid, "contradicts", tuple(str(_get(b, "id")) for b in asserted))
    if kind == "confirmation":
        denied = [b for b in base if _get(b, "kind") == "denial" and _get(b, "item") in (item, "munitions")]
        if denied:
            return Verdict(cid, "contradicts", tuple(str(_get(b, "id")) for b in denied))
    return Verdict(cid, "new", ())


def diff_claims(claims: Iterable[ClaimLike], baseline: Any) -> list[Verdict]:
    """One verdict per claim, in claim order.

    ``claims`` are :class:`monitor.claims.extract.Claim` objects or contract dicts; ``baseline`` is a
    :class:`monitor.claims.baseline.Baseline` or a sequence of claim dicts (each with an ``id``).
    """
    base = _baseline_claims(baseline)
    index: dict[tuple[Any, Any, Any], list[ClaimLike]] = {}
    for b in base:
        index.setdefault(_group_key(b), []).append(b)
    return [_verdict(c, base, index) for c in claims]


# --- report against report --------------------------------------------------------------------


def _describe(claim: ClaimLike) -> dict[str, Any]:
    return {k: _get(claim, k) for k in _DESCRIBED_FIELDS}


# a claim in a comparison of two reports: its fields but where in its text it was read
_DESCRIBED_FIELDS = tuple(f for f in CLAIM_FIELDS if f not in ("evidence", "span"))
_DETAIL_FIELDS = ("bound", "source", "since", "as_of", "hedged")


def compare_baselines(
    claims_a: Iterable[ClaimLike],
    claims_b: Iterable[ClaimLike],
    *,
    facts_a: Iterable[Mapping[str, Any]] = (),
    facts_b: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """What A says that B does not, what B says that A does not, and where they disagree.

    Claims are grouped by kind, item and direction. A group both sides have is ``differing``
    when no figure of A is compatible with a figure of B; when the figures agree but the
    bound, source, dates or hedging differ, the group is listed under ``details``. Facts
    (context such as where a meeting took place: dicts with ``topic`` and ``value``) are
    compared by topic the same way.
    """
    a_list, b_list = list(claims_a), list(claims_b)
    groups_a: dict[tuple[Any, Any, Any], list[ClaimLike]] = {}
    groups_b: dict[tuple[Any, Any, Any], list[ClaimLike]] = {}
    for c in a_list:
        groups_a.setdefault(_group_key(c), []).append(c)
    for c in b_list:
        groups_b.setdefault(_group_key(c), []).append(c)
    only_a = [_describe(c) for key, cs in groups_a.items() if key not in groups_b for c in cs]
    only_b = [_describe(c) for key, cs in groups_b.items() if key not in groups_a for c in cs]
    differing: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    agreeing: list[dict[str, Any]] = []
    for key, cs_a in groups_a.items():
        cs_b = groups_b.get(key)
        if not cs_b:
            continue
        pair = next(((x, y) for x in cs_a for y in cs_b if compatible(_get(x, "quantity"), _get(y, "quantity"))), None)
        entry = {
            "kind": key[0],
            "item": key[1],
            "direction": key[2],
            "a": [_describe(c) for c in cs_a],
            "b": [_describe(c) for c in cs_b],
        }
        if pair is None:
            entry["a_quantities"] = [_get(c, "quantity") for c in cs_a]
            entry["b_quantities"] = [_get(c, "quantity") for c in cs_b]
            differing.append(entry)
            continue
        fields = [f for f in _DETAIL_FIELDS if _get(pair[0], f) != _get(pair[1], f)]
        if fields:
            entry["fields"] = fields
            details.append(entry)
        else:
            agreeing.append(entry)
    fa: dict[str, list[Mapping[str, Any]]] = {}
    fb: dict[str, list[Mapping[str, Any]]] = {}
    for f in facts_a:
        fa.setdefault(str(f.get("topic")), []).append(f)
    for f in facts_b:
        fb.setdefault(str(f.get("topic")), []).append(f)
    fact_diff = {
        "only_a": [dict(f) for t, fs in fa.items() if t not in fb for f in fs],
        "only_b": [dict(f) for t, fs in fb.items() if t not in fa for f in fs],
        "differing": [
            {"topic": t, "a": [dict(f) for f in fa[t]], "b": [dict(f) for f in fb[t]]}
            for t in fa
            if t in fb and {str(f.get("value")) for f in fa[t]} != {str(f.get("value")) for f in fb[t]}
        ],
    }
    return {
        "only_a": only_a,
        "only_b": only_b,
        "differing": differing,
        "details": details,
        "agreeing": agreeing,
        "facts": fact_diff,
    }
