"""Per-document extraction: a pure function of one source's text, date and the country pair.

The pair is an input (not found per document) because "exports to Russia" only
says who exports once we know which two countries the briefing is about; it is
part of the cache key for that reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported where it is used: the no-op build reads only the version
    from concurrent.futures import ProcessPoolExecutor

    from briefing.model import Extraction, Source

# The extractors are imported inside the functions: importing this package (or a
# submodule such as events) must stay cheap. The cache key is a hash of this
# package's files (briefing.cache.extractor_version): nothing to bump by hand.


def sentences_of(source: Source) -> list[str]:
    """Return the document's prose sentences in order."""
    from briefing.extract.sentences import split_sentences

    return [s for p in source.paragraphs for s in split_sentences(p)]


def count_mentions(source: Source) -> dict[str, int]:
    """Return how often each country is named in the document (name, adjective or capital)."""
    from briefing.countries import count_mentions as count_in

    counts: Counter = Counter()
    for paragraph in source.paragraphs:
        counts.update(count_in(paragraph))
    return dict(counts)


def detect_pair(mentions: list[dict[str, int]]) -> tuple[str, ...]:
    """Return the two countries the sources are about: most documents first, then most mentions.

    Counting documents before mentions keeps one article full of a third country
    from outvoting a pair that every article names.
    """
    docs: Counter = Counter()
    total: Counter = Counter()
    for counts in mentions:
        docs.update(counts.keys())
        total.update(counts)
    ranked = sorted(total, key=lambda c: (-docs[c], -total[c], c))
    return tuple(ranked[:2])


def extract_document(
    source: Source, pair: tuple[str, ...], keywords: dict | None = None, mentions: dict[str, int] | None = None
) -> Extraction:
    """Extract sentences with their sections, trade figures, shares and events from one source.

    ``mentions``: the document's ``count_mentions``, when the caller has it already.
    """
    from briefing.extract.amounts import decimal_comma
    from briefing.extract.events import extract_events
    from briefing.extract.sections import DEFAULT_KEYWORDS, Classifier
    from briefing.extract.trade import read_document
    from briefing.model import Extraction, Sentence

    texts = sentences_of(source)
    warnings: list[str] = []
    trade: list = []
    shares: list = []
    amounts: list = []
    if len(pair) == 2:
        comma = decimal_comma("\n".join(source.paragraphs))
        trade, shares, amounts = read_document(texts, source.date, pair, source.file, comma, home_country(source))
    else:
        warnings.append("fewer than two countries named: no trade figures read")
    # A sentence that states a bilateral trade figure or share belongs to the economy,
    # whatever else it mentions (a presidential visit, a treaty).
    with_figures = {t.text for t in trade} | {s.sentence for s in shares}
    keywords = {**DEFAULT_KEYWORDS, **(keywords or {})}  # a configured list replaces that section's defaults
    economy = "economy" if "economy" in keywords else None
    classify = Classifier(keywords)
    sentences = tuple(
        Sentence(t, economy if economy and t in with_figures else classify(t), i) for i, t in enumerate(texts)
    )
    if source.date is None:
        from briefing.dating import relative_phrases

        relative = sorted({p.lower() for p in relative_phrases("\n".join(texts))})
        if relative:  # an undated file without such phrases loses nothing: no warning
            warnings.append(
                "undated (no date in its metadata, dateline or text): "
                f"{', '.join(repr(p) for p in relative[:3])} left unresolved"
            )
    events = extract_events(texts, source.date, source.file)
    return Extraction(
        file=source.file,
        sha256=source.sha256,
        mentions=count_mentions(source) if mentions is None else mentions,
        sentences=sentences,
        trade=tuple(trade),
        shares=tuple(shares),
        events=tuple(events),
        warnings=tuple(warnings),
        amounts=tuple(amounts),
    )


def home_country(source: Source) -> str | None:
    """The country of the article's dateline place ("Nairobi" -> Kenya): whose "Sh" a bare "Sh" is."""
    from briefing.countries import find_mentions

    for place in source.places:
        found = find_mentions(place)
        if found:
            return found[0].country
    return None


# --------------------------------------------------------------------------- many documents


@dataclass(frozen=True)
class Failure:
    """A document whose extraction raised: the build skips it and names it, and goes on."""

    file: str
    error: str  # "TypeError: message", one line


def describe(exc: BaseException) -> str:
    """One short line naming the exception type, for a warning and the "Files not used" list."""
    text = " ".join(str(exc).split())
    text = text[:157] + "..." if len(text) > 160 else text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def extract_safely(
    source: Source, pair: tuple[str, ...], keywords: dict | None = None, mentions: dict[str, int] | None = None
) -> Extraction | Failure:
    """``extract_document``, but a bug hit by one document costs that document only."""
    try:
        return extract_document(source, pair, keywords, mentions)
    except Exception as exc:  # noqa: BLE001 - isolation is the point: any error, one document
        return Failure(source.file, describe(exc))


