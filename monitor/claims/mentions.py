"""The things a sentence names and the amounts that count them: item words, help aimed at a
technology domain, "the weapon" and "several more" resolved to a recent item, each amount linked to
its noun (before it, after a linking verb, partitive, appositive, a fraction of it), and the
mentions that name no claim of their own (owned by another country, presupposed, parts of a cargo)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.discourse import Discourse
from monitor.claims.document import Document
from monitor.claims.model import Mention, Sentence
from monitor.claims.quantities import QuantityMatch, parse_fraction


class WindowCue:
    """A cue searched in a short stretch of an article before or after a mention (hundreds of times an article),
    found as ``pattern.search(doc.work, pos, endpos)`` finds it, for less. With ``guarded``, a stretch that holds
    none of the words the pattern cannot match without (:func:`lx.required_stems`) is passed over after a substring
    test in the article's lowercase: exact for a case-sensitive pattern, and for a case-insensitive one where the
    article folds like re.IGNORECASE (``doc.folded``). Otherwise a case-insensitive pattern is searched by its
    :func:`lx.lowercase_twin` in that lowercase, and a match found there read again from the text, as
    :class:`lx.Twinned` does (an alternation is tried some twice as fast without re.IGNORECASE). For cues whose
    words are common ("the"), ``guarded=False``: the test would rarely pass a stretch over."""

    __slots__ = ("pattern", "stems", "case_sensitive", "_twin", "_twin_made")

    def __init__(self, pattern: re.Pattern[str] | lx.StemGuarded, guarded: bool = True) -> None:
        regex = pattern.regex if isinstance(pattern, lx.StemGuarded) else pattern
        self.pattern = regex
        self.stems = lx.required_stems(regex.pattern, regex.flags) if guarded else None
        self.case_sensitive = not regex.flags & re.IGNORECASE
        self._twin: re.Pattern[str] | None = None
        self._twin_made = False  # compiled on first use: start-up pays for none an article never asks

    def search(self, doc: Document, pos: int, endpos: int) -> re.Match[str] | None:
        folded = doc.folded
        if (
            self.stems is not None
            and (folded is not None or self.case_sensitive)
            and not any(map(doc.low[pos:endpos].__contains__, self.stems))
        ):
            return None
        if folded is None or self.case_sensitive:
            return self.pattern.search(doc.work, pos, endpos)
        if not self._twin_made:
            self._twin = lx.lowercase_twin(self.pattern)
            self._twin_made = True
        if self._twin is None:
            return self.pattern.search(doc.work, pos, endpos)
        found = self._twin.search(folded, pos, endpos)
        return None if found is None else self.pattern.match(doc.work, found.start(), endpos)


# Compiled once here rather than looked up in re's cache at each mention (the same patterns as before).
_PURPOSE_GAP = re.compile(r"\s+for\s+(?:[\w-]+\s+){0,2}")
_FOREIGN_MADE_BEFORE = re.compile(
    r"\b(?:US|U\.S\.|American|Russian|Ukrainian|Western|Chinese|Iranian)-(?:made|supplied|built|designed)\s+(?:[\w-]+\s+){0,2}$"
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:new\s+|first\s+|second\s+|latest\s+)?$", re.I)
_UNIT_OF_SOLDIERS = re.compile(r"strong|special|elite|KPA|fresh|replacement|relief|rotation", re.I)
_SYSTEMS_AFTER = re.compile(r"\s*(?:such\s+)?(?:weapons\s+)?systems\b", re.I)
_FURTHER_DEPLOYMENT = re.compile(lx.FURTHER_DEPLOYMENT, re.I)
_LIST_GAP = re.compile(r"\s+(?:and|or|&)\s+(?:[\w-]+\s+){0,2}")


def mentions_of(doc: Document, memory: Discourse, sent: Sentence, prev: Sentence | None) -> list[Mention]:
    work, s, e = doc.work, sent.start, sent.end
    mentions = [Mention(m.start, m.end, m.value) for m in sent.items if m.value != "_skip"]
    skips = [m for m in sent.items if m.value == "_skip"]
    shared_heads(doc, sent, mentions)
    named_mainly_after(doc, sent, mentions)
    roles_by_purpose(doc, sent, mentions)
    # Help aimed at a domain: one technology mention per domain named.
    low = doc.low[s:e]
    for t in cues.G_TECH_ASSIST.finditer(doc.idx, s, e):
        if cues.HELP_BY_PEOPLE_SENT_BEFORE.search(work, max(s, t.start() - 40), t.start()):
            # "workers sent to a plant, where they would support the assembly of drones": help Russia gets, and the
            # drones are what the work makes, not a thing sent
            for m in mentions:
                if m.value == "drones" and t.start() <= m.start < t.end() + 30 and not m.contextual:
                    m.consumed = True
            continue
        tail = cues.DOMAIN_LIST.match(work, t.end(), e) or cues.DOMAIN_HEAD_AFTER.match(work, t.end(), e)
        phrase = work[t.start() : tail.end() if tail else t.end()]
        for item in domains(phrase):
            if item == "space_technology" and satellite_context(doc, sent):
                item = "satellite_technology"
            mentions.append(Mention(t.start(), t.end(), item))
        # "help for the missile and spy satellite programmes": the words of a list of programmes name domains of
        # help, not missiles or satellites, as "missile programme" alone does
        programmes = tail is not None and cues.PROGRAMME_AFTER.match(work, tail.end(), e) is not None
        for m in mentions:
            if m.value in ("tech", "reconnaissance_satellite", "fighter_jets") and t.start() <= m.start < t.end():
                m.consumed = True
            if programmes and m.category in ("materiel", "satellite") and t.start() <= m.start < tail.end():  # type: ignore[union-attr]
                m.consumed = True
            if m.value in ("drones",) and t.start() <= m.start < t.end() + 30 and not m.contextual:
                m.consumed = True
    for h in cues.G_RU_HELP.finditer(doc.idx, s, e):
        if cues.MEASURES_BACKED_BEFORE.search(work, max(s, h.start() - 100), h.start()):
            continue  # "those sanctions have been tightened with Russia's support": backing for the measures
        if not any(m.start <= h.start() < m.end for m in mentions if m.category == "technology"):
            mentions.append(Mention(h.start(), h.end(), "tech"))
    for a in cues.G_ANAPHORA.finditer(doc.idx, s, e):
        recent = memory.context_item(sent.index, people=False)
        if recent in cues.ARTILLERY_TYPES and a.group(0).lower().endswith("systems"):
            recent = "artillery_systems"  # "such systems" after guns and launchers: the whole class
        if recent not in cues.ARTILLERY_TYPES and cues.ARTILLERY_ANAPHOR.search(a.group(0)):
            continue  # "the artillery tests" after missiles named: "the artillery" points back only to guns
        if recent:
            for m in mentions:
                if m.start >= a.start() and m.end <= a.end() + 1:
                    m.consumed = True
            mentions.append(Mention(a.start(), a.end(), recent, contextual=True))
    if not mentions and ("them " in low or "their " in low):
        pronoun = cues.PRONOUN_USED.search(work, s, e)
        recent = memory.context_item(sent.index, window=1) if pronoun is not None else None
        if pronoun is not None and recent is not None and lx.ITEM_CATEGORY.get(recent) == "materiel":
            # "The occupiers are already using them to strike Ukraine": the weapons the sentence before named
            mentions.append(Mention(pronoun.start(), pronoun.end(), recent, contextual=True))
    if not mentions and any(map(low.__contains__, cues.UNNAMED_OUTPUT_STEMS)):
        output = cues.UNNAMED_OUTPUT.search(doc.work, s, e)
        if output is not None:
            mentions.append(Mention(output.start(), output.end(), "munitions", contextual=True))
    for lo, hi in north_in_combat(doc, sent):
        if not any(m.category == "troops" and lo <= m.start < hi for m in mentions):
            mentions.append(Mention(lo, hi, "troops", contextual=True))
    if not any(m.value == "troops" for m in mentions) and (
        "deployment" in low
        and (
            cues.G_CONFIRM.search(doc.idx, s, e)
            or cues.G_DENIAL.search(doc.idx, s, e)
            or cues.G_CONDEMN.search(doc.idx, s, e)
        )
    ):
        d = cues.DEPLOYMENT_WORD.search(work, s, e)
        if d and memory.context_item(sent.index) == "troops":
            mentions.append(Mention(d.start(), d.end(), "troops", contextual=True))
    if not mentions and (memory.counted or memory.context_items) and any(map(low.__contains__, cues.FIGURE_WORDS)):
        # "By July the number had risen to 13,000", "Kyiv puts the figure at 7 million": the thing
        # counted is the one of the last claim with a count, a sentence or three before; with none, the thing
        # the sentence just before moved without a count ("The North has sent troops. Seoul puts their number
        # at 12,000.")
        anaphor = cues.FIGURE_ANAPHOR.search(work, s, e)
        counted = memory.last_count(sent.index) if anaphor else None
        thing = counted[0] if counted else memory.context_item(sent.index, window=1) if anaphor else None
        if anaphor and thing and any(q.start >= anaphor.end() for q in doc.quantities(s, e)):
            # ("the figure was around 11,000": a copula gives the figure word its amount)
            told = next(
                (q for q in doc.quantities(s, e) if cues.FIGURE_COPULA.fullmatch(work, anaphor.end(), q.start)), None
            )
            mentions.append(Mention(anaphor.start(), anaphor.end(), thing, quantity=told, contextual=True))
        # "Seoul gave lawmakers a similar figure": the last count again, in this sentence's voice.
        similar = cues.SIMILAR_FIGURE.search(work, s, e)
        counted = memory.last_count(sent.index) if similar else None
        if similar and counted and not doc.quantities(s, e):
            mentions.append(Mention(similar.start(), similar.end(), counted[0], quantity=counted[1], contextual=True))
    if skips:
        mentions = [m for m in mentions if not any(k.start <= m.start < k.end for k in skips)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    # Adjacent mentions of one thing ("Koksan 170mm self-propelled guns") are one mention.
    merged: list[Mention] = []
    for m in mentions:
        if merged and merged[-1].value == m.value and 0 <= m.start - merged[-1].end <= 2:
            merged[-1].end = max(merged[-1].end, m.end)
            continue
        merged.append(m)
    return merged


def north_in_combat(doc: Document, sent: Sentence) -> list[tuple[int, int]]:
    """Where the North is the agent of the fighting, told through a noun: its soldiers, unnamed."""
    found = [(a.start(), a.end()) for a in cues.G_NORTH_IN_COMBAT.finditer(doc.idx, sent.start, sent.end)]
    for noun in cues.G_COMBAT_NOUN.finditer(doc.idx, sent.start, sent.end):
        owner = cues.NORTH_POSSESSIVE_BEFORE.search(
            doc.work, max(sent.start, noun.start() - 50), noun.start()
        ) or cues.NORTH_OWNS_BY_PRONOUN.search(doc.work, max(sent.start, noun.start() - 80), noun.start())
        if owner is not None:
            found.append((owner.start(), noun.end()))
    return found


def shared_heads(doc: Document, sent: Sentence, mentions: list[Mention]) -> None:
    """ "missile and submarine technology", "space and nuclear know-how": a bare modifier joined to
    a named thing shares its head noun, and names the thing that modifier and head name together
    (missile technology, not missiles). The modifier's own reading, if any, gives way."""
    work = doc.work
    low = doc.low[sent.start : sent.end]
    if " and " not in low and " or " not in low and "&" not in low:
        return  # no conjunction: nothing joined
    for m in list(mentions):
        words = work[m.start : m.end].split()
        if len(words) < 2 or not work[max(sent.start, m.start - 5) : m.start].rstrip().lower().endswith(
            ("and", "or", "&")
        ):
            continue  # one word (no head to share), or nothing joined just before it
        joined = cues.MODIFIER_JOINED.search(work, max(sent.start, m.start - 30), m.start)
        if joined is None:
            continue
        modifier = joined.group("modifier")
        hit = None
        # the mention's own last word, or the noun straight after it ("economic and military technology
        # support": economic support)
        follower = cues.NEXT_WORD.match(work, m.end, sent.end)
        for head in (words[-1], follower.group(1) if follower else None):
            phrase = f"{modifier} {head}"
            hit = next(iter(lx.ITEMS.finditer(phrase)), None) if head else None
            if hit is not None and hit.group(0) == phrase and lx.ITEMS.value(hit) not in ("_skip", m.value):
                break
            hit = None
        if hit is None:
            continue
        lo, hi = joined.start("modifier"), joined.end("modifier")
        mentions[:] = [x for x in mentions if not (lo <= x.start < hi)]
        mentions.append(Mention(lo, hi, lx.ITEMS.value(hit)))


