"""Extraction's cue vocabulary: the phrases that signal a kind of claim, a stance, a source or the
link between an amount and its noun, as compiled regexes and their word-gated twins.

This is data beside :mod:`monitor.claims.lexicon` (which names the items, sources and parties); the
rules that read it live in :mod:`~monitor.claims.attribution`, :mod:`~monitor.claims.mentions`,
:mod:`~monitor.claims.kinds`, :mod:`~monitor.claims.statements` and :mod:`~monitor.claims.drafts`.
A cue whose match needs a word gets a ``G_`` twin (:class:`monitor.claims.lexicon.Gated`) that
skips sentences without that word; both find exactly the same matches.
"""

from __future__ import annotations

import re

from monitor.claims import lexicon as lx
from monitor.claims.quantities import PASSING_VERBS

_I = re.IGNORECASE

TRANSFER = re.compile(
    r"\b(?:sen[dt]s?|sending|ship(?:s|ped|ping|ments?)?|suppl(?:y|ies|ied|ying|ier|iers)|transfer(?:s|red|ring)?"
    r"|deliver(?:s|ed|ing|y|ies)?|provid(?:e|es|ed|ing)|provision|export(?:s|ed|ing)?|sold|sell(?:s|ing)?|sales?"
    r"|gave|giv(?:e|es|en|ing)|hand(?:ed|ing)?\s+over|arm(?:ed|ing)\b|arms\s+(?:Russia|Moscow)\b|equipp(?:ed|ing)|receiv(?:e|es|ed|ing)"
    r"|acquir(?:e|es|ed|ing)|acquisitions?|obtain(?:s|ed|ing)?|purchas(?:e|es|ed|ing)|bought|buy(?:s|ing)?|import(?:s|ed|ing)?"
    r"|procur(?:e|es|ed|ing|ement)"
    r"|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|mov(?:e|es|ed|ing)|transport(?:s|ed|ing)?|load(?:s|ed|ing)|cross(?:es|ed|ing)|smuggl\w*|funnel\w*"
    # a ship or train conveying the things: "ferried shells across the sea", "trains hauling munitions" ("carry" is
    # not here: a strike is "carried out", a missile "capable of carrying warheads"; "carried to Russia" has its place)
    r"|ferr(?:y|ies|ied|ying)|haul(?:s|ed|ing)?"
    # things given in a trade or for a time: "bartered shells for oil", "swapped", "furnished", "lent"
    r"|barter(?:s|ed|ing)?|swap(?:s|ped|ping)?|furnish(?:es|ed|ing)?|lent|lend(?:s|ing)?"
    r"|pour(?:s|ed|ing)|flow(?:s|ed|ing)?|bound\s+for|destined\s+for|in\s+(?:exchange|return)|reinforc\w*|bolster\w*|join(?:s|ed|ing)?|contribut\w*"
    r"|(?:in|to|into|inside)\s+Russia|Kursk|to\s+the\s+front|pledg\w*|promis\w*|offer(?:s|ed|ing)?|rotat\w*"
    r"|transit\w*|(?:from|by)\s+(?:North\s+Korea|Pyongyang)|replenish\w*|exchang\w*|cargo|freight|consignments?"
    r"|flatcars?|railway|rail|trains?|by\s+sea|vessels?|ships?|tankers?|port|handing|handed|hand(?:s|ing)?\s+(?:over|Russia|Moscow)"
    r"|came\s+from\s+North\s+Korea|come\s+from\s+North\s+Korea)\b",
    _I,
)

# Where a thing was made, not that it moved: a shipment only when nothing else is said of it.
PROVENANCE = re.compile(
    r"\b(?:(?:North\s+Korean|Pyongyang|DPRK)[- ](?:made|supplied|produced|manufactured|built|designed)|made\s+in\s+North\s+Korea"
    r"|of\s+North\s+Korean\s+(?:origin|design|make)|North\s+Korean\s+design"
    # the maker told by participles after the thing: "missiles produced in the DPRK", "shells designed, developed and
    # manufactured by North Korea" (a quotation may close between: "missiles 'designed and produced' in the DPRK")
    r"|(?<=\s)(?:made|produced|manufactured|built|designed|developed)(?:,?\s+(?:and\s+|or\s+)?(?:made|produced"
    r"|manufactured|built|designed|developed))*[\"'\u201d\u2019]?\s+(?:in|by)\s+(?:the\s+)?(?:North\s+Korea|DPRK|Pyongyang"
    r"|North\b))\b",
    _I,
)

# A thing called Russian-made, in a sentence naming the North: the North holds what Russia made, so it came from
# Russia ("North Korea has deployed the Russian-made Pantsir system", "Russian-built radars now guard Pyongyang").
# Plain "Russian" is not enough: "the North's troops are shielded by Russian air defences" moves nothing.
RUSSIAN_MADE_BEFORE = re.compile(
    r"\b(?:Russian|Russia)[- ](?:made|built|produced|manufactured|designed|origin|supplied|provided|delivered|donated)"
    r"\s+(?:[\w-]+\s+){0,4}$",
    _I,
)
# ... unless the North's soldiers at the war hold it: "North Korean troops sheltered under Russian-made air defences in
# Kursk" is Russia's own weapon at its own front, nothing moved to the North.
NORTH_SOLDIERS_AT_WAR = re.compile(
    r"\b(?:troops|soldiers|servicemen|fighters|units)\b[^.;]{0,80}?\b(?:in|at|near|on)\s+(?:the\s+)?"
    r"(?:Kursk|Ukraine|front(?:\s+lines?)?|battlefield|trenches)\b",
    _I,
)
# The same said after the thing: "air defence systems of Russian origin", "radars made in Russia", "jets supplied by
# Moscow" (read from the thing's end, a word or two of its name allowed between).
RUSSIAN_MADE_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:of\s+Russian\s+(?:origin|make|design|manufacture)"
    r"|(?:made|built|produced|manufactured|designed|supplied|provided|delivered|donated)\s+(?:in|by)\s+"
    r"(?:Russia|Moscow|the\s+Kremlin|Russian\s+(?:firms|factories|plants|engineers)))\b",
    _I,
)

# Searched before every cue match of a sentence: only where one of its words is (the parser folds the shared "n"
# of the words, so their stems are given).
NEGATED_BEFORE = lx.StemGuarded(
    re.compile(
        r"\b(?:not|n't|never|no)\b(?:\s+[\w'-]+){0,4}\s*$"
        # what someone could not do: "had difficulty producing weapons", "was unable to send more troops to Russia"
        # ("missiles that failed to hit" were fired: a failure is a use, convention 6)
        r"|\b(?:difficulty|difficulties|unable\s+to)(?:\s+in)?(?:\s+[\w'-]+){0,3}\s*$"
        # the alternative set aside: "were training rather than engaging in combat", "instead of sending troops"
        r"|\b(?:rather\s+than|instead\s+of)(?:\s+[\w'-]+){0,3}\s*$"
        # "neither Pyongyang nor Moscow has acknowledged the deployment", "nor has it confirmed the shipments"
        r"|\b(?:neither|nor)\b(?:\s+[\w'-]+){0,4}\s*$",
        _I,
    ),
    stems=("no", "n't", "never", "difficult", "unable", "rather", "instead", "neither", "nor"),
)

# The one verb of admitting that a negation turns round: "will never forget the North's soldiers" remembers them.
FORGETTING = re.compile(r"forget|forgotten", _I)

# What a thing can do, told of it in a clause after it ("projectiles which can be fired by Russian guns", "missiles
# capable of striking Kyiv", "rounds that are compatible with Soviet-era launchers"): its fitness, not a use.
ABLE_TO_BEFORE = re.compile(
    r"\b(?:can|cannot|can't)\s+(?:also\s+|only\s+|easily\s+|still\s+)?(?:be\s+)?$"
    r"|\b(?:capable\s+of|able\s+to|compatible\s+with|suitable\s+for|designed\s+to|designed\s+for)\s+(?:be\s+)?$",
    _I,
)

# An infinitive or "for" of purpose right before a combat word ("to fight", "to train and ultimately
# fight", "for combat"): what the people or things are meant for, not a report that they were used ("were used
# to fight" is). So is the fighting that a purpose is to help ("arms to help bolster its forces as they fight").
PURPOSE_BEFORE = lx.StemGuarded(
    re.compile(
        r"(?<!\bused\s)(?<!\buses\s)(?<!\busing\s)\b(?:to|for)\s+(?:(?:possible|eventual|future|potential)\s+)?"
        r"(?:[\w-]+\s+(?:and|or)\s+)?"
        r"(?:(?:ultimately|eventually|later|possibly|then|also|help\s+(?:Russia|Moscow|the\s+Russians))\s+)?$"
        r"|\bto\s+(?:help\s+)?(?:bolster|support|aid|back|sustain|strengthen|reinforce|boost|replenish)\s+"
        r"(?:[\w'-]+\s+){0,4}?(?:as|while|when)\s+(?:they|it)\s+$",
        _I,
    )
)


# "weapons to be used in the war": a use intended (not "confirmed to be engaging", which reports the fighting).
TO_BE_BEFORE = re.compile(r"\bto\s+be\s+$", _I)
INTENDED_USE = re.compile(r"(?:used|deployed|fired|employed|launched)\b", _I)


def in_purpose(work: str, pos: int) -> bool:
    if PURPOSE_BEFORE.search(work, max(0, pos - 45), pos) is not None:
        return True
    return TO_BE_BEFORE.search(work, max(0, pos - 10), pos) is not None and INTENDED_USE.match(work, pos) is not None


# Deployment of people: narrower than TRANSFER ("received" troops is odd, "in Russia" is not).
DEPLOY = re.compile(
    r"\b(?:sen[dt]s?|sending|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|station(?:s|ed|ing)|arriv(?:e|es|ed|ing|als?)"
    r"|transport(?:s|ed|ing)?|mov(?:e|es|ed|ing)|ship(?:s|ped|ping)|airlift\w*|fl(?:y|ies|ying|own|ew)|reinforc\w*|bolster\w*"
    # ("due to Russia's use of them", "thanks to Russia": a cause, not a destination)
    r"|(?<!due\s)(?<!owing\s)(?<!thanks\s)(?<!according\s)"
    r"(?:to|into)\s+(?:Russia|Kursk|the\s+Kursk|Russia's\s+Kursk|the\s+Russian\s+Far\s+East|Vladivostok|Ukraine|the\s+front)"
    r"|contribut\w*|rotat\w*|replac(?:e|es|ed|ing|ements?)"
    # come to the place: "a second wave of soldiers has reached Russia", "troops landed in Vladivostok"
    r"|(?:reach(?:es|ed|ing)?|land(?:s|ed|ing)\s+in)\s+(?:Russia|Kursk|the\s+Kursk|Russia's|the\s+Russian|Vladivostok|the\s+front)"
    # trained at a place, not "at the time" or "in the past"
    r"|train(?:s|ed|ing)?\s+(?:in|at)(?!\s+(?:the\s+|that\s+)?(?:time|same\s+time|moment|least|first|once|past|present)\b)"
    r"|mobiliz\w*|mobilis\w*|assign\w*|serv(?:e|es|ed|ing)\s+(?:in|with)"
    r"|additional|more\s+troops|extra|bring|brought|supplied|provid\w*"
    r"|pledg\w*|promis\w*|headed|heading|crossed|entered|bound\s+for|destined\s+for|expeditionary|returning|returned|withdr[ae]w\w*)\b",
    _I,
)

# Where people are rather than that they were sent: counts only when no combat is mentioned.
# Places of the war where people are said to be (data): Russia's own regions and the occupied ones, and the
# front towns reports name; "the Kursk region", "occupied Donetsk", "Russian soil".
WAR_PLACES = (
    r"(?:the\s+)?(?:Russian\s+(?:soil|territory|Far\s+East)|Russia['\u2019]s\s+(?:soil|territory|Far\s+East|Kursk|border\s+regions?)"
    # (the state's own possessive is a place only before the places named above: "in Russia's war" is no place)
    r"|Russia(?!['\u2019]s\b)|Kursk|Sudzha|Belgorod|Bryansk|Donetsk|Luhansk|Donbas|Zaporizhzhia|Kherson|Pokrovsk|Kupiansk"
    r"|Toretsk|Crimea|the\s+Far\s+East|Vladivostok|Primorye|Primorsky\s+Krai|Khabarovsk|Siberia|Moscow(?!['\u2019]s\b)"
    r"|St\.?\s+Petersburg"
    r"|(?:Russian-)?occupied\s+(?:[\w-]+\s+){0,2}?(?:Ukraine|territor(?:y|ies)|areas?|regions?|parts\s+of\s+Ukraine|[A-Z][\w-]+)"
    r"|Kursk\s+(?:region|oblast|province)|the\s+Kursk|the\s+area|the\s+region)"
    # the first of two names joined by a hyphen is no place: "in the Russia-Ukraine war", "in Moscow-Pyongyang ties"
    r"(?![-\u2013](?-i:[A-Z]))"
)

# Where people are rather than that they were sent: counts only when no combat is mentioned. Their place is
# told with a preposition of place ("near Pokrovsk", "on Russian soil", "in occupied Donetsk"), by a
# sighting ("seen", "spotted", "filmed" there) or by the positions and units they hold or joined.
PRESENCE = re.compile(
    # (joining a party or an organisation is no place: "hoped to join the Workers' Party")
    r"\b(?:join(?:s|ed|ing)?(?!\s+(?:the\s+|its\s+|their\s+)?(?:[\w'\u2019]+\s+){0,2}?(?:part(?:y|ies)|organi[sz]ations?)\b)"
    r"|remain(?:s|ed)?\s+in|(?:work|working|worked|serv\w+|operat\w+)\s+(?:alongside|with|in|for)|alongside\s+Russian"
    # (a place named after another party's people is theirs: "the top US official in the region", "allies in the area")
    r"|(?<!\bofficial\s)(?<!\bofficials\s)(?<!\bdiplomat\s)(?<!\bdiplomats\s)(?<!\benvoy\s)(?<!\bcommander\s)"
    r"(?<!\bcountries\s)(?<!\ballies\s)(?<!\bpartners\s)(?<!\bstates\s)"
    r"(?:in|inside)\s+" + WAR_PLACES + r")\b",
    _I,
)
# More of the same, gated apart (``Cues.presence`` reads both): other prepositions of place ("near Pokrovsk",
# "on Russian soil"), sightings, positions held or taken, units joined.
PRESENCE_MORE = re.compile(
    r"\b(?:(?:near|at|on|around|outside|across|throughout)\s+" + WAR_PLACES + r""
    r"|(?:seen|spotted|sighted|observed|filmed|photographed|pictured|recorded|identified)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:in|inside|near|at|on|around|among|alongside|with|training|moving|marching|arriving|wearing|walking|crossing)"
    r"|(?:hold(?:s|ing)?|held|tak(?:e|es|en|ing)\s+up|took\s+up|occup(?:y|ies|ied|ying)|man(?:s|ned|ning))\s+positions"
    r"|based\s+(?:in|at|near)|(?:integrated|embedded|incorporated|absorbed)\s+(?:in|into|with|within)|attached\s+to\s+Russian)\b",
    _I,
)

# A plant built in the North for the thing made there: "agreed to create facilities in North Korea to produce attack
# drones" is help with what it makes (TECH_ASSIST) and a flow to the North (RETURN).
PLANT_IN_NORTH = (
    r"(?:build(?:s|ing)?|built|set(?:ting)?\s+up|creat(?:e|es|ed|ing)|establish(?:es|ed|ing)?|construct(?:s|ed|ing)?)"
    r"\s+(?:[\w'-]+\s+){0,2}?(?:factor(?:y|ies)|plants?|facilit(?:y|ies)|production\s+lines?)\s+in\s+"
    r"(?:North\s+Korea|the\s+North|Pyongyang)"
)
RETURN = re.compile(
    r"\b(?:in\s+(?:return|exchange)|as\s+(?:payment|compensation|a\s+reward)|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|gotten"
    r"|obtain\w*|acquir\w*|gain(?:s|ed|ing)?|secur(?:e|es|ed|ing)|access|provid\w*|giv(?:e|es|en|ing)|gave|transfer\w*"
    r"|shar(?:e|es|ed|ing)|offer\w*|suppl(?:y|ies|ied|ying)|sen[dt]s?|sending|ship(?:s|ped|ping|ments?)?|deliver\w*"
    r"|export\w*|help(?:s|ed|ing)?|assist\w*|aid(?:s|ed|ing)?|advice|advis\w*|support(?:s|ed|ing)?"
    r"|(?<!-)back(?:s|ed|ing)|to\s+back"  # backing as support ("vowed to back its space plans"; not "Russian-backed")
    r"|teach\w*|taught|train(?:s|ed|ing)?|upgrad\w*|moderni[sz]\w*|improv\w*|repay\w*|paid|pay(?:s|ing|ment|ments)?|earn(?:s|ed|ing)?"
    r"|reward\w*|compensat\w*|benefit\w*|boost\w*|bolster\w*|cooperat\w*|know-how|assistance|reach(?:ed|es|ing)?|arriv\w*"
    r"|hand(?:s|ed|ing)?\s+over|handover|transferr\w*|barter(?:s|ed|ing)?|swap(?:s|ped|ping)?|furnish(?:es|ed|ing)?"
    r"|sell(?:s|ing)?|sold|sales?"
    # goods fetched or bought in ("North Korea has been importing oil from Russia", "tankers carrying oil from
    # Vostochny"): flows_to_north says whether they go to the North (what it "may import" is the cap, no flow)
    r"|(?<!\bmay\s)(?<!\bcan\s)(?<!\ballowed\sto\s)(?<!\bpermitted\sto\s)import(?:s|ed|ing)?|carr(?:y|ies|ied|ying)"
    r"|load(?:s|ed|ing)?"
    # goods told as a stream ("Russian oil has been flowing to North Korea")
    r"|flow(?:s|ed|ing)?|(?:pour(?:s|ed|ing)?|stream(?:s|ed|ing)?)(?=\s+(?:in|into|to|across)\b)"
    # ... or bought in ("North Korea bought Russian oil", "purchased refined petroleum from Russia")
    r"|b(?:uy|uys|ought|uying)|purchas(?:e|es|ed|ing)|" + PLANT_IN_NORTH + r")\b",
    _I,
)

# A charge said to lack proof ("there is no evidence that the North sends arms", "the reports lack any proof"), one of
# DENIAL's cues; the party that gave none ("Moscow has offered no evidence for its claim") is the claimant whose word
# lacks it, not a denier (PROOF_GIVEN_BEFORE, ``statements.proof_withheld_by_party``).
_LACK_OF_PROOF = r"(?:no|not\s+any|lacks?|lacked|lacking)\s+(?:any\s+)?(?:hard\s+|concrete\s+|credible\s+|real\s+)?(?:evidence|proof)"
LACK_OF_PROOF = re.compile(_LACK_OF_PROOF + r"\b", _I)
PROOF_GIVEN_BEFORE = re.compile(
    r"\s+(?:(?:has|have|had|so\s+far|yet|still|also)\s+)*"
    r"(?:offer(?:s|ed)?|provid(?:e|es|ed)|g[ai]ve(?:s|n)?|present(?:s|ed)?|produc(?:e|es|ed)|show(?:s|ed|n)?|suppl(?:y|ies|ied))\s+",
    _I,
)

DENIAL = re.compile(
    # (denying or rejecting a goal, a right or an entry is no denial of a charge: "denied the goals set by the
    # resolutions", "was denied entry")
    # (a report waved away is denied as well: "brushed off reports of ...", "waved away the claims")
    r"\b(?:(?:brush(?:es|ed|ing)?|wav(?:e|es|ed|ing)|shrug(?:s|ged|ging)?|laugh(?:s|ed|ing)?)\s+(?:off|aside|away)\b"
    # ... or scorned: "scoffed at reports that ...", "poured scorn on the claims"
    r"|scoff(?:s|ed|ing)?\s+at|(?:pour(?:s|ed|ing)?|heap(?:s|ed|ing)?)\s+scorn\s+on"
    r"|(?:den(?:y|ies|ied|ying|ial|ials)|reject(?:s|ed|ing)?)(?!\s+(?:(?:the|its|their|them|him|her)\s+)?"
    r"(?:[\w-]+\s+)?(?:goals?|aims?|objectives?|principles?|purposes?|need|importance|legitimacy|rights?|access|entry"
    r"|visas?|permission)\b)|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?"
    r"|baseless|groundless|unfounded|fabricat\w*|fake|absurd|nonsense|lies|slander\w*|smear\w*"
    r"|false\s+(?:claims?|reports?|rumou?rs?|information)|never\s+(?:sent|supplied|provided|received|transferred|shipped|deployed|exported)"
    # a charge said to lack proof: "there is no evidence that the North sends arms", "the reports lack any proof"
    r"|"
    + _LACK_OF_PROOF
    + r"|(?:no|not\s+any)\s+(?:such|truth)|not\s+true|untrue|rumou?rs|inventions?|ridiculous|fiction|hoax|propaganda|smear|far[- ]fetched|unsubstantiated"
    # "speculation" dismisses; "speculation by officials that ..." reports a guess
    r"|speculation(?!\s+(?:that|by|about|on|over|in)\b)"
    # "has not only sent shells but also missiles" says more, not less
    # (a verb joined by a hyphen is part of a compound: "did not use ship-to-ship transfers" denies no shipment)
    r"|(?:had|has|have|did|does|do|was|were)(?:\s+not|n't)\s+(?!only\b)(?:\w+\s+)?(?:received?|sent|send|supplied|supply|provided|provide|transferred|transfer|shipped|ship|deployed|deploy|acquired|bought|purchased|delivered|deliver|helped|help|funnell?ed|funnel)\b(?!-)"
    # the same denied as an ongoing or lasting act: "is not sending", "has not been funnelling", "had never been
    # supplying" (a progressive only: "the problem is not supply" denies nothing)
    # ("is not" and "are not" are found from their "not": a gate on every "is" and "are" costs a tried match on most
    # sentences)
    r"|(?:(?:was|were)(?:\s+not|n't)|isn't|(?<=\bis\s)not|(?<=\bare\s)not|(?:has|have|had)(?:\s+not|n't)\s+been"
    r"|never\s+been)\s+(?!only\b)(?:\w+\s+)?"
    r"(?:receiv|send|supply|provid|transferr|shipp|deploy|acquir|buy|purchas|deliver|help|funnell?|export)ing\b(?!-)"
    r"|never\s+(?:received|sent|supplied|provided|helped|had))\b",
    _I,
)

# Refusing to comment is not denying.
NON_DENIAL = re.compile(
    r"\bneither\s+confirm(?:ed|s)?\s+nor\s+denie[ds]|\b(?:declin(?:ed|es|ing)|refus(?:ed|es|ing))\s+to\s+(?:confirm|comment|deny|discuss|say|elaborate)"
    r"|\b(?:would|could|did)\s+not\s+(?:confirm|comment|discuss)"
    # "has not confirmed or denied", "hadn't confirmed or denied", "without confirming or denying"
    r"|\b(?:not|never|without|(?:had|has|have|did|does|do)n['’]t)\s+(?:yet\s+)?"
    r"confirm(?:ed|ing)?\s+or\s+den(?:ied|y|ying)\b"
    r"|\bnot\s+deem\s+it\s+necessary\s+to\s+comment|\bno\s+comment\b"
    # a denial said not to have been made is none: "Moscow has not denied using the troops", "did not reject the
    # report", "has never disputed it"; nor one the speaker sees no cause for ("no reason to reject this offer")
    r"|\b(?:(?:had|has|have|did|does|do)(?:\s+not|n['’]t)|never)\s+(?:yet\s+|publicly\s+|officially\s+)?"
    r"(?:den(?:y|ied)|reject(?:ed)?|dismiss(?:ed)?|refuted?|disputed?)\b"
    r"|\bno\s+(?:reason|need|grounds?|cause)\s+to\s+(?:deny|reject|dismiss|refute|dispute)\b",
    _I,
)

DENIALS_BY = re.compile(r"denials?\s+(?:from|by)\s+(?:the\s+governments?\s+(?:of|in)\s+)?", _I)
# The party as the possessor of the denial named as a noun: "despite Pyongyang's denials that it sold arms", "the
# Kremlin's flat rejection of the reports" (the gap between the party and the noun, fully matched).
DENIAL_POSSESSOR_GAP = re.compile(
    r"['\u2019]s\s+(?:(?:repeated|flat|official|earlier|categorical|firm|strong)\s+)?", _I
)
DENY_VERB = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|call(?:s|ed|ing)?"
    r"|(?:had|has|have|did|does|do|was|were)(?:\s+not|n't)|never"
    # "Pyongyang is not sending arms": present tense only before a progressive ("Moscow is not a party" denies nothing)
    # ("is not something" is no progressive)
    r"|(?:is|are)(?:\s+not|n't)(?=\s+(?:\w+\s+)?(?!(?:some|any|no|every)?thing\b)\w+ing\b))\b",
    _I,
)

# Where a denial's reach ends: a clause joined after it ("There was no evidence of sabotage, and North Korean shells kept
# arriving", "Moscow denied any wrongdoing; the troops kept training") is not what is denied. A thing listed on across
# the join ("denied sending shells, rockets, and missiles") stays inside (``statements.denial_scope``).
DENIAL_SCOPE_END = re.compile(r";|,\s+(?:and|but|while|whereas|yet)\b", _I)
# A lack of proof of something else, told in a thing ("no evidence of any malfunction in the North Korean missiles",
# "no proof of a defect aboard the shells"): the thing is where the other thing would be, not what is denied. The head of
# the complement is a few words before the preposition; a thing among them is denied as before. A part taken in the
# thing's dealings is none of something else ("no evidence of North Korean involvement in arms supplies").
PROOF_OF_ANOTHER_THING = re.compile(
    r"\s+(?:of|for)\s+(?P<head>(?:[\w'-]+\s+){0,3}?[\w'-]+)"
    r"(?<!involvement)(?<!role)(?<!participation)(?<!part)(?<!presence)(?<!hand)"
    r"\s+(?:in|inside|within|aboard|among|on)\s+",
    _I,
)

# A denial told as a participle ("..., denying that Moscow had broken sanctions"): its subject is the clause's.
PARTICIPLE_DENIAL = re.compile(r"denying|rejecting|dismissing|refuting", _I)

# "dismissed the reports as fake", "rejected these allegations": a denial of reports it does not restate.
REPORTS_DENIED = re.compile(
    r"\s+(?:all\s+)?(?:the|these|those|such|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:reports?|claims?|allegations?|accusations?|charges?|stories|story)\b(?!\s+(?:that|of|about|on|by)\b)",
    _I,
)
# Things named in one list: "ammunition and missiles", "shells, rockets or missiles".
LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as)\s+)?(?:other\s+)?", _I)

# The join between two things of one list, with one word of the second's own before it ("shells, mechanized
# howitzers, and rocket launchers"): a comma or a conjunction must be there.
LIST_JOIN_MODIFIED = re.compile(
    r"\s*(?:,\s*(?:(?:and|or|as\s+well\s+as)\s+)?|(?:and|or|as\s+well\s+as)\s+)(?:other\s+)?(?:(?-i:[a-z][\w-]*)\s+)?",
    _I,
)

# A denial in a trailing clause ("..., which Pyongyang and Moscow deny", "..., a charge the Kremlin rejects",
# "..., although the Kremlin denies it"): the main clause stays the speaker's claim, and the denier speaks for the
# trailing clause alone.
DENIAL_TAIL = re.compile(
    r",\s+(?:which|a\s+(?:charge|claim|accusation|allegation|report)(?:\s+(?:that|which))?"
    r"|although|though|even\s+though|while|whereas)\s+(?:[\w'.-]+\s+){1,6}?"
    r"(?:(?:has|have|had)\s+)?(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refute[sd]?)\b",
    _I,
)

# Another speaker's report inside a sentence: "..., with Seoul having long reported that ...",
# "..., while Kyiv says ...". What follows, to the end of the clause, is that speaker's claim.
EMBEDDED_REPORT = re.compile(
    r"\b(?:with|while|as|whereas)\s+(?P<who>(?:[\w'.-]+\s+){1,8}?)(?:having\s+|has\s+|have\s+|had\s+)?"
    r"(?:(?:long|previously|earlier|also|repeatedly|since)\s+)?"
    r"(?:reports?|reported|reporting|said|saying|says?|estimated|estimating|estimates?|assessed|assesses|assess"
    r"|believes?|believed|claimed|claims?|claiming)"
    r"\s+(?:that\s+)?",
    _I,
)
T_EMBEDDED_REPORT = lx.Twinned(EMBEDDED_REPORT)
EMBEDDED_REPORT_STEMS = ("report", "said", "saying", "say", "estimat", "assess", "claim", "believ")
EMBEDDED_REPORT_OPENINGS = ("with ", "while ", "as ", "whereas ")

# Praise, tribute and mourning paid to someone, told by the one who pays them (a verb of saying for ATTRIBUTION, and
# in CONFIRM the admission of the soldiers so honoured): "Putin hailed ...", "Moscow honoured the fallen", "paid
# homage to", "saluted", "commemorated", "mourned". One copy for both.
# The virtues praised in soldiers: a word of praise for what they did in the fighting.
_VIRTUES = (
    r"(?:heroism|courage|bravery|valou?r|professionalism|dedication|selflessness|self-sacrifice|steadfastness"
    r"|fortitude|feats?|exploits?)"
)

_PRAISED = (
    r"prais(?:e|es|ed)|hail(?:s|ed)|laud(?:s|ed)|commend(?:s|ed)|honou?r(?:s|ed)|salut(?:es|ed)|commemorat(?:es|ed)"
    r"|mourn(?:s|ed)|(?:paid|pays)\s+(?:a\s+)?(?:tribute|homage)(?:\s+to)?"
)

CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|acknowledg\w*|admit(?:s|ted|ting)?|admissions?|conced(?:e|es|ed|ing)|officially\s+(?:announced|disclosed|revealed|said)"
    r"|publicly\s+(?:stated|said)|for\s+the\s+first\s+time\s+(?:publicly\s+)?(?:acknowledged|admitted|confirmed|disclosed)"
    # (those thanked may be a list: "thanked the North, its leader and the units of its army for their help")
    r"|thank(?:s|ed|ing)?\s+(?:[\w'\u2019-]+,?\s+){0,14}?for\s+(?:sending|dispatching|deploying|providing|supplying|helping|their|its"
    # "thanked Kim for the 'feat' of his country's fighters": the soldiers' deeds, not help in general
    r"|the\s+[\"'\u201c]?(?:feats?|heroism|courage|bravery|valou?r|sacrifices?)\b)"
    # (a word of praise between may stand in quotation marks: thanked the "heroic" soldiers)
    r"|thank(?:s|ed|ing)?\s+the\s+(?:[\"'\u201c]?[\w'-]+[\"'\u201d]?\s+){0,6}?(?:troops|soldiers|servicemen|units|fighters)"
    # praise and tribute paid to the North's soldiers by its side is the same admission: "hailed the heroism shown
    # by the KPA's units", "paid tribute to the Korean comrades", "lauded the courage of North Korean troops"
    r"|(?:" + _PRAISED + r"|prais(?:e|ing)|hail(?:ing)?|laud(?:ing)?|commend(?:ing)?|honou?r(?:ing)?|salut(?:e|ing)"
    r"|commemorat(?:e|ing)|mourn(?:ing)?|pay(?:ing)?\s+(?:a\s+)?(?:tribute|homage)\s+to"
    # the soldiers' dead or deeds kept in memory: "vowed never to forget the sacrifice of the North Korean soldiers",
    # "will remember the feat of the KPA units", "mourned the North Korean servicemen" (not a ceremony's "immortalise
    # their feat": the development labels read that as the deeds, a use, 17h)
    r"|(?:forget|forgotten|remember(?:s|ed|ing)?)"
    r"|express(?:es|ed|ing)?\s+(?:his\s+|her\s+|its\s+|their\s+)?[\"'\u201c]?gratitude[\"'\u201d]?\s+to)"
    r"\s+[^.;]{0,80}?(?:North\s+Korean?|Korean|KPA|DPRK|Pyongyang|the\s+North)(?:'s|\u2019s)?\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:troops|soldiers|servicemen|units|fighters|forces|comrades|brothers|army|military)"
    r"|(?:prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?|laud(?:s|ed|ing)?|commend(?:s|ed|ing)?|honou?r(?:s|ed|ing)?)"
    r"\s+the\s+(?:troops|soldiers|servicemen|units|fighters)\s+of\s+"
    r"(?:the\s+)?(?:Korean\s+People'?s\s+Army|KPA|DPRK|North\s+Korea)"
    # the soldiers' virtues named by a verb of noting ("noted the courage and heroism of the North Korean soldiers",
    # "highlighted the KPA troops' professionalism"): the praise is in the noun, the admission the same
    r"|(?:not(?:es|ed|ing)|highlight(?:s|ed|ing)?|stress(?:es|ed|ing)|emphasi[sz](?:e|es|ed|ing)|underlin(?:e|es|ed|ing)"
    r"|spoke\s+(?:highly\s+)?of|recogni[sz](?:e|es|ed|ing))\s+(?:the\s+)?(?:"
    r"(?:[\w-]+,?\s+(?:and\s+)?){0,4}?" + _VIRTUES + r"\s+(?:shown\s+by\s+|displayed\s+by\s+|of\s+)(?:the\s+)?"
    r"(?:North\s+Korean?|Korean|KPA|DPRK|Pyongyang|the\s+North)(?:'s|\u2019s)?\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:troops|soldiers|servicemen|units|fighters|forces|comrades)"
    r"|(?:North\s+Korean?|Korean|KPA|DPRK)\s+(?:[\w-]+\s+)?(?:troops|soldiers|servicemen|fighters)['\u2019]\s+"
    r"(?:[\w-]+,?\s+(?:and\s+)?){0,4}?" + _VIRTUES + r")"
    # the same praise said as what the soldiers are: "called the North Korean troops heroes", "described the
    # KPA's soldiers as 'heroic'" (a word of praise for their deeds, said by the side that sent or used them)
    r"|(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|nam(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?)\s+"
    r"(?:the\s+)?(?:North\s+Korean?|Korean|KPA|DPRK|Pyongyang)(?:'s|\u2019s)?\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:troops|soldiers|servicemen|units|fighters|forces)\s+(?:as\s+)?[\"'\u201c]?"
    r"(?:heroic|heroes|brave|courageous|valiant))\b",
    _I,
)

# An admission named as a noun with the party's possessive before it: "Pyongyang's acknowledgement of the deployment".
# The party is who speaks for what it admitted. (The party after the noun, "a rare admission by North Korea that
# ...", is the agent of a noun of saying: ATTRIBUTION and NOUN_OF_SAYING read it, for every sentence.)
ADMISSION_NOUN = re.compile(r"\b(?:admission|acknowledge?ment|confirmation)s?\b", _I)
ADMISSION_OF_PARTY_BEFORE = re.compile(
    r"['\u2019]s?\s+(?:(?:rare|first|belated|public|official|formal|own)\s+){0,2}$", _I
)

