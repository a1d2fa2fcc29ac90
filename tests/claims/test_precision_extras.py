"""Precision by families of extra claims (issue 14, session 13): readings the conventions count as no claim of
their own, seen on the real development sets (blind7, blind8, the corpus's development split). Sentences written for
these tests; each family has near misses that must keep their claim."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 14)
# An opening that names the North and no thing, so that the sentence after it is read in the article's context
# and no claim of the opening absorbs it.
OPENING = "The war in Ukraine has drawn in North Korea, officials say. "


def told(text: str) -> list[tuple[str, str, str | None, float | None]]:
    """(kind, item, direction, quantity) of each claim told in the sentence after the opening."""
    return [
        (c.kind, c.item, c.direction, c.quantity)
        for c in extract_claims(OPENING + text, PUB)
        if c.span[0] >= len(OPENING)
    ]


# --- 1. containers and what they hold: one shipment, told once (conventions 15e, 17b) -------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Seoul said the North shipped some 2,000 containers of "shells and rockets" to Russia.',
        "Seoul said the North shipped some 2,000 containers with \u201cweapons and shells\u201d to Russia.",
        "Seoul said the North shipped some 2,000 containers likely full of shells to Russia.",
    ],
)
def test_what_counted_containers_hold_is_no_claim_of_its_own_even_quoted_or_guessed(text):
    assert told(text) == [("shipment", "containers", "NK->RU", 2000)]


def test_figure_less_containers_that_could_hold_a_counted_load_give_the_load_alone():
    text = "The North sent containers, apparently to Russia, that could hold up to two million shells, Seoul said."
    assert told(text) == [("shipment", "artillery_shells", "NK->RU", 2_000_000)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted containers keep their count beside the load worked out from them (15e)
        (
            "The North sent 5,000 containers to Russia that could hold up to two million shells, Seoul said.",
            {("shipment", "containers", "NK->RU", 5000), ("shipment", "artillery_shells", "NK->RU", 2_000_000)},
        ),
        # a count held by something else in a clause of its own
        (
            "The North sent containers to Russia, while Russian depots hold 2 million shells, Seoul said.",
            {("shipment", "containers", "NK->RU", None), ("shipment", "artillery_shells", "NK->RU", 2_000_000)},
        ),
    ],
)
def test_counted_containers_and_a_load_held_elsewhere_keep_their_claims(text, expected):
    assert set(told(text)) == expected


# --- 2. a word read in another sense: no claim of the kind it usually cues ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a launch word that tells a strike, where satellites were spoken of just before
        "Russia gave the North technology to help it deploy spy satellites. The minister said in May that the North "
        "also sent dozens of missiles that Russian troops launch against Ukraine.",
        "Russia has helped the North with its spy satellites. The North launched two ballistic missiles into the sea "
        "on Monday.",
    ],
)
def test_missiles_launched_are_no_satellite_launch(text):
    assert not [c for c in extract_claims(text, PUB) if c.kind == "satellite_launch"]


def test_a_satellite_put_into_orbit_is_still_a_launch():
    text = (
        "Russia has helped the North with its spy satellites. The North launched a spy satellite into orbit on Tuesday."
    )
    assert [c.quantity for c in extract_claims(text, PUB) if c.kind == "satellite_launch"] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang's new satellite can capture images at a resolution of one metre, Seoul said.",
        "North Korean drones captured footage of Ukrainian positions, Kyiv said.",
        "North Korean soldiers captured a key hill near Sudzha last week, the ministry said.",
    ],
)
def test_a_picture_or_a_place_captured_is_no_one_taken_prisoner(text):
    assert not [f for f in told(text) if f[0] == "casualties"]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine captured two North Korean soldiers near the village, Kyiv said.",
        "Kyiv said it captured more North Korean soldiers in the area this week.",
    ],
)
def test_soldiers_captured_near_a_place_are_still_prisoners(text):
    assert [f for f in told(text) if f[:2] == ("casualties", "captured")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kyiv said Russia has been using North Korean-produced missiles to strike Ukrainian cities.",
            [("battlefield_use", "ballistic_missiles", "NK->RU", None)],
        ),
        (
            "Russia reportedly used North Korean-supplied missiles in strikes on Kyiv last week.",
            [("battlefield_use", "ballistic_missiles", "NK->RU", None)],
        ),
        # nothing else told of them: where they come from is the shipment (PROVENANCE)
        (
            "Kyiv found North Korean-supplied shells near the front, the ministry said.",
            [("shipment", "artillery_shells", "NK->RU", None)],
        ),
        ("North Korea supplied missiles to Russia, Kyiv said.", [("shipment", "ballistic_missiles", "NK->RU", None)]),
    ],
)
def test_a_participle_joined_to_the_norths_name_tells_the_origin_not_the_claim(text, expected):
    assert told(text) == expected


def test_combat_troops_name_a_kind_of_soldier_not_a_fight():
    text = "When the North sent over 11,000 combat troops to Russia last autumn, Shoigu had visited Pyongyang before."
    assert told(text) == [("troop_deployment", "troops", "NK->RU", 11000)]
    assert ("battlefield_use", "troops", "NK->RU", None) in told("North Korean combat units are fighting in Kursk.")


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said it captured two North Korean soldiers. Signs of North Korea's involvement in the Russia-Ukraine war",
        "Losses among the North Korean soldiers have risen due to Russia's use of them.",
        "The agency said this proves North Korea's involvement in Russia's war against Ukraine.",
        "Some North Korean soldiers expressed hopes to join the Workers' Party and receive a pardon.",
    ],
)
def test_a_cause_a_war_named_by_its_sides_or_a_party_joined_is_no_place_troops_were_sent(text):
    assert not [f for f in told(text) if f[0] == "troop_deployment"]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sent 3,000 more soldiers to Russia's Kursk region, Seoul said.",
        "North Korean soldiers are now in Kursk-region villages, Seoul said.",
        "North Korean soldiers joined Russian units in Kursk, Kyiv said.",
    ],
)
def test_soldiers_sent_to_or_present_in_a_named_place_keep_their_deployment(text):
    assert [f for f in told(text) if f[0] == "troop_deployment"]


# --- 3. no fact told: a try, a request, a watch, the law's reach, a duty to report (the README's wishes) -------


@pytest.mark.parametrize(
    "text",
    [
        "We will keep exposing Russia's attempts to acquire military equipment from the North.",
        'Seoul said the North is "very likely to ask" Moscow for nuclear technology in exchange for its troops.',
        "We are closely monitoring for any materials that Russia provides to the North in support of its military goals.",
        "Arms transfers to or from the North would violate several UN resolutions.",
        "UN members are required to report their exports of refined oil to the North.",
    ],
)
def test_a_try_a_request_a_watch_or_a_rule_tells_no_transfer(text):
    assert told(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia acquired military equipment from the North, Seoul said.",
            [("shipment", "military_equipment", "NK->RU", None)],
        ),
        (
            "Russia delivered refined oil to the North in March, the White House said.",
            [("compensation", "oil", "RU->NK", None)],
        ),
    ],
)
def test_the_same_transfers_told_as_done_keep_their_claim(text, expected):
    assert told(text) == expected


# --- 4. help that goes elsewhere: given by the North's people, or backing the measures against the North -----------


@pytest.mark.parametrize(
    "text",
    [
        "North Korea may send 20,000 workers to a Russian drone plant, where they would support the assembly of "
        "military drones, NHK said.",
        "North Korea has been under UN sanctions since 2006 for its nuclear and missile programmes, and those measures "
        "have been tightened over the years - with Russia's support.",
    ],
)
def test_help_given_by_the_norths_people_or_to_the_measures_is_no_help_for_the_north(text):
    assert not [f for f in told(text) if f[2] == "RU->NK" or f[1] == "drones"]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Despite sanctions, the North built its missiles with Russia's support, Seoul said.", "missile_technology"),
        ("Russia is helping North Korea assemble military drones, Kyiv said.", "military_technology"),
    ],
)
def test_help_russia_gives_the_north_keeps_its_transfer(text, item):
    assert ("technology_transfer", item, "RU->NK", None) in told(text)


# --- 5. one capacity, one output (convention 10) -------------------------------------------------------------------


def test_goods_listed_beside_the_plants_capacity_are_that_one_output():
    text = (
        "While the North's arms factories run at 30 percent of capacity, some plants are working at full capacity, "
        "which mainly produce weapons and shells for Russia, Shin said."
    )
    assert sorted(told(text), key=lambda f: f[3] or 0) == [
        ("production", "munitions", None, 0.3),
        ("production", "munitions", None, 1.0),
    ]


def test_goods_made_without_a_share_of_capacity_keep_a_claim_each():
    assert set(told("The North's factories produce missiles and shells for Russia, Seoul said.")) == {
        ("production", "ballistic_missiles", None, None),
        ("production", "artillery_shells", None, None),
    }


# --- 6. a denial of something that is no charge; a thing acquired from the North is the North's ---------------------


def test_denying_a_goal_is_no_denial_of_a_transfer():
    assert told("Lavrov publicly denied the goals set by several UN resolutions that Russia itself backed.") == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Moscow denied the reports of North Korean troops.", "troops"),
        ("Pyongyang rejected the claims as groundless.", "munitions"),
    ],
)
def test_denying_a_charge_is_still_a_denial(text, item):
    assert [f[:2] for f in told(text)] == [("denial", item)]


def test_a_thing_the_other_side_acquires_from_the_north_is_the_norths():
    text = "Japan has condemned Russia's purchase of missiles from North Korea."
    assert told(text) == [("condemnation", "ballistic_missiles", "NK->RU", None)]
    assert told("Russia's own missiles are running low, Kyiv said.") == []


# --- 7. what is not this story: another story's headline in the body; a word that only looks like a verb -----------

LINKED = """North Korea sent more shells to Russia last month, Seoul said.

