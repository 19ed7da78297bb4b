"""Dated events for the timeline: explicit years, dates relative to the article, anniversaries.

Rules, all generic:
- a year (1700 .. article year) in a sentence with an event word ("signed",
  "entered into force", "treaty", ...) is an event, unless the sentence states
  money, percentages or records (trade statistics are not timeline items);
- a month or weekday without a year is read against the article date;
- an anniversary ("30th anniversary", "thirty years ago", "turned 30",
  "two hundred years of relations", "the bicentenary") is counted back from the
  article date or from a date in the sentence, and marked ``derived``;
- "of the same year" carries the year of the previous event in the document.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from briefing.extract import lazyre
from briefing.model import Event
from briefing.months import MONTH_CAP_RX, MONTH_NAMES, MONTHS
from briefing.scales import LARGE, alternation

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_UNITS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split(),
        1,
    )
}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_ORD_UNITS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(),
        1,
    )
}
_ORD_TENS = {
    w: 10 * i
    for i, w in enumerate("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2)
}
_JUBILEES = {
    "bicentenary": 200,
    "bicentennial": 200,
    "centenary": 100,
    "centennial": 100,
    "tercentenary": 300,
    "tricentennial": 300,
    "sesquicentennial": 150,
    "semicentennial": 50,
    "golden jubilee": 50,
    "silver jubilee": 25,
    "diamond jubilee": 60,
    "platinum jubilee": 70,
}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_CARD_WORD = _alt([*_UNITS, *_TENS, "hundred"])
_ORD_WORD = _alt([*_ORD_UNITS, *_ORD_TENS, "hundredth"])
_NUM_WORD = _alt([*_UNITS, *_TENS, "hundred", "and", "a"])
CARD = rf"(?:\d{{1,3}}|(?:(?:{_NUM_WORD})[-\s]+){{0,4}}(?:{_CARD_WORD}))"
ORD = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:(?:{_NUM_WORD})[-\s]+){{0,4}}(?:{_ORD_WORD}))"
_UNIT = r"(?P<u>years?|decades?|centur(?:y|ies))"
_RELATION = (
    r"relations|ties|union|partnership|co-?operation|friendship|alliance|independence|"
    r"membership|statehood|existence|integration|brotherhood|neighbou?rliness|diplomacy|"
    r"diplomatic|bilateral|contacts|dialogue|treaty|agreement"
)

# Anniversary phrases; group n is the count, u (optional) the unit.
# re.I patterns as lazyre.CaseFolded: a match's own text is read from the sentence, never from m.group(0)
_DERIVED: list[tuple[str, re.Pattern[str] | lazyre.CaseFolded]] = [
    ("ago", lazyre.CaseFolded(rf"\b(?P<n>{CARD}|a)\s+{_UNIT}\s+ago\b")),
    ("anniversary", lazyre.CaseFolded(rf"\b(?P<n>{ORD})[-\s]+anniversary\b")),
    ("anniversary", lazyre.CaseFolded(rf"\b(?P<n>{CARD})[-\s]+{_UNIT}[-\s]+anniversary\b")),
    (
        "turned",
        lazyre.CaseFolded(rf"\bturn(?:ed|s|ing)\s+(?P<n>{CARD})\b(?!\s*(?:%|per\s*cent|percent|years?\s+old))"),
    ),
    # "half a century of relations", "a quarter-century of partnership": before "a century" can match
    (
        "years of",
        lazyre.CaseFolded(
            rf"\b(?P<n>half|quarter)[-\s]+(?:of\s+)?(?:a\s+)?(?P<u>century)\s+(?:of\s+(?:[\w-]+\s+){{0,3}}?(?:{_RELATION})\b"
            rf"(?:\s+(?:relations|ties))?|since\b(?!\s*\d))"
        ),
    ),
    (
        "years of",
        lazyre.CaseFolded(
            rf"\b(?P<n>{CARD}|a)\s+{_UNIT}\s+(?:of\s+(?:[\w-]+\s+){{0,3}}?(?:{_RELATION})\b(?:\s+(?:relations|ties))?|since\b(?!\s*\d))"
        ),
    ),
    ("day", lazyre.compile(rf"\b(?P<n>{ORD})\s+(?:[A-Z][\w'’-]+\s+){{1,3}}Day\b")),
    ("jubilee", lazyre.compile(rf"\b(?:the|its|their|his|her|a)\s+(?:\w+\s+)?(?P<n>{_alt(_JUBILEES)})\b(?!\s+[A-Z])")),
]
_HINTS = {
    "ago": (" ago",),
    "anniversary": ("anniversar",),
    "turned": ("turn",),
    "years of": ("year", "centur", "decade"),
    "jubilee": ("centen", "jubilee"),
    "day": (" day",),
}

_ALL_HINTS = frozenset(h for hints in _HINTS.values() for h in hints)

_MONTH_CAP = MONTH_CAP_RX
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
# A year, but not part of a larger number, an amount or a fiscal year ("2017-18"); ISO dates pass.
_YEAR_TOKEN = lazyre.compile(
    r"(?:(?<=[Mm]id-)|(?<![\w.,$/\u2013-]))(1[7-9]\d\d|2\d\d\d)"
    r"(?![\w%]|[.,]\d|[-\u2013/](?:\d{4}|\d{2}(?![-\d])|\d(?!\d)))"
)
_DMY = lazyre.compile(
    rf"(?<!\d)(?:{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH_CAP})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})"
    rf"|(?P<m2>{_MONTH_CAP})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)"
)
_DM = lazyre.compile(
    rf"(?<![\d,])(?:{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH_CAP})\b\.?(?!,?\s+(?:of\s+)?\d)"
    rf"|(?P<m2>{_MONTH_CAP})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d))"
)
_MONTH_ONLY = lazyre.compile(
    rf"\b(?P<pre>(?i:in|last|since|until|by|early|mid|late|from|during|of|this))\s+(?:-\s*)?(?P<m>{_MONTH_CAP})\b\.?(?!,?\s+\d)"
)
# "on Tuesday", and "Last Tuesday" or "On Monday" opening a sentence.
_WEEKDAY = lazyre.compile(r"\b(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<w>%s)\b" % "|".join(w.title() for w in WEEKDAYS))
_TODAY = lazyre.compile(r"\b(?:today|to the day|this day|yesterday)\b", re.I)
_YESTERDAY = lazyre.compile(r"\byesterday\b", re.I)
_NEXT_OR_REL_YEAR = lazyre.compile(r"\b(?P<w>last|this|past|previous|next|coming)\s+year\b", re.I)
# "over the past year" is a span of time, not a date: "past" is not read.
_REL_YEAR = lazyre.compile(r"\b(?P<w>last|this|previous)\s+year\b(?!'s\s+(?:figure|total))", re.I)
# every phrase says "year" or "month": _may_carry gates it on those words; case-folded (see _carried)
_SAME_YEAR = lazyre.CaseFolded(
    rf"\b(?:(?P<month>(?:(?:of|in|during)\s+)?(?:the|that)\s+same\s+month|later\s+that\s+month)"
    rf"|(?P<nextmonth>(?:the|that)\s+(?:following|next)\s+month|a\s+month\s+later)"
    rf"|(?:(?:of|in|during)\s+)?(?:the|that)\s+same\s+year|(?:later|earlier)\s+(?:in\s+)?that\s+year"
    rf"|(?P<next>the\s+following\s+year|the\s+next\s+year|(?P<nl>a|{CARD})\s+years?\s+later)"
    rf"|(?P<prev>the\s+previous\s+year|the\s+year\s+before|(?P<np>a|{CARD})\s+years?\s+(?:earlier|before)))\b"
)
_FUTURE = lazyre.CaseFolded(
    r"\b(?:will|shall|next|to be held|is to|are to|plans? to|is due|are due|due to|"
    r"takes?\s+office|scheduled|expected\s+to|set\s+to|upcoming|(?:is|are)\s+planned|planned\s+for|"
    r"slated|forthcoming)\b"
)


def _future(text: str) -> bool:
    """The text speaks of what is to come ("will", "is due", "scheduled")."""
    rx, subject = _FUTURE.on(text)
    return rx.search(subject) is not None


# "this month", "earlier this month", "last month": the month of the article (or the one before).
_REL_WEEK = lazyre.compile(r"\b(?:(?:earlier|later)\s+)?(?P<w>this|last)\s+week\b", re.I)
_REL_MONTH = lazyre.compile(r"\b(?:(?:earlier|later)\s+)?(?P<w>this|last)\s+month\b", re.I)
# A year that is a deadline or the end of a plan ("by 2030", "a plan up to 2030"), not an event.
_DEADLINE = lazyre.compile(r"\b(?:by|by\s+the\s+end\s+of|before\s+the\s+end\s+of)\s+$", re.I)
_UNTIL = lazyre.compile(r"\b(?:up\s+to|until|till|through|to)\s+$", re.I)
_PLAN = lazyre.compile(
    r"\b(?:plan\w*|programme|program|strategy|roadmap|vision|target\w*|goal|aim\w*|pledg\w*|will|would)\b", re.I
)
# A number followed by what it counts ("2000 troops", "a 1500-strong force") is not a year.
_COUNTED = lazyre.compile(
    r"(?:-strong\b|\s+(?:more\s+|additional\s+|extra\s+|new\s+|other\s+)?(?:troops|soldiers|personnel|"
    r"servicemen|peacekeepers|people|persons|workers|employees|students|migrants|refugees|civilians|"
    r"tonnes|tons|km|kilometres|kilometers|miles|metres|meters|hectares|acres|companies|firms|vehicles|"
    r"trucks|lorries|containers|jobs|families|children|visitors|tourists|pilgrims|delegates|officers|"
    r"police(?:men)?|members|projects|households|homes|houses|deaths|casualties|prisoners|units|pieces|"
    r"items|cars|barrels|megawatts|MW|beds|cases|villages|schools|scholarships)\b)",
    re.I,
)
# An apposition that dates an event by the year of another: "in 2007, the year Romania joined the EU",
# "back to 1975, when the tribunal awarded ...".
_APPOSITION = lazyre.compile(
    r"(?<![\w.,$/-])(?P<y>1[7-9]\d\d|2\d\d\d),\s+(?:the\s+(?:same\s+)?year\s+(?:that\s+|when\s+|in\s+which\s+)?"
    r"(?!before\b|after\b|earlier\b|later\b|of\b|in\b|to\b|end\w*\b|when\b|on\b|for\b)|when\s+)"
    r"(?P<clause>[^,;]{12,}?)(?=[,;]\s|[.]\s*$|$)"
)

EVENT_WORDS = lazyre.CaseFolded(
    r"\b(?:sign(?:ed|ing|s)?|signature|establish\w*|(?:enter(?:ed|s)?|entry|came|come|comes)\s+into\s+force|"
    r"too?k(?:es)?\s+effect|in\s+(?:force|place|effect)\s+since|began|begun|begins?|started|"
    r"found(?:ed|ing)|creat(?:ed|es|ing|ion)|launch(?:ed|es|ing)?|met|meets?|meeting|"
    r"visit(?:ed|s|ing)?|agreed|agreement|adopt(?:ed|s|ion)?|replac(?:ed|es|ing)|"
    r"recogni[sz](?:ed|es|ing|e|ation)|ratif(?:ied|ies|y|ying|ication)|elect(?:ed|ion|ions)|"
    r"open(?:ed|s|ing)|inaugurat\w*|la(?:id|y|ying)\s+the\s+foundation|foundation\s+stone|"
    r"declaration|treaty|treaties|memorandum|protocol|accord|charter|summit|talks|"
    r"join(?:ed|s)?|accession|conclu(?:ded|sion)|restored|resumed|broke\s+off|severed|abolished|"
    r"took\s+office|sworn\s+in|proclaimed|independence|(?:was|were|been|be|being)\s+held|"
    r"held\s+(?:[\w-]+\s+){0,3}?(?:talks|meetings?|summits?|exercises?|drills?|elections?|referendum|sessions?|"
    r"conference|consultations|negotiations|dialogue|round|ceremony|forum|parade|celebrations?)\b|(?:co-)?host(?:ed|s)?|suspend(?:ed|s)|"
    r"(?:down|up)grad(?:ed|es)|formed|ruled|ruling|ordered|barred|banned|imposed|lifted|ceded|granted|"
    r"deposited|announced|asked|requested|killed|assassinat\w+|bomb(?:s|ings?|ed)|explo(?:ded|sion)|"
    r"attack(?:s|ed)|clash(?:es|ed)|war|invad(?:ed|es)|invasion|withdr(?:ew|awal)|shut|closed|reopen(?:ed|s)|"
    r"expell?(?:ed|s)|recalled|normali[sz](?:ed|ation)|collapsed|overt(?:ook|aken)|welcomed|represented|"
    r"extended|renewed|approved|appointed|annex(?:ed|ation)|dat(?:es|ed|ing)\s+back|t(?:ore|ears?|earing)\s+up|"
    r"scrapp(?:ed|ing)|abrogat(?:ed|ing|ion)|cancell?(?:ed|ing)|terminat(?:ed|ing)|revok(?:ed|ing)|renounc(?:ed|ing)|"
    r"denounc(?:ed|ing)|pulled\s+out|walked\s+out|settled|settlement|demarcat(?:ed|ing|ion)|delimit(?:ed|ation)|"
    r"occupied|occupation|forced\s+out|deport(?:ed|ing|ations?)|expulsions?|handed\s+(?:back|over)|handover|"
    r"evacuat(?:ed|ion)|bec(?:ame|omes?)\s+(?:independent|a\s+(?:(?:self-governing|sovereign|full|founding)\s+)?"
    r"(?:member|republic|dominion|protectorate|colony|kingdom)))\b"
)
# Verbs of an action happening on the anniversary day itself (not of the event it recalls).
_ACTION_WORDS = lazyre.compile(
    r"\b(?:sign(?:ed|ing)|met|meeting|visit(?:ed|ing)|open(?:ed|ing)|adopt(?:ed|ing)|agreed|"
    r"launch(?:ed|ing)|la(?:id|ying)|inaugurat(?:ed|ing)|ratif(?:ied|ying)|unveil(?:ed|ing)|represent(?:ed|ing)|"
    r"welcom(?:ed|ing)|host(?:ed|ing))\b",
    re.I,
)
# Money is part of an event when a decision states it ("signed a contract worth $2 billion",
# "announced grants of $1 billion"), not when it measures trade.
_STRONG_ACTION = lazyre.compile(
    r"\b(?:sign(?:ed|ing)|announc(?:ed|ing)|pledg(?:e|ed|ing)|deposit(?:ed|ing)|agreed|approv(?:ed|ing)|"
    r"launch(?:ed|ing)|grant(?:ed|ing)|award(?:ed|ing)|committed|conclu(?:ded|ding)|ratif(?:ied|ying))\b",
    re.I,
)
_TRADE_FLOW = lazyre.compile(
    r"\b(?:trade[ds]?|trading|turnover|exports?|exported|imports?|imported|shipments?|"
    r"sales|purchases|deficit|surplus|balance|remittances)\b",
    re.I,
)
_DIGIT = lazyre.compile(r"\d")
_SCALED = lazyre.compile(rf"\d(?:[\d.,]*\d)?\s*(?:{alternation(LARGE)})\b", re.I)
_PERCENT = lazyre.compile(r"\d\s*(?:%|per\s*cent\b|percent\b|percentage\s+points?)", re.I)
_COMPARISON = lazyre.compile(
    r"\b(?:\w+\s+times\s+(?:what|as|the|that)|(?:more|less|higher|lower)\s+than|"
    r"compared\s+(?:with|to)|(?:up|down)\s+from|against\s+(?:the|a|about|some)?\s*[$\d])",
    re.I,
)
# "said on Thursday", "told reporters on Sunday": the day of a statement, not of an event.
_REPORTED = lazyre.compile(
    r"\b(?:said|says|told\s+\w+|stated|noted|added|remarked|explained|commented)\s+"
    r"(?:at\s+the\s+(?:end|start|beginning)\s+of|on|in|last|this|earlier)\s*$",
    re.I,
)
_CLAUSE_BREAK = lazyre.compile(r",\s+|;\s+")
_SEGMENT_BREAK = lazyre.compile(r",\s+|;\s+|\s+[\u2013\u2014-]\s+")
_MONEY = lazyre.CaseFolded(  # codes in lower case: the pattern is case-insensitive
    r"(?:[$\u20ac\u00a3\u00a5\u20bd\u20b9\u20ba\u20a9]|\b(?:usd|eur|gbp|rub|cny|jpy|inr|try|brl|ars|mxn|chf|azn|kzt)\b)\s?\d"
    r"|\d\s*(?:" + alternation() + r")?\s*(?:dollars?|euros?|pounds?|roubles?|rubles?|yuan|yen|"
    r"rupees?|liras?|pesos?|reais|manats?|tenge|usd|eur)\b"
    r"|\d\s*(?:%|per\s*cent\b|percent\b|percentage\s+points?)"
    r"|\brecord\b|\b(?:highest|lowest)\s+(?:for|since|in|on|level|value|figure|monthly|annual|yearly)\b"
)


# --------------------------------------------------------------------------- small helpers


def parse_number(words: str) -> int | None:
    """Read a count written in digits or English words ("thirty", "two hundred", "21st")."""
    words = words.strip().lower()
    m = re.match(r"(\d+)", words)
    if m:
        return int(m.group(1))
    total = 0
    for tok in re.split(r"[-\s]+", words):
        if tok in ("and", ""):
            continue
        if tok == "a":
            total = total or 1
        elif tok in ("hundred", "hundredth"):
            total = (total or 1) * 100
        else:
            value = _UNITS.get(tok) or _TENS.get(tok) or _ORD_UNITS.get(tok) or _ORD_TENS.get(tok)
            if value is None:
                return None
            total += value
    return total or None


def human_date(d: date) -> str:
    """Write a date the way the articles do: 25 June 2022."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def years_before(d: date, n: int) -> date | None:
    """Return the same day n years earlier (29 February becomes the 28th); None before year 1."""
    if not 1 <= d.year - n <= 9999:
        return None
    try:
        return d.replace(year=d.year - n)
    except ValueError:
        return d.replace(year=d.year - n, day=28)


