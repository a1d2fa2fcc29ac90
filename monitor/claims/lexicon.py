"""The domain vocabulary: who the two sides are, what moves between them, who says so.

Shared by :mod:`monitor.claims.relevance` and :mod:`monitor.claims.extract`. Each table is compiled once
into a single alternation with one named group per entry, so a whole article is scanned in
one pass per table and ``match.lastgroup`` says which entry matched.

Order matters inside each table: Python's regex alternation takes the first branch that
matches at a position, so specific phrases ("missile technology", "rocket launchers") come
before the general words they contain ("missiles", "rockets").
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import islice
from typing import Any, NamedTuple, cast

__all__ = [
    "Gated",
    "StemGuarded",
    "Twinned",
    "twin_subject",
    "folds_like_ignorecase",
    "lowercase_twin",
    "sides_named",
    "WordIndex",
    "ITEM_CATEGORY",
    "start_keys",
    "Table",
    "required_stems",
    "ITEMS",
    "NK",
    "RU",
    "SOURCES",
    "TechDomain",
    "compile_table",
]


# The stdlib's own regex parser (these names since Python 3.11, the oldest we support):
# used only to learn which characters a pattern can start with.
import re._constants as _sre_c
import re._parser as _sre_p

# Re-exported: the lexicon's readers call them as lx.*; they live apart so that the text cleaner can use
# them without loading the tables (casefold's docstring says why).
from monitor.claims.casefold import _UNFOLDED as _UNFOLDED
from monitor.claims.casefold import folds_like_ignorecase, lowercase_twin, twin_source, twin_subject

_PREFIX_LEN = 3  # candidate positions are filtered on their first two characters
_MAX_PREFIXES = 4000
_Prefixes = frozenset[str] | None  # None: could start with anything


def _cat(a: frozenset[str], b_of: Any, k: int) -> _Prefixes:
    """Prefixes of "a then b", cut to ``k`` characters; ``b_of(n)`` gives b's prefixes of length n."""
    out: set[str] = set()
    for p in a:
        if len(p) >= k:
            out.add(p[:k])
            continue
        rest = b_of(k - len(p))
        if rest is None:
            return None
        out.update(p + r for r in rest)
        if len(out) > _MAX_PREFIXES:
            return None
    return frozenset(out)


def _prefixes(items: Any, k: int) -> _Prefixes:
    """Every lowercase string of up to ``k`` characters a match of the parsed pattern can begin with.

    A string shorter than ``k`` means the match can end there. Conservative: anything the
    walk does not understand (\\w, negated classes, back-references) gives None, "any start".
    """
    items = list(items)
    if not items:
        return frozenset({""})
    head = _node_prefixes(items[0], k)
    if head is None:
        return None
    return _cat(head, lambda n: _prefixes(items[1:], n), k)


def _node_prefixes(node: Any, k: int) -> _Prefixes:
    c = _sre_c
    op, av = node
    if op is c.LITERAL:
        return frozenset({chr(av).lower()})
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav).lower())
            elif iop is c.RANGE:
                lo, hi = iav
                if hi - lo > 100:
                    return None
                chars.update(chr(x).lower() for x in range(lo, hi + 1))
            elif iop is c.CATEGORY and iav in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                chars.update("0123456789")
            elif iop is c.CATEGORY and iav in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                chars.update(" \t\n\r\x0b\x0c")
            else:
                return None
        return frozenset(chars)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({""})
    if op is c.SUBPATTERN:
        return _prefixes(av[-1], k)
    if op is getattr(c, "ATOMIC_GROUP", object()):
        return _prefixes(av, k)
    if op is c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _prefixes(alt, k)
            if got is None:
                return None
            out |= got
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", object()):
        lo, hi, sub = av
        return _repeat_prefixes(sub, lo, hi, k, k + 1)
    return None


def _repeat_prefixes(sub: Any, lo: int, hi: int, k: int, depth: int) -> _Prefixes:
    """Prefixes of ``sub`` repeated ``lo`` to ``hi`` times: one copy, then the rest of the
    repetition, as many times as ``k`` characters need (``\\d{2,3}`` gives "155" for k=3)."""
    if hi == 0 or k <= 0:
        return frozenset({""})
    one = _prefixes(sub, k)
    if one is None:
        return None
    if depth <= 0:
        return None if lo > 0 else frozenset(one | {""})
    unbounded = hi == _sre_c.MAXREPEAT
    rest = _cat(one, lambda n: _repeat_prefixes(sub, max(lo - 1, 0), hi if unbounded else hi - 1, n, depth - 1), k)
    if rest is None:
        return None
    return frozenset(rest | ({""} if lo == 0 else set()))


# Leading strings (:func:`leading_strings`): how many characters of a candidate a probe reads. Six read the fewest
# instructions on the seed-sized mix (five +2.7%, seven +0.6%, eight +0.2%, ten +0.1%), and longer ones cost more to
# work out.
_HEAD_LEN = 6
_MAX_HEADS = 3000  # leading strings of one length worked out for a pattern before a shorter length is tried
# Characters that stand in a leading string for more than themselves (no pattern's literal is one): "\x00" ends one
# where the walk cannot follow the pattern further (anything may come), "\x01" is any digit (\d), "\x02" any
# whitespace (\s).
_OPEN_END = "\x00"
_ANY_DIGIT = "\x01"
_ANY_SPACE = "\x02"
_SPACE_CATEGORIES = (_sre_c.CATEGORY_SPACE, _sre_c.CATEGORY_UNI_SPACE)
_DIGIT_CATEGORIES = (_sre_c.CATEGORY_DIGIT, _sre_c.CATEGORY_UNI_DIGIT)
_HeadMemo = dict[tuple[int, int, int], frozenset[str]]


class _TooMany(Exception):
    """More leading strings than _MAX_HEADS."""


def leading_strings(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Strings such that, in the lowercase (:func:`lower_same_length`) of a text that folds like re.IGNORECASE
    (:func:`folds_like_ignorecase`), one of them begins wherever ``pattern`` matches the text: a match's first
    :data:`_HEAD_LEN` characters, or fewer where the match ends there or the walk cannot follow the pattern further
    (a shorter length where the longest gives too many; "\\x01" stands for any digit, "\\x02" for any whitespace, as
    :func:`_trie_pattern` writes them). None when nothing is known of the first character. Conservative, like
    :func:`start_keys`, but reaching past the first three characters: a probe of these turns away in one short step
    most words that merely begin like a match ("south" for "sought"), where the pattern itself would be entered."""
    parsed = _sre_p.parse(pattern, flags)
    for k in range(_HEAD_LEN, 0, -1):
        try:
            got = _seq_heads(parsed.data, 0, k, {})
        except _TooMany:
            continue
        words = frozenset(head.rstrip(_OPEN_END) for head in got)
        return None if "" in words else words
    return None


def _seq_heads(items: Any, i: int, k: int, memo: _HeadMemo) -> frozenset[str]:
    """Leading strings of ``items[i:]``, up to ``k`` characters: each has ``k`` characters, or fewer and then either ends in
    _OPEN_END (anything may follow) or is a whole match of ``items[i:]`` (what follows the sequence follows)."""
    if i == len(items) or k <= 0:
        return frozenset({""})
    key = (id(items), i, k)
    got = memo.get(key)
    if got is None:
        out: set[str] = set()
        for head in _node_heads(items[i], k, memo):
            if head.endswith(_OPEN_END) or len(head) >= k:
                out.add(head)
            else:
                out.update(head + rest for rest in _seq_heads(items, i + 1, k - len(head), memo))
                if len(out) > _MAX_HEADS:
                    raise _TooMany
        got = memo[key] = frozenset(out)
    return got


def _node_heads(node: Any, k: int, memo: _HeadMemo) -> frozenset[str]:
    c = _sre_c
    op, av = node
    if op is c.LITERAL:
        # A letter outside ASCII may fold in ways str.lower() does not follow: the walk stops there.
        return frozenset({chr(av).lower() if av < 128 else _OPEN_END})
    if op is c.IN:
        chars: set[str] = set()
        for item_op, item in av:
            if item_op is c.LITERAL and item < 128:
                chars.add(chr(item).lower())
            elif item_op is c.RANGE and item[1] < 128:
                chars.update(chr(x).lower() for x in range(item[0], item[1] + 1))
            elif item_op is c.CATEGORY and item in _DIGIT_CATEGORIES:
                chars.add(_ANY_DIGIT)
            elif item_op is c.CATEGORY and item in _SPACE_CATEGORIES:
                chars.add(_ANY_SPACE)
            else:  # a negated set, \w, a character outside ASCII
                return frozenset({_OPEN_END})
        return frozenset(chars)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: a look-around's text is not the match's
        return frozenset({""})
    if op is c.SUBPATTERN:
        return _seq_heads(av[-1].data, 0, k, memo)
    if op is c.ATOMIC_GROUP:
        return _seq_heads(av.data, 0, k, memo)
    if op is c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _seq_heads(alternative.data, 0, k, memo)
            if len(out) > _MAX_HEADS:
                raise _TooMany
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        return _repeat_heads(sub.data, lo, hi, k, memo)
    return frozenset({_OPEN_END})  # anything else (any character, a back-reference) may begin with anything


def _repeat_heads(sub: Any, lo: int, hi: int, k: int, memo: _HeadMemo) -> frozenset[str]:
    """Leading strings of ``sub`` repeated ``lo`` to ``hi`` times: one copy, then the rest of the repetition. A copy
    that matches nothing adds no string the others do not give, so the walk does not go on from it (nor loop there)."""
    if hi == 0 or k <= 0:
        return frozenset({""})
    out: set[str] = {""} if lo == 0 else set()
    for head in _seq_heads(sub, 0, k, memo):
        if head.endswith(_OPEN_END) or len(head) >= k or head == "":
            out.add(head)
        else:
            more = _repeat_heads(sub, max(lo - 1, 0), hi if hi == _sre_c.MAXREPEAT else hi - 1, k - len(head), memo)
            out.update(head + rest for rest in more)
            if len(out) > _MAX_HEADS:
                raise _TooMany
    return frozenset(out)


_MIN_STEM = 2
# Words in most sentences of a North Korea-Russia story: useless for ruling a pattern out.
_COMMON = frozenset(
    [
        "north",
        "korea",
        "korean",
        "pyongyang",
        "russia",
        "russian",
        "moscow",
        "the",
        "of",
        "to",
        "in",
        "on",
        "and",
        "for",
        "from",
        "by",
        "with",
        "said",
        "says",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
    ]
)


def start_keys(pattern: str, flags: int = re.IGNORECASE, k: int = _PREFIX_LEN) -> frozenset[str] | None:
    """The lowercase ``k``-character strings a match of ``pattern`` can begin with, whitespace
    folded to a plain space; None when the pattern can begin with anything or match fewer than
    ``k`` characters."""
    got = _prefixes(_sre_p.parse(pattern, flags).data, k)
    if got is None or any(len(p) < k for p in got):
        return None
    return frozenset("".join(" " if ch.isspace() else ch for ch in p) for p in got)


def required_stems(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lowercase strings such that every match of ``pattern`` contains at least one of them.

    Worked out from the parsed pattern: a literal run the pattern cannot match without, or,
    for an alternation, one such run per branch. None when no such set exists (a branch made
    only of classes like \\d). Used to skip a regex on text that cannot match it.
    """
    got = _cover(_sre_p.parse(pattern, flags).data)
    return tuple(sorted(got)) if got else None


def _cover(items: Any) -> frozenset[str] | None:
    """A cover for a sequence: its longest mandatory literal run, else a mandatory group's cover."""
    c = _sre_c
    best_run = ""
    run = ""
    covers: list[frozenset[str]] = []
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av).lower()
            continue
        if len(run) > len(best_run):
            best_run = run
        run = ""
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        sub = None
        if op is c.SUBPATTERN:
            sub = _cover(av[-1])
        elif op is c.BRANCH:
            parts = [_cover(alt) for alt in av[1]]
            sub = None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            sub = _cover(av[2])
        if sub:
            covers.append(sub)
    if len(run) > len(best_run):
        best_run = run
    options = list(covers)
    if len(best_run) >= _MIN_STEM:
        options.append(frozenset({best_run}))
    if not options:
        return None
    # The most selective cover: no stem that is in nearly every sentence of this domain, then the
    # longest shortest stem, then the fewest stems.
    return max(options, key=lambda cover: (not (cover & _COMMON), min(len(x) for x in cover), -len(cover)))


