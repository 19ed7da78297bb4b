"""Render a Briefing into the small XML document language that pdf.py lays out.

The templates (Jinja2, user folder first, then the package defaults) decide which
sections exist, their order, titles, fixed wording and the trade-table columns;
this module only turns the Briefing into plain, already formatted data for them.
Source text is data: it reaches the templates as strings and is XML-escaped by
autoescaping, so nothing in an article can act as markup or template code.
"""

from __future__ import annotations

import re
import traceback
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import jinja2.sandbox

from . import __version__, layout
from .config import Settings
from .errors import TemplateError
from .formatting import axis_scale, format_amount, format_date, format_distinct, format_stated_percent, period_label
from .model import Briefing, Conflict
from .resources import DEFAULT_TEMPLATES

MAIN_TEMPLATE = "briefing.xml.j2"

# Readability limits for big archives (the JSON export always has everything).
MAX_STATEMENTS = 25  # per section; briefing.toml: max_statements (0: no limit)
MAX_EVENTS = 30  # timeline rows; briefing.toml: max_events (0: no limit)
MAX_CITES = 3  # citation numbers printed after one item; the rest are counted ("and 12 more")
COMPACT_TABLE_AT = 40  # a longer trade table drops partial-year rows its full years make redundant
LIST_ALL_SOURCES = 60  # up to this many documents the source list is complete; beyond, only cited ones

# Characters XML 1.0 cannot carry even escaped (form feeds, NULs from bad decodes).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text) -> str:
    """Source text as a string that can sit inside XML."""
    return _XML_INVALID.sub("", "" if text is None else str(text))


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """File name -> citation number, in Briefing.documents order; stray files after."""
    numbers = {doc.file: i for i, doc in enumerate(briefing.documents, 1)}

    def add(files):
        for f in files:
            numbers.setdefault(f, len(numbers) + 1)

    for statements in briefing.sections.values():
        for s in statements:
            add(s.sources)
    for group in (briefing.events, briefing.shares, briefing.trade):
        for item in group:
            add(item.sources)
    for c in briefing.conflicts:
        for v in c.values:
            add(v.sources)
    return numbers


class _Citer:
    """Citation numbers of one item: at most ``cap`` of them, the rest counted.

    With thousands of documents a statement made by every outlet would carry
    hundreds of numbers, and the source list would need one entry for each.
    So an item shows sources already cited by an earlier item first, then
    those that back the most printed items (``weight``), lowest number first:
    the same few sources recur across items, and the source list stays short.
    Every number printed is recorded in ``cited``.
    """

    def __init__(self, numbers: dict[str, int], weight: dict[str, int] | None = None, cap: int | None = None):
        self.numbers, self.weight, self.cap = numbers, weight or {}, cap
        self.cited: set[int] = set()

    def __call__(self, files) -> dict:
        known = [f for f in dict.fromkeys(files) if f in self.numbers]
        shown = known
        if self.cap and len(known) > self.cap:
            shown = sorted(
                known, key=lambda f: (self.numbers[f] not in self.cited, -self.weight.get(f, 0), self.numbers[f])
            )[: self.cap]
        refs = sorted(self.numbers[f] for f in shown)
        self.cited.update(refs)
        more = len(known) - len(shown)
        cite = ", ".join(map(str, refs)) + (f" and {more} more" if more else "")
        return {"refs": refs, "cite": cite, "more": more, "files": [clean(f) for f in files]}


def _refs(files, numbers) -> dict:
    """Citation data for an item; ``numbers`` is a file -> number dict or a ``_Citer``."""
    return (numbers if isinstance(numbers, _Citer) else _Citer(numbers))(files)


def _first_words(paragraphs, n: int = 14) -> str:
    words = " ".join(paragraphs[:1]).split()
    text = " ".join(words[:n])
    return clean(text + ("\u2026" if len(words) > n else ""))


