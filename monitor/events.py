"""The domain's events: type names, payload shapes, streams, deterministic ids and upcasters.

Every fact the daemon learns is one of these, appended to the log. Each type's ``data`` is
described by a TypedDict below (``PAYLOADS`` maps the type to it); docs/architecture.md
lists the same fields, and tests/test_docs.py keeps the two in step. Type names are part of
the CLI contract (docs/cli.md): add types and fields, never rename or drop one.

Streams:
    feed:<feed_id>        FeedPolled, FeedFailed, FeedDeferred, FeedMoved, FeedDisabled, FeedReset
    article:<article_id>  ArticleDiscovered, ArticleSighted, ArticleRevised,
                          ArticleClassified, ClaimsExtracted, ClaimsDiffed
    baseline              BaselineSet
    alert:<alert_id>      AlertQueued, AlertRouted, AlertAttempted, AlertSent, AlertFailed
    digest                DigestCompiled
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal, NotRequired, TypedDict

from monitor.store import NewEvent, deterministic_event_id
from monitor.store import default_upcaster as default_upcaster  # re-exported: the registry of this module's upcasters

FEED_POLLED = "FeedPolled"
FEED_FAILED = "FeedFailed"
FEED_MOVED = "FeedMoved"
FEED_DISABLED = "FeedDisabled"
# Not polled: the feed's host asked for a pause (Retry-After) that outlasts this poll.
FEED_DEFERRED = "FeedDeferred"
# The operator's `monitor feeds retry`: a feed a 410 disabled is polled again, and a page
# source's given-up article links are fetched again (their failures forgotten).
FEED_RESET = "FeedReset"
ARTICLE_DISCOVERED = "ArticleDiscovered"
ARTICLE_SIGHTED = "ArticleSighted"
ARTICLE_REVISED = "ArticleRevised"
ARTICLE_CLASSIFIED = "ArticleClassified"
CLAIMS_EXTRACTED = "ClaimsExtracted"
CLAIMS_DIFFED = "ClaimsDiffed"
BASELINE_SET = "BaselineSet"
ALERT_QUEUED = "AlertQueued"
# The channels an alert goes to besides e-mail (monitor.alerts.channels). AlertAttempted,
# AlertSent and AlertFailed of a channel carry its `destination`; e-mail's carry none.
ALERT_ROUTED = "AlertRouted"
ALERT_ATTEMPTED = "AlertAttempted"  # written before talking to the server: "maybe sent"
ALERT_SENT = "AlertSent"
ALERT_FAILED = "AlertFailed"
# A digest run: which log range it covered and the alert it queued (None: nothing to tell).
DIGEST_COMPILED = "DigestCompiled"

ALL_TYPES = (
    FEED_POLLED,
    FEED_FAILED,
    FEED_MOVED,
    FEED_DISABLED,
    ARTICLE_DISCOVERED,
    ARTICLE_SIGHTED,
    ARTICLE_REVISED,
    ARTICLE_CLASSIFIED,
    CLAIMS_EXTRACTED,
    CLAIMS_DIFFED,
    BASELINE_SET,
    ALERT_QUEUED,
    ALERT_ROUTED,
    ALERT_ATTEMPTED,
    ALERT_SENT,
    ALERT_FAILED,
    DIGEST_COMPILED,
    FEED_DEFERRED,
    FEED_RESET,
)

#: Facts the daemon can learn again if a power cut takes the last seconds of the log:
#: the next poll finds the same entries (their conditional-GET validators went with
#: them) and the pipeline re-derives what it derived. Their batches commit without
#: waiting for the disk (store.SQLiteEventStore relaxed_types). Everything else (alert
#: delivery, baselines, digests, a feed moved or disabled) is durable before append returns.
RELEARNABLE_TYPES = frozenset(
    {
        FEED_POLLED,
        FEED_FAILED,
        FEED_DEFERRED,
        ARTICLE_DISCOVERED,
        ARTICLE_SIGHTED,
        ARTICLE_REVISED,
        ARTICLE_CLASSIFIED,
        CLAIMS_EXTRACTED,
        CLAIMS_DIFFED,
    }
)

# -- payloads ------------------------------------------------------------------------
# What today's code writes. Readers still use ``.get`` with a default for fields that
# events of earlier releases lack (the upcasters below fill in only what readers need).
# A key marked NotRequired is written only in some cases, said beside it.


class FeedPolledData(TypedDict):
    """A fetch that succeeded: validators for the next conditional GET, and what the entries held."""

    feed_id: str
    url: str  # where the body came from (the new URL after a permanent redirect)
    status: int | None
    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    polled_at: str
    next_poll_at: str
    new: int
    # A 304, or a 200 with the same bytes as last time: nothing was parsed.
    # How many FeedResets the feed's row had when the poll read it (absent: none): a poll that
    # read the row before a `feeds retry` does not give the retried links up again.
    resets_seen: NotRequired[int]
    not_modified: NotRequired[bool]
    unchanged_body: NotRequired[bool]
    # Written when the body was parsed:
    entries: NotRequired[int]
    seen: NotRequired[int]
    revised: NotRequired[int]
    bozo: NotRequired[bool]
    bozo_reason: NotRequired[str | None]
    ttl_minutes: NotRequired[int | float | None]
    gap_suspected: NotRequired[bool]
    entry_keys: NotRequired[list[str]]  # "<article_id>:<raw_hash>" of the entries shown, capped
    #: a page source's listed article links that failed: URL -> {failures, retry_at, reason}
    unread_links: NotRequired[dict[str, dict[str, Any]]]


class FeedFailedData(TypedDict):
    """A fetch or parse that failed, and when to try again (backoff, or the server's Retry-After)."""

    feed_id: str
    url: str
    kind: str  # a feeds error kind: timeout, dns, connect, tls, http_status, too_large, parse_error, ...
    message: str
    status: int | None
    retry_after: float | None
    failures_in_row: int
    outage: bool  # the machine's own network was down: not the feed's fault
    failed_at: str
    next_poll_at: str
    internal_error: NotRequired[bool]  # an exception of ours rather than the feed's: worth a bug report


class FeedDeferredData(TypedDict):
    """Not polled: the feed's host asked for a pause (Retry-After) that outlasts this poll.
    Neither a poll nor a failure; only the next poll time changes."""

    feed_id: str
    url: str
    host: str
    deferred_at: str
    next_poll_at: str


class FeedMovedData(TypedDict):
    """A permanent redirect: later polls fetch ``to_url`` until the configured URL changes."""

    feed_id: str
    from_url: str  # the configured URL (the projection's moved_from)
    via_url: str  # the URL this poll fetched
    to_url: str
    status: int


class FeedDisabledData(TypedDict):
    """The server said the feed is gone (410): it is not polled again."""

    feed_id: str
    url: str
    status: int
    reason: str


class FeedResetData(TypedDict):
    """The operator asked for a feed to be tried again (`monitor feeds retry`): an operator's
    decision, not something a poll can learn again, so it is durable and a rebuild keeps it."""

    feed_id: str
    url: str  # the URL the feed is polled at (the one a 410 disabled, when ``enabled``)
    enabled: bool  # the feed was disabled by a 410 and is polled again
    links: list[str]  # a page source's article links whose failures are forgotten (fetched at its next poll)
    reset_at: str


class ArticleDiscoveredData(TypedDict):
    """An entry seen for the first time (schema v2; v1 had ``summary`` for ``text``)."""

    article_id: str
    id_source: str  # "guid", "link" or "hash": what the id was derived from
    feed_id: str
    title: str
    link: str | None
    canonical_link: str | None
    published: str  # UTC ISO-8601; the first-seen time when the feed gave no date
    published_missing: bool
    updated: str | None
    author: str | None
    text: str
    text_source: str  # "content", "summary" or "none"
    content_hash: str
    title_hash: str
    first_seen_at: str
    raw_hash: str  # hash of the entry as the feed sent it
    # The feed's own date when it was later than the fetch (``published`` is then the fetch
    # time, so a date in 2100 cannot top newest-first lists); None otherwise; absent before.
    published_original: NotRequired[str | None]


class ArticleSightedData(TypedDict):
    """A known article shown by another feed."""

    article_id: str
    feed_id: str
    link: str | None
    seen_at: str | None


class ArticleRevisedData(TypedDict):
    """A known article whose text changed materially (not just markup or whitespace)."""

    article_id: str
    feed_id: str
    title: str
    text: str
    content_hash: str
    raw_hash: str
    revised_at: str


class ArticleClassifiedData(TypedDict):
    """The relevance verdict for one version (content hash) of an article, and its story."""

    article_id: str
    content_hash: str
    relevant: bool
    score: float
    evidence: list[str]
    story_id: str | None
    signature: list[int]  # MinHash of the text (empty when irrelevant)
    classifier_version: str
    first_poll: NotRequired[bool]  # part of a new feed's backlog: summarised, not alerted one by one
    limits: NotRequired[dict[str, int]]  # the caps on text and claims that applied, when any did


class ClaimData(TypedDict):
    """One claim as stored and as ``monitor diff --json`` prints it (docs/claims-contract.md)."""

    id: str
    kind: str
    item: str
    direction: Literal["NK->RU", "RU->NK"] | None
    quantity: int | float | None
    bound: Literal["at_least", "about", "at_most", "exact", "range"] | None
    quantity_high: int | float | None
    source: str | None
    since: str | None
    as_of: str | None
    stance: Literal["asserted", "denied"]
    hedged: bool
    evidence: str
    span: list[int]  # [start, end) character offsets of ``evidence``


# "from" is a keyword, hence the functional form.
VerdictData = TypedDict(
    "VerdictData",
    {
        "claim": str,  # a ClaimData id of the same event
        "verdict": Literal["confirms", "updates", "contradicts", "new"],
        "baseline": list[str],  # ids of the baseline claims the verdict rests on
        "from": int | float | None,
        "to": int | float | None,
    },
)


class ClaimsExtractedData(TypedDict):
    """The claims of one article version (events of the first release lack outlet and story_id)."""

    article_id: str
    content_hash: str
    extractor_version: str
    published: str
    title: str | None
    outlet: str | None
    story_id: str | None
    claims: list[ClaimData]


class ClaimsDiffedData(TypedDict):
    """The verdicts of one article version's claims against the baseline in force."""

    article_id: str
    content_hash: str
    extractor_version: str
    baseline_id: str
    verdicts: list[VerdictData]
    held_for_digest: NotRequired[bool]  # waits for the next digest (mode = "digest")


class BaselineSetData(TypedDict):
    """A new baseline in force: the claims later articles are diffed against, with provenance.

    ``baseline_id``, ``set_at`` and ``sources`` are what the projections read; ``id``,
    ``created`` and ``reports`` repeat them under the names of ``claims.baseline.Baseline``.
    """

    baseline_id: str
    label: str
    set_at: str
    sources: list[dict[str, Any]]
    claims: list[dict[str, Any]]  # ClaimData plus the report each came from
    facts: list[dict[str, Any]]
    id: str
    created: str
    reports: list[dict[str, Any]]


class AlertFact(TypedDict):
    """One figure an alert tells (the dedupe of later alerts: 10% is the same figure)."""

    ledger_key: str
    quantity: int | float | None


class DigestRange(TypedDict):
    after: int  # log positions: (after, through]
    through: int


class AlertQueuedData(TypedDict):
    """A whole rendered message, so every retry sends the same bytes with the same Message-ID."""

    alert_id: str
    kind: str  # article, digest, first_poll_summary, feed_health
    recipients: list[str]
    subject: str
    message_id: str
    message: str  # the RFC 5322 message as text
    article_id: str | None
    ledger_keys: list[str]
    facts: list[AlertFact]
    covers: NotRequired[DigestRange]  # digest alerts
    feed_id: NotRequired[str]  # first-poll summaries and feed-health alerts
    health_status: NotRequired[str]  # feed-health alerts: failing, silent or recovered
    details: NotRequired[dict[str, Any] | None]  # the webhook's facts (monitor.alerts.webhook); absent before it


class AlertRoutedData(TypedDict):
    """The notification channels an alert goes to besides e-mail (monitor.alerts.channels), fixed once."""

    alert_id: str
    destinations: list[str]  # "channel:<fingerprint>", one per channel
    targets: list[str]  # the same channels' URLs, redacted


class AlertAttemptedData(TypedDict):
    """Appended before the first byte goes out: an alert whose last event this is was maybe sent."""

    alert_id: str
    attempt: int
    target: str  # where it goes (a notification channel's URL redacted)
    channel: NotRequired[str]  # e-mail: smtp or outbox
    message_id: NotRequired[str]  # e-mail
    destination: NotRequired[str]  # a notification channel: "channel:<fingerprint>"


class AlertSentData(TypedDict):
    """The server accepted the message (or the .eml file is in the outbox)."""

    alert_id: str
    attempt: int
    reply: str | None
    sent_at: str
    channel: NotRequired[str]  # e-mail: smtp or outbox
    message_id: NotRequired[str]  # e-mail
    refused: NotRequired[dict[str, list[Any]]]  # e-mail: recipients the server turned down, [code, reply]
    destination: NotRequired[str]  # a notification channel, and its redacted URL:
    target: NotRequired[str]


class AlertFailedData(TypedDict):
    """An attempt failed; ``next_try_at`` is None when the failure is permanent."""

    alert_id: str
    attempt: int
    kind: str  # a delivery error kind: refused, timeout, tls, auth, rejected, temporary, ...
    error: str
    permanent: bool
    next_try_at: str | None  # None: no more tries by itself (permanent, or given up)
    failed_at: NotRequired[str]  # the sender's clock at the failure (the start of a failing spell); absent before it
    gave_up: NotRequired[bool]  # retried for as long as senders of its kind do ([alerts] give_up_*): kept, not tried
    destination: NotRequired[str]  # a notification channel, and its redacted URL
    target: NotRequired[str]
    retry_after_seconds: NotRequired[int]  # a channel's receiver asked for a pause (429/503), capped at an hour
    paused_until: NotRequired[str]  # ... until then: every process leaves that receiver alone


class DigestCompiledData(TypedDict):
    """A digest run: the log range it covered and the alert it queued (None: nothing to tell)."""

    after: int
    through: int
    alert_id: str | None
    articles: int
    changes: int
    compiled_at: str


#: Each event type's payload shape.
PAYLOADS: dict[str, type] = {
    FEED_POLLED: FeedPolledData,
    FEED_FAILED: FeedFailedData,
    FEED_MOVED: FeedMovedData,
    FEED_DISABLED: FeedDisabledData,
    ARTICLE_DISCOVERED: ArticleDiscoveredData,
    ARTICLE_SIGHTED: ArticleSightedData,
    ARTICLE_REVISED: ArticleRevisedData,
    ARTICLE_CLASSIFIED: ArticleClassifiedData,
    CLAIMS_EXTRACTED: ClaimsExtractedData,
    CLAIMS_DIFFED: ClaimsDiffedData,
    BASELINE_SET: BaselineSetData,
    ALERT_QUEUED: AlertQueuedData,
    ALERT_ROUTED: AlertRoutedData,
    ALERT_ATTEMPTED: AlertAttemptedData,
    ALERT_SENT: AlertSentData,
    ALERT_FAILED: AlertFailedData,
    DIGEST_COMPILED: DigestCompiledData,
    FEED_DEFERRED: FeedDeferredData,
    FEED_RESET: FeedResetData,
}


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
    return datetime.now(UTC)


def timestamp(moment: datetime | None = None) -> str:
    """How events and alerts write a moment: UTC, whole seconds, ``Z`` (2026-03-01T08:00:00Z).

    ``moment`` defaults to now; an aware moment in another zone is converted to UTC.
    """
    moment = moment or utc_now()
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_timestamp(value: Any) -> datetime | None:
    """A moment written by :func:`timestamp` (or any ISO 8601 text) as an aware datetime; a moment written without a
    zone is taken as UTC. None for anything else (no value, not text, not a date): callers treat it as unknown."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def event(
    stream: str,
    event_type: str,
    data: Mapping[str, Any],
    *,
    key: tuple[str, ...] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> NewEvent:
    """Build a NewEvent; ``key`` makes the id deterministic (the idempotency key of a fact)."""
    kwargs: dict[str, Any] = {}
    if key is not None:
        kwargs["event_id"] = deterministic_event_id(event_type, *key)
    return NewEvent(
        stream=stream,
        type=event_type,
        data=dict(data),
        metadata=dict(metadata or {}),
        schema_version=default_upcaster.current_version(event_type),
        **kwargs,
    )


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


# Every type is declared, so a shape above today's (a newer release's, on a shared log or after a
# downgrade) is refused on read instead of handed to a handler that would misread it.
for _event_type in ALL_TYPES:
    default_upcaster.declare(_event_type)
