"""The `monitor` command line. Each command is a thin shell over one library function.

Exit status: 0 success, 1 a check failed (verify), 2 bad usage, bad config or unreadable
input, always with one clear line on stderr.

Commands import the modules they use inside their function: `monitor --help` and the quick
read commands should not pay for loading the fetcher, the scheduler or the claims engine
(about a second between them).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from monitor import __version__
from monitor.cli.output import (
    EXIT_CHECK_FAILED,
    EXIT_USAGE,
    fail,
    on_terminal,
    print_json,
    print_json_array,
    print_table,
)
from monitor.config import Config, ConfigError, load_config
from monitor.errors import MonitorError


class Context:
    def __init__(self, config_path: str | None, db: str | None):
        self.config_path = config_path
        self.db = db
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def open(self, *, create: bool = True, read_only: bool = False, catch_up: bool = True):
        """The app on the configured database. Only `poll`, `run` and `baseline set` create
        one; the read commands open it read-only and say here what they cannot show."""
        from monitor.app import open_app

        app = open_app(self.config, self.db, create=create and not read_only, read_only=read_only, catch_up=catch_up)
        for note in app.notes:
            click.echo(f"monitor: note: {note}", err=True)
        return app


class ReaderGone(Exception):
    """Whoever read stdout went away (`monitor events | head`): what they read is all they wanted.

    ``status`` is the command's verdict when it had one before the reader left (:func:`verdict`): a damaged
    log is still a failure under `monitor verify | head`, whatever the reader took of the listing."""

    def __init__(self, status: int = 0) -> None:
        super().__init__(status)
        self.status = status


VERDICT = "monitor.verdict"  # the click context's meta key :func:`verdict` sets


def verdict(status: int) -> None:
    """Name this command's exit status before it prints what it found, so a reader that stops early
    cannot turn a found problem into success."""
    click.get_current_context().meta[VERDICT] = status


class Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Not an OSError once past here: click's main turns a broken pipe into exit status 1, which
            # means "a check found a problem", before :func:`main` could make it the success it is.
            raise ReaderGone(ctx.meta.get(VERDICT, 0)) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="MONITOR_CONFIG",
    type=click.Path(dir_okay=False),
    help="config file (default ./config.toml, or $MONITOR_CONFIG)",
)
@click.option("--db", type=click.Path(dir_okay=False), help="database file; overrides [store] path")
@click.version_option(__version__, prog_name="nkru-monitor")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db: str | None) -> None:
    """Event-sourced news monitor for North Korea-Russia arms transfers."""
    ctx.obj = Context(config_path, db)


# -- the log ----------------------------------------------------------------------


#: Rows of `monitor events` a terminal shows without --limit (a pipe gets them all, as they come).
EVENTS_ON_A_TERMINAL = 1000


@cli.command()
@click.option("--type", "types", multiple=True, help="only events of this type (repeatable)")
@click.option("--stream", help="only this stream, e.g. feed:yonhap-nk")
@click.option("--after", type=int, default=0, show_default=True, help="from global position N (exclusive)")
@click.option(
    "--since",
    metavar="WHEN",
    help="only events recorded at or after WHEN: a date or time (2026-10-01, 2026-10-01T08:00Z), or 30m, 6h, 7d ago",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="at most N events")
@click.option("--json", "as_json", is_flag=True, help="one JSON array on stdout")
@click.pass_obj
def events(
    obj: Context,
    types: tuple[str, ...],
    stream: str | None,
    after: int,
    since: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Print the log, oldest first (a terminal shows the first 1,000 unless --limit says)."""
    from monitor.store import position_before

    _note_unknown_types(types)
    recorded_from = _moment(since, "--since") if since else None
    with obj.open(read_only=True, catch_up=False) as app:
        if recorded_from is not None:
            after = max(after, position_before(app.store, recorded_from))
        if stream:
            found: Iterable = (
                e for e in app.store.read_stream(stream) if e.position > after and (not types or e.type in types)
            )
        else:
            found = app.store.read_all(after=after, types=list(types) or None, limit=limit)
        if recorded_from is not None:  # past the start found above, in case the clock ever stepped back
            found = (e for e in found if e.recorded_at >= recorded_from)
        if limit is not None:
            found = itertools.islice(found, limit)
        if as_json:
            print_json_array(e.to_dict() for e in found)
            return
        if limit is None and on_terminal():
            # A rich table is built whole before it is drawn, and a screen of a million rows reads as nothing.
            shown = list(itertools.islice(found, EVENTS_ON_A_TERMINAL + 1))
            if len(shown) > EVENTS_ON_A_TERMINAL:
                shown.pop()
                click.echo(
                    f"monitor: note: the first {EVENTS_ON_A_TERMINAL} events are shown; `--after {shown[-1].position}`"
                    " goes on from there, `--limit N` shows more, and a pipe gets every one",
                    err=True,
                )
            found = iter(shown)
        print_table(
            "events",
            ["position", "recorded_at", "stream", "version", "type", "data"],
            (
                [e.position, e.recorded_at, e.stream, e.version, e.type, _short(json.dumps(e.data, ensure_ascii=False))]
                for e in found
            ),
            empty="no events",
        )


