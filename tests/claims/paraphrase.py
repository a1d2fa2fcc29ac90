"""A generator of plain one-sentence statements of the core facts, each crossed with one grammatical variation.

Each case knows the claim it states (kind, item, direction, figure, bound), so a failure is counted by the variation
(the family) that caused it, not by the sentence. ``python -m tests.claims.paraphrase`` prints the tally.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from dataclasses import dataclass

from monitor.claims.extract import extract_claims

PUBLISHED = dt.date(2025, 3, 4)

Key = tuple[str, str, str | None, float | None, str | None]
ABSENT = "absent"


@dataclass(frozen=True)
class Case:
    family: str
    text: str
    expected: Key
    stance: str = "asserted"  # ABSENT: a near miss, which must not give the claim at all


@dataclass(frozen=True)
class Transfer:
    """One fact of the form GIVER moved THING to TAKER."""

    kind: str
    item: str
    direction: str
    thing: str  # a plural noun phrase without determiner
    verb: str  # simple past
    verbs: tuple[str, ...]  # other simple-past verbs that state the same fact
    participle: str
    giver_names: tuple[str, ...]
    taker_names: tuple[str, ...]


NK_NAMES = ("Pyongyang", "the North", "Kim Jong Un's regime", "the DPRK", "the North Korean regime")
RU_NAMES = ("Moscow", "the Kremlin", "Russian forces", "the Russian army")
RU_GIVERS = ("Moscow", "the Kremlin", "the Russian government")
NK_TAKERS = ("Pyongyang", "the DPRK", "Kim Jong Un's regime")
MATERIEL_VERBS = ("shipped", "supplied", "delivered", "transferred", "provided", "exported", "sold", "transported")
NK_TO_RU = "NK->RU"
RU_TO_NK = "RU->NK"

TRANSFERS = (
    Transfer(
        "shipment", "artillery_shells", NK_TO_RU, "artillery shells", "sent", MATERIEL_VERBS, "sent", NK_NAMES, RU_NAMES
    ),
    Transfer(
        "shipment",
        "ballistic_missiles",
        NK_TO_RU,
        "ballistic missiles",
        "sent",
        MATERIEL_VERBS,
        "sent",
        NK_NAMES,
        RU_NAMES,
    ),
    Transfer("shipment", "rockets", NK_TO_RU, "rockets", "sent", MATERIEL_VERBS, "sent", NK_NAMES, RU_NAMES),
    Transfer(
        "shipment",
        "multiple_rocket_launchers",
        NK_TO_RU,
        "multiple rocket launchers",
        "sent",
        MATERIEL_VERBS,
        "sent",
        NK_NAMES,
        RU_NAMES,
    ),
    Transfer(
        "troop_deployment", "troops", NK_TO_RU, "troops", "sent", ("deployed", "dispatched"), "sent", NK_NAMES, RU_NAMES
    ),
    Transfer(
        "technology_transfer",
        "satellite_technology",
        RU_TO_NK,
        "satellite technology",
        "provided",
        ("transferred", "supplied", "gave", "handed over"),
        "provided",
        RU_GIVERS,
        NK_TAKERS,
    ),
    Transfer(
        "technology_transfer",
        "air_defense",
        RU_TO_NK,
        "air defence systems",
        "provided",
        ("transferred", "supplied", "gave", "delivered"),
        "provided",
        RU_GIVERS,
        NK_TAKERS,
    ),
    Transfer(
        "compensation",
        "oil",
        RU_TO_NK,
        "oil",
        "provided",
        ("supplied", "gave", "shipped", "delivered"),
        "provided",
        RU_GIVERS,
        NK_TAKERS,
    ),
    Transfer(
        "compensation",
        "food",
        RU_TO_NK,
        "food",
        "provided",
        ("supplied", "gave", "shipped", "delivered"),
        "provided",
        RU_GIVERS,
        NK_TAKERS,
    ),
)

# Only an uncountable thing takes no figure; everything else is counted in the figure family.
UNCOUNTED = {"satellite technology", "oil", "food"}

FIGURES = (
    ("3,000", 3000, "exact"),
    ("more than 3,000", 3000, "at_least"),
    ("over 3,000", 3000, "at_least"),
    ("at least 3,000", 3000, "at_least"),
    ("about 3,000", 3000, "about"),
    ("around 3,000", 3000, "about"),
    ("some 3,000", 3000, "about"),
    ("nearly 3,000", 3000, "about"),
    ("an estimated 3,000", 3000, "about"),
    ("up to 3,000", 3000, "at_most"),
    ("as many as 3,000", 3000, "at_most"),
    ("thousands of", 2000, "at_least"),
    ("several thousand", 3000, "at_least"),
)
DETERMINERS = ("its", "their", "the", "some", "these", "its own", "more")
OWNERS = ("Pyongyang's", "the North's", "the North's own", "North Korean", "North Korean-made", "Pyongyang's own")
ADVERBS = ("secretly", "quietly", "already", "also", "covertly", "again")
ADVERB_PHRASES = ("so far", "since last year", "in recent months", "last year")
ATTRIBUTIONS = (
    "{fact_cap}, Seoul said.",
    "{fact_cap}, officials said.",
    "Seoul said {fact}.",
    "South Korea's spy agency said that {fact}.",
    "According to Seoul, {fact}.",
    "{fact_cap}, according to South Korea's military.",
    "US officials say {fact}.",
)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _first(names: tuple[str, ...]) -> str:
    return "North Korea" if names is NK_NAMES or names is NK_TAKERS else "Russia"


def _sentence(giver: str, verb: str, thing: str, taker: str) -> str:
    return _cap(f"{giver} {verb} {thing} to {taker}.")


def transfer_cases(fact: Transfer) -> list[Case]:
    key: Key = (fact.kind, fact.item, fact.direction, None, None)
    giver, taker = _first(fact.giver_names), _first(fact.taker_names)
    clause = f"{giver} {fact.verb} {fact.thing} to {taker}"
    cases = [Case("base", _sentence(giver, fact.verb, fact.thing, taker), key)]
    cases += [Case("subject name", _sentence(name, fact.verb, fact.thing, taker), key) for name in fact.giver_names]
    cases += [Case("recipient name", _sentence(giver, fact.verb, fact.thing, name), key) for name in fact.taker_names]
    cases += [Case("verb", _sentence(giver, verb, fact.thing, taker), key) for verb in fact.verbs]
    cases += [Case("determiner", _sentence(giver, fact.verb, f"{det} {fact.thing}", taker), key) for det in DETERMINERS]
    cases.append(Case("determiner", _sentence(giver, fact.verb, f"{giver}'s own {fact.thing}", taker), key))
    for owner in OWNERS if fact.direction == NK_TO_RU else ("Russia's", "the Kremlin's", "Russian-made"):
        cases.append(Case("owner", _sentence(giver, fact.verb, f"{owner} {fact.thing}", taker), key))
    for aspect in (
        f"has {fact.participle}",
        f"had {fact.participle}",
        "has been sending",
        "had been sending",
        "is sending",
        "was sending",
        "continues to send",
        "began sending",
        "keeps sending",
    ):
        verb = aspect if fact.verb == "sent" else aspect.replace("sending", "providing").replace("send", "provide")
        cases.append(Case("tense", _sentence(giver, verb, fact.thing, taker), key))
    be = "was" if fact.thing in UNCOUNTED else "were"
    have = "has" if fact.thing in UNCOUNTED else "have"
    cases += [
        Case("passive", _cap(f"{fact.thing} {be} {fact.participle} to {taker} by {giver}."), key),
        Case("passive", _cap(f"{fact.thing} {have} been {fact.participle} to {taker} by {giver}."), key),
        Case("passive", _cap(f"{fact.thing} {have} been supplied to {taker} by {giver}."), key),
        Case("passive", f"{taker} received {fact.thing} from {giver}.", key),
        Case("passive", f"{taker} has obtained {fact.thing} from {giver}.", key),
    ]
    cases += [
        Case("word order", f"To {taker}, {giver} {fact.verb} {fact.thing}.", key),
        Case("word order", _cap(f"{giver} {fact.verb} {taker} {fact.thing}."), key),
        Case("word order", _cap(f"{giver} {fact.verb} to {taker} {fact.thing}."), key),
    ]
    for pattern in ATTRIBUTIONS:
        cases.append(Case("attribution", pattern.format(fact=clause, fact_cap=_cap(clause)), key))
    cases.append(Case("attribution", f"{giver}, Seoul said, {fact.verb} {fact.thing} to {taker}.", key))
    for adverb in ADVERBS:
        cases.append(Case("adverb", _cap(f"{giver} {adverb} {fact.verb} {fact.thing} to {taker}."), key))
    for phrase in ADVERB_PHRASES:
        cases.append(Case("adverb", _cap(f"{giver} {fact.verb} {fact.thing} to {taker} {phrase}."), key))
    cases.append(Case("adverb", _cap(f"{giver} reportedly {fact.verb} {fact.thing} to {taker}."), key))
    if fact.thing not in UNCOUNTED:
        for words, value, bound in FIGURES:
            counted: Key = (fact.kind, fact.item, fact.direction, value, bound)
            cases.append(Case("figure", _sentence(giver, fact.verb, f"{words} {fact.thing}", taker), counted))
        cases.append(
            Case(
                "figure",
                _sentence(giver, fact.verb, f"between 2,000 and 3,000 {fact.thing}", taker),
                (fact.kind, fact.item, fact.direction, 2000, "range"),
            )
        )
        counted = (fact.kind, fact.item, fact.direction, 3000, "at_least")
        amount = f"more than 3,000 {fact.thing}"
        cases += [
            Case(
                "figure x passive",
                f"More than 3,000 {fact.thing} were {fact.participle} to {taker} by {giver}.",
                counted,
            ),
            Case("figure x passive", f"{_cap(taker)} has received more than 3,000 {fact.thing} from {giver}.", counted),
            Case(
                "figure x attribution", f"{_cap(giver)} has {fact.participle} {amount} to {taker}, Seoul said.", counted
            ),
            Case("figure x attribution", f"According to Seoul, {giver} {fact.verb} {amount} to {taker}.", counted),
            Case(
                "figure x tense",
                _sentence(
                    giver,
                    f"had been {fact.participle.replace('sent', 'sending')}"
                    if fact.verb == "sent"
                    else f"has {fact.participle}",
                    amount,
                    taker,
                ),
                counted,
            ),
            Case("figure x order", f"To {taker}, {giver} {fact.verb} {amount}.", counted),
            Case("figure x order", _cap(f"{giver} {fact.verb} {taker} {amount}."), counted),
            Case(
                "figure x adverb",
                _cap(f"{giver} has reportedly {fact.participle} {amount} to {taker} so far."),
                counted,
            ),
        ]
        for name in fact.giver_names[:3]:
            cases.append(Case("figure x subject", _sentence(name, fact.verb, amount, taker), counted))
    if fact.direction == NK_TO_RU:
        cases.append(Case("verb", _cap(f"{giver} supplied {taker} with {fact.thing}."), key))
        cases.append(Case("verb", _cap(f"{giver} has provided {taker} with {fact.thing}."), key))
    noun = "deliveries" if fact.kind != "troop_deployment" else "deployment"
    cases += [
        Case("nominal", f"{_cap(giver)}'s {noun} of {fact.thing} to {taker} continued.", key),
        Case("nominal", f"The transfer of {fact.thing} from {giver} to {taker} was confirmed.", key),
        Case("nominal", f"Seoul tracked the shipment of {fact.thing} from {giver} to {taker}.", key),
        Case("relative clause", _cap(f"the {fact.thing} that {giver} {fact.verb} to {taker} arrived in May."), key),
        Case("relative clause", f"{_cap(taker)}, which received {fact.thing} from {giver}, said nothing.", key),
        Case("raising", _cap(f"{giver} is believed to have {fact.participle} {fact.thing} to {taker}."), key),
        Case("raising", _cap(f"{giver} appears to have {fact.participle} {fact.thing} to {taker}."), key),
        Case("in return", f"In return, {giver} {fact.verb} {fact.thing} to {taker}.", key),
        Case("in return", _cap(f"{giver} {fact.verb} {fact.thing} to {taker} in exchange for support."), key),
    ]
    cases += [
        Case("conjunction", _cap(f"{giver} built and {fact.verb} {fact.thing} to {taker}."), key),
        Case("conjunction", _cap(f"{clause}, and the shipments continue."), key),
        Case("conjunction", _cap(f"{clause} while the war went on."), key),
    ]
    return cases


SHELLS: Key = ("shipment", "artillery_shells", NK_TO_RU, None, None)
MISSILES: Key = ("shipment", "ballistic_missiles", NK_TO_RU, None, None)
OIL: Key = ("compensation", "oil", RU_TO_NK, None, None)
FOOD: Key = ("compensation", "food", RU_TO_NK, None, None)
TROOPS: Key = ("troop_deployment", "troops", NK_TO_RU, None, None)


def conjunction_cases() -> list[Case]:
    both = [
        ("North Korea sent artillery shells and ballistic missiles to Russia.", (SHELLS, MISSILES)),
        ("North Korea sent ballistic missiles as well as artillery shells to Russia.", (SHELLS, MISSILES)),
        ("Russia gave North Korea oil and food.", (OIL, FOOD)),
        ("Russia provided oil and food to North Korea.", (OIL, FOOD)),
        ("North Korea sent troops to Russia and shipped artillery shells there too.", (TROOPS, SHELLS)),
        ("North Korea has sent both troops and artillery shells to Russia.", (TROOPS, SHELLS)),
    ]
    both += [
        ("North Korea sent artillery shells to Russia in exchange for oil.", (SHELLS, OIL)),
        ("North Korea has supplied Russia with artillery shells in return for food.", (SHELLS, FOOD)),
        ("Pyongyang sent troops to Russia in exchange for oil.", (TROOPS, OIL)),
        ("In exchange for artillery shells, Russia gave North Korea oil.", (OIL,)),
        ("North Korea sent artillery shells, and Russia sent oil back.", (SHELLS, OIL)),
        ("North Korea sent artillery shells to Russia; Russia sent oil to North Korea.", (SHELLS, OIL)),
    ]
    return [Case("conjunction", text, key) for text, keys in both for key in keys]


ITEM_WORDS = (
    ("artillery rounds", "shipment", "artillery_shells"),
    ("152mm shells", "shipment", "artillery_shells"),
    ("122mm artillery ammunition", "shipment", "artillery_shells"),
    ("ammunition", "shipment", "munitions"),
    ("weapons", "shipment", "munitions"),
    ("arms", "shipment", "munitions"),
    ("KN-23 missiles", "shipment", "ballistic_missiles"),
    ("KN-23 ballistic missiles", "shipment", "ballistic_missiles"),
    ("short-range ballistic missiles", "shipment", "ballistic_missiles"),
    ("anti-tank missiles", "shipment", "anti_tank_missiles"),
    ("240mm multiple rocket launchers", "shipment", "multiple_rocket_launchers"),
    ("Koksan self-propelled guns", "shipment", "self_propelled_guns"),
    ("self-propelled howitzers", "shipment", "self_propelled_guns"),
    ("soldiers", "troop_deployment", "troops"),
    ("combat engineers", "personnel_dispatch", "combat_engineers"),
    ("military construction workers", "personnel_dispatch", "military_construction_workers"),
)
RETURN_ITEMS = (
    ("missile technology", "technology_transfer", "missile_technology"),
    ("space technology", "technology_transfer", "space_technology"),
    ("nuclear submarine technology", "technology_transfer", "submarine_technology"),
    ("fighter jets", "technology_transfer", "fighter_jets"),
    ("MiG-29 fighter jets", "technology_transfer", "fighter_jets"),
    ("Pantsir air defence systems", "technology_transfer", "air_defense"),
    ("electronic warfare equipment", "technology_transfer", "electronic_warfare_equipment"),
    ("crude oil", "compensation", "oil"),
    ("refined petroleum products", "compensation", "oil"),
    ("wheat", "compensation", "food"),
    ("cash", "compensation", "cash"),
    ("raw materials", "compensation", "raw_materials"),
)


# Figures said in words, large units and vague amounts (the contract's list of readings).
FIGURE_WORDS = (
    ("a million", 1_000_000, "exact"),
    ("one million", 1_000_000, "exact"),
    ("1.5 million", 1_500_000, "exact"),
    ("three million", 3_000_000, "exact"),
    ("3 mln", 3_000_000, "exact"),
    ("5.2 mln", 5_200_000, "exact"),
    ("more than a million", 1_000_000, "at_least"),
    ("over one million", 1_000_000, "at_least"),
    ("no fewer than 3,000", 3000, "at_least"),
    ("upwards of 3,000", 3000, "at_least"),
    ("roughly 5 million", 5_000_000, "about"),
    ("almost 5 million", 5_000_000, "about"),
    ("close to 5 million", 5_000_000, "about"),
    ("no more than 3,000", 3000, "at_most"),
    ("millions of", 2_000_000, "at_least"),
    ("hundreds of thousands of", 200_000, "at_least"),
    ("dozens of", 24, "at_least"),
    ("hundreds of", 200, "at_least"),
    ("several", 3, "at_least"),
    ("a few", 2, "at_least"),
)


def figure_word_cases() -> list[Case]:
    cases = []
    for words, value, bound in FIGURE_WORDS:
        for thing, kind, item in (
            ("artillery shells", "shipment", "artillery_shells"),
            ("troops", "troop_deployment", "troops"),
        ):
            key: Key = (kind, item, NK_TO_RU, value, bound)
            cases.append(Case("figure word", f"North Korea has sent {words} {thing} to Russia.", key))
            cases.append(Case("figure word", f"{_cap(words)} {thing} have been sent to Russia by North Korea.", key))
            cases.append(Case("figure word", f"Seoul says Pyongyang shipped {words} {thing} to Moscow last year.", key))
    for text in (
        "North Korea sent between 11,000 and 12,000 troops to Russia.",
        "North Korea sent 11,000 to 12,000 troops to Russia.",
        "North Korea sent 11,000-12,000 troops to Russia.",
    ):
        cases.append(Case("figure word", text, ("troop_deployment", "troops", NK_TO_RU, 11000, "range")))
    return cases


def casualty_and_denial_cases() -> list[Case]:
    cases = []
    verbs = (
        ("were killed", "killed"),
        ("have been killed", "killed"),
        ("died", "killed"),
        ("were wounded", "wounded"),
        ("were captured", "captured"),
        ("have been taken prisoner", "captured"),
    )
    for owner in ("North Korean", "Pyongyang's", "the North's", "DPRK", "Kim Jong Un's"):
        for verb, item in verbs:
            soldiers = f"{owner} soldiers"
            key: Key = ("casualties", item, None, None, None)
            cases.append(Case("casualty cross", f"{_cap(soldiers)} {verb} in Kursk.", key))
            cases.append(
                Case(
                    "casualty cross",
                    f"Kyiv said about 300 {soldiers} {verb} in the Kursk region.",
                    ("casualties", item, None, 300, "about"),
                )
            )
    denial: Key = ("denial", "munitions", NK_TO_RU, None, None)
    for who in (
        "Moscow",
        "The Kremlin",
        "Russia",
        "Russian officials",
        "Pyongyang",
        "North Korea",
        "The North",
        "Kim Jong Un's regime",
        "North Korean state media",
    ):
        for verb in ("denied", "has denied", "denies", "dismissed as groundless", "rejected"):
            for what in (
                "the arms transfers",
                "reports of weapons shipments",
                "claims that North Korea sent weapons to Russia",
            ):
                cases.append(Case("denial cross", f"{who} {verb} {what}.", denial, "denied"))
    return cases


def item_word_cases() -> list[Case]:
    cases = []
    for words, kind, item in ITEM_WORDS:
        key: Key = (kind, item, NK_TO_RU, None, None)
        cases.append(Case("item word", f"North Korea has sent {words} to Russia.", key))
        cases.append(
            Case(
                "item word",
                f"Pyongyang shipped more than 3,000 {words} to Moscow.",
                (kind, item, NK_TO_RU, 3000, "at_least"),
            )
        )
    for words, kind, item in RETURN_ITEMS:
        key = (kind, item, RU_TO_NK, None, None)
        cases.append(Case("item word", f"Russia has given North Korea {words}.", key))
        cases.append(Case("item word", f"Moscow provided {words} to Pyongyang in return.", key))
    return cases


def headline_cases() -> list[Case]:
    shells: Key = ("shipment", "artillery_shells", NK_TO_RU, None, None)
    arms: Key = ("shipment", "munitions", NK_TO_RU, None, None)
    return [
        Case("headline", "N. Korea sends artillery shells to Russia", shells),
        Case("headline", "North Korea ships more artillery shells to Russia", shells),
        Case("headline", "Kim Jong Un sends artillery shells to Putin", shells),
        Case("headline", "North Korea ships arms to Russia", arms),
        Case("headline", "North Korean leader Kim Jong Un sent artillery shells to Russia, Seoul says", shells),
        Case("headline", "North Korea sent artillery shells to the Russian Federation.", shells),
        Case("headline", "North Korea sent artillery shells to Russian troops in Ukraine.", shells),
        Case("headline", "North Korea to send more troops to Russia, Seoul says", TROOPS),
    ]


def other_cases() -> list[Case]:
    killed: Key = ("casualties", "killed", None, None, None)
    wounded: Key = ("casualties", "wounded", None, None, None)
    captured: Key = ("casualties", "captured", None, None, None)
    cases = [
        Case("base", "North Korean soldiers were killed in Kursk.", killed),
        Case("base", "North Korean soldiers were wounded in Kursk.", wounded),
        Case("base", "Ukraine captured North Korean soldiers in Kursk.", captured),
        Case(
            "base",
            "Russia used North Korean artillery shells on the battlefield.",
            ("battlefield_use", "artillery_shells", NK_TO_RU, None, None),
        ),
        Case(
            "base",
            "South Korea condemned the arms transfers between North Korea and Russia.",
            ("condemnation", "munitions", NK_TO_RU, None, None),
        ),
        Case(
            "base",
            "Russia denied receiving weapons from North Korea.",
            ("denial", "munitions", NK_TO_RU, None, None),
            "denied",
        ),
        Case(
            "base",
            "North Korea denied sending weapons to Russia.",
            ("denial", "munitions", NK_TO_RU, None, None),
            "denied",
        ),
    ]
    for text, item in (
        ("North Korean soldiers died in Kursk.", "killed"),
        ("Ukraine said it had killed North Korean soldiers in Kursk.", "killed"),
        ("North Korean soldiers were killed or wounded in Kursk.", "killed_or_wounded"),
        ("Ukrainian forces took North Korean soldiers prisoner.", "captured"),
        ("Two North Korean soldiers were taken prisoner in Kursk.", "captured"),
    ):
        cases.append(
            Case(
                "casualty verb",
                text,
                (
                    "casualties",
                    item,
                    None,
                    2 if text.startswith("Two") else None,
                    "exact" if text.startswith("Two") else None,
                ),
            )
        )
    for text in (
        "3,000 North Korean troops arrived in Russia.",
        "About 3,000 North Korean soldiers are now in Russia.",
        "Pyongyang has deployed 3,000 soldiers to Russia's Kursk region.",
    ):
        value, bound = 3000, "about" if text.startswith("About") else "exact"
        cases.append(Case("troops verb", text, ("troop_deployment", "troops", NK_TO_RU, value, bound)))
    for words, value, bound in FIGURES:
        cases.append(
            Case(
                "figure",
                f"{_cap(words)} North Korean soldiers were killed in Kursk.",
                ("casualties", "killed", None, value, bound),
            )
        )
    for name in ("The North's", "Pyongyang's", "Kim Jong Un's"):
        cases.append(Case("subject name", f"{name} soldiers were killed in Kursk.", killed))
    for pattern in ATTRIBUTIONS[:4]:
        clause = "North Korean soldiers were killed in Kursk"
        cases.append(Case("attribution", pattern.format(fact=clause, fact_cap=clause), killed))
    for clause in (
        "Russian troops fired North Korean artillery shells at Ukrainian positions",
        "Russian forces have used North Korean artillery shells in Ukraine",
        "North Korean artillery shells were fired at Ukrainian positions",
    ):
        cases.append(Case("use", _cap(clause) + ".", ("battlefield_use", "artillery_shells", NK_TO_RU, None, None)))
    for clause in (
        "Russian forces fired North Korean missiles at Kyiv",
        "Russia launched North Korean ballistic missiles at Ukrainian cities",
        "Russia has used North Korean ballistic missiles against Ukraine",
        "North Korean ballistic missiles were used in strikes on Kyiv",
    ):
        cases.append(Case("use", _cap(clause) + ".", ("battlefield_use", "ballistic_missiles", NK_TO_RU, None, None)))
    for condemner in ("The United States", "Japan", "Seoul", "NATO", "The European Union"):
        cases.append(
            Case(
                "subject name",
                f"{condemner} condemned the arms transfers between North Korea and Russia.",
                ("condemnation", "munitions", NK_TO_RU, None, None),
            )
        )
    for text in (
        "The UN Security Council condemned North Korea's arms transfers to Russia.",
        "South Korea strongly condemned Pyongyang's weapons shipments to Moscow.",
        "Washington imposed sanctions over North Korea's arms deliveries to Russia.",
    ):
        cases.append(Case("condemnation", text, ("condemnation", "munitions", NK_TO_RU, None, None)))
    for text in (
        "The Kremlin denied that it had received weapons from North Korea.",
        "Moscow has denied receiving any weapons from Pyongyang.",
        "Pyongyang denies sending arms to Russia.",
        "North Korea rejected claims that it supplied weapons to Russia.",
        "Russia and North Korea have denied any arms transfers.",
        "Russia denied reports that it had bought ammunition from North Korea.",
    ):
        cases.append(Case("denial", text, ("denial", "munitions", NK_TO_RU, None, None), "denied"))
    return cases


def long_sentence_cases() -> list[Case]:
    """The structures real reporting wraps a fact in: a fact inside a relative or participial clause, after a long
    subject or an introductory clause, two facts in one sentence, a figure with a since-date and a credit, lists,
    brackets and dashes, and a quoted statement with its speaker after."""
    cases = []
    for fact in TRANSFERS:
        key: Key = (fact.kind, fact.item, fact.direction, None, None)
        giver, taker = _first(fact.giver_names), _first(fact.taker_names)
        do = "send" if fact.verb == "sent" else "provide"
        doing = "sending" if fact.verb == "sent" else "providing"
        cases += [
            Case(
                "relative fact",
                f"{giver}, which has {fact.participle} {fact.thing} to {taker}, held talks with China last week.",
                key,
            ),
            Case(
                "relative fact",
                f"Officials met in Seoul to discuss {giver}, which {fact.verb} {fact.thing} to {taker}.",
                key,
            ),
            Case(
                "participle fact",
                f"Having {fact.participle} {fact.thing} to {taker}, {giver} now expects help in return.",
                key,
            ),
            Case("participle fact", f"After {doing} {fact.thing} to {taker}, {giver} hosted a delegation.", key),
            Case(
                "participle fact",
                _cap(f"{giver} held talks in March, weeks after {doing} {fact.thing} to {taker}."),
                key,
            ),
            Case(
                "long subject",
                _cap(
                    f"{giver}, which is under United Nations sanctions, has {fact.participle} {fact.thing} to {taker}."
                ),
                key,
            ),
            Case(
                "long subject",
                _cap(f"{giver}, a close partner of the other side since 2023, {fact.verb} {fact.thing} to {taker}."),
                key,
            ),
            Case(
                "intro clause",
                _cap(f"As the war drags on, {giver} has {fact.participle} {fact.thing} to {taker}."),
                key,
            ),
            Case(
                "intro clause",
                _cap(f"Although both sides deny any deal, {giver} {fact.verb} {fact.thing} to {taker}."),
                key,
            ),
            Case(
                "intro clause",
                _cap(f"While talks stalled in the summer, {giver} kept {doing} {fact.thing} to {taker}."),
                key,
            ),
            Case("brackets", _cap(f"{giver} {fact.verb} {fact.thing} (much of it by rail) to {taker}."), key),
            Case(
                "brackets",
                _cap(f"{giver} {fact.verb} {fact.thing} to {taker} (the defence ministry confirmed this)."),
                key,
            ),
            Case("dashes", _cap(f"{giver} {fact.verb} {fact.thing} \u2014 much of it by sea \u2014 to {taker}."), key),
            Case(
                "dashes",
                _cap(f"{giver} has {fact.participle} {fact.thing} to {taker} \u2014 a sign of deepening ties."),
                key,
            ),
            Case(
                "quoted",
                f"\u201c{_cap(giver)} has {fact.participle} {fact.thing} to {taker},\u201d the minister said.",
                key,
            ),
            Case(
                "quoted", f'"{_cap(giver)} {fact.verb} {fact.thing} to {taker}," a senior official told reporters.', key
            ),
            Case(
                "quoted",
                f"\u201c{_cap(giver)} continues to {do} {fact.thing} to {taker},\u201d said the spokesman.",
                key,
            ),
        ]
        if fact.thing not in UNCOUNTED:
            counted: Key = (fact.kind, fact.item, fact.direction, 3000, "at_least")
            amount = f"more than 3,000 {fact.thing}"
            cases += [
                Case(
                    "since + figure + credit",
                    f"Since August 2023, {giver} has {fact.participle} {amount} to {taker}, the ministry said in a statement on Monday.",
                    counted,
                ),
                Case(
                    "since + figure + credit",
                    _cap(
                        f"{giver} has {fact.participle} {amount} to {taker} since August 2023, according to a statement the ministry issued on Monday."
                    ),
                    counted,
                ),
                Case(
                    "since + figure + credit",
                    f"The ministry said on Monday that since August 2023 {giver} had {fact.participle} {amount} to {taker}.",
                    counted,
                ),
                Case(
                    "brackets", _cap(f"{giver} {fact.verb} {fact.thing} (more than 3,000 of them) to {taker}."), counted
                ),
                Case(
                    "dashes",
                    _cap(f"{giver} {fact.verb} {fact.thing} \u2014 more than 3,000 in all \u2014 to {taker}."),
                    counted,
                ),
                Case(
                    "brackets",
                    _cap(f"{giver} has {fact.participle} more than 3,000 (by one count) {fact.thing} to {taker}."),
                    counted,
                ),
                Case(
                    "relative fact",
                    _cap(f"{giver}, which has {fact.participle} {amount} to {taker}, denies any deal."),
                    counted,
                ),
                Case(
                    "participle fact",
                    _cap(f"Having {fact.participle} {amount} to {taker}, {giver} wants technology in return."),
                    counted,
                ),
                Case(
                    "quoted",
                    f"\u201c{_cap(giver)} has {fact.participle} {amount} to {taker},\u201d the minister said.",
                    counted,
                ),
                Case(
                    "intro clause",
                    _cap(f"As the war drags on, {giver} has {fact.participle} {amount} to {taker}."),
                    counted,
                ),
            ]
    shells_missiles_launchers = (SHELLS, MISSILES, ("shipment", "multiple_rocket_launchers", NK_TO_RU, None, None))
    for text in (
        "North Korea has sent artillery shells, ballistic missiles and multiple rocket launchers to Russia.",
        "North Korea has sent Russia artillery shells, ballistic missiles, and multiple rocket launchers.",
        "Pyongyang's shipments to Moscow include artillery shells, ballistic missiles and multiple rocket launchers.",
        "North Korea has sent weapons to Russia, including artillery shells, ballistic missiles and multiple rocket launchers.",
    ):
        cases += [Case("list", text, key) for key in shells_missiles_launchers]
    for text, keys in (
        ("North Korea has sent artillery shells to Russia and deployed troops to the Kursk region.", (SHELLS, TROOPS)),
        ("Besides shipping artillery shells to Russia, North Korea has deployed troops there.", (SHELLS, TROOPS)),
        ("North Korea, which has sent troops to Russia, has also shipped artillery shells there.", (SHELLS, TROOPS)),
        ("North Korea has sent artillery shells to Russia, which has given it oil in return.", (SHELLS, OIL)),
        ("North Korea has sent artillery shells to Russia and received food in return.", (SHELLS, FOOD)),
        (
            "North Korea has shipped artillery shells to Russia, which in return has provided it with oil.",
            (SHELLS, OIL),
        ),
        ("North Korea sent troops to Russia, and Moscow paid Pyongyang with oil.", (TROOPS, OIL)),
    ):
        cases += [Case("two facts", text, key) for key in keys]
    return cases


def concession_cases() -> list[Case]:
    """A denial by the other side in a clause of its own (fronted "Although ...", trailing ", which ... denies",
    ", although ... denies it") beside the fact and a credit: the fact stays the credited speaker's claim, and
    the denial stays a denial."""
    cases = []
    for fact in TRANSFERS:
        key: Key = (fact.kind, fact.item, fact.direction, None, None)
        giver, taker = _first(fact.giver_names), _first(fact.taker_names)
        denier = "the Kremlin" if fact.direction == NK_TO_RU else "Pyongyang"
        other = "Moscow" if fact.direction == NK_TO_RU else "the North"
        cases += [
            Case(
                "concession + credit",
                f"Although {denier} denies any deal, {giver} {fact.verb} {fact.thing} to {taker}, Seoul said.",
                key,
            ),
            Case(
                "concession + credit",
                f"Even though {other} has denied any arms trade, {giver} has {fact.participle} {fact.thing} to "
                f"{taker}, according to South Korea's military.",
                key,
            ),
            Case(
                "concession + credit",
                f"While {denier} denies it, {giver} {fact.verb} {fact.thing} to {taker}, US officials say.",
                key,
            ),
            Case(
                "concession + credit",
                f"Though {other} rejects the charge, {giver} {fact.verb} {fact.thing} to {taker}, Seoul said.",
                key,
            ),
            Case(
                "denial tail",
                _cap(f"{giver} has {fact.participle} {fact.thing} to {taker}, although {denier} denies it."),
                key,
            ),
            Case(
                "denial tail",
                _cap(f"{giver} {fact.verb} {fact.thing} to {taker}, which {other} denies."),
                key,
            ),
            Case(
                "denial tail",
                _cap(f"{giver} {fact.verb} {fact.thing} to {taker}, though {denier} has denied any arms deal."),
                key,
            ),
        ]
        if fact.direction == NK_TO_RU:
            # the other side of the rule: the denial itself is still read, of the thing when "it" points at it
            denied: Key = ("denial", fact.item, fact.direction, None, None)
            cases += [
                Case(
                    "concession denial",
                    f"Although Moscow denies it, {giver} {fact.verb} {fact.thing} to {taker}, Seoul said.",
                    denied,
                    "denied",
                ),
                Case(
                    "concession denial",
                    _cap(f"{giver} has {fact.participle} {fact.thing} to {taker}, although the Kremlin denies it."),
                    denied,
                    "denied",
                ),
                Case(
                    "concession denial",
                    f"Although Moscow denies any deal, {giver} {fact.verb} {fact.thing} to {taker}, Seoul said.",
                    ("denial", "munitions", NK_TO_RU, None, None),
                    "denied",
                ),
                Case(
                    "concession denial",
                    f"Moscow denies that {giver} {fact.verb} {fact.thing} to {taker}, although Seoul says so.",
                    denied,
                    "denied",
                ),
            ]
    return cases


def condemnation_beside_cases() -> list[Case]:
    """A condemnation or sanctions told beside the fact, not as the sentence's statement: a standing in an aside
    about the subject, a concession, or a reaction to the fact. The fact stays; a reaction that names its body is
    that body's condemnation of the things moved. A condemnation whose object is the transfer stays one."""
    cases = []
    for fact in TRANSFERS:
        key: Key = (fact.kind, fact.item, fact.direction, None, None)
        giver, taker = _first(fact.giver_names), _first(fact.taker_names)
        cases += [
            Case(
                "condemnation beside",
                f"{giver}, which faces new sanctions, {fact.verb} {fact.thing} to {taker}.",
                key,
            ),
            Case(
                "condemnation beside",
                f"{giver}, itself the target of sanctions on its banks, has {fact.participle} {fact.thing} to {taker}.",
                key,
            ),
            Case(
                "condemnation beside",
                f"Despite condemnation from Seoul and Tokyo, {giver} {fact.verb} {fact.thing} to {taker}.",
                key,
            ),
            Case(
                "condemnation beside",
                f"{giver} \u2014 which faces new sanctions \u2014 {fact.verb} {fact.thing} to {taker}.",
                key,
            ),
            Case(
                "condemnation beside",
                _cap(f"{giver} has {fact.participle} {fact.thing} to {taker} in defiance of UN sanctions against it."),
                key,
            ),
            Case(
                "condemnation beside",
                _cap(f"{giver} {fact.verb} {fact.thing} to {taker}, drawing condemnation from Washington."),
                key,
            ),
            Case(
                "condemnation beside",
                _cap(f"{giver} {fact.verb} {fact.thing} to {taker}, a move Tokyo condemned, Seoul said."),
                key,
            ),
            Case(
                "condemnation beside",
                _cap(f"{giver} has {fact.participle} {fact.thing} to {taker}, which Seoul denounced as illegal."),
                key,
            ),
        ]
        if fact.direction == NK_TO_RU:
            item = "troops" if fact.kind == "troop_deployment" else fact.item
            condemned: Key = ("condemnation", item, NK_TO_RU, None, None)
            noun = "deployment" if fact.kind == "troop_deployment" else "transfer"
            cases += [
                Case(
                    "condemnation reaction",
                    _cap(f"{giver} {fact.verb} {fact.thing} to {taker}, drawing condemnation from Washington."),
                    condemned,
                ),
                Case(
                    "condemnation reaction",
                    _cap(f"{giver} has {fact.participle} {fact.thing} to {taker}, a move Tokyo condemned."),
                    condemned,
                ),
                # the other side of the rule: a condemnation whose object is the transfer is a condemnation alone
                Case("condemnation reaction", f"Seoul condemned the {noun} of {fact.thing} to {taker}.", condemned),
                Case(
                    "condemnation reaction",
                    f"Washington imposed new sanctions on firms that {fact.verb} {fact.thing} to {taker}.",
                    condemned,
                ),
            ]
    # near miss: an aside about a subject that then condemns in its own main clause still condemns
    cases.append(
        Case(
            "condemnation reaction",
            "The South Korean government, which had denounced the dispatch of troops before, condemned North Korea's "
            "troop deployment to Russia on Monday.",
            ("condemnation", "troops", NK_TO_RU, None, None),
        )
    )
    return cases


