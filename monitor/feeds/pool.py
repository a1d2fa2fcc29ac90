"""The process pool that parses feeds (:class:`ParsePool`), and the jobs it runs.

Apart from :mod:`monitor.feeds.parse` so that a process which only polls (every feed
answering 304, or sending the body it sent last time) never imports feedparser, lxml and
the parser's tables: the workers import them, on their first job. See
:mod:`monitor.feeds.parse` for what a job does, and why in another process.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import itertools
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from monitor.errors import FetchError, fetch_error

if TYPE_CHECKING:
    from monitor.feeds.entries import Entry
    from monitor.feeds.parsed import ParsedFeed, RawEntry

#: Default address-space limit of a parse worker; a runaway parse gets MemoryError.
DEFAULT_WORKER_MEMORY_BYTES = 1 << 30
#: Default time limit for one parse in the pool, counted in the worker from the job's start.
DEFAULT_PARSE_TIMEOUT_SECONDS = 60.0
#: What the parent allows, on top of the time limit, for each job it waits for: a fresh worker
#: starting (a new interpreter, then the parser's imports: 0.1-0.15 s of CPU, and 1.5-1.9 s of
#: wall time for two fresh workers at load 14 on 2 cores) and the result coming back. Only a
#: worker that did not stop itself at its limit is ever waited for this long, so a generous
#: figure costs nothing but a late verdict on a stuck worker, while a tight one would kill
#: healthy jobs on a loaded machine.
WORKER_ALLOWANCE_SECONDS = 30.0
#: Once a job has overrun, the worker's timer fires again this often until the job stops, in
#: case some code swallowed the first interruption.
_OVERRUN_REPEAT_SECONDS = 0.5
#: A job analyses entries for at most this long (the rest are analysed by the application
#: later), so a huge feed of long articles never turns a good parse into a timeout.
ANALYSIS_BUDGET_SECONDS = 10.0


@dataclass(frozen=True)
class NormaliseRequest:
    """Ask the parse worker to normalise entries too (HTML → text is the other costly
    step of a poll, and the worker has a core of its own).

    ``remembered`` maps article id → raw hash of the entries the feed showed last time:
    those are skipped, since their bytes have not changed. ``first_seen`` stands in for a
    missing publication date.
    """

    feed_id: str
    first_seen: datetime
    remembered: Mapping[str, str] = field(default_factory=dict)
    #: Also run in the worker on each entry it normalised, its result returned in
    #: ``ParsedFeed.analysed``: the application's analysis of new articles, which this
    #: package knows nothing about (it must pickle: a module-level function or a partial of one).
    analyse: Callable[[Entry], Any] | None = None


class ParseJob(NamedTuple):
    body: bytes
    headers: Mapping[str, str]
    url: str
    normalise: NormaliseRequest | None = None


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _exit_with_parent() -> None:
    """A worker whose parent was killed (SIGKILL, OOM) would wait for jobs forever."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _Overran(BaseException):
    """Raised in a worker by its own timer. A BaseException, so that no ``except Exception``
    in a parser or in the application's analysis swallows it."""


class JobOverran(Exception):
    """A job that a worker stopped at its time limit (:meth:`ParsePool.run_each` runs it in
    the calling process instead)."""


_timer_installed = False  # set in pool workers only: a timer's signal needs a process's main thread
_in_worker = False  # set in pool workers only
#: After parsing a body this large, a worker hands the memory it freed back to the system.
TRIM_AFTER_BYTES = 1_000_000
_timer_armed = False


