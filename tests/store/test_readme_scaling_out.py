"""The README's "Scaling out" section, run as written from the repository root against the test server.

libpq's PGHOST, PGPORT and PGUSER point its commands at the test's PostgreSQL, and
MONITOR_CONFIG at a config whose SQLite log has a few events; the commands are the README's.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.app.test_cli_store import monitor
from tests.support.pg_cluster import admin_connect

ROOT = Path(__file__).resolve().parents[2]


def section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("## Scaling out", 1)[1].split("\n## ", 1)[0]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(), flags=re.DOTALL)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_scaling_out_commands_run_as_written(pg_server: str, tmp_path: Path):
    if not (ROOT / ".venv" / "bin" / "monitor").exists():
        pytest.skip("the README's commands use .venv/ at the repository root, which does not exist here")
    (commands,) = blocks("sh")
    (config_block,) = blocks("toml")
    server = urlsplit(pg_server)
    env = {
        **os.environ,
        "PGHOST": server.hostname or "127.0.0.1",
        "PGPORT": str(server.port or 5432),
        "PGUSER": server.username or "postgres",
        "MONITOR_CONFIG": str(tmp_path / "config.toml"),
    }
    with admin_connect(pg_server) as conn:
        conn.execute('DROP DATABASE IF EXISTS "nkru" WITH (FORCE)')
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n')
    assert monitor("poll", cwd=tmp_path).returncode == 0  # an SQLite log to migrate: the baseline
    try:
        ran = subprocess.run(
            ["bash", "-e", "-c", commands], cwd=ROOT, env=env, capture_output=True, text=True, timeout=500
        )
        assert ran.returncode == 0, ran.stderr[-3000:]
        assert "verified at both ends" in ran.stdout
        # The config the section shows, as written, next to the migrated file: the shared log opens.
        config = tomllib.loads(config_block)
        assert config["store"]["url"] == "postgresql:///nkru" and config["store"]["path"] == "monitor.db"
        (tmp_path / "config.toml").write_text(config_block)
        verify = monitor("verify", cwd=tmp_path, env=env)
        assert verify.returncode == 0 and verify.stdout.startswith("ok: 1 events"), verify.stderr
    finally:
        with admin_connect(pg_server) as conn:
            conn.execute('DROP DATABASE IF EXISTS "nkru" WITH (FORCE)')
