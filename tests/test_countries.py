import json
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict

import pytest

from briefing import countries
from briefing.countries import DATA, Mention, canonical, count_mentions, country, country_currency, find_mentions


def found(text):
    return [(m.text, m.country, m.kind) for m in find_mentions(text)]


def names(text):
    return [m.country for m in find_mentions(text)]


# --- matching -------------------------------------------------------------------


def test_adjective_belarusian():
    assert found("Belarusian officials") == [("Belarusian", "Belarus", "adjective")]


def test_possessive_unicode_alias():
    assert found("Türkiye's exports") == [("Türkiye", "Turkey", "alias")]
    assert found("Brazil's ministry") == [("Brazil", "Brazil", "name")]
    assert found("Brazil’s ministry") == [("Brazil", "Brazil", "name")]


def test_us_forms_and_case():
    assert names("U.S. exports") == ["United States"]
    assert names("US and USA and U.S.A.") == ["United States"] * 3
    assert names("tell us about it, Us too") == []
    assert names("the USSR and the U.S.S.R.") == []


def test_us_dollar_is_not_the_country():
    assert names("trade of US$ 2,122 million and US$454.93 billion") == []
    assert names("US exports of US$323.2 billion") == ["United States"]


def test_argentine_adjective():
    assert found("Argentine exports to Brazil") == [
        ("Argentine", "Argentina", "adjective"),
        ("Brazil", "Brazil", "name"),
    ]


def test_capital_longest_match():
    assert found("Mexico City, 12 December") == [("Mexico City", "Mexico", "capital")]
    assert found("talks in Kuwait City") == [("Kuwait City", "Kuwait", "capital")]
    assert found("Washington said") == [("Washington", "United States", "capital")]
    assert found("between Baku and Ankara") == [
        ("Baku", "Azerbaijan", "capital"),
        ("Ankara", "Turkey", "capital"),
    ]


def test_americas_regions_are_not_the_us():
    for text in (
        "Latin America",
        "Latin American trade",
        "South American currency",
        "North America",
        "Central American migrants",
        "the Americas",
        "Inter-American Development Bank",
        "Latin Americans",
    ):
        assert names(text) == [], text
    assert names("America and Latin America") == ["United States"]


def test_compound_agreement_yields_three():
    assert names("United States-Mexico-Canada Agreement") == ["United States", "Mexico", "Canada"]


def test_hyphenated_compounds():
    assert names("Belarusian-Russian talks on Russia-Belarus trade") == ["Belarus", "Russia", "Russia", "Belarus"]
    assert names("Azerbaijani-Turkish-Georgian business forum") == ["Azerbaijan", "Turkey", "Georgia"]


def test_south_korea_is_not_korea_twice():
    assert found("South Korea") == [("South Korea", "South Korea", "name")]
    assert names("North Korean missiles") == ["North Korea"]


def test_guineas():
    assert names("Papua New Guinea") == ["Papua New Guinea"]
    assert names("Equatorial Guinea and Guinea-Bissau") == ["Equatorial Guinea", "Guinea-Bissau"]
    assert found("Guinea, Conakry") == [("Guinea", "Guinea", "name"), ("Conakry", "Guinea", "capital")]


def test_niger_nigeria():
    assert names("Niger, Nigeria, Nigerien, Nigerian") == ["Niger", "Nigeria", "Niger", "Nigeria"]


def test_georgia_us_state_excluded():
    assert names("Atlanta, Georgia and the state of Georgia") == []
    assert names("Georgia, US is not Georgia") == ["Georgia"]
    assert names("Georgia state officials") == []
    assert names("Tbilisi and Georgia") == ["Georgia", "Georgia"]


def test_word_boundaries():
    assert names("Omani and Oman") == ["Oman", "Oman"]
    assert names("Romania") == ["Romania"]
    assert names("Washingtonian") == []
    assert names("Indochina") == []


def test_cote_divoire_apostrophes_and_nfd():
    assert names("Côte d'Ivoire and Côte d’Ivoire") == ["Ivory Coast", "Ivory Coast"]
    text = "Trade with " + unicodedata.normalize("NFD", "Türkiye")
    (m,) = find_mentions(text)
    assert m.country == "Turkey" and text[m.start : m.end] == m.text


def test_offsets_and_type():
    text = "In 1999, Belarus and Russia signed it in Moscow."
    ms = find_mentions(text)
    assert all(isinstance(m, Mention) for m in ms)
    assert [text[m.start : m.end] for m in ms] == ["Belarus", "Russia", "Moscow"]
    with pytest.raises(AttributeError):
        ms[0].country = "x"


