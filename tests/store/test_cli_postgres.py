"""`[store] url` from the user's side: the CLI on a PostgreSQL log, its errors, and `monitor migrate`."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.app.test_cli_store import monitor
from tests.support.pg_cluster import admin_connect, free_port

pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")


def config(folder: Path, *lines: str) -> Path:
    (folder / "config.toml").write_text("[store]\n" + "\n".join(lines) + "\n")
    return folder


def one_line_exit_2(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_events_and_verify_on_a_postgres_log(pg_url: str, tmp_path: Path):
    work = config(tmp_path, f'url = "{pg_url}"', 'path = "copy.db"')
    # As with SQLite, a read command creates nothing: it names the missing log and what to run.
    for command in (["events"], ["verify"], ["claims"]):
        line = one_line_exit_2(monitor(*command, cwd=work))
        assert "no event log in this database yet" in line and "monitor poll" in line
    with admin_connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('events')").fetchone()[0] is None
    assert not (tmp_path / "copy.db").exists()
    diff = monitor("diff", "-", "--json", cwd=work, stdin="North Korea sent 2 million shells to Russia.")
    assert diff.returncode == 0, diff.stderr  # the shipped baseline, as without a database
    assert monitor("poll", cwd=work).returncode == 0  # no feeds: creates the log with its baseline
    result = monitor("events", "--json", cwd=work)
    assert result.returncode == 0, result.stderr
    assert [e["type"] for e in json.loads(result.stdout)] == ["BaselineSet"]
    verify = monitor("verify", cwd=work)
    assert verify.returncode == 0 and verify.stdout.startswith("ok:"), verify.stderr
    with admin_connect(pg_url) as conn:  # the log is in PostgreSQL, the copy beside the config
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    assert (tmp_path / "copy.db").exists()


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://me@127.0.0.1/x", "must start with postgresql://"),
        ("postgresql://me:hunter2@127.0.0.1/x", "holds a password"),
    ],
)
def test_a_bad_url_is_a_config_error(tmp_path: Path, url: str, message: str):
    line = one_line_exit_2(monitor("events", cwd=config(tmp_path, f'url = "{url}"')))
    assert message in line and "[store] url" in line and "hunter2" not in line


def test_an_unreachable_server_is_one_line_and_exit_2(tmp_path: Path):
    url = f"postgresql://me@127.0.0.1:{free_port()}/monitor"
    line = one_line_exit_2(monitor("events", cwd=config(tmp_path, f'url = "{url}"')))
    assert "127.0.0.1" in line and "server runs" in line


def test_missing_rights_are_one_line_and_exit_2(pg_url: str, tmp_path: Path):
    role = f"norights_{os.getpid()}"
    with admin_connect(pg_url) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    base, _, dbname = pg_url.rpartition("/")
    url = base.replace("postgres@", f"{role}@", 1) + "/" + dbname
    try:
        line = one_line_exit_2(monitor("poll", cwd=config(tmp_path, f'url = "{url}"')))
        assert "may not create the log's tables" in line
    finally:
        with admin_connect(pg_url) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


def test_password_env_naming_an_unset_variable(pg_url: str, tmp_path: Path):
    work = config(tmp_path, f'url = "{pg_url}"', 'password_env = "MONITOR_TEST_NO_SUCH_VARIABLE"')
    line = one_line_exit_2(monitor("events", cwd=work))
    assert "MONITOR_TEST_NO_SUCH_VARIABLE" in line
    ok = monitor("poll", cwd=work, env={"MONITOR_TEST_NO_SUCH_VARIABLE": "anything"})  # trust auth
    assert ok.returncode == 0, ok.stderr


def test_password_env_without_url_is_a_config_error(tmp_path: Path):
    line = one_line_exit_2(monitor("events", cwd=config(tmp_path, 'password_env = "PW"')))
    assert "password_env" in line


# -- monitor migrate -------------------------------------------------------------------


def sqlite_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    finally:
        conn.close()


def test_migrate_copies_the_log_event_for_event(pg_url: str, tmp_path: Path):
    from monitor.store import NewEvent, SQLiteEventStore

    work = config(tmp_path, 'path = "m.db"')
    assert monitor("poll", cwd=work).returncode == 0  # no feeds: creates the log with its baseline
    with SQLiteEventStore(tmp_path / "m.db") as lite:
        lite.append(
            [
                NewEvent(f"article:{i % 50}", "ArticleDiscovered", {"article_id": str(i), "text": "x" * i})
                for i in range(6000)
            ]
        )
    result = monitor("migrate", "--to", pg_url, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "6001 events" in result.stdout and "verified" in result.stdout
    with admin_connect(pg_url) as conn:
        copied = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    assert [tuple(r) for r in copied] == sqlite_rows(tmp_path / "m.db")

    # Then the daemon's config names the URL, and the same file carries on as the local copy.
    config(tmp_path, 'path = "m.db"', f'url = "{pg_url}"')
    verify = monitor("verify", cwd=work)
    assert verify.returncode == 0 and "6001" in verify.stdout, verify.stderr


def test_migrate_refuses_a_target_that_holds_events(pg_url: str, tmp_path: Path):
    work = config(tmp_path, 'path = "m.db"')
    assert monitor("poll", cwd=work).returncode == 0
    assert monitor("migrate", "--to", pg_url, cwd=work).returncode == 0
    again = one_line_exit_2(monitor("migrate", "--to", pg_url, cwd=work))
    assert "not empty" in again
    with admin_connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_migrate_refuses_a_bad_source_and_a_bad_target(tmp_path: Path):
    work = config(tmp_path, 'path = "m.db"')
    line = one_line_exit_2(monitor("migrate", "--to", "postgresql://me@127.0.0.1/x", cwd=work))
    assert "m.db" in line  # no such database: nothing to migrate
    assert monitor("poll", cwd=work).returncode == 0
    line = one_line_exit_2(monitor("migrate", "--to", "sqlite:///elsewhere.db", cwd=work))
    assert "postgresql://" in line


def test_migrate_refuses_a_broken_source_chain(pg_url: str, tmp_path: Path):
    work = config(tmp_path, 'path = "m.db"')
    assert monitor("poll", cwd=work).returncode == 0
    conn = sqlite3.connect(tmp_path / "m.db")
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("UPDATE events SET data = '{}' WHERE position = 1")
    conn.commit()
    conn.close()
    line = one_line_exit_2(monitor("migrate", "--to", pg_url, cwd=work))
    assert "monitor verify" in line
    with admin_connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('events') IS NULL OR (SELECT count(*) = 0 FROM events)").fetchone()[0]


def test_verify_and_events_on_a_machine_without_a_local_copy_read_the_shared_log_and_create_nothing(
    pg_url: str, tmp_path: Path
):
    """An administrator's machine, or a check run under a unit that may not write beside the config:
    `verify` and `events` read only the log, and the log is the shared one. They built a full local copy
    first (a file the docs say a read command never creates, and an error where it cannot be written)."""
    (tmp_path / "daemon").mkdir()
    daemon_side = config(tmp_path / "daemon", f'url = "{pg_url}"', 'path = "copy.db"')
    assert monitor("poll", cwd=daemon_side).returncode == 0  # no feeds: the log with its baseline
    admin = tmp_path / "admin"
    admin.mkdir()
    config(admin, f'url = "{pg_url}"', 'path = "copy.db"')
    verify = monitor("verify", cwd=admin)
    assert verify.returncode == 0 and verify.stdout.startswith("ok: 1 events"), (verify.stdout, verify.stderr)
    listed = monitor("events", "--json", cwd=admin)
    assert listed.returncode == 0, listed.stderr
    assert [e["type"] for e in json.loads(listed.stdout)] == ["BaselineSet"]
    assert not (admin / "copy.db").exists()
    with admin_connect(pg_url) as conn:  # an edit made behind the guard is still found
        conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
        conn.execute("UPDATE events SET metadata = '{\"edited\": 1}'::jsonb WHERE position = 1")
    damaged = monitor("verify", cwd=admin)
    assert damaged.returncode == 1 and "first broken position: 1" in damaged.stdout, (damaged.stdout, damaged.stderr)
    assert not (admin / "copy.db").exists()
