"""Trade figures and trade shares between the two countries of the briefing.

Every money amount of a document gets a *reading*: either a trade figure
(period, flow, reporter, partner, currency) or the reason it is not one. Only
amounts read with confidence on all five become figures; the rest stay in their
sentence, and the reason is kept for ``briefing extract --explain``.

How an amount is read, in one clause of one sentence:

1. Not a bilateral trade figure at all? A balance, a target, an increase, a
   product or sector value, services, investment or finance, a port or
   province, another country, the world: said by words in the amount's own
   stretch of text (from the previous amount or clause start to the next).
2. The flow (``flows.read_flow``): the nearest cue word before the amount in
   its clause, or right after it. An amount with no cue of its own continues
   the amount before it in the sentence ("$4.1 billion in 2022 and $3.6 billion
   in 2021", "from $6.2 bn to $7.9 bn"), or, in a sentence whose subject points
   back ("They", "The figure", "Such exports"), the last figure of the previous
   sentence.
3. The period: written right after the amount, else before it in its clause,
   else at the head of the sentence, else carried from the amount it
   continues. A comparison ("up from", "compared with", "against") must have a
   period of its own, or a relative one ("a year earlier"); it is never a
   second value for the current period. "A, B and C in P1, P2 and P3
   respectively" pairs them in order.

Pure functions: text in, plain data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from briefing import countries
from briefing.extract import lazyre, periods
from briefing.extract.amounts import Amount, find_amounts, for_pair
from briefing.extract.flows import EXPORT, IMPORT, TOTAL, Flow, cues, read_flow, side_role
from briefing.model import AmountReading, Share, TradeFigure
from briefing.months import MONTH_NAME_RX
from briefing.scales import BARE, SCALES, alternation

# --------------------------------------------------------------------------- what is not a trade figure

_BALANCE = lazyre.compile(
    r"\b(?:deficits?|surplus(?:es)?|balance|trade\s+gap|gap|excess\s+of\s+(?:imports|exports)|"
    r"in\s+(?:\w+(?:'s|’s)?\s+){0,2}favou?r|favou?red|net\s+exports)\b",
    re.I,
)
_TARGET = lazyre.compile(
    r"\b(?:goals?|targets?|targeted|aims?|aimed|aiming|plans?|planned|planning|forecasts?|"
    r"forecast|projected|projections?|projects\s+that|expects?|expected|expectations?|ambitions?|"
    r"intends?|objective|seeks?|seeking|hopes?|hoped|pledged?|potential|could|would|will|"
    r"should|might|on\s+course|on\s+track|set\s+to|poised|towards?|estimates?\s+(?:it|that)|wants?|wanted|"
    r"(?:raise|lift|increase|boost|bring|double|triple|take)\s+(?:it|\w+\s+\w+|\w+)?\s*to)\b",
    re.I,
)
_FINANCE = lazyre.compile(
    r"\b(?:[Ii]nvest\w*|[Ff]inanc(?:ing|ed|es|ial\s+(?:aid|support|package))|finance|[Ll]oans?|"
    r"[Cc]redits?|[Dd]ebts?|owes?|owed|[Rr]emittances?|aid|grants?|budget|reserves|bonds?|"
    r"deposits?|contracts?|capital|spending|spent\s+on|funds?|funding|projects?|tourism|"
    r"tourists?|(?<!export\s)revenues?|guarantees?|stakes?|acquisitions?|deals?|bailout|assistance|"
    r"cost|costs|costing|worth\s+of\s+(?:deals|agreements)|collected|duties|tariffs?|taxes|levies|"
    r"generating|employing|payroll|wages?|salaries)\b"
)
# "by $X", "by some $X": the size of a change, right before its amount
_BY_AMOUNT = r"\bby\s*(?:(?:some|about|around|nearly|almost|roughly|more\s+than|over|just\s+over|less\s+than)\s*)?$"
_CHANGE_BEFORE = lazyre.compile(
    r"\b(?:grew|grown|grow|rose|risen|rise|increased?|fell|fallen|fall|declined?|dropped|"
    r"drop|jumped|climbed|expanded|contracted|surged|slipped|shrank|went\s+up|went\s+down|up|"
    r"down|higher|lower|gain\w*|tilted)\b[^.;]{0,40}?" + _BY_AMOUNT + "|"
    r"\b(?:increase|rise|growth|decline|drop|fall|gain|difference|decrease|jump)\s+of\s*$|" + _BY_AMOUNT,
    re.I,
)
_BY_CHANGE = lazyre.compile(_BY_AMOUNT, re.I)
_CHANGE_AFTER = lazyre.compile(
    r"^\s*(?:more|less|higher|lower|above|below|over\s+the\s+(?:target|previous|figure)|short\s+of|"
    r"(?:increase|rise|drop|fall|decline|jump|gain))\b",
    re.I,
)
_WORLD = lazyre.compile(
    r"\b(?:with\s+the\s+(?:world|rest)|(?:its|their|\w+'s|\w+’s)\s+total\s+(?:foreign\s+|external\s+)?"
    r"(?:exports|imports|trade|sales|purchases)(?!\s+(?:with|to|from)\s+(?!the\s+(?:world|rest)\b|all\b|"
    r"other\b|\w+\s+countries\b))|"
    r"all\s+(?:its|their)\s+(?:exports|imports)|(?:its|their)\s+overall\s+(?:exports|imports|trade)|"
    r"(?<![A-Z]\w\w\w\s)(?<!\bfor\s)(?:foreign|external)\s+trade(?!\s+(?:secretariat|ministry|ministers?|office|"
    r"department|agency|council|bank|statistics|data|body|authority|commission|service|policy))|global\s+(?:trade|exports|imports)|"
    r"worldwide|from\s+all\s+(?:countries|sources)|to\s+all\s+(?:countries|destinations))\b"
)
# Lower case: "Chamber of Industry and Services" is a name; capitalised only where it opens the sentence
# or names a flow ("Services trade added ...", "Services exports").
_SERVICES = lazyre.compile(r"\bservices\b|^\s*Services\b|\bServices\s+(?:trade|exports?|imports?|sales|receipts)\b")
_SUBNATIONAL = lazyre.compile(
    r"\b(?:ports?|port's|gateway|airport|seaport|province|provincial|municipal\w*|"
    r"border\s+(?:crossing|post|point|checkpoints?|trade|markets?)|checkpoints?|"
    r"state's|region's|regional|alone\s+(?:sold|bought|shipped))\b|"
    rf"\b(?:through|via)\s+(?-i:(?:the\s+)?(?!{MONTH_NAME_RX}\b)[A-Z][a-z]+)",
    re.I,
)  # not "through May"
# Products and sectors: the value of one kind of goods, not of all trade.
_PRODUCT_WORDS = (
    r"manufactured|manufacturing|agricultur\w*|agri-food|farm|food|foodstuffs?|energy|oil|crude|"
    r"petroleum|gas|fuels?|coal|arms|weapons|ammunition|military|defen[cs]e|automotive|vehicles?|"
    r"cars?|auto|steel|iron|metals?|copper|gold|aluminium|textiles?|garments?|clothing|apparel|"
    r"digital|pharmaceutical\w*|medicines?|non-oil|non-energy|electricity|grain|wheat|maize|corn|"
    r"rice|sugar|coffee|tea|cocoa|cattle|livestock|meat|beef|fish|seafood|fruit|vegetables|"
    r"chemicals?|machinery|equipment|electronics?|semiconductors?|chips?|phones?|minerals?|ores?|"
    r"timber|wood|paper|cotton|tobacco|mining|fertili[sz]ers?|plastics?|rubber|soybeans?|cereals?|"
    r"dairy|milk|poultry|chicken|cement|aircraft|ships?|palm\s+oil|components|parts|"
    r"consumer\s+goods|capital\s+goods|intermediate\s+goods|raw\s+materials"
)
_PRODUCT = lazyre.compile(rf"\b(?:{_PRODUCT_WORDS})\b", re.I)
_PRODUCT_CLAUSE = lazyre.CaseFolded(
    rf"\b(?:{_PRODUCT_WORDS})\s+(?:products|goods|commodities|items)\b|"
    rf"\b(?:{_PRODUCT_WORDS})\s*(?:and\s+\w+\s+)?(?:goods\s+|products\s+)?(?:trade|exports?|imports?|sales|"
    rf"shipments|purchases|worth|at|alone|valued|totall?ing|amounting|came|made|accounted|\(|,|of)|"
    rf"\b(?:trade|exports?|imports?|sales|shipments|purchases)\s+(?:in|of)\s+(?!goods\b)(?!merchandise\b)"
    rf"(?:[\w\-]+\s+){{0,2}}?(?:{_PRODUCT_WORDS})\b"
)
_TOP = lazyre.compile(
    r"\b(?:top|main|leading|largest|biggest|principal|key|major)\s+(?:[\w.\-]+\s+){0,2}"
    r"(?:imports|exports|products|goods|items|purchases|sales)\b[^.]*\b(?:were|are|included?|was)\b",
    re.I,
)
# The blocs of the country data, and regions and groups named in other words.
_BLOCS = lazyre.compile(
    countries.BLOCS.pattern + r"|\b(?:Arab\s+world|Africa|Asia|Europe|Latin\s+America|Middle\s+East|"
    r"the\s+bloc|the\s+continent|the\s+region|the\s+group|member\s+(?:states|countries)|"
    r"(?:its|their)\s+(?:neighbours|neighbors|partners))\b"
)

# --------------------------------------------------------------------------- links between amounts

# The amount continues the one before it and compares with it: a row for another period.
_COMPARISON = lazyre.compile(
    r"(?:\bup|\bdown|\bincreas\w+|\bdeclin\w+|\brising|\bfalling)?\s*\bfrom\s*$|"
    r"\bcompared\s+(?:with|to)\s*$|\bagainst\s*$|\bversus\s*$|\bvs\.?\s*$|\bafter\s*$|"
    r"\b(?:than|on|over)\s+(?:the\s+)?$|\bfrom\s+(?:the\s+)?$|\bbelow\s*$|\babove\s*$|"
    r"\brelative\s+to\s*$|\bin\s+contrast\s+to\s*$|"
    r"\b(?:high|low|peak|level|record|figure|total)\s+of\s*$|"
    r"\b(?:twice|double|triple|thrice|half|(?:two|three|four|five)\s+times)\s+(?:the\s+)?$|"
    r"\b(?:of|at|recorded\s+at|with)\s*$(?<=\bthe\s\w{2})",
    re.I,
)
# Words that hedge an amount without changing what it measures ("just over", "almost", "a record").
_HEDGE = (
    r"(?:almost|nearly|about|around|some|roughly|approximately|over|under|more\s+than|less\s+than|"
    r"just\s+over|just\s+under|slightly\s+(?:over|under|above|below)|an?\s+estimated|a\s+record|a\s+mere|only|"
    r"then|further|another)"
)
# The amount continues the one before it with the same measure: "$4.1 billion in 2022 and $3.6 billion in 2021".
_CHAIN = lazyre.compile(
    r"^(?:[\s,()]*(?:and|or|then|to|through|as\s+well\s+as|while|with|followed\s+by|before|after\s+which))*"
    r"[\s,()]*"
    r"(?:(?:reaching|reached|climbing|climbed|rising|rose|falling|fell|growing|grew|standing|stood|"
    r"hitting|hit|totalling|totaling|totalled|totaled|touching|touched|dropping|dropped|slipping|"
    r"slipped|coming|came|dipping|dipped|easing|eased|sliding|slid|recovering|recovered|rebounding|"
    r"rebounded|peaking|peaked)\s+(?:to\s+|at\s+)?)?[\s,]*"
    rf"(?:{_HEDGE}\s+)*(?:to\s+)?$",
    re.I,
)
# A cue right after an amount is the amount's own: "$3bn of exports", "$2m in Ghanaian imports".
_OWN_AFTER = lazyre.compile(
    r"\s*(?:worth\s+)?(?:of|in)\s+(?:the\s+|its\s+|their\s+|those\s+|these\s+|such\s+|that\s+|this\s+)?(?:[A-Z][\w\-]*\s+)?|\s*(?:of\s+)?goods\s+",
    re.I,
)
_LIST_JOIN = lazyre.compile(rf"[\s,]*(?:and|or)?[\s,]*(?:{_HEDGE}\s+)?", re.I)
_APPROX_TAIL = lazyre.compile(rf"(?:\b{_HEDGE}\s*)+$", re.I)
_RESPECTIVELY = lazyre.compile(r"\brespectively\b", re.I)
# A subject that points back to the previous sentence.
_ANAPHOR = lazyre.compile(
    r"^(?:[A-Z][\w\-]*(?:\s+[\w\-]+){0,6},\s+)?(?:they|it|these|those|this|that|the\s+figure|"
    r"the\s+total|the\s+sum|the\s+amount|the\s+value|the\s+latter|the\s+former|"
    r"such\s+\w+|those\s+\w+|these\s+\w+|this\s+figure|that\s+figure|the\s+same\s+\w+)\b",
    re.I,
)
_CONTRAST = lazyre.compile(r";|\bwhile\b|\bwhereas\b|\bbut\b|\bhowever\b|\bcompared\s+with\b", re.I)
_CLAUSE_BREAK = lazyre.CaseFolded(
    r";|:|\bwhile\b|\bwhereas\b|\bbut\b|\bhowever\b|,\s*(?:and|or|but|which|when)\b|"
    r"\bwhich\b|\baccording\s+to\b|\bsaid\b|,\s*compared\s+(?:with|to)\b|—|–\s"
)
_NO_PERIOD_PREP = {"since", "until", "by", "before", "till"}
_PAREN_EQUIV = lazyre.compile(
    r"\s*[(\[]\s*(?:or\s+|about\s+|some\s+|approx\w*\s+|roughly\s+|around\s+|equivalent\s+to\s+)?$"
)


@dataclass
class _Reading:
    amount: Amount
    index: int
    flow: Flow | None = None
    period: periods.Period | None = None
    reason: str | None = None
    linked: str | None = None  # "chain" / "comparison": continues the amount before it
    relative: bool = False  # the period was resolved from the article date or context
    parenthetical: bool = False  # "(€4.6 billion)" after "$5 billion": the same figure again
    measured: _Reading | None = None  # the last amount before it that measured a flow
    before: _Reading | None = None  # the amount before it in the sentence
    same_currency: bool = True  # a parenthetical in the same currency is a repeat, not a row
    needs_past: bool = False  # stands only for a period already over (a target's starting point)
    weak: bool = False  # the period was carried, not written for this amount
    after: bool = False  # the period is written right after the amount


@dataclass
class Context:
    """What the document has said so far, carried from one sentence to the next."""

    figures: list = field(default_factory=list)  # flows of the previous sentence (its figures, or its topic)
    since: int = 99  # sentences since the last one with figures
    mentioned: periods.Period | None = None  # the last full year the text named, with or without figures
    current: periods.Period | None = None  # the period the text is speaking of now
    current_age: int = 99  # sentences since it was last stated
    whole: Flow | None = None  # the last two-way total stated
    whole_age: int = 99
    history: list = field(default_factory=list)  # periods of figures so far, newest last


def extract_trade(
    sentences: list[str],
    doc_date: str | None,
    pair: tuple[str, str],
    source: str,
    comma_decimal: bool = False,
    home: str | None = None,
) -> tuple[list[TradeFigure], list[Share]]:
    """Return the bilateral trade figures and shares stated in a document's sentences, in order."""
    figures, shares, _ = read_document(sentences, doc_date, pair, source, comma_decimal, home)
    return figures, shares


