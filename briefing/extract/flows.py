"""Who ships to whom: the trade flow an amount belongs to, read from the words around it.

A *flow* is a direction of goods between the two countries of the briefing
(``origin`` -> ``destination``) or a two-way ``total``. It is read from cue words
("exports", "bought", "turnover") and the roles the clause gives to country
mentions: "to X", "into X", "in X" and "by X" after a sale name the buyer;
"from X" and an adjective or possessive on the goods ("Ghanaian goods", "Chile's
sales") name the seller; a country that is the subject of "sold"/"bought" is
the seller/buyer. A side left unnamed is the other country of the pair, but only
when the clause names one of the pair and no third country.

Pure functions over one clause; the caller decides what a clause is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.extract import lazyre

EXPORT = "exports"
IMPORT = "imports"
TOTAL = "total"

# Cue words, by the side of the flow they describe. Nouns and verbs.
_EXPORT_RX = (
    r"exports?\s+(?:turnover|value|revenues?|earnings|receipts|volume)|exports?|exported|exporting|export\s+earnings|sales|sold|sells|selling|shipments?|shipped|ships|"
    r"shipping|supplied|supplies|supply|supplying|deliveries|delivered|delivering|sent|"
    r"went\s+(?:to|into)|earned\s+from\s+sales"
)
_IMPORT_RX = (
    r"imports?\s+(?:turnover|value|bill|volume)|imports?|imported|importing|purchases|purchased|bought|buys|buying|sourced|took\s+in|"
    r"trucking\s+in|brought\s+in|came\s+(?:in\s+)?from|arrived\s+from|entered|crossed"
)
_TOTAL_RX = (
    r"trade(?!\s+(?:disputes?|wars?|talks|agreements?|deals?|pacts?|ministers?|ministry|fairs?|missions?|"
    r"barriers?|polic(?:y|ies)|relations|ties|delegations?|routes?|corridors?|unions?|shows?|offices?|"
    r"secretariat|bodies|body|rules|restrictions|measures|officials?|promotion|facilitation)\b)|traded|trading|turnover|commerce|two-way|bilateral\s+(?:trade|commerce|exchange)|"
    r"exchanges?\s+of\s+goods|goods\s+exchange|changed\s+hands|crossed\s+between"
)


# "re-exported fuel", "re-imports": goods passing through, a kind of goods, never the flow's own cue.
# Written plainly: rf"(?<!\bre-)(?<!\bre)\b(?:(?P<total>{_TOTAL_RX})|(?P<exp>...)|(?P<imp>...))\b".
CUE = lazyre.CaseFolded(
    rf"\b(?<!\bre-)(?<!\bre)(?:(?={lazyre.initials(_TOTAL_RX)})(?P<total>{_TOTAL_RX})|"
    rf"(?={lazyre.initials(_EXPORT_RX)})(?P<exp>{_EXPORT_RX})|(?={lazyre.initials(_IMPORT_RX)})(?P<imp>{_IMPORT_RX}))\b"
)

# Nouns for goods that an adjective or possessive marks with their origin ("Ghanaian goods").
GOODS = lazyre.compile(
    r"\b(?:goods|products|produce|merchandise|commodities|wares|shipments|exports|sales|"
    r"exporters|sellers|suppliers|producers|manufacturers)\b",
    re.I,
)
BUYERS = lazyre.compile(r"\b(?:imports|purchases|importers|buyers|consumers|customers)\b", re.I)
# People who do what the verb says: "Peruvian importers brought in goods" (buyers), "Chilean companies sold".
ACTORS = lazyre.compile(
    r"\b(?:companies|firms|traders|businesses|merchants|enterprises|retailers|wholesalers|"
    r"refiners|millers|farmers)\b",
    re.I,
)


# The partner named without its name: "to it", "from there", "to its western neighbour".
_PARTNER_WORDS = lazyre.compile(
    r"\b(?:to|from|into|in|by)\s+(?:it|them|there|(?:its|their|the)\s+(?:\w+\s+){0,2}?"
    r"(?:neighbou?rs?|neighbou?ring\s+country|partners?|other\s+side|country|nation))\b|"
    r"\b(?:to|from|into|in|by|with)\s+the\s+(?:Kingdom|Republic|Emirates|Sultanate|Federation|"
    r"Confederation|Principality|Grand\s+Duchy|island\s+nation|archipelago|mainland)\b",
    re.I,
)
# The partner as the subject, by its title: "the Kingdom took 9 per cent of Jordanian exports, worth ...".
_PARTNER_SUBJECT = lazyre.compile(
    r"\bthe\s+(?:Kingdom|Republic|Emirates|Sultanate|Federation|Principality)\s+"
    r"(?:took|bought|absorbed|received|imported|purchased)\b"
)


@dataclass(frozen=True)
class Flow:
    """A reading of the direction of one amount."""

    field: str  # total / exports / imports
    reporter: str | None = None  # whose exports or imports (None for a total)
    partner: str | None = None

    def mirrored(self) -> Flow:
        """The same flow seen from the other side."""
        if self.field == TOTAL:
            return self
        return Flow(IMPORT if self.field == EXPORT else EXPORT, self.partner, self.reporter)

    def with_field(self, field: str) -> Flow:
        """The other flow of the same two sides: "its exports ... and its imports"."""
        return Flow(field, self.reporter, self.partner) if field != TOTAL else Flow(TOTAL)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    field: str
    text: str


def cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Every flow cue in ``text[start:end]``, with absolute positions."""
    return list(_cues(text, start, len(text) if end is None else end))


