"""Event store benchmark: append rate (batches of 100, hash chain included) and rebuild rate.

    python bench/store_bench.py                     # 100k appends, rebuild over 1M events
    python bench/store_bench.py --rebuild-events 200000 --append-events 50000
    python bench/store_bench.py --skip-rebuild --code /tmp/old   # appends, alternating with
                                                    # another checkout's (before/after)

Prints its figures; docs/benchmarks.md records them with the command. Targets (issue 2):
append >= 50,000 events/s; rebuild >= 100,000 events/s over 1,000,000 events with peak
RSS under 200 MB. The rebuild runs in a child process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# An append child started for --code runs the store and domain modules of that checkout.
CODE = Path(sys.argv[sys.argv.index("--code-child") + 1]) if "--code-child" in sys.argv else ROOT
sys.path.insert(0, str(CODE))

from monitor import events as ev  # noqa: E402
from monitor.store import SQLiteEventStore  # noqa: E402
from monitor.store.sqlite import canonical_json  # noqa: E402

WORDS = [
    "north",
    "korea",
    "russia",
    "artillery",
    "shells",
    "containers",
    "troops",
    "kursk",
    "pyongyang",
    "moscow",
    "missile",
    "satellite",
    "technology",
    "oil",
    "food",
    "sanctions",
    "statement",
    "ministry",
    "intelligence",
    "briefing",
]
SIGNATURE_SLOTS = 32  # MinHash slots on a relevant ArticleClassified (monitor.claims.stories.SIGNATURE_SIZE)


def domain_batches(total: int, rng: random.Random, deterministic_ids: bool = True):
    """The pipeline's mix, in the shapes it writes today: every article discovered (with
    its ~1 KB text) and classified; a third relevant, with a signature, claims and verdicts;
    a poll event every tenth article. ``deterministic_ids``: ArticleDiscovered gets its id
    from the article, as the poller writes it (random in the event_id index); the other
    events get fresh time-ordered ids, as the pipeline writes them."""
    produced, i = 0, 0
    while produced < total:
        aid = f"{rng.getrandbits(64):016x}"
        stream = ev.article_stream(aid)
        feed = f"feed-{i % 50}"
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        relevant = i % 3 == 0
        batch = [
            ev.event(
                stream,
                ev.ARTICLE_DISCOVERED,
                {
                    "article_id": aid,
                    "feed_id": feed,
                    "title": f"Article {i}",
                    "link": f"https://news.example/{aid}",
                    "canonical_link": f"https://news.example/{aid}",
                    "published": "2024-03-01T00:00:00Z",
                    "published_missing": False,
                    "author": "Reporter",
                    "text": text,
                    "content_hash": aid,
                    "first_seen_at": "2024-03-01T00:05:00Z",
                    "raw_hash": aid,
                },
                key=(aid,) if deterministic_ids else None,
            ),
            ev.event(
                stream,
                ev.ARTICLE_CLASSIFIED,
                {
                    "article_id": aid,
                    "content_hash": aid,
                    "relevant": relevant,
                    "score": 0.8,
                    "evidence": [text[:120]],
                    "story_id": aid,
                    "classifier_version": "bench",
                    "signature": [rng.getrandbits(48) for _ in range(SIGNATURE_SLOTS)] if relevant else [],
                },
            ),
        ]
        if relevant:
            claim = {
                "id": "c1",
                "kind": "shipment",
                "item": "artillery_shells",
                "direction": "NK->RU",
                "quantity": rng.choice([1e6, 3e6, 5.2e6]),
                "bound": "at_least",
                "quantity_high": None,
                "source": "South Korea NIS",
                "since": "2023-08-01",
                "as_of": "2024-03-01",
                "stance": "asserted",
                "hedged": True,
                "evidence": text[:150],
                "span": [0, 150],
            }
            batch += [
                ev.event(
                    stream,
                    ev.CLAIMS_EXTRACTED,
                    {
                        "article_id": aid,
                        "content_hash": aid,
                        "extractor_version": "bench",
                        "published": "2024-03-01",
                        "title": f"Article {i}",
                        "outlet": feed,
                        "story_id": aid,
                        "claims": [claim],
                    },
                ),
                ev.event(
                    stream,
                    ev.CLAIMS_DIFFED,
                    {
                        "article_id": aid,
                        "content_hash": aid,
                        "extractor_version": "bench",
                        "baseline_id": "b",
                        "held_for_digest": False,
                        "verdicts": [
                            {
                                "claim": "c1",
                                "verdict": "updates",
                                "baseline": ["b1"],
                                "from": 1e6,
                                "to": claim["quantity"],
                            }
                        ],
                    },
                ),
            ]
        if i % 10 == 0:
            batch.append(
                ev.event(
                    ev.feed_stream(feed),
                    ev.FEED_POLLED,
                    {
                        "feed_id": feed,
                        "url": f"https://{feed}.example/rss",
                        "status": 200,
                        "entries": 50,
                        "new": 10,
                        "etag": f'"{i}"',
                        "body_sha256": aid,
                    },
                )
            )
        produced += len(batch)
        i += 1
        yield batch


APPEND_CASES = {
    "daemon": (
        "as the daemon writes them: ArticleDiscovered ids derived from the article, the rest "
        "fresh; poll and pipeline facts commit without waiting for fsync",
        True,
        True,
    ),
    "fresh": ("the same with every id fresh (time-ordered), the mix earlier figures used", False, True),
    "durable": ("every batch durable (fsync per commit, as alert and baseline events are)", True, False),
}


def append_child(case: str, path: str, total: int) -> None:
    """One append run in a process of its own; prints its figures as JSON."""
    _, deterministic_ids, relaxed = APPEND_CASES[case]
    events = [e for batch in domain_batches(total, random.Random(7), deterministic_ids) for e in batch][:total]
    size = sum(len(canonical_json(e.data)) for e in events) / len(events)
    # The prepared events are this script's, not the store's: freezing them keeps the
    # cyclic GC from walking them again and again while the store allocates.
    gc.freeze()
    options = {}
    relaxable = hasattr(ev, "RELEARNABLE_TYPES")  # older checkouts (--code) commit every batch with FULL
    if relaxed and relaxable:
        options["relaxed_types"] = ev.RELEARNABLE_TYPES
    with SQLiteEventStore(path, **options) as store:
        started, cpu = time.perf_counter(), time.thread_time()
        for start in range(0, len(events), 100):
            store.append(events[start : start + 100])
        elapsed, cpu = time.perf_counter() - started, time.thread_time() - cpu
        assert store.count() == len(events)
    print(
        json.dumps(
            {
                "rate": len(events) / elapsed,
                "cpu_us": cpu / len(events) * 1e6,
                "size": size,
                "events": len(events),
                "relaxed": relaxed and relaxable,
            }
        )
    )


def append_figures(tmp: Path, total: int, rounds: int, other: Path | None) -> None:
    """The append figures, each the median of ``rounds`` runs on new files in new processes;
    with ``other`` (a checkout), its runs alternate with this tree's, case by case."""
    trees = [ROOT] + ([other] if other else [])
    results: dict[tuple[str, Path], list[dict]] = {}
    for round_ in range(rounds):
        for case in APPEND_CASES:
            for tree in trees:
                path = tmp / f"append-{round_}-{case}-{trees.index(tree)}.db"
                command = [sys.executable, __file__, "--append-child", case, str(path), "--append-events", str(total)]
                if tree != ROOT:
                    command += ["--code-child", str(tree)]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                results.setdefault((case, tree), []).append(json.loads(out))
    for case, (label, _, _) in APPEND_CASES.items():
        for tree in trees:
            runs = results[(case, tree)]
            rates = [r["rate"] for r in runs]
            who = "" if tree == ROOT else f"  [{tree}{'' if runs[0]['relaxed'] else ', every batch durable'}]"
            print(
                f"append, {runs[0]['events']:,} events in batches of 100 (data {runs[0]['size']:,.0f} B on "
                f"average), hash chain included, {label}:{who} median {statistics.median(rates):,.0f} events/s "
                f"(runs in order: {', '.join(f'{r:,.0f}' for r in rates)}; main-thread CPU "
                f"{statistics.median(r['cpu_us'] for r in runs):.1f} us/event; target >= 50,000)"
            )


