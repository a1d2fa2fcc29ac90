"""From a recorded article to classification, claims, verdicts and queued alerts.

The decisions are pure (monitor.analysis); this module reads the article from the log,
records the outcome as events (ArticleClassified, ClaimsExtracted, ClaimsDiffed and the
AlertQueued they cause, in one transaction) and keeps the projections current.
Event ids are derived from (article, content, extractor version, baseline), so processing
the same article twice with the same code appends nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable

from store import NewEvent

from . import events as ev
from .app import App
from .ledger import ledger_key, same_figure

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
    state: ArticleState | None = None
    for event in app.store.read_stream(ev.article_stream(article_id)):
        d = event.data
        if event.type == ev.ARTICLE_DISCOVERED:
            state = ArticleState(article_id=article_id, feed_id=d.get("feed_id"), title=d.get("title"),
                                 text=d.get("text") or "", link=d.get("link"),
                                 canonical_link=d.get("canonical_link"), published=d.get("published"),
                                 content_hash=d.get("content_hash"), first_seen_at=d.get("first_seen_at"))
        elif event.type == ev.ARTICLE_REVISED and state is not None:
            state.title = d.get("title") or state.title
            state.text = d.get("text") or state.text
            state.content_hash = d.get("content_hash") or state.content_hash
    return state


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
    from .stories import shingles

    grams = shingles(text)
    if not grams:
        return []
    result = []
    for seed in range(SIGNATURE_SIZE):
        salt = seed * 0x9E3779B1
        result.append(min((g ^ salt) * 0x100000001B3 & 0xFFFFFFFFFFFF for g in grams))
    return result


def signature_similarity(a: list[int], b: list[int]) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def find_story(app: App, state: ArticleState, sig: list[int]) -> str:
    """The story this article belongs to: same canonical link, or near-identical text."""
    with app.store.reading() as db:
        if state.canonical_link:
            row = db.execute(
                "SELECT COALESCE(story_id, article_id) FROM articles WHERE canonical_link = ? AND article_id != ? "
                "AND relevant IS NOT NULL ORDER BY last_position LIMIT 1", [state.canonical_link, state.article_id]
            ).fetchone()
            if row:
                return row[0]
        if not sig:
            return state.article_id
        rows = db.execute(
            "SELECT COALESCE(story_id, article_id), signature FROM articles WHERE relevant = 1 AND signature IS NOT NULL "
            "AND article_id != ? ORDER BY last_position DESC LIMIT ?", [state.article_id, STORY_CANDIDATES]
        ).fetchall()
    best, best_score = state.article_id, 0.0
    for story_id, other in rows:
        score = signature_similarity(sig, json.loads(other))
        if score >= SAME_STORY_JACCARD and score > best_score:
            best, best_score = story_id, score
    return best


# -- the baseline in force ------------------------------------------------------------

def current_baseline(app: App):
    from .baseline import Baseline, load_default_baseline

    latest = None
    for event in app.store.read_stream(ev.BASELINE_STREAM):
        latest = event
    return Baseline.from_event_data(latest.data) if latest is not None else load_default_baseline()


# -- alerts ---------------------------------------------------------------------------

def already_told(app: App, key: str, quantity: float | None) -> bool:
    with app.store.reading() as db:
        rows = db.execute("SELECT quantity FROM alert_facts WHERE ledger_key = ?", [key]).fetchall()
    return any(same_figure(q, quantity) for (q,) in rows)


def ledger_view(app: App, key: str) -> dict[str, Any] | None:
    with app.store.reading() as db:
        cursor = db.execute("SELECT * FROM claims WHERE ledger_key = ?", [key])
        row = cursor.fetchone()
        if row is None:
            return None
        names = [c[0] for c in cursor.description]
    data = dict(zip(names, row))

    def figure(prefix: str) -> dict[str, Any] | None:
        if data.get(f"{prefix}_quantity") is None and data.get(f"{prefix}_date") is None:
            return None
        return {"quantity": data.get(f"{prefix}_quantity"), "bound": data.get(f"{prefix}_bound"),
                "source": data.get(f"{prefix}_source"), "date": data.get(f"{prefix}_date")}

    return {"key": key, "newest": figure("newest"), "previous": figure("previous"),
            "baseline": figure("baseline"), "corroborations": data.get("corroborations") or 0,
            "also_reported_by": json.loads(data.get("outlets") or "[]")}


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
        item = {"claim": claim, "verdict": verdict}
        (corroborations if already_told(app, key, claim.get("quantity")) else changes).append(item)
    return changes, corroborations


def build_alert(app: App, *, kind: str, alert_id: str, body: dict[str, Any], ledger_keys: list[str],
                facts: list[dict[str, Any]], article_id: str | None = None) -> NewEvent:
    """An AlertQueued event carrying the whole rendered message, so a retry sends the same bytes."""
    from .alerts.compose import build_message, domain_of, subject_for

    alerts = app.config.alerts
    head_position, head_hash = app.store.head()
    payload = {"alert_id": alert_id, "kind": kind, "created_at": _now(),
               "head": {"position": head_position, "hash": head_hash},
               "settings_hint": f'[alerts] verdicts = {list(alerts.verdicts)}, mode = "{alerts.mode}" in '
                                f'{app.config.source or "config.toml"}; stop alerts by emptying `to`',
               **body}
    msg = build_message(payload, from_addr=alerts.from_, to_addrs=list(alerts.to), list_id=alerts.list_id,
                        domain=domain_of(alerts.from_))
    return ev.event(ev.alert_stream(alert_id), ev.ALERT_QUEUED, {
        "alert_id": alert_id, "kind": kind, "recipients": list(alerts.to), "subject": subject_for(payload),
        "message_id": str(msg["Message-ID"]), "message": msg.as_string(), "article_id": article_id,
        "ledger_keys": ledger_keys, "facts": facts,
    }, key=(alert_id,))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- processing -----------------------------------------------------------------------

def process_article(app: App, article_id: str, *, alerts_enabled: bool = True,
                    baseline=None) -> Outcome:
    from .analysis import analyse
    from .extract import EXTRACTOR_VERSION

    state = article_state(app, article_id)
    if state is None:
        return Outcome(article_id, skipped=True)
    baseline = baseline or current_baseline(app)
    baseline_id = baseline.baseline_id
    version_key = (article_id, state.content_hash or "", EXTRACTOR_VERSION, baseline_id)
    classified_id = ev.event("x", ev.ARTICLE_CLASSIFIED, {}, key=version_key).event_id
    if app.store.get(classified_id) is not None:
        return Outcome(article_id, skipped=True)

    result = analyse(state.text, title=state.title, published=_published_date(state), baseline=baseline)
    relevant = bool(result["relevant"])
    stream = ev.article_stream(article_id)
    outlet = _outlet(app, state.feed_id)
    sig = signature(state.text) if relevant else []
    story_id = find_story(app, state, sig) if relevant else None
    batch = [ev.event(stream, ev.ARTICLE_CLASSIFIED, {
        "article_id": article_id, "content_hash": state.content_hash, "relevant": relevant,
        "score": result["relevance"]["score"], "evidence": result["relevance"]["evidence"],
        "story_id": story_id, "signature": sig, "classifier_version": EXTRACTOR_VERSION,
    }, key=version_key)]
    outcome = Outcome(article_id, relevant=relevant)
    if relevant:
        batch.append(ev.event(stream, ev.CLAIMS_EXTRACTED, {
            "article_id": article_id, "content_hash": state.content_hash, "extractor_version": EXTRACTOR_VERSION,
            "published": result["article"]["published"], "title": state.title, "outlet": outlet,
            "story_id": story_id, "claims": result["claims"],
        }, key=version_key))
        batch.append(ev.event(stream, ev.CLAIMS_DIFFED, {
            "article_id": article_id, "content_hash": state.content_hash, "extractor_version": EXTRACTOR_VERSION,
            "baseline_id": baseline_id, "verdicts": result["verdicts"],
        }, key=version_key))
        outcome.claims = len(result["claims"])
        for verdict in result["verdicts"]:
            outcome.verdicts[verdict["verdict"]] = outcome.verdicts.get(verdict["verdict"], 0) + 1
    # Append classification first, so the ledger the alert quotes already includes this article.
    app.store.append(batch)
    app.catch_up()
    alerts = app.config.alerts
    if relevant and alerts_enabled and alerts.to and alerts.mode == "immediate":
        changes, corroborations = alert_items(app, result, alerts.verdicts)
        if changes:
            alert_id = "article-" + hashlib.sha256("\x1f".join(version_key).encode()).hexdigest()[:24]
            items = []
            for item in changes + corroborations:
                claim = item["claim"]
                key = ledger_key(claim["kind"], claim["item"], claim.get("direction"))
                items.append({**item, "ledger": ledger_view(app, key) or {"key": key}})
            keys = list(dict.fromkeys(i["ledger"]["key"] for i in items))
            facts = [{"ledger_key": ledger_key(i["claim"]["kind"], i["claim"]["item"], i["claim"].get("direction")),
                      "quantity": i["claim"].get("quantity")} for i in changes]
            article = {"title": state.title or "", "outlet": outlet or "", "feed_id": state.feed_id or "",
                       "published": result["article"]["published"], "link": state.link, "article_id": article_id}
            alert = build_alert(app, kind="article", alert_id=alert_id, body={"article": article, "items": items},
                                ledger_keys=keys, facts=facts, article_id=article_id)
            app.store.append([alert])
            app.catch_up()
            outcome.alert_id = alert_id
    return outcome


def _outlet(app: App, feed_id: str | None) -> str | None:
    if not feed_id:
        return None
    for feed in app.config.feeds:
        if feed.id == feed_id:
            return feed.outlet or feed.title or feed.id
    return feed_id


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
                    progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Process every article not yet classified in its current version; ``quiet`` ones send no alert."""
    pending = pending_articles(app)
    baseline = current_baseline(app) if pending else None
    outcomes = []
    for index, article_id in enumerate(pending, 1):
        outcomes.append(process_article(app, article_id, alerts_enabled=article_id not in quiet,
                                        baseline=baseline))
        if progress:
            progress(index, len(pending))
    return outcomes


def reprocess_all(app: App, progress: Callable[[int, int], None] | None = None) -> str:
    """`monitor reprocess`: every stored article through today's code. Old events stay."""
    with app.store.reading() as db:
        ids = [r[0] for r in db.execute("SELECT article_id FROM articles ORDER BY last_position")]
    baseline = current_baseline(app)
    changed = 0
    for index, article_id in enumerate(ids, 1):
        # Reprocessing never mails: it re-reads history, it does not report news.
        outcome = process_article(app, article_id, alerts_enabled=False, baseline=baseline)
        changed += not outcome.skipped
        if progress:
            progress(index, len(ids))
    return f"reprocessed {len(ids)} articles: {changed} with new results, {len(ids) - changed} unchanged"
