"""The engine's fast paths give what the plain ones give: whitespace folding, typographic folding,
the cue index filed once per article, the item and source candidates, the date gates, the stem
guards, amounts read in the lowercased text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import re._constants as sre_constants
import re._parser as sre_parser
import string
from pathlib import Path
from typing import Any

import pytest

from monitor.claims import lexicon as lx
from monitor.claims import quantities, timerefs
from monitor.claims.textclean import _FOLD, clean, normalise_chars

LABELLED = Path(__file__).parent / "labelled"
PUBLISHED = dt.date(2024, 11, 20)


def labelled_texts() -> list[str]:
    paths = sorted(LABELLED.glob("*.json"))
    assert paths
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]


def test_the_whitespace_class_is_exactly_str_isspace():
    """WordIndex folds a key's whitespace with \\s; the cue keys were folded with str.isspace()."""
    space = re.compile(r"\s")
    assert [c for c in range(0x110000) if bool(space.match(chr(c))) != chr(c).isspace()] == []


def test_lowercasing_keeps_word_characters_word_characters():
    """Item and source candidates are found on the lowercased text: no character changes
    between word and non-word (or into '-', '$', '~') when lowercased."""
    word, start = re.compile(r"\w"), re.compile(r"[^\W_]")
    changed = [
        c
        for c in map(chr, range(0x110000))
        if len(c.lower()) == 1
        and (
            bool(word.match(c)) != bool(word.match(c.lower()))
            or bool(start.match(c)) != bool(start.match(c.lower()))
            or (c in "-$~") != (c.lower() in "-$~")
        )
    ]
    assert changed == []


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII, with\ttabs and\rreturns",
        "\u201cQuoted\u201d \u2014 and \u2018single\u2019, a\u00a0no-break space\u2026 caf\u00e9 \u0130stanbul",
        "".join(chr(c) for c in _FOLD) + " and every folded character once",
    ],
)
def test_typographic_folding_is_str_translate(text):
    assert normalise_chars(text) == text.translate(_FOLD)


def test_cue_positions_filed_per_article_are_the_word_starts_with_the_cue_keys():
    odd = "Troops in\nRussia, in\u00a0Kursk and in\tMoscow; a\u2003deal by\u3000sea. _in Russia, U.S.-made, N.K. arms"
    for text in [*labelled_texts()[:40], odd]:
        work = clean(text).work
        idx = lx.WordIndex(work, lx.lower_same_length(work))
        starts = [m.start() for m in re.finditer(r"\b\w", idx.low)]
        assert idx._word_starts() == starts
        for gated in lx._ALL_GATED:
            want = [p for p in starts if gated.keys and re.sub(r"\s", " ", idx.low[p : p + 3]) in gated.keys]
            assert idx.cue_starts(gated.number) == want


def test_a_cue_made_after_an_article_was_filed_is_filed_at_its_words():
    """The walk's look-ups are memoised per word key; a cue made later (the key "in " already looked up,
    with a line break) gets its positions, not the memo's answer from before it existed."""
    text = "Troops went in\nRussia and then in Kursk; drones moved in\tMoscow."
    lx.WordIndex(text, text.lower()).cue_starts(0)  # memoises "in\n", "in ", "in\t" and the rest
    late = lx.Gated(re.compile(r"\bin\s+(?:Russia|Kursk|Moscow)\b", re.IGNORECASE))
    idx = lx.WordIndex(text, text.lower())
    assert idx.cue_starts(late.number) == [m.start() for m in late.pattern.finditer(text)] == [12, 31, 54]
    assert [m.start() for m in late.finditer(idx, 0, len(text))] == [12, 31, 54]


def test_item_and_source_tables_agree_with_their_alternation_on_odd_text():
    texts = [
        "North\u00a0Korea sent 3\u00a0million shells; the NIS said the K\u212aN-23 missiles went by rail.",
        "\u0130n Moscow, Russia's defence ministry denied it \u2014 no\u00a0containers, no KN-23s.",
        "Ukraine's military intelligence (HUR) said 11,000 troops arrived in Kursk late",
    ]
    for table in (lx.ITEMS, lx.SOURCES):
        for text in texts:
            for start, end in ((0, len(text)), (3, len(text) - 3)):
                slow = [(m.start(), m.end(), m.lastgroup) for m in table.regex.finditer(text, start, end)]
                fast = [(m.start(), m.end(), m.lastgroup) for m in table.finditer(text, start, end)]
                assert fast == slow, (text, start, end)


