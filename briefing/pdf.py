"""Lay out the document XML from render.py as an A4 PDF with reportlab.

The elements and attributes, and the style keys, are listed in briefing/layout.py
and documented with examples in docs/templates.md; render.py checks a document
against that list before it reaches this module.

All text is taken from the parsed XML and escaped again before it reaches a
reportlab Paragraph, so article text never acts as Paragraph markup.
"""

from __future__ import annotations

import io
import logging
import re
from xml.etree import ElementTree as ET

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable, HRFlowable
from reportlab.platypus.paragraph import Paragraph as _Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from .config import Settings
from .fonts import FontSet, register_fonts
from .layout import style_of
from .scales import WRITTEN

log = logging.getLogger("briefing")

NBSP = "\u00a0"
BODY_SIZE = 9.5  # the body size the other sizes are drawn relative to


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """``xml.sax.saxutils.escape`` (&, <, > and ``entities``) without importing it: saxutils
    loads urllib.request, http.client and ssl, ~10 ms of every build."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        text = text.replace(key, value)
    return text


class _Look:
    """The style of one document (layout.style_of) as reportlab values."""

    def __init__(self, look: dict):
        hexes = {
            key: str(look[key + "-color"])
            for key in ("heading", "muted", "rule", "shade", "conflict", "exports", "imports", "marking", "link")
        }
        self.hex = hexes
        self.color = {key: colors.HexColor(value) for key, value in hexes.items()}
        self.scale = float(look["font-size"]) / BODY_SIZE
        self.title_size, self.heading_size = float(look["title-size"]), float(look["heading-size"])
        self.paragraph, self.section = float(look["paragraph-spacing"]), float(look["section-spacing"])
        self.margin_x, self.margin_top, self.margin_bottom = (
            float(look[key]) / 10 * cm for key in ("margin-x", "margin-top", "margin-bottom")
        )


def _table_style(fonts: FontSet, commands) -> TableStyle:
    """Cells that are not Paragraphs would fall back to Helvetica: name our font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.regular), *commands])


def _styles(f: FontSet, look: _Look) -> dict[str, ParagraphStyle]:
    k = look.scale
    NAVY, GREY = look.color["heading"], look.color["muted"]  # noqa: N806
    base = ParagraphStyle(
        "body",
        fontName=f.regular,
        fontSize=9.5 * k,
        leading=13.2 * k,
        spaceAfter=look.paragraph,
        textColor=colors.black,
        bulletFontName=f.regular,
    )

    def s(name, **kw):
        for size in ("fontSize", "leading"):
            if size in kw and name not in ("title", "h1"):
                kw[size] *= k
        return ParagraphStyle(name, parent=base, **kw)

    title, head = look.title_size / 22, look.heading_size / 14

    return {
        "body": base,
        "title": s("title", fontName=f.bold, fontSize=22 * title, leading=27 * title, textColor=NAVY, spaceAfter=6),
        "subtitle": s("subtitle", fontSize=13, leading=17, textColor=GREY, spaceAfter=6),
        "line": s("line", fontSize=10, leading=14, textColor=GREY, spaceAfter=0),
        "h1": s(
            "h1",
            fontName=f.bold,
            fontSize=14 * head,
            leading=18 * head,
            textColor=NAVY,
            spaceBefore=look.section,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": s(
            "h2", fontName=f.bold, fontSize=11, leading=14, textColor=NAVY, spaceBefore=10, spaceAfter=4, keepWithNext=1
        ),
        # A table's title: not kept with the whole table (a long one would leave a blank page
        # behind); the space check before it keeps it off the foot of a page.
        "h2_table": s(
            "h2_table",
            fontName=f.bold,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=0,
        ),
        "bullet": s("bullet", leftIndent=12, bulletIndent=2, spaceAfter=3),
        # a very long statement laid out in pieces (see _pieces): one bullet, no gaps
        "bullet_open": s("bullet_open", leftIndent=12, bulletIndent=2, spaceAfter=0),
        "bullet_on": s("bullet_on", leftIndent=12, spaceAfter=0),
        "bullet_more": s("bullet_more", leftIndent=12, spaceAfter=3),
        "empty": s("empty", fontName=f.italic, textColor=GREY),
        "note": s("note", fontName=f.italic, fontSize=8, leading=10.5, textColor=GREY, spaceAfter=3),
        "cell": s("cell", fontSize=8.5, leading=10.8, spaceAfter=0),
        "cell_r": s("cell_r", fontSize=8.5, leading=10.8, spaceAfter=0, alignment=TA_RIGHT),
        "head": s("head", fontName=f.bold, fontSize=8.5, leading=10.8, spaceAfter=0, textColor=colors.white),
        "head_r": s(
            "head_r",
            fontName=f.bold,
            fontSize=8.5,
            leading=10.8,
            spaceAfter=0,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        "fact_label": s("fact_label", fontName=f.bold, fontSize=9, leading=12.5, spaceAfter=0, textColor=NAVY),
        "fact": s("fact", fontSize=9, leading=12.5, spaceAfter=0),
        "box_title": s("box_title", fontName=f.bold, fontSize=10.5, leading=14, textColor=NAVY, spaceAfter=0),
        "source": s("source", fontSize=8.5, leading=11.5, leftIndent=24, bulletIndent=0, spaceAfter=look.paragraph),
        "toc0": s("toc0", fontSize=10, leading=15, leftIndent=0, spaceAfter=0),
        "toc1": s("toc1", fontSize=9, leading=13, leftIndent=14, spaceAfter=0, textColor=GREY),
    }


LONG_TOKEN = 80  # characters without a space; longer runs are cut before reportlab sees them
TOKEN_PIECE = 60
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_TOKEN + 1))


