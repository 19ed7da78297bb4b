"""Recognise the world's countries in English text: names, aliases, adjectives, capitals.

All data lives in ``data/countries.json`` (made by ``tools/make_countries.py``); this
module only matches it. Matching is case-sensitive ("US" is a country, "us" is not)
and whole-word, and at each position the longest known phrase wins, so "Mexico City"
is Mexico's capital, "Papua New Guinea" is not Guinea and "Latin America" is nothing.
Phrases that contain a country word without meaning the country ("Latin American",
"Georgia, US") are listed per country under ``not_mentions`` and match as nothing.

Why one regex and not Aho-Corasick: the ~2,700 phrases are compiled once into a
single pattern shaped as a character trie, so the engine follows one branch per
character instead of trying every alternative; it needs no extra dependency and
gives word boundaries and longest-match-with-backtracking ("Washington" in
"Washingtonian" fails, falls back to nothing) for free. Text without any character
that can start a phrase (Cyrillic, all lower case) is skipped before the regex runs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import briefing.extract.lazyre as lazyre  # the module alone: the extract package imports this file

DATA = Path(__file__).with_name("data") / "countries.json"

# Blocs and groupings: a figure or share of one is not one of the pair's (case-sensitive: "EU", "CIS").
# Trade blocs and unions: a figure with one of them is not the pair's.
# Written out in full as often as abbreviated ("the Economic Community of West African States").
BLOCS = lazyre.compile(
    r"\b(?:European\s+Union|EU|ASEAN|African\s+Union|Gulf\s+Cooperation\s+Council|GCC|OPEC|"
    r"Eurasian\s+Economic\s+Union|EAEU|Mercosur|NAFTA|USMCA|CIS|East\s+African\s+Community|EAC|"
    r"SADC|COMESA|ECOWAS|Andean\s+Community|Arab\s+League|Pacific\s+Alliance|SACU|CARICOM|"
    r"Economic\s+Community\s+of\s+(?:West|Central)\s+African\s+States|ECCAS|"
    r"Southern\s+African\s+(?:Development\s+Community|Customs\s+Union)|"
    r"Common\s+Market\s+for\s+Eastern\s+and\s+Southern\s+Africa|"
    r"Association\s+of\s+South[- ]?[Ee]ast\s+Asian\s+Nations|Commonwealth\s+of\s+Independent\s+States|"
    r"Southern\s+Common\s+Market|Caribbean\s+Community|European\s+Free\s+Trade\s+Association|EFTA|"
    r"West\s+African\s+Economic\s+and\s+Monetary\s+Union|WAEMU|UEMOA|CEMAC|"
    r"Central\s+African\s+Economic\s+and\s+Monetary\s+Community|Arab\s+Maghreb\s+Union|"
    r"South\s+Asian\s+Association\s+for\s+Regional\s+Cooperation|SAARC|SAFTA|BIMSTEC|"
    r"Shanghai\s+Cooperation\s+Organi[sz]ation|Regional\s+Comprehensive\s+Economic\s+Partnership|RCEP|"
    r"CPTPP|African\s+Continental\s+Free\s+Trade\s+Area|AfCFTA|Intergovernmental\s+Authority\s+on\s+"
    r"Development|IGAD|Central\s+American\s+Common\s+Market|Organi[sz]ation\s+of\s+Eastern\s+Caribbean\s+"
    r"States|OECS|Organi[sz]ation\s+of\s+the\s+Petroleum\s+Exporting\s+Countries)\b"
)

# When one phrase is several things for one country ("Monaco"), the first kind wins.
KINDS = ("name", "alias", "adjective", "capital")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    country: str  # canonical name
    kind: str  # one of KINDS
    text: str


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    currency: str
    iso2: str | None = None
    iso3: str | None = None
    fiscal_year_start: int | None = None  # month the government's fiscal year starts; None: not recorded
    fiscal_year_start_day: int | None = None  # its day (16 for Nepal's mid-July year)
    fiscal_year_named_by: str | None = None  # "end" (India's FY24 ends in 2024) or "start" (Japan's FY2023)

    @property
    def adjective(self) -> str:
        """The usual adjective ("Turkish"), or the name where English uses it as one."""
        return self.adjectives[0] if self.adjectives else self.name


@cache
def _records() -> tuple[dict, ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8")))


@cache
def all_countries() -> tuple[Country, ...]:
    """Every country in the data, sorted by canonical name."""
    return tuple(
        Country(
            name=r["name"],
            aliases=tuple(r["aliases"]),
            adjectives=tuple(r["adjectives"]),
            capital=r["capital"],
            currency=r["currency"],
            iso2=r.get("iso2"),
            iso3=r.get("iso3"),
            fiscal_year_start=r.get("fiscal_year_start"),
            fiscal_year_start_day=r.get("fiscal_year_start_day"),
            fiscal_year_named_by=r.get("fiscal_year_named_by"),
        )
        for r in _records()
    )


def _surfaces_of(rec: dict) -> list[tuple[str, str]]:
    """(phrase, kind) pairs that mean this country in running text, strongest kind first."""
    pairs = [(rec["name"], "name")]
    pairs += [(a, "alias") for a in rec["aliases"]]
    pairs += [(a, "adjective") for a in rec["adjectives"]]
    if not rec.get("capital_ambiguous"):
        pairs += [(c, "capital") for c in [rec["capital"], *rec.get("capital_aliases", [])]]
    return pairs


def _spellings(phrase: str) -> set[str]:
    """The phrase as written plus its decomposed form ("Türkiye" typed with a combining mark)."""
    return {phrase, unicodedata.normalize("NFD", phrase)}


@cache
def _lexicon() -> dict[str, tuple[str, str] | None]:
    """Phrase -> (country, kind); None for phrases that block a match (``not_mentions``)."""
    lex: dict[str, tuple[str, str] | None] = {}
    for rec in _records():
        for phrase in rec.get("not_mentions", []):
            for s in _spellings(phrase):
                lex.setdefault(s, None)
    for rec in _records():
        for phrase, kind in _surfaces_of(rec):
            for s in _spellings(phrase):
                if lex.get(s) is None:  # a real meaning beats a blocker
                    lex[s] = (rec["name"], kind)
    return lex


def _trie_regex(words) -> str:
    """A regex matching any of ``words``, longest first, as a trie of nested groups.

    A phrase ending in a word character must not be followed by one ("Oman" is not
    in "Omani" unless "Omani" is a phrase itself); "U.S." needs no such check.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, prev: str) -> str:
        # Follow a chain of single children as one literal to keep the pattern small.
        lit = ""
        while len(node) == 1 and "" not in node:
            ((ch, node),) = node.items()
            lit += ch
            prev = ch
        alts = [re.escape(ch) + emit(child, ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:  # end of a phrase: tried after every longer continuation
            alts.append(r"(?!\w)" if re.match(r"\w", prev) else "")
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return re.escape(lit) + body

    return r"(?<!\w)" + emit(trie, "")


@cache
def _matcher() -> re.Pattern:
    return re.compile(_trie_regex(_lexicon()))


@cache
def _starters() -> re.Pattern:
    """Characters a country phrase can begin with: text with none of them has no mention."""
    firsts = {p[0] for p, hit in _lexicon().items() if hit is not None}
    return re.compile("[" + "".join(sorted(map(re.escape, firsts))) + "]")


_RUN = lazyre.compile(r"[^\W\d_]+")  # a run of letters: every phrase starts with one


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


@cache
def _by_first_run() -> dict[str, tuple[str, ...]]:
    """First run of letters -> the phrases starting with it, longest first."""
    index: dict[str, list[str]] = {}
    for phrase in _lexicon():
        run = _RUN.match(phrase)
        index.setdefault(run.group() if run else "", []).append(phrase)
    return {run: tuple(sorted(phrases, key=len, reverse=True)) for run, phrases in index.items()}


@cache
def _starts() -> re.Pattern:
    """A run of letters that begins with a character some phrase begins with (most words do not)."""
    firsts = sorted({p[0] for p in _lexicon() if p[0].isalpha()})  # a phrase found by _scan starts a letter run
    return re.compile(r"(?<![^\W\d_])[" + "".join(map(re.escape, firsts)) + r"][^\W\d_]*")


def _scan(text: str):
    """Yield (start, end) of each phrase, as ``_matcher().finditer`` would find them.

    Same rules as the trie regex (a phrase starts where no word character
    precedes it, one ending in a word character is not followed by one, the
    longest phrase wins, matches do not overlap), but looked up by the run of
    letters at each start: compiling the ~2,900-phrase regex took longer than
    a small build spends matching.
    """
    index = _by_first_run()
    pos = 0
    for m in _starts().finditer(text):  # the runs of letters (_RUN) a phrase can begin with
        start = m.start()
        if start < pos or (start and _is_word(text[start - 1])):
            continue
        for phrase in index.get(m.group(), ()):
            end = start + len(phrase)
            if text.startswith(phrase, start) and not (
                _is_word(phrase[-1]) and end < len(text) and _is_word(text[end])
            ):
                yield start, end
                pos = end
                break


def find_mentions(text: str, pair: tuple[str, ...] | None = None) -> list[Mention]:
    """Every country mention in ``text``, left to right, without overlaps.

    Words in an all-capitals headline ("NAMIBIA AND BOTSWANA SIGN ...") are
    read as if written in title case. With the briefing's ``pair``, references
    that only the pair resolves are mentions too (kind "reference"): "the
    Kingdom" when exactly one of the two is a kingdom, "the neighbouring
    country" / "its neighbour" for the other of the first of the two named before,
    and the abbreviations two countries share ("SA") as the pair's own.
    """
    out = _mentions_in(text, 0)
    for m in _CAPS_RUN.finditer(text):
        if not re.search(r"[A-Z]{4}", m.group()):
            continue
        titled = _title(m.group())
        if len(titled) != len(m.group()):
            continue
        out += [
            x
            for x in _mentions_in(titled, m.start(), m.group())
            if not any(y.start < x.end and x.start < y.end for y in out)
        ]
    if pair and len(pair) == 2:
        out = [_in_pair(x, pair) for x in out]
        out += _shared_alias_mentions(text, out, pair)
        out += [x for x in _references(text, out, pair) if not any(y.start < x.end and x.start < y.end for y in out)]
    out.sort(key=lambda x: x.start)
    return out


def _mentions_in(text: str, offset: int, original: str | None = None) -> list[Mention]:
    """Mentions in ``text`` placed at ``offset``; ``original`` is the text as written when ``text`` is re-cased."""
    if not _starters().search(text):
        return []
    lex = _lexicon()
    out = []
    for start, end in _scan(text):
        phrase = text[start:end]
        hit = lex[phrase]
        if hit is None:
            continue
        out.append(Mention(offset + start, offset + end, hit[0], hit[1], (original or text)[start:end]))
    return out


# An abbreviation that is also a company's legal form after its name.
_LEGAL_FORMS = {"SA"}
_CAPS_RUN = lazyre.compile(r"(?<![\w'’])[A-Z][A-Z'’.&-]*(?:,?[ \t]+[A-Z][A-Z'’.&-]*)+(?![\w'’])")
_SMALL_WORDS = lazyre.compile(r"(?<=\s)(?:And|Of|The|De|Del|Des|Du|Da|Es|La|Le|Y|Et|Al)(?=\s)")


def _title(words: str) -> str:
    """Title case that keeps every offset ("JAMAICA'S" -> "Jamaica's", "PORT OF SPAIN" -> "Port of Spain")."""
    out, prev = [], ""
    for ch in words:
        low = ch.lower()
        out.append(low if (prev.isalpha() or (prev and prev in "'’")) and len(low) == 1 else ch)
        prev = ch
    return _SMALL_WORDS.sub(lambda m: m.group().lower(), "".join(out))


_NEIGHBOUR = lazyre.compile(
    r"\b(?:the|its|their)\s+(?:(?:northern|southern|eastern|western|north-\w+|south-\w+|"
    r"immediate|closest|nearest|big|larger|smaller)\s+)?neighbou?r(?:ing\s+(?:country|state|nation|"
    r"republic|kingdom))?\b(?!s|ing\s+countries)|\bthe\s+other\s+country\b",
    re.I,
)
_TITLE_REF = lazyre.compile(
    r"\b[Tt]he\s+([Kk]ingdom|Sultanate|Principality|Grand\s+Duchy|Federation|Emirates)\b(?!\s+of\b)"
)


def _references(text: str, found: list[Mention], pair: tuple[str, ...]) -> list[Mention]:
    """Mentions that only the pair resolves ("the Kingdom", "the neighbouring country")."""
    out = []
    for m in _TITLE_REF.finditer(text):
        title = m.group(1).lower()
        holders = [
            c for c in pair if any(title in _fold(a).split() or _fold(a).startswith(title + " ") for a in _names_of(c))
        ]
        if len(holders) == 1:
            out.append(Mention(m.start(), m.end(), holders[0], "reference", m.group()))
    for m in _NEIGHBOUR.finditer(text):
        named = [x for x in found if x.end <= m.start() and x.country in pair]
        if named:
            other = pair[1] if named[0].country == pair[0] else pair[0]
            out.append(Mention(m.start(), m.end(), other, "reference", m.group()))
    return out


def _in_pair(m: Mention, pair: tuple[str, ...]) -> Mention:
    """A short alias or adjective read as the pair's country whose name contains it.

    "Korea" is South Korea in general, but North Korea in a briefing on North
    Korea and China; "Congo" is the Republic of the Congo when that is the pair's.
    A country's own name ("Guinea", "Sudan") keeps its meaning.
    """
    if m.country in pair or m.kind not in ("alias", "adjective"):
        return m
    word = _fold(m.text)
    for c in pair:
        rec = country(c)
        names = [c, *(rec.aliases if rec else ()), *(rec.adjectives if rec else ())]
        if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", _fold(n)) for n in names):
            return Mention(m.start, m.end, c, m.kind, m.text)
    return m


def _names_of(name: str) -> tuple[str, ...]:
    rec = next((r for r in _records() if r["name"] == name), None)
    return (rec["name"], *rec["aliases"]) if rec else ()


def count_mentions(text: str) -> dict[str, int]:
    """Canonical name -> number of mentions, most mentioned first (ties: first seen first)."""
    return dict(Counter(m.country for m in find_mentions(text)).most_common())


def _fold(s: str) -> str:
    """Case-, accent- and apostrophe-insensitive key; drops "the" and a possessive."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = " ".join(s.casefold().split())
    s = s.removeprefix("the ")
    return s[:-2] if s.endswith("'s") else s


@cache
def _index() -> dict[str, str]:
    """Folded name, alias or adjective -> canonical name (capitals are not names)."""
    index: dict[str, str] = {}
    for rec in _records():
        for phrase in [rec["name"], *rec["aliases"], *rec["adjectives"]]:
            index.setdefault(_fold(phrase), rec["name"])
    return index


def canonical(name: str) -> str | None:
    """Canonical country name for a name, alias or adjective ("türkiye" -> "Turkey")."""
    return _index().get(_fold(name)) if name else None


@cache
def _by_name() -> dict[str, Country]:
    return {c.name: c for c in all_countries()}


@lru_cache(maxsize=4096)  # asked for the pair's currency in every sentence
def country(name: str) -> Country | None:
    """The record for any name, alias or adjective, or None."""
    canon = canonical(name)
    return _by_name().get(canon) if canon else None


def country_currency(name: str) -> str | None:
    """ISO 4217 code of the country's currency ("Belarusian" -> "BYN")."""
    rec = country(name)
    return rec.currency if rec else None


def fiscal_year_start(name: str) -> tuple[int, int] | None:
    """(month, day) on which the country's fiscal year starts ("India" -> (4, 1), "Nepal" -> (7, 16)).

    None when the data records no fiscal calendar for it (most countries run the
    calendar year, but we do not claim it) or the name is not a country.
    """
    rec = country(name)
    if rec is None or rec.fiscal_year_start is None:
        return None
    return rec.fiscal_year_start, rec.fiscal_year_start_day or 1


def fiscal_year_named_by_start(name: str) -> bool:
    """Whether one year names the fiscal year that starts in it ("fiscal 2023" in Japan is April 2023 to
    March 2024); elsewhere it names the one that ends in it."""
    rec = country(name)
    return rec is not None and rec.fiscal_year_named_by == "start"


_PLURAL_OR_TITLED = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "DR Congo"}


def in_sentence(name: str) -> str:
    """Return the name as it reads mid-sentence: "the United States", "the Netherlands", "Peru"."""
    if name.startswith("United ") or name.endswith(("Islands", "Republic", "Emirates")) or name in _PLURAL_OR_TITLED:
        return f"the {name}"
    return name


def possessive(name: str) -> str:
    """Return "Peru's", "Belarus's", "the United States'", "the Philippines'" (plural names take ' alone)."""
    base = in_sentence(name)
    return f"{base}'" if name.endswith("s") and base.startswith("the ") else f"{base}'s"


@cache
def _shared_aliases() -> dict[str, tuple[str, ...]]:
    """Abbreviation -> the countries that share it ("SA": South Africa, Saudi Arabia)."""
    shared: dict[str, list[str]] = {}
    for rec in _records():
        for alias in rec.get("shared_aliases", ()):
            shared.setdefault(alias, []).append(rec["name"])
    return {k: tuple(v) for k, v in shared.items()}


def find_mentions_for_pair(text: str, pair: tuple[str, ...]) -> list[Mention]:
    """``find_mentions`` plus the abbreviations several countries share, read as the pair's own.

    "SA" names South Africa in a brief on South Africa and Zimbabwe and Saudi
    Arabia in one on Saudi Arabia and Egypt; with both or neither in the pair it
    names nothing.
    """
    found = find_mentions(text)
    extra = _shared_alias_mentions(text, found, pair)
    return sorted(found + extra, key=lambda m: m.start) if extra else found


def _shared_alias_mentions(text: str, found: list[Mention], pair: tuple[str, ...]) -> list[Mention]:
    """Mentions of the abbreviations the pair's country shares with another ("SA"), not overlapping ``found``."""
    extra = []
    for alias, owners in _shared_aliases().items():
        mine = [c for c in owners if c in pair]
        if len(mine) != 1:
            continue
        for m in re.finditer(rf"(?<![\w.]){re.escape(alias)}(?![\w.])", text):
            if alias in _LEGAL_FORMS and re.search(r"\b[A-Z][\w&.-]*\s$", text[max(0, m.start() - 30) : m.start()]):
                continue  # "Vale SA": a company's legal form
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                extra.append(Mention(m.start(), m.end(), mine[0], "alias", alias))
    return extra
