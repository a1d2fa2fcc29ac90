"""Per-host politeness: at most N requests in flight to one host, and a minimum gap
between the starts of two requests to the same host.

Many news feeds of one outlet live on one host; a poll cycle that starts them all at
once looks like a burst to the server (Miniflux #2128, FreshRSS #7870 show what follows:
429s and blocks). The gate is process-wide and thread-safe; every wait is bounded.

    gate = HostGate(per_host_concurrency=1, per_host_gap_seconds=1.0)
    with gate("https://example.org/feed.xml"):      # waits its turn, at most `timeout`
        result = fetch(...)

Waiters for one host are served first come, first served, so a busy host cannot starve
a feed that has been waiting longest. Local files (``file://`` and paths) are not gated.

A pause the server asked for (429/503 with Retry-After) is never waited for: while a host
is deferred, ``acquire`` raises :class:`HostDeferred` at once, so one rate-limited feed
cannot hold the rest of a poll cycle in the queue for minutes. What defers a host is up
to the caller (:meth:`HostGate.rate_limited` implements "two of its URLs were told to wait").
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monitor.errors import MonitorError
from monitor.feeds.httpclient import request_host
from monitor.feeds.watchdog import stopping, wake_on_stop

#: How long ``acquire`` waits by default before giving up (seconds).
DEFAULT_WAIT_SECONDS = 300.0
#: Idle host entries are swept once the table grows past this many hosts.
_SWEEP_AT = 1024


class HostGateTimeout(MonitorError, TimeoutError):
    """Waited longer than allowed for a turn at a host. Not a feed failure: reschedule."""

    def __init__(self, host: str, waited: float) -> None:
        super().__init__(f"waited {waited:.1f}s for a turn at host {host!r}")
        self.host = host
        self.waited = waited


class HostGateStopped(HostGateTimeout):
    """The process is stopping (:func:`monitor.feeds.watchdog.stop_everything`): no new request starts."""

    def __init__(self, host: str, waited: float) -> None:
        MonitorError.__init__(self, f"stopped while waiting for a turn at host {host!r}")
        self.host = host
        self.waited = waited


class HostDeferred(MonitorError):
    """The host asked for a pause (Retry-After) that is not over: try after ``seconds``."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"host {host!r} asked for a pause: {seconds:.0f}s left")
        self.host = host
        self.seconds = seconds


@dataclass
class _HostState:
    in_flight: int = 0
    next_start: float = 0.0  # monotonic time before which no new request may start (the gap)
    deferred_until: float = 0.0  # monotonic time before which the host is not to be asked at all
    told_to_wait: dict[str, float] = field(default_factory=dict)  # URL -> end of its Retry-After
    waiters: deque[object] = field(default_factory=deque)


