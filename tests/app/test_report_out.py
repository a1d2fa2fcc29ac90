"""`monitor report --out` replaces only a regular file, atomically; anything else at the target
(a symlink, a FIFO, a device node, a folder it cannot write) is one line and exit 2, untouched."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.support.cli_files import is_read_only_there, monitor, monitor_argv, mount_namespace, run_with_read_only

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n')
    assert monitor("poll", cwd=tmp_path).returncode == 0  # an empty database with its baseline
    return tmp_path


def refused(result, target: Path, kind: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"monitor: {target}: ") and kind in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_regular_file_is_replaced_atomically(folder: Path):
    target = folder / "page.html"
    target.write_text("old page")
    target.chmod(0o600)
    inode = target.stat().st_ino
    result = monitor("report", "--out", str(target), cwd=folder)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert leftovers(folder) == []


def test_a_symlink_is_refused_and_its_target_kept(folder: Path):
    precious = folder / "precious.txt"
    precious.write_text("keep me")
    link = folder / "page.html"
    link.symlink_to(precious)
    refused(monitor("report", "--out", str(link), cwd=folder), link, "symbolic link")
    assert link.is_symlink() and precious.read_text() == "keep me"
    dangling = folder / "dangling.html"
    dangling.symlink_to(folder / "nowhere" / "x.html")
    refused(monitor("report", "--out", str(dangling), cwd=folder), dangling, "symbolic link")
    assert leftovers(folder) == []


def test_a_fifo_is_refused_without_blocking(folder: Path):
    fifo = folder / "page.html"
    os.mkfifo(fifo)
    opened = threading.Event()

    def reader() -> None:  # should the report open the FIFO, this end lets it through: the test would see it
        with open(fifo, "rb") as handle:
            opened.set()
            handle.read()

    threading.Thread(target=reader, daemon=True).start()
    refused(monitor("report", "--out", str(fifo), cwd=folder, timeout=60), fifo, "FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and not opened.is_set()
    with open(fifo, "wb"):  # release the reader thread
        pass


def test_a_device_node_is_refused(folder: Path):
    device = folder / "full"
    try:  # the same device as /dev/full (1, 7), made here so nothing outside the test is at risk
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    refused(monitor("report", "--out", str(device), cwd=folder), device, "a device")
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert leftovers(folder) == []


def test_an_unwritable_folder_is_one_line(folder: Path, tmp_path_factory: pytest.TempPathFactory):
    shelf = tmp_path_factory.mktemp("shelf")
    target = shelf / "page.html"
    if mount_namespace() is None:
        assert is_read_only_there(shelf)
        result = run_with_read_only(shelf, monitor_argv("report", "--out", str(target)), cwd=folder)
        refused(result, target, "Read-only file system")
    elif os.geteuid() != 0:
        shelf.chmod(0o555)
        refused(monitor("report", "--out", str(target), cwd=folder), target, "Permission denied")
    else:
        pytest.skip(f"root writes through permissions and {mount_namespace()}")
    assert not target.exists()


def test_out_dash_is_the_page_on_stdout_as_diff_dash_is_stdin(folder: Path):
    """`--out -` once wrote a file named "-" and said "report written to -"."""
    result = monitor("report", "--out", "-", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().lower().startswith("<!doctype html>") and result.stdout.rstrip().endswith("</html>")
    assert "report written" not in result.stdout
    assert not (folder / "-").exists() and leftovers(folder) == []
