import pytest

from briefing.extract import periods


def keys(text, doc_date="2022-03-28", current=None):
    return [
        periods.resolve(m, doc_date, current).key
        for m in periods.find(text)
        if periods.resolve(m, doc_date, current) is not None
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in 2021", ["2021"]),
        ("in FY2021-22", ["2021-22"]),
        ("in fiscal year 2017/18", ["2017-18"]),
        ("exports in 2017-18", ["2017-18"]),
        ("January to November 2021", ["2021-01..2021-11"]),
        ("in January-November 2020", ["2020-01..2020-11"]),
        ("the first eleven months of 2021", ["2021-01..2021-11"]),
        ("the first half of 2023", ["2023-01..2023-06"]),
        ("Q3 2021", ["2021-07..2021-09"]),
        ("in August 2020", ["2020-08..2020-08"]),
        ("last year", ["2021"]),
        ("in January and February", ["2022-01..2022-02"]),
        ("in the first eight months of the year", ["2022-01..2022-08"]),
        ("in the April-December period of 2022", ["2022-04..2022-12"]),
        ("for the whole of 2021", ["2021"]),
    ],
)
def test_period_expressions(text, expected):
    assert keys(text) == expected


def test_month_after_the_dateline_month_is_last_year():
    assert keys("in September", doc_date="2022-03-28") == ["2021-09..2021-09"]
    assert keys("in August", doc_date="2021-09-07") == ["2021-08..2021-08"]


def test_relative_expressions_lean_on_the_period_in_force():
    current = periods.months(2021, 1, 8)
    assert keys("in the same period of 2020", current=current) == ["2020-01..2020-08"]
    assert keys("a year earlier", current=current) == ["2020-01..2020-08"]
    assert keys("over those eight months", current=current) == ["2021-01..2021-08"]


def test_a_full_date_is_not_a_trade_period():
    assert keys("signed on 9 November 1991") == []


def test_partial_and_fiscal_flags():
    assert not periods.months(2021, 1, 11).full_year
    assert periods.Period((2017, 4), (2018, 3), fiscal=True).full_year
