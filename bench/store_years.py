"""What the store looks like after years of running: size, rebuild, verify, daily commands.

    python bench/store_years.py                         # 100 feeds, 30-min polls, 1 and 3 years
    python bench/store_years.py --years 1 --feeds 200 --interval 15
    python bench/store_years.py --code /tmp/old         # each command timed with this tree and
                                                        # another checkout's, alternately

Every poll of a feed appends a FeedPolled, a 304 too, so a quiet setup writes millions of
events a year. The events are not invented: the script first runs a real ``monitor poll``
(twice) over the demo feeds of examples/ served by an HTTP server on 127.0.0.1, and keeps
what each kind of poll and each new article appended: a 304's FeedPolled, a 200's, a
failure's FeedFailed, an article's ArticleDiscovered and ArticleClassified, a relevant one's
ClaimsExtracted and ClaimsDiffed, and an alert's AlertQueued, AlertAttempted and AlertSent.
The years are those events again with fresh ids and moments, appended with the store's own
API in the daemon's batches (one per feed and poll), ``--articles-per-day`` new articles at
random polls, a share ``--relevant`` of them relevant, and alerts in the share the demo
poll queued them for relevant articles. The store built for the first period is extended
for the next, so ``--years 1 3`` builds three years once.

It prints, per period: events by type, bytes per event by type (as stored: the row's
columns; and on disk, the file over the events), the file's size, and the wall time of
``monitor rebuild``, ``monitor verify`` and the commands an operator types daily, each run
as a fresh ``python -m monitor`` process on the file, as the operator would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import events as ev  # noqa: E402
from monitor.store import NewEvent, SQLiteEventStore  # noqa: E402
from tests.support.httpserver import LocalHTTPServer, Request  # noqa: E402

DEMO_FEEDS = ("harbour-wire.xml", "eastern-desk.atom", "frontline-notes.xml")
#: Entries a real feed shows (the demo's show five): a 200's FeedPolled lists each one's key.
ENTRIES_SHOWN = 30
#: The share of polls that fail (a timeout, a 5xx): a FeedFailed instead of a FeedPolled.
FAILURE_SHARE = 0.01
START = datetime(2027, 1, 1, tzinfo=UTC)


def python_for(tree: Path) -> tuple[list[str], dict[str, str]]:
    """How to run ``python -m monitor`` from ``tree``'s code (this venv's packages)."""
    return [sys.executable, "-m", "monitor"], {**os.environ, "PYTHONPATH": str(tree)}


# -- what a real poll appends ---------------------------------------------------------


def capture_templates(work: Path) -> dict[str, Any]:
    """Run ``monitor poll`` twice over the demo feeds on 127.0.0.1 (plus one feed answering
    500) and sort what it appended into per-poll and per-article templates."""
    server = LocalHTTPServer(directory=ROOT / "examples" / "feeds").start()

    @server.route("/broken.xml")
    def broken(req: Request) -> None:
        req.send(500, b"internal error", {})

    try:
        config = (ROOT / "examples" / "demo.toml").read_text()
        for name in DEMO_FEEDS:
            config = config.replace(f'"feeds/{name}"', f'"{server.url("/" + name)}"')
        config = config.replace('"demo-data/', '"')
        config += f'\n[[feeds]]\nid = "broken"\nurl = "{server.url("/broken.xml")}"\noutlet = "Broken"\n'
        (work / "demo.toml").write_text(config)
        command, env = python_for(ROOT)
        for _ in range(2):  # the first poll finds the articles, the second gets 304s
            subprocess.run(
                [*command, "--config", str(work / "demo.toml"), "poll"], env=env, capture_output=True, timeout=300
            )
    finally:
        server.stop()
    with SQLiteEventStore(work / "monitor.db", create=False, read_only=True) as store:
        stored = list(store.read_all())
    polls_304 = [e for e in stored if e.type == ev.FEED_POLLED and e.data.get("not_modified")]
    polls_200 = [e for e in stored if e.type == ev.FEED_POLLED and e.data.get("entry_keys")]
    failures = [e for e in stored if e.type == ev.FEED_FAILED]
    by_article: dict[str, list[Any]] = defaultdict(list)
    alert_of: dict[str, str] = {}
    for e in stored:
        if e.stream.startswith("article:"):
            by_article[e.data["article_id"]].append(e)
        elif e.type == ev.ALERT_QUEUED and e.data.get("article_id"):
            alert_of[e.stream] = e.data["article_id"]
    for e in stored:
        if e.stream in alert_of:
            by_article[alert_of[e.stream]].append(e)
    relevant = [group for group in by_article.values() if any(e.type == ev.CLAIMS_EXTRACTED for e in group)]
    irrelevant = [group for group in by_article.values() if group not in relevant]
    alerted = sum(1 for group in relevant if any(e.type == ev.ALERT_QUEUED for e in group))
    if not (polls_304 and polls_200 and failures and relevant and irrelevant):
        raise SystemExit(f"the demo poll did not append every kind of event: {Counter(e.type for e in stored)}")
    return {
        "poll_304": polls_304[0],
        "poll_200": polls_200[0],
        "failure": failures[-1],
        "relevant": relevant,
        "irrelevant": irrelevant,
        "alert_share": alerted / len(relevant),
    }


# -- years of it ---------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    return ev.timestamp(moment)


def _renamed(template: Any, old_ids: list[str], rng: random.Random) -> list[NewEvent]:
    """An article's events again, under fresh article (and alert) ids."""
    replace = {old: f"{rng.getrandbits(128):032x}" for old in old_ids}
    made = []
    for e in template:
        text = json.dumps([e.stream, e.data, e.metadata])
        for old, new in replace.items():
            text = text.replace(old, new)
        stream, data, metadata = json.loads(text)
        made.append(NewEvent(stream, e.type, data, metadata, event_id=str(uuid.UUID(int=rng.getrandbits(128)))))
    return made


