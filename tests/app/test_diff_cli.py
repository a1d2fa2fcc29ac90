"""`monitor diff --json` prints exactly the contract's shape (docs/claims-contract.md) for
every labelled article: the CLI itself, in-process through click, and once as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from tests.claims.test_accuracy import BOUNDS, DIRECTIONS, ITEMS, KINDS, PATHS, SNAKE, STANCES, VERDICTS, _iso

ROOT = Path(__file__).resolve().parents[2]
CLAIM_KEYS = [
    "id",
    "kind",
    "item",
    "direction",
    "quantity",
    "bound",
    "quantity_high",
    "source",
    "since",
    "as_of",
    "stance",
    "hedged",
    "evidence",
    "span",
]


def contract_problems(doc: dict, text: str, is_html: bool) -> list[str]:
    """Everything in one `monitor diff --json` document that breaks the contract."""
    problems = []
    for key in ("article", "relevant", "relevance", "claims", "verdicts"):
        if key not in doc:
            problems.append(f"missing top-level {key!r}")
    if problems:
        return problems
    if not {"title", "published"} <= set(doc["article"]):
        problems.append(f"article lacks title/published: {doc['article']}")
    if doc["article"]["published"] is not None and not _iso(doc["article"]["published"]):
        problems.append(f"published is not ISO: {doc['article']['published']!r}")
    if not isinstance(doc["relevant"], bool):
        problems.append("relevant is not a boolean")
    score, evidence = doc["relevance"].get("score"), doc["relevance"].get("evidence")
    if not isinstance(score, (int, float)) or not 0 <= score <= 1:
        problems.append(f"relevance score {score!r}")
    if not isinstance(evidence, list) or not all(isinstance(s, str) for s in evidence):
        problems.append("relevance evidence is not a list of sentences")
    if not doc["relevant"] and (doc["claims"] or doc["verdicts"]):
        problems.append("an irrelevant article carries claims or verdicts")
    ids = []
    for claim in doc["claims"]:
        missing = [k for k in CLAIM_KEYS if k not in claim]
        if missing:
            problems.append(f"claim lacks {missing}")
            continue
        ids.append(claim["id"])
        if claim["kind"] not in KINDS:
            problems.append(f"kind {claim['kind']!r}")
        if claim["item"] not in ITEMS and not SNAKE.match(claim["item"] or ""):
            problems.append(f"item {claim['item']!r}")
        if claim["direction"] not in DIRECTIONS or claim["bound"] not in BOUNDS or claim["stance"] not in STANCES:
            problems.append(f"vocabulary: {claim['direction']!r} {claim['bound']!r} {claim['stance']!r}")
        if (claim["quantity"] is None) != (claim["bound"] is None):
            problems.append(f"bound {claim['bound']!r} with quantity {claim['quantity']!r}")
        if (claim["bound"] == "range") != (claim["quantity_high"] is not None):
            problems.append("quantity_high goes with a range and only with a range")
        for key in ("since", "as_of"):
            if claim[key] is not None and not _iso(claim[key]):
                problems.append(f"{key} {claim[key]!r}")
        if not isinstance(claim["hedged"], bool) or not isinstance(claim["source"], (str, type(None))):
            problems.append("hedged/source types")
        start, end = claim["span"]
        if not is_html and text[start:end] != claim["evidence"]:
            problems.append(f"span {claim['span']} does not index the evidence in the input")
    if ids != [f"c{n}" for n in range(1, len(ids) + 1)]:
        problems.append(f"claim ids {ids}")
    verdict_claims = [v.get("claim") for v in doc["verdicts"]]
    if sorted(verdict_claims) != sorted(ids):
        problems.append("not exactly one verdict per claim")
    for verdict in doc["verdicts"]:
        if verdict.get("verdict") not in VERDICTS:
            problems.append(f"verdict {verdict.get('verdict')!r}")
        if not isinstance(verdict.get("baseline"), list):
            problems.append("verdict baseline is not a list of ids")
        if verdict.get("verdict") == "updates" and not {"from", "to"} <= set(verdict):
            problems.append("an update without from/to")
    return problems


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_diff_json_follows_the_contract(path: Path, runner: CliRunner, tmp_path: Path):
    article = json.loads(path.read_text(encoding="utf-8"))
    source = tmp_path / "article.txt"
    source.write_text(article["text"], encoding="utf-8")
    args = ["--db", str(tmp_path / "none.db"), "diff", str(source), "--json", "--published", article["published"][:10]]
    if article.get("title"):
        args += ["--title", article["title"]]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    is_html = article.get("style") == "html page" or article["text"].lstrip().startswith("<")
    assert contract_problems(doc, article["text"], is_html) == []
    assert doc["relevant"] == article["expected"]["relevant"] or path.stem.split("_")[0] in MISJUDGED
    assert not (tmp_path / "none.db").exists()  # a diff never creates a database


# Held-out articles the analyser still misjudges for relevance (docs/accuracy.md); none since
# claims-2026.12.7 judged 149 (the crypto-laundering near miss of heldout-4) correctly.
MISJUDGED: set[str] = set()


def test_diff_reads_stdin_prints_one_document_and_refuses_a_missing_file(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MONITOR_CONFIG", None)
    text = (
        "South Korea's spy agency said on Wednesday that North Korea has shipped more than "
        "a million artillery shells to Russia since August."
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "monitor",
            "--db",
            str(tmp_path / "x.db"),
            "diff",
            "-",
            "--json",
            "--published",
            "2023-11-01",
        ],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)  # the whole of stdout is one JSON document
    assert contract_problems(doc, text, is_html=False) == []
    assert [(c["item"], c["quantity"], c["bound"], c["since"]) for c in doc["claims"]] == [
        ("artillery_shells", 1_000_000, "at_least", "2023-08-01")
    ]
    assert doc["verdicts"][0]["verdict"] == "confirms"

    missing = subprocess.run(
        [sys.executable, "-m", "monitor", "--db", str(tmp_path / "x.db"), "diff", str(tmp_path / "nope.txt"), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert missing.returncode == 2 and missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1 and "nope.txt" in missing.stderr


def test_the_contract_check_catches_broken_documents():
    text = "North Korea sent 6,700 containers to Russia, Seoul said."
    good = {
        "article": {"title": None, "published": "2024-03-01"},
        "relevant": True,
        "relevance": {"score": 0.9, "evidence": [text]},
        "claims": [
            {
                "id": "c1",
                "kind": "shipment",
                "item": "containers",
                "direction": "NK->RU",
                "quantity": 6700,
                "bound": "exact",
                "quantity_high": None,
                "source": "South Korea JCS",
                "since": None,
                "as_of": None,
                "stance": "asserted",
                "hedged": False,
                "evidence": text,
                "span": [0, len(text)],
            }
        ],
        "verdicts": [{"claim": "c1", "verdict": "updates", "baseline": ["b-ap-15"], "from": 1000, "to": 6700}],
    }
    assert contract_problems(good, text, is_html=False) == []
    broken = json.loads(json.dumps(good))
    broken["claims"][0]["span"] = [1, len(text)]
    broken["claims"][0]["bound"] = "roughly"
    del broken["verdicts"][0]["from"]
    problems = contract_problems(broken, text, is_html=False)
    assert len(problems) == 3, problems
    assert contract_problems({k: v for k, v in good.items() if k != "relevance"}, text, False) == [
        "missing top-level 'relevance'"
    ]