def _sources(briefing: Briefing, numbers: dict[str, int], only: set[int] | None = None) -> list[dict]:
    """Source list entries, by number; ``only`` keeps just those numbers (the cited ones)."""
    by_file = {doc.file: doc for doc in briefing.documents}
    out = []
    for file, n in numbers.items():
        if only is not None and n not in only:
            continue
        doc = by_file.get(file)
        outlet = (doc.outlet or doc.agency) if doc else None  # a wire dateline's agency is the outlet
        url = doc.url if doc and doc.url and doc.url.lower().startswith(("http://", "https://")) else ""
        out.append(
            {
                "n": n,
                "file": clean(file),
                "outlet": clean(outlet) if outlet else "",
                "title": clean(doc.title) if doc and doc.title else "",
                "url": clean(url),
                "format": doc.format if doc else "",
                "places": ", ".join(clean(p) for p in doc.places) if doc else "",
                "date": doc.date if doc and doc.date else "",
                "date_text": format_date(doc.date) if doc else "",
                "agency": clean(doc.agency) if doc and doc.agency else "",
                "first_words": _first_words(doc.paragraphs) if doc else "",
                "sha": doc.sha256[:12] if doc else "",
                "sha256": doc.sha256 if doc else "",
            }
        )
    return out


def _when(event) -> str:
    """ "25 June 2022", "May 2022" when the event's own sentence names the month, "2022"; "*" if derived."""
    from briefing.event_month import event_month

    month = None if event.date or event.derived else event_month(event.text, event.year)
    text = format_date(event.date or month) if event.date or month else str(event.year)
    return text + ("*" if event.derived else "")


def _sentence(text: str) -> dict:
    """A sentence for running prose as "text" and "stop": its final full stop apart, so the
    citation goes before it ("... in May [1]. Before that ...", not "... in May. [1] Before")."""
    text = clean(text)
    if text.endswith(".") and not text.endswith(".."):
        return {"text": text[:-1], "stop": "."}
    return {"text": text, "stop": ""}


def _limit(setting, default: int) -> int | None:
    """A readability limit from settings: a positive int, or None for no limit (0 or less)."""
    value = default if setting is None else setting
    return value if isinstance(value, int) and value > 0 else None


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _rank(files, text: str, dates: dict[str, str | None]) -> tuple:
    """Sort key, most informative first: most sources, newest source, most figures, longest."""
    newest = max((dates.get(f) or "" for f in files), default="")
    return (-len(set(files)), _Desc(newest), -len(_DIGITS.findall(text)), -len(text))


class _Desc(str):
    """A string that sorts in reverse, to put newest dates first inside an ascending key."""

    def __lt__(self, other):
        return str.__gt__(self, other)


def _keep(items: list, key, limit: int | None) -> tuple[list, int]:
    """Return (the ``limit`` best items by ``key``, in their original order; how many were left out)."""
    if limit is None or len(items) <= limit:
        return items, 0
    best = set(sorted(range(len(items)), key=lambda i: (key(items[i]), i))[:limit])
    return [item for i, item in enumerate(items) if i in best], len(items) - limit


def _event_rows(briefing: Briefing) -> list[dict]:
    """Timeline rows (``timeline.event_rows``), their source text made safe for XML.

    A row whose text is a cut clause ("The list has grown: when he visited Beijing in
    June 2016", "partly because of the restrictions imposed in June last year.") prints
    the whole source sentence holding it instead (``whole``: that sentence, so its
    section does not print it again).
    """
    from briefing.timeline import event_rows

    out = []
    for r in event_rows(briefing, _when):
        text, whole = _whole_sentence(briefing, r["text"], r["sources"])
        out.append({**r, "how": clean(r["how"]), "text": clean(text), "whole": whole})
    return out


