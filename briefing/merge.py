"""Merge the per-document extractions into one briefing.

Everything here is a pure function of plain data: statements are deduplicated
across documents with their sources kept, trade figures are turned to one
reporter's side and folded into rows, and figures that disagree are reported
as conflicts instead of being averaged or dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

from briefing import dedupe
from briefing.extract.periods import period_key
from briefing.gcpause import paused
from briefing.model import (
    FIELDS,
    SECTIONS,
    Briefing,
    Conflict,
    ConflictValue,
    Event,
    Extraction,
    MergedEvent,
    MergedShare,
    Share,
    Source,
    Statement,
    TradeFigure,
    TradeRow,
)
from briefing.values import REL_TOL, same_value

# How far a one-sided figure may lie from its number: "more than $10bn" is at least 10 and, in the copy
# this reads, rarely a quarter more.
_HEDGED = {"over": (1.0, 1.25), "under": (0.8, 1.0)}


def _interval(value: float, bound: str | None) -> tuple[float, float]:
    """The values a figure allows. "About $5 billion" is anything that rounds to 5 (4.5 to 5.5); "about
    $5.67 billion" only 5.665 to 5.675, so it still disagrees with 5.66."""
    if bound == "about":
        half = 0.5 * stated_unit(value)
        return value - half, value + half
    lo, hi = _HEDGED.get(bound or "", (1 - REL_TOL, 1 + REL_TOL))
    return value * lo, value * hi


def consistent(a: float, a_bound: str | None, b: float, b_bound: str | None) -> bool:
    """Tell whether two statements of a figure can both be true: "more than $10bn" and "$10.4bn" can,
    "exceeded $6bn" and "$5.8bn" cannot, "about $5bn" and "$5.2bn" can. Exact figures must be the same value."""
    if a_bound is None and b_bound is None:
        return same_value(a, b)
    lo_a, hi_a = _interval(a, a_bound)
    lo_b, hi_b = _interval(b, b_bound)
    return lo_a < hi_b and lo_b < hi_a  # touching is not agreeing: "about 5.66" and "about 5.67" differ


