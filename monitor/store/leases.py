"""Leases and locks in the shared PostgreSQL database: how daemons sharing a log take turns.

Not events: a lease is who is doing something right now (polling a feed, sending the
alerts), which no one needs to replay. The server's clock decides expiry, so daemons on
machines with skewed clocks agree. A holder that dies simply stops renewing, and its
leases lapse after their time.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from monitor.store.api import StoreError
from monitor.store.postgres import PostgresEventStore

# One statement, so two claimants cannot both win: the row is taken when it is absent,
# already ours, or expired; otherwise the current holder is left alone.
_CLAIM = """
INSERT INTO leases AS held (name, owner, expires_at)
VALUES (%(name)s, %(owner)s, clock_timestamp() + make_interval(secs => %(seconds)s))
ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
    WHERE held.owner = excluded.owner OR held.expires_at < clock_timestamp()
RETURNING owner
"""


@dataclass(frozen=True)
class Holder:
    name: str
    owner: str
    seconds_left: float


class LeaseTable:
    """The ``leases`` table of a shared log (created with the log)."""

    def __init__(self, store: PostgresEventStore):
        self.store = store

    def claim(self, name: str, owner: str, seconds: float) -> bool:
        """Take or extend the lease ``name`` for ``seconds``; False when someone else holds it."""
        params = {"name": name, "owner": owner, "seconds": float(seconds)}
        return self.store._run(lambda conn: conn.execute(_CLAIM, params).fetchone() is not None)

    def renew(self, name: str, owner: str, seconds: float) -> bool:
        """Extend a lease we hold; False when it lapsed and someone else took it meanwhile."""
        return self.store._run(
            lambda conn: (
                conn.execute(
                    "UPDATE leases SET expires_at = clock_timestamp() + make_interval(secs => %s) "
                    "WHERE name = %s AND owner = %s RETURNING 1",
                    [float(seconds), name, owner],
                ).fetchone()
                is not None
            )
        )

    def release(self, name: str, owner: str) -> None:
        self.store._run(lambda conn: conn.execute("DELETE FROM leases WHERE name = %s AND owner = %s", [name, owner]))

    def holder(self, name: str) -> Holder | None:
        """Who holds ``name`` now (an expired lease counts as free)."""

        def read(conn: psycopg.Connection[Any]) -> Holder | None:
            row = conn.execute(
                "SELECT name, owner, extract(epoch FROM expires_at - clock_timestamp())::float8 "
                "FROM leases WHERE name = %s AND expires_at > clock_timestamp()",
                [name],
            ).fetchone()
            return Holder(str(row[0]), str(row[1]), float(row[2])) if row else None

        return self.store._run(read)


class SessionLock:
    """A PostgreSQL advisory lock, taken and released on a connection of its own.

    For short, frequent turns (the daemons' store writes): a waiter is woken by the server the
    moment the holder lets go, where a lease would be polled; and the server drops the lock
    when the holder's session ends, so a daemon that dies hands it on at once, not after an
    expiry. If the connection itself breaks while held, the lock goes with it (the writes it
    guards are idempotent, so an overlap costs repeated work, never a duplicate).
    """

    #: How long one wait on the server lasts, so a caller's ``give_up`` is heard between turns.
    TURN_MS = 1000

    def __init__(self, store: PostgresEventStore, name: str):
        self.store, self.name = store, name
        # A stable 64-bit key from the name (advisory locks are numbered, not named).
        self.key = int.from_bytes(hashlib.sha256(f"nkru-monitor:{name}".encode()).digest()[:8], "big", signed=True)
        self._conn: psycopg.Connection[Any] | None = None
        self.held = False

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = psycopg.connect(self.store.url, autocommit=True, **self.store._connect_kwargs)
            self._conn.execute(f"SET lock_timeout = {self.TURN_MS}")
        return self._conn

    def acquire(self, wait_seconds: float, give_up: Callable[[], bool] = lambda: False) -> bool:
        """Wait up to ``wait_seconds`` (in turns of a second); False if not had by then or ``give_up()``."""
        deadline = time.monotonic() + wait_seconds
        try:
            if self._connection().execute("SELECT pg_try_advisory_lock(%s)", [self.key]).fetchone() == (True,):
                self.held = True
                return True
            while time.monotonic() < deadline and not give_up():
                try:
                    self._connection().execute("SELECT pg_advisory_lock(%s)", [self.key])
                    self.held = True
                    return True
                except pg_errors.LockNotAvailable:
                    continue
            return False
        except psycopg.Error as exc:
            raise StoreError(f"{self.store.path}: the {self.name} lock: {exc}") from exc

    def release(self) -> None:
        if not self.held or self._conn is None:
            return
        self.held = False
        try:
            self._conn.execute("SELECT pg_advisory_unlock(%s)", [self.key])
        except psycopg.Error:
            pass  # the connection broke: the server released the lock with the session

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
