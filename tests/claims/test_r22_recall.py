"""Round 22 (session 16): claims the extractor did not output at all.

Sentences are our own; each test names the family of wordings it stands for and tries several members of it
(synonyms, word orders, other names of the parties), not the wording of any page.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 5, 2)
# a lead sentence that makes the page one about the story, so the sentence under test is read in context
LEAD = "Seoul says North Korea has sent soldiers to Russia. "


def _kinds(text: str) -> set[tuple[str, str, str]]:
    return {(c.kind, c.item, c.direction) for c in extract_claims(text, PUB)}


def _told(sentence: str) -> set[tuple[str, str, str]]:
    """What the sentence adds to the lead's own claim."""
    return _kinds(LEAD + sentence) - _kinds(LEAD)


TROOPS_CONFIRMED = ("confirmation", "troops", "NK->RU")
TROOPS_USED = ("battlefield_use", "troops", "NK->RU")


def test_units_of_the_norths_army_named_after_the_noun_are_its_soldiers():
    # the army's own name after "units"/"forces"/"brigades", as "KPA units" before it already was
    for sentence in (
        "Units of the Korean People's Army fought near Sudzha last winter.",
        "Forces of the DPRK took part in the battles for the Russian border villages.",
        "Two brigades of the North Korean army were fighting in the Kursk region in March.",
        "The Korean People\u2019s Army units fought alongside Russian marines.",
    ):
        assert TROOPS_USED in _told(sentence), sentence
    # another side's units stay its own, and the North's units in a sentence of no war nor Russia are at home
    assert TROOPS_USED not in _told("Units of the Ukrainian army fought near Sudzha last winter.")
    assert not _told("The drills exist to strengthen the units of the Korean People's Army that guard the border.")


def test_thanks_to_a_list_that_ends_in_the_norths_units_is_an_admission():
    # those thanked given as a list (the country, its leader, its army) before "for their help"
    for sentence in (
        "The Kremlin leader thanked Pyongyang, Kim Jong Un and the units of the Korean People's Army for their "
        "help in driving Ukrainian forces out of the region.",
        "Moscow thanked the North, its leader and the North's units for helping to retake the border district.",
        "Putin has thanked the units of the KPA that took part in the defeat of the incursion.",
    ):
        assert TROOPS_CONFIRMED in _told(sentence), sentence
    # thanks to the country alone, for nothing its soldiers did, admits no troops
    assert TROOPS_CONFIRMED not in _told("Putin thanked North Korea, China and Iran for their support at the UN.")


SATELLITE_HELP = ("technology_transfer", "satellite_technology", "RU->NK")


def test_an_indirect_question_by_if_is_no_condition_on_the_clause_before_it():
    # "asked if", "wondered if", "unclear if": what is asked claims nothing, the modal said before it stands
    for sentence in (
        "The Kremlin leader said Moscow would help Pyongyang build satellites and, asked by reporters if arms "
        "would be discussed, said every topic was open.",
        "Russia will help the North build satellites, Putin said, when a journalist asked him if weapons were on the "
        "agenda.",
    ):
        found = _kinds(sentence)
        assert SATELLITE_HELP in found, sentence
        assert ("shipment", "munitions", "NK->RU") not in found, sentence
    # a real condition still claims nothing on either side of it
    assert SATELLITE_HELP not in _kinds("Moscow would help Pyongyang build satellites if the North sent more troops.")


def test_the_soldiers_virtues_noted_by_their_side_are_an_admission():
    # a verb of noting with the praise in its noun: the virtue before "of" / "shown by", or after the possessive
    for sentence in (
        "Putin noted the professionalism, courage and heroism of the North Korean troops who fought in Kursk.",
        "The Kremlin stressed the courage shown by the North Korean servicemen.",
        "Putin highlighted the KPA soldiers\u2019 dedication and bravery in the battles for the border region.",
        "Shoigu emphasised the selflessness of the Korean comrades.",
    ):
        assert TROOPS_CONFIRMED in _told(sentence), sentence
    # another side's soldiers, or a fault noted, admit nothing
    for sentence in (
        "Putin noted the professionalism of Russian soldiers.",
        "Analysts noted the poor training of North Korean troops.",
    ):
        assert TROOPS_CONFIRMED not in _told(sentence), sentence


def _sources(text: str, kind: str) -> list[str]:
    return [c.source for c in extract_claims(text, PUB) if c.kind == kind]


def test_the_givers_own_word_on_its_help_is_a_teller_of_its_own():
    # Seoul reports Russia's help, then Russia's leader is told promising it: two tellers, two claims
    text = (
        "Seoul's spy agency said on Monday that Russia had helped North Korea put its satellite into orbit. "
        "The launch came two months after Putin promised to help Pyongyang build satellites."
    )
    assert sorted(_sources(text, "technology_transfer")) == ["Russia President", "South Korea NIS"]
    # the receiver's word on the same help stays the first teller's fact told again
    text = (
        "Seoul's spy agency said on Monday that Russia had helped North Korea put its satellite into orbit. "
        "Kim Jong Un said Russia had helped Pyongyang build satellites."
    )
    assert _sources(text, "technology_transfer") == ["South Korea NIS"]


