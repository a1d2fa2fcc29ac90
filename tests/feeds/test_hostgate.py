"""monitor.feeds.hostgate: per-host concurrency, minimum gap, bounded waits, fairness."""

from __future__ import annotations

import threading
import time

import pytest

from monitor.feeds.hostgate import HostDeferred, HostGate, HostGateTimeout

pytestmark = pytest.mark.timeout(20)


def run_threads(count: int, target) -> None:  # type: ignore[no-untyped-def]
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
        assert not t.is_alive()


@pytest.mark.parametrize("limit", [1, 2])
def test_at_most_n_in_flight_per_host(limit: int) -> None:
    gate = HostGate(per_host_concurrency=limit, per_host_gap_seconds=0)
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def work(_i: int) -> None:
        with gate("https://example.org/feed"):
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            time.sleep(0.05)
            with lock:
                state["now"] -= 1

    run_threads(6, work)
    assert state["max"] == limit


def test_minimum_gap_between_starts() -> None:
    gate = HostGate(per_host_concurrency=4, per_host_gap_seconds=0.2)
    starts: list[float] = []
    lock = threading.Lock()

    def work(_i: int) -> None:
        with gate("http://example.org/a"):
            with lock:
                starts.append(time.monotonic())

    run_threads(3, work)
    starts.sort()
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert all(g >= 0.19 for g in gaps), gaps


def test_different_hosts_do_not_wait_for_each_other() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=5.0)
    with gate("https://a.example/feed"):
        started = time.monotonic()
        with gate.slot("https://b.example/feed") as waited:
            assert waited < 0.1
        assert time.monotonic() - started < 0.1


def test_same_host_different_ports_share_a_gate() -> None:
    assert HostGate.host_key("https://Example.org:8443/x") == HostGate.host_key("http://example.org/y") == "example.org"
    assert HostGate.host_key("example.org") == "example.org"
    # One server however its name is spelt: two feeds of it must not be polled side by side.
    assert HostGate.host_key("https://example.org./feed") == "example.org"
    assert HostGate.host_key("https://Bücher.example/feed") == HostGate.host_key("http://xn--bcher-kva.example/rss")
    assert HostGate.host_key("http://[::1]:8080/feed") == "::1"
    assert HostGate.host_key("/var/feeds/a.xml") == HostGate.host_key("file:///a.xml") == ""


def test_local_files_are_not_gated() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=10)
    with gate("/tmp/a.xml"), gate("/tmp/b.xml"):
        pass


def test_waits_are_bounded_and_a_timeout_leaves_the_queue() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    holding = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with gate("https://example.org/"):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(5)
    started = time.monotonic()
    with pytest.raises(HostGateTimeout) as info:
        gate.acquire("example.org", timeout=0.2)
    assert 0.19 <= time.monotonic() - started < 1.0
    assert info.value.host == "example.org" and isinstance(info.value, TimeoutError)
    release.set()
    thread.join(5)
    # The timed-out waiter is gone from the queue: the next one gets in at once.
    assert gate.acquire("example.org", timeout=1) < 0.5
    gate.release("example.org")
    assert gate.in_flight("example.org") == 0


def test_waiters_are_served_in_arrival_order() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    order: list[int] = []
    gate.acquire("example.org")
    threads = []

    def take(i: int) -> None:
        with gate.slot("example.org", timeout=5):
            order.append(i)

    for i in range(5):
        t = threading.Thread(target=take, args=(i,))
        t.start()
        threads.append(t)
        # Make the arrival order unambiguous: wait (bounded) until this thread is queued.
        deadline = time.monotonic() + 5
        while len(gate._hosts["example.org"].waiters) < i + 1 and time.monotonic() < deadline:
            time.sleep(0.005)
    gate.release("example.org")
    for t in threads:
        t.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_a_deferred_host_is_refused_at_once_never_waited_for() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    gate.defer("https://example.org/feed", 0.3)
    started = time.monotonic()
    with pytest.raises(HostDeferred) as raised:
        gate.acquire("example.org", timeout=10)
    assert time.monotonic() - started < 0.05 and 0 < raised.value.seconds <= 0.3
    assert 0 < gate.deferred_for("https://example.org/other") <= 0.3
    with gate("https://other.example/feed"):  # other hosts are not concerned
        pass
    time.sleep(0.35)
    with gate.slot("example.org") as waited:  # the pause is over
        assert waited < 0.05


