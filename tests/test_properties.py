"""Issue 5, property-based: whatever text the seeds hold, extract and build end in
a result or one error line, never a traceback, and the PDF written is valid.

Failures hypothesis finds are saved in tests/fuzz_corpus/ (one seed file each)
and replayed by ``test_fuzz_corpus`` on every run.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from test_bad_input import ARTICLE_A, ARTICLE_B, build, cli, qpdf_check
from test_hostile_text import words_off_page

CORPUS = Path(__file__).parent / "fuzz_corpus"

AMOUNTS = [  # well and badly formed
    "$ .bn",
    "USD 1,2,3bn",
    "$1.2 billion",
    "€40,1 Mrd.",
    "$-0.0 bn",
    "$1e308 billion",
    "USD NaN million",
    "$" + "9" * 40 + " trillion",
    "0." + "0" * 30 + "1 billion dollars",
    "$1,000,000,000,000,000 bn",
    "1.2.3 billion",
    "$.",
    "bn",
    "%",
    "49%",
    "1000%",
    "-5%",
    "USD",
    "₽",
    "₹3 lakh crore",
    "¥",
    "$$$",
]
PERIODS = [
    "2021",
    "0000",
    "99999",
    "2021-22",
    "FY 1999/00",
    "Q5 2020",
    "January–March 2021",
    "31 February 2021",
    "2021-13-45",
    "the 30th anniversary",
    "the 0th anniversary",
    "10000th anniversary",
    "last year",
    "between 2022 and 2019",
]
FRAGMENTS = (
    AMOUNTS
    + ["in " + p for p in PERIODS]
    + [
        # the pair and trade words
        "Chile",
        "Kenya",
        "Chilean",
        "Kenyan",
        "trade between Chile and Kenya",
        "exports to Kenya",
        "imports from Chile",
        "share of Kenya's foreign trade",
        "amounted to",
        "reached",
        # markup, template syntax, separators
        "<b>",
        "</b>",
        "&",
        "&amp;",
        "<",
        ">",
        "{{ 7*7 }}",
        "{% raw %}",
        "{% endraw %}",
        "{#",
        "]]>",
        "<![CDATA[",
        "<?xml?>",
        '"',
        "'",
        "\u201c",
        "\u201d",
        "(",
        ")",
        ":",
        " -- ",
        ".",
        ". ",
        "!",
        "?",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "# ",
        "* ",
        "> ",
        "---",
        "![x](y.png)",
        "[a](b)",
        "Santiago, 5 May 2021 (Wire): ",
        "Nairobi/Santiago, 31 December 9999: ",
        # scripts and odd characters
        "Россия и Беларусь",
        "العلاقات",
        "יחסים",
        "\u202e",
        "\u200f",
        "📈",
        "🇨🇱",
        "👩\u200d👩\u200d👧",
        "e\u0301",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\x00",
        "\x07",
        "\x1b[31m",
        "\x7f",
        "\x85",
        "\ufffd",
        "\U0010ffff",
        "\ud7ff",
    ]
)

ODD_CHARS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"])

AMOUNT = st.one_of(
    st.sampled_from(AMOUNTS),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["$", "USD ", "€", "", "RUB ", "$ ", "-$"]),
        st.one_of(
            st.integers(-(10**25), 10**25).map(str),
            st.floats(allow_nan=True).map(repr),
            st.from_regex(r"[\d.,]{1,12}", fullmatch=True),
        ),
        st.sampled_from([" billion", " bn", "bn", " million", " mn", " trillion", " thousand", "", "%", " per cent"]),
    ),
)
PERIOD = st.one_of(
    st.integers(-5, 100_000).map(str), st.sampled_from(PERIODS), st.from_regex(r"\d{4}[-/]\d{1,4}", fullmatch=True)
)
TRADE = st.builds(
    "{} {} {} {} in {}.".format,
    st.sampled_from(
        [
            "Trade between Chile and Kenya",
            "Kenyan exports to Chile",
            "Chile's imports from Kenya",
            "Kenya's share of Chile's foreign trade",
            "Bilateral trade",
            "Chilean exports",
        ]
    ),
    st.sampled_from(["amounted to", "reached", "fell to", "was", "rose by", "grew from"]),
    AMOUNT,
    st.sampled_from(["", "and", "to", "from", "up from"]),
    PERIOD,
)

piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(ODD_CHARS, max_size=12),
    TRADE,
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True).map(repr),
)
hostile_text = st.lists(piece, max_size=60).map(" ".join)


def encoded(text: str, how: str) -> bytes:
    if how == "utf-16":
        return text.encode("utf-16")
    if how == "cp1251":
        return text.encode("cp1251", errors="replace")
    if how == "latin-1":
        return text.encode("latin-1", errors="replace")
    return text.encode("utf-8", errors="surrogatepass")


seed_files = st.lists(
    st.tuples(hostile_text, st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1251", "latin-1"])),
    min_size=1,
    max_size=3,
).map(lambda files: {f"f{i}.txt": encoded(t, how) for i, (t, how) in enumerate(files)})

# FUZZ_EXAMPLES=2000 for a long hunt; the suite runs 30.
FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def make_seeds(root: Path, files: dict[str, bytes], with_articles: bool) -> Path:
    seeds = root / "seeds"
    seeds.mkdir()
    if with_articles:
        (seeds / "a_wire.txt").write_text(ARTICLE_A)
        (seeds / "b_note.txt").write_text(ARTICLE_B)
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    return seeds


def ends_well(result) -> None:
    """Exit 0, or exit 1 with one "error:" line; never an unhandled exception."""
    if result.exit_code == 0:
        assert result.exception is None
        return
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr


def check_pdf(pdf: Path) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        page.extract_text()
    qpdf_check(pdf)
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True)
    assert done.returncode == 0, done.stderr


@FAST
@given(files=seed_files, with_articles=st.booleans())
def test_extract_never_crashes(files, with_articles):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_seeds(Path(tmp), files, with_articles)
        result = cli("extract", "--seeds", seeds)
        ends_well(result)
        if result.exit_code == 0:
            data = json.loads(result.stdout)
            assert set(data) >= {"countries", "documents", "sections", "trade", "skipped"}
            assert len(data["documents"]) + len(data["skipped"]) == len(files) + 2 * with_articles
        elif not with_articles:
            assert "no readable seed files" in result.stderr


@FAST
@given(files=seed_files, with_articles=st.booleans())
def test_build_never_crashes_and_writes_a_valid_pdf(files, with_articles):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_seeds(Path(tmp), files, with_articles)
        out = Path(tmp) / "out" / "b.pdf"
        result = build(seeds, out)
        ends_well(result)
        if with_articles:
            assert result.exit_code == 0, result.output
        if result.exit_code == 0:
            check_pdf(out)
        else:
            assert not out.exists()


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("seed", corpus_files(), ids=lambda p: p.name)
def test_fuzz_corpus(seed, tmp_path):
    """Regression seeds (inputs that once broke something): built next to two good articles, then alone."""
    files = {seed.name: seed.read_bytes()}
    (tmp_path / "with").mkdir()
    seeds = make_seeds(tmp_path / "with", files, True)
    out = tmp_path / "with" / "b.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    assert "3 sources" in result.stderr  # the seed was read, not skipped
    check_pdf(out)
    assert words_off_page(out) == []
    (tmp_path / "alone").mkdir()
    alone = make_seeds(tmp_path / "alone", files, False)
    ends_well(build(alone, tmp_path / "alone" / "b.pdf"))
    ends_well(cli("extract", "--seeds", alone))


# --------------------------------------------------------------------------- issue 10: generated articles
# Whole articles, read from bytes and extracted in process (no CLI, no PDF), so thousands
# run in seconds: amounts grouped with spaces and non-breaking spaces, datelines with any
# year, CJK and right-to-left text, NUL bytes, UTF-16 without BOM. Nothing may raise.

from briefing.extract import extract_document  # noqa: E402
from briefing.merge import merge  # noqa: E402
from briefing.readers import read_source  # noqa: E402

PAIRS = [("Norway", "Portugal"), ("Peru", "Ghana"), ("Finland", "Morocco")]
GROUP = st.sampled_from([" ", "\u00a0", "\u202f", ",", ".", "'", ""])
GROUPED = st.builds(
    lambda head, groups, sep, dec: head + "".join(sep + g for g in groups) + dec,
    st.integers(0, 999).map(str),
    st.lists(st.integers(0, 999).map("{:03d}".format), max_size=6),
    GROUP,
    st.sampled_from(["", ".5", ",25", ".", ",0"]),
)
MONEY = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(["$", "US$ ", "USD ", "€", "NOK ", "PEN ", "-$", ""]),
    st.one_of(GROUPED, st.integers(0, 10**22).map(str)),
    st.sampled_from([" million", " billion", " trillion", "bn", " thousand", ""]),
    st.sampled_from(["", " dollars", " euros", " cedis"]),
)
YEAR = st.one_of(
    st.integers(1990, 2030).map(str),
    st.integers(1990, 2030).map(str),
    st.integers(0, 99_999).map(str),
    st.integers(0, 9999).map("{:04d}".format),
)
MONTH = st.sampled_from(["January", "June", "February", "December", "Sept.", "Smarch"])
DATELINE = st.builds(
    "{}, {} {} {}{}: ".format,
    st.sampled_from(["Oslo", "LIMA", "Rabat/Accra", "Lisboa"]),
    st.integers(0, 40),
    MONTH,
    YEAR,
    st.sampled_from(["", " (Wire)"]),
)
CJK = st.sampled_from(
    [
        "挪威和葡萄牙签署了渔业合作协定。",
        "双方同意扩大贸易！",
        "会谈何时继续？",
        "秘鲁和加纳的贸易额达到１２３４亿美元。",
        "ノルウェーとポルトガルは漁業協定に署名した。",
        "양국은 무역 확대에 합의했다.",
    ]
)
RTL = st.sampled_from(
    [
        "وقعت النرويج والبرتغال اتفاقية تجارية.",
        "בלה בלה סחר בין פרו לגאנה.",
        "\u202eReversed text\u202c.",
        "\u200fمرحبا 2021.",
    ]
)


def _sentence(a: str, b: str):
    trade = st.one_of(
        st.builds("Trade between {} and {} reached {} in {}.".format, st.just(a), st.just(b), MONEY, YEAR),
        st.builds("{}'s exports to {} rose to {} last year.".format, st.just(a), st.just(b), MONEY),
    )
    return st.one_of(
        trade,
        trade,
        trade,
        st.builds(
            "On {} {} {}, {} and {} marked the {}th anniversary of relations.".format,
            st.integers(1, 31),
            MONTH,
            YEAR,
            st.just(a),
            st.just(b),
            st.integers(0, 10_000),
        ),
        st.builds("{} and {} met on Monday, {} years ago.".format, st.just(a), st.just(b), st.integers(0, 3000)),
        CJK,
        RTL,
        st.text(ODD_CHARS, max_size=30),
        st.sampled_from(["\x00", "\x00\x00", "NUL\x00here."]),
    )


@st.composite
def generated_article(draw):
    a, b = draw(st.sampled_from(PAIRS))
    body = draw(st.lists(_sentence(a, b), min_size=1, max_size=8))
    text = draw(DATELINE) + " ".join(body[:3]) + "\n\n" + " ".join(body[3:]) + "\n"
    how = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16-le", "utf-16"]))
    return (a, b), text.encode(how, errors="surrogatepass")


def _extract_generated(pair, data: bytes) -> None:
    try:
        source = read_source(Path("generated.txt"), "generated.txt", data)
    except ValueError:
        return  # refused with a reason (empty, binary...): the build names it
    extraction = extract_document(source, pair)
    briefing = merge([source], [extraction], pair)
    for row in briefing.trade:
        for value in (row.total, row.exports, row.imports):
            assert value is None or 0 < value <= 1e18, row
        assert not row.period.startswith("0"), row
    for event in briefing.events:
        assert event.year >= 1


@settings(
    max_examples=int(os.environ.get("ARTICLE_EXAMPLES", 300)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(article=generated_article())
def test_generated_articles_never_crash_extraction(article):
    _extract_generated(*article)


@pytest.mark.fuzz
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article=generated_article())
def test_2000_generated_articles_never_crash_extraction(article):
    _extract_generated(*article)