def resolve_month(month: int, doc: date) -> int:
    """Year of a month written without one: this year unless that month is still to come."""
    return doc.year if month <= doc.month else doc.year - 1


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _weekday_date(name: str, doc: date, future: bool) -> date:
    """The named weekday nearest the article date: before it, or after it for future tense."""
    w = WEEKDAYS.index(name.lower())
    try:
        if future:
            return doc + timedelta(days=(w - doc.weekday()) % 7)
        return doc - timedelta(days=(doc.weekday() - w) % 7)
    except OverflowError:  # a week from the ends of the calendar (year 1 or 9999)
        return doc


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- dates in a sentence


def full_dates(sentence: str) -> list[tuple[int, int, date | None]]:
    """Return (start, end, date) of every day-month-year date; end is the end of the year."""
    out = []
    for m in _DMY.finditer(sentence):
        if m.group("y3"):
            d = _make_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        elif m.group("y"):
            d = _make_date(int(m.group("y")), _month(m.group("m")), int(m.group("d")))
        else:
            d = _make_date(int(m.group("y2")), _month(m.group("m2")), int(m.group("d2")))
        out.append((m.start(), m.end(), d))
    return out


def explicit_years(sentence: str, max_year: int) -> list[tuple[int, date | None, int]]:
    """Return (year, full date or None, position) for each plausible year in the sentence."""
    return [found for found in _stated_years(sentence) if found[0] <= max_year]


