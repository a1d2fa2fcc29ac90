"""From a recorded article to classification, claims, verdicts and queued alerts.

The decisions are pure (monitor.claims.analysis); this module reads the article from the log,
records the outcome as events (ArticleClassified, ClaimsExtracted, ClaimsDiffed and the
AlertQueued they cause, in one transaction) and keeps the projections current.
Event ids are derived from (article, content, extractor version, baseline), so processing
the same article twice with the same code appends nothing.

Articles are processed in batches (:class:`ArticleProcessor`): the events of up to
:data:`BATCH_ARTICLES` articles go to the log in one transaction and the projections are
caught up once per batch, which gives the same events, in the same order, as one article
at a time did. A crash loses the unfinished batch only; its articles are still pending.
"""

from __future__ import annotations

import hashlib
import itertools
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from monitor import events as ev
from monitor.alerts.first_poll import first_poll_draft, unsummarised_first_polls
from monitor.alerts.queue import (
    AlertDraft,
    alert_items,
    article_alert_id,
    build_alert,
    claim_key,
    compose_queued,
    facts_of,
    preview_ledger,
)
from monitor.app import App, baseline_data_in_force, baseline_from, baseline_in_force
from monitor.articles import ArticleState, article_states
from monitor.feeds.watchdog import stopping
from monitor.locks import exclusive
from monitor.projections.articles import (
    all_articles,
    articles_by_feed,
    backlog_articles,
    classified_with_links,
    first_poll_articles,
    newest_signed,
    pending_articles,
    story_of,
)
from monitor.projections.claims import ledger_snapshot
from monitor.store import NewEvent

# The claims engine is imported where it is used, not here: it compiles hundreds of
# patterns (0.3 s of CPU), and most cycles have no article to analyse
# (tests/app/test_lazy_imports.py).
if TYPE_CHECKING:
    from monitor.claims.baseline import Baseline
    from monitor.feeds.entries import Entry

STORY_CANDIDATES = 300


@dataclass
class Outcome:
    article_id: str
    relevant: bool = False
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    alert_id: str | None = None
    skipped: bool = False


# -- stories --------------------------------------------------------------------------


def find_story(app: App, state: ArticleState, sig: list[int], index: StoryIndex | None = None) -> str:
    """The story this article belongs to: same canonical link, or near-identical text."""
    from monitor.claims.stories import SAME_STORY_THRESHOLD, signature_similarity  # with the claims engine

    index = index or StoryIndex(app, 0)
    if state.canonical_link:
        found = index.same_link(state.canonical_link, state.article_id)
        if found:
            return found
    if not sig:
        return state.article_id
    best, best_score = state.article_id, 0.0
    for story_id, other in index.candidates(state.article_id, sig):
        score = signature_similarity(sig, other)
        if score >= SAME_STORY_THRESHOLD and score > best_score:
            best, best_score = story_id, score
    return best


