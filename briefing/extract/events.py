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

from briefing.model import Event

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_UNITS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split(), 1)}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_ORD_UNITS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 1)}
_ORD_TENS = {w: 10 * i for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2)}
_JUBILEES = {
    "bicentenary": 200, "bicentennial": 200, "centenary": 100, "centennial": 100,
    "tercentenary": 300, "tricentennial": 300, "sesquicentennial": 150, "semicentennial": 50,
    "golden jubilee": 50, "silver jubilee": 25, "diamond jubilee": 60, "platinum jubilee": 70,
}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_CARD_WORD = _alt([*_UNITS, *_TENS, "hundred"])
_ORD_WORD = _alt([*_ORD_UNITS, *_ORD_TENS, "hundredth"])
_NUM_WORD = _alt([*_UNITS, *_TENS, "hundred", "and", "a"])
CARD = rf"(?:\d{{1,3}}|(?:(?:{_NUM_WORD})[-\s]+){{0,4}}(?:{_CARD_WORD}))"
ORD = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:(?:{_NUM_WORD})[-\s]+){{0,4}}(?:{_ORD_WORD}))"
_UNIT = r"(?P<u>years?|centur(?:y|ies))"
_RELATION = (r"relations|ties|union|partnership|co-?operation|friendship|alliance|independence|"
             r"membership|statehood|existence|integration|brotherhood|neighbou?rliness|diplomacy|"
             r"diplomatic|bilateral|contacts|dialogue|treaty|agreement")

# Anniversary phrases; group n is the count, u (optional) the unit.
_DERIVED = [
    ("ago", re.compile(rf"\b(?P<n>{CARD}|a)\s+{_UNIT}\s+ago\b", re.I)),
    ("anniversary", re.compile(rf"\b(?P<n>{ORD})[-\s]+anniversary\b", re.I)),
    ("anniversary", re.compile(rf"\b(?P<n>{CARD})[-\s]+{_UNIT}[-\s]+anniversary\b", re.I)),
    ("turned", re.compile(rf"\bturn(?:ed|s|ing)\s+(?P<n>{CARD})\b(?!\s*(?:%|per\s*cent|percent|years?\s+old))", re.I)),
    ("years of", re.compile(
        rf"\b(?P<n>{CARD}|a)\s+{_UNIT}\s+(?:of\s+(?:[\w-]+\s+){{0,3}}?(?:{_RELATION})\b(?:\s+(?:relations|ties))?|since\b(?!\s*\d))", re.I)),
    ("jubilee", re.compile(
        rf"\b(?:the|its|their|his|her|a)\s+(?:\w+\s+)?(?P<n>{_alt(_JUBILEES)})\b(?!\s+[A-Z])")),
]
_HINTS = {
    "ago": (" ago",), "anniversary": ("anniversar",), "turned": ("turn",),
    "years of": ("year", "centur"), "jubilee": ("centen", "jubilee"),
}

_MONTH_CAP = r"(?:%s)" % _alt([*MONTH_NAMES, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
                                  "Sept", "Sep", "Oct", "Nov", "Dec"])
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
# A year, but not part of a larger number, an amount or a fiscal year ("2017-18"); ISO dates pass.
_YEAR_TOKEN = re.compile(
    r"(?<![\w.,$/\u2013-])(1[7-9]\d\d|2\d\d\d)"
    r"(?![\w%]|[.,]\d|[-\u2013/](?:\d{4}|\d{2}(?![-\d])|\d(?!\d)))")
_DMY = re.compile(
    rf"(?<!\d)(?:{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH_CAP})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})"
    rf"|(?P<m2>{_MONTH_CAP})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)")
_DM = re.compile(
    rf"(?<![\d,])(?:{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH_CAP})\b\.?(?!,?\s+(?:of\s+)?\d)"
    rf"|(?P<m2>{_MONTH_CAP})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d))")
_MONTH_ONLY = re.compile(
    rf"\b(?P<pre>in|last|since|until|by|early|mid|late|from|during|of|this)\s+(?:-\s*)?(?P<m>{_MONTH_CAP})\b\.?(?!,?\s+\d)")
_WEEKDAY = re.compile(r"\b(?:on|last|this|next)\s+(?P<w>%s)\b" % "|".join(w.title() for w in WEEKDAYS))
_TODAY = re.compile(r"\b(?:today|to the day|this day|yesterday)\b", re.I)
_REL_YEAR = re.compile(r"\b(?P<w>last|this|past|previous)\s+year\b(?!'s\s+(?:figure|total))", re.I)
_SAME_YEAR = re.compile(
    r"\b(?:(?:of|in)\s+(?:the\s+)?same\s+year|that\s+same\s+year|later\s+that\s+year|"
    r"(?P<next>the\s+following\s+year|a\s+year\s+later|the\s+next\s+year))\b", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|next|to be held|is to|are to|plans? to)\b", re.I)

