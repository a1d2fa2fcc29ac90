"""Column values as the projections store them: JSON text for lists, SQL's COALESCE."""

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
