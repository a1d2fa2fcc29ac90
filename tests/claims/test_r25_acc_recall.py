"""Round 25 (session 19), missed claims, figures and kinds pooled over every development set: families of wording
the extractor read wrongly or not at all.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 2, 10)


def _found(text: str, published: dt.date = PUB) -> set[tuple[str, str, str | None, float | None]]:
    return {(c.kind, c.item, c.direction, c.quantity) for c in extract_claims(text, published)}


def _kinds(text: str) -> set[str]:
    return {kind for kind, _, _, _ in _found(text)}


def test_a_sanctioned_or_designated_thing_named_in_passing_is_no_condemnation():
    # "UN-sanctioned ships", "U.S.-designated tankers", "talks with sanctioned firms": the thing's standing, told beside
    # the sentence's fact, which is read as if the attribute were not there (25a)
    for text, claim in (
        (
            "Roughly 800,000 barrels of fuel flowed from Russia to North Korea last year, some of it on UN-sanctioned vessels.",
            ("compensation", "oil", "RU->NK", 800_000),
        ),
        (
            "The tankers, several of them U.S.-designated, sailed as 4,000 more North Korean soldiers were sent to Russia.",
            ("troop_deployment", "troops", "NK->RU", 4_000),
        ),
        (
            "North Korea shipped 2,000 containers of shells to Russia through dealings with sanctioned trading houses.",
            ("shipment", "containers", "NK->RU", 2_000),
        ),
        (
            "Analysts say Russian oil reached Pyongyang aboard EU-designated freighters in the spring.",
            ("compensation", "oil", "RU->NK", None),
        ),
    ):
        found = _found(text)
        assert claim in found, (text, found)
        assert "condemnation" not in {kind for kind, _, _, _ in found}, (text, found)


def test_sanctioning_and_designating_as_acts_stay_condemnations():
    for text in (
        "The EU sanctioned two North Korean generals over the deployment of troops to Russia.",
        "Washington designated three Russian shipping firms for moving North Korean shells to Russia.",
        "Britain on Tuesday sanctioned a Russian bank that paid for North Korean missiles.",
    ):
        assert "condemnation" in _kinds(text), text


def test_a_missile_and_nuclear_programme_is_no_missile_shipped():
    # the programme the bomb is named beside is no more a missile sent than "its missile programme" alone was
    for text in (
        "Western capitals fear more transfers of Russian know-how that would feed Pyongyang's ballistic missile and"
        " nuclear weapons programmes.",
        "Officials worry about the transfer of sensitive designs to the North's ballistic missile and nuclear programs.",
        "Moscow's transfers of engine expertise could boost Pyongyang's cruise missile and nuclear weapons programs,"
        " analysts said.",
    ):
        found = _found(text)
        assert not any(kind == "shipment" for kind, _, _, _ in found), (text, found)


def test_weapons_in_general_listed_before_named_things_are_one_of_the_list():
    # "artillery and munitions" was already read as two claims; the same list with the general word first, or with an
    # amount of it that counts nothing, lost the general word to the named things (25b)
    for text, named in (
        (
            "Pyongyang began moving ammunition and artillery shells to Russia last autumn, officials said.",
            "artillery_shells",
        ),
        ("Washington accuses the North of selling ammunition, rockets and howitzers to Moscow.", "rockets"),
        (
            "Seoul says the North's aid to Russia includes 150 howitzers and a large quantity of ammunition.",
            "self_propelled_guns",
        ),
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert {"munitions", named} <= items, (text, items)


def test_weapons_in_general_as_a_heading_or_beside_more_of_the_same_stay_folded():
    for text in (
        "North Korea shipped weapons, including artillery shells, to Russia, officials said.",
        "North Korea shipped arms such as rockets to Russia, officials said.",
        "Ministers said sending rockets, and any other weapons and related goods, from the North to Russia breaks UN rules.",
    ):
        items = {item for kind, item, _, _ in _found(text) if kind == "shipment"}
        assert "munitions" not in items, (text, items)


def test_reinforcements_the_north_sends_are_its_troops_sent():
    # a bare "reinforcements" was read only with a count or the North's name before it; a verb of sending governs it
    # as it governs "troops", and its subject says whose they are (25c)
    for text in (
        "Pyongyang could send reinforcements to the Kursk front within weeks, a US official said.",
        "Kyiv says the North is now dispatching more reinforcements to Russia.",
        "According to Seoul, North Korea has sent reinforcements to help Moscow hold Kursk.",
    ):
        assert ("troop_deployment", "troops", "NK->RU", None) in _found(text), text


def test_reinforcements_of_another_army_are_not_the_norths():
    for text in (
        "North Korea has sent 11,000 soldiers to Russia. Kyiv sent reinforcements to Sumy last week.",
        "North Korea has sent 11,000 soldiers to Russia. Moscow is sending reinforcements to the south.",
    ):
        found = _found(text)
        assert ("troop_deployment", "troops", "NK->RU", 11_000) in found
        assert ("troop_deployment", "troops", "NK->RU", None) not in found, (text, found)


def test_a_further_deployment_named_by_its_noun_alone_is_the_norths_troops():
    # "preparing for additional deployment": the act's noun stands for the soldiers the article is about (25c)
    for text in (
        "North Korea is getting ready for an additional deployment to Russia, the spy agency believes.",
        "Seoul's spy agency sees signs that Pyongyang is planning a further deployment to Russia.",
        "Officials in Seoul said the North may be readying another deployment for the war in Ukraine.",
    ):
        assert ("troop_deployment", "troops", "NK->RU", None) in _found(text), text


def test_a_further_deployment_of_a_named_thing_is_that_things():
    found = _found("Russia has received North Korean missiles, and a further deployment of the missiles is expected.")
    assert not any(kind == "troop_deployment" for kind, _, _, _ in found), found
