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

# A weapon named only to qualify something that does not move between the two sides: North
# Korea's own tests and programmes, a missile maker hacked, an arms company, the plans of a rocket,
# an arms exhibition; the head may come after a second weapon word ("an artillery ammunition producer").
_NOT_MOVED_HEAD = (
    r"(?!-?\s*(?:(?:shells?|ammunition|munitions?|missiles?|rockets?|weapons?)\s+)?"
    r"(?:tests?|testing|test-fir\w*|launch(?:es|ing)?|makers?|manufacturers?|producers?|compan(?:y|ies)|firms?"
    r"|contractors?|corporations?|plans|blueprints?|designers?|development|programm?e?s?|incidents?|sites?"
    r"|facilit(?:y|ies)|assembly|experts?|scientists|exhibitions?|expos?|fairs?|parades?)\b)"
)
_WEAPON_WORDS = r"shells?|rounds|munitions?|ammunition|ammo|artillery|weapons?|weaponry|arms|missiles?|rockets?"
# The North's weapons by name, as the lexicon reads them (its Koksan by its Korean name too, launchers by their
# abbreviation and the BM-21, the KN-23 by its nickname). Left out of the topic: "Grad" and "SAM", names only in
# capitals (an inline case flag costs the pattern its faster lowercase twin, lx.lowercase_twin), and words that
# begin like common ones ("gunners", "battalions", "mine clearance", "Shahed"), which the gate (lx.Gated) would try
# at every "guns", "battle", "minister" and "shares" for a sentence or two a year.
_WEAPON_SYSTEMS = (
    r"KN-?2[345]|Hwas(?:e?o)ng-?11\w*|Koksans?|Juche[- ]?po|SPGs?|howitzers?|launchers?|MRLs?|MLRS"
    r"|BM-?21s?|Iskanders?|propellants?"
)
# Verbs of sending, giving and receiving, and the courtesies of a visit that they often carry
# ("received the Russian delegation").
_GIVING = r"sen[dt]|sending|dispatch(?:ed|es|ing)?|deliver(?:ed|ies|y)|provid(?:ed|es|ing)|given|gave|giving|received|receiving"
_COURTESIES = (
    r"officials?|delegations?|envoys?|ambassadors?|messages?|letters?|greetings|congratulations|condolences"
    r"|invitations?|ovations?|applause|speech(?:es)?|statements?|remarks|wreaths?|flowers|regards"
)
# The assent a leader gives a treaty ("gave his final stamp of approval", "gave the pact the green light"): what is
# given then, but no courtesy that makes a sending after it one ("with Kim's approval, the North sent more men").
_ASSENT = r"approval|stamp\s+of\s+approval|assent|consent|blessing|go-ahead|green\s+light|nod"
# Who a military tie "with" someone may bind to the story: the two sides, or a word standing for them ("its ally North
# Korea", "with each other", "with them").
_PARTNER_SIDES = r"North|Korea|Korean|Pyongyang|DPRK|Kim|KPA|Russia|Moscow|Kremlin|its|their|each|one|them|it"
# The subject matter: what moves, or the moving itself.
_TOPIC = re.compile(
    rf"\b(?:{_WEAPON_WORDS})\b"
    + _NOT_MOVED_HEAD
    + rf"|\b(?:{_WEAPON_SYSTEMS}|containers?|troops|soldiers|fighters|servicemen"
    # "the Workers' Party of Korea" is a party, not labourers sent abroad
    r"|special\s+forces|forces|units|brigades?|construction\s+(?:battalions?|brigades?|troops|soldiers|crews)|artillerymen"
    r"|de-?miners|de-?mining|sappers|engineers|builders|workers(?!['\u2019]?\s+Party)"
    r"|labou?rers|officers|technicians"
    # (and Moscow's own term for arms trade, "military-technical cooperation"), but not Russia's dealings with a third
    # country ("its military-technical cooperation with India, as North Korea looked on")
    r"|military(?:[- ]technical)?\s+(?:equipment|hardware|aid|assistance|support|technology|cargo|gear|supplies|personnel"
    rf"|(?:co-?operation|collaboration|ties|alliance|pact)(?!\s+with\s+(?!(?:[\w'-]+\s+){{0,2}}?(?:{_PARTNER_SIDES})\b)))"
    r"|lethal\s+aid"
    # the help the North gets for its satellites ("help with its space programme", "assistance in the space sector"), but
    # not Russia's own space industry, whose troubles say nothing of help to the North
    r"|(?<!Russia's\s)(?<!Russian\s)(?<!Moscow's\s)space\s+(?:programm?e?s?|projects?|sector|industry)"
    # an army placed in the war: "the DPRK military near Kursk"
    r"|(?:military|army)(?=\s+(?:near|in|inside|at|around)\s+(?:the\s+)?(?:Kursk|Russia|Russian|front))"
    # technology, but not the civilian field of a trade or science commission ("cooperation in trade, science and
    # technology")
    r"|(?<!science\sand\s)(?<!sciences\sand\s)(?<!scientific\sand\s)technolog(?:y|ies)"
    r"|know-how|satellites?|air[- ]defen[cs]e|Pantsir|electronic\s+warfare|fighter\s+jets|MiG-?\d\ds?|Su-?\d\ds?|radars?|Buk"
    # Russia's systems as the lexicon names them: its fighters by maker, its S-300 and S-400 (not "naval nuclear
    # propulsion": the gate would try it at every "March", "navy" and "nuclear" of a page)
    r"|Sukhoi|S-?[34]00s?"
    r"|submarines?|oil|barrels|food|casualties|killed|wounded|captured|prisoners?|POWs?|deployment|deployed|deploy"
    r"|shipped|shipments?|suppl(?:y|ies|ied|ying)|transfers?|transferred"
    r"|exported|exports?|in\s+(?:exchange|return)|arms\s+deal|drones?|handed)\b"
    # sending and giving, but not of the courtesies of a visit: "sent officials to meet Kim",
    # "gave a standing ovation", "delivered Putin's greetings" (and see _not_the_subject), nor of an assent
    rf"|\b(?:{_GIVING})\b(?!\s+(?:[\w'-]+\s+){{0,3}}?(?:{_COURTESIES}|{_ASSENT})\b)",
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
# North Korea (or its arms, its soldiers) as the one that moves something: the topic proper. The
# verbs of handing over are kept apart from those of fighting, which say less about a transfer.
_NK_SUBJECT = (
    r"\b(?:North\s+Korea(?:n|'s)?|Pyongyang(?:'s)?|the\s+North|Kim(?:\s+Jong\s+Un)?|DPRK|KPA)\b"
    r"(?:(?!\bnot\b|\bnever\b|n't\b)[^.;]){0,60}?"
)
_NK_HANDS_OVER = (
    r"\b(?:sen[dt]\w*|suppl\w*|ship\w*|deliver\w*|provid\w*|transfer\w*|deploy\w*|dispatch\w*|export\w*|sold|sell\w*"
    r"|(?<!'s\s)(?<!\u2019s\s)arm(?:s|ed|ing)\b|received?|receiving)\b"  # "North Korea's arms" is a noun
)
_NK_FIGHTS = rf"\b(?:(?<!test-)fir(?:e|ed|ing)\b(?!{lx.SEAWARD})|fight\w*|fought)\b"
_NK_ARMS = (
    r"\b(?:North\s+Korean|Pyongyang's)\s+(?:[\w-]+\s+)?(?:shells|missiles|rounds|munitions|troops|soldiers|weapons|arms)\b"
    + _NOT_MOVED_HEAD  # "North Korean weapons testing" moves nothing
)
_NK_MOVES = re.compile(rf"{_NK_SUBJECT}(?:{_NK_HANDS_OVER}|{_NK_FIGHTS})|{_NK_ARMS}", re.IGNORECASE)
# Russia (or its leader) as the one that hands something over, with North Korea named as the receiver
# ("Moscow has resumed sending fuel to Pyongyang", "Russia provided the North with air defences"), or the one that
# receives it from North Korea ("the Kremlin obtained shells from Pyongyang"): what Russia gives back, and the
# transfer told from Russia's end. Russia must be the one doing it, not the teller of what another country did
# ("Russia said Washington sent weapons to ...", "Moscow accused Seoul of sending ..."): a verb of saying or accusing
# stops the subject unless Russia speaks of itself ("Russia said it had sent oil to ...").
_RU_TELLS_OF_ANOTHER = (
    r"\b(?:said|says|say|claim(?:s|ed|ing)?|insist(?:s|ed)?|accus\w*|alleg\w*)\b"
    r"(?!\s+(?:that\s+)?(?:it|Russia|Moscow|the\s+Kremlin)\b)"
)
_RU_SUBJECT = (
    r"\b(?:Russia(?:n|'s)?|Moscow(?:'s)?|the\s+Kremlin|Putin)\b"
    rf"(?:(?!\bnot\b|\bnever\b|n't\b|{_RU_TELLS_OF_ANOTHER})[^.;]){{0,60}}?"
)
_NK_NAMED = r"(?:North\s+Korea|Pyongyang|the\s+North|Kim(?:\s+Jong\s+Un)?(?:'s\s+regime)?|DPRK)\b"
_RU_HANDS_OVER_TO_NK = (
    rf"{_RU_SUBJECT}\b(?:sen[dt]\w*|suppl\w*|ship\w*|deliver\w*|provid\w*|transfer\w*|export\w*|sold|sell\w*|giv\w*"
    rf"|gave)\b(?:[^.;]{{0,60}}?\b(?:to|with|for)\s+|\s+)(?:the\s+)?{_NK_NAMED}"
    rf"|{_RU_SUBJECT}\b(?:receiv\w*|obtain\w*|acquir\w*|import\w*|bought|buy\w*|purchas\w*)\b"
    rf"[^.;]{{0,60}}?\bfrom\s+(?:the\s+)?{_NK_NAMED}"
)
# ... handing it over, or its arms named: "North Korea has transferred weapons to Russia".
_NK_HANDS_OVER_ARMS = lx.StemGuarded(re.compile(rf"{_NK_SUBJECT}{_NK_HANDS_OVER}|{_NK_ARMS}", re.IGNORECASE))
# Russia handing something over to it or receiving from it; what moves must be a thing the lexicon names (oil, flour,
# air defences, shells: lx.ITEMS), not tourists or a football team sent on a visit.
_RU_HANDS_OVER_TO_NK_GUARDED = lx.StemGuarded(re.compile(_RU_HANDS_OVER_TO_NK, re.IGNORECASE))


#: A topic word that names a weapon and nothing else: no troops, no moving, no exchange.
_WEAPON_ONLY = re.compile(rf"(?:{_WEAPON_WORDS}|{_WEAPON_SYSTEMS}|drones?)", re.IGNORECASE)
#: ... or a satellite, which North Korea also puts up on its own rockets.
_LAUNCHED_ONLY = re.compile(rf"{_WEAPON_ONLY.pattern}|satellites?", re.IGNORECASE)
# Help given, which with a satellite is the transfer itself ("Seoul credits Russian assistance for the launch").
_HELP = lx.StemGuarded(
    re.compile(r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing|ance)?|aid(?:ed|ing)?|backing)\b", re.IGNORECASE)
)
# North Korea launching or testing a weapon of its own: "North Korea launched an ICBM", "Kim oversaw
# the test-firing of new shells", "fired two missiles into the sea". Fired alone is left out: North
# Korean troops fire at Ukrainians.
_OWN_LAUNCH = re.compile(
    r"\b(?:North\s+Korea(?:n|'s)?|Pyongyang(?:'s)?|the\s+North|Kim(?:\s+Jong[\s-]+Un)?|DPRK)\b[^.;]{0,40}?"
    rf"\b(?:launch(?:es|ed|ing)?|test(?:s|ed|ing)?|test-fir\w*|test-launch\w*|fir(?:e|es|ed|ing)\b(?={lx.SEAWARD}))\b",
    re.IGNORECASE,
)
# Read over whole sentences, in the article's lowercase where it folds (lx.Twinned).
_TO_UKRAINE_T = lx.Twinned(_TO_UKRAINE)
_NK_MOVES_T = lx.Twinned(_NK_MOVES)
_OWN_LAUNCH_T = lx.Twinned(_OWN_LAUNCH)
# Its verbs guard the search: every match holds one of these (the stems the lexicon works out stop at "fir",
# which "first" and "confirmed" hold), and most strong sentences launch and test nothing.
_LAUNCH_STEMS = ("launch", "test", "fire", "firing")
_OWN_LAUNCH_GUARDED = lx.StemGuarded(_OWN_LAUNCH, stems=_LAUNCH_STEMS)


