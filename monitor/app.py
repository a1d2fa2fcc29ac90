"""Application wiring: a config, its store and its projections, opened together.

The CLI and the daemon both go through :func:`open_app`; nothing else opens the database.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from monitor import events as ev
from monitor.config import Config
from monitor.errors import MonitorError
from monitor.projections import ALL_PROJECTIONS
from monitor.store import (
    GENESIS_HASH,
    NO_STREAM,
    ConcurrencyError,
    EventStore,
    ProjectionRunner,
    ReadModelStore,
    SQLiteEventStore,
    StoreError,
    StoreOpenError,
    VerifyResult,
    open_shared_log,
    open_store,
)

if TYPE_CHECKING:
    from monitor.claims.baseline import Baseline


@dataclass
class App:
    config: Config
    store: ReadModelStore
    projections: ProjectionRunner
    db_path: str
    read_only: bool = False
    #: Read-only opens: what the reader is not seeing (projections behind the log, commits
    #: left in a -wal file), for the CLI to say; empty when nothing is missing.
    notes: tuple[str, ...] = ()

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        return self.projections.catch_up(progress)

    def verify(self, expect: tuple[int, str] | None = None, since: tuple[int, str] | None = None) -> VerifyResult:
        """The store's own check, plus what the projections and an earlier anchor reveal.

        A checkpoint past the head means events were deleted from the end of the log
        (the chain of what is left still verifies); ``expect`` (position, hash), an anchor
        printed earlier in an alert footer, the report or `monitor verify`, must still be
        in the log with that hash. ``since``, the head of an earlier walk that passed, is
        checked the same way, and only the events after it are walked.
        """
        result = self.store.verify(since=since) if since is not None else self.store.verify()
        head = result.head_position
        try:
            # No projections: a shared log read without a local copy (:func:`open_app`) has no checkpoints.
            truncation = self.projections.truncation(head) if self.projections.projections else None
        except (StoreError, sqlite3.DatabaseError) as exc:  # a damaged checkpoint table: say so, go on
            truncation = f"the projection checkpoints cannot be read ({exc}); `monitor rebuild` writes them again"
        found = [(truncation, head + 1)]
        for anchor in (expect, since):
            if anchor is not None:
                found.append((anchor_problem(self.store, anchor, head), min(anchor[0], head + 1)))
        problems, first_bad = list(result.problems), result.first_bad_position
        for problem, position in found:
            if problem is not None:
                problems.append(problem)
                first_bad = position if first_bad is None else min(first_bad, position)
        return replace(result, ok=not problems, first_bad_position=first_bad, problems=tuple(problems))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def resolve_db_path(config: Config, db_override: str | None) -> str:
    if db_override:
        return db_override
    return str(config.resolve(config.store.path))


def store_password(config: Config) -> str | None:
    """The PostgreSQL password from the variable ``[store] password_env`` names (None: libpq's own lookup)."""
    variable = config.store.password_env
    if not variable:
        return None
    if variable not in os.environ:
        raise StoreOpenError(
            f"[store] password_env names {variable}, which is not set in the environment; "
            "export it, or drop password_env to let libpq use PGPASSWORD or ~/.pgpass"
        )
    return os.environ[variable]


def open_app(
    config: Config,
    db_override: str | None = None,
    *,
    create: bool = True,
    bootstrap: bool = True,
    read_only: bool = False,
    catch_up: bool = True,
) -> App:
    """Open the store (creating it on first use), its projections, and the baseline.

    ``read_only``: open an existing database without writing to it (the read commands);
    see :func:`open_read_only`. ``catch_up=False`` leaves the projections as they are
    (`monitor rebuild` replaces them; `verify` and `events` read only the log).
    """
    path = resolve_db_path(config, db_override)
    if read_only and not config.store.url:  # a shared PostgreSQL log is opened as usual (create=False)
        return open_read_only(config, path, catch_up=catch_up)
    if read_only and not catch_up and config.store.url and path != ":memory:" and not Path(path).exists():
        # `verify` and `events` read the log alone: on a machine without a local copy (an admin's, a
        # check under a unit that may not write there) they read the shared log and create nothing.
        shared = open_shared_log(config.store.url, password=store_password(config), create=False)
        log_only = cast(ReadModelStore, shared)  # no read models are read: the runner has no projections
        return App(
            config=config, store=log_only, projections=ProjectionRunner(log_only, []), db_path=path, read_only=True
        )
    # A shared PostgreSQL log follows the SQLite rule: only the writing commands create it, and
    # a read command on a database without the log's tables says so (NoEventLog) and writes nothing.
    store = open_store(
        path,
        url=config.store.url,
        password=store_password(config),
        create=create and not read_only,
        relaxed_types=ev.RELEARNABLE_TYPES,
    )
    try:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        app = App(config=config, store=store, projections=runner, db_path=path)
        if bootstrap and not read_only:
            ensure_baseline(app)
        if catch_up:
            app.catch_up()
        return app
    except BaseException:
        store.close()
        raise


def open_read_only(config: Config, path: str, *, catch_up: bool = True) -> App:
    """An existing database, opened so that nothing is written to it or beside it.

    A missing file is an error, never a new database. When the projections are behind
    the log (the daemon has not caught up yet, or another release built them) and the
    file can be written, a short write connection catches them up first, as every
    command did before; where it cannot (read-only media), the tables are read as they
    are and :attr:`App.notes` says how far behind they are: nothing is hidden, nothing fails.
    A log truncated behind the projections' checkpoints is refused as catch-up refuses it.
    """
    store = SQLiteEventStore(path, create=False, read_only=True, relaxed_types=ev.RELEARNABLE_TYPES)
    try:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        app = App(config=config, store=store, projections=runner, db_path=path, read_only=True)
        notes: list[str] = []
        if store.wal_unread:
            notes.append(
                f"{path}-wal holds commits that cannot be read without write access to its folder; "
                "copy the database and its -wal file to writable storage to see them"
            )
        if catch_up:
            head, _ = store.head()
            runner.refuse_if_truncated(head)
            status = runner.status(head)
            if (status.behind or status.stale) and _writable(path):
                try:
                    open_app(config, path, create=False, bootstrap=False).close()  # catches up
                except StoreError as exc:
                    notes.append(f"could not bring the tables up to date ({exc})")
                status = runner.status()
            note = status.note()
            if note is not None:
                notes.append(note if _writable(path) else f"{note}; this file cannot be written here")
        app.notes = tuple(notes)
        return app
    except BaseException:
        store.close()
        raise


def _writable(path: str) -> bool:
    """The file and its folder (where SQLite keeps the -wal and -shm files) can be written.

    ``os.access`` also answers for read-only mounts (EROFS), which permission bits alone,
    as root, would not show.
    """
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def parse_anchor(text: str, where: str = "--expect") -> tuple[int, str]:
    """``POSITION:HASH`` as alert footers, the report and `monitor verify` print it (or
    ``POSITION HASH``, the alert's X-NKRU-Log-Head header)."""
    match = _ANCHOR.fullmatch(text.strip())
    if match is None:
        raise MonitorError(
            f"{where} {text!r}: give POSITION:HASH as printed by `monitor verify`, an alert "
            "footer or the report (e.g. 1234:9f86d08…, the 64-character hash in full)"
        )
    return int(match.group(1)), match.group(2).lower()


def format_anchor(position: int, digest: str) -> str:
    return f"{position}:{digest}"


# "1234:9f86…" as printed; "1234 9f86…" as the X-NKRU-Log-Head header carries it (a space lets it fold).
_ANCHOR = re.compile(r"(\d+)(?:\s*:\s*|\s+)([0-9a-fA-F]{64})")


def anchor_problem(store: EventStore, expect: tuple[int, str], head: int) -> str | None:
    """What is wrong with the log against an anchor taken earlier, or None."""
    position, digest = expect
    if position > head:
        return (
            f"log truncated after position {head}: the anchor {format_anchor(position, digest[:12])}… names "
            f"a later position"
        )
    if position == 0:
        return None if digest == GENESIS_HASH else "position 0: an anchor at 0 can only carry the genesis hash"
    stored = next(iter(store.read_all(after=position - 1, limit=1)), None)
    if stored is None or stored.position != position:
        return f"position {position}: missing from the log, which the anchor says held it"
    if stored.hash != digest:
        return (
            f"position {position}: hash {stored.hash[:12]}… differs from the anchor's {digest[:12]}…: "
            "the log was rewritten up to there"
        )
    return None


def ensure_baseline(app: App) -> None:
    """A new database starts with the shipped baseline pair as its first BaselineSet."""
    if app.store.stream_version(ev.BASELINE_STREAM) > 0:
        return
    # Imported here: loading the claims engine costs about a second, and only a new database needs it.
    from monitor.claims.baseline import load_default_baseline

    try:
        app.store.append([baseline_event(load_default_baseline())], expected=NO_STREAM)
    except ConcurrencyError:  # another process created it first: fine
        pass


def baseline_in_force(store: EventStore) -> Baseline:
    """The baseline the log says is in force: the latest BaselineSet, or the shipped pair before any."""
    return baseline_from(baseline_data_in_force(store))


def baseline_data_in_force(store: EventStore) -> dict[str, Any] | None:
    """The data of the latest BaselineSet (None: none yet, the shipped pair is in force). Plain
    data: it reaches the parse workers without loading the claims engine here."""
    version = store.stream_version(ev.BASELINE_STREAM)
    if version == 0:
        return None
    return dict(next(iter(store.read_stream(ev.BASELINE_STREAM, from_version=version))).data)


def baseline_from(data: Mapping[str, Any] | None) -> Baseline:
    """The baseline of :func:`baseline_data_in_force`'s answer."""
    # Imported here: loading the claims engine costs about a second, and only a new database needs it.
    from monitor.claims.baseline import Baseline, load_default_baseline

    return load_default_baseline() if data is None else Baseline.from_event_data(data)


def baseline_event(baseline) -> ev.NewEvent:  # type: ignore[name-defined]
    data = baseline.to_event_data() if hasattr(baseline, "to_event_data") else dict(baseline)
    # No deterministic key: setting an earlier baseline again is a new fact, not a retry.
    return ev.event(ev.BASELINE_STREAM, ev.BASELINE_SET, data)


__all__ = [
    "App",
    "open_app",
    "open_read_only",
    "parse_anchor",
    "format_anchor",
    "resolve_db_path",
    "ensure_baseline",
    "baseline_in_force",
    "StoreOpenError",
    "MonitorError",
    "Path",
]