# The verbs of blame besides "condemn" ("Tokyo rebuked Pyongyang over the shells", "lambasted the deployment"), a
# protest whose object is the act ("Japan protested the transfer of arms"), and blame laid for the act ("the North
# must take responsibility for prolonging the war", "Moscow bears full responsibility for the transfers").
_BLAME = (
    r"rebuk(?:e|es|ed|ing)|lambast\w*|castigat\w*|excoriat\w*|assail(?:s|ed|ing)?|chastis\w*|chastiz\w*"
    # the same scolding in other words: "berated Pyongyang", "scolded the North", "chided Moscow", "reproached
    # Kim's regime", "upbraided the Kremlin", "hit out at Moscow over the missiles", "lodged a protest over"
    r"|berat(?:e|es|ed|ing)|scold(?:s|ed|ing)?|chid(?:e|es|ed|ing)|reproach(?:es|ed|ing)?|upbraid(?:s|ed|ing)?"
    # ("blasted" only with a party or its act as the object: "missiles blasted the port" is a strike)
    r"|blast(?:s|ed|ing)?\s+(?=(?:the\s+)?(?:North|Pyongyang|Russia|Moscow|Kremlin|Kim|DPRK|regime|decision|deployment"
    r"|transfers?|supply|shipments?)\b)"
    r"|(?:hit|hits|hitting)\s+out\s+at|lodg(?:e|es|ed|ing)\s+(?:a\s+|an\s+)?(?:formal\s+|strong\s+|stern\s+)?protest"
    r"|protest(?:ed|s|ing)?\s+(?=(?:the|North\s+Korea's|Pyongyang's|Russia's|Moscow's)\s)"
    r"|(?:must|should|will\s+have\s+to)\s+(?:now\s+)?(?:take|bear|accept)\s+(?:full\s+)?responsibility\s+for"
    r"|bears?\s+(?:full\s+|the\s+)?responsibility\s+for"
    # the blame laid by another: "held Pyongyang responsible for the strikes", "must be held responsible for"
    r"|(?:hold|holds|held|holding)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:fully\s+)?responsible\s+for"
)

CONDEMN = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|censur\w*|egregious|reprehensible|blacklist\w*|decr(?:y|ied|ies)|slamm?(?:ed|s)?|criticiz\w*|criticis\w*"
    r"|"
    + _BLAME
    + r"|(?:impos\w+|announc\w+|slapp?\w*|levied|levy|unveil\w*|issu\w+|adopt\w*|introduc\w*)\s+(?:new\s+|fresh\s+|additional\s+|further\s+)?sanctions"
    r"|(?<!heavily\s)(?<!most\s)(?<!already\s)(?<!internationally\s)(?<!\bthe\s)(?<!\ba\s)sanction(?:ed|ing)\b|new\s+sanctions|sanctions\s+(?:on|against|targeting)|designat(?:ed|es|ing)|protest(?:ed|s)?\s+(?:against|over)"
    r"|(?:joint\s+)?statement\s+(?:that\s+)?(?:strongly\s+)?(?:condemn\w*|denounc\w*)"
    r"|(?:demand|urge|call)(?:s|ed)?\s+(?:on\s+)?(?:North\s+Korea|Pyongyang|Russia|Moscow)\s+to\s+(?:stop|halt|cease|end|withdraw)"
    # "calling for the immediate withdrawal of the troops", "the deployment must end"
    r"|(?:call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing))\s+(?:an?\s+|the\s+)?(?:immediate\s+|swift\s+|complete\s+|full\s+)?withdrawal\s+of"
    r"|must\s+(?:end|stop|cease)\b"
    # "hold to account those involved in the transfers", "hold Pyongyang to account"
    r"|hold\s+(?:to\s+account|accountable)\s+(?:those|all|anyone|any|the\s+(?:people|parties|individuals|entities|companies))"
    r"|hold\s+(?:it|them|him|North\s+Korea|Pyongyang|Russia|Moscow|both|the\s+two)\s+to\s+account"
    r"|(?:newly\s+)?listed|listings|restrictive\s+measures|sanctions\s+(?:package|announcement|notice)s?|asset\s+freezes?"
    # the same measures told by their verb: "froze the assets of firms moving shells" (not "the latest round of
    # sanctions", which the development labels read as a recap of measures, no condemnation of its own)
    r"|fr(?:oze|eeze|eezes|eezing|ozen)\s+(?:the\s+)?assets"
    # put on a sanctions list: "added the bureau to its sanctions list", "included the general on the blacklist"
    r"|(?:to|on|onto|in)\s+(?:its|the|their|a|his|her)\s+(?:[\w-]+\s+)?sanctions?\s+(?:list|register|blacklist)"
    r"|travel\s+bans?"
    r"|(?:serious|significant|dangerous|grave|concerning|major)\s+(?:and\s+\w+\s+)?(?:escalation|expansion\s+of\s+the\s+war)"
    # alarm voiced at the move, and the move called an act of despair: "responded with concern", "expressed grave
    # concern over", "a desperation call", "a desperate move" (a bare "concerns" is a hedge, HEDGE)
    r"|respond(?:s|ed|ing)?\s+with\s+[\"'\u201c]?(?:grave\s+|deep\s+|serious\s+|strong\s+)?"
    r"(?:concern|alarm|dismay|outrage)"
    r"|(?:express|voic|rais)(?:es|ed|ing)\s+(?:its\s+|his\s+|her\s+|their\s+)?"
    r"(?:grave|deep|serious|strong|great)\s+concerns?"
    r"|desperat(?:e|ion)\s+(?:call|move|act|step|attempt|measure|gamble)"
    r"|(?:flagrant|blatant|major|serious|grave|gross|clear)\s+(?:violations?|breach(?:es)?)|egregious"
    r"|hold\s+(?:it|them|him|North\s+Korea|Pyongyang|Russia|Moscow|both|the\s+two)\s+(?:fully\s+)?accountable"
    r"|raise\s+(?:it|this|the\s+issue|the\s+matter)\s+at\s+the\s+(?:UN\s+|U\.N\.\s+)?Security\s+Council)",
    _I,
)

# Between the subject of a condemning act and the act: auxiliaries, an adverb, a weekday ("Japan will impose
# sanctions", "Britain on Monday also blacklisted", "the EU has now sanctioned"), nothing else.
ACT_SUBJECT_GAP = re.compile(
    # (the subject's short name in brackets may follow it: "the Republic of Korea (ROK) strongly condemn", "The
    # European Union (EU) has decided")
    r"(?:\s*\((?-i:[A-Z][\w.-]{1,9})\))?"
    r"(?:\s+(?:will|would|has|have|had|is|are|was|were|to|also|now|again|already|further|formally|on|this|last"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[a-z]+ly))*\s+",
)

# What may open the sentence before that subject: nothing, "the", or a phrase ended by a comma or a dash ("On Friday,
# Japan ...", "TOKYO, May 24 (Kyodo) -- Japan ...").
ACT_SUBJECT_OPENING = re.compile(r"(?:[^\n]*[,:\u2014\u2013-])?\s*[\"'(\u201c]?(?:the\s+)?", _I)

# The North's own strategic missiles ("intercontinental ballistic missiles", "ICBM ballistic missiles"): they are
# tested at home and never part of the trade with Russia, so a condemnation of their launch condemns no transfer.
STRATEGIC_MISSILE_BEFORE = re.compile(r"\b(?:intercontinental|(?-i:ICBM))\s+$", _I)

# Missiles fired or launched into the sea were tested at home, whatever an earlier sentence said of their type: "one of
# the missiles the North launched into the East Sea on Thursday was a KN-23" restates no use in Ukraine.
FIRED_SEAWARD = re.compile(
    rf"\b(?:launch(?:es|ed|ing)?|fir(?:e|es|ed|ing)|test-fir\w*|test-launch\w*)\b{lx.SEAWARD}", _I
)

BATTLE = re.compile(
    # "test-firing" a launcher at home, or firing it into the sea, is no use in the war
    r"\b(?:(?<!test-)(?<!test\s)fir(?:e|es|ed|ing)\b(?!\s+(?:back|from\s+(?:their|his|her)\s+post))"
    rf"(?!{lx.SEAWARD})|launch(?:ed|es|ing)?\s+(?:at|against|on|into|toward|towards)\b"
    r"|(?<!\bfor\s)us(?:e|ed|es|ing)\s+(?:them\s+(?=to\s))?(?:by\s+(?:the\s+)?Russia|by\s+(?:the\s+)?Russian|against|in\s+(?:Ukraine|combat|battle|the\s+war|attacks?|strikes?)|on\s+the\s+(?:battlefield|front)|to\s+(?:strike|attack|hit|shell|bombard|target|pound))"
    r"|launch(?:ed|es|ing)\b(?=[^.]{0,60}\b(?:at|against|into|on)\s+(?:Ukrain|Kyiv|Kharkiv|Zaporizhzhia|Odesa|Dnipro|cities|towns|targets|civilian))"
    # "Russia's use of North Korean missiles"; the determiner is looked behind, so that the cue is
    # tried at "use" only, not at every "the"
    r"|(?:(?<=\bthe\s)|(?<=\bits\s)|(?<=\btheir\s)|(?<=\bRussia's\s)|(?<=\bMoscow's\s)|(?<=\bRussian\s))use\s+of"
    r"|(?<!\bto\s)(?:participat(?:e|es|ed|ing|ion)|involvement)\s+in\s+(?:the\s+|Russia's\s+|Moscow's\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:war|fighting|combat|battles?|operations?|hostilities|liberation|assaults?|offensives?|defeat)"
    # deeds of valour are deeds in battle ("their heroism", "fought heroically", "heroic feats"); "the heroic
    # soldiers" is praise of who they are, which a thanks or tribute already reads as an admission (CONFIRM)
    r"|hero(?:ism|ically)\b|heroic\s+(?:feats?|deeds?|exploits?|acts?|actions?|fight\w*|struggle|battles?)\b"
    # "since they joined the conflict": their part in the fighting, as "joined the fighting" is
    r"|(?<!\bto\s)join(?:s|ed|ing)?\s+(?:the\s+|Russia's\s+|Moscow's\s+)?(?:[\w-]+\s+){0,2}?(?:war|conflict|hostilities)\b"
    r"|us(?:e|ed|es|ing)\b(?=[^.]{0,50}\b(?:against|on\s+the\s+(?:battlefield|front)))|destroy(?:ed|s|ing)?|blew\s+up|blow\s+up|lost\s+(?:their|its)\s+course"
    r"|fell\s+short|missed|crash(?:ed|es)|drive\s+(?:\w+\s+){0,3}out|drove\s+(?:\w+\s+){0,3}out|expel\w*|oust\w*"
    # Russia's forces as the users of a thing: "Russian units in Donetsk are now operating ...", "the Russian
    # army has fielded ...", "Russian gunners rely on ..."; a place may stand between the subject and its verb
    r"|(?:Russia|Moscow|(?:the\s+)?Russians|Russian\s+(?:forces|troops|crews|units|gunners|soldiers|artillery(?:men)?|batteries"
    r"|servicemen|army|military)"
    r"|the\s+Russian\s+(?:military|army|forces))(?:\s+(?:in|near|on|around)\s+(?:the\s+)?[\w-]+(?:\s+(?:region|oblast|front))?)?"
    r"\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:been\s+)?(?:(?:also|already|now|increasingly|reportedly|actively|widely)\s+)?"
    # (arms Russia's side "deployed" are put to use: "Russians had deployed at least 24 North Korean missiles")
    r"(?:us(?:e|ed|es|ing)|operat(?:e|es|ed|ing)|field(?:s|ed|ing)?|employ(?:s|ed|ing)?|rel(?:y|ies|ied|ying)\s+on"
    # (but "which the Russian military deployed against Ukraine" tells no object: the clause's thing came before it)
    r"|deploy(?:s|ed|ing)?(?!\s+(?:against|in|on|to|into|near|along)\b))"
    r"|fail(?:s|ed|ing)?\s+to\s+(?:detonate|explode|fire|hit|reach)|misfir\w*|fall(?:s)?\s+short"
    r"|struck|strik(?:e|es|ing)|\bhit(?:s|ting)?\b|attack(?:s|ed|ing)?|shelling|shelled|bombard\w*|pound(?:s|ed|ing)"
    r"|fight(?:s|ing)?(?!\s+vehicles?)|fought"  # not "infantry fighting vehicles"
    r"|combat|battle(?:field|s)?|front[- ]?lines?|assault(?:s|ed|ing)?|offensive|clash(?:es|ed)?"
    # the fighting's ground named as a zone, as "the front line" is: "arrived in the war zone"
    r"|(?:war|conflict|battle)\s+zones?"
    r"|engag(?:ed|ing)\s+(?:in\s+)?(?:combat|fighting|Ukrainian)|failure\s+rate|malfunction\w*|misfir\w*|explod\w*|exploded"
    r"|inaccura\w*|accura\w*|duds?|defective|debris|wreckage|fragments|remnants|target(?:ed|ing)|killed\s+civilians|kill(?:s|ed|ing)?\s+(?:Ukrainian|civilians)"
    r"|recaptur\w*|retak\w*|liberat\w*|counter-?offensive|incursion|operations?\s+in\s+Kursk|defeat(?:s|ed|ing)?"
    # weapons tried out in the war: "testing the missiles in Ukraine", "a testing ground for"
    r"|test(?:s|ed|ing)?(?=[^.;]{0,60}\b(?:in|on|against|over)\s+(?:Ukrain\w*|the\s+battlefield|the\s+front))"
    r"|test(?:ing)?\s+grounds?|(?:combat|battlefield)[- ]test\w*"
    r"|(?:took|taken|take|takes|taking)\s+part\s+in\s+(?:the\s+)?(?:fighting|combat|battles?|operations?|hostilities|offensives?|assaults?|liberation|freeing|defen[cs]e|war)"
    r"|free(?:d|ing)?\s+(?:the\s+)?(?:Kursk|territor(?:y|ies)|region|area|villages?|towns?))\b",
    _I,
)

# A thing or a force told as the subject of a share in what the fighting won: "the shells supplied have played a
# crucial role in Russia's advances", "the North's troop deployment and arms aid contributed to the recapture of
# Kursk". The thing was used, whatever noun of moving names it ("deployment", "support"); a role in "these
# allegations" is none. Tried at a mention's end (kinds.role_in_fight).
ROLE_IN_FIGHT_AFTER = re.compile(
    r"(?:\s+(?:and\s+)?[\w'-]+){0,4}?\s+(?:(?:has|have|had)\s+)?(?:[\w-]+ly\s+)?"
    r"(?:play(?:s|ed)?\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:role|part)\s+in|contribut(?:e|es|ed)\s+(?:[\w-]+ly\s+)?to)"
    r"\s+(?:the\s+|its\s+|(?:Russia|Moscow)(?:'s|\u2019s)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:advances?|recapture|capture|liberation|offensives?|counter-?offensives?|defeat|victory|victories|gains)\b",
    _I,
)


# More cues of use in the fighting, kept apart from BATTLE so that its candidates do not try them (and these
# theirs): a thing put to use against the other side or seen in the fighting ("deployed them against Ukraine",
# "seen in action", "falling on Ukrainian positions", "parts of a North Korean missile"), the speaker's own lines
# reached or hit ("came to our position", "shelling our trenches"), the other side's air defence bringing them
# down ("Kyiv shot down two North Korean missiles"). Read together with BATTLE (``battle_matches``).
BATTLE_MORE = re.compile(
    r"\b(?:deploy(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,5}?against|(?<=\bin\s)action"
    # ... and the other idioms of fighting: "have seen action in Kursk", "went into action near Kursk" (gone or thrown
    # into it: "put words into action", "sprang into action" start something, not a fight)
    r"|(?<=\binto\s)action(?:(?<=\bwent\sinto\saction)|(?<=\bgone\sinto\saction)|(?<=\bgo\sinto\saction)"
    r"|(?<=\bgoes\sinto\saction)|(?<=\bgoing\sinto\saction)|(?<=\bthrown\sinto\saction)|(?<=\bsent\sinto\saction))"
    r"|(?:saw|seen|see(?:s|ing)?)\s+(?:(?:combat|front[- ]?line|heavy)\s+)?action"
    # things put to use in the war, in the passive ("arms that are then being deployed in Russia's invasion", "shells
    # deployed on the front"): the thing is the subject, the war where it is used
    r"|(?<=\sbeing\s)deployed\s+(?:in|on|at|into)\s+(?:the\s+|Russia['\u2019]s\s+|Moscow['\u2019]s\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:war|invasion|fighting|combat|battles?|battlefield|front(?:[- ]?lines?)?|offensives?|attacks?|strikes?)"
    r"|(?:fall(?:s|ing)?|fell|land(?:s|ed|ing)?|rain(?:s|ed|ing)?(?:\s+down)?)\s+on\s+(?:Ukrain\w*|the\s+(?:city|town|village|front)"
    r"|cities|towns|villages|positions|residential|civilian)"
    r"|(?:parts|pieces)\s+of\s+(?:an?\s+|the\s+)?(?:North\s+Korean|KN-2\d)"
    # ("cannon" looked behind: the cue is tried at "fodder", not at every "can")
    r"|(?<=\bour\s)(?:positions?|trenches)|(?<=cannon\s)fodder|(?:shot|shoot(?:s|ing)?)\s+down"
    # Kyiv's defences stopping them ("Ukrainian air defences intercepted two KN-23s", "hard for Ukraine's air defence
    # to intercept"; not "difficult to intercept" said of the North's own tests, where Ukraine is not named)
    r"|(?<=\bUkrainian\s)(?:air\s+defen[cs]es?|air\s+force|forces|military)(?:\s+systems|\s+units)?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:to\s+)?intercept(?:s|ed|ing)?"
    r"|(?<=\bUkraine['\u2019]s\s)(?:air\s+defen[cs]es?|air\s+force|forces|military)(?:\s+systems|\s+units)?\s+"
    r"(?:[\w-]+\s+){0,3}?(?:to\s+)?intercept(?:s|ed|ing)?"
    r"|intercepted\s+by\s+(?:the\s+)?Ukrain\w*)\b",
    _I,
)


# Soldiers counted as they reach the speaker's own lines ("nearly 200 of them came to our position", "about 40
# stormed our trenches"): a combatant's count of one engagement's attackers, a use with its figure, not a count of
# the force deployed (extract, "a count of soldiers said to fight"). Read from the soldiers' noun to their clause's end.
OUR_LINES_AFTER = re.compile(
    r"[^.;:,]{0,60}?\bour\s+(?:own\s+)?(?:positions?|trenches|lines|defen[cs]es|dugouts?|strongholds?)\b", _I
)


def battle_matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """BATTLE's and BATTLE_MORE's matches in a stretch, in text order."""
    stop = len(text) if end is None else end
    found = [*BATTLE.finditer(text, start, stop), *BATTLE_MORE.finditer(text, start, stop)]
    return sorted(found, key=lambda m: m.start())


# Soldiers in the fighting, said of the ones counted as killed, hurt or taken: "... killed while fighting
# alongside Russian forces", "captured soldiers who fought with Russian units", "killed or wounded while
# fighting Ukrainian forces". ("died fighting for Russia" only says what they died for: the written set
# labels no use of troops; "sent to help Russia fight Ukraine" is what they were sent for.)
FOUGHT_IN_THE_WAR = re.compile(
    r"\b(?:fight(?:s|ing)?|fought)\s+(?:alongside|along\s+with|together\s+with|with|beside)\s+"
    r"(?:the\s+)?(?:Russian\s+(?:forces|troops|soldiers|units|army|military)|Moscow's\s+(?:forces|troops))"
    r"|\b(?:while|when)\s+fighting\s+(?:against\s+)?(?:the\s+)?Ukrain(?:e|ian\s+(?:forces|troops|soldiers|units|army|military))"
    # "the first taken alive since their entry into the war": the people's own part in the fighting
    # (the possessive is looked behind, so that the cue is tried at "entry" only, not at every "their")
    r"|(?:(?<=\btheir\s)|(?<=\bits\s))(?:entry|entrance|involvement|participation)\s+(?:in|into)\s+(?:the\s+)?"
    r"(?:war|fighting|combat|hostilities)\b",
    _I,
)

PRODUCTION = re.compile(
    r"\b(?:produc(?:e|es|ed|ing|tion)|output|manufactur\w*|factor(?:y|ies)|(?:munitions?|arms|weapons?)\s+plants?|capacity|mass[- ]produc\w*"
    r"|assembly\s+lines?|production\s+lines?|lines\s+making|mak(?:e|es|ing)\s+(?:shells|munitions|ammunition|rockets|missiles)"
    r"|arsenals?|full\s+throttle|round[- ]the[- ]clock|ramp(?:ed|ing)?\s+up\s+production)\b",
    _I,
)

LAUNCH = re.compile(
    r"\b(?:launch(?:es|ed|ing)?|lift-?off|orbit(?:s|ed|al)?|blast(?:ed)?\s+off|put\s+into\s+orbit|rocket\s+launch(?:es)?)\b",
    _I,
)

HEDGE = re.compile(
    r"\b(?:believ(?:e|es|ed|ing)|likely|unlikely|probabl[ey]|possibl[ey]|estimat\w*|suspect\w*|suspicion\w*|could|might"
    r"|reportedly|allegedly|alleg(?:e|es|ed|ing|ation|ations)|apparently|appear(?:s|ed)?|seem(?:s|ed|ingly)?|signs?\b"
    r"|assess(?:es|ed|ment|ments)?|presum\w*|thought\s+to|expected\s+to|anticipated\s+to|would|suggest(?:s|ed|ing)?|indicat(?:e|es|ed|ions?)"
    r"|unconfirmed|unverified|purported(?:ly)?|analy[sz]ed\s+to|understood\s+to|(?:is|are|was|were)\s+said\s+to"
    r"|speculat\w*|concerns?\b|feared|fears|hint(?:s|ed)?|perhaps|maybe|potential(?:ly)?|presumably|claim(?:s|ed)?"
    r"|possibilit(?:y|ies)|rule\s+out|almost\s+certainly|will\s+have|on\s+track\s+to)\b",
    _I,
)
# "may" as a modal, in lower case (not the month): a pattern of its own, since an inline flag would give HEDGE no
# lowercase twin (lx.lowercase_twin), and under re.IGNORECASE re enters each of the hedge words' branches at every
# word start the cue is tried at.
HEDGE_MAY = re.compile(r"\bmay\b")

# Modal hedges qualify only their own clause ("..., which could hold up to 5.2 mln shells");
# the others (believes, likely, reportedly) qualify everything said after them.
MODAL_HEDGE = lx.StemGuarded(
    re.compile(
        r"\b(?:could|might|would|can\s+hold|enough\s+to\s+(?:hold|carry|fill)|capable\s+of\s+holding)\b|(?-i:\bmay\b)",
        _I,
    )
)

# Every MODAL_HEDGE match holds one of these (lowercase) stems.
MODAL_STEMS = re.compile(r"could|might|would|can\s+hold|enough\s+to|capable|may")

# Where one clause ends and a clause of contrast or cause begins ("the shells reached Russia, although Ukrainian
# troops fought off the assaults"): a verb past such a break says nothing of a thing before it, and the other way
# round. A dash, a colon, a semicolon or a comma is left out: each also runs a list of the same verb's things
# ("sent troops - and shells, missiles", "has handed Russia: * 8 million shells; * 150 guns").
CLAUSE_SWITCH = re.compile(r"\b(?:but|while|whereas|although|though|because)\b", _I)
G_CLAUSE_SWITCH = lx.Gated(CLAUSE_SWITCH)

# (a comma between digits is a thousands separator: "1,200 shells" is one clause)
CLAUSE_BREAK = re.compile(r"[;:()]|,(?!(?<=\d,)\d)|\s[-\u2014]\s|\b(?:which|that|but|while|whereas|although)\b", _I)
T_CLAUSE_BREAK = lx.Twinned(CLAUSE_BREAK)  # over a whole sentence: read in the article's lowercase

ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|stated|states|noted|notes|claimed|claims|claim"
    r"|believ(?:e|es|ed)|estimat(?:e|es|ed)|assess(?:es|ed)?|report(?:s|ed)?|announc(?:e|es|ed)|confirm(?:s|ed)?"
    r"|den(?:y|ies|ied)|dismiss(?:es|ed)|reject(?:s|ed)|warn(?:s|ed)|alleg(?:e|es|ed|ing)|accus(?:e|es|ed|ing)"
    r"|(?:has|have|had)\s+learned|learned"
    # a claim held as knowledge: "The US has information that ...", "Seoul has evidence showing ..."
    r"|(?:has|have|had)\s+(?:new\s+|fresh\s+|credible\s+|clear\s+)?(?:information|evidence|intelligence|indications|data)"
    r"(?=\s+(?:that|showing|suggesting|indicating)\b)|disclos(?:e|es|ed)|reveal(?:s|ed)|brief(?:s|ed)|wrote|writes|posted"
    # evidence put before the public is told by whoever puts it there: "Kyiv released a video of the prisoners",
    # "the prosecutors provided further evidence that ...", "the site published satellite images indicating ...",
    # "experts have given proof of ...", "the service released important details of the interrogations", up to three
    # words of description between (not "provided data" or "shared technology": those are goods handed over; nor
    # "provided North Korea with photos" or "gave satellite images to North Korea": a party named before or after is
    # whom they went to; nor "released no details", "has not provided any evidence": nothing shown)
    r"|(?:releas(?:e|es|ed|ing)|publish(?:es|ed|ing)?|present(?:s|ed|ing)?|provid(?:e|es|ed|ing)|shar(?:e|es|ed|ing)"
    r"|giv(?:e|es|en|ing)|gave)\s+(?!(?:no|any|few|little)\s)(?:(?-i:[a-z][\w-]*)\s+){0,3}(?:videos?|footage|images?"
    r"|imagery|photos?|photographs?|pictures?|evidence|proof|details|findings)\b"
    r"(?!\s+(?:[\w-]+\s+){0,3}?(?:to|with)\s+(?:the\s+)?(?:North|Russia|Moscow|Pyongyang|Kim|DPRK)\b)"
    r"|indicat(?:e|es|ed)|suggest(?:s|ed)|conclud(?:e|es|ed)|assert(?:s|ed)|describ(?:e|es|ed)|explain(?:s|ed)"
    r"|insist(?:s|ed)|acknowledg(?:e|es|ed)|admit(?:s|ted)|conced(?:e|es|ed)|thank(?:s|ed)|condemn(?:s|ed)|call(?:s|ed)|identif(?:y|ies|ied)"
    # praise, tribute and alarm voiced are said by someone: "Putin hailed ...", "Japan expressed grave concern"
    r"|" + _PRAISED + r""
    # ... and so are virtues noted: "Putin stressed the courage of the North Korean soldiers" (CONFIRM)
    r"|(?:highlight(?:s|ed)|stress(?:es|ed)|emphasi[sz](?:es|ed)|underlin(?:es|ed))(?=\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+,?\s+(?:and\s+)?){0,4}?" + _VIRTUES + r"\b)"
    # a pledge is told by the one who makes it: "Kim pledged to send 6,000 sappers", "Pyongyang had vowed to ..."
    r"|pledg(?:e|es|ed)(?=\s+to\b)|vow(?:s|ed)(?=\s+to\b)"
    # and so is a promise: "Putin promised to help", "promised Kim assistance with satellites"
    r"|promis(?:e|es|ed)(?=\s+(?:to|that)\b|\s+(?:[\w'-]+\s+){1,7}?(?:assistance|help|support|aid)\b)"
    r"|express(?:es|ed)\s+(?:his\s+|her\s+|its\s+|their\s+)?(?:[\w-]+\s+)?[\"'\u201c]?(?:gratitude|thanks|concerns?|alarm)"
    # (alarm raised is alarm voiced: "Seoul and Washington have raised concerns about the transfer")
    r"|rais(?:es|ed)\s+(?:his\s+|her\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:concerns?|alarm)\s+(?:about|over|that)\b"
    # a finding told as reasoning: "Washington and Kyiv analyzed that ..." (not "analyzed the debris")
    r"|analy[sz](?:e|es|ed)(?=\s+that\b)"
    r"|detailed(?=\s+(?:evidence|how|what|the|its|their|his|her)\b)|reiterat(?:e|es|ed)"
    # "the US government maintains that ...", "..., the agency recalls.": a claim held or retold (not "maintain the guns")
    r"|maintain(?:s|ed)(?=\s+that\b)|recall(?:s|ed)(?=\s+that\b|\s*[.,;])"
    # weight laid on what is said: "Putin emphasized that ...", '"...," the minister stressed.', "she pointed out that"
    # (not "the shortage stressed the supply lines", "the deal underlines the ties": those are followed by no clause)
    r"|emphasi[sz](?:e|es|ed)(?=\s+that\b|\s*[.,;]|\s+(?:the\s+)?(?:need|importance)\b)"
    r"|(?:stress(?:es|ed)|underlin(?:e|es|ed)|highlight(?:s|ed)|argu(?:e|es|ed)|remark(?:s|ed))(?=\s+that\b|\s*[.,;])"
    r"|point(?:s|ed)\s+out"
    # a participle of saying that opens what is said: "He weighed the stakes, stating, '...'", "..., noting that ..."
    # (not "adding to the strain", "a warning to Seoul": those are followed by no quotation or clause)
    r"|(?:stating|noting|adding|warning|claiming|arguing|insisting|stressing|emphasi[sz]ing)(?=\s*[,:]?\s*[\"'\u201c\u2018]|\s+that\b)"
    r"|detect(?:s|ed)|observ(?:e|es|ed)|found|track(?:s|ed)|judg(?:e|es|ed)|think|thinks|understands|voic(?:e|es|ed)"
    # ("as per KCNA", "per an analysis by the Yomiuri": "according to" said short; not "per hour", "per cent", "$500
    # million per year from Russia", nor a rate whatever follows it: "$2,000 per North Korean soldier", "shells per
    # train from Rajin", where "per" follows its amount or unit, not a comma or the sentence's start)
    r"|show(?:s|ed)|showing|quot(?:e|es|ed|ing)|cit(?:e|es|ed|ing)|according\s+to|in\s+a\s+statement"
    r"|(?:as\s+per|per(?<![\w$%\u20ac\u00a3]\sper))(?=\s+(?-i:[A-Z])|\s+(?!(?:year|month|week|day|hour|head|capita|cent|unit|soldier|person|ton|tonne|barrel)s?\b)(?:[\w-]+\s+){1,3}?(?:by|from)\s+(?:the\s+)?(?-i:[A-Z]))|statement|spokes(?:man|woman|person)"
    # a statement told by its noun, with its speaker after "by" or before it: "a rare admission by Pyongyang that ...",
    # "Washington's announcement that ..." (NOUN_OF_SAYING)
    r"|(?:admission|acknowledge?ment|confirmation|accusation|allegation|assessment)s?(?=\s+(?:by|from)\s)"
    r"|announcement(?=\s+(?:by|from|that)\s)"
    r"|sees|expects?|expected|fears?|feared|hint(?:s|ed)|mention(?:s|ed)|suspect(?:s|ed)?|estimates?|puts?\s+(?:the\s+(?:number|figure|total)|(?:the|its|their)\s+(?:[\w-]+\s+){1,6}?(?=at\s+(?:about\s+|around\s+|some\s+|up\s+to\s+)?\d))|count(?:s|ed)|issu(?:e|es|ed)\s+a\s+(?:press\s+)?statement)\b",
    _I,
)

# A clause of concession or contrast opening the sentence ("Although Moscow denies any deal, ..."): a verb of
# saying inside it speaks for that clause alone, not for the main clause after its comma.
FRONTED_CONCESSION = re.compile(
    r"[\"'\u201c(]?(?:although|even\s+though|though|while|whereas|even\s+as)\s+(?:[^,;:()\"\u201c\u201d]|(?<=\d),(?=\d)){3,200}?,\s",
    _I,
)

# A condemnation or sanctions told beside a fact rather than as the sentence's statement (each span is tested for
# CONDEMN before it counts):
# - a standing told in an aside about the opening subject ("North Korea, which faces new sanctions, shipped ...");
# - a concession ("Despite condemnation from Seoul, ...", "... in defiance of UN sanctions");
# - a reaction to the main clause ("..., drawing condemnation from Seoul", "..., a move Tokyo condemned").
# The first two are background; a reaction is a condemnation of the main clause's things by the body it names.
SUBJECT_ASIDE = re.compile(
    r"[\"'\u201c]?(?:[\w'.-]+\s+){0,5}?[\w'.-]+((?:(?P<comma>,)|\s[-\u2013\u2014])\s+(?:which|who|already|itself|long|now|still"
    r"|facing|under|hit|sanctioned|subject|a|an)\b(?:[^,;:()\u2013\u2014]|(?<=\d),(?=\d)){1,150}?"
    r"(?(comma),|\s[-\u2013\u2014]))\s+(?=(?-i:[a-z]))",
    _I,
)
CONCESSION_OPENING = re.compile(
    r"[\"'\u201c]?(?:despite|amid|in\s+the\s+face\s+of|in\s+defiance\s+of|notwithstanding|undeterred\s+by|regardless\s+of)"
    r"\s+(?:[^,;:]|(?<=\d),(?=\d)){1,150},",
    _I,
)
CONCESSION_AFTER = re.compile(
    r"\s(?:despite|amid|in\s+the\s+face\s+of|in\s+defiance\s+of|notwithstanding|undeterred\s+by|regardless\s+of)\s+[^,;:.]{1,150}",
    _I,
)
# The act named again in an apposition as the rule it breaks, and its standing told there: "Russia's purchases of the
# North's missiles, a plain breach of the sanctions that many states have condemned, go on". The act is the
# writer's; the condemnation is background that names no one who speaks here (up to the apposition's comma).
BREACH_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:violations?|breach(?:es)?)\b[^,;]{0,120}(?=,)",
    _I,
)
REACTION_AFTER = re.compile(
    r",\s+(?:drawing|prompting|sparking|triggering|provoking|inviting|earning|attracting"
    r"|which\s+(?:(?:has|have|had)\s+)?(?:drew|drawn|prompted|sparked|triggered|provoked)"
    r"|(?:a|the)\s+(?:move|step|decision|transfer|transfers|deployment|shipment|shipments)"
    r"|which\s+(?:[\w'.-]+\s+){1,6}?(?:(?:has|have|had)\s+)?(?=condemn|denounc|deplor|criticiz|criticis|slamm?ed))"
    r"\b[^;]*",
    _I,
)