def _break_long(text: str) -> str:
    """Cut runs of more than LONG_TOKEN non-space characters into TOKEN_PIECE-character words.

    reportlab splits an over-long word by trying ever shorter prefixes, so its
    time grows with the square of the word (a 160,000-character token took 36 s);
    cut beforehand, layout time is linear. Every character is kept.
    """
    if len(text) <= LONG_TOKEN:
        return text
    return _LONG_RUN.sub(
        lambda m: " ".join(m.group(0)[i : i + TOKEN_PIECE] for i in range(0, len(m.group(0)), TOKEN_PIECE)), text
    )


_SCALED = re.compile(r"(\d) (" + "|".join(re.escape(word) for _, word in WRITTEN) + r")\b")
_BRACKETED = re.compile(r"\(([^()]*)\)")


def _kept_figures(text: str) -> str:
    """No line break between a figure and its scale word: "CLP 1.88 bn", never "CLP 1.88 / bn"."""
    return _SCALED.sub("\\1\u00a0\\2", text)


def _unbroken(text: str) -> str:
    """A table cell's text with no line break inside "21.3 bn" or "(partial year)".

    A narrow column may wrap a cell; "−ZAR / 21.3 bn" and "Jan 2017 / (partial year)"
    read as a figure and a note, "−ZAR 21.3 / bn" and "Jan 2017 (partial / year)" do not.
    """
    text = _kept_figures(text)
    return _BRACKETED.sub(
        lambda m: "(" + m.group(1).replace(" ", "\u00a0") + ")" if len(m.group(1)) <= 14 else m.group(0), text
    )  # a longer note may wrap


def _text(el: ET.Element | None) -> str:
    """Plain text of an element (children included), escaped for a Paragraph."""
    if el is None:
        return ""
    return escape(" ".join(_break_long("".join(el.itertext())).split()))


def _attr(el: ET.Element, name: str) -> str:
    return escape(" ".join(_break_long(el.get(name) or "").split()))


def _inline(el: ET.Element) -> str:
    """Template-written emphasis (<b>, <i>) kept; every text node escaped."""
    parts = [escape(_break_long(el.text or ""))]
    for child in el:
        tag = {"b": "b", "strong": "b", "i": "i", "em": "i"}.get(child.tag)
        inner = _inline(child)
        parts.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
        parts.append(escape(_break_long(child.tail or "")))
    return " ".join("".join(parts).split())


PIECE_WORDS = 500
PIECE_CHARS = 4000  # a Paragraph longer than a page is wrapped again on each page it spans


