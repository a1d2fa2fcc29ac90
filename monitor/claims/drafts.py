"""From a reading to draft claims: the hedge that covers a claim, the share of capacity a production
claim states, and folding the restatements of one fact into its first statement."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

from monitor.claims import cues
from monitor.claims.document import Document
from monitor.claims.mentions import WindowCue
from monitor.claims.model import Ctx, Draft, Mention, Number, Sentence
from monitor.claims.quantities import QuantityMatch, parse_fraction
from monitor.claims.timerefs import since_span


def hedged_at(doc: Document, sent: Sentence, pos: int) -> bool:
    """Is a claim at ``pos`` hedged? Modals count in its own clause; other hedges before it,
    in its clause, or as the verb of a trailing attribution (", the agency believes")."""
    work, s, e = doc.work, sent.start, sent.end
    got = doc.hedge_cache.get(s)
    if got is None:  # the same for every claim of the sentence: found once
        hedges = cues.G_HEDGE.finditer(doc.idx, s, e)
        # (the clauses matter only beside a hedge word, which most sentences lack)
        breaks = (
            [(b.start(), b.end()) for b in cues.T_CLAUSE_BREAK.finditer(work, doc.folded, s, e)]
            if hedges or cues.MODAL_STEMS.search(doc.low, s, e)
            else None
        )
        got = doc.hedge_cache[s] = (breaks, hedges)
    breaks, hedges = got
    if breaks is None:
        return False  # no hedge word at all: the usual case
    lo = s
    hi = e
    for b_start, b_end in breaks:
        if b_end <= pos:
            lo = b_end
        elif b_start > pos:
            hi = b_start
            break
    if cues.MODAL_HEDGE.search(work, lo, hi):
        return True
    for h in hedges:
        if cues.MODAL_HEDGE.fullmatch(h.group(0)):
            continue
        if h.start() < pos or h.start() < hi:
            return True
        if cues.TRAILING_ATTRIBUTION.search(work, max(s, h.start() - 60), h.start()) and cues.TRAILING_END.match(
            work, h.end(), e
        ):
            return True  # "..., the agency believes."
        if cues.ESTIMATE_SOURCE.search(work, max(s, h.start() - 25), h.end()):
            return True  # "..., according to estimates by Seoul"
    return False


# Kinds whose figure counts whole things (shells, soldiers, the dead, missiles fired), so a fraction is
# never their figure: "about half of the missiles exploded in flight" is use without a figure (a failure
# share measures the weapons' quality, not how many were used; docs/claims-conventions.md).
_COUNTED_KINDS = frozenset({"shipment", "troop_deployment", "personnel_dispatch", "casualties", "battlefield_use"})


def since_in_clause(doc: Document, ctx: Ctx, mention: Mention) -> bool:
    """Whether the sentence's "since ..." stands in the clause that names ``mention`` (no clause break between)."""
    s, e = ctx.span
    span = since_span(doc.work[s:e], doc.published)
    if span is None:
        return True
    since_start, since_end = s + span[0], s + span[1]
    if since_start >= mention.end:
        return not cues.VERB_CLAUSE_BREAK.search(doc.work, mention.end, since_start)
    return since_end > mention.start or not cues.VERB_CLAUSE_BREAK.search(doc.work, since_end, mention.start)


def as_of_in_clause(doc: Document, ctx: Ctx, start: int, stop: int) -> bool:
    """Whether the time phrase that dates the sentence ("in October", "on Dec. 30") stands in the clause of the
    claim's words at ``start:stop``: "sent 10,000 troops in October, some of whom are now in combat" does not date
    the combat by October, nor does "..., citing a visit in September" date what the agency said."""
    if ctx.as_of_at is None:
        return True
    at, end = ctx.as_of_at
    if at >= stop:
        return not cues.DATE_CLAUSE_BREAK.search(doc.work, stop, at)
    # (searched up to the words' end, not their start: a break may look ahead into them, ", with 3,000 more")
    return end > start or not cues.DATE_CLAUSE_BREAK.search(doc.work, end, stop)


def told_days_before(doc: Document, ctx: Ctx, mention: Mention) -> Ctx:
    """A claim named in the clause after "came two days after" holds that many days before the date the sentence
    gives what it tells first (its statement's day, the article's, or the publication date), unless a time phrase in
    that clause dates it itself."""
    if ctx.days_before is None or mention.start < ctx.days_before[0]:
        return ctx
    clause_start, days = ctx.days_before
    if ctx.as_of_at is not None and ctx.as_of_at[0] >= clause_start:
        return ctx
    told = dt.date.fromisoformat(ctx.as_of) if ctx.as_of else doc.published
    return replace(ctx, as_of=(told - dt.timedelta(days=days)).isoformat(), as_of_at=None)


