"""Trade figures in invented sentences: direction, exclusions, periods, shares."""

import pytest

from briefing.extract.trade import extract_trade

PAIR = ("Chile", "Peru")


def figures(*sentences, date="2024-03-15", pair=PAIR):
    trade, shares = extract_trade(list(sentences), date, pair, "x.txt")
    return [(t.period, t.field, t.value, t.reporter, t.partner) for t in trade], shares


def test_total_and_flows_with_direction_from_the_destination():
    got, _ = figures(
        "Bilateral trade reached $4.2 billion in 2023, with exports to Peru of $1.5 billion "
        "and imports from Peru of $2.7 billion."
    )
    assert got == [
        ("2023", "total", 4.2e9, None, None),
        ("2023", "exports", 1.5e9, "Chile", "Peru"),
        ("2023", "imports", 2.7e9, "Chile", "Peru"),
    ]


def test_adjective_and_verb_forms_of_direction():
    got, _ = figures(
        "Peruvian exports to Chile rose to $900 million last year, while Chile sold Peru goods worth $1.1 billion."
    )
    assert got == [("2023", "exports", 9e8, "Peru", "Chile"), ("2023", "exports", 1.1e9, "Chile", "Peru")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile ran a deficit of $300 million with Peru in 2023.",
        "The two governments aim to raise bilateral trade to $10 billion by 2030.",
        "Trade between Chile and Peru grew by $400 million in 2023.",
        "Chilean companies have invested $8 billion in Peru since 2010.",
        "Trade in agricultural products between Chile and Peru came to $600 million in 2023.",
        "The port of Callao handled $2 billion of trade with Chile in 2023.",
        "Chile's trade with Bolivia reached $1.4 billion in 2023, more than its trade with Peru.",
        "Peru received $200 million in remittances from Chile in 2023.",
        "The top Chilean exports to Peru in 2023 were copper wire, worth $300 million, and fruit at $90 million.",
    ],
)
def test_not_bilateral_trade_figures(sentence):
    assert figures(sentence)[0] == []


def test_comparison_figure_keeps_its_own_period_and_measure():
    got, _ = figures("Trade rose to $3.1 billion in 2023, up from $2.8 billion in 2022.")
    assert got == [("2023", "total", 3.1e9, None, None), ("2022", "total", 2.8e9, None, None)]


def test_period_carried_from_the_previous_sentence():
    got, _ = figures(
        "Trade between Chile and Peru reached $2.5 billion in the first half of 2023.",
        "Chilean exports to Peru accounted for $1.4 billion of that total.",
    )
    assert got[1] == ("2023-01..2023-06", "exports", 1.4e9, "Chile", "Peru")


def test_fiscal_year_and_partial_period():
    got, _ = figures(
        "Trade between Chile and Peru stood at $3 billion in FY2022-23.",
        "In January-September 2023 trade came to $2.2 billion.",
    )
    assert [(p, v) for p, _, v, _, _ in got] == [("2022-23", 3e9), ("2023-01..2023-09", 2.2e9)]


def test_shares_and_not_shares():
    _, shares = figures(
        "In 2023 Peru accounted for 4.5 per cent of Chile's total trade, up from 4.1 per cent "
        "in 2022, while trade grew 12 per cent."
    )
    assert [(s.period, s.percent) for s in shares] == [("2023", 4.5), ("2022", 4.1)]
    assert shares[0].text == "Peru's share of Chile's foreign trade"


def test_third_country_share_is_not_a_share():
    _, shares = figures(
        "Flows with Peru made up 6.2 per cent of Chilean trade in 2023, ahead of Bolivia with 3.1 per cent."
    )
    assert [s.percent for s in shares] == [6.2]


def test_a_flow_without_country_names_keeps_the_sentence_s_two_sides():
    got, _ = figures(
        "Chile's exports to Peru totaled $2.5 billion in 2023, while its imports from the "
        "neighbouring country were valued at $3.9 billion."
    )
    assert got == [("2023", "exports", 2.5e9, "Chile", "Peru"), ("2023", "imports", 3.9e9, "Chile", "Peru")]


def test_a_balance_named_a_few_clauses_earlier_is_still_a_balance():
    assert (
        figures("Chile's trade surplus with Peru, its largest with any country, narrowed to $2.6 billion in 2023.")[0]
        == []
    )


def test_a_sentence_with_a_trade_figure_goes_to_the_economy_section():
    from briefing.extract import extract_document
    from briefing.model import Source

    text = (
        "Trade between Chile and Peru reached $7.5 billion last year, President Boric said on Monday "
        "after talks with his Peruvian counterpart during an official visit."
    )
    source = Source("x.txt", "0" * 64, "2024-02-19", ("Lima",), "XYZ", (text,))
    (sentence,) = extract_document(source, ("Chile", "Peru")).sentences
    assert sentence.section == "economy"