def test_a_deferral_reaches_the_feeds_already_in_the_queue() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    outcome: list[str] = []

    def queued() -> None:
        try:
            with gate("https://example.org/b", timeout=10):
                outcome.append("polled")
        except HostDeferred:
            outcome.append("deferred")

    with gate("https://example.org/a"):
        waiter = threading.Thread(target=queued)
        waiter.start()
        time.sleep(0.1)  # the waiter is in the queue behind us
        gate.defer("https://example.org/a", 3600)
        waiter.join(timeout=2)
    assert not waiter.is_alive() and outcome == ["deferred"]


def test_one_url_told_to_wait_defers_itself_two_defer_the_host() -> None:
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0)
    assert gate.rate_limited("https://example.org/a.xml", 3600) is False
    assert gate.deferred_for("example.org") == 0
    assert gate.rate_limited("https://example.org/a.xml", 3600) is False  # the same feed again
    with gate("https://example.org/c.xml"):
        pass
    assert gate.rate_limited("https://example.org/b.xml", 1800) is True
    assert 1790 < gate.deferred_for("example.org") <= 1800
    with pytest.raises(HostDeferred):
        gate.acquire("example.org")
    assert gate.rate_limited("https://other.example/a.xml", 60) is False


def test_release_without_acquire_and_bad_arguments() -> None:
    gate = HostGate()
    with pytest.raises(RuntimeError):
        gate.release("example.org")
    with pytest.raises(ValueError):
        HostGate(per_host_concurrency=0)
    with pytest.raises(ValueError):
        HostGate(per_host_gap_seconds=-1)


def test_a_stop_releases_a_waiter_at_once() -> None:
    """A stop wakes the feeds queued at a host straight away, in the sleep they are in, not at their next
    look at the clock: the waiter here would otherwise sleep out a gap of a minute."""
    from monitor.feeds import watchdog
    from monitor.feeds.hostgate import HostGateStopped

    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=60)
    sleeps: list[float] = []  # when each of the waiter's sleeps began
    real_wait = gate._cond.wait

    def recorded_wait(timeout: float | None = None) -> bool:
        sleeps.append(time.monotonic())
        return real_wait(timeout)

    gate.acquire("example.org")  # the first request: the next may start only a gap later
    gate._cond.wait = recorded_wait  # type: ignore[method-assign]
    outcome: list[tuple[str, float]] = []

    def queued() -> None:
        try:
            gate.acquire("example.org", timeout=30)
            outcome.append(("acquired", time.monotonic()))
        except HostGateStopped:
            outcome.append(("stopped", time.monotonic()))

    waiter = threading.Thread(target=queued)
    waiter.start()
    deadline = time.monotonic() + 5
    while not sleeps and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.3)  # well into its sleep
    try:
        stopped_at = time.monotonic()
        watchdog.stop_everything()
        waiter.join(timeout=5)
    finally:
        watchdog._STOPPING.clear()  # the stop is process-wide: the tests after this one use the gate again
    assert not waiter.is_alive() and [kind for kind, _ in outcome] == ["stopped"]
    assert len(sleeps) == 1  # woken by the stop itself (a look every 0.2 s had slept twice by then)
    # a thread's wake-up, even on a loaded 2-core machine, not the gap's minute (the single sleep above is what
    # shows the stop woke it)
    assert outcome[0][1] - stopped_at < 3.0
    gate.release("example.org")


def test_an_idle_waiter_is_not_woken_until_it_can_go() -> None:
    """A feed waiting out a host's gap sleeps until the gap is over, with no wake-ups before it."""
    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=0.8)
    wakes = 0
    real_wait = gate._cond.wait

    def counting_wait(timeout: float | None = None) -> bool:
        nonlocal wakes
        wakes += 1
        return real_wait(timeout)

    gate.acquire("example.org")
    gate.release("example.org")
    gate._cond.wait = counting_wait  # type: ignore[method-assign]
    waited = gate.acquire("example.org", timeout=5)
    gate.release("example.org")
    assert 0.7 <= waited < 5.0  # the gap, give or take a loaded machine's scheduling (the count below is the test)
    # One sleep for the whole gap (a second if the clock ends it a hair early); a look every 0.2 s was four or five.
    assert wakes <= 2
