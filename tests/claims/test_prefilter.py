"""Required literals (monitor.claims.prefilter): what they are for small patterns written here, and that they
never turn away a text the pattern matches, over the engine's own patterns, on the written set and on strings
made to match each pattern."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import json
import pkgutil
import random
import re
import re._constants as sre_constants
import re._parser as sre_parser
from pathlib import Path
from typing import Any

import pytest

import monitor.claims
from monitor.claims.prefilter import Literals, Prefiltered, literals_of

LABELLED = Path(__file__).parent / "labelled"


def lits(source: str, flags: int = 0) -> Literals | None:
    return literals_of(re.compile(source, flags))


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        # a run of plain characters, joined across groups and short classes
        (r"\bsent\s+troops", 0, Literals(("troops",), ())),
        (r"Korean?s?", 0, Literals(("Korea",), ())),
        (r"gr[ae]y", 0, Literals(("gray", "grey"), ())),
        # an alternation needs one of its branches; a literal holding another is dropped
        (r"\b(?:in|into|from)\s", 0, Literals(("from", "in"), ())),
        # read case-blind: lowercased, tested in the text's lowercase
        (r"\bDrones?\b", re.IGNORECASE, Literals((), ("drone",))),
        (r"(?i:Kyiv)|Moscow", 0, Literals(("Moscow",), ("kyiv",))),
        (r"(?i)(?-i:Seoul)", 0, Literals(("Seoul",), ())),
        # a case-sensitive part joined to a case-blind one is read case-blind
        (r"(?i:abc)D", 0, Literals((), ("abcd",))),
        # a fixed count repeats; a group repeated at least once requires what it requires
        (r"x{3}", 0, Literals(("xxx",), ())),
        (r"(?:said\s+)+", 0, Literals(("said",), ())),
        # look-arounds require nothing: their text may lie outside the match
        (r"(?<=Mr\. )Kim", 0, Literals(("Kim",), ())),
    ],
)
def test_literals_of_small_patterns(source: str, flags: int, expected: Literals) -> None:
    assert lits(source, flags) == expected


@pytest.mark.parametrize(
    "source",
    [
        r"\d+",  # a class of many characters
        r"[A-Z][a-z]+",
        r".*abc",  # literal after a wildcard still required: see below
        r"(?:abc)?",  # can match the empty string
        r"abc|\d",  # a branch without a literal
        r"(a)\1",  # a single character is a literal, the back-reference is not
        r"(?=abc)\w+",  # a look-ahead's text is not counted
        r"(?i)Stra\u00dfe",  # a cased character outside ASCII read case-blind cuts the run
    ],
)
def test_what_requires_little_or_nothing(source: str) -> None:
    got = lits(source)
    expected = {
        r".*abc": Literals(("abc",), ()),
        r"(a)\1": Literals(("a",), ()),
        r"(?i)Stra\u00dfe": Literals((), ("stra",)),
    }.get(source)
    assert got == expected


def test_the_wrapper_skips_only_where_no_literal_is_in_the_window() -> None:
    guarded = Prefiltered(re.compile(r"\b(?:deliver|shipp?)(?:s|ed)\b", re.IGNORECASE))
    text = "Officials said the North SHIPPED shells in May."
    assert guarded.search(text).group() == "SHIPPED"  # type: ignore[union-attr]
    assert guarded.search(text, 30) is None and not guarded.admits(text, 30)
    assert guarded.search(text, -100, 5) is None
    assert [m.group() for m in guarded.finditer(text)] == ["SHIPPED"]
    assert guarded.findall("nothing here") == [] and list(guarded.finditer("nothing here")) == []
    assert guarded.match(text, 25).group() == "SHIPPED"  # type: ignore[union-attr]
    assert guarded.fullmatch("delivers") is not None and guarded.fullmatch("deliver") is None
    # re.IGNORECASE matches a dotless i or a long s as i and s, which lowercasing does not give: a text
    # holding one is searched as it is
    odd = Prefiltered(re.compile("is", re.IGNORECASE))
    assert odd.search("\u0131s") is not None and odd.search("\u017fis") is not None
    # and a cased letter outside ASCII: re matches a Greek mu case-blind as the micro sign, whose lowercase is
    # itself, so such a letter is no literal
    micro = Prefiltered(re.compile("\u03bcm", re.IGNORECASE))
    assert micro.search("5 \u00b5m") is not None
    unguarded = Prefiltered(re.compile(r"\d+"))
    assert unguarded.literals is None and unguarded.search("a 12 b").group() == "12"  # type: ignore[union-attr]


def _engine_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern of the claims engine: those made at import, and those its readers compile on first
    use (table entries, lowercase twins), made by reading a few of the written set's articles."""
    for module in pkgutil.iter_modules(monitor.claims.__path__):
        importlib.import_module(f"monitor.claims.{module.name}")
    from monitor.claims.analysis import analyse

    for path in sorted(LABELLED.glob("*.json"))[:40]:
        doc = json.loads(path.read_text(encoding="utf-8"))
        analyse(doc["text"], title=doc.get("title"), published=dt.date.fromisoformat(doc["published"]))
    found = {(p.pattern, p.flags): p for p in gc.get_objects() if isinstance(p, re.Pattern)}
    return [p for p in found.values() if isinstance(p.pattern, str)]


