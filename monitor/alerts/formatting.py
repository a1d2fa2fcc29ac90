"""Small pure helpers that turn claim values into words for alert subjects and bodies.

Everything here takes plain values and returns ``str``; nothing reads the clock, the
environment or the network. Numbers follow how the reports themselves write them:
"3 million", "5.2 million", "6,700", "10,000–12,000".
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

__all__ = [
    "clean_line",
    "display_date",
    "format_amount",
    "format_number",
    "format_quantity",
    "format_ratio",
    "label_for",
    "noun_for",
    "ratio_magnitude",
    "safe_url",
    "source_label",
]

# Unicode categories that never belong in a one-line value: controls (CR, LF, NUL,
# ESC...), format characters (bidi overrides that can disguise a subject, zero-width
# joiners) and the line/paragraph separators that some parsers treat as line breaks.
_DROP_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
_SPACES = re.compile(r"\s+")


def clean_line(value: Any, max_len: int | None = None) -> str:
    """One printable line: control and format characters become spaces, runs of
    whitespace collapse to one space, ends are trimmed; cut at ``max_len`` with "…".

    Used for every header value and every feed-supplied string shown in a body, so a
    title carrying "\\r\\nBcc: x" can neither add a header nor break a layout.
    """
    if value is None:
        return ""
    text = str(value)
    # isprintable() is False for every category dropped here (Other and Separator, bar the
    # ASCII space): most values skip the per-character pass, which cost 2 s of a first poll.
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch) in _DROP_CATEGORIES else ch for ch in text)
    text = _SPACES.sub(" ", text).strip()
    if max_len is not None and len(text) > max_len:
        text = text[: max(max_len - 1, 0)].rstrip() + "…"
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _trim(value: float, places: int) -> str:
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def format_number(value: Any) -> str:
    """A figure the way a newsroom writes it.

    Round millions and billions get words ("1 million", "5.2 million", "1.25 billion");
    anything that would lose digits that way keeps thousands separators ("1,234,567",
    "6,700"); fractions keep up to two decimals ("0.5", "2.75"). Non-numbers pass
    through as text, ``None`` gives "".
    """
    if value is None:
        return ""
    if not _is_number(value):
        return clean_line(value)
    if float(value).is_integer():
        n = int(value)
        magnitude = abs(n)
        # Only switch to words when two decimals say it exactly: "1.23 million" for
        # 1,234,567 would quietly change the figure a report gave.
        if magnitude >= 1_000_000_000 and n % 10_000_000 == 0:
            return f"{_trim(n / 1_000_000_000, 2)} billion"
        if magnitude >= 1_000_000 and n % 10_000 == 0:
            return f"{_trim(n / 1_000_000, 2)} million"
        return f"{n:,}"
    return _trim(float(value), 2) if abs(value) < 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _range_text(low: Any, high: Any) -> str:
    low_text, high_text = format_number(low), format_number(high)
    # "2–3 million" reads better than "2 million–3 million".
    for unit in (" billion", " million"):
        if low_text.endswith(unit) and high_text.endswith(unit):
            return f"{low_text[: -len(unit)]}–{high_text}"
    return f"{low_text}–{high_text}"


_BOUND_WORDS = {"at_least": "more than", "about": "about", "at_most": "up to"}


def format_quantity(quantity: Any, bound: str | None = None, quantity_high: Any = None) -> str:
    """A quantity with its bound in words: "more than 1 million", "about 6,700",
    "up to 300", "10,000–12,000", "3 million"; "no figure" when there is none."""
    if quantity is None:
        return "no figure"
    if quantity_high is not None and (bound == "range" or bound is None):
        return _range_text(quantity, quantity_high)
    words = _BOUND_WORDS.get(bound or "")
    number = format_number(quantity)
    return f"{words} {number}" if words else number


# Labels where capitalising the snake_case item is not enough.
_LABELS = {
    "anti_tank_missiles": "Anti-tank missiles",
    "self_propelled_guns": "Self-propelled guns",
    "killed": "Troops killed",
    "wounded": "Troops wounded",
    "captured": "Troops captured",
    "killed_or_wounded": "Troops killed or wounded",
    "months_of_supply": "Months of supply",
    "share_of_supply": "Share of Russia's supply",
    "reconnaissance_satellite": "Reconnaissance satellite",
}

# Kinds whose items read on their own ("Artillery shells", "Troops"). Other kinds get
# the kind in brackets so "Artillery shells (production)" is not mistaken for a shipment.
_PLAIN_KINDS = {
    "shipment",
    "troop_deployment",
    "personnel_dispatch",
    "technology_transfer",
    "compensation",
    "casualties",
    "supply_share",
    "denial",
    "confirmation",
}


def label_for(item: str | None, kind: str | None = None) -> str:
    """The human label of a ledger line: ``artillery_shells`` → "Artillery shells"."""
    if not item:
        base = clean_line(kind or "claim").replace("_", " ").capitalize()
        return base or "Claim"
    base = _LABELS.get(item) or clean_line(item).replace("_", " ").capitalize()
    if kind and kind not in _PLAIN_KINDS:
        return f"{base} ({kind.replace('_', ' ')})"
    return base


# Items counted in units a reader would name after the number.
_COUNT_NOUNS = {
    "artillery_shells": "artillery shells",
    "rockets": "rockets",
    "munitions": "munitions",
    "containers": "containers",
    "ballistic_missiles": "ballistic missiles",
    "cruise_missiles": "cruise missiles",
    "anti_tank_missiles": "anti-tank missiles",
    "missile_launchers": "missile launchers",
    "multiple_rocket_launchers": "multiple rocket launchers",
    "self_propelled_guns": "self-propelled guns",
    "artillery_systems": "artillery systems",
    "drones": "drones",
    "troops": "troops",
    "weapons_experts": "weapons experts",
    "workers": "workers",
    "combat_engineers": "combat engineers",
    "military_construction_workers": "military construction workers",
    "military_officers": "military officers",
    "killed": "killed",
    "wounded": "wounded",
    "captured": "captured",
    "killed_or_wounded": "killed or wounded",
    "fighter_jets": "fighter jets",
    "tanks": "tanks",
    "months_of_supply": "months of supply",
}
_SINGULAR = {
    "months of supply": "month of supply",
    "munitions": "munitions",
    "killed": "killed",
    "wounded": "wounded",
    "captured": "captured",
    "killed or wounded": "killed or wounded",
}


def noun_for(item: str | None, quantity: Any = None) -> str:
    """The unit noun after a figure ("artillery shells"), "" for uncountable items."""
    noun = _COUNT_NOUNS.get(item or "", "")
    if noun and quantity == 1:
        noun = _SINGULAR.get(noun, noun[:-1] if noun.endswith("s") else noun)
    return noun


def _is_share(item: str | None, kind: str | None) -> bool:
    return item == "share_of_supply" or kind == "production"


def format_amount(
    quantity: Any,
    bound: str | None = None,
    quantity_high: Any = None,
    *,
    item: str | None = None,
    kind: str | None = None,
    with_noun: bool = True,
) -> str:
    """A quantity with its unit: "more than 5.2 million artillery shells", "about 50% of
    supply" (shares are stored as fractions, 0.5 = half), "2 months of supply"."""
    if quantity is None:
        return "no figure"
    if _is_share(item, kind) and _is_number(quantity) and quantity <= 1.5:
        high = quantity_high * 100 if _is_number(quantity_high) else None
        text = format_quantity(quantity * 100, bound, high)
        # "50%" / "40–60%": the sign goes once, at the end.
        text = f"{text}%"
        if with_noun:
            text += " of capacity" if kind == "production" else " of supply"
        return text
    text = format_quantity(quantity, bound, quantity_high)
    noun = noun_for(item, quantity) if with_noun else ""
    return f"{text} {noun}" if noun else text


