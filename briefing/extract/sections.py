"""Label each sentence with the briefing section it belongs to.

The default sections are chosen by a multinomial naive Bayes model over
Snowball (English) word stems (``data/section_model.json``, trained by
``tools/train_sections.py`` on sentences the team wrote and labelled itself,
plus the keyword lists below as a lexicon; its held-out accuracy is in the
README).  A keyword tally generalises badly: "the two presidents regretted the
violence" has "president" (history) and "violence" (security) once each; the
model weighs every word by how much it tells the sections apart.

Precision first: a topical section (economy, security, social and cultural)
is a candidate only when the sentence contains one of its keywords, so a
sentence with no clear topic ("The pandemic left a dent") stays in the
general section rather than filling a section the sources say nothing about.

Keyword lists still decide where ``briefing.toml`` configures them: a section
whose list is configured (a new section, or a default one with its own list)
takes a sentence that hits its keywords (longest phrase first, each match
worth its number of words); other sentences go to the model.  A sentence
without a single known word goes to "history", the general section.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from briefing.extract import lazyre
from briefing.stemming import stem

FALLBACK = "history"

DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "history": (
        "diplomatic",
        "diplomacy",
        "diplomatic relations",
        "bilateral relations",
        "ambassador",
        "embassy",
        "consulate",
        "envoy",
        "credentials",
        "treaty",
        "accord",
        "memorandum",
        "protocol",
        "charter",
        "declaration",
        "convention",
        "visit",
        "state visit",
        "official visit",
        "summit",
        "talks",
        "negotiations",
        "anniversary",
        "centenary",
        "bicentenary",
        "bicentennial",
        "jubilee",
        "president",
        "presidency",
        "prime minister",
        "foreign minister",
        "foreign ministry",
        "foreign ministers",
        "head of state",
        "heads of state",
        "leaders",
        "recognition",
        "recognise",
        "recognize",
        "independence",
        "sovereignty",
        "territorial integrity",
        "integration",
        "union",
        "union state",
        "alliance",
        "ally",
        "allies",
        "partnership",
        "strategic partnership",
        "politics",
        "political",
        "policy",
        "foreign policy",
        "parliament",
        "parliamentary",
        "election",
        "elected",
        "re-election",
        "government",
        "friendship",
        "brotherhood",
        "history",
        "historic",
        "historical",
        "dialogue",
        "consultations",
        "signed",
        "ratified",
        "established",
        "establishment",
        "international law",
        "united nations",
        "statement",
        "congratulation",
        "congratulated",
        "bloc",
        "member states",
        "post-soviet",
    ),
    "economy": (
        "stake",
        "shares",
        "stock exchange",
        "taxation",
        "double taxation",
        "tax",
        "taxes",
        "permits",
        "investors",
        "coal",
        "copper",
        "iron ore",
        "lithium",
        "minerals",
        "fisheries",
        "fishing",
        "seafood",
        "freight",
        "cargo",
        "shipping",
        "container",
        "lorries",
        "trucks",
        "wholesale",
        "retail",
        "traders",
        "exporter",
        "importers",
        "sells",
        "buys",
        "bought",
        "supply",
        "supplies",
        "supplier",
        "airline",
        "aircraft",
        "power line",
        "power plant",
        "hydropower",
        "solar",
        "wind farms",
        "refinery",
        "crude",
        "petroleum",
        "loans",
        "lend",
        "lent",
        "swap",
        "payments",
        "fund",
        "wealth fund",
        "jobs",
        "wages",
        "factory",
        "factories",
        "plant",
        "shipyard",
        "output",
        "inflation",
        "procurement",
        "duty",
        "duty-free",
        "economy",
        "economic",
        "economically",
        "trade",
        "trading",
        "trade turnover",
        "turnover",
        "export",
        "exports",
        "exporters",
        "import",
        "imports",
        "investment",
        "investor",
        "invest",
        "energy",
        "gas",
        "natural gas",
        "oil",
        "pipeline",
        "customs",
        "tariff",
        "tariffs",
        "duties",
        "market",
        "markets",
        "company",
        "companies",
        "business",
        "businesses",
        "enterprise",
        "enterprises",
        "industry",
        "industrial",
        "manufacturing",
        "manufacturers",
        "manufactured",
        "finance",
        "financial",
        "financing",
        "bank",
        "banking",
        "currency",
        "loan",
        "debt",
        "credit",
        "budget",
        "goods",
        "products",
        "commerce",
        "commercial",
        "gdp",
        "growth",
        "price",
        "prices",
        "cost",
        "revenue",
        "surplus",
        "deficit",
        "shipments",
        "sales",
        "sold",
        "purchases",
        "buyers",
        "suppliers",
        "supply chains",
        "agriculture",
        "agricultural",
        "wheat",
        "grain",
        "food",
        "vehicles",
        "cars",
        "auto parts",
        "automotive",
        "railway",
        "logistics",
        "transport",
        "transit",
        "port",
        "infrastructure",
        "construction",
        "electricity",
        "mining",
        "steel",
        "chemicals",
        "fertiliser",
        "fertilizer",
        "billion",
        "million",
        "dollars",
        "euros",
        "remittances",
        "capital",
        "free trade",
        "economic agents",
        "labor force",
        "labour force",
        "innovation",
        "innovations",
        "technology",
        "technologies",
        "fuels",
        "gasoline",
        "tourism revenue",
    ),
    "security": (
        "defence minister",
        "defence ministers",
        "defense minister",
        "interior minister",
        "interior ministers",
        "interior ministry",
        "ministry of defence",
        "minister of defence",
        "minister of the interior",
        "espionage",
        "spy",
        "spies",
        "extradited",
        "extradition",
        "deportation",
        "deportations",
        "deported",
        "readmission",
        "undocumented",
        "irregular migration",
        "asylum seekers",
        "frigate",
        "warships",
        "fighter jets",
        "special forces",
        "hostage",
        "hostages",
        "patrol",
        "patrols",
        "rebels",
        "insurgents",
        "insurgency",
        "militants",
        "militia",
        "coast guard",
        "coast guards",
        "territorial waters",
        "airspace",
        "navies",
        "naval",
        "battalion",
        "ammunition",
        "artillery",
        "drone",
        "drones",
        "mines",
        "landmines",
        "bomb",
        "bombing",
        "explosion",
        "killed",
        "killing",
        "dead",
        "attacks",
        "attacked",
        "clashes",
        "fighting",
        "riots",
        "shooting",
        "gunmen",
        "kidnappings",
        "xenophobic",
        "smugglers",
        "arrested",
        "detained",
        "armed groups",
        "front line",
        "general staff",
        "staff college",
        "security",
        "defence",
        "defense",
        "military",
        "army",
        "armed forces",
        "navy",
        "air force",
        "troops",
        "soldiers",
        "exercises",
        "drills",
        "war",
        "conflict",
        "aggression",
        "attack",
        "threat",
        "threatens",
        "terrorism",
        "terrorist",
        "anti-terrorist",
        "extremism",
        "crime",
        "crimes",
        "criminal",
        "trafficking",
        "smuggling",
        "drug",
        "drugs",
        "narcotics",
        "opioid",
        "overdose",
        "addiction",
        "precursors",
        "police",
        "law enforcement",
        "border guards",
        "border control",
        "border security",
        "weapons",
        "arms",
        "firearms",
        "missile",
        "nuclear weapons",
        "nuclear materials",
        "safeguards",
        "non-proliferation",
        "inspections",
        "inspectors",
        "verification",
        "intelligence",
        "cyber",
        "peacekeeping",
        "ceasefire",
        "combat",
        "mutual assistance",
        "illegal",
        "illegal migration",
        "violence",
        "cartel",
        "seized",
        "seizure",
        "public safety",
        "safe communities",
        "air defense",
        "air defence",
    ),
    "social_cultural": (
        "pilgrims",
        "pilgrimage",
        "believers",
        "worshippers",
        "mosque",
        "church",
        "churches",
        "temple",
        "shrine",
        "saint",
        "novel",
        "poet",
        "poetry",
        "writers",
        "books",
        "book fair",
        "newspaper",
        "television",
        "radio",
        "broadcasters",
        "broadcasting",
        "documentary",
        "nurses",
        "doctors",
        "caregivers",
        "immigrants",
        "immigrant",
        "emigrated",
        "emigration",
        "expatriates",
        "nationals living",
        "athletes",
        "games",
        "stadium",
        "fans",
        "team",
        "match",
        "club",
        "clubs",
        "championship",
        "marathon",
        "cuisine",
        "crafts",
        "monument",
        "statue",
        "library",
        "manuscripts",
        "archaeologists",
        "archaeological",
        "intermarriage",
        "communities",
        "community",
        "volunteering",
        "young people",
        "retirees",
        "seasonal workers",
        "domestic workers",
        "migrant workers",
        "sister-city",
        "sister cities",
        "twinning",
        "choirs",
        "orchestra",
        "dance",
        "pupils",
        "teachers",
        "dictionary",
        "holidays",
        "visitors",
        "vaccination",
        "culture",
        "cultural",
        "festival",
        "festivals",
        "art",
        "arts",
        "artists",
        "exhibition",
        "museum",
        "theatre",
        "theater",
        "cinema",
        "film",
        "music",
        "concert",
        "sport",
        "sports",
        "football",
        "race",
        "olympic",
        "tournament",
        "education",
        "educational",
        "students",
        "student",
        "universities",
        "university",
        "school",
        "schools",
        "scholarship",
        "scholarships",
        "academic exchange",
        "science",
        "scientific",
        "research",
        "researchers",
        "tourism",
        "tourist",
        "tourists",
        "travel",
        "travellers",
        "travelers",
        "citizens living abroad",
        "living abroad",
        "diaspora",
        "compatriots",
        "language",
        "languages",
        "migration",
        "migrants",
        "visa",
        "visas",
        "visa-free",
        "passport",
        "passports",
        "identity cards",
        "people-to-people",
        "ties between people",
        "exchange programmes",
        "health care",
        "healthcare",
        "public health",
        "medical",
        "hospital",
        "social guarantees",
        "social protection",
        "social security",
        "social policies",
        "pensions",
        "employment",
        "labor issues",
        "labour issues",
        "residence",
        "youth",
        "humanitarian",
        "religion",
        "religious",
        "heritage",
        "literature",
        "media",
        "journalists",
        "families",
        "citizens",
        "equal rights",
        "equal opportunities",
    ),
}

_WORD = lazyre.compile(r"[^\W\d_]+")


def stems(text: str) -> tuple[str, ...]:
    """Return the stems of the words of ``text``; hyphens and apostrophes split words."""
    return tuple(map(stem, _WORD.findall(text.lower())))


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
    return _points(stems(sentence), _index_for(keywords), keywords)


def _points(toks: tuple[str, ...], index: dict, keywords: dict) -> dict[str, int]:
    result = dict.fromkeys(keywords, 0)
    i = 0
    while i < len(toks):
        for key, section in index.get(toks[i], ()):
            if toks[i : i + len(key)] == key:
                result[section] += len(key)
                i += len(key)
                break
        else:
            i += 1
    return result


def classify(sentence: str, keywords: dict[str, tuple[str, ...]] = DEFAULT_KEYWORDS) -> str:
    """Return the section the sentence belongs to (see the module docstring)."""
    return Classifier(keywords)(sentence)


class Classifier:
    """``classify`` against one keyword table, for many sentences.

    What depends on the table alone (which lists are configured, the phrase indexes,
    the fallback) is worked out once, and each sentence's words are found and stemmed once.
    """

    def __init__(self, keywords: dict[str, tuple[str, ...]] = DEFAULT_KEYWORDS):
        self.configured = {
            name: tuple(words)
            for name, words in keywords.items()
            if tuple(DEFAULT_KEYWORDS.get(name, ())) != tuple(words)
        }
        self.configured_index = _index_for(self.configured) if self.configured else {}
        self.fallback = FALLBACK if FALLBACK in keywords else next(iter(keywords))
        # A topical section needs evidence: at least one of its keywords in the sentence.
        self.topical = {name: words for name, words in keywords.items() if name in model_sections()}
        self.topical_index = _index_for(self.topical)

    def __call__(self, sentence: str) -> str:
        words = _WORD.findall(sentence.lower())
        toks = tuple(map(stem, words))
        if self.configured:
            points = _points(toks, self.configured_index, self.configured)
            best = max(points.values(), default=0)
            winners = [s for s, p in points.items() if p == best]
            if best > 0 and len(winners) == 1:
                return winners[0]
        hits = _points(toks, self.topical_index, self.topical)
        allowed = [name for name in model_sections() if name == self.fallback or hits.get(name, 0) > 0]
        return _predict(_features(words, toks), allowed) or self.fallback


# --------------------------------------------------------------------------- the model

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "section_model.json"
_STOP = frozenset(
    """a an the of and or to in on at by for from with as is are was were be been being has have had
