"""Leases in the shared PostgreSQL database: named, owned, expiring claims that coordinate daemons.

Not events: a lease is who is doing something right now (polling a feed, sending the
alerts), which no one needs to replay. The server's clock decides expiry, so daemons on
machines with skewed clocks agree. A holder that dies simply stops renewing, and its
leases lapse after their time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

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
        return self.store._run(lambda conn: conn.execute(
            "UPDATE leases SET expires_at = clock_timestamp() + make_interval(secs => %s) "
            "WHERE name = %s AND owner = %s RETURNING 1", [float(seconds), name, owner]).fetchone() is not None)

    def release(self, name: str, owner: str) -> None:
        self.store._run(lambda conn: conn.execute("DELETE FROM leases WHERE name = %s AND owner = %s", [name, owner]))

    def holder(self, name: str) -> Holder | None:
        """Who holds ``name`` now (an expired lease counts as free)."""
        def read(conn: psycopg.Connection[Any]) -> Holder | None:
            row = conn.execute("SELECT name, owner, extract(epoch FROM expires_at - clock_timestamp())::float8 "
                               "FROM leases WHERE name = %s AND expires_at > clock_timestamp()", [name]).fetchone()
            return Holder(str(row[0]), str(row[1]), float(row[2])) if row else None

        return self.store._run(read)
