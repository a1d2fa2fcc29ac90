"""`monitor run`: the scheduler, the single-instance lock, signals.

APScheduler 3.x runs one interval job per feed (coalesce, max_instances=1, a misfire
grace time, jitter); each job's first run time comes from the log (the feed's next due
time), so a restart never re-polls early. The real state lives in the event log; the
scheduler's own job store is memory only and rebuilt from config at every start.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor as JobThreads
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor import __version__
from monitor import events as ev
from monitor.alerts.channels import check_channels, unheard_line
from monitor.alerts.digest import digest_missed, queue_digest
from monitor.alerts.sender import GIVEN_UP_UNANSWERED, Breaker, deliver_due, destination_of
from monitor.app import App, open_app
from monitor.config import Config, FeedConfig
from monitor.cycle import run_cycle
from monitor.events import timestamp
from monitor.feeds.poller import gone_note, gone_url, make_gate
from monitor.feeds.pool import shutdown_pool
from monitor.feeds.watchdog import stop_everything, stop_on_signals, stopping
from monitor.locks import LockHeld, exclusive, feed_lease, write_lock_for
from monitor.pipeline import process_pending
from monitor.projections.articles import pending_articles
from monitor.projections.feeds import feed_states, next_poll_at

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
    fields.setdefault("at", ev.utc_now().isoformat(timespec="seconds"))
    sys.stderr.write(json.dumps(fields, ensure_ascii=False, default=str) + "\n")
    sys.stderr.flush()


#: An error line that repeats word for word is printed once per this many seconds, with a count.
REPEAT_QUIET_SECONDS = 600.0


class QuietRepeats:
    """The daemon's error lines, each said once per ``every`` seconds however often it recurs.

    A full disk, a read-only database or a PostgreSQL server that is down fails every job
    the same way; printed each time, that was thousands of identical lines a minute in the
    journal. The first is printed with a note, repeats within ``every`` seconds are counted,
    and the next one printed carries ``repeated``: how many were held back since. The
    daemon's own lines repeat when their error text does; other libraries' log records
    (psycopg's pool retrying a connection, APScheduler) when their message template does,
    since their text names passing objects.
    """

    def __init__(self, every: float = REPEAT_QUIET_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self.clock = clock
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], float] = {}  # key -> when it was last printed
        self._held: dict[tuple[str, str], int] = {}

    def admit(self, key: tuple[str, str]) -> dict[str, Any] | None:
        """None to hold this line back; else the fields to add to it (``repeated``, ``note``)."""
        now = self.clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.every:
                self._held[key] = self._held.get(key, 0) + 1
                return None
            if len(self._last) >= 1000:  # bounded over years of distinct errors: forget the quiet ones
                self._last = {k: t for k, t in self._last.items() if now - t < self.every}
                self._held = {k: n for k, n in self._held.items() if k in self._last}
            self._last[key] = now
            held = self._held.pop(key, 0)
        extra: dict[str, Any] = {"repeated": held} if held else {}
        if last is None:
            extra["note"] = f"repeats of this line are counted, not printed, for {self.every:.0f} s"
        return extra

    def log(self, event: str, error: str, **fields: Any) -> None:
        extra = self.admit((event, error))
        if extra is not None:
            log_line(event=event, **fields, error=error, **extra)

    def filter(self, record: logging.LogRecord) -> bool:
        """As a logging filter: passes a record unless it repeats; marks what it adds."""
        extra = self.admit((record.name, str(record.msg)))
        if extra is None:
            return False
        record.quiet_repeats = extra
        return True


class JsonLogHandler(logging.Handler):
    """Log records (delivery warnings, APScheduler's and psycopg's own) as the daemon's JSON lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields: dict[str, Any] = {
                "event": "log",
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
            }
            if record.exc_info:
                fields["error"] = repr(record.exc_info[1])
            fields.update(getattr(record, "quiet_repeats", {}))
            log_line(**fields)
        except Exception:  # a log line must never take the daemon down
            self.handleError(record)


