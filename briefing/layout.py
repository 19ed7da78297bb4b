"""The layout language: every element and attribute the templates may emit, and the look.

render.py turns the templates into a document in this language and pdf.py lays
it out. Both sides meet here: ``ELEMENTS`` is the contract (documented with an
example each in docs/templates.md), and a rendered document is checked against
it before layout, so a misspelt ``<statment>`` or ``cite`` fails the build
naming the template file and line instead of quietly printing something else.

``STYLE`` is the look: colours, font sizes, spacing and page margins, set by a
``<style>`` element in the templates or by the ``[style]`` table of
briefing.toml (which wins). This module imports only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

from briefing.errors import TemplateError

TEXT, NUMBER, YES, LIST = "text", "number", "yes", "list"

# element -> {attribute: kind}. TEXT is any text; NUMBER a decimal number; YES the
# word "yes" (a flag); LIST comma-separated names.
ELEMENTS: dict[str, dict[str, str]] = {
    "document": {
        "title": TEXT,
        "author": TEXT,
        "subject": TEXT,
        "keywords": TEXT,
        "creator": TEXT,
        "marking": TEXT,
        "date": TEXT,
        "header": TEXT,
    },
    "style": {},  # attributes: the keys of STYLE
    "title-block": {},
    "title": {},
    "subtitle": {},
    "line": {},
    "overview": {"title": TEXT},
    "facts": {"title": TEXT},
    "fact": {"label": TEXT},
    "contents": {"title": TEXT},
    "section": {"id": TEXT, "title": TEXT},
    "p": {},
    "b": {},
    "i": {},
    "list": {},
    "item": {},
    "empty-note": {},
    "note": {},
    "statements": {},
    "statement": {"cite": TEXT},
    "timeline": {},
    "column": {"key": TEXT, "align": TEXT},
    "event": {"when": TEXT, "cite": TEXT, "note": TEXT},
    "trade-table": {"title": TEXT},
    "row": {"partial": YES},
    "cell": {"key": TEXT, "mark": TEXT},
    "caption": {},
    "chart": {"title": TEXT, "unit": TEXT, "series": LIST, "series-labels": LIST},
    "bar": {"label": TEXT, "total": NUMBER, "exports": NUMBER, "imports": NUMBER},
    "conflicts": {},
    "conflict": {"title": TEXT},
    "value": {"cite": TEXT},
    "warning": {},
    "sources": {},
    "source": {
        "n": TEXT,
        "file": TEXT,
        "file-label": TEXT,
        "outlet": TEXT,
        "title": TEXT,
        "places": TEXT,
        "date": TEXT,
        "url": TEXT,
    },
}

COLOR, SIZE, FONT = "color", "size", "font"

# The look: key -> (kind, default). Colours are #RRGGBB; sizes are points, margins millimetres.
STYLE: dict[str, tuple[str, str | float]] = {
    "heading-color": (COLOR, "#1F3A5F"),  # title, headings, key-facts frame, table heads
    "muted-color": (COLOR, "#5B6670"),  # subtitle, notes, running header and footer
    "rule-color": (COLOR, "#AAB4BE"),  # lines and table grid
    "shade-color": (COLOR, "#EEF2F6"),  # key-facts box and alternate table rows
    "conflict-color": (COLOR, "#FBE3C8"),  # a cell the sources disagree on
    "exports-color": (COLOR, "#2F6690"),  # chart bars
    "imports-color": (COLOR, "#D08C3A"),
    "marking-color": (COLOR, "#7A1F1F"),  # the marking on every page
    "link-color": (COLOR, "#2F6690"),  # links in the source list
    "font": (FONT, ""),  # a family of fonts.FAMILIES ("DejaVuSerif"); "" the first installed
    "font-size": (SIZE, 9.5),  # body text; every other size but title and headings scales with it
    "title-size": (SIZE, 22),
    "heading-size": (SIZE, 14),  # section headings
    "paragraph-spacing": (SIZE, 4),  # after each paragraph
    "section-spacing": (SIZE, 14),  # before each section heading
    "margin-x": (SIZE, 20),  # left and right page margins, mm
    "margin-top": (SIZE, 24),
    "margin-bottom": (SIZE, 20),
}
ELEMENTS["style"] = {key: kind for key, (kind, _) in STYLE.items()}

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _families() -> list[str]:
    from briefing.fonts import FAMILIES

    return list(FAMILIES)


MAX_SIZE = 100.0


def bad_value(kind: str, value: str) -> str | None:
    """Why ``value`` is not of ``kind``; None when it is."""
    if kind in (NUMBER, SIZE):
        try:
            number = float(value)
        except ValueError:
            return f"'{value}' is not a number"
        if number != number or abs(number) == float("inf"):
            return f"'{value}' is not a number"
        if kind == SIZE and number <= 0:
            return f"'{value}' must be more than 0"
        if kind == SIZE and number > MAX_SIZE:
            return f"'{value}' must be at most {MAX_SIZE:g}"  # points or mm: more never fits on A4
    elif kind == FONT and value and value not in _families():
        return f"'{value}' is not a font family we embed ({', '.join(_families())})"
    elif kind == COLOR and not _HEX.fullmatch(value):
        return f"'{value}' is not a colour like #1F3A5F"
    elif kind == YES and value != "yes":
        return f"'{value}' must be yes (or the attribute left out)"
    return None


def style_problems(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """(key, message) for each unknown key or bad value of a [style] table."""
    problems = []
    for key, value in values.items():
        if key not in STYLE:
            problems.append((key, f"unknown style '{key}'"))
            continue
        kind = STYLE[key][0]
        text = kind in (COLOR, FONT)
        if isinstance(value, bool) or not isinstance(value, str if text else (int, float)):
            problems.append((key, f"style '{key}' must be {'a string' if text else 'a number'}"))
        elif why := bad_value(kind, str(value)):
            problems.append((key, f"style '{key}': {why}"))
    return problems


def style_of(root: ET.Element, overrides: Mapping[str, object] | None = None) -> dict[str, str | float]:
    """The look of a document: defaults, then its <style> elements, then ``overrides`` (briefing.toml)."""
    look: dict[str, object] = {key: default for key, (_, default) in STYLE.items()}
    for el in root.iter("style"):
        look.update(el.attrib)
    look.update(overrides or {})
    return {key: str(value) if STYLE[key][0] in (COLOR, FONT) else float(str(value)) for key, value in look.items()}


# --------------------------------------------------------------------------- checking


def check_document(root: ET.Element) -> list[str]:
    """Each element or attribute of a rendered document that the language does not have, or a bad value."""
    problems = []
    for el in root.iter():
        attributes = ELEMENTS.get(el.tag)
        if attributes is None:
            problems.append(f"unknown element <{el.tag}>")
            continue
        for name, value in el.attrib.items():
            kind = attributes.get(name)
            if kind is None:
                problems.append(f"<{el.tag}> has no attribute '{name}'")
            elif why := bad_value(kind, value):
                problems.append(f"<{el.tag} {name}>: {why}")
    return problems


# A tag as written in a template, once Jinja code is blanked out: name, then its attributes.
_TAG = re.compile(r"<(?P<name>[A-Za-z][\w.-]*)(?P<attrs>[^<>]*?)/?>")
_ATTR = re.compile(r"(?:^|\s)(?P<name>[A-Za-z_][\w.-]*)\s*=")
# Jinja code cannot write markup (its strings are autoescaped), so it is blanked
# out, then quoted attribute values; newlines stay, so line numbers stay right.
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_QUOTED = re.compile(r"=\s*(\"[^\"]*\"|'[^']*')")


def _blank(match: re.Match) -> str:
    return "\x00" + re.sub(r"[^\n]", " ", match.group(0)[1:])


def check_template(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each element or attribute name written in a template that the language lacks.

    Names made by Jinja code (``{{ s }}="..."``) are left to ``check_document``.
    """
    blanked = _QUOTED.sub(lambda m: "=" + _blank(m)[1:], _JINJA.sub(_blank, text))
    problems = []
    for tag in _TAG.finditer(blanked):
        line = blanked.count("\n", 0, tag.start()) + 1
        name = tag.group("name")
        attributes = ELEMENTS.get(name)
        if attributes is None:
            problems.append((line, f"unknown element <{name}>"))
            continue
        for attr in _ATTR.finditer(tag.group("attrs")):
            if attr.group("name") not in attributes:
                where = line + tag.group("attrs").count("\n", 0, attr.start())
                problems.append((where, f"<{name}> has no attribute '{attr.group('name')}'"))
    return problems


def check_templates(files: Iterable[tuple[str, Path]]) -> list[str]:
    """``file:line: problem`` for every template in ``files`` ((name to show, path) pairs)."""
    out = []
    for shown, path in files:
        out += [f"{shown}:{line}: {why}" for line, why in check_template(path.read_text(encoding="utf-8"))]
    return out


def require_valid(root: ET.Element, files: Iterable[tuple[str, Path]], main: str) -> None:
    """Raise TemplateError naming file and line when the templates or the document leave the language."""
    problems = check_templates(files)
    if not problems:
        problems = [f"{main}: {why}" for why in check_document(root)]
    if problems:
        raise TemplateError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
