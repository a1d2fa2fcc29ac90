"""Verdicts against the baseline (the contract's four rules), report-vs-report diffs, baselines."""

from __future__ import annotations

import datetime as dt
import json

from monitor.claims.baseline import Baseline, baseline_from_articles, baseline_id, load_default_baseline, report_diff
from monitor.claims.diff import Verdict, compare_baselines, compatible, diff_claims
from monitor.claims.extract import CLAIM_FIELDS


def claim(
    cid: str, kind: str, item: str, direction: str | None = "NK->RU", quantity=None, stance: str = "asserted", **extra
):
    c = {
        "id": cid,
        "kind": kind,
        "item": item,
        "direction": direction,
        "quantity": quantity,
        "bound": None if quantity is None else "at_least",
        "quantity_high": None,
        "source": "outlet",
        "since": None,
        "as_of": None,
        "stance": stance,
        "hedged": False,
        "evidence": "",
        "span": None,
    }
    c.update(extra)
    return c


BASE = [
    claim("b1", "shipment", "artillery_shells", quantity=1_000_000),
    claim("b2", "shipment", "containers", quantity=1_000),
    claim("b3", "denial", "munitions", stance="denied", source="Russia government"),
    claim("b4", "technology_transfer", "satellite_technology", "RU->NK"),
    claim("b5", "satellite_launch", "reconnaissance_satellite", None),
    claim("b6", "shipment", "munitions"),
]


def verdict(c: dict, base=BASE) -> dict:
    (v,) = diff_claims([c], base)
    return v.to_dict()


def test_verdict_object_shape():
    v = verdict(claim("c1", "shipment", "artillery_shells", quantity=3_000_000))
    assert list(v) == ["claim", "verdict", "baseline", "from", "to"]
    assert v == {"claim": "c1", "verdict": "updates", "baseline": ["b1"], "from": 1_000_000, "to": 3_000_000}


def test_rule_1_confirms_within_ten_percent():
    assert verdict(claim("c", "shipment", "artillery_shells", quantity=1_050_000))["verdict"] == "confirms"
    assert verdict(claim("c", "shipment", "containers", quantity=1_100))["verdict"] == "confirms"
    v = verdict(claim("c", "shipment", "containers", quantity=1_200))
    assert (v["verdict"], v["from"], v["to"]) == ("updates", 1_000, 1_200)


def test_more_than_a_million_and_about_three_million_differ():
    assert verdict(claim("c", "shipment", "artillery_shells", quantity=3_000_000))["verdict"] == "updates"


def test_rule_1_both_figureless_confirm():
    v = verdict(claim("c", "technology_transfer", "satellite_technology", "RU->NK"))
    assert (v["verdict"], v["baseline"], v["from"], v["to"]) == ("confirms", ["b4"], None, None)


def test_rule_1_a_figure_where_the_baseline_had_none_is_an_update():
    v = verdict(claim("c", "satellite_launch", "reconnaissance_satellite", None, quantity=3))
    assert (v["verdict"], v["from"], v["to"]) == ("updates", None, 3)


def test_rule_1_no_figure_against_a_figured_baseline_confirms_the_fact():
    # "Containers kept arriving" changes no count: no "update to nothing" for the analyst.
    v = verdict(claim("c", "shipment", "containers"))
    assert (v["verdict"], v["from"], v["to"]) == ("confirms", None, None)
    assert v["baseline"]


def test_rule_1_a_denial_the_baseline_also_has_confirms():
    assert verdict(claim("c", "denial", "munitions", stance="denied"))["verdict"] == "confirms"


def test_rule_2_denial_of_an_asserted_item_contradicts():
    v = verdict(claim("c", "denial", "satellite_technology", "RU->NK", stance="denied"))
    assert (v["verdict"], v["baseline"]) == ("contradicts", ["b4"])
    base = [b for b in BASE if b["id"] != "b3"]
    v = verdict(claim("c", "denial", "munitions", stance="denied"), base)  # any asserted shipment counts
    assert v["verdict"] == "contradicts" and {"b1", "b2", "b6"} <= set(v["baseline"])


def test_rule_2_denial_of_something_never_asserted_is_new():
    assert verdict(claim("c", "denial", "troops", stance="denied"))["verdict"] == "new"


def test_rule_3_confirmation_against_the_blanket_denial_contradicts():
    v = verdict(claim("c", "confirmation", "troops"))
    assert (v["verdict"], v["baseline"]) == ("contradicts", ["b3"])
    base = [b for b in BASE if b["id"] != "b3"]
    assert verdict(claim("c", "confirmation", "troops"), base)["verdict"] == "new"


def test_rule_4_new():
    v = verdict(claim("c", "troop_deployment", "troops", quantity=10_000))
    assert v == {"claim": "c", "verdict": "new", "baseline": [], "from": None, "to": None}


def test_direction_is_part_of_the_match():
    assert verdict(claim("c", "shipment", "artillery_shells", "RU->NK", quantity=1_000_000))["verdict"] == "new"


def test_update_starts_from_the_nearest_baseline_figure():
    base = [claim("x", "shipment", "containers", quantity=1_000), claim("y", "shipment", "containers", quantity=6_700)]
    v = verdict(claim("c", "shipment", "containers", quantity=7_500), base)
    assert (v["verdict"], v["from"], sorted(v["baseline"])) == ("updates", 6_700, ["x", "y"])


def test_compatible():
    assert compatible(None, None) and compatible(1.0, 1.0) and compatible(100, 110)
    assert not compatible(100, 112) and not compatible(None, 5) and not compatible(5, None)


