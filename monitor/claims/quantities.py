"""Amounts as news writes them -> (quantity, bound, quantity_high), per the claims contract.

* digits and words alike: "6,700", "1.5 mln", "5.2 million", "a million", "three million",
  "one-point-five million", "a quarter of a million";
* bounds from the words around the figure: "more than" -> ``at_least``, "about" -> ``about``,
  "up to" -> ``at_most``, a bare figure -> ``exact``;
* ranges: "between 10,000 and 12,000", "10,000 to 12,000", "10,000-12,000", "two or three",
  "1 to 1.5 million" (the scale word is shared) -> ``range`` with ``quantity_high``;
* vague amounts, always ``at_least``: a plural of a unit is twice the unit ("dozens of" -> 24,
  "thousands of" -> 2000, "hundreds of thousands" -> 200000), "several" is three of its unit,
  "a few" is two of its unit.

:func:`find_quantities` scans a stretch of text and returns every amount with its offsets,
skipping numbers that are not amounts: years, days of the month, calibres ("152mm"), model
designations ("KN-23", "Su-27"), times and ordinals. :func:`parse_quantity` reads one phrase.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from monitor.claims.lexicon import lowercase_twin

__all__ = [
    "Quantity",
    "QuantityMatch",
    "find_quantities",
    "parse_fraction",
    "parse_quantity",
    "word_number",
]

Number = int | float

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# "dozens of", "several hundred", "tens of thousands": the unit each vague word counts in.
_VAGUE_UNITS = {
    "dozen": 12,
    "dozens": 12,
    "score": 20,
    "scores": 20,
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1_000,
    "thousands": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "ten": 10,
    "tens": 10,
}

_UNIT_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one)"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|mln|mn|bn)"
_DIGIT_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine)"
# Thousands separated by commas, or (European copy) by a no-break, thin or plain space: "10\u00a0000", "10 000"
# (a plain space only between whole groups of three, with no digit after: "at least 10 000 containers").
# European copy also groups thousands with dots ("12.000 troops", "1.500.000 shells": never before a scale word,
# where "1.500 million" would be a decimal) and writes a decimal comma before a scale word ("3,5 million").
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.]\d)"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?![\d,.]\d)(?!\s*-?\s*(?:hundred|thousand|million|billion|trillion|mln|mn|bn|[mkb])\b)"
    r"|\d{1,3},\d{1,2}(?=\s*-?\s*(?:million|billion|trillion|mln|mn|bn)\b)"
    r"|\d+(?:\.\d+)?)"
)
# One figure: "$1.5bn", "6,700", "1.5 mln", "three hundred thousand", "a million",
# "half a million", "one and a half million", "10k".
_FIGURE = (
    rf"(?:\$\s?)?(?:"
    # a figure read out with its remainder joined by hyphens, as Korean broadcasters' English copy writes it:
    # "four-thousand-100", "15-thousand-500" (tried before the shorter readings, which would stop at "thousand")
    rf"\d+\s+dozen\b|(?:\d{{1,3}}|{_UNIT_WORD})-thousand-(?:\d{{1,3}}|{_UNIT_WORD}(?:[- ]hundred)?)\b(?!-)"
    rf"|{_DIGITS}(?:\s*-?\s*{_SCALE_WORD}\b(?:\s+{_SCALE_WORD}\b)?|(?:k|m|bn|b)\b)?"
    rf"|(?:(?:{_UNIT_WORD})(?:\s+and\s+a\s+half)?|an?|half\s+a)\s+{_SCALE_WORD}\b(?:\s+{_SCALE_WORD}\b)?"
    # "six-thousand personnel", as some wires hyphenate; a decimal read aloud, as broadcast transcripts
    # spell it: "one-point-five million" (one branch, so the number word is tried once)
    rf"|{_UNIT_WORD}(?:-|[- ]point(?:[- ]{_DIGIT_WORD})+\s*-?\s*){_SCALE_WORD}\b"
    # a share of a round figure: "a quarter of a million", "three-quarters of a million", "a quarter-million"
    rf"|(?:a|one|three)[- ]quarters?(?:\s+of\s+an?\s+|\s*-\s*|\s+){_SCALE_WORD}\b"
    rf"|{_UNIT_WORD}\s+hundred(?:\s+(?:and\s+)?{_UNIT_WORD})?\b"
    rf"|(?:a|half\s+a|{_UNIT_WORD})\s+dozen\b|{_UNIT_WORD}\b"
    # "a pair of captured soldiers": two
    rf"|a\s+pair(?=\s+of\s)"
    rf"|(?<=\bthe\s)(?:million|billion|thousand)\b"
    rf")"
)
_VAGUE = (
    r"(?:hundreds\s+of\s+thousands|hundreds\s+of\s+millions|tens\s+of\s+thousands|tens\s+of\s+millions"
    r"|thousands\s+of\s+millions"
    r"|(?:several|a\s+few|a\s+couple\s+of)\s+(?:dozen|hundred\s+thousand|hundred|thousand|million|billion"
    r"|tens\s+of\s+(?:thousands|millions))"
    r"|dozens|scores|hundreds|thousands|millions|billions|several|a\s+few|a\s+couple)(?:\s+of\b)?"
)
#: The verbs of passing a figure, in every form ("may exceed 10,000", "could surpass", "has topped 3,000"): a lower
#: bound here, and the link from a count's noun to its amount in cues.py (one copy of the list).
PASSING_VERBS = (
    r"exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topp(?:ed|ing)"
    # "has passed 13,000", "crossed the 15,000 mark": only where the figure ends its phrase, since "passed 2,000 shells
    # to Russia" hands them over
    r"|(?:pass|cross)(?:es|ed|ing)(?=\s+\d(?:[\d,.]*\d)?(?![\d,])(?:\s+(?:thousand|million))?"
    r"(?:\s*(?:[.,;:)]|$)|\s+(?:mark|threshold|level|in|on|by|since|last|this|according|and|for|as|after|before)\b))"
    # a count that rose past the figure: "has climbed past 13,000", "rose above 10,000", "grew beyond 5,000"
    r"|(?:r(?:ose|isen|ises|ising)|climb(?:s|ed|ing)?|gr(?:ew|own|ows|owing)|jump(?:s|ed|ing)?)\s+(?:above|beyond|past)"
)
_AT_LEAST = (
    r"more\s+than|well\s+over|just\s+over|over|at\s+least|upwards\s+of|upward\s+of|no\s+fewer\s+than"
    r"|no\s+less\s+than|not\s+less\s+than|in\s+excess\s+of|above|greater\s+than"
    r"|a\s+minimum\s+of|north\s+of|as\s+few\s+as|" + PASSING_VERBS
)
_ABOUT = (
    r"about|around|roughly|some|an\s+estimated|estimated\s+at|estimated|nearly|almost|close\s+to|approximately"
    r"|approaching|nearing"  # "the wounded are approaching 1,000": near the figure, from below
    r"|something\s+like|in\s+the\s+region\s+of|on\s+the\s+order\s+of|of\s+the\s+order\s+of"
    r"|approx\.?|circa|an\s+approximate|just\s+under|just\s+shy\s+of|the\s+equivalent\s+of|~"
)
_AT_MOST = (
    r"could\s+hold\s+up\s+to|up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|as\s+large\s+as|no\s+more\s+than|not\s+more\s+than"
    r"|fewer\s+than|less\s+than|under|below|a\s+maximum\s+of|at\s+most|a\s+maximum"
)
_PREFIX = rf"(?:(?P<at_least>{_AT_LEAST})|(?P<about>{_ABOUT})|(?P<at_most>{_AT_MOST}))"
_RANGE_JOIN = r"\s*(?:-|to|or)\s*"

_QUANTITY = re.compile(
    rf"(?<![\w$.,/-])(?:{_PREFIX}\s+)?(?:"
    rf"(?P<between>between|from)\s+(?P<a1>{_FIGURE})\s+(?:and|to|-)\s+(?P<b1>{_FIGURE})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<a2>{_FIGURE})(?:(?P<join>{_RANGE_JOIN})(?P<b2>{_FIGURE}))?"
    rf")(?P<suffix>\s*\+|\s*-?plus\b|\s+or\s+more\b|\s+and\s+more\b|\s+or\s+so\b|-odd\b)?",
    re.IGNORECASE,
)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:{_MONTHS})\b", re.IGNORECASE)
# What follows a number that is not an amount: calibres, units of time and size, ordinals.
_NOT_AMOUNT_AFTER = re.compile(
    r"^(?:\s?%|\s?-?\s?(?:mm|cm|km|kg|inch(?:es)?|millimet(?:er|re)s?|kilomet(?:er|re)s?|miles?|meters?|metres?|"
    r"percent|per\s+cent|degrees?|a\.m\.|p\.m\.|am|pm|gmt|utc|kst)\b|-\s?(?:tons?|tonnes?)\b"
    r"|-(?:day|days|week|weeks|year|years|hour|minute|second|nation|party|way|point|"
    r"page|member|story|storey|time|times|odd)\b"
    r"|(?:st|nd|rd|th)\b|:\d|/\d|\.\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A glued "m" that is metres, not millions: a size told by its dimension ("a 115m long ship", "a pile 90m wide",
# "200m in length").
_METRES_AFTER = re.compile(r"^\s*-?\s*(?:long|wide|high|tall|deep|in\s+(?:length|width|height|diameter)|away)\b", re.I)
# The bound words that are verbs of moving towards or past a figure (a year follows them as often).
_PASSING_VERB = re.compile(rf"(?:{PASSING_VERBS}|approaching|nearing)\b", re.I)
_ACRONYM_BEFORE = re.compile(r"[A-Za-z]-?$|[A-Za-z]+-\s?$|No\.\s?$|#\s?$")


@dataclass(frozen=True)
class Quantity:
    """A parsed amount: the contract's ``quantity``, ``bound`` and ``quantity_high``."""

    quantity: Number | None
    bound: str | None
    quantity_high: Number | None = None

    def as_tuple(self) -> tuple[Number | None, str | None, Number | None]:
        return (self.quantity, self.bound, self.quantity_high)