class StoryIndex:
    """What :func:`find_story` reads from the articles projection, kept in memory for a run.

    A run classifies many articles before their events reach the projection (they are
    appended in batches), so this mirrors the two lookups over the projection as it
    would be after each article: articles classified in this run come after every other
    row in ``last_position`` order, in the order they were classified. The projection's
    rows are read once: those sharing a canonical link with the articles of the run, and
    the newest signed ones (the candidates of the whole run), when first needed.

    Signatures are also indexed by slot value: a candidate that shares no value with the
    new article's signature scores 0, so only the few that share one are compared.
    """

    def __init__(self, app: App, expected: int) -> None:
        self._app = app
        self._expected = expected  # articles this run may classify (rows they may displace)
        self._links: dict[str, list[tuple[str, str]]] = {}  # link -> [(article, story)] before this run
        self._signed: list[tuple[str, str, list[int]]] | None = None  # (article, story, sig), newest first
        self._signed_rows: dict[str, tuple[str, list[int]]] = {}  # article -> (story, sig) of _signed
        self._by_value: dict[int, set[str]] = {}  # slot value -> articles whose signature holds it
        self._touched: dict[str, tuple[str | None, list[int]]] = {}  # this run: story, sig
        self._touched_links: dict[str, list[str]] = {}  # link -> this run's articles, in order
        self._touched_signed: list[str] = []  # this run's relevant signed articles, oldest first
        # The candidates window: the newest STORY_CANDIDATES + 1 articles of the sequence
        # candidates() walks (this run's signed ones newest first, then the projection's not
        # touched by the run), each with a rank that grows with recency; None: to be read again.
        self._window: dict[str, int] | None = None
        self._next_rank = 0
        self._scan_only = False  # an article classified twice in one run: walk the sequence itself

    def load_links(self, links: Iterable[str | None]) -> None:
        """Read the projection's classified articles with these canonical links (once per link).

        Only the links of the articles about to be processed are read, not every link the
        database knows. Rows of this run's articles are skipped at lookup time, so reading
        after some of them were appended changes nothing.
        """
        wanted = sorted({link for link in links if link and link not in self._links})
        for link in wanted:
            self._links[link] = []
        for link, article_id, story_id in classified_with_links(self._app.store, wanted):
            self._links[link].append((article_id, story_id))

    def load_candidates(self) -> None:
        """Read the newest signed articles now, before this run's own reach the projection
        (a run that appends batch by batch would otherwise count them against the limit)."""
        self._load_signed()

    def _load_signed(self) -> list[tuple[str, str, list[int]]]:
        if self._signed is None:
            self._signed = newest_signed(self._app.store, STORY_CANDIDATES + self._expected + 1)
            for article_id, story_id, sig in self._signed:
                self._index(article_id, sig)
                self._signed_rows.setdefault(article_id, (story_id, sig))
        return self._signed

    def _index(self, article_id: str, sig: list[int]) -> None:
        for value in sig:
            self._by_value.setdefault(value, set()).add(article_id)

    def same_link(self, link: str, article_id: str) -> str | None:
        """COALESCE(story_id, article_id) of the earliest other classified article with this link."""
        if link not in self._links:
            self.load_links([link])
        for other, story_id in self._links[link]:
            if other != article_id and other not in self._touched:
                return story_id
        for other in self._touched_links.get(link, []):
            if other != article_id:
                touched_story = self._touched[other][0]
                return touched_story if touched_story is not None else self._kept_story(other)
        return None

    def _kept_story(self, article_id: str) -> str:
        # Classified without a story (irrelevant): the projection keeps the row's earlier one.
        return story_of(self._app.store, article_id)

    def candidates(self, article_id: str, sig: list[int]) -> list[tuple[str, list[int]]]:
        """(story, signature) of the newest relevant signed articles other than this one
        (at most :data:`STORY_CANDIDATES`, newest first), leaving out those sharing no slot
        value with ``sig``.

        Only the articles sharing a value are looked at, each placed by its rank in the
        window of the newest ones, rather than the window walked for each article (that walk
        was a tenth of the main process's time on a first poll of 10,000 entries).
        """
        signed = self._load_signed()
        sharing: set[str] = set()
        for value in sig:
            sharing |= self._by_value.get(value, set())
        if self._scan_only:
            return self._scan(article_id, sharing, signed)
        window = self._current_window(signed)
        newest = self._next_rank - 1
        # The article itself does not count against the limit: with it in the window, one more fits.
        own = window.get(article_id)
        limit = STORY_CANDIDATES + (1 if own is not None and newest - own <= STORY_CANDIDATES else 0)
        ranked = sorted(
            (
                (window[other], other)
                for other in sharing
                if other != article_id and other in window and newest - window[other] < limit
            ),
            reverse=True,
        )
        return [self._story_and_signature(other) for _rank, other in ranked]

    def _story_and_signature(self, other: str) -> tuple[str, list[int]]:
        if other in self._touched:
            story_id, other_sig = self._touched[other]
            return story_id or other, other_sig
        return self._signed_rows[other]

    def _current_window(self, signed: list[tuple[str, str, list[int]]]) -> dict[str, int]:
        if self._window is None:
            newest_first = list(itertools.islice(reversed(self._touched_signed), STORY_CANDIDATES + 1))
            newest_first += itertools.islice(
                (other for other, _story, _sig in signed if other not in self._touched),
                STORY_CANDIDATES + 1 - len(newest_first),
            )
            top = self._next_rank + len(newest_first)
            self._window = {other: top - index for index, other in enumerate(newest_first, 1)}
            self._next_rank = top
        return self._window

    def _scan(
        self, article_id: str, sharing: set[str], signed: list[tuple[str, str, list[int]]]
    ) -> list[tuple[str, list[int]]]:
        """:meth:`candidates` by walking the window (the index's ranks assume no article is classified twice)."""
        found: list[tuple[str, list[int]]] = []
        seen = 0
        for other in reversed(self._touched_signed):
            if seen >= STORY_CANDIDATES:
                return found
            if other != article_id:
                seen += 1
                if other in sharing:
                    story_id, other_sig = self._touched[other]
                    found.append((story_id or other, other_sig))
        for other, story_id, other_sig in signed:
            if seen >= STORY_CANDIDATES:
                break
            if other == article_id or other in self._touched:
                continue
            seen += 1
            if other in sharing:
                found.append((story_id, other_sig))
        return found

    def classified(self, state: ArticleState, *, relevant: bool, story_id: str | None, sig: list[int]) -> None:
        """Record what the projection will hold for the article once its events are applied."""
        article_id = state.article_id
        if article_id in self._touched:
            self._scan_only = True
        self._touched[article_id] = (story_id, sig if relevant else [])
        if state.canonical_link:
            self._touched_links.setdefault(state.canonical_link, []).append(article_id)
        if self._window is not None and article_id in self._window:
            self._window = None  # it leaves the projection's part of the window: read it again
        if relevant and sig:
            self._touched_signed.append(article_id)
            self._index(article_id, sig)
            if self._window is not None:  # the newest of all now
                self._window[article_id] = self._next_rank
                self._next_rank += 1


