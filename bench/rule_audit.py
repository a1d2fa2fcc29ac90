"""Each mechanism of the extractor judged over every development set at once: how often the claims it makes are
right, and how often the drafts each fold rule drops were a labelled claim that is then missed.

    .venv/bin/python bench/rule_audit.py            # the development sets (DEVELOPMENT_SETS)
    .venv/bin/python bench/rule_audit.py written=tests/claims/labelled blind9=/work/notes/sets/blind9
    ... --show 'a fact told again'      # the wrong cases of the mechanisms whose name holds those words

A set is ``NAME=FOLDER`` or ``NAME=FOLDER@SPLIT`` (accuracy.py's ``study_set``): a held-out
split is refused, and so is a folder kept for measuring only (accuracy.MEASURE_ONLY_FOLDERS).

A wording is judged on the page it was learned from; a mechanism is judged here on every set, so that a rule
right on the page it came from and wrong elsewhere shows. Each article is scored by ``bench/accuracy.py``'s own
code (``run_article``: the strict matching of issue 14), with the analyser that explains each claim, and:

* every claim the analyser outputs is counted under each of its mechanisms: its rule path (its kind and the
  rule that read it, accuracy.py's ``rule_path``), how its amount is linked to its thing, whether the thing was
  named or taken from context, and the attribution step that found its source (accuracy.py's
  ``path_features``). Right: it matched a label; wrong: it did not (an extra claim, or the near miss of one);
* every draft that ``drafts.fold`` drops is counted under the fold rule that dropped it (recorded by
  ``drafts.recording_drops``, which changes nothing the fold keeps). Wrong: the draft would have matched a
  label that the article's output misses, from the sentence that label quotes (the same matching, one to one
  per rule; a label quoting no sentence found in the text may be matched from anywhere); right: otherwise
  (it restates a matched label, or matches no label at all).

A mechanism wrong more often than right on most sets, or a fold rule that drops labelled claims on several
sets, is one to narrow or remove; one wrong on a single set is that set's wording.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402  (bench/ is not a package; the one copy of the matching rule lives there)
import missed_sentences  # noqa: E402

from monitor.claims.drafts import recording_drops  # noqa: E402
from monitor.claims.model import Draft  # noqa: E402
from monitor.claims.sentences import split_sentences  # noqa: E402

Span = tuple[int, int]

#: The development sets: the written set, the corpus's development split and the released real sets.
DEVELOPMENT_SETS = (
    f"written={accuracy.LABELLED}",
    "corpus=/work/shared/corpus/realtext@development",
    "blind7=/work/notes/sets/blind7",
    "blind8=/work/notes/sets/blind8",
    "blind9=/work/notes/sets/blind9",
    "blind10=/work/notes/sets/blind10",
    "dev11=/work/notes/sets/dev11",
    "blind11=/work/notes/sets/blind11",
    "dev12=/work/notes/sets/dev12",
    "blind12=/work/notes/sets/blind12",
    "dev13=/work/notes/sets/dev13",
    "blind13=/work/notes/sets/blind13",
    "dev14=/work/notes/sets/dev14",
    "blind14=/work/notes/sets/blind14",
    "dev15=/work/notes/sets/dev15",
)
#: The mechanisms a claim is counted under, besides its rule path: accuracy.py's path features of these kinds.
MECHANISM_FEATURES = ("figure: ", "item: ", "source step: ")
CLAIMS, FOLDS, TOTALS = "claims", "folds", "totals"
#: The totals' rows: where a set's errors are, before they are split by mechanism.
TOTAL_ROWS = ("claims output", "... matched no label", "labels", "... missed", "... of them dropped by a fold")

#: Per table, per mechanism: "right" and "wrong" counts, and up to a few wrong cases to show.
Audit = dict[str, dict[str, Counter[str]]]


#: Which sets may be studied: one copy, in accuracy.py.
parse_set = accuracy.study_set


def mechanisms(claim: dict[str, Any], why: dict[str, Any]) -> list[str]:
    """The mechanisms that made one output claim: its rule path and the features naming how it was read."""
    features = [f for f in accuracy.path_features(claim, why) if f.startswith(MECHANISM_FEATURES)]
    return ["rule: " + accuracy.rule_path(claim, why), *features]


def as_claim(d: Draft) -> dict[str, Any]:
    """A dropped draft in the shape of an output claim, for accuracy.py's matching."""
    return {
        "kind": d.kind,
        "item": d.item,
        "direction": d.direction,
        "quantity": d.quantity,
        "bound": d.bound,
        "quantity_high": d.quantity_high,
        "source": d.source,
        "since": d.since,
        "as_of": d.as_of,
    }


