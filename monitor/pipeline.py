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
    from .ledger import Observation, ledger_entry

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
        item = {"claim": claim, "verdict": verdict}
        (corroborations if already_told(app, key, claim.get("quantity")) else changes).append(item)
    return changes, corroborations


def build_alert(app: App, *, kind: str, alert_id: str, body: dict[str, Any], ledger_keys: list[str],
                facts: list[dict[str, Any]], article_id: str | None = None,
                created_at: str | None = None, extra: dict[str, Any] | None = None) -> NewEvent:
    """An AlertQueued event carrying the whole rendered message, so a retry sends the same bytes."""
    from .alerts.compose import build_message, domain_of, subject_for

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

def process_article(app: App, article_id: str, *, alerts_enabled: bool = True,
                    baseline=None) -> Outcome:
    """Classify, extract and diff one article; in immediate mode, queue its alert in the same append.

    In digest mode the ClaimsDiffed event is marked ``held_for_digest`` instead, and
    :func:`monitor.digest.queue_digest` turns the marked ones into one message later.
    """
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
    alerts = app.config.alerts
    wants_alerts = relevant and alerts_enabled and bool(alerts.to)
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
            # What the next digest covers; reprocessing and first polls are never held.
            "held_for_digest": bool(relevant and alerts_enabled and alerts.mode == "digest"),
        }, key=version_key))
        outcome.claims = len(result["claims"])
        for verdict in result["verdicts"]:
            outcome.verdicts[verdict["verdict"]] = outcome.verdicts.get(verdict["verdict"], 0) + 1
    if wants_alerts and alerts.mode == "immediate":
        # Decided before the append (the facts told so far do not depend on this article),
        # so the alert joins the verdicts' transaction: no crash can separate them.
        changes, corroborations = alert_items(app, result, alerts.verdicts)
        if changes:
            alert_id = article_alert_id(version_key)
            published = result["article"]["published"]
            items = [{**item, "ledger": preview_ledger(app, claim_key(item["claim"]), article_id, result["claims"],
                                                      published=published, outlet=outlet, story_id=story_id,
                                                      baseline=baseline)}
                     for item in changes + corroborations]
            keys = list(dict.fromkeys(i["ledger"]["key"] for i in items))
            article = {"title": state.title or "", "outlet": outlet or "", "feed_id": state.feed_id or "",
                       "published": published, "link": state.link, "article_id": article_id}
            batch.append(build_alert(app, kind="article", alert_id=alert_id,
                                     body={"article": article, "items": items},
                                     ledger_keys=keys, facts=facts_of(changes), article_id=article_id))
            outcome.alert_id = alert_id
    app.store.append(batch)
    app.catch_up()
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
                    progress: Callable[[int, int], None] | None = None,
                    now: datetime | None = None) -> list[Outcome]:
    """Process every article not yet classified in its current version.

    ``quiet`` holds the articles of first polls: they send no alert of their own; with
    ``[alerts] first_poll_summary`` each of their feeds gets one summary message instead.
    """
    pending = pending_articles(app)
    baseline = current_baseline(app) if pending else None
    summarise = bool(quiet) and app.config.alerts.first_poll_summary and bool(app.config.alerts.to)
    before = ledger_snapshot(app) if summarise else {}
    outcomes = []
    for index, article_id in enumerate(pending, 1):
        outcomes.append(process_article(app, article_id, alerts_enabled=article_id not in quiet,
                                        baseline=baseline))
        if progress:
            progress(index, len(pending))
    if summarise:
        for feed_id, article_ids in _by_feed(app, quiet).items():
            queue_first_poll_summary(app, feed_id, article_ids, now=now, before=before)
    return outcomes


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
    moves = ledger_moves(before if before is not None else {}, ledger_snapshot(app), keys)
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
    alert = build_alert(app, kind="first_poll_summary", alert_id=alert_id, body=body,
                        ledger_keys=[m["key"] for m in moves], facts=facts,
                        created_at=iso(now) if now else None, extra={"feed_id": feed_id})
    app.store.append([alert])
    app.catch_up()
    return alert_id


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
    baseline = current_baseline(app)
    changed = 0
    for index, article_id in enumerate(ids, 1):
        # Reprocessing never mails: it re-reads history, it does not report news.
        outcome = process_article(app, article_id, alerts_enabled=False, baseline=baseline)
        changed += not outcome.skipped
        if progress:
            progress(index, len(ids))
    return f"reprocessed {len(ids)} articles: {changed} with new results, {len(ids) - changed} unchanged"
