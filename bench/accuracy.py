"""Accuracy of the analyser on the labelled set (tests/claims/labelled/*.json).

    .venv/bin/python bench/accuracy.py              # the table
    .venv/bin/python bench/accuracy.py --verbose    # ... and every miss, article by article
    .venv/bin/python bench/accuracy.py --json       # the figures as one JSON object
    .venv/bin/python bench/accuracy.py --split heldout-1   # one split only

Each labelled file may carry ``"split"``: absent means ``tuning`` (the analyser was developed
against it); ``heldout-1``, ``heldout-2``... are batches written later and measured once before
the analyser was changed for them. The report gives the whole set and each split apart.

Each labelled article goes through ``monitor.claims.analysis.analyse(text, title=..., published=date)``,
the function behind ``monitor diff --json``, against the shipped baseline. Three figures:

* relevance accuracy -- the share of articles whose ``relevant`` flag is right;
* claim precision / recall / F1 -- expected and extracted claims are paired greedily, one to one;
  a pair needs equal ``kind``, ``item``, ``direction`` and ``bound`` and a ``quantity`` within 1%
  (two nulls are equal). Claims extracted from a near miss are false positives;
* verdict accuracy -- over the expected verdicts: right when the expected claim was matched and
  the matched claim's verdict is the same (for ``updates`` also ``from`` and ``to``, within 1%).
  An expected claim that was not matched counts as a wrong verdict.

``evaluate(paths)`` returns the figures as a dict; tests/claims/test_accuracy.py asserts the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "claims" / "labelled"
TARGETS = {"relevance_accuracy": 0.95, "claim_f1": 0.90, "verdict_accuracy": 0.90}
TOLERANCE = 0.01  # quantities (and updates' from/to) match within 1%
MATCH_FIELDS = ("kind", "item", "direction", "bound")


# -- loading ----------------------------------------------------------------------------------

def labelled_paths(folder: Path = LABELLED) -> list[Path]:
    return sorted(folder.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def default_analyse() -> Callable[..., dict[str, Any]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from monitor.claims.analysis import analyse

    return analyse


# -- matching ---------------------------------------------------------------------------------

def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def same_quantity(a: Any, b: Any, tolerance: float = TOLERANCE) -> bool:
    """Two quantities agree: both null, or within ``tolerance`` of the larger one."""
    if a is None or b is None:
        return a is None and b is None
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return False
    if x == y:
        return True
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def claim_matches(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return (all(expected.get(f) == got.get(f) for f in MATCH_FIELDS)
            and same_quantity(expected.get("quantity"), got.get("quantity")))


def match_claims(expected: list[dict], got: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing (expected index, extracted index), in expected order.

    Among the extracted claims that match, one whose ``quantity_high`` also agrees is preferred,
    then the earliest.
    """
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for ei, e in enumerate(expected):
        candidates = [gi for gi, g in enumerate(got) if gi not in used and claim_matches(e, g)]
        if not candidates:
            continue
        best = next((gi for gi in candidates
                     if same_quantity(e.get("quantity_high"), got[gi].get("quantity_high"))), candidates[0])
        used.add(best)
        pairs.append((ei, best))
    return pairs


def verdict_right(expected: dict[str, Any], got: dict[str, Any] | None) -> bool:
    if got is None or got.get("verdict") != expected.get("verdict"):
        return False
    if expected.get("verdict") == "updates":
        return (same_quantity(expected.get("from"), got.get("from"))
                and same_quantity(expected.get("to"), got.get("to")))
    return True


def describe(claim: dict[str, Any]) -> str:
    q = claim.get("quantity")
    if q is None:
        figure = "-"
    else:
        figure = f"{q:g}" if isinstance(q, (int, float)) else str(q)
        if claim.get("bound") == "range" and claim.get("quantity_high") is not None:
            figure += f"..{claim['quantity_high']:g}"
        figure += f" {claim.get('bound')}"
    return f"{claim.get('kind')}/{claim.get('item')}/{claim.get('direction')} {figure}"


def describe_verdict(v: dict[str, Any] | None) -> str:
    if v is None:
        return "(no verdict)"
    if v.get("verdict") == "updates":
        return f"updates {v.get('from')} -> {v.get('to')}"
    return str(v.get("verdict"))