def test_cyrillic_fast_path(monkeypatch):
    def boom():
        raise AssertionError("regex should not run")

    monkeypatch.setattr(countries, "_matcher", boom)
    assert find_mentions("Россия и Беларусь отметили годовщину") == []
    assert find_mentions("no capital letters at all") == []


def test_cyrillic_mixed_text_still_matches():
    assert names("Россия (Russia) и Беларусь") == ["Russia"]


def test_count_mentions_order():
    text = "Türkiye and Azerbaijan. Turkish firms in Baku and Azerbaijani ones in Turkey."
    assert count_mentions(text) == {"Turkey": 3, "Azerbaijan": 3}
    assert list(count_mentions("Mexico, Canada, Mexico")) == ["Mexico", "Canada"]
    assert count_mentions("") == {}


def test_speed_large_text():
    para = (
        "Trade between the United States and Mexico rose, US officials said in "
        "Washington, while Latin American partners and Canada watched. "
    ) * 20
    text = para * 500  # ~1.3 MB
    find_mentions("US")
    t = time.perf_counter()
    ms = find_mentions(text)
    assert time.perf_counter() - t < 3.0
    assert len(ms) == 5 * 20 * 500


# --- lookups ----------------------------------------------------------------------


def test_canonical():
    assert canonical("Türkiye") == "Turkey"
    assert canonical("TURKIYE") == "Turkey"
    assert canonical("belarusian") == "Belarus"
    assert canonical("u.s.") == "United States"
    assert canonical("the Netherlands") == "Netherlands"
    assert canonical("Brazil's") == "Brazil"
    assert canonical("cote d’ivoire") == "Ivory Coast"
    assert canonical("Russian Federation") == "Russia"
    assert canonical("Czechia") == "Czech Republic"
    assert canonical("Moscow") is None  # capitals are not names
    assert canonical("Atlantis") is None
    assert canonical("") is None


def test_currency():
    assert country_currency("Türkiye") == "TRY"
    assert country_currency("Mexican") == "MXN"
    assert country_currency("Belarus") == "BYN"
    assert country_currency("United States") == "USD"
    assert country_currency("Germany") == "EUR"
    assert country_currency("Atlantis") is None


def test_country_record():
    rec = country("Azeri")
    assert rec.name == "Azerbaijan" and rec.capital == "Baku" and rec.adjective == "Azerbaijani"


# --- data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return json.loads(DATA.read_text(encoding="utf-8"))


def test_every_entry_complete(data):
    assert len(data) >= 195
    for rec in data:
        assert rec["name"] and rec["capital"], rec
        assert len(rec["currency"]) == 3 and rec["currency"].isupper(), rec
        assert isinstance(rec["aliases"], list) and isinstance(rec["adjectives"], list)
    assert sum(1 for r in data if r["adjectives"]) >= 190
    assert {"Taiwan", "Kosovo", "Palestine", "Vatican City"} <= {r["name"] for r in data}


def test_no_phrase_means_two_countries(data):
    owners = defaultdict(set)
    for rec in data:
        for phrase in [rec["name"], rec["capital"], *rec["aliases"], *rec["adjectives"], *rec["capital_aliases"]]:
            owners[phrase].add(rec["name"])
            owners["fold:" + countries._fold(phrase)].add(rec["name"])
    clashes = {p: o for p, o in owners.items() if len(o) > 1}
    assert clashes == {}


def test_every_name_finds_itself(data):
    for rec in data:
        assert names(rec["name"]) == [rec["name"]], rec["name"]
        assert canonical(rec["name"]) == rec["name"]