Russia fired missiles received from the North at Kyiv - White House.

The North also sent rockets to Russia, the ministry said."""


def test_a_headline_closed_by_its_credit_inside_the_body_yields_no_claim():
    got = [(c.kind, c.item) for c in extract_claims(LINKED, PUB)]
    assert got == [("shipment", "artillery_shells"), ("shipment", "rockets")]


def test_a_headline_with_its_credit_above_the_body_is_still_read():
    text = "N. Korea sends fresh troops to Kursk - JCS\n\nThe North sent 3,000 more soldiers to Kursk, the JCS said."
    assert ("troop_deployment", "troops") in [(c.kind, c.item) for c in extract_claims(text, PUB)]


def test_the_security_council_is_no_payment_secured_by_the_north():
    text = "The ministers said that sending missiles and related materials from the North to Russia breaks UN Security Council resolutions."
    assert not [f for f in told(text) if f[2] == "RU->NK"]
    assert ("compensation", "oil", "RU->NK", None) in told(
        "In return North Korea has secured oil from Russia, Seoul said."
    )


def test_help_russia_gives_a_third_state_is_no_help_for_the_north():
    text = "The arrangement mirrors one Russia has with Iran, in which Moscow has been sharing nuclear technology with Tehran."
    assert told(text) == []
    text = "Russia has been sharing nuclear technology with the North, much as it does with Iran."
    assert told(text) == [("technology_transfer", "nuclear_technology", "RU->NK", None)]


def test_a_short_name_in_brackets_does_not_end_the_clause_of_what_is_watched():
    text = (
        "We are closely monitoring what Russia provides to the Democratic People's Republic of Korea (DPRK) in return "
        "for its arms, including Russia's possible provision of materials and technology to the DPRK."
    )
    assert told(text) == []
    text = (
        "We are monitoring what Russia provides to the North (officials gave no detail), and the North has shipped "
        "shells to Russia, Seoul said."
    )
    assert told(text) == [("shipment", "artillery_shells", "NK->RU", None)]


# --- 8. one fact, one claim (convention 1): people named in general after the groups sent -------------------------


def test_the_workers_after_the_groups_sent_are_those_people_again():
    text = (
        "North Korea is sending 5,000 military construction workers and 1,000 sappers to Russia's Kursk oblast, a "
        "senior Kremlin official said. Sergei Shoigu said the workers would help rebuild the border area, which was "
        "invaded by Ukraine last summer and retaken by Russian troops this spring."
    )
    assert [(c.kind, c.item) for c in extract_claims(text, PUB)] == [
        ("personnel_dispatch", "military_construction_workers"),
        ("personnel_dispatch", "combat_engineers"),
    ]


def test_workers_named_as_a_group_of_their_own_keep_their_claim():
    text = (
        "North Korea is sending 1,000 sappers to Kursk, a Kremlin official said. "
        "The North has also sent workers to Russian building sites, Seoul said."
    )
    assert ("personnel_dispatch", "workers") in [(c.kind, c.item) for c in extract_claims(text, PUB)]


BULLETS = """North Korea has sent more than 3 million shells to Russia, the defence minister said on Monday.

