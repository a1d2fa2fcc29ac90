"""When a claim holds and since when: statement dates told by month, opening time phrases, carried dates."""

from __future__ import annotations

import datetime as dt

from monitor.claims import timerefs
from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _by_item(text: str, published: dt.date = PUB) -> dict[str, object]:
    return {c.item: c for c in extract_claims(text, published)}


def test_a_statement_known_only_by_its_month_is_dated_by_the_months_last_day():
    assert timerefs.statement_date("Seoul's spy agency reported in November that ...", PUB) == dt.date(2024, 11, 30)
    assert timerefs.statement_date("Pyongyang acknowledged in early February that ...", PUB) == dt.date(2025, 2, 28)
    # a month running on to the day of publication ends there
    assert timerefs.statement_date("The ministry said in March that ...", PUB) == PUB
    # a month that is not the statement's ("in a statement", "sent in May") dates no statement
    assert timerefs.statement_date("The ministry said in a statement that shells went north in May.", PUB) is None


def test_the_sentences_after_a_statement_told_by_month_hold_as_of_that_month():
    text = (
        "Pyongyang has handed Moscow some 2 million shells as well as missiles, Seoul's intelligence agency "
        "reported in January. According to the agency, about 4,000 containers left the port of Rajin for Russia."
    )
    found = _by_item(text)
    assert found["artillery_shells"].as_of == "2025-01-31"
    assert found["containers"].as_of == "2025-01-31"


def test_an_opening_month_before_a_long_subject_and_its_verb_dates_the_statement():
    text = (
        "In December, the deputy spokesman for the Pentagon's press office Jane Roe claimed that "
        "North Korea had sent Russia more than 2,000 containers of ammunition."
    )
    found = _by_item(text)
    assert (found["containers"].since, found["containers"].as_of) == (None, "2024-12-31")


def test_an_opening_month_dates_the_event_the_sentence_tells_and_starts_its_count():
    text = "In January, Russian freighters carried some 500 containers from the North's ports to Vostochny."
    found = _by_item(text)
    assert (found["containers"].since, found["containers"].as_of) == ("2025-01-01", "2025-01-31")


def test_a_loose_month_before_the_claim_without_a_comma_still_dates_nothing():
    text = "After talks held in September the North began moving shells to Russia, Washington says."
    found = _by_item(text)
    assert found["artillery_shells"].as_of == "2025-03-20"


def test_shells_the_containers_could_carry_are_counted_over_the_containers_period():
    text = (
        "Seoul's defence ministry says the North has shipped some 9,000 containers to Russia since October. "
        "The minister told reporters that the containers might carry up to 4 million artillery shells."
    )
    found = _by_item(text)
    assert found["containers"].since == "2024-10-01"
    assert found["artillery_shells"].since == "2024-10-01"
    # shells counted on their own keep no period of the containers'
    alone = _by_item(
        "The North has shipped some 9,000 containers to Russia since October. "
        "Kyiv says it has also sent about 2 million artillery shells."
    )
    assert alone["artillery_shells"].since is None


def test_a_flow_that_followed_a_meeting_in_a_month_starts_that_month_and_holds_today():
    text = (
        "Washington says arms deliveries from North Korea to Russia grew following the talks between "
        "the two leaders at a cosmodrome in the Far East in October."
    )
    (claim,) = [c for c in extract_claims(text, PUB) if c.kind == "shipment"]
    assert (claim.since, claim.as_of) == ("2024-10-01", "2025-03-20")
    text = "North Korea began moving rockets to Russia after last month's summit, a broadcaster reported Monday."
    (claim,) = [c for c in extract_claims(text, PUB) if c.kind == "shipment"]
    assert (claim.since, claim.as_of) == ("2025-02-01", "2025-03-17")


def test_since_last_and_a_month_is_the_latest_such_month_before_publication():
    assert timerefs.resolve_since("containers have crossed since last June", PUB) == dt.date(2024, 6, 1)


