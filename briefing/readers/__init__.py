"""One reader per file format; each returns a ``Decoded`` document that the same pipeline turns into a ``Source``.

The heavy parsers (trafilatura, pypdf, python-docx, langdetect) are imported
only inside the reader of their format, so a folder of ``.txt`` files, and
the no-op build, never load them.
"""

from __future__ import annotations

from pathlib import Path

from briefing.model import Source
from briefing.readers.document import Decoded, Meta, UnreadableSource  # noqa: F401 (re-exported)

_MIN_WORDS = 6  # a page, PDF or Word file without one sentence this long holds no article ("Enable JavaScript.")

# suffix -> (format name, reader module)
FORMATS = {
    ".txt": ("text", "text"),
    ".md": ("markdown", "text"),
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".pdf": ("pdf", "pdf"),
    ".docx": ("docx", "docx"),
}


def format_of(path: Path | str) -> str:
    """The format name of a seed file from its suffix ("text", "html", "pdf"...)."""
    return FORMATS[Path(path).suffix.lower()][0]


def read_source(path: Path, name: str, data: bytes | None = None) -> Source:
    """Read one seed file of any known format into a ``Source``.

    Raises ValueError (``UnreadableSource``) with a one-line reason when the
    file cannot be read: the build skips it and says why.
    """
    import hashlib
    import importlib

    from briefing.readers.document import to_source

    path = Path(path)
    if data is None:
        data = path.read_bytes()
    fmt, module = FORMATS.get(path.suffix.lower(), ("text", "text"))
    reader = importlib.import_module(f"briefing.readers.{module}")
    decoded = reader.decode_document(data, fmt)
    if module == "text":
        from briefing.sources import stray_nuls

        if nuls := stray_nuls(data):
            import logging

            logging.getLogger("briefing").warning("%s: %d NUL byte%s dropped", name, nuls, "s" * (nuls > 1))
    source = to_source(name, hashlib.sha256(data).hexdigest(), decoded)
    if module != "text" and not any(len(p.split()) >= _MIN_WORDS for p in source.paragraphs):
        raise UnreadableSource("no article text (only scripts, menus, captions or markup?)")
    return source
