"""Who said a claim and when it holds: speakers across sentences, relayed reports, and the periods a figure covers."""

from __future__ import annotations

import datetime as dt

from monitor.claims.discourse import Discourse
from monitor.claims.document import read_document
from monitor.claims.extract import extract_claims
from monitor.claims.textclean import clean

PUB = dt.date(2025, 6, 12)


def _by_kind(text: str, published: dt.date = PUB) -> dict[str, object]:
    return {c.kind: c for c in extract_claims(text, published)}


def test_a_figure_counted_over_a_named_year_runs_from_its_first_day():
    found = _by_kind("Kyiv's military intelligence says Pyongyang shipped about 2 million shells to Moscow in 2024.")
    assert (found["shipment"].since, found["shipment"].as_of) == ("2024-01-01", "2024-12-31")


def test_a_figure_counted_over_named_months_runs_from_the_first_month():
    found = _by_kind(
        "Around 2,000 more North Korean soldiers reached Russia in March and April, Seoul's military said."
    )
    assert found["troop_deployment"].since == "2025-03-01"


def test_a_figure_for_this_year_runs_from_january():
    found = _by_kind("So far this year some 40 North Korean missiles have been fired at Ukraine, the air force said.")
    assert found["battlefield_use"].since == "2025-01-01"


def test_a_month_after_a_verb_of_saying_dates_the_statement_not_a_period():
    found = _by_kind("Seoul's spy agency estimated in April that about 600 North Korean soldiers had died.")
    assert found["casualties"].since is None


def test_a_share_at_the_end_of_a_year_is_no_running_total():
    found = _by_kind("In 2024 North Korea supplied about half of the shells Russia fired, Ukraine's intelligence says.")
    assert found["supply_share"].since is None


def test_several_nations_intelligence_services_speaking_together_are_one_joint_source():
    found = _by_kind(
        "Japanese and Western intelligence services say Pyongyang has sent about 3,000 more soldiers to Russia."
    )
    assert found["troop_deployment"].source == "Japanese and Western intelligence"


def test_a_joint_group_of_officials_keeps_its_nations_and_reads_american_as_us():
    found = _by_kind(
        "Ukrainian, American, and British officials have warned that North Korea shipped missiles to Moscow."
    )
    assert found["shipment"].source == "Ukrainian, US and British officials"


def test_according_to_a_joint_group_of_sources():
    found = _by_kind("About 900 North Korean soldiers have been wounded, according to Ukrainian and Western sources.")
    assert found["casualties"].source == "Ukrainian and Western sources"


def test_a_joint_group_reporting_inside_another_speakers_sentence():
    text = (
        "Moscow acknowledged the deployment last week, with Ukrainian and Western intelligence agencies having "
        "long reported that the North sent some 12,000 soldiers to Russia."
    )
    troops = [c for c in extract_claims(text, PUB) if c.kind == "troop_deployment"]
    assert troops and troops[0].source == "Ukrainian and Western intelligence"


def test_according_to_a_study_by_a_body_the_lexicon_does_not_know():
    found = _by_kind(
        "North Korea has sold Russia weapons worth billions, according to a study by the Hartwell Peace Institute."
    )
    assert found["shipment"].source == "Hartwell Peace Institute"


def test_lawmakers_relay_the_briefing_the_next_sentence_names():
    text = (
        "South Korean lawmakers said on Tuesday that some 4,000 more North Korean soldiers had reached Russia. "
        "The lawmakers were citing a closed-door briefing by the National Intelligence Service."
    )
    found = _by_kind(text)
    assert found["troop_deployment"].source == "South Korea NIS"


def test_lawmakers_with_no_briefing_named_remain_the_source():
    text = (
        "South Korean lawmakers said on Tuesday that some 4,000 more North Korean soldiers had reached Russia. "
        "The opposition has asked the government for a fuller account."
    )
    found = _by_kind(text)
    assert found["troop_deployment"].source == "South Korea lawmaker"


def test_we_in_a_statement_printed_whole_are_the_authors_named_in_its_opening():
    text = (
        "We, the G7 foreign ministers, condemn North Korea's shipments of ballistic missiles to Russia.\n\n"
        "We are alarmed that Russia may be giving Pyongyang missile technology in return."
    )
    found = _by_kind(text)
    assert found["condemnation"].source == "G7"
    assert found["technology_transfer"].source == "G7"


