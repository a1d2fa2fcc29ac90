"""Parse-stage benchmark: feedparser defaults vs our parse_feed, per-entry normalisation,
and the process pool. Synthetic 50-entry feeds like those in perf-anchors.md.

    python bench/parse_bench.py [--feeds 20] [--rounds 5]

Prints medians. Numbers are per feed unless stated. Nothing touches the network.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
import warnings
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import feedparser

from monitor.feeds.entries import normalise_entry
from monitor.feeds.parse import parse_feed, screen_dtd
from monitor.feeds.pool import ParseJob, ParsePool

WORDS = [
    "north",
    "korea",
    "russia",
    "shells",
    "artillery",
    "missiles",
    "rail",
    "border",
    "shipment",
    "officials",
    "said",
    "according",
    "intelligence",
    "report",
    "satellite",
    "images",
    "port",
    "vessel",
    "containers",
    "ammunition",
    "rockets",
    "launchers",
    "pyongyang",
    "moscow",
    "kremlin",
    "ministry",
    "defence",
    "analysts",
    "estimate",
    "million",
    "thousand",
    "since",
    "august",
    "october",
    "deliveries",
    "cargo",
    "train",
    "ships",
    "vostochny",
    "rajin",
    "sanctions",
    "united",
    "nations",
    "panel",
    "experts",
    "evidence",
    "ballistic",
    "kn-23",
    "hwasong",
    "troops",
    "soldiers",
    "front",
    "ukraine",
    "kursk",
    "deployment",
    "weapons",
]
ZONES = ["+0000", "GMT", "-0500", "+0530", "+0900", "+0300"]


def summary_html(rng: random.Random) -> str:
    parts = []
    for _ in range(4):
        words = " ".join(rng.choice(WORDS) for _ in range(22))
        parts.append(
            f'<p>{words} <a href="/story/{rng.randint(1, 99999)}">more</a> <strong>{rng.choice(WORDS)}</strong>'
            f" &amp; <em>{rng.choice(WORDS)}</em>&#8217;s</p>"
        )
    parts.append(
        f'<img src="/images/{rng.randint(1, 9999)}.jpg" alt="x"><ul><li>{rng.choice(WORDS)}</li>'
        f"<li>{rng.choice(WORDS)}</li></ul>"
    )
    return "".join(parts)


def rss_feed(seed: int, entries: int = 50) -> bytes:
    rng = random.Random(seed)
    when = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    items = []
    for i in range(entries):
        when -= timedelta(minutes=rng.choice((37, 41)) + rng.randint(0, 29))
        date = format_datetime(when).replace("-0000", rng.choice(ZONES))
        html = summary_html(rng)
        body = f"<![CDATA[{html}]]>" if i % 2 else html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        items.append(
            f"<item><title>{' '.join(rng.choice(WORDS) for _ in range(8))}</title>"
            f"<link>https://news.example.org/{seed}/{i}</link><guid>https://news.example.org/{seed}/{i}</guid>"
            f"<dc:creator>Reporter {rng.randint(1, 30)}</dc:creator><pubDate>{date}</pubDate>"
            f"<category>{rng.choice(WORDS)}</category><description>{body}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Bench</title><link>https://news.example.org/</link>'
        '<atom:link rel="self" href="https://news.example.org/feed"/><ttl>15</ttl>'
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def median_seconds(fn, rounds: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="feedparser")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    feeds = [rss_feed(seed) for seed in range(args.feeds)]
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    url = "https://news.example.org/feed"
    n, rounds = len(feeds), args.rounds
    size = sum(map(len, feeds)) / n
    first_seen = datetime(2024, 5, 2, tzinfo=UTC)

    def defaults() -> None:
        for body in feeds:
            feedparser.parse(io.BytesIO(body), response_headers=headers)

    def ours() -> None:
        for body in feeds:
            parse_feed(body, headers, url)

    parsed = [parse_feed(body, headers, url) for body in feeds]

    def normalise_all() -> None:
        for feed in parsed:
            for raw in feed.entries:
                normalise_entry(raw, feed_id="bench", first_seen=first_seen)

    def screen() -> None:
        for body in feeds:
            screen_dtd(body, headers)

    print(f"{n} RSS feeds x 50 entries, {size / 1024:.0f} KB each; median of {rounds} rounds\n")
    rows = [
        ("feedparser.parse, defaults (sanitise + resolve URIs)", median_seconds(defaults, rounds)),
        ("parse_feed (no sanitise/resolve, DTD screen, raw dicts)", median_seconds(ours, rounds)),
        ("  of which screen_dtd", median_seconds(screen, rounds)),
        ("normalise_entry x 50 (html_to_text, ids, hashes)", median_seconds(normalise_all, rounds)),
    ]
    for label, seconds in rows:
        print(f"{label:58s} {seconds / n * 1000:8.2f} ms/feed")
    base, mine, norm = rows[0][1], rows[1][1], rows[3][1]
    print(f"\nre-poll with nothing new (parse only): {base / mine:.1f}x faster than defaults")
    print(f"first poll (parse + normalise every entry): {base / (mine + norm):.1f}x faster than defaults")

    jobs = [ParseJob(body, headers, url) for body in feeds * 2]
    with ParsePool(workers=0) as inline_pool:
        inline = median_seconds(lambda: inline_pool.parse_many(jobs), rounds)
    with ParsePool() as pool:
        started = time.perf_counter()
        pool.parse_many(jobs[:1])  # start the workers
        startup = time.perf_counter() - started
        pooled = median_seconds(lambda: pool.parse_many(jobs), rounds)
        workers = pool.workers
    print(
        f"\n{len(jobs)} feeds: inline {inline * 1000:.0f} ms, pool of {workers} {pooled * 1000:.0f} ms "
        f"({inline / pooled:.2f}x); pool start-up {startup * 1000:.0f} ms, once"
    )


if __name__ == "__main__":
    main()