@lru_cache(maxsize=256)  # a sentence is read for years several times, with several upper bounds
def _stated_years(sentence: str) -> tuple[tuple[int, date | None, int], ...]:
    """``explicit_years`` without its upper bound, which none of the other checks depends on."""
    dates = None
    out = []
    for m in _YEAR_TOKEN.finditer(sentence):
        year = int(m.group(1))
        if year < 1700 or _COUNTED.match(sentence, m.end()):
            continue
        before = sentence[max(0, m.start() - 30) : m.start()]
        if (
            _DEADLINE.search(before)
            or (_UNTIL.search(before) and _PLAN.search(sentence))
            or re.search(r"\d\s+of\s+$", before)
        ):
            continue
        if dates is None:
            dates = full_dates(sentence)
        full = next((d for s, e, d in dates if s <= m.start() < e), None)
        out.append((year, full if full and full.year == year else None, m.start()))
    return tuple(out)


def _day_month(sentence: str, doc: date | None, start: int = 0) -> tuple[date | None, int]:
    """First day-month without a year, read against the article date; (date, position)."""
    if doc is None:
        return None, -1
    for m in _DM.finditer(sentence, start):
        mon = _month(m.group("m") or m.group("m2"))
        day = int(m.group("d") or m.group("d2"))
        d = _make_date(resolve_month(mon, doc), mon, day)
        if d:
            return d, m.start()
    return None, -1


