"""Claims from an article: pure functions, text in, claims out.

The pipeline for one article:

1. :func:`monitor.textclean.clean` blanks page residue and folds quotes; offsets are kept.
2. :func:`monitor.sentences.split_sentences` cuts the text into sentences.
3. The lexicon tables are scanned once over the whole text; each hit is filed under its
   sentence (linear in the text, whatever the number of sentences).
4. Each sentence that mentions an item is read: which kind of claim (denial, confirmation,
   condemnation, casualties, battlefield use, production, supply share, shipment,
   deployment, dispatch, technology transfer, compensation, satellite launch), which way it
   flows, the amount that qualifies the item, who says so (with pronouns and lawmakers
   relaying a briefing resolved to the agency), when (``since`` / ``as_of``), and whether
   it is hedged.
5. Restatements of one fact are folded into the first statement of it.

Evidence spans index ``CleanText.source``: the input string itself for plain text, the text
extracted from the markup for HTML (see :mod:`monitor.textclean`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from monitor import lexicon as lx
from monitor.quantities import QuantityMatch, find_quantities, parse_fraction
from monitor.sentences import split_sentences
from monitor.textclean import CleanText, clean
from monitor.timerefs import resolve_as_of, resolve_since

__all__ = ["CLAIM_FIELDS", "EXTRACTOR_VERSION", "Claim", "extract_claims", "extract_from_clean", "headline_span"]

#: Bumped whenever extraction output can change, so stored claims can be re-derived.
EXTRACTOR_VERSION = "claims-2026.11.1"

CLAIM_FIELDS = (
    "id", "kind", "item", "direction", "quantity", "bound", "quantity_high", "source",
    "since", "as_of", "stance", "hedged", "evidence", "span",
)

Number = int | float


@dataclass(frozen=True)
class Claim:
    """One claim, with exactly the contract's fields."""

    id: str
    kind: str
    item: str
    direction: str | None
    quantity: Number | None
    bound: str | None
    quantity_high: Number | None
    source: str
    since: str | None
    as_of: str | None
    stance: str
    hedged: bool
    evidence: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, fields in contract order."""
        out = {name: getattr(self, name) for name in CLAIM_FIELDS}
        out["span"] = [self.span[0], self.span[1]]
        return out


# --- cues ------------------------------------------------------------------------------------------

_I = re.IGNORECASE

_TRANSFER = re.compile(
    r"\b(?:sen[dt]s?|sending|ship(?:s|ped|ping|ments?)?|suppl(?:y|ies|ied|ying|ier|iers)|transfer(?:s|red|ring)?"
    r"|deliver(?:s|ed|ing|y|ies)?|provid(?:e|es|ed|ing)|provision|export(?:s|ed|ing)?|sold|sell(?:s|ing)?|sales?"
    r"|gave|giv(?:e|es|en|ing)|hand(?:ed|ing)?\s+over|arm(?:s|ed|ing)\b|equipp(?:ed|ing)|receiv(?:e|es|ed|ing)"
    r"|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|purchas(?:e|es|ed|ing)|bought|buy(?:s|ing)?|import(?:s|ed|ing)?"
    r"|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|mov(?:e|es|ed|ing)|transport(?:s|ed|ing)?|load(?:s|ed|ing)|cross(?:es|ed|ing)|smuggl\w*|funnel\w*"
    r"|pour(?:s|ed|ing)|flow(?:s|ed|ing)?|bound\s+for|destined\s+for|origin|(?:North\s+Korean|Pyongyang)[- ](?:made|supplied|produced|manufactured|built)"
    r"|made\s+in\s+North\s+Korea|in\s+(?:exchange|return)|reinforc\w*|bolster\w*|join(?:s|ed|ing)?|contribut\w*"
    r"|(?:in|to|into|inside)\s+Russia|Kursk|to\s+the\s+front|pledg\w*|promis\w*|offer(?:s|ed|ing)?|rotat\w*"
    r"|transit\w*|(?:from|by)\s+(?:North\s+Korea|Pyongyang)|replenish\w*|stockpil\w*|exchang\w*)\b",
    _I,
)
# Deployment of people: narrower than _TRANSFER ("received" troops is odd, "in Russia" is not).
_DEPLOY = re.compile(
    r"\b(?:sen[dt]s?|sending|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|transport(?:s|ed|ing)?|mov(?:e|es|ed|ing)|ship(?:s|ped|ping)|airlift\w*|join(?:s|ed|ing)?|reinforc\w*|bolster\w*"
    r"|(?:in|to|into|inside)\s+(?:Russia|Kursk|the\s+Kursk|Russia's\s+Kursk|the\s+Russian\s+Far\s+East|Vladivostok|Ukraine|the\s+front)"
    r"|contribut\w*|rotat\w*|train(?:s|ed|ing)?\s+(?:in|at)|mobiliz\w*|mobilis\w*|assign\w*|serv(?:e|es|ed|ing)\s+(?:in|with)"
    r"|fight(?:s|ing)?\s+(?:for|alongside|with|in)|fought\s+(?:for|alongside|with|in)|additional|more\s+troops|extra|bring|brought|supplied|provid\w*"
    r"|pledg\w*|promis\w*|headed|heading|crossed|entered|bound\s+for|destined\s+for|expeditionary)\b",
    _I,
)
_RETURN = re.compile(
    r"\b(?:in\s+(?:return|exchange)|as\s+(?:payment|compensation|a\s+reward)|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|gotten"
    r"|obtain\w*|acquir\w*|gain(?:s|ed|ing)?|secur(?:e|es|ed|ing)|access|provid\w*|giv(?:e|es|en|ing)|gave|transfer\w*"
    r"|shar(?:e|es|ed|ing)|offer\w*|suppl(?:y|ies|ied|ying)|sen[dt]s?|sending|ship(?:s|ped|ping|ments?)?|deliver\w*"
    r"|export\w*|help(?:s|ed|ing)?|assist\w*|aid(?:s|ed|ing)?|advice|advis\w*|support(?:s|ed|ing)?|seek(?:s|ing)?|sought"
    r"|teach\w*|taught|train(?:s|ed|ing)?|upgrad\w*|moderni[sz]\w*|improv\w*|repay\w*|paid|pay(?:s|ing|ment|ments)?"
    r"|reward\w*|compensat\w*|benefit\w*|boost\w*|bolster\w*|cooperat\w*|know-how|assistance)\b",
    _I,
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial|ials)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?"
    r"|baseless|groundless|unfounded|fabricat\w*|fake|absurd|nonsense|lies|slander\w*|smear\w*"
    r"|false\s+(?:claims?|reports?|rumou?rs?|information)|never\s+(?:sent|supplied|provided|received|transferred|shipped|deployed|exported)"
    r"|(?:no|not\s+any)\s+(?:such|truth)|not\s+true|untrue|rumou?rs)\b",
    _I,
)
_DENY_VERB = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|call(?:s|ed|ing)?)\b", _I)
_CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|acknowledg\w*|admit(?:s|ted|ting)?|officially\s+(?:announced|disclosed|revealed|said)"
    r"|disclos(?:e|ed|es)|reveal(?:ed|s)|announc(?:e|ed|es)|publicly\s+(?:stated|said)|for\s+the\s+first\s+time)\b",
    _I,
)
_CONDEMN = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|censur\w*|blacklist\w*|decr(?:y|ied|ies)|slamm?(?:ed|s)?|criticiz\w*|criticis\w*"
    r"|(?:impos\w+|announc\w+|slapp?\w*|levied|levy|unveil\w*|issu\w+|adopt\w*|introduc\w*)\s+(?:new\s+|fresh\s+|additional\s+|further\s+)?sanctions"
    r"|sanction(?:ed|ing)\b|new\s+sanctions|sanctions\s+(?:on|against|targeting)|designat(?:ed|es|ing)|protest(?:ed|s)?\s+(?:against|over)"
    r"|(?:joint\s+)?statement\s+(?:that\s+)?(?:strongly\s+)?(?:condemn\w*|denounc\w*)|violat(?:es|ed|ing|ion|ions)\s+(?:of\s+)?(?:UN|U\.N\.|United\s+Nations|Security\s+Council|international)"
    r"|(?:demand|urge|call)(?:s|ed)?\s+(?:on\s+)?(?:North\s+Korea|Pyongyang|Russia|Moscow)\s+to\s+(?:stop|halt|cease|end|withdraw))",
    _I,
)
_BATTLE = re.compile(
    r"\b(?:fir(?:e|es|ed|ing)\b(?!\s+(?:back|from\s+(?:their|his|her)\s+post))|launch(?:ed|es|ing)?\s+(?:at|against|on|into|toward|towards)\b"
    r"|us(?:e|ed|es|ing)\s+(?:by\s+Russia|by\s+Russian|against|in\s+(?:Ukraine|combat|battle|the\s+war|attacks?|strikes?)|on\s+the\s+(?:battlefield|front)|to\s+(?:strike|attack|hit|shell|bombard|target|pound))"
    r"|struck|strik(?:e|es|ing)|\bhit(?:s|ting)?\b|attack(?:s|ed|ing)?|shelling|shelled|bombard\w*|pound(?:s|ed|ing)"
    r"|fight(?:s|ing)?|fought|combat|battle(?:field|s)?|front[- ]?lines?|assault(?:s|ed|ing)?|offensive|clash(?:es|ed)?"
    r"|engag(?:ed|ing)\s+(?:in\s+)?(?:combat|fighting|Ukrainian)|failure\s+rate|malfunction\w*|misfir\w*|explod\w*|exploded"
    r"|inaccura\w*|accuracy|duds?|defective|debris|wreckage|fragments|remnants|target(?:s|ed|ing)?|killed\s+civilians|kill(?:s|ed|ing)?\s+(?:Ukrainian|civilians)"
    r"|recaptur\w*|retak\w*|liberat\w*|counter-?offensive|incursion|operations?\s+in\s+Kursk)\b",
    _I,
)
_PRODUCTION = re.compile(
    r"\b(?:produc(?:e|es|ed|ing|tion)|output|manufactur\w*|factor(?:y|ies)|(?:munitions?|arms|weapons?)\s+plants?|capacity|mass[- ]produc\w*"
    r"|assembly\s+lines?|production\s+lines?|arsenals?|full\s+throttle|round[- ]the[- ]clock|ramp(?:ed|ing)?\s+up\s+production)\b",
    _I,
)
_LAUNCH = re.compile(
    r"\b(?:launch(?:es|ed|ing)?|lift-?off|orbit(?:s|ed|al)?|blast(?:ed)?\s+off|put\s+into\s+orbit|rocket\s+launch(?:es)?)\b", _I
)
_HEDGE = re.compile(
    r"\b(?:believ(?:e|es|ed|ing)|likely|unlikely|probabl[ey]|possibl[ey]|estimat\w*|suspect\w*|suspicion\w*|could|might"
    r"|reportedly|allegedly|alleg(?:e|es|ed|ing|ation|ations)|apparently|appear(?:s|ed)?|seem(?:s|ed|ingly)?|signs?\b"
    r"|assess(?:es|ed|ment|ments)?|presum\w*|thought\s+to|expected\s+to|would|suggest(?:s|ed|ing)?|indicat(?:e|es|ed|ions?)"
    r"|unconfirmed|unverified|purported(?:ly)?|analy[sz]ed\s+to|understood\s+to|(?:is|are|was|were)\s+said\s+to"
    r"|speculat\w*|concerns?\b|feared|fears|hint(?:s|ed)?|perhaps|maybe|potential(?:ly)?|presumably|claim(?:s|ed)?)\b"
    r"|(?-i:\bmay\b)",
    _I,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|stated|states|noted|notes|claimed|claims|claim"
    r"|believ(?:e|es|ed)|estimat(?:e|es|ed)|assess(?:es|ed)?|report(?:s|ed)?|announc(?:e|es|ed)|confirm(?:s|ed)?"
    r"|den(?:y|ies|ied)|dismiss(?:es|ed)|reject(?:s|ed)|warn(?:s|ed)|alleg(?:e|es|ed|ing)|accus(?:e|es|ed|ing)"
    r"|(?:has|have|had)\s+learned|learned|disclos(?:e|es|ed)|reveal(?:s|ed)|brief(?:s|ed)|wrote|writes|posted"
    r"|indicat(?:e|es|ed)|suggest(?:s|ed)|conclud(?:e|es|ed)|assert(?:s|ed)|describ(?:e|es|ed)|explain(?:s|ed)"
    r"|insist(?:s|ed)|acknowledg(?:e|es|ed)|admit(?:s|ted)|condemn(?:s|ed)|call(?:s|ed)|identif(?:y|ies|ied)"
    r"|detect(?:s|ed)|observ(?:e|es|ed)|found|track(?:s|ed)|judg(?:e|es|ed)|think|thinks|understands|voic(?:e|es|ed)"
    r"|show(?:s|ed)|showing|quot(?:e|es|ed)|cit(?:e|es|ed)|according\s+to|in\s+a\s+statement|statement|spokes(?:man|woman|person)"
    r"|sees|expects?|expected|fears?|feared|put\s+the\s+(?:number|figure))\b",
    _I,
)
_ANAPHOR = re.compile(
    r"^(?:[\"'(]?)(?:But\s+|And\s+|However,?\s+|Still,?\s+|Meanwhile,?\s+|Also,?\s+)?"
    r"(?:It|He|She|They|The\s+(?:agency|spy\s+agency|intelligence\s+agency|service|ministry|office|official|officials|lawmaker|lawmakers|"
    r"statement|report|assessment|briefing|spokesman|spokeswoman|spokesperson|minister|president|military|army|command|council))\b",
)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|he|she|they|the\s+agency|the\s+ministry|the\s+official)\s+$", _I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", _I)
_QUOTED_AS = re.compile(r"\bquot(?:ed|ing|es)\s+(?:the\s+)?", _I)
_ACCORDING = re.compile(r"according\s+to", _I)
_LEARN_NAME = re.compile(
    r"\b(?P<role>lawmakers?|legislators?|Rep\.|Representative|spokes(?:man|woman|person)|[Mm]inister|official|adviser|advisor"
    r"|General|Gen\.|Lt\.\s+Gen\.|Col\.|[Dd]irector|chief|[Cc]ommander|President|Secretary|Ambassador|envoy|[Ss]ecretary)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+){0,2})"
)
_NAME_BEFORE = re.compile(r"([A-Z][a-z]+(?:-[a-z]+)?)(?:'s)?\s*,?\s*$")
_AGENCIES = frozenset(
    {"South Korea NIS", "South Korea JCS", "South Korea Ministry of Defense", "South Korea presidential office",
     "US intelligence", "Ukraine HUR", "Pentagon", "White House", "US State Department"}
)
_PARTIES = frozenset({"Russia government", "North Korea government"})
_BRIEFING_INTEL = re.compile(r"\bbrief(?:ing|ed)\b.{0,80}\bintelligence\b|\bintelligence\s+(?:officials|briefing)\b", _I)

_CONTENTS_BEFORE = re.compile(
    r"(?:containers?|shipments?|cargo|loads?|trainloads?|shiploads?|wagons|railcars|crates|boxes|consignments?|deliveries)"
    r"\s+(?:of|carrying|containing|filled\s+with|with|loaded\s+with|holding)\s+(?:[\w-]+\s+){0,4}?(?:(?:and|or)\s+(?:[\w-]+\s+){0,3})?$",
    _I,
)
_OTHER_OWNER = re.compile(
    r"\b(?:Russian|Russia's|Ukrainian|Ukraine's|Ukraine|American|U\.S\.|US|South\s+Korean|South\s+Korea's|Western|NATO|Chinese|"
    r"Iranian|Iran's|European|Polish|German|British|Japanese|Kyiv's|Moscow's|Seoul's|own)\s+(?:[\w-]+\s+){0,2}$",
)
_NK_OWNER = re.compile(r"\b(?:North\s+Korean?|North\s+Korea's|DPRK|KPA|Pyongyang's|N\.\s?Korean)\b")
_SAYING_AFTER = re.compile(r"\s*(?:say|says|said|believe|believes|told|note|noted|warn|warned|argue|argued|estimate)\b", _I)
_OTHER_SUPPLIER = re.compile(r"\b(?:Iran(?:ian)?|China|Chinese|Belarus(?:ian)?|the\s+EU|European\s+Union|Europe)\b")
_MONTHS_SUPPLY = re.compile(
    r"\s*(?:-\s*)?months?(?:'s?|')?(?:\s+(?:worth|of\s+(?:supplies|supply|(?:artillery\s+)?(?:ammunition|shells|fighting|combat|use|warfare|the\s+war|war))|supply|of\s+intense))?",
    _I,
)
_SUPPLY_CONTEXT = re.compile(r"\b(?:worth|suppl(?:y|ies)|sufficient|enough|last(?:s|ing)?|sustain\w*|suffic\w*|needs?|demand|consumption|fir(?:e|ing))\b", _I)
_ABOUT_BEFORE = re.compile(r"\b(?:roughly|about|around|approximately|some|nearly|almost|close\s+to|estimated)\b(?:\s+[\w']+){0,3}\s*$", _I)
_SHARE = re.compile(
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|the\s+bulk|most|the\s+majority)"
    r"(?=\s+(?:of\s+(?:the\s+|all\s+)?(?:Russia's|Russian|Moscow's|the\s+Russian|its|their)?\s*(?:[\w-]+\s+){0,2}(?:shells|ammunition|ammo|munitions|artillery|rounds|missiles|supplies|needs)"
    r"|of\s+(?:the\s+)?(?:shells|ammunition|munitions|rounds)\s+(?:fired|used|Russia)))",
    _I,
)
_SHARE_AFTER = re.compile(
    r"\b(?:account(?:s|ed|ing)?\s+for|make(?:s)?\s+up|made\s+up|comprise[sd]?|represent(?:s|ed)?)\s+"
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|the\s+bulk|most|the\s+majority)",
    _I,
)
_CAPACITY = re.compile(
    r"\b(?:at\s+)?(?P<frac>full|(?:about\s+|around\s+|nearly\s+|some\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|maximum|max|peak)\s+(?:production\s+)?capacity\b"
    r"|\bcapacity\s+(?:of|at)\s+(?P<frac2>\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent))",
    _I,
)
_LAUNCH_CONTEXT_WINDOW = 2
_LINK_AFTER = re.compile(
    r"^(?:\s+(?:in|to|inside|at|from|on|near)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*){1,3}?)?"
    r"(?:\s*,)?\s+(?:(?:now|currently|already|reportedly|still)\s+)?(?:(?:has|have|had|is|are|was|were|could|may|might|would|will)\s+(?:be\s+|been\s+|now\s+|already\s+)?)*"
    r"(?:number(?:s|ed|ing)?|total(?:s|ed|led|ing|ling)?|estimated\s+(?:at|to\s+be)|put\s+at|reach(?:es|ed|ing)?|stand(?:s|ing)?\s+at|stood\s+at"
    r"|ris(?:e|en|es|ing)\s+to|rose\s+to|grow(?:n|s)?\s+to|grew\s+to|climb(?:ed|s)?\s+to|amount(?:s|ed|ing)?\s+to|of|at|exceed(?:s|ed|ing)?|surpass(?:es|ed)?|top(?:s|ped)?)\s+$",
)
_GAP_BREAK = frozenset(
    """to from in into on at for by with and or but was were is are have has had been be being that which who
    than since as per each an over about around up including such between across through via while after before
    said says sent shipped delivered supplied provided transferred exported fired used killed wounded captured
    if when where because so then this these those it they he she we its their his her our less fewer""".split()
)


def _side_word(word: str) -> bool:
    return word.lower() in ("north", "korean", "korea's", "dprk", "kpa", "pyongyang's")


# --- mentions -------------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    value: str
    quantity: QuantityMatch | None = None
    consumed: bool = False


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    items: list[_Mention] = field(default_factory=list)
    sources: list[_Mention] = field(default_factory=list)
    has_nk: bool = False
    has_ru: bool = False
    has_war: bool = False
    satellite: bool = False


@dataclass
class _Draft:
    kind: str
    item: str
    direction: str | None
    quantity: Number | None
    bound: str | None
    quantity_high: Number | None
    source: str
    since: str | None
    as_of: str | None
    stance: str
    hedged: bool
    span: tuple[int, int]

    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.item, self.direction, self.quantity, self.bound, self.quantity_high, self.stance)

    def family(self) -> tuple[Any, ...]:
        return (self.kind, self.item, self.direction, self.stance)


def _bucket(matches: list[tuple[int, int, str]], starts: list[int], sentences: list[_Sentence], attr: str) -> None:
    for start, end, value in matches:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i].end:
            getattr(sentences[i], attr).append(_Mention(start, end, value))


def _flag(pattern: re.Pattern[str], work: str, starts: list[int], sentences: list[_Sentence], attr: str) -> None:
    for m in pattern.finditer(work):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sentences[i].end:
            setattr(sentences[i], attr, True)


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'-]*")
_MINOR_WORDS = frozenset("a an the of to in on at for and or but with by as from vs via is are over into than".split())


def headline_span(work: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first sentence when it is a headline: a line of its own in Title Case, no full stop."""
    if not spans:
        return None
    start, end = spans[0]
    text = work[start:end]
    if "\n" in text or text.endswith((".", "!", "?", '"', "'")) or len(text) > 200:
        return None
    line_end = work.find("\n", end)
    if work[end:line_end if line_end != -1 else len(work)].strip():
        return None  # more text on the same line: prose, not a headline
    words = _HEADLINE_WORD.findall(text)
    if len(words) < 3:
        return None
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in major if w[0].isupper())
    return (start, end) if major and capitalised / len(major) >= 0.75 else None


