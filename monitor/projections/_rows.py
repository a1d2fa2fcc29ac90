"""Column values as the projections store them (JSON text for lists, SQL's COALESCE), and the due rule of deliveries."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def json_text(value: Any) -> str:
    """JSON text for list and set columns (``json.dumps`` with options builds an encoder per call)."""
    return _ENCODER.encode(value)


def json_text_one(value: Any) -> str:
    """``json_text([value])``: an article's first feeds list, once per article in a rebuild."""
    return f"[{encode_basestring(value)}]" if isinstance(value, str) else json_text([value])


def coalesce(new: Any, old: Any) -> Any:
    return old if new is None else new


#: The status of a delivery retried for as long as a sender of its kind would (monitor.alerts.sender.gives_up, by
#: [alerts] give_up_*) and given up: kept, shown by `monitor alerts`, tried again by `monitor alerts retry`.
GIVEN_UP = "given_up"

#: When a delivery is due (an alert's e-mail in ``alerts``, a channel's in ``alert_deliveries``):
#: never tried, or "maybe sent" by a process that died: now; failed: at its next try.
#: A next try later than any failure could have set (``latest``: see channels.furthest_next_try) was set by a
#: clock running ahead, and is due now rather than when that clock said.
#: Its parameters: include_failed (every failed one is due), now, latest (ISO-8601 text).
DUE_CLAUSE = "(? OR attempts = 0 OR status = 'sending' OR next_try_at IS NULL OR next_try_at <= ? OR next_try_at > ?)"

#: The ``alerts`` status of an alert queued with no e-mail recipient (``[alerts] to`` empty): it goes to the
#: notification channels alone (its rows in ``alert_deliveries``), and e-mail never picks it up.
CHANNELS_ONLY = "channels_only"


def failure_columns(row: dict[str, Any], e: Any) -> dict[str, Any]:
    """The status, next try and start of the failing spell an AlertFailed gives a delivery's row (e-mail's in
    ``alerts``, a channel's in ``alert_deliveries``): one rule for both tables. ``failing_since`` is the first failure
    since the last success, give-up or failure for good (``failed_at``, else the event's own time for releases that
    did not write it), so an alert revived by `monitor alerts retry` starts a new spell."""
    d = e.data
    if d.get("gave_up"):
        return {"status": GIVEN_UP, "next_try_at": None, "failing_since": None}
    if d.get("permanent") or not d.get("next_try_at"):
        # Failed for good ends the spell as a give-up does: the months it may sit so before `monitor alerts retry`
        # are not days of failing retries, and must not give it up at the first failure after that retry.
        return {"status": "failed", "next_try_at": None, "failing_since": None}
    return {
        "status": "queued",
        "next_try_at": d.get("next_try_at"),
        "failing_since": row.get("failing_since") or d.get("failed_at") or e.recorded_at,
    }
