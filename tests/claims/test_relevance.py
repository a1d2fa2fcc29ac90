"""Relevance: both sides and the arms topic, near each other; near misses rejected."""

from __future__ import annotations

import pytest

from monitor.claims.relevance import classify

RELEVANT = [
    (
        "North Korea ships more shells to Russia",
        "North Korea has sent more artillery shells to Russia, South Korea's spy agency said on Thursday.",
    ),
    (None, "Ukrainian forces captured two North Korean soldiers in the Kursk region, officials in Kyiv said."),
    (
        "Pantsir systems seen near Pyongyang",
        "Satellite images show air-defence systems delivered by Moscow. Analysts say they were given to Pyongyang.",
    ),
    (None, "Russia fired a North Korean KN-23 missile at Kharkiv overnight, Ukraine's prosecutors said."),
    (
        "Russian oil deliveries to N. Korea top 1 million barrels",
        "Russian oil deliveries to N. Korea top 1 million barrels",
    ),
]

NEAR_MISSES = [
    (
        None,
        "North Korea test-fired a ballistic missile into the sea on Monday, Japan's defence ministry said. "
        "The launch was the third this month, and the missile flew about 600 kilometres.",
    ),
    (
        None,
        "Iran has delivered hundreds of Shahed drones to Russia, which launches them at Ukrainian cities every night.",
    ),
    (None, "South Korea's Hanwha will build K9 howitzers in Poland under a new export deal worth billions of dollars."),
    (
        None,
        "North Korean hackers stole $1.5 billion in crypto, the FBI said, laundering it through thousands of wallets.",
    ),
    (None, "Trade between Russia and China reached a record, with oil, coal and cars flowing across the border."),
    (None, "A Czech-led initiative delivered 1.5 million shells to Ukraine this year, officials in Prague said."),
]


@pytest.mark.parametrize("title, text", RELEVANT)
def test_relevant(title, text):
    r = classify(title, text)
    assert r.relevant and 0.5 <= r.score <= 1.0
    assert r.evidence


@pytest.mark.parametrize("title, text", NEAR_MISSES)
def test_near_misses(title, text):
    r = classify(title, text)
    assert not r.relevant, r
    assert 0.0 <= r.score < 0.5


def test_sides_in_neighbouring_sentences_count_less_than_one_sentence():
    together = classify(None, "North Korea sent shells to Russia.")
    apart = classify(None, "North Korea is under sanctions. Russia needs shells for its war.")
    assert together.score > apart.score


def test_evidence_is_the_sentences_that_earned_the_score():
    text = (
        "The weather was mild. North Korea shipped containers of munitions to Russia, the White House said. "
        "Markets were calm."
    )
    r = classify(None, text)
    assert r.evidence == ["North Korea shipped containers of munitions to Russia, the White House said."]


def test_more_evidence_raises_the_score():
    one = classify(None, "North Korea sent troops to Russia.")
    three = classify(
        None, "North Korea sent troops to Russia. Russia got shells from North Korea. Pyongyang gave Moscow missiles."
    )
    assert three.score > one.score


def test_html_input():
    html = (
        "<html><body><article><p>North Korea sent 10,000 troops to Russia's Kursk region.</p></article></body></html>"
    )
    assert classify(None, html).relevant


def test_empty_text():
    r = classify(None, "")
    assert not r.relevant and r.score == 0.0 and r.evidence == []


def test_a_passing_mention_in_a_long_article_is_not_enough():
    drones = "Iran has delivered hundreds of Shahed drones to Russia, officials said. " + " ".join(
        f"Drone attack number {i} hit a Ukrainian city overnight, the air force said." for i in range(12)
    )
    passing = drones + " Russia has also turned to North Korea for artillery shells."
    assert not classify(None, passing).relevant
    # the same sentences in a short item are the story
    assert classify(None, "Russia has also turned to North Korea for artillery shells.").relevant
    # and a title on the subject backs the long article up
    assert classify("North Korean shells for Russia", passing).relevant


# --- near misses that name both sides (added with the held-out batches) -----------------------


@pytest.mark.parametrize(
    "title, text",
    [
        (
            None,
            "Kim Jong Un and Vladimir Putin watched as China paraded new hypersonic missiles through Beijing on Wednesday.",
        ),
        (
            None,
            "Seoul said it may start supplying weapons to Ukraine after Putin and Kim Jong Un signed their defence pact.",
        ),
        (None, "Iran has sent Russia hundreds of drones and missiles. Unlike North Korea, it has not sent soldiers."),
    ],
)
def test_both_sides_named_but_the_arms_are_someone_elses(title, text):
    assert not classify(title, text).relevant


def test_north_korea_moving_arms_beside_a_third_country_stays_relevant():
    r = classify(
        None, "Like Iran, North Korea has shipped millions of artillery shells to Russia, officials in Seoul say."
    )
    assert r.relevant


def test_prisoners_of_war_are_the_subject_too():
    assert classify(
        "Zelensky: Ukraine holds two more North Korean POWs", "Zelensky: Ukraine holds two more North Korean POWs"
    ).relevant
