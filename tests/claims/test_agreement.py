"""bench/agreement.py scores one labeller's folder against another's with accuracy.py's strict matching:
a claim agrees only with equal kind, item, direction and a figure within 1%."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from tests.support.bench_scripts import load_bench_script

agreement = load_bench_script("agreement")

BODY = (
    "Seoul's spy agency said on Tuesday that Pyongyang has shipped some 2 million shells to Russia since last "
    "summer. It added that Moscow has paid in rice and crude oil."
)


def _claim(kind: str, item: str, direction: str, quantity: float | None = None, bound: str | None = None) -> dict:
    return {
        "kind": kind,
        "item": item,
        "direction": direction,
        "quantity": quantity,
        "quantity_high": None,
        "bound": bound,
        "source": "South Korea NIS",
        "since": None,
        "as_of": "2025-03-04",
        "stance": "asserted",
        "evidence": BODY,
    }


def _write(folder: Path, articles: list[dict[str, Any]]) -> Path:
    (folder / "articles").mkdir(parents=True)
    for article in articles:
        doc = {"title": "A made-up report", "outlet": "A made-up wire", "published": "2025-03-04", "link": ""}
        doc |= {"based_on": [], "body": BODY, **article}
        (folder / "articles" / f"{article['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    shells = _claim("shipment", "artillery_shells", "NK->RU", 2_000_000, "about")
    food = _claim("compensation", "food", "RU->NK")
    oil = _claim("compensation", "oil", "RU->NK")
    first = _write(
        tmp_path / "first",
        [
            {"id": "m1", "relevant": True, "claims": [shells, food, oil], "verdicts": []},
            {"id": "m2", "relevant": False, "claims": [], "verdicts": []},
        ],
    )
    # The second labeller read the figure as 3 million, agreed on the rice, left the oil out, and never
    # labelled m3 (an id only in one folder does not count).
    second = _write(
        tmp_path / "second",
        [
            {"id": "m1", "relevant": True, "claims": [{**shells, "quantity": 3_000_000}, food], "verdicts": []},
            {"id": "m2", "relevant": False, "claims": [], "verdicts": []},
            {"id": "m3", "relevant": True, "claims": [food], "verdicts": []},
        ],
    )
    return first, second


def test_a_match_a_wrong_figure_and_a_missing_claim_are_counted(tmp_path: Path) -> None:
    first, second = _folders(tmp_path)
    fig = agreement.compare(first, second)
    assert fig["shared"] == ["m1", "m2"] and fig["only_in_b"] == ["m3"]
    assert fig["relevance_accuracy"] == 1.0
    assert (fig["claims_expected"], fig["claims_extracted"], fig["claims_matched"]) == (3, 2, 1)
    assert fig["causes"]["wrong figure"] == 1
    assert fig["causes"]["missed claim"] == 1
    assert fig["causes"]["extra claim"] == 0
    assert abs(fig["claim_precision"] - 1 / 2) < 1e-9 and abs(fig["claim_recall"] - 1 / 3) < 1e-9
    assert fig["numeric_recall"] == 0.0


def test_the_reverse_direction_swaps_precision_and_recall(tmp_path: Path) -> None:
    first, second = _folders(tmp_path)
    forward, reverse = agreement.compare(first, second), agreement.compare(second, first)
    assert reverse["claim_precision"] == forward["claim_recall"]
    assert reverse["claim_recall"] == forward["claim_precision"]
    assert reverse["claim_f1"] == forward["claim_f1"]


def test_the_report_names_each_figure_and_cause(tmp_path: Path) -> None:
    first, second = _folders(tmp_path)
    out = io.StringIO()
    agreement.print_agreement(agreement.compare(first, second), first, second, out=out)
    text = out.getvalue()
    for name in ("relevance agreement", "claims in A", "claims in B", "F1+bound", "numeric recall", "wrong figure"):
        assert name in text