COOPERATION_WORDINGS = (
    "Japan condemned the deepening military cooperation between the two countries.",
    "The G7 ministers condemned in the strongest terms the growing military cooperation between Moscow and Pyongyang.",
    "Seoul denounced the two regimes' expanding military ties.",
    "Washington criticised the military alliance between Russia and the DPRK.",
    "Tokyo expressed grave concern over the deepening cooperation between the two.",
    "The EU condemned North Korea's growing partnership with Russia.",
)


def cooperation_cases() -> list[Case]:
    """A condemnation of the two sides' cooperation in general, after a sentence that told of a transfer: no transfer
    is named, so it condemns none (the corpus README); one that points back to the transfer ("the move", "the
    deployment") or names one ("including the deployment of troops") still does."""
    cases = []
    facts = (
        ("North Korea has sent artillery shells to Russia.", "artillery_shells", "decision"),
        ("North Korea has deployed troops to Russia.", "troops", "deployment"),
        ("Pyongyang has shipped ballistic missiles to Moscow.", "ballistic_missiles", "step"),
    )
    for fact, item, noun in facts:
        condemned: Key = ("condemnation", item, NK_TO_RU, None, None)
        cases += [Case("cooperation", f"{fact} {reaction}", condemned, ABSENT) for reaction in COOPERATION_WORDINGS]
        cases += [
            Case("cooperation", f"{fact} Japan condemned the move.", condemned),
            Case("cooperation", f"{fact} The G7 condemned the {noun}.", condemned),
            Case(
                "cooperation",
                f"{fact} Seoul condemned the {noun}, calling the deepening cooperation a threat.",
                condemned,
            ),
        ]
    for text, item in (
        (
            "The ministers condemned the growing military cooperation between North Korea and Russia, including the "
            "deployment of troops.",
            "troops",
        ),
        (
            "Washington condemned the military cooperation between Russia and North Korea, including the export of "
            "ballistic missiles.",
            "ballistic_missiles",
        ),
        ("Seoul condemned military cooperation between the two that includes arms transfers.", "munitions"),
    ):
        cases.append(Case("cooperation", text, ("condemnation", item, NK_TO_RU, None, None)))
    for text in COOPERATION_WORDINGS:
        cases.append(Case("cooperation", text, ("condemnation", "munitions", NK_TO_RU, None, None), ABSENT))
    return cases