def _on_timer(signum: int, frame: object) -> None:
    if _timer_armed:
        raise _Overran


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Overran` in the body once it has run ``seconds`` of wall time, counted
    from here: a worker's start-up and the time a job queued do not count against it, and the
    worker stops the job itself, so the pool need not kill the worker (and the other jobs in
    flight with it). Outside a pool worker (``workers=0``), no limit."""
    global _timer_armed
    if not _timer_installed or not seconds or seconds <= 0:
        yield
        return
    import signal

    _timer_armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _OVERRUN_REPEAT_SECONDS)
    try:
        yield
    finally:
        _timer_armed = False  # first: a signal already on its way now does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)


def overran_message(seconds: float) -> str:
    return f"parse took longer than {seconds:g}s"


def _init_worker(memory_limit_bytes: int | None) -> None:
    # Ctrl-C on a terminal reaches the whole process group: the parent decides when the
    # workers stop (it finishes the poll in progress), so they must not die first. SIGTERM
    # stays deliverable: ProcessPoolExecutor stops a broken pool's workers with it and then
    # joins them without a bound, so a worker that ignored it would hang the pool. A stop
    # sent to the whole group (systemd) is handled by the poller instead, which drops the
    # results a stop cut short rather than recording them as FeedFailed.
    global _timer_installed, _in_worker
    _in_worker = True
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGALRM, _on_timer)
        _timer_installed = True
    except (ImportError, ValueError, OSError, AttributeError):
        pass  # no SIGALRM here: the parent's bound on its wait is the only limit
    _exit_with_parent()
    # The analysis a worker runs imports numpy (story signatures: elementwise integer arithmetic,
    # no linear algebra). Its OpenBLAS would start a thread per core at import, and reserve memory
    # for each, in every worker and under the address-space limit below: one is all it needs.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if memory_limit_bytes:
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_limit_bytes if hard == resource.RLIM_INFINITY else min(memory_limit_bytes, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):
            pass  # not on this platform: the DTD screen and max_bytes still bound the work


def _parse_job(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    normalise: NormaliseRequest | None = None,
    time_limit: float | None = None,
) -> ParsedFeed:
    # Loaded by the worker, not by a poll that parses nothing; before the clock starts, since a
    # fresh worker's first imports are its start-up, not the document's cost.
    from monitor.feeds.parse import parse_feed

    if normalise is not None:
        import monitor.feeds.entries  # noqa: F401
    try:
        with _time_limit(time_limit):
            parsed = parse_feed(body, dict(headers), url)
            if normalise is not None:
                normalise_entries(parsed, normalise)
    except _Overran:
        raise fetch_error("parse_error", overran_message(time_limit or 0), url) from None
    if _in_worker and len(body) >= TRIM_AFTER_BYTES:
        _give_back_freed_memory()
    return parsed


def _give_back_freed_memory() -> None:
    """Return the heap a big parse freed to the system (glibc's malloc_trim; elsewhere nothing).

    The document's tree and the entries past the kept ones are freed by then, but glibc keeps
    freed heap for reuse unless the top of the heap happens to be free: a worker that parsed a
    feed of 20,000 items held about 50 MB more from then on, or not, depending on what it
    allocated afterwards (bench/big_feed_bench.py). The call takes about 10 ms after such a parse."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (ImportError, OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None  # glibc's malloc_trim once looked up; False where there is none


def _call_limited(time_limit: float | None, function: Callable[..., Any], *arguments: Any) -> Any:
    """``function(*arguments)`` in a worker, stopped at ``time_limit`` (see :func:`_time_limit`)."""
    try:
        with _time_limit(time_limit):
            return function(*arguments)
    except _Overran:
        raise JobOverran(f"took longer than {time_limit:g}s") from None


def normalise_entries(parsed: ParsedFeed, request: NormaliseRequest) -> ParsedFeed:
    """Fill ``parsed.normalised`` for every entry whose bytes the feed has not shown
    before (first sighting of each article id in the document only).

    The raw HTML (``content`` and ``summary``) of the entries normalised here, and of those
    the feed showed before with the same bytes, is dropped from ``parsed.entries``: the
    poller reads only their key, hash, link and index, and the HTML was half of what a
    first poll's results carried back to it (~60 KB a 50-entry feed, pickled on one side
    and unpickled on the other)."""
    from monitor.feeds.entries import article_id, normalise_entry  # the worker's work, imported there

    done: set[str] = set()
    analyse_until = time.monotonic() + ANALYSIS_BUDGET_SECONDS
    for position, raw in enumerate(parsed.entries):
        article = article_id(raw, request.feed_id)
        if request.remembered.get(article) == raw["raw_hash"]:
            parsed.entries[position] = _without_body(raw)
            continue
        if article in done:
            continue
        done.add(article)
        try:
            entry = parsed.normalised[raw["index"]] = normalise_entry(
                raw, feed_id=request.feed_id, first_seen=request.first_seen
            )
        except Exception:  # noqa: BLE001 - the poller normalises it again and reports the failure
            continue
        parsed.entries[position] = _without_body(raw)
        if request.analyse is not None and time.monotonic() < analyse_until:
            try:
                parsed.analysed[raw["index"]] = request.analyse(entry)
            except Exception:  # noqa: BLE001 - the application analyses the article itself later
                pass
    return parsed


def _without_body(raw: RawEntry) -> RawEntry:
    return {**raw, "content": None, "summary": None}  # type: ignore[typeddict-item]


#: The warning filter :func:`quiet_resource_tracker` passes on (``-W``: action, message, category, module).
RESOURCE_TRACKER_QUIET = "ignore::UserWarning:multiprocessing.resource_tracker"


def quiet_resource_tracker() -> None:
    """Keep multiprocessing's resource tracker from writing plain text into the daemon's JSON journal.

    The executor's queues hold named semaphores, which a tracker process (started with the first of
    them, sharing our stderr) removes once every process using them is gone. After a SIGKILL (the OOM
    killer, systemd's last resort) it does, as it should, and says so in two lines of plain text (a
    warning and its source line): nothing for an operator to do, and lines a JSON reader of the journal
    fails on. The tracker takes its ``-W`` options from ``sys.warnoptions``, so the filter set here
    reaches it (and the workers, where it changes nothing) and never the daemon's own warnings."""
    if RESOURCE_TRACKER_QUIET not in sys.warnoptions:
        sys.warnoptions.append(RESOURCE_TRACKER_QUIET)


class ParsePool:
    """Parses feeds in worker processes.

    ``workers=None`` uses one per core; ``workers=0`` parses in the calling thread (tests,
    one-feed polls). The executor starts on first use ("spawn" context: safe in a process
    that already runs threads) and is shut down by :meth:`close` or at interpreter exit.
    Several threads may share one pool (the poller's fetch threads do).

    A job that runs longer than ``timeout_seconds``, counted by its worker from the job's start,
    is stopped by the worker itself and reported as a ``parse_error``; the worker goes on with
    the next job, and the other jobs in flight are not touched. The parent bounds its own wait
    too (:meth:`_wait_bound`): a worker that did not stop at its limit is killed, with the rest
    of its executor, and the jobs that kill cut short run again in a fresh one. Jobs lost to a
    worker that died by itself (a crash, the memory limit) are retried once.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout_seconds: float = DEFAULT_PARSE_TIMEOUT_SECONDS,
        memory_limit_bytes: int | None = DEFAULT_WORKER_MEMORY_BYTES,
        start_method: str = "spawn",
        worker_allowance_seconds: float = WORKER_ALLOWANCE_SECONDS,
    ) -> None:
        self.workers = default_workers() if workers is None else max(0, int(workers))
        self.timeout_seconds = float(timeout_seconds)
        self.worker_allowance_seconds = float(worker_allowance_seconds)
        self.memory_limit_bytes = memory_limit_bytes
        self._start_method = start_method
        self._executor: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._in_flight = 0  # jobs submitted and not finished, by every thread sharing the pool
        self._counting = threading.Lock()
        # Executors killed because one of their jobs overran: what else they held was cut short
        # by us, not lost to a crash, so it runs again without using up its one retry.
        self._cut: weakref.WeakSet[cf.ProcessPoolExecutor] = weakref.WeakSet()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(
        self, body: bytes, headers: Mapping[str, str], url: str, normalise: NormaliseRequest | None = None
    ) -> ParsedFeed:
        """Parse one document; raises :class:`FetchError` like :func:`parse_feed`.

        With ``normalise``, the worker also normalises the entries not seen before.
        """
        result = self.parse_many([ParseJob(body, headers, url, normalise)])[0]
        if isinstance(result, FetchError):
            raise result
        return result

    def run_each(self, function: Callable[..., Any], argument_lists: Iterable[Sequence[Any]]) -> list[Any]:
        """``function(*arguments)`` for each argument list, in the workers; results in order.

        For pure work the application hands over while the workers are idle (this package
        knows nothing of it; ``function`` must pickle: a module-level function). Its own
        exceptions are raised here as if it had run here; a job the pool loses (a dead
        worker, the time limit) runs here instead. One job, or no workers: here.
        ``argument_lists`` may be a generator: each job goes to the workers as soon as it is
        produced, so they work while the caller makes the next ones.
        """
        pending = iter(argument_lists)
        first_two = list(itertools.islice(pending, 2))
        if self.workers == 0 or len(first_two) < 2:
            return [function(*arguments) for arguments in itertools.chain(first_two, pending)]
        executor = self._get_executor()
        from concurrent.futures.process import BrokenProcessPool  # loaded with the executor, as _get_executor says

        limit = self.timeout_seconds
        jobs: list[tuple[cf.Future[Any] | None, float, Sequence[Any]]] = []
        for arguments in itertools.chain(first_two, pending):
            try:
                future, deadline = self._submit(executor, _call_limited, limit, function, *arguments)
            except (BrokenProcessPool, RuntimeError):  # the executor was killed or broke meanwhile: here
                self._kill(executor, cut=False)
                future, deadline = None, 0.0
            jobs.append((future, deadline, arguments))
        results = []
        for future, deadline, arguments in jobs:
            if future is None:
                results.append(function(*arguments))
                continue
            try:
                results.append(future.result(timeout=max(0.0, deadline - time.monotonic())))
            except JobOverran:
                results.append(function(*arguments))
            except cf.TimeoutError:
                self._kill(executor, cut=True)
                results.append(function(*arguments))
            except (BrokenProcessPool, cf.CancelledError):
                self._kill(executor, cut=False)  # a broken executor takes no more jobs
                results.append(function(*arguments))
        return results

    def parse_many(
        self, jobs: Iterable[ParseJob | tuple[bytes, Mapping[str, str], str]]
    ) -> list[ParsedFeed | FetchError]:
        """Parse several documents in parallel; results in job order, errors as values."""
        job_list = [ParseJob(*job) for job in jobs]
        if self.workers == 0 or not job_list:
            return [_parse_inline(job) for job in job_list]
        results: list[ParsedFeed | FetchError | None] = [None] * len(job_list)
        crashes = [0] * len(job_list)
        pending = list(range(len(job_list)))
        # A round ends with every job settled, or settles the job whose overrun killed the
        # executor, or counts a crash against each job it lost (two end a job): this many rounds
        # are enough unless other threads' overruns keep cutting these jobs short, and a job
        # still pending after them is reported like a crash.
        for _round in range(len(job_list) + 2):
            pending = self._run(job_list, pending, results, crashes)
            if not pending:
                break
        return [
            r if r is not None else fetch_error("parse_error", "parser process died", job_list[i].url)
            for i, r in enumerate(results)
        ]

    def _run(
        self,
        jobs: Sequence[ParseJob],
        indexes: list[int],
        results: list[ParsedFeed | FetchError | None],
        crashes: list[int],
    ) -> list[int]:
        """One round: submit the jobs ``indexes``, settle what can be; returns those to run again."""
        executor = self._get_executor()
        from concurrent.futures.process import BrokenProcessPool  # loaded with the executor, as _get_executor says

        limit = self.timeout_seconds
        submitted: dict[int, tuple[cf.Future[Any], float]] = {}
        for i in indexes:
            job = jobs[i]
            try:
                submitted[i] = self._submit(
                    executor, _parse_job, job.body, dict(job.headers), job.url, job.normalise, limit
                )
            except (BrokenProcessPool, RuntimeError):
                # Killed by another thread (then this does nothing), or broken: the rest go to
                # the next round's executor.
                self._kill(executor, cut=False)
                break
        again = [i for i in indexes if i not in submitted]
        for i, (future, deadline) in submitted.items():
            try:
                results[i] = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FetchError as exc:
                results[i] = exc  # the parser's verdict, or the worker's own time limit
            except cf.TimeoutError:
                # Its worker did not stop at the limit (stuck where its timer cannot interrupt it):
                # only a kill stops it, and the kill cuts the executor's other jobs short.
                if future.running():
                    message = overran_message(limit) + "; its worker was killed"
                    results[i] = fetch_error("parse_error", message, jobs[i].url)
                else:
                    again.append(i)  # still queued behind a stuck job: not its fault
                self._kill(executor, cut=True)
            except (BrokenProcessPool, cf.CancelledError):
                if executor not in self._cut:  # a worker died by itself: one retry
                    crashes[i] += 1
                    self._kill(executor, cut=False)
                if crashes[i] < 2:
                    again.append(i)
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                results[i] = fetch_error("parse_error", f"{type(exc).__name__}: {exc}"[:500], jobs[i].url)
        return sorted(again)

    def _submit(
        self, executor: cf.ProcessPoolExecutor, function: Callable[..., Any], *arguments: Any
    ) -> tuple[cf.Future[Any], float]:
        """Hand a job to ``executor``; returns its future and when to stop waiting for it."""
        with self._counting:
            ahead = self._in_flight
            self._in_flight += 1
        try:
            future = executor.submit(function, *arguments)
        except BaseException:
            self._one_finished()
            raise
        future.add_done_callback(self._one_finished)  # outside the lock: a done future calls back at once
        return future, time.monotonic() + self._wait_bound(ahead)

    def _one_finished(self, _future: object = None) -> None:
        with self._counting:
            self._in_flight -= 1

    def _wait_bound(self, ahead: int) -> float:
        """How long the parent waits for a job submitted with ``ahead`` jobs in flight before
        it. Each of those stops itself at the time limit and the workers take them in order,
        ``workers`` at a time, so this one has started once ``ahead // workers`` rounds of them
        have run; then its own round. Each round may also take the allowance (a fresh worker's
        start-up, the result's way back). Time queued behind other callers' jobs thus never
        counts against a job, and a wait that runs out means a worker did not stop itself."""
        return (ahead // max(1, self.workers) + 1) * (self.timeout_seconds + self.worker_allowance_seconds)

    def _get_executor(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("ParsePool is closed")
            if self._executor is None:
                # Imported here: multiprocessing and the process executor cost a poll that
                # parses nothing (every feed answering 304) 6 ms of start-up.
                import multiprocessing

                quiet_resource_tracker()
                self._executor = cf.ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context(self._start_method),
                    initializer=_init_worker,
                    initargs=(self.memory_limit_bytes,),
                )
            return self._executor

    def _kill(self, executor: cf.ProcessPoolExecutor, *, cut: bool) -> None:
        """Kill ``executor``'s workers and let the next job start a fresh one. Only while it is
        still the pool's: another thread may have killed it and started the next already, and
        that one's jobs are not to be touched. ``cut``: killed for a job's overrun."""
        with self._lock:
            if self._executor is not executor:
                return
            self._executor = None
            if cut:
                self._cut.add(executor)  # before the kill: the jobs it cuts must find it here
        # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14
        # (terminate_workers); reach for its process table, and tolerate its absence.
        processes = list(getattr(executor, "_processes", {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()  # SIGKILL: a busy worker must not get a chance to finish
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

    def close(self, grace_seconds: float | None = None) -> None:
        """Stop the workers: queued jobs are cancelled, running ones get up to
        ``grace_seconds`` (default ``timeout_seconds``) to finish, then their processes
        are terminated."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + (self.timeout_seconds if grace_seconds is None else grace_seconds)
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()  # SIGKILL: a busy worker must not get a chance to finish
                process.join(timeout=5)


def _parse_inline(job: ParseJob) -> ParsedFeed | FetchError:
    try:
        return _parse_job(job.body, job.headers, job.url, job.normalise)
    except FetchError as exc:
        return exc


_default_pool: ParsePool | None = None
_default_lock = threading.Lock()


def parse_in_pool(
    jobs: Iterable[ParseJob | tuple[bytes, Mapping[str, str], str]],
    *,
    workers: int | None = None,
    pool: ParsePool | None = None,
) -> list[ParsedFeed | FetchError]:
    """Parse documents in parallel; results in job order, errors as values.

    Uses ``pool`` when given; else ``workers=0`` parses inline, and otherwise a shared
    process pool (one per core, or ``workers``) is created on first use and closed at exit.
    """
    if pool is not None:
        return pool.parse_many(jobs)
    if workers == 0:
        return [_parse_inline(ParseJob(*job)) for job in jobs]
    return default_pool(workers).parse_many(jobs)


def default_pool(workers: int | None = None) -> ParsePool:
    """The shared pool (created lazily; ``workers`` only matters on the first call)."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool._closed:
            _default_pool = ParsePool(workers)
        return _default_pool


def shutdown_pool(grace_seconds: float = 2.0) -> None:
    """Close the shared pool, if one was started.

    At interpreter exit the executor's manager thread is already gone (concurrent.futures
    stops it first), so idle workers never hear the shutdown: they are terminated after a
    short grace instead of the parse timeout.
    """
    global _default_pool
    with _default_lock:
        pool, _default_pool = _default_pool, None
    if pool is not None:
        pool.close(grace_seconds)


atexit.register(shutdown_pool)
