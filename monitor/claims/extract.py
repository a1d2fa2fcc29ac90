"""Claims from an article: pure functions, text in, claims out.

The pipeline for one article:

1. :func:`monitor.claims.textclean.clean` blanks page residue and folds quotes; offsets are kept.
2. :func:`monitor.claims.sentences.split_sentences` cuts the text into sentences.
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
extracted from the markup for HTML (see :mod:`monitor.claims.textclean`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from monitor.claims import lexicon as lx
from monitor.claims.quantities import QuantityMatch, find_quantities, parse_fraction
from monitor.claims.sentences import split_sentences
from monitor.claims.textclean import CleanText, clean
from monitor.claims.timerefs import resolve_as_of, resolve_since, statement_date, strip_dateline

__all__ = ["CLAIM_FIELDS", "EXTRACTOR_VERSION", "Claim", "extract_claims", "extract_from_clean", "headline_span"]

#: Bumped whenever extraction output can change, so stored claims can be re-derived.
EXTRACTOR_VERSION = "claims-2026.12.2"

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
    r"|gave|giv(?:e|es|en|ing)|hand(?:ed|ing)?\s+over|arm(?:ed|ing)\b|arms\s+(?:Russia|Moscow)\b|equipp(?:ed|ing)|receiv(?:e|es|ed|ing)"
    r"|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|purchas(?:e|es|ed|ing)|bought|buy(?:s|ing)?|import(?:s|ed|ing)?"
    r"|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|mov(?:e|es|ed|ing)|transport(?:s|ed|ing)?|load(?:s|ed|ing)|cross(?:es|ed|ing)|smuggl\w*|funnel\w*"
    r"|pour(?:s|ed|ing)|flow(?:s|ed|ing)?|bound\s+for|destined\s+for|in\s+(?:exchange|return)|reinforc\w*|bolster\w*|join(?:s|ed|ing)?|contribut\w*"
    r"|(?:in|to|into|inside)\s+Russia|Kursk|to\s+the\s+front|pledg\w*|promis\w*|offer(?:s|ed|ing)?|rotat\w*"
    r"|transit\w*|(?:from|by)\s+(?:North\s+Korea|Pyongyang)|replenish\w*|exchang\w*|cargo|freight|consignments?"
    r"|flatcars?|railway|rail|trains?|by\s+sea|vessels?|ships?|tankers?|port|handing|handed|hand(?:s|ing)?\s+(?:over|Russia|Moscow)"
    r"|came\s+from\s+North\s+Korea|come\s+from\s+North\s+Korea)\b",
    _I,
)
# Where a thing was made, not that it moved: a shipment only when nothing else is said of it.
_PROVENANCE = re.compile(
    r"\b(?:(?:North\s+Korean|Pyongyang|DPRK)[- ](?:made|supplied|produced|manufactured|built|designed)|made\s+in\s+North\s+Korea"
    r"|of\s+North\s+Korean\s+(?:origin|design|make)|North\s+Korean\s+design)\b",
    _I,
)
_NEGATED_BEFORE = re.compile(r"\b(?:not|n't|never|no)\b(?:\s+[\w'-]+){0,4}\s*$", _I)
# Deployment of people: narrower than _TRANSFER ("received" troops is odd, "in Russia" is not).
_DEPLOY = re.compile(
    r"\b(?:sen[dt]s?|sending|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|transport(?:s|ed|ing)?|mov(?:e|es|ed|ing)|ship(?:s|ped|ping)|airlift\w*|fl(?:y|ies|ying|own|ew)|reinforc\w*|bolster\w*"
    r"|(?:to|into)\s+(?:Russia|Kursk|the\s+Kursk|Russia's\s+Kursk|the\s+Russian\s+Far\s+East|Vladivostok|Ukraine|the\s+front)"
    r"|contribut\w*|rotat\w*|replac(?:e|es|ed|ing|ements?)|train(?:s|ed|ing)?\s+(?:in|at)|mobiliz\w*|mobilis\w*|assign\w*|serv(?:e|es|ed|ing)\s+(?:in|with)"
    r"|additional|more\s+troops|extra|bring|brought|supplied|provid\w*"
    r"|pledg\w*|promis\w*|headed|heading|crossed|entered|bound\s+for|destined\s+for|expeditionary|returning|returned|withdr[ae]w\w*)\b",
    _I,
)
# Where people are rather than that they were sent: counts only when no combat is mentioned.
_PRESENCE = re.compile(
    r"\b(?:join(?:s|ed|ing)?|remain(?:s|ed)?\s+in|(?:work|working|worked|serv\w+|operat\w+)\s+(?:alongside|with|in|for)|alongside\s+Russian"
    r"|(?:in|inside)\s+(?:Russia|Kursk|the\s+Kursk|Russia's\s+Kursk|the\s+Russian\s+Far\s+East|the\s+Far\s+East|Vladivostok|Moscow"
    r"|St\.?\s+Petersburg|Siberia|Primorye|Khabarovsk|Donetsk|the\s+area|the\s+region))\b",
    _I,
)
_RETURN = re.compile(
    r"\b(?:in\s+(?:return|exchange)|as\s+(?:payment|compensation|a\s+reward)|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|gotten"
    r"|obtain\w*|acquir\w*|gain(?:s|ed|ing)?|secur(?:e|es|ed|ing)|access|provid\w*|giv(?:e|es|en|ing)|gave|transfer\w*"
    r"|shar(?:e|es|ed|ing)|offer\w*|suppl(?:y|ies|ied|ying)|sen[dt]s?|sending|ship(?:s|ped|ping|ments?)?|deliver\w*"
    r"|export\w*|help(?:s|ed|ing)?|assist\w*|aid(?:s|ed|ing)?|advice|advis\w*|support(?:s|ed|ing)?|seek(?:s|ing)?|sought"
    r"|teach\w*|taught|train(?:s|ed|ing)?|upgrad\w*|moderni[sz]\w*|improv\w*|repay\w*|paid|pay(?:s|ing|ment|ments)?|earn(?:s|ed|ing)?"
    r"|reward\w*|compensat\w*|benefit\w*|boost\w*|bolster\w*|cooperat\w*|know-how|assistance|reach(?:ed|es|ing)?|arriv\w*"
    r"|hand(?:s|ed|ing)?\s+over|handover|transferr\w*)\b",
    _I,
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial|ials)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?"
    r"|baseless|groundless|unfounded|fabricat\w*|fake|absurd|nonsense|lies|slander\w*|smear\w*"
    r"|false\s+(?:claims?|reports?|rumou?rs?|information)|never\s+(?:sent|supplied|provided|received|transferred|shipped|deployed|exported)"
    r"|(?:no|not\s+any)\s+(?:such|truth)|not\s+true|untrue|rumou?rs|inventions?|ridiculous|fiction|hoax|propaganda|smear|speculation"
    r"|(?:had|has|have|did|does|do|was|were)(?:\s+not|n't)\s+(?:\w+\s+)?(?:received?|sent|send|supplied|supply|provided|provide|transferred|transfer|shipped|ship|deployed|deploy|acquired|bought|purchased|delivered|deliver|helped|help)"
    r"|never\s+(?:received|sent|supplied|provided|helped|had))\b",
    _I,
)
# Refusing to comment is not denying.
_NON_DENIAL = re.compile(
    r"\bneither\s+confirm(?:ed|s)?\s+nor\s+denie[ds]|\b(?:declin(?:ed|es|ing)|refus(?:ed|es|ing))\s+to\s+(?:confirm|comment|deny|discuss|say|elaborate)"
    r"|\b(?:would|could|did)\s+not\s+(?:confirm|comment|discuss)"
    r"|\bnot\s+deem\s+it\s+necessary\s+to\s+comment|\bno\s+comment\b",
    _I,
)
_DENY_VERB = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|call(?:s|ed|ing)?"
    r"|(?:had|has|have|did|does|do|was|were)(?:\s+not|n't)|never)\b",
    _I,
)
_CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|acknowledg\w*|admit(?:s|ted|ting)?|admissions?|officially\s+(?:announced|disclosed|revealed|said)"
    r"|publicly\s+(?:stated|said)|for\s+the\s+first\s+time\s+(?:publicly\s+)?(?:acknowledged|admitted|confirmed|disclosed)"
    r"|thank(?:s|ed|ing)?\s+(?:[\w'-]+\s+){0,6}?for\s+(?:sending|dispatching|deploying|providing|supplying|their|its))\b",
    _I,
)
_CONDEMN = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|censur\w*|blacklist\w*|decr(?:y|ied|ies)|slamm?(?:ed|s)?|criticiz\w*|criticis\w*"
    r"|(?:impos\w+|announc\w+|slapp?\w*|levied|levy|unveil\w*|issu\w+|adopt\w*|introduc\w*)\s+(?:new\s+|fresh\s+|additional\s+|further\s+)?sanctions"
    r"|sanction(?:ed|ing)\b|new\s+sanctions|sanctions\s+(?:on|against|targeting)|designat(?:ed|es|ing)|protest(?:ed|s)?\s+(?:against|over)"
    r"|(?:joint\s+)?statement\s+(?:that\s+)?(?:strongly\s+)?(?:condemn\w*|denounc\w*)"
    r"|(?:demand|urge|call)(?:s|ed)?\s+(?:on\s+)?(?:North\s+Korea|Pyongyang|Russia|Moscow)\s+to\s+(?:stop|halt|cease|end|withdraw)"
    r"|(?:newly\s+)?listed|listings|restrictive\s+measures|sanctions\s+package|asset\s+freezes?|travel\s+bans?"
    r"|(?:serious|significant|dangerous|grave|concerning|major)\s+(?:and\s+\w+\s+)?escalation|flagrant\s+(?:violations?|breach)"
    r"|raise\s+(?:it|this|the\s+issue|the\s+matter)\s+at\s+the\s+(?:UN\s+|U\.N\.\s+)?Security\s+Council)",
    _I,
)
_BATTLE = re.compile(
    r"\b(?:fir(?:e|es|ed|ing)\b(?!\s+(?:back|from\s+(?:their|his|her)\s+post))|launch(?:ed|es|ing)?\s+(?:at|against|on|into|toward|towards)\b"
    r"|(?<!\bfor\s)us(?:e|ed|es|ing)\s+(?:by\s+Russia|by\s+Russian|against|in\s+(?:Ukraine|combat|battle|the\s+war|attacks?|strikes?)|on\s+the\s+(?:battlefield|front)|to\s+(?:strike|attack|hit|shell|bombard|target|pound))"
    r"|launch(?:ed|es|ing)\b(?=[^.]{0,60}\b(?:at|against|into|on)\s+(?:Ukrain|Kyiv|Kharkiv|Zaporizhzhia|Odesa|Dnipro|cities|towns|targets|civilian))"
    r"|us(?:e|ed|es|ing)\b(?=[^.]{0,50}\b(?:against|on\s+the\s+(?:battlefield|front)))|destroy(?:ed|s|ing)?|blew\s+up|blow\s+up|lost\s+(?:their|its)\s+course"
    r"|fell\s+short|missed|crash(?:ed|es)|drive\s+(?:\w+\s+){0,3}out|drove\s+(?:\w+\s+){0,3}out|expel\w*|oust\w*"
    r"|(?:Russia|Moscow|Russian\s+(?:forces|troops|crews|units|gunners)|the\s+Russian\s+(?:military|army))\s+(?:has\s+|have\s+|had\s+)?(?:been\s+)?us(?:e|ed|es|ing)"
    r"|fail(?:s|ed|ing)?\s+to\s+(?:detonate|explode|fire|hit|reach)|misfir\w*|fall(?:s)?\s+short"
    r"|struck|strik(?:e|es|ing)|\bhit(?:s|ting)?\b|attack(?:s|ed|ing)?|shelling|shelled|bombard\w*|pound(?:s|ed|ing)"
    r"|fight(?:s|ing)?|fought|combat|battle(?:field|s)?|front[- ]?lines?|assault(?:s|ed|ing)?|offensive|clash(?:es|ed)?"
    r"|engag(?:ed|ing)\s+(?:in\s+)?(?:combat|fighting|Ukrainian)|failure\s+rate|malfunction\w*|misfir\w*|explod\w*|exploded"
    r"|inaccura\w*|accura\w*|duds?|defective|debris|wreckage|fragments|remnants|target(?:ed|ing)|killed\s+civilians|kill(?:s|ed|ing)?\s+(?:Ukrainian|civilians)"
    r"|recaptur\w*|retak\w*|liberat\w*|counter-?offensive|incursion|operations?\s+in\s+Kursk"
    r"|(?:took|taken|take|takes|taking)\s+part\s+in\s+(?:the\s+)?(?:fighting|combat|battles?|operations?|hostilities|offensives?|assaults?|liberation|freeing|defen[cs]e|war)"
    r"|free(?:d|ing)?\s+(?:the\s+)?(?:Kursk|territor(?:y|ies)|region|area|villages?|towns?))\b",
    _I,
)
_PRODUCTION = re.compile(
    r"\b(?:produc(?:e|es|ed|ing|tion)|output|manufactur\w*|factor(?:y|ies)|(?:munitions?|arms|weapons?)\s+plants?|capacity|mass[- ]produc\w*"
    r"|assembly\s+lines?|production\s+lines?|lines\s+making|mak(?:e|es|ing)\s+(?:shells|munitions|ammunition|rockets|missiles)"
    r"|arsenals?|full\s+throttle|round[- ]the[- ]clock|ramp(?:ed|ing)?\s+up\s+production)\b",
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
    r"|speculat\w*|concerns?\b|feared|fears|hint(?:s|ed)?|perhaps|maybe|potential(?:ly)?|presumably|claim(?:s|ed)?"
    r"|possibilit(?:y|ies)|rule\s+out|almost\s+certainly|will\s+have|on\s+track\s+to)\b"
    r"|(?-i:\bmay\b)",
    _I,
)
# Modal hedges qualify only their own clause ("..., which could hold up to 5.2 mln shells");
# the others (believes, likely, reportedly) qualify everything said after them.
_MODAL_HEDGE = re.compile(r"\b(?:could|might|would|can\s+hold|enough\s+to\s+(?:hold|carry|fill)|capable\s+of\s+holding)\b|(?-i:\bmay\b)", _I)
# Every _MODAL_HEDGE match holds one of these (lowercase) stems.
_MODAL_STEMS = re.compile(r"could|might|would|can\s+hold|enough\s+to|capable|may")
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-\u2014]\s|\b(?:which|that|but|while|whereas|although)\b", _I)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|stated|states|noted|notes|claimed|claims|claim"
    r"|believ(?:e|es|ed)|estimat(?:e|es|ed)|assess(?:es|ed)?|report(?:s|ed)?|announc(?:e|es|ed)|confirm(?:s|ed)?"
    r"|den(?:y|ies|ied)|dismiss(?:es|ed)|reject(?:s|ed)|warn(?:s|ed)|alleg(?:e|es|ed|ing)|accus(?:e|es|ed|ing)"
    r"|(?:has|have|had)\s+learned|learned|disclos(?:e|es|ed)|reveal(?:s|ed)|brief(?:s|ed)|wrote|writes|posted"
    r"|indicat(?:e|es|ed)|suggest(?:s|ed)|conclud(?:e|es|ed)|assert(?:s|ed)|describ(?:e|es|ed)|explain(?:s|ed)"
    r"|insist(?:s|ed)|acknowledg(?:e|es|ed)|admit(?:s|ted)|thank(?:s|ed)|condemn(?:s|ed)|call(?:s|ed)|identif(?:y|ies|ied)"
    r"|detect(?:s|ed)|observ(?:e|es|ed)|found|track(?:s|ed)|judg(?:e|es|ed)|think|thinks|understands|voic(?:e|es|ed)"
    r"|show(?:s|ed)|showing|quot(?:e|es|ed)|cit(?:e|es|ed)|according\s+to|in\s+a\s+statement|statement|spokes(?:man|woman|person)"
    r"|sees|expects?|expected|fears?|feared|hint(?:s|ed)|suspect(?:s|ed)?|estimates?|puts?\s+the\s+(?:number|figure|total)|count(?:s|ed)|issu(?:e|es|ed)\s+a\s+(?:press\s+)?statement)\b",
    _I,
)
_ANAPHOR = re.compile(
    r"^(?:[\"'(]?)(?:But\s+|And\s+|However,?\s+|Still,?\s+|Meanwhile,?\s+|Also,?\s+)?"
    r"(?:It|He|She|They|The\s+(?:agency|spy\s+agency|intelligence\s+agency|service|ministry|office|official|officials|lawmaker|lawmakers|"
    r"statement|report|assessment|briefing|spokesman|spokeswoman|spokesperson|minister|president|military|army|command|council))\b",
)
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:it|he|she|they|the\s+(?:agency|ministry|official|minister|president|spokes(?:man|woman|person)|lawmaker|envoy"
    r"|ambassador|prosecutor|report|statement|panel|institute|council|commander|general))\s+(?:also\s+|later\s+|then\s+)?$",
    _I,
)
_LEARN_NAME = re.compile(
    r"\b(?P<role>lawmakers?|legislators?|Rep\.|Representative|spokes(?:man|woman|person)|[Mm]inister|official|adviser|advisor"
    r"|General|Gen\.|Lt\.\s+Gen\.|Col\.|[Dd]irector|chief|[Cc]ommander|President|Secretary|Ambassador|envoy|[Ss]ecretary)\s+"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z]+)?(?:\s[A-Z][a-z]+(?:-[A-Za-z]+)?){0,2})"
)
_NAME_BEFORE = re.compile(r"([A-Z][a-z]+(?:-[a-z]+)?)(?:'s)?\s*,?\s*$")
# A country's name is a source only as the plain subject of a verb ("Russia denied"), never
# as an object or a place ("shipped to Russia, officials said").
_OBJECT_BEFORE = re.compile(r"\b(?:to|from|with|for|in|into|of|by|on|against|between)\s+$", _I)
# "an estimated 6,000 men", "the reported transfer": a participle used as an adjective says who nothing.
_ADJECTIVE_USE = re.compile(r"\b(?:an?|the)\s+$", _I)
# "The North is believed to have sent...": in the passive, the subject is not who says so.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:also\s+|widely\s+|now\s+|still\s+|generally\s+)?$", _I)
# "ambassador to the United Nations", "a meeting at the Kremlin": a place or addressee, not a speaker.
_PLACE_OBJECT_BEFORE = re.compile(r"\b(?:to|at|from|with|for|in|into|against|between)\s+(?:the\s+)?$", _I)
_BARE_COUNTRY = re.compile(
    r"(?:North\s+Korea|the\s+North|Pyongyang|Russia|Moscow|South\s+Korea|Seoul|Japan|Tokyo|Washington|the\s+United\s+States|the\s+U\.?S\.?)",
    _I,
)
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
    r"Iranian|Iran's|European|Polish|German|British|Japanese|Kyiv's|Moscow's|Seoul's|own)\s+"
    r"(?:(?!(?:that|which|who|claims?|reports?|allegations?|accusations?|says?|said)\b)[\w-]+\s+){0,2}$",
)
_NK_OWNER = re.compile(r"\b(?:North\s+Korean?|North\s+Korea's|DPRK|KPA|Pyongyang's|N\.\s?Korean)\b")
_SAYING_AFTER = re.compile(r"\s*(?:say|says|said|believe|believes|told|note|noted|warn|warned|argue|argued|estimate)\b", _I)
# Arms for Ukraine, or from a third country: not this story even inside a relevant article.
_OTHER_FLOW = re.compile(
    r"\b(?:to|for)\s+Ukraine\b|\bUkraine\s+(?:has\s+|had\s+)?(?:received|receives|got|gets|bought)\b|\bCzech\w*|\b(?:U\.?S\.?|American|Western|European)[- ](?:made|supplied|built)\b",
    _I,
)
_HYPOTHETICAL_BEFORE = re.compile(r"\brather\s+than\s+(?:be\s+|being\s+)?(?:[\w-]+\s+){0,2}$", _I)
_BACKGROUND_CLAUSE = re.compile(
    r"\b(?:since|after|before|until|ever\s+since)\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|early|late|mid|last|the\s+(?:start|beginning|end))\b)"
    r"(?:[A-Z][\w'-]*|the\s+North|it|they)\b[^,;]{0,60}$",
)
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
    r"(?=\s+(?:of\s+(?:the\s+|all\s+)?(?:Russia's|Moscow's|the\s+Russian\s+army's|the\s+Russian\s+military's)\s*(?:[\w-]+\s+){0,2}(?:shells|ammunition|ammo|munitions|artillery|rounds|missiles|supplies|needs|fire)"
    r"|of\s+(?:the\s+|all\s+)?(?:artillery\s+|[\w-]+\s+)?(?:shells|ammunition|munitions|rounds)\s+(?:that\s+|which\s+)?(?:(?:are|were|being|now)\s+)*"
    r"(?:fired|used|hitting|landing|falling|striking|expended|Russia|Moscow|the\s+Russian)))",
    _I,
)
_SHARE_AFTER = re.compile(
    r"\b(?:account(?:s|ed|ing)?\s+for|make(?:s)?\s+up|made\s+up|comprise[sd]?|represent(?:s|ed)?)\s+"
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|the\s+bulk|most|the\s+majority)",
    _I,
)
_PRIOR_SHARE = re.compile(
    r"\b(?:down|up)\s+from\s+(?P<frac>(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more\s+than\s+|over\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|two[- ]thirds|a\s+quarter|three[- ]quarters))",
    _I,
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|such|this|that|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", _I)
_ADDITIONAL_BEFORE = re.compile(r"\b(?:more|additional|further|extra|fresh|new)\s+(?:[\w-]+\s+)?$", _I)
_TRAILING_ATTRIBUTION = re.compile(r",\s+(?:[\w'-]+\s+){0,6}$")
_TRAILING_END = re.compile(r"\s*(?:[.,;!?\"']|$)|\s+(?:on|in|last|this|that)\b")
_ESTIMATE_SOURCE = re.compile(r"according\s+to\s+(?:\w+\s+)?(?:estimates?|assessments?)", _I)
_CAPACITY = re.compile(
    # the hedge stands either side of "at": "almost at full capacity", "at almost full capacity"
    r"\b(?:(?P<near_at>(?:close\s+to|nearly|almost|about|around|roughly)\s+)(?=at\s))?"
    r"(?:at\s+)?(?P<near>(?:close\s+to|near|nearly|almost|about|around|roughly|approaching)\s+)?(?P<frac>full|(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|only\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|maximum|max|peak)"
    r"\s+(?:of\s+(?:their\s+|its\s+)?)?(?:production\s+)?capacity\b"
    r"|\bat\s+(?P<frac3>full)\s+(?:tilt|throttle|steam|speed|stretch)\b|\b(?P<frac4>round[- ]the[- ]clock)\b"
    r"|\bcapacity\s+(?:of|at)\s+(?P<frac2>(?:about\s+|around\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent))",
    _I,
)
_LAUNCH_CONTEXT_WINDOW = 2
_GAP_BREAK = frozenset(
    """to from in into on at for by with and or but was were is are have has had been be being that which who
    than since as per each an over about around up including such between across through via while after before
    said says sent shipped delivered supplied provided transferred exported fired used killed wounded captured
    if when where because so then this these those it they he she we its their his her our less fewer""".split()
)


# The word index and the gated cue regexes live in the lexicon, shared with relevance.
_WordIndex = lx.WordIndex
_Gated = lx.Gated


_READ_TRIGGER = re.compile(
    r"\b(?:help|assist|support|advi[cs]e|technolog|technical|know-how|expertise|more|condemn|denounc|deplor|sanction"
    r"|listed|listings|restrictive|escalation|raise\s+it|deployment|months?|percent|half|third|quarter|satellite|launch"
    r"|weapon|missile|systems|transfers|shipments|deliveries|accura|precision|failure\s+rate|reliab|performance"
    r"|den(?:y|ies|ied|ial)|reject|dismiss|refut|fake|lies\b|baseless|groundless|unfounded|absurd|nonsense"
    r"|admit|admission|acknowledg|confirm)|[$%]",
    _I,
)

# --- contextual patterns ---
# (gated cues are defined after their patterns, below)-------------------------------------------------------------------

# A question asks; it claims nothing, whatever it names.
_QUESTION_END = re.compile(r"\?[\"'\u201d\u2019)]*\s*$")
_CONDITIONAL = re.compile(r"^[\"'(]?(?:If|Whether|Unless|Should|Were)\b")
# "help(ed) North Korea with its satellite and missile programmes": help aimed at a domain.
_TECH_ASSIST = re.compile(
    r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing|ance)?|support(?:s|ed|ing)?|advice|advis(?:e|ed|ing)|aid(?:s|ed|ing)?"
    r"|technolog(?:y|ies|ical)|tech|know-how|expertise|technical)\b"
    r"(?:\s+[\w'-]+){0,7}?\s+(?:satellites?|space|spy\s+satellite|missiles?|nuclear(?![- ](?:armed|capable|powered|tipped))|submarines?"
    r"|drones?|aircraft|fighter|airframes?|avionics|fleets?|air\s+force|launch\s+vehicles?|rocket\s+engines?|engines?)\b",
    _I,
)
# Help from Russia, unnamed: "Russian assistance", "help from Moscow".
# "... satellite and missile programmes": further domains joined to the first one.
_DOMAIN_LIST = re.compile(
    r"(?:\s+(?:weapons?|programmes?|programs?|projects?|capabilit(?:y|ies)|development))?"
    r"(?:\s*(?:,|and|or)\s*(?:its\s+|the\s+|their\s+)?(?:satellites?|space|missiles?|nuclear|submarines?|drones?|aircraft|fighter\s+jets?))+",
    _I,
)
_LAUNCH_PLACE = re.compile(r"\b(?:complex(?:es)?|pads?|sites?|facilit(?:y|ies)|cent(?:er|re)s?|devices?|vehicles?|rockets?)\b", _I)
_LAUNCH_OUTCOME = re.compile(
    r"\b(?:fail\w*|success\w*|attempt\w*|orbit\w*|explod\w*|postpon\w*|delay\w*|twice|thrice|blew\s+up|lift-?off)\b", _I)
_LAUNCH_TIMES = re.compile(r"\b(?:twice|thrice)\b(?=[^.]{0,40}\b(?:fail\w*|launch\w*|attempt\w*|tried))", _I)
_LAUNCH_NOUN_AFTER = re.compile(r"\s+(?:more\s+|failed\s+|further\s+|additional\s+)?(?:spy\s+|reconnaissance\s+)?(?:launch(?:es)?|attempts?|satellites?|failures?)\b", _I)
_RU_HELP = re.compile(
    r"\b(?:Russian|Russia's|Moscow's)\s+(?:technical\s+|technological\s+)?(?:assistance|help|support|advice|expertise|know-how|engineers)"
    r"|\b(?:assistance|help|support|advice|expertise)\s+from\s+(?:Russia|Moscow|the\s+Russians|Russian\s+engineers)\b",
)
_ANAPHORA = re.compile(
    r"\b(?:the|that|this|such)\s+(?:weapon|missile)\b|\b(?:such|these|those|the)\s+(?:weapons\s+)?systems\b"
    r"|\b(?:their|its)\s+(?:accuracy|precision|failure\s+rate|performance|reliability|range)\b",
    _I,
)
_DEPLOYMENT_WORD = re.compile(r"\b(?:the|this|that|such\s+a|any|a)\s+deployment\b", _I)
_ELLIPTICAL_MORE = re.compile(r"\s+more\b(?!\s+than)(?!\s+[a-z-]{3,}s\b)", _I)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+", _I)
_POST_LINK = re.compile(
    r"(?:\b(?:at|to|of|reach(?:es|ed|ing)?|total(?:s|ed|led|ing|ling)?|number(?:s|ed|ing)?|top(?:s|ped)?|exceed(?:s|ed|ing)?"
    r"|surpass(?:es|ed)?|stood\s+at|stands\s+at|put\s+at|estimated\s+at|amount(?:s|ed|ing)?\s+to)\s*)$",
    _I,
)
_TOTAL_WORD = re.compile(r"\b(?:total|number|figure|tally|count|overall)\b", _I)
_FRACTION_OF = re.compile(
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|only)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters)"
    r"\s+of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?",
    _I,
)
_COMPONENTS_BEFORE = re.compile(
    r"(?:a\s+mix(?:ture)?\s+of|including|such\s+as|consisting\s+of|comprising|made\s+up\s+of|among\s+them|mainly|mostly)"
    r"\s+(?:[\w-]+\s+){0,4}?(?:(?:and|or)\s+(?:[\w-]+\s+){0,3})?$",
    _I,
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:their|its|his|her|our|own)\s+(?:[\w-]+\s+)?$", _I)
_REVERSE_FLOW = re.compile(
    r"\bfrom\s+Russia\s+to\s+(?:North\s+Korea|the\s+North|Pyongyang)\b|\bthe\s+other\s+way\b"
    r"|\b(?:received|receiving|receives|got|gets|imported|importing)\b[\w\s,'-]{0,50}\bfrom\s+(?:Russia|Moscow)\b"
    r"|\b(?:Russia|Moscow)\b[\w\s,'-]{0,30}\b(?:sent|shipped|delivered|supplied|exported)\b[\w\s,'-]{0,40}\bto\s+(?:North\s+Korea|the\s+North|Pyongyang)\b",
    _I,
)
_CONTENTS_VERB_BEFORE = re.compile(
    r"\b(?:hold|holds|held|holding|contain|contains|contained|containing|carry|carries|carried|carrying"
    r"|(?:filled|loaded|packed|stuffed)\s+with)\s+(?:[\w-]+\s+){0,3}$", _I)
_CARGO = re.compile(r"\b(?:cargo|crates|wagons|railcars|freight|consignments?|shipments?|trainloads?|shiploads?)\b", _I)
# An indirect question names a thing without claiming anything about it.
_QUESTION_BEFORE = re.compile(r"\b(?:how\s+many|how\s+much|whether|if\s+any)\s+(?:(?:any|the|more|of\s+the)\s+)?(?:[\w-]+\s+){0,2}$", _I)
_OF_WHICH = re.compile(r",?\s*\b(?:of\s+which|of\s+them|of\s+these|of\s+those)\s+", _I)
_FRACTION_OF_WHICH = re.compile(
    r"(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|only)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|most)", _I)
_APPOSITIVE_BEFORE = re.compile(r"\s*,\s*")
_APPOSITIVE_AFTER = re.compile(r"\s+of\s+them\b|\s+in\s+(?:all|total)\s*,", _I)
_CASUALTY_VERB_GAP = re.compile(
    r"\s+(?:of\s+(?:them|those|these|whom)\s+)?(?:(?:have|has|had|are|were|was|is)\s+)?(?:(?:been|now|since|reportedly|already|so\s+far|probably|likely)\s+)*", _I)
# The two parties together as one subject: "both governments", "the two countries", "both sides".
_BOTH_PARTIES = re.compile(
    r"\b(?:both|the\s+two)\s+(?:governments|countries|sides|capitals|nations|regimes|allies|leaders|parties)\b"
    r"|\b(?:both|the\s+two)\s+(?:(?:have|had|has)\s+)?(?:denied|dismissed|rejected)\b", _I)
_GENERIC_TRANSFERS = re.compile(r"\b(?:the|these|such|those|its|their)\s+(?:arms\s+)?(?:transfers|shipments|deliveries|supplies|arms\s+trade|arms\s+deals?)\b", _I)
_ACCUSE = re.compile(r"\b(?:accus\w*|claim(?:s|ed)?|alleg\w*|say|says|said|charge[sd]?)\b", _I)
_ARTILLERY_TYPES = frozenset({"self_propelled_guns", "multiple_rocket_launchers", "artillery_systems"})
_UNIT_WORDS = re.compile(r"(?:units|forces|force|brigades?|battalions?|contingents?|corps|divisions?)$", _I)
_QUANTITY_ONLY = re.compile(r"(?:North\s+Koreans|\bmen)$", _I)
# An amount of time, distance or share counts no item: "amount to two months' worth".
_UNIT_AFTER = re.compile(r"\s*-?\s*(?:months?|years?|weeks?|days?|hours?|times|kilomet(?:er|re)s?|km|met(?:er|re)s?|miles?|tonnes?|tons?|percent|per\s+cent|%)\b", _I)
_CASH_AFTER = re.compile(r"\s*(?:dollars|USD|US\s+dollars)\b", _I)
# A unit of measure between an amount and the goods it measures: "50,000 tonnes of wheat".
_MEASURE_GAP = re.compile(
    r"^\s*(?:metric\s+)?(?:tonnes|tons|barrels|litres|liters|gallons|cubic\s+met(?:re|er)s|kilograms|kg|bags|sacks|truckloads|trainloads|shiploads)"
    r"\s+of\s+", _I)
# Limits are not amounts moved: "the UN's annual cap of 500,000 barrels", "capped at 4 million".
_LIMIT_BEFORE = re.compile(
    r"\b(?:caps?|ceilings?|limits?|quotas?|allowances?|thresholds?|capped|limited)\s+(?:of|at|to)\s+(?:about\s+|some\s+|around\s+)?$", _I)
_LIMIT_AFTER = re.compile(r"^[- ](?:[\w-]+[- ]){0,2}(?:caps?|ceilings?|limits?|quotas?)\b", _I)
# An amount followed by a noun of its own counts that noun ("trained at five bases").
_COUNTS_NOUN_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+)?(?!(?:is|was|has|as|this|thus|plus|less|systems|weapons|pieces|items|units|rounds|people|personnel|men)\b)[a-z][a-z-]*s\b")


# A denial told as background in a subordinate clause ("confirmed the deployment, months after
# denying any military help"): the denial is of the clause's own object and lies in the past; it
# must not turn the main clause's items into denials.
_PAST_DENIAL_CLAUSE = re.compile(
    r"\b(?:(?:(?:days|weeks|months|years|a\s+(?:day|week|month|year)|shortly|long|only|soon)\s+)?after|despite|following|having)"
    r"\s+(?:[\w'.-]+\s+){0,5}?(?:den(?:y|ies|ied|ying|ial|ials)|rejecting|dismissing)\b",
    _I,
)
# Reporting that something went unsaid asserts nothing about it ("did not mention the troops",
# "made no reference to", "declined to say whether"); the clause it governs is not a claim.
_OMISSION = re.compile(
    r"\b(?:(?:did|does|do|would|could|has|have|had|was|were)\s*(?:not|n't)\s+(?:\w+\s+)?"
    r"(?:mention(?:ed)?|refer(?:red)?\s+to|address(?:ed)?|specify|specified|disclose[ds]?|name[ds]?|say\s+(?:whether|if|how|when|where|what|which))"
    r"|(?:made|make|makes|making)\s+no\s+(?:mention|reference)\s+(?:of|to)"
    r"|(?:declin|refus)(?:ed|es|ing|e)\s+to\s+(?:say|specify|disclose|name|confirm|discuss|comment\s+on)\s+(?:whether|if|how|when|where|what|which)"
    r"|(?:was|were|is|are|remained|remains|stayed)\s+silent\s+(?:on|about)"
    r"|without\s+(?:mentioning|naming|referring\s+to)|avoid(?:ed|s|ing)?\s+(?:mentioning|naming|any\s+(?:mention|reference))"
    r"|(?:omit(?:s|ted|ting)?|left\s+out)\s+(?:any\s+)?(?:mention|reference)\s+(?:of|to))\b",
    _I,
)
# Words each of those cues cannot match without: a cheap test before the regexes run.
_PAST_DENIAL_STEMS = ("den", "rejecting", "dismissing")
_OMISSION_STEMS = ("mention", "refer", "address", "specif", "disclose", "name", "say", "confirm", "discuss", "comment",
                   "silent", "without", "avoid", "omit", "left out")
# Where such a clause ends: a stronger break than a comma (lists of items run on commas).
_CLAUSE_END = re.compile(r"[;:()]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|which|who|even\s+as)\b|,\s+(?:and\s+)?(?:the|its|it|he|she|they|officials?|analysts?)\s", _I)
_PAST_DENIAL_END = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though)\b", _I)
_ROTATION = re.compile(
    r"\breplac(?:e|es|ed|ing)\b(?P<old>.{0,90}?)\b(?:with|by)\s+(?:[\w,-]+\s+){0,3}?(?:fresh|new|replacement|relief|rotational|other)\b", _I)
_MAKE_GOOD_BEFORE = re.compile(
    r"\b(?:replac\w*|replenish\w*|make\s+up\s+for|offset\w*|compensate\s+for|fill\s+in\s+for)\s+(?:(?:its|their|the|his|heavy|mounting|recent)\s+){0,2}$", _I)
_G_DENIAL = _Gated(_DENIAL)
_G_CONDEMN = _Gated(_CONDEMN)
_G_CONFIRM = _Gated(_CONFIRM)
_SHARE_STEMS = ("%", "percent", "per cent", "half", "third", "quarter", "bulk", "most", "majority")
_G_SHARE = _Gated(_SHARE, _SHARE_STEMS)
_G_SHARE_AFTER = _Gated(_SHARE_AFTER, _SHARE_STEMS)
_G_LAUNCH = _Gated(_LAUNCH)
_G_OTHER_SUPPLIER = _Gated(_OTHER_SUPPLIER)
_G_OTHER_FLOW = _Gated(_OTHER_FLOW)
_G_REVERSE = _Gated(_REVERSE_FLOW)
_G_TECH_ASSIST = _Gated(_TECH_ASSIST)
_G_RU_HELP = _Gated(_RU_HELP)
_G_ANAPHORA = _Gated(_ANAPHORA)
_G_FRACTION_OF = _Gated(_FRACTION_OF, ("%", "percent", "per cent", "half", "third", "quarter"))
_G_NON_DENIAL = _Gated(_NON_DENIAL)
_G_PAST_DENIAL = _Gated(_PAST_DENIAL_CLAUSE)
_G_OMISSION = _Gated(_OMISSION)
_G_TRANSFER = _Gated(_TRANSFER)
_G_DEPLOY = _Gated(_DEPLOY)
_G_PRESENCE = _Gated(_PRESENCE)
_G_BATTLE = _Gated(_BATTLE)
_G_PRODUCTION = _Gated(_PRODUCTION)
_G_PROVENANCE = _Gated(_PROVENANCE)
_G_RETURN = _Gated(_RETURN)
_G_HEDGE = _Gated(_HEDGE)
_G_ATTRIBUTION = _Gated(_ATTRIBUTION)


# --- mentions -------------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    value: str
    quantity: QuantityMatch | None = None
    extra: list[QuantityMatch] = field(default_factory=list)
    consumed: bool = False
    contextual: bool = False  # made from context (anaphora, elliptical amounts), not an item word

    @property
    def category(self) -> str:
        return lx.ITEM_CATEGORY.get(self.value, "skip")


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
    definite: bool = True  # refers back ("the containers") rather than naming a new group
    additional: bool = False  # "more troops", "further shipments": a group besides any counted one

    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.item, self.direction, self.quantity, self.bound, self.quantity_high, self.stance, self.source)

    def family(self) -> tuple[Any, ...]:
        return (self.kind, self.item, self.direction, self.stance)


def _bucket(matches: list[tuple[int, int, str]], starts: list[int], sentences: list[_Sentence], attr: str) -> None:
    for start, end, value in matches:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i].end:
            getattr(sentences[i], attr).append(_Mention(start, end, value))


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


def _nearest(matches: list[re.Match[str]], m: _Mention) -> int | None:
    """Distance from a mention (its amount included) to the closest cue match, or None."""
    best: int | None = None
    start = min(m.start, m.quantity.start) if m.quantity is not None else m.start
    for c in matches:
        if c.end() <= start:
            d = start - c.end()
        elif c.start() >= m.end:
            d = c.start() - m.end
        else:
            d = 0
        if best is None or d < best:
            best = d
    return best


# --- the extractor ---------------------------------------------------------------------------------


class _Article:
    """Reads one article. State: the last named source (for pronouns), learned names, and the
    items of the last few sentences (for "the weapon", "several more", "the move")."""

    def __init__(self, doc: CleanText, published: dt.date, title: str | None = None,
                 spans: list[tuple[int, int]] | None = None, idx: lx.WordIndex | None = None) -> None:
        self.doc = doc
        self.work = doc.work
        # str.lower() may lengthen rare characters ("İ"); offsets must stay aligned with ``work``.
        if idx is not None and idx.work is doc.work:
            self.idx = idx
            self.low = idx.low
        else:
            self.low = lx.lower_same_length(doc.work)
            self.idx = _WordIndex(self.work, self.low)
        self._amounts: dict[tuple[int, int], list[QuantityMatch]] = {}
        self._hedge_cache: dict[int, tuple[list[tuple[int, int]], list[re.Match[str]]]] = {}
        self._domains_cache: dict[int, list[str]] = {}
        self.published = published
        spans = split_sentences(self.work) if spans is None else list(spans)
        head = headline_span(self.work, spans)
        norm_title = " ".join(title.split()).lower() if title else None
        if spans and norm_title and " ".join(self.work[spans[0][0]:spans[0][1]].split()).lower() == norm_title:
            head = spans[0]
        if head is not None and len(spans) > 1:  # a headline-only item is its own body
            spans = spans[1:]
        self.sentences = [_Sentence(i, s, e) for i, (s, e) in enumerate(spans)]
        self.starts = [s.start for s in self.sentences]
        self.last_source: str | None = None
        self.relay: str | None = None  # the agency whose briefing lawmakers relay in this article
        self.names: dict[str, str] = {}
        self.context_items: list[tuple[int, str]] = []  # (sentence index, item) of things moved
        self.context_claims: list[tuple[int, str, str]] = []  # (sentence index, kind, item)
        self.title_nk = bool(title and lx.NK.search(title))
        self.statement_dates: dict[str, dt.date] = {}
        self.asked: tuple[int, list[str]] | None = None  # (sentence index, things) of the last question
        self._scan()

    def _scan(self) -> None:
        work, starts, sents = self.work, self.starts, self.sentences
        if not sents:
            return
        items = [(m.start(), m.end(), lx.group_value(m, lx.ITEM_VALUES)) for m in lx.ITEMS.finditer(work)]
        _bucket(items, starts, sents, "items")
        sources = [(m.start(), m.end(), lx.group_value(m, lx.SOURCE_VALUES)) for m in lx.SOURCES.finditer(work)]
        _bucket(sources, starts, sents, "sources")
        idx = self.idx
        for sent in sents:
            sent.has_nk = lx.NK_GATED.search(idx, sent.start, sent.end) is not None
            sent.has_ru = lx.RU_GATED.search(idx, sent.start, sent.end) is not None
            sent.has_war = lx.WAR_GATED.search(idx, sent.start, sent.end) is not None
        for sent in sents:
            sent.satellite = "satellite" in work[sent.start:sent.end].lower()
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
        parts = [p.split("-")[0] if i else p for i, p in enumerate(m.group("name").split(" "))]
        for token in {parts[0], parts[-1]}:
            if len(token) > 2 and token.lower() not in _MINOR_WORDS:
                self.names.setdefault(token, owner)

    # -- the article ---------------------------------------------------------------------------

    def claims(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        prev: _Sentence | None = None
        for sent in self.sentences:
            source = self._source(sent)
            # Sentences without an item word can still carry a claim ("several more", "the move",
            # "Russian assistance"); a cheap keyword test keeps the rest from being read at all.
            if any(m.value != "_skip" for m in sent.items) or _READ_TRIGGER.search(self.work, sent.start, sent.end):
                found = self._read(sent, source, prev)
                drafts.extend(found)
                for d in found:
                    self.context_claims.append((sent.index, d.kind, d.item))
            prev = sent
        return drafts

    def _quantities(self, start: int, end: int) -> list[QuantityMatch]:
        """The amounts in a stretch (a sentence), found once however many readers ask."""
        got = self._amounts.get((start, end))
        if got is None:
            got = self._amounts[(start, end)] = find_quantities(self.work, start, end)
        return got

    def _satellite_context(self, sent: _Sentence) -> bool:
        lo = max(0, sent.index - _LAUNCH_CONTEXT_WINDOW)
        return any(x.satellite for x in self.sentences[lo : sent.index + 1])

    def _launch_context(self, sent: _Sentence) -> bool:
        launches = _G_LAUNCH.finditer(self.idx, sent.start, sent.end)
        places = [m for m in sent.items if m.value == "_skip" and _LAUNCH_PLACE.search(self.work, m.start, m.end)]
        # "the launch complex", "Soyuz rockets": places and space rockets are not launches.
        launched = any(not any(k.start <= x.start() < k.end for k in places) for x in launches)
        if not launched and not (sent.satellite and _LAUNCH_OUTCOME.search(self.work, sent.start, sent.end)):
            return False
        lo = max(0, sent.index - _LAUNCH_CONTEXT_WINDOW)
        return any(s.satellite for s in self.sentences[lo : sent.index + 1])

    # -- who says so ---------------------------------------------------------------------------

    def _source(self, sent: _Sentence) -> str:
        """Who makes the claims of ``sent``; also updates the pronoun and relay memory."""
        work = self.work
        if not sent.sources and not self.names and _G_ATTRIBUTION.search(self.idx, sent.start, sent.end) is None \
                and self._speaker(sent) is None:
            # No organisation or person named, no verb of saying, no transcript speaker: the
            # outlet's own voice, and nothing for the pronoun memory to learn.
            return "outlet"
        verbs = [v for v in _G_ATTRIBUTION.finditer(self.idx, sent.start, sent.end)
                 if not _ADJECTIVE_USE.search(work, max(sent.start, v.start() - 5), v.start())
                 and not _PASSIVE_BEFORE.search(work, max(sent.start, v.start() - 24), v.start())]
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
        if not candidates:
            lead = self._speaker(sent) or self._closing_credit(sent) or self._opening_subject(sent)
            if lead:
                candidates.append(lead)
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

    def _speaker(self, sent: _Sentence) -> str | None:
        """"MR. KIRBY: ..." in a transcript, "Zelensky: 3,000 killed" in a headline: the speaker."""
        line_start = self.work.rfind("\n", 0, sent.start) + 1
        m = _SPEAKER.match(self.work, line_start, sent.end)
        if not m:
            return None
        label = m.group(1).strip()
        if not (label.isupper() or len(label.split()) <= 3):
            return None
        hit = next(iter(lx.SOURCES.finditer(label)), None)
        found = None if hit is None or _BARE_COUNTRY.fullmatch(hit.group(0)) else lx.SOURCES.value(hit)
        if found is None and label.split()[-1].title() in self.names:
            found = self.names[label.split()[-1].title()]
        return found

    def _closing_credit(self, sent: _Sentence) -> str | None:
        """A headline's credit: "N. Korea sends 3,000 more troops to Russia: JCS"."""
        if not sent.sources:
            return None
        last = sent.sources[-1]
        tail = self.work[last.end:sent.end].strip(" .'\"")
        lead = self.work[max(sent.start, last.start - 3):last.start]
        if tail or not re.search(r"[:,\u2014-]\s*$", lead) or _BARE_COUNTRY.fullmatch(self.work[last.start:last.end]):
            return None
        return last.value

    def _opening_subject(self, sent: _Sentence) -> str | None:
        """"The Multilateral Sanctions Monitoring Team ... published its report": an organisation
        opening the sentence speaks in it, and is who "It found..." refers to next."""
        work = self.work
        first = next((m for m in sent.sources if work[sent.start:m.start].strip(" \"'(").lower() in ("", "the")), None)
        if first is None or _BARE_COUNTRY.fullmatch(work[first.start:first.end]) or first.value in _PARTIES:
            return None
        return first.value

    def _source_for_verb(self, sent: _Sentence, v: re.Match[str]) -> str | None:
        work = self.work
        word = v.group(0).lower()
        if word.startswith(("according", "quot", "cit")):
            after = [m for m in sent.sources if 0 <= m.start - v.end() <= 40 and not work.startswith("-based", m.end)]
            if after:
                return after[0].value
            named = self._name_after(v.end(), sent.end)
            if named or not word.startswith("according"):
                return named
            # "according to Estonian intelligence": a source the lexicon does not know, by its name.
            proper = _PROPER_SOURCE.match(work, v.end(), sent.end)
            return " ".join(proper.group(1).split()) if proper else None
        before = [
            m for m in sent.sources
            if not work.startswith("-based", m.end) and m.end <= v.start()
            and not _PLACE_OBJECT_BEFORE.search(work, max(sent.start, m.start - 16), m.start) and (
                _clause_subject(work, sent.start, m, v.start())
                or v.start() - m.end <= _subject_reach(work, m, v.start()) and not (
                    _BARE_COUNTRY.fullmatch(work[m.start:m.end])
                    and re.search(r"[,;]|\b(?:to|from|in|of|with|by|for|the|that)\b", work[m.end:v.start()])))
        ]
        if before:
            chosen = _first_conjoined(work, sent.sources, before[-1])
            if chosen.value == "unnamed officials":
                # "a Ukrainian military intelligence official said": the organisation named first.
                org = [m for m in sent.sources if m.end <= chosen.start and chosen.start - m.end <= 1
                       and m.value != "unnamed officials" and not _BARE_COUNTRY.fullmatch(work[m.start:m.end])]
                if org:
                    chosen = org[-1]
            name = self._name_before(max(sent.start, v.start() - 40), v.start())
            if name and work.find(name, chosen.end, v.start()) != -1:
                return self.names[name]  # a person nearer the verb than the organisation
            return chosen.value
        name = self._name_before(max(sent.start, v.start() - 40), v.start())
        if name:
            return self.names[name]
        # ", said John Kirby" / ", a Pentagon spokesman said": the source follows the verb.
        after = [m for m in sent.sources if 0 <= m.start - v.end() <= 12]
        inverted = work[max(sent.start, v.start() - 3):v.start()].rstrip().endswith((",", '"', "'"))
        if after and inverted and word in ("said", "says", "told", "added", "wrote", "noted", "stated"):
            return after[0].value
        return self._name_after(v.end(), min(sent.end, v.end() + 20))

    def _name_before(self, lo: int, hi: int) -> str | None:
        m = _NAME_BEFORE.search(self.work, lo, hi)
        if m and m.group(1) in self.names:
            return m.group(1)
        return None

    def _name_after(self, lo: int, hi: int) -> str | None:
        m = re.search(r"[A-Z][a-z]+", self.work[lo:hi])
        if m and m.group(0) in self.names:
            return self.names[m.group(0)]
        return None

    # -- mentions of one sentence ----------------------------------------------------------------

    def _context_item(self, sent: _Sentence, *, people: bool = True, window: int = 3) -> str | None:
        """The last thing moved in the previous few sentences (for "the weapon", "the move")."""
        for index, item in reversed(self.context_items):
            if index < sent.index - window:
                break
            if index >= sent.index:
                continue
            if item == "containers" or (not people and lx.ITEM_CATEGORY.get(item) != "materiel"):
                continue
            return item
        return None

    def _mentions(self, sent: _Sentence, prev: _Sentence | None) -> list[_Mention]:
        work, s, e = self.work, sent.start, sent.end
        mentions = [_Mention(m.start, m.end, m.value) for m in sent.items if m.value != "_skip"]
        skips = [m for m in sent.items if m.value == "_skip"]
        # Help aimed at a domain: one technology mention per domain named.
        low = self.low[s:e]
        for t in _G_TECH_ASSIST.finditer(self.idx, s, e):
            tail = _DOMAIN_LIST.match(work, t.end(), e)
            phrase = work[t.start():tail.end() if tail else t.end()]
            for item in _domains(phrase):
                if item == "space_technology" and self._satellite_context(sent):
                    item = "satellite_technology"
                mentions.append(_Mention(t.start(), t.end(), item))
            for m in mentions:
                if m.value in ("tech", "reconnaissance_satellite", "fighter_jets") and t.start() <= m.start < t.end():
                    m.consumed = True
                if m.value in ("drones",) and t.start() <= m.start < t.end() + 30 and not m.contextual:
                    m.consumed = True
        for h in _G_RU_HELP.finditer(self.idx, s, e):
            if not any(m.start <= h.start() < m.end for m in mentions if m.category == "technology"):
                mentions.append(_Mention(h.start(), h.end(), "tech"))
        for a in _G_ANAPHORA.finditer(self.idx, s, e):
            item = self._context_item(sent, people=False)
            if item in _ARTILLERY_TYPES and a.group(0).lower().endswith("systems"):
                item = "artillery_systems"  # "such systems" after guns and launchers: the whole class
            if item:
                for m in mentions:
                    if m.start >= a.start() and m.end <= a.end() + 1:
                        m.consumed = True
                mentions.append(_Mention(a.start(), a.end(), item, contextual=True))
        if not any(m.value == "troops" for m in mentions) and (
                "deployment" in low and (_G_CONFIRM.search(self.idx, s, e) or _G_DENIAL.search(self.idx, s, e)
                                         or _G_CONDEMN.search(self.idx, s, e))):
            d = _DEPLOYMENT_WORD.search(work, s, e)
            if d and self._context_item(sent) == "troops":
                mentions.append(_Mention(d.start(), d.end(), "troops", contextual=True))
        mentions = [m for m in mentions if not any(k.start <= m.start < k.end for k in skips)]
        mentions.sort(key=lambda m: (m.start, -m.end))
        # Adjacent mentions of one thing ("Koksan 170mm self-propelled guns") are one mention.
        merged: list[_Mention] = []
        for m in mentions:
            if merged and merged[-1].value == m.value and 0 <= m.start - merged[-1].end <= 2:
                merged[-1].end = max(merged[-1].end, m.end)
                continue
            merged.append(m)
        return merged

    def _attach_quantities(self, sent: _Sentence, mentions: list[_Mention], prev: _Sentence | None) -> None:
        """Give each mention the amount that qualifies it.

        "more than 1,000 containers" (before), "two of the 24 missiles" (a second, partitive
        amount), "troops ... at around 10,000" and "the total ... to reach 10,000" (after),
        "several more" (the item of the previous sentence), "$2,000 a month" (cash), "about
        half of the missiles" (a fraction).
        """
        work, s, e = self.work, sent.start, sent.end
        quantities = [q for q in self._quantities(s, e)
                      if not (_LIMIT_BEFORE.search(work, max(s, q.start - 40), q.start) or _LIMIT_AFTER.match(work[q.end:e]))]
        used: set[int] = set()
        live = [m for m in mentions if not m.consumed]
        for f in _G_FRACTION_OF.finditer(self.idx, s, e):
            target = next((m for m in live if m.start >= f.end() and m.quantity is None
                           and _gap_ok(work[f.end():m.start])), None)
            if target is not None:
                frac = parse_fraction(f.group(0))
                if frac.quantity is not None:
                    target.quantity = QuantityMatch(f.start(), f.end(), frac.quantity, frac.bound or "exact", None)
        for qi, q in enumerate(quantities):
            for m in live:
                if m.start < q.end:
                    continue
                gap = work[q.end:m.start]
                measure = _MEASURE_GAP.match(gap)
                if measure and m.category == "compensation":
                    gap = gap[measure.end():]
                partitive = _PARTITIVE.match(gap)
                if partitive and partitive.end() == len(gap):
                    gap = ""
                if _gap_ok(gap) and (m.quantity is None or m.quantity.start >= q.start):
                    m.quantity = q
                    used.add(qi)
                break
        # "15,000 troops, of whom an estimated 4,000 have been killed": a count before the verb
        # of a casualty word is that casualty's count.
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            mark = next((m for m in live if m.category == "casualty" and m.quantity is None and m.start >= q.end
                         and _CASUALTY_VERB_GAP.fullmatch(work, q.end, m.start)), None)
            if mark is not None:
                mark.quantity = q
                used.add(qi)
        # "The labourers, about 5,000 of them, are...": a count set off after the thing it counts.
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            owner = next((m for m in live if m.quantity is None and m.end <= q.start
                          and _APPOSITIVE_BEFORE.fullmatch(work, m.end, q.start)
                          and _APPOSITIVE_AFTER.match(work, q.end, e)), None)
            if owner is not None:
                owner.quantity = q
                used.add(qi)
        # "two of the 24 missiles": the partitive amount is a second claim on the same item.
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            nxt = next((quantities[j] for j in range(qi + 1, len(quantities)) if j in used), None)
            if nxt is not None and _PARTITIVE.fullmatch(work[q.end:nxt.start]):
                owner = next((m for m in live if m.quantity is nxt), None)
                if owner is not None:
                    owner.extra.append(q)
                    used.add(qi)
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            text_after = work[q.end:e]
            if "$" in work[q.start:q.end] or _CASH_AFTER.match(text_after):
                mentions.append(_Mention(q.start, q.end, "cash", quantity=q, contextual=True))
                used.add(qi)
                continue
            before = [m for m in live if m.end <= q.start and q.start - m.end <= 110]
            if before and not _UNIT_AFTER.match(text_after) and not _COUNTS_NOUN_AFTER.match(text_after):
                m = before[-1]
                gap = work[m.end:q.start]
                if _POST_LINK.search(gap) and (not re.search(r"[;:]|\band\b|\bbut\b", gap) or _TOTAL_WORD.search(gap)):
                    if m.quantity is None:
                        m.quantity = q
                    elif _TOTAL_WORD.search(gap):
                        m.extra.append(q)
                    else:
                        continue
                    used.add(qi)
                    continue
            if _ELLIPTICAL_MORE.match(text_after) and not any(m.start >= q.end and m.start - q.end <= 12 for m in live):
                item = self._context_item(sent, people=True, window=2)
                if item:
                    mentions.append(_Mention(q.start, q.end, item, quantity=q, contextual=True))
                    used.add(qi)
        mentions.sort(key=lambda m: (m.start, -m.end))

    def _filter(self, sent: _Sentence, mentions: list[_Mention]) -> list[_Mention]:
        work = self.work
        kept = []
        for m in mentions:
            if m.consumed:
                continue
            before = work[max(sent.start, m.start - 70) : m.start]
            word = work[m.start:m.end]
            cat = m.category
            if cat == "casualty" and _HYPOTHETICAL_BEFORE.search(work, max(sent.start, m.start - 30), m.start):
                continue  # "rather than be taken prisoner"
            if cat == "casualty" and m.quantity is None and _MAKE_GOOD_BEFORE.search(work, max(sent.start, m.start - 40), m.start):
                continue  # "more troops to replace its losses": why they are sent, not a count of losses
            if cat in ("materiel", "troops", "personnel") and not m.contextual:
                if m.quantity is None and (_BACKGROUND_CLAUSE.search(work, max(sent.start, m.start - 90), m.start)
                                           or _HYPOTHETICAL_BEFORE.search(work, max(sent.start, m.start - 30), m.start)):
                    continue  # "the first captures since Pyongyang sent troops": presupposed, not claimed
                if kept and m.quantity is None and kept[-1].category == "materiel" and re.fullmatch(
                        r"\s+for\s+(?:[\w-]+\s+){0,2}", work[kept[-1].end:m.start]):
                    continue  # "rockets for 122mm multiple rocket launchers": what they are for
                counted_before = bool(kept) and kept[-1].quantity is not None
                # "12,000 troops, including officers": the officers are sent too (a dispatch of
                # their own, with no count); among counted materiel, the parts belong to the count.
                ranked_among = cat == "personnel" and counted_before and kept[-1].category == "troops"
                if m.quantity is None and (_CONTENTS_BEFORE.search(before) or counted_before and not ranked_among
                                           and _COMPONENTS_BEFORE.search(before)):
                    m.consumed = True  # "containers of munitions", "a mix of guns and launchers": parts of another claim
                    continue
                near = work[max(sent.start, m.start - 30) : m.start]
                own = _OTHER_OWNER.search(near) or re.search(
                    r"\b(?:US|U\.S\.|American|Russian|Ukrainian|Western|Chinese|Iranian)-(?:made|supplied|built|designed)\s+(?:[\w-]+\s+){0,2}$", near)
                if own and not _NK_OWNER.search(near):
                    continue  # "Russian munition demands", "Ukrainian soldiers", "US-made missiles"
                if _SAYING_AFTER.match(work, m.end, sent.end):
                    continue  # "military experts say": a source, not a thing sent
                if _QUESTION_BEFORE.search(work, max(sent.start, m.start - 40), m.start):
                    continue  # "did not say how many troops", "unclear whether any missiles": asked, not claimed
            if cat == "troops" and not m.contextual:
                if _QUANTITY_ONLY.search(word) and (m.quantity is None or m.quantity.quantity < 100):
                    continue  # "North Koreans", "men": people only when counted, and in numbers ("the two men" talked)
                if _UNIT_WORDS.search(word):
                    if m.quantity is not None and "-strong" not in work[m.quantity.start:m.start]:
                        m.quantity = None  # "four brigades": a count of units, not of soldiers
                    definite = re.search(r"\b(?:the|this|that|these|those)\s+(?:new\s+|first\s+|second\s+|latest\s+)?$", before, _I)
                    if not _NK_OWNER.search(before[-30:]) and not re.search(r"strong|special|elite|KPA|fresh|replacement|relief|rotation", word + before[-14:], _I) and not (
                            definite and self._context_item(sent) == "troops"):
                        continue
            kept.append(m)
        rotation = _ROTATION.search(work, sent.start, sent.end) if "replac" in self.low[sent.start:sent.end] else None
        if rotation is not None:
            self._rotate(kept, rotation)
        # "guns and launchers ..., bringing the total to 200 systems": the count is of the class.
        artillery = [m for m in kept if m.value in _ARTILLERY_TYPES]
        counted = [m for m in artillery if m.quantity is not None]
        if len(artillery) >= 2 and len({m.value for m in artillery}) >= 2 and len(counted) == 1 and re.match(
                r"\s*(?:such\s+)?(?:weapons\s+)?systems\b", work[counted[0].quantity.end:sent.end], _I):
            counted[0].value = "artillery_systems"
            for m in artillery:
                if m is not counted[0]:
                    m.consumed = True
        # "dozens of Koksan guns and 240mm rocket launchers": one count over two kinds of system.
        for a, b in zip(kept, kept[1:]):
            if (a.quantity is not None and b.quantity is None and a.value in _ARTILLERY_TYPES
                    and b.value in _ARTILLERY_TYPES and a.value != b.value
                    and re.fullmatch(r"\s+(?:and|or|&)\s+(?:[\w-]+\s+){0,2}", work[a.end:b.start])):
                a.value = "artillery_systems"
                b.consumed = True
        return [m for m in kept if not m.consumed]

    @staticmethod
    def _rotate(kept: list[_Mention], rotation: re.Match[str]) -> None:
        """"Replaced 3,000 of its soldiers with fresh units": a rotation. The fresh units are the
        deployment; the troops replaced are not a new deployment figure."""
        lo, hi = rotation.span("old")
        fresh = any(m.category == "troops" and m.start >= hi for m in kept)
        for m in kept:
            if m.category == "troops" and lo <= m.start < hi:
                if fresh:
                    m.consumed = True
                else:
                    m.quantity = None

    # -- claims of one sentence -------------------------------------------------------------------

    def _read(self, sent: _Sentence, source: str, prev: _Sentence | None) -> list[_Draft]:
        work = self.work
        s, e = sent.start, sent.end
        text = work[s:e]
        if _CONDITIONAL.match(text):
            return []  # "If such a deployment were taking place..."
        if _QUESTION_END.search(text):
            # "How do you comment on reports that ...?" claims nothing, but an answer that denies
            # "these reports" without naming a thing denies what the question named.
            self.asked = (sent.index, self._asked_items(sent, prev))
            return []
        mentions = self._mentions(sent, prev)
        self._attach_quantities(sent, mentions, prev)
        background, unsaid = self._aside_clauses(sent)
        # Read before the filter, which drops things named after "after Moscow ..." as presupposed.
        clause_things = [m for m in mentions if not m.consumed and _within(m.start, background)] if background else []
        mentions = self._filter(sent, mentions)
        if background or unsaid:
            mentions = [m for m in mentions if not _within(m.start, background) and not _within(m.start, unsaid)]
        for m in mentions:
            if m.category in ("materiel", "troops", "personnel"):
                self.context_items.append((sent.index, m.value))
        hedged = bool(_G_HEDGE.search(self.idx, s, e))
        anchor = min((m.start for m in mentions), default=s) - s
        dated = strip_dateline(text) if sent.index == 0 else text
        since_d = resolve_since(dated, self.published)
        as_of_d = resolve_as_of(dated, self.published, anchor=anchor)
        said_on = statement_date(dated, self.published)
        if said_on is not None and source != "outlet":
            self.statement_dates[source] = said_on
        elif as_of_d is None and source in self.statement_dates:
            # A source's later sentences speak on the day it was quoted ("..., he said").
            as_of_d = self.statement_dates[source]
        ctx = _Ctx(
            source=source, hedged=hedged,
            since=since_d.isoformat() if since_d else None,
            as_of=as_of_d.isoformat() if as_of_d else None,
            span=(s, e),
        )
        prior = self._past_denials(sent, source, clause_things, background, ctx) if background else []
        prev_nk = any(x.has_nk for x in self.sentences[max(0, sent.index - 3) : sent.index]) or self.title_nk
        prev_ru = (prev.has_ru or prev.has_war) if prev else False
        other_supplier = not sent.has_nk and bool(
            _G_OTHER_SUPPLIER.search(self.idx, s, e) or _G_OTHER_FLOW.search(self.idx, s, e))

        refusal = _G_NON_DENIAL.search(self.idx, s, e)
        if refusal and (source in _PARTIES or any(
                x.value in _PARTIES and x.end <= refusal.start() and refusal.start() - x.end <= 40 for x in sent.sources)):
            return prior  # "Peskov declined to comment on reports of troops": a party that says nothing
        denials = self._denials(sent, source, mentions, ctx, skip=background + unsaid)
        if denials is not None:
            return denials + prior
        condemned = self._condemnations(sent, mentions, ctx)
        if condemned is not None:
            return condemned + prior

        out: list[_Draft] = self._supply_share(sent, mentions, ctx, sent.has_nk or prev_nk or sent.has_ru)
        confirm = source in _PARTIES and bool(_G_CONFIRM.search(self.idx, s, e)) and not _G_NON_DENIAL.search(self.idx, s, e)
        party_voice = source in _PARTIES and not confirm
        cues = _Cues(self.idx, s, e)
        casualty_marks = [m for m in mentions if m.category == "casualty"]
        victims = self._assign_casualties(mentions, casualty_marks)
        nk_context = sent.has_nk or prev_nk
        ru_context = sent.has_ru or sent.has_war or prev_ru
        reverse = bool(_G_REVERSE.search(self.idx, s, e))
        tech_done = False
        for m in mentions:
            cat = m.category
            if m.consumed:
                continue
            if cat == "materiel":
                if other_supplier or not (nk_context or sent.has_ru):
                    continue
                if reverse and m.value == "containers":
                    content = next((x.value for x in mentions if x.category == "compensation"), "goods")
                    out.append(self._draft("compensation", content, "RU->NK", m.quantity, ctx, mention=m))
                    for x in mentions:
                        if x.category == "compensation":
                            x.consumed = True
                    continue
                kind = self._materiel_kind(sent, m, cues, party_voice)
                if kind is None:
                    continue
                if confirm and kind == "shipment":
                    kind = "confirmation"
                for q in [m.quantity, *m.extra] if m.extra else [m.quantity]:
                    out.append(self._draft(kind, m.value, None if kind == "production" else "NK->RU", q, ctx,
                                           production=(kind == "production"), mention=m))
                if kind == "shipment" and cues.battle and self._battle_after(sent, m, mentions):
                    out.append(self._draft("battlefield_use", m.value, "NK->RU", self._share_of_them(sent, m), ctx))
            elif cat in ("troops", "personnel"):
                if m.consumed or other_supplier or not nk_context:
                    continue
                mark = victims.get(id(m))
                if mark is not None:
                    if confirm and cat == "troops":
                        out.append(self._draft("confirmation", "troops", "NK->RU", None, ctx))
                    out.append(self._draft("casualties", _casualty_item(mark.value), None, mark.quantity or m.quantity, ctx,
                                           mention=m))
                    continue
                kind = self._people_kind(sent, m, cues, ru_context)
                if kind is None:
                    if confirm and cat == "troops":
                        out.append(self._draft("confirmation", "troops", "NK->RU", None, ctx))
                    continue
                item = "troops" if cat == "troops" else m.value
                if confirm and kind in ("troop_deployment", "personnel_dispatch"):
                    kind = "confirmation"
                elif confirm and cat == "troops":
                    # "Moscow acknowledged that North Korean soldiers fought": an admission and a use.
                    out.append(self._draft("confirmation", "troops", "NK->RU", None, ctx))
                if kind == "battlefield_use" and m.quantity is not None and not party_voice:
                    # "Some 11,000 North Korean soldiers are fighting in Kursk": the figure counts
                    # the soldiers there (a deployment); that they fight is a claim of its own.
                    for q in [m.quantity, *m.extra]:
                        out.append(self._draft("troop_deployment", item, "NK->RU", q, ctx, mention=m))
                    out.append(self._draft("battlefield_use", item, "NK->RU", None, ctx))
                    continue
                for q in [m.quantity, *m.extra]:
                    out.append(self._draft(kind, item, "NK->RU", q, ctx, mention=m))
                if kind in ("troop_deployment", "confirmation") and cat == "troops" and cues.battle and ru_context and self._battle_after(sent, m, mentions):
                    out.append(self._draft("battlefield_use", "troops", "NK->RU", None, ctx))
            elif cat == "casualty":
                if m.consumed or not nk_context:
                    continue
                if m.quantity is not None or self._troops_near(sent, m, mentions):
                    out.append(self._draft("casualties", _casualty_item(m.value), None, m.quantity, ctx, mention=m))
            elif cat in ("technology", "tech"):
                items = [m.value] if cat == "technology" else self._tech_domains(sent)
                if m.value == "fighter_jets" and re.search(
                        r"\b(?:assist\w*|help\w*|improv\w*|upgrad\w*|moderni[sz]\w*|technolog\w*|technical|repair\w*)\b", text, _I):
                    items = ["aircraft_technology"]
                if not (sent.has_ru or sent.has_nk or prev_nk):
                    continue
                if not (_G_RETURN.search(self.idx, s, e) or m.value in ("tech",) and _G_RU_HELP.search(self.idx, s, e)):
                    continue
                for item in items:
                    tech_done = tech_done or item in ("satellite_technology", "space_technology")
                    out.append(self._draft("technology_transfer", item, "RU->NK", m.quantity, ctx, mention=m))
            elif cat == "compensation":
                if m.value == "cash" and not m.contextual and re.match(r"pay", work[m.start:m.end], _I) and any(
                        x.category == "compensation" and x.value != "cash" for x in mentions):
                    continue  # "the oil is part of Moscow's payment": the oil is the compensation
                if not (sent.has_ru or sent.has_nk or prev_nk) or not _RETURN.search(work, s, e):
                    continue
                if not self._flows_to_north(sent):
                    continue
                out.append(self._draft("compensation", m.value, "RU->NK", m.quantity, ctx, mention=m))
        # Satellite launches, named or ("the third launch") while satellites are the topic. Next to
        # help for the programme, only when the launch itself is reported ("twice ended in failure").
        if self._launch_context(sent):
            helped = tech_done or any(x.category in ("technology", "tech") for x in mentions) or _G_RU_HELP.search(self.idx, s, e)
            if not helped or _LAUNCH_OUTCOME.search(work, s, e):
                sat = next((x for x in mentions if x.category == "satellite" and x.quantity is not None), None)
                count = sat.quantity if sat is not None else self._launch_count(sent)
                out.append(self._draft("satellite_launch", "reconnaissance_satellite", None, count, ctx))
        return out + prior

    def _asked_items(self, sent: _Sentence, prev: _Sentence | None) -> list[str]:
        things = [m for m in self._filter(sent, self._mentions(sent, prev))
                  if m.category in ("materiel", "troops", "personnel", "technology", "tech")]
        return self._denied_items(sent, things) if things else []

    def _answered_items(self, sent: _Sentence) -> list[str]:
        """The things a recent question named, when this sentence answers it: the question is at
        most two sentences back and nothing in between names a thing of its own."""
        if self.asked is None:
            return []
        index, items = self.asked
        if not items or not 0 < sent.index - index <= 2:
            return []
        between = self.sentences[index + 1 : sent.index]
        if any(m.value != "_skip" for x in between for m in x.items):
            return []
        return items

    def _aside_clauses(self, sent: _Sentence) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Stretches of the sentence that are not read as its claims: past denials told as
        background ("months after denying any military help") and things reported as unsaid
        ("did not mention the troops"). Each runs from its cue to the end of its clause."""
        s, e = sent.start, sent.end
        low = self.low[s:e]
        background = [(m.start(), _clause_end(self.work, m.end(), e, _PAST_DENIAL_END))
                      for m in _G_PAST_DENIAL.finditer(self.idx, s, e)] if any(map(low.__contains__, _PAST_DENIAL_STEMS)) else []
        unsaid = [(m.start(), _clause_end(self.work, m.end(), e, _CLAUSE_END))
                  for m in _G_OMISSION.finditer(self.idx, s, e)] if any(map(low.__contains__, _OMISSION_STEMS)) else []
        return background, unsaid

    def _past_denials(self, sent: _Sentence, source: str, things: list[_Mention],
                      clauses: list[tuple[int, int]], ctx: "_Ctx") -> list[_Draft]:
        """The denial inside a background clause: of the clause's own object (blanket when it
        names none), by the party that denied, with no date (it was made before the article's)."""
        out: list[_Draft] = []
        past = replace(ctx, since=None, as_of=None, hedged=False)
        for lo, hi in clauses:
            cue = _G_DENIAL.search(self.idx, lo, hi)
            if cue is None:
                continue
            chosen = [m for m in things if cue.start() <= m.start < hi
                      and m.category in ("materiel", "troops", "personnel", "technology", "tech")]
            if not chosen and not re.search(r"[A-Za-z]{3,}", self.work[cue.end():hi]):
                continue  # "..., despite earlier denials.": no object of its own to deny
            deniers = self._deniers(sent, source, cue.start())
            for party in deniers:
                for item in self._denied_items(sent, chosen):
                    direction = "RU->NK" if lx.ITEM_CATEGORY.get(item) == "technology" else "NK->RU"
                    out.append(_Draft("denial", item, direction, None, None, None, stance="denied",
                                      **past.with_source(party).fields()))
        return out

    def _launch_count(self, sent: _Sentence) -> QuantityMatch | None:
        """How many launches: "twice ended in failure", "two failed launches", "three more"."""
        work = self.work
        m = _LAUNCH_TIMES.search(work, sent.start, sent.end)
        if m:
            return QuantityMatch(m.start(), m.end(), 2 if m.group(0).lower() == "twice" else 3, "exact", None)
        for q in self._quantities(sent.start, sent.end):
            if q.quantity < 20 and _LAUNCH_NOUN_AFTER.match(work, q.end, sent.end):
                return q
        return None

    # -- kinds ---------------------------------------------------------------------------------

    def _materiel_kind(self, sent: _Sentence, m: _Mention, cues: "_Cues", party_voice: bool) -> str | None:
        """shipment, battlefield_use or production for a thing; the nearest cue decides."""
        dist = {
            "production": _nearest(cues.production, m),
            "shipment": _nearest(cues.transfer, m),
            "battlefield_use": _nearest(cues.battle, m),
        }
        if dist["production"] is not None and dist["production"] > 100:
            dist["production"] = None
        prev_war = sent.index > 0 and (self.sentences[sent.index - 1].has_war or self.sentences[sent.index - 1].has_ru)
        if dist["battlefield_use"] is not None and not (sent.has_war or sent.has_ru or m.contextual and prev_war or re.search(
                r"\b(?:front|battlefield|combat|war)\b", self.work[sent.start:sent.end], _I)):
            dist["battlefield_use"] = None
        if _POSSESSIVE_BEFORE.search(self.work, max(sent.start, m.start - 25), m.start) and not m.contextual:
            dist["shipment"] = None  # "to improve their weapons": owned, not moved
        found = {k: v for k, v in dist.items() if v is not None}
        if not found and cues.provenance and _nearest(cues.provenance, m) is not None and not party_voice:
            return "shipment"
        if not found and not party_voice and self._contents_of_shipment(sent, m):
            return "shipment"  # "the containers are believed to hold artillery ammunition"
        if not found:
            inherited = self._inherited(sent, m)
            if inherited:
                return inherited
            if m.value == "containers" and m.quantity is not None:
                return "shipment"
            return None
        kind = min(found, key=lambda k: (found[k], ("production", "shipment", "battlefield_use").index(k)))
        if kind == "production" and "shipment" in found and found["shipment"] < 15 and not _CAPACITY.search(self.work, sent.start, sent.end):
            kind = "shipment"
        if kind in ("shipment", "battlefield_use") and party_voice:
            return None  # the parties do not assert transfers, except in admissions (handled apart)
        return kind

    def _contents_of_shipment(self, sent: _Sentence, m: _Mention) -> bool:
        """A thing said to be inside containers or cargo named here or just before is shipped."""
        if m.value == "containers" or not _CONTENTS_VERB_BEFORE.search(self.work, max(sent.start, m.start - 40), m.start):
            return False
        if any(x.value == "containers" for x in sent.items) or _CARGO.search(self.work, sent.start, m.start):
            return True
        return any(item == "containers" and index >= sent.index - 2 for index, item in self.context_items)

    def _people_kind(self, sent: _Sentence, m: _Mention, cues: "_Cues", ru_context: bool) -> str | None:
        deploy = _nearest(cues.deploy, m)
        battle = _nearest(cues.battle, m)
        if deploy is None and battle is None and cues.presence:
            deploy = _nearest(cues.presence, m)
        if battle is not None and not (ru_context or re.search(r"\b(?:Kursk|front|combat)\b", self.work[sent.start:sent.end], _I)):
            battle = None
        base = "troop_deployment" if m.category == "troops" else "personnel_dispatch"
        if m.category == "personnel" and not ru_context:
            return None
        if deploy is None and battle is None:
            if m.quantity is not None and ru_context:
                return base
            inherited = self._inherited(sent, m)
            return inherited
        if battle is not None and (deploy is None or battle < deploy) and m.category == "troops":
            return "battlefield_use"
        return base

    def _inherited(self, sent: _Sentence, m: _Mention) -> str | None:
        """A figure with no verb of its own ("up from the million shells") restates an earlier claim's kind."""
        if m.quantity is None and not m.extra:
            return None
        for index, kind, item in reversed(self.context_claims):
            if index < sent.index - 3:
                break
            if item == m.value and kind in ("shipment", "troop_deployment", "personnel_dispatch", "battlefield_use"):
                return kind
        return None

    def _battle_after(self, sent: _Sentence, m: _Mention, mentions: list[_Mention]) -> bool:
        """Sent and also used: a combat verb in a clause of its own after the item ("... missiles
        and fires them at cities", "troops who have taken part in combat"), with no other thing
        named in between (that verb would be about the other thing)."""
        after = self.work[m.end:sent.end]
        hit = _BATTLE.search(after)
        if not hit or _NEGATED_BEFORE.search(after, max(0, hit.start() - 30), hit.start()):
            return False
        if any(m.end < x.start < m.end + hit.start() for x in mentions if x is not m and x.category != "casualty"):
            return False
        return bool(re.search(r"\b(?:which|that|who|and|were|was|have|has|had|being|been)\b", after[: hit.start()], _I))

    def _share_of_them(self, sent: _Sentence, m: _Mention) -> QuantityMatch | None:
        """"60 missiles ..., of which around half malfunctioned" / "of them two hit": the part
        the later clause is about, as a fraction or a count."""
        rel = _OF_WHICH.search(self.work, m.end, sent.end)
        if rel is None:
            return None
        frac = _FRACTION_OF_WHICH.match(self.work, rel.end(), sent.end)
        if frac is not None:
            got = parse_fraction(frac.group(0))
            if got.quantity is not None:
                return QuantityMatch(frac.start(), frac.end(), got.quantity, got.bound or "exact", None)
        return next((q for q in self._quantities(sent.start, sent.end) if q.start == rel.end()), None)

    def _tech_domains(self, sent: _Sentence) -> list[str]:
        got = self._domains_cache.get(sent.start)
        if got is None:  # asked for each mention and denial of the sentence: found once
            got = self._domains_cache[sent.start] = self._find_tech_domains(sent)
        return list(got)

    def _find_tech_domains(self, sent: _Sentence) -> list[str]:
        text = self.work[sent.start:sent.end]
        found = [item for item, pattern in lx.TECH_DOMAINS if pattern.search(text)]
        if "satellite_technology" in found and "space_technology" in found:
            found.remove("space_technology")
        if not found and self._launch_context(sent):
            return ["satellite_technology"]
        return found[:3] or ["military_technology"]

    def _flows_to_north(self, sent: _Sentence) -> bool:
        text = self.work[sent.start:sent.end]
        if re.search(r"\bin\s+(?:return|exchange)\b|\bas\s+(?:payment|compensation)\b", text, _I):
            return True
        north = r"(?:North\s+Korea|Pyongyang|the\s+North|the\s+Kim\s+(?:government|regime|family)|the\s+regime\s+in\s+Pyongyang)"
        if re.search(rf"\b(?:to|for|reach(?:ed|es|ing)?|arriv(?:ed|es|ing)\s+in)\s+{north}\b", text):
            return True
        if re.search(rf"\b(?:earn\w*|brought|bring\w*|net\w*)\s+{north}\b", text, _I):
            return True
        if re.search(rf"\b{north}\b[\w\s,'-]{{0,40}}\b(?:receiv\w*|get|gets|got|obtain\w*|import\w*|earn\w*|paid|secur\w*)\b", text, _I):
            return True
        if re.search(r"\b(?:Russia|Moscow|Russian)\b[\w\s,'-]{0,40}\b(?:provid\w*|suppl\w*|sen[dt]\w*|ship\w*|deliver\w*|export\w*|gave|giv\w*|pa(?:id|ys?|ying)|transfer\w*)\b", text, _I):
            return True
        return False

    def _assign_casualties(self, mentions: list[_Mention], marks: list[_Mention]) -> dict[int, _Mention]:
        """Pair casualty words with the people they count: "3,000 soldiers killed or wounded",
        "killed or wounded 3,000 soldiers", "capture of two soldiers". A counted group wins over
        an uncounted one ("units have lost several thousand men killed")."""
        work = self.work
        people = [m for m in mentions if m.category in ("troops", "personnel")]
        pairs: dict[int, _Mention] = {}
        for mark in marks:
            scored: list[tuple[tuple[int, int], _Mention]] = []
            for p in people:
                if id(p) in pairs:
                    continue
                if p.end <= mark.start:
                    gap = work[p.end:mark.start]
                    if len(gap) > 50 or re.search(r"[;:]|\b(?:and|but)\s+(?:\d|about|around)", gap):
                        continue
                    if mark.quantity is not None and p.quantity is not None:
                        continue  # "300 soldiers killed and 2,700 wounded": each has its own count
                    scored.append(((0 if p.quantity is not None else 1, len(gap)), p))
                elif p.start >= mark.end and p.start - mark.end <= 30 and (p.quantity is not None) != (mark.quantity is not None):
                    scored.append(((0, p.start - mark.end), p))
            if scored:
                best = min(scored, key=lambda x: x[0])[1]
                pairs[id(best)] = mark
                mark.consumed = True
        # People with no count, next to a counted group that took the mark, are the same group.
        for p in people:
            if id(p) not in pairs and p.quantity is None and any(
                    q.quantity is not None and id(q) in pairs and 0 <= q.start - p.end <= 40 for q in people):
                p.consumed = True
        return pairs

    def _troops_near(self, sent: _Sentence, mark: _Mention, mentions: list[_Mention]) -> bool:
        return any(m.category in ("troops", "personnel") for m in mentions) or bool(
            _NK_OWNER.search(self.work, max(sent.start, mark.start - 60), mark.start))

    # -- statements ------------------------------------------------------------------------------

    def _denials(self, sent: _Sentence, source: str, mentions: list[_Mention], ctx: "_Ctx",
                 skip: list[tuple[int, int]] | None = None) -> list[_Draft] | None:
        """A party's denial: one claim per party and per thing denied ("munitions" when blanket).

        Things named after the denial are what is denied ("never received any artillery shells").
        Things named before it are denied too, unless a named accuser made the charge ("the US
        accuses the North of supplying shells, a charge Moscow rejects"): then they are the
        accuser's claims and the denial is blanket.
        """
        work, s, e = self.work, sent.start, sent.end
        if skip:
            cue = next((c for c in _G_DENIAL.finditer(self.idx, s, e) if not _within(c.start(), skip)), None)
        else:
            cue = _G_DENIAL.search(self.idx, s, e)
        if not cue or _G_NON_DENIAL.search(self.idx, s, e):
            return None
        if skip:
            verb = next((v for v in _DENY_VERB.finditer(work, s, e) if not _within(v.start(), skip)), None)
        else:
            verb = _DENY_VERB.search(work, s, e)
        pos = min(cue.start(), verb.start() if verb else e)
        deniers = self._deniers(sent, source, pos)
        if not deniers:
            return None
        things = [m for m in mentions if m.category in ("materiel", "troops", "personnel", "technology", "tech")]
        after = [m for m in things if m.start >= pos]
        before = [m for m in things if m.end <= pos]
        accuser = next(
            (x for x in sent.sources if x.end <= pos and x.value not in _PARTIES and _ACCUSE.match(work, x.end + 1, x.end + 30)),
            None,
        )
        chosen = after or ([] if accuser else before)
        items = (self._answered_items(sent) if not chosen else []) or self._denied_items(sent, chosen)
        out: list[_Draft] = []
        if accuser is not None and before:
            actx = ctx.with_source(_first_conjoined(work, sent.sources, accuser).value)
            for m in before:
                if m.category in ("materiel",):
                    out.append(self._draft("shipment", m.value, "NK->RU", m.quantity, actx))
                elif m.category == "troops":
                    out.append(self._draft("troop_deployment", "troops", "NK->RU", m.quantity, actx))
        for party in deniers:
            dctx = ctx.with_source(party).unhedged()
            for item in items:
                direction = "RU->NK" if lx.ITEM_CATEGORY.get(item) == "technology" else "NK->RU"
                out.append(_Draft("denial", item, direction, None, None, None, stance="denied", **dctx.fields()))
        return out

    def _denied_items(self, sent: _Sentence, chosen: list[_Mention]) -> list[str]:
        items: list[str] = []
        for m in chosen:
            if m.category == "tech":
                values = self._tech_domains(sent)
            elif m.category == "troops":
                values = ["troops"]
            else:
                values = [m.value]
            for v in values:
                if v not in items:
                    items.append(v)
        specific = [i for i in items if i not in ("munitions", "military_technology")]
        return specific or (["munitions"] if not items or "munitions" in items else items[:1])

    def _deniers(self, sent: _Sentence, source: str, pos: int) -> list[str]:
        """The parties (Russia, North Korea) that deny, in order: the speaker when it is a party,
        and parties that are the subject of a denial verb ("Moscow and Pyongyang reject")."""
        work = self.work
        found: list[str] = [source] if source in _PARTIES else []
        both = _BOTH_PARTIES.search(work, sent.start, pos + 1) if pos >= sent.start else None
        if both and self._both_parties_named(sent):
            # "Both governments had dismissed the reports": the two sides named in the article.
            return ["Russia government", "North Korea government"]
        for v in _DENY_VERB.finditer(work, sent.start, sent.end):
            subjects = [
                m for m in sent.sources
                if m.value in _PARTIES and m.end <= v.start() and v.start() - m.end <= 40
                and not _OBJECT_BEFORE.search(work, max(sent.start, m.start - 12), m.start)
                and not re.search(r"[,;:]|\bthat\b", work[m.end:v.start()])
            ]
            if not subjects:
                continue
            last = subjects[-1]
            first = _first_conjoined(work, sent.sources, last)
            for m in sent.sources:
                if first.start <= m.start <= last.start and m.value in _PARTIES and m.value not in found:
                    found.append(m.value)
        return found

    def _both_parties_named(self, sent: _Sentence) -> bool:
        """Both Russia and North Korea are named in this sentence or the few before it."""
        window = self.sentences[max(0, sent.index - 3): sent.index + 1]
        return any(x.has_nk for x in window) and any(x.has_ru for x in window)

    def _condemnations(self, sent: _Sentence, mentions: list[_Mention], ctx: "_Ctx") -> list[_Draft] | None:
        """Condemnation or sanctions: one claim per thing condemned."""
        work, s, e = self.work, sent.start, sent.end
        if not _G_CONDEMN.search(self.idx, s, e):
            return None
        things = [m for m in mentions if m.category in ("materiel", "troops")
                  or m.category == "personnel" and _DEPLOY.search(work, s, m.start)]
        items: list[str] = []
        for m in things:
            v = "troops" if m.category == "troops" else m.value
            if v not in items:
                items.append(v)
        if not items:
            if _GENERIC_TRANSFERS.search(work, s, e):
                items = ["munitions"]
            else:
                ctx_item = self._context_item(sent)
                if ctx_item is None or not (sent.has_nk or sent.has_ru or ctx.source != "outlet"):
                    return None
                items = [ctx_item]
        return [_Draft("condemnation", item, "NK->RU", None, None, None, stance="asserted", **ctx.fields()) for item in items]

    def _supply_share(self, sent: _Sentence, mentions: list[_Mention], ctx: "_Ctx", context: bool) -> list[_Draft]:
        work, s, e = self.work, sent.start, sent.end
        if not context:
            return []
        out: list[_Draft] = []
        if "month" in work[s:e].lower() and _SUPPLY_CONTEXT.search(work, s, e):
            for q in self._quantities(s, e):
                if not _MONTHS_SUPPLY.match(work, q.end, e):
                    continue
                bound = q.bound
                if bound == "exact" and _ABOUT_BEFORE.search(work, max(s, q.start - 40), q.start):
                    bound = "about"
                out.append(_Draft("supply_share", "months_of_supply", "NK->RU", q.quantity, bound, q.quantity_high,
                                  stance="asserted", **ctx.fields()))
                self._consume_near(mentions, q.start, 120)
                break
        share = _G_SHARE.search(self.idx, s, e) or _G_SHARE_AFTER.search(self.idx, s, e)
        if share:
            frac = parse_fraction(((share.group("pre") or "") + " " + share.group("frac")).strip())
            if frac.quantity is not None:
                out.append(_Draft("supply_share", "share_of_supply", "NK->RU", frac.quantity, frac.bound, None,
                                  stance="asserted", **ctx.fields()))
                self._consume_near(mentions, share.start(), 10_000)
                # "a quarter ..., down from about half": the earlier share is a claim too.
                for prior in _PRIOR_SHARE.finditer(work, share.end(), e):
                    pf = parse_fraction(prior.group("frac"))
                    if pf.quantity is not None:
                        out.append(_Draft("supply_share", "share_of_supply", "NK->RU", pf.quantity, pf.bound, None,
                                          stance="asserted", **ctx.fields()))
        return out

    @staticmethod
    def _consume_near(mentions: list[_Mention], pos: int, window: int) -> None:
        """The shells a share is a share of are not a claim of their own (a counted shipment is)."""
        for m in mentions:
            if m.category == "materiel" and (m.quantity is None or m.quantity.quantity <= 1) and abs(m.start - pos) <= window:
                m.consumed = True

    # -- drafts ----------------------------------------------------------------------------------

    def _hedged_at(self, sent: _Sentence, pos: int) -> bool:
        """Is a claim at ``pos`` hedged? Modals count in its own clause; other hedges before it,
        in its clause, or as the verb of a trailing attribution (", the agency believes")."""
        work, s, e = self.work, sent.start, sent.end
        got = self._hedge_cache.get(s)
        if got is None:  # the same for every claim of the sentence: found once
            got = self._hedge_cache[s] = ([(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(work, s, e)],
                                          _G_HEDGE.finditer(self.idx, s, e))
        breaks, hedges = got
        if not hedges and not _MODAL_STEMS.search(self.low, s, e):
            return False  # no hedge word at all: the usual case
        lo = s
        hi = e
        for b_start, b_end in breaks:
            if b_end <= pos:
                lo = b_end
            elif b_start > pos:
                hi = b_start
                break
        if _MODAL_HEDGE.search(work, lo, hi):
            return True
        for h in hedges:
            if _MODAL_HEDGE.fullmatch(h.group(0)):
                continue
            if h.start() < pos or h.start() < hi:
                return True
            if _TRAILING_ATTRIBUTION.search(work, max(s, h.start() - 60), h.start()) and _TRAILING_END.match(work, h.end(), e):
                return True  # "..., the agency believes."
            if _ESTIMATE_SOURCE.search(work, max(s, h.start() - 25), h.end()):
                return True  # "..., according to estimates by Seoul"
        return False

    def _draft(self, kind: str, item: str, direction: str | None, q: QuantityMatch | None, ctx: "_Ctx", *,
               production: bool = False, mention: _Mention | None = None) -> _Draft:
        if mention is not None:
            anchor = q.start if q is not None else mention.start
            ctx = ctx.with_hedged(self._hedged_at(self.sentences[bisect_right(self.starts, anchor) - 1], anchor))
        if production and mention is not None:
            cap = self._capacity_for(mention)
            if cap is not None:
                return _Draft(kind, item, direction, cap[0], cap[1], None, stance="asserted", **ctx.fields())
            q = None if q is None or q.quantity > 1 else q
        definite = mention is None or mention.contextual or bool(
            _DEFINITE_BEFORE.search(self.work, max(0, mention.start - 30), mention.start))
        additional = mention is not None and not mention.contextual and bool(
            _ADDITIONAL_BEFORE.search(self.work, max(0, mention.start - 25), mention.start))
        if q is None:
            return _Draft(kind, item, direction, None, None, None, stance="asserted", **ctx.fields(), definite=definite,
                          additional=additional)
        return _Draft(kind, item, direction, q.quantity, q.bound, q.quantity_high, stance="asserted", **ctx.fields(),
                      definite=definite)

    def _capacity_for(self, m: _Mention) -> tuple[Number, str] | None:
        """The share of capacity nearest after the item ("factories ... at about 30 percent of capacity")."""
        i = bisect_right(self.starts, m.start) - 1
        sent = self.sentences[i]
        found = _CAPACITY.search(self.work, m.end, min(sent.end, m.end + 140))
        if not found:
            # A capacity named before the item belongs to it only if no other product sits between.
            before = list(_CAPACITY.finditer(self.work, sent.start, m.start))
            if not before or any(x.value != m.value and before[-1].end() <= x.start < m.start and x.category == "materiel"
                                 for x in sent.items):
                return None
            found = before[-1]
        if found.group("frac3") or found.group("frac4"):
            return 1.0, "exact"
        phrase = found.group("frac") or found.group("frac2") or ""
        near = found.group("near") or found.group("near_at") or ""
        if phrase.lower() in ("maximum", "max", "peak", "full"):
            return 1.0, "about" if near else "exact"  # "close to full capacity"
        frac = parse_fraction(near + phrase)
        if frac.quantity is None:
            return None
        return frac.quantity, frac.bound or "exact"


@dataclass(frozen=True)
class _Ctx:
    """What every claim of one sentence shares."""

    source: str
    hedged: bool
    since: str | None
    as_of: str | None
    span: tuple[int, int]

    def fields(self) -> dict[str, Any]:
        return {"source": self.source, "hedged": self.hedged, "since": self.since, "as_of": self.as_of, "span": self.span}

    def with_source(self, source: str) -> "_Ctx":
        return _Ctx(source, self.hedged, self.since, self.as_of, self.span)

    def unhedged(self) -> "_Ctx":
        return _Ctx(self.source, False, self.since, self.as_of, self.span)

    def with_hedged(self, hedged: bool) -> "_Ctx":
        return _Ctx(self.source, hedged, self.since, self.as_of, self.span)


class _Cues:
    """Cue matches of one sentence, found on first use."""

    def __init__(self, idx: _WordIndex, start: int, end: int) -> None:
        self._args = (idx, start, end)
        self._cache: dict[str, list[re.Match[str]]] = {}

    def _get(self, name: str, gated: _Gated) -> list[re.Match[str]]:
        if name not in self._cache:
            idx, start, end = self._args
            work = idx.work
            # "had not yet been seen in combat": a negated cue says the opposite.
            self._cache[name] = [
                m for m in gated.finditer(idx, start, end)
                if not _NEGATED_BEFORE.search(work, max(start, m.start() - 30), m.start())
            ]
        return self._cache[name]

    @property
    def provenance(self) -> list[re.Match[str]]:
        return self._get("provenance", _G_PROVENANCE)

    @property
    def presence(self) -> list[re.Match[str]]:
        return self._get("presence", _G_PRESENCE)

    @property
    def transfer(self) -> list[re.Match[str]]:
        return self._get("transfer", _G_TRANSFER)

    @property
    def deploy(self) -> list[re.Match[str]]:
        return self._get("deploy", _G_DEPLOY)

    @property
    def battle(self) -> list[re.Match[str]]:
        return self._get("battle", _G_BATTLE)

    @property
    def production(self) -> list[re.Match[str]]:
        return self._get("production", _G_PRODUCTION)


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= pos < hi for lo, hi in spans)


def _clause_end(work: str, start: int, end: int, breaks: re.Pattern[str]) -> int:
    stop = breaks.search(work, start, end)
    return stop.start() if stop else end


def _domains(phrase: str) -> list[str]:
    found = [item for item, pattern in lx.TECH_DOMAINS if pattern.search(phrase)]
    if re.search(r"\b(?:launch\s+vehicles?|rocket\s+engines?|engines?)\b", phrase, re.I) and not found:
        found = ["satellite_technology"]
    if "satellite_technology" in found and "space_technology" in found:
        found.remove("space_technology")
    if "submarine_technology" in found and "nuclear_technology" in found and _NUCLEAR_SUBMARINE.search(phrase):
        found.remove("nuclear_technology")  # "its nuclear submarine programme": one domain
    return found


_NUCLEAR_SUBMARINE = re.compile(r"\bnuclear(?:[- ]powered)?\s+(?:attack\s+|ballistic[- ]missile\s+)?submarines?\b", re.I)


_PROPER_SOURCE = re.compile(
    r"\s+(?:the\s+)?((?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*(?:\s+(?:intelligence|officials|ministry|agency|government|data|estimates|analysts))?)"
)
_SPEAKER = re.compile(r"\s*((?:MR\.|MS\.|MRS\.|DR\.)?\s*[A-Z][A-Za-z.' -]{1,40}?):\s")
_AUXILIARY_AFTER = re.compile(r"\s+(?:also\s+|too\s+|,\s+too,\s+)?(?:has|have|had|is|was|were|will|would|itself|again)\b", _I)


def _clause_subject(work: str, sent_start: int, m: _Mention, verb_start: int) -> bool:
    """"Washington has, over the course of the war, accused...": a name opening the sentence
    and followed by an auxiliary is the subject of the verb that comes, however far."""
    return (
        verb_start - m.end <= 100
        and not work[sent_start:m.start].strip(" \"'(")
        and bool(_AUXILIARY_AFTER.match(work, m.end))
        and not re.search(r"[;,]", work[m.end:verb_start])
    )


def _subject_reach(work: str, m: _Mention, verb_start: int) -> int:
    """How far before its verb a source may stand: further across an apposition
    ("Kim Yo Jong, vice department director of ..., issued"), less for a bare country name."""
    if _BARE_COUNTRY.fullmatch(work[m.start:m.end]):
        return 30
    gap = work[m.end:verb_start]
    if gap.startswith(",") and gap.rstrip().endswith(",") and gap.count(",") == 2:
        return 160
    return 60


def _first_conjoined(work: str, sources: list[_Mention], chosen: _Mention) -> _Mention:
    """"Pyongyang and Moscow have denied", "the United States, South Korea and Japan issued":
    walk back to the first of conjoined subjects. A bare comma only joins inside a list that
    ends in "and" (", Seoul's defence ministry said" after "to Russia" joins nothing)."""
    seen_and = False
    for prev in reversed([m for m in sources if m.end <= chosen.start]):
        gap = work[prev.end:chosen.start].strip().lower()
        if gap in ("and", ", and", "&", "or"):
            seen_and = True
        elif not (gap == "," and seen_and):
            break
        if _OBJECT_BEFORE.search(work, max(0, prev.start - 12), prev.start):
            break  # "arms to Russia and ...": an object, not a subject
        chosen = prev
    return chosen


# Kinds whose figure-less statements usually carry a fact of their own ("the missiles have become
# more accurate" before "150 were launched"), not a summary of the figure that follows.
_EVENT_KINDS = frozenset({"battlefield_use", "casualties"})


def _fold(drafts: list[_Draft]) -> list[_Draft]:
    """Keep the first statement of each fact.

    * The same figure restated is one claim, whoever restates it; a figure-less claim restated
      by another source is one claim too, except denials and admissions, where each party's
      word counts on its own ("a charge both Moscow and Pyongyang reject" is two denials).
    * A figure-less claim is dropped when its sentence also gives the figure; when the same
      source gives the figure later (a lede summing up what follows, for kinds that report
      totals); and when it refers back ("the containers were loaded...") to a figure given
      earlier, or is a casualty or combat mention after the figure ("memos found on dead
      soldiers"). A new figure-less statement stands: another source's charge ("Washington accuses
      the North of supplying shells"), or a further fact ("soldiers are being flown in").
    """
    first_figure: dict[tuple[Any, ...], int] = {}
    figured_spans: set[tuple[Any, ...]] = set()
    later_by_source: dict[tuple[Any, ...], int] = {}
    for i, d in enumerate(drafts):
        if d.quantity is not None:
            first_figure.setdefault(d.family(), i)
            figured_spans.add((d.family(), d.span))
            later_by_source[(d.family(), d.source)] = i
    kept: list[_Draft] = []
    seen: set[tuple[Any, ...]] = set()
    for i, d in enumerate(drafts):
        fam = d.family()
        if d.quantity is None and not d.additional:
            if (fam, d.span) in figured_spans:
                continue
            if d.kind not in _EVENT_KINDS and later_by_source.get((fam, d.source), -1) > i:
                continue
            if (d.definite or d.kind in _EVENT_KINDS) and first_figure.get(fam, len(drafts)) < i:
                continue
        party_word = d.kind in ("denial", "confirmation")
        key = d.key() if party_word else d.key()[:-1]  # the last field is the source
        if key in seen:
            first = next(k for k in kept if (k.key() if party_word else k.key()[:-1]) == key)
            if first.since is None and d.since is not None:
                first.since = d.since
            continue
        seen.add(key)
        kept.append(d)
    return kept


# Internal item names that the contract spells otherwise.
_OUTPUT_ITEM = {"drone_technology": "drones"}


def extract_from_clean(
    doc: CleanText, published: dt.date, title: str | None = None, spans: list[tuple[int, int]] | None = None,
    idx: lx.WordIndex | None = None,
) -> list[Claim]:
    """Claims of an already-cleaned article; spans index ``doc.source``.

    ``spans`` are the sentence spans of ``doc.work``, and ``idx`` its word index
    (:class:`monitor.claims.lexicon.WordIndex`), when the caller already has them.
    """
    article = _Article(doc, published, title, spans, idx)
    raw = article.claims()
    for d in raw:
        d.item = _OUTPUT_ITEM.get(d.item, d.item)
    drafts = _fold(raw)
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
