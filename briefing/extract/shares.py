"""Shares: one country's share of the other's trade, exports or imports, as a percentage.

Kept apart from the money figures of ``trade``: a share is read from a
percentage and the phrase it measures ("of Chile's total trade", "Peru's share
of ..."), not from an amount, a flow cue and a direction. Third countries'
shares, growth rates and combined shares ("the three partners account for 51
per cent") are not shares.

All functions are pure: text in, plain data out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from briefing import countries
from briefing.extract import periods
from briefing.model import Share

PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|per\s*cent\b|percent\b|pct\b)", re.I)
SHARE_BEFORE = re.compile(r"\bshare\s+of\s+(?P<phrase>[^,;]{0,80}?)\s+(?:was|stood\s+at|reached|rose\s+to|fell\s+to|"
                          r"of|at|is|amounted\s+to|came\s+to)\s*$", re.I)
SHARE_AFTER = re.compile(r"^\s*of\s+(?P<phrase>(?:the\s+|all\s+|total\s+|its\s+)*[^,;]{0,60}?\b"
                         r"(?:trade|exports|imports|turnover|goods\s+traded\s+by\s+(?:the\s+)?[\w.\-’' ]+?))(?=[\s,.;]|$)",
                         re.I)
COMBINED = re.compile(r"\b(?:together|combined|jointly|three|four|five|partners|each)\b", re.I)
LINK_BEFORE = re.compile(r"(?:\bup|\bdown|\bfrom|compared\s+(?:with|to)|against|versus|vs\.?|\bafter)\s*$", re.I)
NO_PERIOD_PREP = {"since", "until", "by", "before", "after", "till"}


class Figure(Protocol):
    """What a share needs from the money figures of its sentence: where they are and their period."""

    start: int
    end: int
    period: periods.Period | None


@dataclass
class _Percent:
    value: float
    start: int
    end: int
    period: periods.Period | None = None
    text: str | None = None          # "Peru's share of Chile's foreign trade"; None: not a share


def read_shares(sentence: str, doc_date: str | None, pair: tuple[str, str],
                history: list[periods.Period] = (), figures: list[Figure] = ()) -> list[tuple[periods.Period | None, float, str]]:
    """Return (period, percent, wording) for each share of the pair stated in one sentence.

    ``figures`` are the sentence's money amounts with their periods (a share
    without a period of its own takes the one of the figure before it);
    ``history`` the periods the document spoke of so far, newest last.
    """
    percents = [_Percent(float(m.group(1).replace(",", ".")), m.start(), m.end()) for m in PERCENT.finditer(sentence)]
    if not percents:
        return []
    mentions = countries.find_mentions(sentence)
    third = sorted([(m.start, m.end) for m in mentions if m.country not in pair]
                   + [m.span() for m in countries.BLOCS.finditer(sentence)])
    period_mentions = periods.find(sentence)
    anchors: list = sorted([*figures, *percents], key=lambda a: a.start)
    last: _Percent | None = None
    out = []
    for i, a in enumerate(anchors):
        if not isinstance(a, _Percent):
            continue
        seg_start = anchors[i - 1].end if i else 0
        seg_end = anchors[i + 1].start if i + 1 < len(anchors) else len(sentence)
        a.text = _classify(a, sentence, seg_start, mentions, third, pair, last)
        if a.text is None:
            continue
        prev = last or next((b for b in reversed(anchors[:i]) if not isinstance(b, _Percent) and b.period), None)
        a.period = _period(a, sentence, seg_start, seg_end, period_mentions, prev, doc_date, history)
        last = a
        out.append((a.period, a.value, a.text))
    return out


def extract_shares(sentence: str, doc_date: str | None, pair: tuple[str, str], source: str,
                   history: list[periods.Period] = (), figures: list[Figure] = ()) -> list[Share]:
    """``read_shares`` as model ``Share`` records; a share without any period is dropped."""
    return [Share(p.key, pct, text, sentence, source)
            for p, pct, text in read_shares(sentence, doc_date, pair, history, figures) if p is not None]


def _period(a: _Percent, sentence: str, seg_start: int, seg_end: int, mentions, prev,
            doc_date: str | None, history: list[periods.Period]) -> periods.Period | None:
    """The period stated right after the percentage, else before it, else the previous share's or figure's."""
    base = prev.period if prev is not None and prev.period is not None else (history[-1] if history else None)
    chosen = None
    for m in mentions:
        if a.end <= m.start <= seg_end:
            gap = sentence[a.end:m.start]
            if (not re.search(r"[,;]|\b(?:and|while|but|that|which|when|said)\b", gap) and len(gap.split()) <= 6
                    and m.preposition not in NO_PERIOD_PREP and m.relation != "anaphor"):
                chosen = m
            break
    if chosen is None:
        before = [m for m in mentions if seg_start <= m.start and m.end <= a.start and m.preposition not in NO_PERIOD_PREP]
        chosen = before[-1] if before else None
    if chosen is not None and chosen.relation == "anaphor" and chosen.count:
        base = next((p for p in reversed(history) if p.months == chosen.count), base)
    return periods.resolve(chosen, doc_date, base) if chosen is not None else base


def _classify(a: _Percent, sentence: str, seg_start: int, mentions, third, pair, last: _Percent | None) -> str | None:
    """The share's wording ("Peru's share of Chile's imports"), or None when the percentage is not a share."""
    pre = sentence[seg_start:a.start]
    post = sentence[a.end:]
    other = {pair[0]: pair[1], pair[1]: pair[0]}
    if last is not None and LINK_BEFORE.search(pre) and len(pre.split()) <= 8:
        return last.text
    before = SHARE_BEFORE.search(sentence[:a.start])
    after = SHARE_AFTER.search(post)
    phrase = after.group("phrase") if after else (before.group("phrase") if before else None)
    if phrase is None or COMBINED.search(" ".join(pre.split()[-6:])):
        return None
    near = [m for m in mentions if m.end <= a.start]
    if near and near[-1].country not in pair and near[-1].start >= seg_start:
        return None  # "ahead of Canada with 15.2 per cent"
    if any(seg_start <= s < a.start for s, _ in third) and not before:
        return None
    pstart = a.end + after.start("phrase") if after else before.start("phrase")
    in_phrase = [m for m in mentions if pstart <= m.start < pstart + len(phrase) and m.country in pair]
    if not in_phrase:
        return None
    of_country = in_phrase[-1].country
    holder = None
    if before:
        owners = [m for m in mentions if m.end <= before.start("phrase") and m.country in pair]
        holder = owners[-1].country if owners else None
    if holder is None or holder == of_country:
        holder = other[of_country]
    noun = "imports" if re.search(r"imports", phrase, re.I) else "exports" if re.search(r"exports", phrase, re.I) \
        else "goods trade" if re.search(r"goods", phrase, re.I) else "foreign trade"
    return f"{countries.possessive(holder)} share of {countries.possessive(of_country)} {noun}"
