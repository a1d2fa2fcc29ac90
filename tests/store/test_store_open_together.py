"""Several processes opening one new SQLite log at the same moment all succeed.

Daemons sharing a PostgreSQL log keep a replica file per machine, and several started together
on one machine open it at once. SQLite answers "database is locked" to a change of journal mode
without waiting, so before the WAL switch was retried about one start in eight failed with
"cannot switch to WAL mode (database is locked)"."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

OPENERS = 6
ROUNDS = 12


def _open_once(path: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    from monitor.store.sqlite import SQLiteEventStore

    barrier.wait(timeout=30)
    try:
        SQLiteEventStore(path).close()
        results.put("ok")
    except Exception as exc:  # reported to the parent, which names it
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.timeout(240)
def test_processes_opening_a_new_file_together_all_get_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    failures = []
    for round_number in range(ROUNDS):
        path = str(tmp_path / f"monitor-{round_number}.db")
        barrier, results = context.Barrier(OPENERS), context.Queue()
        openers = [context.Process(target=_open_once, args=(path, barrier, results)) for _ in range(OPENERS)]
        for opener in openers:
            opener.start()
        outcomes = [results.get(timeout=60) for _ in openers]
        for opener in openers:
            opener.join(timeout=30)
        failures += [outcome for outcome in outcomes if outcome != "ok"]
    assert failures == [], f"{len(failures)} opens failed, the first: {failures[0]}"
