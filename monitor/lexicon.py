"""The domain vocabulary: who the two sides are, what moves between them, who says so.

Shared by :mod:`monitor.relevance` and :mod:`monitor.extract`. Each table is compiled once
into a single alternation with one named group per entry, so a whole article is scanned in
one pass per table and ``match.lastgroup`` says which entry matched.

Order matters inside each table: Python's regex alternation takes the first branch that
matches at a position, so specific phrases ("missile technology", "rocket launchers") come
before the general words they contain ("missiles", "rockets").
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = [
    "ITEM_CATEGORY",
    "ITEMS",
    "NK",
    "RU",
    "SOURCES",
    "TechDomain",
    "compile_table",
]


def compile_table(entries: Iterable[tuple[str, str]], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], list[str]]:
    """One regex for a list of (value, pattern); returns it and the value of each group."""
    values: list[str] = []
    parts: list[str] = []
    for i, (value, pattern) in enumerate(entries):
        values.append(value)
        parts.append(f"(?P<g{i}>{pattern})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", flags), values


def group_value(m: re.Match[str], values: list[str]) -> str:
    """The table value of the entry that produced ``m``."""
    return values[int(m.lastgroup[1:])]  # type: ignore[index]


# --- the two sides ---------------------------------------------------------------------------

NK = re.compile(
    r"(?<![\w-])(?:North\s+Korean?s?|N\.\s?Korean?|NKorea|DPRK|D\.P\.R\.K\.|Pyongyang(?:'s)?|Kim\s+Jong[-\s]?[Uu]n"
    r"|Kim\s+Yo[-\s]?[Jj]ong|KPA|Korean\s+People'?s\s+Army|KCNA|Korean\s+Central\s+News\s+Agency"
    r"|the\s+North(?:'s)?|Rodong\s+Sinmun|Workers'?\s+Party\s+of\s+Korea)(?![\w])",
)
RU = re.compile(
    r"(?<![\w-])(?:Russian?s?|Russia's|Moscow(?:'s)?|Kremlin|Putin(?:'s)?|Shoigu|Lavrov|Peskov|Belousov"
    r"|Gerasimov|Kursk|Vladivostok|Vostochny|Khasan|Zakharova|Medvedev)(?![\w])",
)
# The war Russia wages: NK arms "used against Ukraine" imply the Russian side.
WAR = re.compile(
    r"(?<![\w-])(?:Ukrain(?:e|e's|ian|ians)|Kyiv|Kiev|Zelensk(?:y|yy|iy|i)|Kharkiv|Zaporizhzhia|Donetsk"
    r"|Donbas|Bakhmut|Avdiivka|Pokrovsk)(?![\w])",
)

# --- items -------------------------------------------------------------------------------------

# Category of each item: which kinds it can take and which way it flows.
ITEM_CATEGORY: dict[str, str] = {
    "artillery_shells": "materiel", "rockets": "materiel", "munitions": "materiel",
    "containers": "materiel", "ballistic_missiles": "materiel", "cruise_missiles": "materiel",
    "anti_tank_missiles": "materiel", "missile_launchers": "materiel",
    "multiple_rocket_launchers": "materiel", "self_propelled_guns": "materiel",
    "artillery_systems": "materiel", "military_equipment": "materiel", "drones": "materiel",
    "troops": "troops",
    "weapons_experts": "personnel", "workers": "personnel", "combat_engineers": "personnel",
    "military_construction_workers": "personnel", "military_officers": "personnel",
    "satellite_technology": "technology", "space_technology": "technology",
    "missile_technology": "technology", "aircraft_technology": "technology",
    "fighter_jets": "technology", "air_defense": "technology",
    "electronic_warfare_equipment": "technology", "tanks": "technology",
    "nuclear_technology": "technology", "submarine_technology": "technology",
    "military_technology": "technology", "drone_technology": "technology",
    "food": "compensation", "oil": "compensation", "raw_materials": "compensation",
    "cash": "compensation", "economic_aid": "compensation", "goods": "compensation",
    "killed": "casualty", "wounded": "casualty", "captured": "casualty",
    "killed_or_wounded": "casualty", "casualties": "casualty",
    "reconnaissance_satellite": "satellite",
    "tech": "tech",  # a technology word whose domain the sentence decides
    "_skip": "skip",  # phrases that contain item words but are not items ("rounds of talks")
}

_CAL = r"(?:\d{2,3}\s?-?\s?(?:mm|millimet(?:er|re))\s+)"
ITEMS, ITEM_VALUES = compile_table(
    [
        # Not items, though they contain item words.
        ("_skip", r"rounds?\s+of\s+(?:talks|negotiations|sanctions|discussions|meetings|consultations|tests?|launch(?:es)?|voting|fighting|strikes|attacks|layoffs|applause|golf|drinks|interviews)"),
        ("_skip", r"(?:nuclear|atomic)(?:-tipped)?\s+(?:weapons?|arms|arsenal|warheads?)|weapons?\s+(?:of\s+mass\s+destruction|programs?|programmes?|development|tests?)"),
        ("_skip", r"think[- ]tanks?|(?:oil|fuel|water|storage)\s+tanks?|tanker\s+ships?|missiles?\s+(?:tests?|launch(?:es)?|programs?|programmes?|development|firings?|provocations?|sites?|bases?|forces|units|troops)"),
        ("_skip", r"(?:rocket|satellite)\s+(?:launch(?:es)?|launch\s+(?:devices?|pads?|sites?|facilit(?:y|ies)))|space\s+launch\s+(?:facilit(?:y|ies)|sites?|centers?|centres?)|launch\s+(?:pads?|sites?|devices?)"),
        ("_skip", r"arms\s+(?:control|race)|arm[s']?\s+length|small\s+arms\s+fire|(?:foreign|finance|defen[cs]e)\s+ministers?"),
        ("_skip", r"(?:nuclear|military)[- ](?:armed|capable)|(?:Russian|Ukrainian)[- ]flagged|military\s+(?:cooperation|ties|alliance|pact|treaty|exercises?|drills?|parade|activities|capabilit(?:y|ies)|power|intelligence|officials?|leaders?|spokes(?:man|woman|person))"),
        ("_skip", r"(?:(?:drone|air|artillery|missile)\s+)?strikes?|armou?red\s+vests?|bulletproof\s+vests?"),
        # Things shipped, most specific first.
        ("multiple_rocket_launchers", rf"{_CAL}?(?:multiple[- ](?:rocket|launch)[- ](?:rocket\s+)?(?:launchers?|launch(?:er|ing)?\s+systems?|systems?)|(?-i:MLRS|MRLS?s?)|rocket\s+launchers?|rocket\s+artillery\s+systems?)"),
        ("self_propelled_guns", rf"{_CAL}?(?:self[- ]propelled\s+(?:guns?|howitzers?|artillery(?:\s+(?:guns?|systems?|pieces))?)|Koksans?(?:\s+(?:guns?|howitzers?|artillery))?|M-?1989s?)"),
        ("rockets", rf"{_CAL}rockets?|(?:artillery|unguided|guided|MRL|MLRS)\s+rockets?|rockets"),
        ("anti_tank_missiles", r"anti[- ]tank\s+(?:guided\s+)?(?:missiles?|weapons?)|(?-i:ATGMs?)|Bulsae(?:-\d)?(?:\s+missiles?)?"),
        ("cruise_missiles", r"cruise\s+missiles?"),
        ("missile_technology", r"(?:(?:ballistic|ICBM|hypersonic|long-range)\s+)?missile\s+(?:technolog(?:y|ies)|tech|know-how|expertise|components|parts|engines?)|(?:ICBM|re-?entry|hypersonic)\s+(?:technolog(?:y|ies)|tech|know-how)"),
        ("ballistic_missiles", r"(?:(?:short|close|medium|intermediate)[- ]range\s+)?ballistic\s+missiles?|KN-?2[345](?:\s+(?:ballistic\s+)?missiles?)?s?|Hwasong-?11[A-Za-z]*(?:\s+missiles?)?|(?-i:SRBMs?)|(?:North\s+Korean(?:-made|-supplied)?\s+)?missiles?"),
        ("missile_launchers", r"(?:(?:mobile|missile)\s+)?launchers|(?:mobile\s+|missile\s+)launcher|(?-i:TELs?)|transporter[- ]erector[- ]launchers?"),
        ("artillery_shells", rf"{_CAL}?(?:artillery\s+)?(?:shells|projectiles)|{_CAL}?(?:artillery\s+)?rounds(?:\s+of\s+(?:artillery\s+)?(?:ammunition|ammo|shells))?|artillery\s+(?:ammunition|ammo|munitions|supplies|shells?|rounds?)|{_CAL}(?:artillery\s+)?(?:ammunition|ammo|munitions|shells?)|mortar\s+(?:shells|rounds|bombs)|shells?(?=\s+(?:to|for|from)\b)"),
        ("artillery_systems", rf"{_CAL}?(?:artillery\s+(?:systems?|pieces|guns|cannons?)|howitzers?|field\s+guns)"),
        ("containers", r"(?:shipping\s+|cargo\s+|freight\s+)?containers?"),
        ("drone_technology", r"drone\s+(?:technolog(?:y|ies)|tech|know-how|production|manufacturing)"),
        ("drones", r"(?:attack\s+|kamikaze\s+|suicide\s+)?drones|(?-i:UAVs?)|unmanned\s+aerial\s+vehicles?|Shaheds?|Geran-?\d?s?"),
        ("weapons_experts", r"(?:weapons?|missile|artillery|ammunition|munitions|technical|military|arms)\s+(?:experts|specialists|technicians|advisers|advisors|instructors)"),
        ("military_equipment", r"military\s+(?:equipment|hardware|materiel|material|vehicles|gear|goods)|war\s+materi[ae]l|materiel|weapons?\s+systems?|armou?red\s+vehicles"),
        ("munitions", r"(?:military|war)\s+supplies|munitions?|ammunition|ammo|weapon(?:s|ry)|arms(?=\s+(?:supplies|shipments?|deliver(?:y|ies)|transfers?|trade|trading|dealings?|deals?|sales?|exports?|imports?|to\b|from\b|for\b|and\b|in\s+exchange)|[.,;])|arms|arming(?=\s+(?:Russia|Moscow|the\s+Russian|Russian))"),
        # People.
        ("combat_engineers", r"(?:combat|military|army)\s+engineers|sappers|deminers|mine[- ]clearing\s+(?:units|troops|personnel|specialists|engineers)|engineering\s+(?:troops|units|personnel)|engineers"),
        ("military_construction_workers", r"military\s+(?:construction\s+)?(?:builders|construction\s+(?:workers|troops|personnel))|construction\s+(?:workers|troops|personnel)|builders"),
        ("workers", r"(?:forced|overseas|migrant|North\s+Korean)\s+(?:workers|laborers|labourers)|(?:workers|laborers|labourers)"),
        ("military_officers", r"(?:military|army|KPA|senior|high-ranking|general\s+staff|staff)\s+officers|generals|officers"),
        ("troops", r"(?:special[- ]operations\s+|special\s+|elite\s+|combat\s+|regular\s+|ground\s+|army\s+)?(?:forces?\s+troops|troops|soldiers|servicemen|service\s*members|infantry(?:men)?|fighters)|(?:special[- ]operations|special|elite|KPA|army)\s+forces|(?:military\s+)?personnel|Storm\s+Corps|(?:11th\s+)?(?:army\s+)?corps|\d[\d,]*-strong\s+(?:contingent|force|brigade|battalion|division|unit|army)|expeditionary\s+forces?|contingents?|brigades?|battalions?|(?:military|army|combat|infantry)\s+units|forces"),
        # Casualty markers.
        ("killed_or_wounded", r"killed\s+(?:or|and|/)\s+(?:wounded|injured)|(?:dead|deaths)\s+(?:or|and)\s+(?:wounded|injured)|casualties"),
        ("killed", r"killed|dead|deaths|died|perished|slain|fatalities"),
        ("wounded", r"wounded|injured|injuries"),
        ("captured", r"captured|taken\s+(?:prisoner|captive)|prisoners?\s+of\s+war|(?-i:POWs?)|surrendered"),
        # Given in return.
        ("submarine_technology", r"(?:nuclear[- ]powered\s+)?submarine\s+(?:technolog(?:y|ies)|tech|know-how|propulsion|reactors?)|nuclear[- ]powered\s+submarines?"),
        ("nuclear_technology", r"nuclear\s+(?:technolog(?:y|ies)|tech|know-how|expertise|assistance|cooperation)"),
        ("satellite_technology", r"satellite\s+(?:technolog(?:y|ies)|tech|know-how|expertise|assistance|help|components|parts)|(?:spy|reconnaissance)\s+satellite\s+(?:technolog(?:y|ies)|tech)"),
        ("space_technology", r"space\s+(?:technolog(?:y|ies)|tech|know-how|expertise|cooperation)|rocket\s+engines?|(?:satellite\s+|space\s+)?launch\s+vehicles?"),
        ("aircraft_technology", r"(?:aircraft|aviation|aerospace)\s+(?:technolog(?:y|ies)|tech|know-how|parts|components)"),
        ("fighter_jets", r"(?:fighter|combat)\s+(?:jets?|planes?|aircraft)|fighters?\s+jets?|MiG-?(?:29|31|35)s?|Su-?(?:27|30|34|35|57)s?|warplanes?|jets"),
        ("air_defense", r"air[- ]defen[cs]e(?:\s+(?:systems?|equipment|units?|missiles?|networks?))?|Pantsirs?(?:-S1)?|S-?[34]00s?|anti-aircraft(?:\s+(?:systems?|guns?|missiles?|weapons?))?|surface-to-air\s+missiles?"),
        ("electronic_warfare_equipment", r"electronic[- ]warfare(?:\s+(?:equipment|systems?|gear|units?|capabilities))?|(?-i:EW)\s+(?:equipment|systems?|gear)|jamm(?:ing|ers?)(?:\s+(?:equipment|systems?))?"),
        ("tanks", r"T-?(?:62|72|80|90)[A-Za-z]*s?(?:\s+tanks?)?|(?:main\s+battle\s+)?tanks"),
        ("tech", r"technolog(?:y|ies|ical)(?:\s+(?:assistance|help|support|transfers?|cooperation))?|tech|know-how|expertise|technical\s+(?:help|assistance|advice|support|cooperation|expertise|know-how|aid)|(?:military\s+)?technolog(?:y|ies)"),
        ("oil", r"(?:crude\s+|refined\s+)?oil(?:\s+products)?|petroleum(?:\s+products)?|fuel|diesel|gasoline|barrels(?:\s+of\s+(?:crude\s+)?oil)?"),
        ("food", r"food(?:\s+(?:aid|supplies|shipments|assistance))?|rice|wheat|flour|grain|foodstuffs?|sugar|livestock|cattle"),
        ("raw_materials", r"raw\s+materials|iron\s+ore|minerals|rare\s+earths?|coal"),
        ("cash", r"cash|hard\s+currency|foreign\s+currency|money|payments?|(?:US\s+)?dollars|funds|revenue"),
        ("economic_aid", r"(?:economic|humanitarian|financial)\s+(?:aid|assistance|support|help)|aid"),
        ("goods", r"goods|commodities|consumer\s+products"),
        ("reconnaissance_satellite", r"(?:military\s+)?(?:reconnaissance|spy)\s+satellites?|Malligyong(?:-\d)?|satellites?"),
    ]
)

# How a "tech" word is resolved: a domain word in the sentence names the technology.
TechDomain = tuple[str, re.Pattern[str]]
TECH_DOMAINS: list[TechDomain] = [
    ("satellite_technology", re.compile(r"\b(?:satellites?|reconnaissance|spy\s+satellite|Malligyong)\b", re.I)),
    ("space_technology", re.compile(r"\b(?:space|rocket\s+engines?|launch\s+vehicles?)\b", re.I)),
    ("submarine_technology", re.compile(r"\bsubmarines?\b", re.I)),
    ("missile_technology", re.compile(r"\b(?:missiles?|ICBMs?|re-?entry|hypersonic|ballistic)\b", re.I)),
    ("aircraft_technology", re.compile(r"\b(?:aircraft|aviation|air\s+force|fighter|warplanes?|jets?)\b", re.I)),
    ("nuclear_technology", re.compile(r"\bnuclear(?![- ](?:armed|capable))\b", re.I)),
    ("air_defense", re.compile(r"\bair[- ]defen[cs]e\b", re.I)),
    ("drone_technology", re.compile(r"\bdrones?\b", re.I)),
]

# --- who says so --------------------------------------------------------------------------------

SK = r"(?:South\s+Korea(?:'s|n)?|Seoul(?:'s)?)"
# (normalised source, pattern). Person names learned from the text are added per article.
SOURCES, SOURCE_VALUES = compile_table(
    [
        ("South Korea lawmaker", r"(?:(?:South\s+Korean|opposition|ruling(?:\s+party)?|Democratic\s+Party|People\s+Power\s+Party)\s+)?(?:lawmakers?|legislators?|parliamentarians?|MPs?)|(?:parliamentary|National\s+Assembly)(?:'s)?\s+intelligence\s+committee|intelligence\s+committee|Yoo\s+Sang-?bum|Lee\s+Seong-?(?:kweun|kwon)|Park\s+Sun-?won|Youn\s+Kun-?young|Park\s+Jie-?won|Kim\s+Byung-?kee|Ha\s+Tae-?keung|Yoo|Youn"),
        ("South Korea NIS", rf"(?:{SK}\s+)?National\s+Intelligence\s+Service|(?-i:NIS)|(?:{SK}\s+)(?:top\s+|main\s+|chief\s+)?(?:spy|intelligence)\s+(?:agency|service)|(?:{SK}\s+)?spy\s+agency|Seoul's\s+intelligence|South\s+Korean\s+intelligence(?:\s+officials)?|Cho\s+Tae-?yong|Kim\s+Kyou-?hyun"),
        ("South Korea JCS", rf"(?:{SK}\s+)?Joint\s+Chiefs\s+of\s+Staff|(?-i:JCS)"),
        ("South Korea Ministry of Defense", rf"{SK}\s+(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+(?:National\s+)?Defen[cs]e|(?:national\s+)?defen[cs]e\s+ministry|military)|(?:{SK}\s+)?Ministry\s+of\s+National\s+Defen[cs]e|(?-i:MND)|(?:{SK}\s+)?(?:Defen[cs]e\s+Minister\s+)?(?:Shin\s+Won-?sik|Kim\s+Yong-?hyun|Lee\s+Jong-?sup|Ahn\s+Gyu-?back)|(?-i:Shin)"),
        ("South Korea presidential office", rf"(?:{SK}\s+)?presidential\s+office|Cheong\s+Wa\s+Dae|(?:President\s+)?Yoon\s+Suk[-\s]?Yeol(?:'s\s+office)?|Yoon's\s+office|Yoon|Chang\s+Ho-?jin|Kim\s+Tae-?hyo|Wi\s+Sung-?lac|(?:President\s+)?Lee\s+Jae-?myung|{SK}\s+(?:government|foreign\s+ministry|unification\s+ministry)"),
        ("White House", r"White\s+House|National\s+Security\s+Council|(?-i:NSC)|(?:John\s+)?Kirby|(?:Jake\s+)?Sullivan|Karine\s+Jean-Pierre|Jean-Pierre|(?:President\s+)?(?:Joe\s+)?Biden|(?:President\s+)?(?:Donald\s+)?Trump|Mike\s+Waltz"),
        ("US State Department", r"(?:U\.?S\.?\s+)?State\s+Department|Department\s+of\s+State|(?:Secretary\s+of\s+State\s+)?(?:Antony\s+)?Blinken|(?:Matthew\s+)?Miller|Vedant\s+Patel|(?:Marco\s+)?Rubio|Kurt\s+Campbell|Linda\s+Thomas-Greenfield|Thomas-Greenfield|Robert\s+Wood|Tammy\s+Bruce"),
        ("Pentagon", r"Pentagon|(?:U\.?S\.?\s+)?(?:Defense|Defence)\s+Department|(?:U\.?S\.?\s+)?Department\s+of\s+(?:Defense|Defence)|(?:U\.?S\.?\s+)?Defen[cs]e\s+Secretary|(?:Lloyd\s+)?Austin|Sabrina\s+Singh|(?:Pat\s+)?Ryder|(?:Pete\s+)?Hegseth|U\.?S\.?\s+Forces\s+Korea|(?-i:USFK)|U\.?S\.?\s+military"),
        ("US intelligence", r"(?:U\.?S\.?|American|(?-i:US))\s+intelligence(?:\s+(?:officials|agencies|community|assessments?))?|Director\s+of\s+National\s+Intelligence|(?-i:DNI)|Avril\s+Haines|(?-i:CIA)|Defense\s+Intelligence\s+Agency|(?-i:DIA)|William\s+Burns"),
        ("Ukraine HUR", r"(?-i:HUR|GUR)|(?:Ukraine's|Ukrainian)\s+(?:military\s+|defen[cs]e\s+)?intelligence(?:\s+(?:agency|service|directorate))?|Defen[cs]e\s+Intelligence\s+of\s+Ukraine|Main\s+(?:Intelligence\s+)?Directorate|(?:Kyrylo\s+)?Budanov|(?:Vadym\s+)?Skibitskyi|(?:Andriy\s+)?Yusov"),
        ("Ukraine President", r"(?:Ukrainian\s+President\s+|Ukraine's\s+President\s+|President\s+)?(?:Volodymyr\s+)?Zelensk(?:y|yy|iy|i)|Ukrainian\s+President|Ukraine's\s+president|(?:Andriy\s+)?Yermak"),
        ("Ukraine Ministry of Defense", r"(?:Ukraine's|Ukrainian)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|defen[cs]e\s+minist(?:ry|er))|(?:Rustem\s+)?Umerov|Oleksii\s+Reznikov|Reznikov"),
        ("Ukraine Armed Forces", r"(?:Ukraine's|Ukrainian)\s+(?:armed\s+forces|military|army|General\s+Staff|forces|troops|soldiers|commanders?|special\s+(?:operations\s+)?forces|border\s+guards?)|General\s+Staff|(?:Oleksandr\s+)?Syrskyi|(?:Valery\s+)?Zaluzhny|Special\s+Operations\s+Forces|(?-i:SSO)"),
        ("Russia government", r"Kremlin|(?:Dmitry\s+)?Peskov|(?:Sergei\s+|Sergey\s+)?Lavrov|(?:President\s+)?(?:Vladimir\s+)?Putin|Russia(?:'s|n)\s+(?:government|foreign\s+ministry|defen[cs]e\s+ministry|Ministry\s+of\s+(?:Foreign\s+Affairs|Defen[cs]e)|officials|authorities)|(?:Maria\s+)?Zakharova|(?:Sergei\s+)?Shoigu|(?:Andrei\s+)?Belousov|(?:Valery\s+)?Gerasimov|Moscow|Russia"),
        ("North Korea government", r"KCNA|Korean\s+Central\s+News\s+Agency|Rodong\s+Sinmun|(?:North\s+Korean\s+)?state\s+media|Kim\s+Yo[-\s]?[Jj]ong|(?:North\s+Korean\s+leader\s+)?Kim\s+Jong[-\s]?[Uu]n|Choe\s+Son[-\s]?Hui|North\s+Korea(?:'s|n)\s+(?:government|foreign\s+ministry|defen[cs]e\s+ministry|officials|authorities|leader|military)|Pyongyang|North\s+Korea|the\s+North"),
        ("Japan government", r"(?:Japan's|Japanese)\s+(?:government|defen[cs]e\s+ministry|foreign\s+ministry|prime\s+minister|officials)|Tokyo|(?:Fumio\s+)?Kishida|(?:Yoshimasa\s+)?Hayashi|(?:Yoko\s+)?Kamikawa|(?:Shigeru\s+)?Ishiba|(?:Sanae\s+)?Takaichi|Japan"),
        ("NATO", r"NATO(?:\s+Secretary[- ]General)?|(?:Mark\s+)?Rutte|(?:Jens\s+)?Stoltenberg"),
        ("UN", r"United\s+Nations(?:\s+Security\s+Council)?|U\.?N\.?\s+(?:Security\s+Council|panel(?:\s+of\s+experts)?|experts|monitors|report|sanctions\s+monitors)|(?:Antonio\s+)?Guterres|(?-i:UN)"),
        ("Multilateral Sanctions Monitoring Team", r"Multilateral\s+Sanctions\s+Monitoring\s+Team|(?-i:MSMT)"),
        ("South Korea government", r"South\s+Korea(?:'s|n)?\s+(?:government|authorities|officials)|South\s+Korea|Seoul"),
        ("US government", r"Washington|(?:the\s+)?U\.?S\.?\s+(?:government|administration|officials?\s+said)|(?:the\s+)?United\s+States|Biden\s+administration|Trump\s+administration|the\s+U\.S\.|the\s+US"),
        ("Conflict Armament Research", r"Conflict\s+Armament\s+Research|(?-i:CAR)"),
        ("Reuters", r"Reuters"),
        ("Yonhap", r"Yonhap(?:\s+News\s+Agency)?"),
        ("unnamed officials", r"(?:(?:senior|an?|some|several|two|three|other)\s+)*(?:(?:U\.?S\.?|American|US|South\s+Korean|Ukrainian|Western|European|Japanese|government|military|intelligence|defen[cs]e|security)\s+)*(?:officials?|sources?|diplomats?)|people\s+familiar\s+with|a\s+person\s+familiar\s+with"),
        ("analysts", r"(?:military\s+|defen[cs]e\s+|independent\s+|some\s+|other\s+)?(?:analysts|experts|observers|researchers|specialists)"),
    ]
)
