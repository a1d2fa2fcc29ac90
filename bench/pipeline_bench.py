"""Processing new articles: `process_pending` (classify, extract, diff, queue alerts) after a
first poll, against `analyse()` alone on the same texts, so the pipeline's own overhead shows.

    python bench/pipeline_bench.py [--feeds 200] [--entries 50]

A real first poll of generated feeds (bench/poll_bench.py's server on 127.0.0.1) fills a
database without processing it; then the same articles are analysed on their own, and
finally processed by the pipeline. Prints wall and CPU time per article for both.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.poll_bench import FeedServer, ResidentPoller, write_our_config  # noqa: E402


def fill(directory: Path, feeds: int, entries: int) -> Path:
    """A database holding one unprocessed first poll; returns its config path."""
    from monitor.feeds.poller import poll_feeds

    server = FeedServer(feeds, entries)
    try:
        config = write_our_config(directory, server, range(feeds))
        poller = ResidentPoller(config)
        try:
            polled = poll_feeds(poller.app, poller.feeds, parser=poller.pool, gate=poller.gate)
            print(f"first poll: {len(polled.results)} feeds, {sum(r.new for r in polled.results)} new articles")
        finally:
            poller.close()
    finally:
        server.stop()
    return config


def measure(config: Path) -> None:
    from monitor.app import baseline_in_force, open_app
    from monitor.articles import article_states
    from monitor.claims.analysis import analyse
    from monitor.config import load_config
    from monitor.pipeline import process_pending
    from monitor.projections.articles import pending_articles

    app = open_app(load_config(config))
    try:
        pending = pending_articles(app.store)
        states = list(article_states(app, pending).values())
        baseline = baseline_in_force(app.store)
        for state in states[:50]:  # compile the claims engine's patterns before timing
            analyse(state.text, title=state.title, published=state.published_date(), baseline=baseline)
        wall, cpu = time.perf_counter(), time.process_time()
        for state in states:
            analyse(state.text, title=state.title, published=state.published_date(), baseline=baseline)
        analyse_wall, analyse_cpu = time.perf_counter() - wall, time.process_time() - cpu

        wall, cpu = time.perf_counter(), time.process_time()
        outcomes = process_pending(app)
        process_wall, process_cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = max(1, len(pending))
        print(f"articles {len(pending):,}, relevant {sum(o.relevant for o in outcomes):,}")
        print(
            f"process_pending   wall {process_wall:6.2f} s  cpu {process_cpu:6.2f} s  "
            f"({process_wall / n * 1000:.2f} ms/article wall)"
        )
        print(f"analyse() alone   wall {analyse_wall:6.2f} s  cpu {analyse_cpu:6.2f} s")
        print(
            f"pipeline overhead {(process_wall - analyse_wall) / n * 1000:.2f} ms/article wall, "
            f"{(process_cpu - analyse_cpu) / n * 1000:.2f} ms/article cpu"
        )
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as folder:
        measure(fill(Path(folder), args.feeds, args.entries))


if __name__ == "__main__":
    main()
