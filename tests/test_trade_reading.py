"""How each amount is read: one test per kind of wording, three or more wordings each, several pairs.

All sentences are written for these tests; none comes from the evaluation cases.
"""

from __future__ import annotations

import pytest

from briefing.extract.trade import read_document


def read(sentences, pair, date="2024-03-15", home=None):
    """(period, field, value, reporter, partner) of every figure; the readings for the reasons."""
    figures, _, readings = read_document(list(sentences), date, pair, "x.txt", False, home)
    return [(f.period, f.field, f.value, f.reporter, f.partner) for f in figures], readings


def reasons(sentences, pair, date="2024-03-15"):
    return {r.text.rstrip("."): r.reason for r in read(sentences, pair, date)[1]}


# --------------------------------------------------------------------------- 1. a subject carried over


@pytest.mark.parametrize(
    "sentences, pair, want",
    [
        (
            [
                "Chile's shipments to Peru climbed to $2.3 billion in 2023.",
                "They had stood at $1.9 billion a year earlier.",
            ],
            ("Chile", "Peru"),
            [("2023", "exports", 2.3e9, "Chile", "Peru"), ("2022", "exports", 1.9e9, "Chile", "Peru")],
        ),
        (
            [
                "Ghanaian cocoa buyers aside, Nigeria's imports from Ghana rose to $640 million in 2022.",
                "The figure was $510 million the year before.",
            ],
            ("Ghana", "Nigeria"),
            [("2022", "imports", 6.4e8, "Nigeria", "Ghana"), ("2021", "imports", 5.1e8, "Nigeria", "Ghana")],
        ),
        (
            [
                "Norwegian exports to Sweden fell to NOK 92 billion in 2023.",
                "Such sales had reached NOK 101 billion in 2022, a record.",
            ],
            ("Norway", "Sweden"),
            [("2023", "exports", 9.2e10, "Norway", "Sweden"), ("2022", "exports", 1.01e11, "Norway", "Sweden")],
        ),
        (
            [
                "Vietnam's exports to Japan grew faster than its imports last year.",
                "They rose 11 per cent to $24.2 billion in 2023.",
            ],
            ("Vietnam", "Japan"),
            [("2023", "exports", 2.42e10, "Vietnam", "Japan")],
        ),
    ],
)
def test_a_subject_carried_from_the_previous_sentence(sentences, pair, want):
    assert read(sentences, pair)[0] == want


def test_such_exports_keeps_the_direction_of_the_goods():
    got, _ = read(
        [
            "Moroccan goods bought by Spain came to €9.1 billion in 2022.",
            "In January-June 2023 alone, such exports totalled €4.8 billion.",
        ],
        ("Morocco", "Spain"),
    )
    assert got == [
        ("2022", "imports", 9.1e9, "Spain", "Morocco"),
        ("2023-01..2023-06", "exports", 4.8e9, "Morocco", "Spain"),
    ]


def test_a_pointing_back_subject_without_figures_before_is_not_read():
    got, readings = read(
        ["The ministers met in Lima.", "They said it had reached $3 billion in 2023."], ("Chile", "Peru")
    )
    assert got == [] and readings[0].reason is not None


# --------------------------------------------------------------------------- 2. several amounts, own periods


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Chilean exports to Peru were $4.1 billion in 2022 and $3.6 billion in 2021.",
            ("Chile", "Peru"),
            [("2022", "exports", 4.1e9), ("2021", "exports", 3.6e9)],
        ),
        (
            "Spanish sales to Morocco rose from €6.1 billion in 2019 to €7.8 billion in 2022.",
            ("Morocco", "Spain"),
            [("2019", "exports", 6.1e9), ("2022", "exports", 7.8e9)],
        ),
        (
            "Two-way trade between Ghana and Nigeria grew from $1.2 bn to $1.9 bn between 2018 and 2020.",
            ("Ghana", "Nigeria"),
            [("2018", "total", 1.2e9), ("2020", "total", 1.9e9)],
        ),
        (
            "Vietnamese exports to Japan reached $2.1 billion, $2.4 billion and $2.2 billion in March, April and May "
            "2023 respectively.",
            ("Vietnam", "Japan"),
            [
                ("2023-03..2023-03", "exports", 2.1e9),
                ("2023-04..2023-04", "exports", 2.4e9),
                ("2023-05..2023-05", "exports", 2.2e9),
            ],
        ),
        (
            "In 2022 and 2023, trade between Norway and Sweden stood at NOK 210 billion and NOK 198 billion respectively.",
            ("Norway", "Sweden"),
            [("2022", "total", 2.1e11), ("2023", "total", 1.98e11)],
        ),
    ],
)
def test_several_amounts_each_with_its_own_period(sentence, pair, want):
    got, _ = read([sentence], pair)
    assert [(p, f, v) for p, f, v, _, _ in got] == want


def test_a_respectively_list_that_compares_takes_the_flows_in_order():
    got, _ = read(
        [
            "Peru sold goods worth $800 million to Chile in 2023 and bought $950 million worth from it, "
            "compared with $700 million and $900 million respectively in 2022."
        ],
        ("Chile", "Peru"),
    )
    assert got == [
        ("2023", "exports", 8e8, "Peru", "Chile"),
        ("2023", "imports", 9.5e8, "Peru", "Chile"),
        ("2022", "exports", 7e8, "Peru", "Chile"),
        ("2022", "imports", 9e8, "Peru", "Chile"),
    ]


# --------------------------------------------------------------------------- 3. comparison values


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Trade between Ghana and Nigeria rose to $1.9 billion in 2023, up from $1.6 billion in 2022.",
            ("Ghana", "Nigeria"),
            [("2023", 1.9e9), ("2022", 1.6e9)],
        ),
        (
            "Trade between Chile and Peru reached $2.2 billion in January-June 2023, compared with $2.0 billion in the "
            "same period of the previous year.",
            ("Chile", "Peru"),
            [("2023-01..2023-06", 2.2e9), ("2022-01..2022-06", 2.0e9)],
        ),
        (
            "Bilateral trade between Norway and Sweden came to NOK 51 billion in the first quarter of 2023, against "
            "NOK 47 billion a year earlier.",
            ("Norway", "Sweden"),
            [("2023-01..2023-03", 5.1e10), ("2022-01..2022-03", 4.7e10)],
        ),
    ],
)
def test_a_comparison_is_a_row_for_its_own_earlier_period(sentence, pair, want):
    got, _ = read([sentence], pair)
    assert [(p, v) for p, _, v, _, _ in got] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Trade between Chile and Peru rose to $2.9 billion in 2023, up from $2.5 billion.", ("Chile", "Peru")),
        (
            "Spain's exports to Morocco reached €7.4 billion in 2023, compared with €7.1 billion previously.",
            ("Morocco", "Spain"),
        ),
        (
            "Trade between Ghana and Nigeria came to $600 million in March 2023, against $540 million.",
            ("Ghana", "Nigeria"),
        ),
    ],
)
def test_a_comparison_without_its_own_period_stays_out(sentence, pair):
    got, readings = read([sentence], pair)
    assert len(got) == 1
    assert readings[1].reason == "comparison without period"


# --------------------------------------------------------------------------- 4. partial periods


@pytest.mark.parametrize(
    "phrase, want",
    [
        ("in the first half of 2023", "2023-01..2023-06"),
        ("in H1 2023", "2023-01..2023-06"),
        ("in Q1 2023", "2023-01..2023-03"),
        ("in the first quarter of 2023", "2023-01..2023-03"),
        ("in the first seven months of 2023", "2023-01..2023-07"),
        ("in January-May 2023", "2023-01..2023-05"),
        ("in Jan-Nov 2023", "2023-01..2023-11"),
        ("in the eleven months to November 2023", "2023-01..2023-11"),
        ("by September 2023", "2023-01..2023-09"),
        ("in the 12 months to March 2023", "2022-04..2023-03"),
        ("in the first three quarters of 2023", "2023-01..2023-09"),
        ("in the March quarter of 2023", "2023-01..2023-03"),
    ],
)
def test_partial_periods_of_every_shape(phrase, want):
    got, _ = read([f"Trade between Chile and Peru came to $1.2 billion {phrase}."], ("Chile", "Peru"), "2024-02-10")
    assert got and got[0][0] == want