def read_document(
    sentences: list[str],
    doc_date: str | None,
    pair: tuple[str, str],
    source: str,
    comma_decimal: bool = False,
    home: str | None = None,
) -> tuple[list[TradeFigure], list[Share], list[AmountReading]]:
    """Figures, shares and a reading of every amount (kept or why not) for one document."""
    figures: list[TradeFigure] = []
    shares: list[Share] = []
    readings: list[AmountReading] = []
    ctx = Context()
    local = _pair_currencies(pair, home)
    for sentence in sentences:
        found_periods = data_periods(sentence)
        found = read_sentence(sentence, doc_date, pair, ctx, comma_decimal, local, found_periods)
        kept = [r for r in found if r.reason is None]
        for r in found:
            if r.parenthetical and r.same_currency:
                continue
            calendar = None
            if r.reason is None and r.period is not None and r.flow is not None and r.period.fiscal:
                calendar = _calendar_country(r.flow, r.amount.currency, pair, home)
                _on_calendar(r, calendar)
            readings.append(_explained(r, sentence, source))
            if r.reason is None and r.period is not None and r.flow is not None:  # _check made it whole
                months = _fiscal_months(r.period, calendar) if calendar else None
                figures.append(
                    TradeFigure(
                        r.period.key,
                        r.period.full_year,
                        r.flow.field,
                        r.amount.value,
                        r.amount.currency,
                        r.flow.reporter,
                        r.flow.partner,
                        sentence,
                        source,
                        months,
                        r.amount.bound,
                    )
                )
        own = [r for r in kept if r.linked != "comparison"] or kept
        if own:
            ctx.history = [p for p in ctx.history if p != own[0].period] + [own[0].period]
        ctx.figures = [r.flow for r in kept] or _topic(
            sentence, pair, bool(found), ctx.whole is not None and ctx.whole_age == 0
        )
        ctx.since = 0 if kept else ctx.since + 1
        years = [m.period for m in found_periods if m.period is not None and m.period.full_year]
        ctx.mentioned = years[-1] if years else ctx.mentioned
        main = [r for r in kept if r.linked != "comparison"]
        if main:
            ctx.current, ctx.current_age = main[0].period, 0
        else:
            # A sentence without figures of its own still says what period the text is on: the last one it
            # names, or for a sentence with amounts (whose later periods are its comparisons) the first.
            stated = [
                periods.resolve(m, doc_date, ctx.current)
                for m in found_periods
                if m.preposition not in _NO_PERIOD_PREP and m.relation not in ("anaphor", "year_earlier", "same_span")
            ]
            stated = [p for p in stated if p is not None]
            if (stated or _DAY_DATE.search(sentence)) and not found and not cues(sentence):
                # "The presidents met in Lima in March 2024": the date of an event, not of trade data; the
                # period the figures were speaking of no longer carries over it
                ctx.current_age = _CARRY + 1
            elif stated:
                ctx.current, ctx.current_age = (stated[0] if found else stated[-1]), 0
            else:
                ctx.current_age += 1
        totals = [r.flow for r in main if r.flow is not None and r.flow.field == TOTAL]
        if totals:
            ctx.whole, ctx.whole_age = totals[0], 0
        else:
            ctx.whole_age += 1
        shares.extend(_shares_of(sentence, doc_date, pair, ctx.history, source, found))
    return figures, shares, readings


def _calendar_country(flow: Flow, currency: str, pair: tuple[str, str], home: str | None) -> str | None:
    """The country whose fiscal calendar a fiscal-year figure is on.

    The reporter of a flow; for a total, the country whose currency the amount
    is in, else the article's own country, else the one of the pair that keeps a
    fiscal calendar. Two figures with the same label on different calendars are
    then different rows, never a conflict.
    """
    order = [flow.reporter] if flow.reporter else []
    order += [c for c in pair if countries.country_currency(c) == currency]
    order += [home] if home else []
    order += list(pair)
    return next((name for name in order if name and countries.fiscal_year_start(name) is not None), None)


def _on_calendar(r: _Reading, calendar: str | None) -> None:
    """A fiscal year named by one year ("fiscal 2023", "FY23") is the year it ends in, or for a country that
    names it by its first year (Japan) the one it starts in. Without a known calendar its months are a
    guess, so the figure stays out of the table."""
    period = r.period
    if period is None or not period.single:
        return
    if calendar is None:
        r.reason = "fiscal year on a calendar the country data does not record"
    elif countries.fiscal_year_named_by_start(calendar):
        r.period = period.shift(1)


def _fiscal_months(period: periods.Period, calendar: str) -> str | None:
    """The months of a fiscal year on ``calendar``'s country's own calendar ("2022-07..2023-06")."""
    start = countries.fiscal_year_start(calendar)
    if start is None:
        return None
    month = start[0]
    first = (period.start[0], month)
    last = (first[0] + 1, month - 1) if month > 1 else (first[0], 12)
    return f"{first[0]}-{first[1]:02d}..{last[0]}-{last[1]:02d}"


