"""Time expressions resolved against an article's publication date.

A claim's ``since`` is where a running total starts ("since August", "since the war began");
its ``as_of`` is when the claim holds or the event happened ("as of July 15", "on Wednesday",
"in October", "last month"). For ``since``, only the month or year known -> the first day of it,
as the contract says; an ``as_of`` read from a period the event happened in ("in October", "in
2024", "last month", "between May and July") is the period's last day, or the publication date
when the period runs on to it (docs/claims-conventions.md). A month named without a year is the latest such month not after publication:
"since August" in a November 2023 article is 2023-08-01, in a March 2024 article 2023-08-01.
"""

from __future__ import annotations

import datetime as dt
import re

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.textclean import PHOTO_CREDIT

__all__ = [
    "as_of_reading",
    "days_after",
    "find_date",
    "earlier_this_month",
    "listed_days",
    "names_a_period",
    "parse_iso_date",
    "period_reading",
    "period_start",
    "resolve_as_of",
    "resolve_since",
    "since_span",
    "statement_date",
    "strip_dateline",
]

_MONTH_NUM = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:(?:early|mid|late|the\s+(?:start|beginning|end|middle)\s+of)[-\s]+)"

# War began 24 February 2022; the first Kim-Putin summit of this story was 13 September 2023.
_WAR_START = dt.date(2022, 2, 24)

# "since August", "from 2023", and a start told as "beginning in October 2024" or "starting Oct. 8".
_SINCE = re.compile(
    rf"\b(?:since|from|(?:beginning|starting)(?:\s+(?:in|from|on))?)\s+(?:"
    # (not a month's own report: "an increase from January's estimate" starts no count)
    rf"(?:last\s+)?{_PART}?(?P<month>{_MONTH})(?!['\u2019]s\b)(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<lastyear>last\s+year))?"
    rf"|(?P<year_part>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[-\s]+(?P<year_p>(?:19|20)\d\d)"
    rf"|(?P<year_only>(?:19|20)\d\d)"
    rf"|last\s+(?P<last>year|month|summer|autumn|fall|winter|spring)"
    rf"|(?P<war>(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+|Russia's\s+|its\s+)?(?:(?:full|large)-scale\s+)?(?:war|invasion|conflict)"
    # (the war's place and month told after it are part of the phrase, no period of their own: "since the start of the
    # war in Ukraine in February 2022")
    rf"(?:\s+(?:in|on|of|against)\s+Ukraine)?(?:\s+in\s+February(?:,?\s+2022)?)?"
    rf"|(?:the\s+|Russia's\s+)?(?:full-scale\s+)?(?:war|invasion)\s+(?:began|started|broke\s+out))"
    rf")",
    re.IGNORECASE,
)

# "following a meeting between the leaders in September", "after last month's summit": the event that set a flow
# going. Its month is where what the sentence counts starts (its since), not when the claim holds.
_AFTER_EVENT = re.compile(
    # ("since talks between the leaders in September last year", "since Kim's visit to Russia in September": a flow
    # counted since an event starts with it too, and the event's month is its start, not the claim's date)
    rf"\b(?:following|after|since)\s+(?:(?P<rel>last\s+month)['\u2019]s\s+|(?:a|an|the|their|this|that|his|its)\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:meeting|summit|talks|visit|trip)\b"
    rf"(?:(?:\s+[\w'\u2019.-]+){{0,14}}?\s+in\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<lastyear>(?:of\s+)?last\s+year))?)?",
    re.IGNORECASE,
)


# The date patterns under re.IGNORECASE, read in a sentence's lowercase (lx.Twinned).
_SINCE_T = lx.Twinned(_SINCE)
_AFTER_EVENT_T = lx.Twinned(_AFTER_EVENT)
_EVENT_NOUNS = ("meeting", "summit", "talks", "visit", "trip")  # one is in every _AFTER_EVENT match


def _after_event_start(text: str, published: dt.date) -> tuple[dt.date, tuple[int, int]] | None:
    """The first day of the month an event the flow followed was held in, and where the phrase stands."""
    low = text.lower()
    if not any(map(low.__contains__, _EVENT_NOUNS)):
        return None
    m = _AFTER_EVENT_T.search(text, lx.twin_subject(text, low))
    if m is None or not (m.group("rel") or m.group("month")):
        return None
    if m.group("rel"):
        first = _relative("last month", published)
    else:
        year = str(published.year - 1) if m.group("lastyear") else m.group("year")
        first = _month_date(m.group("month"), None, year, published)
    return (first, m.span()) if first is not None else None


# "between March and November last year", "from September 2023 to January", "between Sept. 7 and Oct. 1": a period
# (from the first day named, else the first month's first day).
_PERIOD = re.compile(
    rf"\b(?:between|from)\s+{_PART}?(?P<m1>{_MONTH})(?:\s+(?P<d1>\d{{1,2}})(?!\d))?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    r"\s+(?:and|to|through|until)\s+"
    rf"{_PART}?(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}})(?!\d))?(?:,?\s+(?P<y2>(?:19|20)\d\d)|\s+(?P<ly>last\s+year))?",
    re.IGNORECASE,
)


_PERIOD_T = lx.Twinned(_PERIOD)


def _period(text: str, published: dt.date, low: str | None) -> tuple[dt.date, dt.date] | None:
    """The period "between March and November" names; ``low`` is lx.twin_subject of ``text``."""
    m = _PERIOD_T.search(text, low)
    if not m:
        return None
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    if m.group("y2"):
        y2 = int(m.group("y2"))
    elif m.group("ly"):
        y2 = published.year - 1
    else:
        y2 = _year_for(m2, published, int(m.group("d2") or 1))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    start = _safe_date(y1, m1, int(m.group("d1") or 1))
    end = _safe_date(y2, m2, int(m.group("d2") or 1))
    if end is not None and not m.group("d2"):
        end = _period_end(end, "month", published)  # "between December and February": to February's end
    return (start, end) if start and end else None


