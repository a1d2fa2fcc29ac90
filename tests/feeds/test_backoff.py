"""monitor.feeds.backoff: pure timing rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from monitor.feeds.backoff import decorrelated_delay, next_delay, poll_floor_seconds, retry_after_seconds

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


def test_success_resets() -> None:
    assert next_delay(0, 60) == 0.0
    assert next_delay(-3, 60) == 0.0


def test_exponential_without_jitter() -> None:
    assert [next_delay(n, 60, jitter="none") for n in range(1, 6)] == [60, 120, 240, 480, 960]
    assert next_delay(30, 60, jitter="none") == 6 * 3600
    assert next_delay(10**6, 60, cap_seconds=3600, jitter="none") == 3600  # no overflow


@pytest.mark.parametrize("jitter", ["full", "equal"])
def test_jitter_stays_in_bounds_and_spreads(jitter: str) -> None:
    rng = random.Random(7)
    for failures in range(1, 40):
        ceiling = min(6 * 3600, 60 * 2 ** (failures - 1))
        values = {next_delay(failures, 60, rng=rng, jitter=jitter) for _ in range(50)}  # type: ignore[arg-type]
        floor = 60 if jitter == "full" else ceiling / 2
        assert all(min(floor, ceiling) <= v <= ceiling for v in values)
        if ceiling > 60:
            assert len(values) > 10  # actually jittered


def test_seeded_rng_is_deterministic() -> None:
    assert next_delay(5, 30, rng=random.Random(1)) == next_delay(5, 30, rng=random.Random(1))


def test_decorrelated() -> None:
    rng = random.Random(3)
    delay = 60.0
    for _ in range(200):
        delay = decorrelated_delay(delay, 60, 3600, rng)
        assert 60 <= delay <= 3600


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        next_delay(1, 0)
    with pytest.raises(ValueError):
        next_delay(1, 10, jitter="wild")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        (format_datetime(NOW - timedelta(days=1), usegmt=True), 0.0),  # in the past
        ("Wed, 01 May 2024 12:05:00 +0000", 300.0),
        ("-5", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value, NOW) == expected


def test_retry_after_cap_and_timestamp_reference() -> None:
    assert retry_after_seconds("999999", NOW, cap_seconds=86400) == 86400
    stamp = format_datetime(NOW + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(stamp, NOW.timestamp()) == 30.0
    with pytest.raises(ValueError):
        retry_after_seconds(stamp, datetime(2024, 1, 1))


def test_poll_floor() -> None:
    assert poll_floor_seconds(None, None) == 0.0
    assert poll_floor_seconds(600, None) == 600
    assert poll_floor_seconds(600, 60) == 3600  # <ttl> in minutes
    assert poll_floor_seconds(None, None, retry_after=7200) == 7200
    assert poll_floor_seconds(10**9, 10**6) == 24 * 3600  # capped
    assert poll_floor_seconds(-5, 0) == 0.0
