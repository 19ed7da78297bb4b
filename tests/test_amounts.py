"""Money amounts as wire copy writes them; PyPI parsers get several of these wrong."""

import pytest

from briefing.extract.amounts import decimal_comma, find_amounts, parse_number


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("amounted to $ 29.5 billion, with", 29.5e9, "USD"),
        ("USD 1.2bn", 1.2e9, "USD"),
        ("USD 418.3mn of", 418.3e6, "USD"),
        ("512,406 million dollars", 512_406e6, "USD"),
        ("US$ 218,907 million.", 218_907e6, "USD"),
        ("U$S 18,244 million", 18_244e6, "USD"),
        ("reached 7.5 billion dollars", 7.5e9, "USD"),
        ("€ 5.2bn", 5.2e9, "EUR"),
        ("£850 million", 850e6, "GBP"),
        ("Rs 42,500 crore", 42_500e7, "INR"),
        ("₹1.3 lakh crore", 1.3e12, "INR"),
        ("RUB 12.5 trillion", 12.5e12, "RUB"),
        ("NOK 325 billion", 325e9, "NOK"),
        ("1.2 trillion roubles", 1.2e12, "RUB"),
        ("R$ 40 billion", 40e9, "BRL"),
        ("worth US $1.2 bln in", 1.2e9, "USD"),  # "US" before a spaced "$" is the currency, not a country
        ("U.S. $475 billion", 475e9, "USD"),
        ("of U.S.$ 3.4 billion", 3.4e9, "USD"),
        ("amounted to 12.4 billion USD last year", 12.4e9, "USD"),  # a code after the number and its scale
        ("worth 3.2 billion EUR in", 3.2e9, "EUR"),
        ("some 1.5 trillion VND of goods", 1.5e12, "VND"),
    ],
)
def test_amount_forms(text, value, currency):
    (amount,) = find_amounts(text)
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency


def test_decimal_comma_document_reads_billions_as_decimals():
    text = "trade fell 12,5% to US$ 2,415 billion, and 31,2% to US$ 11,872 million"
    assert decimal_comma(text)
    values = [a.value for a in find_amounts(text)]
    assert values == pytest.approx([2.415e9, 11_872e6])


def test_point_document_keeps_thousands_groups():
    text = "up 4.5% to $2,415 billion"
    assert not decimal_comma(text)
    assert find_amounts(text)[0].value == pytest.approx(2415e9)


def test_approximate_wording_is_flagged_with_the_number_given():
    (a,) = find_amounts("turnover had exceeded $6 billion")
    assert a.approx and a.value == 6e9


@pytest.mark.parametrize("text", ["$ .bn", "in 2021 and 40 per cent", "usd", "the $ sign"])
def test_not_amounts(text):
    assert find_amounts(text) == []


def test_parse_number_rejects_mixed_separators():
    assert parse_number("1,2,3.4.5") is None
    assert parse_number("1.234.567,5", comma_decimal=True) == pytest.approx(1234567.5)


@pytest.mark.parametrize(
    "text, currency",
    [
        ("KSh 96.2 billion", "KES"),
        ("UGX 3.1 trillion", "UGX"),
        ("MAD 12 billion", "MAD"),
        ("150 billion shillings", "KES"),
        ("NGN 2 trillion", "NGN"),
    ],
)
def test_more_currencies_and_every_iso_code(text, currency):
    (amount,) = find_amounts(text)
    assert amount.currency == currency


def test_a_shared_currency_word_takes_the_pair_s_own_currency():
    from briefing.extract.amounts import for_pair

    (rupees,) = find_amounts("Rs 600 billion")
    assert rupees.currency == "INR" and for_pair(rupees, {"PKR", "CNY"}).currency == "PKR"
    (kroner,) = find_amounts("180 billion kroner")
    assert for_pair(kroner, {"DKK", "DEU"}).currency == "DKK"
    (dollars,) = find_amounts("$5 billion")
    assert for_pair(dollars, {"AUD"}).currency == "USD"  # a plain $ is the US dollar in wire copy


@pytest.mark.parametrize("text", ["some 5 billion all told", "12 billion usd", "3 million ALL the same"])
def test_a_code_after_the_number_is_upper_case_and_follows_a_scale(text):
    assert find_amounts(text) == []