_AS_OF = re.compile(
    rf"\bas\s+of\s+(?:{_PART})?(?:"
    rf"(?P<month>{_MONTH})(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?P<weekday>{_WEEKDAY})"
    rf"|(?P<rel>now|today|this\s+week|this\s+month|last\s+week|last\s+month|the\s+end\s+of\s+last\s+year|last\s+year|this\s+year)"
    rf"|(?P<year_only>(?:19|20)\d\d)"
    rf")",
    re.IGNORECASE,
)
_AS_OF_T = lx.Twinned(_AS_OF)
# An event's date: "on Oct. 26", "Oct. 26, 2023", "26 October", "on Wednesday", "in October".
_ON_DATE = re.compile(
    rf"(?<![\w])(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})(?:,?\s+(?P<year2>(?:19|20)\d\d))?)",
)
# "on the 21st", "claimed on the 15th": a day of the month without its month (translated copy), the latest such day
# not after publication. Not a unit's or an occasion's number ("on the 5th floor", "on the 13th anniversary").
_ON_ORDINAL = re.compile(
    r"\bon\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!-|\s+of\b|\s+[A-Z]"
    r"|\s+(?:anniversary|floor|century|round|time|day|place|position|session|plenum|congress|birthday)\b)"
)
# "on Tuesday and Wednesday", "Monday-Tuesday": a second day joined to the first.
_NEXT_WEEKDAY = re.compile(rf"\s*(?:and|-|\u2013|to|through)\s*(?:on\s+)?(?P<weekday>{_WEEKDAY})\b")
# What a match of _AS_OF (in the lowercase) and of _ON_ORDINAL opens with, without their "\b": patterns that open
# with a literal are scanned for it by re, a test some ten times cheaper than trying the full pattern everywhere.
_AS_OF_OPENING = re.compile(r"as\s+of\s")
_ON_ORDINAL_OPENING = re.compile(r"on\s+the\s+[1-9]")
_WEEKDAY_REF = re.compile(rf"(?<![\w])(?:(?:on|(?P<last>[Ll]ast)|this\s+past)\s+)?(?P<weekday>{_WEEKDAY})(?!'s)\b")
# "troops are expected to be assembled by Monday": a deadline ahead, not a day gone by.
_EXPECTED_BY = re.compile(
    r"\b(?:expect(?:s|ed)?|will|would|due|set\s+to|scheduled|plan(?:s|ned)?\s+to|aim(?:s|ed)?\s+to|likely\s+to)\b"
    r"(?:[^,;.]|(?<=\d)[,.](?=\d)){0,60}\bby\s+$",  # (a figure's comma is no clause's end: "reach 10,000 by")
    re.IGNORECASE,
)
# "with plans to raise the number to 10,000 in December", "with the expectation of a launch in late March": a month a
# plan or an expectation governs. Told without its year, and later in the year than the publication, it is the month
# ahead, not the last one gone by: it dates nothing and starts no count (docs/claims-conventions.md 25r).
_AHEAD_BEFORE = re.compile(
    # (not a plan told in the past, "was expected to send them in December", "had plans to": its month is gone by)
    r"\b(?<!\bwas\s)(?<!\bwere\s)(?<!\bhad\s)(?<!\bbeen\s)"
    r"(?:expect(?:s|ed|ing)?|expectations?\s+(?:of|that)|anticipat(?:es?|ed|ing)|anticipation\s+(?:of|that)|forecasts?"
    r"|predicts?|plans?\s+(?:to|of|for)|(?:is|are)\s+planned\s+to|set\s+to|scheduled\s+to|aims?\s+to|intends?\s+to"
    r"|going\s+to|will)\b"
    r"(?:[^,;.]|(?<=\d)[,.](?=\d)){0,70}$",  # (a figure's comma is no clause's end: "to 10,000 in December")
    re.IGNORECASE,
)


def month_ahead(text: str, month: re.Match[str], published: dt.date) -> bool:
    """Whether ``month`` (a match with a "month" group and perhaps a "year") names a month still ahead of
    ``published`` that a plan or an expectation before it governs (:data:`_AHEAD_BEFORE`)."""
    told = month.groupdict()
    if told.get("year") or told.get("lastyear") or told.get("lastmonth") or _month_of(told["month"]) <= published.month:
        return False  # ("in December 2023", "last December": a month gone by, however a plan stands before it)
    return _AHEAD_BEFORE.search(text, max(0, month.start() - 110), month.start()) is not None


# "in November", "in early March 2024", "in November last year"
_IN_MONTH = re.compile(
    rf"\b(?:(?i:in|during|by|through|until|throughout|earlier\s+in|later\s+in)|(?P<lastmonth>(?i:last)))\s+{_PART}?"
    rf"(?P<month>{_MONTH})"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<lastyear>(?i:of\s+)?last\s+year))?\b(?!\s+\d)",
)
# The second month of "in January and February", "during March to May 2024" (case-sensitive, as _IN_MONTH)
_AND_MONTH = re.compile(
    rf"\s+(?i:and|to|through|until)\s+{_PART}?(?P<month>{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)"
)
_IN_YEAR = re.compile(
    r"\b(?i:in|during|by|throughout)\s+(?:early\s+|mid-?|late\s+)?(?P<year>(?:19|20)\d\d)\b(?!-|\s*-\s*\d)"
)
_RELATIVE = re.compile(
    r"\b(?P<rel>last\s+month|earlier\s+this\s+month|this\s+month|last\s+week|earlier\s+this\s+week|this\s+week"
    r"|yesterday|today|last\s+year|earlier\s+this\s+year|this\s+year|last\s+(?:spring|summer|autumn|fall|winter))\b",
    re.IGNORECASE,
)
_RELATIVE_T = lx.Twinned(_RELATIVE)


def _month_of(word: str) -> int:
    return _MONTH_NUM[word[:3].lower()]