def condemnation_asides(work: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of ``work[start:end]`` where a condemnation is told beside the sentence's fact: (background, reactions)."""
    background: list[tuple[int, int]] = []
    aside = SUBJECT_ASIDE.match(work, start, end)
    if aside is not None:
        background.append(aside.span(1))
    opening = CONCESSION_OPENING.match(work, start, end)
    if opening is not None:
        background.append(opening.span())
    background += [m.span() for m in CONCESSION_AFTER.finditer(work, start, end)]
    background += [m.span() for m in BREACH_APPOSITION.finditer(work, start, end)]
    # a "which" clause on the opening subject is an aside about it, not a reaction to a main clause before it
    reactions = [
        m.span() for m in REACTION_AFTER.finditer(work, start, end) if aside is None or m.start() != aside.start(1)
    ]
    return (
        [(lo, hi) for lo, hi in background if CONDEMN.search(work, lo, hi)],
        [(lo, hi) for lo, hi in reactions if CONDEMN.search(work, lo, hi)],
    )


# A participle clause opening the sentence, whose subject is the main clause's ("Having sent shells to Russia, North
# Korea now expects help", "After shipping rockets to Moscow, Pyongyang says ..."): the fact it carries is told by
# the writer, not said by the subject's verb after it.
FRONTED_PARTICIPLE = re.compile(
    r"[\"'\u201c]?(?:having\s+(?:already\s+|now\s+|long\s+)?(?-i:[a-z])[\w-]*|(?:after|since|besides|before|while|by|when)\s+(?-i:[a-z])[\w-]*ing)"
    r"\s+(?:[^,;:]|(?<=\d),(?=\d)){1,150},",
    _I,
)

# An aside in brackets between an amount and its noun ("more than 3,000 (by one count) shells"): the amount still
# counts the noun, as if the aside were not there. Only words, no figure of its own.
AMOUNT_ASIDE = re.compile(r"\s*\((?:[A-Za-z'\u2019.,-]+\s*){1,8}\)\s+")
# The noun itself in brackets after its amount, as an editor fills out a quotation: "nearly 200 (North Korean
# soldiers) came", "some 3,000 [troops] were sent". The opening bracket is read as a space when the noun's phrase
# closes the bracket.
NOUN_BRACKET_OPEN = re.compile(r"\s*[(\[]")
NOUN_BRACKET_CLOSE = ")]"

ANAPHOR = re.compile(
    r"^(?:[\"'(]?)(?:But\s+|And\s+|However,?\s+|Still,?\s+|Meanwhile,?\s+|Also,?\s+)?"
    r"(?:It|He|She|They|The\s+(?:agency|spy\s+agency|intelligence\s+agency|service|ministry|office|official|officials|lawmaker|lawmakers|"
    r"statement|report|assessment|briefing|spokesman|spokeswoman|spokesperson|minister|president|military|army|command|council))\b",
)

# "This figure reflects ...", "These estimates put ...", "This indicates that ...": a sentence whose subject is a
# demonstrative naming a telling (a figure, an estimate, a finding), or a bare demonstrative before a verb of showing,
# points back at what the sentence just before told. ("This type of combat ...", "This refers to ...": the writer's own
# words about it, which point back at no teller.)
POINTS_BACK = re.compile(
    r"^[\"'(\u201c]?(?:But\s+|And\s+|However,?\s+|Still,?\s+)?(?:This|That|These|Those)\s+(?:"
    r"(?:(?:new|latest|same|last|last-known|updated|earlier|initial)\s+)?(?:figures?|numbers?|estimates?|assessments?"
    r"|findings?|information|data|speculation|claims?|reports?|accounts?|tally|count|revelations?|conclusions?)\b"
    r"|(?:indicates?|suggests?|shows?|confirms?|implies)\b)"
)

# "... amid reports that the North's soldiers have withdrawn", "There have been reports of heavy losses": reports owned
# by no one named, told as a noun with what they say after it, are the press's (`media reports`, 21p).
UNOWNED_REPORTS = re.compile(
    r"\b(?:(?:amid|following|follows?|followed|after|despite|given)\s+|there\s+(?:have\s+been|has\s+been|were|are|had\s+been)\s+)"
    r"(?:(?:recent|growing|new|fresh|earlier|several|unconfirmed|persistent|media|press|news)\s+)*reports\s+(?:that|of)\b",
    _I,
)

# "..., who he said ...": a person's pronoun inside the sentence.
PERSON_PRONOUN = re.compile(r"\b(?:he|she)\s+(?:also\s+|later\s+|then\s+)?$", _I)

# A report and its author: "a report by the MSMT", "the panel's assessment"; later "The report says".
REPORT_BY_BEFORE = re.compile(
    r"\b(?:reports?|stud(?:y|ies)|assessments?|analys[ie]s|investigations?|findings|dossiers?)\s+(?:released\s+|published\s+|issued\s+)?(?:by|from)\s+(?:the\s+)?"
    r"(?-i:(?:[A-Z][\w-]*\s+){0,6}\()?$",  # "by the Multilateral Sanctions Monitoring Group (MSMT"
    _I,
)
REPORT_STEMS = ("report", "study", "assessment", "analysis", "investigation", "findings", "dossier")
REPORT_AFTER_OWNER = re.compile(r"(?:'s|\u2019s)?\s+(?:latest\s+|new\s+|recent\s+)?(?:report|study|assessment)\b", _I)

# "The team released its first report": the sentence's subject wrote the report it names.
ITS_REPORT = lx.StemGuarded(re.compile(r"\bits\s+(?:[\w-]+\s+){0,2}(?:report|study|assessment)\b", _I))
# What may stand before that subject: quotes, "the". (Not "In its first report, X ...": read so, the
# report's later figure-less restatements in its own voice stand beside its figures as claims of their own.)
REPORT_LEAD_IN = re.compile(r"[\"'(]*(?:the\s+)?", _I)
# The report named again anywhere in a sentence: "the report said", "according to the report", "the report's findings".
REPORT_REFERENCE = re.compile(
    r"\b(?:the|this|that|its)\s+(?:latest\s+|new\s+|same\s+)?(?:report|study|assessment|analysis|findings|dossier)(?:'s|\u2019s)?\b"
    r"(?!\s+(?:by|from|of)\b)",
    _I,
)
# "according to the report, Russia supplied ...": the report's author, not the name after it.
ACCORDING_TO_REPORT = re.compile(
    r"\s+(?:the|this|that|its)\s+(?:latest\s+|new\s+|same\s+)?(?:report|study|assessment)\b(?!\s+(?:by|from|of)\b)", _I
)
# "It is noted that ...", "It was also reported that ...": a statement in the passive with no agent, opening the
# sentence, goes on telling what the last source said (as "It says ..." does).
IMPERSONAL_SAYING = re.compile(
    r"[\"'(]?It\s+(?:is|was|has\s+been|had\s+been)\s+(?:also\s+|further\s+)?(?:noted|reported|stated|said|added)\s+that\b"
)
# A belief or estimate held by no one named: "the North is believed to have sent", "is said to be estimated at",
# "It is estimated that" (no agent after it: an agent is passive_agent's). Not "it has been reported that": reports
# owned by no one are the press's, not the source just named
PASSIVE_SAYING = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:also\s+|widely\s+|now\s+|still\s+|generally\s+)?"
    r"(?:believed|said|estimated|alleged|suspected|assessed|claimed)\s+(?:to|that)\b(?!\s+(?:be\s+)?by\b)",
    _I,
)
# The roles by which a teller named before is named again, one list for wherever the role stands: before its verb
# ("the head of state said", "the British daily notes", "the prosecutor added") and after "according to" ("according
# to the Ukrainian leader", "according to the paper"). A role the source table knows with its state ("Ukraine's
# president") is a name of its own and never reaches these.
# A head of state and a paper name a teller of their own kind only (attribution.role_fits).
HEAD_ROLE = r"head\s+of\s+state|president|leader"
OUTLET_ROLE = r"newspaper|paper|daily|weekly|magazine|broadcaster|outlet|publication"
TELLER_ROLE = (
    rf"(?:{HEAD_ROLE}|minister|ministry|agency|spokes(?:man|woman|person)|envoy|ambassador"
    r"|diplomat|general|admiral|commander|lawmaker|adviser|advisor|prosecutor"
    r"|(?:(?:British|American|Japanese|South\s+Korean|Ukrainian|Russian|German|French)\s+)?"
    rf"(?:{OUTLET_ROLE}))"
)
HEAD_ROLE_NAMED = re.compile(rf"\b(?:{HEAD_ROLE})\b", _I)
OUTLET_ROLE_NAMED = re.compile(rf"\b(?:{OUTLET_ROLE})\b", _I)
# "According to him, the North also sent ...": the pronoun is the last source, not a name after it.
ACCORDING_TO_PRONOUN = re.compile(r"\s+(?:him|her|them)\b", _I)
# "According to the minister, ...", "according to the newspaper": a speaker named by a role alone, where the
# source table knows no body in the words, is the last source too. (Not "the minister of ...", "the ministry's
# ...": the words after it say whose.)
ACCORDING_TO_ROLE = re.compile(r"\s+the\s+" + TELLER_ROLE + r"\b(?!['\u2019]|\s+(?:of|for|at|in|to)\b)", _I)
REPORTED_CLAUSE_OPENS = re.compile(r",|\bthat\b", _I)
# "..., the report said": the report is the verb's subject, whatever names stand before it.
REPORT_SUBJECT_BEFORE = re.compile(
    r"\b(?:the|this|that|its)\s+(?:latest\s+|new\s+|same\s+)?(?:report|study|assessment)\s+(?:also\s+|further\s+)?$", _I
)

# "the report said", "the deputy chief added", "the agency noted": a definite subject of a verb of saying that
# points back to a body (or one of its people) named before.
DEFINITE_SUBJECT_BEFORE = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:report|study|assessment|analysis|investigation|findings|document"
    r"|agency|ministry|department|office|service|directorate|official|chief|head|director|minister|spokes(?:man|woman|person))"
    r"\s+(?:also\s+|further\s+)?$",
    _I,
)
PRONOUN_SUBJECT = re.compile(
    r"\b(?:it|he|she|they|the\s+(?:" + TELLER_ROLE + r"|official|report|statement|panel|team|institute|council))"
    r"\s+(?:also\s+|later\s+|then\s+)?$",
    _I,
)

LEARN_NAME = re.compile(
    r"\b(?P<role>lawmakers?|legislators?|Rep\.|Representative|spokes(?:man|woman|person)|[Mm]inister|official|adviser|advisor"
    r"|General|Gen\.|Lt\.\s+Gen\.|Col\.|[Dd]irector|chief|[Cc]ommander|President|Secretary|Ambassador|envoy|[Ss]ecretary)\s+"
    # a title's remit before the name: "Director for Korean and Mongolian Affairs Seth Bailey"
    r"(?:(?:for|of)\s+(?:(?:[A-Z][a-z]+|and)\s+){1,5})?"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z]+)?(?:\s[A-Z][a-z]+(?:-[A-Za-z]+)?){0,2})"
)

# "Brian Nelson, the under secretary of the Treasury for ..., said": a person named with a post at a body, in
# an apposition after the name. The post is found first (POST_OF_BODY), then the name before it.
POST_OF_BODY = re.compile(
    r"\b(?:head|chief|director|secretary|spokes(?:man|woman|person)|commander|minister|official|advis[eo]r)"
    r"\s+(?:of|at|for|in)\s+",
    _I,
)
NAME_APPOSED_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-Z][a-z]+(?:-[A-Za-z]+)?)(?:\s(?-i:[A-Z][a-z]+(?:-[A-Za-z]+)?)){1,3}),\s+(?:the\s+|an?\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,3}$"
)
# The body's phrase ends at the apposition's closing comma or the sentence's end.
POST_BODY_END = re.compile(r"[,;(]")

# A person's full name as the source table spells it ("Kim Jong Un", "Kyrylo Budanov", "Lee Seong-kweun"):
# two or three capitalised words at the end of a source mention, none of them a place's, a post's or a body's.
NAME_TAIL = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Za-z]+)?\s+){1,2}[A-Z][a-z]+(?:-[A-Za-z]+)?$")
NOT_NAME_WORD = re.compile(
    r"(?:"
    r"North|South|Korea|Korean|Korea's|United|States|Kingdom|Union|Nations|European|Security|Council|"
    r"Ministry|Service|Agency|Office|Department|Command|Staff|Forces|Army|Navy|Air|Force|Institute|Center|"
    r"Centre|House|Kremlin|Pentagon|Intelligence|Government|Guard|Group|News|Media|State|General|"
    r"President|Minister|Secretary|Leader|Chief|Admiral|Foreign|Defense|Defence|National|Affairs|Times|"
    r"Post|Journal|Telegraph|Press|Central|Daily|Radio|Free|Asia|Sky|Fox|Street|White|Blue|Red|Cross|Far|"
    r"East|West|Western|Sea|Black|Baltic|Joint|Chiefs|Armed|Federal|Russian|Ukrainian|Japanese|Chinese|"
    r"American|British|Prime|Deputy|Foundation|Monitor|Team|Multilateral|Sanctions|Panel|Experts|Open|"
    r"Source|Royal|Services|Study|War|Strategic|Studies|"
    r"Major|Colonel|Lieutenant|Captain|Brigadier|Marshal|Vice|Rear"  # ranks before a name
    r")"
)

# (an adverb of time or manner may stand between the name and its verb: "Kim first acknowledged",
# "Budanov also said")
NAME_BEFORE = re.compile(
    r"([A-Z][a-z]+(?:-[a-z]+)?)(?:'s)?\s*,?\s*"
    r"(?:(?:first|also|later|then|again|once|earlier|previously|publicly|openly|officially|repeatedly|"
    r"finally|further)\s+)?$"
)

# "Sybiha, at a joint briefing alongside Iwaya, ...": the name before the comma that opens an inserted phrase.
NAME_BEFORE_INSERT = re.compile(
    r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s*,\s+(?:at|in|during|on|after|before|speaking|standing|while)\b[^,]*,?\s*$"
)

# A country's name is a source only as the plain subject of a verb ("Russia denied"), never
# as an object or a place ("shipped to Russia, officials said").
OBJECT_BEFORE = re.compile(r"\b(?:to|from|with|for|in|into|of|by|on|against|between)\s+$", _I)
# ... except the states a list of voices names after their office ("The governments of South Korea, Ukraine and
# Japan have confirmed ...", "the foreign ministers of the US, Japan and South Korea said"): they speak together (25o).
VOICES_OF_STATES = re.compile(
    r"\b(?:governments|leaders|(?:foreign|defen[cs]e)\s+ministers|ministers|representatives)\s+of\s+(?:the\s+)?$", _I
)
# States named as the members of a group set off before its verb ("Western countries, including the United States,
# South Korea and Japan, have condemned ...", "the North's adversaries, including Seoul and Tokyo, strongly
# condemned ..."): the members speak together (attribution.source_for_verb, 25o).
INCLUDED_STATES_BEFORE = re.compile(
    r",\s+(?:including|such\s+as|among\s+them)\s+(?P<list>[^.;:()\"\u201c\u201d]{3,140}?),?\s+"
    r"(?:(?:have|has|had|also|all|both|strongly|jointly|repeatedly|publicly|sharply|firmly)\s+){0,3}$",
    _I,
)

# "an estimated 6,000 men", "the reported transfer": a participle used as an adjective says who nothing.
# A verb of saying used as a noun: "the report", and a headline's credit after a dash ("... despite UN sanctions
# — report"), which names no one: what stands before the dash is the headline's news, not its teller.
ADJECTIVE_USE = re.compile(r"\b(?:an?|the)\s+$|\s[\u2013\u2014-]\s*$", _I)

# "The United States imposed ...": a capitalised "States" or "Reports" after a capitalised word is part of a name.
NAME_PART_BEFORE = re.compile(r"(?-i:[A-Z][\w.'-]*)\s+$")

# "The North is believed to have sent...": in the passive, the subject is not who says so.
PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:also\s+|widely\s+|now\s+|still\s+|generally\s+)?$", _I
)

# Between a voice that names no body and the body it works at: "analysts at the", "experts from the British".
EMPLOYER_GAP = re.compile(
    r"\s+(?:at|from|of|with)\s+(?:the\s+)?(?:(?:British|American|UK-based|US-based|U\.S\.-based)\s+)?", _I
)
# "ambassador to the United Nations", "a meeting at the Kremlin": a place or addressee, not a speaker.
# "Sybiha, at a joint briefing alongside Iwaya, said": one standing beside the speaker is not the speaker.
PLACE_OBJECT_BEFORE = re.compile(
    r"\b(?:to|at|from|with|for|in|into|against|between|alongside|beside|next\s+to|flanked\s+by)\s+(?:the\s+)?$", _I
)
# ... except a speaker for a body: "a spokesperson for the Kremlin", "a spokesman for Ukraine's military intelligence".
SPEAKER_FOR_BEFORE = re.compile(r"\bspokes(?:man|woman|person)\s+for\s+(?:the\s+)?$", _I)
# Between a body and the body it belongs to: "the Main Directorate of Intelligence (HUR) of Ukraine's ministry".
PARENT_BODY_GAP = re.compile(r"\)?\s+(?:of|under)\s+(?:the\s+)?", _I)

BARE_COUNTRY = re.compile(
    r"(?:North\s+Korea|the\s+North|Pyongyang|Russia|Moscow|South\s+Korea|Seoul|Japan|Tokyo|Washington|the\s+United\s+States|the\s+U\.?S\.?"
    r"|(?:the\s+)?USA|Britain|(?:the\s+)?U\.?K\.?|(?:the\s+)?United\s+Kingdom|Ukraine|Kyiv)",
    _I,
)

AGENCIES = frozenset(
    {
        "South Korea NIS",
        "South Korea JCS",
        "South Korea Defense Intelligence Agency",
        "South Korea Ministry of Defense",
        "South Korea presidential office",
        "US intelligence",
        "Ukraine HUR",
        "Pentagon",
        "White House",
        "US State Department",
    }
)

SEOUL_AGENCIES = frozenset(a for a in AGENCIES if a.startswith("South Korea "))

# The bodies each party speaks through (the lexicon's sources), and the party each speaks for.
GOVERNMENT_OF = {
    **dict.fromkeys(
        (
            "Russia government",
            "Russia President",
            "Russia Kremlin",
            "Russia UN ambassador",
            "Russia Foreign Ministry",
            "Russia Security Council",
            "Russia General Staff",
            "Russia Ministry of Defense",
        ),
        "Russia government",
    ),
    **dict.fromkeys(
        ("North Korea government", "North Korea KCNA", "North Korea UN ambassador", "North Korea Foreign Ministry"),
        "North Korea government",
    ),
}
PARTIES = frozenset(GOVERNMENT_OF)
# A party's news agency: a party's word told through it is the agency's (docs/claims-conventions.md).
NEWS_AGENCY = {"North Korea government": "North Korea KCNA"}
BOTH_GOVERNMENTS = frozenset(GOVERNMENT_OF.values())
# A place dateline opening a report ("MOSCOW/SEOUL —", "SEOUL, Feb. 27 (Yonhap) --"): where the report was
# filed, not who speaks in it.
PLACE_DATELINE = re.compile(
    r"\s*[A-Z]{3,}(?:[ .][A-Z]{2,})*(?:\s*/\s*[A-Z]{3,}(?:[ .][A-Z]{2,})*)*(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2})?"
    r"(?:\s*\([^)]{1,30}\))?\s*(?:\u2014|\u2013|--?)\s"
)
# One statement made by the two parties together ("Moscow and Pyongyang deny ...", "both governments
# acknowledged ...") is one claim, and its source names them both (docs/claims-conventions.md).
JOINT_PARTIES = "North Korea and Russia governments"

# A lawmaker briefed by intelligence, or citing its data with no agency named ("citing intelligence data"): the
# spy agency's word relayed. Not "military intelligence", which is the armed forces' own agency.
BRIEFING_INTEL = re.compile(
    r"\bbrief(?:ing|ed)\b.{0,80}\bintelligence\b|\bintelligence\s+(?:officials|briefing)\b"
    r"|\bciting\s+(?:an?\s+|the\s+|new\s+)?intelligence\s+(?:data|reports?|sources|assessments?|findings|information)\b",
    _I,
)
# Where one clause of a sentence ends and another with its own verb begins (", which Moscow has used ...", "...
# since March, a move believed to pay for ...", "... troops since autumn and supplied shells"): a "since" in one
# clause does not start the count of a thing named in the other (drafts.since_in_clause). Narrower than
# CLAUSE_BREAK: a list's commas ("shells, rockets and missiles since 2023") do not part its things from the since.
VERB_CLAUSE_BREAK = re.compile(
    r",\s*(?:which|who|where|a\s+move|while|whereas|but)\b|;|\s[\u2014\u2013]\s"
    r"|\band\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:supplied|sent|provided|delivered|shipped|transferred)\b",
    _I,
)
# Where a clause the sentence's time phrase may date ends (drafts.as_of_in_clause): a relative clause (", which
# invaded Ukraine in February 2022", ", some of whom have since ..."), a contrast, a semicolon, or a phrase that
# gives the grounds or the occasion (", citing a visit in September", ", following an incursion last year"). A
# dash is not one: "sent 3,000 troops - mostly to Kursk - in October" dates the troops.
DATE_CLAUSE_BREAK = re.compile(
    r",\s*(?:which|who|where|while|whereas|but|citing|following"
    # ", with 3,000 more deployed since": a second count of its own (not ", with state media reporting on Monday")
    r"|with(?=\s+(?:about\s+|some\s+|another\s+|nearly\s+|over\s+|more\s+than\s+)?\d)"
    r"|(?:some|many|most|all|none|one|several|two|three|thousands|hundreds)\s+of\s+(?:whom|which))\b|;"
    # ", and the South Korean military raised its estimate to 4,000 last month": a clause with its own subject
    # and verb, whose time phrase is its own (not ", and 300 more in May", a list of the same clause's counts)
    r"|,\s*and\s+(?=the\s+(?:[A-Za-z'\u2019-]+\s+){1,4}?(?:said|says|told|added|has|have|had|is|are|was|were|will"
    r"|[a-z]+ed)\b)"
    # "6,000 casualties since sending 10,000 troops last year": the event a count runs from, told by its verb, with a
    # time phrase of its own
    r"|\ssince\s+(?=[a-z]+ing\b)"
    # "attacks on the troops following a surprise offensive on August 6", '"following the failed launch on May 27,
    # ...': the occasion a claim followed, with its own day, set off by no comma
    r"|[\s\"\u201c]following\s+(?=(?:a|an|the|its|their)\s)",
    _I,
)
# What a count of containers could hold ("the containers might carry 3 million shells", "enough cargo space for
# ..."): a figure worked out from the containers, counted over the same period (extract.capacity_since).
CARGO_CAPACITY = re.compile(
    r"\bcontainers?\b[^.]{0,80}?\b(?:could|might|can|may|would)\s+(?:be\s+)?(?:hold|carry|contain|fill|load)"
    r"|\bcargo\s+space\b|\benough\s+(?:room|space)\b",
    _I,
)
# A claim said now ("officials say"): it holds on the day of publication, not on the day of the article's
# first dated statement. Any verb of saying in the present tense before its "that" is said now too ("the agency
# reports that", "the daily notes that", "sources indicate that", "Seoul and Washington estimate that": 25p); a
# noun before its "that" is none ("amid reports that", "the claims that", "its estimates that", "an estimate that",
# "there are reports that").
PRESENT_SAYING = lx.StemGuarded(
    re.compile(
        r"\b(?:say|says)\b"
        # (the verb first, as a look-ahead: the look-behinds are tried only where one stands)
        r"|\b(?=(?:notes|writes|reports|indicates?|suggests?|believes?|estimates?|assess(?:es)?|argues?|insists?"
        r"|maintains?|concludes?|warns?|claims?)\s+that\b)"
        # (the words that make it a noun, in either case: "The reports that ..." opens a sentence)
        r"(?i:(?<!\bthe\s)(?<!\bof\s)(?<!\bamid\s)(?<!\bsuch\s)(?<!\bthese\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)"
        r"(?<!\btheir\s)(?<!\ban\s)(?<!\ba\s)(?<!\bare\s)(?<!\bwere\s)(?<!\bdenied\s)(?<!\brejected\s)"
        r"(?<!\bdismissed\s))[a-z]+\s+that\b"
    ),
    ("say", "notes", "writes", "reports", "indicate", "suggest", "believe", "estimate", "assess", "argue", "insist")
    + ("maintain", "conclude", "warn", "claim"),
)
# A person's name, then the post the text gives them in an apposition: "Shin Won-sik, national security adviser",
# "..., South Korea's national security adviser". The post opens with a word in lower case, perhaps after a
# state's name: not a list of names ("Lavrov, Shoigu and Belousov"), not a relative clause ("Lavrov, who ...").
APPOSED_GAP = re.compile(r",\s+(?:the\s+)?")
POST_OPENING = re.compile(r"[a-z]|(?:[A-Z][\w.]*(?:'s|\u2019s)?\s+){1,2}[a-z]")
# A person named with the post they hold ("South Korea's national security adviser Shin Won-sik"): later
# mentions of that person ("Shin said") speak for that post's body, whatever post the name alone is filed under.
TITLED_PERSON = re.compile(
    r"\b(?:advis[eo]r|minister|spokes(?:man|woman|person)|director|chief|ambassador|secretary|envoy)"
    r"\s+(?P<name>(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*)){1,2})$",
    _I,
)
# "Lavrov, who passed on Putin's greetings, thanked ...": a relative clause after a name, closed by a comma
# before the verb.
# The same with "which", "whose" or "that": "The SBU, which questioned the prisoner, said ...", "Budanov, whose agency
# interrogated the soldiers, said ..." (the prisoner and the soldiers are no tellers).
RELATIVE_AFTER_NAME = re.compile(r",\s+(?:who|whose|which|that)\s+[^,;]*$")
CLAUSE_CLOSE_BEFORE_VERB = re.compile(r"[^,;]*,\s*(?:(?:also|later|then|has|have|had)\s+)*$")
# "We, the G7 foreign ministers of ...": a statement's authors name themselves.
WE_THE = re.compile(r"We,\s+the\s+")
# A lawmaker's source told after the figure: "..., said the lawmakers, who were citing a briefing by the spy agency".
RELAY_CUE = re.compile(r"\b(?:citing|cited|briefing|briefed)\b", _I)

# A conjunction between an amount and its noun joins modifiers ("9 million artillery and rocket rounds").
GAP_CONJUNCTIONS = frozenset({"and", "or"})
# What ends the containers' noun phrase before a verb of holding: a new sentence or clause of its own ("sent containers;
# Russia's stocks hold ...").
HOLDER_GAP_BREAK = re.compile(r"[.;:]\s|\b(?:but|while|whereas)\b", _I)
CONTENTS_BEFORE = lx.StemGuarded(
    re.compile(
        r"(?:containers?|shipments?|cargo|loads?|trainloads?|shiploads?|wagons|railcars|crates|boxes|consignments?|deliveries)"
        # the contents may be quoted ('containers of "equipment and ammunition"') or told as a guess ("containers
        # likely full of shells")
        r"\s+(?:of|worth\s+of|carrying|containing|filled\s+with|with|loaded\s+with|holding|(?:[a-z]+ly\s+)?full\s+of)"
        r"\s+[\"\u201c\u2018']?(?:[\w-]+\s+){0,4}?(?:(?:and|or)\s+(?:[\w-]+\s+){0,3})?$",
        _I,
    )
)

# A verb or a preposition ends the owner's noun phrase: "a Russian ship loaded containers", "arming
# the Russian army with rockets" do not make them Russian.
OWNER_VERBS = (
    r"loaded|unloaded|offloaded|carried|carrying|carries|shipped|sent|moved|delivered|transported|brought"
    r"|received|took|picked|has|have|had|is|are|was|were|with|to|from|by"
)
# A side of the war other than the North, as the one that loses or raises its own soldiers.
LOSING_SIDE = (
    r"(?:Russia|Moscow|Ukraine|Kyiv|Kiev|(?:the\s+)?Kremlin|the\s+Russians|the\s+Ukrainians"
    r"|(?:the\s+)?(?:Russian|Ukrainian)\s+(?:army|armed\s+forces|forces|troops|military|side)"
    r"|(?:Russia|Ukraine|Kyiv|Kiev|Moscow)['\u2019]s\s+(?:army|armed\s+forces|forces|troops|military))"
)
# Before a side named as the one losing: a side fought on or for, or a place, is not the subject ("North Korean forces
# fighting on the Russian side have suffered heavy losses", "North Korean troops in Russia have sustained losses").
SIDE_NOT_LOSING_BEFORE = re.compile(
    r"\b(?:on|for|with|alongside|in|to|from|of|near|into|inside|across|against)\s+(?:the\s+)?$", _I
)
# "Russia's war has dragged on, its casualties exceed 700,000": a side named before "its" in the sentence, as no
# place or side fought against ("in the fighting against Ukraine, its casualties" may be the North's told before).
SIDE_NAMED = re.compile(r"\b" + LOSING_SIDE + r"\b", _I)
# "Kyiv drafts 160,000 troops": soldiers a country raises from its own people are its own.
OWN_DRAFT_BEFORE = re.compile(
    r"\b(?:Seoul|" + LOSING_SIDE + r")\s+"
    r"(?:(?:is|are|was|were|has\s+been|had\s+been|have\s+been|keeps|has|had|have)\s+)?"
    r"(?:drafts?|drafted|drafting|mobili[sz](?:es|ed|ing|e)|conscripts?|conscripted"
    # "the Kremlin is losing as many troops as it can recruit": its own men lost
    r"|recruits?|recruited|recruiting|call(?:s|ed)?\s+up|los(?:es|ing)|lost)\s+"
    r"(?:(?!(?:North|Korean|DPRK|Pyongyang's|Korea's)\b)[\w,.-]+\s+){0,5}$",
    _I,
)
# A number that names a model is no amount: "a Type 75 rocket launcher", "Model 1989".
DESIGNATION_BEFORE = re.compile(r"\b(?:Type|Model|No\.|Mark|Mk\.?|Block|Project)\s*-?\s*$")
# Things the North is not known to supply in this story unless its sentence names it
# ("the North is said to be building drones for Moscow"): elsewhere they are Russia's or Iran's.
NORTH_NAMED_ITEMS = frozenset({"drones"})
# The North named in the thing's own noun phrase ("North Korean attack drones", "DPRK-made drones").
NK_OWNER_ADJACENT = re.compile(
    r"\b(?:North\s+Korean?|North\s+Korea's|DPRK|KPA|Pyongyang's|N\.\s?Korean)(?:-(?:made|built|supplied|produced))?"
    r"\s+(?:[\w-]+\s+)?$"
)
# Another side's own losses ("Russia is also suffering heavy casualties", "Kiev's forces had sustained 76,000
# casualties", "the Russians have been losing 1,500 soldiers a day", "Ukrainian losses"): that side's dead, not the
# North's soldiers. A side named as its army, or in the plural of its people, loses as the state does.
OTHER_SIDE_LOSSES = re.compile(
    r"\b" + LOSING_SIDE + r"\s+(?:(?:is|are|was|were|has|have|had)\s+)?(?:(?:also|been|still|already|reportedly)\s+)*"
    r"(?P<verb>suffer\w*|sustain\w*|incurr?\w*|los(?:es|ing)|lost)\b"
    r"|\b(?:Russian|Ukrainian|(?:Russia|Ukraine|Kyiv|Kiev)['\u2019]s)\s+(?:own\s+|military\s+|battlefield\s+|combat\s+)?"
    r"(?:casualties|losses|dead|deaths)\b",
    _I,
)
# The dead or hurt of another side, or civilians, counted after the casualty word: "killed 24 people", "cost the lives
# of tens of thousands of Ukrainians", "claimed the lives of hundreds of Ukrainian civilians", "North Korean troops
# have killed hundreds of Ukrainian soldiers": the victims of a strike or of the war, not the North's losses.
VICTIMS_COUNTED = re.compile(
    r"\b(?:(?:the\s+)?lives\s+of|kill(?:ed|ing|s)|injur(?:ed|ing|es)|wound(?:ed|ing|s))\s+"
    r"(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|up\s+to|an\s+estimated|[\d,.]+|tens|hundreds"
    r"|thousands|dozens|scores|several|many)\s+(?:of\s+)?)+(?:[\w-]+\s+)?"
    r"(?:people|civilians|residents|children|inhabitants|passengers|Ukrainians|Russians"
    r"|(?:Ukrainian|Russian)\s+(?:soldiers|troops|servicemen|civilians|citizens|fighters))\b",
    _I,
)
# Where the victims' own clause ends: the North named after it ("cost the lives of thousands of Ukrainians, and 3,000
# North Korean soldiers have been killed") is not among them.
VICTIMS_CLAUSE_END = re.compile(r"[;:]|,\s*and\b|\b(?:while|whereas|but)\b", _I)
# "Russia's war has dragged on and its casualties exceed a million": losses pointed back to the side the sentence
# names. Read so only where the sentence names no part of the North (its "its" may be the North's).
ITS_LOSSES = re.compile(r"\bits\s+(?:own\s+)?(?:casualties|losses|dead|war\s+dead)\b", _I)
# People who are not soldiers: their deaths in a strike are its use, not casualties.
CIVILIANS_BEFORE = re.compile(r"\b(?:people|civilians?|residents|children|persons|inhabitants|passengers)\b", _I)
# "units of Ukraine": the owner named after the noun.
OWNER_AFTER = re.compile(
    r"\s+of\s+(?:Ukraine|Russia|the\s+(?:Russian|Ukrainian|Armed)|the\s+United\s+States|Kyiv)\b", _I
)
# Case-sensitive ("US" is not "us"); "russian" in lower case too, as some Ukrainian outlets write it.
OTHER_OWNER = re.compile(
    r"\b(?:[Rr]ussian|[Rr]ussia['’]s|Ukrainian|Ukraine['’]s|Ukraine|American|U\.S\.|US|South\s+Korean"
    r"|South\s+Korea['’]s|Western|NATO|Chinese|"
    r"Iranian|Iran['’]s|European|Polish|German|British|Japanese|Kyiv['’]s|Moscow['’]s|Seoul['’]s|own)\s+"
    r"(?:(?!(?:that|which|who|claims?|reports?|allegations?|accusations?|says?|said|"
    + OWNER_VERBS
    + r")\b)[\w-]+\s+){0,2}$",
)
# The other side's own defences or know-how ("hard for Ukraine's air defense systems to stop", "Ukrainian drone
# technology", "Seoul's satellite technology"): given by neither party. Only Ukraine's and the possessive of a state
# on its side: "Russia shared US satellite technology with the North" is still Russia's gift.
THIRD_OWNER = re.compile(
    r"\b(?:Ukrainian|(?:Ukraine|Kyiv|Seoul|South\s+Korea|Japan|Tokyo|America|the\s+U\.?S\.?|Washington|NATO|the\s+West)"
    r"['’]s)\s+(?:(?!(?:that|which|who|" + OWNER_VERBS + r")\b)[\w-]+\s+){0,2}$"
)

# A capital named as the owner of soldiers ("missiles that Moscow troops launch", "as Kyiv forces advanced"): that
# side's own army. Only where the capital opens a noun phrase, not where it is the one given soldiers ("sent
# Moscow troops").
CAPITAL_OWNER_BEFORE = re.compile(
    r"(?:\b(?:that|which|the|as|while|when|where|and|but|after|before|with)|,)\s+(?:Moscow|Kyiv)\s+$", _I
)

# "our armed forces", "your soldiers": people named by their owner's person, not its name.
FIRST_PERSON_BEFORE = re.compile(r"\b(?:our|your)\s+(?:[\w-]+\s+){0,2}$", _I)
SECOND_PERSON = re.compile(r"\byour\s+(?:[\w-]+\s+){0,2}$", _I)
# The voices of the sides: who "our" can be.
SIDE_VOICES = frozenset(
    {
        *PARTIES,
        "Ukraine President",
        "Ukraine Armed Forces",
        "Ukraine Air Force",
        "Ukraine HUR",
        "Ukraine SBU",
        "Ukraine Ministry of Defense",
    }
)

# (the army by its own name too: "the Korean People's Army units", "the North's units")
NK_OWNER = re.compile(
    r"\b(?:North\s+Korean?|North\s+Korea's|DPRK|KPA|Pyongyang's|N\.\s?Korean|Korean\s+People['\u2019]?s(?:\s+Army)?"
    r"|the\s+North['\u2019]s)\b"
)
# The North's army named after the units it is made of: "units of the Korean People's Army", "forces of the DPRK",
# "brigades of the North Korean army" (the same owner as "KPA units"; "units of Ukraine's army" is OWNER_AFTER).
NK_OWNER_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:Korean\s+People['\u2019]?s\s+Army|KPA|DPRK|North(?:\s+Korea)?['\u2019]s\s+(?:army|military)"
    r"|North\s+Korean\s+(?:army|military|armed\s+forces)|North\s+Korea\b|Pyongyang\b)",
    _I,
)
# The North named with another owner of the same thing ("North Korean and Russian troops").
NK_OWNER_JOINED = re.compile(NK_OWNER.pattern + r"\s*(?:and|or|&|,)\s*$")

SAYING_AFTER = re.compile(
    r"\s*(?:say|says|said|believe|believes|told|note|noted|warn|warned|argue|argued|estimate)\b", _I
)

# Arms for Ukraine, or from a third country: not this story even inside a relevant article.
OTHER_FLOW = re.compile(
    # "according to Ukraine's military" names a source, not a flow to Ukraine
    r"\b(?<!according\s)(?<!According\s)(?:to|for)\s+Ukraine\b(?!['\u2019]s)|\bUkraine\s+(?:has\s+|had\s+)?(?:received|receives|got|gets|bought)\b|\bCzech\w*|\b(?:U\.?S\.?|American|Western|European)[- ](?:made|supplied|built)\b",
    _I,
)

HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:rather\s+than|instead\s+of|to\s+avoid|for\s+fear\s+of)\s+(?:be\s+|being\s+)?(?:[\w-]+\s+){0,2}$"
    # a death chosen so as not to be taken: "told to kill themselves before being captured", "suicide if captured"
    r"|\b(?:suicide|themselves)\s+(?:before|if|when|once)\s+(?:being\s+|they\s+(?:are|were)\s+)?$",
    _I,
)

# The opening of such a clause, read on to its end (a comma): "months after North Korean soldiers were
# seen fighting" tells history, and its verbs say nothing of the things outside it.
BACKGROUND_OPENING = re.compile(
    # ("in light of Pyongyang's part in the war": what a move answers, told as known)
    r"\b(?:since|after|before|until|[Ii]n\s+(?:light|view)\s+of)\s+(?!(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|early|late|mid|last|the\s+(?:start|beginning"
    r"|end))\b)(?:[A-Z][\w'-]*|the\s+North|it|they)\b",
)
# A place told by what the other side did there ("a border area where Ukrainian forces staged an
# incursion"); a clause whose subject is the soldiers themselves ("where they are fighting") reports them.
# A where-clause about a place; "where they are engaged in combat" tells of the things named before it.
ANY_WHERE = re.compile(r"\bwhere\b(?!\s+(?:they|it|these|those|he|she)\b)", re.I)
WHERE_CLAUSE = re.compile(r"\bwhere\s+(?:the\s+)?(?:Ukrain\w*|Kyiv(?:['\u2019]s)?)\b")
# "The report comes (two days) after ...", "the move came after ...": the news's occasion, told by what was said.
OCCASION_BEFORE = re.compile(
    r"\b(?:comes?|came|coming)\s+(?:just\s+|only\s+|shortly\s+|days\s+|weeks\s+)?"
    r"(?:(?:a|one|two|three|four|five|six|several|\d+)\s+(?:days?|weeks?|months?)\s+)?$",
    _I,
)
# ... its speaker's verb of saying, in the clause after "after" (a name and its apposition between).
SAYING_IN_CLAUSE = re.compile(
    r"[^.;]{0,140}?\b(?:said|says|acknowledged|acknowledges|confirmed|confirms|admitted|admits|announced|reported"
    r"|revealed|told|claimed|stated|disclosed)\b",
    _I,
)
# ... or the clause after "after" (or "since") is a statement, its subject's own verb of saying right after it: "Putin
# congratulated his army after Moscow claimed to have driven the Ukrainians out with North Korean help". What the
# speaker said is their claim, told as the occasion of the main clause, not a fact the writer presupposes.
SAID_BY_CLAUSE_SUBJECT = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w'.-]*){0,3}\s+(?:(?:has|had|have)\s+)?(?:first\s+|publicly\s+|officially\s+)?"
    r"(?:said|claimed|announced|acknowledged|admitted|confirmed|reported|declared)\b",
    _I,
)
BACKGROUND_CLAUSE = lx.StemGuarded(
    re.compile(
        r"\b(?:since|after|before|until|ever\s+since)\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|early|late|mid|last|the\s+(?:start|beginning|end))\b)"
        r"(?:[A-Z][\w'-]*|the\s+North|it|they)\b[^,;]{0,60}$",
    )
)

OTHER_SUPPLIER = re.compile(r"\b(?:Iran(?:ian)?|China|Chinese|Belarus(?:ian)?|the\s+EU|European\s+Union|Europe)\b")

# A credit that ends the sentence ("..., according to the statement by Japan, ... and the EU's foreign policy chief"):
# the states named after it speak, they are not another supplier.
CREDIT_BEFORE = re.compile(r"\baccording\s+to\b[^.;:\"\u201c\u201d]*$", _I)

# Another state as the one Russia's help goes to ("sharing nuclear know-how with Tehran", "gave drone designs to Iran").
THIRD_STATE_RECIPIENT = re.compile(
    r"\b(?:with|to)\s+(?:Iran|Tehran|China|Beijing|Belarus|Minsk|Syria|Damascus|Myanmar|Venezuela|Caracas)\b"
)

# Dependence on the North's supply, with no share named: "forced to turn to North Korea",
# "Russia's leading weapons supplier", "would have lost without" (share_of_supply, no figure).
DEPENDENCE = re.compile(
    # "forced to turn to", "Russia is turning to North Korea because of its need for ammunition"
    r"\b(?:forced\s+to\s+turn\s+to|turn(?:s|ed|ing)?\s+to\s+(?:North\s+Korea|Pyongyang|the\s+North)\s+(?:\w+\s+){0,2}?"
    r"(?:because|for\s+(?:more\s+)?(?:ammunition|shells|munitions|weapons|arms|supplies)|to\s+(?:sustain|replenish|restock)"
    # "Russia has turned to North Korea for help to wage the war": a supplier it leans on, told without the goods
    r"|for\s+(?:military\s+)?(?:help|assistance|aid|support))"
    # Russia asking or seeking the North's help, the North as its lifeline (convention 23c): "the Kremlin asked
    # Pyongyang for assistance", "sought military help from North Korea", "a munitions lifeline for Moscow"
    r"|(?:ask(?:s|ed|ing)?|request(?:s|ed|ing)?|appeal(?:s|ed|ing)?\s+to)\s+(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK)"
    r"\s+for\s+(?:(?:military|more|urgent)\s+)?(?:help|assistance|aid|support|supplies|ammunition|shells|munitions|weapons|arms)"
    r"|(?:seek|seeks|sought|seeking)\s+(?:(?:military|more|urgent)\s+)?(?:help|assistance|aid|support|supplies)\s+from"
    r"(?=\s+(?:[\w-]+\s+){0,3}?(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK)\b)"
    r"|lifeline\s+(?:for|to)\s+(?:the\s+)?(?:Moscow|Russia|Russian|Kremlin|Putin)"
    # "to formalize the North as a supply base for weapons": the North as Russia's standing source
    r"|supply\s+base\s+for\s+(?:its\s+|the\s+)?(?:weapons|arms|ammunition|munitions|shells|the\s+war)"
    r"|(?:leading|largest|biggest|main|key|primary|top|chief)\s+(?:(?:foreign|outside|overseas|external)\s+)?"
    r"(?:weapons?\s+|arms\s+|ammunition\s+|munitions\s+|military\s+|artillery\s+)?supplier|would\s+have\s+lost"
    # relying on the North, not the North relying on something ("its air force relies on ageing jets")
    # (or leaning on the North, drawing on its stocks: "leaned heavily on North Korean shells"; on the North's goods:
    # leaning on its soldiers to fill the ranks is no share of supply)
    # (the same told as a noun or by counting on it: "Russia's reliance on North Korean shells", "its dependence on
    # the North's rockets", "the Kremlin counts on Pyongyang's shells", "has come to depend on")
    r"|(?:(?:heavily\s+)?(?:dependent|reliant|relies|relied|relying|depend|depends|depended|depending"
    r"|dependence|dependency|reliance|count(?:s|ed|ing)?)"
    r"|(?:lean(?:s|ed|ing)?|leant|dr(?:aw|aws|awn|ew|awing))(?![^.;]{0,60}?\b(?:troops|soldiers|servicemen|fighters"
    r"|forces|workers|labou?rers|personnel|men)\b))\s+(?:heavily\s+|increasingly\s+)?on"
    # (the North named as what is relied on, not as the enemy or the subject of what is relied on: "relies on Western
    # shells to fight North Korean troops", "counts on help against the North's soldiers", "intelligence about")
    r"(?=(?:(?!\b(?:against|about|on|to\s+(?:fight|counter|repel|stop|hold\s+off|resist)))[^.;]){0,60}?"
    r"\b(?:North\s+Korean?|Pyongyang|the\s+North|DPRK|Kim)\b)"
    # "Putin cannot manage without military support from Pyongyang"
    r"|(?:cannot|can't|can\u2019t|could\s+not|couldn't|could\u2019t)\s+(?:manage|cope|fight|continue|last|hold\s+out|do|go)"
    r"(?:\s+on)?\s+without(?=[^.;]{0,60}?\b(?:North\s+Korean?|Pyongyang|the\s+North|DPRK|Kim)\b))\b",
    _I,
)
# "over the last four months": a period of time, not months of supply.
PERIOD_BEFORE = re.compile(r"\b(?:past|last|previous|next|coming|first|recent|within)\s+$", _I)
MONTHS_SUPPLY = re.compile(
    r"\s*(?:-\s*)?months?(?:'s?|')?(?:\s+(?:worth|of\s+(?:supplies|supply|(?:artillery\s+)?(?:ammunition|shells|fighting|combat|use|warfare|the\s+war|war))|supply|of\s+intense))?"
    # "after a three-month pause", "four months after the incursion": a stretch of time, not months of supply
    r"(?![\w-]|\s+(?:hiatus|pause|break|gap|halt|delay|lull|suspension|period|ago|later|earlier|long|old|after|before"
    r"|into|since)\b)",
    _I,
)

SUPPLY_CONTEXT = re.compile(
    r"\b(?:worth|suppl(?:y|ies)|sufficient|enough|last(?:s|ing)?|sustain\w*|suffic\w*|needs?|demand|consumption|fir(?:e|ing))\b",
    _I,
)

ABOUT_BEFORE = re.compile(
    r"\b(?:roughly|about|around|approximately|some|nearly|almost|close\s+to|estimated)\b(?:\s+[\w']+){0,3}\s*$", _I
)

SHARE = re.compile(
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|the\s+bulk|most|the\s+majority)"
    r"(?=\s+(?:of\s+(?:all\s+)?(?:the\s+)?(?:Russia's|Moscow's|the\s+Russian\s+army's|the\s+Russian\s+military's)\s*(?:[\w-]+\s+){0,2}(?:shells|ammunition|ammo|munitions|artillery|rounds|missiles|supplies|needs|fire)"
    # (the rounds named by their calibres first: "60 percent of the 122 millimeter and 152 millimeter artillery
    # ammunition that Russian forces are firing"; calibres only, as "half of the North Korean shells fired by Russia
    # failed" is a share of the North's shells, not of Russia's supply)
    r"|of\s+(?:all\s+)?(?:the\s+)?(?:(?:\d+\s*(?:mm|millimet(?:er|re)s?)|[\w-]*calib(?:re|er)|and|or)\s+){0,5}?"
    r"(?:artillery\s+|[\w-]+\s+)?(?:shells|ammunition|munitions|rounds)\s+(?:that\s+|which\s+)?(?:(?:are|were|being|now)\s+)*"
    r"(?:fired|used|hitting|landing|falling|striking|expended|Russia|Moscow|the\s+Russian)))",
    _I,
)

SHARE_AFTER = re.compile(
    r"\b(?:account(?:s|ed|ing)?\s+for|make(?:s)?\s+up|made\s+up|comprise[sd]?|represent(?:s|ed)?)\s+"
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|the\s+bulk|most|the\s+majority)",
    _I,
)

# "half of its shells", "60 percent of their artillery ammunition": a share of the subject's own supply.
SHARE_ITS = re.compile(
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|as\s+much\s+as)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters"
    r"|the\s+bulk|the\s+majority|most)\s+of\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:shells|ammunition|ammo|munitions|rounds|missiles"
    r"|supplies|needs)\b",
    _I,
)

# A share that is not of Russia's supply: how many of the rounds fired worked ("4% of the shells fired
# actually exploded"), or what Russia's own cargo to the North is made of ("food makes up the bulk of
# Russia's shipments").
SHARE_OF_OTHER = re.compile(
    r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:shells|ammunition|munitions|rounds|missiles)\s+(?:that\s+|which\s+)?"
    r"(?:(?:are|were|being|now)\s+)*(?:fired|used|launched)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:explod|detonat|fail|misfir|malfunction|work|hit\b|missed|went\s+off|were\s+duds|are\s+duds)"
    r"|\s+of\s+(?:Russia's|Moscow's|the\s+Russian)\s+(?:[\w-]+\s+)?(?:shipments|exports|deliveries|cargo(?:es)?|consignments)"
    # a share of a limit ("a quarter of that quota", "half the annual cap on oil"): how much of an allowance is used
    r"|\s+(?:of\s+)?(?:that|the|this|its|an?)\s+(?:[\w-]+\s+){0,2}?(?:quotas?|caps?|ceilings?|limits?|allowances?)\b",
    _I,
)

PRIOR_SHARE = re.compile(
    r"\b(?:down|up)\s+from\s+(?P<frac>(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more\s+than\s+|over\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|two[- ]thirds|a\s+quarter|three[- ]quarters))",
    _I,
)

# "the official said", "these units": a definite noun phrase points back to one named before (an official
# introduced earlier for attribution; an already-mentioned thing for drafts).
# (not "the North" as the subject: "the North delivered weapons" names no weapons told of before)
DEFINITE_BEFORE = re.compile(
    r"\b(?:the|these|those|such|this|that|its|their|his|her)\s+(?!North\s(?!Korea))(?:[\w-]+\s+){0,2}$", _I
)

# Words for weapons in general: a list's next word that is one of them ("weapons and ammunition") is more of the same,
# not a named thing the general word is listed beside (JOINED_AFTER)
_THINGS_IN_GENERAL = r"(?:weapons?|arms|munitions|ammunition|materi[ae]ls?|equipment|supplies|goods)"
# "artillery and munitions", "a million shells and other weapons": weapons in general beside a named
# thing, not a class the named thing exemplifies ("weapons, including shells")
# (also with an amount that counts nothing: "200 artillery pieces and a large amount of ammunition")
JOINED_BEFORE = re.compile(
    r"\w\s+(?:and|as\s+well\s+as)\s+(?:other\s+|(?:an?\s+)?(?:[\w-]+\s+)?(?:amounts?|quantit(?:y|ies)|volumes?)\s+of\s+)?$",
    _I,
)
# "ammunition and artillery", "ammunition, shells and rockets": weapons in general named first in a list of things
# are one of the list, as after them (JOINED_BEFORE); not a heading the things exemplify ("ammunition, including
# shells", "arms such as shells") nor a clause after a comma ("arms, Seoul said, and ...", "arms, which ...").
# The words that open a heading's examples ("including", "in particular", "among them", "for example", "above all",
# "both"): what follows tells which of the weapons in general were meant. They end a list (_LIST_ITEM_WORD), and after
# a comma they make the general word before them a heading even where a list joined it ("weapons and ammunition,
# including shells", HEADING_AFTER).
_HEADING_LEAD = (
    r"(?:including|such|especially|notably|namely|mainly|mostly|primarily|particularly|like|in\s+particular"
    r"|among\s+(?:them|others|these|those)|for\s+(?:example|instance)|above\s+all|specifically|principally|chiefly"
    r"|largely|predominantly|both)"
)
_LIST_ITEM_WORD = rf"(?!(?:{_HEADING_LEAD}|which|that|who|whose|according|said|says|told|reports?|reported)\b)[\w-]+"
HEADING_AFTER = re.compile(rf"\s*,\s*{_HEADING_LEAD}\b|\s+(?:including|such\s+as)\b", _I)
JOINED_AFTER = re.compile(
    rf"(?:,\s+{_LIST_ITEM_WORD}(?:\s+{_LIST_ITEM_WORD}){{0,3}})*,?\s+(?:and|as\s+well\s+as)\s+"
    # (a named thing next: not more things in general, "weapons and related materials", nor a verb, "... and said")
    r"(?!(?:other|related|similar|associated|any|more|said|says|told)\b)"
    rf"(?!{_THINGS_IN_GENERAL}\b)",
    _I,
)

POINTING_BEFORE = re.compile(r"\b(?:the|these|those|such)\s+$", _I)

ADDITIONAL_BEFORE = re.compile(r"\b(?:more|additional|further|extra|fresh|new)\s+(?:[\w-]+\s+)?$", _I)
# "several thousand more": an amount of a group besides the one counted before.
ADDITIONAL_AFTER = re.compile(r"\s+(?:more|additional|further|extra|others)\b", _I)

TRAILING_ATTRIBUTION = re.compile(r",\s+(?:[\w'-]+\s+){0,6}$")

TRAILING_END = re.compile(r"\s*(?:[.,;!?\"']|$)|\s+(?:on|in|last|this|that)\b")

ESTIMATE_SOURCE = re.compile(r"according\s+to\s+(?:\w+\s+)?(?:estimates?|assessments?)", _I)

CAPACITY = re.compile(
    # the hedge stands either side of "at": "almost at full capacity", "at almost full capacity"
    r"\b(?:(?P<near_at>(?:close\s+to|nearly|almost|about|around|roughly)\s+)(?=at\s))?"
    r"(?:at\s+)?(?P<near>(?:close\s+to|near|nearly|almost|about|around|roughly|approaching)\s+)?(?P<frac>full|(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|only\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|maximum|max|peak)"
    r"\s+(?:of\s+(?:their\s+|its\s+)?)?(?:production\s+)?capacity\b"
    r"|\b(?:at|in)\s+[\"\u201c]?(?P<frac3>full)\s+(?:tilt|throttle|steam|speed|stretch|swing|blast)\b"
    r"|\bcapacity\s+(?:of|at)\s+(?P<frac2>(?:about\s+|around\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent))",
    _I,
)

# A short phrase set off in quotation marks around a figure word (scare quotes): opened just before it, with no quote
# closed between, and closed right after it.
SCARE_QUOTE_BEFORE = re.compile(r"[\"\u201c][^\"\u201c\u201d]*$")
SCARE_QUOTE_AFTER = re.compile(r"[\w\s-]{0,12}[\"\u201d]")

LAUNCH_CONTEXT_WINDOW = 2

GAP_BREAK = frozenset(
    [
        # a unit makes the amount a measure of the thing, not a count: "500 kilogram missiles"
        "kilogram",
        "kilo",
        "kg",
        "tonne",
        "ton",
        "pound",
        "kiloton",
        # a time: "might one day send soldiers", "two years ago", "three times": no count of the thing
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "night",
        "nights",
        "time",
        "times",
        "to",
        "from",
        "in",
        "into",
        "on",
        "at",
        "for",
        "by",
        "with",
        "and",
        "or",
        "but",
        "was",
        "were",
        "is",
        "are",
        "have",
        "has",
        "had",
        "been",
        "be",
        "being",
        "that",
        "which",
        "who",
        "than",
        "since",
        "as",
        "per",
        "each",
        "an",
        "over",
        "about",
        "around",
        "up",
        "including",
        "such",
        "between",
        "across",
        "through",
        "via",
        "while",
        "after",
        "before",
        "said",
        "says",
        "sent",
        "shipped",
        "delivered",
        "supplied",
        "provided",
        "transferred",
        "exported",
        "fired",
        "used",
        "killed",
        "wounded",
        "captured",
        "if",
        "when",
        "where",
        "because",
        "so",
        "then",
        "this",
        "these",
        "those",
        "it",
        "they",
        "he",
        "she",
        "we",
        "its",
        "their",
        "his",
        "her",
        "our",
        "less",
        "fewer",
    ]
)

READ_TRIGGER = re.compile(
    r"\b(?:help|assist|support|advi[cs]e|technolog|technical|know-how|expertise|more|condemn|denounc|deplor|sanction"
    r"|listed|listings|restrictive|escalation|raise\s+it|deployment|months?|percent|half|third|quarter|satellite|launch"
    r"|weapon|missile|systems|artillery|guns\b|transfers|shipments|deliveries|accura|precision|failure\s+rate|reliab|performance"
    r"|den(?:y|ies|ied|ial)|reject|dismiss|refut|fake|lies\b|baseless|groundless|unfounded|absurd|nonsense"
    r"|admit|admission|acknowledg|confirm|conced|participat|involvement|breach|egregious|accountable|the[- ]clock"
    r"|depend|relian|relie|relying"
    r"|backs\b|backed\b|backing\b|to\s+back\b|aided\b"  # backing or aid as help (cues.TECH_ASSIST, RU_HELP)
    r"|protest|responsibility\s+for|" + _BLAME + r""  # blame (one copy: _BLAME)
    r"|(?:deployed|dispatched)\s+\d"
    # weapons of the sentence before, used: "using them to strike", "their use by the army" (PRONOUN_USED)
    r"|(?:us(?:e|es|ed|ing)|fir(?:e|es|ed|ing))\s+them\s+(?:to|against|at|on)\b|(?<=\btheir\s)(?:combat\s+)?use\s+(?:by|in|against)\b"
    # "Seoul says 13,000 have been deployed": a bare count moved (BARE_COUNT_MOVED_AFTER)
    r"|(?:been|being)\s+(?:sent|deployed|dispatched|shipped|delivered|supplied|transferred|fired|launched|used)\b)",
    _I,
)
# The signs that trigger a reading as well: an amount of money or a share (read_trigger).
READ_TRIGGER_SIGNS = ("$", "%")

# Subheadings and captions are short; a longer line without its full stop is a paragraph cut off.
SUMMARY_LINE_MAX = 160

# A line of a bulleted or numbered list.
LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u00b7\u25aa\u2013\u2014]|\d{1,2}[.)])\s+")
# A double quotation mark, and a straight one that opens (after a space or a bracket, before a word).
_QUOTE_MARK = re.compile(r'[\u201c\u201d"]')
# A paragraph that is one quotation: an opening mark, a closing mark at its end (a full stop may follow).
QUOTATION_PARAGRAPH = re.compile(r'[\u201c"][^\u201c\u201d"]+[\u201d"]\.?')
_STRAIGHT_OPENING = re.compile(r'(?:^|(?<=[\s(\[]))"(?=\S)')


def _quote_marks(text: str) -> list[tuple[int, bool]]:
    """The double quotation marks of ``text``: (offset, whether the mark opens a quotation)."""
    marks = []
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group(0)
        opening = mark == "\u201c" or (mark == '"' and _STRAIGHT_OPENING.match(text, m.start()) is not None)
        marks.append((m.start(), opening))
    return marks


def quotation_marks(text: str) -> tuple[bool, bool]:
    """Whether a quotation opened in ``text`` is still open at its end, and whether ``text`` closes one
    opened before it (a closing mark with no opening mark before it)."""
    depth = 0
    closes_earlier = False
    for _, opening in _quote_marks(text):
        if opening:
            depth += 1
        elif depth:
            depth -= 1
        else:
            closes_earlier = True
    return depth > 0, closes_earlier


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The closed quotations of ``text`` as (start, end) offsets, marks included; a closing mark with no
    opening before it closes a quotation that began before ``text`` (its span starts at 0)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for pos, opening in _quote_marks(text):
        if opening and opened is None:
            opened = pos
        elif not opening:
            spans.append((0 if opened is None else opened, pos + 1))
            opened = None
    return spans


# A question asks; it claims nothing, whatever it names.
QUESTION_END = re.compile(r"\?[\"'\u201d\u2019)]*\s*$")

CONDITIONAL = re.compile(r"^[\"'(]?(?:If|Whether|Unless|Should|Were)\b")

# "help(ed) North Korea with its satellite and missile programmes": help aimed at a domain.
TECH_ASSIST = re.compile(
    r"\b(?:(?:help(?:s|ed|ing)?|assist(?:s|ed|ing|ance)?|support(?:s|ed|ing)?|advice|advis(?:e|ed|ing)|aid(?:s|ed|ing)?"
    # backing as help ("vowed to back Pyongyang's space ambitions", "is backing its satellite plans"); the bare word
    # only after "to" ("came back", "back in 2023" are no help)
    r"|(?<!-)back(?:s|ed|ing)|to\s+back"
    r"|technolog(?:y|ies|ical)|tech|know-how|expertise|technical)\b(?:\s+[\w'-]+){0,7}?"
    # (what a plant is built in the North for may be told at greater length: "... to produce the Russian variant of
    # the Iranian Shahed-136 attack drones")
    r"|" + PLANT_IN_NORTH + r"\b(?:\s+[\w'-]+){0,10}?)"
    r"\s+(?:satellites?|space|spy\s+satellite|missiles?|nuclear(?![- ](?:armed|capable|powered|tipped))|submarines?"
    # (fighter jets themselves are an item: "submarine technology and advanced fighter jets" gives both)
    r"|drones?|(?<!fighter\s)aircraft|fighter(?!\s+(?:jets?|planes?|aircraft)\b)|airframes?|avionics|fleets?"
    r"|air\s+force"
    r"|launch\s+vehicles?|rocket\s+engines?|engines?)\b",
    _I,
)

# A credit closing a line after a dash: "... - White House.", "..., - Reuters", "... — DIU" (extract.credited_line_in_body).
CREDIT_AT_LINE_END = re.compile(
    r"(?:\s*,)?\s+[-\u2013\u2014]{1,2}\s+(?-i:[A-Z])[\w.&'\u2019-]*(?:\s+(?-i:[A-Z])[\w.&'\u2019-]*){0,3}\.?$"
)
# Help given by the people the North sends ("workers ..., where they would support the assembly of drones", "the
# engineers will help build"): Russia is helped, not the North.
HELP_BY_PEOPLE_SENT_BEFORE = re.compile(
    r"\b(?:they|workers|labou?rers|engineers|specialists|builders|experts)\s+(?:(?:would|will|could|can|may|to)\s+)?$",
    _I,
)
# Russia backing the measures against the North ("sanctions ... strengthened over the years - with Russia's support"):
# no help to the North. No comma between, so that "Despite sanctions, the North built missiles with Russia's help"
# keeps its help.
MEASURES_BACKED_BEFORE = re.compile(
    r"\b(?:sanctions?|measures|resolutions?|embargo(?:es)?)\b[^.;:,]{0,80}?\bwith\s+$"
    # ... and the measures as the subject of the passive ("years of UN sanctions supported by Russia", "resolutions
    # that were backed by Moscow")
    r"|\b(?:sanctions?|measures|resolutions?|embargo(?:es)?)\s+(?:(?:that|which)\s+)?(?:(?:were|was|are|is|had\s+been"
    r"|have\s+been|has\s+been)\s+)?(?:(?:long|once|all|also|previously|unanimously)\s+)?$",
    _I,
)

# Help from Russia, unnamed: "Russian assistance", "help from Moscow".
# "... satellite and missile programmes": further domains joined to the first one.
DOMAIN_LIST = re.compile(
    r"(?:\s+(?:weapons?|programmes?|programs?|projects?|capabilit(?:y|ies)|development))?"
    # ("missile and spy satellite programmes": a domain word with its own modifier still joins the list)
    r"(?:\s*(?:,|and|or)\s*(?:its\s+|the\s+|their\s+)?(?:(?:spy|reconnaissance|military|ballistic|nuclear[- ]powered)\s+)?"
    r"(?:satellites?|space|missiles?|nuclear|submarines?|drones?|aircraft|fighter\s+jets?))+",
    _I,
)

# The programmes a list of domains qualifies: "the missile and satellite programmes".
PROGRAMME_AFTER = re.compile(r"\s+(?:programmes?|programs?|projects?|development)\b", _I)

# "know-how for its nuclear submarines": the noun the domain word qualifies.
DOMAIN_HEAD_AFTER = re.compile(r"\s+(?:submarines?|satellites?|missiles?)\b", _I)

LAUNCH_PLACE = re.compile(
    r"\b(?:complex(?:es)?|pads?|sites?|facilit(?:y|ies)|cent(?:er|re)s?|devices?|vehicles?|rockets?)\b", _I
)

# A launch word that tells a strike: the weapons launched, or the target launched against.
WEAPONS_LAUNCHED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(?:against\b|(?:ballistic\s+|cruise\s+)?missiles?\b|drones?\b|strikes?\b|attacks?\b)", _I
)
WEAPONS_LAUNCHED_BEFORE = re.compile(
    r"\b(?:missiles?|drones?|rockets?)\s+(?:that|which)\s+(?:[\w'\u2019-]+\s+){0,3}$"
    # a weapon named as what the launch is of: "early warning of missile launches", "drone launch sites"
    r"|\b(?:missiles?|drones?|ICBMs?|UAVs?)\s*-?\s*$",
    _I,
)

LAUNCH_OUTCOME = re.compile(
    r"\b(?:fail\w*|success\w*|attempt\w*|orbit\w*|explod\w*|postpon\w*|delay\w*|twice|thrice|blew\s+up|lift-?off)\b", _I
)

LAUNCH_TIMES = re.compile(r"\b(?:twice|thrice)\b(?=[^.]{0,40}\b(?:fail\w*|launch\w*|attempt\w*|tried))", _I)

# A launch that put a satellite in orbit ("put its first spy satellite into orbit", "success in the launch").
LAUNCH_DONE = re.compile(
    r"\b(?:put|placed|sent|launched)\s+(?:its\s+|a\s+|the\s+)?(?:first\s+)?(?:[\w-]+\s+){0,3}?satellites?\b[^.;]{0,40}?\binto\s+orbit"
    r"|\bsuccess(?:ful(?:ly)?)?\s+(?:in\s+(?:the\s+|its\s+)?)?(?:[\w-]+\s+){0,3}?(?:launch|launched|orbit)"
    # the satellite as the subject: "the satellite entered orbit", "the spy satellite has reached orbit"
    r"|\bsatellites?\s+(?:has\s+|have\s+|had\s+)?(?:successfully\s+)?(?:entered|reached)\s+(?:(?:a|its|the)\s+)?(?:[\w-]+\s+)?orbit",
    _I,
)
# ... unless it failed, or is only aimed at or planned.
LAUNCH_NOT_DONE = re.compile(
    r"\b(?:fail\w*|unsuccessful\w*|explod\w*|crash\w*|blew\s+up|plan\w*|aim\w*|will|would|could|vow\w*|prepar\w*|attempt\w*)\b",
    _I,
)
# A count of launches that failed, and a launch told as a success: in one sentence, the count is of the tries before it.
# So is one told after "after" whatever the launch's outcome ("launched a rocket in May, after two failed attempts").
TRIES_BEFORE_LAUNCH = re.compile(r"\b(?:after|following)\s+(?:its\s+|the\s+|their\s+)?$", _I)
FAILURE_WORD = re.compile(r"\b(?:failed|failures?|unsuccessful|aborted)\b", _I)
SUCCESS_WORD = re.compile(r"\b(?:succe(?:eded|eds|ssful(?:ly)?|ss)|managed\s+to)\b", _I)
# One launch told as a failure ("its failure to launch a satellite", "the launch attempt in May failed", "after the
# unsuccessful second launch", "the satellite exploded"): a launch of its own, not the completed one an article counts.
# Tries counted before another launch ("after two failed attempts", "two launch failures") are plural and no match.
LAUNCH_FAILED = re.compile(
    r"\bfailure\s+to\s+(?:launch|put|place|orbit)\b"
    r"|\b(?:launch|attempt|rocket|satellite)(?:\s+[\w-]+){0,3}?\s+(?:failed|exploded|crashed|blew\s+up|ended\s+in\s+failure)\b"
    r"(?!\s+(?:tries|attempts|launches|efforts|bids)\b)"  # "its third attempt after two failed tries": the tries before
    r"|\b(?:failed|unsuccessful|aborted)\s+(?:(?:first|second|third|fourth|latest|last|recent|satellite|spy|reconnaissance)\s+){0,3}"
    r"(?:launch|attempt|lift-?off)\b",
    _I,
)
LAUNCH_NOUN_AFTER = re.compile(
    # ("two launch failures", "three launch attempts": the compound's head says what was counted)
    r"\s+(?:more\s+|failed\s+|further\s+|additional\s+)?(?:spy\s+|reconnaissance\s+)?"
    r"(?:launch(?:es)?(?:\s+(?:failures?|attempts?))?|attempts?|satellites?|failures?)\b",
    _I,
)

# A word that names technology: help or support that names none ("Moscow's support", "Russia's help",
# workers' "expertise") and no domain either is no transfer of technology (bench --by-rule: that catch-all
# was right 8 times and wrong 6 on the real development sets; every right one had such a word).
TECHNOLOGY_WORD = re.compile(r"\b(?:technolog\w*|tech|technical|know-how)\b", _I)

RU_HELP = re.compile(
    r"\b(?:Russian|Russia's|Moscow's)\s+(?:technical\s+|technological\s+)?(?:assistance|help|support|advice|expertise|know-how|engineers)"
    r"|\b(?:assistance|help|support|advice|expertise)\s+from\s+(?:Russia|Moscow|the\s+Kremlin|the\s+Russians|Russian\s+engineers)\b"
    # the same in the passive, the programme first: "the satellite plans are backed by Moscow", "aided by the Kremlin"
    r"|\b(?:backed|helped|assisted|aided|supported)\s+by\s+(?:Russia|Moscow|the\s+Kremlin|the\s+Russians|Russian\s+engineers)\b",
)

# A pronoun for the weapons of the sentence before, as the object of a use in the fighting: "Russia received missiles
# from the North. Its army is already using them to strike Kyiv.", "... gave evidence of their use by the Russian
# army". Read only where the sentence names no thing and the one before ended on a thing (mentions_of).
PRONOUN_USED = re.compile(
    r"(?:(?<=\buse\s)|(?<=\buses\s)|(?<=\bused\s)|(?<=\busing\s)|(?<=\bfired\s)|(?<=\bfiring\s)|(?<=\bfire\s))"
    r"them\b(?=\s+(?:to\s+(?:strike|attack|hit|shell|target|bombard|pound)|against|at|on\s+the\s+(?:battlefield|front)))"
    r"|\btheir(?=\s+(?:combat\s+)?use\s+(?:by|in|against)\b)",
    _I,
)
ANAPHORA = re.compile(
    r"\b(?:the|that|this|such)\s+(?:weapon|missile)\b|\b(?:such|these|those|the)\s+(?:weapons\s+)?systems\b"
    # "the artillery", "these guns" after howitzers named: the guns named before (ARTILLERY_ANAPHOR)
    r"|\b(?:the|these|those)\s+(?:artillery|guns|artillery\s+pieces)\b(?!\s+(?:shells?|rounds?|ammunition))"
    r"|\b(?:their|its)\s+(?:accuracy|precision|failure\s+rate|performance|reliability|range)\b",
    _I,
)

