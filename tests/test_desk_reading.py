"""What a desk officer reads: figures in the currency they were stated in, charts that show the trend."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest

from briefing import render
from briefing.model import Briefing, Conflict, ConflictValue, TradeRow


def _briefing(pair, trade, conflicts=()) -> Briefing:
    return Briefing(
        countries=pair,
        reporter=pair[0],
        documents=(),
        sections={},
        events=(),
        trade=tuple(trade),
        shares=(),
        conflicts=tuple(conflicts),
    )


def _root(b: Briefing) -> ET.Element:
    return ET.fromstring(render.render_markup(b, [], None, None))


def _row(pair, period, exports, imports, currency, total=None, src="a.txt"):
    return TradeRow(period, "-" not in period, pair[0], pair[1], total, exports, imports, currency, (src,))


CONFLICT_CASES = [
    # the table opens with a row in another currency; the disputed figure was stated in the second
    (
        ("Chile", "Peru"),
        [("2015", 1e9, 2e9, "CLP"), ("2019", 3.1e9, 2.2e9, "USD")],
        "2019",
        "exports",
        [3.1e9, 3.15e9],
        ["$3.1 bn", "$3.15 bn"],
    ),
    (
        ("Norway", "Sweden"),
        [("2016", 4e9, 5e9, "NOK"), ("2020", 7.5e9, 6.25e9, "EUR")],
        "2020",
        "imports",
        [6.25e9, 6.2e9],
        ["€6.25 bn", "€6.2 bn"],
    ),
    (
        ("Ghana", "Togo"),
        [("2012", 8e8, 9e8, "GHS"), ("2014-02..2014-11", 4.4e8, 3.3e8, "GBP")],
        "2014-02..2014-11",
        "exports",
        [4.4e8, 4.1e8],
        ["£440 mn", "£410 mn"],
    ),
]


@pytest.mark.parametrize("pair,rows,period,field,values,expected", CONFLICT_CASES)
def test_conflict_prints_in_the_currency_its_figures_were_stated_in(pair, rows, period, field, values, expected):
    trade = [_row(pair, p, e, i, c) for p, e, i, c in rows]
    conflict = Conflict(period, field, tuple(ConflictValue(v, (f"s{n}.txt",)) for n, v in enumerate(values)))
    root = _root(_briefing(pair, trade, [conflict]))
    printed = [v.text for v in root.find(".//conflict").iter("value")]
    assert printed == expected
    overview = " ".join("".join(root.find(".//overview").itertext()).split())
    assert rows[0][3] + " " not in " ".join(printed) and rows[0][3] + " " not in overview.split("disagree")[-1]


CHART_CASES = [
    # (pair, rows) where the table's first currency covers fewer years than another one
    (
        ("Chile", "Peru"),
        [
            ("2015", 1e9, 2e9, "CLP"),
            ("2016", 1.1e9, 2.1e9, "CLP"),
            ("2017", 3e9, 2e9, "USD"),
            ("2018", 3.1e9, 2.2e9, "USD"),
            ("2019", 3.3e9, 2.4e9, "USD"),
        ],
        "USD",
        ["2017", "2018", "2019"],
    ),
    (
        ("Norway", "Sweden"),
        [
            ("2010", 4e9, 5e9, "NOK"),
            ("2011", 4.2e9, 5.1e9, "NOK"),
            ("2012", 1e9, 2e9, "EUR"),
            ("2013", 1e9, 2e9, "EUR"),
            ("2014", 1e9, 2e9, "EUR"),
        ],
        "EUR",
        ["2012", "2013", "2014"],
    ),
    # a year with one flow only does not blank the chart: the years stating both are drawn
    (
        ("Ghana", "Togo"),
        [("2011", None, 9e8, "GHS"), ("2012", 8e8, 9e8, "GHS"), ("2013", 8.5e8, 9.5e8, "GHS")],
        "GHS",
        ["2012", "2013"],
    ),
]


@pytest.mark.parametrize("pair,rows,unit,labels", CHART_CASES)
def test_chart_draws_the_currency_with_most_years(pair, rows, unit, labels):
    trade = [_row(pair, p, e, i, c) for p, e, i, c in rows]
    chart = _root(_briefing(pair, trade)).find(".//chart")
    assert chart.get("unit").startswith(unit) and chart.get("series") == "exports,imports"
    assert [b.get("label") for b in chart.iter("bar")] == labels


def test_chart_keeps_the_table_currency_on_a_tie():
    pair = ("Chile", "Peru")
    trade = [
        _row(pair, "2015", 1e9, 2e9, "CLP"),
        _row(pair, "2016", 1e9, 2e9, "CLP"),
        _row(pair, "2017", 3e9, 2e9, "USD"),
        _row(pair, "2018", 3e9, 2e9, "USD"),
    ]
    assert _root(_briefing(pair, trade)).find(".//chart").get("unit").startswith("CLP")


@pytest.mark.parametrize(
    "value,currency,text",
    [
        (318e6, "USD", "$318 mn"),
        (210e6, "EUR", "€210 mn"),
        (798e9, "USD", "$798 bn"),
        (-152e6, "ZMW", "\u2212ZMW 152 mn"),
        (2.5e12, "INR", "₹2.5 tn"),
        (40.25e9, "GBP", "£40.25 bn"),
    ],
)
def test_amounts_print_no_digit_the_figure_does_not_have(value, currency, text):
    from briefing.formatting import format_amount

    assert format_amount(value, currency) == text


# --- a year-dated event whose own sentence names the month prints the month ---------------------------

from briefing.event_month import event_month  # noqa: E402


@pytest.mark.parametrize(
    "text,year,month",
    [
        # the month written with the event's year; another year's month does not count
        (
            "Ghana and Togo signed a power-sharing deal in April 2016. Its second review was on 3 June 2021.",
            2016,
            "2016-04",
        ),
        ("The pact with Peru, in force since January 2004, was widened in July 2019.", 2004, "2004-01"),
        ("The pact with Peru, in force since January 2004, was widened in July 2019.", 2019, "2019-07"),
        ("Norway's premier came to Stockholm on March 3, 2018 for talks on fisheries.", 2018, "2018-03"),
        # no year written: the year came from the article, the month from "in/since/mid-..."
        ("The two governments agreed in Accra in March to scrap transit fees.", 2023, "2023-03"),
        ("Chile and Peru resumed the talks last October.", 2021, "2021-10"),
        ("Ministers from Oslo and Stockholm have met monthly since June.", 2020, "2020-06"),
        ("The Togolese president visited Accra in mid-May.", 2022, "2022-05"),
    ],
)
def test_the_month_an_event_sentence_names(text, year, month):
    assert event_month(text, year) == month


@pytest.mark.parametrize(
    "text,year",
    [
        ("Exports between January and September 2015 rose by a third.", 2015),  # a span, not a month
        ("Ghana's January-November 2017 figures showed a surplus.", 2017),
        ("In October, the minister recalled the treaty Peru and Chile signed in 1999.", 2022),  # another year
        ("In May, the ministers recalled the 1999 treaty.", 1999),
        ("Theresa May received the Norwegian premier.", 2017),  # a name, not a month
        ("The October Revolution was remembered in Oslo and Stockholm.", 2017),  # no preposition before it
        ("Talks in March and again in June brought Ghana and Togo closer.", 2019),  # two months
        ("The deal was signed in 2016.", 2016),  # no month at all
    ],
)
def test_no_month_when_the_sentence_leaves_doubt(text, year):
    assert event_month(text, year) is None


ARTICLES = {
    "ghana_togo": {
        "a_accra.txt": "Accra, Friday, 14 July 2023. Ghana and Togo signed a border security agreement in Lomé "
        "in March, the foreign ministry said.\n\nGhana's exports to Togo reached $410 million in "
        "2022, while imports from Togo came to $95 million.\n",
        "b_lome.txt": "Lomé, Monday, 2 October 2023. Togo's trade minister visited Accra in August 2022 to "
        "discuss the transit corridor with Ghana.\n\nGhana and Togo opened a joint customs post "
        "at Aflao in 2019, between January and September of that year.\n",
    },
    "chile_peru": {
        "a_lima.txt": "Lima, Tuesday, 5 March 2024. Chile and Peru held a cabinet meeting in Santiago in "
        "November 2023.\n\nPeru's exports to Chile came to $1.9 billion in 2023 and its imports "
        "from Chile to $1.2 billion.\n\nChile and Peru agreed last October to extend the "
        "maritime cooperation pact.\n",
    },
}
EXPECTED_ROWS = {
    "ghana_togo": [
        "2019 Ghana and Togo opened",
        "August 2022 Togo's trade minister",
        "March 2023 Ghana and Togo signed",
    ],
    "chile_peru": ["November 2023 Chile and Peru held", "October 2023 Chile and Peru agreed"],
}


@pytest.fixture(scope="module", params=sorted(ARTICLES))
def built(request, tmp_path_factory):
    from briefing.build import Options, run
    from conftest import flat, pdf_text

    seeds = tmp_path_factory.mktemp(request.param)
    for name, text in ARTICLES[request.param].items():
        (seeds / name).write_text(text, encoding="utf-8")
    out = seeds / "out" / "b.pdf"
    run(Options(seeds=seeds, out=out, force=True))
    return request.param, flat(pdf_text(out)), pdf_text(out, "-layout")


def test_timeline_prints_the_month_the_sentence_names(built):
    name, text, layout = built
    rows = [" ".join(line.split()[:6]) for line in layout.splitlines()]
    for row in EXPECTED_ROWS[name]:
        assert any(r.startswith(row) for r in rows), (row, layout)


def test_overview_cites_before_the_full_stop_and_names_the_month(built):
    name, text, _ = built
    overview = text.split("Overview", 1)[1].split("Key facts", 1)[0]
    assert re.search(r"\((?:[A-Z][a-z]+ )?20\d\d\): [^\[]+ \[\d(?:, \d)*\]\. ", overview), overview
    assert not re.search(r"\.\s\[\d", overview)  # never "... said. [1] Before that"
    assert {"ghana_togo": "(March 2023): Ghana and Togo signed", "chile_peru": "(November 2023): Chile and Peru held"}[
        name
    ] in overview


# --- a timeline row prints a whole sentence; a paragraph's lead-in is not printed -----------------------

FRAGMENTS = {
    "chile_peru": (
        "Lima, Tuesday, 5 March 2024. Codelco announced in March 2020 a US$2 billion expansion of its "
        "Peruvian mines over eight years, including a desalination plant costing US$300 million and a "
        "new port in Peru.\n\nThe pattern held for the rest of the decade.\n\nPeru's exports to Chile "
        "came to $1.9 billion in 2023 and its imports from Chile to $1.2 billion.\n",
        "Codelco announced in March 2020 a US$2 billion expansion of its Peruvian mines over eight "
        "years, including a desalination plant costing US$300 million and a new port in Peru.",
        "The pattern held for the rest of the decade.",
    ),
    "ghana_togo": (
        "Accra, Friday, 14 July 2023. Ghana's exports to Togo fell from $600 million in 2020, partly "
        "because of the fees that Lomé imposed in June last year on a range of Ghanaian goods.\n\n"
        "The picture looked rather different a year earlier.\n\nGhana's exports to Togo reached $410 "
        "million in 2022, while imports from Togo came to $95 million.\n",
        "Ghana's exports to Togo fell from $600 million in 2020, partly because of the fees that Lomé "
        "imposed in June last year on a range of Ghanaian goods.",
        "The picture looked rather different a year earlier.",
    ),
    "norway_sweden": (
        "Oslo, Monday, 8 January 2024. Swedish imports from Norway rose 8 per cent to $9 billion "
        "in 2018, the year the two grids were joined at Halden.\n\nMoney also flows the other "
        "way.\n\nNorway's exports to Sweden came to $11 billion in 2022 and imports from Sweden "
        "to $8 billion.\n",
        "Swedish imports from Norway rose 8 per cent to $9 billion in 2018, the year the two grids "
        "were joined at Halden.",
        "Money also flows the other way.",
    ),
}


@pytest.fixture(scope="module", params=sorted(FRAGMENTS))
def fragment_pdf(request, tmp_path_factory):
    from briefing.build import Options, run
    from conftest import flat, pdf_text

    seeds = tmp_path_factory.mktemp(request.param)
    (seeds / "a_desk.txt").write_text(FRAGMENTS[request.param][0], encoding="utf-8")
    out = seeds / "out" / "b.pdf"
    run(Options(seeds=seeds, out=out, force=True))
    return request.param, flat(pdf_text(out))


def test_a_cut_clause_in_the_timeline_prints_as_its_whole_sentence_once(fragment_pdf):
    name, text = fragment_pdf
    whole = FRAGMENTS[name][1]
    timeline = text.split("Relations history", 2)[-1].split("Economy and trade", 1)[0]
    assert whole in timeline, timeline
    assert text.count(whole) == 1


def test_a_lead_in_is_not_printed_but_counted_in_the_json_note(fragment_pdf):
    name, text = fragment_pdf
    assert FRAGMENTS[name][2] not in text


@pytest.mark.parametrize(
    "text",
    [
        "The pattern held for the rest of the decade.",
        "The picture looked rather different a year earlier.",
        "The gap had already been narrowing for most of the year.",
        "The harbour has a long story of its own.",
    ],
)
def test_lead_ins_up_to_eleven_words_are_thin(text):
    from briefing.statements import thin

    assert thin(text)


@pytest.mark.parametrize(
    "text",
    [
        "The two navies held their first joint exercise last spring.",  # an event word
        "Both ministers signed a protocol on fishing quotas in the strait.",
        "The two governments agreed to reopen the border crossing next week.",
        "Lima and Santiago have traded electricity since the line was built.",  # names
        "The slogan «Amistad» was printed on every poster in the port.",  # a quoted name
        "Crowds cheered “Akwaaba” as the ferry docked at the pier.",
    ],
)
def test_short_statements_of_an_event_or_a_name_are_not_thin(text):
    from briefing.statements import thin

    assert not thin(text)


# --- a table's notes never start a page alone; a table starts under its heading -----------------------


def _layout_briefing(pair, k: int, n_events: int = 9) -> Briefing:
    from briefing.model import MergedEvent, Source, Statement

    a, b = pair
    doc = Source("a.txt", "ab" * 32, "2024-05-02", (), "NWS", (f"{a} and {b} met.",))
    filler = tuple(
        Statement(
            f"{a}'s delegation number {n} discussed the {b} ferry timetable with port "
            f"officials of {b} and {a} for several hours, and {'agreed on fares ' * (n % 4)}"
            f"then left for the airport.",
            ("a.txt",),
        )
        for n in range(k)
    )
    events = tuple(
        MergedEvent(
            1990 + n,
            None,
            n % 3 == 0,
            f"{a} and {b} opened border post number {n} "
            f"after talks between the two governments {'in the capital ' * (n % 3)}.",
            "25 years since" if n % 3 == 0 else None,
            ("a.txt",),
        )
        for n in range(n_events)
    )
    trade = tuple(_row(pair, str(2010 + n), 1e9 + n * 1e8, 2e9 - n * 1e8, "USD") for n in range(12))
    return Briefing(
        countries=pair,
        reporter=a,
        documents=(doc,),
        sections={"history": filler, "economy": (), "security": (), "social_cultural": ()},
        events=events,
        trade=trade,
        shares=(),
        conflicts=(),
    )


NOTES = ("Values in USD", "* Derived date")


def _pages(b: Briefing) -> list[str]:
    from briefing.pdf import build_pdf
    from briefing.tables import table_rows, trade_frame
    from conftest import pdf_text

    return pdf_text(build_pdf(render.render_markup(b, table_rows(trade_frame(b), "USD"), None, None))).split("\f")


@pytest.mark.parametrize("pair", [("Chile", "Peru"), ("Ghana", "Togo"), ("Norway", "Sweden")])
@pytest.mark.parametrize("k,n_events", [(0, 6), (6, 6), (12, 6), (0, 11), (16, 2)])
def test_notes_under_a_table_never_open_a_page(pair, k, n_events):
    """Filler and timeline rows move the tables so that they end at a page's foot."""
    pages = _pages(_layout_briefing(pair, k, n_events))
    assert all(note in "".join(pages) for note in NOTES[:1])
    for page in pages:
        body = [x.strip() for x in page.splitlines()[1:] if x.strip() and not x.strip().startswith("Page ")]
        assert not (body and body[0].startswith(NOTES)), body[:3]