def _year_for(month: int, published: dt.date, day: int = 1) -> int:
    """The year of the latest (month, day) not after ``published``."""
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_weekday(name: str, published: dt.date, last: bool = False) -> dt.date:
    """The most recent ``name`` on or before ``published`` ("on Wednesday" in a Wednesday article is that day).
    With ``last``, that day of the calendar week (Monday to Sunday) before the article's: "last Thursday" in a
    Friday's article is eight days back, not yesterday, and in a Monday's, "last Friday" is three days back, as
    the development labels date both."""
    target = _WEEKDAYS.index(name.lower())
    if last:
        return published - dt.timedelta(days=published.weekday() + 7 - target)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _last_season(season: str, published: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the latest ``season`` (three months: autumn is September to November) that ended
    before ``published``: "last fall" in an April article is the autumn before, and in an October one, the autumn
    of the year before, since this autumn has not ended."""
    month = _SEASON_FIRST_MONTH[season.lower()]
    year = published.year
    while True:
        first = dt.date(year, month, 1)
        after = dt.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1)  # the first day after the season
        if after <= published:
            return first, after - dt.timedelta(days=1)
        year -= 1


def _day_of_month(day: int, published: dt.date) -> dt.date | None:
    """The latest date with that day of the month not after ``published`` ("on the 21st" in an article of the 22nd is
    the day before; in an article of the 5th, the 21st of the month before)."""
    year, month = published.year, published.month
    for _ in range(3):  # a 31st may be two months back
        found = _safe_date(year, month, day)
        if found is not None and found <= published:
            return found
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


# "in the first half of the year", "during the second half of 2024": a half of a year, as a period.
_HALF_YEAR = re.compile(
    r"\b(?:in|during|throughout)\s+the\s+(?P<half>first|second)\s+half\s+of\s+"
    r"(?:(?:the|this)\s+year|(?P<last>last\s+year)|(?P<year>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)


def _half_year(match: re.Match[str], published: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the half of a year ``match`` (of _HALF_YEAR) names; the last is ``published`` if that
    comes first."""
    year = int(match.group("year")) if match.group("year") else published.year - bool(match.group("last"))
    first = dt.date(year, 1 if match.group("half").lower() == "first" else 7, 1)
    return first, min(dt.date(year, 6, 30) if first.month == 1 else dt.date(year, 12, 31), published)


def _relative(rel: str, published: dt.date) -> dt.date | None:
    rel = " ".join(rel.lower().split())
    if rel.startswith("last ") and rel[5:] in _SEASON_FIRST_MONTH:
        return _last_season(rel[5:], published)[0]
    if rel in ("now", "today"):
        return published
    if rel == "yesterday":
        return published - dt.timedelta(days=1)
    if rel in ("this week", "earlier this week"):
        return published - dt.timedelta(days=published.weekday())
    if rel == "last week":
        return published - dt.timedelta(days=published.weekday() + 7)
    if rel in ("this month", "earlier this month"):
        return published.replace(day=1)
    if rel == "last month":
        first = published.replace(day=1)
        return (first - dt.timedelta(days=1)).replace(day=1)
    if rel in ("this year", "earlier this year"):
        return dt.date(published.year, 1, 1)
    if rel in ("last year", "the end of last year"):
        return dt.date(published.year - 1, 1, 1) if rel == "last year" else dt.date(published.year - 1, 12, 1)
    return None


def _period_end(first: dt.date, unit: str, published: dt.date) -> dt.date:
    """The last day of the month or year starting at ``first``, or ``published`` if that comes first."""
    if unit == "year":
        last = dt.date(first.year, 12, 31)
    else:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
    return min(last, published)


def _relative_end(rel: str, published: dt.date) -> dt.date | None:
    """The end of the period a relative word names: "last month" -> its last day, "this month" -> today."""
    rel = " ".join(rel.lower().split())
    start = _relative(rel, published)
    if start is None or rel in ("now", "today", "yesterday"):
        return start
    if rel in ("last week",):
        return start + dt.timedelta(days=6)
    if rel == "this week":
        return published  # the week runs up to the publication (not to its month's end)
    if rel == "the end of last year":
        return dt.date(published.year - 1, 12, 31)
    if rel.startswith("last ") and rel[5:] in _SEASON_FIRST_MONTH:
        return _last_season(rel[5:], published)[1]
    return _period_end(start, "year" if rel.endswith("year") else "month", published)


def _year_named(match: re.Match[str], published: dt.date) -> str | None:
    """The year a month phrase names: its own ("in May 2024"), the one before publication ("in May last year"), or
    None (the latest such month)."""
    if match.group("year"):
        return match.group("year")
    if match.groupdict().get("lastmonth") and _month_of(match.group("month")) == published.month:
        return str(published.year - 1)  # "last October" in an October article: a year before
    return str(published.year - 1) if match.groupdict().get("lastyear") else None


def _month_date(month_word: str, day: str | None, year: str | None, published: dt.date) -> dt.date | None:
    month = _month_of(month_word)
    d = int(day) if day else 1
    y = int(year) if year else _year_for(month, published, d)
    return _safe_date(y, month, d)


def _after_event_unless_since(
    text: str, low: str, twin_low: str | None, published: dt.date
) -> tuple[dt.date, tuple[int, int]] | None:
    """The start of a period opened by an event ("after the September summit") and where it is told, unless
    the text also says "since": then the "since" decides. Shared by :func:`resolve_since` and
    :func:`since_span`, so the date and its span come from one reading."""
    if "after" not in low and "following" not in low and "since" not in low:
        return None
    after = _after_event_start(text, published)
    if after is None or _SINCE_T.search(text, twin_low):
        return None
    return after


def resolve_since(text: str, published: dt.date) -> dt.date | None:
    """The start of the period a claim covers, from "since ..." / "from ..."; else None."""
    low = text.lower()
    twin_low = lx.twin_subject(text, low)
    after = _after_event_unless_since(text, low, twin_low, published)
    if after is not None:
        return after[0]
    if text.isascii() and not any(map(low.__contains__, _SINCE_KEYS)):
        return None  # every period and "since" phrase holds one of them (IGNORECASE on ASCII text)
    period = _period(text, published, twin_low)
    if period:
        return period[0]
    m = _SINCE_T.search(text, twin_low)
    if not m:
        return None
    if m.group("month"):
        if m.group("lastyear"):
            return _safe_date(published.year - 1, _month_of(m.group("month")), int(m.group("day") or 1))
        return _month_date(m.group("month"), m.group("day"), m.group("year"), published)
    if m.group("year_p"):
        part = m.group("year_part").lower()
        if part in ("mid", "the middle of"):
            # "since mid-2022": the middle of a year is no month the text names, so no first day is given; blind7's
            # and blind9's labels leave it empty. ("Since late 2023" keeps December, as the written set labels it.)
            return None
        return dt.date(int(m.group("year_p")), 12 if part in ("late", "the end of") else 1, 1)
    if m.group("year_only"):
        return dt.date(int(m.group("year_only")), 1, 1)
    if m.group("last"):
        unit = m.group("last").lower()
        if unit == "month":
            return _relative("last month", published)
        if unit == "year":
            return dt.date(published.year - 1, 1, 1)
        return _last_season(unit, published)[0]
    if m.group("war"):
        return _WAR_START
    return None


def since_span(text: str, published: dt.date) -> tuple[int, int] | None:
    """Where in ``text`` the phrase :func:`resolve_since` reads stands, or None."""
    low = text.lower()
    twin_low = lx.twin_subject(text, low)
    after = _after_event_unless_since(text, low, twin_low, published)
    if after is not None:
        return after[1]
    m = _PERIOD_T.search(text, twin_low) or _SINCE_T.search(text, twin_low)
    return m.span() if m else None


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # _MONTH's openings
# _MONTH and _WEEKDAY are case-sensitive: where a pattern reads them without re.IGNORECASE (_ON_DATE, _IN_MONTH,
# _WEEKDAY_REF), one of these capitalised openings is in ``text`` itself wherever it matches (a substring test
# spares the scan of a sentence that has "may" or "today" but no month or weekday).
_MONTH_OPENINGS = tuple(key.title() for key in _MONTH_KEYS)
_WEEKDAY_NAMES = tuple(day.title() for day in _WEEKDAYS)
_RELATIVE_KEYS = ("last", "this", "yesterday", "today")  # one is in every _RELATIVE match
# Every match of _PERIOD ("between", "from") and _SINCE ("since", "from", "beginning", "starting") holds one of
# these.
_SINCE_KEYS = ("since", "from", "between", "beginning", "starting")
# Every date expression resolve_as_of understands contains a digit or one of these.
_DATE_KEYS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "day",
    "last",
    "this",
    "now",
    "today",
    "yesterday",
    "as of",
    "earlier",
    "half",
)
# A year, or a day of the month told as an ordinal ("on the 21st"): with _DATE_KEYS, what every date holds.
# (two patterns, not one alternation: re scans a sentence for either some five times as fast as for the two
# branches together)
_DAY_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b")