def _not_a_skipped_run(record: logging.LogRecord) -> bool:
    # Every job runs one at a time by design (max_instances=1, coalesce): a run that comes due
    # while the last one is still going (delivery behind a slow mail server, a long first
    # poll) is skipped, and APScheduler warns each time; once a minute, that is noise.
    return "maximum number of running instances reached" not in record.getMessage()


#: Loggers of other libraries whose warnings reach the journal, each as JSON lines held back
#: when they repeat. psycopg's pool logged each failed reconnection to a PostgreSQL server that
#: was down as two plain-text lines, a few times a second, through Python's last-resort handler.
LIBRARY_LOGGERS = ("apscheduler", "psycopg")


def install_json_logging(level: int = logging.INFO) -> None:
    """Route the `monitor` logger and the libraries' to stderr as JSON, once per process."""
    for name in ("monitor", *LIBRARY_LOGGERS):
        logger = logging.getLogger(name)
        if not any(isinstance(h, JsonLogHandler) for h in logger.handlers):
            handler = JsonLogHandler()
            if name in LIBRARY_LOGGERS:
                handler.addFilter(_not_a_skipped_run)
                handler.addFilter(QuietRepeats())
            logger.addHandler(handler)
        logger.setLevel(level if name == "monitor" else logging.WARNING)
        logger.propagate = False


def gone_urls(app: App, feeds: list[FeedConfig]) -> dict[str, str]:
    """Feed id -> the URL a 410 disabled it at, for those of ``feeds`` whose config still leads there."""
    states = feed_states(app.store, [feed.id for feed in feeds])
    found = {feed.id: gone_url(feed, states[feed.id]) for feed in feeds}
    return {feed_id: url for feed_id, url in found.items() if url is not None}


def next_due(app: App, feed: FeedConfig, now: datetime) -> datetime:
    """When this feed is next due, from the log (projected into `feeds`)."""
    recorded = next_poll_at(app.store, feed.id)
    if not recorded:
        return now
    try:
        due = datetime.fromisoformat(recorded.replace("Z", "+00:00"))
    except ValueError:
        return now
    return max(due, now)


#: How long a stop waits for running jobs. Fetches and deliveries in flight are cut at
#: once (see monitor.feeds.watchdog) and processing stops between batches, so jobs end in
#: well under a second; past this bound the process exits without waiting for them.
STOP_GRACE_SECONDS = 10.0
#: How often the delivery job looks for due alerts when no poll has woken it.
DELIVERY_INTERVAL_SECONDS = 60


