"""Exclusive lock files beside the SQLite file: one scheduler, one alert sender per database.

An flock is released by the kernel when its holder dies, however it dies, so a lock found
held always belongs to a live process; a stale lock file never blocks anyone.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import IO

from monitor.errors import MonitorError


class LockHeld(MonitorError):
    """Another live process holds this lock."""


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
        handle = open(self.path, "a+")
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
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
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
        return (f"{self.path}: a scheduler is already running on this database ({holder}); "
                "stop it first, or use --db for another database")


class SenderLock(DatabaseLock):
    """One alert sender per database: an alert found "sending" was left so by a dead process."""

    suffix = "sender"
    busy_error = SenderBusy

    def busy_message(self, holder: str) -> str:
        return (f"{self.path}: another process is delivering alerts right now ({holder}); "
                "try again when it is done (see `monitor alerts`)")
