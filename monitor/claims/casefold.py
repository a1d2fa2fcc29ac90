"""Reading a case-insensitive pattern's matches in lowercased text: when that is exact, and the pattern's
lowercase twin that does it.

Its own module, apart from :mod:`monitor.claims.lexicon`, because the text cleaner uses it too, and a first
poll runs the cleaner in the daemon's own process, which must not compile the lexicon's tables
(tests/app/test_lazy_imports.py). The lexicon re-exports every name here.
"""

from __future__ import annotations

import re

# The stdlib's regex parser (these names since Python 3.11, the oldest we support): only to tell whether
# a pattern can match the empty string.
import re._parser as _sre_p

__all__ = ["folds_like_ignorecase", "lowercase_twin", "twin_source", "twin_subject"]


# Characters a case-insensitive pattern matches as an ASCII letter that ``str.lower()`` does not turn
# into that letter (dotted capital I, dotless i, long s).
_UNFOLDED = ("\u0130", "\u0131", "\u017f")


def folds_like_ignorecase(text: str) -> bool:
    """Whether lowercasing ``text`` (:func:`monitor.claims.lexicon.lower_same_length`) folds it as
    re.IGNORECASE does for patterns written in lowercase ASCII letters: a stem of such a pattern is in
    the lowercased text wherever the pattern matches, and the pattern without the flag matches the
    lowercased text where it matches ``text`` with it. True unless ``text`` holds one of the few
    characters re folds otherwise (tests/claims/test_engine.py checks them over all of Unicode)."""
    return text.isascii() or not any(map(text.__contains__, _UNFOLDED))


# What lowercasing a pattern's source would change besides its letters: an escape written in capitals
# (\S, \W, \B, \N{...}), an inline flag.
_CASE_SENSITIVE_SYNTAX = re.compile(r"\\[A-Z]|\(\?[aiLmsux-]")


def lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive ``pattern`` as it reads lowercased text: its source lowercased, compiled
    without re.IGNORECASE. Where ``text`` folds like re.IGNORECASE (:func:`folds_like_ignorecase`) it
    matches ``lexicon.lower_same_length(text)`` exactly where ``pattern`` matches ``text``, and faster: re skips
    a branch of plain letters on its first character, and enters every branch under re.IGNORECASE.

    None when that does not hold or cannot be told from the source alone (:func:`twin_source`).
    """
    source = twin_source(pattern)
    return None if source is None else re.compile(source, pattern.flags & ~re.IGNORECASE)


def twin_source(pattern: re.Pattern[str]) -> str | None:
    """The source of ``pattern``'s :func:`lowercase_twin`, to be compiled without re.IGNORECASE, or None where
    it has none: a case-sensitive pattern, capitals in escapes or group names, inline flags, letters outside
    ASCII, or a pattern that can match nothing (an empty match is read again differently by ``finditer``). Apart
    so that a twin can be compiled inside a longer pattern (lexicon.Gated's probe) without being compiled alone."""
    source = pattern.pattern
    if (
        not pattern.flags & re.IGNORECASE
        or _CASE_SENSITIVE_SYNTAX.search(source)
        or any(ch.isalpha() and not ch.isascii() for ch in source)
        # (a lowercased name would not be the name the readers ask the match for)
        or any(name != name.lower() for name in pattern.groupindex)
        or _sre_p.parse(source, pattern.flags).getwidth()[0] == 0
    ):
        return None
    return source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def twin_subject(text: str, low: str) -> str | None:
    """``low`` (``text.lower()``) when a lowercase twin may read it in place of ``text``: no character
    changed length and ``text`` folds like re.IGNORECASE (:func:`folds_like_ignorecase`); else None."""
    return low if len(low) == len(text) and folds_like_ignorecase(text) else None
