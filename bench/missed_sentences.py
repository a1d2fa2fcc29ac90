"""Where the labelled claims the extractor misses sit: in a sentence it read nothing from, or in one it read
some other claim from.

    .venv/bin/python bench/missed_sentences.py written=tests/claims/labelled \\
        corpus=/work/shared/corpus/realtext@development blind7=/work/notes/sets/blind7 \\
        blind8=/work/notes/sets/blind8 blind9=/work/notes/sets/blind9
    ... --list                  # every missed claim under its place, with the label's evidence

A set is ``NAME=FOLDER`` or ``NAME=FOLDER@SPLIT`` (only that split's articles are run). A held-out split
(accuracy.py's ``is_held_out``) is refused: it is measured, never studied; so name the corpus's development
split (``@development``), as a whole folder is run whatever its articles' splits.

Each article is scored by ``bench/accuracy.py``'s own code (``run_article``: the strict matching of issue 14),
and each labelled claim left unmatched is filed by where its ``evidence`` (the sentence the labeller quoted)
sits among the extracted claims' sentences:

* ``article not relevant``: the analyser judged the article a near miss, so it gave no claim anywhere;
* ``no evidence``: the label quotes no sentence of the text (the written set's labels mostly quote none);
* ``silent sentence``: no extracted claim comes from that sentence; a reading that does not depend on the
  verb (a sentence naming both parties and a thing) could only add claims here;
  ``... names both parties and a thing`` counts those of them whose evidence names North Korea and Russia
  (the lexicon's two sides) and a thing that moves between them (a lexicon item other than a casualty word
  or a launch): the sentences a reading keyed on the pair and the thing, not on the verb, could reach;
  ``... read, then folded away`` counts those of them from which the extractor did read a draft claim (of the
  label's kind or another), before the fold of restatements (drafts.fold) dropped it as told already: there a
  reading was not what was missing;
* ``other claim, near miss``: the sentence gave a claim that matched no label (a wrong item, figure, kind,
  direction, or an extra claim);
* ``other claim, matched elsewhere``: every claim the sentence gave matched another label (the sentence
  holds more facts than were read).

The other side of the same question, what such a reading would risk (``--exposure``): in the articles judged
relevant, the sentences the extractor read nothing from that name both parties and a thing, split by whether a
label quotes them (a claim to gain) or not (a claim such a reading would add wrongly, unless it holds back).

A label's evidence is found in the text by its words, not its characters (labellers trim a sentence, join two
or keep the page's punctuation): it quotes the sentence holding the largest share of its words, if most of them.
An extracted claim belongs to that sentence when its ``span`` overlaps it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402  (bench/ is not a package; the one copy of the matching rule lives there)

from monitor.claims import lexicon as lx  # noqa: E402
from monitor.claims.discourse import Discourse  # noqa: E402
from monitor.claims.extract import read_article, read_document  # noqa: E402
from monitor.claims.sentences import split_sentences  # noqa: E402
from monitor.claims.textclean import clean  # noqa: E402

PLACES = (
    "article not relevant",
    "no evidence",
    "silent sentence",
    "... names both parties and a thing",
    "... read, then folded away",
    "other claim, near miss",
    "other claim, matched elsewhere",
)
#: The share of a label's evidence words that a sentence must hold to be the one it quotes.
SAME_SENTENCE_SHARE = 0.7
WORD = re.compile(r"[a-z0-9]+")
#: The day an undated article is read as of (whether a sentence yields a draft does not hang on it).
TODAY = dt.date(2026, 11, 22)


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


Span = tuple[int, int]


def locate(evidence: str, text: str, spans: list[Span]) -> Span | None:
    """The sentence of ``text`` a label's evidence quotes: the one holding the largest share of its words (the
    first of equals), if that share reaches SAME_SENTENCE_SHARE. By place, not by words alone, so that a fact told
    twice in near the same words is two sentences."""
    wanted = words(evidence)
    size = sum(wanted.values())
    if not size:
        return None
    best, best_share = None, 0.0
    for span in spans:
        share = sum((wanted & words(text[span[0] : span[1]])).values()) / size
        if share > best_share:
            best, best_share = span, share
    return best if best_share >= SAME_SENTENCE_SHARE else None


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


#: Item categories that are no thing moved between the two countries.
NOT_MOVED = frozenset({"casualty", "satellite", "skip"})


def names_pair_and_thing(text: str) -> bool:
    """Whether a sentence names North Korea, Russia and a thing that can move between them (the lexicon's tables)."""
    if not (lx.NK.search(text) and lx.RU.search(text)):
        return False
    return any(
        lx.ITEM_CATEGORY.get(lx.group_value(m, lx.ITEM_VALUES), "skip") not in NOT_MOVED
        for m in lx.ITEMS.finditer(text)
    )


#: Which sets may be studied: one copy, in accuracy.py.
parse_set = accuracy.study_set


def score_set(folder: Path, split: str | None = None) -> list[dict[str, Any]]:
    """Every article of a folder (of one split, if given) scored by accuracy.py."""
    docs, run = accuracy.prepare_set(folder, split)
    articles = []
    for doc in docs:
        scored = run(doc)
        scored.update(text=doc["text"], title=doc.get("title"), published=doc.get("published"))
        articles.append(scored)
    return articles


def spans_read(article: dict[str, Any]) -> list[Span]:
    """The sentences the extractor read a draft claim from, before restatements were folded (extract.read_claims'
    first step)."""
    text = clean(article["text"])
    published = dt.date.fromisoformat(article["published"][:10]) if article.get("published") else TODAY
    doc = read_document(text, published, article.get("title"), None, None, False)
    return sorted({d.span for d in read_article(doc, Discourse.of(doc))})


def place_misses(article: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each unmatched label of a scored article with its place (:data:`PLACES`); a label in a silent sentence that
    names both parties and a thing comes again under that part of it (and a third time if read, then folded away)."""
    got = article["got_claims"]
    matched_expected = {ei for ei, _ in article["pairs"]}
    matched_got = {gi for _, gi in article["pairs"]}
    text = article["text"]
    spans = split_sentences(text)
    out = []
    read: list[Span] | None = None  # the sentences read before the fold, worked out once if needed
    for ei, label in enumerate(article["expected_claims"]):
        if ei in matched_expected:
            continue
        evidence = label.get("evidence") or ""
        where = locate(evidence, text, spans)
        if not article["relevant_got"]:
            out.append(("article not relevant", label))
        elif where is None:
            out.append(("no evidence", label))
        elif not (same := [gi for gi, g in enumerate(got) if overlaps(where, tuple(g["span"]))]):
            out.append(("silent sentence", label))
            if names_pair_and_thing(evidence):
                out.append(("... names both parties and a thing", label))
                if read is None:
                    read = spans_read(article)
                if any(overlaps(where, span) for span in read):
                    out.append(("... read, then folded away", label))
        elif all(gi in matched_got for gi in same):
            out.append(("other claim, matched elsewhere", label))
        else:
            out.append(("other claim, near miss", label))
    return out


def exposure(article: dict[str, Any]) -> tuple[int, int]:
    """(labelled, unlabelled): a relevant article's sentences that name both parties and a thing, from which
    no claim was read, split by whether some label's evidence quotes them."""
    if not article["relevant_got"]:
        return 0, 0
    text = article["text"]
    spans = split_sentences(text)
    claimed = [tuple(g["span"]) for g in article["got_claims"]]
    quoted = [where for c in article["expected_claims"] if (where := locate(c.get("evidence") or "", text, spans))]
    labelled = unlabelled = 0
    for span in spans:
        if not names_pair_and_thing(text[span[0] : span[1]]) or any(overlaps(span, c) for c in claimed):
            continue
        if any(overlaps(span, q) for q in quoted):
            labelled += 1
        else:
            unlabelled += 1
    return labelled, unlabelled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="NAME=FOLDER or NAME=FOLDER@SPLIT")
    parser.add_argument("--list", action="store_true", help="every missed claim under its place")
    parser.add_argument(
        "--exposure",
        action="store_true",
        help="also count the silent sentences naming both parties and a thing, labelled or not",
    )
    args = parser.parse_args(argv)
    header = f"{'set':<10}{'labels':>7}{'missed':>7}" + "".join(f"{p[:22]:>24}" for p in PLACES)
    rows = []
    listing: list[str] = []
    exposures: list[str] = []
    for spec in args.sets:
        name, folder, split = parse_set(spec)
        articles = score_set(folder, split)
        if args.exposure:
            pairs = [exposure(a) for a in articles]
            exposures.append(f"{name:<10}{sum(p[0] for p in pairs):>10}{sum(p[1] for p in pairs):>12}")
        counts: Counter[str] = Counter()
        for a in articles:
            for place, label in place_misses(a):
                counts[place] += 1
                listing.append(
                    f"{name} {a['id']} [{place}] {accuracy.describe(label)}\n    {label.get('evidence') or ''}"
                )
        labels = sum(len(a["expected_claims"]) for a in articles)
        missed = sum(n for place, n in counts.items() if not place.startswith("..."))
        rows.append(f"{name:<10}{labels:>7}{missed:>7}" + "".join(f"{counts[p]:>24}" for p in PLACES))
    if args.list:
        print("\n".join(sorted(listing, key=lambda line: line.split("[")[1])))
        print()
    print(header)
    print("\n".join(rows))
    if exposures:
        print(f"\nsilent sentences naming both parties and a thing\n{'set':<10}{'labelled':>10}{'unlabelled':>12}")
        print("\n".join(exposures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
