"""Round 25, relevance: the gate's reading of the two sides' dealings, in our own sentences.

Each rule is read in several wordings, with the near misses it must keep out."""

from __future__ import annotations

import pytest

from monitor.claims.relevance import THRESHOLD, classify, could_be_relevant

# Sentences on nothing the gate looks for, to make an article long enough (ten sentences or more) that a lone
# mention of the subject counts as in passing.
FILLER = (
    "The city council met on Tuesday to discuss the new budget. "
    "Rain is expected over the weekend across much of the region. "
    "Local farmers said the harvest had been better than last year. "
    "A new bridge over the river will open in the spring. "
    "Schools reopened after the holiday with fewer pupils than before. "
    "The central bank kept its interest rate unchanged. "
    "Tourism numbers rose slightly over the summer months. "
    "A museum exhibition on ancient pottery drew large crowds. "
    "Prices of vegetables climbed for a third straight month. "
    "The national football team lost a friendly match on Sunday. "
)


def _long(sentence: str) -> str:
    return sentence + " " + FILLER


# -- Moscow's own term for the arms trade ----------------------------------------------------------------------

MILITARY_TECHNICAL = [
    "The Kremlin denied on Tuesday any military-technical cooperation with North Korea.",
    "Pyongyang and Moscow agreed to widen their military technical co-operation, the state agency said.",
    "Lavrov said Russia's military collaboration with the DPRK broke no law.",
]


@pytest.mark.parametrize("text", MILITARY_TECHNICAL)
def test_military_technical_cooperation_between_the_two_sides_is_the_subject(text: str) -> None:
    assert classify(None, text).relevant


def test_military_technical_cooperation_names_the_subject_in_a_title() -> None:
    title = "Moscow dismisses talk of military-technical cooperation with Pyongyang"
    body = _long("Officials in Moscow spoke to reporters on Friday about North Korea and the claims.")
    assert classify(title, body).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Russia and India renewed their military-technical cooperation for another decade.",
        "A North Korean delegation toured a military-technical forum outside Moscow.",
    ],
)
def test_military_technical_words_without_both_sides_or_a_dealing_are_not_the_subject(text: str) -> None:
    assert not classify(None, text).relevant


# -- what Russia gives back, stated once in a long article -----------------------------------------------------

RUSSIA_HANDS_OVER = [
    "Moscow has resumed supplying fuel to Pyongyang, a United Nations panel said.",
    "Russia quietly shipped wheat and refined oil to North Korea in March, customs records show.",
    "Moscow has provided the North with air-defence systems, according to a lawmaker in Seoul.",
    "The Kremlin obtained millions of shells from Pyongyang last year, analysts wrote.",
]


@pytest.mark.parametrize("sentence", RUSSIA_HANDS_OVER)
def test_a_transfer_told_from_russias_end_is_no_mention_in_passing(sentence: str) -> None:
    assert classify(None, _long(sentence)).relevant


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has not sent any fuel to North Korea, the Kremlin insisted.",
        "Moscow shipped grain to Syria while North Korea watched the war in Ukraine.",
    ],
)
def test_no_handing_over_to_the_north_stays_in_passing(sentence: str) -> None:
    result = classify(None, _long(sentence))
    assert result.score < THRESHOLD


# -- a spy satellite is no spying -----------------------------------------------------------------------------

SPY_SATELLITE = [
    "Russian engineers travelled to North Korea to help with its spy satellite programme, Seoul said.",
    "Moscow is helping Pyongyang build spy satellites in exchange for shells, officials believe.",
    "North Korea's new spy satellite carries a camera supplied by Russia, analysts said.",
]


@pytest.mark.parametrize("text", SPY_SATELLITE)
def test_russian_help_with_a_spy_satellite_is_the_subject(text: str) -> None:
    assert classify(None, text).relevant


def test_spies_are_still_spying() -> None:
    text = "A North Korean spy was caught stealing missile plans from a Russian arms maker, investigators said."
    assert not classify(None, text).relevant


def test_a_launch_of_the_norths_own_satellite_beside_a_word_on_russia_is_no_pair() -> None:
    text = (
        "Putin and Kim signed a pact in June that alarmed Tokyo. "
        "Tokyo also noted Pyongyang's missile tests and its ambition to launch a spy satellite."
    )
    assert not classify(None, text).relevant


# -- passing mentions do not add up ---------------------------------------------------------------------------


def test_several_passing_mentions_do_not_make_an_article_relevant() -> None:
    text = (
        "The defence review listed China's military activities, Russia's war and North Korea's nuclear weapons. "
        "It named Russia's military ties with China and North Korea as a worry. "
        "It also noted that Beijing and Moscow held joint drills near Pyongyang's border with new missiles. "
        "The paper will be debated in parliament next month."
    )
    assert not classify(None, text).relevant


