"""The read models users see: feeds, articles, claims (the ledger), alerts, baselines.

Each is a :class:`monitor.store.Projection` (DDL plus one handler per event type) in a module
of its own, beside the queries that read it. They are ordinary SQLite tables (and views) in
the same file, so `datasette monitor.db` and the sqlite3 shell read them too; `monitor
rebuild` regenerates them from the log.

Handlers change rows held by the runner's write-back caches (``tables["articles"]``) and
issue no SQL of their own, except for rare events (a new baseline) that touch a whole table.
Each handler reproduces one SQL statement of the first release column by column; the
comments name the SQL behaviour kept where Python would differ (COALESCE, CASE on NULL).
"""

from __future__ import annotations

from monitor.projections.alerts import ALERTS
from monitor.projections.articles import ARTICLES
from monitor.projections.claims import CLAIMS
from monitor.projections.feeds import FEEDS

ALL_PROJECTIONS = (FEEDS, ARTICLES, CLAIMS, ALERTS)

__all__ = ["ALL_PROJECTIONS", "ALERTS", "ARTICLES", "CLAIMS", "FEEDS"]
