"""Claims that are statements about the transfers rather than the transfers: denials (by the parties,
blanket or of named things, past denials told as background), condemnations and sanctions, and the
share of Russia's supply; and the clauses that claim nothing (questions, things reported unsaid)."""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.attribution import first_conjoined, joint_states
from monitor.claims.discourse import Discourse
from monitor.claims.document import Document
from monitor.claims.drafts import NAMELESS_VOICES, draft
from monitor.claims.kinds import tech_domains
from monitor.claims.mentions import filter_mentions, given_by_russia, mentions_of
from monitor.claims.model import Ctx, Draft, Mention, Sentence
from monitor.claims.quantities import parse_fraction


def asked_items(doc: Document, memory: Discourse, sent: Sentence, prev: Sentence | None) -> list[str]:
    things = [
        m
        for m in filter_mentions(doc, memory, sent, mentions_of(doc, memory, sent, prev))
        if m.category in ("materiel", "troops", "personnel", "technology", "tech")
    ]
    return denied_items(doc, sent, things) if things else []


def answered_items(doc: Document, memory: Discourse, sent: Sentence) -> list[str]:
    """The things a recent question named, when this sentence answers it: the question is at
    most two sentences back and nothing in between names a thing of its own."""
    if memory.asked is None:
        return []
    index, items = memory.asked
    if not items or not 0 < sent.index - index <= 2:
        return []
    between = doc.sentences[index + 1 : sent.index]
    if any(m.value != "_skip" for x in between for m in x.items):
        return []
    return items


def rumour_denied(doc: Document, s: int, e: int, rumour: re.Match[str]) -> bool:
    """Whether the sentence ``[s, e)`` denies, besides the word "rumour" itself (a denial cue of its own): then
    the rumour is the charge denied, not a possibility weighed (24h)."""
    return any(
        not (d.start() < rumour.end() and rumour.start() < d.end()) for d in cues.G_DENIAL.finditer(doc.idx, s, e)
    )


def noun_object_end(work: str, start: int, end: int) -> int:
    """Where the object of a noun ends (a willingness, a rumour or a risk, 24h): at its clause's end, or before at a
    comma or a clause of time or cause ("Amid rumours of a coup in Pyongyang, the North sent troops", "the risk of
    escalation grew after the North sent troops": what follows is told)."""
    return min(clause_end(work, start, end, p) for p in (cues.CLAUSE_END, cues.CLAUSE_BREAK, cues.TIME_OR_CAUSE_CLAUSE))


