"""Label each sentence with the briefing section it belongs to.

Words are reduced to Snowball (English) stems and matched against a keyword
list per section; the longest keyword phrase wins at each position, and each
match scores as many points as it has words (a phrase is more specific than a
word). The section with the highest score wins. Ties and sentences without a
hit go to "history", the general section on the relations.
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

FALLBACK = "history"

DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "history": (
        "diplomatic", "diplomacy", "diplomatic relations", "bilateral relations", "ambassador",
        "embassy", "consulate", "envoy", "credentials", "treaty", "accord", "memorandum", "protocol",
        "charter", "declaration", "convention", "visit", "state visit", "official visit", "summit",
        "talks", "negotiations", "anniversary", "centenary", "bicentenary", "bicentennial",
        "jubilee", "president", "presidency", "prime minister", "foreign minister",
        "foreign ministry", "foreign ministers", "head of state", "heads of state", "leaders",
        "recognition", "recognise", "recognize", "independence", "sovereignty",
        "territorial integrity", "integration", "union", "union state", "alliance", "ally",
        "allies", "partnership", "strategic partnership", "politics", "political", "policy",
        "foreign policy", "parliament", "parliamentary", "election", "elected", "re-election",
        "government", "friendship", "brotherhood", "history", "historic", "historical",
        "dialogue", "consultations", "signed", "ratified", "established", "establishment",
        "international law", "united nations", "statement", "congratulation",
        "congratulated", "bloc", "member states", "post-soviet",
    ),
    "economy": (
        "economy", "economic", "economically", "trade", "trading", "trade turnover", "turnover",
        "export", "exports", "exporters", "import", "imports", "investment", "investor", "invest",
        "energy", "gas", "natural gas", "oil", "pipeline", "customs", "tariff", "tariffs",
        "duties", "market", "markets", "company", "companies", "business", "businesses",
        "enterprise", "enterprises", "industry", "industrial", "manufacturing", "manufacturers",
        "manufactured", "finance", "financial", "financing", "bank", "banking", "currency",
        "loan", "debt", "credit", "budget", "goods", "products", "commerce", "commercial",
        "gdp", "growth", "price", "prices", "cost", "revenue", "surplus", "deficit",
        "shipments", "sales", "sold", "purchases", "buyers", "suppliers", "supply chains",
        "agriculture", "agricultural", "wheat", "grain", "food", "vehicles", "cars", "auto parts",
        "automotive", "railway", "logistics", "transport", "transit", "port", "infrastructure",
        "construction", "electricity", "mining", "steel", "chemicals", "fertiliser", "fertilizer",
        "billion", "million", "dollars", "euros", "remittances", "capital", "free trade",
        "economic agents", "labor force", "labour force", "innovation", "innovations",
        "technology", "technologies", "fuels", "gasoline", "tourism revenue",
    ),
    "security": (
        "security", "defence", "defense", "military", "army", "armed forces", "navy",
        "air force", "troops", "soldiers", "exercises", "drills", "war", "conflict",
        "aggression", "attack", "threat", "threatens", "terrorism", "terrorist",
        "anti-terrorist", "extremism", "crime", "crimes", "criminal", "trafficking",
        "smuggling", "drug", "drugs", "narcotics", "opioid", "overdose", "addiction",
        "precursors", "police", "law enforcement", "border guards", "border control",
        "border security", "weapons", "arms", "firearms", "missile", "nuclear weapons",
        "nuclear materials", "safeguards", "non-proliferation", "inspections", "inspectors",
        "verification", "intelligence", "cyber", "peacekeeping", "ceasefire", "combat",
        "mutual assistance", "illegal", "illegal migration", "violence", "cartel", "seized",
        "seizure", "public safety", "safe communities", "air defense", "air defence",
    ),
    "social_cultural": (
        "culture", "cultural", "festival", "festivals", "art", "arts", "artists", "exhibition",
        "museum", "theatre", "theater", "cinema", "film", "music", "concert", "sport", "sports",
        "football", "race", "olympic", "tournament", "education", "educational", "students",
        "student", "universities", "university", "school", "schools", "scholarship",
        "scholarships", "academic exchange", "science", "scientific", "research",
        "researchers", "tourism", "tourist", "tourists", "travel", "travellers", "travelers",
        "citizens living abroad", "living abroad", "diaspora", "compatriots", "language",
        "languages", "migration", "migrants", "visa", "visas", "visa-free", "passport",
        "passports", "identity cards", "people-to-people", "ties between people",
        "exchange programmes", "health care", "healthcare", "public health", "medical",
        "hospital", "social guarantees", "social protection", "social security", "social policies",
        "pensions", "employment", "labor issues", "labour issues", "residence", "youth",
        "humanitarian", "religion", "religious", "heritage", "literature", "media",
        "journalists", "families", "citizens", "equal rights", "equal opportunities",
    ),
}

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball stem of a lower-case word."""
    return _stemmer().stemWord(word)


def stems(text: str) -> tuple[str, ...]:
    """Return the stems of the words of ``text``; hyphens and apostrophes split words."""
    return tuple(stem(w) for w in _WORD.findall(text.lower()))


def _build_index(keywords: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Map a first stem to its keyword phrases (as stem tuples), longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for section, words in keywords.items():
        for phrase in words:
            key = stems(phrase)
            if key:
                index.setdefault(key[0], []).append((key, section))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_INDEXES: dict[tuple, dict] = {}


def _index_for(keywords: dict[str, tuple[str, ...]]) -> dict:
    """Build the stem index once per keyword table.

    Keyed by content, not identity: callers build an equal table for every
    document (defaults merged with briefing.toml), and rebuilding the index
    each time cost more than classifying the document.
    """
    key = tuple((section, tuple(words)) for section, words in keywords.items())
    hit = _INDEXES.get(key)
    if hit is None:
        hit = _build_index(keywords)
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        _INDEXES[key] = hit
    return hit


def scores(sentence: str, keywords: dict[str, tuple[str, ...]] = DEFAULT_KEYWORDS) -> dict[str, int]:
    """Return the points each section gets for the sentence (longest phrase match first)."""
    index = _index_for(keywords)
    toks = stems(sentence)
    result = dict.fromkeys(keywords, 0)
    i = 0
    while i < len(toks):
        for key, section in index.get(toks[i], ()):
            if toks[i:i + len(key)] == key:
                result[section] += len(key)
                i += len(key)
                break
        else:
            i += 1
    return result


def classify(sentence: str, keywords: dict[str, tuple[str, ...]] = DEFAULT_KEYWORDS) -> str:
    """Return the section the sentence belongs to; ties and no hit go to "history"."""
    points = scores(sentence, keywords)
    best = max(points.values(), default=0)
    winners = [s for s, p in points.items() if p == best]
    if best == 0 or len(winners) > 1:
        return FALLBACK if FALLBACK in keywords else next(iter(keywords))
    return winners[0]
