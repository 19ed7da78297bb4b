"""Readers of saved web pages, PDFs and Word files: text, metadata, and one-line reasons for bad files."""

import io
import subprocess
import sys
import zipfile

import pytest

from briefing.readers import read_source
from briefing.readers.pdf import join_lines
from formats_material import DOCX_PARAGRAPHS, FIXTURES, PDF_FOOTER, PDF_HEADER, PDF_PARAGRAPHS, make_docx, make_pdf

BOILERPLATE = [
    "cookies",
    "Accept all",
    "Subscribe",
    "Share on",
    "Read more",
    "Copper prices slide",
    "Comments",
    "long overdue",
    "All rights reserved",
    "Privacy policy",
    "Photo:",
    "Sign up",
    "Tags:",
    "Home",
    "Skip to main content",
    "Site map",
    "Print this page",
    "4 min read",
    "Official website",
]


def _read(name, data):
    return read_source(FIXTURES / name if data is None else name, name, data)


# ---------------------------------------------------------------- html


def test_saved_news_page_main_text_and_metadata():
    src = read_source(FIXTURES / "001_andes_wire.html", "001_andes_wire.html")
    assert (src.title, src.outlet, src.url, src.date, src.date_source, src.author, src.format) == (
        "Chile and Peru agree to widen their trade pact",
        "Andes Wire",
        "https://andes-wire.example/business/2023/03/14/chile-peru-trade-pact",
        "2023-03-14",
        "metadata",
        "Lucia Ramos",
        "html",
    )
    text = "\n".join(src.paragraphs)
    assert src.paragraphs[0].startswith("Chile and Peru agreed on Tuesday")
    assert text.endswith("before it can enter into force.") and len(src.paragraphs) == 4
    for junk in BOILERPLATE:
        assert junk not in text, junk


def test_ministry_page_in_a_legacy_code_page():
    src = read_source(FIXTURES / "002_ministry.htm", "002_ministry.htm")
    assert (src.title, src.outlet, src.date, src.url) == (
        "Ghana and Togo open a joint border post",
        "Ministry of Trade and Industry",
        "2021-11-05",
        "https://trade.gov.example/news/ghana-togo-border-post",
    )
    assert "Lom\u00e9" in src.paragraphs[0]
    assert not any(junk in p for p in src.paragraphs for junk in BOILERPLATE)


def test_page_without_metadata_takes_the_date_line_and_invents_nothing(tmp_path):
    page = (
        b"<html><body><div class='menu'><a href='/'>Home</a> <a href='/x'>World</a></div><article>"
        b"<h1>Laos and Mongolia sign an air services deal</h1><p>Updated 12.10.2020</p>"
        b"<p>Laos and Mongolia signed an air services agreement on Monday that allows direct flights between "
        b"their capitals for the first time, officials in both countries said.</p>"
        b"<p>The first flights are planned for the spring, subject to approval by the aviation authorities.</p>"
        b"</article></body></html>"
    )
    src = read_source(tmp_path / "p.html", "p.html", page)
    assert (src.date, src.date_source, src.outlet, src.url) == ("2020-10-12", "text", None, None)
    assert src.paragraphs[0].startswith("Laos and Mongolia signed")


def test_all_script_page_is_skipped():
    page = (
        b"<html><head><script>var a = 1;</script></head><body><script>"
        + b"document.write('x');" * 500
        + b"</script><noscript>Enable JavaScript.</noscript></body></html>"
    )
    with pytest.raises(ValueError, match="no article text"):
        read_source("s.html", "s.html", page)


def test_page_in_another_language_is_skipped_naming_it():
    body = (
        "<p>Le Chili et le P\u00e9rou ont sign\u00e9 mardi \u00e0 Lima un protocole qui \u00e9largit leur accord "
        "commercial, avec de nouveaux chapitres sur le commerce num\u00e9rique et la coop\u00e9ration "
        "douani\u00e8re.</p><p>Les ministres ont d\u00e9clar\u00e9 que les nouvelles r\u00e8gles r\u00e9duiraient "
        "le temps d'attente \u00e0 la fronti\u00e8re entre les deux pays.</p>"
    )
    page = f"<html lang='en'><body><article>{body}</article></body></html>".encode()
    with pytest.raises(ValueError, match=r"French \(fr\)"):
        read_source("fr.html", "fr.html", page)


