"""Structured webhooks: an alert as a signed JSON document (pure; the POST is in ``channels.py``).

A channel URL ``hook+https://host/path`` (or ``hook+http://``) in ``[alerts] notify`` /
``notify_env`` receives, instead of Apprise's plain ``{title, message, type}``, the document
below, so a script can act on an alert without parsing prose. Schema ``nkru-monitor.alert/1``
(a receiver checks ``schema``; fields are only ever added within a version)::

    schema      "nkru-monitor.alert/1"
    alert_id    str     the idempotency key: every retry of one alert carries the same one
    kind        "article" | "digest" | "first_poll_summary" | "feed_health" | "test"
    created_at  ISO str when the alert was queued
    subject     str     the e-mail's subject line
    text        str     the e-mail's plain-text body
    details     the kind's facts (below), or null for alerts queued before this schema existed

    article:             {"article": Article, "claims": [Claim]}
    digest:              {"entries": [{"article": Article, "claims": [Claim]}], "period": {start, end} | null}
    first_poll_summary:  {"feed": Feed, "entries": int, "relevant": int, "ledger": [Move]}
    feed_health:         {"feed": Feed, "health": {"status": "failing"|"silent"|"recovered", ...}}

    Article = {article_id, title, outlet, feed_id, link, published}
    Claim   = {ledger_key, kind, item, direction, quantity, quantity_high, bound, source, since,
               as_of, stance, hedged, evidence, verdict ("updates"|"new"|"contradicts"|...),
               from, to (the figure compared and the new one, as the verdict has them),
               already_reported (bool: a figure told before, repeated by this outlet),
               ledger: {newest, previous, baseline: Figure | null} | null}
    Figure  = {quantity, bound, quantity_high, source, date, outlet (whose article, where known)}
    Move    = {ledger_key, kind, item, before: Figure | null, after: Figure}

The document is stored with the alert (``AlertQueued.details``) and encoded canonically
(sorted keys, no spaces), so a retry sends the same bytes and the same signature. Headers:
``X-Nkru-Signature: sha256=<hex HMAC-SHA256 of the body>`` when a secret is configured,
``X-Nkru-Alert-Id`` (the idempotency key, also ``Idempotency-Key``) and ``X-Nkru-Delivery``
(one per attempt: alert, channel, attempt number).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from monitor.claims import CLAIM_FIELDS
from monitor.claims.ledger import ledger_key

SCHEMA = "nkru-monitor.alert/1"
SIGNATURE_HEADER = "X-Nkru-Signature"
USER_AGENT = "nkru-monitor-webhook/1"

# (the claim's own fields but its id and its place in the text, which say nothing outside this monitor's store)
_CLAIM_FIELDS = tuple(f for f in CLAIM_FIELDS if f not in ("id", "span"))
# "outlet": a source of "outlet" is that article's own voice, and names nobody without it.
_FIGURE_FIELDS = ("quantity", "bound", "quantity_high", "source", "date", "outlet")
_ARTICLE_FIELDS = ("article_id", "title", "outlet", "feed_id", "link", "published")


def _figure(figure: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return {k: figure.get(k) for k in _FIGURE_FIELDS} if figure else None


def _article(article: Mapping[str, Any]) -> dict[str, Any]:
    return {k: article.get(k) for k in _ARTICLE_FIELDS}


def _claim(item: Mapping[str, Any]) -> dict[str, Any]:
    claim, verdict, ledger = item["claim"], item.get("verdict") or {}, item.get("ledger")
    key = (ledger or {}).get("key") or ledger_key(claim["kind"], claim["item"], claim.get("direction"))
    return {
        "ledger_key": key,
        **{k: claim.get(k) for k in _CLAIM_FIELDS},
        "verdict": verdict.get("verdict"),
        "from": verdict.get("from"),
        "to": verdict.get("to"),
        "already_reported": bool(item.get("corroboration")),
        "ledger": {part: _figure(ledger.get(part)) for part in ("newest", "previous", "baseline")} if ledger else None,
    }


def alert_details(kind: str, body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The facts of an alert's composition ``body`` (see ``compose.py``) in the webhook's shape."""
    if kind == "article":
        return {"article": _article(body["article"]), "claims": [_claim(i) for i in body["items"]]}
    if kind == "digest":
        entries = [
            {"article": _article(e["article"]), "claims": [_claim(i) for i in e["items"]]} for e in body["entries"]
        ]
        return {"entries": entries, "period": body.get("period")}
    if kind == "first_poll_summary":
        summary = body.get("summary") or {}
        moves = [
            {
                "ledger_key": m.get("key"),
                "kind": m.get("kind"),
                "item": m.get("item"),
                "before": _figure(m.get("before")),
                "after": _figure(m.get("after")),
            }
            for m in summary.get("ledger") or []
        ]
        return {
            "feed": dict(body.get("feed") or {}),
            "entries": summary.get("entries"),
            "relevant": summary.get("relevant"),
            "ledger": moves,
        }
    if kind == "feed_health":
        return {"feed": dict(body.get("feed") or {}), "health": dict(body.get("health") or {})}
    return None


def document(queued: Mapping[str, Any], subject: str, text: str) -> dict[str, Any]:
    """The webhook document of one AlertQueued's data (and its message's subject and text)."""
    return {
        "schema": SCHEMA,
        "alert_id": queued["alert_id"],
        "kind": queued["kind"],
        "created_at": queued.get("created_at"),
        "subject": subject,
        "text": text,
        "details": queued.get("details"),
    }


def encode(doc: Mapping[str, Any]) -> bytes:
    """Canonical bytes: a retry of one alert posts exactly these, so its signature is the same too."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    """The ``X-Nkru-Signature`` value: ``sha256=`` and the hex HMAC-SHA256 of the exact body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def headers(body: bytes, *, alert_id: str, delivery_id: str, secret: str | None) -> dict[str, str]:
    out = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Nkru-Schema": SCHEMA,
        "X-Nkru-Alert-Id": alert_id,
        "Idempotency-Key": alert_id,
        "X-Nkru-Delivery": delivery_id,
    }
    if secret:
        out[SIGNATURE_HEADER] = signature(secret, body)
    return out


def delivered(status: int) -> bool:
    """Only a 2xx means the receiver took the document (a redirect is not followed: POSTs do not survive it)."""
    return 200 <= status < 300


def retried(status: int) -> bool:
    """Worth another try later: the receiver's trouble (5xx), too busy (429), timed out (408, 425).
    Any other answer (3xx, 4xx) says this document or URL will not do: permanent until fixed."""
    return status >= 500 or status in (408, 425, 429)
