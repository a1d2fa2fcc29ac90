"""Figure-less claims missed on real text (issue 14, session 14): the released blind9 set, read with blind8,
blind7 and the corpus's development split. Each test names a general way English tells the act, in
sentences written for these tests; each failed on the code before its rule."""

from __future__ import annotations

from tests.support.claim_readings import claims, readings

# --- praise of the North's soldiers by a party is an admission that they are there (convention 17h) -------


def test_thanks_to_soldiers_praised_in_quotation_marks_is_an_admission():
    text = 'Pyongyang sent troops to Russia. Lavrov also thanked the "valiant" North Korean soldiers, Moscow said.'
    got = [(c.kind, c.source) for c in claims(text) if c.kind == "confirmation"]
    assert got == [("confirmation", "Russia Foreign Ministry")]


def test_calling_the_norths_soldiers_heroes_is_an_admission_and_no_use():
    text = (
        "Pyongyang sent troops to Russia last year. Putin called the North Korean soldiers heroes in a letter to Kim."
    )
    got = readings(text)
    assert ("confirmation", "troops") in got
    assert ("battlefield_use", "troops") not in got


def test_describing_the_soldiers_as_heroic_is_an_admission():
    text = "Pyongyang sent troops to Russia last year. The Kremlin described the KPA soldiers as 'heroic' on Monday."
    assert ("confirmation", "troops") in readings(text)


def test_the_bare_word_heroic_tells_no_fighting():
    text = "Pyongyang sent troops to Russia last year. Shoigu thanked the heroic North Korean servicemen in Pyongyang."
    assert ("battlefield_use", "troops") not in readings(text)


def test_heroism_shown_is_still_a_deed_in_the_fighting():
    text = "Kim praised the heroism North Korean soldiers showed while fighting for Russia in Kursk, state media said."
    assert ("battlefield_use", "troops") in readings(text)


def test_the_other_side_calling_the_soldiers_brave_admits_nothing():
    text = "Pyongyang sent troops to Russia last year. Kyiv described the North Korean soldiers as brave but untrained."
    assert ("confirmation", "troops") not in readings(text)


# --- Ukraine's security service speaks as itself ---------------------------------------------------------------


def test_ukraines_security_service_is_a_source_of_its_own():
    text = "The SBU said the papers it found prove North Korea's involvement in the war against Ukraine."
    assert [(c.kind, c.source) for c in claims(text)] == [("battlefield_use", "Ukraine SBU")]


def test_the_security_service_spelled_out_is_the_same_source():
    text = "North Korean soldiers took part in the fighting near Sudzha, the Security Service of Ukraine said."
    assert {c.source for c in claims(text)} == {"Ukraine SBU"}


# --- a thing or a force told as having a share in what the fighting won is used --------------------------------


def test_shells_that_played_a_role_in_an_advance_were_used():
    text = "Analysts say the North Korean shells delivered so far played a decisive role in Russia's advances near Pokrovsk."
    got = readings(text)
    assert ("battlefield_use", "artillery_shells") in got
    assert ("shipment", "artillery_shells") not in got


def test_a_deployment_and_arms_support_that_contributed_to_a_recapture_are_both_used():
    text = "Seoul's spy agency said the North's troop deployment and arms support largely contributed to the recapture of Kursk."
    got = readings(text)
    assert ("battlefield_use", "troops") in got
    assert ("battlefield_use", "munitions") in got


def test_a_role_in_the_charges_is_no_use():
    text = (
        "Photographs of North Korean shells unloaded in Russia played a central role in the charges, Washington said."
    )
    assert ("battlefield_use", "artillery_shells") not in readings(text)


def test_weapon_support_is_munitions():
    text = "Kyiv says Pyongyang's weapon support is reaching Russian depots by rail."
    assert ("shipment", "munitions") in readings(text)


def test_a_troop_dispatch_is_a_deployment_of_troops():
    text = "Seoul says the North's second troop dispatch to Russia came in January."
    assert ("troop_deployment", "troops") in readings(text)


# --- the receiver told after the things: what the North gives "to Russia" goes to Russia ----------------------


def test_air_defence_systems_the_north_transfers_to_russia_are_shipped_to_russia():
    text = (
        "Through its ports the North could send two million shells, as well as mobile air defence systems, to Russia."
    )
    got = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert ("shipment", "air_defense", "NK->RU") in got
    assert ("technology_transfer", "air_defense", "RU->NK") not in got


def test_air_defence_systems_on_a_trades_other_side_still_flow_to_the_north():
    text = "Pyongyang shipped shells to Russia in exchange for mobile air defence systems, Seoul says."
    got = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert ("technology_transfer", "air_defense", "RU->NK") in got


# --- a second clause of receiving "in return" shares the North as its subject ----------------------------------