class Table:
    """A list of (value, pattern) entries matched as one alternation, first entry first.

    ``finditer`` gives the same matches as one big ``(?:(?P<g0>...)|(?P<g1>...)|...)`` regex
    would, much faster: each candidate position (a word start) is tried only against the
    entries that can begin with its first two characters, as worked out once from the
    patterns themselves. The regex for a key is compiled on first use, once per distinct set of entries.
    """

    _START = re.compile(r"(?<![\w-])[^\W_]|(?<![\w-])[$~]")

    def __init__(self, entries: Iterable[tuple[str, str]], flags: int = re.IGNORECASE) -> None:
        self.values: list[str] = []
        self._patterns: list[str] = []
        for value, pattern in entries:
            self.values.append(value)
            self._patterns.append(pattern)
        self.flags = flags
        self._starts: list[_Prefixes] = []
        for pattern in self._patterns:
            got = _prefixes(_sre_p.parse(pattern, flags).data, _PREFIX_LEN)
            # Case-sensitive entries are filtered on lowercase keys too, so fold them.
            self._starts.append(None if got is None or "" in got else frozenset(p.lower() for p in got))
        self._by_key: dict[str, re.Pattern[str] | None] = {}
        # Entries that can start anywhere are tried at every word; most need a word ("think
        # tank") that a given text lacks, and leaving them out there changes no match.
        self._free = tuple(
            (i, required_stems(self._patterns[i], flags)) for i, st in enumerate(self._starts) if st is None
        )
        self._by_key_without: dict[frozenset[int], dict[str, re.Pattern[str] | None]] = {}
        # Opening -> entries, so a new key finds its entries by a few look-ups, not by walking
        # every entry's openings (thousands for the item table).
        self._anywhere = tuple(i for i, _ in self._free)
        self._by_prefix: dict[str, list[int]] = {}
        for i, starts in enumerate(self._starts):
            for opening in starts or ():
                self._by_prefix.setdefault(opening, []).append(i)
        self._by_entries: dict[tuple[int, ...], re.Pattern[str]] = {}
        # For _match_at, per set of entries left out: key -> the regex of its entries cut to the alternatives that can
        # open there, and the probe of those alternatives' leading strings (made on first use, as the regexes are;
        # each cut compiled and probed once, however many keys share it).
        self._probed: dict[frozenset[int], dict[str, tuple[re.Pattern[str], Any] | None]] = {}
        self._by_cut: dict[tuple[tuple[int, tuple[int, ...]], ...], tuple[re.Pattern[str], Any]] = {}
        self._alternatives: dict[int, tuple[_Alternative, ...]] = {}  # entry -> its top-level alternatives
        self._prefilters: dict[frozenset[int], re.Pattern[str] | None] = {}
        self.number: int | None = None  # its place among the tables the word index files (index_tables)
        # Whether every opening begins with a letter or digit: then every candidate is a word start.
        self._openings_at_words = all(_ALNUM_START.match(opening) for opening in self._by_prefix)

    def can_begin(self, key: str) -> bool:
        """Whether an entry's opening begins ``key`` (up to _PREFIX_LEN characters of lowercased text
        from a word start): what the prefilter's trie accepts there."""
        return any(key[:n] in self._by_prefix for n in range(1, len(key) + 1))

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The whole table as one alternation: what :meth:`finditer` must agree with (the tests
        compare them); compiled on first use, since matching never needs it."""
        return self._compile(range(len(self._patterns)))

    def _compile(self, indexes: Iterable[int]) -> re.Pattern[str]:
        body = "|".join(f"(?P<g{i}>{self._patterns[i]})" for i in indexes)
        return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w])", self.flags)

    def _for_key(self, key: str, without: frozenset[int] = frozenset()) -> re.Pattern[str] | None:
        cache = self._by_key if not without else self._by_key_without.setdefault(without, {})
        if key not in cache:
            chosen = tuple(i for i in self._entries_for(key) if i not in without)
            if not chosen:
                cache[key] = None
            else:
                # Many keys share one set of entries ("sh" + any letter): compile each set once.
                regex = self._by_entries.get(chosen)
                if regex is None:
                    regex = self._by_entries[chosen] = self._compile(chosen)
                cache[key] = regex
        return cache[key]

    def _entries_for(self, key: str) -> list[int]:
        """The entries that can match at a word whose first characters are ``key``, in table
        order: those with ``key`` itself among their openings, or a shorter opening ``key``
        begins with, and those that can begin anywhere."""
        found = set(self._anywhere)
        found.update(self._by_prefix.get(key, ()))
        for n in range(1, len(key)):
            found.update(self._by_prefix.get(key[:n], ()))
        return sorted(found)

    def _absent_free(self, low: str) -> frozenset[int]:
        """The anywhere-entries that cannot match in ``low``: none of their required words is in it."""
        return frozenset(i for i, stems in self._free if stems is not None and not any(map(low.__contains__, stems)))

    def _prefilter(self, without: frozenset[int]) -> re.Pattern[str] | None:
        """A regex that finds, in one pass in C over the lowercased text, exactly the word starts
        whose key begins with an entry's opening (None: every word start can have an entry).

        Run over ``text.lower()`` (when it keeps the offsets), not ``text``: no character changes
        between word and non-word, or into ``-$~``, by lowercasing, so the word starts are the
        same, and an opening matches the key itself without re.IGNORECASE (which is slower)."""
        if without not in self._prefilters:
            openings = set(self._by_prefix)
            self._prefilters[without] = (
                re.compile(r"(?<![\w-])(?=" + _trie_pattern(openings) + r")(?:[^\W_]|[$~])")
                if openings and all(i in without for i in self._anywhere)
                else None
            )
        return self._prefilters[without]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right (as ``re.finditer`` would give them)."""
        end = len(text) if endpos is None else endpos
        lowered = text.lower()
        low = lowered if len(lowered) == len(text) else None
        without = (
            self._absent_free(lowered[pos:end] if low is not None else text[pos:end].lower())
            if self._free
            else frozenset()
        )
        cache = self._by_key if not without else self._by_key_without.setdefault(without, {})
        prefilter = self._prefilter(without) if low is not None else None
        if low is not None and prefilter is not None:
            # A key reads up to _PREFIX_LEN characters past a word start, past ``end`` too.
            starts = prefilter.finditer(low, pos, min(len(low), end + _PREFIX_LEN - 1))
        else:
            starts = self._START.finditer(text, pos, end)
        nxt = pos
        for start in starts:
            p = start.start()
            if p < nxt:
                continue
            if p >= end:
                break
            key = low[p : p + _PREFIX_LEN] if low is not None else text[p : p + _PREFIX_LEN].lower()
            regex = cache[key] if key in cache else self._for_key(key, without)
            if regex is None:
                continue
            m = regex.match(text, p, end)
            if m and m.end() > p:
                nxt = m.end()
                yield m

    def finditer_indexed(self, idx: WordIndex) -> Iterator[re.Match[str]]:
        """:meth:`finditer` over the whole of ``idx.work``, the same matches, its candidates taken from
        the article's word starts (:meth:`WordIndex.table_starts`, filed in the walk that files the cues)
        instead of a scan of the text by each table's prefilter. Falls back to :meth:`finditer` where the prefilter
        does not decide the candidates: a table not filed, lowercasing that changes the text's length,
        an entry that can begin anywhere present in the text."""
        text, low = idx.work, idx.low
        if self.number is None or not self._openings_at_words or not (text.isascii() or len(text.lower()) == len(text)):
            return self.finditer(text)
        without = self._absent_free(low) if self._free else frozenset()
        if self._prefilter(without) is None:
            return self.finditer(text)
        return self._match_at(text, low, idx.table_starts(self.number), without, idx.folds)

    def _probed_for_key(self, key: str, without: frozenset[int]) -> tuple[re.Pattern[str], Any] | None:
        """For :meth:`_match_at` in an article that folds like re.IGNORECASE: the regex of the key's entries, each cut to
        its top-level alternatives that can open at ``key`` (:meth:`_alternatives_at`), and the ``match`` of a probe of
        those alternatives' leading strings (False when one's are not known); None when no entry can open there.

        Under re.IGNORECASE re tries every alternative of an entry at every candidate ("North Korean" enters each of
        the ten ways of naming a ballistic missile before the one that opens with "north"): an alternative that cannot
        open at the candidate's first characters fails there whatever follows, so leaving it out changes no match,
        nor which alternative matches first."""
        chosen = tuple(i for i in self._entries_for(key) if i not in without)
        folded_key = _fold_key(key)
        cut = tuple(kept for kept in ((i, self._alternatives_at(i, folded_key)) for i in chosen) if kept[1])
        got = self._by_cut.get(cut) if cut else None
        if cut and got is None:
            strings: set[str] | None = set()
            parts = []
            for i, kept in cut:
                alternatives = self._alternatives[i]
                parts.append(f"(?P<g{i}>{'|'.join(alternatives[j].source for j in kept)})")
                for j in kept:
                    of_alternative = alternatives[j].strings
                    if strings is not None and of_alternative is not None:
                        strings |= of_alternative
                    else:
                        strings = None
            regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", self.flags)
            got = self._by_cut[cut] = (regex, re.compile(_trie_pattern(strings)).match if strings else False)
        self._probed.setdefault(without, {})[key] = got
        return got

    def _alternatives_at(self, entry: int, folded_key: str) -> tuple[int, ...]:
        """The top-level alternatives of ``entry`` (numbered in its pattern) that can open at a word whose first
        characters are ``folded_key`` (:func:`_fold_key`): one of their openings (as the entry's own, worked out from
        the parsed pattern, whitespace and digits folded alike) begins it, or their openings are not known."""
        alternatives = self._alternatives.get(entry)
        if alternatives is None:
            alternatives = self._alternatives[entry] = tuple(
                _Alternative.of(source, self.flags) for source in _top_level_alternatives(self._patterns[entry])
            )
        return tuple(
            j
            for j, alternative in enumerate(alternatives)
            if alternative.openings is None or any(map(folded_key.startswith, alternative.openings))
        )

    def _match_at(
        self, text: str, low: str, starts: list[int], without: frozenset[int], folds: bool
    ) -> Iterator[re.Match[str]]:
        """The matches at ``starts``. Where the text folds like re.IGNORECASE (``folds``), a candidate is first
        probed in ``low`` for the leading strings of its key's entries: most candidates are words that begin like an
        entry ("the" before a word no source begins with, "nor" of "north" where no item follows), and the probe
        turns them away in a few steps where the key's regex would enter each of its entries under re.IGNORECASE; the
        regex itself holds only the alternatives that can open there (:meth:`_probed_for_key`). Elsewhere (a dotless
        i, which re.IGNORECASE reads as "i" and lowercasing does not) each key's entries are tried whole, unprobed."""
        nxt = 0
        if not folds:
            by_key = self._by_key if not without else self._by_key_without.setdefault(without, {})
            for p in starts:
                if p < nxt:
                    continue
                key = low[p : p + _PREFIX_LEN]
                regex = by_key[key] if key in by_key else self._for_key(key, without)
                if regex is None:
                    continue
                m = regex.match(text, p)
                if m and m.end() > p:
                    nxt = m.end()
                    yield m
            return
        cache = self._probed.setdefault(without, {})
        for p in starts:
            if p < nxt:
                continue
            key = low[p : p + _PREFIX_LEN]
            got = cache[key] if key in cache else self._probed_for_key(key, without)
            if got is None:
                continue
            regex, probe = got
            if probe and not probe(low, p):
                continue
            m = regex.match(text, p)
            if m and m.end() > p:
                nxt = m.end()
                yield m

    def value(self, m: re.Match[str]) -> str:
        """The value of the entry that produced ``m``."""
        return self.values[int(m.lastgroup[1:])]  # type: ignore[index]


def _trie_atom(ch: str) -> str:
    """A character of a trie's word as a regex: itself, or the class a stand-in of :func:`leading_strings` names."""
    return r"\d" if ch == _ANY_DIGIT else r"\s" if ch == _ANY_SPACE else re.escape(ch)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (lowercase) at a position, as a trie: a word that is a
    prefix of another makes the longer one redundant; characters with the same continuation
    share a class, so a candidate is checked in a few steps, not one per word."""
    words = set(words)
    if "" in words:
        return ""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0], set()).add(word[1:])
    chars_by_rest: dict[str, list[str]] = {}
    for ch in sorted(rests):
        chars_by_rest.setdefault(_trie_pattern(rests[ch]), []).append(ch)
    branches = [
        (_trie_atom(chars[0]) if len(chars) == 1 else "[" + "".join(map(_trie_atom, chars)) + "]") + rest
        for rest, chars in chars_by_rest.items()
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _top_level_alternatives(pattern: str) -> list[str]:
    """The source of each top-level alternative of ``pattern``, in order ("a|b(?:c|d)" gives "a" and "b(?:c|d)"):
    split at each "|" outside groups, character classes and escapes, so that they join back into ``pattern``."""
    out: list[str] = []
    depth = 0
    begun = 0
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            # a "]" first in a class ("[]a]", "[^]a]") is one of its characters, not its end
            i += 2 if pattern.startswith("^", i + 1) else 1
            i += 1 if pattern.startswith("]", i) else 0
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[begun:i])
            begun = i + 1
        i += 1
    out.append(pattern[begun:])
    return out


# Whitespace and digits in a key, and in the openings it is compared with, as one character each: \s and \d match
# more characters than the few _prefixes writes for them (a no-break space, digits of other scripts).
_KEY_FOLD = re.compile(r"\s|\d")


def _fold_key(key: str) -> str:
    """``key`` with each whitespace character read as a space and each digit as "0" (:data:`_KEY_FOLD`)."""
    return key if key.isalpha() else _KEY_FOLD.sub(lambda m: " " if m.group().isspace() else "0", key)


class _Alternative(NamedTuple):
    """A top-level alternative of a table entry: its source, the openings it can begin with (:func:`_prefixes`, as
    :func:`_fold_key` folds them; None: not known, so it may open anywhere) and its leading strings
    (:func:`leading_strings`)."""

    source: str
    openings: tuple[str, ...] | None
    strings: frozenset[str] | None

    @classmethod
    def of(cls, source: str, flags: int) -> _Alternative:
        got = _prefixes(_sre_p.parse(source, flags).data, _PREFIX_LEN)
        openings = None if got is None or "" in got else tuple(sorted({_fold_key(p.lower()) for p in got}))
        return cls(source, openings, leading_strings(source, flags))


_ALNUM_START = re.compile(r"[^\W_]")
# Word starts are the starts of maximal runs of word characters (what r"\b\w" finds, twice as fast).
_WORD_RUN = re.compile(r"\w+")
# Every character str.isspace() accepts (exactly the characters \s matches in a str pattern), for
# folding to a plain space; a table of them took a pass over all of Unicode at every start-up.
_SPACE = re.compile(r"\s")
_KEY_LEN = 3  # characters of a word that file it: "in " (the word "in") apart from "inf"
# Openings that put the start of every match at a word start.
_WORD_START_OPENERS = ("\\b", "(?<![\\w-])", "(?<!\\w)", "(?<![\\w])")


class WordIndex:
    """Where the words of an article start, and for each cue the word starts it can begin at.

    Built once per article: the words are filed under their first three lowercase characters
    in one pass over the whole text, and each cue (:class:`Gated`) gets the sorted list of the
    word starts whose key it can begin with. A cue is then tried only at its own positions
    within a sentence (two bisections), instead of the sentence being scanned for each cue.
    """

    __slots__ = ("work", "low", "folds", "_starts", "_cue_starts", "_table_starts", "sides")

    def __init__(self, work: str, low: str) -> None:
        self.work = work
        self.low = low
        self.folds = folds_like_ignorecase(work)  # cues may then be matched in ``low`` (Gated._lower_twin)
        self._starts: list[int] | None = None  # word starts, found on first use (many articles need none)
        self._cue_starts: list[list[int]] = []  # cue number -> its word starts; filed on first use
        self._table_starts: list[list[int]] = []  # table number -> its candidate word starts; filed with the cues
        self.sides: dict[tuple[int, int], tuple[bool, bool, bool]] = {}  # memo of sides_named

    def _word_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [m.start() for m in _WORD_RUN.finditer(self.low)]
        return self._starts

    def cue_starts(self, number: int) -> list[int]:
        """The word starts of the whole article at which cue ``number`` can begin, in order."""
        filed = self._cue_starts
        if number >= len(filed):
            filed = self._file_cues()  # a cue made after the last filing files everything again
        return filed[number]

    def table_starts(self, number: int) -> list[int]:
        """The word starts of the whole article at which table ``number`` (:func:`index_tables`) can
        have an entry, in order: those its prefilter finds in the lowercased text. Filed in the walk that
        files the cues (one look-up per word for both)."""
        if not self._cue_starts:
            self._file_cues()
        return self._table_starts[number]

    def _file_cues(self) -> list[list[int]]:
        filed: list[list[int]] = [[] for _ in _ALL_GATED]
        tables: list[list[int]] = [[] for _ in _INDEXED_TABLES]
        filing = _KEY_FILING
        low = self.low
        for p in self._word_starts():
            key = low[p : p + _KEY_LEN]
            got = filing.get(key)
            cue_numbers, table_numbers = got if got is not None else _filing_of(key)
            for number in cue_numbers:
                filed[number].append(p)
            # A table's candidate is also not after a hyphen (its prefilter's (?<![\w-])).
            if table_numbers and (p == 0 or low[p - 1] != "-"):
                for number in table_numbers:
                    tables[number].append(p)
        self._cue_starts = filed
        self._table_starts = tables
        return filed


# Every cue, numbered, and key -> the numbers of the cues that can begin with it: an article's
# words are looked up once for all cues (WordIndex.cue_starts), instead of once per cue or sentence.
_ALL_GATED: list[Gated] = []
_GATED_BY_KEY: dict[str, list[int]] = {}
# The tables whose candidates the same walk files (index_tables), and a memo of the walk's look-ups: a
# word's first characters -> the numbers of the cues and of the tables that can begin there (a key with
# a space or a stop in it, "in " or "s, ", was folded by a regex at every word); emptied when a cue or a
# table is added, and bounded, since keys come from whatever text arrives.
_INDEXED_TABLES: list[Table] = []
_KEY_FILING: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
_KEY_MEMO_MAX = 50_000


def _filing_of(key: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The cues that can begin at a word whose first characters are ``key`` (those filed under it with
    its whitespace folded to a plain space, as the cues' keys are: "in\nRussia" files under "in "), and
    the tables whose prefilter accepts it (openings begin with a letter or digit, so never at "_")."""
    cue_numbers = _GATED_BY_KEY.get(key)
    if cue_numbers is None and not key.isalnum():
        cue_numbers = _GATED_BY_KEY.get(_SPACE.sub(" ", key))
    got = (
        tuple(cue_numbers or ()),
        tuple(number for number, table in enumerate(_INDEXED_TABLES) if table.can_begin(key)),
    )
    if len(_KEY_FILING) < _KEY_MEMO_MAX:
        _KEY_FILING[key] = got
    return got


def index_tables(*tables: Table) -> None:
    """File the candidates of ``tables`` in every article's word index (Table.finditer_indexed)."""
    for table in tables:
        if table.number is None:
            table.number = len(_INDEXED_TABLES)
            _INDEXED_TABLES.append(table)
    _KEY_FILING.clear()


# The match of a text's span [pos, endpos): what a match without groups holds (Gated, once its twin has matched).
# (".*" over any characters always matches: typed so, the re stub's Optional being a miss that cannot happen)
_span_of = cast("Callable[[str, int, int], re.Match[str]]", re.compile(r".*", re.DOTALL).match)


