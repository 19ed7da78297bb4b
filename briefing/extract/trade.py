"""Trade figures between the two countries of the briefing (shares: ``shares``).

Each money amount in a sentence is an *anchor*. Around it we read, in the text
between it and its neighbours: what it measures (total trade, exports, imports,
or something that is not a bilateral trade figure at all: a deficit, a target,
an increase, investment, a product, a port, another country), who ships to whom,
and which period it covers. A period that the sentence does not state comes from
the previous figure of the sentence, or from the last period the document spoke
of ("over those four months", "of that total").

All functions are pure: text in, plain data out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing import countries
from briefing.extract import periods
from briefing.extract.amounts import Amount, find_amounts, for_pair
from briefing.extract.shares import extract_shares
from briefing.model import Share, TradeFigure

_W = r"[\w'’\-]+"

TRADE_WORDS = re.compile(
    r"\b(?:trade[ds]?|trading|turnover|exports?|exported|imports?|imported|shipments?|shipped|ships|"
    r"sold|sales|sells|purchases|purchased|bought|buys|goods|commerce|exchange|two-way|flows?)\b", re.I)
EXPORT_CUE = re.compile(r"\b(?:exports?|exported|exporting|sales|sold|sells|shipments|shipped|ships|supplied|supplies|"
                        r"deliveries|delivered|sent)\b", re.I)
IMPORT_CUE = re.compile(r"\b(?:imports?|imported|importing|purchases|purchased|bought|buys)\b", re.I)
TOTAL_CUE = re.compile(r"\b(?:trade|traded|trading|turnover|commerce|exchanges?|two-way|bilateral)\b", re.I)

NOT_TRADE_BEFORE = [
    ("balance", re.compile(r"\b(?:deficit|surplus|balance)\b", re.I)),
    ("target", re.compile(r"\b(?:goal|target|aims?|aimed|aiming|plans?|planned|forecasts?|projected|projection|"
                          r"expects?|expected|ambition|intends?|objective|seeks?|hopes?|pledged?|"
                          r"(?:raise|lift|increase|boost|bring|double|triple)\s+(?:it|\w+\s+\w+|\w+)?\s*to|will|would|could)\b",
                          re.I)),
    # Lower case only (plus a capital at the start of a sentence), so that "Ministry of Finance" is a name.
    ("finance", re.compile(r"\b(?:[Ii]nvest\w*|[Ff]inanc(?:ing|ed|es|ial)|finance|[Ll]oans?|[Cc]redits?|[Dd]ebts?|"
                           r"owes?|owed|[Rr]emittances?|aid|grants?|budget|reserves|bonds?|deposits?|contracts?|"
                           r"capital|spending|funds?|funding|projects?|tourism|revenues?)\b")),
    ("world", re.compile(r"\b(?:with\s+the\s+(?:world|rest)|total\s+(?:exports|imports)|all\s+(?:its|their)\s+"
                         r"(?:exports|imports)|total\s+(?:foreign|external)\s+trade|global\s+(?:trade|exports|imports))\b",
                         re.I)),
    ("sector", re.compile(r"\b(?:manufactured|manufacturing|agricultur\w*|agri-food|farm|food|energy|oil|gas|fuels?|"
                          r"arms|weapons|military|defen[cs]e|automotive|vehicles?|cars?|auto|steel|textiles?|services|"
                          r"digital|pharmaceutical\w*|non-oil|non-energy|electricity|grain|wheat|chemicals?)\s+"
                          r"(?:goods\s+|products\s+)?(?:trade|exports?|imports?|sales|shipments|alone)\b|"
                          r"\b(?:trade|exports?|imports?)\s+(?:in|of)\s+(?!goods\b)(?!merchandise\b)"
                          r"(?:manufactured|agricultur\w*|farm|food|energy|oil|gas|fuels?|arms|weapons|vehicles?|"
                          r"cars?|steel|textiles?|services|electricity|grain|wheat|chemicals?)\b", re.I)),
]
NOT_TRADE_AFTER = re.compile(r"^\s*(?:in|of|for)\s+(?:[\w\-]+\s+){0,2}?(?:financing|finance|remittances|loans?|"
                             r"invest\w*|aid|credits?|work|debts?|grants?|contracts?|bonds?|securities|assets)\b", re.I)
CHANGE_BEFORE = re.compile(r"\b(?:grew|grown|grow|rose|risen|rise|increased?|fell|fallen|fall|declined?|dropped|drop|"
                           r"jumped|climbed|expanded|contracted|surged|went\s+up|went\s+down|up|down|higher|lower|gain\w*)"
                           r"\b[^.;]{0,40}?\bby\s*$|\b(?:increase|rise|growth|decline|drop|fall|gain|difference|"
                           r"decrease|jump)\s+of\s*$", re.I)
CHANGE_AFTER = re.compile(r"^\s*(?:more|less|higher|lower|above|below)\b", re.I)
SECTOR_SENTENCE = re.compile(r"\b(?:top|main|leading|largest|biggest|principal|key|major)\s+(?:[\w.\-]+\s+){0,2}"
                             r"(?:imports|exports|products|goods|items|purchases|sales)\b[^.]*\b(?:were|are|included?|was)\b",
                             re.I)
SUBNATIONAL = re.compile(r"\b(?:ports?|port's|gateway|airport|seaport|province|provincial|municipal\w*|"
                         r"border\s+crossing|state's|region's)\b", re.I)
BLOCS = countries.BLOCS
LINK_BEFORE = re.compile(r"(?:\bup|\bdown|\bfrom|compared\s+(?:with|to)|against|versus|vs\.?|\bafter)\s*$", re.I)
CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|,\s*(?:and|or|but)\b")
NO_PERIOD_PREP = {"since", "until", "by", "before", "after", "till"}


@dataclass
class _Anchor:
    amount: Amount
    start: int
    end: int
    period: periods.Period | None = None
    kind: str | None = None          # total / exports / imports / None (not a figure)
    reporter: str | None = None
    partner: str | None = None
    note: str | None = None          # why it was left out


def extract_trade(sentences: list[str], doc_date: str | None, pair: tuple[str, str], source: str,
                  comma_decimal: bool = False) -> tuple[list[TradeFigure], list[Share]]:
    """Return the bilateral trade figures and shares stated in a document's sentences, in order."""
    figures: list[TradeFigure] = []
    shares: list[Share] = []
    history: list[periods.Period] = []   # periods of the figures so far, newest last
    continuing = False
    for sentence in sentences:
        anchors = read_sentence(sentence, doc_date, pair, history, comma_decimal, continuing)
        shares += extract_shares(sentence, doc_date, pair, source, history, anchors)
        kept = [a.period for a in anchors if a.amount and a.kind in ("total", "exports", "imports") and a.period]
        if kept:
            history = [p for p in history if p != kept[0]] + [kept[0]]
        continuing = bool(kept)
        for a in anchors:
            if a.period is None:
                continue
            if a.kind in ("total", "exports", "imports"):
                figures.append(TradeFigure(a.period.key, a.period.full_year, a.kind, a.amount.value,
                                           a.amount.currency, a.reporter, a.partner, sentence, source))
    return figures, shares


