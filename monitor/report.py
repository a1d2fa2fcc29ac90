"""`monitor report`: one self-contained HTML page built from the projections.

The page shows a timeline chart per ledger key that has figures (matplotlib rendered to
inline SVG), the claim ledger, the most recent relevant articles with their verdicts and
the health of every feed. It references nothing outside itself: no CDN, no web fonts, no
scripts, so it opens offline and can be mailed or archived as one file.

Reading (:func:`collect`) is separate from drawing (:func:`chart_svg`) and from the page
(:func:`render_page`), so each can be tested and timed on its own.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from monitor.alerts.formatting import (
    display_date,
    format_amount,
    format_number,
    label_for,
    safe_url,
    source_label,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

#: Caps that keep the page small and fast however big the log grows; the page says when
#: a cap was reached.
MAX_CHARTS = 24
MAX_MARKERS_PER_CHART = 400
MAX_ARTICLES = 200
MAX_CLAIMS_PER_ARTICLE = 8

#: Above this ratio between the largest and smallest figure, a linear axis squashes the
#: small ones into the baseline, so the chart switches to a log scale.
LOG_SCALE_RATIO = 50.0

BOUND_MARKERS = {"at_least": "^", "about": "o", "at_most": "v", "exact": "D", "range": "_", None: "D"}
BOUND_LABELS = {
    "at_least": "at least (▲)",
    "about": "about (●)",
    "at_most": "at most (▼)",
    "exact": "exact (◆)",
    "range": "range (vertical bar)",
}

# Colour-blind-safe (Okabe–Ito) first, then muted extras; the last is for "other sources".
SOURCE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#3B3B98")
OTHER_COLOUR = "#9A9A9A"

_RC: dict[str, Any] = {
    # DejaVu Sans ships with matplotlib, so the layout is measured with a font that exists.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9.5,
    "axes.titlesize": 11,
    "axes.labelsize": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#666666",
    "axes.grid": True,
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.7,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    # Text stays text: smaller files, selectable labels, the browser's own font.
    "svg.fonttype": "none",
    # Outlet names and titles come from feeds: "$" in them is a dollar sign, never TeX.
    "text.parse_math": False,
}


# -- reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One claimed figure, as one marker."""

    day: date
    quantity: float
    quantity_high: float | None
    bound: str | None
    source: str
    outlet: str
    verdict: str | None


@dataclass
class Series:
    """Everything one chart needs about one ledger key."""

    key: str
    kind: str
    item: str
    direction: str | None
    points: list[Point]
    total: int  # observations with a figure, before the cap
    baseline_quantity: float | None = None
    baseline_bound: str | None = None
    baseline_source: str | None = None

    @property
    def title(self) -> str:
        arrow = f" ({self.direction.replace('->', ' → ')})" if self.direction else ""
        return f"{label_for(self.item, self.kind)}{arrow}"

    @property
    def element_id(self) -> str:
        return "chart-" + re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-")


@dataclass
class ReportData:
    generated_at: datetime
    db_name: str
    head_position: int
    head_hash: str
    counts: dict[str, int]
    series: list[Series]
    charted_keys_total: int
    ledger: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    feeds: list[dict[str, Any]]
    alert_counts: dict[str, int]
    baseline_label: str | None
    configured_feeds: int | None = None
    limits: dict[str, int] = field(default_factory=dict)
    #: What a read-only open could not show (tables behind the log), said on the page too.
    notes: tuple[str, ...] = ()