def _opens(text: str, match: re.Match[str]) -> bool:
    """``match`` opens the sentence as a phrase of its own ("In August, satellites saw ..."): it dates the whole
    sentence, even the things named after it, where a loose "after a summit in September" does not. A calendar
    day's match leaves its "On" before it ("On June 17, ...")."""
    return text[: match.start()].strip().lower() in ("", "on") and text[match.end() : match.end() + 1] == ","


def _where(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """Where a time phrase stands, for the clause it dates; None when it opens the sentence as a phrase of its own
    ("On Sunday, ...", "In August, ..."), which dates every clause."""
    return None if _opens(text, match) else match.span()


def _since_phrases(text: str, low: str, twin_low: str | None, plain: bool, published: dt.date) -> list[tuple[int, int]]:
    """Where in ``text`` the phrases that date the start of a period stand ("since October", "following a meeting in
    September"): a date inside one is where the flow starts, not its date (:func:`as_of_reading`)."""
    since_words = not plain or any(map(low.__contains__, _SINCE_KEYS))
    blocked = [(s.start(), s.end()) for s in _SINCE_T.finditer(text, twin_low)] if since_words else []
    if "after" in low or "following" in low or "since" in low:
        after = _after_event_start(text, published)
        if after is not None:
            blocked.append(after[1])  # "following a meeting in September": where the flow starts, not its date
    return blocked


# "UN sanctions imposed with Moscow's approval in 2017", "the annual limit the Security Council set in 2017", "a treaty
# signed in June": a time after the making of a rule named before it dates the rule, not what the sentence tells
# (docs/claims-conventions.md 25q).
_RULE_MADE_BEFORE = re.compile(
    r"\b(?:sanctions?|resolutions?|limits?|caps?|ceilings?|bans?|embargo(?:es)?|treat(?:y|ies)|pacts?|agreements?|accords?)"
    r"\b[^.,;:]{0,50}?\b(?:imposed|adopted|set|passed|signed|approved|introduced|enacted)\s+"
    # (between the making and the time, only how or by whom it was made: "imposed with Moscow's approval in 2017"; an
    # object after the verb makes it a verb of the claim, "Despite the sanctions the North passed 1 million shells")
    r"(?:(?:with|by|under|at|after|following|over|through)\s[^.,;:]{0,50}?\s)?$",
    re.IGNORECASE,
)
_RULE_MADE_STEMS = ("imposed", "adopted", "set", "passed", "signed", "approved", "introduced", "enacted")
_RULE_REACH = 110  # how far before a time phrase the rule and its making may stand


def dates_a_rule(text: str, at: int) -> bool:
    """Whether the time phrase at ``at`` in ``text`` tells when a rule named before it was made (:data:`_RULE_MADE_BEFORE`)."""
    lo = max(0, at - _RULE_REACH)
    low = text[lo:at].lower()
    return any(map(low.__contains__, _RULE_MADE_STEMS)) and _RULE_MADE_BEFORE.search(text, lo, at) is not None


def as_of_reading(
    text: str, published: dt.date, anchor: int = 0
) -> tuple[dt.date | None, tuple[int, int] | None] | None:
    """When a claim holds or its event happened: "as of ...", a date, a weekday, a month; and where in ``text``
    the phrase read stands (None for "as of" and a period, which date the whole sentence).

    The first, most explicit reference wins: "as of" beats a calendar date, which beats a
    weekday, which beats "in <month>", which beats "last month". Dates inside a "since ..."
    phrase are the period's start, not its end, and are skipped. ``anchor`` is where the claim
    starts in ``text``: a loose "in September" before it usually dates something else ("after
    a summit in September, ... shells"), so months and relative words count only after it, unless
    a month or year opens the sentence as a phrase of its own ("In August, ...").
    """
    low = text.lower()
    if not any(map(low.__contains__, _DATE_KEYS)) and not (
        _YEAR.search(text) or _DAY_ORDINAL.search(text) if text.isascii() else _DIGIT.search(text)
    ):
        # Nothing date-like at all: the usual case. Without a key word, only a year or a day told as an
        # ordinal can date a claim ("in 2024", "as of 2023", "on the 21st"); in ASCII text that is all
        # re.IGNORECASE can match the keys as, while elsewhere any digit keeps the full reading.
        return None
    # On ASCII text each pattern below is tried only when its words are there (re.IGNORECASE
    # folds nothing else): a month name, a weekday, a relative word, a year.
    plain = text.isascii()
    months = not plain or any(map(low.__contains__, _MONTH_KEYS))
    twin_low = lx.twin_subject(text, low)
    # (where the twin reads the lowercase, a match needs "as" and "of" there: re finds that literal opening fast,
    # where the pattern's opening "\b" has it tried at every position)
    m = _AS_OF_T.search(text, twin_low) if twin_low is None or _AS_OF_OPENING.search(twin_low) else None
    if m:
        if m.group("month"):
            found = _month_date(m.group("month"), m.group("day"), m.group("year"), published)
            if found is not None and m.group("day") is None:
                # "as of September": what was counted by the month's end, as a claim dated by a period is (13)
                found = _period_end(found, "month", published)
            return found, None
        if m.group("month2"):
            return _month_date(m.group("month2"), m.group("day2"), m.group("year2"), published), None
        if m.group("weekday"):
            return _last_weekday(m.group("weekday"), published), None
        if m.group("rel"):
            return _relative(m.group("rel"), published), None
        if m.group("year_only"):
            return _period_end(dt.date(int(m.group("year_only")), 1, 1), "year", published), None
    # (every _PERIOD match opens with "between" or "from", letters that fold only to themselves)
    period = _period(text, published, twin_low) if months and ("between" in low or "from" in low) else None
    if period:
        return period[1], None
    # Where the "since" phrases stand, read at the first date found below (most sentences have none, and the
    # since pattern is costly).
    blocked: list[tuple[int, int]] | None = None

    def free(match: re.Match[str]) -> bool:
        nonlocal blocked
        if blocked is None:
            blocked = _since_phrases(text, low, twin_low, plain, published)
        return not any(a <= match.start() < b for a, b in blocked) and not dates_a_rule(text, match.start())

    months_named = months and any(map(text.__contains__, _MONTH_OPENINGS))
    for m in _ON_DATE.finditer(text) if months_named else ():
        # ("will be ready to fight by Nov. 1": a deadline ahead, as for a weekday and a month below)
        if free(m) and not _EXPECTED_BY.search(text, max(0, m.start() - 90), m.start()):
            if m.group("month"):
                return _month_date(m.group("month"), m.group("day"), m.group("year"), published), _where(text, m)
            return _month_date(m.group("month2"), m.group("day2"), m.group("year2"), published), _where(text, m)
    if " the " in low and "on" in low and _ON_ORDINAL_OPENING.search(text):
        for m in _ON_ORDINAL.finditer(text):
            found = _day_of_month(int(m.group("day")), published) if free(m) else None
            if found is not None:
                return found, _where(text, m)
    weekday = "day" in text and any(map(text.__contains__, _WEEKDAY_NAMES))
    for m in _WEEKDAY_REF.finditer(text) if weekday else ():
        if free(m) and not _EXPECTED_BY.search(text, max(0, m.start() - 90), m.start()):
            day = _last_weekday(m.group("weekday"), published, last=bool(m.group("last")))
            then = _NEXT_WEEKDAY.match(text, m.end())
            if then is not None and (later := _last_weekday(then.group("weekday"), published)) > day:
                # "met on Tuesday and Wednesday, after which ...": what the two days tell holds as of the second
                return later, (m.start(), then.end()) if not _opens(text, m) else None
            return day, _where(text, m)
    # A period the event happened in dates the claim by the period's end (or today, if it runs on).
    for m in _IN_MONTH.finditer(text) if months_named else ():
        if text[m.start() : m.start() + 2].lower() == "by" and _EXPECTED_BY.search(
            text, max(0, m.start() - 90), m.start() + 3
        ):
            continue  # "expected to reach 10,000 by December": a deadline ahead, not a month gone by
        if free(m) and (m.start() >= anchor or _opens(text, m)) and not month_ahead(text, m, published):
            first = _month_date(m.group("month"), None, _year_named(m, published), published)
            then = _AND_MONTH.match(text, m.end()) if m.group("year") is None else None
            if then is not None and first is not None:
                # "in January and February": the period runs to the second month's end
                first = _month_date(then.group("month"), None, then.group("year"), published) or first
            return (_period_end(first, "month", published) if first else None), _where(text, m)
    for m in _RELATIVE_T.finditer(text, twin_low) if not plain or any(map(low.__contains__, _RELATIVE_KEYS)) else ():
        if free(m) and m.start() >= anchor:
            return _relative_end(m.group("rel"), published), _where(text, m)
    for m in _HALF_YEAR.finditer(text) if not plain or "half" in low else ():
        if free(m) and m.start() >= anchor:
            return _half_year(m, published)[1], _where(text, m)
    for m in _IN_YEAR.finditer(text) if not plain or _YEAR.search(text) else ():
        if free(m) and (m.start() >= anchor or _opens(text, m)):
            return _period_end(dt.date(int(m.group("year")), 1, 1), "year", published), _where(text, m)
    return None


def names_a_period(text: str, span: tuple[int, int]) -> bool:
    """Whether the time phrase :func:`as_of_reading` read at ``span`` names a period (a month, a year, a half,
    "last month") rather than a day: a statement's own time outranks it (docs/claims-conventions.md, 13)."""
    phrase = text[span[0] : span[1]]
    return any(p.fullmatch(phrase) for p in (_IN_MONTH, _IN_YEAR, _RELATIVE, _HALF_YEAR))


def resolve_as_of(text: str, published: dt.date, anchor: int = 0) -> dt.date | None:
    """The date of :func:`as_of_reading` alone."""
    found = as_of_reading(text, published, anchor)
    return found[0] if found is not None else None


# A period that bounds what a claim counts ("in 2025", "during March", "last year", "this month"):
# only these openers, since "by December" or "until March" name an end, not a period.
_PERIOD_MONTH = re.compile(
    rf"\b(?:in|during|throughout|earlier\s+in|later\s+in|(?P<lastmonth>last))\s+(?P<month>{_MONTH})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<lastyear>(?:of\s+)?last\s+year))?\b(?!\s+\d)"
)
_PERIOD_YEAR = re.compile(r"\b(?:in|during|throughout)\s+(?P<year>(?:19|20)\d\d)\b(?!-|\s*-\s*\d)")
_PERIOD_RELATIVE = re.compile(
    r"\b(?P<rel>last\s+month|earlier\s+this\s+month|this\s+month|last\s+year|earlier\s+this\s+year|this\s+year"
    r"|last\s+(?:spring|summer|autumn|fall|winter))\b"
)
# "said in October", "estimated last month", "reported this week": when the statement was made, not a
# period its figure covers.
_STATEMENT_TIME_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|stated|reported|estimated|announced|assessed|warned|noted|added|claimed|emerged)\s*$"
)