def read_sentence(sentence: str, doc_date: str | None, pair: tuple[str, str],
                  history: list[periods.Period] = (), comma_decimal: bool = False,
                  continuing: bool = False) -> list[_Anchor]:
    """Classify every amount of one sentence (see module docstring).

    ``continuing`` says the previous sentence stated trade figures, so a sentence
    without a trade word ("It remained below the record of $39 billion set in
    2011.") still speaks of trade.
    """
    local = {countries.country_currency(c) for c in pair}
    amounts = [for_pair(a, local) for a in _drop_parenthetical(find_amounts(sentence, comma_decimal), sentence)]
    if not amounts:
        return []
    mentions = [m for m in countries.find_mentions(sentence)]
    third = _third_parties(sentence, mentions, pair)
    period_mentions = periods.find(sentence)
    money = [_Anchor(a, a.start, a.end) for a in amounts]
    sentence_note = _sentence_exclusion(sentence, mentions, third, pair, continuing)
    for i, a in enumerate(money):
        seg_start = money[i - 1].end if i else 0
        seg_end = money[i + 1].start if i + 1 < len(money) else len(sentence)
        prev = money[i - 1] if i else None
        _classify_amount(a, sentence, seg_start, seg_end, prev, mentions, third, pair, sentence_note)
        _assign_period(a, sentence, seg_start, seg_end, period_mentions, prev, doc_date, history)

    return money


def _drop_parenthetical(amounts: list[Amount], sentence: str) -> list[Amount]:
    """Drop "(€4.6 billion)" right after "$5 billion": the same figure in another currency."""
    kept = []
    for a in amounts:
        if kept and re.fullmatch(r"\s*[(\[]\s*(?:or\s+|about\s+|some\s+|approx\w*\s+)?", sentence[kept[-1].end:a.start]):
            continue
        kept.append(a)
    return kept


def _third_parties(sentence: str, mentions, pair) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in mentions if m.country not in pair]
    spans += [m.span() for m in BLOCS.finditer(sentence)]
    return sorted(spans)


def _sentence_exclusion(sentence: str, mentions, third, pair, continuing: bool = False) -> str | None:
    if not TRADE_WORDS.search(sentence) and not continuing:
        return "no trade word"
    if SECTOR_SENTENCE.search(sentence):
        return "product values"
    if SUBNATIONAL.search(sentence):
        return "port or region"
    if third:
        named = {m.country for m in mentions if m.country in pair}
        first = min([m.start for m in mentions if m.country in pair] or [len(sentence)])
        if third[0][0] < first or len(named) < 2:
            return "another country"
    return None


