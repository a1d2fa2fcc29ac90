"""Alert e-mails: pure composition (:mod:`.compose`) and the delivery edge (:mod:`.deliver`).

The daemon turns queued alerts into payload dicts, builds messages with
:func:`build_message`, and hands them to :func:`deliver`; recording AlertSent /
AlertFailed events around that call is the caller's job.
"""

from monitor.alerts.compose import (
    AlertPayload,
    AlertPayloadError,
    build_message,
    domain_of,
    feed_thread_id,
    message_id,
    render_bodies,
    subject_for,
    thread_key_id,
)
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
from monitor.alerts.formatting import format_amount, format_number, format_quantity, format_ratio

__all__ = [
    "DeliveryAttempt",
    "DeliveryError",
    "DeliveryReceipt",
    "OutboxWriter",
    "SmtpSettings",
    "deliver",
    "send_smtp",
    "send_test_message",
    "AlertPayload",
    "AlertPayloadError",
    "build_message",
    "domain_of",
    "feed_thread_id",
    "format_amount",
    "format_number",
    "format_quantity",
    "format_ratio",
    "message_id",
    "render_bodies",
    "subject_for",
    "thread_key_id",
]