def test_no_heavy_imports():
    code = (
        "import sys, briefing.countries as c; c.find_mentions('Russia');"
        "print(sorted(m for m in ('pandas','reportlab','pycountry') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_combining_forms_only_before_hyphen():
    assert found("Sino-Russian ties") == [("Sino-", "China", "adjective"), ("Russian", "Russia", "adjective")]
    assert names("Sino Russo") == []


def test_cities_named_after_capitals():
    assert "Chile" not in names("Santiago de Cuba")
    assert names("Santiago") == ["Chile"]


# --- fiscal calendars -----------------------------------------------------------


@pytest.mark.parametrize(
    "name,start",
    [
        ("India", (4, 1)),
        ("Japanese", (4, 1)),
        ("Australia", (7, 1)),
        ("Egyptian", (7, 1)),
        ("Kenya", (7, 1)),
        ("Tanzania", (7, 1)),
        ("Pakistan", (7, 1)),
        ("Bangladesh", (7, 1)),
        ("Nepal", (7, 16)),
        ("USA", (10, 1)),
        ("United States", (10, 1)),
    ],
)
def test_fiscal_year_start_from_the_data(name, start):
    assert countries.fiscal_year_start(name) == start


def test_no_fiscal_calendar_recorded_is_none_not_january():
    assert countries.fiscal_year_start("Germany") is None
    assert countries.fiscal_year_start("Atlantis") is None


def test_every_recorded_fiscal_start_is_a_real_date():
    import datetime

    starts = [(c.name, countries.fiscal_year_start(c.name)) for c in countries.all_countries()]
    recorded = [(n, s) for n, s in starts if s is not None]
    assert len(recorded) >= 20
    for _, (month, day) in recorded:
        datetime.date(2023, month, day)


# --- abbreviations, headlines, references ---------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Exports from Namibia to RSA rose while Zim bought more from Zambia.",
            ["Namibia", "South Africa", "Zimbabwe", "Zambia"],
        ),
        ("The RSA and the ROK signed a memorandum.", ["South Africa", "South Korea"]),
        (
            "NZ and PNG agreed on fisheries; T&T sent an observer.",
            ["New Zealand", "Papua New Guinea", "Trinidad and Tobago"],
        ),
        ("The KSA, the UAE and the PRC met the DRC.", ["Saudi Arabia", "United Arab Emirates", "China", "DR Congo"]),
    ],
)
def test_common_abbreviations(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Vale SA rose in Brazil.",
        "Grupo Bimbo SA opened a plant in Peru.",
        "Banco Santander SA lent to Chile.",
    ],
)
def test_legal_form_sa_after_a_company_name_is_not_south_africa(text):
    pair = ("South Africa", "Brazil")
    assert "South Africa" not in [m.country for m in find_mentions(text, pair)]
    assert "South Africa" not in [m.country for m in countries.find_mentions_for_pair(text, pair)]


@pytest.mark.parametrize(
    "text,pair,expected",
    [
        ("SA accounted for most of the trade.", ("South Africa", "Zimbabwe"), "South Africa"),
        ("Jordan's exports to SA rose.", ("Jordan", "Saudi Arabia"), "Saudi Arabia"),
        ("SA and Lesotho signed.", ("Lesotho", "South Africa"), "South Africa"),
    ],
)
def test_shared_abbreviation_is_the_pair_s_own(text, pair, expected):
    assert expected in [m.country for m in find_mentions(text, pair)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("NAMIBIA AND BOTSWANA SIGN BORDER DEAL", ["Namibia", "Botswana"]),
        ("CHILE, PERU HAIL RECORD COPPER TRADE", ["Chile", "Peru"]),
        (
            "JAMAICA'S EXPORTS TO TRINIDAD CLIMB AS PORT OF SPAIN EASES RULES",
            ["Jamaica", "Trinidad and Tobago", "Trinidad and Tobago"],
        ),
    ],
)
def test_all_capitals_headlines(text, expected):
    assert names(text) == expected


def test_headline_mentions_keep_the_text_as_written():
    (m,) = find_mentions("TALKS IN GHANA END")
    assert (m.text, m.country) == ("GHANA", "Ghana")


@pytest.mark.parametrize(
    "text,pair,expected",
    [
        ("The Kingdom bought Qatari goods worth $1 billion.", ("Qatar", "Saudi Arabia"), "Saudi Arabia"),
        ("Goods bought from the kingdom rose.", ("Kuwait", "Bahrain"), "Bahrain"),
        ("The Sultanate sold more gas to India.", ("India", "Oman"), "Oman"),
    ],
)
def test_the_kingdom_is_the_one_kingdom_of_the_pair(text, pair, expected):
    assert [m.country for m in find_mentions(text, pair) if m.kind == "reference"] == [expected]


@pytest.mark.parametrize(
    "text,pair",
    [
        ("The Kingdom signed the accord.", ("Spain", "Morocco")),  # both are kingdoms
        ("The Kingdom signed the accord.", ("Chile", "Peru")),  # neither is
        ("The Federation of Chambers met.", ("Russia", "China")),  # an organisation's name
    ],
)
def test_an_unresolved_title_is_no_mention(text, pair):
    assert [m for m in find_mentions(text, pair) if m.kind == "reference"] == []


