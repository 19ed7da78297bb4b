"""Orchestrate a build: read every source, extract, merge, then render once.

Like MkDocs' ``build()``: gather and make everything consistent before any
output is written, so a failure anywhere leaves the previous PDF untouched.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.errors import SourceError
from briefing.model import Briefing, Extraction, Source

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class Options:
    """What one build reads and writes; ``settings`` holds title, marking, overrides..."""

    seeds: Path
    out: Path = Path("out/briefing.pdf")
    templates: Path | None = None
    force: bool = False
    settings: dict = field(default_factory=dict)


def read_sources(seeds: Path, max_bytes: int = 20 * 1024 * 1024) -> tuple[list[Source], list[str]]:
    """Read every seed; return the readable ones and "file: reason" for each skipped one."""
    from briefing.sources import find_seeds, read_source

    if not seeds.is_dir():
        raise SourceError(f"seeds folder not found: {seeds}")
    sources, skipped = [], []
    root = seeds.resolve()
    for path in find_seeds(seeds):
        name = path.relative_to(seeds).as_posix()
        reason = _unreadable(path, root, max_bytes)
        if reason is None:
            try:
                sources.append(read_source(path, name))
                continue
            except (ValueError, OSError) as exc:
                reason = str(exc) or type(exc).__name__
        log.warning("skipped %s: %s", name, reason)
        skipped.append(f"{name}: {reason}")
    if not sources:
        what = f"no readable seed files in {seeds}" if skipped else f"no seed files (*.txt, *.md) in {seeds}"
        raise SourceError(what)
    return sources, skipped


def _unreadable(path: Path, root: Path, max_bytes: int) -> str | None:
    """Say why a seed must be skipped before reading it, or None."""
    try:
        real = path.resolve()
        if root not in real.parents:
            return "symbolic link pointing outside the seeds folder"
        size = real.stat().st_size
    except OSError as exc:
        return exc.strerror or "cannot be read"
    if size > max_bytes:
        return f"larger than the {max_bytes // (1024 * 1024)} MB limit"
    return None


def extract_all(sources: list[Source], settings: dict) -> tuple[tuple[str, ...], list[Extraction]]:
    """Find the country pair, then extract every document against it."""
    from briefing.extract import count_mentions, detect_pair, extract_document

    pair = tuple(settings.get("countries") or ()) or detect_pair([count_mentions(s) for s in sources])
    keywords = settings.get("sections_keywords")
    return pair, [extract_document(s, pair, keywords) for s in sources]


def collect(options: Options) -> Briefing:
    """Read, extract and merge: the whole content of the briefing, nothing written."""
    from briefing.merge import merge

    sources, skipped = read_sources(options.seeds, options.settings.get("max_seed_bytes", 20 * 1024 * 1024))
    pair, extractions = extract_all(sources, options.settings)
    briefing = merge(sources, extractions, pair, options.settings.get("reporter"))
    return replace(briefing, skipped=tuple(skipped))


def render(briefing: Briefing, options: Options) -> bytes:
    """Return the PDF bytes for a merged briefing."""
    from briefing.pdf import build_pdf
    from briefing.render import render_markup
    from briefing.tables import table_rows, trade_frame

    frame = trade_frame(briefing)
    currency = briefing.trade[0].currency if briefing.trade else "USD"
    markup = render_markup(briefing, table_rows(frame, currency), options.settings, options.templates)
    return build_pdf(markup, options.settings)


def build(options: Options) -> Briefing:
    """Build the PDF at ``options.out``; the previous PDF survives any failure."""
    from briefing.pdf import write_pdf

    briefing = collect(options)
    data = render(briefing, options)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    write_pdf(data, options.out)
    log.info("wrote %s (%d sources, %d statements)", options.out, len(briefing.documents),
             sum(len(v) for v in briefing.sections.values()))
    return briefing