def _alert_ids(group: list[Any]) -> list[str]:
    return [e.stream.split(":", 1)[1] for e in group if e.type == ev.ALERT_QUEUED]


class Setup:
    """A daemon's years, poll cycle by poll cycle."""

    def __init__(self, templates: dict[str, Any], feeds: int, interval: int, per_day: int, relevant: float):
        self.t, self.feeds, self.interval, self.per_day, self.relevant = templates, feeds, interval, per_day, relevant
        self.rng = random.Random(17)
        self.etags = {f"feed-{n:03d}": f'"{n:08x}"' for n in range(feeds)}

    def feed_ids(self) -> list[str]:
        return list(self.etags)

    def cycles(self, days: int, first_day: int) -> Any:
        """Batches, one per feed and poll: [FeedPolled] or [FeedFailed], or a 200 with its new articles."""
        per_day = 24 * 60 // self.interval
        rng = self.rng
        for day in range(first_day, first_day + days):
            news = Counter(rng.randrange(per_day * self.feeds) for _ in range(self.per_day))
            for slot in range(per_day):
                moment = START + timedelta(days=day, minutes=slot * self.interval)
                for n, feed in enumerate(self.etags):
                    new = news.get(slot * self.feeds + n, 0)
                    if new:
                        yield self._found(feed, moment, new)
                    elif rng.random() < FAILURE_SHARE:
                        yield [self._poll(self.t["failure"], feed, moment, failed_at=_stamp(moment))]
                    else:
                        yield [self._poll(self.t["poll_304"], feed, moment, etag=self.etags[feed])]

    def _poll(self, template: Any, feed: str, moment: datetime, **changes: Any) -> NewEvent:
        """The template's event for ``feed`` at ``moment``: only the fields the template has are
        set, so a poll the code records without its URL or validators stays without them."""
        fields = {
            "feed_id": feed,
            "url": f"https://{feed}.example.org/rss.xml",
            "next_poll_at": _stamp(moment + timedelta(minutes=self.interval)),
            "polled_at": _stamp(moment),
            **changes,
        }
        data = {**template.data, **{k: v for k, v in fields.items() if k in template.data}}
        return NewEvent(ev.feed_stream(feed), template.type, data, template.metadata)

    def _found(self, feed: str, moment: datetime, new: int) -> list[NewEvent]:
        rng = self.rng
        batch: list[NewEvent] = []
        keys = []
        for _ in range(new):
            relevant = rng.random() < self.relevant
            group = rng.choice(self.t["relevant"] if relevant else self.t["irrelevant"])
            if relevant and rng.random() >= self.t["alert_share"]:
                group = [e for e in group if not e.stream.startswith("alert:")]
            article = group[0].data["article_id"]
            events = _renamed(group, [article, *_alert_ids(group)], rng)
            for e in events:
                if "feed_id" in e.data:
                    e.data["feed_id"] = feed
            batch += events
            keys.append(f"{events[0].data['article_id']}:{rng.getrandbits(128):032x}")
        keys += [f"{rng.getrandbits(128):032x}:{rng.getrandbits(128):032x}" for _ in range(ENTRIES_SHOWN - len(keys))]
        self.etags[feed] = f'"{rng.getrandbits(64):016x}"'
        polled = self._poll(
            self.t["poll_200"],
            feed,
            moment,
            etag=self.etags[feed],
            entry_keys=keys,
            entries=len(keys),
            new=new,
            body_sha256=f"{rng.getrandbits(256):064x}",
        )
        return [*batch, polled]