PARALLEL_MIN = 400  # below this many documents, starting worker processes costs more than it saves
MAX_WORKERS = 4


def _die_with_parent(parent: int | None) -> None:
    """Worker initializer: a worker ends when the build that started it dies, even by kill -9.

    Linux sends the signal set by PR_SET_PDEATHSIG when the parent exits; elsewhere a
    daemon thread watches the parent PID. Orphaned workers would otherwise keep the
    build's pipes open, so anything reading its output would hang.
    """
    import os
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        armed = False
    if not armed:
        import threading
        import time

        first = os.getppid()

        def watch() -> None:
            while os.getppid() == first:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if (parent is not None and os.getppid() != parent) or os.getppid() == 1:
        os._exit(1)  # the parent died before the signal was armed


def _extract_chunk(args) -> list[Extraction | Failure]:
    sources, pair, keywords, mentions = args
    return [extract_safely(s, pair, keywords, m) for s, m in zip(sources, mentions)]


def _chunk(args) -> list:
    fn, items = args
    return [fn(x) for x in items]


class Workers:
    """Worker processes for per-document work, started on first need and shared by a build's stages.

    Reading and extracting are pure and per document, so they split across
    CPUs without any coordination. Fewer than ``PARALLEL_MIN`` items run in
    this process: starting workers would cost more than it saves. Workers
    are forked when this is the only thread (cheap: they inherit the imported
    modules); with other threads running (``briefing watch``) a fork server
    is used instead, because forking a threaded process can inherit a held lock.
    """

    def __init__(self, workers: int | None = None):
        import os

        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self.count = workers or min(cpus, MAX_WORKERS)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def parallel(self, n: int) -> bool:
        """Whether ``n`` items are worth worker processes."""
        return self.count >= 2 and n >= PARALLEL_MIN

    def _executor(self):
        if self._pool is None:
            import multiprocessing
            import os
            import threading
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            method = (
                "fork"
                if threading.active_count() == 1 and "fork" in methods
                else "spawn"
                if "forkserver" not in methods
                else "forkserver"
            )
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["briefing.extract"])
            parent = os.getpid() if method == "fork" else None  # a fork server's workers are not our children
            self._pool = ProcessPoolExecutor(
                max_workers=self.count, mp_context=context, initializer=_die_with_parent, initargs=(parent,)
            )
        return self._pool

    def split(self, items: list) -> list[list]:
        """A few chunks per worker: big enough to amortise pickling, small enough to balance the load."""
        size = max(1, -(-len(items) // (self.count * 4)))
        return [items[i : i + size] for i in range(0, len(items), size)]

    def map(self, fn, items: list, progress=None) -> list:
        """``[fn(x) for x in items]``, in order; ``progress(k)`` after each k more are done."""
        return self.map_chunks(_chunk, [(fn, part) for part in self.split(items)], len(items), progress)

    def map_chunks(self, fn, chunks: list, n: int, progress=None) -> list:
        """``fn`` over chunks of ``n`` items in all, each returning a list; the lists joined in order."""
        done = progress or (lambda k: None)
        out: list = []
        if not self.parallel(n):  # in this process: no need to import multiprocessing at all
            for part in map(fn, chunks):
                out.extend(part)
                done(len(part))
            return out
        from concurrent.futures.process import BrokenProcessPool

        results = self._executor().map(fn, chunks)
        finished = 0
        try:
            for part in results:
                out.extend(part)
                done(len(part))
                finished += 1
        except BrokenProcessPool:  # a worker was killed (OOM killer, kill -9): finish here, in order
            import logging

            logging.getLogger("briefing").warning(
                "a worker process died (killed, or out of memory); the remaining %d of %d parts run in this process",
                len(chunks) - finished,
                len(chunks),
            )
            self.close()
            for chunk in chunks[finished:]:
                part = fn(chunk)
                out.extend(part)
                done(len(part))
        return out


def extract_many(
    sources: list[Source],
    pair: tuple[str, ...],
    keywords: dict | None = None,
    workers: int | None = None,
    progress=None,
    mentions: list | None = None,
    pool: Workers | None = None,
) -> list[Extraction | Failure]:
    """``extract_safely`` for each source, in order; in worker processes when there are many.

    ``mentions`` (one dict per source) saves counting them again; ``pool``
    lends workers already started (see ``Workers``).
    """
    counts = list(mentions) if mentions is not None else [None] * len(sources)
    own = pool is None
    pool = pool or Workers(workers)
    try:
        if not pool.parallel(len(sources)):
            done = progress or (lambda n: None)
            out = []
            for s, m in zip(sources, counts):
                out.append(extract_safely(s, pair, keywords, m))
                done(1)
            return out
        chunks = [(part, tuple(pair), keywords, cs) for part, cs in zip(pool.split(sources), pool.split(counts))]
        return pool.map_chunks(_extract_chunk, chunks, len(sources), progress)
    finally:
        if own:
            pool.close()