_PUBLISHED = lazyre.compile(
    r"\b(?:released|published|issued|announced|unveiled|presented|updated|dated|signed)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)


def data_periods(sentence: str) -> list:
    """The period expressions of a sentence, without the dates things were published ("figures released in
    January show ...")."""
    return [m for m in periods.find(sentence) if not _PUBLISHED.search(sentence[max(0, m.start - 30) : m.start])]


def _pair_currencies(pair: tuple[str, str], home: str | None) -> list[str]:
    """The pair's currencies, the article's own country first ("Sh" in a Kampala paper is UGX)."""
    order = sorted(pair, key=lambda c: c != home)
    return [c for c in (countries.country_currency(x) for x in order) if c]


def _explained(r: _Reading, sentence: str, source: str) -> AmountReading:
    a = r.amount
    flow = r.flow
    return AmountReading(
        source=source,
        sentence=sentence,
        text=a.text.rstrip("."),
        value=a.value,
        currency=a.currency,
        period=r.period.key if r.period else None,
        field=flow.field if flow else None,
        reporter=flow.reporter if flow else None,
        partner=flow.partner if flow else None,
        reason=r.reason,
    )


# --------------------------------------------------------------------------- one sentence


def read_sentence(
    sentence: str,
    doc_date: str | None,
    pair: tuple[str, str],
    ctx: Context | None = None,
    comma_decimal: bool = False,
    local: list[str] | None = None,
    found_periods: list | None = None,
) -> list[_Reading]:
    """Read every money amount of one sentence (see the module docstring)."""
    ctx = ctx or Context()
    local = local if local is not None else [c for c in (countries.country_currency(x) for x in pair) if c]
    amounts = [_for_pair(a, local) for a in find_amounts(sentence, comma_decimal)]
    if not amounts:
        return []
    amounts = _with_bare_numbers(sentence, amounts, comma_decimal)
    readings = [_Reading(a, i) for i, a in enumerate(amounts)]
    for prev, r in zip(readings, readings[1:]):
        between = sentence[prev.amount.end : r.amount.start]
        if _PAREN_EQUIV.fullmatch(between) or (prev.parenthetical and re.fullmatch(r"\s*[,;/]\s*(?:or\s+)?", between)):
            r.parenthetical = True
            r.same_currency = r.amount.currency == prev.amount.currency
    real = [r for r in readings if not r.parenthetical]
    mentions = countries.find_mentions_for_pair(sentence, pair)
    period_mentions = data_periods(sentence) if found_periods is None else found_periods
    breaks = _breaks(sentence)
    respective, follows, cue_of, owner_of = _respectively(sentence, real, doc_date, pair)
    paired = {} if cue_of or owner_of else _paired_flows(sentence, real, mentions, pair)
    carried_of = _carried_list(sentence, real, ctx)
    respective.update(_from_to_between(sentence, real, doc_date))
    respective = {**_listed_periods(sentence, real, doc_date), **respective}
    sentence_reason = _sentence_reason(sentence, mentions)
    for i, r in enumerate(real):
        before_r = real[i - 1] if i else None
        nxt = real[i + 1] if i + 1 < len(real) else None
        _read_amount(r, sentence, before_r, nxt, mentions, breaks, pair, ctx, sentence_reason)
        if r.index in follows:
            earlier = readings[follows[r.index]]
            r.flow, r.reason, r.linked = earlier.flow, earlier.reason, "comparison"
        if r.index in owner_of:
            _read_owner(r, sentence, owner_of[r.index], mentions, pair)
        if r.index in carried_of:
            r.flow = carried_of[r.index]
        if r.index in paired and (r.reason is None or r.reason in _SIDE_REASONS):
            r.flow = paired[r.index]
            r.reason = None if r.flow is not None else "direction unknown"
        if r.index in cue_of and r.flow is not None and r.flow.field != TOTAL:
            first = real[0].flow if real[0].flow is not None else r.flow
            r.flow = first.with_field(cue_of[r.index].field) if first.field != TOTAL else r.flow
        _read_period(r, sentence, before_r, nxt, period_mentions, breaks, doc_date, ctx, respective.get(r.index))
        _check(r, doc_date)
    _share_periods(sentence, real)
    for prev, r in zip(readings, readings[1:]):
        if r.parenthetical:
            # "KSh 12.5 billion ($97 million)": the source states the figure in a second currency
            r.flow, r.period, r.reason = prev.flow, prev.period, prev.reason
            if r.same_currency and r.reason is None:
                r.reason = "the same figure again"
    return readings


_BARE = lazyre.compile(
    r"(?<![\w$€£¥₹.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*(" + alternation(BARE) + r")\b(?!\s*(?:people|tonnes|"
    r"tons|barrels|litres|liters|units|vehicles|cars|visitors|tourists|passengers|jobs|bags|doses|"
    r"kilogrammes|kilograms|kg|square|cubic|hectares|acres))",
    re.I,
)
_BARE_JOIN = lazyre.compile(
    rf"[\s,]*(?:and|or|to|then)?[\s,]*(?:{_HEDGE}\s+)?$|"
    rf"\s*(?:in|for)\s+(?:\d{{4}}|the\s+\w+\s+(?:half|quarter)\s+of\s+\d{{4}})[\s,]*(?:and|to|then)\s+"
    rf"(?:{_HEDGE}\s+)?$",
    re.I,
)


def _with_bare_numbers(sentence: str, amounts: list[Amount], comma_decimal: bool) -> list[Amount]:
    """Numbers with a scale but no currency, listed with an amount that has one, take its currency:
    "from PLN 23 billion in 2020 to almost 29 billion in 2021", "11.5 billion, 19.5 billion and 28.1 billion
    zlotys"."""
    from dataclasses import replace

    from briefing.extract.amounts import APPROX, SCALES, bound_of, parse_number

    taken = [(a.start, a.end) for a in amounts]
    extra: list[Amount] = []
    bare = [m for m in _BARE.finditer(sentence) if not any(s <= m.start() < e for s, e in taken)]
    for m in bare:
        pool = sorted(amounts + extra, key=lambda a: a.start)
        before = [a for a in pool if a.end <= m.start()]
        after = [a for a in pool if a.start >= m.end()]
        source = None
        if before and _BARE_JOIN.fullmatch(sentence[before[-1].end : m.start()]):
            source = before[-1]
        elif after and _LIST_JOIN.fullmatch(sentence[m.end() : after[0].start]):
            source = after[0]
        if source is None:
            continue
        value = parse_number(m.group(1), SCALES[m.group(2).lower()], comma_decimal)
        if value is None:
            continue
        hedge = APPROX.search(sentence[max(0, m.start() - 24) : m.start()])
        extra.append(
            replace(
                source,
                start=m.start(),
                end=m.end(),
                value=value * SCALES[m.group(2).lower()],
                text=m.group(0),
                approx=bool(hedge),
                bound=bound_of(hedge.group(0)) if hedge else None,
            )
        )
    # a list is read right to left as well: "4.2 billion, 5.1 billion and 6.3 billion kroner"
    for m in reversed(bare):
        if any(x.start == m.start() for x in extra):
            continue
        pool = sorted(amounts + extra, key=lambda a: a.start)
        after = [a for a in pool if a.start >= m.end()]
        if after and re.fullmatch(r"[\s,]*(?:and|or)?[\s,]*", sentence[m.end() : after[0].start]):
            value = parse_number(m.group(1), SCALES[m.group(2).lower()], comma_decimal)
            if value is not None:
                hedge = APPROX.search(sentence[max(0, m.start() - 24) : m.start()])
                extra.append(
                    replace(
                        after[0],
                        start=m.start(),
                        end=m.end(),
                        approx=bool(hedge),
                        value=value * SCALES[m.group(2).lower()],
                        text=m.group(0),
                        bound=bound_of(hedge.group(0)) if hedge else None,
                    )
                )
    return sorted(amounts + extra, key=lambda a: a.start)


def _carried_list(sentence: str, real: list[_Reading], ctx: Context) -> dict[int, Flow]:
    """ "They had stood at $A and $B respectively in 2022": as many amounts as the previous sentence had
    figures take its flows, in order."""
    if not (_RESPECTIVELY.search(sentence) and _ANAPHOR.match(sentence.lstrip())):
        return {}
    if len(ctx.figures) < 2 or len(ctx.figures) != len(real):
        return {}
    if not all(_LIST_JOIN.fullmatch(sentence[x.amount.end : y.amount.start]) for x, y in zip(real, real[1:])):
        return {}
    return {r.index: flow for r, flow in zip(real, ctx.figures)}


def _read_owner(r: _Reading, sentence: str, owner, mentions, pair) -> None:
    """The flow of one amount of a "respectively" list whose owners are countries listed before it."""
    if owner.country not in pair:
        r.flow, r.reason = None, "another country"
        return
    found = [c for c in cues(sentence, owner.end, r.amount.start) if c.field != TOTAL]
    if not found:
        return
    cue = found[0]
    later = [m for m in mentions if m.start >= cue.start and m.start < r.amount.start]
    flow, why = read_flow(sentence, cue, [owner, *later], pair)
    if flow is not None:
        r.flow, r.reason = flow, None


def _share_periods(sentence: str, real: list[_Reading]) -> None:
    """ "imports of $A and exports of $B in 2017": a period written after the last of two coordinated
    amounts covers the first, which has none of its own."""
    for r, nxt in zip(reversed(real[:-1]), reversed(real[1:])):
        if not (nxt.after and nxt.period is not None and (r.period is None or r.weak)):
            continue
        if not re.fullmatch(r"\s*,?\s*and\s+(?:[\w\-]+\s+){0,5}", sentence[r.amount.end : nxt.amount.start]):
            continue
        if r.reason is None or r.reason in _PERIOD_REASONS:
            r.period, r.weak, r.after = nxt.period, False, True
            r.reason = None if r.flow is not None else r.reason


def _for_pair(a: Amount, local: list[str]) -> Amount:
    for code in local:
        b = for_pair(a, {code})
        if b.currency == code:
            return b
    return a


_REGION_OF = lazyre.compile(
    r"\b(?:Western|Eastern|Northern|Southern|Central|Upper|Lower|North-?western|North-?eastern|"
    r"South-?western|South-?eastern)\s+$"
)


def _sentence_reason(sentence: str, mentions=()) -> str | None:
    if _TOP.search(sentence):
        return "product values"
    first = next(iter(mentions), None)
    if first is not None and _REGION_OF.search(sentence[max(0, first.start - 16) : first.start]):
        return "port or region"  # "Northern Chile alone sold ...": a region, not the country
    return None


def _clause_start(pos: int, breaks: Sequence[int], floor: int = 0) -> int:
    return max([floor] + [b for b in breaks if b < pos])


def _clause_end(pos: int, breaks: Sequence[int], ceiling: int) -> int:
    return min([ceiling] + [b for b in breaks if b >= pos])


def _read_amount(
    r: _Reading,
    sentence: str,
    prev: _Reading | None,
    nxt: _Reading | None,
    mentions,
    breaks,
    pair,
    ctx: Context,
    sentence_reason: str | None,
) -> None:
    a = r.amount
    own_start = prev.amount.end if prev else 0
    clause_start = _clause_start(a.start, breaks)
    seg_start = max(own_start, clause_start)
    seg_end = _clause_end(a.end, breaks, nxt.amount.start if nxt else len(sentence))
    own_pre = sentence[seg_start : a.start]
    post = sentence[a.end : seg_end]

    # Continuing the amount before it: "from $X to $Y", "$X in 2022 and $Y in 2021", "up from $Y".
    between = _APPROX_TAIL.sub("", sentence[own_start : a.start]) if prev else ""
    own_cues = list(cues(sentence, seg_start, a.start))
    own_cues += [c for c in cues(sentence, a.end, seg_end) if _OWN_AFTER.fullmatch(sentence[a.end : c.start])]
    # "rose by $1bn to $8bn": the level after the change is read on its own
    by_change = (
        prev is not None
        and re.fullmatch(r"\s*to\s*", between) is not None
        and _BY_CHANGE.search(sentence, 0, prev.amount.start) is not None
    )
    crossing = by_change or bool(_BALANCE.search(between) or _TARGET.search(between) or _FINANCE.search(between))
    if (
        prev is not None
        and not own_cues
        and not crossing
        and (_COMPARISON.search(between) or _CHAIN.fullmatch(_strip_periods(between)))
    ):
        r.linked = "comparison" if _COMPARISON.search(between) else "chain"
        source = prev
        if r.linked == "comparison" and prev.reason == "increase or difference" and prev.measured is not None:
            source = prev.measured  # "$2bn more than the $9bn of 2021": compares with the figure before
        r.flow, r.reason = source.flow, (None if source.reason in _PERIOD_REASONS else source.reason)
        if r.reason == "target or forecast" and r.linked == "comparison" and source.flow is not None:
            r.reason, r.needs_past = None, True  # "to $20bn by 2030 from $8bn in 2019": 2019's is a stated figure
        r.measured = source
        if r.reason is None and _CHANGE_AFTER.search(sentence[a.end : seg_end]):
            r.flow, r.reason = None, "increase or difference"  # "$3.1 billion, $200 million more than in 2019"
        if r.reason is None and _third_before(sentence, own_start, a.start, mentions, pair):
            r.flow, r.reason = None, "another country"
        return

    r.before = prev
    if prev is not None:
        r.measured = prev if prev.flow is not None else prev.measured
    reason = (
        sentence_reason
        or _range(sentence, a, prev, nxt)
        or _not_trade(sentence, a, seg_start, seg_end, clause_start, own_pre, post, mentions, pair)
    )
    if (
        reason == "target or forecast"
        and _PAST_REFERENCE.match(sentence[a.end : seg_end])
        and re.search(r"\b(?:above|below|than|from|against|compared\s+with)\s+(?:the\s+)?$", own_pre, re.I)
    ):
        reason, r.needs_past = None, True  # "expects ... to pass the $7.5bn of 2012": a stated past figure
    if reason:
        r.reason = reason
        if reason == "target or forecast":
            r.flow, _ = _flow(r, sentence, seg_start, seg_end, clause_start, mentions, pair, prev, ctx)
        return
    r.flow, r.reason = _flow(r, sentence, seg_start, seg_end, clause_start, mentions, pair, prev, ctx)


def _strip_periods(text: str) -> str:
    """Remove period expressions, so "in 2022 and" reads as a bare link."""
    out = text
    for m in sorted(periods.find(text), key=lambda m: -m.start):
        out = out[: m.start] + out[m.end :]
    return re.sub(r"\b(?:in|for|during|of|over|the|alone|period|months?|year|respectively)\b", " ", out, flags=re.I)


def _third_before(sentence: str, start: int, end: int, mentions, pair) -> bool:
    third = [m for m in mentions if start <= m.start < end and m.country not in pair]
    return bool(third) or bool(_bloc_mentions(sentence, start, end, mentions))


_FINANCE_AFTER = lazyre.compile(
    r"\s*(?:[\w\-]+\s+)?(?:deals?|contracts?|loans?|investments?|projects?|grants?|packages?|"
    r"agreements?|credits?|credit\s+lines?|facility|facilities|bonds?|orders?|tenders?|"
    r"programmes?|programs?|funds?|plants?|factory|factories|refinery|pipeline)\b",
    re.I,
)
# ", chiefly copper, fruit and fish," or ", including re-exports,": what a flow consists of.
_DESCRIPTION = lazyre.compile(
    r",\s*(?:including|chiefly|mostly|mainly|largely|notably|especially|primarily|led\s+by|"
    r"dominated\s+by|such\s+as)\s+[^;:]*,(?=[^,]*$)",
    re.I,
)


_RANGE_JOIN = lazyre.compile(r"\s*(?:-|–|—|to)\s*")
_SCALE_WORD = lazyre.compile(rf"(?:{alternation(SCALES)})\b", re.I)


_FROM_BY = lazyre.compile(r"\b(?:from|by)\s*(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$", re.I)


def _range(sentence: str, a: Amount, prev: _Reading | None, nxt: _Reading | None) -> str | None:
    """ "$5-6 billion", "$5 to $6 billion", "between $5bn and $6bn": a range is no single figure; "$5" alone is
    no trade-sized amount at all."""

    def ranged(first: Amount, second: Amount) -> bool:
        # "$5-6 billion", "$500 million to $600 million"; but "from $5bn to $6bn" is a change over time
        # "rose by $1bn to $8bn" is a change, then the level it reached
        return bool(_RANGE_JOIN.fullmatch(sentence[first.end : second.start])) and not _FROM_BY.search(
            sentence[max(0, first.start - 18) : first.start]
        )

    if (nxt is not None and ranged(a, nxt.amount)) or (prev is not None and ranged(prev.amount, a)):
        return "a range, not one figure"
    if (
        re.search(r"\bbetween\s*$", sentence[max(0, a.start - 10) : a.start], re.I)
        and nxt is not None
        and re.fullmatch(r"\s*and\s*", sentence[a.end : nxt.amount.start])
    ):
        return "a range, not one figure"
    if (
        prev is not None
        and re.fullmatch(r"\s*and\s*", sentence[prev.amount.end : a.start])
        and re.search(r"\bbetween\s*$", sentence[max(0, prev.amount.start - 10) : prev.amount.start], re.I)
    ):
        return "a range, not one figure"
    if not _SCALE_WORD.search(a.text) and a.value < 10_000:
        return "no trade-sized amount"
    return None


_VERB_AFTER = lazyre.compile(
    r"\b(?:exporting|importing|selling|buying|shipping|exported|imported|sold|bought|shipped)\b[^;]*$", re.I
)
_BALANCE_AFTER = lazyre.compile(
    r"^\s*(?:(?!and\b|or\b|while\b)\w+\s+){0,2}(?:deficit|surplus|in\s+(?:\w+(?:'s|’s)?\s+)?favou?r)", re.I
)
_BY_YEAR = lazyre.compile(r"\bby\s+20\d\d\b")
_FINANCE_OF = lazyre.compile(
    r"^\s*(?:in|of|for|into|on)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:financing|finance|remittances|loans?|invest\w*|aid|credits?|"
    r"debts?|grants?|contracts?|bonds?|securities|assets|projects?|"
    r"deals?|stakes?|ventures?)\b",
    re.I,
)
_AVERAGE = lazyre.compile(r"\baverag\w+|\bper\s+(?:month|day|week|capita|head)\b|\ba\s+(?:month|day|week)\b", re.I)
_PRODUCT_AFTER = lazyre.compile(
    rf"^\s*,?\s*(?:worth\s+)?(?:of|in|by|led\s+by)\s+(?:[\w\-]+\s+){{0,2}}?(?:{_PRODUCT_WORDS})\b", re.I
)
# the lookahead on the words' first letters skips most positions at once (the same matches)
_PRODUCT_BEFORE = lazyre.compile(
    rf"\b(?={lazyre.initials(_PRODUCT_WORDS)})(?:(?:{_PRODUCT_WORDS})\s+(?:worth|at|of)\s*$|(?:{_PRODUCT_WORDS})\s*$)",
    re.I,
)
_WITH_WHICH = lazyre.compile(r"\b(?:with|to|from|of)\s+which\b")


def _not_trade(
    sentence: str, a: Amount, seg_start: int, seg_end: int, clause_start: int, own_pre: str, post: str, mentions, pair
) -> str | None:
    """Return why an amount is not a bilateral trade figure, or None."""
    clause_pre = _DESCRIPTION.sub(",", sentence[seg_start : a.start])
    recent = " ".join(clause_pre.split()[-10:])
    near_post = " ".join(post.split()[:6])
    verb_after = _VERB_AFTER.search(recent)
    # "a $800m surplus ..., exporting $3.0bn": the balance is said before the verb that the amount belongs to
    if (_BALANCE.search(recent) and not verb_after) or _BALANCE_AFTER.match(post):
        return "balance"
    if _TARGET.search(clause_pre) or _BY_YEAR.search(near_post):
        return "target or forecast"
    if _CHANGE_BEFORE.search(own_pre) or _CHANGE_AFTER.search(post):
        return "increase or difference"
    if _FINANCE_AFTER.match(post):
        return "investment or finance"  # "a $300 million deal to ...", "a $1 billion credit line"
    if _FINANCE.search(clause_pre) or _FINANCE_OF.match(post):
        return "investment or finance"
    if _AVERAGE.search(clause_pre + " " + near_post):
        return "average or rate"
    if _SERVICES.search(clause_pre + " " + near_post):
        return "services"
    if _WORLD.search(clause_pre + " " + near_post):
        return "world total"
    if _SUBNATIONAL.search(clause_pre + " " + near_post):
        return "port or region"
    rx, subject = _PRODUCT_CLAUSE.on(clause_pre)
    if rx.search(subject) or _PRODUCT_AFTER.match(post) or _PRODUCT_BEFORE.search(own_pre):
        if not _whole_flow_listed(sentence, own_pre, mentions, pair):
            return "product or sector"
    if _OF_KIND.search(own_pre):
        return "product or sector"
    which = list(_WITH_WHICH.finditer(sentence[: a.start]))
    if which:
        antecedent = [m for m in mentions if m.end <= which[-1].start()]
        if antecedent and antecedent[-1].country not in pair and which[-1].start() - antecedent[-1].end <= 3:
            return "another country"  # "after Brazil, with which X traded goods worth ..."
    named = sorted(
        [m for m in mentions if seg_start <= m.start < a.start and not _attribution(sentence, m)]
        + _bloc_mentions(sentence, seg_start, a.start, mentions),
        key=lambda m: m.start,
    )
    if named and named[-1].country not in pair:
        return "another country"
    if any(m.country not in pair for m in mentions if a.end <= m.start < a.end + 20) and not re.match(r"^\s*\(", post):
        third = next(m for m in mentions if a.end <= m.start < a.end + 20 and m.country not in pair)
        if re.search(r"\b(?:to|from|with|in)\s+(?:the\s+)?$", sentence[a.end : third.start]):
            return "another country"
    return None


# "exports of Chilean wine", "Peru's exports to Chile of fresh grapes": one kind of goods, named.
_OF_KIND = lazyre.compile(
    r"\b(?i:exports?|imports?|sales|shipments|purchases|deliveries)\s+(?:to|from)?\s*(?:the\s+)?"
    r"(?:\w+\s+)??of\s+(?!(?:the\s+)?(?:goods|merchandise|products|commodities|items|wares)\b)"
    rf"(?:[A-Z]\w+\s+)?(?!goods\b|merchandise\b|products\b|{_HEDGE}\b|up\b|just\b)[a-z][\w\-]+"
)
_GOODS_LIST = lazyre.compile(
    r"\b(?:sent|sold|shipped|supplied|exported|delivered|bought|imported|purchased)\s+"
    r"(?P<to>\w+\s+)?(?P<items>[\w\-]+(?:\s+[\w\-]+)?(?:\s*,\s*[\w\-]+(?:\s+[\w\-]+)?){2,}"
    r"\s*,?\s+and\s+[\w\-]+(?:\s+[\w\-]+)?)\s+worth\s+(?:about\s+|some\s+|around\s+)?$",
    re.I,
)


def _whole_flow_listed(sentence: str, own_pre: str, mentions, pair) -> bool:
    """ "Peru sold Chile copper, fruit, zinc and fishmeal worth $2.2 billion": a list of the
    kinds of goods that make up a flow between the two named countries is the flow, not one product."""
    m = _GOODS_LIST.search(own_pre)
    if not m:
        return False
    named = {x.country for x in mentions if x.country in pair}
    return len(named) == 2 and not any(x.country not in pair for x in mentions)


def _flow(
    r: _Reading,
    sentence: str,
    seg_start: int,
    seg_end: int,
    clause_start: int,
    mentions,
    pair,
    prev: _Reading | None,
    ctx: Context,
) -> tuple[Flow | None, str | None]:
    a = r.amount
    if re.fullmatch(r"[\s:]*", sentence[clause_start : a.start]):
        clause_start = _clause_start(clause_start, _breaks(sentence), 0)  # "Bilateral trade (2023): $5.2 billion"
    if re.match(r"[\s,]*(?:which|that)\b", sentence[clause_start : a.start]) and not cues(
        sentence, clause_start, a.start
    ):
        # "Trade between X and Y, which stood at $4.2 billion in 2022, ...": the clause it hangs on names the flow
        clause_start = _clause_start(clause_start, _breaks(sentence), 0)
    before = cues(sentence, clause_start, a.start)
    after = cues(sentence, a.end, seg_end)
    own_before = [
        c
        for c in before
        if prev is None
        or (c.start >= prev.amount.end and not _OWN_AFTER.fullmatch(sentence[prev.amount.end : c.start]))
    ]
    near_after = [c for c in after if _OWN_AFTER.fullmatch(sentence[a.end : c.start])]
    cue = (
        own_before[-1]
        if own_before
        else near_after[0]
        if near_after
        else before[-1]
        if before
        else (after[0] if after else None)
    )
    back = _points_back(sentence, clause_start, a.start)
    if cue is None:
        alone = re.search(r"\balone\b", sentence[clause_start : a.start], re.I)
        if back and alone:
            # "March alone brought in $Y": a part of the whole stated first
            whole = next((x for x in ctx_sentence(prev) if x.flow is not None and x.reason is None), None)
            if whole is not None:
                return whole.flow, None
            if ctx.whole is not None and ctx.whole_age <= 2:
                return ctx.whole, None
            if ctx.figures:
                return ctx.figures[0], None
        if back and prev is not None and prev.flow is not None:
            return prev.flow, None
        if (
            back
            and re.search(r"\b(?:total|turnover)\b", sentence[clause_start : a.start], re.I)
            and (ctx.whole is not None or len({m.country for m in mentions if m.country in pair}) == 2)
        ):
            return Flow(TOTAL), None
        earlier = _earlier_flow(sentence, clause_start, mentions, pair) if back else None
        if earlier is not None:
            return earlier, None  # "Peruvian sales to Chile moved the other way: they fell to $X"
        if (back or (ctx.since == 0 and _DATA_WORDS.search(sentence[clause_start : a.start]))) and ctx.figures:
            return _carried(sentence, ctx), None
        return None, "no trade word"
    # The clause the cue lives in: its own clause, widened to the amount.
    lo = _clause_start(cue.start, list(_breaks(sentence)), 0)
    lo = min(lo, clause_start)
    hi = max(seg_end, cue.end)
    later = [
        c.start
        for c in cues(sentence, max(a.end, cue.end), hi)
        if not (c.field == cue.field and len(sentence[cue.end : c.start].split()) <= 1)
    ]  # "exports went to"
    hi = min([hi] + later)
    clause_mentions = [m for m in mentions if lo <= m.start < hi] + _bloc_mentions(sentence, lo, hi, mentions)
    clause_mentions.sort(key=lambda m: m.start)
    if any(m.country not in pair for m in clause_mentions) and not any(m.country in pair for m in clause_mentions):
        return None, "another country"
    contrast = [m.end() for m in _CONTRAST.finditer(sentence, 0, a.start)]
    t_lo = contrast[-1] if contrast else 0
    # ... and after it, up to the end of its own clause or the next comma ("..., putting X ahead of Y").
    comma = sentence.find(",", a.end)
    t_hi = min(
        [m.start() for m in _CONTRAST.finditer(sentence, a.end)] + [len(sentence)] + ([comma] if comma >= 0 else [])
    )
    third = any(
        m.country not in pair and not _attribution(sentence, m) for m in mentions if t_lo <= m.start < t_hi
    ) or bool(_bloc_mentions(sentence, t_lo, t_hi, mentions))
    flow, why = read_flow(sentence, cue, clause_mentions, pair, third)
    if flow is not None and flow.field == TOTAL:
        return _total(sentence, lo, hi, clause_mentions, pair, back, ctx, prev, a.end)
    part_of_whole = bool(_PART_OF.search(sentence, clause_start, a.start) or _PART_OF.search(sentence, a.end))
    whole_before = (prev is not None and prev.flow is not None and prev.flow.field == TOTAL) or (
        prev is None and ctx.whole is not None and ctx.whole_age == 0 and part_of_whole
    )
    if flow is None and why == "partner not named" and whole_before:
        # "..., of which Chilean exports were $X"; "Trade reached $Y. Shipments from Chile made up $X."
        implied = _implied_partner(sentence, cue, clause_mentions, pair)
        if implied is not None:
            return implied, None
    if flow is None and why == "direction unknown":
        # "its imports from the neighbouring country", "They rose to ...": the sides said before.
        if prev is not None and prev.flow is not None and prev.flow.field != TOTAL:
            return _same_sides(prev.flow, cue.field), None
        sides = _trade_with(sentence, mentions, pair)
        if sides is not None:
            return Flow(cue.field, *sides), None  # "Chile's trade with Peru in 2023: exports $X, ..."
        if ctx.figures and (back or not clause_mentions):
            carried = _carried(sentence, ctx)
            if carried.field == TOTAL:
                return None, "direction unknown"
            if carried.field != cue.field and re.search(
                r"\b(?:such|those|these|the\s+same)\s+(?:\w+\s+)?" + re.escape(cue.text), sentence, re.I
            ):
                return carried.mirrored(), None  # "such exports": the same goods, named from the other side
            return _same_sides(carried, cue.field), None
    return flow, why


_PERIOD_REASONS = {
    "no period",
    "comparison without period",
    "relative date unresolved (undated article)",
    "period not over at the article's date (forecast?)",
}
_CARRY = 3  # sentences over which an unstated period is still the one the text spoke of
_DATA_WORDS = lazyre.compile(
    r"\b(?:recorded|reported|registered|counted|puts?|showed|shows|data|figures|statistics)\b", re.I
)


def ctx_sentence(r: _Reading | None) -> list[_Reading]:
    """The readings of the sentence up to ``r``, first first."""
    out: list[_Reading] = []
    while r is not None:
        out.insert(0, r)
        r = r.before
    return out


def _earlier_flow(sentence: str, clause_start: int, mentions, pair) -> Flow | None:
    """The flow a sentence names before the clause of a pointing-back subject ("X's sales to Y fell: they ...")."""
    found = cues(sentence, 0, clause_start)
    if not found:
        return None
    cue = found[-1]
    lo = _clause_start(cue.start, _breaks(sentence), 0)
    flow, _ = read_flow(sentence, cue, [m for m in mentions if lo <= m.start < clause_start], pair)
    return flow if flow is not None and flow.field != TOTAL else None


def _bloc_mentions(sentence: str, lo: int, hi: int, mentions=()) -> list:
    """Blocs and regions ("the Andean Community") as third parties of a flow; "Africa" in
    "South Africa" is a country's name, not a region."""
    return [
        countries.Mention(m.start(), m.end(), "<" + m.group(0) + ">", "name", m.group(0))
        for m in _BLOCS.finditer(sentence, lo, hi)
        if not any(c.start <= m.start() < c.end for c in mentions)
    ]


# A part of the whole just stated: "made up $X", "accounted for $X of it".
_PART_OF = lazyre.compile(
    r"\b(?:made\s+up|make\s+up|makes\s+up|accounted\s+for|accounts?\s+for|comprised|"
    r"represented|of\s+(?:that|this|it|the\s+total)\b)",
    re.I,
)


def _implied_partner(sentence: str, cue, clause_mentions, pair) -> Flow | None:
    """The flow of a cue whose one named side is of the pair, the other side being the pair's other country."""
    named = [m for m in clause_mentions if m.country in pair]
    if len(named) != 1 or any(m.country not in pair for m in clause_mentions) or cue.field == TOTAL:
        return None
    side = named[0].country
    other = pair[1] if side == pair[0] else pair[0]
    role = side_role(sentence, named[0], cue)
    if role is None:
        return None
    seller, buyer = (side, other) if role == "seller" else (other, side)
    return Flow(EXPORT, seller, buyer) if cue.field == EXPORT else Flow(IMPORT, buyer, seller)


def _trade_with(sentence: str, mentions, pair) -> tuple[str, str] | None:
    """(X, Y) when the sentence speaks of "X's trade with Y": whose exports and imports it goes on to list."""
    m = re.search(r"(?P<a>\S+)(?:'s|’s)\s+(?:\w+\s+)?trade\s+with\s+(?:the\s+)?(?P<b>\S+)", sentence)
    if not m:
        return None
    a = next((x for x in mentions if x.start <= m.start("a") < x.end), None)
    b = next((x for x in mentions if x.start <= m.start("b") < x.end), None)
    if a is None or b is None or a.country not in pair or b.country not in pair or a.country == b.country:
        return None
    return a.country, b.country


@lru_cache(maxsize=256)
def _breaks(sentence: str) -> tuple[int, ...]:
    """Where the sentence's clauses break (remembered: asked for once per amount, and for repeated sentences)."""
    rx, subject = _CLAUSE_BREAK.on(sentence)
    return tuple(m.start() for m in rx.finditer(subject))


def _same_sides(flow: Flow, field: str) -> Flow:
    """The flow of ``field`` between the two sides of ``flow``: "exports to X ... and imports from there"."""
    return flow.with_field(field)


_BACK = lazyre.compile(
    r"\bit\s+(?:\w+\s+){0,2}?(?:was|were|reached|stood|came|rose|fell|grew|totall?ed|amounted|hit|"
    r"climbed|dropped|declined|contracted|expanded|jumped|slipped|shrank|increased|decreased)\b|"
    r"\balone\b|\b(?:their|its)\s+(?:value|total|level|worth|sum)\b|\b(?:they|them|the\s+(?:\d{4}\s+|same\s+|latter\s+|former\s+|[\w\-]+\s+)?(?:figures?|total|sum|amount|value)|"
    r"the\s+latter|the\s+former|such\s+\w+|those\s+\w+|these\s+\w+)\b",
    re.I,
)


def _points_back(sentence: str, clause_start: int, pos: int) -> bool:
    """The amount's subject refers to something said before ("They", "The figure", "such purchases")."""
    head = sentence[clause_start:pos].lstrip(" ,;:")
    return bool(_ANAPHOR.match(head)) or bool(_ANAPHOR.match(sentence.lstrip())) or bool(_BACK.search(head))


def _carried(sentence: str, ctx: Context) -> Flow:
    """The flow of the previous sentence's figure a pointing-back subject refers to."""
    if re.search(r"\bthe\s+former\b", sentence, re.I):
        return ctx.figures[0]
    return ctx.figures[-1]


def _topic(sentence: str, pair: tuple[str, str], had_amounts: bool, bilateral: bool = False) -> list[Flow]:
    """The flow a sentence without figures is about ("Norway's exports to Sweden grew faster."): the next
    sentence's "They rose to ..." continues it."""
    if had_amounts:
        return []
    found = [c for c in cues(sentence) if c.field != TOTAL]
    if not found:
        return []
    mentions = countries.find_mentions_for_pair(sentence, pair)
    if any(m.country not in pair for m in mentions):
        return []
    flow, why = read_flow(sentence, found[0], mentions, pair)
    if flow is None and why == "partner not named" and bilateral:
        # "Chilean goods shipped north made up most of it", right after the two-way total
        named = [m for m in mentions if m.country in pair]
        if len(named) == 1:
            other = pair[1] if named[0].country == pair[0] else pair[0]
            flow, _ = read_flow(sentence, found[0], named, pair)
            flow = flow or (Flow(found[0].field, named[0].country, other) if found[0].field == EXPORT else None)
    return [flow] if flow is not None and flow.field != TOTAL else []


_INSTITUTION = lazyre.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:\w+\s+){0,3}?(?:Bureau|Ministry|Agency|Office|Service|Bank|Customs|"
    r"Statistics|Authority|Survey|Council|Chamber|Embassy|Presidency|Institute|Department|"
    r"Administration|Commission|Centre|Center|Association|statistics|customs|"
    r"officials?|government|ministry|data|figures)\b"
)


