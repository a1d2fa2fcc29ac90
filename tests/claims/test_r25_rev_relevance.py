"""Review of round 25's relevance line: where its widened patterns let in what they were not written for.

Each near miss is a short article of our own that the gate must keep out; beside it, the wordings the rule was
written for, which it must still let in."""

from __future__ import annotations

import pytest

from monitor.claims.relevance import THRESHOLD, classify
from monitor.claims.textclean import clean

# Sentences on nothing the gate looks for, to make an article long enough (ten sentences or more) that a lone
# mention of the subject counts as in passing.
FILLER = (
    "The harbour authority repainted its cranes over the winter. "
    "A choir from the capital toured three provincial towns. "
    "Bus fares will rise by a small amount in the new year. "
    "The library extended its opening hours on weekdays. "
    "Snow closed two mountain passes for most of Thursday. "
    "A local bakery won a prize for its rye bread. "
    "The post office moved to a larger building downtown. "
    "Cyclists asked the city for more lanes near the park. "
    "A film festival opened with a comedy about a lost dog. "
    "The zoo welcomed two penguin chicks this month. "
)


def _long(sentence: str) -> str:
    return sentence + " " + FILLER


# -- soldiers by any name on parade -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korean fighters marched through Red Square in the victory parade, watched by Putin.",
        "Putin reviewed a parade in Moscow in which North Korean military personnel marched beside Russian cadets.",
        "Pyongyang's fighters were on display at the anniversary parade in Moscow on Friday.",
    ],
)
def test_fighters_and_military_personnel_on_parade_are_on_show(text: str) -> None:
    assert not classify(None, text).relevant


def test_fighters_at_a_parade_of_veterans_from_kursk_are_news() -> None:
    text = "North Korean fighters back from Kursk marched in a parade in Pyongyang, with Russian officers watching."
    assert classify(None, text).relevant


# -- a space programme is the subject only as help given --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia's space programme has stalled under sanctions, a North Korean newspaper gloated.",
        "Moscow's space sector has lost its Western partners, North Korean state media noted.",
        "Russia's space industry is shrinking, and North Korea's leader has not commented.",
    ],
)
def test_russias_own_space_industry_is_not_the_subject(text: str) -> None:
    assert classify(None, text).score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Moscow has offered Pyongyang help with its space programme.",
        "Russia pledged assistance to North Korea in the space sector after the summit.",
        "Russia and North Korea agreed to cooperate on space projects, the Kremlin said.",
        "Putin promised Kim support for the North's space industry.",
    ],
)
def test_help_to_the_norths_space_programme_is_the_subject(text: str) -> None:
    assert classify(None, text).relevant


# -- military cooperation with a third country ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia extended its military-technical cooperation with India, as North Korea looked on.",
        "Moscow's military ties with Vietnam are decades older than its treaty with Pyongyang.",
        "Lavrov praised Russia's military cooperation with Myanmar a week after his trip to North Korea.",
    ],
)
def test_russias_military_cooperation_with_another_country_is_not_the_subject(text: str) -> None:
    assert not classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Russia's military-technical cooperation with North Korea alarms Seoul.",
        "Moscow wants closer military ties with Pyongyang, the minister said.",
        "The Kremlin praised its military cooperation with the DPRK.",
        "Pyongyang and Moscow deepened their military cooperation.",
    ],
)
def test_military_cooperation_between_the_two_sides_is_still_the_subject(text: str) -> None:
    assert classify(None, text).relevant


