"""pdf.build_pdf: the PDF a reader gets, read back with pypdf and poppler."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import __version__, atomic, fonts, pdf, render
from briefing.config import Settings
from briefing.errors import FontError
from briefing.model import MergedEvent, Source, Statement
from conftest import flat, pdf_text
from test_render import NASTY, edited_templates, make_briefing, make_rows

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils not installed"
)

SETTINGS = Settings(author="Research Desk", marking="UNCLASSIFIED // FOR OFFICIAL USE")


def build(briefing=None, rows=None, settings=SETTINGS, templates_dir=None) -> bytes:
    markup = render.render_markup(
        briefing or make_briefing(), make_rows() if rows is None else rows, settings, templates_dir
    )
    return pdf.build_pdf(markup, settings)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    out.write_bytes(build())
    return out


def outline_titles(reader: PdfReader) -> list[str]:
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]

    return list(walk(reader.outline))


def test_sections_outline_and_contents(built):
    text = flat(pdf_text(built))
    sections = ["Relations history", "Economy and trade", "Security and defence", "Social and cultural ties"]
    for title in sections:
        assert title in text
    titles = outline_titles(PdfReader(built))
    assert titles[:5] == sections[:2] + ["Trade between Alpha and Beta"] + sections[2:]
    assert "Contents Relations history" in text


def test_metadata(built):
    meta = PdfReader(built).metadata
    assert meta.title == "Alpha\u2013Beta Relations"
    assert meta.author == "Research Desk"
    assert meta.subject == "Alpha and Beta"
    assert "Alpha" in meta.get("/Keywords") and "Beta" in meta.get("/Keywords")
    assert meta.creator == f"briefing {__version__}"


def test_every_font_embedded_and_no_helvetica(built):
    out = subprocess.run(["pdffonts", str(built)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert "DejaVu" in row, row
        assert re.search(r"\s(TrueType|CID TrueType)\s.*\byes\s+yes\s+yes\b", row), row
    assert "Helvetica" not in out


def test_page_n_of_m_and_marking_on_every_page(built):
    n = len(PdfReader(built).pages)
    assert n >= 2
    for page in range(1, n + 1):
        text = pdf_text(built, "-f", str(page), "-l", str(page))
        assert f"Page {page} of {n}" in text
        assert "UNCLASSIFIED // FOR OFFICIAL USE" in text


def test_every_statement_cited_and_every_source_listed(built):
    text = flat(pdf_text(built))
    b = make_briefing()
    for statements in b.sections.values():
        for s in statements:
            assert re.search(re.escape(flat(s.text)) + r" \[\d+(, \d+)*\]", text), s.text
    sources = text[text.rindex("Sources") :]
    for n, doc in enumerate(b.documents, 1):
        assert re.search(rf"\[{n}\] [^\[]*\(file {re.escape(doc.file)}\)", sources), doc.file
    assert "d_broken.txt: not text" in sources
    assert "abababababab" not in sources  # a hash is no citation (it is in the JSON)


def test_scripts_and_markup_like_text_survive(built):
    text = flat(pdf_text(built))
    for word in ("Славянский базар", "Віцебск", "Ελλάδα"):
        assert word in text
    assert NASTY in text
    assert "49" not in text.split("Trade grew;")[1][:40]


def test_derived_dates_conflicts_and_table(built):
    text = flat(pdf_text(built))
    assert "25 June 1992*" in text
    assert "derived from: 30th anniversary on 25 June 2022" in text
    assert "40.1 bn\u2020" in text
    assert "XAU 40.1 bn [1]; XAU 40.12 bn [2]" in text
    assert "Jan\u2013May 2022 (partial year)" in text
    assert "Values in XAU" in text and "Beta\u2019s side" in text


def test_builds_are_byte_identical():
    assert build() == build()


def test_no_local_paths_in_pdf(built, tmp_path):
    plain = tmp_path / "plain.pdf"
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(built), str(plain)], check=True)
    else:
        plain = built
    raw = plain.read_bytes()
    for needle in (b"/usr/share", b"/home/", str(Path.home()).encode(), str(Path.cwd()).encode(), b".ttf"):
        assert needle not in raw, needle


def test_edited_template_changes_the_pdf(tmp_path):
    out = tmp_path / "edited.pdf"
    out.write_bytes(build(templates_dir=edited_templates(tmp_path)))
    text = flat(pdf_text(out))
    body = text[text.index("Defence matters", text.index("Sources") + 1) :]
    assert body.index("Defence matters") < body.index("Chronicle of ties") < body.index("Economy and trade")
    assert "Relations history" not in text
    assert "Share of trade" not in text and "Balance" in text  # column gone; key fact stays
    assert outline_titles(PdfReader(out))[:2] == ["Defence matters", "Social and cultural ties"]


def test_long_tokens_and_paragraphs_do_not_break_layout(tmp_path):
    url = "https://example.org/" + "x" * 400
    long = " ".join(["word"] * 2500)
    b = make_briefing()
    b = replace(
        b,
        documents=b.documents + (Source("y" * 200 + ".txt", "12" * 32, "2020-01-01", ("P" * 300,), "A" * 200, (url,)),),
        events=b.events + (MergedEvent(2005, None, False, f"{long} {url}", None, ("a_first.txt",)),),
        sections={
            **b.sections,
            "security": (Statement(f"See {url} now.", ("a_first.txt",)), Statement(long, ("b_second.txt",))),
        },
    )
    rows = make_rows()
    rows[0] = dict(rows[0], label="2020 " + url)
    out = tmp_path / "long.pdf"
    out.write_bytes(build(b, rows, Settings(title="T" * 300, marking="M" * 300)))
    assert len(PdfReader(out).pages) > 2
    assert "word word word" in pdf_text(out)


def test_pdf_write_is_atomic_and_names_the_pdf(tmp_path, monkeypatch):
    out = tmp_path / "b.pdf"
    atomic.atomic_write(out, b"%PDF-old", durable=True)
    out.chmod(0o600)

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(OSError, match="b.pdf"):
        atomic.atomic_write(out, b"%PDF-new", durable=True)
    assert out.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]
    monkeypatch.undo()
    atomic.atomic_write(out, b"%PDF-new", durable=True)
    assert out.read_bytes() == b"%PDF-new" and out.stat().st_mode & 0o777 == 0o600


def test_missing_fonts_raise_font_error_naming_the_package(tmp_path):
    with pytest.raises(FontError, match="fonts-dejavu-core"):
        fonts.find_family([tmp_path])


def _passes(monkeypatch) -> list[int]:
    from reportlab.platypus.doctemplate import BaseDocTemplate

    passes, real = [], BaseDocTemplate.multiBuild
    monkeypatch.setattr(
        BaseDocTemplate, "multiBuild", lambda self, *a, **k: passes.append(real(self, *a, **k)) or passes[-1]
    )
    return passes


def test_two_layout_passes_give_the_pdf_of_three(monkeypatch):
    """Contents sized before the first pass: two passes, the very bytes three passes gave."""
    sections = "".join(
        f'<section id="s{i}" title="Part {i} of the long report"><p>Body of part {i}. '
        + "Words to fill a line or two. " * (i % 7 * 20)
        + "</p></section>"
        for i in range(60)
    )
    markup = f'<document title="Many parts"><contents title="Contents"/>{sections}</document>'
    passes = _passes(monkeypatch)
    two = pdf.build_pdf(markup, SETTINGS)
    monkeypatch.setattr(pdf, "_expect_contents", lambda story: None)
    three = pdf.build_pdf(markup, SETTINGS)
    assert passes == [2, 3]
    assert two == three
    assert "Part 59 of the long report" in flat(text_of_bytes(two)) and len(PdfReader(io.BytesIO(two)).pages) > 5


def test_a_briefing_is_laid_out_in_two_passes(monkeypatch):
    passes = _passes(monkeypatch)
    build()
    assert passes == [2]


def text_of_bytes(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, check=True, capture_output=True).stdout.decode()


def test_the_sizing_pass_changes_no_byte(monkeypatch):
    """The first pass places without drawing; the PDF is the one a drawn first pass gives."""
    from reportlab.platypus import Frame
    from reportlab.platypus.flowables import Flowable

    long = " ".join(["word"] * 1500)
    b = make_briefing()
    b = replace(b, sections={**b.sections, "security": (Statement(long, ("b_second.txt",)),)})
    sections = "".join(
        f'<section id="s{i}" title="Part {i}"><p>{"Text of a part. " * (i * 9)}</p></section>' for i in range(30)
    )
    documents = [
        lambda: build(),
        lambda: build(b, settings=Settings(marking="M" * 200)),
        lambda: pdf.build_pdf(f'<document title="Parts"><contents title="Contents"/>{sections}</document>', SETTINGS),
    ]
    drawn: list[int] = []  # the pass of every flowable drawn on the page
    now = [0]
    build_pass, draw = pdf._Doc.build, Flowable.drawOn
    monkeypatch.setattr(
        pdf._Doc, "build", lambda self, *a, **k: now.__setitem__(0, self.passes + 1) or build_pass(self, *a, **k)
    )
    monkeypatch.setattr(Flowable, "drawOn", lambda self, *a, **k: drawn.append(now[0]) or draw(self, *a, **k))
    sized = [make() for make in documents]
    assert drawn and set(drawn) == {2}  # the first pass drew nothing
    monkeypatch.setattr(pdf._SizingFrame, "_add", Frame._add)  # every pass draws
    monkeypatch.setattr(pdf._SizingFrame, "add", Frame._add)
    drawn.clear()
    assert [make() for make in documents] == sized
    assert set(drawn) == {1, 2}
