"""Decode seed text and read its layout: datelines, paragraphs, captions.

Everything here except ``find_seeds`` is a pure function of its input;
``briefing.readers.read_source`` uses it to turn a file of any format into a ``Source``.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.months import MONTH_RX, MONTHS
from briefing.seedfiles import SEED_SUFFIXES, find_seeds  # noqa: F401 (re-exported)

# --------------------------------------------------------------------------- finding: see briefing.seedfiles


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _utf16_parity(data: bytes) -> str | None:
    """The codec of UTF-16 saved without a byte order mark, else None.

    Spaces, digits and Latin letters put a NUL in every other byte: zeros
    crowded on one parity mean UTF-16 (odd: little-endian), not binary data.
    """
    zeros = data.count(0)
    if len(data) < 8 or len(data) % 2 or zeros < len(data) * 0.05:
        return None
    odd = data[1::2].count(0)
    if odd >= 0.95 * zeros:
        return "utf-16-le"
    if zeros - odd >= 0.95 * zeros:
        return "utf-16-be"
    return None


def stray_nuls(data: bytes) -> int:
    """How many NUL bytes ``decode`` drops from a text file (a few, in a file that is not UTF-16/32)."""
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_parity(data):
        return 0
    zeros = data.count(0)
    if not zeros or zeros > len(data) // 100 + 1:
        return 0
    return 0 if _looks_binary(data.replace(b"\x00", b"")) else zeros


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not a text file."""
    if b"\x00" in data:
        return True
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


# When several code pages read the bytes equally well, the most widespread wins.
_PREFERRED = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1254",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1256",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
)


# Code pages in use for today's text; DOS pages only when nothing else fits.
_MODERN = ("cp125", "iso8859", "latin", "koi8", "mac_", "gb", "big5", "shift_jis", "euc", "cp93", "cp94", "utf")


def _guess_decode(data: bytes) -> str:
    """Decode non-UTF-8 bytes with the most plausible legacy code page."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise ValueError("not a text file (no plausible encoding)")
    modern = [r for r in results if r.encoding.startswith(_MODERN)]
    results = modern or results
    chaos = min(r.chaos for r in results)
    calm = [r for r in results if r.chaos <= chaos + 0.01]
    coherence = max(r.coherence for r in calm)
    good = [r for r in calm if r.coherence >= coherence - 0.1]
    rank = {name: i for i, name in enumerate(_PREFERRED)}
    best = min(good, key=lambda r: rank.get(r.encoding, len(rank)))
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes (a bad copy, a cut-off file), bad bytes as U+FFFD; else None.

    Legacy code pages almost never form valid multi-byte UTF-8 sequences, so
    many of them and few errors mean UTF-8; one bad byte must not cost the article.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    return text if good >= 20 * bad else None


def normalize_text(text: str) -> str:
    """Unify line ends, compose accents, make odd spaces plain, drop zero-width marks and controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return _STRAY_CONTROL.sub("", text)  # terminal escapes, bells: never prose, and invalid in XML


