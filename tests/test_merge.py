"""Merging extractions: statements, events, trade rows, conflicts, warnings, shares."""

import pytest

from briefing.extract.periods import period_key
from briefing.merge import choose_reporter, merge, orient, stated_unit
from briefing.model import SECTIONS, Event, Extraction, Sentence, Share, Source, TradeFigure

PAIR = ("Alpha", "Beta")


def fig(period, field, value, source, reporter=None, text=None, full_year=None, currency="USD"):
    partner = None if reporter is None else next(c for c in PAIR if c != reporter)
    return TradeFigure(
        period,
        ("." not in period) if full_year is None else full_year,
        field,
        value,
        currency,
        reporter,
        partner,
        text or f"{field} {period} {value}",
        source,
    )


def ex(file, trade=(), sentences=(), events=(), shares=(), warnings=()):
    sents = tuple(Sentence(t, sec, i) for i, (t, sec) in enumerate(sentences))
    return Extraction(file, "0" * 64, {}, sents, tuple(trade), tuple(shares), tuple(events), tuple(warnings))


def src(file, date="2022-01-01"):
    return Source(file, "0" * 64, date, ("Somewhere",), "XYZ", ("Text.",))


def run(*extractions, reporter=None, pair=PAIR):
    return merge([src(e.file) for e in extractions], list(extractions), pair, reporter)


# --- reporter and orientation ------------------------------------------------------


def test_reporter_is_the_side_most_figures_are_stated_from():
    a = ex(
        "a.txt",
        [
            fig("2021", "exports", 1e9, "a.txt", "Beta"),
            fig("2021", "imports", 2e9, "a.txt", "Beta"),
            fig("2020", "exports", 3e9, "a.txt", "Alpha"),
        ],
    )
    assert choose_reporter([a], PAIR) == "Beta"
    assert run(a).reporter == "Beta"
    assert run(a, reporter="Alpha").reporter == "Alpha"


def test_reporter_tie_goes_to_the_second_country():
    a = ex("a.txt", [fig("2021", "exports", 1e9, "a.txt", "Alpha"), fig("2021", "imports", 2e9, "a.txt", "Beta")])
    assert choose_reporter([a], PAIR) == "Beta"
    assert choose_reporter([ex("b.txt")], PAIR) == "Beta"


def test_partner_statements_are_mirrored():
    f = fig("2021", "exports", 5e9, "a.txt", "Alpha")
    turned = orient(f, PAIR, "Beta")
    assert (turned.field, turned.reporter, turned.partner, turned.value) == ("imports", "Beta", "Alpha", 5e9)
    assert orient(fig("2021", "total", 9e9, "a.txt"), PAIR, "Beta").field == "total"


def test_mirrored_and_direct_figures_fill_one_row():
    a = ex(
        "a.txt",
        [
            fig("2021", "total", 40.1e9, "a.txt", text="s1"),
            fig("2021", "exports", 16.4e9, "a.txt", "Beta", text="s2"),
            fig("2021", "exports", 23.7e9, "a.txt", "Alpha", text="s3"),
        ],
    )
    b = run(a)
    assert len(b.trade) == 1
    row = b.trade[0]
    assert (row.total, row.exports, row.imports) == (40.1e9, 16.4e9, 23.7e9)
    assert (row.reporter, row.partner, row.sources) == ("Beta", "Alpha", ("a.txt",))
    assert b.conflicts == () and b.warnings == ()


def test_figure_from_a_third_side_is_left_out_with_a_warning():
    a = ex(
        "a.txt",
        [
            fig("2021", "exports", 1e9, "a.txt", "Alpha"),
            TradeFigure("2021", True, "exports", 2e9, "USD", "Gamma", "Alpha", "t", "a.txt"),
        ],
    )
    b = run(a, reporter="Alpha")
    assert [r.exports for r in b.trade] == [1e9]
    assert any(w.startswith("a.txt:") and "Gamma" in w for w in b.warnings)


# --- rows -----------------------------------------------------------------------


