"""Why each claim and verdict is what it is: the rule path behind ``monitor diff --explain``.

For a claim: the rule that read it, the cue that decided its kind, the item word (or the earlier
sentence it was resolved from), how its amount is linked to the item, the attribution step that found
its source and where its dates come from. For a verdict: the baseline claims of the same kind, item and direction, their
figures, and which of the contract's four rules decided.

The text lines of ``monitor diff --explain`` are rendered by :func:`monitor.cli.queries.render_explain`,
which words figures and sources as the rest of the CLI does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from monitor.claims import cues
from monitor.claims.diff import TOLERANCE, compatible
from monitor.claims.model import Claim, Draft

# The cue phrases that decide each kind (the first match nearest the item is quoted).
KIND_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "shipment": (cues.TRANSFER, cues.PROVENANCE, cues.CONTENTS_VERB_BEFORE),
    "battlefield_use": (cues.BATTLE, cues.BATTLE_MORE),
    "production": (cues.CAPACITY, cues.PRODUCTION),
    "troop_deployment": (cues.DEPLOY, cues.PRESENCE, cues.PRESENCE_MORE),
    "personnel_dispatch": (cues.DEPLOY, cues.PRESENCE, cues.PRESENCE_MORE),
    "casualties": (),
    "technology_transfer": (cues.TECH_ASSIST, cues.RU_HELP, cues.RETURN),
    "compensation": (cues.RETURN,),
    "denial": (cues.DENIAL,),
    "confirmation": (cues.CONFIRM,),
    "condemnation": (cues.CONDEMN,),
    "supply_share": (cues.SHARE, cues.SHARE_AFTER, cues.DEPENDENCE, re.compile(r"\bmonths?\b", re.I)),
    "satellite_launch": (cues.LAUNCH, cues.LAUNCH_OUTCOME),
}


# Claims the statement rules read whole (monitor/claims/statements.py), named by their kind.
_STATEMENT_RULES = {
    "denial": "a denial by a party",
    "condemnation": "a condemnation",
    "supply_share": "a share of supply",
}


def _quote(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _nearest_cue(kind: str, text: str, span: tuple[int, int], near: int) -> dict[str, Any] | None:
    found: list[re.Match[str]] = []
    for pattern in KIND_CUES.get(kind, ()):
        found.extend(pattern.finditer(text, span[0], span[1]))
    if not found:
        return None
    best = min(found, key=lambda m: (abs(m.start() - near), m.start()))
    return {"text": _quote(text, best.start(), best.end()), "at": [best.start(), best.end()]}


def _link(text: str, item: tuple[int, int], amount: tuple[int, int]) -> str:
    """How an amount stands to the item it counts."""
    if amount[1] <= item[0]:
        gap = _quote(text, amount[1], item[0])
        return f"before its noun, across {gap!r}" if gap else "right before its noun"
    if amount[0] >= item[1]:
        gap = _quote(text, item[1], amount[0])
        return f"after its noun, across {gap!r}" if gap else "right after its noun"
    return "inside the item's phrase"


def explain_claim(claim: Claim, draft: Draft, text: str) -> dict[str, Any]:
    """The rule path of one claim; offsets index ``text`` (the input, or the text of an HTML page)."""
    trace = draft.trace
    span = claim.span
    out: dict[str, Any] = {"claim": claim.id, "kind": claim.kind, "item": claim.item}
    out["rule"] = trace.get("rule") or _STATEMENT_RULES.get(claim.kind, "")
    item = trace.get("item")
    near = item[0] if item else span[0]
    cue = _nearest_cue(claim.kind, text, span, near)
    if cue is None and claim.kind == "casualties" and item:
        cue = {"text": _quote(text, item[0], item[1]), "at": [item[0], item[1]], "note": "the casualty word itself"}
    out["cue"] = cue or {"note": "no cue of its own in the sentence: the kind of a recent claim on the same item"}
    if item:
        out["item_word"] = {
            "text": _quote(text, item[0], item[1]),
            "at": [item[0], item[1]],
            "from_context": bool(item[2]),
        }
        if item[2]:
            out["item_word"]["note"] = (
                'a word that refers back ("the weapon", "several more"): the item of a recent sentence'
            )
    amount = trace.get("quantity")
    if trace.get("capacity"):
        out["quantity"] = {
            "value": claim.quantity,
            "bound": claim.bound,
            "link": "a share of capacity named beside the item",
        }
    elif amount:
        if amount[1] <= span[0] or amount[0] >= span[1]:
            link = 'the count of an earlier sentence, restated here ("a similar figure")'
        else:
            link = _link(text, (item[0], item[1]), amount) if item else "the figure of the statement"
        out["quantity"] = {
            "text": _quote(text, amount[0], amount[1]),
            "at": list(amount),
            "value": claim.quantity,
            "bound": claim.bound,
            "link": link,
        }
    elif claim.quantity is not None:
        out["quantity"] = {
            "value": claim.quantity,
            "bound": claim.bound,
            "link": "a share or count read by the statement rule",
        }
    else:
        out["quantity"] = None
    out["source"] = {"value": claim.source, "step": trace.get("source", "")}
    out["dates"] = {"since": claim.since, "as_of": claim.as_of, "step": trace.get("date", "")}
    out["hedged"] = claim.hedged
    return out


#: How an ``updates`` verdict's rule line ends, before its two raw figures: the text rendering
#: (:func:`monitor.cli.queries.render_explain`) words the figures instead. The JSON keeps the raw
#: numbers, as it always had them (bench/claims_dump.py compares this object across versions).
CHANGE_WORDS = "the figure changes from"


def explain_verdict(
    verdict: Mapping[str, Any], claim: Claim, baseline_claims: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The baseline claims a verdict rests on, and the comparison that decided it."""
    key = (claim.kind, claim.item, claim.direction)
    same = [b for b in baseline_claims if (b.get("kind"), b.get("item"), b.get("direction")) == key]
    compared = [
        {
            "id": b.get("id"),
            "quantity": b.get("quantity"),
            "bound": b.get("bound"),
            "source": b.get("source"),
            "agrees": compatible(b.get("quantity"), claim.quantity),
        }
        for b in same
    ]
    name = verdict.get("verdict")
    if same:
        if name == "confirms":
            rule = (
                f"rule 1: same kind, item and direction; figures within {TOLERANCE:.0%} of each other"
                if claim.quantity is not None
                else "rule 1: same kind, item and direction; neither has a figure"
            )
        else:
            rule = (
                f"rule 1: same kind, item and direction, but no baseline figure within {TOLERANCE:.0%}: "
                f"{CHANGE_WORDS} {verdict.get('from')} to {verdict.get('to')}"
            )
    elif name == "contradicts" and claim.kind == "denial":
        rule = "rule 2: a denial of what the baseline asserts"
    elif name == "contradicts":
        rule = "rule 3: an admission of what the baseline denies"
    else:
        rule = "rule 4: no baseline claim of this kind, item and direction, and nothing it denies or asserts"
    rests_on = [b for b in baseline_claims if b.get("id") in set(verdict.get("baseline") or ())]
    return {
        "claim": claim.id,
        "verdict": name,
        "rule": rule,
        "compared": compared,
        "baseline": [
            {
                "id": b.get("id"),
                "kind": b.get("kind"),
                "item": b.get("item"),
                "direction": b.get("direction"),
                "quantity": b.get("quantity"),
            }
            for b in rests_on
        ],
    }