# --------------------------------------------------------------------------- anniversaries


def _anchor(sentence: str, kind: str, doc: date | None, after: int, n: int = 0):
    """Return (date or None, year or None, label) the anniversary is counted from.

    A date decades before the article ("the 51st anniversary of relations,
    established on 5 December 1973") is the origin, not the day of the
    anniversary, so only dates near the article date can anchor the count.
    """

    def anchor_year(y: int) -> bool:
        """A stated year is the day of the anniversary, not its origin ("established on 5 December 1973")."""
        if doc is None:
            return True
        return y <= doc.year + 1 and not (n and abs((doc.year - y) - n) <= 1)

    if kind != "ago":
        dated = [(s, d) for s, e, d in full_dates(sentence) if d and anchor_year(d.year)]
        if dated:
            s, d = min(dated, key=lambda x: (x[0] < after, abs(x[0] - after)))
            return d, d.year, human_date(d)
    dm, _ = _day_month(sentence, doc)
    if dm:
        return dm, dm.year, human_date(dm)
    if doc is None:  # an undated text: only a year the sentence states can anchor the count
        stated = explicit_years(sentence, 9999) if kind != "ago" else []
        return (None, stated[0][0], str(stated[0][0])) if len(stated) == 1 else (None, None, "")
    wd = _WEEKDAY.search(sentence)
    if wd:
        d = _weekday_date(wd.group("w"), doc, _future(sentence))
        return d, d.year, human_date(d)
    if _TODAY.search(sentence):
        d = doc - timedelta(days=1) if _YESTERDAY.search(sentence) else doc
        return d, d.year, human_date(d)
    if kind != "ago":
        years = [y for y in explicit_years(sentence, doc.year) if anchor_year(y[0])]
        if years:
            return None, years[0][0], str(years[0][0])
        later = [y for y in explicit_years(sentence, doc.year + 100) if y[0] > doc.year + 1]
        if later:  # "The year 2026 will mark the 70th anniversary": counted from the year it falls in
            return (None, later[0][0], str(later[0][0])) if _future(sentence) else (None, None, "")
        rel = [(abs(m.start() - after), m) for m in _NEXT_OR_REL_YEAR.finditer(sentence)]
        if rel:  # "last year marked the 30th anniversary", "next year marks seven decades of ties"
            word = min(rel, key=lambda x: x[0])[1].group("w").lower()
            year = (
                doc.year + 1 if word == "next" else doc.year - 1 if word in ("last", "past", "previous") else doc.year
            )
            return None, year, f"{word} year, read against {human_date(doc)}"
    return None, doc.year, f"the article date {human_date(doc)}"


