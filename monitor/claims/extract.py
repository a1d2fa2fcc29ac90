"""Claims from an article: pure functions, text in, claims out.

The pipeline for one article:

1. :func:`monitor.claims.textclean.clean` blanks page residue and folds quotes; offsets are kept.
2. :func:`monitor.claims.document.read_document` cuts the text into sentences and files each
   lexicon hit under its sentence (one scan of the whole text).
3. Each sentence that mentions an item is read (:func:`read_sentence`): which kind of claim
   (:mod:`~monitor.claims.statements` for denials, condemnations and supply shares,
   :mod:`~monitor.claims.kinds` for the rest), the amount that qualifies each thing
   (:mod:`~monitor.claims.mentions`), who says so (:mod:`~monitor.claims.attribution`, with the
   :class:`~monitor.claims.discourse.Discourse` memory for pronouns and relayed briefings), when
   (``since`` / ``as_of``), and whether it is hedged (:mod:`~monitor.claims.drafts`).
4. Restatements of one fact are folded into the first statement of it.

Evidence spans index ``CleanText.source``: the input string itself for plain text, the text
extracted from the markup for HTML (see :mod:`monitor.claims.textclean`). The cue phrases are data
in :mod:`monitor.claims.cues`; the values in :mod:`monitor.claims.model`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from monitor.claims import CLAIM_FIELDS, EXTRACTOR_VERSION, cues
from monitor.claims import lexicon as lx
from monitor.claims.attribution import (
    LedeCredit,
    OfficialNamedAfter,
    joint_group_name,
    restatements_unnamed,
    second_teller,
    source_of,
)
from monitor.claims.cues import Cues
from monitor.claims.discourse import Discourse
from monitor.claims.document import Document, headline_span, read_document
from monitor.claims.drafts import draft, fold
from monitor.claims.kinds import (
    GENERIC_TECHNOLOGY,
    an_armys_own,
    assign_casualties,
    battle_after,
    counted_elsewhere,
    flows_to_north,
    launch_context,
    launch_count,
    launch_done,
    launch_failed,
    materiel_kind,
    other_sides_losses,
    people_kind,
    share_of_them,
    tech_domains,
    troops_near,
    unasserted,
    use_describes_contents,
    wounds_of_prisoners,
)
from monitor.claims.mentions import (
    attach_quantities,
    casualty_item,
    filter_mentions,
    given_by_russia,
    losses_as_cause,
    mentions_of,
    received_in_return,
)
from monitor.claims.model import Claim, Ctx, Draft, Mention, Sentence
from monitor.claims.statements import (
    aside_clauses,
    asked_items,
    both_parties_named,
    clause_end,
    condemnations,
    denials_in,
    past_denials,
    proof_withheld_by_party,
    reaction_condemnations,
    supply_share,
    within,
)
from monitor.claims.textclean import CleanText, clean
from monitor.claims.timerefs import (
    as_of_reading,
    days_after,
    earlier_this_month,
    event_month_end,
    listed_days,
    names_a_period,
    period_reading,
    points_back_in_time,
    resolve_since,
    since_month_end,
    statement_date,
    statement_period_end,
    strip_dateline,
)

__all__ = ["CLAIM_FIELDS", "EXTRACTOR_VERSION", "Claim", "extract_claims", "extract_from_clean", "headline_span"]


def read_article(doc: Document, memory: Discourse) -> list[Draft]:
    """The drafts of every sentence in order, each sentence's source found first (it updates the memory)."""
    drafts: list[Draft] = []
    prev: Sentence | None = None
    quotations = Quotations()
    lede = LedeCredit(doc)
    officials = OfficialNamedAfter(doc)
    told_before: list[Draft] = []  # the undated drafts of the last sentence that gave any
    for sent in doc.sentences:
        if credited_line_in_body(doc, sent):
            continue  # another story's headline: read as if it were not there
        text = doc.work[sent.start : sent.end]
        source = quotations.speaker(doc, sent, prev, source_of(doc, memory, sent))
        agency = cues.NEWS_AGENCY.get(cues.GOVERNMENT_OF.get(source, ""))
        if agency is not None and source != agency and any(m.value == agency for m in sent.sources):
            source = agency  # "Kim praised the soldiers, state media said": the party's word as its agency told it
        said_before = memory.statement_dates.get(source)
        if cues.LIST_ITEM.match(text) and memory.lead is not None:
            if source == "outlet":
                source = memory.lead[1]  # "Seoul says the North has sent: - 12,000 troops": Seoul's items
        else:
            # A lead-in ending in a colon governs the list items after it (their verb and speaker).
            memory.lead = (sent.index, source) if text.rstrip().endswith(":") else None
        # Sentences without an item word can still carry a claim ("several more", "the move",
        # "Russian assistance"); a cheap keyword test keeps the rest from being read at all.
        if (
            any(m.value != "_skip" for m in sent.items)
            or cues.read_trigger(doc.idx, sent.start, sent.end)
            or ((memory.counted or memory.context_items) and cues.FIGURE_TRIGGER.search(doc.work, sent.start, sent.end))
            or cues.SENT_ON_INTO_FIGHT.search(doc.work, sent.start, sent.end)  # "send them on assaults"
        ):
            found = read_sentence(doc, memory, sent, source, prev)
            second_teller(doc, sent, source, found)
            # a prisoner telling of his own capture (no count: "he was captured") counts no captive: his captors' count
            # of the prisoners is the claim ("two more from his unit were captured", a count, is his to tell)
            found = [d for d in found if not (d.source == _PRISONER and d.item == "captured" and d.quantity is None)]
            counted_in_period(doc, sent, found)
            done_earlier_this_month(doc, sent, found)
            capacity_since(doc, sent, found, drafts)
            uses_on_listed_days(doc, sent, found)
            if found and is_summary_line(doc, sent):
                for d in found:
                    d.summary = True
            if (
                any(d.quantity is None for d in found)  # only figure-less claims are read as an overview
                and any(map(doc.low[sent.start : sent.end].__contains__, cues.REPORT_NOUNS))
                and cues.REPORT_OVERVIEW.search(doc.work, sent.start, sent.end)
            ):
                for d in found:
                    d.overview = True
            if doc.traced:
                for d in found:
                    d.trace.setdefault("source", memory.attribution_step or "the outlet's own voice")
                    d.trace.setdefault("date", memory.date_step)
            drafts.extend(found)
            for d in found:
                memory.context_claims.append((sent.index, d.kind, d.item))
                if d.count is not None and d.kind in _COUNTED_KINDS:
                    memory.counted.append((sent.index, d.item, d.count))
        else:
            found = []
            if source != "outlet":
                # "The minister told lawmakers Tuesday that the report was probably correct." names no thing, but
                # the quotations after it ('"We assess ...," he said') were said that Tuesday
                said_on = statement_date(strip_dateline(text) if sent.index == 0 else text, doc.published)
                if said_on is not None:
                    memory.statement_dates[source] = said_on  # (not the article's first dated statement)
        if not found and memory.counted and source != "outlet":
            found = confirmed_count(doc, memory, sent, source, drafts)
            drafts.extend(found)
        said_here = memory.statement_dates.get(source)
        if said_here is not None and said_here != said_before and source != "outlet":
            # "X has agreed to ..., according to Admiral Paparo. Speaking at a forum on Saturday, Paparo said ...": the
            # day the next sentence gives its source's statement is the day of that source's undated claims just told
            for d in told_before:
                if d.source == source and d.as_of is None:
                    d.as_of = said_here.isoformat()
        if found:
            told_before = [d for d in found if d.as_of is None]
        quotations.read(text, source, found, doc.traced)
        lede.read(sent, source, found)
        officials.read(memory, sent, source, found)
        prev = sent
    lede.settle(drafts)
    restatements_unnamed(doc, memory.pointed_back, drafts)
    if memory.relay is not None:
        # The briefing a lawmaker relays may be named after the lawmaker's first figures ("..., MP Lee said. He spoke
        # after a closed briefing by the NIS."): every claim the article gives a lawmaker is the agency's
        for d in drafts:
            if d.source == "South Korea lawmaker":
                d.source = memory.relay
                if doc.traced:
                    d.trace["source"] = (
                        f"{d.trace.get('source', '')}; a lawmaker relaying the briefing named later ({memory.relay})"
                    )
    return drafts