def _moment(value: str, option: str) -> str:
    """``value`` as the store writes ``recorded_at`` (UTC, microseconds, Z): an ISO date or time
    (UTC when it names no zone), or a span back from now (30m, 6h, 7d)."""
    from datetime import UTC, datetime, timedelta

    from monitor.events import parse_timestamp

    relative = re.fullmatch(r"(\d{1,6})([mhd])", value.strip())
    if relative:
        unit = {"m": "minutes", "h": "hours", "d": "days"}[relative.group(2)]
        moment = datetime.now(UTC) - timedelta(**{unit: int(relative.group(1))})
    else:
        found = parse_timestamp(value.strip())
        if found is None:
            fail(f"{option} {value!r} is not a date or time (2026-10-01, 2026-10-01T08:00Z) or a span (30m, 6h, 7d)")
        moment = found
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _note_unknown_types(types: Iterable[str]) -> None:
    """A type this release does not write may still be in an old log, so it is not refused,
    but a misspelt one would otherwise read as "no events" of a type that has some."""
    import difflib

    from monitor.events import ALL_TYPES

    for name in types:
        if name not in ALL_TYPES:
            close = difflib.get_close_matches(name, ALL_TYPES, n=1)
            hint = f"did you mean {close[0]}?" if close else "`monitor events --json` shows the types in the log"
            click.echo(f"monitor: note: {name!r} is not an event type this release writes; {hint}", err=True)


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@click.option(
    "--expect",
    metavar="POSITION:HASH",
    help="an anchor printed earlier (alert footer, report, verify): the log must still hold it",
)
@click.option(
    "--checkpoint",
    "checkpoint_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="walk only the events after the head recorded in FILE by the last check that passed "
    "(the whole chain when FILE does not exist yet), then record the new head there",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify(obj: Context, expect: str | None, checkpoint_file: str | None, as_json: bool) -> None:
    """Walk the hash chain and check the append-only guards. Exit 1 on the first problem."""
    from monitor.app import format_anchor, parse_anchor

    anchor = parse_anchor(expect) if expect is not None else None
    since = _recorded_head(checkpoint_file) if checkpoint_file is not None else None
    with obj.open(read_only=True, catch_up=False) as app:
        result = app.verify(anchor, since)
    verdict(0 if result.ok else EXIT_CHECK_FAILED)
    if checkpoint_file is not None and result.ok:
        _record_head(checkpoint_file, format_anchor(result.head_position, result.head_hash))
    if as_json:
        print_json(
            {
                "ok": result.ok,
                "checked": result.checked,
                "since": format_anchor(*since) if since is not None else None,
                "head_position": result.head_position,
                "head_hash": result.head_hash,
                "anchor": format_anchor(result.head_position, result.head_hash),
                "first_bad_position": result.first_bad_position,
                "problems": list(result.problems),
            }
        )
    elif result.ok:
        checked_anchor = f"; anchor {expect.strip()} matches" if expect else ""
        what = f"{result.checked} events" if since is None else f"{result.checked} events after position {since[0]}"
        click.echo(
            f"ok: {what}, chain intact, append-only guards in place{checked_anchor}; "
            f"head {format_anchor(result.head_position, result.head_hash)}"
        )
    else:
        for problem in result.problems:
            click.echo(f"FAILED: {problem}", err=True)
        if result.first_bad_position is not None:
            click.echo(f"first broken position: {result.first_bad_position}")
    if not result.ok:
        sys.exit(EXIT_CHECK_FAILED)


def _recorded_head(path: str) -> tuple[int, str] | None:
    """The anchor ``verify --checkpoint`` recorded in ``path``; None before the first check."""
    from monitor.app import parse_anchor

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--checkpoint {path}: cannot read it ({exc})", EXIT_USAGE)
    return parse_anchor(text.strip(), f"--checkpoint {path}:")


def _record_head(path: str, anchor: str) -> None:
    """Write the head that passed, through a temporary file and a rename: never half an anchor."""
    target = Path(path)
    scratch = target.with_name(f".{target.name}.tmp")
    try:
        scratch.write_text(anchor + "\n", encoding="utf-8")
        scratch.replace(target)
    except OSError as exc:
        fail(f"--checkpoint {path}: the check passed, but its head cannot be recorded there ({exc})", EXIT_USAGE)


@cli.command()
@click.pass_obj
def rebuild(obj: Context) -> None:
    """Drop and regenerate every projection (and view) from the log."""
    from monitor.cli.progress import progress_bar

    # No catch-up first: a rebuild replaces the tables anyway, and it is how a truncated log is accepted.
    with obj.open(create=False, catch_up=False) as app:
        with progress_bar("rebuilding projections") as update:
            applied = app.projections.rebuild(update)
        head, head_hash = app.store.head()
    click.echo(f"rebuilt {len(app.projections.projections)} projections from {applied} events (head {head})")


@cli.command()
@click.option("--to", "url", required=True, metavar="URL", help="postgresql://user@host:port/dbname, an empty database")
@click.option(
    "--password-env",
    metavar="NAME",
    help="environment variable holding the password (otherwise libpq's PGPASSWORD or ~/.pgpass)",
)
@click.pass_obj
def migrate(obj: Context, url: str, password_env: str | None) -> None:
    """Copy the SQLite log into an empty PostgreSQL store, event for event, verified at both ends."""
    import os

    from monitor.app import resolve_db_path
    from monitor.cli.progress import progress_bar
    from monitor.config import env_name_refusal
    from monitor.store import SQLiteEventStore, open_shared_log
    from monitor.store.migrate import migrate as copy_log

    refusal = env_name_refusal(password_env) if password_env is not None else None
    if refusal:  # the value is not quoted: a password pasted in its place must not reach the terminal
        fail(f"--password-env {refusal}")
    if password_env and password_env not in os.environ:
        fail(f"--password-env names {password_env}, which is not set in the environment")
    path = resolve_db_path(obj.config, obj.db)
    with SQLiteEventStore(path, create=False) as source:
        total = source.head()[0]
        target = open_shared_log(url, password=os.environ.get(password_env or ""))
        try:
            with progress_bar("copying events") as update:
                done = copy_log(source, target, lambda copied: update(copied, total))
        finally:
            target.close()
    click.echo(
        f"copied {done.events} events from {path} to {target.path}; verified at both ends, "
        f"head {done.head_position} {done.head_hash}"
    )
    click.echo("next: set [store] url in the config; the SQLite file carries on as this machine's copy")


# -- claims -----------------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--article",
    "article_ref",
    metavar="ID|LINK",
    help="an article already in the database, by its id or its link: its stored text, title and date",
)
@click.option("--title", help="the article's title")
@click.option("--published", help="publication date, YYYY-MM-DD (anchors 'since August', 'last month')")
@click.option("--json", "as_json", is_flag=True, help="the contract's JSON object on stdout")
@click.option("--explain", is_flag=True, help="for each claim the rule path, for each verdict the baseline compared")
@click.option("--jsonl", is_flag=True, help="one JSON document per input per line; FILES may be several, and folders")
@click.pass_obj
def diff(
    obj: Context,
    files: tuple[str, ...],
    title: str | None,
    published: str | None,
    as_json: bool,
    explain: bool,
    jsonl: bool,
    article_ref: str | None,
) -> None:
    """One article (a file, or one in the database) through relevance, extraction and diff against the baseline."""
    from monitor.claims.analysis import analyse
    from monitor.cli.queries import read_input

    published_date = None if published is None else _parse_date(published, "--published")
    max_bytes = obj.config.fetch.max_bytes  # a file to diff is held to what a fetch may bring

    def read(file: str) -> str:
        return read_input(file, max_bytes)

    if article_ref is not None:
        if files or jsonl:
            fail("diff --article reads the article from the database: give no FILE and no --jsonl")
        stored = _stored_article(obj, article_ref)
        text = stored.text
        title = stored.title if title is None else title
        published_date = stored.published_date() if published_date is None else published_date
        if not as_json:
            # Which article was read, so the answer can be put beside the alert or the ledger line.
            click.echo(f"article {stored.article_id} of feed {stored.feed_id or '?'}: {stored.link or 'no link'}")
    elif not files:
        fail("diff needs a FILE (- for stdin), or --article ID|LINK for an article in the database")
    elif jsonl:
        from monitor.claims.batch import write_lines

        unread = write_lines(
            files,
            read,
            click.echo,
            title=title,
            published=published_date,
            baseline=_baseline_in_force(obj),
            explained=explain,
            errors=(MonitorError,),
        )
        if unread:
            fail(f'{len(unread)} input(s) could not be read ({unread[0]} first); their lines carry "error"')
        return
    elif len(files) != 1:
        fail(f"diff takes one FILE ({len(files)} given); several files or folders go with --jsonl")
    else:
        text = read(files[0])
    if explain:
        from monitor.claims.analysis import explain as explain_article

        result = explain_article(text, title=title, published=published_date, baseline=_baseline_in_force(obj))
    else:
        result = analyse(text, title=title, published=published_date, baseline=_baseline_in_force(obj))
    if as_json:
        print_json(result)
        return
    if explain:
        from monitor.cli.queries import render_explain

        click.echo("\n".join(render_explain(result)))
    else:
        from monitor.cli.queries import render_diff

        render_diff(result)
    if article_ref is not None:
        _print_ledger_now(obj, result.get("claims") or [])


