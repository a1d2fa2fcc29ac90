"""Alert e-mails: pure composition (:mod:`.compose`) and the delivery edge (:mod:`.deliver`).

The daemon turns queued alerts into payload dicts, builds messages with
:func:`build_message`, and hands them to :func:`deliver`; recording AlertSent /
AlertFailed events around that call is the caller's job.

Every name here is loaded on first use (PEP 562): importing any ``monitor.alerts.*`` module
runs this file, and a poll that queues and sends no alert (every feed answering 304) must
pay neither for Jinja2 and the message templates nor for smtplib, the e-mail policies and
the outbox's temporary files (start-up time; tests/app/test_lazy_imports.py). The function
``deliver`` is not among them: it has its submodule's name, which the import system binds
on the package whenever that submodule loads, so it is imported from
``monitor.alerts.deliver``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "deliver": (
        "DeliveryAttempt",
        "DeliveryError",
        "DeliveryReceipt",
        "OutboxWriter",
        "SmtpSettings",
        "send_smtp",
        "send_test_message",
    ),
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