def fill(path: Path, total: int) -> int:
    rng = random.Random(11)
    with SQLiteEventStore(path) as store:
        pending: list = []
        for batch in domain_batches(total, rng):
            pending.extend(batch)
            if len(pending) >= 5000:
                store.append(pending)
                pending = []
        if pending:
            store.append(pending)
        return store.count()


def rebuild_child(path: str) -> None:
    from monitor.projections import ALL_PROJECTIONS
    from monitor.store import ProjectionRunner

    with SQLiteEventStore(path) as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        count = store.count()
        started, cpu = time.perf_counter(), time.process_time()
        runner.rebuild()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"events": count, "seconds": elapsed, "cpu_seconds": cpu, "peak_rss_mb": peak_rss_kib() / 1024}))


def peak_rss_kib() -> int:
    """This process's peak resident set size.

    Linux's VmHWM, not ``ru_maxrss``: a child started by vfork (as subprocess does)
    inherits the parent's high-water mark into ``ru_maxrss`` at exec, so the child would
    report the parent's peak (here the 100,000 events held for the append run).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--append-events", type=int, default=100_000)
    parser.add_argument("--rebuild-events", type=int, default=1_000_000)
    parser.add_argument(
        "--append-rounds", type=int, default=3, help="runs of each append figure; the median is printed"
    )
    parser.add_argument("--skip-append", action="store_true")
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument(
        "--code",
        type=Path,
        help="another checkout (e.g. the previous commit) whose "
        "append runs alternate with this tree's, for a before/after on one spell of the machine",
    )
    parser.add_argument("--rebuild-child", help=argparse.SUPPRESS)
    parser.add_argument("--append-child", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--code-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild_child:
        rebuild_child(args.rebuild_child)
        return
    if args.append_child:
        append_child(args.append_child[0], args.append_child[1], args.append_events)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_append:
            append_figures(Path(tmp), args.append_events, args.append_rounds, args.code)
        if args.skip_rebuild:
            return
        path = Path(tmp) / "rebuild.db"
        started = time.perf_counter()
        count = fill(path, args.rebuild_events)
        print(
            f"filled a {count:,}-event log in {time.perf_counter() - started:.1f} s "
            f"({os.path.getsize(path) / 1e6:,.0f} MB)"
        )
        out = subprocess.run(
            [sys.executable, __file__, "--rebuild-child", str(path)], check=True, capture_output=True, text=True
        ).stdout
        result = json.loads(out)
        print(
            f"rebuild: {result['events']:,} events in {result['seconds']:.1f} s = "
            f"{result['events'] / result['seconds']:,.0f} events/s (target >= 100,000); "
            f"peak RSS {result['peak_rss_mb']:.0f} MB (target < 200); "
            f"CPU {result['cpu_seconds']:.1f} s = {result['events'] / result['cpu_seconds']:,.0f} events per CPU-second"
        )


if __name__ == "__main__":
    main()
