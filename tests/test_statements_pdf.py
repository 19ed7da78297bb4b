"""Read the PDF back: whole statements, one section each, one timeline row per event, a cited overview.

Run on the example seeds, every eval case (they FAIL when ../shared is missing)
and our own fixtures in tests/fixtures/statements/.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.months import MONTH_NAMES
from briefing.statements import depends, has_connective

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "eval" / "cases"
FIXTURES = Path(__file__).parent / "fixtures" / "statements"
PAIRS = Path(__file__).parent / "fixtures" / "pairs"
SECTION_TITLES = (
    "Relations history",
    "Economy and trade",
    "Security and defence",
    "Social and cultural ties",
    "Discrepancies between sources",
)
MONTHS = MONTH_NAMES


def _all_folders() -> list[Path]:
    out = [ROOT / "seeds"] + sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    out += sorted(p for p in PAIRS.iterdir() if p.is_dir())  # the e2e pairs: their overviews too
    if CASES.is_dir():
        out += sorted(p for p in CASES.iterdir() if p.is_dir())
    return out


def test_eval_cases_are_present():
    assert CASES.is_dir() and any(CASES.iterdir()), f"{CASES} is missing: the PDF checks need the eval cases"


class Built:
    def __init__(self, folder: Path, tmp: Path):
        self.folder = folder
        out = tmp / "b.pdf"
        result = CliRunner().invoke(main, ["build", "--seeds", str(folder), "--out", str(out), "--force"])
        assert result.exit_code == 0, result.output
        raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        self.pages = raw
        self.text = self._body(raw)
        self.sources = {f.name: f.read_text(encoding="utf-8") for f in sorted(folder.iterdir()) if f.is_file()}

    @staticmethod
    def _body(raw: str) -> str:
        """The running text: page headers and footers removed, lines joined, hyphenation undone."""
        lines = raw.splitlines()
        header = next((ln for ln in lines if ln.endswith(" Relations")), None)
        footer_date = None
        for i, ln in enumerate(lines):
            if re.fullmatch(r"Page \d+ of \d+", ln.strip()) and i > 1:
                footer_date = next((lines[j] for j in range(i - 1, max(i - 4, 0), -1) if lines[j].strip()), None)
                break
        kept = [
            ln
            for ln in lines
            if not re.fullmatch(r"Page \d+ of \d+", ln.strip()) and ln.strip() not in {header, footer_date}
        ]
        text = "\n".join(kept)
        text = re.sub(r"-\n(?=[a-z])", "", text)
        return text

    def flat(self) -> str:
        return " ".join(self.text.split())

    def sections(self) -> dict[str, list[str]]:
        """Section title -> the statements printed under it (bullets up to their citation)."""
        flat = self.flat()
        starts = []
        for title in SECTION_TITLES:
            positions = [m.start() for m in re.finditer(re.escape(title) + r"(?! \.)", flat)]
            if positions:
                starts.append((positions[-1], title))
        starts.sort()
        out = {}
        for k, (pos, title) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(flat)
            chunk = flat[pos:end]
            out[title] = [b.strip() for b in re.findall(r"• (.*?\[\d[\d, ]*(?: and \d+ more)?\])", chunk)]
        return out

    def overview(self) -> str:
        flat = self.flat()
        m = re.search(r"\bOverview (This brief.*?)(?= Key facts\b)", flat)
        return m.group(1) if m else ""


@pytest.fixture(scope="module", params=_all_folders(), ids=lambda p: p.name)
def built(request, tmp_path_factory):
    return Built(request.param, tmp_path_factory.mktemp(request.param.name))


def _strip_cite(statement: str) -> str:
    return re.sub(r"\s*\[[\d, ]+(?: and \d+ more)?\]$", "", statement)


def test_no_statement_opens_with_a_bare_anaphor_or_a_connective(built):
    bad = [
        s
        for items in built.sections().values()
        for s in items
        if depends(_strip_cite(s)) or has_connective(_strip_cite(s))
    ]
    assert bad == []


def test_no_quotation_is_split(built):
    for items in built.sections().values():
        for s in items:
            text = _strip_cite(s)
            assert text.count("\u201c") == text.count("\u201d"), s
            assert text.count('"') % 2 == 0, s


def test_no_statement_in_two_sections(built):
    from briefing.dedupe import cluster

    placed = [(title, _strip_cite(s)) for title, items in built.sections().items() for s in items]
    texts = [t for _, t in placed]
    assert len(set(texts)) == len(texts), "a statement is printed twice"
    for group in cluster(texts):
        assert len({placed[i][0] for i in group}) == 1, [texts[i] for i in group]


def test_timeline_has_one_row_per_event(built):
    from briefing.build import Options, collect
    from briefing.render import _event_rows

    rows = _event_rows(collect(Options(seeds=built.folder, out=built.folder / "unused.pdf")))
    texts = [r["text"] for r in rows]
    assert [t for t in texts if depends(t) or has_connective(t)] == []  # whole thoughts here too
    assert len(set(texts)) == len(texts)
    # no sentence is printed in two rows (a row printing another's event as its lead is that row)
    from briefing.extract.sentences import split_sentences

    where: dict[str, int] = {}
    for k, t in enumerate(texts):
        for sentence in split_sentences(t):
            assert where.setdefault(sentence, k) == k, (sentence, texts[where[sentence]], t)
    flat = built.flat()
    for r in rows:
        assert flat.count(" ".join(r["text"].split())[:60]) >= 1, r["text"]
    # the same dated event from two sources is one row
    by_date = {}
    for r in rows:
        if r["date"] and len(r["date"]) == 10:
            by_date.setdefault(r["date"], []).append(r["text"])
    from briefing.dedupe import cluster

    for date, items in by_date.items():
        if len(items) > 1:
            assert all(len(g) == 1 for g in cluster(items)), (date, items)


def test_no_sentence_is_both_a_statement_and_in_the_timeline(built):
    """A timeline row prints its event's sentence with the one it depends on; no section prints either again."""
    from briefing.build import Options, collect
    from briefing.extract.sentences import split_sentences
    from briefing.render import _event_rows

    rows = _event_rows(collect(Options(seeds=built.folder, out=built.folder / "unused.pdf")))
    in_rows = {" ".join(s.split()) for r in rows for s in split_sentences(r["text"])}
    printed = [
        " ".join(s.split())
        for items in built.sections().values()
        for st in items
        for s in split_sentences(_strip_cite(st))
    ]
    assert [s for s in printed if s in in_rows] == []


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", text)


