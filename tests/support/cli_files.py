"""The `monitor` command as a subprocess, a polled demo database, and folders that cannot be written.

Read-only media and full disks are real: a read-only bind mount or a small tmpfs in a
private mount namespace (``unshare -m``, as root), so nothing outside the test sees them.
Where that is not permitted, the tests that need it skip and say why.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_FEEDS = ROOT / "examples" / "feeds"


def monitor_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("MONITOR_CONFIG", None)
    return env


def monitor(
    *args: str, cwd: Path, timeout: float = 120, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`python -m monitor ARGS` in ``cwd``, as a user would type it (``env``: variables set for it)."""
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        env=monitor_env(**(env or {})),
    )


def monitor_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", *args]


DEMO_CONFIG = """\
[store]
path = "monitor.db"

[schedule]
jitter_seconds = 0

[fetch]
parse_workers = 1

[[feeds]]
id = "harbour-wire"
url = "feeds/harbour-wire.xml"
outlet = "Harbour Wire"

[[feeds]]
id = "eastern-desk"
url = "feeds/eastern-desk.atom"
outlet = "Eastern Desk"

[[feeds]]
id = "frontline-notes"
url = "feeds/frontline-notes.xml"
outlet = "Frontline Notes"

[alerts]
to = ["analyst@example.org"]
from = "monitor@example.org"
first_poll_summary = false
outbox_dir = "outbox"
"""


def polled_demo(folder: Path) -> Path:
    """``folder`` with the demo's feeds and a config beside them, polled once; returns the database."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO_FEEDS, folder / "feeds")
    (folder / "config.toml").write_text(DEMO_CONFIG)
    polled = monitor("poll", cwd=folder)
    assert polled.returncode == 0, polled.stderr
    return folder / "monitor.db"


@lru_cache(maxsize=1)
def mount_namespace() -> str | None:
    """Why private mounts are not possible here, or None when they are."""
    unshare = shutil.which("unshare")
    if unshare is None or shutil.which("mount") is None:
        return "unshare or mount is not installed"
    with tempfile.TemporaryDirectory() as scratch:
        probe = subprocess.run(
            [unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {shlex.quote(scratch)}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    if probe.returncode != 0:
        return f"a private mount namespace is not permitted here ({probe.stderr.strip()[:120]})"
    return None


def run_with_read_only(
    folder: Path, argv: list[str], *, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``argv`` run while ``folder`` is a read-only bind mount of itself (only that process sees it)."""
    quoted = shlex.quote(str(folder))
    script = f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} && exec {shlex.join(argv)}"
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or monitor_env(),
    )


def is_read_only_there(folder: Path) -> bool:
    """The bind mount really refuses writes (so a passing test proves something)."""
    probe = run_with_read_only(folder, ["touch", str(folder / ".probe")], cwd=folder, timeout=30)
    return probe.returncode != 0 and "Read-only file system" in probe.stderr
