"""PDF files: the text layer via pypdf, in the order the producer wrote it, laid out again as paragraphs.

Each text run comes with its position, so lines are rebuilt, a paragraph
ends at a wider gap, a change of size or a new column, and the running
headers, footers and page numbers in the top and bottom margins are dropped
(a margin line that repeats on other pages, is set smaller than the text, or
is only a page number).
A word hyphenated at a line end is joined again. pypdf refuses streams that
decompress beyond its limits; a page-count limit guards against the rest of
a PDF bomb.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from briefing.readers.document import Decoded, Meta, UnreadableSource

MAX_PAGES = 1000
MAX_CHARS = 5_000_000
MARGIN = 0.08  # the top and bottom 8% of a page hold running heads and page numbers
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013\u2014 ]*#+[-\u2013\u2014 ]*(?:(?:of|/)\s*#+)?$", re.IGNORECASE)
_BAD_TITLE = re.compile(r"^(?:untitled|\(?anonymous\)?|microsoft word\b.*|.*\.(?:docx?|pdf|indd))$", re.IGNORECASE)


@dataclass
class _Line:
    x: float
    y: float
    size: float
    text: str


def _page_lines(page) -> list[_Line]:
    """The page's text lines in stream order, each with its start position and font size."""
    lines: list[_Line] = []
    current: list = []

    def flush():
        if current:
            text = "".join(t for _, _, _, t in current)
            if text.strip():
                x, y, size, _ = current[0]
                lines.append(_Line(x, y, size, " ".join(text.split())))
            current.clear()

    broken = [False]  # the last run ended with a line break: a run on the same baseline is the next word

    def visit(text, cm, tm, font_dict, font_size):
        if not text:
            return
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        size = abs(font_size * (tm[3] or 1) * (cm[3] or 1)) or font_size
        if current and abs(current[-1][1] - y) > 2:
            flush()
        elif current and broken[0]:  # word by word, each in its own text object (common in office PDFs)
            current.append((x, y, size, " "))
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if 0 < i < len(parts) - 1 or (i and part):  # a break inside the run is a new line
                flush()
            if part:
                current.append((x, y, size, part))
        broken[0] = text.endswith("\n")

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _margin_lines(pages: list[list[_Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line) indexes of running headers, footers and page numbers."""
    sizes = sorted(line.size for lines in pages for line in lines)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    in_margin, small = {}, set()
    for p, (lines, h) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            if line.y > h * (1 - MARGIN) or line.y < h * MARGIN:
                in_margin[(p, i)] = _key(line.text)
                if line.size < body - 0.5:  # running heads are set smaller than the text
                    small.add((p, i))
    pages_of: dict[str, set] = {}
    for (p, _), key in in_margin.items():
        pages_of.setdefault(key, set()).add(p)
    return {at for at, key in in_margin.items() if _PAGE_NUMBER.match(key) or len(pages_of[key]) >= 2 or at in small}


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph; a word hyphenated at a line end is whole again.

    "trans-" + "port" gives "transport"; a compound stays one ("search-and-" +
    "rescue" gives "search-and-rescue"), and so does "Franco-" + "German".
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
            continue
        m = re.search(r"(\S*)-$", out)
        if m and line and m.group(1)[-1:].isalpha():
            head = m.group(1)
            if line[0].islower() and "-" not in head:
                out = out[:-1] + line
            else:
                out += line
        else:
            out += " " + line
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[float, str]]:
    """Group a page's body lines into (font size, paragraph text)."""
    gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:]) if a.size == b.size and 0 < a.y - b.y < 3 * a.size)
    leading = gaps[len(gaps) // 2] if gaps else 14.0
    paras: list[tuple[float, list[str]]] = []
    prev = None
    for line in lines:
        new = (
            prev is None
            or line.size != prev.size
            or line.y >= prev.y
            or prev.y - line.y > 1.4 * leading
            or abs(line.x - prev.x) > 3 * line.size
        )
        if new:
            paras.append((line.size, [line.text]))
        else:
            paras[-1][1].append(line.text)
        prev = line
    return [(size, join_lines(texts)) for size, texts in paras]


def _damaged() -> tuple[type[BaseException], ...]:
    """What pypdf raises on a truncated or malformed file: the file is skipped, the build goes on."""
    from pypdf.errors import PyPdfError

    return (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        ZeroDivisionError,
        NotImplementedError,
    )


def _open(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise UnreadableSource(f"encrypted PDF this installation cannot open ({exc})") from None
            if not ok:
                raise UnreadableSource("encrypted PDF with a password: skipped (save it without one)")
        count = len(reader.pages)
    except UnreadableSource:
        raise
    except FileNotDecryptedError:
        raise UnreadableSource("encrypted PDF with a password: skipped (save it without one)") from None
    except _damaged() as exc:
        raise UnreadableSource(f"damaged PDF, cannot be read (truncated?): {type(exc).__name__}") from None
    if count == 0:
        raise UnreadableSource("damaged PDF, cannot be read (no pages; truncated?)")
    if count > MAX_PAGES:
        raise UnreadableSource(f"{count} pages, more than the {MAX_PAGES}-page limit (a PDF bomb?)")
    return reader


def _metadata(reader) -> tuple[str | None, str | None, str | None]:
    """(title, author, ISO date) from the document information; junk titles are dropped."""
    from briefing.dating import is_placeholder, parse_date_value

    try:
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip() or None
        author = str(info.get("/Author") or "").strip() or None
        raw = str(info.get("/CreationDate") or "")
        date = None if is_placeholder(raw) else parse_date_value(raw)
    except Exception:  # a damaged info dictionary costs only the metadata
        return None, None, None
    if title and _BAD_TITLE.match(title):
        title = None
    return title, author, date


def decode_document(data: bytes, fmt: str = "pdf") -> Decoded:
    import logging

    from pypdf.errors import LimitReachedError

    from briefing.readers import language

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on damaged files would repeat our one line
    reader = _open(data)
    pages, heights = [], []
    chars = 0
    try:
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()  # raises past pypdf's decompression limits, which extract_text would swallow
            lines = _page_lines(page)
            pages.append(lines)
            heights.append(float(page.mediabox.height))
            chars += sum(len(line.text) for line in lines)
            if chars > MAX_CHARS:
                raise UnreadableSource(f"more than {MAX_CHARS:,} characters of text (a PDF bomb?)")
    except LimitReachedError:
        raise UnreadableSource("a stream too large to decompress (a PDF bomb?)") from None
    except UnreadableSource:
        raise
    except _damaged() as exc:
        raise UnreadableSource(f"damaged PDF, cannot be read (truncated?): {type(exc).__name__}") from None
    if not chars:
        raise UnreadableSource("no text layer: scanned image?")
    drop = _margin_lines(pages, heights)
    paras_by_page = [
        _paragraphs([line for i, line in enumerate(lines) if (p, i) not in drop]) for p, lines in enumerate(pages)
    ]
    title, author, date = _metadata(reader)
    if title is None and paras_by_page[0]:
        sizes = [size for size, _ in paras_by_page[0]]
        big = max(sizes)
        if big > sorted(sizes)[len(sizes) // 2]:  # the first page's largest type, when it stands out
            title = next(text for size, text in paras_by_page[0] if size == big)
    text = "\n\n".join(text for paras in paras_by_page for _, text in paras)
    lang = language.check(None, text)
    return Decoded(
        text=text,
        format=fmt,
        meta=Meta(title=title, author=author, language=lang, date=date, date_source="metadata" if date else "none"),
    )
