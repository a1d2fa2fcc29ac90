"""`monitor feeds list|add|remove|import|export`: the sources of config.toml, edited in place.

Edits go through tomlkit, so the user's comments, order and layout stay as written; only
the added or removed ``[[feeds]]`` tables change. The new text is validated with the
config loader before anything is written, and written atomically (a temporary file in
the same folder, fsynced, then renamed over the old one): a crash leaves the old file or
the new one, and a config that would not load is never written.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from monitor.cli.output import print_json, print_table
from monitor.config import (
    FEED_ID,
    NOT_HTTP,
    Config,
    ConfigError,
    FeedConfig,
    default_config_path,
    http_url_problem,
    load_config,
    parse_config,
)
from monitor.errors import MonitorError

if TYPE_CHECKING:
    from monitor.feeds.opml import Outline

#: The largest OPML file `feeds import` reads.
MAX_IMPORT_BYTES = 5_000_000


class ConfigFile:
    """config.toml as text, and as a tomlkit document when an edit needs one: read, changed,
    validated, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.exists = path.exists()
        try:
            self.text = path.read_text(encoding="utf-8") if self.exists else ""
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the config ({exc.strerror})") from None
        self._document: Any = None  # parsed on first use: tomlkit takes seconds over thousands of feeds
        self._loaded: tuple[str, dict[str, Any]] | None = None  # (text, what tomllib read of it)

    @property
    def document(self) -> Any:
        import tomlkit  # imported here: only the editing commands need it

        if self._document is None:
            try:
                self._document = tomlkit.parse(self.text)
            except tomlkit.exceptions.ParseError as exc:
                raise ConfigError(f"{self.path}: not valid TOML ({exc})") from None
        return self._document

    def _feeds(self) -> Any:
        import tomlkit

        feeds = self.document.get("feeds")
        if feeds is None:
            feeds = tomlkit.aot()
            self.document.append("feeds", feeds)
        if not isinstance(feeds, tomlkit.items.AoT):
            raise ConfigError(f"{self.path}: feeds is not written as [[feeds]] tables; edit it by hand")
        return feeds

    def add(self, source: dict[str, Any]) -> None:
        import tomlkit

        table = tomlkit.table()
        for key, value in source.items():
            if value is not None:
                table.add(key, value)
        table.add(tomlkit.nl())  # the blank line that separates it from whatever follows
        self._feeds().append(table)

    def remove(self, feed_id: str) -> bool:
        if self._document is None:
            cut = _text_without_feed(self.text, feed_id, self.path)
            if cut is not None:
                found, self.text, data = cut
                self._loaded = (self.text, data)
                return found
        feeds = self._feeds()  # a layout the text cut does not read plainly: tomlkit's way
        for index, table in enumerate(feeds):
            if table.get("id") == feed_id:
                del feeds[index]
                return True
        return False

    def validated(self) -> tuple[str, Config]:
        """The new text and the config it loads as; raises ConfigError naming the problem."""
        import tomlkit

        text = tomlkit.dumps(self._document) if self._document is not None else self.text
        try:
            # Read once only: tomllib takes a second over thousands of feeds.
            data = self._loaded[1] if self._loaded is not None and self._loaded[0] == text else tomllib.loads(text)
            config = parse_config(data, self.path.resolve())
        except tomllib.TOMLDecodeError as exc:  # tomlkit wrote something tomllib cannot read: never save it
            raise ConfigError(f"{self.path}: the edit would not be valid TOML ({exc}); nothing written") from None
        except ConfigError as exc:
            raise ConfigError(f"{exc} (the file was not changed)") from None
        return text, config

    def save(self) -> Config:
        text, config = self.validated()
        write_atomically(self.path, text)
        return config


