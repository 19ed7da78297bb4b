"""Shares of one country in the other's trade, exports or imports (invented sentences, several pairs)."""

import pytest

from briefing.extract.shares import read_shares


def shares(sentence, pair, date="2024-03-15"):
    return [(p.key if p else None, pct, text) for p, pct, text in read_shares(sentence, date, pair)]


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Peru's share in Chilean exports slipped to 4.2 per cent in 2022 and its share in imports to 3.1 per cent.",
            ("Chile", "Peru"),
            [("2022", 4.2, "Peru's share of Chile's exports"), ("2022", 3.1, "Peru's share of Chile's imports")],
        ),
        (
            "Ghana's share of Togo's imports stood at 11.5% in 2021.",
            ("Ghana", "Togo"),
            [("2021", 11.5, "Ghana's share of Togo's imports")],
        ),
        (
            "Austria's share in Hungarian foreign trade reached 6 per cent in 2019.",
            ("Austria", "Hungary"),
            [("2019", 6.0, "Austria's share of Hungary's foreign trade")],
        ),
    ],
)
def test_share_of_and_share_in(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "In 2020 Norway accounted for 9.4 per cent of Sweden's total trade.",
            ("Sweden", "Norway"),
            [("2020", 9.4, "Norway's share of Sweden's foreign trade")],
        ),
        (
            "Rwandan buyers took 31 per cent of Ugandan exports in 2019.",
            ("Uganda", "Rwanda"),
            [("2019", 31.0, "Rwanda's share of Uganda's exports")],
        ),
        (
            "In 2022 Chile took 7.1 per cent of Peru's exports and supplied 5.5 per cent of its imports.",
            ("Chile", "Peru"),
            [("2022", 7.1, "Chile's share of Peru's exports"), ("2022", 5.5, "Chile's share of Peru's imports")],
        ),
        (
            "Seen from Oslo, Sweden absorbed 10 per cent of Norwegian exports and provided 12 per cent of Norway's imports.",
            ("Norway", "Sweden"),
            [(None, 10.0, "Sweden's share of Norway's exports"), (None, 12.0, "Sweden's share of Norway's imports")],
        ),
    ],
)
def test_holder_as_subject(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "In 2021, 18 per cent of Uganda's imports came from Rwanda.",
            ("Rwanda", "Uganda"),
            [("2021", 18.0, "Rwanda's share of Uganda's imports")],
        ),
        (
            "Ghana provided 14 per cent of what Togo bought abroad in 2018.",
            ("Ghana", "Togo"),
            [("2018", 14.0, "Ghana's share of Togo's imports")],
        ),
        (
            "Chilean suppliers provided 9.5 per cent of everything Peru imported in 2017.",
            ("Chile", "Peru"),
            [("2017", 9.5, "Chile's share of Peru's imports")],
        ),
        (
            "About 27 per cent of Norway's exports went to Sweden in 2016.",
            ("Sweden", "Norway"),
            [("2016", 27.0, "Sweden's share of Norway's exports")],
        ),
    ],
)
def test_share_from_where_the_goods_came_or_went(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Ghana took 12.1, 11.8 and 12.6 per cent of Togo's exports in January, February and March 2020 respectively.",
            ("Ghana", "Togo"),
            [
                ("2020-01..2020-01", 12.1, "Ghana's share of Togo's exports"),
                ("2020-02..2020-02", 11.8, "Ghana's share of Togo's exports"),
                ("2020-03..2020-03", 12.6, "Ghana's share of Togo's exports"),
            ],
        ),
        (
            "Chile took 6.1 and 6.9 per cent of Peru's exports in 2018 and 2019 respectively.",
            ("Chile", "Peru"),
            [("2018", 6.1, "Chile's share of Peru's exports"), ("2019", 6.9, "Chile's share of Peru's exports")],
        ),
        (
            "In 2015 exports to Norway and imports from Norway came to $3 billion and $2 billion, shares of 4.1 per cent and "
            "2.9 per cent of Sweden's total exports and imports respectively.",
            ("Sweden", "Norway"),
            [("2015", 4.1, "Norway's share of Sweden's exports"), ("2015", 2.9, "Norway's share of Sweden's imports")],
        ),
    ],
)
def test_respectively_lists(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "In 2019 Peru earned $2 billion from sales to Chile, 4.4 per cent of its export revenue.",
            ("Chile", "Peru"),
            [("2019", 4.4, "Chile's share of Peru's exports")],
        ),
        (
            "That gave Rwanda 21 per cent of all goods traded by Uganda in 2020.",
            ("Uganda", "Rwanda"),
            [("2020", 21.0, "Rwanda's share of Uganda's goods trade")],
        ),
        (
            "With a 13 per cent share in Togo's imports in 2021, Ghana became its second supplier.",
            ("Ghana", "Togo"),
            [("2021", 13.0, "Ghana's share of Togo's imports")],
        ),
    ],
)
def test_shares_in_appositions_and_other_verbs(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Norway supplied 8.2 per cent of Sweden's imports in 2021, up from 7.5 per cent in 2020, and took 6 per cent "
            "of Swedish exports, compared with 5.1 per cent a year earlier.",
            ("Sweden", "Norway"),
            [("2021", 8.2), ("2020", 7.5), ("2021", 6.0), ("2020", 5.1)],
        ),
        (
            "Ghana's share of Togo's trade rose to 9 per cent in 2023, from 7 per cent in 2019.",
            ("Ghana", "Togo"),
            [("2023", 9.0), ("2019", 7.0)],
        ),
        (
            "Peru accounted for 4.5 per cent of Chile's total trade in 2022, against 4.0 per cent the year before.",
            ("Chile", "Peru"),
            [("2022", 4.5), ("2021", 4.0)],
        ),
    ],
)
def test_comparison_values_take_their_own_period(sentence, pair, expected):
    assert [(p, pct) for p, pct, _ in shares(sentence, pair)] == expected