def _same_country(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def _ordered_unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


# --- reporter -------------------------------------------------------------------


def choose_reporter(extractions: list[Extraction], pair: tuple[str, ...]) -> str | None:
    """Return the pair country from whose side most directional figures are stated (ties -> second)."""
    if len(pair) != 2:
        return None
    counts: Counter[str] = Counter()
    for ex in extractions:
        for fig in ex.trade:
            for country in pair:
                if _same_country(fig.reporter, country):
                    counts[country] += 1
    first, second = pair
    return first if counts[first] > counts[second] else second


# --- sections ---------------------------------------------------------------------


def merge_sections(extractions: list[Extraction], label=None) -> dict:
    """Return section -> statements (see ``merge_statements``)."""
    return merge_statements(extractions, label)[0]


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class SentenceContexts:
    """(file, sentence) -> where the sentence stands (``dedupe.Context``): its article's date and the
    sentence before it (the first copy's, for a sentence its article repeats).

    An article's contexts are found when one of them is first asked for: merging asks only
    about each distinct sentence's first copy, so most articles of a big archive are never read.
    """

    def __init__(self, extractions: list[Extraction], dates: dict[str, str | None]):
        self._articles: dict[str, list[Extraction]] = defaultdict(list)
        for ex in extractions:
            self._articles[ex.file].append(ex)
        self._dates = dates
        self._found: dict[str, dict[str, dedupe.Context]] = {}

    def get(self, key: tuple[str, str]) -> dedupe.Context | None:
        file, text = key
        found = self._found.get(file)
        if found is None:
            found = self._found[file] = self._article(file)
        return found.get(text)

    def _article(self, file: str) -> dict[str, dedupe.Context]:
        out: dict[str, dedupe.Context] = {}
        day = _date(self._dates.get(file))
        for ex in self._articles.get(file, ()):
            ordered = sorted(ex.sentences, key=lambda s: s.index)
            for k, s in enumerate(ordered):
                before = ordered[k - 1].text if k and ordered[k - 1].index == s.index - 1 else ""
                out.setdefault(s.text, dedupe.Context(day, before))
        return out


def merge_statements(
    extractions: list[Extraction],
    label=None,
    timeline: frozenset = frozenset(),
    dates: dict[str, str | None] | None = None,
    where: SentenceContexts | None = None,
) -> tuple[dict, frozenset]:
    """Return section -> statements, each fact once, in one section, with every file that states it.

    Sentences are first clustered across all documents (near-duplicates, never
    across different numbers).  Then each document's sentences are grouped into
    units (``statements.units``: a bare "It ..." joins the sentence before it, a
    quotation stays whole), and a unit whose facts (sentence clusters) are all
    in a bigger unit is folded into it, its sources added.  A unit goes to one
    section (``_unit_section``).  Most-cited statements come first, then order
    of first appearance.  ``where`` is ``SentenceContexts(extractions, dates)`` when the caller has it.
    """
    from briefing import statements

    items = [(s, ex.file) for ex in extractions for s in sorted(ex.sentences, key=lambda s: s.index)]
    texts = [s.text for s, _ in items]
    where = SentenceContexts(extractions, dates or {}) if where is None else where
    cluster_of = {}
    dated = set()  # clusters with a sentence that is in the timeline
    for n, group in enumerate(dedupe.cluster(texts, lambda i: where.get((items[i][1], texts[i])))):
        for i in group:
            cluster_of[i] = n
            if texts[i] in timeline:
                dated.add(n)
    # A timeline row prints an event's sentence that opens with a bare anaphor after the sentences it
    # depends on: those are in the timeline too, and a statement would print them a second time.
    # (An event may be the narrating clause of its sentence: the row prints the clause.)
    by_head: dict[str, list[str]] = defaultdict(list)
    for t in timeline:
        by_head[t[:40]].append(t.rstrip(". "))

    def in_a_row(sentence: str) -> bool:
        return sentence in timeline or any(sentence.startswith(t) for t in by_head.get(sentence[:40], ()))

    start = 0
    plain_units = []  # each document's units before any sentence is closed
    for ex in extractions:
        doc = texts[start : start + len(ex.sentences)]
        plain_units.append(statements.units(doc))
        for unit in plain_units[-1]:
            for pos, k in enumerate(unit):
                if pos and statements.depends(doc[k]) and in_a_row(doc[k]):
                    dated.update(cluster_of[start + j] for j in unit[:pos])
        start += len(ex.sentences)
    with_figures = {t.text for ex in extractions for t in ex.trade} | {
        s.sentence for ex in extractions for s in ex.shares
    }
    all_units: list[list[int]] = []
    start = 0
    for ex, plain in zip(extractions, plain_units):
        n = len(ex.sentences)
        closed = {k for k in range(n) if cluster_of[start + k] in dated}
        doc_units = statements.closed_units(texts[start : start + n], plain, closed)
        all_units += [[start + k for k in unit] for unit in doc_units]
        start += n
    # Biggest units first, so a one-sentence restatement folds into the unit that contains its fact.
    groups = fold_units([frozenset(cluster_of[i] for i in unit) for unit in all_units], [u[0] for u in all_units])
    placed = defaultdict(list)
    covered = set()
    for facts, members in groups:
        unit_texts = [statements.join([texts[i] for i in all_units[u]]) for u in members]
        distinct = list(dict.fromkeys(unit_texts))
        rep_unit = members[unit_texts.index(distinct[dedupe.representative(distinct)])]
        rep = all_units[rep_unit]
        text = statements.join([texts[i] for i in rep])
        sources = _ordered_unique(
            items[i][1] for u in sorted(members, key=lambda u: all_units[u][0]) for i in all_units[u]
        )
        section = _unit_section(
            [items[i][0].section for i in rep], any(texts[i] in with_figures for i in rep), text, label
        )
        first = min(all_units[u][0] for u in members)
        placed[section].append((-len(sources), first, Statement(text, sources)))
        if facts <= dated:
            covered.add(text)
    sections: dict[str, tuple[Statement, ...]] = dict.fromkeys(SECTIONS, ())
    for name, entries in placed.items():
        sections[name] = tuple(st for *_, st in sorted(entries, key=lambda e: e[:2]))
    return sections, frozenset(covered)


def fold_units(facts: list[frozenset], starts: list[int]) -> list[tuple[frozenset, list[int]]]:
    """Group units whose facts (sentence clusters) are all in a bigger unit under it: (facts, units) per group.

    Biggest units first (then by position, ``starts``), so a one-sentence restatement folds into
    the unit that contains its fact: each unit joins the first group whose facts hold all of
    its own, found by walking the shortest list of groups holding one of them.
    """
    order = sorted(range(len(facts)), key=lambda u: (-len(facts[u]), starts[u]))
    groups: list[tuple[frozenset, list[int]]] = []
    by_cluster: dict[int, list[int]] = defaultdict(list)  # fact -> the groups holding it, in order
    for u in order:
        holders = min((by_cluster[c] for c in facts[u]), key=len)
        home = next((g for g in holders if facts[u] <= groups[g][0]), None)
        if home is None:
            home = len(groups)
            groups.append((facts[u], []))
            for c in facts[u]:
                by_cluster[c].append(home)
        groups[home][1].append(u)
    return groups


def _unit_section(labels: list[str], has_figure: bool, text: str, label=None) -> str:
    """The section of a statement made of sentences with these labels.

    A trade figure keeps it in the economy.  Otherwise the one topical label
    among its sentences wins over the general "history" ("The ministers met.
    They agreed on joint naval patrols." is about security); with several
    topical labels, ``label(text)`` decides, or the first sentence's topic.
    """
    if has_figure:
        return "economy"
    topical = list(dict.fromkeys(x for x in labels if x != "history"))
    if not topical:
        return labels[0]
    if len(topical) == 1:
        return topical[0]
    return label(text) if label is not None else topical[0]


def _representative(group: list[int], texts: list[str]) -> int:
    """Return the member of ``group`` whose text is the most informative (first copy on ties).

    Identical copies are looked at once: a boilerplate paragraph may be in
    every document of the archive.
    """
    distinct = list(dict.fromkeys(texts[i] for i in group))
    best = distinct[dedupe.representative(distinct)]
    return next(i for i in group if texts[i] == best)


# --- events -----------------------------------------------------------------------


def _compatible(a: Event, b: Event) -> bool:
    return a.year == b.year and not (a.date and b.date and a.date != b.date)


def _same_derivation(a: Event, b: Event) -> bool:
    """Tell whether two derived years were counted the same way: same count from the same date.

    "30th anniversary, counted from 25 June 2022" and "30 years since, counted
    from the article date 25 June 2022" name one event in two wordings.
    """
    if not (a.derived and b.derived and a.how and b.how):
        return False
    numbers = dedupe.numbers(a.how)
    return bool(numbers) and numbers == dedupe.numbers(b.how)


def _same_event(a: Event, b: Event, same_text: bool) -> bool:
    if not _compatible(a, b):
        return False
    return bool((a.date and a.date == b.date) or (a.how and a.how == b.how) or same_text or _same_derivation(a, b))


class _EventGroup:
    """Events of one year being merged, with what ``_same_event`` compares, as sets."""

    def __init__(self, order: int):
        self.order = order
        self.members: list[int] = []
        self.dates: set[str] = set()
        self.hows: set[str] = set()
        self.clusters: set[int] = set()
        self.derivations: set[tuple] = set()

    @staticmethod
    def _derivation(event: Event) -> tuple | None:
        if not (event.derived and event.how):
            return None
        return dedupe.numbers(event.how) or None

    def accepts(self, event: Event, cluster: int) -> bool:
        """Same answer as: compatible with every member and the same event as one of them."""
        if event.date and self.dates - {event.date}:
            return False
        derivation = self._derivation(event)
        return bool(
            (event.date and event.date in self.dates)
            or (event.how and event.how in self.hows)
            or cluster in self.clusters
            or (derivation and derivation in self.derivations)
        )

    def add(self, i: int, event: Event, cluster: int) -> None:
        self.members.append(i)
        if event.date:
            self.dates.add(event.date)
        if event.how:
            self.hows.add(event.how)
        self.clusters.add(cluster)
        derivation = self._derivation(event)
        if derivation:
            self.derivations.add(derivation)


def merge_events(
    extractions: list[Extraction],
    dates: dict[str, str | None] | None = None,
    where: SentenceContexts | None = None,
) -> tuple[MergedEvent, ...]:
    """Merge events of the same year that share a date, a derivation or a restated sentence.

    An event joins the first group it matches and whose members it contradicts
    in no date, so two dated events of one year never collapse through a third
    undated one.  Groups are kept per year with the dates, derivations and
    sentence clusters of their members, so each test is a set lookup rather
    than a pass over every member (archives have thousands of events).
    """
    events = [e for ex in extractions for e in ex.events]
    texts = [e.text for e in events]
    where = SentenceContexts(extractions, dates or {}) if where is None else where

    def context(i: int) -> dedupe.Context:
        e = events[i]
        return where.get((e.source, e.text)) or dedupe.Context(_date((dates or {}).get(e.source)))

    cluster_of = {}
    for n, group in enumerate(dedupe.cluster(texts, context)):
        for i in group:
            cluster_of[i] = n
    groups: list[list[int]] = []
    by_year: dict[int, list[_EventGroup]] = defaultdict(list)
    for i, event in enumerate(events):
        for known in by_year[event.year]:
            if known.accepts(event, cluster_of[i]):
                known.add(i, event, cluster_of[i])
                break
        else:
            fresh = _EventGroup(len(groups))
            fresh.add(i, event, cluster_of[i])
            by_year[event.year].append(fresh)
            groups.append(fresh.members)
    merged = []
    for order, group in enumerate(groups):
        members = [events[j] for j in group]
        # A sentence that writes its date out is read right in a brief printed years later;
        # "in April last year" is not (its article's date is not beside it).
        absolute = [m for m in members if not dedupe.context_matters(m.text)[0]] or members
        rep = absolute[dedupe.representative([m.text for m in absolute])]
        merged.append(
            (
                order,
                MergedEvent(
                    year=rep.year,
                    date=next((m.date for m in members if m.date), None),
                    derived=all(m.derived for m in members),
                    text=rep.text,
                    how=next((m.how for m in members if m.how), None),
                    sources=_ordered_unique(m.source for m in members),
                ),
            )
        )
    merged.sort(key=lambda oe: (oe[1].year, oe[1].date or f"{oe[1].year:04d}-12-31", oe[0]))
    return tuple(e for _, e in merged)


# --- trade ------------------------------------------------------------------------


def orient(fig: TradeFigure, pair: tuple[str, ...], reporter: str | None) -> TradeFigure | None:
    """Return the figure as seen from ``reporter``: the partner's exports are the reporter's imports.

    A total has no side.  A directional figure whose side is not one of the
    pair (or not known) cannot be placed and is returned as None.
    """
    if fig.field == "total":
        return fig
    if reporter is None or fig.reporter is None:
        return None
    partner = next((c for c in pair if not _same_country(c, reporter)), None)
    if _same_country(fig.reporter, reporter):
        return replace(fig, reporter=reporter, partner=partner)
    if _same_country(fig.reporter, partner):
        mirrored = {"exports": "imports", "imports": "exports"}[fig.field]
        return replace(fig, field=mirrored, reporter=reporter, partner=partner)
    return None


class _Row:
    """A trade row being built: per field, its value and the files that state it."""

    def __init__(self, period: str, currency: str, full_year: bool, months: str | None = None):
        self.period, self.currency, self.full_year = period, currency, full_year
        self.months = months  # fiscal years on different calendars share a label but not their months
        self.values: dict[str, float] = {}
        self.bounds: dict[str, str | None] = {}  # a hedged value ("more than") until an exact one comes
        self.files: dict[str, list[str]] = {}
        self.sources: list[str] = []

    def agrees(self, other: _Row) -> bool:
        return (self.period, self.currency, self.months) == (other.period, other.currency, other.months) and all(
            consistent(v, self.bounds.get(f), other.values[f], other.bounds.get(f))
            for f, v in self.values.items()
            if f in other.values
        )

    def _keep(self, field: str, value: float, bound: str | None) -> None:
        """Hold the value; an exact figure replaces a hedged one it agrees with."""
        if field not in self.values or (self.bounds.get(field) is not None and bound is None):
            self.values[field], self.bounds[field] = value, bound

    def absorb(self, other: _Row) -> None:
        for f, v in other.values.items():
            self._keep(f, v, other.bounds.get(f))
            self.files.setdefault(f, [])
            self.files[f] += [s for s in other.files[f] if s not in self.files[f]]
        self.sources += [s for s in other.sources if s not in self.sources]

    def add(self, fig: TradeFigure) -> bool:
        """Add a figure; False when the row already holds another value for its field."""
        if fig.field in self.values and not consistent(
            self.values[fig.field], self.bounds.get(fig.field), fig.value, fig.bound
        ):
            return False
        self._keep(fig.field, fig.value, fig.bound)
        self.files.setdefault(fig.field, [])
        if fig.source not in self.files[fig.field]:
            self.files[fig.field].append(fig.source)
        if fig.source not in self.sources:
            self.sources.append(fig.source)
        return True

    def freeze(self, reporter: str | None, partner: str | None) -> TradeRow:
        directional = "exports" in self.values or "imports" in self.values
        return TradeRow(
            period=self.period,
            full_year=self.full_year,
            reporter=reporter if directional else None,
            partner=partner if directional else None,
            total=self.values.get("total"),
            exports=self.values.get("exports"),
            imports=self.values.get("imports"),
            currency=self.currency,
            sources=tuple(self.sources),
            months=self.months,
        )


def _partial_rows(figures: list[TradeFigure]) -> list[_Row]:
    """Return one partial row per (source, sentence, period, currency), in order of appearance."""
    rows: list[_Row] = []
    open_rows: dict[tuple, list[_Row]] = defaultdict(list)
    for fig in figures:
        key = (fig.source, fig.text, fig.period, fig.currency, fig.months)
        for row in open_rows[key]:
            if row.add(fig):
                break
        else:
            row = _Row(fig.period, fig.currency, fig.full_year, fig.months)
            row.add(fig)
            open_rows[key].append(row)
            rows.append(row)
    return rows


def build_rows(figures: list[TradeFigure]) -> list[_Row]:
    """Greedily fold partial rows into the first row of the same period and currency that agrees."""
    rows: list[_Row] = []
    by_key: dict[tuple, list[_Row]] = defaultdict(list)
    for part in _partial_rows(figures):
        same = by_key[(part.period, part.currency, part.months)]
        target = next((r for r in same if r.agrees(part)), None)
        if target is None:
            rows.append(part)
            same.append(part)
        else:
            target.absorb(part)
    return rows


def find_conflicts(rows: list[_Row]) -> tuple[Conflict, ...]:
    """Return one conflict per (period, field) stated with more than one value, values in order of appearance."""
    found: dict[tuple, list[tuple[float, str | None, list[str]]]] = {}
    for row in rows:
        for field in FIELDS:
            if field not in row.values:
                continue
            versions = found.setdefault((row.period, row.currency, row.months, field), [])
            value, bound = row.values[field], row.bounds.get(field)
            match = next((v for v in versions if consistent(v[0], v[1], value, bound)), None)
            if match is None:
                versions.append((value, bound, list(row.files[field])))
            else:
                match[2].extend(s for s in row.files[field] if s not in match[2])
    conflicts = [
        Conflict(period, field, tuple(ConflictValue(v, tuple(files)) for v, _, files in versions))
        for (period, _, _, field), versions in found.items()
        if len(versions) > 1
    ]
    conflicts.sort(key=lambda c: (period_key(c.period), FIELDS.index(c.field)))
    return tuple(conflicts)


def stated_unit(value: float) -> float:
    """Return the place value of a figure's last significant digit (798e9 -> 1e9, 323.2e9 -> 1e8)."""
    if value == 0:
        return 0.0
    for k in range(15, -4, -1):
        unit = 10.0**k
        q = value / unit
        if abs(q) >= 1 and abs(q - round(q)) <= 1e-6 * max(1.0, abs(q)):
            return unit
    return 10.0**-3


def sum_warning(row: TradeRow) -> str | None:
    """Return a warning when total differs from exports + imports by more than their rounding allows.

    Each figure may be off by half a unit of its last stated digit, so the
    three half-units added up are the slack ("$798 billion" against 323.2 +
    475.6 = 798.8 is a real difference; 14.982 against 7.153 + 7.830 is not).
    """
    if row.total is None or row.exports is None or row.imports is None:
        return None
    parts = row.exports + row.imports
    slack = sum(stated_unit(v) / 2 for v in (row.total, row.exports, row.imports))
    if abs(row.total - parts) <= slack * (1 + 1e-9):
        return None
    from briefing.formatting import format_amount, period_label

    return (
        f"{period_label(row.period)}: total {format_amount(row.total, row.currency)} differs from "
        f"exports + imports {format_amount(parts, row.currency)}"
    )


def merge_trade(extractions: list[Extraction], pair: tuple[str, ...], reporter: str | None):
    """Return (rows ascending by period, conflicts, warnings) from every document's figures."""
    partner = next((c for c in pair if not _same_country(c, reporter)), None) if reporter else None
    figures, warnings = [], []
    for ex in extractions:
        for fig in ex.trade:
            turned = orient(fig, pair, reporter)
            if turned is None:
                warnings.append(
                    f"{fig.source}: {fig.field} of {fig.value:,.0f} {fig.currency} for {fig.period} "
                    f"stated for {fig.reporter or 'an unknown side'}; left out of the table"
                )
            else:
                figures.append(turned)
    rows = build_rows(figures)
    conflicts = find_conflicts(rows)
    frozen = sorted((r.freeze(reporter, partner) for r in rows), key=lambda r: period_key(r.period))
    warnings += [w for w in map(sum_warning, frozen) if w]
    return tuple(frozen), conflicts, warnings


# --- shares -----------------------------------------------------------------------


def merge_shares(extractions: list[Extraction]) -> tuple[MergedShare, ...]:
    """Merge shares with the same period, percent and wording; order of first appearance."""
    merged: dict[tuple, list[Share]] = {}
    for ex in extractions:
        for share in ex.shares:
            merged.setdefault((share.period, share.percent, share.text), []).append(share)
    return tuple(
        MergedShare(p, pct, text, _ordered_unique(s.source for s in shares))
        for (p, pct, text), shares in merged.items()
    )


# --- all --------------------------------------------------------------------------

# Reasons that leave a figure which may well be bilateral trade out of the table: the reader is told.
# (Balances, targets, investment and the like are not trade figures, so they need no warning.)
UNSURE = {
    "no period",
    "relative date unresolved (undated article)",
    "comparison without period",
    "direction unknown",
    "partner not named",
    "direction unsure: the other side is not named and another country is",
    "total of one country",
    "incomplete reading",
}


def left_out(r) -> str:
    """The warning for a figure kept out of the trade table, in the source's words."""
    return f"{r.source}: {r.text} left out of the trade table ({r.reason}); it stays in its statement"


def merge(
    sources: list[Source], extractions: list[Extraction], pair: tuple[str, ...], reporter: str | None = None
) -> Briefing:
    """Return the briefing made of every document's extraction (documents in file-name order)."""
    with paused():  # also outside a build (briefing extract): merging makes no cycles
        extractions = sorted(extractions, key=lambda e: e.file)
        reporter = reporter or choose_reporter(extractions, pair)
        trade, conflicts, warnings = merge_trade(extractions, pair, reporter)
        warnings += [f"{ex.file}: {w}" for ex in extractions for w in ex.warnings]
        warnings += [left_out(r) for ex in extractions for r in ex.amounts if r.reason in UNSURE]
        dated = frozenset(e.text for ex in extractions for e in ex.events)
        dates = {s.file: s.date for s in sources}
        where = SentenceContexts(extractions, dates)
        sections, in_timeline = merge_statements(extractions, timeline=dated, dates=dates, where=where)
        return Briefing(
            countries=tuple(pair),
            reporter=reporter,
            documents=tuple(sorted(sources, key=lambda s: s.file)),
            sections=sections,
            events=merge_events(extractions, dates, where),
            trade=trade,
            shares=merge_shares(extractions),
            conflicts=conflicts,
            warnings=tuple(warnings),
            amounts=tuple(r for ex in extractions for r in ex.amounts),
            # Every sentence that dated an event, and every statement whose facts a timeline row
            # states in other words ("It's been 30 years since ..."), so the PDF does not print them twice.
            timeline_sentences=dated | in_timeline,
        )
