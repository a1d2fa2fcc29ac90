"""Projections built incrementally equal projections rebuilt from the log."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from monitor import events as ev
from monitor.projections import ALL_PROJECTIONS
from monitor.projections.articles import PENDING_QUERY, pending_articles
from monitor.store import ProjectionRunner, SQLiteEventStore, StoreError

TABLES = (
    "feeds",
    "articles",
    "claim_observations",
    "claims",
    "baselines",
    "alerts",
    "alert_facts",
    "alert_deliveries",
    "ledger_dirty",
)


def dump(store: SQLiteEventStore) -> dict[str, list[tuple]]:
    with store.reading() as db:
        return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in TABLES}


def _baseline(baseline_id: str, quantity: int) -> dict:
    return {
        "baseline_id": baseline_id,
        "label": baseline_id,
        "claims": [
            {
                "id": "b1",
                "kind": "shipment",
                "item": "artillery_shells",
                "direction": "NK->RU",
                "quantity": quantity,
                "bound": "at_least",
                "source": "South Korea NIS",
                "as_of": "2023-11-01",
                "provenance": {"report": "a", "outlet": "AP", "published": "2023-11-01"},
            },
            {
                "id": "b2",
                "kind": "deployment",
                "item": "troops",
                "direction": "NK->RU",
                "quantity": None,
                "bound": None,
                "source": "NIS",
                "as_of": "2023-11-01",
            },
        ],
        "sources": [],
    }


def _claims(rng: random.Random, published: str) -> list[dict]:
    claims = []
    for n in range(rng.randint(1, 3)):
        kind, item = rng.choice(
            [("shipment", "artillery_shells"), ("deployment", "troops"), ("shipment", "containers")]
        )
        claims.append(
            {
                "id": f"c{n}",
                "kind": kind,
                "item": item,
                "direction": rng.choice(["NK->RU", None]),
                "quantity": rng.choice([1_000_000, 3_000_000, 5_200_000, 11_000, None]),
                "bound": rng.choice(["at_least", "about", None]),
                "quantity_high": None,
                "source": rng.choice(["South Korea NIS", "Ukraine HUR", None]),
                "since": None,
                "as_of": rng.choice([published, None, "2024-02-26"]),
                "stance": rng.choice(["asserted", "asserted", "denied"]),
                "hedged": rng.random() < 0.3,
                "evidence": "e",
                "span": [0, 1],
            }
        )
    return claims


def _processing(rng: random.Random, aid: str, published: str, feed: str) -> list:
    """Classification, and for a relevant article its claims, verdicts and maybe an alert."""
    stream = ev.article_stream(aid)
    relevant = rng.random() < 0.6
    batch = [
        ev.event(
            stream,
            ev.ARTICLE_CLASSIFIED,
            {
                "article_id": aid,
                "relevant": relevant,
                "score": 0.9 if relevant else 0.1,
                "evidence": ["shells"],
                "story_id": rng.choice([aid, "story-1", None]),
                "signature": [1, 2, 3] if relevant else [],
            },
        )
    ]
    if not relevant:
        return batch
    claims = _claims(rng, published)
    extracted = {"article_id": aid, "claims": claims, "extractor_version": "t"}
    if rng.random() < 0.8:  # today's shape; otherwise the first release's, read from the articles row
        extracted.update(published=published, outlet=feed, story_id=aid)
    verdicts = [
        {
            "claim": c["id"],
            "verdict": rng.choice(["confirms", "updates", "new", "contradicts"]),
            "baseline": ["b1"],
            "from": 1_000_000,
            "to": c["quantity"],
        }
        for c in claims
    ]
    batch += [
        ev.event(stream, ev.CLAIMS_EXTRACTED, extracted),
        ev.event(stream, ev.CLAIMS_DIFFED, {"article_id": aid, "verdicts": verdicts, "baseline_id": "baseline-test"}),
    ]
    if rng.random() < 0.5:
        alert = f"al-{aid}-{rng.getrandbits(16)}"
        batch.append(
            ev.event(
                ev.alert_stream(alert),
                ev.ALERT_QUEUED,
                {
                    "alert_id": alert,
                    "kind": "article",
                    "subject": f"s {aid}",
                    "recipients": ["a@b.c"],
                    "message_id": f"<{alert}@x>",
                    "article_id": aid,
                    "ledger_keys": ["k"],
                    "facts": [
                        {"ledger_key": "shipment|artillery_shells|NK->RU", "quantity": c["quantity"]} for c in claims
                    ],
                },
            )
        )
    return batch


def random_history(rng: random.Random, n_articles: int = 60) -> list[list]:
    """Batches of every domain event type in a plausible order: repeats, revisions,
    reprocessing (new verdicts, articles turned irrelevant), old event shapes, a second
    baseline, feeds that fail, move and are disabled, alerts that fail and are retried."""
    batches = [[ev.event(ev.BASELINE_STREAM, ev.BASELINE_SET, _baseline("baseline-test", 1_000_000))]]
    feeds = ["f-a", "f-b", "f-c"]
    articles: list[tuple[str, str, str]] = []
    alerts: list[str] = []
    for i in range(n_articles):
        feed = rng.choice(feeds)
        aid = f"art{i}"
        stream = ev.article_stream(aid)
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        articles.append((aid, published, feed))
        batches.append(
            [
                ev.event(
                    stream,
                    ev.ARTICLE_DISCOVERED,
                    {
                        "article_id": aid,
                        "feed_id": feed,
                        "title": f"Title {i}",
                        "link": f"http://x/{i}",
                        "canonical_link": f"http://x/{i}",
                        "published": published,
                        "published_missing": False,
                        "text": "text",
                        "content_hash": f"h{i}",
                    },
                )
            ]
        )
        if rng.random() < 0.2:
            batches.append([ev.event(stream, ev.ARTICLE_SIGHTED, {"article_id": aid, "feed_id": rng.choice(feeds)})])
        if rng.random() < 0.1:
            batches.append(
                [
                    ev.event(
                        stream,
                        ev.ARTICLE_REVISED,
                        {
                            "article_id": aid,
                            "title": rng.choice([None, f"Revised {i}"]),
                            "content_hash": f"h{i}b",
                            "revision": 1,
                        },
                    )
                ]
            )
        processed = _processing(rng, aid, published, feed)
        alerts += [e.data["alert_id"] for e in processed if e.type == ev.ALERT_QUEUED]
        batches.append(processed)
        if rng.random() < 0.3:
            batches.append(
                [
                    ev.event(
                        ev.feed_stream(feed),
                        ev.FEED_POLLED,
                        {
                            "feed_id": feed,
                            "url": f"http://{feed}",
                            "status": 200,
                            "entries": rng.choice([5, None]),
                            "new": rng.choice([0, 1, None]),
                            "etag": rng.choice([None, f'"{i}"']),
                            "gap_suspected": rng.random() < 0.2,
                            "entry_keys": rng.choice([None, ["a", "b"]]),
                        },
                    )
                ]
            )
        if rng.random() < 0.1:
            batches.append(
                [
                    ev.event(
                        ev.feed_stream(feed),
                        ev.FEED_FAILED,
                        {
                            "feed_id": feed,
                            "url": f"http://{feed}",
                            "kind": "timeout",
                            "message": "slow",
                            "failures_in_row": rng.randint(1, 4),
                            "outage": rng.random() < 0.5,
                        },
                    )
                ]
            )
        if i == n_articles // 2:  # a new baseline half way
            batches.append([ev.event(ev.BASELINE_STREAM, ev.BASELINE_SET, _baseline("baseline-2", 3_000_000))])
    batches.append(
        [
            ev.event(
                ev.feed_stream("f-b"),
                ev.FEED_MOVED,
                {"feed_id": "f-b", "from_url": "http://f-b", "to_url": "http://f-b2"},
            )
        ]
    )
    batches.append(
        [
            ev.event(
                ev.feed_stream("f-d"),
                ev.FEED_DISABLED,
                {"feed_id": "f-d", "url": "http://f-d", "status": 410, "reason": "gone"},
            )
        ]
    )
    # The operator's retry (`monitor feeds retry`) of the gone feed, and of one link of another feed.
    batches.append(
        [
            ev.event(
                ev.feed_stream(feed),
                ev.FEED_RESET,
                {"feed_id": feed, "url": f"http://{feed}", "enabled": feed == "f-d", "links": links, "reset_at": "x"},
            )
            for feed, links in (("f-d", []), ("f-a", ["http://f-a/1"]))
        ]
    )
    # A poll that read the row before that retry (short, as a 304's), then one that read it after.
    for seen, extra in ((None, {"not_modified": True}), (1, {"etag": '"z"', "unread_links": {"http://f-a/2": {}}})):
        polled = {"feed_id": "f-a", "status": 200, "new": 0, "polled_at": "2026-03-02T10:00:00Z", **extra}
        batches.append(
            [ev.event(ev.feed_stream("f-a"), ev.FEED_POLLED, polled | ({"resets_seen": seen} if seen else {}))]
        )
    for aid, published, feed in rng.sample(articles, len(articles) // 3):  # `monitor reprocess`
        batches.append(_processing(rng, aid, published, feed))
    for alert in alerts[::3]:
        stream = ev.alert_stream(alert)
        batches.append(
            [
                ev.event(stream, ev.ALERT_ATTEMPTED, {"alert_id": alert, "attempt": 1}),
                ev.event(
                    stream,
                    ev.ALERT_FAILED,
                    {
                        "alert_id": alert,
                        "attempt": 1,
                        "kind": "refused",
                        "error": "421",
                        "next_try_at": "2030-01-01T00:00:00Z",
                    },
                ),
            ]
        )
        if rng.random() < 0.5:
            batches.append(
                [
                    ev.event(stream, ev.ALERT_ATTEMPTED, {"alert_id": alert, "attempt": 2}),
                    ev.event(stream, ev.ALERT_SENT, {"alert_id": alert, "channel": "smtp", "reply": "250 ok"}),
                ]
            )
        else:
            batches.append(
                [
                    ev.event(
                        stream,
                        ev.ALERT_FAILED,
                        {"alert_id": alert, "attempt": 2, "kind": "rejected", "error": "550", "permanent": True},
                    )
                ]
            )
    for alert in alerts[1::3]:  # e-mail given up after days; a channel paused by its receiver, then given up
        stream, channel = ev.alert_stream(alert), {"destination": "channel:abc123", "target": "hook+https://h/…#abc123"}
        failed = {"alert_id": alert, "kind": "temporary", "error": "451", "permanent": False}
        batches.append(
            [
                ev.event(
                    stream, ev.ALERT_ROUTED, {"alert_id": alert, "destinations": ["channel:abc123"], "targets": ["t"]}
                ),
                ev.event(
                    stream,
                    ev.ALERT_FAILED,
                    {
                        **failed,
                        "attempt": 1,
                        "failed_at": "2030-01-01T00:00:00Z",
                        "next_try_at": "2030-01-01T00:01:00Z",
                    },
                ),
                ev.event(
                    stream,
                    ev.ALERT_FAILED,
                    {
                        **failed,
                        **channel,
                        "attempt": 1,
                        "retry_after_seconds": 600,
                        "next_try_at": "2030-01-01T00:10:00Z",
                    },
                ),
            ]
        )
        batches.append(
            [
                ev.event(stream, ev.ALERT_FAILED, {**failed, "attempt": 9, "gave_up": True, "next_try_at": None}),
                ev.event(
                    stream,
                    ev.ALERT_FAILED,
                    {
                        **failed,
                        **channel,
                        "attempt": 2,
                        "gave_up": rng.random() < 0.5,
                        "paused_until": "2030-01-02T00:00:00Z",
                        "next_try_at": None,
                    },
                ),
            ]
        )
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
        assert all(incremental[t] for t in TABLES if t != "ledger_dirty")
        assert {r[2] for r in incremental["alerts"]} >= {"sent", "failed", "queued", "given_up"}
        runner.rebuild()
        assert dump(store) == incremental


def test_the_articles_still_to_classify_are_read_through_their_index_not_a_scan(tmp_path: Path):
    # Every poll asks for them; a scan of the whole table would grow with the years a database holds.
    rng = random.Random(7)
    with SQLiteEventStore(tmp_path / "m.db") as store:
        for batch in random_history(rng):
            store.append(batch)
        # The random history's classifications name no content hash (an old event shape): classify every
        # third article of the text it was discovered with, so some are done and the rest still pending.
        store.append(
            [
                ev.event(
                    ev.article_stream(f"art{i}"),
                    ev.ARTICLE_CLASSIFIED,
                    {"article_id": f"art{i}", "relevant": False, "score": 0.1, "content_hash": f"h{i}"},
                )
                for i in range(0, 60, 3)
            ]
        )
        ProjectionRunner(store, ALL_PROJECTIONS).catch_up()
        with store.reading() as db:
            plan = " ".join(str(row[-1]) for row in db.execute("EXPLAIN QUERY PLAN " + PENDING_QUERY))
            scanned = [r[0] for r in db.execute(PENDING_QUERY.replace("FROM articles", "FROM articles NOT INDEXED"))]
            total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        pending = pending_articles(store)
    assert "USING INDEX articles_pending" in plan and "TEMP B-TREE" not in plan, plan
    assert pending == scanned, "the partial index must hold exactly the rows the query's WHERE selects"
    assert 0 < len(pending) < total, "the history should leave some articles pending and some classified"


@pytest.mark.parametrize("chunk, filter_always_unsure", [(1, False), (7, False), (7, True)])
def test_rows_carried_across_small_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, filter_always_unsure: bool
):
    """Rows flushed in one chunk and changed in a later one (the rebuild's assumption that
    keys it never wrote are absent, a catch-up spread over many transactions). With the
    written-keys filter answering "maybe" for every key, every lookup goes to SQLite."""
    import monitor.store.projection as runner_module

    if filter_always_unsure:
        monkeypatch.setattr(runner_module.WrittenKeys, "__contains__", lambda self, key: True)
    rng = random.Random(chunk)
    history = random_history(rng, 40)
    with SQLiteEventStore(tmp_path / "m.db") as store:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        for batch in history:
            store.append(batch)
            runner.catch_up()  # one small transaction per batch: the daemon's path
        one_by_one = dump(store)
        monkeypatch.setattr(runner_module, "CHUNK", chunk)
        runner.rebuild()
        assert dump(store) == one_by_one
        bumped = ProjectionRunner(store, [replace(p, version=p.version + 1) for p in ALL_PROJECTIONS])
        assert set(bumped.checkpoints().values()) == {0}
        bumped.catch_up()  # the whole log again, in chunk-sized transactions
        assert dump(store) == one_by_one


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
            claim = {
                "id": "c1",
                "kind": "shipment",
                "item": "artillery_shells",
                "direction": "NK->RU",
                "quantity": quantity,
                "bound": "about",
                "source": "South Korea NIS",
                "as_of": as_of,
                "stance": "asserted",
                "evidence": "e",
            }
            store.append(
                [
                    ev.event(
                        stream, ev.ARTICLE_DISCOVERED, {"article_id": aid, "feed_id": feed, "published": published}
                    ),
                    ev.event(stream, ev.ARTICLE_CLASSIFIED, {"article_id": aid, "relevant": True, "score": 1}),
                    ev.event(stream, ev.CLAIMS_EXTRACTED, {"article_id": aid, "claims": [claim]}),
                ]
            )
            runner.catch_up()

        article("a1", "yonhap", "2024-02-26", 3_000_000)
        article("a2", "nknews", "2024-07-24", 5_200_000)
        article("a3", "yonhap", "2025-01-10", 3_000_000, as_of="2024-02-26")  # looking back
        article("a4", "reuters", "2024-07-25", 5_000_000)  # within 10%: the same figure
        with store.reading() as db:
            newest, previous, corroborations = db.execute(
                "SELECT newest_quantity, previous_quantity, corroborations FROM claims"
            ).fetchone()
        assert (newest, previous, corroborations) == (5_200_000, 3_000_000, 2)


def test_projection_version_bump_rebuilds(tmp_path: Path):
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


def test_written_keys_filter_has_no_false_negatives():
    from monitor.store.projection import WrittenKeys

    written = WrittenKeys(expected_keys=20_000)
    keys = [f"{n:016x}" for n in range(0, 40_000, 2)] + list(range(1, 2_000, 2))
    written.add_all(keys)
    assert all(key in written for key in keys)
    others = [f"{n:016x}" for n in range(1, 40_000, 2)] + list(range(2, 2_000, 2))
    unsure = sum(1 for key in others if key in written)
    assert unsure < 0.02 * len(others)  # only costs a lookup; a few per cent at most


def test_two_processes_catching_up_at_once_apply_each_event_once(tmp_path: Path):
    """The CLI and the daemon may both catch up: the second must not re-apply what the
    first committed after the second read the checkpoints."""
    path = tmp_path / "m.db"
    with SQLiteEventStore(path) as daemon_store, SQLiteEventStore(path) as cli_store:
        daemon = ProjectionRunner(daemon_store, ALL_PROJECTIONS)
        cli = ProjectionRunner(cli_store, ALL_PROJECTIONS)
        for batch in random_history(random.Random(9), 20):
            daemon_store.append(batch)
        stale = cli.checkpoints()

        def checkpoints_then_lose_the_race() -> dict[str, int]:
            daemon.catch_up()  # the daemon commits between our read and our transaction
            return stale

        cli.checkpoints = checkpoints_then_lose_the_race  # type: ignore[method-assign]
        cli.catch_up()
        both = dump(cli_store)
        daemon.rebuild()
        assert dump(daemon_store) == both  # polls, sightings, articles_total counted once


def test_a_catch_up_overtaken_between_its_head_and_its_checkpoints_is_no_truncation(tmp_path: Path):
    """catch_up reads the head, then the checkpoints. Another thread or process may append and
    catch up in between (a poll's recording thread does, while the poll's own catch-up runs):
    its checkpoints then pass the head read first, which is no truncation. It happened on a
    first poll of 200 feeds on a loaded machine: "log truncated ... catch-up refused", exit 2."""
    path = tmp_path / "m.db"
    history = random_history(random.Random(11), 20)
    with SQLiteEventStore(path) as ours, SQLiteEventStore(path) as theirs:
        runner = ProjectionRunner(ours, ALL_PROJECTIONS)
        other = ProjectionRunner(theirs, ALL_PROJECTIONS)
        for batch in history[:-5]:
            ours.append(batch)
        real_head = ours.head

        def head_then_overtaken() -> tuple[int, str]:
            read = real_head()
            for batch in history[-5:]:  # appended and caught up by the other one right after
                theirs.append(batch)
            other.catch_up()
            ours.head = real_head  # type: ignore[method-assign]
            return read

        ours.head = head_then_overtaken  # type: ignore[method-assign]
        runner.catch_up()  # no LogTruncated
        assert runner.checkpoints() == other.checkpoints() and set(runner.checkpoints().values()) == {ours.head()[0]}
        # A checkpoint still past the head as it is now is a truncation, as before.
        with ours.reading() as db:
            db.execute("UPDATE projection_checkpoints SET position = position + 10 WHERE name = 'feeds'")
        with pytest.raises(StoreError, match="log truncated"):
            runner.catch_up()


def test_an_article_revised_twice_shows_revision_two(tmp_path) -> None:
    """The ArticleRevised payload carries no number: the projection counts the revisions."""
    store = SQLiteEventStore(str(tmp_path / "monitor.db"))
    try:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        stream = "article-a1"
        store.append(
            [
                ev.event(
                    stream,
                    ev.ARTICLE_DISCOVERED,
                    {"article_id": "a1", "feed_id": "f", "title": "t", "content_hash": "h0"},
                )
            ]
        )
        for n in (1, 2):
            store.append(
                [ev.event(stream, ev.ARTICLE_REVISED, {"article_id": "a1", "feed_id": "f", "content_hash": f"h{n}"})]
            )
        runner.catch_up()
        with store.reading() as connection:
            assert connection.execute("SELECT revision FROM articles WHERE article_id = 'a1'").fetchone()[0] == 2
    finally:
        store.close()
