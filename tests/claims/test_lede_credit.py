"""Who speaks in a lede that names no one: the headline's credit or the next sentence pointing back to it;
and bodies that speak through the people said to work at them."""

from __future__ import annotations

import datetime as dt

from monitor.claims.attribution import headline_credit, restates
from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)


def _claims(text: str, title: str | None = None) -> list[tuple[str, str, object, str]]:
    return [(c.kind, c.item, c.quantity, c.source) for c in extract_claims(text, PUB, title)]


def test_a_headline_crediting_a_body_at_its_end_gives_the_lede_that_restates_it_its_source():
    title = "Pyongyang has become Moscow's biggest arms supplier, Budanov says"
    text = (
        "Pyongyang has become Moscow's biggest arms supplier.\n\n"
        "Trains loaded with crates crossed the border at Tumangang twice a week over the winter."
    )
    assert ("supply_share", "share_of_supply", None, "Ukraine HUR") in _claims(text, title)


def test_a_headline_credit_opening_the_headline_is_read_too():
    title = "NHK: North Korea to send 6,000 workers to Russian drone plants"
    text = "North Korea plans to send 6,000 workers to Russian drone plants in Tatarstan next year."
    assert _claims(text, title) == [("personnel_dispatch", "workers", 6000, "NHK")]


def test_a_headline_credit_does_not_reach_a_lede_telling_another_fact():
    title = "Budanov: Russia's own shell output lags far behind its needs"
    text = "North Korea shipped 40 rocket launchers to Russia in May."
    assert [source for *_, source in _claims(text, title)] == ["outlet"]


def test_a_headline_credit_reaches_the_lede_only_not_the_background_after_it():
    title = "North Korea sent 5,000 more labourers to Russia, Seoul says"
    text = (
        "North Korea has sent another 5,000 labourers to Russia this spring.\n\n"
        "Russia has also sent air defence systems to Pyongyang in return."
    )
    found = _claims(text, title)
    assert ("personnel_dispatch", "workers", 5000, "South Korea government") in found
    assert ("technology_transfer", "air_defense", None, "outlet") in found


def test_a_lede_with_a_speaker_of_its_own_keeps_it_under_a_headline_credit():
    title = "North Korea sent 5,000 more labourers to Russia, Seoul says"
    text = "North Korea has sent another 5,000 labourers to Russia this spring, Japan's defence ministry said."
    assert [source for *_, source in _claims(text, title)] == ["Japan government"]


def test_the_sentence_after_the_lede_pointing_back_to_it_names_its_source():
    text = (
        "North Korea has shipped 50 more self-propelled howitzers to Russia. "
        "These guns, among the longest-ranged the North fields, left Rajin by rail in March, the Telegraph reported."
    )
    assert ("shipment", "self_propelled_guns", 50, "The Telegraph") in _claims(text)


def test_a_sentence_after_the_lede_with_a_fact_of_its_own_lends_it_no_source():
    text = (
        "North Korea has shipped 50 more self-propelled howitzers to Russia. "
        "Seoul's spy agency said 3,000 more soldiers had also left for Kursk."
    )
    assert ("shipment", "self_propelled_guns", 50, "outlet") in _claims(text)


def test_a_figureless_lede_counted_later_keeps_the_outlets_voice_and_folds_into_the_figure():
    # crediting it would leave two claims of one fact: the lede sums up what the article counts
    text = (
        "North Korea is sending workers to Russia's drone factories. This was reported by NHK. "
        "According to diplomats, 12,000 North Korean workers will be dispatched to Russia."
    )
    assert [(kind, item, quantity) for kind, item, quantity, _ in _claims(text)] == [
        ("personnel_dispatch", "workers", 12000)
    ]


def test_analysts_at_a_named_institute_speak_for_it():
    text = "Analysts at the Royal United Services Institute said North Korea has shipped at least 500 containers."
    assert [source for *_, source in _claims(text)] == ["Royal United Services Institute"]
    text = "Researchers from the Institute for the Study of War (ISW) reported North Korean troops fought in Kursk."
    assert {source for *_, source in _claims(text)} == {"ISW"}


def test_maintaining_that_and_recalling_are_saying():
    assert {s for *_, s in _claims("The US government maintains that Pyongyang sent missile launchers to Russia.")} == {
        "US government"
    }
    assert [s for *_, s in _claims("North Korea sent troops to fight in Kursk, RBC-Ukraine recalls.")] == [
        "RBC-Ukraine"
    ]