def aside_clauses(doc: Document, sent: Sentence) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Stretches of the sentence that are not read as its claims: past denials told as
    background ("months after denying any military help"), things reported as unsaid ("did not
    mention the troops") and conditions ("if it sends more troops"). Each runs from its cue to
    the end of its clause."""
    s, e = sent.start, sent.end
    low = doc.low[s:e]
    background = (
        [
            (m.start(), clause_end(doc.work, m.end(), e, cues.PAST_DENIAL_END))
            for m in cues.G_PAST_DENIAL.finditer(doc.idx, s, e)
        ]
        if any(map(low.__contains__, cues.PAST_DENIAL_STEMS))
        else []
    )
    unsaid = (
        [
            (m.start(), clause_end(doc.work, m.end(), e, cues.OMISSION_END))
            for m in cues.G_OMISSION.finditer(doc.idx, s, e)
        ]
        if any(map(low.__contains__, cues.OMISSION_STEMS))
        else []
    )
    unsaid += [
        (
            m.start(),
            # (a risk is a noun with an object, as a rumour is: "the risk of escalation grew after the North sent ...")
            noun_object_end(doc.work, m.end(), e)
            if "risk" in doc.low[m.start() : m.end()]
            else clause_end(doc.work, m.end(), e, cues.CLAUSE_END),
        )
        for m in cues.unasserted(doc.idx, s, e, low)
        # (a possibility that a worry is about is the transfer feared, hedged: 17e)
        if not (
            cues.WORRY_BEFORE_POSSIBILITY.search(doc.work, max(s, m.start() - 40), m.start())
            and (p := cues.POSSIBILITY.match(doc.work, m.start())) is not None
            and not cues.ANY_AFTER.match(doc.work, p.end())
        )
    ]
    unsaid += [
        (m.start(), clause_end(doc.work, m.end(), e, cues.CLAUSE_END))
        for m in cues.G_NO_FACT_TOLD_MORE.finditer(doc.idx, s, e)
    ]
    if any(map(low.__contains__, cues.UNASSERTED_MORE_WORDS)):
        noun = cues.DISPOSITION_OR_RUMOUR
        for stems, pattern in cues.UNASSERTED_MORE:
            if any(map(low.__contains__, stems)):
                unsaid += [
                    (
                        m.start(),
                        noun_object_end(doc.work, m.end(), e)
                        if pattern is noun
                        else clause_end(doc.work, m.end(), e, cues.CLAUSE_END),
                    )
                    for m in pattern.finditer(doc.work, s, e)
                    # (a rumour a party calls false is what it denies: "the rumours of arms deals are a fabrication", 24h)
                    if not (low.startswith("rumo", m.start() - s) and rumour_denied(doc, s, e, m))
                ]
    # Transfers to the other side and habits, each tried only where its words are (their verbs are common)
    if any(map(low.__contains__, cues.OTHER_SIDE_STEMS)):
        unsaid += [
            (m.start(), clause_end(doc.work, m.end(), e, cues.CLAUSE_END))
            for m in cues.T_OTHER_SIDE_TRANSFER.finditer(doc.work, doc.folded, s, e)
            if not cues.PEOPLE_SENT_BEFORE.search(doc.work, max(s, m.start() - 90), m.start())
        ]
    if any(map(low.__contains__, cues.HABITUAL_STEMS)):
        unsaid += [
            (m.start(), clause_end(doc.work, m.end(), e, cues.CLAUSE_END))
            for m in cues.HABITUAL.finditer(doc.work, s, e)
        ]
    if "unlikely" in low:
        # "the deployment of 20,000 more soldiers seems unlikely": what is judged unlikely is not reported,
        # from the start of its clause to the judgement
        for m in cues.JUDGED_UNLIKELY.finditer(doc.work, s, e):
            starts = [b.end() for b in cues.T_CLAUSE_BREAK.finditer(doc.work, doc.folded, s, m.start())]
            unsaid.append((starts[-1] if starts else s, m.end()))
    if any(map(low.__contains__, cues.PRE_WAR_YEAR_STEMS)):
        for m in cues.PRE_WAR_DATE.finditer(doc.work, s, e):
            starts = [b.end() for b in cues.T_CLAUSE_BREAK.finditer(doc.work, doc.folded, s, m.start())]
            unsaid.append((starts[-1] if starts else s, clause_end(doc.work, m.end(), e, cues.CLAUSE_END)))
    if " would " in low or " could " in low or " might " in low:
        # "sending troops would mark an escalation": the gerund's clause, up to the modal's clause end
        opening = cues.HYPOTHETICAL_GERUND_OPENING.match(doc.work, s, e)
        for m in [*([opening] if opening else []), *cues.HYPOTHETICAL_GERUND.finditer(doc.work, s, e)]:
            modal = cues.CONDITIONAL_MODAL.search(doc.work, m.end(), e)
            if modal is not None:
                unsaid.append((m.start(1), clause_end(doc.work, modal.end(), e, cues.CLAUSE_END)))
    if " would " in low:
        # "arms transfers to or from the North - and any technical help - would violate the resolutions": what the
        # law would forbid is named, not reported; from its clause's start ("that", "which", "said", else the
        # sentence's) to the verb
        for modal in cues.WOULD_BREAK_THE_LAW.finditer(doc.work, s, e):
            openers = [t.end() for t in cues.THAT_CLAUSE.finditer(doc.work, s, modal.start())]
            start = openers[-1] if openers else s
            if cues.ACTS_OF_A_CLASS.search(doc.work, start, modal.start()):  # not one act that happened
                unsaid.append((start, modal.end()))
    if " if " in low or " unless " in low:
        # "Pyongyang could earn billions if it sends more troops": a condition claims nothing.
        for m in cues.IF_CLAUSE.finditer(doc.work, s, e):
            # "could earn billions if it sends troops": the modal's clause is the condition's consequence
            asked = cues.ASKING_BEFORE_IF.search(doc.work, max(s, m.start() - 40), m.start())
            modals = [] if asked else list(cues.CONSEQUENCE.finditer(doc.work, s, m.start()))
            modal = modals[-1] if modals else None
            start = (
                modal.start()
                if modal is not None and not cues.CLAUSE_END.search(doc.work, modal.end(), m.start())
                else m.start()
            )
            unsaid.append((start, clause_end(doc.work, m.end(), e, cues.CLAUSE_END)))
    return background, unsaid


def past_denials(
    doc: Document, sent: Sentence, source: str, things: list[Mention], clauses: list[tuple[int, int]], ctx: Ctx
) -> list[Draft]:
    """The denial inside a background clause: of the clause's own object (blanket when it
    names none), by the party that denied, without the sentence's own date (it was made before it)."""
    out: list[Draft] = []
    past = replace(ctx, since=None, as_of=None, hedged=False)
    for lo, hi in clauses:
        cue = cues.G_DENIAL.search(doc.idx, lo, hi)
        if cue is None:
            continue
        chosen = [
            m
            for m in things
            if cue.start() <= m.start < hi and m.category in ("materiel", "troops", "personnel", "technology", "tech")
        ]
        if not chosen and not re.search(r"[A-Za-z]{3,}", doc.work[cue.end() : hi]):
            continue  # "..., despite earlier denials.": no object of its own to deny
        deniers = deniers_of(doc, sent, source, cue.start())
        for party in deniers:
            for item in denied_items(doc, sent, chosen):
                direction = "RU->NK" if lx.ITEM_CATEGORY.get(item) == "technology" else "NK->RU"
                out.append(
                    Draft(
                        "denial", item, direction, None, None, None, stance="denied", **past.with_source(party).fields()
                    )
                )
    return out


