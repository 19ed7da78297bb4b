"""Where a source's date comes from: front matter, metadata, dateline, a date line, or nowhere."""

from datetime import datetime

import pytest

from briefing.build import Options, collect
from briefing.dating import date_in_line, parse_date_value, relative_phrases, text_date
from briefing.extract import extract_document
from briefing.readers import read_source
from briefing.render import build_context


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Published: 14 March 2023", "2023-03-14"),
        ("March 14, 2023 | 10:42", "2023-03-14"),
        ("Updated 15.03.2023 at 09:10 GMT", "2023-03-15"),
        ("Posted on Tuesday, 7 November 2017", "2017-11-07"),
        ("2021-09-30T08:00", None),  # not a line a page prints
        ("First published 2 Feb 2020 \u00b7 3 min read", None),
        ("Date: 31/12/2019", "2019-12-31"),
        ("12/31/2019", "2019-12-31"),
    ],
)
def test_date_lines(line, iso):
    got = date_in_line(line)
    assert (got[0] if got else None) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Trade between Chile and Peru hit a record on 14 March 2023",  # a headline that names a date
        "03/04/2023",  # day and month could be swapped
        "Published: 31 February 2023",  # no such day
        "By Ana Souza, Lima correspondent",
    ],
)
def test_not_date_lines(line):
    assert date_in_line(line) is None


def test_published_wins_over_updated_and_prose_ends_the_search():
    lines = [
        "Ghana and Togo sign a border deal",
        "Updated: 3 May 2022",
        "Published: 1 May 2022",
        "",
        "The two governments signed the deal on Monday.",
        "Published: 9 May 2022",
    ]
    assert text_date(lines) == ("2022-05-01", 2)
    assert text_date(["Ghana and Togo agree on power lines.", "", "Published: 4 April 2021"]) == (None, -1)


@pytest.mark.parametrize(
    "value, iso",
    [
        ("D:20230314104200+01'00'", "2023-03-14"),
        ("2022-06-25T08:15:00+03:00", "2022-06-25"),
        ("25 June 2022", "2022-06-25"),
        ("", None),
        ("soon", None),
        (None, None),
    ],
)
def test_metadata_values(value, iso):
    assert parse_date_value(value) == iso


def test_relative_phrases():
    text = (
        "Exports rose last year. Yesterday the minister said the current fiscal year looks better "
        "than three years ago. Talks resume on Monday."
    )
    assert relative_phrases(text) == ["last year", "Yesterday", "current fiscal year", "three years ago", "on Monday"]
    assert relative_phrases("In 2016 Chile sold copper to Peru; in 2019 it sold more.") == []


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_date_source_order(tmp_path):
    front = _write(tmp_path, "a.md", "---\ndate: 2023-01-05\n---\nLima, 2 March 2023 (XNA): Chile and Peru met.\n")
    dateline = _write(tmp_path, "b.txt", "Lima, 2 March 2023 (XNA): Chile and Peru met.\n\nPublished: 9 May 2023\n")
    line = _write(tmp_path, "c.txt", "Chile and Peru meet\nMarch 9, 2023 | 10:42\n\nChile and Peru met in Lima.\n")
    none = _write(tmp_path, "d.txt", "Chile and Peru meet\n\nChile and Peru met in Lima in 2016.\n")
    got = [(s.date, s.date_source) for s in (read_source(p, p.name) for p in (front, dateline, line, none))]
    assert got == [("2023-01-05", "front matter"), ("2023-03-02", "dateline"), ("2023-03-09", "text"), (None, "none")]
    assert "March 9, 2023" not in " ".join(read_source(line, "c.txt").paragraphs + read_source(line, "c.txt").dropped)


def test_undated_warns_only_with_relative_phrases(tmp_path):
    pair = ("Ghana", "Togo")
    relative = _write(tmp_path, "r.txt", "Ghana and Togo traded more last year than ever.\n")
    absolute = _write(tmp_path, "s.txt", "Ghana and Togo traded goods worth $1 billion in 2019.\n")
    warn = extract_document(read_source(relative, "r.txt"), pair).warnings
    assert len(warn) == 1 and "undated" in warn[0] and "'last year'" in warn[0]
    assert extract_document(read_source(absolute, "s.txt"), pair).warnings == ()


def test_updated_date_is_the_newest_dated_source(tmp_path):
    seeds = tmp_path / "seeds"
    _write(seeds, "a.txt", "Oslo, 8 January 2019 (NTB): Norway and Sweden signed a trade pact.\n")
    for i in range(3):
        _write(
            seeds,
            f"u{i}.txt",
            f"Norway and Sweden traded goods worth ${i + 1} billion in 2023, the ministry said this year.\n",
        )
    _write(seeds, "p.txt", "Norway-Sweden ties\nPublished: 3 March 2024\n\nNorway and Sweden met in Stockholm.\n")
    briefing = collect(Options(seeds=seeds))
    assert build_context(briefing, [], {})["doc"]["date"] == "2024-03-03"
    undated = [w for w in briefing.warnings if "undated" in w]
    assert sorted(w.split(":")[0] for w in undated) == ["u0.txt", "u1.txt", "u2.txt"]
    (seeds / "p.txt").unlink()
    assert build_context(collect(Options(seeds=seeds)), [], {})["doc"]["date"] == "2019-01-08"


@pytest.mark.parametrize(
    "value, placeholder",
    [
        ("D:20000101000000+00'00'", True),
        ("D:19700101000000Z", True),
        ("D:20220614090000+02'00'", False),
        (datetime(2013, 12, 23, 23, 15), True),
        (datetime(2023, 5, 4, 9, 30), False),
        ("", False),
        (None, False),
    ],
)
def test_tool_placeholder_timestamps(value, placeholder):
    from briefing.dating import is_placeholder

    assert is_placeholder(value) is placeholder