# -- analysis, here or ahead of time in a parse worker -----------------------------------


def analyse_state(state: ArticleState, baseline: Baseline) -> dict[str, Any]:
    """``monitor diff --json``'s object for the article's text in force, behind the relevance gate.

    The gate (substring tests over one copy of title and text) turns away most articles of a
    general news feed; for those, the object is the one :func:`monitor.claims.analysis.analyse`
    gives an article that names neither side or no subject: not relevant, score 0, no
    evidence (tests/claims/test_relevance_gate.py holds the two to that on every labelled article).
    """
    from monitor.claims.analysis import analyse  # with the claims engine
    from monitor.claims.relevance import could_be_relevant

    day = state.published_date()
    if not could_be_relevant(state.title, state.text):
        return {
            "article": {"title": state.title, "published": (day or date.today()).isoformat()},
            "relevant": False,
            "relevance": {"score": 0.0, "evidence": []},
            "claims": [],
            "verdicts": [],
        }
    return analyse(state.text, title=state.title, published=day, baseline=baseline)


@dataclass(frozen=True)
class Analysed:
    """An article's analysis made ahead of processing, in a parse worker, and the story
    signature of a relevant one; ``key`` names the inputs it was made from."""

    key: str
    result: dict[str, Any]
    signature: list[int]