def ratio_magnitude(from_value: Any, to_value: Any) -> float | None:
    """How big a change is, direction aside: 3.0 for 1→3 million and for 3→1 million."""
    if not (_is_number(from_value) and _is_number(to_value)) or from_value <= 0 or to_value <= 0:
        return None
    ratio = to_value / from_value
    return max(ratio, 1 / ratio)


def format_ratio(from_value: Any, to_value: Any) -> str:
    """``to / from`` as "×3", "×5.2", "×0.5"; "" when either side is missing or zero."""
    if not (_is_number(from_value) and _is_number(to_value)) or from_value <= 0 or to_value < 0:
        return ""
    ratio = to_value / from_value
    if ratio >= 10:
        return f"×{ratio:.0f}"
    if ratio >= 1:
        return f"×{_trim(ratio, 1)}"
    return f"×{_trim(ratio, 2) or '0'}"


def display_date(value: Any) -> str:
    """An ISO date or datetime for people: "2024-02-27" or "2024-02-27 14:05 UTC"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        parsed: date | datetime = value
    elif isinstance(value, date):
        return value.isoformat()
    else:
        text = clean_line(value)
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text  # show what the feed said rather than nothing
        if len(text) <= 10:
            return parsed.date().isoformat()
    assert isinstance(parsed, datetime)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
        return parsed.strftime("%Y-%m-%d %H:%M UTC")
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.strftime("%Y-%m-%d %H:%M")


def safe_url(value: Any) -> str | None:
    """The link if it is plain http(s), else ``None``: a feed can put ``javascript:``
    in a link, and the HTML part must never turn that into a clickable href."""
    text = clean_line(value)
    if re.match(r"(?i)^https?://[^\s]+$", text):
        return text
    return None


def source_label(source: Any, outlet: Any = None) -> str:
    """Who makes a claim; the contract's ``outlet`` (the report's own voice) becomes
    "Yonhap's own reporting" so readers never see the bare placeholder."""
    text = clean_line(source)
    if not text:
        return "unattributed"
    if text == "outlet":
        name = clean_line(outlet)
        return f"{name}'s own reporting" if name else "the outlet's own reporting"
    return text
