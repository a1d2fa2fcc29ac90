"""Every extracted claim with general features and its outcome, and whether a judgement fitted on features
predicts a wrong claim on a set it was not fitted on.

    .venv/bin/python bench/claim_outcomes.py written=tests/claims/labelled \\
        corpus=/work/shared/corpus/realtext@development blind7=/work/notes/sets/blind7 --table
    ... --out-of-sample          # fit on every two sets, measure the third (each choice of left-out set)
    ... --records FILE.jsonl     # the per-claim records, one JSON object a line

A set is ``NAME=FOLDER`` or ``NAME=FOLDER@SPLIT`` (only that split's articles are loaded and run). A
held-out split (accuracy.py's ``is_held_out``) is refused: it is measured, never studied. Articles
are run through the analyser's ``explain`` twin and scored by ``bench/accuracy.py``'s own code
(``run_article``, ``claim_outcomes``, ``match_claims``): a claim is *right* when strict matching pairs it
with a label, and any other outcome (extra claim, wrong item, wrong figure...) is *wrong*.

The features are meant to be general, not phrasings: the claim's kind, item and item family, direction,
figure and bound, hedging and stance, who speaks (outlet or named; the attribution step in coarse form),
the rule path, where the sentence sits (share of the article before it, paragraph), quotation marks,
whether an earlier claim already had this kind and item or this figure, how long the article is and how
many claims it gave.

``--table``: each feature value's precision in each set, flagged where it is below (or above) each set's own
precision in every set, and where dropping its claims would pay in every set. A group of claims is worth
dropping only if fewer than half the set's F1 of them are right: F1 is 2M/(G+E) for M right of G extracted
and E labelled, and removing g claims of which m are right raises it exactly when m/g < M/(G+E) = F1/2.
(Re-matching what is kept can move this by a pair; :func:`scores` measures it.)

``--out-of-sample``: for each set left out, a logistic regression over the features (plain Python, L2,
each training set weighted equally) is fitted on the other sets, and a drop threshold is chosen where the
training sets' mean F1 is highest; the left-out set is then scored with the claims it judges wrong
dropped (strict matching run again on the kept claims), beside its own figures, with a sweep of
thresholds and how well the judgement ranks right above wrong claims there (AUC, what demoting instead of
dropping would rest on). The same is done for the simplest judgement: drop the feature values that are
worth dropping in every training set.

``--folds K``: within each set, articles dealt into K folds, each judged by a fit on the others: same
sources and labeller, unseen articles.

``--in-sample``: the optimistic contrast, one fit on every set and each set at its own best threshold.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402  (bench/ is not a package; the one copy of the matching rule lives there)

Record = dict[str, Any]

ITEM_FAMILIES = {
    "people": ("troops", "workers", "engineers", "officers", "experts", "personnel", "labourers", "laborers"),
    "casualties": ("killed", "wounded", "captured", "casualties", "dead"),
    "technology": ("technology",),
    "goods and money": ("oil", "food", "cash", "aid", "raw_materials", "supply", "payment", "currency"),
    "munitions": ("shells", "munitions", "rockets", "ammunition"),
    "missiles": ("missile", "satellite"),
}


def item_family(item: str | None) -> str:
    """A coarse family of the item, so that a rare item is judged with its kin."""
    name = str(item or "")
    for family, parts in ITEM_FAMILIES.items():
        if any(part in name for part in parts):
            return family
    return "equipment" if name else "none"


def _bucket(value: float, edges: tuple[float, ...], labels: tuple[str, ...]) -> str:
    for edge, label in zip(edges, labels, strict=False):
        if value < edge:
            return label
    return labels[-1]


def _coarse_step(step: str) -> str:
    """An explain() step without the words it quotes or its details: "the subject of '...'"."""
    step = re.sub(r"'[^']*'|\"[^\"]*\"", "'...'", step.split(" (")[0].split(":")[0].split(";")[0])
    return " ".join(step.split()[:6]) or "?"


def claim_features(claim: Record, why: Record, context: Record) -> dict[str, str]:
    """The general features of one claim, each a categorical value (see the module's docstring)."""
    quantity = claim.get("quantity")
    number = accuracy._number(quantity)
    span = claim.get("span") or [0, 0]
    text_length = max(1, context["text_length"])
    start = int(span[0]) if span else 0
    link = str((why.get("quantity") or {}).get("link") or "")
    source_step = str((why.get("source") or {}).get("step") or "")
    date_step = str((why.get("dates") or {}).get("step") or "")
    evidence = str(claim.get("evidence") or "")
    rule = why.get("rule") or ("a cue's note" if not (why.get("cue") or {}).get("text") else "a cue alone")
    return {
        "kind": str(claim.get("kind")),
        "item": str(claim.get("item")),
        "item family": item_family(claim.get("item")),
        "direction": str(claim.get("direction")),
        "rule path": f"{claim.get('kind')}: {rule}",
        "rule": str(rule),
        "figure": "none" if quantity is None else "has one",
        "bound": str(claim.get("bound")),
        "figure size": "none"
        if number is None
        else _bucket(abs(number), (10, 1000, 100_000), ("under 10", "10-999", "1,000-99,999", "100,000 or more")),
        "figure link": "none" if not link else " ".join(link.split(",")[0].split(" (")[0].split()[:3]),
        "item from context": "yes" if (why.get("item_word") or {}).get("from_context") else "no",
        "hedged": "yes" if claim.get("hedged") else "no",
        "stance": str(claim.get("stance")),
        "voice": "the outlet's own" if claim.get("source") == "outlet" else "a named source",
        "source step": _coarse_step(source_step),
        "date step": _coarse_step(date_step.replace("as_of from", "as_of:")),
        "since": "given" if claim.get("since") else "none",
        "sentence quotes someone": "yes" if accuracy.QUOTE_MARK.search(evidence) else "no",
        "sentence length": _bucket(len(evidence), (120, 250), ("under 120", "120-249", "250 or more")),
        "position in article": _bucket(
            start / text_length, (0.1, 0.33, 0.66), ("first tenth", "to a third", "middle", "last third")
        ),
        "paragraph": _bucket(context["paragraph"], (1, 2, 4), ("first", "second", "third or fourth", "fifth on")),
        "claims in its sentence": _bucket(context["in_sentence"], (2, 3), ("one", "two", "three or more")),
        "repeats kind and item": "yes" if context["repeated_key"] else "no",
        "repeats a figure": "yes" if context["repeated_figure"] else "no",
        "claim number": _bucket(
            context["ordinal"], (1, 3, 6), ("first", "second or third", "fourth to sixth", "seventh on")
        ),
        "claims in article": _bucket(context["claims"], (3, 6, 11), ("1-2", "3-5", "6-10", "11 or more")),
        "article length": _bucket(
            text_length, (1500, 4000, 8000), ("under 1,500", "1,500-3,999", "4,000-7,999", "8,000 or more")
        ),
    }


# -- loading and scoring a set ------------------------------------------------------------------


class ScoredSet(NamedTuple):
    name: str
    articles: list[Record]  # accuracy.run_article's detail, each with "text" added
    records: list[Record]


#: Which sets may be studied: one copy, in accuracy.py.
parse_set = accuracy.study_set


def load_set(name: str, folder: Path, split: str | None = None) -> ScoredSet:
    """Run the explained analyser over a folder (one split of it, if given) and record every claim."""
    docs, run = accuracy.prepare_set(folder, split, explained=True)
    articles = []
    for doc in docs:
        scored = run(doc)
        scored["text"] = doc["text"]
        articles.append(scored)
    return ScoredSet(name, articles, records_of(name, articles))


def records_of(set_name: str, articles: list[Record]) -> list[Record]:
    """One record per extracted claim: where it is, its features and what strict matching made of it."""
    records = []
    for a in articles:
        got = a["got_claims"]
        if len(a["explained"]) != len(got):
            raise ValueError(f"{a['id']}: every claim needs the analyser's explanation")
        text = a["text"]
        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
        in_sentence = Counter(tuple(c.get("span") or ()) for c in got)
        said: set[tuple[Any, ...]] = set()
        figures: list[float] = []
        for index, (claim, why, outcome) in enumerate(zip(got, a["explained"], accuracy.claim_outcomes(a))):
            key = tuple(claim.get(f) for f in accuracy.MATCH_FIELDS)
            quantity = claim.get("quantity")
            context = {
                "text_length": len(text),
                "paragraph": sum(at <= int((claim.get("span") or [0])[0]) for at in paragraph_starts) - 1,
                "in_sentence": in_sentence[tuple(claim.get("span") or ())],
                "repeated_key": key in said,
                "repeated_figure": quantity is not None and any(accuracy.same_quantity(quantity, f) for f in figures),
                "ordinal": index,
                "claims": len(got),
            }
            records.append(
                {
                    "set": set_name,
                    "article": a["id"],
                    "index": index,
                    "outcome": outcome,
                    "right": outcome == "matched",
                    "features": claim_features(claim, why, context),
                }
            )
            said.add(key)
            if quantity is not None:
                figures.append(quantity)
    return records


def scores(articles: list[Record], keep: Callable[[Record, int], bool] | None = None) -> dict[str, float]:
    """Precision, recall and F1 of a scored set, keeping only the claims ``keep(article, index)`` allows;
    strict matching (accuracy.match_claims) is run again on what is kept, as a filter in the engine would."""
    n_got = n_expected = n_matched = 0
    for a in articles:
        got = [c for i, c in enumerate(a["got_claims"]) if keep is None or keep(a, i)]
        n_got += len(got)
        n_expected += len(a["expected_claims"])
        n_matched += len(accuracy.match_claims(a["expected_claims"], got))
    precision = n_matched / n_got if n_got else 1.0
    recall = n_matched / n_expected if n_expected else 1.0
    return {
        "claims": n_got,
        "matched": n_matched,
        "precision": precision,
        "recall": recall,
        "f1": accuracy._f1(precision, recall),
    }


# -- the per-feature table ------------------------------------------------------------------------


def feature_table(sets: list[ScoredSet], min_claims: int = 5) -> list[Record]:
    """Each feature value's claims and precision per set; ``below_everywhere`` when, in every set where it
    has at least ``min_claims`` claims (and it must have them in every set), it is below that set's precision."""
    overall = {s.name: sum(r["right"] for r in s.records) / max(1, len(s.records)) for s in sets}
    break_even = {s.name: scores(s.articles)["f1"] / 2 for s in sets}
    cells: dict[tuple[str, str], dict[str, list[int]]] = {}
    for s in sets:
        for r in s.records:
            for feature, value in r["features"].items():
                cell = cells.setdefault((feature, value), {}).setdefault(s.name, [0, 0])
                cell[0] += 1
                cell[1] += r["right"]
    rows = []
    for (feature, value), per_set in sorted(cells.items()):
        figures = {name: (n, right / n) for name, (n, right) in per_set.items()}
        everywhere = all(name in figures and figures[name][0] >= min_claims for name in overall)
        rows.append(
            {
                "feature": feature,
                "value": value,
                "per_set": figures,
                "below_everywhere": everywhere and all(figures[n][1] < overall[n] for n in overall),
                "above_everywhere": everywhere and all(figures[n][1] > overall[n] for n in overall),
                "worth_dropping": everywhere and all(figures[n][1] < break_even[n] for n in overall),
            }
        )
    return rows


def print_table(sets: list[ScoredSet], rows: list[Record], min_claims: int, only_flagged: bool) -> None:
    names = [s.name for s in sets]
    print(
        "precision (break-even: a group of claims is worth dropping only if fewer than half the set's F1 of them are "
        "right): "
        + ", ".join(
            f"{s.name} {scores(s.articles)['precision']:.3f} ({scores(s.articles)['f1'] / 2:.3f})" for s in sets
        )
    )
    print(f"\n{'feature = value':<58}" + "".join(f"{n[:16]:>18}" for n in names) + "  flag")
    for row in rows:
        flag = "DROP PAYS EVERYWHERE" if row["worth_dropping"] else ""
        flag = flag or (
            "low everywhere" if row["below_everywhere"] else ("high everywhere" if row["above_everywhere"] else "")
        )
        if only_flagged and not flag:
            continue
        cells = "".join(
            f"{row['per_set'][n][1]:>10.3f} ({row['per_set'][n][0]:>4})" if n in row["per_set"] else f"{'-':>18}"
            for n in names
        )
        print(f"{(row['feature'] + ' = ' + row['value'])[:57]:<58}{cells}  {flag}")
    print(f"\n(flags need at least {min_claims} claims in every set)")


# -- the judgement: logistic regression in plain Python --------------------------------------------


def one_hot(records: Iterable[Record], vocabulary: list[str]) -> list[list[int]]:
    index = {name: i for i, name in enumerate(vocabulary)}
    rows = []
    for r in records:
        rows.append(sorted(index[f"{k}={v}"] for k, v in r["features"].items() if f"{k}={v}" in index))
    return rows


def fit_logistic(
    records: list[Record], weights: list[float], l2: float = 1.0, steps: int = 1500, rate: float = 1.0
) -> tuple[list[str], list[float], float]:
    """A logistic regression of "right" on one-hot features, by full-batch gradient descent (bounded
    steps). ``weights`` are scaled to a mean of 1, so ``l2`` is a penalty against that many claims' loss.
    Returns the vocabulary, a coefficient each and the intercept."""
    vocabulary = sorted({f"{k}={v}" for r in records for k, v in r["features"].items()})
    x = one_hot(records, vocabulary)
    y = [1.0 if r["right"] else 0.0 for r in records]
    scale = len(weights) / sum(weights)
    weights = [w * scale for w in weights]
    total = float(len(weights))
    coef = [0.0] * len(vocabulary)
    mean = sum(w * t for w, t in zip(weights, y, strict=True)) / total
    intercept = math.log(mean / (1 - mean)) if 0 < mean < 1 else 0.0
    for _ in range(steps):
        grad = [0.0] * len(vocabulary)
        grad_b = 0.0
        for active, target, w in zip(x, y, weights, strict=True):
            z = intercept + sum(coef[j] for j in active)
            error = w * (1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - target)
            grad_b += error
            for j in active:
                grad[j] += error
        intercept -= rate * grad_b / total
        for j in range(len(coef)):
            coef[j] -= rate * (grad[j] + l2 * coef[j]) / total
    return vocabulary, coef, intercept


def probability_right(record: Record, vocabulary: list[str], coef: list[float], intercept: float) -> float:
    index = {name: i for i, name in enumerate(vocabulary)}
    z = intercept + sum(coef[index[f"{k}={v}"]] for k, v in record["features"].items() if f"{k}={v}" in index)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def judge(s: ScoredSet, vocabulary: list[str], coef: list[float], intercept: float) -> dict[tuple[str, int], float]:
    """Each claim of a set (by article id and index) with the fitted chance that it is right."""
    return {(r["article"], r["index"]): probability_right(r, vocabulary, coef, intercept) for r in s.records}


def ranking_auc(records: list[Record], judged: dict[tuple[str, int], float]) -> float | None:
    """How often a right claim is judged likelier right than a wrong one (ties count half); None without
    both. Demoting claims (ordering, not dropping) can only help where this is well above 0.5."""
    right = [judged[(r["article"], r["index"])] for r in records if r["right"]]
    wrong = [judged[(r["article"], r["index"])] for r in records if not r["right"]]
    if not right or not wrong:
        return None
    wins = sum((a > b) + 0.5 * (a == b) for a in right for b in wrong)
    return wins / (len(right) * len(wrong))


def keep_above(s: ScoredSet, judged: dict[tuple[str, int], float], threshold: float) -> Callable[[Record, int], bool]:
    return lambda a, i: judged[(a["id"], i)] >= threshold


def out_of_sample(sets: list[ScoredSet], l2: float, thresholds: list[float]) -> list[Record]:
    """For each left-out set: fit on the others, choose the threshold there, measure the left-out set."""
    results = []
    for held in sets:
        train = [s for s in sets if s is not held]
        records = [r for s in train for r in s.records]
        weights = [1.0 / len(s.records) for s in train for _ in s.records]  # each training set counts equally
        vocabulary, coef, intercept = fit_logistic(records, weights, l2=l2)

        model = (vocabulary, coef, intercept)
        train_judged = {s.name: judge(s, *model) for s in train}
        best = 0.0
        best_f1 = sum(scores(s.articles)["f1"] for s in train) / len(train)
        for t in thresholds:
            mean_f1 = sum(scores(s.articles, keep_above(s, train_judged[s.name], t))["f1"] for s in train) / len(train)
            if mean_f1 > best_f1 + 1e-9:
                best, best_f1 = t, mean_f1
        held_judged = judge(held, *model)
        sweep = {t: scores(held.articles, keep_above(held, held_judged, t)) for t in thresholds}
        simple = simple_rule(train)
        results.append(
            {
                "left_out": held.name,
                "trained_on": [s.name for s in train],
                "threshold": best,
                "train_mean_f1_at_threshold": best_f1,
                "before": scores(held.articles),
                "after": scores(held.articles, keep_above(held, held_judged, best)),
                "sweep": sweep,
                "auc": ranking_auc(held.records, held_judged),
                "simple_rule": sorted(simple),
                "simple_after": scores(held.articles, keep_unless(held, simple)),
                "weights": sorted(zip(coef, vocabulary, strict=True))[:8],
            }
        )
    return results


def article_folds(s: ScoredSet, folds: int, l2: float, thresholds: list[float]) -> Record:
    """Within one set, articles dealt round-robin into ``folds``: each fold is judged by a fit on the other
    folds' articles, at the threshold best for them. Between in sample and another set: same sources and
    labeller, unseen articles."""
    ids = [a["id"] for a in s.articles]
    judged: dict[tuple[str, int], float] = {}
    cut: dict[tuple[str, int], float] = {}
    for k in range(folds):
        test_ids = set(ids[k::folds])
        train = ScoredSet(
            s.name,
            [a for a in s.articles if a["id"] not in test_ids],
            [r for r in s.records if r["article"] not in test_ids],
        )
        test = ScoredSet(
            s.name, [a for a in s.articles if a["id"] in test_ids], [r for r in s.records if r["article"] in test_ids]
        )
        if not train.records or not test.records:
            continue
        model = fit_logistic(train.records, [1.0] * len(train.records), l2=l2)
        train_judged = judge(train, *model)
        best = max((scores(train.articles, keep_above(train, train_judged, t))["f1"], -t) for t in [0.0, *thresholds])
        for key, p in judge(test, *model).items():
            judged[key], cut[key] = p, -best[1]
    return {
        "set": s.name,
        "folds": folds,
        "auc": ranking_auc([r for r in s.records if (r["article"], r["index"]) in judged], judged),
        "before": scores(s.articles),
        "after": scores(
            s.articles, lambda a, i: (a["id"], i) not in judged or judged[(a["id"], i)] >= cut[(a["id"], i)]
        ),
    }


def in_sample(sets: list[ScoredSet], l2: float, thresholds: list[float]) -> list[Record]:
    """The optimistic contrast: one fit on every set, each set then scored at its own best threshold (the
    way a rule counted on a set looks on that set)."""
    records = [r for s in sets for r in s.records]
    weights = [1.0 / len(s.records) for s in sets for _ in s.records]
    vocabulary, coef, intercept = fit_logistic(records, weights, l2=l2)
    results = []
    for s in sets:
        judged = judge(s, vocabulary, coef, intercept)
        best = max((scores(s.articles, keep_above(s, judged, t))["f1"], -t) for t in [0.0, *thresholds])
        results.append(
            {
                "set": s.name,
                "auc": ranking_auc(s.records, judged),
                "before": scores(s.articles),
                "threshold": -best[1],
                "after": scores(s.articles, keep_above(s, judged, -best[1])),
            }
        )
    return results


def simple_rule(train: list[ScoredSet], min_claims: int = 5) -> set[tuple[str, str]]:
    """The feature values whose claims, in every training set (with enough claims in each), are right less
    often than that set's break-even (half its F1): the only groups whose dropping raises F1 there."""
    return {(row["feature"], row["value"]) for row in feature_table(train, min_claims) if row["worth_dropping"]}


def keep_unless(s: ScoredSet, drop: set[tuple[str, str]]) -> Callable[[Record, int], bool]:
    flagged = {(r["article"], r["index"]) for r in s.records if any(fv in drop for fv in r["features"].items())}
    return lambda a, i: (a["id"], i) not in flagged


def _fmt(x: dict[str, float]) -> str:
    return f"P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f} ({x['claims']} claims, {x['matched']} right)"


def print_out_of_sample(results: list[Record]) -> None:
    for r in results:
        print(f"\nleft out {r['left_out']} (fitted on {' + '.join(r['trained_on'])})")
        print(f"  as extracted:            {_fmt(r['before'])}")
        print(
            f"  logistic, drop p<{r['threshold']:.2f}:  {_fmt(r['after'])}   (training mean F1 {r['train_mean_f1_at_threshold']:.3f})"
        )
        auc = "none (no wrong claim)" if r["auc"] is None else f"{r['auc']:.3f}"
        print(f"  ranking of right above wrong claims on the left-out set (AUC): {auc}")
        print(
            "  logistic sweep on the left-out set: "
            + ", ".join(f"{t:.2f}: {v['f1']:.3f}" for t, v in r["sweep"].items())
        )
        print(f"  simple rule, drop {len(r['simple_rule'])} values: {_fmt(r['simple_after'])}")
        for feature, value in r["simple_rule"]:
            print(f"      {feature} = {value}")
        print("  most negative weights: " + "; ".join(f"{name} {w:+.2f}" for w, name in r["weights"]))


def print_in_sample(results: list[Record]) -> None:
    print("\nin sample (one fit on every set, each set at its own best threshold: optimistic by construction)")
    for r in results:
        auc = "none (no wrong claim)" if r["auc"] is None else f"{r['auc']:.3f}"
        print(f"  {r['set']}: AUC {auc}; {_fmt(r['before'])} -> drop p<{r['threshold']:.2f}: {_fmt(r['after'])}")


def print_article_folds(results: list[Record]) -> None:
    print("\nwithin each set, by article (fitted on the set's other articles only)")
    for r in results:
        auc = "none (no wrong claim)" if r["auc"] is None else f"{r['auc']:.3f}"
        print(f"  {r['set']}, {r['folds']} folds: AUC {auc}; {_fmt(r['before'])} -> {_fmt(r['after'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="NAME=FOLDER or NAME=FOLDER@SPLIT (held-out splits refused)")
    parser.add_argument("--table", action="store_true", help="each feature value's precision in each set")
    parser.add_argument("--flagged", action="store_true", help="with --table, only the values flagged in every set")
    parser.add_argument("--min-claims", type=int, default=5, help="claims a value needs in every set to be flagged")
    parser.add_argument("--out-of-sample", action="store_true", help="fit on all sets but one, measure that one")
    parser.add_argument("--folds", type=int, help="also judge each set by article folds within it (e.g. 5)")
    parser.add_argument(
        "--in-sample", action="store_true", help="the optimistic contrast: fit and judge on the same sets"
    )
    parser.add_argument("--l2", type=float, default=1.0, help="the logistic regression's L2 penalty")
    parser.add_argument("--records", type=Path, help="write every claim's record here, one JSON object a line")
    args = parser.parse_args(argv)
    sets = [load_set(*parse_set(spec)) for spec in args.sets]
    for s in sets:
        print(f"{s.name}: {len(s.articles)} articles, {_fmt(scores(s.articles))}")
    if args.records:
        with open(args.records, "w", encoding="utf-8") as fh:
            for s in sets:
                for r in s.records:
                    fh.write(json.dumps(r, sort_keys=True) + "\n")
    if args.table:
        print_table(sets, feature_table(sets, args.min_claims), args.min_claims, args.flagged)
    if args.out_of_sample:
        if len(sets) < 2:
            parser.error("--out-of-sample needs at least two sets")
        thresholds = [round(0.05 * k, 2) for k in range(1, 19)]
        print_out_of_sample(out_of_sample(sets, args.l2, thresholds))
    if args.folds:
        thresholds = [round(0.05 * k, 2) for k in range(1, 19)]
        print_article_folds([article_folds(s, args.folds, args.l2, thresholds) for s in sets])
    if args.in_sample:
        print_in_sample(in_sample(sets, args.l2, [round(0.05 * k, 2) for k in range(1, 19)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
