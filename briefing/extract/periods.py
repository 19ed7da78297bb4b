"""Find the periods a sentence speaks of: years, fiscal years, months and ranges.

A period is written as the exports use it: "2021" (calendar year), "2017-18"
(fiscal year), "2021-01..2021-11" (partial, inclusive). Expressions that lean on
context ("last year", "the same period of 2020", "over those four months") are
returned with a ``relation`` that ``resolve`` turns into a period once the
article's date and the period in force are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.extract import lazyre
from briefing.months import MONTH_ABBR, MONTH_NAME_RX, MONTH_RX, MONTHS

NUMBER_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

_MONTH = rf"{MONTH_RX}\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_REL_YEAR = r"(?P<rel>this\s+year|the\s+year|last\s+year|the\s+previous\s+year|the\s+current\s+year)"
_DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"


@dataclass(frozen=True)
class Period:
    """A span of months; ``fiscal`` marks a fiscal year written "2017-18"."""

    start: tuple[int, int]
    end: tuple[int, int]
    fiscal: bool = False
    partial: bool = False  # "the 12 months to March 2022": a span, never a year
    single: bool = False  # a fiscal year named by one year ("FY23", "fiscal 2023"): read as the year
    # it ends in, until the reporter's calendar says otherwise

    @property
    def full_year(self) -> bool:
        if self.partial:
            return False
        return self.fiscal or (self.start[1] == 1 and self.end[1] == 12 and self.start[0] == self.end[0])

    @property
    def key(self) -> str:
        if self.fiscal:
            return f"{self.start[0]}-{(self.start[0] + 1) % 100:02d}"
        if self.full_year:
            return str(self.start[0])
        return f"{self.start[0]}-{self.start[1]:02d}..{self.end[0]}-{self.end[1]:02d}"

    @property
    def months(self) -> int:
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1

    def shift_months(self, n: int) -> Period:
        def move(ym: tuple[int, int]) -> tuple[int, int]:
            k = ym[0] * 12 + ym[1] - 1 + n
            return (k // 12, k % 12 + 1)

        return replace(self, start=move(self.start), end=move(self.end))

    def shift(self, years: int) -> Period:
        return replace(self, start=(self.start[0] + years, self.start[1]), end=(self.end[0] + years, self.end[1]))


def year(y: int) -> Period:
    return Period((y, 1), (y, 12))


def months(y: int, first: int, last: int, end_year: int | None = None) -> Period:
    return Period((y, first), (end_year or y, last))


@dataclass(frozen=True)
class Mention:
    """A period expression found in text.

    ``period`` is set when the text alone fixes it. Otherwise ``relation`` says
    how to get it from context: "last_year", "this_year", "year_earlier",
    "same_span" (same months, ``year`` given), "anaphor" (the period in force),
    "month" (a month of the article's year or the one before), "span_of_year"
    (first N months of the article's year).
    """

    start: int
    end: int
    period: Period | None = None
    relation: str | None = None
    year: int | None = None
    month: int | None = None
    count: int | None = None
    preposition: str | None = None  # word right before: in/for/during/of/than/since...


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _count(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else NUMBER_WORDS[w]


# A fiscal year however it is named: "the current fiscal year", "fiscal 2023", "FY2021-22", "FY24".
_FISCAL_YEAR = (
    rf"(?:the\s+)?(?:current\s+|this\s+|last\s+|previous\s+|same\s+|new\s+)?"
    rf"(?:(?:fiscal|financial)\b(?:\s+year)?(?:\s+{_YEAR}(?:\s*[-/–]\s*(?:\d{{2}}|{_YEAR}))?)?"
    rf"|FY\s?'?(?:{_YEAR}|\d{{2}})(?:\s*[-/–]\s*(?:\d{{2}}|{_YEAR}))?)"
)

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (name, lazyre.compile(rx, re.I))
    for name, rx in [
        # Part of a fiscal year ("the first seven months of FY2021-22", "Q1 FY24"): its months depend on whose
        # calendar, so it is never read as the same part of a calendar year; an explicit month range beside it
        # ("from April to October 2021") says the period.
        (
            "fiscal_part",
            rf"\b(?:the\s+)?(?:(?:first|second|third|fourth|last)\s+(?:half|quarter)|"
            rf"(?:first|last)\s+{_COUNT}\s+months|[HQ][1-4])\s+(?:of\s+)?{_FISCAL_YEAR}",
        ),
        (
            "fiscal",
            rf"\b(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)(?P<y1>{_YEAR})\s*[-/–]\s*(?P<y2>\d{{2}}|{_YEAR})\b",
        ),
        ("fiscal_bare", rf"\b(?P<y1>{_YEAR})\s*[-/–]\s*(?P<y2>\d{{2}})\b(?!\s*(?:{_MONTH}|per|%))"),
        ("fiscal_fy", rf"\bFY\s?(?P<y1>{_YEAR})\b|\bFY\s?'?(?P<yy>\d{{2}})\b(?![-/–]\d)"),
        (
            "fiscal_single",
            rf"\b(?:(?:fiscal|financial)(?:\s+year)?\s+(?P<y1>{_YEAR})|(?P<y2>{_YEAR})\s+(?:fiscal|financial)"
            rf"\s+year)\b(?!\s*[-/–]\s*\d)",
        ),
        (
            "month_range",
            rf"\b(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?{_DASH}(?P<m2>{_MONTH})\s*(?:period\s+)?(?:of\s+|,\s*)?(?P<y2>{_YEAR})?\b",
        ),
        (
            "year_ended",
            rf"\b(?P<fy>(?:fiscal|financial)\s+)?year\s+(?:ended|ending|to|through)\s+(?:(?:the\s+end\s+of|\d{{1,2}})\s+)?(?P<m>{_MONTH})(?:\s+\d{{1,2}},?)?\s+(?P<y>{_YEAR})",
        ),
        (
            "months_to",
            rf"\b(?:the\s+)?(?P<n>{_COUNT})\s+months\s+(?:to|ending|ended|through|until)\s+(?:the\s+end\s+of\s+)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?",
        ),
        ("previous_span", rf"\b(?:the\s+)?(?:previous|preceding|prior)\s+(?P<n>{_COUNT})\s+months\b"),
        (
            "first_quarters",
            rf"\b(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters\s+(?:of\s+)?(?:(?P<y>{_YEAR})|{_REL_YEAR})?",
        ),
        (
            "first_n",
            rf"\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<this>this\s+year|the\s+year|last\s+year|that\s+year|the\s+same\s+year))?",
        ),
        # "a decade ago", "some years earlier": a time too vague to be a period; it stops another being lent
        (
            "vague_past",
            r"\b(?:a|one|two|three)\s+decades?\s+(?:ago|earlier|before)\b|"
            r"\b(?:several|a\s+few|some|many)\s+years\s+(?:ago|earlier|before)\b|"
            r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years\s+ago\b",
        ),
        (
            "years_later",
            r"\b(?P<n>a|one|two|three|four|five|\d)\s+years?\s+later\b|\bthe\s+(?:following|next)\s+year\b",
        ),
        ("month_subject", rf"(?:^|(?<=[;:]\s))(?:in\s+)?(?P<m>{_MONTH})\s+alone\b"),
        (
            "half",
            rf"\b(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})|{_REL_YEAR}))?|\bH(?P<h>[12])\s*(?:of\s+)?(?P<y2>{_YEAR})",
        ),
        (
            "quarter",
            rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth)\s+quarter(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})|{_REL_YEAR}))?|\bQ(?P<q>[1-4])\s*(?:of\s+)?(?P<y2>{_YEAR})",
        ),
        ("month_quarter", rf"\b(?:the\s+)?(?P<m>march|june|september|december)\s+quarter\s+(?:of\s+)?(?P<y>{_YEAR})"),
        (
            "by_month",
            rf"\b(?:by|as\s+of|through|to\s+the\s+end\s+of)\s+(?:the\s+end\s+of\s+)?(?P<m>{_MONTH})"
            rf"(?:\s+(?P<y>{_YEAR}))?\b",
        ),
        ("ytd", r"\b(?:year[\s-]to[\s-]date|so\s+far\s+this\s+year|since\s+the\s+start\s+of\s+the\s+year)\b"),
        (
            "between_months",
            rf"\bbetween\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?\s+and\s+(?P<m2>{_MONTH})\s*(?:(?P<y2>{_YEAR})|{_REL_YEAR})?",
        ),
        (
            "same_span",
            rf"\b(?:in\s+|during\s+|over\s+)?the\s+(?:same|corresponding|comparable)\s+(?:period|months?|two\s+months|quarter|\w+\s+months)\s+(?:(?:of|in|a)\s+)?(?:(?P<y>{_YEAR})|(?P<last>last\s+year|the\s+previous\s+year|(?:a\s+)?year\s+earlier|the\s+year\s+before))",
        ),
        ("month_rel_year", rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<rel>last|this|the\s+previous|the\s+same)\s+year\b"),
        (
            "month_noun",
            rf"\b(?P<m>{MONTH_NAME_RX})\s+(?=(?:trade|exports|imports|turnover|figures?|totals?|sales|shipments|high|low|peak|level|data)\b)",
        ),
        (
            "year_earlier",
            r"\ba\s+year\s+(?:earlier|before|ago)\b|\bthe\s+(?:previous|preceding|prior)\s+(?:(?:fiscal|financial)\s+)?year\b"
            r"|\bthe\s+year\s+before\b",
        ),
        (
            "anaphor",
            rf"\b(?:over|in|during|for)\s+(?:the|those|these|that)\s+(?:same\s+)?(?:(?P<n>{_COUNT})\s+)?(?:months|period|quarter)\b|\bthat\s+year\b|\bthe\s+same\s+year\b|\bthe\s+same\s+(?:{_COUNT}\s+)?months\b|\bat\s+the\s+time\b",
        ),
        ("last_year", r"\blast\s+year(?:'s)?\b|\bthe\s+past\s+year\b"),
        ("last_month_word", r"\blast\s+month(?:'s)?\b|\bthis\s+month(?:'s)?\b"),
        ("this_year", r"\bthis\s+year(?:'s)?\b"),
        ("whole_year", rf"\b(?:the\s+)?(?:whole|full|entire)(?:\s+of|\s+year)?\s+(?P<y>{_YEAR})\b"),
        ("month_year", rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("month_alone", rf"\b(?:in|for|during|of|last)\s+(?P<m>{_MONTH})(?!\s*\d)\b"),
        ("year", rf"\b(?P<y>{_YEAR})\b(?!\s*[-–/]\s*\d)"),
    ]
]

_PREP = lazyre.compile(r"(\w+)\W*$")
_DAY_BEFORE = lazyre.compile(r"\b\d{1,2}\s*$")
_FULL_DATE_BEFORE = lazyre.CaseFolded(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+$|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,\s*$"
)


def _full_date_before(before: str) -> bool:
    """``before`` ends with a day and a month ("12 March ", "March 12, "): the year after it is a date's."""
    rx, subject = _FULL_DATE_BEFORE.on(before)
    if rx is _FULL_DATE_BEFORE.lower and not any(m in subject for m in _MONTH_WORDS):
        return False  # lower-cased ASCII: every month's name holds its three-letter abbreviation
    return rx.search(subject) is not None


# Every pattern needs one of these; most sentences have none and cost one search.
_ANY_PERIOD_RX = (
    r"\d|year|month|quarter|half|period|time|decade|"
    + "|".join(a.lower() for a in MONTH_ABBR)
    + r"|\bh[12]\b|\bq[1-4]\b"  # lower case: see lazyre.CaseFolded
)
_ANY_PERIOD = lazyre.CaseFolded(rf"(?={lazyre.initials(_ANY_PERIOD_RX)})(?:{_ANY_PERIOD_RX})")


# A word (lower case) at least one of which each pattern needs; a pattern whose words are all absent is not
# run. Most sentences name a year or a month and nothing else, so most patterns are skipped.
_MONTH_WORDS = tuple(abbr.lower() for abbr in MONTH_ABBR)
_NEEDS: dict[str, tuple[str, ...]] = {
    "fiscal_part": ("fiscal", "financial", "fy"),
    "fiscal": ("fiscal", "financial", "fy"),
    "fiscal_single": ("fiscal", "financial"),
    "fiscal_bare": ("-", "/", "–"),
    "fiscal_fy": ("fy",),
    "month_range": _MONTH_WORDS,
    "year_ended": ("year",),
    "months_to": ("month",),
    "previous_span": ("month",),
    "first_quarters": ("quarter",),
    "vague_past": ("ago", "earlier", "before"),
    "first_n": ("month",),
    "years_later": ("later", "following", "next"),
    "month_subject": ("alone",),
    "half": ("half", "h1", "h2"),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "month_quarter": ("quarter",),
    "by_month": _MONTH_WORDS,
    "ytd": ("date", "so far", "start of"),
    "between_months": ("between",),
    "same_span": ("same", "corresponding", "comparable"),
    "month_rel_year": _MONTH_WORDS,
    "month_noun": _MONTH_WORDS,
    "year_earlier": ("year",),
    "anaphor": ("month", "period", "quarter", "year", "time"),
    "last_year": ("last", "past"),
    "this_year": ("this",),
    "last_month_word": ("month",),
    "whole_year": ("whole", "full", "entire"),
    "month_year": _MONTH_WORDS,
    "month_alone": _MONTH_WORDS,
}

_NEED_WORDS = frozenset(w for words in _NEEDS.values() for w in words)


def find(text: str) -> list[Mention]:
    """Return the period expressions in ``text``, left to right, not overlapping."""
    rx, subject = _ANY_PERIOD.on(text)
    if not rx.search(subject):
        return []
    low = text.lower()
    present = {w for w in _NEED_WORDS if w in low}  # each word looked for once, not once per pattern
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name, rx in _PATTERNS:
        needs = _NEEDS.get(name)
        if needs is not None and present.isdisjoint(needs):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            mention = _build(name, m, text)
            if mention is None:
                continue
            taken.append((s, e))
            prep = _PREP.search(text[max(0, s - 20) : s])
            found.append(replace(mention, preposition=prep.group(1).lower() if prep else None))
    return sorted(found, key=lambda x: x.start)


def _build(name: str, m: re.Match, text: str) -> Mention | None:
    s, e = m.span()
    g = m.groupdict()
    if name in ("fiscal_part", "vague_past"):
        return Mention(s, e, relation=name)
    if name == "last_month_word":  # "last month": the month before the article's; "this month" is not over
        return Mention(s, e, relation="month_back", count=1 if m.group(0).lower().startswith("last") else 0)
    if name in ("fiscal", "fiscal_bare"):
        y1, y2 = int(g["y1"]), int(g["y2"][-2:])
        if (y1 + 1) % 100 != y2:
            return None
        if name == "fiscal_bare" and _DAY_BEFORE.search(text[:s]):
            return None
        return Mention(s, e, period=Period((y1, 4), (y1 + 1, 3), fiscal=True))
    if name in ("fiscal_fy", "fiscal_single"):
        if name == "fiscal_single":
            y = int(g["y1"] or g["y2"])
        else:
            y = int(g["y1"]) if g["y1"] else 2000 + int(g["yy"])  # "FY23": the fiscal year that ends in 2023
        return Mention(s, e, period=Period((y - 1, 4), (y, 3), fiscal=True, single=True))
    if name == "month_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if "and" in m.group(0).lower().split() and m2 != m1 + 1:
            return None  # "in May and September": two months, not a range
        if not g["y2"]:
            return Mention(s, e, relation="month_range", month=m1, count=m2)
        last_year = int(g["y2"])
        first_year = int(g["y1"]) if g["y1"] else (last_year - 1 if m1 > m2 else last_year)
        return Mention(s, e, period=months(first_year, m1, m2, last_year))
    if name == "month_rel_year":
        rel = g["rel"].lower()
        if rel.startswith("the same"):
            return None
        return Mention(
            s,
            e,
            relation="months_of_year",
            month=_month(g["m"]),
            count=_month(g["m"]),
            year=1 if rel.startswith(("last", "the previous")) else 0,
        )
    if name == "month_noun":
        return Mention(s, e, relation="month", month=_month(g["m"]))
    if name == "between_months":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if g["y2"]:
            y2 = int(g["y2"])
            y1 = int(g["y1"]) if g["y1"] else (y2 - 1 if m1 > m2 else y2)
            return Mention(s, e, period=months(y1, m1, m2, y2))
        if g["rel"] and m1 <= m2:
            back = 1 if re.search(r"last|previous", g["rel"], re.I) else 0
            return Mention(s, e, relation="months_of_year", month=m1, count=m2, year=back)
        return Mention(s, e, relation="month_range", month=m1, count=m2)
    if name == "year_ended":
        last, end_y = _month(g["m"]), int(g["y"])
        first = (end_y * 12 + last - 1) - 11
        begin = (first // 12, first % 12 + 1)
        if g["fy"]:
            return Mention(s, e, period=Period(begin, (end_y, last), fiscal=True))
        return Mention(s, e, period=Period(begin, (end_y, last), partial=last != 12))
    if name == "months_to":
        n, last = _count(g["n"]), _month(g["m"])
        if not 1 <= n <= 24:
            return None
        if not g["y"]:
            return Mention(s, e, relation="months_to", month=last, count=n)
        end_y = int(g["y"])
        first = (end_y * 12 + last - 1) - (n - 1)
        return Mention(s, e, period=Period((first // 12, first % 12 + 1), (end_y, last), partial=True))
    if name == "previous_span":
        return Mention(s, e, relation="previous_span", count=_count(g["n"]))
    if name == "first_quarters":
        n = {"two": 2, "three": 3}.get(g["n"].lower(), None) or int(g["n"])
        if g["y"]:
            return Mention(s, e, period=months(int(g["y"]), 1, 3 * n))
        rel = (g["rel"] or "").lower()
        return (
            Mention(
                s, e, relation="last_year_span" if "last" in rel or "previous" in rel else "span_of_year", count=3 * n
            )
            if rel
            else None
        )
    if name == "month_quarter":
        last = _month(g["m"])
        return Mention(s, e, period=months(int(g["y"]), last - 2, last))
    if name == "by_month":
        if not g["y"]:  # "by September": January to September of the year the article speaks from
            return Mention(s, e, relation="months_to", month=_month(g["m"]), count=_month(g["m"]))
        return Mention(s, e, period=months(int(g["y"]), 1, _month(g["m"])))
    if name == "ytd":
        return Mention(s, e, relation="ytd")
    if name == "first_n":
        n = _count(g["n"])
        if not 1 <= n <= 12:
            return None
        if g["y"]:
            return Mention(s, e, period=months(int(g["y"]), 1, n))
        rel = (g["this"] or "").lower()
        if rel.startswith(("that", "the same")):
            return Mention(s, e, relation="span_of_that_year", count=n)
        return Mention(s, e, relation="last_year_span" if rel.startswith("last") else "span_of_year", count=n)
    if name == "years_later":
        n = g["n"]
        return Mention(s, e, relation="years_later", count=1 if not n or n.lower() in ("a", "one") else _count(n))
    if name == "month_subject":
        return Mention(m.start("m"), e, relation="month", month=_month(g["m"]))
    if name == "half":
        first = (g["ord"] or "").lower() == "first" or g["h"] == "1"
        lo, hi = (1, 6) if first else (7, 12)
        if not (g["y"] or g["y2"]):
            return _relative_span(s, e, g["rel"], lo, hi) or (
                Mention(s, e, relation="month_range", month=lo, count=hi) if g["ord"] else None
            )
        return Mention(s, e, period=months(int(g["y"] or g["y2"]), lo, hi))
    if name == "quarter":
        q = ORDINALS[g["ord"].lower()] if g["ord"] else int(g["q"])
        if not (g["y"] or g["y2"]):
            return _relative_span(s, e, g["rel"], 3 * q - 2, 3 * q) or (
                Mention(s, e, relation="month_range", month=3 * q - 2, count=3 * q) if g["ord"] else None
            )
        return Mention(s, e, period=months(int(g["y"] or g["y2"]), 3 * q - 2, 3 * q))
    if name == "same_span":
        if g["y"]:
            return Mention(s, e, relation="same_span", year=int(g["y"]))
        return Mention(s, e, relation="year_earlier")
    if name == "anaphor" and g.get("n"):
        return Mention(s, e, relation=name, count=_count(g["n"]))
    if name in ("year_earlier", "anaphor", "last_year", "this_year"):
        return Mention(s, e, relation=name)
    if name == "whole_year":
        return Mention(s, e, period=year(int(g["y"])))
    if name == "month_year":
        y, mo = int(g["y"]), _month(g["m"])
        if _DAY_BEFORE.search(text[:s]):
            return None  # "9 November 1991" is a date, not a trade period
        return Mention(s, e, period=months(y, mo, mo))
    if name == "month_alone":
        word = g["m"]
        if word.lower().rstrip(".") in ("may", "mar") and word[0].islower():
            return None  # the verb "may", "mar"
        if word[0].islower():
            return None
        start = m.start("m")
        last = m.group(0).lower().startswith("last")
        return Mention(start, e, relation="last_month" if last else "month", month=_month(word))
    if name == "year":
        if _full_date_before(text[:s]):
            return None  # the year of a full date
        return Mention(s, e, period=year(int(g["y"])))
    return None


def _relative_span(s: int, e: int, rel: str | None, first: int, last: int) -> Mention | None:
    """ "the first half of this year", "the second quarter of last year": months of a year the date fixes."""
    if not rel:
        return None
    back = 1 if re.search(r"last|previous", rel, re.I) else 0
    return Mention(s, e, relation="months_of_year", month=first, count=last, year=back)


def resolve(mention: Mention, doc_date: str | None, current: Period | None) -> Period | None:
    """Turn a mention into a period, given the article's date and the period in force."""
    if mention.period is not None:
        return mention.period
    rel = mention.relation
    # The numbers a relation carries (unset ones are never read by that relation).
    month, count, back = mention.month or 0, mention.count or 0, mention.year or 0
    if rel in ("years_later", "span_of_that_year", "previous_span", "same_span", "year_earlier", "anaphor"):
        return _against(rel, mention, current)
    if not doc_date:
        return None  # everything below counts from the article's date
    doc_year, doc_month = int(doc_date[:4]), int(doc_date[5:7])
    if rel == "last_year":
        return year(doc_year - 1)
    if rel == "this_year":
        if current is not None and not current.full_year and current.start[0] == current.end[0]:
            return months(doc_year, current.start[1], current.end[1])
        return year(doc_year)
    if rel == "months_of_year":
        return months(doc_year - back, month, count)
    if rel == "months_to":
        end_y = doc_year if month <= doc_month else doc_year - 1
        first = (end_y * 12 + month - 1) - (count - 1)
        return Period((first // 12, first % 12 + 1), (end_y, month), partial=True)
    if rel == "ytd":
        return months(doc_year, 1, doc_month - 1) if doc_month > 1 else None
    if rel == "span_of_year":
        return months(doc_year, 1, count)
    if rel == "last_year_span":
        return months(doc_year - 1, 1, count)
    if rel == "month_back":
        if not mention.count:
            return None  # "this month" is still running: no figure for it yet
        k = doc_year * 12 + doc_month - 1 - mention.count
        return months(k // 12, k % 12 + 1, k % 12 + 1)
    if rel in ("month", "last_month"):
        y = doc_year if month <= doc_month and rel == "month" else doc_year - 1
        if rel == "last_month" and month < doc_month:
            y = doc_year
        return months(y, month, month)
    if rel == "month_range":
        # "in the first quarter" in a March article is last year's: a span still running has no figures yet.
        # "July to March" runs over a new year: it ends in the later year.
        end_y = doc_year if count < doc_month else doc_year - 1
        return months(end_y - 1 if month > count else end_y, month, count, end_y)
    return None


def _against(rel: str | None, mention: Mention, current: Period | None) -> Period | None:
    """The relations counted from the period in force rather than from the article's date."""
    count = mention.count or 0
    if rel == "same_span" and mention.year is not None:
        return year(mention.year) if current is None else current.shift(mention.year - current.end[0])
    if current is None:
        return None
    if rel == "years_later":
        return current.shift(count) if current.full_year else None
    if rel == "span_of_that_year":
        return months(current.end[0], 1, count)
    if rel == "previous_span":
        return current.shift_months(-count) if current.months == count else None
    if rel == "year_earlier":
        return current.shift(-1)
    if rel == "anaphor":
        return current
    return None


# --------------------------------------------------------------------------- period strings
# The form periods take in rows and exports: "2021", "2017-18", "2021-01..2021-11".

_KEY_YEAR = lazyre.compile(r"^(\d{4})$")
_KEY_FISCAL = lazyre.compile(r"^(\d{4})-(\d{2}|\d{4})$")
_KEY_MONTHS = lazyre.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
ORDER_FISCAL_START = 4  # only for ordering: most non-calendar fiscal years start in April


def period_bounds(period: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return ((year, month), (year, month)) for the first and last month of a period, or None.

    Fiscal years ("2017-18") are placed from April to March for ordering only;
    the label never claims a month for them.
    """
    if m := _KEY_YEAR.match(period):
        y = int(m.group(1))
        return (y, 1), (y, 12)
    if m := _KEY_FISCAL.match(period):
        y = int(m.group(1))
        return (y, ORDER_FISCAL_START), (y + 1, ORDER_FISCAL_START - 1)
    if m := _KEY_MONTHS.match(period):
        y1, m1, y2, m2 = map(int, m.groups())
        return (y1, m1), (y2, m2)
    return None


def period_kind(period: str) -> str:
    """Return "year", "fiscal", "partial" or "other"."""
    if _KEY_YEAR.match(period):
        return "year"
    if _KEY_FISCAL.match(period):
        return "fiscal"
    if _KEY_MONTHS.match(period):
        return "partial"
    return "other"


def period_key(period: str) -> tuple:
    """Sort key: by first month, then last month; unknown forms last, by text."""
    bounds = period_bounds(period)
    return (0, bounds, period) if bounds else (1, (), period)