# The teller the source table names a prisoner of war by (the lexicon's row for one captive telling what he saw).
_PRISONER = "captured North Korean soldier"

# What a party admits by confirming a count: the things and people moved.
_ADMITTED_KINDS = frozenset({"shipment", "troop_deployment", "personnel_dispatch"})


def confirmed_count(doc: Document, memory: Discourse, sent: Sentence, source: str, drafts: list[Draft]) -> list[Draft]:
    """Another voice confirming the last count of the sentences before without a figure of its own ("a Western
    official confirmed similar estimates", "Warsaw corroborated the count"). That is its own claim of the same thing
    (one claim per source), without a figure, as the contract's figure is a number the text gives (convention 17j).
    It holds when the count does, hedged as the count was: what is confirmed is that estimate."""
    low = doc.low[sent.start : sent.end]
    if not any(map(low.__contains__, cues.FIGURE_WORDS)):
        return []
    confirmed_at = cues.CONFIRMED_COUNT.search(doc.work, sent.start, sent.end)
    if confirmed_at is None or cues.CONFIRMATION_WITHHELD_BEFORE.search(
        doc.work, max(sent.start, confirmed_at.start() - 40), confirmed_at.start()
    ):
        return []
    last = memory.last_count(sent.index)
    if last is None:
        return []
    counted = [d for d in drafts if d.count is last[1] and d.source != source]
    party = source in cues.PARTIES
    found: list[Draft] = []
    for d in counted:
        if party and d.kind not in _ADMITTED_KINDS:
            continue  # Moscow "confirming the toll" is no admission the contract has a kind for
        # A claim of its own, not a restatement pointing back to the count, which the fold would drop; a party
        # confirming a count of what it sent or received admits the transfer.
        confirmed = replace(
            d,
            kind="confirmation" if party else d.kind,
            quantity=None,
            bound=None,
            quantity_high=None,
            source=source,
            definite=False,
            pointed=False,
        )
        confirmed.span, confirmed.count, confirmed.trace = (sent.start, sent.end), None, {}
        if doc.traced:
            confirmed.trace.update(
                rule="a count confirmed by another voice, without a figure of its own",
                source="the voice that confirms the count",
                date="since and as_of: the confirmed count's",
            )
        if confirmed.key() not in {f.key() for f in found}:
            found.append(confirmed)
    return found


class Quotations:
    """Who speaks in quotations that a sentence-by-sentence reading cannot attribute alone.

    * A quotation running over several sentences that names its speaker only after it closes ("...
      ammunition. This let Russia breathe," he said): its earlier sentences are the speaker's words too.
    * A paragraph that is one quotation and names no one, after a paragraph whose quotation ended with
      its speaker ('"...," Kirby said.' then '"We also understand ..."'): the same speaker going on.
    """

    def __init__(self) -> None:
        self.open: list[Draft] | None = None  # outlet-voiced drafts inside a quotation still open, else None
        self.last_speaker: str | None = None  # who spoke the quotation that ended the last sentence read
        self.going_on: str | None = None  # the speaker carried into this quotation paragraph

    def speaker(self, doc: Document, sent: Sentence, prev: Sentence | None, source: str) -> str:
        """The source of ``sent``, given the source found in the sentence alone."""
        if prev is None or "\n" in doc.work[prev.end : sent.start]:
            self.open = None  # a quotation left open at a paragraph's end names no speaker for it
            self.going_on = (
                self.last_speaker
                if self.last_speaker is not None
                and doc.work.startswith(('"', "\u201c"), sent.start)
                and cues.QUOTATION_PARAGRAPH.fullmatch(paragraph_of(doc, sent))
                else None
            )
        if source == "outlet" and self.going_on is not None:
            return self.going_on
        return source

    def read(self, text: str, source: str, found: list[Draft], traced: bool) -> None:
        """Follow the sentence's quotation marks once its drafts (``found``) are read."""
        if '"' not in text and "\u201c" not in text and "\u201d" not in text:
            self.last_speaker = None  # most sentences quote no one: nothing opens or closes
            if self.open is not None:
                self.open.extend(d for d in found if d.source == "outlet")
            return
        opens, closes = cues.quotation_marks(text)
        self.last_speaker = source if source != "outlet" and not opens else None
        if self.open is None:
            if opens:  # a quotation opened here and not closed in this sentence
                self.open = [d for d in found if d.source == "outlet"]
            return
        if not closes:
            self.open.extend(d for d in found if d.source == "outlet")
            return
        if source != "outlet":
            for d in self.open:
                d.source = source
                if traced:
                    d.trace["source"] = "inside a quotation whose speaker is named where it closes, sentences later"
        self.open = None


def paragraph_of(doc: Document, sent: Sentence) -> str:
    """The line (paragraph) that holds ``sent``, stripped."""
    start = doc.work.rfind("\n", 0, sent.start) + 1
    end = doc.work.find("\n", sent.end)
    return doc.work[start : end if end != -1 else len(doc.work)].strip()


def counted_in_period(doc: Document, sent: Sentence, drafts: list[Draft]) -> None:
    """A figure counted over a period the sentence names ("4 million shells in 2024", "3,000 more troops in
    January and February") runs from the period's first day: its ``since`` (docs/claims-conventions.md).
    Only figures that add up (not a share or a rate of output); a claim without a figure happened in the
    period rather than adding up over it."""
    counted = [
        d
        for d in drafts
        if d.quantity is not None
        and d.since is None
        and d.kind not in _RATE_KINDS
        and not (d.kind in _EVENT_KINDS and d.quantity == 1)
    ]
    if not counted:
        return
    text = doc.work[sent.start : sent.end]
    found = period_reading(strip_dateline(text) if sent.index == 0 else text, doc.published)
    if found is None:
        return
    start, at = found[0], None if found[1] is None else sent.start + found[1]
    for d in counted:
        # a period in another clause counts nothing of this figure ("sent 2,000 troops, following an incursion
        # last year"), as a time phrase there does not date it (drafts.as_of_in_clause)
        if (
            at is not None
            and d.count is not None
            and cues.DATE_CLAUSE_BREAK.search(doc.work, *sorted((d.count.end, at)))
        ):
            continue
        d.since = start.isoformat()


def done_earlier_this_month(doc: Document, sent: Sentence, drafts: list[Draft]) -> None:
    """A claim told as done or said "earlier this month" runs from that month's first day: its ``since``, for a
    figure-less claim and a statement too, as the corpus labels it; its ``as_of`` stays the statement's day or
    the publication date (docs/claims-conventions.md, 15g)."""
    undated = [d for d in drafts if d.since is None]
    if not undated:
        return
    first = earlier_this_month(doc.work[sent.start : sent.end], doc.published)
    if first is None:
        return
    for d in undated:
        if d.as_of is None or d.as_of >= first.isoformat():
            d.since, d.told_earlier = first.isoformat(), True
            if doc.traced:
                d.trace["date"] = "since: the first day of the month 'earlier this month' names"


def uses_on_listed_days(doc: Document, sent: Sentence, found: list[Draft]) -> None:
    """Weapons used on days the sentence lists ("fired at Kyiv on Dec. 30, Jan. 2 and Jan. 6") were used from the
    first of them to the last: its ``since`` and ``as_of`` (docs/claims-conventions.md)."""
    uses = [d for d in found if d.kind == "battlefield_use"]
    if not uses:
        return
    days = listed_days(doc.work[sent.start : sent.end], doc.published)
    if days is not None:
        for d in uses:
            d.since, d.as_of = days[0].isoformat(), days[1].isoformat()
            if doc.traced:
                d.trace["date"] = "since and as_of: the first and last of the days the sentence lists"