# The North as the agent of the fighting, told through a noun ("the DPRK's assistance in defeating the
# enemy", "the North's participation", "thanked Kim for helping Russia oust the invaders"): its soldiers.
_NORTH = (
    # ("The North" at a sentence's head too: two readers of it are case-sensitive)
    r"(?:North\s+Korea|Pyongyang|[Tt]he\s+DPRK|DPRK|[Tt]he\s+North|[Tt]he\s+KPA|KPA|[Tt]he\s+Korean\s+People'?s\s+Army"
    r"|Kim(?:\s+Jong[-\s]?[Uu]n)?|North\s+Korea's\s+Kim\s+Jong[-\s]?[Uu]n|" + lx.NK_EPITHETS + r")"
)
# What lies between the North giving and the thing it gives, or the thing and Russia after it: the same clause, not a
# trade's other side ("in exchange for", "in return"), nor Russia giving in turn ("North Korea supplied Russia with
# shells, and Russia gave it air-defence systems"), where the thing is Russia's help again.
_NOT_TRADE_SIDE = (
    r"(?:(?!\bin\s+(?:exchange|return)\b)"
    r"(?!\b(?:Russia|Moscow|the\s+Kremlin)\s+(?:[\w-]+\s+){0,2}?(?:sen[dt]s?|gave|giv(?:e|es|ing)|suppl\w+|provid\w+"
    r"|deliver\w*|ship\w*|transfer\w*|sold|sell\w*|promis\w*|pledg\w*|offer\w*)\b)"
    r"(?:[^.;:]|(?<=\d)\.(?=\d)))"  # "4.8-inch" does not end the clause
)
# The North as the giver and Russia as the receiver, before the thing given in the same clause ("North Korea may have
# supplied Russia with shells and air-defence missiles", "the North also gave Russia anti-aircraft guns"): weapons
# that usually flow the other way (air defence, tanks) are then shipped to Russia, not help given back.
NORTH_GIVES_RUSSIA_BEFORE = re.compile(
    rf"\b{_NORTH}\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|arm(?:s|ed|ing)|equip(?:s|ped|ping))"
    r"\s+(?:Russia|Moscow|the\s+Russians?|Russian\s+forces)\s+with\b"
    r"|(?:giv(?:e|es|ing)|gave|sell(?:s|ing)?|sold|sen[dt]s?|sending|hand(?:s|ed|ing)?)"
    r"\s+(?:Russia|Moscow|the\s+Russians?|Russian\s+forces)\b"
    # (not words that only name the thing: "sent Russia a list of the air defence systems it wants", "a request for")
    r"(?!\s+(?:[\w-]+\s+){0,2}?(?:requests?|lists?|letters?|messages?|notes?|plans?|proposals?|demands?|wish(?:es)?)\b))"
    rf"{_NOT_TRADE_SIDE}*$"
)
# The same flow told with Russia named after the things ("North Korea has sent air-defence systems to Russia", "the
# DPRK could transfer six million shells, as well as anti-aircraft systems, to Russia"): the North gives in the
# clause before the thing (NORTH_GIVES_BEFORE, read back from it) and the clause goes on to Russia after it
# (TO_RUSSIA_AFTER).
NORTH_GIVES_BEFORE = re.compile(
    rf"\b{_NORTH}\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:sen[dt]s?|sending|ship(?:s|ped|ping)?|transfer(?:s|red|ring)?|deliver(?:s|ed|ing)?|export(?:s|ed|ing)?"
    r"|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|giv(?:e|es|en|ing)|gave)\b"
    rf"{_NOT_TRADE_SIDE}*$"
)
TO_RUSSIA_AFTER = re.compile(
    rf"{_NOT_TRADE_SIDE}{{0,160}}?"
    r"\b(?:to|for)\s+(?:Russia|Moscow|the\s+Russians?|the\s+Russian\s+(?:Federation|army|military|forces)"
    r"|Russian\s+(?:forces|troops|army))\b"
)
# Russia named as the one given, before the thing ("firms that supplied Russia with navigation technology", "Chinese
# companies sold Moscow machine tools", "equipping the Russian military with drone know-how"): in a sentence that names
# no North, the thing goes to Russia from someone else, not from Russia to the North.
RUSSIA_GIVEN_BEFORE = re.compile(
    r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|furnish(?:es|ed|ing)?|equip(?:s|ped|ping)?|arm(?:s|ed|ing)?"
    r"|s(?:ell|ells|elling|old)|g(?:ive|ives|iven|ave|iving)|ship(?:s|ped|ping)?|sen(?:d|ds|t|ding))\s+"
    r"(?:the\s+)?(?:Russia|Moscow|the\s+Kremlin|Russians|Russian\s+(?:forces|troops|army|military|industry|firms|companies"
    r"|arms\s+makers|defen[cs]e\s+(?:industry|firms|companies)))\b"
    r"(?:\s+with)?\s+(?:[\w'\u2019-]+\s+){0,6}?$",
    _I,
)
# A class of things followed by the things it includes ("weapons systems, including the Pantsir", "large quantities of
# military equipment, such as artillery and missiles"): the named things are the claims, the class their heading.
INCLUDING_AFTER = re.compile(r"\s*,?\s*(?:including|such\s+as|notably|among\s+them)\b", _I)
_COMBAT_AIM = (
    r"(?:defeat\w*|liberat\w*|oust\w*|repel\w*|recaptur\w*|retak\w*|fight\w*|battles?|combat|operations?|free(?:d|ing)?"
    r"|expel\w*|driv(?:e|es|ing)|drove|push(?:ed|ing)?|reclaim\w*|the\s+(?:war|offensive|counter-?offensive))"
)
# The help or part the North had in the fighting: "the assistance of the DPRK in defeating the enemy",
# "thanked Kim for helping Russia oust the invaders" (from the noun or the thanks), and "the North's
# participation", "Pyongyang's help in liberating Kursk" (the noun, with the North's possessive before it).
_COMBAT_NOUN = r"(?:participation|involvement|assistance|help|contribution|role|support)"
_AIMED = rf"(?=\s+(?:in|into|for|to)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?{_COMBAT_AIM})"
NORTH_IN_COMBAT = re.compile(
    # "the involvement of another state, North Korea, in the fighting": the North named in an apposition too
    rf"\b{_COMBAT_NOUN}\s+of\s+(?:(?:another|a\s+third|a\s+foreign)\s+(?:state|country|nation|army),\s+)?{_NORTH},?{_AIMED}"
    # "accused the North Korean military of taking part in hostilities": the North's army as the agent
    # (the owner is looked behind, so that the cue is tried at "military" and "army" only, not at every "North")
    r"|(?:(?<=North\sKorean\s)|(?<=DPRK\s)|(?<=North\sKorea's\s)|(?<=Pyongyang's\s))(?:military|army|armed\s+forces)\s+"
    r"(?:of\s+|with\s+|(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?(?:allegedly\s+|reportedly\s+|directly\s+)?"
    r"(?:participat(?:e|es|ed|ing)\s+in|tak(?:e|es|en|ing)\s+part\s+in|took\s+part\s+in|fight(?:s|ing)?\s+in|fought\s+in"
    r"|engag(?:e|es|ed|ing)\s+in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:hostilities|fighting|combat|battles?|war|operations)\b"
    rf"|\bthank(?:s|ed|ing)?\s+{_NORTH}\s+for\s+(?:its\s+|their\s+|his\s+)?help(?:ing)?\s+(?:(?:Russia|Moscow|us)\s+)?(?:to\s+)?"
    rf"{_COMBAT_AIM}",
    _I,
)
COMBAT_NOUN = re.compile(
    rf"\b(?:(?:military\s+)?(?P<part>participation|involvement)\b|(?:military\s+)?{_COMBAT_NOUN}{_AIMED})", _I
)
NORTH_POSSESSIVE_BEFORE = re.compile(rf"\b{_NORTH}(?:'s|\u2019s)\s+$", _I)
# The same owner through a pronoun, the North being the subject that admits, denies or defends the part it names:
# "Pyongyang acknowledged its involvement in the war", "North Korea has denied its participation".
NORTH_OWNS_BY_PRONOUN = re.compile(
    rf"\b{_NORTH}\s+(?:(?:has|have|had|also|now|publicly|officially|openly|first|for\s+the\s+first\s+time|finally)\s+)*"
    r"(?:acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|conced(?:e|es|ed|ing)|confirm(?:s|ed|ing)?|den(?:y|ies|ied|ying)|defend(?:s|ed|ing)?"
    r"|justif(?:y|ies|ied|ying))\s+(?:its|their)\s+(?:own\s+)?(?:military\s+)?$",
    _I,
)
# "its own", "their own": the owner is whoever the pronoun points back to.
PRONOUN_BEFORE_OWN = re.compile(r"\b(?:its|their)\s+$", _I)

# A bare modifier joined to a named thing: "missile and" submarine technology.
# A count with no noun after a verb that sends soldiers: "North Korea deployed 11,000 to Kursk".
TROOP_VERB_BEFORE = re.compile(r"\b(?:deployed|dispatched)\s+$", _I)
BARE_COUNT_END = re.compile(r"\s*(?:$|[.;:\n]|,\s|\s+(?:to|in|into|near|across|more)\b)", _I)
# A bare count as the subject of a passive verb of moving, or said to be there, its noun left to the sentences
# before: "Seoul says 13,000 have been deployed", "around 3 million a year are being shipped to Moscow", "the US
# said only 3,000 were there".
BARE_COUNT_MOVED_AFTER = re.compile(
    r"\s+(?:(?:a|per|each)\s+(?:year|month|week|day)\s+)?"
    r"(?:(?:(?:have|has|had)(?:\s+(?:already|now|also|reportedly))?\s+been|(?:are|were|is|was)(?:\s+being)?)\s+"
    r"(?:(?:already|now|also|reportedly|since)\s+)?(?:sent|deployed|dispatched|shipped|delivered|supplied|transferred"
    # ... or used: "Kyiv says 60 have been fired so far" (the weapons the sentences before moved)
    r"|fired|launched|used)"
    r"|(?:are|were)\s+(?:already\s+)?(?:there|in\s+Russia))\b",
    _I,
)
# What may stand between a verb and the thing that is its object: determiners, amounts said in words, and
# the thing's owner or maker ("operating the North Korean-made", "fielded dozens of Pyongyang's"). No
# preposition, verb or comma: then the verb governs the thing, whatever cue comes later in the sentence.
OBJECT_PREFIX = re.compile(
    # (the longer of two alternatives that start alike first: the first to match is taken)
    r"\s+(?:(?:the\s+North's|the|a|an|its|their|some|several|many|more|own|these|those|new|old|older|modern|additional"
    r"|dozens\s+of|hundreds\s+of|thousands\s+of|North\s+Korea's|North|Korean|Pyongyang's|DPRK|[\w]+-made"
    r"|[\w]+-supplied|[\w]+-built)\s+){0,6}",
    _I,
)
TRANSFER_NOUN_AFTER = re.compile(r"\s+(?:supplies|shipments|deliveries|exports|transfers|sales)\b", _I)
NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
MODIFIER_JOINED = re.compile(r"\b(?P<modifier>[a-z]+)\s+(?:and|or|&)\s+$", _I)

# Output told without its product, run flat out: "production goes on around the clock", "the
# factories run at full tilt" (weapons in general, whose the sentence's sides say).
UNNAMED_OUTPUT = re.compile(
    r"\b(?:production|output|factories|plants|assembly\s+lines|production\s+lines)\b"
    r"(?=[^.;]{0,40}?\b(?:(?:a)?round[- ]the[- ]clock|(?:at|in)\s+full\s+(?:capacity|tilt|throttle|speed|steam|swing|blast)"
    r"|flat\s+out|non-?stop|24/7))",
    _I,
)
UNNAMED_OUTPUT_STEMS = ("clock", "full", "flat out", "nonstop", "non-stop", "24/7")

DEPLOYMENT_WORD = re.compile(r"\b(?:the|this|that|such\s+a|any|a)\s+deployment\b", _I)

ADDITIONAL_AMOUNT_BEFORE = re.compile(
    r"\b(?:another|a\s+further|an\s+additional|an\s+extra|a\s+second|a\s+fresh)\s+$", _I
)
ELLIPTICAL_MORE = re.compile(r"\s+more\b(?!\s+than)(?!\s+[a-z-]{3,}s\b)", _I)
# An earlier batch told beside the one counted, its noun left out: "to send 150 missiles, in addition to the 148
# already supplied", "on top of the 100 it delivered this year", "besides the 2 million sent before": a count of its
# own of the same things, moved by the verb after it ...
EARLIER_BATCH_BEFORE = re.compile(
    r"\b(?:in\s+addition\s+to|on\s+top\s+of|besides|adding\s+to|added\s+to|apart\s+from|beyond|as\s+well\s+as)\s+"
    r"(?:the\s+|some\s+)?(?:(?:about|around|roughly|nearly|almost|over|some|at\s+least|more\s+than)\s+)?$",
    _I,
)
EARLIER_BATCH_MOVED_AFTER = re.compile(
    r"\s+(?:(?:already|previously|earlier|it|they|that|which|has|had|have|was|were|been|reportedly)\s+){0,3}"
    r"(?:sent|supplied|delivered|shipped|provided|transferred|handed\s+over|dispatched|deployed|received)\b",
    _I,
)

# What is yet to come, said before the thing: "North Korea would send 6,000 builders", "plans to send troops".
YET_TO_COME_BEFORE = re.compile(
    r"\b(?:would|will|shall|plans?\s+to|planning\s+to|intends?\s+to|is\s+to|are\s+to|about\s+to|going\s+to)\b", _I
)
PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+", _I)
# "2 out of 5 missiles": a part of a counted whole, read as PARTITIVE is only where what the part is follows
# (NORTH_ORIGIN_PREDICATE), since "one out of three shells" is as often a rate.
OUT_OF_PARTITIVE = re.compile(r"\s+out\s+of\s+(?:the\s+|a\s+total\s+of\s+)?", _I)
# The North told as the origin of a part, in a predicate after the whole ("2 out of 5 missiles fired at Kharkiv are of
# North Korean origin", "three of the 12 missiles launched were North Korean", "of the 20 missiles fired, four were
# North Korean-made"): the part is the North's, the whole counts the other side's fire as well. From the whole's noun
# (or the part) to the predicate, inside its clause.
NORTH_ORIGIN_PREDICATE = re.compile(
    r"[^.;:]{0,80}?\b(?:are|were|was|is|came|come|proved\s+to\s+be|turned\s+out\s+to\s+be)\s+(?:all\s+|also\s+|reportedly\s+)?"
    r"(?:(?:from\s+|of\s+)?(?:(?:the\s+)?North\s+Korean?|DPRK|Pyongyang)"
    r"(?:[- ](?:made|supplied|produced|manufactured|built|designed)|\s+(?:origin|design|make|production|manufacture))?\b"
    r"|(?:made|produced|manufactured|built)\s+(?:in|by)\s+(?:North\s+Korea|Pyongyang|the\s+DPRK)\b)",
    _I,
)
# "Of the 20 missiles fired, ...": a whole named first, its part counted after its comma.
FRONTED_WHOLE_BEFORE = re.compile(r"\bOf\s+(?:the|these|those)\s+$")
# Between a casualty word and the people it describes: modifiers only ("wounded North Korean soldiers").
DESCRIBED_PEOPLE_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,3}")
# A participle's own phrase after the people it describes: "soldiers wounded in battle", "wounded during the assault".
DESCRIBING_PHRASE_AFTER = re.compile(r"\s+(?:in|during|on|near|by|while|(?!being\b)\w+ing)\b", _I)
# Items that name a class of things rather than a thing ("weapons", "military equipment").
CLASS_ITEMS = frozenset({"munitions", "military_equipment"})
# Members of a group already known, named by what befell it: "one of the captured soldiers said ...", "two of
# those wounded men": the capture or the wounds are told elsewhere (or presupposed), and the count is of the members.
MEMBERS_OF_BEFALLEN_BEFORE = re.compile(
    r"\b(?:one|two|three|some|many|several|most|each|all|both|either|neither|none|\d+)\s+of\s+(?:the|these|those)\s+"
    r"(?:(?:two|three|four|five|\d+)\s+)?$",
    _I,
)
# Losses a speaker leaves untold or cannot count: "he did not detail casualties", "it is difficult to determine the
# casualties among them", "declined to give the number of dead": no casualty is told (dev12, dev13 leave them unlabelled).
CASUALTIES_UNTOLD_BEFORE = re.compile(
    r"\b(?:(?:did|does|do|would|could|will)\s*(?:not|n['\u2019]t)|declined\s+to|refused\s+to|unable\s+to|(?:difficult|hard"
    r"|impossible|too\s+early)\s+to)\s+(?:detail|give|provide|disclose|specify|reveal|determine|estimate|assess|count"
    r"|verify|say|know)\s+(?:any\s+|the\s+|their\s+|how\s+many\s+)?(?:(?:exact\s+|precise\s+)?(?:number|scale|extent|toll"
    r"|figures?|details?)\s+(?:of|on)\s+(?:the\s+|their\s+)?)?$",
    _I,
)
# Prisoners and their state: "an interrogation with the two wounded soldiers", "two soldiers, though wounded,
# survived", "a soldier captured in December died from his injuries". Wounds told of people taken prisoner describe
# the prisoners (their capture is the claim); they count no casualties of their own (convention 24g). Not a capture
# the fighters set out to make ("were wounded trying to capture a village"): that is their own fight.
PRISONERS_TOLD = re.compile(
    r"\b(?:(?<!\bto\s)captur(?:ed|es?|ing)|prisoners?|captives?|interrogat\w*|question(?:ed|ing)|detained|surviv(?:e|ed|es|ing)"
    r"|(?-i:POWs?))\b",
    _I,
)
# Wounds and capture joined as a list of fates ("wounded or captured", "wounded, captured"): each a harm told.
FATES_JOINED = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:were\s+|been\s+|being\s+)?", _I)
# A count in words or digits: a group counted on its own.
COUNT_WORD = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|several|many)\b", _I
)
PARTITIVE_DETERMINER = re.compile(r"\s*(?:the|these|those|its|their)\s+", _I)

POST_LINK = re.compile(
    r"(?:\b(?:at|to|of|reach(?:es|ed|ing)?|total(?:s|ed|led|ing|ling)?|number(?:s|ed|ing)?|top(?:s|ped)?|exceed(?:s|ed|ing)?"
    r"|surpass(?:es|ed)?|stood\s+at|stands\s+at|put\s+at|estimated\s+at|amount(?:s|ed|ing)?\s+to)\s*)$",
    _I,
)

# The counted noun told as an estimate, its figure after it ("raised its estimated casualties to 4,000", "put the
# approximate death toll at 600"): the figure is an estimate, as "an estimated 4,000" is.
ESTIMATED_NOUN_BEFORE = re.compile(r"\b(?:estimated|approximate|rough)\s+(?:[\w-]+\s+){0,5}$", _I)
# An amount that carries its own link to the noun before it: "the troops, estimated at 12,000, ...".
LINK_IN_AMOUNT = re.compile(
    rf"(?:estimated|put|numbering|totall?ing|{PASSING_VERBS})\s+(?:at\s+)?",
    re.I,
)
# A verb of passing a figure that the amount itself opens ("may exceed 10,000" is read as "exceed 10,000", at least):
# it links the amount to the noun before it as it would standing in the gap (POST_LINK).
PASSING_IN_AMOUNT = re.compile(rf"(?:{PASSING_VERBS})\s+", re.I)
# "the number of shells ... could be 3 million", "the number of soldiers in Russia is now about 12,000": the count of a
# thing (NUMBER_OF_BEFORE, below), and the verb that gives it, an adverb of time or a hedge between.
COPULA_END = re.compile(
    r"\b(?:is|are|was|were|be|been|stands|stood|remains|remained|reached|reaches|rose\s+to|grew\s+to|climbed\s+to)\s+"
    r"(?:(?:now|currently|still|already|reportedly|probably|likely|believed\s+to\s+be|thought\s+to\s+be)\s+)?$",
    _I,
)
# "the number", "the figure", "the total": a count of what the last claim counted.
FIGURE_WORDS = ("number", "figure", "total", "tally", "count", "estimate")
# Read a sentence with none of READ_TRIGGER's words only for these, and only after a counted claim.
FIGURE_TRIGGER = lx.StemGuarded(
    re.compile(
        r"\b(?:number|figure|total|tally|count|estimate)\b"
        # "another 2,000 arrived", "a further 1,500": a bare count of the group counted before
        r"|\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?"
        r"(?:\d|several\b|a\s+few\b|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)",
        re.I,
    )
)
ARTILLERY_ANAPHOR = re.compile(r"\b(?:artillery|guns)\b", _I)
# "a similar figure", "the same number": the last count, restated.
SIMILAR_FIGURE = re.compile(
    r"\b(?:a|the)\s+(?:similar|same|comparable|matching)\s+(?:figure|number|estimate|count|tally)\b", re.I
)
# "a Western official confirmed similar estimates", "Warsaw corroborated the count": the last count, confirmed by
# another voice that gives no figure of its own, so its claim has none (convention 17j). The noun is one of
# FIGURE_WORDS, which gate the look-up.
CONFIRMED_COUNT = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|corroborat(?:es?|ed|ing)|backed\s+up|echoed)\s+"
    r"(?:(?:the|that|this|these|those|its|their)\s+)?(?:(?:similar|same|comparable|earlier)\s+)?"
    r"(?:estimates?|figures?|numbers?|counts?|tally|tallies|totals?)\b",
    re.I,
)
# "has not confirmed the figure", "declined to corroborate the count": no confirmation at all.
CONFIRMATION_WITHHELD_BEFORE = re.compile(
    r"\b(?:not|n't|never|no|neither|declin\w*|refus\w*|unable|fail\w*)\b(?:\s+[\w'-]+){0,4}\s*$", re.I
)
# Between a figure word and its amount: "the figure was around 11,000", "the total is now 14,000".
FIGURE_COPULA = re.compile(
    r"\s+(?:(?:is|was|are|were|has|had|have|been|now|stands|stood|already|probably|likely)\s+)+(?:(?:at|to)\s+)?", _I
)
FIGURE_ANAPHOR = re.compile(
    r"\b(?:the|that|this|its|their)\s+(?:overall\s+|total\s+)?(?:number|figure|total|tally|count)\b", re.I
)
TOTAL_WORD = re.compile(r"\b(?:total|number|figure|tally|count|overall)\b", _I)

FRACTION_OF = re.compile(
    r"(?:(?P<pre>about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|only)\s+)?"
    r"(?P<frac>\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters)"
    r"\s+of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?",
    _I,
)

COMPONENTS_BEFORE = re.compile(
    r"(?:a\s+mix(?:ture)?\s+of|including|such\s+as|consisting\s+of|comprising|made\s+up\s+of|among\s+them|mainly|mostly)"
    r"\s+(?:[\w-]+\s+){0,4}?(?:(?:and|or)\s+(?:[\w-]+\s+){0,3})?$",
    _I,
)

# Russia or Ukraine (or their forces) as the subject that acts on a thing later in its clause: "Russia is firing
# 5,000 rounds a day", "Moscow has massed 40,000 soldiers", "Ukrainian gunners fire shells at the same rate". In a
# sentence that names no North Korean party, that thing is the army's own, not something the North sent. Not when a
# verb of receiving, buying or needing stands between ("Russia has received more shells"): then it came from
# elsewhere, perhaps the North; nor after a verb of saying. Read on the stretch that ends where the thing begins.
ARMY_ACTS_BEFORE = re.compile(
    # (a place or a receiver, "the personnel sent to Russia included 400 officers", is no army acting)
    r"(?<!\bto\s)(?<!\bin\s)(?<!\binto\s)(?<!\bfrom\s)\b(?:Russia|Moscow|the\s+Kremlin|Ukraine|Kyiv|Ukrainians|(?:Russian|Ukrainian)\s+(?:forces|troops|army|military"
    r"|gunners|units|commanders))\b"
    r"(?![\w\s,'-]*\b(?:receiv\w*|obtain\w*|acquir\w*|import\w*|bought|buy\w*|purchas\w*|procur\w*|got|gets?|getting"
    r"|rel(?:y|ies|ied|ying)|depend\w*|need\w*|asked|asks?|asking|seek\w*|sought|request\w*|turn\w*\s+to"
    r"|take[sn]?\s+delivery|took\s+delivery"
    # "Kyiv says it has sent ...": a speaker, whose clause tells someone else's act
    r"|say\w*|said|claim\w*|report\w*|believ\w*|estimat\w*|assess\w*|accus\w*|told|tells?|warn\w*|think\w*|thought"
    # "Ukrainian forces captured two soldiers", "Russia has lost 600 soldiers": the enemy's things or people harmed,
    # or an army's own losses, are read by the casualty and use rules
    r"|destroy\w*|captur\w*|seiz\w*|intercept\w*|down(?:ed|ing)|shot|shoot\w*|hit|struck|strik\w*|kill\w*|wound\w*"
    r"|los[te]|loses|losing|eliminat\w*|took|tak(?:e|es|en|ing)\s+(?:prisoner|captive))\b)"
    r"[\w\s,'-]{0,70}$",
    _I,
)
# The thing's user or destination is Russia's own industry or forces ("chips used by the Russian defence
# industry", "machine tools for Russian arms makers"): technology that goes to Russia, not to the North.
RUSSIAN_USER_AFTER = re.compile(
    r"[^.;]{0,120}?\b(?:(?:used|needed|sought|bought|acquired)\s+by|for)\s+(?:the\s+)?Russian\s+"
    r"(?:defen[cs]e|military|arms|war|army|industry|industrial|weapons?)",
    _I,
)

# Counts of something else than the claim's thing.
# "The missile was one of the weapons used", "were among the arms fired": the class a named thing belongs to, not
# a thing of its own (and "one" counts the named thing, not the weapons).
ONE_OF_A_CLASS_BEFORE = re.compile(
    r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+\s+)?(?:(?:one|some|two|three|several|each)\s+of|among)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
# A count before a thing that names the loads it came in ("ten arms shipments", "40 ammunition deliveries"): the
# shipments are counted, not the things (containers are the unit counted: "10,000 container shipments" keeps it).
LOADS_COUNTED_AFTER = re.compile(
    r"\s+(?:shipments|deliveries|consignments|cargoes|trainloads|shiploads|transfers)\b", _I
)
# "the faces of 100 soldiers", "portraits of 300 fallen troops": a count of pictures or names shown.
IMAGES_OF_BEFORE = lx.StemGuarded(
    re.compile(
        r"\b(?:faces|portraits|photos|photographs|pictures|images|names)\s+of\s+(?:some\s+|about\s+|around\s+|nearly\s+)?$",
        _I,
    )
)
# One count given to each of the things just listed: "howitzers and rocket launchers, 50 of each", "provided 120 pieces
# of each of these systems", "about 60 systems of each type".
OF_EACH_AFTER = re.compile(
    r"\s+(?:(?:pieces|items|systems|vehicles|launchers|guns)\s+)?of\s+each\b(?!\s+(?:month|year|week|day)\b)", _I
)
# People counted by a fate that is no casualty word ("at least three soldiers went missing", "two are unaccounted for",
# "a dozen deserted"): those people counted, not the soldiers sent. (Not the verb "miss" with its object: "11,000
# soldiers missing their families".)
FATE_COUNTED_AFTER = re.compile(
    r"\s+(?:(?:have|has|had|are|were|was|is|been|reportedly|also|later|since|now)\s+)*"
    r"(?:(?:went|gone|go(?:es)?)\s+missing|missing(?!\s+(?:their|his|her|its|the|a|an|home|out)\b)|unaccounted\s+for"
    r"|disappeared|deserted|defected)\b",
    _I,
)
# What someone holds, counted: "its current inventory, which included 185 jets", "a fleet of 40 aircraft".
HELD_STOCK_BEFORE = re.compile(
    r"\b(?:inventory|inventories|stockpiles?|arsenals?|fleets?)\b[^.;:]{0,40}?"
    r"\b(?:included|includes|including|numbered|numbering|comprised|comprises|totall?ed|totals|of)\s+"
    r"(?:some\s+|about\s+|around\s+|nearly\s+|roughly\s+)?(?:[\d,.]+\s+)?$",
    _I,
)
# People counted at a border, of every kind: "13,000 North Koreans entered Russia last year, border data show".
# Nationals told by entry statistics are not soldiers (workers only where the text says so).
ENTRY_STATISTICS = re.compile(
    r"\b(?:entered\s+Russia|entries\s+(?:in)?to\s+Russia|border\s+(?:service|guard|statistics|data|crossings?)"
    r"|statistics\s+service|visas?)\b",
    _I,
)
CIVIL_PEOPLE = re.compile(r"(?:North\s+Koreans|(?:North\s+Korean\s+)?(?:citizens|nationals|people|visitors))$", _I)

# Things told as a possibility that people talk about, not as a fact: "the leaders discussed potential Russian
# support for the satellite programme", "talks on possible arms deliveries". Read back from the thing. (A party
# that "does not rule out" cooperation is a hedged claim: the written set labels it so.)
TALKED_POSSIBILITY_BEFORE = re.compile(
    r"\b(?:discuss\w*|talk(?:s|ed|ing)?\s+(?:about|of|on|over)|explor\w*|consider\w*|negotiat\w*|mull\w*|weigh\w*)\b"
    r"[^.;:]{0,120}?\b(?:potential|possible|prospective)\s+(?:[\w'-]+\s+){0,4}$",
    _I,
)
# A worry about what someone has hinted or proposed: "concern over the minister's suggestion that cooperation with
# the North will deepen". The things in the suggestion are not reported as done.
WORRY_ABOUT_PROPOSAL_BEFORE = re.compile(
    r"\b(?:concerns?|worr(?:y|ies|ied)|fears?|alarm|anxiety)\s+(?:over|about|at|regarding)\s+[^.;:]{0,80}?"
    # (not "the possibility of" or "the prospect of" a transfer: a concern about a possible transfer is that transfer,
    # hedged, convention 17e)
    r"\b(?:suggestion|proposal|offer|hint|remarks?|plans?|idea)\b[^.;:]{0,160}$",
    _I,
)
# A transfer as the subject of a conditional "would": "the transfer of the jets would greatly upgrade the North's
# air force" tells what a transfer would do, not that one took place. Read from the thing on: only the rest of its
# noun phrase (no verb, relative word or comma) stands between the thing and "would".
WOULD_AFTER_TRANSFER_OF = re.compile(
    r"\btransfers?\s+of\s+(?:[\w'-]+\s+){0,3}$",
    _I,
)
SUBJECT_OF_WOULD_AFTER = re.compile(
    r"(?:\s+(?!that\b|which\b|who\b|were\b|was\b|are\b|is\b|has\b|have\b|had\b)[\w'-]+){0,4}?\s+would\b",
    _I,
)

# Where a thing came from, told right after it ("shells sourced from North Korea", "missiles supplied
# by Pyongyang"): with a verb of use governing the thing, the origin describes what was used.
# "Russia had deployed four North Korean missiles": the user fielding the weapons it was sent, a use, not
# a shipment (the deployer is Russia, so nothing moved from the North in this clause).
USER_DEPLOYED_BEFORE = re.compile(
    # the side that fights named by its people as well as its state ("the Russians had deployed at least 24 North
    # Korean missiles"); "the occupiers" is how Ukrainian outlets name Russia's forces
    r"\b(?:Russia|Moscow|Russians|Russian\s+(?:forces|troops|military|army|occupiers)|the\s+Russian\s+(?:military|army)"
    r"|the\s+occupiers)\s+"
    r"(?:(?:has|have|had)\s+)?(?:(?:also|already|now)\s+)?deploy(?:ed|s|ing)\s+(?:[\w-]+\s+){0,5}$",
    _I,
)
ORIGIN_AFTER = re.compile(
    r"\s*,?\s+(?:(?:that\s+(?:were|was|had\s+been)\s+)?(?:sourced|obtained|supplied|acquired|bought|imported|received"
    r"|shipped|sent|provided|delivered|procured)\s+)?(?:from|by)\s+(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK|DPRK)\b",
    _I,
)

PRONOUN_OWNER_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}$", _I)

POSSESSIVE_BEFORE = re.compile(r"\b(?:their|its|his|her|our|own)\s+(?:[\w-]+\s+)?$", _I)

# Between a thing and a reverse flow told right after it: the thing's own destination or the end of its clause
# ("shells to Russia; Russia sent oil back"), so the flow that follows is another clause's, not the thing's.
DESTINATION_GAP = re.compile(r"\b(?:to|into)\b|;", _I)
# A trade's other side, or the next clause, after the things Russia gives: "gave Pyongyang oil in exchange for shells"
# (the shells flow the other way); "as well as" only joins a list.
TRADE_OTHER_SIDE = re.compile(
    r"(?<!\bwell)\s(?:in\s+(?:exchange|return)|for|as(?!\s+well\b)|after|while|and\s+(?:North|Pyongyang))\b", _I
)
# Russia the giver and the North the receiver, the stretch holding the things given.
RUSSIA_GIVES_NORTH = re.compile(
    r"\bfrom\s+Russia\s+to\s+(?:North\s+Korea|the\s+North|Pyongyang)\b"
    r"|\b(?:received|receiving|receives|got|gets|imported|importing)\b[\w\s,'-]{0,50}\bfrom\s+(?:Russia|Moscow)\b"
    r"|\b(?:Russia|Moscow|Kremlin)\b[\w\s,'-]{0,30}\b(?:sent|shipped|delivered|supplied|exported|transferred|provided|given|gave"
    # (the gerund too: "the Kremlin denied giving drones to Pyongyang")
    r"|handed|sending|shipping|delivering|supplying|exporting|transferring|providing|giving|handing)\b"
    r"[\w\s,'-]{0,40}\bto\s+(?:North\s+Korea|the\s+North|Pyongyang)\b"
    # "Russia provided missiles to reinforce the air defences for Pyongyang", "Russia is providing help in the North's
    # missile programme": the North as what the things are for (not "in exchange for", "in return for": the North's
    # side of a trade)
    r"|\b(?:Russia|Moscow)\b[\w\s,'-]{0,30}\b(?:sen(?:t|ds?|ding)|ship(?:s|ped|ping)|deliver(?:s|ed|ing)"
    r"|suppl(?:ies|ied|ying)|transfer(?:s|red|ring)|provid(?:es|ed|ing)|g(?:ave|ives|iving)|hand(?:s|ed|ing))\b"
    r"[\w\s,'-]{0,80}(?<!exchange\s)(?<!return\s)\b(?:for|in)\s+(?:North\s+Korea\b(?!n)|the\s+North\b(?!\s+Korean)|Pyongyang\b)"
    r"(?:(?:'s|\u2019s)(?:\s+[\w-]+){1,3})?"  # "help in North Korea's missile programme": the thing helped too
    # "Russia has given North Korea drones", "Moscow handed Pyongyang air defence systems": the North as the first
    # object of a verb of giving, and the things after it, up to a trade's other side ("in exchange for shells")
    r"|\b(?:Russia|Moscow)\b[\w\s,'-]{0,30}\b(?:sent|sends|given|gave|gives|handed|hands|sold|sells)\s+"
    r"(?:North\s+Korea\b(?!n)|the\s+North\b(?!\s+Korean)|Pyongyang\b)(?!['\u2019]s)"
    r"(?:(?!" + TRADE_OTHER_SIDE.pattern + r")[\w\s,'-]){1,60}"
    # "he is likely to be provided with missiles from Russia": the receiver as the subject of a passive verb
    r"|\b(?:provided|supplied|equipped|given|furnished)\s+with\b[\w\s,'-]{0,80}?\bfrom\s+(?:Russia|Moscow)\b"
    # The passive with Russia as the agent, in either of its orders: "drones were given to Pyongyang by Moscow" (the
    # things just before the verb) and "North Korea was given drones by Russia" (the North the subject, the things
    # between), read as the active forms are; "shells were given to Russia by the North" names no Russian giver.
    r"|\b(?:sent|shipped|delivered|supplied|exported|transferred|provided|given|handed|sold)\s+to\s+"
    r"(?:North\s+Korea\b(?!n)|the\s+North\b(?!\s+Korean)|Pyongyang\b)[\w\s,'-]{0,30}?\bby\s+(?:Russia|Moscow|the\s+Kremlin)\b"
    r"|\b(?:North\s+Korea\b(?!n)|the\s+North\b(?!\s+Korean)|Pyongyang\b)(?!['\u2019]s)"
    r"\s+(?:(?:was|were|is|are|has|have|had|been|being|be|will|reportedly|allegedly|also|already)\s+){1,3}"
    r"(?:given|handed|sent|sold|supplied|provided|delivered)\s+"
    r"(?:(?!" + TRADE_OTHER_SIDE.pattern + r")[\w\s,'-]){1,60}?\bby\s+(?:Russia|Moscow|the\s+Kremlin)\b",
    _I,
)
# Russia opening such a stretch as the giver, and its verbs of giving.
RUSSIA_FIRST = re.compile(r"(?:Russia|Moscow|Kremlin)\b", _I)
GIVING = re.compile(
    r"\b(?:sen(?:t|ds?|ding)|ship(?:s|ped|ping)|deliver(?:s|ed|ing)|suppl(?:y|ies|ied|ying)|export(?:s|ed|ing)?"
    r"|transfer(?:s|red|ring)|provid(?:e|es|ed|ing)|g(?:ave|ives?|iven|iving)|hand(?:s|ed|ing)|sold|sells?"
    r"|equipp?(?:s|ed|ing)?|arm(?:s|ed|ing))\b",
    _I,
)
# Any flow from Russia to the North: Russia's giving, "the other way", and Russian ships bringing cargo into the
# North's ports ("Russian freighters offloading containers in the North"), which may be carrying either way's goods.
REVERSE_FLOW = re.compile(
    RUSSIA_GIVES_NORTH.pattern + r"|\bthe\s+other\s+way\b"
    r"|\bRussian\s+(?:[\w\"'-]+\s+){0,3}(?:ships?|vessels?|freighters?)\b[^.;]{0,80}?"
    r"\b(?:delivered|delivering|brought|unload(?:ed|ing)|offload(?:ed|ing))\b[\w\s,'-]{0,40}?"
    r"\b(?:to|in|at)\s+(?:North\s+Korean?\s+ports?|North\s+Korea|the\s+North|Pyongyang)\b",
    _I,
)
# Russia as the giver and the North as the receiver before the things given: "Russia is believed to have
# provided North Korea with weapons systems, including ...", "Moscow equipped Pyongyang with ...".
RUSSIA_SUPPLIES_NORTH_WITH = re.compile(
    r"\b(?:Russia|Moscow|Kremlin)\b[\w\s,'-]{0,40}?\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|equipp?(?:s|ed|ing)?"
    # (up to the trade word: "supplied North Korea with flour in exchange for artillery shells" gives the flour; the
    # shells are the North's side of the trade, 21k)
    r"|arm(?:s|ed|ing))\s+(?:North\s+Korea|the\s+North|Pyongyang)\s+with\b"
    r"(?:(?!\bin\s+(?:exchange|return)\b|\bas\s+payment\b)[\w\s,'-]){0,80}",
    _I,
)
# Things of war Russia gives the North are its transfer (docs/claims-conventions.md, 17f): those the contract counts
# among what Russia gives (weapons systems, tanks) by their own name, missiles as missile help (the contract lists
# missiles among what Russia gives back), and the rest of what it lists only as the North's (shells, drones,
# launchers, guns) as `military_technology`, the item the corpus keeps for help off the contract's list.
GIVEN_BY_RUSSIA = frozenset({"military_equipment", "tanks"})
MISSILES_GIVEN_BY_RUSSIA = frozenset({"ballistic_missiles", "cruise_missiles", "anti_tank_missiles"})
# The North as the subject of a clause of giving to Russia and, conjoined to it, of a clause of receiving in return:
# "North Korea has supplied Russia with shells and, in return, received help with drones and rocket engines". The
# second clause shares the first one's subject, so what it names (group "got") is what Russia gives the North.
NORTH_RECEIVES_IN_RETURN = re.compile(
    r"\b(?:North\s+Korea\b(?!n)|Pyongyang\b|the\s+North\b(?!\s+Korean))(?!['\u2019]s)[^.;]{0,200}?"
    r"(?:,\s*|\s+)and\s*,?\s+in\s+(?:return|exchange),?\s+(?:(?:has|have|had)\s+)?"
    r"(?P<got>(?:received|receives|got|gets|obtained|obtains|acquired|acquires)\b[\w\s,'-]{0,120})",
    _I,
)
# "Pyongyang could obtain missile know-how": the North on the receiving end. Found from the verb
# (rare) and checked back for the North (common), so that the cue is not tried at every "North".
NORTH_RECEIVES = re.compile(r"\b(?:receive[sd]?|receiving|obtain(?:s|ed|ing)?|acquir(?:e|es|ed|ing))\b", _I)
# The North as the subject of a finite verb of sending ("North Korea has sent Russia large quantities of shells", "the
# North provided shells", "Pyongyang has been shipping rockets"): a transfer told as an act of its own, not a word that
# sums up a count (drafts.fold). Not a participle after "with" ("with North Korea already providing Russia ..."), and
# "been" only before the -ing of a verb going on: "North Korea has been supplied with oil" is the North receiving.
NORTH_SENDS = re.compile(
    r"(?<!\bwith\s)\b(?:North\s+Korea|Pyongyang|the\s+North)\s+(?:(?:has|have|had)\s+)?"
    r"(?:(?:been(?=\s+(?:(?:also|already)\s+)?[a-z]+ing\b)|also|already|long|continued\s+to"
    r"|continues\s+to|kept|keeps)\s+)*(?:sent|sends|sending|shipped|ships|shipping|supplied|supplies|supplying|provided"
    r"|provides|providing|delivered|delivers|delivering|transferred|transfers|transferring|exported|exports|exporting)\b",
    _I,
)
NORTH_BEFORE_VERB = re.compile(r"\b(?:North\s+Korea|Pyongyang|the\s+North)\s+(?:[\w'-]+\s+){0,3}$", _I)
RECEIVED_TAIL = re.compile(r"[\w\s,'-]{0,60}")

