"""Application wiring: a config, its store and its projections, opened together.

The CLI and the daemon both go through :func:`open_app`; nothing else opens the database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from monitor import events as ev
from monitor.config import Config
from monitor.errors import MonitorError
from monitor.projections import ALL_PROJECTIONS
from monitor.store import (
    NO_STREAM, ConcurrencyError, EventStore, ProjectionRunner, ReadModelStore, StoreOpenError, open_store,
)

if TYPE_CHECKING:
    from monitor.claims.baseline import Baseline


@dataclass
class App:
    config: Config
    store: ReadModelStore
    projections: ProjectionRunner
    db_path: str

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        return self.projections.catch_up(progress)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "App":
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
        raise StoreOpenError(f"[store] password_env names {variable}, which is not set in the environment; "
                             "export it, or drop password_env to let libpq use PGPASSWORD or ~/.pgpass")
    return os.environ[variable]


def open_app(config: Config, db_override: str | None = None, *, create: bool = True,
             bootstrap: bool = True) -> App:
    """Open the store (creating it on first use), its projections, and the baseline."""
    path = resolve_db_path(config, db_override)
    store = open_store(path, url=config.store.url, password=store_password(config), create=create,
                       relaxed_types=ev.RELEARNABLE_TYPES)
    try:
        runner = ProjectionRunner(store, ALL_PROJECTIONS)
        app = App(config=config, store=store, projections=runner, db_path=path)
        if bootstrap:
            ensure_baseline(app)
        app.catch_up()
        return app
    except BaseException:
        store.close()
        raise


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


def baseline_in_force(store: EventStore) -> "Baseline":
    """The baseline the log says is in force: the latest BaselineSet, or the shipped pair before any."""
    return baseline_from(baseline_data_in_force(store))


def baseline_data_in_force(store: EventStore) -> dict[str, Any] | None:
    """The data of the latest BaselineSet (None: none yet, the shipped pair is in force). Plain
    data: it reaches the parse workers without loading the claims engine here."""
    version = store.stream_version(ev.BASELINE_STREAM)
    if version == 0:
        return None
    return dict(next(iter(store.read_stream(ev.BASELINE_STREAM, from_version=version))).data)


def baseline_from(data: Mapping[str, Any] | None) -> "Baseline":
    """The baseline of :func:`baseline_data_in_force`'s answer."""
    # Imported here: loading the claims engine costs about a second, and only a new database needs it.
    from monitor.claims.baseline import Baseline, load_default_baseline

    return load_default_baseline() if data is None else Baseline.from_event_data(data)


def baseline_event(baseline) -> "ev.NewEvent":  # type: ignore[name-defined]
    data = baseline.to_event_data() if hasattr(baseline, "to_event_data") else dict(baseline)
    # No deterministic key: setting an earlier baseline again is a new fact, not a retry.
    return ev.event(ev.BASELINE_STREAM, ev.BASELINE_SET, data)


__all__ = ["App", "open_app", "resolve_db_path", "ensure_baseline", "baseline_in_force", "StoreOpenError", "MonitorError", "Path"]