class HostGate:
    """Limits concurrency and request rate per host. Safe to share between threads."""

    def __init__(
        self,
        per_host_concurrency: int = 1,
        per_host_gap_seconds: float = 1.0,
        *,
        default_timeout: float = DEFAULT_WAIT_SECONDS,
    ) -> None:
        if per_host_concurrency < 1:
            raise ValueError("per_host_concurrency must be at least 1")
        if per_host_gap_seconds < 0:
            raise ValueError("per_host_gap_seconds must not be negative")
        if default_timeout <= 0:
            raise ValueError("default_timeout must be positive")
        self.per_host_concurrency = per_host_concurrency
        self.per_host_gap_seconds = float(per_host_gap_seconds)
        self.default_timeout = float(default_timeout)
        self._cond = threading.Condition(threading.Lock())
        # A stop wakes the waiters at once: it must not wait for a queue of feeds of one host to
        # take their turns, a gap apart, and a waiter then needs no wake-ups of its own to check.
        wake_on_stop(self._cond)
        self._hosts: dict[str, _HostState] = {}

    @staticmethod
    def host_key(url_or_host: str) -> str:
        """The gate key of a URL (its host name as connected to) or of a bare host name.

        The port is ignored: politeness is owed to the machine, and two ports on one host
        are one server (``http://`` and ``https://`` of a site above all, ports 80 and 443).
        One host is one key however it is spelt: in any case, with the root's trailing dot
        or not, in Unicode or IDNA. Local files give ``""``, which is never gated.
        """
        text = url_or_host.strip()
        if "://" not in text:
            # A bare host ("example.org", "example.org:8080") or a local path.
            if "/" in text or "\\" in text or not text:
                return ""
            text = "http://" + text
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https"):
            return ""
        try:
            host = request_host(text)
        except UnicodeError:  # a name IDNA refuses: its fetch fails as dns; key it as written
            host = (parts.hostname or "").lower()
        return host.rstrip(".")

    def __call__(self, url_or_host: str, timeout: float | None = None) -> _Slot:
        """``with gate(url):`` — a context manager holding one slot at the URL's host."""
        return _Slot(self, self.host_key(url_or_host), timeout)

    @contextmanager
    def slot(self, url_or_host: str, timeout: float | None = None) -> Iterator[float]:
        """Like ``gate(url)``, yielding the seconds spent waiting."""
        host = self.host_key(url_or_host)
        waited = self.acquire(host, timeout)
        try:
            yield waited
        finally:
            self.release(host)

    def acquire(self, host: str, timeout: float | None = None) -> float:
        """Wait for a turn at ``host`` (a key from :meth:`host_key`); return seconds waited.

        Raises :class:`HostGateTimeout` after ``timeout`` seconds (default
        ``default_timeout``), :class:`HostGateStopped` as soon as the process stops
        (:func:`monitor.feeds.watchdog.stop_everything` wakes every waiter), and :class:`HostDeferred` at once while the host is deferred
        (also when the deferral starts while waiting). Every successful acquire must be
        paired with :meth:`release`.
        """
        if not host:
            return 0.0
        limit = self.default_timeout if timeout is None else float(timeout)
        started = time.monotonic()
        deadline = started + limit
        ticket = object()
        with self._cond:
            state = self._hosts.get(host)
            if state is None:
                if len(self._hosts) >= _SWEEP_AT:
                    self._sweep(started)
                state = self._hosts[host] = _HostState()
            state.waiters.append(ticket)
            try:
                while True:
                    now = time.monotonic()
                    if stopping():
                        raise HostGateStopped(host, now - started)
                    if state.deferred_until > now:
                        raise HostDeferred(host, state.deferred_until - now)
                    first = state.waiters[0] is ticket
                    has_room = state.in_flight < self.per_host_concurrency
                    if first and has_room and now >= state.next_start:
                        state.waiters.popleft()
                        state.in_flight += 1
                        state.next_start = now + self.per_host_gap_seconds
                        # The next in line must now wait for the gap; let it compute that.
                        self._cond.notify_all()
                        return now - started
                    remaining = deadline - now
                    if remaining <= 0:
                        raise HostGateTimeout(host, now - started)
                    wait = remaining
                    if first and has_room:
                        wait = min(wait, state.next_start - now)
                    # Asleep until the deadline or the gap's end; whatever else changes the
                    # picture (a release, a deferral, a stop, the one ahead leaving) notifies.
                    self._cond.wait(max(wait, 0.001))
            except BaseException:
                # Timed out or interrupted: leave the queue so those behind us can move.
                try:
                    state.waiters.remove(ticket)
                except ValueError:
                    pass
                self._cond.notify_all()
                raise

    def release(self, host: str) -> None:
        """Give back a slot taken by :meth:`acquire`."""
        if not host:
            return
        with self._cond:
            state = self._hosts.get(host)
            if state is None or state.in_flight <= 0:
                raise RuntimeError(f"release() without acquire() for host {host!r}")
            state.in_flight -= 1
            self._cond.notify_all()

    def defer(self, url_or_host: str, seconds: float) -> None:
        """Start no new request to this host for ``seconds``: until then :meth:`acquire`
        raises :class:`HostDeferred` instead of waiting. Only ever extends a deferral."""
        host = self.host_key(url_or_host)
        if not host or seconds <= 0:
            return
        with self._cond:
            state = self._hosts.setdefault(host, _HostState())
            state.deferred_until = max(state.deferred_until, time.monotonic() + seconds)
            self._cond.notify_all()

    def rate_limited(self, url: str, seconds: float) -> bool:
        """Note that the server told ``url`` to wait ``seconds`` (429/503 Retry-After);
        return True when that defers the whole host.

        One URL told to wait is that feed's business: its next poll honours Retry-After,
        and the host's other feeds go on (some servers limit one path, and most limits
        are generous enough for a feed reader's few requests). A second URL of the host
        told to wait while the first still is shows a limit on the whole host: then the
        host is deferred for ``seconds``, and its other feeds are not asked at all.
        """
        host = self.host_key(url)
        if not host or seconds <= 0:
            return False
        now = time.monotonic()
        with self._cond:
            state = self._hosts.setdefault(host, _HostState())
            state.told_to_wait = {u: until for u, until in state.told_to_wait.items() if until > now}
            others = [u for u in state.told_to_wait if u != url]
            state.told_to_wait[url] = max(state.told_to_wait.get(url, 0.0), now + seconds)
            if not others:
                return False
            state.deferred_until = max(state.deferred_until, now + seconds)
            self._cond.notify_all()
            return True

    def deferred_for(self, url_or_host: str) -> float:
        """Seconds left of the host's deferral (0 when it is not deferred)."""
        with self._cond:
            state = self._hosts.get(self.host_key(url_or_host))
            return max(0.0, state.deferred_until - time.monotonic()) if state else 0.0

    def in_flight(self, url_or_host: str) -> int:
        """Requests currently holding a slot at the host (for progress displays and tests)."""
        with self._cond:
            state = self._hosts.get(self.host_key(url_or_host))
            return state.in_flight if state else 0

    def _sweep(self, now: float) -> None:
        # Drop hosts with nobody in flight or waiting and no gap pending; keeps the table
        # bounded for a daemon that sees many one-off hosts (full-text article fetches).
        idle = [
            host
            for host, st in self._hosts.items()
            if st.in_flight == 0
            and not st.waiters
            and st.next_start <= now
            and st.deferred_until <= now
            and all(until <= now for until in st.told_to_wait.values())
        ]
        for host in idle:
            del self._hosts[host]


class _Slot:
    """The context manager returned by ``HostGate.__call__``."""

    __slots__ = ("_gate", "_host", "_timeout", "waited")

    def __init__(self, gate: HostGate, host: str, timeout: float | None) -> None:
        self._gate = gate
        self._host = host
        self._timeout = timeout
        self.waited = 0.0

    def __enter__(self) -> _Slot:
        self.waited = self._gate.acquire(self._host, self._timeout)
        return self

    def __exit__(self, *exc: object) -> None:
        self._gate.release(self._host)
