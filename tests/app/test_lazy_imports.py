"""`monitor poll` of feeds with nothing new imports only what a poll needs.

Most polls bring nothing: every feed answers 304, or sends the body it sent last time.
Such a poll is a new process each time when run from cron, so whatever it imports is paid
on every run: the claims engine alone compiles hundreds of patterns (0.3 s of CPU), and
sqlite_utils pulls in numpy. The poll runs here as a user runs it, `python -m monitor
--config … poll`, with ``-X importtime`` listing every module the process imported.

A first poll does parse and analyse, but in the parse workers: its own process imports
neither the feed parser nor the claims engine (it unpickles the workers' results and
records them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.httpserver import LocalHTTPServer, Request
from tests.support.poll_support import Item, items, rss, write_config

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[2]

#: Packages a poll with nothing new must not import (each entry and its submodules).
NOT_FOR_A_PLAIN_POLL = (
    "matplotlib",
    "trafilatura",
    "jinja2",
    "lxml",
    "feedparser",
    "sqlite_utils",
    "numpy",
    "rich",
    "pygments",
    "apscheduler",
    "monitor.report",
    "monitor.feeds.parse",
    "monitor.cli.queries",
    "multiprocessing",  # the parse pool's processes start with the first parse
    "concurrent.futures.process",
    "httpx",  # no longer the HTTP client; nothing may bring it back by the way
    "httpcore",
    "h11",
    "anyio",
    "certifi",  # the CA bundle: for https feeds only, read at the first handshake
    "idna",  # host names outside ASCII only
    "stringprep",  # the stdlib idna codec's table: an ASCII host goes to getaddrinfo as bytes
    "urllib.request",  # file URLs and proxy settings only (the poll below runs with no *_proxy set)
)
#: What a poll whose feeds all answer 304 leaves alone besides: it reads no entry and, with every
#: queued alert over the hourly cap, sends and composes no message (docs/benchmarks.md, "all 304").
NOT_WHEN_EVERY_FEED_ANSWERS_304 = (
    "monitor.feeds.entries",  # the entry normaliser
    "html.parser",
    "difflib",
    "monitor.alerts.deliver",  # the delivery edge
    "smtplib",
    "tempfile",
    "monitor.alerts.compose",  # the message composer
    "email.policy",
    "email.headerregistry",
)
#: The claims engine: only the ledger arithmetic is needed (the projections use it).
CLAIMS_ALLOWED = frozenset({"monitor.claims", "monitor.claims.ledger"})


def imported_modules(stderr: str) -> set[str]:
    """Every module named by ``-X importtime`` (one line per import: ``… | cumulative |   name``)."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "|" in line and "imported package" not in line
    }