def test_diff_accepts_claim_objects_and_a_baseline():
    from monitor.claims.extract import extract_claims

    found = extract_claims(
        "North Korea shipped more than 1,000 containers to Russia, the White House said.", dt.date(2023, 10, 13)
    )
    verdicts = diff_claims(found, load_default_baseline())
    assert [v.verdict for v in verdicts] == ["confirms"] and isinstance(verdicts[0], Verdict)


def test_claims_as_dicts_other_mappings_and_objects_get_the_same_verdicts():
    """diff._get remembers per type whether a claim is a Mapping: a mapping that is no dict is read by key and an
    object by attribute, whichever kind of claim was read before it."""
    from collections import UserDict
    from types import SimpleNamespace

    claims = [
        claim("c1", "shipment", "artillery_shells", quantity=1_050_000),
        claim("c2", "denial", "artillery_shells", stance="denied"),
        claim("c3", "shipment", "drones"),
    ]
    want = [v.to_dict() for v in diff_claims(claims, BASE)]
    assert [v["verdict"] for v in want] == ["confirms", "contradicts", "new"]
    mixed = [UserDict(claims[0]), SimpleNamespace(**claims[1]), claims[2]]
    for order in (mixed, mixed[::-1]):
        got = {v.claim: v.to_dict() for v in diff_claims(order, BASE)}
        assert [got[w["claim"]] for w in want] == want


# --- report against report -------------------------------------------------------------------------


def test_compare_baselines():
    a = [
        claim("a1", "shipment", "artillery_shells", quantity=1_000_000, source="South Korea NIS", hedged=True),
        claim("a2", "shipment", "containers", quantity=1_000),
        claim("a3", "production", "munitions", None, quantity=1.0),
    ]
    b = [
        claim("z1", "shipment", "artillery_shells", quantity=1_000_000, source="South Korea NIS"),
        claim("z2", "shipment", "containers", quantity=6_700),
        claim("z3", "shipment", "rockets"),
    ]
    d = compare_baselines(
        a,
        b,
        facts_a=[{"topic": "meeting_place", "value": "Vostochny"}],
        facts_b=[{"topic": "meeting_place", "value": "Vladivostok"}],
    )
    assert [c["id"] for c in d["only_a"]] == ["a3"]
    assert [c["id"] for c in d["only_b"]] == ["z3"]
    assert [(e["item"], e["a_quantities"], e["b_quantities"]) for e in d["differing"]] == [
        ("containers", [1_000], [6_700])
    ]
    assert [(e["item"], e["fields"]) for e in d["details"]] == [("artillery_shells", ["hedged"])]
    assert d["facts"]["differing"][0]["topic"] == "meeting_place"


# --- the shipped baseline ------------------------------------------------------------------------------


def test_default_baseline_is_well_formed():
    b = load_default_baseline()
    assert b.id.startswith("baseline-") and len(b.id) == len("baseline-") + 12
    assert b.id == baseline_id(b.claims, b.facts) == load_default_baseline().id  # stable content hash
    ids = [c["id"] for c in b.claims]
    assert len(ids) == len(set(ids))
    assert {c["provenance"]["report"] for c in b.claims} == {"ap", "zh"}
    for c in b.claims:
        assert all(f in c for f in CLAIM_FIELDS)
        assert c["id"].startswith(("b-ap-", "b-zh-"))
        assert c["provenance"]["outlet"] in ("Associated Press", "ZeroHedge")
        assert c["provenance"]["published"] == "2023-11-01" and "url" in c["provenance"]
        assert c["span"] is None and c["evidence"]
        assert (c["kind"] == "denial") == (c["stance"] == "denied")
    # what the two reports agree on is in both shares
    assert {(c["kind"], c["item"], c["quantity"]) for c in b.claims_of("ap")} >= {
        ("shipment", "artillery_shells", 1_000_000)
    }
    assert {(c["kind"], c["item"], c["quantity"]) for c in b.claims_of("zh")} >= {
        ("shipment", "artillery_shells", 1_000_000)
    }


def test_baseline_round_trips_as_an_event_payload():
    b = load_default_baseline()
    again = Baseline.from_dict(json.loads(json.dumps(b.to_dict())))
    assert again == b


def test_the_two_reports_differ_on_where_kim_met_putin():
    d = report_diff(load_default_baseline())
    assert (d["a"], d["b"]) == ("ap", "zh")
    places = next(x for x in d["facts"]["differing"] if x["topic"] == "kim_putin_meeting_place")
    assert {f["value"] for f in places["a"]} != {f["value"] for f in places["b"]}
    assert d["only_a"]  # AP carries the containers, the denials, the condemnation...
    assert any(e["item"] == "artillery_shells" for e in d["details"] + d["agreeing"])


def test_baseline_from_articles_is_deterministic():
    articles = [
        (
            "North Korea shipped about 6,700 containers to Russia, the defence ministry said.",
            None,
            dt.date(2024, 2, 27),
            "Yonhap",
        ),
        ("North Korea has sent 10,000 troops to Russia, the Pentagon said.", "Troops", dt.date(2024, 10, 28), "Yonhap"),
    ]
    one, two = baseline_from_articles(articles), baseline_from_articles(articles)
    assert one == two and one.id == two.id
    assert [c["id"] for c in one.claims] == ["b-yonhap-1", "b-yonhap-2-1"]
    assert one.created == "2024-10-28"
    v = diff_claims([claim("c", "shipment", "containers", quantity=6_800)], one)
    assert v[0].verdict == "confirms"


def test_baseline_event_payload_names():
    b = load_default_baseline()
    data = json.loads(json.dumps(b.to_event_data()))
    assert data["baseline_id"] == b.id == b.baseline_id and data["sources"] == b.sources == b.reports
    assert data["set_at"] == "2023-11-01"
    assert Baseline.from_event_data(data) == b