# The words before a claim's thing, read for every draft (see WindowCue); the determiners are in most stretches.
_DEFINITE_BEFORE = WindowCue(cues.DEFINITE_BEFORE, guarded=False)
_POINTING_BEFORE = WindowCue(cues.POINTING_BEFORE, guarded=False)
_ADDITIONAL_BEFORE = WindowCue(cues.ADDITIONAL_BEFORE)
_EXCHANGE_OBJECT_BEFORE = WindowCue(cues.EXCHANGE_OBJECT_BEFORE)
_EXCHANGE_POINTED_BEFORE = WindowCue(cues.EXCHANGE_POINTED_BEFORE, guarded=False)
_JOINED_BEFORE = WindowCue(cues.JOINED_BEFORE, guarded=False)


def draft(
    doc: Document,
    kind: str,
    item: str,
    direction: str | None,
    q: QuantityMatch | None,
    ctx: Ctx,
    *,
    production: bool = False,
    mention: Mention | None = None,
    rule: str = "",
) -> Draft:
    """A draft claim of ``kind`` on ``item``; ``rule`` names the rule that read it (else the one that gave
    ``mention`` its kind), kept in the trace for ``monitor diff --explain``."""
    if mention is not None and mention.voice is not None:
        ctx = ctx.with_source(mention.voice)
    if mention is not None:
        anchor = q.start if q is not None else mention.start
        ctx = ctx.with_hedged(hedged_at(doc, doc.sentences[bisect_right(doc.starts, anchor) - 1], anchor))
        if ctx.since is not None and not mention.contextual and not since_in_clause(doc, ctx, mention):
            ctx = ctx.with_since(None)
        # (a thing taken from context is placed by its figure: "sent 11,000 troops in 2024, with 3,000 more
        # deployed since" counts the 3,000 in a clause of their own)
        words = (mention.start, mention.end) if not mention.contextual else (q.start, q.end) if q is not None else None
        if words is not None and not as_of_in_clause(doc, ctx, *words):
            ctx = ctx.with_as_of_of_sentence()
        if not mention.contextual:
            ctx = told_days_before(doc, ctx, mention)
    if production and mention is not None:
        cap = capacity_for(doc, mention)
        if cap is not None:
            found = Draft(kind, item, direction, cap[0], cap[1], None, stance="asserted", **ctx.fields())
            if doc.traced:
                found.trace.update(
                    item=(mention.start, mention.end, mention.contextual), capacity=True, rule=rule or mention.decided
                )
            return found
        q = None if q is None or q.quantity > 1 else q
    if q is not None and kind in _COUNTED_KINDS and q.quantity < 1:
        q = None  # "almost half of the containers were shipped": a share of a count is not the count
    definite = (
        mention is None
        or mention.contextual
        or bool(_DEFINITE_BEFORE.search(doc, max(0, mention.start - 30), mention.start))
    )
    # "the troops", "these shells": a determiner that points back, read from the text (not a mention
    # taken from context)
    pointed = (
        mention is not None
        and not mention.contextual
        and bool(_POINTING_BEFORE.search(doc, max(0, mention.start - 12), mention.start))
    )
    additional = (
        mention is not None
        and not mention.contextual
        and bool(_ADDITIONAL_BEFORE.search(doc, max(0, mention.start - 25), mention.start))
    )
    # The North's side of a trade ("oil in exchange for weapons"), figure-less: what Russia gives "in exchange for
    # technology" is the news either way. Told as known (pointed back, or one of alternatives) or as help that
    # names no thing ("in return for military assistance") it is presupposed; told as news it is a claim (21k).
    trade_side = (
        q is None
        and direction == "NK->RU"
        and mention is not None
        and not mention.contextual
        and bool(_EXCHANGE_OBJECT_BEFORE.search(doc, max(0, mention.start - 60), mention.start))
    )
    given = (
        trade_side
        and mention is not None
        and bool(
            _EXCHANGE_POINTED_BEFORE.search(doc, max(0, mention.start - 60), mention.start)
            or cues.EXCHANGE_ALTERNATIVE_AFTER.match(doc.work, mention.end)
            or cues.HELP_NAMING_NO_THING.search(doc.work, mention.start, mention.end)
        )
    )
    joined = (
        q is None
        and item in _GENERIC_ITEMS
        and mention is not None
        and not mention.contextual
        and bool(
            _JOINED_BEFORE.search(doc, max(0, mention.start - 40), mention.start)
            or cues.JOINED_AFTER.match(doc.work, mention.end)
        )
        # ("weapons and ammunition, including shells": joined to another general word, and heading the things after)
        and not cues.HEADING_AFTER.match(doc.work, mention.end)
    )
    includes = (
        q is None
        and item in _BROAD_ITEMS
        and mention is not None
        and not mention.contextual
        and bool(cues.INCLUDING_AFTER.match(doc.work, mention.end))
    )
    if q is None:
        found = Draft(
            kind,
            item,
            direction,
            None,
            None,
            None,
            stance="asserted",
            **ctx.fields(),
            definite=definite,
            additional=additional,
            pointed=pointed,
            given=given,
            joined=joined,
            includes=includes,
        )
    else:
        found = Draft(
            kind,
            item,
            direction,
            q.quantity,
            q.bound,
            q.quantity_high,
            stance="asserted",
            **ctx.fields(),
            definite=definite,
            additional=additional or bool(q.vague and cues.ADDITIONAL_AFTER.match(doc.work, q.end)),
        )
    found.count = q
    if doc.traced:
        found.trace["rule"] = rule or (mention.decided if mention is not None else "")
        if mention is not None:
            found.trace["item"] = (mention.start, mention.end, mention.contextual)
        if q is not None:
            found.trace["quantity"] = (q.start, q.end)
    return found


