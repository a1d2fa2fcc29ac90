"""`monitor run`: the scheduler, the single-instance lock, signals.

APScheduler 3.x runs one interval job per feed (coalesce, max_instances=1, a misfire
grace time, jitter); each job's first run time comes from the log (the feed's next due
time), so a restart never re-polls early. The real state lives in the event log; the
scheduler's own job store is memory only and rebuilt from config at every start.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

from monitor.app import App, open_app
from monitor.config import Config, FeedConfig
from monitor.cycle import run_cycle
from monitor.locks import SchedulerLock

log = logging.getLogger("monitor")


class RunningJobs:
    """Counts the scheduler jobs in progress, so a stop can wait for them itself.

    APScheduler's ``shutdown(wait=True)`` holds the scheduler's job-store lock while it
    waits for the running jobs, and a poll job that reschedules itself at its end needs
    that very lock: the two wait for each other forever. So the daemon shuts the
    scheduler down without waiting and waits here instead, with a bound.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._running = 0
        self._stopping = False

    def enter(self) -> bool:
        """Start a job; False once stopping (the job must not run)."""
        with self._cond:
            if self._stopping:
                return False
            self._running += 1
            return True

    def leave(self) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify_all()

    @property
    def stopping(self) -> bool:
        return self._stopping

    def stop_and_wait(self, timeout: float) -> bool:
        """No new jobs; wait for the running ones. False when some still run after ``timeout``."""
        with self._cond:
            self._stopping = True
            return self._cond.wait_for(lambda: self._running == 0, timeout=timeout)


