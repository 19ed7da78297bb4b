"""When two stated amounts are the same value: one rule for merging figures and for the trade table.

Apart from ``merge`` so that the trade table (made in the render process) does not
load the whole merging stack (dedupe, rapidfuzz, the stemmer) for one comparison.
"""

from __future__ import annotations

REL_TOL = 1e-6  # two amounts this close are the same value written twice


def same_value(a: float | None, b: float | None) -> bool:
    """Tell whether two amounts are the same value (within REL_TOL)."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b), 1e-12)
