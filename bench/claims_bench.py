"""Throughput of the claims engine: relevance + extraction + diff, one core, articles per second.

    .venv/bin/python bench/claims_bench.py              # short articles, seed-sized articles, the seeds
    .venv/bin/python bench/claims_bench.py --seconds 10
    .venv/bin/python bench/claims_bench.py FILE...      # your own articles (text or HTML)
    .venv/bin/python bench/claims_bench.py --code /tmp/old   # an older checkout, same articles
    .venv/bin/python bench/claims_bench.py --against /tmp/old --rounds 5   # old and new alternately, medians
    .venv/bin/python bench/claims_bench.py --instructions --against /tmp/old   # instructions per article (callgrind)

Each article goes through ``monitor.claims.analysis.analyse`` exactly as ``monitor diff`` runs it.
Four mixes: *short*, the labelled set in tests/claims/labelled/ as it is (wire items, statements,
HTML pages and near misses, which stop after relevance; about 500 characters); *seed-sized*, the
relevant labelled articles joined in file order into texts of 3-4 KB, the size of the seed reports
(issue 14 asks for 300 a second on one core); the two seed reports themselves when they are
beside the checkout; and *feed*, the 1,000 entries bench/poll_bench.py serves (about 1 KB of feed
HTML each, one in eight on the topic) as text, each through the relevance gate first, as the parse
workers run them on a first poll (issue 15). Each mix is given in articles per wall-clock second
and per CPU second of this process; the second is steadier when other work shares the machine,
and ``--against`` runs this checkout and another one alternately in fresh processes and prints
the medians and the range of the runs. ``--instructions`` counts the machine instructions an article
takes instead (valgrind's callgrind, collecting only inside the timed loop): slower to run, but the
same from run to run however loaded the machine is, so a change of 2-3% shows, where CPU seconds
drift by more than that (docs/accuracy.md, Speed). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "claims" / "labelled"
SEEDS = ROOT.parent / "shared" / "seeds"

Article = tuple[str, str | None, dt.date | None]


def labelled_mix() -> list[Article]:
    out = []
    for path in sorted(LABELLED.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out.append((doc["text"], doc.get("title"), dt.date.fromisoformat(doc["published"])))
    return out


SEED_SIZE = (3000, 4000)  # characters: the seed reports are 2.4 and 4.2 KB


def seed_sized_mix() -> list[Article]:
    """Relevant labelled articles joined, in file order, into articles of 3-4 KB."""
    out: list[Article] = []
    parts: list[str] = []
    for path in sorted(LABELLED.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not doc["expected"]["relevant"] or doc["text"].lstrip().startswith("<"):
            continue
        parts.append(doc["text"].strip())
        joined = "\n\n".join(parts)
        if len(joined) >= SEED_SIZE[0]:
            out.append((joined[: SEED_SIZE[1]], None, dt.date.fromisoformat(doc["published"])))
            parts = []
    return out


def seed_reports() -> list[Article]:
    return [(p.read_text(encoding="utf-8"), None, dt.date(2023, 11, 1)) for p in sorted(SEEDS.glob("0*.txt"))]


FEED_ENTRIES = 1000


def feed_mix() -> list[Article]:
    """The entries bench/poll_bench.py serves (about 1 KB of feed HTML each, one in eight on the
    topic), as text: what the parse workers analyse on a first poll (issue 15)."""
    import poll_bench  # the same generator as the poll figures; imported only for this mix

    from monitor.feeds.entries import html_to_text

    entries = [poll_bench.make_entry(feed, number) for feed in range(FEED_ENTRIES // 50) for number in range(50)]
    return [(html_to_text(e.html), e.title, e.published.date()) for e in entries]


def mix_named(name: str) -> list[Article]:
    return {"short": labelled_mix, "seed-sized": seed_sized_mix, "seeds": seed_reports, "feed": feed_mix}[name]()


def files(paths: list[str]) -> list[Article]:
    return [(Path(p).read_text(encoding="utf-8", errors="replace"), None, None) for p in paths]


def measure(articles: list[Article], seconds: float, gated: bool = False) -> dict[str, float]:
    """Run the mix round and round for ``seconds``; per-article times from the last rounds.

    ``gated``: each article goes through the relevance gate first, as the daemon's parse workers
    run it (monitor/pipeline.py's analyse_state), and only those it lets pass go on to analyse().
    """
    from monitor.claims.analysis import analyse
    from monitor.claims.relevance import could_be_relevant

    def analyse_one(text: str, title: str | None, published: dt.date | None) -> dict[str, Any]:
        if gated and not could_be_relevant(title, text):
            return {"relevant": False}
        return analyse(text, title=title, published=published, today=dt.date(2026, 11, 22))

    for text, title, published in articles:  # warm caches (the baseline, lazily compiled regexes)
        analyse_one(text, title, published)
    count = 0
    relevant = 0
    per_article: list[float] = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for text, title, published in articles:
            t0 = time.perf_counter()
            out = analyse_one(text, title, published)
            per_article.append(time.perf_counter() - t0)
            relevant += out["relevant"]
            count += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {
        "articles": len(articles),
        "runs": count,
        "articles_per_second": count / elapsed,
        # CPU time of this process: less disturbed than wall time when other work shares the core
        "articles_per_cpu_second": count / cpu if cpu > 0 else float("nan"),
        "mean_ms": 1000 * statistics.fmean(per_article),
        "p95_ms": 1000 * sorted(per_article)[int(0.95 * (len(per_article) - 1))],
        "max_ms": 1000 * max(per_article),
        "mean_chars": statistics.fmean(len(a[0]) for a in articles),
        "relevant_share": relevant / count if count else 0.0,
    }


def report(name: str, fig: dict[str, float]) -> None:
    print(
        f"{name}: {fig['articles']} articles (mean {fig['mean_chars']:.0f} chars, "
        f"{fig['relevant_share']:.0%} relevant), {fig['runs']} runs"
    )
    print(
        f"  {fig['articles_per_second']:8.1f} articles/s ({fig['articles_per_cpu_second']:.1f} per CPU second)   "
        f"mean {fig['mean_ms']:.2f} ms   p95 {fig['p95_ms']:.2f} ms   max {fig['max_ms']:.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="articles to time instead of the labelled set")
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent on each mix (default 5)")
    parser.add_argument(
        "--code",
        metavar="DIR",
        help="time the monitor package found in DIR instead of this "
        "checkout (e.g. an older commit unpacked with `git archive`), on the same articles",
    )
    parser.add_argument("--against", metavar="DIR", help="alternate this checkout and the one in DIR (see --code)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of --against (default 5)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions per article under valgrind's callgrind (this checkout, and DIR with --against)",
    )
    parser.add_argument(
        "--mixes",
        default="seed-sized,short",
        help="mixes --instructions counts, comma-separated: short, seed-sized, seeds, feed (default seed-sized,short)",
    )
    parser.add_argument("--count-loop", nargs=3, metavar=("CODE", "MIX", "ROUNDS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.count_loop:
        return count_loop(*args.count_loop)
    if args.instructions:
        trees = [str(ROOT)] + ([str(Path(args.against).resolve())] if args.against else [])
        return instructions(trees, args.mixes.split(","))
    if args.against:
        return alternate(str(Path(args.against).resolve()), args.rounds, args.seconds)
    code = str(Path(args.code).resolve()) if args.code else str(ROOT)
    if code not in sys.path:
        sys.path.insert(0, code)
    from monitor.claims.extract import EXTRACTOR_VERSION

    print(f"claims engine {EXTRACTOR_VERSION}, Python {platform.python_version()}, one process, one core")
    if args.paths:
        report("files", measure(files(args.paths), args.seconds))
        return 0
    figures = {}
    mix = labelled_mix()
    seeds = seed_reports()
    if mix:
        figures["short"] = measure(mix, args.seconds)
        report("short: the labelled set (tests/claims/labelled)", figures["short"])
        figures["seed-sized"] = measure(seed_sized_mix(), args.seconds)
        report("seed-sized: relevant labelled articles joined into 3-4 KB", figures["seed-sized"])
    elif not seeds:
        print("no labelled set and no seeds beside the checkout: nothing to time")
        return 0
    if seeds:
        figures["seeds"] = measure(seeds, max(1.0, args.seconds / 2))
        report("seed reports (../shared/seeds)", figures["seeds"])
    else:
        print("seed reports: ../shared/seeds not found beside the checkout, skipped")
    figures["feed"] = measure(feed_mix(), max(1.0, args.seconds / 2), gated=True)
    report("feed: bench/poll_bench.py's entries as text, relevance gate then analyse (issue 15)", figures["feed"])
    if args.json:
        print("JSON " + json.dumps(figures))
    return 0


def alternate(other: str, rounds: int, seconds: float) -> int:
    """This checkout and ``other`` in turn, each round in fresh processes; the medians per mix."""
    runs: dict[str, dict[str, list[float]]] = {"this checkout": {}, other: {}}
    for _ in range(rounds):
        for name in runs:
            cmd = [sys.executable, __file__, "--json", "--seconds", str(seconds)] + (
                [] if name == "this checkout" else ["--code", other]
            )
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            figures = json.loads(next(line for line in out.splitlines() if line.startswith("JSON "))[5:])
            for mix, fig in figures.items():
                runs[name].setdefault(mix, []).append(fig["articles_per_cpu_second"])
    print(f"medians of {rounds} alternating rounds, articles per CPU second (one process, one core)")
    for name, mixes in runs.items():
        print(
            f"  {name}: "
            + ", ".join(
                f"{mix} {statistics.median(v):.0f} (runs {min(v):.0f}-{max(v):.0f})" for mix, v in mixes.items()
            )
        )
    return 0


# Callgrind collects only while this C function runs: the timed loop is one functools.reduce over the
# articles, which the engine itself never calls, so imports, compiling patterns and the warm-up
# round are left out of the count.
_COLLECT_IN = "functools_reduce"


def count_loop(code: str, mix: str, rounds: str) -> int:
    """Under callgrind (see instructions): analyse the mix once to warm up (lazily compiled patterns, the
    baseline), then ``rounds`` times inside functools.reduce; prints the number of articles analysed there."""
    sys.path.insert(0, code)
    from monitor.claims.analysis import analyse
    from monitor.claims.relevance import could_be_relevant

    articles = mix_named(mix)
    gated = mix == "feed"  # as measure() runs it: the relevance gate first

    def step(done: int, article: Article) -> int:
        text, title, published = article
        if not gated or could_be_relevant(title, text):
            analyse(text, title=title, published=published, today=dt.date(2026, 11, 22))
        return done + 1

    for article in articles:
        step(0, article)
    print(functools.reduce(step, articles * int(rounds), 0))
    return 0


def instructions(trees: list[str], mixes: list[str]) -> int:
    """Instructions per article for each tree and mix, one run under callgrind each: the count collected in
    the analysis loop (not start-up or the warm-up round) over the articles analysed."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind not found: --instructions needs it (apt-get install valgrind)")
        return 1
    print(f"instructions per article (callgrind, inside the analysis loop), Python {platform.python_version()}")
    for mix in mixes:
        for tree in trees:
            cmd = [valgrind, "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={_COLLECT_IN}"]
            cmd += ["--callgrind-out-file=" + os.devnull, sys.executable, __file__, "--count-loop", tree, mix, "1"]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            collected = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
            if collected is None:
                print(out.stderr[-2000:])
                return 1
            articles = int(out.stdout.split()[-1])
            name = "this checkout" if tree == str(ROOT) else tree
            print(f"  {mix}: {name}: {int(collected.group(1)) / articles:,.0f} ({articles} articles)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
