"""Say which sources hold text the PDF cannot show as written, instead of printing boxes silently.

The embedded family (DejaVu) has no Chinese, Japanese, Korean, Thai or emoji
glyphs, and reportlab neither joins Arabic letters nor lays right-to-left text
out from the right. Each such source gets one warning naming its file and the
scripts concerned; the text itself is kept (in the JSON export too).
"""

from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger("briefing")

_RTL = {
    "ARABIC": "Arabic (printed unjoined, left to right)",
    "HEBREW": "Hebrew (printed left to right)",
    "SYRIAC": "Syriac (printed left to right)",
    "THAANA": "Thaana (printed left to right)",
}
_SCRIPTS = {
    "CJK": "Chinese characters",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "THAI": "Thai",
    "DEVANAGARI": "Devanagari",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "KHMER": "Khmer",
    "LAO": "Lao",
    "MYANMAR": "Myanmar",
    "ETHIOPIC": "Ethiopic",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "IDEOGRAPHIC": "CJK punctuation",
    "FULLWIDTH": "CJK punctuation",
}


def script_of(ch: str) -> str:
    """A reader's name for the script of one character ("Korean", "emoji or symbols")."""
    name = unicodedata.name(ch, "")
    word = name.split(" ")[0] if name else "unnamed"
    if word in _SCRIPTS:
        return _SCRIPTS[word]
    if unicodedata.category(ch) == "So":
        return "emoji or symbols"
    return word.capitalize()


def problems(text: str, shown: set[int] | dict) -> list[str]:
    """The scripts in ``text`` that the font (its code points ``shown``) cannot show, or shows wrongly."""
    found: dict[str, None] = {}
    for ch in set(text):
        if ord(ch) < 0x250 or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
            continue
        word = unicodedata.name(ch, "").split(" ")[0]
        if word in _RTL:
            found[_RTL[word]] = None
        elif ord(ch) not in shown:
            found[f"{script_of(ch)} (no glyphs in the font: empty boxes)"] = None
    return sorted(found)


def warn_unshown(documents, font_name: str) -> list[str]:
    """One warning per source with text the font cannot show as written; returns the lines."""
    from reportlab.pdfbase import pdfmetrics

    shown = pdfmetrics.getFont(font_name).face.charToGlyph
    lines = []
    for doc in documents:
        scripts = problems(" ".join(doc.paragraphs), shown)
        if scripts:
            lines.append(f"{doc.file}: {', '.join(scripts)}")
            log.warning("%s: text the PDF cannot show as written: %s", doc.file, "; ".join(scripts))
    return lines
