"""The decoded document every reader returns, and the one pipeline that turns it into a ``Source``."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model import Source


class UnreadableSource(ValueError):
    """A seed that cannot be read; the message is the one-line reason the build prints."""


@dataclass(frozen=True)
class Meta:
    """What a file says about itself (front matter, page or file metadata); every field may be missing."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    date: str | None = None  # ISO date
    date_source: str = "none"  # "front matter" or "metadata" when ``date`` is set


@dataclass(frozen=True)
class Decoded:
    """A seed file as plain text: blank lines between paragraphs (Markdown kept for .md)."""

    text: str
    format: str  # text, markdown, html, pdf, docx
    meta: Meta = field(default_factory=Meta)


def _clean(value) -> str | None:
    """A metadata value as one tidy line, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def to_source(name: str, sha256: str, doc: Decoded) -> Source:
    """Dateline, date line and paragraphs of a decoded document: the same for every format.

    The date is the first of: the document's metadata (front matter or the
    file's own), a wire dateline, a date line near the top of the text.
    """
    from briefing import dating
    from briefing.sources import find_dateline, parse_dateline, split_paragraphs

    markdown = doc.format == "markdown"
    lines = doc.text.split("\n")
    at, (places, dateline_date, agency, rest) = find_dateline(lines, markdown)
    if at >= 0 and not rest:
        lines[at] = ""  # a dateline on a line of its own
    line_date, line_at = dating.text_date(lines) if not dateline_date else (None, -1)
    if line_at >= 0:
        lines[line_at] = ""  # metadata, not a statement
    paras, dropped = split_paragraphs("\n".join(lines), markdown=markdown)
    if at >= 0 and rest and paras:
        first = parse_dateline(paras[0])
        if first[0] == places:
            paras[0] = first[3]
    meta = doc.meta
    if meta.date:
        date, how = meta.date, meta.date_source
    elif dateline_date:
        date, how = dateline_date, "dateline"
    elif line_date:
        date, how = line_date, "text"
    else:
        date, how = None, "none"
    return Source(
        file=name,
        sha256=sha256,
        date=date,
        places=places,
        agency=agency,
        paragraphs=tuple(p for p in paras if p),
        dropped=tuple(d for d in dropped if d),
        date_source=how,
        title=_clean(meta.title),
        outlet=_clean(meta.outlet),
        url=_clean(meta.url),
        author=_clean(meta.author),
        language=_clean(meta.language),
        format=doc.format,
    )