it its it's they them their this that these those he she his her we our you your i not no but if than then so
such also which who whom whose what when where while there here into over under about after before between
during since until up down out off again further both each other some any all more most very can could will
would shall should may might must do does did said says say according per via""".split()
)


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def model_sections() -> tuple[str, ...]:
    """The sections the model knows, in its order."""
    return tuple(_model()["sections"])


def features(text: str) -> list[str]:
    """The model's features of a text: stems of its words (stop words and one-letter words dropped),
    then adjacent pairs of them ("defenc_minist"); the model knows only the pairs of its keyword phrases."""
    words = _WORD.findall(text.lower())
    return _features(words, tuple(map(stem, words)))


def _features(words: list[str], toks: tuple[str, ...]) -> list[str]:
    kept = [t for w, t in zip(words, toks) if w not in _STOP and len(w) > 1]
    return kept + [f"{a}_{b}" for a, b in zip(kept, kept[1:])]


def log_scores(text: str, allowed=None) -> dict[str, float]:
    """Log posterior (up to a constant) of each section; empty when no word of the text is known."""
    return _log_scores(features(text), allowed)


def _log_scores(features: list[str], allowed=None) -> dict[str, float]:
    model = _model()
    vocabulary = model["vocabulary"]
    feats = [f for f in features if f in vocabulary]
    if not feats:
        return {}
    out = {}
    for name in model["sections"]:
        if allowed is not None and name not in allowed:
            continue
        table = model["log_likelihood"][name]
        out[name] = model["log_prior"][name] + sum(map(table.get, feats, repeat(model["log_unseen"][name])))
    return out


def predict(text: str, allowed=None) -> str | None:
    """The most probable section, or None when the text has no known word (or nothing is allowed)."""
    return _predict(features(text), allowed)


def _predict(features: list[str], allowed=None) -> str | None:
    points = _log_scores(features, allowed)
    if not points:
        return None
    return max(points, key=lambda name: (points[name], name == FALLBACK))
