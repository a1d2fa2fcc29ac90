"""How long `monitor report` takes over a large database (target: 10,000 articles in under 10 s).

    .venv/bin/python bench/report_bench.py                  # 10,000 articles, best of 3
    .venv/bin/python bench/report_bench.py --articles 50000 --runs 5
    .venv/bin/python bench/report_bench.py --keep report.html   # also write the page

The database is filled through the real store and projections: for every article the
events the pipeline writes (ArticleDiscovered, ArticleClassified and, for relevant ones,
ClaimsExtracted and ClaimsDiffed), plus a FeedPolled per feed now and then. Figures vary
per ledger key (growing estimates, repeats, ranges, rounding, a few outliers) so the charts
are as busy as a real log's. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor import events as ev  # noqa: E402
from monitor.app import open_app  # noqa: E402
from monitor.config import Config  # noqa: E402

FEEDS = ["yonhap-nk", "nknews", "38north", "dailynk", "gnews-nk-ru", "kyiv-wire", "harbour-wire", "eastern-desk"]
SOURCES = [
    "South Korea NIS",
    "South Korea Ministry of Defense",
    "South Korea JCS",
    "Ukraine HUR",
    "Ukraine President",
    "US State Department",
    "Pentagon",
    "White House",
    "unnamed officials",
    "outlet",
]

# (kind, item, direction, figure at the start, figure at the end): estimates that grow.
KEYS = [
    ("shipment", "artillery_shells", "NK->RU", 1_000_000, 12_000_000),
    ("shipment", "containers", "NK->RU", 1_000, 28_000),
    ("shipment", "ballistic_missiles", "NK->RU", 10, 250),
    ("shipment", "multiple_rocket_launchers", "NK->RU", 20, 240),
    ("shipment", "self_propelled_guns", "NK->RU", 10, 200),
    ("shipment", "anti_tank_missiles", "NK->RU", 100, 3_000),
    ("troop_deployment", "troops", "NK->RU", 1_500, 15_000),
    ("personnel_dispatch", "workers", "NK->RU", 1_000, 50_000),
    ("casualties", "killed_or_wounded", None, 100, 6_000),
    ("casualties", "killed", None, 50, 2_000),
    ("casualties", "captured", None, 1, 10),
    ("supply_share", "share_of_supply", "NK->RU", 0.2, 0.6),
]
BOUNDS = ["at_least"] * 4 + ["about"] * 4 + ["exact"] * 2 + ["at_most", "range"]
START = date(2023, 11, 1)
DAYS = 800


def _figure(rng: random.Random, low: float, high: float, progress: float) -> float:
    trend = low * (high / low) ** progress
    value = trend * rng.choice([1, 1, 1, rng.uniform(0.7, 1.3), 0.5, 2])
    if value >= 100:
        digits = 10 ** max(len(str(int(value))) - 2, 0)
        return float(round(value / digits) * digits)
    return round(value, 2) if value < 2 else float(round(value))


def article_events(n: int, rng: random.Random) -> list:
    article_id = f"bench{n:08d}"
    stream = ev.article_stream(article_id)
    feed = FEEDS[n % len(FEEDS)]
    day = START + timedelta(days=rng.randrange(DAYS))
    published = f"{day.isoformat()}T{rng.randrange(24):02d}:00:00Z"
    relevant = rng.random() < 0.6
    title = f"Bench article {n}: " + ("North Korea ships more arms to Russia" if relevant else "Regional news")
    out = [
        ev.event(
            stream,
            ev.ARTICLE_DISCOVERED,
            {
                "article_id": article_id,
                "feed_id": feed,
                "title": title,
                "link": f"https://example.org/{feed}/{n}",
                "canonical_link": f"https://example.org/{feed}/{n}",
                "published": published,
                "published_missing": False,
                "first_seen_at": published,
                "content_hash": f"{n:064x}",
                "text": "Bench text. " * 20,
                "text_source": "summary",
            },
        ),
        ev.event(
            stream,
            ev.ARTICLE_CLASSIFIED,
            {
                "article_id": article_id,
                "relevant": relevant,
                "score": round(rng.uniform(0.5, 0.99), 3) if relevant else 0.1,
                "evidence": [title],
                "content_hash": f"{n:064x}",
            },
        ),
    ]
    if not relevant:
        return out
    claims, verdicts = [], []
    for index, (kind, item, direction, low, high) in enumerate(rng.sample(KEYS, rng.randint(1, 4)), 1):
        progress = (day - START).days / DAYS
        quantity = _figure(rng, low, high, progress)
        bound = rng.choice(BOUNDS)
        claims.append(
            {
                "id": f"c{index}",
                "kind": kind,
                "item": item,
                "direction": direction,
                "quantity": quantity,
                "bound": bound,
                "quantity_high": quantity * 1.2 if bound == "range" else None,
                "source": rng.choice(SOURCES),
                "since": None,
                "as_of": day.isoformat(),
                "stance": "asserted",
                "hedged": rng.random() < 0.3,
                "evidence": f"{item} figure {quantity}",
                "span": [0, 10],
            }
        )
        verdict = "updates" if item in ("artillery_shells", "containers") else rng.choice(["new", "confirms"])
        verdicts.append(
            {
                "claim": f"c{index}",
                "verdict": verdict,
                "baseline": [],
                "from": low if verdict == "updates" else None,
                "to": quantity if verdict == "updates" else None,
            }
        )
    out.append(
        ev.event(
            stream,
            ev.CLAIMS_EXTRACTED,
            {
                "article_id": article_id,
                "claims": claims,
                "published": published[:10],
                "outlet": feed,
                "story_id": article_id,
                "content_hash": f"{n:064x}",
                "extractor_version": "bench",
            },
        )
    )
    out.append(
        ev.event(
            stream,
            ev.CLAIMS_DIFFED,
            {
                "article_id": article_id,
                "verdicts": verdicts,
                "baseline_id": "bench",
                "extractor_version": "bench",
                "content_hash": f"{n:064x}",
            },
        )
    )
    return out


def feed_events(round_no: int) -> list:
    polled = datetime(2025, 12, 31, tzinfo=UTC) + timedelta(minutes=15 * round_no)
    return [
        ev.event(
            ev.feed_stream(feed),
            ev.FEED_POLLED,
            {
                "feed_id": feed,
                "url": f"https://example.org/{feed}/feed.xml",
                "status": 200,
                "entries": 50,
                "new": 5,
                "polled_at": polled.isoformat().replace("+00:00", "Z"),
                "next_poll_at": (polled + timedelta(minutes=15)).isoformat().replace("+00:00", "Z"),
            },
        )
        for feed in FEEDS
    ]


def fill(path: Path, articles: int, seed: int) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    with open_app(Config(), str(path)) as app:
        batch: list = []
        for n in range(articles):
            batch.extend(article_events(n, rng))
            if n % 500 == 499:
                batch.extend(feed_events(n // 500))
            if len(batch) >= 2000:
                app.store.append(batch)
                batch = []
        if batch:
            app.store.append(batch)
        app.catch_up()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="write the last page here")
    args = parser.parse_args()

    from monitor import report

    with tempfile.TemporaryDirectory(prefix="report-bench-") as folder:
        path = Path(folder) / "bench.db"
        fill_seconds = fill(path, args.articles, args.seed)
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        print(f"filled {args.articles:,} articles through the store and projections in {fill_seconds:.1f} s")
        timings = []
        with open_app(Config(), str(path)) as app:
            for _ in range(args.runs):
                t0 = time.perf_counter()
                data = report.collect(app)
                t1 = time.perf_counter()
                palette = report.source_colours(data.series)
                charts = [(s, report.chart_svg(s, i, palette)) for i, s in enumerate(data.series)]
                t2 = time.perf_counter()
                html = report.render_page(data, charts)
                t3 = time.perf_counter()
                timings.append((t3 - t0, t1 - t0, t2 - t1, t3 - t2))
            t0 = time.perf_counter()
            report.build_report(app)
            build_seconds = time.perf_counter() - t0
        # What a user waits for: `monitor report` as a fresh process (imports, open, catch-up, write).
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "monitor",
                "--db",
                str(path),
                "report",
                "--out",
                str(Path(folder) / "cli-report.html"),
            ],
            check=True,
            capture_output=True,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
        )
        cli_seconds = time.perf_counter() - t0
        best = min(timings)
        print(
            f"observations {data.counts['observations']:,}, charts {len(charts)}, "
            f"markers {sum(len(s.points) for s, _ in charts):,}, article rows {len(data.articles)}"
        )
        print(
            f"report best of {args.runs}: {best[0]:.2f} s (read {best[1]:.2f} s, charts {best[2]:.2f} s, "
            f"page {best[3]:.2f} s); build_report once more: {build_seconds:.2f} s; "
            f"page {len(html.encode()) / 1024:,.0f} KiB"
        )
        print(f"`monitor --db bench.db report` as a new process: {cli_seconds:.2f} s")
        print(f"load after: {os.getloadavg()[0]:.2f}")
        if args.keep:
            Path(args.keep).write_text(html, encoding="utf-8")
            print(f"page written to {args.keep}")


if __name__ == "__main__":
    main()