def lost_labels(
    missed: list[dict[str, Any]], quoted: list[Span | None], claims: list[dict[str, Any]], spans: list[Span]
) -> list[tuple[int, int]]:
    """(missed label, dropped draft) pairs: accuracy.py's matching, one to one in the labels' order (a second drop of
    one label would have been an extra), and from the sentence the label quotes when its evidence is found (a drop
    elsewhere that happens to match is another telling, which the fold may rightly drop)."""
    used: set[int] = set()
    pairs = []
    for li, label in enumerate(missed):
        where = quoted[li]
        for di, claim in enumerate(claims):
            if di in used or not accuracy.claim_matches(label, claim):
                continue
            if where is not None and not missed_sentences.overlaps(where, spans[di]):
                continue
            used.add(di)
            pairs.append((li, di))
            break
    return pairs


def audit_article(
    scored: dict[str, Any], drops: list[tuple[Draft, str]], cases: dict[str, list[str]] | None = None
) -> Audit:
    """One scored, explained article's counts; with ``cases``, the wrong ones described under their mechanism."""
    out: Audit = {CLAIMS: {}, FOLDS: {}, TOTALS: {}}
    if len(scored["explained"]) != len(scored["got_claims"]):
        raise ValueError(f"{scored['id']}: the audit needs the analyser's explanation of every claim")
    matched = {gi for _, gi in scored["pairs"]}
    for gi, (claim, why) in enumerate(zip(scored["got_claims"], scored["explained"])):
        outcome = "right" if gi in matched else "wrong"
        for name in mechanisms(claim, why):
            out[CLAIMS].setdefault(name, Counter())[outcome] += 1
            if outcome == "wrong" and cases is not None:
                cases.setdefault(name, []).append(f"{scored['id']}: extra {_said(claim)}")
    found = {ei for ei, _ in scored["pairs"]}
    missed = [label for ei, label in enumerate(scored["expected_claims"]) if ei not in found]
    by_rule: dict[str, list[Draft]] = {}
    for d, rule in drops:
        by_rule.setdefault(rule, []).append(d)
    text = scored["text"]
    sentences = split_sentences(text)
    quoted = [missed_sentences.locate(label.get("evidence") or "", text, sentences) for label in missed]
    lost_anywhere: set[int] = set()
    for rule, dropped in by_rule.items():
        claims = [as_claim(d) for d in dropped]
        lost = lost_labels(missed, quoted, claims, [d.span for d in dropped])
        lost_anywhere.update(li for li, _ in lost)
        counts = out[FOLDS].setdefault(rule, Counter())
        counts["wrong"] += len(lost)
        counts["right"] += len(dropped) - len(lost)
        if cases is not None:
            for _, di in lost:
                d = dropped[di]
                evidence = scored["text"][d.span[0] : d.span[1]]
                cases.setdefault(rule, []).append(
                    f"{scored['id']}: dropped {accuracy.describe(claims[di])} ({d.source})  <- {_squeeze(evidence)}"
                )
    got = len(scored["got_claims"])
    for row, n in zip(
        TOTAL_ROWS,
        (got, got - len(matched), len(scored["expected_claims"]), len(missed), len(lost_anywhere)),
        strict=True,
    ):
        out[TOTALS][row] = Counter(n=n)
    return out


def _squeeze(text: str, width: int = 170) -> str:
    return " ".join(text.split())[:width]


def _said(claim: dict[str, Any]) -> str:
    return f"{accuracy.describe(claim)} ({claim.get('source')})  <- {_squeeze(str(claim.get('evidence') or ''))}"