def log_line(**fields: Any) -> None:
    """One structured line on stderr (journald and container logs keep it whole)."""
    fields.setdefault("at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    sys.stderr.write(json.dumps(fields, ensure_ascii=False, default=str) + "\n")
    sys.stderr.flush()


class JsonLogHandler(logging.Handler):
    """Log records (delivery warnings, APScheduler's own) as the daemon's JSON lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields: dict[str, Any] = {"event": "log", "level": record.levelname.lower(),
                                      "logger": record.name, "message": record.getMessage()}
            if record.exc_info:
                fields["error"] = repr(record.exc_info[1])
            log_line(**fields)
        except Exception:  # a log line must never take the daemon down
            self.handleError(record)


def install_json_logging(level: int = logging.INFO) -> None:
    """Route the `monitor` and `apscheduler` loggers to stderr as JSON, once per process."""
    for name, lowest in (("monitor", level), ("apscheduler", logging.WARNING)):
        logger = logging.getLogger(name)
        if not any(isinstance(h, JsonLogHandler) for h in logger.handlers):
            logger.addHandler(JsonLogHandler())
        logger.setLevel(lowest)
        logger.propagate = False


def next_due(app: App, feed: FeedConfig, now: datetime) -> datetime:
    """When this feed is next due, from the log (projected into `feeds`)."""
    with app.store.reading() as db:
        row = db.execute("SELECT next_poll_at, status FROM feeds WHERE feed_id = ?", [feed.id]).fetchone()
    if row is None or not row[0]:
        return now
    try:
        due = datetime.fromisoformat(row[0].replace("Z", "+00:00"))
    except ValueError:
        return now
    return max(due, now)


def run_daemon(config: Config, db_override: str | None = None) -> None:
    """`monitor run`: the foreground daemon, until SIGTERM or SIGINT."""
    import random

    from apscheduler.executors.pool import ThreadPoolExecutor as JobThreads
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from monitor.feeds.poller import NETWORK_KINDS, make_gate

    gate = make_gate(config)  # one for every job: politeness per host holds across feeds
    stop = threading.Event()
    jobs = RunningJobs()
    cycle_lock = threading.RLock()  # store writes, classification and delivery, one at a time
    last_kind: dict[str, str | None] = {}  # feed -> error kind of its latest poll (outage detection)
    rng = random.Random()

    def on_signal(signum: int, _frame: Any) -> None:
        log_line(event="stopping", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    install_json_logging(logging.WARNING)
    with open_app(config, db_override) as app, SchedulerLock(app.db_path):
        head, head_hash = app.store.head()
        log_line(event="started", db=app.db_path, feeds=len(config.feeds), head=head, head_hash=head_hash)
        # Fetches of different feeds run concurrently; the store writes are serialised.
        scheduler = BackgroundScheduler(
            timezone="UTC", executors={"default": JobThreads(max(1, config.fetch.concurrency))},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": int(config.schedule.misfire_grace_seconds)})

        def reschedule(feed: FeedConfig) -> None:
            """The next run comes from the log: backoff, Retry-After, cache hints, gaps."""
            if jobs.stopping:
                return
            due = next_due(app, feed, datetime.now(timezone.utc))
            due += timedelta(seconds=rng.uniform(0, float(config.schedule.jitter_seconds)))
            try:
                scheduler.modify_job(f"poll:{feed.id}", next_run_time=due)
            except Exception:  # noqa: BLE001 - shutting down, or the job is gone
                pass

        def as_job(work):  # type: ignore[no-untyped-def]
            """Run ``work`` as a counted job, and not at all once the daemon is stopping."""
            def job(*args: Any) -> None:
                if stop.is_set() or not jobs.enter():
                    return
                try:
                    work(*args)
                finally:
                    jobs.leave()
            return job

        @as_job
        def poll_one(feed: FeedConfig) -> None:
            now = datetime.now(timezone.utc)
            if next_due(app, feed, now) > now + timedelta(seconds=1):
                reschedule(feed)  # still backing off (or the server asked us to wait)
                return
            others = [kind for other, kind in last_kind.items() if other != feed.id]
            try:
                summary = run_cycle(app, [feed], write_lock=cycle_lock, gate=gate,
                                    others_unreachable=all(kind in NETWORK_KINDS for kind in others))
                for result in summary.results:
                    last_kind[result.feed_id] = result.error_kind
                    log_line(event="poll", outage=summary.outage, **result.as_log())
            except Exception as exc:  # noqa: BLE001 - a job must never die silently
                log_line(event="poll_error", feed=feed.id, error=repr(exc))
            reschedule(feed)

        @as_job
        def send_due() -> None:
            from monitor.alerts.sender import deliver_due

            with cycle_lock:
                try:
                    counts = deliver_due(app)
                    if any(counts.values()):
                        log_line(event="alerts", **counts)
                except Exception as exc:
                    log_line(event="alerts_error", error=repr(exc))

        now = datetime.now(timezone.utc)
        for feed in config.feeds:
            if not feed.enabled:
                continue
            scheduler.add_job(
                poll_one, IntervalTrigger(minutes=config.interval_for(feed),
                                          jitter=int(config.schedule.jitter_seconds) or None),
                args=[feed], id=f"poll:{feed.id}", replace_existing=True,
                next_run_time=next_due(app, feed, now))
        scheduler.add_job(send_due, IntervalTrigger(minutes=1), id="alerts:deliver",
                          next_run_time=now + timedelta(seconds=5))
        if config.alerts.mode == "digest":
            from monitor.alerts.digest import queue_digest

            hour, minute = config.alerts.digest_time.split(":")

            @as_job
            def digest() -> None:
                with cycle_lock:
                    try:
                        queue_digest(app)
                    except Exception as exc:
                        log_line(event="digest_error", error=repr(exc))

            scheduler.add_job(digest, CronTrigger(hour=int(hour), minute=int(minute),
                                                  timezone=config.alerts.timezone), id="alerts:digest")
        scheduler.start()
        try:
            while not stop.wait(timeout=0.5):
                pass
        finally:
            # Running polls finish (they are bounded by the fetch deadlines); no new ones start.
            # (Not shutdown(wait=True): see RunningJobs.)
            scheduler.shutdown(wait=False)
            bound = 2 * config.fetch.deadline_seconds + 120
            if not jobs.stop_and_wait(timeout=bound):
                log_line(event="stopping_with_jobs_running", waited_seconds=bound)
            from monitor.feeds.parse import shutdown_pool

            shutdown_pool()
            head, head_hash = app.store.head()
            log_line(event="stopped", head=head, head_hash=head_hash)
