"""Alert delivery cost: queue alerts for alert-worthy articles, then deliver them once to a
real SMTP server on 127.0.0.1 (aiosmtpd) and once into the `.eml` outbox.

    python bench/alerts_bench.py

Needs the test extras (aiosmtpd). Prints milliseconds per delivered alert for each channel:
the AlertAttempted commit, the SMTP dialogue or the atomic file write, and the AlertSent commit.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.alerts.sender import deliver_due  # noqa: E402
from monitor.pipeline import process_pending  # noqa: E402
from tests.alerts.test_alerts_e2e import alert_worthy_items  # noqa: E402
from tests.support.alert_app import discover, make_app, make_config  # noqa: E402
from tests.support.smtp_server import SmtpTestServer  # noqa: E402


def run(channel: str) -> None:
    items, _figures = alert_worthy_items()
    with tempfile.TemporaryDirectory(prefix="alerts-bench-") as folder:
        server = SmtpTestServer().start() if channel == "smtp" else None
        try:
            app = make_app(make_config(Path(folder), smtp_port=server.port if server else None))
            try:
                for item in items:
                    discover(app, item.guid, item.text, title=item.title)
                started = time.perf_counter()
                queued = sum(1 for outcome in process_pending(app) if outcome.alert_id)
                processed = time.perf_counter() - started
                started = time.perf_counter()
                sent = deliver_due(app)["sent"]
                delivered = time.perf_counter() - started
            finally:
                app.close()
        finally:
            if server is not None:
                server.stop()
    print(
        f"{channel:7s} {len(items)} articles processed in {processed:.2f} s, {queued} alerts queued; "
        f"{sent} delivered in {delivered:.2f} s = {delivered / max(1, sent) * 1000:.1f} ms per alert"
    )


if __name__ == "__main__":
    for name in ("smtp", "outbox"):
        run(name)
