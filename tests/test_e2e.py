"""End to end: seeds in, PDF and JSON out, read back and checked against gold files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from conftest import flat, pdf_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
PAIRS = Path(__file__).parent / "fixtures" / "pairs"
GOLD = json.loads((Path(__file__).parent / "seeds-gold.json").read_text())


def run_extract(seeds: Path, tmp_path: Path) -> dict:
    result = CliRunner().invoke(main, ["extract", "--seeds", str(seeds), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def run_build(seeds: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    out = tmp / "briefing.pdf"
    run_build(ROOT / "seeds", out)
    return out, run_extract(ROOT / "seeds", tmp)


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def oriented(row, reporter):
    """A trade row's (total, exports, imports) as seen from ``reporter``."""
    if row["reporter"] and row["reporter"] != reporter:
        return row["total"], row["imports"], row["exports"]
    return row["total"], row["exports"], row["imports"]


def test_seeds_extract_matches_gold(seeds_build):
    _, data = seeds_build
    assert set(data["countries"]) == set(GOLD["countries"])
    docs = {d["file"]: d for d in data["documents"]}
    for g in GOLD["documents"]:
        assert docs[g["file"]]["date"] == g["date"]
        assert docs[g["file"]]["places"] == g["places"]
        assert docs[g["file"]]["agency"] == g["agency"]
        assert len(docs[g["file"]]["sha256"]) == 64
    for g in GOLD["trade"]:
        rows = [r for r in data["trade"] if r["period"] == g["period"]]
        assert len(rows) == 1, g["period"]
        row = rows[0]
        assert row["full_year"] is g["full_year"] and row["currency"] == g["currency"]
        assert row["reporter"] == g["reporter"] and row["partner"] == g["partner"]
        for field in ("total", "exports", "imports"):
            assert close(row[field], g[field]), (g["period"], field)
        assert row["sources"] == g["files"]
    assert len(data["trade"]) == len(GOLD["trade"])
    got_shares = {(s["period"], s["percent"]) for s in data["shares"]}
    assert got_shares == {(g["period"], g["percent"]) for g in GOLD["shares"]}
    for g in GOLD["events"]:
        match = [e for e in data["events"] if e["year"] == g["year"] and e["derived"] is g["derived"]]
        assert match, g
        if "date" in g:
            assert any(e["date"] == g["date"] for e in match)
    assert data["conflicts"] == []


def test_seeds_pdf_has_sections_amounts_citations_and_no_junk(seeds_build):
    pdf, data = seeds_build
    text = flat(pdf_text(pdf, "-layout"))
    for title in ("History", "Economy", "Security", "Social"):
        assert title.lower() in text.lower()
    table = text[text.index("Trade between") :]
    for amount in (
        "$29.5 bn",
        "$13.1 bn",
        "$16.4 bn",
        "-$3.3 bn",
        "$40.1 bn",
        "$23.7 bn",
        "-$7.3 bn",
        "+35.9%",
        "47.9%",
        "49%",
    ):
        assert amount in table.replace("−", "-"), amount
    assert re.search(r"\[1(, 2)?\]", text) and re.search(r"\[2\]|\[1, 2\]", text)
    for junk in GOLD["must_not_appear"]:
        assert junk not in text
    for group in GOLD["duplicate_groups"]:
        present = [s for s in group if s[:60] in text]
        assert len(present) <= 1, present
    for name in ("000_a3af99870ad5253f.txt", "001_d2bb267af3501381.txt"):
        assert name in text


def test_no_statement_printed_twice(seeds_build):
    _, data = seeds_build
    texts = [s["text"] for sec in data["sections"].values() for s in sec]
    assert len(texts) == len(set(texts))
    merged = [s for sec in data["sections"].values() for s in sec if len(s["sources"]) > 1]
    assert len(merged) >= 5  # the two seeds repeat many statements in other words


# The bar every evaluation case must clear (issue 9): precision first, no false conflicts.
BAR = {"trade_f1": 0.95, "trade_precision": 0.98, "direction": 1.0, "conflicts": 1.0, "events": 0.9, "shares": 0.9}
ZERO = ("false_conflicts", "junk", "repeats")
CASES = sorted(p.name for p in SHARED.glob("cases/*")) if SHARED.is_dir() else ["<../shared/eval missing>"]
# Cases known to miss the bar, and why. Strict: a case that starts passing fails here until it is taken off.
KNOWN_SHORT = {}


def _case(name: str):
    reason = KNOWN_SHORT.get(name)
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else name