# --- the extractor ---------------------------------------------------------------------------------


class _Article:
    """Reads one article. State: the last named source (for pronouns) and learned names."""

    def __init__(self, doc: CleanText, published: dt.date, title: str | None = None) -> None:
        self.doc = doc
        self.work = doc.work
        self.published = published
        spans = split_sentences(self.work)
        head = headline_span(self.work, spans)
        norm_title = " ".join(title.split()).lower() if title else None
        if spans and norm_title and " ".join(self.work[spans[0][0]:spans[0][1]].split()).lower() == norm_title:
            head = spans[0]
        if head is not None:
            spans = spans[1:]
        self.sentences = [_Sentence(i, s, e) for i, (s, e) in enumerate(spans)]
        self.starts = [s.start for s in self.sentences]
        self.last_source: str | None = None
        self.relay: str | None = None  # the agency whose briefing lawmakers relay in this article
        self.names: dict[str, str] = {}
        self._scan()

    def _scan(self) -> None:
        work, starts, sents = self.work, self.starts, self.sentences
        if not sents:
            return
        items = []
        for m in lx.ITEMS.finditer(work):
            items.append((m.start(), m.end(), lx.group_value(m, lx.ITEM_VALUES)))
        _bucket(items, starts, sents, "items")
        sources = []
        for m in lx.SOURCES.finditer(work):
            sources.append((m.start(), m.end(), lx.group_value(m, lx.SOURCE_VALUES)))
        _bucket(sources, starts, sents, "sources")
        _flag(lx.NK, work, starts, sents, "has_nk")
        _flag(lx.RU, work, starts, sents, "has_ru")
        _flag(lx.WAR, work, starts, sents, "has_war")
        for sent in sents:
            sent.satellite = any(m.value in ("reconnaissance_satellite", "satellite_technology", "space_technology") for m in sent.items) or (
                "satellite" in work[sent.start:sent.end].lower()
            )
        for m in _LEARN_NAME.finditer(work):
            self._learn(m)

    def _learn(self, m: re.Match[str]) -> None:
        """'lawmaker Yoo Sang-bum', 'Pentagon spokesman Pat Ryder': later 'Yoo said' is that source."""
        role = m.group("role").lower()
        i = bisect_right(self.starts, m.start()) - 1
        if i < 0:
            return
        owner = None
        if role.startswith(("lawmaker", "legislator", "rep", "representative")):
            owner = "South Korea lawmaker"
        else:
            before = [s for s in self.sentences[i].sources if s.end <= m.start() and m.start() - s.end <= 40]
            if before:
                owner = before[-1].value
        if owner is None:
            return
        parts = re.split(r"[ ]", m.group("name"))
        for token in {parts[0], parts[-1]}:
            if len(token) > 2 and token.lower() not in _MINOR_WORDS:
                self.names.setdefault(token, owner)

    # -- per sentence --------------------------------------------------------------------------------

    def claims(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        prev_nk = False  # the previous sentence named North Korea: "Those shells would..." is about it
        for sent in self.sentences:
            source = self._source(sent)
            if sent.items or self._launch_only(sent):
                drafts.extend(self._read(sent, source, prev_nk))
            prev_nk = sent.has_nk
        return drafts

    def _launch_only(self, sent: _Sentence) -> bool:
        if not _LAUNCH.search(self.work, sent.start, sent.end):
            return False
        lo = max(0, sent.index - _LAUNCH_CONTEXT_WINDOW)
        return any(s.satellite for s in self.sentences[lo : sent.index + 1])

    def _source(self, sent: _Sentence) -> str:
        """Who makes the claims of ``sent``; also updates the pronoun and relay memory."""
        work = self.work
        verbs = list(_ATTRIBUTION.finditer(work, sent.start, sent.end))
        candidates: list[str] = []
        for v in verbs:
            found = self._source_for_verb(sent, v)
            if found and found not in candidates:
                candidates.append(found)
        mention_values = [m.value for m in sent.sources]
        if not candidates and verbs:
            text = work[sent.start:sent.end]
            if _ANAPHOR.match(text) or any(_PRONOUN_SUBJECT.search(work, max(sent.start, v.start() - 20), v.start()) for v in verbs):
                if self.last_source:
                    candidates.append(self.last_source)
        agencies = [c for c in candidates if c in _AGENCIES]
        lawmaker_here = "South Korea lawmaker" in candidates or "South Korea lawmaker" in mention_values
        if lawmaker_here:
            agency_mentions = [v for v in mention_values if v in _AGENCIES]
            if agency_mentions:
                self.relay = agency_mentions[0]
            elif self.relay is None and _BRIEFING_INTEL.search(work, sent.start, sent.end):
                self.relay = "South Korea NIS"
        if agencies and "South Korea lawmaker" in candidates:
            chosen = agencies[0]
        elif candidates:
            chosen = candidates[0]
            if chosen == "South Korea lawmaker" and self.relay:
                chosen = self.relay
        else:
            return "outlet"
        self.last_source = chosen
        return chosen

    def _source_for_verb(self, sent: _Sentence, v: re.Match[str]) -> str | None:
        work = self.work
        word = v.group(0).lower()
        if word.startswith("according") or word.startswith("quot") or word.startswith("cit"):
            after = [m for m in sent.sources if 0 <= m.start - v.end() <= 40]
            if after:
                return after[0].value
            name = self._name_after(v.end(), sent.end)
            return name
        before = [m for m in sent.sources if m.end <= v.start() and v.start() - m.end <= 60]
        if before:
            chosen = before[-1]
            # "Pyongyang and Moscow have denied": the first of conjoined subjects.
            for prev in reversed([m for m in sent.sources if m.end <= chosen.start]):
                gap = work[prev.end:chosen.start].strip().lower()
                if gap in (",", "and", ", and", "&", "or"):
                    chosen = prev
                else:
                    break
            # The nearest name may be a person learned as belonging to another source.
            name = self._name_before(max(sent.start, v.start() - 40), v.start())
            if name and name_pos_after(work, chosen.end, v.start(), name):
                return self.names[name]
            return chosen.value
        name = self._name_before(max(sent.start, v.start() - 40), v.start())
        if name:
            return self.names[name]
        # ", said John Kirby" / ", a Pentagon spokesman said": the source follows the verb.
        after = [m for m in sent.sources if 0 <= m.start - v.end() <= 12]
        if after and word in ("said", "says", "told", "added", "wrote", "noted", "stated"):
            return after[0].value
        name = self._name_after(v.end(), min(sent.end, v.end() + 20))
        return name

    def _name_before(self, lo: int, hi: int) -> str | None:
        m = _NAME_BEFORE.search(self.work, lo, hi)
        if m and m.group(1) in self.names:
            return m.group(1)
        return None

    def _name_after(self, lo: int, hi: int) -> str | None:
        for m in re.finditer(r"[A-Z][a-z]+", self.work[lo:hi]):
            if m.group(0) in self.names:
                return self.names[m.group(0)]
            break
        return None

    # -- claims of one sentence -------------------------------------------------------------------

    def _read(self, sent: _Sentence, source: str, recent_nk: bool) -> list[_Draft]:
        work = self.work
        s, e = sent.start, sent.end
        text = work[s:e]
        self._attach_quantities(sent)
        hedged = bool(_HEDGE.search(work, s, e))
        since_d = resolve_since(text, self.published)
        as_of_d = resolve_as_of(text, self.published)
        common = dict(
            source=source,
            since=since_d.isoformat() if since_d else None,
            as_of=as_of_d.isoformat() if as_of_d else None,
            span=(s, e),
        )
        nk_context = sent.has_nk or recent_nk
        other_supplier = bool(_OTHER_SUPPLIER.search(work, s, e)) and not sent.has_nk
        out: list[_Draft] = []

        mentions = [m for m in sent.items if m.value != "_skip" and self._keep_mention(sent, m)]
        materiel = [m for m in mentions if lx.ITEM_CATEGORY[m.value] in ("materiel", "troops", "personnel")]

        # 1. A party's denial: one claim, on the first thing denied (munitions when unspecified).
        if _DENIAL.search(work, s, e):
            denier = self._denier(sent, source)
            if denier:
                item = materiel[0].value if materiel else "munitions"
                direction = "RU->NK" if lx.ITEM_CATEGORY.get(item) == "technology" else "NK->RU"
                common_d = dict(common, source=denier)
                out.append(_Draft("denial", item, direction, None, None, None, stance="denied", hedged=False, **common_d))
                return out

        # 2. A party's official admission.
        if _CONFIRM.search(work, s, e) and source in _PARTIES and materiel:
            m0 = materiel[0]
            q = m0.quantity
            out.append(self._draft("confirmation", m0.value, "NK->RU", q, hedged, common))
            return out

        # 3. Condemnation, sanctions: one claim on the first transfer item.
        if _CONDEMN.search(work, s, e) and (materiel or sent.has_nk):
            targets = [m for m in materiel if lx.ITEM_CATEGORY[m.value] != "casualty"]
            item = targets[0].value if targets else "munitions"
            if targets or (sent.has_ru and sent.has_nk):
                out.append(_Draft("condemnation", item, "NK->RU", None, None, None, stance="asserted", hedged=hedged, **common))
                return out

        # 4. Supply share: "two months' worth", "half of Russia's shells".
        out.extend(self._supply_share(sent, hedged, common, nk_context))

        tech_resolved = False
        casualty_marks = [m for m in mentions if lx.ITEM_CATEGORY[m.value] == "casualty"]
        battle = bool(_BATTLE.search(work, s, e))
        transfer = bool(_TRANSFER.search(work, s, e))
        production = bool(_PRODUCTION.search(work, s, e))
        for m in mentions:
            cat = lx.ITEM_CATEGORY[m.value]
            q = m.quantity
            if cat == "materiel":
                if other_supplier or not (nk_context or sent.has_ru):
                    continue
                if production and (not transfer or _CAPACITY.search(work, s, e)) and self._near(_PRODUCTION, m, 80):
                    out.append(self._production(sent, m, hedged, common))
                elif transfer and (sent.has_nk or sent.has_ru or sent.has_war or recent_nk):
                    out.append(self._draft("shipment", m.value, "NK->RU", q, hedged, common))
                    if battle and self._battle_use(sent, m):
                        out.append(self._draft("battlefield_use", m.value, "NK->RU", None, hedged, common))
                elif battle and (sent.has_nk or recent_nk) and (sent.has_war or sent.has_ru or "ukrain" in text.lower() or recent_nk):
                    out.append(self._draft("battlefield_use", m.value, "NK->RU", q, hedged, common))
            elif cat == "troops":
                if not (nk_context) or other_supplier:
                    continue
                mark = self._casualty_for(sent, m, casualty_marks)
                if mark is not None:
                    mark.consumed = True
                    qty = mark.quantity or q
                    out.append(self._draft("casualties", _casualty_item(mark.value), None, qty, hedged, common))
                elif _DEPLOY.search(work, s, e) or (q is not None and sent.has_ru):
                    out.append(self._draft("troop_deployment", "troops", "NK->RU", q, hedged, common))
                    if battle and self._battle_use(sent, m):
                        out.append(self._draft("battlefield_use", "troops", "NK->RU", None, hedged, common))
                elif battle and (sent.has_war or sent.has_ru or "kursk" in text.lower()):
                    out.append(self._draft("battlefield_use", "troops", "NK->RU", q, hedged, common))
            elif cat == "personnel":
                if not nk_context or other_supplier:
                    continue
                if _DEPLOY.search(work, s, e) or _TRANSFER.search(work, s, e):
                    out.append(self._draft("personnel_dispatch", m.value, "NK->RU", q, hedged, common))
            elif cat == "casualty":
                if m.consumed or not nk_context:
                    continue
                if m.quantity is not None or self._troops_near(sent, m):
                    out.append(self._draft("casualties", _casualty_item(m.value), None, m.quantity, hedged, common))
            elif cat in ("technology", "tech"):
                item = m.value
                if cat == "tech":
                    item = self._tech_domain(sent)
                if item in ("fighter_jets",) and re.search(r"\b(?:assist\w*|help\w*|improv\w*|upgrad\w*|moderni[sz]\w*|technolog\w*|technical|repair\w*)\b", text, _I):
                    item = "aircraft_technology"
                if not (sent.has_ru or sent.has_nk or recent_nk) or not _RETURN.search(work, s, e):
                    continue
                if self._gives_to_russia(sent, m):
                    continue
                tech_resolved = tech_resolved or item == "satellite_technology"
                out.append(self._draft("technology_transfer", item, "RU->NK", q, hedged, common))
            elif cat == "compensation":
                if not (sent.has_ru or sent.has_nk) or not _RETURN.search(work, s, e):
                    continue
                if not self._flows_to_north(sent, m):
                    continue
                out.append(self._draft("compensation", m.value, "RU->NK", q, hedged, common))
        # Satellite launches: named, or "the third launch" while satellites are the topic.
        if not tech_resolved and _LAUNCH.search(work, s, e) and self._launch_only(sent):
            if not any(d.kind == "technology_transfer" and d.item in ("satellite_technology", "space_technology") for d in out):
                out.append(self._draft("satellite_launch", "reconnaissance_satellite", None, None, hedged, common))
        return out

    # -- helpers -------------------------------------------------------------------------------------

    def _draft(self, kind: str, item: str, direction: str | None, q: QuantityMatch | None, hedged: bool, common: dict[str, Any]) -> _Draft:
        if q is None:
            return _Draft(kind, item, direction, None, None, None, stance="asserted", hedged=hedged, **common)
        return _Draft(kind, item, direction, q.quantity, q.bound, q.quantity_high, stance="asserted", hedged=hedged, **common)

    def _keep_mention(self, sent: _Sentence, m: _Mention) -> bool:
        work = self.work
        before = work[max(sent.start, m.start - 40) : m.start]
        cat = lx.ITEM_CATEGORY.get(m.value)
        if cat in ("materiel", "troops", "personnel"):
            if _CONTENTS_BEFORE.search(before) and m.quantity is None:
                return False  # "containers of military equipment and munitions": contents, not a claim
            own = _OTHER_OWNER.search(work[max(sent.start, m.start - 30) : m.start])
            if own and not _NK_OWNER.search(work[max(sent.start, m.start - 30) : m.start]):
                return False  # "Russian munition demands", "Ukrainian soldiers"
            if _SAYING_AFTER.match(work, m.end, sent.end):
                return False  # "military experts say": a source, not a thing sent
        if m.value == "troops":
            word = work[m.start:m.end].lower()
            if word in ("forces", "force") and not _NK_OWNER.search(before[-25:]) and m.quantity is None:
                return False
        return True

    def _attach_quantities(self, sent: _Sentence) -> None:
        """Give each item the amount that qualifies it: "more than 1,000 containers", "troops numbering 11,000"."""
        work = self.work
        quantities = find_quantities(work, sent.start, sent.end)
        if not quantities:
            return
        items = [m for m in sent.items if m.value != "_skip"]
        used: set[int] = set()
        for qi, q in enumerate(quantities):
            for m in items:
                if m.start < q.end:
                    continue
                if m.quantity is None and _gap_ok(work[q.end:m.start]):
                    m.quantity = q
                    used.add(qi)
                break_gap = m.start - q.end > 80
                if m.quantity is q or break_gap:
                    break
        for m in items:
            if m.quantity is not None:
                continue
            for qi, q in enumerate(quantities):
                if qi in used or q.start < m.end or q.start - m.end > 70:
                    continue
                if _LINK_AFTER.match(work[m.end:q.start]):
                    m.quantity = q
                    used.add(qi)
                break

    def _near(self, pattern: re.Pattern[str], m: _Mention, window: int) -> bool:
        return bool(pattern.search(self.work, max(0, m.start - window), m.end + window))

    def _production(self, sent: _Sentence, m: _Mention, hedged: bool, common: dict[str, Any]) -> _Draft:
        cap = _CAPACITY.search(self.work, sent.start, sent.end)
        if cap:
            frac = parse_fraction(cap.group("frac") or cap.group("frac2") or "")
            if frac.quantity is not None:
                if (cap.group("frac") or "").lower() in ("maximum", "max", "peak"):
                    frac = type(frac)(1.0, "exact", None)
                return _Draft("production", m.value, None, frac.quantity, frac.bound, None, stance="asserted", hedged=hedged, **common)
            if (cap.group("frac") or "").lower() in ("maximum", "max", "peak"):
                return _Draft("production", m.value, None, 1.0, "exact", None, stance="asserted", hedged=hedged, **common)
        return self._draft("production", m.value, None, m.quantity, hedged, common)

    def _supply_share(self, sent: _Sentence, hedged: bool, common: dict[str, Any], nk_context: bool) -> list[_Draft]:
        work = self.work
        s, e = sent.start, sent.end
        if not (nk_context or sent.has_ru):
            return []
        out: list[_Draft] = []
        if "month" in work[s:e].lower() and _SUPPLY_CONTEXT.search(work, s, e):
            for q in find_quantities(work, s, e):
                tail = _MONTHS_SUPPLY.match(work, q.end, e)
                if not tail:
                    continue
                bound = q.bound
                if bound == "exact" and _ABOUT_BEFORE.search(work, max(s, q.start - 40), q.start):
                    bound = "about"
                out.append(_Draft("supply_share", "months_of_supply", "NK->RU", q.quantity, bound, q.quantity_high,
                                  stance="asserted", hedged=hedged, **common))
                break
        share = _SHARE.search(work, s, e) or _SHARE_AFTER.search(work, s, e)
        if share:
            frac = parse_fraction(((share.group("pre") or "") + " " + share.group("frac")).strip())
            if frac.quantity is not None:
                out.append(_Draft("supply_share", "share_of_supply", "NK->RU", frac.quantity, frac.bound, None,
                                  stance="asserted", hedged=hedged, **common))
        return out

    def _casualty_for(self, sent: _Sentence, troops: _Mention, marks: list[_Mention]) -> _Mention | None:
        """A casualty word that turns "3,000 North Korean soldiers" into 3,000 killed or wounded."""
        work = self.work
        for mark in marks:
            if mark.consumed:
                continue
            if mark.start >= troops.end:
                gap = work[troops.end:mark.start]
                if len(gap) <= 50 and not re.search(r"[;:]|\b(?:and|but)\s+(?:\d|about|around)", gap):
                    if mark.quantity is None or troops.quantity is None:
                        return mark
            elif troops.start - mark.end <= 30 and troops.quantity is not None:
                # "killed or wounded 3,000 North Korean soldiers", "captured two North Korean soldiers"
                return mark
        return None

    def _troops_near(self, sent: _Sentence, mark: _Mention) -> bool:
        return any(m.value == "troops" for m in sent.items) or bool(_NK_OWNER.search(self.work, max(sent.start, mark.start - 60), mark.start))

    def _battle_use(self, sent: _Sentence, m: _Mention) -> bool:
        """Shipped and also used: a combat verb in its own clause after the item."""
        work = self.work
        after = work[m.end:sent.end]
        hit = _BATTLE.search(after)
        return bool(hit) and bool(re.search(r"\b(?:which|that|and|were|was|have|has|had|being|been)\b", after[: hit.start()], _I))

    def _tech_domain(self, sent: _Sentence) -> str:
        text = self.work[sent.start:sent.end]
        for item, pattern in lx.TECH_DOMAINS:
            if pattern.search(text):
                return item
        return "military_technology"

    def _gives_to_russia(self, sent: _Sentence, m: _Mention) -> bool:
        """"North Korea provided Russia with drones" is not a technology transfer to the North."""
        return m.value in ("drone_technology",) and not re.search(r"\b(?:from\s+Russia|Russian)\b", self.work[sent.start:sent.end])

    def _flows_to_north(self, sent: _Sentence, m: _Mention) -> bool:
        text = self.work[sent.start:sent.end]
        if re.search(r"\bin\s+(?:return|exchange)\b|\bas\s+(?:payment|compensation)\b", text, _I):
            return True
        if re.search(r"\b(?:to|for)\s+(?:North\s+Korea|Pyongyang|the\s+North)\b", text):
            return True
        if re.search(r"\b(?:North\s+Korea|Pyongyang|the\s+North)\b[\w\s,'-]{0,40}\b(?:receiv\w*|get|gets|got|obtain\w*|import\w*|earn\w*|paid|secur\w*)\b", text, _I):
            return True
        if re.search(r"\b(?:Russia|Moscow|Russian)\b[\w\s,'-]{0,40}\b(?:provid\w*|suppl\w*|sen[dt]|ship\w*|deliver\w*|export\w*|gave|giv\w*|pa(?:id|y\w*)|transfer\w*)\b", text, _I):
            return True
        return False

    def _denier(self, sent: _Sentence, source: str) -> str | None:
        """The party that denies: Russia or North Korea, as subject of the denial."""
        if source in _PARTIES:
            return source
        for v in _DENY_VERB.finditer(self.work, sent.start, sent.end):
            before = [m for m in sent.sources if m.end <= v.start() and v.start() - m.end <= 60 and m.value in _PARTIES]
            if before:
                chosen = before[-1]
                for prev in reversed([m for m in sent.sources if m.end <= chosen.start]):
                    if self.work[prev.end:chosen.start].strip().lower() in (",", "and", ", and") and prev.value in _PARTIES:
                        chosen = prev
                    else:
                        break
                return chosen.value
        return None


def name_pos_after(work: str, lo: int, hi: int, name: str) -> bool:
    """True when ``name`` occurs between ``lo`` and ``hi`` (it is nearer the verb than the table hit)."""
    return work.find(name, lo, hi) != -1


def _casualty_item(value: str) -> str:
    return "killed_or_wounded" if value in ("casualties", "killed_or_wounded") else value


_GAP_ADJECTIVES_ED = frozenset(
    "armed guided unguided advanced improved upgraded modified estimated additional so-called alleged".split()
)


def _gap_ok(gap: str) -> bool:
    """Only modifiers between an amount and its noun: "1,000 North Korean-made 152mm shells".

    A verb ("included"), a preposition or another plural noun ("two countries ... ammo") in
    between means the amount counts something else.
    """
    if len(gap) > 60 or re.search(r"[,;:()\"]", gap):
        return False
    words = re.findall(r"[\w'.-]+", gap)
    if len(words) > 5:
        return False
    for w in words:
        lw = w.lower().strip(".")
        if lw in _GAP_BREAK or re.fullmatch(r"\d[\d,.]*", lw):
            return False
        if "-" not in lw and lw.endswith("ed") and lw not in _GAP_ADJECTIVES_ED:
            return False
        if lw.endswith("s") and not lw.endswith(("'s", "ss")) and len(lw) > 3 and lw not in ("forces", "arms", "koreans"):
            return False
    return True


def _fold(drafts: list[_Draft]) -> list[_Draft]:
    """Keep the first statement of each fact; drop figure-less restatements of a figured fact."""
    figured = {d.family() for d in drafts if d.quantity is not None}
    seen: set[tuple[Any, ...]] = set()
    kept: list[_Draft] = []
    for d in drafts:
        if d.quantity is None and d.family() in figured:
            continue
        key = d.key()
        if key in seen:
            first = next(k for k in kept if k.key() == key)
            if first.since is None and d.since is not None:
                first.since = d.since
            continue
        seen.add(key)
        kept.append(d)
    return kept


def extract_from_clean(doc: CleanText, published: dt.date, title: str | None = None) -> list[Claim]:
    """Claims of an already-cleaned article; spans index ``doc.source``."""
    article = _Article(doc, published, title)
    drafts = _fold(article.claims())
    claims = []
    for i, d in enumerate(drafts, 1):
        s, e = d.span
        claims.append(
            Claim(
                id=f"c{i}", kind=d.kind, item=d.item, direction=d.direction, quantity=d.quantity, bound=d.bound,
                quantity_high=d.quantity_high, source=d.source, since=d.since, as_of=d.as_of, stance=d.stance,
                hedged=d.hedged, evidence=doc.source[s:e], span=(s, e),
            )
        )
    return claims


def extract_claims(text: str, published: dt.date, title: str | None = None) -> list[Claim]:
    """Claims of one article, in text order, ids "c1", "c2"...

    ``text`` is plain text (spans index it) or HTML (spans index the extracted text).
    ``published`` anchors "since August", "last month", "on Wednesday".
    """
    return extract_from_clean(clean(text), published, title)
