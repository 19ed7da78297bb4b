"""A seeds folder mixing web pages, PDFs, Word files and text builds one brief citing every source properly."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from formats_material import FIXTURES, make_docx, make_pdf
from test_readers import BOILERPLATE

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed to read the PDF back")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(FIXTURES / "001_andes_wire.html", seeds)
    (seeds / "003_note.docx").write_bytes(make_docx())
    (seeds / "004_ministry.pdf").write_bytes(
        make_pdf(
            title="Chile and Peru: notes on the border",
            date="D:20230320120000Z",
            paragraphs=[
                ("h", "Chile and Peru"),
                ("p", "Chile and Peru opened a second lane for lorries at the Chacalluta crossing in March."),
                ("p", "Peru and Chile will hold the next round of border talks in Tacna in the autumn."),
            ],
            pages=1,
        )
    )
    (seeds / "005_wire.txt").write_text(
        "Lima, 2 April 2023 (PXA): Chile and Peru agreed to resume talks on their maritime trade lanes, the "
        "foreign ministry in Lima said on Sunday.\n",
        encoding="utf-8",
    )
    (seeds / "006_undated.md").write_text(
        "# Chile and Peru at a glance\n\nChile and Peru share a border of "
        "171 kilometres and signed a free trade agreement in 2006.\n",
        encoding="utf-8",
    )
    (seeds / "007_broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (seeds / "008_fake.docx").write_bytes(b"plain text, renamed")
    (seeds / "009_huge.html").write_bytes(
        b"<html><body>" + b"<p>Chile and Peru.</p>" * (50 * 1024 * 1024 // 21) + b"</body></html>"
    )
    (seeds / "010_scripts.html").write_bytes(
        b"<html><head><script>var a=1;</script></head><body><script>" + b"x();" * 2000 + b"</script></body></html>"
    )
    (seeds / "011_fr.html").write_bytes(
        "<html lang='en'><body><article><p>Le Chili et le Pérou ont signé mardi à Lima un "
        "protocole qui élargit leur accord commercial, avec de nouveaux chapitres sur le commerce "
        "numérique et la coopération douanière entre les deux pays.</p></article></body></html>".encode()
    )
    out = root / "out" / "brief.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--seeds", str(seeds), "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = subprocess.run(
        [sys.executable, "-m", "briefing", "extract", "--seeds", str(seeds)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert data.returncode == 0, data.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    return {"out": out, "stderr": done.stderr, "json": json.loads(data.stdout), "text": " ".join(text.split())}


def test_every_source_cited_by_outlet_title_date_and_link(mixed):
    sources = mixed["text"][mixed["text"].rindex("Sources") :]
    expected = [
        r"Andes Wire, \u201cChile and Peru agree to widen their trade pact\u201d, 14 March 2023\. "
        r"https://andes-wire\.example/business/2023/03/14/chile-peru-trade-pact \(file 001_andes_wire\.html\)",
        r"\u201cNote on the Chile-Peru water talks\u201d, 4 May 2023\. \(file 003_note\.docx\)",
        r"\u201cChile and Peru: notes on the border\u201d, 20 March 2023\. \(file 004_ministry\.pdf\)",
        r"PXA, Lima, 2 April 2023: \u201cChile and Peru agreed .*\(file 005_wire\.txt\)",
        r"\u201cChile and Peru share a border .*\(file 006_undated\.md\)",
    ]
    for pattern in expected:
        assert re.search(r"\[\d+\] " + pattern, sources), pattern


def test_link_is_clickable(mixed):
    uris = [
        a.get_object()["/A"].get("/URI")
        for page in PdfReader(mixed["out"]).pages
        for a in page.get("/Annots", [])
        if a.get_object().get("/A")
    ]
    assert "https://andes-wire.example/business/2023/03/14/chile-peru-trade-pact" in uris


def test_no_boilerplate_reaches_the_pdf(mixed):
    for junk in BOILERPLATE + ["Ministry of Foreign Affairs of Norway", "For official use", "Page 1 of 1 Page 1"]:
        assert junk not in mixed["text"].replace(mixed["text"][mixed["text"].rindex("Sources") :], ""), junk


def test_json_documents_and_skipped(mixed):
    docs = {d["file"]: d for d in mixed["json"]["documents"]}
    assert {f: (d["format"], d["date_source"], d["date"]) for f, d in docs.items()} == {
        "001_andes_wire.html": ("html", "metadata", "2023-03-14"),
        "003_note.docx": ("docx", "metadata", "2023-05-04"),
        "004_ministry.pdf": ("pdf", "metadata", "2023-03-20"),
        "005_wire.txt": ("text", "dateline", "2023-04-02"),
        "006_undated.md": ("markdown", "none", None),
    }
    assert docs["001_andes_wire.html"]["outlet"] == "Andes Wire"
    assert docs["005_wire.txt"]["title"] is None and docs["005_wire.txt"]["url"] is None
    skipped = mixed["json"]["skipped"]
    names = ["007_broken.pdf", "008_fake.docx", "009_huge.html", "010_scripts.html", "011_fr.html"]
    assert [s.split(":")[0] for s in skipped] == names
    for line, why in zip(
        skipped,
        ["damaged PDF", "not a Word file", "larger than the 20 MB limit", "no article text", "written in French (fr)"],
    ):
        assert why in line, line
    for name in names:
        assert sum(name in line for line in mixed["stderr"].splitlines()) == 1


def test_updated_is_the_newest_dated_source(mixed):
    from briefing.render import format_date

    newest = max(d["date"] for d in mixed["json"]["documents"] if d["date"])
    assert newest == "2023-05-04" and f"Updated {format_date(newest)}" in mixed["text"][:400]