def named_mainly_after(doc: Document, sent: Sentence, mentions: list[Mention]) -> None:
    """ "1 million rounds of ammunition, mainly 152mm shells": ammunition in general, then what most of it is, set
    off after a comma: the general word is that thing, counted by the general word's amount (one claim, of shells)."""
    if "," not in doc.work[sent.start : sent.end]:
        return
    for m in mentions:
        if m.value not in cues.GENERAL_MATERIEL or m.consumed:
            continue
        mainly = cues.MAINLY_AFTER.match(doc.work, m.end, sent.end)
        if mainly is None:
            continue
        named = next(
            (
                x
                for x in mentions
                if mainly.end() <= x.start <= mainly.end() + 40
                and x.category == "materiel"
                and x.value not in cues.GENERAL_MATERIEL
                and cues.MODIFIERS_ONLY.fullmatch(doc.work, mainly.end(), x.start)
            ),
            None,
        )
        if named is not None:
            m.value = named.value
            named.consumed = True


def roles_by_purpose(doc: Document, sent: Sentence, mentions: list[Mention]) -> None:
    """ "6,000 personnel to undertake reconstruction work", "people sent to clear mines": a generic
    word for people takes the role its purpose names (builders, sappers)."""
    for m in mentions:
        if m.category not in ("troops", "personnel") or not doc.low[m.start : m.end].endswith(cues.GENERIC_PEOPLE):
            continue  # (the purpose is read only after a generic word for people, which few sentences have)
        purpose = cues.PURPOSE_ROLE.match(doc.work, m.end, sent.end)
        if purpose is not None:
            m.value = "combat_engineers" if purpose.group("demining") else "military_construction_workers"