@dataclass(frozen=True)
class QuantityMatch:
    """An amount found in text, with its character offsets."""

    start: int
    end: int
    quantity: Number
    bound: str
    quantity_high: Number | None
    vague: bool = False

    @property
    def value(self) -> Quantity:
        return Quantity(self.quantity, self.bound, self.quantity_high)


def _tidy(value: float) -> Number:
    """Whole numbers as ``int`` (1000000, not 1000000.0); fractions kept."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


# Compiled once rather than looked up in re's cache at each amount (the same patterns as before).
_WORD_GAP = re.compile(r"[\s-]+")
_THIN_SEPARATOR = re.compile(r"(?<=\d)[\u00a0\u202f\u2009 ](?=\d{3})")
_GLUED_SCALE = re.compile(r"(?<=\d)(?=[a-z])")
_TRAILING_OF = re.compile(r"\s+of$")


def word_number(words: str) -> float | None:
    """Value of a spelled-out number: "three", "twenty-five", "three hundred and ten"."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in _WORD_GAP.split(words.lower().strip()):
        if not raw or raw == "and":
            continue
        if raw in _UNITS:
            current += _UNITS[raw]
        elif raw in _TENS:
            current += _TENS[raw]
        elif raw == "hundred":
            current = (current or 1) * 100
        elif raw in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * _SCALES[raw]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_DOZEN = re.compile(r"^(a|half a|[a-z -]+|\d+)\s+dozen$")