def participle_and_aside_cases() -> list[Case]:
    """A fact in a participle clause before a main clause whose verb is one of saying or expecting by the fact's own
    subject ("Having sent X, North Korea now expects help"), and a bracketed aside between a figure and its noun."""
    cases = []
    for fact in TRANSFERS:
        key: Key = (fact.kind, fact.item, fact.direction, None, None)
        giver, taker = _first(fact.giver_names), _first(fact.taker_names)
        doing = "sending" if fact.verb == "sent" else "providing"
        cases += [
            Case(
                "participle + saying",
                f"Having {fact.participle} {fact.thing} to {taker}, {fact.giver_names[0]} now expects help in return.",
                key,
            ),
            Case(
                "participle + saying",
                f"After {doing} {fact.thing} to {taker}, {giver} says it expects something back.",
                key,
            ),
            Case(
                "participle + saying",
                f"Having already {fact.participle} {fact.thing} to {taker}, {giver} insists the two are equals.",
                key,
            ),
        ]
        if fact.thing not in UNCOUNTED:
            counted: Key = (fact.kind, fact.item, fact.direction, 3000, "at_least")
            cases += [
                Case(
                    "participle + saying",
                    f"After {doing} more than 3,000 {fact.thing} to {taker}, {giver} now expects help in return.",
                    counted,
                ),
                Case(
                    "participle + saying",
                    f"Although Moscow denies any deal, {giver} has {fact.participle} more than 3,000 {fact.thing} to "
                    f"{taker}, Seoul said.",
                    counted,
                ),
                Case(
                    "participle + saying",
                    f"{giver}, which faces new sanctions, has {fact.participle} more than 3,000 {fact.thing} to "
                    f"{taker}, a move Tokyo condemned.",
                    counted,
                ),
            ]
            for amount, value, bound in (
                ("more than 3,000 (by one count)", 3000, "at_least"),
                ("about 3,000 (some say more)", 3000, "about"),
                ("3,000 (a record)", 3000, "exact"),
            ):
                cases.append(
                    Case(
                        "figure aside",
                        _cap(f"{giver} has {fact.participle} {amount} {fact.thing} to {taker}."),
                        (fact.kind, fact.item, fact.direction, value, bound),
                    )
                )
            # near miss: an aside that gives a figure of its own leaves the amount unread, as a range would need
            cases.append(
                Case(
                    "figure aside",
                    _cap(f"{giver} has {fact.participle} 3,000 (or 4,000) {fact.thing} to {taker}."),
                    (fact.kind, fact.item, fact.direction, 3000, "exact"),
                    ABSENT,
                )
            )
    # near misses: a participle clause that denies is background, and a fact the party itself confirms stays its own
    cases += [
        Case(
            "participle + saying",
            "Having denied sending troops for months, North Korea confirmed the deployment.",
            ("troop_deployment", "troops", NK_TO_RU, None, None),
            ABSENT,
        ),
        Case(
            "participle + saying",
            "Having received artillery shells from North Korea, Russia says it will send oil.",
            OIL,
        ),
    ]
    return cases


