"""The baseline every later claim is diffed against.

The shipped baseline (``monitor/data/baseline.json``) is the *baseline pair*: two reports of
1 November 2023, an Associated Press wire report and a ZeroHedge piece, written out as
structured claims. Each claim has the contract's fields, a short paraphrase of the fact as its
``evidence`` (never the reports' own sentences), ``span: null`` (the paraphrase is not in any
input text), a stable id (``b-ap-1``, ``b-zh-1``...) and its provenance: report, file, outlet,
published date, URL when known. Context that is not a claim kind of the contract (where Kim
met Putin) is kept as ``facts`` so the two reports can still be compared on it.

:func:`baseline_from_articles` builds a baseline from other articles (``monitor baseline set
FILE...``) with the same extractor the monitor runs on everything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from monitor.claims import EXTRACTOR_VERSION
from monitor.claims.diff import compare_baselines
from monitor.claims.textclean import clean

# The extractor (monitor.claims.extract) is imported by baseline_from_articles, which runs it:
# reading a baseline does not need it, and a new database's first poll reads one before its
# first fetch (the engine's patterns cost some 0.2 s of CPU to compile).

__all__ = ["Baseline", "baseline_from_articles", "baseline_id", "load_default_baseline", "report_diff"]

_DATA_FILE = "baseline.json"


@dataclass(frozen=True)
class Baseline:
    """A set of baseline claims and where each came from."""

    id: str
    label: str
    created: str  # ISO date the baseline stands for
    claims: list[dict[str, Any]]
    facts: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)

    def claims_of(self, report: str) -> list[dict[str, Any]]:
        """The claims one report contributes (by its report key, e.g. ``"ap"``)."""
        return [c for c in self.claims if c.get("provenance", {}).get("report") == report]

    def facts_of(self, report: str) -> list[dict[str, Any]]:
        return [f for f in self.facts if f.get("provenance", {}).get("report") == report]

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        return next((c for c in self.claims if c.get("id") == claim_id), None)

    @property
    def baseline_id(self) -> str:
        """The same as ``id`` (the name the event and the projections use)."""
        return self.id

    @property
    def sources(self) -> list[dict[str, Any]]:
        """The reports the claims come from (the name the event and the projections use)."""
        return self.reports

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: id, label, created date, reports, claims, facts."""
        return {
            "id": self.id,
            "label": self.label,
            "created": self.created,
            "reports": self.reports,
            "claims": self.claims,
            "facts": self.facts,
        }

    def to_event_data(self) -> dict[str, Any]:
        """The ``BaselineSet`` event payload: :meth:`to_dict` plus the names the store reads."""
        return {"baseline_id": self.id, "set_at": self.created, "sources": self.reports, **self.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Baseline:
        """Back from :meth:`to_dict` or :meth:`to_event_data` (a stored ``BaselineSet``)."""
        claims = [dict(c) for c in data.get("claims", [])]
        facts = [dict(f) for f in data.get("facts", [])]
        return cls(
            id=str(data.get("id") or data.get("baseline_id") or baseline_id(claims, facts)),
            label=str(data.get("label") or ""),
            created=str(data.get("created") or data.get("set_at") or ""),
            claims=claims,
            facts=facts,
            reports=[dict(r) for r in (data.get("reports") or data.get("sources") or [])],
        )

    from_event_data = from_dict


def baseline_id(claims: Sequence[Mapping[str, Any]], facts: Sequence[Mapping[str, Any]] = ()) -> str:
    """A content hash: the same claims and facts always give the same id."""
    payload = json.dumps(
        {"claims": list(claims), "facts": list(facts)}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return "baseline-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def load_default_baseline() -> Baseline:
    """The shipped baseline pair, read from the package data."""
    raw = resources.files("monitor").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    data = json.loads(raw)
    claims = [dict(c) for c in data["claims"]]
    facts = [dict(f) for f in data.get("facts", [])]
    return Baseline(
        id=baseline_id(claims, facts),
        label=data["label"],
        created=data["created"],
        claims=claims,
        facts=facts,
        reports=[dict(r) for r in data.get("reports", [])],
    )


def _slug(outlet: str | None, index: int) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", (outlet or "").lower()).strip("-")
    return s[:24] or f"a{index}"


Article = tuple[str, str | None, dt.date | None, str | None]


def baseline_from_articles(
    articles: Iterable[Article],
    *,
    label: str | None = None,
    created: dt.date | None = None,
) -> Baseline:
    """A baseline made of the claims extracted from ``(text, title, published, outlet)`` tuples.

    Claim ids are ``b-<outlet slug>-<n>`` (an index is added when two articles share an
    outlet), so the same articles always give the same baseline and the same baseline id.
    ``created`` defaults to the latest publication date among the articles.
    """
    from monitor.claims.extract import extract_from_clean  # the engine, for this use only (see the imports)

    claims: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    used: set[str] = set()
    dates: list[dt.date] = []
    items = list(articles)
    for i, (text, title, published, outlet) in enumerate(items, 1):
        key = _slug(outlet, i)
        if key in used:
            key = f"{key}-{i}"
        used.add(key)
        doc = clean(text)
        day = published or dt.date.today()
        dates.append(day)
        report = {"key": key, "outlet": outlet, "title": title or doc.title, "published": day.isoformat(), "url": None}
        reports.append(report)
        for n, claim in enumerate(extract_from_clean(doc, day, title), 1):
            entry = claim.to_dict()
            entry["id"] = f"b-{key}-{n}"
            entry["provenance"] = {
                "report": key,
                "outlet": outlet,
                "title": report["title"],
                "published": report["published"],
                "url": None,
                "extractor": EXTRACTOR_VERSION,
            }
            claims.append(entry)
    when = created or (max(dates) if dates else dt.date.today())
    return Baseline(
        id=baseline_id(claims),
        label=label or f"baseline of {len(items)} article{'s' if len(items) != 1 else ''}",
        created=when.isoformat(),
        claims=claims,
        facts=[],
        reports=reports,
    )


def report_diff(baseline: Baseline, a: str | None = None, b: str | None = None) -> dict[str, Any]:
    """The two reports of a baseline against each other (``monitor baseline show``).

    ``a`` and ``b`` are report keys; by default the first two reports of the baseline.
    """
    keys = [r.get("key") for r in baseline.reports]
    a = a or (keys[0] if keys else None)
    b = b or (keys[1] if len(keys) > 1 else None)
    out = compare_baselines(
        baseline.claims_of(a or ""),
        baseline.claims_of(b or ""),
        facts_a=baseline.facts_of(a or ""),
        facts_b=baseline.facts_of(b or ""),
    )
    out["a"] = a
    out["b"] = b
    return out
