"""The one table of scale words: "2.5 billion", "$3bn", "RUB 40 mln", "Rs 5 crore", "$12k".

Every pattern that reads a scale word, and every value one stands for, comes
from ``SCALES``; the subsets below only say which words a reading may trust.
"""

from __future__ import annotations

import re

#: A scale word as written (lower case, words apart by one space) -> the number it multiplies by.
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "tr": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "lakh crore": 1e12,
}

#: Indian numbering: also counts of people and goods, so only a currency makes them money.
_INDIAN = frozenset({"lakh", "lakhs", "crore", "crores", "cr", "lakh crore"})

#: A million and more, written out or in short (no single letter: "5 m" is also metres, "5 k" a
#: distance): a number followed by one states a figure ("4.2 bn", "3 tn") even with no currency.
LARGE = tuple(w for w, f in SCALES.items() if f >= 1e6 and len(w) > 1 and w not in _INDIAN)

#: The large words that stand for nothing but a scale ("tn" is also tonnes, "tr" too short to
#: trust): after a number with no currency near it, one of these still makes it an amount.
BARE = tuple(w for w in LARGE if w not in ("tn", "tr"))

#: How the briefing writes scales, largest first (amounts use tn/bn/mn; chart axes also k).
WRITTEN = tuple((SCALES[w], w) for w in ("tn", "bn", "mn", "k"))


def factor(word: str) -> float | None:
    """The number a scale word as matched stands for ("Bn.", "lakh  crore"); None if it is none."""
    return SCALES.get(" ".join(word.lower().rstrip(".").split()))


def alternation(words=SCALES) -> str:
    """A regular-expression alternation of ``words``, longest first, any space between words.

    Longest first so that "mln" is not read as "m" and "lakh crore" not as "lakh"; the
    caller adds the word boundary and the case flag.
    """
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
