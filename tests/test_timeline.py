"""Timeline rows: a row that prints another row's event (as the sentence its own one depends on) is that row."""

from __future__ import annotations

import pytest

from briefing.model import Briefing, MergedEvent, Source
from briefing.render import _event_rows


def _doc(name: str, day: str | None, *paragraphs: str) -> Source:
    return Source(file=name, sha256=name, date=day, places=(), agency=None, paragraphs=paragraphs)


def _briefing(docs, events, pair=("Chile", "Peru")) -> Briefing:
    return Briefing(
        countries=pair,
        reporter=None,
        documents=tuple(docs),
        sections={},
        events=tuple(events),
        trade=(),
        shares=(),
        conflicts=(),
    )


CHAINS = [
    # (pair, first sentence, dependent sentence dated later, its year and ISO date)
    (
        ("Chile", "Peru"),
        "Chile and Peru signed the ferry treaty in Arica in July 2001.",
        "Its first review was held in Lima on 3 May 2011, when the ministers added two routes.",
        2011,
        "2011-05-03",
    ),
    (
        ("Ghana", "Togo"),
        "Ghana and Togo opened a joint border post at Aflao in March 2015.",
        "It was shut on 9 June 2020, when both governments closed their land borders.",
        2020,
        "2020-06-09",
    ),
    (
        ("Norway", "Iceland"),
        "Norway and Iceland signed the herring accord in Reykjavik in 1996.",
        "Its third revision was agreed in Oslo on 12 April 2019 after two years of talks.",
        2019,
        "2019-04-12",
    ),
]


@pytest.mark.parametrize("pair, first, second, year, iso", CHAINS)
def test_a_row_that_prints_another_rows_event_is_one_row_with_both_dates(pair, first, second, year, iso):
    doc = _doc("a.txt", "2024-01-10", f"{first} {second}")
    early = MergedEvent(int(first.rstrip(".")[-4:]), None, False, first, None, ("a.txt",))
    late = MergedEvent(year, iso, False, second, None, ("a.txt",))
    rows = _event_rows(_briefing([doc], [early, late], pair))
    assert len(rows) == 1, rows
    assert rows[0]["text"] == f"{first} {second}"
    # "July 2001; 3 May 2011": the first date may carry the month its sentence names (event_month)
    assert rows[0]["when"].split("; ")[0].endswith(str(early.year)) and rows[0]["when"].endswith(str(year))
    assert rows[0]["year"] == early.year


@pytest.mark.parametrize("pair, first, second, year, iso", CHAINS)
def test_a_restatement_of_the_first_event_in_another_article_folds_in_too(pair, first, second, year, iso):
    """The first event is also told by another source, in its own words: still one row, citing both."""
    doc = _doc("a.txt", "2024-01-10", f"{first} {second}")
    other_text = f"According to officials, {first[0].lower()}{first[1:]}"
    other = _doc("b.txt", "2023-05-01", other_text)
    early = MergedEvent(int(first.rstrip(".")[-4:]), None, False, other_text, None, ("b.txt", "a.txt"))
    late = MergedEvent(year, iso, False, second, None, ("a.txt",))
    rows = _event_rows(_briefing([doc, other], [early, late], pair))
    assert len(rows) == 1, rows
    assert rows[0]["text"] == f"{first} {second}" and sorted(rows[0]["sources"]) == ["a.txt", "b.txt"]


def test_a_relative_date_restating_the_first_event_folds_in():
    """'in August last year' in an article of 2016 is August 2015: the row that prints August 2015 tells it."""
    first = "Cartes and Morales signed the river accord in Asuncion in August 2015."
    second = "Its second review took place in La Paz on 2 May 2018, when barges were given a new quay."
    relative = "The two presidents signed the river accord in Asuncion in August last year, after long talks."
    a = _doc("a.txt", "2016-03-01", relative)
    b = _doc("b.txt", "2019-01-15", f"{first} {second}")
    early = MergedEvent(2015, None, False, relative, "in August last year, read against 1 March 2016", ("a.txt",))
    late = MergedEvent(2018, "2018-05-02", False, second, None, ("b.txt",))
    rows = _event_rows(_briefing([a, b], [early, late], ("Bolivia", "Paraguay")))
    assert len(rows) == 1, rows
    assert rows[0]["text"] == f"{first} {second}" and sorted(rows[0]["sources"]) == ["a.txt", "b.txt"]


def test_the_same_relative_words_of_another_year_stay_a_row_of_their_own():
    first = "Cartes and Morales signed the river accord in Asuncion in August 2015."
    second = "Its second review took place in La Paz on 2 May 2018, when barges were given a new quay."
    relative = "The two presidents signed the river accord in Asuncion in August last year, after long talks."
    a = _doc("a.txt", "2018-03-01", relative)  # August 2017: another signing
    b = _doc("b.txt", "2019-01-15", f"{first} {second}")
    early = MergedEvent(2017, None, False, relative, "in August last year, read against 1 March 2018", ("a.txt",))
    late = MergedEvent(2018, "2018-05-02", False, second, None, ("b.txt",))
    rows = _event_rows(_briefing([a, b], [early, late], ("Bolivia", "Paraguay")))
    assert len(rows) == 2, rows


def test_a_lead_sentence_that_is_no_event_leaves_the_rows_alone():
    first = "Chile and Peru signed the ferry treaty in Arica in July 2001."
    lead = "The port of Arica handles most of the ferry traffic."
    second = "It was renovated on 3 May 2011, when the ministers added two berths."
    doc = _doc("a.txt", "2024-01-10", f"{first} {lead} {second}")
    early = MergedEvent(2001, None, False, first, None, ("a.txt",))
    late = MergedEvent(2011, "2011-05-03", False, second, None, ("a.txt",))
    rows = _event_rows(_briefing([doc], [early, late]))
    assert [r["text"] for r in rows] == [first, f"{lead} {second}"]
