"""What a desk officer reads: figures in the currency they were stated in, charts that show the trend."""
from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from briefing import render
from briefing.model import Briefing, Conflict, ConflictValue, TradeRow


def _briefing(pair, trade, conflicts=()) -> Briefing:
    return Briefing(countries=pair, reporter=pair[0], documents=(), sections={}, events=(),
                    trade=tuple(trade), shares=(), conflicts=tuple(conflicts))


def _root(b: Briefing) -> ET.Element:
    return ET.fromstring(render.render_markup(b, [], None, None))


def _row(pair, period, exports, imports, currency, total=None, src="a.txt"):
    return TradeRow(period, "-" not in period, pair[0], pair[1], total, exports, imports, currency, (src,))


CONFLICT_CASES = [
    # the table opens with a row in another currency; the disputed figure was stated in the second
    (("Chile", "Peru"), [("2015", 1e9, 2e9, "CLP"), ("2019", 3.1e9, 2.2e9, "USD")],
     "2019", "exports", [3.1e9, 3.15e9], ["$3.1 bn", "$3.15 bn"]),
    (("Norway", "Sweden"), [("2016", 4e9, 5e9, "NOK"), ("2020", 7.5e9, 6.25e9, "EUR")],
     "2020", "imports", [6.25e9, 6.2e9], ["€6.25 bn", "€6.2 bn"]),
    (("Ghana", "Togo"), [("2012", 8e8, 9e8, "GHS"), ("2014-02..2014-11", 4.4e8, 3.3e8, "GBP")],
     "2014-02..2014-11", "exports", [4.4e8, 4.1e8], ["£440 mn", "£410 mn"]),
]


@pytest.mark.parametrize("pair,rows,period,field,values,expected", CONFLICT_CASES)
def test_conflict_prints_in_the_currency_its_figures_were_stated_in(pair, rows, period, field, values,
                                                                    expected):
    trade = [_row(pair, p, e, i, c) for p, e, i, c in rows]
    conflict = Conflict(period, field, tuple(ConflictValue(v, (f"s{n}.txt",)) for n, v in enumerate(values)))
    root = _root(_briefing(pair, trade, [conflict]))
    printed = [v.text for v in root.find(".//conflict").iter("value")]
    assert printed == expected
    overview = " ".join("".join(root.find(".//overview").itertext()).split())
    assert rows[0][3] + " " not in " ".join(printed) and rows[0][3] + " " not in overview.split("disagree")[-1]


CHART_CASES = [
    # (pair, rows) where the table's first currency covers fewer years than another one
    (("Chile", "Peru"), [("2015", 1e9, 2e9, "CLP"), ("2016", 1.1e9, 2.1e9, "CLP"),
                         ("2017", 3e9, 2e9, "USD"), ("2018", 3.1e9, 2.2e9, "USD"), ("2019", 3.3e9, 2.4e9, "USD")],
     "USD", ["2017", "2018", "2019"]),
    (("Norway", "Sweden"), [("2010", 4e9, 5e9, "NOK"), ("2011", 4.2e9, 5.1e9, "NOK"),
                            ("2012", 1e9, 2e9, "EUR"), ("2013", 1e9, 2e9, "EUR"), ("2014", 1e9, 2e9, "EUR")],
     "EUR", ["2012", "2013", "2014"]),
    # a year with one flow only does not blank the chart: the years stating both are drawn
    (("Ghana", "Togo"), [("2011", None, 9e8, "GHS"), ("2012", 8e8, 9e8, "GHS"), ("2013", 8.5e8, 9.5e8, "GHS")],
     "GHS", ["2012", "2013"]),
]


@pytest.mark.parametrize("pair,rows,unit,labels", CHART_CASES)
def test_chart_draws_the_currency_with_most_years(pair, rows, unit, labels):
    trade = [_row(pair, p, e, i, c) for p, e, i, c in rows]
    chart = _root(_briefing(pair, trade)).find(".//chart")
    assert chart.get("unit").startswith(unit) and chart.get("series") == "exports,imports"
    assert [b.get("label") for b in chart.iter("bar")] == labels


def test_chart_keeps_the_table_currency_on_a_tie():
    pair = ("Chile", "Peru")
    trade = [_row(pair, "2015", 1e9, 2e9, "CLP"), _row(pair, "2016", 1e9, 2e9, "CLP"),
             _row(pair, "2017", 3e9, 2e9, "USD"), _row(pair, "2018", 3e9, 2e9, "USD")]
    assert _root(_briefing(pair, trade)).find(".//chart").get("unit").startswith("CLP")


@pytest.mark.parametrize("value,currency,text", [
    (318e6, "USD", "$318 mn"), (210e6, "EUR", "€210 mn"), (798e9, "USD", "$798 bn"),
    (-152e6, "ZMW", "\u2212ZMW 152 mn"), (2.5e12, "INR", "₹2.5 tn"), (40.25e9, "GBP", "£40.25 bn"),
])
def test_amounts_print_no_digit_the_figure_does_not_have(value, currency, text):
    from briefing.formatting import format_amount
    assert format_amount(value, currency) == text