def _day(value: Any) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _rows(db: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _series(db: Any) -> tuple[list[Series], int]:
    keys = _rows(
        db,
        """
        SELECT ledger_key, kind, item, direction, COUNT(*) AS n, MAX(date) AS latest
        FROM claim_observations
        WHERE quantity IS NOT NULL AND COALESCE(stance, 'asserted') = 'asserted'
        GROUP BY ledger_key ORDER BY n DESC, latest DESC, ledger_key""",
    )
    baselines = {
        r["ledger_key"]: r
        for r in _rows(
            db,
            "SELECT ledger_key, baseline_quantity, baseline_bound, baseline_source FROM claims "
            "WHERE baseline_quantity IS NOT NULL",
        )
    }
    result = []
    for key_row in keys[:MAX_CHARTS]:
        key = key_row["ledger_key"]
        rows = db.execute(
            "SELECT date, quantity, quantity_high, bound, source, outlet, verdict FROM claim_observations "
            "WHERE ledger_key = ? AND quantity IS NOT NULL AND COALESCE(stance, 'asserted') = 'asserted' "
            "ORDER BY date DESC, position DESC LIMIT ?",
            [key, MAX_MARKERS_PER_CHART],
        ).fetchall()
        points = []
        for day_text, quantity, high, bound, source, outlet, verdict in rows:
            day = _day(day_text)
            if day is None or quantity is None or not math.isfinite(quantity):
                continue
            points.append(
                Point(
                    day,
                    float(quantity),
                    float(high) if high is not None else None,
                    bound,
                    source_label(source, outlet),
                    outlet or "",
                    verdict,
                )
            )
        if not points:
            continue
        base = baselines.get(key, {})
        result.append(
            Series(
                key=key,
                kind=key_row["kind"] or "",
                item=key_row["item"] or "",
                direction=key_row["direction"],
                points=points,
                total=key_row["n"],
                baseline_quantity=base.get("baseline_quantity"),
                baseline_bound=base.get("baseline_bound"),
                baseline_source=base.get("baseline_source"),
            )
        )
    return result, len(keys)


def _figure_text(quantity: Any, bound: Any, high: Any, item: str, kind: str) -> str:
    if quantity is None:
        return ""
    return format_amount(quantity, bound, high, item=item, kind=kind, with_noun=False)


def _ledger(db: Any) -> list[dict[str, Any]]:
    from monitor.projections.claims import figure_outlet_sql

    rows = _rows(
        db,
        f"""
        SELECT c.*, a.link AS newest_link, a.title AS newest_title, {figure_outlet_sql("c")} AS newest_outlet
        FROM claims c LEFT JOIN articles a ON a.article_id = c.newest_article_id
        ORDER BY (c.newest_date IS NULL), c.newest_date DESC, c.kind, c.item""",
    )
    ledger = []
    for r in rows:
        kind, item = r["kind"] or "", r["item"] or ""
        newest = _figure_text(r["newest_quantity"], r["newest_bound"], r["newest_quantity_high"], item, kind)
        # Alerts word a denial with a verb ("denies"); a table row needs it said in the label,
        # or "Munitions" the shipment and "Munitions" the denial look like one line twice.
        label = label_for(item, kind) + (" (denied)" if kind == "denial" else "")
        ledger.append(
            {
                "label": label,
                "kind": kind.replace("_", " "),
                "direction": (r["direction"] or "").replace("->", " → "),
                "newest": newest or ("reported" if r["newest_date"] else ""),
                "previous": _figure_text(r["previous_quantity"], r["previous_bound"], None, item, kind)
                or ("reported" if r["previous_date"] else ""),
                "baseline": _figure_text(r["baseline_quantity"], r["baseline_bound"], None, item, kind)
                or ("reported" if r["baseline_date"] else ""),
                "ratio": _ratio(r["newest_quantity"], r["baseline_quantity"]),
                "source": source_label(r["newest_source"], r["newest_outlet"]) if r["newest_date"] else "",
                "date": display_date(r["newest_date"]),
                "previous_date": display_date(r["previous_date"]),
                "baseline_source": r["baseline_source"] or "",
                "link": safe_url(r["newest_link"]),
                "link_title": r["newest_title"] or "",
                "corroborations": r["corroborations"] or 0,
                "observations": r["observations"] or 0,
                "baseline_only": r["newest_date"] is None,
            }
        )
    return ledger


def _ratio(newest: Any, baseline: Any) -> str:
    if not newest or not baseline or baseline <= 0 or newest == baseline:
        return ""
    ratio = newest / baseline
    return f"×{ratio:.1f}" if ratio < 10 else f"×{ratio:,.0f}"


VERDICTS = ("updates", "new", "contradicts", "confirms")


def _articles(db: Any) -> list[dict[str, Any]]:
    rows = _rows(
        db,
        """
        SELECT article_id, feed_id, title, link, published, first_seen_at, claims, confirms, updates, new,
               contradicts, score
        FROM articles WHERE relevant = 1
        ORDER BY COALESCE(published, first_seen_at) DESC, article_id LIMIT ?""",
        [MAX_ARTICLES],
    )
    if not rows:
        return []
    by_article: dict[str, list[dict[str, Any]]] = {}
    ids = [r["article_id"] for r in rows]
    # One query per chunk of ids (SQLite caps bound parameters), not one per article.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for claim in _rows(
            db,
            f"""
                SELECT article_id, kind, item, direction, quantity, bound, quantity_high, source, outlet,
                       verdict, verdict_from, verdict_to, stance
                FROM claim_observations WHERE article_id IN ({",".join("?" * len(chunk))})
                ORDER BY article_id, position, claim_id""",
            chunk,
        ):
            by_article.setdefault(claim["article_id"], []).append(claim)
    result = []
    for r in rows:
        claims = []
        for c in by_article.get(r["article_id"], [])[:MAX_CLAIMS_PER_ARTICLE]:
            kind, item = c["kind"] or "", c["item"] or ""
            figure = _figure_text(c["quantity"], c["bound"], c["quantity_high"], item, kind)
            change = ""
            if c["verdict"] == "updates" and c["verdict_from"] is not None and c["verdict_to"] is not None:
                change = f"{format_number(c['verdict_from'])} → {format_number(c['verdict_to'])}"
            claims.append(
                {
                    "verdict": c["verdict"] or "pending",
                    "label": label_for(item, kind),
                    "figure": figure,
                    "change": change,
                    "denied": c["stance"] == "denied",
                    "source": source_label(c["source"], c["outlet"]),
                }
            )
        extra = max(len(by_article.get(r["article_id"], [])) - MAX_CLAIMS_PER_ARTICLE, 0)
        # The outlet the feed is configured with (each claim carries it), as the ledger and alerts
        # name it; the feed id only when no claim recorded one.
        outlet = next((c["outlet"] for c in by_article.get(r["article_id"], []) if c["outlet"]), "")
        result.append(
            {
                "title": r["title"] or "(untitled)",
                "link": safe_url(r["link"]),
                "feed_id": r["feed_id"] or "",
                "outlet": outlet or r["feed_id"] or "",
                "published": display_date(r["published"] or r["first_seen_at"]),
                "counts": {v: r[v] or 0 for v in VERDICTS},
                "claims": claims,
                "more_claims": extra,
            }
        )
    return result


