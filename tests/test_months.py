"""One month table (briefing.months): every reader's month pattern is made from it."""

import re
from pathlib import Path

import pytest

from briefing import months
from briefing.extract import periods
from briefing.extract.sentences import split_sentences

PACKAGE = Path(months.__file__).parent


@pytest.mark.parametrize("word", sorted(months.MONTHS))
def test_every_name_and_abbreviation_is_read_as_its_month(word):
    (mention,) = [m for m in periods.find(f"Exports rose in {word.capitalize()} 2021.") if m.period is not None]
    n = months.MONTHS[word]
    assert mention.period == periods.months(2021, n, n)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("trade in Jan.-Mar. 2022", (2022, 1), (2022, 3)),
        ("between Sept and December 2019", (2019, 9), (2019, 12)),
        ("in the year ended June 2020", (2019, 7), (2020, 6)),
    ],
)
def test_month_ranges_with_abbreviations(text, start, end):
    (mention,) = [m for m in periods.find(text) if m.period is not None]
    assert (mention.period.start, mention.period.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Talks resumed on 4 Sept. 2023 in the capital. Both sides agreed.",
        "The envoy arrived on Feb. 12 and left soon after. Trade was discussed.",
        "Prices fell in Dec. after the harvest. Exports recovered.",
    ],
)
def test_a_month_abbreviation_does_not_end_a_sentence(text):
    assert len(split_sentences(text)) == 2


def test_may_ends_a_sentence_because_it_is_no_abbreviation():
    assert len(split_sentences("The accord was signed in May. Trade grew.")) == 2


def test_patterns_match_whole_names_longest_first():
    rx = re.compile(months.MONTH_RX + r"\b", re.I)
    assert rx.match("September").group(0) == "September"
    assert rx.match("Sept.").group(0) == "Sept"
    assert re.fullmatch(months.MONTH_NAME_RX, "Jan") is None


# "January|February", "jan(?:uary)?|feb", or an alternation built again from the table.
_MONTH_LIST = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?)\s*(?:\(\?:[a-z]+\)\?)?\s*\|\s*feb|join\(sorted\(.*\bMONTH(?:S|_NAMES|_ABBR)\b"
)


def test_no_module_spells_out_its_own_month_names():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "months.py" and _MONTH_LIST.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("in the year ended ſeptember 2020", "in the year ended September 2020"),  # long s
        ("in the twelve months ended ſept. 2019", "in the twelve months ended Sept. 2019"),
        ("between March and auguſt 2021", "between March and August 2021"),
        ("by APRİL 2022", "by APRIL 2022"),  # dotted capital I
        ("from aprıl to June 2018", "from april to June 2018"),  # dotless i
    ],
)
def test_letters_the_case_blind_patterns_fold_are_read_as_the_month(odd, plain):
    """re.IGNORECASE matches "ſeptember" as "september": the month table must find it too (it raised)."""
    assert [m.period for m in periods.find(odd)] == [m.period for m in periods.find(plain)]


def test_the_month_table_folds_only_what_it_misses():
    assert months.MONTHS["ſept"] == months.MONTHS["sept"] == 9
    assert months.MONTHS["ſeptember"] == 9
    with pytest.raises(KeyError):
        months.MONTHS["smarch"]
    assert "ſept" not in months.MONTHS  # membership stays exact: patterns decide what is a month


def test_a_document_with_a_long_s_month_is_extracted(tmp_path):
    from briefing.extract import extract_document
    from briefing.readers import read_source

    path = tmp_path / "note.txt"
    path.write_text(
        "Nairobi, 3 March 2021 - Trade between Kenya and Uganda reached $1.2 billion in the year ended "
        "ſeptember 2020, the statistics office said.\n",
        encoding="utf-8",
    )
    result = extract_document(read_source(path, "note.txt"), ("Kenya", "Uganda"))
    assert result.sentences