# What containers hold, up to the thing: an amount ("more than three million") and an alternative
# ("two million 152mm shells or 400,000 122mm rounds") may stand between.
# The contents joined to the containers by "with" right after them ("sent containers with up to six million shells"),
# up to the thing: not "along with", which adds a second thing.
CONTAINERS_WITH = re.compile(r"\s+with\s+(?:[\w.,-]+\s+){0,5}")
CONTENTS_VERB_BEFORE = re.compile(
    r"\b(?:hold|holds|held|holding|contain|contains|contained|containing|carry|carries|carried|carrying"
    r"|translat(?:e|es|ed|ing)\s+(?:in)?to"
    r"|(?:filled|loaded|packed|stuffed)\s+with)\s+(?:[\w.,-]+\s+){0,7}(?:(?:or|and)\s+(?:[\w.,-]+\s+){0,4})?$",
    _I,
)

# A use told as what kind of thing it is ("shells used in the war", "shells like those fired at Kyiv"):
# a participle right after the thing, no auxiliary before it.
USE_DESCRIBES_AFTER = re.compile(
    r"\s+(?:(?:similar\s+to|like|of\s+the\s+(?:kind|type))\s+(?:those|the\s+ones)\s+)?(?:used|fired|launched)\b"
    # or a relative clause of the user's: "shells, which the Russian army fires at Ukraine"
    r"|,?\s+(?:which|that)\s+(?:[\w'-]+\s+){0,3}?(?:uses?|fires?|launch(?:es)?|(?:has|have)\s+(?:used|fired|launched))\b",
    _I,
)
CARGO = re.compile(r"\b(?:cargo|crates|wagons|railcars|freight|consignments?|shipments?|trainloads?|shiploads?)\b", _I)

# An indirect question names a thing without claiming anything about it.
QUESTION_BEFORE = lx.StemGuarded(
    re.compile(
        r"\b(?:how\s+many|how\s+much|whether|if\s+any)\s+(?:(?:any|the|more|of\s+the)\s+)?(?:[\w-]+\s+){0,2}$", _I
    )
)

OF_WHICH = re.compile(r",?\s*\b(?:of\s+which|of\s+them|of\s+these|of\s+those)\s+", _I)
# The count before it: "100 missiles ..., 40 of which have been fired", "sent 60 shells, some 20 of them duds".
COUNT_OF_WHICH = re.compile(r"\s+of\s+(?:which|them|these|those)\b", _I)

FRACTION_OF_WHICH = re.compile(
    r"(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over|at\s+least|up\s+to|only)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|three[- ]quarters|most)",
    _I,
)

# Set off by commas, brackets or dashes alike: "shells (about 5,000 of them)", "shells — 5,000 in all —".
# (the work text has every dash as "-"; a spaced one is a dash, an unspaced one a hyphen)
APPOSITIVE_BEFORE = re.compile(r"\s*[,(]\s*|\s+-\s+")

APPOSITIVE_AFTER = re.compile(r"\s+of\s+them\b|\s+in\s+(?:all|total)(?:\s*[,)]|\s+-\s)", _I)
# The same count set off between dashes or in brackets with nothing but a rate after it, the clause's verb right after
# the close: "the shells used by Russia - about three million a year - are being supplied by the North", "North Korean
# troops (some 11,000) were sent". The noun may carry a short participle phrase before the dash ("used by Russia").
APPOSITIVE_PHRASE_BEFORE = re.compile(
    r"(?:\s+(?:[a-z]+ed|sent|made|built|shot|fought|seen|bought|sold|given|taken)\s+(?:by|to|from|in|for|at)\s+"
    r"(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)?(?:\s+-\s+|\s*\(\s*)"
)
APPOSITIVE_CLOSE_VERB = re.compile(
    r"(?:\s+(?:a|per|each|every)\s+(?:year|month|week|day))?(?:\s+-\s+|\s*\)\s*)"
    r"(?:are|were|is|was|have|has|had|will|would|could|may|might)\b",
    _I,
)

CASUALTY_VERB_GAP = re.compile(
    r"\s+(?:of\s+(?:them|those|these|whom)\s+)?(?:(?:have|has|had|are|were|was|is|being)\s+)?(?:(?:been|now|since|reportedly|already|so\s+far|probably|likely)\s+)*"
    # the casualty word quoted from the source: 'as many as 30 have been "killed or wounded"'
    r"[\"']?",
    _I,
)

# The two parties together as one subject: "both governments", "the two countries", "both sides".
BOTH_PARTIES = re.compile(
    r"\b(?:both|the\s+two)\s+(?:governments|countries|sides|capitals|nations|regimes|allies|leaders|parties)\b"
    r"|\b(?:both|the\s+two)\s+(?:(?:have|had|has)\s+)?(?:denied|dismissed|rejected)\b"
    # "the governments in Moscow and Pyongyang": the two named as one subject after a plural noun
    r"|\b(?:governments|authorities|leaders|capitals)\s+(?:in|of)\s+(?:Moscow|Russia|Pyongyang|North\s+Korea)\s+and\s+"
    r"(?:Moscow|Russia|Pyongyang|North\s+Korea)\b",
    _I,
)

GENERIC_TRANSFERS = re.compile(
    r"\b(?:the|these|such|those|its|their)\s+(?:arms\s+)?(?:transfers|shipments|deliveries|supplies|arms\s+trade|arms\s+deals?)\b"
    # the sanctions the transfers break: "its UN sanctions violations", "the violations"
    r"|\b(?:the|these|such|those|its|their)\s+(?:(?:UN|U\.N\.)\s+)?(?:sanctions\s+)?(?:violations|breaches)\b",
    _I,
)

# A condemned class of weapons and the examples it names: "arms transfers ..., including ballistic missiles"
# (the class, then the examples) and "missiles, shells and other military materiel" (the examples, then
# the class). The condemnation is of weapons in general; the examples are shipments the statement reports.
CLASS_THEN_EXAMPLES = re.compile(r"[^.;:]{0,80}?,?\s+(?:including|such\s+as|notably)\s+(?:the\s+)?$", _I)
EXAMPLES_THEN_CLASS = re.compile(r",?\s+(?:and|or)\s+other\s+(?:\w+\s+){0,2}$", _I)

# A condemnation that names no thing condemns the transfer before it when it is an act of condemning
# ("Tokyo condemned Pyongyang's decision", "imposed sanctions on ...") or points back to one ("called
# the move an escalation", "we will raise it at the Security Council"); a sentence that mentions a
# sanctions regime or a monitoring body in passing condemns nothing.
CONDEMNING_ACT = re.compile(
    r"\b(?:condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|deplor(?:e|es|ed|ing)|censur(?:e|es|ed|ing)|slamm?(?:ed|s)?"
    r"|criticiz\w*|criticis\w*|decr(?:y|ied|ies)|"
    + _BLAME
    + r")\b|\bimpos\w+\s+(?:new\s+|fresh\s+|additional\s+|further\s+)?sanctions\b",
    _I,
)
REFERS_TO_TRANSFER = re.compile(
    r"\bit\b|\bthis\s+(?:is|was|would|will|marks?)\b|\b(?:the|this|that|these|those|such)\s+(?:[\w-]+\s+)?(?:moves?|decisions?|steps?|actions?"
    r"|deployments?|dispatch(?:es)?|transfers?|shipments?|deliver(?:y|ies)|suppl(?:y|ies)|deals?|support|assistance)\b",
    _I,
)
# What a condemning act condemns when it is the two sides' relations in general ("condemned the deepening military
# cooperation between Moscow and Pyongyang", "denounced their growing ties"): no transfer is named, so it is no
# condemnation of one (the corpus README), even after a sentence that told of a transfer.
CONDEMNED_TIES = re.compile(
    r"\s+(?:in\s+the\s+strongest\s+(?:possible\s+)?terms\s+)?(?:[\w'\u2019-]+\s+){0,6}?"
    r"(?:cooperation|ties|alliance|partnership|relations|relationship|collaboration|rapprochement|alignment)\b",
    _I,
)

# Aircraft named bare, by no technology, part or model: after the jets an article named, the jets again.
BARE_AIRCRAFT = re.compile(r"(?:aircraft|(?:air)?planes)", _I)
# Technology named as the two sides' dealings as a whole ("military-technical cooperation", "technical ties"): denied,
# it is the blanket denial of arms, as "military cooperation" is; every real label quoting it says so (23h).
DEALINGS_AS_A_WHOLE = re.compile(r"\b(?:cooperation|collaboration|ties)\b", _I)

ACCUSE = re.compile(r"\b(?:accus\w*|claim(?:s|ed)?|alleg\w*|say|says|said|charge[sd]?)\b", _I)

ARTILLERY_TYPES = frozenset({"self_propelled_guns", "multiple_rocket_launchers", "artillery_systems"})

# A count of "forces" in the hundreds or more counts soldiers ("1,500 special forces"), not units.
SOLDIER_COUNT_FORCES = re.compile(r"forces$", _I)
SOLDIER_COUNT_MIN = 100
UNIT_WORDS = re.compile(r"(?:units|forces|force|brigades?|battalions?|contingents?|corps|divisions?)$", _I)

# People named as the object of harm ("injuring soldiers", "killing its own crews") are victims, not
# a group sent or fighting.
HARMED_BEFORE = re.compile(
    r"\b(?:injur(?:ing|es)|kill(?:ing|s)|wound(?:ing|s)|hurt(?:ing|s)?|harm(?:ing|s)|maim(?:ing|s))\s+(?:[\w-]+\s+){0,2}$",
    _I,
)

# One of the North's soldiers after a casualty word: "a captured North Korean soldier".
NK_SOLDIER_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:North\s+Korean|DPRK|KPA|N\.\s?Korean)\s+(?:soldier|serviceman|fighter|infantryman|trooper)s?\b",
    _I,
)

# People named by a generic word, and the work their purpose clause gives them.
GENERIC_PEOPLE = ("personnel", "people", "men", "citizens", "nationals")  # the word's ending, lowercase
PURPOSE_ROLE = re.compile(
    r"\s+(?:(?:[\w-]+\s+){0,3}?(?:to|for|who\s+will|that\s+will)\s+)(?:(?:undertake|carry\s+out|do|perform|conduct|help\s+with"
    r"|help\s+in|assist\s+(?:with|in)|take\s+part\s+in|work\s+on|work\s+in|engage\s+in|join)\s+)?(?:the\s+|in\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:(?:re)?construction|rebuild(?:ing)?|restor(?:e|ation)|reconstruct|(?P<demining>demin(?:e|ing)|de-mining"
    r"|mine[- ]clearing|clear(?:ing)?\s+(?:land\s+)?mines))\b(?!\s+(?:sites?|projects?|companies|firms|industry))",
    _I,
)

HARMED_STEMS = ("injur", "kill", "wound", "hurt", "harm", "maim")

PRESENCE_WORD = "presence"  # "a troop presence", "a military presence": the people are there

QUANTITY_ONLY = re.compile(r"(?:North\s+Koreans|\bmen)$", _I)
# ... unless what befell them is told of them right after, as the predicate, in a relative clause or as a participle
# ("the two men, who were taken prisoner last week, ...", "two North Koreans were captured", "three North Koreans
# captured in Kursk"), or by the casualty word just before their count ("Ukraine captured two North Koreans",
# BEFALLEN_BEFORE): then they are a count of casualties.
BEFALLEN_AFTER = re.compile(
    r",?\s+(?:(?:who\s+|that\s+)?(?:had|have|has|were|was|are)\s+(?:been\s+|reportedly\s+|later\s+|since\s+)*)?"
    r"(?:killed|wounded|injured|captured|taken\s+(?:prisoner|captive)|died)\b",
    _I,
)

# An amount of time, distance or share counts no item: "amount to two months' worth".
UNIT_AFTER = re.compile(
    r"\s*-?\s*(?:months?|years?|weeks?|days?|hours?|times|kilomet(?:er|re)s?|km|met(?:er|re)s?|miles?|tonnes?|tons?|percent|per\s+cent|%)\b",
    _I,
)

# A stretch of time: "killed over three months", "within ten days", "in two weeks of fighting". A figure before it
# counts no people or things, whatever noun of theirs is near (the months of supply are read apart, from the text).
DURATION_AFTER = re.compile(r"\s*-?\s*(?:months?|years?|weeks?|days?|hours?|decades?)\b", _I)

# ("8 trillion won": Korea's currency, not the verb when an object follows it; euros, roubles and yuan as well)
CASH_AFTER = re.compile(
    r"\s*(?:dollars|USD|US\s+dollars|euros|(?:Russian\s+)?r(?:u|ou)bles|yuan|(?:South\s+Korean\s+)?won\b(?!\s+(?:the|a|an|its|their|his|her|over)\b))\b",
    _I,
)

# A unit of volume between an amount and the oil it measures: "165,000 barrels of refined oil". Weights and
# loads ("50,000 tonnes of wheat", "300 truckloads of flour") count something else and give no figure
# (docs/claims-conventions.md).
MEASURE_GAP = re.compile(r"^\s*(?:barrels|litres|liters|gallons|cubic\s+met(?:re|er)s)\s+of\s+", _I)

# Limits are not amounts moved: "the UN's annual cap of 500,000 barrels", "capped at 4 million", "is limited to
# importing 500,000 barrels", "is allowed to import 500,000 barrels" (conventions 15d, 23i).
LIMIT_BEFORE = re.compile(
    r"\b(?:caps?|ceilings?|limits?|quotas?|allowances?|thresholds?|capped|limited|restricted)\s+(?:of|at|to)\s+"
    r"(?:[a-z]+ing\s+)?(?:about\s+|some\s+|around\s+)?$"
    # what the rules let the North take: "is allowed to import 500,000 barrels", "permitted to buy up to" (a verb of
    # taking only: "was permitted to send 15,000 workers" tells a dispatch, not a cap)
    r"|\b(?:allowed|permitted)\s+to\s+(?:import|buy|purchase|receive|obtain|bring\s+in)\s+(?:up\s+to\s+|no\s+more\s+than\s+)?$",
    _I,
)

# ... and after the amount: "a 500,000-barrel limit", or a yearly amount someone set or allows ("500,000 barrels a year
# set by the Security Council", "500,000 barrels each year under sanctions").
LIMIT_AFTER = re.compile(
    r"^[- ](?:[\w-]+[- ]){0,2}(?:caps?|ceilings?|limits?|quotas?)\b"
    r"|^\s+(?:[\w-]+\s+){0,4}?(?:a|per|each)\s+year\s+(?:(?:set|allowed|permitted|imposed|mandated|fixed)\s+(?:by|under)"
    r"|under\s+(?:the\s+)?(?:UN\s+)?(?:sanctions|rules|resolutions))\b",
    _I,
)

# An amount followed by a noun of its own counts that noun ("trained at five bases").
COUNTS_NOUN_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+)?(?!(?:is|was|has|as|this|thus|plus|less|systems|weapons|pieces|items|units|rounds|people|personnel|men)\b)[a-z][a-z-]*s\b"
)

# A denial told as background in a subordinate clause ("confirmed the deployment, months after
# denying any military help"): the denial is of the clause's own object and lies in the past; it
# must not turn the main clause's items into denials. A concession ("Although both sides deny any deal,
# Pyongyang sent shells") is background of the same kind, unless what it denies is the main clause
# itself ("Although Moscow denies it, ...").
PAST_DENIAL_CLAUSE = re.compile(
    r"\b(?:(?:(?:(?:days|weeks|months|years|a\s+(?:day|week|month|year)|shortly|long|only|soon)\s+)?after|despite|following|having)"
    r"\s+(?:[\w'.-]+\s+){0,5}?(?:den(?:y|ies|ied|ying|ial|ials)|rejecting|dismissing)\b"
    # "while" and "whereas" only opening the sentence, where they concede ("While Moscow denies any deal, ...")
    r"|(?:although|(?<!\bas\s)though|(?<![\w,;:]\s)(?<![\w,;:])(?:while|whereas))\s+(?:[\w'.-]+\s+){0,5}?den(?:y|ies|ied)\b"
    r"(?!\s+(?:it|this|so|them)\b))",
    _I,
)

# Reporting that something went unsaid asserts nothing about it ("did not mention the troops",
# "made no reference to", "declined to say whether"); the clause it governs is not a claim.
OMISSION = re.compile(
    r"\b(?:(?:did|does|do|would|could|has|have|had|was|were)\s*(?:not|n't)\s+(?:\w+\s+)?"
    r"(?:mention(?:ed)?|refer(?:red)?\s+to|address(?:ed)?|specify|specified|disclose[ds]?|name[ds]?|say\s+(?:whether|if|how|when|where|what|which)"
    # "did not provide an exact number of soldiers killed": a figure withheld
    r"|(?:provid(?:e|es|ed)|give|gave|given|offer(?:ed)?|release[ds]?|reveal(?:ed)?)\s+(?:an?\s+|the\s+|any\s+)?"
    r"(?:(?:exact|precise|specific|official)\s+)?(?:number|figures?|count|estimate|toll|breakdown))"
    r"|(?:made|make|makes|making)\s+no\s+(?:mention|reference)\s+(?:of|to)"
    r"|(?:declin|refus)(?:ed|es|ing|e)\s+to\s+(?:say|specify|disclose|name|confirm|discuss|comment\s+on)\s+(?:whether|if|how|when|where|what|which)"
    # what a speaker would not tell of a thing already named: "declined to give the missile's exact model", "refused
    # to provide details of the shipments" (to give here is to tell, not to hand over)
    r"|(?:declin|refus)(?:ed|es|ing|e)\s+to\s+(?:give|provide|reveal|release|disclose|specify|name)\s+"
    r"(?:an?\s+|the\s+|any\s+|further\s+)?(?:[\w-]+['\u2019]s\s+)?(?:(?:exact|precise|specific|official|further)\s+)?"
    r"(?:number|figures?|count|estimate|toll|breakdown|model|name|type|make|origin"
    # details of a thing counted tell the thing: "declined to provide details of the 30,000 containers that reached
    # Russia" withholds only what they held
    r"|(?:details?|information)(?!\s+(?:of|on|about)\s+(?:the\s+)?(?:some\s+|about\s+|over\s+|more\s+than\s+)?\d))\b"
    # an admission said not to have been made: "has not acknowledged the deployment", "neither Pyongyang nor Moscow
    # has officially confirmed the shipments", "never publicly admitted sending troops"
    r"|(?:(?:has|have|had|did|does|do)\s*(?:not|n't)|never|nor\s+(?:[\w'-]+\s+){1,3}?(?:has|have|had|did)?)\s*"
    r"(?:yet\s+)?(?:officially\s+|publicly\s+|formally\s+|openly\s+)?(?:acknowledged?|confirm(?:ed)?|admit(?:ted)?)\b"
    # an admission looked for and not found: "has not seen any acknowledgment by Moscow of the troops", "found no
    # admission by Pyongyang that its soldiers fight"
    r"|(?:(?:has|have|had|did|does|do)\s*(?:not|n't)\s+(?:yet\s+)?(?:seen|heard|found|received)\s+(?:any\s+)?"
    r"|(?:seen|heard|found|received)\s+no\s+)(?:official\s+|public\s+|formal\s+)?"
    r"(?:acknowledge?ments?|confirmations?|admissions?)\b"
    # an open question the speaker cannot settle: "cannot confirm whether more soldiers were sent", "was unable to
    # verify if the shells came from the North"
    r"|(?:cannot|can\s+not|can't|could\s*not|couldn't|(?:is|are|was|were)\s+(?:not\s+)?(?:yet\s+)?unable\s+to|unable\s+to"
    # a question still being worked on: "is still trying to determine the number of casualties", "working to establish
    # whether any surrendered"
    r"|(?:still\s+)?(?:trying|working|seeking|struggling|attempting)\s+to)"
    r"\s+(?:yet\s+)?(?:independently\s+)?(?:confirm|verify|say|determine|tell|establish|ascertain)\s+(?:whether|if|how\s+many"
    r"|the\s+(?:exact\s+|precise\s+|full\s+|true\s+)?(?:number|scale|extent|toll)\s+of)"
    r"|(?:was|were|is|are|remained|remains|stayed)\s+silent\s+(?:on|about)"
    r"|without\s+(?:mentioning|naming|referring\s+to)|avoid(?:ed|s|ing)?\s+(?:mentioning|naming|any\s+(?:mention|reference))"
    r"|(?:omit(?:s|ted|ting)?|left\s+out)\s+(?:any\s+)?(?:mention|reference)\s+(?:of|to))\b",
    _I,
)

# Words each of those cues cannot match without: a cheap test before the regexes run.
PAST_DENIAL_STEMS = ("den", "rejecting", "dismissing")

OMISSION_STEMS = (
    "acknowledg",
    "admission",
    "ascertain",
    "admit",
    "verif",
    "determin",
    "tell",
    "establish",
    "provid",
    "give",
    "gave",
    "offer",
    "releas",
    "reveal",
    "mention",
    "refer",
    "address",
    "specif",
    "disclose",
    "name",
    "say",
    "confirm",
    "discuss",
    "comment",
    "silent",
    "without",
    "avoid",
    "omit",
    "left out",
)

# A wish ("is seeking fighter jets", "wants more shells"): what is sought, up to the end of its
# clause, is not something received.
WISH = re.compile(
    # "asking for technology" is a want; "asked for several thousand more" (workers) sizes a dispatch
    r"\b(?:seek(?:s|ing)?|sought|wants?|wanted|request(?:s|ed|ing)?"
    r"|ask(?:s|ed|ing)?\s+for(?!\s+(?:[\w-]+\s+)?(?:\d|several|dozens|hundreds|thousands|a\s+few)\b)"
    # "likely to ask Moscow for nuclear know-how": the one asked named between
    r"|ask(?:s|ed|ing)?[\"\u201d']?\s+(?-i:[A-Z])[\w'-]+\s+for\b"
    # "was eager to gain technology": a motive read into an act, not a thing received
    r"|(?:hop(?:es|ed|ing)|eager|keen|anxious|aim(?:s|ed|ing)?|look(?:s|ed|ing)|would\s+like)"
    r"\s+to\s+(?:get|obtain|acquire|receive|gain|secure)"
    # what a side looks forward to receiving: "anticipating Russian technical help", "eyes Russian assistance",
    # "covets Moscow's know-how" (not the passive of a forecast: "Russia is anticipated to keep helping" is
    # "expected to", a hedge)
    r"|anticipat(?:e|es|ing)|(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?<!\bbeen\s)anticipated"
    r"|eye(?:s|d|ing)?|covet(?:s|ed|ing)?|hop(?:e|es|ed|ing)\s+for)\b",
    re.I,
)
# What a place makes ("workers sent to plants that build tanks and armoured vehicles"): the things
# describe the plant; nothing is given to anyone.
MADE_THERE_BEFORE = re.compile(
    r"\b(?:that|which)\s+(?:produce|make|manufacture|build|assemble|repair)[sd]?\b[^.;:]*$", re.I
)
# What people are sent to make ("workers to build attack drones", "engineers sent to help assemble missiles"):
# the product of their work, not a thing moved.
PRODUCT_OF_PURPOSE_BEFORE = re.compile(
    r"\bto\s+(?:help\s+)?(?:build|produce|make|assemble|manufacture)\s+(?!up\b)(?:[\w-]+\s+){0,2}$", re.I
)
# What people are trained to use ("training in military equipment operation", "instructing Russian crews on
# the launchers"): the subject of the lesson, not a thing moved or fired.
TRAINING_SUBJECT_BEFORE = re.compile(
    r"\b(?:train(?:s|ed|ing)?|instruct(?:s|ed|ing|ion)?|taught|teach(?:es|ing)?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:in|on|to\s+(?:use|operate|handle|maintain|fire))\s+(?:(?:the|their|its|how\s+to\s+\w+)\s+)*$",
    re.I,
)
# Giving up one's own arsenal ("urged the DPRK to abandon its ballistic missiles"): what is given up is
# kept at home, not sent anywhere.
RENUNCIATION = re.compile(
    r"\b(?:abandon(?:s|ed|ing)?|giv(?:e|es|ing)\s+up|gave\s+up|dismantl(?:e|es|ed|ing)|renounc(?:e|es|ed|ing)"
    r"|relinquish(?:es|ed|ing)?)\b",
    re.I,
)
# A question put to the speaker ("when asked what the North gains from sending troops"): what the
# question names is the asker's premise, not the speaker's report.
ASKED_QUESTION = re.compile(
    r"\b(?:asked|questioned)\s+(?:(?:him|her|them|about)\s+)?(?:what|whether|why|how|if)\b", re.I
)
# "Arms and materiel", "weapons and other materiel": materiel joined to a weapons word is weapons in general.
WEAPONS_AND_MATERIEL = lx.StemGuarded(
    re.compile(
        r"\b(?:arms|weapons|munitions|ammunition)\s+(?:and|or|&)\s+(?:other\s+|related\s+)?(?:military\s+)?materiel\b",
        re.I,
    )
)
# A hypothetical told through a gerund subject and a modal ("sending troops would mark an escalation",
# "deploying four brigades could earn it millions"): the act is weighed, not reported.
_GERUND_SUBJECT = (
    r"(?!(?:according|including|during|regarding|concerning|following|nothing|something|anything"
    r"|everything|morning|evening|spring|king|thing|building|meeting)\b)([a-z]{3,}ing)\b"
    r"(?=(?:[^,;:.!?]|(?<=\d)[,.](?=\d)){0,150}?\b(?:would|could|might)\b)"
)  # "30,000" is no break
HYPOTHETICAL_GERUND = re.compile(r"(?:\b(?:that|but|and|while|whereas)\s+|[,;:]\s+)" + _GERUND_SUBJECT)
HYPOTHETICAL_GERUND_OPENING = re.compile(r"[\"'\u201c]?" + _GERUND_SUBJECT, re.I)  # at the sentence's start
# A speaker's speculation or a search that found nothing: what follows is not reported as fact.
SPECULATION = re.compile(
    r"\bspeculat\w*\s+(?:(?:by|among)\s+(?:[\w'-]+\s+){1,4}?)?(?:that|about|on)\b"
    r"|\b(?:has|have|had)\s*(?:not|n't)\s+(?:yet\s+)?seen\s+(?:any\s+)?(?:reports?|signs?|indications?)\b"
    # what an unnamed thing might turn out to be: "it could be either military or financial help", "it may be
    # missile technology" (not a hedged act: "it could be used", "they may be sending")
    # (the pronoun is looked behind, so that the table is tried at the modal, not at every "it" or "that")
    r"|(?:(?<=\bit\s)|(?<=\bthis\s)|(?<=\bthat\s))(?:could|might|may)\s+(?:well\s+|also\s+)?be\s+(?!\w+(?:ed|ing)\b)",
    re.I,
)


# A conjecture or forecast whose clause carries a modal of possibility ("suggested that the
# instructors may have come with the shells", "anticipates that 12,000 soldiers could soon be
# fighting"): the speaker's guess, not a report.
def _conjecture(theorise: str) -> re.Pattern[str]:
    """CONJECTURE, with "theorise" as given (THEORISE, or nothing for G_UNASSERTED_NOT_THE)."""
    return re.compile(
        rf"\b(?:suggest(?:s|ed)?|surmis(?:e|es|ed)|{theorise}guess(?:es|ed)?|wonder(?:s|ed)?"
        r"|anticipat(?:e|es|ed)|predict(?:s|ed)?|forecast(?:s)?|foresee(?:s)?|foresaw)\b"
        r"(?=(?:\s+that)?[^.;:]{0,100}?\b(?:may|might|could)\b)",
        re.I,
    )