@pytest.mark.parametrize(
    "sentence,pair",
    [
        # third countries
        ("Bolivia accounted for 3 per cent of Chile's exports in 2022.", ("Chile", "Peru")),
        ("About 30 per cent of Ghana's trade with Nigeria is informal.", ("Ghana", "Togo")),
        # combined
        ("Together the three partners account for 51 per cent of Chile's trade.", ("Chile", "Peru")),
        ("Peru and Bolivia took 9 per cent of Chile's exports in 2020.", ("Chile", "Peru")),
        # growth rates
        ("Chile's exports to Peru rose 12 per cent in 2023.", ("Chile", "Peru")),
        ("Trade between Ghana and Togo grew by 8 per cent to $1 billion in 2022.", ("Ghana", "Togo")),
        ("Norway's share of Sweden's imports rose by 2 per cent in 2020.", ("Sweden", "Norway")),
        # composition and other measures
        (
            "Fuels accounted for 21 per cent of Chilean deliveries to Peru in 2022, and copper for 40 per cent.",
            ("Chile", "Peru"),
        ),
        ("About 90 per cent of payments between Chile and Peru are made in dollars.", ("Chile", "Peru")),
        ("Ghana will remove duties on 94 per cent of its tariff lines for Togo.", ("Ghana", "Togo")),
        ("Peru accounted for 60 per cent of Chile's trade deficit in 2021.", ("Chile", "Peru")),
        ("Nepal's deficit with India equalled 30 per cent of Nepal's GDP in 2020.", ("India", "Nepal")),
        ("India took 40 per cent of the growth in Nepal's exports in 2019.", ("India", "Nepal")),
        ("About 45 per cent of the goods Chile buys from Peru in 2020 were fuels.", ("Chile", "Peru")),
        ("In 2019, 30 per cent of Ghana's imports from Togo were cement.", ("Ghana", "Togo")),
        ("Nearly 60 per cent of what Norway sells to Sweden in 2018 was fish.", ("Sweden", "Norway")),
        # a share of a flow to or from a group
        ("Rwanda took 12 per cent of Uganda's exports to the Common Market in 2017.", ("Uganda", "Rwanda")),
        ("Rwanda supplied 40 per cent of Uganda's imports from the bloc in 2016.", ("Uganda", "Rwanda")),
        ("Chile took 12 per cent of Peru's exports to South America in 2020.", ("Chile", "Peru")),
    ],
)
def test_not_shares(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("Peru took 5 per cent of Chile's exports in 2021, behind China with 38 per cent.", ("Chile", "Peru")),
        (
            "Flows with Ghana made up 6 per cent of Togo's trade in 2020, ahead of Benin with 4.1 per cent.",
            ("Ghana", "Togo"),
        ),
        (
            "Sweden absorbed 10 per cent of Norwegian exports in 2019, behind Germany with 15 per cent.",
            ("Norway", "Sweden"),
        ),
    ],
)
def test_a_third_country_beside_a_share_is_left_out(sentence, pair):
    assert len(shares(sentence, pair)) == 1


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        ("The Kingdom took 12 per cent of Moroccan exports in 2015.", ("Morocco", "Spain"), []),  # both kingdoms
        (
            "The Sultanate took 9 per cent of Indian exports in 2016.",
            ("India", "Oman"),
            [("2016", 9.0, "Oman's share of India's exports")],
        ),
        (
            "SA accounted for 81 per cent of Lesotho's export earnings in 2018.",
            ("South Africa", "Lesotho"),
            [("2018", 81.0, "South Africa's share of Lesotho's exports")],
        ),
    ],
)
def test_holders_named_by_abbreviation_or_title(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Peru ranked as Chile's second supplier in 2021, accounting for 9 per cent of its imports.",
            ("Chile", "Peru"),
            [("2021", 9.0, "Peru's share of Chile's imports")],
        ),
        (
            "Exports from Togo to Ghana accounted for 15 per cent of Togo's exports in 2018.",
            ("Ghana", "Togo"),
            [("2018", 15.0, "Ghana's share of Togo's exports")],
        ),
        (
            "Norway's sales to Sweden made up 11 per cent of its exports in 2020.",
            ("Sweden", "Norway"),
            [("2020", 11.0, "Sweden's share of Norway's exports")],
        ),
        (
            "Goods from Rwanda accounted for 19 per cent of Uganda's imports in 2019.",
            ("Uganda", "Rwanda"),
            [("2019", 19.0, "Rwanda's share of Uganda's imports")],
        ),
    ],
)
def test_the_holder_is_the_subject_or_the_flow_s_other_end(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Togolese exports to Ghana were worth $1.2 billion in 2021, or 9.5 per cent of all Togolese exports.",
            ("Ghana", "Togo"),
            [("2021", 9.5, "Ghana's share of Togo's exports")],
        ),
        (
            "Swedish purchases of Norwegian goods rose to $20 billion, equivalent to 11 per cent of all Swedish imports.",
            ("Sweden", "Norway"),
            [(None, 11.0, "Norway's share of Sweden's imports")],
        ),
        (
            "Chile bought Peruvian goods worth $3 billion in 2019, about 4 per cent of its imports.",
            ("Chile", "Peru"),
            [("2019", 4.0, "Peru's share of Chile's imports")],
        ),
    ],
)
def test_a_share_restating_a_bilateral_figure(sentence, pair, expected):
    from types import SimpleNamespace

    from briefing.extract.amounts import find_amounts

    figures = [SimpleNamespace(start=a.start, end=a.end, period=None) for a in find_amounts(sentence)]
    got = read_shares(sentence, "2024-03-15", pair, [], figures)
    assert [(pct, text) for _, pct, text in got] == [(pct, text) for _, pct, text in expected]


