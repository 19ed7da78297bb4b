"""Shortcuts taken for speed give exactly what the plain form gives.

Each fast path here (a gate before a regex, a walk instead of Counters) is
checked against the slow form it replaces, on hand-written and generated inputs.
"""

import random
from collections import Counter

from briefing.dedupe import common_numbers, numbers


def _plain_common(a, b):
    return tuple(sorted((Counter(a) & Counter(b)).elements()))


def test_common_numbers_is_the_multiset_intersection():
    rng = random.Random(14)
    tokens = ["2019", "2020", "5", "5%", "m3", "m11", "3.2e9", "12"]
    for _ in range(20000):
        a = tuple(sorted(rng.choice(tokens) for _ in range(rng.randint(0, 6))))
        b = tuple(sorted(rng.choice(tokens) for _ in range(rng.randint(0, 6))))
        assert common_numbers(a, b) == _plain_common(a, b)


def test_common_numbers_of_sentences():
    pairs = [
        ("Trade reached $4.1 billion in 2019, up 5% on 2018.", "In 2019 trade was $4.1 billion, 5% more."),
        ("The treaty was signed on 12 March 1994.", "On March 12, 1994 the two sides signed it."),
        ("Exports fell by 3% in 2020 and 3% in 2021.", "Exports fell 3% in 2021."),
        ("No figure at all here.", "Nor here, in 2007."),
    ]
    for x, y in pairs:
        a, b = numbers(x), numbers(y)
        assert common_numbers(a, b) == _plain_common(a, b)
    assert common_numbers(numbers(pairs[2][0]), numbers(pairs[2][1])).count("3%") == 1


def test_same_year_gate_never_hides_a_match():
    import re
    import sys

    from briefing.extract.events import _SAME_YEAR, _may_carry

    # The gate lowercases; exact because every character IGNORECASE matches to a letter
    # of "year" or "month" lowercases to that letter (unlike "s" and "i", which have ſ, ı, İ).
    letters = re.compile("[yearmonth]", re.I)
    others = [c for c in map(chr, range(sys.maxunicode + 1)) if letters.fullmatch(c) and c.lower() not in "yearmonth"]
    assert others == []
    assert re.compile("[si]", re.I).fullmatch("\u017f")  # the check can fail: "s" matches the long s
    said = [
        "The embassy reopened later that month, the ministry said.",
        "THE FOLLOWING YEAR a second bridge opened across the river.",
        "Three years later the two navies held joint drills off the coast.",
        "A year earlier the ministers had met in the capital.",
        "In the same month both parliaments ratified the accord.",
        "The following month the consulate issued its first visas.",
        "A month later both sides exchanged prisoners.",
        "That same year the rail link was finished.",
        "Trade fell by a tenth, the customs office said.",
    ]
    for text in said:
        if _SAME_YEAR.search(text):
            assert _may_carry(text), text
    assert not _may_carry(said[-1])
    for text in said[:-1]:  # each wording matches, and no longer does without its "year" or "month"
        assert _SAME_YEAR.search(text), text
        assert not _SAME_YEAR.search(re.sub("(?i)year|month", "week", text)), text


def test_reportlab_runs_its_c_accelerators():
    """rl_accel (reportlab's `accel` extra) is installed: without it text widths and number formatting run in Python."""
    from reportlab.lib import rl_accel

    assert not rl_accel._py_funcs, sorted(rl_accel._py_funcs)


def test_pdf_escape_is_saxutils_escape():
    from xml.sax.saxutils import escape as sax_escape

    from briefing.pdf import escape

    texts = [
        "Trade & investment <b>",
        "a > b & c < d",
        "&amp; already",
        "",
        "“quoted” — ‘fine’",
        'https://example.org/?a=1&b="2"',
    ]
    for text in texts:
        assert escape(text) == sax_escape(text)
        assert escape(text, {'"': "&quot;"}) == sax_escape(text, {'"': "&quot;"})


