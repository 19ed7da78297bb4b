"""Find and register one embeddable TrueType family for the PDF.

Reportlab's built-in Helvetica is neither embedded nor able to show Cyrillic or
Greek, so every piece of text in the briefing (body, tables, charts, header,
contents) uses the family registered here. DejaVu covers Latin, Cyrillic and
Greek and is packaged by every Linux distribution (Debian: fonts-dejavu-core).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import FontError

#: Family name -> file names for (regular, bold, italic, bold italic), in order of preference.
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
}

#: Letters the family must draw: the briefing quotes names in all three scripts.
COVERAGE_PROBE = "AžЖщЇΩλ"

INSTALL_HINT = (
    "install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core; "
    "Fedora: dejavu-sans-fonts) or set BRIEFING_FONT_DIR to a folder holding "
    "DejaVuSans.ttf and its Bold, Oblique and BoldOblique files"
)


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names; ``family`` works with <b>/<i> in Paragraphs."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def font_dirs() -> list[Path]:
    """Folders searched for the family, most specific first."""
    dirs: list[Path] = []
    env = os.environ.get("BRIEFING_FONT_DIR")
    if env:
        dirs.append(Path(env))
    dirs += [
        Path(p)
        for p in (
            "/usr/share/fonts/truetype/dejavu",
            "/usr/share/fonts/dejavu",
            "/usr/share/fonts/TTF",
            "/usr/share/fonts/truetype",
            "/usr/local/share/fonts",
            "/Library/Fonts",
            "C:/Windows/Fonts",
        )
    ]
    dirs += [Path.home() / ".local/share/fonts", Path.home() / ".fonts"]
    spec = importlib.util.find_spec("matplotlib")  # bundled DejaVu, without importing it
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            dirs.append(Path(loc) / "mpl-data" / "fonts" / "ttf")
    return dirs


def find_family(dirs: list[Path] | None = None, only: str = "") -> tuple[str, tuple[Path, Path, Path, Path]]:
    """Return the first family (or the family ``only``) whose four files all exist in one folder."""
    for family, names in FAMILIES.items():
        if only and family != only:
            continue
        for folder in dirs if dirs is not None else font_dirs():
            regular, bold, italic, bold_italic = names
            paths = (folder / regular, folder / bold, folder / italic, folder / bold_italic)
            if all(p.is_file() for p in paths):
                return family, paths
    searched = ", ".join(str(d) for d in (dirs if dirs is not None else font_dirs()))
    if only:
        raise FontError(f"font {only} not found (searched {searched}): {INSTALL_HINT}")
    raise FontError(f"no TrueType font covering Latin, Cyrillic and Greek found (searched {searched}): {INSTALL_HINT}")


_registered: dict[str, FontSet] = {}


def register_fonts(dirs: list[Path] | None = None, family: str = "") -> FontSet:
    """Register a family (``family``, else the first found) with reportlab once per process; return its names."""
    if dirs is None and family in _registered:
        return _registered[family]
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    wanted = family
    family, paths = find_family(dirs, wanted)
    names = (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")
    for name, path in zip(names, paths):
        try:
            font = TTFont(name, str(path))
        except Exception as exc:  # corrupt or non-TrueType file
            raise FontError(f"cannot load font {path.name}: {exc}; {INSTALL_HINT}") from exc
        missing = [c for c in COVERAGE_PROBE if ord(c) not in font.face.charToGlyph]
        if missing:
            raise FontError(f"font {path.name} lacks glyphs for {''.join(missing)!r}; {INSTALL_HINT}")
        pdfmetrics.registerFont(font)
    addMapping(family, 0, 0, names[0])
    addMapping(family, 1, 0, names[1])
    addMapping(family, 0, 1, names[2])
    addMapping(family, 1, 1, names[3])
    fonts = FontSet(family, *names)
    if dirs is None:
        _registered[wanted] = fonts
    return fonts