EVENT_WORDS = re.compile(
    r"\b(?:sign(?:ed|ing|s)?|signature|establish\w*|(?:enter(?:ed|s)?|entry|came|come|comes)\s+into\s+force|"
    r"too?k(?:es)?\s+effect|in\s+(?:force|place|effect)\s+since|began|begun|begins?|started|"
    r"found(?:ed|ing)|creat(?:ed|es|ing|ion)|launch(?:ed|es|ing)?|met|meets?|meeting|"
    r"visit(?:ed|s|ing)?|agreed|agreement|adopt(?:ed|s|ion)?|replac(?:ed|es|ing)|"
    r"recogni[sz](?:ed|es|ing|e|ation)|ratif(?:ied|ies|y|ying|ication)|elect(?:ed|ion|ions)|"
    r"open(?:ed|s|ing)|inaugurat\w*|la(?:id|y|ying)\s+the\s+foundation|foundation\s+stone|"
    r"declaration|treaty|treaties|memorandum|protocol|accord|charter|summit|talks|"
    r"join(?:ed|s)?|accession|conclu(?:ded|sion)|restored|resumed|broke\s+off|severed|abolished|"
    r"took\s+office|sworn\s+in|proclaimed|independence)\b", re.I)
# Verbs of an action happening on the anniversary day itself (not of the event it recalls).
_ACTION_WORDS = re.compile(
    r"\b(?:sign(?:ed|ing)|met|meeting|visit(?:ed|ing)|open(?:ed|ing)|adopt(?:ed|ing)|agreed|"
    r"launch(?:ed|ing)|la(?:id|ying)|inaugurat(?:ed|ing)|ratif(?:ied|ying)|unveil(?:ed|ing))\b", re.I)
_MONEY = re.compile(
    r"(?:[$\u20ac\u00a3\u00a5\u20bd\u20b9\u20ba\u20a9]|\b(?:USD|EUR|GBP|RUB|CNY|JPY|INR|TRY|BRL|ARS|MXN|CHF|AZN|KZT)\b)\s?\d"
    r"|\d\s*(?:million|billion|trillion|bn|mn|m|k)?\s*(?:dollars?|euros?|pounds?|roubles?|rubles?|yuan|yen|"
    r"rupees?|liras?|pesos?|reais|manats?|tenge|USD|EUR)\b"
    r"|\d\s*(?:%|per\s*cent\b|percent\b|percentage\s+points?)"
    r"|\brecord\b|\b(?:highest|lowest)\s+(?:for|since|in|on|level|value|figure|monthly|annual|yearly)\b", re.I)


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
    dates = full_dates(sentence)
    out = []
    for m in _YEAR_TOKEN.finditer(sentence):
        year = int(m.group(1))
        if not 1700 <= year <= max_year:
            continue
        full = next((d for s, e, d in dates if s <= m.start() < e), None)
        out.append((year, full if full and full.year == year else None, m.start()))
    return out


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


def _anchor(sentence: str, kind: str, doc: date | None, after: int):
    """Return (date or None, year or None, label) the anniversary is counted from.

    A date decades before the article ("the 51st anniversary of relations,
    established on 5 December 1973") is the origin, not the day of the
    anniversary, so only dates near the article date can anchor the count.
    """
    def recent(y: int) -> bool:
        return doc is None or y >= doc.year - 2

    if kind != "ago":
        dated = [(s, d) for s, e, d in full_dates(sentence) if d and recent(d.year)]
        if dated:
            s, d = min(dated, key=lambda x: (x[0] < after, abs(x[0] - after)))
            return d, d.year, human_date(d)
    dm, _ = _day_month(sentence, doc)
    if dm:
        return dm, dm.year, human_date(dm)
    if doc is None:
        return None, None, ""
    wd = _WEEKDAY.search(sentence)
    if wd:
        d = _weekday_date(wd.group("w"), doc, bool(_FUTURE.search(sentence)))
        return d, d.year, human_date(d)
    if _TODAY.search(sentence):
        return doc, doc.year, human_date(doc)
    if kind != "ago":
        years = [y for y in explicit_years(sentence, doc.year) if recent(y[0])]
        if years:
            return None, years[0][0], str(years[0][0])
    return None, doc.year, f"the article date {human_date(doc)}"


