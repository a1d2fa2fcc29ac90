"""How far two sets of labels of the same articles agree, under the strict matching of issue 14.

    .venv/bin/python bench/agreement.py A B              # folder B's labels scored against folder A's
    .venv/bin/python bench/agreement.py A B --verbose    # ... and each disagreement, article by article
    .venv/bin/python bench/agreement.py A B --json       # the figures as one JSON object

A and B are folders of labelled articles in either shape ``bench/accuracy.py`` reads (``*.json`` in the
folder or in its ``articles/``). Only articles whose id is in both folders count. B plays the analyser:
its labels are scored against A's by accuracy.py's own scoring (``run_article``, ``summarise``), so the
matching is exactly the one the extractor is held to (equal kind, item and direction, quantity within
1%), with the same errors by cause. Swapping A and B swaps precision and recall.

Why: issue 14 asks the extractor for F1 >= 0.85 against labels. The F1 of one careful labeller against
another is the most that any extractor can be expected to reach against either of them.

Printed: relevance agreement; claims in A and in B and how many matched; precision, recall and F1 of B
against A; F1+bound (the bound must agree too); numeric recall (A's claims with a figure that B
matched); verdict agreement over A's verdicts whose claims matched; disagreements by cause.
Verdicts of ``updates`` are compared with their ``from`` read from each folder's own baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402  (bench/ is not a package; the one copy of the matching rule lives there)


def labelled_articles(folder: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """A folder's normalised articles by id, and the claims of the baseline its verdicts refer to."""
    paths = accuracy.folder_paths(folder)
    articles = {}
    for path in paths:
        doc = accuracy.normalise(accuracy.load(path), path)
        articles[doc["id"]] = doc
    baseline_path = accuracy.folder_baseline_path(paths) or accuracy.BASELINE
    return articles, accuracy.load_baseline(baseline_path)


def as_analyser_output(doc: dict[str, Any], baseline_claims: list[dict[str, Any]]) -> dict[str, Any]:
    """One labelled article in the shape ``monitor diff --json`` prints, for accuracy.py to score."""
    claims = [{**claim, "id": f"c{index}"} for index, claim in enumerate(doc["claims"])]
    quantity_of = {b.get("id"): b.get("quantity") for b in baseline_claims}
    verdicts = []
    for v in doc["verdicts"]:
        verdict = {"claim": f"c{v['claim_index']}", "verdict": v["verdict"]}
        if v["verdict"] == "updates":
            verdict["from"] = v["from"] if "from" in v else quantity_of.get(v.get("baseline_ref"))
            verdict["to"] = v.get("to")
        verdicts.append(verdict)
    return {"relevant": doc["relevant"], "claims": claims, "verdicts": verdicts}


def compare(folder_a: Path, folder_b: Path) -> dict[str, Any]:
    """B's labels scored against A's over the ids the two folders share (accuracy.py's figures, plus
    ``shared``, ``only_in_a`` and ``only_in_b``)."""
    a_articles, a_baseline = labelled_articles(folder_a)
    b_articles, b_baseline = labelled_articles(folder_b)
    shared = sorted(set(a_articles) & set(b_articles))
    scored = []
    for ident in shared:
        b_output = as_analyser_output(b_articles[ident], b_baseline)

        def b_labels(*_: Any, output: dict[str, Any] = b_output, **__: Any) -> dict[str, Any]:
            return output

        scored.append(accuracy.run_article(a_articles[ident], b_labels, baseline_claims=a_baseline))
    figures = accuracy.summarise(scored)
    figures["shared"] = shared
    figures["only_in_a"] = sorted(set(a_articles) - set(b_articles))
    figures["only_in_b"] = sorted(set(b_articles) - set(a_articles))
    return figures


def _figure(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def print_agreement(fig: dict[str, Any], folder_a: Path, folder_b: Path, out: TextIO | None = None) -> None:
    w = (out or sys.stdout).write
    w(f"A: {folder_a}\nB: {folder_b}\n")
    w(
        f"{len(fig['shared'])} articles in both ({fig['relevant_articles']} relevant in A); "
        f"only in A: {len(fig['only_in_a'])}, only in B: {len(fig['only_in_b'])}\n\n"
    )
    relevance_agreed = round((fig["relevance_accuracy"] or 0.0) * fig["articles"])
    rows = [
        ("relevance agreement", f"{_figure(fig['relevance_accuracy'])} ({relevance_agreed}/{fig['articles']})"),
        ("claims in A", str(fig["claims_expected"])),
        ("claims in B", str(fig["claims_extracted"])),
        ("matched", str(fig["claims_matched"])),
        ("precision of B", _figure(fig["claim_precision"])),
        ("recall of B", _figure(fig["claim_recall"])),
        ("F1", _figure(fig["claim_f1"])),
        ("F1+bound", _figure(fig["claim_f1_with_bound"])),
        ("numeric recall", f"{_figure(fig['numeric_recall'])} (of {fig['numeric_expected']} with a figure in A)"),
        (
            "verdicts | matched",
            f"{_figure(fig['verdict_accuracy_matched'])} "
            f"({fig['verdicts_right']} of A's {fig['verdicts_expected']} verdicts agree)",
        ),
    ]
    for name, value in rows:
        w(f"{name:<22}{value}\n")
    w(f"\n{'disagreements by cause':<24}{'claims':>7}\n")
    for cause in accuracy.CAUSES:
        w(f"{cause:<24}{fig['causes'][cause]:>7}\n")
    w(f"\n{'kind':<22}{'in A':>7}{'in B':>7}{'matched':>8}\n")
    for kind, k in fig["per_kind"].items():
        w(f"{str(kind):<22}{k['expected']:>7}{k['extracted']:>7}{k['matched']:>8}\n")


def print_disagreements(fig: dict[str, Any], out: TextIO | None = None) -> None:
    """Each article's disagreements: A's claim and B's (no evidence text)."""
    w = (out or sys.stdout).write
    w("\ndisagreements, article by article (A = want, B = got)\n")
    for a in fig["details"]:
        lines = []
        if a["relevant_expected"] != a["relevant_got"]:
            lines.append(f"relevance: A {a['relevant_expected']}, B {a['relevant_got']}")
        for err in a["causes"]:
            e, g = err["expected"], err["got"]
            text = f"{err['cause']:<16}"
            if e is not None:
                text += f" A {accuracy.describe(e)} ({e.get('source')})"
            if g is not None:
                text += f" B {accuracy.describe(g)} ({g.get('source')})"
            if err["cause"] == "date":
                text += f" A {e.get('since')}/{e.get('as_of')}, B {g.get('since')}/{g.get('as_of')}"
            lines.append(text)
        for v in a["verdicts"]:
            if v["matched"] and not v["right"]:
                claim = a["expected_claims"][v["claim_index"]]
                lines.append(
                    f"verdict:         {accuracy.describe(claim)}: A {accuracy.describe_verdict(v['expected'])}, "
                    f"B {accuracy.describe_verdict(v['got'])}"
                )
        if lines:
            w(f"\n{a['id']}\n")
            for line in lines:
                w(f"    {line}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("a", type=Path, help="the labels taken as right")
    parser.add_argument("b", type=Path, help="the labels scored against them")
    parser.add_argument("--verbose", "-v", action="store_true", help="list each disagreement, article by article")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    fig = compare(args.a, args.b)
    if args.json:
        json.dump({k: v for k, v in fig.items() if k != "details"}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print_agreement(fig, args.a, args.b)
    if args.verbose:
        print_disagreements(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