def crossed_cases(count: int = 400, seed: int = 9) -> list[Case]:
    """Several variations at once, drawn with a fixed seed; the family names every part drawn, so a failure can
    be counted against each part (``main`` does)."""
    draw = random.Random(seed)
    cases = []
    for _ in range(count):
        fact = draw.choice(TRANSFERS)
        giver = draw.choice((_first(fact.giver_names), *fact.giver_names))
        taker = draw.choice((_first(fact.taker_names), *fact.taker_names))
        adverb = draw.choice(("", "", "reportedly ", "secretly ", "already "))
        verb = draw.choice((fact.verb, f"has {fact.participle}", f"had {fact.participle}", *fact.verbs[:3]))
        figure = None if fact.thing in UNCOUNTED else draw.choice((None, *FIGURES))
        if figure and verb == "gave" and figure[0].startswith("over"):
            continue  # "gave over 3,000": the phrasal verb "give over" makes the bound a label call
        det = "" if figure else draw.choice(("", "", "its ", "the ", "some "))
        amount = f"{figure[0]} " if figure else ""
        phrase = f"{giver} {adverb}{verb} {det}{amount}{fact.thing} to {taker}"
        pattern = draw.choice(("{fact_cap}.", "{fact_cap}.", *ATTRIBUTIONS))
        value, bound = (figure[1], figure[2]) if figure else (None, None)
        parts = (
            f"giver={giver}",
            f"verb={verb}",
            f"adverb={adverb.strip()}",
            f"det={det.strip()}",
            f"figure={amount.strip()}",
            f"attr={pattern[:12]}",
        )
        family = "|".join(("cross", *parts))
        text = pattern.format(fact=phrase, fact_cap=_cap(phrase))
        cases.append(Case(family, text, (fact.kind, fact.item, fact.direction, value, bound)))
    return cases