def test_a_partial_period_is_never_a_full_year():
    figures, _, _ = read_document(
        ["Trade between Ghana and Nigeria reached $900 million in the 12 months to June 2023."],
        "2024-01-05",
        ("Ghana", "Nigeria"),
        "x.txt",
    )
    assert figures[0].full_year is False


@pytest.mark.parametrize(
    "phrase, want",
    [
        ("in the first half of this year", "2023-01..2023-06"),
        ("in the first quarter of last year", "2022-01..2022-03"),
        ("in September last year", "2022-09..2022-09"),
    ],
)
def test_partial_periods_relative_to_the_article_date(phrase, want):
    got, _ = read(
        [f"Trade between Norway and Sweden came to NOK 20 billion {phrase}."], ("Norway", "Sweden"), "2023-11-20"
    )
    assert got[0][0] == want


# --------------------------------------------------------------------------- 6. direction stated every way


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Goods sold to Peru by Chilean firms reached $1.4 billion in 2023.",
            ("Chile", "Peru"),
            ("exports", "Chile", "Peru"),
        ),
        (
            "Shipments from Ghana to Nigeria came to $300 million in 2023.",
            ("Ghana", "Nigeria"),
            ("exports", "Ghana", "Nigeria"),
        ),
        (
            "Purchases from Norway by Swedish importers totalled SEK 60 billion in 2023.",
            ("Norway", "Sweden"),
            ("imports", "Sweden", "Norway"),
        ),
        (
            "Japanese buyers sourced $3.3 billion of goods from Vietnam in 2023.",
            ("Vietnam", "Japan"),
            ("imports", "Japan", "Vietnam"),
        ),
        (
            "Spain bought €8.2 billion of goods from Morocco in 2023.",
            ("Morocco", "Spain"),
            ("imports", "Spain", "Morocco"),
        ),
        (
            "Moroccan goods bought by Spain were worth €8.2 billion in 2023.",
            ("Morocco", "Spain"),
            ("imports", "Spain", "Morocco"),
        ),
        (
            "Goods worth NOK 40 billion crossed from Norway into Sweden in 2023.",
            ("Norway", "Sweden"),
            ("imports", "Sweden", "Norway"),
        ),
        (
            "Ghana shipped goods worth $210 million to its eastern neighbour in 2023.",
            ("Ghana", "Nigeria"),
            ("exports", "Ghana", "Nigeria"),
        ),
        (
            "Peruvian companies supplied Chile with $1.1 billion of goods in 2023.",
            ("Chile", "Peru"),
            ("exports", "Peru", "Chile"),
        ),
    ],
)
def test_direction_stated_every_way(sentence, pair, want):
    got, _ = read([sentence], pair)
    assert [g[1:2] + g[3:] for g in got] == [want]


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Chile exported goods worth $98 billion in 2023.", ("Chile", "Peru")),
        ("Norway's imports rose to NOK 900 billion in 2023.", ("Norway", "Sweden")),
        ("Vietnam shipped $355 billion of goods abroad in 2023.", ("Vietnam", "Japan")),
    ],
)
def test_a_flow_without_its_partner_is_not_the_pair_s(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and readings[0].reason


# --------------------------------------------------------------------------- 7. distractors


@pytest.mark.parametrize(
    "sentence, pair, reason",
    [
        ("Chile's trade deficit with Peru narrowed to $400 million in 2023.", ("Chile", "Peru"), "balance"),
        ("The balance stood at $250 million in Ghana's favour in 2023.", ("Ghana", "Nigeria"), "balance"),
        ("Sweden ran a surplus of SEK 12 billion with Norway in 2023.", ("Norway", "Sweden"), "balance"),
        (
            "The excess of imports over exports reached €2 billion in Spain's trade with Morocco in 2023.",
            ("Morocco", "Spain"),
            "balance",
        ),
        (
            "The two governments aim to lift trade between Vietnam and Japan to $60 billion by 2030.",
            ("Vietnam", "Japan"),
            "target or forecast",
        ),
        (
            "Trade between Chile and Peru is expected to reach $5 billion in 2024.",
            ("Chile", "Peru"),
            "target or forecast",
        ),
        (
            "Trade between Ghana and Nigeria grew by $120 million in 2023.",
            ("Ghana", "Nigeria"),
            "increase or difference",
        ),
        (
            "Spanish firms have invested €4 billion in Morocco, including €1 billion for ports.",
            ("Morocco", "Spain"),
            "investment or finance",
        ),
        ("Japan extended loans of $900 million to Vietnam in 2023.", ("Vietnam", "Japan"), "investment or finance"),
        ("Norway sold Sweden electricity worth NOK 9 billion in 2023.", ("Norway", "Sweden"), "product or sector"),
        ("Rice worth $1.4 billion went from Vietnam to Japan in 2023.", ("Vietnam", "Japan"), "product or sector"),
        ("Trade in services between Chile and Peru reached $700 million in 2023.", ("Chile", "Peru"), "services"),
        (
            "The port of Tema handled $500 million of trade with Nigeria in 2023.",
            ("Ghana", "Nigeria"),
            "port or region",
        ),
        ("Ghana's total exports reached $17 billion in 2023.", ("Ghana", "Nigeria"), "world total"),
    ],
)
def test_distractors_are_not_trade_figures(sentence, pair, reason):
    got, readings = read([sentence], pair)
    assert got == []
    assert readings[0].reason == reason


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Chile's trade with Bolivia reached $1.4 billion in 2023, more than its trade with Peru.", ("Chile", "Peru")),
        ("Nigeria imported goods worth $2.9 billion from China in 2023.", ("Ghana", "Nigeria")),
        ("Spain's exports to the European Union rose to €250 billion in 2023.", ("Morocco", "Spain")),
        (
            "Sweden came third, with turnover of SEK 90 billion, of which Norwegian exports accounted for SEK 50 billion.",
            ("Norway", "Sweden"),
        ),
    ],
)
def test_third_countries_and_blocs_are_not_the_pair(sentence, pair):
    assert read([sentence], pair)[0] == [] or all(r.reason for r in read([sentence], pair)[1][1:])


def test_every_item_of_an_investment_list_is_investment():
    got, readings = read(
        [
            "Japanese companies pledged investment of $8 billion in Vietnam, including $2 billion for "
            "ports and $1 billion for power plants."
        ],
        ("Vietnam", "Japan"),
    )
    assert got == [] and all(r.reason for r in readings)


# --------------------------------------------------------------------------- 8. currencies as written


