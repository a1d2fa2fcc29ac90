"""`monitor diff --explain` (why each claim and verdict) and `monitor diff --jsonl FILE... | FOLDER` (one
document per input per line), through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli

SHELLS = (
    "South Korea's spy agency said on Wednesday that North Korea has shipped more than a million "
    "artillery shells to Russia since August."
)
TROOPS = (
    "Lawmakers briefed by the National Intelligence Service said on Friday that North Korea had sent "
    "about 3,000 more troops to Russia. The agency believes they will be deployed near Kursk."
)
SHOES = "Kim Jong Un toured a shoe factory in Sinuiju and praised its managers."


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "diff", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a-shells.txt").write_text(SHELLS, encoding="utf-8")
    (folder / "b-troops.txt").write_text(TROOPS, encoding="utf-8")
    (folder / "c-shoes.txt").write_text(SHOES, encoding="utf-8")
    (folder / ".hidden").write_text("not an article", encoding="utf-8")
    return folder


def test_explain_names_the_cue_the_amount_the_source_the_dates_and_the_verdict_rule(tmp_path, articles):
    code, out, _ = run(tmp_path, str(articles / "a-shells.txt"), "--explain", "--published", "2023-11-01")
    assert code == 0, out
    assert "c1 shipment/artillery_shells NK->RU more than 1 million" in out
    assert "amount:   'more than a million' -> more than 1 million, right before its noun" in out
    assert "source:   South Korea NIS (the subject of 'said')" in out
    assert "dates:    since 2023-08-01, as of 2023-11-01 (" in out
    assert "verdict:  confirms: rule 1" in out and "baseline b-ap-1: more than 1 million (South Korea NIS)" in out


# Written for these tests: a figure in the paper's own voice, in a sentence longer than a line.
OWN_VOICE = (
    "Several thousand North Korean soldiers have been sent to Russia this winter, and the units that reached "
    "the front were moved again and again between villages that the two armies have fought over for a year."
)


def test_explain_and_diff_read_like_the_rest_of_the_cli(tmp_path, articles):
    """No raw numbers or bounds, no dates printed as None, no bare placeholder for a source, and a
    sentence cut to fit a line says it was cut."""
    (articles / "d-own-voice.txt").write_text(OWN_VOICE, encoding="utf-8")
    code, explained, _ = run(tmp_path, str(articles / "d-own-voice.txt"), "--explain", "--published", "2025-02-01")
    assert code == 0, explained
    troops = explained.split("troop_deployment/troops NK->RU")[1]
    assert troops.startswith(" more than 3,000\n")
    assert "-> more than 3,000," in troops and "at_least" not in explained
    assert "None" not in explained
    assert "    source:   the outlet's own reporting (" in troops
    (articles / "e-update.txt").write_text(
        SHELLS.replace("more than a million", "more than 3 million"), encoding="utf-8"
    )
    code, updated, _ = run(tmp_path, str(articles / "e-update.txt"), "--explain", "--published", "2024-11-01")
    assert code == 0, updated
    assert "the figure changes from 1 million to 3 million" in updated and "None" not in updated
    code, listed, _ = run(tmp_path, str(articles / "d-own-voice.txt"), "--published", "2025-02-01")
    assert code == 0, listed
    lines = listed.splitlines()
    claim_line = next(line for line in lines if "troop_deployment/troops" in line)
    assert claim_line.endswith("more than 3,000 — the outlet's own reporting")
    quoted = lines[lines.index(claim_line) + 1].strip()
    assert quoted.endswith("…”") and len(quoted) <= 162 and OWN_VOICE.startswith(quoted[1:-2])


def test_explain_follows_a_pronoun_and_a_relayed_briefing(tmp_path, articles):
    code, out, _ = run(tmp_path, str(articles / "b-troops.txt"), "--explain", "--json", "--published", "2024-11-01")
    assert code == 0
    doc = json.loads(out)
    plain = json.loads(run(tmp_path, str(articles / "b-troops.txt"), "--json", "--published", "2024-11-01")[1])
    assert {k: v for k, v in doc.items() if k != "explain"} == plain  # --explain only adds
    why = {w["claim"]: w for w in doc["explain"]["claims"]}
    assert len(why) == len(doc["claims"]) and len(doc["explain"]["verdicts"]) == len(doc["verdicts"])
    troops = next(c for c in doc["claims"] if c["item"] == "troops" and c["quantity"] == 3000)
    step = why[troops["id"]]
    assert troops["source"] == "South Korea NIS" and "relay" in step["source"]["step"]
    assert step["quantity"]["text"] == "about 3,000" and step["quantity"]["link"].startswith("before its noun")
    assert step["cue"]["text"]
    verdict = next(v for v in doc["explain"]["verdicts"] if v["claim"] == troops["id"])
    assert verdict["verdict"] == "new" and verdict["rule"].startswith("rule 4") and verdict["compared"] == []


def test_jsonl_prints_one_document_per_input_per_line(tmp_path, articles):
    code, out, err = run(tmp_path, "--jsonl", str(articles), "--published", "2024-11-01")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(x["input"]).name for x in lines] == ["a-shells.txt", "b-troops.txt", "c-shoes.txt"]
    for line in lines:
        single = json.loads(run(tmp_path, line["input"], "--json", "--published", "2024-11-01")[1])
        assert {k: v for k, v in line.items() if k != "input"} == single
    assert [x["relevant"] for x in lines] == [True, True, False]


def test_jsonl_reports_an_unreadable_input_on_its_line_and_carries_on(tmp_path, articles):
    missing = tmp_path / "gone.txt"
    code, out, err = run(tmp_path, "--jsonl", str(missing), str(articles / "a-shells.txt"))
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"input": str(missing), "error": f"{missing}: no such file"}
    assert lines[1]["relevant"] is True  # the next input is still read
    assert len(err.strip().splitlines()) == 1 and "gone.txt" in err
    assert not (tmp_path / "none.db").exists()


def test_several_files_need_jsonl(tmp_path, articles):
    code, out, err = run(tmp_path, str(articles / "a-shells.txt"), str(articles / "c-shoes.txt"), "--json")
    assert code == 2 and out == ""
    assert "--jsonl" in err


@pytest.mark.parametrize("given", ["", " ", "yesterday"])
def test_a_publication_date_that_is_not_a_date_is_one_line_not_today(tmp_path, articles, given):
    # An empty --published (a shell variable left unset) was taken as no date, so "last month" was read from today.
    code, out, err = run(tmp_path, str(articles / "a-shells.txt"), "--published", given)
    assert code == 2 and out == ""
    assert f"--published {given!r} is not a date (YYYY-MM-DD)" in err and len(err.strip().splitlines()) == 1
