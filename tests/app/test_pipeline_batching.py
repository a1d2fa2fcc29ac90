"""The pipeline appends the events of many articles in one transaction.

These tests hold the batched path to what one article at a time did: the same events
(ids, order, contents) whatever the batch size, stories found across a batch, alerts in
the transaction of their verdicts, and a SIGKILL in the middle of a batch's commit that
leaves the whole batch or none of it. Real SQLite files, the real claims engine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from monitor import events as ev
from monitor import pipeline
from monitor.projections.articles import pending_articles
from tests.support.alert_app import (
    OFF_TOPIC,
    SHELLS_5M,
    SHELLS_5M_AGAIN,
    SHELLS_9M,
    TROOPS_11K,
    discover,
    make_app,
    make_config,
)

ROOT = Path(__file__).resolve().parents[2]

# A wire report and two republications of it (new headline, a sentence added or cut).
WIRE = (
    "North Korea has delivered about 6 million artillery shells and more than 100 ballistic missiles to Russia "
    "since August 2023, according to an assessment by South Korea's military intelligence published on Monday. "
    "The assessment said the shipments went by sea from the port of Rajin and by rail across the border."
)
WIRE_REPUBLISHED = WIRE + " Officials in Moscow did not respond to a request for comment."
WIRE_TRIMMED = WIRE.rsplit(" The assessment", 1)[0] + " The shipments went by sea from the port of Rajin."

ARTICLES: list[tuple[str, str, dict[str, Any]]] = [
    ("a01", SHELLS_5M, {}),
    ("a02", OFF_TOPIC, {}),
    ("a03", WIRE, {"feed_id": "feed-b"}),
    ("a04", SHELLS_5M_AGAIN, {}),
    ("a05", WIRE_REPUBLISHED, {"feed_id": "feed-c"}),
    ("a06", TROOPS_11K, {"link": "https://news.example.org/troops"}),
    ("a07", OFF_TOPIC + " The vote was unanimous.", {}),
    ("a08", TROOPS_11K + " The figure was repeated by NATO.", {"link": "https://news.example.org/troops"}),
    ("a09", SHELLS_9M, {"feed_id": "feed-b"}),
    ("a10", WIRE_TRIMMED, {}),
]


def comparable(app: Any) -> list[tuple[Any, ...]]:
    """Every event after the baseline, minus what depends on the clock (alert time, Message-ID)."""
    out = []
    for event in app.store.read_all():
        if event.type == ev.BASELINE_SET:
            continue
        data = {k: v for k, v in event.data.items() if k not in ("message", "message_id", "created_at")}
        out.append((event.position, event.event_id, event.stream, event.type, json.dumps(data, sort_keys=True)))
    return out


def stories(app: Any) -> dict[str, str]:
    with app.store.reading() as db:
        return dict(db.execute("SELECT article_id, story_id FROM articles WHERE relevant = 1"))


def fill(app: Any) -> None:
    for article_id, text, options in ARTICLES:
        discover(app, article_id, text, **options)


@pytest.mark.parametrize("batch", [1, 3, 500])
def test_batched_processing_appends_what_one_article_at_a_time_appended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    for name in ("single", "batched"):
        (tmp_path / name).mkdir()
    one_by_one = make_app(make_config(tmp_path / "single"))
    batched = make_app(make_config(tmp_path / "batched"))
    with one_by_one, batched:
        fill(one_by_one)
        fill(batched)
        for article_id in pending_articles(one_by_one.store):
            pipeline.process_article(one_by_one, article_id)
        monkeypatch.setattr(pipeline, "BATCH_ARTICLES", batch)
        outcomes = pipeline.process_pending(batched)
        assert [o.article_id for o in outcomes] == [a for a, _, _ in ARTICLES]
        assert comparable(batched) == comparable(one_by_one)
        assert stories(batched) == stories(one_by_one)
        queued = [e for e in batched.store.read_all(types=[ev.ALERT_QUEUED])]
        assert queued, "the test articles should queue at least one alert"


def test_stories_are_found_among_articles_of_the_same_batch(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path))
    with app:
        fill(app)
        pipeline.process_pending(app)
        found = stories(app)
    assert found["a05"] == found["a03"] == "a03", "a republished wire copy joins the first one's story"
    assert found["a08"] == "a06", "the same canonical link is the same story"
    assert found["a09"] == "a09" and found["a01"] == "a01"


def test_every_alert_shares_the_transaction_of_its_verdicts(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path))
    with app:
        fill(app)
        outcomes = pipeline.process_pending(app)
        alerted = {o.article_id for o in outcomes if o.alert_id}
        assert alerted
        with app.store.reading() as db:
            for article_id in alerted:
                diffed = db.execute(
                    "SELECT position FROM events WHERE stream = ? AND type = ?",
                    [ev.article_stream(article_id), ev.CLAIMS_DIFFED],
                ).fetchone()[0]
                alert = db.execute(
                    "SELECT position FROM events WHERE type = ? AND json_extract(data, '$.article_id') = ?",
                    [ev.ALERT_QUEUED, article_id],
                ).fetchone()[0]
                assert alert == diffed + 1, "the AlertQueued comes right after its ClaimsDiffed"


def test_processing_again_appends_nothing(tmp_path: Path) -> None:
    app = make_app(make_config(tmp_path))
    with app:
        fill(app)
        pipeline.process_pending(app)
        head = app.store.head()
        assert pipeline.process_pending(app) == []
        again = [pipeline.process_article(app, a) for a, _, _ in ARTICLES]
        assert all(o.skipped for o in again)
        assert app.store.head() == head


# Run in a child process: process with batches of 4 and SIGKILL this process at the
# COMMIT of the second transaction that appends events (its rows are written, not committed).
KILL_AT_SECOND_COMMIT = """
import os, signal, sqlite3, sys
sys.path.insert(0, {root!r})
from monitor import pipeline
from monitor.app import open_app
from monitor.config import load_config