def _normal_figure(text: str) -> str:
    """Lower case, no currency sign, no thousands separators other than commas, and a space
    between digits and a glued scale word ("3mn" -> "3 mn", "1.5mln" -> "1.5 mln")."""
    s = text.strip().lower().lstrip("$").strip()
    s = _THIN_SEPARATOR.sub(",", s)
    s = _DECIMAL_COMMA.sub(r"\1.\2", s)  # "3,5 million"
    if not _DIGIT_SUFFIX.match(s):
        s = _GLUED_SCALE.sub(" ", s)
    return s


_SPOKEN_DECIMAL = re.compile(r"(?P<whole>[a-z]+(?:-[a-z]+)?)[- ]point(?P<digits>(?:[- ][a-z]+)+)")
_SHARE_OF = re.compile(r"(a|one|three)[- ]quarters?(?:\s+of\s+an?)?")
_LEAD_SCALE = re.compile(rf"^(?P<lead>.*?)\s*-?\s*(?P<scales>(?:\b{_SCALE_WORD}\b\s*)+)$", re.I)
_DIGIT_SUFFIX = re.compile(r"^(?P<lead>[\d.,]+)(?P<suffix>k|m|bn|b)$", re.I)


def _figure_value(text: str) -> tuple[float, bool] | None:
    """(value, has_scale) of one figure matched by ``_FIGURE``; ``None`` for one past a float's range.

    A run of hundreds of digits, or a scale word repeated dozens of times, reads as infinity: no amount,
    and one that no claim can carry (it is not JSON, and it crashed the whole-number step)."""
    if text.isascii() and text[:1].isdigit() and not text.strip(_PLAIN_FIGURE_CHARACTERS):
        # "6,700", "2024", "1.5": what _figure_reading makes of them with no scale word, without its patterns
        value = float(text.replace(".", "") if _DOT_THOUSANDS.fullmatch(text) else text.replace(",", ""))
        return (value, False) if math.isfinite(value) else None
    figure = _figure_reading(text)
    return figure if figure is None or math.isfinite(figure[0]) else None


