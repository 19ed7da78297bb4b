"""Train the section labeller (multinomial naive Bayes over word stems) and report its accuracy.

    python tools/train_sections.py            # train, write briefing/data/section_model.json, print accuracy

Data, all written by the team in its own words about many country pairs (none
taken from a source or an eval case), one ``label<TAB>sentence`` a line:

- tools/data/sections_labelled.tsv: development.  The model is trained on it
  plus the keyword lists of briefing/extract/sections.py (each phrase a short
  example of its section, counted KEYWORD_WEIGHT times); the settings below
  were chosen by 5-fold cross-validation on it (printed).
- tools/data/sections_heldout.tsv: held out.  Written after the settings were
  chosen and never trained on; its accuracy is the number in the README.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.extract.sections import DEFAULT_KEYWORDS, MODEL_FILE, features  # noqa: E402

DATA = ROOT / "tools" / "data" / "sections_labelled.tsv"
HELD_OUT = ROOT / "tools" / "data" / "sections_heldout.tsv"
SECTIONS = ("history", "economy", "security", "social_cultural")
ALPHA = 0.3  # additive smoothing
KEYWORD_WEIGHT = 3  # a keyword phrase counts as this many examples
FOLDS = 5


def load(path: Path = DATA) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            assert label in SECTIONS, label
            rows.append((label, text.strip()))
    return rows


def train(rows) -> dict:
    """Multinomial naive Bayes with a uniform prior (sources are not balanced like the training set)."""
    examples = [(label, text, 1, False) for label, text in rows]
    examples += [(name, phrase, KEYWORD_WEIGHT, True) for name, words in DEFAULT_KEYWORDS.items() for phrase in words]
    counts = {name: Counter() for name in SECTIONS}
    for label, text, weight, phrase in examples:
        for f in features(text):
            if phrase or "_" not in f:  # word pairs only from keyword phrases: few examples, much noise
                counts[label][f] += weight
    vocabulary = sorted(set().union(*counts.values()))
    model = {"sections": list(SECTIONS), "vocabulary": {}, "log_prior": {}, "log_likelihood": {}, "log_unseen": {}}
    model["vocabulary"] = dict.fromkeys(vocabulary, 1)
    for name in SECTIONS:
        total = sum(counts[name].values()) + ALPHA * len(vocabulary)
        model["log_prior"][name] = round(math.log(1 / len(SECTIONS)), 6)
        model["log_likelihood"][name] = {
            w: round(math.log((c + ALPHA) / total), 6) for w, c in sorted(counts[name].items())
        }
        model["log_unseen"][name] = round(math.log(ALPHA / total), 6)
    return model


def accuracy(model: dict, rows) -> tuple[float, list]:
    import briefing.extract.sections as sections

    sections._model.cache_clear()
    saved = sections._model
    sections._model = lambda: model  # type: ignore[assignment]
    try:
        got = [sections.classify(text) for _, text in rows]
        wrong = [(label, g, text) for (label, text), g in zip(rows, got) if g != label]
    finally:
        sections._model = saved
    return 1 - len(wrong) / len(rows), wrong


def cross_validate(rows) -> float:
    scores = []
    for k in range(FOLDS):
        train_rows = [r for i, r in enumerate(rows) if i % FOLDS != k]
        test_rows = [r for i, r in enumerate(rows) if i % FOLDS == k]
        scores.append(accuracy(train(train_rows), test_rows)[0])
    return sum(scores) / len(scores)


def main() -> None:
    rows, held = load(DATA), load(HELD_OUT)
    print(f"development: {len(rows)} sentences, {FOLDS}-fold cross-validated accuracy {cross_validate(rows):.1%}")
    model = train(rows)
    acc, wrong = accuracy(model, held)
    for label, got, text in wrong:
        print(f"  held-out miss: {label} -> {got}: {text}")
    print(f"held out: {len(held)} sentences, accuracy {acc:.1%}")
    MODEL_FILE.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
