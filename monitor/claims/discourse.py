"""The extractor's discourse memory: what it remembers as it reads an article sentence by sentence.

Who spoke last (for "It believes..."), the agency whose briefing lawmakers relay, names learned
("lawmaker Yoo Sang-bum": later "Yoo said"), the day each source spoke, the things moved and the
claims made in recent sentences (for "the weapon", "several more", "the move"), and the last
question asked (for an answer that denies "these reports"). Only :func:`monitor.claims.attribution.source_of`
and the sentence reader (:mod:`monitor.claims.extract`) change it; every other rule only reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.document import Document
from monitor.claims.quantities import QuantityMatch


class Discourse:
    """The memory of one article's reading."""

    def __init__(self) -> None:
        self.last_source: str | None = None
        self.relay: str | None = None  # the agency whose briefing lawmakers relay in this article
        self.official_body: str | None = None  # the body of the official last introduced ("a HUR official")
        self.we_author: str | None = None  # who "we" are in a statement printed whole ("We, the G7 ministers, ...")
        # (paragraph start, source) of the last quotation given with its speaker, for a paragraph of quotation after it
        self.quoted: tuple[int, str] | None = None
        self.report_author: str | None = None  # who wrote the report last named ("a report by the MSMT")
        # The last body named in a sentence already read (not a party, a bare state or an unnamed official): who
        # "the report said" stands for when no sentence said who wrote the report ("MSMT ... issued its report")
        self.last_body: str | None = None
        # The spans of the sentences given to that body: their figure-less restatements stay the outlet's
        self.pointed_back: set[tuple[int, int]] = set()
        self.pointed_source: str | None = None  # the body last given to a subject pointing back
        # (sentence index, source) of the sentence read last: "X is believed to have ..." right after a named
        # source goes on with it
        self.previous: tuple[int, str] | None = None
        # (sentence index, date) of the time the sentence last read told: its event's month or its own time phrase,
        # for a next sentence opening "During that visit," or "At the time,"
        self.told_time: tuple[int, dt.date] | None = None
        self.lead: tuple[int, str] | None = None  # (sentence index, source) of a lead-in ending in a colon
        self.names: dict[str, str] = {}
        # People the source table knows by full name, by one of their names ("Kim" for Kim Jong Un): found on
        # the first look-up of a name the posts did not teach (most articles never look one up)
        self._people: dict[str, str] | None = None
        self._doc: Document | None = None
        self.context_items: list[tuple[int, str]] = []  # (sentence index, item) of things moved
        # (sentence index, kind, item); kind "" for a thing named in a clause that reports nothing
        self.context_claims: list[tuple[int, str, str]] = []
        self.counted: list[tuple[int, str, QuantityMatch]] = []  # (sentence index, item, count) of counted claims
        self.statement_dates: dict[str, dt.date] = {}  # each source's last dated statement
        # The article's first dated statement, kept as told: a source's later statement moves its own entry in
        # ``statement_dates`` ("said in January" after "told lawmakers on Wednesday"), not the article's first date
        self.first_statement_date: dt.date | None = None
        self.condemners: set[str] = set()  # sources whose condemnation the article has already told
        self.asked: tuple[int, list[str]] | None = None  # (sentence index, things) of the last question
        # How the current sentence's source and dates were found (read by `monitor diff --explain`).
        self.attribution_step = ""
        self.date_step = ""

    def remember_statement(self, source: str, said_on: dt.date) -> None:
        """``source`` spoke on ``said_on``: its later sentences speak that day, and the article's background holds
        as of its first dated statement."""
        self.statement_dates[source] = said_on
        if self.first_statement_date is None:
            self.first_statement_date = said_on

    @classmethod
    def of(cls, doc: Document) -> Discourse:
        """A fresh memory that already knows the names the article introduces anywhere."""
        memory = cls()
        if doc.sentences:
            for m in cues.G_LEARN_NAME.finditer(doc.idx, 0, len(doc.work)):
                memory.learn(doc, m)
            for m in cues.G_POST_OF_BODY.finditer(doc.idx, 0, len(doc.work)):
                memory.learn_apposed(doc, m)
        memory._doc = doc
        return memory

    def person(self, name: str) -> str | None:
        """The source a bare name stands for: one learned from a post ("lawmaker Yoo Sang-bum": "Yoo"), else
        a person the source table knows by full name ("Kim Jong Un": "Kim said", "Kyrylo Budanov": "Budanov")."""
        found = self.names.get(name)
        if found is None and self._doc is not None:
            if self._people is None:
                self._people = known_people(self._doc)
            found = self._people.get(name)
        return found

    def people_sides(self, text: str) -> set[str]:
        """The sides of the people named in ``text`` by a bare name ("..., Kim said")."""
        if self._people is None and self._doc is not None:
            self._people = known_people(self._doc)
        found = {**(self._people or {}), **self.names}
        return {
            cues.GOVERNMENT_OF.get(value, value)
            for name, value in found.items()
            if name in text and re.search(rf"\b{re.escape(name)}\b", text)
        }

    def learn(self, doc: Document, m: re.Match[str]) -> None:
        """'lawmaker Yoo Sang-bum', 'Pentagon spokesman Pat Ryder': later 'Yoo said' is that source."""
        role = m.group("role").lower()
        i = bisect_right(doc.starts, m.start()) - 1
        if i < 0:
            return
        owner = None
        if role.startswith(("lawmaker", "legislator", "rep", "representative")):
            owner = "South Korea lawmaker"
        else:
            before = [s for s in doc.sentences[i].sources if s.end <= m.start() and m.start() - s.end <= 40]
            if before:
                owner = before[-1].value
        if owner is None:
            return
        parts = [p.split("-")[0] if i else p for i, p in enumerate(m.group("name").split(" "))]
        for token in name_tokens(parts):
            self.names.setdefault(token, owner)

    def learn_apposed(self, doc: Document, post: re.Match[str]) -> None:
        """ "Brian Nelson, the under secretary of the Treasury, said": later "Nelson added" is the Treasury's. The
        body is the last one named in the post's phrase ("the head of the US Armed Forces' Indo-Pacific Command")."""
        i = bisect_right(doc.starts, post.start()) - 1
        if i < 0:
            return
        sent = doc.sentences[i]
        stop = cues.POST_BODY_END.search(doc.work, post.end(), sent.end)
        end = stop.start() if stop else sent.end
        bodies = [m for m in sent.sources if post.end() <= m.start and m.end <= end]
        if not bodies:
            return  # most posts name no body the table knows: the name before them is not looked for
        named = cues.NAME_APPOSED_BEFORE.search(doc.work, max(sent.start, post.start() - 90), post.start())
        if named is None:
            return
        owner = next(
            (m for m in reversed(bodies) if not cues.BARE_COUNTRY.fullmatch(doc.work[m.start : m.end])), bodies[-1]
        )
        words = [w for w in named.group("name").split() if not cues.NOT_NAME_WORD.fullmatch(w)]
        if len(words) < 2:
            return
        for token in {words[0], words[-1]}:
            if len(token) > 2 and token.lower() not in cues.MINOR_WORDS:
                self.names.setdefault(token, owner.value)

    def last_count(self, sent_index: int, window: int = 3) -> tuple[str, QuantityMatch] | None:
        """(item, count) of the last claim with a count in the previous few sentences ("the number rose
        to ...", "gave a similar figure")."""
        for index, item, count in reversed(self.counted):
            if index < sent_index - window:
                break
            if index < sent_index:
                return item, count
        return None

    def context_item(self, sent_index: int, *, people: bool = True, window: int = 3) -> str | None:
        """The last thing moved in the previous few sentences (for "the weapon", "the move")."""
        for index, item in reversed(self.context_items):
            if index < sent_index - window:
                break
            if index >= sent_index:
                continue
            if item == "containers" or (not people and lx.ITEM_CATEGORY.get(item) != "materiel"):
                continue
            return item
        return None