@lru_cache(maxsize=512)
def _cues(text: str, start: int, end: int) -> tuple[Cue, ...]:
    # Remembered: the trade reader asks for the same stretch of a sentence several times (each amount's
    # clause, before and after it), and news copy repeats whole sentences across articles.
    rx, subject = CUE.on(text)
    return tuple(
        Cue(m.start(), m.end(), TOTAL if m.group("total") else EXPORT if m.group("exp") else IMPORT, m.group(0).lower())
        for m in rx.finditer(subject, start, end)
    )


def _lead(text: str, pos: int, width: int = 16) -> str:
    return text[max(0, pos - width) : pos].lower()


def side_role(text: str, mention, cue: Cue) -> str | None:
    """Return "seller" or "buyer" for a country mention, from the words that tie it to the cue."""
    lead = _lead(text, mention.start)
    tail = text[mention.end : mention.end + 24]
    after_cue = mention.start >= cue.end
    if re.search(r"\b(?:to|into|for)\s+(?:the\s+)?$", lead):
        return "buyer"
    if re.search(r"\bin\s+(?:the\s+)?$", lead) and after_cue and cue.field == EXPORT:
        return "buyer"  # "goods sold in Peru"
    if re.search(r"\b(?:from|out\s+of)\s+(?:the\s+)?$", lead):
        if cue.field == EXPORT and re.search(r"earnings|revenues?|receipts", cue.text):
            return "buyer"  # "export earnings from X": money earned from selling to X
        return "seller"
    if re.search(r"\bby\s+(?:the\s+)?$", lead):
        return "seller" if cue.field == EXPORT else "buyer"  # "sold by X" / "bought by X"
    if re.search(r"\bwith\s+(?:the\s+)?$", lead) and mention.kind != "adjective":
        if (
            mention.end <= cue.start
            and re.fullmatch(r"\s*", text[mention.end : cue.start])
            and cue.text.endswith("ing")
        ):
            return "seller" if cue.field == EXPORT else "buyer"  # "..., with Chile buying $1 billion"
        return None  # "trade with X": no side of its own (but "with Chilean goods bought by ...")
    possessive = re.match(r"\s*(?:'s|’s|')?\s*", tail)
    rest = tail[possessive.end() :] if possessive else tail
    if mention.kind == "adjective" or (possessive and possessive.group(0).strip()):
        if BUYERS.match(rest) or (
            not after_cue
            and cue.field == IMPORT
            and mention.end <= cue.start
            and re.fullmatch(r"\s*(?:'s|’s|')?\s*", text[mention.end : cue.start])
        ):
            return "buyer"  # "Peru's imports", "Chilean purchases"
        if GOODS.match(rest) or (not after_cue and re.fullmatch(r"\s*(?:'s|’s|')?\s*", text[mention.end : cue.start])):
            return "seller" if cue.field == EXPORT or GOODS.match(rest) else "buyer"
        if ACTORS.match(rest) and not after_cue:
            return "seller" if cue.field == EXPORT else "buyer" if cue.field == IMPORT else None
    if not after_cue:
        # The subject of the verb: "Chile sold", "Peru bought", "Chilean importers brought in".
        between = text[mention.end : cue.start]
        if not re.search(r"\b(?:to|from|in|into|by|with|of)\b|[;]", between, re.I) and len(between.split()) <= 8:
            return "seller" if cue.field == EXPORT else "buyer" if cue.field == IMPORT else None
    elif (
        cue.field == EXPORT
        and re.fullmatch(r"\s*", text[cue.end : mention.start])
        and re.fullmatch(r"sold|sells|shipped|ships|supplied|supplies|sent|delivered|exported", cue.text)
    ):
        return "buyer"  # "sold Peru goods worth", "shipped Japan machinery", "supplied Chile with"
    elif (
        cue.field == IMPORT
        and cue.text.startswith(("entered", "crossed"))
        and re.fullmatch(r"\s*", text[cue.end : mention.start])
    ):
        return "buyer"  # "entered Chile from Peru"
    return None


