"""The trade table: one row per period, balance, change, share, conflicts, formatting, CSV."""

import csv
import io
import math

import pytest

from briefing.formatting import format_amount, format_percent, format_stated_percent, period_label
from briefing.model import Briefing, Conflict, ConflictValue, MergedShare, TradeRow
from briefing.tables import table_csv, table_rows, trade_frame


def row(period, total=None, exports=None, imports=None, sources=("a.txt",), currency="USD", full_year=None):
    directional = exports is not None or imports is not None
    return TradeRow(
        period,
        ("." not in period) if full_year is None else full_year,
        "Belarus" if directional else None,
        "Russia" if directional else None,
        total,
        exports,
        imports,
        currency,
        tuple(sources),
    )


def briefing(rows, shares=(), conflicts=()):
    return Briefing(("Russia", "Belarus"), "Belarus", (), {}, (), tuple(rows), tuple(shares), tuple(conflicts))


SEEDS = briefing(
    [row("2020", 29.5e9, 13.1e9, 16.4e9, ("001.txt",)), row("2021", 40.1e9, 16.4e9, 23.7e9, ("000.txt",))],
    shares=[
        MergedShare("2020", 47.9, "Russia's share of Belarus's foreign trade", ("001.txt",)),
        MergedShare("2021", 49.0, "Russia's share of Belarus's foreign trade", ("000.txt",)),
    ],
)


def test_seeds_frame():
    f = trade_frame(SEEDS)
    assert list(f["period"]) == ["2020", "2021"]
    assert list(f["total"]) == [29.5e9, 40.1e9]
    assert list(f["exports"]) == [13.1e9, 16.4e9]
    assert list(f["imports"]) == [16.4e9, 23.7e9]
    assert f["balance"].tolist() == pytest.approx([-3.3e9, -7.3e9])
    assert math.isnan(f["change_pct"][0])
    assert f["change_pct"][1] == pytest.approx(35.93, abs=0.01)
    assert list(f["share"]) == [47.9, 49.0]
    assert list(f["sources"]) == [("001.txt",), ("000.txt",)]
    assert not f["conflict"].any()


def test_seeds_rows_formatted():
    rows = table_rows(trade_frame(SEEDS), "USD")
    assert rows[1] == {
        "period": "2021",
        "currency": "USD",
        "label": "2021",
        "partial": "",
        "total": "$40.1 bn",
        "exports": "$16.4 bn",
        "imports": "$23.7 bn",
        "balance": "\u2212$7.3 bn",
        "change": "+35.9%",
        "share": "49%",
        "share_text": "Russia's share of Belarus's foreign trade",
        "sources": ["000.txt"],
        "conflict": "",
    }
    assert rows[0]["change"] == "" and rows[0]["balance"] == "\u2212$3.3 bn"


def test_fiscal_years_compare_with_the_previous_fiscal_year_only():
    b = briefing(
        [
            row("2016-17", 100e9, currency="INR"),
            row("2017", 90e9, currency="INR"),
            row("2017-18", 110e9, currency="INR"),
            row("2019-20", 150e9, currency="INR"),
        ]
    )
    f = trade_frame(b)
    assert list(f["period"]) == ["2016-17", "2017", "2017-18", "2019-20"]
    assert list(f["label"]) == ["FY2016-17", "2017", "FY2017-18", "FY2019-20"]
    change = dict(zip(f["period"], f["change_pct"]))
    assert change["2017-18"] == pytest.approx(10.0)
    assert math.isnan(change["2017"])  # no calendar 2016; a fiscal year is no base
    assert math.isnan(change["2019-20"])  # 2018-19 missing: two years back is not a change
    assert table_rows(f, "INR")[2]["total"] == "₹110 bn"


def test_partial_periods_never_get_or_give_a_change():
    b = briefing(
        [
            row("2020", 3.9e9),
            row("2021-01..2021-11", 4.1e9),
            row("2020-01..2020-11", 3.5e9),
            row("2021-01..2021-12", 4.5e9),
            row("2022", 5e9),
            row("2022-01..2022-02", 0.9e9),
        ]
    )
    f = trade_frame(b)
    assert list(f["period"]) == [
        "2020-01..2020-11",
        "2020",
        "2021-01..2021-11",
        "2021-01..2021-12",
        "2022-01..2022-02",
        "2022",
    ]
    change = dict(zip(f["period"], f["change_pct"]))
    assert all(math.isnan(change[p]) for p in change if ".." in p)
    assert math.isnan(change["2022"])  # 2021 is known only from months: not a base
    rows = table_rows(f, "USD")
    assert [r["partial"] for r in rows] == ["yes", "", "yes", "yes", "yes", ""]