def test_item_and_source_candidates_from_the_word_walk_are_the_prefilter_s():
    """read_document takes the tables' candidates from one walk over the article's word starts: the
    matches are the table's alternation's, at the text's first word, after a hyphen or underscore, a line
    break, a no-break space, tabs, digits, capitals, and with an entry that can begin anywhere ("think
    tank") present or not."""
    odd = [
        "Shells and KN-23 missiles: the NIS said 240mm launchers went north.\nDrones, anti-tank missiles, "
        "pro-Russian officials, _troops and x-troops; 11,000\u00a0troops in Kursk, the JCS said.",
        "Troops. A think tank in Seoul said 3 million shells went by rail, UN experts said.",
        "\u0130n Moscow the defence ministry denied it; no\u00a0containers, no KN-23s.",  # lowercasing lengthens
        # tabs and line breaks inside the openings, figures, upper case, two-letter sources
        "The\tNIS and the  JCS said 10,000 troops, 240 mm and 122-mm launchers and 1.5 million rounds\nwent;"
        " NORTH KOREAN TROOPS, the U.N. experts, an EU envoy, a\tPentagon official, G7 ministers, MLRS.",
    ]
    for text in [*labelled_texts(), *odd]:
        work = clean(text).work
        idx = lx.WordIndex(work, lx.lower_same_length(work))
        for table in (lx.ITEMS, lx.SOURCES):
            want = [(m.start(), m.end(), m.lastgroup) for m in table.regex.finditer(work)]
            got = [(m.start(), m.end(), m.lastgroup) for m in table.finditer_indexed(idx)]
            assert got == want, work
    first = clean(odd[0]).work
    assert [m.start() for m in lx.ITEMS.finditer_indexed(lx.WordIndex(first, first.lower()))][:2] == [0, 11]


def test_an_entry_s_alternatives_split_at_its_own_bars_only():
    """A table's per-key regexes hold only the alternatives of an entry that can open at the key: the split is at the
    bars outside groups, classes and escapes, and every entry's parts join back into it and compile alone."""
    assert lx._top_level_alternatives(r"a|b(?:c|d)|[|]x|[]|]|\|y|\\|[^]|]z") == [
        "a",
        "b(?:c|d)",
        "[|]x",
        "[]|]",
        r"\|y",
        "\\\\",
        "[^]|]z",
    ]
    for table in (lx.ITEMS, lx.SOURCES):
        for pattern in table._patterns:
            parts = lx._top_level_alternatives(pattern)
            assert "|".join(parts) == pattern
            for part in parts:
                re.compile(part, table.flags)


def test_a_key_s_regex_cut_to_the_alternatives_that_open_there_matches_as_the_whole_table():
    """Cut alternatives change no match, nor which entry matches first: an alternative that opens later in its entry,
    one with a digit, a tab or a no-break space in it, and an entry without openings of its own (it may begin
    anywhere) are all still tried where they can match."""
    table = lx.Table(
        [
            ("first", r"alpha\s+beta|bet(?:s|ting)\s+(?:on|against)|in\s+return|\d{2}\s?mm"),
            ("second", r"bet\w*|in(?:side|to)|122\s?mm\s+rounds"),
            ("anywhere", r"\w+\s+think\s+tank"),
        ]
    )
    text = (
        "Alpha\u00a0beta bets on BETTING against, betting in return; into the 122\u00a0mm rounds and 12\tmm, "
        "inside the Seoul think tank, bets."
    )
    low = lx.lower_same_length(text)
    assert lx.folds_like_ignorecase(text)
    starts = [m.start() for m in re.finditer(r"\w+", low)]
    want = [(m.span(), m.lastgroup) for m in table.regex.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in table._match_at(text, low, starts, frozenset(), True)] == want
    assert len(want) >= 8
    regex, _ = table._probed_for_key("bet", frozenset())
    assert "alpha" not in regex.pattern and "return" not in regex.pattern and r"bet\w*" in regex.pattern


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("Some 1,000 containers were shipped, the agency said.", None),  # a figure alone dates nothing
        # a year only: "as of" it is the year's end, or the publication if the year runs up to it (23o)
        ("The total stood at 12,000 troops  as  of 2024, officials said.", dt.date(2024, 11, 20)),
        ("Officials counted 300 shells on 5 ships.", None),
        ("Shipments resumed in 2023 and continued.", dt.date(2023, 12, 31)),  # a period: its last day
    ],
)
def test_a_sentence_without_a_date_word_is_dated_only_by_a_year(sentence, as_of):
    assert timerefs.resolve_as_of(sentence, PUBLISHED) == as_of


def test_since_is_read_only_with_since_from_or_between():
    assert timerefs.resolve_since("Deliveries ran from March to May.", PUBLISHED) == dt.date(2024, 3, 1)
    assert timerefs.resolve_since("Shipments have continued SINCE AUGUST.", PUBLISHED) == dt.date(2024, 8, 1)
    assert timerefs.resolve_since("Some 1,000 containers went by rail in August.", PUBLISHED) is None


@pytest.mark.parametrize("name", ["_CANDIDATE", "_GLUED_STOP"])
def test_sentence_stops_are_found_as_the_plain_scan_finds_them(name):
    from monitor.claims import sentences

    pattern = getattr(sentences, name)
    tricky = [
        "sent to Russia.In a briefing",
        "he said\u201d.Then",
        "it was over!?Now... And then. \u201cNo.\u201d (Yes.) U.S. officials",
        "aa'.Bb and aa.'Cc",
        "x.\u201dAb",
        "Wait . . . what?!  End.",
    ]
    for text in [*(clean(t).work for t in labelled_texts()), *tricky]:
        for start, end in sentences._blocks(text):
            plain = [m.span() for m in pattern.finditer(text, start, end)]
            found = sentences._at_stops(text, start, end)[0 if name == "_CANDIDATE" else 1]
            assert [m.span() for m in found] == plain