def poll(config: Path, *, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items() if not name.lower().endswith("_proxy")}
    env = {**environment, "PYTHONPATH": str(ROOT), "TERM": "dumb"}  # no proxy: the feeds are on loopback
    env.pop("MONITOR_CONFIG", None)
    flags = ["-X", "importtime"] if importtime else []
    done = subprocess.run(
        [sys.executable, *flags, "-m", "monitor", "--config", str(config), "poll"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def heavy(modules: set[str], not_wanted: tuple[str, ...] = NOT_FOR_A_PLAIN_POLL) -> list[str]:
    found = [m for m in modules if any(m == p or m.startswith(p + ".") for p in not_wanted)]
    found += [m for m in modules if m.startswith("monitor.claims") and m not in CLAIMS_ALLOWED]
    return sorted(found)


@pytest.fixture
def server():
    body = rss(items("quiet", 5))

    def with_validators(request: Request) -> None:
        if request.headers.get("if-none-match") == '"v1"':
            request.send(304, b"", {"ETag": '"v1"'})
        else:
            request.send(200, body, {"ETag": '"v1"'})

    def without_validators(request: Request) -> None:
        request.send(200, body)  # the same bytes every time, no ETag, no Last-Modified

    local = LocalHTTPServer().start()
    local.route("/etag.xml")(with_validators)
    local.route("/plain.xml")(without_validators)
    yield local
    local.stop()


def test_a_poll_with_nothing_new_imports_no_heavy_module(tmp_path: Path, server: LocalHTTPServer) -> None:
    config = write_config(tmp_path, {"etag": server.url("/etag.xml"), "plain": server.url("/plain.xml")})
    poll(config)  # the first poll creates the database and classifies the 10 articles
    done = poll(config, importtime=True)
    assert "2 feeds polled: 0 new articles, 0 failed" in done.stdout
    modules = imported_modules(done.stderr)
    assert {"monitor.cycle", "monitor.feeds.fetch", "monitor.feeds.httpclient", "http.client"} <= modules  # real
    assert heavy(modules) == []
    statuses = [request.headers.get("if-none-match") for request in server.requests if request.path == "/etag.xml"]
    assert statuses[-1] == '"v1"'  # the second poll was a conditional GET (answered 304)


def test_a_poll_whose_feeds_all_answer_304_loads_no_normaliser_and_no_mail_code(
    tmp_path: Path, server: LocalHTTPServer
) -> None:
    """The bench's all-304 poll: every feed unchanged, one first-poll summary still queued over the cap."""
    other = rss(items("other", 3))

    def other_with_validators(request: Request) -> None:
        if request.headers.get("if-modified-since") == "Sun, 06 Dec 2026 08:00:00 GMT":
            request.send(304, b"")
        else:
            request.send(200, other, {"Last-Modified": "Sun, 06 Dec 2026 08:00:00 GMT"})

    server.route("/other.xml")(other_with_validators)
    config = write_config(tmp_path, {"etag": server.url("/etag.xml"), "other": server.url("/other.xml")})
    config.write_text(config.read_text().replace("[alerts]\n", "[alerts]\nmax_per_hour = 1\n"))
    first = poll(config)  # two first-poll summaries: one goes to the outbox, one waits for the next hour
    assert "1 deferred by the hourly cap" in first.stdout, first.stdout
    done = poll(config, importtime=True)
    assert "2 feeds polled: 0 new articles, 0 failed" in done.stdout
    assert "0 sent, 0 failed, 1 deferred by the hourly cap" in done.stdout  # the sender read the queue
    modules = imported_modules(done.stderr)
    assert {"monitor.feeds.poller", "monitor.alerts.sender", "monitor.alerts.queue"} <= modules  # the listing is real
    assert heavy(modules) == []
    assert heavy(modules, NOT_WHEN_EVERY_FEED_ANSWERS_304) == []
    answered = [(r.path, r.headers.get("if-none-match") or r.headers.get("if-modified-since")) for r in server.requests]
    assert answered[-2:] and all(validator for _, validator in answered[-2:])  # both conditional: both 304


def test_the_check_sees_a_heavy_import(tmp_path: Path) -> None:
    """The same listing, from a process that does import the extractor, names it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import monitor.claims.analysis"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "monitor.claims.analysis" in heavy(imported_modules(done.stderr))


#: What a first poll's own process may load of the claims package: the ledger, the story
#: signatures' similarity and the baseline's data. The analysis runs in the parse workers.
FIRST_POLL_CLAIMS_ALLOWED = CLAIMS_ALLOWED | {
    "monitor.claims.stories",
    "monitor.claims.baseline",
    "monitor.claims.diff",
    "monitor.claims.textclean",
    "monitor.claims.casefold",  # the cleaner's lowercase reading of a date line; no tables
}
#: Records the modules the `monitor` process itself imported, at its exit (the parse workers
#: are other processes, so ``-X importtime``, which they inherit, would mix their imports in).
MODULES_AT_EXIT = (
    "import atexit, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "atexit.register(lambda: open(out, 'w').write('\\n'.join(sorted(sys.modules))))\n"
    "sys.argv[0] = 'monitor'\n"
    "runpy.run_module('monitor', run_name='__main__', alter_sys=True)\n"
)


def test_a_first_poll_leaves_the_parser_and_the_claims_engine_to_the_parse_workers(
    tmp_path: Path, server: LocalHTTPServer
) -> None:
    on_topic = Item(
        "shells-1",
        "Shells shipped",
        "<p>North Korea has shipped more than 5,000 containers of munitions to Russia since August 2023, "
        "officials said.</p>",
    )
    body = rss([on_topic, *items("quiet", 4)])
    server.route("/new.xml")(lambda request: request.send(200, body))
    config = write_config(tmp_path, {"new": server.url("/new.xml"), "plain": server.url("/plain.xml")})
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "dumb"}
    env.pop("MONITOR_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AT_EXIT, str(listing), "--config", str(config), "poll"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 feeds polled: 10 new articles, 0 failed" in done.stdout
    modules = set(listing.read_text().split())
    assert {"monitor.cycle", "monitor.pipeline", "monitor.feeds.parsed"} <= modules  # the listing is real
    assert not [m for m in modules if m.split(".")[0] in ("feedparser", "lxml") or m == "monitor.feeds.parse"]
    assert sorted(m for m in modules if m.startswith("monitor.claims") and m not in FIRST_POLL_CLAIMS_ALLOWED) == []
