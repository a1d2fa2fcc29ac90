"""The event store's public surface: value types, errors and the EventStore protocol.

Any backend (SQLite today, PostgreSQL later) implements :class:`EventStore` and must
pass ``tests/store_contract.py``. The daemon and the CLI only ever see this module.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, runtime_checkable

#: Expected-version sentinels for :meth:`EventStore.append`.
ANY: int = -1  #: skip the optimistic concurrency check
NO_STREAM: int = 0  #: the stream must not exist yet


class StoreError(Exception):
    """Base class of every error the store raises."""


class StoreOpenError(StoreError):
    """The database file cannot be used: corrupt, not SQLite, newer format, unwritable."""


class NoEventLog(StoreOpenError):
    """Opened without ``create`` where there is no log yet: no SQLite file, or a PostgreSQL
    database without the log's tables. Only the writing commands create one."""


class ConcurrencyError(StoreError):
    """A stream's current version is not the one the caller expected. Nothing was written."""

    def __init__(self, stream: str, expected: int, actual: int):
        super().__init__(
            f"stream {stream!r} is at version {actual}, the append expected {expected}; re-read the stream and retry"
        )
        self.stream, self.expected, self.actual = stream, expected, actual


class IdempotencyError(StoreError):
    """An event id is already stored with different content (a corrupted retry)."""


class AppendOnlyViolation(StoreError):
    """Something tried to change or delete recorded history."""


class LogDamaged(StoreError):
    """The file holds bytes the store cannot read (not UTF-8, not JSON, a damaged page).

    ``position`` is the first event that cannot be read, when it could be found."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position


class NewerEventShape(StoreError):
    """An event whose data shape (``schema_version``) is above the newest this release reads:
    a newer release wrote it (one daemon upgraded before another on a shared log, or a
    downgrade). Read as today's shape it would be misread, so nothing is read past it.

    ``at`` names where it was found, once the reader knows (the upcaster does not)."""

    def __init__(self, event_type: str, found: int, readable: int, where: str = "an event"):
        super().__init__(
            f"{where} ({event_type}) has data shape {found}, this release reads up to shape {readable}: "
            "it was written by a newer nkru-monitor; upgrade nkru-monitor, nothing was changed"
        )
        self.event_type, self.found, self.readable = event_type, found, readable

    def at(self, position: int, path: str = "") -> NewerEventShape:
        prefix = f"{path}: " if path else ""
        return NewerEventShape(self.event_type, self.found, self.readable, f"{prefix}event at position {position}")


class LogTruncated(StoreError):
    """The log ends before a position something already saw (a checkpoint, an anchor)."""


def new_event_id() -> str:
    """A time-ordered UUIDv7 string: unique, and kind to the event_id index (locality)."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | (0x7 << 76) | ((rand >> 62) & 0xFFF) << 64
    value |= (0b10 << 62) | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


_NAMESPACE = uuid.UUID("6d1f2a0e-5b7c-4d6e-9a43-0c9f7e1b2a55")
_NAMESPACE_BYTES = _NAMESPACE.bytes


def deterministic_event_id(*parts: str) -> str:
    """An id derived from the fact itself, so a retried or restarted poll cannot duplicate it.

    ``str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))``, spelt out: the same SHA-1, version
    and variant bits, without building a UUID object (3.4 -> 1.3 us; a first poll of 10,000
    articles makes 33,000 of these ids).
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "\x1f".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def expectations_for(events: Sequence[NewEvent], expected: int | Mapping[str, int]) -> Mapping[str, int]:
    """``append``'s ``expected`` as a mapping stream -> expected version (see EventStore.append)."""
    if not isinstance(expected, int):
        return expected
    streams = {e.stream for e in events}
    if expected != ANY and len(streams) != 1:
        raise ValueError("a single expected version needs a batch of one stream; pass a mapping")
    return {s: expected for s in streams}


def first_conflict(versions: Mapping[str, int], expectations: Mapping[str, int]) -> tuple[str, int] | None:
    """The first (stream, expected version) that the streams' current ``versions`` contradict."""
    for stream, current in versions.items():
        wanted = expectations.get(stream, ANY)
        if wanted == NO_STREAM and current != 0 or wanted > 0 and current != wanted:
            return stream, wanted
    return None


@dataclass(frozen=True)
class NewEvent:
    """An event to append. ``event_id`` defaults to a fresh time-ordered id."""

    stream: str
    type: str
    data: Mapping[str, Any]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    event_id: str = field(default_factory=new_event_id)
    schema_version: int = 1


