"""Is this the same story? Jaccard similarity of word 5-gram shingles, estimated by a MinHash signature.

Wire copy is republished with a new headline, a trimmed tail or an added paragraph; the word
sequence mostly survives. Two texts are compared as sets of hashed k-word shingles. Hashes are
CRC-32 based, not Python's ``hash()``, so a shingle set computed in one process (and stored)
compares equal to one computed in another.

The pipeline stores a :func:`signature` of :data:`SIGNATURE_SIZE` slots per relevant article
(in ArticleClassified) and compares signatures, not shingle sets: the share of equal slots
estimates the exact :func:`jaccard`, at a fixed cost per comparison whatever the text length.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

__all__ = [
    "SAME_STORY_THRESHOLD",
    "SIGNATURE_SIZE",
    "jaccard",
    "same_story",
    "shingles",
    "signature",
    "signature_similarity",
]

#: Similarity at or above which two texts are the same story. Re-edits of one wire report
#: score 0.5-0.9 on 5-shingles; different reports of the same event score under 0.15.
SAME_STORY_THRESHOLD = 0.6
#: MinHash slots per signature (changing it changes every stored signature's meaning).
SIGNATURE_SIZE = 32

_WORD = re.compile(r"[0-9a-z]+(?:['.,][0-9a-z]+)*")
_MASK = (1 << 64) - 1
_MULT = 1_000_003  # odd multiplier for the positional hash combine


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def shingles(text: str, k: int = 5) -> frozenset[int]:
    """Hashes of every run of ``k`` consecutive words (lowercased, punctuation dropped).

    A text shorter than ``k`` words yields one shingle of all its words, so short texts still
    compare (equal texts give Jaccard 1.0, not 0/0).
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    ids = [zlib.crc32(w.encode()) for w in _words(text)]
    if not ids:
        return frozenset()
    if len(ids) < k:
        k = len(ids)
    out = set()
    for i in range(len(ids) - k + 1):
        h = 0
        for token in ids[i : i + k]:
            h = (h * _MULT + token) & _MASK
        out.add(h)
    return frozenset(out)


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """|a & b| / |a | b|; 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    inter = sum(1 for x in a if x in b)
    return inter / (len(a) + len(b) - inter)


def signature(text: str) -> list[int]:
    """A MinHash signature of the text's word shingles: near-identical texts share most slots."""
    grams = shingles(text)
    if not grams:
        return []
    # Imported here, not at the top: a poll with nothing new loads no numpy (tests/app/test_lazy_imports.py).
    import numpy

    # Slot s holds min over the shingles g of ((g ^ s * 0x9E3779B1) * 0x100000001B3) mod 2**48. The
    # arithmetic runs on uint64, whose products wrap mod 2**64; the low 48 bits are those of the
    # exact product, so the slots equal the Python-int formula's (tests/claims/test_stories.py pins
    # it), in one pass over all 32 slots instead of 32 Python loops over the shingles.
    values = numpy.fromiter(grams, dtype=numpy.uint64, count=len(grams))
    mixed = (values ^ _slot_salts(numpy)) * numpy.uint64(_SLOT_MULT) & numpy.uint64(_SLOT_MASK)
    return list(mixed.min(axis=1).tolist())


_SLOT_MULT = 0x100000001B3  # the FNV-1a 64-bit prime: an odd multiplier that spreads the bits
_SLOT_MASK = (1 << 48) - 1
_salts: list[Any] = []


def _slot_salts(numpy: Any) -> Any:
    """A column of the :data:`SIGNATURE_SIZE` slot salts, made once per process."""
    if not _salts:
        _salts.append(numpy.array([seed * 0x9E3779B1 for seed in range(SIGNATURE_SIZE)], dtype=numpy.uint64)[:, None])
    return _salts[0]


def signature_similarity(a: list[int], b: list[int]) -> float:
    """The share of equal slots: an estimate of the two texts' :func:`jaccard`."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(map(int.__eq__, a, b)) / len(a)


def same_story(a: list[int], b: list[int]) -> bool:
    """Do these two signatures belong to one story?"""
    return signature_similarity(a, b) >= SAME_STORY_THRESHOLD