def extend(path: Path, setup: Setup, days: int, first_day: int) -> int:
    appended = 0
    with SQLiteEventStore(path, relaxed_types=ev.RELEARNABLE_TYPES) as store, store.bulk_writes():
        pending: list[NewEvent] = []
        for batch in setup.cycles(days, first_day):
            pending += batch
            if len(pending) >= setup.feeds:  # about one cycle's worth per commit, as polls land together
                store.append(pending)
                appended += len(pending)
                pending = []
        if pending:
            store.append(pending)
            appended += len(pending)
    return appended


# -- what it costs ---------------------------------------------------------------------


def composition(path: Path) -> None:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT type, COUNT(*), AVG(length(data)), AVG(length(metadata) + length(event_id) + length(stream) "
        "+ length(recorded_at) + length(prev_hash) + length(hash) + 16) FROM events GROUP BY type ORDER BY 2 DESC"
    ).fetchall()
    total = sum(r[1] for r in rows)
    size = path.stat().st_size
    print(f"  {'type':<18} {'events':>10} {'share':>7} {'data B':>8} {'row B':>7}")
    for event_type, count, data, rest in rows:
        print(f"  {event_type:<18} {count:>10,} {count / total:>7.1%} {data:>8,.0f} {data + rest:>7,.0f}")
    stored = sum(r[1] * (r[2] + r[3]) for r in rows)
    print(
        f"  all {total:,} events: {stored / total:,.0f} B of columns per event; file {size / 1e6:,.0f} MB "
        f"= {size / total:,.0f} B per event on disk (rows, indexes, projection tables)"
    )
    sizes = dict(
        conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master "
            "WHERE tbl_name = 'events') OR name = 'events' GROUP BY name"
        ).fetchall()
    )
    if sizes:
        print("  the log's pages: " + ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in sorted(sizes.items())))
    conn.close()


def commands(feed: str, head: int) -> list[tuple[str, list[str]]]:
    return [
        ("feeds list", ["feeds", "list"]),
        ("alerts", ["alerts"]),
        ("articles", ["articles"]),
        ("claims", ["claims"]),
        ("events --type AlertFailed", ["events", "--type", "AlertFailed"]),
        ("events --type AlertSent --limit 20", ["events", "--type", "AlertSent", "--limit", "20"]),
        (f"events --stream feed:{feed} --limit 20", ["events", "--stream", f"feed:{feed}", "--limit", "20"]),
        (f"events --after {head - 100}", ["events", "--after", str(head - 100)]),
        ("report", ["report", "--out", "report.html"]),
    ]


def timed(tree: Path, work: Path, config: Path, db: Path, args: list[str], timeout: float = 3600) -> tuple[float, int]:
    command, env = python_for(tree)
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--config", str(config), "--db", str(db), *args],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
    )
    return time.perf_counter() - started, done.returncode