@pytest.mark.parametrize(
    "written, pair, home, currency, value",
    [
        ("R31.4bn", ("South Africa", "Botswana"), None, "ZAR", 3.14e10),
        ("R 4.1 billion", ("South Africa", "Lesotho"), None, "ZAR", 4.1e9),
        ("KSh12.5 billion", ("Kenya", "Uganda"), None, "KES", 1.25e10),
        ("Sh12.5 billion", ("Kenya", "Uganda"), "Kenya", "KES", 1.25e10),
        ("Sh12.5 billion", ("Kenya", "Uganda"), "Uganda", "UGX", 1.25e10),
        ("USh900 billion", ("Kenya", "Uganda"), None, "UGX", 9e11),
        ("TSh1.2 trillion", ("Tanzania", "Uganda"), None, "TZS", 1.2e12),
        ("₦450 billion", ("Ghana", "Nigeria"), None, "NGN", 4.5e11),
        ("LE 12 billion", ("Egypt", "Sudan"), None, "EGP", 1.2e10),
        ("SR 3 billion", ("Saudi Arabia", "Jordan"), None, "SAR", 3e9),
        ("Dh 5 billion", ("United Arab Emirates", "Oman"), None, "AED", 5e9),
        ("¥2.1 trillion", ("Japan", "Vietnam"), None, "JPY", 2.1e12),
        ("¥210 billion", ("China", "Mongolia"), None, "CNY", 2.1e11),
        ("Tk 4,000 crore", ("Bangladesh", "Bhutan"), None, "BDT", 4e10),
        ("Rs 1.3 lakh crore", ("India", "Bhutan"), None, "INR", 1.3e12),
        ("Rs 85 billion", ("Pakistan", "Afghanistan"), None, "PKR", 8.5e10),
        ("NRs 22 billion", ("Nepal", "Bhutan"), None, "NPR", 2.2e10),
        ("A$ 2.4 billion", ("Australia", "Fiji"), None, "AUD", 2.4e9),
        ("900bn/-", ("Kenya", "Uganda"), "Kenya", "KES", 9e11),
        ("12 billion Kenyan shillings", ("Kenya", "Uganda"), None, "KES", 1.2e10),
        ("Bt52 billion", ("Thailand", "Laos"), None, "THB", 5.2e10),
        ("QR 3.1 billion", ("Qatar", "Oman"), None, "QAR", 3.1e9),
        ("GH¢ 2 billion", ("Ghana", "Togo"), None, "GHS", 2e9),
    ],
)
def test_currencies_as_they_are_written(written, pair, home, currency, value):
    text = f"Trade between {pair[0]} and {pair[1]} reached {written} in 2023."
    figures, _, _ = read_document([text], "2024-02-01", pair, "x.txt", False, home)
    assert [(f.currency, f.value) for f in figures] == [(currency, value)]


# --------------------------------------------------------------------------- 10. undated articles


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade between Chile and Peru reached $3.4 billion last year.",
        "Trade between Chile and Peru came to $1.7 billion in the first half of this year.",
        "Chilean exports to Peru rose to $900 million in March, up from $800 million in February.",
    ],
)
def test_relative_periods_of_an_undated_article_stay_out(sentence):
    got, readings = read([sentence], ("Chile", "Peru"), date=None)
    assert got == []
    assert all("undated" in (r.reason or "") or r.reason == "no period" for r in readings)


def test_absolute_periods_of_an_undated_article_count():
    got, _ = read(["Trade between Ghana and Nigeria reached $1.1 billion in 2021."], ("Ghana", "Nigeria"), date=None)
    assert got == [("2021", "total", 1.1e9, None, None)]


# --------------------------------------------------------------------------- the explain list


def test_every_amount_is_explained_once_with_a_reading_or_a_reason():
    _, readings = read(
        [
            "Chilean exports to Peru reached $2.5 billion in 2023, while Chile's surplus with Peru was "
            "$300 million and investment stood at $1 billion."
        ],
        ("Chile", "Peru"),
    )
    assert [(r.text, r.period, r.field, r.reason) for r in readings] == [
        ("$2.5 billion", "2023", "exports", None),
        ("$300 million", None, None, "balance"),
        ("$1 billion", None, None, "investment or finance"),
    ]


# --------------------------------------------------------------------------- the command


def test_extract_explain_and_the_amounts_list(tmp_path):
    import json

    from click.testing import CliRunner

    from briefing.cli import main

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Accra, 3 May 2024 (GNA): Ghanaian exports to Nigeria reached $410 million in 2023, while Ghana's "
        "surplus with Nigeria was $90 million. Trade between Ghana and Nigeria may double by 2030.\n",
        encoding="utf-8",
    )
    (seeds / "b.txt").write_text(
        "Lagos, 9 May 2024 (NAN): Nigeria bought goods worth $410 million from Ghana in 2023, officials said. "
        "Nigerian firms invested $75 million in Ghana.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    shown = runner.invoke(main, ["extract", "--seeds", str(seeds), "--explain"])
    assert shown.exit_code == 0, shown.output
    assert "a.txt: $410 million -> in the table: exports 2023, Ghana with Nigeria" in shown.output
    assert "a.txt: $90 million -> not in the table: balance" in shown.output
    assert "b.txt: $75 million -> not in the table: investment or finance" in shown.output
    data = json.loads(runner.invoke(main, ["extract", "--seeds", str(seeds)]).output)
    assert [(a["file"], a["text"], a["in_table"], a["reason"]) for a in data["amounts"]] == [
        ("a.txt", "$410 million", True, None),
        ("a.txt", "$90 million", False, "balance"),
        ("b.txt", "$410 million", True, None),
        ("b.txt", "$75 million", False, "investment or finance"),
    ]
    (row,) = data["trade"]  # the same flow stated from both sides: one row citing both
    flow = "exports" if row["reporter"] == "Ghana" else "imports"
    assert (row["period"], row[flow], row["sources"]) == ("2023", 4.1e8, ["a.txt", "b.txt"])


def test_a_figure_left_out_for_want_of_a_period_is_named_in_the_warnings(tmp_path):
    import json

    from click.testing import CliRunner

    from briefing.cli import main

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text(
        "Oslo, 2 June 2024 (NTB): Norwegian exports to Sweden came to NOK 14 billion, officials said, without "
        "saying for which months. Relations between Norway and Sweden are close.\n",
        encoding="utf-8",
    )
    data = json.loads(CliRunner().invoke(main, ["extract", "--seeds", str(seeds)]).output)
    assert data["trade"] == []
    assert any("note.txt: NOK 14 billion left out of the trade table (no period)" in w for w in data["warnings"])


# --------------------------------------------------------------------------- 5. fiscal years on each calendar


@pytest.mark.parametrize(
    "sentence, pair, months",
    [
        (
            "In the 2022/23 financial year, Indian exports to Bhutan reached Rs 8,000 crore.",
            ("India", "Bhutan"),
            "2022-04..2023-03",
        ),
        (
            "Kenyan exports to Uganda came to KSh 120 billion in the 2021/22 fiscal year.",
            ("Kenya", "Uganda"),
            "2021-07..2022-06",
        ),
        (
            "Australian exports to Fiji were worth A$1.1 billion in FY2022-23.",
            ("Australia", "Fiji"),
            "2022-07..2023-06",
        ),
        (
            "Pakistani exports to Afghanistan fell to $1.1 billion in fiscal year 2022-23.",
            ("Pakistan", "Afghanistan"),
            "2022-07..2023-06",
        ),
    ],
)
def test_a_fiscal_year_runs_on_its_reporter_s_calendar(sentence, pair, months):
    figures, _, _ = read_document([sentence], "2024-02-01", pair, "x.txt")
    label = f"{months[:4]}-{months[11:13]}"  # "2022-07..2023-06" is labelled "2022-23"
    assert [(f.period, f.full_year, f.months) for f in figures] == [(label, True, months)]


def test_the_same_fiscal_label_on_two_calendars_is_not_a_conflict():
    from briefing.merge import merge_trade
    from briefing.model import Extraction

    india = read_document(
        ["Indian exports to Australia reached $10 billion in FY2022-23."], "2023-08-01", ("India", "Australia"), "a.txt"
    )[0]
    australia = read_document(
        ["Australian imports from India came to $12 billion in 2022-23, the fiscal year."],
        "2023-09-01",
        ("India", "Australia"),
        "b.txt",
    )[0]
    extractions = [
        Extraction(f, "0" * 64, {}, (), tuple(figs), (), ()) for f, figs in (("a.txt", india), ("b.txt", australia))
    ]
    rows, conflicts, _ = merge_trade(extractions, ("India", "Australia"), "India")
    assert conflicts == ()
    assert sorted(r.months for r in rows) == ["2022-04..2023-03", "2022-07..2023-06"]


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Spain, France and Italy bought goods worth €9.1 billion, €7.2 billion and €3.3 billion respectively from "
            "Morocco in 2023.",
            ("Morocco", "Spain"),
            [("2023", "imports", 9.1e9, "Spain", "Morocco")],
        ),
        (
            "Japan, China and South Korea supplied Vietnam with goods worth $24 billion, $61 billion and $52 billion "
            "respectively in 2023.",
            ("Vietnam", "Japan"),
            [("2023", "exports", 2.4e10, "Japan", "Vietnam")],
        ),
        (
            "Ghana, Togo and Benin sold Nigeria goods worth $600 million, $90 million and $70 million respectively in "
            "2023.",
            ("Ghana", "Nigeria"),
            [("2023", "exports", 6e8, "Ghana", "Nigeria")],
        ),
    ],
)
def test_a_respectively_list_of_countries_keeps_only_the_pair_s_own(sentence, pair, want):
    assert read([sentence], pair)[0] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Chile sold Peru goods worth $3 billion in 2023, compared with exports of $2.6 billion and imports of "
            "$1.9 billion in 2021.",
            ("Chile", "Peru"),
            [("2023", 3e9), ("2021", 2.6e9), ("2021", 1.9e9)],
        ),
        (
            "Ghanaian exports to Nigeria of $420 million and imports from Nigeria of $380 million in 2022 left a small "
            "surplus.",
            ("Ghana", "Nigeria"),
            [("2022", 4.2e8), ("2022", 3.8e8)],
        ),
        (
            "Norway recorded exports to Sweden of NOK 80 billion and imports from Sweden of NOK 95 billion in 2023.",
            ("Norway", "Sweden"),
            [("2023", 8e10), ("2023", 9.5e10)],
        ),
    ],
)
def test_a_period_after_two_coordinated_amounts_covers_both(sentence, pair, want):
    assert [(p, v) for p, _, v, _, _ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Exports to SA came to $410 million in 2023.",
            ("Zimbabwe", "South Africa"),
            ("exports", "Zimbabwe", "South Africa"),
        ),
        (
            "Imports from SA reached $2.1 billion in 2023.",
            ("Egypt", "Saudi Arabia"),
            ("imports", "Egypt", "Saudi Arabia"),
        ),
        (
            "Shipments to the DR rose to $90 million in 2023.",
            ("Haiti", "Dominican Republic"),
            ("exports", "Haiti", "Dominican Republic"),
        ),
    ],
)
def test_an_abbreviation_two_countries_share_is_the_pair_s(sentence, pair, want):
    assert [g[1:2] + g[3:] for g in read([sentence], pair)[0]] == [want]


