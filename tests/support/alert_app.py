"""A real monitor App on a SQLite file in tmp_path, for the alert tests.

Articles go in as ArticleDiscovered events (what the poller appends) and run through
the real pipeline; feeds get real FeedPolled/FeedFailed events. Nothing is mocked.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from monitor import events as ev
from monitor.app import App, open_app
from monitor.config import Config, parse_config
from monitor.pipeline import process_pending

TO = ["analyst@example.org"]
FROM = "monitor@example.org"

# Articles written for these tests; the real extractor reads them.
SHELLS_5M = (
    "North Korea has shipped more than 5 million artillery shells to Russia since August 2023, "
    "South Korea's defence ministry said on Tuesday. The ministry said Pyongyang sent the shells "
    "by ship and by rail for use in the war in Ukraine."
)
SHELLS_5M_AGAIN = (
    "Seoul's defence ministry repeated on Friday that North Korea has shipped more than 5 million "
    "artillery shells to Russia since August 2023, a figure it first gave earlier this month."
)
SHELLS_9M = (
    "North Korea has now sent about 9 million artillery shells to Russia since the summer of 2023, the head "
    "of Ukraine's military intelligence said on Thursday, nearly twice the figure Seoul gave last year."
)
TROOPS_11K = (
    "About 11,000 North Korean troops have been deployed to Russia's Kursk region, the US Defense "
    "Department said on Monday, adding that the soldiers had begun fighting Ukrainian forces."
)
OFF_TOPIC = "The city council approved a new budget for public parks and libraries on Wednesday evening."


def config_data(
    tmp_path: Path,
    *,
    smtp_port: int | None = None,
    feeds: list[str] = (),  # type: ignore[assignment]
    outlets: dict[str, str] | None = None,
    smtp_timeout: float = 2,
    **alerts: Any,
) -> dict[str, Any]:
    """The config.toml of a test, as a dict (write it with :func:`write_config` for subprocesses)."""
    table: dict[str, Any] = {"to": TO, "from": FROM, "outbox_dir": str(tmp_path / "outbox"), "max_per_hour": 1000}
    table.update(alerts)
    if smtp_port is not None:
        table["smtp"] = {"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout_seconds": smtp_timeout}
    feed_tables = []
    for feed_id in feeds:
        feed: dict[str, Any] = {"id": feed_id, "url": f"http://127.0.0.1:9/{feed_id}.xml"}
        if outlets and feed_id in outlets:
            feed["outlet"] = outlets[feed_id]
        feed_tables.append(feed)
    return {"store": {"path": str(tmp_path / "monitor.db")}, "alerts": table, "feeds": feed_tables}


def make_config(tmp_path: Path, **options: Any) -> Config:
    return parse_config(config_data(tmp_path, **options), tmp_path / "config.toml")


def write_config(path: Path, data: dict[str, Any]) -> Path:
    """A minimal TOML writer for the shapes config_data builds (no third-party writer needed)."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):  # an inline table, as in a list ([alerts] notify's {url, webhook_secret_env})
            return "{" + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(str(v))

    lines = []
    for section, table in data.items():
        if section == "feeds":
            continue
        nested = {k: v for k, v in table.items() if isinstance(v, dict)}
        lines.append(f"[{section}]")
        lines += [f"{k} = {value(v)}" for k, v in table.items() if k not in nested]
        for name, sub in nested.items():
            lines.append(f"[{section}.{name}]")
            lines += [f"{k} = {value(v)}" for k, v in sub.items()]
    for feed in data.get("feeds", []):
        lines.append("[[feeds]]")
        lines += [f"{k} = {value(v)}" for k, v in feed.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_app(config: Config) -> App:
    return open_app(config)


def discover(
    app: App,
    article_id: str,
    text: str,
    *,
    feed_id: str = "feed-a",
    title: str | None = None,
    published: str = "2024-10-01",
    link: str | None = None,
) -> None:
    """Append what the poller appends for a new entry."""
    content_hash = hashlib.sha256(text.encode()).hexdigest()
    app.store.append(
        [
            ev.event(
                ev.article_stream(article_id),
                ev.ARTICLE_DISCOVERED,
                {
                    "article_id": article_id,
                    "feed_id": feed_id,
                    "title": title or text[:60],
                    "text": text,
                    "link": link or f"https://news.example.org/{article_id}",
                    "canonical_link": link or f"https://news.example.org/{article_id}",
                    "published": published,
                    "published_missing": False,
                    "content_hash": content_hash,
                    "first_seen_at": f"{published}T08:00:00Z",
                },
                key=(article_id,),
            )
        ]
    )
    app.catch_up()


def feed_polled(app: App, feed_id: str, at: str, *, new: int = 0) -> None:
    app.store.append(
        [
            ev.event(
                ev.feed_stream(feed_id),
                ev.FEED_POLLED,
                {
                    "feed_id": feed_id,
                    "url": f"http://127.0.0.1:9/{feed_id}.xml",
                    "status": 200,
                    "polled_at": at,
                    "entries": 10,
                    "new": new,
                    "next_poll_at": at,
                },
            )
        ]
    )
    app.catch_up()


def feed_failed(
    app: App,
    feed_id: str,
    at: str,
    *,
    failures_in_row: int,
    outage: bool = False,
    message: str = "HTTP 503 from the server",
) -> None:
    app.store.append(
        [
            ev.event(
                ev.feed_stream(feed_id),
                ev.FEED_FAILED,
                {
                    "feed_id": feed_id,
                    "url": f"http://127.0.0.1:9/{feed_id}.xml",
                    "status": 503,
                    "failed_at": at,
                    "failures_in_row": failures_in_row,
                    "kind": "http",
                    "message": message,
                    "outage": outage,
                    "next_poll_at": at,
                },
            )
        ]
    )
    app.catch_up()


def events_of(app: App, event_type: str) -> list[Any]:
    return list(app.store.read_all(types=[event_type]))


def queue_alert(app: App, article_id: str, text: str) -> str:
    """Discover one article and process it; the id of the alert it queued last."""
    discover(app, article_id, text, title=f"Report {article_id}")
    process_pending(app)
    return str(list(app.store.read_all(types=[ev.ALERT_QUEUED]))[-1].data["alert_id"])


def all_event_text(db: Path) -> str:
    """Every event's data and metadata as text, for asserting a secret appears nowhere in the log."""
    with sqlite3.connect(db) as conn:
        return "\n".join(d + (m or "") for d, m in conn.execute("SELECT data, metadata FROM events"))