_FEEDS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*feeds[ \t]*\]\][ \t]*(#.*)?$")
_ANY_HEADER = re.compile(r"^[ \t]*\[")
_COMMENT = re.compile(r"^[ \t]*#")


def _text_without_feed(text: str, feed_id: str, path: Path) -> tuple[bool, str, dict[str, Any]] | None:
    """(found, the text without that feed's ``[[feeds]]`` table, what tomllib reads of it), cut
    from the text itself; None when the file's layout is not read plainly enough to cut it
    (then tomlkit edits it).

    Parsing with tomlkit took seconds over a config of thousands of feeds, and tomlkit gives
    a table's leading comment to the table before it: removing a feed deleted the comment
    of the next one and left its own above that one. Here a table goes with the comment
    lines right above its header, and nothing else changes: the cut is checked by parsing
    the result, which must be the same config less that one feed.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    feeds = data.get("feeds", [])
    if not isinstance(feeds, list) or not all(isinstance(feed, dict) for feed in feeds):
        return None
    ids = [feed.get("id") for feed in feeds]
    if feed_id not in ids:
        return False, text, data
    lines = text.splitlines(keepends=True)
    headers = [n for n, line in enumerate(lines) if _ANY_HEADER.match(line)]
    feed_headers = [n for n in headers if _FEEDS_HEADER.match(lines[n])]
    if len(feed_headers) != len(feeds):
        return None  # a header inside a multi-line string, say: leave it to the parser

    def with_its_comments(header: int) -> int:
        while header > 0 and _COMMENT.match(lines[header - 1]):
            header -= 1
        return header

    index = ids.index(feed_id)
    start = feed_headers[index]
    later = [n for n in headers if n > start]
    end = with_its_comments(later[0]) if later else len(lines)
    kept = lines[: with_its_comments(start)] + lines[end:]
    while not later and kept and not kept[-1].strip():  # the last table: no blank lines left at the end
        kept.pop()
    result = "".join(kept)
    try:
        after = tomllib.loads(result)
    except tomllib.TOMLDecodeError:
        return None
    remaining = feeds[:index] + feeds[index + 1 :]
    if {**after, "feeds": after.get("feeds", [])} != {**data, "feeds": remaining}:
        return None
    return True, result, after


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: a temporary file beside it, fsynced, then renamed."""
    import tempfile  # imported here, like every module only these commands use: `monitor --help` stays quick

    directory = path.resolve().parent
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by the with below; its name outlives it
        "w", encoding="utf-8", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    try:  # the rename itself survives a power cut only once the folder is synced
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def url_key(url: str) -> str:
    """:func:`monitor.feeds.entries.url_key`, imported when first needed (its patterns cost start-up time)."""
    from monitor.feeds.entries import url_key as key

    return key(url)


def same_url(a: str, b: str) -> bool:
    return url_key(a) == url_key(b)


def new_feed_id(label: str | None, url: str, used: Collection[str]) -> str:
    """A free id from the outlet or title (else the host): lower-case ASCII letters, digits and -."""
    ascii_text = unicodedata.normalize("NFKD", label or "").encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    if not base:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        base = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")[:40].strip("-") or "feed"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _path(obj: Any) -> Path:
    return Path(obj.config_path) if obj.config_path else default_config_path()


def _config(obj: Any) -> Config:
    path = _path(obj)
    return load_config(path) if path.exists() else Config(source=None)


def _outlines(config: Config) -> list[Outline]:
    from monitor.feeds.opml import Outline

    return [
        Outline(url=f.url, title=f.outlet or f.title, type=f.type, feed_id=f.id, item_selector=f.item_selector)
        for f in config.feeds
    ]


@click.group("feeds")
def feeds() -> None:
    """The sources in config.toml: list, add (with feed discovery), remove, import and export OPML."""


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="one JSON array on stdout")
@click.pass_obj
def feeds_list(obj: Any, as_json: bool) -> None:
    """Every source with its state: status, last and next poll, failures in a row."""
    from monitor.app import open_app, resolve_db_path
    from monitor.projections.feeds import feed_states

    config = _config(obj)
    states: dict[str, dict[str, Any]] = {}
    if config.feeds and Path(resolve_db_path(config, obj.db)).exists():  # listing never creates a database
        with open_app(config, obj.db, create=False) as app:
            states = feed_states(app.store, [feed.id for feed in config.feeds])
    rows = [_row(feed, states.get(feed.id) or {}) for feed in config.feeds]
    if as_json:
        print_json(rows)
        return
    print_table(
        "feeds",
        ["id", "url", "outlet", "type", "status", "last poll", "next poll", "failures", "links given up"],
        (
            [
                r["id"],
                r["url"],
                r["outlet"],
                r["type"],
                r["status"],
                r["last_poll_at"],
                r["next_poll_at"],
                r["failures_in_row"],
                len(r["given_up_links"]) if r["type"] == "page" else None,
            ]
            for r in rows
        ),
        empty="no feeds in the config (add one with `monitor feeds add URL`)",
    )
    # What the poller no longer tries by itself, with the way back (on stderr: the table stays one table in a pipe).
    stuck = [r for r in rows if r["given_up_links"] or r["status"] == "disabled"]
    for r in stuck[:LIST_NOTES]:
        said = (
            "disabled: the server said gone (HTTP 410)"
            if r["status"] == "disabled"
            else f"{len(r['given_up_links'])} article link(s) given up, e.g. {r['given_up_links'][0]['url']}"
        )
        click.echo(f"monitor: note: feed {r['id']}: {said}; `monitor feeds retry {r['id']}` tries again", err=True)
    if len(stuck) > LIST_NOTES:
        click.echo(f"monitor: note: {len(stuck) - LIST_NOTES} more such feeds (see --json)", err=True)