_FINAL = re.compile(r"[.!?][\"'”’)\]]*$")
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _whole_sentence(briefing: Briefing, text: str, files) -> tuple[str, str | None]:
    """(text to print, the source sentence it was completed to or None) for a timeline row's text.

    Its last sentence is a cut clause when it does not end as a sentence does or does not begin
    as one does (lowercase, a digit); it is replaced by the sentence of a cited source holding it.
    """
    from briefing.extract import sentences_of
    from briefing.statements import print_text, printable

    parts = _LAST_SENTENCE.split(text)
    tail = parts[-1].strip()
    if not tail or (_FINAL.search(tail) and not (tail[0].islower() or tail[0].isdigit())):
        return text, None
    core = tail.rstrip(" ,;:.")
    by_file = {d.file: d for d in briefing.documents}
    for f in files:
        if f not in by_file:
            continue
        for sentence in sentences_of(by_file[f]):
            if (
                core in sentence
                and sentence.strip() != tail
                and _FINAL.search(sentence.strip())
                and printable(sentence)
            ):  # "It had reached ... in 2019" needs what it refers to
                head = text[: len(text) - len(parts[-1])]
                return head + print_text(sentence.strip()), sentence
    return text, None


def _events(briefing: Briefing, numbers, rows: list[dict] | None = None) -> list[dict]:
    rows = _event_rows(briefing) if rows is None else rows
    return [
        {**{k: v for k, v in r.items() if k not in ("sources", "whole")}, **_refs(r["sources"], numbers)} for r in rows
    ]


def _statements(briefing: Briefing, wholes: frozenset[str] = frozenset()) -> dict[str, list]:
    """Statements per section that can be printed.

    Left out (all stay in the JSON): a sentence already in the timeline (``wholes``: the
    sentences timeline rows were completed to), one that opens with a bare anaphor
    and had no sentence to join (``statements.printable``), and one that only announces
    or sums up its paragraph ("Money also flows the other way.", ``statements.thin``):
    cut from it, it tells the reader nothing.
    """
    from briefing.statements import printable, thin

    in_timeline = {e.text for e in briefing.events} | briefing.timeline_sentences | wholes
    return {
        name: [
            s
            for s in briefing.sections.get(name, ())
            if s.text not in in_timeline and printable(s.text) and not thin(s.text)
        ]
        for name in briefing.section_names()
    }


def _in_timeline(briefing: Briefing, name: str, wholes: frozenset[str] = frozenset()) -> int:
    """How many statements of a section are left out because the timeline states them."""
    dated = {e.text for e in briefing.events} | briefing.timeline_sentences | wholes
    return sum(s.text in dated for s in briefing.sections.get(name, ()))


def _sections(briefing: Briefing, numbers, chosen: dict[str, list] | None = None) -> dict[str, list[dict]]:
    chosen = _statements(briefing) if chosen is None else chosen
    from briefing.statements import print_text

    return {
        name: [{"text": clean(print_text(s.text)), **_refs(s.sources, numbers)} for s in items]
        for name, items in chosen.items()
    }


def select(briefing: Briefing, settings: Settings) -> tuple[dict[str, list], list[dict], dict[str, int]]:
    """Pick what the PDF prints of a big briefing: (statements per section, timeline rows, left out).

    Each section keeps its ``max_statements`` statements a reader needs most
    (``ranking.score``: about the pair, named actors, agreements, visits and
    disputes, dates, figures and sources; then most sources, newest), printed
    in that order; the timeline keeps its ``max_events`` most-cited rows, in
    date order.  ``left out`` counts the rest per section (with the statements
    that could not be printed alone) and under "events"; all of it is in the JSON export.
    """
    from briefing.ranking import rank_key

    dates = {d.file: d.date for d in briefing.documents}
    limit = _limit(settings.max_statements, MAX_STATEMENTS)
    pair = tuple(briefing.countries)
    rows, left = _keep(
        _event_rows(briefing), lambda r: (-len(r["sources"]), r["derived"]), _limit(settings.max_events, MAX_EVENTS)
    )
    wholes = frozenset(r["whole"] for r in rows if r.get("whole"))
    printable = _statements(briefing, wholes)
    chosen, more = {}, {}
    keys: dict = {}  # a statement's key is asked for by _keep, then again by the sort

    def key(s):
        if s not in keys:
            keys[s] = (rank_key(s.text, s.sources, pair), _rank(s.sources, s.text, dates))
        return keys[s]

    for name, items in printable.items():
        kept, more[name] = _keep(items, key, limit)
        chosen[name] = sorted(kept, key=key)  # stable: equal keys keep the merged order
        more[name] += len(briefing.sections.get(name, ())) - len(items) - _in_timeline(briefing, name, wholes)
    more["events"] = left
    return chosen, rows, more


