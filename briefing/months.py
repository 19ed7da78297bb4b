"""The one table of month names: read in any case, full or abbreviated, and written out."""

from __future__ import annotations

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)


class _Table(dict[str, int]):
    """A dict of lower-case month names that also finds a name the case-blind patterns matched
    in other letters: Python's re.IGNORECASE folds "ſ" onto "s" (and "ı", "İ" onto "i"), so
    "ſeptember" matches, and ``.lower()`` alone would not find it.  Only a missing key is folded."""

    def __missing__(self, key: str) -> int:
        folded = key.casefold().replace("ı", "i").replace("\u0307", "")
        if folded != key and folded in self:
            return self[folded]
        raise KeyError(key)


# "january", "jan" and "sept" -> month number
MONTHS: dict[str, int] = _Table(
    {
        **{name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)},
        **{abbr.lower(): n for n, abbr in enumerate(MONTH_ABBR, 1)},
        "sept": 9,
    }
)

# The same table as regular-expression groups, so no pattern spells the months again.
#: The full names as written ("March"), for patterns that match case.
MONTH_NAME_RX = "(?:" + "|".join(MONTH_NAMES) + ")"
#: Any name or abbreviation ("jan", "sept", "september"), longest first, for case-blind patterns.
MONTH_RX = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
#: The same, capitalised ("Sept", "September"), for patterns that match case.
MONTH_CAP_RX = "(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + ")"