def _pieces(text: str, size: int = PIECE_WORDS) -> list[str]:
    """Cut an escaped, tag-free text of more than ``size`` words into runs of ``size`` words.

    reportlab wraps a Paragraph split over pages again from its start on each
    page, so a 50,000-word statement would take minutes; as pieces it is laid
    out in linear time, each piece starting a new line.
    """
    words = text.split(" ")
    if len(words) <= size and len(text) <= PIECE_CHARS:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for word in words:
        if current and (len(current) >= size or length + len(word) > PIECE_CHARS):
            pieces.append(" ".join(current))
            current, length = [], 0
        current.append(word)
        length += len(word) + 1
    return pieces + [" ".join(current)]


def _cite(cite: str) -> str:
    """' [1, 2]' glued to the last word so a citation never starts a line."""
    cite = " ".join(cite.split())
    return f"{NBSP}[{cite.replace(', ', ',' + NBSP)}]" if cite else ""


class Paragraph(_Paragraph):
    """reportlab's Paragraph, remembering its line breaks for the last width it was wrapped to.

    Every layout pass wraps each paragraph again, and a table wraps its cells
    several times (row heights, splitting, drawing): the same text at the same
    width breaks the same way, so the lines are kept. Only a paragraph whose
    breaking split no long word and hyphenated nothing is remembered, since those
    change its fragments; what ``wrap`` sets on the paragraph is restored whole.
    """

    _KEPT = ("width", "_wrapWidths", "blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations")

    def wrap(self, availWidth, availHeight):
        kept = self.__dict__.get("_wrapped")
        if kept is not None and kept[0] == availWidth:
            for name, value in zip(self._KEPT, kept[1]):
                setattr(self, name, value)
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if (
            width
            and not getattr(self, "_splitLongWordCount", 1)
            and not getattr(self, "_hyphenations", 1)
            and all(hasattr(self, name) for name in self._KEPT)
        ):
            self._wrapped = (availWidth, tuple(getattr(self, name) for name in self._KEPT))
        else:
            self.__dict__.pop("_wrapped", None)
        return width, height


class _WithNotes(Flowable):
    """A table with the notes under it ("* Derived date ...", "Values in USD ..."), which never
    start a page alone: when the whole does not fit, the table is split so that its last
    row(s) go over with the notes."""

    def __init__(self, table: Table, notes: list):
        super().__init__()
        self.table, self.notes = table, notes

    def _parts(self, aW, aH):
        out = []
        for f in [self.table, *self.notes]:
            _, h = f.wrap(aW, aH)
            out.append(
                (
                    f,
                    f.getSpaceBefore() if f is not self.table else 0,
                    h,
                    f.getSpaceAfter() if f is not self.table else 0,
                )
            )
        return out

    def wrap(self, aW, aH):
        parts = self._parts(aW, aH)
        self.width = max(f.width if hasattr(f, "width") and f is self.table else aW for f, *_ in parts)
        self.height = sum(b + h + a for _, b, h, a in parts)
        return self.width, self.height

    def split(self, aW, aH):
        notes = sum(b + h + a for f, b, h, a in self._parts(aW, aH) if f is not self.table)
        pieces = self.table.split(aW, aH - notes)
        if len(pieces) < 2:
            return []  # not even the first rows fit above the notes: all of it on the next page
        # the rest starts the next page (not the sliver of this one the notes were kept from)
        return [*pieces[:-1], FrameBreak(), _WithNotes(pieces[-1], self.notes)]

    def draw(self):
        y = self.height
        for f, before, h, after in self._parts(self.width, self.height):
            y -= before + h
            f.drawOn(self.canv, 0, y)
            y -= after


class _Heading(Paragraph):
    """A Paragraph that the doc template turns into a TOC entry and bookmark."""

    def __init__(self, text, style, level, toc_text):
        super().__init__(text, style)
        self.toc = (level, toc_text)


class _PageCount(Flowable):
    """Makes multiBuild repeat until 'Page N of M' uses the final page count."""

    def __init__(self):
        super().__init__()
        self.total = 0
        self.assumed = None

    def isIndexing(self):
        return 1

    def isSatisfied(self):
        return self.assumed == self.total

    def beforeBuild(self):
        self.assumed = self.total

    def afterBuild(self):
        pass

    def notify(self, kind, stuff):
        pass

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


def _not_drawn(*args, **kwargs) -> None:
    pass