# -- what Russia hands over: goods, from Russia, to the North ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia sent a group of tourists to the North's new beach resort.",
        "Moscow sent a youth football team to Pyongyang for a friendly match.",
        "Russia is dispatching a circus troupe to North Korea for the new year.",
    ],
)
def test_people_sent_on_a_visit_in_a_long_article_stay_in_passing(sentence: str) -> None:
    assert classify(None, _long(sentence)).score < THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia said the United States had sent weapons to South Korea and Japan, not to North Korea.",
        "Moscow accused Seoul of sending propaganda leaflets to North Korea by balloon and drone.",
        "Russia claims that Ukraine sold missile engines to North Korea decades ago.",
    ],
)
def test_another_country_handing_over_in_russias_words_stays_in_passing(sentence: str) -> None:
    assert classify(None, _long(sentence)).score < THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia said it had sent refined oil to North Korea under the new treaty.",
        "Moscow delivered tonnes of flour to Pyongyang last month.",
        "Russia has given the North air-defence systems, according to a lawmaker in Seoul.",
    ],
)
def test_russia_handing_over_goods_in_a_long_article_still_counts(sentence: str) -> None:
    assert classify(None, _long(sentence)).relevant


# -- a paragraph that names related coverage is still the article ---------------------------------------------


def test_a_paragraph_that_mentions_related_coverage_does_not_end_the_page() -> None:
    body = (
        "Seoul's defence ministry held a briefing on Monday about the border.\n\n"
        "Officials spoke about the weather and the roads for most of an hour.\n\n"
        "Related coverage of the briefing ran on all the main channels.\n\n"
        "North Korea has sent thousands of troops to Russia, the ministry said at the end.\n"
    )
    assert "sent thousands of troops" in clean(body).text


# -- a satellite launched, and Russia's help with it told in the next sentence -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang launched a reconnaissance satellite on Monday. Seoul believes Moscow helped after the summit.",
        "North Korea launched a military satellite at last. Officials in Seoul credited Russian assistance.",
        "The North test-fired a new engine for its satellite rocket. Analysts see Russia's help behind the progress.",
    ],
)
def test_a_satellite_launch_beside_russian_help_is_a_pair(text: str) -> None:
    assert classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "North Korea launched a spy satellite on Monday. Russia's foreign ministry declined to comment.",
        "Putin and Kim met in the spring. A month later Pyongyang launched a satellite of its own.",
    ],
)
def test_a_satellite_launch_beside_a_mere_word_on_russia_is_no_pair(text: str) -> None:
    assert not classify(None, text).relevant


# -- a box of related stories mid-article, with the story going on after it ------------------------------------

BRIEFING = (
    "South Korea's defence ministry briefed lawmakers on Monday about the situation along the border.\n\n"
    "The ministry said its forces were on alert after a series of drills by the North.\n\n"
    "Lawmakers asked about the cost of new radar stations along the coast.\n\n"
    "Several members wanted to know when the new patrol boats would arrive.\n\n"
    "Officials said the first two would be delivered to the navy in the spring.\n\n"
)


@pytest.mark.parametrize("heading", ["Related coverage", "Related Posts:", "Related stories"])
def test_a_related_box_late_in_an_article_does_not_cut_the_story_after_it(heading: str) -> None:
    body = (
        BRIEFING + f"{heading}\n"
        "Seoul and Tokyo hold talks on fishing rights\n"
        "Heavy snow closes schools in the east\n\n"
        "North Korea has shipped millions of shells to Russia, the ministry added.\n"
    )
    text = clean(body).text
    assert "fishing rights" not in text
    assert "shipped millions of shells" in text
    assert classify(None, body).relevant


def test_a_related_list_that_ends_the_page_is_still_cut() -> None:
    body = (
        BRIEFING + "Related coverage:\n\n"
        "Seoul says North Korean troops in Russia now number 12,000\n\n"
        "Moscow and Pyongyang sign a new shipping deal\n"
    )
    assert "troops in Russia" not in clean(body).text
    assert not classify(None, body).relevant


# -- an assent named before the sending is no courtesy sent ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "With the leader's approval, North Korea sent thousands more to Russia in the autumn.",
        "Under the Kremlin's blessing, Pyongyang has sent a further 3,000 men to Russia.",
        "Once Kim had given the go-ahead, the North dispatched a second contingent to Russia.",
    ],
)
def test_a_sending_after_an_assent_is_still_the_subject(text: str) -> None:
    assert classify(None, text).relevant