# ---------------------------------------------------------------- unseen wordings (issue 9)


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Spain accounts for about a fifth of Morocco's foreign trade in 2022, ahead of Portugal.",
            ("Morocco", "Spain"),
            [("2022", 20.0, "Spain's share of Morocco's foreign trade")],
        ),
        (
            "Uzbekistan took nearly a quarter of Kazakhstan's exports in 2021.",
            ("Kazakhstan", "Uzbekistan"),
            [("2021", 25.0, "Uzbekistan's share of Kazakhstan's exports")],
        ),
        (
            "In 2019, two-thirds of Botswana's imports came from Namibia.",
            ("Namibia", "Botswana"),
            [("2019", 66.7, "Namibia's share of Botswana's imports")],
        ),
        (
            "Half of Nepal's imports came from India in 2020.",
            ("India", "Nepal"),
            [("2020", 50.0, "India's share of Nepal's imports")],
        ),
    ],
)
def test_a_fraction_in_words_is_a_share(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("In the first half of 2023 Ghana's imports from Nigeria rose.", ("Ghana", "Nigeria")),
        ("Trade between Oslo and Stockholm surged by a third in 2017.", ("Norway", "Sweden")),
        ("The second half of Morocco's exports to Spain came later in 2020.", ("Morocco", "Spain")),
    ],
)
def test_a_fraction_that_is_a_period_or_a_change_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair",
    [
        # a product or a subset of the flow, not the whole of it
        ("A fifth of Kazakh wheat exports go to Uzbekistan.", ("Kazakhstan", "Uzbekistan")),
        ("In 2020, 20 per cent of Kazakh wheat exports went to Uzbekistan.", ("Kazakhstan", "Uzbekistan")),
        ("Nigerian traders supply roughly a fifth of the petroleum products Ghana imports.", ("Ghana", "Nigeria")),
        ("Japan took 13 per cent of Philippine electronics exports in 2022.", ("Japan", "Philippines")),
        ("Spain accounted for a quarter of Morocco's non-energy imports in 2019.", ("Morocco", "Spain")),
    ],
)
def test_a_share_of_a_product_or_subset_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Japan took 13 per cent of the Philippines' total exports in 2022.",
            ("Japan", "Philippines"),
            [("2022", 13.0, "Japan's share of the Philippines' exports")],
        ),
        (
            "The Philippines took 3 per cent of Malaysia's merchandise exports in 2022.",
            ("Malaysia", "Philippines"),
            [("2022", 3.0, "the Philippines' share of Malaysia's exports")],
        ),
        (
            "Ghana provided 4 per cent of Nigerian imports in 2021.",
            ("Ghana", "Nigeria"),
            [("2021", 4.0, "Ghana's share of Nigeria's imports")],
        ),
    ],
)
def test_words_that_keep_the_whole_flow_are_no_product(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Japan remained the Philippines' second-largest source of imports in 2023, with a 9.4 per cent share.",
            ("Japan", "Philippines"),
            [("2023", 9.4, "Japan's share of the Philippines' imports")],
        ),
        (
            "Ghana is Nigeria's largest trading partner in the sub-region, with a 2.7% share of its total trade in 2021.",
            ("Ghana", "Nigeria"),
            [("2021", 2.7, "Ghana's share of Nigeria's foreign trade")],
        ),
        (
            "Spain was Morocco's top export market in 2022, with an 18 per cent share.",
            ("Morocco", "Spain"),
            [("2022", 18.0, "Spain's share of Morocco's exports")],
        ),
        (
            "Kazakhstan is Uzbekistan's second-biggest supplier, with a 12% share in 2021.",
            ("Kazakhstan", "Uzbekistan"),
            [("2021", 12.0, "Kazakhstan's share of Uzbekistan's imports")],
        ),
    ],
)
def test_a_rank_followed_by_with_a_share(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair",
    [
        # the rank narrows the flow (a continent, a region) and the share names no flow of its own
        ("Nigeria is Ghana's second-largest African trading partner, with an 11.2% share.", ("Ghana", "Nigeria")),
        ("Japan is the Philippines' largest partner in the region, with a 20% share.", ("Japan", "Philippines")),
        ("Spain is Morocco's largest European customer, with a 30 per cent share.", ("Morocco", "Spain")),
        # a share of trade with a continent; a third country's rank
        (
            "Nigeria is Ghana's second-largest African trading partner, with an 11.2% share of the country's trade with "
            "the continent.",
            ("Ghana", "Nigeria"),
        ),
        ("Japan is Ghana's largest supplier, with a 20% share.", ("Ghana", "Nigeria")),
    ],
)
def test_a_rank_that_narrows_the_flow_or_names_a_third_country_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        # "its <flow> from/to X": X, the flow's other end, holds the share, whatever the verb
        (
            "In 2021 Laos bought 30 per cent of its imports from Myanmar.",
            ("Myanmar", "Laos"),
            [("2021", 30.0, "Myanmar's share of Laos's imports")],
        ),
        (
            "Nepal sourced 62 per cent of its imports from India in 2022.",
            ("India", "Nepal"),
            [("2022", 62.0, "India's share of Nepal's imports")],
        ),
        (
            "Ghana sold 4 per cent of its exports to Nigeria in 2020.",
            ("Ghana", "Nigeria"),
            [("2020", 4.0, "Nigeria's share of Ghana's exports")],
        ),
        (
            "Morocco shipped a fifth of its total exports to Spain in 2023.",
            ("Morocco", "Spain"),
            [("2023", 20.0, "Spain's share of Morocco's exports")],
        ),
    ],
)
def test_the_other_end_of_its_flow_holds_the_share(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("In 2021 Laos bought 30 per cent of its imports from Singapore.", ("Myanmar", "Laos")),
        ("Ghana sold 12% of its cocoa exports to Nigeria in 2021.", ("Ghana", "Nigeria")),
        ("In 2021 Nepal took 30 per cent of its imports from Nepal.", ("India", "Nepal")),
    ],
)
def test_its_flow_to_a_third_country_a_product_or_itself_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "The share of Myanmar in Laos's total trade was 12.5 per cent in 2021.",
            ("Myanmar", "Laos"),
            [("2021", 12.5, "Myanmar's share of Laos's foreign trade")],
        ),
        (
            "The share of Spain in Moroccan imports rose to 17.6 per cent in 2023.",
            ("Morocco", "Spain"),
            [("2023", 17.6, "Spain's share of Morocco's imports")],
        ),
        (
            "The share of Ghana in Nigeria's exports fell to 3.1 per cent in 2022.",
            ("Ghana", "Nigeria"),
            [("2022", 3.1, "Ghana's share of Nigeria's exports")],
        ),
    ],
)
def test_the_share_of_x_in_y_s_flow(sentence, pair, expected):
    assert shares(sentence, pair) == expected


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Myanmar is Laos's third-largest trading partner after Singapore and Japan, accounting for 11% of Laos's "
            "trade in 2021.",
            ("Myanmar", "Laos"),
            [("2021", 11.0, "Myanmar's share of Laos's foreign trade")],
        ),
        (
            "Spain, ahead of Portugal, took 18.9 per cent of Moroccan exports in 2023.",
            ("Morocco", "Spain"),
            [("2023", 18.9, "Spain's share of Morocco's exports")],
        ),
        (
            "India ranked as Bangladesh's second supplier behind Japan in 2022, accounting for 14 per cent of its imports.",
            ("Bangladesh", "India"),
            [("2022", 14.0, "India's share of Bangladesh's imports")],
        ),
    ],
)
def test_countries_a_rank_is_counted_after_do_not_hold_the_share(sentence, pair, expected):
    assert shares(sentence, pair) == expected


