"""An article as the extractor reads it: a frozen value built once from the cleaned text (the
lower-cased text, the word index, the sentence spans, what each sentence names)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.model import Mention, Sentence
from monitor.claims.quantities import QuantityMatch, find_quantities
from monitor.claims.sentences import split_sentences
from monitor.claims.textclean import CleanText


def bucket(matches: list[tuple[int, int, str]], starts: list[int], sentences: list[Sentence], attr: str) -> None:
    for start, end, value in matches:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i].end:
            getattr(sentences[i], attr).append(Mention(start, end, value))


def people_by_post(work: str, sources: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "South Korea's national security adviser Shin Won-sik", then "Shin said": each mention of a person the
    text names with a post speaks for that post's body (people change posts; the lexicon files a name under one)."""
    posts: dict[str, str] = {}
    before: tuple[int, int, str] | None = None
    for i, (start, end, value) in enumerate(sources):
        post_after = sources[i + 1] if i + 1 < len(sources) else None
        titled = cues.TITLED_PERSON.search(work, start, end) if end - start > 12 else None
        if titled is not None and titled.end() == end:
            name = " ".join(titled.group("name").split())
            posts[name] = value
            posts.update((word, value) for word in name.split())
        elif (
            before is not None
            and before[2] == "South Korea lawmaker"
            and value != "South Korea lawmaker"
            and not work[before[1] : start].strip()
            and cues.NAME_TAIL.fullmatch(work, start, end)
        ):
            # "member of the parliamentary intelligence committee Wi Sung-lac told ...": the post the text gives
            # the person, not the one the source table files the name under (a later post)
            name = " ".join(work[start:end].split())
            posts[name] = before[2]
            posts.update((word, before[2]) for word in name.split())
        elif (
            post_after is not None
            and post_after[2] != value
            and cues.NAME_TAIL.fullmatch(work, start, end)
            and cues.APPOSED_GAP.fullmatch(work, end, post_after[0])
            and cues.POST_OPENING.match(work, post_after[0], post_after[1])
            # "According to South Korea, the DPRK has sent ...": a state and the subject after its comma, no person
            # and post
            and not cues.BARE_COUNTRY.fullmatch(work, start, end)
            and not cues.BARE_COUNTRY.fullmatch(work, post_after[0], post_after[1])
        ):
            # "Shin Won-sik, national security adviser for the president, said": the post the text gives in an
            # apposition, not the one the source table files the name under (an earlier post)
            name = " ".join(work[start:end].split())
            posts[name] = post_after[2]
            posts.update((word, post_after[2]) for word in name.split())
        before = (start, end, value)
    if not posts:
        return sources
    return [(s, e, posts.get(" ".join(work[s:e].split()), v)) for s, e, v in sources]


def heading_author(doc: Document) -> str | None:
    """The first body the title or headline names, other than the two parties ("G7 foreign ministers'
    statement"); read only when a sentence speaks as "we", which few articles do."""
    for m in lx.SOURCES.finditer(doc.heading):
        value = lx.group_value(m, lx.SOURCE_VALUES)
        if value not in cues.PARTIES and not cues.BARE_COUNTRY.fullmatch(m.group(0)):
            return value
    return None