def test_a_shared_abbreviation_names_nothing_outside_its_pair():
    from briefing import countries

    assert countries.find_mentions_for_pair("Exports to SA rose.", ("Kenya", "Uganda")) == []
    assert countries.find_mentions_for_pair("SA and SA.", ("South Africa", "Saudi Arabia")) == []


@pytest.mark.parametrize(
    "sentences, pair, want",
    [
        (
            ["Figures released in January show that Chilean exports to Peru reached $3.1 billion in 2023."],
            ("Chile", "Peru"),
            [("2023", 3.1e9)],
        ),
        (
            ["The report, published in March, put trade between Ghana and Nigeria at $1.4 billion."],
            ("Ghana", "Nigeria"),
            [],
        ),
        (
            ["Data issued in February put Spanish exports to Morocco at €12.1 billion for 2023."],
            ("Morocco", "Spain"),
            [("2023", 1.21e10)],
        ),
    ],
)
def test_a_publication_date_is_not_the_period_of_a_figure(sentences, pair, want):
    assert [(p, v) for p, _, v, _, _ in read(sentences, pair, date="2024-04-02")[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Peru sold Chile copper, fruit, fishmeal, zinc and textiles worth about $2.2 billion in 2023.",
            ("Chile", "Peru"),
            [("2023", "exports", 2.2e9)],
        ),
        (
            "Japan shipped Vietnam machinery, steel, plastics and vehicles worth $24 billion in 2023.",
            ("Vietnam", "Japan"),
            [("2023", "exports", 2.4e10)],
        ),
        ("Norway sold Sweden fish worth NOK 9 billion in 2023.", ("Norway", "Sweden"), []),
    ],
)
def test_a_list_of_the_goods_a_whole_flow_is_made_of_is_the_flow(sentence, pair, want):
    assert [(p, f, v) for p, f, v, _, _ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentences, pair, want",
    [
        (
            [
                "Trade between Chile and Peru reached $7 billion in 2023.",
                "Chilean goods shipped north made up most of it.",
                "Their value came to $4.1 billion.",
            ],
            ("Chile", "Peru"),
            ("2023", "exports", 4.1e9, "Chile", "Peru"),
        ),
        (
            [
                "Two-way trade between Ghana and Nigeria came to $1.5 billion in 2022.",
                "Nigerian goods sold across the border made up the larger share.",
                "They were worth $900 million.",
            ],
            ("Ghana", "Nigeria"),
            ("2022", "exports", 9e8, "Nigeria", "Ghana"),
        ),
        (
            ["At least $2.2 billion of those exports went to Peru in 2023."],
            ("Chile", "Peru"),
            ("2023", "exports", 2.2e9, "Chile", "Peru"),
        ),
    ],
)
def test_one_side_named_right_after_a_two_way_total(sentences, pair, want):
    assert read(sentences, pair)[0][-1] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "In 2021 the Kingdom took 9 per cent of Jordanian exports, worth $730 million.",
            ("Jordan", "Saudi Arabia"),
            ("2021", "exports", 7.3e8, "Jordan", "Saudi Arabia"),
        ),
        (
            "In 2022 the Republic bought 12 per cent of Togolese exports, worth $95 million.",
            ("Togo", "Ghana"),
            ("2022", "exports", 9.5e7, "Togo", "Ghana"),
        ),
        (
            "In 2023 the Kingdom absorbed a fifth of Bahraini exports, worth $1.6 billion.",
            ("Bahrain", "Saudi Arabia"),
            ("2023", "exports", 1.6e9, "Bahrain", "Saudi Arabia"),
        ),
    ],
)
def test_the_partner_named_by_its_title(sentence, pair, want):
    assert read([sentence], pair)[0] == [want]


def test_a_table_in_two_currencies_says_each_figure_is_in_its_own(tmp_path):
    import subprocess

    from click.testing import CliRunner

    from briefing.cli import main

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Oslo, 2 June 2024 (NTB): Trade between Norway and Sweden reached NOK 210 billion in 2023, officials "
        "said. Measured in Swedish currency, trade between Norway and Sweden came to SEK 215 billion in 2023.\n",
        encoding="utf-8",
    )
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split())
    assert "Each figure in the currency its source states it in" in text
    assert "Values in NOK" not in text and "Values in SEK" not in text