# -- the verdict labels against the shipped baseline -------------------------------------------

BASELINE = ROOT / "monitor" / "data" / "baseline.json"


def load_baseline(path: Path = BASELINE) -> list[dict[str, Any]]:
    data = load(path)
    return list(data["claims"] if isinstance(data, dict) else data)


def reference_verdict(claim: dict[str, Any], baseline: list[dict[str, Any]]) -> dict[str, Any]:
    """The contract's four verdict rules, applied to one labelled claim (an independent reading).

    Literal reading of rule 1: a figure-less claim where the baseline has only figures is an
    update to null, and a figure where the baseline has none is an update from null.
    """
    key = (claim.get("kind"), claim.get("item"), claim.get("direction"))
    q = claim.get("quantity")
    same = [b for b in baseline if (b.get("kind"), b.get("item"), b.get("direction")) == key]
    if same:
        if any(same_quantity(b.get("quantity"), q, tolerance=0.10) for b in same):
            return {"verdict": "confirms"}
        figures = [b["quantity"] for b in same if b.get("quantity") is not None]
        start = None
        if figures:
            start = figures[0] if q is None else min(figures, key=lambda f: abs(f - q) / max(abs(f), abs(q), 1e-12))
        return {"verdict": "updates", "from": start, "to": q}
    kind, item = claim.get("kind"), claim.get("item")
    if kind == "denial":
        asserted = [b for b in baseline
                    if b.get("stance") != "denied" and b.get("kind") not in ("denial", "condemnation")]
        if any(b.get("item") == item or (item == "munitions" and b.get("kind") == "shipment") for b in asserted):
            return {"verdict": "contradicts"}
    if kind == "confirmation":
        if any(b.get("kind") == "denial" and b.get("item") in (item, "munitions") for b in baseline):
            return {"verdict": "contradicts"}
    return {"verdict": "new"}


def check_verdict_labels(paths: Iterable[Path | str] | None = None,
                         baseline: list[dict[str, Any]] | None = None) -> list[str]:
    """Labelled verdicts that disagree with the contract's rules over the shipped baseline."""
    baseline = baseline if baseline is not None else load_baseline()
    problems = []
    for path in (paths if paths is not None else labelled_paths()):
        doc = load(Path(path))
        claims = doc["expected"]["claims"]
        for v in doc["expected"]["verdicts"]:
            c = claims[v["claim_index"]]
            want = reference_verdict(c, baseline)
            if not verdict_right(want, v):
                problems.append(f"{doc['id']} claim {v['claim_index']} {describe(c)}: labelled "
                                f"{describe_verdict(v)}, the rules over the baseline give {describe_verdict(want)}")
    return problems


# -- one article --------------------------------------------------------------------------------

