"""Session 10's source calls (docs/claims-conventions.md, 5d): a speaker the sentence names with a verb or frame
of saying the reader missed, the innermost body named, posts at the UN, and lawmakers relaying an agency.
Each rule has a near miss that must not change. The sentences are our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)


def _sources(text: str) -> dict[str, str]:
    return {c.kind: c.source for c in extract_claims(text, PUB)}


# -- family 1: verbs and frames of saying ------------------------------------------------------------------


def test_states_that_analyzed_a_finding_speak_jointly():
    found = _sources("Washington and Kyiv analyzed that Moscow fired North Korean missiles at Zaporizhzhia last week.")
    assert found["battlefield_use"] == "United States and Ukraine"


def test_analyzing_an_object_is_no_verb_of_saying():
    # near miss: "analyzed the debris" says nothing, so the outlet speaks
    found = _sources(
        "Washington and Kyiv analyzed the debris of North Korean missiles that Russia fired at Kharkiv last week."
    )
    assert found["battlefield_use"] == "outlet"


def test_concerns_expressed_in_the_plural_are_said():
    found = _sources("Japan has expressed concerns that Pyongyang is shipping artillery shells to Russia.")
    assert found["shipment"] == "Japan government"


def test_a_surname_with_an_adverb_before_its_verb_is_the_person_named_before():
    text = (
        "North Korean leader Kim Jong Un visited a factory on Tuesday. "
        "Kim first acknowledged that he sent thousands of soldiers to fight for Russia in Kursk."
    )
    assert _sources(text)["troop_deployment"] == "North Korea government"


def test_an_outlet_that_reports_while_citing_others_is_the_source():
    found = _sources("Moscow has shipped about 500,000 barrels of oil to North Korea, the BBC reported, citing images.")
    assert found["compensation"] == "BBC"
    found = _sources("Citing two officials, the JoongAng Daily reported Russia gave North Korea submarine technology.")
    assert found["technology_transfer"] == "Korea JoongAng Daily"


# -- family 2: the source table ---------------------------------------------------------------------------


def test_a_post_at_the_un_speaks_as_the_post():
    found = _sources(
        "The deputy U.S. ambassador to the UN said Russia has fired at least 20 North Korean missiles at Ukraine."
    )
    assert found["battlefield_use"] == "US UN ambassador"
    found = _sources(
        "One of Pyongyang's UN representatives said on Monday that North Korea has not sent troops to Russia."
    )
    assert found["denial"] == "North Korea UN ambassador"


def test_a_state_department_spokesman_is_not_a_un_post():
    # near miss: a spokesman of the department keeps the department
    found = _sources("The State Department said Russia has fired at least 20 North Korean missiles at Ukraine.")
    assert found["battlefield_use"] == "US State Department"


def test_the_innermost_body_named_speaks_not_its_parent():
    found = _sources(
        "The head of the Main Directorate of Intelligence (HUR) of Ukraine's defence ministry said about 11,000 "
        "North Korean soldiers are in Kursk."
    )
    assert found["troop_deployment"] == "Ukraine HUR"
    found = _sources(
        "Some 8,000 North Korean soldiers are in Kursk, an intelligence official under the Ukrainian defence "
        "ministry said."
    )
    assert found["troop_deployment"] == "Ukraine HUR"


def test_the_ministry_itself_still_speaks_for_the_ministry():
    # near miss: the ministry with no body inside it named
    found = _sources("Ukraine's defence ministry said about 11,000 North Korean soldiers are in Kursk.")
    assert found["troop_deployment"] == "Ukraine Ministry of Defense"


def test_ukraines_resistance_center_is_named_for_the_state():
    found = _sources(
        "The Ukrainian National Resistance Center reported that about 3,000 North Korean soldiers reached Kursk."
    )
    assert found["troop_deployment"] == "Ukraine National Resistance Center"