def test_we_in_a_statement_are_the_authors_its_title_names():
    text = "We condemn the transfer of North Korean artillery shells to Russia in the strongest terms."
    found = {c.kind: c for c in extract_claims(text, PUB, title="Statement by NATO allies on arms from North Korea")}
    assert found["condemnation"].source == "NATO"


def test_a_quoted_we_is_not_the_title_s_author():
    text = '"We condemn the transfer of North Korean shells to Russia," the Japanese foreign minister said.'
    found = {c.kind: c for c in extract_claims(text, PUB, title="Statement by NATO allies on arms from North Korea")}
    assert found["condemnation"].source != "NATO"


def test_last_weekday_in_an_article_of_that_weekday_is_the_week_before():
    thursday = dt.date(2025, 6, 12)
    found = _by_kind(
        "The Pentagon said last Thursday that about 1,200 North Korean soldiers had been killed.", thursday
    )
    assert found["casualties"].as_of == "2025-06-05"


def test_background_sentences_hold_as_of_the_articles_first_dated_statement():
    text = (
        "Seoul's defence ministry said on Tuesday that the North had shipped some 12,000 containers to Russia. "
        "The disclosure came after months of reports that Pyongyang had sent ballistic missiles to Moscow."
    )
    found = _by_kind(text)  # published on Thursday 12 June
    assert found["shipment"].as_of == "2025-06-10"
    missiles = [c for c in extract_claims(text, PUB) if c.item == "ballistic_missiles"]
    assert missiles and missiles[0].as_of == "2025-06-10"


def test_a_source_speaking_in_the_present_holds_on_the_day_of_publication():
    text = (
        "Seoul's defence ministry said on Tuesday that the North had shipped some 12,000 containers to Russia. "
        "Ukrainian officials say Russia has fired North Korean ballistic missiles at Kharkiv."
    )
    use = [c for c in extract_claims(text, PUB) if c.kind == "battlefield_use"]
    assert use and use[0].as_of == "2025-06-12"


def test_a_newspaper_named_for_a_city_is_the_newspaper_not_the_government():
    found = _by_kind("North Korea has sent another 3,000 soldiers to Russia, The Washington Post reported.")
    assert found["troop_deployment"].source == "Washington Post"


def test_a_newspaper_is_named_without_its_article():
    found = _by_kind("According to The New York Times, some 2,000 North Korean soldiers have been wounded in Kursk.")
    assert found["casualties"].source == "New York Times"


def test_a_person_speaks_for_the_post_the_article_gives_them():
    text = (
        "South Korea's national security adviser Shin Won-sik said on Monday that Russia had sent air defence "
        "equipment to Pyongyang. North Korea has sent more than 11,000 soldiers to Russia, Shin added."
    )
    found = _by_kind(text)
    assert found["technology_transfer"].source == "South Korea presidential office"
    assert found["troop_deployment"].source == "South Korea presidential office"


def test_the_same_person_as_defence_minister_speaks_for_the_ministry():
    text = "Defence Minister Shin Won-sik said North Korea had shipped about 6,000 containers to Russia."
    assert _by_kind(text)["shipment"].source == "South Korea Ministry of Defense"


def test_a_name_inside_a_relative_clause_is_not_the_subject():
    text = "Shoigu, who brought greetings from Putin, thanked Pyongyang for sending troops to fight in Kursk."
    found = _by_kind(text)
    assert found["confirmation"].source == "Russia Security Council"


def test_a_sanctions_monitoring_team_described_not_named_is_the_msmt_and_the_team_speaks_again():
    text = (
        "North Korea shipped some 250 artillery pieces to Russia last year, a multinational sanctions monitoring "
        "team said on Wednesday. Russia sent the North oil and air defence systems in return, the team said."
    )
    found = extract_claims(text, PUB)
    assert found and {c.source for c in found} == {"MSMT"}, [(c.kind, c.source) for c in found]


def test_the_official_said_is_the_official_introduced_before_by_their_body():
    text = (
        "Russia has fired about 90 North Korean missiles at Ukraine since January, a Ukrainian military "
        "intelligence official said. North Korean engineers are helping Russian crews launch them, the official said."
    )
    found = extract_claims(text, PUB)
    assert {c.source for c in found} == {"Ukraine HUR"}, [(c.kind, c.source) for c in found]