_FRACTIONS = {"half": 0.5, "quarter": 0.25}


def derived_events(sentence: str, doc: date | None) -> list[tuple[int, date | None, str, int, int]]:
    """Return (year, date, how, start, end) for each anniversary phrase in the sentence."""
    out: list[tuple[int, date | None, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    low = sentence.lower()
    hints = {h for h in _ALL_HINTS if h in low}  # each hint looked for once, not once per pattern
    for kind, pattern in _DERIVED:
        if hints.isdisjoint(_HINTS[kind]):
            continue  # cheap test first: these patterns are slow to scan
        rx, subject = pattern.on(sentence) if isinstance(pattern, lazyre.CaseFolded) else (pattern, sentence)
        for m in rx.finditer(subject):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            n = (
                _JUBILEES.get(m.group("n"))
                if kind == "jubilee"
                else _FRACTIONS.get(m.group("n").lower()) or parse_number(m.group("n"))
            )
            if not n:
                continue
            unit = m.group("u").lower() if "u" in rx.groupindex and m.group("u") else ""
            n = round(n * (100 if unit.startswith("centur") else 10 if unit.startswith("decade") else 1))
            if kind != "jubilee" and n < 2 and kind != "anniversary":
                continue
            anchor, year, label = _anchor(sentence, kind, doc, m.end(), n)
            if year is None or year - n < 1:  # counted back past year 1: a typo, no event
                continue
            when = years_before(anchor, n) if anchor else None
            taken.append((m.start(), m.end()))
            out.append(
                (year - n, when, f"{sentence[m.start() : m.end()].strip()}, counted from {label}", m.start(), m.end())
            )
    return out


# --------------------------------------------------------------------------- relative dates


_MONTH_YEAR_WORD = lazyre.compile(r"\s+(?:of\s+)?(?P<w>last|this|the\s+previous)\s+year\b", re.I)


def relative_dates(sentence: str, doc: date) -> list[tuple[int, date | None, str]]:
    """Dates written without a year, read against the article date: (year, date, how).

    A month in a sentence about the future ("who takes office in October") is
    left out: whether it is this year's or next year's is a guess. A weekday in
    one ("will meet on Friday") is a plan, not yet an event.
    """
    out: list[tuple[int, date | None, str]] = []
    taken: list[tuple[int, int]] = []  # "last year" already read as the year of a month before it
    future = _future(sentence)
    dm, dm_at = _day_month(sentence, doc)
    if dm and _REPORTED.search(sentence[:dm_at]):
        dm = None
    if dm and not (future and (dm > doc or _future(_clause_of(sentence, dm_at)))):  # "is planned for 12 June"
        out.append((dm.year, dm, f"{dm.day} {MONTH_NAMES[dm.month - 1]}, read against {human_date(doc)}"))
    for m in _MONTH_ONLY.finditer(sentence):
        mon = _month(m.group("m"))
        if (dm and dm.month == mon) or future or _REPORTED.search(sentence[: m.start("m")]):
            continue
        y = doc.year if m.group("pre").lower() == "this" else resolve_month(mon, doc)
        if m.group("pre").lower() == "last" and mon >= doc.month:
            y = doc.year - 1
        named = _MONTH_YEAR_WORD.match(sentence, m.end())
        if named:  # "in April last year", "in May of this year": the words say which year
            y = doc.year - 1 if named.group("w").lower() in ("last", "the previous") else doc.year
            taken.append((m.end(), named.end()))
        out.append(
            (y, None, f"{m.group(0).rstrip('.')}{named.group(0) if named else ''}, read against {human_date(doc)}")
        )
    for m in _REL_YEAR.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        y = doc.year if m.group("w").lower() == "this" else doc.year - 1
        out.append((y, None, f"{m.group(0).rstrip('.')}, read against {human_date(doc)}"))
    for m in _REL_MONTH.finditer(sentence):
        y = doc.year if m.group("w").lower() == "this" or doc.month > 1 else doc.year - 1
        out.append((y, None, f"{m.group(0)}, read against {human_date(doc)}"))
    for m in _REL_WEEK.finditer(sentence):
        if future or _REPORTED.search(sentence[: m.end("w")]) or not _dated_clause_narrates(sentence, m.start()):
            continue  # "will meet this week", "said last week", "as the minister put it last week"
        y = (doc - timedelta(days=7)).year if m.group("w").lower() == "last" else doc.year
        out.append((y, None, f"{m.group(0)}, read against {human_date(doc)}"))
    if not out:
        wd = _WEEKDAY.search(sentence)
        if wd and future:
            pass  # "The ministers will meet on Friday": planned, not yet an event of the timeline
        elif wd and not _REPORTED.search(sentence[: wd.start("w")]):
            d = _weekday_date(wd.group("w"), doc, future)
            out.append((d.year, d, f"{wd.group(0)}, read against {human_date(doc)}"))
        elif _YESTERDAY.search(sentence):
            d = doc - timedelta(days=1)
            out.append((d.year, d, f"yesterday, read against {human_date(doc)}"))
        elif _TODAY.search(sentence):
            out.append((doc.year, doc, "today"))
    return out


# --------------------------------------------------------------------------- statistics and clauses


@lru_cache(maxsize=256)  # asked only where the answer matters, at most once per text
def _has_event_word(text: str) -> bool:
    rx, subject = EVENT_WORDS.on(text)
    return rx.search(subject) is not None


@lru_cache(maxsize=256)  # asked of a sentence, then of its clauses (often the same text)
def _states_figures(text: str) -> bool:
    """Money, a percentage or a record: the text measures something rather than narrating it."""
    rx, subject = _MONEY.on(text)
    if rx.search(subject):
        return True
    return _DIGIT.search(text) is not None and bool(_SCALED.search(text) or _PERCENT.search(text))  # both need one


def _narrates(segment: str) -> bool:
    """A clause that can date an event: no figures, or money a decision states and no trade measure.

    A comparison ("more than three times what it had been in 2021") continues the figure before it.
    """
    if _COMPARISON.search(segment):
        return False
    if not _states_figures(segment):
        return True
    return bool(
        _STRONG_ACTION.search(segment)
        and not _TRADE_FLOW.search(segment)
        and not _PERCENT.search(segment)
        and not re.search(r"\brecord\b|\bhighest\b|\blowest\b", segment, re.I)
    )


def _units(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that can date events.

    The whole sentence, unless it states figures: then the runs of clauses
    (split at commas, semicolons and dashes) that narrate, so that "It reached
    $3 billion in 2014, the year the bridge opened" keeps the bridge and
    drops the statistic.
    """
    if not _states_figures(sentence):
        return [(0, len(sentence))]
    segments, pos = [], 0
    for m in _SEGMENT_BREAK.finditer(sentence):
        segments.append((pos, m.start()))
        pos = m.end()
    segments.append((pos, len(sentence)))
    runs: list[list[int]] = []
    prev_ok = False
    for a, b in segments:
        ok = _narrates(sentence[a:b])
        if ok and prev_ok:
            runs[-1][1] = b
        elif ok:
            runs.append([a, b])
        prev_ok = ok
    return [(a, b) for a, b in runs]


# --------------------------------------------------------------------------- main entry

Context = tuple  # (year, month or None, derived, an event?): the last date the text spoke of


_MONTH_BEFORE = lazyre.compile(rf"({_MONTH_CAP})\.?,?\s+(?:of\s+)?$")


def _date_mentions(text: str, max_year: int) -> list[tuple[int, int, int | None]]:
    """(position, year, month or None) of each year the text states."""
    out = []
    for year, when, pos in explicit_years(text, max_year):
        month = when.month if when else None
        m = _MONTH_BEFORE.search(text[max(0, pos - 14) : pos])
        if month is None and m:
            month = _month(m.group(1))
        out.append((pos, year, month))
    return out


_CARRY_WORDS = ("same", "later", "following", "next", "earlier", "previous", "before")


def _may_carry(text: str) -> bool:
    """Whether ``_SAME_YEAR`` can match: each of its phrases says "year" or "month".

    A gate, much cheaper than the pattern; exact, since no letter of those two words
    has another case form that re.IGNORECASE matches but ``str.lower`` does not give.
    """
    low = text.lower()
    if "year" not in low and "month" not in low:
        return False
    # Each phrase also says one of these words; exact on ASCII text only (under re.I, "s" and "i"
    # also match ſ, ı and İ, which str.lower keeps or changes otherwise), where most "year"s are not carried.
    return not text.isascii() or any(w in low for w in _CARRY_WORDS)


def _same_year(unit: str) -> re.Match | None:
    """``_SAME_YEAR`` in ``unit``; the match may be of the lower-cased text: read its wording from ``unit``."""
    rx, subject = _SAME_YEAR.on(unit)
    return rx.search(subject)


def _carried(phrase: re.Match, ctx: Context, wording: str) -> tuple[int, int | None, str]:
    """Year (and month) of "the same year", "a year later", "the previous year" from the last date.

    ``wording``: the phrase as the text writes it.
    """
    year, month = ctx[0], ctx[1]
    if phrase.group("month"):
        return year, month, f"{wording} as {MONTH_NAMES[month - 1] if month else ''} {year}".replace("  ", " ")
    if phrase.group("nextmonth") and month:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return year, month, f"{wording} as {MONTH_NAMES[month - 1]} {year}"
    if phrase.group("next"):
        n = parse_number(phrase.group("nl")) if phrase.group("nl") else 1
        return year + (n or 1), None, f"{wording} than {year}"
    if phrase.group("prev"):
        n = parse_number(phrase.group("np")) if phrase.group("np") else 1
        return year - (n or 1), None, f"{wording} than {year}"
    return year, None, f"{wording} as {year}"


def _unit_events(sentence: str, a: int, b: int, doc: date | None, ctx: Context | None, derived):
    """Return (year, date, derived, how, position) for one narrating span of a sentence."""
    unit = sentence[a:b]
    found: list[tuple[int, str | None, bool, str | None, int]] = []
    max_year = doc.year if doc else 2100
    mentions = _date_mentions(sentence[:b], max_year)
    same = _same_year(unit) if _may_carry(unit) else None
    if same and _has_event_word(unit):
        here = [m for m in mentions if m[0] < a + same.start()]
        base = (here[-1][1], here[-1][2], False) if here else ctx
        if base is not None and (not (same.group("month") or same.group("nextmonth")) or base[1]):
            year, month, how = _carried(same, base, unit[same.start() : same.end()])
            if year <= max_year:
                dm = _DM.search(unit)
                when = None
                if dm:
                    when = _make_date(
                        year, _month(dm.group("m") or dm.group("m2")), int(dm.group("d") or dm.group("d2"))
                    )
                found.append((year, when.isoformat() if when else None, base[2], how, a + same.start()))
    stated = [y for y in explicit_years(unit, max_year) if not _future(_clause_of(unit, y[2]))]
    if stated:
        if _has_event_word(unit):
            relative = _undated_clauses(unit, doc) if doc is not None else []
            # "arrived on Thursday, the first visit since 2018": the relative date dates the sentence,
            # the year after "since" only counts back to an earlier visit
            years = [y for y in stated if not (relative and _since_year(unit, y[2]))]
            for year, when, pos in years:
                if _dated_clause_narrates(unit, pos):
                    found.append((year, when.isoformat() if when else None, False, None, a + pos))
            found += [(y, w, False, how, a + pos) for y, w, how, pos in relative]
        return found
    if same or doc is None or _states_figures(unit):
        return found
    inside = [(s, e) for *_, s, e in derived if a <= s < b]
    if inside:
        if all(kind_ago(sentence, s, e) for s, e in inside):
            return found
        if not _ACTION_WORDS.search(_cut(unit, [(s - a, e - a) for s, e in inside])):
            return found
    elif not _has_event_word(unit):
        return found
    if ctx is not None and len(ctx) > 3 and ctx[3] and ctx[2] and ctx[0] < doc.year - 1 and not inside:
        # "... the 60th anniversary of relations. Accra recognised the new state on 3 March": a day
        # without a year right after an anniversary is the day of the event it recalls, unless it is
        # a day of the last few weeks (news of the article).
        dm = _DM.search(unit)
        recent, _ = _day_month(unit, doc)
        if (
            dm
            and recent
            and (doc - recent).days > 60
            and not (
                _REL_YEAR.search(unit)
                or _WEEKDAY.search(unit)
                or _TODAY.search(unit)
                or re.search(r"\b(?:this|last|next)\s+" + _MONTH_CAP, unit)
            )
        ):
            when = _make_date(ctx[0], _month(dm.group("m") or dm.group("m2")), int(dm.group("d") or dm.group("d2")))
            if when:
                found.append(
                    (
                        ctx[0],
                        when.isoformat(),
                        ctx[2],
                        f"{dm.group(0).strip()} of {ctx[0]}, the year just spoken of",
                        a + dm.start(),
                    )
                )
                return found
    for year, when, how in relative_dates(unit, doc):
        found.append((year, when.isoformat() if when else None, False, how, a))
    return found


# "the first visit since November 2018", "partners since 2009": a year the sentence counts from, not
# the date of what it narrates; "in force since 1994" is the date of the entry into force.
_SINCE = lazyre.compile(
    r"(?<!force\s)(?<!effect\s)(?<!place\s)\bsince\s+(?:(?:early|mid|late|the\s+(?:end|start|"
    r"beginning|middle)\s+of)\s+)?(?:[0-3]?\d\s+)?(?:" + _MONTH_CAP + r"\.?\s+(?:[0-3]?\d,?\s+)?)?$",
    re.I,
)


def _since_year(unit: str, pos: int) -> bool:
    """The year at ``pos`` follows "since" (and is not a date of entry into force)."""
    if re.match(r",?\s+when\b", unit[pos + 4 :]):
        return False  # "Since 1 July 2009, when the agreement took effect": the clause dates its event
    return bool(_SINCE.search(unit[max(0, pos - 40) : pos]))


def _undated_clauses(unit: str, doc: date) -> list[tuple[int, str | None, str, int]]:
    """Relative dates ("yesterday", "on Tuesday", "last March") in clauses that state no year.

    "The minister received the envoy yesterday ..., which last met in 2017": the
    year dates its own clause, the relative date the rest. (year, ISO date, how, position).
    """
    out = []
    dated = [(pos, pos + 4) for *_, pos in explicit_years(unit, 9999) if not _since_year(unit, pos)]
    dated += [(s, e) for s, e, _ in full_dates(unit)]
    for s, e in _clause_spans(unit):
        if any(s < de and ds < e for ds, de in dated):
            continue
        for year, when, how in relative_dates(unit[s:e], doc):
            out.append((year, when.isoformat() if when else None, how, s))
    return out


def _clause_of(unit: str, pos: int) -> str:
    """The clause (between commas and semicolons) around ``pos``."""
    return next((unit[s:e] for s, e in _clause_spans(unit) if s <= pos < e), unit)


def _clause_spans(unit: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for m in _CLAUSE_BREAK.finditer(unit):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(unit)))
    return spans


def _dated_clause_narrates(unit: str, pos: int) -> bool:
    """The clause of a year (between commas, semicolons, "and" or "but") has an event word.

    "Peru climbed to third place in 2015, the year the accord took effect, and has
    stayed in the top five since 2019": 2015 is dated by the accord, 2019 by nothing.
    """
    spans = _clause_spans(unit)
    i = next((k for k, (s, e) in enumerate(spans) if s <= pos < e), len(spans) - 1)
    text = unit[spans[i][0] : spans[i][1]]
    if len(text.split()) <= 6:  # "In 1999, ...", "..., on 9 November 1991": a time phrase of its neighbours
        text = " ".join(unit[s:e] for s, e in spans[max(0, i - 1) : i + 2])
    elif i and not _has_event_word(text) and not _FINITE.search(text):
        # no verb of its own: the rest of a name or list the comma cut ("signed a Treaty of Friendship,
        # Good Neighbourliness and Cooperation on 4 July 1991")
        text = " ".join(unit[s:e] for s, e in spans[i - 1 : i + 1])
    return _has_event_word(text)


_FINITE = lazyre.compile(
    r"\b(?:[a-z]{3,}ed|is|was|were|are|has|had|have|been|will|would|did|does|do|can|could|may|"
    r"might|must|shall|should|put|said|told|got|kept|found|knew|meant|thought|set|ran|sold|bought|"
    r"made|won|became|took|gave|came|went|began|held|met|broke|led|left|sent|saw|lost|brought|stood)\b"
)


# Past tenses that do not end in -ed, for "in 2017, the year Y made Astana his first destination".
_IRREGULAR_PAST = lazyre.compile(
    r"\b(?:made|won|became|took|gave|came|went|began|held|met|broke|led|left|sent|saw|"
    r"fought|chose|lost|built|struck|swept|wrote|brought|drew|fled|froze|laid|paid|shook|"
    r"spoke|stood|threw|woke|wore)\b"
)


def _appositions(sentence: str, max_year: int, whole: bool):
    """Events dated by apposition: "in 2014, the year the bridge opened", "in 1975, when the tribunal ruled"."""
    out = []
    for m in _APPOSITION.finditer(sentence):
        year, clause = int(m.group("y")), m.group("clause")
        if not 1700 <= year <= max_year or _states_figures(clause) or _TRADE_FLOW.search(clause):
            continue
        if not (_has_event_word(clause) or re.search(r"\b[a-z]{3,}ed\b", clause) or _IRREGULAR_PAST.search(clause)):
            continue
        text = sentence if whole else sentence[m.start() : m.end("clause")]
        out.append((year, None, False, None, m.start(), text))
    return out


def _sentence_events(sentence: str, doc: date | None, ctx: Context | None):
    """Return (year, date, derived, how, position, text) tuples for one sentence.

    ``text`` is the sentence, or the narrating part of it when the rest states figures.
    """
    units = _units(sentence)
    whole = units == [(0, len(sentence))]

    def text_at(pos: int) -> str:
        span = next(((a, b) for a, b in units if a <= pos < b), None)
        if whole or span is None:
            return sentence
        return sentence[span[0] : span[1]].strip()

    found = []
    derived = derived_events(sentence, doc)
    for year, when, how, start, _ in derived:
        found.append((year, when.isoformat() if when else None, True, how, start, text_at(start)))
    for a, b in units:
        for year, when, der, how, pos in _unit_events(sentence, a, b, doc, ctx, derived):
            found.append((year, when, der, how, pos, text_at(pos)))
    dated = {(f[0], f[5]) for f in found}
    for item in _appositions(sentence, doc.year if doc else 2100, whole):
        if (item[0], item[5]) not in dated and not any(f[0] == item[0] and f[5] == sentence for f in found):
            found.append(item)
    return found


def _context_after(sentence: str, doc: date | None, events, ctx: Context | None) -> Context | None:
    """The last date a sentence spoke of (an event it dates, or any year it states), else the one before."""
    stated = _date_mentions(sentence, doc.year if doc else 2100)
    months = {(pos, year): month for pos, year, month in stated}  # "in April 2021": the month of the event too
    marks = [(pos, year, month, False, False) for pos, year, month in stated]
    marks += [
        (pos, year, int(when[5:7]) if when else months.get((pos, year)), der, True)
        for year, when, der, _, pos, _ in events
    ]
    if not marks:
        return ctx
    pos, year, month, der, event = max(marks, key=lambda m: (m[0], m[4]))
    return (year, month, der, event)


def kind_ago(sentence: str, start: int, end: int) -> bool:
    """Tell whether the anniversary phrase at start..end counts back with "ago"."""
    return sentence[start:end].lower().endswith("ago")


def _cut(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence without the given spans."""
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(sentence[pos:s])
        pos = max(pos, e)
    out.append(sentence[pos:])
    return " ".join(out)


def extract_events(sentences: list[str], doc_date: str | None, source: str) -> list[Event]:
    """Return the dated events of one document, in text order.

    "The same year", "a year later" and "the same month" count from the last
    date the text spoke of, in this sentence or an earlier one.
    """
    doc = _parse_iso(doc_date)
    events, seen, ctx = [], set(), None
    for sentence in sentences:
        found = _sentence_events(sentence, doc, ctx)
        for year, when, derived, how, _, text in found:
            key = (year, when, derived, text)
            if key in seen:
                continue
            seen.add(key)
            events.append(Event(year=year, date=when, derived=derived, text=text, how=how, source=source))
        ctx = _context_after(sentence, doc, found, ctx)
    return events