class Gated:
    """A cue regex that is tried only where it can match.

    When every match of the pattern must begin at a word start (the pattern opens with ``\\b``
    or a look-behind for a non-word character)
    and the first three characters of a match are known (:func:`monitor.claims.lexicon.start_keys`), the
    regex is tried only at the starts of words with those characters (filed once per article
    by :class:`WordIndex`): most sentences have none, and the others one or two, so a bisection
    replaces a scan of the sentence. Otherwise a substring test for the pattern's stems
    (:func:`monitor.claims.lexicon.required_stems`) guards a plain search. Either way the matches
    are exactly those of ``pattern.finditer`` over the same stretch (tests/test_extract.py
    checks this on the labelled set). Where the article folds like re.IGNORECASE, a candidate is
    probed in its lowercased text (:meth:`_make_probe`: the pattern's :func:`lowercase_twin` behind
    its :func:`leading_strings`), and a match read from the text only where the probe matches.
    """

    __slots__ = ("pattern", "stems", "keys", "number", "_twin", "_twin_made", "_probe", "_probe_is_whole")

    def __init__(self, pattern: re.Pattern[str], stems: tuple[str, ...] | None = None) -> None:
        self.pattern = pattern
        self.stems = stems if stems is not None else required_stems(pattern.pattern, pattern.flags)
        keys = (
            start_keys(pattern.pattern, pattern.flags, _KEY_LEN)
            if pattern.pattern.startswith(_WORD_START_OPENERS)
            else None
        )
        if keys is not None and not all(k[0].isalnum() for k in keys):
            keys = None
        self.keys = keys
        self._twin: re.Pattern[str] | None = None
        self._twin_made = False  # compiled on first use: start-up pays for no cue an article never asks
        self._probe: Any = None  # made on first use (_make_probe)
        self._probe_is_whole = False  # the probe's match is the pattern's (_make_probe)
        self.number = len(_ALL_GATED)
        _ALL_GATED.append(self)
        for key in keys or ():
            _GATED_BY_KEY.setdefault(key, []).append(self.number)
        _KEY_FILING.clear()

    def present(self, low: str) -> bool:
        return self.stems is None or any(map(low.__contains__, self.stems))

    def _lower_twin(self, idx: WordIndex) -> re.Pattern[str] | None:
        """The pattern's lowercase twin, when it has one and the article folds like re.IGNORECASE."""
        if not idx.folds:
            return None
        if not self._twin_made:
            self._twin = lowercase_twin(self.pattern)
            self._twin_made = True
        return self._twin

    def _make_probe(self) -> Any:
        """The ``match`` of a regex read at a filed word start in the lowercase of an article that folds, which
        matches wherever the pattern matches the text there: the pattern's lowercase twin behind a look-ahead for
        its leading strings (:func:`leading_strings`), which turns most candidates away in a few steps; either of
        the two where the other is not known; False where neither is. Made on first use: some 0.1 s for all cues."""
        source = twin_source(self.pattern)
        words = leading_strings(self.pattern.pattern, self.pattern.flags)
        ahead = "" if words is None else "(?=" + _trie_pattern(words) + ")"
        if source is not None:
            self._probe = re.compile(ahead + "(?:" + source + ")", self.pattern.flags & ~re.IGNORECASE).match
            # The twin matches where the pattern matches and ends where it ends; without groups to read, its
            # span is all a match holds, so the text's match is that span (_span_of) and the case-blind pattern,
            # which enters every branch of its alternation, is not run a second time.
            self._probe_is_whole = self.pattern.groups == 0
        elif ahead:
            self._probe = re.compile(ahead).match
        else:
            self._probe = False
        return self._probe

    def search(self, idx: WordIndex, start: int, end: int) -> re.Match[str] | None:
        """The leftmost match in ``[start, end)``, as ``pattern.search`` finds it."""
        if self.keys is None:
            if not self.present(idx.low[start:end]):
                return None
            twin = self._lower_twin(idx)
            if twin is None:
                return self.pattern.search(idx.work, start, end)
            found = twin.search(idx.low, start, end)
            if found is None:
                return None
            if not self.pattern.groups:  # the twin's span is the match (as _make_probe's)
                return _span_of(idx.work, found.start(), found.end())
            return self.pattern.match(idx.work, found.start(), end)
        # The filed word starts of this cue, read directly (some 500 calls per article, _make_probe's memo written
        # out too), and the first in [start, end): a stretch without a candidate (most) costs one bisection. The
        # candidates are read by index from the filed list: a slice of it would copy every later word start
        # (hundreds for a cue keyed on "the").
        filed = idx._cue_starts
        number = self.number
        positions = filed[number] if number < len(filed) else idx.cue_starts(number)
        lo = bisect_left(positions, start)
        if lo < len(positions) and positions[lo] < end:
            probe: Any = (self._probe if self._probe is not None else self._make_probe()) if idx.folds else False
            match, work, low = self.pattern.match, idx.work, idx.low
            for p in islice(positions, lo, None):
                if p >= end:
                    break
                if probe:
                    found = probe(low, p, end)
                    if not found:
                        continue
                    if self._probe_is_whole:
                        return _span_of(work, p, found.end())
                m = match(work, p, end)
                if m:
                    return m
        return None

    def finditer(self, idx: WordIndex, start: int, end: int) -> list[re.Match[str]]:
        """Every match in ``[start, end)``, as ``pattern.finditer`` gives them."""
        out: list[re.Match[str]] = []
        if self.keys is None:
            if not self.present(idx.low[start:end]):
                return out
            twin = self._lower_twin(idx)
            if twin is None:
                return list(self.pattern.finditer(idx.work, start, end))
            if not self.pattern.groups:
                return [_span_of(idx.work, found.start(), found.end()) for found in twin.finditer(idx.low, start, end)]
            for found in twin.finditer(idx.low, start, end):
                m = self.pattern.match(idx.work, found.start(), end)
                if m is not None:
                    out.append(m)
            return out
        filed = idx._cue_starts
        number = self.number
        positions = filed[number] if number < len(filed) else idx.cue_starts(number)
        lo = bisect_left(positions, start)
        if lo < len(positions) and positions[lo] < end:
            probe: Any = (self._probe if self._probe is not None else self._make_probe()) if idx.folds else False
            nxt = start
            match, work, low = self.pattern.match, idx.work, idx.low
            whole = self._probe_is_whole
            for p in islice(positions, lo, None):
                if p >= end:
                    break
                if p < nxt:
                    continue
                if probe:
                    found = probe(low, p, end)
                    if not found:
                        continue
                    m = _span_of(work, p, found.end()) if whole else match(work, p, end)
                else:
                    m = match(work, p, end)
                if m:
                    out.append(m)
                    nxt = max(m.end(), p + 1)
        return out


