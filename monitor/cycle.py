"""One cycle of the monitor: poll the feeds, process what is new, check feed health, deliver alerts.

This is the daemon's unit of work and what `monitor poll` runs once. Each stage lives with
its owner (:mod:`monitor.feeds.poller`, :mod:`monitor.pipeline`, :mod:`monitor.alerts.health`,
:mod:`monitor.alerts.sender`); this module only puts them in order.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from monitor.alerts.health import queue_health_alerts
from monitor.alerts.sender import deliver_due
from monitor.app import App
from monitor.config import FeedConfig
from monitor.feeds.poller import FeedResult, Parser, make_parser, poll_feeds
from monitor.pipeline import ProcessWhilePolling, analysis_ahead, process_pending
from monitor.projections.feeds import feed_states, never_polled
from monitor.store.projection import cyclic_gc_paused

#: The statuses of a feed whose server answered (with entries, nothing new, or 304).
ANSWERED = frozenset({"ok", "unchanged", "304"})


@dataclass
class CycleSummary:
    results: list[FeedResult]
    outage: bool = False
    #: delivery counts ("sent", "failed", "deferred", "busy"); "error" when delivery itself broke
    alerts: dict[str, Any] = field(default_factory=dict)
    #: wall seconds per stage: "poll" (fetch, parse, append, projections), "process"
    #: (classification, extraction, alert queueing, feed health), "deliver"
    timings: dict[str, float] = field(default_factory=dict)

    def headline(self) -> str:
        if self.outage:
            return (
                f"network unreachable: all {len(self.results)} feeds failed to connect; "
                "nothing is wrong with the feeds, polling resumes when the network is back"
            )
        failed = sum(1 for r in self.results if r.error_kind and r.status != "deferred")
        deferred = sum(1 for r in self.results if r.status == "deferred")
        stopped = sum(1 for r in self.results if r.status == "interrupted")
        new = sum(r.new for r in self.results)
        cut = sum(1 for r in self.results if r.entries_cut)
        cut_line = f", {cut} cut at the entry cap" if cut else ""
        later = f", {deferred} deferred (the server asked for a pause)" if deferred else ""
        stop_line = f", {stopped} not polled (stopped; polled at the next start)" if stopped else ""
        return (
            f"{len(self.results) - stopped} feeds polled: {new} new articles, {failed} failed{later}{cut_line}"
            f"{stop_line}{self.alerts_line()}"
        )

    @property
    def nothing_succeeded(self) -> bool:
        """Feeds failed and not one answered: what `monitor poll` exits 1 for, so cron and
        systemd timers see a poll that fetched nothing. Feeds deferred at the server's request
        or cut by a stop are neither successes nor failures; an outage is a failure of all."""
        failed = any(r.error_kind and r.status != "deferred" for r in self.results)
        return failed and not any(r.status in ANSWERED for r in self.results)

    def alerts_line(self) -> str:
        """ "; alerts: 1 sent, 2 failed, …" when delivery was tried, "" when there was nothing to send."""
        if "error" in self.alerts:
            return f"; alerts not delivered: {self.alerts['error']}"
        if self.alerts.get("busy"):
            return "; alerts: another process is delivering them"
        if not any(
            self.alerts.get(name) for name in ("sent", "failed", "deferred", "held", "channel_sent", "channel_failed")
        ):
            return ""
        parts = [f"{self.alerts.get('sent', 0)} sent", f"{self.alerts.get('failed', 0)} failed"]
        if self.alerts.get("deferred"):
            parts.append(f"{self.alerts['deferred']} deferred by the hourly cap")
        if self.alerts.get("held"):
            parts.append(f"{self.alerts['held']} held back (the mail server did not answer)")
        given_up = self.alerts.get("given_up", 0) + self.alerts.get("channel_given_up", 0)
        if given_up:
            parts.append(f"{given_up} given up after days of failures (kept: `monitor alerts retry`)")
        if self.alerts.get("channel_sent") or self.alerts.get("channel_failed"):  # monitor.alerts.channels
            parts.append(
                f"to channels {self.alerts.get('channel_sent', 0)} sent, {self.alerts.get('channel_failed', 0)} failed"
            )
        failures = ("failed", "held", "channel_failed")
        hint = " (see `monitor alerts`)" if any(self.alerts.get(name) for name in failures) else ""
        return "; alerts: " + ", ".join(parts) + hint


def run_cycle(
    app: App,
    feeds: list[FeedConfig],
    *,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
    parser: Parser | None = None,
    write_lock: AbstractContextManager[Any] | None = None,
    others_unreachable: bool = True,
    gate: Any = None,
    deliver: bool = True,
) -> CycleSummary:
    """Poll ``feeds`` → process pending articles → queue feed-health alerts → deliver due alerts.

    ``write_lock`` is held for the store writes of each stage but never while talking to a
    mail server. ``deliver=False`` leaves delivery to the caller (the daemon runs it as a job
    of its own, so a hung mail server cannot hold up polling). The other options are
    :func:`monitor.feeds.poller.poll_feeds`'s.
    """
    lock: Any = write_lock if write_lock is not None else nullcontext()
    # New articles are classified and their claims extracted in the parse workers, while the
    # poll goes on, on both cores; their events are recorded, a batch at a time, as soon as
    # their feeds' events are in the log (ProcessWhilePolling), rather than after the poll.
    # A first poll makes many commits in a row (on 200 feeds: 200 feed appends, ~40 analysis
    # batches and their catch-ups): the SQLite store keeps more pages cached and checkpoints
    # less often meanwhile. Only then: the larger cache would raise the daemon's memory.
    # The cyclic garbage collector is paused meanwhile too: the main process keeps every
    # analysis of the poll alive until it is recorded, so the collector kept re-scanning
    # them (0.2-0.3 s of its 3 s of CPU on 200 new feeds, four full collections), while
    # the objects it could free go with their reference counts (the same peak RSS paused).
    bulk_writes: Callable[[], AbstractContextManager[Any]] = getattr(app.store, "bulk_writes", nullcontext)
    first_polls = never_polled(feed_states(app.store, [feed.id for feed in feeds]))
    with bulk_writes() if first_polls else nullcontext(), cyclic_gc_paused() if first_polls else nullcontext():
        recorder = ProcessWhilePolling(app, write_lock=write_lock) if len(feeds) > 1 else None
        try:
            polled = poll_feeds(
                app,
                feeds,
                progress=progress,
                now=now,
                rng=rng,
                parser=parser,
                write_lock=write_lock,
                others_unreachable=others_unreachable,
                gate=gate,
                analyse=analysis_ahead(app),
                appended=recorder.appended if recorder is not None else None,
            )
        finally:
            if recorder is not None:
                recorder.finish()
        summary = CycleSummary(results=polled.results, outage=polled.outage, timings={"poll": polled.seconds})
        started = time.perf_counter()
        # A newly added feed's backlog is history, not news: its first poll mails nothing per article.
        quiet = polled.first_poll_articles() if app.config.alerts.first_poll_summary else set()
        # The parse workers are idle now: they render the first-poll summaries, one per new feed.
        pool = parser if parser is not None else make_parser(app.config)
        with lock:
            process_pending(
                app,
                quiet=quiet,
                analysed=polled.analysed(),
                before=recorder.before if recorder is not None else None,
                run_each=getattr(pool, "run_each", None),
            )
    summary.timings["process"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        with lock:
            queue_health_alerts(app)  # failing / silent / recovered: one message per transition
        if deliver:
            summary.alerts = deliver_due(app)
    except Exception as exc:  # noqa: BLE001 - alert problems never fail a poll; alerts stay queued
        summary.alerts = {"error": str(exc)}
    summary.timings["deliver"] = time.perf_counter() - started
    return summary