def test_lowercasing_folds_as_ignorecase_but_for_three_characters():
    """Stem guards and the amount patterns read the lowercased text in place of re.IGNORECASE: every
    character re matches as an ASCII letter is lowercased to that letter, except the three that
    folds_like_ignorecase looks for (a text holding one is read the plain way)."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = [
        c
        for c in map(chr, range(0x110000))
        if bool(letters.fullmatch(c)) != (lx.lower_same_length(c) in string.ascii_lowercase)
        or (letters.fullmatch(c) and not re.fullmatch(lx.lower_same_length(c), c, re.IGNORECASE))
    ]
    assert odd == sorted(lx._UNFOLDED)
    assert not lx.folds_like_ignorecase("Kabul \u0130stanbul") and lx.folds_like_ignorecase("caf\u00e9 \u212aN-23")


def _lowercase_only(items: Any) -> bool:
    """No capital letter and no inline flag anywhere in a parsed pattern."""
    c = sre_constants
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL) and chr(av) != chr(av).lower():
            return False
        if op is c.IN and not _lowercase_only(av):
            return False
        if op is c.RANGE and any(chr(x) != chr(x).lower() for x in range(av[0], av[1] + 1)):
            return False
        if op is c.SUBPATTERN and (av[1] or av[2] or not _lowercase_only(av[-1])):
            return False
        if op is c.BRANCH and not all(_lowercase_only(alt) for alt in av[1]):
            return False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and not _lowercase_only(av[2]):
            return False
        if op in (c.ASSERT, c.ASSERT_NOT) and not _lowercase_only(av[1]):
            return False
    return True


def test_amounts_read_in_the_lowercased_text_are_the_amounts_of_the_text():
    for twin in quantities._low_patterns():
        assert twin is not None and _lowercase_only(sre_parser.parse(twin.pattern, twin.flags).data)
    odd = "Some tw\u0131nty \u0130ran-made drones and s\u0131x m\u0130ll\u0130on shells, \u017fome 3,000 TROOPS"
    for text in [*(clean(t).work for t in labelled_texts()), odd]:
        low = lx.lower_same_length(text)
        if lx.folds_like_ignorecase(text):
            assert quantities.find_quantities(text, low=low) == quantities.find_quantities(text)
            assert [m.span() for m in quantities._regex_matches(text, 0, len(text), low=low)] == [
                m.span() for m in quantities._QUANTITY.finditer(text)
            ]
        else:
            assert text is odd


def _guarded_cues() -> list[lx.StemGuarded]:
    from monitor.claims import cues, relevance

    return [v for module in (cues, relevance) for v in vars(module).values() if isinstance(v, lx.StemGuarded)]


def test_stem_guarded_cues_find_what_their_patterns_find():
    guarded = _guarded_cues()
    assert len(guarded) >= 10
    odd = "Arms and other mater\u0131el; conta\u0130ners of shells, \u017fince the flood, \u0130ts report: could it?"
    for text in [*(clean(t).work for t in labelled_texts()), odd, odd.upper()]:
        # whole texts, stretches of a sentence's length, and the short windows read before a mention
        stretches = [(0, len(text)), *((p, p + 200) for p in range(0, len(text), 150))]
        stretches += [(max(0, p - 70), p) for p in range(0, len(text), 23)]
        for cue in guarded:
            for start, end in stretches:
                want = cue.regex.search(text, start, end)
                got = cue.search(text, start, end)
                assert (got and got.span()) == (want and want.span()), (cue.pattern, text[start:end])
                assert [m.span() for m in cue.finditer(text, start, end)] == [
                    m.span() for m in cue.regex.finditer(text, start, end)
                ]


def test_lowercasing_keeps_spaces_and_digits_what_they_are():
    """A lowercase twin reads the lowercased text: \\s and \\d must class each character as they class
    its lowercase (\\w is checked above)."""
    space, digit = re.compile(r"\s"), re.compile(r"\d")
    changed = [
        c
        for c in map(chr, range(0x110000))
        if len(c.lower()) == 1
        and (
            bool(space.match(c)) != bool(space.match(c.lower())) or bool(digit.match(c)) != bool(digit.match(c.lower()))
        )
    ]
    assert changed == []


def test_lowercase_twins_are_their_cues_with_letters_lowercased():
    """A twin is its case-insensitive cue with every letter lowercased (escapes, flags and group names
    that lowercasing would change rule a twin out): on text that folds like re.IGNORECASE it matches
    the lowercased text where the cue matches the text (checked on text below)."""
    twins = [(g.pattern, lx.lowercase_twin(g.pattern)) for g in lx._ALL_GATED]
    assert sum(twin is not None for _, twin in twins) >= 20
    for cue, twin in twins:
        if twin is None:
            continue
        assert cue.flags & re.IGNORECASE and not twin.flags & re.IGNORECASE
        letters_lowered = "".join(ch.lower() if ch.isascii() and ch.isalpha() else ch for ch in cue.pattern)
        assert twin.pattern == letters_lowered.replace("(?p<", "(?P<").replace("(?p=", "(?P=")
        assert _lowercase_only(sre_parser.parse(twin.pattern, twin.flags).data), twin.pattern
        assert twin.groupindex == cue.groupindex
    assert lx.lowercase_twin(re.compile(r"\bsaid\b")) is None  # case-sensitive: no twin
    assert lx.lowercase_twin(re.compile(r"\S+\s+said", re.I)) is None  # \S is not \s
    assert lx.lowercase_twin(re.compile(r"(?-i:May)|might", re.I)) is None


def test_gated_cues_read_through_their_twins_give_the_matches_of_the_text():
    """search and finditer of every word-gated cue, on text that folds (its twin is used) and on text
    that does not: the matches of the pattern itself, groups in the text's own case."""
    from monitor.claims import cues
    from monitor.claims.sentences import split_sentences

    gated = [g for g in vars(cues).values() if isinstance(g, lx.Gated)]
    odd = "North Korea sent 3 million shells, the \u0130ntelligence agency said; Moscow den\u0131ed it."
    for text in [
        *(clean(t).work for t in labelled_texts()[::3]),
        odd,
        odd.replace("\u0131", "i").replace("\u0130", "I"),
    ]:
        idx = lx.WordIndex(text, lx.lower_same_length(text))
        assert idx.folds == (text != odd)
        for s, e in split_sentences(text):
            for g in gated:
                want = list(g.pattern.finditer(text, s, e))
                got = g.finditer(idx, s, e)
                assert [(m.span(), m.groupdict(), m.group(0)) for m in got] == [
                    (m.span(), m.groupdict(), m.group(0)) for m in want
                ], (g.pattern.pattern, text[s:e])
                first = g.search(idx, s, e)
                assert ((first.span(), first.group(0)) if first else None) == (
                    (want[0].span(), want[0].group(0)) if want else None
                )