def _own_launch(
    text: str, start: int, end: int, folded: str | None = None, shot: re.Pattern[str] = _WEAPON_ONLY
) -> bool:
    """A sentence on North Korea launching or testing its own weapons, whose subject matter is
    those weapons alone (each topic word a ``shot`` one) and in which North Korea moves nothing to Russia.
    ``folded``: as for :func:`_elsewhere`."""
    if folded is None:
        launched = _OWN_LAUNCH_GUARDED.search(text, start, end) is not None
    else:
        # In a lowercase that folds as re.IGNORECASE a match's stem is a plain substring, and the twin reads it.
        stretch = folded[start:end]
        launched = (
            any(map(stretch.__contains__, _LAUNCH_STEMS)) and _OWN_LAUNCH_T.search(text, folded, start, end) is not None
        )
    if not launched or _NK_MOVES_T.search(text, folded, start, end):
        return False
    return all(shot.fullmatch(m.group()) for m in _TOPIC.finditer(text, start, end))


# A want of arms, not arms moved: "Russia's urgent need for artillery shells", "shortages of ammunition".
_NEED = lx.StemGuarded(
    re.compile(
        r"\b(?:needs?\s+(?:for|of)|shortages?\s+of|deficits?\s+of|demand\s+for|hunger\s+for|short\s+of"
        r"|running\s+(?:low|short)\s+(?:on|of))\b",
        re.IGNORECASE,
    )
)


