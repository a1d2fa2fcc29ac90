"""Round 22 (session 16): figures linked to the things they count.

Sentences are our own; each test names the family of wordings it stands for.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)  # a Thursday


def _figures(text: str, published: dt.date = PUB) -> dict[tuple[str, str], tuple[float | None, str | None]]:
    return {(c.kind, c.item): (c.quantity, c.bound) for c in extract_claims(text, published)}


def test_a_participle_of_making_or_state_between_an_amount_and_its_noun_is_a_modifier():
    # How the things were made or what state they are in describes them, as "upgraded" already did: the amount
    # still counts them, in a list too.
    text = (
        "Seoul said on Tuesday that the North had shipped about 60 refurbished 122mm howitzers "
        "and 12 modernised rocket launchers to Russia."
    )
    got = _figures(text)
    assert got[("shipment", "self_propelled_guns")] == (60, "about")
    assert got[("shipment", "multiple_rocket_launchers")] == (12, "exact")


def test_an_adverb_of_manner_before_a_participle_makes_it_a_modifier_of_the_counted_noun():
    for wording in ("locally assembled", "newly produced", "domestically built"):
        text = f"Officials in Kyiv said on Monday that North Korea sent some 30 {wording} rocket launchers to Russia."
        assert _figures(text)[("shipment", "multiple_rocket_launchers")] == (30, "about"), wording


def test_a_hedge_before_a_participle_still_opens_a_verb_and_the_amount_counts_nothing_after_it():
    # "reportedly" opens the verb of the clause the amount is the subject of: the 300 are not the launchers.
    text = "Seoul said on Monday that 300 reportedly crossed with launchers the North shipped to Russia."
    assert _figures(text).get(("shipment", "multiple_rocket_launchers"), (None, None))[0] != 300


def test_north_koreans_counted_with_what_befell_them_as_a_participle_or_a_verb_before_are_casualties():
    # "North Koreans" and "men" are people only when counted and what befell them is told: a participle after them
    # or the casualty verb just before their count tells it as the predicate and a relative clause already did.
    for text in (
        "Kyiv holds four North Koreans taken prisoner in Kursk, the Ukrainian army said on Friday.",
        "Ukrainian marines captured four North Koreans in a raid near Kursk, the army said on Friday.",
        "The army said on Friday that four North Koreans captured near Kursk would be questioned.",
    ):
        assert _figures(text).get(("casualties", "captured")) == (4, "exact"), text


def test_north_koreans_counted_without_a_fate_stay_no_claim():
    text = "Four North Koreans arrived in Moscow on Friday for talks on trade, state media said."
    assert not [k for k in _figures(text) if k[0] == "casualties"]


def test_failed_tries_told_after_a_launch_are_not_its_count_whatever_its_outcome():
    # "after"/"following" a count of failures: the tries came before the launch the sentence tells (convention 19a),
    # also when the sentence does not say the launch succeeded.
    text = (
        "Seoul said on Monday that the North fired a rocket carrying a spy satellite last week, "
        "following three failed launches last year."
    )
    assert _figures(text)[("satellite_launch", "reconnaissance_satellite")] == (None, None)


def test_failures_counted_as_the_subject_are_still_the_launches_count():
    text = "Seoul said on Monday that two failed launches of the North's spy satellite had cost it a year."
    assert _figures(text)[("satellite_launch", "reconnaissance_satellite")] == (2, "exact")


def test_no_rule_of_the_claims_package_is_defined_twice_at_module_level():
    # One copy of each rule: a second assignment of the same name silently shadows the first (a wider
    # NUMBER_OF_BEFORE had been dead code behind a narrower twin further down cues.py).
    import ast
    from collections import Counter
    from pathlib import Path

    import monitor.claims

    for path in Path(monitor.claims.__file__).parent.glob("*.py"):
        names: Counter[str] = Counter()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names[node.target.id] += 1
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names[node.name] += 1
        assert [n for n, k in names.items() if k > 1] == [], path.name


def test_the_number_of_a_thing_is_linked_to_its_figure_across_an_adverb_after_the_verb():
    text = (
        "The number of North Korean troops based in Russia is now about 14,000, Ukrainian intelligence said on Monday."
    )
    assert _figures(text)[("troop_deployment", "troops")] == (14000, "about")


def test_the_norths_soldiers_called_mercenaries_are_counted_as_troops():
    text = "Ukrainian officials said on Monday that more than 2,000 North Korean mercenaries had started training in Kursk."
    assert _figures(text)[("troop_deployment", "troops")] == (2000, "at_least")
    hired = "Kyiv said on Monday that 1,500 Wagner mercenaries fought in Kursk alongside troops from North Korea."
    assert (1500, "at_least") not in _figures(hired).values() and (1500, "exact") not in _figures(hired).values()


def test_the_drone_plants_zone_and_republic_are_russia_for_the_workers_sent_there():
    text = "Pyongyang could send 12,000 workers to the drone plant in Yelabuga, Japanese media reported on Monday."
    assert _figures(text)[("personnel_dispatch", "workers")] == (12000, "exact")


def test_russia_as_the_place_people_were_sent_to_is_no_army_acting_on_the_people_counted_after_it():
    # The sentence names no North Korean party, but "to Russia" is where the group went, not Russia's own army acting:
    # the officers counted in the group are the North's, told of in the sentence before.
    text = (
        "North Korea has sent about 10,000 soldiers to Russia, Ukraine's intelligence chief said on Monday. "
        "He said that the military personnel sent to Russia included 400 officers."
    )
    assert _figures(text)[("personnel_dispatch", "military_officers")] == (400, "exact")
    own = "Ukraine's army said on Monday that Russia has massed 40,000 soldiers near Kursk."
    assert ("troop_deployment", "troops") not in _figures(own)


def test_full_capacity_set_off_in_quotation_marks_is_about_full_and_plain_is_exact():
    # Convention 22s: the teller's loose phrase quoted ("operating at full capacity", "at full swing") is about full;
    # told plainly, or inside a whole quoted statement, it stays full capacity exactly (convention 10).
    for wording in ('are "running at full capacity" to', "are running at \u201cfull tilt\u201d to"):
        text = f"Seoul said on Monday that North Korea's arms plants {wording} make shells for Russia."
        assert _figures(text)[("production", "munitions")] == (1.0, "about"), wording
    plain = (
        "Seoul said on Monday that North Korea's arms plants are running at full capacity to make shells for Russia."
    )
    assert _figures(plain)[("production", "munitions")] == (1.0, "exact")


def test_a_round_figure_with_odd_after_it_is_about_that_figure():
    from monitor.claims.quantities import parse_quantity

    assert (parse_quantity("10,000-odd").quantity, parse_quantity("10,000-odd").bound) == (10000, "about")
    text = "Seoul said on Monday that North Korea had sent 40-odd rocket launchers to Russia."
    assert _figures(text)[("shipment", "multiple_rocket_launchers")] == (40, "about")
    # "odd" as a word of its own is no bound
    assert parse_quantity("two odd shells").bound == "exact"


def test_a_count_inside_a_counted_group_of_the_same_thing_is_part_of_it_not_a_group_of_its_own():
    lede = "North Korea has sent about 10,000 soldiers to Russia, Ukraine's intelligence chief said on Monday. "
    for tail in (
        "He said the contingent included 400 officers and two generals.",
        "He said the contingent included 400 officers, including two generals.",
    ):
        officers = [c for c in extract_claims(lede + tail, PUB) if c.item == "military_officers"]
        assert [c.quantity for c in officers] == [400], tail
    # two counts of one kind of weapon joined by "and" are two counts
    text = "Seoul said on Monday that North Korea had sent Russia 20 KN-23 missiles and 10 KN-24 missiles."
    missiles = [c.quantity for c in extract_claims(text, PUB) if c.item == "ballistic_missiles"]
    assert sorted(missiles) == [10, 20]


def test_a_share_of_a_counted_group_harmed_gives_the_casualty_no_figure_and_the_group_keeps_its_count():
    # "half of the 11,000 soldiers": the share is not the count (convention 6); the 11,000 are the group.
    text = "Ukraine said on Monday that nearly half of the 11,000 North Korean soldiers in Kursk had been killed or wounded."
    got = _figures(text)
    assert got[("casualties", "killed_or_wounded")] == (None, None)
    assert got[("troop_deployment", "troops")] == (11000, "exact")


def test_soldiers_lost_counted_in_words_or_vaguely_are_casualties_as_digits_are():
    for wording, figure in (("hundreds of its soldiers", (200, "at_least")), ("two thousand men", (2000, "exact"))):
        text = f"Ukraine said on Monday that the North had lost {wording} in Kursk."
        got = _figures(text)
        assert got[("casualties", "killed_or_wounded")] == figure, wording
        assert ("troop_deployment", "troops") not in got, wording


def test_rounds_of_ammunition_named_by_no_gun_are_munitions_and_what_most_of_them_are_names_them():
    # Convention 22t: "rounds of ammunition" alone is ammunition of every kind; "rounds of artillery ammunition" and a
    # calibre's rounds are shells; a comma and "mainly"/"mostly" then a named thing say what the rounds are.
    def items(text: str) -> dict[str, tuple[float | None, str | None]]:
        return {item: figure for (_, item), figure in _figures(text).items()}

    lead = "Kyiv said on Tuesday that Pyongyang had shipped Moscow about 3 million "
    assert items(lead + "rounds of ammunition.") == {"munitions": (3000000, "about")}
    assert items(lead + "rounds of artillery ammunition.") == {"artillery_shells": (3000000, "about")}
    assert items(lead + "122mm rounds.") == {"artillery_shells": (3000000, "about")}
    assert items(lead + "rounds of ammunition, mostly 152 mm and 122 mm shells.") == {
        "artillery_shells": (3000000, "about")
    }