@pytest.mark.parametrize(
    "phrase, want, full",
    [
        ("in the fiscal year ended June 2022", "2021-22", True),
        ("in the financial year ending March 2023", "2022-23", True),
        ("in the year to September 2022", "2021-10..2022-09", False),
        ("in the year ended 31 December 2022", "2022", True),
    ],
)
def test_a_year_ended_in_a_month(phrase, want, full):
    figures, _, _ = read_document(
        [f"Trade between Egypt and Jordan reached $1.1 billion {phrase}."], "2023-05-01", ("Egypt", "Jordan"), "x.txt"
    )
    assert [(f.period, f.full_year) for f in figures] == [(want, full)]


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Vietnam's trade with Japan in 2023: exports $24.2bn, imports $21.9bn.",
            ("Vietnam", "Japan"),
            [("exports", "Vietnam", "Japan"), ("imports", "Vietnam", "Japan")],
        ),
        (
            "Chile's trade with Peru last year: exports of $2.1 billion and imports of $1.4 billion.",
            ("Chile", "Peru"),
            [("exports", "Chile", "Peru"), ("imports", "Chile", "Peru")],
        ),
        (
            "Ghana's trade with Nigeria in 2022 - exports $0.6bn, imports $0.5bn.",
            ("Ghana", "Nigeria"),
            [("exports", "Ghana", "Nigeria"), ("imports", "Ghana", "Nigeria")],
        ),
    ],
)
def test_flows_listed_after_whose_trade_with_whom(sentence, pair, want):
    assert [(f, r, p) for _, f, _, r, p in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Trade between Peru and Chile, which stood at $4.2 billion in 2022, is expected to grow to $5 billion next year.",
            ("Chile", "Peru"),
            [("2022", "total", 4.2e9)],
        ),
        (
            "Norwegian exports to Sweden, which reached NOK 90 billion in 2023, are likely to fall this year.",
            ("Norway", "Sweden"),
            [("2023", "exports", 9e10)],
        ),
        (
            "Ghana's sales to Nigeria, which came to $610 million in 2022, rose again last year.",
            ("Ghana", "Nigeria"),
            [("2022", "exports", 6.1e8)],
        ),
    ],
)
def test_a_relative_clause_takes_the_flow_it_hangs_on(sentence, pair, want):
    assert [(p, f, v) for p, f, v, _, _ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Exports of Chilean wine to Peru rose to $50 million in 2023.", ("Chile", "Peru")),
        ("Peru's exports to Chile of fresh grapes reached $80 million in 2023.", ("Chile", "Peru")),
        ("Sales of Norwegian salmon to Sweden came to NOK 4 billion in 2023.", ("Norway", "Sweden")),
    ],
)
def test_exports_of_one_named_kind_of_goods_are_a_product_value(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and readings[0].reason == "product or sector"


def test_a_quarter_still_running_at_the_article_date_is_last_year_s():
    got, _ = read(["Peru's sales to Chile fell to $1.2bn in the first quarter."], ("Chile", "Peru"), "2024-03-10")
    assert got[0][0] == "2023-01..2023-03"


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        ("Bilateral trade (2023): US$5.2 billion.", ("Chile", "Peru"), [("2023", "total", 5.2e9)]),
        (
            "Chile-Peru trade totalled $5.2 billion in 2023, of which Chilean exports were $3.0 billion.",
            ("Chile", "Peru"),
            [("2023", "total", 5.2e9), ("2023", "exports", 3e9)],
        ),
        (
            "Norway recorded a NOK 12 billion deficit in its trade with Sweden in 2023, exporting NOK 80 billion and "
            "importing NOK 92 billion.",
            ("Norway", "Sweden"),
            [("2023", "exports", 8e10), ("2023", "imports", 9.2e10)],
        ),
        ("Trade between Ghana and Nigeria, 2022: $1.7 billion.", ("Ghana", "Nigeria"), [("2022", "total", 1.7e9)]),
    ],
)
def test_labels_parts_of_a_total_and_flows_after_a_balance(sentence, pair, want):
    assert [(p, f, v) for p, f, v, _, _ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Vietnam's export turnover to Japan reached $23.3 billion in 2023.",
            ("Vietnam", "Japan"),
            ("exports", "Vietnam"),
        ),
        (
            "Ghana's export earnings from Nigeria came to $610 million in 2022.",
            ("Ghana", "Nigeria"),
            ("exports", "Ghana"),
        ),
        ("Chile's import bill from Peru rose to $1.4 billion in 2023.", ("Chile", "Peru"), ("imports", "Chile")),
    ],
)
def test_export_turnover_and_import_bill_are_one_way(sentence, pair, want):
    assert [(f, r) for _, f, _, r, _ in read([sentence], pair)[0]] == [want]


@pytest.mark.parametrize("phrase, want", [("in FY23", "2022-23"), ("in FY 2024", "2023-24"), ("in FY'22", "2021-22")])
def test_two_digit_fiscal_years(phrase, want):
    figures, _, _ = read_document(
        [f"Pakistani exports to Afghanistan reached $1.1 billion {phrase}."],
        "2024-09-01",
        ("Pakistan", "Afghanistan"),
        "x.txt",
    )
    assert [f.period for f in figures] == [want]


def _merged(texts, pair):
    from briefing.merge import merge_trade
    from briefing.model import Extraction

    extractions = []
    for i, text in enumerate(texts):
        figs = read_document([text], "2024-02-01", pair, f"{i}.txt")[0]
        extractions.append(Extraction(f"{i}.txt", "0" * 64, {}, (), tuple(figs), (), ()))
    return merge_trade(extractions, pair, pair[0])


@pytest.mark.parametrize(
    "texts, pair, value",
    [
        (
            [
                "Trade between Chile and Peru topped $5 billion in 2023.",
                "Trade between Chile and Peru reached $5.3 billion in 2023.",
            ],
            ("Chile", "Peru"),
            5.3e9,
        ),
        (
            [
                "Chilean exports to Peru were more than $2 billion in 2023.",
                "Chilean exports to Peru came to $2.06 billion in 2023.",
            ],
            ("Chile", "Peru"),
            2.06e9,
        ),
        (
            [
                "Trade between Ghana and Nigeria was just under $2 billion in 2022.",
                "Trade between Ghana and Nigeria came to $1.94 billion in 2022.",
            ],
            ("Ghana", "Nigeria"),
            1.94e9,
        ),
    ],
)
def test_a_one_sided_figure_agrees_with_an_exact_one_inside_it(texts, pair, value):
    rows, conflicts, _ = _merged(texts, pair)
    assert conflicts == ()
    assert [(r.total or r.exports, r.sources) for r in rows] == [(value, ("0.txt", "1.txt"))]


@pytest.mark.parametrize(
    "texts, pair",
    [
        (
            [
                "Trade between Chile and Peru exceeded $6 billion in 2023.",
                "Trade between Chile and Peru reached $5.8 billion in 2023.",
            ],
            ("Chile", "Peru"),
        ),
        (
            [
                "Trade between Norway and Sweden reached about NOK 210 billion in 2023.",
                "Trade between Norway and Sweden came to NOK 226 billion in 2023.",
            ],
            ("Norway", "Sweden"),
        ),
        (
            [
                "Chile's exports to Peru were about $3.41 billion in 2023.",
                "Chile's exports to Peru came to $3.43 billion in 2023.",
            ],
            ("Chile", "Peru"),
        ),
        (
            [
                "Ghanaian exports to Nigeria were more than $600 million in 2022.",
                "Ghanaian exports to Nigeria came to $540 million in 2022.",
            ],
            ("Ghana", "Nigeria"),
        ),
    ],
)
def test_figures_that_cannot_both_be_true_are_a_conflict(texts, pair):
    _, conflicts, _ = _merged(texts, pair)
    assert len(conflicts) == 1


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("A Chilean company signed a $300 million deal to export copper to Peru in 2023.", ("Chile", "Peru")),
        (
            "Japan opened a $1 billion credit line for Vietnamese importers of Japanese machinery in 2023.",
            ("Vietnam", "Japan"),
        ),
        ("A Ghanaian firm won a $50 million contract to supply cement to Nigeria in 2022.", ("Ghana", "Nigeria")),
    ],
)
def test_an_amount_that_names_a_deal_or_a_credit_is_finance(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and readings[0].reason == "investment or finance"


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Peru's mining exports reached $40 billion in 2023, with Chile buying $1 billion.", ("Chile", "Peru")),
        ("Vietnam's exports reached $355 billion in 2023, with Japan taking $24 billion.", ("Vietnam", "Japan")),
        ("Ghana's cocoa sales rose to $3 billion in 2022, with Nigeria buying $90 million.", ("Ghana", "Nigeria")),
    ],
)
def test_a_new_subject_after_with_is_never_read_as_the_first_one(sentence, pair):
    got, _ = read([sentence], pair)
    seller = sentence.split("'")[0]  # the country whose goods the sentence is about
    assert not any(field == "imports" and reporter == seller for _, field, _, reporter, _ in got)
    assert not any(field == "exports" and reporter != seller for _, field, _, reporter, _ in got)


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        ("Trade between Chile and Peru reached US$5.2-billion in 2023.", ("Chile", "Peru"), [("2023", 5.2e9)]),
        ("Norway's exports to Sweden hit a NOK 90-billion record in 2023.", ("Norway", "Sweden"), [("2023", 9e10)]),
        ("Trade between Ghana and Nigeria topped the $1.7-bn mark in 2022.", ("Ghana", "Nigeria"), [("2022", 1.7e9)]),
    ],
)
def test_a_hyphen_between_number_and_scale(sentence, pair, want):
    assert [(p, v) for p, _, v, _, _ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Trade between Chile and Peru is put at $5-6 billion for 2023.", ("Chile", "Peru")),
        (
            "Trade between Norway and Sweden was between NOK 200 billion and NOK 220 billion in 2023.",
            ("Norway", "Sweden"),
        ),
        ("Ghanaian exports to Nigeria were $500 million to $600 million in 2022.", ("Ghana", "Nigeria")),
    ],
)
def test_a_range_is_no_single_figure(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and all(r.reason for r in readings)


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Trade between Chile and Peru reached $5.2 billion in 2023, up 8% y-o-y from $4.8 billion.",
            ("Chile", "Peru"),
            [("2023", 5.2e9), ("2022", 4.8e9)],
        ),
        (
            "Trade between Norway and Sweden came to NOK 51 billion in the first quarter of 2023, up 4 per cent year on "
            "year from NOK 49 billion.",
            ("Norway", "Sweden"),
            [("2023-01..2023-03", 5.1e10), ("2022-01..2022-03", 4.9e10)],
        ),
        ("Chile-Peru trade: $5.2bn (2023), $4.8bn (2022).", ("Chile", "Peru"), [("2023", 5.2e9), ("2022", 4.8e9)]),
    ],
)
def test_year_on_year_comparisons_and_years_in_brackets(sentence, pair, want):
    assert [(p, v) for p, _, v, _, _ in read([sentence], pair)[0]] == want