THEORISE = r"theori[sz](?:e|es|ed)|"
CONJECTURE = _conjecture(THEORISE)
# The scope of a ban ("sanctions that bar North Korea from trading arms", "resolutions prohibiting
# weapons exports", "a ban on arms sales"): the things named are what is banned, not what moved.
BAN_SCOPE = re.compile(
    # (a resolution is cited by its number: "Resolution 1874 that bans ...", "resolutions 1718 and 2270, which bar")
    r"\b(?:sanctions?|resolutions?|embargo(?:es)?|measures|rules|laws?)"
    r"(?:\s+(?:No\.?\s*)?\d[\d/]*(?:\s*(?:,|and)\s*\d[\d/]*)*)?"
    # whom they are against: "sanctions against North Korea, which prohibit the export of arms"
    r"(?:\s+(?:against|on)\s+(?:the\s+)?(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK|DPRK))?"
    r"\s*,?\s+(?:that\s+|which\s+)?"
    r"(?:ban|bar|prohibit|forbid|outlaw|restrict|limit|cap)\w*"
    r"|\b(?:ban(?:s|ned|ning)?|bar(?:s|red|ring)?|prohibit(?:s|ed|ing)?|forbid(?:s|ding)?)\s+(?:North\s+Korea|Pyongyang"
    r"|the\s+North|it|all\s+(?:countries|states)|member\s+states)\s+from\b|\b(?:ban|embargo)\s+on\b",
    re.I,
)
# A class of people or acts rather than one that happened: whoever a measure is aimed at ("sanction
# those who assist the arms trade", "punish anyone that ships weapons"; "those who fought in Kursk"
# as a subject are people who did) or "any ..." with a modal ("any support Russia may be providing",
# "any transfer of arms would breach the resolutions").
NON_SPECIFIC = re.compile(
    r"\b(?:sanction|punish|penali[sz]|target|pursue|prosecut|hold|warn|threaten|deter|act\s+against|go\s+after"
    r"|crack\s+down\s+on)\w*\s+(?:all\s+)?(?:those|anyone|anybody|whoever|any\s+(?:one|entit(?:y|ies)|countr(?:y|ies)"
    r"|part(?:y|ies)|persons?|compan(?:y|ies)|firms?|individuals?))\b(?:\s+(?:who|that|which)\b)?"
    r"|\bany\b(?=[^.;:]{0,80}?\b(?:may|might|could|would)\b)",
    re.I,
)
# A clause dated before the war in Ukraine ("fired at an island in 2020", "back in 2019"): history,
# not a transfer to Russia. The whole clause is set aside, on both sides of the date.
PRE_WAR_DATE = re.compile(
    r"\b(?:in|during|back\s+in|as\s+early\s+as)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:19\d\d|20[01]\d|202[01])\b(?!\s*[-\u2013]\s*\d)",
    re.I,
)
# Relief after a disaster ("humanitarian aid to the flooded north", "support for the recovery from
# the typhoon"): help for the disaster, not payment for arms, unless the sentence says it is in return.
DISASTER_RELIEF = lx.StemGuarded(
    re.compile(
        # (not a disaster as a point in time: "growth for the first time since the pandemic")
        r"(?<!\bsince\s)(?<!\bsince\sthe\s)"
        r"\b(?:flood(?:s|ed|ing)?|rainfalls?|heavy\s+rains?|typhoons?|earthquakes?|drought|famine|disasters?|epidemic|pandemic)\b",
        re.I,
    )
)
# The thing a transfer is given for ("oil in exchange for weapons", "in return for sending troops"):
# the other side's transfer, told as known, not reported afresh.
EXCHANGE_OBJECT_BEFORE = re.compile(r"\bin\s+(?:exchange|return)\s+for\s+(?:[\w'-]+\s+){0,6}$", re.I)
# The North's side of a trade told as known or as a condition (convention 21k): pointed back by an article or a
# pronoun right after the trade word ("in return for the deployment of its soldiers", "in exchange for its troops",
# "... for these shells"); an act named by a gerund with no doer of its own ("in exchange for sending troops",
# "for deploying its soldiers": the kind of act the deal pays for); or one of alternatives ("in exchange for sending
# troops or weapons"). Otherwise ("in exchange for weapons", "in return for Pyongyang providing shells", "for
# Pyongyang's transfer of its troops") the deal's price is told as news: a claim.
EXCHANGE_POINTED_BEFORE = re.compile(
    r"\bin\s+(?:exchange|return)\s+for\s+(?:the|its|their|this|that|these|those)\s+(?:[\w'-]+\s+){0,5}$"
    r"|\bin\s+(?:exchange|return)\s+for\s+[a-z]+ing\s+(?:[\w'-]+\s+){0,3}$"
    r"|\bin\s+(?:exchange|return)\s+for\s+(?:[\w'-]+\s+){0,5}?or\s+(?:[\w'-]+\s+){0,2}$",
    re.I,
)
EXCHANGE_ALTERNATIVE_AFTER = re.compile(r"\s+or\s+(?=\w)", re.I)
# Help that names no thing ("military assistance", "Pyongyang's support"), read as weapons in general where a verb
# moves it: as a trade's price it says only that the North helped (convention 18c's agreed cases).
HELP_NAMING_NO_THING = re.compile(r"\b(?:assistance|help|support|aid|backing|cooperation)\b", re.I)
# A deployment named as a noun after a word of time ("since the troop deployment", "after the deployment of North
# Korean soldiers", "following Pyongyang's deployment"): the moment something else is dated from, presupposed, as
# BACKGROUND_OPENING reads a clause ("since Pyongyang sent troops").
DEPLOYMENT_AS_TIME_BEFORE = re.compile(
    r"\b(?:since|after|following|before|until)\s+(?:the\s+|its\s+|their\s+|(?:North\s+Korea|Pyongyang|the\s+North)['\u2019]s\s+)?"
    r"(?:(?:first|initial|North\s+Korean|DPRK)\s+)?(?:deployments?\s+of\s+(?:its\s+|their\s+)?(?:North\s+Korean\s+|DPRK\s+)?)?$",
    _I,
)
# A thing put in place, read back from the thing ("has deployed missiles near the border", "moved air defence batteries
# to Pyongyang", "launched a spy satellite"): a further deployment named after it in its sentence goes on with it.
PUT_IN_PLACE_BEFORE = re.compile(
    r"\b(?:deploy(?:s|ed|ing)?|mov(?:e|es|ed|ing)|launch(?:es|ed|ing)?|plac(?:e|es|ed|ing)|station(?:s|ed|ing)?"
    r"|position(?:s|ed|ing)?|install(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,4}$",
    _I,
)
# Kyiv or Moscow as the subject of the verb that sends a bare "reinforcements" ("Ukraine sent reinforcements after the
# North's attack", "Moscow is sending more reinforcements"): their own soldiers, even where the sentence names the
# North's (the lexicon reads "sent reinforcements" as the North's only because its subject is most often the North).
OTHER_SIDE_SENDS_BEFORE = re.compile(
    r"\b(?:Ukraine|Kyiv|Russia|Moscow|the\s+Kremlin|(?:Ukraine|Russia)['\u2019]s\s+(?:army|military|forces|command)"
    r"|(?:the\s+)?(?:Ukrainian|Russian)\s+(?:army|military|forces|command|commanders|generals))\s+"
    r"(?:(?:has|have|had|is|are|was|were|will|would|could|can|may|might|also|now|already|quickly|then|reportedly)\s+)*"
    r"(?:(?:been|be)\s+)?(?:send|sends|sent|sending|dispatch(?:es|ed|ing)?)\s+(?:more\s+)?$",
    _I,
)
# A deployment said to be someone's choice ("more troop deployment is Pyongyang's decision", "sending soldiers is
# a sovereign matter for the North"): what a party may choose, not what was done.
CHOICE_AFTER = re.compile(
    r"\s+(?:is|was|would\s+be|will\s+be|remains|are|were)\s+(?:entirely\s+|solely\s+|purely\s+|only\s+)?"
    r"(?:(?:a|the)\s+)?(?:(?:[\w.-]+['\u2019]s|its|their|his|her)\s+)?(?:own\s+)?(?:sovereign\s+|internal\s+)?"
    r"(?:decision|choice|matter|business|right|prerogative|affair)s?\b",
    _I,
)
# "paid for its troop deployment", "in return for its troop deployment": the deployment that is paid for
# is presupposed, not reported
PAID_FOR_BEFORE = re.compile(
    r"\b(?:in\s+(?:exchange|return)|paid|payment|rewarded|compensated)\s+for\s+(?:its|their|the|this|that)\s+$", _I
)
# Money told as going to Russia ("providing revenue to the Russian government", "income for the Kremlin's war
# chest"): the sentence's payment is Moscow's income, whoever else it names.
MONEY_TO_RUSSIA = re.compile(
    r"\b(?:revenues?|income|money|funds|funding|cash|profits?|earnings|hard\s+currency)\s+(?:to|for|into)\s+(?:the\s+)?"
    r"(?:Russia|Moscow|Kremlin|Russian\s+(?:government|state|budget|treasury|economy|military|army|war))\b",
    re.I,
)
IN_RETURN = re.compile(r"\bin\s+(?:return|exchange)\b|\bas\s+(?:payment|compensation|a\s+reward)\b", re.I)
# A sentence that says what a report covers ("the report also detailed weapons the North passed on"):
# in general words, an overview of the things the article names elsewhere.
REPORT_NOUNS = (
    "report",
    "study",
    "analysis",
    "document",
    "paper",
    "assessment",
    "findings",
    "dossier",
    "investigation",
    "review",
)
# A sentence that names a report ("according to a monitoring report", "a study showed"): its figure-less lede may
# sum up the figures the next sentence gives from the report.
REPORT_NAMED = lx.StemGuarded(re.compile(r"\b(?:" + "|".join(REPORT_NOUNS) + r")s?\b", re.I))
REPORT_OVERVIEW = re.compile(
    r"\b(?:" + "|".join(REPORT_NOUNS) + r")\b[^.;:]{0,40}?"
    r"\b(?:detail(?:s|ed|ing)?"
    r"|document(?:s|ed|ing)|outlin(?:e|es|ed|ing)|describ(?:e|es|ed|ing)|list(?:s|ed|ing)|cover(?:s|ed|ing)|catalog\w*)\b",
    re.I,
)
# A possibility weighed ("the possibility of export cannot be discussed", "the prospect of Russian
# help"): what is possible is not reported.
# A risk flagged ("the United States flags the risk of arms supplies to Moscow") is a possibility weighed too.
POSSIBILITY_WEIGHED = r"\bthe\s+(?:very\s+)?(?:possibility|prospect|likelihood|potential|risks?)\s+(?:of|for)\b"
POSSIBILITY_TOPIC = (
    # "talks on possible Russian help for the satellite programme": help weighed, not given
    # a potential transfer as the topic ("focused on potential technology transfers", "asked about the potential
    # transfer of space technology"); given "in exchange for Russia's potential transfer", it is the deal's price
    # (the topic word is looked behind, so that the cue is tried at "potential" only, not at every "on")
    r"\b(?:(?:(?<=about\s)|(?<=on\s)|(?<=over\s)|(?<=regarding\s)|(?<=about\sthe\s)|(?<=on\sthe\s)|(?<=over\sthe\s)"
    r"|(?<=regarding\sthe\s)|(?<=about\sa\s)|(?<=on\sa\s))potential|possible)\s+"
    r"(?:Russian\s+|North\s+Korean\s+)?(?:(?:arms|weapons?|military|ammunition|munitions?|technology|technical)\s+)?"
    r"(?:help|assistance|transfers?|support|deliver(?:y|ies)|shipments?"
    r"|suppl(?:y|ies)|aid)\b"
    # the same with an article wherever it stands ("suggests a potential collaboration in space technology", "the
    # relationship - and the potential transfer of know-how - as a lever"), except as a deal's price ("in
    # exchange for a potential transfer")
    r"|(?:(?<=\bthe\s)|(?<=\ba\s))(?<!\bfor\sthe\s)(?<!\bfor\sa\s)potential\s+"
    r"(?:(?:arms|weapons?|military|technology|technical)\s+)?"
    r"(?:help|assistance|transfers?|support|deliver(?:y|ies)|shipments?|suppl(?:y|ies)|collaboration|cooperation)\b"
)
POSSIBILITY = re.compile(POSSIBILITY_WEIGHED + "|" + POSSIBILITY_TOPIC, re.I)
# A party's disposition or a rumour, named by its noun ("hints at Russian willingness to assist the North with
# satellite technology", "sparked rumours of further troop deployments"): what one is willing to do, or what is
# rumoured, is not told as done (convention 24h; one of UNASSERTED_MORE). The verb forms are left alone: "Kyiv is willing to hand over the
# two captured soldiers" tells the capture.
# Where a noun's object gives way to a clause of time or cause ("the risk of escalation grew after the North sent
# troops", "rumours of a coup spread when ..."): statements.noun_object_end.
TIME_OR_CAUSE_CLAUSE = re.compile(r"\b(?:after|since|because|when|before|once|until)\b", re.I)
DISPOSITION_OR_RUMOUR = re.compile(r"\b(?:willingness\s+to|rumou?rs?\s+(?:of|about))\b", re.I)
# A worry, fear or warning whose object is the possibility ("concerns about the potential transfer of nuclear
# technology to the North", "fears over the possibility of Russia handing over ..."): a stated concern about a
# possible transfer is that transfer, hedged (convention 17e), not a possibility merely weighed.
WORRY_BEFORE_POSSIBILITY = re.compile(
    r"\b(?:concerns?|concerned|worr(?:y|ies|ied)|fears?|feared|alarm(?:ed)?|anxiety|anxious|warn(?:s|ed|ing)?)\s+"
    r"(?:(?:over|about|at|regarding|of|that)\s+)?[\"'\u201c]?(?:the\s+|a\s+)?$",
    re.I,
)
# ... but a worry about "any" transfer names none that is feared to happen (17e: "about any support Russia may give")
ANY_AFTER = re.compile(r"\s+any\b", re.I)
# The topic of talks ("arms discussions are expected to continue", "talks on weapons supplies"): what
# is discussed is not reported as moved.
TALKS_TOPIC = re.compile(
    # the weapon word is looked behind, so that the cue is tried at "talks" only, not at every "arms"
    r"\b(?:(?<=arms\s)|(?<=weapons\s)|(?<=military\s))(?:talks|discussions|negotiations)\b"
    r"|\b(?:talks|discussions|negotiations|consultations)\s+(?:on|about|over)\b"
    # "talks to exchange technology for shells", "negotiate a deal that would secure shipments": the deal's terms
    r"|\b(?:talks|discussions|negotiations)\s+to\s+(?=(?:exchange|swap|trade|secure|buy|sell|obtain|arrange)\b)"
    r"|\bnegotiat(?:e|es|ed|ing)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|accord|arrangement|contract)\b"
    r"(?:\s+(?:(?:under|by|in)\s+which|that|which)\b)?",
    re.I,
)
# A purpose named for things not yet moved ("may also be intended for shipment to Russia", "earmarked for
# export"): what they are for, not a report that they went.
INTENDED_FOR = re.compile(
    r"\b(?:intended|meant|earmarked|slated|designated)\s+(?:for\s+(?:shipment|sale|export|delivery|transfer)s?"
    r"|to\s+be\s+(?:shipped|sold|exported|sent|delivered|transferred))\b",
    re.I,
)
# A forecast of gains or growth ("revenues could increase by hundreds of millions of dollars"): what
# may come, not what was given.
FORECAST = re.compile(
    # the modal is looked behind, so that the cue is tried at the verb only, not at every "could"
    r"\b(?:(?<=could\s)|(?<=might\s)|(?<=may\s)|(?<=would\s))"
    r"(?:increase|rise|grow|earn|gain|generate|net|bring\s+in|top|exceed|reach)\b",
    re.I,
)
# A search that found nothing ("there is no evidence that the North sent shells", "nothing to suggest
# troops were sent"): what was looked for is not reported.
NO_EVIDENCE = re.compile(
    r"\b(?:no|little|scant)\s+(?:hard\s+|direct\s+|clear\s+|public\s+)?(?:evidence|proof|indications?|confirmation)\s+(?:yet\s+)?(?:that|of)\b"
    r"|\bnothing\s+(?:yet\s+)?to\s+(?:suggest|indicate|show)\b",
    re.I,
)
# What a party is able to do ("has the capacity to send tens of thousands of soldiers", "is capable of
# supplying"): a means, not an act.
CAPABILITY = re.compile(
    # the verb is looked behind, so that the cue is tried at "able" and "capable" only, not at every "is"
    r"\b(?:(?:capacity|capability|ability|wherewithal)\s+to|(?:(?<=is\s)|(?<=are\s)|(?<=was\s)|(?<=were\s))(?:able|capable)\s+(?:to|of))"
    r"(?=\s+(?:\w+\s+)?(?:send|supply|ship|provide|deploy|produce|mobili[sz]e|field|sending|supplying|shipping|providing|deploying|producing)\b)",
    re.I,
)
# What a defence can hit or has shot down ("capable of intercepting cruise missiles", "the Russian military
# said it shot down two missiles"): the attacker's weapons, not things the North sent.
INTERCEPTED = re.compile(
    r"\b(?:capable\s+of|designed\s+to|able\s+to|built\s+to)\s+(?:intercept\w*|shoot(?:ing)?\s+down|destroy\w*)", re.I
)
# Russia's side bringing things down: tried only where "down" or "intercept" is (see INTERCEPT_STEMS).
RUSSIA_SHOT_DOWN = re.compile(
    r"\b(?:Russia|Moscow|Russian\s+(?:military|forces|army|troops|air\s+defen[cs]es?))\b[^.;,]{0,40}?"
    r"\b(?:(?:shot|shoot(?:s|ing)?)\s+down|intercept(?:s|ed|ing)?)\b",
    re.I,
)

# A course weighed ("may consider supplying weapons", "is considering sending workers"): not taken.
DELIBERATION = re.compile(
    r"\b(?:(?:consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?)\s+(?=[a-z]+ing\b)"
    r"|being\s+considered\b|under\s+consideration\b)",
    re.I,
)
# A warning against an act ("warns Pyongyang against supplying Moscow with arms"): the act is not reported.
WARNING_AGAINST = re.compile(r"\bwarn(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?against\b", re.I)
# An identification by reasoning ("the only nation that makes missiles like these"): a class, not a report.
ONLY_ONE = re.compile(r"\b(?<=the\s)only\s+(?:nation|country|state|one)\b", re.I)
# A transfer to the other side ("its offer of weapons to Ukraine", "the decision to send tanks to Kyiv"):
# the things it names are not the North's, and a verb of giving in it says nothing of the North's things.
# People sent "to Ukraine" are left out: the North's soldiers are said to be sent to the war there.
OTHER_SIDE_TRANSFER = re.compile(
    r"\b(?:sen[dt]s?|sending|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing|y|ies)?"
    r"|offer(?:s|ed|ing)?|transfer(?:s|red|ring)?|ship(?:s|ped|ping|ments?)?|giv(?:e|es|en|ing)|gave"
    r"|sell(?:s|ing)?|sold|sales?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|donat(?:e|es|ed|ing|ions?))\s+(?:of\s+)?"
    r"(?:(?!(?:troops|soldiers|forces|personnel|servicemen|units|workers|them|it|to|for)\b)[\w'-]+\s+){0,4}?"
    r"(?:directly\s+)?(?:to|for)\s+(?:Ukraine|Kyiv)\b(?!['\u2019]s)",
    re.I,
)
T_OTHER_SIDE_TRANSFER = lx.Twinned(OTHER_SIDE_TRANSFER)
# ... but a verb of sending in the passive whose subject is people ("North Korean soldiers may have been sent to
# Ukraine", "troops from the North are being sent to Ukraine") is the North's soldiers sent to the war there, as in
# the active form the pattern leaves out ("sent troops to Ukraine").
PEOPLE_SENT_BEFORE = re.compile(
    r"\b(?:troops|soldiers|forces|personnel|servicemen|units|fighters|conscripts|men|reinforcements)"
    r"\s+(?:(?:from|of)\s+(?:the\s+)?(?:North(?:\s+Korea)?|Pyongyang|DPRK)\s+)?"
    r"(?:(?:have|has|had|will|would|may|might|could|must|are|were|is|was|be|been|being|reportedly|already|also|now|"
    r"allegedly|likely|possibly|probably|not|yet|just)\s+){1,4}$",
    re.I,
)
# A habit or a rule rather than an event ("their units usually execute their own wounded", "crews
# typically fire two rounds"): what is customary is not a report that it happened.
HABITUAL_STEMS = ("usually", "typically", "routinely", "normally", "customarily", "habitually")
HABITUAL = re.compile(r"\b(?:" + "|".join(HABITUAL_STEMS) + r")\b", re.I)
# The other side named as a destination: a cheap test before OTHER_SIDE_TRANSFER is tried.
OTHER_SIDE_STEMS = ("ukraine", "kyiv")


# Clauses that name things without reporting that they moved, each read from its cue to the end of
# its clause: wishes ("the North is seeking fighter jets"), speculation and empty searches, conjecture,
# the scope of a ban, a class of people, a weighed possibility, an arsenal to be given up, a question
# put to the speaker, a warning against an act, an identification by reasoning, the topic of talks, a course
# weighed, a forecast of gains, a party's means, what a defence can hit. One gated
# pattern, so that a sentence
# with none of their words costs a few look-ups.
def _unasserted(conjecture: re.Pattern[str], possibility: re.Pattern[str]) -> re.Pattern[str]:
    families = (
        WISH,
        SPECULATION,
        conjecture,
        BAN_SCOPE,
        NON_SPECIFIC,
        possibility,
        RENUNCIATION,
        ASKED_QUESTION,
        WARNING_AGAINST,
        ONLY_ONE,
        TALKS_TOPIC,
        DELIBERATION,
        FORECAST,
    )
    return re.compile(r"\b(?:" + "|".join(p.pattern for p in families) + ")", re.I)


G_UNASSERTED = lx.Gated(_unasserted(CONJECTURE, POSSIBILITY))
# Two of its branches open with "the" (a theory, "the possibility of"), so through the word index the table was
# tried at every "the" of every sentence. The same table without them, for a sentence where neither can match:
# none of their stems is in its lowercase, in an article that folds like re.IGNORECASE (where the lowercase holds
# a stem wherever they match). No other branch opens with "the" (tests/claims/test_engine.py), so at a "the" the
# whole table could match only by those two, and elsewhere they cannot match at all: the same matches.
G_UNASSERTED_NOT_THE = lx.Gated(_unasserted(_conjecture(""), re.compile(POSSIBILITY_TOPIC, re.I)))
# One of these is in every match of the two ("theori[sz]", and POSSIBILITY_WEIGHED's nouns).
UNASSERTED_THE_STEMS = ("theori", "possibility", "prospect", "likelihood", "potential", "risk")


def unasserted(idx: lx.WordIndex, start: int, end: int, low: str) -> list[re.Match[str]]:
    """G_UNASSERTED's matches in ``[start, end)``; ``low`` is that stretch of the article's lowercase."""
    if idx.folds and not any(map(low.__contains__, UNASSERTED_THE_STEMS)):
        return G_UNASSERTED_NOT_THE.finditer(idx, start, end)
    return G_UNASSERTED.finditer(idx, start, end)


# More families of the same table, each tried only where its words are (their openings are common words, so
# through the word index they would be tried at every "no", "is", "into" or "Russia"): a search that found
# nothing, a purpose named, a party's means, what a defence can hit, Russia's side shooting things down.
# A try ("Russia's attempts to acquire equipment from the North"), what is watched for ("monitoring closely for any
# materials Russia provides", "watching what Moscow gives"), acts named by the law whichever way they go ("arms
# transfers to or from the North") and what states must report ("members are required to report their exports of oil
# to the North"): no transfer told. Gated on its own: in G_UNASSERTED its first words ("transfers", "efforts") would
# have the whole table tried at common words.
NO_FACT_TOLD_MORE = re.compile(
    r"\b(?:(?:attempts?|efforts?|bids?|tr(?:y|ies|ied|ying))\s+to\s+(?:get|obtain|acquire|procure|buy|secure)\b"
    r"|(?:monitor(?:s|ed|ing)?|watch(?:es|ed|ing)?)\s+(?:(?:closely|carefully)\s+)?(?:for\s+)?(?:any|what|whether)\b"
    r"|(?:transfers?|sales?|exports?|shipments?|trade)\s+to\s+or\s+from\b"
    r"|(?:required|obliged|obligated)\s+to\s+(?:report|provide|submit|notify|declare)\b"
    # a treaty's terms binding both sides ("it obliges both states to provide military help if either is attacked"):
    # what each must do, not what was given
    r"|(?:obligat(?:es|ing)|oblig(?:es|ing)|requir(?:es|ing)|commit(?:s|ting)|bind(?:s|ing))\s+(?:both\s+"
    r"(?:states|sides|countries|parties|nations)|each\s+(?:side|state|party|country)|the\s+(?:two\s+(?:states|sides"
    r"|countries|nations)|parties|signatories)|them)\s+to\b)",
    re.I,
)
G_NO_FACT_TOLD_MORE = lx.Gated(NO_FACT_TOLD_MORE)
UNASSERTED_MORE = (
    (("evidence", "proof", "indication", "confirmation", "nothing"), NO_EVIDENCE),
    (("intended", "meant", "earmarked", "slated", "designated"), INTENDED_FOR),
    (("capacity", "capabil", "ability", "able ", "wherewithal"), CAPABILITY),
    (("capable", "able ", "designed", "built"), INTERCEPTED),
    ((" down", "intercept"), RUSSIA_SHOT_DOWN),
    # (not in G_UNASSERTED: its key "wil" would have the whole table tried at every "will")
    (("willingness", "rumo"), DISPOSITION_OR_RUMOUR),
)
# All of their words, looked for first (substring tests: an alternation of them would be tried at every
# character): most sentences have none.
UNASSERTED_MORE_WORDS = tuple(sorted({stem for stems, _ in UNASSERTED_MORE for stem in stems}))
# A course judged not to happen ("seems unlikely", "is highly unlikely"): its subject is not reported.
JUDGED_UNLIKELY = re.compile(
    r"\b(?:seems?|seemed|is|was|are|were|appears?|appeared|looks?|remains?)\s+"
    r"[\"'\u201c]?(?:highly\s+|very\s+)?unlikely\b",
    re.I,
)
# Years before the war: a cheap test before the date pattern is tried.
PRE_WAR_YEAR_STEMS = ("19", "200", "201", "2020", "2021")
# A condition inside a sentence: what follows, up to the end of its clause, is not asserted.
# Where a new clause opens between a verb and the people after it.
CLAUSE_OPENING_GAP = re.compile(r"[;:]|,\s*[\"'\u201c]?\s*(?:and|but|while|whereas)\b", re.I)
# Acts named as what would break a rule ("... would violate several UN resolutions"); the clause they are named in
# opens after "that" where the sentence has one before them (statements.aside_clauses).
WOULD_BREAK_THE_LAW = re.compile(
    r"\bwould\s+(?:also\s+|clearly\s+)?(?:violate|breach|contravene|be\s+(?:a\s+)?(?:clear\s+)?(?:violation|breach)"
    r"|be\s+in\s+(?:violation|breach))\b",
    re.I,
)
THAT_CLAUSE = re.compile(r"\b(?:that|which|who|say(?:s|ing)?|said)\b", re.I)
# Acts named as a class, not one that happened: "any transfer", "arms transfers to or from the North", "all arms trade".
ACTS_OF_A_CLASS = re.compile(r"\b(?:any|all)\b|\bto\s+or\s+from\b", re.I)
CONDITIONAL_MODAL = re.compile(r"\b(?:could|would|might)\b", re.I)
# What is expected to follow from a condition ("expect high casualties if they are sent to the front"):
# the modals, and verbs of expecting.
CONSEQUENCE = re.compile(r"\b(?:could|would|might|expect(?:s|ed|ing)?|anticipat(?:e|es|ed|ing)|fear(?:s|ed)?)\b", re.I)
IF_CLAUSE = re.compile(r"\b(?<!\bas\s)(?<!\beven\s)(?:if|unless)\b(?!\s+any\b)")
# "asked if", "wondered if", "unclear if": an indirect question, not a condition. What it asks claims nothing, but a
# modal before it is not the condition's consequence ("said Russia would help the North build satellites and, when
# asked if they would discuss arms, replied ...": the help is said, the arms are asked about).
ASKING_BEFORE_IF = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|know(?:s|n)?|knew|unclear|clear|sure|certain|see|check(?:s|ed|ing)?"
    r"|question(?:s|ed|ing)?|inquir(?:e|es|ed|ing)|enquir(?:e|es|ed|ing))\s+(?:(?:by\s+)?[\w'-]+\s+){0,2}?$",
    _I,
)
# Where such a clause ends: a stronger break than a comma (lists of items run on commas).
CLAUSE_END = re.compile(
    # (a short name in brackets is no clause: "the Democratic People's Republic of Korea (DPRK) in return for ...")
    r"[;:]|\((?!(?-i:[A-Z][\w.-]{1,9})\))|(?<!(?-i:[A-Z]))\)|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|which|who|even\s+as)\b|,\s+(?:and\s+)?(?:the|its|it|he|she|they|officials?|analysts?)\s",
    _I,
)

# Where a withheld thing's clause ends: as CLAUSE_END, but a relative clause without a comma belongs to
# the thing ("did not give the number of soldiers who were killed"). After a comma the speaker tells again: a
# relative clause ("declined to give details of the attack, in which Russia fired 40 missiles"), or what the speaker
# says instead ("declined to give the model, saying only that 40 were fired").
OMISSION_END = re.compile(
    r"[;:()]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|even\s+as|until|till)\b"
    r"|,\s*(?:(?:in|during|from|with|by|after)\s+)?(?:which|whom|who)\b|,\s*(?:saying|adding|noting)\s+(?:only\s+)?that\b"
    r"|,\s+(?:and\s+)?(?:the|its|it|he|she|they|officials?|analysts?)\s",
    _I,
)

PAST_DENIAL_END = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though)\b", _I)

ROTATION = re.compile(
    r"\breplac(?:e|es|ed|ing)\b(?P<old>.{0,90}?)\b(?:with|by)\s+(?:[\w,-]+\s+){0,3}?(?:fresh|new|replacement|relief|rotational|other)\b",
    _I,
)

# A place the verb "captured" refers back to: "the Kursk region, which Ukraine captured in August", "the town that
# Russian forces had captured". Ground taken is no one taken prisoner (the lexicon's "captured" already turns away
# a place named after the verb: "captured two villages").
PLACE_TAKEN_BEFORE = re.compile(
    r"\b(?:region|oblast|province|district|area|territory|town|city|village|settlement|border\s+area|bridgehead"
    r"|positions?|ground|land|parts?)s?,?\s+(?:\w+\s+)?(?:which|that)\s+(?:[\w'\u2019.-]+\s+){1,4}?"
    r"(?:(?:had|has|have)\s+(?:\w+\s+)?)?$",
    _I,
)
# A thing named as what was harmed ("causing damage to weapons", "damaging the barrels of guns"): the victim of
# a fault or a strike, not a thing moved or used.
HARMED_THING_BEFORE = re.compile(
    r"\b(?:damage\s+to|damaging|damaged)\s+(?:the\s+|their\s+|its\s+|Russian\s+|Ukrainian\s+)?"
    r"(?:barrels\s+of\s+(?:the\s+|their\s+|its\s+)?)?(?:[\w-]+\s+)?$",
    _I,
)
# People who travel as a delegation visit; they are not sent to serve ("sent a delegation of senior officers to
# Moscow", "a delegation of engineers arrived").
DELEGATION_OF_BEFORE = re.compile(r"\bdelegations?\s+(?:of|from)\s+(?:[\w'\u2019-]+\s+){0,4}$", _I)

MAKE_GOOD_BEFORE = re.compile(
    r"\b(?:replac\w*|replenish\w*|make\s+up\s+for|offset\w*|compensate\s+for|fill\s+in\s+for)\s+(?:(?:its|their|the|his|heavy|mounting|recent)\s+){0,2}$",
    _I,
)

G_DENIAL = lx.Gated(DENIAL)
# Names learned anywhere in an article (Discourse.of): tried only at role words ("lawmaker", "Gen.").
G_LEARN_NAME = lx.Gated(LEARN_NAME)
G_POST_OF_BODY = lx.Gated(POST_OF_BODY)


class MemoCue:
    """A gated cue whose ``search`` is remembered for each stretch of the article it last read: several readings
    ask it of the same sentence. ``finditer`` is passed through."""

    __slots__ = ("gated", "_read")

    def __init__(self, gated: lx.Gated) -> None:
        self.gated = gated
        self._read: tuple[lx.WordIndex | None, dict[tuple[int, int], re.Match[str] | None]] = (None, {})

    def search(self, idx: lx.WordIndex, start: int, end: int) -> re.Match[str] | None:
        # The article and its memo are one tuple, replaced whole: a reading of another article (another thread's
        # too) starts a memo of its own and never reads this one's. The index is held, so it is not another
        # article's at the same address.
        read = self._read
        if read[0] is not idx:
            read = self._read = (idx, {})
        memo = read[1]
        key = (start, end)
        if key in memo:
            return memo[key]
        found = memo[key] = self.gated.search(idx, start, end)
        return found

    def finditer(self, idx: lx.WordIndex, start: int, end: int) -> list[re.Match[str]]:
        return self.gated.finditer(idx, start, end)


# Asked of each sentence by its source's reading, the mentions, the asides and the condemnation claims.
G_CONDEMN_CUE = lx.Gated(CONDEMN)
G_CONDEMN = MemoCue(G_CONDEMN_CUE)

G_CONFIRM = lx.Gated(CONFIRM)

# Searched in every sentence without an item word: through the word index, so that it reads the
# lowercased text (Gated's lowercase twin; its "$" and "%" give it no word keys or stems).
G_READ_TRIGGER = lx.Gated(READ_TRIGGER)


def read_trigger(idx: lx.WordIndex, start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds a word of READ_TRIGGER or one of its signs: the words are tried only at the
    article's word starts they can begin at (a sign in the same pattern made it a search of every position)."""
    stretch = idx.work[start:end]
    return any(map(stretch.__contains__, READ_TRIGGER_SIGNS)) or G_READ_TRIGGER.search(idx, start, end) is not None


SHARE_STEMS = ("%", "percent", "per cent", "half", "third", "quarter", "bulk", "most", "majority")

G_SHARE = lx.Gated(SHARE, SHARE_STEMS)

G_SHARE_AFTER = lx.Gated(SHARE_AFTER, SHARE_STEMS)

G_SHARE_ITS = lx.Gated(SHARE_ITS, SHARE_STEMS)

G_LAUNCH = lx.Gated(LAUNCH)

G_OTHER_SUPPLIER = lx.Gated(OTHER_SUPPLIER)

G_OTHER_FLOW = lx.Gated(OTHER_FLOW)

G_REVERSE = lx.Gated(REVERSE_FLOW)
G_RUSSIA_GIVES_NORTH = lx.Gated(RUSSIA_GIVES_NORTH)
G_RUSSIA_SUPPLIES_NORTH_WITH = lx.Gated(RUSSIA_SUPPLIES_NORTH_WITH)
G_NORTH_RECEIVES = lx.Gated(NORTH_RECEIVES)
G_NORTH_RECEIVES_IN_RETURN = lx.Gated(NORTH_RECEIVES_IN_RETURN)
G_DEPENDENCE = lx.Gated(DEPENDENCE)

G_TECH_ASSIST = lx.Gated(TECH_ASSIST)

G_RU_HELP = lx.Gated(RU_HELP)

G_ANAPHORA = lx.Gated(ANAPHORA)

G_NORTH_IN_COMBAT = lx.Gated(NORTH_IN_COMBAT)
G_COMBAT_NOUN = lx.Gated(COMBAT_NOUN)

G_FRACTION_OF = lx.Gated(FRACTION_OF, ("%", "percent", "per cent", "half", "third", "quarter"))
# A share just before another amount: "half of the 11,000 soldiers".
FRACTION_OF_END = re.compile(FRACTION_OF.pattern + "$", _I)

G_NON_DENIAL = lx.Gated(NON_DENIAL)

G_PAST_DENIAL = lx.Gated(PAST_DENIAL_CLAUSE)

G_OMISSION = lx.Gated(OMISSION)
G_OTHER_SIDE_LOSSES = lx.Gated(OTHER_SIDE_LOSSES)
G_VICTIMS_COUNTED = lx.Gated(VICTIMS_COUNTED)

G_TRANSFER = lx.Gated(TRANSFER)

G_DEPLOY = lx.Gated(DEPLOY)

G_PRESENCE = lx.Gated(PRESENCE)
G_PRESENCE_MORE = lx.Gated(PRESENCE_MORE)

G_BATTLE = lx.Gated(BATTLE)
G_BATTLE_MORE = lx.Gated(BATTLE_MORE)

G_PRODUCTION = lx.Gated(PRODUCTION)

G_FOUGHT_IN_THE_WAR = lx.Gated(FOUGHT_IN_THE_WAR)

G_PROVENANCE = lx.Gated(PROVENANCE)

G_RETURN = lx.Gated(RETURN)


class EitherCue:
    """Two gated cues read as the alternation of their patterns (``first|second``), where no match of one begins
    at or inside a match of the other: the leftmost match of either, or all matches of both in text order."""

    __slots__ = ("first", "second")

    def __init__(self, first: lx.Gated, second: lx.Gated) -> None:
        self.first = first
        self.second = second

    def search(self, idx: lx.WordIndex, start: int, end: int) -> re.Match[str] | None:
        one = self.first.search(idx, start, end)
        other = self.second.search(idx, start, end)
        if one is None or (other is not None and other.start() < one.start()):
            return other
        return one

    def finditer(self, idx: lx.WordIndex, start: int, end: int) -> list[re.Match[str]]:
        one = self.first.finditer(idx, start, end)
        other = self.second.finditer(idx, start, end)
        if not other:
            return one
        return sorted(one + other, key=lambda m: m.start()) if one else other


# Hedge words, and "may": HEDGE's matches and HEDGE_MAY's never meet (no hedge word holds "may" as a word of its
# own, "maybe" is not followed by a word break after "may"), so together they are those of one pattern of both
# (tests/claims/test_engine.py).
G_HEDGE_WORDS = lx.Gated(HEDGE)
G_HEDGE_MAY = lx.Gated(HEDGE_MAY)
G_HEDGE = EitherCue(G_HEDGE_WORDS, G_HEDGE_MAY)

G_ATTRIBUTION = lx.Gated(ATTRIBUTION)

# A line that is only an organisation's name ("Ministry of Foreign Affairs", "Foreign, Commonwealth and
# Development Office"): the publisher's masthead at the top of a page, not the article's headline.
ORGANISATION_LINE = re.compile(
    r"(?!.*\b(?:Says|Said|Tells?|Told|Reports?|Claims?|Confirms?|Denies|Warns?)\b)"  # a Title Case headline's verb
    r"(?:(?:[A-Z][\w'&.-]*|of|for|and|the|on|&)[,\s]+){0,8}"
    r"(?:Office|Ministry|Department|Agency|Service|Council|Committee|Commission|Institute|Centre|Center|Foundation"
    r"|Bureau|Directorate|Secretariat|Embassy|Mission)"
    r"(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w'&.-]*|of|and|the|&)){1,6})?"
)
HEADLINE_WORD = re.compile(r"[A-Za-z][\w'-]*")

MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "with",
        "by",
        "as",
        "from",
        "vs",
        "via",
        "is",
        "are",
        "over",
        "into",
        "than",
    ]
)