def proof_withheld_by_party(doc: Document, sent: Sentence, at: int) -> bool:
    """Whether the lack of proof at ``at`` is what a party itself gave ("Moscow has offered no evidence for its claim
    that ...", "Russia provided no proof that its troops ..."): that party is the claimant whose word lacks proof,
    so the lack is no denial of the charge, whoever tells it."""
    work = doc.work
    return cues.LACK_OF_PROOF.match(work, at) is not None and any(
        m.value in cues.PARTIES and m.end < at and cues.PROOF_GIVEN_BEFORE.fullmatch(work, m.end, at)
        for m in sent.sources
    )


def denials_in(
    doc: Document,
    memory: Discourse,
    sent: Sentence,
    source: str,
    mentions: list[Mention],
    ctx: Ctx,
    skip: list[tuple[int, int]] | None = None,
) -> list[Draft] | None:
    """A party's denial: one claim per party and per thing denied ("munitions" when blanket).

    Things named after the denial are what is denied ("never received any artillery shells").
    Things named before it are denied too, unless a named accuser made the charge ("the US
    accuses the North of supplying shells, a charge Moscow rejects"): then they are the
    accuser's claims and the denial is blanket.
    """
    work, s, e = doc.work, sent.start, sent.end
    if skip:
        cue = next((c for c in cues.G_DENIAL.finditer(doc.idx, s, e) if not within(c.start(), skip)), None)
    else:
        cue = cues.G_DENIAL.search(doc.idx, s, e)
    if cue is not None and proof_withheld_by_party(doc, sent, cue.start()):
        # "Moscow has offered no evidence for its claim ...": no denial there; another cue after it may be one
        cue = next(
            (
                c
                for c in cues.G_DENIAL.finditer(doc.idx, cue.end(), e)
                if not within(c.start(), skip or []) and not proof_withheld_by_party(doc, sent, c.start())
            ),
            None,
        )
    if not cue or cues.G_NON_DENIAL.search(doc.idx, s, e):
        return None
    if skip:
        verb = next((v for v in cues.DENY_VERB.finditer(work, s, e) if not within(v.start(), skip)), None)
    else:
        verb = cues.DENY_VERB.search(work, s, e)
    pos = min(cue.start(), verb.start() if verb else e)
    deniers = deniers_of(doc, sent, source, pos)
    if not deniers:
        return None
    things = [m for m in mentions if m.category in ("materiel", "troops", "personnel", "technology", "tech")]
    named_after = [m for m in things if m.start >= pos]
    after = denial_scope(doc, cue, e, named_after)
    before = [m for m in things if m.end <= pos]
    if named_after and not after and not before:
        # "Peskov rejected talk of sabotage, and North Korean shells kept arriving": the party denies something else,
        # and the clause after is no word of its own about the shells (neither denied nor confirmed)
        return []
    accuser = next(
        (
            x
            for x in sent.sources
            if x.end <= pos and x.value not in cues.PARTIES and cues.ACCUSE.match(work, x.end + 1, x.end + 30)
        ),
        None,
    )
    chosen = after or ([] if accuser else before)
    items = (answered_items(doc, memory, sent) if not chosen else []) or reported_items(doc, memory, sent, verb)
    blanket = not items and not chosen
    items = items or denied_items(doc, sent, chosen)
    out: list[Draft] = []
    if accuser is not None and before:
        actx = ctx.with_source(first_conjoined(work, sent.sources, accuser).value)
        accused = "what a denial's accuser says"
        for m in before:
            if m.category in ("materiel",):
                out.append(draft(doc, "shipment", m.value, "NK->RU", m.quantity, actx, rule=accused))
            elif m.category == "troops":
                out.append(draft(doc, "troop_deployment", "troops", "NK->RU", m.quantity, actx, rule=accused))
    for party in deniers:
        dctx = ctx.with_source(party).unhedged()
        for item in items:
            direction = "RU->NK" if lx.ITEM_CATEGORY.get(item) == "technology" else "NK->RU"
            out.append(
                Draft("denial", item, direction, None, None, None, stance="denied", **dctx.fields(), blanket=blanket)
            )
    return out


