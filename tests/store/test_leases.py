"""Leases on the shared PostgreSQL log: one holder at a time, renewed while alive, lapsing when not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator

import pytest

from monitor.locks import LeaseLock, LockHeld
from tests.store.store_contract import REPO

pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")

from monitor.store.leases import LeaseTable  # noqa: E402
from monitor.store.postgres import PostgresEventStore  # noqa: E402


@pytest.fixture
def leases(pg_url: str) -> Iterator[LeaseTable]:
    with PostgresEventStore(pg_url) as store:
        yield LeaseTable(store)


def test_one_holder_at_a_time(leases: LeaseTable):
    assert leases.claim("feed:a", "w1", 30)
    assert not leases.claim("feed:a", "w2", 30)
    assert leases.claim("feed:a", "w1", 30)  # the holder may claim again (renewal)
    assert leases.claim("feed:b", "w2", 30)  # other names are independent
    holder = leases.holder("feed:a")
    assert holder is not None and holder.owner == "w1" and 25 < holder.seconds_left <= 30
    leases.release("feed:a", "w2")  # not the holder: no effect
    assert not leases.claim("feed:a", "w2", 30)
    leases.release("feed:a", "w1")
    assert leases.holder("feed:a") is None
    assert leases.claim("feed:a", "w2", 30)


def test_an_expired_lease_goes_to_the_next_claimant(leases: LeaseTable):
    assert leases.claim("sender", "w1", 1)
    assert not leases.claim("sender", "w2", 1)
    time.sleep(1.2)
    assert leases.holder("sender") is None
    assert leases.claim("sender", "w2", 30)
    assert not leases.renew("sender", "w1", 30)  # w1 lost it and learns so


def test_many_claimants_racing_have_one_winner(leases: LeaseTable):
    winners: list[str] = []
    barrier = threading.Barrier(8, timeout=10)

    def claim(k: int) -> None:
        barrier.wait()
        if leases.claim("feed:race", f"w{k}", 30):
            winners.append(f"w{k}")

    threads = [threading.Thread(target=claim, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(winners) == 1


def test_a_lease_lock_is_renewed_while_held(leases: LeaseTable):
    with LeaseLock(leases, "feed:slow", seconds=1, owner="w1"):
        time.sleep(2.5)  # longer than the lease: the renewals keep it
        assert not leases.claim("feed:slow", "w2", 1)
    assert leases.claim("feed:slow", "w2", 1)  # released on exit


def test_a_lease_lock_waits_a_bounded_time_and_names_the_holder(leases: LeaseTable):
    assert leases.claim("sender", "elsewhere:42", 30)
    started = time.monotonic()
    with pytest.raises(LockHeld, match="elsewhere:42"):
        with LeaseLock(leases, "sender", seconds=5, wait_seconds=0.6, owner="w1"):
            pass
    assert 0.5 < time.monotonic() - started < 5


def test_threads_of_one_process_take_turns(leases: LeaseTable):
    inside = []
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            with LeaseLock(leases, "sender", seconds=5, wait_seconds=10):
                inside.append(k)
                assert len(inside) == 1
                time.sleep(0.1)
                inside.remove(k)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors


def test_a_killed_holder_loses_its_lease_when_it_lapses(pg_url: str, leases: LeaseTable):
    script = textwrap.dedent(f"""
        import time
        from monitor.locks import LeaseLock
        from monitor.store.leases import LeaseTable
        from monitor.store.postgres import PostgresEventStore
        table = LeaseTable(PostgresEventStore({pg_url!r}))
        with LeaseLock(table, "feed:x", seconds=2):
            print("holding", flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"holding"
        time.sleep(2.5)  # alive: renewed past its first expiry
        assert not leases.claim("feed:x", "w2", 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    killed = time.monotonic()
    while not leases.claim("feed:x", "w2", 30):
        assert time.monotonic() - killed < 5, "the dead holder's lease never lapsed"
        time.sleep(0.1)


def test_alerts_are_sent_by_one_daemon_at_a_time(pg_url: str, tmp_path):
    """While another process holds the sender lease, delivery here sends nothing and says so."""
    from monitor.alerts.sender import deliver_due
    from monitor.app import open_app
    from monitor.config import load_config
    from monitor.locks import SenderBusy

    (tmp_path / "config.toml").write_text(
        f'[store]\npath = "copy.db"\nurl = "{pg_url}"\nlease_seconds = 5\n'
        f'[alerts]\noutbox_dir = "{tmp_path / "outbox"}"\n'
    )
    config = load_config(tmp_path / "config.toml")
    with open_app(config) as app:
        assert "busy" not in deliver_due(app)  # free: delivery runs (nothing is due)
        script = textwrap.dedent(f"""
            import time
            from monitor.locks import LeaseLock
            from monitor.store.leases import LeaseTable
            from monitor.store.postgres import PostgresEventStore
            with LeaseLock(LeaseTable(PostgresEventStore({pg_url!r})), "sender", seconds=5):
                print("sending", flush=True)
                time.sleep(60)
        """)
        proc = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"sending"
            assert deliver_due(app)["busy"] == 1
            with pytest.raises(SenderBusy, match="another daemon .* is delivering alerts"):
                deliver_due(app, wait_seconds=0.5)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)


def test_the_writer_lock_is_exclusive_and_freed_at_once_when_its_holder_dies(pg_url: str):
    from monitor.store.leases import SessionLock

    script = textwrap.dedent(f"""
        import time
        from monitor.store.leases import SessionLock
        from monitor.store.postgres import PostgresEventStore
        lock = SessionLock(PostgresEventStore({pg_url!r}), "writer")
        assert lock.acquire(10)
        print("writing", flush=True)
        time.sleep(60)
    """)
    with PostgresEventStore(pg_url) as store:
        mine = SessionLock(store, "writer")
        proc = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"writing"
            started = time.monotonic()
            assert not mine.acquire(0.5)
            assert 0.4 < time.monotonic() - started < 3
            assert not mine.acquire(5, give_up=lambda: True)  # a stop cuts the wait short
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        killed = time.monotonic()
        assert mine.acquire(10), "the dead holder's session lock was not released"
        assert time.monotonic() - killed < 5
        mine.release()
        assert mine.acquire(0.1)  # released: free again at once
        mine.release()
