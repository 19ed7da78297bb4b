"""A big archive still gives a readable briefing: few pages, one row per period, each statement once.

The archive is synthetic (bench/synth.py): wire copy with boilerplate, paraphrases,
thirty years of consistent trade figures, partial periods and anniversaries.
The timed 1,000- and 10,000-article runs are in ``make bench``; this test
checks what the reader gets, at a size the suite can afford.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from briefing.build import Options, run  # noqa: E402
from briefing.render import render_markup  # noqa: E402
from briefing.tables import table_rows, trade_frame  # noqa: E402
from synth import make_archive  # noqa: E402

N = 1500
MAX_PAGES = 30


def _numbers(cite: str) -> list[int]:
    """The citation numbers printed: "3, 8, 12 and 40 more" -> [3, 8, 12]."""
    return [int(n) for n in re.findall(r"\d+", cite.split(" and ")[0])]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("scale")
    make_archive(base / "seeds", N, ("Chile", "Peru"))
    options = Options(seeds=base / "seeds", out=base / "out" / "b.pdf", force=True)
    briefing = run(options).briefing
    currency = briefing.trade[0].currency
    markup = render_markup(briefing, table_rows(trade_frame(briefing), currency), options.settings)
    return briefing, ET.fromstring(markup), options.out


def test_archive_is_deterministic(tmp_path):
    a = make_archive(tmp_path / "a", 30, ("Chile", "Peru"), seed=3)
    b = make_archive(tmp_path / "b", 30, ("Chile", "Peru"), seed=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    c = make_archive(tmp_path / "c", 30, ("Norway", "Sweden"), seed=3)
    assert "Norway" in c[0].read_text(encoding="utf-8") or "Sweden" in c[0].read_text(encoding="utf-8")


def test_pdf_stays_short(built):
    _, _, pdf = built
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    else:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 3 <= pages <= MAX_PAGES


def test_one_table_row_per_period(built):
    briefing, doc, _ = built
    labels = [row.find("cell[@key='label']").text for row in doc.iter("row")]
    assert labels and len(labels) == len(set(labels))
    years = {r.period for r in briefing.trade if r.full_year}
    assert len(years) >= 25  # three decades of figures
    assert set(labels) >= years


def test_each_statement_once_and_sections_limited(built):
    briefing, doc, _ = built
    texts = [s.text for s in doc.iter("statement")]
    assert texts and len(texts) == len(set(texts))
    for section in doc.iter("section"):
        assert len(list(section.iter("statement"))) <= 25
    merged = sum(len(v) for v in briefing.sections.values())
    assert merged > len(texts)  # so the limit was applied...
    notes = [n.text for n in doc.iter("note") if n.text and "JSON export" in n.text]
    assert notes  # ...and the reader is told where the rest is


def test_timeline_limited_and_citations_resolve(built):
    briefing, doc, _ = built
    assert len(list(doc.iter("event"))) <= 30
    listed = {int(s.get("n")) for s in doc.iter("source")}
    assert len(listed) < len(briefing.documents)
    cited = set()
    for el in doc.iter():
        cite = el.get("cite")
        if cite:
            cited.update(_numbers(cite))
    assert cited and cited <= listed


def test_no_statement_cites_hundreds_of_numbers(built):
    _, doc, _ = built
    counts = Counter(len(_numbers(s.get("cite") or "")) for s in doc.iter("statement"))
    assert max(counts) <= 3


def test_country_scan_finds_what_the_trie_regex_finds():
    """The lookup-based matcher (no big regex to compile per process) agrees with the regex."""
    from briefing import countries

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    texts.append(" ".join(countries._lexicon()))  # every phrase, each next to others
    texts.append(
        "_Russia 5Chile Omani Oman. U.S.Army Tu\u0308rkiye N'Djamena Washingtonian "
        "Papua New Guinea, Latin America, Mexico City, Georgia, US."
    )
    for text in texts:
        assert list(countries._scan(text)) == [m.span() for m in countries._matcher().finditer(text)]


def test_ten_thousand_articles_stay_readable(tmp_path):
    """The issue's own size: 10,000 articles give one table row per period and a short PDF.

    About a minute on this machine; the timed runs are in ``make bench``.
    """
    make_archive(tmp_path / "seeds", 10_000, ("Chile", "Peru"))
    options = Options(seeds=tmp_path / "seeds", out=tmp_path / "out" / "b.pdf", force=True)
    briefing = run(options).briefing
    assert len(briefing.documents) == 10_000
    pages = int(
        re.search(
            r"^Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(options.out)], capture_output=True, text=True, check=True).stdout,
            re.M,
        ).group(1)
    )
    assert 3 <= pages <= MAX_PAGES
    markup = render_markup(briefing, table_rows(trade_frame(briefing), briefing.trade[0].currency), options.settings)
    labels = [row.find("cell[@key='label']").text for row in ET.fromstring(markup).iter("row")]
    assert len(labels) == len(set(labels)) and len(labels) >= 25
