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


# -- near misses of the reldev round: both sides named, nothing moves between them -----------------


@pytest.mark.parametrize(
    "title, text",
    [
        (
            "Moscow shrugs off Pyongyang's latest missile tests",
            "The Kremlin said its partnership with North Korea was its own business after the North's missile tests.",
        ),
        (
            None,
            "Pyongyang launched a solid-fuel missile on Tuesday, state media said. "
            "Russian officials said the missile came down inside Russia's economic zone.",
        ),
        (
            None,
            "Kim Jong Un oversaw the test-firing of a new cruise missile, days after meeting a Russian delegation.",
        ),
    ],
)
def test_north_koreas_own_weapons_tests_are_not_transfers(title, text):
    assert not classify(title, text).relevant


@pytest.mark.parametrize(
    "title, text",
    [
        (
            "Researchers: North Korean hackers broke into a Russian missile maker",
            "Hackers working for North Korea spent months inside the network of a Russian missile maker, "
            "security researchers said.",
        ),
        (
            "Pyongyang's spies go after Moscow's weapons technology",
            "Analysts say the cyber campaign shows North Korea will target even a friendly state to obtain technology. "
            "Russia's arms company declined to comment.",
        ),
        (
            None,
            "North Korean hackers are moving stolen coins through Russian exchanges. "
            "Investigators say funds sent to those exchanges are rarely recovered from Russia.",
        ),
    ],
)
def test_hacking_and_spying_between_the_two_are_not_transfers(title, text):
    assert not classify(title, text).relevant


def test_a_party_called_the_workers_party_is_not_labourers():
    text = "Kim Jong Un, general secretary of the Workers' Party of Korea, thanked Russia for the greetings."
    assert not classify(None, text).relevant


def test_a_weapon_that_names_a_company_or_a_programme_is_not_the_subject():
    assert not classify(None, "Putin and Kim Jong Un toured the rocket assembly halls of a Russian spaceport.").relevant


def test_north_korea_launching_a_missile_it_sold_to_russia_stays_relevant():
    text = "Russia launched North Korean KN-23 missiles at Kyiv, after Pyongyang shipped dozens of them to Moscow."
    assert classify(None, text).relevant


def test_a_hacking_story_that_also_reports_shells_sent_stays_relevant():
    text = "While its hackers hit banks abroad, North Korea has shipped more artillery shells to Russia, Seoul said."
    assert classify(None, text).relevant


def test_a_trade_stated_once_in_a_long_article_on_something_else_still_counts():
    filler = [f"The missile test number {n} drew condemnation from Tokyo and Seoul." for n in range(12)]
    trade = "Officials said Moscow is giving Pyongyang space know-how in exchange for North Korean soldiers."
    r = classify("A new missile test", " ".join([*filler[:6], trade, *filler[6:]]))
    assert r.relevant


def test_a_passing_mention_without_a_trade_in_a_long_article_still_counts_for_less():
    filler = [f"The missile test number {n} drew condemnation from Tokyo and Seoul." for n in range(12)]
    mention = "Analysts recalled that North Korea has sent Russia weapons before."
    r = classify("A new missile test", " ".join([*filler[:6], mention, *filler[6:]]))
    assert not r.relevant


def test_in_a_story_titled_on_a_hack_neighbouring_sentences_count_as_in_passing():
    title = "North Korean hackers raid a Russian rocket maker"
    text = (
        "The isolated country is willing to target even friends such as Russia to get important technologies, "
        "experts said. Neither the Russian company nor North Korea's embassy commented."
    )
    assert not classify(title, text).relevant
    assert classify("Experts comment", text).relevant  # the same pair under a plain title


@pytest.mark.parametrize(
    "text",
    [
        "Putin decided to send officials to greet Kim Jong Un when his train reached the Russian border.",
        "Audiences in Pyongyang gave a long standing ovation to a Russian ballet troupe on Sunday.",
        "Russia's envoy delivered Putin's warm greetings to Kim Jong Un at a reception in Pyongyang.",
    ],
)
def test_the_courtesies_of_a_visit_are_not_things_sent(text):
    assert not classify(None, text).relevant


def test_troops_sent_with_officials_are_still_sent():
    assert classify(None, "North Korea sent troops and officials to Russia's Kursk region, Seoul said.").relevant


# -- reldev2 (session 10): one stated transfer in a long article; a launch into the sea -------------

_BRIDGE_FILLER = [f"Work on pier number {n} of the new road bridge went on through the week." for n in range(12)]


def _long(sentence: str) -> str:
    return " ".join([*_BRIDGE_FILLER[:6], sentence, *_BRIDGE_FILLER[6:]])


@pytest.mark.parametrize(
    "sentence",
    [
        "The old rail line has carried North Korean shells to Russia for its war on Ukraine since 2023.",
        "The vote came amid claims that Pyongyang shipped rockets to Moscow to use against Ukraine.",
        "Pyongyang has given Moscow military help in exchange of oil and grain, analysts say.",
        "The monitors' report covers cooperation between Russia and the DPRK, including North Korean arms transfers.",
    ],
)
def test_a_transfer_stated_outright_is_no_passing_mention(sentence):
    assert classify("A bridge across the border river", _long(sentence)).relevant