class _SizingFrame(Frame):
    """A frame that, while ``sizing``, places flowables without drawing them.

    The first layout pass only finds where everything falls (pages for the
    contents and "Page N of M"); its drawing is thrown away, and drawing is
    about half of a pass. Placement never depends on drawing, so the last
    pass, which draws, is the same as ever.
    """

    sizing = False

    def _add(self, flowable, canv, trySplit=0):
        if not self.sizing:
            return super()._add(flowable, canv, trySplit)
        own = flowable.__dict__  # not setattr: a chart (Drawing) refuses attributes it does not know
        own["drawOn"] = _not_drawn  # shadows the method on this object only
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            del own["drawOn"]

    add = _add  # what the doc template calls: reportlab's Frame binds ``add = _add`` to its own _add


class _KeepHeading(KeepTogether):
    """A heading kept with what follows it; a table that does not fit under it starts under it
    anyway (when a few rows fit) rather than leaving the rest of the page blank."""

    ROOM = 2.5 * cm  # at least this much of the table under its heading on the first page

    def split(self, aW, aH):
        *heads, last = self._content
        if heads and isinstance(last, (Table, _WithNotes)):
            used = sum(f.getSpaceBefore() + f.wrap(aW, aH)[1] + f.getSpaceAfter() for f in heads)
            if aH - used >= self.ROOM:
                pieces = last.split(aW, aH - used)
                if len(pieces) >= 2:
                    return [*heads, *pieces]
        return super().split(aW, aH)


class _Doc(BaseDocTemplate):
    def __init__(self, buf, meta: dict, fonts: FontSet, counter: _PageCount, look: _Look):
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=look.margin_x,
            rightMargin=look.margin_x,
            topMargin=look.margin_top,
            bottomMargin=look.margin_bottom,
            title=meta["title"],
            author=meta["author"],
            subject=meta["subject"],
            keywords=meta["keywords"],
            creator=meta["creator"],
            invariant=1,
            initialFontName=fonts.regular,
            lang="en",
        )
        self.meta, self.fonts, self.counter, self.look = meta, fonts, counter, look
        self.keepTogetherClass = _KeepHeading  # what a keepWithNext heading and its next flowable become
        self.body = _SizingFrame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[self.body], onPage=self._decorate)])
        self._keys = 0
        self.passes = 0

    def build(self, *args, **kwargs):
        """One layout pass; the first only sizes (the page count makes a second pass certain)."""
        self.passes += 1
        self.body.sizing = self.passes == 1
        return super().build(*args, **kwargs)

    def beforeDocument(self):
        self._keys = 0
        self.canv.showOutline()

    def afterPage(self):
        self.counter.total = self.page

    def afterFlowable(self, flowable):
        toc = getattr(flowable, "toc", None)
        if not toc:
            return
        level, text = toc
        self._keys += 1
        key = f"h{self._keys}"
        self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 12)
        self.canv.addOutlineEntry(text, key, level=level, closed=False)
        self.notify("TOCEntry", (level, escape(_break_long(text)), self.page, key))  # the contents list is markup too

    def _decorate(self, canv, doc):
        """Running header (from page 2), marking on every page, 'Page N of M' footer."""
        f, meta, color, MARGIN_X = self.fonts, self.meta, self.look.color, self.look.margin_x  # noqa: N806
        width, height = A4
        canv.saveState()
        canv.setFillColor(color["muted"])
        canv.setStrokeColor(color["rule"])
        canv.setLineWidth(0.5)
        if doc.page > 1 and meta["header"]:
            canv.setFont(f.regular, 8)
            canv.drawString(MARGIN_X, height - 1.55 * cm, _clip(meta["header"], f.regular, 8, self.width * 0.7))
            canv.line(MARGIN_X, height - 1.7 * cm, width - MARGIN_X, height - 1.7 * cm)
        if meta["marking"]:
            canv.setFont(f.bold, 8)
            canv.setFillColor(color["marking"])
            marking = _clip(meta["marking"], f.bold, 8, width - 2 * MARGIN_X)
            canv.drawCentredString(width / 2, height - 1.0 * cm, marking)
            canv.drawCentredString(width / 2, 0.8 * cm, marking)
            canv.setFillColor(color["muted"])
        canv.line(MARGIN_X, 1.45 * cm, width - MARGIN_X, 1.45 * cm)
        canv.setFont(f.regular, 8)
        total = self.counter.assumed or self.counter.total or doc.page
        canv.drawRightString(width - MARGIN_X, 1.1 * cm, f"Page {doc.page} of {total}")
        if meta["date"]:
            canv.drawString(MARGIN_X, 1.1 * cm, meta["date"])
        canv.restoreState()


