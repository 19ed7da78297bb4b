"""Whole thoughts: which sentences of a document must be read together, and how a statement prints.

A source sentence cut loose from its context cannot be signed: "It was the
first such visit" does not say what "it" is, and a quotation split across two
sections loses its speaker.  So sentences are grouped into *units* before they
become statements:

- a sentence whose subject is a bare anaphor ("It", "They", "These", "The
  latter" ...), or names the event the sentence before introduces ("The
  visit ..." after "... visited Lome"), is joined to the sentence before it;
- a quotation that runs over several sentences is one unit, up to the sentence
  that closes it (where the speaker usually is);
- a leading connective ("Thus,", "In addition,") is dropped from the print
  only; the JSON keeps the source's words.

A dependent sentence with nothing before it (the first of a document), or one
that would make a unit longer than ``MAX_UNIT`` sentences, stays a unit of its
own; ``printable`` says it must not be printed (it is still in the JSON).
A quotation cut by the sentence splitter is rejoined first, so a statement
never ends inside one.
Pure functions of the sentence list, no I/O.
"""

from __future__ import annotations

import functools
import re

from briefing.extract.sentences import quote_balance

MAX_UNIT = 4  # sentences (a quotation counts as one) in a statement; a longer chain is cut
MAX_UNIT_CHARS = 1200  # nor a unit longer than this many characters
MAX_QUOTE = 8  # sentences one quotation may run over

CONNECTIVES = (
    "Thus",
    "Namely",
    "In addition",
    "Moreover",
    "Notably",
    "Furthermore",
    "Additionally",
    "Also",
    "Besides",
    "Therefore",
    "Hence",
    "Since then",
    "As a result",
    "Noteworthy",
    "Most importantly",
    # Beyond the list, only additive or resumptive ones: "However" marks a contrast the
    # reader needs, so it stays.
    "In addition to this",
    "Likewise",
    "Similarly",
    "Indeed",
    "In this regard",
    "In this context",
    "For instance",
    "For example",
    "Finally",
    "In particular",
    "In a similar manner",
    "In a similar way",
    "In the same way",
    "In the same manner",
    "Equally",
    "In turn",
)
ANAPHORS = (
    "It",
    "They",
    "He",
    "She",
    "Its",
    "Their",
    "This",
    "These",
    "Those",
    "Such",
    "The latter",
    "The former",
    "Them",
    "His",
    "Her",
    "That",
    "The same",
    "At the same",
    "In the same",
    "On the same",
    "During the same",
)

# Longest first, so "In addition to this," is not read as "In addition" + "to this,".  A one-word
# connective needs its comma ("Hence the name" keeps "Hence"); a phrase may go without one.
_CONNECTIVE = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(c) for c in sorted(CONNECTIVES, key=len, reverse=True) if " " in c)
    + r")\b,?|(?:"
    + "|".join(re.escape(c) for c in CONNECTIVES if " " not in c)
    + r"),)\s+"
)
_ANAPHOR = re.compile(
    r"^[\"'\u201c\u2018]?(?:"
    + "|".join(re.escape(a) for a in sorted(ANAPHORS, key=len, reverse=True))
    + r")(?=[\s,\u2019']|$)"
)
# "This year's summit", "That week" name a time, not something said before.
_TIME_DEICTIC = re.compile(
    r"^(?:This|That|These|Those)\s+(?:year|month|week|day|morning|afternoon|evening|spring|summer|autumn|"
    r"fall|winter|quarter|decade|century|time|weekend|season|years|months|weeks|days)\b",
    re.IGNORECASE,
)


def strip_connective(text: str) -> str:
    """Return the sentence without a leading connective, its first letter upper-cased.

    "Thus, it assists ..." -> "It assists ...": the rest of the words are the source's.
    """
    stripped = text
    while True:
        m = _CONNECTIVE.match(stripped)
        if not m or m.end() >= len(stripped):
            break
        stripped = stripped[m.end() :]
    if stripped is text:
        return text
    return stripped[:1].upper() + stripped[1:]


def has_connective(text: str) -> bool:
    """Tell whether the sentence opens with one of ``CONNECTIVES``."""
    return bool(_CONNECTIVE.match(text))


@functools.lru_cache(maxsize=65_536)
def depends(text: str) -> bool:
    """Tell whether the sentence (after any connective) opens with a bare anaphor: it needs the one before.

    Cached: an archive repeats its agencies' sentences, and merging asks twice per sentence.
    """
    head = strip_connective(text)
    if _TIME_DEICTIC.match(head):
        return False
    return bool(_ANAPHOR.match(head))


def _quote_blocks(sentences: list[str]) -> list[list[int]]:
    """Consecutive sentences of one quotation as one block (at most ``MAX_QUOTE`` sentences).

    A block's quotation marks are counted sentence by sentence (``open_quote`` of the
    block's joined text, without joining it again for every sentence).
    """
    blocks: list[list[int]] = []
    open_ = False
    curly = straight = 0
    for i, sentence in enumerate(sentences):
        if open_ and blocks and len(blocks[-1]) < MAX_QUOTE:
            blocks[-1].append(i)
        else:
            blocks.append([i])
            curly = straight = 0
        c, q = quote_balance(sentence)
        curly, straight = curly + c, straight + q
        open_ = curly > 0 or straight % 2 == 1
    return blocks


