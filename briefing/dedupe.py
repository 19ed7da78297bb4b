"""Find sentences that state the same fact in other words.

Two sentences are merged only when

1. they carry exactly the same numbers (amounts, percentages, days, months,
   years; number words such as "two decades" are ignored).  Merging two
   sentences that differ in a figure would hide a conflict, so this is a hard
   requirement, and because equality is transitive every group that the
   union-find builds shares one multiset of numbers;
2. their content words overlap enough.  Content words are lower-cased,
   stop words are dropped, a small table of general English synonyms maps
   near-synonyms onto one word ("biggest" -> "largest", "lift" -> "raise")
   and the Snowball stemmer folds inflections.  Each word is weighted by its
   inverse document frequency *in the texts being clustered*, so words that
   every sentence shares ("countries", "trade") count little and names count
   much.  The score is the weighted overlap divided by the weight of the
   smaller sentence (containment: a short sentence restated inside a longer
   one still matches), blended with the weighted Dice overlap (so a short
   sentence does not swallow any long one) and rapidfuzz's token_set_ratio on
   the normalised words (which rewards shared word order).

The bar depends on the numbers: a shared exact date or amount is strong
evidence that two sentences talk about the same thing, so they need less
wording in common than sentences without numbers; a lone shared year sits in
between.

Scale: no all-pairs comparison.  Two sentences become candidates only if they
share one of their rarest words (an inverted index, a prefix filter) and their
numbers allow a merge (the same numbers, or one in common; ``_number_keys``).
Only candidate pairs are scored.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from briefing.months import MONTH_CAP_RX, MONTH_NAME_RX, MONTH_NAMES, MONTHS
from briefing.scales import SCALES, alternation
from briefing.stemming import stem

# Weighted score needed to merge, by the kind of numbers both sentences carry.
THRESHOLD_NONE = 0.68  # no numbers at all: wording must carry the match
THRESHOLD_YEAR = 0.60  # only a bare year in common
THRESHOLD_STRONG = 0.52  # an exact date, amount or several numbers in common
# Weighted Dice needed as well, so a short sentence is not swallowed by any
# long one that happens to contain its few words (a caption by its story).
DICE_NONE = 0.45
DICE_STRONG = 0.30
# A month of a year in common ("in April 2015", also when one sentence says "in April last year"
# and its article's date resolves it) is strong evidence, short of a full date.
THRESHOLD_MONTH = 0.44
DICE_MONTH = 0.26
# A full date or a scaled amount in common ("4 March 2019", "$7.7 billion") is near-proof of one
# fact when a few specific words (names, places) are shared as well.
THRESHOLD_EXACT = 0.34
DICE_EXACT = 0.24
MIN_SHARED = 2  # content words two sentences must share at least
PREFIX = 6  # pairs of a sentence's rarest words are its blocking keys
RARE_DF = 30  # a word in at most this many sentences is a blocking key on its own
MAX_POSTING = 500  # a key shared by more sentences than this is skipped


_STOPWORDS = frozenset(
    """