def _clip(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis to fit ``width``: a binary search, so a 20 KB marking costs no more than a word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, min(len(text), int(width / (size * 0.2)) + 1)  # no glyph is narrower than 0.2 em
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "\u2026", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"


class _Builder:
    """Turns document XML elements into flowables."""

    def __init__(self, fonts: FontSet, width: float, look: _Look):
        self.f = fonts
        self.st = _styles(fonts, look)
        self.width = width
        self.look = look
        self.c = look.color

    # -- blocks -------------------------------------------------------------
    def children(self, el: ET.Element) -> list:
        out = []
        for child in el:
            handler = getattr(self, "el_" + child.tag.replace("-", "_"), None)
            out += handler(child) if handler else self.el_p(child)
        return out

    def el_title_block(self, el):
        out = []
        for child in el:
            style = {"title": "title", "subtitle": "subtitle"}.get(child.tag, "line")
            out.append(Paragraph(_inline(child), self.st[style]))
        out.append(Spacer(1, 4 * mm))
        out.append(HRFlowable(width="100%", thickness=1.2, color=self.c["heading"], spaceAfter=8))
        return out

    def el_facts(self, el):
        rows = [
            [
                Paragraph(_attr(fact, "label"), self.st["fact_label"]),
                Paragraph(_kept_figures(_inline(fact)), self.st["fact"]),
            ]
            for fact in el.iter("fact")
        ]
        if not rows:
            return []
        title = el.get("title")
        data = ([[Paragraph(_attr(el, "title"), self.st["box_title"]), ""]] if title else []) + rows
        # The label column fits the widest label on one line ("Balance in FY2023-24"), within bounds.
        label = self.st["fact_label"]
        widest = max(stringWidth(fact.get("label") or "", label.fontName, label.fontSize) for fact in el.iter("fact"))
        label_w = min(max(3.8 * cm, widest + 18), 6.5 * cm)
        t = Table(data, colWidths=[label_w, self.width - label_w], splitInRow=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, -1), self.c["shade"]),
            ("BOX", (0, 0), (-1, -1), 0.8, self.c["heading"]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if title:
            style += [("SPAN", (0, 0), (-1, 0)), ("TOPPADDING", (0, 0), (-1, 0), 6)]
        style += [("BOTTOMPADDING", (0, -1), (-1, -1), 7)]
        t.setStyle(_table_style(self.f, style))
        return [t, Spacer(1, 6 * mm)]

    def el_overview(self, el):
        out = [Paragraph(_attr(el, "title"), self.st["h2"])] if el.get("title") else []
        return out + self.children(el) + [Spacer(1, 2 * mm)]

    def el_contents(self, el):
        toc = TableOfContents(
            levelStyles=[self.st["toc0"], self.st["toc1"]],
            dotsMinLevel=0,
            tableStyle=_table_style(
                self.f,
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ],
            ),
        )
        out = []
        if el.get("title"):
            out.append(Paragraph(_attr(el, "title"), self.st["h2"]))
        return out + [toc, Spacer(1, 4 * mm)]

    def el_section(self, el):
        title = " ".join((el.get("title") or "").split())
        head = _Heading(escape(_break_long(title)), self.st["h1"], 0, title)
        return [CondPageBreak(4 * cm), head] + self.children(el)

    def el_style(self, el):
        return []  # read once for the whole document (layout.style_of)

    def el_p(self, el):
        text = _kept_figures(_inline(el))
        return [Paragraph(text, self.st["body"])] if text else []

    def el_note(self, el):
        return [Paragraph(_inline(el), self.st["note"])]

    def el_empty_note(self, el):
        return [Paragraph(_inline(el), self.st["empty"])]

    def el_list(self, el):
        return [Paragraph(_inline(item), self.st["bullet"], bulletText="\u2022") for item in el.iter("item")]

    def el_statements(self, el):
        out = []
        for s in el.iter("statement"):
            pieces = _pieces(_text(s))
            pieces[-1] += _cite(s.get("cite") or "")
            out.append(
                Paragraph(
                    pieces[0], self.st["bullet"] if len(pieces) == 1 else self.st["bullet_open"], bulletText="\u2022"
                )
            )
            for i, piece in enumerate(pieces[1:], 2):
                out.append(Paragraph(piece, self.st["bullet_more" if i == len(pieces) else "bullet_on"]))
        return out

    # -- tables -------------------------------------------------------------
    def _grid(self, data, widths, extra=()):
        t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        t.setStyle(
            _table_style(
                self.f,
                [
                    ("BACKGROUND", (0, 0), (-1, 0), self.c["heading"]),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, self.c["rule"]),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, self.c["shade"]]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *extra,
                ],
            )
        )
        return t

    def el_timeline(self, el):
        heads = {c.get("key"): _text(c) for c in el.findall("column")}
        head: list[Paragraph | str] = [Paragraph(heads.get(k, ""), self.st["head"]) for k in ("when", "text", "cite")]
        rows: list[list[Paragraph | str]] = [head]
        spans: list[tuple[int, int]] = []
        muted = self.look.hex["muted"]
        for ev in el.findall("event"):
            pieces = _pieces(_text(ev))  # a very long event runs on over rows of one shade
            if ev.get("note"):
                pieces[-1] += (
                    f'<br/><font size="{7.5 * self.look.scale:g}" color="{muted}"><i>{_attr(ev, "note")}</i></font>'
                )
            cite = _attr(ev, "cite")
            spans.append((len(rows), len(rows) + len(pieces) - 1))
            rows.append(
                [
                    Paragraph(_attr(ev, "when"), self.st["cell"]),
                    Paragraph(pieces[0], self.st["cell"]),
                    Paragraph(f"[{cite}]" if cite else "", self.st["cell"]),
                ]
            )
            rows += [["", Paragraph(piece, self.st["cell"]), ""] for piece in pieces[1:]]
        extra: list[tuple] = []
        if len(rows) > len(spans) + 1:
            for k, (first, last) in enumerate(spans):
                shade = (colors.white, self.c["shade"])[k % 2]
                extra.append(("BACKGROUND", (0, first), (-1, last), shade))
                if last > first:
                    extra += [
                        ("LINEBELOW", (0, first), (-1, last - 1), 0.3, shade),
                        ("BOTTOMPADDING", (0, first), (-1, last - 1), 0),
                        ("TOPPADDING", (0, first + 1), (-1, last), 0),
                    ]
        widths = [3.0 * cm, self.width - 5.0 * cm, 2.0 * cm]
        notes = [Paragraph(_inline(n), self.st["note"]) for n in el.findall("note")]
        if not notes:
            return [self._grid(rows, widths, extra), Spacer(1, 1.5 * mm), Spacer(1, 3 * mm)]
        return [_WithNotes(self._grid(rows, widths, extra), [Spacer(1, 1.5 * mm), *notes]), Spacer(1, 3 * mm)]

    def _widths(self, keys):
        fixed = {"label": 3.4 * cm, "period": 2.6 * cm, "sources": 1.8 * cm}
        rest = self.width - sum(fixed.get(k, 0) for k in keys)
        flexible = [k for k in keys if k not in fixed]
        each = rest / len(flexible) if flexible else 0
        widths = [fixed.get(k, each) for k in keys]
        scale = self.width / sum(widths) if not flexible else 1
        return [w * scale for w in widths]

    def el_trade_table(self, el):
        columns = el.findall("column")
        keys = [c.get("key") or "" for c in columns]
        right = [c.get("align") == "right" for c in columns]
        if not keys:
            return []
        head = [Paragraph(_text(c), self.st["head_r" if r else "head"]) for c, r in zip(columns, right)]
        rows, extra = [head], []
        for i, row in enumerate(el.findall("row"), 1):
            cells = {c.get("key"): c for c in row.findall("cell")}
            line = []
            for j, (key, r) in enumerate(zip(keys, right)):
                cell = cells.get(key)
                text = _unbroken(_text(cell))
                if row.get("partial") == "yes":
                    text = f"<i>{text}</i>"
                if cell is not None and cell.get("mark") == "conflict":
                    text += "\u2020" if text else ""
                    extra.append(("BACKGROUND", (j, i), (j, i), self.c["conflict"]))
                line.append(Paragraph(text, self.st["cell_r" if r else "cell"]))
            rows.append(line)
        title = " ".join((el.get("title") or "").split())
        out = [CondPageBreak(3 * cm)]
        if title:
            out.append(_Heading(escape(_break_long(title)), self.st["h2_table"], 1, title))
        notes = [Paragraph(_inline(c), self.st["note"]) for c in el.findall("caption")]
        notes += [Paragraph(_inline(n), self.st["note"]) for n in el.findall("note")]
        grid = self._grid(rows, self._widths(keys), extra)
        out += [_WithNotes(grid, [Spacer(1, 1.5 * mm), *notes]) if notes else grid]
        return out + [Spacer(1, 3 * mm)]

    # -- boxes --------------------------------------------------------------
    def el_conflicts(self, el):
        rows = []
        for c in el.findall("conflict"):
            values = "; ".join(f"{_text(v)}{_cite(v.get('cite') or '')}" for v in c.findall("value"))
            rows.append([Paragraph(_attr(c, "title"), self.st["fact_label"]), Paragraph(values, self.st["fact"])])
        for w in el.findall("warning"):
            rows.append([Paragraph("Note", self.st["fact_label"]), Paragraph(_text(w), self.st["fact"])])
        if not rows:
            return []
        t = Table(rows, colWidths=[4.2 * cm, self.width - 4.2 * cm], splitInRow=1)
        t.setStyle(
            _table_style(
                self.f,
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF6EC")),
                    ("BOX", (0, 0), (-1, -1), 0.8, self.c["imports"]),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor("#EBCFAE")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ],
            )
        )
        return [t, Spacer(1, 4 * mm)]

    def el_sources(self, el):
        """A citation as briefs write it: outlet, "title", date. link (file name in small print).

        Missing parts are left out; an untitled source shows its place and first words instead.
        """
        out = []
        muted, link = self.look.hex["muted"], self.look.hex["link"]
        for s in el.findall("source"):
            title = _attr(s, "title")
            head = [
                b
                for b in (
                    _attr(s, "outlet"),
                    f"\u201c{title}\u201d" if title else "",
                    _attr(s, "places"),
                    _attr(s, "date"),
                )
                if b
            ]
            text = ", ".join(head)
            words = _text(s)
            if words:
                text += (": " if text else "") + f"<i>\u201c{words}\u201d</i>"
            elif text:
                text += "."
            url = s.get("url") or ""
            if url:
                href = escape(url, {'"': "&quot;"})
                text += f' <a href="{href}" color="{link}">{_attr(s, "url")}</a>'
            if s.get("file"):
                label = (_attr(s, "file-label") + " ") if s.get("file-label") else ""
                text += f' <font size="{7 * self.look.scale:g}" color="{muted}">({label}{_attr(s, "file")})</font>'
            out.append(Paragraph(text.strip(), self.st["source"], bulletText=f"[{s.get('n', '')}]"))
        return out

    # -- chart --------------------------------------------------------------
    def el_chart(self, el):
        series = [s for s in (el.get("series") or "").split(",") if s]
        names = (el.get("series-labels") or "").split(",")
        bars = el.findall("bar")
        if not series or len(bars) < 2:
            return []
        data = [[float(b.get(s) or 0) for b in bars] for s in series]  # numbers: checked by layout.check_document
        f = self.f
        height = 6.2 * cm
        d = Drawing(self.width, height)
        d.initialFontName = f.regular  # the renderer's starting font, else Helvetica
        chart = VerticalBarChart()
        chart.x, chart.y = 1.4 * cm, 1.0 * cm
        chart.width, chart.height = self.width - 5.2 * cm, height - 1.6 * cm
        chart.data = data
        chart.categoryAxis.categoryNames = [" ".join((b.get("label") or "").split()) for b in bars]
        for axis in (chart.categoryAxis, chart.valueAxis):
            axis.labels.fontName = f.regular
            axis.labels.fontSize = 7.5
            axis.strokeColor = self.c["rule"]
        chart.valueAxis.valueMin = min(0, min(min(x) for x in data))
        chart.valueAxis.labelTextFormat = _axis_label
        chart.valueAxis.gridStrokeColor = colors.HexColor("#DDE3E9")
        chart.valueAxis.visibleGrid = 1
        chart.barSpacing = 1
        chart.groupSpacing = 8
        palette = [self.c["exports"], self.c["imports"], self.c["heading"], self.c["muted"]]
        for i in range(len(series)):
            chart.bars[i].fillColor = palette[i % len(palette)]
            chart.bars[i].strokeColor = None
        d.add(chart)
        legend = Legend()
        legend.fontName = f.regular
        legend.fontSize = 8
        legend.x, legend.y = self.width - 3.4 * cm, height - 1.0 * cm
        legend.alignment = "right"
        legend.colorNamePairs = [
            (palette[i % len(palette)], (names[i] if i < len(names) else s)) for i, s in enumerate(series)
        ]
        d.add(legend)
        unit = " ".join((el.get("unit") or "").split())
        if unit:
            d.add(String(0, height - 0.35 * cm, unit, fontName=f.regular, fontSize=7.5, fillColor=self.c["muted"]))
        out = []
        title = " ".join((el.get("title") or "").split())
        if title:
            out.append(Paragraph(escape(title), self.st["h2"]))
        return [KeepTogether(out + [d, Spacer(1, 3 * mm)])]


