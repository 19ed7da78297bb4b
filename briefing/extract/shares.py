"""Shares: one country's share of the other's trade, exports or imports, as a percentage.

Kept apart from the money figures of ``trade``: a share is read from a
percentage, what it measures ("of Chile's total trade", "of what Peru bought
abroad") and who holds it ("Peru's share", "Chile supplied ...", "... came from
Peru"). Of the two countries of the briefing, one holds the share of the
other's flow, so finding either side is enough, and finding both must agree.

Not shares: a third country's share, a combined share ("the three partners
account for half"), growth rates ("rose 12 per cent"), composition
("copper accounted for 40 per cent of Chilean deliveries") and anything that is
not trade (payments, tariff lines, foreign-exchange receipts).

All functions are pure: text in, plain data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from briefing import countries
from briefing.extract import lazyre, periods
from briefing.model import Share
from briefing.months import MONTH_NAME_RX

_NUM = r"\d{1,3}(?:[.,]\d+)?"
_UNIT = r"(?:%|per\s*cent\b|percent\b|pct\b)"
PERCENT = lazyre.compile(rf"(?<![\d.,])({_NUM})\s*{_UNIT}", re.I)
# "12.1, 11.8 and 12.6 per cent": bare numbers that share the "per cent" of the last one.
_LISTED = lazyre.compile(rf"(?<![\d.,$€£¥])({_NUM})(?=(?:,\s+{_NUM})*,?\s+and\s+{_NUM}\s*{_UNIT})", re.I)
_LIST_GAP = lazyre.compile(rf"^\s*{_UNIT}?\s*(?:,\s+|,?\s+and\s+)$", re.I)

LINK_BEFORE = lazyre.compile(r"(?:\bup|\bdown|\bfrom|compared\s+(?:with|to)|against|versus|vs\.?|\bafter)\s*$", re.I)
NO_PERIOD_PREP = {"since", "until", "by", "before", "after", "till"}
COMBINED = lazyre.compile(r"\b(?:together|combined|jointly|two|three|four|five|partners|each|both)\b", re.I)
# A change, not a level: "rose 12 per cent", "by 3 per cent", "5 per cent more than".
_CHANGE_BEFORE = lazyre.compile(
    r"\b(?:by|grew|grown|rose|risen|fell|fallen|increased|decreased|declined|dropped|jumped|"
    r"climbed|surged|slumped|shrank|contracted|expanded|gained|lost|(?<!made\s)(?<!make\s)(?<!makes\s)up|down|growth\s+of|"
    r"increase\s+of|rise\s+of|decline\s+of|drop\s+of|fall\s+of|year-on-year)\s+(?:only\s+|about\s+|"
    r"some\s+|almost\s+|nearly\s+|around\s+|just\s+|over\s+)?$",
    re.I,
)
_CHANGE_AFTER = lazyre.compile(
    r"^\s*(?:more|less|higher|lower|above|below|up|down|increase|rise|jump|growth|drop|decline|fall|"
    r"gain|year[- ]on[- ]year|on\s+the\s+(?:year|previous)|from\s+a\s+year)\b",
    re.I,
)

# What a share measures. Group names the flow.
_FLOW = [
    (
        "imports",
        lazyre.compile(
            r"\b(?:imports?|import\s+bill|purchases\s+abroad|foreign\s+purchases|"
            r"(?:what|everything|all(?:\s+that)?|goods)\s+(?:[\w’'.-]+\s+){1,3}?(?:bought|buys|buy|imported|"
            r"imports|purchased|purchases|sourced|received)\b)",
            re.I,
        ),
    ),
    (
        "exports",
        lazyre.compile(
            r"\b(?:exports?|export\s+(?:earnings|revenues?|receipts|sales)|sales\s+abroad|foreign\s+sales|"
            r"(?:what|everything|all(?:\s+that)?|goods)\s+(?:[\w’'.-]+\s+){1,3}?(?:sold|sells|sell|exported|"
            r"exports|shipped|ships)\b)",
            re.I,
        ),
    ),
    ("trade", lazyre.compile(r"\b(?:trade|traded|turnover|commerce)\b", re.I)),
]
_NOT_FLOW = lazyre.compile(
    r"\b(?:payments?|tariff|lines|receipts\s+from|inflows?|investment|GDP|output|production|population|"
    r"deficits?|surplus(?:es)?|balance|gap|growth|increase|rise|"
    r"market\s+capitali[sz]ation|debt|reserves|budget|services|tourists?|visitors)\b",
    re.I,
)
# "of Chile's total trade", "in Chilean exports", "of what Peru bought abroad" (ends at a clause break or a verb).
_PHRASE_AFTER = lazyre.compile(
    r"^\s*(?:share\s+)?(?:of|in)\s+(?P<phrase>[^,;:()]{2,90}?)(?=\s*(?:[,;:()]|\.(?:\s|$)|$|"
    r"\s+(?:in|during|over|for|from|between|last|this|a|compared|against|up|down|while|and|but|"
    r"which|when|as|after|before|according|said|came|went|were|was|is|are|respectively)\b))",
    re.I,
)
# "Peru's share in Chilean exports slipped to", "its share in imports to", "a share of".
_SHARE_BEFORE = lazyre.compile(
    r"(?P<owner>\b[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)?\s*\bshares?\s+(?:(?:of|in)\s+(?P<phrase>[^,;:]{2,90}?))?"
    r"\s*(?:\b(?:was|is|were|are|stood|stands|has|had|rose|risen|fell|fallen|slipped|climbed|increased|"
    r"decreased|declined|dropped|grew|edged|jumped|reached|amounted|came|hit|remained|went|reaching|"
    r"rising|falling|at|to|of|up|down|back|\s)+)?\s*$",
    re.I,
)
# "accounted for", "took", "supplied": the subject before holds the share.
_HOLDING_VERB = lazyre.compile(
    r"\b(?:accounted\s+for|accounts\s+for|account\s+for|accounting\s+for|made\s+up|makes\s+up|"
    r"make\s+up|took|takes|take|taking|represented|represents|represent|provided|provides|"
    r"supplied|supplies|supplying|absorbed|absorbs|received|receives|bought|buys|held|holds|had|has|"
    r"captured|commands?|commanded|enjoyed|enjoys|was\s+responsible\s+for|is\s+responsible\s+for)"
    r"\s+(?:(?:only|about|some|almost|nearly|around|just|over|roughly|a|an|share\s+of|some)\s+)*$",
    re.I,
)
# "... per cent of Peru's imports came from Chile", "... of Chile's exports went to Peru".
_SOURCE_AFTER = lazyre.compile(
    r"^\s*(?:came|come|comes|originated|were\s+sourced|was\s+sourced|were\s+bought|was\s+bought|"
    r"were\s+imported|was\s+imported)\s+from\s+(?:the\s+)?$|"
    r"^\s*(?:went|go|goes|were\s+sold|was\s+sold|were\s+shipped|was\s+shipped|were\s+bound|"
    r"was\s+bound|were\s+destined|was\s+destined)\s+(?:to|for)\s+(?:the\s+)?$",
    re.I,
)
_CLAUSE_START = lazyre.compile(
    r"[;:]|,\s+(?:while|whereas|and|but)\b|\b(?:while|whereas|which\s+means|meaning|so\s+that|"
    r"that|when)\s+|,\s+(?=[A-Z])"
)
# A flow to or from a group, not the other country: "to the Common Market", "from the bloc".
_REGION = lazyre.compile(
    r"\b(?:to|from|with|within|in|among)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+){0,4}(?:Community|Union|Area|"
    r"Market|Zone|Council|Alliance|League|Bloc|Partnership)\b|(?:bloc|region|community|union|world|"
    r"continent|rest\s+of|neighbou?rhood|area|zone|members?|partners)\b|(?:EU|EAC|SADC|COMESA|ECOWAS|"
    r"SACU|CARICOM|AfCFTA|APEC|RCEP|CPTPP|EFTA|OECD|BRICS|ASEAN|GCC|Mercosur|EAEU|CIS)\b)"
)
# A percentage that restates the amount before it: "$12 billion, or 9 per cent of ...".
_APPOSED = lazyre.compile(
    r"^\s*(?:in\s+(?:19|20)\d\d\s*)?,\s*(?:or|equivalent\s+to|equal\s+to|representing|about|some|"
    r"nearly|almost|roughly|i\.e\.)?\s*(?:about\s+|some\s+|nearly\s+|almost\s+)?$",
    re.I,
)
_RESPECTIVELY = lazyre.compile(r"\brespectively\b", re.I)
_MONTH_NAMES = MONTH_NAME_RX
_MONTH_LIST = lazyre.compile(
    rf"\b(?:in|for|during)\s+(?P<list>{_MONTH_NAMES}(?:,\s+{_MONTH_NAMES})*,?\s+and\s+{_MONTH_NAMES})"
    rf"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?\s+respectively\b"
)
_YEAR_LIST = lazyre.compile(
    r"\b(?:in|for|during)\s+(?P<list>(?:19|20)\d\d(?:,\s+(?:19|20)\d\d)*,?\s+and\s+(?:19|20)\d\d)"
    r"\s+respectively\b"
)


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
    group: int = 0  # percentages listed together share one phrase
    period: periods.Period | None = None
    text: str | None = None  # "Peru's share of Chile's foreign trade"; None: not a share
    holder: str | None = None
    of: str | None = None
    linked: bool = False  # "up from 7.5 per cent in 2020": the share before, for another period


def read_shares(
    sentence: str,
    doc_date: str | None,
    pair: tuple[str, str],
    history: Sequence[periods.Period] = (),
    figures: Sequence[Figure] = (),
) -> list[tuple[periods.Period | None, float, str]]:
    """Return (period, percent, wording) for each share of the pair stated in one sentence.

    ``figures`` are the sentence's money amounts with their periods (a share
    without a period of its own takes the one of the figure before it);
    ``history`` the periods the document spoke of so far, newest last.
    """
    percents = _find_percents(sentence)
    if not percents:
        return []
    mentions = countries.find_mentions(sentence, pair)
    period_mentions = periods.find(sentence)
    anchors: list = sorted([*figures, *percents], key=lambda a: a.start)
    groups: dict[int, list[_Percent]] = {}
    for p in percents:
        groups.setdefault(p.group, []).append(p)
    last: _Percent | None = None
    statement: _Percent | None = None  # the last share that is not a comparison value
    used = 0  # end of the last period a share took
    for i, a in enumerate(anchors):
        if not isinstance(a, _Percent):
            continue
        seg_start = anchors[i - 1].end if i else 0
        members = groups[a.group]
        if a is members[0]:
            figure_before = (
                i > 0
                and not isinstance(anchors[i - 1], _Percent)
                and bool(_APPOSED.match(sentence[anchors[i - 1].end : a.start]))
            )
            _classify(members, sentence, seg_start, mentions, pair, last, figure_before)
        if a.text is None:
            continue
        nxt = anchors[i + 1].start if i + 1 < len(anchors) else len(sentence)
        figure = next((b for b in reversed(anchors[:i]) if not isinstance(b, _Percent) and b.period), None)
        # A comparison value counts from the share it compares with; a new share from the last one
        # stated (not from a comparison's period: "8.2 per cent in 2021, up from 7.5 per cent in 2020,
        # and took 6 per cent ..." is 2021).
        prev = (
            last
            if a.linked
            else (statement if statement is not None and (figure is None or figure.start < statement.start) else figure)
        )
        if a.period is None:
            a.period, end = _period(a, sentence, max(seg_start, used), nxt, period_mentions, prev, doc_date, history)
            used = max(used, end)
        if a.linked and last is not None and a.period == last.period:
            a.text = None  # a comparison for the same period is no earlier share: whose it is, is unsure
            continue
        last = a
        if not a.linked:
            statement = a
    return [(p.period, p.value, p.text) for p in percents if p.text is not None]


def extract_shares(
    sentence: str,
    doc_date: str | None,
    pair: tuple[str, str],
    source: str,
    history: Sequence[periods.Period] = (),
    figures: Sequence[Figure] = (),
) -> list[Share]:
    """``read_shares`` as model ``Share`` records; a share without any period is dropped."""
    return [
        Share(p.key, pct, text, sentence, source)
        for p, pct, text in read_shares(sentence, doc_date, pair, history, figures)
        if p is not None
    ]


def _find_percents(sentence: str) -> list[_Percent]:
    """Every percentage, with bare numbers of a list ("12.1, 11.8 and 12.6 per cent") grouped.

    A fraction in words ("about a fifth of", "two-thirds of") is the percentage it names.
    """
    # Cheap gates, exact: every match of PERCENT and _LISTED has its unit ("%", "per...", "pct" in any case),
    # and every fraction the word of its denominator (or "alf" of "Half").
    low = sentence.lower()
    unit = "%" in sentence or "per" in low or "pct" in low
    found = (
        [_Percent(float(m.group(1).replace(",", ".")), m.start(), m.end()) for m in PERCENT.finditer(sentence)]
        if unit
        else []
    )
    if any(w in sentence for w in _FRACTION_WORDS):
        found += [_Percent(_fraction(m), m.start(), m.end()) for m in _FRACTION.finditer(sentence) if _fraction(m)]
    if unit:
        taken = {p.start for p in found}
        found += [
            _Percent(float(m.group(1).replace(",", ".")), m.start(), m.end())
            for m in _LISTED.finditer(sentence)
            if m.start() not in taken and not any(p.start <= m.start() < p.end for p in found)
        ]
    found.sort(key=lambda p: p.start)
    group = 0
    for i, p in enumerate(found):
        if i and not _LIST_GAP.match(sentence[found[i - 1].end : p.start]):
            group += 1
        p.group = group
    return found


_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "tenth": 10,
    "tenths": 10,
}
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
# "a fifth of", "two-thirds of", "nearly half of" (a bare "half" needs a qualifier or to open the clause:
# "the first half of 2023" is a period).
_FRACTION = lazyre.compile(
    r"(?<![\w-])(?:(?P<num>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Nn]ine)[-\s](?P<den>half|thirds?|quarters?|fifths?|"
    r"sixths?|tenths?)|(?P<half>[Hh]alf))(?=\s+of\b)"
)
_FRACTION_WORDS = ("alf", "third", "quarter", "fifth", "sixth", "tenth")
_HALF_BEFORE = lazyre.compile(
    r"(?:^|[,;:(]|\b(?:about|almost|nearly|roughly|around|some|over|fully|just|more\s+than|"
    r"less\s+than|under))\s*$",
    re.I,
)


def _fraction(m: re.Match) -> float:
    """The percentage a fraction names; 0 when it is not one ("the first half of 2023", "three-halves")."""
    if m.group("half"):
        return 50.0 if _HALF_BEFORE.search(m.string[: m.start()]) else 0.0
    num, den = _NUMERATORS[m.group("num").lower()], _DENOMINATORS[m.group("den")]
    return round(100 * num / den, 1) if num < den else 0.0


def _flow(phrase: str) -> str | None:
    if _NOT_FLOW.search(phrase):
        return None
    return next((name for name, rx in _FLOW if rx.search(phrase)), None)


def _classify(
    members: list[_Percent],
    sentence: str,
    seg_start: int,
    mentions,
    pair,
    last: _Percent | None,
    figure_before: bool = False,
) -> None:
    """Set holder, measured country and wording on a group of listed percentages, or leave them as not shares."""
    first, end = members[0], members[-1]
    pre = sentence[seg_start : first.start]
    other = {pair[0]: pair[1], pair[1]: pair[0]}
    if last is not None and LINK_BEFORE.search(pre) and len(pre.split()) <= 12:
        owned = re.match(r"\s*(?:for|by|of|from|with|in)\s+(?:the\s+)?", sentence[end.end :])
        if owned and any(m.start == end.end + owned.end() and m.country not in pair for m in mentions):
            return  # "11 per cent, against 35 per cent for Japan": another country's share
        for p in members:  # "up from 7.5 per cent in 2020": the same share, another period
            p.text, p.holder, p.of, p.linked = last.text, last.holder, last.of, True
        return
    if _FORECAST.search(_clause_around(sentence, first.start, end.end)):
        return  # "is expected to reach 15 per cent by 2025", "aims to supply 20 per cent"
    if _CHANGE_BEFORE.search(sentence[: first.start]) or _CHANGE_AFTER.search(sentence[end.end :]):
        return
    clause_start = max([0] + [m.end() for m in _CLAUSE_START.finditer(sentence[: first.start])])
    after = _PHRASE_AFTER.match(sentence[end.end :])
    before = _SHARE_BEFORE.search(sentence[clause_start : first.start]) or _SHARE_BEFORE.search(
        sentence[: first.start][-120:]
    )
    phrase: str | None = None
    pstart = 0  # where the phrase starts, once there is one
    if after and _flow(after.group("phrase")) is None and before is not None:
        after = None  # "was 9 per cent in January-May 2021": the phrase is before
    if after and _flow(after.group("phrase")) is None and _ranked(sentence, first, mentions, pair, whole=True):
        after = None  # "..., with a 15 per cent share in 2022": the rank names the flow
    if after:
        phrase, pstart = after.group("phrase"), end.end + after.start("phrase")
    elif before and before.group("phrase"):
        base = (
            first.start - len(sentence[: first.start][-120:])
            if not _SHARE_BEFORE.search(sentence[clause_start : first.start])
            else clause_start
        )
        phrase, pstart = before.group("phrase"), base + before.start("phrase")
    if phrase is None:
        ranked = _ranked(sentence, first, mentions, pair, whole=True)
        if ranked is not None:  # "Japan remained the Philippines' second-largest supplier in 2023, with a 9.4% share."
            owner, whose, noun = ranked
            for p in members:
                p.text, p.holder, p.of = (
                    f"{countries.possessive(owner)} share of {countries.possessive(whose)} {noun}",
                    owner,
                    whose,
                )
            return
        if not (before and last is not None):
            return
        phrase, pstart = "", first.start  # "and its share in imports to 0.8 per cent" without a phrase
    if phrase:
        flows = [_flow(phrase)]
    else:  # no phrase: only when there is a share before, whose flow this one keeps
        assert last is not None
        flows = [last.text and _noun_flow(last.text)]
    if phrase and _RESPECTIVELY.search(sentence[end.end :]) and len(members) > 1:
        more = re.match(
            r"\s*(?:,\s*|,?\s+and\s+)(?:its\s+|total\s+)?(?:exports|imports)\b", sentence[pstart + len(phrase) :]
        )
        if more:
            phrase += more.group()
        listed = re.findall(r"\b(exports|imports)\b", phrase, re.I)
        if len(listed) == len(members):
            flows = [f.lower() for f in listed]
    if None in flows or not flows or (phrase and _product(phrase)):
        return
    tail = sentence[pstart + len(phrase) :][:60] if phrase else ""
    if phrase and (
        countries.BLOCS.search(phrase)
        or _REGION.search(phrase)
        or _REGION.match(tail.lstrip())
        or _elsewhere(phrase, pstart, mentions, pair)
        or _elsewhere(tail[:25], pstart + len(phrase), mentions, pair)
    ):
        return  # "of Uganda's exports to the Common Market", "of its imports from the bloc"
    named_first = _share_of_in(sentence, phrase, pstart, mentions, pair) if before is not None else None
    if named_first is not None:  # "the share of Myanmar in Laos's total trade": the first country holds it
        first_holder, cut = named_first
        phrase, pstart = phrase[cut - pstart :], cut
    in_phrase = [m for m in mentions if pstart <= m.start < pstart + len(phrase)]
    if any(m.country not in pair for m in in_phrase) or len({m.country for m in in_phrase}) > 1:
        return  # "of trade with China", "of trade between the two"
    of = in_phrase[-1].country if in_phrase else None
    end_holder = _flow_end(sentence, clause_start, first, phrase, pstart, mentions, pair)
    if end_holder is not None:
        holder, of = end_holder, None  # the country named is the flow's other end, not whose flow it is
        if holder is False:
            return
    elif named_first is not None:
        holder = first_holder
    else:
        holder = _holder(sentence, clause_start, first, end, mentions, pair, before, last, phrase, pstart)
    if holder is False:
        return
    if holder is None and of is None and figure_before and re.match(r"(?:its|their)\b", phrase or "", re.I):
        subject = next((m for m in mentions if clause_start <= m.start < first.start and m.country in pair), None)
        of = (
            subject.country if subject is not None else None
        )  # "Chile bought ... $3 billion, 4 per cent of its imports"
    if (
        holder is None
        and before is None
        and not (
            figure_before
            and of is not None
            and any(m.country == other[of] for m in mentions if clause_start <= m.start < first.start)
        )
    ):
        # Nobody holds it ("About 45 per cent of the goods Peru buys from Chile are fuels"), unless it
        # restates a bilateral figure just before: "exports to Chile were $2 billion, or 9 per cent of ...".
        return
    if of is None and holder is None and last is not None and before is not None:
        holder, of = last.holder, last.of  # "and its share in imports": the same two sides
    if holder is None and of is None:
        return
    holder = holder or other[of]
    of = of or other[holder]
    if holder == of:
        return
    for i, p in enumerate(members):
        flow = flows[i] if len(flows) == len(members) else flows[0]
        noun = (
            flow
            if flow in ("imports", "exports")
            else ("goods trade" if re.search(r"\bgoods\b", phrase, re.I) else "foreign trade")
        )
        p.text = f"{countries.possessive(holder)} share of {countries.possessive(of)} {noun}"
        p.holder, p.of = holder, of
    _listed_periods(members, sentence)


# Words that may stand between the owner and the flow without narrowing it to a product or subset.
_WHOLE_FLOW = {
    "the",
    "its",
    "their",
    "total",
    "overall",
    "foreign",
    "global",
    "world",
    "merchandise",
    "goods",
    "annual",
    "all",
    "whole",
    "entire",
    "country's",
    "nation's",
    "national",
    "official",
    "recorded",
    "combined",
    "own",
    "what",
    "everything",
    "that",
    "of",
    "in",
    "two-way",
    "bilateral",
    "external",
    "international",
}
_FLOW_NOUN = lazyre.compile(
    r"\b(?:exports?|imports?|trade|turnover|commerce|purchases|sales|shipments|deliveries|"
    r"(?:what|everything|all|goods)\s+[\w’'.-]+\s)",
    re.I,
)


def _product(phrase: str) -> bool:
    """A flow narrowed to a product or subset: "Kazakh wheat exports", "the fuel Chile imports", "non-oil exports".

    Only country names and adjectives, numbers and words that keep the whole flow may
    come before its noun.
    """
    noun = _FLOW_NOUN.search(phrase)
    if noun is None:
        return False
    if re.match(r"\s+(?:of|in)\s+(?!goods\b|merchandise\b|all\b|the\s+country|[A-Z])[a-z]", phrase[noun.end() :]):
        return True  # "imports of refined fuel", "exports in grain"
    head = phrase[: noun.start()]
    for m in reversed(countries.find_mentions(head)):  # country names and adjectives keep the whole flow
        head = head[: m.start] + " " + head[m.end :]
    for word in head.split():
        word = word.strip(",.").replace("’", "'")
        if not (word.lower() in _WHOLE_FLOW or word in ("'s", "'") or word.isdigit()):
            return True
    return False


# "Japan remained the Philippines' second-largest source of imports in 2023, with a 9.4 per cent share":
# the subject holds a share of the possessor's flow named by the rank.
_RANKED = lazyre.compile(
    r"\b(?:is|was|remained|remains|became|becomes|has\s+become|had\s+become|ranked\s+as|ranks\s+as|stood\s+as)\s+"
    r"(?:the\s+)?(?P<obj>[^,;]{2,40}?)(?:'s|’s|'|’)\s+(?P<rank>(?:[\w-]+\s+){0,3}?)"
    r"(?P<noun>trading\s+partner|trade\s+partner|partner|supplier|source\s+of\s+imports|import\s+source|"
    r"export\s+market|export\s+destination|market|customer|buyer|destination|client)"
    r"(?P<rest>[^,;]*?),?\s+with\s+(?:a|an)\s*$",
    re.I,
)
_RANK_WORDS = lazyre.compile(
    r"^(?:(?:largest|biggest|top|main|leading|principal|major|most|important|number-one|no\.|"
    r"single|\w+-largest|\w+-biggest|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|trading|export|import)\s+)*$",
    re.I,
)
_RANK_PERIOD = lazyre.compile(
    r"^\s*(?:(?:in|during|for|over)\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+"
    r"(?:half|quarter)\s+of\s+)?(?:19|20)\d\d|(?:last|this)\s+year)?\s*$",
    re.I,
)
_RANK_FLOWS = {
    "supplier": "imports",
    "source of imports": "imports",
    "import source": "imports",
    "partner": "foreign trade",
    "trading partner": "foreign trade",
    "trade partner": "foreign trade",
}


def _ranked(sentence: str, first: _Percent, mentions, pair, whole: bool = False) -> tuple[str, str, str] | None:
    """(holder, whose flow, flow noun) of "X is Y's <rank> <partner>..., with a N% share", else None.

    ``whole``: the share names no flow of its own, so the rank must name it without narrowing
    it ("Y's largest African partner" or "... in the region" say a share of what, not of all trade).
    """
    m = _RANKED.search(sentence[: first.start])
    if m is None:
        return None
    subject = [x for x in mentions if x.end <= m.start()]
    owner = [x for x in mentions if m.start("obj") <= x.start < m.end("obj")]
    if not subject or len(owner) != 1 or subject[-1].country not in pair or owner[0].country not in pair:
        return None
    if subject[-1].country == owner[0].country or any(
        m.start() <= x.start < first.start and x not in owner for x in mentions
    ):
        return None
    if whole and not (_RANK_WORDS.match(m.group("rank")) and _RANK_PERIOD.match(m.group("rest"))):
        return None
    noun = _RANK_FLOWS.get(" ".join(m.group("noun").lower().split()), "exports")
    return subject[-1].country, owner[0].country, noun


# The countries a rank is counted after: "Peru's third partner after Japan and India, accounting for ...".
_RANKED_AFTER = lazyre.compile(
    r"\b(?:after|behind|ahead\s+of|following|(?:second\s+)?only\s+to)\s+(?:the\s+)?"
    r"[A-Z][\w'’.-]*(?:(?:\s+|,\s+(?:the\s+)?|,?\s+and\s+(?:the\s+)?)[A-Z][\w'’.-]*)*"
)


def _share_of_in(sentence: str, phrase: str, pstart: int, mentions, pair) -> tuple[str, int] | None:
    """ "share of Myanmar in Laos's total trade": (the holder, where the measured flow's phrase starts)."""
    lead = re.match(r"(?:the\s+)?", phrase, re.I)
    at = pstart + (lead.end() if lead else 0)
    named = next((m for m in mentions if m.start == at), None)
    link = re.match(r"\s+(?:in|of)\s+", sentence[named.end :]) if named is not None else None
    if named is None or link is None or named.country not in pair or named.end + link.end() >= pstart + len(phrase):
        return None
    return named.country, named.end + link.end()


def _flow_end(sentence: str, clause_start: int, first: _Percent, phrase: str, pstart: int, mentions, pair):
    """Who holds a share of "its exports to Myanmar" / "its imports from Laos": the flow's other end.

    "In 2021 Laos bought 30 per cent of its imports from Myanmar" is Myanmar's share of Laos's
    imports, whatever the verb. None when the phrase is not "its <flow> to/from <country>";
    False when the sentence contradicts itself (the subject is the other end too).
    """
    link = (
        re.match(
            r"(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:exports?|imports?|trade|sales|purchases|shipments|"
            r"deliveries|supplies)\s+(?:to|from|with)\s+(?:the\s+)?",
            sentence[pstart:],
            re.I,
        )
        if phrase
        else None
    )
    other_end = next((m for m in mentions if link and m.start == pstart + link.end()), None)
    if other_end is None:
        return None
    if other_end.country not in pair:
        return False
    subject = [m for m in mentions if clause_start <= m.start < first.start]
    if subject and subject[0].country == other_end.country:
        return False
    return other_end.country


_FORECAST = lazyre.compile(
    r"\b(?:will|would|expected|forecast|projected|target\w*|aims?|aiming|goal|plans?|planned|"
    r"hopes?|could|should|set\s+to|on\s+course|by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d)\b",
    re.I,
)


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause (between semicolons, or commas before a new clause) of the text at start..end."""
    lo = max([0] + [m.end() for m in re.finditer(r";\s*|,\s+(?:while|whereas|but|and)\s+", sentence[:start])])
    hi = next(
        (m.start() + end for m in re.finditer(r";|,\s+(?:while|whereas|but|and)\s+", sentence[end:])), len(sentence)
    )
    return sentence[lo:hi]


def _elsewhere(text: str, at: int, mentions, pair) -> bool:
    """The flow goes to or comes from a named place that is not the pair: "exports to South America"."""
    for m in re.finditer(r"(?:^|\s)(?:to|from|with)\s+(?:the\s+)?(?=[A-Z])", text):
        named = next((x for x in mentions if x.start == at + m.end()), None)
        if named is None or named.country not in pair:
            return True
    return False


def _noun_flow(text: str) -> str:
    return "imports" if text.endswith("imports") else "exports" if text.endswith("exports") else "trade"


def _holder(
    sentence: str,
    clause_start: int,
    first: _Percent,
    end: _Percent,
    mentions,
    pair,
    before,
    last,
    phrase: str,
    pstart: int,
):
    """Who holds the share: a country of the pair, None (not said), or False (someone else: not a share)."""
    pre_clause = sentence[clause_start : first.start]
    third = [m for m in mentions if m.country not in pair]
    # "... of Peru's imports came from Chile"
    tail_start = pstart + len(phrase) if phrase else end.end
    src = next(
        (m for m in mentions if m.start >= tail_start and _SOURCE_AFTER.match(sentence[tail_start : m.start])), None
    )
    if src is not None:
        return src.country if src.country in pair else False
    # "Peru's share in ...", "its share"
    if before is not None and before.group("owner") is not None:
        owner_text = before.group("owner")
        owner_at = sentence.rfind(owner_text, 0, first.start)
        owners = [m for m in mentions if owner_at <= m.start < owner_at + len(owner_text)]
        if owners:
            return owners[-1].country if owners[-1].country in pair else False
        if re.search(r"\b(?:its|their)\s*$", owner_text, re.I):
            if last is not None:
                return last.holder
            subj = [m for m in mentions if clause_start <= m.start < owner_at]
            return subj[0].country if subj and subj[0].country in pair else None
    # "Chile accounted for ...", "Chinese suppliers provided ...", "and supplied ..." (subject carried)
    verb = _HOLDING_VERB.search(pre_clause)
    if verb is not None:
        subject = pre_clause[: verb.start()]
        if last is not None and re.search(r"(?:^|\s)and\s+(?:also\s+|then\s+)?$", subject):
            return last.holder  # "Chile took 8 per cent of Peru's exports and supplied 5 per cent of its imports"
        if COMBINED.search(subject):
            return False
        ranks = [r.span() for r in _RANKED_AFTER.finditer(sentence, clause_start, clause_start + verb.start())]
        named = [
            m
            for m in mentions
            if clause_start <= m.start < clause_start + verb.start() and not any(a <= m.start < b for a, b in ranks)
        ]  # "partner after Japan and India"
        if any(m.country not in pair for m in named):
            return False
        if named:
            # "Exports from Peru to Chile accounted for ...": the destination holds the share;
            # else the grammatical subject ("Peru, Chile's second supplier, provided ...").
            for m in named:
                if re.search(
                    r"\b(?:sales|exports|shipments|deliveries|goods|flows)\s+(?:[\w-]+\s+){0,3}?to\s+(?:the\s+)?$|"
                    r"\b(?:imports|purchases|supplies|goods)\s+(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?$",
                    sentence[max(0, m.start - 40) : m.start],
                    re.I,
                ):
                    return m.country
            return named[0].country
        if not subject.strip() or re.fullmatch(r"\s*(?:and|it|which)\s*", subject, re.I):
            return last.holder if last is not None else None
        return False  # "Copper and fruit accounted for 40 per cent of ..."
    # "That gave Peru 15 per cent of ...", "which left Chile a share of 9 per cent of ..."
    given = [
        m
        for m in mentions
        if m.end <= first.start
        and re.fullmatch(
            r"\s*(?:(?:a|an)\s+share\s+of\s+)?(?:only\s+|about\s+|some\s+)?", sentence[m.end : first.start]
        )
    ]
    if given and re.search(
        r"\b(?:gave|gives|give|giving|left|leaves|leave|leaving|earned|earns|won|wins)\s+(?:the\s+)?$",
        sentence[max(0, given[-1].start - 20) : given[-1].start],
        re.I,
    ):
        return given[-1].country if given[-1].country in pair else False
    # "Myanmar's 18 per cent share of Lao imports": the possessor right before the percentage holds it
    if re.match(r"\s*(?:%|per\s*cent|percent)?\s*shares?\b", sentence[end.end :], re.I):
        owner = next(
            (
                m
                for m in mentions
                if re.fullmatch(
                    r"(?:'s|’s|'|’)\s*(?:(?:about|some|nearly|almost|a|an)\s+)?", sentence[m.end : first.start]
                )
            ),
            None,
        )
        if owner is not None:
            return owner.country if owner.country in pair else False
    # "With a 13 per cent share in Peru's imports, Chile became ..."
    if re.search(r"\b(?:a|an)\s*$", sentence[max(0, first.start - 4) : first.start], re.I) and re.match(
        r"\s*(?:%|per\s*cent|percent)?\s*shares?\b", sentence[first.end :], re.I
    ):
        after_clause = re.search(r",\s+", sentence[end.end :])
        if after_clause:
            at = end.end + after_clause.end()
            nxt = next((m for m in mentions if m.start >= at), None)
            if nxt is not None and nxt.start - at < 30:
                return nxt.country if nxt.country in pair else False
        ranked = _ranked(sentence, first, mentions, pair)
        return ranked[0] if ranked else None  # "Chile is Peru's top supplier, with a 9 per cent share of ..."
    # an apposition to a flow: "... from sales to Chile, 4.4 per cent of its export revenue"
    if any(clause_start <= m.start < first.start for m in third):
        return False
    flow_to = list(
        re.finditer(
            r"\b(?:sales|exports|shipments|deliveries)\s+to\s+(?:the\s+)?$|"
            r"\b(?:purchases|imports|supplies)\s+from\s+(?:the\s+)?$",
            sentence[: first.start],
            re.I,
        )
    )
    named = [
        m
        for m in mentions
        if m.start < first.start
        and m.country in pair
        and re.search(
            r"\b(?:sales|exports|shipments|deliveries)\s+to\s+(?:the\s+)?$|"
            r"\b(?:purchases|imports|supplies)\s+from\s+(?:the\s+)?$",
            sentence[max(0, m.start - 20) : m.start],
            re.I,
        )
    ]
    if named and re.fullmatch(r"[^;]*?,\s*", sentence[named[-1].end : first.start]) and not flow_to:
        return named[-1].country
    if before is not None:
        return None
    return False if not phrase else None


def _listed_periods(members: list[_Percent], sentence: str) -> None:
    """ "... in March, April and May 2022 respectively": one period per listed percentage."""
    if len(members) < 2:
        return
    tail = sentence[members[-1].end :]
    m = _MONTH_LIST.search(tail)
    if m and m.group("y"):
        months = re.findall(_MONTH_NAMES, m.group("list"))
        if len(months) == len(members):
            y = int(m.group("y"))
            for p, name in zip(members, months):
                k = periods.MONTHS[name.lower()]
                p.period = periods.months(y, k, k)
        return
    m = _YEAR_LIST.search(tail)
    if m:
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group("list"))]
        if len(years) == len(members):
            for p, y in zip(members, years):
                p.period = periods.year(y)


def _period(
    a: _Percent,
    sentence: str,
    seg_start: int,
    seg_end: int,
    mentions,
    prev,
    doc_date: str | None,
    history: Sequence[periods.Period],
) -> tuple[periods.Period | None, int]:
    """The period stated right after the percentage, else before it, else the previous share's or figure's.

    Also returns where the period it took ends in the sentence (0: none taken).
    """
    base = prev.period if prev is not None and prev.period is not None else (history[-1] if history else None)
    chosen = None
    for m in mentions:
        if a.end <= m.start <= seg_end:
            gap = sentence[a.end : m.start]
            if (
                not re.search(r"[,;]|\b(?:while|but|that|which|when|said)\b", gap)
                and len(gap.split()) <= 8
                and m.preposition not in NO_PERIOD_PREP
                and m.relation != "anaphor"
            ):
                chosen = m
            break
    if chosen is None:
        before = [
            m for m in mentions if seg_start <= m.start and m.end <= a.start and m.preposition not in NO_PERIOD_PREP
        ]
        chosen = before[-1] if before else None
    if chosen is not None and chosen.relation == "anaphor" and chosen.count:
        base = next((p for p in reversed(history) if p.months == chosen.count), base)
    if chosen is None:
        return base, 0
    return periods.resolve(chosen, doc_date, base), chosen.end