# "Last month, Moscow announced that ...", "In January, the White House said ...": an opening time phrase
# followed by its verb of saying dates the statement.
# ("On August 16, the Treasury's Office of Foreign Assets Control (OFAC) announced ...": a day, and a short name
# in brackets, too)
_OPENING_STATEMENT_TIME = re.compile(
    # (a weekday may open the sentence bare, with the occasion after it: "Thursday at the UN, the envoy briefed ...")
    r"\W*(?:[Ii]n|[Ll]ast|[Ee]arlier|[Tt]his|[Dd]uring|[Oo]n|"
    + _WEEKDAY
    + r")\b[^,]{0,30},\s+(?:[\w'’.()-]+\s+){1,14}?"
    r"(?:said|says|announced|reported|stated|told|warned|claimed|estimated|confirmed|acknowledged|admitted|briefed)\b"
)


def period_start(text: str, published: dt.date, anchor: int = 0) -> dt.date | None:
    """The first day of :func:`period_reading`'s period alone."""
    found = period_reading(text, published, anchor)
    return found[0] if found is not None else None


def period_reading(text: str, published: dt.date, anchor: int = 0) -> tuple[dt.date, int | None] | None:
    """The first day of the period a claim covers when the sentence names one after the claim starts
    ("in 2025", "in January and February", "last year", "this month"), and where its phrase starts (None when it
    opens the sentence as a phrase of its own, "In August, ...", and so covers every clause); else None.

    A period named right after a verb of saying dates the statement, not what it counts, and a part of a
    year ("in late 2023") has no first day the text gives.
    """
    low = text.lower()
    if text.isascii() and not (
        _YEAR.search(text) or "last" in low or "this" in low or "half" in low or any(map(low.__contains__, _MONTH_KEYS))
    ):
        return None
    found: list[tuple[int, dt.date]] = []
    opening = -1  # where a period that opens the sentence as a phrase of its own starts ("In August, ...")
    # Each pattern is tried only where what it cannot match without is in the sentence: a capitalised month, a
    # year, "last" or "this".
    for m in _PERIOD_MONTH.finditer(text) if any(map(text.__contains__, _MONTH_OPENINGS)) else ():
        named_year = _year_named(m, published)
        then = _AND_MONTH.match(text, m.end()) if named_year is None else None
        if then is not None and then.group("year") and _month_of(m.group("month")) <= _month_of(then.group("month")):
            named_year = then.group("year")  # "during March to May 2024": the year told after the second month
        first = _month_date(m.group("month"), None, named_year, published)
        if first is not None and not (named_year is None and month_ahead(text, m, published)):
            found.append((m.start(), first))
    for m in _PERIOD_YEAR.finditer(text) if _YEAR.search(text) else ():
        found.append((m.start(), dt.date(int(m.group("year")), 1, 1)))
    head = _IN_MONTH.match(text) or _IN_YEAR.match(text)
    if head and _opens(text, head) and head.group(0).split()[0] in ("In", "During", "Throughout", "Last"):
        year = dt.date(int(head.group("year")), 1, 1) if "month" not in head.re.groupindex else None
        first = year or _month_date(head.group("month"), None, _year_named(head, published), published)
        if first is not None:
            opening = head.start()
            found.append((opening, first))
    for m in _HALF_YEAR.finditer(text) if "half" in low else ():
        found.append((m.start(), _half_year(m, published)[0]))
    for m in _PERIOD_RELATIVE.finditer(low) if "last" in low or "this" in low else ():
        first = _relative(m.group("rel"), published)
        if first is not None:
            found.append((m.start(), first))
    said = _OPENING_STATEMENT_TIME.match(text)
    said_from = text.find(",", 0, said.end()) if said else -1
    since = since_span(text, published) if found else None  # "since August last year" starts a count, it is no period
    for at, first in sorted(found):
        if since is not None and since[0] <= at < since[1]:
            continue
        if (
            (at < anchor and at != opening)
            or at < said_from
            or _STATEMENT_TIME_BEFORE.search(text, max(0, at - 24), at)
            or dates_a_rule(text, at)
        ):
            continue
        return (first, None if at == opening else at) if first <= published else None
    return None