def _axis_label(value: float) -> str:
    """Short tick labels whatever the magnitude: "40", "12.5", "1e+53" (never 54 digits off the page)."""
    return f"{value:,.6g}"


def _meta(root: ET.Element, settings: Settings) -> dict:
    def get(name):
        fallback = getattr(settings, name, "")
        if isinstance(fallback, tuple):
            fallback = ", ".join(fallback)
        return " ".join((root.get(name) or fallback or "").split())

    meta = {
        "title": get("title"),
        "author": get("author"),
        "subject": get("subject"),
        "keywords": get("keywords"),
        "creator": get("creator") or "briefing",
        "marking": get("marking"),
        "header": get("header"),
        "date": get("date"),
    }
    for name, limit in MAX_META.items():
        if len(meta[name]) > limit:
            log.warning("%s longer than %d characters: cut to %d", name, limit, limit)
            meta[name] = meta[name][:limit].rstrip() + "\u2026"
    meta["header"] = meta["header"] or meta["title"]
    return meta


# Longest title, marking... printed on every page and in the metadata; longer ones are cut with a warning.
MAX_META = {
    "title": 300,
    "subject": 300,
    "author": 200,
    "keywords": 500,
    "creator": 100,
    "marking": 120,
    "header": 300,
    "date": 60,
}