def test_conflicting_period_is_one_row_with_every_value():
    b = briefing(
        [
            row("2021", 4.6e9, sources=("b.txt",)),
            row("2022", 6e9, sources=("c.txt",)),
            row("2022", 5.8e9, 2.4e9, 3.4e9, sources=("c.txt", "d.txt")),
            row("2023", 7.5e9, sources=("c.txt",)),
        ],
        conflicts=[Conflict("2022", "total", (ConflictValue(6e9, ("c.txt",)), ConflictValue(5.8e9, ("c.txt",))))],
    )
    f = trade_frame(b)
    assert list(f["period"]) == ["2021", "2022", "2023"]
    r2022 = f[f["period"] == "2022"].iloc[0]
    assert r2022["conflict"]
    assert r2022["total_values"] == (6e9, 5.8e9)
    assert r2022["total"] == 6e9
    assert r2022["sources"] == ("c.txt", "d.txt")
    assert r2022["balance"] == pytest.approx(-1e9)  # exports and imports are undisputed
    change = dict(zip(f["period"], f["change_pct"]))
    assert math.isnan(change["2022"]) and math.isnan(change["2023"])  # never computed from a disputed total
    rows = table_rows(f, "USD")
    assert rows[1]["total"] == "$6 bn / $5.8 bn" and rows[1]["conflict"] == "yes"
    assert rows[0]["conflict"] == ""


def test_shares_of_one_flow_are_not_shown_as_share_of_trade():
    b = briefing(
        [row("2022", 779.308e9), row("2021", 700e9)],
        shares=[
            MergedShare("2022", 14.0, "Mexico's share of US imports", ("b.txt",)),
            MergedShare("2022", 14.7, "Mexico's share of total US trade", ("b.txt",)),
            MergedShare("2021", 13.6, "Mexico's share of US imports", ("b.txt",)),
        ],
    )
    f = trade_frame(b)
    assert dict(zip(f["period"], f["share"]))["2022"] == 14.7
    assert math.isnan(dict(zip(f["period"], f["share"]))["2021"])


def test_empty_briefing_gives_an_empty_frame():
    f = trade_frame(briefing([]))
    assert len(f) == 0 and "total" in f.columns
    assert table_rows(f, "USD") == []
    assert table_csv(f).splitlines()[0].startswith("period,label")


@pytest.mark.parametrize(
    "period, label",
    [
        ("2021", "2021"),
        ("2017-18", "FY2017-18"),
        ("2021-01..2021-11", "Jan–Nov 2021"),
        ("2020-08..2020-08", "Aug 2020"),
        ("2021-07..2022-06", "Jul 2021–Jun 2022"),
        ("H1 2021", "H1 2021"),
    ],
)
def test_period_label(period, label):
    assert period_label(period) == label


@pytest.mark.parametrize(
    "value, currency, text",
    [
        (40.1e9, "USD", "$40.1 bn"),
        (933.4e6, "USD", "$933.4 mn"),
        (1.2e9, "EUR", "€1.2 bn"),
        (850e6, "GBP", "£850 mn"),
        (1.3e12, "INR", "₹1.3 tn"),
        (12.5e9, "RUB", "RUB 12.5 bn"),
        (-3.3e9, "USD", "\u2212$3.3 bn"),
        (16.4e9 - 23.7e9, "USD", "\u2212$7.3 bn"),
        (541.1e6, "USD", "$541.1 mn"),
        (14.982e9, "USD", "$14.982 bn"),
        (779.308e9, "USD", "$779.308 bn"),
        (2e9, "USD", "$2 bn"),
        (3.5e9, "JPY", "¥3.5 bn"),
        (3.5e9, "CNY", "CN¥3.5 bn"),
        (7e9, "BRL", "BRL 7 bn"),
        (850_000, "USD", "$850,000"),
        (None, "USD", ""),
        (float("nan"), "USD", ""),
    ],
)
def test_format_amount(value, currency, text):
    assert format_amount(value, currency) == text


