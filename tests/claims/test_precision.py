"""Extra claims on real text (issue 14, session 6): restatements, clause roles and what a sentence
asserts. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 3, 1)


def claims(text: str, published: dt.date = PUB, title: str | None = None) -> list[Claim]:
    return extract_claims(text, published, title)


def keys(found: list[Claim]) -> list[tuple]:
    return [(c.kind, c.item, c.direction, c.quantity, c.bound) for c in found]


# --- the title repeated as the body's first line ----------------------------------------------


def test_the_title_echoed_with_a_full_stop_is_a_headline_not_a_second_statement():
    title = "Seoul says Pyongyang has shipped Moscow 4,100 containers of munitions since August"
    body = (
        f"{title}.\n"
        "Pyongyang has shipped roughly 4,100 containers of munitions to Russia since August, officials in Seoul said."
    )
    containers = [k for k in keys(claims(body, title=title)) if k[1] == "containers"]
    assert containers == [("shipment", "containers", "NK->RU", 4100, "about")], containers
    # without the title the first line is a sentence like any other (and its figure is exact)
    alone = [k for k in keys(claims(body)) if k[1] == "containers"]
    assert ("shipment", "containers", "NK->RU", 4100, "exact") in alone, alone


# --- what containers hold ---------------------------------------------------------------------


def test_contents_of_containers_read_past_an_amount_and_an_alternative():
    found = keys(
        claims(
            "Pyongyang has shipped 4,000 containers to Russia. The minister told reporters that the containers "
            "might hold more than two million 152mm shells or 400,000 122mm rounds."
        )
    )
    shells = sorted((q, b) for kind, item, _, q, b in found if kind == "shipment" and item == "artillery_shells")
    assert shells == [(400000, "exact"), (2000000, "at_least")], found


# --- what a transfer is given for ---------------------------------------------------------------


def test_what_a_transfer_pays_for_is_presupposed_when_the_article_reports_it():
    text = (
        "Pyongyang has handed Moscow some 2 million artillery shells, according to Seoul. "
        "Russia has been delivering diesel to the North, probably in return for the ammunition, analysts say."
    )
    found = keys(claims(text))
    shipments = [k for k in found if k[0] == "shipment"]
    assert shipments == [("shipment", "artillery_shells", "NK->RU", 2000000, "about")], found
    assert ("compensation", "oil", "RU->NK", None, None) in found, found


def test_what_the_north_gets_for_its_shells_told_nowhere_else_is_a_claim():
    # (what Russia's side pays for is presupposed even where nothing else reports it: test_precision_paths.py)
    found = keys(
        claims("North Korea has given Russia 3 million rounds of ammunition in exchange for economic aid, Seoul said.")
    )
    assert ("compensation", "economic_aid", "RU->NK", None, None) in found, found


def test_a_question_put_to_the_speaker_names_its_premise_without_reporting_it():
    text = (
        "Seoul's security adviser said Moscow has given Pyongyang surface-to-air missiles. "
        "Asked what the North gains from dispatching its soldiers, he pointed to oil and technology."
    )
    assert not [k for k in keys(claims(text)) if k[0] == "troop_deployment"], keys(claims(text))


def test_russias_side_of_an_exchange_is_news_even_beside_other_help():
    text = (
        "Moscow has helped Pyongyang with satellite technology, Seoul says. "
        "Analysts fear a deal in which the North ships shells in exchange for Russian military technology."
    )
    found = keys(claims(text))
    assert ("technology_transfer", "military_technology", "RU->NK", None, None) in found, found


# --- a vague amount, then the figure ------------------------------------------------------------


def test_a_vague_amount_then_an_unnamed_voices_figure_is_one_claim():
    text = (
        "North Korea will send thousands of military builders to rebuild towns in the Belgorod region, Russian media "
        "reported. A Russian news agency quoted an unnamed security official as saying Pyongyang would dispatch "
        "4,000 military builders."
    )
    found = [k for k in keys(claims(text)) if k[1] == "military_construction_workers"]
    assert [k[3] for k in found] == [4000], found


def test_a_vague_amount_then_a_named_sources_figure_stays_two_claims():
    text = (
        "Hundreds of containers have been loaded at Rajin, the think tank said. "
        "The White House later said more than 1,000 containers had gone to Russia."
    )
    found = [k[3] for k in keys(claims(text)) if k[1] == "containers"]
    assert found == [200, 1000], found


# --- a figure withheld ----------------------------------------------------------------------------


def test_a_withheld_number_reports_nothing_up_to_the_end_of_its_clause():
    text = (
        "A US officer said several hundred North Korean soldiers had been killed or wounded in Kursk. "
        "The officer did not give an exact number of North Korean soldiers who died, but said men of every rank "
        "were among the dead and wounded."
    )
    assert [k for k in keys(claims(text)) if k[0] == "casualties"] == [
        ("casualties", "killed_or_wounded", None, 300, "at_least")
    ]


def test_not_only_provided_is_no_withheld_figure():
    found = keys(
        claims("Seoul says Pyongyang has not only provided artillery shells to Russia but also ballistic missiles.")
    )
    assert ("shipment", "artillery_shells", "NK->RU", None, None) in found, found


# --- casualties: whose, and which word says what happened ----------------------------------------


def test_another_sides_own_losses_are_not_the_norths_casualties():
    for second in (
        "Russia has also suffered heavy casualties, with Western estimates of up to 600,000.",
        "Russian losses have passed 600,000, the ministry says.",
    ):
        found = keys(claims("About 11,000 North Korean soldiers were sent to Kursk. " + second))
        assert not [k for k in found if k[0] == "casualties"], (second, found)
    # a sentence that names the North's soldiers keeps their losses
    found = keys(
        claims(
            "About 11,000 North Korean soldiers were sent to Kursk. "
            "Russia is suffering heavy casualties as North Korean troops lost 4,000 men."
        )
    )
    assert ("casualties", "killed_or_wounded", None, 4000, "exact") in found, found


def test_a_casualty_word_after_the_count_describes_the_soldiers_taken():
    found = keys(claims("Kyiv says its troops have captured three wounded North Korean soldiers near Kursk."))
    assert [k for k in found if k[0] == "casualties"] == [("casualties", "captured", None, 3, "exact")], found
    found = keys(claims("Ukraine says it killed 40 and wounded 70 North Korean soldiers."))
    assert [k[1:4] for k in found if k[0] == "casualties"] == [("killed", None, 40), ("wounded", None, 70)], found


# --- a denial naming nothing, after the same party's denial ---------------------------------------


def test_a_blanket_denial_after_the_same_partys_denial_is_that_denial_again():
    text = (
        "The Kremlin on Monday rejected Kyiv's claim that North Korean soldiers are fighting in Kursk. "
        '"This looks like yet more fake news," Kremlin spokesman Dmitry Peskov told reporters without elaborating.'
    )
    denials = [k for k in keys(claims(text)) if k[0] == "denial"]
    assert denials == [("denial", "troops", "NK->RU", None, None)], denials
    # alone, the blanket denial is a denial of weapons in general
    alone = keys(claims('"It is one more fabrication," Kremlin spokesman Dmitry Peskov said of the arms reports.'))
    assert [k for k in alone if k[0] == "denial"] == [("denial", "munitions", "NK->RU", None, None)], alone


# --- history told in a clause of time ---------------------------------------------------------------


def test_a_verb_in_a_clause_of_time_says_nothing_of_the_things_outside_it():
    found = keys(
        claims(
            "Pyongyang has admitted that it sent soldiers to help Moscow, a rare acknowledgement weeks after "
            "North Korean troops were filmed fighting near Kursk."
        )
    )
    assert found == [("confirmation", "troops", "NK->RU", None, None)], found
    # the clause ends at its comma; the verbs after it decide as before
    found = keys(
        claims("Since Russia invaded Ukraine, North Korea has shipped millions of shells to Moscow, Seoul says.")
    )
    assert found == [("shipment", "artillery_shells", "NK->RU", 2000000, "at_least")], found
    found = keys(claims("North Korean soldiers have fought in Kursk since they arrived in October, Kyiv says."))
    assert found == [("battlefield_use", "troops", "NK->RU", None, None)], found


# --- clauses that name things without reporting them (cue entries) --------------------------------


@pytest.mark.parametrize(
    "text, kept",
    [
        # help weighed in talks, not given
        (
            "Kim Jong Un met Putin in Vladivostok and discussed military ties and possible Russian assistance for "
            "the North's space programme.",
            [],
        ),
        ("Officials voiced worry over the potential for any Russian transfer of missile technology to Pyongyang.", []),
        # a want, beside a transfer that is reported
        (
            "Pyongyang is sending Russia old shells while asking for technology, such as missile and submarine "
            "technology, a Ukrainian officer said.",
            [("shipment", "artillery_shells", "NK->RU", None, None)],
        ),
        ("Washington warns North Korea against shipping artillery shells to Russia.", []),
        # the topic of talks, and a class of acts with a modal
        (
            "A State Department spokesman said arms discussions between the two governments are expected to go on "
            "during Kim's visit to Russia.",
            [],
        ),
        ("A spokesman said any shipment of North Korean arms to Russia would breach UN resolutions.", []),
        # a forecast of gains
        (
            "North Korea has sent thousands of soldiers to Kursk. The regime's income could increase by \"hundreds "
            'of millions of dollars," as Pyongyang will be paid for the soldiers it sends.',
            [("troop_deployment", "troops", "NK->RU", 2000, "at_least")],
        ),
        # a course weighed
        ("North Korea is considering sending 20,000 more workers to Russia, Japanese media said.", []),
        # the scope of a limit, beside the amount that broke it
        (
            "Russia has shipped over a million barrels of oil to the North, flouting sanctions which limit refined "
            "oil sales to North Korea to 500,000 barrels a year.",
            [("compensation", "oil", "RU->NK", 1000000, "at_least")],
        ),
        (
            "Russia has shipped over a million barrels of oil to the North, flouting UN sanctions, which restrict "
            "refined oil sales to North Korea to 500,000 barrels a year.",
            [("compensation", "oil", "RU->NK", 1000000, "at_least")],
        ),
        (
            '"North Korea is the only nation that manufactures missiles with these features," a Ukrainian '
            "investigator said of the debris.",
            [],
        ),
    ],
)
def test_clauses_that_name_things_without_reporting_them(text, kept):
    assert keys(claims(text)) == kept


def test_a_request_with_a_count_sizes_a_dispatch():
    found = keys(
        claims(
            "About 9,000 North Korean labourers reached Russian building sites last year. "
            "Russian regions short of hands have asked for several thousand more, Seoul's spy agency says."
        )
    )
    assert ("personnel_dispatch", "workers", "NK->RU", 3000, "at_least") in found, found


# --- figures of other things ----------------------------------------------------------------------


def test_container_ships_are_ships_not_containers():
    found = keys(
        claims(
            "North Korea has shipped arms to Russia since 2023 on four Russian-flagged container ships, "
            "the monitors found."
        )
    )
    assert found == [("shipment", "munitions", "NK->RU", None, None)], found
    found = keys(claims("Seoul says Pyongyang has sent some 9,000 container shipments to Russia."))
    assert ("shipment", "containers", "NK->RU", 9000, "about") in found, found


def test_months_after_an_event_are_a_time_not_months_of_supply():
    found = keys(
        claims(
            "Pyongyang dispatched about 9,000 soldiers to Russia in October last year, three months after Ukrainian "
            "units crossed into Kursk."
        )
    )
    assert found == [("troop_deployment", "troops", "NK->RU", 9000, "about")], found


# --- soldiers described on the way to their fate ----------------------------------------------------


def test_a_participle_between_the_soldiers_and_their_fate_keeps_one_subject():
    found = keys(
        claims(
            "About 3,000 North Korean soldiers deployed to help Russia fight Ukrainian forces are thought to have "
            "died, a lawmaker said."
        )
    )
    assert found == [("casualties", "killed", None, 3000, "about")], found


def test_soldiers_named_by_who_sent_them_are_no_new_deployment_beside_their_losses():
    found = keys(
        claims(
            "Earlier, a US newspaper, citing a Pentagon official, reported that Ukrainian units could have killed or "
            'wounded "several hundred" soldiers sent by North Korea to help Russia in its war.'
        )
    )
    assert not [k for k in found if k[0] == "troop_deployment"], found
    # beside a fight rather than a loss, the sentence still tells of the soldiers sent
    found = keys(claims("Soldiers sent by North Korea have been fighting in Kursk since November, Kyiv says."))
    assert ("troop_deployment", "troops", "NK->RU", None, None) in found, found


def test_a_use_that_says_what_kind_of_thing_the_containers_hold_is_no_use():
    found = keys(
        claims(
            "Seoul says Pyongyang has sent Moscow about 5,000 containers, which could translate to around 2 million "
            "152mm artillery shells used in the war in Ukraine."
        )
    )
    assert found == [
        ("shipment", "containers", "NK->RU", 5000, "about"),
        ("shipment", "artillery_shells", "NK->RU", 2000000, "about"),
    ], found
    found = keys(
        claims(
            "Seoul has found at least 9,000 shipping containers being shipped from the North to Russia, which could "
            "contain 4.8 million artillery shells similar to those used by Russia against Ukraine."
        )
    )
    assert ("shipment", "artillery_shells", "NK->RU", 4800000, "exact") in found, found
    assert not [k for k in found if k[0] == "battlefield_use"], found
    # a use told outright stays a use
    found = keys(claims("Russia has fired North Korean shells at Kharkiv, Ukraine says."))
    assert ("battlefield_use", "artillery_shells", "NK->RU", None, None) in found, found


def test_a_place_told_by_the_other_sides_acts_decides_nothing_outside_it():
    found = keys(
        claims(
            "Washington confirmed that some North Korean soldiers were in the Kursk region, a border area where "
            "Ukrainian troops mounted an incursion in August."
        )
    )
    assert found == [("troop_deployment", "troops", "NK->RU", None, None)], found


def test_ammunition_named_by_the_launcher_that_fires_it_is_no_launcher():
    found = keys(
        claims(
            "Russian-flagged freighters carried up to 8 million rounds of mixed artillery and multiple rocket launcher "
            "ammunition from the North to Russia last year, the monitors said."
        )
    )
    assert found == [("shipment", "artillery_shells", "NK->RU", 8000000, "at_most")], found
    found = keys(claims("Pyongyang has also sent Moscow multiple rocket launchers, Kyiv says."))
    assert ("shipment", "multiple_rocket_launchers", "NK->RU", None, None) in found, found


def test_military_workers_are_military_construction_workers():
    found = keys(claims("Pyongyang has sent 4,000 military workers to Russia to rebuild roads in Kursk, Seoul says."))
    assert found == [("personnel_dispatch", "military_construction_workers", "NK->RU", 4000, "exact")], found


def test_the_number_of_soldiers_killed_spoken_of_is_no_casualty_claim():
    text = (
        "North Korea has sent 11,000 troops to Russia. He added that the gap in the estimate of the number of "
        "soldiers killed came from the agency's cautious analysis."
    )
    assert keys(claims(text)) == [("troop_deployment", "troops", "NK->RU", 11000, "exact")]
    # given, the number is the claim
    found = keys(claims("North Korea has sent 11,000 troops to Russia. The number of soldiers killed has reached 300."))
    assert ("casualties", "killed", None, 300, "exact") in found, found


# --- second round (precision2): the other side's transfers, habits, programmes, presupposed people ----------


def test_a_transfer_to_the_other_side_names_none_of_the_norths_things():
    text = (
        "Pyongyang has shipped 3 million shells to Russia, Seoul says. A spokesman for the North called the charge "
        "a lie meant to excuse Washington's pledge of missiles and tanks to Ukraine."
    )
    found = keys(claims(text))
    assert ("shipment", "artillery_shells", "NK->RU", 3000000, "exact") in found, found
    assert not any(item in ("ballistic_missiles", "tanks", "munitions") for _, item, *_ in found), found
    # criticising the other side's transfer condemns nothing of the North's
    text = (
        "Pyongyang has shipped 3 million shells to Russia, Seoul says. A day earlier the North's foreign ministry "
        "issued a statement criticising Germany's decision to supply more tanks to Kyiv."
    )
    assert not any(k[0] == "condemnation" for k in keys(claims(text))), keys(claims(text))
    # the North's soldiers sent to the war in Ukraine are still sent
    found = keys(claims("Seoul said North Korea was sending 3,000 more soldiers to Ukraine's front line via Russia."))
    assert ("troop_deployment", "troops", "NK->RU", 3000, "exact") in found, found


def test_a_habit_is_not_an_event():
    text = (
        'Some 11,000 North Korean troops were sent to Kursk, Seoul says. "North Korean officers and their men '
        'usually finish off their wounded so that none are captured," a Ukrainian commander said.'
    )
    assert keys(claims(text)) == [("troop_deployment", "troops", "NK->RU", 11000, "about")], keys(claims(text))
    # losses told as events stay
    found = keys(claims("North Korea has sent 11,000 soldiers to Russia. About 300 have died and 2,700 were wounded."))
    assert ("casualties", "wounded", 2700) in [(k, i, q) for k, i, _, q, _ in found], found


def test_things_that_receive_help_are_helped_not_moved():
    for text in (
        "Seoul says the North's long-range missiles and drones, which may be receiving Russian technical support, "
        "are improving fast.",
        "Seoul says Pyongyang's solid-fuel missiles have received Russian know-how this year.",
    ):
        found = keys(claims(text))
        assert not any(kind == "shipment" for kind, *_ in found), found
        assert any(kind == "technology_transfer" for kind, *_ in found), found
    # a thing received is still moved
    found = keys(claims("Russia has been receiving ballistic missiles from North Korea, Kyiv says."))
    assert ("shipment", "ballistic_missiles", "NK->RU", None, None) in found, found


def test_the_norths_own_weapons_developments_are_no_transfer():
    text = (
        "Beyond its nuclear and missile developments, Pyongyang is bolstering its fleet with a new destroyer, "
        "analysts say."
    )
    assert keys(claims(text)) == [], keys(claims(text))


def test_what_people_are_sent_to_make_is_not_sent():
    found = keys(claims("Pyongyang Sends Moscow Thousands Of Laborers To Assemble Attack Drones"))
    assert found == [("personnel_dispatch", "workers", "NK->RU", 2000, "at_least")], found
    found = keys(claims("North Korea is sending 1,000 engineers to Russia to help build Shahed drones, Kyiv says."))
    assert not any(kind in ("shipment", "battlefield_use") for kind, *_ in found), found


def test_inputs_named_by_the_production_they_serve_are_no_production_claim():
    text = (
        "North Korea has shipped 2 million shells to Russia, Seoul says. In return, Moscow gave Pyongyang grain, "
        "fuel and components needed for missile production, the minister said."
    )
    found = keys(claims(text))
    assert not any(kind == "production" for kind, *_ in found), found
    assert ("compensation", "food", "RU->NK", None, None) in found, found


def test_sanctioned_as_a_standing_is_no_condemnation():
    lede = "North Korea has shipped 2 million shells to Russia, Seoul says. "
    found = keys(
        claims(
            lede + "Not only do these deliveries break UN resolutions, but several of the ships involved have been "
            "separately sanctioned by the EU."
        )
    )
    assert found == [("shipment", "artillery_shells", "NK->RU", 2000000, "exact")], found
    found = keys(claims(lede + "The sanctioned Asian state also sent 3,000 workers to Russia last year, NIS said"))
    assert ("personnel_dispatch", "workers", "NK->RU", 3000, "exact") in found, found
    assert not any(kind == "condemnation" for kind, *_ in found), found
    # sanctioning as an act is still a condemnation
    found = keys(claims(lede + "On Friday the US sanctioned three shipping firms over the arms transfers."))
    assert ("condemnation", "munitions", "NK->RU", None, None) in found, found


def test_a_call_for_the_withdrawal_of_troops_condemns_them_and_reports_no_deployment():
    text = (
        "Seoul says Pyongyang has sent 12,000 troops to Russia. Tokyo on Monday called for an immediate withdrawal "
        "of North Korean soldiers that Pyongyang had dispatched, a spokesman said."
    )
    assert keys(claims(text)) == [
        ("troop_deployment", "troops", "NK->RU", 12000, "exact"),
        ("condemnation", "troops", "NK->RU", None, None),
    ], keys(claims(text))


def test_soldiers_who_returned_from_the_war_are_no_new_deployment():
    text = (
        "Seoul says 11,000 North Korean troops were sent to Russia last year. On Tuesday state media said Kim Jong Un "
        "decorated soldiers who returned from combat abroad, and honoured those who were killed."
    )
    found = keys(claims(text))
    assert [k for k in found if k[0] == "troop_deployment"] == [
        ("troop_deployment", "troops", "NK->RU", 11000, "exact")
    ], found
    assert ("battlefield_use", "troops", "NK->RU", None, None) in found, found
    assert ("confirmation", "troops", "NK->RU", None, None) in found, found


def test_a_combat_verb_in_another_groups_relative_clause_is_that_groups():
    text = (
        "Seoul says 11,000 North Korean troops were sent to Russia last year. State media said Kim greeted "
        "returning soldiers and laid flowers before portraits of troops who died fighting in Kursk."
    )
    found = keys(claims(text))
    assert not any(kind == "battlefield_use" for kind, *_ in found), found
    assert ("casualties", "killed", None, None, None) in found, found


def test_the_title_again_in_the_opening_lines_glued_to_a_section_label_is_a_headline():
    title = "Pyongyang ships 9,000 containers of shells to Moscow"
    body = (
        f"World{title}\n\n{title}\n\n"
        "North Korea has sent more than 9,000 containers to Russia since last summer, the agency said on Monday."
    )
    containers = [k for k in keys(claims(body, title=title)) if k[1] == "containers"]
    assert containers == [("shipment", "containers", "NK->RU", 9000, "at_least")], containers


def test_possible_arms_transfers_watched_for_are_not_reported():
    text = (
        "North Korea has sent 9,000 containers to Russia, Seoul says. Japan's coast guard has been watching for "
        "possible arms shipments between the two ports since 2023."
    )
    assert keys(claims(text)) == [("shipment", "containers", "NK->RU", 9000, "exact")], keys(claims(text))


def test_officers_among_a_group_told_of_are_not_sent_apart():
    text = (
        "Kyiv says 12,000 North Korean troops are in Kursk. A Ukrainian commander said the North Korean infantry that "
        "attacked his position moved in small groups, and that junior North Korean officers were among them."
    )
    found = keys(claims(text))
    assert not any(item == "military_officers" for _, item, *_ in found), found
    assert ("battlefield_use", "troops", "NK->RU", None, None) in found, found


def test_soldiers_an_attack_falls_on_are_no_report_of_a_deployment():
    text = "Ukrainian drone units released footage showing how North Korean soldiers were being hunted in Kursk."
    assert keys(claims(text)) == [], keys(claims(text))
    # soldiers said to be there are
    found = keys(claims("Ukrainian officers said North Korean soldiers were in the Kursk region."))
    assert found == [("troop_deployment", "troops", "NK->RU", None, None)], found


def test_a_use_in_the_relative_clause_of_a_later_thing_is_that_things():
    text = (
        "Kyiv says Pyongyang has given Moscow rockets, several thousand soldiers and cruise missiles, which Russia has "
        "been using in strikes on Ukrainian cities."
    )
    found = keys(claims(text))
    assert ("troop_deployment", "troops", "NK->RU", 3000, "at_least") in found, found
    assert ("battlefield_use", "troops", "NK->RU", None, None) not in found, found
    assert ("battlefield_use", "cruise_missiles", "NK->RU", None, None) in found, found


def test_a_share_of_what_russia_fires_is_no_report_of_use():
    text = (
        "Kyiv says North Korea has delivered some 5 million shells to Russia, which may be a third of what Russian "
        "artillery crews fire in a year."
    )
    assert keys(claims(text)) == [("shipment", "artillery_shells", "NK->RU", 5000000, "about")], keys(claims(text))


def test_a_course_judged_unlikely_is_not_reported():
    lede = "Kyiv says 11,000 North Korean soldiers are in Kursk. "
    text = lede + "A further dispatch of 30,000 troops is highly unlikely, since it would strain the North's own army."
    assert keys(claims(text)) == [("troop_deployment", "troops", "NK->RU", 11000, "exact")], keys(claims(text))
    # judged likely, it is labelled (hedged)
    found = keys(claims(lede + "Analysts say 30,000 more troops are likely to be sent."))
    assert ("troop_deployment", "troops", "NK->RU", 30000, "exact") in found, found


# --- reldev2 (session 10): a launch into the sea is no use in the war ----------------------------


def test_a_missile_fired_into_the_sea_is_no_battlefield_use():
    text = "North Korea fired two ballistic missiles toward the sea on Monday, as Putin's war in Ukraine went on."
    assert [c for c in claims(text) if c.kind == "battlefield_use"] == []


def test_a_north_korean_missile_fired_at_a_city_is_still_battlefield_use():
    text = "Russia fired two North Korean missiles at Kharkiv on Monday, Ukraine's prosecutors said."
    assert [c.item for c in claims(text) if c.kind == "battlefield_use"] == ["ballistic_missiles"]
