"""The trade table: one row per period, derived columns, formatted cells and CSV.

pandas is imported inside the functions that need it, so importing this module
stays cheap. Cells are formatted by ``briefing.formatting``.

Conflicting periods: the briefing keeps each version of a period as its own
``TradeRow``; the table shows the period once.  Each of ``total``, ``exports``
and ``imports`` holds the first-stated value, and ``<field>_values`` holds
every distinct value in order of first appearance (one value when sources
agree).  The formatted cell shows all of them ("$6 bn / $5.8 bn") and
``conflict`` is set.  Derived columns (``balance``, ``change_pct``) are only
computed from undisputed values: picking one version silently would present
a choice between sources as a fact.
"""

from __future__ import annotations

import csv
import io
import math
import re

from briefing.extract.periods import period_bounds, period_key, period_kind
from briefing.formatting import format_amount, format_percent, format_stated_percent, period_label
from briefing.months import MONTH_ABBR
from briefing.values import same_value

COLUMNS = (
    "period",
    "label",
    "full_year",
    "currency",
    "total",
    "exports",
    "imports",
    "total_values",
    "exports_values",
    "imports_values",
    "balance",
    "change_pct",
    "share",
    "share_text",
    "sources",
    "conflict",
)
_FIELDS = ("total", "exports", "imports")
# A share of only exports or only imports does not belong in a "share of trade" column.
_ONE_FLOW = re.compile(r"export|import|purchas|buy|sale|sell|sold|supplie|shipment", re.IGNORECASE)


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


def fiscal_label(period: str, months: str | None) -> str:
    """ "FY2022-23 (Jul–Jun)": a fiscal year's label with the months of its country's calendar."""
    label = period_label(period)
    if not months:
        return label
    bounds = period_bounds(months)
    if bounds is None:
        return label
    (_, m1), (_, m2) = bounds
    return f"{label} ({MONTH_ABBR[m1 - 1]}–{MONTH_ABBR[m2 - 1]})"


def _records(briefing) -> list[dict]:
    """Return one record per (period, currency), versions of a conflicting period folded together."""
    grouped: dict[tuple, list] = {}
    for row in briefing.trade:
        grouped.setdefault((row.period, row.currency, row.months or ""), []).append(row)
    records = []
    for (period, currency, months), rows in sorted(
        grouped.items(), key=lambda kv: (period_key(kv[0][0]), kv[0][1], kv[0][2])
    ):
        rec = {
            "period": period,
            "label": fiscal_label(period, months),
            "full_year": rows[0].full_year,
            "currency": currency,
            "months": months,
        }
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
    records = _records(briefing)
    frame = pd.DataFrame.from_records(records, columns=base)

    def undisputed(field):  # a disputed value never feeds a derived figure
        return pd.to_numeric(
            frame[f"{field}_values"].map(lambda v: v[0] if len(v) == 1 else None), errors="coerce"
        ).astype("float64")

    frame["balance"] = undisputed("exports") - undisputed("imports")
    keys = pd.DataFrame(
        {
            "kind": frame["period"].map(period_kind),
            "bounds": frame["period"].map(period_bounds),
            "currency": frame["currency"],
            # a fiscal year's own calendar ("07..06"): a change compares a year with the year before on it
            "calendar": [r["months"][5:7] + ".." + r["months"][-2:] if r["months"] else "" for r in records],
            "total": undisputed("total"),
        }
    )
    full = keys["kind"].isin(["year", "fiscal"])
    a_year_later = (
        keys[full].assign(bounds=lambda k: k["bounds"].map(_next_year)).rename(columns={"total": "previous_total"})
    )
    # One base per period, currency and calendar: a fiscal year compares with the year before on its own
    # calendar, never with the same label on another reporter's.
    base_total = (
        a_year_later.dropna(subset=["previous_total"])
        .groupby(["kind", "bounds", "currency", "calendar"], as_index=False, sort=False)["previous_total"]
        .agg(lambda s: s.iloc[0] if s.nunique() == 1 else float("nan"))
    )
    joined = keys.merge(base_total, on=["kind", "bounds", "currency", "calendar"], how="left")
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
        "currency": cur,
        "label": row["label"],
        "partial": "" if row["full_year"] else "yes",
        "total": _cell_values(row, "total", cur),
        "exports": _cell_values(row, "exports", cur),
        "imports": _cell_values(row, "imports", cur),
        "balance": format_amount(_num(row["balance"]), cur),
        "change": format_percent(_num(row["change_pct"]), signed=True),
        "share": format_stated_percent(_num(row["share"])),
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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def csv_safe(cell) -> str:
    """A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "@cmd") gets a leading "'" (OWASP).

    Plain negative numbers ("-3.50") stay numbers.
    """
    cell = "" if cell is None else str(cell)
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def table_csv(frame) -> str:
    """Return the table as CSV with plain numbers; a disputed field lists its values joined by ";"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "period",
            "label",
            "full_year",
            "currency",
            "total",
            "exports",
            "imports",
            "balance",
            "change_pct",
            "share",
            "conflict",
            "sources",
        ]
    )
    for _, row in frame.iterrows():
        change = _num(row["change_pct"])
        writer.writerow(
            csv_safe(cell)
            for cell in [
                row["period"],
                row["label"],
                "true" if row["full_year"] else "false",
                row["currency"],
                *(";".join(_plain(v) for v in row[f"{f}_values"]) for f in _FIELDS),
                _plain(_num(row["balance"])),
                "" if change is None else f"{change:.2f}",
                _plain(_num(row["share"])),
                "true" if row["conflict"] else "false",
                ";".join(row["sources"]),
            ]
        )
    return out.getvalue()