def capacity_since(doc: Document, sent: Sentence, found: list[Draft], earlier: list[Draft]) -> None:
    """Shells told as what the last-named containers could hold ("the containers might carry 3 million
    shells") are counted over the containers' period: they take its ``since`` (docs/claims-conventions.md)."""
    shells = [d for d in found if d.item == "artillery_shells" and d.quantity is not None and d.since is None]
    if not shells or not cues.CARGO_CAPACITY.search(doc.work, sent.start, sent.end):
        return
    containers = next((d for d in reversed(earlier + found) if d.item == "containers"), None)
    if containers is not None and containers.since is not None:
        for d in shells:
            d.since = containers.since


def reverse_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches that tell of a flow from Russia to the North: the reverse-flow cues, and the North
    as the subject of a verb of receiving ("Pyongyang could obtain missile know-how")."""
    spans = [m.span() for m in cues.G_REVERSE.finditer(doc.idx, start, end)]
    if doc.low.find(" with ", start, end) != -1:  # "Russia provided the North with ...": only where its "with" is
        spans += [m.span() for m in cues.G_RUSSIA_SUPPLIES_NORTH_WITH.finditer(doc.idx, start, end)]
    for verb in cues.G_NORTH_RECEIVES.finditer(doc.idx, start, end):
        north = cues.NORTH_BEFORE_VERB.search(doc.work, max(start, verb.start() - 80), verb.start())
        if north is not None:
            tail = cues.RECEIVED_TAIL.match(doc.work, verb.end(), end)
            spans.append((north.start(), tail.end() if tail else verb.end()))
    return spans + received_in_return(doc, start, end)


def reported_inside(doc: Document, sent: Sentence, source: str, mentions: list[Mention]) -> None:
    """ "Russia confirmed the North's role, with Seoul having long reported that it sent 10,000
    soldiers": the things named in a clause another source reports are that source's claims."""
    low = doc.low[sent.start : sent.end]
    if not any(map(low.__contains__, cues.EMBEDDED_REPORT_STEMS)) or not any(
        map(low.__contains__, cues.EMBEDDED_REPORT_OPENINGS)
    ):
        return
    for clause in cues.T_EMBEDDED_REPORT.finditer(doc.work, doc.folded, sent.start, sent.end):
        who = next((x.value for x in sent.sources if clause.start("who") <= x.start < clause.end("who")), None)
        group = cues.JOINT_GROUP_SOURCE.fullmatch(clause.group("who").strip()) if who is None else None
        if group is not None:
            who = joint_group_name(group)  # "with South Korean and Western intelligence agencies having said"
        elif who is None:
            # A source the lexicon does not know ("Western intelligence agencies"), by its own words.
            words = clause.group("who").split()
            who = " ".join(words[1:] if words[0].lower() == "the" else words) if words[-1][:1].isalpha() else None
            if who is not None and not who[:1].isupper():
                who = None
        if who is None or cues.GOVERNMENT_OF.get(who, who) == cues.GOVERNMENT_OF.get(source, source):
            continue  # the same voice, or another body of the same party ("..., with its state media reporting")
        end = clause_end(doc.work, clause.end(), sent.end, cues.CLAUSE_END)
        for m in mentions:
            if clause.end() <= m.start < end:
                m.voice = who


def told_by_writer(doc: Document, sent: Sentence, mentions: list[Mention]) -> None:
    """ "Having sent shells to Russia, North Korea now expects help in return": the party speaks (or expects) in the
    main clause; the things of the participle clause before it are the writer's, read as any fact."""
    opening = cues.FRONTED_PARTICIPLE.match(doc.work, sent.start, sent.end)
    if opening is None:
        return
    for m in mentions:
        if m.voice is None and opening.start() <= m.start < opening.end():
            m.voice = "outlet"


def credited_line_in_body(doc: Document, sent: Sentence) -> bool:
    """A headline inside the body, after the prose has begun: a line of its own closed by its credit after a dash
    ("Russia fired missiles received from the North - White House."), as pages print links to other stories and
    standfirsts. It tells another story or restates this one, so it yields no claim (the credit form is the
    headline's, convention 5c)."""
    tail = doc.work[max(sent.start, sent.end - 60) : sent.end]
    if sent.index == 0 or not ("- " in tail or "\u2013 " in tail or "\u2014 " in tail):
        return False  # (most sentences: no dash near their end)
    text = doc.work[sent.start : sent.end].strip()
    line_start = doc.work.rfind("\n", 0, sent.start) + 1
    line_end = doc.work.find("\n", sent.end)
    if doc.work[line_start : sent.start].strip() or doc.work[sent.end : line_end if line_end != -1 else None].strip():
        return False
    if cues.CREDIT_AT_LINE_END.search(text) is None:
        return False
    return any(doc.work[p.start : p.end].rstrip().endswith(".") for p in doc.sentences[: sent.index])


_QUOTE_OPENS = re.compile(r"(?:^|\s)[\"'\u201c\u2018]\w")


def is_summary_line(doc: Document, sent: Sentence) -> bool:
    """A subheading or caption: a line of its own that does not end like a sentence."""
    text = doc.work[sent.start : sent.end].rstrip()
    line_start = doc.work.rfind("\n", 0, sent.start) + 1
    line_end = doc.work.find("\n", sent.end)
    rest = doc.work[sent.end : line_end if line_end != -1 else len(doc.work)]
    return (
        len(text) <= cues.SUMMARY_LINE_MAX  # a long line without its stop is a paragraph cut off, not a heading
        # (a heading may end on a quotation it names, "North Korea 'ships half the shells'"; a sentence ends on its
        # stop, inside the quotation or out)
        and not text.rstrip("\"'\u201d\u2019").endswith((".", "!", "?", ","))
        and not (text.endswith(('"', "'", "\u201d", "\u2019")) and not _QUOTE_OPENS.search(text))
        and not doc.work[line_start : sent.start].strip()
        and not rest.strip()
    )


def nothing_without_sides(doc: Document, sent: Sentence, background: list[tuple[int, int]]) -> bool:
    """Whether :func:`read_sentence`, past its mentions, can yield no draft for a sentence that names neither
    North Korea nor Russia, after three sentences and a title that do not name the North either.

    Every thing it reads then is passed over for want of a side (materiel wants the North or Russia named, people
    and casualties the North, technology and payment either; a supply share and soldiers sent on into the
    fighting want them too), so the drafts left are those of statements and launches: a denial (also one told
    in a background clause, ``past_denials``), a condemnation (and the reactions read beside one) and a
    satellite launch. With no denial or condemnation cue in the sentence, no background clause and no launch,
    none of them is read; neither are the memory's condemners, which only a condemnation writes."""
    if background:
        return False
    s, e = sent.start, sent.end
    return (
        cues.G_DENIAL.search(doc.idx, s, e) is None
        and cues.G_CONDEMN.search(doc.idx, s, e) is None
        and not launch_context(doc, sent)
    )


def admitting_party(doc: Document, sent: Sentence) -> str | None:
    """The party whose admission the sentence names as a noun with its possessive ("Moscow's acknowledgement of ..."),
    in a sentence whose speaker is the outlet; None when there is none. ("An admission by Pyongyang that ..." never
    reaches here: the noun of saying names its speaker, attribution.passive_agent.)"""
    work = doc.work
    for noun in cues.ADMISSION_NOUN.finditer(work, sent.start, sent.end):
        for x in sent.sources:
            if x.value not in cues.PARTIES:
                continue
            if x.end <= noun.start() and cues.ADMISSION_OF_PARTY_BEFORE.fullmatch(work, x.end, noun.start()):
                return x.value
    return None