@pytest.fixture(scope="module")
def engine_patterns() -> list[re.Pattern[str]]:
    patterns = _engine_patterns()
    assert len(patterns) > 500
    return patterns


def _variants(text: str) -> list[str]:
    """The text, and as a casing or an odd character could change it."""
    return [
        text,
        text.upper(),
        text.lower(),
        text.replace("i", "\u0131"),  # dotless i
        text.replace("I", "\u0130"),  # dotted capital I
        text.replace("s", "\u017f"),  # long s
        text.replace("K", "\u212a"),  # Kelvin sign
    ]


def test_no_match_of_an_engine_pattern_on_the_written_set_is_turned_away(
    engine_patterns: list[re.Pattern[str]],
) -> None:
    """Filtered and unfiltered give the same: every match of every pattern lies in a window the filter admits,
    and a search of a sentence the filter turns away finds nothing."""
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(LABELLED.glob("*.json"))]
    subjects = [v for t in texts[::8] for v in _variants(t)]
    sentences = [s for t in texts[1::8] for s in re.split(r"(?<=[.!?])\s+", t)]
    checked = 0
    for pattern in engine_patterns:
        guarded = Prefiltered(pattern)
        if guarded.literals is None:
            continue
        for text in subjects:
            if not guarded.admits(text):
                assert pattern.search(text) is None, (pattern.pattern, text[:80])
                continue
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    assert guarded.admits(text, m.start(), m.end()), (pattern.pattern, m.group())
                    checked += 1
        for sentence in sentences:
            assert (guarded.search(sentence) is None) == (pattern.search(sentence) is None), pattern.pattern
    assert checked > 1000


def _sample(items: Any, rng: random.Random, ignorecase: bool, groups: dict[int, str]) -> str:
    """A string the parsed pattern ``items`` may match (look-arounds and anchors ignored: the caller keeps only
    what the pattern does match), in random case where read case-blind."""
    c = sre_constants
    out = []
    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            out.append(rng.choice([ch, ch.upper(), ch.lower()]) if ignorecase else ch)
        elif op is c.IN:
            out.append(_class_member(av, rng))
        elif op is c.ANY:
            out.append(rng.choice("x ,."))
        elif op is c.BRANCH:
            out.append(_sample(rng.choice(av[1]).data, rng, ignorecase, groups))
        elif op is c.SUBPATTERN:
            group, add, remove, sub = av
            flags = ((re.IGNORECASE if ignorecase else 0) | add) & ~remove
            got = _sample(sub.data, rng, bool(flags & re.IGNORECASE), groups)
            if group is not None:
                groups[group] = got
            out.append(got)
        elif op is c.ATOMIC_GROUP:
            out.append(_sample(av.data, rng, ignorecase, groups))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            count = rng.randint(lo, min(hi, lo + 2))
            out.extend(_sample(sub.data, rng, ignorecase, groups) for _ in range(count))
        elif op is c.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        # AT, ASSERT, ASSERT_NOT, GROUPREF_EXISTS: nothing
    return "".join(out)


_POOL = "aZ09 \t-,.'\u2019$%:;()/\u00e9\u0131\u017fK\u212akis_"


def _class_member(items: Any, rng: random.Random) -> str:
    c = sre_constants
    plain = [chr(av) for op, av in items if op is c.LITERAL]
    ranges = [av for op, av in items if op is c.RANGE]
    if items and items[0][0] is not c.NEGATE and rng.random() < 0.7 and (plain or ranges):
        if plain and (not ranges or rng.random() < 0.5):
            return rng.choice(plain)
        lo, hi = rng.choice(ranges)
        return chr(rng.randint(lo, min(hi, lo + 40)))
    return rng.choice(_POOL)


def test_no_match_of_a_string_made_to_match_is_turned_away(engine_patterns: list[re.Pattern[str]]) -> None:
    """Strings drawn from each pattern's own parse (random branches, counts and case), with text on either side:
    wherever the pattern matches one, the filter admits the match's window and the whole string."""
    rng = random.Random(20261207)
    matched = 0
    for pattern in engine_patterns:
        guarded = Prefiltered(pattern)
        if guarded.literals is None:
            continue
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
        for _ in range(12):
            made = _sample(parsed.data, rng, bool(pattern.flags & re.IGNORECASE), {})
            for text in {made, "Then " + made + " it", made.upper(), made.replace("i", "\u0131")}:
                m = pattern.search(text)
                if m is None:
                    continue
                assert guarded.admits(text), (pattern.pattern, text)
                if m.end() > m.start():
                    assert guarded.admits(text, m.start(), m.end()), (pattern.pattern, text)
                matched += 1
    assert matched > 2000
