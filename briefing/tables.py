"""The trade table: one row per period, derived columns, formatted cells and CSV.

pandas is imported inside the functions that need it, so importing this module
(for ``format_amount`` or ``period_label``) stays cheap.

Conflicting periods: the briefing keeps each version of a period as its own
``TradeRow``; the table shows the period once.  Each of ``total``, ``exports``
and ``imports`` holds the first-stated value, and ``<field>_values`` holds
every distinct value in order of first appearance (one value when sources
agree).  The formatted cell shows all of them ("$6.0 bn / $5.8 bn") and
``conflict`` is set.  Derived columns (``balance``, ``change_pct``) are only
computed from undisputed values: picking one version silently would present
a choice between sources as a fact.
"""
from __future__ import annotations

import csv
import io
import math
import re

from briefing.merge import period_bounds, period_key, period_kind, same_value

COLUMNS = ("period", "label", "full_year", "currency", "total", "exports", "imports", "total_values",
           "exports_values", "imports_values", "balance", "change_pct", "share", "share_text", "sources",
           "conflict")
_FIELDS = ("total", "exports", "imports")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "CNY": "CN¥"}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUS = "\u2212"
# A share of only exports or only imports does not belong in a "share of trade" column.
_ONE_FLOW = re.compile(r"export|import|purchas|buy|sale|sell|sold|supplie|shipment", re.IGNORECASE)


def period_label(period: str) -> str:
    """Return a reader's label: "2021", "FY2017-18", "Jan–Nov 2021", "Aug 2020", "Jul 2021–Jun 2022"."""
    kind = period_kind(period)
    if kind == "fiscal":
        return f"FY{period}"
    bounds = period_bounds(period) if kind == "partial" else None
    if bounds is None:
        return period
    (y1, m1), (y2, m2) = bounds
    first, last = _MONTH_ABBR[m1 - 1], _MONTH_ABBR[m2 - 1]
    if (y1, m1) == (y2, m2):
        return f"{first} {y1}"
    if y1 == y2:
        return f"{first}–{last} {y1}"
    return f"{first} {y1}–{last} {y2}"


def _decimals(scaled: float) -> int:
    """Return 1 to 3 decimals: one as the norm, more when the figure was stated more precisely."""
    for d in (1, 2, 3):
        if abs(round(scaled, d) - scaled) <= 1e-9 * max(1.0, abs(scaled)):
            return d
    return 3


