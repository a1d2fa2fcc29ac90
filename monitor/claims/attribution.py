"""Who makes a sentence's claims: a named source by its verb of saying, a transcript's speaker, a
headline's credit, an organisation opening the sentence, a pronoun for the last source, a learned
name, and a lawmaker relaying an agency's briefing (attributed to the agency)."""

from __future__ import annotations

import re

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.discourse import Discourse
from monitor.claims.document import Document, heading_author
from monitor.claims.drafts import NAMELESS_VOICES, government_of
from monitor.claims.model import Draft, Mention, Sentence
from monitor.claims.timerefs import as_of_reading

# Voices a sentence after them does not go on with: the outlet's own, a voice that names no one, a picture
_NOT_CARRIED = frozenset({"outlet", "unnamed officials", "video footage", "media reports", "analysts"})
_RELAYED_HEDGE = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly)\b", re.I)
_CITING = frozenset({"citing", "quoting"})
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# A sentence opening an item of a bulleted list: its line opens with a bullet (the sentence may hold the bullet).
_BULLET_OPENS = re.compile(r"[^\S\n]*[\u2022\u00b7\u25aa\u25cf\u2013*-][^\S\n]")
_NAMES_JOINED = re.compile(r"-[A-Z]")
# A line that signs the paragraph above it: a dash and a name alone ("\u2014Shin Won-sik", "- John Kirby").
_SIGNATURE_LINE = re.compile(r"[\u2014\u2013-]\s*[A-Z][\w'\u2019]+(?:[\s-]+[A-Za-z][\w'\u2019.]*){0,3}[^\S\n]*")
# "the National Resistance Center of Ukraine", "the National Intelligence Service (NIS) of South Korea" (the body's
# short name in brackets between it and its state)
_OF_STATE_GAP = re.compile(r"(?:\s*\([A-Z][\w-]{1,9}\))?\)?\s+of\s+(?:the\s+)?")
_LEAD_IN_END = re.compile(r"[:,\u2014-]\s*$")  # compiled once, not looked up in re's cache per sentence


def source_of(doc: Document, memory: Discourse, sent: Sentence) -> str:
    """Who makes the claims of ``sent``; also updates the pronoun and relay memory."""
    chosen = carried_source(doc, memory, sent)
    if chosen == "outlet" and memory.previous is not None:
        chosen = paragraph_goes_on(doc, memory, sent, memory.previous)
    if chosen == "outlet":
        chosen = signed_below(doc, memory, sent) or chosen
    memory.previous = (sent.index, chosen)
    return chosen


def signed_below(doc: Document, memory: Discourse, sent: Sentence) -> str | None:
    """ "While the factories run at 30 percent, some run at full capacity." over a line "—Shin Won-sik": a paragraph
    signed on the line under it, as a quotation set off in a box is, is the signer's, when the source table knows the
    name."""
    if sent.index + 1 >= len(doc.sentences):
        return None
    after = doc.sentences[sent.index + 1]
    if doc.work[sent.end : after.start].strip(" \t") != "\n":
        return None
    signature = _SIGNATURE_LINE.fullmatch(doc.work, after.start, after.end)
    if signature is None:
        return None
    # (the name alone: a hyphen before it would read as part of a compound)
    named = next(lx.SOURCES.finditer(doc.work[after.start : after.end].lstrip("-\u2013\u2014 ")), None)
    found = lx.SOURCES.value(named) if named is not None else None
    if found is not None:
        memory.attribution_step = "a paragraph signed on the line under it: the signer"
    return found


def paragraph_goes_on(doc: Document, memory: Discourse, sent: Sentence, previous: tuple[int, str]) -> str:
    """ "Half of the shells come from the North, reports The Times. Three million are to be shipped a year.": a
    sentence with no voice of its own, in the paragraph of a named source's sentence just before, goes on with
    that source (its figure-less restatement of a fact counted elsewhere stays the outlet's: restatements_unnamed)."""
    index, source = previous
    if index != sent.index - 1 or source in _NOT_CARRIED:
        return "outlet"
    text = doc.work[sent.start : sent.end]
    # "This figure reflects ...", "This indicates that ...": a demonstrative subject points back at what the sentence
    # just before told, so that sentence's teller goes on, across a paragraph's break too, and a verb or noun of
    # saying in it ("This indicates", "from January's estimate") is that teller's, not a voice of its own
    pointing = cues.POINTS_BACK.match(text) is not None
    if (
        not pointing
        and doc.work.find("\n", doc.sentences[index].start, sent.start) != -1
        and not _BULLET_OPENS.match(doc.work, doc.work.rfind("\n", 0, sent.start) + 1, sent.start + 2)
    ):
        # (an item of a list goes on with the sentence that introduces the list, or the item before it: "Seoul's
        # minister said on Monday: / - the North has sent 6,000 containers / - it gets food in return")
        return "outlet"
    # (a verb of saying whose speaker was not found, or a body named, is a voice of the sentence's own; "reportedly",
    # "allegedly" point at no one: the outlet relays what is said about, as convention 5 keeps it)
    # A sentence with a subject pointing back ("The agency puts the blame on ...") acts itself, and one that dates its
    # own events ("..., the North failed to launch in October") tells the background: neither goes on with the voice
    if (
        (not pointing and cues.G_ATTRIBUTION.search(doc.idx, sent.start, sent.end) is not None)
        or _RELAYED_HEDGE.search(doc.work, sent.start, sent.end)
        or cues.ANAPHOR.match(text)
        or as_of_reading(text, doc.published) is not None
        or any(
            m.value not in cues.PARTIES and not cues.BARE_COUNTRY.fullmatch(doc.work[m.start : m.end])
            for m in sent.sources
        )
    ):
        return "outlet"
    memory.attribution_step = (
        "a demonstrative subject pointing back at the sentence just before: its named source goes on"
        if pointing
        else "no voice of its own, in the paragraph of a named source just before: that source goes on"
    )
    memory.pointed_back.add((sent.start, sent.end))
    return source


def carried_source(doc: Document, memory: Discourse, sent: Sentence) -> str:
    """:func:`source_of`, less its record of the sentence read last."""
    chosen = read_source(doc, memory, sent)
    paragraph = doc.work.rfind("\n", 0, sent.start) + 1
    quoting = doc.work.startswith('"', paragraph)
    if (
        chosen == "outlet"
        and quoting
        and memory.quoted is not None
        and memory.quoted[0] != paragraph
        and not later_in_paragraph_said(doc, sent)
    ):
        # '"We have new information ...," said Kirby.' then a paragraph of quotation with no speaker of its
        # own: the speaker goes on
        memory.attribution_step = "a paragraph of quotation after a quoted speaker: the speaker goes on"
        return memory.quoted[1]
    if quoting and chosen not in ("outlet", "unnamed officials"):
        memory.quoted = (paragraph, chosen)
    elif not quoting:
        memory.quoted = None
    remember_body(doc, memory, sent)
    return chosen


def remember_body(doc: Document, memory: Discourse, sent: Sentence) -> None:
    """The last body the sentence names, for "the report said" in a later sentence that names no author."""
    for m in reversed(sent.sources):
        if (
            m.value not in cues.PARTIES
            and m.value not in _NAMELESS
            and not cues.BARE_COUNTRY.fullmatch(doc.work[m.start : m.end])
        ):
            memory.last_body = m.value
            return


