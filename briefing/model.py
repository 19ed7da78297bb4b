"""Plain data passed between the stages: no I/O, no behaviour beyond small helpers.

Flow: ``Source`` (one seed file) -> ``Extraction`` (per document, cacheable)
-> ``Briefing`` (all documents merged) -> PDF / JSON / CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("history", "economy", "security", "social_cultural")
FIELDS = ("total", "exports", "imports")


@dataclass(frozen=True)
class Source:
    """One seed file, decoded, with its dateline parsed and non-prose lines dropped."""

    file: str  # name relative to the seeds folder
    sha256: str
    date: str | None  # ISO date from the dateline
    places: tuple[str, ...]
    agency: str | None
    paragraphs: tuple[str, ...]  # prose paragraphs; dateline prefix removed from the first
    dropped: tuple[str, ...] = ()  # lines dropped as captions/headings (for the log)
    date_source: str = "none"  # where ``date`` came from: one of dating.DATE_SOURCES
    title: str | None = None  # from front matter or the file's own metadata; never invented
    outlet: str | None = None  # publisher or site name
    url: str | None = None
    author: str | None = None
    language: str | None = None
    format: str = "text"  # text, markdown, html, pdf, docx


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str  # one of SECTIONS
    index: int  # position in the document


@dataclass(frozen=True)
class TradeFigure:
    """One amount stated in one sentence: a total, exports or imports for a period."""

    period: str  # "2021", "2017-18", "2021-01..2021-11"
    full_year: bool
    field: str  # one of FIELDS
    value: float  # in currency units
    currency: str  # ISO 4217
    reporter: str | None  # whose exports/imports; None for a bare total
    partner: str | None
    text: str  # the sentence it came from
    source: str  # file name
    months: str | None = None  # a fiscal year's months on its country's calendar ("2022-07..2023-06")
    bound: str | None = None  # "over", "under" or "about" when the source hedges ("more than $10bn")


@dataclass(frozen=True)
class AmountReading:
    """How one money amount of a source was read: a trade figure, or why it is not one."""

    source: str  # file name
    sentence: str
    text: str  # the amount as written ("US$ 2,415 billion")
    value: float
    currency: str
    period: str | None
    field: str | None  # total / exports / imports, when the flow was read
    reporter: str | None
    partner: str | None
    reason: str | None  # None: in the trade table; else why it is left out


@dataclass(frozen=True)
class Share:
    period: str | None
    percent: float
    text: str  # "Russia's share of Belarus's foreign trade"
    sentence: str
    source: str


@dataclass(frozen=True)
class Event:
    year: int
    date: str | None  # ISO date when day and month are known
    derived: bool  # year computed from an anniversary
    text: str  # the sentence
    how: str | None  # e.g. "30th anniversary on 25 June 2022"
    source: str


@dataclass(frozen=True)
class Extraction:
    """Everything taken from one document; a pure function of its text and date."""

    file: str
    sha256: str
    mentions: dict[str, int]  # country -> number of mentions
    sentences: tuple[Sentence, ...]
    trade: tuple[TradeFigure, ...]
    shares: tuple[Share, ...]
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = ()
    amounts: tuple[AmountReading, ...] = ()  # every money amount and how it was read


@dataclass(frozen=True)
class Statement:
    """A sentence after merging: one fact, every source that states it."""

    text: str
    sources: tuple[str, ...]  # file names, in order of first appearance


@dataclass(frozen=True)
class MergedEvent:
    year: int
    date: str | None
    derived: bool
    text: str
    how: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MergedShare:
    period: str | None
    percent: float
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TradeRow:
    period: str
    full_year: bool
    reporter: str | None
    partner: str | None
    total: float | None
    exports: float | None
    imports: float | None
    currency: str
    sources: tuple[str, ...]
    months: str | None = None  # a fiscal year's months ("2022-07..2023-06"); None for calendar periods


@dataclass(frozen=True)
class ConflictValue:
    value: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    period: str
    field: str
    values: tuple[ConflictValue, ...]


@dataclass(frozen=True)
class Briefing:
    """The merged content of all sources, ready to render or export."""

    countries: tuple[str, ...]  # the pair, most-mentioned first
    reporter: str | None  # side from which exports/imports are stated
    documents: tuple[Source, ...]
    sections: dict  # section -> tuple[Statement, ...]
    events: tuple[MergedEvent, ...]  # chronological
    trade: tuple[TradeRow, ...]  # ascending by period
    shares: tuple[MergedShare, ...]
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # "file: reason" for unreadable seeds
    amounts: tuple[AmountReading, ...] = ()  # every money amount of every source and how it was read
    # Every sentence that dated an event, also those a timeline row restates in other
    # words ("It's been 30 years since ..."): the PDF does not print them again as statements.
    timeline_sentences: frozenset[str] = frozenset()
    changes: dict | None = None  # since the previous build (changes.compute), when there was one

    def section_names(self) -> list[str]:
        """The standard sections in their order, then those briefing.toml added."""
        return list(SECTIONS) + [name for name in self.sections if name not in SECTIONS]
