"""Issue 5: hostile text. Source text is data (markup and template syntax print as
written) and no size of text breaks the layout or falls off the page."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from conftest import flat, pdf_text
from test_bad_input import ARTICLE_B, build, cli, qpdf_check, write_seeds

MARKUP = [
    "AT&T, R&D & more",
    "x < y and y > z",
    "<b>bold?</b>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{% endraw %}",
    "{# not a comment #}",
    "<![CDATA[ x ]]>",
    "&amp; &lt; &#169;",
    '<font size="40" color="red">big</font>',
    "<br/><para>",
    "${jndi:x}",
]


def words_off_page(pdf: Path) -> list[str]:
    """Words whose box is not inside its page, from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    off = []
    for page in re.split(r"<page ", html)[1:]:
        width, height = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>', page
        ):
            if float(x0) < 0 or float(y0) < 0 or float(x1) > width + 0.5 or float(y1) > height + 0.5:
                off.append(word)
    return off


def test_markup_and_template_syntax_print_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    topics = [
        "copper",
        "tea",
        "ports",
        "flowers",
        "wine",
        "fisheries",
        "tourism",
        "railways",
        "banking",
        "mining",
        "aviation",
        "textiles",
    ]
    # different words around each, so near-duplicate merging keeps them apart
    sentences = [
        f"Chile and Kenya {t} envoys wrote {m} in note {i} on {t}." for i, (t, m) in enumerate(zip(topics, MARKUP))
    ]
    hostile = (
        "Santiago, 9 May 2021 (<b>Wire</b> & {{ 7*7 }}): "
        + " ".join(sentences[:6])
        + "\n\n"
        + " ".join(sentences[6:])
        + "\n"
    )
    seeds = write_seeds(tmp_path / "seeds", {"c_markup.txt": hostile, "{{ 7*7 }} & <b>.txt": ARTICLE_B})
    out = tmp_path / "b.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    qpdf_check(out)
    text = flat(pdf_text(out))
    for sentence in sentences:
        assert sentence in text, sentence
    assert "{{ 7*7 }} & <b>.txt" in text  # a file name is data too
    assert "<b>Wire</b> & {{ 7*7 }}" in text  # the agency from the dateline
    assert not re.search(r"\b49\b", text)
    data = json.loads(cli("extract", "--seeds", seeds).stdout)
    statements = [s["text"] for v in data["sections"].values() for s in v]
    for sentence in sentences:
        assert sentence in statements, sentence


def test_400_character_token_wraps_inside_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = "https://example.org/" + "".join(chr(ord("a") + i % 26) for i in range(380)) + "/end"
    assert len(url) == 404
    seed = (
        f"Nairobi, 7 May 2021 (Wire{url[:30]}): Chile and Kenya published the accord at {url} today.\n\n"
        f"Trade between Chile and Kenya rose, see {url}.\n"
    )
    seeds = write_seeds(tmp_path / "seeds", {"c_url.txt": seed, f"{'n' * 200}.txt": ARTICLE_B})
    out = tmp_path / "b.pdf"
    assert build(seeds, out).exit_code == 0
    qpdf_check(out)
    assert words_off_page(out) == []
    squashed = flat(pdf_text(out)).replace(" ", "")
    assert url in squashed
    assert "n" * 200 + ".txt" in squashed


def sentences(n_words: int, seed: int = 5) -> list[str]:
    """Plain sentences of 6 to 20 words, ``n_words`` in all."""
    import random

    rnd = random.Random(seed)
    vocab = [
        "trade",
        "ports",
        "copper",
        "tea",
        "flowers",
        "ministers",
        "talks",
        "and",
        "the",
        "of",
        "new",
        "routes",
        "shipping",
        "growth",
        "Chile",
        "Kenya",
        "exporters",
        "season",
    ]
    out, total = [], 0
    while total < n_words:
        k = min(rnd.randint(6, 20), n_words - total)
        words = [rnd.choice(vocab) for _ in range(k)]
        out.append(" ".join(words).capitalize() + ".")
        total += k
    return out


def test_50000_word_paragraph_cut_off_mid_sentence_is_kept(tmp_path):
    """A pasted paragraph whose last full stop is missing is prose, not a heading to drop."""
    body = " ".join(sentences(49_997)) + " finale omega zulu"
    seeds = write_seeds(tmp_path / "seeds", {"c_long.txt": f"Mombasa, 5 May 2021: {body}\n"})
    data = json.loads(cli("extract", "--seeds", seeds).stdout)
    statements = [s["text"] for v in data["sections"].values() for s in v]
    assert any(s.endswith("finale omega zulu") for s in statements)
    from_long = [s for v in data["sections"].values() for s in v if "c_long.txt" in s["sources"]]
    assert len(from_long) > 1000


def test_50000_word_paragraph_lands_whole_in_the_pdf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    words = " ".join(w.rstrip(".").lower() for w in sentences(49_994))
    seed = f"Mombasa, 5 May 2021: Chile and Kenya trade {words} finale omega zulu.\n"
    assert len(seed.split()) > 50_000
    seeds = write_seeds(tmp_path / "seeds", {"c_long.txt": seed})
    out = tmp_path / "b.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    assert len(PdfReader(out).pages) > 50
    text = flat(pdf_text(out))
    assert "finale omega zulu. [" in text  # the last words, cited
    assert text.count(" ") > 50_000
    assert words_off_page(out) == []


