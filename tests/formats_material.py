"""Test material in every format, made here: a two-column PDF with headers and footers, a Word file.

Written for these tests (invented outlets, made-up but plausible statements);
no real site's page or document is copied.
"""

from __future__ import annotations

import io
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "formats"

PDF_HEADER = "Ministry of Foreign Affairs of Norway \u2014 Bilateral Notes"
PDF_FOOTER = "For official use. Not for citation without permission."

PDF_PARAGRAPHS = [
    ("h", "Norway and Sweden: energy and transport"),
    (
        "p",
        "Norway and Sweden agreed in Oslo to build a second high-voltage line across their border, which "
        "the two grid operators expect to finish within six years of the decision.",
    ),
    (
        "p",
        "The ministers also signed a memorandum on the northern railway, under which freight trains will run "
        "from the iron-ore mines in the north to the ice-free port of Narvik on a shared timetable.",
    ),
    ("h", "Cooperation in the Arctic"),
    (
        "p",
        "The grid operators said the new trans-<br/>mission line would also carry power from the wind farms "
        "on the coast to the cities in the south.",
    ),
    (
        "p",
        "Both governments said that their coast guards would hold a joint search-and-rescue exercise in the "
        "Barents Sea every second year, with observers from the other Nordic countries.",
    ),
    (
        "p",
        "Sweden will send two officers to the Norwegian joint headquarters at Reitan, and Norway will second "
        "an officer to the Swedish operations staff in Stockholm.",
    ),
    (
        "p",
        "Students from either country will keep paying no tuition fees at public universities in the other, "
        "the ministers confirmed, after a review that found around four thousand students crossing each year.",
    ),
    (
        "p",
        "Cultural institutes in both capitals will host a joint season of Sami film, music and literature, "
        "opening at the national library in the spring and touring six cities afterwards.",
    ),
]


def make_pdf(
    title="Norway and Sweden agree on a new power line",
    date="D:20220614090000+02'00'",
    encrypt: str | None = None,
    pages: int = 2,
    paragraphs=PDF_PARAGRAPHS,
) -> bytes:
    """A two-column A4 note with a running header, a footer and page numbers, as ministries publish."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageBreak, PageTemplate, Paragraph

    styles = getSampleStyleSheet()
    width, height = A4
    col = (width - 5 * cm) / 2
    frames = [
        Frame(2 * cm, 2.5 * cm, col, height - 5 * cm, id="left"),
        Frame(3 * cm + col, 2.5 * cm, col, height - 5 * cm, id="right"),
    ]

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, height - 1.5 * cm, PDF_HEADER)
        canvas.drawString(2 * cm, 1.2 * cm, PDF_FOOTER)
        canvas.drawRightString(width - 2 * cm, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=title, author="Political Department", invariant=1, encrypt=encrypt)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=decorate)])
    story = []
    per_page = -(-len(paragraphs) // pages)
    for start in range(0, len(paragraphs), per_page):
        chunk = paragraphs[start : start + per_page]
        for i, (kind, text) in enumerate(chunk):
            if i == (len(chunk) + 1) // 2:
                story.append(FrameBreak())  # the rest of this page's text goes to the right-hand column
            story.append(Paragraph(text, styles["Heading3" if kind == "h" else "BodyText"]))
        if start + per_page < len(paragraphs):
            story.append(PageBreak())
    doc.build(story)
    data = buf.getvalue()
    if date is None or encrypt:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/CreationDate": date, "/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


DOCX_PARAGRAPHS = [
    "Chile and Peru held their third round of talks on the shared aquifer under the Atacama desert in Arica.",
    "The delegations agreed to exchange well data every quarter and to commission a joint study of recharge rates.",
    "A working group on border health posts will report to both foreign ministries by the end of the year.",
]


def make_docx(title="Note on the Chile-Peru water talks", created=None, table=True) -> bytes:
    """A Word note: a heading, paragraphs, a table; title and dates in the core properties."""
    from datetime import datetime

    import docx

    document = docx.Document()
    document.add_heading("Chile-Peru water talks: note for file", level=1)
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "Next meeting"
        t.cell(0, 1).text = "Lima, second half of the year"
        t.cell(1, 0).text = "Outcome"
        t.cell(1, 1).text = "Both sides agreed to publish the study in Spanish and English."
    props = document.core_properties
    props.title = title or ""
    props.author = "Desk officer"
    props.created = created or datetime(2023, 5, 4, 9, 30)
    props.modified = props.created
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
