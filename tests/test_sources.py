"""Seed discovery, decoding, datelines and paragraph cleaning."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from briefing.readers import read_source
from briefing.sources import decode, find_seeds, parse_dateline, split_paragraphs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CASES = ROOT.parent / "shared" / "eval" / "cases"
GOLD = json.loads((ROOT / "tests" / "seeds-gold.json").read_text(encoding="utf-8"))


def case_dirs():
    return sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []


# ---------------------------------------------------------------- find_seeds


def test_find_seeds_sorted_and_filtered(tmp_path):
    for name in [
        "b.md",
        "a.txt",
        "sub/c.txt",
        ".hidden.txt",
        ".#a.txt",
        "a.txt~",
        "x.swp",
        "notes.pdf",
        "page.htm",
        "n.docx",
        "x.doc",
        "y.rtf",
        ".git/z.txt",
        "#auto.txt#",
        "UP.TXT",
    ]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x.")
    got = [p.relative_to(tmp_path).as_posix() for p in find_seeds(tmp_path)]
    assert got == ["UP.TXT", "a.txt", "b.md", "n.docx", "notes.pdf", "page.htm", "sub/c.txt"]


def test_find_seeds_example_folder():
    assert [p.name for p in find_seeds(SEEDS)] == [d["file"] for d in GOLD["documents"]]


# ---------------------------------------------------------------- decode

TEXT_RU = "Москва, 25 июня 2022 (ТДИ): Россия и Беларусь отмечают годовщину дипломатических отношений."
TEXT_PT = "São Paulo, 3 de março de 2021: O comércio entre o Brasil e a Argentina cresceu. Exportações à França."


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Åland and Ærø.".encode(), "Åland and Ærø."),
        (b"\xef\xbb\xbfHello world.", "Hello world."),
        ("\ufeffTürkiye signed.".encode("utf-16-le"), "Türkiye signed."),
        ("\ufeffTürkiye signed.".encode("utf-16-be"), "Türkiye signed."),
        (TEXT_RU.encode("cp1251"), TEXT_RU),
        (TEXT_PT.encode("latin-1"), TEXT_PT),
        (
            "Die Außenminister trafen sich in München. Größere Übereinkünfte.".encode("latin-1"),
            "Die Außenminister trafen sich in München. Größere Übereinkünfte.",
        ),
    ],
)
def test_decode_encodings(data, expected):
    assert decode(data) == expected


def test_decode_normalises_lines_spaces_and_accents():
    raw = "a\r\nb\rc\u00a0d\u202fe\u200bf\u2009g e\u0301".encode("utf-8")
    assert decode(raw) == "a\nb\nc d ef g \u00e9"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(32)) * 20, "binary"),
    ],
)
def test_decode_rejects(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode(data)


# ---------------------------------------------------------------- parse_dateline


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Moscow/Minsk, 25 June 2022 (TDI): text", (("Moscow", "Minsk"), "2022-06-25", "TDI", "text")),
        ("WASHINGTON, Feb. 8, 2023 (Reuters) - Trade rose.", (("Washington",), "2023-02-08", "Reuters", "Trade rose.")),
        (
            "Baku, March 28, 2022 (AZERTAC) \u2014 The customs said.",
            (("Baku",), "2022-03-28", "AZERTAC", "The customs said."),
        ),
        ("NEW DELHI (PTI): India said so.", (("New Delhi",), None, "PTI", "India said so.")),
        ("Berlin, 2022-06-25: Talks began.", (("Berlin",), "2022-06-25", None, "Talks began.")),
        ("Mexico City, 12 December 2022 (NAR): Mexico and", (("Mexico City",), "2022-12-12", "NAR", "Mexico and")),
        ("WASHINGTON \u2014 The talks ended.", (("Washington",), None, None, "The talks ended.")),
        ("The two presidents met: it was good.", ((), None, None, "The two presidents met: it was good.")),
        ("In 2021, trade rose - a lot.", ((), None, None, "In 2021, trade rose - a lot.")),
        ("Economy: trade rose.", ((), None, None, "Economy: trade rose.")),
        # a full stop ends a dateline only when it has a date
        ("Nairobi, Tuesday, 14 May 2024. Exports rose.", (("Nairobi",), "2024-05-14", None, "Exports rose.")),
        ("Lima, 3 March 2021. The talks resumed.", (("Lima",), "2021-03-03", None, "The talks resumed.")),
        ("HANOI, Friday, June 7, 2024. Trade grew.", (("Hanoi",), "2024-06-07", None, "Trade grew.")),
        ("LIMA. The talks resumed.", ((), None, None, "LIMA. The talks resumed.")),
        ("Mr. Ruiz arrived. Talks began.", ((), None, None, "Mr. Ruiz arrived. Talks began.")),
        # a dateline alone on its line, with a long note in brackets
        (
            "Rabat, 15 June 2024 (release of the Ministry of Industry and Trade, Directorate of Studies)",
            (("Rabat",), "2024-06-15", "release of the Ministry of Industry and Trade, Directorate of Studies", ""),
        ),
        ("Accra, 2 May 2023", (("Accra",), "2023-05-02", None, "")),
        ("KAMPALA, March 4, 2024 (Monitor desk)", (("Kampala",), "2024-03-04", "Monitor desk", "")),
        ("Ghana and Nigeria, a survey", ((), None, None, "Ghana and Nigeria, a survey")),
    ],
)
def test_parse_dateline(text, expected):
    assert parse_dateline(text) == expected


# ---------------------------------------------------------------- paragraphs


def test_wrapped_lines_are_joined_and_headings_dropped():
    text = (
        "Economic ties\n"
        "Russia is a key trade partner and a major export market for the\n"
        "manufacturers of the other country, the ministry said on Monday.\n\n"
        "Second paragraph here.\n"
    )
    paras, dropped = split_paragraphs(text)
    assert paras == [
        "Russia is a key trade partner and a major export market for the manufacturers "
        "of the other country, the ministry said on Monday.",
        "Second paragraph here.",
    ]
    assert dropped == ["Economic ties"]


def test_repeated_captions_dropped_even_with_punctuation():
    text = "Lead sentence.\n\nA photo of the port.\n\nA photo of the port.\n\nLast one.\n"
    paras, dropped = split_paragraphs(text)
    assert paras == ["Lead sentence.", "Last one."]
    assert dropped.count("A photo of the port.") == 2


def test_garbled_caption_copy_is_dropped():
    text = (
        "Two leaders at a summit Two leaders at a summit in the capital\n"
        "Two leaders at a summit in the capital\n\nProse.\n"
    )
    paras, dropped = split_paragraphs(text)
    assert paras == ["Prose."]
    assert len(dropped) == 2


def test_markdown_is_stripped(tmp_path):
    md = (
        "# Big title\n\n**Baku, 28 March 2022 (BSR):** Trade [grew](http://x.org) by *a lot*.\n\n"
        "- a bullet point\n\n![img](pic.png)\n\n## Sub\n\nThe _second_ paragraph.\n"
    )
    src = read_source(tmp_path / "a.md", "a.md", md.encode())
    assert src.date == "2022-03-28" and src.agency == "BSR" and src.places == ("Baku",)
    assert src.paragraphs == ("Trade grew by a lot.", "The second paragraph.")
    assert "Big title" in src.dropped and "a bullet point" in src.dropped


def test_dateline_on_its_own_line(tmp_path):
    data = b"WASHINGTON, Feb. 8, 2023 (Reuters) -\nTrade rose sharply.\n"
    src = read_source(tmp_path / "x.txt", "x.txt", data)
    assert src.date == "2023-02-08" and src.paragraphs == ("Trade rose sharply.",)


def test_no_dateline(tmp_path):
    src = read_source(tmp_path / "x.txt", "x.txt", b"Plain text.\n")
    assert (src.places, src.date, src.agency, src.paragraphs) == ((), None, None, ("Plain text.",))


# ---------------------------------------------------------------- examples


@pytest.mark.parametrize("doc", GOLD["documents"], ids=lambda d: d["file"])
def test_seed_datelines(doc):
    path = SEEDS / doc["file"]
    src = read_source(path, doc["file"])
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (src.date, list(src.places), src.agency) == (doc["date"], doc["places"], doc["agency"])
    assert not src.paragraphs[0].startswith(doc["places"][0])
    assert src.paragraphs[0].startswith(("Russia and Belarus", "The Treaty"))


def _all_paragraphs(folder):
    return [p for path in find_seeds(folder) for p in read_source(path, path.name).paragraphs]


def test_seed_captions_and_headings_gone():
    text = "\n".join(_all_paragraphs(SEEDS))
    for caption in GOLD["must_not_appear"] + ["Economic ties", "Diplomatic achievements", "Lukashenko"]:
        assert caption not in text


NOTES = CASES.parent / "notes"
_FILE = re.compile(r"[\w-]+\.txt")
_NO_WIRE = re.compile(r"published:|(?:no|not a|without a) (?:wire )?dateline", re.IGNORECASE)
_NO_DATE = re.compile(r"undated|no date at all", re.IGNORECASE)
_NOTE_DATE = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})|([A-Z][a-z]+) (\d{1,2}), (\d{4})")


def _note_date(text):
    from datetime import datetime

    m = _NOTE_DATE.search(text)
    if not m:
        return None
    d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(f"{d} {mo} {y}", fmt).date().isoformat()
        except ValueError:
            pass
    return None


def expected_dates():
    """What the notes say of the articles without a wire dateline: {file: ISO date or None}.

    Read generically from every notes file: a file named near "Published:" or
    "no wire dateline" has the date written after its name; one named near
    "undated" or "no date at all" with no date after it has none. Every other
    article begins with a wire dateline (README: "Most begin with a dateline").
    """
    found = {}
    for note in sorted(NOTES.glob("*.md")):
        for line in note.read_text(encoding="utf-8").splitlines():
            names = list(_FILE.finditer(line))
            for k, m in enumerate(names):
                before = line[names[k - 1].end() if k else 0 : m.start()]
                after = line[m.end() : names[k + 1].start() if k + 1 < len(names) else len(line)]
                context = before + after
                date = _note_date(after)
                if date and _NO_WIRE.search(context):
                    found[(note.stem, m.group())] = date
                elif not date and _NO_DATE.search(context):
                    found.setdefault((note.stem, m.group()), None)
    return found


def test_eval_cases_present():
    assert CASES.is_dir() and len(case_dirs()) >= 3, f"eval cases missing: {CASES}"
    assert NOTES.is_dir() and expected_dates(), f"eval notes missing or unreadable: {NOTES}"


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_eval_captions_gone_and_datelines_read(case):
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    sources = [read_source(p, p.name) for p in find_seeds(case)]
    text = "\n".join(p for s in sources for p in s.paragraphs)
    for caption in gold["must_not_appear"]:
        assert caption not in text
        assert any(caption in d for s in sources for d in s.dropped)
    expected = expected_dates()
    for s in sources:
        key = (case.name, s.file)
        if key not in expected:  # a wire dateline: place, date and agency
            assert s.date and s.places and s.agency and s.date_source == "dateline", s.file
        elif expected[key]:  # a date line in the text
            assert (s.date, s.date_source) == (expected[key], "text"), s.file
        else:  # undated: no date is invented
            assert (s.date, s.date_source) == (None, "none"), s.file
        assert all(p.rstrip()[-1] in ".!?\u2026\"'\u201d)" for p in s.paragraphs)
