"""Issue 10, finding 8: text the embedded font cannot show (CJK, Thai, emoji) or shows
wrongly (Arabic unjoined, Hebrew left to right) gets one warning naming file and script."""

from __future__ import annotations

import logging

import pytest

from briefing.build import Options, run
from briefing.coverage import problems
from briefing.fonts import register_fonts

ARTICLES = {
    "a_plain.txt": "Oslo, 3 March 2021: Norway and Portugal agreed on fisheries, the Русский and Ελληνικά press said.\n",
    "b_chinese.txt": "Oslo, 4 March 2021: Norway and Portugal signed a deal.\n\n挪威和葡萄牙签署了渔业合作协定。双方同意扩大贸易！\n",
    "c_arabic.txt": "Oslo, 5 March 2021: Norway and Portugal met in Rabat.\n\nوقعت النرويج والبرتغال اتفاقية تجارية.\n",
    "d_emoji.txt": "Oslo, 6 March 2021: Norway and Portugal trade rose 📈 sharply.\n",
    "e_korean.txt": "Oslo, 7 March 2021: Norway and Portugal met in Seoul.\n\n양국은 무역 확대에 합의했다.\n",
}


@pytest.fixture(scope="module")
def shown():
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(register_fonts().regular).face.charToGlyph


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Plain Latin, Русский, Ελληνικά, café €", []),
        ("ภาษาไทย", ["Thai (no glyphs in the font: empty boxes)"]),
        ("שלום", ["Hebrew (printed left to right)"]),
    ],
)
def test_problems_by_script(shown, text, expected):
    assert problems(text, shown) == expected


def test_each_file_with_unshowable_text_is_named_once(tmp_path, caplog):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        run(Options(seeds=seeds, out=tmp_path / "out" / "b.pdf", force=True))
    lines = [r.getMessage() for r in caplog.records if "cannot show" in r.getMessage()]
    assert [line.split(":")[0] for line in lines] == ["b_chinese.txt", "c_arabic.txt", "d_emoji.txt", "e_korean.txt"]
    assert "Chinese characters" in lines[0] and "Arabic (printed unjoined" in lines[1]
    assert "emoji" in lines[2] and "Korean" in lines[3]