def test_a_year_before_a_dash_of_punctuation_is_still_a_period():
    text = "Pyongyang moved about 5,000 more soldiers to Russia in 2024 \u2014 most of them to Kursk \u2014 Kyiv says."
    assert _by_item(text)["troops"].as_of == "2024-12-31"
    # a range of years is not one year
    assert timerefs.resolve_as_of("fired at Ukraine in 2023-24", PUB) is None


def test_missiles_fired_on_listed_days_were_used_from_the_first_day_to_the_last():
    text = "Ukraine's air force says Russia fired North Korean missiles at Zaporizhzhia on Nov. 28, Dec. 3 and Dec. 9."
    (use,) = [c for c in extract_claims(text, PUB) if c.kind == "battlefield_use"]
    assert (use.since, use.as_of) == ("2024-11-28", "2024-12-09")
    # one day alone is the day of the use, with no period
    (one,) = [
        c
        for c in extract_claims("Russia fired North Korean missiles at Zaporizhzhia on Dec. 9, Kyiv says.", PUB)
        if c.kind == "battlefield_use"
    ]
    assert (one.since, one.as_of) == (None, "2024-12-09")


def test_an_outlets_own_dated_report_dates_the_background_after_it():
    text = (
        "North Korea has begun shipping rockets to Russia, a Japanese broadcaster reported on Monday. "
        "Tokyo and Seoul have condemned any arms trade between Pyongyang and Moscow."
    )
    (condemnation,) = [c for c in extract_claims(text, PUB) if c.kind == "condemnation"]
    assert condemnation.as_of == "2025-03-17"


def test_a_since_starts_the_count_only_of_the_things_in_its_own_clause():
    text = (
        "Seoul says the North has sent some 12,000 soldiers to Russia since last summer and supplied "
        "large numbers of artillery shells as well."
    )
    found = _by_item(text)
    assert found["troops"].since == "2024-06-01"
    assert found["artillery_shells"].since is None
    text = (
        "Moscow has shipped over 500,000 barrels of oil to Pyongyang since January, a move seen as "
        "payment for the shells the North has sent."
    )
    found = _by_item(text)
    assert found["oil"].since == "2025-01-01"
    assert found["artillery_shells"].since is None
    # a list's commas do not part its things from the since that follows them
    listed = _by_item("Kyiv says the North has sent shells, rockets and missiles to Russia since October.")
    assert {c.since for c in listed.values()} == {"2024-10-01"}


def test_a_since_inside_a_where_clause_describes_the_place_not_the_transfer():
    text = (
        "Russia has given the North air-defence systems in return for troops sent to the Kursk region, "
        "where Ukrainian forces have held ground since August."
    )
    (claim,) = [c for c in extract_claims(text, PUB) if c.item == "air_defense"]
    assert claim.since is None


def test_a_report_published_or_released_on_a_day_and_yesterdays_word_date_the_statement():
    cases = {
        "In its annual assessment, published Tuesday, the agency said the North had sent 2,000 more soldiers.": (
            "2025-03-18"
        ),
        "The monitoring group released its second report Monday, saying ...": "2025-03-17",
        "The Pentagon confirmed yesterday that the soldiers had reached the front.": "2025-03-19",
        "According to a Ukrainian newspaper on Wednesday, the general said ...": "2025-03-19",
    }
    for text, day in cases.items():
        assert timerefs.statement_date(text, PUB) == dt.date.fromisoformat(day), text
    text = (
        "The Pentagon confirmed yesterday that North Korean soldiers had reached Kursk. "
        "About 2,000 more were on their way, the Pentagon said."
    )
    found = _by_item(text)
    assert found["troops"].as_of == "2025-03-19"