# ---------------------------------------------------------------- pdf


def test_two_column_pdf_in_reading_order_without_running_heads():
    src = read_source("note.pdf", "note.pdf", make_pdf())
    expected = [t.replace("<br/>", "").replace("trans-", "trans") for k, t in PDF_PARAGRAPHS if k == "p"]
    assert list(src.paragraphs) == expected
    assert (src.title, src.date, src.date_source, src.format) == (
        "Norway and Sweden agree on a new power line",
        "2022-06-14",
        "metadata",
        "pdf",
    )
    every = " ".join(src.paragraphs + src.dropped)
    assert PDF_HEADER not in every and PDF_FOOTER not in every and "Page 1" not in every


def test_pdf_title_from_the_first_page_when_metadata_has_none():
    src = read_source("n.pdf", "n.pdf", make_pdf(title=None, date=None, pages=1))
    assert src.title == "Norway and Sweden: energy and transport"
    assert src.date is None and src.date_source == "none"


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["the new trans-", "mission line"], "the new transmission line"),
        (["a joint search-and-", "rescue drill"], "a joint search-and-rescue drill"),
        (["the Franco-", "German border"], "the Franco-German border"),
        (["ends here.", "Next one"], "ends here. Next one"),
        (["costs rose by 5-", "7 per cent"], "costs rose by 5- 7 per cent"),
    ],
)
def test_hyphenation_at_line_ends(lines, joined):
    assert join_lines(lines) == joined


def test_encrypted_pdf_with_empty_password_is_read():
    src = read_source("e.pdf", "e.pdf", make_pdf(encrypt=""))
    assert src.paragraphs[0].startswith("Norway and Sweden agreed in Oslo")


def test_encrypted_pdf_with_a_password_is_skipped():
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    with pytest.raises(ValueError, match="encrypted PDF with a password"):
        read_source("p.pdf", "p.pdf", make_pdf(encrypt=enc))


def test_truncated_pdf_is_skipped():
    data = make_pdf()
    with pytest.raises(ValueError, match="damaged PDF|no text layer"):
        read_source("t.pdf", "t.pdf", data[: len(data) // 3])
    with pytest.raises(ValueError, match="damaged PDF"):
        read_source("t.pdf", "t.pdf", b"%PDF-1.4\n1 0 obj <<")


def test_scanned_pdf_without_text_layer():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture
    c.showPage()
    c.save()
    with pytest.raises(ValueError, match="no text layer: scanned image"):
        read_source("scan.pdf", "scan.pdf", buf.getvalue())


def test_pdf_bomb_page_count(monkeypatch):
    from briefing.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    data = make_pdf(
        paragraphs=[("p", f"Sweden and Norway met for the {i}th time in a row.") for i in range(8)], pages=4
    )
    with pytest.raises(ValueError, match="4 pages, more than the 3-page limit"):
        read_source("b.pdf", "b.pdf", data)


def test_pdf_bomb_stream():
    """A stream that inflates to gigabytes: refused by pypdf's limit, not read into memory."""
    import zlib

    comp = zlib.compressobj(9)
    chunk = b"0" * (1 << 20)
    body = b"".join(comp.compress(chunk) for _ in range(200)) + comp.flush()  # 200 MB inflated
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer << /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    with pytest.raises(ValueError, match="PDF bomb|damaged PDF"):
        read_source("bomb.pdf", "bomb.pdf", out.getvalue())


# ---------------------------------------------------------------- docx


def test_word_note_paragraphs_tables_and_core_properties():
    src = read_source("n.docx", "n.docx", make_docx())
    assert list(src.paragraphs) == DOCX_PARAGRAPHS + ["Both sides agreed to publish the study in Spanish and English."]
    assert (src.title, src.date, src.date_source, src.author, src.format) == (
        "Note on the Chile-Peru water talks",
        "2023-05-04",
        "metadata",
        "Desk officer",
        "docx",
    )
    assert "Chile-Peru water talks: note for file" in src.dropped


def test_word_table_cells_read_the_same_every_time():
    """Merged-cell detection once keyed cells by id(); lxml reuses a freed proxy's id, so a cell
    went missing at random (it failed CI once). Many reads under changing memory must all agree."""
    data = make_docx()
    reads = set()
    for i in range(200):
        ballast = [object() for _ in range(i % 7)]  # shifts where the next proxies land
        reads.add(tuple(read_source("n.docx", "n.docx", data).paragraphs))
        del ballast
    assert len(reads) == 1


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"This is a plain text file renamed to .docx, not a Word file.", "not a Word file"),
        (b"PK\x03\x04 truncated zip", "not a Word file"),
    ],
)
def test_docx_that_is_not_a_zip(data, reason):
    with pytest.raises(ValueError, match=reason):
        read_source("x.docx", "x.docx", data)


