"""Split news prose into sentences, as (start, end) offsets into the text given.

News copy is full of full stops that end nothing: "U.S.", "Oct. 26", "Gen. Kim", "No. 2",
"5.2 million", "J. Smith". A boundary is a ``.``, ``!`` or ``?`` (plus any closing quotes or
brackets) followed by whitespace and something that can start a sentence, unless the word
before the stop is a known abbreviation or an initial. Line structure counts too: a blank
line always ends a sentence, and a single line break does unless the text plainly runs on
(a hard-wrapped paragraph).
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "sentences"]

# Words that take a full stop yet rarely end a sentence; compared without the stop, lowercased.
# Titles ("Gen.", "Dr.") are in _NEVER_FINAL below, which is asked first.
_ABBREVIATIONS = frozenset(
    [
        "sr",
        "jr",
        "supt",
        "insp",
        "det",
        "vols",
        "pp",
        "figs",
        "approx",
        "est",
        "dept",
        "univ",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "vs",
        "etc",
        "al",
        "cf",
        "ca",
        "viz",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "ft",
        "ave",
        "blvd",
    ]
)
# After these, a capitalised word usually names something ("Oct. 26", "Gen. Kim"), so the
# stop never ends the sentence. "etc." and "Inc." often do end one; they are left to context.
_NEVER_FINAL = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "cdr",
        "brig",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "amb",
        "sec",
        "no",
        "nos",
        "vol",
        "fig",
        "st",
        "mt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Capitalised words that normally open a sentence; after "U.S." they mark a real boundary.
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "their",
        "our",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "for",
        "as",
        "after",
        "before",
        "when",
        "while",
        "since",
        "if",
        "although",
        "though",
        "during",
        "according",
        "earlier",
        "later",
        "last",
        "both",
        "some",
        "many",
        "most",
        "one",
        "two",
        "officials",
        "analysts",
        "experts",
        "south",
        "north",
        "russia",
        "russian",
        "moscow",
        "pyongyang",
        "seoul",
        "washington",
        "kim",
        "putin",
        "yoo",
        "ukraine",
        "ukrainian",
    ]
)

_CANDIDATE = re.compile(r"(?:\.{3}|[.!?]+)[\"')\]\u2019\u201d]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'-]*)$")
_WORD_BEFORE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'-"


def _word_before(text: str, start: int, end: int) -> str | None:
    """``_WORD_BEFORE.search(text, start, end).group(1)``, or None where it finds nothing, cut with str methods:
    the search stops at every letter of the stretch to try its run to the end. The run of the pattern's
    characters that ends the stretch (before a last newline, where "$" also matches), from its first letter."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    stretch = text[start:end]
    token = stretch[len(stretch.rstrip(_WORD_BEFORE_CHARACTERS)) :].lstrip(".'-")
    return token or None


_DOTTED = re.compile(r"^(?:[A-Za-z]\.){1,4}[A-Za-z]?$")  # U.S, U.N, e.g, i.e, D.C
_NEXT = re.compile(r"\s+([\"'(\[\u2018\u201c]?)(\S*)")
_ATTRIBUTION_TAIL = re.compile(
    r"^[\w .'-]{0,60}?\b(?:said|says|told|added|asked|wrote|noted|stated|explained|warned|"
    r"claimed|insisted|continued|concluded|replied|according to)\b[\w .,'-]{0,60}[.!?]?$",
    re.I,
)
# Paragraphs glued together when a page was captured ("... to Russia.In a briefing", "... since September
# 2023.It added"): a stop after a lower-case word or a number of two digits or more, straight before a
# capitalised word, ends a sentence even with no space. What it leaves whole: an initial or "U.S." (one
# capital before the stop), a decimal (a digit after it), a domain ("nknews.org", and "News.Az" or
# "Yonhap.Com" with a capitalised top-level name, _DOMAIN_ENDINGS).
# The next sentence may open with an acronym ("... containers from Russia.NK News said"): two capitals or more, unless
# they are a domain's ending in capitals ("Censor.NET").
_DOMAIN_ENDINGS = r"(?:Az|Ru|Kr|Kp|Ua|Jp|Cn|Com|Org|Net|Gov|AZ|RU|KR|KP|UA|JP|CN|COM|ORG|NET|GOV)\b"
_GLUED_STOP = re.compile(
    rf"(?<=[a-z]{{2}}|\d\d)[\"')\]\u2019\u201d]?[.!?][\"')\]\u2019\u201d]*(?=[A-Z][a-z]|[A-Z]{{2,}}\b)"
    rf"(?!{_DOMAIN_ENDINGS})"
)
# A run of stops, not each stop: a match of either pattern starts at a run's first stop (or the quote
# before it) and never ends inside a run, and trying each stop of a run again reads the rest of the run
# each time, which made a line of 8,000 dots take 10 s. Written "[.!?][.!?]*" rather than "[.!?]+": a pattern
# that opens with a character class gets re's scan for that class's characters, where one that opens with a
# repeat is tried as a match at every position of the text (the same runs, for a tenth of the instructions).
_STOP_RUN = re.compile(r"[.!?][.!?]*")
_PARA = re.compile(r"\n[ \t]*\n")
_LINE_RUNS_ON = re.compile(r"[a-z,;:\-]$")
# The characters _LINE_RUNS_ON accepts last: a line stripped of its trailing space ends in one of them exactly
# when the pattern finds it, and testing the last character spares a search that stops at every letter of it.
_RUN_ON_LAST = frozenset("abcdefghijklmnopqrstuvwxyz,;:-")
_LINE_STARTS_LOWER = re.compile(r"^[ \t]*[a-z0-9(]")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Stretches that no sentence may cross: paragraphs, and lines that don't run on."""
    blocks: list[tuple[int, int]] = []
    for para_start, para_end in _para_spans(text):
        start = para_start
        prev_line = ""
        line_start = para_start
        for _ in range(para_end - para_start + 1):  # at most one pass per character
            nl = text.find("\n", line_start, para_end)
            line_end = para_end if nl == -1 else nl
            line = text[line_start:line_end]
            # A hard-wrapped paragraph breaks mid-clause: the previous line ends on a word or
            # comma and this one starts in lower case. Anything else is a line of its own.
            if line_start > para_start and not (
                prev_line.rstrip()[-1:] in _RUN_ON_LAST and _LINE_STARTS_LOWER.match(line)
            ):
                blocks.append((start, line_start - 1))
                start = line_start
            prev_line = line
            if nl == -1:
                break
            line_start = nl + 1
        blocks.append((start, para_end))
    return blocks