def test_something_done_or_said_earlier_this_month_runs_from_the_months_first_day():
    # an event told as "earlier this month", without a figure: since the month's first day, as_of publication
    fired = _by_item("Kyiv says Russia struck Odesa with North Korean ballistic missiles earlier this month.")
    assert (fired["ballistic_missiles"].since, fired["ballistic_missiles"].as_of) == ("2025-03-01", "2025-03-20")
    # a statement made earlier this month: the same stretch, whatever the kind
    said = _by_item("The Kremlin earlier this month called the reports of North Korean troops in Kursk a fabrication.")
    assert (said["troops"].since, said["troops"].as_of) == ("2025-03-01", "2025-03-20")
    # a weekday the sentence names still dates the statement; the month's first day still starts it
    dated = _by_item(
        "Missiles that hit Kharkiv earlier this month were made in North Korea, a Ukrainian prosecutor said Monday."
    )
    assert (dated["ballistic_missiles"].since, dated["ballistic_missiles"].as_of) == ("2025-03-01", "2025-03-17")
    # "this month" alone, or "earlier this year", is no such stretch
    assert timerefs.earlier_this_month("Shipments rose this month, Seoul said.", PUB) is None
    assert timerefs.earlier_this_month("The North fired missiles earlier this year.", PUB) is None


def test_a_repeat_told_earlier_this_month_does_not_lend_its_month_to_the_fact_it_repeats():
    # the same source tells of a strike, then of an earlier one: the repeat folds into the first claim,
    # and the month of the earlier telling does not become the start of the first
    text = (
        "Kyiv's military administration said a North Korean ballistic missile hit a depot overnight. "
        "Kyiv's military administration said earlier this month that North Korean ballistic missiles had struck "
        "the capital."
    )
    uses = [c for c in extract_claims(text, PUB) if c.kind == "battlefield_use"]
    assert [(c.source, c.since) for c in uses] == [("Kyiv city military administration", None)]


def test_a_day_of_the_month_told_as_an_ordinal_is_the_latest_such_day_before_publication():
    # PUB is 20 March 2025: the 12th is this month's, the 28th last month's
    assert timerefs.resolve_as_of("The spy agency claimed on the 12th that rockets went north.", PUB) == dt.date(
        2025, 3, 12
    )
    assert timerefs.statement_date("Kyiv's army said on the 28th that shells arrived.", PUB) == dt.date(2025, 2, 28)
    found = _by_item("Officials in Kyiv claimed on the 9th that Pyongyang had sent Moscow 400 containers of shells.")
    assert found["containers"].as_of == "2025-03-09"
    # near misses: a unit's number, a floor, an anniversary are no day of the month
    for text in (
        "The troops serve on the 11th Corps staff.",
        "Guests met on the 5th floor of the ministry.",
        "Kim spoke on the 75th anniversary of the party.",
    ):
        assert timerefs.resolve_as_of(text, PUB) is None, text


def test_last_autumn_and_the_other_seasons_run_three_months_and_have_ended():
    text = "Washington says the North moved some 9,000 soldiers to Russia last fall."
    found = _by_item(text)
    assert (found["troops"].since, found["troops"].as_of) == ("2024-09-01", "2024-11-30")
    # "last autumn" said in October means the autumn of the year before: this one has not ended
    october = dt.date(2025, 10, 8)
    assert timerefs.resolve_as_of("Crates went north last autumn.", october) == dt.date(2024, 11, 30)
    # the winter before a March article ended in February
    assert timerefs.resolve_since("Crates went north since last winter.", PUB) == dt.date(2024, 12, 1)


def test_a_half_of_the_year_is_a_period_its_figure_is_counted_over():
    text = "North Korea shipped some 2,000 containers to Russia in the first half of the year, Seoul's spy agency says."
    containers = _by_item(text, dt.date(2025, 9, 10))["containers"]
    assert (containers.since, containers.as_of) == ("2025-01-01", "2025-06-30")
    assert timerefs.period_start("Output rose in the second half of last year.", PUB) == dt.date(2024, 7, 1)
    # near miss: half of something else is no period
    assert timerefs.period_start("Half of the shells sent this spring were duds.", PUB) is None


def test_a_deadline_by_a_weekday_after_a_word_of_expectation_lies_ahead_and_dates_nothing():
    text = "Up to 3,000 North Korean soldiers are expected to reach the border by Friday, a Kyiv official said."
    assert _by_item(text)["troops"].as_of == "2025-03-20"
    # near miss: "had arrived by Friday" tells of a day gone by
    assert timerefs.resolve_as_of("Some 3,000 soldiers had arrived by Friday.", PUB) == dt.date(2025, 3, 14)