_ACCORDING_TO = lazyre.compile(r"\baccording\s+to\s+(?:the\s+)?(?:\w+\s+){0,2}$")
_BODY_OF = lazyre.compile(
    r"\b(?:Bureau|Ministry|Agency|Office|Service|Bank|Customs|Statistics|Authority|Administration|"
    r"Department|Embassy|Government|Council|Chamber|Institute|Commission|Centre|Center)\s+(?:\w+\s+){0,3}?"
    r"(?:of|for)\s+(?:the\s+)?$"
)


def _attribution(sentence: str, m) -> bool:
    """A country named as a source of data ("the Ghana Statistical Service", "according to
    Chinese customs"), not as a side of the trade."""
    return (
        bool(_INSTITUTION.match(sentence[m.end : m.end + 60]))
        or bool(_ACCORDING_TO.search(sentence[max(0, m.start - 40) : m.start]))
        or bool(_BODY_OF.search(sentence[max(0, m.start - 60) : m.start]))
    )


_BILATERAL = lazyre.compile(
    r"\b(?:bilateral|two-way|between\s+the\s+two|both\s+(?:countries|sides|ways)|"
    r"between\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?\s+and\s+(?:the\s+)?[A-Z]\w*|"
    r"with\s+each\s+other|mutual|between\s+them)\b",
    re.I,
)


