"""Helpers for the polling and daemon tests: feeds, configs, apps, reading the log."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from monitor.app import App, open_app
from monitor.config import load_config

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    text: str
    link: str | None = None


def items(prefix: str, count: int, *, start: int = 0) -> list[Item]:
    """Distinct entries whose guids are opaque (feed-scoped) ids."""
    return [
        Item(
            f"{prefix}-{i}",
            f"{prefix} report number {i}",
            f"<p>Dispatch {i} from the {prefix} desk about rail freight near Tumangang.</p>",
        )
        for i in range(start, start + count)
    ]


def rss(entries: Iterable[Item], *, title: str = "Test feed", ttl: int | None = None, encoding: str = "utf-8") -> bytes:
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>d</description>",
    ]
    if ttl is not None:
        parts.append(f"<ttl>{ttl}</ttl>")
    for n, item in enumerate(entries):
        published = format_datetime(START - timedelta(minutes=7 * n), usegmt=True)
        link = f"<link>{escape(item.link)}</link>" if item.link else ""
        parts.append(
            f'<item><guid isPermaLink="false">{escape(item.guid)}</guid><title>{escape(item.title)}</title>'
            f"{link}<pubDate>{published}</pubDate><description>{escape(item.text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)


def write_config(
    directory: Path,
    feeds: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    interval_minutes: float = 15,
    fetch: Mapping[str, Any] | None = None,
    feed_extra: Mapping[str, Mapping[str, Any]] | None = None,
    jitter_seconds: float = 0,
) -> Path:
    """A config.toml for local tests: no per-host gap (every feed is on 127.0.0.1)."""
    settings = {
        "timeout_seconds": 5,
        "deadline_seconds": 10,
        "per_host_gap_seconds": 0,
        "per_host_concurrency": 8,
        "concurrency": 8,
        **(fetch or {}),
    }
    lines = [
        "[store]",
        'path = "monitor.db"',
        "",
        "[schedule]",
        f"interval_minutes = {interval_minutes}",
        f"jitter_seconds = {jitter_seconds}",
        "misfire_grace_seconds = 60",
        "",
        "[fetch]",
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    for feed_id, url in feeds.items() if isinstance(feeds, Mapping) else feeds:
        lines += ["", "[[feeds]]", f'id = "{feed_id}"', f"url = {json.dumps(url)}"]
        for key, value in ((feed_extra or {}).get(feed_id) or {}).items():
            lines.append(f"{key} = {json.dumps(value)}")
    lines += [
        "",
        "[alerts]",
        'to = ["desk@example.org"]',
        'from = "monitor@example.org"',
        f'outbox_dir = "{directory / "outbox"}"',
    ]
    path = directory / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def open_test_app(config_path: Path) -> App:
    return open_app(load_config(config_path))


def events(db_path: Path | str, *types: str, stream: str | None = None) -> list[dict[str, Any]]:
    """Events of the given types, oldest first, read straight from the SQLite file."""
    query = "SELECT type, stream, data, metadata FROM events"
    clauses, params = [], []
    if types:
        clauses.append(f"type IN ({','.join('?' * len(types))})")
        params += list(types)
    if stream:
        clauses.append("stream = ?")
        params.append(stream)
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as conn:
        rows = conn.execute(query + " ORDER BY position", params).fetchall()
    return [{"type": t, "stream": s, "data": json.loads(d), "metadata": json.loads(m or "{}")} for t, s, d, m in rows]


class CountingParser:
    """Parses inline and counts calls, to show which polls paid for a parse."""

    def __init__(self) -> None:
        from monitor.feeds.pool import ParsePool

        self.pool = ParsePool(workers=0)
        self.calls = 0

    def parse(self, body: bytes, headers: Mapping[str, str], url: str, normalise=None):
        self.calls += 1
        return self.pool.parse(body, headers, url, normalise)


def iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