def _begins_with_a_leading_string(low: str, p: int, strings: frozenset[str]) -> bool:
    """What a probe of ``strings`` answers at ``p``, written plainly: "\\x01" is any digit, "\\x02" any whitespace."""

    def fits(ch: str, want: str) -> bool:
        return ch.isdecimal() if want == "\x01" else ch.isspace() if want == "\x02" else ch == want

    return any(len(low) - p >= len(s) and all(fits(low[p + i], want) for i, want in enumerate(s)) for s in strings)


def test_leading_strings_follow_the_pattern_and_stop_where_they_cannot():
    """lx.leading_strings reads a pattern's first characters: words and their endings, classes, repeats, optional
    parts, spaces and digits as classes; a look-around adds nothing; the strings stop short where the pattern can end
    or the walk cannot follow it (\\w, a negated class, a letter outside ASCII, any character)."""
    assert lx._HEAD_LEN == 6
    assert lx.leading_strings(r"\b(?:said|says)\sthat\b") == {"said\x02t", "says\x02t"}
    assert lx.leading_strings(r"\bsaid\s+it") == {"said\x02i", "said\x02\x02"}
    assert lx.leading_strings(r"\bsa(?:y|id)\b") == {"say", "said"}  # a match may end before six characters
    assert lx.leading_strings(r"(?<![\w-])[Tt]he\sNorth(?=\s)") == {"the\x02no"}
    assert lx.leading_strings(r"\d{2,3}\s?mm") == {
        "\x01\x01\x02mm",
        "\x01\x01mm",
        "\x01\x01\x01\x02mm",
        "\x01\x01\x01mm",
    }
    assert lx.leading_strings(r"(?:ab){0,3}c", 0) == {"c", "abc", "ababc", "ababab"}
    assert lx.leading_strings(r"condemn\w*|deplor[^.]") == {"condem", "deplor"}
    assert lx.leading_strings(r"caf\u00e9s?|x.y") == {"caf", "x"}
    assert lx.leading_strings(r"\w+ing") is None and lx.leading_strings(r"(?:very\s+)?\S+") is None