class Daemon:
    """The scheduler's jobs over one open app: a poll job per feed, the delivery job, the digest.

    Poll jobs share ``cycle_lock`` for their store writes and processing. Delivery runs as
    a job of its own, on a thread of its own, and never takes that lock: a mail server that
    does not answer holds up delivery (and only until its :class:`Breaker` opens), never polling.
    """

    def __init__(self, config: Config, app: App, scheduler: Any) -> None:
        self.config = config
        self.app = app
        self.scheduler = scheduler
        self.gate = make_gate(config)  # one for every job: politeness per host holds across feeds
        self.jobs = RunningJobs()
        # Store writes and processing of the poll jobs, one at a time (across daemons sharing a log too).
        self.cycle_lock = write_lock_for(app, give_up=stopping)
        self.last_offline: dict[str, bool] = {}  # feed -> its latest poll failed as offline would (outage detection)
        self.rng = random.Random()
        self.breaker = Breaker(config.alerts.retry_max_hours, self.rng)
        self._delivering = threading.Lock()  # held while the delivery job runs
        self._told_deferred = 0  # alerts held by the hourly cap, as the last "alerts" line said
        self.errors = QuietRepeats()
        self.gone: dict[str, str] = {}  # feed -> the URL a 410 disabled it at (no job for it)

    def job(self, work: Callable[..., None]) -> Callable[..., None]:
        """Run ``work`` as a counted job, and not at all once the daemon is stopping."""

        def counted(*args: Any) -> None:
            if stopping() or not self.jobs.enter():
                return
            try:
                work(*args)
            finally:
                self.jobs.leave()

        return counted

    def reschedule(self, feed: FeedConfig, not_before: datetime | None = None) -> None:
        """The next run comes from the log: backoff, Retry-After, cache hints, gaps."""
        if self.jobs.stopping:
            return
        due = next_due(self.app, feed, ev.utc_now())
        if not_before is not None:
            due = max(due, not_before)
        due += timedelta(seconds=self.rng.uniform(0, float(self.config.schedule.jitter_seconds)))
        try:
            self.scheduler.modify_job(f"poll:{feed.id}", next_run_time=due)
        except Exception:  # noqa: BLE001 - shutting down, or the job is gone
            pass

    def poll_one(self, feed: FeedConfig) -> None:
        now = ev.utc_now()
        if next_due(self.app, feed, now) > now + timedelta(seconds=1):
            self.reschedule(feed)  # still backing off (or the server asked us to wait)
            return
        try:
            with feed_lease(self.app, feed.id) as lease:
                if lease is not None:  # daemons share the log: another may have polled it just now
                    self.app.catch_up()
                    if next_due(self.app, feed, now) > now + timedelta(seconds=1):
                        self.reschedule(feed)
                        return
                if self.poll_leased(feed):
                    self.retire(feed, gone_note(feed, self.gone[feed.id]))
                    return
        except LockHeld as busy:  # another daemon is polling it: look again when its lease would lapse
            self.reschedule(feed, not_before=ev.utc_now() + timedelta(seconds=busy.seconds_left))
            return
        except Exception as exc:  # noqa: BLE001 - a job must never die silently (the shared log unreachable)
            self.poll_failed(feed, exc)
            return
        self.reschedule(feed)
        self.wake_delivery()

    def poll_failed(self, feed: FeedConfig, exc: Exception) -> None:
        """A poll that could not be recorded (a full disk, a read-only database, the shared log
        unreachable). The log still says the feed is due, so without a wait of our own it was
        polled again at once, over and over: try again one interval later, like a failed feed."""
        self.errors.log("poll_error", repr(exc), feed=feed.id)
        self.reschedule(feed, not_before=ev.utc_now() + timedelta(minutes=self.config.interval_for(feed)))

    def retire(self, feed: FeedConfig, note: str) -> None:
        """End the poll job of a feed the server says is gone. Its log row has no next poll, which
        the scheduler would read as 'due now' and run the job again at once, for ever."""
        try:
            self.scheduler.remove_job(f"poll:{feed.id}")
        except Exception:  # noqa: BLE001 - shutting down, or the job is gone
            pass
        log_line(event="feed_disabled", feed=feed.id, note=note)

    def poll_leased(self, feed: FeedConfig) -> bool:
        """One feed's cycle; what goes wrong in it is :meth:`poll_failed`'s to say. True when the
        feed is now disabled (``self.gone`` has the URL that said so)."""
        others = [offline for other, offline in self.last_offline.items() if other != feed.id]
        summary = run_cycle(
            self.app,
            [feed],
            write_lock=self.cycle_lock,
            gate=self.gate,
            deliver=False,
            others_unreachable=all(others),
        )
        for result in summary.results:
            self.last_offline[result.feed_id] = result.network_failure
            log_line(event="poll", outage=summary.outage, **result.as_log())
        self.gone.update(gone_urls(self.app, [feed]))
        return feed.id in self.gone

    def process_leftovers(self) -> None:
        """Process the articles recorded before this start and not processed (once, at the start)."""
        try:
            with self.cycle_lock:
                outcomes = process_pending(self.app)
            log_line(event="processed_leftovers", articles=len(outcomes))
        except Exception as exc:  # noqa: BLE001 - a job must never die silently; the next poll tries again
            self.errors.log("process_error", repr(exc))
        self.wake_delivery()

    def wake_delivery(self) -> None:
        """Deliver what the poll queued now rather than at the next tick (unless delivery is busy)."""
        if self.jobs.stopping or self._delivering.locked():
            return
        try:
            self.scheduler.modify_job("alerts:deliver", next_run_time=ev.utc_now())
        except Exception:  # noqa: BLE001 - shutting down, or the job is gone
            pass

    def deliver(self) -> None:
        if not self._delivering.acquire(blocking=False):
            return
        try:
            destination = destination_of(self.config)
            held_before = self.breaker.held_until(destination)
            counts = deliver_due(self.app, breaker=self.breaker)
            silenced_alert_waits = not counts.pop(GIVEN_UP_UNANSWERED, 0)  # for alerts_held below, not the journal
            # Every poll wakes this job: the same alerts still held by the hourly cap are no news.
            # A channel's delivery is news as an e-mail's is: with `to` empty it is the only kind.
            news = ("sent", "failed", "channel_sent", "channel_failed")
            if any(counts.get(name) for name in news) or counts.get("deferred", 0) != self._told_deferred:
                if any(counts.get(name) for name in (*news, "deferred")):
                    log_line(event="alerts", **counts)
                self._told_deferred = counts.get("deferred", 0)
            held_until = self.breaker.held_until(destination)
            # Only a pass that (re)opened the breaker has news: the hold is kept after it lapses (until a
            # success), so any later failure, such as a rejected recipient, repeated a hold long past with
            # `"held": 0`. The server's silence holds the alert that met it (unless that was its last try, and
            # the journal's error line says it was given up) as well as those not tried after.
            held = counts.get("held", 0) + silenced_alert_waits
            if held and held_until is not None and held_until != held_before and held_until > ev.utc_now():
                log_line(event="alerts_held", destination=destination, held=held, until=timestamp(held_until))
        except Exception as exc:  # noqa: BLE001 - a job must never die silently; alerts stay queued
            self.errors.log("alerts_error", repr(exc))
        finally:
            self._delivering.release()

    def digest(self) -> None:
        with self.cycle_lock:
            try:
                queue_digest(self.app)
            except Exception as exc:  # noqa: BLE001 - a job must never die silently
                self.errors.log("digest_error", repr(exc))
        self.wake_delivery()

    def add_jobs(self) -> None:
        config, now = self.config, ev.utc_now()
        enabled = [feed for feed in config.feeds if feed.enabled]
        self.gone = gone_urls(self.app, enabled)
        for feed in enabled:
            if feed.id in self.gone:
                log_line(event="feed_disabled", feed=feed.id, note=gone_note(feed, self.gone[feed.id]))
                continue
            self.scheduler.add_job(
                self.job(self.poll_one),
                IntervalTrigger(minutes=config.interval_for(feed), jitter=int(config.schedule.jitter_seconds) or None),
                args=[feed],
                id=f"poll:{feed.id}",
                replace_existing=True,
                next_run_time=next_due(self.app, feed, now),
            )
        if pending_articles(self.app.store):
            # A stop or a crash between a poll and its processing: those articles are news, and
            # waiting for the next poll that is due would hold their alerts back for an interval.
            self.scheduler.add_job(self.job(self.process_leftovers), id="process:leftovers", next_run_time=now)
        self.scheduler.add_job(
            self.job(self.deliver),
            IntervalTrigger(seconds=DELIVERY_INTERVAL_SECONDS),
            id="alerts:deliver",
            executor="delivery",
            next_run_time=now + timedelta(seconds=5),
        )
        if config.alerts.mode == "digest":
            if digest_missed(self.app, now):
                # Its time passed while no daemon ran: now, not a day late at the next one.
                self.scheduler.add_job(self.job(self.digest), id="alerts:digest-missed", next_run_time=now)
            hour, minute = config.alerts.digest_time.split(":")
            self.scheduler.add_job(
                self.job(self.digest),
                CronTrigger(hour=int(hour), minute=int(minute), timezone=config.alerts.timezone),
                id="alerts:digest",
            )

    def stop(self) -> bool:
        """No new jobs; cut what is in flight; wait for the running jobs. False if some still run."""
        stop_everything()
        # Not shutdown(wait=True): see RunningJobs.
        self.scheduler.shutdown(wait=False)
        return self.jobs.stop_and_wait(timeout=STOP_GRACE_SECONDS)