def analysis_key(state: ArticleState, baseline_id: str, version: str) -> str:
    """What an analysis depends on: title, text, day, baseline and extractor version."""
    day = state.published_date()
    title = "\x00" if state.title is None else "\x01" + state.title  # no title and "" are analysed differently
    parts = (title, state.text, day.isoformat() if day else "", baseline_id, version)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def analyse_entry(entry: Entry, baseline_data: Mapping[str, Any] | None) -> Analysed | None:
    """Runs in a parse worker (see :func:`analysis_ahead`): a new entry's analysis as
    :class:`ArticleProcessor` would make it once the entry is an ArticleDiscovered."""
    from monitor.claims import EXTRACTOR_VERSION
    from monitor.claims.analysis import MAX_TEXT_CHARS
    from monitor.claims.stories import signature

    state = ArticleState(
        article_id=entry.article_id,
        feed_id=entry.feed_id,
        title=entry.title,
        text=entry.text,
        published=entry.published,
        content_hash=entry.content_hash,
    )
    if state.published_date() is None:
        return None  # the analysis would read today's date: leave it to the processing
    baseline = _worker_baseline(baseline_data)
    result = analyse_state(state, baseline)
    return Analysed(
        analysis_key(state, baseline.baseline_id, EXTRACTOR_VERSION),
        result,
        signature(state.text[:MAX_TEXT_CHARS]) if result["relevant"] else [],
    )


_worker_baselines: dict[str, Baseline] = {}


def _worker_baseline(data: Mapping[str, Any] | None) -> Baseline:
    key = str(data.get("baseline_id")) if data is not None else ""
    if key not in _worker_baselines:  # one per worker process and baseline, not one per entry
        _worker_baselines[key] = baseline_from(data)
    return _worker_baselines[key]


def analysis_ahead(app: App) -> Callable[[Entry], Analysed | None]:
    """What the parse workers run on each new entry (:func:`monitor.feeds.poller.poll_feeds`'s
    ``analyse``): the analysis against the baseline in force, so that both cores classify
    and extract while the poll goes on. A picklable partial; the claims engine is imported by
    the workers, not here."""
    return partial(analyse_entry, baseline_data=baseline_data_in_force(app.store))


# -- processing -----------------------------------------------------------------------

#: Articles whose events go to the log in one transaction. A crash loses at most one
#: batch of work, which the next run redoes (the articles are still pending).
BATCH_ARTICLES = 500


