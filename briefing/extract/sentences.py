"""Split a paragraph into sentences with one regex and a list of abbreviations.

A candidate boundary is sentence punctuation, optional closing quotes or
brackets, whitespace, then something that can start a sentence (a capital, a
digit or an opening quote). The candidate is rejected when the word before the
full stop is a known abbreviation or an initial, or when an ellipsis sits
inside an open quotation.
"""

from __future__ import annotations

import re

from briefing.extract import lazyre
from briefing.months import MONTH_NAMES, MONTHS

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon jr sr
    pres amb ave blvd dept univ corp approx vs viz cf al etc
    e.g i.e u.s u.k u.n u.s.a e.u a.k.a""".split()
) | {m for m in MONTHS if m not in {name.lower() for name in MONTH_NAMES}}  # "jan", "sept", not "may"
# Abbreviations that only shorten a word before a number: "No. 5", "Art. 12".
NUMBER_ABBREVIATIONS = frozenset("no nos vol pp fig art sec ch para".split())

_BOUNDARY = lazyre.compile(
    r"(?P<punct>[.!?\u2026]+)(?P<close>[\"'\u201d\u2019)\]\u00bb]*)(?P<space>\s+)"
    r"(?=[\"'\u201c\u2018(\[\u00ab]*(?P<next>\w))"
)
_LAST_WORD = lazyre.compile(r"([\w.]+)$")
_QUOTE_MARK = lazyre.compile('["\u201c\u201d\u00ab\u00bb]')


_DOTTED = lazyre.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _last_word(before: str) -> re.Match | None:
    """``_LAST_WORD.search(before)``, scanning only the end of a long text (the same match)."""
    start = max(0, len(before) - 40)
    m = _LAST_WORD.search(before, start)
    if m is not None and m.start() == start and start:
        return _LAST_WORD.search(before)  # the word may begin further back: read it whole
    return m


def _is_abbreviation(before: str, next_char: str) -> bool:
    """Tell whether the text before a full stop ends with an abbreviation or an initial."""
    m = _last_word(before)
    if not m:
        return False
    word = m.group(1).lstrip(".")
    if word.lower() in NUMBER_ABBREVIATIONS:
        return next_char.isdigit()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if _DOTTED.fullmatch(word):
        return True  # U.S, e.g, i.e
    return word.lower() in ABBREVIATIONS


def quote_balance(text: str) -> tuple[int, int]:
    """Curly quotation marks opened minus closed, and straight double quotes: both add up over joined text."""
    if not _QUOTE_MARK.search(text):  # most sentences: one scan instead of five counts
        return 0, 0
    curly = text.count("\u201c") + text.count("\u00ab") - text.count("\u201d") - text.count("\u00bb")
    return curly, text.count('"')


def open_quote(text: str) -> bool:
    """Tell whether a quotation opened in ``text`` is still open at its end."""
    curly, straight = quote_balance(text)
    return curly > 0 or straight % 2 == 1


# Chinese and Japanese end sentences with full-width 。！？ and no space after them.
_CJK_END = lazyre.compile(r"[\u3002\uff01\uff1f]")
_CJK_SENTENCE = lazyre.compile(r".*?[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\uff09]*|.+$", re.S)


def split_sentences(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph, stripped, in order."""
    text = " ".join(paragraph.split())
    if _CJK_END.search(text):
        return [s for part in _CJK_SENTENCE.findall(text) for s in _split(part.strip())]
    return _split(text)


def _split(text: str) -> list[str]:
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        nxt = m.group("next")
        if not (nxt.isupper() or nxt.isdigit()):
            continue
        punct = m.group("punct")
        before = text[start : m.start()]
        if punct == "." and not m.group("close") and _is_abbreviation(before, nxt):
            continue
        if punct.startswith(("\u2026", "..")) and open_quote(text[start : m.start()]):
            continue
        end = m.end("close")
        out.append(text[start:end].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]