def test_a_transfer_beside_passing_mentions_still_counts() -> None:
    text = (
        "The review named Russia's military ties with China and North Korea as a worry. "
        "It said North Korea has shipped millions of shells to Russia."
    )
    assert classify(None, text).relevant


# -- science and technology is a civilian field ---------------------------------------------------------------

CIVILIAN_TECHNOLOGY = [
    "A Russian-North Korean commission on trade, science and technology met in Pyongyang on Thursday.",
    "Moscow and Pyongyang pledged to deepen exchanges in education, culture, science and technology.",
    "The Russian minister and his North Korean counterpart discussed sciences and technologies at the session.",
]


@pytest.mark.parametrize("text", CIVILIAN_TECHNOLOGY)
def test_science_and_technology_is_not_military_technology(text: str) -> None:
    assert not classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Russia is handing North Korea missile technology in return for troops, Seoul says.",
        "Moscow may share space technology with Pyongyang, the minister said.",
    ],
)
def test_technology_between_the_two_sides_is_still_the_subject(text: str) -> None:
    assert classify(None, text).relevant


# -- near misses held further from the line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Putin gave his final stamp of approval to the partnership treaty with North Korea on Saturday.",
        "The Duma gave the green light to the pact with Pyongyang, and Putin signed it the same day.",
        "Putin gave his assent to the treaty with North Korea, the Kremlin said.",
    ],
)
def test_a_leaders_assent_to_a_treaty_is_no_giving_of_arms(text: str) -> None:
    assert classify(None, text).score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "South Korea, a large artillery ammunition producer, is wary of Russia's sway over North Korea.",
        "Seoul, home to big shell makers, has kept quiet about Moscow's ties to Pyongyang.",
    ],
)
def test_an_arms_producer_named_in_passing_is_no_transfer(text: str) -> None:
    assert classify(None, text).score == 0.0


def test_arms_for_ukraine_beside_a_word_on_the_two_sides_is_no_pair() -> None:
    text = (
        "Seoul said for the first time that it may send weapons to Ukraine. "
        "It has long been wary of Moscow's influence over North Korea."
    )
    assert not classify(None, text).relevant


@pytest.mark.parametrize("text", MILITARY_TECHNICAL + RUSSIA_HANDS_OVER + SPY_SATELLITE)
def test_the_gate_lets_through_what_the_classifier_reads(text: str) -> None:
    assert could_be_relevant(None, text)


# -- the movement and the goods in other words -----------------------------------------------------------------

OTHER_WORDS = [
    "Russia dispatched dozens of rocket experts to Pyongyang after the summit, Seoul's spy agency said.",
    "Russian technicians have been seen at North Korea's launch site since the autumn.",
    "Putin pledged to help North Korea with its space programme during the talks.",
    "Shoigu thanked North Korean military personnel for their part in retaking Kursk.",
]


@pytest.mark.parametrize("text", OTHER_WORDS)
def test_other_words_for_what_moves_are_the_subject(text: str) -> None:
    assert classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Moscow dispatched a delegation to Pyongyang for the anniversary celebrations.",
        "Russia dispatched its envoy to North Korea with a letter from Putin.",
    ],
)
def test_a_delegation_dispatched_is_a_courtesy(text: str) -> None:
    assert not classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Moscow thanked Pyongyang for the fighters who helped free Kursk.",
        "Korean People's Army fighters took part in the battles for the Kursk region, the Kremlin said.",
        "Putin praised the courage of the North Korean fighters in Kursk.",
    ],
)
def test_fighters_are_soldiers(text: str) -> None:
    assert classify(None, text).relevant


# -- the spy agency reports; it does not spy --------------------------------------------------------------------

SPY_AGENCY = [
    "Russia has handed North Korea air-defence systems, Seoul's spy agency said on Tuesday.",
    "Moscow is giving Pyongyang satellite know-how, South Korea's spy chief told lawmakers.",
    "According to the spy service in Seoul, Russia handed North Korea air-defence systems.",
]


@pytest.mark.parametrize("text", SPY_AGENCY)
def test_a_transfer_reported_by_a_spy_agency_is_no_cyber_story(text: str) -> None:
    assert classify(None, text).score > 0.6


# -- other stories listed at the end of a page ------------------------------------------------------------------


def test_a_headline_under_related_coverage_at_the_end_is_not_the_article() -> None:
    body = (
        "Trade between Beijing and Pyongyang fell last year, customs figures showed on Saturday.\n\n"
        "The two neighbours had planned celebrations for their anniversary, but they were cut short.\n\n"
        "Exports of hair products and wigs made up most of the total, the data showed.\n\n"
        "Related coverage:\n\n"
        "Seoul says North Korean troops in Russia now number 12,000\n"
    )
    assert not classify(None, body).relevant