_PLAIN_FIGURE_CHARACTERS = "0123456789,."
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_DECIMAL_COMMA = re.compile(r"^(\d{1,3}),(\d{1,2})(?=\s*-?\s*[a-z])")


_THOUSAND_AND_REST = re.compile(r"^(?P<lead>[\w -]+?)-thousand-(?P<rest>[\w -]+)$")


def _figure_reading(text: str) -> tuple[float, bool] | None:
    s = _normal_figure(text)
    spoken = _THOUSAND_AND_REST.match(s)
    if spoken:  # "four-thousand-100": the thousands, then the remainder
        lead, rest = (float(x) if x.isdigit() else word_number(x) for x in (spoken.group("lead"), spoken.group("rest")))
        return None if lead is None or rest is None else (lead * 1000 + rest, True)
    m = _DIGIT_SUFFIX.match(s)
    if m:
        return float(m.group("lead").replace(",", "")) * _SCALES[m.group("suffix")], True
    dozen = _DOZEN.match(s)
    if dozen:  # "a dozen", "half a dozen", "two dozen", "3 dozen"
        count = dozen.group(1)
        n = (
            1.0
            if count == "a"
            else 0.5
            if count == "half a"
            else (float(count) if count.isdigit() else word_number(count))
        )
        return None if n is None else (n * 12, False)
    scale = 1.0
    has_scale = False
    m = _LEAD_SCALE.match(s)
    if m and m.group("lead"):
        for word in m.group("scales").split():
            scale *= _SCALES[word]
        has_scale = True
        s = m.group("lead").strip()
    if s[0].isdigit():
        return float(s.replace(",", "")) * scale, has_scale
    if s in ("a", "an"):
        return scale, has_scale
    if s == "a pair":
        return 2.0, False
    if s == "half a":
        return 0.5 * scale, has_scale
    spoken = _SPOKEN_DECIMAL.fullmatch(s)
    if spoken:  # "one-point-five": the whole part, then one digit a word
        whole = word_number(spoken.group("whole"))
        digits = "".join(str(_UNITS[w]) for w in re.split(r"[\s-]+", spoken.group("digits").strip("- ")))
        return None if whole is None else (float(f"{whole:g}.{digits}") * scale, has_scale)
    share = _SHARE_OF.fullmatch(s)
    if share:  # "a quarter of a" (million), "three-quarters of a"
        return (0.75 if share.group(1) == "three" else 0.25) * scale, has_scale
    if s.endswith("and a half"):
        base = word_number(s[: -len("and a half")])
        return ((base or 0) + 0.5) * scale, has_scale
    value = word_number(s)
    if value is None:
        return None
    return value * scale, has_scale


def _vague_value(text: str) -> float | None:
    words = _TRAILING_OF.sub("", text.strip().lower()).split()
    if not words:
        return None
    if words[0] in ("several", "a", "couple") or words[:2] in (["a", "few"], ["a", "couple"]):
        multiplier = 3 if words[0] == "several" else 2
        rest = [w for w in words if w not in ("several", "a", "few", "couple", "of")]
        value = float(multiplier)
        for w in rest:
            value *= _VAGUE_UNITS.get(w, 1)
        return value
    # "tens of thousands" = twice ten thousand; "hundreds of thousands" = twice 100,000.
    value = 2.0
    for w in words:
        if w == "of":
            continue
        unit = _VAGUE_UNITS.get(w)
        if unit is None:
            return None
        value *= unit
    return value