def _print_ledger_now(obj: Context, claims: list[dict[str, Any]]) -> None:
    """The ledger lines the article's claims fall on, as they stand now: a verdict compares a
    claim with the baseline, and the analyst who doubts it also asks what else has been said."""
    from monitor.claims.ledger import ledger_key
    from monitor.cli.queries import ledger_line, ledger_rows

    keys = list(dict.fromkeys(ledger_key(c["kind"], c["item"], c.get("direction")) for c in claims))
    if not keys:
        return
    with obj.open(read_only=True) as app:
        rows = {r["key"]: r for r in ledger_rows(app)}
    click.echo("\nthe ledger now, for these claims:")
    for key in keys:
        row = rows.get(key)
        click.echo(f"  {key.replace('|', '/')}: {ledger_line(row) if row else 'not in the ledger'}")


def _stored_article(obj: Context, ref: str):
    """The article ``ref`` names (its id, or its link as alerts and `monitor articles` show it),
    as the log holds it now; one line and exit 2 when the database has no such article."""
    from monitor.articles import article_state
    from monitor.cli.queries import find_article_id

    with obj.open(read_only=True) as app:
        article_id = find_article_id(app, ref)
        state = article_state(app, article_id) if article_id else None
    if state is None:
        fail(f"no article {ref!r} in the database (`monitor articles` lists them with their links)")
    return state


