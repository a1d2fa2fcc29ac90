"""Recall on real reporting's structure (issue 14): general mechanisms, each tested in sentences
written for these tests: role nouns, amounts linked across clauses, denials and attribution."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 5, 20)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def keys(found: list[Claim]) -> list[tuple[str, str, str | None, float | None, str | None]]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


# --- lexicon: the same thing in other words ------------------------------------------------------


@pytest.mark.parametrize("pair", ["wounded and killed", "injured or killed", "wounded or dead"])
def test_a_casualty_pair_either_way_round_is_killed_or_wounded(pair):
    text = f"Kyiv says more than 4,000 {pair} North Korean soldiers have been counted near Kursk."
    assert ("casualties", "killed_or_wounded", None, 4000, "at_least") in keys(claims(text))


def test_russian_state_media_is_russia_not_the_north():
    text = (
        "North Korea has denied supplying shells to Russia. A Russian envoy, Ivan Petrov, was quoted by "
        "Russian state media on Tuesday denying that Moscow had bought any North Korean weapons."
    )
    denials = [(c.kind, c.source) for c in claims(text) if c.kind == "denial"]
    assert denials == [("denial", "North Korea government"), ("denial", "Russia Foreign Ministry")]  # an envoy


# --- denials ---------------------------------------------------------------------------------------


def test_weapons_listed_with_a_named_thing_are_both_denied():
    text = "Pyongyang has denied exporting ammunition and rockets to Russia."
    assert sorted(c.item for c in claims(text) if c.kind == "denial") == ["munitions", "rockets"]


def test_a_named_thing_after_general_claims_is_the_only_thing_denied():
    text = "The embassy rejected Seoul's claims about weapons deals, saying Russia had never received any shells."
    assert [c.item for c in claims(text) if c.kind == "denial"] == ["artillery_shells"]


def test_dismissing_the_reports_denies_what_was_just_reported():
    text = (
        "Seoul says Pyongyang has moved about 2,000 soldiers to Russia's Far East. "
        "A week earlier the Kremlin had dismissed the reports as a fabrication."
    )
    assert [(c.kind, c.item, c.source) for c in claims(text) if c.kind == "denial"] == [
        ("denial", "troops", "Russia Kremlin")
    ]


# --- troops told through their side: the state as the agent, "our" and "your" ---------------------------


def test_the_norths_help_in_defeating_an_enemy_is_its_soldiers_in_combat():
    text = (
        "North Korea shipped shells to Russia last year. "
        "Russia's top general praised the assistance of the DPRK in defeating Ukrainian units near Kursk."
    )
    assert ("battlefield_use", "troops", "NK->RU", None, None) in keys(claims(text))


def test_thanking_the_north_for_helping_drive_out_the_enemy_is_an_admission():
    text = "North Korea shipped shells to Russia last year. Putin thanked Kim for helping Russia push the invaders out."
    assert ("confirmation", "troops", "NK->RU", None, None) in keys(claims(text))


def test_a_party_confirming_the_norths_participation_admits_the_troops():
    text = "North Korea shipped shells to Russia last year. This week the Kremlin confirmed the North's participation."
    assert ("confirmation", "troops", "NK->RU", None, None) in keys(claims(text))


def test_our_forces_in_the_norths_own_voice_are_its_troops():
    text = (
        '"Units of our armed forces took part in the battles to free the Kursk region," '
        "the North's state news agency KCNA said on Monday."
    )
    found = claims(text)
    assert [(c.kind, c.item, c.source) for c in found] == [("battlefield_use", "troops", "North Korea KCNA")]


def test_our_soldiers_in_kyivs_voice_are_not_the_norths():
    text = (
        "North Korea has sent troops to Russia. "
        '"Our soldiers fought in Kursk all winter," Ukraine\'s President Volodymyr Zelensky said.'
    )
    assert [c.kind for c in claims(text)] == ["troop_deployment"]


def test_a_pronoun_inside_the_sentence_is_the_person_it_names():
    text = (
        "North Korea's state media praised its soldiers on Sunday. Russian army chief Valery Gerasimov hailed the "
        "North Korean troops, who he said fought bravely in Kursk."
    )
    found = [c for c in claims(text) if c.kind == "battlefield_use"]
    assert [c.source for c in found] == ["Russia General Staff"]


# --- amounts linked to their noun across a clause ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quantity", "bound"),
    [
        (
            "Seoul believes the number of shells Pyongyang has shipped to Russia may be as high as 4 million.",
            4e6,
            "at_most",
        ),
        ("The total of rockets the North delivered by rail stood at 12,000, the ministry said.", 12000, "exact"),
        (
            "The number of containers that left Rajin for Russian ports reached about 9,000, analysts said.",
            9000,
            "about",
        ),
    ],
)
def test_the_number_of_a_thing_takes_the_amount_its_verb_gives(sentence, quantity, bound):
    found = [(c.quantity, c.bound) for c in claims(sentence) if c.kind == "shipment"]
    assert found == [(quantity, bound)]


def test_an_amount_of_something_else_after_a_number_of_phrase_is_not_linked():
    text = "The number of shells North Korea has sent to Russia is unknown, but 300 trains have crossed the border."
    assert [c.quantity for c in claims(text) if c.kind == "shipment"] == [None]


# --- a speaker's charge with the parties' denial in a trailing clause --------------------------------------


def test_a_charge_followed_by_which_the_parties_deny_keeps_the_charge():
    text = (
        "Ukraine's military intelligence says the North has shipped rockets to Russia and that they were fired at "
        "Kharkiv, which Moscow and Pyongyang deny."
    )
    found = [(c.kind, c.item, c.source) for c in claims(text)]
    assert ("shipment", "rockets", "Ukraine HUR") in found
    assert ("battlefield_use", "rockets", "Ukraine HUR") in found
    assert [source for kind, _, source in found if kind == "denial"] == ["North Korea and Russia governments"]


def test_a_partys_own_denial_is_still_only_a_denial():
    text = "Moscow has rejected reports that it received rockets from North Korea, which it calls a fabrication."
    assert {c.kind for c in claims(text)} == {"denial"}


# --- a modifier joined to a named thing shares its head noun ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        (
            "In return Pyongyang is getting missile and submarine technology from Moscow.",
            ["missile_technology", "submarine_technology"],
        ),
        (
            "Russia has handed the North satellite and missile know-how in exchange.",
            ["satellite_technology", "missile_technology"],
        ),
        (
            "Moscow is providing space and nuclear technology to Pyongyang in return.",
            ["space_technology", "nuclear_technology"],
        ),
    ],
)
def test_a_joined_modifier_names_the_thing_with_the_shared_head(sentence, items):
    assert [c.item for c in claims(sentence)] == items
    assert {c.kind for c in claims(sentence)} == {"technology_transfer"}


def test_joined_modifiers_before_a_counted_noun_stay_one_claim():
    text = "Freighters carried 2 million artillery and rocket rounds from North Korea to Russia."
    assert keys(claims(text)) == [("shipment", "artillery_shells", "NK->RU", 2_000_000, "exact")]


# --- what is paid back: the help's own domain, economic cooperation ------------------------------------


def test_a_list_of_things_shipped_is_not_the_domain_of_the_help_paid_back():
    text = (
        "Seoul's spy agency said the North has sent shells, missiles and rocket launchers to Russia "
        "in exchange for technical support and economic cooperation from Moscow."
    )
    paid = sorted((c.kind, c.item) for c in claims(text) if c.direction == "RU->NK")
    assert paid == [("compensation", "economic_aid"), ("technology_transfer", "military_technology")]


def test_help_for_the_missiles_shipped_is_missile_technology():
    text = "Kyiv says Pyongyang has sent 200 of the missiles and that Russian engineers helped improve their guidance."
    assert [c.item for c in claims(text) if c.kind == "technology_transfer"] == ["missile_technology"]


# --- condemnation in other words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers said the supply of shells by North Korea to Russia was particularly egregious.",
        "Washington vowed to hold Pyongyang accountable for sending shells to Russia.",
        "The shipments of North Korean shells to Russia are a gross breach of UN resolutions, the EU said.",
    ],
)
def test_judging_the_transfers_is_a_condemnation(sentence):
    assert ("condemnation", "artillery_shells") in [(c.kind, c.item) for c in claims(sentence)]


# --- another speaker's report inside a sentence -----------------------------------------------------------


def test_a_report_inside_an_admission_is_the_reporters_claim_not_the_admission():
    text = (
        "Moscow this week confirmed the North's participation, with Seoul's spy agency having long "
        "reported that Pyongyang sent about 11,000 soldiers to Kursk."
    )
    found = [(c.kind, c.item, c.quantity, c.source) for c in claims(text)]
    assert ("confirmation", "troops", None, "Russia government") in found
    assert ("troop_deployment", "troops", 11000, "South Korea NIS") in found
    assert not any(kind == "confirmation" and quantity for kind, _, quantity, _ in found)


def test_an_unknown_reporter_is_named_in_its_own_words():
    text = (
        "The Kremlin confirmed the North's participation, while Baltic intelligence services estimate "
        "that Pyongyang sent some 12,000 soldiers."
    )
    counted = [c for c in claims(text) if c.quantity]
    assert [(c.kind, c.quantity, c.source) for c in counted] == [
        ("troop_deployment", 12000, "Baltic intelligence services")
    ]


# --- combat told as testing; who reports a strike -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv says Russia is testing North Korean missiles in Ukraine before Pyongyang sells them elsewhere.",
        "Seoul's envoy said the North is using Ukraine as a testing ground for its ballistic missiles.",
    ],
)
def test_weapons_tried_out_in_the_war_are_in_use(sentence):
    assert ("battlefield_use", "ballistic_missiles") in [(c.kind, c.item) for c in claims(sentence)]


def test_a_body_the_lexicon_does_not_know_speaks_by_its_name():
    text = "On Monday the Centre for Combat Analysis at Kharkiv University stated that North Korean missiles struck Kharkiv."
    assert [c.source for c in claims(text)] == ["Centre for Combat Analysis at Kharkiv University"]


def test_a_named_source_reporting_a_strike_after_the_outlet_mentions_it_stands():
    text = (
        "North Korean missiles have hit Ukrainian cities this winter. "
        "Ukraine's air force said North Korean missiles struck Kyiv on Sunday. "
        "The White House said Russia had fired North Korean missiles at Zaporizhzhia."
    )
    found = [(c.kind, c.source) for c in claims(text)]
    assert found == [
        ("battlefield_use", "outlet"),
        ("battlefield_use", "Ukraine Air Force"),
        ("battlefield_use", "White House"),
    ]


# --- role nouns: who people are, by what happens to them and what they are sent to do ----------------------


def test_soldiers_harmed_by_bad_shells_are_not_a_group_in_combat():
    text = "Russian gunners are firing North Korean shells that burst early, even injuring soldiers nearby."
    assert ("battlefield_use", "troops") not in [(c.kind, c.item) for c in claims(text)]
    assert ("battlefield_use", "artillery_shells") in [(c.kind, c.item) for c in claims(text)]


def test_drones_beside_the_norths_own_missiles_are_not_the_norths():
    text = "Kyiv said Russia attacked overnight with three North Korean KN-23 missiles and 40 drones."
    assert [c.item for c in claims(text)] == ["ballistic_missiles"]


def test_a_captured_soldier_of_the_north_is_a_casualty():
    text = "Footage shared online on Tuesday appears to show a captured North Korean soldier near Kursk."
    assert [(c.kind, c.item) for c in claims(text)] == [("casualties", "captured")]


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        (
            "Moscow said Pyongyang will send 4,000 personnel to carry out reconstruction work in Kursk.",
            "military_construction_workers",
        ),
        (
            "Pyongyang has sent about 1,000 military personnel to Russia to clear mines near the border.",
            "combat_engineers",
        ),
    ],
)
def test_people_take_the_role_their_purpose_names(sentence, item):
    found = [(c.kind, c.item) for c in claims(sentence) if c.quantity]
    assert found == [("personnel_dispatch", item)]


def test_workers_for_construction_sites_stay_workers():
    text = "Seoul says Pyongyang has begun sending 3,000 workers to Russian construction sites."
    assert [c.item for c in claims(text)] == ["workers"]


# --- who speaks: a name before its own verb, a paragraph cut off -----------------------------------------


def test_a_name_followed_by_its_own_verb_after_said_is_not_the_speaker():
    text = (
        "Russia has fired dozens of North Korean missiles at Ukraine. Seoul's envoy to the UN, Kim Min-soo, "
        "said North Korea is using Ukraine as a testing ground for its missiles."
    )
    sources = [c.source for c in claims(text)]
    assert "North Korea government" not in sources


def test_an_inverted_speaker_at_the_end_of_the_sentence_still_speaks():
    text = "North Korea has sent more than 10,000 troops to Russia, said Kyiv."
    assert [c.source for c in claims(text)] == ["Ukraine government"]


def test_a_long_line_cut_off_mid_sentence_is_a_paragraph_not_a_heading():
    text = (
        "North Korean missiles have hit Ukrainian cities this year.\n\n"
        "In a briefing on Monday the White House said that Russia had fired North Korean ballistic missiles at "
        "Kharkiv on three nights in a row, as well as at Zaporizhzhia and at Dnipro later in the same week, and at"
    )
    assert [(c.kind, c.source) for c in claims(text)] == [
        ("battlefield_use", "outlet"),
        ("battlefield_use", "White House"),
    ]


def test_the_report_named_before_speaks_by_its_author():
    text = (
        "Pyongyang on Sunday dismissed a report by the Multilateral Sanctions Monitoring Team (MSMT) as slander. "
        "The report, published in May, says North Korea has shipped rockets to Russia."
    )
    found = [(c.kind, c.item, c.source) for c in claims(text)]
    assert ("shipment", "rockets", "MSMT") in found


def test_the_report_with_no_author_named_is_not_given_one():
    text = (
        "Pyongyang on Sunday dismissed the accusations as slander. "
        "The report, published in May, says North Korea has shipped rockets to Russia."
    )
    assert "MSMT" not in [c.source for c in claims(text)]


# --- output told without its product ----------------------------------------------------------------------


def test_output_run_flat_out_without_a_product_is_weapons_production():
    text = 'Kyiv\'s spy chief said: "North Korea keeps big stocks and its production goes on around the clock."'
    assert keys(claims(text)) == [("production", "munitions", None, None, None)]


def test_round_the_clock_is_not_a_share_of_capacity():
    text = "North Korea's arms factories are making shells for Russia round-the-clock, Seoul said."
    production = [c.quantity for c in claims(text) if c.kind == "production"]
    assert production and set(production) == {None}


# --- ellipsis: a bare count after "another", "a further" is the group counted before -------------------------


@pytest.mark.parametrize(
    "follow_up",
    [
        "Another 2,500 arrived in December.",
        "A further 1,800 were flown in over the winter.",
        "An additional 4,000 followed.",
    ],
)
def test_a_bare_count_after_another_counts_the_group_named_before(follow_up):
    text = f"Pyongyang moved some 10,000 soldiers to Russia in the autumn, Seoul's spy agency said. {follow_up}"
    counts = [c.quantity for c in claims(text) if c.kind == "troop_deployment"]
    assert counts[0] == 10000 and len(counts) == 2 and counts[1] in (2500, 1800, 4000)


def test_another_count_of_a_measured_thing_is_not_the_group():
    text = "Pyongyang moved some 10,000 soldiers to Russia in the autumn. Another 2,000 tonnes of rice went north."
    assert [c.quantity for c in claims(text)] == [10000]


# --- lexicon entries: the North's ports, soldiers named by their weapons; a source is not a flow ---------------


def test_according_to_ukraines_intelligence_is_a_source_not_arms_for_ukraine():
    text = (
        "North Korea has sent Russia hundreds of thousands of shells. According to Ukraine's military "
        "intelligence, about 90 KN-23 missiles have been launched at Ukrainian cities."
    )
    assert ("battlefield_use", "ballistic_missiles", "NK->RU", 90, "about") in keys(claims(text))


def test_arms_for_ukraine_are_still_another_flow():
    text = "North Korea has sent troops to Russia. Seoul is now weighing sending 100,000 shells to Ukraine."
    assert "artillery_shells" not in [c.item for c in claims(text)]


def test_the_norths_ports_name_the_north():
    text = "Satellite images show about 300 containers loaded at Rajin and shipped to Vostochny, the analysts said."
    assert ("shipment", "containers", "NK->RU", 300, "about") in keys(claims(text))


def test_gunners_of_the_north_are_its_troops():
    text = "Kyiv's spy chief said about 2,000 North Korean gunners are now serving with Russian units."
    assert ("troop_deployment", "troops", "NK->RU", 2000, "about") in keys(claims(text))


# --- a share of Russia's own supply told with a pronoun ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "share"),
    [
        ("Russia now gets roughly half of its shells from the North, according to Latvian intelligence.", 0.5),
        ("Moscow relies on Pyongyang for about 60 percent of its artillery ammunition, Kyiv says.", 0.6),
    ],
)
def test_a_share_of_its_own_supply_is_a_share_of_supply(sentence, share):
    assert ("supply_share", "share_of_supply", "NK->RU", share, "about") in keys(claims(sentence))


def test_the_norths_share_of_its_own_stock_is_no_share_of_russias_supply():
    text = "North Korea keeps half of its shells for its own army, Seoul says."
    assert "share_of_supply" not in [c.item for c in claims(text)]


@pytest.mark.parametrize(
    ("words", "item"),
    [("military cargo", "munitions"), ("howitzers", "self_propelled_guns"), ("artillery pieces", "artillery_systems")],
)
def test_item_words_follow_the_labelling_conventions(words, item):
    assert [c.item for c in claims(f"Seoul says North Korea has shipped {words} to Russia.")] == [item]


@pytest.mark.parametrize(
    "sentence",
    [
        "In return, Moscow has given Pyongyang know-how for its nuclear submarines, Seoul says.",
        "Russia is thought to be helping the North with technology for nuclear submarines in exchange.",
    ],
)
def test_help_for_nuclear_submarines_is_submarine_technology(sentence):
    assert [c.item for c in claims(sentence) if c.kind == "technology_transfer"] == ["submarine_technology"]


def test_a_thousands_comma_does_not_end_a_clause():
    text = (
        "North Korea has sent shells to Russia, Kyiv says. "
        "The North's gunners once fired 1,200 shells at a reef during a drill in 2019."
    )
    assert [c.kind for c in claims(text)] == ["shipment"]


# --- list items under a lead-in ------------------------------------------------------------------------------


def test_list_items_under_a_lead_in_take_its_verb_and_speaker():
    text = (
        "Kyiv's military intelligence says North Korea has handed Russia:\n\n"
        "* some 8 million shells;\n* about 150 artillery pieces;\n* and 120 ballistic missiles.\n"
    )
    found = claims(text)
    assert [(c.kind, c.item, c.quantity) for c in found] == [
        ("shipment", "artillery_shells", 8_000_000),
        ("shipment", "artillery_systems", 150),
        ("shipment", "ballistic_missiles", 120),
    ]
    assert len({c.source for c in found}) == 1 and found[0].source.startswith("Ukraine")


def test_a_list_item_with_its_own_verb_keeps_it():
    text = "Findings of the report:\n- North Korea fired 40 rockets at a reef in drills\n- It sent 3,000 troops to Russia\n"
    assert [c.kind for c in claims(text)] == ["troop_deployment"]


def test_condemning_the_sanctions_violations_condemns_the_arms_trade():
    text = (
        "North Korea has sent 10,000 troops to Russia. "
        "Washington said it would hold Pyongyang accountable for its UN sanctions violations."
    )
    assert [(c.kind, c.item) for c in claims(text) if c.kind == "condemnation"] == [("condemnation", "munitions")]


def test_the_norths_own_voice_mourning_its_dead_abroad_admits_the_deployment():
    text = (
        "Kim Jong Un laid wreaths for North Korean soldiers who died fighting in Russia's Kursk region, "
        "the state news agency KCNA reported on Sunday."
    )
    found = [(c.kind, c.item, c.source) for c in claims(text)]
    assert ("confirmation", "troops", "North Korea KCNA") in found
    assert ("casualties", "killed", "North Korea KCNA") in found


def test_another_voice_counting_the_norths_dead_admits_nothing():
    text = "Seoul's spy agency said about 600 North Korean soldiers have died fighting in Russia's Kursk region."
    assert "confirmation" not in [c.kind for c in claims(text)]


def test_the_capitals_authorities_and_the_country_report_strikes_each_in_their_own_name():
    text = (
        "Ukraine's air force said Russia fired three North Korean KN-23 missiles overnight. "
        "Kyiv city authorities said North Korean missiles were part of an attack on the capital last month. "
        "Ukraine has reported the use of North Korean missiles since January."
    )
    sources = [c.source for c in claims(text) if c.kind == "battlefield_use"]
    assert sources == ["Ukraine Air Force", "Kyiv city military administration", "Ukraine government"]


def test_ukraine_as_a_place_or_an_owner_is_no_source():
    text = "North Korean missiles struck Ukraine's second city overnight, Ukraine's air force said."
    assert [c.source for c in claims(text)] == ["Ukraine Air Force"]


def test_the_ukraine_war_as_a_modifier_is_no_source():
    text = "Washington has over the course of the Ukraine conflict accused North Korea of supplying shells to Moscow."
    assert [c.source for c in claims(text)] == ["United States"]


def test_a_military_presence_of_the_north_is_a_deployment():
    text = "North Korea has sent shells to Russia. Analysts point to a growing North Korean military presence there."
    assert ("troop_deployment", "troops") in [(c.kind, c.item) for c in claims(text)]


def test_another_countrys_military_presence_is_not_the_norths():
    text = "North Korea has sent shells to Russia. The US military presence in South Korea was not discussed."
    assert [c.kind for c in claims(text)] == ["shipment"]


# --- session 6: mechanisms counted on the development sets' misses -----------------------------------


def test_according_to_a_pronoun_is_the_last_source_not_the_country_after_it():
    text = (
        "Pyongyang has sent thousands of containers to Russia, Seoul's defence minister said on Monday. "
        "According to him, the North has also delivered dozens of ballistic missiles to Russia."
    )
    found = [c for c in claims(text) if c.item == "ballistic_missiles"]
    assert [(c.kind, c.quantity, c.bound, c.source) for c in found] == [
        ("shipment", 24, "at_least", "South Korea Ministry of Defense")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Seoul believes about 400 North Korean soldiers were killed or wounded while fighting alongside Russian troops.",
        "Kyiv says its forces captured three injured North Korean soldiers who were fighting along with Russian units.",
    ],
)
def test_counted_casualties_fighting_beside_russian_forces_were_also_in_combat(text):
    assert ("battlefield_use", "troops", "NK->RU", None, None) in keys(claims(text))


def test_dying_for_russia_says_what_they_died_for_not_a_use_of_troops():
    text = "Seoul says about 900 North Korean soldiers have died fighting for Russia."
    assert [c.kind for c in claims(text)] == ["casualties"]


def test_captured_wounded_soldiers_are_counted_as_captured():
    text = "Kyiv says its forces captured three injured North Korean soldiers near the border."
    assert keys(claims(text)) == [("casualties", "captured", None, 3, "exact")]


@pytest.mark.parametrize(
    ("words", "item"),
    [
        ("long-range rocket systems", "multiple_rocket_launchers"),
        ("rocket systems", "multiple_rocket_launchers"),
        ("heavy artillery", "artillery_systems"),
    ],
)
def test_launchers_and_guns_in_other_words(words, item):
    text = f"Officials in Seoul said the North had shipped {words} to Russia."
    assert ("shipment", item, "NK->RU", None, None) in keys(claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the North has provided artillery and munitions to Russia.",
        "Seoul said the North supplied military equipment to Russia, including artillery and ballistic missiles.",
    ],
)
def test_artillery_beside_other_things_sent_is_its_ammunition(text):
    assert ("shipment", "artillery_shells", "NK->RU", None, None) in keys(claims(text))


def test_artillery_and_missile_strikes_are_no_shipment_of_shells():
    text = "Ukrainian towns came under artillery and missile strikes as the North's troops arrived in Russia."
    assert all(c.item != "artillery_shells" for c in claims(text))


def test_n_more_counts_the_group_counted_earlier_in_the_same_sentence():
    text = (
        "North Korea shipped 200 ballistic missiles to Russia last year. The panel said the North sent more "
        "than 9,000 soldiers to Russia this year, with 2,500 more deployed in the spring."
    )
    got = keys(claims(text))
    assert ("troop_deployment", "troops", "NK->RU", 2500, "exact") in got
    assert not any(k[1] == "ballistic_missiles" and k[3] == 2500 for k in got)


def test_a_weight_before_the_noun_is_no_count_of_it():
    text = "The North is also supplying 700 kilogram ballistic missiles to Russia, the official said."
    assert keys(claims(text)) == [("shipment", "ballistic_missiles", "NK->RU", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Around 900 North Korean soldiers sent to help Russia fight Ukraine are thought to have died, a lawmaker said.",
        "About 900 North Korean soldiers deployed to Russia have been killed, a lawmaker said.",
    ],
)
def test_soldiers_described_as_sent_and_counted_as_dead_are_casualties_not_a_deployment(text):
    assert keys(claims(text)) == [("casualties", "killed", None, 900, "about")]


def test_a_count_of_russian_and_north_korean_soldiers_is_no_count_of_the_norths():
    text = "Moscow sent about 40,000 Russian and North Korean troops to the border region, the newspaper reported."
    assert [(c.item, c.quantity) for c in claims(text) if c.kind == "troop_deployment"] == [("troops", None)]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "Washington will take every step to hold accountable those involved in arms transfers between "
            "Pyongyang and Moscow, the State Department said.",
            "munitions",
        ),
        ("Seoul is calling for the immediate withdrawal of the North Korean troops sent to Russia.", "troops"),
        ("The North Korean soldiers' deployment to Russia must end, the ministry said.", "troops"),
    ],
)
def test_condemnation_in_other_words(text, item):
    assert ("condemnation", item) in [(c.kind, c.item) for c in claims(text)]


def test_a_source_condemning_again_about_weapons_in_general_adds_no_condemnation():
    text = (
        "Washington imposed sanctions on two Russian firms for helping arms transfers between Russia and North "
        'Korea, including ballistic missiles. "We will keep acting to hold accountable those who seek to facilitate '
        'the shipment of weapons and other materiel to Russia," Smith added.'
    )
    assert [(c.kind, c.item) for c in claims(text) if c.kind == "condemnation"] == [("condemnation", "munitions")]


def test_according_to_ends_at_its_comma_the_party_after_it_is_the_subject_not_the_source():
    text = (
        "According to South Korean assessments, North Korea has sent about 9,000 troops to Russia and supplied "
        "military equipment, including artillery and ballistic missiles."
    )
    found = claims(text)
    # (the equipment is the heading of the things it includes, no claim of its own: convention 22k)
    assert {c.item for c in found if c.kind == "shipment"} == {"artillery_shells", "ballistic_missiles"}
    assert all(c.source != "North Korea government" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says the North has provided Russia with over 2 million artillery rounds and other weapons.",
        "Officials say Pyongyang has shipped rockets and munitions to Russia for its war.",
    ],
)
def test_weapons_in_general_joined_to_a_named_thing_are_a_claim_of_their_own(text):
    assert "munitions" in [c.item for c in claims(text) if c.kind == "shipment"]


def test_weapons_exemplified_by_a_named_thing_are_the_named_thing():
    text = "Officials say Pyongyang has shipped weapons to Russia, including rockets."
    assert [c.item for c in claims(text) if c.kind == "shipment"] == ["rockets"]


def test_a_party_named_after_cited_and_that_is_the_reported_subject_not_the_source():
    text = (
        "Seoul's defence ministry briefed lawmakers on Monday. The document cited by the lawmaker said that North "
        "Korea had supplied Russia with, among other things, artillery shells and anti-tank missiles."
    )
    found = [c for c in claims(text) if c.kind == "shipment"]
    assert {c.item for c in found} == {"artillery_shells", "anti_tank_missiles"}
    assert all(c.source != "North Korea government" for c in found)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two Russian cargo ships delivered several hundred containers to North Korean ports in May.", 300),
        ("North Korea has shipped shells to Russia. Russian ships were seen offloading containers in the North.", None),
    ],
)
def test_russian_ships_landing_cargo_in_the_north_carry_goods_to_it(text, count):
    found = claims(text)
    assert ("compensation", "RU->NK", count) in [(c.kind, c.direction, c.quantity) for c in found]
    assert not any(c.item == "containers" and c.direction == "NK->RU" for c in found)


def test_the_sanctioned_country_is_a_description_not_a_condemnation():
    text = (
        "North Korea sent troops to Russia last year. The sanctioned Asian country also sent about 3,000 workers "
        "to building sites across Russia, the spy agency said."
    )
    assert [k for k in keys(claims(text)) if k[0] != "troop_deployment"] == [
        ("personnel_dispatch", "workers", "NK->RU", 3000, "about")
    ]


def test_a_modifier_joined_to_a_named_thing_can_share_the_noun_after_it():
    text = "Shin said Moscow had given Pyongyang economic and military technology support in return for its troops."
    assert {(c.kind, c.item) for c in claims(text)} == {
        ("compensation", "economic_aid"),
        ("technology_transfer", "military_technology"),
    }


def test_containers_russian_ships_offload_in_the_north_are_kept_for_the_reverse_flow():
    text = (
        "North Korea has shipped shells to Russia, Kirby said. He also told of Russian ships offloading containers "
        "in the North, which he said may be the first deliveries from Russia."
    )
    assert ("compensation", "goods", "RU->NK") in [(c.kind, c.item, c.direction) for c in claims(text)]


def test_its_arms_supplies_to_another_country_are_moved_not_owned():
    text = "Since the invasion began, Pyongyang has sharply increased its arms supplies to its old ally, Moscow."
    assert keys(claims(text)) == [("shipment", "munitions", "NK->RU", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang in Kursk\n\nNorth Korea deployed 11,000\n\nThe soldiers arrived in October, officials said.",
        "North Korea's troops are in Russia. Seoul says Pyongyang has dispatched 11,000 to Kursk since the autumn.",
    ],
)
def test_a_count_with_no_noun_after_a_verb_that_sends_soldiers_counts_soldiers(text):
    assert ("troop_deployment", "troops", "NK->RU", 11000, "exact") in keys(claims(text))


def test_the_norths_military_deployment_names_its_soldiers():
    text = "Washington said the North's military deployment to Russia must end."
    assert {(c.kind, c.item) for c in claims(text)} >= {("condemnation", "troops")}


def test_a_troop_deployment_paid_for_is_presupposed_not_reported():
    text = "Seoul says Russia sent oil and cash to the North in return for its troop deployment."
    assert all(c.kind != "troop_deployment" for c in claims(text))


def test_parts_of_a_nuclear_submarine_are_submarine_technology_with_their_count():
    text = "Officials say Russia is believed to have supplied two to three nuclear submarine modules to North Korea."
    found = [(c.kind, c.item, c.direction, c.quantity, c.quantity_high, c.bound) for c in claims(text)]
    assert found == [("technology_transfer", "submarine_technology", "RU->NK", 2, 3, "range")]


def test_turning_to_the_north_for_ammunition_is_dependence_on_it():
    text = '"Russia is turning to North Korea mainly because of its huge need for shells," an analyst said.'
    assert ("supply_share", "share_of_supply", "NK->RU") in [(c.kind, c.item, c.direction) for c in claims(text)]


def test_turning_to_the_north_for_talks_is_no_dependence():
    text = "Moscow turned to Pyongyang for talks on a new treaty after the North sent shells to Russia."
    assert all(c.kind != "supply_share" for c in claims(text))


def test_soldiers_a_country_drafts_are_its_own_not_the_norths():
    text = "North Korean soldiers are already in Russia, officials say, as Kyiv drafts 160,000 troops."
    assert all(c.quantity != 160000 for c in claims(text))


def test_the_sacrifices_made_by_the_soldiers_are_their_dead():
    text = (
        "North Korean soldiers fought in Kursk. "
        '"We will never forget the sacrifices made by your armed forces," Putin wrote to Kim.'
    )
    assert ("casualties", "killed", None, None, None) in keys(claims(text))


def test_a_self_sacrificing_spirit_is_no_casualty():
    text = "Putin praised the self-sacrificing spirit of the North Korean soldiers who fought in Kursk."
    assert all(c.kind != "casualties" for c in claims(text))


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        (
            "Seoul has uncovered military ties between North Korea and Russia, despite denials from both countries "
            "about arms transfers.",
            "North Korea and Russia governments",
        ),
        (
            "Seoul has found that North Korea sent shells to Russia, despite denials by Pyongyang.",
            "North Korea government",
        ),
    ],
)
def test_a_denial_named_as_a_noun_is_made_by_the_parties_after_it(text, denier):
    assert [c.source for c in claims(text) if c.kind == "denial"] == [denier]


def test_casualties_counted_while_fighting_the_ukrainian_army_were_in_combat():
    text = "About 700 North Korean soldiers have been killed or wounded while fighting Ukrainian troops, Seoul said."
    assert ("battlefield_use", "troops", "NK->RU", None, None) in keys(claims(text))


def test_soldiers_sent_to_help_russia_fight_ukraine_are_not_said_to_be_in_combat_by_their_losses():
    text = "About 700 North Korean soldiers sent to help Russia fight Ukraine are believed to have died, Seoul said."
    assert all(c.kind != "battlefield_use" for c in claims(text))


def test_our_korean_comrades_are_the_norths_soldiers_whoever_speaks():
    text = (
        "North Korea sent troops to Russia last year. "
        '"Our Korean comrades fought bravely," Putin said, thanking Kim for sending soldiers to the Kursk region.'
    )
    assert ("battlefield_use", "troops", "NK->RU", None, None) in keys(claims(text))
