"""The same extracts as the PDF, as JSON (everything) or CSV (the trade table)."""

from __future__ import annotations

import json

from briefing.model import Briefing


def to_dict(briefing: Briefing) -> dict:
    """Return the briefing as plain JSON-ready data; key names are a public interface."""
    return {
        "countries": list(briefing.countries),
        "reporter": briefing.reporter,
        "documents": [
            {
                "file": d.file,
                "date": d.date,
                "date_source": d.date_source,
                "places": list(d.places),
                "agency": d.agency,
                "title": d.title,
                "outlet": d.outlet,
                "url": d.url,
                "format": d.format,
                "sha256": d.sha256,
            }
            for d in briefing.documents
        ],
        "trade": [
            {
                "period": r.period,
                "full_year": r.full_year,
                "reporter": r.reporter,
                "partner": r.partner,
                "total": r.total,
                "exports": r.exports,
                "imports": r.imports,
                "currency": r.currency,
                "months": r.months,
                "sources": list(r.sources),
            }
            for r in briefing.trade
        ],
        "shares": [
            {"period": s.period, "percent": s.percent, "text": s.text, "sources": list(s.sources)}
            for s in briefing.shares
        ],
        "events": [
            {
                "year": e.year,
                "date": e.date,
                "derived": e.derived,
                "text": e.text,
                "how": e.how,
                "sources": list(e.sources),
            }
            for e in briefing.events
        ],
        "sections": {
            name: [{"text": s.text, "sources": list(s.sources)} for s in briefing.sections.get(name, ())]
            for name in briefing.section_names()
        },
        "conflicts": [
            {
                "period": c.period,
                "field": c.field,
                "values": [{"value": v.value, "sources": list(v.sources)} for v in c.values],
            }
            for c in briefing.conflicts
        ],
        "amounts": [
            {
                "file": r.source,
                "text": r.text,
                "value": r.value,
                "currency": r.currency,
                "period": r.period,
                "field": r.field,
                "reporter": r.reporter,
                "partner": r.partner,
                "in_table": r.reason is None,
                "reason": r.reason,
                "sentence": r.sentence,
            }
            for r in briefing.amounts
        ],
        "warnings": list(briefing.warnings),
        "skipped": list(briefing.skipped),
        **({"changes": briefing.changes} if briefing.changes is not None else {}),
    }


def explain(briefing: Briefing) -> str:
    """How every money amount of the sources was read, one block per amount, for ``extract --explain``."""
    lines = []
    for r in briefing.amounts:
        if r.reason is None:
            side = f", {r.reporter} with {r.partner}" if r.reporter else ""
            verdict = f"in the table: {r.field} {r.period}{side}, {r.value:,.0f} {r.currency}"
        else:
            verdict = f"not in the table: {r.reason}"
        lines += [f"{r.source}: {r.text} -> {verdict}", f'    "{r.sentence}"']
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(briefing: Briefing) -> str:
    return json.dumps(to_dict(briefing), ensure_ascii=False, indent=2) + "\n"


def to_csv(briefing: Briefing) -> str:
    from briefing.tables import table_csv, trade_frame

    return table_csv(trade_frame(briefing))