def derived_events(sentence: str, doc: date | None) -> list[tuple[int, date | None, str, int, int]]:
    """Return (year, date, how, start, end) for each anniversary phrase in the sentence."""
    out, taken = [], []
    low = sentence.lower()
    for kind, rx in _DERIVED:
        if not any(h in low for h in _HINTS[kind]):
            continue  # cheap test first: these patterns are slow to scan
        for m in rx.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            n = _JUBILEES.get(m.group("n")) if kind == "jubilee" else parse_number(m.group("n"))
            if not n:
                continue
            if "u" in rx.groupindex and m.group("u") and m.group("u").lower().startswith("centur"):
                n *= 100
            if kind != "jubilee" and n < 2 and kind != "anniversary":
                continue
            anchor, year, label = _anchor(sentence, kind, doc, m.end())
            if year is None or year - n < 1:  # counted back past year 1: a typo, no event
                continue
            when = years_before(anchor, n) if anchor else None
            taken.append((m.start(), m.end()))
            out.append((year - n, when, f"{m.group(0).strip()}, counted from {label}", m.start(), m.end()))
    return out


# --------------------------------------------------------------------------- relative dates


def relative_dates(sentence: str, doc: date) -> list[tuple[int, date | None, str]]:
    """Dates written without a year, read against the article date: (year, date, how)."""
    out = []
    dm, _ = _day_month(sentence, doc)
    if dm:
        out.append((dm.year, dm, f"{dm.day} {MONTH_NAMES[dm.month - 1]}, read against {human_date(doc)}"))
    for m in _MONTH_ONLY.finditer(sentence):
        mon = _month(m.group("m"))
        if dm and dm.month == mon:
            continue
        y = doc.year if m.group("pre").lower() == "this" else resolve_month(mon, doc)
        if m.group("pre").lower() == "last" and mon >= doc.month:
            y = doc.year - 1
        out.append((y, None, f"{m.group(0).rstrip('.')}, read against {human_date(doc)}"))
    for m in _REL_YEAR.finditer(sentence):
        y = doc.year if m.group("w").lower() == "this" else doc.year - 1
        out.append((y, None, f"{m.group(0).rstrip('.')}, read against {human_date(doc)}"))
    if not out:
        wd = _WEEKDAY.search(sentence)
        if wd:
            d = _weekday_date(wd.group("w"), doc, bool(_FUTURE.search(sentence)))
            out.append((d.year, d, f"{wd.group(0)}, read against {human_date(doc)}"))
        elif _TODAY.search(sentence):
            out.append((doc.year, doc, "today"))
    return out


# --------------------------------------------------------------------------- main entry


def _sentence_events(sentence: str, doc: date | None, last: tuple[int, bool] | None):
    """Return (year, date, derived, how) tuples for one sentence."""
    found = []
    derived = derived_events(sentence, doc)
    for year, when, how, _, _ in derived:
        found.append((year, when.isoformat() if when else None, True, how))
    has_event_word = bool(EVENT_WORDS.search(sentence))
    stats = bool(_MONEY.search(sentence))
    max_year = doc.year if doc else 2100

    same = _SAME_YEAR.search(sentence)
    if same and last and has_event_word:
        year = last[0] + (1 if same.group("next") else 0)
        dm = _DM.search(sentence)
        when = None
        if dm:
            when = _make_date(year, _month(dm.group("m") or dm.group("m2")), int(dm.group("d") or dm.group("d2")))
        found.append((year, when.isoformat() if when else None, last[1], f"{same.group(0)} as the event before"))
        return found

    years = explicit_years(sentence, max_year)
    if years:
        if has_event_word and not stats:
            for year, when, _ in years:
                found.append((year, when.isoformat() if when else None, False, None))
        return found
    if doc is None or stats:
        return found
    if derived:
        if all(kind_ago(sentence, s, e) for _, _, _, s, e in derived):
            return found
        rest = _cut(sentence, [(s, e) for *_, s, e in derived])
        if not _ACTION_WORDS.search(rest):
            return found
    elif not has_event_word:
        return found
    for year, when, how in relative_dates(sentence, doc):
        found.append((year, when.isoformat() if when else None, False, how))
    return found


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
    """Return the dated events of one document, in text order."""
    doc = _parse_iso(doc_date)
    events, seen, last = [], set(), None
    for sentence in sentences:
        for year, when, derived, how in _sentence_events(sentence, doc, last):
            key = (year, when, derived, sentence)
            if key in seen:
                continue
            seen.add(key)
            events.append(Event(year=year, date=when, derived=derived, text=sentence, how=how, source=source))
            last = (year, derived)
    return events