def _bound_of(m: re.Match[str]) -> str | None:
    for name in ("at_least", "about", "at_most"):
        if m.group(name):
            return name
    return None


def _is_amount(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Reject numbers that are dates, calibres, designations, times or ordinals."""
    body = m.group("a2")
    if body is None or m.group("b2") or m.group("between"):
        return True
    core = body.strip().replace(",", "")
    before = text[max(0, start - 12) : start]
    if " " in core and core[:1].isdigit() and _MONTH_BEFORE.search(before):
        return False  # "Feb. 24 300 shells": a day, then a count, not one figure spaced in thousands
    if core[:1].isdigit() and _acronym_before(before):
        return False  # KN-23, Su-27, Hwasong-11, No. 2
    after = text[end : end + 16]
    if _NOT_AMOUNT_AFTER.match(after):
        return False
    if core[-1:] in "mM" and core[:1].isdigit() and _METRES_AFTER.match(after):
        return False
    if core.isdigit():
        # "Oct. 26", "26 October", "May 2024": a day or a year beside a month. A figure with a bound word is none
        # ("may exceed 10,000": the modal "may" before a count; "since May some 400")
        if not _bound_of(m) and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
            return False
        if _YEAR.match(core):
            if not _bound_of(m) and _looks_like_year(text, start, end):
                return False
            if "," not in body and _PASSING_VERB.match(m.group(0)):
                return False  # "exceeded 2023 levels", "nearing 2030": a verb's year, where an amount has its comma
    return True


def _acronym_before(before: str) -> bool:
    """``_ACRONYM_BEFORE.search(before)``, searched only when ``before`` ends as a match of it must: its
    every branch ends at "$" (the end, or a last newline) in a letter, "-", "." or "#", or in one of the
    last three and one space. Most figures follow a word and a space, and need no search."""
    for stop in (len(before), len(before) - 1) if before.endswith("\n") else (len(before),):
        last = before[stop - 1 : stop]
        if last and (last in _ACRONYM_LAST or last.isspace() and before[stop - 2 : stop - 1] in _ACRONYM_LAST_SPACED):
            return _ACRONYM_BEFORE.search(before) is not None
    return False


_ACRONYM_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-.#")
_ACRONYM_LAST_SPACED = frozenset("-.#")


_YEAR_LEAD = re.compile(
    r"\b(?:in|since|of|by|from|until|till|through|to|early|late|mid|year|summer|winter|spring|"
    r"autumn|fall|and|between|before|after|during|the)\s*-?\s*$",
    re.IGNORECASE,
)
# ... or before another figure ("2024 152mm shells": a year, then the calibre)
_YEAR_TAIL = re.compile(r"^(?:\s*[,.;:)'\]]|\s*$|\s+(?:and|to|or|-|when|as|after|before|that)\b|\s+[A-Z]|\s+\d)")


def _looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare 19xx/20xx is a year after "in", "since"... or before punctuation, a name or another figure."""
    return bool(_YEAR_LEAD.search(text, max(0, start - 12), start) or _YEAR_TAIL.match(text[end : end + 12]))


# Every amount has a digit or one of these words; most sentences have neither, and a substring
# test is much cheaper than the full pattern.
_AMOUNT_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "teen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "scores",
    "several",
    "few",
    "couple",
    "pair",
    "mln",
    "mn",
    "bn",
)


# Whole words only: "often", "done" and "fewer" hold "ten", "one" and "few" but no amount. ("twenty-five"
# is found as "twenty" and "five": the "\b" after "twenty" holds before the hyphen.)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|scores|several|few|couple|pair|mln|mn|bn"
)
_AMOUNT_WORD = re.compile(rf"\b(?:\w+teen|{_NUMBER_WORDS})\b", re.IGNORECASE)
# The same but for "\w+teen", which is tried at every word and backtracks through it: where the stretch
# has no "teen", it finds the same words (a third of the instructions).
_AMOUNT_WORD_NO_TEEN = re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)


