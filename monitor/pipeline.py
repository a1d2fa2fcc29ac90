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
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable

from monitor.store import NewEvent

from monitor import events as ev
from monitor.app import App
from monitor.claims.ledger import ledger_key, same_figure
from monitor.feeds.watchdog import stopping

SIGNATURE_SIZE = 32
SAME_STORY_JACCARD = 0.6
STORY_CANDIDATES = 300


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


@dataclass
class Outcome:
    article_id: str
    relevant: bool = False
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    alert_id: str | None = None
    skipped: bool = False


def article_state(app: App, article_id: str) -> ArticleState | None:
    """The article as the log knows it now: discovery plus the latest revision."""
    states: dict[str, ArticleState] = {}
    for event in app.store.read_stream(ev.article_stream(article_id)):
        _apply_article_event(states, article_id, event.type, event.data)
    return states.get(article_id)


def _apply_article_event(states: dict[str, ArticleState], article_id: str, event_type: str,
                         d: dict[str, Any]) -> None:
    state = states.get(article_id)
    if event_type == ev.ARTICLE_DISCOVERED:
        states[article_id] = ArticleState(
            article_id=article_id, feed_id=d.get("feed_id"), title=d.get("title"), text=d.get("text") or "",
            link=d.get("link"), canonical_link=d.get("canonical_link"), published=d.get("published"),
            content_hash=d.get("content_hash"), first_seen_at=d.get("first_seen_at"))
    elif event_type == ev.ARTICLE_REVISED and state is not None:
        state.title = d.get("title") or state.title
        state.text = d.get("text") or state.text
        state.content_hash = d.get("content_hash") or state.content_hash


def article_states(app: App, article_ids: list[str]) -> dict[str, ArticleState]:
    """:func:`article_state` of many articles, read in a few queries instead of one per article."""
    upcaster = getattr(app.store, "upcaster", None) or ev.default_upcaster
    wanted = (ev.ARTICLE_DISCOVERED, ev.ARTICLE_REVISED)
    states: dict[str, ArticleState] = {}
    with app.store.reading() as db:
        for start in range(0, len(article_ids), 400):
            streams = [ev.article_stream(a) for a in article_ids[start:start + 400]]
            rows = db.execute(
                "SELECT stream, type, schema_version, data FROM events "
                f"WHERE stream IN ({','.join('?' * len(streams))}) AND type IN (?, ?) ORDER BY stream, version",
                [*streams, *wanted]).fetchall()
            for stream, event_type, schema_version, data in rows:
                payload = json.loads(data)
                if schema_version < upcaster.current_version(event_type):
                    payload = upcaster.upcast(event_type, schema_version, payload)[1]
                _apply_article_event(states, stream.split(":", 1)[1], event_type, payload)
    return states


