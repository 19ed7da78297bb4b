"""briefing.toml: load, validate every key, report all problems at once.

Like MkDocs' ``load_config``: each unknown key or wrong type is listed with its
line, then the load fails once with a ConfigError.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

# key -> (type or tuple of types, description)
SCHEMA: dict[str, tuple[Any, str]] = {
    "title": (str, "title on the first page and in the metadata"),
    "subtitle": (str, "line under the title"),
    "author": (str, "author or organisation"),
    "marking": (str, "marking printed on every page, e.g. UNCLASSIFIED"),
    "keywords": (list, "PDF keywords"),
    "countries": (list, "the two countries, overriding detection"),
    "reporter": (str, "country from whose side exports and imports are stated"),
    "seeds": (str, "seeds folder"),
    "out": (str, "PDF path"),
    "templates": (str, "templates folder"),
    "max_seed_mb": ((int, float), "largest seed file read, in MB"),
    "max_statements": (int, "statements per section in the PDF (0: all)"),
    "max_events": (int, "timeline entries in the PDF (0: all)"),
    "sections": (dict, "keyword lists per section: {history = [...], ...}"),
    "table": (dict, "trade table: columns = [...]"),
    "style": (dict, "the look: colours, font sizes, spacing, margins (docs/templates.md)"),
}


# Numbers: the inclusive range of each (inf, nan, 1e308 and -1 are refused with their line).
RANGES: dict[str, tuple[float, float]] = {
    "max_seed_mb": (0.001, 1024),
    "max_statements": (0, 100_000),
    "max_events": (0, 100_000),
}
TABLE_COLUMNS = ("label", "period", "total", "exports", "imports", "balance", "change", "share", "sources")


def _line_of(text: str, key: str) -> int | None:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def validate(data: dict[str, Any], text: str, name: str) -> list[str]:
    """Return one message per problem, each naming file and line."""
    problems = []
    for key, value in data.items():
        line = _line_of(text, key)
        where = f"{name}:{line}" if line else name
        if key not in SCHEMA:
            problems.append(f"{where}: unknown key '{key}'")
            continue
        kind, _ = SCHEMA[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            want = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            problems.append(f"{where}: '{key}' must be {want}, not {type(value).__name__}")
        elif key in RANGES and not (math.isfinite(value) and RANGES[key][0] <= value <= RANGES[key][1]):
            lo, hi = RANGES[key]
            problems.append(f"{where}: '{key}' must be between {lo:g} and {hi:g}, not {value}")
        elif key == "countries" and (len(value) != 2 or not all(isinstance(v, str) for v in value)):
            problems.append(f"{where}: 'countries' must list exactly two names")
        elif key == "style":
            from briefing.layout import style_problems

            problems += [f"{name}:{_line_of(text, style) or line}: {why}" for style, why in style_problems(value)]
        elif key == "keywords" and not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: 'keywords' must list strings")
        elif key == "table" and "columns" in value:
            columns = value["columns"]
            at = f"{name}:{_line_of(text, 'columns') or line}"
            if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)):
                problems.append(f"{at}: 'table.columns' must list column names")
            elif not 1 <= len(columns) <= len(TABLE_COLUMNS) or len(set(columns)) != len(columns):
                problems.append(
                    f"{at}: 'table.columns' must list 1 to {len(TABLE_COLUMNS)} different columns "
                    f"of {', '.join(TABLE_COLUMNS)}"
                )
            elif unknown := [c for c in columns if c not in TABLE_COLUMNS]:
                problems.append(f"{at}: unknown table column '{unknown[0]}' (known: {', '.join(TABLE_COLUMNS)})")
        elif key == "sections":
            for sec, words in value.items():
                if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                    problems.append(f"{name}:{_line_of(text, sec) or line}: section '{sec}' needs a list of keywords")
    return problems


@dataclass(frozen=True)
class Settings:
    """briefing.toml, validated and typed; an absent key keeps its default here."""

    title: str = ""
    subtitle: str = ""
    author: str = ""
    marking: str = ""
    date: str = ""  # the title page's date; not a briefing.toml key (default: newest source)
    keywords: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # canonical names; empty: the pair the sources name most
    reporter: str | None = None
    seeds: str = "seeds"
    out: str = "out/briefing.pdf"
    templates: str | None = None
    max_seed_bytes: int | None = None  # from max_seed_mb
    max_statements: int | None = None
    max_events: int | None = None
    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # keyword lists by section
    table: Mapping[str, object] = field(default_factory=dict)
    style: Mapping[str, object] = field(default_factory=dict)  # layout.STYLE keys; wins over the templates

    def as_dict(self) -> dict[str, object]:
        """Every setting by name: what the templates see and the build cache hashes."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def settings_from(data: Mapping[str, Any]) -> Settings:
    """Turn validated TOML data into Settings (canonical country names, bytes from MB)."""
    from briefing.countries import canonical

    values: dict[str, Any] = dict(data)
    if "countries" in values:
        values["countries"] = tuple(canonical(c) or c for c in values["countries"])
    if "reporter" in values:
        values["reporter"] = canonical(values["reporter"]) or values["reporter"]
    if "max_seed_mb" in values:
        values["max_seed_bytes"] = int(values.pop("max_seed_mb") * 1024 * 1024)
    if "keywords" in values:
        values["keywords"] = tuple(values["keywords"])
    if "sections" in values:
        values["sections"] = {k: tuple(v) for k, v in values["sections"].items()}
    return Settings(**values)


def load_settings(path: Path) -> Settings:
    """Return the settings in ``path`` (the defaults when there is no file)."""
    if not path.is_file():
        return Settings()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # Notepad's BOM is no error
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path.name}:{line}: not UTF-8 text (byte {exc.start})") from None
    import tomllib  # only when there is a file: the no-op build of a folder without one skips the import

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path.name}: arrays or tables nested too deeply") from None
    problems = validate(data, text, path.name)
    if problems:
        raise ConfigError("; ".join(problems))
    return settings_from(data)
