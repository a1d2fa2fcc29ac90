"""Every command in the README's ``sh`` blocks, run exactly as written, in order, from the root
of a fresh copy of the checkout (its tracked files, nothing else), with no network.

What is not run is listed in NOT_RUN with the reason, and a README command that is neither run
nor listed there is run with the rest, so a new command cannot escape. The copy's ``.venv`` is
a link to the environment running this test, so ``.venv/bin/monitor`` works as a fresh install
would; the steps that would create or fill that environment are the ones NOT_RUN skips (CI's
``.ci/run`` performs them from scratch on every run).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DEAD_PROXY = "http://127.0.0.1:9"

pytestmark = pytest.mark.timeout(600)

INSTALL_REASON = (
    "it would create the environment this test already provides as .venv and download every "
    "dependency; .ci/run performs it from scratch on every CI run"
)
#: Steps of a command (split on ' && ') that are not run, and why.
NOT_RUN = {
    "python3 -m venv .venv": INSTALL_REASON,
    ".venv/bin/pip install -e .": INSTALL_REASON,
    ".venv/bin/pip install -e '.[test]'": INSTALL_REASON,
    ".venv/bin/python -m pytest": "the whole suite, run from inside the suite, would recurse; .ci/run runs it "
    "(and test_cli_store checks .ci/run and the README use the same command)",
    "pip install datasette": "an optional tool from PyPI, not a dependency, and this test has no network",
    ".venv/bin/ruff check .": "part of CI's test command, which .ci/run runs as a whole",
    ".venv/bin/mypy": "part of CI's test command, which .ci/run runs as a whole",
    ".venv/bin/pip install -e '.[postgres]'": INSTALL_REASON,
    "createdb nkru": "needs a PostgreSQL server; tests/store/test_readme_scaling_out.py runs the scaling-out "
    "commands against one on 127.0.0.1",
    ".venv/bin/monitor migrate --to postgresql:///nkru": "needs a PostgreSQL server; "
    "tests/store/test_readme_scaling_out.py runs it",
}

#: What a command must print (stdout + stderr), by a fragment of the command.
EXPECTED_OUTPUT = {
    "examples/demo.toml poll": ["3 feeds polled: 15 new articles, 0 failed"],
    "examples/demo.toml report": ["report written to", "examples/demo-data/report.html"],
}


def sh_blocks(text: str) -> list[str]:
    return [
        body for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL) if lang == "sh"
    ]


def readme_commands() -> list[str]:
    """Each command line of the README's sh blocks, in order, as written."""
    commands = []
    for block in sh_blocks(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(line.strip())
    return commands


def steps_to_run(command: str) -> tuple[list[str], list[str]]:
    """(steps run, steps not run with their reason) of one command line."""
    code = command.split("  #", 1)[0].split(" # ", 1)[0].strip()
    run, skipped = [], []
    for step in code.split(" && "):
        if step.strip() in NOT_RUN:
            skipped.append(f"{step.strip()}: {NOT_RUN[step.strip()]}")
        else:
            run.append(step.strip())
    return run, skipped


def test_every_fenced_block_is_a_command_block_or_sample_output():
    text = README.read_text(encoding="utf-8")
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
        assert lang in ("sh", "toml", "cron") or all(
            line.startswith("monitor: ") for line in body.strip().splitlines()
        ), f"a ```{lang} block that is neither sh commands, a config file nor sample output: {body[:80]!r}"
    assert readme_commands(), "no commands found in the README"


def fresh_copy(destination: Path) -> Path:
    """The checkout's tracked files (as they are in the working tree), and nothing else."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, timeout=60)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: there is no list of tracked files to copy")
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def offline_prefix() -> list[str]:
    """`unshare -n` (no network at all) where permitted; otherwise dead proxies stand in."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=10).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fresh_copy(tmp_path_factory.mktemp("fresh") / "nkru-monitor")
    environment = Path(sys.prefix)
    if not (environment / "bin" / "monitor").exists():
        pytest.skip(
            f"the test runs outside a virtual environment with `monitor` installed ({sys.prefix}); "
            "the README's .venv/bin commands need one"
        )
    (root / ".venv").symlink_to(environment, target_is_directory=True)
    return root


def environment_for(root: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HTTP_PROXY": DEAD_PROXY,
        "HTTPS_PROXY": DEAD_PROXY,
        "ALL_PROXY": DEAD_PROXY,
        "http_proxy": DEAD_PROXY,
        "https_proxy": DEAD_PROXY,
        "NO_PROXY": "",
        # The linked environment's `monitor` is installed from this worktree; the copy's own files run instead.
        "PYTHONPATH": str(root),
    }
    env.pop("MONITOR_CONFIG", None)
    return env


def run_daemon(command: str, root: Path) -> subprocess.CompletedProcess:
    """`monitor run` as the README shows it: it starts, polls, and exits 0 on SIGTERM."""
    process = subprocess.Popen(
        [*offline_prefix(), "sh", "-c", f"exec {command}"],
        cwd=root,
        env=environment_for(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (root / "monitor.db").exists():
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        time.sleep(2)  # let the first poll of the (unreachable) feeds begin
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def test_every_readme_command_runs_as_written_from_a_fresh_checkout(checkout: Path):
    ran, not_run = [], []
    for command in readme_commands():
        steps, skipped = steps_to_run(command)
        not_run.extend(skipped)
        if not steps:
            continue
        line = " && ".join(steps)
        program = line.split()[0]
        if not program.startswith(".venv/") and shutil.which(program) is None:
            not_run.append(f"{line}: {program} is not installed here")
            continue
        if line.endswith("monitor run"):
            result = run_daemon(line, checkout)
            assert result.returncode == 0, result.stderr
            logged = [
                json.loads(entry)
                for entry in result.stdout.splitlines() + result.stderr.splitlines()
                if entry.startswith("{")
            ]
            assert {"started", "stopped"} <= {entry.get("event") for entry in logged}, result.stderr[-2000:]
        else:
            result = subprocess.run(
                [*offline_prefix(), "sh", "-c", line],
                cwd=checkout,
                env=environment_for(checkout),
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
            for fragment, expected in EXPECTED_OUTPUT.items():
                if fragment in line:
                    for text in expected:
                        assert text in result.stdout + result.stderr, (line, result.stdout, result.stderr)
        ran.append(line)
    print("ran:", *ran, "not run:", *not_run, sep="\n  ")
    # The demo's outputs landed where the README says, inside the copy.
    assert (checkout / "examples" / "demo-data" / "monitor.db").is_file()
    assert list((checkout / "examples" / "demo-data" / "outbox").glob("*.eml"))
    assert (checkout / "examples" / "demo-data" / "report.html").is_file()
    assert any(line.endswith("monitor run") for line in ran)
    assert sum("examples/demo.toml" in line for line in ran) >= 2
