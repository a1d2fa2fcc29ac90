"""A back-off reading for a sentence the cue rules read nothing from: the pair and the thing, not the verb.

The cue rules (kinds.py) give a thing its kind from a verb or noun of moving, using or making near it. A sentence
that names both countries and a thing that moves between them, but with a verb no cue knows ("Moscow has been
taking in North Korean shells by the trainload"), yields no claim at all. This reading keys on what such a sentence
cannot avoid naming instead: the two parties, the thing, and the little words that tie a party to the thing as
its receiver ("to", "into", "for"), its giver ("from", a passive's "by") or its maker ("North Korean shells").

* The thing's class gives its kind and the one way it can flow (lexicon.ITEM_CATEGORY): materiel is a shipment,
  soldiers a deployment, workers and officers a dispatch, all from the North; technology and payment go from
  Russia to the North.
* A party tied to the thing must agree with that way: the receiver after "to" / "into" / "for", the giver after
  "from" / "by", or the giver named as the thing's maker or owner right before it. A tie the other way ("shells to
  North Korea") and a sentence with no tie at all give nothing: two parties and a thing in one sentence are not yet
  a transfer ("Kim showed Putin the new missiles").
* A thing after "in exchange for" / "in return for" is a trade's other side: it flows against the rest of the
  sentence, which the class already says, so the trade is its tie.

It is guarded like the cue rules, plus what a verb would have ruled out: only mentions the cue rules kept (the
guards against possibilities, presupposed background, other states' supplies and armies' own stocks ran before it),
in a sentence with no denial, condemnation, question or condition (read_sentence returns before it); and not where
a negation, a plan or wish, a state other than the two, the North's own tests and displays, or an agreement or
meeting is the sentence's matter (the near misses of the two parties named together).
"""

from __future__ import annotations

import re

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.document import Document
from monitor.claims.drafts import draft
from monitor.claims.model import Ctx, Draft, Mention, Sentence

#: Each class of thing: the kind it makes and the side that gives it.
KIND_AND_GIVER = {
    "materiel": ("shipment", "NK"),
    "troops": ("troop_deployment", "NK"),
    "personnel": ("personnel_dispatch", "NK"),
    "technology": ("technology_transfer", "RU"),
    "compensation": ("compensation", "RU"),
}
DIRECTION = {"NK": "NK->RU", "RU": "RU->NK"}
RULE = "the pair and the thing (no verb cue)"

# A party after these words (and an article) receives the thing before it; after these, gives it.
_RECEIVER_BEFORE = re.compile(r"\b(?:to|into|for|toward|towards)\s+(?:the\s+)?$", re.I)
_GIVER_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)
# A party right before the thing, as its maker or owner ("North Korean shells", "Pyongyang's troops"): modifiers
# only between them.
_MAKER_GAP = re.compile(r"^(?:'s|\u2019s)?(?:\s+[\w-]+){0,2}?\s+$")
# How far after the thing a tying preposition may stand: the thing's own phrase, not the next clause.
_TIE_REACH = 80
_CLAUSE_BREAK = re.compile(r"[;:\u2014]|,\s+(?:but|while|although|whereas|which|who)\b|\bbut\b", re.I)

# What the two parties do together that moves nothing, and the North's own weapons work: the sentence's matter,
# not a transfer (agreements, meetings and talks; tests, launches, parades, exhibitions).
_NO_TRANSFER_MATTER = re.compile(
    r"\b(?:treat(?:y|ies)|pact|agreements?|accords?|partnership|summit|talks|meetings?|met\b|visit\w*"
    r"|tests?|tested|testing|launch\w*|fired|parade|exhibition|expo|displayed|showed|unveil\w*)\b",
    re.I,
)
# A move told as intended, wished or weighed, not done ("plans to send", "is considering dispatching", "will").
_PLANNED = re.compile(
    r"\b(?:plan\w*|consider\w*|intend\w*|seek\w*|sought|want\w*|ask\w*|request\w*|propos\w*|offer\w*|prepar\w*"
    r"|will|would|could|may|might|can|expected\s+to|likely\s+to|ready\s+to|willing\s+to|if)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|n't|never|no|without|nor|neither)\b", re.I)


def _parties(doc: Document, sent: Sentence) -> list[tuple[int, int, str]]:
    """Where the sentence names each side: (start, end, "NK" or "RU"), in order."""
    found = [(m.start(), m.end(), "NK") for m in lx.NK.finditer(doc.work, sent.start, sent.end)]
    found += [(m.start(), m.end(), "RU") for m in lx.RU.finditer(doc.work, sent.start, sent.end)]
    return sorted(found)


def _tie(doc: Document, sent: Sentence, m: Mention, parties: list[tuple[int, int, str]]) -> str | None:
    """The side the sentence ties to the thing as its giver ("NK" or "RU"), read from the nearest tie; None
    without one."""
    work = doc.work
    for start, _end, side in parties:
        if start >= m.end:
            if start - m.end > _TIE_REACH:
                break
            if _CLAUSE_BREAK.search(work, m.end, start):
                break
            before = work[max(m.end, start - 12) : start]
            if _RECEIVER_BEFORE.search(before):
                return "RU" if side == "NK" else "NK"
            if _GIVER_BEFORE.search(before):
                return side
    for _start, end, side in reversed(parties):
        if end <= m.start and _MAKER_GAP.match(work[end : m.start]):
            return side
    return None


def read_by_pair_and_thing(doc: Document, sent: Sentence, things: list[Mention], ctx: Ctx) -> list[Draft]:
    """Drafts for the things a sentence naming both sides left unread by the cue rules (see the module's note)."""
    if not (sent.has_nk and sent.has_ru) or not things:
        return []
    s, e = sent.start, sent.end
    work = doc.work
    if (
        _NO_TRANSFER_MATTER.search(work, s, e)
        or cues.OTHER_SUPPLIER.search(work, s, e)
        or _NEGATION.search(work, s, e)
        or _PLANNED.search(work, s, e)
    ):
        return []
    parties = _parties(doc, sent)
    out: list[Draft] = []
    for m in things:
        kind_giver = KIND_AND_GIVER.get(m.category)
        if kind_giver is None or m.contextual:
            continue
        kind, giver = kind_giver
        traded = cues.EXCHANGE_OBJECT_BEFORE.search(work, max(s, m.start - 60), m.start) is not None
        tied = _tie(doc, sent, m, parties)
        if tied != giver and not (traded and tied is None):
            continue
        for q in [m.quantity, *m.extra] if m.extra else [m.quantity]:
            out.append(draft(doc, kind, m.value, DIRECTION[giver], q, ctx, mention=m, rule=RULE))
    return out