def read_sentence(doc: Document, memory: Discourse, sent: Sentence, source: str, prev: Sentence | None) -> list[Draft]:
    """The drafts of one sentence: its mentions and amounts, then statements (a refusal to
    comment, denials, condemnations) before the kinds of each thing named; records the things
    moved, the source's date and a question in the memory."""
    work = doc.work
    s, e = sent.start, sent.end
    text = work[s:e]
    if cues.CONDITIONAL.match(text):
        return []  # "If such a deployment were taking place..."
    if cues.QUESTION_END.search(text):
        # "How do you comment on reports that ...?" claims nothing, but an answer that denies
        # "these reports" without naming a thing denies what the question named.
        memory.asked = (sent.index, asked_items(doc, memory, sent, prev))
        return []
    mentions = mentions_of(doc, memory, sent, prev)
    attach_quantities(doc, memory, sent, mentions, prev)
    background, unsaid = aside_clauses(doc, sent)
    if unsaid and source in cues.PARTIES:
        # a party's own "there is no evidence that ..." is its denial of what follows (cues.DENIAL), not a search
        # told as finding nothing: what it names is read, as after "denied that ...". Only the lack of proof that
        # cues.DENIAL reads: "no confirmation that", "little evidence that", "nothing to suggest that" stay set
        # aside, else the party would be read as asserting what it said nothing shows.
        unsaid = [
            span
            for span in unsaid
            if not (
                cues.NO_EVIDENCE.match(work, span[0])
                and cues.DENIAL.match(work, span[0])
                and not proof_withheld_by_party(doc, sent, span[0])
            )
        ]
    # Read before the filter, which drops things named after "after Moscow ..." as presupposed.
    clause_things = [m for m in mentions if not m.consumed and within(m.start, background)] if background else []
    mentions = filter_mentions(doc, memory, sent, mentions)
    if background or unsaid:
        for m in mentions:
            if within(m.start, unsaid):
                # named but not reported ("shells fired at an island in 2020"): "those shells" later
                # refers to this, not to an older claim about shells
                memory.context_claims.append((sent.index, "", m.value))
        mentions = [m for m in mentions if not within(m.start, background) and not within(m.start, unsaid)]
    for m in mentions:
        if m.category in ("materiel", "troops", "personnel"):
            memory.context_items.append((sent.index, m.value))
    dated = strip_dateline(text) if sent.index == 0 else text
    prev_nk = any(x.has_nk for x in doc.sentences[max(0, sent.index - 3) : sent.index]) or doc.title_nk
    if not (sent.has_nk or sent.has_ru or prev_nk) and nothing_without_sides(doc, sent, background):
        # The rest of the reading cannot yield a draft here (nothing_without_sides says why), and of the memory
        # it would only have written the statement's date: that is written as it would be. (``date_step`` is
        # read only for the drafts of the sentence that set it, so it is left alone.)
        said_on = statement_date(dated, doc.published)
        if said_on is not None:
            memory.remember_statement(source, said_on)
        return []
    hedged = bool(cues.G_HEDGE.search(doc.idx, s, e))
    anchor = min((m.start for m in mentions), default=s) - s
    since_d = resolve_since(dated, doc.published)
    as_of_d, as_of_at = as_of_reading(dated, doc.published, anchor=anchor) or (None, None)
    said_on = statement_date(dated, doc.published)
    # The date a claim outside the clause of the sentence's time phrase takes (drafts.as_of_in_clause): the
    # statement's day, this source's last one, the article's first one, else (None) the publication date.
    unquoted = memory.first_statement_date is None or cues.PRESENT_SAYING.search(text)
    as_of_else = said_on or memory.statement_dates.get(source) or (None if unquoted else memory.first_statement_date)
    memory.date_step = "as_of from the sentence's own time expression" if as_of_d else "no date in the sentence"
    told_before = memory.told_time
    memory.told_time = (
        (sent.index, told)
        if (
            told := event_month_end(dated, doc.published) or as_of_d or said_on or since_month_end(dated, doc.published)
        )
        else None
    )
    if (
        as_of_d is None
        and said_on is None
        and told_before is not None
        and told_before[0] == sent.index - 1
        and points_back_in_time(dated)
    ):
        # "... since Kim's visit to Russia in September. During that visit, Putin promised ...": the time the sentence
        # before told
        memory.date_step = "as_of: the time the sentence before told, which the opening points back to"
        as_of_d = told_before[1]
    if said_on is not None and as_of_d is not None and as_of_at is not None and as_of_d < said_on:
        if names_a_period(dated, as_of_at):
            # "Kirby said in May that Russia shipped 165,000 barrels in March alone": the day (here the month) the
            # claim was stated comes before the period it names, as a weekday's statement already did; the period
            # still starts what the figure counts (counted_in_period)
            memory.date_step = "as_of: the statement's time, before the period the claim names"
            as_of_d, as_of_at = said_on, None
    if as_of_d is None and said_on is not None:
        as_of_d = said_on  # "Last month, Moscow announced that ...": the statement's time, named before its verb
    if as_of_d is None and said_on is None and (said_within := statement_period_end(dated, doc.published)):
        memory.date_step = "as_of: the end of the period the statement was made in"
        as_of_d = said_within  # "Blinken said last week that ...": its sentence's claims only (not remembered)
    if said_on is not None:
        memory.remember_statement(source, said_on)
    elif as_of_d is None and source in memory.statement_dates:
        memory.date_step = "as_of: the day this source was last quoted"
        # A source's later sentences speak on the day it was quoted ("..., he said").
        as_of_d = memory.statement_dates[source]
    elif as_of_d is None and memory.first_statement_date is not None and not cues.PRESENT_SAYING.search(text):
        # What the article tells around its news ("The reports came after ...", "Pyongyang has been
        # shaping up as ...") holds as of its first dated statement, not the day it was printed.
        memory.date_step = "as_of: the day of the article's first dated statement"
        as_of_d = memory.first_statement_date
    ctx = Ctx(
        source=source,
        hedged=hedged,
        since=since_d.isoformat() if since_d else None,
        as_of=as_of_d.isoformat() if as_of_d else None,
        span=(s, e),
        as_of_at=(s + as_of_at[0], s + as_of_at[1]) if as_of_d and as_of_at else None,
        as_of_else=as_of_else.isoformat() if as_of_else else None,
        days_before=(s + before[0], before[1]) if (before := days_after(text)) else None,
    )
    prior = past_denials(doc, sent, source, clause_things, background, ctx) if background else []
    prev_ru = (prev.has_ru or prev.has_war) if prev else False
    other_supplier = not sent.has_nk and bool(
        any(
            not cues.CREDIT_BEFORE.search(work, max(s, x.start() - 200), x.start())
            for x in cues.G_OTHER_SUPPLIER.finditer(doc.idx, s, e)
        )
        or cues.G_OTHER_FLOW.search(doc.idx, s, e)
    )

    refusal = cues.G_NON_DENIAL.search(doc.idx, s, e)
    if refusal and (
        source in cues.PARTIES
        or any(
            x.value in cues.PARTIES and x.end <= refusal.start() and refusal.start() - x.end <= 40 for x in sent.sources
        )
    ):
        return prior  # "Peskov declined to comment on reports of troops": a party that says nothing
    denials = denials_in(doc, memory, sent, source, mentions, ctx, skip=background + unsaid)
    if denials is not None:
        tail = cues.DENIAL_TAIL.search(work, s, e) if source not in cues.PARTIES else None
        conceded = cues.FRONTED_CONCESSION.match(work, s, e) if source not in cues.PARTIES and tail is None else None
        if conceded is not None and cues.G_DENIAL.search(doc.idx, s, conceded.end()) is None:
            conceded = None
        if tail is None and conceded is None:
            return denials + prior
        # "Kyiv says the North sent missiles, which Pyongyang denies", "Although Moscow denies it, the North
        # sent missiles, Kyiv says": the main clause is the speaker's own claim, read as any other; the
        # clause of denial adds the parties' denials.
        prior = prior + [d for d in denials if d.kind == "denial"]
        if tail is not None:
            mentions = [m for m in mentions if m.start < tail.start()]
        elif conceded is not None:
            mentions = [m for m in mentions if m.start >= conceded.end()]
    condemned = condemnations(doc, memory, sent, mentions, ctx)
    if condemned is not None:
        return condemned + prior
    beside, reactions = cues.condemnation_asides(work, s, e) if cues.G_CONDEMN.search(doc.idx, s, e) else ([], [])
    if beside or reactions:
        # "Despite new sanctions on its arms trade, ...": what a condemnation told beside the fact names is no fact
        mentions = [m for m in mentions if not within(m.start, beside + reactions)]

    out: list[Draft] = supply_share(doc, sent, mentions, ctx, sent.has_nk or prev_nk or sent.has_ru)
    # (an admission said not to have been made is none: "has not acknowledged", "neither Pyongyang nor Moscow has
    # confirmed", as a negated cue of any other kind)
    # ("would never forget the sacrifice of the North's soldiers" is no denial: forgetting negated is remembering)
    admits = any(
        not cues.NEGATED_BEFORE.search(work, max(s, c.start() - 30), c.start())
        or cues.FORGETTING.match(work, c.start())
        for c in cues.G_CONFIRM.finditer(doc.idx, s, e)
    ) and not cues.G_NON_DENIAL.search(doc.idx, s, e)
    # "Both governments have now admitted the deployment": an admission by the two parties together.
    both_admit = (
        admits
        and source not in cues.PARTIES
        and bool(cues.BOTH_PARTIES.search(work, s, e))
        and both_parties_named(doc, sent)
    )
    confirm = admits and (source in cues.PARTIES or both_admit)
    if admits and not confirm and source == "outlet":
        admitter = admitting_party(doc, sent)
        if admitter is not None:
            # "shortly after a rare admission by North Korea that it had sent troops": the outlet tells what the
            # party admitted, so the party speaks for it, and it is an admission, not the outlet's report
            source, confirm = admitter, True
            ctx = ctx.with_source(admitter)
    party_voice = source in cues.PARTIES and not confirm
    low = doc.low[s:e]
    history = (
        [
            (m.start(), clause_end(work, m.end(), e, cues.PAST_DENIAL_END))
            for m in cues.BACKGROUND_OPENING.finditer(work, s, e)
            # "The report comes two days after Gerasimov acknowledged the troops had fought": what the speaker
            # said is their claim, told as the news's occasion, not a fact presupposed
            if not (
                cues.OCCASION_BEFORE.search(work, max(s, m.start() - 40), m.start())
                and cues.SAYING_IN_CLAUSE.match(work, m.end(), e)
                or cues.SAID_BY_CLAUSE_SUBJECT.match(work, m.end(), e)
            )
        ]
        if "after " in low
        or "since " in low
        or "before " in low
        or "until " in low
        or "light of" in low
        or "view of" in low
        else []
    )
    if " where " in low:
        # "the Kursk region, a border area where Ukrainian forces staged an incursion": a place described by
        # the other side's acts; its verbs decide nothing outside it, unless the things it names are inside it
        for where in cues.WHERE_CLAUSE.finditer(work, s, e):
            span = (where.start(), clause_end(work, where.end(), e, cues.PAST_DENIAL_END))
            if not any(within(x.start, [span]) for x in mentions if x.category in ("materiel", "troops", "personnel")):
                history.append(span)
    sentence_cues = Cues(doc.idx, s, e, skip=unsaid + history)
    # "missiles fell in the area where North Korean troops were stationed": a place told by what happens in it;
    # the verbs of a where-clause decide nothing for the things outside it
    places = (
        [(w.start(), clause_end(work, w.end(), e, cues.PAST_DENIAL_END)) for w in cues.ANY_WHERE.finditer(work, s, e)]
        if " where " in low
        else []
    )
    outside_cues = Cues(doc.idx, s, e, skip=unsaid + history + places) if places else sentence_cues
    if memory.lead is not None and not (sentence_cues.transfer or sentence_cues.deploy or sentence_cues.battle):
        # a list item without a verb of its own reads with its lead-in's ("has sent Russia: - 9 million shells")
        lead = doc.sentences[memory.lead[0]]
        sentence_cues = outside_cues = Cues(doc.idx, lead.start, lead.end)
    casualty_marks = [m for m in mentions if m.category == "casualty"]
    if casualty_marks:
        others = other_sides_losses(doc, sent, casualty_marks)
        if others:
            mentions = [m for m in mentions if not any(m is x for x in others)]
            casualty_marks = [m for m in casualty_marks if not any(m is x for x in others)]
    # (with no casualty word there is nothing to pair: assign_casualties would pair and change nothing)
    victims = assign_casualties(doc, mentions, casualty_marks) if casualty_marks else {}
    nk_context = sent.has_nk or prev_nk
    ru_context = sent.has_ru or sent.has_war or prev_ru
    reverse_flows: list[tuple[int, int]] | None = None  # read at the first thing that needs them (most sentences none)
    tech_done = False
    reported_inside(doc, sent, source, mentions)
    if source in cues.PARTIES:
        told_by_writer(doc, sent, mentions)
    for m in mentions:
        cat = m.category
        if m.consumed:
            continue
        # A thing inside another speaker's reported clause is that speaker's claim, not the admission's.
        m_confirm = confirm and m.voice is None
        m_party = party_voice if m.voice is None else m.voice in cues.PARTIES
        if cat != "casualty" and (unasserted(doc, sent, m) or counted_elsewhere(doc, sent, m)):
            continue
        if m.quantity is not None and cues.IMAGES_OF_BEFORE.search(
            work, max(s, m.quantity.start - 40), m.quantity.start
        ):
            m.quantity, m.extra = None, []  # "the faces of 100 soldiers": pictures counted, not people sent
        if m.quantity is not None and cat == "troops" and cues.FATE_COUNTED_AFTER.match(work, m.end, e):
            m.quantity, m.extra = None, []  # "three soldiers went missing": the missing counted, not those sent
        if (
            m.quantity is not None
            and cat == "materiel"
            and m.value != "containers"
            and m.quantity.end <= m.start
            and cues.LOADS_COUNTED_AFTER.match(work, m.end, e)
        ):
            m.quantity, m.extra = None, []  # "ten arms shipments": the loads counted, not the arms
        if cat == "materiel":
            if other_supplier or not (nk_context or sent.has_ru) or an_armys_own(doc, sent, m):
                continue
            if reverse_flows is None:
                reverse_flows = reverse_spans(doc, s, e)
            if reverse_flows and m.value == "containers":
                # Containers sent to the North: a count is of containers, not of what they hold ("9,000
                # containers, most of them carrying food" is 9,000 containers and food without a figure).
                contents = [x.value for x in mentions if x.category == "compensation"]
                sent_north = "containers sent to the North"
                if m.quantity is not None:
                    out.append(
                        draft(doc, "compensation", "containers", "RU->NK", m.quantity, ctx, mention=m, rule=sent_north)
                    )
                out.extend(draft(doc, "compensation", c, "RU->NK", None, ctx, rule=sent_north) for c in contents)
                if m.quantity is None and not contents:
                    out.append(draft(doc, "compensation", "goods", "RU->NK", None, ctx, mention=m, rule=sent_north))
                for x in mentions:
                    if x.category == "compensation":
                        x.consumed = True
                continue
            m_cues = outside_cues if places and not within(m.start, places) else sentence_cues
            kind = materiel_kind(doc, memory, sent, m, m_cues, m_party)
            if kind is None:
                continue
            if kind == "shipment" and any(
                lo <= m.start < hi
                or 0 <= lo - m.end <= 12
                and not cues.DESTINATION_GAP.search(doc.work, m.end, lo)  # "shells to Russia; Russia sent oil"
                for lo, hi in reverse_flows
            ):
                # "the radar Moscow has handed to Pyongyang": it flows the other way, and is Russia's transfer when
                # Russia is told giving it ("provided North Korea with weapons systems", "gave Pyongyang drones")
                item = given_by_russia(doc, s, e, m)
                if item is not None:
                    out.append(
                        draft(
                            doc,
                            "technology_transfer",
                            item,
                            "RU->NK",
                            m.quantity,
                            ctx,
                            mention=m,
                            rule="a thing Russia provides the North with",
                        )
                    )
                continue
            if m_confirm and kind == "shipment":
                kind = "confirmation"
            for q in [m.quantity, *m.extra] if m.extra else [m.quantity]:
                out.append(
                    draft(
                        doc,
                        kind,
                        m.value,
                        None if kind == "production" else "NK->RU",
                        q,
                        ctx,
                        production=(kind == "production"),
                        mention=m,
                    )
                )
                if kind == "shipment" and m.quantity is None:
                    out[-1].north_sends = cues.NORTH_SENDS.search(work, s, e) is not None
            if (
                kind == "shipment"
                and sentence_cues.battle
                and battle_after(doc, sent, m, mentions)
                and not use_describes_contents(doc, memory, sent, m)
            ):
                used = draft(
                    doc,
                    "battlefield_use",
                    m.value,
                    "NK->RU",
                    share_of_them(doc, sent, m),
                    ctx,
                    rule="a battle verb after a shipped thing",
                )
                # "missiles and ammunition ... used them": weapons in general joined to a named thing are used as
                # they were sent, a claim of their own
                used.joined = out[-1].joined
                out.append(used)
        elif cat in ("troops", "personnel"):
            if m.consumed or other_supplier or not nk_context or an_armys_own(doc, sent, m):
                continue
            mark = victims.get(id(m))
            if (
                mark is not None
                and mark.end <= m.start
                and cues.MEMBERS_OF_BEFALLEN_BEFORE.search(work, max(s, mark.start - 40), mark.start)
            ):
                continue  # "one of the captured soldiers told his captors ...": a member of a group told of elsewhere
            if mark is not None and cues.CASUALTIES_UNTOLD_BEFORE.search(work, max(s, mark.start - 70), mark.start):
                mark = None  # "difficult to determine the casualties among the troops": losses left untold (23j)
            if mark is not None and wounds_of_prisoners(doc, sent, mark):
                continue  # "an interrogation with the two wounded soldiers": the prisoners' state (24g)
            if mark is not None:
                if (
                    (mark.quantity or m.quantity) is None
                    and not m.contextual
                    and cues.NUMBER_OF_BEFORE.search(work, max(s, m.start - 45), m.start)
                ):
                    continue  # "the estimate of the number of soldiers killed": a figure spoken of, not given
                if m_confirm and cat == "troops":
                    out.append(
                        draft(
                            doc,
                            "confirmation",
                            "troops",
                            "NK->RU",
                            None,
                            ctx,
                            rule="an admission beside soldiers harmed",
                        )
                    )
                lost = mark.quantity or m.quantity
                part_lost = mark.quantity is None and m.extra and m.end <= mark.start
                if part_lost:
                    # "1,000 of the 11,000 soldiers it sent were killed": the part counts the dead; the whole
                    # stays the group's own count, read below as any count of people is
                    lost = m.extra[0]
                as_cause = lost is None and losses_as_cause(doc, sent, mark)
                share_lost = (
                    not part_lost
                    and mark.quantity is None
                    and m.quantity is not None
                    and cues.FRACTION_OF_END.search(work, max(s, m.quantity.start - 40), m.quantity.start) is not None
                )
                if share_lost:
                    # "nearly half of the 11,000 soldiers were killed": a share of the group was lost, and a share of
                    # a count is not the count (convention 6); the whole stays the group's own count, read below
                    lost = None
                # ("killed and wounded": both harms, one claim of the pair, with a count or without, convention 23e)
                out.append(
                    draft(
                        doc,
                        "casualties",
                        casualty_item(mark.value),
                        None,
                        lost,
                        ctx,
                        mention=m,
                        rule="a casualty word paired with people",
                    )
                )
                out[-1].as_cause = as_cause
                fought = cues.G_FOUGHT_IN_THE_WAR.search(doc.idx, m.end, e) if cat == "troops" else None
                if fought is not None and not any(
                    m.end < x.start < fought.start() for x in mentions if x.category == "materiel"
                ):
                    # "... killed while fighting alongside Russian forces": they were in combat too.
                    out.append(
                        draft(doc, "battlefield_use", "troops", "NK->RU", None, ctx, rule="killed while fighting")
                    )
                if not (part_lost or share_lost):
                    continue
                m.extra = []
            m_cues = outside_cues if places and not within(m.start, places) else sentence_cues
            kind = people_kind(doc, memory, sent, m, m_cues, ru_context)
            if kind is None:
                if m_confirm and cat == "troops":
                    out.append(
                        draft(doc, "confirmation", "troops", "NK->RU", None, ctx, rule="an admission by a party")
                    )
                continue
            if (
                kind == "troop_deployment"
                and m.quantity is None
                and casualty_marks
                and cues.SENT_BY_AFTER.match(work, m.end, e)
            ):
                continue  # "killed several hundred soldiers sent by North Korea": who they are, not a report
            item = "troops" if cat == "troops" else m.value
            if confirm and kind in ("troop_deployment", "personnel_dispatch") and m.quantity is not None:
                # "Moscow confirmed their part, after Seoul reported 10,000 soldiers sent": an admission
                # names no number; the count is a deployment of its own
                out.append(
                    draft(
                        doc,
                        "confirmation",
                        "troops" if cat == "troops" else m.value,
                        "NK->RU",
                        None,
                        ctx,
                        rule="an admission by a party",
                    )
                )
            elif m_confirm and kind in ("troop_deployment", "personnel_dispatch"):
                kind = "confirmation"
            elif (
                m_party
                and kind == "troop_deployment"
                and cat == "troops"
                and m.quantity is None
                and cues.GOVERNMENT_OF.get(ctx.source if m.voice is None else m.voice) is not None
                and not cues.YET_TO_COME_BEFORE.search(work, s, m.start)
            ):
                # "North Korea announced that Kim had decided to send troops", "Russia's defence ministry showed North
                # Korean soldiers training in Russia": a party's word on the North's soldiers is its admission,
                # whatever its verb of saying (the parties assert no transfers, kinds.materiel_kind). What a party
                # says the North will send is a plan it announces, left as read.
                kind = "confirmation"
            elif m_confirm and cat == "troops":
                # "Moscow acknowledged that North Korean soldiers fought": an admission and a use.
                out.append(draft(doc, "confirmation", "troops", "NK->RU", None, ctx, rule="an admission by a party"))
            if (
                kind == "battlefield_use"
                and m.quantity is not None
                and not m_party
                and not cues.OUR_LINES_AFTER.match(work, m.end, e)
            ):
                # "Some 11,000 North Korean soldiers are fighting in Kursk": the figure counts
                # the soldiers there (a deployment); that they fight is a claim of its own.
                for q in [m.quantity, *m.extra]:
                    out.append(
                        draft(
                            doc,
                            "troop_deployment",
                            item,
                            "NK->RU",
                            q,
                            ctx,
                            mention=m,
                            rule="a count of soldiers said to fight",
                        )
                    )
                out.append(draft(doc, "battlefield_use", item, "NK->RU", None, ctx, rule="soldiers said to fight"))
                continue
            for q in [m.quantity, *m.extra]:
                out.append(draft(doc, kind, item, "NK->RU", q, ctx, mention=m))
            if (
                kind in ("troop_deployment", "confirmation")
                and cat == "troops"
                and sentence_cues.battle
                and ru_context
                and battle_after(doc, sent, m, mentions)
            ):
                out.append(
                    draft(
                        doc,
                        "battlefield_use",
                        "troops",
                        "NK->RU",
                        None,
                        ctx,
                        rule="a battle verb after deployed soldiers",
                    )
                )
        elif cat == "casualty":
            if m.consumed or not nk_context:
                continue
            if not any(x.category in ("troops", "personnel") for x in mentions) and cues.CIVILIANS_BEFORE.search(
                doc.work, max(s, (m.quantity.start if m.quantity else m.start) - 40), m.start
            ):
                continue  # "a dozen residents died": civilians are not soldiers' casualties
            if cues.MEMBERS_OF_BEFALLEN_BEFORE.search(work, max(s, m.start - 40), m.start):
                continue  # "two of those wounded North Koreans asked to stay": members of a group told of elsewhere
            if cues.CASUALTIES_UNTOLD_BEFORE.search(work, max(s, m.start - 70), m.start):
                continue  # "he did not detail casualties": losses left untold (23j)
            if wounds_of_prisoners(doc, sent, m):
                continue  # "a soldier captured in December died from his injuries": the prisoner's state (24g)
            if m.quantity is not None or troops_near(doc, sent, m, mentions):
                as_cause = m.quantity is None and losses_as_cause(doc, sent, m)
                out.append(
                    draft(
                        doc,
                        "casualties",
                        casualty_item(m.value),
                        None,
                        m.quantity,
                        ctx,
                        mention=m,
                        rule="a casualty word",
                    )
                )
                out[-1].as_cause = as_cause
        elif cat in ("technology", "tech"):
            items = [m.value] if cat == "technology" else tech_domains(doc, sent)
            if items == [GENERIC_TECHNOLOGY] and (
                not cues.TECHNOLOGY_WORD.search(work, s, e)
                or not sent.has_ru
                and not cues.IN_RETURN.search(work, s, e)
                and not cues.G_NORTH_RECEIVES.search(doc.idx, s, e)
            ):
                # "North Korea now has Russia's help": help naming neither a domain nor technology; "a
                # launcher with new technology": technology that no one gives or is given is the North's own
                continue
            # jets helped, upgraded or repaired, or technology for them, are the know-how; jets named beside another
            # technology ("submarine technology and fighter jets") are jets
            if m.value == "fighter_jets" and re.search(
                r"\b(?:assist\w*|help\w*|improv\w*|upgrad\w*|moderni[sz]\w*|repair\w*"
                r"|(?:technolog\w*|technical|know-how)\s+(?:[\w'-]+\s+){0,2}?(?:for|on|to\s+(?:build|make|produce)))\b",
                text,
                re.I,
            ):
                items = ["aircraft_technology"]
            elif (
                m.value == "aircraft_technology"
                and cues.BARE_AIRCRAFT.fullmatch(work, m.start, m.end)
                and (
                    any(x.value == "fighter_jets" for before in doc.sentences[: sent.index] for x in before.items)
                    or any(lx.group_value(x, lx.ITEM_VALUES) == "fighter_jets" for x in lx.ITEMS.finditer(doc.heading))
                )
            ):
                # "the transfer of an unspecified number of aircraft" after the MiG-29s were named (in the headline
                # too): the jets again (blind10 and dev13 label them so), not help for the North's aircraft
                items = ["fighter_jets"]
            if not (sent.has_ru or sent.has_nk or prev_nk):
                continue
            if not sent.has_nk and cues.THIRD_STATE_RECIPIENT.search(work, s, e):
                continue  # "in which Moscow has been sharing nuclear know-how with Tehran": another state's help
            if not sent.has_nk and (
                cues.RUSSIAN_USER_AFTER.match(work, m.end, e)
                or cues.TO_RUSSIA_AFTER.match(work, m.end, e)
                or cues.RUSSIA_GIVEN_BEFORE.search(work, max(s, m.start - 120), m.start)
            ):
                # "curbs on chips used by the Russian defence industry", "firms in China supplying technologies
                # and electronics to Russia", "firms that supplied Russia with navigation technology": it goes to
                # Russia, not the North
                continue
            if not (
                any(not within(r.start(), unsaid) for r in cues.G_RETURN.finditer(doc.idx, s, e))
                or m.value in ("tech",)
                and cues.G_RU_HELP.search(doc.idx, s, e)
                # "the North has deployed the Russian-made Pantsir air defence system": the North has what Russia made
                or sent.has_nk
                and cat == "technology"
                and (
                    cues.RUSSIAN_MADE_BEFORE.search(work, max(s, m.start - 60), m.start)
                    or cues.RUSSIAN_MADE_AFTER.match(work, m.end, e)
                )
                and not cues.NORTH_SOLDIERS_AT_WAR.search(work, s, e)
            ):
                continue
            if cat == "technology" and cues.MADE_THERE_BEFORE.search(work, max(s, m.start - 120), m.start):
                continue  # "engineers sent to plants that build tanks": what the plant makes, not help given
            if cat == "technology" and (
                cues.NORTH_GIVES_RUSSIA_BEFORE.search(work, max(s, m.start - 200), m.start)
                # ("surface-to-air missiles supplied by the North", "air defence systems from North Korea")
                or cues.ORIGIN_AFTER.match(work, m.end, e)
                or cues.TO_RUSSIA_AFTER.match(work, m.end, e)
                and cues.NORTH_GIVES_BEFORE.search(work, max(s, m.start - 200), m.start)
            ):
                out.append(
                    draft(
                        doc,
                        "shipment",
                        m.value,
                        "NK->RU",
                        m.quantity,
                        ctx,
                        mention=m,
                        rule="a technology the North supplies",
                    )
                )
                continue
            help_rule = "help for the North"
            for item in items:
                tech_done = tech_done or item in ("satellite_technology", "space_technology")
                out.append(
                    draft(doc, "technology_transfer", item, "RU->NK", m.quantity, ctx, mention=m, rule=help_rule)
                )
        elif cat == "compensation":
            if (
                m.value == "cash"
                and not m.contextual
                and re.match(r"pay", work[m.start : m.end], re.I)
                and any(x.category == "compensation" and x.value != "cash" for x in mentions)
            ):
                continue  # "the oil is part of Moscow's payment": the oil is the compensation
            if not (sent.has_ru or sent.has_nk or prev_nk) or not cues.G_RETURN.search(doc.idx, s, e):
                continue
            if not flows_to_north(doc, sent) and not (
                # "Russia shipped oil to the North for arms. The oil supplies could amount to 125,000 barrels.": a
                # counted payment that names neither side goes on with the flow told just before
                m.quantity is not None
                and not sent.has_nk
                and not cues.OTHER_SUPPLIER.search(work, s, e)
                and any(
                    index >= sent.index - 2 and kind == "compensation" and item == m.value
                    for index, kind, item in memory.context_claims
                )
            ):
                continue
            if cues.DISASTER_RELIEF.search(work, s, e) and not cues.IN_RETURN.search(work, s, e):
                continue  # "aid to the North after the floods": relief, not payment for arms
            out.append(
                draft(
                    doc,
                    "compensation",
                    m.value,
                    "RU->NK",
                    m.quantity,
                    ctx,
                    mention=m,
                    rule="payment flowing to the North",
                )
            )
    # Satellite launches, named or ("the third launch") while satellites are the topic. Next to
    # help for the programme, only when the launch itself is reported ("twice ended in failure").
    if launch_context(doc, sent):
        helped = (
            tech_done
            or any(x.category in ("technology", "tech") for x in mentions)
            or cues.G_RU_HELP.search(doc.idx, s, e)
        )
        if not helped or cues.LAUNCH_OUTCOME.search(work, s, e):
            sat = next((x for x in mentions if x.category == "satellite" and x.quantity is not None), None)
            count = sat.quantity if sat is not None else launch_count(doc, sent)
            if count is None:
                count = launch_done(doc, sent)
            launch = draft(
                doc, "satellite_launch", "reconnaissance_satellite", None, count, ctx, rule="a satellite launch"
            )
            launch.failed = count is None and launch_failed(doc, sent)
            out.append(launch)
    if (
        nk_context
        and cues.SENT_ON_INTO_FIGHT.search(work, s, e)
        # the sent are soldiers, named here or just before ("them" may be missiles too)
        and any(
            x.category == "troops"
            for near in doc.sentences[max(0, sent.index - 2) : sent.index + 1]
            for x in near.items
        )
        and not any(d.kind in ("battlefield_use", "troop_deployment") and d.item == "troops" for d in out)
    ):
        # "The Russians send them on assaults": troops already there, used by the side they serve
        out.append(
            draft(doc, "battlefield_use", "troops", "NK->RU", None, ctx, rule="soldiers sent on into the fighting")
        )
    if (
        any(d.kind == "casualties" for d in out)
        and cues.SETTING_OF_LOSSES.search(work, s, e)
        and not cues.TROOPS_FIGHTING.search(work, s, e)
    ):
        # "6,000 soldiers were lost in the fighting in Kursk": the fighting is where the losses fell, not a use of
        # the troops told apart; soldiers said to fight ("fighting for Russia, they suffered ...") still are
        out = [d for d in out if not (d.kind == "battlefield_use" and d.item == "troops")]
    if (
        cues.GOVERNMENT_OF.get(source) == "North Korea government"
        and any(d.kind == "casualties" for d in out)
        and not any(d.kind == "confirmation" for d in out)
    ):
        # The North's own voice mourning its soldiers killed fighting abroad admits that they were sent.
        out.append(draft(doc, "confirmation", "troops", "NK->RU", None, ctx, rule="the North mourns its soldiers"))
    if any(d.kind == "production" and d.quantity is not None for d in out):
        # "plants at full capacity, which make weapons and shells for Russia": the share is the plants' (convention 10),
        # and the goods they list are that one output, not a figure-less output of each
        out = [d for d in out if not (d.kind == "production" and d.quantity is None)]
    if both_admit:
        # "Both governments acknowledged the deployment": one admission, made by the two together
        out = [replace(d, source=cues.JOINT_PARTIES) if d.kind == "confirmation" else d for d in out]
    if reactions:
        out += reaction_condemnations(doc, sent, reactions, out, ctx)
    return out + prior


