"""Session 14's source and date rules for matched claims (issue 14): who said it, and as of when. They follow
docs/claims-conventions.md (3, 5-5d, 13-13b). Each rule has a near miss that must not change. The sentences are
our own."""

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


def test_a_body_the_table_lacks_opening_a_later_sentence_is_read_by_its_name():
    text = (
        "Japan protested the launch on Friday. "
        "Mainichi Television also reported that Pyongyang has shipped the missiles to Russia."
    )
    assert _sources(text)["shipment"] == "Mainichi Television"


def test_a_word_that_opens_sentences_is_no_part_of_the_name():
    # near miss: "Meanwhile" is not the name's first word, and the name is not read with it
    text = (
        "Japan protested the launch on Friday. "
        "Meanwhile Mainichi Television reported that Pyongyang has shipped the missiles to Russia."
    )
    assert _sources(text)["shipment"] == "outlet"


# -- "according to": a role pointing back, and a work's author ----------------------------------------------------


def test_according_to_a_role_alone_is_the_last_source():
    text = (
        "Seoul's defence minister Shin Won-sik met reporters in Seoul on Monday. "
        "According to the minister, Pyongyang also sent dozens of ballistic missiles to Moscow."
    )
    assert _sources(text)["shipment"] == "South Korea Ministry of Defense"
    text = (
        "Bloomberg reported the figures on Friday. "
        "According to the agency, about 2 million shells a year are shipped from Pyongyang to Moscow."
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


def test_a_nations_prosecutors_speak_for_the_prosecutor_generals_office():
    found = _sources("Ukrainian prosecutors reported that Russia had fired about 60 North Korean missiles at Ukraine.")
    assert found["battlefield_use"] == "Ukraine Prosecutor General"


def test_states_conjoined_after_by_speak_jointly():
    found = _sources("As reported both by Kyiv and Washington, Russia fired North Korean missiles at Zaporizhzhia.")
    assert found["battlefield_use"] == "Ukraine and United States"
    found = _sources("The transfer of North Korean shells to Russia was condemned by Tokyo, Seoul and Washington.")
    assert found["condemnation"] == "Japan, South Korea and United States"


def test_the_list_of_agents_ends_at_its_and():
    # near miss: the comma after the list closes it; the party after it is the reported clause's subject
    found = _sources("As confirmed by Kyiv, Russia fired North Korean missiles at Zaporizhzhia.")
    assert found["battlefield_use"] == "Ukraine government"
    found = _sources("The transfer of arms was condemned by the U.S. and almost 40 other countries, Seoul said.")
    assert found["condemnation"] == "United States and almost 40 other countries"


def test_kyivs_centre_for_strategic_communications_speaks_as_itself():
    found = _sources(
        "The Centre for Strategic Communications under Ukraine's Ministry of Culture stated that Russia is firing "
        "North Korean missiles at Kharkiv."
    )
    assert found["battlefield_use"] == "Ukraine Center for Strategic Communications"


def test_a_pledge_is_told_by_the_one_who_makes_it():
    found = _sources("Pyongyang pledged to send 6,000 more military engineers to Russia's Kursk region.")
    assert found["personnel_dispatch"] == "North Korea government"
    found = _sources("Pyongyang has vowed to launch two more spy satellites this year.")
    assert found["satellite_launch"] == "North Korea government"


def test_a_pledge_of_something_else_says_nothing():
    # near miss: a thing pledged ("pledged new housing") is a gift promised, not a statement of what follows
    found = _sources("North Korea has sent 6,000 more military engineers to Kursk, where Moscow pledged new housing.")
    assert found["personnel_dispatch"] == "outlet"


def test_a_statement_in_the_passive_with_no_agent_goes_on_with_the_last_source():
    text = (
        "Seoul's spy agency also reported that North Korea has sent Russia about 10 million shells. "
        "It was also noted that the North's troops helped Russia retake Kursk."
    )
    found = {(c.kind, c.source) for c in extract_claims(text, PUB)}
    assert ("battlefield_use", "South Korea NIS") in found


def test_a_passive_with_its_agent_or_a_verb_of_doing_is_not_this():
    # near miss: "It was noted by Kyiv" names its own speaker; "It was shipped" says nothing
    text = (
        "Seoul's spy agency also reported that North Korea has sent Russia about 10 million shells. "
        "It was noted by Kyiv that the North's troops helped Russia retake Kursk."
    )
    found = {(c.kind, c.source) for c in extract_claims(text, PUB)}
    assert ("battlefield_use", "Ukraine government") in found


def test_an_outlet_credited_by_the_passive_is_the_source():
    found = _sources("North Korea has sent 13,000 containers to Russia, as reported by Newsweek on Tuesday.")
    assert found["shipment"] == "Newsweek"


def test_putting_a_force_at_a_figure_is_an_estimate_said():
    text = (
        "Seoul's spy agency briefed lawmakers on Monday. "
        "The agency puts the North Korean force in Kursk at about 12,000 troops."
    )
    assert _sources(text)["troop_deployment"] == "South Korea NIS"


def test_putting_blame_is_no_estimate():
    # near miss: no figure follows the words put, so nothing is said
    text = (
        "Seoul's spy agency briefed lawmakers on Monday. "
        "The agency puts the blame on Pyongyang, which sent 12,000 troops to Kursk."
    )
    assert _sources(text)["troop_deployment"] == "outlet"


# -- dates --------------------------------------------------------------------------------------------------------


def _dates(text: str, published: dt.date = PUB) -> list[tuple[str, int | float | None, str | None, str | None]]:
    return [(c.kind, c.quantity, c.since, c.as_of) for c in extract_claims(text, published)]


def test_a_count_taken_from_context_in_a_clause_of_its_own_is_not_dated_by_the_other_clause():
    found = _dates(
        "The study found that North Korea sent more than 12,000 troops to Russia in 2024, with 2,000 more "
        "deployed recently."
    )
    assert ("troop_deployment", 12000, "2024-01-01", "2024-12-31") in found
    assert ("troop_deployment", 2000, None, "2025-03-04") in found


def test_a_with_clause_that_reports_keeps_dating_the_claim():
    # near miss: ", with its state media on Monday reporting ..." tells when the admission was made
    found = _dates(
        "Pyongyang has confirmed for the first time that it sent troops to Russia, with its state media on Monday "
        "reporting that they fought in Kursk."
    )
    assert ("confirmation", None, None, "2025-03-03") in found


def test_a_count_in_the_same_clause_as_the_year_keeps_it():
    # near miss: no clause between the year and the figure
    found = _dates("The study found that North Korea sent 2,000 more troops to Russia in 2024.")
    assert found == [("troop_deployment", 2000, "2024-01-01", "2024-12-31")]


def test_a_statement_told_by_its_month_outranks_the_period_it_names():
    found = _dates(
        "The White House said in January that Russia shipped more than 200,000 barrels of oil to the North in "
        "November alone."
    )
    assert found == [("compensation", 200000, "2024-11-01", "2025-01-31")]


def test_a_period_with_no_dated_statement_still_dates_the_claim():
    # near miss: the speaker gives no time of their own, so the period's last day stands
    found = _dates("Russia shipped more than 200,000 barrels of oil to the North in November, the White House said.")
    assert found == [("compensation", 200000, "2024-11-01", "2024-11-30")]


def test_a_period_between_two_calendar_days_runs_from_the_first_to_the_last():
    found = _dates("Pyongyang shipped up to 2,000 containers of munitions to Russia between January 9 and February 3.")
    assert found == [("shipment", 2000, "2025-01-09", "2025-02-03")]
    found = _dates("Pyongyang shipped up to 2,000 containers of munitions to Russia between Jan. 9 and Feb. 3.")
    assert found == [("shipment", 2000, "2025-01-09", "2025-02-03")]


def test_a_period_between_two_months_still_runs_month_to_month():
    # near miss: no day named, so the first month's first day and the last month's last day
    found = _dates("Pyongyang shipped up to 2,000 containers of munitions to Russia between October and December.")
    assert found == [("shipment", 2000, "2024-10-01", "2024-12-31")]


def test_since_the_middle_of_a_year_gives_no_first_day():
    found = _dates("Since mid-2023, Pyongyang has shipped 11,000 containers to Russia.")
    assert found == [("shipment", 11000, None, "2025-03-04")]


def test_since_a_named_month_still_gives_its_first_day():
    # near miss: a month named is a first day the text gives
    found = _dates("Since July 2023, Pyongyang has shipped 11,000 containers to Russia.")
    assert found == [("shipment", 11000, "2023-07-01", "2025-03-04")]


def test_what_follows_a_meeting_on_two_days_holds_as_of_the_second():
    found = _dates(
        "Shoigu held talks with Kim on Friday and Saturday, after which Pyongyang promised to send 6,000 sappers to "
        "Kursk."
    )
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("personnel_dispatch", "2025-03-01")]
    # near miss: one day named
    found = _dates(
        "Shoigu held talks with Kim on Friday, after which Pyongyang promised to send 6,000 sappers to Kursk."
    )
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("personnel_dispatch", "2025-02-28")]


