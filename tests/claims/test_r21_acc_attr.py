"""Round 21 (session 15): who said a claim, and as of when.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _claims(text: str, published: dt.date = PUB) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(c.kind, c.item, c.since, c.as_of, c.source) for c in extract_claims(text, published)]


def test_background_holds_as_of_the_articles_first_dated_statement_not_a_later_one_of_the_same_source():
    # The agency speaks on Monday, then is recalled speaking in January: the outlet's background after both
    # still holds as of Monday, the article's first dated statement. (The background stands in a paragraph of its
    # own: right after the agency in its paragraph it would go on with the agency's account, convention 22n.)
    text = (
        "Seoul's spy agency told lawmakers on Monday that about 2,000 North Korean soldiers had been wounded. "
        "The agency said in January that 300 soldiers had been killed.\n\n"
        "Russia has been giving the North air defence systems in return."
    )
    dates = {(kind, item): as_of for kind, item, _, as_of, _ in _claims(text)}
    assert dates[("casualties", "wounded")] == "2025-03-17"
    assert dates[("casualties", "killed")] == "2025-01-31"
    assert dates[("technology_transfer", "air_defense")] == "2025-03-17"


def test_a_clause_with_its_own_subject_after_and_keeps_its_time_phrase_to_itself():
    # "said in December" dates the first clause; "last month" belongs to the clause of the second subject.
    text = (
        "Ukraine's defence ministry said in December that some 1,000 North Korean soldiers had been killed, "
        "and the Ukrainian army raised its count of wounded to 2,500 last month."
    )
    dates = {item: as_of for _, item, _, as_of, _ in _claims(text)}
    assert dates["killed"] == "2024-12-31"
    assert dates["wounded"] == "2025-02-28"
    # the counts of one clause joined by "and" stay one clause: the month dates both
    joined = _claims("North Korea shipped 2,000 containers of shells to Russia and 400 artillery guns in January.")
    assert {as_of for _, _, _, as_of, _ in joined} == {"2025-01-31"}


def test_a_capitals_own_defence_ministry_is_that_states_not_seouls():
    for owner, source in (
        ("Kyiv's", "Ukraine Ministry of Defense"),
        ("Kyiv\u2019s", "Ukraine Ministry of Defense"),
        ("Moscow's", "Russia Ministry of Defense"),
        ("Tokyo's", "Japan government"),
        ("Pyongyang's", "North Korea government"),
    ):
        found = _claims(f"{owner} defence ministry said that 1,000 North Korean soldiers had been killed.")
        assert found[0][4] == source, owner
    # the bare ministry stays Seoul's (convention 5d), the capital alone its government
    assert _claims("The defence ministry said 1,000 North Korean soldiers had been killed.")[0][4] == (
        "South Korea Ministry of Defense"
    )
    assert _claims("Kyiv said 1,000 North Korean soldiers had been killed.")[0][4] == "Ukraine government"


def test_a_dated_statement_that_names_no_thing_dates_the_quotations_of_its_speaker_after_it():
    # The minister's dated sentence carries no claim; the quotation after it, which does, was said that day.
    text = (
        "Moscow rejected the reports on Thursday.\n\n"
        "South Korea's defence minister told lawmakers Tuesday that the reports were probably right.\n\n"
        '"We judge it very likely that North Korean soldiers have been killed in Ukraine," he said.'
    )
    found = _claims(text)
    assert [(kind, as_of, source) for kind, _, _, as_of, source in found if kind == "casualties"] == [
        ("casualties", "2025-03-18", "South Korea Ministry of Defense")
    ]


def test_last_and_a_month_names_the_latest_such_month_gone_by():
    # opening the sentence as a phrase of its own, it dates the event and starts its count, as "In October," does
    opening = _claims("Last October, the North moved some 9,000 soldiers to Russia's Far East.")
    assert [(since, as_of) for _, _, since, as_of, _ in opening] == [("2024-10-01", "2024-10-31")]
    # after the claim, too
    closing = _claims("The North moved some 9,000 soldiers to Russia last October, Seoul says.")
    assert [(since, as_of) for _, _, since, as_of, _ in closing] == [("2024-10-01", "2024-10-31")]
    # in an article of that month, "last October" is a year before
    october = _claims("Last October, the North moved some 9,000 soldiers to Russia.", dt.date(2025, 10, 20))
    assert [(since, as_of) for _, _, since, as_of, _ in october] == [("2024-10-01", "2024-10-31")]


def test_a_headline_credit_after_a_dash_that_names_no_one_leaves_the_news_before_it_untold():
    # "— report" names no teller: the body inside the news ("UN curbs") does not say it, and the lede's named
    # teller speaks for the fact, on the day it reported
    text = (
        "Moscow ships fuel to Pyongyang in breach of UN curbs \u2014 report\n\n"
        "Russia has been sending refined oil to North Korea in breach of UN caps, the Financial Times "
        "reported on Tuesday, citing a Western official."
    )
    found = _claims(text)
    assert [(kind, item, as_of, source) for kind, item, _, as_of, source in found] == [
        ("compensation", "oil", "2025-03-18", "Financial Times")
    ]


def test_the_body_that_imposes_sanctions_is_the_condemnations_source():
    for text, source in (
        (
            "Britain on Monday blacklisted six shipping firms over the transfer of North Korean arms to Russia.",
            "UK government",
        ),
        (
            "OSAKA, May 2 (Kyodo) -- Japan will impose sanctions on nine firms over their part in moving "
            "North Korean weapons to Russia, the cabinet decided on Friday.",
            "Japan government",
        ),
    ):
        found = _claims(text)
        assert [(kind, src) for kind, _, _, _, src in found] == [("condemnation", source)], text
    # a teller of the sentence still speaks for it
    told = _claims("Britain has sanctioned six firms over the arms moved from North Korea to Russia, Seoul said.")
    assert {src for *_, src in told} == {"South Korea government"}


def test_a_statement_or_report_issued_in_a_month_or_on_a_day_dates_what_it_says():
    text = (
        "In a joint statement issued in January, the foreign ministers of the G7 condemned the transfer of "
        "North Korean ballistic missiles to Russia."
    )
    assert [(kind, as_of) for kind, _, _, as_of, _ in _claims(text)] == [("condemnation", "2025-01-31")]
    released = _claims("In a report released on Monday, the institute said the North had sent 20 howitzers to Russia.")
    assert [as_of for _, _, _, as_of, _ in released] == ["2025-03-17"]


def test_an_admission_told_as_a_noun_is_the_admitting_partys_whichever_noun_and_order():
    # one reader for the noun and the party after it (the attribution cue's nouns of saying), one for the
    # party's possessive before it (extract.admitting_party)
    for wording in (
        "a rare admission by North Korea that it had sent troops to Russia",
        "a rare acknowledgement by North Korea that it had sent troops to Russia",
        "an admission from Pyongyang that its troops had been sent to Russia",
    ):
        found = _claims(f"The envoys met in Seoul shortly after {wording}.", dt.date(2025, 5, 1))
        assert ("confirmation", "North Korea government") in {(kind, src) for kind, _, _, _, src in found}, wording
    owned = _claims(
        "The envoys met shortly after the Kremlin's acknowledgment that North Korean troops fought in Kursk."
    )
    assert ("confirmation", "Russia Kremlin") in {(kind, src) for kind, _, _, _, src in owned}


def test_the_wests_spy_services_and_reports_owned_by_no_one_are_sources_of_their_own():
    cases = (
        ("Western intelligence reckons the North has shipped some 3 million shells to Russia.", "Western intelligence"),
        (
            "North Korea has supplied Russia with some 3 million shells, according to Western spy agencies.",
            "Western intelligence",
        ),
        ("Other reports say the North has also sent Russia long-range rockets.", "media reports"),
        ("Reports suggest that North Korean gunners are already firing on Ukrainian positions.", "media reports"),
        ("Press reports said the North had also sent Russia long-range rockets.", "media reports"),
    )
    for text, source in cases:
        assert {src for *_, src in _claims(text)} == {source}, text
    # a body's own reports and "reports" as a verb are not this voice; several nations' services speak jointly
    assert {src for *_, src in _claims("Intelligence reports indicate the North is sending labourers to Russia.")} != {
        "media reports"
    }
    joint = _claims("Japanese and Western intelligence agencies say the North has sent 12,000 soldiers to Russia.")
    assert {src for *_, src in joint} == {"Japanese and Western intelligence"}


def test_states_imposing_sanctions_together_condemn_jointly_and_a_list_inside_the_subject_is_no_actor():
    joint = _claims("Seoul and Tokyo have sanctioned nine firms over the shipment of North Korean shells to Russia.")
    assert {(kind, src) for kind, *_, src in joint} == {("condemnation", "South Korea and Japan")}
    listed = _claims(
        "Envoys of Canada, Australia and the European Union on Monday sanctioned nine firms over the shipment "
        "of North Korean shells to Russia."
    )
    assert {src for *_, src in listed} == {"outlet"}


def test_a_claim_held_as_knowledge_is_told_by_its_holder():
    for text, source in (
        (
            "Washington has information that the North is preparing to send Russia more ballistic missiles.",
            "United States",
        ),
        ("Seoul has fresh evidence showing the North shipped rockets to Russia in May.", "South Korea government"),
        ("Kyiv had intelligence suggesting that North Korean troops were moving to Kursk.", "Ukraine government"),
    ):
        assert {src for *_, src in _claims(text)} == {source}, text
    # knowledge owned by the thing moved is not a teller's: "information technology" names no one
    assert {src for *_, src in _claims("The North has sent Russia shells and gets information technology.")} <= {
        "outlet"
    }


def test_a_lawmaker_relays_the_briefing_of_seouls_agency_even_when_it_is_named_after_the_figures():
    text = (
        "About 200 North Korean soldiers have been killed in Kursk, lawmaker Park Ji-won said on Monday.\n\n"
        "He spoke after a closed-door briefing by the National Intelligence Service.\n\n"
        "Park added that the North appears to be preparing to send more troops."
    )
    sources = {(kind, src) for kind, _, _, _, src in _claims(text)}
    assert sources == {("casualties", "South Korea NIS"), ("troop_deployment", "South Korea NIS")}
    # another state's figure the lawmaker compares with is not the briefing's source
    compared = _claims(
        "According to lawmaker Park Ji-won, the number of North Korean soldiers killed is below a Pentagon "
        "official's figure, which mentioned several hundred casualties."
    )
    assert compared and "Pentagon" not in {src for *_, src in compared}


def test_a_claim_or_accusation_from_a_teller_and_a_promise_are_said_by_their_authors():
    for text, source in (
        (
            "The move follows claims from Washington, Seoul and Kyiv that the North has moved 11,000 soldiers to Russia.",
            "United States, South Korea and Ukraine",
        ),
        (
            "The talks come after allegations by Kyiv that the North shipped Russia ballistic missiles.",
            "Ukraine government",
        ),
        ("Putin is said to have promised the North Korean leader help with building satellites.", "Russia President"),
        ("Putin promised to share Russia's space technology with Pyongyang.", "Russia President"),
    ):
        assert {src for *_, src in _claims(text)} == {source}, text


def test_last_and_a_weekday_opening_the_sentence_is_the_week_before():
    # PUB is a Thursday: "Last Thursday" is a week back, as "last Thursday" inside the sentence is
    for text in (
        "Last Thursday, Seoul's spy agency said the North had sent 1,500 soldiers to Russia.",
        "Seoul's spy agency said last Thursday that the North had sent 1,500 soldiers to Russia.",
    ):
        assert [as_of for _, _, _, as_of, _ in _claims(text)] == ["2025-03-13"], text


def test_a_time_phrase_in_since_and_a_verb_dates_that_event_not_the_count_running_from_it():
    text = "Ukraine's defence ministry says the North has lost 4,000 men in Kursk since sending 11,000 troops there last year."
    dates = {(kind, item): (since, as_of) for kind, item, since, as_of, _ in _claims(text)}
    assert dates[("casualties", "killed_or_wounded")] == (None, "2025-03-20")
    assert dates[("troop_deployment", "troops")] == ("2024-01-01", "2024-12-31")


def test_a_statement_said_last_week_dates_its_own_claims_by_the_weeks_end_and_no_others():
    text = (
        "The State Department said last week that the North has sent some 10,000 soldiers to Russia. "
        "Russia has been giving the North oil in return."
    )
    dates = {item: as_of for _, item, _, as_of, _ in _claims(text)}
    assert dates["troops"] == "2025-03-16"  # PUB is Thursday 20 March: last week ended on Sunday the 16th
    assert dates["oil"] == "2025-03-20"  # a period is too loose to date the background after it
    assert [as_of for *_, as_of, _ in _claims("Seoul said last month that the North sent 500 containers.")] == [
        "2025-02-28"
    ]


def test_the_author_of_reports_named_as_the_subject_speaks_for_them():
    for text, source in (
        (
            "Reports from the Pentagon indicate that North Korean units are taking heavy casualties in Kursk.",
            "Pentagon",
        ),
        (
            "Findings from the White House showed that the North has shipped Russia more ballistic missiles.",
            "White House",
        ),
    ):
        assert {src for *_, src in _claims(text)} == {source}, text


def test_a_body_of_the_us_named_after_the_speaks_not_the_state():
    for body, source in (
        ("the U.S. State Department", "US State Department"),
        ("the U.S. Treasury", "US Treasury"),
        ("the US intelligence community", "US intelligence"),
        ("the U.S.", "United States"),
    ):
        text = f"The North has shipped Russia dozens of ballistic missiles, according to {body}."
        assert {src for *_, src in _claims(text)} == {source}, body


def test_the_day_the_next_sentence_gives_its_source_dates_that_sources_undated_claims_just_told():
    text = (
        "Moscow has agreed to give the North MiG-29 fighter jets, according to the Pentagon.\n\n"
        "Speaking to reporters at a long briefing held in Washington on Tuesday, a Pentagon spokesman said the "
        "jets were part of the bargain."
    )
    found = _claims(text)
    assert [(kind, as_of) for kind, _, _, as_of, _ in found if kind == "technology_transfer"] == [
        ("technology_transfer", "2025-03-18")
    ]
    # another source's dated sentence after it leaves the undated claim to the publication date
    other = _claims(
        "Moscow has agreed to give the North MiG-29 fighter jets, according to the Pentagon.\n\n"
        "Kyiv's defence ministry said on Tuesday that it had no such information."
    )
    assert [as_of for kind, _, _, as_of, _ in other if kind == "technology_transfer"] == ["2025-03-20"]