def _table(briefing: Briefing, rows: list[dict], meta: dict, numbers) -> dict:
    """Rows as given by tables.py, plus citations and which cells sources dispute."""
    disputed: dict[str, set[str]] = {}
    for c in briefing.conflicts:
        disputed.setdefault(c.period, set()).add(c.field)
    out = []
    for row in rows:
        r: dict[str, object] = {k: clean(v) for k, v in row.items() if k != "sources"}
        fields = sorted(disputed.get(row.get("period", ""), ()))
        if row.get("conflict") and not fields:
            fields = ["label"]  # disputed, but not on a field we can point to
        r.update(
            _refs(row.get("sources", ()), numbers),
            conflict_fields=fields,
            partial=bool(row.get("partial")),
            conflict=bool(row.get("conflict") or fields),
        )
        out.append(r)
    return {
        "rows": out,
        "reporter": clean(meta.get("reporter") or ""),
        "partner": clean(meta.get("partner") or ""),
        "currency": clean(meta.get("currency") or ""),
        "unit": clean(meta.get("unit") or ""),
        # rows in several currencies: each figure is shown in its own, and the caption says so
        "mixed": len({row.get("currency") for row in rows if row.get("currency")}) > 1,
    }


def _compact(rows: list[dict], limit: int = COMPACT_TABLE_AT) -> tuple[list[dict], int]:
    """Drop partial-year rows of years whose full-year total is in the table, when it is long.

    "Jan–Sep 2015" says nothing that "2015" does not once the year is known;
    a big archive has such a row for every monthly report.  Disputed rows stay.
    """
    if len(rows) <= limit:
        return rows, 0
    full = {r.get("period") for r in rows if not r.get("partial") and r.get("total")}
    keep = [
        r
        for r in rows
        if not (
            r.get("partial")
            and not r.get("conflict")
            and str(r.get("period", ""))[:4] in full
            and str(r.get("period", ""))[:4] == str(r.get("period", ""))[-7:-3]
        )
    ]
    return keep, len(rows) - len(keep)


def _default_meta(briefing: Briefing) -> dict:
    others = [c for c in briefing.countries if c != briefing.reporter]
    currency = next((t.currency for t in briefing.trade if t.currency), "")
    return {"reporter": briefing.reporter, "partner": others[0] if others else None, "currency": currency}


def _chart(briefing: Briefing, rows: list[dict], currency: str) -> dict:
    """The chart in the currency that draws the most years (the table's own on a tie).

    A table that opens with two years stated in rand and holds four in dollars
    charts the dollars: the reader's picture of the trend comes from the most years.
    """
    others = sorted({t.currency for t in briefing.trade if t.full_year and t.currency} - {currency})
    charts = [_chart_in(briefing, rows, c) for c in [currency, *others]]
    return max(charts, key=lambda ch: len(ch["bars"]))  # max keeps the first of equals