_COUNTED_KINDS = frozenset({"shipment", "troop_deployment", "personnel_dispatch", "casualties"})
_RATE_KINDS = frozenset({"supply_share", "production"})  # a share or an output rate: no running total
# A launch happens on its day: "put a satellite into orbit in November" is dated by the month, and counts nothing over
# it (every real set labels a single launch without a ``since``; "three launches this year" still counts over the year)
_EVENT_KINDS = frozenset({"satellite_launch"})

# Internal item names that the contract spells otherwise. Drone know-how is `drones`, the thing the North sends,
# except where it flows from Russia: Russia's help with drones is `military_technology`, as the contract's list of
# what Russia gives has no drones (convention 17f).
_OUTPUT_ITEM = {"drone_technology": "drones"}
_OUTPUT_ITEM_FROM_RUSSIA = {"drone_technology": "military_technology"}


def extract_from_clean(
    doc: CleanText,
    published: dt.date,
    title: str | None = None,
    spans: list[tuple[int, int]] | None = None,
    idx: lx.WordIndex | None = None,
) -> list[Claim]:
    """Claims of an already-cleaned article; spans index ``doc.source``.

    ``spans`` are the sentence spans of ``doc.work``, and ``idx`` its word index
    (:class:`monitor.claims.lexicon.WordIndex`), when the caller already has them.
    """
    return [claim for claim, _ in read_claims(doc, published, title, spans, idx, traced=False)]