def satellite_context(doc: Document, sent: Sentence) -> bool:
    lo = max(0, sent.index - cues.LAUNCH_CONTEXT_WINDOW)
    return any(x.satellite for x in doc.sentences[lo : sent.index + 1])


_LIMIT_BEFORE = WindowCue(cues.LIMIT_BEFORE)
_LIMIT_AFTER_STEMS = lx.required_stems(cues.LIMIT_AFTER.pattern, cues.LIMIT_AFTER.flags) or ("",)


def attach_quantities(
    doc: Document, memory: Discourse, sent: Sentence, mentions: list[Mention], prev: Sentence | None
) -> None:
    """Give each mention the amount that qualifies it.

    "more than 1,000 containers" (before), "two of the 24 missiles" (a second, partitive
    amount), "troops ... at around 10,000" and "the total ... to reach 10,000" (after),
    "several more" (the item of the previous sentence), "$2,000 a month" (cash), "about
    half of the missiles" (a fraction).
    """
    work, s, e = doc.work, sent.start, sent.end
    found = doc.quantities(s, e)
    # (LIMIT_AFTER reads from an amount to the sentence's end: a sentence without its words needs it for no amount)
    limit_after = bool(found) and (doc.folded is None or any(map(doc.low[s:e].__contains__, _LIMIT_AFTER_STEMS)))
    quantities = [
        q
        for q in found
        if not (
            _LIMIT_BEFORE.search(doc, max(s, q.start - 40), q.start)
            or limit_after
            and cues.LIMIT_AFTER.match(work[q.end : e])
            or cues.DESIGNATION_BEFORE.search(work, max(s, q.start - 12), q.start)
            or cues.DURATION_AFTER.match(work, q.end, e)
        )
    ]
    used: set[int] = set()
    live = [m for m in mentions if not m.consumed]
    for f in cues.G_FRACTION_OF.finditer(doc.idx, s, e) if live else ():  # a fraction qualifies a mention only
        target = next(
            (m for m in live if m.start >= f.end() and m.quantity is None and gap_ok(work[f.end() : m.start])), None
        )
        if target is not None:
            frac = parse_fraction(f.group(0))
            if frac.quantity is not None:
                target.quantity = QuantityMatch(f.start(), f.end(), frac.quantity, frac.bound or "exact", None)
    for qi, q in enumerate(quantities):
        for m in live:
            if (
                m.start <= q.start
                and q.end < m.end
                and m.quantity is None
                and work.startswith("-strong", q.end)
                and not work.startswith(" of ", m.end)
            ):
                # "a 12,000-strong force": the count is written into the noun itself (a force "of
                # North Korean troops" after it: the link to those troops below counts them)
                m.quantity = q
                used.add(qi)
                break
            if m.start < q.end:
                continue
            gap = work[q.end : m.start]
            if gap[:1] in cues.CLOSING_QUOTES and work[q.start - 1 : q.start] in cues.OPENING_QUOTES:
                gap = gap[1:]  # 'killed "several hundred" soldiers': the amount quoted on its own, then its noun
            aside = cues.AMOUNT_ASIDE.match(gap)
            if aside is not None:
                gap = " " + gap[aside.end() :]
            bracket = cues.NOUN_BRACKET_OPEN.match(gap)
            if bracket is not None and work[m.end : m.end + 1] in cues.NOUN_BRACKET_CLOSE:
                gap = " " + gap[bracket.end() :]
            measure = cues.MEASURE_GAP.match(gap)
            if measure and m.category == "compensation":
                gap = gap[measure.end() :]
            partitive = cues.PARTITIVE.match(gap)
            if partitive and m.value in cues.CLASS_ITEMS and work[q.start : q.end].lower() == "one":
                # "the KN-23 was one of the weapons used": a thing counted among a class, not one weapon sent
                used.add(qi)
                break
            if partitive and m.category == "casualty" and _described_group_picked(doc, live, m):
                # "one of the captured soldiers told interrogators ...": a member picked out of a group told before;
                # the casualty word describes the group, and the count is of neither (a fate told after the people,
                # "two of the captured soldiers later died", is counted by the casualty rules)
                used.add(qi)
                break
            if partitive:
                gap = gap[partitive.end() :]  # "at least one of these North Korean missiles": the part counted
            elif work[q.end - 3 : q.end].lower() == " of" and cues.PARTITIVE_DETERMINER.fullmatch(gap):
                gap = ""  # "thousands of its troops": the amount's own "of", then the owner's determiner
            if gap_ok(gap) and (m.quantity is None or m.quantity.start >= q.start):
                if cues.MIXED_FORCE.search(gap):
                    used.add(qi)  # "50,000 Russian and North Korean troops": a count of both sides, not the North's
                    break
                m.quantity = q
                used.add(qi)
            break
    # "15,000 troops, of whom an estimated 4,000 have been killed": a count before the verb
    # of a casualty word is that casualty's count.
    for qi, q in enumerate(quantities):
        if qi in used:
            continue
        mark = next(
            (
                m
                for m in live
                if m.category == "casualty"
                and m.quantity is None
                and m.start >= q.end
                and cues.CASUALTY_VERB_GAP.fullmatch(work, q.end, m.start)
            ),
            None,
        )
        if mark is not None:
            mark.quantity = q
            used.add(qi)
    # "killed 60 and wounded 90": a count right after a casualty verb is that casualty's. (Stretches of time, "killed
    # over three months", were dropped above by DURATION_AFTER; a distance, weight or share counts no people either.)
    for qi, q in enumerate(quantities):
        if qi in used or cues.UNIT_AFTER.match(work, q.end, e):
            continue
        mark = next(
            (
                m
                for m in live
                if m.category == "casualty"
                and m.quantity is None
                and m.end <= q.start
                and not work[m.end : q.start].strip()
            ),
            None,
        )
        if mark is not None:
            mark.quantity = q
            used.add(qi)
    # "The labourers, about 5,000 of them, are...": a count set off after the thing it counts.
    for qi, q in enumerate(quantities):
        if qi in used:
            continue
        owner = next(
            (
                m
                for m in live
                # (or a share of it, "half of the shells - about three million a year - are ...": the count is of
                # the shells the share is of)
                if (m.quantity is None or m.quantity.quantity < 1 and m.quantity.end <= m.start)
                and m.end <= q.start
                and (
                    cues.APPOSITIVE_BEFORE.fullmatch(work, m.end, q.start)
                    and cues.APPOSITIVE_AFTER.match(work, q.end, e)
                    or cues.APPOSITIVE_PHRASE_BEFORE.fullmatch(work, m.end, q.start)
                    and cues.APPOSITIVE_CLOSE_VERB.match(work, q.end, e)
                )
            ),
            None,
        )
        if owner is not None:
            owner.quantity = q
            used.add(qi)
    # "two of the 24 missiles": the partitive amount is a second claim on the same item.
    for qi, q in enumerate(quantities):
        if qi in used:
            continue
        nxt = next((quantities[j] for j in range(qi + 1, len(quantities)) if j in used), None)
        if nxt is None:
            continue
        between = work[q.end : nxt.start]
        out_of = cues.OUT_OF_PARTITIVE.fullmatch(between)
        if cues.PARTITIVE.fullmatch(between) or out_of:
            owner = next((m for m in live if m.quantity is nxt), None)
            if owner is None:
                continue
            if cues.NORTH_ORIGIN_PREDICATE.match(work, owner.end, e):
                # "2 out of 5 missiles fired ... are of North Korean origin": only the part is the North's
                owner.quantity = q
                used.add(qi)
            elif not out_of:
                owner.extra.append(q)
                used.add(qi)
    # "Of the 20 missiles fired at the city, four were North Korean": the part, counted after the whole, is the North's.
    for m in live:
        whole = m.quantity
        if whole is None or not cues.FRONTED_WHOLE_BEFORE.search(work, max(s, whole.start - 12), whole.start):
            continue
        part = next((x for i, x in enumerate(quantities) if i not in used and x.start > m.end), None)
        if (
            part is not None
            and cues.NORTH_ORIGIN_PREDICATE.match(work, part.end, e)
            and "," in work[m.end : part.start]
        ):
            m.quantity = part
            used.add(quantities.index(part))
    for qi, q in enumerate(quantities):
        if qi in used:
            continue
        text_after = work[q.end : e]
        if "$" in work[q.start : q.end] or cues.CASH_AFTER.match(text_after):
            mentions.append(Mention(q.start, q.end, "cash", quantity=q, contextual=True))
            used.add(qi)
            continue
        if cues.OF_EACH_AFTER.match(text_after):
            uncounted = [m for m in live if m.end <= q.start and m.quantity is None and m.category == "materiel"]
            # the one list nearest the count, not every uncounted thing before it ("sent shells in 2023, and this
            # year howitzers and launchers, 50 of each": the shells are no part of the list)
            listed = uncounted[-1:]
            for m in reversed(uncounted[:-1]):
                if not (
                    cues.LIST_JOIN.fullmatch(work, m.end, listed[0].start)
                    or cues.LIST_JOIN_MODIFIED.fullmatch(work, m.end, listed[0].start)
                ):
                    break
                listed.insert(0, m)
            if len(listed) >= 2:
                for m in listed:
                    m.quantity = q  # "howitzers and launchers, 50 of each": the count of every thing listed
                used.add(qi)
                continue
        before = [m for m in live if m.end <= q.start and q.start - m.end <= 110]
        if before and not cues.UNIT_AFTER.match(text_after) and not cues.COUNTS_NOUN_AFTER.match(text_after):
            m = before[-1]
            gap = work[m.end : q.start]
            passing = cues.PASSING_IN_AMOUNT.match(work, q.start, q.end)
            linked = (
                cues.POST_LINK.search(gap if passing is None else gap + passing.group(0))
                or (len(gap) <= 40 and cues.LINK_IN_AMOUNT.match(work, q.start, q.end))
                # "the number of shells the North has sent could be as high as 3 million": the count
                # of a thing, across the relative clause that says which, is the amount its verb gives
                or (cues.NUMBER_OF_BEFORE.search(work, max(s, m.start - 40), m.start) and cues.COPULA_END.search(gap))
            )
            if linked and (not cues.LINK_BREAK.search(gap) or cues.TOTAL_WORD.search(gap)):
                if m.quantity is None:
                    m.quantity = q
                elif cues.TOTAL_WORD.search(gap):
                    m.extra.append(q)
                else:
                    continue
                used.add(qi)
                continue
        elliptical = cues.ELLIPTICAL_MORE.match(text_after) or (
            # "another 2,000 arrived", "a further 1,500 were sent": the count of a group named before
            cues.ADDITIONAL_AMOUNT_BEFORE.search(work, max(s, q.start - 16), q.start)
            and not cues.COUNTS_NOUN_AFTER.match(text_after)
            and not cues.UNIT_AFTER.match(text_after)
        )
        if not elliptical and cues.EARLIER_BATCH_MOVED_AFTER.match(text_after):
            # "..., in addition to the 148 already supplied": the earlier batch of what the sentence counts
            elliptical = cues.EARLIER_BATCH_BEFORE.search(work, max(s, q.start - 40), q.start)
        if elliptical and not any(m.start >= q.end and m.start - q.end <= 12 for m in live):
            # "sent 11,000 troops in 2024, with 3,000 more in May": the group counted earlier in the
            # sentence, before one counted in the sentences before
            counted_here = [m for m in live if m.end <= q.start and m.quantity is not None and m.category != "casualty"]
            item = counted_here[-1].value if counted_here else memory.context_item(sent.index, people=True, window=2)
            if item:
                mentions.append(Mention(q.start, q.end, item, quantity=q, contextual=True))
                used.add(qi)
        elif (
            sent.has_nk
            and cues.TROOP_VERB_BEFORE.search(work, max(s, q.start - 14), q.start)
            and cues.BARE_COUNT_END.match(text_after)
        ):
            # "North Korea deployed 11,000", "Pyongyang has dispatched about 3,000 to Kursk": soldiers
            mentions.append(Mention(q.start, q.end, "troops", quantity=q, contextual=True))
            used.add(qi)
        elif (bare := cues.BARE_COUNT_MOVED_AFTER.match(text_after)) and not any(
            m.start >= q.end and m.start - q.end <= 12 for m in live
        ):
            # "Seoul says 13,000 have been deployed": the count of what the sentences before moved ("60 have been
            # fired": weapons, not people)
            fired = bare.group(0).lower().endswith(("fired", "launched"))
            item = memory.context_item(sent.index, people=not fired, window=2)
            if item:
                mentions.append(Mention(q.start, q.end, item, quantity=q, contextual=True))
                used.add(qi)
    # "500 officers, including three generals", "500 officers and three generals": a count of the same kind of thing
    # told as part of the one just counted (the generals are officers too) is a part of that group, not a group sent
    # of its own. (For other things only "including" says so: "20 KN-23 and 10 KN-24 missiles" are two counts.)
    counted_live = sorted((m for m in live if m.quantity is not None), key=lambda m: m.start)
    for group, member in zip(counted_live, counted_live[1:]):
        member_count = member.quantity
        if member.value != group.value or member_count is None or member_count.start < group.end:
            continue
        joined = cues.SUBGROUP_GAP.fullmatch(work, group.end, member_count.start)
        if joined is not None and (joined.group("including") or member.value in cues.RANKED_ITEMS):
            member.consumed = True
    for m in mentions:
        counted = m.quantity
        if (
            counted is not None
            and counted.start >= m.end
            and counted.bound == "exact"
            and cues.ESTIMATED_NOUN_BEFORE.search(work, max(s, m.start - 60), m.start)
        ):
            m.quantity = replace(counted, bound="about")  # "raised its estimated casualties to 4,000": an estimate
    mentions.sort(key=lambda m: (m.start, -m.end))