def test_a_time_phrase_in_another_clause_does_not_date_the_claim():
    # a relative clause on the country, and the grounds an agency cites, have dates of their own
    text = (
        "Washington says the North has sent 3,000 soldiers to Russia, which invaded Ukraine in February 2022, "
        "for its winter campaign."
    )
    troops = _by_item(text)["troops"]
    assert (troops.since, troops.as_of) == (None, "2025-03-20")
    text = (
        "Russia is believed to be helping the North build spy satellites, the agency said, citing a visit by Kim "
        "to a launch site in September."
    )
    assert _by_item(text)["satellite_technology"].as_of == "2025-03-20"
    text = "Pyongyang has shipped some 2,000 containers of shells to Russia, following a border clash last year, Seoul says."
    assert _by_item(text)["containers"].since is None


def test_a_time_phrase_dates_every_clause_it_opens_and_a_dash_parts_no_clause():
    # near misses: an opening "In August, ..." covers the relative clause; a dash is only an aside
    text = "In August, two freighters, which sailed from Rajin, carried 300 containers of shells to Vostochny."
    containers = _by_item(text)["containers"]
    assert (containers.since, containers.as_of) == ("2024-08-01", "2024-08-31")
    troops = _by_item("The North sent 3,000 soldiers to Russia - mostly sappers - in January, Seoul says.")["troops"]
    assert (troops.since, troops.as_of) == ("2025-01-01", "2025-01-31")
    # the same figure with its period in its own clause keeps it
    text = "Pyongyang has shipped some 2,000 containers of shells to Russia last year, Seoul says."
    assert _by_item(text)["containers"].since == "2024-01-01"


def test_what_came_days_before_the_news_is_dated_that_many_days_earlier():
    text = (
        "Seoul's spy agency said on Monday that 300 more North Korean soldiers had reached Kursk. "
        "The briefing came two days after Kyiv announced it had captured three North Korean soldiers."
    )
    found = _by_item(text)
    assert found["troops"].as_of == "2025-03-17"
    assert found["captured"].as_of == "2025-03-15"  # two days before Monday's briefing
    # a day that clause names itself stands
    text = "The offer came a day after Kyiv said on Tuesday that it had captured three North Korean soldiers."
    assert _by_item(text)["captured"].as_of == "2025-03-18"


def test_days_after_something_else_leave_the_claim_before_it_and_a_loose_after_alone():
    # near misses: the claim stands before the phrase; "two days after the battle began" tells no earlier news
    assert (
        _by_item("Seoul said 300 North Korean soldiers had reached Kursk, a day after a summit in Moscow.")[
            "troops"
        ].as_of
        == "2025-03-20"
    )
    text = "Kyiv announced it had captured three North Korean soldiers two days after the battle began."
    assert _by_item(text)["captured"].as_of == "2025-03-20"


def test_a_count_beginning_in_a_month_or_starting_on_a_day_runs_from_it_and_holds_today():
    text = "Seoul says the North has moved some 5,000 soldiers to Russia beginning in November."
    troops = _by_item(text)["troops"]
    assert (troops.since, troops.as_of) == ("2024-11-01", "2025-03-20")
    assert timerefs.resolve_since("Trains have carried shells north starting Feb. 3.", PUB) == dt.date(2025, 2, 3)
    # near miss: "the beginning of" a thing is no start of a count
    assert timerefs.resolve_since("Shells went north at the beginning of talks in May.", PUB) is None


def test_a_month_of_last_year_is_that_month_a_year_before():
    assert timerefs.resolve_as_of("The North put a satellite into orbit in November last year.", PUB) == dt.date(
        2024, 11, 30
    )
    assert timerefs.resolve_as_of("Ships carried 300 containers in March last year.", PUB) == dt.date(2024, 3, 31)
    assert timerefs.period_start("Ships carried 300 containers in March last year.", PUB) == dt.date(2024, 3, 1)
    # near miss: the month alone is the latest such month, here this one (up to publication)
    assert timerefs.resolve_as_of("Ships carried 300 containers in March.", PUB) == PUB