def test_according_to_a_nations_assessments_is_that_nations_government():
    found = _by_kind("According to South Korean estimates, the North has sent some 13,000 soldiers to Russia.")
    assert found["troop_deployment"].source == "South Korea government"


def test_an_opening_time_phrase_before_a_verb_of_saying_dates_the_statement_not_a_period():
    found = _by_kind("Last month, Moscow announced that Pyongyang would send some 4,000 builders to the Kursk region.")
    claim = found["personnel_dispatch"]
    assert (claim.since, claim.as_of) == (None, "2025-05-31")


# -- session 8: bodies the source table lacked, and people named with their post after the name -------------


def test_the_treasury_department_is_the_source_of_its_sanctions():
    found = _by_kind(
        "Washington blacklisted two shipping firms on Tuesday for carrying North Korean rockets to Russia, "
        "the U.S. Treasury Department said."
    )
    assert found["condemnation"].source == "US Treasury"


def test_according_to_the_treasury_department_names_the_treasury_not_the_country():
    found = _by_kind(
        "A broker arranged the sale of North Korean shells to Russia last spring, according to the U.S. Treasury."
    )
    assert found["shipment"].source == "US Treasury"


def test_britain_speaks_as_the_uk_government():
    found = _by_kind("The UK government announced sanctions over North Korean troops sent to fight for Russia.")
    assert found["condemnation"].source == "UK government"


def test_the_prosecutor_generals_office_of_ukraine_is_not_ukraine_at_large():
    found = _by_kind(
        "Most of the North Korean missiles Russia fired in January missed, the Prosecutor General's Office of "
        "Ukraine told reporters."
    )
    assert found["battlefield_use"].source == "Ukraine Prosecutor General"


def test_a_person_named_then_given_a_post_at_a_body_speaks_for_that_body_later():
    text = (
        "Jane Holloway, the under secretary of the Treasury for sanctions, announced the designations on Monday. "
        '"Pyongyang keeps shipping artillery shells to Moscow by sea," Holloway added.'
    )
    found = _by_kind(text)
    assert found["shipment"].source == "US Treasury"


def test_a_command_head_speaks_for_the_command_the_apposition_names():
    found = _by_kind(
        "North Korea has sent about 3,000 more soldiers to Russia, according to Admiral Tom Reyes, the head of "
        "the US Indo-Pacific Command."
    )
    assert found["troop_deployment"].source == "US Indo-Pacific Command"


# -- session 8: states speaking together, and the agent of a passive verb of saying -------------------------------


def test_two_states_as_one_subject_are_one_joint_source_in_the_texts_order():
    found = _by_kind("Tokyo and Seoul accuse Pyongyang of shipping ballistic missiles to Russia.")
    assert found["shipment"].source == "Japan and South Korea"


def test_a_state_and_its_allies_are_one_joint_source():
    found = _by_kind("Washington and its allies have accused North Korea of sending artillery shells to Moscow.")
    assert found["shipment"].source == "United States and allies"


def test_a_list_of_states_ending_in_unnamed_partners_is_one_joint_source():
    found = _by_kind(
        "Japan, the U.S. and like-minded countries have suspected that the North is sending Russia rockets."
    )
    assert found["shipment"].source == "Japan, United States and like-minded countries"


def test_the_two_parties_together_are_not_read_as_a_joint_of_states():
    found = _by_kind("Moscow and Pyongyang both deny any transfer of arms.")
    assert found["denial"].source == "North Korea and Russia governments"


def test_the_agent_of_a_passive_verb_of_saying_is_the_source():
    found = _by_kind(
        "Pyongyang has sent engineers to Russia this summer, as confirmed by Ukrainian military intelligence."
    )
    assert found["personnel_dispatch"].source == "Ukraine HUR"


def test_joint_agents_of_a_passive_condemnation_are_one_source():
    found = _by_kind("The shipments of North Korean arms to Russia were condemned by the U.S. and 30 other countries.")
    assert found["condemnation"].source == "United States and 30 other countries"