# --------------------------------------------------------------------------- fiscal years named every way


def _months(sentences, pair, date="2024-09-01", home=None):
    figures, _, readings = read_document(list(sentences), date, pair, "x.txt", False, home)
    return [(f.period, f.months, f.field, f.value) for f in figures], readings


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        # named by the year it ends in (India, Kenya, the US)
        (
            "India's exports to Bangladesh were $11.1 billion in fiscal 2024.",
            ("India", "Bangladesh"),
            ("2023-24", "2023-04..2024-03"),
        ),
        (
            "Kenya's imports from Uganda came to $0.9 billion in the 2023 financial year.",
            ("Kenya", "Uganda"),
            ("2022-23", "2022-07..2023-06"),
        ),
        (
            "US exports to Mexico reached $320 billion in fiscal year 2023, the Commerce Department said.",
            ("United States", "Mexico"),
            ("2022-23", "2022-10..2023-09"),
        ),
        # named by the year it starts in (Japan, Singapore)
        (
            "Japan's imports from Canada fell to ¥1.8 trillion in fiscal 2023.",
            ("Japan", "Canada"),
            ("2023-24", "2023-04..2024-03"),
        ),
        (
            "Japanese exports to Australia rose to ¥2.4 trillion in FY2022.",
            ("Japan", "Australia"),
            ("2022-23", "2022-04..2023-03"),
        ),
    ],
)
def test_a_fiscal_year_named_by_one_year_is_on_the_reporters_calendar(sentence, pair, want):
    got, _ = _months([sentence], pair)
    assert [(p, m) for p, m, _, _ in got] == [want]


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("China's exports to Russia were $110 billion in fiscal 2023.", ("China", "Russia")),
        ("Brazilian sales to Argentina reached $16 billion in financial year 2022.", ("Brazil", "Argentina")),
        ("Germany's imports from Poland came to €80 billion in FY2023.", ("Germany", "Poland")),
    ],
)
def test_a_fiscal_year_on_an_unrecorded_calendar_stays_out(sentence, pair):
    got, readings = _months([sentence], pair)
    assert got == [] and "calendar" in readings[0].reason


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "India's exports to Bangladesh were $8.1 billion in the first seven months of FY2021-22, from April to "
            "October 2021.",
            ("India", "Bangladesh"),
            [("2021-04..2021-10", None, "exports", 8.1e9)],
        ),
        (
            "Kenyan sales to Tanzania came to Sh40 billion in the first half of fiscal 2022-23 (July-December 2022).",
            ("Kenya", "Tanzania"),
            [("2022-07..2022-12", None, "exports", 4e10)],
        ),
        (
            "Japan's imports from Canada fell to ¥1.82 trillion in fiscal 2023, the year ended March 2024.",
            ("Japan", "Canada"),
            [("2023-24", "2023-04..2024-03", "imports", 1.82e12)],
        ),
        (
            "US imports from Canada were $420 billion in fiscal 2023 (October 2022 to September 2023).",
            ("United States", "Canada"),
            [("2022-23", "2022-10..2023-09", "imports", 4.2e11)],
        ),
    ],
)
def test_months_written_beside_a_fiscal_year_say_its_period(sentence, pair, want):
    assert _months([sentence], pair)[0] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        (
            "Exports to Bangladesh reached $5.2 billion in the first five months of the fiscal year, India said.",
            ("India", "Bangladesh"),
        ),
        ("Uganda's imports from Kenya were $410 million in the first half of FY2023-24.", ("Uganda", "Kenya")),
        ("Japanese exports to Canada rose to ¥420 billion in Q1 FY2024.", ("Japan", "Canada")),
        (
            "Pakistan's exports to Afghanistan fell to $250 million in the first quarter of the current fiscal year.",
            ("Pakistan", "Afghanistan"),
        ),
    ],
)
def test_part_of_a_fiscal_year_is_never_the_same_part_of_a_calendar_year(sentence, pair):
    got, readings = _months([sentence], pair)
    assert got == [] and readings[0].reason == "part of a fiscal year whose months are not stated"


