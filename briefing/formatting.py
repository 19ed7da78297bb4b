"""How the briefing writes amounts, percentages, periods and dates: one formatter each.

The table, the key facts, the conflicts and the merge's warnings all print
figures through these functions, so one figure reads the same everywhere.
"""

from __future__ import annotations

import math
import re

from briefing.extract.periods import period_bounds, period_kind
from briefing.months import MONTH_ABBR, MONTH_NAMES
from briefing.scales import WRITTEN

MINUS = "\u2212"
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "CNY": "CN¥"}


def period_label(period: str) -> str:
    """Return a reader's label: "2021", "FY2017-18", "Jan–Nov 2021", "Aug 2020", "Jul 2021–Jun 2022"."""
    kind = period_kind(period)
    if kind == "fiscal":
        return f"FY{period}"
    bounds = period_bounds(period) if kind == "partial" else None
    if bounds is None:
        return period
    (y1, m1), (y2, m2) = bounds
    first, last = MONTH_ABBR[m1 - 1], MONTH_ABBR[m2 - 1]
    if (y1, m1) == (y2, m2):
        return f"{first} {y1}"
    if y1 == y2:
        return f"{first}–{last} {y1}"
    return f"{first} {y1}–{last} {y2}"


def _decimals(scaled: float) -> int:
    """Return 0 to 3 decimals: as many as the figure has, so "$318 mn" never reads "$318.0 mn"."""
    for d in (0, 1, 2, 3):
        if abs(round(scaled, d) - scaled) <= 1e-9 * max(1.0, abs(scaled)):
            return d
    return 3


def format_amount(value: float | None, currency: str = "", decimals: int | None = None) -> str:
    """Return "$40.1 bn", "€933.4 mn", "RUB 12.5 bn", "−$3.3 bn"; "" for None.

    Each cell picks its own scale (tn, bn, mn) with as many decimals as the figure
    has, up to three ("$318 mn", "$14.982 bn"), so no stated digit is lost and none is added;
    ``decimals`` asks for at least that many (to tell close conflicting values apart).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    prefix = SYMBOLS.get(currency, f"{currency} ")
    sign = MINUS if value < 0 else ""
    size = abs(value)
    for scale, word in WRITTEN:
        if scale >= 1e6 and size >= scale:
            scaled = size / scale
            return f"{sign}{prefix}{scaled:.{max(decimals or 0, _decimals(scaled))}f} {word}"
    return f"{sign}{prefix}{size:,.0f}"


def format_percent(value: float | None, signed: bool = False) -> str:
    """Return "49.0%", or "+35.9%" / "−4.4%" when signed; "" for None or NaN."""
    if value is None or math.isnan(value):
        return ""
    if not signed:
        return f"{value:.1f}%"
    sign = "+" if value > 0 else (MINUS if value < 0 else "")
    return f"{sign}{abs(value):.1f}%"


def format_stated_percent(value: float | None) -> str:
    """Return a stated share with the digits its source gives: "49%", "47.9%", "0.35%" ("" for None or NaN).

    A share is printed as read, like an amount: "49.0%" for a source's "49%" would claim a
    precision it does not give.  (Computed percentages use ``format_percent``.)
    """
    if value is None or math.isnan(value):
        return ""
    return f"{value:g}%"


def format_distinct(values: list[float], currency: str) -> list[str]:
    """Format conflicting amounts with just enough decimals that they differ."""
    texts = [format_amount(v, currency) for v in values]
    for decimals in range(2, 7):
        if len(set(texts)) == len(set(values)):
            break
        texts = [format_amount(v, currency, decimals) for v in values]
    return texts


def format_date(iso: str | None) -> str:
    """'2022-06-25' -> '25 June 2022'; partial or unknown forms pass through."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso
    month = MONTH_NAMES[int(m.group(2)) - 1]
    if m.group(3):
        return f"{int(m.group(3))} {month} {m.group(1)}"
    return f"{month} {m.group(1)}"


def axis_scale(top: float) -> tuple[float, str]:
    """The divisor and word for a chart axis whose largest value is ``top`` (1 and "" below a thousand)."""
    return next(((d, w) for d, w in WRITTEN if top >= d), (1, ""))