def _total(
    sentence: str, lo: int, hi: int, clause_mentions, pair, back: bool, ctx: Context, prev: _Reading | None, a_end: int
) -> tuple[Flow | None, str | None]:
    """A two-way total counts only when it is between the two countries."""
    named = {
        m.country
        for m in countries.find_mentions_for_pair(sentence, pair)
        if m.country in pair and m.start < hi and not _attribution(sentence, m)
    }
    if any(
        m.country not in pair and not _attribution(sentence, m)
        for m in clause_mentions
        if m.start < a_end or re.match(r"\s*(?:with|and|to|from)\s+(?:the\s+)?$", sentence[a_end : m.start])
    ):
        return None, "another country"
    bilateral = _BILATERAL.search(sentence)
    if len(named) == 2 or bilateral:
        return Flow(TOTAL), None
    if len(named) == 1 and re.search(
        r"\b(?:trade|turnover|commerce)\s+with\s+(?:the\s+)?$|\bwith\b", sentence[lo:hi], re.I
    ):
        return Flow(TOTAL), None
    if prev is not None and prev.flow is not None and prev.flow.field == TOTAL:
        return Flow(TOTAL), None
    if ctx.figures and (back or not named):
        return Flow(TOTAL), None
    if not named:
        return Flow(TOTAL), None  # an article about the pair: "Trade rose to $3.1 billion in 2023"
    return None, "total of one country"


