"""Library functions behind the read-side commands (articles, claims, baseline, alerts, diff).

They return plain data (what `--json` prints); the CLI only renders it. The claims engine and
the alert formatting are imported inside the functions that need them: they cost most of a
second at start-up, which the quick commands should not pay.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from monitor import events as ev
from monitor.app import App, baseline_event, open_app, resolve_db_path
from monitor.app import baseline_in_force as app_baseline_in_force
from monitor.config import Config
from monitor.errors import MonitorError
from monitor.projections.claims import figure_outlet_sql
from monitor.projections.deliveries import deliveries_of
from monitor.store import NoEventLog


class InputError(MonitorError):
    """An input file cannot be read."""


def read_input(file: str, max_bytes: int) -> str:
    """Read an article file (or stdin for '-') as text, tolerating odd encodings.

    Only a regular file is read (a FIFO, a device such as /dev/zero or a socket is
    refused before a byte is read), and at most ``max_bytes`` of it: the fetch's limit
    ([fetch] max_bytes), so `monitor diff` takes no more than a poll would.
    """
    try:
        raw = sys.stdin.buffer.read(max_bytes + 1) if file == "-" else _read_regular_file(file, max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from None
    if len(raw) > max_bytes:
        raise InputError(f"{file}: larger than {max_bytes:,} bytes ([fetch] max_bytes); nothing was analysed")
    text = decode_article(raw)
    binary_at = first_binary_char(text)
    if binary_at is not None:
        raise InputError(
            f"{file}: not text (a control character at character {binary_at:,}); "
            "give a text or HTML article, saved as UTF-8, UTF-16 with its byte-order mark, or Windows-1252"
        )
    if not text.strip():  # scored, it would read as a verdict: "not relevant"
        raise InputError(f"{file}: empty, nothing to analyse")
    return text


#: Byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


#: A page's own word on its charset, in its first 2 KB: ``<meta charset>``, the http-equiv
#: Content-Type, or an XML declaration.
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_ASCII_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def declared_charset(raw: bytes) -> str | None:
    """The codec an HTML or XML file declares, if Python knows it and its ASCII bytes mean
    ASCII (the declaration itself was read as ASCII; a UTF-7 or UTF-16 one cannot be right)."""
    found = DECLARED_CHARSET.search(raw[:2048])
    if found is None:
        return None
    try:
        codec = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
        return codec if _ASCII_BYTES.decode(codec) == _ASCII_BYTES.decode("ascii") else None
    except (LookupError, ValueError):
        return None


def decode_article(raw: bytes) -> str:
    """The article's text: by its byte-order mark, else UTF-8, else the charset the page
    declares (a Russian, Korean or Japanese page saved from its site), else Windows-1252 (what
    old Western pages saved from a browser are), else UTF-8 with the undecodable bytes replaced."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                break
    for candidate in ("utf-8-sig", declared_charset(raw), "cp1252"):
        if candidate is None:
            continue
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


#: C0 control characters and DEL, except those text files hold (tab, line feed, vertical tab,
#: form feed, carriage return).
BINARY_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def first_binary_char(text: str) -> int | None:
    """Where a file stops looking like text: a NUL or another control character (an image, an
    archive, a UTF-16 file without its mark), or mostly replacement characters. ``None`` for text."""
    found = BINARY_CHAR.search(text)
    if found:
        return found.start()
    if text.count("\ufffd") > len(text) // 20:
        return text.index("\ufffd")
    return None


def _read_regular_file(file: str, limit: int) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(file)
        if not stat.S_ISREG(mode):
            raise InputError(f"{file}: not a regular file (a device, FIFO or socket); give an article file")
        return handle.read(limit)


# -- diff -------------------------------------------------------------------------


def baseline_in_force(config: Config, db_override: str | None):
    """The baseline of the configured log if there is one; otherwise the shipped one.

    Read-only: `monitor diff` never creates a database, and only the log is read (the
    baseline is a stream), so the projections are not caught up for it.
    """
    path = resolve_db_path(config, db_override)
    if config.store.url or (path != ":memory:" and Path(path).exists()):
        try:
            with open_app(config, db_override, read_only=True, catch_up=False) as app:
                return app_baseline_in_force(app.store)
        except NoEventLog:  # a PostgreSQL database nobody has polled into yet: as a missing file
            pass
    # Imported here: the claims engine costs start-up time, and a database answers without it.
    from monitor.claims.baseline import load_default_baseline

    return load_default_baseline()