@pytest.mark.parametrize(
    "text,pair,expected",
    [
        (
            "Chile's exports to Peru rose, while its imports from the neighbouring country fell.",
            ("Chile", "Peru"),
            "Peru",
        ),
        ("Belarus shipped potash worth $1 billion to its western neighbour.", ("Lithuania", "Belarus"), "Lithuania"),
        ("Uganda sold sugar to its southern neighbour.", ("Rwanda", "Uganda"), "Rwanda"),
    ],
)
def test_the_neighbour_is_the_other_of_the_pair(text, pair, expected):
    assert [m.country for m in find_mentions(text, pair) if m.kind == "reference"] == [expected]


def test_a_neighbour_without_a_named_country_before_is_no_mention():
    assert [
        m for m in find_mentions("The neighbouring country bought more.", ("Chile", "Peru")) if m.kind == "reference"
    ] == []
    assert [
        m
        for m in find_mentions("Chile's neighbouring countries bought more.", ("Chile", "Peru"))
        if m.kind == "reference"
    ] == []


@pytest.mark.parametrize(
    "text,pair,expected",
    [
        ("Korea's trade with China fell.", ("North Korea", "China"), ["North Korea", "China"]),
        ("Korean coal shipments to China stopped.", ("China", "North Korea"), ["North Korea", "China"]),
        ("Korea's exports to Chile rose.", ("South Korea", "Chile"), ["South Korea", "Chile"]),
        ("Korea's exports to Japan rose.", ("Japan", "Mongolia"), ["South Korea", "Japan"]),
    ],
)
def test_korea_is_south_korea_unless_the_pair_is_north_korea(text, pair, expected):
    assert [m.country for m in find_mentions(text, pair)] == expected


def test_a_country_name_keeps_its_meaning_whatever_the_pair():
    assert [m.country for m in find_mentions("Guinea and Ghana", ("Equatorial Guinea", "Ghana"))] == ["Guinea", "Ghana"]


# ---------------------------------------------------------------- blocs written out in full (issue 9)


@pytest.mark.parametrize(
    "sentence,pair",
    [
        (
            "Trade across the Economic Community of West African States is worth about $11 billion a year, Ghana says.",
            ("Ghana", "Nigeria"),
        ),
        (
            "Zambia's exports to the Southern African Development Community reached $3 billion in 2021.",
            ("Zambia", "Malawi"),
        ),
        (
            "Trade between Laos and the Association of Southeast Asian Nations came to $9 billion in 2022.",
            ("Laos", "Myanmar"),
        ),
        (
            "Nepal's trade with the South Asian Association for Regional Cooperation stood at $2 billion in 2019.",
            ("India", "Nepal"),
        ),
    ],
)
def test_a_figure_with_a_bloc_written_in_full_is_not_the_pairs(sentence, pair):
    from briefing.extract.trade import read_document

    assert countries.BLOCS.search(sentence)
    figures, _, _ = read_document([sentence], "2023-01-01", pair, "x.txt")
    assert figures == []


@pytest.mark.parametrize(
    "text",
    [
        "The Economic Community of Central African States met in Libreville.",
        "The Southern African Customs Union shares its revenue.",
        "The Central American Common Market was revived.",
    ],
)
def test_a_bloc_name_names_no_country(text):
    assert all(m.country != "Central African Republic" for m in find_mentions(text))
    assert countries.BLOCS.search(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Indo-Bangladesh trade rose in 2022.", [("Indo-", "India"), ("Bangladesh", "Bangladesh")]),
        ("Indo-Nepal border talks resumed.", [("Indo-", "India"), ("Nepal", "Nepal")]),
        ("Anglo-Canadian ties deepened.", [("Anglo-", "United Kingdom"), ("Canadian", "Canada")]),
        ("An Anglo-Irish accord was signed.", [("Anglo-", "United Kingdom"), ("Irish", "Ireland")]),
    ],
)
def test_combining_forms_before_a_hyphen(text, expected):
    assert [(m.text, m.country) for m in find_mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Japan and the Philippines discussed the Indo-Pacific.",
        "Indo-European languages and Indo-Aryan migrations",
        "Anglo-Saxon law and the Anglo-Indian community",
    ],
)
def test_combining_forms_in_other_words_name_no_country(text):
    assert all(m.country not in ("India", "United Kingdom") for m in find_mentions(text))
