"""Article alerts: what the reader has been told, what a new article adds, and the AlertQueued that says so.

An alert is built before its article's events are appended, so both go to the log in one
transaction; the ledger line it shows is therefore previewed with the same pure ledger
rule the projection applies (:func:`preview_ledger`). Digest, feed-health and first-poll
messages are built with :func:`build_alert` too, so every message carries the same
settings hint and log anchor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from monitor import events as ev
from monitor.app import App
from monitor.claims.ledger import (
    Observation,
    floor_already_met,
    ledger_entry,
    ledger_key,
    same_figure,
    standing_top,
)
from monitor.projections.alerts import told_quantities
from monitor.projections.claims import asserted_observations, claims_row
from monitor.store import NewEvent


def already_told(app: App, key: str, quantity: float | None) -> bool:
    return any(same_figure(told, quantity) for told in told_quantities(app.store, key))


def _row_figure(data: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if data.get(f"{prefix}_quantity") is None and data.get(f"{prefix}_date") is None:
        return None
    return {
        "quantity": data.get(f"{prefix}_quantity"),
        "bound": data.get(f"{prefix}_bound"),
        "source": data.get(f"{prefix}_source"),
        "date": data.get(f"{prefix}_date"),
    }


def ledger_view(app: App, key: str) -> dict[str, Any] | None:
    """The ledger line of one key as the projection has it now."""
    data = claims_row(app.store, key)
    if data is None:
        return None
    return {
        "key": key,
        "newest": _row_figure(data, "newest"),
        "previous": _row_figure(data, "previous"),
        "baseline": _row_figure(data, "baseline"),
        "corroborations": data.get("corroborations") or 0,
        "also_reported_by": json.loads(data.get("outlets") or "[]"),
    }


def _figure_dict(figure: dict[str, Any] | None) -> dict[str, Any] | None:
    if not figure:
        return None
    return {
        "quantity": figure.get("quantity"),
        "bound": figure.get("bound"),
        "quantity_high": figure.get("quantity_high"),
        "source": figure.get("source"),
        "date": figure.get("date"),
        # the outlet of the figure's first report (the ledger lists its outlets in the order they told it): a source of
        # "outlet" is that outlet's own voice, and names nobody without it
        "outlet": next(iter(figure.get("outlets") or ()), None),
    }


def preview_ledger(
    app: App,
    key: str,
    article_id: str,
    claims: list[dict[str, Any]],
    *,
    published: str | None,
    outlet: str | None,
    story_id: str | None,
    baseline,
) -> dict[str, Any]:
    """The ledger line of ``key`` as it will be once this article's claims are projected.

    The alert is built before the article's events are appended so that both go in one
    transaction (a crash can then never leave verdicts without the alert they cause);
    this computes with the same pure ledger function the projection uses.
    """
    observations = asserted_observations(app.store, key, except_article=article_id)
    after_everything = 1 << 62  # this article is the latest thing the log will hold
    for claim in claims:
        if ledger_key(claim["kind"], claim["item"], claim.get("direction")) != key:
            continue
        if (claim.get("stance") or "asserted") != "asserted":
            continue
        observations.append(
            Observation(
                quantity=claim.get("quantity"),
                bound=claim.get("bound"),
                quantity_high=claim.get("quantity_high"),
                source=claim.get("source"),
                date=claim.get("as_of") or published or ev.timestamp()[:10],
                article_id=article_id,
                story_id=story_id or article_id,
                outlet=outlet or "",
                evidence=claim.get("evidence") or "",
                position=after_everything,
            )
        )
    entry = ledger_entry(observations) or {}
    newest = entry.get("newest") or {}
    row = claims_row(app.store, key)
    baseline_figure = _row_figure(row, "baseline") if row else _baseline_figure(baseline, key)
    return {
        "key": key,
        "newest": _figure_dict(newest),
        "previous": _figure_dict(entry.get("previous")),
        "baseline": baseline_figure,
        "corroborations": newest.get("corroborations", 0),
        "also_reported_by": list(newest.get("outlets", [])),
    }


def _baseline_figure(baseline, key: str) -> dict[str, Any] | None:
    claims = [
        c for c in getattr(baseline, "claims", []) or [] if ledger_key(c["kind"], c["item"], c.get("direction")) == key
    ]
    chosen = next((c for c in claims if c.get("quantity") is not None), claims[0] if claims else None)
    if chosen is None:
        return None
    provenance = chosen.get("provenance") or {}
    return {
        "quantity": chosen.get("quantity"),
        "bound": chosen.get("bound"),
        "source": chosen.get("source"),
        "date": provenance.get("published") or chosen.get("as_of"),
    }


def _says_less(app: App, key: str, claim: dict[str, Any], verdict: dict[str, Any]) -> bool:
    """A floor that the figure it would change already meets ("thousands" against about 15,000):
    the ledger keeps the standing figure (:func:`monitor.claims.ledger.supersedes`), so an alert
    announcing a change would be noise. Measured against the baseline figure of an ``updates``
    and against the ledger's current figure."""
    quantity, bound = claim.get("quantity"), claim.get("bound")
    if bound != "at_least" or quantity is None:
        return False
    if floor_already_met(quantity, bound, verdict.get("from")):
        return True
    row = claims_row(app.store, key)
    if row is None:
        return False
    standing = standing_top(row.get("newest_quantity"), row.get("newest_bound"), row.get("newest_quantity_high"))
    return floor_already_met(quantity, bound, standing)


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
        if already_told(app, key, claim.get("quantity")) or _says_less(app, key, claim, verdict):
            corroborations.append({"claim": claim, "verdict": verdict, "corroboration": True})
        else:
            changes.append({"claim": claim, "verdict": verdict})
    return changes, corroborations


