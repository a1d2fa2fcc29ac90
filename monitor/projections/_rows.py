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


#: When a delivery is due (an alert's e-mail in ``alerts``, a channel's in ``alert_deliveries``):
#: never tried, or "maybe sent" by a process that died: now; failed: at its next try.
#: Its parameters: include_failed (every failed one is due), now (ISO-8601 text).
DUE_CLAUSE = "(? OR attempts = 0 OR status = 'sending' OR next_try_at IS NULL OR next_try_at <= ?)"

#: The ``alerts`` status of an alert queued with no e-mail recipient (``[alerts] to`` empty): it goes to the
#: notification channels alone (its rows in ``alert_deliveries``), and e-mail never picks it up.
CHANNELS_ONLY = "channels_only"
