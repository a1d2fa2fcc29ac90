"""Claim extraction: pure, text in, claims out. Every sentence here was written for the tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from monitor.claims import lexicon as lx
from monitor.claims.analysis import analyse
from monitor.claims.extract import CLAIM_FIELDS, EXTRACTOR_VERSION, Claim, extract_claims

PUB = dt.date(2024, 3, 12)


def claims(text: str, published: dt.date = PUB, title: str | None = None) -> list[Claim]:
    return extract_claims(text, published, title)


def keys(found: list[Claim]) -> list[tuple]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


def one(text: str, published: dt.date = PUB) -> Claim:
    found = claims(text, published)
    assert len(found) == 1, [(c.kind, c.item, c.quantity, c.evidence) for c in found]
    return found[0]


# --- the claim object -------------------------------------------------------------------------


def test_claim_has_exactly_the_contract_fields_in_order():
    assert [f.name for f in dataclasses.fields(Claim)] == list(CLAIM_FIELDS)
    c = one("North Korea has shipped about 7,000 containers to Russia, Seoul's defence ministry said.")
    d = c.to_dict()
    assert list(d) == list(CLAIM_FIELDS)
    assert d["span"] == list(c.span)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.kind = "other"  # type: ignore[misc]
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_ids_are_in_text_order_and_spans_index_the_input():
    text = (
        "print-icon\n\nSEOUL \u2014 North Korea shipped about 7,000 containers to Russia, the ministry said.\n\n"
        "Pyongyang also sent 3,000 more soldiers to Russia\u2019s Kursk region, officials said.\n\nLoad More"
    )
    found = claims(text)
    assert [c.id for c in found] == [f"c{i}" for i in range(1, len(found) + 1)]
    assert len(found) == 2
    for c in found:
        assert text[c.span[0] : c.span[1]] == c.evidence
    assert "\u2019" in found[1].evidence  # the original characters, not the folded ones


def test_html_spans_index_the_extracted_text():
    html = (
        "<html><body><nav>Home | News</nav><article><p>North Korea has sent more than 10,000 troops to "
        "Russia, Seoul&#39;s spy agency said.</p></article></body></html>"
    )
    out = analyse(html, published=PUB)
    (c,) = out["claims"]
    assert c["kind"] == "troop_deployment" and c["quantity"] == 10_000 and c["bound"] == "at_least"
    assert c["evidence"].startswith("North Korea has sent") and "<" not in c["evidence"]
    assert c["span"][1] - c["span"][0] == len(c["evidence"])


def test_residue_never_yields_claims():
    text = (
        "North Korea sent shells to Russia, officials said.\n\nIn Other News\n"
        "Czech initiative delivers 1.8 million rounds to Ukraine\nRussia buys 2 million barrels of Iraqi oil\nLoad More"
    )
    assert all(c.quantity is None for c in claims(text))


# --- kinds, items, directions, amounts ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "North Korea has shipped more than a million artillery shells to Russia, officials said.",
            ("shipment", "artillery_shells", "NK->RU", 1_000_000, "at_least"),
        ),
        (
            "Pyongyang has delivered some 28,000 containers of arms to Moscow since 2023.",
            ("shipment", "containers", "NK->RU", 28_000, "about"),
        ),
        (
            "North Korea supplied Russia with between 10,000 and 12,000 troops, Ukraine said.",
            ("troop_deployment", "troops", "NK->RU", 10_000, "range"),
        ),
        (
            "North Korea has sent as many as 30,000 soldiers to the Kursk region.",
            ("troop_deployment", "troops", "NK->RU", 30_000, "at_most"),
        ),
        (
            "North Korea has handed Russia dozens of KN-23 missiles, Kyiv says.",
            ("shipment", "ballistic_missiles", "NK->RU", 24, "at_least"),
        ),
        (
            "Pyongyang has sent 1,000 deminers to Russia's Kursk region, Moscow said.",
            ("personnel_dispatch", "combat_engineers", "NK->RU", 1_000, "exact"),
        ),
        (
            "Russia has given North Korea air-defence systems, Seoul's security adviser said.",
            ("technology_transfer", "air_defense", "RU->NK", None, None),
        ),
        (
            "Russia has shipped North Korea over a million barrels of oil, a think tank estimates.",
            ("compensation", "oil", "RU->NK", 1_000_000, "at_least"),
        ),
        (
            "North Korea's munitions factories are running at full capacity, the agency believes.",
            ("production", "munitions", None, 1.0, "exact"),
        ),
        (
            "Russia fired two North Korean KN-24 missiles at Kharkiv on Tuesday, Ukraine's air force said.",
            ("battlefield_use", "ballistic_missiles", "NK->RU", 2, "exact"),
        ),
    ],
)
def test_single_claims(text, expected):
    c = one(text)
    assert (c.kind, c.item, c.direction, c.quantity, c.bound) == expected


def test_range_keeps_the_high_end():
    c = one("North Korea supplied Russia with between 10,000 and 12,000 troops, Ukraine said.")
    assert c.quantity_high == 12_000


def test_vague_amounts():
    assert one("Thousands of North Korean workers have been sent to Russia, the NIS said.").quantity == 2_000
    assert one("North Korea has sent several thousand troops to Russia.").quantity == 3_000


def test_casualties_have_no_direction():
    found = claims(
        "About 300 North Korean soldiers have been killed and about 2,700 wounded fighting for Russia, "
        "the spy agency told lawmakers."
    )
    assert keys(found) == [
        ("casualties", "killed", None, 300, "about"),
        ("casualties", "wounded", None, 2_700, "about"),
    ]


def test_captured_soldiers():
    c = one("Ukrainian forces have captured two North Korean soldiers in Russia's Kursk region, Zelensky said.")
    assert (c.kind, c.item, c.quantity, c.source) == ("casualties", "captured", 2, "Ukraine President")


def test_supply_share_months_and_fraction():
    text = (
        "North Korea has sent more than a million shells to Russia, the agency said. "
        "That is roughly two months' worth of Russian firing, it added. "
        "About half of the shells Russia fires in Ukraine now come from North Korea, according to Kyiv."
    )
    found = claims(text)
    assert ("supply_share", "months_of_supply", "NK->RU", 2, "about") in keys(found)
    assert ("supply_share", "share_of_supply", "NK->RU", 0.5, "about") in keys(found)


def test_reverse_flow_containers_are_compensation():
    text = (
        "North Korea has shipped about 6,000 containers to Russia, the minister said. "
        "In return, Pyongyang received roughly 8,000 containers from Russia, most of them carrying food."
    )
    found = keys(claims(text))
    assert ("shipment", "containers", "NK->RU", 6_000, "about") in found
    # the count is of containers; what they carry is a claim without a figure (docs/claims-conventions.md)
    assert ("compensation", "containers", "RU->NK", 8_000, "about") in found
    assert ("compensation", "food", "RU->NK", None, None) in found


@pytest.mark.parametrize(
    "text",
    [
        "Russia has given North Korea drones for its own army, Seoul said.",
        "Russia reportedly sold North Korea a batch of 152mm shells last year, a lawmaker said.",
    ],
)
def test_the_north_as_first_object_of_russias_giving_is_no_shipment_from_the_north(text: str) -> None:
    # The same flow as "Moscow handed drones to Pyongyang", which reads nothing shipped by the North.
    assert not [c for c in claims(text) if c.direction == "NK->RU"]


def test_a_clause_after_the_north_as_first_object_keeps_its_own_flow() -> None:
    text = "Moscow gave Pyongyang fighter jets, and North Korea sent 5,000 shells to Russia, Seoul said."
    found = keys(claims(text))
    assert ("technology_transfer", "fighter_jets", "RU->NK", None, None) in found
    assert ("shipment", "artillery_shells", "NK->RU", 5_000, "exact") in found


def test_combined_systems_count_is_artillery_systems():
    text = (
        "North Korea has also supplied Russia with some 200 artillery pieces, a mix of self-propelled guns "
        "and multiple rocket launchers, the JCS said."
    )
    assert keys(claims(text)) == [("shipment", "artillery_systems", "NK->RU", 200, "about")]


def test_calibres_ranges_and_years_are_not_amounts():
    text = "North Korea sent 240mm rocket launchers to Russia in 2024; the guns reach 40 to 60 kilometres."
    assert all(c.quantity is None for c in claims(text))


def test_technology_domains():
    text = (
        "Seoul believes Russia has helped North Korea with its satellite and submarine programmes in return "
        "for the troops."
    )
    items = {c.item for c in claims(text) if c.kind == "technology_transfer"}
    assert items == {"satellite_technology", "submarine_technology"}


def test_fighter_help_is_aircraft_technology_and_airframes_are_jets():
    text = (
        "Russia may transfer MiG-29 fighter jets to North Korea, an official said. "
        "Russia could also help upgrade the North's ageing fleet of fighter aircraft, he said."
    )
    items = [c.item for c in claims(text)]
    assert items == ["fighter_jets", "aircraft_technology"]


def test_satellite_launch_with_a_count():
    text = (
        "North Korea's bid to put a spy satellite into orbit has failed twice this year, and "
        "Pyongyang has vowed to launch three more spy satellites."
    )
    launches = [c for c in claims(text) if c.kind == "satellite_launch"]
    assert launches and launches[0].item == "reconnaissance_satellite" and launches[0].direction is None


# --- statements: denials, admissions, condemnations -----------------------------------------------------


def test_blanket_denial_by_both_parties():
    text = (
        "Washington and Seoul accuse North Korea of supplying Russia with shells, a charge that "
        "both Moscow and Pyongyang reject."
    )
    found = claims(text)
    denials = [(c.item, c.source, c.stance) for c in found if c.kind == "denial"]
    assert denials == [("munitions", "North Korea and Russia governments", "denied")]  # one statement by both
    assert ("shipment", "artillery_shells", "NK->RU", None, None) in keys(found)


def test_specific_denial():
    c = one("The Russian embassy dismissed the report, saying Russia had never received any shells from Pyongyang.")
    assert (c.kind, c.item, c.stance, c.source, c.hedged) == (
        "denial",
        "artillery_shells",
        "denied",
        "Russia Foreign Ministry",  # an embassy speaks for the foreign ministry
        False,
    )


def test_no_comment_is_not_a_denial():
    assert claims("The Kremlin has neither confirmed nor denied the presence of North Korean troops.") == []


def test_official_admission_is_confirmation():
    text = (
        "North Korea acknowledged on Monday that it had sent troops to Russia, KCNA reported, "
        "saying its soldiers had helped drive Ukrainian forces out of Kursk."
    )
    found = keys(claims(text))
    assert ("confirmation", "troops", "NK->RU", None, None) in found
    assert ("battlefield_use", "troops", "NK->RU", None, None) in found


def test_third_party_confirmation_is_not_kind_confirmation():
    c = one("NATO confirmed that North Korean troops have been sent to Russia's Kursk region.")
    assert c.kind == "troop_deployment" and c.source == "NATO"


def test_condemnation_one_claim_per_item():
    text = (
        "The ministers condemned the transfer of North Korean ballistic missiles and artillery shells to Russia "
        "and the deployment of North Korean soldiers."
    )
    assert [c.item for c in claims(text) if c.kind == "condemnation"] == [
        "ballistic_missiles",
        "artillery_shells",
        "troops",
    ]


def test_generic_condemnation_is_munitions():
    text = "North Korea has sent shells to Russia. The G7 condemned the transfers as illegal."
    assert ("condemnation", "munitions", "NK->RU", None, None) in keys(claims(text))


def test_conditional_and_negated_statements_are_not_claims():
    assert claims("If North Korean troops were sent to Russia, the official said, it would be lawful.") == []
    assert all(
        c.kind != "battlefield_use"
        for c in claims(
            "North Korean troops in Russia had not yet been seen in combat against Ukrainian forces, Blinken said."
        )
    )


# --- sources -----------------------------------------------------------------------------------


def test_lawmaker_relaying_the_nis_and_pronoun_carry_over():
    text = (
        "South Korea's National Intelligence Service briefed lawmakers on Wednesday. It believes more than a "
        "million shells have been sent to Russia. Those shells equal about two months of Russian use, "
        "lawmaker Park Jin-ho said."
    )
    found = claims(text, dt.date(2023, 11, 1))
    assert {c.source for c in found} == {"South Korea NIS"}
    shells = found[0]
    assert (shells.quantity, shells.bound, shells.hedged) == (1_000_000, "at_least", True)


def test_named_person_learned_as_a_source():
    text = (
        "Pentagon spokeswoman Sabrina Singh spoke on Tuesday. About 3,000 North Korean troops have moved "
        "to eastern Russia for training, Singh said."
    )
    assert one(text).source == "Pentagon"


def test_outlet_voice_when_no_one_is_quoted():
    c = one("North Korean Koksan guns were spotted on railway flatcars inside Russia.")
    assert (c.kind, c.item, c.source) == ("shipment", "self_propelled_guns", "outlet")


def test_according_to_an_unknown_organisation_uses_its_name():
    c = one("North Korea sent 5 million shells to Russia last year, according to Estonian intelligence.")
    assert c.source == "Estonian intelligence"


# --- time and hedging ---------------------------------------------------------------------------


def test_since_and_as_of_resolved_against_the_publication_date():
    c = one(
        "North Korea has shipped more than a million shells to Russia since August, the spy agency said on Wednesday.",
        dt.date(2023, 11, 1),
    )
    assert (c.since, c.as_of) == ("2023-08-01", "2023-11-01")
    c = one(
        "As of July 15, North Korea had sent up to 5.2 mln shells to Russia since August last year, a lawmaker said.",
        dt.date(2024, 7, 30),
    )
    assert (c.since, c.as_of, c.bound) == ("2023-08-01", "2024-07-15", "at_most")
    c = one("North Korea sent 3,000 more troops to Russia last month, the JCS said.", dt.date(2025, 3, 24))
    assert c.as_of == "2025-02-28"  # the end of the period named


@pytest.mark.parametrize(
    "text, hedged",
    [
        ("North Korea has sent 10,000 troops to Russia, the Pentagon said.", False),
        ("North Korea has likely sent 10,000 troops to Russia, the Pentagon said.", True),
        ("The agency believes North Korea has sent 10,000 troops to Russia.", True),
        ("North Korea could have sent 10,000 troops to Russia, an official said.", True),
        ("North Korea is suspected of having sent 10,000 troops to Russia.", True),
    ],
)
def test_hedging(text, hedged):
    assert one(text).hedged is hedged


# --- restatements -------------------------------------------------------------------------------


def test_restated_fact_is_one_claim_but_a_new_figure_is_another():
    text = (
        "North Korea has sent more than a million shells to Russia, the NIS said. "
        "The agency repeated that more than a million shells have gone to Russia. "
        "A year later the NIS put the total at more than 8 million artillery rounds sent to Russia."
    )
    assert keys(claims(text)) == [
        ("shipment", "artillery_shells", "NK->RU", 1_000_000, "at_least"),
        ("shipment", "artillery_shells", "NK->RU", 8_000_000, "at_least"),
    ]


def test_figureless_reference_to_a_counted_shipment_is_folded():
    text = (
        "North Korea delivered more than 1,000 containers to Russia, the White House said. "
        "The containers were loaded onto a ship and moved to Russia by train."
    )
    assert keys(claims(text)) == [("shipment", "containers", "NK->RU", 1_000, "at_least")]


def test_empty_and_irrelevant_text():
    assert claims("") == []
    assert claims("The weather in Seoul was mild on Tuesday.") == []


# --- the lexicon tables --------------------------------------------------------------------------


SAMPLES = [
    "North Korea sent 1,000 containers, KN-23 missiles and 240mm launchers; NIS and JCS officials said so.",
    "Russia's defence ministry, the Kremlin and Kim Yo Jong denied the claims on Monday in a statement.",
    "Pantsir, S-400 and electronic-warfare gear went to Pyongyang, said U.S. officials and a think tank.",
    "\u00c9l\u00e9ments: 3 million 152mm shells, hundreds of thousands of rockets, MiG-29s and Su-27s.",
]


@pytest.mark.parametrize("table", [lx.ITEMS, lx.SOURCES])
@pytest.mark.parametrize("text", SAMPLES)
def test_dispatch_tables_match_like_the_plain_regex(table, text):
    slow = [(m.start(), m.end(), m.lastgroup) for m in table.regex.finditer(text)]
    fast = [(m.start(), m.end(), m.lastgroup) for m in table.finditer(text)]
    assert fast == slow


def test_dispatch_tables_match_like_the_plain_regex_on_the_labelled_set():
    """The per-key dispatch (entries found by opening, one compiled regex per set of entries,
    anywhere-entries left out of texts without their words) is exact on whole articles too."""
    import json
    from pathlib import Path

    paths = sorted((Path(__file__).parent / "labelled").glob("*.json"))
    assert paths
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]
    for table in (lx.ITEMS, lx.SOURCES):
        for text in texts:
            slow = [(m.start(), m.end(), m.lastgroup) for m in table.regex.finditer(text)]
            fast = [(m.start(), m.end(), m.lastgroup) for m in table.finditer(text)]
            assert fast == slow, text[:80]


def test_a_new_key_finds_the_entries_a_walk_over_every_opening_finds():
    import itertools
    import string

    for table in (lx.ITEMS, lx.SOURCES):
        for key in ("".join(k) for k in itertools.product(string.ascii_lowercase[:12] + "0 -", repeat=3)):
            walk = [
                i
                for i, starts in enumerate(table._starts)
                if starts is None or key in starts or any(len(p) < len(key) and key.startswith(p) for p in starts)
            ]
            assert table._entries_for(key) == walk, key


@pytest.mark.parametrize(
    "phrase",
    [
        "did not mention",
        "didn't name",
        "has not disclosed",
        "would not say whether",
        "made no reference to",
        "made no mention of",
        "declined to say whether",
        "refused to confirm whether",
        "declined to comment on whether",
        "was silent on",
        "without mentioning",
        "avoided naming",
        "omitted any mention of",
    ],
)
def test_every_omission_phrase_carries_one_of_the_cheap_test_words(phrase):
    from monitor.claims import cues

    assert cues.OMISSION.search(phrase), phrase
    assert any(stem in phrase.lower() for stem in cues.OMISSION_STEMS), phrase


def test_required_stems_are_in_every_match():
    pattern = re.compile(r"\b(?:sen[dt]|ship(?:ped|ments?)|deliver(?:ed|ies)|in\s+exchange)\b", re.I)
    stems = lx.required_stems(pattern.pattern, pattern.flags)
    assert stems is not None
    for text in ("they sent it", "shipments began", "deliveries", "in  exchange", "SHIPPED"):
        m = pattern.search(text)
        assert m and any(s in m.group(0).lower() for s in stems)
    assert lx.required_stems(r"\d+|x", 0) is None  # a branch of digits has no literal to look for


def test_headline_credit_and_the_north():
    c = one("N. Korea sends 3,000 more troops to Russia: JCS")
    assert (c.kind, c.quantity, c.source) == ("troop_deployment", 3_000, "South Korea JCS")
    c = one(
        "The North has also sent short-range ballistic missiles to Russia, according to Ukraine's military intelligence."
    )
    assert (c.kind, c.item, c.source) == ("shipment", "ballistic_missiles", "Ukraine HUR")


def test_a_party_thanking_the_other_is_an_admission():
    c = one("Putin thanked North Korea for sending troops to help expel Ukrainian forces from Kursk, the Kremlin said.")
    assert (c.kind, c.item, c.source) == ("confirmation", "troops", "Russia President")  # the named body


def test_a_verb_particle_is_not_a_bound():
    c = one("Ukraine is ready to hand over two captured North Korean soldiers, Zelensky said.")
    assert (c.kind, c.item, c.quantity, c.bound) == ("casualties", "captured", 2, "exact")


# --- families of phrasing added after the held-out batches ------------------------------------
# (sentences written for these tests; each checks a rule, not a labelled article)


def test_a_unit_of_volume_links_the_amount_to_oil_and_a_weight_gives_no_figure():
    c = one("Russia shipped some 40,000 tonnes of rice to North Korea last year, customs figures show.")
    assert (c.kind, c.item, c.quantity, c.bound) == ("compensation", "food", None, None)
    c = one("Russia shipped some 300,000 barrels of diesel to North Korea last year, a think tank found.")
    assert (c.kind, c.item, c.quantity, c.bound) == ("compensation", "oil", 300_000, "about")


def test_a_cap_or_ceiling_is_not_an_amount_moved():
    found = claims("Moscow sent North Korea over 2 million barrels of oil, four times the UN cap of 500,000 barrels.")
    assert [(c.kind, c.item, c.quantity) for c in found] == [("compensation", "oil", 2_000_000)]


def test_an_amount_that_counts_its_own_noun_is_not_linked_back():
    found = claims("About 9,000 North Korean soldiers, including officers, are training at seven bases in Russia.")
    assert ("personnel_dispatch", "military_officers", "NK->RU", 7, "exact") not in keys(found)
    assert ("troop_deployment", "troops", "NK->RU", 9000, "about") in keys(found)


def test_both_governments_deny_together_as_one_joint_source():
    found = claims(
        "Russia has used North Korean shells for months. Both governments have rejected the reports as lies."
    )
    denials = sorted(c.source for c in found if c.kind == "denial")
    assert denials == ["North Korea and Russia governments"]


def test_passive_belief_does_not_make_the_subject_a_source():
    c = one("The North is widely believed to have sent about 2,000 engineers to Russia.")
    assert c.source == "outlet" and c.hedged


def test_an_estimated_is_an_adjective_not_a_speaker():
    c = one("Pyongyang has dispatched an estimated 4,000 more soldiers to Russia, the JCS said.")
    assert (c.kind, c.quantity, c.bound, c.source) == ("troop_deployment", 4000, "about", "South Korea JCS")


def test_indirect_questions_claim_nothing():
    assert claims(
        "North Korea and Russia deepened ties. Officials would not say how many troops had been deployed."
    ) == claims("North Korea and Russia deepened ties.")
    assert not [
        c
        for c in claims("It is unclear whether any North Korean missiles reached Russia this month.")
        if c.kind == "shipment"
    ]


def test_a_party_that_declines_to_comment_claims_nothing():
    found = claims("The Kremlin declined to discuss reports of North Korean soldiers in the Kursk region.")
    assert found == []


def test_counted_troops_in_combat_are_a_deployment_figure_and_a_use():
    found = keys(claims("Around 7,000 North Korean troops are fighting in the Kursk region, Ukraine's HUR said."))
    assert ("troop_deployment", "troops", "NK->RU", 7000, "about") in found
    assert ("battlefield_use", "troops", "NK->RU", None, None) in found


def test_of_whom_gives_the_casualty_its_own_count():
    found = keys(
        claims("North Korea has sent some 14,000 soldiers to Russia, of whom about 3,500 have been killed or wounded.")
    )
    assert ("troop_deployment", "troops", "NK->RU", 14_000, "about") in found
    assert ("casualties", "killed_or_wounded", None, 3500, "about") in found


def test_an_appositive_count():
    found = keys(claims("North Korean labourers, some 6,000 of them, are working on building sites in Russia."))
    assert ("personnel_dispatch", "workers", "NK->RU", 6000, "about") in found


def test_of_which_a_share_failed():
    found = keys(
        claims("North Korea supplied around 80 missiles to Russia, of which roughly half missed their targets.")
    )
    assert ("shipment", "ballistic_missiles", "NK->RU", 80, "about") in found
    assert ("battlefield_use", "ballistic_missiles", "NK->RU", None, None) in found  # a failure share: no figure


def test_more_troops_beside_a_counted_group_is_a_claim_of_its_own():
    found = keys(
        claims(
            "About 11,000 North Korean troops are in Russia, and Pyongyang is likely to send more troops, the NIS said."
        )
    )
    assert ("troop_deployment", "troops", "NK->RU", 11_000, "about") in found
    assert ("troop_deployment", "troops", "NK->RU", None, None) in found


def test_contents_of_containers_are_shipped():
    found = keys(
        claims(
            "Trains carried hundreds of containers from North Korea to Russia. "
            "The containers are thought to contain artillery shells."
        )
    )
    assert ("shipment", "artillery_shells", "NK->RU", None, None) in found


def test_their_accuracy_refers_to_the_missiles_just_named():
    found = keys(
        claims(
            "North Korea has sent Russia dozens of KN-23 missiles for its war in Ukraine. "
            "Their accuracy has improved, Ukrainian officials say."
        )
    )
    assert ("battlefield_use", "ballistic_missiles", "NK->RU", None, None) in found


def test_close_to_full_capacity_is_about():
    found = keys(claims("North Korean munitions factories are running close to full capacity to supply Russia."))
    assert ("production", "munitions", None, 1.0, "about") in found


@pytest.mark.parametrize(
    "text",
    [
        "Arms plants in the North are now almost at full capacity as orders from Moscow pile up.",
        "Officials say the North's weapons factories are working at nearly full capacity to feed Russia's war.",
    ],
)
def test_a_hedge_on_either_side_of_at_makes_full_capacity_about(text):
    found = keys(claims(text))
    assert ("production", "munitions", None, 1.0, "about") in found


def test_servicemen_are_troops():
    found = keys(claims("North Korean servicemen took part in the fighting in Russia's Kursk region."))
    assert ("battlefield_use", "troops", "NK->RU", None, None) in found


def test_gated_cues_match_exactly_as_the_plain_regexes():
    """The word-start gating of cue regexes is an optimisation only: over the labelled texts,
    every gated cue finds exactly the matches of its own pattern, sentence by sentence."""
    import json
    from pathlib import Path

    from monitor.claims import cues
    from monitor.claims.sentences import split_sentences
    from monitor.claims.textclean import clean

    gated = {name: getattr(cues, name) for name in dir(cues) if isinstance(getattr(cues, name), lx.Gated)}
    assert any(g.keys is not None for g in gated.values()), "no cue uses the word index"
    paths = sorted((Path(__file__).parent / "labelled").glob("*.json"))
    assert paths
    for path in paths:
        doc = clean(json.loads(path.read_text(encoding="utf-8"))["text"])
        idx = lx.WordIndex(doc.work, doc.work.lower())
        for s, e in split_sentences(doc.work):
            for name, g in gated.items():
                got = [m.span() for m in g.finditer(idx, s, e)]
                want = [m.span() for m in g.pattern.finditer(doc.work, s, e)]
                assert got == want, (path.name, name, doc.work[s:e])


def test_a_question_claims_nothing():
    assert claims("Reporter: Is it true that North Korea has shipped 2 million shells to Russia?") == []


def test_two_of_them_were_killed():
    found = keys(
        claims("Pyongyang sent about 1,000 sappers to Russia's Kursk region. Two of them were killed by a mine.")
    )
    assert ("casualties", "killed", None, 2, "exact") in found


# --- clauses that tell background or what went unsaid -------------------------------------------


def test_a_past_denial_in_a_time_clause_is_not_a_denial_of_the_main_item():
    found = claims(
        "The Russian defence ministry admitted on Friday that North Korean soldiers are fighting "
        "near Kursk, months after denying any military help from Pyongyang.",
        dt.date(2025, 4, 28),
    )
    got = {(c.kind, c.item, c.stance) for c in found}
    assert ("confirmation", "troops", "asserted") in got
    assert ("denial", "troops", "denied") not in got
    # The background denial is a claim of its own object (blanket here), made before the article: with no
    # date of its own it is dated by publication, as every undated claim is.
    past = [c for c in found if c.kind == "denial"]
    assert [(c.item, c.source, c.as_of, c.since) for c in past] == [
        ("munitions", "Russia Ministry of Defense", "2025-04-28", None)
    ]


def test_a_past_denial_clause_denies_what_it_names():
    found = claims(
        "Pyongyang has acknowledged that its soldiers were sent to Russia, weeks after the Kremlin "
        "denied receiving any troops from the North.",
        dt.date(2025, 4, 28),
    )
    got = {(c.kind, c.item, c.source) for c in found}
    assert ("confirmation", "troops", "North Korea government") in got
    assert ("denial", "troops", "Russia Kremlin") in got


def test_a_denial_with_the_time_word_after_it_is_still_the_main_claim():
    found = claims("Moscow denied receiving North Korean shells after Washington released images of the containers.")
    assert [(c.kind, c.item, c.source) for c in found] == [("denial", "artillery_shells", "Russia government")]


@pytest.mark.parametrize(
    "text",
    [
        "Kim's speech to the party plenum made no mention of the soldiers serving in Kursk.",
        "The Kremlin readout did not mention the North Korean troops deployed to the border region.",
        "The Pentagon declined to say whether North Korean missiles had been fired at Kharkiv.",
        "The joint communique was silent on the shipments of artillery shells from Pyongyang to Moscow.",
    ],
)
def test_reporting_that_something_went_unsaid_asserts_nothing(text):
    assert claims(text) == []


def test_an_omission_clause_ends_where_the_next_claim_begins():
    found = keys(
        claims(
            "Moscow's statement did not mention the shells, while South Korea's spy agency said "
            "Pyongyang had sent about 6,000 troops to Russia."
        )
    )
    assert found == [("troop_deployment", "troops", "NK->RU", 6000, "about")]


def test_a_briefing_answer_denies_the_item_the_question_named():
    text = (
        "Kremlin spokesman Dmitry Peskov took questions from reporters on Tuesday.\n\n"
        "Question: Is it true that the DPRK is shipping rocket launchers to Russia?\n\n"
        "Peskov: We have addressed this many times. These are baseless inventions of the Western press."
    )
    found = claims(text)
    assert [(c.kind, c.item, c.stance) for c in found] == [("denial", "multiple_rocket_launchers", "denied")]


def test_an_answer_that_names_its_own_item_keeps_it():
    text = (
        "Question: Is the DPRK shipping rocket launchers to Russia?\n\n"
        "Peskov: Russia has never received any drones from Pyongyang, the Kremlin spokesman said."
    )
    assert [(c.kind, c.item) for c in claims(text)] == [("denial", "drones")]


def test_replacing_troops_with_fresh_units_is_a_deployment_without_the_old_figure():
    found = keys(
        claims(
            "North Korea has replaced some 4,000 of its soldiers in Kursk with fresh units, Seoul's spy agency said."
        )
    )
    assert found == [("troop_deployment", "troops", "NK->RU", None, None)]


def test_troops_sent_to_replace_losses_are_not_a_casualty_count():
    found = keys(claims("The NIS said Pyongyang had sent 2,500 more soldiers to Kursk to replace its casualties."))
    assert found == [("troop_deployment", "troops", "NK->RU", 2500, "exact")]


def test_officers_included_among_counted_troops_are_dispatched_without_a_count():
    found = keys(
        claims(
            "Kyiv's military intelligence says roughly 9,000 North Korean soldiers, including officers, "
            "have been moved to Russia's Far East."
        )
    )
    assert ("troop_deployment", "troops", "NK->RU", 9000, "about") in found
    assert ("personnel_dispatch", "military_officers", "NK->RU", None, None) in found


def test_a_bare_earlier_denial_names_nothing_to_deny():
    found = claims("Moscow confirmed on Friday that North Korean soldiers were in Kursk, despite earlier denials.")
    assert [(c.kind, c.item) for c in found] == [("confirmation", "troops")]


# --- issue 14: phrasings of real reporting ------------------------------------------------------

ISSUE_14_CONTEXT = "North Korea has begun moving soldiers to Russia, South Korea's spy agency says. "


@pytest.mark.parametrize(
    "text, want",
    [
        # the three sentences of issue 14, verbatim (the first is a fragment, read after a context sentence)
        (
            ISSUE_14_CONTEXT + "… starting with about 1,500 special forces who were shipped to the Russian Far East …",
            ("troop_deployment", "troops", 1500, "about"),
        ),
        (
            "Russian-flagged freighters moved up to 9 million artillery and rocket rounds from North Korea to Russia "
            "during 2024",
            ("shipment", "artillery_shells", 9_000_000, "at_most"),
        ),
        (
            "A Russian ship loaded containers of North Korean munitions at the port of Rajin last month and carried them "
            "to Russia, the White House said.",
            ("shipment", "munitions", None, None),
        ),
        # the same structures in sentences of our own
        (
            "Seoul believes Pyongyang has so far flown roughly 2,000 special forces to Vladivostok.",
            ("troop_deployment", "troops", 2000, "about"),
        ),
        (
            "Rail wagons carried as many as 400,000 mortar and artillery shells from the North to Russian depots.",
            ("shipment", "artillery_shells", 400_000, "at_most"),
        ),
        (
            "A cargo vessel took on crates of North Korean ammunition in Najin and sailed for Vladivostok, officials said.",
            ("shipment", "munitions", None, None),
        ),
    ],
)
def test_issue_14_phrasings_give_kind_item_and_figure(text, want):
    found = [(c.kind, c.item, c.quantity, c.bound) for c in claims(text, dt.date(2024, 11, 1))]
    assert want in found, found


@pytest.mark.parametrize(
    "text, want",
    [
        # a count of forces in the hundreds or more counts soldiers; "four brigades" does not
        ("North Korea sent some 3,000 elite forces to Russia, the agency said.", ("troop_deployment", "troops", 3000)),
        ("North Korea sent four brigades to Russia, the agency said.", ("troop_deployment", "troops", None)),
        # hyphenated number words
        (
            "Pyongyang will send six-thousand military builders to Russia, Moscow said.",
            ("personnel_dispatch", "military_construction_workers", 6000),
        ),
        # a count right after a casualty verb
        (
            "Ukrainian drones have killed 60 and wounded about 90 North Korean soldiers near Kursk, Kyiv said.",
            ("casualties", "killed", 60),
        ),
    ],
)
def test_role_nouns_number_words_and_casualty_counts(text, want):
    found = [(c.kind, c.item, c.quantity) for c in claims(text, dt.date(2024, 12, 1))]
    assert want in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Russia makes about two million shells a year, while North Korea has shipped a similar number to it.",
        "Russian crews flew some 80 Shahed drones toward Odesa overnight, Ukraine's air force reported.",
        "Footage showed a Type 63 rocket launcher of North Korean make firing near Kursk.",
        "Shell deliveries from Pyongyang to Moscow resumed after a three-month lull in supplies, a think tank said.",
    ],
)
def test_what_real_reporting_says_that_is_not_the_claim_it_looks_like(text):
    found = [(c.kind, c.item, c.quantity) for c in claims(text, dt.date(2024, 12, 1))]
    assert ("production", "artillery_shells", None) not in found
    assert not any(item == "drones" for _, item, _ in found), found
    assert not any(q == 63 for _, _, q in found), found
    assert not any(item == "months_of_supply" for _, item, _ in found), found


def test_use_of_missiles_is_combat_and_dependence_is_a_share_without_figure():
    used = [
        (c.kind, c.item)
        for c in claims(
            "Kyiv has documented Russia's use of North Korean ballistic missiles against its cities.",
            dt.date(2024, 6, 1),
        )
    ]
    assert ("battlefield_use", "ballistic_missiles") in used and ("shipment", "ballistic_missiles") not in used
    share = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Russia has become dependent on North Korea for artillery ammunition, Washington says.", dt.date(2024, 6, 1)
        )
    ]
    assert ("supply_share", "share_of_supply", None) in share


def test_the_same_fact_from_two_named_sources_is_two_claims_but_a_restatement_is_one():
    text = (
        "Russia fired North Korean missiles at Kharkiv, the White House said. "
        "Ukraine's defence ministry said Russia had fired North Korean missiles at the city. "
        "Russia fired the North Korean missiles again on Tuesday."
    )
    found = [(c.kind, c.item, c.source) for c in claims(text, dt.date(2024, 1, 12))]
    assert found.count(("battlefield_use", "ballistic_missiles", "White House")) == 1
    assert sum(1 for k, i, _ in found if (k, i) == ("battlefield_use", "ballistic_missiles")) == 2, found


@pytest.mark.parametrize(
    "text, absent",
    [
        # a thing moved from Russia to the North is no North Korean shipment
        (
            "Officials identified the radar system Moscow has handed to North Korea this spring.",
            ("shipment", "military_equipment"),
        ),
        # civilians killed by a strike are not soldiers' casualties
        (
            "The strike on Kharkiv with North Korean missiles killed 9 people and injured 40 residents, Ukraine said.",
            ("casualties", "wounded"),
        ),
        # soldiers of another army named after the noun
        (
            "Drone units of Ukraine filmed North Korean infantry crossing a field near Kursk.",
            ("troop_deployment", "drones"),
        ),
        # a recent period is not months of supply
        (
            "In the last four months North Korean shells made up most of what Russian gunners fired, Kyiv says.",
            ("supply_share", "months_of_supply"),
        ),
    ],
)
def test_round_2_readings_that_are_not_claims(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 12, 1))]
    assert absent not in found, found


def test_both_governments_admitting_is_one_joint_admission_and_artillery_alone_is_shells():
    found = [
        (c.kind, c.item, c.source)
        for c in claims(
            "North Korea and Russia have grown closer. After months of silence, both governments confirmed a "
            "North Korean troop presence in the Kursk region.",
            dt.date(2025, 5, 1),
        )
    ]
    assert [x for x in found if x[0] == "confirmation"] == [
        ("confirmation", "troops", "North Korea and Russia governments")
    ]
    shipped = [
        (c.kind, c.item)
        for c in claims(
            "Since August the North has been moving artillery to Russia by rail, a US official said.",
            dt.date(2023, 10, 5),
        )
    ]
    assert ("shipment", "artillery_shells") in shipped
    russian_army = [
        (c.kind, c.item)
        for c in claims(
            "Pyongyang has been arming the Russian army with rockets and shells, Seoul says.", dt.date(2024, 5, 1)
        )
    ]
    assert ("shipment", "rockets") in russian_army


def test_an_article_that_passes_the_relevance_score_but_claims_nothing_is_not_relevant():
    text = (
        "Kim Jong Un and Vladimir Putin discussed military cooperation at a banquet in Pyongyang, state media said. "
        "Both leaders praised the partnership."
    )
    out = analyse(text, published=dt.date(2025, 9, 3))
    assert out["relevance"]["score"] >= 0.5  # the two sides and arms words are there...
    assert out["relevant"] is False and out["claims"] == [] and out["verdicts"] == []  # ...but no transfer


@pytest.mark.parametrize(
    "text, want",
    [
        # an amount that carries its own link to the noun before it
        (
            "The North Korean soldiers near Kursk, estimated at 11,000 by Seoul, have begun fighting.",
            ("troop_deployment", "troops", 11000),
        ),
        # soldiers lost are casualties, dead or wounded
        (
            "Britain's defence ministry estimates that Pyongyang has lost over 4,000 soldiers in the Kursk fighting.",
            ("casualties", "killed_or_wounded", 4000),
        ),
        # two kinds of people sharing one noun
        (
            "Moscow says Pyongyang is to dispatch construction and engineering troops to rebuild Kursk.",
            ("personnel_dispatch", "combat_engineers", None),
        ),
        (
            "Moscow says Pyongyang is to dispatch construction and engineering troops to rebuild Kursk.",
            ("personnel_dispatch", "military_construction_workers", None),
        ),
    ],
)
def test_round_3_links_and_role_nouns(text, want):
    found = [(c.kind, c.item, c.quantity) for c in claims(text, dt.date(2025, 6, 20))]
    assert want in found, found


@pytest.mark.parametrize(
    "text, absent",
    [
        (
            "Seoul fears that Pyongyang could receive missile technology and fighter jets in return.",
            ("shipment", "ballistic_missiles"),
        ),
        (
            "Russian engineers advise the North's cruise missile programmes and have tuned their missile guidance, officials "
            "believe.",
            ("shipment", "cruise_missiles"),
        ),
    ],
)
def test_round_3_things_the_north_receives_or_owns_are_no_shipment(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2025, 6, 20))]
    assert absent not in found and ("shipment", "ballistic_missiles") not in found, found


def test_a_strike_reported_by_a_second_named_source_is_its_own_claim():
    text = (
        "Russia fired 20 North Korean missiles at Ukraine in January, Kyiv's prosecutors said. "
        "A White House spokesman said Russia had launched North Korean missiles at Zaporizhzhia."
    )
    found = [(c.kind, c.item, c.quantity, c.source) for c in claims(text, dt.date(2024, 2, 10))]
    assert sum(1 for k, i, _, _ in found if (k, i) == ("battlefield_use", "ballistic_missiles")) == 2, found


def test_a_count_continued_or_restated_by_another_source_refers_to_the_last_counted_thing():
    rose = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "By March the North had sent some 5,000 containers to Russian ports, Seoul said. "
            "By the autumn the total had climbed to 9,000.",
            dt.date(2024, 11, 1),
        )
    ]
    assert ("shipment", "containers", 9000) in rose, rose
    put = [
        (c.kind, c.item, c.quantity, c.bound)
        for c in claims(
            "Seoul believes Pyongyang has delivered about 8 million shells to Russia. Kyiv's spies put the number "
            "at 9 million.",
            dt.date(2025, 1, 10),
        )
    ]
    assert ("shipment", "artillery_shells", 9_000_000, "exact") in put, put
    similar = [
        (c.kind, c.item, c.quantity, c.source)
        for c in claims(
            "Kyiv's military intelligence says some 12,000 North Korean soldiers are in Russia. The Pentagon gave "
            "reporters a similar figure on Monday.",
            dt.date(2024, 11, 5),
        )
    ]
    assert ("troop_deployment", "troops", 12000, "Pentagon") in similar, similar
    assert sum(1 for k, i, q, _ in similar if (k, i, q) == ("troop_deployment", "troops", 12000)) == 2, similar


@pytest.mark.parametrize(
    "text, absent",
    [
        (
            "Pyongyang could earn billions of dollars if it sends 20,000 more troops to Russia, analysts say.",
            ("compensation", "cash"),
        ),
        (
            "Pyongyang could earn billions of dollars if it sends 20,000 more troops to Russia, analysts say.",
            ("troop_deployment", "troops"),
        ),
        (
            "Pyongyang is seeking Russian fighter jets and air-defence systems, South Korea's spy agency says.",
            ("technology_transfer", "fighter_jets"),
        ),
    ],
)
def test_conditions_and_wishes_claim_nothing(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 11, 1))]
    assert absent not in found, found


def test_a_claim_beside_a_condition_stands():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "North Korea has sent 12,000 troops to Russia and could send more if Moscow asks, Seoul says.",
            dt.date(2024, 11, 1),
        )
    ]
    assert ("troop_deployment", "troops", 12000) in found, found


def test_glued_paragraphs_are_read_as_separate_sentences():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Seoul says the North has loaded about 3,000 containers for Russia since spring.The allies vowed to "
            "punish any firm that helps move weapons.",
            dt.date(2024, 3, 1),
        )
    ]
    assert ("shipment", "containers", 3000) in found, found
    assert not any(k == "condemnation" and i == "containers" for k, i, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Washington says Pyongyang has moved arms and other materiel to Russia by sea.",
        "The ministry said the North had supplied weapons and related military materiel to Russian forces.",
    ],
)
def test_materiel_joined_to_weapons_is_one_claim_of_weapons(text):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 6, 1))]
    assert ("shipment", "munitions") in found, found
    assert ("shipment", "military_equipment") not in found, found


def test_military_equipment_named_beside_ammunition_stays_its_own_claim():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Seoul accuses the North of handing ammunition and military equipment to Russia.", dt.date(2024, 6, 1)
        )
    ]
    assert ("shipment", "military_equipment") in found, found


def test_outlet_summary_folds_into_the_figure_given_later():
    found = [
        (c.kind, c.item, c.quantity, c.source)
        for c in claims(
            "North Korea plans to send labourers to a Russian drone plant.\n\n"
            "Some 9,000 workers will be sent over two years, Japan's public broadcaster NHK reported.",
            dt.date(2025, 7, 1),
        )
    ]
    workers = [f for f in found if f[:2] == ("personnel_dispatch", "workers")]
    assert [q for _, _, q, _ in workers] == [9000], found


@pytest.mark.parametrize(
    "text",
    [
        "Seoul believes Pyongyang wants Russian fighter jets and help with its satellites.",
        "The North has sought air-defence systems from Moscow, according to officials in Kyiv.",
    ],
)
def test_what_is_wanted_is_not_received(text):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 11, 1))]
    assert not any(k == "technology_transfer" for k, _ in found), found


@pytest.mark.parametrize(
    "text, absent",
    [
        (
            "Moving a whole corps to the front would give Pyongyang combat experience, but dispatching 30,000 more soldiers "
            "could cost it dearly, a retired general wrote.",
            ("troop_deployment", "troops"),
        ),
        (
            "Sending another million shells to Russia might leave the North's own gunners short, analysts say.",
            ("shipment", "artillery_shells"),
        ),
    ],
)
def test_a_hypothetical_act_as_subject_claims_nothing(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2025, 2, 1))]
    assert absent not in found, found


@pytest.mark.parametrize(
    "text, absent",
    [
        (
            "The visit fuelled speculation that Moscow could hand over submarine know-how to the North.",
            ("technology_transfer", "submarine_technology"),
        ),
        (
            "The monitoring group has not seen any reports that North Korean gunners are fighting near Kharkiv.",
            ("battlefield_use", "troops"),
        ),
    ],
)
def test_speculation_and_an_empty_search_claim_nothing(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2025, 2, 1))]
    assert absent not in found, found


def test_a_reported_act_beside_a_hypothetical_stands():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "North Korea has sent 11,000 soldiers to Russia, and sending more would strain its own army, Seoul says.",
            dt.date(2025, 2, 1),
        )
    ]
    assert ("troop_deployment", "troops", 11000) in found, found


# --- precision round: restatements, clause roles, figures of other things ----------------------


def test_a_vague_amount_after_a_figure_of_the_same_fact_restates_it():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Moscow's news agencies say Pyongyang will send 4,000 military builders to the Belgorod region.\n\n"
            "The pledge came after a Russian envoy's trip; thousands of military construction workers are to follow "
            "in stages, those agencies reported.",
            dt.date(2025, 7, 1),
        )
    ]
    builders = [q for k, i, q in found if i == "military_construction_workers"]
    assert builders == [4000], found


def test_a_vague_amount_before_a_figure_or_of_more_people_stands():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Officials in Seoul say thousands of North Korean soldiers have reached Russia. "
            "Kyiv's spy agency puts the number at 11,000.",
            dt.date(2024, 11, 1),
        )
    ]
    assert ("troop_deployment", "troops", 2000) in found and ("troop_deployment", "troops", 11000) in found, found
    more = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Pyongyang has sent 5,000 labourers to Russian building sites, and several thousand more labourers will follow, "
            "Seoul's spy agency says.",
            dt.date(2025, 3, 1),
        )
    ]
    assert [q for k, i, q in more if i == "workers"] == [5000, 3000], more


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Pyongyang has agreed to ship 3,000 soldiers to Russia to train and later fight in the war.",
        "The North is moving a fresh brigade to Russia for combat near Kursk, Ukraine's spy agency says.",
    ],
)
def test_what_troops_are_sent_for_is_not_a_report_that_they_fought(text):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 11, 1))]
    assert ("troop_deployment", "troops") in found and ("battlefield_use", "troops") not in found, found


def test_troops_used_to_fight_did_fight():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Pyongyang shipped soldiers to Russia who were then used to fight Ukrainian units near Kursk, Seoul says.",
            dt.date(2025, 1, 1),
        )
    ]
    assert ("battlefield_use", "troops") in found, found


def test_troops_sent_who_then_fought_are_both_claims():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Seoul says Pyongyang shipped 3,000 soldiers to Russia who have since fought in Kursk.", dt.date(2025, 1, 1)
        )
    ]
    assert ("troop_deployment", "troops") in found and ("battlefield_use", "troops") in found, found


def test_a_condemnation_naming_nothing_needs_to_point_back_to_a_transfer():
    background = claims(
        "North Korea has sent some 200 artillery pieces to Russia, Kyiv says. "
        "The claim surfaced a week after a UN body that watched over sanctions on Pyongyang lost its mandate.",
        dt.date(2025, 3, 1),
    )
    assert not any(c.kind == "condemnation" for c in background), [(c.kind, c.item) for c in background]
    pointed = claims(
        "North Korea has sent some 200 artillery pieces to Russia, Kyiv says. "
        "Britain's foreign minister called the move a grave escalation of Pyongyang's part in the war.",
        dt.date(2025, 3, 1),
    )
    assert any(c.kind == "condemnation" for c in pointed), [(c.kind, c.item) for c in pointed]


@pytest.mark.parametrize(
    "text, absent",
    [
        (
            "A retired colonel suggested that North Korean weapons experts may have travelled to Russia with the shells.",
            ("personnel_dispatch", "weapons_experts"),
        ),
        (
            "Kyiv's defence minister predicts that up to 20,000 more North Korean soldiers could arrive by spring.",
            ("troop_deployment", "troops"),
        ),
        (
            "Officials say the cargo breaks UN resolutions that bar Pyongyang from selling arms and military equipment.",
            ("shipment", "military_equipment"),
        ),
    ],
)
def test_a_conjecture_a_forecast_or_a_ban_claims_nothing_of_what_it_names(text, absent):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2025, 2, 1))]
    assert absent not in found, found


def test_a_suggestion_without_a_modal_is_still_a_report():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Fresh footage suggests that North Korean rockets are being fired at Kharkiv.", dt.date(2025, 2, 1)
        )
    ]
    assert ("battlefield_use", "rockets") in found, found


def test_a_class_of_people_or_any_possible_help_is_not_a_transfer():
    vow = [
        (c.kind, c.item)
        for c in claims(
            "The minister condemned Pyongyang for giving Russia rocket launchers and promised to punish anyone who "
            "helps move ammunition between the two.",
            dt.date(2025, 2, 1),
        )
    ]
    assert ("condemnation", "multiple_rocket_launchers") in vow and ("condemnation", "munitions") not in vow, vow
    worry = [
        (c.kind, c.item)
        for c in claims(
            "Tokyo voiced alarm over any economic aid that Moscow might be giving North Korea in return.",
            dt.date(2025, 2, 1),
        )
    ]
    assert not any(k == "compensation" for k, _ in worry), worry


def test_where_a_used_thing_came_from_describes_it_rather_than_reporting_a_shipment():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Russian gunners are using rockets obtained from North Korea near Pokrovsk, Ukraine's army said.",
            dt.date(2024, 12, 1),
        )
    ]
    assert found == [("battlefield_use", "rockets")], found
    shipped = [
        (c.kind, c.item)
        for c in claims("North Korea has shipped rockets to Russia, Ukraine's army said.", dt.date(2024, 12, 1))
    ]
    assert shipped == [("shipment", "rockets")], shipped


def test_weapons_in_general_after_a_named_thing_restate_it():
    found = [
        (c.kind, c.item)
        for c in claims(
            "North Korea has begun shipping rockets to Russia, a US network reported, citing a Pentagon source. "
            "The network said the arms transfer followed a meeting of the two leaders.",
            dt.date(2023, 11, 1),
        )
    ]
    assert found == [("shipment", "rockets")], found


def test_weapons_in_general_before_the_named_things_stand():
    found = [
        (c.kind, c.item)
        for c in claims(
            "North Korea has kept up steady weapons deliveries to Russia, a think tank says. "
            "Pyongyang has also shipped rockets to Moscow, it said.",
            dt.date(2023, 11, 1),
        )
    ]
    assert ("shipment", "munitions") in found and ("shipment", "rockets") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Only 10% of the rounds fired from the North's stock went off as designed, a Ukrainian gunner said.",
        "Grain makes up most of Moscow's shipments to Pyongyang, Seoul's ministry said.",
    ],
)
def test_a_share_of_something_other_than_russias_supply_is_no_supply_share(text):
    found = [(c.kind, c.item, c.quantity) for c in claims(text, dt.date(2024, 3, 1))]
    assert not any(k == "supply_share" for k, _, _ in found), found
    assert not any(q is not None and q < 1 for _, _, q in found), found


def test_a_share_of_what_russia_fires_is_a_supply_share():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "About 40% of the shells fired by Russia now come from North Korea, Kyiv says.", dt.date(2024, 3, 1)
        )
    ]
    assert ("supply_share", "share_of_supply", 0.4) in found, found


def test_a_clause_dated_before_the_war_is_history_and_so_is_what_refers_back_to_it():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "North Korea has sent artillery shells to Russia, Kyiv says. "
            "The North's gunners once fired 1,200 shells at a reef during a drill in 2019. "
            "Of those 1,200 shells, only a few hundred landed on target.",
            dt.date(2024, 3, 1),
        )
    ]
    assert found == [("shipment", "artillery_shells", None)], found


def test_a_year_of_the_war_is_not_history():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims("North Korea sent 1,200 shells to Russia in 2023, Seoul says.", dt.date(2024, 3, 1))
    ]
    assert ("shipment", "artillery_shells", 1200) in found, found


def test_relief_after_a_disaster_is_not_payment_for_arms():
    relief = claims(
        "Moscow has promised emergency humanitarian aid to North Korea after typhoon damage, Pyongyang's news agency said.",
        dt.date(2024, 9, 1),
    )
    assert not any(c.kind == "compensation" for c in relief), [(c.kind, c.item) for c in relief]
    paid = [
        (c.kind, c.item)
        for c in claims(
            "In return for the shells, Russia sends the North food and economic aid, Seoul says.", dt.date(2024, 9, 1)
        )
    ]
    assert ("compensation", "economic_aid") in paid, paid


def test_drones_listed_after_north_korean_missiles_are_not_the_norths():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Kyiv's air force said Russia struck the city overnight with three North Korean KN-23 missiles, fired from "
            "Kursk, and 40 drones.",
            dt.date(2024, 8, 1),
        )
    ]
    assert ("battlefield_use", "ballistic_missiles", 3) in found and not any(i == "drones" for _, i, _ in found), found


def test_an_admission_names_no_number_and_the_count_beside_it_is_a_deployment():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "The Kremlin confirmed the North's role this week, with Seoul's spy agency having long said that "
            "Pyongyang sent about 12,000 soldiers to Russia.",
            dt.date(2025, 5, 1),
        )
    ]
    assert ("confirmation", "troops", None) in found and ("troop_deployment", "troops", 12000) in found, found
    assert not any(k == "confirmation" and q is not None for k, _, q in found), found


def test_russia_as_the_one_given_to_does_not_make_the_north_the_one_paid():
    found = [
        (c.kind, c.item)
        for c in claims(
            "The panel says Pyongyang has been sending rockets to Russia, posting workers and providing cash aid.",
            dt.date(2025, 6, 1),
        )
    ]
    assert ("shipment", "rockets") in found and not any(k == "compensation" for k, _ in found), found


def test_testing_weapons_on_ukraine_is_using_them():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Kyiv's army says Moscow keeps testing North Korean-built missiles on Ukrainian cities.",
            dt.date(2024, 6, 1),
        )
    ]
    assert found == [("battlefield_use", "ballistic_missiles")], found


def test_what_a_report_covers_in_general_words_is_an_overview_of_the_things_it_names():
    found = [
        (c.kind, c.item)
        for c in claims(
            "The monitoring group's paper also documented weapons Pyongyang handed to Moscow. "
            "Among them, it said, North Korea shipped some 200 self-propelled guns to Russia last year.",
            dt.date(2025, 6, 1),
        )
    ]
    assert found == [("shipment", "self_propelled_guns")], found


def test_its_production_belongs_to_the_side_that_opens_the_sentence():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Moscow buys rockets from North Korea to make up for its lagging weapons production, Kyiv says.",
            dt.date(2024, 6, 1),
        )
    ]
    assert ("shipment", "rockets") in found and not any(k == "production" for k, _ in found), found
    north = [
        (c.kind, c.item)
        for c in claims(
            "North Korea has expanded its artillery shell production for Russia, Seoul says.",
            dt.date(2024, 6, 1),
        )
    ]
    assert any(k == "production" for k, _ in north), north


def test_calling_a_transfer_egregious_condemns_it_but_a_heavily_sanctioned_state_is_a_description():
    found = [
        (c.kind, c.item)
        for c in claims(
            "The G7 said the North's delivery of rockets to Russia was especially egregious.", dt.date(2024, 11, 1)
        )
    ]
    assert ("condemnation", "rockets") in found, found
    described = [
        (c.kind, c.item)
        for c in claims(
            "Two of the most heavily sanctioned states drew closer as North Korea deployed 9,000 troops to Russia.",
            dt.date(2024, 11, 1),
        )
    ]
    assert ("troop_deployment", "troops") in described and not any(k == "condemnation" for k, _ in described), described


def test_the_troops_pointed_at_before_their_count_are_the_counted_ones():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Russia's foreign minister said that sending the troops had been Pyongyang's own offer. "
            "The North has sent some 14,000 soldiers to Russia since last autumn, Seoul's spy agency says.",
            dt.date(2025, 9, 1),
        )
    ]
    deployments = [q for k, _, q in found if k == "troop_deployment"]
    assert deployments == [14000], found


def test_a_verb_inside_a_weighed_possibility_says_nothing_of_the_things_outside_it():
    found = [
        (c.kind, c.item)
        for c in claims(
            "The rocket launchers Pyongyang has just unveiled are secret, so the possibility of exporting them to Russia "
            "cannot be raised, its spokesman said.",
            dt.date(2024, 6, 1),
        )
    ]
    assert not any(k == "shipment" for k, _ in found), found
    know_how = claims(
        "The technology of the rocket launchers Pyongyang has just unveiled is secret and the possibility of export "
        "cannot be raised, its spokesman said.",
        dt.date(2024, 6, 1),
    )
    assert know_how == [], [(c.kind, c.item) for c in know_how]


def test_a_vague_lede_folds_into_the_figure_the_same_voice_gives_later():
    found = [
        (c.kind, c.item, c.quantity)
        for c in claims(
            "Thousands of North Korean soldiers have been posted to Russia, a new monitoring report shows.\n\n"
            "Its chief finding is the arrival of more than 12,000 North Korean soldiers in Russia last autumn.",
            dt.date(2025, 6, 1),
        )
    ]
    assert [q for k, _, q in found if k == "troop_deployment"] == [12000], found


def test_one_states_two_voices_giving_the_same_figure_make_one_claim_but_two_states_make_two():
    text = (
        "North Korea has shipped about 2 million shells to Russia, a Ukrainian army officer said.\n\n"
        '"The Russians have taken two million rounds from Pyongyang," Ukraine\'s military intelligence chief told '
        "reporters."
    )
    found = [(c.kind, c.item, c.quantity) for c in claims(text, dt.date(2024, 5, 1))]
    assert found.count(("shipment", "artillery_shells", 2000000)) == 1, found
    two_states = (
        "North Korea has shipped about 2 million shells to Russia, a Ukrainian army officer said.\n\n"
        "South Korea's spy agency also put the figure at 2 million shells sent to Russia."
    )
    found = [(c.kind, c.item, c.quantity) for c in claims(two_states, dt.date(2024, 5, 1))]
    assert found.count(("shipment", "artillery_shells", 2000000)) == 2, found


def test_what_russia_runs_through_is_why_it_depends_not_a_claim_of_its_own():
    found = [
        (c.kind, c.item)
        for c in claims(
            "Moscow has been forced to turn to North Korea to keep its war going as it burns through shells on the "
            "battlefield, the State Department said.",
            dt.date(2024, 2, 1),
        )
    ]
    assert found == [("supply_share", "share_of_supply")], found
    shipped = [
        (c.kind, c.item)
        for c in claims(
            "North Korea has become Russia's leading weapons supplier, sending it ballistic missiles, Kyiv says.",
            dt.date(2024, 2, 1),
        )
    ]
    assert ("shipment", "ballistic_missiles") in shipped, shipped


def test_the_north_named_before_another_owner_owns_the_thing_only_when_joined_to_it():
    other = claims(
        "Debris of parts from the DPRK fitted to Russian missiles keeps turning up in Ukraine, Kyiv says.",
        dt.date(2025, 3, 1),
    )
    assert not any(c.item == "ballistic_missiles" for c in other), [(c.kind, c.item) for c in other]
    joined = [
        (c.kind, c.item)
        for c in claims(
            "North Korean and Russian soldiers fought side by side near Kursk, Ukraine's army said.",
            dt.date(2025, 3, 1),
        )
    ]
    assert ("battlefield_use", "troops") in joined, joined


def test_an_embargo_on_arms_names_what_is_banned():
    found = claims(
        "The shipments defy a UN embargo on rocket launchers and other weapons for Pyongyang, diplomats say.",
        dt.date(2024, 3, 1),
    )
    assert not any(c.item == "multiple_rocket_launchers" for c in found), [(c.kind, c.item) for c in found]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Zelensky said those who fought in Kursk were North Korean soldiers.", ("battlefield_use", "troops")),
        (
            "Those who were deployed, some 11,000 North Korean soldiers, are now fighting in Kursk, Seoul says.",
            ("troop_deployment", "troops"),
        ),
    ],
)
def test_those_who_did_something_are_people_who_did_it(text, kept):
    found = [(c.kind, c.item) for c in claims(text, dt.date(2024, 11, 1))]
    assert kept in found, found


def test_an_act_of_condemning_that_names_no_thing_condemns_the_transfer_before_it():
    found = [
        (c.kind, c.item)
        for c in claims(
            "North Korea has sent some 200 artillery pieces to Russia, Kyiv says. "
            "Canada's foreign minister condemned Pyongyang's decision on Friday.",
            dt.date(2025, 3, 1),
        )
    ]
    assert any(k == "condemnation" for k, _ in found), found


def test_drones_the_north_sends_are_its_own_even_beside_other_things():
    found = [
        (c.kind, c.item)
        for c in claims("North Korea has sent Russia rockets and drones, Kyiv says.", dt.date(2025, 5, 1))
    ]
    assert ("shipment", "drones") in found, found
    used = [
        (c.kind, c.item)
        for c in claims(
            "Russia struck Odesa with two North Korean missiles and 30 drones overnight.", dt.date(2025, 5, 1)
        )
    ]
    assert ("battlefield_use", "ballistic_missiles") in used and not any(i == "drones" for _, i in used), used