def build_alert(
    app: App,
    *,
    kind: str,
    alert_id: str,
    body: dict[str, Any],
    ledger_keys: list[str],
    facts: list[dict[str, Any]],
    article_id: str | None = None,
    created_at: str | None = None,
    extra: dict[str, Any] | None = None,
) -> NewEvent:
    """An AlertQueued event carrying the whole rendered message, so a retry sends the same bytes."""
    draft = draft_alert(
        app,
        kind=kind,
        alert_id=alert_id,
        body=body,
        ledger_keys=ledger_keys,
        facts=facts,
        article_id=article_id,
        created_at=created_at,
        extra=extra,
    )
    return draft.event(compose_queued(*draft.composition))


@dataclass(frozen=True)
class AlertDraft:
    """An alert decided but not yet rendered: :meth:`event` takes :func:`compose_queued`'s
    answer for :attr:`composition`, which may be computed in another process (the message
    is a pure function of it: the first-poll summaries of a new config are rendered on
    every core)."""

    composition: tuple[dict[str, Any], str, list[str], str, str]  # compose_queued's arguments
    data: dict[str, Any]  # the AlertQueued's data, but for the rendered parts

    def event(self, composed: tuple[str, str, str]) -> NewEvent:
        message, subject, message_id = composed
        data = {**self.data, "subject": subject, "message_id": message_id, "message": message}
        return ev.event(ev.alert_stream(data["alert_id"]), ev.ALERT_QUEUED, data, key=(data["alert_id"],))


def draft_alert(
    app: App,
    *,
    kind: str,
    alert_id: str,
    body: dict[str, Any],
    ledger_keys: list[str],
    facts: list[dict[str, Any]],
    article_id: str | None = None,
    created_at: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AlertDraft:
    """:func:`build_alert` up to the rendering."""
    # Imported here, as in compose_queued: the composer (the e-mail policies, its header tables) costs
    # start-up time, and a poll that queues no alert never needs it (tests/app/test_lazy_imports.py).
    from monitor.alerts.compose import domain_of
    from monitor.alerts.webhook import alert_details

    alerts = app.config.alerts
    head_position, head_hash = app.store.head()
    payload = {
        "alert_id": alert_id,
        "kind": kind,
        "created_at": created_at or ev.timestamp(),
        "head": {"position": head_position, "hash": head_hash},
        "settings_hint": f'[alerts] verdicts = {list(alerts.verdicts)}, mode = "{alerts.mode}" in '
        f"{app.config.source or 'config.toml'}; stop alerts by emptying `to`"
        + (" and the channels (`notify`, `notify_env`)" if alerts.channels() else ""),
        **body,
    }
    return AlertDraft(
        (payload, alerts.from_, list(alerts.to), alerts.list_id, domain_of(alerts.from_)),
        {
            "alert_id": alert_id,
            "kind": kind,
            "recipients": list(alerts.to),
            "article_id": article_id,
            "ledger_keys": ledger_keys,
            "facts": facts,
            # The alert's facts in the structured webhook's shape, kept with it so a retry (or a
            # hook channel added while the alert is still due) posts exactly what was decided now.
            "details": alert_details(kind, body),
            **(extra or {}),
        },
    )


def compose_queued(
    payload: dict[str, Any], from_addr: str, to_addrs: list[str], list_id: str, domain: str
) -> tuple[str, str, str]:
    """The message an AlertQueued carries, its subject and its Message-ID (pure; see :class:`AlertDraft`)."""
    from monitor.alerts.compose import compose_alert_text  # imported here: start-up time (see draft_alert)

    return compose_alert_text(payload, from_addr=from_addr, to_addrs=to_addrs, list_id=list_id, domain=domain)


def claim_key(claim: dict[str, Any]) -> str:
    return ledger_key(claim["kind"], claim["item"], claim.get("direction"))


def facts_of(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What an alert tells, one fact per ledger key and figure (the dedupe of later alerts)."""
    facts: list[dict[str, Any]] = []
    for item in changes:
        fact = {"ledger_key": claim_key(item["claim"]), "quantity": item["claim"].get("quantity")}
        if not any(
            f["ledger_key"] == fact["ledger_key"] and same_figure(f["quantity"], fact["quantity"]) for f in facts
        ):
            facts.append(fact)
    return facts


def article_alert_id(version_key: tuple[str, ...]) -> str:
    return "article-" + hashlib.sha256("\x1f".join(version_key).encode()).hexdigest()[:24]