def read_flow(
    text: str, cue: Cue, mentions, pair: tuple[str, str], third_in_sentence: bool = False
) -> tuple[Flow | None, str | None]:
    """Return the flow a cue states in its clause, or None with the reason it cannot be read.

    ``mentions`` are the country mentions of the clause. A third country with a
    role ("to Uganda") makes the flow not bilateral.
    """
    if cue.field == TOTAL:
        return Flow(TOTAL), None
    seller = buyer = None
    mentions = list(mentions)
    hi = max([cue.end + 80] + [m.end for m in mentions])
    # Names tied to an earlier verb of the clause belong to it: in "X sold $1m to Y and bought $2m from it"
    # the second verb's own words start after "and"; its subject is the clause's first name.
    joint = [m.end() for m in re.finditer(r"\band\b|,", text[: cue.start])]
    cut = joint[-1] if joint else 0
    head = [m for m in mentions if m.end <= cut]
    own = [m for m in mentions if m.start >= cut]
    subject = (
        head[0]
        if head and not re.search(r"\b(?:to|from|in|into|by|with|of|for)\s+(?:the\s+)?$", _lead(text, head[0].start))
        else None
    )
    for m in own:
        role = side_role(text, m, cue)
        if role is None:
            continue
        if m.country not in pair:
            return None, "another country"
        if role == "seller" and seller is None:
            seller = m.country
        elif role == "buyer" and buyer is None:
            buyer = m.country
    if (
        seller is None
        and buyer is None
        and subject is not None
        and subject.country in pair
        and not own
        and re.search(r"(?:\sand|,)\s*$", text[:cut]) is not None
        and cue.field in (EXPORT, IMPORT)
        and not cues(text, subject.end, cut)[1:]
    ):
        seller, buyer = (subject.country, None) if cue.field == EXPORT else (None, subject.country)
    else:
        subject = None
    if seller and buyer and seller == buyer:
        return None, "direction unknown"
    other = {pair[0]: pair[1], pair[1]: pair[0]}
    if seller is None and buyer is None:
        return None, "direction unknown"
    if (seller is None or buyer is None) and third_in_sentence and not _PARTNER_WORDS.search(text, cue.end, hi):
        return None, "direction unsure: the other side is not named and another country is"
    partner_named = buyer if cue.field == EXPORT else seller
    if (
        partner_named is None
        and not _PARTNER_WORDS.search(text, cue.end, hi)
        and subject is None
        and not _PARTNER_SUBJECT.search(text, max(0, cue.start - 60), cue.start)
    ):
        # "Chile exported goods worth $98bn": with no partner named this is usually all its exports
        return None, "partner not named"
    if seller is None:
        seller = other[buyer] if buyer else None
    if buyer is None:
        buyer = other[seller] if seller else None
    if seller is None or buyer is None:
        return None, "direction unknown"
    if cue.field == EXPORT:
        return Flow(EXPORT, seller, buyer), None
    return Flow(IMPORT, buyer, seller), None