@pytest.mark.parametrize("pair", [("Chile", "Peru"), ("Norway", "Sweden")])
@pytest.mark.parametrize("n_events", [9, 15, 24])
def test_a_table_that_does_not_fit_starts_under_its_heading_on_the_same_page(pair, n_events):
    """The timeline starts under the contents, not on the next page after a blank."""
    first = _pages(_layout_briefing(pair, 0, n_events))[0]
    assert first.count("Relations history") == 2  # in the contents and as the section's heading
    assert "opened border post number 0" in first.split("Relations history")[-1]


@pytest.mark.parametrize(
    "pair,currency", [(("Chile", "Peru"), "CLP"), (("Ghana", "Togo"), "GHS"), (("Norway", "Sweden"), "NOK")]
)
def test_table_cells_wrap_between_words_a_reader_keeps_apart(pair, currency):
    """ "−CLP / 21.3 bn" and "Jan 2017 / (partial year)", never "−CLP 21.3 / bn" or "(partial / year)"."""
    from briefing.pdf import build_pdf
    from briefing.tables import table_rows, trade_frame
    from conftest import pdf_text

    trade = [
        _row(pair, "2015", 4.3e9, 25.6e9, currency),
        _row(pair, "2017-01..2017-01", 214.3e6, 145.5e6, currency),
        _row(pair, "2018-02..2018-09", 1.273e9, 31.858e9, currency),
        _row(pair, "2019", 2.09e9, 1.88e9, currency),
    ]
    b = _briefing(pair, trade)
    layout = pdf_text(build_pdf(render.render_markup(b, table_rows(trade_frame(b), currency), None, None)), "-layout")
    table = layout[layout.index("Period") : layout.index("Values in")]
    assert not re.search(r"\(partial\s*$|^\s*year\)", table, re.M), table
    assert not re.search(r"(?:^|\s{2})(?:bn|mn)(?:\s{2}|$)", table, re.M), table
    assert len(re.findall(r"\(partial year\)", table)) == 2, table


@pytest.mark.parametrize(
    "pair,currency",
    [
        (("Chile", "Peru"), "CLP"),
        (("Ghana", "Togo"), "GHS"),
        (("Norway", "Sweden"), "NOK"),
        (("Kenya", "Uganda"), "KES"),
    ],
)
def test_overview_lines_never_start_with_a_scale_word(pair, currency):
    from briefing.pdf import build_pdf
    from briefing.tables import table_rows, trade_frame
    from conftest import pdf_text

    trade = [
        _row(pair, "2015", 4.3e9, 25.6e9, currency),
        _row(pair, "2017-01..2017-01", 214.3e6, 145.5e6, currency),
        _row(pair, "2018-02..2018-09", 1.273e9, 31.858e9, currency),
        _row(pair, "2019", 2.09e9, 1.88e9, currency),
    ]
    b = _briefing(pair, trade)
    text = pdf_text(build_pdf(render.render_markup(b, table_rows(trade_frame(b), currency), None, None)))
    overview = text[text.index("Overview") : text.index("Contents")]
    assert not re.search(r"^(?:bn|mn|tn)\b", overview, re.M), overview
