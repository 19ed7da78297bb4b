"""Issue 10, finding 4: layout time grows linearly with a token's, title's or marking's length,
and every character of a long token is printed."""

from __future__ import annotations

import logging
import re
import shutil
import time
from xml.sax.saxutils import escape, quoteattr

import pytest

from briefing import pdf
from conftest import pdf_text

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed to read the PDF back")


def token(n: int) -> str:
    return "".join(chr(ord("a") + (i * 7) % 26) for i in range(n))


def statement_doc(text: str, title: str = "HEADLINE", marking: str = "") -> str:
    return (
        f'<document title={quoteattr(title)} author="" subject="" keywords="" creator="" '
        f'marking={quoteattr(marking)} header=""><section id="s" title="Economy">'
        f'<statements><statement cite="1">{escape(text)}</statement></statements></section></document>'
    )


def timed(markup: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = pdf.build_pdf(markup)
    return time.perf_counter() - start, data


def test_a_200k_token_is_laid_out_whole_in_linear_time():
    pdf.build_pdf(statement_doc("warm up"))
    small, _ = timed(statement_doc(f"Trade rose {token(50_000)} sharply."))
    big, data = timed(statement_doc(f"Trade rose {token(200_000)} sharply."))
    assert big < 8 * small + 1.0, (small, big)  # 4x the text: linear ~4x, quadratic ~16x
    text = re.sub(r"Page\d+of\d+|HEADLINE", "", "".join(pdf_text(data).split()))  # running head, footer
    assert token(200_000) in text and "Traderose" in text and "sharply." in text


@pytest.mark.parametrize("where", ["title", "marking"])
def test_a_20kb_title_or_marking_is_cut_with_a_warning_and_fast(caplog, where):
    long = " ".join(["Wordy"] * 4000)  # 24 KB
    args = {"title": long} if where == "title" else {"marking": long}
    with caplog.at_level(logging.WARNING, logger="briefing"):
        spent, data = timed(statement_doc("Trade rose.", **args))
    assert spent < 30
    assert f"{where} longer than" in caplog.text
    text = pdf_text(data)
    assert "Trade rose." in text


def test_clip_is_not_quadratic():
    pdf.register_fonts()
    fonts = pdf.register_fonts()
    start = time.perf_counter()
    cut = pdf._clip("x" * 200_000, fonts.regular, 8, 300)
    assert time.perf_counter() - start < 1 and cut.endswith("\u2026") and len(cut) < 200


@pytest.mark.parametrize("text", ["short words only", "a " + "b" * 80 + " c", "x" * 81])
def test_break_long_keeps_every_character(text):
    broken = pdf._break_long(text)
    assert broken.replace(" ", "") == text.replace(" ", "")
    assert max(len(w) for w in broken.split()) <= pdf.LONG_TOKEN
