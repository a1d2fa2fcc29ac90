"""Which article an entry is, across feeds: a link is one article per outlet, never across outlets.

An entry's id (:func:`monitor.feeds.entries.article_id`) is a pure function of the entry:
guid- and hash-keyed ids are scoped by the feed, link-keyed ids are the link's own, so
two feeds showing one URL find one article. That is right for two feeds of one outlet
(its "world" and "Asia" feeds) and wrong for two outlets: an aggregator quoting another
outlet's URL, or two feeds on one host whose bare ``<guid>123</guid>`` both resolve to
``https://host/123``. Then the second outlet's text was dropped (same cycle) or became a
revision of the first outlet's article, alerted under the first outlet's name.

The rule now:

* A link-keyed entry takes the link's id unless an article with that id was discovered
  by a feed of another outlet (feeds are one outlet when their ``outlet_name`` match,
  ignoring case). Then it takes :func:`~monitor.feeds.entries.outlet_article_id`: the
  link hashed with its own outlet's name. Two outlets, two articles; story grouping and
  corroboration then see one story told twice.
* Only the feed that discovered an article revises it; other feeds of its outlet sight it.
* The same outcome whatever the order: :func:`resolve_article_ids` decides against the
  articles table when the feed's entries are read, and :func:`settle_discoveries`
  decides again against the log itself when they are appended, under the write lock,
  which catches a feed of the same cycle or a concurrent daemon job that got there
  first (an ArticleDiscovered with an id already in the log would otherwise vanish as an
  idempotent retry).

Why ids are not simply scoped by outlet: every link-keyed id in an existing database
would change, and each known article would be discovered again after an upgrade (and
alerted again). This way no existing id changes: only entries whose link already belongs
to another outlet get a new one. A feed that the old rules had already merged into
another outlet's article (it sighted it) keeps the merged id, so the upgrade is silent;
tests/feeds/test_identity.py polls on from a database the old code wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from monitor import events as ev
from monitor.app import App
from monitor.config import Config, FeedConfig
from monitor.projections.articles import feed_articles_by_link, known_articles
from monitor.store import NewEvent


def outlet_key(config: Config, feed_id: str) -> str:
    """The outlet a feed belongs to, for identity: its ``outlet_name``, case-folded; a feed
    no longer in the config is its own outlet."""
    for feed in config.feeds:
        if feed.id == feed_id:
            return " ".join(feed.outlet_name.split()).casefold()
    return feed_id


def resolve_article_ids(
    app: App, feed: FeedConfig, raw_entries: Sequence[Mapping[str, Any]], remembered: Mapping[str, str]
) -> tuple[list[str], dict[str, str], dict[str, dict[str, Any]]]:
    """The id of each entry; for link-keyed entries on the link's own id, the id they take
    should another outlet turn out to own it (for :func:`settle_discoveries`); and what the
    articles table knows of every id whose bytes the feed has not shown before
    (``remembered``: id -> raw hash at the last poll), read once so that the choice of id
    and what the poller does with it agree."""
    # Imported here: the entries module costs start-up time, and a poll whose feeds all answer
    # 304 reads no entries (tests/app/test_lazy_imports.py).
    from monitor.feeds.entries import article_id, identity_key, outlet_article_id

    ids = [article_id(raw, feed.id) for raw in raw_entries]
    mine = outlet_key(app.config, feed.id)
    scoped: dict[int, str] = {}
    for index, raw in enumerate(raw_entries):
        key = raw.get("key") or identity_key(raw)
        if not key.startswith("link:"):
            continue
        own_id = outlet_article_id(key, mine)
        if remembered.get(own_id) == raw["raw_hash"]:
            ids[index] = own_id  # as last time, same bytes: nothing to decide
        elif remembered.get(ids[index]) != raw["raw_hash"]:
            scoped[index] = own_id
    _follow_changed_guids(app, feed, raw_entries, ids, remembered)
    wanted = [a for a, raw in zip(ids, raw_entries) if remembered.get(a) != raw["raw_hash"]]
    known = known_articles(app.store, list(dict.fromkeys(wanted + list(scoped.values()))))
    alternates: dict[str, str] = {}
    for index, own_id in scoped.items():
        link_id = ids[index]
        owner = known.get(link_id)
        if own_id in known:  # decided on an earlier poll
            ids[index] = own_id
        elif owner is None or feed.id in owner["feeds"] or outlet_key(app.config, owner["feed_id"] or "") == mine:
            alternates[link_id] = own_id
        else:
            ids[index] = own_id
    return ids, alternates, known


def _follow_changed_guids(
    app: App, feed: FeedConfig, raw_entries: Sequence[Mapping[str, Any]], ids: list[str], remembered: Mapping[str, str]
) -> None:
    """Give a guid-keyed entry the feed was not showing last time the id of the article this feed
    recorded at its link, when that article is not in the document under its own guid: its guid
    changed (some CMSs mint one per request, and every poll discovered the whole feed again).
    Only a link that is one entry's alone and names a page, not the site's root, says so; feeds
    whose entries all link to the home page keep their guids apart."""
    from monitor.feeds.entries import canonical_link, identity_key

    candidates = {
        index
        for index, raw in enumerate(raw_entries)
        if ids[index] not in remembered and (raw.get("key") or identity_key(raw)).startswith("guid:")
    }
    if not candidates:  # the usual poll: every guid-keyed entry was shown last time, no link to compare
        return
    links: dict[str, int | None] = {}  # canonical link -> its entry, None when several share it
    for index, raw in enumerate(raw_entries):
        link = canonical_link(str(raw.get("link") or ""))
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or parts.path in ("", "/"):
            continue
        links[link] = None if link in links else index
    unseen = {link: index for link, index in links.items() if index is not None and index in candidates}
    if not unseen:
        return
    present = set(ids)
    for link, article_id in feed_articles_by_link(app.store, feed.id, list(unseen)).items():
        if article_id not in present:
            ids[unseen[link]] = article_id


def settle_discoveries(
    app: App,
    feed: FeedConfig,
    batch: list[NewEvent],
    claimed: dict[str, str],
    alternates: Mapping[str, str],
    result: Any,
) -> list[NewEvent]:
    """Decide each ArticleDiscovered of ``batch`` against this cycle's claims and the log.

    Call under the store's write lock, just before appending. ``claimed`` (article id ->
    feed id) is shared by the feeds of one cycle. An id another feed of this outlet got
    first becomes a sighting; one another outlet got first moves to the outlet's own id
    (``alternates``), in the event, in the FeedPolled's remembered entry keys and in
    ``result`` (a :class:`monitor.feeds.poller.FeedResult`).
    """
    mine = outlet_key(app.config, feed.id)
    moved: dict[str, str] = {}
    out: list[NewEvent] = []
    # Who opened the stream of each link-keyed id this cycle has not claimed, read for the
    # whole batch at once (one query, not one per entry: 10,000 of them on a first poll).
    link_keyed = [
        e.data["article_id"]
        for e in batch
        if e.type == ev.ARTICLE_DISCOVERED and e.data.get("id_source") == "link" and e.data["article_id"] not in claimed
    ]
    in_log = _discoverers(app, link_keyed)
    for event in batch:
        if event.type != ev.ARTICLE_DISCOVERED:
            out.append(event)
            continue
        current = event.data["article_id"]
        verdict = _claim(app, claimed, current, feed, mine, event.data.get("id_source") == "link", in_log)
        if verdict == "other outlet" and current in alternates:
            moved[current] = alternates[current]
            event = _moved(event, alternates[current])
            current = alternates[current]
            verdict = _claim(app, claimed, current, feed, mine, True)
        if verdict == "ours":
            out.append(event)
            continue
        out.append(
            ev.event(
                ev.article_stream(current),
                ev.ARTICLE_SIGHTED,
                {
                    "article_id": current,
                    "feed_id": feed.id,
                    "link": event.data.get("link"),
                    "seen_at": event.data.get("first_seen_at"),
                },
                key=(current, feed.id),
            )
        )
        if current in result.new_article_ids:
            result.new_article_ids.remove(current)
            result.new -= 1
            result.seen += 1
    if moved:
        result.new_article_ids[:] = [moved.get(a, a) for a in result.new_article_ids]
        out = [_rekey_polled(event, moved) if event.type == ev.FEED_POLLED else event for event in out]
    return out


def _claim(
    app: App,
    claimed: dict[str, str],
    article: str,
    feed: FeedConfig,
    mine: str,
    in_log: bool,
    read: Mapping[str, str | None] | None = None,
) -> str:
    """ "ours", "same outlet" or "other outlet": who has ``article`` (claimed, else in the log;
    ``read``: :func:`_discoverers` of some articles, read already)."""
    owner = claimed.get(article)
    if owner is None and in_log:
        owner = read[article] if read is not None and article in read else _discovered_by(app, article)
    if owner is None or owner == feed.id:
        claimed[article] = feed.id
        return "ours"
    return "same outlet" if outlet_key(app.config, owner) == mine else "other outlet"


def _discoverers(app: App, articles: Sequence[str]) -> dict[str, str | None]:
    """:func:`_discovered_by` of each of ``articles``, in a few queries: the feed whose event
    opens its stream, None for those not in the log."""
    found: dict[str, str | None] = dict.fromkeys(articles)
    opened: set[str] = set()
    for event in app.store.read_streams([ev.article_stream(a) for a in found]):  # by stream, then version
        if event.stream not in opened:
            opened.add(event.stream)
            found[event.stream.split(":", 1)[1]] = str(event.data.get("feed_id") or "")
    return found


def _discovered_by(app: App, article: str) -> str | None:
    stream = ev.article_stream(article)
    if not app.store.stream_version(stream):
        return None
    first = next(iter(app.store.read_stream(stream)), None)
    return str(first.data.get("feed_id") or "") if first is not None else None


def _moved(event: NewEvent, new: str) -> NewEvent:
    return ev.event(
        ev.article_stream(new),
        ev.ARTICLE_DISCOVERED,
        {**event.data, "article_id": new},
        key=(new,),
        metadata=event.metadata,
    )


def _rekey_polled(event: NewEvent, moved: Mapping[str, str]) -> NewEvent:
    keys = event.data.get("entry_keys")
    if not keys:
        return event
    renamed = []
    for entry_key in keys:
        article, _, digest = entry_key.partition(":")
        renamed.append(f"{moved.get(article, article)}:{digest}")
    return replace(event, data={**event.data, "entry_keys": renamed})
