"""Required literals: strings one of which every match of a compiled pattern contains, worked out once from
the parsed pattern, so that a search of a text holding none of them is skipped (as RE2's and Hyperscan's
prefilters do).

The derivation is conservative by construction: it may name literals that a text holds without the pattern
matching (the search then runs), never omit one that a match needs. Each node of the pattern's parse tree
(``re._parser``) gives the finite set of strings it can match, while that set stays small, and otherwise the
literals every match of it must contain: a sequence concatenates its parts' sets and takes its most selective
run; an alternation needs one of its branches' literals; a group repeated at least once needs its own; what is
optional, a wildcard, a class of many characters, a back-reference or a look-around requires nothing.

Case: a literal read under re.IGNORECASE is kept lowercased and tested in the text's lowercase, which is exact
only where the text folds like re.IGNORECASE (:func:`monitor.claims.casefold.folds_like_ignorecase`); in a text
that does not, such a pattern is searched as it is. Case-blind literals hold only ASCII and uncased characters,
whose lowercase is themselves. A case-sensitive literal is tested in the text itself.

:func:`literals_of` gives a pattern's literals; :class:`Prefiltered` wraps a compiled pattern with the same
``search``, ``match``, ``fullmatch``, ``finditer`` and ``findall`` as ``re.Pattern``, each returning what the
pattern's own would (tests/claims/test_prefilter.py checks this on the engine's patterns and the written set).

It is wired only at the call sites where it pays (issue 14), each a search of a sentence or a window of one
that most texts cannot match: there a check (a slice, a lowercase, a few substring tests) costs less than the
search it skips. Wired everywhere it would cost several times what it saves: most of an article's ~3,000 regex
calls are tries at one position of the whole article, short windows re scans fast, or texts that hold a literal.
"""

from __future__ import annotations

import re
import re._constants as _sre_c  # the stdlib's regex parser: these names since Python 3.11, the oldest we support
import re._parser as _sre_p
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

from monitor.claims.casefold import folds_like_ignorecase

__all__ = ["Literals", "Prefiltered", "literals_of"]

# How many strings a node's exact set may hold before it is read as "some string" (cross products of
# alternations and optional parts grow fast), and how many characters a class may hold to be read as a set.
_EXACT_LIMIT = 64
_CLASS_LIMIT = 4
# A requirement with more literals than this costs more to test than most searches it would skip.
_REQUIRED_LIMIT = 24

# A literal: its text, and whether it is tested in the text's lowercase (read under re.IGNORECASE).
_Lit = tuple[str, bool]
_EMPTY: frozenset[_Lit] = frozenset({("", False)})


class _Info(NamedTuple):
    """What a node can match: ``exact``, every string it can match (None when unknown or too many), and
    ``required``, literals one of which each of its matches contains (None when there are none)."""

    exact: frozenset[_Lit] | None
    required: frozenset[_Lit] | None


_UNKNOWN = _Info(None, None)


class Literals(NamedTuple):
    """One of ``plain`` must be in the text, or one of ``folded`` in its lowercase, wherever the pattern
    matches (either may be empty)."""

    plain: tuple[str, ...]
    folded: tuple[str, ...]


def literals_of(pattern: re.Pattern[str]) -> Literals | None:
    """The literals every match of ``pattern`` contains one of, or None where no such set is found (a
    pattern that can match the empty string, or whose every branch can open with a class or a wildcard and
    holds no literal run after it)."""
    required = _sequence(_sre_p.parse(pattern.pattern, pattern.flags).data, bool(pattern.flags & re.IGNORECASE))
    chosen = required.required
    if chosen is None:
        return None
    return Literals(
        tuple(sorted(text for text, folded in chosen if not folded)),
        tuple(sorted(text for text, folded in chosen if folded)),
    )


def _fold(lit: _Lit) -> _Lit | None:
    """``lit`` as a case-blind literal, or None when lowercasing a text would not keep it found (a cased
    character outside ASCII)."""
    text, folded = lit
    if folded:
        return lit
    low = text.lower()
    if any(not ch.isascii() and (ch != low[i] or ch != ch.upper()) for i, ch in enumerate(text)):
        return None
    return (low, True)


