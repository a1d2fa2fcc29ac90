"""The feedparser test corpus, served over local HTTP and polled through run_cycle (fetch,
parse in the process pool, entries, store), a few large batches of feeds per cycle.

Every file must end as a FeedPolled (its entries recorded as articles) or a FeedFailed /
FeedDisabled with a proper error kind — never as an internal error. test_corpus.py checks
the same files one layer down (fetch and parse only)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from monitor.cycle import run_cycle
from monitor.feeds.pool import ParsePool
from tests.feeds.test_corpus import CORPUS, corpus_files, corpus_handler
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import START, events, open_test_app, write_config

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the feedparser test corpus is not at {CORPUS}")

BATCH = 800


@pytest.mark.timeout(240)
def test_every_corpus_file_polled_ends_as_articles_or_a_feed_failure(tmp_path):
    files = corpus_files()
    server = LocalHTTPServer()
    server.fallback = corpus_handler(server)
    with server:
        feeds = [(f"c{n}", server.url("/tests/" + path.relative_to(CORPUS).as_posix())) for n, path in enumerate(files)]
        by_id = {feed_id: path for (feed_id, _), path in zip(feeds, files)}
        config = write_config(tmp_path, feeds, fetch={"concurrency": 8, "max_bytes": 2_000_000})
        with open_test_app(config) as app, ParsePool(workers=2) as pool:
            configured = list(app.config.feeds)
            for start in range(0, len(configured), BATCH):
                run_cycle(app, configured[start : start + BATCH], now=START, rng=random.Random(start), parser=pool)
    db = tmp_path / "monitor.db"
    outcome: dict[str, str] = {}
    internal = []
    for event in events(db, "FeedPolled", "FeedFailed", "FeedDisabled"):
        data = event["data"]
        if event["type"] == "FeedPolled":
            outcome[data["feed_id"]] = "polled"
        elif event["type"] == "FeedDisabled":
            outcome[data["feed_id"]] = "disabled"
        else:
            outcome[data["feed_id"]] = f"failed:{data['kind']}"
            if data.get("internal_error"):
                internal.append((str(by_id[data["feed_id"]].relative_to(CORPUS)), data["message"]))
    assert not internal, internal[:10]
    missing = [str(by_id[f].relative_to(CORPUS)) for f in by_id if f not in outcome]
    assert not missing, missing[:10]

    # Entries became articles: every polled feed's count adds up.
    per_feed = Counter(e["data"]["feed_id"] for e in events(db, "ArticleDiscovered"))
    sightings = Counter(e["data"]["feed_id"] for e in events(db, "ArticleSighted"))
    polled = {e["data"]["feed_id"]: e["data"] for e in events(db, "FeedPolled")}
    for feed_id, data in polled.items():
        if data.get("entries") is not None:
            recorded = per_feed[feed_id] + sightings[feed_id]
            assert 0 < recorded <= data["entries"] or data["entries"] == 0, (by_id[feed_id], data, recorded)
    assert sum(per_feed.values()) > 1000

    kinds = Counter(outcome.values())
    allowed = {"polled", "disabled", "failed:parse_error", "failed:http_status"}
    assert set(kinds) <= allowed, kinds
    # Only the http/ status cases end as HTTP failures.
    assert all(by_id[f].parent.name == "http" for f, o in outcome.items() if o == "failed:http_status")
    assert outcome[next(f for f, p in by_id.items() if p.name == "http_status_301.xml")] == "polled"
    print(f"\ncorpus polled: {len(files)} feeds; outcomes {dict(kinds)}; {sum(per_feed.values())} articles")