def find_article_id(app: App, ref: str) -> str | None:
    """The article whose id, link or canonical link is ``ref`` (the first seen, when a link
    was seen as several articles), else None."""
    ref = ref.strip()
    with app.store.reading() as db:
        row = db.execute(
            "SELECT article_id FROM articles WHERE article_id = ? OR link = ? OR canonical_link = ? "
            "ORDER BY article_id = ? DESC, first_seen_at, article_id LIMIT 1",
            [ref, ref, ref, ref],
        ).fetchone()
    return row[0] if row else None


EVIDENCE_CHARS = 160  # of a quoted sentence on one line of `monitor diff`; longer ones end in "…"


def _quoted(sentence: Any) -> str:
    from monitor.alerts.formatting import clean_line

    return f"“{clean_line(sentence, EVIDENCE_CHARS)}”"


def _source(claim: dict[str, Any]) -> str:
    """The claim's source as the ledger names it: a file has no outlet, so the contract's
    placeholder ``outlet`` becomes "the outlet's own reporting", never the bare word."""
    from monitor.alerts.formatting import source_label

    return source_label(claim.get("source"))


def render_explain(result: dict[str, Any]) -> list[str]:
    """``monitor diff --explain`` as text lines (``result`` is :func:`monitor.claims.analysis.explain`'s);
    figures read as elsewhere in the CLI ("more than 1 million"), and a date the text does not give is left out."""
    from monitor.alerts.formatting import format_quantity
    from monitor.claims.explain import CHANGE_WORDS

    lines = [
        f"{result['article'].get('title') or '(untitled)'} — {result['article'].get('published')}",
        f"relevant: {result['relevant']} (score {result['relevance']['score']:.2f})",
    ]
    for sentence in result["relevance"]["evidence"][:3]:
        lines.append(f"  because: {_quoted(sentence)}")
    verdicts = {v["claim"]: v for v in result["explain"]["verdicts"]}
    for claim, why in zip(result["claims"], result["explain"]["claims"]):
        figure = (
            ""
            if claim["quantity"] is None
            else " " + format_quantity(claim["quantity"], claim["bound"], claim.get("quantity_high"))
        )
        lines.append(f"{claim['id']} {claim['kind']}/{claim['item']} {claim['direction'] or ''}{figure}")
        lines.append(f"    evidence: {_quoted(claim['evidence'])}")
        if why.get("rule"):
            lines.append(f"    rule:     {why['rule']}")
        cue = why["cue"]
        lines.append(f"    cue:      {cue.get('text', '-')!r}" + (f" ({cue['note']})" if cue.get("note") else ""))
        if why.get("item_word"):
            word = why["item_word"]
            lines.append(f"    item:     {word['text']!r}" + (f" ({word['note']})" if word.get("note") else ""))
        if why["quantity"]:
            q = why["quantity"]
            read = format_quantity(q["value"], q["bound"], claim.get("quantity_high"))
            lines.append("    amount:   " + (f"{q['text']!r} -> " if q.get("text") else "") + f"{read}, {q['link']}")
        lines.append(f"    source:   {_source(claim)} ({why['source']['step']})")
        dates = [
            f"{label} {claim[name]}" for label, name in (("since", "since"), ("as of", "as_of")) if claim.get(name)
        ]
        lines.append(f"    dates:    {', '.join(dates) or 'none given'} ({why['dates']['step']})")
        v = verdicts.get(claim["id"])
        if v is not None:
            rule = v["rule"]
            if CHANGE_WORDS in rule:  # the raw figures of an update, in words
                change: dict[str, Any] = next((x for x in result["verdicts"] if x["claim"] == claim["id"]), {})
                rule = (
                    f"{rule.split(CHANGE_WORDS)[0]}{CHANGE_WORDS} "
                    f"{format_quantity(change.get('from'))} to {format_quantity(change.get('to'))}"
                )
            lines.append(f"    verdict:  {v['verdict']}: {rule}")
            for b in v["compared"]:
                said = format_quantity(b["quantity"], b["bound"])
                lines.append(f"              baseline {b['id']}: {said} ({_source(b)})")
    return lines


