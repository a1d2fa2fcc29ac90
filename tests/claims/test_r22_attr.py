"""Round 22 (session 16): who said a claim, and as of when.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _sources(text: str, published: dt.date = PUB) -> list[tuple[str, str, str]]:
    return [(c.kind, c.item, c.source) for c in extract_claims(text, published)]


def test_weight_laid_on_what_is_said_is_a_verb_of_saying():
    # "emphasized", "stressed", "pointed out", "underlined" tell a statement as "said" does, in either order
    for text, source in (
        (
            "Ukraine's defence minister stressed that North Korea had shipped more rockets to Russia.",
            "Ukraine Ministry of Defense",
        ),
        ('"North Korean gunners fought bravely beside our men," the Russian president emphasised.', "Russia President"),
        (
            "Putin underlined that Russia would never forget the North Korean soldiers who died in Kursk.",
            "Russia President",
        ),
        ("Budanov pointed out that the North had shipped 100 Koksan guns to Russia.", "Ukraine HUR"),
    ):
        found = _sources(text)
        assert found and {s for _, _, s in found} == {source}, text
    # a thing that "underlines" or "stresses" something says nothing: the outlet's voice
    found = _sources("The shipment of 100 Koksan guns from North Korea to Russia underlines the depth of the ties.")
    assert found and {s for _, _, s in found} == {"outlet"}


def test_a_publication_credited_after_what_it_says_is_the_source_and_the_newspaper_points_back_to_it():
    # "..., reports <Paper>": a publication the source table does not know, by its name; "writes the newspaper"
    # in the next sentence is the same publication
    found = _sources(
        "Half of the shells Russia fires in Ukraine come from North Korea, reports The Guardian, which saw the "
        "figures.\n\nRussian gunners have fired North Korean shells at Ukrainian positions near Vuhledar, "
        "writes the newspaper."
    )
    assert [s for _, _, s in found] == ["The Guardian", "The Guardian"]
    assert _sources("North Korea has shipped 2 million shells to Russia, writes Le Monde.")[0][2] == "Le Monde"
    # "reports say" names no publication
    assert _sources("North Korea sent troops to Russia, reports say.")[0][2] != "say"


def test_a_commander_named_by_his_name_speaks_for_his_command():
    text = (
        "According to details given by Admiral Sam Paparo at a conference, Russia will hand North Korea fighter jets."
    )
    assert _sources(text, dt.date(2024, 12, 10))[0][2] == "US Indo-Pacific Command"


def test_a_belief_held_by_no_one_named_goes_on_with_the_source_of_the_sentence_just_before():
    carried = _sources(
        "Seoul's spy agency said Russia had handed the North air defence systems. "
        "In exchange, the North is thought to have sent 10,000 soldiers, and it is estimated to have "
        "shipped 3 million shells to Russia."
    )
    assert {s for _, _, s in carried} == {"South Korea NIS"}
    # after a sentence in the outlet's voice it stays the outlet's; so does a report owned by no one
    for text in (
        "The North test-fired a rocket last spring. North Korea is believed to have shipped 3 million shells to Russia.",
        "Seoul's spy agency said Russia had handed the North air defence systems. "
        "North Korea is reported to have shipped 3 million shells to Russia.",
    ):
        shells = [s for kind, _, s in _sources(text) if kind == "shipment"]
        assert shells == ["outlet"], text


def test_the_wests_states_and_sources_as_a_whole_speak_as_themselves():
    for text, source in (
        (
            "Earlier claims from Western governments have tied North Korea to sending missiles to Russia.",
            "Western nations",
        ),
        ("Western countries accuse North Korea of shipping shells to Russia.", "Western nations"),
        ("Ukrainian sources estimate that some 9,000 North Korean soldiers have reached Kursk.", "Ukrainian sources"),
        (
            "Before that, Western sources told a newspaper that about 1,000 of the 11,000 soldiers North Korea sent "
            "had been killed.",
            "Western sources",
        ),
    ):
        found = _sources(text, dt.date(2024, 12, 10))
        assert found and {s for _, _, s in found} == {source}, text
    # the last of several is part of a joint source, not the West alone
    assert _sources("Kyiv and Western nations have accused North Korea of sending shells to Russia.")[0][2] == (
        "Ukraine and Western nations"
    )


def test_a_sentence_with_no_voice_of_its_own_goes_on_with_the_named_source_of_its_paragraph():
    text = (
        "Seoul's spy agency says the North has sent 3,000 more soldiers to Russia. "
        "In return, Moscow gives Pyongyang cash and missile technology.\n\n"
        "Russia has also shipped oil to the North."
    )
    found = {(kind, item): s for kind, item, s in _sources(text)}
    assert found[("compensation", "cash")] == "South Korea NIS"
    assert found[("technology_transfer", "missile_technology")] == "South Korea NIS"
    # a new paragraph is the outlet's again
    assert found[("compensation", "oil")] == "outlet"


def test_a_hedged_or_self_voiced_sentence_does_not_take_the_source_before_it():
    for second in (
        "In return, Moscow is allegedly giving Pyongyang cash and missile technology.",  # the outlet relays
        "In return, Moscow gives Pyongyang cash and missile technology, the Kremlin denied.",  # a voice of its own
    ):
        text = "Seoul's spy agency says the North has sent 3,000 more soldiers to Russia. " + second
        found = {(kind, item): s for kind, item, s in _sources(text)}
        assert found.get(("compensation", "cash")) != "South Korea NIS", second


def _dates(text: str, published: dt.date = PUB) -> list[tuple[str | None, str | None]]:
    return [(c.since, c.as_of) for c in extract_claims(text, published)]


def test_two_months_joined_name_one_period_to_the_second_months_end():
    assert _dates("Kyiv says the North moved some 2,000 more soldiers to Russia in January and February.") == [
        ("2025-01-01", "2025-02-28")
    ]
    # the year told after the second month is the first month's too
    assert _dates("The North shipped 2 million shells to Russia during March to May 2024.") == [
        ("2024-03-01", "2024-05-31")
    ]
    # one month alone is unchanged
    assert _dates("The North shipped 2 million shells to Russia in January.") == [("2025-01-01", "2025-01-31")]


def test_the_calendar_day_of_an_according_to_credit_dates_the_sources_statement_and_what_it_goes_on_to_say():
    text = (
        "According to remarks made by Kyrylo Budanov at a security conference on March 14, 2025, North Korea "
        "would receive Russian fighter jets. In return, the North is believed to have sent about 3,000 more "
        "soldiers to Russia."
    )
    found = [(c.item, c.source, c.as_of) for c in extract_claims(text, PUB)]
    assert ("fighter_jets", "Ukraine HUR", "2025-03-14") in found
    assert ("troops", "Ukraine HUR", "2025-03-14") in found


def test_a_state_before_a_comma_and_the_subject_after_it_are_no_person_and_post():
    # "According to Seoul, the North ...": Seoul speaks; "the North" is the reported clause's subject, not Seoul's post
    for state, source in (("South Korea", "South Korea government"), ("Japan", "Japan government")):
        found = _sources(f"According to {state}, the DPRK has sent about 3,000 more troops to Russia.")
        assert found and found[0][2] == source, state


def test_a_publication_citing_another_gives_the_cited_one_when_it_is_no_source_it_knows():
    # "<an outlet the table does not know> writes, citing <a known paper>": the cited paper speaks
    text = "North Korea has sent 9,000 containers of shells to Russia in a year, the site writes, citing Newsweek."
    assert _sources(text)[0][2] == "Newsweek"
    # a known outlet citing others stays the teller (5b), and a treaty named by its states cites no one
    assert (
        _sources("North Korea has sent 9,000 containers of shells to Russia, the BBC reported, citing sources.")[0][2]
        == "BBC"
    )
    found = _sources(
        "Both governments acknowledged the North Korean troops in Kursk in April, citing the new DPRK-Russia treaty."
    )
    assert [(k, src) for k, _, src in found] == [("confirmation", "North Korea and Russia governments")]


def test_states_joined_by_a_count_in_words_and_their_joint_statement_speak_together():
    for text, source in (
        (
            "The foreign ministers of Japan and another thirty countries in a joint statement condemned the "
            "transfer of North Korean missiles to Russia.",
            "Japan and another thirty countries",
        ),
        (
            "Japan and 40 other countries, in a joint statement, condemned the transfer of North Korean missiles "
            "to Russia.",
            "Japan and 40 other countries",
        ),
    ):
        found = _sources(text, dt.date(2024, 2, 10))
        assert found and found[0][2] == source, text


def test_a_belief_after_a_blank_line_is_the_outlets_background_again():
    text = (
        "Seoul's spy agency said Russia had handed the North air defence systems.\n\n"
        "North Korea is believed to have shipped 3 million shells to Russia."
    )
    shells = [s for kind, _, s in _sources(text) if kind == "shipment"]
    assert shells == ["outlet"]


def test_a_sentence_pointing_back_or_dating_its_own_events_keeps_its_own_voice():
    for second in (
        "The agency puts the blame on Pyongyang, which sent 12,000 troops to Kursk.",  # the subject acts itself
        "After two failed tries, the North launched a spy satellite in November.",  # dated background
    ):
        text = "Seoul's spy agency said the North had shipped more shells to Russia. " + second
        found = [s for kind, _, s in _sources(text) if kind in ("troop_deployment", "satellite_launch")]
        assert found == ["outlet"], second
    # a cited source speaks only where no verb names the teller
    text = "Citing officials, the JoongAng Daily reported that North Korea had sent 3,000 more soldiers to Russia."
    assert _sources(text)[0][2] == "Korea JoongAng Daily"