# --------------------------------------------------------------------------- periods


def _respectively(
    sentence: str, readings: list[_Reading], doc_date, pair: tuple[str, str]
) -> tuple[dict[int, periods.Period | None], dict[int, int], dict, dict]:
    """Pair "A, B and C in P1, P2 and P3 respectively" in order.

    Returns the period of each listed amount, and for a list that compares with
    as many amounts before it ("compared with $X and $Y respectively in 2019"),
    which earlier amount each one continues.
    """
    out: dict[int, periods.Period | None] = {}
    follows: dict[int, int] = {}
    cue_of: dict = {}
    owner_of: dict = {}
    for resp in _RESPECTIVELY.finditer(sentence):
        group = [r for r in readings if r.amount.end <= resp.start()]
        run: list[_Reading] = []  # the amounts of the list: the last run joined by commas/"and" only
        for r in reversed(group):
            if run and not _LIST_JOIN.fullmatch(sentence[r.amount.end : run[0].amount.start]):
                break
            run.insert(0, r)
        if len(run) < 2:
            continue
        span = sentence[run[-1].amount.end : resp.start()]
        tail = sentence[resp.end() : resp.end() + 40]
        found = _month_list(span, doc_date) or [
            f[0] for f in (periods.find(p) for p in re.split(r",|\band\b", span) if p.strip()) if f
        ]
        if not found:
            near = [m for m in periods.find(tail) if len(tail[: m.start].split()) <= 4 and "," not in tail[: m.start]]
            found = near[:1]
        if not found:
            head = sentence[: run[0].amount.start]
            listed = _month_list(head, doc_date) or [
                f[0] for f in (periods.find(p) for p in re.split(r",|\band\b", head)) if f
            ]
            found = listed[-len(run) :] if len(listed) >= len(run) else found
        if len(found) == 1:
            found = found * len(run)
        if len(found) == len(run):
            for r, m in zip(run, found):
                out[r.index] = periods.resolve(m, doc_date, None)
        owners = _country_list(sentence, run[0].amount.start, pair)
        if len(owners) == len(run):
            for r, m in zip(run, owners):
                owner_of[r.index] = m
        listed = _cue_list(sentence, run[0].amount.start)
        if len(listed) == len(run):
            for r, c in zip(run, listed):
                cue_of[r.index] = c
        earlier = [r for r in readings if r.amount.end <= run[0].amount.start]
        if len(earlier) >= len(run) and _COMPARISON.search(
            sentence[earlier[-1].amount.end : run[0].amount.start].rstrip().removesuffix("with").rstrip() + " with"
        ):
            for r, e in zip(run, earlier[-len(run) :]):
                follows[r.index] = e.index
    return out, follows, cue_of, owner_of


