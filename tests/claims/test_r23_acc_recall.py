"""Round 23 (session 17), missed claims and figures: families of wording the extractor did not read.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2024, 6, 3)


def _launches(text: str, published: dt.date = PUB) -> list[tuple[float | None, str]]:
    return [(c.quantity, c.source) for c in extract_claims(text, published) if c.kind == "satellite_launch"]


# A completed launch told with its count, then a later launch told as a failure (convention 23a): two launches.
_DONE = "North Korea put its first military spy satellite into orbit last November. "


def test_a_launch_told_as_a_failure_is_not_the_completed_launch_counted_before_it():
    # the failure as a noun, as the launch's own verb, and as an adjective of the launch; in the outlet's voice
    for failed in (
        "Its failure to launch a second satellite on Monday points to trouble with a new engine.",
        "A further launch attempt in late May failed when the rocket broke apart.",
        "The rocket carrying a second spy satellite exploded shortly after lift-off on Monday.",
        "Debris from the unsuccessful second launch was pulled from the sea by the South Korean navy.",
    ):
        found = _launches(_DONE + failed)
        assert sorted(found, key=lambda f: f[0] is None) == [(1, "outlet"), (None, "outlet")], failed


def test_a_failed_launch_told_by_a_named_source_after_the_count_stands_too():
    found = _launches(
        _DONE + "South Korea's Joint Chiefs of Staff said the satellite launch on Monday had failed within minutes."
    )
    assert (1, "outlet") in found and (None, "South Korea JCS") in found


def test_tries_that_failed_before_a_completed_launch_add_no_launch():
    # the failed tries are background to the launch told (19a): no claim beside the count (a sentence that names the
    # tries keeps its launch figure-less, 16a)
    assert (
        len(_launches("North Korea launched a spy satellite last November, after two failed attempts that year.")) == 1
    )
    for text in (
        _DONE + "That launch was its third attempt after two failed tries in May and August.",
        _DONE + "The November launch came after two launch failures.",
    ):
        assert _launches(text) == [(1, "outlet")], text


def test_a_failure_told_again_is_one_failed_launch():
    found = _launches(
        _DONE
        + "Its attempt to launch a second satellite on Monday failed. The rocket exploded two minutes after liftoff."
    )
    assert found == [(1, "outlet"), (None, "outlet")]


def _kinds(text: str, published: dt.date = PUB) -> list[tuple[str, str]]:
    return [(c.kind, c.item) for c in extract_claims(text, published)]


_LEAD = "North Korea has kept shipping weapons to Moscow. "


def test_a_state_named_in_the_credit_speaks_and_is_not_another_supplier():
    # the EU (or Europe) as one of the signers a closing "according to ..." names; the sentence's use is read
    for quoted in (
        '"We oppose these continued arms transfers, which Russia has used to strike power plants," according to '
        "the statement by Japan, Canada and the EU's foreign policy chief.",
        '"Russia has fired these weapons at Ukrainian cities," according to a joint note from Britain and the '
        "European Union.",
        "Russia has been firing the weapons at Ukraine's cities, according to officials from Europe and Japan.",
    ):
        assert ("battlefield_use", "munitions") in _kinds(_LEAD + quoted), quoted


def test_a_state_that_supplies_is_still_another_supplier():
    # Europe's own transfer, told without the North, is no claim about the North's weapons
    found = _kinds(_LEAD + "The EU has sent Kyiv more weapons, which Ukraine has used to strike Russian positions.")
    assert found == [("shipment", "munitions")]


def test_russia_asking_the_north_for_help_or_living_on_its_supplies_is_dependence():
    # asking, requesting, seeking the North's help; the North as Russia's lifeline: a share of supply with no figure
    for text in (
        "Russia asked North Korea for assistance because its own artillery reserves are running low.",
        "Facing empty depots, the Kremlin requested Pyongyang for more ammunition last year, Kyiv says.",
        "North Korea has shipped shells to Russia. The Kremlin sought military help from Pyongyang as its factories "
        "fell behind, Kyiv says.",
        "Pyongyang has turned into an arms lifeline for Moscow, analysts say.",
    ):
        assert ("supply_share", "share_of_supply") in _kinds(text), text


def test_a_lifeline_the_north_receives_is_no_dependence_of_russia():
    text = "Russia's refined oil provides a critical lifeline for North Korea's economy, the report says."
    assert ("supply_share", "share_of_supply") not in _kinds(text)


def _told(text: str, published: dt.date = PUB) -> list[tuple[str, str, str]]:
    return [(c.kind, c.item, c.source) for c in extract_claims(text, published)]


_STUDY = (
    "North Korea earned $300 million last year by exporting arms to Russia, the Royal United Services Institute said. "
)


def test_states_naming_a_transfer_together_are_a_teller_of_their_own():
    # two or three states as one subject, in the sentence itself, after another body told the transfer first
    for text, joint in (
        (_STUDY + "South Korea and the U.S. have accused Pyongyang of supplying arms to Moscow.", "South Korea and "),
        (_STUDY + "Seoul and Washington say the North keeps shipping weapons to Russia.", "South Korea and "),
        (_STUDY + "The US, Japan and South Korea said North Korea had sent arms to Russia.", "United States, "),
    ):
        assert any(k == "shipment" and s.startswith(joint) for k, _, s in _told(text)), text


def _casualties(text: str) -> list[tuple[str, float | None]]:
    return [(c.item, c.quantity) for c in extract_claims(text, PUB) if c.kind == "casualties"]


def test_soldiers_told_killed_and_wounded_without_a_count_are_one_claim_of_the_pair():
    # both harms told together, in the passive, with another verb, in either order: one killed_or_wounded claim
    for text in (
        "Kyiv has claimed that North Korean soldiers were killed and wounded in a clash near Sudzha.",
        "The Pentagon confirmed that North Korean troops had been killed and injured in the Kursk fighting.",
        "Seoul's spy agency said North Korean soldiers were wounded and killed in drone attacks last week.",
    ):
        assert _casualties(text) == [("killed_or_wounded", None)], text
    # with a count it was one claim already; one harm alone stays that harm
    assert _casualties("Kyiv says 300 North Korean soldiers were killed and wounded in Kursk.") == [
        ("killed_or_wounded", 300)
    ]
    assert _casualties("Kyiv says North Korean soldiers were killed in a clash near Sudzha.") == [("killed", None)]


def test_the_norths_side_of_a_trade_after_russia_supplying_it_with_goods_is_read():
    # "Russia supplied/provided/equipped the North with X in exchange for / in return for / as payment for Y": X is
    # Russia's payment, Y the North's transfer told as news (21k)
    for text, item in (
        ("Russia supplied North Korea with flour in exchange for artillery shells, officials say.", "artillery_shells"),
        ("Moscow has provided Pyongyang with oil and wheat in return for North Korean rockets.", "rockets"),
        (
            "The Kremlin supplied North Korea with refined oil as payment for ballistic missiles, Seoul says.",
            "ballistic_missiles",
        ),
    ):
        found = _kinds(text)
        assert ("shipment", item) in found and any(k == "compensation" for k, _ in found), text


def test_bare_equipment_listed_with_arms_is_war_equipment():
    # listed after ammunition or weapons, as "other equipment" after weapons, or before munitions: military_equipment
    for text in (
        "North Korea keeps supplying Russia with weapons, ammunition and equipment, Seoul says.",
        "Pyongyang is handing Moscow weapons and other equipment for the war, Kyiv says.",
        "North Korea sent equipment and munitions to Russia by rail last month, officials said.",
    ):
        assert ("shipment", "military_equipment") in _kinds(text), text
    # equipment named by no arms beside it is no war equipment
    assert _kinds("North Korea bought skiing equipment from Russia for its new resort, the paper said.") == []


def test_a_party_that_owns_a_denial_named_as_a_noun_denies():
    # the possessive before "denial(s)", as "denials from/by" after it already read
    for text, party in (
        (
            "Despite Pyongyang's denials that it had sold arms to Russia, Washington said the North delivered rockets.",
            "North Korea government",
        ),
        ("Moscow's denial that it received North Korean shells was repeated on Monday.", "Russia government"),
        (
            "The Kremlin's repeated denials of any arms deal with North Korea have not convinced Seoul.",
            "Russia Kremlin",
        ),
    ):
        assert any(k == "denial" and s == party for k, _, s in _told(text)), text


def test_a_denial_of_military_technical_cooperation_denies_the_arms_trade():
    # the two states' dealings named as a whole, denied in several ways: weapons in general, not Russia's know-how
    for text in (
        "Moscow categorically rejects the accusations of military-technical cooperation with the DPRK, Zakharova said.",
        "The Kremlin denied any illegal military-technical ties with Pyongyang on Friday.",
        "Russia has dismissed Western claims of military-technical collaboration with North Korea as fabrications.",
    ):
        found = [(k, i) for k, i, _ in _told(text)]
        assert ("denial", "munitions") in found and ("denial", "military_technology") not in found, text
    # Russia's technical help named and denied stays the know-how denied
    assert ("denial", "military_technology") in [
        (k, i) for k, i, _ in _told("Moscow denied giving Pyongyang any military technology, the ministry said.")
    ]


def _counted(text: str) -> list[tuple[str, str, float | None]]:
    return [(c.kind, c.item, c.quantity) for c in extract_claims(text, PUB)]


def test_a_count_of_the_loads_is_no_count_of_the_things_in_them():
    # shipments, deliveries, consignments counted before the thing they carry: the thing, with no figure
    for text, item in (
        ("North Korea has sent around ten arms shipments to Russia, a lawmaker said.", "munitions"),
        ("Pyongyang made 40 ammunition deliveries to Moscow last year, Kyiv says.", "munitions"),
        ("North Korea sent Russia six missile consignments by sea, Seoul said.", "ballistic_missiles"),
    ):
        assert ("shipment", item, None) in _counted(text), text
    # containers are the unit counted, and a count of the things stays theirs
    assert ("shipment", "containers", 10000) in _counted(
        "North Korea has sent some 10,000 container shipments to Russia."
    )
    assert ("shipment", "artillery_shells", 500) in _counted("North Korea sent 500 shells in two shipments to Russia.")


def test_armaments_are_weapons_in_general():
    for text in (
        "North Korea supplies Moscow with armaments for its war against Ukraine, analysts say.",
        "Seoul says Pyongyang has shipped armaments to Russia by rail since August.",
        "The EU listed firms involved in North Korean armament supply to Russia.",
    ):
        assert any(i == "munitions" for _, i, _ in _told(text)), text
    # a body named for armament is no weapon
    assert _told("Poland's State Armament Agency signed a deal for South Korean howitzers.") == []


def test_a_vague_count_is_not_restated_by_a_figure_its_voice_gives_as_a_ceiling():
    # "thousands" told as on the way, and the same voice's plan of "up to 10,000" (told also as a bare 10,000): two facts
    for text in (
        'Zelensky said "thousands" of North Korean soldiers are on their way to Russia. According to Zelensky, '
        'Pyongyang is preparing to send up to 10,000 soldiers. "They are preparing 10,000 soldiers," he said.',
        "Kyiv says thousands of North Korean troops are already in Russia. Kyiv says the North will send up to 12,000 "
        'troops in all. "12,000 troops are being readied," Kyiv says.',
        "Thousands of North Korean soldiers have reached Russia, Seoul says. Seoul says Pyongyang will send as many as "
        "8,000 troops; it is training 8,000 troops for the war, Seoul says.",
    ):
        figures = {q for k, _, q in _counted(text) if k == "troop_deployment"}
        assert 2000 in figures, text
    # a figure that is no ceiling still covers the vague word of the same voice
    text = "Seoul says thousands of North Korean troops are in Russia. Seoul says 11,000 North Korean troops are there."
    assert {q for k, _, q in _counted(text) if k == "troop_deployment"} == {11000}


def test_the_outlet_telling_the_north_sending_is_a_claim_beside_a_count_elsewhere():
    # the North the subject of a finite verb of sending, in the outlet's voice, after a named source's count
    lead = "Seoul's spy agency says the North has sent 3 million shells to Russia. "
    for text in (
        lead + "North Korea has sent Russia large quantities of artillery shells.",
        lead + "Pyongyang has been shipping artillery rounds and old guns to Moscow for a year.",
        lead + '"The quality problem may come from the fact that the North provided shells made in the 1970s."',
    ):
        figures = [q for k, i, q in _counted(text) if (k, i) == ("shipment", "artillery_shells")]
        assert 3_000_000 in figures and None in figures, text
    # the same shells only named, not told sent, still sum up the count
    text = lead + "The North Korean shells have a high failure rate, gunners complain."
    assert [q for k, i, q in _counted(text) if (k, i) == ("shipment", "artillery_shells")] == [3_000_000]