def test_csv_has_plain_numbers_and_all_disputed_values():
    b = briefing(
        [
            row("2020", 29.5e9, 13.1e9, 16.4e9, ("001.txt",)),
            row("2021", 40.1e9, 16.4e9, 23.7e9),
            row("2022", 5.8e9, sources=("c.txt",)),
        ]
        + [row("2022", 6e9, sources=("c.txt",))],
        shares=SEEDS.shares,
    )
    lines = list(csv.DictReader(io.StringIO(table_csv(trade_frame(b)))))
    assert lines[0]["total"] == "29500000000" and lines[0]["balance"] == "-3300000000"
    assert lines[1]["change_pct"] == "35.93" and float(lines[1]["share"]) == 49.0
    assert lines[1]["full_year"] == "true" and lines[1]["conflict"] == "false"
    assert lines[2]["total"] == "5800000000;6000000000" and lines[2]["conflict"] == "true"
    assert lines[0]["sources"] == "001.txt"


def test_a_fiscal_row_is_labelled_with_its_calendar_and_two_calendars_are_two_rows():
    from dataclasses import replace

    from briefing.tables import fiscal_label

    assert fiscal_label("2022-23", "2022-07..2023-06") == "FY2022-23 (Jul–Jun)"
    assert fiscal_label("2022-23", None) == "FY2022-23"
    b = briefing(
        [
            replace(row("2022-23", 10e9), months="2022-04..2023-03"),
            replace(row("2022-23", 12e9), months="2022-07..2023-06"),
        ]
    )
    f = trade_frame(b)
    assert list(f["label"]) == ["FY2022-23 (Apr–Mar)", "FY2022-23 (Jul–Jun)"]
    assert not any(f["conflict"])


def fiscal(r, months):
    from dataclasses import replace

    return replace(r, months=months)


@pytest.mark.parametrize(
    "rows,expected",
    [
        # one fiscal label on two reporters' calendars (Apr-Mar and Jul-Jun), one of them with a total
        (
            [
                fiscal(row("2021-22", exports=2e9), "2021-07..2022-06"),
                fiscal(row("2021-22", 18.1e9), "2021-04..2022-03"),
                fiscal(row("2022-23", 15.9e9), "2022-04..2023-03"),
            ],
            {"FY2022-23 (Apr–Mar)": -12.154696},
        ),
        (
            [
                fiscal(row("2019-20", 5e9, currency="NPR"), "2019-07..2020-07"),
                fiscal(row("2019-20", exports=1e9, currency="NPR"), "2019-04..2020-03"),
                fiscal(row("2020-21", 6e9, currency="NPR"), "2020-07..2021-07"),
            ],
            {"FY2020-21 (Jul–Jul)": 20.0},
        ),
        # each calendar compares with its own year before, never with the same label on the other one
        (
            [
                fiscal(row("2019-20", 8e9, currency="BDT"), "2019-07..2020-06"),
                fiscal(row("2019-20", 9e9, currency="BDT"), "2019-04..2020-03"),
                fiscal(row("2020-21", 10e9, currency="BDT"), "2020-07..2021-06"),
            ],
            {"FY2020-21 (Jul–Jun)": 25.0},
        ),
        (
            [
                fiscal(row("2019-20", 9e9, currency="INR"), "2019-04..2020-03"),
                fiscal(row("2020-21", 10e9, currency="INR"), "2020-07..2021-06"),
            ],
            {"FY2020-21 (Jul–Jun)": None},
        ),
        (
            [
                fiscal(row("2021-22", 4e9, currency="KES"), "2021-07..2022-06"),
                fiscal(row("2022-23", 5e9, currency="KES"), "2022-04..2023-03"),
                fiscal(row("2022-23", 6e9, currency="KES"), "2022-07..2023-06"),
            ],
            {"FY2022-23 (Jul–Jun)": 50.0, "FY2022-23 (Apr–Mar)": None},
        ),
    ],
)
def test_two_calendars_of_one_period_give_one_base_for_the_change(rows, expected):
    f = trade_frame(briefing(rows))
    assert len(f) == len(rows)
    got = dict(zip(f["label"], f["change_pct"]))
    for label, change in expected.items():
        assert math.isnan(got[label]) if change is None else got[label] == pytest.approx(change), label


@pytest.mark.parametrize(
    ("stated", "printed"),
    [
        (49.0, "49%"),  # "accounts for 49% of its foreign trade"
        (47.9, "47.9%"),  # "a 47.9 percent share"
        (0.35, "0.35%"),  # "barely 0.35% of Kenya's imports"
        (12.125, "12.125%"),  # a statistics office's three decimals are kept, not rounded away
        (None, ""),
        (math.nan, ""),
    ],
)
def test_stated_shares_print_the_digits_their_source_gives(stated, printed):
    assert format_stated_percent(stated) == printed


def test_computed_changes_keep_one_decimal():
    assert format_percent(35.87, signed=True) == "+35.9%"
    assert format_percent(4.0) == "4.0%"
