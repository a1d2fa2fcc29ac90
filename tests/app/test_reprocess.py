"""`monitor reprocess` after an upgrade: history is re-read without mail, and news stays news."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from monitor import events as ev
from monitor.locks import SchedulerLock
from monitor.pipeline import process_pending
from tests.support.alert_app import SHELLS_5M, TROOPS_11K, config_data, discover, make_app, make_config, write_config
from tests.support.cli_files import monitor_env


def reprocess(tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "reprocess"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=monitor_env(),
    )


def alerted_articles(app) -> list[str]:
    return sorted(e.data["article_id"] for e in app.store.read_all(types=[ev.ALERT_QUEUED]))


def test_reprocess_leaves_articles_no_cycle_processed_to_the_next_poll_and_their_alerts(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", config_data(tmp_path))
    app = make_app(make_config(tmp_path))
    discover(app, "seen-before", SHELLS_5M)
    process_pending(app)
    # A poll that a stop (or a crash) cut short after recording it, before processing it:
    # the operator then upgrades and reprocesses before starting the daemon again.
    discover(app, "found-at-the-stop", TROOPS_11K, published="2024-11-04")
    app.close()
    done = reprocess(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "reprocessed 1 articles: 0 with new results, 1 unchanged; "
        "1 not processed yet, left to the next poll (with their alerts)"
    )
    app = make_app(make_config(tmp_path))
    try:
        process_pending(app)  # the next cycle: the article is news, and alerted on once
        assert alerted_articles(app) == ["found-at-the-stop", "seen-before"]
        assert reprocess(tmp_path).stdout.startswith("reprocessed 2 articles: 0 with new results, 2 unchanged\n")
        assert alerted_articles(app) == ["found-at-the-stop", "seen-before"]
    finally:
        app.close()


def test_reprocess_does_not_run_beside_a_scheduler_on_the_same_database(tmp_path: Path) -> None:
    write_config(tmp_path / "config.toml", config_data(tmp_path))
    app = make_app(make_config(tmp_path))
    discover(app, "a1", SHELLS_5M)
    db = app.db_path
    app.close()
    with SchedulerLock(db):  # what `monitor run` holds
        done = reprocess(tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("monitor: ") and "a scheduler is already running on this database" in done.stderr
    assert len(done.stderr.splitlines()) == 1
