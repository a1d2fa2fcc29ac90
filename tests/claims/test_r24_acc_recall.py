"""Round 24 (session 18), missed claims and figures: families of wording the extractor did not read.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 11, 4)


def _found(text: str, published: dt.date = PUB) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, published)}


def test_soldiers_sent_to_ukraine_in_the_passive_are_the_norths_troops_sent_to_the_war():
    # the active form ("the North sent troops to Ukraine") was read; the passive with the soldiers as its subject was
    # taken for a transfer to the other side
    for text in (
        "Seoul's defence chief said North Korean soldiers may have been sent to Ukraine.",
        "Troops from the North were reportedly sent to Ukraine over the summer.",
        "Pyongyang's soldiers are now being sent to Ukraine, Kyiv's spy chief said.",
    ):
        assert ("troop_deployment", "troops", "NK->RU", None) in _found(text), text


def test_weapons_sent_to_ukraine_stay_a_transfer_to_the_other_side():
    found = _found("North Korea sent shells to Moscow, while more Western shells were sent to Ukraine.")
    assert ("shipment", "artillery_shells", "NK->RU", None) in found
    assert not any(kind == "troop_deployment" for kind, _, _, _ in found)


def test_a_decimal_printed_with_a_space_after_its_point_is_one_figure():
    # machine-translated pages print "2. 5 million": one amount, not a sentence ending at "2."
    for text, kind, item, amount in (
        (
            "Since last summer the North has shipped more than 3. 2 million shells to Russia.",
            "shipment",
            "artillery_shells",
            3_200_000,
        ),
        (
            "About 1. 5 million rounds of North Korean ammunition were moved to Russia by rail, Kyiv says.",
            "shipment",
            "artillery_shells",
            1_500_000,
        ),
        (
            "Moscow paid Pyongyang roughly 5. 5 billion dollars for the arms, a study found.",
            "compensation",
            "cash",
            5_500_000_000,
        ),
    ):
        assert (kind, item, "NK->RU" if kind == "shipment" else "RU->NK", amount) in _found(text), text


def test_a_year_ending_a_sentence_before_a_count_stays_two_sentences():
    found = _found("The North sent shells to Russia in 2023. 5 million more followed a year later.")
    assert ("shipment", "artillery_shells", "NK->RU", 5_000_000) in found


def test_an_earlier_batch_told_beside_the_one_counted_is_a_count_of_its_own():
    # the earlier batch's noun is left out ("the 100 it delivered"): the same things, counted apart
    for text, item, first, earlier in (
        (
            "Pyongyang plans to send 200 more missiles to Moscow next year, on top of the 100 it delivered this year.",
            "ballistic_missiles",
            200,
            100,
        ),
        (
            "The North will ship another 50 launchers to Russia, adding to the 40 already handed over.",
            "missile_launchers",
            50,
            40,
        ),
        (
            "Russia is set to get 3 million more shells from North Korea, besides the 2 million already sent.",
            "artillery_shells",
            3_000_000,
            2_000_000,
        ),
    ):
        found = _found(text)
        assert ("shipment", item, "NK->RU", first) in found, text
        assert ("shipment", item, "NK->RU", earlier) in found, text


def test_a_count_after_in_addition_to_with_its_own_noun_or_no_verb_is_not_an_earlier_batch():
    # "in addition to 300 engineers": another group, named with its own noun
    found = _found("North Korea has sent 11,000 troops to Russia, in addition to 300 engineers.")
    assert ("troop_deployment", "troops", "NK->RU", 300) not in found


def test_anticipated_to_in_the_passive_is_a_forecast_like_expected_to_not_a_wish():
    # "Russia is anticipated to keep helping" forecasts the giver's act; "the North is anticipating Russian help" is a
    # wish of the receiver's, which reports nothing
    for text, kind, item, direction in (
        (
            "Russia is anticipated to keep giving North Korea technical help with its spy satellites, Seoul's defence "
            "minister said.",
            "technology_transfer",
            "satellite_technology",
            "RU->NK",
        ),
        (
            "Moscow was anticipated to provide Pyongyang with help for its satellite launches.",
            "technology_transfer",
            "satellite_technology",
            "RU->NK",
        ),
        (
            "North Korea is anticipated to ship more shells to Russia this winter.",
            "shipment",
            "artillery_shells",
            "NK->RU",
        ),
    ):
        assert (kind, item, direction, None) in _found(text), text
    assert not _found("North Korea is anticipating Russian technical help for its satellites.")


def test_a_party_saying_there_is_no_proof_of_a_charge_denies_it():
    # the party's own "no evidence that ...", "no proof of ...", "lacks any evidence": its denial of what it names
    for text, item in (
        ("The Kremlin said there was no evidence that Pyongyang was sending arms to Moscow.", "munitions"),
        ("Russia insisted there was no proof of North Korean troops in Kursk.", "troops"),
        ("Pyongyang's foreign ministry said there was no proof it had sold missiles to Moscow.", "ballistic_missiles"),
        ("Peskov said the reports of North Korean shells in Russia lack any concrete evidence.", "artillery_shells"),
    ):
        found = {(c.kind, c.item, c.stance) for c in extract_claims(text, PUB)}
        assert found == {("denial", item, "denied")}, text


def test_anyone_else_finding_no_evidence_reports_nothing():
    for text in (
        "Seoul said there is no evidence that North Korea sent more troops to Russia.",
        "Investigators found no evidence that the missile was made in Russia.",
    ):
        assert not _found(text), text


def test_a_part_of_a_count_told_with_being_is_its_own_count():
    # "600 of those being fatalities": the part of the losses that died, as "600 of them were killed" is
    for text, whole, part in (
        (
            "North Korean forces have suffered about 4,700 casualties in Kursk, with around 600 of those being fatalities.",
            4700,
            600,
        ),
        ("Kyiv counts 3,000 North Korean casualties in Kursk, some 1,000 of them being deaths.", 3000, 1000),
        ("The North has lost some 4,700 soldiers in Kursk, roughly 600 of these being killed in action.", 4700, 600),
    ):
        found = _found(text)
        assert ("casualties", "killed_or_wounded", None, whole) in found, text
        assert ("casualties", "killed", None, part) in found, text


_FIGHTING = "North Korean troops are fighting in Kursk. "


def test_a_casualty_word_quoted_after_its_count_keeps_the_count():
    # the source's own word in quotation marks, after a bare count of the people it befell
    for text, item, amount in (
        ('As many as 30 have been "killed or wounded," Kyiv\'s intelligence said.', "killed_or_wounded", 30),
        ("Some 40 of them were 'captured' in the raid, Kyiv says.", "captured", 40),
        ('About 100 have reportedly "died" there, Seoul said.', "killed", 100),
    ):
        assert ("casualties", item, None, amount) in _found(_FIGHTING + text), text


def test_people_counted_by_a_fate_that_is_no_casualty_word_are_not_a_count_sent():
    # "three soldiers went missing" counts the missing, not the soldiers the North sent
    for text in (
        _FIGHTING + "At least three North Korean soldiers went missing near the village, Kyiv said.",
        _FIGHTING + "Two North Korean soldiers are unaccounted for after a clash, Kyiv said.",
        _FIGHTING + "Some 20 North Korean soldiers have reportedly deserted from their unit.",
    ):
        counts = {c.quantity for c in extract_claims(text, PUB) if c.kind == "troop_deployment"}
        assert counts <= {None}, text


def test_one_count_given_to_each_of_the_things_listed_counts_every_one():
    for text, first, second, amount in (
        (
            "North Korea sent self-propelled howitzers and rocket launchers to Russia, 50 of each.",
            "self_propelled_guns",
            "multiple_rocket_launchers",
            50,
        ),
        (
            "Russia has received rocket launchers and self-propelled howitzers from the North, roughly 60 pieces of each.",
            "multiple_rocket_launchers",
            "self_propelled_guns",
            60,
        ),
        (
            "Moscow will get more Koksan howitzers and 240 mm rocket launchers, Kyiv's spy chief said, adding that the "
            "North had handed over 120 systems of each kind since the summer.",
            "self_propelled_guns",
            "multiple_rocket_launchers",
            120,
        ),
    ):
        found = _found(text)
        assert ("shipment", first, "NK->RU", amount) in found, text
        assert ("shipment", second, "NK->RU", amount) in found, text


def test_a_share_of_the_rounds_named_by_their_calibres_is_a_share_of_supply():
    for text, share in (
        (
            "Kyiv says 60 percent of the 122 millimeter and 152 millimeter artillery ammunition that Russian forces are "
            "firing near Kharkiv comes from North Korea.",
            0.6,
        ),
        (
            "About half of the large-calibre 152mm artillery shells fired by Russian gunners near Kupiansk are North "
            "Korean, Kyiv says.",
            0.5,
        ),
        (
            "Two thirds of the 122mm and 152mm rounds used by Russia in the east now come from Pyongyang, according to "
            "Ukrainian officers.",
            0.6667,
        ),
    ):
        assert ("supply_share", "share_of_supply", "NK->RU", share) in _found(text), text


def test_the_idioms_of_fighting_read_as_use_in_the_war():
    # "seen action", "went into action", as "in action" already read; "killed in action" stays a casualty
    for text, item in (
        ("North Korean soldiers have seen action in Kursk, Kyiv says.", "troops"),
        ("North Korean troops went into action near Kursk last week.", "troops"),
        ("The North Korean launchers have already seen heavy action in Ukraine.", "missile_launchers"),
    ):
        assert ("battlefield_use", item, "NK->RU", None) in _found(text), text
    assert {k for k, _, _, _ in _found("North Korean troops killed in action in Kursk were buried.")} == {"casualties"}


def test_engineers_named_by_a_building_task_are_builders():
    # as people sent "to clear mines" are sappers, engineers sent to rebuild are the army's builders
    for text, amount in (
        ("North Korea will send Russia 5,000 military engineers to help rebuild roads in Kursk.", 5000),
        (
            'A further 4,000 North Korean military engineers will help "rebuild what the enemy destroyed," Moscow said.',
            4000,
        ),
        ("Pyongyang sent 2,000 army engineers who will reconstruct bridges in the Kursk region.", 2000),
    ):
        assert ("personnel_dispatch", "military_construction_workers", "NK->RU", amount) in _found(text), text
    found = _found("North Korea sent 1,000 military engineers to clear mines in Kursk.")
    assert ("personnel_dispatch", "combat_engineers", "NK->RU", 1000) in found
