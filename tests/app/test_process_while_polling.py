"""A cycle records its new articles while the poll goes on, with the events it recorded after it.

`monitor poll` hands each feed's new articles to a thread that classifies them, extracts and
diffs their claims and appends those events a batch at a time while the other feeds are
still being fetched and parsed (monitor.pipeline.ProcessWhilePolling). These tests run two
databases through the same polls of a real local HTTP server, one processing during the poll
in batches of two articles and one only after it, and hold the two logs to the same analysis
events, alerts and first-poll summaries.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor import events as ev
from monitor import pipeline
from monitor.cycle import run_cycle
from monitor.feeds.pool import ParsePool
from tests.support.alert_app import OFF_TOPIC, SHELLS_5M, SHELLS_9M, TROOPS_11K
from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import Item, open_test_app, rss, write_config

pytestmark = pytest.mark.timeout(180)

TEXTS = (SHELLS_5M, OFF_TOPIC, TROOPS_11K, OFF_TOPIC + " The vote was unanimous.", SHELLS_9M)
#: Later feeds answer after this pause, so that the recording thread has time to catch up.
SLOW_FEED_SECONDS = 0.4
ANALYSIS_TYPES = (ev.ARTICLE_CLASSIFIED, ev.CLAIMS_EXTRACTED, ev.CLAIMS_DIFFED, ev.ALERT_QUEUED)
#: What depends on the clock or on the position an event landed at, not on the analysis.
CLOCK_FIELDS = ("message", "message_id", "created_at", "head")


def feed_items(feed: int, count: int, *, start: int = 0) -> list[Item]:
    return [
        Item(f"f{feed}-{n}", f"Dispatch {n} of feed {feed}", TEXTS[(feed + n) % len(TEXTS)])
        for n in range(start + count - 1, start - 1, -1)
    ]


@pytest.fixture
def server():
    local = LocalHTTPServer().start()
    local.bodies = {}  # type: ignore[attr-defined]

    def serve(request: Request) -> None:
        name = request.path.rsplit("/", 1)[-1]
        if name >= "f4":
            time.sleep(SLOW_FEED_SECONDS)
        request.send(200, local.bodies[name], {"Content-Type": "application/rss+xml"})  # type: ignore[attr-defined]

    for feed in range(1, 7):
        local.route(f"/f{feed}")(serve)
        local.bodies[f"f{feed}"] = rss(feed_items(feed, 4))  # type: ignore[attr-defined]
    yield local
    local.stop()


def analysis_events(app: Any) -> list[tuple[str, str, str, str]]:
    out = []
    for event in app.store.read_all():
        if event.type in ANALYSIS_TYPES:
            data = {k: v for k, v in event.data.items() if k not in CLOCK_FIELDS}
            out.append((event.event_id, event.stream, event.type, json.dumps(data, sort_keys=True)))
    return out


def positions(app: Any, event_type: str, after: int = 0) -> list[int]:
    return [event.position for event in app.store.read_all(after=after) if event.type == event_type]


def poll_twice(
    directory: Path, server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch, batch: int
) -> tuple[Any, int]:
    """First polls of feeds 1-3; then new entries in those and first polls of feeds 4-6.
    Returns the app and the log's head before the second poll."""
    directory.mkdir()
    feeds = {f"f{n}": server.url(f"/f{n}") for n in range(1, 7)}
    config = write_config(directory, feeds, fetch={"concurrency": 1})  # one feed at a time: one order for both
    monkeypatch.setattr(pipeline, "PROCESS_WHILE_POLLING_BATCH", batch)
    app = open_test_app(config)
    with ParsePool(workers=0) as parser:
        run_cycle(app, [f for f in app.config.feeds if f.id <= "f3"], parser=parser, deliver=False)
        for feed in range(1, 4):
            news = feed_items(feed, 4, start=4) + feed_items(feed, 4)
            server.bodies[f"f{feed}"] = rss(news)  # type: ignore[attr-defined]
        head, _ = app.store.head()
        run_cycle(app, list(app.config.feeds), parser=parser, deliver=False)
    for feed in range(1, 4):
        server.bodies[f"f{feed}"] = rss(feed_items(feed, 4))  # type: ignore[attr-defined]
    return app, head


