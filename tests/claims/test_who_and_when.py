"""Session 14's source and date calls on matched claims (docs/claims-conventions.md, 5e and 13c): who said it and
as of when. Each rule has a near miss that must not change. The sentences are our own."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)  # a Tuesday


def _sources(text: str, published: dt.date = PUB) -> dict[str, str]:
    return {c.kind: c.source for c in extract_claims(text, published)}


# -- a nation's press, and bodies the source table lacked ---------------------------------------------------------


def test_a_nations_press_speaks_as_itself():
    found = _sources("Western media claim that more than 12,000 North Korean soldiers are now deployed in Russia.")
    assert found["troop_deployment"] == "Western media"
    found = _sources("Russia's media reported that Pyongyang will send 4,000 military builders to Kursk.")
    assert found["personnel_dispatch"] == "Russian media"
    found = _sources("Ukrainian media reported that five North Korean officers died in a drone strike near Kursk.")
    assert found["casualties"] == "Ukrainian media"


def test_a_states_own_press_stays_the_party():
    # near miss: Moscow's state press is Moscow speaking, not the country's press as a whole
    found = _sources("Russian state media reported that North Korea sent 3,000 troops to Russia.")
    assert found["troop_deployment"] == "Russia government"


def test_a_person_the_press_interviews_is_still_the_speaker():
    # near miss: "told Russian media" names who listened, not who spoke
    found = _sources("Shoigu told Russian media that Pyongyang will send 4,000 military builders to Kursk.")
    assert found["personnel_dispatch"] == "Russia Security Council"


def test_the_news_agencys_television_channel_is_its_own_medium():
    found = _sources("North Korea has sent over 12,000 containers to Russia, the Yonhap News TV channel reported.")
    assert found["shipment"] == "Yonhap News TV"
    # near miss: the agency itself
    found = _sources("North Korea has sent over 12,000 containers to Russia, the Yonhap News Agency reported.")
    assert found["shipment"] == "Yonhap"


def test_a_national_police_official_speaks_for_the_police():
    found = _sources(
        "A Ukrainian police official stated that three of the six missiles that hit Odesa came from North Korea."
    )
    assert found["battlefield_use"] == "Ukraine police"


def test_seouls_foreign_ministry_is_the_ministry_not_the_presidential_office():
    found = _sources(
        "South Korea's foreign ministry said Pyongyang's dispatch of 5,000 workers to Russia breaks UN sanctions."
    )
    assert found["personnel_dispatch"] == "South Korea Foreign Ministry"
    # near miss: the presidential office keeps its own name
    found = _sources(
        "Seoul's presidential office said Pyongyang's dispatch of 5,000 workers to Russia breaks UN sanctions."
    )
    assert found["personnel_dispatch"] == "South Korea presidential office"


# -- "according to": a role pointing back, and a work's author ----------------------------------------------------


def test_according_to_a_role_alone_is_the_last_source():
    text = (
        "Seoul's defence minister Shin Won-sik met reporters in Seoul on Monday. "
        "According to the minister, Pyongyang also sent dozens of ballistic missiles to Moscow."
    )
    assert _sources(text)["shipment"] == "South Korea Ministry of Defense"
    text = (
        "Bloomberg reported the figures on Friday. "
        "According to their data, about 2 million shells a year are shipped from Pyongyang to Moscow."
    )
    assert _sources(text)["shipment"] == "Bloomberg"


def test_according_to_a_role_with_its_body_named_is_not_a_pointer():
    # near miss: "the minister in ..." names the government after the role, so the last source does not speak
    text = (
        "Bloomberg reported the figures on Friday. "
        "According to the minister in Kyiv, Pyongyang also sent dozens of ballistic missiles to Moscow."
    )
    assert _sources(text)["shipment"] == "Ukraine government"


def test_according_to_a_work_done_by_a_known_body_credits_the_body():
    found = _sources(
        "Russia has shipped over 2 million barrels of oil to North Korea, according to an analysis carried out "
        "by the London-based research group Open Source Centre."
    )
    assert found["compensation"] == "Open Source Centre"


# -- a state joined by a region's states -------------------------------------------------------------------------


def test_a_state_and_a_regions_states_speak_jointly_in_the_texts_words():
    found = _sources("Kyiv and Western governments have accused North Korea of supplying artillery shells to Moscow.")
    assert found["shipment"] == "Ukraine and Western governments"
    # near miss: unnamed allies keep their lower case
    found = _sources("Seoul and its allies accuse North Korea of supplying artillery shells to Moscow.")
    assert found["shipment"] == "South Korea and allies"
