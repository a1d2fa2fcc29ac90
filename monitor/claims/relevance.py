"""Is an article about arms, munitions, troops or military technology moving between North
Korea and Russia? Not merely North Korea, not merely Russia.

Proximity, not a bag of words. Each sentence is marked for three things: the North Korean side,
the Russian side (Russia, its leaders, Kursk; the war in Ukraine counts for less, since North
Korean arms there are Russia's), and the subject matter (weapons, munitions, troops, military
technology, or a transfer: sent, supplied, in exchange...).

* a sentence with all three is strong evidence (weight 1);
* two neighbouring sentences that only together have all three are weaker evidence (0.7);
* a title with all three weighs 1.2; a title with one side and the subject, whose other side
  turns up in the opening sentences, 0.5;
* in a long article (10+ sentences) where under a tenth of the sentences are on the subject
  and the title is not, the mentions are in passing and count for 0.6 of their weight.

score = 1 - exp(-weight); relevant at 0.5 and above: one strong sentence or a strong title is
enough, a lone passing mention is not. The sentences that earned the score are the evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from monitor.claims import lexicon as lx
from monitor.claims.sentences import split_sentences
from monitor.claims.textclean import _FOLD as _TEXT_FOLDS
from monitor.claims.textclean import CleanText, clean, looks_like_html

__all__ = ["THRESHOLD", "Relevance", "classify", "classify_clean", "could_be_relevant"]

#: Score at or above which an article is relevant.
THRESHOLD = 0.5
_MAX_EVIDENCE = 5
_TITLE_WEIGHT = 1.2
_NEAR_WEIGHT = 0.7
_WAR_STRONG_WEIGHT = 0.7  # NK + the war in Ukraine + arms, but Russia not named
_TITLE_PARTIAL_WEIGHT = 0.5
_ELSEWHERE_WEIGHT = 0.35  # both sides and the subject, but the arms are a third country's or go to Ukraine
_LONG_ARTICLE = 10  # sentences
_MIN_SHARE = 0.1  # of its sentences that must be on the topic, or the mentions are in passing
_PASSING_FACTOR = 0.6

# The subject matter: what moves, or the moving itself.
_TOPIC = re.compile(
    r"\b(?:shells?|rounds|munitions?|ammunition|ammo|artillery|weapons?|weaponry|arms|missiles?|rockets?"
    r"|KN-?2[345]|Hwas(?:e?o)ng-?11\w*|Koksan|howitzers?|launchers?|MRLs?|containers?|troops|soldiers|servicemen"
    r"|special\s+forces|forces|units|brigades?|deminers|sappers|engineers|builders|workers|labou?rers|officers"
    r"|military\s+(?:equipment|hardware|cooperation|aid|assistance|support|technology|ties|alliance|pact|cargo|gear|supplies)|lethal\s+aid"
    # an army placed in the war: "the DPRK military near Kursk"
    r"|(?:military|army)(?=\s+(?:near|in|inside|at|around)\s+(?:the\s+)?(?:Kursk|Russia|Russian|front))"
    r"|technolog(?:y|ies)|know-how|satellites?|air[- ]defen[cs]e|Pantsir|electronic\s+warfare|fighter\s+jets|MiG-?\d\ds?|Su-?\d\ds?|radars?|Buk"
    r"|submarines?|oil|barrels|food|casualties|killed|wounded|captured|prisoners?|POWs?|deployment|deployed|deploy"
    r"|sen[dt]|sending|shipped|shipments?|suppl(?:y|ies|ied|ying)|transfers?|transferred|deliver(?:ed|ies|y)"
    r"|provid(?:ed|es|ing)|exported|exports?|in\s+(?:exchange|return)|arms\s+deal|drones?|given|gave|giving|handed|received|receiving)\b",
    re.IGNORECASE,
)


# A third supplier: "Tehran has supplied Russia with drones" is Russia's arms, not North Korea's.
_THIRD_SUPPLIER = lx.StemGuarded(
    re.compile(r"\b(?:Iran(?:ian|'s)?|Tehran|China|Chinese|Beijing|Belarus(?:ian)?|Minsk)\b")
)
# Arms for the other side: "Seoul will reconsider supplying weapons to Ukraine".
_TO_UKRAINE = re.compile(
    r"\b(?:suppl\w*|sen[dt]\w*|provid\w*|deliver\w*|ship\w*|export\w*|weapons?|arms|aid|equipment)\b[^.;]{0,40}?\b(?:to|for)\s+(?:Ukraine|Kyiv|Kiev)\b",
    re.IGNORECASE,
)
# North Korea (or its arms, its soldiers) as the one that moves something: the topic proper.
_NK_MOVES = re.compile(
    r"\b(?:North\s+Korea(?:n|'s)?|Pyongyang(?:'s)?|the\s+North|Kim(?:\s+Jong\s+Un)?|DPRK|KPA)\b(?:(?!\bnot\b|\bnever\b|n't\b)[^.;]){0,60}?\b(?:sen[dt]\w*|suppl\w*|ship\w*|deliver\w*"
    r"|provid\w*|transfer\w*|deploy\w*|dispatch\w*|export\w*|sold|sell\w*|arm(?:s|ed|ing)\b|fir(?:e|ed|ing)|fight\w*|fought|received?|receiving)\b"
    r"|\b(?:North\s+Korean|Pyongyang's)\s+(?:[\w-]+\s+)?(?:shells|missiles|rounds|munitions|troops|soldiers|weapons|arms)\b",
    re.IGNORECASE,
)


# The two read over whole sentences, in the article's lowercase where it folds (lx.Twinned).
_TO_UKRAINE_T = lx.Twinned(_TO_UKRAINE)
_NK_MOVES_T = lx.Twinned(_NK_MOVES)


def _elsewhere(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """Both sides and the subject are named, but the arms are a third country's or go to
    Ukraine, and North Korea moves nothing (a parade in Beijing, Seoul's reaction to the pact).
    ``folded``: the lowercase of ``text`` when it folds like re.IGNORECASE (WordIndex.low), else None."""
    low = text[start:end].lower()
    third = bool(_THIRD_SUPPLIER.search(text, start, end))
    if not third and not any(w in low for w in ("ukrain", "kyiv", "kiev")):
        return False
    if not third and not _TO_UKRAINE_T.search(text, folded, start, end):
        return False
    return not _NK_MOVES_T.search(text, folded, start, end)


@dataclass(frozen=True)
class Relevance:
    """The verdict, its score in [0, 1], and the sentences that earned it."""

    relevant: bool
    score: float
    evidence: list[str] = field(default_factory=list)


_TOPIC_GATED = lx.Gated(_TOPIC)
#: The folds the classifier applies to a title: curly single quotes made straight.
_TITLE_QUOTES = {"\u2019": "'", "\u2018": "'"}


def _fold_title(title: str) -> str:
    for curly, straight in _TITLE_QUOTES.items():  # str.replace: translate is slower per character
        title = title.replace(curly, straight)
    return title


def _flags(text: str, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    nk = bool(lx.NK.search(text, start, end))
    ru = bool(lx.RU.search(text, start, end))
    war = bool(lx.WAR.search(text, start, end))
    topic = bool((nk or ru or war) and _TOPIC.search(text, start, end))
    return nk, ru, war, topic


def _indexed_flags(idx: lx.WordIndex, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    """:func:`_flags` of one sentence, looked up in the article's word index."""
    nk, ru, war = lx.sides_named(idx, start, end)
    topic = (nk or ru or war) and _TOPIC_GATED.search(idx, start, end) is not None
    return nk, ru, war, topic


def classify_clean(
    title: str | None, doc: CleanText, spans: list[tuple[int, int]] | None = None, idx: lx.WordIndex | None = None
) -> Relevance:
    """:func:`classify` for an article already cleaned (and possibly already split and indexed)."""
    work = doc.work
    if spans is None:
        spans = split_sentences(work)
    if idx is None:
        idx = lx.WordIndex(work, lx.lower_same_length(work))
    flags = [_indexed_flags(idx, s, e) for s, e in spans]  # topic is only looked for where a side is named
    folded = idx.low if idx.folds else None
    weight = 0.0
    strong: list[int] = []
    near: list[int] = []
    for i, (nk, ru, war, topic) in enumerate(flags):
        if nk and ru and topic:
            # The sides and the subject together, but the arms are China's or Iran's, or go to
            # Ukraine, and North Korea moves nothing: a passing mention (a parade, a reaction).
            elsewhere = _elsewhere(work, *spans[i], folded)
            weight += _ELSEWHERE_WEIGHT if elsewhere else 1.0
            strong.append(i)
        elif nk and war and topic:
            weight += _WAR_STRONG_WEIGHT
            strong.append(i)
    # Two neighbouring sentences that only together name both sides and the subject
    # ("Moscow delivered air-defence systems. They were given to Pyongyang.").
    taken = set(strong)
    for i in range(len(flags) - 1):
        if i in taken or i + 1 in taken:
            continue
        a, b = flags[i], flags[i + 1]
        if (a[0] or b[0]) and (a[1] or b[1]) and (a[3] or b[3]):
            # The subject matter must not come only from a sentence about another supplier
            # ("Tehran supplied Russia with drones. Unlike Moscow's treaty with North Korea...").
            topical = [j for j, f in ((i, a), (i + 1, b)) if f[3]]
            if all(not flags[j][0] and _THIRD_SUPPLIER.search(work, *spans[j]) for j in topical):
                continue
            # ... or the other sentence names North Korea without it moving anything
            # ("Iran sent Russia drones. Unlike North Korea, it has not sent soldiers.").
            third = [j for j in (i, i + 1) if not flags[j][0] and _THIRD_SUPPLIER.search(work, *spans[j])]
            if third and not any(flags[j][0] and _NK_MOVES_T.search(work, folded, *spans[j]) for j in (i, i + 1)):
                continue
            weight += _NEAR_WEIGHT
            near.extend(j for j in (i, i + 1) if j not in near)
    title_hit = False
    if title:
        t = _fold_title(title)
        nk, ru, war, topic = _flags(t, 0, len(t))
        elsewhere_title = _elsewhere(t, 0, len(t))
        if nk and (ru or war) and topic:
            weight += _TITLE_WEIGHT if ru else _TITLE_WEIGHT * _WAR_STRONG_WEIGHT
            if elsewhere_title:
                weight -= _TITLE_WEIGHT * (1 - _ELSEWHERE_WEIGHT)  # "Xi, Putin and Kim watch parade of missiles"
            title_hit = True
        elif topic and (nk or ru) and flags:
            # The title names one side and the subject; the opening sentences name the other.
            opening = flags[:3]
            if (nk and any(f[1] for f in opening)) or (ru and any(f[0] for f in opening)):
                weight += _TITLE_PARTIAL_WEIGHT * (_ELSEWHERE_WEIGHT if elsewhere_title else 1.0)
                title_hit = True
    # One passing mention in a long article about something else (Iranian drones, a missile
    # test) is not what the article is about: without a title to back it, it counts for less.
    if not title_hit and len(flags) >= _LONG_ARTICLE and len(strong) + len(near) < _MIN_SHARE * len(flags):
        weight *= _PASSING_FACTOR
    score = round(1.0 - math.exp(-weight), 4)
    chosen = (strong + near)[:_MAX_EVIDENCE]
    evidence = [doc.source[spans[i][0] : spans[i][1]] for i in sorted(chosen)]
    if title and title_hit and len(evidence) < _MAX_EVIDENCE and title not in evidence:
        evidence.insert(0, title)
    return Relevance(score >= THRESHOLD, score, evidence)


def classify(title: str | None, text: str) -> Relevance:
    """Relevance of one article (plain text or HTML) to North Korea-Russia arms transfers."""
    return classify_clean(title, clean(text))


# -- the gate: can this article score at all? -----------------------------------------------

# What re.IGNORECASE matches as an ASCII letter besides the letter itself (dotted and dotless
# i, long s, the Kelvin sign), folded so that a substring test agrees with the regex.
_IGNORECASE_EXTRAS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


class _Folder:
    """A one-for-one character fold as one regex pass (str.translate costs ~0.25 us a character
    on non-ASCII text, more than the rest of the gate)."""

    def __init__(self, folds: dict[str, str]) -> None:
        self._folds = folds
        self._foldable = re.compile("[" + re.escape("".join(folds)) + "]")

    def __call__(self, text: str) -> str:
        return self._foldable.sub(lambda m: self._folds[m.group()], text)


@lru_cache(maxsize=1)
def _gate_tables() -> tuple[_Folder, _Folder, tuple[tuple[str, ...] | None, ...]]:
    """What the gate needs, built on first use: the folds the classifier applies to the title and
    to the text, plus the IGNORECASE extras; and the stems of the Russian side, the war in
    Ukraine, the North Korean side and the subject. Every match of a pattern contains one of
    its stems (:func:`lexicon.required_stems`); None: no such stems, the gate cannot rule it out."""
    title = _Folder(_IGNORECASE_EXTRAS)  # after _fold_title
    text = _Folder({chr(code): value for code, value in _TEXT_FOLDS.items()} | _IGNORECASE_EXTRAS)
    stems = tuple(lx.required_stems(p.pattern, p.flags) for p in (lx.RU, lx.WAR, lx.NK, _TOPIC))
    return title, text, stems


def _named(stems: tuple[str, ...] | None, low: str) -> bool:
    return stems is None or any(map(low.__contains__, stems))


def could_be_relevant(title: str | None, text: str) -> bool:
    """False only for an article that :func:`classify` scores 0 with no evidence.

    Every way an article earns weight needs the North Korean side, the Russian side (or the
    war in Ukraine) and the subject matter somewhere in the title or the text, so this looks
    for their stems only, with substring tests over one lowercased copy of both: tens of
    microseconds, against one to two milliseconds for the full analysis. The copy is folded
    as the classifier folds what it reads (the title's quotes; the text as
    :func:`textclean.clean` folds it, residue lines kept, which can only add stems). HTML is
    passed through: extracting its text is the classifier's job.
    """
    if looks_like_html(text):
        return True
    fold_title, fold_text, (ru, war, nk, topic) = _gate_tables()
    low = f"{fold_title(_fold_title(title)) if title else ''}\n{fold_text(text)}".lower()
    return (_named(ru, low) or _named(war, low)) and _named(nk, low) and _named(topic, low)