# Searched before nearly every mention, and their words are rare: found as WindowCue finds them.
_HYPOTHETICAL_BEFORE = WindowCue(cues.HYPOTHETICAL_BEFORE)
_MAKE_GOOD_BEFORE = WindowCue(cues.MAKE_GOOD_BEFORE)
_PLACE_TAKEN_BEFORE = WindowCue(cues.PLACE_TAKEN_BEFORE)
_DELEGATION_OF_BEFORE = WindowCue(cues.DELEGATION_OF_BEFORE)
_HARMED_THING_BEFORE = WindowCue(cues.HARMED_THING_BEFORE)
_BACKGROUND_CLAUSE = WindowCue(cues.BACKGROUND_CLAUSE)
_CONTENTS_BEFORE = WindowCue(cues.CONTENTS_BEFORE)
_COMPONENTS_BEFORE = WindowCue(cues.COMPONENTS_BEFORE)
_OWN_DRAFT_BEFORE = WindowCue(cues.OWN_DRAFT_BEFORE)
_AMONG_THEM_BEFORE = WindowCue(cues.AMONG_THEM_BEFORE)
_QUESTION_BEFORE = WindowCue(cues.QUESTION_BEFORE)


def uncounted_containers_holding(doc: Document, holder: Mention | None, m: Mention) -> bool:
    """``m`` is told as what figure-less containers named just before it hold or could hold ("containers, probably
    bound for Russia, that could contain 6 million shells", "containers with up to 6 million shells")."""
    if holder is None or holder.value != "containers" or holder.quantity is not None or holder.contextual:
        return False
    if not holder.end <= m.start <= holder.end + 160:
        return False
    if cues.CONTAINERS_WITH.fullmatch(doc.work, holder.end, m.start):
        return True  # "containers with up to six million shells"
    verb = cues.CONTENTS_VERB_BEFORE.search(doc.work, holder.end, m.start)
    return verb is not None and not cues.HOLDER_GAP_BREAK.search(doc.work, holder.end, verb.start())


