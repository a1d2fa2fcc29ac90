"""Recall by the structure of real reporting (issue 14, session 8): quotations over several sentences,
condemnations by several governments. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims import cues
from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 14)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


# --- a quotation over several sentences, its speaker named where it closes ---------------------------


@pytest.mark.parametrize(
    ("text", "opens", "closes"),
    [
        ('"The shells came by rail. ', True, False),
        ("\u201cThe shells came by rail.", True, False),
        ('They were old," he said.', False, True),
        ("They were old,\u201d he said.", False, True),
        ('He called it "a gift" from Kim.', False, False),
        ("He called it \u201ca gift\u201d and left.", False, False),
        ("No quotation at all.", False, False),
    ],
)
def test_quotation_marks_say_what_a_sentence_leaves_open_or_closes(text, opens, closes):
    assert cues.quotation_marks(text) == (opens, closes)


@pytest.mark.parametrize("marks", [('"', '"'), ("\u201c", "\u201d")])
def test_a_quotations_first_sentences_are_the_speakers_named_where_it_closes(marks):
    left, right = marks
    text = (
        "Kyrylo Budanov spoke to a newspaper in Kyiv on Monday.\n"
        f"{left}Pyongyang shipped Russia a great many artillery shells. Without them the front would have "
        f"broken,{right} he said.\n"
        "North Korea has sent 200,000 artillery shells more, the outlet's sources say."
    )
    shells = [c for c in claims(text) if c.item == "artillery_shells" and c.quantity is None]
    assert [c.source for c in shells] == ["Ukraine HUR"]


def test_a_quotation_closed_without_a_speaker_stays_in_the_outlets_voice():
    text = (
        "Budanov spoke on Monday about the war.\n"
        "\u201cNorth Korea sent Russia plenty of artillery shells. The front held.\u201d The talks then ended."
    )
    shells = [c for c in claims(text) if c.item == "artillery_shells"]
    assert [c.source for c in shells] == ["outlet"]


def test_a_quotation_left_open_at_a_paragraph_end_gives_its_speaker_nothing():
    text = (
        "\u201cNorth Korea sent Russia plenty of artillery shells.\n"
        "The front held,\u201d Budanov said of a different week."
    )
    shells = [c for c in claims(text) if c.item == "artillery_shells"]
    assert [c.source for c in shells] == ["outlet"]


# --- condemnations: each government condemns in its own name -----------------------------------------


def test_two_governments_condemning_one_transfer_are_two_condemnations():
    text = (
        "Washington's State Department condemned the North's transfer of ballistic missiles to Russia on Monday.\n"
        "On Tuesday the foreign ministers of Japan also condemned the transfer of the missiles to Moscow."
    )
    sources = [c.source for c in claims(text) if c.kind == "condemnation"]
    assert len(sources) == 2 and sources[0] != sources[1]


def test_two_offices_of_one_government_condemning_it_are_one_condemnation():
    text = (
        "The State Department condemned the North's transfer of ballistic missiles to Russia on Monday.\n"
        "The White House also condemned the transfer of the missiles to Moscow."
    )
    assert len([c for c in claims(text) if c.kind == "condemnation"]) == 1


# --- names inside a quotation are quoted words, not the speaker of the verb after it --------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('"Shells came from Pyongyang," he said.', [(0, 29)]),
        ('came from Pyongyang," he said.', [(0, 21)]),
        ("He called it \u201ca gift\u201d and left.", [(13, 21)]),
        ("No quotation at all.", []),
    ],
)
def test_quoted_spans_cover_the_quotations_a_text_closes(text, spans):
    assert cues.quoted_spans(text) == spans


@pytest.mark.parametrize("comma", ["", ","])
def test_a_party_named_at_a_quotations_end_is_not_who_said_it(comma):
    text = (
        "Kyiv says Russia fired North Korean missiles at Kharkiv this week.\n"
        "Kyrylo Budanov gave an interview on Monday.\n"
        f'"Russia is ever more dependent on a few friends, among them North Korea{comma}" he said.'
    )
    assert [c.source for c in claims(text) if c.kind == "supply_share"] == ["Ukraine HUR"]


def test_a_speaker_named_before_a_quoted_phrase_still_speaks():
    text = 'Budanov, who called the guns "a present from Pyongyang," said North Korea sent Russia artillery shells.'
    assert [c.source for c in claims(text) if c.item == "artillery_shells"] == ["Ukraine HUR"]


# --- a paragraph that is one quotation goes on with the last quotation's speaker ------------------------


def test_a_quotation_paragraph_after_a_speakers_quotation_is_the_same_speakers():
    text = (
        "Kyiv says Russia fired North Korean missiles at Kharkiv this week.\n"
        '"We have fresh information about Moscow\'s purchases," said John Kirby.\n'
        '"Russia is offering North Korea food in exchange for munitions."'
    )
    food = [c for c in claims(text) if c.item == "food"]
    assert [c.source for c in food] == ["White House"]


def test_a_quotation_paragraph_after_the_outlets_prose_stays_the_outlets():
    text = (
        "Kyiv says Russia fired North Korean missiles at Kharkiv this week.\n"
        "Officials in Washington have been briefing reporters about it for days.\n"
        '"Russia is offering North Korea food in exchange for munitions."'
    )
    food = [c for c in claims(text) if c.item == "food"]
    assert [c.source for c in food] == ["outlet"]


# --- one verb over coordinated things (session 10) -------------------------------------------------------------


def readings(text: str) -> set[tuple[str, str]]:
    return {(c.kind, c.item) for c in claims(text)}


def test_a_combat_verb_with_them_after_a_list_is_about_every_thing_listed():
    got = readings(
        "Moscow has bought artillery shells and ammunition from Pyongyang and fired them at Ukrainian towns."
    )
    assert ("battlefield_use", "artillery_shells") in got
    assert ("battlefield_use", "munitions") in got


def test_a_combat_verb_naming_one_thing_of_a_list_is_about_that_thing():
    got = readings("North Korea sent shells and missiles to Russia, and Russia fired the missiles at Kharkiv.")
    assert ("battlefield_use", "ballistic_missiles") in got
    assert ("battlefield_use", "artillery_shells") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Russia is lending technical help to the North's missile and spy satellite programmes.",
        "Moscow is thought to give technological support for Pyongyang's satellite and ballistic missile programs.",
    ],
)
def test_help_for_a_list_of_programmes_is_help_in_each_domain(text):
    got = readings(text)
    assert ("technology_transfer", "satellite_technology") in got
    assert ("technology_transfer", "missile_technology") in got
    assert ("shipment", "ballistic_missiles") not in got


# --- the news's occasion told by what a speaker said: "comes after X said ..." (session 10) ---------------------


def test_what_a_speaker_said_as_the_occasion_of_the_news_is_their_claim():
    text = (
        "The new report comes two days after a Pentagon spokesman said on Tuesday that Pyongyang had shipped "
        "shells to Russia."
    )
    got = {(c.kind, c.item, c.source) for c in claims(text)}
    assert ("shipment", "artillery_shells", "Pentagon") in got


def test_an_event_as_the_occasion_of_the_news_stays_background():
    text = "The talks came two days after North Korea sent more troops to Russia."
    assert not any(c.kind == "troop_deployment" for c in claims(text))


def test_the_russian_general_staff_is_russias():
    text = (
        "Valery Gerasimov, chief of the General Staff of the Russian Armed Forces, acknowledged that North Korean "
        "troops had fought in Kursk."
    )
    assert {c.source for c in claims(text)} == {"Russia General Staff"}


def test_weapons_the_north_delivered_are_not_weapons_told_of_before():
    text = (
        "North Korea has sent artillery shells to Russia, Seoul says. Separately, the U.S. said the North "
        "delivered weapons to Russia last month."
    )
    got = {(c.kind, c.item, c.source) for c in claims(text)}
    assert ("shipment", "munitions", "United States") in got


# --- a purpose told in the passive is no use (session 10) ---------------------------------------------------------


def test_weapons_to_be_used_in_the_war_are_sent_not_yet_used():
    got = readings("Seoul fears Pyongyang is sending Moscow shells and rockets to be used against Ukraine.")
    assert ("shipment", "artillery_shells") in got
    assert not any(kind == "battlefield_use" for kind, _ in got)


def test_weapons_that_were_used_are_used():
    got = readings("North Korea sent shells to Russia that were used against Kharkiv, Kyiv says.")
    assert ("battlefield_use", "artillery_shells") in got


# --- what containers could hold, told with a clause of its use ------------------------------------------


def readings_with_figures(text: str) -> set[tuple[str, str, float | None, str | None]]:
    return {(c.kind, c.item, c.quantity, c.bound) for c in claims(text)}


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sent some 7,000 containers to the aggressor state Russia, which could hold up to 3 million "
        "artillery shells, which the Russian army fires in Ukraine, Seoul said.",
        "North Korea sent some 7,000 containers to Russia, which could hold up to 3 million artillery shells, "
        "that Moscow uses against Ukraine, Seoul said.",
    ],
)
def test_a_clause_of_use_that_says_what_kind_of_thing_the_containers_hold_is_no_use(text):
    # as "shells used in the war" after "could hold": which shells, not that these were fired
    found = readings_with_figures(text)
    assert ("shipment", "artillery_shells", 3_000_000, "at_most") in found, found
    assert not [k for k in found if k[0] == "battlefield_use"], found


def test_a_clause_of_use_after_things_sent_outright_is_still_a_use():
    found = readings_with_figures(
        "North Korea sent missiles to Russia, which Russia fires at Ukrainian cities, Kyiv said."
    )
    assert ("battlefield_use", "ballistic_missiles", None, None) in found, found


# --- the buyer named as the owner of its buying -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "item"),
    [
        (
            "Moscow's purchases of artillery shells from Pyongyang went on all year, Kyiv said.",
            "shipment",
            "artillery_shells",
        ),
        (
            "Tokyo has repeatedly condemned Russia's procurement of ballistic missiles from North Korea.",
            "condemnation",
            "ballistic_missiles",
        ),
        ("Seoul denounced Russia's acquisition of rockets from the North.", "condemnation", "rockets"),
    ],
)
def test_russias_buying_of_the_norths_things_is_their_flow_not_russias_own_arms(text, kind, item):
    found = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert (kind, item, "NK->RU") in found, found


def test_russias_buying_with_no_seller_named_stays_its_own():
    # without the North as where they come from, "Russia's procurement of shells" is Russia's own arms
    assert not claims("Russia's procurement of artillery shells has tripled since 2022, Western officials said.")


# --- a supplier's compound before the thing, beside a fight -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Officials say the Russian army has likely used North Korean-supplied missiles in recent attacks on Ukrainian towns.",
        "Pyongyang-supplied rockets struck Zaporizhzhia overnight, Kyiv said.",
        "North Korean-supplied shells are now fired at Ukrainian trenches every day, Kyiv said.",
    ],
)
def test_a_supplier_compound_is_where_the_thing_came_from_not_the_clauses_verb(text):
    found = {(c.kind, c.direction) for c in claims(text)}
    assert found == {("battlefield_use", "NK->RU")}, found


def test_a_supplier_compound_with_no_fight_still_tells_the_shipment():
    found = {
        (c.kind, c.item) for c in claims("Kyiv says North Korean-supplied shells are stored in depots near Bryansk.")
    }
    assert found == {("shipment", "artillery_shells")}, found


# --- the North's part in the war told by a noun or by joining it ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says the papers found on the captured men prove North Korea's involvement in Russia's war.",
        "Kyiv says North Korean soldiers joined the war last autumn and are now near Sudzha.",
    ],
)
def test_the_norths_involvement_in_the_war_or_joining_it_is_a_use_of_its_troops(text):
    found = {(c.kind, c.item) for c in claims(text)}
    assert ("battlefield_use", "troops") in found, found


def test_the_norths_involvement_told_as_what_a_move_answers_is_no_claim_of_its_own():
    # "in light of" tells it as known, the occasion of the delivery
    found = {
        (c.kind, c.item)
        for c in claims(
            "Moscow may have delivered air defence systems to the North as thanks, in light of Pyongyang's "
            "involvement in the war, the monitoring team said."
        )
    }
    assert ("battlefield_use", "troops") not in found, found