def _chart_in(briefing: Briefing, rows: list[dict], currency: str) -> dict:
    """Full-year figures in one unit for the bar chart, one bar group per period; empty under two years.

    Where sources disagree on a period the first-stated value is drawn (the table
    and the discrepancies box show every value).
    """
    by_period: dict[str, dict] = {}
    for t in briefing.trade:
        if t.full_year and (t.currency == currency or not currency):
            cur = by_period.setdefault(t.period, {"period": t.period})
            for f in ("total", "exports", "imports"):
                if cur.get(f) is None:
                    cur[f] = getattr(t, f)
    years = list(by_period.values())
    labels = {r.get("period"): r.get("label") or r.get("period") for r in rows}
    if len(years) < 2:
        return {"bars": [], "series": [], "unit": ""}
    flows = [y for y in years if y["exports"] is not None and y["imports"] is not None]
    totals = [y for y in years if y["total"] is not None]
    if len(flows) == len(years) or (len(flows) >= 2 and len(flows) > len(totals)):
        years, series = flows, ["exports", "imports"]  # the years that state both flows
    else:
        years = totals
        series = ["total"] if len(years) >= 2 else []
    if not series:
        return {"bars": [], "series": [], "unit": ""}
    top = max(abs(y[s] or 0) for y in years for s in series)
    div, word = axis_scale(top)
    bars = [
        {"label": clean(labels.get(y["period"], y["period"])), **{s: float(f"{(y[s] or 0) / div:.6g}") for s in series}}
        for y in years
    ]  # a number, 6 digits
    return {"bars": bars, "series": series, "unit": f"{currency} {word}".strip()}


def _facts(briefing: Briefing, table: dict, sources: list[dict]) -> dict:
    """Pieces for the key-facts box; the template words them."""
    full = [r for r in table["rows"] if not r["partial"] and r.get("total")]
    latest = full[-1] if full else None
    previous = full[-2] if len(full) > 1 else None
    total = latest.get("total", "") if latest else ""  # cells carry their currency already
    balance = latest.get("balance", "") if latest else ""
    # The latest share of total trade for a full period; a partial-period or one-flow share only if none.
    shares = sorted(briefing.shares, key=lambda s: (".." not in (s.period or ""), "trade" in s.text, s.period or ""))
    share = shares[-1] if shares else None
    dates = sorted(d.date for d in briefing.documents if d.date)
    return {
        "trade": {
            "period": latest.get("label") or latest.get("period"),
            "total": total,
            "change": latest.get("change", ""),
            "balance": balance,
            "previous": (previous.get("label") or previous.get("period")) if previous else "",
        }
        if latest
        else None,
        "share": {
            "percent": format_stated_percent(share.percent),
            "text": clean(share.text),
            "period": clean(period_label(share.period) if share.period else ""),
        }
        if share
        else None,
        "sources": {
            "count": len(briefing.documents),
            "first": format_date(dates[0]) if dates else "",
            "last": format_date(dates[-1]) if dates else "",
        },
    }