#: At most this many notes under `feeds list` (one per feed the poller stopped trying); --json has them all.
LIST_NOTES = 10


def _row(feed: FeedConfig, state: dict[str, Any]) -> dict[str, Any]:
    from monitor.feeds.page import given_up
    from monitor.projections.feeds import failing_links

    status = "disabled in config" if not feed.enabled else (state.get("status") or "never polled")
    links = [{"url": url, **record} for url, record in failing_links(state).items()]
    return {
        "id": feed.id,
        "url": feed.url,
        "outlet": feed.outlet,
        "type": feed.type,
        "status": status,
        "last_poll_at": state.get("last_poll_at"),
        "next_poll_at": state.get("next_poll_at"),
        "failures_in_row": state.get("failures_in_row") or 0,
        "last_error": state.get("last_error"),
        # a page source's article links: given up (only `feeds retry` brings them back), and failing but retried
        "given_up_links": [link for link in links if given_up(link)],
        "failing_links": [link for link in links if not given_up(link)],
    }


@feeds.command("retry")
@click.argument("target", metavar="ID|URL")
@click.pass_obj
def feeds_retry(obj: Any, target: str) -> None:
    """Try again what the poller gave up: a feed disabled by a 410 (by id or URL) is polled again, and a page
    source's given-up article links (all of the feed's, or the one URL given) are fetched at its next poll.
    Recorded in the log (FeedReset), so a rebuild keeps it. A running daemon polls a re-enabled feed once restarted."""
    from monitor.app import open_app
    from monitor.feeds.retry import retry_source

    with open_app(_config(obj), obj.db, create=False) as app:
        click.echo(retry_source(app, target).line())


@feeds.command("add")
@click.argument("url")
@click.option("--id", "feed_id", help="the source's id (default: from the outlet or the feed's title)")
@click.option("--outlet", help="how alerts and the report name it (default: the feed's title)")
@click.option("--page", "as_page", is_flag=True, help="follow the page itself: its new links become articles")
@click.option("--item-selector", metavar="CSS", help="with --page: the CSS selector of the items' links")
@click.pass_obj
def feeds_add(
    obj: Any, url: str, feed_id: str | None, outlet: str | None, as_page: bool, item_selector: str | None
) -> None:
    """Add a feed: its URL, or a site's page whose feed is discovered. It is fetched and parsed first.
    With --page, the page itself becomes the source (type = "page"), once it shows item links."""
    from monitor.feeds.fetch import FetchLimits
    from monitor.feeds.poller import make_gate

    config = _config(obj)
    path = _path(obj)
    problem = http_url_problem(url)
    if problem == NOT_HTTP:
        raise MonitorError(f"{url}: {NOT_HTTP}; `feeds add` takes a feed's or a site's address")
    if problem is not None:
        raise MonitorError(f"{url}: {problem}")
    if item_selector is not None and not as_page:
        raise MonitorError("--item-selector applies to --page sources only")
    _refuse_known(config, url)
    if feed_id is not None and not FEED_ID.match(feed_id):
        raise MonitorError(f"--id {feed_id!r}: use lower-case letters, digits and - only")
    limits, gate = FetchLimits.from_config(config.fetch), make_gate(config)
    if as_page:
        source_url, title, line = _check_page(url, item_selector, limits, gate)
    else:
        from monitor.feeds.discover import find_feed

        found = find_feed(url, limits=limits, gate=gate)
        via = "" if found.via == "direct" else f", found through the page's {found.via}"
        source_url, title = found.url, found.title
        line = f"{found.url} ({found.version or 'feed'}, {found.entries} entries{via})"
    _refuse_known(config, source_url)
    taken = [feed.id for feed in config.feeds]
    if feed_id in taken:
        raise MonitorError(f"--id {feed_id!r} is taken in {path}; choose another")
    outlet = outlet or title
    feed_id = feed_id or new_feed_id(outlet, source_url, taken)
    table: dict[str, Any] = {"id": feed_id, "url": source_url, "outlet": outlet}
    if as_page:
        table.update(type="page", item_selector=item_selector)
    document = ConfigFile(path)
    document.add(table)
    document.save()
    click.echo(f"added {'page source' if as_page else 'feed'} {feed_id}: {line}")