def _wanted(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """A sentence on a need for weapons, whose subject matter is those weapons alone and in which
    North Korea moves nothing to Russia."""
    if not _NEED.search(text, start, end) or _NK_MOVES_T.search(text, folded, start, end):
        return False
    return all(_WEAPON_ONLY.fullmatch(m.group()) for m in _topic_words(text, start, end))


# A cyber operation or spying: North Korean hackers who breach a Russian arms maker, or launder
# stolen coins through a Russian exchange, move data and money, not arms.
_CYBER = lx.StemGuarded(
    re.compile(
        r"\b(?:hack(?:s|ed|ers?|ing)?|cyber\w*|phishing|malware|ransomware|threat\s+actors?|crypto\w*|launder\w*"
        r"|heists?|stolen|steal\w*|stole|spies|spying|espionage|Lazarus|Kimsuky|Andariel)\b"
        # a spy, but not a reconnaissance satellite, plane or ship ("the North's spy satellite launch"), nor the
        # intelligence service that reports the transfer ("Seoul's spy agency said")
        r"|\bspy\b(?!\s+(?:satellites?|planes?|aircraft|ships?|drones?|balloons?|agency|agencies|chiefs?|services?)\b)",
        re.IGNORECASE,
    )
)


# A transfer told as background ("recalled that North Korea has sent Russia weapons before").
_BACKGROUND = re.compile(
    r"\b(?:before|previously|in\s+the\s+past|earlier|recalled|recalling|once|long\s+ago)\b", re.IGNORECASE
)
# A trade between the two sides, stated outright: what Russia gives back is the story itself
# ("in exchange for", and the non-native "in exchange of").
_EXCHANGE = re.compile(r"\bin\s+(?:exchange|return)\s+(?:for|of)\b", re.IGNORECASE)


# A verb of saying between a word of time past and the transfer: the word dates the statement, not the transfer.
_SAID_BETWEEN = re.compile(r"\b(?:said|says|announced|stated|reported|disclosed|revealed)\b", re.IGNORECASE)


def _states_transfer(text: str, start: int, end: int) -> bool:
    """A sentence that states the transfer outright, so that it is never a mention in passing: what one side
    gives the other in exchange, or North Korea handing over arms or troops ("amid allegations that North
    Korea has transferred weapons to Russia", or Russia handing it goods: "Moscow shipped fuel to Pyongyang"),
    unless it is told as background ("has sent Russia weapons before"). "Previously, the White House said the North provided 1,000 containers of arms" is a statement
    of the transfer told before, not a transfer told as background. Asked only of a long article's passing
    mentions, after the weights are summed."""
    if _EXCHANGE.search(text, start, end) is not None:
        return True
    hands = _NK_HANDS_OVER_ARMS.search(text, start, end)
    if hands is None:
        hands = _RU_HANDS_OVER_TO_NK_GUARDED.search(text, start, end)
        if hands is None or next(lx.ITEMS.finditer(text, start, end), None) is None:
            return False
    return all(
        b.end() <= hands.start() and _SAID_BETWEEN.search(text, b.end(), hands.start()) is not None
        for b in _BACKGROUND.finditer(text, start, end)
    )


def _cyber(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """A sentence about a cyber operation in which North Korea moves nothing to Russia."""
    return bool(_CYBER.search(text, start, end)) and not _NK_MOVES_T.search(text, folded, start, end)


def _elsewhere(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """Both sides and the subject are named, but the arms are a third country's or go to
    Ukraine, and North Korea moves nothing (a parade in Beijing, Seoul's reaction to the pact),
    or the sentence is about a cyber operation, North Korea's own weapons test or a need for arms.
    ``folded``: the lowercase of ``text`` when it folds like re.IGNORECASE (WordIndex.low), else None."""
    if _cyber(text, start, end, folded) or _own_launch(text, start, end, folded) or _wanted(text, start, end, folded):
        return True
    low = text[start:end].lower()
    third = bool(_THIRD_SUPPLIER.search(text, start, end))
    if not third and not any(map(low.__contains__, ("ukrain", "kyiv", "kiev"))):
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


# Words that can make a topic word something else; a sentence holding none keeps its topic as found.
_NOT_SUBJECT_CUES = lx.StemGuarded(
    re.compile(
        rf"\b(?:given|{_COURTESIES}|parad\w*|display\w*|showcas\w*|unveil\w*|exhibitions?|march|marched|marching)\b",
        re.IGNORECASE,
    )
)
_NOT_SUBJECT_CUES_GATED = lx.Gated(_NOT_SUBJECT_CUES.regex)
# "Given Russia's need for shells, ...", "..., given the tests": considering, not handing over.
_CONSIDERING = re.compile(
    r"[Gg]iven\s+(?:the|that|its|their|his|her|this|these|those|how|what|such|[A-Z][\w-]*(?:'s|\u2019s))\b"
)
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:(\"\u201c\u2018\u2014\u2013-])\s*$")
_COURTESY = re.compile(rf"\b(?:{_COURTESIES})\b", re.IGNORECASE)
_GIVING_ONLY = re.compile(_GIVING, re.IGNORECASE)
# Arms on show: a parade, a display, an exhibition. What is shown there moves nowhere.
_ON_SHOW = re.compile(
    r"\b(?:parad\w*|display\w*|showcas\w*|unveil\w*|exhibitions?|march\s+of|marched|marching)\b", re.IGNORECASE
)
_SHOWN = re.compile(
    rf"(?:{_WEAPON_WORDS}|{_WEAPON_SYSTEMS}|drones?|troops|soldiers|fighters|forces|units|officers"
    r"|military\s+(?:equipment|hardware|gear|personnel))",
    re.IGNORECASE,
)


def _topic_words(text: str, start: int, end: int, idx: lx.WordIndex | None = None) -> list[re.Match[str]]:
    """The sentence's topic words, "given" in the sense of considering left out. ``idx``: the article's word
    index (``text`` is its work), in which the topic is looked for at its own word starts only."""
    return [
        m
        for m in (_TOPIC_GATED.finditer(idx, start, end) if idx is not None else _TOPIC.finditer(text, start, end))
        if not (_CONSIDERING.match(text, m.start(), end) and _CLAUSE_OPENING.search(text, start, m.start()) is not None)
    ]


def _not_the_subject(text: str, start: int, end: int, war: bool, idx: lx.WordIndex | None = None) -> bool:
    """The sentence's topic words are not the subject matter after all: "given" in the sense of
    considering; only verbs of sending that carry a courtesy named before them ("a message sent by
    Putin", "a letter to Kim delivered on Saturday"); arms and troops on show at a parade or an
    exhibition, in a sentence that names neither the war nor Kursk (a parade of veterans back from
    the front is news). ``idx``: as for :func:`_topic_words`."""
    if idx is not None:
        # (at the cue words' own word starts: "official" and "statement" are in many sentences, where the
        # stem test lets a case-insensitive search through that enters the matcher at every character)
        if _NOT_SUBJECT_CUES_GATED.search(idx, start, end) is None:
            return False
    elif not _NOT_SUBJECT_CUES.search(text, start, end):
        return False
    found = _topic_words(text, start, end, idx)
    if not found:
        return True
    if all(_GIVING_ONLY.fullmatch(m.group()) for m in found) and _COURTESY.search(text, start, found[0].start()):
        return True
    return (
        not war
        and "kursk" not in text[start:end].lower()
        and _ON_SHOW.search(text, start, end) is not None
        and all(_SHOWN.fullmatch(m.group()) for m in found)
    )


# The sides, the war and the subject in a title, which has no word index: a search of these long case-insensitive
# alternations enters the matcher at every character, where a title that cannot hold a match (most, for each of
# them) is ruled out by a substring test for the pattern's stems.
_NK_IN_TITLE = lx.StemGuarded(lx.NK)
_RU_IN_TITLE = lx.StemGuarded(lx.RU)
_WAR_IN_TITLE = lx.StemGuarded(lx.WAR)
_TOPIC_IN_TITLE = lx.StemGuarded(_TOPIC)


def _flags(text: str, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    nk = bool(_NK_IN_TITLE.search(text, start, end))
    ru = bool(_RU_IN_TITLE.search(text, start, end))
    war = bool(_WAR_IN_TITLE.search(text, start, end))
    topic = bool((nk or ru or war) and _TOPIC_IN_TITLE.search(text, start, end))
    return nk, ru, war, topic and not _not_the_subject(text, start, end, war)


def _indexed_flags(idx: lx.WordIndex, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    """:func:`_flags` of one sentence, looked up in the article's word index."""
    nk, ru, war = lx.sides_named(idx, start, end)
    topic = (nk or ru or war) and _TOPIC_GATED.search(idx, start, end) is not None
    return nk, ru, war, topic and not _not_the_subject(idx.work, start, end, war, idx)


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
    moved: list[int] = []  # the strong sentences about the two sides themselves (not elsewhere)
    in_passing = 0.0  # the weight of the others
    for i, (nk, ru, war, topic) in enumerate(flags):
        if nk and ru and topic:
            # The sides and the subject together, but the arms are China's or Iran's, or go to
            # Ukraine, and North Korea moves nothing: a passing mention (a parade, a reaction).
            if _elsewhere(work, *spans[i], folded):
                in_passing += _ELSEWHERE_WEIGHT
            else:
                weight += 1.0
                moved.append(i)
            strong.append(i)
        elif nk and war and topic:
            weight += _WAR_STRONG_WEIGHT
            strong.append(i)
    # However many there are, such passing mentions add up to no more than one strong sentence in passing: a
    # defence review that names Russia, China and North Korea's weapons in several sentences is about none of them.
    weight += min(in_passing, _PASSING_FACTOR)
    # Two neighbouring sentences that only together name both sides and the subject
    # ("Moscow delivered air-defence systems. They were given to Pyongyang."); in a story whose
    # title is about a hack or spying they are read as in passing.
    near_weight = _NEAR_WEIGHT
    if title and _cyber(_fold_title(title), 0, len(title)):
        near_weight *= _ELSEWHERE_WEIGHT
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
            # ... or only from arms that go to Ukraine ("Seoul may now send weapons to Kyiv. It has long been wary
            # of Moscow's sway over Pyongyang.").
            if all(
                _TO_UKRAINE_T.search(work, folded, *spans[j]) and not _NK_MOVES_T.search(work, folded, *spans[j])
                for j in topical
            ):
                continue
            # ... or the other sentence names North Korea without it moving anything
            # ("Iran sent Russia drones. Unlike North Korea, it has not sent soldiers.").
            # A hack on either side of the pair, the same ("North Korean hackers use Russian
            # exchanges. Funds sent there are rarely recovered.").
            third = [
                j
                for j in (i, i + 1)
                if (not flags[j][0] and _THIRD_SUPPLIER.search(work, *spans[j])) or _cyber(work, *spans[j], folded)
            ]
            if third and not any(flags[j][0] and _NK_MOVES_T.search(work, folded, *spans[j]) for j in (i, i + 1)):
                continue
            # ... or one sentence tells of North Korea testing a weapon of its own and the other
            # names only a weapon ("North Korea launched a missile. It fell in Russia's waters.").
            # A satellite counts as launched here, though not in a sentence of its own, where "Russia helped the
            # North launch its satellite" is the help itself, nor where the other sentence tells of that help
            # ("North Korea launched a satellite. Seoul credits Russian assistance.").
            shot = _WEAPON_ONLY if any(_HELP.search(work, *spans[j]) for j in (i, i + 1)) else _LAUNCHED_ONLY
            if any(_own_launch(work, *spans[j], folded, shot) for j in (i, i + 1)) and all(
                shot.fullmatch(m.group()) for j in topical for m in _TOPIC.finditer(work, *spans[j])
            ):
                continue
            weight += near_weight
            near.extend(j for j in (i, i + 1) if j not in near)
    title_hit = False
    if title:
        t = _fold_title(title)
        nk, ru, war, topic = _flags(t, 0, len(t))
        if nk and (ru or war) and topic:
            weight += _TITLE_WEIGHT if ru else _TITLE_WEIGHT * _WAR_STRONG_WEIGHT
            if _elsewhere(t, 0, len(t)):
                weight -= _TITLE_WEIGHT * (1 - _ELSEWHERE_WEIGHT)  # "Xi, Putin and Kim watch parade of missiles"
            title_hit = True
        elif topic and (nk or ru) and flags:
            # The title names one side and the subject; the opening sentences name the other.
            opening = flags[:3]
            if (nk and any(f[1] for f in opening)) or (ru and any(f[0] for f in opening)):
                weight += _TITLE_PARTIAL_WEIGHT * (_ELSEWHERE_WEIGHT if _elsewhere(t, 0, len(t)) else 1.0)
                title_hit = True
    # One passing mention in a long article about something else (Iranian drones, a missile
    # test) is not what the article is about: without a title to back it, it counts for less,
    # unless it states the transfer in full (satellite know-how for soldiers; shells for the war).
    passing = len(strong) + len(near) < _MIN_SHARE * len(flags)
    if (
        not title_hit
        and len(flags) >= _LONG_ARTICLE
        and passing
        and not any(_states_transfer(work, *spans[i]) for i in moved)
    ):
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


@dataclass(frozen=True)
class _GateSide:
    """One thing the gate looks for (a side, the war, the subject), as the stems of its pattern.

    ``stems``: every match of the pattern contains one of them (None: the gate cannot rule it out).
    ``plain``: the stems less those that contain a shorter one (which can only be found where the
    shorter one is), for a search in the article's ASCII copy (:func:`could_be_relevant`); None
    when a stem is not ASCII or holds a character the folds change or the copy puts for another.
    ``risky``: the characters the folds or str.lower can turn into a character of a stem."""

    stems: tuple[str, ...] | None
    plain: tuple[str, ...] | None
    risky: str


def _gate_side(stems: tuple[str, ...] | None, folds: dict[str, str]) -> _GateSide:
    if stems is None:
        return _GateSide(None, None, "")
    shortest = tuple(s for s in stems if not any(t != s and t in s for t in stems))
    letters = set("".join(shortest))
    if not all(s.isascii() for s in shortest) or letters & set(folds) or _NOT_ASCII in letters:
        return _GateSide(stems, None, "")
    # Where a character is folded in the text but not in the title, the title lowercases it as it is.
    risky = "".join(sorted(c for c, folded in folds.items() if letters & set(folded.lower() + c.lower())))
    return _GateSide(stems, shortest, risky)


#: What the gate's ASCII copy of an article puts for each other character (str.encode's "replace").
_NOT_ASCII = "?"


@lru_cache(maxsize=1)
def _gate_tables() -> tuple[_Folder, _Folder, tuple[_GateSide, ...], str]:
    """What the gate needs, built on first use: the folds the classifier applies to the title and
    to the text, plus the IGNORECASE extras; the stems of the Russian side, the war in
    Ukraine, the North Korean side and the subject (every match of a pattern contains one of
    its stems, :func:`lexicon.required_stems`); and the characters risky for any of them."""
    title_folds = _TITLE_QUOTES | _IGNORECASE_EXTRAS  # _fold_title, then the title folder
    text_folds = {chr(code): value for code, value in _TEXT_FOLDS.items()} | _IGNORECASE_EXTRAS
    title = _Folder(_IGNORECASE_EXTRAS)  # after _fold_title
    text = _Folder(text_folds)
    # A character folded one way in the title and another in the text counts with both values.
    both = {c: title_folds.get(c, "") + text_folds.get(c, "") for c in title_folds | text_folds}
    sides = tuple(_gate_side(lx.required_stems(p.pattern, p.flags), both) for p in (lx.RU, lx.WAR, lx.NK, _TOPIC))
    return title, text, sides, "".join(sorted(set("".join(s.risky for s in sides))))


def _folded_low(title: str | None, text: str) -> str:
    """The title and the text folded as the classifier folds what it reads, lowercased, in one string."""
    fold_title, fold_text, _, _ = _gate_tables()
    return f"{fold_title(_fold_title(title)) if title else ''}\n{fold_text(text)}".lower()


def _side_named(side: _GateSide, ascii_low: str, risky: bool, title: str | None, text: str, folded: list[str]) -> bool:
    """Whether one of ``side``'s stems is in the folded, lowercased title and text (:func:`_folded_low`).

    Read first in ``ascii_low``, the title and text with each character that is not ASCII replaced
    by "?" and then lowercased, which is exact both ways unless the article holds a character risky
    for one of the stems (``risky``): a stem is ASCII with no "?" and no character the folds
    change, so the folds keep every stem found in the copy (the copy and the folded text are the same
    at every ASCII character but those); and a stem in the folded text that is not in the copy has a
    character that a fold, or str.lower, made from a risky one (tests/claims/test_relevance_gate.py
    checks over all of Unicode that str.lower makes an ASCII character only out of an ASCII one or a
    folded one). Otherwise the folded text is made (once, into ``folded``) and read."""
    if side.stems is None:
        return True
    if side.plain is not None:
        if any(map(ascii_low.__contains__, side.plain)):
            return True
        if not risky:
            return False
    if not folded:
        folded.append(_folded_low(title, text))
    return any(map(folded[0].__contains__, side.stems))


def could_be_relevant(title: str | None, text: str) -> bool:
    """False only for an article that :func:`classify` scores 0 with no evidence.

    Every way an article earns weight needs the North Korean side, the Russian side (or the
    war in Ukraine) and the subject matter somewhere in the title or the text, so this looks
    for their stems only, with substring tests over one lowercased copy of both: tens of
    microseconds, against one to two milliseconds for the full analysis. The copy is folded
    as the classifier folds what it reads (the title's quotes; the text as
    :func:`textclean.clean` folds it, residue lines kept, which can only add stems), where the
    folds can make a stem (:func:`_side_named`). HTML is passed through: extracting its text is
    the classifier's job.
    """
    if looks_like_html(text):
        return True
    _, _, (ru, war, nk, topic), risky_characters = _gate_tables()
    joined = f"{title or ''}\n{text}"
    # Most articles are ASCII but for a curly quote or a dash: an ASCII copy of the same length (one "?" for each
    # other character) is lowercased and searched at a third of the cost of folding the text (a regex pass).
    ascii_low = joined.encode("ascii", "replace").decode("ascii").lower()
    risky = any(map(joined.__contains__, risky_characters))
    folded: list[str] = []
    return (
        (
            _side_named(ru, ascii_low, risky, title, text, folded)
            or _side_named(war, ascii_low, risky, title, text, folded)
        )
        and _side_named(nk, ascii_low, risky, title, text, folded)
        and _side_named(topic, ascii_low, risky, title, text, folded)
    )