def denial_scope(doc: Document, cue: re.Match[str], end: int, after: list[Mention]) -> list[Mention]:
    """The things named after a denial that are inside its reach: not those of a clause joined after it ("no evidence
    of sabotage, and North Korean shells kept arriving"), unless listed on with a thing inside ("denied sending shells,
    rockets, and missiles"); not those a lack of proof of something else is told in ("no evidence of any malfunction
    in the North Korean missiles"). A clause joined after that denies as well ("denied the report, and said it had
    never received shells") is inside."""
    if not after:
        return after
    work = doc.work
    other = cues.PROOF_OF_ANOTHER_THING.match(work, cue.end()) if cues.LACK_OF_PROOF.match(work, cue.start()) else None
    if other is not None and not any(other.start("head") <= m.start < other.end("head") for m in after):
        return []
    join = cues.DENIAL_SCOPE_END.search(work, cue.end(), end)
    if join is None or cues.G_DENIAL.search(doc.idx, join.end(), end) is not None:
        return after
    inside = [m for m in after if m.start < join.start()]
    for m in after[len(inside) :]:
        last = inside[-1] if inside else None
        if last is None or not (
            cues.LIST_JOIN.fullmatch(work, last.end, m.start)
            or cues.LIST_JOIN_MODIFIED.fullmatch(work, last.end, m.start)
        ):
            break
        inside.append(m)
    return inside


def reported_items(doc: Document, memory: Discourse, sent: Sentence, verb: re.Match[str] | None) -> list[str]:
    """ "Peskov dismissed the reports as fake": a denial of reports that names no thing denies
    what the article has just reported (the last thing moved a few sentences back)."""
    if verb is None or not cues.REPORTS_DENIED.match(doc.work, verb.end(), sent.end):
        return []
    recent = memory.context_item(sent.index)
    return ["troops" if lx.ITEM_CATEGORY.get(recent or "") == "troops" else recent] if recent else []


def denied_items(doc: Document, sent: Sentence, chosen: list[Mention]) -> list[str]:
    """The things a denial names, the specific before the general: "never received any shells"
    after "claims about munitions" denies the shells. Weapons in general named in one list with
    a specific thing ("ammunition and missiles") are denied too."""
    items: list[str] = []
    general_listed = any(
        "munitions" in (a.value, b.value) and cues.LIST_JOIN.fullmatch(doc.work, a.end, b.start)
        for a, b in zip(chosen, chosen[1:])
    )
    for m in chosen:
        if m.category == "tech" and cues.DEALINGS_AS_A_WHOLE.search(doc.work, m.start, m.end):
            values = ["munitions"]  # "rejects accusations of military-technical cooperation": the arms dealings (23h)
        elif m.category == "tech":
            values = tech_domains(doc, sent)
        elif m.category == "troops":
            values = ["troops"]
        elif m.category == "materiel" and (given := given_by_russia(doc, sent.start, sent.end, m)) is not None:
            values = [given]  # "denied giving drones to Pyongyang": Russia's transfer denied (17f)
        else:
            values = [m.value]
        for v in values:
            if v not in items:
                items.append(v)
    specific = [
        i for i in items if i not in ("munitions", "military_technology") or (i == "munitions" and general_listed)
    ]
    return specific or (["munitions"] if not items or "munitions" in items else items[:1])