def test_a_calendar_day_opening_the_sentence_dates_it_past_a_relative_clause():
    found = _dates(
        "On February 20, Sergei Shoigu, the head of Russia's Security Council, who was visiting Pyongyang, "
        "announced that the North will send 4,000 more military builders to Kursk."
    )
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("personnel_dispatch", "2025-02-20")]
    # near miss: a day told inside a relative clause after the claim dates only that clause
    found = _dates(
        "Sergei Shoigu announced that the North will send 4,000 more military builders to Kursk, which he visited "
        "on February 20."
    )
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("personnel_dispatch", "2025-03-04")]


def test_the_day_of_the_occasion_a_speaker_spoke_at_is_the_statements():
    found = _dates(
        "Speaking at a press briefing Monday, Seoul's defence minister said the North had sent about 7,000 "
        "containers to Russia, which could hold up to 4 million artillery shells."
    )
    assert [(kind, q, as_of) for kind, q, _, as_of in found] == [
        ("shipment", 7000, "2025-03-03"),
        ("shipment", 4000000, "2025-03-03"),
    ]


def test_an_occasion_without_a_day_dates_nothing():
    # near miss: no day named for the briefing, so the claim holds on the day of publication
    found = _dates(
        "Speaking at a press briefing in Seoul, the defence minister said the North had sent 7,000 containers."
    )
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("shipment", "2025-03-04")]


