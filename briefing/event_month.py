"""The month of a year-dated event, when its own sentence names it.

An event dated to a year only ("2022") whose sentence says "held a meeting in
May" or "announced in December 2021" happened in that month of that year; the
timeline and the overview print "May 2022" rather than a bare year.  Only a
sentence that leaves no doubt counts: a month written with the event's year,
or, when the sentence writes no year at all (the year came from the article's
date), one month named after a preposition ("in March", "since June",
"mid-May").  Two different months, or a month beside another year, leave the
year alone.
"""

from __future__ import annotations

import briefing.extract.lazyre as lazyre  # the module alone: the extract package imports this file
from briefing.months import MONTH_NAME_RX, MONTH_NAMES

# "April 2015", "March 3, 2021", "June of 2019"
_WITH_YEAR = lazyre.compile(rf"\b({MONTH_NAME_RX})\s+(?:\d{{1,2}},?\s+)?(?:of\s+)?(\d{{4}})\b")
# "in May", "since June", "early March", "mid-July", "at the end of October"; never "May 2022" or "May 12"
_AFTER_PREPOSITION = lazyre.compile(
    rf"(?:\b(?i:in|on|since|until|till|by|during|from|through|last|this|early|late|end\s+of|"
    rf"beginning\s+of|start\s+of)\s+|\b(?i:mid)-)({MONTH_NAME_RX})\b(?!\s*\d)"
)
_ANY_MONTH = lazyre.compile(rf"\b({MONTH_NAME_RX})\b")
_A_YEAR = lazyre.compile(r"\b(?:1[6-9]|20)\d\d\b")


def event_month(text: str, year: int) -> str | None:
    """ "YYYY-MM" when ``text`` names one month of ``year`` beyond doubt, else None."""
    paired = [(m.group(1), int(m.group(2))) for m in _WITH_YEAR.finditer(text)]
    stated = {name for name, y in paired if y == year}
    if stated:
        # every month named is this one, or written with another year ("January and September 2015" is a span)
        loose = {m.group(1) for m in _ANY_MONTH.finditer(text)} - {name for name, y in paired if y != year}
        return f"{year:04d}-{MONTH_NAMES.index(stated.pop()) + 1:02d}" if loose == stated else None
    if _A_YEAR.search(text):
        return None  # a month beside another year may be that year's
    named = {m.group(1) for m in _ANY_MONTH.finditer(text)}
    if len(named) != 1 or not _AFTER_PREPOSITION.search(text):
        return None
    return f"{year:04d}-{MONTH_NAMES.index(named.pop()) + 1:02d}"