def _country_list(sentence: str, end: int, pair: tuple[str, str]) -> list:
    """ "X, Y and Z sold W goods worth $A, $B and $C respectively": the countries listed, in order."""
    found = countries.find_mentions_for_pair(sentence[:end], pair)
    run: list = []
    for m in reversed(found):
        if run and not re.fullmatch(
            r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", sentence[m.end : run[0].start]
        ):
            if len(run) >= 2:
                break
            run = []
        run.insert(0, m)
    return run if len(run) >= 2 else []


_SIDE_REASONS = {"direction unknown", "partner not named"}


def _listed_periods(sentence: str, real: list[_Reading], doc_date: str | None) -> dict[int, periods.Period | None]:
    """ "$3.4 billion and $3.1 billion in 2023 and 2022": as many amounts listed as periods listed right
    after them, taken in order even without "respectively"."""
    if len(real) < 2:
        return {}
    run = real[:1]
    for r in real[1:]:
        if not _LIST_JOIN.fullmatch(sentence[run[-1].amount.end : r.amount.start]):
            run = [r]
            continue
        run.append(r)
    if len(run) < 2:
        return {}
    tail = sentence[run[-1].amount.end :]
    head = re.match(r"\s*(?:in|for|during)\s+", tail)
    if head is None:
        return {}
    found = [m for m in periods.find(tail) if m.start >= head.end()]
    listed: list = []
    at = head.end()
    for m in found:
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)?(?:in\s+)?", tail[at : m.start]) or len(listed) == len(run):
            break
        listed.append(m)
        at = m.end
    if len(listed) != len(run) or re.match(r"\s*,?\s*(?:and|or)\b", tail[at:]):
        return {}
    return {r.index: periods.resolve(m, doc_date, None) for r, m in zip(run, listed)}


def _paired_flows(sentence: str, real: list[_Reading], mentions, pair) -> dict[int, Flow | None]:
    """ "Its exports to Y and its imports from Y were $A and $B", "X's sales to Y and Y's sales to X came to
    $A and $B": as many flows named, joined by "and", as amounts listed after them, taken in order even
    without "respectively". Each flow is read from its own words; "exports to and imports from Y" shares
    its sides. None where a flow's sides cannot be told."""
    if len(real) < 2:
        return {}
    run = real[:1]
    for r in real[1:]:
        if not _LIST_JOIN.fullmatch(sentence[run[-1].amount.end : r.amount.start]):
            break
        run.append(r)
    if len(run) < 2:
        return {}
    lo = _clause_start(run[0].amount.start, _breaks(sentence), 0)
    named = [c for c in cues(sentence, lo, run[0].amount.start) if c.field != TOTAL]
    if len(named) != len(run):
        return {}
    ands = [re.search(r"\band\b", sentence[x.end : y.start]) for x, y in zip(named, named[1:])]
    if not all(
        m is not None and not re.search(r"\d", sentence[x.end : y.start]) for m, x, y in zip(ands, named, named[1:])
    ):
        return {}
    cuts = [x.end + m.start() for m, x in zip(ands, named) if m is not None]
    spans = zip([lo] + cuts, cuts + [run[0].amount.start])
    flows = [
        read_flow(sentence, c, [m for m in mentions if a <= m.start < b], pair)[0] for c, (a, b) in zip(named, spans)
    ]
    known = next((f for f in flows if f is not None and f.field != TOTAL), None)
    out: dict[int, Flow | None] = {}
    for r, c, f in zip(run, named, flows):
        if (f is None or f.field == TOTAL) and known is not None and known.field != c.field:
            f = known.with_field(c.field)  # "exports to and imports from Y": the same two sides
        out[r.index] = f if f is not None and f.field != TOTAL else None
    return out


def _cue_list(sentence: str, end: int) -> list:
    """ "exports and imports came to $A and $B respectively": the flows listed before the amounts, in order."""
    head = sentence[:end]
    m = re.search(
        r"\b(exports|imports|sales|purchases)(?:\s*,\s*|\s+and\s+)(exports|imports|sales|purchases)\b"
        r"(?![^$€£¥₹]*\b(?:exports|imports|sales|purchases)\b)",
        head,
        re.I,
    )
    if not m:
        return []
    return list(cues(sentence, m.start(), m.end()))


_FROM_TO = lazyre.compile(r"\bfrom\s*$")
_PAST_REFERENCE = lazyre.compile(r"\s*(?:of|in|for|recorded\s+in)\s+(?:the\s+)?(?:year\s+)?(?:19|20)\d\d\b", re.I)
_BETWEEN = lazyre.compile(
    r"^\s*(?:between|from)\s+(?P<a>(?:1[89]|20)\d\d)\s+(?:and|to)\s+(?P<b>(?:1[89]|20)\d\d)\b", re.I
)


_MONTH_LIST = lazyre.compile(
    rf"\b({MONTH_NAME_RX}(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+))+{MONTH_NAME_RX}"
    r"(?:\s+(?P<y>(?:19|20)\d\d))?"
)


def _month_list(span: str, doc_date) -> list:
    """ "March, April and May 2023" as three one-month period mentions."""
    m = _MONTH_LIST.search(span)
    if not m:
        return []
    names = re.findall(MONTH_NAME_RX, m.group(0))
    year = m.group("y")
    return [periods.find(f"in {n} {year}" if year else f"in {n}")[0] for n in names]


def _from_to_between(sentence: str, readings: list[_Reading], doc_date) -> dict[int, periods.Period]:
    """ "grew from $6.2 bn to $7.9 bn between 2018 and 2020": the first figure is 2018's, the second 2020's."""
    out: dict[int, periods.Period] = {}
    for first, second in zip(readings, readings[1:]):
        if not _FROM_TO.search(sentence[max(0, first.amount.start - 12) : first.amount.start]):
            continue
        if not re.fullmatch(r"\s*to\s*", sentence[first.amount.end : second.amount.start]):
            continue
        m = _BETWEEN.match(sentence[second.amount.end :])
        if m:
            out[first.index] = periods.year(int(m.group("a")))
            out[second.index] = periods.year(int(m.group("b")))
    return out


