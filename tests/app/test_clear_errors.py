"""One clear line instead of a traceback or a wrong message: a full disk (a real, small tmpfs),
numbers in the config that cannot be durations, a config file that is not UTF-8."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from monitor.store import NewEvent, SQLiteEventStore, StoreError
from tests.support.cli_files import DEMO_CONFIG, DEMO_FEEDS, monitor, monitor_env, mount_namespace, polled_demo

pytestmark = pytest.mark.timeout(300)

# Runs inside `unshare -m`: a tmpfs only this process tree sees, filled to the last block.
FULL_DISK_DRIVER = textwrap.dedent("""
    import json, os, shutil, subprocess, sys
    folder, size = sys.argv[1], sys.argv[2]
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder], check=True)
    for name in os.listdir(sys.argv[3]):
        shutil.copy(os.path.join(sys.argv[3], name), folder)
    os.mkdir(os.path.join(folder, "feeds"))
    for name in os.listdir(sys.argv[4]):
        shutil.copy(os.path.join(sys.argv[4], name), os.path.join(folder, "feeds"))

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "monitor", *args], cwd=folder, capture_output=True,
                              text=True, timeout=120)
        return {"args": list(args), "rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    steps = [run("poll", "--feed", "harbour-wire")]
    filler = os.path.join(folder, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    for size in (65536, 4096, 1):  # every free block, down to the last byte
        try:
            while True:
                os.write(fd, b"\\0" * size)
        except OSError:
            pass
    os.close(fd)
    steps += [run("poll", "--feed", "eastern-desk", "--feed", "frontline-notes"), run("rebuild"), run("verify")]
    os.remove(filler)
    steps += [run("poll", "--feed", "eastern-desk", "--feed", "frontline-notes"), run("verify"),
              run("articles", "--all", "--json")]
    print(json.dumps(steps))
""")


def test_a_full_disk_says_the_disk_is_full_and_loses_nothing(tmp_path: Path):
    if mount_namespace() is not None:
        pytest.skip(
            f"no real small filesystem here: {mount_namespace()}; "
            "test_a_full_database_says_so below covers the store with max_page_count"
        )
    seed, data = tmp_path / "seed", tmp_path / "data"
    seed.mkdir()
    data.mkdir()
    (seed / "config.toml").write_text(DEMO_CONFIG)
    driver = tmp_path / "driver.py"
    driver.write_text(FULL_DISK_DRIVER)
    done = subprocess.run(
        ["unshare", "-m", sys.executable, str(driver), str(data), "4m", str(seed), str(DEMO_FEEDS)],
        capture_output=True,
        text=True,
        timeout=280,
        env=monitor_env(),
    )
    assert done.returncode == 0, done.stderr
    first, full_poll, full_rebuild, full_verify, later_poll, later_verify, listed = json.loads(done.stdout)
    assert first["rc"] == 0, first["stderr"]
    for step in (full_poll, full_rebuild):
        assert step["rc"] == 2, step
        assert "disk is full" in step["stderr"], step["stderr"]
        assert "rollback" not in step["stderr"].lower() and "Traceback" not in step["stderr"]
        assert len(step["stderr"].strip().splitlines()) == 1, step["stderr"]
    assert full_verify["rc"] == 0, full_verify["stderr"]  # reading needs no space; nothing half-written
    # Space again: the same poll succeeds and loses nothing.
    assert later_poll["rc"] == 0, later_poll["stderr"]
    assert later_verify["rc"] == 0, later_verify["stderr"]
    assert len(json.loads(listed["stdout"])) == 15


def test_a_full_database_says_so(tmp_path: Path):
    """The same failure without a small filesystem: SQLite's max_page_count stands in for one."""
    store = SQLiteEventStore(tmp_path / "m.db")
    try:
        store.append([NewEvent("s", "Small", {"n": 0})])
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(StoreError) as raised:
            store.append([NewEvent("s", "Big", {"pad": "x" * 200_000})])
        assert "disk is full" in str(raised.value) and "rollback" not in str(raised.value).lower()
        with pytest.raises(StoreError, match="disk is full"):
            with store.transaction() as db:
                db.execute("CREATE TABLE filler (x)")
                db.execute("INSERT INTO filler VALUES (?)", ["y" * 200_000])
        assert store.head()[0] == 1 and store.verify().ok
    finally:
        store.close()


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("schedule", "interval_minutes", "nan"),
        ("schedule", "interval_minutes", "inf"),
        ("schedule", "interval_minutes", "0"),
        ("fetch", "timeout_seconds", "0"),
        ("fetch", "timeout_seconds", "-inf"),
        ("fetch", "deadline_seconds", "nan"),
        ("fetch", "per_host_gap_seconds", "nan"),
        ("fetch", "per_host_gap_seconds", "inf"),
        ("schedule", "jitter_seconds", "1e300"),
        ("schedule", "misfire_grace_seconds", "0"),
        ("schedule", "max_backoff_hours", "0"),
        ("alerts", "retry_max_hours", "nan"),
        ("alerts.smtp", "timeout_seconds", "0"),
        ("alerts", "max_per_hour", "0"),  # passed, then held every alert hour after hour
    ],
)
def test_durations_that_cannot_be_waited_are_refused_at_load(tmp_path: Path, section: str, key: str, value: str):
    (tmp_path / "config.toml").write_text(f'[store]\npath = "m.db"\n[{section}]\n{key} = {value}\n')
    result = monitor("poll", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("monitor: bad config: config.toml: ") and key in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "m.db").exists()


