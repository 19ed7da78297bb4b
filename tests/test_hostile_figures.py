"""Issue 10, finding 2 and the smaller figure findings: ordinary amounts and dateline
typos never crash extraction, and absurd figures are not read as figures."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.extract import extract_document
from briefing.extract.amounts import find_amounts, parse_number
from briefing.extract.events import extract_events, years_before
from briefing.readers import read_source
from briefing.sources import parse_dateline

NBSP, NNBSP = "\u00a0", "\u202f"


# --------------------------------------------------------------------------- grouped with spaces


@pytest.mark.parametrize(
    "raw, value",
    [
        ("1 234", 1234.0),
        (f"12{NBSP}500", 12500.0),
        (f"1{NNBSP}234{NNBSP}567", 1234567.0),
        ("7 000 000", 7e6),
    ],
)
def test_numbers_grouped_with_spaces(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["1,234 567", "1 234.567,5,5", f"1.234{NBSP}567", "9" * 16, "1 234 567 890 123 456"])
def test_mixed_or_overlong_numbers_are_not_read(raw):
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("Exports reached $1 234 million last year.", 1234e6, "USD"),
        ("Imports stood at USD 12 500 million in total.", 12500e6, "USD"),
        (f"The deal is worth €2{NBSP}750 million over ten years.", 2750e6, "EUR"),
        (f"Sales came to NOK 3{NNBSP}400 million, the ministry said.", 3400e6, "NOK"),
    ],
)
def test_amounts_grouped_with_spaces(text, value, currency):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.currency) == (value, currency)


@pytest.mark.parametrize(
    "text",
    [
        "Trade reached $99999999999999999999 trillion, a clerk typed.",
        "Trade was worth $0 billion in the first quarter.",
        "Exports of USD 0 million were recorded.",
        "The fund holds 9999999999 trillion dollars.",
        "A total of $1234567890123456789 changed hands.",
    ],
)
def test_absurd_or_zero_amounts_are_no_figure(text):
    assert find_amounts(text) == []


# --------------------------------------------------------------------------- whole documents


@pytest.mark.parametrize(
    "pair, text, value",
    [
        (("Peru", "Ghana"), "Trade between Peru and Ghana reached $1 234 million in 2020, officials said.", 1234e6),
        (("Finland", "Morocco"), "Trade between Finland and Morocco was USD 12 500 million in 2019.", 12500e6),
        (("Chile", "Norway"), f"Chile and Norway traded goods worth US$ 3{NBSP}100 million in 2018.", 3100e6),
    ],
)
def test_documents_with_space_grouped_amounts_extract(tmp_path, pair, text, value):
    path = tmp_path / "a.txt"
    path.write_text(f"Lima, 5 May 2021 (Wire): {text}\n", encoding="utf-8")
    extraction = extract_document(read_source(path, "a.txt"), pair)
    assert [t.value for t in extraction.trade] == [value]


# --------------------------------------------------------------------------- datelines with any year


@pytest.mark.parametrize(
    "line",
    [
        "Lima, 25 June 0022: Peru and Ghana marked the 30th anniversary of relations.",
        "OSLO, 1 January 0001 (Wire): Finland and Morocco met, as they did last year.",
        "Rabat, December 31, 9999 - Finland and Morocco will meet on Monday.",
        "Accra, 0950-03-04: Ghana and Peru opened talks.",
    ],
)
def test_dateline_year_typos_are_not_dates(line):
    _, when, _, rest = parse_dateline(line)
    assert when is None and ("Peru" in rest or "Morocco" in rest)


def test_plausible_dateline_years_still_read():
    assert parse_dateline("Lima, 25 June 1850: Peru and Ghana met.")[1] == "1850-06-25"
    assert parse_dateline("Lima, 25 June 2150: Peru and Ghana met.")[1] == "2150-06-25"


@pytest.mark.parametrize("doc", [None, "0022-06-25", "0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "sentence",
    [
        "On 25 June 0022, Peru and Ghana marked the 30th anniversary of relations.",
        "Finland and Morocco met on Monday, 30 years ago.",
        "Chile and Norway will meet on Monday next year, tomorrow.",
        "On 31 December 9999 the two marked the 2nd anniversary of the accord.",
        "In 0003 they celebrated the 5th anniversary of ties on 1 January 0003.",
    ],
)
def test_events_never_crash_at_the_ends_of_the_calendar(doc, sentence):
    for event in extract_events([sentence], doc, "a.txt"):
        assert event.year >= 1


@pytest.mark.parametrize("year, n", [(22, 30), (1, 1), (5, 500)])
def test_years_before_year_one_is_none(year, n):
    assert years_before(date(year, 6, 25), n) is None
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_a_year_typo_dateline_gives_no_trade_in_year_zero(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Lima, 25 June 0001: Trade between Peru and Ghana reached $1.2 billion last year, "
        "officials said. Peru and Ghana marked the 30th anniversary of relations.\n",
        encoding="utf-8",
    )
    source = read_source(path, "a.txt")
    extraction = extract_document(source, ("Peru", "Ghana"))
    assert source.date is None
    assert all(len(t.period) >= 4 and not t.period.startswith("0") for t in extraction.trade)
    assert all(e.year >= 1000 for e in extraction.events)


def test_a_zero_amount_makes_no_conflict(tmp_path):
    from briefing.build import Options, collect

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Lima, 5 May 2021: Trade between Peru and Ghana reached $1.5 billion in 2020.\n")
    (seeds / "b.txt").write_text(
        "Accra, 6 May 2021: Trade between Ghana and Peru was $0 billion in 2020, a typo said.\n"
    )
    briefing = collect(Options(seeds=seeds))
    assert not briefing.conflicts
    assert [r.period for r in briefing.trade] == ["2020"]