# "earlier this month": a stretch from the first of the publication's month to a day before it.
_EARLIER_THIS_MONTH = re.compile(r"\bearlier\s+this\s+month\b", re.IGNORECASE)


def earlier_this_month(text: str, published: dt.date) -> dt.date | None:
    """The first day of the publication's month when the sentence tells of something done "earlier this month";
    else None. The day itself is not known, so the claim runs from the month's first day (its ``since``), with or
    without a figure and whether it is an event or a statement (docs/claims-conventions.md, 15g)."""
    if "earlier" not in text.lower() or not _EARLIER_THIS_MONTH.search(text):
        return None
    return published.replace(day=1)


# "The announcement came two days after Moscow acknowledged ...", "..., a day after Kyiv announced ...": what the
# clause after it tells happened that many days before what the sentence tells first.
_DAYS_AFTER = re.compile(
    r"(?:\b(?:came|comes|come|coming)\s+|,\s*)(?:just\s+|only\s+)?(?P<n>a|one|two|three|four|five|six)\s+days?\s+after\b",
    re.IGNORECASE,
)
_DAY_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def days_after(text: str) -> tuple[int, int] | None:
    """Where the clause after "came two days after" starts in ``text``, and how many days before the sentence's own
    date it tells of; else None."""
    if "after" not in text.lower():
        return None
    m = _DAYS_AFTER.search(text)
    return (m.end(), _DAY_COUNTS[m.group("n").lower()]) if m else None


# "on Dec. 30, Jan. 2 and Jan. 6": days listed one after another, joined by commas, "and" or "as well as".
_LIST_JOIN = re.compile(r"(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|,?\s+as\s+well\s+as\s+)(?:on\s+)?")