def format_amount(value: float | None, currency: str, decimals: int | None = None) -> str:
    """Return "$40.1 bn", "€933.4 mn", "RUB 12.5 bn", "−$3.3 bn"; "" for None.

    Each cell picks its own scale (tn, bn, mn) with one decimal, or up to three
    when the source stated more ("$14.982 bn"), so no stated digit is lost;
    ``decimals`` asks for at least that many (to tell close conflicting values apart).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    prefix = _SYMBOLS.get(currency, f"{currency} ")
    sign = MINUS if value < 0 else ""
    size = abs(value)
    for scale, word in _SCALES:
        if size >= scale:
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


def _distinct(values) -> tuple:
    out: list[float] = []
    for v in values:
        if v is not None and not any(same_value(v, o) for o in out):
            out.append(v)
    return tuple(out)


def _share_for(period: str, shares) -> tuple[float | None, str | None]:
    """Return the first share of total trade stated for the period (not of exports or imports alone)."""
    for share in shares:
        if share.period == period and not _ONE_FLOW.search(share.text):
            return share.percent, share.text
    return None, None


def _records(briefing) -> list[dict]:
    """Return one record per (period, currency), versions of a conflicting period folded together."""
    grouped: dict[tuple, list] = {}
    for row in briefing.trade:
        grouped.setdefault((row.period, row.currency), []).append(row)
    records = []
    for (period, currency), rows in sorted(grouped.items(), key=lambda kv: (period_key(kv[0][0]), kv[0][1])):
        rec = {"period": period, "label": period_label(period), "full_year": rows[0].full_year,
               "currency": currency}
        for field in _FIELDS:
            values = _distinct(getattr(r, field) for r in rows)
            rec[f"{field}_values"] = values
            rec[field] = values[0] if values else None
        rec["conflict"] = any(len(rec[f"{f}_values"]) > 1 for f in _FIELDS)
        rec["sources"] = tuple(dict.fromkeys(s for r in rows for s in r.sources))
        rec["share"], rec["share_text"] = _share_for(period, briefing.shares)
        records.append(rec)
    return records


def _next_year(bounds) -> tuple:
    (y1, m1), (y2, m2) = bounds
    return (y1 + 1, m1), (y2 + 1, m2)


def trade_frame(briefing):
    """Return a pandas DataFrame with one row per period, ascending (see the module docstring).

    Derived columns are computed on the frame: balance = exports - imports, and
    change_pct = total against the same kind of full period one year earlier,
    found by joining the frame with itself shifted by a year.
    """
    import pandas as pd

    base = [c for c in COLUMNS if c not in ("balance", "change_pct")]
    frame = pd.DataFrame.from_records(_records(briefing), columns=base)

    def undisputed(field):  # a disputed value never feeds a derived figure
        return pd.to_numeric(frame[f"{field}_values"].map(lambda v: v[0] if len(v) == 1 else None),
                             errors="coerce").astype("float64")

    frame["balance"] = undisputed("exports") - undisputed("imports")
    keys = pd.DataFrame({
        "kind": frame["period"].map(period_kind),
        "bounds": frame["period"].map(period_bounds),
        "currency": frame["currency"],
        "total": undisputed("total"),
    })
    full = keys["kind"].isin(["year", "fiscal"])
    a_year_later = keys[full].assign(bounds=lambda k: k["bounds"].map(_next_year)).rename(
        columns={"total": "previous_total"})
    joined = keys.merge(a_year_later, on=["kind", "bounds", "currency"], how="left")
    change = (joined["total"] / joined["previous_total"] - 1) * 100
    frame["change_pct"] = change.where(full & joined["previous_total"].gt(0)).to_numpy()
    for column in ("total", "exports", "imports", "share"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame[list(COLUMNS)]


def _cell_values(row, field: str, currency: str) -> str:
    return " / ".join(format_amount(v, currency) for v in row[f"{field}_values"])


def table_rows(frame, currency: str) -> list[dict]:
    """Return formatted strings per period for the renderer (disputed values joined by " / ")."""
    return [_formatted(row, currency) for _, row in frame.iterrows()]


def _formatted(row, currency: str) -> dict:
    """One period's cells, from a frame row or a plain record."""
    cur = row.get("currency") or currency
    return {
        "period": row["period"],
        "label": row["label"],
        "partial": "" if row["full_year"] else "yes",
        "total": _cell_values(row, "total", cur),
        "exports": _cell_values(row, "exports", cur),
        "imports": _cell_values(row, "imports", cur),
        "balance": format_amount(_num(row["balance"]), cur),
        "change": format_percent(_num(row["change_pct"]), signed=True),
        "share": format_percent(_num(row["share"])),
        "share_text": row["share_text"] or "",
        "sources": list(row["sources"]),
        "conflict": "yes" if row["conflict"] else "",
    }


def _num(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _plain(value: float | None) -> str:
    """Return a number for CSV: rounded to cents (float noise gone), integral amounts without a point."""
    if value is None:
        return ""
    value = round(float(value), 2)
    return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)


def table_csv(frame) -> str:
    """Return the table as CSV with plain numbers; a disputed field lists its values joined by ";"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "label", "full_year", "currency", "total", "exports", "imports", "balance",
                     "change_pct", "share", "conflict", "sources"])
    for _, row in frame.iterrows():
        change = _num(row["change_pct"])
        writer.writerow([
            row["period"], row["label"], "true" if row["full_year"] else "false", row["currency"],
            *(";".join(_plain(v) for v in row[f"{f}_values"]) for f in _FIELDS),
            _plain(_num(row["balance"])),
            "" if change is None else f"{change:.2f}",
            _plain(_num(row["share"])),
            "true" if row["conflict"] else "false",
            ";".join(row["sources"]),
        ])
    return out.getvalue()