@pytest.mark.parametrize(
    "sentence, pair, date, want",
    [
        (
            "In July to March, Bangladeshi goods sold to India earned $1.2 billion.",
            ("Bangladesh", "India"),
            "2024-05-10",
            "2023-07..2024-03",
        ),
        (
            "Between October and February, Kenya's imports from Uganda came to $300 million.",
            ("Kenya", "Uganda"),
            "2024-04-02",
            "2023-10..2024-02",
        ),
        (
            "From November to January, Thai exports to Laos were worth $1.1 billion.",
            ("Thailand", "Laos"),
            "2024-03-20",
            "2023-11..2024-01",
        ),
    ],
)
def test_a_month_range_over_new_year_ends_in_the_later_year(sentence, pair, date, want):
    got, _ = _months([sentence], pair, date)
    assert [p for p, *_ in got] == [want]


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Bangladesh's imports from India rose to $9.4 billion in fiscal 2023-24, up from $8.9 billion in the "
            "previous fiscal year.",
            ("Bangladesh", "India"),
            ["2023-24", "2022-23"],
        ),
        (
            "Kenya's exports to Uganda were Sh110 billion in 2022-23, against Sh96 billion the preceding year.",
            ("Kenya", "Uganda"),
            ["2022-23", "2021-22"],
        ),
        (
            "Australian exports to Indonesia reached A$7 billion in 2021-22, compared with A$6.2 billion in the prior "
            "financial year.",
            ("Australia", "Indonesia"),
            ["2021-22", "2020-21"],
        ),
    ],
)
def test_the_previous_fiscal_year_is_a_comparison_row(sentence, pair, want):
    assert [p for p, *_ in _months([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Malaysia's total trade with Singapore rose 4.2 per cent to RM 320 billion in 2023.",
            ("Malaysia", "Singapore"),
            [("2023", "total", 3.2e11, None, None)],
        ),
        (
            "Kenya's total exports to Uganda reached Sh105 billion in 2023.",
            ("Kenya", "Uganda"),
            [("2023", "exports", 1.05e11, "Kenya", "Uganda")],
        ),
        (
            "Chile's total imports from Peru came to $2.9 billion in 2022.",
            ("Chile", "Peru"),
            [("2022", "imports", 2.9e9, "Chile", "Peru")],
        ),
    ],
)
def test_a_total_with_the_partner_named_is_bilateral(sentence, pair, want):
    assert read([sentence], pair)[0] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Malaysia's total trade with the world reached RM 2.6 trillion in 2023.", ("Malaysia", "Singapore")),
        ("Kenya's total exports to all destinations were Sh1.1 trillion in 2023.", ("Kenya", "Uganda")),
        ("Chile's total imports from other countries rose to $80 billion in 2022.", ("Chile", "Peru")),
    ],
)
def test_a_total_with_the_world_stays_a_world_total(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and readings[0].reason == "world total"


@pytest.mark.parametrize(
    "sentences, pair, want",
    [
        (
            [
                "Uzbekistan's trade with Kazakhstan reached $3.1 billion in 2022.",
                "Shipments from Kazakhstan made up $2.3 billion.",
            ],
            ("Uzbekistan", "Kazakhstan"),
            ("exports", "Kazakhstan", "Uzbekistan"),
        ),
        (
            [
                "Trade between Chile and Peru reached $5.1 billion in 2022.",
                "Peruvian sales accounted for $2.0 billion of that.",
            ],
            ("Chile", "Peru"),
            ("exports", "Peru", "Chile"),
        ),
        (
            [
                "Ghana's trade with Nigeria was $1.9 billion in 2022.",
                "Of this, exports from Nigeria comprised $1.2 billion.",
            ],
            ("Ghana", "Nigeria"),
            ("exports", "Nigeria", "Ghana"),
        ),
    ],
)
def test_a_part_of_the_two_way_total_just_stated_is_between_the_pair(sentences, pair, want):
    got, _ = read(sentences, pair)
    assert [(f, r, p) for _, f, _, r, p in got[1:]] == [want]


@pytest.mark.parametrize(
    "sentences, pair",
    [
        (
            [
                "Ghana's trade with Nigeria was $1.9 billion in 2022.",
                "Exports from Nigeria reached $60 billion in 2022.",
            ],
            ("Ghana", "Nigeria"),
        ),
        (
            [
                "Trade between Chile and Peru reached $5.1 billion in 2022.",
                "The ministers met in Lima.",
                "Chilean sales made up $3.1 billion.",
            ],
            ("Chile", "Peru"),
        ),
        (
            ["Uzbek exports rose.", "Shipments from Kazakhstan made up $2.3 billion in 2022."],
            ("Uzbekistan", "Kazakhstan"),
        ),
    ],
)
def test_without_a_whole_just_before_a_one_sided_flow_stays_out(sentences, pair):
    got, readings = read(sentences, pair)
    assert all(f != "exports" for _, f, *_ in got) and readings[-1].reason == "partner not named"


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Nigeria's imports from South Africa rose by N120 billion to N780 billion in 2023.",
            ("Nigeria", "South Africa"),
            [("2023", "imports", 7.8e11, "Nigeria", "South Africa")],
        ),
        (
            "Kenya's exports to Uganda fell by some Sh8 billion to Sh97 billion in 2023.",
            ("Kenya", "Uganda"),
            [("2023", "exports", 9.7e10, "Kenya", "Uganda")],
        ),
        (
            "Chilean exports to Peru increased by about $300 million to $2.1 billion in 2022.",
            ("Chile", "Peru"),
            [("2022", "exports", 2.1e9, "Chile", "Peru")],
        ),
    ],
)
def test_a_change_by_an_amount_then_the_level_it_reached(sentence, pair, want):
    got, readings = read([sentence], pair)
    assert got == want and readings[0].reason == "increase or difference"


@pytest.mark.parametrize(
    "sentences, pair",
    [
        (
            [
                "Australia's goods trade with New Zealand was worth A$29.5 billion in 2023.",
                "Services trade added another A$10 billion.",
            ],
            ("Australia", "New Zealand"),
        ),
        (
            [
                "Kenya's exports to Uganda were Sh100 billion in 2023.",
                "Services exports to Uganda were Sh10 billion in 2023.",
            ],
            ("Kenya", "Uganda"),
        ),
        (
            [
                "Chile's exports to Peru were $3 billion in 2022.",
                "Services, mostly tourism, brought in $0.6 billion in 2022.",
            ],
            ("Chile", "Peru"),
        ),
    ],
)
def test_services_opening_a_sentence_are_services(sentences, pair):
    got, readings = read(sentences, pair)
    assert len(got) == 1 and readings[-1].reason == "services"


@pytest.mark.parametrize(
    "sentence, pair, date, want",
    [
        (
            "Shipments to Japan by September totalled $21.5 billion, South Korea's trade ministry said.",
            ("South Korea", "Japan"),
            "2024-10-15",
            "2024-01..2024-09",
        ),
        (
            "As of June, Kenya's exports to Uganda stood at Sh50 billion.",
            ("Kenya", "Uganda"),
            "2024-08-02",
            "2024-01..2024-06",
        ),
        (
            "Kenya's imports from Uganda through May came to Sh30 billion.",
            ("Kenya", "Uganda"),
            "2024-08-02",
            "2024-01..2024-05",
        ),
        (
            "Chilean exports to Peru to the end of March reached $0.9 billion.",
            ("Chile", "Peru"),
            "2024-04-20",
            "2024-01..2024-03",
        ),
    ],
)
def test_by_a_month_without_a_year_runs_from_january(sentence, pair, date, want):
    got, _ = _months([sentence], pair, date)
    assert [p for p, *_ in got] == [want]


@pytest.mark.parametrize(
    "texts, pair, value",
    [
        (
            [
                "Trade between Chile and Peru was about $5 billion in 2023.",
                "Trade between Chile and Peru reached $5.2 billion in 2023.",
            ],
            ("Chile", "Peru"),
            5.2e9,
        ),
        (
            [
                "Kenya's exports to Uganda came to some Sh105 billion in 2023.",
                "Kenya's exports to Uganda were Sh104.6 billion in 2023.",
            ],
            ("Kenya", "Uganda"),
            1.046e11,
        ),
        (
            [
                "Ghanaian exports to Nigeria were around $540 million in 2022.",
                "Ghanaian exports to Nigeria came to $538.2 million in 2022.",
            ],
            ("Ghana", "Nigeria"),
            5.382e8,
        ),
    ],
)
def test_an_about_figure_agrees_with_what_rounds_to_it(texts, pair, value):
    rows, conflicts, _ = _merged(texts, pair)
    assert conflicts == ()
    assert [(r.total or r.exports, r.sources) for r in rows] == [(value, ("0.txt", "1.txt"))]


@pytest.mark.parametrize(
    "sentences, pair, want",
    [
        (
            [
                "In 2013 two-way trade between Indonesia and Malaysia stood at $19.2 billion; by 2023 it had reached "
                "$23.5 billion."
            ],
            ("Indonesia", "Malaysia"),
            [("2013", 1.92e10), ("2023", 2.35e10)],
        ),
        (
            ["Kenya's exports to Uganda were Sh60 billion in 2015.", "By 2022 they had climbed to Sh98 billion."],
            ("Kenya", "Uganda"),
            [("2015", 6e10), ("2022", 9.8e10)],
        ),
        (
            ["Trade between Chile and Peru was $3.1 billion in 2010; by 2021 it stood at $5.4 billion."],
            ("Chile", "Peru"),
            [("2010", 3.1e9), ("2021", 5.4e9)],
        ),
    ],
)
def test_by_a_past_year_the_level_reached_is_that_years(sentences, pair, want):
    got, _ = read(sentences, pair, "2024-05-30")
    assert [(p, v) for p, _, v, _, _ in got] == want