def later_in_paragraph_said(doc: Document, sent: Sentence) -> bool:
    """Whether a verb of saying follows in the sentence's paragraph ('"We will act. ...," Kirby said.')."""
    end = doc.work.find("\n", sent.end)
    return cues.G_ATTRIBUTION.search(doc.idx, sent.end, len(doc.work) if end == -1 else end) is not None


def read_source(doc: Document, memory: Discourse, sent: Sentence) -> str:
    """:func:`source_of` within the sentence and the memory of the sentences before it."""
    work = doc.work
    author = first_person_author(doc, memory, sent)
    if author is not None:
        memory.attribution_step = "'we' in a statement printed whole: its authors (named after 'We,' or in the title)"
        memory.last_source = author
        return author
    if (
        not sent.sources
        and not memory.names
        and cues.G_ATTRIBUTION.search(doc.idx, sent.start, sent.end) is None
        and speaker(doc, memory, sent) is None
    ):
        # No organisation or person named, no verb of saying, no transcript speaker: the
        # outlet's own voice, and nothing for the pronoun memory to learn.
        memory.attribution_step = "no source, verb of saying or speaker in the sentence: the outlet's own voice"
        return "outlet"
    said = cues.G_ATTRIBUTION.finditer(doc.idx, sent.start, sent.end)
    # Each verb's passive agent ("was condemned by Seoul"), read once: it keeps the verb here and names its source
    # in source_for_verb.
    agents = {v.start(): passive_agent(doc, sent, v) for v in said}
    verbs = [
        v
        for v in said
        if agents[v.start()] is not None
        or not cues.ADJECTIVE_USE.search(work, max(sent.start, v.start() - 5), v.start())
        and not cues.PASSIVE_BEFORE.search(work, max(sent.start, v.start() - 24), v.start())
        and not (
            v.group(0)[:1].isupper() and cues.NAME_PART_BEFORE.search(work, max(sent.start, v.start() - 30), v.start())
        )
    ]
    # "Although Moscow denies any deal, Pyongyang shipped rockets, Seoul said", "The North sent shells, which
    # Pyongyang denies", "..., a move Tokyo condemned": the denier or the condemner speaks for its own clause
    # alone; the main clause's verb of saying names the sentence's source (none: the outlet)
    # (looked for only where there is a verb to set aside: that is all they serve for)
    if verbs:
        asides = [m.span() for m in (cues.FRONTED_CONCESSION.match(work, sent.start, sent.end),) if m is not None]
        asides += [m.span() for m in cues.DENIAL_TAIL.finditer(work, sent.start, sent.end)]
        if cues.G_CONDEMN.search(doc.idx, sent.start, sent.end) is not None:
            # (the reactions are those with a condemnation in them: a sentence without one has none, as
            # read_sentence takes it too, and the four patterns of condemnation_asides need not run)
            asides += cues.condemnation_asides(work, sent.start, sent.end)[1]
        verbs = [v for v in verbs if not any(lo <= v.start() < hi for lo, hi in asides)]
    candidates: list[str] = []
    steps: list[str] = []
    told_at: list[int] = []  # where each candidate's verb stands
    # "citing officials, the JoongAng Daily reported": the one cited speaks only where no verb names a teller
    for v in sorted(verbs, key=lambda v: v.group(0).lower() in _CITING):
        found = source_for_verb(doc, memory, sent, v, agents[v.start()])
        if found and found not in candidates:
            candidates.append(found)
            steps.append(f"the subject of {v.group(0)!r}")
            told_at.append(v.start())
    inner = relayed_teller(work, candidates, steps, told_at)
    if inner:
        candidates.insert(0, candidates.pop(inner))
        steps.insert(0, steps.pop(inner) + "; the body a news outlet relays")
    mention_values = [m.value for m in sent.sources]
    authored = report_author(doc, sent)
    if authored is not None:
        memory.report_author = authored  # even when the sentence itself ends up in the outlet's voice
    subject_author = report_subject(doc, sent)
    if subject_author is not None and subject_author not in candidates[:1]:
        # "The MSMT, formed by eleven UN member states, released its report detailing what it calls ...":
        # the body that wrote the report speaks, not a name inside its apposition.
        candidates.insert(0, subject_author)
        steps.insert(0, "the subject of the sentence, which wrote the report it names")
    text = work[sent.start : sent.end]
    if not candidates and verbs and authored is None and memory.report_author and cues.REPORT_REFERENCE.search(text):
        # "The report, released last week, alleges ...", "according to the report": the report named
        # before, by its author. ("Among the report's findings is ..." stays in the outlet's voice: the
        # outlet restates, and its lede's vague amounts fold into the figures it gives.)
        candidates.append(memory.report_author)
        steps.append("the report named before, by its author")
        memory.pointed_back.add((sent.start, sent.end))
        memory.pointed_source = memory.report_author
    if not candidates and verbs:
        person = next(
            (
                v
                for v in verbs
                if not cues.ANAPHOR.match(text)
                and cues.PERSON_PRONOUN.search(work, max(sent.start, v.start() - 20), v.start())
            ),
            None,
        )
        named = person and subject_named_before(doc, sent, person.start())
        if named:
            # "Gerasimov hailed the soldiers, who he said fought bravely": the person this sentence names.
            candidates.append(named)
            steps.append("a pronoun for the person named earlier in the sentence")
        elif cues.ANAPHOR.match(text) or any(
            # (wide enough for "the South Korean newspaper ")
            (p := cues.PRONOUN_SUBJECT.search(work, max(sent.start, v.start() - 32), v.start())) is not None
            and role_fits(p.group(0), memory.last_source)
            for v in verbs
        ):
            if memory.last_source:
                candidates.append(memory.last_source)
                steps.append("a pronoun for the last source named")
                if memory.last_source == memory.pointed_source:
                    memory.pointed_back.add((sent.start, sent.end))  # "It says ...": the same pointing back
    if (
        not candidates
        and memory.last_body
        and any(cues.DEFINITE_SUBJECT_BEFORE.search(work, max(sent.start, v.start() - 40), v.start()) for v in verbs)
    ):
        # "The report confirms ...", "the deputy chief said": a definite subject pointing back, with no
        # author or speaker resolved for it: the body the article named last.
        candidates.append(memory.last_body)
        steps.append("a definite subject pointing back: the body named last")
        memory.pointed_back.add((sent.start, sent.end))
        memory.pointed_source = memory.last_body
    if not candidates and memory.last_source and cues.IMPERSONAL_SAYING.match(work, sent.start, sent.end):
        # "It was also noted that ...": the passive names no one, and goes on with the source last quoted
        candidates.append(memory.last_source)
        steps.append("a statement in the passive with no agent: the last source named")
    if (
        not candidates
        and memory.previous is not None
        and memory.previous[0] == sent.index - 1
        and memory.previous[1] != "outlet"
        and cues.PASSIVE_SAYING.search(work, sent.start, sent.end)
        # (not across a blank line: a new paragraph's belief is the outlet's background again)
        and not _BLANK_LINE.search(work, doc.sentences[sent.index - 1].end, sent.start)
    ):
        # "According to the admiral, ... . In return, the North is believed to have sent 12,000 soldiers.": a belief
        # or estimate held by no one named, right after a named source, is that source's account going on (after a
        # sentence in the outlet's voice it stays the outlet's)
        candidates.append(memory.previous[1])
        steps.append("a statement in the passive with no agent right after a named source: that source goes on")
    if not candidates and "reports" in text.lower() and cues.UNOWNED_REPORTS.search(work, sent.start, sent.end):
        # "The deliveries come amid reports that ...", "There have been reports of ...": the press, which no one owns
        candidates.append("media reports")
        steps.append("reports owned by no one named, told as a noun before what they say: the press")
    if not candidates:
        lead = speaker(doc, memory, sent) or closing_credit(doc, sent) or opening_subject(doc, sent)
        if lead:
            candidates.append(lead)
            steps.append("the speaker, headline credit or organisation opening the sentence")
    # Seoul's lawmakers relay the briefings of Seoul's agencies: "compared to a U.S. military official's data" in a
    # lawmaker's sentence names another voice, not the briefing's
    agencies = [c for c in candidates if c in cues.SEOUL_AGENCIES]
    lawmaker_here = "South Korea lawmaker" in candidates or "South Korea lawmaker" in mention_values
    if lawmaker_here:
        agency_mentions = [v for v in mention_values if v in cues.SEOUL_AGENCIES]
        if agency_mentions:
            memory.relay = agency_mentions[0]
        elif memory.relay is None and cues.BRIEFING_INTEL.search(work, sent.start, sent.end):
            memory.relay = "South Korea NIS"
    elif memory.last_source == "South Korea lawmaker" and memory.relay is None and cues.RELAY_CUE.search(text):
        # "Lee said ... He spoke after a closed briefing by the NIS.": the briefing the lawmaker just quoted relays
        memory.relay = next((v for v in mention_values if v in cues.SEOUL_AGENCIES), None)
    if agencies and "South Korea lawmaker" in candidates:
        chosen = agencies[0]
        memory.attribution_step = f"lawmakers relaying a briefing: attributed to the agency ({chosen})"
    elif candidates:
        chosen = candidates[0]
        memory.attribution_step = steps[0]
        relay = memory.relay or (relay_ahead(doc, sent) if chosen == "South Korea lawmaker" else None)
        if chosen == "South Korea lawmaker" and relay:
            chosen = relay
            memory.attribution_step += f"; a lawmaker relaying the agency's briefing ({chosen})"
    else:
        memory.attribution_step = "no speaker found for the verbs of saying: the outlet's own voice"
        return "outlet"
    memory.last_source = chosen
    return chosen


