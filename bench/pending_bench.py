"""What a poll pays to learn which articles are still to classify, as the database grows.

    python bench/pending_bench.py [--articles 10000 100000] [--calls 20]

Every poll cycle asks the articles projection for the articles discovered or revised since they
were last classified (``pending_articles``); almost always there are none. For each size, a fresh
SQLite store gets that many discovered and classified articles, the projections catch up, and the
query is timed (median of ``--calls``) through the projection's partial index and again with the
index dropped, which is how every poll ran before the index. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor import events as ev  # noqa: E402
from monitor.projections import ALL_PROJECTIONS  # noqa: E402
from monitor.projections.articles import pending_articles  # noqa: E402
from monitor.store import ProjectionRunner, SQLiteEventStore  # noqa: E402


def classified_articles(count: int, batch_size: int = 5000):
    """Batches of ArticleDiscovered + ArticleClassified pairs, a fifth of them relevant."""
    batch: list = []
    for i in range(count):
        stream = ev.article_stream(f"a{i}")
        discovered = {
            "article_id": f"a{i}",
            "feed_id": f"feed-{i % 200}",
            "title": f"Title {i}",
            "link": f"http://127.0.0.1/{i}",
            "canonical_link": f"http://127.0.0.1/{i}",
            "published": "2025-01-01",
            "published_missing": False,
            "text": "t" * 1500,
            "content_hash": f"h{i}",
        }
        classified = {"article_id": f"a{i}", "relevant": i % 5 == 0, "score": 0.5, "content_hash": f"h{i}"}
        batch += [
            ev.event(stream, ev.ARTICLE_DISCOVERED, discovered),
            ev.event(stream, ev.ARTICLE_CLASSIFIED, classified),
        ]
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def median_ms(store: SQLiteEventStore, calls: int) -> float:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        pending_articles(store)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    for count in args.articles:
        with tempfile.TemporaryDirectory() as folder, SQLiteEventStore(Path(folder) / "bench.db") as store:
            for batch in classified_articles(count):
                store.append(batch)
            ProjectionRunner(store, ALL_PROJECTIONS).catch_up()
            indexed = median_ms(store, args.calls)
            with store.transaction() as db:
                db.execute("DROP INDEX articles_pending")
            scanned = median_ms(store, args.calls)
        print(f"{count:>9,} articles: pending_articles {indexed:.3f} ms through the index, {scanned:.2f} ms by a scan")


if __name__ == "__main__":
    main()