def deniers_of(doc: Document, sent: Sentence, source: str, pos: int) -> list[str]:
    """The parties (Russia, North Korea) that deny, in order: the speaker when it is a party,
    and parties that are the subject of a denial verb ("Moscow and Pyongyang reject"). The two
    parties as one subject deny together: one denier, ``cues.JOINT_PARTIES``."""
    work = doc.work
    found: list[str] = [source] if source in cues.PARTIES else []
    both = cues.BOTH_PARTIES.search(work, sent.start, pos + 1) if pos >= sent.start else None
    if both and both_parties_named(doc, sent):
        # "Both governments had dismissed the reports": the two sides named in the article.
        return [cues.JOINT_PARTIES]
    by = cues.DENIALS_BY.match(work, pos, sent.end)
    if by is not None:
        # "despite denials from both countries", "denials by Moscow": the denial named as a noun, its
        # parties after it
        if cues.BOTH_PARTIES.match(work, by.end(), sent.end) and both_parties_named(doc, sent):
            return [cues.JOINT_PARTIES]
        named = [m.value for m in sent.sources if m.value in cues.PARTIES and m.start == by.end()]
        if named:
            return named
    # "despite Pyongyang's denials that ...": the party that owns the denial named as a noun denies, as one named after it does
    owner = next(
        (
            m.value
            for m in sent.sources
            if m.value in cues.PARTIES and m.end < pos and cues.DENIAL_POSSESSOR_GAP.fullmatch(work, m.end, pos)
        ),
        None,
    )
    if owner is not None and owner not in found:
        found.append(owner)
    for v in cues.DENY_VERB.finditer(work, sent.start, sent.end):
        subjects = [
            m
            for m in sent.sources
            if m.value in cues.PARTIES
            and m.end <= v.start()
            and v.start() - m.end <= 40
            and not cues.OBJECT_BEFORE.search(work, max(sent.start, m.start - 12), m.start)
            and not cues.DENIER_GAP_BREAK.search(work[m.end : v.start()])
        ]
        if not subjects and cues.PARTICIPLE_DENIAL.fullmatch(v.group(0)):
            # "a Russian diplomat, quoted in state media on Sunday, denying that ...": a participle's
            # subject is the sentence's subject, however far back.
            subjects = [
                m
                for m in sent.sources
                if m.value in cues.PARTIES
                and m.end <= v.start()
                and not cues.OBJECT_BEFORE.search(work, max(sent.start, m.start - 12), m.start)
            ][:1]
        if not subjects:
            continue
        last = subjects[-1]
        first = first_conjoined(work, sent.sources, last)
        conjoined = {
            cues.GOVERNMENT_OF[m.value]
            for m in sent.sources
            if first.start <= m.start <= last.start and m.value in cues.PARTIES
        }
        if conjoined == cues.BOTH_GOVERNMENTS:
            return [cues.JOINT_PARTIES]  # "Moscow and Pyongyang reject the charge": one statement by both
        for m in sent.sources:
            if first.start <= m.start <= last.start and m.value in cues.PARTIES and m.value not in found:
                found.append(m.value)
    # One denier per party in a sentence: "Kim Yo Jong said in a statement carried by KCNA" is one voice.
    first_of_party: dict[str, str] = {}
    for party in found:
        first_of_party.setdefault(cues.GOVERNMENT_OF[party], party)
    return list(first_of_party.values())


def both_parties_named(doc: Document, sent: Sentence) -> bool:
    """Both Russia and North Korea are named in this sentence or the few before it."""
    window = doc.sentences[max(0, sent.index - 3) : sent.index + 1]
    return any(x.has_nk for x in window) and any(x.has_ru for x in window)


def condemnation_supposed(work: str, lo: int, cue: int) -> bool:
    """Whether the condemning cue at ``cue`` is only supposed: "which would violate UN sanctions", "this would be a
    major escalation", "will not hesitate to impose sanctions" (24j). "Said it would impose sanctions" is an act
    announced in reported speech: the condemning verb right after the modal (or after an adverb, "would also impose")
    keeps it."""
    if not any(map(work[lo:cue].__contains__, cues.CONDEMNATION_SUPPOSED_STEMS)):
        return False  # most condemning cues have no modal before them: a substring test, not a search
    m = cues.CONDEMNATION_SUPPOSED_BEFORE.search(work, lo, cue)
    return m is not None and not (m.group("after_modal") is not None and cues.CONDEMNING_VERB.match(work, m.start(1)))