def _feeds(db: Any, configured: Iterable[Any] | None) -> list[dict[str, Any]]:
    rows = {r["feed_id"]: r for r in _rows(db, "SELECT * FROM feed_health")}
    result = []
    configured_ids = []
    disabled_in_config = set()
    for feed in configured or ():
        configured_ids.append(feed.id)
        if not feed.enabled:
            disabled_in_config.add(feed.id)
        if feed.id not in rows:
            rows[feed.id] = {"feed_id": feed.id, "url": feed.url, "status": "never polled"}
    for feed_id in sorted(rows):
        r = rows[feed_id]
        status = r.get("status") or "new"
        if status == "failing" and r.get("outage"):
            status = "failing (network outage)"
        if feed_id in disabled_in_config and status != "disabled":
            # The log still says how its last poll went; the config says it is not polled any more.
            status = "disabled in config"
        result.append(
            {
                "feed_id": feed_id,
                "url": r.get("url") or "",
                "status": status,
                "status_class": "ok"
                if status == "ok"
                else ("bad" if status.startswith(("failing", "disabled")) else "idle"),
                "last_poll": display_date(r.get("last_poll_at")),
                "last_success": display_date(r.get("last_success_at")),
                "http": r.get("last_http_status") or "",
                "failures": r.get("failures_in_row") or 0,
                "error": " ".join(filter(None, [r.get("last_error_kind"), r.get("last_error")]))[:200],
                "next_poll": display_date(r.get("next_poll_at")),
                "articles": r.get("articles_total") or 0,
                "days_since_new": (
                    f"{r['days_since_new']:.1f}" if isinstance(r.get("days_since_new"), (int, float)) else ""
                ),
                "in_config": feed_id in configured_ids if configured is not None else True,
            }
        )
    return result