# Where a later clause with a teller of its own may begin: ", while the spy agency reported ...", ", and a day later an
# official said ...", "; the agency said ..." (_JOINED_CLAUSE), "a briefing by the agency, which reported ..." (the
# relative's head).
_CLAUSES_JOINED = r",\s*(?:and|while|whereas|but)\s|;\s"
_JOINED_CLAUSE = re.compile(_CLAUSES_JOINED, re.I)
_SECOND_CLAUSE = re.compile(_CLAUSES_JOINED + r"|,?\s(?:which|who)\s", re.I)


def second_teller(doc: Document, sent: Sentence, source: str, found: list[Draft]) -> None:
    """ "The JCS put the dead and wounded at 1,100, while the spy agency reported 100 deaths": a count told after a later
    clause's own verb of saying goes to the teller that clause names, not to the sentence's first teller. Only counts
    move (their amount's place is known), and only to a teller named in that clause (or heading its "which")."""
    counted = [(d, d.count.start) for d in found if d.count is not None]
    if source == "outlet" or not counted or len(sent.sources) < 2:
        return
    work = doc.work
    verbs = list(cues.G_ATTRIBUTION.finditer(doc.idx, sent.start, sent.end))
    for v in verbs[1:]:
        if v.group(0).lower().startswith("according") or not any(at > v.end() for _, at in counted):
            continue
        # (the break after a first verb of saying: a comma and "and" inside the first teller's own name, "U.S., South
        # Korean, and Ukrainian intelligence reported", part no clauses)
        breaks = list(_SECOND_CLAUSE.finditer(work, verbs[0].end(), v.start()))
        if not breaks:
            continue
        b = breaks[-1]
        relative = b.group(0).strip(" ,").lower() in ("which", "who")
        tellers = [
            m
            for m in sent.sources
            if (b.end() <= m.start and m.end <= v.start())
            or (relative and m.end <= b.start() and not work[m.end : b.start()].strip(" ,'\u2019s"))
        ]
        teller = tellers[-1].value if tellers else None
        if (
            teller is None
            or teller == source
            or teller in _NOT_CARRIED
            or teller in cues.PARTIES
            # (a count between the break and the verb is the later clause's subject, not what its teller tells)
            or any(b.end() < at < v.start() for _, at in counted)
        ):
            continue
        for d, at in counted:
            if at > v.end():
                d.source = teller
                if doc.traced:
                    d.trace["source"] = f"a later clause's own teller, named before its verb {v.group(0)!r}"


_HEADS = (" President", " presidential office", " government", " Kremlin")


def role_fits(role: str, teller: str | None) -> bool:
    """Whether a teller named again by ``role`` ("the head of state", "the British daily", "the agency") can be
    ``teller``: a head of state or leader is a state's president, office or government, and a paper a news outlet; a
    spy agency is neither ("The NIS said Kim toured a plant. The leader said ..." is Kim). Other roles, and a teller
    the source table does not know (named by its own words: "Bild"), fit any."""
    if teller is None or teller not in lx.SOURCE_VALUES:
        return True
    if cues.HEAD_ROLE_NAMED.search(role):
        return teller.endswith(_HEADS) or teller in ("White House", "United States")
    if cues.OUTLET_ROLE_NAMED.search(role):
        return teller in lx.NEWS_MEDIA or teller.endswith(" media") or teller == "North Korea KCNA"
    return True


def relayed_teller(work: str, candidates: list[str], steps: list[str], told_at: list[int]) -> int:
    """ "According to the BBC, Pyongyang's military confirmed that ...", "According to a Reuters report, prosecutors in
    Ukraine say ...", "according to Yonhap, the ministry said ...": a news outlet relaying a body's own word gives the
    claim to that body, the innermost teller (docs/claims-conventions.md 5d, 24q). The index of that body among the
    sentence's tellers (in the order of their verbs), or 0 when the first teller keeps it. One the outlet cites
    ("citing the NIS") is not relayed this way: citing keeps the outlet the teller (the cited one speaks only where no
    verb names a teller). Only a body of the outlet's own clause: one whose verb follows a later clause's opening
    ("According to the BBC, the North sent troops, and Kyiv says 3,000 were killed") tells that clause alone
    (second_teller). ``told_at`` holds where each candidate's verb stands."""
    # (only an outlet opening the account, "according to" it: an outlet's credit closing a clause, "..., Reuters
    # reported, and was seen ..., according to Seoul's JCS", credits what went before it, not the next teller's word)
    if len(candidates) < 2 or candidates[0] not in lx.NEWS_MEDIA or "'according to'" not in steps[0].lower():
        return 0
    for i in range(1, len(candidates)):
        teller, step = candidates[i], steps[i]
        cited = any(f"'{w}" in step.lower() for w in _CITING)
        if _JOINED_CLAUSE.search(work, min(told_at[0], told_at[i]), told_at[i]):
            continue
        if not cited and teller not in lx.NEWS_MEDIA and teller not in _NAMELESS:
            return i
    return 0


def first_person_author(doc: Document, memory: Discourse, sent: Sentence) -> str | None:
    """ "We, the G7 foreign ministers, condemn ...", then "We are concerned ...": a statement printed whole speaks
    for its authors, named in its opening apposition or else in its title. Not a quotation (it opens with a quote
    mark) and not the outlet's "we"."""
    if not doc.work.startswith("We", sent.start) or doc.work[sent.start + 2 : sent.start + 3] not in (" ", ","):
        return None
    if cues.WE_THE.match(doc.work, sent.start):
        named = next((m for m in sent.sources if not cues.BARE_COUNTRY.fullmatch(doc.work[m.start : m.end])), None)
        if named is not None and named.value not in cues.PARTIES:
            memory.we_author = named.value
    if memory.we_author is None:
        memory.we_author = heading_author(doc)
    return memory.we_author