def _classify_amount(a: _Anchor, sentence: str, seg_start: int, seg_end: int, prev: _Anchor | None,
                     mentions, third, pair, sentence_note: str | None) -> None:
    pre = sentence[seg_start:a.start]
    post = sentence[a.end:seg_end]
    clause_pre = re.split(r"[;,]|\bwhile\b|\bwhereas\b|\bbut\b", pre)[-1]
    near_post = " ".join(re.split(r"[;,]", post)[0].split()[:5])
    if sentence_note:
        a.note = sentence_note
        return
    if prev is not None and LINK_BEFORE.search(pre) and not re.search(r"[;]", pre):
        # "up from $3.9 billion", "from US$ 211 million": the same measure, another period
        a.kind, a.reporter, a.partner, a.note = prev.kind, prev.reporter, prev.partner, prev.note
        return
    recent = " ".join(pre.split()[-12:])  # "Korea's surplus with Vietnam, its largest ever, narrowed to"
    for note, rx in NOT_TRADE_BEFORE:
        if rx.search(recent if note == "balance" else clause_pre):
            a.note = note
            return
    if NOT_TRADE_AFTER.search(near_post):
        a.note = "finance"
        return
    if CHANGE_BEFORE.search(pre) or CHANGE_AFTER.search(post):
        a.note = "change"
        return
    if any(seg_start <= s < a.start for s, _ in third) or any(a.end <= s < a.end + 25 for s, _ in third):
        a.note = "another country"
        return
    _direction(a, sentence, seg_start, seg_end, mentions, pair, prev)


def _direction(a: _Anchor, sentence: str, seg_start: int, seg_end: int, mentions, pair,
               prev: _Anchor | None = None) -> None:
    """Decide total / exports / imports and, for flows, who reports them."""
    pre = sentence[seg_start:a.start]
    post_clause = re.split(r"[;,]|\bwhile\b|\band\b", sentence[a.end:seg_end])[0]
    cues = [(seg_start + m.start(), seg_start + m.end(), kind)
            for kind, rx in (("exports", EXPORT_CUE), ("imports", IMPORT_CUE), ("total", TOTAL_CUE))
            for m in rx.finditer(pre)]
    if cues:
        cue_start, cue_end, kind = max(cues, key=lambda c: c[1])
    else:
        after = [(a.end + m.start(), a.end + m.end(), kind) for kind, rx in (("exports", EXPORT_CUE), ("imports", IMPORT_CUE))
                 for m in rx.finditer(post_clause)]
        cue_start, cue_end, kind = min(after) if after else (a.end, a.end, "total")
    if kind == "total":
        a.kind = "total"
        return
    clause_start = max([seg_start] + [seg_start + m.end() for m in CLAUSE_BREAK.finditer(sentence[seg_start:cue_start])])
    clause_end = a.end + len(post_clause) if cue_start < a.end else cue_end + len(
        re.split(r"[;,]|\bwhile\b|\band\b", sentence[cue_end:seg_end])[0])
    local = [m for m in mentions if m.country in pair]
    before = [m for m in local if clause_start <= m.start and m.end <= cue_start]
    after = [m for m in local if max(cue_end, a.start if cue_start > a.end else cue_end) <= m.start < max(clause_end, a.end)]
    other = {pair[0]: pair[1], pair[1]: pair[0]}
    target = None
    for m in after:
        lead = sentence[max(seg_start, m.start - 14):m.start].lower()
        if kind == "exports" and (re.search(r"\bto\s+(?:the\s+)?$", lead) or
                                  re.search(r"\b(?:sold|sells)\s+(?:the\s+)?$", lead)):
            target = m.country
            break
        if kind == "imports" and (re.search(r"\bfrom\s+(?:the\s+)?$", lead) or m.kind == "adjective"):
            target = m.country
            break
    origin = before[-1].country if before else None
    if origin == target:
        origin = None
    if origin is None and target is None and prev is not None and prev.reporter:
        # "Vietnam's exports to Korea ..., while its imports from the East Asian country ...":
        # the sentence goes on about the same two sides.
        origin, target = prev.reporter, prev.partner
    if origin is None and target is None:
        a.note = "direction unknown"
        return
    if origin is None:
        origin = other[target]
    if target is None:
        target = other[origin]
    a.kind, a.reporter, a.partner = kind, origin, target


def _assign_period(a: _Anchor, sentence: str, seg_start: int, seg_end: int, mentions, prev: _Anchor | None,
                   doc_date: str | None, history: list[periods.Period]) -> None:
    """Pick the period an anchor speaks of: right after it, else before it, else inherited.

    "Over those four months" means the latest period of four months the document
    spoke of, not merely the latest period.
    """
    base = prev.period if prev is not None and prev.period is not None else (history[-1] if history else None)
    chosen = None
    for m in mentions:
        if m.start >= a.end and m.start <= seg_end:
            gap = sentence[a.end:m.start]
            if (not re.search(r"[,;]|\b(?:and|while|but|that|which|when|said)\b", gap) and len(gap.split()) <= 6
                    and m.preposition not in NO_PERIOD_PREP and m.relation != "anaphor"):
                chosen = m
            break
    if chosen is None:
        before = [m for m in mentions if seg_start <= m.start and m.end <= a.start
                  and m.preposition not in NO_PERIOD_PREP]
        chosen = before[-1] if before else None
    if chosen is not None and chosen.relation == "anaphor" and chosen.count:
        base = next((p for p in reversed(history) if p.months == chosen.count), base)
    period = periods.resolve(chosen, doc_date, base) if chosen is not None else base
    a.period = period