def collect(app: Any, now: datetime | None = None) -> ReportData:
    """Read everything the page shows, in one consistent read of the projections."""
    store = app.store
    config = getattr(app, "config", None)
    with store.reading() as db:
        conn = db.conn
        counts = dict(
            zip(
                ("articles", "relevant"),
                conn.execute("SELECT COUNT(*), COALESCE(SUM(relevant = 1), 0) FROM articles").fetchone(),
            )
        )
        counts["observations"] = conn.execute("SELECT COUNT(*) FROM claim_observations").fetchone()[0]
        counts["ledger_keys"] = conn.execute("SELECT COUNT(*) FROM claims WHERE newest_date IS NOT NULL").fetchone()[0]
        counts["feeds"] = conn.execute("SELECT COUNT(*) FROM feeds").fetchone()[0]
        series, charted_total = _series(conn)
        ledger = _ledger(conn)
        articles = _articles(conn)
        feeds = _feeds(conn, config.feeds if config is not None else None)
        alert_counts = dict(conn.execute("SELECT status, COUNT(*) FROM alerts GROUP BY status").fetchall())
        label_row = conn.execute("SELECT label, set_at FROM baselines WHERE in_force = 1").fetchone()
        head_position, head_hash = store.head()
    return ReportData(
        generated_at=(now or datetime.now(UTC)).astimezone(UTC),
        db_name=Path(getattr(app, "db_path", None) or store.path).name,
        head_position=head_position,
        head_hash=head_hash,
        counts=counts,
        series=series,
        charted_keys_total=charted_total,
        ledger=ledger,
        articles=articles,
        feeds=feeds,
        alert_counts=alert_counts,
        baseline_label=label_row[0] if label_row else None,
        configured_feeds=len(config.feeds) if config is not None else None,
        notes=tuple(getattr(app, "notes", ())),
        limits={"charts": MAX_CHARTS, "markers": MAX_MARKERS_PER_CHART, "articles": MAX_ARTICLES},
    )


# -- drawing ------------------------------------------------------------------------


def source_colours(series: Iterable[Series]) -> dict[str, str]:
    """One colour per source for the whole page, so a source looks the same in every chart.

    The most frequent sources get the distinct colours; the rest share grey.
    """
    counts: Counter[str] = Counter()
    for s in series:
        counts.update(p.source for p in s.points)
    ranked = [source for source, _ in counts.most_common()]
    return {source: SOURCE_COLOURS[i] for i, source in enumerate(ranked[: len(SOURCE_COLOURS)])}