def test_leading_strings_begin_every_match_of_every_cue_and_table_entry():
    """Each probe is a necessary test: at every match of a word-gated cue and of each item and source entry, on the
    written set and on sentences of our own (no-break and wide spaces, digits of other scripts, capitals, endings cut
    short), the article's lowercase begins with one of the pattern's leading strings."""
    from monitor.claims import cues

    gated = [g.pattern for g in vars(cues).values() if isinstance(g, lx.Gated) and g.keys is not None]
    entries = [re.compile(p, table.flags) for table in (lx.ITEMS, lx.SOURCES) for p in table._patterns]
    own = (
        "The\u00a0North sent \u0661\u0662\u0662\u00a0mm rockets; the KN-23\u2003missiles, SAID THE\tUS intelligence, "
        "went\u00a0on\u00a0Monday by rail. In\u00a0exchange, Moscow sent oil and \u0663,000 tonnes of food, Kim "
        "Jong\u00a0Un told the U.S.\u00a0government, which had denied\u3000it."
    )
    probes = [(pattern, lx.leading_strings(pattern.pattern, pattern.flags)) for pattern in gated + entries]
    assert all(strings is not None for _, strings in probes), [p.pattern for p, strings in probes if strings is None]
    for text in [*(clean(t).work for t in labelled_texts()), own, own.upper(), own.lower()]:
        low = lx.lower_same_length(text)
        assert lx.folds_like_ignorecase(text)
        for pattern, strings in probes:
            for m in pattern.finditer(text):
                assert _begins_with_a_leading_string(low, m.start(), strings), (pattern.pattern, m.group(0))


def test_probed_tables_and_cues_match_as_their_patterns_where_a_space_or_digit_opens_an_entry():
    """The tables' and the cues' probes read whitespace and digits as classes: entries and cues whose first six
    characters hold a no-break space, a wide space or a tab are found as their patterns find them. (Digits of other
    scripts are left out: the word walk files a table's candidates under ASCII digits only, as before the probes.)"""
    from monitor.claims import cues
    from monitor.claims.sentences import split_sentences

    text = (
        "The\u00a0U.S. government said the\u00a0North sent 3,000\u00a0troops and 122\u00a0mm rockets; in\u00a0exchange "
        "Moscow sent\toil, said\u00a0the ministry. Kim\u00a0Jong\u00a0Un, the\u2003Kremlin and 152\u2003mm "
        "shells: in\u2003return, the U.S.\u00a0intelligence agencies said."
    )
    for work in (text, text.upper()):
        idx = lx.WordIndex(work, lx.lower_same_length(work))
        assert idx.folds
        for table in (lx.ITEMS, lx.SOURCES):
            want = [(m.span(), m.lastgroup) for m in table.regex.finditer(work)]
            assert [(m.span(), m.lastgroup) for m in table.finditer_indexed(idx)] == want
        assert len([m for m in lx.SOURCES.finditer_indexed(idx) if "\u00a0" in m.group(0)]) >= 2
        for g in (g for g in vars(cues).values() if isinstance(g, lx.Gated)):
            for s, e in split_sentences(work):
                want_cue = [(m.span(), m.group(0)) for m in g.pattern.finditer(work, s, e)]
                assert [(m.span(), m.group(0)) for m in g.finditer(idx, s, e)] == want_cue, g.pattern.pattern


def test_the_hedge_words_and_may_read_apart_give_the_matches_of_one_pattern():
    """cues.G_HEDGE reads the hedge words (through their twin) and a lower-case "may" as two cues: search and
    finditer give what one alternation of both, "may" case-sensitive, gives, on the written set and on sentences
    of our own where the two stand side by side, in capitals, or as "maybe" and the month. (A word whose first three letters hold
    a long s is not filed under its key when the article does not fold, "po\u017fsibly": as before the split.)"""
    from monitor.claims import cues
    from monitor.claims.sentences import split_sentences

    both = re.compile(cues.HEDGE.pattern + "|(?-i:" + cues.HEDGE_MAY.pattern + ")", re.IGNORECASE)
    own = (
        "Officials may have seen the crates, which were reportedly unloaded in May and maybe again in June.\n\n"
        "THE ENVOY MAY BE RIGHT: analysts believe the shells may not work, though it may well be so.\n\n"
        "Pyongyang may\u00a0may send more, the ministry said; perhaps it may, the agency was said to think.\n\n"
        "The \u0130ntelligence service may be wrong, it poss\u0131bly said, po\u017fsibly not, and the ministry m\u0430y agree."
    )
    for text in [*(clean(t).work for t in labelled_texts()), own]:
        idx = lx.WordIndex(text, lx.lower_same_length(text))
        for s, e in split_sentences(text):
            want = [(m.span(), m.group(0)) for m in both.finditer(text, s, e) if m.group(0) != "po\u017fsibly"]
            assert [(m.span(), m.group(0)) for m in cues.G_HEDGE.finditer(idx, s, e)] == want, text[s:e]
            first = cues.G_HEDGE.search(idx, s, e)
            assert ((first.span(), first.group(0)) if first else None) == (want[0] if want else None), text[s:e]
    idx = lx.WordIndex(own, lx.lower_same_length(own))
    assert [m.group(0) for m in cues.G_HEDGE.finditer(idx, 0, own.index("\n"))] == ["may", "reportedly", "maybe"]


