"""Overview facts: the latest full-year total, its computed change and balance, never from disputed figures."""

from briefing.model import Briefing, Conflict, ConflictValue, MergedEvent, Source, TradeRow
from briefing.overview import latest_events, span, trade


def _row(period, total, exports=None, imports=None, sources=("a.txt",), reporter="Peru", full=True):
    return TradeRow(
        period,
        full,
        reporter if exports is not None else None,
        "Chile" if exports is not None else None,
        total,
        exports,
        imports,
        "USD",
        tuple(sources),
    )


def _briefing(rows, conflicts=(), events=(), docs=()):
    return Briefing(
        countries=("Peru", "Chile"),
        reporter="Peru",
        documents=tuple(docs),
        sections={},
        events=tuple(events),
        trade=tuple(rows),
        shares=(),
        conflicts=tuple(conflicts),
    )


def test_change_and_balance_are_computed_from_stated_figures():
    b = _briefing(
        [
            _row("2021", 3.8e9, sources=("b.txt",)),
            _row("2022", 4.1e9, 1.9e9, 2.2e9),
            _row("2023-01..2023-06", 2.5e9, full=False),
        ]
    )
    t = trade(b, "USD")
    assert t["period"] == "2022" and not t["disputed"]
    assert abs(t["change"]["percent"] - (4.1 - 3.8) / 3.8 * 100) < 1e-9
    assert t["change"]["previous_sources"] == ["b.txt"]
    assert abs(t["balance"]["value"] - (1.9e9 - 2.2e9)) < 1 and t["balance"]["reporter"] == "Peru"


def test_fiscal_years_compare_with_the_fiscal_year_before():
    b = _briefing([_row("2020-21", 10e9), _row("2021-22", 12e9)])
    assert abs(trade(b, "USD")["change"]["percent"] - 20.0) < 1e-9


def test_disputed_total_is_shown_with_every_version_and_nothing_computed():
    rows = [_row("2021", 5e9), _row("2022", 6e9, sources=("a.txt",)), _row("2022", 6.4e9, sources=("b.txt",))]
    conflict = Conflict("2022", "total", (ConflictValue(6e9, ("a.txt",)), ConflictValue(6.4e9, ("b.txt",))))
    t = trade(_briefing(rows, [conflict]), "USD")
    assert t["disputed"] and [x["value"] for x in t["totals"]] == [6e9, 6.4e9]
    assert t["change"] is None and t["balance"] is None


def test_no_change_without_the_year_before():
    t = trade(_briefing([_row("2019", 2e9), _row("2022", 3e9)]), "USD")
    assert t["change"] is None


def test_latest_events_are_agreements_visits_or_disputes_latest_first():
    events = [
        MergedEvent(2019, "2019-03-04", False, "Ghana and Togo signed a trade pact in Accra.", None, ("a.txt",)),
        MergedEvent(2021, "2021-05-02", False, "The weather in Lomé was fine on that day.", None, ("a.txt",)),
        MergedEvent(2022, None, False, "The Ghanaian president visited Lomé in 2022.", None, ("b.txt",)),
        MergedEvent(1957, None, True, "Ghana became independent 65 years ago.", "65 years ago", ("b.txt",)),
    ]
    got = [e.year for e in latest_events(_briefing([], events=events))]
    assert got == [2022, 2019]


def test_span_names_first_and_last_dated_sources():
    docs = [
        Source("b.txt", "0" * 64, "2023-10-10", (), None, ("x",)),
        Source("a.txt", "1" * 64, "2021-01-05", (), None, ("y",)),
        Source("c.txt", "2" * 64, None, (), None, ("z",)),
    ]
    s = span(_briefing([], docs=docs))
    assert s["count"] == 3 and s["first"] == ("2021-01-05", "a.txt") and s["last"] == ("2023-10-10", "b.txt")


def test_latest_total_in_whichever_currency_states_it():
    from briefing.overview import latest_currency

    rows = [
        TradeRow("2017", True, None, None, 11.2e9, None, None, "AUD", ("a.txt",)),
        TradeRow("2022", True, None, None, 13.3e9, None, None, "USD", ("b.txt",)),
        TradeRow("2023-01..2023-04", False, None, None, 3.7e9, None, None, "USD", ("b.txt",)),
    ]
    assert latest_currency(_briefing(rows), "AUD") == "USD"
    assert latest_currency(_briefing([]), "EUR") == "EUR"


def test_without_a_total_the_latest_year_with_both_flows_gives_the_balance():
    from briefing.overview import flows

    b = _briefing(
        [
            _row("2021", None, 1.2e9, 1.5e9),
            _row("2022", None, 1.4e9, 1.1e9, sources=("b.txt",)),
            _row("2023-01..2023-06", None, 0.8e9, 0.5e9, full=False),
        ]
    )
    f = flows(b, "USD")
    assert (f["period"], f["exports"], f["imports"], f["sources"]) == ("2022", 1.4e9, 1.1e9, ["b.txt"])
    assert abs(f["balance"]["value"] - 0.3e9) < 1 and f["reporter"] == "Peru"


def test_no_flows_sentence_from_a_disputed_or_one_sided_year():
    from briefing.overview import flows

    one_sided = _briefing([_row("2022", None, 1.4e9, None)])
    conflict = Conflict("2022", "imports", (ConflictValue(1.1e9, ("a.txt",)), ConflictValue(1.3e9, ("b.txt",))))
    disputed = _briefing([_row("2022", None, 1.4e9, 1.1e9)], [conflict])
    assert flows(one_sided, "USD") is None and flows(disputed, "USD") is None


def test_a_year_in_two_currencies_gives_the_tables_own():
    from briefing.overview import flows

    rows = [
        TradeRow("2023", True, "Kenya", "Rwanda", None, 4.2e10, 6.4e9, "KES", ("a.txt",)),
        TradeRow("2023", True, "Kenya", "Rwanda", None, 3.2e8, 5e7, "USD", ("b.txt",)),
    ]
    b = Briefing(
        countries=("Kenya", "Rwanda"),
        reporter="Kenya",
        documents=(),
        sections={},
        events=(),
        trade=tuple(rows),
        shares=(),
        conflicts=(),
    )
    assert flows(b, "KES")["currency"] == "KES" and flows(b, "EUR") is None


def test_one_label_on_two_calendars_is_no_disagreement_and_compares_on_its_own_calendar():
    from dataclasses import replace

    rows = [
        replace(_row("2021-22", 8e9), months="2021-07..2022-06"),
        replace(_row("2022-23", 10e9, sources=("b.txt",)), months="2022-07..2023-06"),
        replace(_row("2022-23", 12e9, sources=("c.txt",)), months="2022-04..2023-03"),
    ]
    t = trade(_briefing(rows), "USD")
    assert not t["disputed"] and [x["value"] for x in t["totals"]] == [12e9]  # Apr-Mar sorts first
    assert t["change"] is None  # no Apr-Mar year before it: never the Jul-Jun one
    t2 = trade(_briefing(rows[:2]), "USD")
    assert abs(t2["change"]["percent"] - 25.0) < 1e-9