def marker_group_id(source: str, bound: str | None) -> str:
    """The SVG id of one source's markers for one bound, before the chart's prefix."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-") or "unknown"
    return f"markers-{slug}-{(bound or 'exact').replace('_', '-')}"


def use_log_scale(values: Iterable[float]) -> bool:
    positive = [v for v in values if v > 0]
    return len(positive) > 1 and max(positive) / min(positive) >= LOG_SCALE_RATIO


def _tick_formatter(series: Series):
    """Axis labels in the words the tables use: "2 million", "50%" for a share of supply."""

    def label(value: float, _position: Any = None) -> str:
        rounded = int(round(value)) if abs(value) >= 1000 or float(value).is_integer() else round(value, 2)
        return format_amount(rounded, None, item=series.item, kind=series.kind, with_noun=False)

    return label


def _shown_as_percent(series: Series) -> bool:
    # Shares are stored as fractions and worded as percentages; formatting decides which items.
    return format_amount(0.5, None, item=series.item, kind=series.kind, with_noun=False).endswith("%")


def counts_whole_things(series: Series) -> bool:
    """Troops, shells, missiles: figures that are whole numbers get whole-number ticks."""
    whole = all(
        float(p.quantity).is_integer() and (p.quantity_high is None or float(p.quantity_high).is_integer())
        for p in series.points
    )
    return whole and not _shown_as_percent(series)


def chart_svg(series: Series, index: int = 0, palette: dict[str, str] | None = None) -> str:
    """One ledger key's timeline as an inline ``<svg>`` element (no XML prolog)."""
    from matplotlib import dates as mdates
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

    with rc_context(_RC | {"svg.hashsalt": series.key}):  # type: ignore[arg-type]  # the stubs want literal keys
        fig = Figure(figsize=(9.0, 4.0), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        palette = palette if palette is not None else source_colours([series])
        colours = {p.source: palette.get(p.source, OTHER_COLOUR) for p in series.points}
        # One marker group per source and bound, each with an SVG id naming both
        # (markers-<source>-<bound>), so the page can be checked and styled per source.
        groups: dict[tuple[str, str], list[Point]] = {}
        for p in series.points:
            bound = p.bound if p.bound in BOUND_MARKERS and p.bound is not None else "exact"
            groups.setdefault((p.source, bound), []).append(p)
        all_values: list[float] = []
        used_ids: set[str] = set()
        for (source, bound), pts in groups.items():
            colour = colours[source]
            group_id = marker_group_id(source, bound)
            if group_id in used_ids:  # two sources that differ only in punctuation or case
                group_id = f"{group_id}-{len(used_ids)}"
            used_ids.add(group_id)
            xs = [mdates.date2num(p.day) for p in pts]
            ys = [p.quantity for p in pts]
            all_values.extend(ys)
            if bound == "range":
                highs = [p.quantity_high if p.quantity_high is not None else p.quantity for p in pts]
                all_values.extend(highs)
                ax.vlines(xs, ys, highs, colors=colour, linewidth=2.2, alpha=0.85, zorder=3, gid=group_id)
                ax.scatter(
                    xs + xs, ys + highs, marker="_", s=70, color=colour, linewidths=2, zorder=3, gid=f"{group_id}-ends"
                )
            else:
                filled = bound != "about"
                ax.scatter(
                    xs,
                    ys,
                    marker=BOUND_MARKERS[bound],
                    s=46,
                    zorder=3,
                    linewidths=1.3,
                    facecolors=colour if filled else "white",
                    edgecolors=colour,
                    alpha=0.9,
                    gid=group_id,
                )
        if series.baseline_quantity is not None and series.baseline_quantity > 0:
            all_values.append(series.baseline_quantity)
            ax.axhline(
                series.baseline_quantity,
                color="#333333",
                linestyle=(0, (5, 4)),
                linewidth=1.1,
                zorder=2,
                gid="baseline",
            )
        if use_log_scale(all_values) and min(all_values) > 0:
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(base=10))
            ax.yaxis.set_minor_formatter(NullFormatter())
        else:
            top = max(all_values) if all_values else 1
            ax.set_ylim(0, top * 1.15 if top > 0 else 1)
            if counts_whole_things(series):
                ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_formatter(series)))
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        days = [p.day for p in series.points]
        if min(days) == max(days):  # one day: give the axis some width
            centre = mdates.date2num(days[0])
            ax.set_xlim(centre - 30, centre + 30)
        ax.set_title(series.title, loc="left", fontweight="bold")
        ax.set_ylabel("claimed figure" + (" (log scale)" if ax.get_yscale() == "log" else ""))

        ranked = [s for s, _ in Counter(p.source for p in series.points).most_common()]
        handles = [
            Line2D([], [], linestyle="none", marker="s", markersize=8, color=colours[s], label=_legend_text(s))
            for s in ranked
            if colours[s] != OTHER_COLOUR
        ]
        if any(c == OTHER_COLOUR for c in colours.values()):
            handles.append(
                Line2D([], [], linestyle="none", marker="s", markersize=8, color=OTHER_COLOUR, label="other sources")
            )
        used_bounds = {b for (_, b) in groups}
        for bound in ("at_least", "about", "exact", "at_most", "range"):
            if bound in used_bounds:
                handles.append(
                    Line2D(
                        [],
                        [],
                        linestyle="none",
                        marker=BOUND_MARKERS[bound] if bound != "range" else "|",
                        markersize=7,
                        markerfacecolor="white" if bound == "about" else "#555555",
                        color="#555555",
                        label=BOUND_LABELS[bound],
                    )
                )
        if series.baseline_quantity is not None and series.baseline_quantity > 0:
            baseline_text = format_amount(
                series.baseline_quantity, series.baseline_bound, item=series.item, kind=series.kind, with_noun=False
            )
            handles.append(Line2D([], [], color="#333333", linestyle=(0, (5, 4)), label=f"baseline: {baseline_text}"))
        # Below the plot, so every chart's plotting area has the same width on the page.
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4))

        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _inline_svg(buffer.getvalue(), series, index)


