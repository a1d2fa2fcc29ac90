"""Schema evolution: events recorded by older code are read in today's shape.

Stored rows are never rewritten. Each event type has a current ``schema_version``; an
upcaster turns ``data`` of version N into version N+1, and they are chained on read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from monitor.store.api import NewerEventShape

UpcastFn = Callable[[dict[str, Any]], dict[str, Any]]


class Upcaster:
    """A registry of (event type, from_version) -> function producing from_version + 1."""

    def __init__(self) -> None:
        self._steps: dict[tuple[str, int], UpcastFn] = {}
        self._current: dict[str, int] = {}

    def register(self, event_type: str, from_version: int) -> Callable[[UpcastFn], UpcastFn]:
        def decorator(fn: UpcastFn) -> UpcastFn:
            self._steps[(event_type, from_version)] = fn
            current = self._current.get(event_type, 1)
            self._current[event_type] = max(current, from_version + 1)
            return fn

        return decorator

    def declare(self, event_type: str, version: int = 1) -> None:
        """``event_type`` is one the application writes, at ``version`` at least: a stored
        event of a higher shape then came from a newer release and is refused on read.
        Types never declared nor registered (another application's) are read as stored."""
        self._current[event_type] = max(self._current.get(event_type, 1), version)

    def current_version(self, event_type: str) -> int:
        return self._current.get(event_type, 1)

    def upcast(self, event_type: str, version: int, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """``data`` of ``version`` in today's shape; :class:`NewerEventShape` above the shape
        a declared type is written in today (a newer release's fields cannot be known)."""
        target = self._current.get(event_type)
        if target is None:
            return version, data
        if version >= target:
            if version > target:
                raise NewerEventShape(event_type, version, target)
            return version, data
        for _ in range(target - version):  # bounded: one step per version
            step = self._steps.get((event_type, version))
            if step is None:
                break
            data = step(data)
            version += 1
        return version, data


#: The process-wide registry; monitor.events declares the domain's types and registers their
#: upcasters on import.
default_upcaster = Upcaster()