def decode(data: bytes) -> str:
    """Return the text of a seed file, whatever its encoding.

    UTF-8 (with or without BOM), UTF-16/32 with BOM and UTF-16 without one
    (see ``_utf16_parity``) are read directly; a few stray NUL bytes are
    dropped; anything else is guessed by charset-normalizer. Raises ValueError with a
    short reason for empty or binary data.
    """
    if not data.strip():
        raise ValueError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {codec} text") from exc
            break
    else:
        utf16 = _utf16_parity(data)
        if utf16:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError as exc:
                raise ValueError("binary data, not text") from exc
            return _checked(text)
        if stray_nuls(data):
            data = data.replace(b"\x00", b"")  # one stray NUL must not cost the article (read_source warns)
        if _looks_binary(data):
            raise ValueError("binary data, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or _guess_decode(data)
    return _checked(text)


def _checked(text: str) -> str:
    """Refuse decoded text that is mostly control characters; normalise the rest."""
    if _CONTROL.search(text[:4096]) and len(_CONTROL.findall(text[:4096])) > len(text[:4096]) * 0.05:
        raise ValueError("binary data, not text")
    text = normalize_text(text)
    if not text.strip():
        raise ValueError("empty file")
    return text


# --------------------------------------------------------------------------- dateline

_MONTH = MONTH_RX
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"\d{4}"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE = (
    rf"(?:{_WEEKDAY}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>{_YEAR})"
    rf"|{_WEEKDAY}(?P<m2>{_MONTH})\.?\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
)
_PLACE = r"[^\W\d_][^,:;()\[\]\d\n/]{0,40}?"
_DATELINE = re.compile(
    rf"^\s*(?P<places>{_PLACE}(?:\s*/\s*{_PLACE}){{0,3}})"
    rf"(?:\s*,\s*(?P<date>{_DATE}))?"
    rf"(?:\s*\((?P<agency>[^()\n]{{1,80}})\))?"
    rf"\s*(?P<sep>:|--|-|\u2013|\u2014|\.(?=\s)|$)",
    re.IGNORECASE,
)
_HEAD = 200  # a dateline is short: only the start of the paragraph is searched
DATELINE_YEARS = (1800, 2199)  # an article date outside these years is a typo, not a date


def _place(name: str) -> str:
    """Title-case a place written in capitals; keep any other spelling as written."""
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def _dateline_date(m: re.Match) -> str | None:
    """Return the ISO date of a dateline match, or None if it is not a real date."""
    if not m.group("date"):
        return None
    if m.group("y3"):
        y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
    else:
        i = "1" if m.group("y1") else "2"
        y = int(m.group("y" + i))
        mo = MONTHS[m.group("m" + i).lower().rstrip(".")]
        d = int(re.sub(r"\D.*", "", m.group("d" + i)))
    if not DATELINE_YEARS[0] <= y <= DATELINE_YEARS[1]:
        return None  # "25 June 0022": a typo, and relative dates counted from it would be nonsense
    try:
        from datetime import date

        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def parse_dateline(first_paragraph: str) -> tuple[tuple[str, ...], str | None, str | None, str]:
    """Split a wire dateline ("Moscow/Minsk, 25 June 2022 (TDI): ...") from its text.

    Returns (places, ISO date, agency, rest). A dateline needs a date or an
    agency, or a place written in capitals; otherwise ((), None, None, text).
    """
    m = _DATELINE.match(first_paragraph[:_HEAD])
    if m:
        places = tuple(_place(p) for p in m.group("places").split("/") if p.strip())
        date_iso = _dateline_date(m)
        agency = m.group("agency").strip() if m.group("agency") else None
        words_ok = all(len(p.split()) <= 4 for p in places)
        capitals = all(p.isupper() for p in m.group("places").split("/"))
        # "Nairobi, Tuesday, 14 May 2024. Exports ..." or the dateline alone on its line: only with a date
        full_stop = m.group("sep") in (".", "")
        if words_ok and (date_iso or (not full_stop and (agency or (capitals and m.group("sep") != ":")))):
            return places, date_iso, agency, first_paragraph[m.end() :].strip()
    return (), None, None, first_paragraph


# --------------------------------------------------------------------------- markdown

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|`)")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")


def strip_markdown(line: str) -> tuple[str, bool]:
    """Return a Markdown line as plain text and whether it was a heading or list item."""
    if _MD_RULE.match(line):
        return "", True
    marked = bool(_MD_HEADING.match(line) or _MD_BULLET.match(line))
    line = _MD_HEADING.sub("", line)
    line = _MD_BULLET.sub("", line)
    line = _MD_QUOTE.sub("", line)
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub("", line)
    return line.strip().rstrip("#").strip() if marked else line.strip(), marked


# --------------------------------------------------------------------------- paragraphs

_PROSE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]\u00bb\u300d\u300f\uff09]*$")  # 。！？ too
_LOWER_START = re.compile(r"^[a-z0-9(\"'\u201c\u2018,;:\u2013\u2014-]")


def is_prose(line: str) -> bool:
    """A line is prose when it ends like a sentence (punctuation, maybe a closing quote)."""
    return bool(_PROSE_END.search(line.strip()))


_SENTENCE_INSIDE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*\s+\S|[\u3002\uff01\uff1f]\S")
_LONG_WORDS = 40  # no heading or caption runs this long


def is_cut_prose(text: str) -> bool:
    """A long paragraph with sentences whose final full stop is missing (a cut-off paste).

    Dropping it as a heading would lose the whole paragraph.
    """
    return bool(_SENTENCE_INSIDE.search(text)) and len(text.split()) >= _LONG_WORDS


def _squash(line: str) -> str:
    return " ".join(line.lower().split())


def is_repeat(a: str, b: str) -> bool:
    """Two neighbouring lines are copies (captions) if equal or one contains the other."""
    a, b = _squash(a), _squash(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 12 and len(short) >= 0.5 * len(long_)


def _mark_repeats(lines: list[str]) -> set[int]:
    """Return indexes of non-blank lines that repeat their non-blank neighbour."""
    idx = [i for i, line in enumerate(lines) if line.strip()]
    hit: set[int] = set()
    for a, b in zip(idx, idx[1:]):
        if b - a <= 2 and is_repeat(lines[a], lines[b]):
            hit.update((a, b))
    return hit


def _joins_next(line: str, nxt: str, width: int) -> bool:
    """Tell a hard-wrapped line (continued below) from a line standing alone."""
    if is_prose(line):
        return False
    if _LOWER_START.match(nxt.strip()):
        return True
    return len(line) >= 40 and len(line) >= 0.75 * width


def _block_paragraphs(block: list[str]) -> tuple[list[str], list[str]]:
    """Join the wrapped lines of one blank-line block; return (paragraphs, dropped lines)."""
    width = max(len(line) for line in block)
    paras: list[str] = []
    dropped: list[str] = []
    current: list[str] = []
    for i, line in enumerate(block):
        current.append(line.strip())
        nxt = block[i + 1] if i + 1 < len(block) else None
        if nxt is not None and _joins_next(line.strip(), nxt, width):
            continue
        text = " ".join(current)
        (paras if is_prose(text) or is_cut_prose(text) else dropped).append(text)
        current = []
    return paras, dropped


def split_paragraphs(text: str, markdown: bool = False) -> tuple[list[str], list[str]]:
    """Return (prose paragraphs, dropped lines) of a decoded text.

    Blank lines separate paragraphs; wrapped lines are joined; captions
    (repeated lines) and lines that do not end like a sentence are dropped.
    """
    lines, dropped = [], []
    for raw in text.split("\n"):
        if markdown:
            plain, marked = strip_markdown(raw)
            if marked and plain and not is_prose(plain):
                dropped.append(plain)
                plain = ""
            lines.append(plain)
        else:
            lines.append(raw.strip())
    repeats = _mark_repeats(lines)
    dropped += [lines[i] for i in sorted(repeats)]
    paras, block = [], []
    for i, line in enumerate(lines + [""]):
        if line and i not in repeats:
            block.append(line)
            continue
        if block:
            p, d = _block_paragraphs(block)
            paras += p
            dropped += d
            block = []
    return paras, dropped


def find_dateline(lines: list[str], markdown: bool) -> tuple[int, tuple]:
    """Return (line index, parsed dateline) of the dateline among the first lines, or (-1, ())."""
    seen = 0
    for i, line in enumerate(lines):
        plain, marked = strip_markdown(line) if markdown else (line.strip(), False)
        if not plain:
            continue
        parsed = parse_dateline(plain)
        if parsed[0] and not marked:
            return i, parsed
        seen += 1
        if is_prose(plain) or seen >= 3:
            break
    return -1, ((), None, None, "")