def test_a_statement_opened_by_its_day_dates_what_follows():
    text = (
        "On February 20 (local time), the Treasury's Office of Foreign Assets Control (OFAC) announced sanctions "
        "on two shipping firms. Washington has imposed sanctions over the arms trade between North Korea and Russia."
    )
    found = [(c.kind, c.as_of) for c in extract_claims(text, PUB)]
    assert ("condemnation", "2025-02-20") in found
    assert ("condemnation", "2025-03-04") not in found


def test_a_day_opening_an_event_is_no_statement():
    # near miss: what happened on a day dates that event only; the next sentence holds as of publication
    text = (
        "On February 20, Russian forces fired North Korean missiles at Kharkiv. "
        "North Korea has shipped artillery shells to Russia for months."
    )
    found = [(c.kind, c.as_of) for c in extract_claims(text, PUB)]
    assert ("battlefield_use", "2025-02-20") in found
    assert ("shipment", "2025-03-04") in found


def test_last_weekday_is_that_day_of_the_calendar_week_before():
    friday = dt.date(2025, 3, 7)
    found = _dates("Kirby said last Thursday that North Korea had shipped ballistic missiles to Russia.", friday)
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("shipment", "2025-02-27")]


def test_last_weekday_early_in_the_week_is_the_days_just_gone():
    # near miss: in a Monday's article the week before holds last Friday, three days back
    monday = dt.date(2025, 3, 3)
    found = _dates("Kirby said last Friday that North Korea had shipped ballistic missiles to Russia.", monday)
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("shipment", "2025-02-28")]
    # and a weekday without "last" is the most recent one
    friday = dt.date(2025, 3, 7)
    found = _dates("Kirby said on Thursday that North Korea had shipped ballistic missiles to Russia.", friday)
    assert [(kind, as_of) for kind, _, _, as_of in found] == [("shipment", "2025-03-06")]


def test_a_month_a_total_is_expected_by_is_no_month_gone_by():
    october = dt.date(2024, 10, 25)
    found = _dates(
        "Seoul's spy agency said that about 3,000 North Korean soldiers were already in Russia and that the total "
        "was expected to reach 11,000 by December.",
        october,
    )
    assert [(q, as_of) for _, q, _, as_of in found] == [(3000, "2024-10-25"), (11000, "2024-10-25")]


def test_a_count_reached_by_a_month_gone_by_keeps_it():
    # near miss: nothing expected, so "by June" ends a period that has passed
    october = dt.date(2024, 10, 25)
    found = _dates("North Korea had sent 3,000 soldiers to Russia by June, Seoul's spy agency said.", october)
    assert [(q, as_of) for _, q, _, as_of in found] == [(3000, "2024-06-30")]