def render_diff(result: dict[str, Any]) -> None:
    from monitor.alerts.formatting import format_quantity

    article = result["article"]
    click.echo(f"{article.get('title') or '(untitled)'} — {article.get('published')}")
    relevance = result["relevance"]
    if not result["relevant"]:
        click.echo(f"not relevant (score {relevance['score']:.2f}): no claims extracted")
        return
    click.echo(f"relevant (score {relevance['score']:.2f})")
    verdicts = {v["claim"]: v for v in result["verdicts"]}
    for claim in result["claims"]:
        verdict = verdicts.get(claim["id"], {})
        figure = format_quantity(claim.get("quantity"), claim.get("bound"), claim.get("quantity_high"))
        change = ""
        if verdict.get("verdict") == "updates":
            change = f" ({format_quantity(verdict.get('from'), None, None)} → {format_quantity(verdict.get('to'), None, None)})"
        click.echo(
            f"  {claim['id']:>4} {verdict.get('verdict', '?'):<11} {claim['kind']}/{claim['item']}"
            f" {claim.get('direction') or ''} {figure}{change} — {_source(claim)}"
        )
        click.echo(f"       {_quoted(claim['evidence'])}")


# -- articles ---------------------------------------------------------------------

ARTICLE_COLUMNS = (
    "article_id",
    "feed_id",
    "feeds",
    "title",
    "link",
    "published",
    "first_seen_at",
    "relevant",
    "score",
    "story_id",
    "claims",
    "confirms",
    "updates",
    "new",
    "contradicts",
    "baseline_id",
    "revision",
    "sightings",
)


def list_articles(app: App, *, include_irrelevant: bool = False, limit: int = 200) -> list[dict[str, Any]]:
    where = "" if include_irrelevant else "WHERE relevant = 1"
    with app.store.reading() as db:
        rows = db.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles {where} "
            "ORDER BY COALESCE(published, first_seen_at) DESC, article_id LIMIT ?",
            [limit],
        ).fetchall()
    result = []
    for row in rows:
        item = dict(zip(ARTICLE_COLUMNS, row))
        item["feeds"] = json.loads(item["feeds"] or "[]")
        item["relevant"] = None if item["relevant"] is None else bool(item["relevant"])
        result.append(item)
    return result


# -- the ledger -------------------------------------------------------------------


def ledger_rows(app: App) -> list[dict[str, Any]]:
    with app.store.reading() as db:
        # The outlet and link of the article behind the newest and previous figures: "outlet"
        # as a source means that article's own voice, and a reader needs its name and link.
        cursor = db.execute(
            f"SELECT c.*, {figure_outlet_sql('c')} AS newest_outlet, "
            f"{figure_outlet_sql('c', 'previous')} AS previous_outlet, "
            "(SELECT link FROM articles a WHERE a.article_id = c.newest_article_id) AS newest_link "
            "FROM claims c ORDER BY kind, item, direction"
        )
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    result = []
    for row in rows:
        result.append(
            {
                "key": row["ledger_key"],
                "kind": row["kind"],
                "item": row["item"],
                "direction": row["direction"],
                "newest": _figure(row, "newest"),
                "previous": _figure(row, "previous"),
                "baseline": _figure(row, "baseline"),
                "corroborations": row["corroborations"],
                "outlets": json.loads(row["outlets"] or "[]"),
                "sources": json.loads(row["sources"] or "[]"),
                "baseline_claim_ids": json.loads(row["baseline_claim_ids"] or "[]"),
                "observations": row["observations"],
            }
        )
    return result