def test_feed_interval_zero_and_a_gap_of_zero(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[[feeds]]\nid = "a"\nurl = "a.xml"\ninterval_minutes = nan\n')
    result = monitor("poll", cwd=tmp_path)
    assert result.returncode == 2 and "id 'a'" in result.stderr and "interval_minutes" in result.stderr
    # A gap of 0 between requests to one host is a real setting (no gap), not an error; so is a
    # feed-health threshold of 0 (that notice off).
    (tmp_path / "config.toml").write_text(
        '[store]\npath = "m.db"\n[fetch]\nper_host_gap_seconds = 0\n'
        "[alerts]\nfeed_failures_before_alert = 0\nfeed_silent_days = 0\n"
    )
    assert monitor("poll", cwd=tmp_path).returncode == 0


def test_a_config_that_is_not_utf8_is_one_line(tmp_path: Path):
    (tmp_path / "config.toml").write_bytes('[store]\npath = "caf\u00e9.db"\n'.encode("latin-1"))
    result = monitor("events", cwd=tmp_path)
    assert result.returncode == 2
    assert "config.toml: not UTF-8 text" in result.stderr and "save the file as UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_relative_paths_resolve_against_the_config_folder_from_anywhere(tmp_path: Path):
    """Feed files, the database and the outbox beside the config, run from another folder."""
    site = tmp_path / "site"
    shutil.copytree(DEMO_FEEDS, site / "feeds")
    (site / "monitor.toml").write_text(DEMO_CONFIG)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    polled = monitor("--config", "../site/monitor.toml", "poll", cwd=elsewhere)
    assert polled.returncode == 0, polled.stderr
    assert "15 new articles, 0 failed" in polled.stdout
    assert (site / "monitor.db").is_file() and list((site / "outbox").glob("*.eml"))
    assert list(elsewhere.iterdir()) == []
    # file: URLs with a relative path follow the same rule.
    (site / "monitor.toml").write_text(
        DEMO_CONFIG.replace('url = "feeds/', 'url = "file:feeds/').replace('"monitor.db"', '"second.db"')
    )
    again = monitor("--config", "../site/monitor.toml", "poll", cwd=elsewhere)
    assert again.returncode == 0 and "0 failed" in again.stdout, again.stdout + again.stderr


def test_a_log_with_an_event_of_a_newer_release_is_refused_and_shown_as_far_as_it_reads(tmp_path: Path):
    """An ArticleDiscovered in a shape a later release writes (several daemons on one log,
    one upgraded first): the writing commands refuse in one line naming it, the read
    commands show what the tables hold and say why they stop, and nothing is changed."""
    db = polled_demo(tmp_path)
    with SQLiteEventStore(db) as store:
        store.append(
            [NewEvent("article:later", "ArticleDiscovered", {"fields": "of a later release"}, schema_version=9)]
        )
        head = store.head()
    position = head[0]
    newer = f"event at position {position} (ArticleDiscovered) has data shape 9, this release reads up to shape 2"
    for command in (["poll"], ["rebuild"], ["reprocess"]):
        result = monitor(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert newer in result.stderr and "upgrade nkru-monitor" in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    listed = monitor("articles", "--all", "--json", cwd=tmp_path)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 15  # what was read before it
    assert newer in listed.stderr and "Traceback" not in listed.stderr
    with SQLiteEventStore(db) as store:
        assert store.head() == head and store.verify().ok


@pytest.mark.parametrize("host", ["", "smtp .example.org", " "])
def test_an_smtp_host_that_is_no_host_name_is_refused_at_load(tmp_path: Path, host: str):
    """Like every other key, before the database exists; it used to pass the load and fail
    every alert of every poll with the same complaint."""
    (tmp_path / "config.toml").write_text(
        f'[store]\npath = "m.db"\n[alerts]\nto = ["a@example.org"]\n[alerts.smtp]\nhost = "{host}"\n'
    )
    result = monitor("poll", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"monitor: bad config: config.toml: [alerts.smtp] host {host!r} is not a host name\n"
    assert not (tmp_path / "m.db").exists()


# Runs inside `unshare -m`: `monitor run` on a tmpfs that fills up while it runs, then has room again.
DAEMON_FULL_DISK_DRIVER = textwrap.dedent("""
    import json, os, shutil, signal, subprocess, sys, time
    folder, size, config, log_path = sys.argv[1:5]
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder], check=True)
    shutil.copy(config, folder)

    def lines():
        with open(log_path) as log:
            return [json.loads(line) for line in log if line.startswith("{")]

    def wait_for_news(after, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(r.get("event") == "poll" and r.get("new") for r in lines()[after:]):
                return True
            time.sleep(0.2)
        return False

    with open(log_path, "w") as log:
        daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run"], cwd=folder, stderr=log,
                                  stdout=subprocess.DEVNULL)
    report = {"first_news": wait_for_news(0, 60)}
    # (counted from before the filling: a poll that meets the full disk while it fills logs the one error line, and
    # the repeats after it are held back, so a window opened after the filling could see none)
    report["full_from"], before = time.monotonic(), len(lines())
    filler = os.path.join(folder, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    for size in (65536, 4096, 1):  # every free block, down to the last byte
        try:
            while True:
                os.write(fd, b"\\0" * size)
        except OSError:
            pass
    os.close(fd)
    time.sleep(8)
    report["full_until"], report["lines_while_full"] = time.monotonic(), lines()[before:]
    os.remove(filler)
    report["news_after"] = wait_for_news(len(lines()), 30)
    daemon.send_signal(signal.SIGTERM)
    report["rc"] = daemon.wait(timeout=30)
    verify = subprocess.run([sys.executable, "-m", "monitor", "verify"], cwd=folder, capture_output=True,
                            text=True, timeout=120)
    report["verify"] = verify.returncode
    print(json.dumps(report))
""")


def test_a_daemon_whose_disk_fills_says_so_once_waits_and_carries_on(tmp_path: Path, http_server):
    """A full disk under `monitor run` used to repoll every feed at once, over and over (the log
    still said it was due): thousands of identical error lines a minute and a feed server hammered."""
    if mount_namespace() is not None:
        pytest.skip(f"no real small filesystem here: {mount_namespace()}")
    from tests.support.poll_support import items, rss, write_config

    served = {"a": 0, "b": 0}

    def fresh(req, name: str) -> None:  # new entries at every poll: every poll has something to write
        served[name] += 1
        req.send(200, rss(items(f"{name}{served[name]}", 3)))

    for name in served:
        http_server.route(f"/{name}.xml", lambda req, name=name: fresh(req, name))
    seed, data = tmp_path / "seed", tmp_path / "data"
    seed.mkdir()
    data.mkdir()
    config = write_config(seed, {n: http_server.url(f"/{n}.xml") for n in served}, interval_minutes=0.02)
    config.write_text(config.read_text().replace(str(seed / "outbox"), "outbox"))
    driver = tmp_path / "driver.py"
    driver.write_text(DAEMON_FULL_DISK_DRIVER)
    done = subprocess.run(
        ["unshare", "-m", sys.executable, str(driver), str(data), "3m", str(config), str(tmp_path / "daemon.log")],
        capture_output=True,
        text=True,
        timeout=280,
        env=monitor_env(),
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["first_news"], (tmp_path / "daemon.log").read_text()[-3000:]
    full = report["lines_while_full"]
    errors = [line for line in full if line["event"].endswith("_error")]
    assert errors and all("disk is full" in line["error"] for line in errors), full
    assert len(full) <= 6, f"{len(full)} lines in 8 s of a full disk"
    hits = [hit for name in served for hit in http_server.hits(f"/{name}.xml")]
    while_full = [hit for hit in hits if report["full_from"] < hit.at < report["full_until"]]
    # Two feeds due every 1.2 s: at most one poll each per interval, not one after another.
    assert len(while_full) <= 2 * (8 / 1.2) + 2, f"{len(while_full)} fetches in 8 s of a full disk"
    assert report["news_after"], "no new articles recorded once the disk had room again"
    assert report["rc"] == 0 and report["verify"] == 0


PASTED_SECRET = "s3cr3t-Pasted!"


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("store", "password_env", f'"{PASTED_SECRET}"'),
        ("store", "password_env", "20261207"),  # a numeric password: not a string either, still not echoed
        ("alerts.smtp", "password_env", f'"{PASTED_SECRET}"'),
        ("alerts", "notify_env", f'"{PASTED_SECRET}"'),
        ("alerts", "webhook_secret_env", f'"{PASTED_SECRET}"'),
    ],
)
def test_a_secret_pasted_where_a_variable_name_belongs_is_refused_without_echoing_it(
    tmp_path: Path, section: str, key: str, value: str
):
    """Every *_env key names an environment variable; one that holds anything else (most often the
    secret itself) is one line naming the key, before the database exists, and never quotes it."""
    store = '[store]\npath = "m.db"\nurl = "postgresql:///nkru"\n' if section == "store" else '[store]\npath = "m.db"\n'
    body = f"{key} = {value}\n" if section == "store" else f"[{section}]\n{key} = {value}\n"
    (tmp_path / "config.toml").write_text(store + body)
    result = monitor("poll", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"monitor: bad config: config.toml: [{section}]: {key} must name an environment")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert PASTED_SECRET not in result.stderr + result.stdout and "20261207" not in result.stderr
    assert not (tmp_path / "m.db").exists()


def test_migrate_refuses_a_password_env_that_is_no_variable_name_without_echoing_it(tmp_path: Path):
    (tmp_path / "config.toml").write_text('[store]\npath = "m.db"\n')
    result = monitor("migrate", "--to", "postgresql:///nkru", "--password-env", PASTED_SECRET, cwd=tmp_path)
    assert result.returncode == 2 and "--password-env must name an environment variable" in result.stderr
    assert PASTED_SECRET not in result.stderr + result.stdout