def known_people(doc: Document) -> dict[str, str]:
    """Each person the source table knows by full name, by the first and the last of their names: the name at
    a source mention's end, after any post before it ("North Korean leader Kim Jong Un": "Kim", "Un" is too
    short), two or three capitalised words none of which names a place, a post or a body."""
    people: dict[str, str] = {}
    for sent in doc.sentences:
        for x in sent.sources:
            tail = cues.NAME_TAIL.search(doc.work, x.start, x.end)
            if tail is None:
                continue  # most source mentions are bodies and places ("the Pentagon", "Seoul")
            parts: list[str] = []
            for word in reversed(tail.group(0).split()):
                if cues.NOT_NAME_WORD.fullmatch(word):
                    break
                parts.insert(0, word)
            if len(parts) < 2:
                continue
            for token in name_tokens(parts):
                people.setdefault(token, x.value)
    return people


def name_tokens(parts: list[str]) -> list[str]:
    """The words a person is later called by alone: the first and the last of their names. A name's first word may
    be a two-letter surname ("Wi Sung-lac": "Wi said"); a two-letter last word is a given name's syllable ("Kim
    Jong Un": not "Un"), so only longer last words count."""
    first, last = parts[0], parts[-1]
    tokens = [first] if len(first) > 1 and first.lower() not in cues.MINOR_WORDS else []
    if last != first and len(last) > 2 and last.lower() not in cues.MINOR_WORDS:
        tokens.append(last)
    return tokens
