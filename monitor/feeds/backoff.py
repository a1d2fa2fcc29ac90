"""Pure timing rules: retry backoff, Retry-After, and the HTTP hints that delay a next poll.

Nothing here sleeps, reads a clock it was not given, or touches the network, so the
scheduler can be tested with plain numbers.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal

#: The default ceiling for a failing feed's backoff (the issue asks for "capped, e.g. 6 h").
DEFAULT_BACKOFF_CAP_SECONDS = 6 * 3600.0
#: Cache-Control/Expires/<ttl> may push a poll later, but never by more than a day.
DEFAULT_HINT_CAP_SECONDS = 24 * 3600.0

Jitter = Literal["full", "equal", "none"]

_RNG = random.Random()  # used when the caller passes none; tests pass a seeded one


def next_delay(
    failures_in_row: int,
    base_seconds: float,
    cap_seconds: float = DEFAULT_BACKOFF_CAP_SECONDS,
    rng: random.Random | None = None,
    *,
    jitter: Jitter = "full",
) -> float:
    """Seconds to wait before retrying a feed that has failed ``failures_in_row`` times.

    The ceiling doubles with each failure: ``base * 2**(failures-1)``, capped at
    ``cap_seconds``. ``failures_in_row <= 0`` means the last poll succeeded: 0.0, i.e.
    "no extra delay, use the normal interval" (success resets the backoff).

    Jitter spreads feeds that failed together (a local outage) so they do not all retry
    in the same second:

    - ``"full"`` (default): uniform in ``[base, ceiling]``. Classic full jitter draws from
      ``[0, ceiling]``, but a retry a few milliseconds after a failure is pointless for a
      feed poller, so the floor is one base period.
    - ``"equal"``: uniform in ``[ceiling/2, ceiling]``.
    - ``"none"``: exactly the ceiling (tests, or when the caller jitters elsewhere).
    """
    if failures_in_row <= 0:
        return 0.0
    if base_seconds <= 0:
        raise ValueError("base_seconds must be positive")
    cap = max(float(cap_seconds), float(base_seconds))
    # Bound the exponent: 2**1000 * base would overflow a float long after the cap bites.
    exponent = min(failures_in_row - 1, 62)
    ceiling = min(cap, base_seconds * math.ldexp(1.0, exponent))
    rng = rng or _RNG
    if jitter == "none":
        return ceiling
    if jitter == "equal":
        return rng.uniform(ceiling / 2.0, ceiling)
    if jitter == "full":
        return rng.uniform(min(base_seconds, ceiling), ceiling)
    raise ValueError(f"unknown jitter {jitter!r}")


def decorrelated_delay(
    previous_delay: float,
    base_seconds: float,
    cap_seconds: float = DEFAULT_BACKOFF_CAP_SECONDS,
    rng: random.Random | None = None,
) -> float:
    """ "Decorrelated jitter": the next delay is uniform in ``[base, previous * 3]``, capped.

    It needs only the previous delay (no failure count) and spreads retries better than
    full jitter when many clients failed at once. Start with ``previous_delay = base``.
    """
    if base_seconds <= 0:
        raise ValueError("base_seconds must be positive")
    rng = rng or _RNG
    upper = max(base_seconds, min(cap_seconds, max(previous_delay, base_seconds) * 3.0))
    return min(cap_seconds, rng.uniform(base_seconds, upper))


def retry_after_seconds(
    header_value: str | None,
    now: datetime | float | None = None,
    *,
    cap_seconds: float | None = None,
) -> float | None:
    """Parse a Retry-After header: delta-seconds (``"120"``) or an HTTP-date.

    ``now`` is the reference time for a date (a timezone-aware datetime or a POSIX
    timestamp; default: the current time). A date in the past gives 0.0. Anything
    unparsable gives None, so the caller falls back to its own backoff. ``cap_seconds``
    bounds absurd values (a server asking for a year).
    """
    if header_value is None:
        return None
    value = header_value.strip()
    if not value:
        return None
    seconds: float | None
    if value.isdigit():
        seconds = float(int(value))
    else:
        try:
            # Servers occasionally send "120.5"; accept it rather than ignore the hint.
            seconds = float(value)
            if not math.isfinite(seconds):
                return None
        except ValueError:
            seconds = None
        if seconds is None:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
            if when is None:
                return None
            if when.tzinfo is None:  # RFC 9110 dates are GMT; a naive result means "-0000"
                when = when.replace(tzinfo=UTC)
            seconds = when.timestamp() - _as_timestamp(now)
    seconds = max(0.0, seconds)
    if cap_seconds is not None:
        seconds = min(seconds, cap_seconds)
    return seconds


def poll_floor_seconds(
    cache_hint_seconds: float | None,
    ttl_minutes: int | float | None,
    *,
    retry_after: float | None = None,
    cap_seconds: float = DEFAULT_HINT_CAP_SECONDS,
) -> float:
    """The earliest sensible next poll, in seconds from now, from what the server said.

    Cache-Control max-age / Expires (``FetchResult.cache_hint_seconds``), an RSS ``<ttl>``
    (``ParsedFeed.ttl_minutes``) and a Retry-After are all *lower bounds* on the next poll:
    the scheduler uses ``max(normal_interval, this)``. Capped at 24 h by default so a
    feed that claims a one-year lifetime is still polled daily. 0.0 when there is no hint.
    """
    candidates = [0.0]
    if cache_hint_seconds is not None and cache_hint_seconds > 0:
        candidates.append(float(cache_hint_seconds))
    if ttl_minutes is not None and ttl_minutes > 0:
        candidates.append(float(ttl_minutes) * 60.0)
    if retry_after is not None and retry_after > 0:
        candidates.append(float(retry_after))
    return min(max(candidates), cap_seconds)


def _as_timestamp(now: datetime | float | None) -> float:
    if now is None:
        return datetime.now(UTC).timestamp()
    if isinstance(now, datetime):
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return now.timestamp()
    return float(now)