def condemnations(
    doc: Document, memory: Discourse, sent: Sentence, mentions: list[Mention], ctx: Ctx
) -> list[Draft] | None:
    """Condemnation or sanctions: one claim per thing condemned."""
    work, s, e = doc.work, sent.start, sent.end
    cue = cues.G_CONDEMN.search(doc.idx, s, e)
    if cue is None:
        return None
    if all(
        c.group(0).lower() in ("sanctioned", "designated")
        and cues.SANCTIONED_STATUS_BEFORE.search(work, max(s, c.start() - 30), c.start())
        or c.group(0).lower().startswith("sanctions ")
        and cues.SANCTIONS_REGIME_BEFORE.search(work, max(s, c.start() - 60), c.start())
        # "which would violate UN sanctions", "will not hesitate to impose sanctions": supposed, not made (24j)
        or condemnation_supposed(work, max(s, c.start() - 60), c.start())
        for c in cues.G_CONDEMN.finditer(doc.idx, s, e)
    ):
        # "the sanctioned country", "vessels that have been sanctioned", "UN-designated tankers", "monitors of the UN
        # sanctions against the North": a standing, not a statement; or an act only supposed
        return None
    background, reactions = cues.condemnation_asides(work, s, e)
    if (background or reactions) and all(
        within(c.start(), background + reactions) for c in cues.G_CONDEMN.finditer(doc.idx, s, e)
    ):
        return None  # told beside the sentence's fact, which is read as any other (see reaction_condemnations)
    teller = ctx.source  # who tells the sentence (the outlet, when the act's subject is credited below)
    actor = condemning_actor(doc, sent, cue.start()) if teller == "outlet" else None
    if actor is not None:
        ctx = replace(ctx, source=actor)
    things = [
        m
        for m in mentions
        if m.category in ("materiel", "troops")
        or m.category == "personnel"
        and cues.DEPLOY.search(work, s, m.start)
        # the oil Russia sends the North, the flow its sanctions cap ("sanctions on firms moving oil to Pyongyang")
        or m.value in _CONDEMNED_RETURN_FLOWS
    ]
    if any(m.value == "ballistic_missiles" for m in things):
        # "the launch was condemned ... a test of intercontinental ballistic missiles": the North's own arsenal
        things = [
            m
            for m in things
            if not (
                m.value == "ballistic_missiles"
                and cues.STRATEGIC_MISSILE_BEFORE.search(work, max(s, m.start - 20), m.start)
            )
        ]
        if not things:
            return None
    examples = class_examples(work, things)
    if examples:
        # "condemn the export of missiles, shells and other materiel": weapons in general are condemned,
        # and the statement reports the missiles and the shells sent
        shipped = [
            draft(doc, "shipment", m.value, "NK->RU", m.quantity, ctx, rule="the things a condemnation names")
            for m in examples
        ]
        things = [m for m in things if m not in examples and m.value not in _CLASSES]
        if not any(m.category == "materiel" for m in things):
            things.insert(0, replace(examples[0], value="munitions"))  # the class condemned: weapons in general
    items: list[str] = []
    for m in things:
        v = "troops" if m.category == "troops" else m.value
        if v not in items:
            items.append(v)
    if examples:
        # (the teller has told this condemnation too: its own "we will keep acting" after it says nothing new)
        memory.condemners.update((ctx.source, teller))
        return credited_to_actor(
            doc,
            [
                Draft(
                    "condemnation", item, condemned_direction(item), None, None, None, stance="asserted", **ctx.fields()
                )
                for item in items
            ]
            + shipped,
            actor,
        )
    if not items:
        if cues.GENERIC_TRANSFERS.search(work, s, e):
            items = ["munitions"]
        else:
            ctx_item = memory.context_item(sent.index)
            act = cues.CONDEMNING_ACT.search(work, s, e)
            if act is not None and cues.OTHER_SIDE_TRANSFER.search(work, act.end(), min(e, act.end() + 80)):
                return None  # "criticising the US decision to send tanks to Ukraine": the other side's transfer
            if act is not None and cues.CONDEMNED_TIES.match(work, act.end(), e):
                act = None  # the two sides' cooperation in general: it condemns a transfer only if it points to one
            if (
                ctx_item is None
                # a source that condemned the transfers already says it again, naming nothing new
                or ctx.source in memory.condemners
                or not (sent.has_nk or sent.has_ru or ctx.source != "outlet")
                or not (act or cues.REFERS_TO_TRANSFER.search(work, s, e))
            ):
                return None
            items = [ctx_item]
    if ctx.source in memory.condemners and all(item in _CLASSES for item in items):
        return []  # a source that condemned the transfers already, saying it again about "weapons"
    memory.condemners.update((ctx.source, teller))
    return credited_to_actor(
        doc,
        [
            Draft("condemnation", item, condemned_direction(item), None, None, None, stance="asserted", **ctx.fields())
            for item in items
        ],
        actor,
    )


