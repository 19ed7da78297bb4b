"""Find money amounts in text: "$ 29.5 billion", "USD 1.2bn", "512,406 million dollars".

Money parsers on PyPI mangle exactly these wire-copy forms (a space after the
symbol, "bn"/"mn" glued to the number, the currency named after the scale), so
this is a small grammar of our own, tested on such strings.

Separators: "2,415" is a thousands group in English copy, but wire copy from
regions with a decimal comma writes "US$ 2,415 billion" for 2.415 billion. A
document whose other numbers show a decimal comma ("12,5%") is read that way
for amounts whose scale word makes the grouped reading unnatural (nobody writes
"2,415 billion" for 2.415 trillion in such copy, while "2,400 million" is the
usual way to write 2.4 billion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from briefing.extract import lazyre
from briefing.scales import SCALES, alternation, factor

# Prefix symbols and codes, longest first where they share a start.
_PREFIX = {
    "US$": "USD",
    "US $": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "U$S": "USD",
    "U$": "USD",
    "USD": "USD",
    "US dollars": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "NZ$": "NZD",
    "NZD": "NZD",
    "HK$": "HKD",
    "HKD": "HKD",
    "S$": "SGD",
    "SGD": "SGD",
    "R$": "BRL",
    "BRL": "BRL",
    "MX$": "MXN",
    "MXN": "MXN",
    "$": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "CN¥": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "INR": "INR",
    "₽": "RUB",
    "RUB": "RUB",
    "₺": "TRY",
    "TRY": "TRY",
    "TL": "TRY",
    "₼": "AZN",
    "AZN": "AZN",
    "₩": "KRW",
    "KRW": "KRW",
    "CHF": "CHF",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "PLN": "PLN",
    "zł": "PLN",
    "BYN": "BYN",
    "UAH": "UAH",
    "₴": "UAH",
    "KZT": "KZT",
    "₸": "KZT",
    "ZAR": "ZAR",
    "ARS": "ARS",
    "CLP": "CLP",
    "COP": "COP",
    "PEN": "PEN",
    "EGP": "EGP",
    "SAR": "SAR",
    "AED": "AED",
    "QAR": "QAR",
    "ILS": "ILS",
    "₪": "ILS",
    "NGN": "NGN",
    "₦": "NGN",
    "PKR": "PKR",
    "BDT": "BDT",
    "IDR": "IDR",
    "Rp": "IDR",
    "MYR": "MYR",
    "RM": "MYR",
    "THB": "THB",
    "฿": "THB",
    "VND": "VND",
    "₫": "VND",
    "PHP": "PHP",
    "₱": "PHP",
    "IRR": "IRR",
    "GEL": "GEL",
    "AMD": "AMD",
    "UZS": "UZS",
    "HUF": "HUF",
    "CZK": "CZK",
    "RON": "RON",
    "BGN": "BGN",
    "RSD": "RSD",
    "TWD": "TWD",
    "NT$": "TWD",
    "KSh": "KES",
    "Ksh": "KES",
    "KShs": "KES",
    "Kshs": "KES",
    "KES": "KES",
    "USh": "UGX",
    "Ush": "UGX",
    "UShs": "UGX",
    "Ushs": "UGX",
    "TSh": "TZS",
    "Tsh": "TZS",
    "TShs": "TZS",
    "Tshs": "TZS",
    "TZS": "TZS",
    "Sh": "KES",
    "Shs": "KES",
    "Sh.": "KES",  # a shilling: whose, decided by the pair (see FAMILIES)
    "GH₵": "GHS",
    "E£": "EGP",
    "LE": "EGP",
    "L.E.": "EGP",
    "Tk": "BDT",
    "Tk.": "BDT",
    "SR": "SAR",
    "Dh": "AED",
    "Dhs": "AED",
    "NRs": "NPR",
    "NPR": "NPR",
    "LKR": "LKR",
    "SLRs": "LKR",
    "FCFA": "XOF",
    "CFA": "XOF",
    "Br": "ETB",
    "Bt": "THB",
    "QR": "QAR",
    "KD": "KWD",
    "BD": "BHD",
    "JD": "JOD",
    "RO": "OMR",
    "GH¢": "GHS",
    "MK": "MWK",
    "ZK": "ZMW",
    "S/": "PEN",
    "Bs": "BOB",
    "Rf": "MVR",
    "R": "ZAR",
    "N": "NGN",  # single letters: only with a scale word ("R31.4bn"), see _NEEDS_SCALE
}
# Single capital letters are currencies only when a number and a scale word follow ("R 4.1 billion").
_NEEDS_SCALE = {"R", "N"}

# Currency named after the number: "2.5 billion dollars", "1.2 trillion roubles".
_SUFFIX = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "roubles": "RUB",
    "rubles": "RUB",
    "rupees": "INR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "lira": "TRY",
    "liras": "TRY",
    "manat": "AZN",
    "won": "KRW",
    "reais": "BRL",
    "reals": "BRL",
    "pesos": "MXN",
    "rand": "ZAR",
    "hryvnias": "UAH",
    "tenge": "KZT",
    "swiss francs": "CHF",
    "francs": "CHF",
    "zloty": "PLN",
    "zlotys": "PLN",
    "zlotych": "PLN",
    "złoty": "PLN",
    "złotys": "PLN",
    "zł": "PLN",
    "hryvnia": "UAH",
    "leones": "SLL",
    "kwanza": "AOA",
    "rupee": "INR",
    "dirhams": "AED",
    "riyals": "SAR",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "baht": "THB",
    "dong": "VND",
    "shekels": "ILS",
    "naira": "NGN",
    "belarusian rubles": "BYN",
    "belarusian roubles": "BYN",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "shillings": "KES",
    "cedis": "GHS",
    "birr": "ETB",
    "dinars": "DZD",
    "taka": "BDT",
    "kyat": "MMK",
    "riels": "KHR",
    "lari": "GEL",
    "drams": "AMD",
    "forints": "HUF",
    "kronor": "SEK",
    "kroner": "NOK",
    "crowns": "CZK",
    "lei": "RON",
    "leva": "BGN",
    "rials": "IRR",
    "soms": "KGS",
    "sum": "UZS",
    "tugriks": "MNT",
    "kwacha": "ZMW",
    "pula": "BWP",
    "rupiahs": "IDR",
}

# Tokens several currencies share: read as the first code, unless one of the two
# countries of the briefing uses another of the family ("Rs" in a Pakistan-China
# article is rupees of Pakistan). See ``for_pair``.
FAMILIES = {
    "INR": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"),
    "MXN": ("MXN", "ARS", "CLP", "COP", "PHP", "UYU", "DOP", "CUP"),
    "KES": ("KES", "UGX", "TZS", "SOS"),
    "DZD": ("DZD", "TND", "IQD", "JOD", "KWD", "BHD", "LYD", "RSD", "MKD"),
    "AED": ("AED", "MAD"),
    "CHF": ("CHF", "XOF", "XAF", "RWF", "BIF", "CDF", "GNF", "DJF", "KMF"),
    "SAR": ("SAR", "QAR", "OMR", "YER"),
    "IRR": ("IRR", "OMR", "YER"),
    "GBP": ("GBP", "EGP", "SYP", "LBP", "SDG", "SSP"),
    "SEK": ("SEK", "NOK", "DKK", "ISK"),
    "NOK": ("NOK", "SEK", "DKK", "ISK"),
    "CZK": ("CZK", "SEK", "NOK", "DKK", "ISK"),
    "AZN": ("AZN", "TMT"),
    "JPY": ("JPY", "CNY"),
}
_AMBIGUOUS = {
    "Sh",
    "Shs",
    "Sh.",
    "shillings",
    "/-",
    "¥",
    "Dh",
    "Dhs",
    "Rs",
    "Rs.",
    "rupees",
    "pesos",
    "dinars",
    "dirhams",
    "francs",
    "riyals",
    "rials",
    "pounds",
    "kronor",
    "kroner",
    "crowns",
    "manat",
}

APPROX = lazyre.compile(
    r"\b(?:just\s+over|just\s+under|over|under|almost|nearly|about|around|some|roughly|approximately|"
    r"more\s+than|less\s+than|exceeded|exceeding|close\s+to|up\s+to|an\s+estimated|topped|surpassed|"
    r"above|in\s+excess\s+of|upwards\s+of)\s*$",
    re.I,
)
# Which side of the number an approximate wording puts the value on.
_ABOVE = lazyre.compile(r"over|more|exceed|above|top|surpass|excess|upwards", re.I)
_BELOW = lazyre.compile(r"under|less|almost|nearly|close|up\s+to", re.I)


def bound_of(wording: str) -> str | None:
    """ "over" (at least the number), "under" (at most), "about", or None for an exact figure."""
    if not wording:
        return None
    return "over" if _ABOVE.search(wording) else "under" if _BELOW.search(wording) else "about"


def _alt(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


_NUM = r"\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+"
_SCALE = rf"(?:{alternation(SCALES)})\b\.?"


@cache
def _amount_regex() -> re.Pattern:
    """Compile once, on first use: every ISO code of the countries data counts as a prefix."""
    from briefing.countries import all_countries

    for c in all_countries():
        if c.currency and c.currency.isalpha() and len(c.currency) == 3:
            _PREFIX.setdefault(c.currency, c.currency)
    # codes that are also English words in capitals ("3 million ALL the same") are not read after a number
    codes = sorted(
        k
        for k, v in _PREFIX.items()
        if k == v and len(k) == 3 and k.isupper() and k not in {"ALL", "TOP", "CUP", "SOS", "MOP"}
    )
    # A prefix has a digit within its length, a space and a point: the lookahead skips the 228-way prefix
    # alternation at every word farther from the next digit (the other branches start with the number).
    reach = max(map(len, _PREFIX)) + 2
    return re.compile(
        rf"(?P<pre>(?<![\w$€£¥₹₽₺₼])(?=\D{{0,{reach}}}\d)(?:{_alt(_PREFIX)}))\s?(?P<num>{_NUM})(?:(?:\s*|\s*-\s*)(?P<scale>{_SCALE}))?"
        rf"(?:\s+(?P<suf1>{_alt(_SUFFIX)})\b)?"
        rf"|(?<![\w.,])(?P<num2>{_NUM})(?:\s*|\s*-\s*)(?P<scale2>{_SCALE})?\s*(?:(?P<dem>[A-Z][a-z]+)\s+)?"
        rf"(?P<suf2>{_alt(_SUFFIX)})\b"
        rf"|(?<![\w.,])(?P<num3>{_NUM})\s*(?P<scale3>{_SCALE})?/-"
        rf"|(?<![\w.,])(?P<num4>{_NUM})\s*(?P<scale4>{_SCALE})\s+(?-i:(?P<code>{_alt(codes)}))\b",  # "12.4 billion USD"
        re.I,
    )


# "12,5", "1.234.567" / "12.5", "1,234,567": each matched at the start of a run of digits, commas and points,
# ending where the run ends. (Read as such: (?<![\d,.]) before each, over the whole text, is 4x slower.)
_RUN = lazyre.compile(r"[\d,.]+")
_DECIMAL_COMMA = lazyre.compile(r"\d+,\d{1,2}(?![\d,])|\d{1,3}(?:\.\d{3}){2,}(?![\d.])")
_DECIMAL_POINT = lazyre.compile(r"\d+\.\d{1,2}(?![\d.])|\d{1,3}(?:,\d{3}){2,}(?![\d,])")


# A number with more digits than a float holds exactly, or an amount beyond this
# (a thousand times world output in the weakest currency), is a typo or a test, not a figure.
MAX_DIGITS = 15
MAX_AMOUNT = 1e18

# What may not follow an amount: "$1e308", "USD 1,2,3bn" are no numbers we can read.
_GLUED = lazyre.compile(r"[^\W_]|[.,]\d")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float  # in currency units
    currency: str  # ISO 4217
    approx: bool  # "just over", "almost", "exceeded"...
    text: str
    choices: tuple[str, ...] = ()  # other currencies the token may mean (see FAMILIES)
    bound: str | None = None  # "over" / "under" / "about" for approximate wording, else None


def for_pair(amount: Amount, currencies: set[str]) -> Amount:
    """Read an ambiguous token ("Rs", "pesos") as the currency of one of the two countries, if any."""
    for code in amount.choices:
        if code in currencies:
            return replace(amount, currency=code, choices=())
    return amount


def decimal_comma(text: str) -> bool:
    """Tell whether a document writes decimals with a comma ("12,5%", "1.234.567")."""
    runs = _RUN.findall(text)
    return sum(1 for r in runs if _DECIMAL_COMMA.match(r)) > sum(1 for r in runs if _DECIMAL_POINT.match(r))


_DIGIT = lazyre.compile(r"\d")
_GROUPED = lazyre.compile(r"\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*(?:([.,])(\d+))?")
_PLAIN_NUMBER = lazyre.compile(r"\d+[.,]\d+|\d+|[.,]\d+")


def parse_number(raw: str, scale: float = 1.0, comma_decimal: bool = False) -> float | None:
    """Read "11,872", "2,415", "7.153", "1 234,5" as a float; None when malformed."""
    s = raw.replace("\u202f", " ").replace("\u00a0", " ").strip()
    if not _DIGIT.search(s) or sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    groups = _GROUPED.fullmatch(s)  # one group separator
    if groups and groups.group(2) is None and groups.group(1) in ".,":
        sep = groups.group(1)
        single = s.count(sep) == 1
        # One separator and three digits: a group or a decimal? See module docstring.
        if single and ((sep == "," and comma_decimal) or (sep == "." and not comma_decimal)):
            if scale >= 1e9 or sep == ".":
                return float(s.replace(sep, ".")) if sep == "," else float(s)
        return float(s.replace(sep, ""))
    if groups:
        sep, dec = groups.group(1), groups.group(2)
        if dec is None:  # "1 234": a space only ever groups thousands
            return float(s.replace(sep, ""))
        if sep == dec:
            return None
        return float(s.replace(sep, "").replace(dec, "."))
    if _PLAIN_NUMBER.fullmatch(s):
        if s[0] in ".,":
            return None  # "$ .bn": no digits before the point is not an amount we trust
        return float(s.replace(",", "."))
    return None


def find_amounts(text: str, comma_decimal: bool | None = None) -> list[Amount]:
    """Return the money amounts in ``text``; ``comma_decimal`` defaults to the text's own habit."""
    if not _DIGIT.search(text):
        return []  # most sentences: no number, no amount
    if comma_decimal is None:
        comma_decimal = decimal_comma(text)
    found = []
    for m in _amount_regex().finditer(text):
        if m.group("pre"):
            pre, raw, scale_word, suffix = m.group("pre"), m.group("num"), m.group("scale"), m.group("suf1")
            currency = _PREFIX.get(pre)  # codes are matched in their own case only
            token = pre
            if pre in _NEEDS_SCALE and not scale_word:
                continue
        elif m.group("num4"):
            raw, scale_word = m.group("num4"), m.group("scale4")
            currency = token = m.group("code")
        elif m.group("num3"):
            raw, scale_word = m.group("num3"), m.group("scale3")
            currency, token = "KES", "/-"  # "981bn/-": East African shillings
        else:
            raw, scale_word, suffix = m.group("num2"), m.group("scale2"), m.group("suf2")
            currency = _SUFFIX[suffix.lower()]
            token = suffix.lower()
            if m.group("dem"):
                from briefing.countries import country_currency

                named = country_currency(m.group("dem"))  # "Kenyan shillings", "Egyptian pounds"
                if named is None:
                    continue  # "5 billion Turkish-made" is no amount; an unknown word before the currency
                currency, token = named, named
            if len(suffix) <= 3 and suffix.lower() in ("won", "dong") and not scale_word:
                continue
        scale = (factor(scale_word) or 1.0) if scale_word else 1.0
        value = parse_number(raw, scale, comma_decimal)
        if value is None or currency is None or _GLUED.match(text, m.end()):
            continue
        if not 0 < value * scale <= MAX_AMOUNT:  # "$0 billion", "99999999999999999999 trillion": no figure
            continue
        end = m.end()
        hedge = APPROX.search(text[max(0, m.start() - 24) : m.start()])
        approx = bool(hedge)
        choices = FAMILIES.get(currency, ()) if token in _AMBIGUOUS else ()
        found.append(
            Amount(
                m.start(),
                end,
                float(Decimal(repr(value)) * Decimal(repr(scale))),
                currency,
                approx,
                text[m.start() : end].strip(),
                choices,
                bound_of(hedge.group(0)) if hedge else None,
            )
        )
    return found
