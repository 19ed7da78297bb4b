"""What changed since the previous build: a pure comparison of two exported briefings.

Both inputs are ``briefing.export.to_dict`` output, so the previous build only
has to keep its JSON, and the result is plain data for the JSON export
(``changes``) and the PDF's "Changes since <date>" box.
"""

from __future__ import annotations

import math

FIELDS = ("total", "exports", "imports")


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _row_key(row: dict) -> tuple:
    return (row.get("period"), row.get("reporter"), row.get("partner"))


def _files(data: dict) -> dict[str, str | None]:
    return {d["file"]: d.get("sha256") for d in data.get("documents", ())}


def figure_changes(old_rows: list[dict], new_rows: list[dict]) -> list[dict]:
    """Return every figure that is new, revised or gone, row by row and field by field.

    A row is one period seen from one reporter towards one partner; a change of
    currency counts as a revision, since the old and new numbers differ in meaning.
    """
    old = {_row_key(r): r for r in old_rows}
    new = {_row_key(r): r for r in new_rows}
    out = []
    for key in sorted(set(old) | set(new), key=lambda k: tuple("" if v is None else str(v) for v in k)):
        before, after = old.get(key, {}), new.get(key, {})
        for name in FIELDS:
            a, b = before.get(name), after.get(name)
            if a is None and b is None:
                continue
            if _same(a, b) and before.get("currency") == after.get("currency"):
                continue
            kind = "new" if a is None else "removed" if b is None else "revised"
            row = after if b is not None else before
            out.append(
                {
                    "period": key[0],
                    "reporter": key[1],
                    "partner": key[2],
                    "field": name,
                    "kind": kind,
                    "old": a,
                    "new": b,
                    "currency": row.get("currency"),
                    "old_currency": before.get("currency") if before else None,
                    "sources": list(row.get("sources", ())),
                }
            )
    return out


def new_events(old_events: list[dict], new_events_: list[dict]) -> list[dict]:
    """Return the events of the new build that the previous one did not have (same date and sentence)."""
    seen = {(e.get("year"), e.get("date"), e.get("text")) for e in old_events}
    return [
        {"year": e.get("year"), "date": e.get("date"), "text": e.get("text"), "sources": list(e.get("sources", ()))}
        for e in new_events_
        if (e.get("year"), e.get("date"), e.get("text")) not in seen
    ]


def compute(previous: dict, current: dict, previous_built: str | None = None) -> dict:
    """Return the changes from ``previous`` to ``current`` (both ``export.to_dict`` data).

    ``previous_date`` is the previous briefing's "Updated" date (its newest
    source date: what a reader saw on it, and no clock, so the PDF stays
    reproducible); ``previous_built`` is the build's timestamp, for the JSON
    only; ``empty`` tells the template there is nothing to show.
    """
    before, after = _files(previous), _files(current)
    dates = [d["date"] for d in previous.get("documents", ()) if d.get("date")]
    changes = {
        "previous_date": max(dates) if dates else None,
        "previous_built": previous_built,
        "sources_added": sorted(f for f in after if f not in before),
        "sources_removed": sorted(f for f in before if f not in after),
        "sources_changed": sorted(f for f in after if f in before and before[f] != after[f]),
        "figures": figure_changes(previous.get("trade", []), current.get("trade", [])),
        "new_events": new_events(previous.get("events", []), current.get("events", [])),
    }
    changes["empty"] = not any(
        changes[k] for k in ("sources_added", "sources_removed", "sources_changed", "figures", "new_events")
    )
    return changes