def _overview(briefing: Briefing, currency: str, cite, conflicts: list[dict]) -> dict:
    """Facts for templates/overview.xml.j2, formatted, each with its citations (see overview.py)."""
    from briefing import overview as ov
    from briefing.countries import in_sentence
    from briefing.statements import print_text
    from briefing.tables import format_percent, period_label

    def name(country: str | None, start: bool = False) -> str:
        text = clean(in_sentence(country)) if country else ""
        return text[:1].upper() + text[1:] if start else text

    countries = [name(c) for c in briefing.countries]
    table_currency = currency
    currency = ov.latest_currency(briefing, currency)
    facts = ov.trade(briefing, currency) if currency else None
    trade = None
    if facts:
        amounts = format_distinct([t["value"] for t in facts["totals"]], currency)
        trade = {
            "period": clean(period_label(facts["period"])),
            "disputed": facts["disputed"],
            "totals": [{"amount": a, **cite(t["sources"])} for a, t in zip(amounts, facts["totals"])],
            "change": None,
            "balance": None,
        }
        if facts["change"]:
            ch = facts["change"]
            trade["change"] = {
                "direction": "up" if ch["percent"] > 0 else "down" if ch["percent"] < 0 else "unchanged",
                "percent": format_percent(abs(ch["percent"])),
                "previous": period_label(ch["previous"]),
                "previous_amount": format_amount(ch["previous_value"], currency),
                **cite(ch["previous_sources"]),
            }
        if facts["balance"]:
            b = facts["balance"]
            trade["balance"] = {
                "kind": "surplus" if b["value"] > 0 else "deficit" if b["value"] < 0 else "balance",
                "amount": format_amount(abs(b["value"]), currency),
                "reporter": name(b["reporter"], start=True),
                "partner": name(b["partner"]),
                "exports": format_amount(b["exports"], currency),
                "imports": format_amount(b["imports"], currency),
                **cite(b["sources"]),
            }
    two_ways = ov.flows(briefing, table_currency) if trade is None else None
    both = None
    if two_ways:
        cur, value = two_ways["currency"], two_ways["balance"]["value"]
        both = {
            "period": clean(period_label(two_ways["period"])),
            "reporter": name(two_ways["reporter"], start=True),
            "partner": name(two_ways["partner"]),
            "exports": format_amount(two_ways["exports"], cur),
            "imports": format_amount(two_ways["imports"], cur),
            "kind": "surplus" if value > 0 else "deficit" if value < 0 else "balance",
            "amount": format_amount(abs(value), cur),
            **cite(two_ways["sources"]),
        }
    events = [
        {"when": _when(e), **_sentence(print_text(e.text)), **cite(e.sources)} for e in ov.latest_events(briefing)
    ]
    sp = ov.span(briefing)
    span = {
        "count": sp["count"],
        "first": format_date(sp["first"][0]) if sp["first"] else "",
        "first_cite": cite([sp["first"][1]])["cite"] if sp["first"] else "",
        "last": format_date(sp["last"][0]) if sp["last"] else "",
        "last_cite": cite([sp["last"][1]])["cite"] if sp["last"] else "",
    }
    total_period = facts["period"] if facts else None
    others = [
        c
        for c in conflicts
        if not (c["period"] == total_period and c["field"] == "total" and trade and trade["disputed"])
    ]
    return {
        "pair": " and ".join(countries),
        "span": span,
        "trade": trade,
        "flows": both,
        "events": events,
        "disagreements": others[:1],
        "more_disagreements": max(0, len(others) - 1),
        "any_disagreement": bool(conflicts),
    }


def _conflict_currency(briefing: Briefing, conflict: Conflict, default: str) -> str:
    """The currency the disputed figures were stated in: that of the trade row holding one of them.

    A table in several currencies has one default (its first row's); a conflict on a
    US-dollar figure must not print in the rand because the table began with a rand row.
    """
    values = {v.value for v in conflict.values}
    rows = [t for t in briefing.trade if t.period == conflict.period and t.currency]
    held = [t.currency for t in rows if getattr(t, conflict.field, None) in values]
    found = held or [t.currency for t in rows]
    return found[0] if len(set(found)) == 1 else default


def _conflicts(briefing: Briefing, table: dict, numbers, currency: str) -> list[dict]:
    labels = {r.get("period"): r.get("label") or r.get("period") for r in table["rows"]}
    out = []
    for c in briefing.conflicts:
        amounts = format_distinct([v.value for v in c.values], _conflict_currency(briefing, c, currency))
        out.append(
            {
                "period": clean(c.period),
                "label": clean(labels.get(c.period, c.period)),
                "field": clean(c.field),
                "amounts": [{"amount": a, **_refs(v.sources, numbers)} for a, v in zip(amounts, c.values)],
            }
        )
    return out


def _changes(briefing: Briefing, currency: str) -> dict | None:
    """The "changes since the previous build" data, worded for a box; None on a first build."""
    ch = briefing.changes
    if not ch or ch.get("empty"):
        return None

    def amount(value, cur):
        return format_amount(value, cur or currency) if value is not None else "none"

    figures = []
    for f in ch.get("figures", []):
        what = f"{period_label(f['period'])} {f['field']}"
        if f["kind"] == "revised":
            figures.append(
                f"{what}: {amount(f['old'], f.get('old_currency'))} \u2192 {amount(f['new'], f.get('currency'))}"
            )
        elif f["kind"] == "new":
            figures.append(f"{what}: {amount(f['new'], f.get('currency'))} (new)")
        else:
            figures.append(f"{what}: {amount(f['old'], f.get('old_currency'))} (no longer stated)")
    return {
        "since": clean(format_date(ch.get("previous_date")) or ch.get("previous_date") or "the previous build"),
        "added": [clean(x) for x in ch.get("sources_added", [])],
        "removed": [clean(x) for x in ch.get("sources_removed", [])],
        "changed": [clean(x) for x in ch.get("sources_changed", [])],
        "figures": [clean(x) for x in figures],
        "events": [clean(f"{e.get('date') or e['year']}: {e['text']}") for e in ch.get("new_events", [])],
    }


