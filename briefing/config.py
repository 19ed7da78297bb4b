"""briefing.toml: load, validate every key, report all problems at once.

Like MkDocs' ``load_config``: each unknown key or wrong type is listed with its
line, then the load fails once with a ConfigError.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from briefing.errors import ConfigError

# key -> (type or tuple of types, description)
SCHEMA: dict[str, tuple[type | tuple, str]] = {
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
}


def _line_of(text: str, key: str) -> int | None:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def validate(data: dict, text: str, name: str) -> list[str]:
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
        elif key == "countries" and (len(value) != 2 or not all(isinstance(v, str) for v in value)):
            problems.append(f"{where}: 'countries' must list exactly two names")
        elif key == "sections":
            for sec, words in value.items():
                if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                    problems.append(f"{name}:{_line_of(text, sec) or line}: section '{sec}' needs a list of keywords")
    return problems


def load_settings(path: Path) -> dict:
    """Return the settings in ``path`` (an empty dict when there is no file)."""
    if not path.is_file():
        return {}
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # Notepad's BOM is no error
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path.name}:{line}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: {exc}") from None
    problems = validate(data, text, path.name)
    if problems:
        raise ConfigError("; ".join(problems))
    return normalise(data)


def normalise(data: dict) -> dict:
    """Turn validated TOML data into the settings the stages read."""
    settings = dict(data)
    if "countries" in data:
        from briefing.countries import canonical

        settings["countries"] = [canonical(c) or c for c in data["countries"]]
    if "reporter" in data:
        from briefing.countries import canonical

        settings["reporter"] = canonical(data["reporter"]) or data["reporter"]
    if "max_seed_mb" in data:
        settings["max_seed_bytes"] = int(data["max_seed_mb"] * 1024 * 1024)
    if "sections" in data:
        settings["sections_keywords"] = {k: tuple(v) for k, v in data["sections"].items()}
    return settings