def test_seeds_like_rows():
    x = ex(
        "000.txt",
        [
            fig("2021", "total", 40.1e9, "000.txt", text="t"),
            fig("2021", "exports", 16.4e9, "000.txt", "Belarus", text="t"),
            fig("2021", "imports", 23.7e9, "000.txt", "Belarus", text="t"),
        ],
    )
    y = ex(
        "001.txt",
        [
            fig("2020", "total", 29.5e9, "001.txt", text="u"),
            fig("2020", "exports", 13.1e9, "001.txt", "Belarus", text="u"),
            fig("2020", "imports", 16.4e9, "001.txt", "Belarus", text="u"),
        ],
    )
    b = merge([src("001.txt"), src("000.txt")], [y, x], ("Russia", "Belarus"))
    assert b.countries == ("Russia", "Belarus")
    assert b.reporter == "Belarus"
    assert [(r.period, r.total, r.exports, r.imports, r.sources) for r in b.trade] == [
        ("2020", 29.5e9, 13.1e9, 16.4e9, ("001.txt",)),
        ("2021", 40.1e9, 16.4e9, 23.7e9, ("000.txt",)),
    ]
    assert all(r.reporter == "Belarus" and r.partner == "Russia" for r in b.trade)
    assert [d.file for d in b.documents] == ["000.txt", "001.txt"]
    assert b.conflicts == () and b.warnings == ()


def test_total_only_rows_have_no_sides():
    b = run(ex("a.txt", [fig("2019", "total", 4.5e9, "a.txt")]))
    assert (b.trade[0].reporter, b.trade[0].partner) == (None, None)


def test_same_value_in_another_form_is_one_row_with_both_files():
    b = run(
        ex("a.txt", [fig("2020", "total", 1.345e9, "a.txt")]),
        ex("b.txt", [fig("2020", "total", 1345000000.0000002, "b.txt")]),
    )
    assert len(b.trade) == 1 and b.trade[0].sources == ("a.txt", "b.txt")
    assert b.conflicts == ()


def test_rows_ascend_by_period_of_every_kind():
    periods = [
        "2022-01..2022-11",
        "2021",
        "2017-18",
        "2021-07..2022-06",
        "2020-08..2020-08",
        "2021-01..2021-11",
        "2016-17",
        "2022",
    ]
    b = run(ex("a.txt", [fig(p, "total", 1e9 + i, "a.txt") for i, p in enumerate(periods)]))
    assert [r.period for r in b.trade] == [
        "2016-17",
        "2017-18",
        "2020-08..2020-08",
        "2021-01..2021-11",
        "2021",
        "2021-07..2022-06",
        "2022-01..2022-11",
        "2022",
    ]
    assert sorted(periods, key=period_key)[0] == "2016-17"


def test_two_periods_in_one_sentence_make_two_rows():
    t = "Trade was 4.1 bn in Jan-Nov 2021, up from 3.9 bn a year earlier."
    b = run(
        ex(
            "a.txt",
            [
                fig("2021-01..2021-11", "total", 4.1e9, "a.txt", text=t),
                fig("2020-01..2020-11", "total", 3.9e9, "a.txt", text=t),
            ],
        )
    )
    assert [(r.period, r.total, r.full_year) for r in b.trade] == [
        ("2020-01..2020-11", 3.9e9, False),
        ("2021-01..2021-11", 4.1e9, False),
    ]


# --- conflicts --------------------------------------------------------------------


def test_conflict_across_files_keeps_both_rows_in_order():
    b_file = ex(
        "b.txt",
        [
            fig("2019", "total", 614.5e9, "b.txt", text="s1"),
            fig("2019", "exports", 358.13e9, "b.txt", "Beta", text="s2"),
            fig("2019", "imports", 256.37e9, "b.txt", "Beta", text="s2"),
        ],
    )
    c_file = ex("c.txt", [fig("2019", "total", 612.8e9, "c.txt", text="s3")])
    b = run(b_file, c_file, reporter="Alpha")
    assert [(r.total, r.exports, r.imports, r.sources) for r in b.trade] == [
        (614.5e9, 256.37e9, 358.13e9, ("b.txt",)),
        (612.8e9, None, None, ("c.txt",)),
    ]
    assert b.trade[1].reporter is None
    (c,) = b.conflicts
    assert (c.period, c.field) == ("2019", "total")
    assert [(v.value, v.sources) for v in c.values] == [(614.5e9, ("b.txt",)), (612.8e9, ("c.txt",))]


def test_conflict_inside_one_file():
    b = run(
        ex("c.txt", [fig("2022", "total", 6e9, "c.txt", text="one"), fig("2022", "total", 5.8e9, "c.txt", text="two")])
    )
    assert [r.total for r in b.trade] == [6e9, 5.8e9]
    (c,) = b.conflicts
    assert [(v.value, v.sources) for v in c.values] == [(6e9, ("c.txt",)), (5.8e9, ("c.txt",))]