def _figure(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if (
        row.get(f"{prefix}_date") is None
        and row.get(f"{prefix}_quantity") is None
        and row.get(f"{prefix}_source") is None
    ):
        return None
    return {
        "quantity": row.get(f"{prefix}_quantity"),
        "bound": row.get(f"{prefix}_bound"),
        "source": row.get(f"{prefix}_source"),
        "date": row.get(f"{prefix}_date"),
        **({"article_id": row[f"{prefix}_article_id"]} if f"{prefix}_article_id" in row else {}),
        **({"outlet": row[f"{prefix}_outlet"]} if f"{prefix}_outlet" in row else {}),
        **({"link": row[f"{prefix}_link"]} if f"{prefix}_link" in row else {}),
    }


def ledger_line(entry: dict[str, Any]) -> str:
    """'5.2 million (South Korea Ministry of Defense, 2024-07-24); previous 3 million (2024-02-26); baseline …'"""
    from monitor.alerts.formatting import format_quantity, source_label

    def show(figure: dict[str, Any] | None, with_source: bool) -> str:
        if not figure:
            return "—"
        amount = (
            format_quantity(figure.get("quantity"), figure.get("bound"), None)
            if figure.get("quantity") is not None
            else "reported"
        )
        # Named as alerts and the report name it: "outlet" alone does not say whose reporting.
        who = source_label(figure.get("source"), figure.get("outlet")) if with_source and figure.get("source") else None
        details = [d for d in (who, figure.get("date")) if d]
        return f"{amount} ({', '.join(details)})" if details else amount

    parts = [show(entry.get("newest"), True)]
    if entry.get("previous"):
        parts.append(f"previous {show(entry['previous'], False)}")
    if entry.get("baseline"):
        parts.append(f"baseline {show(entry['baseline'], False)}")
    if entry.get("corroborations", 0) > 1:
        parts.append(f"{entry['corroborations']} independent reports")
    return "; ".join(parts)


# -- the baseline -----------------------------------------------------------------


def baseline_report(app: App) -> dict[str, Any]:
    from monitor.claims.baseline import Baseline
    from monitor.claims.diff import compare_baselines

    history = []
    latest = None
    for event in app.store.read_stream(ev.BASELINE_STREAM):
        latest = event
        history.append(
            {
                "baseline_id": event.data.get("baseline_id"),
                "label": event.data.get("label"),
                "set_at": event.recorded_at,
                "position": event.position,
            }
        )
    if latest is None:
        raise MonitorError("no baseline is set in this database")
    baseline = Baseline.from_event_data(latest.data)
    comparison = compare_baselines_by_report(baseline, compare_baselines)
    return {
        "baseline_id": baseline.baseline_id,
        "label": baseline.label,
        "claims": baseline.claims,
        "reports": baseline.sources,
        "comparison": comparison,
        "history": history,
    }


def compare_baselines_by_report(baseline, compare) -> dict[str, Any] | None:
    """The first two reports of a baseline diffed against each other."""
    reports: dict[str, list[dict[str, Any]]] = {}
    for claim in baseline.claims:
        report = (claim.get("provenance") or {}).get("report", "?")
        reports.setdefault(report, []).append(claim)
    if len(reports) < 2:
        return None
    (name_a, claims_a), (name_b, claims_b) = list(reports.items())[:2]
    result = compare(claims_a, claims_b)
    return {"a": name_a, "b": name_b, **result}


def render_baseline(report: dict[str, Any]) -> None:
    from monitor.alerts.formatting import display_date, format_quantity, source_label

    click.echo(f"baseline {report['baseline_id']} — {report.get('label') or ''}")
    for claim in report["claims"]:
        prov = claim.get("provenance") or {}
        figure = (
            format_quantity(claim.get("quantity"), claim.get("bound"), claim.get("quantity_high"))
            if claim.get("quantity") is not None
            else ""
        )
        click.echo(
            f"  {claim.get('id', ''):<10} {claim['kind']}/{claim['item']} {claim.get('direction') or ''} "
            f"{figure} — {source_label(claim.get('source'), prov.get('outlet'))} "
            f"[{prov.get('outlet', '')}, {prov.get('published', '')}]"
        )
    # Going back is setting an old baseline's files again: say which baselines there were.
    history = report.get("history") or []
    if len(history) > 1:
        click.echo("\nbaselines set, oldest first:")
        for entry in history:
            in_force = " (in force)" if entry.get("baseline_id") == report["baseline_id"] else ""
            click.echo(
                f"  {display_date(entry.get('set_at'))}  {entry.get('baseline_id', '')} — {entry.get('label') or ''}{in_force}"
            )
    comparison = report.get("comparison")
    if comparison:
        click.echo("")
        for line in comparison_lines(comparison):
            click.echo(line)


def comparison_lines(comparison: dict[str, Any]) -> list[str]:
    """Two baseline reports side by side, as an analyst reads them: what only one says, where
    the figures differ, where they agree on the figure but not on its details, where they agree
    (``--json`` keeps the whole comparison object)."""
    from monitor.alerts.formatting import format_quantity, source_label

    a, b = comparison["a"], comparison["b"]

    def said(claim: dict[str, Any]) -> str:
        figure = format_quantity(claim.get("quantity"), claim.get("bound"), claim.get("quantity_high"))
        return f"{figure} ({source_label(claim.get('source'))})"

    def subject(entry: dict[str, Any]) -> str:
        return f"{entry['kind']}/{entry['item']} {entry.get('direction') or ''}".rstrip()

    lines = [f"{a} against {b}:"]
    for name, claims in ((a, comparison.get("only_a") or []), (b, comparison.get("only_b") or [])):
        if claims:
            lines.append(f"  only in {name}:")
            lines += [f"    {subject(c)}: {said(c)}" for c in claims]
    for title, key in (
        ("figures differ", "differing"),
        ("same figure, other details", "details"),
        ("agree", "agreeing"),
    ):
        entries = comparison.get(key) or []
        if not entries:
            continue
        lines.append(f"  {title}:")
        for entry in entries:
            detail = f" (differ in {', '.join(entry['fields'])})" if entry.get("fields") else ""
            lines.append(
                f"    {subject(entry)}: {'; '.join(said(c) for c in entry['a'])} in {a}, "
                f"{'; '.join(said(c) for c in entry['b'])} in {b}{detail}"
            )
    facts = comparison.get("facts") or {}
    for name, found in ((a, facts.get("only_a") or []), (b, facts.get("only_b") or [])):
        lines += [f"  only {name} says: {f.get('topic')}: {f.get('value')}" for f in found]
    for fact in facts.get("differing") or []:
        values_a = "; ".join(str(f.get("value")) for f in fact["a"])
        values_b = "; ".join(str(f.get("value")) for f in fact["b"])
        lines.append(f"  {fact['topic']}: {values_a} in {a}, {values_b} in {b}")
    if len(lines) == 1:
        lines.append("  nothing to compare")
    return lines


def baseline_from_files(
    files: list[str], *, published: date | None, label: str | None, max_bytes: int, force: bool = False
):
    """The baseline these article files make, read before any database is opened. One with
    no claims would make every later claim "new": refused unless ``force``."""
    from monitor.claims.baseline import baseline_from_articles

    articles = []
    for file in files:
        text = read_input(file, max_bytes)
        articles.append((text, Path(file).stem, published, Path(file).name))
    baseline = baseline_from_articles(articles, label=label)
    if not baseline.claims and not force:
        raise InputError(
            f'{", ".join(files)}: no claims found, so this baseline would make every claim "new"; '
            "the baseline in force is unchanged (give --force to set it anyway)"
        )
    return baseline


def set_baseline(app: App, baseline) -> tuple[str, int]:
    app.store.append([baseline_event(baseline)])
    app.catch_up()
    return baseline.baseline_id, len(baseline.claims)


# -- alerts -----------------------------------------------------------------------


def list_alerts(app: App, limit: int = 500) -> list[dict[str, Any]]:
    with app.store.reading() as db:
        cursor = db.execute("SELECT * FROM alerts ORDER BY queued_at DESC LIMIT ?", [limit])
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    channels = deliveries_of(app.store, [r["alert_id"] for r in rows])  # one row per alert and channel
    for row in rows:
        row["recipients"] = json.loads(row["recipients"] or "[]")
        row["ledger_keys"] = json.loads(row["ledger_keys"] or "[]")
        row["channels"] = channels.get(row["alert_id"], [])
    return rows