@dataclass(frozen=True)
class StoredEvent:
    """An event as recorded, ``data`` already upcast to today's shape."""

    position: int
    event_id: str
    stream: str
    version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: str
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "event_id": self.event_id,
            "stream": self.stream,
            "version": self.version,
            "type": self.type,
            "schema_version": self.schema_version,
            "data": self.data,
            "metadata": self.metadata,
            "recorded_at": self.recorded_at,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


class ProjectedEvent(NamedTuple):
    """What a projection handler sees of an event: its data in today's shape, where, when.

    A tuple rather than a :class:`StoredEvent`: a rebuild makes one per event of the log,
    and reading the hashes and metadata it never uses would cost more than the handlers.
    """

    position: int
    type: str
    stream: str
    data: dict[str, Any]
    recorded_at: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_position: int
    head_hash: str
    first_bad_position: int | None = None
    problems: tuple[str, ...] = ()


@runtime_checkable
class EventStore(Protocol):
    """What the application needs from a log. Every method is safe to call from any thread."""

    def append(
        self,
        events: Sequence[NewEvent],
        expected: int | Mapping[str, int] = ANY,
    ) -> list[int]:
        """Append a batch in one transaction, all or nothing; return each event's position.

        ``expected`` is the expected current version of the (single) stream of the batch,
        or a mapping stream -> expected version for a batch over several streams (streams
        not named are not checked). ANY skips the check; NO_STREAM demands a new stream.
        An event whose ``event_id`` is already stored is skipped and its stored position
        returned; a stream whose events are all already stored is not version-checked.
        """
        ...

    def read_all(
        self, after: int = 0, types: Sequence[str] | None = None, limit: int | None = None
    ) -> Iterator[StoredEvent]:
        """Events with position > ``after``, oldest first, streamed in chunks."""
        ...

    def read_stream(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """One stream's events from ``from_version`` on."""
        ...

    def read_streams(self, streams: Sequence[str], types: Sequence[str] | None = None) -> Iterator[StoredEvent]:
        """The events of several streams at once (only ``types``, when given), upcast like every read.

        Grouped by stream, each stream's events in version order; the order of the groups is
        unspecified. For folding many aggregates (articles) without a query per stream.
        """
        ...

    def contains(self, event_ids: Collection[str]) -> set[str]:
        """Which of ``event_ids`` the log holds (for skipping work whose events are recorded)."""
        ...

    def stream_version(self, stream: str) -> int:
        """The stream's current version, 0 when it does not exist."""
        ...

    def get(self, event_id: str) -> StoredEvent | None: ...

    def head(self) -> tuple[int, str]:
        """(position, hash) of the newest event; (0, GENESIS_HASH) for an empty log."""
        ...

    def verify(self, progress: Any = None, since: tuple[int, str] | None = None) -> VerifyResult:
        """Walk the hash chain and check the append-only guards.

        ``since`` (position, hash), the head of an earlier walk that passed: walk only the events
        after it, chained from that hash. The caller checks that the log still holds it.
        """
        ...

    def close(self) -> None: ...


def position_before(store: EventStore, recorded_from: str) -> int:
    """The position after which events recorded at ``recorded_from`` (ISO-8601 UTC text, as
    ``recorded_at`` is written) or later begin: a binary search over positions, about 20
    one-event reads for a million events rather than a scan.

    ``recorded_at`` grows with position, as appends are stamped in commit order; should the
    clock have stepped back once, a reader filtering on ``recorded_at`` from there misses nothing
    later than the step."""
    low, high = 0, store.head()[0]  # every event at or below `low` is older; the answer is in [low, high]
    while low < high:
        middle = (low + high + 1) // 2
        found = next(store.read_all(after=middle - 1, limit=1), None)
        if found is not None and found.recorded_at < recorded_from:
            low = middle
        else:
            high = middle - 1
    return low


@runtime_checkable
class ReadModelStore(EventStore, Protocol):
    """A log with its read models beside it: what the projection runner and the application's
    queries need on top of :class:`EventStore`.

    The read models are SQL tables (``monitor/projections/``) in a database the store owns:
    the SQLite file itself, or the local SQLite replica of a shared log.
    """

    def reading(self) -> AbstractContextManager[Any]:
        """A consistent read of the read models: yields a database whose ``execute(sql, params)``
        takes ``?`` placeholders and returns a cursor. Never used for the ``events`` table."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction on the read models (rows and checkpoints commit together)."""
        ...

    def read_for_projection(
        self, after: int, up_to: int, types: Sequence[str], chunk: int = 5000
    ) -> Iterator[list[ProjectedEvent]]:
        """Events in (after, up_to] of ``types`` in position order, as lists of ``chunk``."""
        ...
