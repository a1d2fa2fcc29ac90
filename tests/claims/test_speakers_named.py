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


def test_the_post_the_text_gives_wins_over_the_tables_later_post():
    # the table files Wi Sung-lac under the presidential office (his later post); the text calls him a lawmaker
    text = (
        "A former envoy to Moscow and member of the National Assembly intelligence committee Wi Sung-lac told a "
        "radio station that North Korea may get up to 500,000 tons of rice from Russia. "
        "According to Wi, Moscow also sends oil to Pyongyang."
    )
    found = {c.item: c.source for c in extract_claims(text, PUB)}
    assert found["food"] == "South Korea lawmaker"
    assert found["oil"] == "South Korea lawmaker"


def test_the_tables_post_stands_where_the_text_gives_none():
    # near miss: the name alone keeps the table's post
    found = _sources("Wi Sung-lac said North Korea may get up to 500,000 tons of rice from Russia.")
    assert found["compensation"] == "South Korea presidential office"


# -- family 3: a lawmaker relaying an agency ----------------------------------------------------------------


def test_a_lawmaker_citing_intelligence_data_relays_the_spy_agency():
    found = _sources(
        "Lawmaker Park Sun-won, citing intelligence data, said about 300 North Korean soldiers have been killed in Kursk."
    )
    assert found["casualties"] == "South Korea NIS"


def test_a_lawmaker_citing_military_intelligence_or_speaking_alone_is_no_spy_agency_relay():
    # near misses: the armed forces' own intelligence is not the spy agency, and a lawmaker's own view is his
    found = _sources(
        "Lawmaker Park Sun-won, citing military intelligence data, said about 300 North Korean soldiers have died."
    )
    assert found["casualties"] == "South Korea lawmaker"
    found = _sources("Lawmaker Park Sun-won said about 300 North Korean soldiers have been killed in Kursk.")
    assert found["casualties"] == "South Korea lawmaker"


def test_a_two_letter_surname_alone_is_the_person_named_in_full_before():
    text = (
        "Opposition lawmaker Oh Dong-hwan said on Monday that Russia pays Pyongyang for its soldiers. "
        "With about 10,000 soldiers sent, the North earns about $200 million a year, Oh said."
    )
    found = {c.kind: c.source for c in extract_claims(text, PUB)}
    assert found["troop_deployment"] == "South Korea lawmaker"


def test_the_last_syllable_of_a_given_name_is_no_name_of_its_own():
    # near miss: "Un" after "Kim Jong Un" names no one
    from monitor.claims.discourse import name_tokens

    assert name_tokens(["Kim", "Jong", "Un"]) == ["Kim"]
    assert name_tokens(["Wi", "Sung-lac"]) == ["Wi", "Sung-lac"]


def test_a_defense_intelligence_agency_is_seouls_unless_the_text_makes_it_american():
    found = _sources(
        "North Korea shipped about 9,000 containers to Russia, according to a Defense Intelligence Agency report "
        "given to a lawmaker."
    )
    assert found["shipment"] == "South Korea Defense Intelligence Agency"
    # near miss: the American agency named as such
    found = _sources("The U.S. Defense Intelligence Agency said North Korea shipped about 9,000 containers to Russia.")
    assert found["shipment"] == "US intelligence"
    found = _sources(
        "North Korea shipped 9,000 containers to Russia, according to the Defense Intelligence Agency of the U.S."
    )
    assert found["shipment"] != "South Korea Defense Intelligence Agency"


def test_seouls_government_is_not_its_presidential_office():
    found = _sources("The South Korean government condemned the deployment of North Korean troops to Russia.")
    assert found["condemnation"] == "South Korea government"
    # near miss: the office named as such
    found = _sources("South Korea's presidential office condemned the deployment of North Korean troops to Russia.")
    assert found["condemnation"] == "South Korea presidential office"


def test_japans_foreign_minister_speaks_for_the_foreign_ministry():
    found = _sources("Foreign Minister Yoko Kamikawa said North Korea had shipped ballistic missiles to Russia.")
    assert found["shipment"] == "Japan Foreign Ministry"
    # near miss: the government named as such
    found = _sources("The Japanese government said North Korea had shipped ballistic missiles to Russia.")
    assert found["shipment"] == "Japan government"


def test_south_koreas_intelligence_is_the_spy_agency():
    found = _sources("About 400 North Korean soldiers have been killed in Kursk, South Korea's intelligence reported.")
    assert found["casualties"] == "South Korea NIS"
    # near miss: the parliament's intelligence committee is lawmakers
    found = _sources(
        "About 400 North Korean soldiers have been killed in Kursk, South Korea's intelligence committee said."
    )
    assert found["casualties"] == "South Korea lawmaker"


def test_the_minister_named_before_by_nation_speaks_for_his_ministry():
    text = (
        "The Kremlin rejected the report on Friday. It answered South Korean Defence Minister Shin Won-sik, who "
        "said Pyongyang may have sent engineers to Russia. The South Korean minister further claimed that some "
        "North Korean soldiers had been killed."
    )
    assert _sources(text)["casualties"] == "South Korea Ministry of Defense"


def test_a_minister_with_no_body_named_before_stays_the_outlets():
    # near miss: nothing to point back to
    found = _sources("The minister further claimed that some North Korean soldiers had been killed in Kursk.")
    assert found["casualties"] == "outlet"


def test_a_post_given_in_an_apposition_after_the_name_wins_over_the_tables_post():
    # the table files Shin Won-sik under the defence ministry (an earlier post)
    text = (
        "Shin Won-sik, national security adviser to President Yoon, said on Friday that Russia sent air defence "
        "missiles to Pyongyang. Shin says Russia has also given economic aid to North Korea."
    )
    found = {c.item: c.source for c in extract_claims(text, PUB)}
    assert found["air_defense"] == "South Korea presidential office"
    assert found["economic_aid"] == "South Korea presidential office"


def test_a_relative_clause_after_the_name_is_no_apposition():
    # near misses: the table's post stands
    found = _sources("Shin Won-sik, who met Lavrov on Friday, said Russia sent air defence missiles to Pyongyang.")
    assert found["technology_transfer"] == "South Korea Ministry of Defense"
