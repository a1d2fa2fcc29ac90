"""Feeds: fetching, parsing and polling the sources, up to the entries a poll hands on.

:mod:`.fetch` (HTTP with validators, limits, address checks and the socket :mod:`.watchdog`),
:mod:`.hostgate` and :mod:`.backoff` (politeness per host and per feed), :mod:`.parse`,
:mod:`.parsed` (its results) and :mod:`.pool` (feedparser in worker processes), :mod:`.entries`
and :mod:`.identity` (an entry as an article, with an id per outlet), :mod:`.poller` (one poll
of every due feed); other sources beside RSS and Atom in :mod:`.jsonfeed` and :mod:`.page`, and
:mod:`.discover` and :mod:`.opml` for adding them. Nothing here imports the claims engine or the
alerts: the analysis a parse worker runs is handed in as a callable.
"""