def test_agreeing_figure_joins_the_first_row_and_conflict_lists_every_file():
    b = run(
        ex("a.txt", [fig("2020-08..2020-08", "total", 1.345e9, "a.txt")]),
        ex("b.txt", [fig("2020-08..2020-08", "total", 1.35e9, "b.txt")]),
        ex("c.txt", [fig("2020-08..2020-08", "total", 1.35e9, "c.txt")]),
    )
    assert [r.sources for r in b.trade] == [("a.txt",), ("b.txt", "c.txt")]
    assert [v.sources for v in b.conflicts[0].values] == [("a.txt",), ("b.txt", "c.txt")]


def test_different_periods_never_conflict():
    b = run(ex("a.txt", [fig("2021", "total", 4.6e9, "a.txt"), fig("2021-01..2021-11", "total", 4.1e9, "a.txt")]))
    assert b.conflicts == ()


# --- warnings -----------------------------------------------------------------------


def test_stated_unit():
    assert stated_unit(798e9) == 1e9
    assert stated_unit(323.2e9) == 1e8
    assert stated_unit(14.982e9) == 1e6
    assert stated_unit(0.0) == 0.0


@pytest.mark.parametrize(
    "total, exports, imports, warned",
    [
        (798e9, 323.2e9, 475.6e9, True),  # a real difference of 0.8 bn
        (14.982e9, 7.153e9, 7.830e9, False),  # rounding of the parts
        (263e9, 107e9, 157e9, False),  # whole billions: one each way is rounding
        (40.1e9, 16.4e9, 23.7e9, False),
        (50e9, 16.4e9, 23.7e9, True),
    ],
)
def test_sum_warning(total, exports, imports, warned):
    b = run(
        ex(
            "a.txt",
            [
                fig("2023", "total", total, "a.txt", text="t"),
                fig("2023", "exports", exports, "a.txt", "Alpha", text="t"),
                fig("2023", "imports", imports, "a.txt", "Alpha", text="t"),
            ],
        )
    )
    msgs = [w for w in b.warnings if w.startswith("2023: total")]
    assert bool(msgs) is warned
    if total == 798e9:
        assert msgs == ["2023: total $798 bn differs from exports + imports $798.8 bn"]


def test_extraction_warnings_are_prefixed_with_their_file():
    b = run(ex("a.txt", warnings=("odd amount",)), ex("b.txt", warnings=("no date",)))
    assert b.warnings == ("a.txt: odd amount", "b.txt: no date")


# --- sections ---------------------------------------------------------------------


def test_statements_are_merged_globally_and_cited():
    a = ex(
        "a.txt",
        sentences=[
            ("In 1999, the heads of states signed the Agreement on Establishment of the Union.", "history"),
            ("The ferry line carries cars and lorries every day.", "economy"),
        ],
    )
    b = ex(
        "b.txt",
        sentences=[
            ("Tourists like the mountains.", "social_cultural"),
            (
                "The heads of state signed in 1999, the Agreement on Establishment of the Union of both countries.",
                "economy",
            ),
        ],
    )
    out = run(b, a)
    assert set(out.sections) >= set(SECTIONS)
    assert out.sections["security"] == ()
    hist = out.sections["history"]
    econ = out.sections["economy"]
    # the longer sentence (in b.txt, labelled economy) represents the group
    assert hist == ()
    assert econ[0].text.startswith("The heads of state signed in 1999")
    assert econ[0].sources == ("a.txt", "b.txt")
    assert [s.text for s in econ] == [econ[0].text, "The ferry line carries cars and lorries every day."]
    assert out.sections["social_cultural"][0].sources == ("b.txt",)


def test_most_cited_first_then_first_appearance():
    a = ex(
        "a.txt",
        sentences=[
            ("Ships dock at the northern harbour.", "economy"),
            ("Wheat is shipped by rail every autumn.", "economy"),
        ],
    )
    b = ex("b.txt", sentences=[("Wheat is shipped by rail every autumn.", "economy")])
    out = run(a, b)
    assert [s.text for s in out.sections["economy"]] == [
        "Wheat is shipped by rail every autumn.",
        "Ships dock at the northern harbour.",
    ]