def test_small_cold_build_loads_no_network_or_process_modules(tmp_path):
    """A build of a few articles runs in one process and reads local files: no multiprocessing,
    no urllib.request/http.client/ssl (xml.sax.saxutils would load them)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    script = (
        "import sys, json\n"
        "from briefing.cli import main\n"
        "try:\n"
        f"    main(['-q', 'build', '--seeds', {str(seeds)!r}, '--out', {str(tmp_path / 'b.pdf')!r}])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "unwanted = ('multiprocessing', 'concurrent.futures.process', 'urllib.request', 'http.client', 'ssl')\n"
        "print(json.dumps({'code': code, 'loaded': [m for m in unwanted if m in sys.modules]}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"code": 0, "loaded": []}, result.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")


def test_code_versions_reuse_the_known_ones_only_when_no_stamp_changed(tmp_path):
    from briefing import __version__
    from briefing.cache import code_versions

    root = tmp_path / "pkg"
    (root / "extract").mkdir(parents=True)
    (root / "extract" / "reader.py").write_text("PATTERN = 'a'\n")
    (root / "cli.py").write_text("print('hello')\n")
    tool, extractor, stamps = code_versions(root)
    known = (f"{__version__}+T", "E")
    assert code_versions(root, stamps, known=known)[:2] == known
    (root / "cli.py").write_text("print('hello, world')\n")  # a changed file
    assert code_versions(root, stamps, known=known)[:2] == (code_versions(root)[0], extractor)
    tool2, extractor2, stamps2 = code_versions(root)
    assert tool2 != tool
    (root / "extract" / "dates.py").write_text("X = 1\n")  # a new file
    assert code_versions(root, stamps2, known=known)[:2] == code_versions(root)[:2] != known
    assert code_versions(root, code_versions(root)[2], known=("0.0+T", "E"))[:2] != ("0.0+T", "E")  # another release


def test_noop_build_hashes_nothing(tmp_path):
    """Nothing changed: every stamp matches, so neither hashlib (OpenSSL) nor tomllib (no briefing.toml) loads."""
    import json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", seeds)
    out = tmp_path / "out" / "b.pdf"
    build = ["-q", "build", "--seeds", str(seeds), "--out", str(out)]
    subprocess.run([sys.executable, "-m", "briefing", *build], cwd=tmp_path, check=True, timeout=300)
    script = (
        "import sys, json\n"
        "from briefing.cli import main\n"
        "try:\n"
        f"    main({build!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(json.dumps({'code': code, 'loaded': [m for m in ('hashlib', 'tomllib') if m in sys.modules]}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"code": 0, "loaded": []}, result.stderr
    (seeds / "new.txt").write_text("Trade between the two countries grew.\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"code": 0, "loaded": ["hashlib"]}, result.stderr


def test_opposed_gate_gives_the_plain_answer():
    import random

    from briefing.dedupe import _OPPOSITE_STEMS, _opposed

    def plain(a, b):
        return any(
            (x in a and y not in a and y in b and x not in b) or (y in a and x not in a and x in b and y not in b)
            for x, y in _OPPOSITE_STEMS
        )

    words = [w for pair in _OPPOSITE_STEMS for w in pair] + ["trade", "minist", "bridg", "2019", "treati"]
    rng = random.Random(7)
    for _ in range(5000):
        a = frozenset(rng.sample(words, rng.randint(0, 5)))
        b = frozenset(rng.sample(words, rng.randint(0, 5)))
        assert _opposed(a, b) == plain(a, b)


def test_remembered_line_breaks_give_the_same_pdf(monkeypatch):
    """Paragraphs keep their line breaks per width: the PDF is byte for byte the one reportlab's own
    Paragraph.wrap gives, for a plain briefing and for one with unbreakable tokens and long tables."""
    from dataclasses import replace

    from briefing import pdf, render
    from briefing.config import Settings
    from briefing.model import MergedEvent, Source, Statement
    from test_render import make_briefing, make_rows

    url = "https://example.org/" + "x" * 400
    long = " ".join(["word"] * 1500)
    plain_b = make_briefing()
    hostile = replace(
        plain_b,
        documents=plain_b.documents
        + (Source("y" * 200 + ".txt", "12" * 32, "2020-01-01", ("P" * 300,), "A" * 200, (url,)),),
        events=plain_b.events
        + tuple(
            MergedEvent(1990 + k, None, False, f"Event {k}: {long[:600]} {url}", None, ("a_first.txt",))
            for k in range(12)
        ),
        sections={
            **plain_b.sections,
            "security": (Statement(f"See {url} now.", ("a_first.txt",)), Statement(long, ("b_second.txt",))),
        },
    )
    rows = make_rows()
    rows[0] = dict(rows[0], label="2020 " + url)
    for b, r, settings in (
        (plain_b, make_rows(), Settings(marking="UNCLASSIFIED")),
        (hostile, rows, Settings(title="T" * 300)),
    ):
        markup = render.render_markup(b, r, settings, None)
        kept = pdf.build_pdf(markup, settings)
        with monkeypatch.context() as m:
            m.setattr(pdf.Paragraph, "wrap", pdf._Paragraph.wrap)
            assert pdf.build_pdf(markup, settings) == kept


def test_a_paragraph_rewrapped_at_another_width_breaks_anew():
    from reportlab.lib.styles import ParagraphStyle

    from briefing import pdf

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=9, leading=11)
    text = "Trade between the two neighbours grew by a fifth in the year the new border crossing opened. " * 3
    para = pdf.Paragraph(text, style)
    for width in (120, 400, 120, 400, 250):
        fresh = pdf._Paragraph(text, style)
        assert para.wrap(width, 1000) == fresh.wrap(width, 1000)
        assert [line[1] for line in para.blPara.lines] == [line[1] for line in fresh.blPara.lines]
    assert para.wrap(250, 1000) == pdf._Paragraph(text, style).wrap(250, 1000)


def test_explicit_years_under_any_bound_as_read_directly():
    """Years are read once per sentence and then cut at each caller's bound: the same as reading them
    with the bound, for sentences read under several bounds in turn."""
    import re

    from briefing.extract import events as ev

    def direct(sentence, max_year):  # the reading before the cache, bound first
        dates = ev.full_dates(sentence)
        out = []
        for m in ev._YEAR_TOKEN.finditer(sentence):
            year = int(m.group(1))
            if not 1700 <= year <= max_year or ev._COUNTED.match(sentence, m.end()):
                continue
            before = sentence[max(0, m.start() - 30) : m.start()]
            if (
                ev._DEADLINE.search(before)
                or (ev._UNTIL.search(before) and ev._PLAN.search(sentence))
                or re.search(r"\d\s+of\s+$", before)
            ):
                continue
            full = next((d for s, e, d in dates if s <= m.start() < e), None)
            out.append((year, full if full and full.year == year else None, m.start()))
        return out

    sentences = [
        "The embassy opened on 4 March 1994 and the consulate in 2001.",
        "A plan to double trade by 2030 was agreed in 2019, 25 years after the first accord of 1994.",
        "Exports reached 1,995 tonnes in 2012 and 2,013 tonnes a year later, up to 2014.",
        "Relations, established on 12 June 1965, were upgraded on March 3, 2008 and again in 2023-24.",
        "The 1700s treaty and the 1699 border were both mentioned in 2100 and 2099.",
    ]
    for sentence in sentences:
        for bound in (2100, 1994, 2023, 9999, 2008, 1700):
            assert ev.explicit_years(sentence, bound) == direct(sentence, bound), (sentence, bound)
