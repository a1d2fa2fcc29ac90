"""Page source benchmark: what a `type = "page"` source costs per poll.

    python bench/page_source_bench.py [--releases 30] [--rounds 3]

A ministry-style press page on 127.0.0.1 (tests/support/local_site.py) lists ``--releases``
releases, each on its own page. Three polls are timed per round, each on a fresh database:

1. first poll: every link is new, so every release page is fetched and read by trafilatura
   (main text, title and date) — the cost that grows with the number of new links;
2. the same page again: the server answers the conditional GET with 304, nothing is parsed;
3. the page's bytes change (a banner) but not its links: one GET, the link set is
   compared, no release page is fetched.

Round 1 includes importing trafilatura (~0.6 s, once per process). Nothing else is
contacted. The per-host gap is 0 here (all on 127.0.0.1); a real poll adds
``per_host_gap_seconds`` between release pages of one host.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.feeds.poller import poll_feeds  # noqa: E402
from tests.support.httpserver import LocalHTTPServer  # noqa: E402
from tests.support.local_site import LocalSite  # noqa: E402
from tests.support.poll_support import CountingParser, open_test_app, write_config  # noqa: E402


def one_round(releases: int) -> list[tuple[str, float, str]]:
    timings = []
    with LocalHTTPServer() as server, tempfile.TemporaryDirectory() as folder:
        site = LocalSite(server)
        for number in range(104, 101 + releases):
            site.add_release(number)
        config = write_config(
            Path(folder), {"ministry": site.url("/press/")}, feed_extra={"ministry": {"type": "page"}}
        )
        app = open_test_app(config)
        try:
            for label in (f"first poll, {releases} new pages", "same page again (304)", "new bytes, same links"):
                if label.startswith("new bytes"):
                    site.banner = "Updated"
                started = time.perf_counter()
                [result] = poll_feeds(app, list(app.config.feeds), parser=CountingParser()).results
                timings.append(
                    (label, time.perf_counter() - started, f"{result.status}: {result.new} new, {result.seen} seen")
                )
        finally:
            app.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    for round_number in range(1, options.rounds + 1):
        for label, seconds, outcome in one_round(options.releases):
            print(f"round {round_number}  {label:<28} {seconds * 1000:8.1f} ms  ({outcome})")


if __name__ == "__main__":
    main()