a about above according across after afterwards again against all also although always am among amongst
an and another any anyone anything are around as at be became because become becomes been before being below
beside besides between beyond both but by can cannot could did do does doing done down during each either
else etc even ever every few for from further had has have having he her here hers herself him himself his how
however i if in including indeed into is it its itself just let like made make makes many may me meanwhile might
more moreover most mostly much must my myself namely neither never nevertheless next no nor not notably now of
off often on once only onto or other others otherwise our ours ourselves out over own per perhaps quite rather
really said same say says shall she should since so some still such than that the their theirs them themselves
then there thereby therefore these they this those though through throughout thus to together too toward towards
under until up upon us very via was we well were what whatever when where whereas whether which while who whom
whose why will with within without would yet you your yours noteworthy furthermore addition instance example
importantly likewise similarly regarding regards
""".split()
)

# Cardinal number words are ignored: "two decades" and "twenty years" must still match.
_NUMBER_WORDS = frozenset(
    """
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
dozen dozens half
""".split()
)
# Ordinal words rank things ("third-largest supplier"), so they count as numbers;
# "first" also means "top" and stays a word.
_ORDINALS = {
    w: f"o{i}"
    for i, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=2
    )
}
# ... except "third" in "a third state/country/party", which means "another".
_ORDINAL = re.compile(
    r"\b(?!third[\s-]+(?:states?|countr(?:y|ies)|part(?:y|ies)|nations?)\b)"
    r"(" + "|".join(_ORDINALS) + r")\b",
    re.IGNORECASE,
)
# Words whose swap turns a fact into another one; a pair that differs by one is never merged.
_OPPOSITES = (
    ("export", "import"),
    ("rise", "fall"),
    ("surplus", "deficit"),
    ("buy", "sell"),
    ("win", "lose"),
    ("above", "below"),
    ("more", "less"),
    ("before", "after"),
    ("open", "close"),
    ("reopen", "close"),
    ("largest", "smallest"),
)
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|none)\b|n['’]t\b", re.IGNORECASE)
# Negative words that do not deny the fact they stand in: "did not reopen it until 1983" says it
# reopened in 1983 ("stayed closed until 1983"); "not only ... but also" adds; "no sooner", "not long
# after", "no less than" time or bound what follows.  These are taken out before the negation test.
_NOT_UNTIL = re.compile(r"\b(?:not|never|n['’]t)\b((?:\s+[\w'’-]+){0,8}?)\s+(?:until|till|before)\b", re.IGNORECASE)
# A state that lasts up to a date: "stayed closed from 1977 to 1983", "until March 2016".
_LASTS_TO = re.compile(r"\b(?:until|till|to|through)\s+(?:(?:early|mid|late)[-\s]+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}\b")
_NOT_NEGATING = re.compile(
    _NOT_UNTIL.pattern + r"|\bnot\s+(?:only|just|merely|simply|least|long\s+(?:after|before)|less\s+than)\b"
    r"|\bno\s+(?:sooner|less\s+than|fewer\s+than|later\s+than)\b|\bnone\s+other\s+than\b",
    re.IGNORECASE,
)

# General English near-synonyms mapped onto one word (never names or figures).
_SYNONYM_GROUPS = (
    ("largest", "biggest", "greatest", "main", "principal", "chief"),
    ("first", "top", "leading", "foremost"),
    ("rank", "ranked", "ranks", "ranking", "position", "positions", "place", "spot"),
    ("almost", "nearly", "approximately", "roughly", "around"),
    (
        "raise",
        "raised",
        "raises",
        "raising",
        "lift",
        "lifted",
        "lifts",
        "lifting",
        "boost",
        "boosted",
        "elevate",
        "elevated",
    ),
    (
        "rise",
        "rose",
        "risen",
        "rises",
        "rising",
        "grow",
        "grew",
        "grown",
        "grows",
        "growing",
        "climb",
        "climbed",
        "climbs",
        "increase",
        "increased",
        "increases",
        "jumped",
        "jump",
    ),
    (
        "fall",
        "fell",
        "fallen",
        "falls",
        "drop",
        "dropped",
        "drops",
        "decline",
        "declined",
        "declines",
        "decrease",
        "decreased",
        "slipped",
        "shrank",
        "contracted",
    ),
    (
        "overtake",
        "overtook",
        "overtaken",
        "overtakes",
        "displace",
        "displaced",
        "displaces",
        "surpass",
        "surpassed",
        "surpasses",
        "outstrip",
        "outstripped",
    ),
    ("goal", "goals", "aim", "aims", "aimed", "target", "targets", "objective", "objectives"),
    ("bilateral", "mutual", "reciprocal", "two-way"),
    ("trade", "trading", "traded", "commerce", "commercial"),
    (
        "establish",
        "established",
        "establishes",
        "establishing",
        "create",
        "created",
        "creates",
        "creating",
        "found",
        "founded",
        "setup",
    ),
    ("relation", "relations", "relationship", "relationships", "ties"),
    (
        "consider",
        "considers",
        "considered",
        "regard",
        "regards",
        "regarded",
        "view",
        "views",
        "viewed",
        "deem",
        "deems",
        "deemed",
    ),
    ("force", "effect"),
    ("annual", "annually", "yearly"),
    ("buy", "buys", "bought", "buying", "purchase", "purchases", "purchased"),
    ("sell", "sells", "sold", "selling", "sale", "sales"),
    ("win", "wins", "won", "winning"),
    ("lose", "loses", "lost", "losing"),
    ("agreement", "agreements", "accord", "accords", "pact", "pacts"),
    ("important", "major", "key", "significant"),
    ("help", "helps", "helped", "assist", "assists", "assisted"),
    ("close", "closed", "closes", "closing", "shut", "shuts", "shutting"),
)
_SYNONYMS = {w: group[0] for group in _SYNONYM_GROUPS for w in group}
_KEEP = frozenset(w for pair in _OPPOSITES for w in pair)  # kept even where they are stop words

# A scale word becomes its power of ten, so "1.5 bn" and "1.5 billion" are one token.
_SCALES = {word: f"e{round(math.log10(factor))}" for word, factor in SCALES.items()}
_NUMBER = re.compile(
    r"(?<![\w])(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?"
    r"(?:\s?(%|per\s?cent\b|percent\b|(?:" + alternation(SCALES) + r")\b))?",
    re.IGNORECASE,
)
_MONTH = re.compile(r"\b(" + MONTH_CAP_RX + r")\b\.?")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SEPARATOR = re.compile(r"[.,]")
_FOUR_DIGITS = re.compile(r"\d{4}")
_LOWER_WORD = re.compile(r"[a-z]+")
_SET_UP = re.compile(r"\bset(?:s|ting)? up\b", re.IGNORECASE)


def _canonical_number(digits: str) -> str:
    """Fold "1,345", "1.345" and "1345" together, and drop decimal trailing zeros.

    Which separator is the decimal one depends on the writer ("US$ 1,345
    billion" in wire copy from the region is 1.345 billion), so the digits
    alone are compared.  A last group that is not three digits long is a
    decimal part, so its trailing zeros are dropped ("29.50" = "29.5").
    """
    if "." not in digits and "," not in digits:  # most numbers: one group, nothing to fold
        return digits.lstrip("0") or "0"
    groups = _SEPARATOR.split(digits)
    if len(groups) > 1 and len(groups[-1]) != 3:
        groups[-1] = groups[-1].rstrip("0")
    return "".join(groups).lstrip("0") or "0"


@functools.lru_cache(maxsize=100_000)
def _scan(text: str) -> tuple[tuple[tuple[int, str, str, str], ...], tuple[str, ...], tuple[str, ...]]:
    """The numbers of a sentence as ``numbers`` and ``facets`` both read them, read once:
    ((start, digits, token, suffix) per figure, month tokens, ordinal tokens)."""
    figures = []
    for m in _NUMBER.finditer(text):
        unit = " ".join((m.group(2) or "").lower().split())
        suffix = "%" if unit.startswith(("%", "per")) else _SCALES.get(unit, "")
        figures.append((m.start(1), m.group(1), _canonical_number(m.group(1)) + suffix, suffix))
    months = tuple(f"m{MONTHS[m.group(1).lower()]}" for m in _MONTH.finditer(text))
    ordinals = tuple(_ORDINALS[m.group(1).lower()] for m in _ORDINAL.finditer(text))
    return tuple(figures), months, ordinals


@functools.lru_cache(maxsize=100_000)
def numbers(text: str) -> tuple[str, ...]:
    """Return the sorted numeric tokens of a sentence: amounts with their scale, days, years, months."""
    figures, months, ordinals = _scan(text)
    return tuple(sorted([token for _, _, token, _ in figures] + list(months) + list(ordinals)))


_WORD_NUMBERS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS.update(
    {w: str(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
)
_MONTH_NAMES = MONTH_CAP_RX
# "the 500th anniversary" and "500 years since" count the same span back to a date.
_ANNIVERSARY = re.compile(
    r"\b(\d{1,3})(?:(?:st|nd|rd|th)\s+anniversary|\s+years\s+(?:since|ago|after))\b", re.IGNORECASE
)
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_NAMES + r")\b")
_DAY_AFTER = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![\d,.]\d)")


@dataclass(frozen=True)
class Facets:
    """The numbers of a sentence by kind: what must agree for two sentences to be merged.

    ``core`` (amounts, percentages, counts, ranks) must be equal, except that a
    count written as a word in one sentence ("twelve years") may stand for the
    digits in the other ("12 years").  Years, months and days may be missing
    from one sentence (less specific), never different.
    """

    core: tuple[str, ...]
    years: frozenset
    months: frozenset
    days: frozenset
    words: frozenset  # counts written as words: "twelve" -> "12"
    anniversaries: frozenset = frozenset()  # "its 20th anniversary", "500 years since": a date, counted

    def combine(self, other: Facets) -> Facets:
        return Facets(
            max(self.core, other.core, key=len),
            self.years | other.years,
            self.months | other.months,
            self.days | other.days,
            self.words | other.words,
            self.anniversaries | other.anniversaries,
        )


@functools.lru_cache(maxsize=100_000)
def facets(text: str) -> Facets:
    """Split the numbers of a sentence into amounts/counts, years, months and days."""
    figures, month_tokens, ordinals = _scan(text)
    months = set(month_tokens)
    day_spans = set()
    if months:  # a day is written with a month name, which _MONTH finds wherever these patterns do
        day_spans = {m.start(1) for m in _DAY_BEFORE.finditer(text)} | {m.start(1) for m in _DAY_AFTER.finditer(text)}
    anniversary_spans = {m.start(1): m.group(1) for m in _ANNIVERSARY.finditer(text)}
    core, years, days, anniversaries = [], set(), set(), set()
    for start, digits, token, suffix in figures:
        if not suffix and start in day_spans:
            days.add(token)
        elif not suffix and start in anniversary_spans:
            anniversaries.add(token)
        elif not suffix and _FOUR_DIGITS.fullmatch(digits) and 1000 <= int(digits) <= 2200:
            years.add(token)
        else:
            core.append(token)
    core += ordinals
    words = {_WORD_NUMBERS[w] for w in _LOWER_WORD.findall(text.lower()) if w in _WORD_NUMBERS}
    return Facets(
        tuple(sorted(core)),
        frozenset(years),
        frozenset(months),
        frozenset(days),
        frozenset(words),
        frozenset(anniversaries),
    )


def compatible(a: Facets, b: Facets) -> bool:
    """Tell whether two sentences' numbers can state one fact: no figure or date differs."""
    if a.core != b.core:  # (equal cores leave nothing to explain by number words)
        if not (a.words or b.words):
            return False  # a figure one has and the other lacks, and no number word to stand for it
        ca, cb = Counter(a.core), Counter(b.core)
        if not set(ca - cb) <= b.words or not set(cb - ca) <= a.words:
            return False
    return all(
        x <= y or y <= x
        for x, y in ((a.years, b.years), (a.months, b.months), (a.days, b.days), (a.anniversaries, b.anniversaries))
    )


@functools.lru_cache(maxsize=4096)
def _strength(nums: tuple[str, ...]) -> int:
    """How much a shared set of numbers says: 0 none, 1 only years, 2 dates, amounts or several,
    3 a month of a year and nothing else, 4 a full date (day, month and year), an amount with a
    scale and another number, or three numbers."""
    if not nums or all(n.startswith("o") for n in nums):  # a rank alone ("second") says little
        return 0
    years = [n for n in nums if n.isdigit() and len(n) == 4 and 1000 <= int(n) <= 2200]
    if len(years) == len(nums) == 1:
        return 1
    days = [n for n in nums if n.isdigit() and len(n) <= 2]
    months = [n for n in nums if n.startswith("m")]
    scaled = [n for n in nums if re.fullmatch(r"\d+e\d+", n)]  # "$200 billion" -> "200e9"
    if (years and months and days) or (scaled and len(nums) > 1) or len(nums) >= 3:
        return 4
    return 3 if len(years) == len(months) == 1 and len(nums) == 2 else 2


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Fold a lower-case word onto its synonym group's head, then stem it (cached: vocabularies are small)."""
    return stem(_SYNONYMS.get(word, word))


# A superlative before a role ("leading trading partner", "top export market", "the biggest foreign
# investor", "its number one supplier") ranks first; the words differ, the fact does not.  A rank
# ("second-largest") is a number and must agree anyway.
_ROLES = (
    r"partners?|suppliers?|markets?|customers?|clients?|buyers?|purchasers?|investors?|sources?|"
    r"destinations?|exporters?|importers?|lenders?|creditors?|donors?|providers?|consumers?|producers?|"
    r"recipients?|allies|ally|outlets?|vendors?"
)
_SUPERLATIVE = re.compile(
    r"\b(?:largest|biggest|greatest|main|principal|chief|first|top|leading|foremost|premier|number[-\s]one)"
    rf"(?=\s+(?:[\w-]+\s+){{0,2}}?(?:{_ROLES})\b)",
    re.IGNORECASE,
)
# Who said it is not what was said: a reporting clause at the end (", they point out.",
# ", the minister said.", ", said Ms Ode.") or the start ("According to the ministry, ").
_SPEECH = (
    r"said|says|say|added|adds|noted|notes|stated|states|told\s+[\w\s]{1,30}?|pointed\s+out|points?\s+out|"
    r"argued|argues|argue|explained|explains|stressed|stresses|insisted|insists|recalled|recalls|"
    r"remarked|observed|confirmed|confirms|announced|announces"
)
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:(?:[\w.'’-]+\s+){{1,5}}?(?:{_SPEECH})|(?:said|says|added|noted)\s+[^,;]{{1,60}}?)"
    r"\s*(?=[.!?]?[\"'”’]?\s*$)"
)
_LEADING_ATTRIBUTION = re.compile(r"^(?:According\s+to|In\s+the\s+words\s+of)\s+[^,]{1,60},\s+", re.IGNORECASE)


# A view told as the speaker's own act: "Lima's negotiators speak of ...", "The minister repeated the
# argument that ...".  The sentence is about who holds the view; two speakers are two statements.
_SPEAKER = re.compile(
    r"^[\"'“‘]?(?P<who>(?:[\w'’.-]+\s+){1,5}?)(?:(?:also|again|has|have|had|repeatedly|often|now)\s+)*"
    r"(?:said|says|say|told|tells|argued|argues|argue|repeated|repeats|repeat|reiterated|reiterates|"
    r"spoke|speaks|speak|talked|talks|talk|called|calls|urged|urges|proposed|proposes|propose|suggested|"
    r"suggests|insisted|insists|warned|warns|stressed|stresses|claimed|claims|claim|believes|believe|"
    r"maintained|maintains|contended|contends|wrote|writes)\b"
)


def speaker(text: str) -> frozenset:
    """The content words of the speaker when the sentence is someone's view told as their act, else empty."""
    m = _SPEAKER.match(_fold(text))
    return frozenset(content_words(m.group("who"))) if m else frozenset()


def without_attribution(text: str) -> str:
    """The sentence without a reporting clause at its end or an "According to ..." at its start."""
    return _LEADING_ATTRIBUTION.sub("", _TRAILING_ATTRIBUTION.sub("", text))


@functools.lru_cache(maxsize=100_000)
def content_words(text: str) -> tuple[str, ...]:
    """Return the stemmed, synonym-folded content words of a sentence, in order
    (a reporting clause left out, a superlative before a role read as "largest")."""
    text = _SUPERLATIVE.sub("largest", without_attribution(_fold(text)))
    text = _ORDINAL.sub(" ", _MONTH.sub(" ", text))
    text = _SET_UP.sub("setup", text)
    words = []
    for raw in _WORD.findall(text):
        word = raw.lower()
        if word.endswith("'s"):
            word = word[:-2]
        for part in word.split("-") if "-" in word else (word,):
            if part not in _KEEP and (part in _STOPWORDS or part in _NUMBER_WORDS or len(part) < 2):
                continue
            words.append(_stem(part))
    return tuple(words)


_OPPOSITE_STEMS = tuple((stem(x), stem(y)) for x, y in _OPPOSITES)
_OPPOSITE_WORDS = frozenset(w for pair in _OPPOSITE_STEMS for w in pair)


def negated(text: str) -> bool:
    """Tell whether a sentence denies something: a negative word outside the constructions that
    do not deny ("not until", "not only", "no sooner"; see ``_NOT_NEGATING``).

    Two sentences are merged only when both or neither deny: "did not sign" and "signed"
    state opposite facts, "did not reopen until 1983" and "stayed closed to 1983" the same one.
    """
    return bool(_NEGATION.search(_NOT_NEGATING.sub(" ", text)))


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _idf(bags: list[frozenset], counts: list[int] | None = None) -> dict:
    """Inverse document frequency of each word over the sentences being clustered.

    ``counts`` gives how many times each bag occurs (identical sentences are
    passed once), so the weights are those of the full list.
    """
    counts = counts or [1] * len(bags)
    df: Counter = Counter()
    for bag, c in zip(bags, counts):
        for w in bag:
            df[w] += c
    n = sum(counts)
    return {w: math.log((n + 1) / (c + 0.5)) + 1.0 for w, c in df.items()}


def score(
    a: frozenset,
    b: frozenset,
    idf: dict,
    seq_a: str = "",
    seq_b: str = "",
    w_a: float | None = None,
    w_b: float | None = None,
) -> tuple[float, float]:
    """Return (score, dice) for two bags of content words (see the module docstring)."""
    if not a or not b:
        return 0.0, 0.0
    shared = a & b
    if len(shared) < min(MIN_SHARED, len(a), len(b)):
        return 0.0, 0.0
    w_shared = sum(idf[w] for w in shared)
    w_a = sum(idf[w] for w in a) if w_a is None else w_a
    w_b = sum(idf[w] for w in b) if w_b is None else w_b
    containment = w_shared / min(w_a, w_b)
    dice = 2 * w_shared / (w_a + w_b)
    fuzzy = fuzz.token_set_ratio(seq_a, seq_b) / 100 if seq_a and seq_b else containment
    return 0.5 * containment + 0.25 * dice + 0.25 * fuzzy, dice


def _until_reading(text: str, bag: frozenset) -> frozenset | None:
    """The words of a "not X until Y" sentence read as the state that lasted until Y, or None.

    "did not reopen it until 1983" says the border stayed closed until 1983: against a
    sentence about a state lasting to a date ("stayed closed from 1977 to 1983"), the
    negated word stands for its opposite.  Against "reopened in 1983" it keeps its own sense.
    """
    spans = [content_words(m.group(1)) for m in _NOT_UNTIL.finditer(_fold(text))]
    if not spans:
        return None
    swap = {x: y for pair in _OPPOSITE_STEMS for x, y in (pair, pair[::-1])}
    negated_words = {w for span in spans for w in span if w in swap}
    return frozenset(swap[w] if w in negated_words else w for w in bag)


def _opposed_in_reading(a: frozenset, b: frozenset, text_a: str, text_b: str) -> bool:
    """``_opposed``, with a "not X until Y" sentence read as a state lasting to Y when the other
    one states such a state (see ``_until_reading``)."""
    if not _opposed(a, b):
        return False
    for bag, text, other in ((a, text_a, text_b), (b, text_b, text_a)):
        reading = _until_reading(text, bag)
        if reading is not None and _LASTS_TO.search(other) and not _opposed(reading, b if bag is a else a):
            return False
    return True


def _opposed(a: frozenset, b: frozenset) -> bool:
    """Tell whether one bag has a word where the other has its opposite ("exports" vs "imports")."""
    if _OPPOSITE_WORDS.isdisjoint(a) or _OPPOSITE_WORDS.isdisjoint(b):  # most bags: no such word at all
        return False
    for x, y in _OPPOSITE_STEMS:
        if (x in a and y not in a and y in b and x not in b) or (y in a and x not in a and x in b and y not in b):
            return True
    return False


def common_numbers(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The numbers two sorted tuples share, as often as both have them, sorted (a multiset intersection).

    A walk over both, not two Counters: it runs for every candidate pair.
    """
    if not a or not b:
        return ()
    if a == b:
        return a
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif a[i] < b[j]:
            i += 1
        else:
            j += 1
    return tuple(out)


def _bar(nums: tuple[str, ...], alike: bool = True) -> tuple[float, float]:
    """Return the (score, dice) a pair with these shared numbers needs.

    A shared month of a year lowers the bar only when neither sentence has another number
    (``alike``): "signed in November 2021, in force since 1 February 2023" adds a fact.
    """
    strength = _strength(nums)
    if strength == 3 and not alike:
        strength = 2
    return (
        (THRESHOLD_NONE, DICE_NONE),
        (THRESHOLD_YEAR, DICE_NONE),
        (THRESHOLD_STRONG, DICE_STRONG),
        (THRESHOLD_MONTH, DICE_MONTH),
        (THRESHOLD_EXACT, DICE_EXACT),
    )[strength]


def _candidates(
    members: list[int], bags: list[frozenset], idf: dict, n_all: int | None = None, keys: list[frozenset] | None = None
):
    """Yield candidate pairs of one number partition from an inverted index (blocking).

    Each sentence is indexed under every pair of its PREFIX rarest words, and
    under each of its words that is rare in the whole corpus (its idf is at
    least RARE_IDF).  Restatements share their names and specific terms, so
    they meet under one key; sentences that share only common words never
    become candidates, which keeps the work near-linear in the corpus size.
    Keys with more than MAX_POSTING sentences are skipped as uninformative.

    With ``keys`` (one set per sentence, ``_number_keys``), only the pairs whose
    sets meet are yielded, in the order they have among all the pairs (``members``
    ascend): most pairs of an archive differ in their numbers, and are never formed.
    """
    if len(members) == 2:
        yield tuple(members)
        return
    postings = defaultdict(list)
    rare = rare_idf(n_all or len(bags))
    for i in members:
        ranked = sorted(bags[i], key=lambda w: (-idf[w], w))
        head = ranked[:PREFIX]
        keys_i: set[tuple[str, ...]] = (
            {(a, b) for x, a in enumerate(head) for b in head[x + 1 :]} if len(head) > 1 else {tuple(head)}
        )
        keys_i.update((w,) for w in ranked if idf[w] >= rare)
        for key in sorted(keys_i):  # a set's order changes with each process's string hashing
            postings[key].append(i)
    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTING:
            continue
        if keys is None:
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    pair = (ids[x], ids[y])
                    if pair not in seen:
                        seen.add(pair)
                        yield pair
        else:
            new = _meeting_pairs(ids, keys)
            new.difference_update(seen)
            seen |= new
            yield from sorted(new)  # the order of the loop above: ``ids`` ascend


def _meeting_pairs(ids: list[int], keys: list[frozenset]) -> set[tuple[int, int]]:
    """The pairs (i, j), i before j in ``ids``, whose ``keys`` meet: the pairs of each key's holders."""
    holders: dict = defaultdict(list)
    for i in ids:
        for key in keys[i]:
            holders[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for held in holders.values():
        if len(held) > 1:
            pairs.update(itertools.combinations(held, 2))
    return pairs


def _number_keys(nums: tuple[str, ...], dated: tuple[str, ...]) -> frozenset:
    """Keys two sentences share exactly when their numbers let them merge (see ``_cluster_distinct``):
    the same numbers (``("=", nums)``), or a number in common (the number itself, with any implied date)."""
    return frozenset((("=", nums), *dated))


def rare_idf(n: int) -> float:
    """Return the idf above which a word is rare enough to index alone (in at most RARE_DF sentences)."""
    return math.log((n + 1) / (RARE_DF + 0.5)) + 1.0


# --- context: what a sentence means depends on its article's date and the sentence before it ---


@dataclass(frozen=True)
class Context:
    """Where a sentence stands in its article.

    ``date`` is the article's date: "in April last year" is compared as the month
    it names.  ``before`` is the sentence before it in the same article: "That
    meeting ended with ..." is compared with the date of the meeting it names.
    """

    date: date | None = None
    before: str = ""


_MONTH_WORD = MONTH_NAME_RX
# "in April last year", "on 4 February last year", "February 4 of this year"
_MONTH_OF_YEAR_WORD = re.compile(
    rf"\b(?P<m>{_MONTH_WORD})(?P<d>\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?P<w>last|this)\s+year\b"
)
_LAST_MONTH = re.compile(rf"\b[Ll]ast\s+(?P<m>{_MONTH_WORD})\b(?!\s*,?\s*\d)")
_YEAR_WORD = re.compile(r"\b(?P<w>last|this)\s+year\b", re.IGNORECASE)


def resolve_relative(text: str, article: date) -> str:
    """The sentence with its year-relative dates written out from the article's date.

    "in April last year" in an article of 3 November 2016 becomes "in April 2015",
    "last April" "April 2016", "this year" "2016".  Only what the words fix is
    resolved: a bare "in April" (this year's or last year's?) and "last month",
    "on Thursday" stay as written.  Used to compare sentences, never printed.
    """

    def month_of(m: re.Match) -> str:
        year = article.year - (m.group("w") == "last")
        return f"{m.group('m')}{m.group('d') or ''} {year}"

    def last_month(m: re.Match) -> str:
        month = MONTHS[m.group("m").lower()]
        return f"{m.group('m')} {article.year if month < article.month else article.year - 1}"

    text = _MONTH_OF_YEAR_WORD.sub(month_of, text)
    text = _LAST_MONTH.sub(last_month, text)
    return _YEAR_WORD.sub(lambda m: str(article.year - (m.group("w").lower() == "last")), text)


# A subject that names an event said before: "That meeting", "The two-day visit", "This deal".
# Each head noun with the words that introduce such an event in the sentence before.
_EVENT_CUES = {
    r"meetings?|talks|summit|session|conference|forum|encounter": r"met|meet(?:s|ing|ings)?|talks|summit|session|conference|forum|hosted|received",
    r"visit|trip|tour|journey": r"visit\w*|trip|tour\w*|travel\w*|arriv\w*|came\s+to|went\s+to|flew\s+to",
    r"deal|agreement|accord|treaty|pact|memorandum|contract|protocol": r"sign\w*|agree\w*|deal|accord|treaty|pact|memorandum|contract|protocol|conclu\w+|struck|seal\w*",
    r"exercises?|drills?|manoeuvres|maneuvers": r"exercis\w*|drills?|manoeuvres|maneuvers",
    r"vote|election|referendum|ballot": r"vot\w*|elect\w*|referendum|ballot|poll",
}
_EVENT_SUBJECT = re.compile(
    r"^[\"'\u201c\u2018]?(?:That|This|The|These|Those)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<n>"
    + "|".join(f"(?:{nouns})" for nouns in _EVENT_CUES)
    + r")\b"
)
_CUES = [
    (re.compile(rf"^(?:{nouns})$"), re.compile(rf"\b(?:{cues})\b", re.IGNORECASE))
    for nouns, cues in _EVENT_CUES.items()
]


def _one_date(text: str) -> str | None:
    """The one date a sentence gives, with its year ("4 February 2022", "July 2001", "1996"), or None."""
    f = facets(text)
    if len(f.years) != 1 or len(f.months) > 1 or len(f.days) > (1 if f.months else 0):
        return None
    month = MONTH_NAMES[int(next(iter(f.months))[1:]) - 1] if f.months else ""
    return " ".join(x for x in (next(iter(f.days), ""), month, next(iter(f.years))) if x)


def refers_back(text: str, before: str) -> bool:
    """Tell whether the sentence's subject names the event the sentence before introduces
    ("The visit ..." after "... visited Lome in March 2015"; see ``antecedent_date``)."""
    m = _EVENT_SUBJECT.match(text)
    if not m or not before:
        return False
    noun = m.group("n").lower()
    return any(nouns.match(noun) and cues.search(before) for nouns, cues in _CUES)


def antecedent_date(text: str, before: str) -> str | None:
    """The date of the event an anaphoric subject names, from the sentence before, or None.

    "That meeting, held hours before ..." after "The presidents met in Lima on 3 May
    2019" is dated 3 May 2019.  Only when the sentence gives no date of its own, its
    subject is a demonstrative or "the" with an event noun, the sentence before
    introduces that kind of event ("met" for a meeting, "signed" for a deal) and
    gives exactly one date.
    """
    if not refers_back(text, before):
        return None
    own = facets(text)
    if own.years or own.months or own.days:
        return None
    return _one_date(before)


@functools.lru_cache(maxsize=65_536)
def context_matters(text: str) -> tuple[bool, bool]:
    """Tell whether the sentence reads differently in context: (it has a date relative to its
    article's, its subject may name an event of the sentence before).  Cached: merging asks once
    per event, and an archive's events repeat their agencies' sentences."""
    relative = bool(_MONTH_OF_YEAR_WORD.search(text) or _LAST_MONTH.search(text) or _YEAR_WORD.search(text))
    return relative, bool(_EVENT_SUBJECT.match(text))


def compared_text(text: str, context: Context | None) -> tuple[str, str]:
    """The sentence as it is compared (relative dates resolved), and the date its anaphoric
    subject implies ("" if none; see ``antecedent_date``)."""
    if context is None:
        return text, ""
    out = resolve_relative(text, context.date) if context.date else text
    before = resolve_relative(context.before, context.date) if context.date else context.before
    return out, antecedent_date(out, before) or ""


def cluster(
    texts: list[str], contexts: Sequence[Context | None] | Callable[[int], Context | None] | None = None
) -> list[list[int]]:
    """Return groups of indices of ``texts`` that state the same fact.

    Every index appears in exactly one group; singletons are groups too.
    Groups are ordered by their first index, indices inside a group ascend.
    Identical texts (agency boilerplate, a fact copied by many outlets) are
    one group from the start and are scored once, so the work grows with the
    number of distinct sentences, not with the size of the archive.
    ``contexts`` (one per text, or None) says where each sentence stands
    (``Context``): its relative dates and anaphoric subject are then compared
    as what they refer to (the first copy's context, for identical texts).
    It may be a function of the index: it is then asked only about first copies.
    """
    first: dict[str, int] = {}
    copies: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        head = first.setdefault(text, i)
        copies.setdefault(head, []).append(i)
    heads = list(copies)
    counts = [len(copies[h]) for h in heads]
    context_of = contexts if callable(contexts) else contexts.__getitem__ if contexts else lambda i: None
    compared = [compared_text(texts[h], context_of(h)) for h in heads]
    groups = _cluster_distinct([t for t, _ in compared], counts, [d for _, d in compared])
    out = [sorted(i for u in group for i in copies[heads[u]]) for group in groups]
    return sorted(out, key=lambda g: g[0])


def _cluster_distinct(texts: list[str], counts: list[int], implied: list[str] | None = None) -> list[list[int]]:
    """Cluster distinct texts; ``counts`` says how often each occurs (for word weights).

    ``implied`` gives each text the date its anaphoric subject refers to ("That meeting"):
    it must agree with the other sentence's dates (it is part of the facets), and it counts
    as shared when the other sentence states it, but an undated restatement needs none.
    """
    implied = implied or [""] * len(texts)
    nums = [numbers(t) for t in texts]
    implied_nums = [numbers(d) if d else () for d in implied]
    dated = [tuple(sorted(n + d)) if d else n for n, d in zip(nums, implied_nums)]  # with the implied date
    seqs = [content_words(t) for t in texts]
    bags = [frozenset(s) for s in seqs]
    joined = [" ".join(s) for s in seqs]
    negated_ = [negated(t) for t in texts]
    speakers = [speaker(t) for t in texts]
    idf = _idf(bags, counts)
    weights = [sum(idf[w] for w in bag) for bag in bags]
    facet = [facets(f"{t} ({d})" if d else t) for t, d in zip(texts, implied)]
    group_facets = {i: facet[i] for i in range(len(texts))}  # per union-find root: the group's numbers
    uf = _UnionFind(len(texts))
    n_all = sum(counts)
    keys = [_number_keys(n, d) for n, d in zip(nums, dated)]
    for i, j in _candidates(list(range(len(texts))), bags, idf, n_all, keys):
        # Every test rejects without side effects, so their order changes nothing: the one that
        # rejects most (two groups' numbers) comes first.
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or negated_[i] != negated_[j] or not compatible(group_facets[ri], group_facets[rj]):
            continue
        if _opposed_in_reading(bags[i], bags[j], texts[i], texts[j]):
            continue
        if speakers[i] and speakers[j] and not speakers[i] & speakers[j]:
            continue  # the same view held by two speakers: two statements
        if implied_nums[i] or implied_nums[j]:
            shared = common_numbers(dated[i], dated[j])
        else:
            shared = common_numbers(nums[i], nums[j])
        # Numbers that differ in specificity only ("5 December" / "December 2022") are allowed
        # when the two sentences share at least one of them; otherwise they must be equal.
        if nums[i] != nums[j] and not shared:
            continue
        need, need_dice = _bar(shared, dated[i] == dated[j])
        value, dice = score(bags[i], bags[j], idf, joined[i], joined[j], weights[i], weights[j])
        if value >= need and dice >= need_dice:
            uf.union(i, j)
            group_facets[uf.find(i)] = group_facets[ri].combine(group_facets[rj])
    groups = defaultdict(list)
    for i in range(len(texts)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def representative(texts: list[str]) -> int:
    """Return the index of the most informative text: most content words, ties -> first."""
    best, best_len = 0, -1
    for i, text in enumerate(texts):
        n = len(content_words(text))
        if n > best_len:
            best, best_len = i, n
    return best
