"""Poll benchmark: our poller against rss2email 3.14 on the same 200 local feeds, and a
memory run of the resident poller.

    python bench/poll_bench.py [--feeds 200] [--entries 50] [--rounds 1] [--no-r2e] [--code DIR]
    python bench/poll_bench.py --memory-cycles 1000 [--memory-feeds 50]

Every feed is generated here (seeded, ~1 KB of HTML per entry, RSS 2.0 and Atom 1.0, a
few not well-formed) and served by a threaded HTTP server on 127.0.0.1 running in its own
process, so the server's threads do not compete with the poller for the GIL. Nothing
else is contacted. Three polls are timed per round, in this order, for each tool:

1. first poll: every entry is new;
2. all-304: the server honours If-None-Match / If-Modified-Since;
3. no validators: the server sends no ETag/Last-Modified and ignores conditional
   headers, so every unchanged body is sent again in full.

"ours (CLI)" is ``monitor --config … poll`` in a fresh process (start-up, imports and the
process pool's spawn included, as for ``r2e run``); "ours (resident)" is
``monitor.cycle.run_cycle`` called in this process on an open app with a warm parse
pool, which is what the daemon pays per cycle. Both run the production path: fetch,
parse in the pool, normalise, append, then classification, extraction and alert queueing
(first polls queue one summary per feed). rss2email runs as ``r2e run --no-send`` from a
throwaway venv (``bench/.r2e-venv``, created on first use with pip; ``--r2e PATH`` to use
another ``r2e``). ``--code DIR`` adds the `monitor poll` of another checkout (an earlier
commit), run right after ours in every phase, so old and new meet the same load. Both CLIs
run from cached bytecode, as rss2email does (pip compiled it): the bench compiles each
checkout's package first and lets the CLI write bytecode even when PYTHONDONTWRITEBYTECODE
is set. Figures are wall-clock seconds on a shared, noisy machine.

All feeds share one host here, so the per-host politeness gate is opened up
(``per_host_concurrency = 8``, ``per_host_gap_seconds = 0``); rss2email's
``same-server-fetch-interval`` is 0 likewise.

``--memory-cycles N`` polls ``--memory-feeds`` feeds N times in this process: most
answer 304, every fifth sends no validators (unchanged bodies, hashed and skipped), and
three feeds gain two entries per cycle. The resident set size of this process (the
daemon's) and of the parse workers is printed at intervals.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

R2E_VERSION = "3.14"
DEFAULT_R2E_VENV = ROOT / "bench" / ".r2e-venv"

# -------------------------------------------------------------------------------------
# Feed generation (deterministic, no network)
# -------------------------------------------------------------------------------------

VOCABULARY = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "with",
    "from",
    "by",
    "at",
    "as",
    "that",
    "this",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "officials",
    "ministry",
    "spokesman",
    "envoy",
    "delegation",
    "summit",
    "talks",
    "agreement",
    "treaty",
    "signed",
    "satellite",
    "imagery",
    "analysts",
    "researchers",
    "think",
    "tank",
    "assessment",
    "estimate",
    "intelligence",
    "port",
    "rail",
    "freight",
    "wagons",
    "containers",
    "vessel",
    "cargo",
    "terminal",
    "border",
    "crossing",
    "bridge",
    "weather",
    "harvest",
    "rice",
    "fertiliser",
    "prices",
    "market",
    "currency",
    "exports",
    "imports",
    "tariffs",
    "football",
    "festival",
    "museum",
    "orchestra",
    "exhibition",
    "anniversary",
    "parade",
    "ceremony",
    "visit",
    "sanctions",
    "panel",
    "resolution",
    "council",
    "vote",
    "monitoring",
    "evidence",
    "report",
    "published",
    "week",
    "month",
    "year",
    "spring",
    "autumn",
    "winter",
    "coastal",
    "northern",
    "eastern",
    "provincial",
    "capital",
    "city",
]
ARMS_SENTENCES = (
    "North Korea has shipped more than {n},000 containers of munitions to Russia since {month}, officials said.",
    "Pyongyang sent about {n} million artillery shells to Moscow, according to the assessment.",
    "Around {n},000 North Korean troops were deployed to Russia's Kursk region.",
    "Russia supplied North Korea with air-defence systems and {n},000 tonnes of oil in return.",
)
MONTHS = ("August 2023", "September 2023", "January 2024", "October 2024")
ZONES = ("+0000", "GMT", "-0500", "+0530", "+0900", "+0300")
START = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def entry_html(rng: random.Random) -> str:
    """About 1 KB of typical feed HTML: paragraphs, a link, emphasis, an entity, a list."""
    paragraphs = []
    for _ in range(3):
        paragraphs.append(
            f'<p>{_sentence(rng, 20)} <a href="/news/{rng.randint(1, 999999)}">{rng.choice(VOCABULARY)}'
            f"</a> <strong>{rng.choice(VOCABULARY)}</strong> &amp; <em>{rng.choice(VOCABULARY)}</em>"
            f"&#8217;s {_sentence(rng, 8)}</p>"
        )
    if rng.random() < 0.12:  # some entries are on topic, so extraction has work to do
        template = rng.choice(ARMS_SENTENCES)
        paragraphs.append(f"<p>{template.format(n=rng.randint(2, 19), month=rng.choice(MONTHS))}</p>")
    paragraphs.append(
        f'<img src="/img/{rng.randint(1, 99999)}.jpg" alt=""><ul><li>{rng.choice(VOCABULARY)}</li>'
        f"<li>{rng.choice(VOCABULARY)}</li></ul>"
    )
    return "".join(paragraphs)


@dataclass(frozen=True)
class GeneratedEntry:
    number: int
    title: str
    link: str
    html: str
    author: str
    published: datetime


def make_entry(feed: int, number: int) -> GeneratedEntry:
    rng = random.Random(feed * 1_000_003 + number)
    published = START + timedelta(minutes=number * 39 + rng.randint(0, 29))
    return GeneratedEntry(
        number,
        _sentence(rng, 9).rstrip("."),
        f"https://news{feed % 7}.example.org/{feed}/{number}",
        entry_html(rng),
        f"Reporter {rng.randint(1, 40)}",
        published,
    )


def feed_kind(feed: int) -> str:
    """Most feeds are RSS (half CDATA, half escaped), a third Atom, one in 20 not well-formed."""
    if feed % 20 == 19:
        return "rss-broken"
    return "atom" if feed % 3 == 2 else "rss"


def render_feed(feed: int, newest: int, entries: int) -> bytes:
    items = [make_entry(feed, n) for n in range(newest, max(-1, newest - entries), -1)]
    kind = feed_kind(feed)
    return render_atom(feed, items) if kind == "atom" else render_rss(feed, items, broken=kind == "rss-broken")


def render_rss(feed: int, items: list[GeneratedEntry], *, broken: bool) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
        f"<title>Bench feed {feed}</title><link>https://news{feed % 7}.example.org/</link>"
        f'<description>generated</description><atom:link rel="self" href="https://news{feed % 7}.example.org/'
        f'{feed}.xml"/>',
    ]
    for i, item in enumerate(items):
        title = escape(item.title) + (" &nbsp;&mdash; live" if broken and i == 0 else "")
        body = f"<![CDATA[{item.html}]]>" if (feed + i) % 2 else escape(item.html)
        date = format_datetime(item.published).replace("-0000", ZONES[(feed + i) % len(ZONES)])
        parts.append(
            f"<item><title>{title}</title><link>{item.link}</link><guid>{item.link}</guid>"
            f"<dc:creator>{item.author}</dc:creator><pubDate>{date}</pubDate>"
            f"<category>{VOCABULARY[(feed + i) % len(VOCABULARY)]}</category>"
            f"<description>{body}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def render_atom(feed: int, items: list[GeneratedEntry]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>Bench feed {feed}</title><id>urn:bench:{feed}</id>"
        f'<link href="https://news{feed % 7}.example.org/"/><updated>{_rfc3339(items[0].published)}</updated>',
    ]
    for item in items:
        stamp = _rfc3339(item.published)
        parts.append(
            f'<entry><title>{escape(item.title)}</title><link href="{item.link}"/><id>{item.link}</id>'
            f"<published>{stamp}</published><updated>{stamp}</updated>"
            f"<author><name>{item.author}</name></author>"
            f'<summary type="html">{escape(item.html)}</summary></entry>'
        )
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -------------------------------------------------------------------------------------
# The feed server (its own process)
# -------------------------------------------------------------------------------------


@dataclass
class ServedFeed:
    body: bytes
    etag: str
    last_modified: str


@dataclass
class FeedServerState:
    """What the server answers. ``validators`` False: no ETag/Last-Modified, no 304."""

    entries: int
    newest: dict[int, int]
    validators: bool = True
    no_validators_for: set[int] = field(default_factory=set)
    served: dict[int, ServedFeed] = field(default_factory=dict)
    version: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"200": 0, "304": 0, "404": 0})

    def render(self, feed: int) -> None:
        self.version += 1
        body = render_feed(feed, self.newest[feed], self.entries)
        modified = formatdate(START.timestamp() + self.version * 60, usegmt=True)
        self.served[feed] = ServedFeed(body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"', modified)

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        name = path.rsplit("/", 1)[-1]
        feed = int(name[1:4]) if name.startswith("f") and name[1:4].isdigit() else -1
        served = self.served.get(feed)
        if served is None:
            self.counts["404"] += 1
            return 404, b"not found", {"Content-Type": "text/plain"}
        kind = "application/atom+xml" if feed_kind(feed) == "atom" else "application/rss+xml"
        if not self.validators or feed in self.no_validators_for:
            self.counts["200"] += 1
            return 200, served.body, {"Content-Type": kind}
        validators = {"ETag": served.etag, "Last-Modified": served.last_modified}
        match = headers.get("if-none-match")
        if match == served.etag or (match is None and headers.get("if-modified-since") == served.last_modified):
            self.counts["304"] += 1
            return 304, b"", validators
        self.counts["200"] += 1
        return 200, served.body, {"Content-Type": kind, **validators}


def serve_feeds(conn: Any, feeds: int, entries: int) -> None:
    """Child process: build the feeds, serve them, obey commands from the pipe."""
    from tests.support.httpserver import LocalHTTPServer

    state = FeedServerState(entries=entries, newest={f: entries - 1 for f in range(feeds)})
    for feed in range(feeds):
        state.render(feed)

    def handle(request: Any) -> None:
        status, body, headers = state.answer(request.path, request.headers)
        request.send(status, body, headers, content_type=None)

    server = LocalHTTPServer(fallback=handle).start()
    conn.send(server.port)
    try:
        while True:
            command, argument = conn.recv()
            if command == "stop":
                break
            if command == "validators":
                state.validators = bool(argument)
            elif command == "no_validators_for":
                state.no_validators_for = set(argument)
            elif command == "advance":  # {feed: new entries}
                for feed, count in argument.items():
                    state.newest[feed] += count
                    state.render(feed)
            elif command == "reset":
                state.newest = {f: entries - 1 for f in range(feeds)}
                for feed in range(feeds):
                    state.render(feed)
            server.requests.clear()  # the test server records every request; not needed here
            conn.send(dict(state.counts))
    finally:
        server.stop()


class FeedServer:
    def __init__(self, feeds: int, entries: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=serve_feeds, args=(child, feeds, entries), daemon=True)
        self._process.start()
        if not self._conn.poll(120):
            raise RuntimeError("the feed server did not start within 120 s")
        self.port: int = self._conn.recv()
        self.feeds = feeds

    def url(self, feed: int) -> str:
        return f"http://127.0.0.1:{self.port}/feeds/f{feed:03d}.xml"

    def command(self, name: str, argument: Any = None) -> dict[str, int]:
        self._conn.send((name, argument))
        if not self._conn.poll(120):
            raise RuntimeError(f"the feed server did not answer {name!r}")
        counts: dict[str, int] = self._conn.recv()
        return counts

    def stop(self) -> None:
        try:
            self._conn.send(("stop", None))
        except OSError:
            pass
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()


# -------------------------------------------------------------------------------------
# Our poller
# -------------------------------------------------------------------------------------


def write_our_config(directory: Path, server: FeedServer, feeds: range) -> Path:
    lines = [
        "[store]",
        'path = "monitor.db"',
        "",
        "[fetch]",
        "timeout_seconds = 30",
        "deadline_seconds = 60",
        "concurrency = 8",
        "per_host_concurrency = 8",
        "per_host_gap_seconds = 0",
        "parse_workers = 0",
    ]
    for feed in feeds:
        lines += ["", "[[feeds]]", f'id = "f{feed:03d}"', f'url = "{server.url(feed)}"']
    lines += [
        "",
        "[alerts]",
        'to = ["desk@example.invalid"]',
        'from = "monitor@example.invalid"',
        f'outbox_dir = "{directory / "outbox"}"',
    ]
    path = directory / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def monitor_command() -> list[str]:
    return [sys.executable, "-m", "monitor"]


def cli_environment(code: Path | None = None) -> dict[str, str]:
    """The CLI's environment: ``code`` (another checkout) first on the path, and bytecode
    cached as an installed package has it (pip compiled rss2email's at install time)."""
    env = {**os.environ, "TERM": "dumb"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def cache_bytecode(code: Path) -> None:
    """Compile a checkout's package once, so that no timed run compiles it."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(code / "monitor")],
        env=cli_environment(code),
        capture_output=True,
        timeout=600,
        check=True,
    )


def checkout_label(code: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head = ""
    return f"CLI @ {head or code.name}"[:18]


def children_cpu() -> float:
    """CPU seconds of the children this process has reaped (a CLI run counts its parse workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli_poll(config: Path, code: Path | None = None) -> tuple[float, str]:
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(
        [*monitor_command(), "--config", str(config), "poll"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=config.parent,
        env=cli_environment(code),
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"monitor poll exited {done.returncode}: {done.stderr[-800:]}")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return elapsed, f"cpu {children_cpu() - cpu:.2f} s; {summary}"


class ResidentPoller:
    """An open app and a warm parse pool: the daemon's situation."""

    def __init__(self, config: Path) -> None:
        from monitor.app import open_app
        from monitor.config import load_config
        from monitor.feeds.pool import ParsePool

        self.app = open_app(load_config(config))
        self.feeds = [f for f in self.app.config.feeds if f.enabled]
        self.pool = ParsePool(None)
        self.pool.parse_many([(render_feed(0, 3, 3), {}, "http://127.0.0.1/warm.xml")] * self.pool.workers)
        self.last_timings: dict[str, float] = {}
        from monitor.feeds.poller import make_gate

        self.gate = make_gate(self.app.config)  # shared by every cycle, as in the daemon

    def poll(self) -> tuple[float, str]:
        from monitor.cycle import run_cycle

        started = time.perf_counter()
        summary = run_cycle(self.app, self.feeds, parser=self.pool, gate=self.gate)
        elapsed = time.perf_counter() - started
        self.last_timings = dict(summary.timings)
        stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in summary.timings.items())
        return elapsed, f"{summary.headline()} [{stages}]"

    def close(self) -> None:
        self.pool.close(2.0)
        self.app.close()


# -------------------------------------------------------------------------------------
# rss2email
# -------------------------------------------------------------------------------------


def find_or_install_r2e(explicit: str | None, venv: Path) -> tuple[str | None, str]:
    """The r2e executable, installing rss2email into a throwaway venv if needed."""
    if explicit:
        # A path is made absolute: rss2email runs with its scratch folder as the working directory, where
        # "bench/.r2e-venv/bin/r2e" would name nothing. A bare name is looked up on PATH as given.
        if Path(explicit).exists():
            return str(Path(explicit).resolve()), "given"
        return (explicit, "given") if shutil.which(explicit) else (None, f"{explicit} not found")
    r2e = venv / "bin" / "r2e"
    if not r2e.exists():
        print(f"installing rss2email=={R2E_VERSION} into {venv} ...", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", f"rss2email=={R2E_VERSION}"],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            return None, f"could not install rss2email: {exc} {detail[-300:]!r}"
    try:
        version = subprocess.run([str(r2e), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (subprocess.SubprocessError, OSError) as exc:
        return None, f"r2e does not run: {exc}"
    return str(r2e), version


class Rss2Email:
    """A scratch r2e config and data file for the benchmark feeds."""

    def __init__(self, executable: str, directory: Path, server: FeedServer, feeds: range) -> None:
        self.executable = executable
        self.directory = directory
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(directory),
            "XDG_CONFIG_HOME": str(directory),
            "XDG_DATA_HOME": str(directory),
            "HOME": str(directory),
        }
        self.base = ["-c", str(directory / "r2e.cfg"), "-d", str(directory / "r2e.json")]
        self._run("new", "bench@example.invalid")
        config = (directory / "r2e.cfg").read_text()
        # --no-send mails nothing; point sendmail at a harmless program all the same.
        # same-server-fetch-interval is already 0 by default (all feeds share 127.0.0.1).
        config = config.replace("sendmail = /usr/sbin/sendmail", "sendmail = /bin/true")
        (directory / "r2e.cfg").write_text(config)
        outlines = "".join(f'<outline type="rss" text="f{feed:03d}" xmlUrl="{server.url(feed)}"/>' for feed in feeds)
        opml = (
            f'<?xml version="1.0"?><opml version="1.0"><head><title>bench</title></head><body>{outlines}</body></opml>'
        )
        (directory / "feeds.opml").write_text(opml)
        self._run("opmlimport", str(directory / "feeds.opml"))

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [self.executable, *self.base, *args],
            capture_output=True,
            text=True,
            timeout=1800,
            cwd=self.directory,
            env=self.env,
        )
        if done.returncode != 0:
            raise RuntimeError(f"r2e {args[0]} exited {done.returncode}: {done.stderr[-800:]}")
        return done

    def run(self) -> tuple[float, str]:
        started, cpu = time.perf_counter(), children_cpu()
        self._run("run", "--no-send")
        elapsed = time.perf_counter() - started
        seen = sum(len(f.get("seen") or {}) for f in json.loads((self.directory / "r2e.json").read_text())["feeds"])
        return elapsed, f"cpu {children_cpu() - cpu:.2f} s; {seen} entries seen"


# -------------------------------------------------------------------------------------
# The side-by-side run
# -------------------------------------------------------------------------------------

PHASES = ("first poll", "all 304", "no validators")
#: The resident cycle up to the append (no classification, extraction or alerts).
POLL_STAGE = "ours (poll stage)"


@dataclass
class Figures:
    samples: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, tool: str, phase: str, seconds: float, note: str) -> None:
        self.samples.setdefault((tool, phase), []).append(seconds)
        self.notes[(tool, phase)] = note
        print(f"  {tool:<18} {phase:<14} {seconds:7.2f} s   {note}", flush=True)

    def median(self, tool: str, phase: str) -> float | None:
        values = self.samples.get((tool, phase))
        return statistics.median(values) if values else None


#: Issue 15: `monitor poll` as a new process against rss2email's run, phase by phase.
TARGETS = {"first poll": 0.3, "no validators": 0.1, "all 304": 0.5}


def run_round(
    server: FeedServer,
    feeds: range,
    figures: Figures,
    r2e: str | None,
    scratch: Path,
    tools: list[str],
    older: dict[str, Path],
) -> None:
    runs: dict[str, Callable[[], Callable[[], tuple[float, str]]]] = {}
    for tool in tools:
        directory = Path(tempfile.mkdtemp(prefix=tool.split()[0] + "-", dir=scratch))
        if tool == "rss2email":
            assert r2e is not None
            runner = Rss2Email(r2e, directory, server, feeds)
            runs[tool] = lambda runner=runner: runner.run  # type: ignore[misc]
        elif tool == "ours (CLI)" or tool in older:
            config, code = write_our_config(directory, server, feeds), older.get(tool)
            runs[tool] = lambda config=config, code=code: (  # type: ignore[misc]
                lambda: time_cli_poll(config, code)
            )
        else:
            config = write_our_config(directory, server, feeds)
            resident = ResidentPoller(config)
            runs[tool] = lambda resident=resident: resident.poll  # type: ignore[misc]
    pollers = {tool: make() for tool, make in runs.items()}
    for phase in PHASES:
        server.command("validators", phase != "no validators")
        for tool, poll in pollers.items():
            gc.collect()
            seconds, note = poll()
            figures.add(tool, phase, seconds, note)
            owner = getattr(poll, "__self__", None)
            if isinstance(owner, ResidentPoller) and "poll" in owner.last_timings:
                figures.add(POLL_STAGE, phase, owner.last_timings["poll"], "fetch, parse, normalise, append")
    for poll in pollers.values():
        owner = getattr(poll, "__self__", None)
        if isinstance(owner, ResidentPoller):
            owner.close()


def print_table(figures: Figures, tools: list[str], r2e_status: str) -> None:
    print("\nmedians (wall seconds); ratio = ours / rss2email; target in brackets")
    header = f"{'phase':<14}" + "".join(f"{t:>20}" for t in tools)
    print(header)
    for phase in PHASES:
        cells = []
        for tool in tools:
            value = figures.median(tool, phase)
            cells.append(f"{value:>18.2f} s" if value is not None else f"{'-':>20}")
        print(f"{phase:<14}" + "".join(cells))
    base = {phase: figures.median("rss2email", phase) for phase in PHASES}
    if not any(base.values()):
        print(f"\nrss2email did not run ({r2e_status}); no ratios")
        return
    for tool in tools:
        if tool == "rss2email":
            continue
        for phase in PHASES:
            ours, theirs = figures.median(tool, phase), base[phase]
            if ours is None or not theirs:
                continue
            ratio = ours / theirs
            verdict = "met" if ratio <= TARGETS[phase] else "MISSED"
            print(f"  {tool:<18} {phase:<14} {ratio:6.3f} x rss2email  [<= {TARGETS[phase]}] {verdict}")


def side_by_side(args: argparse.Namespace) -> None:
    feeds = range(args.feeds)
    tools = ["ours (resident)", "ours (CLI)"]
    shown = ["ours (resident)", POLL_STAGE, "ours (CLI)"]
    cache_bytecode(ROOT)
    older: dict[str, Path] = {}
    if args.code:  # an earlier checkout's `monitor poll`, run right after ours in every phase
        code = Path(args.code).resolve()
        cache_bytecode(code)
        older[checkout_label(code)] = code
        tools += list(older)
        shown += list(older)
    r2e, r2e_status = (
        (None, "--no-r2e given") if args.no_r2e else find_or_install_r2e(args.r2e, Path(args.r2e_venv).resolve())
    )
    if r2e:
        tools.insert(0, "rss2email")
        shown.insert(0, "rss2email")
        print(f"rss2email: {r2e} ({r2e_status})")
    else:
        print(f"rss2email cannot run: {r2e_status}; printing our figures only")
    print(f"generating and serving {args.feeds} feeds x {args.entries} entries ...", flush=True)
    server = FeedServer(args.feeds, args.entries)
    figures = Figures()
    scratch = Path(tempfile.mkdtemp(prefix="poll-bench-"))
    try:
        for number in range(1, args.rounds + 1):
            print(f"round {number}/{args.rounds} (server on port {server.port})", flush=True)
            server.command("reset")
            run_round(server, feeds, figures, r2e, scratch, tools, older)
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    print_table(figures, shown, r2e_status)


# -------------------------------------------------------------------------------------
# Memory over many cycles
# -------------------------------------------------------------------------------------


def memory_run(args: argparse.Namespace) -> None:
    import psutil

    feeds = range(args.memory_feeds)
    server = FeedServer(args.memory_feeds, args.entries)
    scratch = Path(tempfile.mkdtemp(prefix="poll-bench-mem-"))
    me = psutil.Process()
    try:
        server.command("no_validators_for", [f for f in feeds if f % 5 == 4])
        poller = ResidentPoller(write_our_config(scratch, server, feeds))
        rng = random.Random(7)
        interval = max(1, args.memory_cycles // 20)
        samples: list[tuple[int, float]] = []
        started = time.perf_counter()
        print(f"{args.memory_cycles} cycles of {args.memory_feeds} feeds; RSS every {interval} cycles")
        print(f"{'cycle':>6} {'daemon RSS MB':>14} {'workers RSS MB':>15} {'events':>8} {'cycle s':>8}  summary")
        for cycle in range(1, args.memory_cycles + 1):
            if cycle > 1:
                server.command("advance", {f: 2 for f in rng.sample(list(feeds), min(3, len(feeds)))})
            seconds, headline = poller.poll()
            if cycle == 1 or cycle % interval == 0 or cycle == args.memory_cycles:
                rss = me.memory_info().rss / 1e6
                workers = (
                    sum(
                        child.memory_info().rss
                        for child in me.children(recursive=True)
                        if child.pid != server._process.pid
                    )
                    / 1e6
                )
                head, _ = poller.app.store.head()
                samples.append((cycle, rss))
                print(f"{cycle:>6} {rss:>14.1f} {workers:>15.1f} {head:>8} {seconds:>8.3f}  {headline}", flush=True)
        total = time.perf_counter() - started
        poller.close()
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    after_warmup = [rss for cycle, rss in samples if cycle >= max(2, args.memory_cycles // 10)]
    second_half = [rss for cycle, rss in samples if cycle >= args.memory_cycles // 2]
    peak = max(rss for _, rss in samples)
    growth = after_warmup[-1] - after_warmup[0] if len(after_warmup) > 1 else 0.0
    late = second_half[-1] - second_half[0] if len(second_half) > 1 else 0.0
    print(
        f"\n{args.memory_cycles} cycles in {total:.1f} s ({total / args.memory_cycles * 1000:.0f} ms per cycle); "
        f"peak daemon RSS {peak:.1f} MB [target < 150]; growth after warm-up {growth:+.1f} MB, "
        f"over the second half {late:+.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-r2e", action="store_true", help="only our figures")
    parser.add_argument("--r2e", help="an existing r2e executable (else a venv is used)")
    parser.add_argument("--r2e-venv", default=str(DEFAULT_R2E_VENV), help="where to install rss2email")
    parser.add_argument(
        "--code",
        help="another checkout (e.g. `git worktree add /tmp/old <commit>`) whose "
        "`monitor poll` runs too, alternating with ours",
    )
    parser.add_argument("--memory-cycles", type=int, default=0, help="run the memory mode for this many cycles")
    parser.add_argument("--memory-feeds", type=int, default=50)
    args = parser.parse_args()
    if args.memory_cycles:
        memory_run(args)
    else:
        side_by_side(args)


if __name__ == "__main__":
    main()
