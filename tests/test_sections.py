"""Section labels from stemmed keywords."""
import json
from pathlib import Path

import pytest

from briefing.extract.sections import DEFAULT_KEYWORDS, classify, scores
from briefing.extract.sentences import split_sentences
from briefing.model import SECTIONS
from briefing.sources import find_seeds
from briefing.readers import read_source

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "eval" / "cases"


def labels(folder):
    return [classify(s) for path in find_seeds(folder)
            for p in read_source(path, path.name).paragraphs for s in split_sentences(p)]


def case_dirs():
    return sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []


def test_keyword_table_covers_the_sections():
    assert set(DEFAULT_KEYWORDS) == set(SECTIONS)
    assert all(len(words) >= 20 for words in DEFAULT_KEYWORDS.values())


@pytest.mark.parametrize("sentence,section", [
    ("The two countries established diplomatic relations and signed a friendship treaty.", "history"),
    ("Exports of natural gas and oil through the pipeline rose, customs data show.", "economy"),
    ("Troops held joint military exercises to counter terrorism and drug trafficking.", "security"),
    ("Students, artists and tourists travel between the countries for festivals.", "social_cultural"),
    ("The weather was fine.", "history"),           # no hit: the general section
    ("Trade and security were discussed.", "history"),  # tie: the general section
])
def test_classify(sentence, section):
    assert classify(sentence) == section


def test_stems_match_inflections():
    assert classify("The exercise involved a soldier.") == "security"
    assert classify("A theatre festival and a university exchange.") == "social_cultural"


def test_phrase_counts_once_by_its_length():
    pts = scores("They cooperate on border security and health care.")
    assert pts["security"] == 2 and pts["social_cultural"] == 2


def test_custom_keywords():
    table = {"history": ("treaty",), "sport": ("football", "stadium")}
    assert classify("A football match at the new stadium.", table) == "sport"
    assert classify("Nothing here.", table) == "history"


def test_seeds_have_every_section():
    got = set(labels(ROOT / "seeds"))
    assert got == set(SECTIONS)


@pytest.mark.skipif(not case_dirs(), reason="shared eval cases not present")
@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_eval_sections_follow_gold(case):
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    got = set(labels(case))
    for section in SECTIONS:
        if section in gold["sections_with_content"]:
            assert section in got, section
        else:
            assert section not in got, section