GAP_ADJECTIVES_ED = frozenset(
    [
        "armed",
        "guided",
        "unguided",
        "advanced",
        "improved",
        "upgraded",
        "modified",
        "estimated",
        "additional",
        "so-called",
        "alleged",
        # how the things were made or what state they are in: "50 produced at home", "20 updated rocket launchers",
        # "40 refurbished howitzers" describe the things counted, as "upgraded" does (a participle of sending or
        # fate, "deployed", "captured", stays a verb: the amount may count something else)
        "produced",
        "manufactured",
        "developed",
        "designed",
        "assembled",
        "updated",
        "modernised",
        "modernized",
        "refurbished",
        "reconditioned",
        "overhauled",
        "renovated",
        "repaired",
        "enhanced",
        "towed",
        "tracked",
        "wheeled",
        "armoured",
        "armored",
        "mechanised",
        "mechanized",
        "motorised",
        "motorized",
        "trained",
        "experienced",
        "seasoned",
        "skilled",
        "specialised",
        "specialized",
        "unmanned",
        "uncrewed",
        "outdated",
        "aged",
        "used",
        "unused",
        "decommissioned",
        "mothballed",
        "stockpiled",
    ]
)
# An adverb of manner before a participle makes it a modifier of the noun: "some 50 domestically produced guns", "30
# newly built launchers". A hedge ("reportedly", "likely") more often opens the verb of a clause whose subject
# the amount is ("300 reportedly crossed with the troops"), and "early", "only" are no adverbs of manner.
GAP_ADVERB_LY = re.compile(
    r"(?!(?:reported|alleged|reputed|apparent|like|probab|possib|previous|evident|current|ear|on)ly$)[a-z]{3,}ly"
)

# A domain word that makes a compound with the missile after it ("nuclear missile technology", "submarine missile-launch
# systems"): the missile carries the domain, one domain (dev11, dev12 label only the first).
DOMAIN_BEFORE_MISSILE = re.compile(r"\b(?:nuclear|submarine)[- ]missiles?\b", re.I)
NUCLEAR_SUBMARINE = re.compile(r"\bnuclear(?:[- ]powered)?\s+(?:attack\s+|ballistic[- ]missile\s+)?submarines?\b", re.I)

# A named body as the subject of a verb of statement: "the Centre for Strategic Communications under
# Ukraine's Ministry of Culture stated". Capitalised words, joined by "of", "for", "under", "on", "and".
PROPER_SUBJECT = re.compile(
    # (a capitalised word that opens sentences is no name's first word: "As Ukrinform reported", "But ...")
    r"(?:^(?!(?:As|But|And|Also|However|Meanwhile|Still|Yet|So|Then|Earlier|Later|Now|Previously|In|On|At|After|While"
    r"|When|If|Although|This|That|These|Those|It|He|She|They|We)\b)|(?<=[,;]\s)|(?<=\b[Tt]he\s))(?P<name>(?-i:[A-Z][\w.'-]*)(?:\s+(?:(?:of|for|under|on|at|and|'s)\s+)*(?-i:[A-Z][\w.'-]*)){1,8})"
    r"\s+(?:(?:also|has|have|had|later|on\s+\w+)\s+)*$"
)
# A verb that credits a publication, put after what it says: "..., reports The Times", "..., writes the newspaper".
CREDIT_VERBS = frozenset({"reports", "reported", "writes", "wrote"})
# The medium named before, pointed back to after such a verb ("..., writes the newspaper")
MEDIUM_AFTER = re.compile(
    r"\s+the\s+(?:British\s+|American\s+|Japanese\s+|South\s+Korean\s+|Ukrainian\s+|Russian\s+)?"
    r"(?:newspaper|paper|daily|weekly|magazine|outlet|publication|broadcaster|news\s+agency|agency)\b",
    _I,
)
STATEMENT_VERBS = frozenset({"stated", "states", "announced", "reported", "reports", "concluded", "wrote"})

PROPER_SOURCE = re.compile(
    r"\s+(?:the\s+)?((?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*(?:\s+(?:intelligence|officials|ministry|agency|government|data|estimates|analysts))?)"
)

# Several nations' services or officials speaking together ("South Korean and Western intelligence agencies say",
# "according to Ukrainian, US and South Korean officials"): one joint source, named by the phrase.
_NATION_ADJECTIVE = (
    r"(?-i:South\s+Korean|Korean|American|U\.S\.|US|Ukrainian|Japanese|Western|European|British|French|German|allied)"
)
JOINT_GROUP_SOURCE = re.compile(
    rf"(?P<name>{_NATION_ADJECTIVE}(?:\s*,\s*{_NATION_ADJECTIVE})*,?\s+and\s+{_NATION_ADJECTIVE}"
    r"\s+(?:(?:military|defen[cs]e|government|security)\s+)?(?:intelligence|officials|sources))"
    r"(?:\s+(?:agencies|services|assessments?))?",
    _I,
)
# States (and the unions of states) that may speak together as one subject, by the name a joint source gives
# them: "Seoul and Washington accuse ..." is `South Korea and United States` (docs/claims-conventions.md, 5b).
JOINT_STATE_NAMES = {
    "US government": "United States",
    "United States": "United States",
    "South Korea government": "South Korea",
    "Ukraine government": "Ukraine",
    "Japan government": "Japan",
    "UK government": "United Kingdom",
    "European Union": "European Union",
    "NATO": "NATO",
    "G7": "G7",
}
# "Seoul and its allies", "the U.S. and almost 40 other countries": others joined to a state without a name.
# "Kyiv and Western nations" too: a region's states are others without a name.
# A count of states told in words ("another fifty countries")
_COUNT_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|two|three|four|five|six|seven|eight|nine|several|a\s+dozen)"
)
JOINT_STATE_TAIL = re.compile(
    # ("The US, South Korea, and others say ...": the others, unnamed, keep the text's word)
    r"\s*,?\s+and\s+(?:its\s+|their\s+)?(?P<tail>allies|partners|others|(?:other\s+)?like-minded\s+(?:countries|nations|partners)"
    r"|(?:other\s+)?(?:Western|European)\s+(?:countries|nations|states|governments|allies|partners)"
    # "and 40 other countries", "and another fifty countries", "and dozens of other nations"
    r"|(?:(?:almost|nearly|some|about|more\s+than|over|another)\s+)?(?:\d+|" + _COUNT_WORD + r")\s+"
    r"(?:other\s+)?(?:countries|nations|states)|dozens\s+of\s+other\s+(?:countries|nations|states))\b",
    _I,
)
# "... and another fifty countries in a joint statement condemned": the frame of the joint word, between the states and
# their verb
# The ministers of a number of states, as the subject of their verb ("The foreign ministers of 47 countries, including
# the US, ..., condemned ..."): the group by its own words, not the few members named (25o).
COUNTED_MINISTERS_BEFORE = re.compile(
    r"\b(?P<words>(?:foreign|defen[cs]e)\s+ministers\s+of\s+(?:\d+|"
    + _COUNT_WORD
    + r")\s+(?:other\s+)?(?:countries|nations|states))"
    # (the members named after them, and the frame of their statement: "..., published a joint statement")
    r"\b[^.;:]{0,200}$",
    _I,
)
JOINT_STATEMENT_FRAME = re.compile(r"\s*,?\s*in\s+a\s+joint\s+(?:statement|declaration|communiqu\w+)\s*,?", _I)
# The words of such a tail that keep their capital in the joint source's name ("Ukraine and Western nations").
PROPER_ADJECTIVES = frozenset({"western", "european"})
# "was condemned by the U.S. and ...", "as confirmed by Ukrainian military intelligence": the passive's agent.
# ("as reported both by Kyiv and Washington", "was condemned jointly by ...": a word may stand before "by")
PASSIVE_AGENT_AFTER = re.compile(r"\s+(?:both\s+|jointly\s+|also\s+|separately\s+)?by\s+(?:the\s+)?(?=\S)", _I)
# A statement named by its noun, whose speaker follows "by" as a passive verb's agent does ("an admission by the
# North that ...", "a statement by the Kremlin").
NOUN_OF_SAYING = re.compile(
    r"(?:admission|acknowledge?ment|confirmation|announcement|statement|claim|accusation|allegation|assessment)s?", _I
)
# ... and after "from" as well as "by" ("an admission from Pyongyang that ...").
NOUN_AGENT_AFTER = re.compile(r"\s+(?:by|from)\s+(?:the\s+)?(?=\S)", _I)
AS_BEFORE = re.compile(r"\bas\s+$", _I)

# What may stand between such a subject and its verb of saying: "have long", "having", "also".
JOINT_GROUP_BEFORE_VERB = re.compile(r"(?:\s+(?:have|has|had|having|long|also|now|all|both))*\s+$", _I)
# "according to a study by the X Foundation": the study's author speaks.
# ("an analysis conducted by ...", "a study carried out by ...": the one who did the work is its author too)
ACCORDING_TO_WORK_BY = re.compile(
    r"\s+(?:a|an|the)\s+(?:new\s+|recent\s+|latest\s+)?(?:study|report|analysis|assessment|investigation|survey)"
    r"\s+(?:released\s+|published\s+|issued\s+|conducted\s+|carried\s+out\s+|prepared\s+|compiled\s+)?(?:by|from)(?=\s)",
    _I,
)
# How far after "by" the author the lexicon knows may be named ("by the UK-based research group X").
WORK_AUTHOR_REACH = 48

SPEAKER = re.compile(r"\s*((?:MR\.|MS\.|MRS\.|DR\.)?\s*[A-Z][A-Za-z.' -]{1,40}?):\s")

CLAUSE_VERB_AFTER = re.compile(
    r"\s+(?:also\s+|now\s+|still\s+)?(?:is|are|was|were|has|have|had|will|would|could|may|might|can|did|does|do)\b"
    r"|\s+(?-i:[a-z]+(?:ed|es))\b(?!\s+(?:on|in|at|during|last|this)\b)",
    _I,
)

# The words between a group of voices and its verb of saying ("Western analysts say", "Ukrainian experts have also
# said"): the group so followed is the one that tells, where a sentence names two (extract.group_named_in, 25n).
GROUP_VERB_LEAD = re.compile(r"\s*(?:(?:have|has|had|also|now|widely|generally|all)\s+){0,2}", _I)

AUXILIARY_AFTER = re.compile(
    r"\s+(?:also\s+|too\s+|,\s+too,\s+)?(?:has|have|had|is|was|were|will|would|itself|again)\b", _I
)


class Cues:
    """Cue matches of one sentence, found on first use."""

    def __init__(self, idx: lx.WordIndex, start: int, end: int, skip: list[tuple[int, int]] | None = None) -> None:
        self._args = (idx, start, end)
        self._cache: dict[str, list[re.Match[str]]] = {}
        # Clauses that report nothing ("the possibility of export cannot be discussed"): a verb in
        # one says nothing of the things outside it.
        self._skip = skip or []
        self._switches: list[int] | None = None

    def _get(self, name: str, gated: lx.Gated) -> list[re.Match[str]]:
        if name not in self._cache:
            idx, start, end = self._args
            work = idx.work
            # "had not yet been seen in combat": a negated cue says the opposite.
            self._cache[name] = [
                m
                for m in gated.finditer(idx, start, end)
                if not NEGATED_BEFORE.search(work, max(start, m.start() - 30), m.start())
                and not (self._skip and any(lo <= m.start() < hi for lo, hi in self._skip))
            ]
        return self._cache[name]

    @property
    def switches(self) -> list[int]:
        """Where a clause of contrast or cause opens (``CLAUSE_SWITCH``), in order: a cue across one is another
        clause's."""
        if self._switches is None:
            self._switches = [m.start() for m in G_CLAUSE_SWITCH.finditer(*self._args)]
        return self._switches

    @property
    def provenance(self) -> list[re.Match[str]]:
        return self._get("provenance", G_PROVENANCE)

    @property
    def presence(self) -> list[re.Match[str]]:
        if "presence_all" not in self._cache:
            found = [*self._get("presence", G_PRESENCE), *self._get("presence_more", G_PRESENCE_MORE)]
            self._cache["presence_all"] = sorted(found, key=lambda m: m.start())
        return self._cache["presence_all"]

    @property
    def transfer(self) -> list[re.Match[str]]:
        # "missiles that may be receiving Russian technical help": what is received is help, so the
        # things before the verb are helped (the North's own programme), not moved.
        if "transfer_done" not in self._cache:
            work = self._args[0].work
            self._cache["transfer_done"] = [
                m
                for m in self._get("transfer", G_TRANSFER)
                if not (RECEIVING.fullmatch(m.group(0)) and HELP_RECEIVED_AFTER.match(work, m.end()))
                and not (
                    work.startswith("-", m.start() - 1)
                    and ORIGIN_HYPHEN_BEFORE.search(work, max(0, m.start() - 20), m.start())
                )
            ]
        return self._cache["transfer_done"]

    @property
    def deploy(self) -> list[re.Match[str]]:
        return self._get("deploy", G_DEPLOY)

    @property
    def battle(self) -> list[re.Match[str]]:
        # "sent troops to train and ultimately fight": a purpose says what they are for, not that they fought.
        if "battle_done" not in self._cache:
            idx = self._args[0]
            work, low = idx.work, idx.low
            # "half of what Russian gunners fire": a free relative names an amount of Russia's use, not an event
            self._cache["battle_done"] = [
                m
                for m in sorted(
                    [*self._get("battle", G_BATTLE), *self._get("battle_more", G_BATTLE_MORE)], key=lambda m: m.start()
                )
                if not in_purpose(work, m.start())
                and not WEAPON_AFTER_MODIFIER.match(work, m.end())
                and not WITHDRAWN_FROM_BEFORE.search(work, max(0, m.start() - 80), m.start())
                and not (
                    "what " in low[max(0, m.start() - 50) : m.start()]
                    and AMOUNT_OF_WHAT_BEFORE.search(work, max(0, m.start() - 50), m.start())
                )
            ]
        return self._cache["battle_done"]

    @property
    def production(self) -> list[re.Match[str]]:
        # "parts used in weapons manufacturing": inputs for production, not the North's output
        if "production_done" not in self._cache:
            idx, start, _ = self._args
            self._cache["production_done"] = [
                m
                for m in self._get("production", G_PRODUCTION)
                if not INPUTS_FOR_BEFORE.search(idx.work, max(start, m.start() - 60), m.start())
                and not made_where(idx.work, m)
                and not (
                    idx.work.startswith("-", m.start() - 1)
                    and ORIGIN_HYPHEN_BEFORE.search(idx.work, max(start, m.start() - 20), m.start())
                )
            ]
        return self._cache["production_done"]


# A participle joined to the North's name ("North Korean-supplied missiles", "DPRK-produced shells") says where the
# thing comes from (PROVENANCE), not that it was moved or made in the clause: what the sentence tells of the thing
# decides its kind, and the origin alone is a shipment only when nothing else is told.
ORIGIN_HYPHEN_BEFORE = re.compile(r"\b(?:North\s+Korean?|N\.\s?Korean|Pyongyang|DPRK)-$", _I)


# Where one thing was made, not what the North turns out: a passive participle followed by its place ("the
# missile was manufactured in North Korea", "a launcher that is produced at state enterprises") or joined to
# an adverb ("domestically-produced ammunition"). Output keeps its claim: "the plants produced two million
# shells", "shells are being produced around the clock", "missiles produced in the North last year doubled".
MADE_WHERE = re.compile(r"produced|manufactured|made", _I)
MADE_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:[a-z]+ly\s+)?$|\b[a-z]+ly[- ]$", _I)
MADE_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+(?!(?:full|a\s+rate|the\s+rate|record|large|great|huge|mass|\d))", _I)
MADE_ADVERB_BEFORE = re.compile(r"\b(?:domestically|locally|home|indigenously)[- ]$", _I)


# A participle of making right after the thing, other participles of its making before it, and where or by whom it
# was made after ("missiles designed, developed and produced in the DPRK were used against Ukraine", "shells
# manufactured by North Korean plants were fired"): where the thing comes from, when the clause's verb is a fight's
# (kinds.materiel_kind).
MADE_PARTICIPLE_GAP = re.compile(r"[\"'\u201d\u2019]?\s+(?:[a-z]+ed\s*,?\s+){0,3}(?:and\s+)?", _I)
MADE_BY_OR_IN_AFTER = re.compile(r"[\"'\u201d\u2019]?\s+(?:in|by|at)\s+", _I)


def made_where(work: str, cue: re.Match[str]) -> bool:
    """The production cue tells the origin of a made thing (:data:`MADE_WHERE`), not an output."""
    if not MADE_WHERE.fullmatch(cue.group(0)):
        return False
    before = work[max(0, cue.start() - 30) : cue.start()]
    if MADE_ADVERB_BEFORE.search(before):
        return True
    return bool(MADE_PASSIVE_BEFORE.search(before) and MADE_PLACE_AFTER.match(work, cue.end()))


# Inputs named by the production they serve ("parts used in weapons manufacturing", "materials for shell
# production", "technology for missile production"): what was supplied, not what the North makes.
INPUTS_FOR_BEFORE = re.compile(
    r"\b(?:parts|components|materials|inputs|machinery|machine\s+tools|equipment|technolog(?:y|ies)|know-how|expertise)"
    r"\s+(?:(?:used|needed|required)\s+)?"
    r"(?:in|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
# What a weapon can fire or carry, told after it ("launchers that can fire guided rockets", "howitzers capable of
# firing 170mm shells", "systems able to launch cruise missiles"): the rounds it takes describe the weapon and are not
# a second thing moved or used. Only a clause of ability: "the launchers that fired rockets at Kharkiv" tells a use.
FIRED_BY_WEAPON_BEFORE = re.compile(
    r"\b(?:(?:that|which)\s+(?:can|could)|(?:capable\s+of|able\s+to)|(?:that|which)\s+(?:are|is)\s+(?:capable\s+of|able\s+to))"
    r"\s+(?:also\s+|both\s+)?(?:fir(?:e|ing)|launch(?:ing)?|shoot(?:ing)?|carry(?:ing)?|deliver(?:ing)?|us(?:e|ing))\s+"
    r"(?:both\s+)?(?:[\w-]+\s+){0,3}$",
    _I,
)
# Losses named as the cause of what a sentence tells ("the units withdrew due to heavy losses", "their activity fell
# because of mounting casualties", "the heavy losses are due to poor training"): the losses are presupposed, the news is
# what they explain. Read before the casualty word, and after it for the losses as the subject of the explaining.
LOSSES_AS_CAUSE_BEFORE = re.compile(
    r"\b(?:due\s+to|because\s+of|owing\s+to|as\s+a\s+result\s+of|in\s+view\s+of|given)\s+"
    r"(?:(?:the|their|its|such|these)\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
LOSSES_AS_CAUSE_AFTER = re.compile(
    # (the people may be named between: "the casualties among the North Korean soldiers could be attributed to")
    r"(?:\s+(?:among|of|in)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:troops|soldiers|forces|units|North\s+Koreans))?"
    r"\s+(?:(?:are|were|was|is|have\s+been|had\s+been|(?:could|can|may|might|would)\s+be)\s+)?"
    r"(?:largely\s+|mainly\s+|partly\s+)?(?:due\s+to|attributed\s+to|blamed\s+on|caused\s+by|explained\s+by)\b",
    _I,
)
# (two goods may share the noun: "technology for missile and submarine production")
PRODUCTION_NOUN_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[\w-]+)?\s+(?:manufactur(?:e|ing)|production|making|industry)\b", _I
)
# "Sanctioned" or "designated" telling a standing, not a statement made: an attribute ("the sanctioned country", "two
# sanctioned states"), a perfect passive ("vessels that have been individually sanctioned"), the second half of a
# compound adjective ("UN-sanctioned ships", "U.S.-designated tankers", "its United Nations-sanctioned missile
# programme") or a word after a preposition, where no verb stands ("talks with sanctioned arms firms", "cargo carried
# on designated vessels"). Who sanctioned the thing, and when, is not this sentence's news (convention 25a).
SANCTIONED_STATUS_BEFORE = re.compile(
    r"\b(?:the|a|an|two|both|been(?:\s+\w+ly)?|with|of|on|from|to|for|by|aboard|via)\s+$|(?<=[\w.])-$", _I
)
# A condemning act told as what would follow, or only on a condition ("which would violate UN sanctions", "it would
# also likely trigger fresh sanctions", "will not hesitate to impose sanctions if and when"): no one condemned anything
# (convention 24j). Reported speech keeps its "would" for an act announced or judged: "said it would impose
# sanctions" is the announcement, and "said the dispatch would be a clear violation" the verdict, so a modal followed
# by the condemning verb (at once or after an adverb: CONDEMNING_VERB), or by "be", is left alone.
CONDEMNATION_SUPPOSED_BEFORE = re.compile(
    r"\b(?:would|could|might)\s+(?P<after_modal>(?!be\b)(?:[\w-]+\s+){0,4})$|\bnot\s+hesitate\s+to\s+$", _I
)
# One of these is in every match of CONDEMNATION_SUPPOSED_BEFORE.
CONDEMNATION_SUPPOSED_STEMS = ("would", "could", "might", "hesitate")
# The condemning verb right after the modal, or after an adverb or two ("said it would also impose sanctions", "would
# soon freeze the assets"): the act announced in reported speech.
CONDEMNING_VERB = re.compile(
    r"(?:(?:also|soon|now|then|again|further|[a-z]+ly)\s+){0,2}"
    r"(?:impos|slap|levy|levie|announc|introduc|adopt|sanction|blacklist|designat|condemn|denounc|critici|freez|froze"
    r"|list|add|hold)\w*",
    _I,
)
# Sanctions named as a standing regime that is watched, applied or broken ("monitoring the implementation of UN
# sanctions against North Korea", "in violation of sanctions on Pyongyang", "enforcement of the sanctions"): no one
# imposes them here.
SANCTIONS_REGIME_BEFORE = re.compile(
    r"\b(?:implementation|implementing|enforcement|enforcing|monitoring|violation|violations|violating|breach"
    r"|breaches|breaching|evasion|evading|circumvention|circumventing|defiance|defying)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?:UN|U\.N\.|United\s+Nations|international|Western|existing|multilateral)\s+)?(?:Security\s+Council\s+)?$",
    _I,
)
# "attack drones", "assault rifles", "strike aircraft", "combat troops": the word names a kind of weapon or unit, not
# an attack or a fight.
WEAPON_AFTER_MODIFIER = re.compile(
    r"\s+(?:drones?|UAVs?|helicopters?|aircraft|jets?|rifles?|submarines?|boats?"
    r"|troops|soldiers|units?|forces|brigades?|battalions?|engineers"
    # "Soviet-era combat materiel", "a Pantsir-class combat vehicle": a kind of equipment (23l)
    r"|materiel|equipment|vehicles?|gear)\b",
    _I,
)
# Soldiers taken out of the fighting: "withdrawn from sections of the front line", "pulled back from the frontline",
# "the withdrawal of North Korean soldiers from the front lines": the front is where they left, no use told (23l).
WITHDRAWN_FROM_BEFORE = re.compile(
    r"\b(?:withdr[ae]wn?|withdrawals?|withdrawing|withdraws|pull(?:ed|ing|s)?\s+(?:back|out)|retreat(?:ed|ing|s)?"
    r"|rotated\s+out)\b[^.;]{0,45}?\bfrom\s+(?:(?:sections?|parts?|some)\s+of\s+)?(?:the\s+)?(?:[A-Z][\w-]*\s+)?$",
    _I,
)
# "of what Russian gunners fire", "of what its army uses": the whole a share is taken of.
AMOUNT_OF_WHAT_BEFORE = re.compile(r"\bof\s+what\s+(?:[\w'-]+\s+){1,3}$", _I)
# People as the ones an attack falls on ("troops are being eliminated", "units were ambushed").
HARMED_AFTER = re.compile(
    r"\s+(?:are|were|is|was|have\s+been|has\s+been|had\s+been)\s+(?:being\s+)?(?:eliminated|hunted|targeted"
    r"|destroyed|attacked|struck|ambushed|bombed|shelled|wiped\s+out|neutrali[sz]ed)\b"
    # "troops have reportedly suffered heavy losses in Kursk": where the losses fell
    r"|\s+(?:(?:have|has|had)\s+)?(?:[a-z]+ly\s+)?(?:suffer(?:s|ed|ing)?|sustain(?:s|ed|ing)?|tak(?:e|es|en|ing)|took)\s+"
    r"(?:[\w-]+\s+){0,2}(?:losses|casualties)\b",
    _I,
)
# People named by what befell them ("captured North Korean soldiers", "the wounded troops"): the place named
# with them is where they were taken or fell.
BEFALLEN_BEFORE = re.compile(
    r"\b(?:captured|wounded|injured|killed|dead|fallen|imprisoned)\s+(?:(?:North\s+)?Korean\s+|DPRK\s+)?$", _I
)
# People counted into a group already named ("officers were among them", "among them were officers").
# People named as the target of sanctions ("sanctions on the North's defence minister and four generals"): the
# ones punished, not a group sent or the thing condemned.
SANCTION_TARGET_BEFORE = re.compile(
    r"\bsanction(?:s|ed|ing)?\s+(?:(?:on|against|targeting)\s+)?"
    r"(?:(?!(?:for|over|after|because|since|sending|sent|deploying|dispatching|supplying)\b)[\w'\u2019.-]+,?\s+){0,10}$",
    _I,
)
# Ammunition in general, then what most of it is: "rounds of ammunition, mainly 122mm and 152mm shells".
GENERAL_MATERIEL = frozenset({"munitions"})
MAINLY_AFTER = re.compile(r",\s+(?:mainly|mostly|largely|primarily|chiefly|predominantly|overwhelmingly)\s+", _I)
# Words that only modify the noun after them: calibres, names of guns, "and" between two calibres ("122 mm and 152 mm").
MODIFIERS_ONLY = re.compile(r"(?:(?:[\w-]+|\d+\s?mm)\s+){0,6}", _I)
# Between a counted group and a count of the same thing inside it: "500 officers, including three generals".
SUBGROUP_GAP = re.compile(
    r",?\s+(?:(?P<including>including|among\s+them|among\s+whom|of\s+whom|of\s+which)|and)\s+", _I
)
# Items whose words name ranks of one class, so that a count joined by "and" to another count of the class is inside
# it: generals are officers.
RANKED_ITEMS = frozenset({"military_officers"})
INCLUDED_IN_GROUP_BEFORE = re.compile(
    r"\b(?:soldiers|troops|servicemen|men|personnel|fighters|Koreans)\s*,\s+including\s+(?:[\w-]+\s+){0,3}$", _I
)
AMONG_THEM_AFTER = re.compile(r"\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:them|those|the\s+[\w-]+)\b", _I)
AMONG_THEM_BEFORE = re.compile(r"\bamong\s+(?:them|those)\s+(?:were|was|are|is)\s+(?:also\s+)?(?:[\w-]+\s+){0,3}$", _I)
RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:who|that|which)\b", _I)
# The object of a combat verb that points back to a list: "used them", "fired both", "has used all of them".
ALL_OF_THEM_AFTER = re.compile(r"\s+(?:them(?:\s+all)?|both|all\s+of\s+them|these|those)\b(?!\s+(?:to|for)\b)", _I)
# Leaving the war rather than going to it ("returned from combat", "withdrew from the front").
LEAVING = re.compile(r"returning|returned|withdr[ae]w\w*", _I)
# A verb of providing moves only what it governs. A group named before "provided with" receives ("soldiers
# were provided with forged papers"); a noun some words before "provided by" is another noun's neighbour
# ("training of the troops, gathers data provided by member states"); a group named after "provided ... with"
# beyond the with-phrase's clause belongs to another clause. "Troops provided by Pyongyang", "provided Moscow
# with shells, rockets and thousands of troops" keep their move.
PROVIDING = re.compile(r"provid(?:e|es|ed|ing)|supplied", _I)
PROVIDED_WITH_OR_BY = re.compile(r"\s+(with|by)\b", _I)
PASSIVE_BEFORE_PARTICIPLE = re.compile(
    r"\s*,?\s*(?:(?:which|that|who)\s+)?(?:(?:is|are|was|were|being|been|have\s+been|has\s+been|had\s+been)\s+)?"
    r"(?:[a-z]+ly\s+)?",
    _I,
)
CLAUSE_BREAK_IN_GAP = re.compile(
    r"[;:]|\s[\u2013\u2014-]\s|,\s*(?:which|who|whom|where|while|as|in|to|after|before|but|although|though|so)\b", _I
)


def provides_another(work: str, cue: re.Match[str], start: int, end: int) -> bool:
    """The providing verb ``cue`` governs something other than the mention at ``start``..``end``."""
    if not PROVIDING.fullmatch(cue.group(0)):
        return False
    after = PROVIDED_WITH_OR_BY.match(work, cue.end())
    if after is None:
        return False
    if end <= cue.start():
        return after.group(1).lower() == "with" or not PASSIVE_BEFORE_PARTICIPLE.fullmatch(work, end, cue.start())
    if after.group(1).lower() == "by":
        return True  # the agent that provides, not the thing provided
    return bool(CLAUSE_BREAK_IN_GAP.search(work, after.end(), start))


# A thing or group with no figure, named with a past participle of moving right after it ("troops sent by
# Pyongyang were ...", "payment for weapons and troops sent to Moscow"), is what was moved before: the
# participle and its destination are no new move of it. A count keeps its claim ("the 10,000 soldiers sent to
# Kursk"), and so does a verb of moving of its own ("troops sent by Pyongyang reached the front").
MOVED_PARTICIPLE_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[\w-]+)?\s+(sent|supplied|provided|shipped|delivered|dispatched|deployed|transferred)"
    r"\s+(?:to|by|from|in|into)\s+(?:the\s+)?[\w'\u2019-]+",
    _I,
)


# The mirror: a participle of use that describes the thing ("the shells used by Russia", "missiles fired at Kyiv"),
# when a verb of moving governs it after ("... are being supplied by North Korea"): what the thing is, not the news.
# ... the verb of moving in the passive with the North as its agent ("are being supplied by North Korea").
SUPPLIER_AGENT_AFTER = re.compile(r"\s+by\s+(?:the\s+)?(?:North\s+Korea|Pyongyang|the\s+North|DPRK)\b", _I)
USED_PARTICIPLE_AFTER = re.compile(
    r"\s+(used|fired|expended|consumed|launched)\s+(?:by|in|at|against|on)\s+(?:the\s+)?[\w'\u2019-]+", _I
)


def moved_before(work: str, mention_end: int) -> tuple[int, int] | None:
    """The span of a participle of moving that describes the mention ending at ``mention_end``, if any."""
    m = MOVED_PARTICIPLE_AFTER.match(work, mention_end)
    return (m.start(1), m.end()) if m else None


# People said to fight, by a verb or participle ("soldiers fighting for Russia", "killed while fighting
# Ukrainian forces", "those who fought in Kursk"), unlike the fighting named as the setting of losses ("lost in
# the fighting", "killed in a battle against drones").
SETTING_OF_LOSSES = lx.StemGuarded(
    re.compile(r"\bin\s+(?:the\s+|a\s+|an\s+)?(?:fighting|fight|combat|battles?|assaults?|clashes)\b", _I)
)
TROOPS_FIGHTING = lx.StemGuarded(
    re.compile(
        r"\b(?:fighting|fight|fights|fought)\s+(?:for|alongside|along|with|against|beside|on\s+the\s+side|Ukrain)"
        r"|\bwhile\s+fighting\b|\bfought\b",
        _I,
    )
)


# A verb of receiving, and help as its object ("receiving Russian technical assistance", "got help from Moscow").
RECEIVING = re.compile(r"receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|acquir(?:e|es|ed|ing)", _I)
HELP_RECEIVED_AFTER = re.compile(
    # "receive training in drone control": what is received is instruction, and the things named are its subject
    r"\s+(?:[\w-]+\s+){0,3}?(?:assistance|help|support|aid|know-how|expertise|advice|guidance|training|instruction)\b",
    _I,
)
# Small patterns the rules use in their inner loops, compiled once.
# "in exchange for food, according to one of its officials": a credit between the thing and a number ends the link
LINK_BREAK = re.compile(r"[;:]|\band\b|\bbut\b|\baccording\b|\bciting\b")
GAP_PUNCTUATION = re.compile(r"[,;:()\"]")
OPENING_QUOTES = ('"', "\u201c")
CLOSING_QUOTES = ('"', "\u201d")
GAP_WORD = re.compile(r"[\w'.-]+")
DIGITS_WORD = re.compile(r"\d[\d,.]*")
COUNTRY_OBJECT_GAP = re.compile(r"[,;]|\b(?:to|from|in|of|with|by|for|the|that)\b")
SUBJECT_GAP_BREAK = re.compile(r"[;,]")
CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")
DENIER_GAP_BREAK = re.compile(r"[,;:]|\bthat\b")
MIXED_FORCE = re.compile(
    r"\bRussian\s+(?:and|or)\s+(?:North\s+Korean|DPRK)\b|\b(?:North\s+Korean|DPRK)\s+(?:and|or)\s+Russian\b", _I
)
# "2,000 soldiers deployed to help Russia fight are believed to have been killed": a participle
# saying who the soldiers are, then the verb of their fate; a longer gap, read as one subject.
CASUALTY_SUBJECT_GAP = re.compile(
    r"\s+(?:deployed|sent|dispatched|fighting|serving|stationed|posted)\b[^,;:.()]{0,90}?"
    r"\b(?:are|were|have|has|had|is|was)\b[^,;:.()]{0,40}"
    # "three soldiers, including two officers and an interpreter, were injured": who they were, set off by commas
    r"|,\s+(?:including|among\s+them|among\s+whom|most\s+of\s+them|many\s+of\s+them)\b[^,;:.()]{0,100},\s+"
    r"(?:(?:are|were|have|has|had|is|was)\s+)?(?:been\s+|reportedly\s+|also\s+)?"
)
# "the number of soldiers killed", "the toll of North Korean dead", "the total of shells": a figure spoken of. (One copy:
# a wider twin above, with "total", "quantity" and "volume" after an article, had been shadowed by this one.)
NUMBER_OF_BEFORE = re.compile(
    r"\b(?:number|count|toll|tally|figures?|(?:the|its|their)\s+(?:total|quantity|volume))\s+of\s+(?:[\w-]+\s+){0,3}$",
    _I,
)
# Soldiers named by who sent them ("soldiers sent by North Korea"), in a sentence about their fate.
# Soldiers already abroad sent on by their hosts' commanders: into the fighting itself ("sent into battle",
# "send them on assaults", "sent to their deaths in attacks"), or to the front when the sent are pointed back at
# ("they will be sent to the front line", "send the North Koreans to the front"). A soldier "sent to the front"
# told by his own name is how he came there: the deployment, left to the people rule.
_SEND = r"\b(?:send|sends|sent|sending)\s+"
_INTO_FIGHT = r"(?:into\s+(?:the\s+)?(?:battle|combat|fighting)|on\s+(?:suicidal\s+)?(?:assaults?|attacks?)|to\s+(?:their\s+|certain\s+)?deaths?)\b"
_POINTED_BACK = r"(?:them|the\s+North\s+Koreans|these\s+(?:troops|soldiers))\s+"
# Searched in nearly every sentence read: only where one of its fighting words is.
SENT_ON_INTO_FIGHT = lx.StemGuarded(
    re.compile(
        _SEND
        + r"(?:"
        + _POINTED_BACK
        + r")?"
        + _INTO_FIGHT
        + r"|"
        + _SEND
        + _POINTED_BACK
        + r"to\s+(?:the\s+)?front(?:[\s-]*lines?)?\b"
        + r"|\b[Tt]hey\s+(?:\w+\s+){0,4}?sent\s+to\s+(?:the\s+)?front(?:[\s-]*lines?)?\b",
        _I,
    )
)
SENT_BY_AFTER = re.compile(
    r"\s+(?:sent|deployed|dispatched)\s+(?:by|from)\s+(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK|Kim)\b", _I
)
CASUALTY_GAP_BREAK = re.compile(r"[;:]|\b(?:and|but)\s+(?:\d|about|around)")