def test_zip_that_is_not_a_word_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a document")
    with pytest.raises(ValueError, match="damaged Word file"):
        read_source("z.docx", "z.docx", buf.getvalue())


# ---------------------------------------------------------------- cheap paths


def test_text_seeds_do_not_import_the_heavy_parsers(tmp_path):
    (tmp_path / "a.txt").write_text("Oslo, 3 May 2021 (NTB): Norway and Sweden met.\n", encoding="utf-8")
    code = (
        "import sys; from briefing.build import read_sources; from pathlib import Path; "
        f"read_sources(Path({str(tmp_path)!r})); "
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'docx', 'langdetect', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_huge_page_refused_before_parsing_but_inline_bulk_does_not_count():
    import time

    para = b"<p>Chile and Peru agreed on Tuesday to widen the trade agreement that links their economies.</p>"
    start = time.monotonic()
    with pytest.raises(ValueError, match="3 MB of markup besides scripts and images, more than the 2 MB"):
        read_source("big.html", "big.html", b"<html><body>" + para * 30000 + b"</body></html>")
    assert time.monotonic() - start < 5
    bulky = (
        b"<html><head><script>"
        + b"var x = 1;" * 400_000
        + b"</script><style>"
        + b"p{}" * 300_000
        + b"</style></head><body><article>"
        + para
        + b"<img src='data:image/png;base64,"
        + b"QUJD" * 1_000_000
        + b"'></article></body></html>"
    )
    assert read_source("saved.html", "saved.html", bulky).paragraphs == (para[3:-4].decode(),)


def test_pdf_set_word_by_word_reads_as_lines():
    """Office PDFs often put each word in its own text object; the words still form one sentence."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    paragraphs = [
        ["Ghana and Togo opened a joint border post at Aflao", "on Friday morning, officials said."],
        ["Customs officers of both countries will clear goods", "in one stop from now on."],
        ["Laos and Mongolia agreed to start direct flights", "between their capitals next spring."],
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 700
    for lines in paragraphs:
        for line in lines:
            x = 72
            for word in line.split():
                c.drawString(x, y, word)
                x += c.stringWidth(word, "Helvetica", 12) + 4
            y -= 14
        y -= 16  # a paragraph gap
    c.showPage()
    c.save()
    sentences = [" ".join(lines) for lines in paragraphs]
    assert read_source("w.pdf", "w.pdf", buf.getvalue()).paragraphs == tuple(sentences)


@pytest.mark.parametrize(
    "name, make",
    [("c.pdf", make_pdf), ("c.docx", make_docx), ("c.html", lambda: (FIXTURES / "001_andes_wire.html").read_bytes())],
)
def test_corrupted_files_fail_with_a_reason_only(name, make):
    """Flipped bytes and cut files: read, or refused with a one-line reason (ValueError), never another error."""
    import random

    rng = random.Random(7)
    base = make()
    for i in range(40):
        data = bytearray(base)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if i % 4 == 0:
            data = data[: rng.randrange(len(data))]
        try:
            read_source(name, name, bytes(data))
        except ValueError as exc:
            assert str(exc) and "\n" not in str(exc)


def test_word_file_with_a_template_date_is_undated_not_misdated():
    """python-docx's default template says 23 December 2013: a tool's stamp, not when the note was written."""
    import docx

    document = docx.Document()
    document.add_paragraph("Chile and Peru agreed to exchange well data every quarter from next year.")
    buf = io.BytesIO()
    document.save(buf)
    src = read_source("t.docx", "t.docx", buf.getvalue())
    assert (src.date, src.date_source) == (None, "none")
    dated = read_source("d.docx", "d.docx", make_docx())
    assert dated.date == "2023-05-04"