def test_a_third_country_before_the_rank_still_holds_it():
    assert shares("Singapore, ahead of Myanmar, took 40 per cent of Lao exports in 2021.", ("Myanmar", "Laos")) == []


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("Nigeria accounts for 11 per cent of Ghana's imports of refined fuel in 2022.", ("Ghana", "Nigeria")),
        ("Spain took 18 per cent of Morocco's exports of vegetables in 2021.", ("Morocco", "Spain")),
        ("Namibia supplied 30 per cent of Botswana's imports of fuel in 2019.", ("Namibia", "Botswana")),
    ],
)
def test_a_flow_narrowed_after_its_noun_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair",
    [
        ("Nigeria's share of Ghana's imports is expected to reach 15 per cent by 2025.", ("Ghana", "Nigeria")),
        ("Laos aims to send 20 per cent of its exports to Myanmar by 2030.", ("Myanmar", "Laos")),
        ("Spain could take a quarter of Morocco's exports, officials forecast for 2026.", ("Morocco", "Spain")),
    ],
)
def test_a_forecast_or_target_share_is_no_share(sentence, pair):
    assert shares(sentence, pair) == []


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        # a percentage compared "against" belongs to the country named after it
        (
            "Nigeria accounted for 11 per cent of Ghana's imports in 2022, against 35 per cent for Japan.",
            ("Ghana", "Nigeria"),
            [("2022", 11.0, "Nigeria's share of Ghana's imports")],
        ),
        (
            "Spain took 18.9 per cent of Moroccan exports in 2023, compared with 22 per cent for Portugal.",
            ("Morocco", "Spain"),
            [("2023", 18.9, "Spain's share of Morocco's exports")],
        ),
        # a comparison with no period of its own is no earlier share
        (
            "Myanmar's share of Laos's imports reached 11 per cent in 2022, up from 9 per cent, the ministry said.",
            ("Myanmar", "Laos"),
            [("2022", 11.0, "Myanmar's share of Laos's imports")],
        ),
    ],
)
def test_a_comparison_for_another_country_or_no_period_is_left_out(sentence, pair, expected):
    assert shares(sentence, pair) == expected


