"""Word files (.docx) via python-docx: paragraphs and table cells in order; title and date from the core properties."""

from __future__ import annotations

import io
import zipfile
import zlib

from briefing.readers.document import Decoded, Meta, UnreadableSource

MAX_UNPACKED = 200 * 1024 * 1024  # a .docx that unpacks to more than this is a zip bomb


def _blocks(document) -> list[str]:
    """Paragraph texts, and each table cell's text, in the order they appear in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            # Merged cells repeat the same <w:tc>. Keep the elements themselves, not their id():
            # lxml frees a proxy nobody holds, and a later cell's proxy can reuse its id.
            seen: list = []
            for row in block.rows:
                for cell in row.cells:
                    if not any(cell._tc is tc for tc in seen):
                        seen.append(cell._tc)
                        out.extend(p.text for p in cell.paragraphs)
    return out


def decode_document(data: bytes, fmt: str = "docx") -> Decoded:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from briefing.dating import is_placeholder, parse_date_value
    from briefing.readers import language

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED:
                raise UnreadableSource("unpacks to more than 200 MB (a zip bomb?)")
    except zipfile.BadZipFile:
        raise UnreadableSource("not a Word file (.docx is a zip archive; this is not one)") from None
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        props = document.core_properties
        title, author = props.title, props.author
        stamps = [d for d in (props.created, props.modified) if d is not None and not is_placeholder(d)]
        date = parse_date_value(stamps[0]) if stamps else None
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        SyntaxError,
        EOFError,
        OSError,
    ) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise UnreadableSource(f"damaged Word file: {type(exc).__name__}") from None
    text = "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())
    if not text:
        raise UnreadableSource("no text in the Word file")
    lang = language.check(props.language or None, text)
    return Decoded(
        text=text,
        format=fmt,
        meta=Meta(
            title=title or None,
            author=author or None,
            language=lang,
            date=date,
            date_source="metadata" if date else "none",
        ),
    )