\u2022 North Korea has shipped some 6,000 containers to Russia.
\u2022 These could hold about 3 million artillery shells."""


def test_the_outlet_telling_a_named_sources_figure_again_adds_no_claim():
    got = [(c.kind, c.item, c.quantity, c.source) for c in extract_claims(BULLETS, PUB)]
    assert got == [
        ("shipment", "artillery_shells", 3_000_000, "South Korea Ministry of Defense"),
        # (the list's items go on with the sentence that introduces the list: the minister's, convention 22u)
        ("shipment", "containers", 6000, "South Korea Ministry of Defense"),
    ]


def test_a_reading_voices_other_figure_stays_a_claim_of_its_own():
    text = (
        "North Korea has sent more than 3 million shells to Russia, the defence minister said on Monday. "
        "Analysts put the figure at 4 million shells."
    )
    assert [c.quantity for c in extract_claims(text, PUB)] == [3_000_000, 4_000_000]


def test_acts_of_a_class_named_as_what_would_break_the_law_are_not_reported():
    text = (
        "We stress that arms transfers to or from the North - as well as the transfer to the North of items and "
        "technical help for its missile programmes - would violate several UN resolutions."
    )
    assert told(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seoul said the North sent more shells to Russia, which it said would violate UN resolutions.",
            ("shipment", "artillery_shells", "NK->RU", None),
        ),
        (
            "Seoul said the dispatch of the North's workers to Russia would be a clear violation of UN sanctions.",
            ("condemnation", "workers", "NK->RU", None),
        ),
    ],
)
def test_one_act_said_to_break_the_law_keeps_its_claim(text, expected):
    assert expected in told(text)


@pytest.mark.parametrize(
    "text",
    [
        "It was also said that North Korea had difficulty producing weapons, Seoul said.",
        "North Korea was unable to send more shells to Russia in May, Seoul said.",
    ],
)
def test_what_the_north_could_not_do_is_no_claim(text):
    assert told(text) == []


def test_a_failure_of_weapons_fired_is_still_their_use():
    assert told("Most of the missiles failed to hit their targets, Kyiv said.") == [
        ("battlefield_use", "ballistic_missiles", "NK->RU", None)
    ]


def test_these_weapons_pointing_back_to_a_condemned_thing_report_no_shipment():
    text = (
        "The ministers of 40 states condemned the North's supply of ballistic missiles to Russia. "
        '"The transfer of these weapons adds to the suffering of Ukrainians," the statement said.'
    )
    assert [(c.kind, c.item) for c in extract_claims(text, PUB)] == [("condemnation", "ballistic_missiles")]
    text = (
        "The ministers of 40 states condemned the North's supply of ballistic missiles to Russia. "
        "The North has also sent artillery shells to Russia, Kyiv said."
    )
    assert ("shipment", "artillery_shells") in [(c.kind, c.item) for c in extract_claims(text, PUB)]


# --- 9. who speaks: a spokesperson for a body speaks for it, and one fact then folds (convention 1, 17a) ------------


def test_a_spokesperson_for_a_body_speaks_for_that_body():
    text = "A spokesman for Ukraine's military intelligence said the North has sent Russia about one million shells."
    assert [c.source for c in extract_claims(text, PUB)] == ["Ukraine HUR"]
    text = "Seoul's envoy to the United Nations said the North sent shells to Russia."
    assert [c.source for c in extract_claims(text, PUB)] != ["United Nations"]


def test_the_same_bodys_figure_less_word_folds_into_its_count():
    # (the count names its rounds as artillery's: bare "rounds of ammunition" are munitions by convention 22t)
    text = (
        "North Korea has sent a large amount of artillery ammunition to Russia, according to Budanov. "
        "A spokesperson for Ukraine's military intelligence said on Jan. 15 that the North has supplied Russia with "
        "around one million artillery rounds."
    )
    assert [(c.item, c.quantity, c.source) for c in extract_claims(text, PUB)] == [
        ("artillery_shells", 1_000_000, "Ukraine HUR")
    ]