def _baseline_in_force(obj: Context):
    """The baseline of the configured database when it exists, else the shipped one."""
    from monitor.cli.queries import baseline_in_force

    return baseline_in_force(obj.config, obj.db)


def _parse_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        fail(f"{option} {value!r} is not a date (YYYY-MM-DD)")
        raise  # unreachable; for type checkers


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="irrelevant articles too")
@click.option("--limit", type=click.IntRange(min=0), default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def articles(obj: Context, show_all: bool, limit: int, as_json: bool) -> None:
    """Relevant articles (all with --all), newest first, with verdict counts."""
    from monitor.cli.queries import list_articles

    with obj.open(read_only=True) as app:
        rows = list_articles(app, include_irrelevant=show_all, limit=limit)
    if as_json:
        print_json(rows)
        return
    # A terminal gets a short title; a pipe gets it whole, and the link, for grep and cut.
    terminal = on_terminal()
    print_table(
        "articles",
        ["published", "feed", "title", "relevant", "claims", "confirms", "updates", "new", "contradicts"]
        + ([] if terminal else ["link"]),
        (
            [
                r["published"],
                r["feed_id"],
                _short(r["title"] or "", 60) if terminal else " ".join((r["title"] or "").split()),
                r["relevant"],
                r["claims"],
                r["confirms"],
                r["updates"],
                r["new"],
                r["contradicts"],
            ]
            + ([] if terminal else [r["link"] or ""])
            for r in rows
        ),
        empty="no articles yet (run `monitor poll`)",
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def claims(obj: Context, as_json: bool) -> None:
    """The claim ledger: newest, previous and baseline figure per kind+item+direction."""
    from monitor.cli.queries import ledger_line, ledger_rows

    with obj.open(read_only=True) as app:
        rows = ledger_rows(app)
    if as_json:
        print_json(rows)
        return
    # A pipe gets the newest figure's link for scripts; a terminal's table would only show its
    # first characters, squeezing the ledger column.
    terminal = on_terminal()
    print_table(
        "claim ledger",
        ["kind", "item", "direction", "ledger"] + ([] if terminal else ["link"]),
        (
            [r["kind"], r["item"], r["direction"] or "", ledger_line(r)]
            + ([] if terminal else [(r["newest"] or {}).get("link") or ""])
            for r in rows
        ),
        empty="the ledger is empty",
    )


@cli.group(invoke_without_command=True)
@click.pass_context
def baseline(ctx: click.Context) -> None:
    """The baseline in force (show) or a new one (set)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(baseline_show)


@baseline.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def baseline_show(obj: Context, as_json: bool) -> None:
    """List the baseline claims and the diff of its reports against each other."""
    from monitor.cli.queries import baseline_report, render_baseline

    with obj.open(read_only=True) as app:
        report = baseline_report(app)
    if as_json:
        print_json(report)
    else:
        render_baseline(report)


@baseline.command("set")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--published", help="publication date of the files, YYYY-MM-DD")
@click.option("--label", help="a name for this baseline")
@click.option("--force", is_flag=True, help="set it even when the files hold no claims")
@click.pass_obj
def baseline_set(obj: Context, files: tuple[str, ...], published: str | None, label: str | None, force: bool) -> None:
    """Make these articles the baseline (a new BaselineSet; history is kept)."""
    from monitor.cli.queries import baseline_from_files, set_baseline

    published_date = None if published is None else _parse_date(published, "--published")
    chosen = baseline_from_files(
        list(files), published=published_date, label=label, max_bytes=obj.config.fetch.max_bytes, force=force
    )
    with obj.open() as app:
        baseline_id, count = set_baseline(app, chosen)
    click.echo(f"baseline {baseline_id} in force: {count} claims from {len(files)} file(s)")


# -- the daemon -------------------------------------------------------------------


@cli.command()
@click.option("--feed", "feed_ids", multiple=True, help="only this feed id (repeatable)")
@click.pass_obj
def poll(obj: Context, feed_ids: tuple[str, ...]) -> None:
    """One full cycle now: fetch, ingest, classify, extract, diff, queue and deliver alerts.

    Exit 0 when feeds fail or alerts could not be sent while some feed answered (the summary
    line says so); 1 when feeds failed and none answered; 128 + the signal's number when
    Ctrl-C or SIGTERM stopped it (a second one quits at once)."""
    # Imported when polling, not at start-up: the cycle pulls in the fetcher, parser and claims engine.
    from monitor.alerts.channels import check_channels, unheard_line
    from monitor.cli.progress import progress_bar
    from monitor.cycle import run_cycle
    from monitor.feeds.pool import shutdown_pool
    from monitor.feeds.watchdog import stop_on_signals
    from monitor.locks import SchedulerLock

    config = obj.config
    feeds = [config.feed(f) for f in feed_ids] if feed_ids else [f for f in config.feeds if f.enabled]
    check_channels(config)  # a mistyped channel now, not at the first alert
    stopped_by: list[signal.Signals] = []

    def on_first_signal(name: str) -> None:
        stopped_by.append(signal.Signals[name])
        click.echo(f"monitor: {name}: stopping; the fetches in flight are cut (again to quit at once)", err=True)

    def on_second_signal(name: str) -> None:
        click.echo(
            f"monitor: {name} again: quitting at once; feeds not recorded are polled at the next start", err=True
        )

    stop_on_signals(on_first_signal, on_second_signal)
    with obj.open() as app, SchedulerLock(app.db_path):
        try:
            # Said before this poll already: the note says it again. Said only now: the last channel answered 410 in
            # this poll, and the delivery's own error line above has just said it.
            unheard_before = unheard_line(app)
            with progress_bar("polling feeds") as update:
                summary = run_cycle(app, feeds, progress=update)
            unheard = unheard_line(app) if unheard_before else None
        finally:
            shutdown_pool()
    verdict(128 + stopped_by[0] if stopped_by else EXIT_CHECK_FAILED if summary.nothing_succeeded else 0)
    print_table(
        "poll",
        ["feed", "status", "new", "seen", "errors"],
        ([r.feed_id, r.status, r.new, r.seen, r.note()] for r in summary.results),
        empty=_no_feeds_to_poll(config),
    )
    click.echo(summary.headline())
    if unheard:
        click.echo(f"monitor: note: {unheard}", err=True)
    if stopped_by:
        sys.exit(128 + stopped_by[0])
    if summary.nothing_succeeded:
        why = "the network is unreachable" if summary.outage else "see the errors above and `monitor feeds list`"
        fail(f"poll: no feed answered ({why})", EXIT_CHECK_FAILED)


def _no_feeds_to_poll(config: Config) -> str:
    disabled = [feed.id for feed in config.feeds if not feed.enabled]
    if disabled:
        return f"no enabled feeds (disabled: {', '.join(disabled)}; `monitor poll --feed ID` polls one anyway)"
    return "no feeds configured (add one with `monitor feeds add URL`)"


@cli.command()
@click.pass_obj
def run(obj: Context) -> None:
    """The daemon: schedules every enabled feed until SIGTERM/SIGINT."""
    from monitor.daemon import run_daemon

    run_daemon(obj.config, obj.db)


@cli.command()
@click.pass_obj
def reprocess(obj: Context) -> None:
    """Re-run classification, extraction and diff over every stored article."""
    from monitor.cli.progress import progress_bar
    from monitor.pipeline import reprocess_all

    with obj.open(create=False) as app:
        with progress_bar("reprocessing articles") as update:
            summary = reprocess_all(app, progress=update)
    click.echo(summary)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def alerts(ctx: click.Context, as_json: bool) -> None:
    """Queued, sent and failed alerts."""
    if ctx.invoked_subcommand is not None:
        return
    from monitor.alerts.channels import unheard_line
    from monitor.cli.queries import list_alerts

    with ctx.obj.open(read_only=True) as app:
        rows = list_alerts(app)
        unheard = unheard_line(app)
    if as_json:
        print_json(rows)
    else:
        _alerts_table(rows)
    if unheard:  # under it on stderr, as feeds list's notes: stdout stays the table (or the JSON) alone
        click.echo(f"monitor: note: {unheard}", err=True)


def _alerts_table(rows: list[dict[str, Any]]) -> None:
    print_table(
        "alerts",
        ["queued_at", "status", "attempts", "subject", "last_error", "channels"],
        (
            [
                r["queued_at"],
                r["status"],
                r["attempts"],
                _short(r["subject"] or "", 70),
                r["last_error"],
                ", ".join(f"{n} {s}" for s, n in Counter(c["status"] for c in r["channels"]).items()),
            ]
            for r in rows
        ),
        empty="no alerts yet",
    )


@alerts.command("retry")
@click.option(
    "--wait",
    "wait_seconds",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="seconds to wait while another process (the daemon) is delivering",
)
@click.pass_obj
def alerts_retry(obj: Context, wait_seconds: float) -> None:
    """Retry failed and waiting alerts now."""
    from monitor.alerts.sender import retry_now
    from monitor.locks import SenderBusy

    with obj.open(create=False) as app:
        try:
            click.echo(retry_now(app, wait_seconds=wait_seconds))
        except SenderBusy as exc:
            fail(str(exc), EXIT_CHECK_FAILED)


@alerts.command("test")
@click.option(
    "--channel", "channel_url", metavar="URL", help="send a test notice to this Apprise or hook+https:// URL instead"
)
@click.pass_obj
def alerts_test(obj: Context, channel_url: str | None) -> None:
    """Send a test message with the configured settings; print the server's reply.

    Exit 1 when the server could not take it (refused, auth failed, TLS failed, timeout…),
    2 when the settings themselves are unusable."""
    from monitor.alerts.deliver import DeliveryError
    from monitor.alerts.sender import send_test

    if channel_url is not None:
        from monitor.alerts.channels import hook_key, hook_key_problem, send_test_notice
        from monitor.config import channel_url_problem, is_hook, redact_channel

        problem = channel_url_problem(channel_url)
        if problem:
            fail(f"alerts test: --channel {problem}", EXIT_USAGE)
        key_trouble = hook_key_problem(obj.config, channel_url) if is_hook(channel_url) else None
        if key_trouble:
            # Alerts are held back, not sent unsigned, without the key: a test sent unsigned would try
            # something the alerts never do, and a receiver that checks would answer 401 for a missing variable.
            fail(f"alerts test: webhook_secret_env: {key_trouble}: not sent unsigned", EXIT_USAGE)
        outcome = send_test_notice(channel_url, hook_key(obj.config, channel_url) if is_hook(channel_url) else None)
        if not outcome.ok:
            fail(
                f"alerts test: {redact_channel(channel_url)}: {outcome.kind}: {outcome.detail}",
                EXIT_USAGE if outcome.permanent else EXIT_CHECK_FAILED,
            )
        click.echo(f"{redact_channel(channel_url)} accepted the test notice")
        return
    try:
        click.echo(send_test(obj.config))
    except DeliveryError as exc:
        fail(f"alerts test: {exc.kind}: {exc}", EXIT_USAGE if exc.kind == "config" else EXIT_CHECK_FAILED)


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="where to write the page, - for stdout  [default: report.html next to the database]",
)
@click.pass_obj
def report(obj: Context, out: str | None) -> None:
    """A self-contained HTML report with charts."""
    from monitor.report import build_report, write_report

    with obj.open(read_only=True) as app:
        if out == "-":  # as `monitor diff -` reads stdin: the page alone on stdout, for a pipe
            click.echo(build_report(app), nl=False)
            return
        # Beside the database by default, so each database (the demo's, a backup's) keeps its own page.
        target = Path(out) if out else Path(app.db_path).parent / "report.html"
        path = write_report(app, target)
    click.echo(f"report written to {path}")


from monitor.cli.feeds import feeds as _feeds  # noqa: E402 - a command group of its own module

cli.add_command(_feeds)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns the project's named errors into one line and exit status 2."""
    from monitor.store import StoreError

    try:
        cli.main(args=argv, prog_name="monitor", standalone_mode=False)
    except click.exceptions.Abort:
        fail("aborted", 130)
    except click.ClickException as exc:
        click.echo(f"monitor: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except ConfigError as exc:
        fail(f"bad config: {exc}")
    except (StoreError, MonitorError) as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:  # a read the store does not wrap (projection tables)
        fail(f"the database cannot be read ({exc}); run `monitor verify` to see where it is damaged")
    except (BrokenPipeError, ReaderGone) as gone:
        # stdout to /dev/null: the interpreter's last flush would hit the closed pipe and print a traceback
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):  # a stdout with no file behind it (a test's capture) has nothing to flush there
            pass
        sys.exit(gone.status if isinstance(gone, ReaderGone) else 0)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    else:
        sys.exit(0)