#: A start this many events (or more) behind the log says so before it catches up.
CATCH_UP_NOTICE_EVENTS = 10_000


def catch_up_first(app: App) -> None:
    """Bring the tables up to the log before the first job, and say so when that takes a while:
    after an upgrade that rebuilds a projection, or on a new machine's copy of a shared log,
    it is the whole log (a minute or two per million events), and until now the journal
    showed nothing at all meanwhile."""
    status = app.projections.status()
    behind = status.head - min(status.behind.values(), default=status.head)
    if behind >= CATCH_UP_NOTICE_EVENTS:
        log_line(
            event="catching_up",
            events=behind,
            projections=sorted(status.behind),
            note="the tables are built from the log before polling starts",
        )
    app.catch_up()


def run_daemon(config: Config, db_override: str | None = None) -> None:
    """`monitor run`: the foreground daemon, until SIGTERM or SIGINT (a second one forces the exit)."""
    stop = stop_on_signals(
        lambda name: log_line(event="stopping", signal=name),
        lambda name: log_line(event="stopped_forcibly", signal=name),
    )
    install_json_logging(logging.WARNING)
    check_channels(config)  # a mistyped channel now, not at the first alert hours later
    app = open_app(config, db_override, catch_up=False)
    with exclusive(app, "scheduler"):
        catch_up_first(app)
        head, head_hash = app.store.head()
        extra: dict[str, Any] = {}
        disabled = [feed.id for feed in config.feeds if not feed.enabled]
        if disabled:
            extra["disabled"] = disabled
        if len(disabled) == len(config.feeds):  # config.toml is read once: it would wait in silence
            extra["note"] = "no enabled feed: nothing will be polled; enable or add one in config.toml, then restart"
        feeds = len(config.feeds) - len(disabled)
        log_line(
            event="started", version=__version__, db=app.db_path, feeds=feeds, **extra, head=head, head_hash=head_hash
        )
        unheard = unheard_line(app)
        if unheard:  # at each start, as a feed gone is: the 410's own line is long past in the journal
            log_line(event="alerts_unheard", note=unheard)
        # Fetches of different feeds run concurrently; delivery has a thread of its own.
        scheduler = BackgroundScheduler(
            timezone="UTC",
            executors={"default": JobThreads(max(1, config.fetch.concurrency)), "delivery": JobThreads(1)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(config.schedule.misfire_grace_seconds),
            },
        )
        daemon = Daemon(config, app, scheduler)
        daemon.add_jobs()
        scheduler.start()
        try:
            while not stop.wait(timeout=0.5):
                pass
        finally:
            finished = daemon.stop()
            shutdown_pool()
            if not finished:
                # Never close the store under a running job: leave without waiting for it. Nor read
                # it (no head here): jobs stuck on the store, such as a PostgreSQL server that keeps
                # its connections and answers nothing, would hold that read too, and its error would
                # skip this exit for the interpreter's, which waits for those jobs' threads for ever.
                log_line(event="stopped_with_jobs_running", waited_seconds=STOP_GRACE_SECONDS)
                # Where the jobs were stuck, for the bug report: every thread's stack on stderr.
                faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
                os._exit(1)
            head, head_hash = app.store.head()
            app.close()
            log_line(event="stopped", head=head, head_hash=head_hash)