def _check_page(url: str, item_selector: str | None, limits: Any, gate: Any) -> tuple[str, str | None, str]:
    """(URL, title, what to print) of a page source, once the page is fetched and shows item links."""
    from monitor.errors import FetchError
    from monitor.feeds.page import preview_page

    try:
        title, links = preview_page(url, limits=limits, item_selector=item_selector, gate=gate)
    except FetchError as exc:
        raise MonitorError(f"{url}: cannot fetch the page ({exc.kind}: {exc.message})") from None
    if not links:
        what = f"no link matches --item-selector {item_selector!r}" if item_selector else "no article links found"
        raise MonitorError(f"{url}: {what} on the page; try another --item-selector")
    return url, title, f"{url} (a page: {len(links)} item links now, e.g. {links[0].url})"


def _refuse_known(config: Config, url: str) -> None:
    for feed in config.feeds:
        if same_url(feed.url, url):
            raise MonitorError(f"{url} is already followed as feed {feed.id!r}")


@feeds.command("remove")
@click.argument("feed_id", metavar="ID")
@click.pass_obj
def feeds_remove(obj: Any, feed_id: str) -> None:
    """Stop following a source: its table leaves config.toml; what it recorded stays in the log."""
    path = _path(obj)
    document = ConfigFile(path)
    if not document.exists or not document.remove(feed_id):
        raise MonitorError(f"no feed with id {feed_id!r} in {path} (see `monitor feeds list`)")
    document.save()
    click.echo(f"removed feed {feed_id} from {path}; its articles and history stay in the database")


@feeds.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.pass_obj
def feeds_import(obj: Any, file: str) -> None:
    """Add the sources of an OPML file that are not followed yet (by URL); say what was skipped and why."""
    from monitor.feeds.opml import read_opml

    try:
        if file == "-":
            data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with open(file, "rb") as handle:
                data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise MonitorError(f"{file}: cannot read it ({exc.strerror})") from None
    outlines, skipped = read_opml(data, file)
    config = _config(obj)
    document = ConfigFile(_path(obj))
    taken = {feed.id for feed in config.feeds}
    # By URL key, so each outline is one lookup: comparing it with every feed before it made
    # a reader's export of thousands of feeds take minutes to hours.
    known: dict[str, str] = {}
    for feed in config.feeds:
        known.setdefault(url_key(feed.url), feed.id)
    added: list[str] = []
    added_ids: set[str] = set()
    for outline in outlines:
        reason = _skip_reason(outline, known, added_ids)
        if reason:
            skipped.append(f"{outline.url}: {reason}")
            continue
        if outline.feed_id and FEED_ID.match(outline.feed_id) and outline.feed_id not in taken:
            feed_id = outline.feed_id
        else:
            feed_id = new_feed_id(outline.title, outline.url, taken)
        document.add(
            {
                "id": feed_id,
                "url": outline.url,
                "outlet": outline.title,
                "type": "page" if outline.type == "page" else None,
                "item_selector": outline.item_selector,
            }
        )
        taken.add(feed_id)
        known.setdefault(url_key(outline.url), feed_id)
        added.append(feed_id)
        added_ids.add(feed_id)
    if added:
        document.save()
    click.echo(f"imported {len(added)} source(s) from {file}" + (f": {', '.join(added)}" if added else ""))
    if skipped:
        click.echo(f"skipped {len(skipped)}:")
        for line in skipped:
            click.echo(f"  {line}")


def _skip_reason(outline: Outline, known: dict[str, str], added: set[str]) -> str | None:
    problem = http_url_problem(outline.url)
    if problem is not None:
        return problem
    feed_id = known.get(url_key(outline.url))
    if feed_id is None:
        return None
    return f"listed twice in the file (added as {feed_id})" if feed_id in added else f"already followed as {feed_id}"


@feeds.command("export")
@click.pass_obj
def feeds_export(obj: Any) -> None:
    """Every source as OPML 2.0 on stdout (`feeds import` reads it back)."""
    from monitor.feeds.opml import write_opml

    click.echo(write_opml(_outlines(_config(obj))), nl=False)