def test_figures_with_other_numbers_stay_separate_statements():
    a = ex(
        "a.txt",
        sentences=[("Mexico finished 2019 as the top partner, with two-way trade of $614.5 billion.", "economy")],
    )
    c = ex(
        "c.txt", sentences=[("Mexico finished 2019 as the top partner, with commerce of $612.8 billion.", "economy")]
    )
    assert len(run(a, c).sections["economy"]) == 2


# --- events -------------------------------------------------------------------------


def ev(year, text, source, date=None, derived=False, how=None):
    return Event(year, date, derived, text, how, source)


def test_events_merge_by_date_how_or_text_and_sort():
    a = ex(
        "a.txt",
        events=[
            ev(2022, "Presidents met in May.", "a.txt"),
            ev(
                1992,
                "Diplomatic relations were established thirty years ago today.",
                "a.txt",
                "1992-06-25",
                True,
                "30th anniversary on 25 June 2022",
            ),
            ev(1999, "In 1999 the heads of state signed the Agreement on the Union.", "a.txt"),
        ],
    )
    b = ex(
        "b.txt",
        events=[
            ev(1992, "Relations date from 25 June 1992.", "b.txt", "1992-06-25"),
            ev(1999, "The heads of state signed in 1999 the Agreement on the Union of both.", "b.txt"),
            ev(1991, "The treaty was signed on 9 November 1991.", "b.txt", "1991-11-09"),
        ],
    )
    out = run(a, b).events
    assert [(e.year, e.sources) for e in out] == [
        (1991, ("b.txt",)),
        (1992, ("a.txt", "b.txt")),
        (1999, ("a.txt", "b.txt")),
        (2022, ("a.txt",)),
    ]
    e1992 = out[1]
    assert e1992.date == "1992-06-25" and e1992.derived is False
    assert e1992.how == "30th anniversary on 25 June 2022"


def test_same_year_events_on_different_dates_stay_apart():
    t = "The accords were signed on 1 March 2021 and on 15 June 2021."
    a = ex(
        "a.txt",
        events=[
            ev(2021, t, "a.txt", "2021-06-15"),
            ev(2021, t, "a.txt", "2021-03-01"),
            ev(2021, "Something else in 2021.", "a.txt"),
        ],
    )
    out = run(a).events
    assert [e.date for e in out] == ["2021-03-01", "2021-06-15", None]


def test_derived_flag_kept_when_every_source_derives():
    how = "30th anniversary on 14 January 2022"
    a = ex("a.txt", events=[ev(1992, "Ties marked thirty years.", "a.txt", None, True, how)])
    b = ex("b.txt", events=[ev(1992, "Thirty years of ties were celebrated.", "b.txt", None, True, how)])
    (e,) = run(a, b).events
    assert e.derived is True and e.sources == ("a.txt", "b.txt")


# --- shares -------------------------------------------------------------------------


def test_shares_merge_on_period_percent_and_text():
    s = "Alpha's share of Beta's trade"
    a = ex("a.txt", shares=[Share("2021", 49.0, s, "x", "a.txt"), Share("2020", 47.9, s, "y", "a.txt")])
    b = ex("b.txt", shares=[Share("2021", 49.0, s, "z", "b.txt"), Share("2021", 14.3, "Other", "w", "b.txt")])
    out = run(a, b).shares
    assert [(m.period, m.percent, m.sources) for m in out] == [
        ("2021", 49.0, ("a.txt", "b.txt")),
        ("2020", 47.9, ("a.txt",)),
        ("2021", 14.3, ("b.txt",)),
    ]


def test_derived_years_counted_the_same_way_merge():
    a = ex(
        "a.txt",
        events=[
            ev(
                1992,
                "The two peoples are celebrating the 30th anniversary of their ties today.",
                "a.txt",
                "1992-06-25",
                True,
                "30th anniversary, counted from 25 June 2022",
            ),
            ev(
                1992,
                "It has been 30 years since the capitals opened embassies.",
                "a.txt",
                None,
                True,
                "30 years since, counted from the article date 25 June 2022",
            ),
            ev(
                1997,
                "Both have 25 years of union.",
                "a.txt",
                None,
                True,
                "25 years of union, counted from 25 June 2022",
            ),
        ],
    )
    out = run(a).events
    assert [(e.year, e.date) for e in out] == [(1992, "1992-06-25"), (1997, None)]
