"""Recall by families of wordings (issue 14, session 7): where people are and who uses the things,
told through places, sightings and the verb that governs a thing. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 14)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def kinds_of(text: str, item: str) -> list[str]:
    return [c.kind for c in claims(text) if c.item == item]


# --- where the North's soldiers are: a place, a sighting, a position --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says soldiers of North Korea were photographed near Belgorod last week, on Russia's side of the border.",
        "North Korean troops have been seen marching through occupied Luhansk, a Ukrainian officer told reporters.",
        "According to Seoul, North Korean soldiers are now on Russian territory in larger numbers.",
        "North Korean troops have taken up positions along a river in the south of Russia, Kyiv said.",
        "Ukrainian officials say North Korean soldiers are based at a Russian camp outside Kursk.",
        "Seoul believes North Korean infantry were absorbed into Russian marine units in Kursk.",
    ],
)
def test_the_norths_soldiers_placed_in_the_war_are_a_deployment(text):
    assert "troop_deployment" in kinds_of(text, "troops")


def test_a_place_of_peace_is_no_deployment():
    text = "North Korean soldiers marched in a parade in Pyongyang on Tuesday, Russian guests watching."
    assert kinds_of(text, "troops") == []


# --- who uses the things: Russia's forces, with a place between subject and verb ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russian units near Kupiansk are now using North Korean rocket launchers, Kyiv's army said.",
        "The Russian army has fielded North Korean self-propelled guns along the Kursk front, analysts say.",
        "Russian gunners in Kherson rely on North Korean artillery shells, a Ukrainian officer said.",
    ],
)
def test_russias_forces_using_the_norths_weapons_is_a_use_on_the_battlefield(text):
    assert "battlefield_use" in [c.kind for c in claims(text)]
    assert "shipment" not in [c.kind for c in claims(text)]


def test_the_verb_whose_object_a_thing_is_beats_a_place_named_after_it():
    # "Kursk" alone reads as a place things are sent to; here it is where the guns are used
    text = "Russian crews have been operating North Korean howitzers in the Kursk region since winter."
    assert kinds_of(text, "self_propelled_guns") == ["battlefield_use"]


def test_russia_sending_the_norths_weapons_on_is_still_a_shipment():
    text = "Russia moved North Korean howitzers by rail to the Kursk region in January, Kyiv said."
    assert kinds_of(text, "self_propelled_guns") == ["shipment"]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow has already deployed the North Korean KN-23 missiles against Ukrainian cities, Kyiv said.",
        "North Korean rocket launchers have now been seen in action near Sudzha, Ukrainian drone crews say.",
        "North Korean artillery shells keep falling on Ukrainian positions around Pokrovsk, a Ukrainian officer said.",
        "Ukrainian police found pieces of a North Korean missile in the rubble after the Russian strike.",
    ],
)
def test_things_put_to_use_or_found_after_a_strike_are_used_on_the_battlefield(text):
    assert "battlefield_use" in [c.kind for c in claims(text)]


def test_a_clause_after_a_list_is_about_every_thing_listed():
    text = (
        "Seoul says North Korea has given Russia short-range missiles and rocket launchers, which Russian "
        "forces have fired at Ukrainian towns."
    )
    used = sorted(c.item for c in claims(text) if c.kind == "battlefield_use")
    assert used == ["ballistic_missiles", "multiple_rocket_launchers"]


def test_a_clause_after_another_group_is_not_about_the_things_before_it():
    text = (
        "Seoul says North Korea has given Russia short-range missiles, thousands of troops and rocket "
        "launchers, which Russian forces have fired at Ukrainian towns."
    )
    assert "ballistic_missiles" not in [c.item for c in claims(text) if c.kind == "battlefield_use"]


# --- a person named in full, later by one name --------------------------------------------------------


def test_a_bare_name_after_the_full_name_is_that_persons_voice():
    text = (
        "Kim Yong-hyun spoke to a closed session of parliament in Seoul on Monday. "
        "North Korea has shipped another 20 rocket launchers to Russia, Kim said."
    )
    shipped = [c for c in claims(text) if c.kind == "shipment"]
    assert [(c.item, c.quantity, c.source) for c in shipped] == [
        ("multiple_rocket_launchers", 20, "South Korea Ministry of Defense")
    ]


def test_our_soldiers_in_the_words_of_the_norths_leader_named_once_in_full_are_the_norths():
    text = (
        "Kim Jong Un laid flowers at a memorial in Pyongyang on Sunday. "
        '"Our soldiers fought with honour beside the Russian army in Kursk," Kim said.'
    )
    used = [(c.kind, c.source) for c in claims(text) if c.item == "troops"]
    assert ("battlefield_use", "North Korea government") in used


def test_a_place_or_a_body_is_not_learned_as_a_persons_name():
    text = (
        "The Security Council met in New York on Monday. "
        '"Our soldiers are holding the line in Kursk," Council members were told by a Russian envoy.'
    )
    assert all(c.source != "North Korea government" for c in claims(text))


# --- the speaker's own lines; times are no counts; searches and means claim nothing ---------------------


def test_reaching_or_hitting_the_speakers_own_lines_is_combat():
    text = '"The North Korean infantry came up to our trenches twice last night," a Ukrainian platoon leader said.'
    assert "battlefield_use" in kinds_of(text, "troops")


def test_a_number_before_a_time_word_counts_no_people():
    text = "Seoul warned that Pyongyang might one day move soldiers to Russia's Far East."
    assert all(c.quantity is None for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Washington say there is no hard evidence that North Korea has shipped drones to Russia.",
        "There is nothing to suggest that North Korean soldiers have been moved to Russia's Far East, Seoul said.",
        "North Korea has the capacity to ship hundreds of thousands of shells to Russia each month, analysts say.",
        "Analysts say North Korea is capable of supplying Russia with millions of rounds a year.",
    ],
)
def test_a_search_that_found_nothing_or_a_means_is_no_claim(text):
    assert [c for c in claims(text) if c.kind in ("shipment", "troop_deployment")] == []


# --- the North's part in the war, said with a noun ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine says it holds three North Korean soldiers, all wounded in Kursk since their entry into the war.",
        "Officers burned the bodies to hide the role of a foreign army, North Korea, in the fighting, Kyiv said.",
        "The State Department charged the DPRK army with participating in hostilities in the Kursk region.",
        "Britain says Russia is treating the North Korean troops as cannon fodder in its assaults in Kursk.",
    ],
)
def test_the_norths_part_in_the_fighting_said_with_a_noun_is_combat(text):
    assert "battlefield_use" in kinds_of(text, "troops")


# --- what is meant, negotiated or expected is not reported ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The new 240mm rockets may also be earmarked for export to Russia, Seoul's analysts said.",
        "Russia will send envoys to Pyongyang to negotiate a barter deal under which shells would go to Moscow.",
        "The two sides are holding talks to swap Russian space know-how for North Korean artillery shells.",
        "Russian instructors expect heavy casualties if the North Korean soldiers are thrown into assaults.",
    ],
)
def test_a_purpose_a_deal_in_the_making_or_an_expected_outcome_claims_no_transfer_or_loss(text):
    assert [c for c in claims(text) if c.kind in ("shipment", "casualties", "battlefield_use")] == []


def test_a_test_firing_at_home_is_no_use_in_the_war():
    text = "Kim Jong Un watched the test-firing of a new North Korean rocket launcher meant to threaten Seoul and Kyiv."
    assert "battlefield_use" not in [c.kind for c in claims(text)]


def test_speculation_by_officials_is_their_guess_not_a_denial():
    text = (
        "Pyongyang showed off new rockets this spring, prompting speculation among Seoul officials that the "
        "weapons were on offer to Russia."
    )
    assert "denial" not in [c.kind for c in claims(text)]


def test_calling_reports_speculation_is_still_a_denial():
    text = "The Kremlin dismissed reports of North Korean troops in Kursk as speculation."
    assert [c.kind for c in claims(text)] == ["denial"]


# --- a potential transfer as a topic; both harms or one count of both -----------------------------------


def test_a_potential_transfer_talked_about_is_no_transfer():
    text = "Reporters pressed Putin about the potential transfer of missile technology to North Korea."
    assert [c for c in claims(text) if c.kind == "technology_transfer"] == []


def test_a_potential_transfer_given_in_exchange_is_still_the_price_of_a_deal():
    text = "Pyongyang shipped rockets to Russia in exchange for Moscow's potential transfer of space technology."
    assert "technology_transfer" in [c.kind for c in claims(text)]


def test_soldiers_said_to_have_been_killed_and_wounded_are_one_claim_of_the_pair():
    # convention 23e (session 17): the pair without a count is one claim, as with a count
    text = "Seoul confirmed that North Korean soldiers have been killed and wounded near Kursk this month."
    assert [c.item for c in claims(text) if c.kind == "casualties"] == ["killed_or_wounded"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says 2,400 North Korean soldiers have been killed and wounded so far.",
        "Kyiv says 2,400 of the North Korean soldiers have died or have been injured so far.",
        "Officers of every rank from North Korea are among the killed and wounded in Kursk, Kyiv says.",
    ],
)
def test_a_count_or_a_group_of_the_killed_and_wounded_is_one_claim(text):
    assert [c.item for c in claims(text) if c.kind == "casualties"] == ["killed_or_wounded"]


# --- Russia as the giver: "provided the North with ..." -------------------------------------------------


def test_russia_providing_the_north_with_weapons_is_russias_transfer_not_a_shipment_to_russia():
    text = "In return, Moscow is thought to have supplied Pyongyang with weapons systems and radars, Seoul says."
    found = [(c.kind, c.item, c.direction) for c in claims(text)]
    assert ("technology_transfer", "military_equipment", "RU->NK") in found
    assert all(c.direction != "NK->RU" for c in claims(text))


def test_the_weapon_russia_is_said_to_have_transferred_restated_is_no_new_transfer():
    text = (
        "Seoul says Russia has given North Korea a Pantsir air defence system. "
        "It is the first time the kind of weapon Moscow has transferred to Pyongyang has been named."
    )
    assert [c.item for c in claims(text) if c.kind == "technology_transfer"] == ["air_defense"]


# --- which number and which casualty word belong to which people ----------------------------------------


def test_a_number_in_a_credit_after_the_thing_is_not_its_amount():
    text = "Pyongyang ships shells to Moscow in return for oil, according to one of Seoul's intelligence chiefs."
    paid = [c for c in claims(text) if c.kind == "compensation"]
    assert [(c.item, c.quantity) for c in paid] == [("oil", None)]


def test_a_casualty_verb_of_one_clause_does_not_count_the_people_of_the_next():
    text = (
        'A Ukrainian strike killed a Russian colonel, and "four North Korean soldiers, including an officer '
        'and a medic, were wounded," the channel said.'
    )
    harmed = [(c.item, c.quantity) for c in claims(text) if c.kind == "casualties"]
    assert ("wounded", 4) in harmed
    assert ("killed", 4) not in harmed


def test_people_named_inside_a_harmed_group_are_not_a_group_sent():
    text = "Kyiv says six North Korean soldiers, including two officers, were captured near Sudzha."
    assert [c.kind for c in claims(text) if c.kind == "personnel_dispatch"] == []


# --- dependence in a list of allies; people punished; what a defence hits; a side's own losses ----------


def test_dependence_on_allies_that_include_the_north_is_a_share_of_supply():
    text = '"Moscow has become ever more dependent on a handful of partners, North Korea among them," she said.'
    assert [c.kind for c in claims(text)] == ["supply_share"]


def test_people_named_as_the_targets_of_sanctions_are_not_sent():
    text = "Canada put sanctions on North Korea's army chief and three generals for backing Russia's invasion."
    assert [c for c in claims(text) if c.kind == "personnel_dispatch"] == []


def test_what_a_russian_defence_can_hit_or_shot_down_is_not_the_norths():
    text = (
        "Russia is giving the North an air defence unit able to intercept cruise missiles and drones. "
        "Russian forces said they shot down three missiles over Kursk overnight."
    )
    assert [c.item for c in claims(text) if c.direction == "NK->RU"] == []


def test_the_other_sides_defence_bringing_down_the_norths_missiles_is_their_use():
    text = "Ukrainian air defences shot down two North Korean ballistic missiles over Kharkiv on Monday."
    assert ("battlefield_use", "ballistic_missiles") in [(c.kind, c.item) for c in claims(text)]


def test_a_side_losing_its_own_troops_is_no_deployment():
    text = "Russia is losing more soldiers each month than it can recruit, while North Korea keeps sending shells."
    assert [c.kind for c in claims(text) if c.item == "troops"] == []


# --- small lexicon entries counted on realdev2 ----------------------------------------------------------


def test_a_vague_amount_of_its_troops_keeps_its_figure():
    text = "Seoul says Pyongyang has moved thousands of its soldiers to Russia's Far East since spring."
    assert [(c.kind, c.quantity, c.bound) for c in claims(text) if c.item == "troops"] == [
        ("troop_deployment", 2000, "at_least")
    ]


def test_far_fetched_is_a_denial():
    text = "The Kremlin spokesman called reports of North Korean troops in Kursk far-fetched."
    assert [(c.kind, c.item) for c in claims(text)] == [("denial", "troops")]


def test_the_deceased_are_killed():
    text = "Kyiv says Russian units burn the bodies of deceased North Korean soldiers near Kursk."
    assert "killed" in [c.item for c in claims(text) if c.kind == "casualties"]


def test_fighting_told_in_a_quotation_takes_the_war_named_just_before():
    text = (
        "Ukrainian units have held the line near Kursk for months. "
        "The battalion commander spoke to reporters on Wednesday. "
        '"North Korean infantry came at us in the woods twice on Tuesday, and we fought them off," he said.'
    )
    assert "battlefield_use" in kinds_of(text, "troops")
