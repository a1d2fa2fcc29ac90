"""Precision by families of extra claims (issue 14, session 14): words read in a sense that names no claim, and
acts the text says were not done. Seen first on blind9 (released to development this session), then looked for on
blind7, blind8 and the corpus's development split. Sentences written for these tests; each family keeps near
misses that must still give their claim."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import extract_claims

# The opening and the reader of the sentence after it: the same as the round-19 extras' (one copy).
from tests.claims.test_precision_extras import OPENING, told

PUB = dt.date(2025, 6, 20)


def kinds(text: str) -> set[str]:
    return {kind for kind, _item, _direction, _quantity in told(text)}


# --- 1. a denial the text says was not made -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin has not denied relying on North Korean soldiers in the Kursk fighting.",
        "Pyongyang did not deny that its gunners were serving near Kursk.",
        "Moscow has never disputed the presence of North Korean units in Kursk, the ministry noted.",
        'The Russian envoy said Moscow saw "no reason to reject" the North\u2019s offer of more soldiers.',
    ],
)
def test_a_denial_said_not_to_have_been_made_is_no_denial(text):
    assert "denial" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin denied relying on North Korean soldiers in the Kursk fighting.",
        "Pyongyang has not sent any soldiers to Russia, its foreign ministry said.",
        "Moscow rejected the report that North Korean units were in Kursk.",
    ],
)
def test_a_denial_that_was_made_stays_one(text):
    assert "denial" in kinds(text)


def test_a_verb_inside_a_hyphenated_compound_denies_nothing():
    text = (
        "The North Korean tankers did not use ship-to-ship transfers to hide the fuel but sailed straight home "
        "from the Russian port, researchers at the institute said."
    )
    assert "denial" not in kinds(text)


# --- 2. a casualty word in another sense ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Moscow moved the North Korean battalions into the border district, which Kyiv's forces captured last summer.",
        "North Korean troops now hold positions near the town that Ukrainian units had captured in the spring.",
    ],
)
def test_ground_the_verb_captured_refers_back_to_is_no_soldier_taken(text):
    assert "casualties" not in kinds(text)


def test_soldiers_captured_beside_a_place_are_still_taken_prisoner():
    text = "Ukrainian units captured three North Korean soldiers in the district last week, Kyiv said."
    assert ("casualties", "captured", None, 3) in told(text)


# --- 3. people travelling as a delegation are not sent to serve ------------------------------------------------


def test_a_delegation_of_officers_is_a_visit_not_a_dispatch():
    text = "Last month Pyongyang sent a delegation of senior army officers to Moscow for talks on cooperation."
    assert not {"personnel_dispatch", "troop_deployment"} & kinds(text)


def test_officers_sent_without_a_delegation_are_still_dispatched():
    text = "Last month Pyongyang sent senior army officers to Moscow to help plan the Kursk operation, Seoul said."
    assert kinds(text) & {"personnel_dispatch", "troop_deployment"}


# --- 4. "aid" the verb names no aid given -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Analysts think the North may be paid with Russian know-how that would aid its rocket programme.",
        "The North shipped the shells to aid Moscow's offensive, Seoul said.",
    ],
)
def test_aid_as_a_verb_is_no_economic_aid(text):
    assert ("compensation", "economic_aid") not in {(k, i) for k, i, _d, _q in told(text)}


def test_aid_as_a_noun_given_in_return_is_still_a_payment():
    text = "In return for the shells, Russia has sent aid and fuel to North Korea, Seoul said."
    assert ("compensation", "economic_aid") in {(k, i) for k, i, _d, _q in told(text)}


# --- 5. praise of who the soldiers are is no report that they fought --------------------------------------------


def test_soldiers_called_heroic_are_not_thereby_said_to_fight():
    text = 'The Russian minister praised the "heroic" North Korean soldiers in a message to Pyongyang.'
    assert "battlefield_use" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Russian minister said the North Korean soldiers had fought heroically near Kursk.",
        "The Russian minister spoke of the heroic feats of the North Korean soldiers in Kursk.",
    ],
)
def test_deeds_of_valour_still_tell_of_the_fighting(text):
    assert "battlefield_use" in kinds(text)


# --- 6. what a numbered resolution bans is no shipment ------------------------------------------------------------


def test_the_things_a_numbered_resolution_bans_did_not_move():
    text = (
        "The transfers break Security Council Resolution 2270, which bans any arms exports by the North and the "
        "purchase of related materials from it."
    )
    assert told(text) == []


def test_things_shipped_in_breach_of_a_numbered_resolution_still_moved():
    text = "The North shipped artillery shells to Russia in breach of Resolution 2270, Seoul said."
    assert ("shipment", "artillery_shells", "NK->RU", None) in told(text)


# --- 7. missiles launched into the sea were tested, whatever their type was used for --------------------------


def test_a_missile_launched_into_the_sea_does_not_inherit_an_earlier_use():
    text = (
        "Russia has fired North Korean KN-23 missiles at Kyiv, Ukraine says. "
        "Seoul said one of the ballistic missiles Pyongyang launched into the Sea of Japan on Monday was a KN-23."
    )
    assert [c.kind for c in extract_claims(OPENING + text, PUB)].count("battlefield_use") == 1


def test_a_counted_missile_fired_at_ukraine_after_a_use_is_still_a_use():
    text = (
        "Russia has fired North Korean KN-23 missiles at Kyiv, Ukraine says. "
        "Kyiv said two of the ballistic missiles Russia fired at the capital on Monday were KN-23s."
    )
    uses = [c for c in extract_claims(OPENING + text, PUB) if c.kind == "battlefield_use"]
    assert any(c.quantity == 2 for c in uses)


# --- 8. a condemnation of the North's own long-range test condemns no transfer ----------------------------------


def test_a_condemned_intercontinental_missile_test_is_no_condemnation_of_the_trade():
    text = (
        "Seoul says Russia gave North Korea rocket engine know-how. "
        "The test was condemned by the G7, which called it a step towards intercontinental ballistic missiles."
    )
    assert "condemnation" not in {c.kind for c in extract_claims(OPENING + text, PUB)}


def test_a_condemned_transfer_of_missiles_stays_a_condemnation():
    text = "The G7 condemned the North's transfer of ballistic missiles to Russia for use in Ukraine."
    assert ("condemnation", "ballistic_missiles", "NK->RU", None) in told(text)


# --- 9. a deployment named as the time something else began is presupposed --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Moscow has handed Pyongyang radar systems since the troop deployment, the monitoring team says.",
        "Moscow has handed Pyongyang radar systems since the deployment of North Korean soldiers, a report says.",
    ],
)
def test_a_deployment_that_dates_another_fact_is_no_claim_of_its_own(text):
    assert "troop_deployment" not in kinds(text)


def test_a_deployment_told_as_the_news_is_still_one():
    text = "North Korea's troop deployment to the Kursk front began in October, Seoul says."
    assert "troop_deployment" in kinds(text)


# --- 10. an act spoken of as a choice or a possibility ------------------------------------------------------------


def test_a_deployment_called_a_partys_decision_is_no_deployment():
    text = "The Russian minister said any further troop deployment was Pyongyang's own decision."
    assert "troop_deployment" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "The think tank says the visit points to a potential collaboration on space technology between the two.",
        "Moscow treats its ties with Pyongyang, and the potential transfer of missile technology, as a bargaining chip.",
    ],
)
def test_a_potential_transfer_named_in_passing_is_no_transfer(text):
    assert "technology_transfer" not in kinds(text)


def test_a_potential_transfer_as_the_price_of_a_deal_is_still_read():
    text = "Seoul fears the North sends shells in exchange for a potential transfer of missile technology."
    assert "technology_transfer" in kinds(text)


# --- 11. a capture the soldiers were told to avoid ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Diaries found on the battlefield say North Korean soldiers were told to kill themselves before being captured.",
        "North Korean soldiers detonate grenades to avoid capture, Kyiv's intelligence says.",
    ],
)
def test_a_capture_the_soldiers_are_told_to_avoid_is_no_capture(text):
    assert ("casualties", "captured") not in {(k, i) for k, i, _d, _q in told(text)}


def test_soldiers_wounded_before_being_captured_were_captured():
    text = "Two North Korean soldiers were wounded before being captured by Ukrainian paratroopers, Kyiv said."
    assert ("casualties", "captured") in {(k, i) for k, i, _d, _q in told(text)}


# --- 12. "at the time" is no place of training ----------------------------------------------------------------------


def test_units_in_training_at_the_time_are_not_thereby_deployed():
    text = "The prisoner told Kyiv that some North Korean rifle units had finished a short training at the time."
    assert "troop_deployment" not in kinds(text)


def test_soldiers_training_at_a_russian_range_are_there():
    text = "North Korean soldiers are training at ranges in Russia's Far East, Seoul says."
    assert "troop_deployment" in kinds(text)


# --- 13. a precise figure and its rounding by the same voice are one claim ------------------------------------------


def test_a_bound_that_rounds_the_same_voices_exact_figure_is_that_figure():
    text = (
        "The North has shipped over four thousand containers of arms to Russia, Seoul's defence minister said. "
        "He said the 4,300 containers sent to Russia could hold millions of shells."
    )
    containers = [c.quantity for c in extract_claims(OPENING + text, PUB) if c.item == "containers"]
    assert containers == [4300]


@pytest.mark.parametrize(
    "second",
    [
        # not the rounding of the exact figure
        "He said the 5,300 containers sent to Russia could hold millions of shells.",
        # another state's figure
        "Washington said the 4,300 containers sent to Russia could hold millions of shells.",
    ],
)
def test_a_bound_that_is_no_rounding_of_that_voices_figure_counts_apart(second):
    text = (
        "The North has shipped over four thousand containers of arms to Russia, Seoul's defence minister said. "
        + second
    )
    containers = [c.quantity for c in extract_claims(OPENING + text, PUB) if c.item == "containers"]
    assert len(containers) == 2


# --- 14. a member of a group told of elsewhere is no new casualty ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "One of the captured soldiers told his interrogators that he had thought he was going on an exercise.",
        "Two of those wounded North Koreans later asked to stay in Ukraine, the report says.",
    ],
)
def test_members_of_a_group_named_by_what_befell_it_count_no_casualty(text):
    assert "casualties" not in kinds(text)


def test_a_member_who_was_captured_is_still_a_capture():
    text = "One of the North Korean soldiers was captured near the border, Kyiv said."
    assert ("casualties", "captured", None, 1) in told(text)


# --- 15. an admission told as a noun is the admitting party's confirmation -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The visit came weeks after a rare admission by Pyongyang that it had sent soldiers to the Kursk front.",
        "The ceremony followed Moscow's first public acknowledgement that North Korean troops had been sent to Kursk.",
    ],
)
def test_an_admission_by_a_party_is_its_confirmation_not_the_outlets_report(text):
    claims = told(text)
    assert ("confirmation", "troops", "NK->RU", None) in claims
    assert "troop_deployment" not in {k for k, _i, _d, _q in claims}


def test_an_admission_by_no_party_leaves_the_report_as_it_was():
    text = "The visit came weeks after reports that Pyongyang had sent soldiers to the Kursk front."
    assert "troop_deployment" in kinds(text)


# --- 16. a capital named as the owner of soldiers is that side's army -----------------------------------------------


def test_soldiers_named_by_the_capital_of_their_own_side_are_not_the_norths():
    text = "The North has sent ballistic missiles to Russia that Moscow troops now fire at Ukrainian towns, Seoul says."
    assert ("battlefield_use", "troops") not in {(k, i) for k, i, _d, _q in told(text)}


def test_soldiers_given_to_the_capital_are_still_sent():
    text = "Pyongyang has sent Moscow troops for the Kursk fighting, Seoul says."
    assert "troop_deployment" in kinds(text)


# --- 17. arms of a kind Russia usually gives, sent by the North to Russia -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has shipped air-defence systems to Russia, Kyiv's intelligence says.",
        "Pyongyang may deliver rifles, as well as portable anti-aircraft missile systems, to Russia, Seoul fears.",
    ],
)
def test_arms_the_north_sends_to_russia_are_a_shipment_whatever_their_kind(text):
    claims = {(k, i, d) for k, i, d, _q in told(text)}
    assert ("shipment", "air_defense", "NK->RU") in claims
    assert ("technology_transfer", "air_defense", "RU->NK") not in claims


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sent soldiers to Russia in return for air-defence systems, Kyiv says.",
        "Moscow has given air-defence systems to the North, which sent shells to Russia, Kyiv says.",
    ],
)
def test_air_defence_given_to_the_north_stays_russias_help(text):
    assert ("technology_transfer", "air_defense", "RU->NK") in {(k, i, d) for k, i, d, _q in told(text)}


# --- 18. the dead pointed back to in the outlet's voice ---------------------------------------------------------------


def test_the_dead_pointed_back_to_by_the_outlet_are_the_dead_a_named_source_reports():
    first = "Kim gave the deceased soldiers medals at a ceremony in Pyongyang. "
    text = first + "North Korea admitted last month that its soldiers had been killed fighting in Kursk, KCNA said."
    killed = [c for c in extract_claims(OPENING + text, PUB) if c.kind == "casualties"]
    assert killed
    assert all(c.span[0] >= len(OPENING + first) for c in killed)


def test_the_outlets_own_report_of_deaths_stands_where_no_named_source_gives_one():
    text = "Kim gave the deceased soldiers medals at a ceremony in Pyongyang."
    assert ("casualties", "killed", None, None) in told(text)


# --- 19. arms "deployed" by Russia's side are put to use ------------------------------------------------------------


def test_arms_russias_side_deployed_are_used_not_shipped():
    text = "Kyiv's prosecutors said the Russians had deployed at least 30 North Korean ballistic missiles."
    assert told(text) == [("battlefield_use", "ballistic_missiles", "NK->RU", 30)]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has deployed ballistic missiles to Russia, Kyiv says.",
        "The North supplied Russia with missiles and launchers, which the Russian army has deployed against Kyiv.",
    ],
)
def test_arms_the_north_deploys_or_supplies_are_still_shipped(text):
    assert "shipment" in kinds(text)


# --- 20. a headline's figure is the figure of the source the body names ------------------------------------------------


def test_a_headlines_figure_gives_way_to_the_named_source_that_gives_it_below():
    text = (
        "North Korea ships 9,000 containers of shells to Russia\n\n"
        "North Korea has sent more than 9,000 containers to Russia, Seoul's defence ministry said on Monday."
    )
    claims = [(c.item, c.quantity, c.source) for c in extract_claims(text, PUB)]
    assert claims == [("containers", 9000, "South Korea Ministry of Defense")]


def test_a_headlines_figure_no_one_gives_below_stays_the_outlets():
    text = "North Korea ships 9,000 containers of shells to Russia\n\nThe containers crossed the border by rail."
    assert [(c.item, c.quantity, c.source) for c in extract_claims(text, PUB)] == [("containers", 9000, "outlet")]


# --- 21. help "in the aerospace field" is space technology ----------------------------------------------------------


def test_technical_help_in_the_aerospace_field_is_space_technology():
    text = "Seoul believes Moscow is giving Pyongyang technical help in the aerospace field in return for shells."
    items = {i for k, i, _d, _q in told(text) if k == "technology_transfer"}
    assert items == {"space_technology"}