def credited_to_actor(doc: Document, drafts: list[Draft], actor: str | None) -> list[Draft]:
    """``drafts``, with the step that credited them to the subject of the condemning act for ``--explain``."""
    if actor is not None and doc.traced:
        for d in drafts:
            d.trace["source"] = f"the subject of the condemning act, in a sentence with no teller ({actor})"
    return drafts


def condemning_actor(doc: Document, sent: Sentence, act: int) -> str | None:
    """ "Japan will impose fresh sanctions on 11 firms over ...", "Britain on Monday blacklisted ...": the body that
    is the subject of the condemning act at ``act`` condemns, in a sentence with no teller of its own. Not a party
    (Moscow sanctioning its own), not a name further back than its auxiliaries and a time phrase."""
    work = doc.work
    subject = next((m for m in reversed(sent.sources) if m.end <= act), None)
    if (
        subject is None
        or subject.value in cues.PARTIES
        or subject.value in NAMELESS_VOICES
        or not cues.ACT_SUBJECT_GAP.fullmatch(work, subject.end, act)
    ):
        return None
    first = first_conjoined(work, sent.sources, subject)
    if not cues.ACT_SUBJECT_OPENING.fullmatch(work, sent.start, first.start):
        return None  # "representatives of Australia, ... and the EU condemned": a list inside the subject
    # "Seoul and Washington have criticised ...": states acting together are one joint source (None: not states)
    return joint_states(work, sent.sources, subject, act) if first is not subject else subject.value


def condemned_direction(item: str) -> str:
    """The way a condemned thing flows: what Russia pays the North with goes to the North, the rest to Russia."""
    return "RU->NK" if item in _CONDEMNED_RETURN_FLOWS else "NK->RU"


def reaction_condemnations(
    doc: Document, sent: Sentence, reactions: list[tuple[int, int]], found: list[Draft], ctx: Ctx
) -> list[Draft]:
    """ "The North shipped shells to Russia, drawing condemnation from Seoul": the body a reaction names condemns
    the things its main clause moved to Russia; a reaction that names no body ("drawing international
    condemnation") is background."""
    out: list[Draft] = []
    for lo, hi in reactions:
        named = [m for m in sent.sources if lo <= m.start < hi]
        if not named:
            continue
        last = named[0]
        for m in named[1:]:  # "condemnation from Japan and South Korea": the bodies conjoined after the first
            if doc.work[last.end : m.start].strip(" ,").lower() in ("and", ""):
                last = m
        condemner = joint_states(doc.work, sent.sources, last, hi) or named[0].value
        fields = ctx.with_source(condemner).unhedged().fields()
        for d in found:
            item = "troops" if d.kind == "troop_deployment" else d.item
            if d.kind in _CONDEMNED_KINDS and d.direction == "NK->RU" and not any(c.item == item for c in out):
                out.append(Draft("condemnation", item, "NK->RU", None, None, None, stance="asserted", **fields))
    return out


# The transfers a reaction to them condemns.
_CONDEMNED_KINDS = frozenset({"shipment", "troop_deployment", "personnel_dispatch"})


def class_examples(work: str, things: list[Mention]) -> list[Mention]:
    """The named weapons a condemnation gives as examples of weapons in general ("arms transfers,
    including ballistic missiles"; "missiles, shells and other military materiel"), or none."""
    general = [m for m in things if m.value in _CLASSES]
    named = [m for m in things if m.category == "materiel" and m.value not in _CLASSES]
    for g in general:
        after = [m for m in named if m.start >= g.end]
        if after and cues.CLASS_THEN_EXAMPLES.match(work, g.end, after[0].start):
            return [m for m in after if ";" not in work[g.end : m.start]]
        before = [m for m in named if m.end <= g.start]
        if before and cues.EXAMPLES_THEN_CLASS.search(work, before[-1].end, g.start):
            return before
    return []


# Weapons in general, of which a condemnation may list examples ("and other military materiel").
_CLASSES = frozenset({"munitions", "military_equipment"})
# What Russia sends the North that sanctions name as a thing of their own (convention 11: one condemnation per thing).
_CONDEMNED_RETURN_FLOWS = frozenset({"oil"})