def test_the_unasserted_table_without_its_the_branches_gives_the_same_clauses():
    """cues.unasserted leaves out the two branches that open with "the" where none of their stems is in the
    sentence: no other branch can open with "the", and it gives what the whole table gives, on the written set and
    on sentences of our own with the branches in any case, beside a dotless or dotted i, or absent."""
    from monitor.claims import cues
    from monitor.claims.sentences import split_sentences

    assert cues.G_UNASSERTED.keys is not None and cues.G_UNASSERTED_NOT_THE.keys is not None
    assert "the" in cues.G_UNASSERTED.keys and "the" not in cues.G_UNASSERTED_NOT_THE.keys
    own = [
        "The possibility of more convoys was raised; officials theorised that crews might follow.",
        "THE VERY PROSPECT OF SHIPMENTS WORRIED THEM, AND THE ENVOY THEORIZED THAT TRAINS COULD RUN.",
        "Then the likelihood for a deal grew, and the potential of the rail link was weighed.",
        "The possib\u0131lity of a transfer was discussed, and the North may want jets.",
        "The \u0130nstitute said the ministry is seeking drones from the factories there.",
        "They said the trucks carried shells to the border, and the talks on supplies went on.",
    ]
    for text in [*(clean(t).work for t in labelled_texts()), *own]:
        idx = lx.WordIndex(text, lx.lower_same_length(text))
        for s, e in split_sentences(text):
            want = [(m.span(), m.group(0)) for m in cues.G_UNASSERTED.finditer(idx, s, e)]
            assert [(m.span(), m.group(0)) for m in cues.unasserted(idx, s, e, idx.low[s:e])] == want, text[s:e]
    found = [m.group(0) for m in cues.unasserted(lx.WordIndex(own[0], own[0].lower()), 0, len(own[0]), own[0].lower())]
    assert found == ["The possibility of", "theorised"]


def test_a_remembered_cue_answers_for_the_article_it_is_asked_about():
    """cues.MemoCue remembers a search per stretch of the last article read: asked again, it gives the same match,
    and asked about another article's index, even one with the same text at the same offsets, it reads that one."""
    from monitor.claims import cues

    first = "Seoul condemned the shipment of shells. The trains ran all week."
    other = "The ministry said nothing of the trains. Seoul condemned the shipment of shells."
    memo = cues.MemoCue(cues.G_CONDEMN_CUE)
    idx = lx.WordIndex(first, first.lower())
    found = memo.search(idx, 0, 39)
    assert found is not None and found.group(0) == "condemned"
    assert memo.search(idx, 0, 39) is found
    assert memo.search(idx, 40, len(first)) is None
    assert memo.search(lx.WordIndex(other, other.lower()), 0, 39) is None
    again = lx.WordIndex(first, first.lower())
    assert memo.search(again, 0, 39).string is first  # type: ignore[union-attr]
    assert memo.search(idx, 0, 39) is not found  # the first index read anew, its memo gone


def test_patterns_read_through_their_twins_give_the_matches_of_the_text():
    """The patterns read in a lowercase (lx.Twinned: the date patterns in a sentence's, the clause and transfer
    patterns in the article's): search and finditer give the pattern's own matches, groups in the text's case,
    on text that folds and (read plainly) on text that does not."""
    from monitor.claims import cues, relevance
    from monitor.claims.sentences import split_sentences

    def twinned(module: Any) -> list[lx.Twinned]:
        return [v for v in vars(module).values() if isinstance(v, lx.Twinned)]

    assert len(twinned(timerefs)) >= 5 and len(twinned(cues)) >= 3 and len(twinned(relevance)) >= 2
    odd = "Since M\u0130d-March, between May and June 2024, \u017fince last month as of today, yesterday, which"
    plain = odd.replace("\u0130", "I").replace("\u017f", "s")
    for text in [*(clean(t).work for t in labelled_texts()[::2]), odd, plain]:
        whole = lx.twin_subject(text, text.lower())
        for s, e in split_sentences(text):
            sentence = text[s:e]
            low = lx.twin_subject(sentence, sentence.lower())
            assert (low is None) == ("\u0130" in sentence or "\u017f" in sentence)
            readings = [(t, sentence, low, 0, len(sentence)) for t in twinned(timerefs)]
            readings += [(t, text, whole, s, e) for t in twinned(cues) + twinned(relevance)]
            for t, subject, folded, start, end in readings:
                want = [(m.span(), m.groupdict(), m.group(0)) for m in t.pattern.finditer(subject, start, end)]
                got = t.finditer(subject, folded, start, end)
                assert [(m.span(), m.groupdict(), m.group(0)) for m in got] == want, t.pattern.pattern
                first = t.search(subject, folded, start, end)
                assert ((first.span(), first.groupdict(), first.group(0)) if first else None) == (
                    want[0] if want else None
                )