class ArticleProcessor:
    """Classifies, extracts and diffs articles, appending their events in batches.

    The events of up to :data:`BATCH_ARTICLES` articles are appended in one transaction
    and the projections caught up once per batch: per-article commits and catch-ups were
    most of the cost of a first poll. Decisions read only what the log already says: the
    story lookup uses a :class:`StoryIndex` that includes the unappended articles, and an
    article that queues an alert first sends the batch before it to the log (the alert
    reads the told facts and the ledger from the projections), then joins the next batch
    with its verdicts, so an AlertQueued always shares the transaction of its ClaimsDiffed.
    """

    def __init__(
        self, app: App, *, baseline=None, expected: int = 0, analysed: Mapping[str, Analysed] | None = None
    ) -> None:
        from monitor.claims import EXTRACTOR_VERSION  # the version alone: the engine runs in the workers

        self.app = app
        self.baseline = baseline or baseline_in_force(app.store)
        self.version = EXTRACTOR_VERSION
        self.analysed = analysed if analysed is not None else {}
        self.stories = StoryIndex(app, expected)
        self.outlets: dict[str, str] = {}
        for feed in app.config.feeds:  # the first feed of an id names the outlet
            self.outlets.setdefault(feed.id, feed.outlet_name)
        self._batch: list[NewEvent] = []
        self._batched_articles = 0

    def version_key(self, state: ArticleState) -> tuple[str, ...]:
        return (state.article_id, state.content_hash or "", self.version, self.baseline.baseline_id)

    def done_already(self, states: Iterable[ArticleState]) -> set[str]:
        """The articles among ``states`` classified before in this version (skipped: nothing to append)."""
        ids = {
            ev.event("x", ev.ARTICLE_CLASSIFIED, {}, key=self.version_key(st)).event_id: st.article_id for st in states
        }
        return {ids[i] for i in self.app.store.contains(list(ids))}

    def process(self, state: ArticleState, *, alerts_enabled: bool = True, first_poll: bool = False) -> Outcome:
        ahead = self.analysed.get(state.article_id)
        if ahead is not None and ahead.key == analysis_key(state, self.baseline.baseline_id, self.version):
            return self.record(
                state, ahead.result, alerts_enabled=alerts_enabled, first_poll=first_poll, sig=ahead.signature
            )
        result = analyse_state(state, self.baseline)  # not analysed ahead, or the text has changed since
        return self.record(state, result, alerts_enabled=alerts_enabled, first_poll=first_poll)

    def record(
        self,
        state: ArticleState,
        result: dict[str, Any],
        *,
        alerts_enabled: bool,
        first_poll: bool,
        sig: list[int] | None = None,
    ) -> Outcome:
        """Append the events of ``result`` (``sig``: the story signature, when made already)."""
        app, article_id = self.app, state.article_id
        version_key = self.version_key(state)
        relevant = bool(result["relevant"])
        stream = ev.article_stream(article_id)
        outlet = self.outlets.get(state.feed_id, state.feed_id) if state.feed_id else None
        if not relevant:
            sig = []
        elif sig is None:
            # Imported here: with every article analysed ahead (a poll), this process never
            # loads the claims engine (0.2 s of CPU), and signatures come with the analyses.
            from monitor.claims.analysis import MAX_TEXT_CHARS
            from monitor.claims.stories import signature

            sig = signature(state.text[:MAX_TEXT_CHARS])  # as far as analyse reads: 15 s on a 5 MB entry
        story_id = find_story(app, state, sig, self.stories) if relevant else None
        self.stories.classified(state, relevant=relevant, story_id=story_id, sig=sig)
        alerts = app.config.alerts
        wants_alerts = relevant and alerts_enabled and alerts.enabled()
        events = [
            ev.event(
                stream,
                ev.ARTICLE_CLASSIFIED,
                {
                    "article_id": article_id,
                    "content_hash": state.content_hash,
                    "relevant": relevant,
                    "score": result["relevance"]["score"],
                    "evidence": result["relevance"]["evidence"],
                    "story_id": story_id,
                    "signature": sig,
                    "classifier_version": self.version,
                    **({"first_poll": True} if first_poll else {}),
                    **({"limits": result["limits"]} if result.get("limits") else {}),  # caps applied (claims.analysis)
                },
                key=version_key,
            )
        ]
        outcome = Outcome(article_id, relevant=relevant)
        if relevant:
            events.append(
                ev.event(
                    stream,
                    ev.CLAIMS_EXTRACTED,
                    {
                        "article_id": article_id,
                        "content_hash": state.content_hash,
                        "extractor_version": self.version,
                        "published": result["article"]["published"],
                        "title": state.title,
                        "outlet": outlet,
                        "story_id": story_id,
                        "claims": result["claims"],
                    },
                    key=version_key,
                )
            )
            events.append(
                ev.event(
                    stream,
                    ev.CLAIMS_DIFFED,
                    {
                        "article_id": article_id,
                        "content_hash": state.content_hash,
                        "extractor_version": self.version,
                        "baseline_id": self.baseline.baseline_id,
                        "verdicts": result["verdicts"],
                        # What the next digest covers; reprocessing and first polls are never held.
                        "held_for_digest": bool(relevant and alerts_enabled and alerts.mode == "digest"),
                    },
                    key=version_key,
                )
            )
            outcome.claims = len(result["claims"])
            for verdict in result["verdicts"]:
                outcome.verdicts[verdict["verdict"]] = outcome.verdicts.get(verdict["verdict"], 0) + 1
        if wants_alerts and alerts.mode == "immediate":
            self.flush()  # the told facts and the ledger below must include every earlier article
            alert = self._article_alert(state, result, version_key, outlet=outlet, story_id=story_id)
            if alert is not None:
                events.append(alert)
                outcome.alert_id = alert.data["alert_id"]
        self._batch.extend(events)
        self._batched_articles += 1
        if self._batched_articles >= BATCH_ARTICLES:
            self.flush()
        return outcome

    def _article_alert(
        self,
        state: ArticleState,
        result: dict[str, Any],
        version_key: tuple[str, ...],
        *,
        outlet: str | None,
        story_id: str | None,
    ) -> NewEvent | None:
        # Decided before the append (the facts told so far do not depend on this article),
        # so the alert joins the verdicts' transaction: no crash can separate them.
        app, article_id = self.app, state.article_id
        changes, corroborations = alert_items(app, result, app.config.alerts.verdicts)
        if not changes:
            return None
        published = result["article"]["published"]
        items = [
            {
                **item,
                "ledger": preview_ledger(
                    app,
                    claim_key(item["claim"]),
                    article_id,
                    result["claims"],
                    published=published,
                    outlet=outlet,
                    story_id=story_id,
                    baseline=self.baseline,
                ),
            }
            for item in changes + corroborations
        ]
        keys = list(dict.fromkeys(i["ledger"]["key"] for i in items))
        article = {
            "title": state.title or "",
            "outlet": outlet or "",
            "feed_id": state.feed_id or "",
            "published": published,
            "link": state.link,
            "article_id": article_id,
        }
        return build_alert(
            app,
            kind="article",
            alert_id=article_alert_id(version_key),
            body={"article": article, "items": items},
            ledger_keys=keys,
            facts=facts_of(changes),
            article_id=article_id,
        )

    def flush(self) -> None:
        """Append the batched events in one transaction and bring the projections up to date."""
        if self._batch:
            self.app.store.append(self._batch)
            self._batch, self._batched_articles = [], 0
        self.app.catch_up()


