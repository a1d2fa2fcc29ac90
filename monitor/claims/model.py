"""The extractor's values: the contract's :class:`Claim`, and the mentions, sentences, drafts and
per-sentence context that the rules pass to each other."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from monitor.claims import CLAIM_FIELDS
from monitor.claims import lexicon as lx
from monitor.claims.quantities import QuantityMatch

Number = int | float


@dataclass(frozen=True)
class Claim:
    """One claim, with exactly the contract's fields."""

    id: str
    kind: str
    item: str
    direction: str | None
    quantity: Number | None
    bound: str | None
    quantity_high: Number | None
    source: str
    since: str | None
    as_of: str | None
    stance: str
    hedged: bool
    evidence: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, fields in contract order."""
        out = {name: getattr(self, name) for name in CLAIM_FIELDS}
        out["span"] = [self.span[0], self.span[1]]
        return out


@dataclass
class Mention:
    start: int
    end: int
    value: str
    quantity: QuantityMatch | None = None
    extra: list[QuantityMatch] = field(default_factory=list)
    consumed: bool = False
    contextual: bool = False  # made from context (anaphora, elliptical amounts), not an item word
    voice: str | None = None  # the source of a reported clause it stands in, when not the sentence's
    decided: str = ""  # which rule gave it its kind (a name for `monitor diff --explain` and bench --by-rule)
    # people a partitive picks members from ("one of the captured soldiers"): a group told before, which pairs with
    # the casualty word describing it though neither is counted
    picked_from: bool = False

    @property
    def category(self) -> str:
        return lx.ITEM_CATEGORY.get(self.value, "skip")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    items: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    has_nk: bool = False
    has_ru: bool = False
    has_war: bool = False
    satellite: bool = False


@dataclass
class Draft:
    kind: str
    item: str
    direction: str | None
    quantity: Number | None
    bound: str | None
    quantity_high: Number | None
    source: str
    since: str | None
    as_of: str | None
    stance: str
    hedged: bool
    span: tuple[int, int]
    definite: bool = True  # refers back ("the containers") rather than naming a new group
    additional: bool = False  # "more troops", "further shipments": a group besides any counted one
    summary: bool = False  # from a line of its own with no full stop (a subheading): a restatement
    pointed: bool = False  # the thing is named with a determiner that points back ("the troops")
    overview: bool = False  # from a sentence that says what a report covers ("the report detailed the weapons")
    blanket: bool = False  # a denial naming no thing ("fake news"): weapons in general by default
    given: bool = False  # what the other side's transfer pays for, told as known ("oil in return for its troops")
    joined: bool = False  # weapons in general joined to a named thing ("shells and other weapons"): a claim too
    told_earlier: bool = False  # its since is the month of "earlier this month": that telling's, not the fact's
    named_here: bool = False  # its source is named in its own sentence, not credited from another
    includes: bool = False  # a class before what it includes ("weapons systems, including the Pantsir")
    as_cause: bool = False  # losses named as the cause of what is told ("withdrew due to heavy losses"): presupposed
    failed: bool = False  # a launch told as a failure: not the completed launch an article's count is of
    north_sends: bool = False  # the North the subject of a finite verb of sending it (cues.NORTH_SENDS)
    count: QuantityMatch | None = field(
        default=None, compare=False, repr=False
    )  # the amount read, for "a similar figure"
    # How the claim was read, for `monitor diff --explain`: spans of the item and its amount, the
    # attribution step and the date's origin. Never part of the claim itself.
    trace: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def key(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.item,
            self.direction,
            self.quantity,
            self.bound,
            self.quantity_high,
            self.stance,
            self.source,
        )

    def family(self) -> tuple[Any, ...]:
        return (self.kind, self.item, self.direction, self.stance)


@dataclass(frozen=True)
class Ctx:
    """What every claim of one sentence shares."""

    source: str
    hedged: bool
    since: str | None
    as_of: str | None
    span: tuple[int, int]
    # Where in the text the time expression that gave ``as_of`` stands (None: not read from one place), and the
    # date the sentence gives without it: a claim in another clause takes that one (drafts.as_of_in_clause).
    as_of_at: tuple[int, int] | None = None
    as_of_else: str | None = None
    # "came two days after <a clause>": where that clause starts and the days it lies before the sentence's date
    # (drafts.told_days_before).
    days_before: tuple[int, int] | None = None

    def fields(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "hedged": self.hedged,
            "since": self.since,
            "as_of": self.as_of,
            "span": self.span,
        }

    # Built field by field rather than with dataclasses.replace, which costs more and runs for every draft.
    def with_source(self, source: str) -> Ctx:
        return Ctx(
            source, self.hedged, self.since, self.as_of, self.span, self.as_of_at, self.as_of_else, self.days_before
        )

    def unhedged(self) -> Ctx:
        return self.with_hedged(False)

    def with_hedged(self, hedged: bool) -> Ctx:
        if hedged == self.hedged:
            return self
        return Ctx(
            self.source, hedged, self.since, self.as_of, self.span, self.as_of_at, self.as_of_else, self.days_before
        )

    def with_since(self, since: str | None) -> Ctx:
        return Ctx(
            self.source, self.hedged, since, self.as_of, self.span, self.as_of_at, self.as_of_else, self.days_before
        )

    def with_as_of_of_sentence(self) -> Ctx:
        """The date the sentence gives a claim outside the clause of its own time expression."""
        return replace(self, as_of=self.as_of_else, as_of_at=None)