def _para_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    last = 0
    for m in _PARA.finditer(text):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    return spans


def _is_boundary(text: str, stop_start: int, stop_end: int, block_end: int) -> bool:
    nxt = _NEXT.match(text, stop_end, block_end)
    if not nxt:
        return False
    opener, word = nxt.group(1), nxt.group(2)
    if not word and not opener:
        return False
    first = (word or " ")[0]
    if first.islower():
        return False  # "U.S. officials", "approx. two"
    if text[stop_start] != ".":
        return True  # "!" and "?" end sentences; a lower-case follower was ruled out above
    if stop_end - stop_start >= 3 and text.startswith("...", stop_start):
        return first.isupper() or bool(opener)
    token = _word_before(text, max(0, stop_start - 40), stop_start)
    if token is None:
        return True  # after a digit or a closing bracket: "in 2023. The"
    bare = token.rstrip(".").lower()
    if len(bare) == 1 and token[:1].isupper():
        return False  # an initial: "J. Smith", "Kim Jong U. n"
    if _DOTTED.match(token.rstrip(".")):
        # "U.S." ends the sentence only when a usual sentence-opener follows it.
        return word.strip("\"'").lower() in _STARTERS
    if bare in _NEVER_FINAL:
        return False
    if bare in _ABBREVIATIONS:
        return first.isupper() and word.strip("\"'").lower() in _STARTERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in ``text``, whitespace trimmed, in order.

    Every span satisfies ``text[start:end] == text[start:end].strip()`` and is non-empty.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        candidates, glued = _at_stops(text, block_start, block_end)
        stops = sorted([*candidates, *glued], key=lambda m: m.start())
        for m in stops:
            if m.start() < start:
                continue
            if m.re is _GLUED_STOP or _is_boundary(text, m.start(), m.end(), block_end):
                _push(text, spans, start, m.end())
                start = m.end()
        _push(text, spans, start, block_end)
    return _cut_overlong(text, _merge_attribution_tails(text, spans))


#: The longest sentence read as one. Reading a sentence costs time in the square of its mentions, so
#: a page without stops (a scraped table, a list run together) would take minutes; real sentences
#: stay far below this (the longest in the labelled sets and the real-text corpus: under 500 characters).
MAX_SENTENCE_CHARS = 2000


def _cut_overlong(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans longer than MAX_SENTENCE_CHARS cut into pieces: after the last semicolon or comma that a
    space follows in the second half of the allowed length, else at the last space there, else at the
    limit itself."""
    if all(end - start <= MAX_SENTENCE_CHARS for start, end in spans):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE_CHARS:
            half, limit = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
            cut = max(text.rfind("; ", half, limit), text.rfind(", ", half, limit)) + 1  # not "1,000"
            if not cut:
                cut = text.rfind(" ", half, limit) + 1 or limit
            _push(text, out, start, cut)
            start = cut
        _push(text, out, start, end)
    return out


def _at_stops(text: str, start: int, end: int) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """``_CANDIDATE.finditer(text, start, end)`` and ``_GLUED_STOP.finditer(text, start, end)``, tried only
    at the stops: each of their matches begins at the first stop of a run of them or at the one quote before
    it. (A plain scan tries every character of the text, behind _GLUED_STOP's look-behind; this is a fifth of
    the time.) One walk over the stops serves both: each pattern keeps its own resume point, so its matches
    are those it would find walking alone."""
    candidates: list[re.Match[str]] = []
    glued: list[re.Match[str]] = []
    next_candidate = next_glued = start
    match_candidate, match_glued = _CANDIDATE.match, _GLUED_STOP.match
    for stop in _STOP_RUN.finditer(text, start, end):
        at = stop.start()
        for p in (at - 1, at):
            if p >= next_candidate:
                m = match_candidate(text, p, end)
                if m:
                    candidates.append(m)
                    next_candidate = m.end()
                    break
        for p in (at - 1, at):
            if p >= next_glued:
                m = match_glued(text, p, end)
                if m:
                    glued.append(m)
                    next_glued = m.end()
                    break
    return candidates, glued


def _push(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _merge_attribution_tails(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin '"It is fake!" Peskov said.': the quote and its attribution are one sentence."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            gap = text[prev_end:start]
            if (
                text[prev_end - 1] in "\"'\u201d\u2019"
                and "\n" not in gap
                and end - start <= 90
                and _ATTRIBUTION_TAIL.match(text[start:end])
            ):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def sentences(text: str) -> list[str]:
    """The sentences themselves (a convenience for tests and tools)."""
    return [text[s:e] for s, e in split_sentences(text)]