def _always(_: str) -> bool:
    return True


def _never(_: str) -> bool:
    return False


def process_articles(
    app: App,
    article_ids: list[str],
    *,
    alerts_for: Callable[[str], bool] = _always,
    first_poll_for: Callable[[str], bool] = _never,
    baseline=None,
    progress: Callable[[int, int], None] | None = None,
    analysed: Mapping[str, Analysed] | None = None,
    processor: ArticleProcessor | None = None,
) -> list[Outcome]:
    """Process ``article_ids`` in order; see :class:`ArticleProcessor` for the batching.

    ``alerts_for(article_id)`` says which articles may queue an alert of their own;
    ``first_poll_for(article_id)`` which are marked as a first poll's backlog; ``analysed``
    holds analyses made ahead of time (:func:`analysis_ahead`), used when still current.
    ``processor`` carries on from earlier calls (its story index, baseline and analyses;
    ``baseline`` and ``analysed`` are then its own).
    """
    if not article_ids:  # most cycles: no baseline to read, no claims engine to import
        return []
    if processor is None:
        processor = ArticleProcessor(app, baseline=baseline, expected=len(article_ids), analysed=analysed)
    outcomes: list[Outcome] = []
    states: dict[str, ArticleState] = {}
    done: set[str] = set()
    try:
        for index, article_id in enumerate(article_ids, 1):
            if stopping():  # checked per article: one batch can take seconds, and a stop has a grace of 10 s
                break  # what was decided so far is flushed below; the rest stay pending for the next start
            if (index - 1) % BATCH_ARTICLES == 0:  # texts are read a batch at a time, not all at once
                chunk = article_ids[index - 1 : index - 1 + BATCH_ARTICLES]
                states = article_states(app, chunk)
                done = processor.done_already(states.values())
                processor.stories.load_links(state.canonical_link for state in states.values())
            state = states.get(article_id)
            if state is None or article_id in done:
                outcomes.append(Outcome(article_id, skipped=True))
            else:
                outcomes.append(
                    processor.process(
                        state, alerts_enabled=alerts_for(article_id), first_poll=first_poll_for(article_id)
                    )
                )
            if progress:
                progress(index, len(article_ids))
    finally:
        processor.flush()  # what was decided so far is kept, even when a later article fails
    return outcomes


def process_article(
    app: App, article_id: str, *, alerts_enabled: bool = True, baseline=None, first_poll: bool = False
) -> Outcome:
    """Classify, extract and diff one article; in immediate mode, queue its alert in the same append.

    In digest mode the ClaimsDiffed event is marked ``held_for_digest`` instead, and
    :func:`monitor.alerts.digest.queue_digest` turns the marked ones into one message later.
    ``first_poll`` marks the classification of a new feed's backlog (silenced for its
    summary), so a summary lost to a crash can still be sent after the restart.
    """
    [outcome] = process_articles(
        app,
        [article_id],
        baseline=baseline,
        alerts_for=_always if alerts_enabled else _never,
        first_poll_for=_always if first_poll else _never,
    )
    return outcome