class Twinned:
    """A case-insensitive pattern searched in a whole text through its :func:`lowercase_twin`, in the
    text's lowercase (:func:`twin_subject`), and a match found there read again from the text: the same
    matches as the pattern's own, found some three times faster (re enters every branch of an
    alternation under re.IGNORECASE). For the date patterns read over every sentence, and clause and
    transfer patterns read over a whole sentence in the article's lowercase (Document.folded)."""

    __slots__ = ("pattern", "_twin", "_twin_made")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._twin: re.Pattern[str] | None = None
        self._twin_made = False  # compiled on first use, as Gated's

    def _lower_twin(self) -> re.Pattern[str] | None:
        if not self._twin_made:
            self._twin = lowercase_twin(self.pattern)
            self._twin_made = True
        return self._twin

    def search(self, text: str, low: str | None, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``; ``low`` is :func:`twin_subject` of ``text`` (or an article's
        lowercase that folds, as WordIndex.low with WordIndex.folds) and None to read ``text`` itself."""
        twin = self._lower_twin() if low is not None else None
        if twin is None:
            return self.pattern.search(text, pos, endpos)
        found = twin.search(low, pos, endpos)  # type: ignore[arg-type]
        if found is None:
            return None
        if not self.pattern.groups:  # the twin's span is the match (as Gated's)
            return _span_of(text, found.start(), found.end())
        return self.pattern.match(text, found.start(), endpos)

    def finditer(self, text: str, low: str | None, pos: int = 0, endpos: int = sys.maxsize) -> list[re.Match[str]]:
        """``list(pattern.finditer(text, pos, endpos))``; ``low`` as for :meth:`search`."""
        twin = self._lower_twin() if low is not None else None
        if twin is None:
            return list(self.pattern.finditer(text, pos, endpos))
        if not self.pattern.groups:
            return [_span_of(text, found.start(), found.end()) for found in twin.finditer(low, pos, endpos)]  # type: ignore[arg-type]
        out = []
        for found in twin.finditer(low, pos, endpos):  # type: ignore[arg-type]
            m = self.pattern.match(text, found.start(), endpos)
            if m is not None:
                out.append(m)
        return out


class StemGuarded:
    """A compiled regex whose searches are skipped where the text cannot hold a match.

    ``search`` and ``finditer`` first look for one of the pattern's required stems
    (:func:`required_stems`) in the lowercased stretch: a substring test in C, where the search
    itself enters the matcher at every character (a case-insensitive pattern, or one opening with
    ``\\b`` or a look-behind, gets no fast scan from ``re``). The matches are exactly the pattern's;
    ``match`` and ``fullmatch`` try one position and are passed through. For cues searched in
    every sentence or before every mention that few of them hold (tests/claims/test_engine.py
    checks the guard against the plain pattern); a pattern without such stems is searched unguarded.
    """

    __slots__ = ("regex", "pattern", "flags", "stems")

    def __init__(self, regex: re.Pattern[str], stems: tuple[str, ...] | None = None) -> None:
        """``stems``: lowercase strings one of which every match holds, where :func:`required_stems` finds none
        (an alternation of words sharing their first letter is parsed as that letter, then the rests)."""
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.stems = stems if stems is not None else required_stems(regex.pattern, regex.flags)

    def _absent(self, string: str, pos: int, endpos: int) -> bool:
        """No match can lie in ``string[pos:endpos]``: none of the stems is in it."""
        if self.stems is None:
            return False
        stretch = string[max(pos, 0) : endpos]
        low = stretch.lower()
        # (folds_like_ignorecase's ASCII case written out: some 200 calls an article, nearly all ASCII)
        return not any(map(low.__contains__, self.stems)) and (stretch.isascii() or folds_like_ignorecase(stretch))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(string, pos, endpos) else self.regex.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(string, pos, endpos) else self.regex.finditer(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.fullmatch(string, pos, endpos)


def compile_table(entries: Iterable[tuple[str, str]], flags: int = re.IGNORECASE) -> tuple[Table, list[str]]:
    """A :class:`Table` for a list of (value, pattern); also returns the values."""
    table = Table(entries, flags)
    return table, table.values


def group_value(m: re.Match[str], values: list[str]) -> str:
    """The table value of the entry that produced ``m``."""
    return values[int(m.lastgroup[1:])]  # type: ignore[index]


# Fired into the sea: North Korea's own launch, not a shot in the war ("fired two ballistic missiles
# toward the sea", "fired into the Sea of Japan"). A look-ahead body, read after a verb of firing.
SEAWARD = (
    r"[^.;]{0,60}?\b(?:into|toward|towards)\s+(?:the\s+)?(?:sea|waters|East\s+Sea|Sea\s+of\s+Japan|Yellow\s+Sea)\b"
)


# --- the two sides ---------------------------------------------------------------------------

# A building task told right after people ("engineers who will help rebuild", "engineers to reconstruct the roads"):
# they are builders, as people sent "to clear mines" are sappers.
_REBUILD_TASK_WORDS = (
    r"\s+(?:(?:will|would|to|who|that|are|were|is|also|now)\s+){0,3}(?:help\s+(?:to\s+)?)?"
    r"[\"']?(?:rebuild|reconstruct|restore|repair)\w*"  # (the task quoted from a speaker: 'will help "rebuild ..."')
)
_REBUILD_TASK = "(?=" + _REBUILD_TASK_WORDS + ")"
_REBUILD_TASK_NOT = "(?!" + _REBUILD_TASK_WORDS + ")"

# The North named by its standing epithets ("the hermit kingdom", "the reclusive state", "Kim's regime"); not "the
# isolated country" or "Moscow's ally", which other states are called too. One copy: a name of the side (NK) and a
# speaker for its government (SOURCES: "the hermit kingdom denied ...").
NK_EPITHETS = (
    r"(?:[Tt]he\s+[Hh]ermit\s+(?:[Kk]ingdom|[Ss]tate)|[Tt]he\s+reclusive\s+(?:state|nation|country|regime)"
    r"|Kim(?:'s|\u2019s)\s+(?:regime|dictatorship|government)|[Tt]he\s+Kim\s+(?:regime|dictatorship))"
)

NK = re.compile(
    r"(?<![\w-])(?:North\s+Korean?s?|N\.\s?Korean?|NKorea|DPRK|D\.P\.R\.K\.|Pyongyang(?:'s)?|Kim\s+Jong[-\s]?[Uu]n"
    r"|Kim\s+Yo[-\s]?[Jj]ong|KPA|Korean\s+People'?s\s+Army|KCNA|Korean\s+Central\s+News\s+Agency"
    r"|[Tt]he\s+North(?:'s)?|Rodong\s+Sinmun|Workers'?\s+Party\s+of\s+Korea"
    # the North named by its standing epithets ("the hermit kingdom", "the reclusive state", "Kim's regime"); not
    # "the isolated country" or "Moscow's ally", which other states are called too
    r"|" + NK_EPITHETS + r"(?:'s)?"
    # the North's ports on the route to Russia
    r"|Rajin|Najin|Rason|Chongjin"
    # ... and the rail crossing into Russia at Khasan
    r"|Tumangang)(?![\w])",
)
RU = re.compile(
    r"(?<![\w-])(?:Russian?s?|Russia's|Moscow(?:'s)?|Kremlin|Putin(?:'s)?|Shoigu|Lavrov|Peskov|Belousov"
    r"|Gerasimov|Kursk|Vladivostok|Vostochny|Khasan|Zakharova|Medvedev"
    # the Far East port where the North's cargo lands, the depot it is stored at, the Kursk town it was fought for
    r"|Dunai|Tikhoretsk|Sudzha"
    # the drone plant's special economic zone, and its republic, where the North's workers are sent
    r"|Alabuga|Yelabuga|Tatarstan)(?![\w])",
)
# The war Russia wages: NK arms "used against Ukraine" imply the Russian side.
WAR = re.compile(
    r"(?<![\w-])(?:Ukrain(?:e|e's|ian|ians)|Kyiv|Kiev|Zelensk(?:y|yy|iy|i)|Kharkiv|Zaporizhzhia|Donetsk"
    r"|Donbas|Bakhmut|Avdiivka|Pokrovsk)(?![\w])",
)

# --- items -------------------------------------------------------------------------------------

# Category of each item: which kinds it can take and which way it flows.
ITEM_CATEGORY: dict[str, str] = {
    "artillery_shells": "materiel",
    "rockets": "materiel",
    "munitions": "materiel",
    "containers": "materiel",
    "ballistic_missiles": "materiel",
    "cruise_missiles": "materiel",
    "anti_tank_missiles": "materiel",
    "missile_launchers": "materiel",
    "multiple_rocket_launchers": "materiel",
    "self_propelled_guns": "materiel",
    "artillery_systems": "materiel",
    "military_equipment": "materiel",
    "drones": "materiel",
    "troops": "troops",
    "weapons_experts": "personnel",
    "workers": "personnel",
    "combat_engineers": "personnel",
    "military_construction_workers": "personnel",
    "military_officers": "personnel",
    "satellite_technology": "technology",
    "space_technology": "technology",
    "missile_technology": "technology",
    "aircraft_technology": "technology",
    "fighter_jets": "technology",
    "air_defense": "technology",
    "electronic_warfare_equipment": "technology",
    "tanks": "technology",
    "nuclear_technology": "technology",
    "submarine_technology": "technology",
    "military_technology": "technology",
    "drone_technology": "technology",
    "food": "compensation",
    "oil": "compensation",
    "raw_materials": "compensation",
    "cash": "compensation",
    "economic_aid": "compensation",
    "goods": "compensation",
    "killed": "casualty",
    "wounded": "casualty",
    "captured": "casualty",
    "killed_or_wounded": "casualty",
    "casualties": "casualty",
    "reconnaissance_satellite": "satellite",
    "tech": "tech",  # a technology word whose domain the sentence decides
    "_skip": "skip",  # phrases that contain item words but are not items ("rounds of talks")
}

_CAL = r"(?:\d{2,3}\s?-?\s?(?:mm|millimet(?:er|re))\s+)"
# "Rounds of ammunition" named by no calibre or gun is ammunition in general (the corpus README: "ammunition" is
# munitions), not artillery shells; a calibre before or just after ("rounds of ammunition, mainly 122 mm and 152 mm")
# or artillery named before them keeps them shells. Looked for after a bare "rounds" (the shells' entry).
_NOT_AMMUNITION_IN_GENERAL = r"(?!\s+of\s+(?:ammunition|ammo)\b(?![^.;]{0,40}?\d{2,3}\s?-?\s?mm))"
# A number in words that can count lives ("the loss of nine lives", "claimed hundreds of lives"): only numbers, so that
# "the loss of innocent lives" names no death count.
_COUNT_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|dozens|hundreds|thousands|several|a\s+few)(?:-\w+)?(?:\s+of)?"
)
# A missile programme named with the bomb's beside it ("its ballistic missile and nuclear weapons programmes", "the
# North's missile and nuclear programs"): no more a missile sent than "its missile programme" alone (the skips below).
BOMB_BESIDE_MISSILE = r"(?:\s+and\s+nuclear(?:\s+weapons?)?)?"
# A further round of sending, named by the act's noun alone ("additional deployment", "another deployment"): read as the
# North's soldiers (troops entry below) unless its sentence put other things in place first (mentions.filter_mentions).
FURTHER_DEPLOYMENT = r"(?:additional|further|fresh|second|another)\s+deployments?"

ITEMS, ITEM_VALUES = compile_table(
    [
        # Not items, though they contain item words.
        (
            "_skip",
            r"rounds?\s+of\s+(?:talks|negotiations|sanctions|discussions|meetings|consultations|tests?|launch(?:es)?|voting|fighting|strikes|attacks|layoffs|applause|golf|drinks|interviews)",
        ),
        (
            "_skip",
            r"(?:nuclear|atomic)(?:-tipped)?\s+(?:weapons?|arms|arsenal|warheads?)|weapons?\s+(?:of\s+mass\s+destruction|programs?|programmes?|developments?|advancements?|tests?)",
        ),
        (
            "_skip",
            r"(?:ballistic|cruise|hypersonic|nuclear|long-range)\s+missiles?"
            + BOMB_BESIDE_MISSILE
            + r"\s+(?:programs?|programmes?|tests?|development|launch(?:es)?|sites?|bases?)",
        ),
        (
            "_skip",
            r"think[- ]tanks?|(?:oil|fuel|water|storage)\s+tanks?|tanker\s+ships?|missiles?"
            + BOMB_BESIDE_MISSILE
            + r"\s+(?:tests?|launch(?:es)?|programs?|programmes?|developments?|advancements?|firings?|provocations?|sites?|bases?|forces|units|troops|capabilit(?:y|ies))",
        ),
        (
            "_skip",
            r"(?:rocket|satellite)\s+(?:launch(?:es)?|launch\s+(?:devices?|pads?|sites?|facilit(?:y|ies)))|space\s+launch\s+(?:facilit(?:y|ies)|sites?|centers?|centres?)|launch\s+(?:pads?|sites?|devices?|complex(?:es)?|facilit(?:y|ies)|cent(?:er|re)s?|vehicles?\s+assembly)",
        ),
        (
            "_skip",
            r"(?:Soyuz|Angara|Proton|Zenit|Falcon|space|carrier|launch|booster)(?:-\d+\w?)?(?:\s+and\s+(?:Soyuz|Angara|Proton|Zenit)(?:-\d+\w?)?)?\s+rockets?",
        ),
        (
            "_skip",
            r"arms\s+(?:control|race|embargo|pipeline|relationship|partnership|cooperation|ties|industry|industries|makers?|fairs?|expos?)|arm[s']?\s+length|small\s+arms\s+fire|(?:foreign|finance|defen[cs]e)\s+ministers?",
        ),
        (
            "_skip",
            r"(?:nuclear|military)[- ](?:armed|capable)|(?:Russian|Ukrainian)[- ]flagged|military\s+(?:cooperation|ties|alliance|pact|treaty|exercises?|drills?|parade|activities|capabilit(?:y|ies)|power|intelligence|officials?|leaders?|spokes(?:man|woman|person))",
        ),
        # (not the North's artillery striking: "losses caused by North Korean artillery strikes" are its shells used,
        # the artillery_shells entry)
        (
            "_skip",
            r"(?:(?:drone|air|(?<!North\sKorean\s)artillery|missile)\s+)?strikes?|armou?red\s+vests?|bulletproof\s+vests?",
        ),
        # a body named by what it makes or runs ("the Missile General Bureau", "the Munitions Industry Department"): an
        # organisation, not the thing
        (
            "_skip",
            r"(?-i:(?:North\s+Korean\s+|Korean\s+|DPRK\s+|Russian\s+)?"
            r"(?:Missile|Munitions?|Rocket|Artillery|Ammunition|Drone)(?:\s+(?:General|Industry|Industrial))?"
            r"\s+(?:Bureau|Administration|Department|Directorate|Corporation|Commission))",
        ),
        # the trade, not a technology given: "tech companies said", "the technology sector"; a firm with no business
        # of its own ("shell companies") holds no shells
        (
            "_skip",
            r"(?:tech|technology|high-tech)\s+(?:compan(?:y|ies)|firms?|giants?|sector|industr(?:y|ies)|start-?ups?|stocks?"
            r"|executives?|workers|parks?|hubs?)|shell\s+(?:compan(?:y|ies)|firms?|corporations?|entit(?:y|ies))",
        ),
        # Weapons the West gives Ukraine, named by their names ("Storm Shadow missiles"): never the North's.
        (
            "_skip",
            r"(?:Storm\s+Shadows?|SCALP(?:-EG)?|(?-i:ATACMS)|(?-i:HIMARS)|Taurus|Javelins?|(?-i:NASAMS)|IRIS-T)"
            r"(?:\s+(?:cruise\s+|ballistic\s+|anti-tank\s+)?(?:missiles?|rockets?|systems?|launchers?))?",
        ),
        # People named by the weapon they handle or by the teaching they are sent for: "rocket launcher specialists",
        # "drone technicians", "personnel to teach the gunners" are weapons experts, not the weapon and not troops.
        # (Before the weapons, which would take "rocket launcher" out of "rocket launcher specialists".)
        (
            "weapons_experts",
            r"(?:(?:multiple\s+)?rocket[- ]launcher|launcher|rocket|drone|air[- ]defen[cs]e|radar|tank|howitzer|artillery"
            r"|missile|weapons?|munitions)\s+(?:experts|specialists|technicians|instructors)"
            r"|(?:military\s+)?(?:personnel|specialists|experts)(?=\s+to\s+(?:teach|train|instruct|show|operate|maintain|service)\b)",
        ),
        # The pupils of people sent to teach are not troops sent: "specialists to teach soldiers how to use the launchers",
        # "instructors training Russian crews".
        (
            "_skip",
            r"(?:teach|instruct)(?:es|ing)?\s+(?:the\s+)?(?:Russian\s+)?(?:soldiers|troops|servicemen|forces|gunners|crews)"
            r"|train(?:s|ing)?\s+(?:the\s+)?Russian\s+(?:soldiers|troops|servicemen|forces|gunners|crews)",
        ),
        # Things shipped, most specific first.
        # The North's 107 mm launchers go by their type number ("Type 75 launchers", "Type-63 MLRS") as well.
        # The KN-25 is a 600 mm multiple launcher reported as a short-range ballistic missile: a missile (below)
        # unless the text calls it a launcher or a rocket system. The Soviet BM-21 "Grad" is a multiple launcher.
        (
            "multiple_rocket_launchers",
            # "multiple rocket launcher ammunition": the rounds, named by what fires them
            r"(?:KN-?25s?\s+(?:(?:super[- ]large|large[- ]calib(?:re|er)|600\s?-?\s?mm)\s+)?"
            r"(?:(?:multiple[- ])?(?:rocket[- ])?launch(?:ers?|(?:er|ing)?\s+systems?)|rocket\s+(?:artillery\s+)?systems?"
            r"|(?-i:MLRS|MRLs?))"
            r"|(?:BM-?21\s+)?(?-i:Grads?)(?:\s+(?:(?:multiple\s+)?(?:rocket\s+)?launchers?|systems?|(?-i:MLRS|MRLs?)))?"
            r"|BM-?21s?(?:\s+(?:(?:multiple\s+)?(?:rocket\s+)?launchers?|systems?|(?-i:MLRS|MRLs?)))?)"
            r"(?!\s+(?:ammunition|ammo|rounds|shells|munitions|rockets)\b)"
            rf"|(?:(?:240|122|107|220|300|600)\s?-?\s?mm\s+launchers?|{_CAL}?(?:multiple[- ](?:rocket|launch)[- ](?:rocket\s+)?(?:launchers?|launch(?:er|ing)?\s+systems?|systems?)|(?-i:MLRS|MRLS?s?)|M-?19(?:85|91)s?(?:\s+(?:multiple\s+)?(?:rocket\s+)?(?:launchers?|systems?|(?-i:MLRS)))?|rocket\s+launchers?|Type[- ]?(?:63|75)\s+(?:(?:multiple\s+)?(?:rocket\s+)?launchers?|systems?|(?-i:MLRS|MRLs?))|rocket\s+artillery\s+systems?|(?:(?:long|multiple)[- ]range\s+)?rocket\s+(?:launch\s+)?systems))"
            r"(?!\s+(?:ammunition|ammo|rounds|shells|munitions|rockets)\b)",
        ),
        (
            "self_propelled_guns",
            rf"{_CAL}?(?:self[- ]propelled\s+(?:guns?|howitzers?|artillery(?:\s+(?:guns?|systems?|pieces))?)|Koksans?(?:\s+(?:guns?|howitzers?|artillery))?|M-?19(?:78|89)s?(?:\s+(?:Koksans?|guns?|howitzers?))?)"
            # the Koksan by its calibre: "170mm guns", "170-mm cannons"
            r"|170\s?-?\s?(?:mm|millimet(?:er|re))\s+(?:guns?|cannons?)"
            # its Korean name ("Juche-po") and the abbreviation reporting uses for the class
            r"|Juche[- ]?po(?:\s+(?:guns?|howitzers?))?|(?-i:SPGs?)"
            # howitzers, as the corpus labels them (towed ones are rarely what the North sends)
            rf"|{_CAL}?howitzers?",
        ),
        # Rounds named by the multiple launcher that fires them ("MLRS rounds", "ammunition for multiple rocket
        # launchers", "Grad rounds") are its rockets, not artillery shells. Not where artillery shares the noun
        # ("8 million rounds of artillery and MRL ammunition"): one count of mixed rounds, read as shells
        # (tests/claims/test_precision.py).
        (
            "rockets",
            rf"{_CAL}rockets?|(?:artillery|unguided|guided|MRL|MLRS)\s+rockets?|rockets"
            r"|(?<!artillery\sand\s)(?<!artillery\sor\s)"
            rf"{_CAL}?(?:(?-i:MLRS|MRLS?)|multiple[- ](?:rocket|launch)[- ](?:rocket\s+)?launchers?"
            r"|(?<!multiple\s)(?<!multiple-)rocket[- ]launchers?"
            r"|(?:BM-?21\s+)?(?-i:Grad)|BM-?21)\s+(?:rounds|ammunition|ammo|munitions|shells|projectiles)"
            rf"|{_CAL}?(?:rounds|ammunition|ammo|munitions|shells|projectiles)\s+for\s+(?:(?:the|their|its|Russia's)\s+)?"
            r"(?:(?-i:MLRS|MRLS?)|multiple[- ](?:rocket|launch)[- ](?:rocket\s+)?(?:launchers?|systems?)|rocket[- ]launchers?"
            r"|(?:BM-?21\s+)?(?-i:Grads?)(?:\s+launchers?)?|BM-?21s?)",
        ),
        (
            "anti_tank_missiles",
            r"anti[- ]tank\s+(?:guided\s+)?(?:missiles?|weapons?)|(?-i:ATGMs?)|Bulsae(?:-\d)?(?:\s+missiles?)?",
        ),
        ("cruise_missiles", r"cruise\s+missiles?"),
        (
            "missile_technology",
            r"(?:(?:ballistic|ICBM|hypersonic|long-range)\s+)?missile\s+(?:technolog(?:y|ies)|tech|know-how|expertise|components|parts|engines?|data)|(?:ICBM|re-?entry|hypersonic)\s+(?:technolog(?:y|ies)|tech|know-how)"
            # what Russia's help improves in the North's missiles: "improvements in missile guidance capabilities"
            r"|missile\s+guidance(?:\s+(?:systems?|technolog(?:y|ies)|capabilit(?:y|ies)|performance))?",
        ),
        # The KN-23 is nicknamed after the Russian missile it resembles: "North Korean Iskanders".
        (
            "ballistic_missiles",
            r"(?:(?:short|close|medium|intermediate)[- ]range\s+)?ballistic\s+missiles?|KN-?2[34](?:\s+(?:ballistic\s+)?missiles?)?s?|KN-?25(?!s?,?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:(?:multiple[- ])?rocket[- ]launch|launcher|rocket\s+(?:artillery\s+)?system|(?-i:MLRS|MRL)))(?:\s+(?:ballistic\s+)?missiles?)?s?|Hwas(?:e?o)ng-?11[A-Za-z]*(?:\s+missiles?)?|(?<=Korean\s)Iskanders?(?:\s+missiles?)?|(?-i:SRBMs?)|(?:North\s+Korean(?:-made|-supplied)?\s+)?missiles?",
        ),
        (
            "missile_launchers",
            r"(?:(?:mobile|missile)\s+)?launchers|(?:mobile\s+|missile\s+)launcher|(?-i:TELs?)|transporter[- ]erector[- ]launchers?",
        ),
        (
            "artillery_shells",
            rf"{_CAL}?(?:artillery\s+)?(?:shells|projectiles)|(?:{_CAL}|artillery\s+){{1,2}}rounds(?:\s+of\s+(?:artillery\s+)?(?:ammunition|ammo|shells))?|rounds(?:\s+of\s+(?:artillery\s+(?:ammunition|ammo)|(?:artillery\s+)?shells)|{_NOT_AMMUNITION_IN_GENERAL})|artillery\s+(?:ammunition|ammo|munitions|supplies|shells?|rounds?)|{_CAL}(?:artillery\s+)?(?:ammunition|ammo|munitions|shells?)|mortar\s+(?:shells|rounds|bombs|ammunition|ammo|munitions)|shells?(?=\s+(?:to|for|from)\b)"
            # "sending artillery to Russia": the word alone, as a thing sent, is its ammunition
            r"|(?<!towed\s)artillery(?=\s+(?:to|from)\s+(?:Russia|Moscow|North|Pyongyang|the)\b)"
            # ... and the North's artillery firing: "hit by North Korean artillery fire", "losses from North Korean
            # artillery strikes" (what is fired is the shells)
            r"|(?<=North\sKorean\s)artillery(?=\s+(?:fire|strikes?|shelling|barrages?|bombardments?)\b)"
            # ... and beside other things sent: "supplied artillery and munitions", "artillery and ballistic missiles"
            r"|(?<!heavy\s)(?<!towed\s)artillery(?=\s+and\s+(?:munitions|ammunition|(?:ballistic\s+)?missiles|rockets|shells|other\s+weapons)\b"
            r"(?!\s+(?:strikes?|fire|attacks?|units|forces|troops|launch)))",
        ),
        (
            "artillery_systems",
            rf"{_CAL}?(?:artillery\s+(?:systems?|pieces|guns|cannons?)|field\s+guns)"
            # guns pulled by a truck, not self-propelled: "towed artillery", "towed guns" (read from the noun: an
            # opening "tow" would try this entry at every "towards")
            r"|(?<=towed\s)(?:artillery(?:\s+(?:systems?|pieces|guns))?|guns)"
            r"|heavy\s+artillery(?!\s+(?:shells?|rounds?|ammunition|ammo|munitions|fire|strikes?|units))",
        ),
        # "ammunition containers": what a container holds names the container, not a second item
        # "four container ships": ships, not containers
        (
            "containers",
            r"(?:(?:shipping|cargo|freight|ammunition|ammo|munitions?|weapons?|arms)\s+)?containers?"
            r"(?!\s+(?:ships?|vessels?|carriers?|terminals?|ports?|yards?)\b)",
        ),
        ("drone_technology", r"drone\s+(?:technolog(?:y|ies)|tech|know-how|production|manufacturing)"),
        # A loitering munition is a drone that strikes once: not ammunition in general.
        (
            "drones",
            r"(?:attack\s+|kamikaze\s+|suicide\s+)?drones|loitering\s+munitions?|(?-i:UAVs?)|unmanned\s+aerial\s+vehicles?|Shaheds?|Geran-?\d?s?",
        ),
        (
            "weapons_experts",
            r"(?:weapons?|missile|artillery|ammunition|munitions|technical|military|arms)\s+(?:experts|specialists|technicians|advisers|advisors|instructors)|technicians|(?:military\s+)?advisers|(?:military\s+)?advisors|instructors",
        ),
        (
            "military_equipment",
            r"military\s+(?:equipment|hardware|materiel|material|vehicles|gear|goods)|war\s+materi[ae]l|materiel|weapons?\s+systems?|armou?red\s+vehicles|infantry\s+fighting\s+vehicles?|(?-i:IFVs?)|armou?red\s+personnel\s+carriers?|(?-i:APCs?)"
            # bare "equipment" listed with arms is war equipment: "weapons, ammunition and equipment", "weapons and
            # other equipment", "equipment and munitions" (alone it may be anything: "sports equipment", "the equipment
            # at the launch site")
            r"|(?:(?<=\bammunition\sand\s)|(?<=\bweapons\sand\s)|(?<=\bweapons\sand\sother\s)|(?<=\barms\sand\sother\s))equipment"
            r"|equipment(?=\s+and\s+(?:ammunition|munitions|weapons|arms)\b)",
        ),
        # rounds of ammunition named by no calibre or gun ("1.5 million rounds of ammunition"): ammunition of every kind
        # (the real sets label it so; "rounds of artillery ammunition", "152mm rounds" are shells)
        (
            "munitions",
            r"rounds\s+of\s+(?:ammunition|ammo)|(?:military|war)\s+(?:supplies|cargo(?:es)?)|munitions?|ammunition|ammo|weapon(?:s|ry)"
            # ("armaments", "armament supply"; not a body's name: "the State Armament Agency")
            r"|(?-i:armaments?)(?!\s+(?:Agency|Agencies|Administration|Directorate|Bureau|Industry|Industries))|arms(?=\s+(?:supplies|shipments?|deliver(?:y|ies)|transfers?|trade|trading|dealings?|deals?|sales?|exports?|imports?|to\b|from\b|for\b|and\b|in\s+exchange)|[.,;])|arms|arming(?=\s+(?:Russia|Moscow|the\s+Russian|Russian))",
        ),
        # Arms and ammunition named by kind: "explosives", "grenades", "aerial bombs", "rifles and machine guns". Not
        # mines (the ones sappers clear, tried: a shipment of "landmines cleared in Kursk") nor mortars (a gun's barrel
        # as often as a thing sent: "damage to the barrels of cannons and mortars" gave an extra on the corpus).
        (
            "munitions",
            r"explosives|gunpowder|(?:hand\s+|rocket-propelled\s+)?grenades|(?-i:RPGs)"
            r"|(?:aerial|glide|guided|air-dropped)\s+bombs|(?:assault\s+)?rifles|machine[- ]guns|small\s+arms",
        ),
        # Arms help named as aid: "the North's military assistance flowing to Russia", "lethal aid"
        # (not "mutual military aid", the treaty's promise of help, nor Russia's "military support" to the North)
        (
            "munitions",
            r"(?:(?<!mutual\s)(?:military|lethal|weapons?|arms)\s+(?:aid|assistance)|(?:weapons?|arms)\s+support)"
            # (help promised "in case of" an attack is the treaty's clause, not help given)
            r"(?![^.;]{0,40}?\b(?:in\s+(?:case|the\s+event)\s+of|if\s+(?:either|one|the\s+other|it\s+is|attacked))\b)"
            r"(?!\s+to\s+(?:each|one)\s+other\b)",
        ),
        # People.
        # Mine clearance by any of its names ("de-miners", "mine clearers", "demining troops"): the sappers sent to Kursk.
        (
            "combat_engineers",
            # (engineers named by a building task are builders, below: "5,000 military engineers will help rebuild")
            r"combat\s+engineers|(?:military|army)\s+engineers"
            + _REBUILD_TASK_NOT
            + r"|sappers|de-?miners|mine[- ]clearers|(?:mine[- ]clear(?:ing|ance)|de-?mining)\s+(?:units|troops|personnel|specialists|experts|engineers|teams|squads|forces)|engineering\s+(?:troops|units|personnel|forces)|engineers"
            + _REBUILD_TASK_NOT
            # soldiers named by the task they are sent for: "sent troops to clear mines in Kursk"
            + r"|(?:troops|soldiers|servicemen|personnel|units)(?=\s+(?:to\s+(?:clear|remove|sweep|defuse)\s+(?:the\s+)?"
            r"(?:land)?mines|for\s+(?:mine[- ]clear(?:ing|ance)|de-?mining)))",
        ),
        # Builders named by their unit ("construction battalions", "construction soldiers").
        (
            "military_construction_workers",
            r"military\s+(?:construction\s+)?(?:builders|construction\s+(?:workers|troops|personnel|forces|units))|construction\s+(?:workers|troops|personnel|forces|units|soldiers|battalions?|brigades?|crews)|builders"
            # "5,000 military workers sent to rebuild": the army's labourers are its builders
            r"|military\s+(?:workers|labou?rers)"
            # engineers named by the building they are sent for: "military engineers will help rebuild the region"
            r"|(?:(?:military|army)\s+)?engineers"
            + _REBUILD_TASK
            # "construction and engineering forces": two kinds of people sharing one noun
            + r"|(?:military\s+)?construction(?=\s+(?:and|or)\s+engineering\s+(?:forces|troops|units|personnel))",
        ),
        (
            "workers",
            # (not the ruling "Workers' Party" of Korea, whose officials speak for the North)
            r"(?:forced|overseas|migrant|North\s+Korean)\s+(?:workers|laborers|labourers)|(?:workers|laborers|labourers)"
            r"(?!['\u2019]?\s+Party\b)",
        ),
        (
            "military_officers",
            r"(?:military|army|KPA|senior|high-ranking|general\s+staff|staff)\s+officers|generals|officers",
        ),
        (
            "troops",
            r"(?:special[- ]operations\s+|special\s+|elite\s+|combat\s+|regular\s+|ground\s+|army\s+)?(?:forces?\s+troops|troops|soldiers|servicemen|service\s*members|infantry(?:men)?|fighters)|(?:special[- ]operations|special|elite|KPA|army)\s+forces|(?:military\s+)?personnel|(?:troop|military)\s+presence|(?:troop|military)\s+deployments?|troop\s+dispatch(?:es)?|Storm\s+Corps|(?:11th\s+)?(?:army\s+)?corps|\d[\d,]{0,15}-strong\s+(?:contingent|force|brigade|battalion|division|unit|army)|expeditionary\s+forces?|contingents?|brigades?|battalions?|(?:army|infantry|KPA|combat)\s+(?:divisions?|regiments?)|(?:military|army|combat|infantry)\s+units|(?:sub-?)?units|forces|North\s+Koreans|men",
        ),
        # soldiers named by the guns they serve (an entry of its own: tried only at these words)
        ("troops", r"gunners|artillerymen|(?:artillery|gun|mortar)\s+(?:crews|crewmen|operators)"),
        # soldiers sent to make up a force already there: "3,000 reinforcements", "North Korean reinforcements", and
        # reinforcements a verb of sending governs ("could send reinforcements to Kursk", "is dispatching more
        # reinforcements"), whose subject says whose they are, as for "troops" (not a bare "reinforcements": "Russia
        # rushed reinforcements to Kursk" are Russia's own, read as the North's when tried)
        (
            "troops",
            r"(?:(?<=\d\s)|(?<=thousand\s)|(?<=North\sKorean\s)|(?<=KPA\s)|(?<=DPRK\s)|(?<=Pyongyang's\s)"
            r"|(?<=send\s)|(?<=sends\s)|(?<=sent\s)|(?<=sending\s)|(?<=dispatch\s)|(?<=dispatches\s)|(?<=dispatched\s)"
            r"|(?<=dispatching\s)|(?<=send\smore\s)|(?<=sent\smore\s)|(?<=sending\smore\s)|(?<=dispatch\smore\s)"
            r"|(?<=dispatching\smore\s)|(?<=dispatched\smore\s))reinforcements",
        ),
        # a further round of sending soldiers, named by the noun of the act alone: "the North is preparing for
        # additional deployment", "signs of a further deployment" (the soldiers are the article's; "a further
        # deployment of missiles" names its own thing, and "the new deployment" is most often the one told already)
        ("troops", FURTHER_DEPLOYMENT + r"(?!\s+of\b)"),
        # the North's soldiers as Ukraine's side names them, "North Korean mercenaries" (not a bare "mercenaries": the
        # Wagner group's and other hired fighters are Russia's own)
        ("troops", r"(?:(?<=North\sKorean\s)|(?<=KPA\s)|(?<=DPRK\s)|(?<=Pyongyang's\s))mercenaries"),
        # soldiers named by their arm or their role: "3,000 paratroopers", "marines and snipers", "drone operators"
        # (not "recruits", a verb as often as a noun: "Russia recruits North Korean workers", nor "conscripts", said
        # of workers' past service: "served as conscripts in their twenties" put a worker among the troops when tried)
        (
            "troops",
            r"paratroop(?:er)?s|airborne\s+(?:troops|forces|units)|marines|snipers|commandos|riflemen|sharpshooters"
            r"|(?:drone|UAV)\s+(?:operators|pilots|crews|units)|assault\s+(?:units|groups|detachments)",
        ),
        # the North's army placed in the war is its soldiers: "the DPRK military near Kursk", "North Korea's army in
        # Russia" (elsewhere "the North Korean military" is a body that speaks or acts, not a thing sent)
        (
            "troops",
            r"(?:(?<=DPRK\s)|(?<=KPA\s)|(?<=North\sKorean\s)|(?<=North\sKorea's\s)|(?<=Pyongyang's\s))(?:military|army)"
            r"(?=\s+(?:(?:units|personnel|contingent)\s+)?(?:near|in|inside|on|at|around)\s+(?:the\s+)?"
            r"(?:Kursk|Russia|Russian|Belgorod|Bryansk|Donetsk|Luhansk|Donbas|Zaporizhzhia|front|occupied))",
        ),
        # soldiers named as allies: "our Korean comrades fought heroically"
        ("troops", r"(?:Korean|DPRK)\s+(?:comrades|brothers)(?:[- ]in[- ]arms)?"),
        # Casualty markers.
        (
            "killed_or_wounded",
            # "killed or wounded", and with each verb's own auxiliary, "have died or have been injured"
            r"(?:killed|died)\s+(?:or|and|/)\s+(?:(?:have|had)\s+been\s+|were\s+|been\s+)?(?:wounded|injured)"
            r"|(?:dead|deaths)\s+(?:or|and)\s+(?:wounded|injured)|casualties"
            # the same pair in a list of fates: "killed, wounded or gone missing", "dead, injured and captured"
            r"|(?:killed|dead),\s+(?:wounded|injured),?\s+(?:or|and)\s+(?:(?:gone|went|are|were|been|taken)\s+)?"
            r"(?:missing|captured|prisoner)"
            # losses said to be heavy, without a count: "suffered heavy losses", "their losses are significant"
            # (a bare "their losses reflect ..." or "losses en masse" stays unread)
            r"|(?:heavy|heavier|significant|huge|massive|severe|serious|considerable|substantial|enormous|staggering)"
            # ("heavy losses for exporters" are a business's, not soldiers')
            r"\s+(?:combat\s+|battlefield\s+)?losses(?!\s+for\b)"
            r"|losses\s+(?:are|were|have\s+been|had\s+been)\s+(?:very\s+|extremely\s+|so\s+)?"
            r"(?:heavy|significant|huge|massive|severe|serious|considerable|substantial|enormous|staggering)"
            # the same pair named the other way round: "wounded and killed", "injured or dead"
            r"|(?:wounded|injured)\s+(?:or|and|/)\s+(?:killed|dead)"
            # "has lost over 4,000 soldiers": soldiers lost, dead or wounded
            r"|lost(?=\s+(?:more\s+than\s+|over\s+|about\s+|around\s+|some\s+|nearly\s+|at\s+least\s+|up\s+to\s+|an\s+estimated\s+"
            r"|roughly\s+|almost\s+|approximately\s+|close\s+to\s+|as\s+many\s+as\s+|well\s+over\s+)?"
            r"(?:[\d,.]+(?:\s+(?:thousand|[\w-]+))?"
            # ... or counted in words or vaguely: "lost hundreds of troops", "lost several thousand soldiers", "lost two
            # thousand men"
            r"|(?:hundreds|thousands|dozens|tens)\s+of(?:\s+thousands\s+of)?(?:\s+(?:its|their|the|[\w-]+))?"
            r"|(?:several|a\s+few|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand)(?:\s+[\w-]+)?)"
            r"\s+(?:soldiers|troops|servicemen|men|fighters|personnel))"
            # losses counted: "North Korean losses have reached 4,000", "its losses now stand at about 4,000", "losses of
            # some 3,000" (a count of the fallen, dead or wounded)
            r"|losses(?=\s+(?:(?:in|near|around)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:region|oblast|area))?\s+)?"
            r"(?:(?:now|so\s+far|already|have|has|had|are|were|is)\s+)*(?:of|at|to|total\w*|number\w*"
            r"|reach\w*|stand\w*\s+at|stood\s+at|exceed\w*|top\w*|surpass\w*|amount\w*\s+to|r[io]s(?:e|en)\s+to"
            r"|climbed\s+to|estimated\s+at)\s+(?:(?:about|around|roughly|some|nearly|almost|more\s+than|over|at\s+least"
            # (money, shares and weights are no soldiers: "losses of 5 million roubles")
            r"|up\s+to|an\s+estimated)\s+)?\d(?![\d,.]*(?:\s*(?:thousand|million|billion|mn|m|bn))?\s*(?:billion|bn|trillion"
            r"|dollars|euros|r[ou]+bles|won|yuan|%|percent|per\s+cent|tonnes|tons|barrels)))",
        ),
        # "the sacrifices made by your armed forces": lives given, said as a tribute
        (
            "killed",
            r"killed|dead|deaths|death\s+toll|died|perished|slain|fatalities|deceased|sacrifices(?=\s+(?:made\s+by|of)\s)"
            # the verb in its other forms, "die" only after the people who do ("saw other soldiers die", not what troops
            # are sent "to fight and die" for), and a killing told by its manner
            r"|(?:(?<=soldiers\s)|(?<=troops\s)|(?<=servicemen\s)|(?<=fighters\s)|(?<=comrades\s))dies?\b(?!-)"
            r"|dying|(?:shot|beaten|burned|burnt|stabbed|hacked)\s+to\s+death"
            # a death told as a life lost or given: "have lost their lives", "gave his life", "killed in action"
            r"|(?:lost|los(?:e|es|ing)|gave|giv(?:e|es|en|ing)|laid\s+down|sacrificed)"
            r"\s+(?:their|his|her)\s+li(?:ves|fe)"
            # deaths counted as lives: "the loss of nine lives", "the clash claimed 40 lives" (the count follows the
            # word, as after "killed"), "the lives of 40 soldiers", and "nine lives were lost" (the count before "lives")
            r"|(?:loss(?:es)?\s+of|claim(?:ed|s|ing)|cost)(?=\s+(?:(?:more\s+than|over|about|around|some|nearly|almost"
            r"|at\s+least|up\s+to|an\s+estimated)\s+)?(?:\d[\d,.]*|" + _COUNT_WORD + r")(?:\s+(?:hundred|thousand))?"
            r"\s+(?:more\s+)?lives\b)"
            r"|(?:claim(?:ed|s|ing)|cost|took|taken)\s+the\s+lives\s+of(?=\s)"
            r"|lives(?=\s+(?:were|have\s+been|had\s+been|was|has\s+been)\s+lost\b)"
            r"|(?-i:KIA)|fallen\s+(?:soldiers|troops|servicemen|fighters|comrades|heroes)",
        ),
        ("wounded", r"wounded|injured|injuries"),
        (
            "captured",
            # a place or a picture taken is no one captured ("helped capture two villages", "can capture images")
            r"(?:captured|captures?)(?!\s+(?:[\w,-]+\s+){0,2}?(?:images?|imagery|pictures?|photos?|photographs?|footage"
            r"|videos?|data|villages?|towns?|city|cities|settlements?|territory|territories|positions?|hills?|heights"
            r"|ground|areas?|trenches|bridgeheads?)\b)"
            r"|taken\s+(?:prisoner|captive)|prisoners?\s+of\s+war|(?-i:POWs?)|prisoners?|captives?|surrendered",
        ),
        # Given in return.
        (
            "submarine_technology",
            r"(?:nuclear[- ]powered\s+)?submarine\s+(?:technolog(?:y|ies)|tech|know-how|propulsion|reactors?)|nuclear[- ]powered\s+submarines?"
            # parts of one: "nuclear submarine modules", "submarine reactor components"
            r"|(?:nuclear\s+)?submarine\s+(?:modules?|components|parts)"
            # what drives one: "naval nuclear propulsion", "a naval reactor"
            r"|naval\s+(?:nuclear\s+)?(?:propulsion|reactors?)(?:\s+(?:technolog(?:y|ies)|tech|systems?))?"
            r"|nuclear\s+propulsion(?:\s+(?:technolog(?:y|ies)|tech|systems?))?",
        ),
        (
            "nuclear_technology",
            r"nuclear\s+(?:technolog(?:y|ies)|tech|know-how|expertise|assistance|cooperation)"
            # "nuclear missile technology": the missile carries the domain (cues.DOMAIN_BEFORE_MISSILE)
            r"|nuclear[- ]missile\s+(?:technolog(?:y|ies)|tech|know-how|expertise)",
        ),
        (
            "satellite_technology",
            r"satellite\s+(?:technolog(?:y|ies)|tech|know-how|expertise|assistance|help|components|parts)|(?:spy|reconnaissance)\s+satellite\s+(?:technolog(?:y|ies)|tech)",
        ),
        (
            "space_technology",
            r"space\s+(?:technolog(?:y|ies)|tech|know-how|expertise|cooperation)|rocket\s+engines?|(?:satellite\s+|space\s+)?launch\s+vehicles?",
        ),
        # Aircraft of no named kind are aircraft help, as the corpus labels "aircraft" (not anti-aircraft arms, nor
        # the ship that carries them, nor "the aircraft" pointing back to jets named before)
        (
            "aircraft_technology",
            r"(?:aircraft|aviation|aerospace)\s+(?:technolog(?:y|ies)|tech|know-how|parts|components)"
            r"|(?<!anti-)(?<!anti\s)(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?:aircraft|(?:air)?planes)(?!\s+carriers?)",
        ),
        # Aircraft by model, and by maker ("Sukhoi fighters").
        (
            "fighter_jets",
            r"(?:fighter|combat)\s+(?:jets?|planes?|aircraft)|fighters?\s+jets?"
            # a model takes the noun after it, so that "Su-35 fighters" is one thing and no soldiers
            r"|(?:MiG-?(?:29|31|35)|Su-?(?:27|30|34|35|57))s?"
            r"(?:\s+(?:fighter\s+jets?|fighters?|jets?|aircraft|planes?))?"
            r"|Sukhoi(?:\s+Su-?\d+)?s?(?:\s+(?:fighter\s+jets?|fighters?|jets?|aircraft|planes?))?"
            r"|warplanes?|jets",
        ),
        # "SAM" is case-sensitive (a person named Sam is no missile), and its crews are people, not the systems.
        (
            "air_defense",
            # ("air defences", plural, as the singular)
            r"air[- ]defen[cs]es?(?:\s+(?:systems?|equipment|units?|missiles?|networks?|batter(?:y|ies)|complex(?:es)?))?|Pantsirs?(?:-S1)?|S-?[34]00s?|anti-?air(?:craft)?(?:\s+(?:systems?|guns?|missiles?|weapons?))?|surface-to-air\s+missiles?(?:\s+systems?)?|(?-i:SAMs?)(?:\s+(?:systems?|batter(?:y|ies)|launchers?))?(?!\s+(?:operators|crews|specialists))"
            # the other Russian systems by name ("Tor" only with its noun: a bare "Tor" is too many other things),
            # radars and the systems that down drones
            r"|Buks?(?:-M\d\w*)?(?:\s+(?:systems?|launchers?|missiles?|batter(?:y|ies)))?"
            r"|Tor(?:-M\d\w*)?\s+(?:systems?|launchers?|missiles?|batter(?:y|ies))"
            r"|(?:air[- ]defen[cs]e\s+|early[- ]warning\s+)?radars?(?:\s+(?:systems?|stations?))?"
            r"|(?:anti|counter)[- ]drone\s+(?:systems?|equipment|weapons?|guns?)",
        ),
        (
            "electronic_warfare_equipment",
            r"electronic[- ]warfare(?:\s+(?:equipment|systems?|gear|units?|capabilities))?|(?-i:EW)\s+(?:equipment|systems?|gear)|jamm(?:ing|ers?)(?:\s+(?:equipment|systems?))?",
        ),
        ("tanks", r"T-?(?:62|72|80|90)[A-Za-z]*s?(?:\s+tanks?)?|(?:main\s+battle\s+)?tanks"),
        (
            "tech",
            r"military[- ]technical\s+(?:cooperation|assistance|help|support|ties)|technolog(?:y|ies|ical)(?:\s+(?:assistance|help|support|transfers?|cooperation))?|tech|know-how|expertise|technical\s+(?:help|assistance|advice|support|cooperation|expertise|know-how|aid)|(?:military\s+)?technolog(?:y|ies)",
        ),
        (
            "oil",
            r"(?:crude\s+|refined\s+)?oil(?:\s+products)?|petroleum(?:\s+products)?|fuel|diesel|gasoline|barrels(?:\s+of\s+(?:crude\s+)?oil)?"
            # "crude" on its own as a thing listed ("crude and diesel"), and the other refined fuels
            r"|kerosene|petrol|crude(?=\s*(?:,|and\b|or\b|to\b|from\b|$))",
        ),
        (
            "food",
            r"food(?:\s+(?:aid|supplies|shipments|assistance))?|rice|wheat|flour|grain|foodstuffs?|sugar|livestock"
            r"|cattle"
            # the other staples a shipment lists ("cooking oil" is food, before the oil entry reads "oil")
            r"|corn|maize|barley|soy(?:beans?|\s+beans)?|potato(?:es)?|cooking\s+oil|vegetable\s+oil|fish|meat|pork"
            r"|poultry",
        ),
        (
            "raw_materials",
            r"raw\s+materials|iron\s+ore|minerals|rare\s+earths?|coal|fertili[sz]ers?|timber|steel"
            # what industry is built and fed with: "building materials", "non-ferrous metals", and "materials" on their
            # own when sent ("a plan to send materials, including food"), but not the war's, the bomb's or a lesson's
            r"|(?:building|construction|industrial|strategic)\s+materials|(?:non-ferrous\s+|precious\s+|rare\s+)?metals"
            r"|(?<!military\s)(?<!war\s)(?<!nuclear\s)(?<!fissile\s)(?<!propaganda\s)(?<!training\s)(?<!promotional\s)"
            r"(?<!weapons-grade\s)(?<!classified\s)(?<!teaching\s)materials",
        ),
        # The rouble in both spellings ("rubles", "roubles"), and money in other currencies ("foreign exchange").
        (
            "cash",
            r"cash|hard\s+currency|foreign\s+(?:currency|exchange)|money|payments?|(?:US\s+)?dollars|r(?:u|ou)bles|funds|revenue"
            # where the money lands: "arms sales have bolstered the state coffers"
            r"|(?:state\s+)?coffers",
        ),
        (
            "economic_aid",
            r"(?:economic|humanitarian|financial)\s+(?:aid|assistance|support|help|cooperation)"
            # help getting at money the sanctions froze ("helped Pyongyang unfreeze some of its assets", "the
            # unblocking of North Korean accounts"): the act, not the money (a freeze itself is a sanction)
            r"|un(?:freez|block)\w*\s+(?:of\s+)?(?:(?:some|part|most|all|much)\s+of\s+)?"
            r"(?:(?:its|their|the|North\s+Korean?(?:'s)?|Pyongyang's|frozen|overseas|foreign)\s+){0,3}"
            r"(?:assets|funds|accounts|deposits)"
            # debt forgiven: "Russia wrote off North Korean debt", "debt relief for Pyongyang"
            r"|(?:writ(?:e|es|ing|ten)|wrote)\s+off\s+(?:[\w'-]+\s+){0,4}?debts?|debt\s+(?:relief|write-?offs?|forgiveness)"
            # the noun, not the verb: "technology that would aid its missile programme", "to aid Moscow's war" help
            # something along; they name no aid given
            r"|(?<!\bto\s)(?<!would\s)(?<!could\s)(?<!will\s)(?<!can\s)(?<!may\s)(?<!might\s)(?<!should\s)"
            # ("would significantly aid in growing ties": the verb with an adverb between, known by its "in" + gerund)
            r"aid(?!\s+(?:its|their|his|her|the|this|that|these|those|them|it|him|us|Russia|Moscow|Pyongyang|Kyiv)\b)"
            r"(?!\s+(?:in|with)\s+\w+ing\b)",
        ),
        ("goods", r"goods|commodities|consumer\s+products"),
        (
            "reconnaissance_satellite",
            r"(?:military\s+)?(?:reconnaissance|spy)\s+satellites?|Malligyong(?:-\d)?|satellites?",
        ),
    ]
)

# How a "tech" word is resolved: a domain word in the sentence names the technology.
TechDomain = tuple[str, re.Pattern[str]]
TECH_DOMAINS: list[TechDomain] = [
    ("satellite_technology", re.compile(r"\b(?:satellites?|reconnaissance|spy\s+satellite|Malligyong)\b", re.I)),
    # ("help in the aerospace field"; in lower case only: "Hanwha Aerospace" and "Aerospace Forces" are names)
    ("space_technology", re.compile(r"\b(?:space|rocket\s+engines?|launch\s+vehicles?|(?-i:aerospace))\b", re.I)),
    ("submarine_technology", re.compile(r"\bsubmarines?\b", re.I)),
    ("missile_technology", re.compile(r"\b(?:missiles?|ICBMs?|re-?entry|hypersonic|ballistic)\b", re.I)),
    (
        "aircraft_technology",
        re.compile(r"\b(?:aircraft|aviation|air\s+force|fighter|warplanes?|jets?|airframes?|avionics|fleets?)\b", re.I),
    ),
    ("nuclear_technology", re.compile(r"\bnuclear(?![- ](?:armed|capable|powered|tipped))\b", re.I)),
    ("air_defense", re.compile(r"\bair[- ]defen[cs]es?\b", re.I)),  # ("its air defences": the plural too)
    ("drone_technology", re.compile(r"\bdrones?\b|\bUAVs?\b", re.I)),
]
TECH_DOMAIN_PATTERN: dict[str, re.Pattern[str]] = dict(TECH_DOMAINS)

# --- who says so --------------------------------------------------------------------------------

SK = r"(?:South\s+Korea(?:'s|n)?|Seoul(?:'s)?)"
# (normalised source, pattern). Person names learned from the text are added per article.
# The nations by whose adjective (or name, joined to another) a group of voices is named: "Ukrainian experts",
# "Ukraine and Western military experts".
_GROUP_NATION = (
    r"(?-i:North\s+Korean|South\s+Korean|Russian|Ukrainian|Ukraine|American|U\.S\.|US|Japanese|Western|European|British"
    r"|French|German|Chinese)"
)
_GROUP_FIELD = r"(?:(?:military|defen[cs]e|security|nuclear|missile|arms|weapons)\s+)?"
# The people a group of voices is named as: one list for the source table's "analysts" row and the words the group
# is given out by, so that every group the table reads goes by its own words.
_GROUP_PEOPLE = r"(?:analysts|experts|observers|researchers|specialists|defectors|bloggers|analyst)\b"
# (a list of several closes with "and": "South Korean, US and Japanese experts"; a state before a bare comma is the
# end of another phrase, "fired at Ukraine, Western experts say")
_NATIONS_LIST = rf"{_GROUP_NATION}(?:(?:\s*,\s*{_GROUP_NATION})*,?\s+and\s+{_GROUP_NATION})?"
_NATIONS_GROUP = rf"{_NATIONS_LIST}\s+{_GROUP_FIELD}{_GROUP_PEOPLE}"
# The nations naming a group of voices, right before the words the source table matched ("Ukraine and Western " before
# "military experts"): read only where a claim is told by such a group, not in the table, where the states' names
# that open them would be tried at every mention of a state.
NATIONS_BEFORE_GROUP = re.compile(rf"\b(?:{_NATIONS_LIST})\s+$")
# The words a group of voices the source table files under "analysts" is given out by: its nations and field if the
# text names them, without an article or a quantifier ("Experts believe ..." is `experts`, "Ukrainian experts have
# said ..." `Ukrainian experts`).
GROUP_VOICE_WORDS = re.compile(
    rf"(?:(?:the|some|other|many|several|most|an?)\s+)?(?P<words>(?:{_NATIONS_GROUP})|{_GROUP_FIELD}(?:independent\s+)?"
    rf"{_GROUP_PEOPLE})",
    re.IGNORECASE,
)


def group_voice(words: str) -> str | None:
    """The name a group of voices goes by, from the words the source table matched ("Ukrainian experts", "experts"):
    a serial comma dropped, and lower case where no nation is named. None where the words name no such group."""
    m = GROUP_VOICE_WORDS.fullmatch(" ".join(words.split()))
    if m is None:
        return None
    name = m.group("words").replace(", and ", " and ")
    return name if re.match(_GROUP_NATION, name) else name.lower()


SOURCES, SOURCE_VALUES = compile_table(
    [
        (
            "South Korea lawmaker",
            r"(?:(?:South\s+Korean|opposition|ruling(?:\s+party)?|Democratic\s+Party|People\s+Power\s+Party)\s+)?(?:lawmakers?|legislators?|parliamentarians?|MPs?)|(?:parliamentary|National\s+Assembly)(?:'s)?\s+intelligence\s+committee|intelligence\s+committee|Yoo\s+Sang-?bum|Lee\s+Seong-?(?:kweun|kwon)|Park\s+Sun-?won|Youn\s+Kun-?young|Park\s+Jie-?won|Kim\s+Byung-?kee|Ha\s+Tae-?keung|Yoo|Youn",
        ),
        (
            "South Korea NIS",
            rf"(?:{SK}\s+)?National\s+Intelligence\s+Service|(?-i:NIS)|(?:{SK}\s+)(?:top\s+|main\s+|chief\s+)?(?:spy|intelligence)\s+(?:agency|service)|(?:{SK}\s+)?spy\s+agency|Seoul's\s+intelligence|South\s+Korean\s+intelligence(?:\s+officials)?|South\s+Korea's\s+intelligence(?!\s+committee)|Cho\s+Tae-?yong|Kim\s+Kyou-?hyun",
        ),
        # Seoul's military as a teller is its Joint Chiefs of Staff, which briefs for it (docs/claims-conventions.md, 24m)
        (
            "South Korea JCS",
            rf"(?:{SK}\s+)?Joint\s+Chiefs\s+of\s+Staff|(?-i:JCS)|{SK}\s+(?:military|armed\s+forces)(?!\s+intelligence)",
        ),
        # Seoul's military intelligence agency; the American one is named so ("the U.S. Defense Intelligence
        # Agency", filed under US intelligence below), a bare one is Seoul's (docs/claims-conventions.md, 5d)
        (
            "South Korea Defense Intelligence Agency",
            rf"(?<!U\.S\.\s)(?<!US\s)(?<!American\s)(?<!Pentagon's\s)(?:{SK}\s+)?Defen[cs]e\s+Intelligence\s+(?:Agency|Command)"
            r"(?!\s+of\s+the\s+(?:U\.S\.|US|United\s+States))",
        ),
        (
            "South Korea Ministry of Defense",
            rf"{SK}\s+(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+(?:National\s+)?Defen[cs]e|(?:national\s+)?defen[cs]e\s+(?:ministry|minister|chief))|(?:the\s+)?defen[cs]e\s+ministry(?!\s+in\s+(?:Kyiv|Kiev|Moscow|Pyongyang|Tokyo|Washington))(?:\s+in\s+Seoul)?|(?:the\s+)?defen[cs]e\s+minister(?![\w-]|\s+in\s+(?:Kyiv|Kiev|Moscow|Pyongyang|Tokyo|Washington))|(?:{SK}\s+)?Ministry\s+of\s+National\s+Defen[cs]e|(?-i:MND)|(?:{SK}\s+)?(?:Defen[cs]e\s+Minister\s+)?(?:Shin\s+Won-?sik|Kim\s+Yong-?hyun|Lee\s+Jong-?sup|Ahn\s+Gyu-?back)|(?-i:Shin)",
        ),
        (
            "South Korea presidential office",
            # the adviser's name goes with the title: a person is filed under the post the text gives them
            rf"{SK}\s+(?:(?:top|chief|senior)\s+)?(?:national\s+)?security\s+advis[eo]r(?:\s+(?-i:[A-Z][\w-]*)){{0,3}}"
            # (Seoul's own National Security Council sits in the presidential office; the bare name is Washington's)
            rf"|{SK}\s+National\s+Security\s+Council"
            rf"|(?:{SK}\s+)?(?:presidential\s+office|national\s+security\s+(?:adviser|advisor|office))|Cheong\s+Wa\s+Dae|(?:President\s+)?Yoon\s+Suk[-\s]?Yeol(?:'s\s+office)?|Yoon's\s+office|Yoon|Chang\s+Ho-?jin|Kim\s+Tae-?hyo|Wi\s+Sung-?lac|(?:President\s+)?Lee\s+Jae-?myung|{SK}\s+unification\s+ministry",
        ),
        # Seoul's foreign ministry speaks as the body the text names, as Japan's and Russia's do
        # (docs/claims-conventions.md, 3)
        (
            "South Korea Foreign Ministry",
            rf"{SK}\s+(?:foreign\s+ministry|Ministry\s+of\s+Foreign\s+Affairs|foreign\s+minister)",
        ),
        (
            "White House",
            r"White\s+House|National\s+Security\s+Council|(?-i:NSC)|(?:John\s+)?Kirby|(?:Jake\s+)?Sullivan|Karine\s+Jean-Pierre|Jean-Pierre|(?:President\s+)?(?:Joe\s+)?Biden|(?:President\s+)?(?:Donald\s+)?Trump|Mike\s+Waltz",
        ),
        # the US mission to the UN speaks as its post, like the two parties' UN ambassadors
        (
            "US UN ambassador",
            r"(?:(?:Alternate|Deputy|Acting)\s+)?(?:U\.?S\.?|American|United\s+States)\s+(?:deputy\s+|permanent\s+|alternate\s+)?"
            r"(?:ambassador|envoy|representative)\s+to\s+the\s+(?:UN|U\.N\.|United\s+Nations)"
            r"|(?:U\.?S\.?|American)\s+(?:UN|U\.N\.)\s+(?:ambassador|envoy|mission)",
        ),
        (
            "US State Department",
            r"(?:U\.?S\.?\s+)?State\s+Department|Department\s+of\s+State|(?:Secretary\s+of\s+State\s+)?(?:Antony\s+)?Blinken|(?:Matthew\s+)?Miller|Vedant\s+Patel|(?:Marco\s+)?Rubio|Kurt\s+Campbell|Linda\s+Thomas-Greenfield|Thomas-Greenfield|Robert\s+Wood|Tammy\s+Bruce",
        ),
        (
            "Pentagon",
            r"Pentagon|(?:U\.?S\.?\s+)?(?:Defense|Defence)\s+Department|(?:U\.?S\.?\s+)?Department\s+of\s+(?:Defense|Defence)|(?:U\.?S\.?\s+)?Defen[cs]e\s+Secretary|(?:Lloyd\s+)?Austin|Sabrina\s+Singh|(?:Pat\s+)?Ryder|(?:Pete\s+)?Hegseth|U\.?S\.?\s+Forces\s+Korea|(?-i:USFK)|U\.?S\.?\s+military",
        ),
        # a command of the US forces speaks as the body the text names (docs/claims-conventions.md, 3)
        (
            "US Indo-Pacific Command",
            r"(?:the\s+)?(?:U\.?S\.?\s+|US\s+Armed\s+Forces['\u2019]\s+)?Indo-Pacific\s+Command|(?-i:INDOPACOM)"
            # its commanders, by name: "according to information disclosed by Admiral Samuel Paparo"
            r"|(?:Samuel\s+|Sam\s+)?Paparo|(?:John\s+)?Aquilino",
        ),
        (
            "US intelligence",
            r"(?:U\.?S\.?|American|(?-i:US))\s+intelligence(?:\s+(?:officials|agencies|community|assessments?))?|Director\s+of\s+National\s+Intelligence|(?-i:DNI)|Avril\s+Haines|(?-i:CIA)|Defense\s+Intelligence\s+Agency|(?-i:DIA)|William\s+Burns",
        ),
        (
            "Ukraine HUR",
            # the ministry's intelligence directorate, not the ministry: "an intelligence official under Ukraine's
            # defence ministry" (the innermost body named speaks, docs/claims-conventions.md 5d)
            r"(?:military\s+)?intelligence\s+(?:directorate|agency|service|official|chief|head)\s+(?:of|under|at|in)\s+(?:the\s+)?"
            r"(?:Ukraine's|Ukrainian)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|defen[cs]e\s+ministry)|"
            r"(?-i:HUR|GUR|DIU)|(?:Ukraine's|Ukrainian)\s+(?:military\s+|defen[cs]e\s+)?intelligence(?:\s+(?:agency|service|directorate))?|(?:Defen[cs]e\s+)?Intelligence\s+of\s+Ukraine|Main\s+(?:Intelligence\s+)?Directorate(?!\s+of\s+(?:the\s+)?(?:National\s+Police|State\s+Emergency))|(?:Kyrylo\s+)?Budanov|(?:Vadym\s+)?Skibitskyi?|(?:Kyiv|Kiev)(?:'s|\u2019s)\s+(?:military\s+)?intelligence(?:\s+(?:agency|service|directorate))?|(?:Andriy\s+)?Yusov",
        ),
        # Ukraine's security service questions the prisoners and reports what they say (the innermost body named
        # speaks, docs/claims-conventions.md 3 and 5d)
        (
            "Ukraine SBU",
            r"(?-i:SBU)|Security\s+Service\s+of\s+Ukraine|(?:Ukraine's|Ukrainian|Ukraine\u2019s)\s+(?:Security\s+Service|security\s+service)",
        ),
        # the capital's own authorities report the strikes on it
        (
            "Kyiv city military administration",
            r"(?:Kyiv|Kiev)(?:'s|\s+city)?\s+(?:city\s+)?(?:military\s+)?(?:authorities|administration|mayor)"
            r"|the\s+(?:city|capital)'s\s+(?:military\s+)?administration|(?:Vitali\s+)?Klitschko",
        ),
        # Kyiv's centre that counters disinformation speaks as itself, whichever ministry the text files it under
        (
            "Ukraine Center for Strategic Communications",
            r"(?:Ukraine's\s+|Ukrainian\s+)?Cent(?:er|re)\s+for\s+Strategic\s+Communications?"
            r"(?:\s+and\s+Information\s+Security)?(?:\s+under\s+(?:Ukraine's\s+|the\s+)?Ministry\s+of\s+Culture)?",
        ),
        # the national police, who report what struck a city, speak as the body the text names (convention 3)
        (
            "Ukraine police",
            r"(?:Ukrainian|Ukraine['\u2019]s)\s+(?:national\s+)?police|National\s+Police\s+of\s+Ukraine"
            # (a region's or city's police by the region's name: "the Kharkiv Oblast police", "Odesa regional police")
            r"|(?:Kharkiv|Kyiv|Odesa|Dnipro(?:petrovsk)?|Zaporizhzhia|Sumy|Donetsk|Kherson|Mykolaiv|Chernihiv|Poltava"
            r"|Lviv)(?:\s+(?:Oblast|oblast|regional|region['\u2019]s|city))?\s+police"
            # (the national force by its own name, or its directorate in a region: "the National Police in the Sumy
            # region", "the main directorate of the National Police"; not Seoul's National Police Agency)
            r"|(?-i:National\s+Police)(?!\s+Agency)",
        ),
        (
            "Ukraine government",
            # (not the newspapers named for the capital, "Kyiv Post", "Kyiv Independent", filed below)
            r"(?:the\s+)?Ukrainian\s+government|(?:Kyiv|Kiev)(?!\s+(?:Post|Independent)\b)"
            # (nor the capital's own ministry, "Kyiv's defence ministry", filed under it below)
            r"(?!['\u2019]s\s+(?:Ministry\s+of\s+Defen[cs]e|defen[cs]e\s+minist))"
            # the country as the plain subject of a verb, not as a possessive or a modifier ("the Ukraine war")
            r"|Ukraine(?!['\u2019]s\b)(?!\s+(?:war|conflict|crisis|invasion|front|frontline|border|battlefield|fighting|campaign"
            r"|talks|peace|aid|support|theatre|theater)\b)",
        ),
        (
            "Ukraine President",
            r"(?:Ukrainian\s+President\s+|Ukraine's\s+President\s+|President\s+)?(?:Volodymyr\s+)?Zelensk(?:y|yy|iy|i)|Ukrainian\s+President|Ukraine's\s+president|(?:Andriy\s+)?Yermak"
            # (the president as his state's leader: "the Ukrainian leader said")
            r"|(?:Ukrainian|Ukraine['\u2019]s)\s+leader(?!s)",
        ),
        (
            "Ukraine Ministry of Defense",
            # (the ministry named with its state after it: "the Ministry of Defense of Ukraine")
            r"Ministry\s+of\s+Defen[cs]e\s+of\s+Ukraine|(?:the\s+)?defen[cs]e\s+minist(?:ry|er)\s+in\s+(?:Kyiv|Kiev)|(?:Ukraine's|Ukrainian|(?:Kyiv|Kiev)['\u2019]s)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|defen[cs]e\s+(?:minist(?:ry|er)|chief))|(?:Rustem\s+)?Umerov|Oleksii\s+Reznikov|Reznikov",
        ),
        # Ukraine's foreign ministry speaks as the body the text names (docs/claims-conventions.md, 3), as Japan's does
        (
            "Ukraine Foreign Ministry",
            r"(?:Ukraine's|Ukrainian|(?:Kyiv|Kiev)['\u2019]s)\s+(?:foreign\s+ministry|Ministry\s+of\s+Foreign\s+Affairs|foreign\s+minister)"
            r"|(?:Andrii\s+|Andriy\s+)?Sybiha|(?:Dmytro\s+)?Kuleba|(?:Heorhii\s+)?Tykhyi",
        ),
        # a branch that reports for itself speaks as the body the text names (docs/claims-conventions.md, 3)
        (
            "Ukraine Air Force",
            r"(?:Ukraine's|Ukrainian|Ukraine\u2019s)\s+(?:Air\s+Force|air\s+force)(?:\s+(?:spokesman|spokesperson|commander))?"
            r"|(?:Yuriy\s+)?Ihnat|(?:Mykola\s+)?Oleshchuk",
        ),
        (
            "Ukraine National Resistance Center",
            r"(?:Ukraine's\s+|Ukrainian\s+)?National\s+Resistance\s+Cent(?:er|re)",
        ),
        (
            "Ukraine Armed Forces",
            r"(?:Ukraine's|Ukrainian)\s+(?:armed\s+forces|navy|military|army|gunners|artillerymen|drone\s+operators|officers|units|brigades?|General\s+Staff|forces|troops|soldiers|commanders?|special\s+(?:operations\s+)?forces|border\s+guards?)|General\s+Staff(?!\s+of\s+(?:the\s+)?Russia)|(?:Oleksandr\s+)?Syrskyi|(?:Valery\s+)?Zaluzhny|Special\s+Operations\s+Forces|(?-i:SSO)",
        ),
        # A nation's press as a whole speaks as itself, named by the nation's adjective ("Western media claim",
        # "Russia's media reported"): it is neither that state's government nor the outlet relaying it. A state's
        # own press ("Russian state media", "state media") is not this: it is filed under the party below.
        ("Western media", r"Western\s+(?:media|press)"),
        # The West's spy services as a whole ("Western intelligence estimates ...", "according to western
        # intelligence agencies"), as the nation's press above; its officials stay unnamed officials below.
        # (not the last of several nations' services, "South Korean and Western intelligence": cues.JOINT_GROUP_SOURCE)
        (
            "Western intelligence",
            r"(?<!and\s)(?<!,\s)Western\s+(?:intelligence|spy)(?:\s+(?:agencies|services|assessments?|estimates?))?(?!\s+(?:officials?|sources?))",
        ),
        # The West's states as a whole ("allegations from Western nations", "Western countries accuse ..."), and its
        # sources as a whole ("Western sources told the BBC"), as its spy services above; not the last of several
        # ("Ukraine and Western nations": a joint source of its own)
        ("Western nations", r"(?<!and\s)Western\s+(?:nations|countries|governments|states|powers)"),
        ("Western sources", r"(?<!and\s)Western\s+sources"),
        ("European sources", r"(?<!and\s)European\s+sources"),
        ("Ukrainian sources", r"(?<!and\s)(?<!,\s)Ukrainian\s+sources"),
        # Reports owned by no one named, as the subject of a verb of saying ("Other reports say ...", "and reports have
        # suggested ...", "media reports said"); not a body's reports ("intelligence reports indicate", "the agency's
        # reports"), and not "reports" as a verb ("the agency reports that ...").
        (
            "media reports",
            r"(?:media|press|news)\s+reports|(?:(?<=\band\s)|(?<=^)|(?<![\w'\u2019,]\s))"
            r"(?:(?:other|some|several|recent|earlier|unconfirmed|separate)\s+)?reports"
            r"(?=\s+(?:have\s+|had\s+)?(?:say|said|suggest|suggested|indicate|indicated|claim|claimed|show|showed|shown)\b)",
        ),
        ("Russian media", r"Russia(?:n|['\u2019]s)\s+(?:media|press)"),
        ("Ukrainian media", r"(?:Ukrainian|Ukraine['\u2019]s)\s+(?:media|press)"),
        ("South Korean media", r"South\s+Korea(?:n|['\u2019]s)\s+(?:media|press)"),
        ("Japanese media", r"(?:Japanese|Japan['\u2019]s)\s+(?:media|press)"),
        # The two parties speak through named bodies, each its own source (docs/claims-conventions.md);
        # cues.GOVERNMENT_OF says which party each speaks for. The country alone is its government.
        (
            "Russia President",
            r"(?:Russian\s+President\s+|Russia's\s+President\s+|President\s+)?(?:Vladimir\s+)?Putin"
            r"|Russian\s+President|Russia's\s+president|(?:Russian|Russia['\u2019]s)\s+leader(?!s)",
        ),
        ("Russia Kremlin", r"(?:the\s+)?Kremlin(?:\s+(?:spokesman|spokesperson|spokeswoman))?|(?:Dmitry\s+)?Peskov"),
        (
            "Russia UN ambassador",
            r"(?:Vassily\s+)?Nebenzia|(?:Dmitry\s+)?Polyanskiy"
            r"|Russia(?:'s|n)\s+(?:deputy\s+|permanent\s+)?(?:ambassador|envoy|representative)\s+to\s+the\s+"
            r"(?:UN|U\.N\.|United\s+Nations)|Russia(?:'s|n)\s+(?:UN|U\.N\.)\s+(?:ambassador|envoy|mission)",
        ),
        (
            "Russia Foreign Ministry",
            r"(?:Sergei\s+|Sergey\s+)?Lavrov|(?:Maria\s+)?Zakharova|(?:the\s+)?foreign\s+ministry\s+in\s+Moscow"
            r"|Russia(?:'s|n)\s+(?:foreign\s+ministry|Ministry\s+of\s+Foreign\s+Affairs|foreign\s+minister"
            r"|(?:deputy\s+|permanent\s+)?(?:ambassador|envoy|representative)|embassy|diplomats?|mission)",
        ),
        (
            "Russia Security Council",
            r"(?:Sergei\s+)?Shoigu|Russia(?:'s|n)\s+Security\s+Council|Security\s+Council\s+of\s+Russia",
        ),
        (
            "Russia General Staff",
            r"(?:Valery\s+)?Gerasimov|Russia(?:'s|n)\s+General\s+Staff"
            r"|General\s+Staff\s+of\s+(?:the\s+)?Russia(?:n|'s)?(?:\s+(?:Armed\s+Forces|Federation|army|military))?",
        ),
        (
            "Russia Ministry of Defense",
            r"Ministry\s+of\s+Defen[cs]e\s+of\s+(?:Russia|the\s+Russian\s+Federation)"
            r"|(?:the\s+)?defen[cs]e\s+minist(?:ry|er)\s+in\s+Moscow|(?:Andrei\s+)?Belousov"
            r"|(?:Russia(?:'s|n)|Moscow['\u2019]s)\s+(?:defen[cs]e\s+ministry|Ministry\s+of\s+Defen[cs]e|defen[cs]e\s+(?:minister|chief))",
        ),
        (
            "Russia government",
            r"Russia(?:'s|n)\s+(?:government|officials|authorities)"
            r"|[Gg]overnment\s+of\s+(?:Russia|the\s+Russian\s+Federation)"
            r"|Russia(?:'s|n)\s+state(?:-run|-owned|-controlled)?\s+(?:media|news\s+agenc(?:y|ies)|television|TV)"
            r"|Moscow|Russia",
        ),
        (
            "North Korea KCNA",
            r"KCNA|Korean\s+Central\s+News\s+Agency|(?:North\s+Korea(?:'s|n)\s+)?state\s+(?:media|news\s+agency)",
        ),
        (
            "North Korea UN ambassador",
            r"Kim\s+Song|(?:North\s+Korea(?:'s|n)|Pyongyang's)\s+(?:deputy\s+|permanent\s+)?(?:ambassadors?|envoys?|representatives?)\s+to\s+"
            r"the\s+(?:UN|U\.N\.|United\s+Nations)"
            r"|(?:North\s+Korea(?:'s|n)|Pyongyang's)\s+(?:UN|U\.N\.)\s+(?:ambassadors?|envoys?|representatives?|mission)",
        ),
        (
            "North Korea Foreign Ministry",
            r"Choe\s+Son[-\s]?Hui|(?:the\s+)?foreign\s+ministry\s+in\s+Pyongyang|Pyongyang's\s+foreign\s+ministry"
            r"|North\s+Korea(?:'s|n)\s+(?:foreign\s+ministry|Ministry\s+of\s+Foreign\s+Affairs|foreign\s+minister)",
        ),
        (
            "North Korea government",
            r"Rodong\s+Sinmun|Kim\s+Yo[-\s]?[Jj]ong|(?:North\s+Korean\s+leader\s+)?Kim\s+Jong[-\s]?[Uu]n"
            r"|(?:North\s+Korea(?:'s|n)|Pyongyang['\u2019]s)\s+(?:government|defen[cs]e\s+ministry|officials|authorities|leader|military"
            r"|(?:deputy\s+|permanent\s+)?(?:ambassador|envoy|representative)|embassy|diplomats?|mission)"
            # (and by its other names: "the DPRK denied ...", "Kim's regime dismissed ...", NK_EPITHETS)
            r"|Pyongyang|North\s+Korea|the\s+North|(?:the\s+)?(?-i:DPRK)|" + NK_EPITHETS,
        ),
        # Japan's foreign ministry speaks as the body the text names (docs/claims-conventions.md, 3), as Russia's does
        (
            "Japan Foreign Ministry",
            r"(?:Japan's|Japanese)\s+(?:foreign\s+ministry|Ministry\s+of\s+Foreign\s+Affairs|foreign\s+minister)"
            # (the ministry named with its state after it, as statements name it: "the Foreign Ministry of Japan")
            r"|(?:Foreign\s+Ministry|Ministry\s+of\s+Foreign\s+Affairs)\s+of\s+Japan"
            r"|(?:Foreign\s+Minister\s+)?(?:Yoko\s+)?Kamikawa|(?:Foreign\s+Minister\s+)?(?:Takeshi\s+)?Iwaya",
        ),
        (
            "Japan government",
            r"(?:the\s+)?[Gg]overnment\s+of\s+Japan|"
            r"(?:Japan's|Japanese|Tokyo['\u2019]s)\s+(?:government|defen[cs]e\s+ministry|prime\s+minister|officials)|Tokyo|(?:Fumio\s+)?Kishida|(?:Yoshimasa\s+)?Hayashi|(?:Shigeru\s+)?Ishiba|(?:Sanae\s+)?Takaichi|Japan",
        ),
        ("NATO", r"NATO(?:\s+Secretary[- ]General)?|(?:Mark\s+)?Rutte|(?:Jens\s+)?Stoltenberg"),
        (
            "UN",
            r"United\s+Nations(?:\s+Security\s+Council)?|U\.?N\.?\s+(?:Security\s+Council|panel(?:\s+of\s+experts)?|experts|monitors|report|sanctions\s+monitors)|(?:Antonio\s+)?Guterres|(?-i:UN)",
        ),
        (
            "European Union",
            r"Council\s+of\s+the\s+(?:EU|European\s+Union)|European\s+(?:Union|Council|Commission)|(?-i:EU)",
        ),
        ("G7", r"(?-i:G7|G-7)(?:\s+foreign\s+ministers)?"),
        ("Open Source Centre", r"Open\s+Source\s+Cent(?:re|er)"),
        # the regional prosecutors who show the debris of the North's missiles fired at Kharkiv speak as their office,
        # by any of its names ("the Kharkiv region prosecutor's office", "the prosecutor of the Kharkiv region")
        (
            "Kharkiv Oblast Prosecutor's Office",
            r"Kharkiv\s+(?:Oblast|oblast|region(?:al)?)(?:['\u2019]s)?\s+[Pp]rosecutor(?:['\u2019]s\s+office|s)?"
            r"|[Pp]rosecutor(?:['\u2019]s\s+office|s)?\s+(?:of|in|for)\s+(?:the\s+)?Kharkiv\s+(?:Oblast|oblast|region)"
            r"|(?:Oleksandr\s+)?Filchakov",
        ),
        (
            "Ukraine Prosecutor General",
            # "the Prosecutor General's Office of Ukraine told ...": the office, not the country after it
            r"(?:Ukraine's\s+|Ukrainian\s+)?[Pp]rosecutor[- ]general(?:\s+Andriy\s+Kostin|['\u2019]s\s+office(?:\s+of\s+Ukraine)?)?"
            # the country's prosecutors together speak for the office that leads them
            r"|(?:Ukraine's|Ukrainian)\s+prosecutors?(?:['\u2019]\s+office)?"
            r"|(?:state\s+)?prosecutors\s+(?:in|of)\s+Ukraine"
            r"|Kostin",
        ),
        # A body is named as the contract names agencies, by its short name where it has one (NIS, JCS, HUR)
        (
            "MSMT",
            r"Multilateral\s+Sanctions\s+Monitoring\s+(?:Team|Group)|(?-i:MSMT)"
            r"|sanctions[-\s]monitoring\s+(?:team|group)",
        ),
        # ... and in its own spelling
        (
            "UK Ministry of Defence",
            r"(?:the\s+)?(?:UK|U\.K\.|British|Britain's)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry)",
        ),
        # Britain as a state speaks as the contract's other states do ("Japan government")
        (
            "UK government",
            r"(?:the\s+)?(?:UK|U\.K\.|British)\s+government|Britain|(?:the\s+)?United\s+Kingdom|(?-i:UK)",
        ),
        (
            "South Korea government",
            r"South\s+Korea(?:'s|n)?\s+(?:government|authorities)"
            r"|South\s+Korean\s+(?:assessments?|estimates?|figures|data)|South\s+Korea|Seoul"
            # its formal name in statements ("the Republic of Korea (ROK)", its article with it, as a list's last member:
            # "Japan, and the Republic of Korea"), not inside the North's own
            r"|(?<!People's\s)(?<!People\u2019s\s)(?<!Peoples\s)(?:the\s+)?Republic\s+of\s+Korea(?:\s+\((?-i:ROK)\))?|(?-i:ROK)",
        ),
        # Newspapers a report credits, before the capital a name like "Washington Post" starts with
        # (no optional "The": an opening as common as "the" would slow every lookup of the table)
        ("New York Times", r"New\s+York\s+Times"),
        ("Washington Post", r"Washington\s+Post"),
        ("Kyiv Post", r"Kyiv\s+Post"),
        ("Kyiv Independent", r"Kyiv\s+Independent"),
        ("The Yomiuri Shimbun", r"Yomiuri(?:\s+Shimbun)?"),
        ("NK News", r"NK\s+News"),
        # its analysts' service, credited by its own name ("satellite imagery reviewed by NK Pro")
        ("NK Pro", r"NK\s+Pro\b"),
        ("Financial Times", r"Financial\s+Times"),
        ("The Telegraph", r"(?:Daily\s+)?Telegraph"),
        ("TV Chosun", r"TV\s+Chosun"),
        ("NHK", r"(?-i:NHK)"),
        ("BBC", r"(?-i:BBC)"),
        ("Korea JoongAng Daily", r"(?:Korea\s+)?JoongAng\s+(?:Daily|Ilbo)"),
        # the department that designates sanctions, before "the U.S." the government would take
        (
            "US Treasury",
            r"(?:the\s+)?(?:U\.?S\.?\s+)?(?:Treasury(?:\s+Department)?|Department\s+of\s+the\s+Treasury)"
            r"|Office\s+of\s+Foreign\s+Assets\s+Control|(?-i:OFAC)|(?:Janet\s+)?Yellen|(?:Scott\s+)?Bessent",
        ),
        # the government when the text says so; the bare country or its capital is the country, as the real-text
        # corpus spells it (docs/claims-conventions.md, 15h); "the U.S. government" before "the U.S." it starts with
        (
            "US government",
            r"(?:the\s+)?U\.?S\.?\s+(?:government|administration)|Biden\s+administration|Trump\s+administration",
        ),
        # (not "the U.S." before one of its bodies, "according to the U.S. State Department": the body speaks)
        (
            "United States",
            r"Washington|(?:the\s+)?(?-i:USA)|(?:the\s+)?United\s+States"
            r"|the\s+(?:U\.S\.|US)(?!\s+(?:State\s+Department|Department|Treasury|Defen[cs]e\s+Department"
            r"|Indo-Pacific|intelligence|Forces\s+Korea)\b)"
            # (bare, as a member of a list of states: "South Korea, Ukraine, UK, US, and Japan", 25o)
            r"|(?<=,\s)(?-i:US|U\.S\.)(?=,|\s+and\s)",
        ),
        ("Conflict Armament Research", r"Conflict\s+Armament\s+Research|(?-i:CAR)"),
        ("Reuters", r"Reuters"),
        # other news outlets a report credits ("..., reported Bloomberg", "RBC-Ukraine recalls")
        ("Bloomberg", r"Bloomberg(?:\s+News)?"),
        ("Newsweek", r"Newsweek"),
        ("RBC-Ukraine", r"RB[CK][-\s]Ukraine"),
        # the agency's television channel is a medium of its own, named as it names itself
        ("Yonhap News TV", r"Yonhap\s+News\s+TV|Yonhapnews\s+TV"),
        ("Yonhap", r"Yonhap(?:\s+News\s+Agency)?"),
        (
            "unnamed officials",
            r"(?:(?:senior|an?|some|several|two|three|other|unnamed|anonymous)\s+){0,5}(?:(?:U\.?S\.?|American|(?-i:US)|South\s+Korean|Western|European|Japanese|government|defen[cs]e|security|administration)\s+){0,5}(?:officials?|sources?|diplomats?)|people\s+familiar\s+with|a\s+person\s+familiar\s+with|[Oo]fficials\s+in\s+(?:Seoul|Washington|Kyiv|Tokyo)",
        ),
        # Research bodies by name, before the bare "think tank" (docs/claims-conventions.md, 5): the corpus
        # spells RUSI out, realdev2 writes ISW short
        (
            "Royal United Services Institute",
            r"Royal\s+United\s+Services\s+Institute(?:\s+\(RUSI\))?(?:\s+think[- ]tank)?|(?-i:RUSI)",
        ),
        ("ISW", r"Institute\s+for\s+the\s+Study\s+of\s+War(?:\s+\(ISW\))?|(?-i:ISW)"),
        # Seoul's spy agency's research institute, by its name (a think tank of its own)
        ("Institute for National Security Strategy", r"Institute\s+for\s+National\s+Security\s+Strategy|(?-i:INSS)"),
        # a German liberal party's foundation, whose study of the North's arms sales the press cites, and the scholar who
        # wrote it for it (blind7, blind10 and dev12 label her figures the foundation's)
        (
            "Friedrich Naumann Foundation",
            r"(?:the\s+)?Friedrich\s+Naumann\s+Foundation(?:\s+for\s+Freedom)?|Olena\s+Guseinova|Guseinova",
        ),
        ("think tank", r"(?:[A-Z][a-z-]*\s+)?think[- ]tank|research\s+institute"),
        # a prisoner of war telling what he saw is a teller of his own, named as the sets name him, whatever words the
        # text uses for one captive ("the prisoner said", "one of the captured soldiers admitted"); several captives,
        # or captives as what is counted ("two prisoners"), are not, nor a word naming an exchange or a camp ("the
        # prisoner swap showed ...")
        (
            "captured North Korean soldier",
            r"(?:the|a|one)\s+(?:captured\s+(?:North\s+Korean\s+)?soldier|(?:North\s+Korean\s+)?(?:prisoner|POW)"
            r"(?!s|\s+(?:of\s+war\s+)?(?:swaps?|exchanges?|camps?|releases?|transfers?|deals?|talks)\b))"
            r"(?:\s+of\s+war)?|one\s+of\s+the\s+(?:captured\s+(?:North\s+Korean\s+)?soldiers|prisoners|POWs|captives)",
        ),
        # a video or footage whose maker the sentence does not name shows what it shows ("footage showed ...")
        (
            "video footage",
            r"(?:video\s+)?footage|(?:a|the)\s+video(?!\s+(?:address|message|link|call|conference))"
            # pictures put online, which show what they show whoever took them ("recent images posted on a Telegram
            # channel show ...", "video of the battle shared on social media revealed ..."; not satellite images, which
            # their analyst reads, nor pictures posted "by" a body named, which is no nameless footage)
            r"|(?:(?:recent|new|the|these|such)\s+)?(?:videos?|images|photos|photographs|pictures)"
            r"(?=\s+(?:of\s+(?:[\w-]+\s+){1,4}?)?(?:posted|shared|published|circulating|circulated)\s+(?:on|online|in)\b)",
        ),
        (
            "analysts",
            r"(?:military\s+|defen[cs]e\s+|independent\s+|some\s+|other\s+|an?\s+|the\s+)?" + _GROUP_PEOPLE,
        ),
    ]
)

#: The news outlets of the source table: a paper or agency that relays another body's own word ("According to the BBC,
#: Pyongyang's military confirmed ...") is not that word's teller (attribution.relayed_teller). One list, checked
#: against the table by tests/claims/test_r24_acc_attr.py.
NEWS_MEDIA = frozenset(
    {
        "New York Times",
        "Washington Post",
        "Kyiv Post",
        "Kyiv Independent",
        "The Yomiuri Shimbun",
        "NK News",
        "NK Pro",
        "Financial Times",
        "The Telegraph",
        "TV Chosun",
        "NHK",
        "BBC",
        "Korea JoongAng Daily",
        "Reuters",
        "Bloomberg",
        "Newsweek",
        "RBC-Ukraine",
        "Yonhap News TV",
        "Yonhap",
    }
)


def lower_same_length(text: str) -> str:
    """``text.lower()``, except that characters whose lower case is longer ("\u0130") stay as
    they are, so offsets into the result are offsets into ``text``."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# Read over every relevant article's whole text: their candidates come from the word walk.
index_tables(ITEMS, SOURCES)

# The two sides and the war, tried only at the words they can begin with (see :class:`Gated`).
NK_GATED = Gated(NK)
RU_GATED = Gated(RU)
WAR_GATED = Gated(WAR)


def sides_named(idx: WordIndex, start: int, end: int) -> tuple[bool, bool, bool]:
    """Whether ``[start, end)`` names North Korea, Russia and the war; found once per stretch (the
    relevance gate and then extraction ask it of the same sentences)."""
    got = idx.sides.get((start, end))
    if got is None:
        got = idx.sides[(start, end)] = (
            NK_GATED.search(idx, start, end) is not None,
            RU_GATED.search(idx, start, end) is not None,
            WAR_GATED.search(idx, start, end) is not None,
        )
    return got
