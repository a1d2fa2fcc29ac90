"""Who a claim is from and when it holds: the source and date conventions the labels follow."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 4)


def test_an_undated_claim_of_any_kind_holds_on_the_publication_day():
    text = (
        "Japan's foreign minister condemned the supply of North Korean missiles to Moscow. "
        "Pyongyang's state media confirmed that its soldiers are fighting for Russia in the Kursk region. "
        "Ukraine's army says more than 400 North Korean soldiers have been killed in Kursk. "
        "Moscow has also been sending wheat to the North, according to the ministry."
    )
    found = {c.kind: c for c in extract_claims(text, PUB)}
    for kind in ("condemnation", "confirmation", "casualties", "compensation"):
        assert found[kind].as_of == "2025-03-04", kind


def test_a_dated_toll_keeps_its_own_date_and_an_undated_shipment_takes_the_publication_day():
    text = (
        "As of January 20, about 300 North Korean soldiers had been killed, Seoul's spy agency said. "
        "North Korea has sent artillery shells to Russia, the agency added."
    )
    found = {c.kind: c for c in extract_claims(text, PUB)}
    assert found["casualties"].as_of == "2025-01-20"
    assert found["shipment"].as_of == "2025-03-04"


def test_a_capitalised_states_in_a_country_name_is_not_a_verb_of_saying():
    text = (
        "The United States said on Monday that North Korea had sent artillery shells to Russia. "
        "The Federated States of Micronesia imposed sanctions on Pyongyang over arms sales to Moscow."
    )
    sources = [c.source for c in extract_claims(text, PUB)]
    assert sources and all(not s.startswith("The ") for s in sources), sources
    assert sources[0] == "United States"


def test_a_report_speaks_for_the_body_that_wrote_it():
    text = (
        "The Multilateral Sanctions Monitoring Team, a group set up by eleven United Nations members, "
        "published its second report on Tuesday describing how North Korea shipped missiles to Russia. "
        "In exchange, according to the report, Russia gave Pyongyang electronic warfare equipment. "
        "Russia has also been sending oil to North Korea well above the UN cap, the report said."
    )
    found = extract_claims(text, PUB)
    assert {c.kind for c in found} >= {"shipment", "technology_transfer", "compensation"}
    assert {c.source for c in found} == {"MSMT"}, [(c.kind, c.source) for c in found]


def test_another_news_outlet_credited_with_a_report_is_the_source():
    text = (
        "Pyongyang has sent Russia some 2 million artillery shells since the spring, reported Bloomberg on Friday. "
        "RBK-Ukraine reported that North Korean soldiers were sent to the Kursk region."
    )
    found = {c.kind: c.source for c in extract_claims(text, PUB)}
    assert found == {"shipment": "Bloomberg", "troop_deployment": "RBC-Ukraine"}, found


def test_a_title_with_its_remit_still_teaches_the_name_and_detailed_is_a_verb_of_reporting():
    text = (
        "On Monday the Pentagon's Director for East Asian Security Affairs Mara Lindqvist briefed allies in Brussels. "
        "Lindqvist detailed how North Korea had moved artillery shells to Russia by rail."
    )
    found = extract_claims(text, PUB)
    assert [(c.kind, c.source) for c in found] == [("shipment", "Pentagon")], found


def test_a_denial_made_by_both_parties_together_is_one_claim_naming_both():
    text = (
        "Seoul says the North has shipped rockets to Russia by rail. Pyongyang and Moscow both reject the charge. "
        "On Friday the Kremlin separately denied receiving any rockets."
    )
    denials = [c for c in extract_claims(text, PUB) if c.kind == "denial"]
    assert [c.source for c in denials] == ["North Korea and Russia governments", "Russia Kremlin"], denials


def test_the_governments_in_both_capitals_deny_together():
    text = "The authorities in Pyongyang and Moscow have long rejected reports of rocket deliveries."
    denials = [c for c in extract_claims(text, PUB) if c.kind == "denial"]
    assert [c.source for c in denials] == ["North Korea and Russia governments"], denials


def test_an_admission_by_both_governments_is_one_claim_and_separate_admissions_stay_two():
    joint = "Both governments acknowledged in April that North Korean soldiers were deployed to the Kursk region."
    found = [c for c in extract_claims(joint, PUB) if c.kind == "confirmation"]
    assert [c.source for c in found] == ["North Korea and Russia governments"], found
    apart = (
        "North Korea's state media admitted on Monday that its troops had been sent to Russia. "
        "In Moscow, the Kremlin confirmed the deployment of the North Korean troops the same day."
    )
    found = [c for c in extract_claims(apart, PUB) if c.kind == "confirmation"]
    assert sorted(c.source for c in found) == ["North Korea KCNA", "Russia Kremlin"], found


def test_a_share_of_missiles_that_failed_is_use_without_a_figure():
    text = (
        "Russia has fired North Korean missiles at Ukrainian cities this winter, and roughly half of them "
        "broke apart before reaching their targets, a Ukrainian prosecutor said."
    )
    used = [c for c in extract_claims(text, PUB) if c.kind == "battlefield_use"]
    assert len(used) == 1 and used[0].quantity is None and used[0].bound is None, used
    counted = "Ukraine's air force said Russia fired 6 North Korean missiles at Kharkiv on Tuesday."
    used = [c for c in extract_claims(counted, PUB) if c.kind == "battlefield_use"]
    assert [c.quantity for c in used] == [6], used


def test_a_condemned_class_with_examples_is_one_condemnation_and_the_examples_are_shipments():
    listed = (
        "The foreign ministers said the North's sale of rockets, artillery shells and other military materiel "
        "to Russia is a flagrant breach of UN Security Council resolutions."
    )
    found = sorted((c.kind, c.item) for c in extract_claims(listed, PUB))
    assert found == [
        ("condemnation", "munitions"),
        ("shipment", "artillery_shells"),
        ("shipment", "rockets"),
    ], found
    including = (
        "Britain imposed sanctions on Tuesday on four firms that arranged arms transfers between Pyongyang "
        "and Moscow, including rockets fired at Ukrainian towns."
    )
    found = sorted((c.kind, c.item) for c in extract_claims(including, PUB))
    assert ("condemnation", "munitions") in found and ("shipment", "rockets") in found, found
    assert ("condemnation", "rockets") not in found, found


def test_named_things_condemned_alone_are_one_condemnation_each_and_no_shipment():
    text = "Tokyo condemned the North's transfer of ballistic missiles and artillery shells to Russia on Friday."
    found = sorted((c.kind, c.item) for c in extract_claims(text, PUB))
    assert found == [("condemnation", "artillery_shells"), ("condemnation", "ballistic_missiles")], found


def test_a_period_the_event_happened_in_dates_the_claim_by_its_last_day():
    published = dt.date(2025, 3, 20)
    cases = {
        "Russia shipped about 40,000 tonnes of wheat to North Korea in 2024, customs records show.": "2024-12-31",
        "Satellite images show that two Pantsir systems reached Pyongyang in November, a think tank found.": (
            "2024-11-30"
        ),
        "Russia fired North Korean missiles at Kharkiv between December and February, a prosecutor found.": (
            "2025-02-28"
        ),
        "North Korea sent Russia another 1,000 soldiers last month, an intelligence report found.": "2025-02-28",
        # a period that runs on to the day of publication ends there
        "North Korea has sent some 2,000 workers to Russia this year, a think tank found.": "2025-03-20",
    }
    for text, as_of in cases.items():
        found = extract_claims(text, published)
        assert [c.as_of for c in found] == [as_of], (text, found)


def test_the_statement_date_comes_before_the_period_and_since_keeps_the_first_day():
    published = dt.date(2025, 3, 20)
    text = "North Korea sent about 3,000 more soldiers to Russia in January, Seoul's military said on Monday."
    (found,) = extract_claims(text, published)
    assert found.as_of == "2025-03-17"
    (found,) = extract_claims("North Korea has sent Russia some 400 artillery pieces since August.", published)
    assert (found.since, found.as_of) == ("2024-08-01", "2025-03-20")


def test_a_party_speaks_through_the_body_the_text_names():
    cases = {
        "President Vladimir Putin thanked North Korea on Friday for the soldiers it sent to Kursk.": "Russia President",
        "Kremlin spokesman Dmitry Peskov called the reports of North Korean shells a fabrication.": "Russia Kremlin",
        "Foreign Minister Sergei Lavrov denied that Russia had received any North Korean missiles.": (
            "Russia Foreign Ministry"
        ),
        "Russia's ambassador to the United Nations rejected claims that Moscow bought North Korean shells.": (
            "Russia UN ambassador"
        ),
        "Valery Gerasimov said North Korean units fought alongside Russian troops near Sudzha.": "Russia General Staff",
        "KCNA said on Sunday that North Korean soldiers had taken part in the fighting in Kursk.": "North Korea KCNA",
        "Moscow denied on Tuesday that it had received any artillery shells from North Korea.": "Russia government",
    }
    for text, source in cases.items():
        found = extract_claims(text, PUB)
        assert found and {c.source for c in found} == {source}, (text, found)


def test_one_statement_told_as_the_leaders_words_and_as_the_agencys_report_is_one_claim():
    text = (
        "On Friday Kim Yo Jong dismissed claims that the North sells arms to Russia. "
        "In a statement carried by KCNA, she called the claims about arms sales to Russia absurd."
    )
    denials = [c for c in extract_claims(text, PUB) if c.kind == "denial"]
    assert len(denials) == 1, denials


def test_a_place_dateline_names_where_a_report_was_filed_not_who_speaks():
    text = 'MOSCOW/SEOUL — "Pure invention," Dmitry Peskov said of reports that North Korean troops were in Kursk.'
    found = [c for c in extract_claims(text, PUB) if c.kind == "denial"]
    assert [c.source for c in found] == ["Russia Kremlin"], found


def test_bodies_are_named_by_their_short_name_and_in_their_own_spelling():
    text = (
        "The Multilateral Sanctions Monitoring Group said North Korea shipped rockets to Russia. "
        "The UK Defence Ministry said some 11,000 North Korean soldiers are in the Kursk region."
    )
    assert [c.source for c in extract_claims(text, PUB)] == ["MSMT", "UK Ministry of Defence"]


def test_counts_of_containers_weights_and_loads_are_not_counts_of_the_goods():
    text = (
        "Some 4,500 containers have gone from Russia to the North since spring, most believed to hold fertiliser. "
        "Moscow also sent Pyongyang about 600 truckloads of flour, according to customs data."
    )
    found = sorted((c.item, c.quantity) for c in extract_claims(text, PUB) if c.kind == "compensation")
    assert found == [("containers", 4500), ("food", None), ("raw_materials", None)], found


def test_a_partys_word_told_through_its_news_agency_is_the_agencys():
    text = "Kim Jong Un laid flowers for the soldiers killed fighting for Russia in Kursk, state media reported."
    found = extract_claims(text, PUB)
    assert found and {c.source for c in found} == {"North Korea KCNA"}, found
    text = "Kim Jong Un said his soldiers had fought bravely for Russia in the Kursk region."
    found = extract_claims(text, PUB)
    assert found and {c.source for c in found} == {"North Korea government"}, found


def test_a_sanctions_announcement_is_a_condemnation():
    text = (
        "In a sanctions notice on Tuesday, the Treasury named a shipping firm that carried North Korean "
        "munitions to Russia."
    )
    found = [(c.kind, c.item) for c in extract_claims(text, PUB)]
    assert ("condemnation", "munitions") in found, found


def test_russian_ships_bringing_containers_into_the_norths_ports_are_a_return_flow():
    text = (
        "Satellite photos show two Russian cargo vessels that delivered about 400 containers to North Korean "
        "ports in May, a think tank found."
    )
    found = [(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, PUB)]
    assert found == [("compensation", "containers", "RU->NK", 400)], found


def test_lines_running_in_full_swing_are_at_full_capacity():
    text = (
        "Most of the North's arms plants run at about 40 percent of capacity, but those making shells for "
        "Russia are in full swing, the minister said."
    )
    found = sorted((c.item, c.quantity) for c in extract_claims(text, PUB) if c.kind == "production")
    assert found == [("artillery_shells", 1.0), ("munitions", 0.4)], found


def test_a_figure_less_summary_gives_way_to_the_sentence_naming_who_tells_it():
    # Convention 1: the outlet's summary and the attributed sentence are one claim, and the attributed one keeps it.
    text = (
        "North Korea has been shipping artillery shells to Russia. "
        "The White House said on Friday that North Korea had delivered artillery shells to Russia."
    )
    shipments = [c for c in extract_claims(text, PUB) if c.kind == "shipment"]
    assert [c.source for c in shipments] == ["White House"], shipments


def test_a_summary_does_not_give_way_to_an_unnamed_voice_or_to_a_party():
    text = (
        "Pyongyang has been shipping artillery shells to Moscow. "
        "Officials said the North had delivered artillery shells to Russia."
    )
    assert [c.source for c in extract_claims(text, PUB) if c.kind == "shipment"] == ["outlet"]
    text = (
        "Russia has given North Korea military technology. "
        "The Kremlin said Russia was sharing military technology with Pyongyang."
    )
    transfers = [c for c in extract_claims(text, PUB) if c.kind == "technology_transfer"]
    assert [c.source for c in transfers] == ["outlet"], transfers


def test_a_transfer_told_again_by_another_state_or_outlet_named_in_its_sentence_is_a_claim_of_its_own():
    # Convention 1 and 15a: one claim per source. The second teller is named in the sentence that retells.
    text = (
        "The Royal United Services Institute said North Korea had sent ammunition to Russia by ship. "
        "Washington also accused Pyongyang of supplying ammunition to Moscow."
    )
    shipments = [c for c in extract_claims(text, PUB) if c.kind == "shipment"]
    assert [c.source for c in shipments] == ["Royal United Services Institute", "United States"], shipments
    text = (
        "Reuters reported that North Korea has shipped artillery shells to Russia. "
        "The Financial Times reported that the North sent artillery shells to Russia."
    )
    assert [c.source for c in extract_claims(text, PUB)] == ["Reuters", "Financial Times"]


def test_a_transfer_told_again_by_the_same_state_an_unnamed_voice_or_a_party_is_still_one_claim():
    for text in (
        "Ukraine's military intelligence said North Korea had sent missiles to Russia. "
        "Ukraine's defence ministry also said the North supplied missiles to Russia.",
        "The Pentagon said North Korea has sent artillery shells to Russia. "
        "Officials said the North had shipped artillery shells to Russia.",
        # the receiver's word on what it receives (the giver's own word is a teller of its own: convention 22a)
        "Japan said Russia has given North Korea military technology. "
        "Pyongyang said Russia was sharing military technology with it.",
    ):
        assert len(extract_claims(text, PUB)) == 1, text


def test_a_deployment_told_again_by_another_state_is_still_one_claim():
    # Only transfers are told apart: other voices mostly mention a known deployment in passing.
    text = "Seoul said North Korea has sent troops to Russia. Kyiv also said North Korean troops were sent to Russia."
    assert [c.kind for c in extract_claims(text, PUB)] == ["troop_deployment"]


def test_after_a_summary_gives_way_the_next_state_to_tell_the_transfer_has_its_own_claim():
    text = (
        "North Korea has been shipping artillery shells to Russia. "
        "The White House said North Korea had delivered artillery shells to Russia. "
        "Kyiv said the North has supplied artillery shells to Moscow."
    )
    assert [c.source for c in extract_claims(text, PUB)] == ["White House", "Ukraine government"]


def test_a_payment_summed_up_gives_way_but_a_launch_the_outlet_reports_stays_its_own():
    text = (
        "Russia has been sending oil to North Korea. "
        "The Open Source Centre said Russia has supplied oil to North Korea."
    )
    assert [c.source for c in extract_claims(text, PUB)] == ["Open Source Centre"]
    text = (
        "North Korea put a reconnaissance satellite into orbit on Tuesday. "
        "The United Nations said North Korea launched a reconnaissance satellite on Tuesday."
    )
    assert [c.source for c in extract_claims(text, PUB)] == ["outlet"]
