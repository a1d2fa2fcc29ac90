"""A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, or a server named by an env var.

``MONITOR_TEST_PG_URL`` (a URL whose user may CREATE DATABASE) selects an existing server;
otherwise :class:`ThrowawayCluster` runs ``initdb`` into a temporary folder (as the
``postgres`` user when we are root, since initdb refuses root), starts it with ``pg_ctl``
on a free loopback port with trust authentication, and removes it on :meth:`stop`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

URL_VARIABLE = "MONITOR_TEST_PG_URL"
START_TIMEOUT_SECONDS = 60


class NoPostgres(RuntimeError):
    """No server is given and the PostgreSQL server binaries cannot be found or run."""


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: pg_config's, Debian's versioned folder, or PATH."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(Path(found.stdout.strip()))
        except (OSError, subprocess.TimeoutExpired):
            pass
    # Debian puts the server in /usr/lib/postgresql/<major>/bin, newest first.
    candidates += [
        Path(p)
        for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    ]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayCluster:
    """initdb + pg_ctl in a temporary folder; ``url`` is the superuser's URL once started.

    ``durable=False`` turns fsync off: right for tests, wrong for benchmarks.
    """

    def __init__(self, *, durable: bool = False, port: int | None = None):
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise NoPostgres(
                "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; "
                "install them (Debian: apt-get install postgresql) or set "
                f"{URL_VARIABLE} to a server's URL"
            )
        self.bin_dir = bin_dir
        self.durable = durable
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="monitor-pg-"))
        self.data = self.folder / "data"
        self.run_as = self._unprivileged_user()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _unprivileged_user() -> pwd.struct_passwd | None:
        if os.geteuid() != 0:
            return None
        try:
            return pwd.getpwnam("postgres")
        except KeyError:
            raise NoPostgres("running as root and there is no `postgres` user to run initdb as") from None

    def _run(self, *args: str, timeout: float = START_TIMEOUT_SECONDS) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        user = self.run_as
        kwargs: dict[str, object] = {}
        if user is not None:
            # initdb and postgres refuse to run as root; drop to the postgres user in the child.
            kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            **kwargs,
        )  # type: ignore[call-overload]

    def start(self) -> ThrowawayCluster:
        if self.run_as is not None:
            os.chown(self.folder, self.run_as.pw_uid, self.run_as.pw_gid)
        made = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if made.returncode != 0:
            self._remove()
            raise NoPostgres(f"initdb failed: {made.stderr.strip() or made.stdout.strip()}")
        self.serve()
        return self

    def serve(self) -> None:
        """Start the server on the cluster's data (again, after :meth:`halt`)."""
        options = [
            f"-c listen_addresses=127.0.0.1 -c port={self.port}",
            f"-c unix_socket_directories={self.folder}",
            "-c max_connections=200",
        ]
        if not self.durable:
            options.append("-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        started = self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            " ".join(options),
            "-w",
            "-t",
            str(START_TIMEOUT_SECONDS),
            "start",
        )
        if started.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-800:] if log.exists() else started.stderr
            self._remove()
            raise NoPostgres(f"pg_ctl could not start the cluster: {detail.strip()}")

    def halt(self) -> None:
        """Stop the server as a crash or a power cut would, keeping its data (:meth:`serve` restarts it)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)

    def freeze(self) -> None:
        """SIGSTOP the server and its backends: connections stay open and nothing answers, as with a
        server whose disk hangs or a host paused under it (:meth:`thaw` lets it go on)."""
        self._signal_all(signal.SIGSTOP)

    def thaw(self) -> None:
        self._signal_all(signal.SIGCONT)

    def _signal_all(self, signum: int) -> None:
        import psutil  # a test dependency, as this module is test support

        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():  # not running
            return
        try:
            postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
            for process in [postmaster, *postmaster.children(recursive=True)]:
                process.send_signal(signum)
        except psutil.NoSuchProcess:  # ended meanwhile
            pass

    def stop(self) -> None:
        self.thaw()  # a frozen server ignores pg_ctl's stop
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        finally:
            self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def admin_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg  # only the PostgreSQL tests need it

    return psycopg.connect(url, autocommit=True, connect_timeout=10)


def create_database(admin_url: str, prefix: str = "t") -> str:
    """A new empty database on the server; returns its URL (same user and host)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin_connect(admin_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


def drop_database(admin_url: str, database_url: str) -> None:
    name = database_url.rpartition("/")[2]
    with admin_connect(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_url() -> Iterator[str]:
    """The admin URL of the server the tests use, for as long as the generator is suspended."""
    given = os.environ.get(URL_VARIABLE)
    if given:
        yield given
        return
    cluster = ThrowawayCluster().start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:  # pg_ctl -w waited already; this only guards a slow first connection
            try:
                admin_connect(cluster.url).close()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield cluster.url
    finally:
        cluster.stop()
