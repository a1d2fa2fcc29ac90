"""What an operator's read commands cost on a store of many feeds and months of events.

    python bench/cli_bench.py [--feeds 500] [--polls 2000] [--folder DIR] [--code DIR]

Builds (once, in ``--folder``; reused when its database exists) a real SQLite store with the
library's own API: ``--feeds`` feeds in config.toml, each polled ``--polls`` times (hourly, that
is about three months at the defaults: 1,000,000 FeedPolled), 2 % of the polls discovering an
article and 30 % of those queueing an alert. Then runs each command as the operator does, a
``monitor`` process with its output to /dev/null (a pipe), and prints its wall seconds and its
peak resident set. ``--code DIR`` runs the same commands with another checkout's package right
after (an earlier commit), on the same store.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMANDS = [
    ["feeds", "list"],
    ["feeds", "list", "--json"],
    ["events", "--limit", "50"],
    ["events", "--type", "AlertQueued", "--limit", "20"],
    ["events", "--stream", "feed:f-7"],
    ["events"],
    ["events", "--json"],
    ["alerts"],
    ["alerts", "--json"],
]


def build(folder: Path, feeds: int, polls: int) -> None:
    """The store, appended through the library in batches of 5,000, and its projections caught up."""
    sys.path.insert(0, str(ROOT))
    from monitor import events as ev
    from monitor.app import open_app
    from monitor.config import load_config

    lines = ["[store]", 'path = "monitor.db"', ""]
    for number in range(feeds):
        lines += ["[[feeds]]", f'id = "f-{number}"', f'url = "http://127.0.0.1:9/f{number}.xml"', ""]
    (folder / "config.toml").write_text("\n".join(lines))
    rng = random.Random(1)
    started, batch, total = time.perf_counter(), [], 0
    with open_app(load_config(folder / "config.toml")) as app:
        for _poll in range(polls):
            for number in range(feeds):
                feed_id, url = f"f-{number}", f"http://127.0.0.1:9/f{number}.xml"
                if rng.random() < 0.02:
                    article = uuid.UUID(int=rng.getrandbits(128)).hex
                    link = f"http://127.0.0.1:9/story/{article}"
                    batch.append(
                        ev.event(
                            ev.article_stream(article),
                            ev.ARTICLE_DISCOVERED,
                            {
                                "article_id": article,
                                "id_source": "guid",
                                "feed_id": feed_id,
                                "title": f"Dispatch {article[:6]}",
                                "link": link,
                                "canonical_link": link,
                                "published": "2026-10-01T00:00:00Z",
                                "published_missing": False,
                                "updated": None,
                                "author": None,
                                "text": "A dispatch about rail freight.",
                                "text_source": "feed",
                                "content_hash": article,
                                "title_hash": article,
                                "first_seen_at": "2026-10-01T00:00:00Z",
                                "raw_hash": article,
                            },
                        )
                    )
                    if rng.random() < 0.3:
                        alert = uuid.UUID(int=rng.getrandbits(128)).hex
                        batch.append(
                            ev.event(
                                ev.alert_stream(alert),
                                ev.ALERT_QUEUED,
                                {
                                    "alert_id": alert,
                                    "kind": "article",
                                    "recipients": ["desk@example.org"],
                                    "subject": f"A new figure in dispatch {article[:6]}",
                                    "message_id": f"<{alert}@example.org>",
                                    "message": "Subject: a new figure\n\nmade up for the bench",
                                    "article_id": article,
                                    "ledger_keys": [],
                                    "facts": [],
                                },
                            )
                        )
                batch.append(
                    ev.event(
                        ev.feed_stream(feed_id),
                        ev.FEED_POLLED,
                        {
                            "feed_id": feed_id,
                            "url": url,
                            "status": 200,
                            "etag": None,
                            "last_modified": None,
                            "body_sha256": "same",
                            "polled_at": "2026-10-01T00:00:00Z",
                            "next_poll_at": "2026-10-01T01:00:00Z",
                            "new": 0,
                        },
                    )
                )
                if len(batch) >= 5000:
                    app.store.append(batch)
                    total, batch = total + len(batch), []
        app.store.append(batch)
        app.catch_up()
    print(f"built {total + len(batch)} events in {time.perf_counter() - started:.0f} s", flush=True)


def run(folder: Path, code: Path) -> None:
    print(f"code: {code}")
    for command in COMMANDS:
        started = time.perf_counter()
        with open(os.devnull, "w") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(folder / "config.toml"), *command],
                cwd=code,
                stdout=sink,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": str(code)},
            )
            _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        said = "" if os.waitstatus_to_exitcode(status) == 0 else f"  (exit {os.waitstatus_to_exitcode(status)})"
        print(f"  monitor {' '.join(command):<45} {seconds:7.2f} s  peak {usage.ru_maxrss / 1000:7.0f} MB{said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--polls", type=int, default=2000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/nkru-cli-bench"))
    parser.add_argument("--code", type=Path, help="then the same commands with another checkout's package")
    options = parser.parse_args()
    options.folder.mkdir(parents=True, exist_ok=True)
    if not (options.folder / "monitor.db").exists():
        build(options.folder, options.feeds, options.polls)
    run(options.folder, ROOT)
    if options.code:
        run(options.folder, options.code.resolve())


if __name__ == "__main__":
    main()
