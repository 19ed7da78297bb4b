"""Plain text and Markdown seeds, with optional front matter (a ``---`` YAML block or ``key: value`` lines)."""

from __future__ import annotations

import re

from briefing.readers.document import Decoded, Meta

# Front-matter keys read, by the Meta field they fill; other keys are ignored.
KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "date": "date",
    "published": "date",
    "date_published": "date",
    "author": "author",
    "by": "author",
    "language": "language",
    "lang": "language",
}
_KEY_LINE = re.compile(r"^\s*([A-Za-z_][\w -]{0,30}?)\s*:\s*(.*?)\s*$")
_FENCE = re.compile(r"^---[ \t]*$")


def _fields(pairs) -> Meta:
    """Meta from (key, value) pairs; unknown keys and empty values are ignored."""
    from briefing.dating import parse_date_value

    out: dict = {}
    for key, value in pairs:
        target = KEYS.get(str(key).strip().lower().replace(" ", "_").replace("-", "_"))
        if target is None or value is None or str(value).strip() == "" or target in out:
            continue
        out[target] = value
    date = parse_date_value(out.pop("date", None))
    return Meta(
        **{k: " ".join(str(v).split()) for k, v in out.items()},
        date=date,
        date_source="front matter" if date else "none",
    )


def _yaml_block(lines: list[str]) -> tuple[Meta, int] | None:
    """A ``---`` fenced YAML block at the top: (meta, lines used), or None."""
    if not lines or not _FENCE.match(lines[0]):
        return None
    end = next((i for i in range(1, min(len(lines), 200)) if _FENCE.match(lines[i]) or lines[i].strip() == "..."), None)
    if end is None:
        return None
    import yaml

    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):  # not YAML a mapping: read it as plain key: value lines
        data = {m.group(1): m.group(2) for m in map(_KEY_LINE.match, lines[1:end]) if m}
    if not any(str(k).strip().lower().replace(" ", "_").replace("-", "_") in KEYS for k in data):
        return None  # two rules around text, not front matter: keep the text
    return _fields(data.items()), end + 1


def _key_lines(lines: list[str]) -> tuple[Meta, int] | None:
    """``key: value`` lines at the very top, ended by a blank line, every key a known one."""
    pairs: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        if not line.strip():
            return (_fields(pairs), i) if pairs else None
        m = _KEY_LINE.match(line)
        if not m or m.group(1).strip().lower().replace(" ", "_").replace("-", "_") not in KEYS:
            return None
        pairs.append((m.group(1), m.group(2)))
    return None


def split_front_matter(text: str) -> tuple[Meta, str]:
    """Return (front matter, the text after it); no front matter gives (Meta(), text)."""
    lines = text.split("\n")
    found = _yaml_block(lines) or _key_lines(lines)
    if found is None:
        return Meta(), text
    meta, used = found
    return meta, "\n".join(lines[used:])


def decode_document(data: bytes, fmt: str) -> Decoded:
    from briefing.readers import language
    from briefing.sources import decode

    meta, text = split_front_matter(decode(data))
    language.check(meta.language, None)  # only a declared language: detecting it in every text file costs too much
    return Decoded(text=text, format=fmt, meta=meta)