#: Articles :class:`ProcessWhilePolling` gathers before it processes them: big enough that a
#: batch's append and catch-up are shared by many articles, small enough that the last batch
#: left for after the poll is short.
PROCESS_WHILE_POLLING_BATCH = 250


class ProcessWhilePolling:
    """Processes each feed's new articles as soon as they are in the log, in a thread of its
    own, while the other feeds are polled.

    A first poll's record-keeping (ArticleClassified and the claims events, their appends, the
    projection catch-ups) then runs while the parse workers are still busy, instead of on
    one core after them. The articles are processed in the order their feeds were appended,
    which is the order :func:`pending_articles` gives, with the same choices
    :func:`process_pending` makes; what remains when the poll ends, the first-poll summaries,
    and any article pending from before this cycle are :func:`process_pending`'s. When
    articles were pending before the cycle (a crash), it stands aside: they come first.
    """

    def __init__(self, app: App, *, write_lock: AbstractContextManager[Any] | None = None) -> None:
        self.app = app
        self._lock: AbstractContextManager[Any] = write_lock if write_lock is not None else nullcontext()
        alerts = app.config.alerts
        self._quiet_first_polls = alerts.first_poll_summary
        self._summarise = alerts.first_poll_summary and alerts.enabled()
        #: The ledger before this cycle processed anything (the "before" of first-poll summaries).
        self.before: dict[str, dict[str, Any]] | None = None
        self.error: BaseException | None = None
        self._queue: queue.SimpleQueue[tuple[list[str], bool, dict[str, Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="process-while-polling", daemon=True)
        self._active: bool | None = None  # decided when the first feed brings articles
        self._deciding = threading.Lock()

    def appended(self, result: Any, first_poll: bool) -> None:
        """:func:`monitor.feeds.poller.poll_feeds`'s ``appended``: a feed's articles are in the log."""
        with self._deciding:
            if self._active is None:
                # The projections are caught up by nobody during the poll until this thread
                # flushes, so what they call pending now is what was pending before the cycle.
                self._active = not pending_articles(self.app.store)
                if self._active:
                    self._thread.start()
        if self._active:
            self._queue.put((list(result.new_article_ids), first_poll, dict(result.analysed)))

    def finish(self) -> None:
        """Wait for the batch in progress; what is still queued is left to :func:`process_pending`."""
        with self._deciding:
            if self._active:
                self._queue.put(None)
                self._thread.join()
            self._active = False
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        ids: list[str] = []
        quiet: set[str] = set()
        analysed: dict[str, Any] = {}
        seen: set[str] = set()
        processor: ArticleProcessor | None = None
        try:
            while (item := self._queue.get()) is not None:
                new_ids, first_poll, found = item
                fresh = [a for a in new_ids if a not in seen]
                seen.update(fresh)
                ids += fresh
                if first_poll and self._quiet_first_polls:
                    quiet.update(fresh)
                analysed.update(found)
                if len(ids) < PROCESS_WHILE_POLLING_BATCH or stopping():
                    continue
                with self._lock:
                    if processor is None:
                        self.before = ledger_snapshot(self.app.store) if self._summarise else {}
                        # One processor for the whole poll: its story index already holds every
                        # article recorded here, and the newest signed ones are read only once.
                        processor = ArticleProcessor(self.app, analysed=analysed)
                        processor.stories.load_candidates()
                    process_articles(
                        self.app,
                        ids,
                        alerts_for=lambda a: a not in quiet,
                        first_poll_for=lambda a: self._summarise and a in quiet,
                        processor=processor,
                    )
                ids = []
        except BaseException as exc:  # noqa: BLE001 - raised again in the cycle's thread by finish()
            self.error = exc


def process_pending(
    app: App,
    *,
    quiet: set[str] = frozenset(),  # type: ignore[assignment]
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    analysed: Mapping[str, Analysed] | None = None,
    before: dict[str, dict[str, Any]] | None = None,
    run_each: Callable[[Callable[..., Any], Iterable[Any]], list[Any]] | None = None,
) -> list[Outcome]:
    """Process every article not yet classified in its current version.

    ``quiet`` holds the articles of first polls: they send no alert of their own; with
    ``[alerts] first_poll_summary`` each of their feeds gets one summary message instead.
    The log also says which pending articles are a first poll's backlog (see
    :func:`backlog_articles`), so a crash between a first poll and its processing
    neither floods the inbox with the backlog nor loses the summary. ``analysed``: see
    :func:`process_articles`. ``before``: the ledger as it was before this cycle processed
    its first article, when :class:`ProcessWhilePolling` did (read here otherwise).
    ``run_each(function, argument_lists)`` renders the first-poll summaries, each a pure
    function of its draft (:meth:`monitor.feeds.pool.ParsePool.run_each`: on every core).
    """
    pending = pending_articles(app.store)
    baseline = baseline_in_force(app.store) if pending else None
    summarise = app.config.alerts.first_poll_summary and app.config.alerts.enabled()
    if summarise:
        quiet = set(quiet) | backlog_articles(app.store, pending)
    if before is None:
        before = ledger_snapshot(app.store) if summarise and quiet else {}
    outcomes = process_articles(
        app,
        pending,
        alerts_for=lambda a: a not in quiet,
        first_poll_for=lambda a: summarise and a in quiet,
        baseline=baseline,
        progress=progress,
        analysed=analysed,
    )
    if summarise:
        silenced = articles_by_feed(app.store, quiet)
        after = ledger_snapshot(app.store)  # summaries move no figure: one "after" serves them all
        drafts: list[AlertDraft] = []

        def compositions() -> Iterator[tuple[Any, ...]]:
            # A generator: run_each hands each summary to the workers as soon as it is
            # drafted, so they render while this thread drafts the next ones.
            for feed_id in sorted(set(silenced) | unsummarised_first_polls(app)):
                article_ids = set(silenced.get(feed_id, [])) | set(first_poll_articles(app.store, feed_id))
                draft = first_poll_draft(app, feed_id, article_ids, now=now, before=before or None, after=after)
                if draft is not None:
                    drafts.append(draft)
                    yield draft.composition

        composed = (
            run_each(compose_queued, compositions()) if run_each else [compose_queued(*c) for c in compositions()]
        )
        summaries = [draft.event(message) for draft, message in zip(drafts, composed, strict=True)]
        if summaries:  # one transaction for every new feed's summary, not one commit each
            app.store.append(summaries)
            app.catch_up()
    return outcomes


def reprocess_all(app: App, progress: Callable[[int, int], None] | None = None) -> str:
    """`monitor reprocess`: every processed article through today's code. Old events stay.

    Reprocessing never mails: it re-reads history, it does not report news. So it leaves
    alone the articles no cycle has processed yet (found by a poll that a stop cut short
    before processing, or revised since): they are news, and processed by itself they would
    never be alerted on; the next poll processes them as it does every new article. It holds
    the scheduler lock, so a daemon or `monitor poll` on this SQLite file is not processing
    beside it (with a shared PostgreSQL log there is no such lock, and the rule above is what
    keeps the other daemons' new articles theirs).
    """
    with exclusive(app, "scheduler"):
        pending = set(pending_articles(app.store))
        ids = [article_id for article_id in all_articles(app.store) if article_id not in pending]
        outcomes = process_articles(
            app, ids, alerts_for=_never, baseline=baseline_in_force(app.store), progress=progress
        )
    changed = sum(not outcome.skipped for outcome in outcomes)
    summary = f"reprocessed {len(ids)} articles: {changed} with new results, {len(ids) - changed} unchanged"
    if pending:
        summary += f"; {len(pending)} not processed yet, left to the next poll (with their alerts)"
    return summary
