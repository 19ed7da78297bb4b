"""When a source was published: date lines in its text, dates in its metadata, relative phrases.

A source's date comes from the first of: front matter, the file's own metadata,
a wire dateline, a date line near the top of the text ("Published: 14 March
2023", "March 14, 2023 | 10:42", "14.03.2023"). Nothing here guesses: a date
that could be read two ways ("03/04/2023") is no date. Standard library only.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import briefing.extract.lazyre as lazyre  # the module alone: the extract package imports this file
from briefing.months import MONTH_RX, MONTHS

DATE_SOURCES = ("front matter", "metadata", "dateline", "text", "none")

_MONTH = MONTH_RX
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DATE = lazyre.compile(
    rf"{_WEEKDAY}(?:(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d)"
    rf"|(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>\d{{4}})"
    rf"|(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>\d{{4}}))(?![\d/.-]\d)",
    re.IGNORECASE,
)
_LABEL = lazyre.compile(
    r"^(?:(?:first\s+|last\s+)?(?P<label>published|updated|posted|modified|released|issued|dated?)"
    r"(?:\s+(?:on|at))?\s*[:\-\u2013\u2014]?\s*)",
    re.IGNORECASE,
)
_TIME = lazyre.compile(
    r"\b(?:at\s+)?[0-2]?\d[:.h][0-5]\d(?:[:.][0-5]\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?-i:[A-Z]{2,5})(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?)?",
    re.IGNORECASE,
)
_FILLER = lazyre.compile(r"[\s|\u00b7\u2022,;:()\[\]\u2013\u2014-]+")
_HEAD_LINES = 8  # a date line sits near the top: among the first lines before the prose
_MAX_LINE = 90


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day(text: str) -> int:
    """The day number of "25", "25th", "1st"."""
    return int(re.sub(r"\D.*", "", text))


def read_date(m: re.Match) -> str | None:
    """The ISO date of a ``_DATE`` match; None when it is impossible or ambiguous (03/04/2023)."""
    g = m.groupdict()
    if g["y1"]:
        return _iso(int(g["y1"]), MONTHS[g["m1"].lower()], _day(g["d1"]))
    if g["y2"]:
        return _iso(int(g["y2"]), MONTHS[g["m2"].lower()], _day(g["d2"]))
    if g["y3"]:
        return _iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    if g["y4"]:
        return _iso(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    a, b, y = int(g["a5"]), int(g["b5"]), int(g["y5"])
    if a > 12 >= b:
        return _iso(y, b, a)
    if b > 12 >= a:
        return _iso(y, a, b)
    return None


def date_in_line(line: str) -> tuple[str, str] | None:
    """Return (ISO date, label) when a line is a date line and nothing else; else None.

    A date line is short and holds a date, maybe a label ("Published:",
    "Updated"), a time and separators: "Published: 14 March 2023",
    "March 14, 2023 | 10:42", "Updated 15.03.2023 at 09:10 GMT". A headline
    that mentions a date is not one.
    """
    line = line.strip()
    if not line or len(line) > _MAX_LINE:
        return None
    label = _LABEL.match(line)
    rest = line[label.end() :] if label else line
    m = _DATE.search(rest)
    if not m:
        return None
    iso = read_date(m)
    if iso is None:
        return None
    left = _TIME.sub(" ", rest[: m.start()] + " " + rest[m.end() :])
    if _FILLER.sub("", left):
        return None
    return iso, (label.group("label").lower() if label else "")


def is_prose(line: str) -> bool:
    return bool(re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*$", line.strip())) and len(line.split()) > 3


def text_date(lines: list[str]) -> tuple[str | None, int]:
    """Return (ISO date, line index) of the date line among the first lines of a text, or (None, -1).

    Only the lines before the first prose paragraph count (headline, byline,
    date), at most ``_HEAD_LINES`` of them. A "Published" date wins over an
    "Updated" one: the brief cites when a source was published.
    """
    found: list[tuple[int, str, str]] = []
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        hit = date_in_line(line)
        if hit:
            found.append((i, *hit))
        elif is_prose(line):
            break
        seen += 1
        if seen >= _HEAD_LINES:
            break
    if not found:
        return None, -1
    best = min(found, key=lambda f: (f[2] in ("updated", "modified"), f[0]))
    return best[1], best[0]


# Timestamps that tools write instead of a real one: python-docx's default template, and the
# fixed dates of reproducible builds (reportlab's invariant mode, SOURCE_DATE_EPOCH=0).
_PLACEHOLDERS = ("2013-12-23T23:15", "1970-01-01T00:00", "1980-01-01T00:00", "2000-01-01T00:00")


def is_placeholder(value) -> bool:
    """Tell a tool's stand-in timestamp (a datetime, or a PDF "D:20000101000000" string) from a real date."""
    if isinstance(value, datetime):
        stamp = value.isoformat()
    else:
        m = re.match(r"^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})", str(value or ""))
        stamp = f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}" if m else ""
    return stamp[:16] in _PLACEHOLDERS


def parse_date_value(value) -> str | None:
    """An ISO date from a metadata value: a date, a datetime, "2023-03-14T10:42", "D:20230314...", "14 March 2023"."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = re.match(r"^D:(\d{4})(\d{2})(\d{2})", text)  # PDF date string
    if m:
        return _iso(*map(int, m.groups()))
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])", text)
    if m:
        return _iso(*map(int, m.groups()))
    m = _DATE.search(text)
    return read_date(m) if m and len(text) <= _MAX_LINE else None


# --------------------------------------------------------------------------- relative phrases

_RELATIVE = lazyre.compile(
    r"\b(?:(?:last|this|next|previous|past|current|coming)\s+(?:year|month|week|quarter|decade|spring|summer|"
    r"autumn|fall|winter|financial\s+year|fiscal\s+year)"
    r"|yesterday|today|tomorrow|so\s+far\s+this|year[-\s]to[-\s]date|a\s+year\s+(?:ago|earlier|before)"
    r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+(?:years?|months?|weeks?|days?)\s+ago"
    r"|(?:on|last|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)


def relative_phrases(text: str) -> list[str]:
    """The phrases that only a publication date can resolve ("last year", "yesterday"), as written."""
    return [m.group(0) for m in _RELATIVE.finditer(text)]
