"""Writes identity-before-outlets.db: a log written by the code before article identity
was scoped by outlet (commit 594a503's identity rules), for tests/feeds/test_identity.py.

Two outlets on one server: Alpha Wire, and Bravo Times, whose feed carries one of Alpha's
links with its own text. The old code made that one article and let Bravo revise Alpha's
text. Run from the repository root with that code checked out:
``python -m tests.feeds.data.make_identity_db``. The feeds live in the test module, so
the test and this script serve the same bytes.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from tests.feeds.test_identity import ALPHA_V1, BRAVO_V1, FIXTURE, OUTLETS, identity_config
from tests.support.httpserver import LocalHTTPServer
from tests.support.poll_support import START, CountingParser, open_test_app


def main() -> None:
    from monitor.feeds.poller import poll_feeds

    with LocalHTTPServer() as server, tempfile.TemporaryDirectory() as scratch:
        server.route("/alpha.xml", lambda req: req.send(200, ALPHA_V1))
        server.route("/bravo.xml", lambda req: req.send(200, BRAVO_V1))
        folder = Path(scratch)
        app = open_test_app(identity_config(folder, server))
        with app:
            for step, feed_id in enumerate(OUTLETS):  # two cycles: what the old code did across cycles
                poll_feeds(
                    app,
                    [app.config.feed(feed_id)],
                    now=START + timedelta(minutes=step),
                    rng=random.Random(step),
                    parser=CountingParser(),
                )
        with sqlite3.connect(folder / "monitor.db") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(folder / "monitor.db", FIXTURE)
    with sqlite3.connect(FIXTURE) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA page_size=1024")  # a small file in the repository
        db.execute("VACUUM")
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
