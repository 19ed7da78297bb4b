"""Regex sentence splitting."""

import time

import pytest

from briefing.extract.sentences import split_sentences


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Mr. Smith met Dr. Jones in St. Petersburg. They talked.",
            ["Mr. Smith met Dr. Jones in St. Petersburg.", "They talked."],
        ),
        ("Trade was $40.1 billion. It rose.", ["Trade was $40.1 billion.", "It rose."]),
        (
            "J. Smith went to the U.S. on Feb. 8. Then he left!",
            ["J. Smith went to the U.S. on Feb. 8.", "Then he left!"],
        ),
        (
            "Goods, e.g. cars, i.e. vehicles, etc. are sold. Fine.",
            ["Goods, e.g. cars, i.e. vehicles, etc. are sold.", "Fine."],
        ),
        ('He said "We waited... Then it came." Next one.', ['He said "We waited... Then it came."', "Next one."]),
        (
            "He said \u201cWe waited\u2026 Then it came.\u201d Next.",
            ["He said \u201cWe waited\u2026 Then it came.\u201d", "Next."],
        ),
        (
            '"Yes," he said. (See below.) Done? 2021 was good.',
            ['"Yes," he said.', "(See below.)", "Done?", "2021 was good."],
        ),
        (
            "Resolution No. 5 passed. It is in the U.K. and Jan. 2020 data.",
            ["Resolution No. 5 passed.", "It is in the U.K. and Jan. 2020 data."],
        ),
        ("They love art. The festival opened.", ["They love art.", "The festival opened."]),
        ("The end. \u00c9lys\u00e9e replied.", ["The end.", "\u00c9lys\u00e9e replied."]),
        ("Lower case after stop. then no split.", ["Lower case after stop. then no split."]),
        ("Treaty; on 26 January. The treaty was signed.", ["Treaty; on 26 January.", "The treaty was signed."]),
        ("  spaced   out.  ", ["spaced out."]),
        ("", []),
    ],
)
def test_split(text, expected):
    assert split_sentences(text) == expected


def test_round_trip_keeps_all_words():
    text = "A first sentence. A second one! And a third? Yes \u2026 fourth."
    assert " ".join(split_sentences(text)).split() == text.split()


def test_fast():
    para = "Mr. A. Smith met Dr. Jones on Feb. 8 in the U.S. and trade was $40.1 billion. " * 200
    start = time.perf_counter()
    for _ in range(20):
        assert len(split_sentences(para)) == 200
    assert time.perf_counter() - start < 2