def group_named_in(document: Document, span: tuple[int, int]) -> str:
    """The name of the group of voices ("analysts" in the source table) a claim read in the sentence at ``span`` is
    told by: the words of the first such group the sentence names that a verb of saying follows ("Ukrainian experts
    say"), else of the first it names ("Experts believe ...", "according to experts"), else "analysts"
    (docs/claims-conventions.md 25n). Only claims so told reach here: a handful an article, most none."""
    sent = next((x for x in document.sentences if (x.start, x.end) == span), None)
    if sent is None:
        return "analysts"
    work = document.work
    first = None
    for m in sent.sources:
        if m.value != "analysts":
            continue
        nations = lx.NATIONS_BEFORE_GROUP.search(work, max(sent.start, m.start - 80), m.start)
        if name := lx.group_voice(work[nations.start() if nations else m.start : m.end]):
            # ("Russian experts toured Pyongyang, and Western analysts say ...": the group in another clause is no
            # teller)
            lead = cues.GROUP_VERB_LEAD.match(work, m.end, sent.end)
            if lead is not None and cues.ATTRIBUTION.match(work, lead.end()):
                return name
            first = first or name
    return first or "analysts"


def named_by(source: str, names: set[str]) -> bool:
    """Whether a sentence naming ``names`` names ``source``: itself, or a joint source by two of its states at least
    ("South Korea and the U.S. have accused ...": the joint teller is named in its own sentence, as one body is)."""
    if source in names:
        return True
    return " and " in source and sum(part in names for part in _JOINT_PARTS.split(source)) >= 2