def units(sentences: list[str], closed=frozenset()) -> list[list[int]]:
    """Group the sentences of one document into units of consecutive indices.

    Every index is in exactly one unit, in order.  A quotation is one block
    first; a block that opens with a bare anaphor then joins the unit before
    it, unless that would make more than ``MAX_UNIT`` blocks or
    ``MAX_UNIT_CHARS`` characters, or the unit opens with a sentence in
    ``closed`` (one the timeline prints: the statement would repeat it), or
    the block itself is in ``closed`` (the timeline tells it, with what it
    depends on; "That meeting ended ..." after a sentence with more to say).
    """
    from briefing.dedupe import refers_back

    out: list[list[int]] = []
    blocks_in: list[int] = []
    chars: list[int] = []  # each unit's size as MAX_UNIT_CHARS counts it: its sentences plus one each
    for block in _quote_blocks(sentences):
        size = sum(len(sentences[j]) + 1 for j in block)
        if out and out[-1][0] not in closed and block[0] not in closed:
            head = sentences[block[0]]
            joins = depends(head) or refers_back(head, sentences[block[0] - 1])
            if joins and blocks_in[-1] < MAX_UNIT and chars[-1] + size <= MAX_UNIT_CHARS:
                out[-1] += block
                blocks_in[-1] += 1
                chars[-1] += size
                continue
        out.append(list(block))
        blocks_in.append(1)
        chars.append(size)
    return out


def closed_units(sentences: list[str], plain: list[list[int]], closed) -> list[list[int]]:
    """``units(sentences, closed)``, given ``plain = units(sentences)``.

    ``closed`` can only stop a join, and the sentences of a join are in a unit of several
    sentences of ``plain``: when no such unit holds a closed sentence, the units are ``plain``
    (most documents), else they are made again.
    """
    if any(k in closed for unit in plain if len(unit) > 1 for k in unit):
        return units(sentences, closed)
    return plain


def whole(sentence: str, sentences: list[str]) -> str:
    """The sentence with what it depends on: from the start of its unit up to it ("X met Y. It was ...").

    A sentence that stands alone, or is not among ``sentences``, is returned as it is.
    """
    if not depends(sentence) or sentence not in sentences:
        return sentence
    i = sentences.index(sentence)
    unit = next(u for u in units(sentences) if i in u)
    return join([sentences[j] for j in unit if j <= i])


def join(sentences: list[str]) -> str:
    """The text of a unit: its sentences as the source wrote them, one space apart."""
    return " ".join(s.strip() for s in sentences)


def print_text(text: str) -> str:
    """The text of a statement as printed: the leading connective dropped, nothing else changed."""
    return strip_connective(text)


LEAD_IN_WORDS = 12  # a statement shorter than this, without a figure, a name or an event, announces rather
# than states: not printed (render.py), ranked last (ranking.py); it stays in the JSON


# Agreements, visits and disputes: what a reader needs first (ranking.py), and what a short statement
# reports when it is more than a lead-in.
SUBSTANCE = re.compile(
    r"\b(?:agree(?:d|ment|ments)?|accords?|treat(?:y|ies)|memorand(?:um|a)|pacts?|conventions?|protocols?|"
    r"signed|signing|ratif\w+|visit(?:s|ed|ing)?|summits?|talks|met|meeting|"
    r"disputes?|court|lawsuit|arbitration|protest(?:s|ed)?|sanctions?|banned|recall(?:s|ed)?|"
    r"expel(?:s|led)?|tensions?|crisis|clash(?:es|ed)?)\b",
    re.IGNORECASE,
)


def thin(text: str) -> bool:
    """Tell whether a statement only announces or sums up what its paragraph says ("Politics has
    shaped the numbers.", "The gap had already been widening for most of the year."): fewer than
    ``LEAD_IN_WORDS`` words, no digit, no country, no capitalised word after the first, and no
    agreement, visit, dispute (``SUBSTANCE``) or other event (exercises, elections ...)."""
    from briefing.countries import find_mentions

    words = [w.lstrip("\"'“‘«(\ufffd") for w in strip_connective(text).split()]
    return (
        len(words) < LEAD_IN_WORDS
        and not re.search(r"\d", text)
        and not any(w[:1].isupper() for w in words[1:])
        and not find_mentions(text)
        and not SUBSTANCE.search(text)
        and not _EVENT_NOUNS.search(text)
    )


# Things that happen, besides SUBSTANCE's agreements, visits and disputes: a short sentence
# naming one reports an event ("The two navies held their first joint exercise last spring.").
_EVENT_NOUNS = re.compile(
    r"\b(?:exercises?|drills?|manoeuvres|maneuvers|elections?|attacks?|deals?|loans?|"
    r"ceasefires?|troops|coup|strikes?|referendums?|summit)\b",
    re.IGNORECASE,
)


def printable(text: str) -> bool:
    """Tell whether a statement can be printed alone: it does not open with a bare anaphor."""
    return not depends(text)