def measure(trees: list[Path], work: Path, config: Path, db: Path, feed: str) -> None:
    """Each command with each tree's code, alternately; a tree other than this one works on a
    copy of the file, so that projections of another version are not rebuilt at every switch."""
    head = sqlite3.connect(db).execute("SELECT MAX(position) FROM events").fetchone()[0]
    copies = {ROOT: db}
    for n, tree in enumerate(trees[1:]):
        copies[tree] = db.with_name(f"other-{n}.db")
        shutil.copyfile(db, copies[tree])
    for tree, path in copies.items():  # what a release builds at its first writable open is not a command's time
        command = [
            sys.executable,
            "-c",
            f"from monitor.store import SQLiteEventStore; SQLiteEventStore({str(path)!r}).close()",
        ]
        started = time.perf_counter()
        subprocess.run(command, env=python_for(tree)[1], check=True, timeout=3600)
        first_open = time.perf_counter() - started
        print(f"  first writable open{'' if tree == ROOT else f' [{tree}]'}: {first_open:.2f} s")
    cases = [("rebuild", ["rebuild"]), ("verify", ["verify"]), *commands(feed, head)]
    for label, args in cases:
        results = []
        for tree in trees:
            seconds, status = timed(tree, work, config, copies[tree], args)
            results.append(
                f"{seconds:.2f} s" + (f" (exit {status})" if status else "") + ("" if tree == ROOT else f" [{tree}]")
            )
        print(f"  monitor {label:<40} {' | '.join(results)}")


def daily_check(work: Path, config: Path, db: Path, setup: Setup, done_days: int) -> int:
    """`monitor verify --checkpoint FILE` as a nightly cron job runs it: the first run walks the whole
    chain and records the head, the next one (a day of polls later) only that day. Returns the
    days appended (0 with code that has no --checkpoint)."""
    record = work / "verified.anchor"
    record.unlink(missing_ok=True)
    seconds, status = timed(ROOT, work, config, db, ["verify", "--checkpoint", str(record)])
    if status == 2:  # an option this code does not have
        return 0
    appended = extend(db, setup, 1, done_days)
    again, status = timed(ROOT, work, config, db, ["verify", "--checkpoint", str(record)])
    print(
        f"  monitor verify --checkpoint FILE: {seconds:.2f} s with no record yet (the whole chain), then "
        f"{again:.2f} s a day later ({appended:,} events appended){f' (exit {status})' if status else ''}"
    )
    return 1


def write_config(work: Path, feeds: list[str], interval: int) -> Path:
    lines = ["[store]", 'path = "monitor.db"', "", "[schedule]", f"interval_minutes = {interval}", ""]
    for feed in feeds:
        lines += [
            "[[feeds]]",
            f'id = "{feed}"',
            f'url = "https://{feed}.example.org/rss.xml"',
            f'outlet = "{feed}"',
            "",
        ]
    path = work / "config.toml"
    path.write_text("\n".join(lines))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 3], help="periods to measure, increasing")
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--interval", type=int, default=30, help="minutes between polls of a feed")
    parser.add_argument("--articles-per-day", type=int, default=50)
    parser.add_argument("--relevant", type=float, default=0.2, help="share of new articles that are relevant")
    parser.add_argument("--code", type=Path, help="another checkout: every command also timed with its code")
    parser.add_argument("--keep", type=Path, help="build the stores in this folder and keep them")
    parser.add_argument(
        "--skip-fill",
        action="store_true",
        help="measure the store an earlier run left in --keep (one period, as it is)",
    )
    args = parser.parse_args()
    trees = [ROOT] + ([args.code.resolve()] if args.code else [])
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        (work / "demo").mkdir(exist_ok=True)
        templates = capture_templates(work / "demo")
        print(
            f"from a real poll of the demo feeds: a 304's FeedPolled {len(json.dumps(templates['poll_304'].data))} B "
            f"of data, a relevant article's events {len(templates['relevant'][0])}, alerts for "
            f"{templates['alert_share']:.0%} of relevant articles"
        )
        setup = Setup(templates, args.feeds, args.interval, args.articles_per_day, args.relevant)
        config = write_config(work, setup.feed_ids(), args.interval)
        db = work / "years.db"
        done_days = 0
        for years in args.years:
            days = round(years * 365) - done_days
            started = time.perf_counter()
            appended = 0 if args.skip_fill else extend(db, setup, days, done_days)
            done_days += days
            print(
                f"\n{years:g} year(s): {args.feeds} feeds polled every {args.interval} min, "
                f"{args.articles_per_day} new articles a day ({args.relevant:.0%} relevant); "
                f"appended {appended:,} events in {time.perf_counter() - started:.0f} s"
            )
            measure(trees, work, config, db, setup.feed_ids()[0])
            composition(db)
            done_days += daily_check(work, config, db, setup, done_days)
        for tree in trees[1:]:
            db.with_name(f"other-{trees.index(tree) - 1}.db").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