# Every amount holds a digit or a number word (its anchor), and its bound words ("no fewer
# than", "could hold up to", "between") stand at most this many characters before the anchor.
_ANCHOR_REACH = 32
# Written "\d\d*" rather than "\d+": a pattern that opens with a character class gets re's scan for
# that class's characters, where one that opens with a repeat is tried as a match at every position
# (half the instructions; the same runs).
_DIGIT_RUN = re.compile(r"\d\d*")


@cache
def _low_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """_QUANTITY, _AMOUNT_WORD and _AMOUNT_WORD_NO_TEEN as they read text already lowercased (see
    find_quantities): an alternation of plain letters is tried faster than one under re.IGNORECASE (re
    skips a branch on its first character). Compiled on first use: the amount pattern takes some 15 ms."""
    return lowercase_twin(_QUANTITY), lowercase_twin(_AMOUNT_WORD), lowercase_twin(_AMOUNT_WORD_NO_TEEN)


def _anchors(text: str, start: int, stop: int, low: str | None = None) -> list[int]:
    """Start offsets of the digit runs and number words in ``text[start:stop]``, in order."""
    digits = [m.start() for m in _DIGIT_RUN.finditer(text, start, stop)]
    stretch = low[start:stop] if low is not None else text[start:stop].lower()
    if not any(map(stretch.__contains__, _AMOUNT_WORDS)):
        return digits
    amount_word_low, amount_word_low_no_teen = _low_patterns()[1:] if low is not None else (None, None)
    if low is not None and amount_word_low is not None and amount_word_low_no_teen is not None:
        # (without "teen" in the stretch, "\w+teen" matches nowhere: the pattern without it finds the same words)
        pattern = amount_word_low if "teen" in stretch else amount_word_low_no_teen
        words = [m.start() for m in pattern.finditer(low, start, stop)]
    else:
        words = [m.start() for m in _AMOUNT_WORD.finditer(text, start, stop)]
    return sorted(digits + words) if digits else words


def _regex_matches(
    text: str, start: int, stop: int, anchors: list[int] | None = None, low: str | None = None
) -> list[re.Match[str]]:
    """What ``_QUANTITY.finditer(text, start, stop)`` gives, found by searching only near anchors
    (matched in ``low`` when it is given, see :func:`find_quantities`).

    The big pattern is costly to run across a whole sentence; searching from just before each
    anchor finds the same matches (tests/test_quantities.py checks it on the labelled set).
    """
    out: list[re.Match[str]] = []
    done = start  # no match starts before this
    quantity_low = _low_patterns()[0] if low is not None else None
    search, subject = (_QUANTITY.search, text) if low is None or quantity_low is None else (quantity_low.search, low)
    for a in _anchors(text, start, stop, low) if anchors is None else anchors:
        if a < done:
            continue
        m = search(subject, max(done, a - _ANCHOR_REACH), stop)
        while m is not None and m.end() <= a:  # an earlier amount, found on the way
            out.append(m)
            done = m.end() if m.end() > m.start() else m.end() + 1
            m = search(subject, done, stop)
        if m is None:
            break
        out.append(m)
        done = m.end() if m.end() > m.start() else m.end() + 1
    return out


