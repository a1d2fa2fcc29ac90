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

from monitor import lexicon as lx
from monitor.sentences import split_sentences
from monitor.textclean import CleanText, clean

__all__ = ["THRESHOLD", "Relevance", "classify", "classify_clean"]

#: Score at or above which an article is relevant.
THRESHOLD = 0.5
_MAX_EVIDENCE = 5
_TITLE_WEIGHT = 1.2
_NEAR_WEIGHT = 0.7
_WAR_STRONG_WEIGHT = 0.7  # NK + the war in Ukraine + arms, but Russia not named
_TITLE_PARTIAL_WEIGHT = 0.5
_LONG_ARTICLE = 10  # sentences
_MIN_SHARE = 0.1  # of its sentences that must be on the topic, or the mentions are in passing
_PASSING_FACTOR = 0.6

# The subject matter: what moves, or the moving itself.
_TOPIC = re.compile(
    r"\b(?:shells?|rounds|munitions?|ammunition|ammo|artillery|weapons?|weaponry|arms|missiles?|rockets?"
    r"|KN-?2[345]|Hwasong-?11\w*|Koksan|howitzers?|launchers?|MRLs?|containers?|troops|soldiers|servicemen"
    r"|special\s+forces|forces|units|brigades?|deminers|sappers|engineers|builders|workers|labou?rers|officers"
    r"|military\s+(?:equipment|hardware|cooperation|aid|assistance|support|technology|ties|alliance|pact)"
    r"|technolog(?:y|ies)|know-how|satellites?|air[- ]defen[cs]e|Pantsir|electronic\s+warfare|fighter\s+jets|MiG-?29|Su-?27"
    r"|submarines?|oil|barrels|food|casualties|killed|wounded|captured|prisoners?|deployment|deployed|deploy"
    r"|sen[dt]|sending|shipped|shipments?|suppl(?:y|ies|ied|ying)|transfers?|transferred|deliver(?:ed|ies|y)"
    r"|provid(?:ed|es|ing)|exported|exports?|in\s+(?:exchange|return)|arms\s+deal|drones?|given|gave|giving|handed|received|receiving)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Relevance:
    """The verdict, its score in [0, 1], and the sentences that earned it."""

    relevant: bool
    score: float
    evidence: list[str] = field(default_factory=list)


def _flags(text: str, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    nk = bool(lx.NK.search(text, start, end))
    ru = bool(lx.RU.search(text, start, end))
    war = bool(lx.WAR.search(text, start, end))
    topic = bool((nk or ru or war) and _TOPIC.search(text, start, end))
    return nk, ru, war, topic


def classify_clean(title: str | None, doc: CleanText, spans: list[tuple[int, int]] | None = None) -> Relevance:
    """:func:`classify` for an article already cleaned (and possibly already split)."""
    work = doc.work
    if spans is None:
        spans = split_sentences(work)
    flags = [_flags(work, s, e) for s, e in spans]  # topic is only looked for where a side is named
    weight = 0.0
    strong: list[int] = []
    near: list[int] = []
    for i, (nk, ru, war, topic) in enumerate(flags):
        if nk and ru and topic:
            weight += 1.0
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
            weight += _NEAR_WEIGHT
            near.extend(j for j in (i, i + 1) if j not in near)
    title_hit = False
    if title:
        t = title.translate(str.maketrans({"\u2019": "'", "\u2018": "'"}))
        nk, ru, war, topic = _flags(t, 0, len(t))
        if nk and (ru or war) and topic:
            weight += _TITLE_WEIGHT if ru else _TITLE_WEIGHT * _WAR_STRONG_WEIGHT
            title_hit = True
        elif topic and (nk or ru) and flags:
            # The title names one side and the subject; the opening sentences name the other.
            opening = flags[:3]
            if (nk and any(f[1] for f in opening)) or (ru and any(f[0] for f in opening)):
                weight += _TITLE_PARTIAL_WEIGHT
                title_hit = True
    # One passing mention in a long article about something else (Iranian drones, a missile
    # test) is not what the article is about: without a title to back it, it counts for less.
    if not title_hit and len(flags) >= _LONG_ARTICLE and len(strong) + len(near) < _MIN_SHARE * len(flags):
        weight *= _PASSING_FACTOR
    score = round(1.0 - math.exp(-weight), 4)
    chosen = (strong + near)[:_MAX_EVIDENCE]
    evidence = [doc.source[spans[i][0] : spans[i][1]] for i in sorted(chosen)]
    if title_hit and len(evidence) < _MAX_EVIDENCE and title not in evidence:
        evidence.insert(0, title)
    return Relevance(score >= THRESHOLD, score, evidence)


def classify(title: str | None, text: str) -> Relevance:
    """Relevance of one article (plain text or HTML) to North Korea-Russia arms transfers."""
    return classify_clean(title, clean(text))