def test_maintaining_equipment_is_not_saying():
    text = "Russian crews will maintain the howitzers North Korea shipped to Russia, the Telegraph reported."
    assert [s for *_, s in _claims(text)] == ["The Telegraph"]


def test_headline_credits_are_read_at_either_end_and_only_as_credits():
    assert headline_credit("White House says North Korea shipped rockets to Russia") == "White House"
    assert headline_credit("North Korea is sending engineers to Donetsk \u2013 Yonhap") == "Yonhap"
    # the intelligence chief speaks to the news agency: the agency is no credit
    assert headline_credit("North Korea supplies half of Russia's shells, Ukraine's spy chief tells Bloomberg") is None
    assert headline_credit("North Korea and Russia sign a defence pact") is None


def test_a_lede_restates_a_headline_when_most_of_its_words_recur():
    assert restates(
        "North Korea sends 3,000 more troops to Russia: JCS", "North Korea sent 3,000 more troops to Russia."
    )
    assert not restates("North Korea sends 3,000 more troops to Russia: JCS", "Oil shipments to Pyongyang doubled.")


def test_the_air_force_reporting_strikes_speaks_for_itself():
    text = "Ukraine's air force said Russia fired two North Korean KN-23 missiles at Kyiv overnight."
    assert [s for *_, s in _claims(text)] == ["Ukraine Air Force"]
    text = "Ukrainian gunners said Russia fired North Korean shells at their positions all week."
    assert [s for *_, s in _claims(text)] == ["Ukraine Armed Forces"]


def test_a_definite_subject_pointing_back_speaks_for_the_body_named_before():
    text = (
        "A new monitoring body, the MSMT, was founded in October by eleven governments. "
        "The report said Russia had also given the North technology to improve its missile guidance."
    )
    assert ("technology_transfer", "missile_technology", None, "MSMT") in _claims(text)
    text = (
        "Vadym Skibitsky, deputy head of Ukraine's military intelligence, spoke to a newspaper on Friday. "
        "The deputy chief said North Korea had shipped 2 million shells to Russia."
    )
    assert ("shipment", "artillery_shells", 2_000_000, "Ukraine HUR") in _claims(text)


def test_a_restatement_pointing_back_to_a_counted_fact_folds_into_the_figure():
    # "It says ... air defence systems" restates the Pantsir counted before it: one claim, not two
    text = (
        "A new monitoring body, the MSMT, was founded in October by eleven governments. "
        "The report confirms that Russia transferred at least one Pantsir air defense system to North Korea. "
        "It says Russia also provided air defense systems and jamming equipment."
    )
    found = [(kind, item, quantity, source) for kind, item, quantity, source in _claims(text) if item == "air_defense"]
    assert found == [("technology_transfer", "air_defense", 1, "MSMT")]


def test_an_official_left_without_a_body_is_the_person_named_with_one_just_after():
    text = (
        "Russia has bought 2 million shells from North Korea, a Ukrainian military official said. "
        "Maj. Gen. Vadym Skibitskyi, deputy head of the intelligence directorate, told a radio station that the "
        "shells were decades old."
    )
    assert ("shipment", "artillery_shells", 2_000_000, "Ukraine HUR") in _claims(text)
    text = (
        "North Korea has sent about 4,000 containers of munitions to Russia, according to officials. "
        "Defense Minister Shin Won-sik told reporters the containers could hold millions of shells."
    )
    assert ("shipment", "containers", 4000, "South Korea Ministry of Defense") in _claims(text)


def test_an_official_of_one_state_is_not_a_person_of_another_named_after():
    text = (
        "North Korea has sent about 4,000 containers of munitions to Russia, a South Korean official said. "
        "Pentagon spokesman Pat Ryder told reporters the shipments went on."
    )
    assert ("shipment", "containers", 4000, "Pentagon") not in _claims(text)


def test_one_voice_giving_one_figure_twice_in_other_words_is_one_claim():
    text = (
        "Russia has received more than 1.5 million North Korean shells, Budanov said. "
        '"One and a half million shells have arrived," Budanov told the radio station.'
    )
    assert [(kind, quantity) for kind, _, quantity, _ in _claims(text) if kind == "shipment"] == [
        ("shipment", 1_500_000)
    ]


def test_a_state_named_after_officials_is_no_person_naming_them():
    text = (
        "More North Korean soldiers will be deployed to Kursk once they finish training, the officials said. "
        "The US confirmed on Monday that North Korean soldiers were in Kursk."
    )
    assert ("troop_deployment", "troops", None, "unnamed officials") in _claims(text)