def listed_days(text: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last of two or more calendar days listed together ("on Dec. 30, Jan. 2 and Jan. 6"); else
    None. Events told by the days they happened on run from the first to the last."""
    if not _ANY_DIGIT.search(text) or not _MONTH_IN.search(text):
        return None
    days: list[dt.date] = []
    last_end = -1
    for m in _ON_DATE.finditer(text):
        if days and not _LIST_JOIN.fullmatch(text, last_end, m.start()):
            if len(days) >= 2:
                break
            days = []
        month, day_number = m.group("month") or m.group("month2"), m.group("day") or m.group("day2")
        day = _month_date(month, day_number, m.group("year") or m.group("year2"), published)
        if day is not None:
            days.append(day)
            last_end = m.end()
    if len(days) < 2:
        return None
    return min(days), max(days)


# --- a publication date written in the page -----------------------------------------------------

_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_WRITTEN = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>(?:19|20)\d\d)\b",
)


def parse_iso_date(value: str | None) -> dt.date | None:
    """A date from "2023-11-01", "2023-11-01T23:20:00-04:00" or a written date; else None."""
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    m = _WRITTEN.search(value)
    if m:
        if m.group("month"):
            return _safe_date(int(m.group("year")), _month_of(m.group("month")), int(m.group("day")))
        return _safe_date(int(m.group("year2")), _month_of(m.group("month2")), int(m.group("day2")))
    return None


#: A full date in a page's opening before this year is history the page tells ("the Dow's close on June 4,
#: 1890"), not the day it was published: the news this monitor reads is from decades later, and a date that
#: old would anchor "since August" and "last month" a century back.
FIRST_NEWS_YEAR = 1990


def find_date(text: str, limit: int = 3000) -> dt.date | None:
    """The first full date (with a year, from FIRST_NEWS_YEAR on) in the opening ``limit`` characters of ``text``.

    Datelines and bylines sit at the top ("Wednesday, Nov 01, 2023 - 11:20 PM", "Nov. 1, 2023",
    "2023-11-01"); a date deep in the body is more likely an event than the publication, and a
    date in a photo caption is when the picture was taken.
    """
    head = text[:limit]
    candidates = [(m.start(), m.group(0)) for pattern in (_ISO, _WRITTEN) for m in pattern.finditer(head)]
    for start, written in sorted(candidates):
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", start)
        # the date in a captioned line is when the picture was taken, often months before the article
        if PHOTO_CREDIT.search(head, line_start, line_end if line_end != -1 else len(head)):
            continue
        found = parse_iso_date(written)
        if found is not None and found.year >= FIRST_NEWS_YEAR:
            return found
    return None


# --- the day a statement was made ----------------------------------------------------------------

_SAID = (
    r"(?:said|says|told\s+(?:[\w'-]+\s+){0,3}?|announced|reported|stated|added|confirmed|denied|dismissed|rejected"
    r"|warned|wrote|claimed|acknowledged|admitted|briefed\s+(?:[\w'-]+\s+){0,3}?"
    # a judgement given out is a statement too: "the spy agency estimated in November that ...", "Kyiv concluded on
    # Monday that ...", "the institute noted in January"
    r"|estimated|assessed|concluded|noted|indicated|alleged|accused|suggested|stressed|emphasi[sz]ed"
    r"|(?:published|released)(?:\s+(?:its|the|a|their)\s+(?:[\w'-]+\s+){0,2}?(?:report|statement|assessment|findings))?"
    r"|issued\s+(?:a\s+)?(?:press\s+)?statement"
    # "in a joint statement issued in February", "a report released on Monday": the day the statement came out
    r"|(?:statement|report|assessment|communiqu\w+)\s+(?:issued|released|published))"
)
# The space after a verb of saying: "told" and "briefed" take their listeners ("told lawmakers ", "told Bloomberg News
# ") with the space after them, so what follows ("yesterday", "last week", "in November") may start right there.
_AFTER_SAID = r"(?:\s+|(?<=\s))"
# "reported in November", "acknowledged in early April": a statement known only by its month is dated by the
# month's last day, as a period is (the corpus's rule: the end of the period named).
_STATEMENT_DAY = re.compile(
    rf"\b{_SAID}\s*(?:on\s+|(?P<last>last\s+))?(?:(?P<wd>{_WEEKDAY})|(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?!\d))"
    rf"|\b(?:on\s+)?(?P<wd2>{_WEEKDAY}),?\s+{_SAID}"
    rf"|\b{_SAID}{_AFTER_SAID}(?P<yday>yesterday)\b"
    rf"|\b{_SAID}{_AFTER_SAID}on\s+the\s+(?P<ord>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
    # "according to the paper on Wednesday"; a calendar day may stand further off, after the occasion ("according to
    # information disclosed by X at a forum on December 7, 2024"), where a far weekday more often dates the event
    rf"|\b(?i:according)\s+to\s+(?:[\w'.-]+\s+){{1,6}}?on\s+(?P<wd3>{_WEEKDAY})"
    rf"|\b(?i:according)\s+to\s+(?:[\w'.-]+\s+){{1,12}}?on\s+"
    rf"(?P<month3>{_MONTH})\s+(?P<day3>\d{{1,2}})(?!\d)(?:,?\s+(?P<year3>(?:19|20)\d\d))?"
    rf"|\b{_SAID}{_AFTER_SAID}(?:earlier\s+|later\s+)?in\s+{_PART}?(?P<in_month>{_MONTH})(?:,?\s+(?P<in_year>(?:19|20)\d\d))?\b(?!\s*\d)"
    # "Speaking at a media briefing Monday, the minister said ...": the occasion's day is the statement's
    rf"|\b(?i:speaking)\s+(?:to|at|in|before|with|on)\s+(?:[\w'.-]+\s+){{0,10}}?(?:on\s+)?(?P<wd4>{_WEEKDAY}),"
    # "revealed the plan during a conference on Saturday", "said at a forum in Seoul on Monday": the occasion the
    # verb names, and its day, are the statement's
    rf"|\b(?:{_SAID}|revealed|disclosed)\s+(?:[\w'.-]+\s+){{0,4}}?(?:at|during)\s+(?:a|an|the)\s+(?:[\w'.-]+\s+){{0,6}}?"
    rf"on\s+(?P<wd5>{_WEEKDAY})\b",
)


# Where a match of _STATEMENT_DAY can begin: each branch opens at a word start with a verb of saying, with "on" and
# a weekday or the weekday alone, or with "according" or "speaking". A zero-width look-ahead, so that finditer gives every such
# position; the long pattern is matched only there (_statement_day), instead of being entered at every character.
_STATEMENT_DAY_START = re.compile(rf"\b(?=on\s|{_SAID}|revealed|disclosed|{_WEEKDAY}|(?i:according|speaking))")


def _statement_day(text: str) -> re.Match[str] | None:
    """``_STATEMENT_DAY.search(text)``: a search is a match tried at each position in turn, so the first match at
    the positions where one can begin, in order, is the leftmost one, read by the same branches."""
    for start in _STATEMENT_DAY_START.finditer(text):
        m = _STATEMENT_DAY.match(text, start.start())
        if m is not None:
            return m
    return None


# One of these is in every match of _STATEMENT_DAY: its verbs of saying are written in lowercase (so they are in
# the lowercased sentence as written), its fifth branch has "according" and its last "speaking" (any case).
_SAYING_STEMS = (*(lx.required_stems(_SAID, 0) or ()), "according", "speaking", "revealed", "disclosed")


def statement_date(text: str, published: dt.date) -> dt.date | None:
    """The day a statement in ``text`` was made: "said on Monday", "told reporters Friday"."""
    # Every match names a weekday, "yesterday", a month with a day number, or "in" and a month: most sentences
    # have none.
    low = text.lower()
    # (every weekday and "yesterday" holds "day": one test passes over most sentences)
    if (
        not ("day" in low and (any(map(low.__contains__, _WEEKDAYS)) or "yesterday" in low))
        and " on the " not in low
        and not ((" in " in low or _ANY_DIGIT.search(text)) and _MONTH_IN.search(text))
        and not _OPENING_STATEMENT_TIME.match(text)
    ):
        return None
    # Every match also holds a verb of saying or "according": without one the long pattern is not run (where
    # lowercasing folds as re.IGNORECASE does "according").
    unsaid = not any(map(low.__contains__, _SAYING_STEMS)) and lx.folds_like_ignorecase(text)
    m = None if unsaid else _statement_day(text)
    if not m:
        # (after a place's dateline, which dates nothing: "SEOUL (Reuters) - On Monday, the ministry said ...")
        place = cues.PLACE_DATELINE.match(text)
        text = text[place.end() :] if place else text
        opening = _OPENING_STATEMENT_TIME.match(text)
        # "Last month, Moscow announced ...": the statement falls in the period the opening phrase names
        return resolve_as_of(text[: text.find(",")], published) if opening else None
    if m.group("wd") or m.group("wd2") or m.group("wd3") or m.group("wd4") or m.group("wd5"):
        day = m.group("wd") or m.group("wd2") or m.group("wd3") or m.group("wd4") or m.group("wd5")
        return _last_weekday(day, published, last=bool(m.group("last")))
    if m.group("yday"):
        return published - dt.timedelta(days=1)
    if m.group("ord"):
        return _day_of_month(int(m.group("ord")), published)
    if m.group("in_month"):
        first = _month_date(m.group("in_month"), None, m.group("in_year"), published)
        return _period_end(first, "month", published) if first else None
    if m.group("month3"):
        return _month_date(m.group("month3"), m.group("day3"), m.group("year3"), published)
    return _month_date(m.group("month"), m.group("day"), None, published)


# "said last week", "reported last month": a statement known only by the period it fell in.
_SAID_IN_PERIOD = re.compile(
    rf"\b{_SAID}{_AFTER_SAID}(?:(?P<earlier>earlier)\s+)?(?P<rel>last\s+week|this\s+week|last\s+month)\b"
)


def statement_period_end(text: str, published: dt.date) -> dt.date | None:
    """The end of the period a statement in ``text`` is said to fall in ("said last week": that week's Sunday), or
    None. It dates the claims of its own sentence only: a period is too loose a day to date the article's background
    by, as a statement's day does (convention 13)."""
    low = text.lower()
    if "week" not in low and "last month" not in low:
        return None
    m = _SAID_IN_PERIOD.search(text)
    return _relative_end(m.group("rel"), published) if m else None


# "During that visit, Putin promised ...", "At the time, the White House said ...": a time phrase opening the sentence
# that points back to the time the sentence before told (its event's month, or its own time phrase).
_TIME_POINTING_BACK = re.compile(
    r"\W*(?:(?:At|By)\s+(?:that|the)\s+time|(?:During|At)\s+(?:that|the|this)\s+"
    r"(?:visit|trip|meeting|summit|talks|session|conference))\s*,"
)
# "Kim's visit to Russia in September", "talks between the leaders in September 2023": an event and its month.
_EVENT_IN_MONTH = re.compile(
    rf"\b(?:visit|trip|meeting|summit|talks)\b(?:\s+[\w'\u2019.-]+){{0,8}}?\s+in\s+(?P<month>{_MONTH})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b(?!\s*\d)"
)


def points_back_in_time(text: str) -> bool:
    """Whether ``text`` opens with a time phrase that points back to the sentence before ("At that time, ...")."""
    opening = text.lstrip("\"'\u201c \t\n")
    return opening.startswith(("At ", "By ", "During ")) and _TIME_POINTING_BACK.match(opening) is not None


def since_month_end(text: str, published: dt.date) -> dt.date | None:
    """The last day of the month a "since" phrase names ("a twofold increase since February"), or None: what a later
    "At that time, ..." tells holds as of it."""
    if "since" not in text.lower():
        return None
    m = _SINCE_T.search(text, lx.twin_subject(text, text.lower()))
    if m is None or not m.group("month") or m.group("day"):
        return None
    first = resolve_since(text, published)
    return _period_end(first, "month", published) if first is not None else None


def event_month_end(text: str, published: dt.date) -> dt.date | None:
    """The last day of the month an event named in ``text`` was held in ("Kim's visit to Russia in September"), or
    None: what a later "During that visit, ..." tells holds as of it."""
    if not any(map(text.__contains__, _EVENT_NOUNS)):
        return None
    m = _EVENT_IN_MONTH.search(text)
    first = _month_date(m.group("month"), None, m.group("year"), published) if m else None
    return _period_end(first, "month", published) if first is not None else None


# "SEOUL, Feb. 27 (Reuters) -", "KYIV, Jan. 11 -": the dateline repeats the publication date.
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Za-z .'/]{{1,40}}(?:,\s*[A-Z][A-Za-z ]{{1,30}})?,?\s*(?:\({{0,1}}{_MONTH}\s+\d{{1,2}}\){{0,1}})?\s*"
    rf"(?:\([^)]{{1,30}}\))?\s*(?:-{{1,2}}|\u2014|\u2013)\s"
)


def strip_dateline(text: str) -> str:
    """``text`` with an opening dateline blanked (same length), so its date is not an event's."""
    m = _DATELINE.match(text)
    if not m or not _MONTH_IN.search(m.group(0)):
        return text
    return " " * m.end() + text[m.end() :]


_MONTH_IN = re.compile(_MONTH)
_ANY_DIGIT = re.compile(r"\d")
