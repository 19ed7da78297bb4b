"""Orchestrate a build: read every source, extract, merge, then render once.

Like MkDocs' ``build()``: gather and make everything consistent before any
output is written, so a failure anywhere leaves the previous PDF untouched.

``run`` adds what makes regeneration cheap: under a per-output lock it first
hashes the inputs (``briefing.cache``) and stops with "up to date" when they
match the last build, before anything heavy is imported; otherwise only the
documents whose content changed are extracted again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from briefing.config import Settings
from briefing.errors import SourceError

if TYPE_CHECKING:  # the no-op build imports as little as it can
    from briefing.extract import Failure
    from briefing.model import Briefing, Extraction, Source

log = logging.getLogger("briefing")

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """What one build reads and writes; ``settings`` holds briefing.toml (title, marking, overrides...)."""

    seeds: Path
    out: Path = Path("out/briefing.pdf")
    templates: Path | None = None
    force: bool = False
    settings: Settings = field(default_factory=Settings)
    lock_timeout: float = 300.0  # seconds to wait for another build of the same PDF


def load_options(
    folder: Path = Path("."),
    seeds=None,
    out=None,
    templates=None,
    force: bool = False,
    lock_timeout: float = 300.0,
    local_templates: bool = True,
) -> Options:
    """The build of one briefing folder: its briefing.toml, seeds/, out/ and templates/ (when present).

    Paths given here are used as they are; defaults and paths from the config are inside ``folder``.
    ``local_templates=False`` ignores ``folder/templates`` (a folder one does not trust).
    """
    from briefing.config import load_settings

    folder = Path(folder)
    settings = load_settings(folder / "briefing.toml")
    seeds = Path(seeds) if seeds else folder / settings.seeds
    out = Path(out) if out else folder / settings.out
    if templates is None and settings.templates:
        templates = folder / settings.templates
    if templates is None and local_templates and (folder / "templates").is_dir():  # configuration to trust
        templates = folder / "templates"
    return Options(
        seeds=seeds,
        out=out,
        templates=Path(templates) if templates else None,
        force=force,
        settings=settings,
        lock_timeout=lock_timeout,
    )


@dataclass(frozen=True)
class Outcome:
    """What one build attempt did: "up to date", "rebuilt" (with why) or "failed" (with the error)."""

    status: str
    reason: str = ""
    briefing: Briefing | None = None

    def line(self) -> str:
        return self.status + (f": {self.reason}" if self.reason else "")


def read_sources(
    seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES, cache=None, pool=None, mentions: list | None = None
) -> tuple[list[Source], list[str]]:
    """Read every seed; return the readable ones and "file: reason" for each skipped one.

    With a ``cache.DocCache``, a seed whose content hash is cached is not read again.
    ``pool`` (``extract.Workers``) reads in worker processes; ``mentions``, when
    given, receives each returned source's country mentions, counted where it was read.
    """
    sources, counted, skipped = _read_all(seeds, max_bytes, cache, pool)
    if mentions is not None:
        mentions[:] = counted
    return sources, skipped


def _read_all(seeds: Path, max_bytes: int, cache=None, pool=None) -> tuple[list[Source], list[dict | None], list[str]]:
    """Read every seed and count its country mentions (from the cache, or in ``pool``'s workers).

    Returns the sources, their mentions and "file: reason" for each skipped seed.
    """
    import briefing.extract as ex
    from briefing import progress
    from briefing.seedfiles import display_name, find_seeds

    if not seeds.is_dir():
        raise SourceError(f"seeds folder not found: {seeds}")
    root = seeds.resolve()
    slots: list = []  # per seed: (name, Source, mentions) or (name, None, reason)
    todo: list = []  # (slot, path, name) still to read
    for path in find_seeds(seeds):
        name = display_name(path.relative_to(seeds).as_posix())
        reason = _unreadable(path, root, max_bytes)
        cached = cache.source(name) if cache is not None and reason is None else None
        mentions = cache.mentions(name) if cached is not None else None
        if reason is None and mentions is None:
            todo.append((len(slots), path, name))
        slots.append((name, cached, mentions if cached is not None else reason))
    with progress.bar("reading", len(todo)) as bar:
        read = (pool or ex.Workers()).map(_read_counted, [(path, name) for _, path, name in todo], bar.update)
    for (i, _, name), (source, outcome) in zip(todo, read):
        slots[i] = (name, source, outcome)
    sources, mentions, skipped = [], [], []
    for name, source, outcome in slots:
        if source is None:
            for prefix in {str(root), str(seeds.absolute())}:  # no local path in the PDF
                outcome = outcome.replace(prefix + "/", "").replace(prefix, "seeds folder")
            log.warning("skipped %s: %s", name, outcome)
            skipped.append(f"{name}: {outcome}")
        else:
            sources.append(source)
            mentions.append(outcome)
    from briefing.seedfiles import unreadable_folders

    for name, reason in unreadable_folders(seeds):
        log.warning("skipped folder %s: %s", name, reason)
        skipped.append(f"{name}: {reason}")
    if not sources:
        what = (
            f"no readable seed files in {seeds}"
            if skipped
            else f"no seed files (.txt, .md, .html, .pdf, .docx) in {seeds}"
        )
        raise SourceError(what)
    return sources, mentions, skipped


def _read_counted(item: tuple[Path, str]) -> tuple[Source | None, dict | str | None]:
    """Read one seed and count its mentions (in a worker): (source, mentions) or (None, why not)."""
    from briefing.readers import read_source

    path, name = item
    try:
        source = read_source(path, name)
    except OSError as exc:  # its str() holds the absolute path: the PDF must not
        return None, exc.strerror or type(exc).__name__
    except ValueError as exc:
        return None, str(exc) or type(exc).__name__
    except Exception as exc:  # a bug hit by one document costs that document only
        from briefing.extract import describe

        return None, f"failed while reading ({describe(exc)})"
    return source, _mentions(source)


def _unreadable(path: Path, root: Path, max_bytes: int) -> str | None:
    """Say why a seed must be skipped before reading it, or None.

    Folders are listed without following links (``seedfiles``), so only the file itself can
    lead out of the seeds folder: its real path is looked up only when it is a link (one
    ``lstat`` per seed instead of ``realpath``'s one per path component; os.path, not pathlib).
    """
    import os
    import stat

    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            real = os.path.realpath(path)
            if not real.startswith(os.path.join(root, "")):  # not inside the seeds folder
                return "symbolic link pointing outside the seeds folder"
            info = os.stat(real)
    except OSError as exc:
        return exc.strerror or "cannot be read"
    if info.st_size > max_bytes:
        return f"larger than the {round(max_bytes / (1024 * 1024), 2):g} MB limit"
    return None


def _mentions(source: Source) -> dict[str, int] | None:
    """Country mentions of one document; None when counting fails: it fails again (and is skipped) at extraction."""
    import briefing.extract as ex

    try:
        return ex.count_mentions(source)
    except Exception:  # noqa: BLE001
        return None


def extract_all(
    sources: list[Source], settings: Settings, cache=None, mentions: list[dict | None] | None = None, pool=None
) -> tuple[tuple[str, ...], list[Extraction | Failure]]:
    """Find the country pair, then extract every document against it.

    Mentions already counted (``mentions``, one per source) are not counted again.
    A document whose extraction raised comes back as a ``Failure`` (see ``drop_failed``).
    With a ``cache.DocCache``, extractions made for the same content, extractor
    version, pair and keywords are reused; failures are never cached.
    """
    import briefing.extract as ex
    from briefing import progress

    keywords = dict(settings.sections) or None
    if mentions is None:
        mentions = [_mentions(s) for s in sources]
    pair = settings.countries or ex.detect_pair([m or {} for m in mentions])
    if cache is None:
        with progress.bar("extracting", len(sources)) as bar:
            return pair, ex.extract_many(sources, pair, keywords, progress=bar.update, mentions=mentions, pool=pool)

    from briefing.cache import context_key

    context = context_key(pair, keywords)
    extractions = [cache.extraction(s.file, context) if cache.hashes.get(s.file) == s.sha256 else None for s in sources]
    missing = [i for i, hit in enumerate(extractions) if hit is None]
    with progress.bar("extracting", len(missing)) as bar:
        fresh = ex.extract_many(
            [sources[i] for i in missing],
            pair,
            keywords,
            progress=bar.update,
            mentions=[mentions[i] for i in missing],
            pool=pool,
        )
    for i, hit in zip(missing, fresh):
        if not isinstance(hit, ex.Failure):
            cache.put(sources[i], mentions[i], context, hit)
        extractions[i] = hit
    log.info("extracted %d of %d documents (%d from cache)", cache.extracted, len(sources), cache.reused)
    cache.report()
    cache.save()  # before rendering: a template error must not cost the extractions
    return pair, cast("list[Extraction | Failure]", extractions)  # every gap was filled above


def drop_failed(sources: list[Source], extractions: list) -> tuple[list[Source], list[Extraction], list[str]]:
    """Split off the documents whose extraction failed: one warning each, "file: reason" for the PDF."""
    from briefing.extract import Failure

    kept, done, skipped = [], [], []
    for source, hit in zip(sources, extractions):
        if isinstance(hit, Failure):
            reason = f"failed while extracting ({hit.error})"
            log.warning("skipped %s: %s", hit.file, reason)
            skipped.append(f"{hit.file}: {reason}")
        else:
            kept.append(source)
            done.append(hit)
    return kept, done, skipped


def collect(options: Options, cache=None, renderer=None) -> Briefing:
    """Read, extract and merge: the whole content of the briefing, nothing written (but the cache).

    ``renderer`` (a ``render_process.RenderProcess``) waits while worker processes run.
    """
    from briefing.extract import Workers
    from briefing.merge import merge
    from briefing.progress import stage

    max_bytes = options.settings.max_seed_bytes or DEFAULT_MAX_BYTES
    with renderer.workers() if renderer else Workers() as pool:  # one set of worker processes reads, then extracts
        with stage("read"):
            mentions: list[dict | None] = []
            sources, skipped = read_sources(options.seeds, max_bytes, cache, pool, mentions)
        with stage("extract"):
            pair, attempted = extract_all(sources, options.settings, cache, mentions, pool)
            sources, extractions, failed = drop_failed(sources, attempted)
    if not sources:
        raise SourceError(f"no seed file in {options.seeds} could be extracted")
    with stage("merge"):
        briefing = merge(sources, extractions, pair, options.settings.reporter)
    return replace(briefing, skipped=tuple(sorted(skipped + failed)))


def render(briefing: Briefing, options: Options) -> bytes:
    """Return the PDF bytes for a merged briefing."""
    return lay_out(briefing, make_markup(briefing, options), options)


def make_markup(briefing: Briefing, options: Options) -> str:
    """The document XML of a merged briefing: its trade table (pandas) through the templates (jinja2)."""
    from collections import Counter

    from briefing.progress import note, stage
    from briefing.render import render_markup
    from briefing.tables import table_rows, trade_frame

    note("rendering the PDF")
    with stage("table and templates"):
        frame = trade_frame(briefing)
        currencies = Counter(t.currency for t in briefing.trade)
        currency = currencies.most_common(1)[0][0] if currencies else "USD"
        return render_markup(briefing, table_rows(frame, currency), options.settings, options.templates)


def lay_out(briefing: Briefing, markup: str, options: Options) -> bytes:
    """The PDF of ``make_markup``'s XML (reportlab); each source with text the font cannot show is named."""
    from briefing.pdf import build_pdf
    from briefing.progress import stage

    with stage("layout"):
        from briefing.coverage import warn_unshown
        from briefing.fonts import register_fonts

        warn_unshown(briefing.documents, register_fonts().regular)
        return build_pdf(markup, options.settings)


def with_changes(briefing: Briefing, previous: dict | None, plain: dict | None = None) -> Briefing:
    """Attach ``changes`` (since the previous build) when there was one; ``plain`` is ``to_dict(briefing)``
    when the caller has it already (it is 20 ms at 10,000 articles)."""
    if not previous:
        return briefing
    from briefing.changes import compute
    from briefing.export import to_dict

    changes = compute(previous["extract"], plain if plain is not None else to_dict(briefing), previous.get("built"))
    return replace(briefing, changes=changes)


def run(options: Options) -> Outcome:
    """Build ``options.out`` if its inputs changed since the last build (or ``force``).

    Order matters for kill -9: the PDF is replaced first, the manifest last, so
    a build killed in between is simply redone; each file is replaced whole.
    """
    from briefing import cache
    from briefing.gcpause import paused

    with cache.build_lock(options.out, options.lock_timeout), paused():  # gcpause says why
        cache.remove_stale_temps(options.out)
        old = cache.load_manifest(options.out)
        new = cache.scan(options.seeds, options.templates, options.settings, old)
        why = _why(options, old, new)
        if not why and not options.force:
            if (
                old is not None and new.stamps != old.stamps
            ):  # touched, not changed: remember, so the next check reads nothing
                cache.save_manifest(options.out, new)
            return Outcome("up to date")
        if not why:
            why = ["forced"]
        reason = "; ".join(why)
        log.info("rebuilding %s: %s", options.out, reason)
        briefing = _rebuild(options, cache, new)
        return Outcome("rebuilt", reason, briefing)


def _why(options: Options, old, new) -> list[str]:
    """Why the inputs ``new`` call for a build over the last one, ``old``; [] when up to date."""
    from briefing import cache

    why = cache.reasons(old, new)
    if old is None and cache.manifest_path(options.out).exists():
        why = ["cache unreadable"]
    if not options.out.exists() and old is not None:
        why.append("output missing")
    return why


def pending(options: Options) -> list[str]:
    """Why ``run`` would rebuild now ([] when up to date): the same check, without the lock or any write."""
    from briefing import cache

    old = cache.load_manifest(options.out)
    return _why(options, old, cache.scan(options.seeds, options.templates, options.settings, old))


def _rebuild(options: Options, cache, manifest) -> Briefing:
    from datetime import datetime

    from briefing import render_process
    from briefing.atomic import atomic_write
    from briefing.export import to_dict

    if not options.seeds.is_dir():
        raise SourceError(f"seeds folder not found: {options.seeds}")
    from briefing.extract import periods  # noqa: F401 - both processes use it: loaded once, before the fork

    with render_process.start(options, make_markup, lay_out) as renderer:  # loads the render libraries meanwhile
        hashes = {cache.display_name(name): sha for name, sha in manifest.seeds.items()}
        docs = cache.DocCache(options.out, hashes, manifest.extractor, read=not options.force)
        previous = cache.load_previous(options.out)
        briefing = collect(options, docs, renderer)
        plain = to_dict(briefing)
        briefing = with_changes(briefing, previous, plain)
        data = renderer.render(briefing)
        if data is None:  # no render process, or it died
            data = render(briefing, options)
        atomic_write(options.out, data, durable=True)
        cache.save_previous(options.out, datetime.now().astimezone().isoformat(timespec="seconds"), plain)
        cache.save_manifest(options.out, manifest)
    log.info(
        "wrote %s (%d sources, %d statements)",
        options.out,
        len(briefing.documents),
        sum(len(v) for v in briefing.sections.values()),
    )
    return briefing


def attempt(load: Callable[[], Options] | Options) -> Outcome:
    """Run one build for a long-running loop (watch, schedule): errors become a "failed" outcome."""
    from briefing.errors import BriefingError

    try:
        options = load() if callable(load) else load
        return run(options)
    except BriefingError as exc:
        return Outcome("failed", str(exc))
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        return Outcome("failed", f"{exc.strerror or exc}{where}")
    except Exception as exc:  # a bug must not end a watch that runs for days
        log.debug("build failed", exc_info=True)
        return Outcome("failed", f"{type(exc).__name__}: {exc}")