app = open_app(load_config({config!r}))
connections = [v for v in vars(app.store).values() if isinstance(v, sqlite3.Connection)]
assert len(connections) == 1, connections
state = {{"inserts": 0, "commits": 0}}

def trace(statement):
    text = statement.lstrip().upper()
    if text.startswith("BEGIN"):
        state["inserts"] = 0
    elif text.startswith("INSERT INTO EVENTS"):
        state["inserts"] += 1
    elif text.startswith("COMMIT") and state["inserts"]:
        state["commits"] += 1
        if state["commits"] == 2:
            os.kill(os.getpid(), signal.SIGKILL)

connections[0].set_trace_callback(trace)
pipeline.BATCH_ARTICLES = 4
pipeline.process_pending(app)
print("not killed")
"""


def classified(app: Any) -> list[str]:
    return sorted(e.data["article_id"] for e in app.store.read_all(types=[ev.ARTICLE_CLASSIFIED]))


@pytest.mark.timeout(120)
def test_a_sigkill_during_a_batch_commit_keeps_the_whole_batch_or_none(tmp_path: Path) -> None:
    from tests.support.alert_app import config_data, write_config

    # No recipients: no article sends its batch early to queue an alert, so the batches
    # are exactly four articles each.
    config = write_config(tmp_path / "config.toml", config_data(tmp_path, to=[]))
    app = make_app(make_config(tmp_path, to=[]))
    with app:
        fill(app)
    child = subprocess.run(
        [sys.executable, "-c", KILL_AT_SECOND_COMMIT.format(root=str(ROOT), config=str(config))],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    app = make_app(make_config(tmp_path))
    with app:
        # Batch one (a01-a04) committed; batch two (a05-a08) was written but never committed.
        assert classified(app) == ["a01", "a02", "a03", "a04"]
        assert pending_articles(app.store) == ["a05", "a06", "a07", "a08", "a09", "a10"]
        pipeline.process_pending(app)
        assert classified(app) == [a for a, _, _ in ARTICLES], "each article classified exactly once"
        diffed = [e.data["article_id"] for e in app.store.read_all(types=[ev.CLAIMS_DIFFED])]
        assert sorted(diffed) == sorted(stories(app)), "one ClaimsDiffed per relevant article"
        assert app.store.verify().ok


@pytest.mark.parametrize("seed", range(6))
def test_story_candidates_by_rank_are_those_of_the_walk_over_the_newest(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """StoryIndex.candidates looks only at the articles sharing a slot value, placed by rank;
    it must give what walking the newest STORY_CANDIDATES articles gives (its ``_scan``), in
    the same order, while a run classifies relevant and irrelevant articles, some of them rows
    of the projection's newest signed ones (they leave that part of the window)."""
    import random
    from types import SimpleNamespace

    from monitor.articles import ArticleState

    rng = random.Random(seed)
    monkeypatch.setattr(pipeline, "STORY_CANDIDATES", 12)
    stored = [(f"old{i}", f"story{i % 5}", [rng.randrange(40) for _ in range(4)]) for i in range(30)]
    monkeypatch.setattr(pipeline, "newest_signed", lambda store, limit: stored[:limit])
    index = pipeline.StoryIndex(app=SimpleNamespace(store=None), expected=200)  # type: ignore[arg-type]
    reclassify = [row[0] for row in stored[:20]]
    rng.shuffle(reclassify)
    for step in range(200):
        article_id = reclassify.pop() if reclassify and rng.random() < 0.15 else f"new{step}"
        sig = [rng.randrange(40) for _ in range(4)]
        signed = index._load_signed()
        sharing: set[str] = set()
        for value in sig:
            sharing |= index._by_value.get(value, set())
        assert index.candidates(article_id, sig) == index._scan(article_id, sharing, signed), step
        relevant = rng.random() < 0.6
        index.classified(
            ArticleState(article_id=article_id), relevant=relevant, story_id=rng.choice([None, "s"]), sig=sig
        )
    assert not index._scan_only