def relay_ahead(doc: Document, sent: Sentence) -> str | None:
    """ "Lawmakers said 10,900 troops were in Kursk. ..., said the lawmakers, who were citing a briefing by the
    spy agency.": the agency whose briefing the next sentences say the lawmakers relay."""
    for later in doc.sentences[sent.index + 1 : sent.index + 3]:
        values = [m.value for m in later.sources]
        agency = next((v for v in values if v in cues.SEOUL_AGENCIES), None)
        if agency and "South Korea lawmaker" in values and cues.RELAY_CUE.search(doc.work, later.start, later.end):
            return agency
    return None


def quoted_before(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations closed between ``start`` and ``end``, as absolute spans: names inside them are quoted
    words, not the subject of a verb of saying after them ('"... allies, including North Korea," he said')."""
    if work.find('"', start, end) == -1 and work.find("\u201d", start, end) == -1:
        return []
    return [(start + a, start + b) for a, b in cues.quoted_spans(work[start:end])]


def subject_named_before(doc: Document, sent: Sentence, pos: int) -> str | None:
    """The first person or body named before ``pos`` as a subject (not a country, not after a preposition,
    not inside a quotation)."""
    work = doc.work
    quoted = quoted_before(work, sent.start, pos)
    for m in sent.sources:
        if m.end > pos:
            break
        if any(a <= m.start and m.end <= b for a, b in quoted):
            continue
        if cues.BARE_COUNTRY.fullmatch(work[m.start : m.end]) or cues.PLACE_OBJECT_BEFORE.search(
            work, max(sent.start, m.start - 16), m.start
        ):
            continue
        return m.value
    return None


def report_author(doc: Document, sent: Sentence) -> str | None:
    """ "a report by the MSMT", "the MSMT's report": who wrote the report this sentence names."""
    if not sent.sources or not any(map(doc.low[sent.start : sent.end].__contains__, cues.REPORT_STEMS)):
        return None
    for m in sent.sources:
        if cues.REPORT_BY_BEFORE.search(
            doc.work, max(sent.start, m.start - 80), m.start
        ) or cues.REPORT_AFTER_OWNER.match(doc.work, m.end, sent.end):
            return m.value
    return report_subject(doc, sent)


def report_subject(doc: Document, sent: Sentence) -> str | None:
    """ "The MSMT, a body formed by eleven states, released its first report": the subject wrote it."""
    if not sent.sources or not cues.ITS_REPORT.search(doc.work, sent.start, sent.end):
        return None
    first = sent.sources[0]
    if not cues.REPORT_LEAD_IN.fullmatch(doc.work, sent.start, first.start) or cues.BARE_COUNTRY.fullmatch(
        doc.work[first.start : first.end]
    ):
        return None
    return first.value


def speaker(doc: Document, memory: Discourse, sent: Sentence) -> str | None:
    """ "MR. KIRBY: ..." in a transcript, "Zelensky: 3,000 killed" in a headline: the speaker."""
    line_start = doc.work.rfind("\n", 0, sent.start) + 1
    m = cues.SPEAKER.match(doc.work, line_start, sent.end)
    if not m:
        return None
    label = m.group(1).strip()
    if not (label.isupper() or len(label.split()) <= 3):
        return None
    hit = next(iter(lx.SOURCES.finditer(label)), None)
    found = None if hit is None or cues.BARE_COUNTRY.fullmatch(hit.group(0)) else lx.SOURCES.value(hit)
    if found is None:
        found = memory.person(label.split()[-1].title())
    return found


def closing_credit(doc: Document, sent: Sentence) -> str | None:
    """A headline's credit: "N. Korea sends 3,000 more troops to Russia: JCS"."""
    if not sent.sources:
        return None
    last = sent.sources[-1]
    tail = doc.work[last.end : sent.end].strip(" .'\"")
    lead = doc.work[max(sent.start, last.start - 3) : last.start]
    if tail or not _LEAD_IN_END.search(lead) or cues.BARE_COUNTRY.fullmatch(doc.work[last.start : last.end]):
        return None
    return last.value


def opens_sentence(lead: str, m: Mention) -> bool:
    """Whether the mention ``m`` opens its sentence, ``lead`` being the words before it: none, "the", or the nations
    of a group of voices ("Russian military bloggers have blamed ...", 25n)."""
    lead = lead.strip(" \"'(")
    return lead.lower() in ("", "the") or (
        m.value == "analysts" and lx.NATIONS_BEFORE_GROUP.fullmatch(lead + " ") is not None
    )


def opening_subject(doc: Document, sent: Sentence) -> str | None:
    """ "The Multilateral Sanctions Monitoring Team ... published its report": an organisation
    opening the sentence speaks in it, and is who "It found..." refers to next."""
    work = doc.work
    first = next((m for m in sent.sources if opens_sentence(work[sent.start : m.start], m)), None)
    if first is None or cues.BARE_COUNTRY.fullmatch(work[first.start : first.end]) or first.value in cues.PARTIES:
        return None
    return first.value


def passive_agent(doc: Document, sent: Sentence, v: re.Match[str]) -> str | None:
    """ "was condemned by the U.S. and almost 40 other countries", "as confirmed by Ukrainian military
    intelligence", "an admission by the North that ...": the agent after a verb of saying in the passive, or after a
    noun of saying, says it (jointly, if several). Not in a
    participle after its noun ("lawmakers briefed by the spy agency said"): the noun speaks, relaying."""
    noun = cues.NOUN_OF_SAYING.fullmatch(v.group(0)) is not None
    by = (cues.NOUN_AGENT_AFTER if noun else cues.PASSIVE_AGENT_AFTER).match(doc.work, v.end(), sent.end)
    if by is None or v.group(0).lower().startswith(("quot", "cit")):
        return None  # "an envoy, quoted by state media, denied ...": the one quoted speaks, the medium relays
    lo = max(sent.start, v.start() - 24)
    if not (
        cues.PASSIVE_BEFORE.search(doc.work, lo, v.start()) or cues.AS_BEFORE.search(doc.work, lo, v.start()) or noun
    ):
        return None
    agent = next((m for m in sent.sources if by.start() < m.start <= by.end()), None)
    if agent is None:
        return None
    last = agent
    agents = [agent]
    for m in sent.sources:  # the agents conjoined after the first
        gap = doc.work[last.end : m.start].strip().lower() if m.start > last.end else None
        if gap in ("and", ",", ", and"):
            last = m
            agents.append(m)
            if gap != ",":
                break  # the list ends at its "and": "by Kyiv and Washington, Russia ..." joins no more

    end = sent.end if last is agent else last.end
    # ("by Kyiv and Washington": the agents after "by" are conjoined as they stand, though "by" before the first
    # makes it an object to first_conjoined)
    return joint_name(agents, None) or joint_states(doc.work, sent.sources, last, end) or agent.value


def source_for_verb(
    doc: Document, memory: Discourse, sent: Sentence, v: re.Match[str], agent: str | None
) -> str | None:
    """Who says ``v``, a verb of saying in ``sent``; ``agent`` is its :func:`passive_agent`."""
    work = doc.work
    word = v.group(0).lower()
    if word in ("per", "as per"):
        word = "according to"  # "as per KCNA", "per an analysis by the daily": the same credit, said short
    if agent is not None:
        return agent
    if memory.report_author and cues.REPORT_SUBJECT_BEFORE.search(work, max(sent.start, v.start() - 30), v.start()):
        return memory.report_author
    if word.startswith("according"):
        group = cues.JOINT_GROUP_SOURCE.match(work, v.end() + 1 if work.startswith(" ", v.end()) else v.end(), sent.end)
        if group is not None:
            return joint_group_name(group)
        by = cues.ACCORDING_TO_WORK_BY.match(work, v.end(), sent.end)
        author = by and next(
            (
                m
                for m in sent.sources
                if 0 <= m.start - by.end() <= cues.WORK_AUTHOR_REACH and not work.startswith("-based", m.end)
            ),
            None,
        )
        if author:
            # "according to an analysis conducted by the London-based research group X": the work's author the
            # lexicon knows, however far its description pushes the name from "according to"
            return author.value
        proper = cues.PROPER_SOURCE.match(work, by.end(), sent.end) if by else None
        if proper is not None and not any(m.start < proper.end() and m.end > proper.start() for m in sent.sources):
            # "according to a study by the X Foundation": a body the lexicon does not know, by its name.
            return proper_name(proper.group(1))
    else:
        joint = joint_group_before(work, sent.start, v.start())
        if joint is not None:
            return joint
    if word.startswith(("according", "quot", "cit")):
        if (
            memory.report_author
            and word.startswith("according")
            and cues.ACCORDING_TO_REPORT.match(work, v.end(), sent.end)
        ):
            return memory.report_author
        if word.startswith("according") and cues.ACCORDING_TO_PRONOUN.match(work, v.end(), sent.end):
            return memory.last_source
        after = [
            m
            for m in sent.sources
            if 0 <= m.start - v.end() <= 40
            and not work.startswith("-based", m.end)
            # "citing the DPRK-Russia treaty": a thing named by its states, no source
            and not _NAMES_JOINED.match(work, m.end)
            # "According to Seoul's assessment, North Korea has sent ...", "the report cited by the deputy
            # said that North Korea ...": the party after the comma or "that" is the reported clause's
            # subject, not the source
            and not (m.value in cues.PARTIES and cues.REPORTED_CLAUSE_OPENS.search(work, v.end(), m.start))
        ]
        if after:
            return after[0].value
        role = cues.ACCORDING_TO_ROLE.match(work, v.end(), sent.end) if word.startswith("according") else None
        if role is not None and role_fits(role.group(0), memory.last_source):
            return memory.last_source
        named = name_after(doc, memory, v.end(), sent.end)
        if named or not word.startswith("according"):
            return named
        # "according to Estonian intelligence": a source the lexicon does not know, by its name.
        proper = cues.PROPER_SOURCE.match(work, v.end(), sent.end)
        return proper_name(proper.group(1)) if proper else None
    joint = included_states(work, doc.low, sent, v)
    if joint is not None:
        return joint
    quoted = quoted_before(work, sent.start, v.start())
    before = [
        m
        for m in sent.sources
        if not work.startswith("-based", m.end)
        and m.end <= v.start()
        and not any(a <= m.start and m.end <= b for a, b in quoted)
        and not (
            cues.PLACE_OBJECT_BEFORE.search(work, max(sent.start, m.start - 16), m.start)
            # "a spokesperson for Ukraine's military intelligence said": the body the speaker speaks for
            and not cues.SPEAKER_FOR_BEFORE.search(work, max(sent.start, m.start - 30), m.start)
            # "Reports from the White House indicate", "a study by the institute found": the author speaks
            and not cues.REPORT_BY_BEFORE.search(work, max(sent.start, m.start - 80), m.start)
        )
        and not parent_of_body_before(work, sent.sources, m)
        and (
            clause_subject(work, sent.start, m, v.start())
            or v.start() - m.end <= subject_reach(work, m, v.start())
            and not (
                cues.BARE_COUNTRY.fullmatch(work[m.start : m.end])
                and cues.COUNTRY_OBJECT_GAP.search(work[country_subject_end(work, m, v.start()) : v.start()])
            )
        )
    ]
    if before:
        joint = joint_states(work, sent.sources, before[-1], v.start())
        if joint is not None:
            return joint
        chosen = relative_clause_head(work, sent.sources, first_conjoined(work, sent.sources, before[-1]), v.start())
        if chosen.value == "unnamed officials":
            # "a Ukrainian military intelligence official said": the organisation named first.
            org = [
                m
                for m in sent.sources
                if m.end <= chosen.start
                and chosen.start - m.end <= 1
                and m.value != "unnamed officials"
                and not cues.BARE_COUNTRY.fullmatch(work[m.start : m.end])
            ]
            if org:
                chosen = org[-1]
                memory.official_body = chosen.value
            elif memory.official_body and cues.DEFINITE_BEFORE.search(
                work, max(sent.start, chosen.start - 5), chosen.start
            ):
                return memory.official_body  # "the official said": the official introduced before, by their body
        employer = employer_after(doc, sent, chosen)
        if employer is not None:
            return employer
        name = name_before(doc, memory, max(sent.start, v.start() - 40), v.start())
        if name and work.find(name, chosen.end, v.start()) != -1:
            return memory.person(name)  # a person nearer the verb than the organisation
        return chosen.value
    # A name inside a quotation just closed ('... talks with Kim," he said') is not the speaker.
    name = name_before(doc, memory, max(sent.start, v.start() - 40, *(b for _, b in quoted)), v.start())
    if name:
        return memory.person(name)
    if word in cues.STATEMENT_VERBS:
        # "the Centre for Strategic Communications stated that": a body the lexicon does not know, by its name.
        lo = max(sent.start, v.start() - 90)
        if lo == sent.start:
            # the sentence alone, so that the pattern's "^" is the sentence's start: searched from a position in the
            # whole text, "^" holds only at the text's, and a name opening any later sentence went unread
            body = cues.PROPER_SUBJECT.search(work[lo : v.start()])
        else:
            body = cues.PROPER_SUBJECT.search(work, lo, v.start())
        if body is not None:
            return " ".join(body.group("name").split())
    # ", said John Kirby" / ", a Pentagon spokesman said": the source follows the verb.
    after = [m for m in sent.sources if 0 <= m.start - v.end() <= 12]
    inverted = work[max(sent.start, v.start() - 3) : v.start()].rstrip().endswith((",", '"', "'"))
    if (
        after
        and inverted
        and word in ("said", "says", "told", "added", "wrote", "noted", "stated", "reported")
        # "..., Hwang said North Korea is using ...": a name followed by its own verb is the
        # reported clause's subject, not the speaker
        and not cues.CLAUSE_VERB_AFTER.match(work, after[0].end)
    ):
        return after[0].value
    if inverted and word in cues.CREDIT_VERBS:
        # "..., reports The Times, which ...", "..., writes Le Monde": a publication the lexicon does not know, by
        # its name; "..., writes the newspaper": the medium just named
        if cues.MEDIUM_AFTER.match(work, v.end(), sent.end):
            return memory.last_source
        proper = cues.PROPER_SOURCE.match(work, v.end(), sent.end)
        if proper is not None and not cues.CLAUSE_VERB_AFTER.match(work, proper.end()):
            return proper_name(proper.group(1))
    return name_after(doc, memory, v.end(), min(sent.end, v.end() + 20))


def included_states(work: str, low: str, sent: Sentence, v: re.Match[str]) -> str | None:
    """A group's members as the teller of ``v``, a verb of saying (25o): the ministers of a number of states by the
    group's own words ("The foreign ministers of 47 countries, including the US, ..., condemned" is `Foreign ministers
    of 47 countries`), and the states a group names as its members ("Western countries, including the United States,
    South Korea and Japan, have condemned" is `United States, South Korea and Japan`); else None."""
    lo = max(sent.start, v.start() - 220)
    # (each pattern is tried only where its literal words stand in ``low``, ``work`` lower-cased with the same
    # offsets: nearly every verb of saying has a comma before it, few have "ministers" or "including")
    if low.find("inisters", lo, v.start()) != -1:
        counted = cues.COUNTED_MINISTERS_BEFORE.search(work, lo, v.start())
        if counted is not None:
            words = " ".join(counted.group("words").split())
            return words[0].upper() + words[1:].lower()
    near = max(sent.start, v.start() - 160)
    if all(low.find(word, near, v.start()) == -1 for word in ("includ", "such", "among")):
        return None
    included = cues.INCLUDED_STATES_BEFORE.search(work, near, v.start())
    if included is None:
        return None
    members = [m for m in sent.sources if included.start("list") <= m.start and m.end <= included.end("list")]
    return joint_name(members, None) if members else None


def parent_of_body_before(work: str, sources: list[Mention], m: Mention) -> bool:
    """ "the Main Directorate of Intelligence (HUR) of Ukraine's Ministry of Defense said": the body that ``m`` names
    is the parent of the body named just before it, and the innermost body named speaks. A country after "of"
    stays a mention of its own ("the defence ministry of Russia"), except after a body of that state the text names
    ("the National Resistance Center of Ukraine reported": the centre speaks)."""
    inner = next((x for x in reversed(sources) if x.end <= m.start), None)
    if cues.BARE_COUNTRY.fullmatch(work[m.start : m.end]):
        return (
            inner is not None
            and inner.value != m.value
            and not cues.BARE_COUNTRY.fullmatch(work[inner.start : inner.end])
            and government_of(inner.value) is not None
            and government_of(inner.value) == government_of(m.value)
            and _OF_STATE_GAP.fullmatch(work, inner.end, m.start) is not None
        )
    return (
        inner is not None
        and inner.value != m.value
        and inner.value not in _NAMELESS
        and cues.PARENT_BODY_GAP.fullmatch(work, inner.end, m.start) is not None
    )


def employer_after(doc: Document, sent: Sentence, chosen: Mention) -> str | None:
    """ "Analysts at the Institute for the Study of War reported", "experts from the British RUSI said": a voice
    that names no body speaks for the body it is said to work at."""
    if chosen.value not in _NAMELESS:
        return None
    work = doc.work
    for m in sent.sources:
        if m.start < chosen.end:
            continue
        if (
            cues.EMPLOYER_GAP.fullmatch(work, chosen.end, m.start)
            and m.value not in _NAMELESS
            and m.value not in cues.PARTIES
            and not cues.BARE_COUNTRY.fullmatch(work[m.start : m.end])
        ):
            return m.value
        break
    return None


def proper_name(words: str) -> str:
    """A name read from the text, without the sentence's full stop ("... Institute." but "U.S." kept)."""
    name = " ".join(words.split())
    return name[:-1] if name.endswith(".") and name[-2:-1].islower() else name


def joint_group_before(work: str, sent_start: int, verb_start: int) -> str | None:
    """ "South Korean and Western intelligence agencies have long said": the nations' joint source, if it is
    the subject right before the verb."""
    lo = max(sent_start, verb_start - 120)
    if work.find(" and ", lo, verb_start) == -1:
        return None  # every joint group has its "and": most verbs are spared the search
    aux = cues.JOINT_GROUP_BEFORE_VERB.search(work, lo, verb_start)
    end = aux.start() if aux else verb_start
    for group in cues.JOINT_GROUP_SOURCE.finditer(work, lo, end):
        if group.end() == end:
            return joint_group_name(group)
    return None


def joint_group_name(group: re.Match[str]) -> str:
    """The joint source's name as the text gives it, normalised: "U.S." and "American" as "US", no serial
    comma, and the bare service ("intelligence", not "intelligence agencies")."""
    name = " ".join(group.group("name").split()).replace(", and ", " and ")
    return re.sub(r"\b(?:U\.S\.|American)(?=[\s,])", "US", name)


def name_before(doc: Document, memory: Discourse, lo: int, hi: int) -> str | None:
    m = cues.NAME_BEFORE.search(doc.work, lo, hi)
    # "Sybiha, at a joint briefing alongside Iwaya, warned": a name governed by a preposition is not the speaker;
    # the name that opens the inserted phrase's clause is
    if m and cues.PLACE_OBJECT_BEFORE.search(doc.work, max(lo, m.start() - 16), m.start()):
        opener = cues.NAME_BEFORE_INSERT.search(doc.work, max(0, m.start() - 100), m.start())
        m = opener if opener is not None and memory.person(opener.group(1)) is not None else None
    if m and memory.person(m.group(1)) is not None:
        return m.group(1)
    return None


def name_after(doc: Document, memory: Discourse, lo: int, hi: int) -> str | None:
    text = doc.work[lo:hi]
    m = cues.CAPITALISED_WORD.search(text)
    # "according to Admiral Samuel Paparo, ...": a title before the name is passed over
    while m and cues.NOT_NAME_WORD.fullmatch(m.group(0)) and text.startswith(" ", m.end()):
        m = cues.CAPITALISED_WORD.match(text, m.end() + 1)
    if m:
        return memory.person(m.group(0))
    return None


def clause_subject(work: str, sent_start: int, m: Mention, verb_start: int) -> bool:
    """ "Washington has, over the course of the war, accused...": a name opening the sentence
    and followed by an auxiliary is the subject of the verb that comes, however far."""
    return (
        verb_start - m.end <= 100
        and not work[sent_start : m.start].strip(" \"'(")
        and bool(cues.AUXILIARY_AFTER.match(work, m.end))
        and not cues.SUBJECT_GAP_BREAK.search(work[m.end : verb_start])
    )


def subject_reach(work: str, m: Mention, verb_start: int) -> int:
    """How far before its verb a source may stand: further across an apposition
    ("Kim Yo Jong, vice department director of ..., issued"), less for a bare country name."""
    if cues.BARE_COUNTRY.fullmatch(work[m.start : m.end]) and not work.startswith(("'s ", "\u2019s "), m.end):
        # (a possessive names one of the country's bodies: "the North's military commission said"); the others
        # joined to it ("South Korea, the U.S. and like-minded countries have suspected") count for no distance
        return 30 + country_subject_end(work, m, verb_start) - m.end
    gap = work[m.end : verb_start]
    if gap.startswith(",") and gap.rstrip().endswith(",") and gap.count(",") == 2:
        return 160
    return 60


def country_subject_end(work: str, m: Mention, verb_start: int) -> int:
    """Where the subject a bare country opens ends: after the states joined to it ("the US and another fifty
    countries") and the frame of their joint statement ("in a joint statement"), which are no object between it and
    its verb."""
    end = m.end
    tail = cues.JOINT_STATE_TAIL.match(work, end, verb_start)
    if tail is not None:
        end = tail.end()
        frame = cues.JOINT_STATEMENT_FRAME.match(work, end, verb_start)
        end = frame.end() if frame is not None else end
    return end


def relative_clause_head(work: str, sources: list[Mention], chosen: Mention, verb_start: int) -> Mention:
    """ "Lavrov, who passed on Putin's greetings, thanked the North": a name inside a relative clause between
    the subject and its verb is not the subject; the name the clause describes is."""
    for head in sources:
        if head.end > chosen.start:
            break
        clause = cues.RELATIVE_AFTER_NAME.match(work, head.end, chosen.start)
        if clause is not None and cues.CLAUSE_CLOSE_BEFORE_VERB.match(work, chosen.end, verb_start):
            return head
    return chosen


def joint_states(work: str, sources: list[Mention], last: Mention, verb_start: int) -> str | None:
    """ "Seoul and Washington have criticised ...", "South Korea, the U.S. and like-minded countries suspect ...",
    "Seoul and its allies accuse ...": states speaking as one subject are one joint source, named in the text's
    order (docs/claims-conventions.md, 5b). The two parties together keep their own rule (`statements.py`)."""
    tail = cues.JOINT_STATE_TAIL.match(work, last.end, verb_start)
    first = first_conjoined(work, sources, last, seen_and=tail is not None)
    members = [m for m in sources if first.start <= m.start and m.end <= last.end]
    return joint_name(members, tail)


def joint_name(members: list[Mention], tail: re.Match[str] | None) -> str | None:
    """The joint source of states named together (``members``, in the text's order) and of others joined to them
    without a name (``tail``, of cues.JOINT_STATE_TAIL); None unless they are two or more distinct states."""
    if len(members) < 2 and tail is None:
        return None
    names = [cues.JOINT_STATE_NAMES.get(m.value) for m in members]
    if None in names or len(set(names)) < len(names):
        return None
    tail_words = tail.group("tail").split() if tail else []
    tail_name = " ".join(w.capitalize() if w.lower() in cues.PROPER_ADJECTIVES else w.lower() for w in tail_words)
    parts = [n for n in names if n] + ([tail_name] if tail else [])
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def first_conjoined(work: str, sources: list[Mention], chosen: Mention, seen_and: bool = False) -> Mention:
    """ "Pyongyang and Moscow have denied", "the United States, South Korea and Japan issued":
    walk back to the first of conjoined subjects. A bare comma only joins inside a list that
    ends in "and" (", Seoul's defence ministry said" after "to Russia" joins nothing), or that ``seen_and`` says
    goes on after ``chosen`` ("South Korea, the U.S. and like-minded countries")."""
    for prev in reversed([m for m in sources if m.end <= chosen.start]):
        gap = work[prev.end : chosen.start].strip().lower()
        if gap in ("and", ", and", "&", "or"):
            seen_and = True
        elif not (gap == "," and seen_and):
            break
        if cues.OBJECT_BEFORE.search(work, max(0, prev.start - 12), prev.start) and not cues.VOICES_OF_STATES.search(
            work, max(0, prev.start - 40), prev.start
        ):
            break  # "arms to Russia and ...": an object, not a subject
        chosen = prev
    return chosen


# -- the lede's credit given outside it ---------------------------------------------------------------------

# A headline's credit: "X says ...", "X: ...", "... - X", "..., X says", "..., X reports".
_SAYING = r"(?:says|said|say|reports?|reported|claims?|warns?|believes?|estimates?|suggests?|finds|found|confirms?)"
_HEADLINE_LEAD_TAIL = re.compile(rf"\s*(?::|\s{_SAYING}\b)")
_HEADLINE_CLOSE_LEAD = re.compile(r"[:,\u2013\u2014-]\s*(?:the\s+)?$", re.I)
_HEADLINE_CLOSE_TAIL = re.compile(rf"\s*(?:{_SAYING})?\s*[.!]?\s*$")
# The sentence after the lede points back at it and names who said it: "These ..., the X reported.",
# "This revelation comes from an analysis by X", "Experts from X came to this conclusion", "The number was
# estimated by X", and a verb of saying whose object is "this" ("The governor said this on Telegram", "X told
# about this in an interview", "X reported this, citing ...": translated copy credits its lede so; "this" as the
# object stands before a stop or where and how it was said, not before a time ("said this week"), a verb or a noun
# ("said this was a fabrication", "said this claim was false": the subject of what was said, often a denial).
BACK_TO_LEDE = re.compile(
    r"^(?:[\"'(]?)(?:These|This|The\s+(?:number|figure|figures|estimate|findings?|revelation|information))\b"
    r"|\b(?:this|that|the\s+same)\s+(?:conclusion|assessment|estimate|finding|figure|information)\b"
    r"|\b(?:said|says|told|tells|stated|states|reported|reports|announced|announces|wrote|writes|noted|notes"
    r"|confirmed|confirms|spoke|speaks|informed|informs)\s+(?:about\s+|of\s+)?this"
    r"(?=\s*[.,;:!?)\u2013\u2014]|\s*$|\s+(?:on|in|at|during|to|with|via|through|while|when|after|before|citing"
    r"|quoting|adding|and|as|earlier|later|yesterday|today)\b)",
)
# How many sentences telling nothing may stand between the lede and the sentence that credits it, in one paragraph
# ("X hit Kharkiv with a North Korean missile. The strike came on 2 January. The region's prosecutor told about this
# ..."): a detail of the event, then the credit.
_LEDE_CREDIT_REACH = 2
# Voices that name no body, and footage, which is no body either: a credit from elsewhere does not make them one.
_NAMELESS = NAMELESS_VOICES | {"video footage"}
_STEM_LEN = 5


def _content_stems(text: str) -> set[str]:
    return {w.lower()[:_STEM_LEN] for w in cues.HEADLINE_WORD.findall(text) if w.lower() not in cues.MINOR_WORDS}


class LedeCredit:
    """Who speaks in an article's lede when the lede itself says nobody does.

    News copy often names its source once, outside the lede: in the headline ("Budanov: North Korea is
    Russia's largest supplier" over a lede that says the same in the outlet's voice), or in the sentence
    right after it, pointing back ("These guns ..., The Telegraph reported"). (A "Source: X" line under
    the lede never reaches here: the cleaner drops it as page furniture.) Only the lede (the first
    sentence that yields claims) takes such a credit, and only when it names no speaker of its own: a
    credit carried to every later sentence pulls background into named sources (docs/claims-conventions.md,
    5b and 5c).
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pending: list[Draft] | None = None  # the lede's outlet-voiced drafts, until the next sentence
        self.done = False
        self.credited: tuple[list[Draft], str, str] | None = None  # (the lede's drafts, credit, how it was found)
        self.waited = 0  # sentences read since the lede
        self.lede_end = 0

    def read(self, sent: Sentence, source: str, found: list[Draft]) -> None:
        """Follow the article sentence by sentence, after ``sent``'s drafts (``found``) are read."""
        if self.done:
            return
        if self.pending is not None:
            self.waited += 1
            credit, step = self.credit_after(sent, source)
            if credit is not None:
                self.credited = (self.pending, credit, step)
                self.done = True
            elif found or source != "outlet" or self.waited >= _LEDE_CREDIT_REACH or self.new_paragraph(sent):
                # (a sentence that tells something, or has a voice, or a paragraph's break, ends the wait)
                self.done = True
            return
        if not found:
            return
        if source != "outlet" or any(d.source != "outlet" for d in found):
            self.done = True
            return
        credit = headline_credit(self.doc.heading)
        if credit is not None and restates(self.doc.heading, self.doc.work[sent.start : sent.end]):
            self.done = True
            self.credited = (list(found), credit, "the headline's credit, for the lede that restates it")
            return
        self.pending = list(found)
        self.lede_end = sent.end

    def new_paragraph(self, sent: Sentence) -> bool:
        return "\n" in self.doc.work[self.lede_end : sent.start]

    def credit_after(self, sent: Sentence, source: str) -> tuple[str | None, str]:
        work = self.doc.work
        text = work[sent.start : sent.end]
        if not BACK_TO_LEDE.search(text):
            return None, ""
        step = "the next sentence, which points back to the lede and names who said it"
        if source not in _NAMELESS:
            return source, step
        named = [
            m
            for m in sent.sources
            if m.value not in _NAMELESS
            and m.value not in cues.PARTIES
            and not cues.BARE_COUNTRY.fullmatch(work[m.start : m.end])
        ]
        return (named[0].value if named else None), step

    def settle(self, drafts: list[Draft]) -> None:
        """Give the credit found to the lede's drafts, once the whole article is read. A figure-less lede
        whose fact the article counts elsewhere keeps the outlet's voice: it sums up, and folds into the
        figure (``drafts.fold``), whoever gives it."""
        if self.credited is None:
            return
        lede, credit, step = self.credited
        counted = {d.family() for d in drafts if d.quantity is not None}
        # (unless the credited teller tells the same fact again later: then the lede is that teller's, and folds with
        # its own restatement, whoever counts it)
        in_lede = {id(d) for d in lede}
        told_again = {d.family() for d in drafts if d.source == credit and id(d) not in in_lede}
        for d in lede:
            if d.quantity is None and d.family() in counted and d.family() not in told_again:
                continue
            d.source = credit
            if self.doc.traced:
                d.trace["source"] = step


def restatements_unnamed(doc: Document, spans: set[tuple[int, int]], drafts: list[Draft]) -> None:
    """A figure-less claim in a sentence given to a body only by a subject pointing back ("It says Russia also
    provided air defence systems") whose fact the article counts elsewhere restates the count: it stays in the
    outlet's voice and folds into the figure (``drafts.fold``), rather than standing beside it as the body's."""
    if not spans:
        return
    counted = {d.family() for d in drafts if d.quantity is not None}
    for d in drafts:
        if d.quantity is None and d.family() in counted and any(a <= d.span[0] and d.span[1] <= b for a, b in spans):
            d.source = "outlet"
            if doc.traced:
                d.trace["source"] = "a figure-less restatement of a fact counted elsewhere: the outlet's voice"


def headline_credit(heading: str) -> str | None:
    """The body a headline credits at its start ("White House says ...", "Budanov: ...") or its end ("...
    - TV Chosun", "..., Seoul says"); None when it credits no one the source table knows."""
    if not heading:
        return None
    found = list(lx.SOURCES.finditer(heading))
    if not found:
        return None
    first, last = found[0], found[-1]
    opening = heading[: first.start()].strip(" \"'").lower() in ("", "the")
    if opening and _HEADLINE_LEAD_TAIL.match(heading, first.end()):
        return lx.SOURCES.value(first)
    if _HEADLINE_CLOSE_LEAD.search(heading, 0, last.start()) and _HEADLINE_CLOSE_TAIL.fullmatch(heading, last.end()):
        return lx.SOURCES.value(last)
    return None


def restates(heading: str, lede: str) -> bool:
    """Whether the lede tells the headline's fact again: most of the headline's content words recur in it."""
    credited = set().union(*(_content_stems(m.group(0)) for m in lx.SOURCES.finditer(heading)))
    wanted = _content_stems(heading) - credited  # the headline's fact, without its credit
    return len(wanted) >= 3 and len(wanted & _content_stems(lede)) * 2 >= len(wanted)


# -- an official left without a body, named with one in the next sentences ------------------------------------

_OFFICIAL_WORD = re.compile(r"\bofficials?\b", re.I)
# A person's name as the source table files it ("Vadym Skibitskyi", "Defense Minister Shin Won-sik"): capitalised
# words, none of them an institution's.
_PERSON_MENTION = re.compile(r"(?:[A-Z][\w.'-]*\s+){1,4}[A-Z][\w'-]*")
_INSTITUTION_WORD = re.compile(
    r"\b(?:Ministry|Service|Agency|Directorate|Council|Department|Office|Forces?|Command|Staff|Intelligence"
    r"|Institute|Cent(?:re|er)|Government|House|Pentagon|Kremlin|Chiefs)\b"
)
_OFFICIAL_REACH = 2  # sentences after the official's in which the person may be named
# The state an official's nationality names ("a South Korean official"), as drafts.government_of names states.
_OFFICIAL_NATION = re.compile(
    r"(?P<sk>South\s+Korean)|(?P<nk>North\s+Korean)|(?P<ua>Ukrainian)|(?P<us>American|U\.S\.|(?-i:US))"
    r"|(?P<jp>Japanese)|(?P<ru>Russian)",
    re.I,
)
_NATION_STATE = {
    "sk": "South Korea",
    "nk": "North Korea",
    "ua": "Ukraine",
    "us": "United States",
    "jp": "Japan",
    "ru": "Russia",
}


class OfficialNamedAfter:
    """ "..., a Ukrainian military official said." then "Maj. Gen. Vadym Skibitskyi, deputy chief of the
    intelligence directorate, told ...": an official the text leaves without a body (or with only a state's
    army or government) is the person it names with a body in the next two sentences, when that person speaks
    for the same state. The official's claims and "the official said" after it are that body's."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # (sentence index, vague source, the official's state if the text gives one, the drafts)
        self.pending: tuple[int, str, str | None, list[Draft]] | None = None

    def read(self, memory: Discourse, sent: Sentence, source: str, found: list[Draft]) -> None:
        """Follow the article sentence by sentence, after ``sent``'s drafts (``found``) are read."""
        if self.pending is not None:
            index, vague, state, drafts = self.pending
            if sent.index - index > _OFFICIAL_REACH:
                self.pending = None
            elif self.named_body(sent, source, vague, state):
                for d in drafts:
                    if d.source == vague:
                        d.source = source
                        if self.doc.traced:
                            d.trace["source"] = "an official named with their body in a sentence after"
                memory.official_body = source
                self.pending = None
                return
        if found:
            official = self.vague_official(sent, source)
            if official is not None:
                nation = _OFFICIAL_NATION.search(self.doc.work, official.start, official.end)
                state = government_of(source) or (_NATION_STATE[nation.lastgroup or ""] if nation else None)
                self.pending = (sent.index, source, state, list(found))

    def vague_official(self, sent: Sentence, source: str) -> Mention | None:
        """The mention of an official given no body of their own through whom ``sent`` speaks, if it does."""
        work = self.doc.work
        if source != "unnamed officials" and not (source.endswith(" government") or source == "Ukraine Armed Forces"):
            return None
        return next(
            (m for m in sent.sources if m.value == "unnamed officials" and _OFFICIAL_WORD.search(work, m.start, m.end)),
            None,
        )

    def named_body(self, sent: Sentence, source: str, vague: str, state: str | None) -> bool:
        """Whether ``sent`` speaks through a person it names, for a body of the vague official's state."""
        if source in _NAMELESS or source == vague or source.endswith(" government") or source in cues.PARTIES:
            return False
        if state is not None and government_of(source) != state:
            return False
        work = self.doc.work
        return any(
            m.value == source
            and _PERSON_MENTION.fullmatch(work, m.start, m.end)
            and not _INSTITUTION_WORD.search(work, m.start, m.end)
            # "The US confirmed ...": a state, however its name is capitalised, is no person
            and not cues.BARE_COUNTRY.fullmatch(work[m.start : m.end])
            and not work.startswith(("The ", "the "), m.start)
            for m in sent.sources
        )
