"""Socket deadlines: shut a blocked exchange's sockets down when its time is up, or when the process stops.

Socket timeouts bound each read, not the sum of them: a server dripping one byte at a time
(an HTTP header, an SMTP greeting) would otherwise hold a thread for hours. Shutting the
socket down from another thread makes the blocked ``recv`` return at once with an error.
Fetches (:mod:`monitor.feeds.fetch`) and mail delivery (:mod:`monitor.alerts.deliver`)
both use :class:`SocketWatchdog`.

The same shutdown serves a stop: the daemon calls :func:`stop_everything` on SIGTERM, which
fires every watchdog in flight, so a hung mail or feed server never delays the exit;
callers then see :func:`stopping` and know the failure was ours, not the server's.
"""

from __future__ import annotations

import heapq
import os
import signal
import socket
import threading
import time
import weakref
from collections.abc import Callable


class DeadlineClock:
    """One daemon thread that runs callbacks at their deadlines, for every watchdog.

    A ``threading.Timer`` per fetch costs a thread start (~0.5 ms, as much as a whole
    304 on loopback) and a thread per fetch in flight; this keeps a heap instead.
    Callbacks must be quick: they run on the clock's thread.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._live: set[int] = set()  # tickets still in the heap
        self._cancelled: set[int] = set()  # live tickets that must not run
        self._next_ticket = 0
        self._thread: threading.Thread | None = None

    def add(self, deadline: float, callback: Callable[[], None]) -> int:
        with self._cond:
            self._next_ticket += 1
            ticket = self._next_ticket
            heapq.heappush(self._heap, (deadline, ticket, callback))
            self._live.add(ticket)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="socket-deadlines", daemon=True)
                self._thread.start()
            self._cond.notify()
            return ticket

    def cancel(self, ticket: int) -> None:
        with self._cond:
            if ticket not in self._live:
                return  # already ran
            self._cancelled.add(ticket)
            # Cancelled entries leave the heap when due; drop them early if they pile up.
            if len(self._cancelled) > 1024 and len(self._cancelled) * 2 > len(self._heap):
                self._heap = [item for item in self._heap if item[1] not in self._cancelled]
                heapq.heapify(self._heap)
                self._live -= self._cancelled
                self._cancelled.clear()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][1] in self._cancelled:
                        ticket = heapq.heappop(self._heap)[1]
                        self._cancelled.discard(ticket)
                        self._live.discard(ticket)
                    now = time.monotonic()
                    if self._heap and self._heap[0][0] <= now:
                        _, ticket, callback = heapq.heappop(self._heap)
                        self._live.discard(ticket)
                        break
                    self._cond.wait(min(self._heap[0][0] - now, 60.0) if self._heap else 60.0)
            try:
                callback()
            except Exception:  # noqa: BLE001 - one bad callback must not stop every deadline
                pass


DEADLINES = DeadlineClock()


def shutdown_socket(sock: socket.socket) -> None:
    try:
        # socket.socket.shutdown, not SSLSocket.shutdown: the latter also drops the SSL
        # object under the feet of the thread blocked in it.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _cut(source: socket.socket | Callable[[], socket.socket | None]) -> None:
    sock = source if isinstance(source, socket.socket) else source()
    if sock is not None:
        shutdown_socket(sock)


class SocketWatchdog:
    """Shuts down the sockets it watches when ``seconds`` have passed or the process stops.

    Use it as a context manager around the exchange (or call :meth:`cancel` when done);
    :meth:`watch` each socket as soon as it exists. ``fired`` says the exchange was cut.
    """

    def __init__(self, seconds: float, *, clock: DeadlineClock = DEADLINES) -> None:
        self.fired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket | Callable[[], socket.socket | None]] = []
        self._clock = clock
        self._ticket = clock.add(time.monotonic() + seconds, self.fire)
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT.add(self)
        if _STOPPING.is_set():
            self.fire()

    def watch(self, source: socket.socket | Callable[[], socket.socket | None] | None) -> None:
        """Cut this socket when the watchdog fires. ``source`` may also be a callable that
        gives the socket in use at that moment (a client replaces its socket on STARTTLS)."""
        if source is None:
            return
        with self._lock:
            self._sockets.append(source)
            fired = self.fired
        if fired:
            _cut(source)

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            sources = list(self._sockets)
        for source in sources:
            _cut(source)

    def cancel(self) -> None:
        self._clock.cancel(self._ticket)
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT.discard(self)
        with self._lock:
            self._sockets.clear()

    def __enter__(self) -> SocketWatchdog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


_STOPPING = threading.Event()
_IN_FLIGHT: set[SocketWatchdog] = set()  # every watchdog not yet cancelled
_IN_FLIGHT_LOCK = threading.Lock()
# Conditions whose waiters must hear of a stop at once; weak, so a gate that is dropped is not kept alive.
_STOP_LISTENERS: weakref.WeakSet[threading.Condition] = weakref.WeakSet()


def stop_everything() -> None:
    """The process is stopping: cut every exchange in flight and every one that starts from now on,
    and wake every thread waiting on a condition given to :func:`wake_on_stop`."""
    _STOPPING.set()
    with _IN_FLIGHT_LOCK:
        watchdogs = list(_IN_FLIGHT)
        conditions = list(_STOP_LISTENERS)
    for watchdog in watchdogs:
        watchdog.fire()
    for condition in conditions:
        # Notified under its lock, after the flag is set: a waiter either saw the flag before it
        # slept or is asleep now and wakes to see it; none can sleep through the stop.
        with condition:
            condition.notify_all()


def wake_on_stop(condition: threading.Condition) -> None:
    """Have :func:`stop_everything` wake the threads waiting on ``condition``, so they can look at
    :func:`stopping` when it happens instead of waking now and then to check: an idle wait costs nothing."""
    with _IN_FLIGHT_LOCK:
        _STOP_LISTENERS.add(condition)


def wait_for_stop(seconds: float) -> bool:
    """Wait up to ``seconds`` for :func:`stop_everything`; True if the process is stopping."""
    return _STOPPING.wait(seconds)


def stopping() -> bool:
    """True once :func:`stop_everything` ran: a failed exchange may be our own doing."""
    return _STOPPING.is_set()


def stop_on_signals(announce: Callable[[str], None], forced: Callable[[str], None]) -> threading.Event:
    """SIGTERM and SIGINT stop the process, the same way for `monitor run` and `monitor poll`.

    The first one calls ``announce(signal name)``, sets the returned event and cuts every
    exchange in flight (:func:`stop_everything`, in a thread of its own started by the handler:
    a hung server cannot delay it, and the handler, which runs in the main thread between two
    of its steps, must not wait for a lock that very thread may hold, as `monitor poll`'s main
    thread does while it delivers); the work then winds down between steps. A second one means
    the operator will not wait: ``forced(name)``, then the process exits at once with
    128 + the signal's number. That is safe, as every append to the log is one transaction;
    what was in flight is done again at the next start. Call it from the main thread.
    """
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if stop.is_set():
            forced(name)
            os._exit(128 + signum)
        announce(name)
        stop.set()
        threading.Thread(target=stop_everything, name="stop-everything", daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return stop