def build_pdf(markup: str, settings: Settings | None = None) -> bytes:
    """Lay out document XML (render.render_markup) as PDF bytes; same input, same bytes."""
    settings = settings or Settings()
    root = ET.fromstring(markup)
    style = style_of(root, settings.style)
    fonts = register_fonts(family=str(style["font"]))
    counter = _PageCount()
    buf = io.BytesIO()
    look = _Look(style)
    doc = _Doc(buf, _meta(root, settings), fonts, counter, look)
    builder = _Builder(fonts, doc.width, look)
    story = [counter] + builder.children(root)
    _expect_contents(story)
    doc.multiBuild(story)
    if doc.body.sizing:  # cannot happen while _PageCount is in the story; never ship an undrawn pass
        raise RuntimeError("the last layout pass was not drawn")
    return buf.getvalue()


def _expect_contents(story: list) -> None:
    """Give each table of contents its entries before the first pass, pages still unknown.

    The first pass then lays the contents out at their final size, so every
    heading lands on its final page and the second pass (real page numbers,
    "Page N of M") is the last: two passes instead of three. Should a guess be
    wrong, multiBuild simply runs another pass; the output is the same.
    """
    headings = [f.toc for f in story if getattr(f, "toc", None)]
    entries = [
        (level, escape(_break_long(text)), 0, f"h{k}")  # as afterFlowable will notify them
        for k, (level, text) in enumerate(headings, 1)
    ]
    for flowable in story:
        if isinstance(flowable, TableOfContents):
            flowable.addEntries(entries)