def supply_share(doc: Document, sent: Sentence, mentions: list[Mention], ctx: Ctx, context: bool) -> list[Draft]:
    work, s, e = doc.work, sent.start, sent.end
    if not context:
        return []
    out: list[Draft] = []
    # (the article's lowercased text differs from ``work[s:e].lower()`` only at "İ", kept as it is)
    low = doc.low[s:e]
    if "month" in low and cues.SUPPLY_CONTEXT.search(work, s, e):
        for q in doc.quantities(s, e):
            if not cues.MONTHS_SUPPLY.match(work, q.end, e) or cues.PERIOD_BEFORE.search(
                work, max(s, q.start - 12), q.start
            ):
                continue
            bound = q.bound
            if bound == "exact" and cues.ABOUT_BEFORE.search(work, max(s, q.start - 40), q.start):
                bound = "about"
            out.append(
                Draft(
                    "supply_share",
                    "months_of_supply",
                    "NK->RU",
                    q.quantity,
                    bound,
                    q.quantity_high,
                    stance="asserted",
                    **ctx.fields(),
                )
            )
            consume_near(mentions, q.start, 120)
            break
    # G_SHARE and G_SHARE_ITS find nothing where none of their stems is (Gated.search tests them first in
    # this same stretch): tested once here for both. G_SHARE_AFTER is tried at its words' starts, not by
    # its stems, so it is always asked.
    stems = cues.G_SHARE.present(low)
    share = (
        (cues.G_SHARE.search(doc.idx, s, e) if stems else None)
        or cues.G_SHARE_AFTER.search(doc.idx, s, e)
        or (own_share(doc, sent) if stems else None)
    )
    if share and cues.SHARE_OF_OTHER.match(work, share.end("frac")):
        # "4% of the shells fired worked", "the bulk of Russia's shipments": not a share of Russia's
        # supply, and the shells it counts carry no figure of their own either
        consume_near(mentions, share.start(), 60)
        share = None
    if share:
        frac = parse_fraction(((share.group("pre") or "") + " " + share.group("frac")).strip())
        if frac.quantity is not None:
            out.append(
                Draft(
                    "supply_share",
                    "share_of_supply",
                    "NK->RU",
                    frac.quantity,
                    frac.bound,
                    None,
                    stance="asserted",
                    **ctx.fields(),
                )
            )
            consume_near(mentions, share.start(), 10_000)
            # "a quarter ..., down from about half": the earlier share is a claim too.
            for prior in cues.PRIOR_SHARE.finditer(work, share.end(), e):
                pf = parse_fraction(prior.group("frac"))
                if pf.quantity is not None:
                    out.append(
                        Draft(
                            "supply_share",
                            "share_of_supply",
                            "NK->RU",
                            pf.quantity,
                            pf.bound,
                            None,
                            stance="asserted",
                            **ctx.fields(),
                        )
                    )
    dependence = cues.G_DEPENDENCE.search(doc.idx, s, e) if not out and sent.has_nk else None
    if dependence is not None:
        out.append(
            Draft("supply_share", "share_of_supply", "NK->RU", None, None, None, stance="asserted", **ctx.fields())
        )
        # "forced to turn to North Korea as it expends munitions": the munitions it runs through are
        # why it depends, not a claim of their own ("a leading supplier, providing missiles" still ships)
        for m in mentions:
            if (
                m.category == "materiel"
                and m.quantity is None
                and m.start > dependence.end()
                and not cues.G_TRANSFER.search(doc.idx, dependence.end(), m.start)
            ):
                m.consumed = True
    return out


def own_share(doc: Document, sent: Sentence) -> re.Match[str] | None:
    """ "Russia gets half of its shells from the North": a share of Russia's own supply, told with a
    possessive pronoun; Russia is named before it and the North in the sentence."""
    if not sent.has_nk:
        return None
    share = cues.G_SHARE_ITS.search(doc.idx, sent.start, sent.end)
    if share is None or not lx.RU.search(doc.work, sent.start, share.start()):
        return None
    return share


def consume_near(mentions: list[Mention], pos: int, window: int) -> None:
    """The shells a share is a share of are not a claim of their own (a counted shipment is)."""
    for m in mentions:
        if (
            m.category == "materiel"
            and (m.quantity is None or m.quantity.quantity <= 1)
            and abs(m.start - pos) <= window
        ):
            m.consumed = True


def within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= pos < hi for lo, hi in spans)


def clause_end(work: str, start: int, end: int, breaks: re.Pattern[str]) -> int:
    stop = breaks.search(work, start, end)
    return stop.start() if stop else end
