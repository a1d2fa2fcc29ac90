"""An article as its stream tells it: ArticleDiscovered, then the latest ArticleRevised.

The poller reads it to tell a revision from a re-send; the pipeline reads it to classify
the text in force. Nothing here is stored: it is folded from the log on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from monitor import events as ev
from monitor.app import App


@dataclass
class ArticleState:
    article_id: str
    feed_id: str | None = None
    title: str | None = None
    text: str = ""
    link: str | None = None
    canonical_link: str | None = None
    published: str | None = None
    content_hash: str | None = None
    first_seen_at: str | None = None
    outlet: str | None = None

    def published_date(self) -> date | None:
        """The day the article speaks from (its publication, else when we first saw it)."""
        for value in (self.published, self.first_seen_at):
            if value:
                try:
                    return date.fromisoformat(value[:10])
                except ValueError:
                    continue
        return None


def article_state(app: App, article_id: str) -> ArticleState | None:
    """The article as the log knows it now: discovery plus the latest revision."""
    states: dict[str, ArticleState] = {}
    for event in app.store.read_stream(ev.article_stream(article_id)):
        _apply_article_event(states, article_id, event.type, event.data)
    return states.get(article_id)


def _apply_article_event(states: dict[str, ArticleState], article_id: str, event_type: str, d: dict[str, Any]) -> None:
    state = states.get(article_id)
    if event_type == ev.ARTICLE_DISCOVERED:
        states[article_id] = ArticleState(
            article_id=article_id,
            feed_id=d.get("feed_id"),
            title=d.get("title"),
            text=d.get("text") or "",
            link=d.get("link"),
            canonical_link=d.get("canonical_link"),
            published=d.get("published"),
            content_hash=d.get("content_hash"),
            first_seen_at=d.get("first_seen_at"),
        )
    elif event_type == ev.ARTICLE_REVISED and state is not None:
        state.title = d.get("title") or state.title
        state.text = d.get("text") or state.text
        state.content_hash = d.get("content_hash") or state.content_hash


def article_states(app: App, article_ids: list[str]) -> dict[str, ArticleState]:
    """:func:`article_state` of many articles, read in a few queries instead of one per article."""
    states: dict[str, ArticleState] = {}
    streams = [ev.article_stream(a) for a in article_ids]
    for event in app.store.read_streams(streams, types=[ev.ARTICLE_DISCOVERED, ev.ARTICLE_REVISED]):
        _apply_article_event(states, event.stream.split(":", 1)[1], event.type, event.data)
    return states
