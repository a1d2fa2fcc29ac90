"""Rule paths tightened after counting their claims on real development text (bench/accuracy.py --by-rule,
issue 14, session 8). Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 1)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.item) for c in extract_claims(text, PUB)]


# --- help that names no technology ----------------------------------------------------------------


def test_support_or_help_that_names_no_technology_is_no_technology_transfer():
    for text in (
        "Pyongyang can now count on Moscow's support in its standoff with Seoul, a South Korean official said "
        "after the North sent troops to Russia.",
        "The North Korean labourers bring their expertise to Russian building sites and earn hard currency for "
        "Pyongyang, which has sent thousands of them.",
    ):
        found = kinds(text)
        assert not any(kind == "technology_transfer" for kind, _ in found), (text, found)


def test_help_that_names_technology_or_a_domain_still_is_one():
    assert ("technology_transfer", "military_technology") in kinds(
        "Russia is giving the North technical support in return for its artillery shells, Seoul says."
    )
    assert ("technology_transfer", "military_technology") in kinds(
        "Seoul says Russia has offered the North military know-how in exchange for troops."
    )
    assert ("technology_transfer", "satellite_technology") in kinds(
        "Moscow is helping Pyongyang with its spy satellite programme in return for shells, Seoul says."
    )


# --- what a transfer pays for -----------------------------------------------------------------------


def test_what_russias_goods_pay_for_is_a_claim_when_told_as_news_and_presupposed_when_pointed_back():
    # Convention 21k (closing 18c): the North's side of a trade told as news (the things, or the act with its doer)
    # is a claim of its own; pointed back, or an act named by a gerund with no doer, it is presupposed.
    for text, kind in (
        ("Moscow is giving North Korea wheat in exchange for artillery shells, Kyiv says.", "shipment"),
        (
            "Russia is upgrading the North's air defences in exchange for Pyongyang sending troops, analysts say.",
            "troop_deployment",
        ),
    ):
        found = kinds(text)
        assert any(k == kind for k, _ in found), (text, found)
    for text in (
        "Moscow is giving North Korea wheat in exchange for those artillery shells, Kyiv says.",
        "Moscow is giving North Korea wheat in exchange for shipping artillery shells, Kyiv says.",
        "Russia is upgrading the North's air defences in return for its troop deployment, analysts say.",
        "Russia is upgrading the North's air defences in exchange for sending troops, analysts say.",
    ):
        found = kinds(text)
        assert not any(kind in ("shipment", "troop_deployment") for kind, _ in found), (text, found)
    # what Russia gives stays a claim
    assert ("compensation", "food") in kinds(
        "Moscow is giving North Korea wheat in exchange for shipping artillery shells, Kyiv says."
    )


def test_technology_that_no_one_gives_is_the_norths_own():
    text = (
        "Kim said the army's new rocket launcher, built with new technology, would bolster the artillery of the "
        "Korean People's Army, KCNA reported."
    )
    assert not any(kind == "technology_transfer" for kind, _ in kinds(text)), kinds(text)
    # received or given in exchange, technology is a transfer even where Russia goes unnamed
    assert ("technology_transfer", "military_technology") in kinds(
        "Officials in Seoul fear that the North could obtain advanced military technology in exchange for its troops."
    )


# --- a headline over the party's own word --------------------------------------------------------------


def test_a_headline_telling_a_partys_denial_is_the_denial_the_body_tells():
    body = (
        "Kremlin dismisses reports of North Korean troops in Ukraine\n\n"
        "Kremlin spokesman Dmitry Peskov on Monday dismissed reports that North Korean soldiers are fighting for Russia."
    )
    found = [(c.kind, c.item, c.source) for c in extract_claims(body, PUB)]
    assert found == [("denial", "troops", "Russia Kremlin")], found
    # another party's denial in the body is a statement of its own
    other = body.split("\n\n")[0] + (
        "\n\nPyongyang's foreign ministry on Monday dismissed reports that its soldiers are fighting for Russia."
    )
    found = [(c.kind, c.source) for c in extract_claims(other, PUB)]
    assert found == [("denial", "Russia Kremlin"), ("denial", "North Korea Foreign Ministry")], found


# --- what the other side fires, what soldiers learn to use, where things happen ------------------------


def test_weapons_the_west_gives_ukraine_named_by_their_names_are_not_the_norths():
    for text in (
        "Ukraine hit a Russian command post with Storm Shadow missiles on Monday, officials in Kyiv said.",
        "Kyiv fired ATACMS missiles at an airfield in Kursk where Russian jets were parked, the Pentagon said.",
    ):
        assert kinds(text) == [], (text, kinds(text))
    # the North's own missiles in the same breath still count
    found = kinds(
        "Russia has fired North Korean ballistic missiles at Kharkiv, and Kyiv answered with ATACMS missiles, "
        "Ukraine's air force said."
    )
    assert ("battlefield_use", "ballistic_missiles") in found, found


def test_what_soldiers_are_trained_to_use_is_not_a_thing_shipped():
    found = kinds(
        "North Korean soldiers sent to Russia are receiving specialised training in military equipment operation "
        "at camps in the Far East, Seoul said."
    )
    assert found == [("troop_deployment", "troops")], found
    found = kinds("North Korean crews are instructing Russian gunners on the howitzers they shipped, Kyiv says.")
    assert not any(item == "self_propelled_guns" for _, item in found), found


def test_a_place_told_by_what_happens_there_lends_its_verbs_to_nothing_outside_it():
    found = kinds("Shells landed near the village where North Korean troops were stationed last month, Kyiv said.")
    assert ("shipment", "artillery_shells") not in found, found
    # "where they ...": the clause tells of the things before it
    found = kinds(
        "Seoul said the North Korean troops sent to Kursk had little feel for the flat farmland where they are "
        "now fighting."
    )
    assert ("battlefield_use", "troops") in found, found