def _concat(left: frozenset[_Lit], right: frozenset[_Lit]) -> frozenset[_Lit] | None:
    """Every string of ``left`` followed by every string of ``right``; None when there would be too many or a
    case-sensitive part cannot be joined to a case-blind one."""
    if len(left) * len(right) > _EXACT_LIMIT:
        return None
    out = set()
    for a in left:
        for b in right:
            if a[1] == b[1] or not a[0] or not b[0]:
                out.add((a[0] + b[0], a[1] or b[1]) if a[0] and b[0] else (a if b[0] == "" else b))
                continue
            fa, fb = _fold(a), _fold(b)
            if fa is None or fb is None:
                return None
            out.add((fa[0] + fb[0], True))
    return frozenset(out)


def _usable(lits: frozenset[_Lit] | None) -> frozenset[_Lit] | None:
    """``lits`` as a requirement: None when one of them is empty (nothing would be required) or they are
    too many to test."""
    if not lits or any(not text for text, _ in lits):
        return None
    # A literal holding another of the same case is found only where that one is: one test is enough.
    kept = frozenset(a for a in lits if not any(b != a and b[1] == a[1] and b[0] in a[0] for b in lits))
    return kept if len(kept) <= _REQUIRED_LIMIT else None


def _better(a: frozenset[_Lit] | None, b: frozenset[_Lit] | None) -> frozenset[_Lit] | None:
    """The more selective of two requirements: the longer shortest literal, then the fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=_selectivity)


def _selectivity(lits: frozenset[_Lit]) -> tuple[int, int]:
    return (min(len(text) for text, _ in lits), -len(lits))


def _sequence(items: Any, ignorecase: bool) -> _Info:
    """A run of nodes: each string of the run is its parts' strings joined, and the run requires whatever
    any one of its parts or joined stretches requires (all of them are in every match)."""
    run: frozenset[_Lit] | None = _EMPTY
    best: frozenset[_Lit] | None = None
    whole = True  # every part so far had a known set, joined into ``run``
    for op, av in items:
        part = _node(op, av, ignorecase)
        joined = _concat(run, part.exact) if run is not None and part.exact is not None else None
        if joined is not None:
            run = joined
            continue
        whole = False
        best = _better(best, _usable(run))
        best = _better(best, part.required)
        run = part.exact if part.exact is not None else _EMPTY
    best = _better(best, _usable(run))
    return _Info(run if whole else None, best)


def _node(op: Any, av: Any, ignorecase: bool) -> _Info:
    c = _sre_c
    if op is c.LITERAL:
        return _Info(frozenset({_char(chr(av), ignorecase)} - {None}) or None, None)  # type: ignore[arg-type]
    if op is c.IN:
        return _Info(_class(av, ignorecase), None)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        # Zero-width: nothing consumed, so nothing required (a look-around's text may lie outside the span).
        return _Info(_EMPTY, None)
    if op is c.SUBPATTERN:
        _group, add, remove, sub = av
        flags = (re.IGNORECASE if ignorecase else 0) | add
        return _sequence(sub.data if hasattr(sub, "data") else sub, bool(flags & re.IGNORECASE & ~remove))
    if op is c.ATOMIC_GROUP:
        return _sequence(av.data if hasattr(av, "data") else av, ignorecase)
    if op is c.BRANCH:
        return _branch(av[1], ignorecase)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _repeat(av, ignorecase)
    # A wildcard, a class outside brackets, a negated literal, a back-reference, a conditional group:
    # some string we cannot name.
    return _UNKNOWN


def _char(ch: str, ignorecase: bool) -> _Lit | None:
    """One character as a literal: read case-blind, lowercased where lowercasing a text keeps it found (an
    ASCII character, or one without case, which is its own lowercase); None for a cased character outside
    ASCII read case-blind (re's folding of those is not the text's lowercase)."""
    if not ignorecase:
        return (ch, False)
    if ch.isascii() or ch.lower() == ch == ch.upper():
        return (ch.lower(), True)
    return None


def _class(items: Any, ignorecase: bool) -> frozenset[_Lit] | None:
    """A bracketed class of a few plain characters as the set of them; None for anything wider."""
    c = _sre_c
    out = set()
    for op, av in items:
        if op is not c.LITERAL:  # a range, a category (\\s, \\d, \\w), a negation
            return None
        lit = _char(chr(av), ignorecase)
        if lit is None:
            return None
        out.add(lit)
    return frozenset(out) if 0 < len(out) <= _CLASS_LIMIT else None


def _branch(alternatives: Any, ignorecase: bool) -> _Info:
    """An alternation: its strings are its branches' strings; it requires one of each branch's requirement."""
    parts = [_sequence(alt.data if hasattr(alt, "data") else alt, ignorecase) for alt in alternatives]
    exact: frozenset[_Lit] | None = None
    sets = [p.exact for p in parts if p.exact is not None]
    if len(sets) == len(parts):
        union = frozenset().union(*sets)
        exact = union if len(union) <= _EXACT_LIMIT else None
    needs = [n for n in (_better(p.required, _usable(p.exact)) for p in parts) if n is not None]
    if len(needs) < len(parts):
        return _Info(exact, None)
    return _Info(exact, _usable(frozenset().union(*needs)))


def _repeat(av: Any, ignorecase: bool) -> _Info:
    """A repeat: optional parts add their strings or nothing; a part repeated at least once requires what it
    requires; a fixed count of a known part is its strings joined that many times."""
    lo, hi, sub = av
    part = _sequence(sub.data if hasattr(sub, "data") else sub, ignorecase)
    if lo == 0:
        if hi == 1 and part.exact is not None:
            return _Info(part.exact | _EMPTY, None)
        return _Info(_EMPTY if hi == 0 else None, None)
    required = _better(part.required, _usable(part.exact))
    if lo == hi and part.exact is not None:
        exact: frozenset[_Lit] | None = _EMPTY
        for _ in range(lo):
            exact = _concat(exact, part.exact) if exact is not None else None
        if exact is not None:
            return _Info(exact, _better(required, _usable(exact)))
    return _Info(None, required)


class Prefiltered:
    """A compiled pattern whose calls are skipped where the text holds none of its :func:`literals_of`.

    The same ``search``, ``match``, ``fullmatch``, ``finditer`` and ``findall`` as ``re.Pattern``, with the
    same results: a match lies inside ``[pos, endpos)``, so a literal it needs is found there. ``pattern``
    is the compiled pattern, for everything else."""

    __slots__ = ("pattern", "literals", "_plain", "_folded")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.literals = literals_of(pattern)
        self._plain = self.literals.plain if self.literals is not None else ()
        self._folded = self.literals.folded if self.literals is not None else ()

    def admits(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether ``text[pos:endpos]`` may hold a match: it holds one of the literals, or they cannot be told."""
        if self.literals is None:
            return True
        if pos > 0 or endpos < len(text):
            # (re reads a negative pos as 0, where a slice would count it from the end)
            text = text[max(pos, 0) : endpos]
        for lit in self._plain:
            if lit in text:
                return True
        if self._folded:
            if not folds_like_ignorecase(text):
                return True
            low = text.lower()
            for lit in self._folded:
                if lit in low:
                    return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.admits(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if self.admits(text, pos, endpos) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.fullmatch(text, pos, endpos) if self.admits(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.admits(text, pos, endpos) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.pattern.findall(text, pos, endpos) if self.admits(text, pos, endpos) else []


_MADE: dict[re.Pattern[str], Prefiltered] = {}


def prefiltered(pattern: re.Pattern[str]) -> Prefiltered:
    """The :class:`Prefiltered` of ``pattern``, made once (for wrappers that hold the pattern itself)."""
    got = _MADE.get(pattern)
    if got is None:
        got = _MADE[pattern] = Prefiltered(pattern)
    return got
