"""Round 24, sources (session 18): who tells a claim, by the structure that names the teller rather than by the
teller's wording.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it
(another verb, another order, another clause structure), with a near miss where the family has one.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)


def _found(text: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(c.kind, c.source) for c in extract_claims(text, PUB, title=title)}


# -- evidence put before the public: its publisher tells what it shows ----------------------------------------------


def test_whoever_releases_footage_or_evidence_tells_what_it_shows():
    for text, kind, source in (
        (
            "Kyrylo Budanov has published footage of North Korean soldiers taken prisoner near Kursk.",
            "casualties",
            "Ukraine HUR",
        ),
        (
            "On Tuesday the Pentagon presented new evidence that Pyongyang had shipped ballistic missiles to Moscow.",
            "shipment",
            "Pentagon",
        ),
        (
            "NK News has shared new photos suggesting that the North shipped artillery shells to Russia by sea.",
            "shipment",
            "NK News",
        ),
        (
            "The SBU released important details showing that North Korea sent artillery shells to Russia by rail.",
            "shipment",
            "Ukraine SBU",
        ),
        (
            "Ukraine's prosecutors gave proof that Russia fired North Korean missiles at Kyiv in January.",
            "battlefield_use",
            "Ukraine Prosecutor General",
        ),
    ):
        assert (kind, source) in _found(text), text


def test_goods_handed_over_are_not_evidence_shown():
    # "provided data", "shared technology": things handed over, whose giver tells nothing by giving them
    for text in (
        "Russia provided data that helped the North guide its missiles better.",
        "Moscow shared satellite technology with Pyongyang after the summit.",
    ):
        assert all(source == "outlet" for _, source in _found(text)), text


# -- a sentence that credits the lede by pointing back with "this" --------------------------------------------------


def test_a_verb_of_saying_with_this_as_its_object_credits_the_lede():
    lede = "Russia fired three North Korean missiles at Kharkiv overnight."
    for credit in (
        "The city's police chief said this in a post on Telegram, the National Police of Ukraine reported.",
        "Ukraine's national police told about this in a morning briefing.",
        "According to a regional outlet, the National Police confirmed this on Facebook.",
    ):
        assert ("battlefield_use", "Ukraine police") in _found(lede + " " + credit), credit


def test_the_credit_may_come_after_a_detail_of_the_event_in_the_same_paragraph():
    text = (
        "North Korean missiles have hit the Kharkiv region for the first time. "
        "The strike fell on a Tuesday morning in a northern district. "
        "The prosecutor of the Kharkiv region spoke about this on national television."
    )
    assert ("battlefield_use", "Kharkiv Oblast Prosecutor's Office") in _found(text)


def test_this_opening_a_time_is_no_credit():
    # "said this week", "reported this Monday": "this" opens a time, not the lede's fact
    lede = "Russia fired three North Korean missiles at Kharkiv overnight."
    for credit in (
        "Budanov said this week that more launchers were on their way.",
        "The Pentagon reported this Monday that the debris was being studied.",
    ):
        sources = {source for kind, source in _found(lede + " " + credit) if kind == "battlefield_use"}
        assert sources == {"outlet"}, credit


def test_a_lede_credited_to_a_teller_who_tells_it_again_folds_with_that_telling():
    # The lede's fact told again by the same teller in a quotation, while another teller counts the same kind of
    # fact: the lede is its credited teller's, and folds with that teller's own restatement.
    text = (
        "A North Korean missile has been confirmed among those fired at Kharkiv.\n"
        "The prosecutor of the Kharkiv region told about this on television.\n"
        '"There is one recorded case of a North Korean missile used against Kharkiv," the prosecutor said.\n'
        "Separately, Budanov said Russia fired at least 40 North Korean missiles at Ukraine in January."
    )
    found = [(c.kind, c.source, c.quantity) for c in extract_claims(text, PUB) if c.kind == "battlefield_use"]
    assert ("battlefield_use", "Kharkiv Oblast Prosecutor's Office", None) in found
    assert ("battlefield_use", "outlet", None) not in found


# -- names of tellers (the shared source lexicon) ----------------------------------------------------------------


def test_more_names_of_tellers():
    for text, source in (
        ("The DIU reports that North Korea will send 6,000 more workers to Russia.", "Ukraine HUR"),
        (
            "According to the Kharkiv regional prosecutor's office, Russia fired a North Korean missile.",
            "Kharkiv Oblast Prosecutor's Office",
        ),
        ("NK News reported that Russian ships carried North Korean shells from Rajin.", "NK News"),
        ("The National Police said Russia struck Kharkiv with North Korean missiles.", "Ukraine police"),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_the_polices_main_directorate_is_no_intelligence_service():
    text = (
        "An official of the main directorate of the National Police in the Sumy region said Russia fired North "
        "Korean missiles at the city."
    )
    assert ("battlefield_use", "Ukraine police") in _found(text)


# -- a teller named again by a role alone ------------------------------------------------------------------------


def test_a_role_named_again_points_back_at_the_teller_wherever_it_stands():
    opening = "Zelensky spoke to reporters in Kyiv on Monday. "
    for second in (
        "According to the head of state, North Korea has sent 3,000 more soldiers to Russia.",
        "North Korea has sent 3,000 more soldiers to Russia, the head of state added.",
        "The head of state also said that 3,000 more North Korean soldiers had gone to Russia.",
        "The Ukrainian leader said North Korea has sent 3,000 more soldiers to Russia.",
    ):
        assert ("troop_deployment", "Ukraine President") in _found(opening + second), second


def test_a_prosecutor_or_a_paper_named_again_points_back_too():
    for text, source in (
        (
            "The Kharkiv region prosecutor's office examined the debris on Monday. According to the prosecutor, "
            "Russia fired a North Korean missile at the city.",
            "Kharkiv Oblast Prosecutor's Office",
        ),
        (
            "The Financial Times published its investigation on Friday. The British daily says North Korea has "
            "sent Russia 50 self-propelled howitzers.",
            "Financial Times",
        ),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_seouls_own_security_council_is_the_presidential_office():
    text = "South Korea's National Security Council said North Korea has sent troops to Russia."
    assert ("troop_deployment", "South Korea presidential office") in _found(text)


# -- a later clause with a teller of its own -----------------------------------------------------------------------

_TROOPS_THERE = "About 12,000 North Korean soldiers have been sent to Russia, Seoul said on Monday. "


def test_a_count_told_in_a_later_clause_goes_to_that_clauses_teller():
    for second, item, source in (
        (
            "Seoul's spy agency said 100 of them were killed, and Ukraine's military intelligence said 3,000 were "
            "wounded.",
            "wounded",
            "Ukraine HUR",
        ),
        (
            "The JCS counted at least 1,100 of them dead or wounded, while the Pentagon reported some 300 killed.",
            "killed",
            "Pentagon",
        ),
        (
            "Budanov said 1,100 of them had been killed or wounded, in line with a briefing by the NIS which "
            "reported some 300 killed.",
            "killed",
            "South Korea NIS",
        ),
    ):
        found = {(c.item, c.source) for c in extract_claims(_TROOPS_THERE + second, PUB)}
        assert (item, source) in found, second


def test_a_list_of_states_naming_one_teller_is_no_second_clause():
    text = "American, Japanese, and Ukrainian intelligence reports have estimated that up to 11,000 North Korean troops are in Russia."
    sources = {c.source for c in extract_claims(text, PUB) if c.kind == "troop_deployment"}
    assert "Ukraine HUR" not in sources and sources


def test_seouls_military_speaking_is_its_joint_chiefs():
    for text in (
        "South Korea's military said North Korea has sent 1,000 more troops to Russia.",
        "North Korea has sent 1,000 more troops to Russia, according to the South Korean military.",
        "Seoul's armed forces reported that 1,000 more North Korean troops left for Russia.",
    ):
        assert ("troop_deployment", "South Korea JCS") in _found(text), text
    # its military intelligence is another body (5d)
    text = "South Korea's military intelligence said North Korea has sent 1,000 more troops to Russia."
    assert ("troop_deployment", "South Korea JCS") not in _found(text)


# -- a prisoner of war as a teller ----------------------------------------------------------------------------------

_CAPTURE = "Ukraine's security service said on Sunday that it had captured two North Korean soldiers in Kursk. "


def test_a_prisoner_telling_what_he_saw_is_a_teller_of_his_own():
    for second, kind in (
        ("The prisoner said North Korean artillery units had been sent to Russia in December.", "troop_deployment"),
        ("One of the captured soldiers admitted that hundreds of North Korean troops had been killed.", "casualties"),
        (
            "North Korean troops have suffered heavy losses, a captured North Korean soldier told interrogators.",
            "casualties",
        ),
    ):
        found = _found(_CAPTURE + second)
        assert (kind, "captured North Korean soldier") in found, second


def test_a_prisoner_telling_of_his_own_capture_counts_no_captive():
    text = _CAPTURE + "The prisoner said he was captured after the rest of his unit was killed by drones."
    captured = {source for kind, source in _found(text) if kind == "casualties"}
    assert "captured North Korean soldier" not in {
        c.source for c in extract_claims(text, PUB) if c.item == "captured"
    }, captured


def test_captives_counted_are_no_teller():
    text = "Ukraine said its troops had captured two North Korean prisoners of war near Kursk."
    assert "captured North Korean soldier" not in {source for _, source in _found(text)}


def test_a_body_named_with_its_state_after_it():
    for text, source in (
        (
            "The Foreign Ministry of Japan said Russia had bought ballistic missiles from North Korea.",
            "Japan Foreign Ministry",
        ),
        ("The government of Japan accused Moscow of buying North Korean artillery shells.", "Japan government"),
        ("According to NK Pro, a Russian ship carried 200 containers of munitions from Rajin.", "NK Pro"),
        ("Satellite imagery reviewed by NK Pro shows North Korean containers unloaded at a Russian port.", "NK Pro"),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_per_is_according_to_said_short():
    for text, source in (
        ("As per KCNA, Kim said North Korean troops had fought bravely in Kursk.", "North Korea KCNA"),
        (
            "A Russian cargo ship loaded North Korean munitions at Rajin in April, per an analysis by The Yomiuri Shimbun.",
            "The Yomiuri Shimbun",
        ),
        ("Per NK Pro, a Russian ship carried 200 containers of munitions from Rajin.", "NK Pro"),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_per_a_unit_is_no_credit():
    for text in (
        "North Korea earns $500 million per year from Russia for the troops it sent.",
        "Russia pays North Korean workers $3 per hour, and North Korea sent 1,000 workers to Russia.",
    ):
        assert {s for _, s in _found(text)} == {"outlet"}, text


# -- a news outlet relaying a body's own word -----------------------------------------------------------------------


def test_an_outlet_relaying_a_bodys_own_word_gives_the_claim_to_the_body():
    for text, source in (
        (
            "According to the BBC, Pyongyang's military has confirmed that its soldiers fought in the Kursk region.",
            "North Korea government",
        ),
        (
            "According to a Reuters report, prosecutors in Ukraine say Russia fired 21 North Korean missiles at Kharkiv.",
            "Ukraine Prosecutor General",
        ),
        (
            "According to Yonhap, after a closed briefing Seoul's spy agency told lawmakers that 1,000 more North Korean "
            "troops had left for Russia.",
            "South Korea NIS",
        ),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_an_outlet_that_cites_or_closes_a_clause_keeps_its_credit():
    for text, source in (
        ("According to Yonhap, citing the NIS, North Korea sent 1,000 more troops to Russia.", "Yonhap"),
        (
            "North Korea has sent rocket launchers to Russia, Reuters reported, and is making drones for Moscow, "
            "according to Seoul's JCS.",
            "Reuters",
        ),
    ):
        assert any(s == source for _, s in _found(text)), text


def test_every_news_outlet_is_a_name_of_the_source_table():
    from monitor.claims import lexicon as lx

    assert lx.NEWS_MEDIA <= set(lx.SOURCE_VALUES)


def test_pictures_put_online_show_what_they_show():
    for text in (
        "Videos posted online show North Korean soldiers fighting alongside Russian troops in the Kursk region.",
        "New images circulating on social media show that North Korea has sent self-propelled guns to Russia.",
        "Dozens of North Korean soldiers were killed near Kursk, photos of the aftermath shared on Telegram revealed.",
    ):
        assert any(s == "video footage" for _, s in _found(text)), text
    # satellite images are read by their analyst, not online pictures
    text = "Satellite images show North Korean containers loaded onto a Russian ship at Rajin."
    assert "video footage" not in {s for _, s in _found(text)}


# -- a judgement given out is dated as a statement ------------------------------------------------------------------


def test_a_judgement_told_by_its_month_is_dated_by_the_months_end():
    published = dt.date(2024, 2, 27)
    for text in (
        "Seoul's spy agency had estimated in November that North Korea had sent a million shells to Russia.",
        "The NIS assessed in November that North Korea had sent a million shells to Russia.",
        "The NIS concluded in November that North Korea had shipped a million shells to Russia.",
    ):
        dates = {c.as_of for c in extract_claims(text, published) if c.kind == "shipment"}
        assert dates == {"2023-11-30"}, text