def build_context(
    briefing: Briefing, table_rows: list[dict], settings: Settings | None = None, table_meta: dict | None = None
) -> dict:
    """Everything the templates may use, as plain strings, lists and dicts."""
    settings = settings or Settings()
    if isinstance(table_rows, dict):  # {"rows": [...], "reporter": ..., "currency": ...}
        table_meta = {**{k: v for k, v in table_rows.items() if k != "rows"}, **(table_meta or {})}
        table_rows = table_rows.get("rows", [])
    numbers = source_numbers(briefing)
    chosen, event_rows, more = select(briefing, settings)
    table_rows, more["table_rows"] = _compact(list(table_rows or ()))
    printed = [s.sources for items in chosen.values() for s in items] + [r["sources"] for r in event_rows]
    printed += [r.get("sources", ()) for r in table_rows] + [v.sources for c in briefing.conflicts for v in c.values]
    weight = Counter(f for files in printed for f in set(files))
    big = len(numbers) > LIST_ALL_SOURCES
    cite = _Citer(numbers, weight, MAX_CITES if big else None)
    meta = {**_default_meta(briefing), **(table_meta or {})}
    table = _table(briefing, table_rows, meta, cite)
    sections = _sections(briefing, cite, chosen)
    events = _events(briefing, cite, event_rows)
    conflicts = _conflicts(briefing, table, cite, table["currency"])
    overview = _overview(briefing, table["currency"], cite, conflicts)
    sources = _sources(briefing, numbers, cite.cited if big else None)
    more["sources"] = len(numbers) - len(sources)
    countries = [clean(c) for c in briefing.countries]
    dates = sorted(d.date for d in briefing.documents if d.date)
    date = settings.date or (dates[-1] if dates else "")
    pair = "\u2013".join(countries) if countries else "Bilateral"
    doc = {
        "title": clean(settings.title or f"{pair} Relations"),
        "subtitle": clean(settings.subtitle or ""),
        "author": clean(settings.author or ""),
        "marking": clean(settings.marking or ""),
        "date": clean(date),
        "date_text": clean(format_date(str(date)) if date else ""),
        "subject": " and ".join(countries),
        "keywords": ", ".join(countries + ["bilateral relations", "trade", "briefing"]),
        "creator": f"briefing {__version__}",
    }
    return {
        "doc": doc,
        "settings": {k: clean(v) if isinstance(v, str) else v for k, v in settings.as_dict().items()},
        "countries": countries,
        "reporter": clean(briefing.reporter or ""),
        "sections": sections,
        "events": events,
        "more": more,
        "table": table,
        "chart": _chart(briefing, table["rows"], table["currency"]),
        "facts": _facts(briefing, table, sources),
        "overview": overview,
        "sources": sources,
        "skipped": [clean(s) for s in briefing.skipped],
        "conflicts": conflicts,
        "warnings": [clean(w) for w in briefing.warnings],
        "changes": _changes(briefing, table["currency"]),
    }


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses files (symbolic links) resolving outside their templates folder.

    Names with ".." are already refused by Jinja; a link inside the folder is the other way out.
    """

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        roots = [Path(p).resolve() for p in self.searchpath]
        if not any(root in real.parents for root in roots):
            raise TemplateError(
                f"{_display(filename, template)}: symbolic link leaving the templates folder (to {real}); refused"
            )
        return source, filename, uptodate


def _search_path(templates_dir: Path | None) -> list[str]:
    return ([str(templates_dir)] if templates_dir else []) + [str(DEFAULT_TEMPLATES)]


def make_env(templates_dir: Path | None = None) -> jinja2.Environment:
    """User templates shadow the defaults file by file; anything missing falls back.

    Sandboxed: a template reads the context it is given and nothing else (no
    attributes starting with "_", no files, no code), so a templates folder
    from elsewhere cannot run commands. Still configuration: it decides what
    the PDF says.

    The defaults are also there as "default/NAME", so a user template can extend
    the one it shadows and change a block: ``{% extends "default/briefing.xml.j2" %}``.
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    defaults = jinja2.PrefixLoader({"default": _ConfinedLoader([str(DEFAULT_TEMPLATES)])})
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader([_ConfinedLoader(_search_path(templates_dir)), defaults]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = bytecode_cache(env)
    return env


def bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them is a good part of a small build).

    Jinja checks each entry against its template's source, but not against
    the environment that compiled it; the file names therefore carry a
    fingerprint of everything that changes the generated code (sandboxed or
    not, syntax options, versions), so no other environment's code is reused.
    """
    from briefing import usercache

    folder = usercache.folder("jinja")
    if folder is None:
        return None
    import hashlib

    kind = type(env)
    options = [
        f"{kind.__module__}.{kind.__qualname__}",
        env.sandboxed,
        jinja2.__version__,
        __version__,
        env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?"),
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.optimized,
        env.is_async,
        getattr(env.finalize, "__qualname__", repr(env.finalize)),
        sorted(env.extensions),
    ]
    tag = hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    return jinja2.FileSystemBytecodeCache(str(folder), f"{tag}_%s.cache")


def _display(filename: str | None, fallback: str) -> str:
    """Template path for messages: relative to the working folder when inside it."""
    if not filename:
        return fallback
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _folders(loader) -> list[str]:
    """Every folder a loader reads templates from."""
    if isinstance(loader, jinja2.ChoiceLoader):
        return [f for inner in loader.loaders for f in _folders(inner)]
    if isinstance(loader, jinja2.PrefixLoader):
        return [f for inner in loader.mapping.values() for f in _folders(inner)]
    return list(getattr(loader, "searchpath", []))


def _template_error(exc: Exception, env: jinja2.Environment, what: str = "") -> TemplateError:
    """Name the template file and line of a Jinja failure."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _display(exc.filename, exc.name or MAIN_TEMPLATE)
        return TemplateError(f"{where}:{exc.lineno}: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{exc.name}: template not found")
    roots = [str(Path(p).resolve()) for p in _folders(env.loader)]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        resolved = str(Path(frame.filename).resolve())
        if any(resolved.startswith(r) for r in roots):
            return TemplateError(f"{_display(frame.filename, '')}:{frame.lineno}: {what}{exc}")
    return TemplateError(f"{MAIN_TEMPLATE}: {what}{exc}")


def render_markup(
    briefing: Briefing,
    table_rows: list[dict],
    settings: Settings | None = None,
    templates_dir: Path | None = None,
    table_meta: dict | None = None,
) -> str:
    """Render the templates to document XML; template faults raise TemplateError."""
    env = make_env(templates_dir)
    context = build_context(briefing, table_rows, settings, table_meta)
    try:
        template = env.get_template(MAIN_TEMPLATE)
        markup = template.render(context)
    except TemplateError:
        raise
    except jinja2.sandbox.SecurityError as exc:
        raise _template_error(exc, env, "refused by the sandbox: ") from None
    except jinja2.TemplateError as exc:
        raise _template_error(exc, env) from None
    except Exception as exc:  # a filter or test failing on the data
        raise _template_error(exc, env) from None
    main = _display(getattr(template, "filename", None), MAIN_TEMPLATE)
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as exc:
        raise TemplateError(f"{main}: output is not well-formed XML (output line {exc.position[0]}): {exc}") from None
    used = sorted({t.filename for t in env.cache.values() if t.filename} if env.cache else {})
    layout.require_valid(root, [(_display(f, f), Path(f)) for f in used], main)
    return markup
