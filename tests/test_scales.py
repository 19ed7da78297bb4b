"""One table of scale words (briefing.scales): every reader takes its words and values from it."""

import math
import re
from pathlib import Path

import pytest

from briefing import scales
from briefing.dedupe import numbers
from briefing.extract.amounts import find_amounts
from briefing.extract.events import extract_events
from briefing.extract.trade import _with_bare_numbers
from briefing.formatting import format_amount

PACKAGE = Path(scales.__file__).parent


@pytest.mark.parametrize("word", sorted(scales.SCALES))
def test_every_scale_word_is_read_as_its_value_after_a_currency(word):
    (amount,) = find_amounts(f"Freight worth USD 3 {word} crossed the border.")
    assert amount.value == pytest.approx(3 * scales.SCALES[word])


@pytest.mark.parametrize("word", sorted(w for w in scales.SCALES if len(w) > 1))
def test_every_scale_word_is_read_before_a_named_currency(word):
    (amount,) = find_amounts(f"sales of 7 {word} euros a year")
    assert (amount.value, amount.currency) == (pytest.approx(7 * scales.SCALES[word]), "EUR")


@pytest.mark.parametrize("word", sorted(scales.SCALES))
def test_duplicate_finder_folds_every_scale_word_to_its_power_of_ten(word):
    assert numbers(f"a deal of 4 {word} signed") == (f"4e{round(math.log10(scales.SCALES[word]))}",)


def test_plural_and_spaced_indian_scales_are_the_same_number():
    assert numbers("Rs 12 crores") == numbers("Rs 12 crore") == numbers("INR 12 cr.") == ("12e7",)
    assert numbers("₹2 lakh  crore") == numbers("₹2 trillion") == ("2e12",)
    assert numbers("3 lakhs of farmers") == numbers("3 lakh farmers") == ("3e5",)


def test_scale_factor_reads_case_stops_and_spaces():
    assert scales.factor("Bn.") == scales.factor("billion") == 1e9
    assert scales.factor("Lakh \n Crore") == 1e12
    assert scales.factor("dozen") is None


def test_alternation_puts_longer_words_first():
    rx = re.compile(rf"(?:{scales.alternation()})\b", re.I)
    assert rx.match("mln").group(0) == "mln"  # not "m"
    assert rx.match("lakh crore").group(0) == "lakh crore"
    assert rx.match("trn").group(0) == "trn"  # not "tr"
    assert rx.match("dozen") is None


@pytest.mark.parametrize(
    "sentence, values",
    [
        ("Exports rose from PLN 23 billion in 2020 to 29 bln in 2021.", [23e9, 29e9]),
        ("Imports went from KES 40 mln in 2019 to 55 mn in 2020.", [40e6, 55e6]),
        ("The fund grew from EUR 1.1 trillion to 1.4 trn.", [1.1e12, 1.4e12]),
    ],
)
def test_a_number_with_a_scale_word_takes_the_currency_of_the_amount_beside_it(sentence, values):
    found = _with_bare_numbers(sentence, find_amounts(sentence), False)
    assert [a.value for a in found] == pytest.approx(values)
    assert len({a.currency for a in found}) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt shipped $5 billion of goods and 300 tn of wheat.",  # tonnes
        "Chile sold $2 billion of copper and 40 m of cable.",  # metres
        "Kenya earned $1 billion and employed 3 lakh workers.",  # people
    ],
)
def test_a_word_that_is_also_a_unit_or_a_count_does_not_take_a_currency(sentence):
    found = _with_bare_numbers(sentence, find_amounts(sentence), False)
    assert len(found) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge opened in 2018 and carried goods worth 3 {} in 2019.",
        "The rail link opened in 2015 and carried freight worth 1.2 {} in 2017.",
        "The pipeline was inaugurated in 2020 and earned 40 {} in 2021.",
    ],
)
@pytest.mark.parametrize("short", ["bln", "mln", "trn"])
def test_a_short_scale_word_states_a_figure_as_the_full_word_does(sentence, short):
    full = {"bln": "billion", "mln": "million", "trn": "trillion"}[short]
    years = [e.year for e in extract_events([sentence.format(short)], "2024-03-01", "a.txt")]
    assert years == [e.year for e in extract_events([sentence.format(full)], "2024-03-01", "a.txt")]
    assert years != [e.year for e in extract_events([sentence.format("").replace("  ", " ")], "2024-03-01", "a.txt")]


@pytest.mark.parametrize("value, written", [(3.2e12, "$3.2 tn"), (4.5e9, "$4.5 bn"), (7.25e6, "$7.25 mn")])
def test_the_briefing_writes_scales_from_the_same_table(value, written):
    assert format_amount(value, "USD") == written


_SCALE_LIST = re.compile(
    r"(?i)\b(?:thousand|million|billion|trillion|bn|mn|crore|lakh)\|(?:[a-z]+\|)*"
    r"(?:million|billion|trillion|bn|mn|tn)\b"
)


def test_no_module_spells_out_its_own_list_of_scale_words():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "scales.py" and _SCALE_LIST.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