def _read_period(
    r: _Reading,
    sentence: str,
    prev: _Reading | None,
    nxt: _Reading | None,
    mentions,
    breaks,
    doc_date: str | None,
    ctx: Context,
    respective,
) -> None:
    if r.reason is not None and r.reason not in ("no trade word",):
        return
    a = r.amount
    base = prev.period if prev is not None and prev.period is not None else (ctx.history[-1] if ctx.history else None)
    if respective is not None:
        r.period = respective
        if r.reason == "comparison without period":
            r.reason = None
        return
    limit = nxt.amount.start if nxt else len(sentence)
    chosen = None
    labelled = [m for m in mentions if m.end <= a.start and re.fullmatch(r"\s*:\s*", sentence[m.end : a.start])]
    if labelled:  # "(2022: $3.1 billion)", "FY2021-22: Rs 1.2 lakh crore": the period it is listed under
        r.period = periods.resolve(labelled[-1], doc_date, base)
        if r.period is not None:
            if r.reason in ("comparison without period", "no period"):
                r.reason = None
            return
    for m in mentions:
        if a.end <= m.start <= limit:
            gap = sentence[a.end : m.start]
            gap_plain = re.sub(r"\([^)]*\)", "", gap)
            if (
                not re.search(
                    r"[;,]|\b(?:and|while|but|that|which|when|said|after|before|than)\b|%|per\s*cent", gap_plain
                )
                and len(gap_plain.split()) <= 7
                and m.preposition not in _NO_PERIOD_PREP
            ):
                chosen = m
                r.after = True
            break
    clause_at = _clause_start(a.start, breaks, 0)
    if chosen is None and re.match(r"[\s,]*when\b", sentence[clause_at:], re.I):
        just_before = [m for m in mentions if m.end <= clause_at and clause_at - m.end <= 3]
        chosen = just_before[-1] if just_before else None
    if chosen is None and r.linked is None:
        lo = _clause_start(a.start, breaks, prev.amount.end if prev else 0)
        before = [
            m
            for m in mentions
            if lo <= m.start
            and m.end <= a.start
            and m.preposition not in _NO_PERIOD_PREP
            and not _owned_by_amount(sentence, m, readings_before(r))
        ]
        if before:
            chosen = before[-1]
        elif prev is None:
            head = [
                m
                for m in mentions
                if m.end <= a.start and m.preposition not in _NO_PERIOD_PREP and _is_sentence_head(sentence, m)
            ]
            chosen = head[-1] if head else None
    if chosen is None and r.linked == "chain" and prev is not None and prev.period is not None:
        if re.search(
            r"\bfrom\b", sentence[max(0, prev.amount.start - 30) : prev.amount.start], re.I
        ) and _own_period_after(prev, sentence, mentions):
            # "from $X in 2016 to $Y": 2016 is the first figure's; the second takes the sentence's
            head = [m for m in mentions if m.end <= prev.amount.start and m.preposition not in _NO_PERIOD_PREP]
            if head:
                r.period = periods.resolve(head[-1], doc_date, ctx.history[-1] if ctx.history else None)
                if r.period is None and r.reason is None:
                    r.reason = "no period"
                return
            r.period = None
            if r.reason is None:
                r.reason = "no period"
            return
        # "$4.1 billion in 2022 and $3.6 billion" keeps 2022 only when nothing else is said
        r.period = prev.period
        return
    if (
        chosen is None
        and r.linked is None
        and nxt is not None
        and _FROM_TO.search(sentence[max(0, a.start - 12) : a.start])
        and re.fullmatch(r"\s*to\s*", sentence[a.end : nxt.amount.start])
    ):
        r.period = None
        if r.reason is None:
            r.reason = "comparison without period"  # "slipped from $4.2bn to $3.9bn": the first year is unnamed
        return
    if chosen is None and r.linked == "comparison" and prev is not None:
        inside = [
            m
            for m in mentions
            if prev.amount.end <= m.start
            and m.end <= a.start
            and len(sentence[prev.amount.end : m.start].split()) > 2
            and m.preposition not in _NO_PERIOD_PREP
        ]
        chosen = (
            inside[-1]
            if inside and re.search(r"\b(?:high|low|peak|level|record)\s+of\s*$", sentence[inside[-1].end : a.start])
            else None
        )
    if (
        chosen is None
        and r.linked == "comparison"
        and prev is not None
        and prev.period is not None
        and re.search(r"\b(?:y-o-y|y/y|yoy|year[- ]on[- ]year)\b", sentence, re.I)
    ):
        r.period = prev.period.shift(-1)  # "up 8% year on year from $4.8 billion": the same months a year before
        return
    if chosen is None and r.linked == "comparison":
        r.period = None
        if r.reason is None:
            r.reason = "comparison without period"
        return
    if chosen is None and r.linked is None:
        fenced = _fenced_period(sentence, a, mentions, breaks, doc_date)
        if fenced is False:
            r.period = None
            if r.reason is None:
                r.reason = "no period"  # "by 2030", "since 2015": a point in time, never another clause's year
            return
        chosen = fenced
    anchor = prev.measured if prev is not None and prev.linked == "comparison" and prev.measured else prev
    if (
        chosen is None
        and r.linked is None
        and anchor is not None
        and anchor.period is not None
        and anchor.flow is not None
        and r.flow is not None
    ):
        # "In 2023 exports were $X and imports $Y": one period for the clause
        r.period, r.weak = anchor.period, True
        return
    if chosen is None and r.linked is None:
        # One period named in the sentence before the amount, and no other: it is the sentence's period.
        named = {
            m.period.key if m.period else (m.relation, m.month, m.count, m.year)
            for m in mentions
            if m.end <= a.start and m.preposition not in _NO_PERIOD_PREP
        }
        if len(named) == 1 and not any(m.start >= a.end for m in mentions):
            chosen = [m for m in mentions if m.end <= a.start and m.preposition not in _NO_PERIOD_PREP][-1]
    if chosen is None:
        if (
            ctx.current is not None
            and ctx.current_age <= _CARRY
            and (
                _points_back(sentence, 0, a.start)
                or _has_anaphoric_period(sentence, mentions)
                or (ctx.since == 0 and not _anchoring(mentions, a.start))
            )
        ):
            r.period, r.relative, r.weak = ctx.current, True, True
            return
        if ctx.history and (
            _points_back(sentence, 0, a.start)
            or _has_anaphoric_period(sentence, mentions)
            or (ctx.since == 0 and not _anchoring(mentions, a.start))
        ):
            r.period, r.weak = ctx.history[-1], True
            r.relative = True
            return
        if ctx.current is not None and ctx.current_age <= _CARRY and not _anchoring(mentions, a.start):
            # A figure with no period of its own continues the period the text has been speaking of.
            r.period, r.relative, r.weak = ctx.current, True, True
            return
        r.period = None
        if r.reason is None:
            r.reason = "no period"
        return
    chosen = _apposition(sentence, chosen, mentions) or chosen
    if chosen.relation == "anaphor" and chosen.count:
        own = [prev.period] if prev is not None and prev.period is not None else []
        said = [periods.resolve(m, doc_date, None) for m in reversed(mentions) if m.end <= chosen.start]
        base = next(
            (
                p
                for p in [*own, *[x for x in said if x is not None], *reversed(ctx.history)]
                if p.months == chosen.count
            ),
            None,
        )
    if (
        chosen.relation in ("year_earlier", "same_span", "previous_span")
        and r.linked is None
        and prev is None
        and ctx.figures
    ):
        base = ctx.history[-1] if ctx.history else None
    if chosen.relation in ("year_earlier", "previous_span") and r.linked is not None:
        base = prev.period if prev is not None else None  # "a year earlier" than the figure it compares with
    if chosen.relation == "anaphor" and re.search(
        r"that\s+year|the\s+same\s+year", sentence[chosen.start : chosen.end], re.I
    ):
        years = [
            m.period
            for m in periods.find(sentence)
            if m.end <= chosen.start and m.period is not None and m.period.full_year
        ]
        base = years[-1] if years else ctx.mentioned or base
    if chosen.relation == "span_of_that_year":
        stated = [m.period for m in periods.find(sentence) if m.end <= chosen.start and m.period is not None]
        base = stated[-1] if stated else base
    if chosen.relation == "years_later":
        base = ctx.history[-1] if ctx.history else None
    r.relative = chosen.period is None
    r.period = periods.resolve(chosen, doc_date, base)
    if chosen.relation in ("year_earlier", "same_span", "previous_span") and r.linked is None:
        r.linked = "comparison"  # "the $1.9 billion of a year earlier": an earlier period, not the text's own
    if r.period is None and r.reason is None:
        if chosen.relation == "fiscal_part":
            r.reason = "part of a fiscal year whose months are not stated"
        else:
            r.reason = "relative date unresolved (undated article)" if doc_date is None else "no period"


_APPOSED = lazyre.compile(
    r"\s*(?:,|\(|–|—|-)\s*(?:(?:from|that\s+is|i\.e\.|or|the\s+(?:year|period|months?)\s+"
    r"(?:from|to|ended|ending))\s+)?",
    re.I,
)


def _apposition(sentence: str, chosen, mentions):
    """A fiscal period spelled out beside it: "the first seven months of FY2021-22, from April to October
    2021", "fiscal 2023 (April 2023 to March 2024)". The months written out say more than the fiscal name,
    whose months depend on whose calendar it is."""
    if not (chosen.relation == "fiscal_part" or (chosen.period is not None and chosen.period.fiscal)):
        return None
    later = [m for m in mentions if m.start >= chosen.end]
    if not later or not _APPOSED.fullmatch(sentence[chosen.end : later[0].start]):
        return None
    m = later[0]
    if (m.period is not None and m.period.fiscal) or re.match(r"\s*:", sentence[m.end :]):
        return None  # "FY2022-23 (FY2021-22: ...)": another fiscal year, or the label of another figure
    if m.period is not None and m.period.months == 12 and chosen.period is not None:
        return replace(m, period=replace(m.period, fiscal=True, partial=False))  # "the year ended March 2024"
    if m.period is not None or m.relation in ("month_range", "months_to"):
        return m
    return None


# A day's date ("on 3 May 2024", "May 3"): what an event sentence is dated by.
_DAY_DATE = lazyre.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME_RX}\b|\b{MONTH_NAME_RX}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)"
)
_PAST_LEVEL = lazyre.compile(
    r"\b(?:had\s+(?:\w+\s+)?(?:reached|risen|grown|climbed|fallen|stood|been|hit|topped)|"
    r"reached|stood|was|were|amounted|totall?ed|hit|topped)\b",
    re.I,
)


def _fenced_period(sentence: str, a: Amount, mentions, breaks, doc_date: str | None):
    """A period with "by", "since" or "until" in the amount's own clause. "By 2023 it had reached $X" in a
    later article is the level in 2023: that year. Any other such period leaves the amount without one
    (False), rather than lending it a year said elsewhere in the sentence. None: no such period."""
    lo, hi = _clause_start(a.start, breaks, 0), _clause_end(a.end, breaks, len(sentence))
    fenced = [
        m
        for m in mentions
        if m.preposition in _NO_PERIOD_PREP
        and (
            lo <= m.start < a.start
            or (a.end <= m.start < hi and re.fullmatch(r"[^,;]{0,20}", sentence[a.end : m.start]))
        )
    ]
    # ("$X, the best August since 2018": a period further on, after a comma, says something else)
    if not fenced:
        return None
    m = fenced[0]
    clause = sentence[lo:hi]
    if (
        m.preposition == "by"
        and m.period is not None
        and m.period.full_year
        and not m.period.fiscal
        and doc_date
        and m.period.end[0] < int(doc_date[:4])
        and _PAST_LEVEL.search(clause)
        and not _TARGET.search(clause)
    ):
        return m
    return False


def _own_period_after(r: _Reading, sentence: str, mentions) -> bool:
    """A period written right after the amount: "$X in 2016"."""
    return any(r.amount.end <= m.start and len(sentence[r.amount.end : m.start].split()) <= 2 for m in mentions)


def readings_before(r: _Reading) -> list[_Reading]:
    """The readings before ``r`` in its sentence."""
    return ctx_sentence(r.before)


def _owned_by_amount(sentence: str, m, earlier: list[_Reading]) -> bool:
    """ "$2.1 billion in 2019, with total trade of ...": 2019 is the period of the amount it follows."""
    return any(
        x.amount.end <= m.start
        and len(sentence[x.amount.end : m.start].split()) <= 2
        and not re.search(r"[;:]", sentence[x.amount.end : m.start])
        for x in earlier
    )


def _is_sentence_head(sentence: str, m) -> bool:
    """A period that opens the sentence ("In the 2021/22 fiscal year, ...") covers all of it."""
    head = sentence[: m.start].strip(" ,")
    return len(head.split()) <= 4 and not re.search(r"[$€£¥₹]|\d", head)


_BACK_REF = lazyre.compile(
    r"\b(?:of|from|in)\s+(?:that|this|the)\s+(?:total|figure|amount|sum)\b|\bof\s+(?:that|this|it)\b(?!\s+\w+\s+year)|"
    r"\b(?:of|from)\s+(?:that|this|the)\s+(?:trade|turnover)\b",
    re.I,
)


def _anchoring(mentions, pos: int) -> bool:
    """A period expression before the amount that could anchor it (not "since 2018")."""
    return any(m.end <= pos and m.preposition not in _NO_PERIOD_PREP for m in mentions)


def _has_anaphoric_period(sentence: str, mentions) -> bool:
    return any(m.relation == "anaphor" for m in mentions) or bool(_BACK_REF.search(sentence))


def _check(r: _Reading, doc_date: str | None) -> None:
    """The last guards: a period in the future is a forecast; a reading must be whole."""
    if r.reason is not None:
        return
    if r.flow is None or r.period is None:
        r.reason = r.reason or "incomplete reading"
        return
    if doc_date and r.period.end > (int(doc_date[:4]), int(doc_date[5:7])):
        r.reason = "period not over at the article's date (forecast?)"
    if r.needs_past and (doc_date is None or r.period.end[0] >= int(doc_date[:4])):
        r.reason = "target or forecast"
    if r.amount.value <= 0:
        r.reason = "zero amount"


# --------------------------------------------------------------------------- shares


@dataclass
class _Placed:
    """A money figure as the share reader needs it: where it is and its period."""

    start: int
    end: int
    period: periods.Period | None


def _shares_of(sentence: str, doc_date, pair, history, source: str, found: list[_Reading]) -> list[Share]:
    from briefing.extract.shares import extract_shares

    placed = [_Placed(r.amount.start, r.amount.end, r.period) for r in found]
    return extract_shares(sentence, doc_date, pair, source, history, placed)