def trade_seeds(folder: Path, first: int = 1801, last: int = 2020) -> dict[str, float]:
    """One seed per decade stating the yearly total; returns year -> billions stated."""
    figures = {}
    files = {}
    for decade in range(first // 10 * 10, last + 1, 10):
        lines = [f"Valparaiso, 1 June 2021: Chile and Kenya trade statistics for the {decade}s.", ""]
        for year in range(max(decade, first), min(decade + 10, last + 1)):
            figures[year] = round(0.5 + (year - first) * 0.013, 3)
            lines.append(f"In {year}, trade between Chile and Kenya amounted to ${figures[year]} billion.")
        files[f"stats_{decade}.txt"] = "\n".join(lines) + "\n"
    write_seeds(folder, files)
    return figures


def test_trade_table_of_hundreds_of_periods(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    figures = trade_seeds(tmp_path / "seeds")
    assert len(figures) == 220
    csv = cli("extract", "--seeds", tmp_path / "seeds", "--format", "csv").stdout
    periods = {line.split(",")[0] for line in csv.splitlines()[1:]}
    assert {str(y) for y in figures} <= periods
    out = tmp_path / "b.pdf"
    result = build(tmp_path / "seeds", out)
    assert result.exit_code == 0, result.output
    qpdf_check(out)
    assert words_off_page(out) == []
    layout = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    rows = {int(m.group(1)) for m in re.finditer(r"^ *(\d{4}) +\$[\d.]+ [mb]n", layout, re.M)}
    assert rows == set(figures)  # every period a row with its figure, over as many pages as it takes


SCRIPTS = (
    "Arabic: العلاقات التجارية بين تشيلي وكينيا. Hebrew: יחסי מסחר. "
    "Emoji: trade 📈🇨🇱🇰🇪👩‍👩‍👧 rose. Devanagari: व्यापार. CJK: 贸易关系. "
    "Controls:\x07\x1b[31m red\x1b[0m \u202eRTL override\u202c done. Combining: Z\u0351\u0352\u0353algo."
)


def test_rtl_emoji_and_control_characters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed = f"Santiago, 9 May 2021: Chile and Kenya discussed trade in many scripts. {SCRIPTS}\n"
    seeds = write_seeds(tmp_path / "seeds", {"c_scripts.txt": seed})
    out = tmp_path / "b.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    qpdf_check(out)
    assert len(PdfReader(out).pages) >= 1
    dumped = cli("extract", "--seeds", seeds).stdout
    data = json.loads(dumped)
    assert "c_scripts.txt" in [d["file"] for d in data["documents"]]
    assert "العلاقات" in json.dumps(data, ensure_ascii=False)
    assert "\x1b" not in dumped and "\\u001b" not in dumped


def test_stray_control_characters_are_dropped_at_decode():
    from briefing.sources import decode

    pad = " Chile and Kenya met again to talk about the trade in copper and tea." * 2
    assert decode(b"Trade\x1b[31m rose\x07 in\x0b2020\x7f." + pad.encode()) == "Trade[31m rose in 2020." + pad
    assert decode("Caf\u00e9 \u0085ok.".encode()) == "Caf\u00e9 ok."


def test_cut_off_paragraph_kept_but_headings_and_menus_dropped():
    from briefing.sources import split_paragraphs

    cut = " ".join(sentences(60)) + " and then the text stops"
    menu = " ".join(["Home News World Business Sport Culture Weather"] * 8)
    paras, dropped = split_paragraphs(f"Economic ties\n\n{cut}\n\n{menu}\n\nA short sentence.\n")
    assert paras == [cut, "A short sentence."]
    assert dropped == ["Economic ties", menu]


def test_malformed_amounts_are_not_read():
    from briefing.extract.amounts import find_amounts

    for text in ("$1e308 billion", "USD 1,2,3bn", "$ .bn", "$1.2.3 billion", "$5x"):
        assert find_amounts(f"Trade reached {text} in 2021.") == [], text
    assert [a.value for a in find_amounts("Trade reached $1.2bn, then $5m.")] == [1.2e9, 5e6]


def test_absurd_figures_stay_on_the_page(tmp_path, monkeypatch):
    """A 54-digit amount is printed as stated, wrapped in its cell; chart ticks stay short."""
    monkeypatch.chdir(tmp_path)
    huge = "9" * 54
    seed = (
        f"Santiago, 5 May 2021: Trade between Chile and Kenya amounted to ${huge} trillion in 2018. "
        "Trade between Chile and Kenya reached $2 billion in 2017.\n"
    )
    seeds = write_seeds(tmp_path / "seeds", {"c_huge.txt": seed})
    out = tmp_path / "b.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    qpdf_check(out)
    assert words_off_page(out) == []
    assert "trillion in 2018" in flat(pdf_text(out))