def test_a_cue_without_groups_is_its_twin_s_span_read_in_the_text_s_case():
    """A gated cue without groups gives, once its twin has matched in the lowercase, the span the twin matched
    read from the text (no second case-blind match): the pattern's own span, look-aheads left out, letters as
    the text has them; a cue with groups is still matched in the text, its groups read there."""
    from monitor.claims import cues

    text = "Analysts ANALYZED that rockets moved, Kyiv Has Learned of it, and the ministry Recalls. Few did."
    idx = lx.WordIndex(text, lx.lower_same_length(text))
    assert idx.folds and cues.ATTRIBUTION.groups == 0
    want = [(m.span(), m.group(0)) for m in cues.ATTRIBUTION.finditer(text)]
    assert [g for _, g in want] == ["ANALYZED", "Has Learned", "Recalls"]
    assert [(m.span(), m.group(0)) for m in cues.G_ATTRIBUTION.finditer(idx, 0, len(text))] == want
    first = cues.G_ATTRIBUTION.search(idx, 10, len(text))
    assert first is not None and (first.span(), first.group(0)) == want[1]
    grouped = lx.Gated(re.compile(r"\b(?P<verb>said|told)\s+(?P<whom>\w+)", re.IGNORECASE))
    idx = lx.WordIndex("They TOLD Seoul.", "they told seoul.")
    assert [m.groupdict() for m in grouped.finditer(idx, 0, 16)] == [{"verb": "TOLD", "whom": "Seoul"}]


def test_a_statement_day_is_looked_for_only_beside_a_verb_of_saying():
    """statement_date runs its long pattern only where a verb of saying or "according" is: every match holds
    one (checked on the written set), and "according" is matched in any case, the dotted capital I too."""
    from monitor.claims.sentences import split_sentences

    for text in (clean(t).work for t in labelled_texts()):
        for s, e in split_sentences(text):
            m = timerefs._STATEMENT_DAY.search(text, s, e)
            if m is not None:
                assert any(stem in m.group(0).lower() for stem in timerefs._SAYING_STEMS), m.group(0)
    published = dt.date(2024, 11, 22)
    for according in ("ACCORD\u0130NG", "according"):
        sentence = f"Shells arrived, {according} to officials on Monday."
        assert timerefs.statement_date(sentence, published) == dt.date(2024, 11, 18), according


def test_a_statement_day_is_matched_only_where_one_can_begin():
    """timerefs._statement_day tries the long pattern only at the word starts its branches open with (a verb of
    saying, "on" and a weekday, a weekday, "according" in any case) and gives what a search of the whole sentence
    gives: on the written set, and on sentences of our own where a match opens at each kind of start."""
    from monitor.claims.sentences import split_sentences

    own = [
        "A defence ministry spokesman on Tuesday said the crates had been unloaded.",
        "The ministry Thursday confirmed that the shipment had left, officials said.",
        "ACCORDING to two diplomats briefed on the matter on Friday, trains carried the rockets.",
        "The analysts, who told a briefing yesterday that shells moved, said on the 3rd that more followed.",
        "Officials announced in late March 2024 that a convoy crossed, and denied it Sunday.",
        "Nothing here is dated: the envoy said little, once, in passing.",
        "Acccording to nobody on Monday; said\u00a0on\u00a0Monday with odd spaces.",
    ]
    sentences = [text[s:e] for text in (clean(t).work for t in labelled_texts()) for s, e in split_sentences(text)]
    for sentence in sentences + own:
        want = timerefs._STATEMENT_DAY.search(sentence)
        got = timerefs._statement_day(sentence)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), sentence
    assert all(timerefs._statement_day(sentence) for sentence in own[:5])


def test_a_date_line_is_read_by_its_twin_as_by_the_pattern():
    """textclean._is_date_line (the date-line pattern's lowercase twin in the line's lowercase) answers as the
    pattern does with re.IGNORECASE: dates and times in any case, clock times that open prose, and lines with a
    dotless or dotted i or a long s, which the twin leaves to the pattern."""
    from monitor.claims import textclean

    lines = [
        "Updated 14:02 GMT, Tue 3 Sept 2024",
        "PUBLISHED ON 12TH MARCH 2025 AT 9.30 A.M.",
        "2025-03-12T09:30:00+09:00",
        "last  updated 3 hours ago",
        "Fr\u0131 12 Jan 2024",
        "\u0130N 2023",
        "Mon\u017fday 5 May",
        "Wed 10 July 2024 \u00b7 4 min read",
        "08:40 - Convoys of lorries were seen at the border crossing overnight.",
        "17:25 KST - The ministry declined to comment.",
        "Thu 7 Nov",
        "In 2024",
    ]
    for line in lines + [line.upper() for line in lines] + [line.lower() for line in lines]:
        assert textclean._is_date_line(line) == bool(textclean._DATE_LINE.match(line)), line
    assert textclean._is_date_line("Updated 14:02 GMT, Tue 3 Sept 2024")
    assert not textclean._is_date_line("08:40 - Convoys of lorries were seen at the border crossing overnight.")


