"""The facts the Overview paragraph is written from: figures with where they come from.

Nothing here writes prose; ``templates/overview.xml.j2`` words these facts and
the user may reword it.  Every figure carries its provenance: a *stated*
figure names the files that state it; a *computed* one (a change, a balance)
names the stated figures it was computed from, so the template can say so and
a test can recompute it.  Pure functions of the Briefing.
"""

from __future__ import annotations

from briefing.extract.periods import period_key, period_kind
from briefing.model import Briefing, TradeRow

MAX_EVENTS = 2  # latest dated events named in the overview


def _previous_period(period: str) -> str | None:
    """The full-year period just before ``period`` ("2022" -> "2021", "2021-22" -> "2020-21")."""
    kind = period_kind(period)
    if kind == "year":
        return str(int(period) - 1)
    if kind == "fiscal":
        start = int(period[:4]) - 1
        end = period[5:]
        return f"{start}-{(int(end) - 1) % (100 if len(end) == 2 else 10000):0{len(end)}d}"
    return None


def _calendar(row: TradeRow) -> str:
    """A fiscal row's own calendar ("07..06"); "" for calendar years."""
    return f"{row.months[5:7]}..{row.months[-2:]}" if row.months else ""


def _rows(briefing: Briefing, currency: str) -> dict[str, list[TradeRow]]:
    """Full-year totals by period, on one calendar: the latest period's (the first, when one label is on
    several reporters' calendars). The same label on two calendars is two years, never a disagreement."""
    rows = [r for r in briefing.trade if r.full_year and r.currency == currency and r.total is not None]
    if not rows:
        return {}
    latest = max(period_key(r.period) for r in rows)
    calendar = min(_calendar(r) for r in rows if period_key(r.period) == latest)
    by_period: dict[str, list[TradeRow]] = {}
    for row in rows:
        if _calendar(row) == calendar:
            by_period.setdefault(row.period, []).append(row)
    return by_period


def latest_currency(briefing: Briefing, preferred: str = "") -> str:
    """The currency of the most recent full-year total (the table's own currency on a tie)."""
    best: dict[str, tuple] = {}
    for row in briefing.trade:
        if row.full_year and row.total is not None:
            key = period_key(row.period)
            if row.currency not in best or key > best[row.currency]:
                best[row.currency] = key
    if not best:
        return preferred
    return max(best, key=lambda c: (best[c], c == preferred))


def _disputed(briefing: Briefing, period: str, field: str) -> bool:
    return any(c.period == period and c.field == field for c in briefing.conflicts)


def trade(briefing: Briefing, currency: str) -> dict | None:
    """The latest full-year total with, when stated figures allow, its change and the balance.

    Returns None without a full-year total.  A total the sources disagree on
    is given with every version and no change is computed from it.
    """
    by_period = _rows(briefing, currency)
    if not by_period:
        return None
    period = max(by_period, key=period_key)
    rows = by_period[period]
    out: dict = {
        "period": period,
        "currency": currency,
        "totals": [{"value": r.total, "sources": list(r.sources)} for r in rows],
        "disputed": len(rows) > 1 or _disputed(briefing, period, "total"),
        "change": None,
        "balance": None,
    }
    if out["disputed"]:
        return out
    row = rows[0]
    previous = _previous_period(period)
    before = by_period.get(previous or "", [])
    new, old = row.total, before[0].total if len(before) == 1 else None
    if new is not None and old and not _disputed(briefing, previous or "", "total"):
        out["change"] = {
            "percent": (new - old) / old * 100,
            "previous": previous,
            "previous_value": old,
            "previous_sources": list(before[0].sources),
            "computed_from": [new, old],
        }
    if (
        row.exports is not None
        and row.imports is not None
        and row.reporter
        and not _disputed(briefing, period, "exports")
        and not _disputed(briefing, period, "imports")
    ):
        out["balance"] = {
            "value": row.exports - row.imports,
            "reporter": row.reporter,
            "partner": row.partner,
            "exports": row.exports,
            "imports": row.imports,
            "sources": list(row.sources),
            "computed_from": [row.exports, row.imports],
        }
    return out


def flows(briefing: Briefing, preferred: str = "") -> dict | None:
    """Without a full-year total: the latest full year whose exports and imports are both stated (one
    row, no source disputing either; the table's own currency when the year is stated in several),
    with the balance computed from them."""
    rows = [
        r
        for r in briefing.trade
        if r.full_year
        and r.reporter
        and r.exports is not None
        and r.imports is not None
        and not _disputed(briefing, r.period, "exports")
        and not _disputed(briefing, r.period, "imports")
    ]
    if not rows:
        return None
    latest = max(period_key(r.period) for r in rows)
    rows = [r for r in rows if period_key(r.period) == latest]
    if len(rows) > 1:
        rows = [r for r in rows if r.currency == preferred]
    if len(rows) != 1:
        return None  # the same year in two other currencies: no one figure to give
    row = rows[0]
    assert row.exports is not None and row.imports is not None
    return {
        "period": row.period,
        "currency": row.currency,
        "reporter": row.reporter,
        "partner": row.partner,
        "exports": row.exports,
        "imports": row.imports,
        "sources": list(row.sources),
        "balance": {"value": row.exports - row.imports, "computed_from": [row.exports, row.imports]},
    }


def latest_events(briefing: Briefing, n: int = MAX_EVENTS) -> list:
    """The ``n`` most recent events stated with a date (not derived) that report an agreement, a
    visit or a dispute, latest first; a sentence that cannot stand alone ("It was ...") is skipped."""
    from briefing.ranking import SUBSTANCE
    from briefing.statements import printable

    dated = [e for e in briefing.events if not e.derived and printable(e.text) and SUBSTANCE.search(e.text)]
    dated.sort(key=lambda e: (e.year, e.date or f"{e.year:04d}-00-00"), reverse=True)
    seen, out = set(), []
    for e in dated:
        if e.text not in seen:
            seen.add(e.text)
            out.append(e)
        if len(out) == n:
            break
    return out


def span(briefing: Briefing) -> dict:
    """How many sources, and the first and last dateline dates with the files that carry them."""
    dated = sorted((d.date, d.file) for d in briefing.documents if d.date)
    return {
        "count": len(briefing.documents),
        "first": dated[0] if dated else None,
        "last": dated[-1] if dated else None,
    }