def capacity_for(doc: Document, m: Mention) -> tuple[Number, str] | None:
    """The share of capacity nearest after the item ("factories ... at about 30 percent of capacity")."""
    i = bisect_right(doc.starts, m.start) - 1
    sent = doc.sentences[i]
    found = cues.CAPACITY.search(doc.work, m.end, min(sent.end, m.end + 140))
    if not found:
        # A capacity named before the item belongs to it only if no other product sits between.
        before = list(cues.CAPACITY.finditer(doc.work, sent.start, m.start))
        if not before or any(
            x.value != m.value and before[-1].end() <= x.start < m.start and x.category == "materiel"
            for x in sent.items
        ):
            return None
        found = before[-1]
    # The phrase set off in quotation marks ('plants "operating at full capacity"', '"at full swing"'): the teller's
    # loose words quoted, not a measure, so about full.
    word = "frac3" if found.group("frac3") else "frac"
    quoted = found.group(word) is not None and cues.SCARE_QUOTE_BEFORE.search(
        doc.work, max(sent.start, found.start() - 25), found.start(word)
    )
    loose = bool(quoted) and cues.SCARE_QUOTE_AFTER.match(doc.work, found.end(), sent.end) is not None
    if found.group("frac3"):
        return 1.0, "about" if loose else "exact"
    phrase = found.group("frac") or found.group("frac2") or ""
    near = found.group("near") or found.group("near_at") or ""
    if phrase.lower() in ("maximum", "max", "peak", "full"):
        return 1.0, "about" if near or loose else "exact"  # "close to full capacity"
    frac = parse_fraction(near + phrase)
    if frac.quantity is None:
        return None
    return frac.quantity, frac.bound or "exact"


# Kinds whose figure-less statements usually carry a fact of their own ("the missiles have become
# more accurate" before "150 were launched"), not a summary of the figure that follows.
_EVENT_KINDS = frozenset({"battlefield_use", "casualties"})
# Voices that read others' claims rather than make their own: a restatement, like the outlet's.
_READERS = frozenset({"outlet", "analysts", "think tank"})
# Items that say "weapons" in general, and the kinds where a named thing beside them says more.
_GENERIC_ITEMS = frozenset({"munitions"})
_BROAD_ITEMS = frozenset({"military_equipment"})  # as broad as "weapons": it names no thing either
# People sent, named in general: "the workers" after "5,000 military builders and 1,000 sappers" are those people.
_GENERIC_PEOPLE = frozenset({"workers"})
_GENERIC_KINDS = frozenset({"shipment", "battlefield_use"})
# The states whose agencies and officials are sources, by how their source names begin.
_STATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ukraine", ("Ukraine",)),
    ("South Korea", ("South Korea",)),
    ("United States", ("US ", "White House", "Pentagon")),
    ("Russia", ("Russia",)),
    ("North Korea", ("North Korea",)),
    ("Japan", ("Japan",)),
)


def _named(source: str) -> bool:
    return source not in _READERS


def government_of(source: str) -> str | None:
    """The state a source speaks for ("Ukraine HUR" and "Ukraine Armed Forces": Ukraine), else None."""
    if source == "United States":
        return source  # the bare country; "United States and South Korea" speaks for neither alone
    for state, prefixes in _STATES:
        if source.startswith(prefixes):
            return state
    return None


def same_government_figure(d: Draft, k: Draft) -> bool:
    """The same figure of the same fact from two voices of one state, or from one voice told twice ("more than
    1.5 million", then "one and a half million"): one claim, not one per agency or per wording."""
    if k.quantity is None or d.quantity is None or k.family() != d.family():
        return False
    state = government_of(d.source)
    return (
        state is not None
        and state == government_of(k.source)
        and abs(k.quantity - d.quantity) <= 0.01 * max(abs(k.quantity), abs(d.quantity))
    )


# Voices that name no one (the outlet, readers, unnamed officials): a figure they give after a vague
# amount may be the same source's, told precisely.
NAMELESS_VOICES = _READERS | {"unnamed officials"}
# Facts that something moved between the two states: each outside teller's word of one counts on its own, and
# takes the claim from a summary naming no one (15a). A launch, a strike or a deployment is an event the outlet
# reports itself; others mostly mention it in passing (the AP seed's launch stays the outlet's).
_TRANSFER_KINDS = frozenset({"shipment", "technology_transfer", "compensation"})


