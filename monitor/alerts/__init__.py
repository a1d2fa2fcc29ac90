"""Alert e-mails: pure composition (:mod:`.compose`) and the delivery edge (:mod:`.deliver`).

The daemon turns queued alerts into payload dicts, builds messages with
:func:`build_message`, and hands them to :func:`deliver`; recording AlertSent /
AlertFailed events around that call is the caller's job.

The composition names are loaded on first use (PEP 562): importing any ``monitor.alerts.*``
module runs this file, and a poll that queues no alert must not pay for Jinja2 and the
message templates (tests/app/test_lazy_imports.py). The delivery names are imported here:
the sender needs them on every cycle anyway, and the function ``deliver`` must shadow the
submodule of the same name.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from monitor.alerts.deliver import (
    DeliveryAttempt,
    DeliveryError,
    DeliveryReceipt,
    OutboxWriter,
    SmtpSettings,
    deliver,
    send_smtp,
    send_test_message,
)

_HOMES = {
    "compose": (
        "AlertPayload",
        "AlertPayloadError",
        "build_message",
        "compose_alert_text",
        "domain_of",
        "feed_thread_id",
        "message_id",
        "render_bodies",
        "subject_for",
        "thread_key_id",
    ),
    "formatting": ("format_amount", "format_number", "format_quantity", "format_ratio"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "AlertPayload",
    "AlertPayloadError",
    "DeliveryAttempt",
    "DeliveryError",
    "DeliveryReceipt",
    "OutboxWriter",
    "SmtpSettings",
    "build_message",
    "compose_alert_text",
    "deliver",
    "domain_of",
    "feed_thread_id",
    "format_amount",
    "format_number",
    "format_quantity",
    "format_ratio",
    "message_id",
    "render_bodies",
    "send_smtp",
    "send_test_message",
    "subject_for",
    "thread_key_id",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value