def test_the_ruling_workers_party_is_no_workers_sent():
    found = _by_kind(
        "As reported by state media, a senior official of the Workers' Party called the report of arms sales to "
        "Russia an absurd fabrication."
    )
    assert "personnel_dispatch" not in found and found["denial"].item == "munitions"


def test_it_mentioned_is_the_report_named_before():
    text = (
        "In its new report, the Multilateral Sanctions Monitoring Team set out what it found about Pyongyang and "
        "Moscow. It mentioned the shipment of North Korean artillery shells to Russia by rail."
    )
    found = _by_kind(text)
    assert found["shipment"].source == "MSMT"


def test_a_newspaper_named_for_the_capital_is_the_newspaper_not_the_government():
    found = _by_kind("The Kyiv Independent reported that 20 North Korean soldiers were killed near Kursk.")
    assert found["casualties"].source == "Kyiv Independent"


def test_footage_whose_maker_is_not_named_is_its_own_source():
    found = _by_kind("Footage posted on Monday showed a train carrying North Korean howitzers into Russia.")
    assert found["shipment"].source == "video footage"


def test_a_video_address_is_no_video_source():
    found = _by_kind("In a video address, Zelensky said North Korea had sent Russia more ballistic missiles.")
    assert found["shipment"].source == "Ukraine President"


def test_a_rank_before_an_apposed_name_is_not_learned_as_the_name():
    text = "Major General Ivan Bondar, deputy chief of Ukraine's military intelligence, spoke on Monday."
    memory = Discourse.of(read_document(clean(text), PUB))
    assert memory.names == {"Ivan": "Ukraine HUR", "Bondar": "Ukraine HUR"}


def test_a_paragraph_of_quotation_with_no_speaker_goes_on_with_the_last_quoted_speaker():
    text = (
        '"North Korea is preparing another delivery of missiles," said Kirby.\n\n'
        '"We also see that Russia is paying North Korea with oil for the shells."'
    )
    found = _by_kind(text)
    assert found["compensation"].source == "White House"


def test_a_paragraph_of_quotation_whose_speaker_is_named_later_in_it_is_not_the_earlier_speakers():
    text = (
        '"North Korea is preparing another delivery of missiles," said Kirby.\n\n'
        '"Russia pays the North in oil for its shells. We see it every week," Budanov said.'
    )
    found = _by_kind(text)
    assert found["compensation"].source != "White House"


def test_a_quotation_after_the_outlets_own_paragraph_is_not_the_earlier_speakers():
    text = (
        '"North Korea is preparing another delivery of missiles," said Kirby.\n\n'
        "Trains cross the border at Khasan every week.\n\n"
        '"Russia is paying North Korea with oil for the shells."'
    )
    found = _by_kind(text)
    assert found["compensation"].source == "outlet"


def test_the_bare_united_states_is_the_country_and_its_government_only_when_the_text_says_so():
    # "Washington", "the U.S." and "the United States" speaking are the country, as the real-text corpus names it
    for subject in ("Washington", "The U.S.", "The United States", "The USA"):
        found = _by_kind(f"{subject} says North Korea has handed Russia more artillery rounds this spring.")
        assert found["shipment"].source == "United States", subject
    # the government or the administration named as such is the government
    found = _by_kind("The U.S. government says North Korea has handed Russia more artillery rounds this spring.")
    assert found["shipment"].source == "US government"
    # the country joined to another is still one joint source, named as the country
    found = _by_kind("Washington and Tokyo say North Korea has handed Russia more artillery rounds this spring.")
    assert found["shipment"].source == "United States and Japan"


def test_a_known_persons_bare_name_speaks_with_an_adverb_before_its_verb():
    text = (
        "North Korean leader Kim Jong Un visited a cemetery on Sunday. Kim first admitted in April that he had sent "
        "thousands of soldiers to Russia's Kursk region."
    )
    got = {(c.kind, c.source) for c in extract_claims(text, dt.date(2025, 9, 1))}
    assert ("troop_deployment", "North Korea government") in got
    assert ("confirmation", "North Korea government") in got


def test_an_adverb_after_a_name_the_article_does_not_know_names_no_speaker():
    text = "Smith first noted that North Korea sent thousands of soldiers to Russia's Kursk region."
    got = {c.source for c in extract_claims(text, dt.date(2025, 9, 1)) if c.kind == "troop_deployment"}
    assert got == {"outlet"}