def filter_mentions(doc: Document, memory: Discourse, sent: Sentence, mentions: list[Mention]) -> list[Mention]:
    work = doc.work
    kept: list[Mention] = []
    # Where the last thing read as the contents of counted containers ends: the things listed on after it
    # ("10,000 containers of shells, anti-tank missiles and howitzers") are their contents too.
    contents_end = -1
    for m in mentions:
        if m.consumed:
            continue
        before_start = max(sent.start, m.start - 70)
        before = work[before_start : m.start]
        word = work[m.start : m.end]
        cat = m.category
        if cat == "casualty" and _HYPOTHETICAL_BEFORE.search(doc, max(sent.start, m.start - 30), m.start):
            continue  # "rather than be taken prisoner"
        if (
            cat == "casualty"
            and m.quantity is None
            and _MAKE_GOOD_BEFORE.search(doc, max(sent.start, m.start - 40), m.start)
        ):
            continue  # "more troops to replace its losses": why they are sent, not a count of losses
        if (
            cat == "casualty"
            and m.value == "captured"
            and word.lower().startswith("captur")
            and _PLACE_TAKEN_BEFORE.search(doc, max(sent.start, m.start - 70), m.start)
        ):
            continue  # "the region, which Ukraine captured in August": ground taken, not soldiers
        if (
            cat == "materiel"
            and m.quantity is None
            and _HARMED_THING_BEFORE.search(doc, max(sent.start, m.start - 40), m.start)
        ):
            continue  # "faulty shells causing damage to weapons": the guns harmed, not a thing moved or used
        if (
            cat in ("troops", "personnel")
            and m.quantity is None
            and _DELEGATION_OF_BEFORE.search(doc, max(sent.start, m.start - 50), m.start)
        ):
            continue  # "sent a delegation of its officers to Moscow": a visit, not people sent to serve
        if (
            cat == "troops"
            and word.lower().endswith(("deployment", "deployments"))
            and cues.PAID_FOR_BEFORE.search(work, max(sent.start, m.start - 40), m.start)
        ):
            continue
        if (
            cat == "troops"
            and m.quantity is None
            and (word.lower().endswith(("deployment", "deployments")) or "deployment" in before)
            and cues.DEPLOYMENT_AS_TIME_BEFORE.search(work, max(sent.start, m.start - 60), m.start)
        ):
            continue  # "jammers given since the troop deployment": a date for another fact, presupposed
        if (
            cat == "troops"
            and word.lower() == "reinforcements"
            and cues.OTHER_SIDE_SENDS_BEFORE.search(work, max(sent.start, m.start - 80), m.start)
        ):
            continue  # "Ukraine sent reinforcements after the North's attack": Kyiv's own soldiers
        if (
            cat == "troops"
            and m.quantity is None
            and _FURTHER_DEPLOYMENT.fullmatch(word)
            and any(
                x.start < m.start
                and not x.contextual
                and x.category in ("materiel", "technology", "satellite")
                and cues.PUT_IN_PLACE_BEFORE.search(work, max(sent.start, x.start - 50), x.start)
                for x in mentions
            )
        ):
            continue  # "has deployed missiles; further deployments are expected": more of the things, not soldiers
        if cat == "troops" and m.quantity is None and cues.CHOICE_AFTER.match(work, m.end, sent.end):
            continue  # "additional troop deployment is Pyongyang's decision": a choice spoken of, not an act
        if (
            cat == "technology"
            and not m.contextual
            and cues.THIRD_OWNER.search(work[max(sent.start, m.start - 30) : m.start])
        ):
            continue  # "hard for Ukraine's air defense systems to stop": a third state's own, given by no one
        if cat in ("materiel", "troops", "personnel") and not m.contextual:
            if m.quantity is None and (
                _BACKGROUND_CLAUSE.search(doc, max(sent.start, m.start - 90), m.start)
                or _HYPOTHETICAL_BEFORE.search(doc, max(sent.start, m.start - 30), m.start)
            ):
                continue  # "the first captures since Pyongyang sent troops": presupposed, not claimed
            if (
                kept
                and m.quantity is None
                and kept[-1].category == "materiel"
                and _PURPOSE_GAP.fullmatch(work[kept[-1].end : m.start])
            ):
                continue  # "rockets for 122mm multiple rocket launchers": what they are for
            counted_before = bool(kept) and kept[-1].quantity is not None
            # "12,000 troops, including officers": the officers are sent too (a dispatch of
            # their own, with no count); among counted materiel, the parts belong to the count.
            ranked_among = cat == "personnel" and counted_before and kept[-1].category == "troops"
            holder = kept[-1] if kept else None
            counted_holder = holder is not None and holder.quantity is not None and holder.end <= m.start
            # (what ``before`` holds, searched in place: neither cue reads what precedes its match)
            contents = m.quantity is None and (
                _CONTENTS_BEFORE.search(doc, before_start, m.start) is not None
                or contents_end >= 0
                and counted_holder
                and cues.LIST_JOIN_MODIFIED.fullmatch(work, contents_end, m.start) is not None
            )
            if contents and not counted_holder:
                # "loaded containers (crates, cargo) of munitions" with no count of the holders: the
                # claim is the munitions'; a figure-less "containers" beside them says nothing more.
                if (
                    holder is not None
                    and holder.value == "containers"
                    and holder.quantity is None
                    and not holder.contextual
                ):
                    holder.consumed = True
                    kept.pop()
            elif m.quantity is not None and uncounted_containers_holding(doc, holder, m):
                # "sent containers that could hold 6 million shells": the count is of what they hold, and the
                # figure-less containers tell the same shipment again (17b, 15e)
                assert holder is not None
                holder.consumed = True
                kept.pop()
            elif m.quantity is None and (
                contents
                or counted_before
                and not ranked_among
                and _COMPONENTS_BEFORE.search(doc, before_start, m.start)
            ):
                m.consumed = True  # "containers of munitions", "a mix of guns and launchers": parts of another claim
                if contents:
                    contents_end = m.end
                continue
            near = work[max(sent.start, m.start - 30) : m.start]
            own = cues.OTHER_OWNER.search(near) or ("-" in near and _FOREIGN_MADE_BEFORE.search(near))
            # The North named in the thing ("Russian forces fired North Korean missiles") or as the owner of an
            # "own" ("North Korea sent its own shells"): the thing is the North's, whoever is named before it.
            if (
                own
                and (
                    lx.NK.match(work, m.start)
                    # "Russia's procurement of missiles from North Korea": the owner acquires them from the North
                    or cues.ORIGIN_AFTER.match(work, m.end, sent.end)
                    or own.group().lower().startswith("own")
                    and north_owns(work, sent, near[: own.start()])
                )
            ):
                own = None
            if own:
                # "parts from the DPRK armed with Russian weapons": the North named before another owner
                # owns the thing too only when joined to it ("North Korean and Russian troops"). Cargo that
                # Russian ships land in the North is Russia's, on its way there: kept for the reverse flow.
                if not cues.NK_OWNER_JOINED.search(near, 0, own.start()) and not (
                    m.value == "containers"
                    and any(
                        r.start() < m.start < r.end() for r in cues.G_REVERSE.finditer(doc.idx, sent.start, sent.end)
                    )
                ):
                    continue  # "Russian munition demands", "Ukrainian soldiers", "US-made missiles"
            elif cat == "troops" and cues.OWNER_AFTER.match(work, m.end, sent.end) and not cues.NK_OWNER.search(near):
                continue  # "units of Ukraine's army"
            elif (
                cat == "troops"
                and (draft := _OWN_DRAFT_BEFORE.search(doc, max(sent.start, m.start - 60), m.start))
                # "North Korean and Russian troops have lost 3,000 soldiers": the North loses with the side
                and not cues.NK_OWNER_JOINED.search(work, max(sent.start, draft.start() - 30), draft.start())
            ):
                continue  # "as Kyiv drafts 160,000 troops": its own soldiers
            elif cat == "troops" and m.quantity is None and cues.CAPITAL_OWNER_BEFORE.search(near):
                continue  # "missiles that Moscow troops launch": Russia's own soldiers
            if m.value in cues.NORTH_NAMED_ITEMS and not (
                sent.has_nk
                and (
                    m.contextual
                    or cues.NK_OWNER_ADJACENT.search(work, max(sent.start, m.start - 40), m.start)
                    or cues.ORIGIN_AFTER.match(work, m.end)
                    or lx.NK.search(work, sent.start, min(m.start, sent.start + 30))
                    # "Russia gave drones to North Korea": Russia's gift, read as its transfer
                    or russia_gives_it(doc, sent.start, sent.end, m)
                )
            ):
                # "Russian crews flew eighty drones", "Russia attacked with four North Korean missiles and
                # 57 drones": drones are the North's only when it is named with them or as the one acting
                continue
            if cues.SAYING_AFTER.match(work, m.end, sent.end):
                continue  # "military experts say": a source, not a thing sent
            if (
                cat == "personnel"
                and m.quantity is None
                and (
                    cues.AMONG_THEM_AFTER.match(work, m.end, sent.end)
                    or _AMONG_THEM_BEFORE.search(doc, max(sent.start, m.start - 50), m.start)
                )
            ):
                continue  # "officers were among them": part of a group told of already, not sent apart
            if _QUESTION_BEFORE.search(doc, max(sent.start, m.start - 40), m.start):
                continue  # "did not say how many troops", "unclear whether any missiles": asked, not claimed
        if cat == "personnel" and "anction" in before and cues.SANCTION_TARGET_BEFORE.search(before):
            continue  # "sanctions on its defence minister and four generals": the people punished
        if (
            cat in ("troops", "personnel")
            and ", including" in before
            and cues.INCLUDED_IN_GROUP_BEFORE.search(before)
            and any(x.category == "casualty" for x in mentions)
        ):
            # "three soldiers, including two officers, were hurt": part of the group harmed, not a group sent
            # ("12,000 troops, including officers, are being trained" does send the officers)
            continue
        if (
            cat in ("troops", "personnel")
            and not m.contextual
            and "our " in doc.low[max(sent.start, m.start - 25) : m.start]
            and cues.FIRST_PERSON_BEFORE.search(before[-25:])
            and "korean" not in word.lower()  # "our Korean comrades": the North's soldiers, whoever speaks
        ):
            # "our armed forces", "your soldiers": the speaker's (or the addressee's) own side.
            addressed = cues.SECOND_PERSON.search(before[-25:]) is not None
            if not speaker_is_north(doc, memory, sent, addressed=addressed):
                continue
            kept.append(m)
            continue
        if (
            cat == "troops"
            and not m.contextual
            and m.quantity is None
            and any(map(doc.low[max(sent.start, m.start - 25) : m.start].__contains__, cues.HARMED_STEMS))
            and cues.HARMED_BEFORE.search(before[-25:])
        ):
            if not cues.NK_OWNER.search(before[-25:]):
                continue  # "shells that burst in the barrel, injuring soldiers": the crews harmed, not a claim
        if cat == "troops" and not m.contextual:
            if (
                cues.QUANTITY_ONLY.search(word)
                and (m.quantity is None or m.quantity.quantity < 100)
                and not (
                    m.quantity is not None
                    and (
                        cues.BEFALLEN_AFTER.match(work, m.end, sent.end)
                        or cues.BEFALLEN_BEFORE.search(work, max(sent.start, m.quantity.start - 24), m.quantity.start)
                    )
                )
            ):
                continue  # "North Koreans", "men": people only when counted, and in numbers ("the two men" talked)
            if cues.UNIT_WORDS.search(word):
                soldiers = (
                    m.quantity is not None
                    and cues.SOLDIER_COUNT_FORCES.search(word) is not None
                    and m.quantity.quantity >= cues.SOLDIER_COUNT_MIN
                )
                if m.quantity is not None and "-strong" not in work[m.quantity.start : m.end] and not soldiers:
                    m.quantity = None  # "four brigades": a count of units, not of soldiers
                definite = _DEFINITE_BEFORE.search(before)
                if (
                    not cues.NK_OWNER.search(before[-30:])
                    # (the army's units named in a sentence of the war: "units of the KPA facing the south" are at home)
                    and not (sent.has_ru and cues.NK_OWNER_AFTER.match(work, m.end, sent.end))
                    and not _UNIT_OF_SOLDIERS.search(word + before[-14:])
                    and not (definite and memory.context_item(sent.index) == "troops")
                ):
                    continue
        kept.append(m)
    rotation = cues.ROTATION.search(work, sent.start, sent.end) if "replac" in doc.low[sent.start : sent.end] else None
    if rotation is not None:
        rotate(kept, rotation)
    # "guns and launchers ..., bringing the total to 200 systems": the count is of the class.
    artillery = [m for m in kept if m.value in cues.ARTILLERY_TYPES]
    counted = [m for m in artillery if m.quantity is not None]
    count_end = counted[0].quantity.end if len(counted) == 1 and counted[0].quantity is not None else sent.end
    if (
        len(artillery) >= 2
        and len({m.value for m in artillery}) >= 2
        and len(counted) == 1
        and _SYSTEMS_AFTER.match(work[count_end : sent.end])
    ):
        counted[0].value = "artillery_systems"
        for m in artillery:
            if m is not counted[0]:
                m.consumed = True
    # "dozens of Koksan guns and 240mm rocket launchers": one count over two kinds of system.
    for a, b in zip(kept, kept[1:]):
        if (
            a.quantity is not None
            and b.quantity is None
            and a.value in cues.ARTILLERY_TYPES
            and b.value in cues.ARTILLERY_TYPES
            and a.value != b.value
            and _LIST_GAP.fullmatch(work[a.end : b.start])
        ):
            a.value = "artillery_systems"
            b.consumed = True
    return [m for m in kept if not m.consumed]


