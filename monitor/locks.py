"""Who may do what alone: lock files beside an SQLite log, leases in a shared PostgreSQL one.

With SQLite, an flock beside the file gives one scheduler and one alert sender per
database; the kernel releases it when its holder dies, however it dies, so a lock found
held always belongs to a live process. With PostgreSQL, several daemons share the log,
so the same exclusions are leases in the database (monitor.store.leases): owned by
``host:pid``, renewed while held, lapsing when the holder stops renewing.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any

from monitor.errors import MonitorError

#: How often a held lease is renewed, as a share of its length.
RENEW_SHARE = 1 / 3


class LockHeld(MonitorError):
    """Another live process holds this lock."""

    #: For a lease: how long the holder's claim runs at most without a renewal.
    seconds_left: float = 0.0


class AlreadyRunning(LockHeld):
    """Another `monitor run` holds the database's scheduler lock."""


class SenderBusy(LockHeld):
    """Another process is delivering this database's alerts right now."""


class DatabaseLock:
    """An exclusive flock on ``<db>.<suffix>.lock``, held for the ``with`` block.

    Waits up to ``wait_seconds`` for a holder to let go, then raises the subclass's
    :attr:`busy_error` naming the file and the holder's pid. ``:memory:`` databases
    belong to one process and take no lock.
    """

    suffix = "lock"
    busy_error: type[LockHeld] = LockHeld

    def __init__(self, db_path: str, *, wait_seconds: float = 0.0):
        self.path = None if db_path == ":memory:" else f"{db_path}.{self.suffix}.lock"
        self.wait_seconds = wait_seconds
        self._handle: IO[str] | None = None

    def busy_message(self, holder: str) -> str:
        return f"{self.path}: held by {holder}"

    def __enter__(self) -> DatabaseLock:
        if self.path is None:
            return self
        try:
            handle = open(self.path, "a+")
        except OSError as exc:  # another account's database: its folder or lock file is not ours to write
            folder = os.path.dirname(os.path.abspath(self.path))
            raise MonitorError(
                f"{self.path}: cannot take the lock beside the database ({exc.strerror}); run this as a user "
                f"who may write {folder}, as the daemon's does; nothing was changed"
            ) from None
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    handle.close()
                    raise self.busy_error(self.busy_message(holder)) from None
                time.sleep(0.05)
        try:  # who holds it, for the busy message; unbuffered, so a full disk cannot fail the close later
            os.ftruncate(handle.fileno(), 0)
            os.write(handle.fileno(), f"pid {os.getpid()}".encode())
        except OSError:
            pass  # a full disk: the lock is held all the same, only its note is missing
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


class SchedulerLock(DatabaseLock):
    """One `monitor run` per database, so nothing is polled or alerted twice."""

    suffix = "scheduler"
    busy_error = AlreadyRunning

    def busy_message(self, holder: str) -> str:
        return (
            f"{self.path}: a scheduler is already running on this database ({holder}); "
            "stop it first, or use --db for another database"
        )


class SenderLock(DatabaseLock):
    """One alert sender per database: an alert found "sending" was left so by a dead process."""

    suffix = "sender"
    busy_error = SenderBusy

    def busy_message(self, holder: str) -> str:
        return (
            f"{self.path}: another process is delivering alerts right now ({holder}); "
            "try again when it is done (see `monitor alerts`)"
        )