def run_article(doc: dict[str, Any], analyse: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    expected = doc["expected"]
    published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
    error = None
    try:
        out = analyse(doc["text"], title=doc.get("title"), published=published)
    except Exception as exc:  # one broken article must not hide the others' figures
        out = {"relevant": False, "claims": [], "verdicts": []}
        error = f"{type(exc).__name__}: {exc}"
    got_claims = list(out.get("claims") or [])
    got_verdicts = {v.get("claim"): v for v in (out.get("verdicts") or [])}
    exp_claims = list(expected.get("claims") or [])
    pairs = match_claims(exp_claims, got_claims)
    matched = dict(pairs)

    verdicts = []
    for ev in expected.get("verdicts") or []:
        ei = ev["claim_index"]
        gi = matched.get(ei)
        got_v = got_verdicts.get(got_claims[gi].get("id")) if gi is not None else None
        verdicts.append({"claim_index": ei, "expected": ev, "got": got_v, "matched": gi is not None,
                         "right": gi is not None and verdict_right(ev, got_v)})
    matched_got = set(matched.values())
    return {
        "id": doc["id"],
        "split": doc.get("split", "tuning"),
        "relevant_expected": bool(expected["relevant"]),
        "relevant_got": bool(out.get("relevant")),
        "expected_claims": exp_claims,
        "got_claims": got_claims,
        "pairs": pairs,
        "missed": [c for i, c in enumerate(exp_claims) if i not in matched],
        "spurious": [c for i, c in enumerate(got_claims) if i not in matched_got],
        "verdicts": verdicts,
        "error": error,
    }


# -- the whole set ------------------------------------------------------------------------------

def _ratio(a: int, b: int, empty: float = 1.0) -> float:
    return a / b if b else empty


def evaluate(paths: Iterable[Path | str] | None = None,
             analyse: Callable[..., dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run the analyser over the labelled files and return the figures (and per-article detail)."""
    paths = [Path(p) for p in (paths if paths is not None else labelled_paths())]
    analyse = analyse or default_analyse()
    articles = [run_article(load(p), analyse) for p in paths]
    figures = summarise(articles)
    names = sorted({a["split"] for a in articles}, key=lambda n: (n != "tuning", n))
    figures["splits"] = {name: summarise([a for a in articles if a["split"] == name]) for name in names}
    for sub in figures["splits"].values():
        sub.pop("details", None)
    return figures


def summarise(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures over some scored articles (all of them, or one split)."""
    n = len(articles)
    relevance_right = sum(a["relevant_expected"] == a["relevant_got"] for a in articles)
    n_expected = sum(len(a["expected_claims"]) for a in articles)
    n_got = sum(len(a["got_claims"]) for a in articles)
    n_matched = sum(len(a["pairs"]) for a in articles)
    precision = _ratio(n_matched, n_got)
    recall = _ratio(n_matched, n_expected)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    all_verdicts = [v for a in articles for v in a["verdicts"]]
    verdicts_right = sum(v["right"] for v in all_verdicts)

    exp_kind: Counter[str] = Counter()
    got_kind: Counter[str] = Counter()
    hit_kind: Counter[str] = Counter()
    for a in articles:
        exp_kind.update(c.get("kind") for c in a["expected_claims"])
        got_kind.update(c.get("kind") for c in a["got_claims"])
        hit_kind.update(a["expected_claims"][ei].get("kind") for ei, _ in a["pairs"])
    per_kind = {
        kind: {"expected": exp_kind[kind], "extracted": got_kind[kind], "matched": hit_kind[kind],
               "recall": _ratio(hit_kind[kind], exp_kind[kind], empty=None),
               "precision": _ratio(hit_kind[kind], got_kind[kind], empty=None)}
        for kind in sorted(set(exp_kind) | set(got_kind), key=lambda k: (k is None, str(k)))
    }
    verdict_mix = Counter(v["expected"]["verdict"] for v in all_verdicts)
    verdict_hits = Counter(v["expected"]["verdict"] for v in all_verdicts if v["right"])
    per_verdict = {k: {"expected": verdict_mix[k], "right": verdict_hits[k],
                       "accuracy": _ratio(verdict_hits[k], verdict_mix[k])} for k in sorted(verdict_mix)}

    figures = {
        "articles": n,
        "relevant_articles": sum(a["relevant_expected"] for a in articles),
        "near_misses": sum(not a["relevant_expected"] for a in articles),
        "relevance_accuracy": _ratio(relevance_right, n),
        "claims_expected": n_expected,
        "claims_extracted": n_got,
        "claims_matched": n_matched,
        "claim_precision": precision,
        "claim_recall": recall,
        "claim_f1": f1,
        "verdicts_expected": len(all_verdicts),
        "verdicts_right": verdicts_right,
        "verdict_accuracy": _ratio(verdicts_right, len(all_verdicts)),
        "per_kind": per_kind,
        "per_verdict": per_verdict,
        "errors": {a["id"]: a["error"] for a in articles if a["error"]},
        "targets": dict(TARGETS),
    }
    figures["meets_targets"] = all(figures[k] >= v for k, v in TARGETS.items())
    figures["details"] = articles
    return figures


# -- output -------------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def print_report(fig: dict[str, Any], verbose: bool = False, out=sys.stdout) -> None:
    w = out.write
    w(f"labelled set: {fig['articles']} articles ({fig['relevant_articles']} relevant, "
      f"{fig['near_misses']} near misses), {fig['claims_expected']} claims, "
      f"{fig['verdicts_expected']} verdicts\n\n")
    rows = [
        ("relevance accuracy", fig["relevance_accuracy"], TARGETS["relevance_accuracy"]),
        ("claim precision", fig["claim_precision"], None),
        ("claim recall", fig["claim_recall"], None),
        ("claim F1", fig["claim_f1"], TARGETS["claim_f1"]),
        ("verdict accuracy", fig["verdict_accuracy"], TARGETS["verdict_accuracy"]),
    ]
    w(f"{'figure':<22}{'value':>8}{'target':>9}  \n")
    for name, value, target in rows:
        mark = "" if target is None else ("  ok" if value >= target else "  BELOW")
        w(f"{name:<22}{value:8.3f}{'' if target is None else f'{target:9.2f}':>9}{mark}\n")
    splits = fig.get("splits") or {}
    if len(splits) > 1:
        w(f"\n{'split':<12}{'articles':>9}{'claims':>8}{'relevance':>11}{'precision':>10}{'recall':>8}"
          f"{'F1':>7}{'verdicts':>10}\n")
        for name, sub in splits.items():
            w(f"{name:<12}{sub['articles']:>9}{sub['claims_expected']:>8}{sub['relevance_accuracy']:11.3f}"
              f"{sub['claim_precision']:10.3f}{sub['claim_recall']:8.3f}{sub['claim_f1']:7.3f}"
              f"{sub['verdict_accuracy']:10.3f}\n")
    w(f"\nclaims: {fig['claims_matched']} matched of {fig['claims_expected']} expected, "
      f"{fig['claims_extracted']} extracted\n\n")
    w(f"{'kind':<22}{'expected':>9}{'extracted':>10}{'matched':>8}{'recall':>8}{'precision':>10}\n")
    for kind, k in fig["per_kind"].items():
        w(f"{str(kind):<22}{k['expected']:>9}{k['extracted']:>10}{k['matched']:>8}"
          f"{_pct(k['recall']):>8}{_pct(k['precision']):>10}\n")
    w(f"\n{'verdict':<22}{'expected':>9}{'right':>10}{'accuracy':>9}\n")
    for name, v in fig["per_verdict"].items():
        w(f"{name:<22}{v['expected']:>9}{v['right']:>10}{v['accuracy']:9.3f}\n")
    if fig["errors"]:
        w(f"\nerrors in {len(fig['errors'])} articles:\n")
        for ident, err in fig["errors"].items():
            w(f"  {ident}: {err}\n")
    if verbose:
        w("\nper-article misses\n")
        for a in fig["details"]:
            lines = []
            if a["relevant_expected"] != a["relevant_got"]:
                lines.append(f"relevance: expected {a['relevant_expected']}, got {a['relevant_got']}")
            for c in a["missed"]:
                lines.append(f"missed:   {describe(c)}")
            for c in a["spurious"]:
                ev = (c.get("evidence") or "").strip().replace("\n", " ")
                lines.append(f"spurious: {describe(c)}" + (f"  <- {ev[:110]}" if ev else ""))
            for v in a["verdicts"]:
                if v["matched"] and not v["right"]:
                    c = a["expected_claims"][v["claim_index"]]
                    lines.append(f"verdict:  {describe(c)}: expected {describe_verdict(v['expected'])}, "
                                 f"got {describe_verdict(v['got'])}")
            if a["error"]:
                lines.append(f"error:    {a['error']}")
            if lines:
                w(f"\n{a['id']}\n")
                for line in lines:
                    w(f"    {line}\n")
    w("\n" + ("all targets met\n" if fig["meets_targets"] else "targets NOT met\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="labelled files (default: tests/claims/labelled/*.json)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss, article by article")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--split", action="append", metavar="NAME",
                        help="only the labelled files of this split (tuning, heldout-1, heldout-2...); repeatable")
    parser.add_argument("--check-labels", action="store_true",
                        help="only check the verdict labels against monitor/data/baseline.json")
    args = parser.parse_args(argv)
    if args.check_labels:
        problems = check_verdict_labels(args.paths or None)
        for line in problems:
            print(line)
        print(f"{len(problems)} verdict labels disagree with the baseline" if problems
              else "verdict labels agree with the baseline")
        return 1 if problems else 0
    paths = [Path(p) for p in args.paths] if args.paths else labelled_paths()
    if args.split:
        paths = [p for p in paths if load(p).get("split", "tuning") in args.split]
    fig = evaluate(paths)
    if args.json:
        public = {k: v for k, v in fig.items() if k != "details"}
        json.dump(public, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(fig, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