def test_the_evaluation_cases_are_beside_the_checkout():
    """The eval cases are part of the test suite: without them it fails, it does not skip."""
    assert SHARED.is_dir(), f"{SHARED} not found: clone the project with ../shared beside it"
    assert len(CASES) >= 12, CASES


def score_case(folder: Path, tmp_path: Path) -> tuple[dict, str]:
    """Build and extract one case and score both with the evaluation's own score.py."""
    out = tmp_path / "briefing.pdf"
    run_build(folder, out)
    data = run_extract(folder, tmp_path)
    (tmp_path / "x.json").write_text(json.dumps(data))
    (tmp_path / "x.txt").write_text(pdf_text(out))
    report = subprocess.run(
        [
            sys.executable,
            str(SHARED / "score.py"),
            str(folder / "gold.json"),
            str(tmp_path / "x.json"),
            str(tmp_path / "x.txt"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = report.strip().splitlines()[-1]
    return dict(kv.split("=") for kv in line.split()[1:]), report


@pytest.mark.parametrize("case", [_case(c) for c in CASES])
def test_eval_case_scores(case, tmp_path):
    folder = SHARED / "cases" / case
    assert folder.is_dir(), f"{folder} not found"
    values, report = score_case(folder, tmp_path)
    below = [f"{k}={values[k]} (bar {v})" for k, v in BAR.items() if float(values[k]) < v]
    below += [f"{k}={values[k]} (bar 0)" for k in ZERO if values[k] != "0"]
    assert not below, f"{case}: {', '.join(below)}\n{report}"


@pytest.mark.parametrize("pair", sorted(p.name for p in PAIRS.iterdir()))
def test_own_pairs(pair, tmp_path):
    folder = PAIRS / pair
    expected = json.loads((folder / "expected.json").read_text())
    seeds = tmp_path / "seeds"
    shutil.copytree(folder, seeds, ignore=shutil.ignore_patterns("*.json"))
    data = run_extract(seeds, tmp_path)
    assert set(data["countries"]) == set(expected["countries"])
    for g in expected["trade"]:
        rows = [r for r in data["trade"] if r["period"] == g["period"] and r["currency"] == g["currency"]]
        want = (g["total"], g["exports"], g["imports"])
        assert any(
            all(w is None and v is None or close(v, w) for v, w in zip(oriented(r, expected["reporter"]), want))
            for r in rows
        ), (g, rows)
        assert all(r["full_year"] is g["full_year"] for r in rows)
    assert len(data["trade"]) == len(expected["trade"])
    values = {v for r in data["trade"] for v in (r["total"], r["exports"], r["imports"]) if v}
    assert not any(close(v, bad) for v in values for bad in expected["not_figures"])
    assert sorted(s["percent"] for s in data["shares"]) == sorted(s["percent"] for s in expected["shares"])
    assert {(c["period"], c["field"]) for c in data["conflicts"]} == {
        (c["period"], c["field"]) for c in expected["conflicts"]
    }
    assert set(expected["event_years"]) <= {e["year"] for e in data["events"]}
    for sec in expected["sections_with_content"]:
        assert data["sections"][sec], sec
    for sec in expected["sections_empty"]:
        assert data["sections"][sec] == [], (sec, data["sections"][sec])
    out = tmp_path / "b.pdf"
    run_build(seeds, out)
    raw = pdf_text(out, "-layout")
    for label in re.finditer(r"^\s*(?:Trade|Balance) in\b(.*)$", raw, re.M):  # the key facts' labels
        assert re.match(r" ?(?:FY)?\d{4}|\s?[A-Z][a-z]{2}", label.group(1)), (
            f"label broken over two lines: {label.group(0)}"
        )
    text = flat(raw)
    for junk in expected["must_not_appear"]:
        assert junk not in text
    for _sec in expected["sections_empty"]:  # the wording names no section: one check per empty one
        assert re.search(r"no .{0,40}found|nothing .{0,40}found|not covered|no statements", text, re.I)


def test_a_sentence_restated_by_a_timeline_row_is_not_printed_again(seeds_build):
    pdf, data = seeds_build
    text = flat(pdf_text(pdf, "-layout"))
    timeline_row = "celebrating the 30th anniversary of their diplomatic relations today"
    restatement = "been 30 years since the two countries established their diplomatic relations"
    assert timeline_row in text and restatement not in text
    assert any(restatement in s["text"] for s in data["sections"]["history"])  # still in the JSON export
