"""Claims: from an article's text to its relevance, its claims and their verdicts against the baseline.

Stages, each a module: :mod:`.textclean` and :mod:`.sentences` make a :class:`~.document.Document`;
:mod:`.relevance` decides whether the article is about the transfers; the rules
(:mod:`.mentions`, :mod:`.kinds`, :mod:`.statements`, :mod:`.attribution`, :mod:`.drafts`) read
its sentences with the vocabulary in :mod:`.cues` and :mod:`.lexicon`; :mod:`.extract` runs them;
:mod:`.diff` compares the claims with the baseline; :mod:`.analysis` is the one entry point
(`monitor diff` and the parse workers). Nothing here imports the feeds, alerts, projections or store.

Only the version and the contract's claim fields live in this file, so that a process can name the extractor it
records, and an alert can carry a claim's fields, without importing the engine (some 0.2 s of CPU and hundreds of
compiled patterns).
"""

#: Bumped whenever extraction output can change, so stored claims can be re-derived
#: (`monitor reprocess`), and pinned with the outputs in tests/claims/golden/.
EXTRACTOR_VERSION = "claims-2027.01.54"

#: The claims contract's fields of a claim, in order (:class:`~.model.Claim`).
CLAIM_FIELDS = (
    "id",
    "kind",
    "item",
    "direction",
    "quantity",
    "bound",
    "quantity_high",
    "source",
    "since",
    "as_of",
    "stance",
    "hedged",
    "evidence",
    "span",
)