def test_a_worry_about_a_possible_transfer_is_that_transfer_hedged():
    # convention 17e, in the wordings of a possibility: "the potential transfer of", "the possibility of", "the
    # prospect of", after concern, worry, fear or alarm
    for sentence, item in (
        (
            "Tokyo voiced concern about the potential transfer of nuclear know-how from Moscow to the North.",
            "nuclear_technology",
        ),
        (
            "Allies are worried about the possibility of Russia transferring missile technology to Pyongyang.",
            "missile_technology",
        ),
        ("Seoul fears the prospect of Moscow sharing submarine technology with North Korea.", "submarine_technology"),
    ):
        found = [c for c in extract_claims(sentence, PUB) if c.kind == "technology_transfer"]
        assert [(c.item, c.direction) for c in found] == [(item, "RU->NK")], sentence
        assert all(c.hedged for c in found), sentence
    # a possibility only talked about, or a worry about "any" transfer, still claims nothing (17e)
    for sentence in (
        "The leaders discussed the potential transfer of space technology to Pyongyang.",
        "The ministers expressed concern over the possibility of any transfer of nuclear technology to the North.",
    ):
        assert not [c for c in extract_claims(sentence, PUB) if c.kind == "technology_transfer"], sentence


def test_the_maker_told_by_participles_after_the_thing_is_origin_and_the_clauses_verb_decides():
    # "missiles produced in the DPRK were used ...": not news of output, a use of the North's make
    for sentence, item in (
        ("Missiles produced in North Korea were used against Kharkiv.", "ballistic_missiles"),
        ("Shells manufactured in the DPRK are being used on the front.", "artillery_shells"),
        (
            'Brussels says "missiles designed and built" in the DPRK were fired at Ukrainian cities.',
            "ballistic_missiles",
        ),
    ):
        found = _told(sentence)
        assert ("battlefield_use", item, "NK->RU") in found, sentence
        assert ("production", item, None) not in {(k, i, d or None) for k, i, d in found}, sentence
    # the North's output told as such stays production
    assert ("production", "artillery_shells", None) in {
        (c.kind, c.item, c.direction) for c in extract_claims("North Korea produced millions of shells last year.", PUB)
    }


def test_the_norths_missiles_stopped_by_ukraines_defences_were_used():
    missiles_used = ("battlefield_use", "ballistic_missiles", "NK->RU")
    for sentence in (
        "Ukraine's air force intercepted two North Korean KN-23 missiles overnight.",
        "The upgraded North Korean missiles are hard for Ukrainian air defences to intercept.",
        "Two North Korean missiles were intercepted by Ukrainian air defences over Kharkiv.",
    ):
        assert missiles_used in _told(sentence), sentence
    # the North's own launch, said hard to intercept with Ukraine unnamed, is no use in the war
    assert missiles_used not in _kinds("The missiles North Korea test-fired on Monday are difficult to intercept.")


def test_the_south_by_its_formal_name_speaks_in_a_joint_statement():
    # "the Republic of Korea (ROK)" as the last of the states condemning: the joint statement is theirs, not the
    # outlet's condemnation told again after its headline
    text = (
        "Joint Statement Condemning Arms Transfers From The DPRK\n\n"
        "Japan, the United Kingdom and the Republic of Korea (ROK) firmly condemn the provision of military equipment and "
        "munitions by the DPRK to the Russian Federation."
    )
    found = {(c.kind, c.item, c.source) for c in extract_claims(text, PUB)}
    joint = "Japan, United Kingdom and South Korea"
    assert ("condemnation", "military_equipment", joint) in found
    assert ("condemnation", "munitions", joint) in found
    # the North's own formal name is not the South
    sources = {
        c.source for c in extract_claims("The Democratic People's Republic of Korea said it sent no shells.", PUB)
    }
    assert "South Korea government" not in sources


def test_things_deployed_in_the_war_in_the_passive_and_soldiers_in_the_war_zone_are_used():
    for sentence, item in (
        ("The rockets Pyongyang traded to Moscow are now being deployed in Russia's offensive in Donetsk.", "rockets"),
        ("Kyiv says North Korean shells are being deployed on the front near Pokrovsk.", "artillery_shells"),
        ("A first brigade of North Korean soldiers has reached the war zone in Kursk.", "troops"),
        ("Kim's troops were seen in the conflict zone on Tuesday, Ukraine's intelligence said.", "troops"),
    ):
        assert ("battlefield_use", item, "NK->RU") in _told(sentence), sentence
    # a shipment is not read from the same passive, and things deployed at home are no use in the war
    assert ("shipment", "artillery_shells", "NK->RU") not in _told(
        "Kyiv says North Korean shells are being deployed on the front near Pokrovsk."
    )
    assert ("battlefield_use", "missile_launchers", "NK->RU") not in _told(
        "The North's new launchers are being deployed along its southern border."
    )