def _stated(number: str, scale: str, files: list[str], sources: dict[str, str]) -> bool:
    """A figure as printed ("40.1" bn, "779.308" bn, "4.0") is stated in one of the cited files:
    as an amount of the same value (any wording: "US$ 779,308 million"), or as the number itself."""
    from briefing.extract.amounts import decimal_comma, find_amounts

    factor = {"tn": 1e12, "bn": 1e9, "mn": 1e6, "k": 1e3, "": 1}[scale]
    value = float(number) * factor
    decimals = len(number.split(".")[1]) if "." in number else 0
    tolerance = 0.5 * 10**-decimals * factor * 1.0001  # half a unit of the last printed digit
    plain = number.rstrip("0").rstrip(".") if "." in number else number
    for f in files:
        text = sources[f]
        if scale:
            if any(abs(a.value - value) <= tolerance for a in find_amounts(text, decimal_comma(text))):
                return True
        elif re.search(r"(?<![\d.,])" + re.escape(plain) + r"(?![\d])", _digits(text)):
            return True
    return False


def _date_ok(day: int, month: str, year: int, files: list[str], sources: dict[str, str]) -> bool:
    """A printed date is written in a cited file, or resolved from its dateline (a few days before it)."""
    when = dt.date(year, MONTHS.index(month) + 1, day)
    for f in files:
        text = sources[f]
        if re.search(rf"\b{day}(?:st|nd|rd|th)? {month}\b", text) or re.search(rf"\b{month} {day}\b", text):
            return True
        m = re.search(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", text[:200])
        if m:
            dateline = dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
            if dt.timedelta(0) <= dateline - when <= dt.timedelta(days=8):
                return True
    return False


def test_overview_is_present_and_every_number_is_cited_and_found(built):
    text = built.overview()
    assert text, "no Overview under the title block"
    from briefing.build import Options, collect
    from briefing.render import source_numbers

    briefing = collect(Options(seeds=built.folder, out=built.folder / "unused.pdf"))
    numbers = {n: f for f, n in source_numbers(briefing).items()}
    count = re.search(r"draws on (\d+) sources?", text)
    assert count and int(count.group(1)) == len(briefing.documents)
    # cut into clauses that end with a citation; each clause's figures come from its citation
    rest = text[count.end() :] if count else text
    for clause, cite in re.findall(r"(.*?)\[([\d, ]+)\]", rest):
        files = [numbers[int(n)] for n in cite.split(",") if int(n) in numbers]
        assert files, clause
        dates = re.findall(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", clause)
        for d, mth, y in dates:
            assert _date_ok(int(d), mth, int(y), files, built.sources), (clause, d, mth, y)
        without_dates = re.sub(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\b", "", clause)
        without_dates = re.sub(r"\b(?:FY)?\d{4}[-/]\d{2}(?:\d{2})?\b", "", without_dates)  # a fiscal-year label
        if "computed" in clause:
            continue  # checked below
        for amount, scale in re.findall(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(tn|bn|mn|k)\b)?", without_dates):
            assert _stated(amount.replace(",", ""), scale, files, built.sources) or re.fullmatch(r"\d{4}", amount), (
                clause,
                amount,
            )


def _value(amount: str) -> float:
    m = re.search(r"([\d,]+(?:\.\d+)?)\s*(tn|bn|mn|k)?", amount)
    scale = {"tn": 1e12, "bn": 1e9, "mn": 1e6, "k": 1e3, None: 1}[m.group(2)]
    return float(m.group(1).replace(",", "")) * scale


def test_overview_computed_figures_follow_from_stated_ones(built):
    text = built.overview()
    change = re.search(
        r"came to \D*([\d.,]+ (?:tn|bn|mn))\D*?\[[\d, ]+\], (up|down) ([\d.]+)% \(computed\) on "
        r"\D*([\d.,]+ (?:tn|bn|mn))",
        text,
    )
    if change:
        new, old = _value(change.group(1)), _value(change.group(4))
        pct = abs(new - old) / old * 100
        assert abs(pct - float(change.group(3))) <= 0.051 + 100 * 0.0006 * new / old, change.group(0)
        assert (change.group(2) == "up") == (new > old)
    balance = re.search(
        r"had a (surplus|deficit) of \D*([\d.,]+ (?:tn|bn|mn)).*?computed: exports of \D*([\d.,]+ "
        r"(?:tn|bn|mn)) minus imports of \D*([\d.,]+ (?:tn|bn|mn))",
        text,
    )
    if balance:
        value, exports, imports = (_value(balance.group(k)) for k in (2, 3, 4))
        assert abs(abs(exports - imports) - value) <= 0.051 * 10 ** (len(str(int(value))) - 3) + 1e-6 * value + 0.06e9
        assert (balance.group(1) == "surplus") == (exports > imports)