@pytest.mark.parametrize(
    "sentences, pair",
    [
        (
            [
                "In 2013 two-way trade between Indonesia and Malaysia stood at $19.2 billion.",
                "Since 2015 it has grown to $23.5 billion.",
            ],
            ("Indonesia", "Malaysia"),
        ),
        (
            ["Kenya's exports to Uganda were Sh60 billion in 2015.", "By 2026 they should climb to Sh150 billion."],
            ("Kenya", "Uganda"),
        ),
        (
            ["Trade between Chile and Peru was $3.1 billion in 2010; until 2019 it hovered around $4 billion."],
            ("Chile", "Peru"),
        ),
    ],
)
def test_a_point_in_time_never_borrows_another_clauses_year(sentences, pair):
    got, _ = read(sentences, pair, "2024-05-30")
    assert len(got) == 1  # only the first figure, with its own year


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Ghana's exports to Nigeria and its imports from Nigeria were $700 million and $540 million in 2022.",
            ("Ghana", "Nigeria"),
            [("exports", 7e8, "Ghana", "Nigeria"), ("imports", 5.4e8, "Ghana", "Nigeria")],
        ),
        (
            "Peruvian sales to Chile and Chilean sales to Peru came to $2.1 billion and $3.4 billion in 2023.",
            ("Chile", "Peru"),
            [("exports", 2.1e9, "Peru", "Chile"), ("exports", 3.4e9, "Chile", "Peru")],
        ),
        (
            "Kenya's exports to and imports from Uganda stood at Sh105 billion and Sh70 billion in 2023.",
            ("Kenya", "Uganda"),
            [("exports", 1.05e11, "Kenya", "Uganda"), ("imports", 7e10, "Kenya", "Uganda")],
        ),
    ],
)
def test_flows_listed_then_amounts_listed_pair_in_order(sentence, pair, want):
    assert [(f, v, r, p) for _, f, v, r, p in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("Exports and imports rose to Sh105 billion and Sh70 billion in 2023.", ("Kenya", "Uganda")),
        ("Sales and purchases came to $2.1 billion and $3.4 billion in 2023.", ("Chile", "Peru")),
        ("Shipments and purchases were $700 million and $540 million in 2022.", ("Ghana", "Nigeria")),
    ],
)
def test_listed_flows_whose_sides_are_not_named_stay_out(sentence, pair):
    got, readings = read([sentence], pair)
    assert got == [] and {r.reason for r in readings} == {"direction unknown"}


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Chile's exports to Peru were $3.4 billion in 2023 (2022: $3.1 billion).",
            ("Chile", "Peru"),
            ["2023", "2022"],
        ),
        (
            "Kenya's exports to Uganda came to Sh105 billion in 2023 (2022: Sh98 billion).",
            ("Kenya", "Uganda"),
            ["2023", "2022"],
        ),
        (
            "India's imports from Nepal were Rs 8,000 crore in FY2022-23 (FY2021-22: Rs 6,500 crore).",
            ("India", "Nepal"),
            ["2022-23", "2021-22"],
        ),
    ],
)
def test_an_amount_listed_under_a_period_takes_that_period(sentence, pair, want):
    assert [p for p, *_ in read([sentence], pair, "2024-06-01")[0]] == want


@pytest.mark.parametrize(
    "sentences, pair",
    [
        (
            [
                "Chile's exports to Peru rose to a record $3.4 billion last year, twice the $1.7 billion of a decade ago."
            ],
            ("Chile", "Peru"),
        ),
        (
            [
                "Kenya's exports to Uganda reached Sh105 billion in 2023.",
                "They had been Sh50 billion some years earlier.",
            ],
            ("Kenya", "Uganda"),
        ),
        (
            ["Ghana's imports from Nigeria hit $900 million in 2022, three times the $300 million of ten years ago."],
            ("Ghana", "Nigeria"),
        ),
    ],
)
def test_a_vague_earlier_time_is_no_period(sentences, pair):
    got, readings = read(sentences, pair, "2024-06-01")
    assert len(got) == 1 and readings[-1].reason is not None


@pytest.mark.parametrize(
    "sentences, pair, date, want",
    [
        (
            [
                "Chile's exports to Peru reached $3.4 billion in 2023.",
                "Last month, imports from Peru were $0.2 billion.",
            ],
            ("Chile", "Peru"),
            "2024-06-01",
            ["2023", "2024-05..2024-05"],
        ),
        (
            ["Last month, Kenya's exports to Uganda were Sh9 billion."],
            ("Kenya", "Uganda"),
            "2024-01-10",
            ["2023-12..2023-12"],
        ),
        (
            ["Ghana's imports from Nigeria came to $80 million last month, the statistics service said."],
            ("Ghana", "Nigeria"),
            "2023-08-20",
            ["2023-07..2023-07"],
        ),
    ],
)
def test_last_month_is_the_month_before_the_article(sentences, pair, date, want):
    assert [p for p, *_ in read(sentences, pair, date)[0]] == want


@pytest.mark.parametrize(
    "sentences, pair",
    [
        (
            [
                "Chile's exports to Peru reached $3.4 billion in 2023.",
                "The two presidents met in Lima in March 2024.",
                "Chilean imports from Peru were $2.1 billion, officials said.",
            ],
            ("Chile", "Peru"),
        ),
        (
            [
                "Kenya's exports to Uganda were Sh105 billion in 2023.",
                "President Museveni visited Nairobi on 3 May 2024.",
                "Imports from Uganda came to Sh70 billion.",
            ],
            ("Kenya", "Uganda"),
        ),
        (
            [
                "Ghana's exports to Nigeria rose to $700 million in 2022.",
                "The border reopened in December 2020.",
                "Imports from Nigeria stood at $540 million.",
            ],
            ("Ghana", "Nigeria"),
        ),
    ],
)
def test_an_event_date_between_is_never_lent_to_a_figure(sentences, pair):
    got, readings = read(sentences, pair, "2024-06-01")
    assert len(got) == 1 and readings[-1].reason == "no period"


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Chile's exports to Peru were $3.4 billion and $3.1 billion in 2023 and 2022.",
            ("Chile", "Peru"),
            [("2023", 3.4e9), ("2022", 3.1e9)],
        ),
        (
            "Ghana's imports from Nigeria came to $1.1 billion, $0.9 billion and $0.8 billion in 2023, 2022 and 2021.",
            ("Ghana", "Nigeria"),
            [("2023", 1.1e9), ("2022", 9e8), ("2021", 8e8)],
        ),
        (
            "Kenya's exports to Uganda stood at Sh105 billion and Sh90 billion in 2023 and in 2022.",
            ("Kenya", "Uganda"),
            [("2023", 1.05e11), ("2022", 9e10)],
        ),
    ],
)
def test_amounts_listed_then_periods_listed_pair_in_order(sentence, pair, want):
    assert [(p, v) for p, _, v, _, _ in read([sentence], pair, "2024-06-01")[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Ethiopian goods shipped to Djibouti were worth $132 million in 2023, while imports from its neighbour, mostly "
            "re-exported fuel, came to $410 million.",
            ("Ethiopia", "Djibouti"),
            ["exports", "imports"],
        ),
        (
            "Singapore's imports from Malaysia, including re-exports, were S$84.5 billion in 2023.",
            ("Singapore", "Malaysia"),
            ["imports"],
        ),
        (
            "Kenya's exports to Uganda, many of them re-imported goods, reached Sh105 billion in 2023.",
            ("Kenya", "Uganda"),
            ["exports"],
        ),
    ],
)
def test_re_exports_describe_goods_and_are_no_flow_cue(sentence, pair, want):
    assert [f for _, f, *_ in read([sentence], pair)[0]] == want


@pytest.mark.parametrize(
    "sentence, pair, want",
    [
        (
            "Trade grew from $2.0 billion in 2017 to $3.3 billion in 2019, before dipping to $3.0 billion in 2020, Kazakh and "
            "Uzbek officials said.",
            ("Kazakhstan", "Uzbekistan"),
            ["2017", "2019", "2020"],
        ),
        (
            "Kenyan exports to Uganda peaked at Sh110 billion in 2022, before easing to Sh105 billion in 2023.",
            ("Kenya", "Uganda"),
            ["2022", "2023"],
        ),
        (
            "Chile's imports from Peru slid to $1.9 billion in 2020 before recovering to $2.6 billion in 2022.",
            ("Chile", "Peru"),
            ["2020", "2022"],
        ),
    ],
)
def test_a_chain_goes_on_after_before(sentence, pair, want):
    assert [p for p, *_ in read([sentence], pair)[0]] == want