def headline_span(work: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first sentence when it is a headline: a line of its own in Title Case, no full stop."""
    if not spans:
        return None
    start, end = spans[0]
    text = work[start:end]
    if "\n" in text or text.endswith((".", "!", "?", '"', "'")) or len(text) > 200:
        return None
    line_end = work.find("\n", end)
    if work[end : line_end if line_end != -1 else len(work)].strip():
        return None  # more text on the same line: prose, not a headline
    words = cues.HEADLINE_WORD.findall(text)
    if len(words) < 3:
        return None
    major = [w for w in words if w.lower() not in cues.MINOR_WORDS]
    capitalised = sum(1 for w in major if w[0].isupper())
    return (start, end) if major and capitalised / len(major) >= 0.75 else None


# How far into the text the title's echoes are looked for, and how long a label glued before one may be.
_TITLE_ECHO_LINES = 3
_TITLE_ECHO_PREFIX = 24


def _echoes_title(text: str, norm_title: str) -> bool:
    line = " ".join(text.split()).lower().rstrip(".")
    return line == norm_title or (line.endswith(norm_title) and len(line) - len(norm_title) <= _TITLE_ECHO_PREFIX)


@dataclass(frozen=True)
class Document:
    """One article's text and sentences; nothing in it changes once :func:`read_document` built it.

    The three dicts are memos of pure functions of the text (amounts of a stretch, hedges and
    technology domains of a sentence), filled on first use.
    """

    text: CleanText
    work: str
    low: str  # ``work`` lower-cased, offsets unchanged
    idx: lx.WordIndex
    published: dt.date
    sentences: list[Sentence]
    starts: list[int]
    title_nk: bool
    traced: bool = False
    # The title and the dropped headline: they may name who "we" are in a statement printed whole.
    heading: str = ""  # record how each claim was read (``monitor diff --explain``); off otherwise
    amounts: dict[tuple[int, int], list[QuantityMatch]] = field(default_factory=dict, repr=False, compare=False)
    hedge_cache: dict[int, tuple[list[tuple[int, int]] | None, list[re.Match[str]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    domains_cache: dict[int, list[str]] = field(default_factory=dict, repr=False, compare=False)
    # ``low`` when it folds as re.IGNORECASE does (lx.folds_like_ignorecase, nearly always): amounts are
    # then matched in it by patterns without the flag, which re tries faster.
    folded: str | None = None

    def quantities(self, start: int, end: int) -> list[QuantityMatch]:
        """The amounts in a stretch (a sentence), found once however many readers ask."""
        got = self.amounts.get((start, end))
        if got is None:
            got = self.amounts[(start, end)] = find_quantities(self.work, start, end, self.folded)
        return got

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[bisect_right(self.starts, pos) - 1]


def read_document(
    doc: CleanText,
    published: dt.date,
    title: str | None = None,
    spans: list[tuple[int, int]] | None = None,
    idx: lx.WordIndex | None = None,
    traced: bool = False,
) -> Document:
    """The document of a cleaned article: sentences (a headline line dropped), and in each the
    items and sources the lexicon finds and whether it names North Korea, Russia, the war or satellites."""
    work = doc.work
    # str.lower() may lengthen rare characters ("İ"); offsets must stay aligned with ``work``.
    if idx is not None and idx.work is doc.work:
        low = idx.low
    else:
        low = lx.lower_same_length(doc.work)
        idx = lx.WordIndex(work, low)
    spans = split_sentences(work) if spans is None else list(spans)
    head = headline_span(work, spans)
    # The title repeated as the body's first line, perhaps with a full stop added: a headline, not a statement.
    norm_title = " ".join(title.split()).lower().rstrip(".") if title else None
    if spans and norm_title and " ".join(work[spans[0][0] : spans[0][1]].split()).lower().rstrip(".") == norm_title:
        head = spans[0]
    if head is not None and len(spans) > 1:  # a headline-only item is its own body
        spans = spans[1:]
    if norm_title and len(spans) > 1:
        # The title again in the page's opening lines, or glued to a section label ("ConflictsNorth Korea
        # ships ..."): the headline told twice by the page, not a statement.
        echoes = [span for span in spans[:_TITLE_ECHO_LINES] if _echoes_title(work[span[0] : span[1]], norm_title)]
        if echoes and len(echoes) < len(spans):
            spans = [span for span in spans if span not in echoes]
    sents = [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]
    starts = [s.start for s in sents]
    if sents:
        items = [(m.start(), m.end(), lx.group_value(m, lx.ITEM_VALUES)) for m in lx.ITEMS.finditer_indexed(idx)]
        bucket(items, starts, sents, "items")
        sources = people_by_post(
            work, [(m.start(), m.end(), lx.group_value(m, lx.SOURCE_VALUES)) for m in lx.SOURCES.finditer_indexed(idx)]
        )
        bucket(sources, starts, sents, "sources")
        for sent in sents:
            place = cues.PLACE_DATELINE.match(work, sent.start, sent.end) if sent.sources else None
            if place is not None:
                sent.sources = [m for m in sent.sources if m.start >= place.end()]
        for sent in sents:
            sent.has_nk, sent.has_ru, sent.has_war = lx.sides_named(idx, sent.start, sent.end)
        for sent in sents:
            sent.satellite = "satellite" in low[sent.start : sent.end]
    return Document(
        text=doc,
        work=work,
        low=low,
        idx=idx,
        published=published,
        sentences=sents,
        starts=starts,
        title_nk=bool(title and lx.NK.search(title)),
        traced=traced,
        folded=low if idx.folds else None,  # idx reads ``work`` (above): its fold test is this text's
        heading=" ".join(filter(None, (title, work[head[0] : head[1]] if head else None))),
    )
