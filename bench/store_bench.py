"""Event store benchmark: append rate (batches of 100, hash chain included) and rebuild rate.

    python bench/store_bench.py                     # 100k appends, rebuild over 1M events
    python bench/store_bench.py --rebuild-events 200000 --append-events 50000

Prints its figures; docs/benchmarks.md records them with the command. Targets (issue 2):
append >= 50,000 events/s; rebuild >= 100,000 events/s over 1,000,000 events with peak
RSS under 200 MB. The rebuild runs in a child process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import events as ev  # noqa: E402
from store import SQLiteEventStore  # noqa: E402

WORDS = ("north korea russia artillery shells containers troops kursk pyongyang moscow missile "
         "satellite technology oil food sanctions statement ministry intelligence briefing").split()


def domain_batches(total: int, rng: random.Random):
    """A realistic mix: every article discovered and classified; a third relevant with claims."""
    produced, i = 0, 0
    while produced < total:
        aid = f"{rng.getrandbits(64):016x}"
        stream = ev.article_stream(aid)
        feed = f"feed-{i % 50}"
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        batch = [
            ev.event(stream, ev.ARTICLE_DISCOVERED, {
                "article_id": aid, "feed_id": feed, "title": f"Article {i}", "link": f"https://news.example/{aid}",
                "canonical_link": f"https://news.example/{aid}", "published": "2024-03-01T00:00:00Z",
                "published_missing": False, "author": "Reporter", "text": text, "content_hash": aid}),
            ev.event(stream, ev.ARTICLE_CLASSIFIED, {"article_id": aid, "relevant": i % 3 == 0,
                                                     "score": 0.8, "evidence": [text[:120]]}),
        ]
        if i % 3 == 0:
            claim = {"id": "c1", "kind": "shipment", "item": "artillery_shells", "direction": "NK->RU",
                     "quantity": rng.choice([1e6, 3e6, 5.2e6]), "bound": "at_least", "quantity_high": None,
                     "source": "South Korea NIS", "since": "2023-08-01", "as_of": "2024-03-01",
                     "stance": "asserted", "hedged": True, "evidence": text[:150], "span": [0, 150]}
            batch += [
                ev.event(stream, ev.CLAIMS_EXTRACTED, {"article_id": aid, "claims": [claim],
                                                       "extractor_version": "bench"}),
                ev.event(stream, ev.CLAIMS_DIFFED, {"article_id": aid, "baseline_id": "b", "verdicts": [
                    {"claim": "c1", "verdict": "updates", "baseline": ["b1"], "from": 1e6, "to": claim["quantity"]}]}),
            ]
        if i % 10 == 0:
            batch.append(ev.event(ev.feed_stream(feed), ev.FEED_POLLED, {
                "feed_id": feed, "url": f"https://{feed}.example/rss", "status": 200, "entries": 50, "new": 10,
                "etag": f'"{i}"', "body_sha256": aid}))
        produced += len(batch)
        i += 1
        yield batch


def bench_append(path: Path, total: int) -> float:
    rng = random.Random(7)
    events = [e for batch in domain_batches(total, rng) for e in batch][:total]
    with SQLiteEventStore(path) as store:
        started = time.perf_counter()
        for start in range(0, len(events), 100):
            store.append(events[start:start + 100])
        elapsed = time.perf_counter() - started
        assert store.count() == len(events)
    return len(events) / elapsed


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
    from store import ProjectionRunner

    with SQLiteEventStore(path) as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        count = store.count()
        started = time.perf_counter()
        runner.rebuild()
        elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"events": count, "seconds": elapsed, "peak_rss_mb": peak_kb / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--append-events", type=int, default=100_000)
    parser.add_argument("--rebuild-events", type=int, default=1_000_000)
    parser.add_argument("--rebuild-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild_child:
        rebuild_child(args.rebuild_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        rate = bench_append(Path(tmp) / "append.db", args.append_events)
        print(f"append: {args.append_events:,} events in batches of 100, hash chain included: "
              f"{rate:,.0f} events/s (target >= 50,000)")
        path = Path(tmp) / "rebuild.db"
        started = time.perf_counter()
        count = fill(path, args.rebuild_events)
        print(f"filled a {count:,}-event log in {time.perf_counter() - started:.1f} s "
              f"({os.path.getsize(path) / 1e6:,.0f} MB)")
        out = subprocess.run([sys.executable, __file__, "--rebuild-child", str(path)], check=True,
                             capture_output=True, text=True).stdout
        result = json.loads(out)
        print(f"rebuild: {result['events']:,} events in {result['seconds']:.1f} s = "
              f"{result['events'] / result['seconds']:,.0f} events/s (target >= 100,000); "
              f"peak RSS {result['peak_rss_mb']:.0f} MB (target < 200)")


if __name__ == "__main__":
    main()
