"""One article through relevance, extraction and diff: the object ``monitor diff --json`` prints.

This is the single entry point the CLI and the daemon call. It is pure: text in, a dict out;
the only data it reads is the packaged baseline (once, cached) when no baseline is passed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.baseline import Baseline, load_default_baseline
from monitor.claims.diff import diff_claims
from monitor.claims.explain import explain_claim, explain_verdict
from monitor.claims.extract import EXTRACTOR_VERSION, headline_span, read_claims
from monitor.claims.relevance import classify_clean
from monitor.claims.sentences import split_sentences
from monitor.claims.textclean import clean
from monitor.claims.timerefs import find_date, parse_iso_date

__all__ = ["EXTRACTOR_VERSION", "MAX_CLAIMS", "MAX_TEXT_CHARS", "analyse", "default_baseline", "explain"]

#: Caps on one article, for every caller (daemon, diff, baseline set, reprocess): past
#: them time, memory and the stored event grow with the input, not with the news (one
#: 5 MB entry took 22 s and stored 45,000 claims). A long report is ~100,000 characters.
MAX_TEXT_CHARS = 200_000
MAX_CLAIMS = 200


@lru_cache(maxsize=1)
def default_baseline() -> Baseline:
    """The shipped baseline, read once per process."""
    return load_default_baseline()


def analyse(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    baseline: Baseline | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The contract's ``monitor diff --json`` object for one article (plain text or HTML).

    * ``title`` — when absent, the page's headline (HTML) or a Title Case first line is used.
    * ``published`` — anchors relative dates; when absent, a date found in the page's metadata
      or in the opening of the text, else ``today`` (default: the current date).
    * ``baseline`` — defaults to the shipped baseline pair.

    Claims' ``evidence`` and ``span`` refer to the input string itself for plain text, and to
    the text extracted from the markup for HTML. An article whose relevance score passes but in
    which no claim can be read is not relevant (``relevance`` still gives its score and evidence).
    Only the first MAX_TEXT_CHARS characters are read and the first MAX_CLAIMS claims kept;
    ``limits`` says so when either applied.
    """
    return _analyse(text, title=title, published=published, baseline=baseline, today=today, explained=False)


def explain(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    baseline: Baseline | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """:func:`analyse`'s object plus ``explain``: each claim's rule path and each verdict's comparison
    (:mod:`monitor.claims.explain`); the other keys are exactly :func:`analyse`'s."""
    return _analyse(text, title=title, published=published, baseline=baseline, today=today, explained=True)


def _analyse(
    text: str,
    *,
    title: str | None,
    published: dt.date | None,
    baseline: Baseline | None,
    today: dt.date | None,
    explained: bool,
) -> dict[str, Any]:
    limits: dict[str, int] = {}
    if len(text) > MAX_TEXT_CHARS:
        limits.update(text_chars=len(text), max_chars=MAX_TEXT_CHARS)
        text = text[:MAX_TEXT_CHARS]
    doc = clean(text)
    spans = split_sentences(doc.work)
    head = headline_span(doc.work, spans)
    if title is None:
        headline = " ".join(doc.work[head[0] : head[1]].split()) if head else None
        if headline and cues.ORGANISATION_LINE.fullmatch(headline):
            headline = None  # the publisher's name above the article, not its headline
        title = doc.title or headline
    day = published or parse_iso_date(doc.published) or find_date(doc.source) or today or dt.date.today()
    idx = lx.WordIndex(doc.work, lx.lower_same_length(doc.work))  # shared by relevance and extraction
    relevance = classify_clean(title, doc, spans, idx)
    out: dict[str, Any] = {
        "article": {"title": title, "published": day.isoformat()},
        "relevant": relevance.relevant,
        "relevance": {"score": relevance.score, "evidence": relevance.evidence},
        "claims": [],
        "verdicts": [],
    }
    if limits:
        out["limits"] = limits
    if explained:
        out["explain"] = {"claims": [], "verdicts": []}
    if not relevance.relevant:
        return out
    baseline = baseline if baseline is not None else default_baseline()
    read = read_claims(doc, day, title, spans, idx, traced=explained)
    if len(read) > MAX_CLAIMS:
        out["limits"] = {**limits, "claims": len(read), "max_claims": MAX_CLAIMS}
        read = read[:MAX_CLAIMS]
    claims = [claim for claim, _ in read]
    if not claims:
        # Every labelled relevant article carries a claim, and an article where no claim about a
        # transfer can be read is a near miss that named the two sides (a parade, a hack, a visit).
        out["relevant"] = False
        return out
    verdicts = diff_claims(claims, baseline)
    out["claims"] = [c.to_dict() for c in claims]
    out["verdicts"] = [v.to_dict() for v in verdicts]
    if explained:
        out["explain"] = {
            "claims": [explain_claim(claim, draft, doc.source) for claim, draft in read],
            "verdicts": [explain_verdict(v, claim, baseline.claims) for v, claim in zip(out["verdicts"], claims)],
        }
    return out