def add(total: Audit, part: Audit) -> None:
    for table, rows in part.items():
        for name, counts in rows.items():
            total.setdefault(table, {}).setdefault(name, Counter()).update(counts)


def audit_set(folder: Path, split: str | None = None, cases: dict[str, list[str]] | None = None) -> Audit:
    """Every article of a folder (of one split, if given), scored against the folder's own baseline."""
    docs, run = accuracy.prepare_set(folder, split, explained=True)
    total: Audit = {CLAIMS: {}, FOLDS: {}, TOTALS: {}}
    for doc in docs:
        with recording_drops() as drops:
            scored = run(doc)
        scored["text"] = doc["text"]
        add(total, audit_article(scored, drops, cases))
    return total


def flagged(per_set: dict[str, Counter[str]], table: str) -> bool:
    """A candidate to narrow or remove: a claim mechanism wrong more often than right on most of the sets it
    appears in (two at least), or a fold rule that lost a label on two sets or more."""
    if table == FOLDS:
        return sum(c["wrong"] > 0 for c in per_set.values()) >= 2
    present = [c for c in per_set.values() if c["right"] + c["wrong"]]
    worse = sum(c["wrong"] > c["right"] for c in present)
    return len(present) >= 2 and worse * 2 > len(present)


def table_lines(audits: dict[str, Audit], table: str, width: int = 58) -> list[str]:
    """One table: a row per mechanism, right/wrong per set and over all, a ``*`` on the candidates."""
    names = sorted({name for audit in audits.values() for name in audit.get(table, {})})
    totals = {name: sum((audits[s].get(table, {}).get(name, Counter()) for s in audits), Counter()) for name in names}
    title = "claims by mechanism (right/wrong)" if table == CLAIMS else "fold drops by rule (right/wrong: lost a label)"
    lines = [f"{title:<{width}}" + "".join(f"{s[:9]:>10}" for s in audits) + f"{'all':>10}"]
    for name in sorted(names, key=lambda n: (totals[n]["right"] - totals[n]["wrong"], n)):
        per_set = {s: audits[s].get(table, {}).get(name, Counter()) for s in audits}
        cells = "".join(
            f"{c['right']}/{c['wrong']:<3}".rjust(10) if c["right"] + c["wrong"] else f"{'-':>10}"
            for c in per_set.values()
        )
        mark = "*" if flagged(per_set, table) else " "
        total = totals[name]
        lines.append(f"{mark}{name[: width - 2]:<{width - 1}}{cells}{total['right']:>6}/{total['wrong']:<3}".rstrip())
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help="NAME=FOLDER or NAME=FOLDER@SPLIT (default: DEVELOPMENT_SETS)")
    parser.add_argument("--show", metavar="WORDS", help="the wrong cases of the mechanisms whose name holds WORDS")
    args = parser.parse_args(argv)
    audits: dict[str, Audit] = {}
    cases: dict[str, list[str]] = {}
    for spec in args.sets or DEVELOPMENT_SETS:
        name, folder, split = parse_set(spec)
        shown: dict[str, list[str]] = {}
        audits[name] = audit_set(folder, split, shown)
        for mechanism, lines in shown.items():
            cases.setdefault(mechanism, []).extend(f"{name} {line}" for line in lines)
    print(f"{'where the errors are':<58}" + "".join(f"{s[:9]:>10}" for s in audits) + f"{'all':>10}")
    for row in TOTAL_ROWS:
        counts = [audits[s].get(TOTALS, {}).get(row, Counter())["n"] for s in audits]
        print(f" {row:<57}" + "".join(f"{n:>10}" for n in counts) + f"{sum(counts):>10}")
    print()
    print("\n".join(table_lines(audits, CLAIMS)))
    print()
    print("\n".join(table_lines(audits, FOLDS)))
    print("\n* wrong more often than right on most sets (claims), or a label lost on two sets or more (folds)")
    if args.show:
        for mechanism in sorted(m for m in cases if args.show.lower() in m.lower()):
            print(f"\n{mechanism} ({len(cases[mechanism])} wrong)")
            for line in cases[mechanism]:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