_JOINT_PARTS = re.compile(r", | and ")


def read_claims(
    doc: CleanText,
    published: dt.date,
    title: str | None = None,
    spans: list[tuple[int, int]] | None = None,
    idx: lx.WordIndex | None = None,
    traced: bool = True,
) -> list[tuple[Claim, Draft]]:
    """:func:`extract_from_clean`, each claim with the draft it came from; with ``traced`` its
    ``trace`` says how it was read (``monitor diff --explain``)."""
    document = read_document(doc, published, title, spans, idx, traced)
    raw = read_article(document, Discourse.of(document))
    # Whether each claim's source is named in its own sentence, once every credit from another sentence (the
    # headline's, a pointing subject's, an official named after) is settled: the fold keeps such a teller's word.
    # (a joint source, "South Korea and United States", is named by its states: their short names are added)
    named_in = {
        (x.start, x.end): {m.value for m in x.sources}
        | {name for m in x.sources if (name := cues.JOINT_STATE_NAMES.get(m.value))}
        for x in document.sentences
    }
    for d in raw:
        d.item = (_OUTPUT_ITEM_FROM_RUSSIA if d.direction == "RU->NK" else _OUTPUT_ITEM).get(d.item, d.item)
        d.named_here = named_by(d.source, named_in.get(d.span, set()))
    # Many drafts share a sentence's span: each span is searched once.
    spans_read = {d.span for d in raw}
    materiel_spans = frozenset(span for span in spans_read if cues.WEAPONS_AND_MATERIEL.search(doc.source, *span))
    # Each sentence naming a report to the next one's span (whitespace between): the report's summary, then
    # the detail right after it.
    ordered = sorted(spans_read)
    follows = {
        a: b
        for a, b in zip(ordered, ordered[1:])
        if not doc.source[a[1] : b[0]].strip() and cues.REPORT_NAMED.search(doc.source, *a)
    }
    drafts = fold(raw, materiel_spans, follows)
    claims = []
    for i, d in enumerate(drafts, 1):
        s, e = d.span
        if d.source == "analysts":
            d.source = group_named_in(document, d.span)
        if d.as_of is None:
            # A claim with neither a statement date nor a period of its own holds as of the day the
            # article was published: that is when the article says it (docs/claims-conventions.md).
            d.as_of = document.published.isoformat()
            if traced:
                d.trace["date"] = "as_of: the publication date (no date or period of its own)"
        claims.append(
            Claim(
                id=f"c{i}",
                kind=d.kind,
                item=d.item,
                direction=d.direction,
                quantity=d.quantity,
                bound=d.bound,
                quantity_high=d.quantity_high,
                source=d.source,
                since=d.since,
                as_of=d.as_of,
                stance=d.stance,
                hedged=d.hedged,
                evidence=doc.source[s:e],
                span=(s, e),
            )
        )
    return list(zip(claims, drafts))


def extract_claims(text: str, published: dt.date, title: str | None = None) -> list[Claim]:
    """Claims of one article, in text order, ids "c1", "c2"...

    ``text`` is plain text (spans index it) or HTML (spans index the extracted text).
    ``published`` anchors "since August", "last month", "on Wednesday".
    """
    return extract_from_clean(clean(text), published, title)