def find_quantities(text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[QuantityMatch]:
    """Every amount in ``text[start:end]``, in order, with offsets into ``text``.

    ``low``, when given, is ``text`` lowercased with its offsets kept and matching as re.IGNORECASE
    reads ``text`` (:func:`monitor.claims.lexicon.folded_like_ignorecase`): the patterns run on it
    without re.IGNORECASE. Only the case of the matched words differs, and an amount is read from
    them lowercased, so the amounts are the same.
    """
    stop = len(text) if end is None else end
    anchors = _anchors(text, start, stop, low)  # digits and whole number words: most sentences have none
    if not anchors:
        return []
    found: list[QuantityMatch] = []
    for m in _regex_matches(text, start, stop, anchors, low):
        if not m.group(0).strip():
            continue
        q = _from_match(text, m)
        if q is not None:
            found.append(q)
    for i in range(1, len(found)):
        first, second = found[i - 1], found[i]
        if (
            first.bound == "at_most"
            and not first.vague
            and second.bound == "exact"
            and not second.vague
            and _ALTERNATIVE_GAP.fullmatch(text, first.end, second.start)
        ):
            # "could hold up to 3 million large shells or 500,000 small ones": figures offered as alternatives under
            # one ceiling share it ("and" adds a second count, which keeps its own; a floor is not carried over:
            # "more than 2 million large rounds or 400,000 small ones" keeps the second exact, as the rules had it)
            found[i] = QuantityMatch(second.start, second.end, second.quantity, first.bound, None)
    return found


# The first figure's noun (at most eight words, no punctuation), then "or": "3 million rounds of 152 mm shells or ".
_ALTERNATIVE_GAP = re.compile(r"\s+(?:[\w-]+\s+){1,8}?or\s+", re.IGNORECASE)


def _from_match(text: str, m: re.Match[str]) -> QuantityMatch | None:
    s, e = m.start(), m.end()
    # Trim a trailing "of" and spaces out of the span: it belongs to the noun phrase.
    while e > s and text[e - 1].isspace():
        e -= 1
    # (the groups read in one call: most are read below)
    at_least, about, at_most, suffix, vague, between = m.group(
        "at_least", "about", "at_most", "suffix", "vague", "between"
    )
    bound = "at_least" if at_least else "about" if about else "at_most" if at_most else None  # as _bound_of(m)
    suffix = (suffix or "").strip().lower()
    if vague:
        value = _vague_value(vague)
        if value is None:
            return None
        return QuantityMatch(s, e, _tidy(value), "at_least", None, vague=True)
    if between:
        a, b = m.group("a1", "b1")
        if between.lower() == "from" and _CHANGE_BEFORE.search(text, max(0, s - 30), s):
            # "rose from 3,000 to 4,000" reports a change, not a range: the amount is the new one.
            new_figure = _figure_value(b)
            if new_figure is None:
                return None
            return QuantityMatch(m.start("b1"), e, _tidy(new_figure[0]), "exact", None)
    else:
        a, b, join = m.group("a2", "b2", "join")
        if b is not None and (join or "").strip().lower() == "or" and not _is_word_small(a):
            b = None  # "1,000 or 2,000" is rare; "two or three" is the case to catch
    if b is None and not _is_amount(text, m, s, e):
        return None
    if b is None and m.group("join"):
        e = m.start("join")
    av = _figure_value(a)
    if av is None:
        return None
    if b is not None:
        bv = _figure_value(b)
        if bv is None:
            return None
        low, high = av[0], bv[0]
        # "1 to 1.5 million": share the scale of the second figure with the first.
        if not av[1] and bv[1] and low < high / 1000:
            low *= _scale_of(b)
        elif not av[1] and not bv[1] and a.strip().isdigit() and _GROUPED_THOUSANDS.search(b) and low * 1000 <= high:
            low *= 1000  # "10-12,000 troops": the thousands written once, on the second figure
        if high < low or math.isinf(low) or not _range_plausible(text, m):
            return None
        return QuantityMatch(s, e, _tidy(low), "range", _tidy(high))
    if bound == "at_least" and at_least.lower() == "over" and _PARTICLE_OVER.search(text, max(0, s - 12), s):
        bound = None  # "hand over two soldiers": a verb's particle, not "more than"
    if bound is not None:
        outer = _OUTER_BOUND.search(text, max(0, s - _OUTER_REACH), s) if bound == "about" else None
        if outer is not None:
            # "up to approximately 3 million", "at least some 40": a ceiling or a floor around a hedged number; the
            # hedge says the number is rough, the ceiling what the figure is. (A ceiling around a floor, "as many as
            # more than 6 million", contradicts itself: the labels read it both ways, and the nearer word stays.)
            bound = "at_most" if outer.group("outer_most") else "at_least"
            s = outer.start()
    if suffix in ("+", "plus", "-plus", "or more", "and more"):
        bound = "at_least"
    elif suffix in ("or so", "-odd"):
        bound = "about"  # "10,000 or so", "10,000-odd soldiers": round figures told loosely
    return QuantityMatch(s, e, _tidy(av[0]), bound or "exact", None)


_GROUPED_THOUSANDS = re.compile(r"\d[, ]\d{3}$")

_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|rise|increased|increasing|increase|raised|raising|grew|grown|jumped|"
    r"climbed|revised|fell|fallen|dropped|declined|doubled|tripled|up|down|went|swelled|surged)\s*$",
    re.IGNORECASE,
)


