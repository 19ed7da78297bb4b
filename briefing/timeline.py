"""Timeline rows: one per event, each restatement of it folded in, with every date it carries.

A row prints its event's sentence as a whole thought: a sentence that opens
with a bare anaphor ("Its third session was held ...") is printed after the
sentence(s) of its source it depends on.  So a row may print a sentence that
dates another event ("... signed the agreement in April 2015. Its third
session ...").  That event is then told in this row already, and a second
row would repeat it: the two rows are one, listing both dates and citing
both rows' sources.

Sentences restating each other are found by ``dedupe.cluster``, each read in
its article (``dedupe.Context``: "in April last year" is the April of the
year before the article's date).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from briefing import dedupe
from briefing.model import Briefing, MergedEvent, Source


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class _Documents:
    """The briefing's documents, split into sentences only when a row needs them."""

    def __init__(self, briefing: Briefing):
        self.by_file: dict[str, Source] = {d.file: d for d in briefing.documents}
        self._split: dict[str, list[str]] = {}

    def sentences(self, file: str) -> list[str]:
        from briefing.extract import sentences_of

        if file not in self._split:
            self._split[file] = sentences_of(self.by_file[file]) if file in self.by_file else []
        return self._split[file]

    def home(self, e: MergedEvent) -> str | None:
        """The first source whose text holds the event's sentence (the representative's own article)."""
        return next(
            (f for f in e.sources if f in self.by_file and any(e.text[:80] in p for p in self.by_file[f].paragraphs)),
            None,
        )

    def lead(self, e: MergedEvent) -> list[str]:
        """The sentences an anaphoric event sentence is printed after ([] when it stands alone)."""
        from briefing.statements import depends, units

        if not depends(e.text):
            return []
        for f in e.sources:
            if f in self.by_file:
                sents = self.sentences(f)
                # the event may quote the clause that dates it, not the whole sentence
                k = next((i for i, x in enumerate(sents) if x == e.text or x.startswith(e.text.rstrip(". "))), None)
                if k is not None:
                    unit = next(u for u in units(sents) if k in u)
                    return [sents[j] for j in unit if j < k]
        return []

    def context(self, text: str, e: MergedEvent) -> dedupe.Context | None:
        """Where an event's sentence stands, looked up only when it has a relative date or an event subject."""
        needs_date, needs_before = dedupe.context_matters(text)
        if not (needs_date or needs_before):
            return None
        home = self.home(e)
        if home is None:
            return None
        day = _date(self.by_file[home].date)
        before = ""
        if needs_before:
            sents = self.sentences(home)
            k = next((i for i, s in enumerate(sents) if s == text or s.startswith(text.rstrip(". "))), None)
            before = sents[k - 1] if k else ""
        return dedupe.Context(day, before)


def event_rows(briefing: Briefing, when: Callable[[MergedEvent], str]) -> list[dict]:
    """Timeline rows, in date order; a sentence that dates several events is one row listing every date.

    The text is printed as statements are: without a leading connective, and a
    sentence that opens with a bare anaphor together with the sentence(s) of
    its source it depends on.  Rows whose printed sentences restate another
    row's event are folded into it (see the module docstring).
    """
    from briefing.statements import join, print_text

    docs = _Documents(briefing)
    events = list(briefing.events)
    leads = [docs.lead(e) for e in events]
    # One row per sentence, and one for sentences that restate each other ("signed in July 2001
    # ... extended in June 2021" and "In June they extended the treaty signed in July 2001").
    texts: list[str] = []
    contexts: list[dedupe.Context | None] = []
    for e, lead in zip(events, leads):
        for t in (e.text, *lead):
            if t not in texts:
                texts.append(t)
                contexts.append(docs.context(t, e))
    group_of: dict[str, int] = {}
    members_of: dict[int, list[str]] = {}
    for n, group in enumerate(dedupe.cluster(texts, contexts)):
        for i in group:
            group_of[texts[i]] = n
        members_of[n] = [texts[i] for i in group]
    own = {e.text for e in events}
    rep_of = {}
    for n, members in members_of.items():
        mine = [t for t in members if t in own] or members
        rep_of[n] = mine[dedupe.representative(mine)]
    rows: dict[int, dict] = {}
    ranked = sorted(enumerate(events), key=lambda ie: ie[1].text != rep_of[group_of[ie[1].text]])
    for order, e in ranked:
        key = group_of[e.text]
        stamp = (e.year, e.date or "", when(e))
        row = rows.get(key)
        if row is None:
            lead = leads[order]
            rows[key] = {
                "dates": [stamp],
                "derived": e.derived,
                "how": e.how or "",
                "text": print_text(join([*lead, e.text])),
                "sources": list(e.sources),
                "order": order,
                "covers": {key} | {group_of[t] for t in lead},
            }
            continue
        row["order"] = min(row["order"], order)
        if stamp[2] not in (d[2] for d in row["dates"]):
            row["dates"].append(stamp)
            row["derived"] = row["derived"] or e.derived
            row["how"] = row["how"] or e.how or ""
        row["sources"] += [f for f in e.sources if f not in row["sources"]]
    _fold_told(rows)
    out = []
    for row in sorted(rows.values(), key=lambda r: r["order"]):
        dates = sorted(row["dates"], key=lambda d: (d[0], d[1] or f"{d[0]:04d}-12-31"))
        first = dates[0]
        out.append(
            {
                "when": "; ".join(dict.fromkeys(d[2] for d in dates)),
                "year": first[0],
                "date": first[1],
                "derived": row["derived"],
                "how": row["how"],
                "text": row["text"],
                "sources": row["sources"],
            }
        )
    return out


def _fold_told(rows: dict[int, dict]) -> None:
    """Fold a row into one whose printed text already tells its event and all it prints."""
    for key in sorted(rows, key=lambda k: -len(rows[k]["covers"])):
        row = rows.get(key)
        if row is None or len(row["covers"]) < 2:
            continue
        for other in sorted(row["covers"] - {key}):
            told = rows.get(other)
            if told is None or not told["covers"] <= row["covers"]:
                continue
            row["dates"] += [d for d in told["dates"] if d[2] not in (x[2] for x in row["dates"])]
            row["sources"] += [f for f in told["sources"] if f not in row["sources"]]
            row["derived"] = row["derived"] or told["derived"]
            row["how"] = row["how"] or told["how"]
            row["order"] = min(row["order"], told["order"])
            del rows[other]