def all_cases() -> list[Case]:
    cases = [case for fact in TRANSFERS for case in transfer_cases(fact)]
    cases += conjunction_cases() + other_cases() + item_word_cases() + headline_cases() + figure_word_cases()
    cases += casualty_and_denial_cases() + long_sentence_cases() + concession_cases()
    return cases + condemnation_beside_cases() + cooperation_cases() + participle_and_aside_cases()


def found_keys(text: str) -> list[tuple[Key, str]]:
    return [((c.kind, c.item, c.direction, c.quantity, c.bound), c.stance) for c in extract_claims(text, PUBLISHED)]


def holds(case: Case) -> bool:
    found = found_keys(case.text)
    if case.stance == ABSENT:
        return all(key != case.expected for key, _ in found)
    return (case.expected, case.stance) in found


def main() -> None:
    cases = all_cases() + (crossed_cases() if "--cross" in sys.argv else [])
    failed = [case for case in cases if not holds(case)]
    parts = Counter(part for case in failed for part in case.family.split("|")[1:])
    totals_parts = Counter(part for case in cases for part in case.family.split("|")[1:])
    for part, n in parts.most_common(25):
        print(f"  cross part {part:40} {n} / {totals_parts[part]}")
    cases = [case for case in cases if not case.family.startswith("cross")] + [
        Case("cross", case.text, case.expected, case.stance) for case in cases if case.family.startswith("cross")
    ]
    failed = [Case("cross", c.text, c.expected, c.stance) if c.family.startswith("cross") else c for c in failed]
    totals = Counter(case.family for case in cases)
    misses = Counter(case.family for case in failed)
    print(f"{len(cases)} cases, {len(failed)} fail")
    for family, total in totals.most_common():
        print(f"  {family:15} {misses[family]:4} / {total}")
    if "-v" in sys.argv:
        for case in failed:
            print(f"{case.family:15} {case.text}  want {case.expected} got {found_keys(case.text)}")


if __name__ == "__main__":
    main()