def test_processing_during_the_poll_records_what_processing_after_it_records(
    tmp_path: Path, server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    during, during_head = poll_twice(tmp_path / "during", server, monkeypatch, batch=2)
    after, after_head = poll_twice(tmp_path / "after", server, monkeypatch, batch=10**9)
    try:
        recorded = analysis_events(during)
        assert recorded == analysis_events(after)
        types = [t for _, _, t, _ in recorded]
        assert types.count(ev.ARTICLE_CLASSIFIED) == 36  # 3 feeds x 8 entries, 3 feeds x 4
        assert types.count(ev.ALERT_QUEUED) >= 7  # six first-poll summaries and an alert of feed 1-3's news
        # In the second poll, the first database recorded articles while later feeds were
        # still being fetched; the second only after the last one.
        assert min(positions(during, ev.ARTICLE_CLASSIFIED, during_head)) < max(
            positions(during, ev.ARTICLE_DISCOVERED, during_head)
        )
        assert min(positions(after, ev.ARTICLE_CLASSIFIED, after_head)) > max(
            positions(after, ev.ARTICLE_DISCOVERED, after_head)
        )
    finally:
        during.close()
        after.close()


def test_articles_pending_from_before_the_cycle_are_processed_first(
    tmp_path: Path, server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash left articles unprocessed: the cycle does not record newer ones before them."""
    directory = tmp_path / "crashed"
    directory.mkdir()
    config = write_config(directory, {f"f{n}": server.url(f"/f{n}") for n in range(1, 7)}, fetch={"concurrency": 1})
    monkeypatch.setattr(pipeline, "PROCESS_WHILE_POLLING_BATCH", 2)
    app = open_test_app(config)
    try:
        with ParsePool(workers=0) as parser:
            monkeypatch.setattr("monitor.cycle.process_pending", lambda *a, **k: [])  # the crash
            monkeypatch.setattr(pipeline, "PROCESS_WHILE_POLLING_BATCH", 10**9)
            run_cycle(app, [f for f in app.config.feeds if f.id <= "f3"], parser=parser, deliver=False)
            monkeypatch.undo()
            monkeypatch.setattr(pipeline, "PROCESS_WHILE_POLLING_BATCH", 2)
            assert not positions(app, ev.ARTICLE_CLASSIFIED)
            run_cycle(app, [f for f in app.config.feeds if f.id >= "f4"], parser=parser, deliver=False)
        classified = [e.stream for e in app.store.read_all() if e.type == ev.ARTICLE_CLASSIFIED]
        discovered = [e.stream for e in app.store.read_all() if e.type == ev.ARTICLE_DISCOVERED]
        assert classified == discovered  # oldest first, as pending_articles orders them
    finally:
        app.close()


def test_first_poll_summaries_rendered_by_the_parse_workers_are_the_ones_rendered_here(
    tmp_path: Path, server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summaries of a first poll are rendered in the worker processes (ParsePool.run_each)."""
    from monitor.alerts.first_poll import first_poll_draft
    from monitor.alerts.queue import compose_queued
    from monitor.projections.articles import first_poll_articles

    directory = tmp_path / "summaries"
    directory.mkdir()
    config = write_config(directory, {f"f{n}": server.url(f"/f{n}") for n in range(1, 4)})
    app = open_test_app(config)
    try:
        with ParsePool(workers=0) as inline:
            run_cycle(app, list(app.config.feeds), parser=inline, deliver=False)
        monkeypatch.setattr(app.store, "stream_version", lambda stream: 0)  # as if no summary were queued yet
        drafts = [first_poll_draft(app, f.id, first_poll_articles(app.store, f.id)) for f in app.config.feeds]
        compositions = [draft.composition for draft in drafts if draft is not None]
        assert len(compositions) == 3
        with ParsePool(workers=2) as pool:
            rendered = pool.run_each(compose_queued, compositions)
        assert rendered == [compose_queued(*composition) for composition in compositions]
        assert all(subject and message_id in message for message, subject, message_id in rendered)
    finally:
        app.close()


def _fails(value: int) -> int:
    if value == 2:
        raise ValueError("two")
    return value * 10


def test_run_each_keeps_the_order_and_raises_what_the_function_raised() -> None:
    with ParsePool(workers=2) as pool:
        assert pool.run_each(_fails, [[1], [3], [4]]) == [10, 30, 40]
        with pytest.raises(ValueError, match="two"):
            pool.run_each(_fails, [[1], [2]])


def _touch(directory: str, name: str) -> str:
    Path(directory, name).touch()
    return name


def test_run_each_starts_the_jobs_of_a_generator_while_it_is_still_producing_them(tmp_path: Path) -> None:
    """process_pending drafts the first-poll summaries in a generator: each one is rendered by
    a worker while the next is drafted, not after the last."""
    started_before_the_end: list[bool] = []

    def jobs() -> Iterator[list[str]]:
        yield [str(tmp_path), "a"]
        yield [str(tmp_path), "b"]
        deadline = time.monotonic() + 60
        while not (tmp_path / "a").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        started_before_the_end.append((tmp_path / "a").exists())
        yield [str(tmp_path), "c"]

    with ParsePool(workers=2) as pool:
        assert pool.run_each(_touch, jobs()) == ["a", "b", "c"]
        assert pool.run_each(_touch, iter([[str(tmp_path), "d"]])) == ["d"]  # one job: run here
    assert started_before_the_end == [True]


def test_a_first_poll_runs_with_the_cyclic_gc_paused_and_resumes_it(tmp_path: Path, server: LocalHTTPServer) -> None:
    """The cycle pauses the cyclic garbage collector while new feeds are polled and recorded
    (run_cycle: it kept re-scanning the analyses the poll holds), and only then: afterwards,
    and during a poll of feeds polled before, it runs as usual."""
    config = write_config(tmp_path, {f"f{n}": server.url(f"/f{n}") for n in range(1, 3)}, fetch={"concurrency": 1})
    app = open_test_app(config)
    seen: list[bool] = []

    def note(done: int, total: int) -> None:  # called after each feed's poll
        seen.append(gc.isenabled())

    try:
        assert gc.isenabled()
        with ParsePool(workers=0) as parser:
            run_cycle(app, list(app.config.feeds), parser=parser, deliver=False, progress=note)
            assert seen == [False, False] and gc.isenabled()
            assert positions(app, ev.ARTICLE_CLASSIFIED)  # the articles were recorded meanwhile
            seen.clear()
            run_cycle(app, list(app.config.feeds), parser=parser, deliver=False, progress=note)
            assert seen == [True, True] and gc.isenabled()
    finally:
        app.close()