def test_window_cues_find_what_their_patterns_find():
    """The cues read in a short stretch before or after a mention (mentions.WindowCue: a substring test for the
    words they need in the article's lowercase, then their lowercase twin) give the pattern's own first match,
    on articles that fold like re.IGNORECASE and on articles that do not (dotless and dotted i, long s)."""
    from monitor.claims import drafts, kinds, mentions
    from monitor.claims.document import read_document

    windowed = [v for m in (mentions, kinds, drafts) for v in vars(m).values() if isinstance(v, mentions.WindowCue)]
    assert len(windowed) >= 15
    odd = (
        "Rather than be taken pr\u0131soner, the \u0130ntelligence agency said 2,000 RUSSIAN TROOPS, among them "
        "officers, were in a conta\u0131ner of \u017fhells; its \u0131nventory included 185 jets, a l\u0131mit of "
        "500 drones; the KN-23 was \u017fome of the weapons used."
    )
    documents = [read_document(clean(text), PUBLISHED) for text in [*labelled_texts()[::2], odd, odd.upper()]]
    # cleaning folds those characters (textclean), so a document that keeps them is made from its text as it is
    for text in (odd, odd.upper()):
        cleaned = clean(text)
        assert len(cleaned.work) == len(text) and cleaned.work != text
        documents.append(read_document(dataclasses.replace(cleaned, work=text), PUBLISHED))
    assert sum(doc.folded is None for doc in documents) == 2
    for doc in documents:
        # stretches that end where a word starts (as before a mention) or start where one ends (after it)
        starts = [m.start() for m in re.finditer(r"\b\w", doc.work)]
        stretches = [(max(0, p - width), p) for p in starts for width in (12, 30, 70)]
        stretches += [(m.end(), min(len(doc.work), m.end() + 40)) for m in re.finditer(r"\w\b", doc.work)]
        for cue in windowed:
            for start, end in stretches:
                want = cue.pattern.search(doc.work, start, end)
                got = cue.search(doc, start, end)
                assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0))), (
                    cue.pattern.pattern,
                    doc.work[start:end],
                )


def test_the_caption_guard_words_are_those_the_lexicon_works_out_and_miss_no_caption() -> None:
    """textclean writes out the words a caption's "in this photo released by" needs (it runs where the lexicon
    is not loaded); they must be the ones the lexicon works out, and the guard must not hide a caption whose
    word re matches only case-insensitively."""
    from monitor.claims import textclean

    assert textclean._CAPTION_SAYS_STEMS == lx.required_stems(
        textclean._CAPTION_SAYS.pattern, textclean._CAPTION_SAYS.flags
    )
    for line in (
        "In this photo released by the agency, a launcher rolls past",
        "In this handout p\u0131cture provided by the ministry, rockets stand on a quay",
        "IN THIS \u0130MAGE TAKEN FROM VIDEO, A TRAIN CROSSES THE BRIDGE",
    ):
        assert textclean.is_caption(line) == bool(textclean._CAPTION_SAYS.search(line)) is True
    assert not textclean.is_caption("Officials said the shipment left the port on Monday.")


def test_the_share_patterns_stem_test_stands_for_both_unkeyed_share_cues():
    """statements.supply_share tests the share stems once for G_SHARE and G_SHARE_ITS: that is exact only
    while both are guarded by their stems (not tried at word starts) and by the same ones."""
    from monitor.claims import cues

    assert cues.G_SHARE.keys is None and cues.G_SHARE_ITS.keys is None
    assert cues.G_SHARE.stems == cues.G_SHARE_ITS.stems


def test_the_relevance_readings_of_an_indexed_article_are_the_plain_ones():
    """classify_clean reads a sentence's cues of something else than the subject and its topic words at their word
    starts (lx.Gated), and a launch or a move of the North's in the article's lowercase: each reading gives what the
    plain search of the sentence gives, on the written set and on sentences of our own that hold the launch verbs'
    look-alikes ("first", "confirmed"), a launch, a cue in capitals and a dotted capital I."""
    from monitor.claims import relevance
    from monitor.claims.sentences import split_sentences

    own = (
        "North Korea first sent shells to Russia, officials confirmed, and the firm denied it.\n\n"
        "North Korea test-fired two missiles into the sea on Friday, days after Kim met Putin.\n\n"
        "THE DELEGATION WAS GIVEN A PARADE OF MISSILES; Pyongyang's envoy delivered a letter to Moscow.\n\n"
        "Hackers from the North stole the plans of Russian rockets, the \u0130ntelligence agency said.\n\n"
        "Russia's need for shells grew as North Korea fired artillery at Ukraine, a statement said."
    )
    for text in [*(clean(t).work for t in labelled_texts()), own]:
        idx = lx.WordIndex(text, lx.lower_same_length(text))
        folded = idx.low if idx.folds else None
        for s, e in split_sentences(text):
            for war in (False, True):
                plain = relevance._not_the_subject(text, s, e, war)
                assert relevance._not_the_subject(text, s, e, war, idx) == plain, text[s:e]
            indexed = relevance._topic_words(text, s, e, idx)
            assert [m.span() for m in indexed] == [m.span() for m in relevance._topic_words(text, s, e)]
            for reading in (relevance._own_launch, relevance._cyber, relevance._wanted):
                assert reading(text, s, e, folded) == reading(text, s, e), (reading.__name__, text[s:e])
    launched = own.split("\n\n")[1]
    assert relevance._own_launch(launched, 0, len(launched), launched.lower())
