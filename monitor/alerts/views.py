"""Payload → view model: every feed string cleaned, every optional value present.

The templates run with ``StrictUndefined`` and only lay out what this module
prepares, so a missing key in a payload fails here, by name, not in a template.
Internal to :mod:`monitor.alerts`; the payload itself is documented in
:mod:`monitor.alerts.compose`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from monitor.alerts.formatting import (
    clean_line,
    display_date,
    format_amount,
    format_number,
    format_ratio,
    label_for,
    ratio_magnitude,
    safe_url,
    source_label,
)

ALERT_KINDS: tuple[str, ...] = ("article", "digest", "feed_health", "first_poll_summary", "channel_gone", "test")
_LISTED_ARTICLES = 25  # a first poll can list hundreds of entries; the mail shows the first few


class AlertPayloadError(ValueError):
    """The payload lacks something the message needs (a bug in whoever built it)."""


_VERDICT_RANK = {"contradicts": 0, "updates": 1, "new": 2, "confirms": 3}
_VERDICT_TITLES = {
    "contradicts": "contradicts the baseline",
    "updates": "updates the baseline",
    "new": "new claim",
    "confirms": "confirms the baseline",
}


def _figure_text(fig: Mapping[str, Any] | None, item: str | None, kind: str | None, noun: bool) -> str:
    if not fig:
        return ""
    return format_amount(
        fig.get("quantity"), fig.get("bound"), fig.get("quantity_high"), item=item, kind=kind, with_noun=noun
    )


def _ledger_line(ledger: Mapping[str, Any], item: str | None, kind: str | None, claim_date: str = "") -> str:
    """ "5.2 million artillery shells (South Korea Ministry of Defense, 2024-07-24);
    previous 3 million (2024-02-26); baseline more than 1 million (2023-11-01)".

    The line is the ledger when the alert was queued ("Ledger now:" in the message), not as of
    the article: after a backfill an alert about an April article can find a figure dated August
    there, so a newest figure dated after the claim (``claim_date``, ISO) says so. The ledger as
    of the article's date would hide the figure an analyst must weigh the old article against.
    """
    newest = ledger.get("newest")
    if not newest:
        return ""
    details = []
    if newest.get("source"):
        details.append(source_label(newest.get("source"), newest.get("outlet")))
    if newest.get("date"):
        details.append(display_date(newest.get("date")))
        if claim_date and str(newest.get("date"))[:10] > claim_date[:10]:
            details.append("later than this article")
    parts = [_figure_text(newest, item, kind, True) + (f" ({', '.join(details)})" if details else "")]
    for name in ("previous", "baseline"):
        fig = ledger.get(name)
        if fig:
            when = display_date(fig.get("date"))
            parts.append(f"{name} {_figure_text(fig, item, kind, False)}" + (f" ({when})" if when else ""))
    return "; ".join(parts)


def _article_view(article: Mapping[str, Any] | None) -> dict[str, Any]:
    article = article or {}
    link = clean_line(article.get("link"), 2000)
    return {
        "title": clean_line(article.get("title"), 300) or "(untitled article)",
        "outlet": clean_line(article.get("outlet"), 120) or clean_line(article.get("feed_id"), 120) or "unknown outlet",
        "feed_id": clean_line(article.get("feed_id"), 120),
        "published": display_date(article.get("published")),
        "link": link,
        "href": safe_url(link),
        "explain_command": _explain_command(safe_url(link)),
    }


def _explain_command(href: str | None) -> str:
    """The command that shows how the monitor read the article (rule, sentence, source and
    verdict of each claim), for the reader who doubts a figure; only for a link that a
    double-quoted shell word holds as it is."""
    if not href or any(c in href for c in '"$`!\\'):
        return ""
    return f'monitor diff --article "{href}" --explain'


def _item_view(raw: Mapping[str, Any], article: dict[str, Any], index: int) -> dict[str, Any]:
    claim: Mapping[str, Any] = raw.get("claim") or {}
    verdict: Mapping[str, Any] = raw.get("verdict") or {}
    ledger: Mapping[str, Any] = raw.get("ledger") or {}
    kind, item = claim.get("kind"), claim.get("item")
    name = clean_line(verdict.get("verdict")) or "new"
    key = clean_line(ledger.get("key"), 200) or ":".join(str(x) for x in (kind, item, claim.get("direction")))
    label = clean_line(ledger.get("label"), 80) or label_for(item, kind)
    from_value, to_value = verdict.get("from"), verdict.get("to")
    if to_value is None:
        to_value = claim.get("quantity")
    baseline_fig = ledger.get("baseline") or {}
    from_bound = baseline_fig.get("bound") if baseline_fig.get("quantity") == from_value else None
    to_bound = claim.get("bound") if claim.get("quantity") == to_value else None
    to_high = claim.get("quantity_high") if claim.get("quantity") == to_value else None
    source = source_label(claim.get("source"), article["outlet"])
    stance = clean_line(claim.get("stance")) or "asserted"
    amount = format_amount(claim.get("quantity"), claim.get("bound"), claim.get("quantity_high"), item=item, kind=kind)
    magnitude = ratio_magnitude(from_value, to_value)

    def figure(value: Any, bound: str | None = None, high: Any = None) -> str:
        # Shares read as percentages ("50%"), counts as numbers; no unit noun here.
        if value is None:
            return ""
        return format_amount(value, bound, high, item=item, kind=kind, with_noun=False)

    outlets = [clean_line(x, 80) for x in (ledger.get("also_reported_by") or []) if clean_line(x)]
    # A figure the reader was already told about, repeated by this article: shown after the
    # changes, as a corroboration, never as news.
    corroboration = bool(raw.get("corroboration"))
    return {
        "index": index,
        "key": key,
        "label": label,
        "kind": clean_line(kind),
        "item": clean_line(item),
        "direction": clean_line(claim.get("direction")),
        "verdict": name,
        "verdict_title": "already reported, now corroborated" if corroboration else _VERDICT_TITLES.get(name, name),
        "rank": len(_VERDICT_RANK) + 1 if corroboration else _VERDICT_RANK.get(name, len(_VERDICT_RANK)),
        "corroboration": corroboration,
        "magnitude": magnitude or 0.0,
        "from_text": figure(from_value, from_bound),
        "to_text": figure(to_value, to_bound, to_high),
        "from_short": figure(from_value),
        "to_short": figure(to_value),
        "has_from": from_value is not None,
        "has_to": to_value is not None,
        "ratio": format_ratio(from_value, to_value),
        "amount": amount,
        "has_amount": claim.get("quantity") is not None,
        "stance": stance,
        "hedged": bool(claim.get("hedged")),
        "source": source,
        "as_of": display_date(claim.get("as_of")),
        "since": display_date(claim.get("since")),
        "evidence": clean_line(claim.get("evidence"), 1200),
        "ledger_line": _ledger_line(ledger, item, kind, str(claim.get("as_of") or article.get("published") or "")),
        # Other outlets with the same figure ("also reported by"); this article's own is the news
        # of a corroboration and is named by the template.
        "also_reported_by": [o for o in outlets if o != article["outlet"]],
        "outlets": outlets,
        "corroborations": int(ledger.get("corroborations") or 0),
        "article": article,
    }


def sorted_items(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # Most important first: contradictions, then the biggest updates, then new claims.
    return sorted(items, key=lambda v: (v["rank"], -v["magnitude"], v["index"]))


def headline(view: Mapping[str, Any]) -> str:
    label = view["label"]
    verdict = view["verdict"]
    if verdict == "updates":
        if view["has_to"] and view["has_from"]:
            return f"{label}: {view['to_short']} (baseline {view['from_short']})"
        if view["has_to"]:
            return f"{label}: {view['to_short']} (baseline had no figure)"
        return f"{label}: updated"
    if verdict == "contradicts":
        verb = "denies" if view["stance"] == "denied" else "confirms"
        return f"Contradicts baseline: {view['source']} {verb} {label[:1].lower() + label[1:]}"
    figure = f" {view['to_short']}" if view["has_amount"] and view["to_short"] else ""
    if verdict == "confirms":
        return f"Confirmed: {label}{figure}"
    return f"New: {label}{figure}"


def _item_views(items: Sequence[Mapping[str, Any]], article: dict[str, Any], start: int = 0) -> list[dict[str, Any]]:
    return [_item_view(raw, article, start + i) for i, raw in enumerate(items)]


def _require(payload: Mapping[str, Any], key: str) -> Any:
    value = payload.get(key)
    if value in (None, "", [], {}):
        raise AlertPayloadError(f"alert payload of kind {payload.get('kind')!r} needs {key!r}")
    return value


def _head_view(payload: Mapping[str, Any]) -> dict[str, Any] | None:
    head = payload.get("head")
    if not head:
        return None
    return {"position": clean_line(head.get("position")), "hash": clean_line(head.get("hash"), 128)}


_DEFAULT_HINT = "You get this because your address is listed in [alerts] to in config.toml."


def _base_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    alert_id = payload.get("alert_id")
    if not alert_id:
        raise AlertPayloadError("alert payload needs 'alert_id'")
    kind = payload.get("kind")
    if kind not in ALERT_KINDS:
        raise AlertPayloadError(f"unknown alert kind {kind!r}; expected one of {', '.join(ALERT_KINDS)}")
    return {
        "kind": kind,
        "alert_id": clean_line(alert_id, 200),
        "head": _head_view(payload),
        "settings_hint": clean_line(payload.get("settings_hint"), 400) or _DEFAULT_HINT,
    }


def _group_digest(entries: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], int, int]:
    groups: dict[str, dict[str, Any]] = {}
    count = 0
    for entry in entries:
        article = _article_view(entry.get("article"))
        for view in _item_views(entry.get("items") or [], article, count):
            count += 1
            group = groups.setdefault(view["key"], {"key": view["key"], "label": view["label"], "changes": []})
            group["changes"].append(view)
            # The ledger moves forward with each article; the last one seen is current.
            if view["ledger_line"]:
                group["ledger_line"] = view["ledger_line"]
                group["also_reported_by"] = view["outlets"]
                group["corroborations"] = view["corroborations"]
    result = []
    for group in groups.values():
        group["changes"] = sorted_items(group["changes"])
        group.setdefault("ledger_line", "")
        group.setdefault("also_reported_by", [])
        group.setdefault("corroborations", 0)
        result.append(group)
    result.sort(key=lambda g: (g["changes"][0]["rank"], -g["changes"][0]["magnitude"], g["changes"][0]["index"]))
    return result, count, len(entries)


def build_view(payload: Mapping[str, Any]) -> dict[str, Any]:
    view = _base_view(payload)
    kind = view["kind"]
    if kind == "article":
        article = _article_view(_require(payload, "article"))
        items = sorted_items(_item_views(_require(payload, "items"), article))
        view.update(
            article=article,
            items=items,
            keys=unique(i["key"] for i in items),
            change_count=sum(1 for i in items if not i["corroboration"]),
        )
    elif kind == "digest":
        groups, changes, articles = _group_digest(_require(payload, "entries"))
        if not changes:
            raise AlertPayloadError("digest payload has no items in any entry")
        period = payload.get("period") or {}
        view.update(
            groups=groups,
            change_count=changes,
            article_count=articles,
            period_start=display_date(period.get("start")),
            period_end=display_date(period.get("end")),
            keys=[g["key"] for g in groups],
        )
    elif kind in ("feed_health", "first_poll_summary"):
        feed = _require(payload, "feed")
        view["feed"] = {
            "id": clean_line(feed.get("id"), 120) or "unknown-feed",
            "url": clean_line(feed.get("url"), 2000),
            "title": clean_line(feed.get("title"), 200),
        }
        if kind == "feed_health":
            view["health"] = _health_view(_require(payload, "health"))
        else:
            view["summary"] = _summary_view(_require(payload, "summary"))
    elif kind == "channel_gone":
        channel = _require(payload, "channel")
        view["gone"] = {
            "target": clean_line(channel.get("target"), 300) or "a channel",
            "last_error": clean_line(channel.get("last_error"), 300),
        }
    else:
        test = payload.get("test") or {}
        view["channel"] = clean_line(test.get("channel"), 300)
    return view


def _health_view(health: Mapping[str, Any]) -> dict[str, Any]:
    status = clean_line(health.get("status"))
    if status not in ("failing", "silent", "recovered"):
        raise AlertPayloadError(f"feed health status must be failing, silent or recovered, not {status!r}")
    days = health.get("silent_days")
    return {
        "status": status,
        "failures": int(health.get("consecutive_failures") or 0),
        "last_error": clean_line(health.get("last_error"), 500),
        "first_failure": display_date(health.get("first_failure")),
        "last_success": display_date(health.get("last_success")),
        "silent_days": format_number(round(days, 1)) if isinstance(days, (int, float)) else "",
        "last_new_item": display_date(health.get("last_new_item")),
        "next_attempt": display_date(health.get("next_attempt")),
        "gone": bool(health.get("gone")),
    }


def _summary_view(summary: Mapping[str, Any]) -> dict[str, Any]:
    listed = []
    articles = summary.get("articles") or []
    for raw in articles[:_LISTED_ARTICLES]:
        art = _article_view(raw)
        art["relevant"] = bool(raw.get("relevant"))
        art["claims"] = int(raw.get("claims") or 0)
        listed.append(art)
    moves = []
    for move in summary.get("ledger") or []:
        kind, item = move.get("kind"), move.get("item")
        before, after = move.get("before") or {}, move.get("after") or {}
        moves.append(
            {
                "label": clean_line(move.get("label"), 80) or label_for(item, kind),
                "before": _figure_text(before, item, kind, False) if before else "",
                "after": _figure_text(after, item, kind, True),
                "source": source_label(after.get("source"), after.get("outlet")) if after.get("source") else "",
                "date": display_date(after.get("date")),
            }
        )
    return {
        "entries": int(summary.get("entries") or 0),
        "relevant": int(summary.get("relevant") or 0),
        "claims": int(summary.get("claims") or 0),
        "articles": listed,
        "unlisted": max(len(articles) - _LISTED_ARTICLES, 0),
        "moves": moves,
    }


def unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