def _legend_text(label: str) -> str:
    # matplotlib leaves labels starting with "_" out of the legend; a source may be named so.
    return "\u200b" + label if label.startswith("_") else label


_ID_REF = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


def _inline_svg(svg: str, series: Series, index: int) -> str:
    """Make matplotlib's file fit inside an HTML page next to other charts."""
    svg = svg[svg.index("<svg") :]
    prefix = f"c{index}-"
    # Every chart uses the same ids (figure_1, axes_1, ...): prefix them so the page's ids
    # stay unique and each chart's <use> references resolve to its own definitions.
    svg = _ID_REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    title_id = f"{series.element_id}-title"
    caption = _chart_caption(series)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end]
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening, count=2)
    opening = opening.replace(
        "<svg",
        f'<svg id="{series.element_id}" class="chart" role="img" aria-labelledby="{title_id}" '
        f'data-ledger-key="{_attr(series.key)}" data-markers="{len(series.points)}"',
        1,
    )
    return f'{opening}<title id="{title_id}">{_text(caption)}</title>{svg[opening_end:]}'


def _chart_caption(series: Series) -> str:
    shown = len(series.points)
    more = f" (the {shown} most recent of {series.total})" if series.total > shown else ""
    return f"{series.title}: {shown} claimed figure{'' if shown == 1 else 's'} over time{more}"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


# -- the page -----------------------------------------------------------------------

_env = None


def _environment():
    global _env
    if _env is None:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

        _env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=select_autoescape(["html", "j2"], default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _env.filters["thousands"] = lambda v: f"{int(v or 0):,}"
    return _env


def render_page(data: ReportData, charts: Sequence[tuple[Series, str]]) -> str:
    from markupsafe import Markup

    template = _environment().get_template("report.html.j2")
    return template.render(
        data=data,
        charts=[{"series": s, "svg": Markup(svg), "caption": _chart_caption(s)} for s, svg in charts],
        generated=data.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        empty=data.counts.get("articles", 0) == 0,
    )


def build_report(source: Any, now: datetime | None = None) -> str:
    """The whole page as a string. ``source`` is an open App, or a database path."""
    if isinstance(source, (str, Path)):
        return _with_database(Path(source), lambda app: build_report(app, now))
    data = collect(source, now)
    palette = source_colours(data.series)
    charts = [(s, chart_svg(s, i, palette)) for i, s in enumerate(data.series)]
    return render_page(data, charts)


def _with_database(path: Path, action):
    """``action`` on the database at ``path``, opened read-only as `monitor report` opens it."""
    from monitor.app import open_app
    from monitor.config import Config

    with open_app(Config(), str(path), read_only=True) as app:

        class _Source:  # what collect() reads, without a config: no feeds are "configured"
            store, db_path, notes = app.store, app.db_path, app.notes

        return action(_Source())


def write_report(app: Any, out_path: str | Path, now: datetime | None = None) -> Path:
    """Build the page and write it atomically (a reader never sees half a file).

    The page goes to a temporary file in the target's folder, then is renamed over the
    target, so only a regular file is ever replaced: a symbolic link, a FIFO, a device
    or anything else already at the target is refused, as are folders that cannot be
    written. Every refusal is a :class:`MonitorError` naming the target.
    """
    from monitor.errors import MonitorError

    target = Path(out_path)
    if target.is_dir() and not target.is_symlink():
        target = target / "report.html"
    refusal = _unusable_target(target)
    if refusal:
        raise MonitorError(f"{target}: {refusal}; nothing was written. Choose another --out path")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise MonitorError(f"{target}: cannot write the report, folder {folder} does not exist")
    html = build_report(app, now)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MonitorError(
            f"{target}: cannot write the report in {folder} ({exc.strerror}); choose a writable folder with --out"
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise MonitorError(f"{target}: cannot write the report ({exc.strerror}); nothing was replaced") from None
        raise
    return target


def _unusable_target(target: Path) -> str | None:
    """Why ``target`` must not be replaced by the page, or None when it is absent or a regular file."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    kinds = {
        stat.S_ISLNK: "a symbolic link",
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
        stat.S_ISDIR: "a directory",
    }
    kind = next((name for test, name in kinds.items() if test(mode)), "not a regular file")
    return f"exists and is {kind}, not a regular file"