def test_drones_the_north_received_in_return_are_russias_help():
    text = "Seoul says North Korea sent Russia shells and, in return, got drones."
    got = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert ("technology_transfer", "military_technology", "RU->NK") in got
    assert ("shipment", "drones", "NK->RU") not in got


def test_what_russia_receives_in_return_is_not_given_to_the_north():
    text = "Seoul says Russia sent North Korea fuel and in return got drones."
    got = {(c.kind, c.item, c.direction) for c in claims(text)}
    assert ("technology_transfer", "military_technology", "RU->NK") not in got


# --- the space field by another name ------------------------------------------------------------------------------


def test_help_in_the_aerospace_field_is_space_technology():
    text = "Under the deal Pyongyang gets technical assistance from Moscow in the aerospace field, officials say."
    got = {(c.kind, c.item) for c in claims(text)}
    assert ("technology_transfer", "space_technology") in got
    assert ("technology_transfer", "military_technology") not in got


# --- an act named again as the rule it breaks: its standing is background, the act is the writer's -----------


def test_an_act_told_beside_its_standing_as_a_condemned_breach_is_still_told():
    text = (
        "Beyond Moscow's habit of buying missiles from North Korea, a plain breach of the sanctions that many states "
        "have condemned, Russia also sells the North far too much fuel."
    )
    got = {(c.kind, c.item) for c in claims(text)}
    assert ("shipment", "ballistic_missiles") in got
    assert ("condemnation", "ballistic_missiles") not in got


def test_a_condemnation_whose_object_is_called_a_breach_stays_a_condemnation():
    text = "Tokyo condemned the sale of missiles by North Korea to Russia, a plain breach of the sanctions, on Friday."
    got = {(c.kind, c.item) for c in claims(text)}
    assert ("condemnation", "ballistic_missiles") in got


# --- a statement told by its noun speaks for the one who made it -------------------------------------------------


def test_an_admission_by_the_north_is_its_confirmation():
    text = (
        "Putin praised his generals on Friday. His remarks followed a rare admission by Pyongyang that it had sent "
        "soldiers to fight for Russia."
    )
    got = {(c.kind, c.item, c.source) for c in claims(text)}
    assert ("confirmation", "troops", "North Korea government") in got
    assert not any(k == "troop_deployment" for k, _, _ in got)


def test_an_announcement_named_by_its_maker_is_the_makers_claim():
    text = (
        "The photos come a week after the State Department's announcement that North Korean shells are loaded at Rajin."
    )
    assert {(c.kind, c.source) for c in claims(text)} == {("shipment", "US State Department")}


# --- soldiers named by the task they are sent for ----------------------------------------------------------------


def test_soldiers_sent_to_clear_mines_are_combat_engineers():
    text = "Seoul says North Korea sent 800 soldiers to clear mines in Kursk last spring."
    got = {(c.kind, c.item, c.quantity) for c in claims(text)}
    assert ("personnel_dispatch", "combat_engineers", 800) in got
    assert not any(item == "troops" for _, item, _ in got)


def test_soldiers_sent_to_fight_stay_troops():
    text = "Seoul says North Korea sent 800 soldiers to fight near Kursk, where the fields are full of mines."
    assert ("troop_deployment", "troops") in readings(text)


# --- a statement in a clause after "after" is its speaker's claim, not a presupposed fact -------------------------


def test_a_claim_made_in_an_after_clause_is_the_speakers():
    text = (
        "In May, Putin addressed the nation after Moscow claimed to have retaken Sudzha with the help of North Korean "
        "soldiers."
    )
    assert {(c.kind, c.item, c.source) for c in claims(text)} == {("battlefield_use", "troops", "Russia government")}


def test_a_fact_in_an_after_clause_stays_presupposed():
    text = "Seoul widened its sanctions after North Korean soldiers helped Moscow retake Sudzha in March."
    assert ("battlefield_use", "troops") not in readings(text)


# --- "them" and "their" for the weapons of the sentence before, used in the fighting -------------------------------


def test_weapons_the_sentence_before_named_used_through_a_pronoun():
    text = "This spring Moscow took delivery of North Korean missiles. Its army is now using them to strike Kharkiv."
    got = readings(text)
    assert ("battlefield_use", "ballistic_missiles") in got


def test_their_use_by_the_russian_army_points_back_to_the_weapons():
    text = (
        "Seoul says Pyongyang shipped dozens of missiles to Russia. Kyiv has evidence of their use by the Russian army."
    )
    assert ("battlefield_use", "ballistic_missiles") in readings(text)


def test_a_pronoun_for_soldiers_is_not_read_as_weapons():
    text = "Seoul says Pyongyang shipped missiles and then soldiers to Russia. Moscow is using them to attack Sudzha."
    assert ("battlefield_use", "ballistic_missiles") not in readings(text)
