"""The domain's events: type names, streams, deterministic ids and upcasters.

Every fact the daemon learns is one of these, appended to the log. The ``data`` shapes
are documented in docs/architecture.md; the contract's names (cli-contract.md) are fixed.

Streams:
    feed:<feed_id>        FeedPolled, FeedFailed, FeedMoved, FeedDisabled
    article:<article_id>  ArticleDiscovered, ArticleSighted, ArticleRevised,
                          ArticleClassified, ClaimsExtracted, ClaimsDiffed
    baseline              BaselineSet
    alert:<alert_id>      AlertQueued, AlertAttempted, AlertSent, AlertFailed
    digest                DigestCompiled
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping

from monitor.store import NewEvent, deterministic_event_id, default_upcaster

FEED_POLLED = "FeedPolled"
FEED_FAILED = "FeedFailed"
FEED_MOVED = "FeedMoved"
FEED_DISABLED = "FeedDisabled"
ARTICLE_DISCOVERED = "ArticleDiscovered"
ARTICLE_SIGHTED = "ArticleSighted"
ARTICLE_REVISED = "ArticleRevised"
ARTICLE_CLASSIFIED = "ArticleClassified"
CLAIMS_EXTRACTED = "ClaimsExtracted"
CLAIMS_DIFFED = "ClaimsDiffed"
BASELINE_SET = "BaselineSet"
ALERT_QUEUED = "AlertQueued"
ALERT_ATTEMPTED = "AlertAttempted"  # written before talking to the server: "maybe sent"
ALERT_SENT = "AlertSent"
ALERT_FAILED = "AlertFailed"
# A digest run: which log range it covered and the alert it queued (None: nothing to tell).
DIGEST_COMPILED = "DigestCompiled"

ALL_TYPES = (
    FEED_POLLED, FEED_FAILED, FEED_MOVED, FEED_DISABLED, ARTICLE_DISCOVERED, ARTICLE_SIGHTED,
    ARTICLE_REVISED, ARTICLE_CLASSIFIED, CLAIMS_EXTRACTED, CLAIMS_DIFFED, BASELINE_SET,
    ALERT_QUEUED, ALERT_ATTEMPTED, ALERT_SENT, ALERT_FAILED, DIGEST_COMPILED,
)

#: Facts the daemon can learn again if a power cut takes the last seconds of the log:
#: the next poll finds the same entries (their conditional-GET validators went with
#: them) and the pipeline re-derives what it derived. Their batches commit without
#: waiting for the disk (store.SQLiteEventStore relaxed_types). Everything else (alert
#: delivery, baselines, digests, a feed moved or disabled) is durable before append returns.
RELEARNABLE_TYPES = frozenset({
    FEED_POLLED, FEED_FAILED, ARTICLE_DISCOVERED, ARTICLE_SIGHTED, ARTICLE_REVISED,
    ARTICLE_CLASSIFIED, CLAIMS_EXTRACTED, CLAIMS_DIFFED,
})

DIGEST_STREAM = "digest"

BASELINE_STREAM = "baseline"


def feed_stream(feed_id: str) -> str:
    return f"feed:{feed_id}"


def article_stream(article_id: str) -> str:
    return f"article:{article_id}"


def alert_stream(alert_id: str) -> str:
    return f"alert:{alert_id}"


def utc_now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def timestamp(moment: datetime | None = None) -> str:
    """How events and alerts write a moment: UTC, whole seconds, ``Z`` (2026-03-01T08:00:00Z).

    ``moment`` defaults to now; an aware moment in another zone is converted to UTC.
    """
    moment = moment or utc_now()
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def event(stream: str, event_type: str, data: Mapping[str, Any], *, key: tuple[str, ...] | None = None,
          metadata: Mapping[str, Any] | None = None) -> NewEvent:
    """Build a NewEvent; ``key`` makes the id deterministic (the idempotency key of a fact)."""
    kwargs: dict[str, Any] = {}
    if key is not None:
        kwargs["event_id"] = deterministic_event_id(event_type, *key)
    return NewEvent(stream=stream, type=event_type, data=dict(data), metadata=dict(metadata or {}),
                    schema_version=default_upcaster.current_version(event_type), **kwargs)


# -- upcasters -------------------------------------------------------------------------
# ArticleDiscovered v1 (the first release's shape) had `summary` instead of `text` and no
# `published_missing` flag. v2 is today's shape.

@default_upcaster.register(ARTICLE_DISCOVERED, 1)
def _article_discovered_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if "text" not in data:
        data["text"] = data.pop("summary", "") or ""
    data.setdefault("published_missing", not data.get("published"))
    data.setdefault("canonical_link", data.get("link"))
    return data