_PARTICLE_OVER = re.compile(
    r"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|take|takes|took|taken|taking|hold|held|sign|signed|give|gave|given|pass|passed|win|won)\s+$",
    re.I,
)


# Bound words that can open a stack of two ("up to approximately", "more than about"): the ceilings and floors
# that are not also prepositions ("over", "under", "above" stay out: "handed over about 300", "under some 40 laws").
_OUTER_BOUND = re.compile(
    r"(?<![\w-])(?:(?P<outer_most>up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|no\s+more\s+than"
    r"|not\s+more\s+than|at\s+most|a\s+maximum\s+of)"
    r"|(?P<outer_least>more\s+than|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|upwards\s+of"
    r"|in\s+excess\s+of|a\s+minimum\s+of))\s+$",
    re.IGNORECASE,
)
_OUTER_REACH = 16


def _scale_of(figure: str) -> float:
    m = _LEAD_SCALE.match(_normal_figure(figure))
    if m:
        scale = 1.0
        for word in m.group("scales").split():
            scale *= _SCALES[word]
        return scale
    m = _DIGIT_SUFFIX.match(figure.strip().lower())
    return float(_SCALES[m.group("suffix")]) if m else 1.0


def _is_word_small(figure: str) -> bool:
    return figure.strip().lower() in _UNITS or figure.strip().lower() in _TENS


def _range_plausible(text: str, m: re.Match[str]) -> bool:
    """A hyphen between two numbers is a range, unless it is a score or a model: "2023-24"."""
    if m.group("between"):
        return True
    a, b = m.group("a2"), m.group("b2")
    if _YEAR.match(a.strip()) and (len(b.strip()) == 2 or _YEAR.match(b.strip())):
        return False  # "2023-24", "2022-2023": a span of years, not an amount
    before = text[max(0, m.start() - 12) : m.start()]
    if _acronym_before(before):
        return False
    return not _NOT_AMOUNT_AFTER.match(text[m.end() : m.end() + 16])


def parse_quantity(phrase: str) -> Quantity:
    """The first amount in ``phrase``; ``Quantity(None, None)`` when there is none.

    >>> parse_quantity("more than a million").as_tuple()
    (1000000, 'at_least', None)
    >>> parse_quantity("between 10,000 and 12,000").as_tuple()
    (10000, 'range', 12000)
    """
    found = find_quantities(phrase)
    if not found:
        return Quantity(None, None, None)
    return found[0].value


# --- fractions: shares of supply and of capacity ------------------------------------------

_FRACTION = re.compile(
    rf"(?:(?P<pre>{_PREFIX})\s+)?(?:"
    r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)"
    r"|(?P<word>half|a\s+half|one\s+half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|one[- ]quarter"
    r"|three[- ]quarters|a\s+fifth|one[- ]fifth|a\s+tenth|one[- ]tenth|full|the\s+bulk|most|the\s+majority)"
    r")",
    re.IGNORECASE,
)
_FRACTION_WORDS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
    "a tenth": 0.1,
    "one tenth": 0.1,
    "full": 1.0,
    "the bulk": 0.5,
    "most": 0.5,
    "the majority": 0.5,
}


def parse_fraction(phrase: str) -> Quantity:
    """A share as a fraction: "half" -> 0.5, "about 60%" -> 0.6 about, "full" -> 1.0.

    "Most" and "the bulk" mean more than half: 0.5 ``at_least``.
    """
    m = _FRACTION.search(phrase)
    if not m:
        return Quantity(None, None, None)
    bound = _bound_of(m) or "exact"
    if m.group("pct"):
        value = float(m.group("pct")) / 100
        if math.isinf(value):  # hundreds of digits before "%": no share, and no JSON number
            return Quantity(None, None, None)
    else:
        word = re.sub(r"[\s-]+", " ", m.group("word").lower())
        value = _FRACTION_WORDS[word]
        if word in ("most", "the bulk", "the majority"):
            bound = "at_least"
    return Quantity(round(value, 4), bound, None)