def test_a_statement_of_the_transfer_made_earlier_is_no_passing_mention():
    # the word of time past dates the statement, not the transfer
    sentence = "Earlier, the White House said North Korea had delivered a thousand containers of arms to Russia."
    assert classify("A bridge across the border river", _long(sentence)).relevant


@pytest.mark.parametrize(
    "sentence",
    [
        "Some recalled that North Korea has sold Russia rockets in the past.",  # no war named: background
        "Seoul said North Korea had sold Russia rockets before.",  # the transfer itself told as background
        "Iran has sent Russia drones for its war in Ukraine, a diplomat in North Korea's capital said.",
    ],
)
def test_a_passing_mention_that_states_less_still_counts_for_less(sentence):
    assert not classify("A bridge across the border river", _long(sentence)).relevant


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired two short-range missiles toward the sea on Friday, as Kim prepared to meet Putin in Russia.",
        "Pyongyang fired a missile into the Sea of Japan, days after Russia's envoy visited. North Korean weapons "
        "testing has grown since Russia invaded Ukraine.",
    ],
)
def test_a_missile_fired_into_the_sea_is_north_koreas_own_launch(text):
    r = classify(None, text)
    assert r.score < 0.5


def test_north_korean_missiles_fired_at_the_front_are_still_the_subject():
    text = "North Korea fired missiles toward Ukrainian lines from Russia's Kursk region, Kyiv said; none fell into the sea."
    assert classify(None, text).relevant


# -- reldev2: words that look like the subject and are not ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un read out a message sent by Vladimir Putin at the banquet for the Russian guests.",
        "Putin's offer came in a letter to Kim Jong Un delivered on Friday through Russia's embassy in Pyongyang.",
        "The US envoy delivered a joint statement on North Korea after Russia and China blocked the council.",
    ],
)
def test_courtesies_named_before_the_verb_are_not_things_sent(text):
    assert not classify(None, text).relevant


def test_a_letter_that_reports_shells_sent_still_counts():
    text = "In a letter to Putin, Kim Jong Un said North Korea had sent Russia more shells."
    assert classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Russia's defence minister watched North Korean missiles and drones roll past at a night parade in Pyongyang.",
        "Kim showed the Russian delegation new rockets at an arms exhibition on the eve of the parade.",
        "Amid the march of North Korean troops and a display of military hardware, Shoigu saluted beside Kim.",
    ],
)
def test_arms_on_show_at_a_parade_or_exhibition_move_nowhere(text):
    assert not classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops back from Russia's Kursk region marched in a parade in Pyongyang on Sunday.",
        "At the parade, Kim displayed the same missiles North Korea has sent to Russia.",
    ],
)
def test_a_parade_that_tells_of_the_transfer_stays_relevant(text):
    assert classify(None, text).relevant


@pytest.mark.parametrize(
    "text",
    [
        "Given Russia's talks with North Korea, analysts expect more visits by Putin.",
        "Seoul is worried about Moscow's ties with Pyongyang, given the missile tests this year.",
    ],
)
def test_given_in_the_sense_of_considering_is_no_transfer(text):
    assert not classify(None, text).relevant


def test_given_as_a_passive_transfer_still_counts():
    assert classify(None, "Pyongyang was given the blueprints by Moscow, officials in Seoul said.").relevant


def test_a_need_for_shells_is_not_shells_moved():
    text = "Experts say Russia's urgent need for artillery shells explains its courtship of North Korea."
    assert not classify(None, text).relevant


def test_a_need_met_by_north_korean_shipments_is_the_subject():
    text = "Russia's need for shells is being met by North Korea, which has shipped millions of them, Seoul says."
    assert classify(None, text).relevant


def test_north_koreas_arms_after_a_possessive_are_a_noun_not_the_north_arming_anyone():
    text = (
        "Given Russia's need for ammunition, Kim's choice to show Shoigu North Korea's arms factories worried experts."
    )
    assert not classify(None, text).relevant


def test_receiving_a_delegation_is_a_courtesy_not_a_delivery():
    assert not classify(None, "Kim Jong Un received the Russian delegation and its leader in Pyongyang.").relevant


def test_receiving_air_defence_systems_is_still_a_delivery():
    assert classify(None, "North Korea received Russian air-defence systems, Seoul's spy agency said.").relevant


# The names round 17 taught the lexicon are the subject matter too: with both sides named beside them, the sentence
# is on the transfers though no verb of sending or a general weapon word is in it.
@pytest.mark.parametrize(
    "text",
    [
        "North Korean de-miners are clearing fields in Russia's Kursk region, Seoul says.",
        "Pyongyang's construction battalions are rebuilding a town in Kursk for Moscow, Seoul says.",
        "North Korean Iskanders struck Kyiv overnight as Russia pressed its offensive.",
        "Kyiv says North Korean Koksans and MLRS now fire on its positions for Russia.",
        "North Korean artillerymen man Russian guns near Kursk, officials say.",
        "Officials in Seoul believe Moscow is helping Pyongyang buy S-400s and Sukhoi fighters.",
    ],
)
def test_the_norths_weapons_people_and_russias_systems_by_name_are_the_topic(text):
    assert classify(None, text).relevant, text


def test_a_grad_student_is_no_launcher():
    assert not classify(None, "A grad student in Moscow wrote a thesis on North Korea's economy.").relevant
