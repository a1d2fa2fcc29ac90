"""`monitor feeds retry`: the operator's way back for what the poller stopped trying by itself.

Two things are never tried again without a hand: a feed a server said is gone (410) while
config.toml still leads to it, and a page source's article link given up after
:data:`monitor.feeds.page.MAX_LINK_FAILURES` failures while the page lists it. Both are
facts of the log (``FeedDisabled``, the ``unread_links`` of the ``FeedPolled``), so the
retry is one too: a ``FeedReset`` on the feed's stream, which the feeds projection applies
and a rebuild applies again. Editing a table would be lost at the next rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from monitor import events as ev
from monitor.app import App
from monitor.config import FeedConfig
from monitor.errors import MonitorError
from monitor.feeds.entries import url_key
from monitor.feeds.page import given_up
from monitor.feeds.poller import current_url, gone_url
from monitor.projections.feeds import failing_links, feed_states


def given_up_links(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A page source's article links given up (not fetched again while the page lists them), from its row."""
    return {url: record for url, record in failing_links(state).items() if given_up(record)}


@dataclass(frozen=True)
class RetryOutcome:
    """What `monitor feeds retry` did: the feed, the URL polled again after a 410 (None: the
    feed was not disabled), the article links whose failures were forgotten, and whether a
    ``FeedReset`` was recorded (False: there was nothing to retry)."""

    feed_id: str
    enabled_url: str | None = None
    links: list[str] = field(default_factory=list)
    recorded: bool = False

    def line(self) -> str:
        """The one line the command prints."""
        if not self.recorded:
            return (
                f"nothing to retry: feed {self.feed_id} is not disabled and has no failing article links"
                " (`monitor poll --feed ID` polls it now)"
            )
        said = []
        if self.enabled_url:
            said.append(
                f"{self.enabled_url} is polled again (it said gone, HTTP 410): by the next `monitor poll`,"
                " or by a running daemon once it is restarted"
            )
        if self.links:
            count = len(self.links)
            said.append(
                f"{count} article link{'' if count == 1 else 's'} fetched again at its next poll"
                + (f" ({self.links[0]})" if count == 1 else "")
            )
        return f"feed {self.feed_id}: " + "; ".join(said)


def _find(feeds: list[FeedConfig], states: dict[str, dict[str, Any]], target: str) -> tuple[FeedConfig, str | None]:
    """(the feed, the one link named) for ``target``: a feed's id, its URL (configured, moved to or
    gone), or one of a page source's failing article links; MonitorError when none matches."""
    for feed in feeds:
        if feed.id == target:
            return feed, None
    key = url_key(target)
    for feed in feeds:
        urls = (feed.url, current_url(feed, states[feed.id]), states[feed.id].get("url"))
        if any(url and url_key(url) == key for url in urls):
            return feed, None
    for feed in feeds:
        for link in failing_links(states[feed.id]):
            if url_key(link) == key:
                return feed, link
    raise MonitorError(
        f"{target!r} is no feed id or feed URL of the config and no failing article link"
        " (`monitor feeds list` shows both)"
    )


def retry_source(app: App, target: str, *, now: datetime | None = None) -> RetryOutcome:
    """Try ``target`` again: a feed (by id or URL) that a 410 disabled is polled again and all its
    failing article links are fetched again at its next poll; an article link, that link alone.

    Recorded as a ``FeedReset`` (durable, kept by a rebuild); nothing is recorded when there is
    nothing to retry. A daemon that ended the job of a disabled feed polls it again once restarted.
    """
    feeds = list(app.config.feeds)
    states = feed_states(app.store, [feed.id for feed in feeds])
    feed, link = _find(feeds, states, target)
    state = states[feed.id]
    links = [link] if link is not None else list(failing_links(state))
    enabled_url = gone_url(feed, state) if link is None else None
    if not links and enabled_url is None:
        return RetryOutcome(feed.id)
    data: ev.FeedResetData = {
        "feed_id": feed.id,
        "url": enabled_url or current_url(feed, state),
        "enabled": enabled_url is not None,
        "links": links,
        "reset_at": ev.timestamp(now),
    }
    app.store.append([ev.event(ev.feed_stream(feed.id), ev.FEED_RESET, data)])
    app.catch_up()
    return RetryOutcome(feed.id, enabled_url, links, recorded=True)
