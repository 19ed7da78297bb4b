"""Which statements a reader needs first, when a section holds more than it prints.

Citation count alone keeps third-country export figures that every outlet
repeats and drops the one agreement the two presidents signed.  A statement is
scored instead on what a desk officer reads for, in this order of weight:

1. it is about the pair: both countries named, or one named and no other
   country (the other is implied); a statement about third countries only
   goes last, and one about a third country's trade below everything;
2. it names actors and institutions (a president, a ministry, a court);
3. it reports an agreement, a visit or a dispute;
4. it carries dates and figures, and more sources state it;
5. a short lead-in without a figure or a name ("Politics has shaped the
   numbers.") comes last: it announces what the source says next.

Pure functions of the text, its sources and the pair.
"""

from __future__ import annotations

import re

from briefing.statements import SUBSTANCE, thin

ACTOR = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Crown Prince|Minister|Ministry|"
    r"Secretary|Ambassador|Parliament|Senate|Congress|Assembly|Court|Council|Commission|Bank|Agency|"
    r"Bureau|Office|Institute|Authority|Chamber|Government|Cabinet|Army|Navy|Police|Embassy|Union)\b"
)
PROPER = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+(?: [A-Z][a-z]+)*")
TRADE = re.compile(
    r"\b(?:export\w*|import\w*|trade|traded|trading|shipments?|sales?|sold|bought|purchases?)\b", re.IGNORECASE
)
YEAR = re.compile(r"\b(?:1[89]|20|21)\d{2}\b")
NUMBER = re.compile(r"\d")


def pair_focus(text: str, pair: tuple[str, ...]) -> int:
    """2 both named, 1 one named (no third country), 0 one named with others or none named,
    -1 only third countries named, -2 a third country's trade."""
    from briefing.countries import count_mentions

    named = count_mentions(text)
    ours = {c for c in named if c in pair}
    others = set(named) - set(pair)
    if len(ours) >= 2:
        return 2
    if ours and not others:
        return 1
    if ours:
        return 0
    if others:
        return -2 if TRADE.search(text) else -1
    return 0


def score(text: str, sources, pair: tuple[str, ...]) -> float:
    """How much the reader needs this statement (higher first); see the module docstring."""
    focus = pair_focus(text, pair)
    actors = min(2, len(ACTOR.findall(text)) + len(PROPER.findall(text)) // 2)
    substance = min(2, len(SUBSTANCE.findall(text)))
    dated = 1 if YEAR.search(text) else 0
    figures = 1 if NUMBER.search(text) else 0
    support = min(3, len(set(sources)) - 1)
    lead_in = 12 if thin(text) else 0  # "Politics has shaped the numbers.": says what follows, not a fact
    return 8 * focus + 2 * actors + 3 * substance + dated + figures + 1.5 * support - lead_in


def rank_key(text: str, sources, pair: tuple[str, ...]) -> tuple:
    """Sort key, most needed first; ties keep the merged order (the caller adds the position)."""
    return (-score(text, sources, pair),)