def independent_teller(d: Draft) -> bool:
    """A figure-less claim whose own sentence names who tells it, when that teller is neither a voice that names
    no one nor one of the two parties: a party's word on a transfer is its admission or denial, and a summary
    line or a credit carried from another sentence may be the outlet restating (convention 1). The giver's own
    word on what it gives is a teller of its own (convention 22a): "Putin promised to help the North build
    satellites", after Seoul said Russia helped, is Russia's statement of its help, not Seoul's told again."""
    return (
        d.quantity is None
        and d.named_here
        and not d.summary
        and d.source not in NAMELESS_VOICES
        and (d.source not in cues.PARTIES or cues.GOVERNMENT_OF[d.source] == _GIVER.get(d.direction or ""))
    )


# The party that gives in each direction of a transfer.
_GIVER = {"RU->NK": "Russia government", "NK->RU": "North Korea government"}


def yields_to_teller(first: Draft) -> bool:
    """A figure-less claim told by no one its sentence names (the outlet's lede, a subtitle credited from the
    headline): it gives way to a later sentence that names who tells the same fact (convention 1)."""
    return first.quantity is None and not first.named_here and (first.summary or first.source in NAMELESS_VOICES)


def vaguely_restated(d: Draft, drafts: list[Draft]) -> bool:
    """A vague amount ("thousands of", "dozens of") beside a figure of the same fact that covers it:
    a precise one at least as large, or a larger vague one. The vague word loosely restates a figure
    given before it, whoever gave it, or one given after it by the same voice or by a voice that names
    no one ("hundreds", then an unnamed official's "several hundred"); a named source's figure after
    it is that source's claim. It is not a count of its own ("several thousand more" is)."""
    if d.count is None or not d.count.vague or d.quantity is None or d.quantity < 1 or d.additional:
        return False
    fam = d.family()
    after = False
    for other in drafts:
        if other is d:
            after = True  # a figure after it restates it only in the same voice ("thousands of
            continue  # troops", the outlet's lede, then its "over 11,000 soldiers")
        if (
            other.quantity is None
            or other.family() != fam
            or (after and other.source != d.source and other.source not in NAMELESS_VOICES)
            # a ceiling covers no floor: "up to 3 million rounds" the containers could hold does not restate "millions
            # of shells" sent; nor does the same figure that voice gives elsewhere as a ceiling ("preparing 10,000
            # soldiers", beside its "up to 10,000"): "thousands" en route is not that plan told loosely
            or other.bound == "at_most"
            or any(
                k.bound == "at_most"
                and k.quantity == other.quantity
                and k.family() == fam
                and government_of(k.source) == government_of(other.source)
                for k in drafts
            )
        ):
            continue
        if other.quantity > d.quantity or (other.quantity == d.quantity and not (other.count and other.count.vague)):
            return True
    return False


def range_top_restated(d: Draft, drafts: list[Draft]) -> bool:
    """A ceiling that is the top of a range of the same fact told in the article ("as much as $5.5 billion", and
    "between $1.7 billion and $5.5 billion"): the range told short, as a headline or a lede tells it. The range,
    which says more, is the claim."""
    if d.quantity is None or d.bound != "at_most" or d.additional:
        return False
    fam = d.family()
    return any(
        k is not d and k.bound == "range" and k.quantity_high == d.quantity and k.family() == fam for k in drafts
    )


def headline_short_of(d: Draft, i: int, drafts: list[Draft]) -> bool:
    """A heading's figure that a later sentence of the body gives for the same fact with a bound word ("North Korea
    ships 13,000 containers" above "has sent over 13,000 containers"): a headline drops "over" and "about" for room, so
    it is the body's fact told short, and the body's telling (its bound, its teller) is the claim."""
    if not d.summary or d.quantity is None or d.bound != "exact":
        return False
    fam = d.family()
    return any(
        k.quantity == d.quantity and k.bound != "exact" and not k.summary and k.family() == fam for k in drafts[i + 1 :]
    )