def worker_id() -> str:
    """This process as FeedPolled metadata and lease owners name it: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


class LeaseLock:
    """An exclusive lease ``name`` in the shared database, held for the ``with`` block.

    Waits up to ``wait_seconds`` for the holder, then raises ``busy_error``. While held it
    is renewed every third of ``seconds`` by a thread of its own, so a live holder keeps
    it however long the work takes, and a dead one loses it ``seconds`` after its last
    renewal. Threads of one process take turns on a process-local lock first: the lease
    owner is the process, which the database cannot tell apart from its threads.
    """

    _local: dict[tuple[int, str], threading.Lock] = {}
    _local_guard = threading.Lock()

    def __init__(
        self,
        leases: Any,
        name: str,
        *,
        seconds: float,
        wait_seconds: float = 0.0,
        busy_error: type[LockHeld] = LockHeld,
        busy_message: str = "",
        owner: str | None = None,
        give_up: Callable[[], bool] = lambda: False,
    ) -> None:
        """``busy_message`` may name ``{holder}``; ``owner`` defaults to :func:`worker_id`;
        ``give_up`` ends a wait early (the process is stopping)."""
        self.give_up = give_up
        self.leases, self.name, self.seconds = leases, name, seconds
        self.wait_seconds, self.busy_error, self.busy_message = wait_seconds, busy_error, busy_message
        self.owner = owner or worker_id()
        self.lost = False  #: set when a renewal found the lease taken by someone else
        with self._local_guard:
            self._mutex = self._local.setdefault((id(leases), name), threading.Lock())
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def _busy(self) -> LockHeld:
        holder = self.leases.holder(self.name)
        who = f"{holder.owner}, for {holder.seconds_left:.0f} s more" if holder else "another worker"
        error = self.busy_error(
            (self.busy_message or "lease {name}: held by {holder}").format(name=self.name, holder=who)
        )
        error.seconds_left = holder.seconds_left if holder else 0.0
        return error

    def __enter__(self) -> LeaseLock:
        deadline = time.monotonic() + self.wait_seconds
        if not self._mutex.acquire(timeout=self.wait_seconds if self.wait_seconds > 0 else -1):
            raise self.busy_error(
                (self.busy_message or "lease {name}: held by {holder}").format(
                    name=self.name, holder="another thread of this process"
                )
            )
        try:
            while not self.leases.claim(self.name, self.owner, self.seconds):
                if time.monotonic() >= deadline or self.give_up():
                    raise self._busy()
                time.sleep(min(0.2, max(deadline - time.monotonic(), 0.0)))
        except BaseException:
            self._mutex.release()
            raise
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name=f"lease {self.name}", daemon=True)
        self._renewer.start()
        return self

    def _renew(self) -> None:
        while not self._stop.wait(self.seconds * RENEW_SHARE):
            try:
                if not self.leases.renew(self.name, self.owner, self.seconds):
                    self.lost = True
                    return
            except Exception:  # noqa: BLE001 - a blip: the next renewal (or the lease's expiry) decides
                pass

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=30)
            self._renewer = None
        try:
            if not self.lost:
                self.leases.release(self.name, self.owner)
        finally:
            self._mutex.release()


def exclusive(app: Any, name: str, *, wait_seconds: float = 0.0) -> AbstractContextManager[Any]:
    """The lock ``name`` ("scheduler", "sender") of the app's database, whichever backend it has.

    SQLite: the flock beside the file. PostgreSQL: a lease; there is no "scheduler" lease,
    since any number of daemons may share the log (each feed's poll takes a lease instead).
    """
    leases = getattr(app.store, "leases", None)
    if leases is None:
        lock_class = {"scheduler": SchedulerLock, "sender": SenderLock}[name]
        return lock_class(app.db_path, wait_seconds=wait_seconds)
    if name == "scheduler":
        return nullcontext()
    busy = {"sender": SenderBusy}.get(name, LockHeld)
    message = (
        "another daemon ({holder}) is delivering alerts right now; try again when it is done (see `monitor alerts`)"
        if name == "sender"
        else ""
    )
    return LeaseLock(
        leases(),
        name,
        seconds=app.config.store.lease_seconds,
        wait_seconds=wait_seconds,
        busy_error=busy,
        busy_message=message,
    )


def feed_lease(app: Any, feed_id: str) -> AbstractContextManager[Any]:
    """With PostgreSQL, the lease on polling ``feed_id`` (not waited for: LockHeld when taken);
    with SQLite, nothing (the scheduler lock already makes this the only poller)."""
    leases = getattr(app.store, "leases", None)
    if leases is None:
        return nullcontext()
    return LeaseLock(leases(), f"feed:{feed_id}", seconds=app.config.store.lease_seconds)


#: How long the daemon's store writes wait for another daemon's (bounded; a stop cuts it short).
WRITER_WAIT_SECONDS = 600.0


class SharedWriteLock:
    """The daemon's write lock when daemons share a PostgreSQL log.

    Its own threads take turns on a re-entrant lock, as with SQLite; the outermost holder
    also takes the shared log's ``writer`` session lock (monitor.store.leases.SessionLock),
    so processing and the appends that follow from it run in one daemon at a time across
    all of them, as one daemon's do, and catches up with what the others appended first.
    """

    def __init__(
        self, app: Any, wait_seconds: float = WRITER_WAIT_SECONDS, give_up: Callable[[], bool] = lambda: False
    ) -> None:
        self.app, self.wait_seconds, self.give_up = app, wait_seconds, give_up
        self._local = threading.RLock()
        self._depth = 0
        self._shared = app.store.writer_lock()

    def __enter__(self) -> SharedWriteLock:
        self._local.acquire()
        if self._depth == 0:
            try:
                if not self._shared.acquire(self.wait_seconds, self.give_up):
                    raise LockHeld(
                        f"the shared log's writer lock stayed taken for {self.wait_seconds:.0f} s "
                        "(another daemon's processing); retried at the next poll"
                    )
                try:
                    self.app.catch_up()
                except BaseException:
                    self._shared.release()
                    raise
            except BaseException:
                self._local.release()
                raise
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        try:
            if self._depth == 0:
                self._shared.release()
        finally:
            self._local.release()


def write_lock_for(app: Any, give_up: Callable[[], bool] = lambda: False) -> AbstractContextManager[Any]:
    """The lock the daemon's jobs hold for their store writes and processing (``give_up``: see LeaseLock)."""
    if getattr(app.store, "leases", None) is None:
        return threading.RLock()
    return SharedWriteLock(app, give_up=give_up)