def test_a_comparison_for_an_earlier_period_stays():
    assert shares(
        "Nigeria accounted for 11 per cent of Ghana's imports in 2022, against 9 per cent in 2021.",
        ("Ghana", "Nigeria"),
    ) == [("2022", 11.0, "Nigeria's share of Ghana's imports"), ("2021", 9.0, "Nigeria's share of Ghana's imports")]


@pytest.mark.parametrize(
    "sentence,pair,expected",
    [
        (
            "Myanmar's 18 per cent share of Lao imports in 2021 made it the top supplier.",
            ("Laos", "Myanmar"),
            [("2021", 18.0, "Myanmar's share of Laos's imports")],
        ),
        (
            "In 2023, Spain's 17.6% share in Morocco's imports was the highest.",
            ("Morocco", "Spain"),
            [("2023", 17.6, "Spain's share of Morocco's imports")],
        ),
        (
            "Nigeria's 4 per cent share of Ghanaian exports in 2020 put it in fifth place.",
            ("Ghana", "Nigeria"),
            [("2020", 4.0, "Nigeria's share of Ghana's exports")],
        ),
    ],
)
def test_a_possessor_right_before_the_percentage_holds_the_share(sentence, pair, expected):
    assert shares(sentence, pair) == expected


def test_a_third_country_possessor_before_the_percentage_is_no_share():
    assert (
        shares("Japan's 18 per cent share of Lao imports in 2021 made it the top supplier.", ("Laos", "Myanmar")) == []
    )
