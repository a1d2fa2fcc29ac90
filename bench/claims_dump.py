"""Prove that engine work left the analyser's output alone: every case's ``explain()`` object, compared.

    .venv/bin/python bench/claims_dump.py --out /tmp/new.jsonl          # write this checkout's outputs
    .venv/bin/python bench/claims_dump.py --against /tmp/old            # this checkout and DIR, case by case
    .venv/bin/python bench/claims_dump.py --against /tmp/old --show 3   # and the first 3 differing outputs
    .venv/bin/python bench/claims_dump.py --against /tmp/old --only written/   # only cases whose id starts so

Work on the engine's speed must not change what it reads: the same claims, spans, evidence, verdicts
and rule paths for every article. This runs :func:`monitor.claims.analysis.explain` (``analyse()``'s
object plus each claim's rule path) over a fixed list of cases and prints how many there are and which
differ from another tree's (``--against DIR``, e.g. an older commit unpacked with ``git archive``; it is
run in a fresh process of its own). Exit status 1 when any case differs.

The cases: the written set (tests/claims/labelled); the real-text corpus's development split when
``../shared/corpus/realtext`` is beside the checkout (its held-out split is left out: it is measured,
never debugged on, and a dump is for debugging); the seed reports; claims_bench.py's seed-sized and
feed mixes; and variants of the written set and the development split that reach other paths of the
engine: no title or date, upper and lower case, paragraphs in reverse order, typographic quotes and
dashes, and a dotless i. Nothing is asserted about what the outputs say, only that they are the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "realtext"
TODAY = dt.date(2026, 11, 22)  # fixed, so that undated articles resolve alike in both trees

Case = tuple[str, str, str | None, dt.date | None]  # id, text, title, published


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def base_cases() -> list[Case]:
    sys.path.insert(0, str(ROOT / "bench"))
    import accuracy
    import claims_bench

    cases: list[Case] = []
    for path in accuracy.labelled_paths():
        doc = accuracy.normalise(accuracy.load(path), path)
        cases.append((f"written/{doc['id']}", doc["text"], doc["title"], _date(doc["published"])))
    if CORPUS.is_dir():
        for path in accuracy.folder_paths(CORPUS):
            doc = accuracy.normalise(accuracy.load(path), path)
            if not accuracy.is_held_out(doc["split"]):
                cases.append((f"corpus/{doc['id']}", doc["text"], doc["title"], _date(doc["published"])))
    for mix in ("seeds", "seed-sized", "feed"):
        for number, (text, title, published) in enumerate(claims_bench.mix_named(mix)):
            cases.append((f"{mix}/{number}", text, title, published))
    return cases


_TYPOGRAPHIC = str.maketrans({'"': "\u201c", "'": "\u2019", "-": "\u2013"})


def variants(case: Case) -> Iterator[Case]:
    ident, text, title, published = case
    yield f"{ident}#bare", text, None, None
    yield f"{ident}#upper", text.upper(), title, published
    yield f"{ident}#lower", text.lower(), title, published
    yield f"{ident}#reversed", "\n\n".join(reversed(text.split("\n\n"))), title, published
    yield f"{ident}#typographic", text.translate(_TYPOGRAPHIC), title, published
    yield f"{ident}#dotless", text.replace("i", "\u0131", 3), title, published


def all_cases(only: str = "") -> list[Case]:
    """Every case, or those whose id starts with ``only``."""
    cases = base_cases()
    varied = [v for c in cases if c[0].startswith(("written/", "corpus/")) for v in variants(c)]
    return [c for c in cases + varied if c[0].startswith(only)]


def dump(code: str, out: Path, only: str = "") -> int:
    """Write one JSON line per case, ``{"case": id, "out": explain()'s object}``, with ``code``'s engine."""
    sys.path.insert(0, code)
    from monitor.claims.analysis import explain

    with open(out, "w", encoding="utf-8") as fh:
        for ident, text, title, published in all_cases(only):
            result = explain(text, title=title, published=published, today=TODAY)
            fh.write(json.dumps({"case": ident, "out": result}, sort_keys=True, default=str) + "\n")
    return 0


def read_dump(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {(row := json.loads(line))["case"]: json.dumps(row["out"], sort_keys=True) for line in fh}


def compare(other: str, show: int, only: str = "") -> int:
    """Dump this checkout and ``other`` in fresh processes; print the cases whose outputs differ."""
    outputs = {}
    # A folder of this run's own: two comparisons at once (a test beside a hand run) must not share a file.
    with tempfile.TemporaryDirectory(prefix="claims-dump-") as folder:
        for name, code in (("this checkout", str(ROOT)), (other, other)):
            digest = hashlib.sha256(code.encode()).hexdigest()[:12]
            path = Path(folder) / f"{digest}.jsonl"
            subprocess.run([sys.executable, __file__, "--code", code, "--out", str(path), "--only", only], check=True)
            outputs[name] = read_dump(path)
    mine, theirs = outputs["this checkout"], outputs[other]
    differ = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
    print(f"{len(mine)} cases in this checkout, {len(theirs)} in {other}: {len(differ)} differ")
    for ident in differ[:20]:
        print("  differs:", ident)
    for ident in differ[:show]:
        print(f"--- {ident}\n  this checkout: {mine.get(ident)}\n  {other}: {theirs.get(ident)}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write this checkout's outputs (or --code DIR's) to FILE")
    parser.add_argument("--code", metavar="DIR", default=str(ROOT), help="the tree whose monitor package to run")
    parser.add_argument("--against", metavar="DIR", help="compare this checkout with the tree in DIR")
    parser.add_argument("--show", type=int, default=0, help="print the first N differing outputs in full")
    parser.add_argument("--only", default="", metavar="PREFIX", help="only the cases whose id starts with PREFIX")
    args = parser.parse_args(argv)
    if args.against:
        return compare(str(Path(args.against).resolve()), args.show, args.only)
    if args.out is None:
        parser.error("give --out FILE or --against DIR")
    return dump(str(Path(args.code).resolve()), args.out, args.only)


if __name__ == "__main__":
    sys.exit(main())