def stored_event_ids(app: App, event_ids: list[str]) -> set[str]:
    """Which of ``event_ids`` the log already holds."""
    found: set[str] = set()
    with app.store.reading() as db:
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            found.update(r[0] for r in db.execute(
                f"SELECT event_id FROM events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _published_date(state: ArticleState) -> date | None:
    for value in (state.published, state.first_seen_at):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


# -- stories --------------------------------------------------------------------------

def signature(text: str) -> list[int]:
    """A MinHash signature of the text's word shingles: near-identical texts share most slots."""
    from monitor.claims.analysis import MAX_TEXT_CHARS
    from monitor.claims.stories import shingles

    grams = list(shingles(text[:MAX_TEXT_CHARS]))  # as far as the analysis reads: 15 s on a 5 MB entry
    if not grams:
        return []
    result = []
    for seed in range(SIGNATURE_SIZE):
        salt = seed * 0x9E3779B1
        result.append(min([(g ^ salt) * 0x100000001B3 & 0xFFFFFFFFFFFF for g in grams]))
    return result


def signature_similarity(a: list[int], b: list[int]) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(map(int.__eq__, a, b)) / len(a)


def find_story(app: App, state: ArticleState, sig: list[int], index: StoryIndex | None = None) -> str:
    """The story this article belongs to: same canonical link, or near-identical text."""
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
        if score >= SAME_STORY_JACCARD and score > best_score:
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
        self._by_value: dict[int, set[str]] = {}  # slot value -> articles whose signature holds it
        self._touched: dict[str, tuple[str | None, list[int]]] = {}  # this run: story, sig
        self._touched_links: dict[str, list[str]] = {}  # link -> this run's articles, in order
        self._touched_signed: list[str] = []  # this run's relevant signed articles, oldest first

    def load_links(self, links: Iterable[str | None]) -> None:
        """Read the projection's classified articles with these canonical links (once per link).

        Only the links of the articles about to be processed are read, not every link the
        database knows. Rows of this run's articles are skipped at lookup time, so reading
        after some of them were appended changes nothing.
        """
        wanted = sorted({link for link in links if link and link not in self._links})
        for link in wanted:
            self._links[link] = []
        with self._app.store.reading() as db:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                for link, article_id, story_id in db.execute(
                        "SELECT canonical_link, article_id, COALESCE(story_id, article_id) FROM articles "
                        f"WHERE canonical_link IN ({','.join('?' * len(chunk))}) AND relevant IS NOT NULL "
                        "ORDER BY last_position", chunk):
                    self._links[link].append((article_id, story_id))

    def _load_signed(self) -> list[tuple[str, str, list[int]]]:
        if self._signed is None:
            with self._app.store.reading() as db:
                rows = db.execute(
                    "SELECT article_id, COALESCE(story_id, article_id), signature FROM articles "
                    "WHERE relevant = 1 AND signature IS NOT NULL ORDER BY last_position DESC LIMIT ?",
                    [STORY_CANDIDATES + self._expected + 1]).fetchall()
            self._signed = []
            for article_id, story_id, text in rows:
                sig = json.loads(text)
                self._signed.append((article_id, story_id, sig))
                self._index(article_id, sig)
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
                story_id = self._touched[other][0]
                return story_id if story_id is not None else self._kept_story(other)
        return None

    def _kept_story(self, article_id: str) -> str:
        # Classified without a story (irrelevant): the projection keeps the row's earlier one.
        with self._app.store.reading() as db:
            row = db.execute("SELECT COALESCE(story_id, article_id) FROM articles WHERE article_id = ?",
                             [article_id]).fetchone()
        return row[0] if row else article_id

    def candidates(self, article_id: str, sig: list[int]) -> list[tuple[str, list[int]]]:
        """(story, signature) of the newest relevant signed articles other than this one
        (at most :data:`STORY_CANDIDATES`, newest first), leaving out those sharing no slot
        value with ``sig``."""
        signed = self._load_signed()
        sharing: set[str] = set()
        for value in sig:
            sharing |= self._by_value.get(value, set())
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
        self._touched[article_id] = (story_id, sig if relevant else [])
        if state.canonical_link:
            self._touched_links.setdefault(state.canonical_link, []).append(article_id)
        if relevant and sig:
            self._touched_signed.append(article_id)
            self._index(article_id, sig)


# -- the baseline in force ------------------------------------------------------------

def current_baseline(app: App):
    from monitor.claims.baseline import Baseline, load_default_baseline

    latest = None
    for event in app.store.read_stream(ev.BASELINE_STREAM):
        latest = event
    return Baseline.from_event_data(latest.data) if latest is not None else load_default_baseline()


# -- alerts ---------------------------------------------------------------------------

def already_told(app: App, key: str, quantity: float | None) -> bool:
    with app.store.reading() as db:
        rows = db.execute("SELECT quantity FROM alert_facts WHERE ledger_key = ?", [key]).fetchall()
    return any(same_figure(q, quantity) for (q,) in rows)


def _claims_row(app: App, key: str) -> dict[str, Any] | None:
    with app.store.reading() as db:
        cursor = db.execute("SELECT * FROM claims WHERE ledger_key = ?", [key])
        row = cursor.fetchone()
        if row is None:
            return None
        names = [c[0] for c in cursor.description]
    return dict(zip(names, row))


def _row_figure(data: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if data.get(f"{prefix}_quantity") is None and data.get(f"{prefix}_date") is None:
        return None
    return {"quantity": data.get(f"{prefix}_quantity"), "bound": data.get(f"{prefix}_bound"),
            "source": data.get(f"{prefix}_source"), "date": data.get(f"{prefix}_date")}


def ledger_view(app: App, key: str) -> dict[str, Any] | None:
    """The ledger line of one key as the projection has it now."""
    data = _claims_row(app, key)
    if data is None:
        return None
    return {"key": key, "newest": _row_figure(data, "newest"), "previous": _row_figure(data, "previous"),
            "baseline": _row_figure(data, "baseline"), "corroborations": data.get("corroborations") or 0,
            "also_reported_by": json.loads(data.get("outlets") or "[]")}


def _figure_dict(figure: dict[str, Any] | None) -> dict[str, Any] | None:
    if not figure:
        return None
    return {"quantity": figure.get("quantity"), "bound": figure.get("bound"),
            "quantity_high": figure.get("quantity_high"), "source": figure.get("source"), "date": figure.get("date")}


def preview_ledger(app: App, key: str, article_id: str, claims: list[dict[str, Any]], *, published: str | None,
                   outlet: str | None, story_id: str | None, baseline) -> dict[str, Any]:
    """The ledger line of ``key`` as it will be once this article's claims are projected.

    The alert is built before the article's events are appended so that both go in one
    transaction (a crash can then never leave verdicts without the alert they cause);
    this computes with the same pure ledger function the projection uses.
    """
    from monitor.claims.ledger import Observation, ledger_entry

    with app.store.reading() as db:
        rows = db.execute(
            "SELECT quantity, bound, quantity_high, source, date, article_id, story_id, outlet, evidence, position "
            "FROM claim_observations WHERE ledger_key = ? AND article_id != ? "
            "AND COALESCE(stance, 'asserted') = 'asserted'", [key, article_id]).fetchall()
    observations = [Observation(quantity=r[0], bound=r[1], quantity_high=r[2], source=r[3], date=r[4] or "",
                                article_id=r[5], story_id=r[6] or r[5], outlet=r[7] or "", evidence=r[8] or "",
                                position=r[9] or 0) for r in rows]
    after_everything = 1 << 62  # this article is the latest thing the log will hold
    for claim in claims:
        if ledger_key(claim["kind"], claim["item"], claim.get("direction")) != key:
            continue
        if (claim.get("stance") or "asserted") != "asserted":
            continue
        observations.append(Observation(
            quantity=claim.get("quantity"), bound=claim.get("bound"), quantity_high=claim.get("quantity_high"),
            source=claim.get("source"), date=claim.get("as_of") or published or _now()[:10], article_id=article_id,
            story_id=story_id or article_id, outlet=outlet or "", evidence=claim.get("evidence") or "",
            position=after_everything))
    entry = ledger_entry(observations) or {}
    newest = entry.get("newest") or {}
    row = _claims_row(app, key)
    baseline_figure = _row_figure(row, "baseline") if row else _baseline_figure(baseline, key)
    return {"key": key, "newest": _figure_dict(newest), "previous": _figure_dict(entry.get("previous")),
            "baseline": baseline_figure, "corroborations": newest.get("corroborations", 0),
            "also_reported_by": list(newest.get("outlets", []))}


def _baseline_figure(baseline, key: str) -> dict[str, Any] | None:
    claims = [c for c in getattr(baseline, "claims", []) or []
              if ledger_key(c["kind"], c["item"], c.get("direction")) == key]
    chosen = next((c for c in claims if c.get("quantity") is not None), claims[0] if claims else None)
    if chosen is None:
        return None
    provenance = chosen.get("provenance") or {}
    return {"quantity": chosen.get("quantity"), "bound": chosen.get("bound"), "source": chosen.get("source"),
            "date": provenance.get("published") or chosen.get("as_of")}


def alert_items(app: App, result: dict[str, Any], wanted: Iterable[str]) -> tuple[list[dict], list[dict]]:
    """(changes the user has not been told about, corroborations of ones they have)."""
    wanted = set(wanted)
    claims = {c["id"]: c for c in result["claims"]}
    changes, corroborations = [], []
    for verdict in result["verdicts"]:
        if verdict["verdict"] not in wanted:
            continue
        claim = claims[verdict["claim"]]
        key = ledger_key(claim["kind"], claim["item"], claim.get("direction"))
        if already_told(app, key, claim.get("quantity")):
            corroborations.append({"claim": claim, "verdict": verdict, "corroboration": True})
        else:
            changes.append({"claim": claim, "verdict": verdict})
    return changes, corroborations


def build_alert(app: App, *, kind: str, alert_id: str, body: dict[str, Any], ledger_keys: list[str],
                facts: list[dict[str, Any]], article_id: str | None = None,
                created_at: str | None = None, extra: dict[str, Any] | None = None) -> NewEvent:
    """An AlertQueued event carrying the whole rendered message, so a retry sends the same bytes."""
    from monitor.alerts.compose import build_message, domain_of, subject_for

    alerts = app.config.alerts
    head_position, head_hash = app.store.head()
    payload = {"alert_id": alert_id, "kind": kind, "created_at": created_at or _now(),
               "head": {"position": head_position, "hash": head_hash},
               "settings_hint": f'[alerts] verdicts = {list(alerts.verdicts)}, mode = "{alerts.mode}" in '
                                f'{app.config.source or "config.toml"}; stop alerts by emptying `to`',
               **body}
    msg = build_message(payload, from_addr=alerts.from_, to_addrs=list(alerts.to), list_id=alerts.list_id,
                        domain=domain_of(alerts.from_))
    return ev.event(ev.alert_stream(alert_id), ev.ALERT_QUEUED, {
        "alert_id": alert_id, "kind": kind, "recipients": list(alerts.to), "subject": subject_for(payload),
        "message_id": str(msg["Message-ID"]), "message": msg.as_string(), "article_id": article_id,
        "ledger_keys": ledger_keys, "facts": facts, **(extra or {}),
    }, key=(alert_id,))


def _now() -> str:
    return iso(datetime.now(timezone.utc))


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def claim_key(claim: dict[str, Any]) -> str:
    return ledger_key(claim["kind"], claim["item"], claim.get("direction"))


def facts_of(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What an alert tells, one fact per ledger key and figure (the dedupe of later alerts)."""
    facts: list[dict[str, Any]] = []
    for item in changes:
        fact = {"ledger_key": claim_key(item["claim"]), "quantity": item["claim"].get("quantity")}
        if not any(f["ledger_key"] == fact["ledger_key"] and same_figure(f["quantity"], fact["quantity"])
                   for f in facts):
            facts.append(fact)
    return facts


def article_alert_id(version_key: tuple[str, ...]) -> str:
    return "article-" + hashlib.sha256("\x1f".join(version_key).encode()).hexdigest()[:24]


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

    def __init__(self, app: App, *, baseline=None, expected: int = 0) -> None:
        from monitor.claims.extract import EXTRACTOR_VERSION

        self.app = app
        self.baseline = baseline or current_baseline(app)
        self.version = EXTRACTOR_VERSION
        self.stories = StoryIndex(app, expected)
        self.outlets: dict[str, str] = {}
        for feed in app.config.feeds:  # the first feed of an id names the outlet
            self.outlets.setdefault(feed.id, feed.outlet or feed.title or feed.id)
        self._batch: list[NewEvent] = []
        self._batched_articles = 0

    def version_key(self, state: ArticleState) -> tuple[str, ...]:
        return (state.article_id, state.content_hash or "", self.version, self.baseline.baseline_id)

    def done_already(self, states: Iterable[ArticleState]) -> set[str]:
        """The articles among ``states`` classified before in this version (skipped: nothing to append)."""
        ids = {ev.event("x", ev.ARTICLE_CLASSIFIED, {}, key=self.version_key(st)).event_id: st.article_id
               for st in states}
        return {ids[i] for i in stored_event_ids(self.app, list(ids))}

    def process(self, state: ArticleState, *, alerts_enabled: bool = True, first_poll: bool = False) -> Outcome:
        from monitor.claims.analysis import analyse

        result = analyse(state.text, title=state.title, published=_published_date(state), baseline=self.baseline)
        return self.record(state, result, alerts_enabled=alerts_enabled, first_poll=first_poll)

    def record(self, state: ArticleState, result: dict[str, Any], *, alerts_enabled: bool,
               first_poll: bool) -> Outcome:
        app, article_id = self.app, state.article_id
        version_key = self.version_key(state)
        relevant = bool(result["relevant"])
        stream = ev.article_stream(article_id)
        outlet = self.outlets.get(state.feed_id, state.feed_id) if state.feed_id else None
        sig = signature(state.text) if relevant else []
        story_id = find_story(app, state, sig, self.stories) if relevant else None
        self.stories.classified(state, relevant=relevant, story_id=story_id, sig=sig)
        alerts = app.config.alerts
        wants_alerts = relevant and alerts_enabled and bool(alerts.to)
        events = [ev.event(stream, ev.ARTICLE_CLASSIFIED, {
            "article_id": article_id, "content_hash": state.content_hash, "relevant": relevant,
            "score": result["relevance"]["score"], "evidence": result["relevance"]["evidence"],
            "story_id": story_id, "signature": sig, "classifier_version": self.version,
            **({"first_poll": True} if first_poll else {}),
            **({"limits": result["limits"]} if result.get("limits") else {}),  # caps applied (claims.analysis)
        }, key=version_key)]
        outcome = Outcome(article_id, relevant=relevant)
        if relevant:
            events.append(ev.event(stream, ev.CLAIMS_EXTRACTED, {
                "article_id": article_id, "content_hash": state.content_hash, "extractor_version": self.version,
                "published": result["article"]["published"], "title": state.title, "outlet": outlet,
                "story_id": story_id, "claims": result["claims"],
            }, key=version_key))
            events.append(ev.event(stream, ev.CLAIMS_DIFFED, {
                "article_id": article_id, "content_hash": state.content_hash, "extractor_version": self.version,
                "baseline_id": self.baseline.baseline_id, "verdicts": result["verdicts"],
                # What the next digest covers; reprocessing and first polls are never held.
                "held_for_digest": bool(relevant and alerts_enabled and alerts.mode == "digest"),
            }, key=version_key))
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

    def _article_alert(self, state: ArticleState, result: dict[str, Any], version_key: tuple[str, ...], *,
                       outlet: str | None, story_id: str | None) -> NewEvent | None:
        # Decided before the append (the facts told so far do not depend on this article),
        # so the alert joins the verdicts' transaction: no crash can separate them.
        app, article_id = self.app, state.article_id
        changes, corroborations = alert_items(app, result, app.config.alerts.verdicts)
        if not changes:
            return None
        published = result["article"]["published"]
        items = [{**item, "ledger": preview_ledger(app, claim_key(item["claim"]), article_id, result["claims"],
                                                  published=published, outlet=outlet, story_id=story_id,
                                                  baseline=self.baseline)}
                 for item in changes + corroborations]
        keys = list(dict.fromkeys(i["ledger"]["key"] for i in items))
        article = {"title": state.title or "", "outlet": outlet or "", "feed_id": state.feed_id or "",
                   "published": published, "link": state.link, "article_id": article_id}
        return build_alert(app, kind="article", alert_id=article_alert_id(version_key),
                           body={"article": article, "items": items},
                           ledger_keys=keys, facts=facts_of(changes), article_id=article_id)

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


def process_articles(app: App, article_ids: list[str], *, alerts_for: Callable[[str], bool] = _always,
                     first_poll_for: Callable[[str], bool] = _never, baseline=None,
                     progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Process ``article_ids`` in order; see :class:`ArticleProcessor` for the batching.

    ``alerts_for(article_id)`` says which articles may queue an alert of their own;
    ``first_poll_for(article_id)`` which are marked as a first poll's backlog.
    """
    processor = ArticleProcessor(app, baseline=baseline, expected=len(article_ids))
    outcomes: list[Outcome] = []
    states: dict[str, ArticleState] = {}
    done: set[str] = set()
    try:
        for index, article_id in enumerate(article_ids, 1):
            if (index - 1) % BATCH_ARTICLES == 0:  # texts are read a batch at a time, not all at once
                if stopping():
                    break  # the daemon is stopping: the rest stay pending for the next start
                chunk = article_ids[index - 1:index - 1 + BATCH_ARTICLES]
                states = article_states(app, chunk)
                done = processor.done_already(states.values())
                processor.stories.load_links(state.canonical_link for state in states.values())
            state = states.get(article_id)
            if state is None or article_id in done:
                outcomes.append(Outcome(article_id, skipped=True))
            else:
                outcomes.append(processor.process(state, alerts_enabled=alerts_for(article_id),
                                                  first_poll=first_poll_for(article_id)))
            if progress:
                progress(index, len(article_ids))
    finally:
        processor.flush()  # what was decided so far is kept, even when a later article fails
    return outcomes


def process_article(app: App, article_id: str, *, alerts_enabled: bool = True,
                    baseline=None, first_poll: bool = False) -> Outcome:
    """Classify, extract and diff one article; in immediate mode, queue its alert in the same append.

    In digest mode the ClaimsDiffed event is marked ``held_for_digest`` instead, and
    :func:`monitor.alerts.digest.queue_digest` turns the marked ones into one message later.
    ``first_poll`` marks the classification of a new feed's backlog (silenced for its
    summary), so a summary lost to a crash can still be sent after the restart.
    """
    [outcome] = process_articles(app, [article_id], baseline=baseline,
                                 alerts_for=_always if alerts_enabled else _never,
                                 first_poll_for=_always if first_poll else _never)
    return outcome


def pending_articles(app: App) -> list[str]:
    """Articles discovered or revised since they were last classified."""
    with app.store.reading() as db:
        rows = db.execute(
            "SELECT article_id FROM articles WHERE relevant IS NULL OR content_hash IS NOT "
            "(SELECT json_extract(data, '$.content_hash') FROM events WHERE stream = 'article:' || article_id "
            "AND type = 'ArticleClassified' ORDER BY version DESC LIMIT 1) ORDER BY last_position"
        ).fetchall()
    return [r[0] for r in rows]


def process_pending(app: App, *, quiet: set[str] = frozenset(),  # type: ignore[assignment]
                    progress: Callable[[int, int], None] | None = None,
                    now: datetime | None = None) -> list[Outcome]:
    """Process every article not yet classified in its current version.

    ``quiet`` holds the articles of first polls: they send no alert of their own; with
    ``[alerts] first_poll_summary`` each of their feeds gets one summary message instead.
    The log also says which pending articles are a first poll's backlog (see
    :func:`backlog_articles`), so a crash between a first poll and its processing
    neither floods the inbox with the backlog nor loses the summary.
    """
    pending = pending_articles(app)
    baseline = current_baseline(app) if pending else None
    summarise = app.config.alerts.first_poll_summary and bool(app.config.alerts.to)
    if summarise:
        quiet = set(quiet) | backlog_articles(app, pending)
    before = ledger_snapshot(app) if summarise and quiet else {}
    outcomes = process_articles(app, pending, alerts_for=lambda a: a not in quiet,
                                first_poll_for=lambda a: summarise and a in quiet,
                                baseline=baseline, progress=progress)
    if summarise:
        silenced = _by_feed(app, quiet)
        after = ledger_snapshot(app)  # summaries move no figure: one "after" serves them all
        summaries = []
        for feed_id in sorted(set(silenced) | unsummarised_first_polls(app)):
            article_ids = set(silenced.get(feed_id, [])) | set(first_poll_articles(app, feed_id))
            summary = first_poll_summary(app, feed_id, article_ids, now=now, before=before or None, after=after)
            if summary is not None:
                summaries.append(summary)
        if summaries:  # one transaction for every new feed's summary, not one commit each
            app.store.append(summaries)
            app.catch_up()
    return outcomes


# A new feed's backlog: the articles discovered in the same append as the feed's first
# FeedPolled (the poller appends a feed's events as one batch, FeedPolled last).
_DISCOVERED_BEFORE_FIRST_POLL = (
    "d.position < (SELECT MIN(f.position) FROM events f WHERE f.stream = 'feed:' || a.feed_id "
    "AND f.type = 'FeedPolled')")


def backlog_articles(app: App, article_ids: Iterable[str]) -> set[str]:
    """The never-classified articles among ``article_ids`` that came with their feed's first poll."""
    ids = list(article_ids)
    found: set[str] = set()
    with app.store.reading() as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found.update(r[0] for r in db.execute(
                "SELECT a.article_id FROM articles a JOIN events d ON d.stream = 'article:' || a.article_id "
                f"AND d.version = 1 WHERE a.article_id IN ({','.join('?' * len(chunk))}) "
                f"AND {_DISCOVERED_BEFORE_FIRST_POLL} AND NOT EXISTS (SELECT 1 FROM events c "
                "WHERE c.stream = d.stream AND c.type = 'ArticleClassified')", chunk))
    return found


def first_poll_articles(app: App, feed_id: str) -> list[str]:
    """Every article of the feed's first poll (what its summary describes)."""
    with app.store.reading() as db:
        rows = db.execute(
            "SELECT a.article_id FROM articles a JOIN events d ON d.stream = 'article:' || a.article_id "
            f"AND d.version = 1 WHERE a.feed_id = ? AND {_DISCOVERED_BEFORE_FIRST_POLL}", [feed_id]).fetchall()
    return sorted(r[0] for r in rows)


def unsummarised_first_polls(app: App) -> set[str]:
    """Configured feeds whose backlog was silenced for a summary that was never queued
    (the process died in between). Only feeds without a summary are looked at."""
    found = set()
    for feed in app.config.feeds:
        if app.store.stream_version(ev.alert_stream(first_poll_alert_id(feed.id))) > 0:
            continue
        with app.store.reading() as db:
            silenced = db.execute(
                "SELECT 1 FROM articles a JOIN events c ON c.stream = 'article:' || a.article_id "
                "AND c.type = 'ArticleClassified' WHERE a.feed_id = ? "
                "AND json_extract(c.data, '$.first_poll') = 1 LIMIT 1", [feed.id]).fetchone()
        if silenced:
            found.add(feed.id)
    return found


# -- first poll of a new feed -----------------------------------------------------------

def ledger_snapshot(app: App) -> dict[str, dict[str, Any]]:
    """Every ledger key's newest figure now (the "before" of a first-poll summary)."""
    with app.store.reading() as db:
        rows = db.execute("SELECT ledger_key, kind, item, newest_quantity, newest_bound, newest_quantity_high, "
                          "newest_date, newest_source FROM claims").fetchall()
    return {r[0]: {"kind": r[1], "item": r[2], "quantity": r[3], "bound": r[4], "quantity_high": r[5],
                   "date": r[6], "source": r[7]} for r in rows}


def _by_feed(app: App, article_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = list(article_ids)
    grouped: dict[str, list[str]] = {}
    with app.store.reading() as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for article_id, feed_id in db.execute(
                    f"SELECT article_id, feed_id FROM articles WHERE article_id IN ({','.join('?' * len(chunk))})",
                    chunk):
                grouped.setdefault(feed_id or "", []).append(article_id)
    return {feed: sorted(found) for feed, found in grouped.items() if feed}


def first_poll_alert_id(feed_id: str) -> str:
    return f"first-poll-{feed_id}"


def ledger_moves(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]],
                 keys: Iterable[str]) -> list[dict[str, Any]]:
    """The ledger keys among ``keys`` whose newest figure changed (or appeared) between two snapshots."""
    moves = []
    for key in sorted(set(keys)):
        new = after.get(key)
        if new is None or new.get("quantity") is None:
            continue
        old = before.get(key)
        if old is not None and same_figure(old.get("quantity"), new.get("quantity")):
            continue
        moves.append({"key": key, "kind": new.get("kind"), "item": new.get("item"),
                      "before": {k: old.get(k) for k in ("quantity", "bound", "quantity_high", "date", "source")}
                      if old and old.get("quantity") is not None else None,
                      "after": {k: new.get(k) for k in ("quantity", "bound", "quantity_high", "date", "source")}})
    return moves


def queue_first_poll_summary(app: App, feed_id: str, article_ids: Iterable[str], *, now: datetime | None = None,
                             before: dict[str, dict[str, Any]] | None = None) -> str | None:
    """One message for the first poll of a new feed: what it found and how the ledger moved.

    Idempotent: one summary per feed id, ever (its alert id is derived from the feed id).
    ``before`` is the ledger as it was before the articles were processed; without it the
    message lists the figures these articles now lead without a "before".
    """
    alert = first_poll_summary(app, feed_id, article_ids, now=now, before=before)
    if alert is None:
        return None
    app.store.append([alert])
    app.catch_up()
    return alert.data["alert_id"]


def first_poll_summary(app: App, feed_id: str, article_ids: Iterable[str], *, now: datetime | None = None,
                       before: dict[str, dict[str, Any]] | None = None,
                       after: dict[str, dict[str, Any]] | None = None) -> NewEvent | None:
    """The AlertQueued of :func:`queue_first_poll_summary`, not yet appended (None: nothing to
    send, or sent before). ``after`` is the ledger now, when the caller has read it already."""
    alerts = app.config.alerts
    ids = sorted(set(article_ids))
    if not alerts.to or not ids:
        return None
    alert_id = first_poll_alert_id(feed_id)
    if app.store.stream_version(ev.alert_stream(alert_id)) > 0:
        return None
    rows = []
    with app.store.reading() as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows += db.execute(
                "SELECT article_id, title, link, published, relevant, claims FROM articles "
                f"WHERE article_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        keys = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            keys += [r[0] for r in db.execute(
                f"SELECT DISTINCT ledger_key FROM claim_observations WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk)]
    # Relevant first, newest first: the mail lists only the first few.
    rows.sort(key=lambda r: (not r[4], -(_sortable_date(r[3]))))
    moves = ledger_moves(before if before is not None else {}, after if after is not None else ledger_snapshot(app),
                         keys)
    feed = next((f for f in app.config.feeds if f.id == feed_id), None)
    summary = {
        "entries": len(ids), "relevant": sum(1 for r in rows if r[4]), "claims": sum(r[5] or 0 for r in rows),
        "articles": [{"title": r[1] or "", "link": r[2], "published": r[3], "relevant": bool(r[4]),
                      "claims": r[5] or 0} for r in rows],
        "ledger": moves,
    }
    body = {"feed": {"id": feed_id, "url": feed.url if feed else "", "title": (feed.title or "") if feed else ""},
            "summary": summary}
    # The figures the summary announces count as told: a later article repeating one is no news.
    facts = [{"ledger_key": m["key"], "quantity": m["after"]["quantity"]} for m in moves]
    return build_alert(app, kind="first_poll_summary", alert_id=alert_id, body=body,
                       ledger_keys=[m["key"] for m in moves], facts=facts,
                       created_at=iso(now) if now else None, extra={"feed_id": feed_id})


def _sortable_date(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def reprocess_all(app: App, progress: Callable[[int, int], None] | None = None) -> str:
    """`monitor reprocess`: every stored article through today's code. Old events stay."""
    with app.store.reading() as db:
        ids = [r[0] for r in db.execute("SELECT article_id FROM articles ORDER BY last_position")]
    # Reprocessing never mails: it re-reads history, it does not report news.
    outcomes = process_articles(app, ids, alerts_for=_never, baseline=current_baseline(app), progress=progress)
    changed = sum(not outcome.skipped for outcome in outcomes)
    return f"reprocessed {len(ids)} articles: {changed} with new results, {len(ids) - changed} unchanged"
