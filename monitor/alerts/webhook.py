"""Structured webhooks: an alert as a signed JSON document (pure; the POST is in ``channels.py``).

A channel URL ``hook+https://host/path`` (or ``hook+http://``) in ``[alerts] notify`` /
``notify_env`` receives, instead of Apprise's plain ``{title, message, type}``, the document
below, so a script can act on an alert without parsing prose. Schema ``nkru-monitor.alert/1``
(a receiver checks ``schema``; fields are only ever added within a version)::

    schema      "nkru-monitor.alert/1"
    alert_id    str     the idempotency key: every retry of one alert carries the same one
    kind        "article" | "digest" | "first_poll_summary" | "feed_health" | "channel_gone" | "test"
    created_at  ISO str when the alert was queued
    subject     str     the e-mail's subject line
    text        str     the e-mail's plain-text body
    details     the kind's facts (below), or null for alerts queued before this schema existed

    article:             {"article": Article, "claims": [Claim]}
    digest:              {"entries": [{"article": Article, "claims": [Claim]}], "period": {start, end} | null}
    first_poll_summary:  {"feed": Feed, "entries": int, "relevant": int, "ledger": [Move]}
    feed_health:         {"feed": Feed, "health": {"status": "failing"|"silent"|"recovered", ...}}
    channel_gone:        {"channel": {"target": redacted URL, "last_error": str | null}}

    Article = {article_id, title, outlet, feed_id, link, published}
    Claim   = {ledger_key, kind, item, direction, quantity, quantity_high, bound, source, since,
               as_of, stance, hedged, evidence, verdict ("updates"|"new"|"contradicts"|...),
               from, to (the figure compared and the new one, as the verdict has them),
               already_reported (bool: a figure told before, repeated by this outlet),
               ledger: {newest, previous, baseline: Figure | null} | null}
    Figure  = {quantity, bound, quantity_high, source, date, outlet (whose article, where known)}
    Move    = {ledger_key, kind, item, before: Figure | null, after: Figure}
              (before: the newest reported figure, else the baseline's; null when neither)

The document is stored with the alert (``AlertQueued.details``) and encoded canonically
(sorted keys, no spaces), so a retry sends the same bytes. Headers:

- Standard Webhooks (standardwebhooks.com, version 1): ``webhook-id`` (the alert id, the same on every
  retry), ``webhook-timestamp`` (this attempt's Unix seconds) and, with a key,
  ``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">``. Signing the attempt's time
  lets a receiver refuse a captured request replayed later (the libraries allow five minutes).
- The older form, kept for receivers written against it: ``X-Nkru-Signature: sha256=<hex HMAC-SHA256
  of the body>``. It covers the body alone, so it is the same on every retry and replayable forever.
- ``X-Nkru-Alert-Id`` and ``Idempotency-Key`` (the alert id again) and ``X-Nkru-Delivery`` (one per
  attempt: alert, channel, attempt number).

The key is text from the environment. The older signature keys HMAC with its UTF-8 bytes, as it
always has. The standard one keys it with the bytes the spec's ``whsec_<base64>`` form stands for,
and with the UTF-8 bytes of any other key (a receiver hands those to a Standard Webhooks library
as bytes, since the library reads text as base64): a key in use before keeps working for both.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any

from monitor.claims import CLAIM_FIELDS
from monitor.claims.ledger import ledger_key

SCHEMA = "nkru-monitor.alert/1"
SIGNATURE_HEADER = "X-Nkru-Signature"
#: The Standard Webhooks secret serialisation: this prefix, then the key's bytes in base64.
STANDARD_KEY_PREFIX = "whsec_"
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
    if kind == "channel_gone":
        return {"channel": dict(body.get("channel") or {})}
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


def key_problem(secret: str) -> str | None:
    """Why ``secret`` cannot sign (a ``whsec_`` key whose rest is no base64, or is empty), or None."""
    if not secret.startswith(STANDARD_KEY_PREFIX):
        return None
    try:
        _standard_key(secret)
    except ValueError:
        return f"it starts with {STANDARD_KEY_PREFIX} but the rest is not base64 of a key"
    return None


def _standard_key(secret: str) -> bytes:
    if not secret.startswith(STANDARD_KEY_PREFIX):
        return secret.encode("utf-8")
    encoded = secret.removeprefix(STANDARD_KEY_PREFIX).strip()
    try:
        # padding is optional in the wild: add what is missing, refuse any other stray character
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc
    if not key:
        raise ValueError("empty")
    return key


def standard_signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: ``v1,`` and the base64 HMAC-SHA256 of ``id.timestamp.body``."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_standard_key(secret), signed, hashlib.sha256).digest()).decode("ascii")


def headers(
    body: bytes, *, alert_id: str, delivery_id: str, secret: str | None, sent_at: int | None = None
) -> dict[str, str]:
    """The headers of one attempt; ``sent_at`` (Unix seconds) is the attempt's time, now by default."""
    sent_at = int(time.time()) if sent_at is None else sent_at
    out = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Nkru-Schema": SCHEMA,
        "X-Nkru-Alert-Id": alert_id,
        "Idempotency-Key": alert_id,
        "X-Nkru-Delivery": delivery_id,
        # alert ids are letters, digits, "-" and ":" only: no "." to blur where the signed id ends
        "webhook-id": alert_id,
        "webhook-timestamp": str(sent_at),
    }
    if secret:
        out[SIGNATURE_HEADER] = signature(secret, body)
        out["webhook-signature"] = standard_signature(secret, alert_id, sent_at, body)
    return out


def credentials(target: str) -> tuple[str, str | None]:
    """(``target`` without its ``user:password@``, the HTTP Basic ``Authorization`` value they make or
    None). The credentials go in the header, never in the request line, and a user with no password
    (a token given as ``token@host``) is sent with an empty one."""
    from urllib.parse import unquote, urlsplit, urlunsplit  # imported here: only a hook's send needs them

    parts = urlsplit(target)
    if "@" not in parts.netloc:
        return target, None
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    if not parts.username and not parts.password:
        return bare, None  # a stray "@" names nobody
    pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode()
    return bare, "Basic " + base64.b64encode(pair).decode("ascii")


def delivered(status: int) -> bool:
    """Only a 2xx means the receiver took the document (a redirect is not followed: POSTs do not survive it)."""
    return 200 <= status < 300


def retried(status: int) -> bool:
    """Worth another try later: the receiver's trouble (5xx), too busy (429), timed out (408, 425).
    Any other answer (3xx, 4xx) says this document or URL will not do: permanent until fixed."""
    return status >= 500 or status in (408, 425, 429)