def russia_gives_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches where Russia gives the North things: "Russia has given North Korea drones", "Moscow supplied
    Pyongyang with missiles", "received from Russia", "the North sent shells and in return received drones"."""
    spans = [x.span() for x in cues.G_RUSSIA_GIVES_NORTH.finditer(doc.idx, start, end)]
    if doc.low.find(" with ", start, end) != -1:  # "Russia provided the North with ...": only where its "with" is
        spans += [x.span() for x in cues.G_RUSSIA_SUPPLIES_NORTH_WITH.finditer(doc.idx, start, end)]
    return spans + received_in_return(doc, start, end)


def received_in_return(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """ "The North sent shells and, in return, received help with drones": the stretch the North receives in
    (cues.NORTH_RECEIVES_IN_RETURN)."""
    if doc.low.find(" return", start, end) == -1 and doc.low.find(" exchange", start, end) == -1:
        return []
    return [
        x.span("got")
        for x in cues.G_NORTH_RECEIVES_IN_RETURN.finditer(doc.idx, start, end)
        # the North the subject, not the object of Russia's giving ("Russia sent North Korea oil and in return got ...")
        if not lx.RU.search(doc.work, start, x.start())
    ]


def russia_gives_it(doc: Document, start: int, end: int, m: Mention) -> bool:
    """Is the thing inside a stretch where Russia gives the North things ("Russia gave drones to North Korea"), or
    just before one in its clause ("drones were given to Pyongyang by Moscow": the things before the passive verb)?"""
    return any(
        lo <= m.start < hi or m.end <= lo <= m.end + 12 and "," not in doc.work[m.end : lo]
        for lo, hi in russia_gives_spans(doc, start, end)
    )


def given_by_russia(doc: Document, start: int, end: int, m: Mention) -> str | None:
    """The item of a thing of war Russia gives the North ("Russia has given North Korea drones", "Moscow supplied
    Pyongyang with missiles"), or None when the sentence does not tell Russia giving it: a thing on a trade's other
    side ("oil in exchange for shells") flows from the North (cues.GIVEN_BY_RUSSIA says how each thing is named)."""
    if m.value in cues.GIVEN_BY_RUSSIA:
        # Weapons systems and tanks where the North is provided "with" them: "the weapon system Russia has transferred
        # to the North" after a system named before refers back to it.
        given = cues.G_RUSSIA_SUPPLIES_NORTH_WITH.finditer(doc.idx, start, end)
        return m.value if any(x.start() <= m.start < x.end() for x in given) else None
    for lo, hi in russia_gives_spans(doc, start, end):
        inside = (
            lo <= m.start < hi
            and not cues.TRADE_OTHER_SIDE.search(doc.work, lo, m.start)
            # with Russia the subject, the thing is the object of its giving ("Moscow got shells and sent oil to
            # Pyongyang": the shells are what it got)
            and not (cues.RUSSIA_FIRST.match(doc.work, lo) and not cues.GIVING.search(doc.work, lo, m.start))
        )
        # "drones from Russia to North Korea": the thing right before the flow, in the same clause
        before = m.end <= lo <= m.end + 12 and "," not in doc.work[m.end : lo]
        if inside or before and not cues.DESTINATION_GAP.search(doc.work, m.end, lo):
            return "missile_technology" if m.value in cues.MISSILES_GIVEN_BY_RUSSIA else "military_technology"
    return None


def speaker_is_north(doc: Document, memory: Discourse, sent: Sentence, addressed: bool = False) -> bool:
    """Is North Korea the side that "our" (or, when ``addressed``, "your") names in this sentence?
    Its speaker is the North when the sentence names the North's voice and no other side's; an
    addressee is the North when the speaker is Russia's and the North is named nearby. A person
    named in full earlier counts by a bare name ("..., Kim said")."""
    sides = {cues.GOVERNMENT_OF.get(m.value, m.value) for m in sent.sources if m.value in cues.SIDE_VOICES}
    if not sides:
        sides = memory.people_sides(doc.work[sent.start : sent.end]) & {
            cues.GOVERNMENT_OF.get(v, v) for v in cues.SIDE_VOICES
        }
    if addressed:
        window = doc.sentences[max(0, sent.index - 3) : sent.index + 1]
        return bool(sides <= {"Russia government"}) and any(x.has_nk for x in window)
    return sides == {"North Korea government"}


def rotate(kept: list[Mention], rotation: re.Match[str]) -> None:
    """ "Replaced 3,000 of its soldiers with fresh units": a rotation. The fresh units are the
    deployment; the troops replaced are not a new deployment figure."""
    lo, hi = rotation.span("old")
    fresh = any(m.category == "troops" and m.start >= hi for m in kept)
    for m in kept:
        if m.category == "troops" and lo <= m.start < hi:
            if fresh:
                m.consumed = True
            else:
                m.quantity = None


def casualty_item(value: str) -> str:
    """The casualty item of one marker. "Killed and wounded" is one item, with a count or without: every real set
    labels "soldiers were killed and wounded" as one claim of both together, as it labels "1,000 killed and
    wounded" (convention 23g)."""
    return "killed_or_wounded" if value in ("casualties", "killed_or_wounded") else value


def losses_as_cause(doc: Document, sent: Sentence, mark: Mention) -> bool:
    """The casualty word names losses as the cause of what the sentence tells ("pulled back due to heavy losses",
    "the heavy losses are due to poor training"): presupposed, a count told elsewhere in the article is them
    (drafts.fold)."""
    return bool(
        cues.LOSSES_AS_CAUSE_BEFORE.search(doc.work, max(sent.start, mark.start - 50), mark.start)
        or cues.LOSSES_AS_CAUSE_AFTER.match(doc.work, mark.end, sent.end)
    )


def _described_group_picked(doc: Document, live: list[Mention], mark: Mention) -> bool:
    """After a partitive ("one of the"), a casualty word that describes the people named right after it ("captured
    soldiers"), with no fate told of them after: the partitive picks members out of that group. The people are the
    group told before: they pair with that casualty word, uncounted, and name no claim of their own ("one of the
    captured soldiers said he was sent to the war")."""
    people = next(
        (
            x
            for x in live
            if x.category in ("troops", "personnel")
            and x.start >= mark.end
            and cues.DESCRIBED_PEOPLE_GAP.fullmatch(doc.work, mark.end, x.start)
        ),
        None,
    )
    if people is None or any(x.category == "casualty" and x.start >= people.end for x in live):
        return False
    people.picked_from = True
    return True


def gap_ok(gap: str) -> bool:
    """Only modifiers between an amount and its noun: "1,000 North Korean-made 152mm shells".

    A verb ("included"), a preposition or another plural noun ("two countries ... ammo") in
    between means the amount counts something else.
    """
    if len(gap) > 60 or cues.GAP_PUNCTUATION.search(gap):
        return False
    words = cues.GAP_WORD.findall(gap)
    if len(words) > 5:
        return False
    # One conjunction after a modifier ("artillery and rocket rounds", "mortar and artillery shells").
    joins = [i for i, w in enumerate(words) if w.lower() in cues.GAP_CONJUNCTIONS]
    if len(joins) == 1 and joins[0] > 0:
        words = words[: joins[0]] + words[joins[0] + 1 :]
    if words and words[0].lower() == "such" and "as" not in (w.lower() for w in words):
        words = words[1:]  # "around 50 such missiles": the amount of the kind told before ("50 such as ..." lists)
    previous = ""
    for w in words:
        lw = w.lower().strip(".")
        if lw in cues.GAP_BREAK or cues.DIGITS_WORD.fullmatch(lw):
            return False
        if (
            "-" not in lw
            and lw.endswith("ed")
            and lw not in cues.GAP_ADJECTIVES_ED
            and not cues.GAP_ADVERB_LY.fullmatch(previous)
        ):
            return False
        previous = lw
        if (
            lw.endswith("s")
            and not lw.endswith(("'s", "ss"))
            and len(lw) > 3
            and lw not in ("forces", "arms", "koreans", "others")  # "1,000 others injured": the same group
        ):
            return False
    return True


def nearest(matches: list[re.Match[str]], m: Mention, switches: Sequence[int] = ()) -> int | None:
    """Distance from a mention (its amount included) to the closest cue match in its clause, or None: a cue
    across a clause of contrast or cause (``switches``, the sorted starts of ``cues.CLAUSE_SWITCH``) is that
    clause's."""
    best: int | None = None
    start = min(m.start, m.quantity.start) if m.quantity is not None else m.start
    for c in matches:
        if c.end() <= start:
            d = start - c.end()
            lo, hi = c.end(), start
        elif c.start() >= m.end:
            d = c.start() - m.end
            lo, hi = m.end, c.start()
        else:
            d, lo, hi = 0, 0, 0
        if switches and lo < hi:
            i = bisect_left(switches, lo)
            if i < len(switches) and switches[i] < hi:
                continue
        if best is None or d < best:
            best = d
    return best


def domains(phrase: str) -> list[str]:
    found = [item for item, pattern in lx.TECH_DOMAINS if pattern.search(phrase)]
    if re.search(r"\b(?:launch\s+vehicles?|rocket\s+engines?|engines?)\b", phrase, re.I) and not found:
        found = ["satellite_technology"]
    if "satellite_technology" in found and "space_technology" in found:
        found.remove("space_technology")
    if "submarine_technology" in found and "nuclear_technology" in found and cues.NUCLEAR_SUBMARINE.search(phrase):
        found.remove("nuclear_technology")  # "its nuclear submarine programme": one domain
    if "missile_technology" in found and (compounds := list(cues.DOMAIN_BEFORE_MISSILE.finditer(phrase))):
        missile_words = lx.TECH_DOMAIN_PATTERN["missile_technology"].finditer(phrase)
        if all(any(c.start() < w.start() < c.end() for c in compounds) for w in missile_words):
            found.remove("missile_technology")  # "nuclear missile technology": the missile carries the domain
    return found


def north_owns(work: str, sent: Sentence, before_own: str) -> bool:
    """The owner of an "own" is the North: named right before it, or the "its"/"their" of a sentence
    the North opens ("Pyongyang sent its own troops"; "Russia fired its own shells" is Russia's)."""
    if cues.NORTH_POSSESSIVE_BEFORE.search(before_own):
        return True
    return bool(cues.PRONOUN_BEFORE_OWN.search(before_own) and lx.NK.search(work, sent.start, sent.start + 30))
