"""Projections built incrementally equal projections rebuilt from the log."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.projections import ALL_PROJECTIONS
from store import ProjectionRunner, SQLiteEventStore, StoreError

TABLES = ("feeds", "articles", "claim_observations", "claims", "baselines", "alerts")


def dump(store: SQLiteEventStore) -> dict[str, list[tuple]]:
    with store.reading() as db:
        return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in TABLES}


def random_history(rng: random.Random, n_articles: int = 60) -> list[list]:
    """Batches of domain events in a plausible order, with repeats, revisions and alerts."""
    baseline = {"baseline_id": "baseline-test", "label": "test", "claims": [
        {"id": "b1", "kind": "shipment", "item": "artillery_shells", "direction": "NK->RU",
         "quantity": 1_000_000, "bound": "at_least", "source": "South Korea NIS", "as_of": "2023-11-01",
         "provenance": {"report": "a", "outlet": "AP", "published": "2023-11-01"}}], "sources": []}
    batches = [[ev.event(ev.BASELINE_STREAM, ev.BASELINE_SET, baseline)]]
    feeds = ["f-a", "f-b", "f-c"]
    for i in range(n_articles):
        feed = rng.choice(feeds)
        aid = f"art{i}"
        stream = ev.article_stream(aid)
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch = [ev.event(stream, ev.ARTICLE_DISCOVERED, {
            "article_id": aid, "feed_id": feed, "title": f"Title {i}", "link": f"http://x/{i}",
            "canonical_link": f"http://x/{i}", "published": published, "published_missing": False,
            "text": "text", "content_hash": f"h{i}"})]
        batches.append(batch)
        if rng.random() < 0.2:
            batches.append([ev.event(stream, ev.ARTICLE_SIGHTED, {"article_id": aid, "feed_id": rng.choice(feeds)})])
        relevant = rng.random() < 0.6
        quantity = rng.choice([1_000_000, 3_000_000, 5_200_000, None])
        claims = [{"id": "c1", "kind": "shipment", "item": "artillery_shells", "direction": "NK->RU",
                   "quantity": quantity, "bound": "at_least", "quantity_high": None, "source": "South Korea NIS",
                   "since": None, "as_of": published, "stance": "asserted", "hedged": False,
                   "evidence": "e", "span": [0, 1]}]
        verdicts = [{"claim": "c1", "verdict": "updates" if quantity not in (None, 1_000_000) else "confirms",
                     "baseline": ["b1"], "from": 1_000_000, "to": quantity}]
        processed = [ev.event(stream, ev.ARTICLE_CLASSIFIED, {"article_id": aid, "relevant": relevant,
                                                              "score": 0.9 if relevant else 0.1, "evidence": []})]
        if relevant:
            processed += [ev.event(stream, ev.CLAIMS_EXTRACTED, {"article_id": aid, "claims": claims,
                                                                 "extractor_version": "t"}),
                          ev.event(stream, ev.CLAIMS_DIFFED, {"article_id": aid, "verdicts": verdicts,
                                                              "baseline_id": "baseline-test"})]
            if rng.random() < 0.5:
                alert = f"al{i}"
                processed.append(ev.event(ev.alert_stream(alert), ev.ALERT_QUEUED, {
                    "alert_id": alert, "kind": "article", "subject": f"s{i}", "recipients": ["a@b.c"],
                    "message_id": f"<{alert}@x>", "article_id": aid}))
        batches.append(processed)
        if rng.random() < 0.3:
            batches.append([ev.event(ev.feed_stream(feed), ev.FEED_POLLED, {
                "feed_id": feed, "url": f"http://{feed}", "status": 200, "entries": 5, "new": 1})])
        if rng.random() < 0.1:
            batches.append([ev.event(ev.feed_stream(feed), ev.FEED_FAILED, {
                "feed_id": feed, "url": f"http://{feed}", "kind": "timeout", "message": "slow",
                "failures_in_row": 1})])
    for i in range(0, n_articles, 7):
        alert = f"al{i}"
        batches.append([ev.event(ev.alert_stream(alert), ev.ALERT_ATTEMPTED, {"alert_id": alert, "attempt": 1}),
                        ev.event(ev.alert_stream(alert), ev.ALERT_SENT, {"alert_id": alert, "channel": "smtp",
                                                                        "reply": "250 ok"})])
    return batches


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rebuild_equals_incremental(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    with SQLiteEventStore(tmp_path / "m.db") as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        for batch in random_history(rng):
            store.append(batch)
            if rng.random() < 0.5:  # catch up at irregular moments, as the daemon does
                runner.catch_up()
        runner.catch_up()
        incremental = dump(store)
        assert incremental["articles"] and incremental["claims"] and incremental["alerts"]
        runner.rebuild()
        assert dump(store) == incremental


def test_checkpoint_and_rows_commit_together(tmp_path: Path):
    """A handler that fails mid-batch leaves neither rows nor checkpoint behind."""
    with SQLiteEventStore(tmp_path / "m.db") as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        store.append([ev.event("article:a", ev.ARTICLE_DISCOVERED, {"article_id": "a", "feed_id": "f"})])
        store.append([ev.event("article:b", ev.ARTICLE_CLASSIFIED, {"relevant": True})])  # no article_id
        before = runner.checkpoints()
        with pytest.raises(KeyError):
            runner.catch_up()
        assert runner.checkpoints() == before
        with store.reading() as db:
            assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_ledger_does_not_move_backwards(tmp_path: Path):
    """A newer article repeating an old figure corroborates it; the newest figure stays."""
    with SQLiteEventStore(tmp_path / "m.db") as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)

        def article(aid: str, feed: str, published: str, quantity: int, as_of: str | None = None) -> None:
            stream = ev.article_stream(aid)
            claim = {"id": "c1", "kind": "shipment", "item": "artillery_shells", "direction": "NK->RU",
                     "quantity": quantity, "bound": "about", "source": "South Korea NIS", "as_of": as_of,
                     "stance": "asserted", "evidence": "e"}
            store.append([
                ev.event(stream, ev.ARTICLE_DISCOVERED, {"article_id": aid, "feed_id": feed, "published": published}),
                ev.event(stream, ev.ARTICLE_CLASSIFIED, {"article_id": aid, "relevant": True, "score": 1}),
                ev.event(stream, ev.CLAIMS_EXTRACTED, {"article_id": aid, "claims": [claim]}),
            ])
            runner.catch_up()

        article("a1", "yonhap", "2024-02-26", 3_000_000)
        article("a2", "nknews", "2024-07-24", 5_200_000)
        article("a3", "yonhap", "2025-01-10", 3_000_000, as_of="2024-02-26")  # looking back
        article("a4", "reuters", "2024-07-25", 5_000_000)  # within 10%: the same figure
        with store.reading() as db:
            newest, previous, corroborations = db.execute(
                "SELECT newest_quantity, previous_quantity, corroborations FROM claims").fetchone()
        assert (newest, previous, corroborations) == (5_200_000, 3_000_000, 2)


def test_projection_version_bump_rebuilds(tmp_path: Path):
    from dataclasses import replace

    with SQLiteEventStore(tmp_path / "m.db") as store:
        ProjectionRunner(store, ALL_PROJECTIONS)
        store.append([ev.event("article:a", ev.ARTICLE_DISCOVERED, {"article_id": "a", "feed_id": "f"})])
        ProjectionRunner(store, ALL_PROJECTIONS).catch_up()
        bumped = [replace(p, version=p.version + 1) if p.name == "articles" else p for p in ALL_PROJECTIONS]
        runner = ProjectionRunner(store, bumped)
        assert runner.checkpoints()["articles"] == 0
        runner.catch_up()
        with store.reading() as db:
            assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_store_error_names_the_file(tmp_path: Path):
    with SQLiteEventStore(tmp_path / "m.db") as store:
        with pytest.raises(StoreError, match="m.db"):
            with store.transaction() as db:
                db.execute("INSERT INTO events (position) VALUES (NULL)")