def leading_digit_floor(quantity: float) -> float:
    """A figure cut down to its leading digit: 6,700 gives 6,000, 1.5 million gives 1 million, 250 gives 200."""
    if quantity < 10:
        return float(int(quantity))
    scale = 10 ** int(math.floor(math.log10(quantity)))
    return float(int(quantity // scale) * scale)


def rounded_restatement(d: Draft, drafts: list[Draft]) -> bool:
    """A lower bound that is the same voice's precise figure cut to its leading digit ("over six thousand
    containers", and "the 6,700 containers" it spoke of): one figure told twice, loosely and exactly, so the exact
    one is the claim, told before or after. Reporters round a precise count down this way; a bound that is not
    the rounding ("over 5,000" beside 6,700), another state's figure, or a statement of another day counts apart."""
    if d.quantity is None or d.bound != "at_least" or d.quantity < 10 or d.additional:
        return False
    if leading_digit_floor(d.quantity) != d.quantity:
        return False
    fam, state = d.family(), government_of(d.source) or d.source
    return any(
        k is not d
        and k.quantity is not None
        and k.bound == "exact"
        and k.family() == fam
        and (government_of(k.source) or k.source) == state
        and k.as_of == d.as_of
        and k.quantity != d.quantity
        and leading_digit_floor(k.quantity) == d.quantity
        for k in drafts
    )


def detailed_next(d: Draft, drafts: list[Draft], follows: dict[tuple[int, int], tuple[int, int]]) -> bool:
    """A figure-less claim from a sentence naming a report whose very next sentence gives the same fact with a
    figure, whoever gives it: the lede's summary ("Russia has provided the North with an air defence system, a
    report says"), then the detail it sums up ("at least one Pantsir system was transferred, the monitoring team
    said"). ``follows`` maps such sentences' spans to the next sentence's. Another voice's charge before a
    figure ("the Times reported troops were sent", then Seoul's 12,000) stands. Strikes and losses are events
    each source reports on its own; a claim of more things ("more troops") is not a summary."""
    if d.quantity is not None or d.additional or d.kind in _EVENT_KINDS:
        return False
    after = follows.get(d.span)
    fam = d.family()
    return after is not None and any(k.span == after and k.quantity is not None and k.family() == fam for k in drafts)


def another_launch(d: Draft, counted: Draft) -> bool:
    """A launch told as a failure beside the count of one that was not ("its failure to launch on Monday", and "it put
    a satellite into orbit in November"): two launches, so the count does not tell the failure again (convention 23a)."""
    return d.failed and not counted.failed


def told_before_named_count(d: Draft, i: int, drafts: list[Draft]) -> bool:
    """The outlet's own word that troops went, told before any count of them, where only named sources
    count them after ("there are reports of the North sending troops", then "Seoul says 11,000 went"): one
    claim per source, so it stands beside their count. A count the outlet or analysts give, or one told
    before, is the figure this word sums up. Only troops: for workers, shipments and transfers the outlet's
    figure-less word before a named count was a lede or a plan, never labelled apart (round 16, measured
    on realdev3, realdev4, blind6, the corpus development split and the written set)."""
    if d.kind != "troop_deployment":
        return False
    return all(
        j > i and k.source not in _READERS
        for j, k in enumerate(drafts)
        if k.quantity is not None and k.family() == d.family()
    )


#: Where :func:`fold` notes each draft it drops with the rule that dropped it, while a caller asks
#: (:func:`recording_drops`, for bench/rule_audit.py's count of each rule's drops against the labels); the usual
#: None notes nothing (a test of None at each drop, no call: a page folds thousands of drafts), and what is kept never
#: depends on it.
_DROPS: ContextVar[list[tuple[Draft, str]] | None] = ContextVar("fold_drops", default=None)


@contextmanager
def recording_drops() -> Iterator[list[tuple[Draft, str]]]:
    """Within the block, every draft :func:`fold` drops is added to the list given, as (draft, rule's name)."""
    found: list[tuple[Draft, str]] = []
    token = _DROPS.set(found)
    try:
        yield found
    finally:
        _DROPS.reset(token)


def _restatement_rule(by_another_name: bool, same_voice: bool) -> str:
    """The name of the last fold rule's drop, by who told the fact again."""
    if same_voice:
        return "a fact told again in the same voice"
    if by_another_name:
        return "a fact told again by another named teller"
    return "a fact told again by or after the outlet"


def fold(
    drafts: list[Draft],
    materiel_spans: frozenset[tuple[int, int]] = frozenset(),
    follows: dict[tuple[int, int], tuple[int, int]] | None = None,
) -> list[Draft]:
    """Keep the first statement of each fact.

    * The same fact restated is one claim, whoever restates it, except where each named source's
      word counts on its own: strikes and losses reported by two sources, the parties'
      denials and admissions (Moscow's denial and Pyongyang's are two; "a charge both reject" is one,
      by the two together), and a shipment, technology transfer or payment that a second state, body or outlet
      tells after a first named teller, in a sentence naming it (:func:`independent_teller`). The
      outlet's voice, analysts and subheadings restate; they never add a source. A figure-less fact in a
      voice that names no one gives way to the first sentence naming who tells it (:func:`yields_to_teller`).
    * A figure-less claim is dropped when its sentence also gives the figure; when the same
      source gives the figure later (a lede summing up what follows, for kinds that report
      totals); and when it refers back ("the containers were loaded...") to a figure given
      earlier, or is a casualty or combat mention after the figure ("memos found on dead
      soldiers"). A new figure-less statement stands: another source's charge ("Washington accuses
      the North of supplying shells"), or a further fact ("soldiers are being flown in").
    * A figure-less shipment or use of weapons in general is dropped when its sentence names the
      things shipped or used ("not only ammunition but also ballistic missiles").
    * "Arms and materiel", "weapons and other materiel" (sentences in ``materiel_spans``): one claim of
      weapons in general, not two; the broad equipment claim folds into the weapons claim of its sentence.
    * A figure-less claim in a reading voice (the outlet, analysts) folds into a figure of the same
      fact given anywhere in the article, by whoever gives it, except strikes and losses.
    * A figure-less claim of weapons in general folds into a named thing of the same kind: one
      stated before it when it refers back or is in a reading voice ("CBS reported on the arms
      transfer"), one stated anywhere when its sentence says what a report covers.
    * What Russia's transfer is given for, figure-less, is dropped when it is told as known: pointed back ("in
      return for its troops", "for the deployment of") or one of alternatives ("for troops or weapons"). Told as
      news ("oil in exchange for weapons") it is a claim (convention 21k); help that names no thing ("in return
      for military assistance") is not. Russia's side ("munitions in exchange for technologies") is the news and stands.
    * A denial naming no thing ("fake news") after a denial by the same party is that denial again.
    * Equipment in general named with the things it includes ("weapons systems, including the Pantsir"), figure-less,
      is their heading, not a claim of its own (convention 22k).
    * A vague amount ("thousands of") after a figure of the same fact that covers it restates it.
    * Losses named as the cause of what a sentence tells ("withdrew due to heavy losses"), figure-less, are the
      losses the article counts elsewhere, before or after (convention 22i).
    * A ceiling that is the top of a range of the same fact is that range told short (:func:`range_top_restated`).
    * The same figure of the same fact from two voices of one state is one claim.
    * A report's figure-less summary, the figure of the next sentence after it: :func:`detailed_next`.
    * The same figure of a strike or a loss told again by a voice that names no one ("reports have emerged
      that 500 were killed", then "sources reported 500 killed") is one claim.
    """
    specific_spans = {
        (d.kind, d.span)
        for d in drafts
        if d.kind in _GENERIC_KINDS and d.item not in _GENERIC_ITEMS | _BROAD_ITEMS and d.direction == "NK->RU"
    }
    generic_spans = {(d.kind, d.direction, d.span) for d in drafts if d.item in _GENERIC_ITEMS}
    first_figure: dict[tuple[Any, ...], int] = {}
    figured_spans: set[tuple[Any, ...]] = set()
    later_by_source: dict[tuple[Any, ...], int] = {}
    for i, d in enumerate(drafts):
        if d.quantity is not None:
            first_figure.setdefault(d.family(), i)
            figured_spans.add((d.family(), d.span))
            later_by_source[(d.family(), d.source)] = i
    kept: list[Draft] = []
    # The figures kept, by fact and count, and by fact and the state whose voice gave them (in order of
    # quantity): a draft is compared with the few that can match it, not with every figure kept before it,
    # which took 13 s on a page of 4,800 figures.
    kept_counts: dict[tuple[Any, ...], list[Draft]] = {}
    kept_by_state: dict[tuple[Any, ...], _FiguresByQuantity] = {}
    seen: dict[tuple[Any, ...], set[str]] = {}
    drops = _DROPS.get()
    for i, d in enumerate(drafts):
        fam = d.family()
        if d.given:
            if drops is not None:
                drops.append((d, "given for: what Russia's transfer pays for"))
            continue  # "oil, in exchange for weapons": the weapons are what the oil pays for, not news
        if d.blanket and any(k.kind == "denial" and k.source == d.source for k in kept):
            if drops is not None:
                drops.append((d, "blanket denial: the party's denial again"))
            continue  # "fake news", after the same party denied the troops: that denial again
        if vaguely_restated(d, drafts):
            if drops is not None:
                drops.append((d, "vague amount beside a covering figure"))
            continue  # "thousands of workers" beside "5,000 workers": the vague amount says it again
        if range_top_restated(d, drafts):
            if drops is not None:
                drops.append((d, "a ceiling that tops a range"))
            continue  # "up to $5.5bn" beside "between $1.7 billion and $5.5 billion": that range, told short
        if headline_short_of(d, i, drafts):
            if drops is not None:
                drops.append((d, "headline figure the body gives with a bound"))
            continue  # a heading's "ships 13,000 containers" above the body's "has sent over 13,000 containers"
        if (
            d.quantity is None
            and d.kind == "casualties"
            and d.pointed
            and d.source in _READERS
            and any(k is not d and k.family() == fam and k.source not in _READERS for k in drafts)
        ):
            if drops is not None:
                drops.append((d, "a reader's dead a named source reports"))
            continue  # "he honoured the deceased soldiers": the dead that a named source reports in the article
        if d.as_cause and d.quantity is None and any(k.kind == "casualties" and k.quantity is not None for k in drafts):
            if drops is not None:
                drops.append((d, "losses named as a cause, counted elsewhere"))
            continue  # "their attacks slowed due to heavy losses", in an article that counts the losses: those losses
        if rounded_restatement(d, drafts):
            if drops is not None:
                drops.append((d, "a figure rounded from the same voice's"))
            continue  # "over six thousand containers" beside the same minister's 6,700: that figure, rounded
        if follows and detailed_next(d, drafts, follows):
            if drops is not None:
                drops.append((d, "a report's summary, detailed next sentence"))
            continue  # the lede's figure-less summary of the figure its next sentence gives
        if (
            d.quantity is not None
            and d.kind in _EVENT_KINDS
            and any(
                k.quantity == d.quantity
                and (k.since, k.as_of) == (d.since, d.as_of)  # two strikes on two days may count alike
                and (d.source in NAMELESS_VOICES or k.source in NAMELESS_VOICES)
                for k in kept_counts.get((fam, d.quantity), ())
            )
        ):
            if drops is not None:
                drops.append((d, "an event count retold by a nameless voice"))
            continue  # the same count of the dead or of the strikes, retold in a voice that names no one
        if (
            d.quantity is not None
            and d.source in _READERS
            and d.kind not in _EVENT_KINDS
            and any(k.source not in _READERS for k in kept_counts.get((fam, d.quantity), ()))
        ):
            if drops is not None:
                drops.append((d, "a reader's figure a named source gave"))
            continue  # "These would hold about 3 million shells" after a minister's "more than 3 million": told again
        if (
            d.quantity is not None
            and d.summary
            and d.source in _READERS
            and d.kind not in _EVENT_KINDS
            and any(
                k.quantity == d.quantity and k.family() == fam and k.source not in _READERS for k in drafts[i + 1 :]
            )
        ):
            if drops is not None:
                drops.append((d, "a headline figure a named source gives later"))
            continue  # the headline's "13,000 containers", then the agency that counted them: the agency's claim
        state = government_of(d.source) if d.quantity is not None else None
        if state is not None and (fam, state) in kept_by_state and kept_by_state[fam, state].has_same_figure(d):
            if drops is not None:
                drops.append((d, "one state's voices, one figure"))
            continue  # a Ukrainian official's 1.5 million shells, then the intelligence chief's: one claim
        if d.includes and any(
            k.span == d.span
            and (k.kind, k.direction) == (d.kind, d.direction)
            and k.item not in _GENERIC_ITEMS | _BROAD_ITEMS
            for k in drafts
        ):
            if drops is not None:
                drops.append((d, "a class named with the things it includes"))
            continue  # "weapons systems, including the Pantsir": the Pantsir is the claim, the class its heading
        if d.quantity is None and d.item in _GENERIC_ITEMS and (d.kind, d.span) in specific_spans and not d.joined:
            if drops is not None:
                drops.append((d, "weapons in general beside named things"))
            continue  # "arms packages, including artillery shells": the named things are the claim
        if (
            d.quantity is None
            and d.item in _GENERIC_ITEMS
            and d.kind in _GENERIC_KINDS
            and not d.hedged  # "fears of a deal in which the North supplies munitions": a claim of its own
            and (d.definite or d.source in _READERS or d.overview)
            and any(
                (
                    (k.kind, k.direction) == (d.kind, d.direction)
                    # "the transfer of these weapons adds to the suffering" after the statement condemned the
                    # missiles: the condemned thing pointed back to, not a shipment reported (convention 11)
                    or d.pointed
                    and d.kind == "shipment"
                    and (k.kind, k.direction) == ("condemnation", d.direction)
                )
                and k.span != d.span
                for k in (drafts if d.overview else kept)
                if k.item not in _GENERIC_ITEMS | _BROAD_ITEMS
            )
        ):
            # "CBS reported on the arms transfer" after "the North has sent artillery", the outlet's "the
            # quality of the North's ammunition is much discussed" after its shells were: the same fact again
            if drops is not None:
                drops.append((d, "weapons in general after a named thing"))
            continue
        if (
            d.quantity is None
            and d.kind == "personnel_dispatch"
            and d.item in _GENERIC_PEOPLE
            and d.definite
            and any(k.kind == d.kind and k.direction == d.direction and k.item not in _GENERIC_PEOPLE for k in kept)
        ):
            if drops is not None:
                drops.append((d, "workers after the people named"))
            continue  # "the workers would help rebuild Kursk" after the builders and sappers sent there: them again
        if (
            d.quantity is None
            and d.item in _BROAD_ITEMS
            and d.span in materiel_spans
            and (d.kind, d.direction, d.span) in generic_spans
        ):
            if drops is not None:
                drops.append((d, "weapons and other materiel"))
            continue  # "weapons and other materiel": one claim of weapons in general
        if (
            d.quantity is None
            and d.source in _READERS
            and d.kind not in _EVENT_KINDS
            and fam in first_figure
            and not told_before_named_count(d, i, drafts)
            and not another_launch(d, drafts[first_figure[fam]])
            and not d.north_sends
        ):
            if drops is not None:
                drops.append((d, "a reader's figure-less word, figure elsewhere"))
            continue  # the outlet's figure-less summary of a figure the article gives elsewhere (not the North told
            # sending in a clause of its own: "North Korea has sent Russia large quantities of shells" is the outlet's
            # report of the act, convention 1's outlet-told fact, beside whoever counts it)
        if d.quantity is None and not d.additional:
            if (fam, d.span) in figured_spans:
                if drops is not None:
                    drops.append((d, "figure-less, its sentence gives the figure"))
                continue
            later = later_by_source.get((fam, d.source), -1)
            if d.kind not in _EVENT_KINDS and later > i and not another_launch(d, drafts[later]):
                if drops is not None:
                    drops.append((d, "figure-less, same source's figure later"))
                continue
            if d.kind not in _EVENT_KINDS and d.pointed and fam in first_figure:
                if drops is not None:
                    drops.append((d, "figure-less pointing back to a count"))
                continue  # "sending the troops was his idea": "the troops" are the ones counted in the article
            figure_at = first_figure.get(fam, len(drafts))
            if (
                (d.definite or d.kind in _EVENT_KINDS)
                and figure_at < i
                and not another_launch(d, drafts[figure_at])
                and not (
                    d.kind in _EVENT_KINDS
                    and _named(d.source)
                    and _named(drafts[figure_at].source)
                    and cues.GOVERNMENT_OF.get(d.source, d.source)
                    != cues.GOVERNMENT_OF.get(drafts[figure_at].source, drafts[figure_at].source)
                )
            ):
                if drops is not None:
                    drops.append((d, "figure-less definite after the figure"))
                continue  # ... unless another named source reports the strike or the losses itself
        party_word = d.kind in ("denial", "confirmation")
        key = d.key()[:-1]  # the last field is the source
        said_by = seen.get(key)
        told_by_name = False  # a fact of another kind, told by a source that names someone
        # Each named source's word counts apart for what happened on the ground (strikes, losses)
        # and for the parties' denials and admissions; other facts fold into their first statement.
        # A party's bodies (its leader, foreign ministry, general staff, news agency) are one voice here: one
        # statement is often told twice, as the leader's words and as the agency's report of them. A headline
        # restates, except a party's own word: "Kremlin denies ..." above the article is the denial the body tells.
        if (d.summary and not party_word) or d.source in _READERS:
            voice = "outlet"
        elif party_word or d.kind in _EVENT_KINDS or d.quantity is not None:
            voice = cues.GOVERNMENT_OF.get(d.source, d.source)
        elif d.kind == "condemnation":
            # Each government condemns in its own name: one claim per named source, a state's agencies
            # and officials counting as one voice.
            voice = government_of(d.source) or d.source
        elif d.source in NAMELESS_VOICES:
            voice = "outlet"
        else:
            voice = government_of(d.source) or cues.GOVERNMENT_OF.get(d.source, d.source)
            told_by_name = True
        restated = told_by_name and said_by is not None
        if restated and said_by is not None and d.kind in _TRANSFER_KINDS and independent_teller(d):
            # Other facts fold into their first telling, except where the sentence itself names a teller
            # (convention 1, 15a).
            at = next(j for j, k in enumerate(kept) if k.key()[:-1] == key)
            # (a party's word, the giver's own, stands beside a named teller but takes no summary's place: the
            # outlet's "Russia has given the North ..." and the Kremlin's saying so are one claim, the outlet's)
            if said_by == {"outlet"} and yields_to_teller(kept[at]) and d.source not in cues.PARTIES:
                # "North Korea is shipping arms to Russia." then "The White House said the North delivered
                # arms": the attributed sentence keeps the claim, in the summary's place.
                if d.since is None:
                    d.since = kept[at].since
                if drops is not None:
                    drops.append((kept[at], "a nameless summary yields to a named teller"))
                kept[at] = d
                said_by.clear()
                said_by.add(voice)
                continue
            if "outlet" not in said_by and voice not in said_by:
                said_by.add(voice)  # RUSI's shipment, then Washington's charge of it: two claims
                kept.append(d)
                continue
        # The outlet's mention of a strike or a loss does not silence a named source reporting it after.
        outlet_first = "outlet" in said_by and d.kind not in _EVENT_KINDS if said_by is not None else False
        if said_by is not None and (
            restated or voice in said_by or not party_word and (voice == "outlet" or outlet_first)
        ):
            first = next(k for k in kept if k.key()[:-1] == key)
            if first.since is None and d.since is not None and not d.told_earlier:
                first.since = d.since  # not the month of a repeat told "earlier this month": that dates the repeat
            if first.summary and first.source == "outlet" and not d.summary and d.source not in NAMELESS_VOICES:
                # "North Korea 'supplies half of Russia's shells'" over "Half of the shells ... are supplied by the
                # North, according to western intelligence": the headline credits no one, the lede that tells the
                # same fact names who says it (convention 22u)
                first.source = d.source
            if drops is not None:
                drops.append((d, _restatement_rule(restated, voice in said_by)))
            continue
        seen.setdefault(key, set()).add(voice)
        kept.append(d)
        if d.quantity is not None:
            kept_counts.setdefault((fam, d.quantity), []).append(d)
            kept_by_state.setdefault((fam, government_of(d.source)), _FiguresByQuantity()).add(d)
    return kept


class _FiguresByQuantity:
    """Kept drafts of one fact and one state, in order of quantity, for :func:`same_government_figure`."""

    def __init__(self) -> None:
        self.quantities: list[Number] = []
        self.drafts: list[Draft] = []

    def add(self, d: Draft) -> None:
        assert d.quantity is not None
        at = bisect_right(self.quantities, d.quantity)
        self.quantities.insert(at, d.quantity)
        self.drafts.insert(at, d)

    def has_same_figure(self, d: Draft) -> bool:
        """Whether one of them is ``d``'s figure again. Two figures within 1% of the larger are within 2% of
        either, so only those are asked."""
        assert d.quantity is not None
        margin = 0.02 * abs(d.quantity)
        low = bisect_left(self.quantities, d.quantity - margin)
        high = bisect_right(self.quantities, d.quantity + margin)
        return any(same_government_figure(d, k) for k in self.drafts[low:high])
