"""The extractors' shortcuts give exactly what the plain form gives.

Patterns compiled on first use (``briefing.extract.lazyre``) answer as compiled
ones; each gate put before a pattern is checked against the ungated form on
sentences written here (never eval text).
"""

import re
import subprocess
import sys

import briefing.extract.lazyre as lazyre

SAMPLES = [
    "Exports to the north rose 12% to $4.1 billion in 2021-22, the ministry said.",
    "Bilateral trade reached US$ 3,4 mil millones in the first nine months of 2019.",
    "The treaty was signed on 12 March 1994 in the capital.",
    "No figure at all here.",
    "",
    "FY23 imports: 1.5 trillion VND; Q2 2020 sales fell by a third.",
    "Ça coûte 5 000 € — über alles, 2,5 Mrd. EUR.",
]


def test_a_lazy_pattern_answers_as_the_compiled_one():
    for rx, flags in [
        (r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>%|billion|bn)?", 0),
        (r"\b(?:exports?|imports?)\b", re.I),
        (r"^\w+", re.M),
    ]:
        plain, lazy = re.compile(rx, flags), lazyre.compile(rx, flags)
        assert lazy.pattern == plain.pattern
        for text in SAMPLES:
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
            assert lazy.findall(text) == plain.findall(text)
            assert lazy.sub("<\\g<0>>", text) == plain.sub("<\\g<0>>", text)
            assert lazy.split(text) == plain.split(text)
            for method in ("search", "match", "fullmatch"):
                a, b = getattr(lazy, method)(text), getattr(plain, method)(text)
                assert (a and a.span()) == (b and b.span())
            assert [m.span() for m in lazy.finditer(text, 3, 20)] == [m.span() for m in plain.finditer(text, 3, 20)]
        assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (plain.flags, plain.groups, dict(plain.groupindex))


def test_a_bad_pattern_fails_when_used():
    bad = lazyre.compile(r"(unclosed")
    try:
        bad.search("x")
    except re.error:
        return
    raise AssertionError("a bad pattern must raise re.error")


def test_importing_the_extractors_compiles_no_pattern():
    code = (
        "import re, re._compiler as c\n"
        "n = [0]\nold = c.compile\n"
        "def count(*a, **k):\n    n[0] += 1\n    return old(*a, **k)\n"
        "c.compile = count\n"
        "import briefing.extract.trade, briefing.extract.events, briefing.extract.shares, briefing.extract.sections\n"
        "import briefing.extract.sentences, briefing.countries, briefing.dating, briefing.event_month\n"
        "print(n[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) < 20, out  # the standard library's own few; the extractors' ~300 wait for their first use


# Words and pieces the flow cues are made of, and others around them, to build sentences from.
_CUE_PIECES = (
    "exports exported export earnings sales sold shipments shipped supplied deliveries sent went to went into "
    "imports imported purchases bought buys sourced took in trucking in brought in came from came in from "
    "arrived from entered crossed trade traded trading turnover commerce two-way bilateral trade exchanges of goods "
    "goods exchange changed hands crossed between trade disputes trade talks trade ministry re-exports re-exported "
    "reexports value bill volume receipts earned from sales the to of and in by Chile Peru $4.1 billion 2021 , ; - "
    "EXPORTS Imports TRADE Sold ſales İmports ımports Ｔrade tradex xtrade cross-border"
).split()


def _plain_cue():
    from briefing.extract import flows

    return re.compile(
        rf"(?<!\bre-)(?<!\bre)\b(?:(?P<total>{flows._TOTAL_RX})|(?P<exp>{flows._EXPORT_RX})|(?P<imp>{flows._IMPORT_RX}))\b",
        re.I,
    )


def test_flow_cues_gated_and_case_folded_give_the_plain_matches():
    import random

    from briefing.extract import flows

    plain = _plain_cue()
    rng = random.Random(14)
    texts = list(SAMPLES) + [
        "Peru's re-exports to Chile rose, while trade disputes and trade talks stalled two-way commerce.",
        "Chilean firms SOLD $1 billion of goods that went into Peru; Peruvian buyers bought more.",
        "Goods exchange and bilateral exchange: shipments came in from the south and crossed between ports.",
    ]
    for _ in range(5000):
        words = [rng.choice(_CUE_PIECES) for _ in range(rng.randint(1, 14))]
        text = rng.choice((" ", "  ", "\n")).join(w.upper() if rng.random() < 0.1 else w for w in words)
        texts.append(text)
    for text in texts:
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        for bounds in ((), (lo,), (lo, hi)):
            want = [(m.span(), m.lastgroup, m.group(0).lower()) for m in plain.finditer(text, *bounds)]
            for rx, subject in (flows.CUE.on(text), (flows.CUE.any_case, text)):  # the path taken, and the re.I one
                got = [(m.span(), m.lastgroup, m.group(0).lower()) for m in rx.finditer(subject, *bounds)]
                assert got == want, (text, bounds)


def test_initials_reads_the_first_character_of_each_branch():
    initials = lazyre.initials
    assert initials("ab|c(?:d|e)|x[|(]y|z\\s+w") == "[acxz]"
    assert initials("trade(?!\\s+(?:talks|deals))|Commerce|\\bQ[1-4]\\b|\\d+|7") == "[7CQ\\dt]"
    try:
        initials("ab|(?:c|d)")
    except ValueError:
        return
    raise AssertionError("a branch that does not start with a letter has no initial to gate on")


def _random_texts(alphabet: str, n: int, seed: int = 14, longest: int = 40) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_decimal_comma_by_runs_counts_as_the_whole_text_patterns():
    from briefing.extract.amounts import decimal_comma

    comma = re.compile(r"(?<![\d,.])\d+,\d{1,2}(?![\d,])|(?<![\d,.])\d{1,3}(?:\.\d{3}){2,}(?![\d.])")
    point = re.compile(r"(?<![\d,.])\d+\.\d{1,2}(?![\d.])|(?<![\d,.])\d{1,3}(?:,\d{3}){2,}(?![\d,])")
    texts = (
        SAMPLES
        + [
            "Sales rose 12,5% to 1.234.567 tonnes, and 3,25 per cent on 7.5.",
            "It cost 1,234,567 dollars, 12.50 each, or 4,5 and 6.",
            "Years 2019,2020. Ratio 0,5,0.5; ١٢,٥ and ١.٢٣٤.٥٦٧ in Arabic digits.",
            "v1.2.3, 10.000.000,5 and 10,000,000.5.",
        ]
        + _random_texts("0123456789,., a١", 20000)
    )
    for text in texts:
        assert decimal_comma(text) == (len(comma.findall(text)) > len(point.findall(text))), text


def _plain_any_period():
    from briefing.months import MONTH_ABBR

    return re.compile(
        r"\d|year|month|quarter|half|period|time|decade|"
        + "|".join(a.lower() for a in MONTH_ABBR)
        + r"|\bH[12]\b|\bQ[1-4]\b",
        re.I,
    )


def test_any_period_gate_answers_as_the_plain_pattern():
    from briefing.extract import periods

    plain = _plain_any_period()
    texts = SAMPLES + [
        "Sales in H1 rose; q3 and QUARTER figures, DECADE-long, in the period of Sept.",
        "Nothing here but words about trade and ships.",
        "ſeptember, İt, h1x, xq2, Jan., mid-MAY, oc­t",
    ]
    texts += _random_texts("hqHQ12 yearmonthdecjanſİı٣x-", 20000, longest=12)
    for text in texts:
        want = plain.search(text)
        for rx, subject in (periods._ANY_PERIOD.on(text), (periods._ANY_PERIOD.any_case, text)):
            got = rx.search(subject)
            assert (got and got.span()) == (want and want.span()), text


_PERIOD_PIECES = (
    "in during for of the first second last next previous same corresponding half quarter months month year years "
    "fiscal financial FY FY23 FY2021-22 2019 2020-21 2021 1998 H1 H2 Q3 q4 January March may May Sept. December "
    "so far this year-to-date since start to through until ended ending a decade ago earlier later following "
    "three 12 seven alone trade exports figures period time that those whole full entire between and - – / , ; "
    "Peru Chile rose fell 4.5 billion per cent % İn"
).split()


def _plain_find(text):
    from dataclasses import replace

    from briefing.extract import periods

    if not _plain_any_period().search(text):
        return []
    low = text.lower()
    found, taken = [], []
    for name, rx in periods._PATTERNS:
        needs = periods._NEEDS.get(name)
        if needs is not None and not any(w in low for w in needs):
            continue
        for m in re.compile(rx.pattern, re.I).finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            mention = periods._build(name, m, text)
            if mention is None:
                continue
            taken.append((s, e))
            prep = periods._PREP.search(text[max(0, s - 20) : s])
            found.append(replace(mention, preposition=prep.group(1).lower() if prep else None))
    return sorted(found, key=lambda x: x.start)


def test_period_words_looked_for_once_give_the_same_mentions():
    """Each pattern's words (``_NEEDS``) are looked for once per sentence, not once per pattern."""
    import random

    from briefing.extract import periods

    rng = random.Random(14)
    texts = SAMPLES + [
        "Exports in the first seven months of FY2021-22 rose, against the same period a year earlier.",
        "Between March and June 2020 trade fell; in the 12 months to September it recovered.",
        "Sales in H1 2019 and the second quarter of last year, so far this year and year-to-date.",
        "A decade ago, and three years later, the fiscal 2023 figures came in May alone.",
    ]
    for _ in range(4000):
        texts.append(" ".join(rng.choice(_PERIOD_PIECES) for _ in range(rng.randint(1, 12))))
    for text in texts:
        assert periods.find(text) == _plain_find(text), text


def _plain_classify(sentence, keywords):
    """classify() as it was written before the per-table work moved into ``Classifier``."""
    from briefing.extract import sections
    from briefing.stemming import stem

    def features(text):
        words = [stem(w) for w in sections._WORD.findall(text.lower()) if w not in sections._STOP and len(w) > 1]
        return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]

    def predict(text, allowed):
        model = sections._model()
        feats = [f for f in features(text) if f in model["vocabulary"]]
        if not feats:
            return None
        points = {
            name: model["log_prior"][name]
            + sum(model["log_likelihood"][name].get(f, model["log_unseen"][name]) for f in feats)
            for name in model["sections"]
            if name in allowed
        }
        return max(points, key=lambda name: (points[name], name == sections.FALLBACK)) if points else None

    defaults = sections.DEFAULT_KEYWORDS
    configured = {n: tuple(w) for n, w in keywords.items() if tuple(defaults.get(n, ())) != tuple(w)}
    if configured:
        points = sections.scores(sentence, configured)
        best = max(points.values(), default=0)
        winners = [s for s, p in points.items() if p == best]
        if best > 0 and len(winners) == 1:
            return winners[0]
    fallback = sections.FALLBACK if sections.FALLBACK in keywords else next(iter(keywords))
    hits = sections.scores(sentence, {n: w for n, w in keywords.items() if n in sections.model_sections()})
    allowed = [n for n in sections.model_sections() if n == fallback or hits.get(n, 0) > 0]
    return predict(sentence, allowed) or fallback


def test_classifier_per_table_gives_the_plain_sections():
    import random

    from briefing.extract import sections

    rng = random.Random(14)
    vocabulary = [w for words in sections.DEFAULT_KEYWORDS.values() for w in words] + (
        "the a of and in said minister talks visit rose fell trade it's well-known 2021 $4bn football stadium "
        "match choir Peru Chile navy drills festival pension".split()
    )
    texts = SAMPLES + [
        "The defence ministers signed a pact on naval drills and border security.",
        "A theatre festival and a university exchange brought students together.",
        "Nothing here.",
        "The two presidents regretted the violence at the border.",
    ]
    texts += [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 16))) for _ in range(3000)]
    tables = [
        sections.DEFAULT_KEYWORDS,
        {**sections.DEFAULT_KEYWORDS, "sport": ("football", "stadium", "match")},
        {**sections.DEFAULT_KEYWORDS, "security": ("navy", "drills")},
        {"sport": ("football",), "culture": ("choir", "festival")},
    ]
    for table in tables:
        classify = sections.Classifier(table)
        for text in texts:
            want = _plain_classify(text, table)
            assert classify(text) == want == sections.classify(text, table), (text, table.keys())


def test_product_words_gate_gives_the_plain_match():
    import random

    from briefing.extract import trade

    words = trade._PRODUCT_WORDS
    plain = re.compile(rf"\b(?:{words})\s+(?:worth|at|of)\s*$|\b(?:{words})\s*$", re.I)
    rng = random.Random(14)
    pieces = (
        "oil gas steel Copper agricultural agri-food defence defense wheat worth at of the exports Peru , $ 4".split()
    )
    texts = SAMPLES + ["exports of crude oil worth ", "Peruvian copper", "sales of OIL at  ", "agriculturally", ""]
    texts += [
        " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) + rng.choice(("", " ", "  "))
        for _ in range(5000)
    ]
    for text in texts:
        got, want = trade._PRODUCT_BEFORE.search(text), plain.search(text)
        assert (got and got.span()) == (want and want.span()), text


def test_a_case_folded_pattern_refuses_what_it_cannot_fold():
    for pattern in (r"\bQ[1-4]\b", r"(?-i:USD)\s+\d", r"(?i)year"):
        try:
            lazyre.CaseFolded(pattern)
        except ValueError:
            continue
        raise AssertionError(pattern)
    folded = lazyre.CaseFolded(r"(?P<y>\d{4})\s+\S+|\bq(?=\d)\W")  # escapes and group names may have capitals
    for text in ("In 2021 Sales, Q1!", "İn 2021 ſales q1!", "", "Q-q2"):
        rx, subject = folded.on(text)
        assert [m.span() for m in rx.finditer(subject)] == [m.span() for m in re.finditer(folded.pattern, text, re.I)]


def _plain_percents(sentence):
    from briefing.extract import shares

    found = [
        shares._Percent(float(m.group(1).replace(",", ".")), m.start(), m.end())
        for m in shares.PERCENT.finditer(sentence)
    ]
    found += [
        shares._Percent(shares._fraction(m), m.start(), m.end())
        for m in shares._FRACTION.finditer(sentence)
        if shares._fraction(m)
    ]
    taken = {p.start for p in found}
    found += [
        shares._Percent(float(m.group(1).replace(",", ".")), m.start(), m.end())
        for m in shares._LISTED.finditer(sentence)
        if m.start() not in taken and not any(p.start <= m.start() < p.end for p in found)
    ]
    return sorted((p.start, p.end, p.value) for p in found)


def test_share_gates_find_the_plain_percentages():
    import random

    from briefing.extract import shares

    rng = random.Random(14)
    pieces = (
        "12.1 11,8 and 12.6 7 % %, per cent percent PER CENT Per  cent pct PCT a An one Two three nine half Half "
        "third thirds quarter quarters fifth sixths tenth of the market share Peru's exports - about"
    ).split()
    texts = SAMPLES + [
        "Peru took 12.1, 11.8 and 12.6 per cent of Chile's exports; about a fifth of its imports.",
        "Half of the trade, two-thirds of it, and 5 PCT more.",
    ]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        got = sorted((p.start, p.end, p.value) for p in shares._find_percents(text))
        assert got == _plain_percents(text), text


def test_amount_pattern_digit_lookahead_gives_the_plain_matches():
    import random

    from briefing.extract import amounts

    gated = amounts._amount_regex()
    reach = max(map(len, amounts._PREFIX)) + 2
    gate = f"(?=\\D{{0,{reach}}}\\d)"
    assert gated.pattern.count(gate) == 1
    plain = re.compile(gated.pattern.replace(gate, ""), gated.flags)
    rng = random.Random(14)
    pieces = (
        "US dollars U.S. $ $ US$ € EUR USD KSh Sh Rs. R 1.5 12,4 3 .5 1,234,567 2021 billion bn million m crore "
        "lakh dollars euros Kenyan shillings pounds /- worth of trade in rose to , ( ) - Peru"
    ).split()
    texts = SAMPLES + ["US dollars 5 million", "Exports of $4.1bn and KSh 981bn/- in 2021, or 12.4 billion USD."]
    for _ in range(5000):
        texts.append(rng.choice(("", " ")).join(rng.choice(pieces) for _ in range(rng.randint(0, 10))))
    for text in texts:
        want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in gated.finditer(text)] == want, text


def _same_as_ignorecase(folded, texts):
    plain = re.compile(folded.pattern, re.I)
    for text in texts:
        want = [m.span() for m in plain.finditer(text)]
        for rx, subject in (folded.on(text), (folded.any_case, text)):
            assert [m.span() for m in rx.finditer(subject)] == want, text


def _composed(pieces: str, n: int, seed: int = 14) -> list[str]:
    import random

    rng = random.Random(seed)
    words = pieces.split()
    return [
        " ".join(w.upper() if rng.random() < 0.15 else w for w in rng.choices(words, k=rng.randint(0, 12)))
        for _ in range(n)
    ]


def test_case_folded_clause_breaks_future_and_product_patterns_match_as_re_i():
    from briefing.extract import events, trade

    texts = SAMPLES + _composed(
        "; : , while whereas but however and or which when according to said compared with — – - Will shall next "
        "to be held is due scheduled expected set upcoming planned for slated forthcoming takes office oil gas "
        "steel copper wheat goods products exports trade in of worth alone valued ſaid İs ıs Ｗill",
        4000,
    )
    for folded in (trade._CLAUSE_BREAK, events._FUTURE, trade._PRODUCT_CLAUSE):
        _same_as_ignorecase(folded, texts)


def test_carry_words_gate_never_hides_a_same_year_phrase():
    from briefing.extract import events

    texts = SAMPLES + _composed(
        "the that same year month later earlier following next previous before a two three years in of during "
        "ſame İn Later THE YEAR ago said it",
        6000,
    )
    hits = 0
    for text in texts:
        if events._SAME_YEAR.search(text):
            hits += 1
            assert events._may_carry(text), text
    assert hits > 60  # the generated wordings do say such phrases
    _same_as_ignorecase(events._SAME_YEAR, texts)  # and the case-folded path finds them where re.I does


def test_a_carried_year_is_described_in_the_sources_own_wording():
    from briefing.extract.events import extract_events

    found = extract_events(
        ["The bridge treaty was signed in 2019.", "THE FOLLOWING YEAR a second bridge was opened."],
        "2024-05-02",
        "a.txt",
    )
    assert any("THE FOLLOWING YEAR" in e.how for e in found if e.year == 2020), found


def test_anniversary_phrases_case_folded_read_as_before():
    from datetime import date

    from briefing.extract import events

    texts = _composed(
        "the 30th thirtieth twenty-fifth anniversary a half quarter century decades years ago of diplomatic "
        "relations ties since turned 75 forty Twenty ſince İts The FIFTIETH Anniversary",
        800,
    )
    for _, pattern in events._DERIVED:
        if isinstance(pattern, lazyre.CaseFolded):
            _same_as_ignorecase(pattern, texts)
    said = "The THIRTIETH Anniversary of ties fell in May; relations turned Fifty, half a Century since 1974."
    got = events.derived_events(said, date(2024, 5, 2))
    assert got and all(said[s:e].strip() in how for _, _, how, s, e in got)  # the sentence's own wording


def test_full_date_before_a_year_as_the_plain_pattern():
    from briefing.extract import periods

    plain = re.compile(periods._FULL_DATE_BEFORE.pattern, re.I)
    texts = SAMPLES + _composed(
        "on 12 1st 3rd March MARCH Sept. sept june May may Dec December , signed in of the year ſept İn 2021", 6000
    )
    texts = [t + end for t in texts for end in ("", " ", ", ")]
    for text in texts:
        assert periods._full_date_before(text) == bool(plain.search(text)), text


def test_last_word_read_from_the_end_as_from_the_start():
    import random

    from briefing.extract import sentences

    rng = random.Random(14)
    texts = SAMPLES + ["", "x" * 39, "a " + "y" * 40, "a " + "z" * 41, "U.S", "ends with space ", "line\n"]
    for _ in range(6000):
        texts.append("".join(rng.choice("ab. ,-é_1\n") for _ in range(rng.randint(0, 90))))
    for text in texts:
        got, want = sentences._last_word(text), sentences._LAST_WORD.search(text)
        assert (got and got.span()) == (want and want.span()), repr(text)


def test_remembered_cues_are_the_cues_found_afresh_and_callers_own_their_lists():
    from briefing.extract import flows

    texts = _composed("exports to Chile rose , and imports from Peru fell ; trade of goods Sold bought", 300)
    for text in texts:
        for start, end in ((0, None), (3, len(text) - 2), (len(text) // 2, None)):
            fresh = [
                (m.start(), m.end(), m.lastgroup)
                for m in _plain_cue().finditer(text, start, len(text) if end is None else end)
            ]
            got = flows.cues(text, start, end)
            assert [
                (c.start, c.end, {"total": "total", "exports": "exp", "imports": "imp"}[c.field]) for c in got
            ] == fresh
            got.clear()  # a caller's list is its own: the remembered answer is untouched
            assert len(flows.cues(text, start, end)) == len(fresh)


def test_anniversary_hints_looked_for_once_select_the_same_patterns():
    from briefing.extract import events

    texts = SAMPLES + _composed("a decade ago the 50th anniversary turned centenary jubilee National Day years", 3000)
    for text in texts:
        low = text.lower()
        hints = {h for h in events._ALL_HINTS if h in low}
        assert [not hints.isdisjoint(events._HINTS[k]) for k, _ in events._DERIVED] == [
            any(h in low for h in events._HINTS[k]) for k, _ in events._DERIVED
        ], text


def test_event_words_and_figures_case_folded_answer_as_before():
    from briefing.extract import events

    codes = "usd|eur|gbp|rub|cny|jpy|inr|try|brl|ars|mxn|chf|azn|kzt"
    written = events._MONEY.pattern.replace(codes, codes.upper()).replace("tenge|usd|eur", "tenge|USD|EUR")
    assert written != events._MONEY.pattern
    money = re.compile(written, re.I)
    texts = SAMPLES + _composed(
        "signed treaty the two Visited held talks on trade BECAME a member of came into force 12 USD 5 $4 bn "
        "billion dollars Euros 7% per cent record highest level lowest since Try 2021 ſigned İndependence usd",
        4000,
    )
    _same_as_ignorecase(events.EVENT_WORDS, texts)
    for text in texts:
        events._states_figures.cache_clear()
        want = bool(money.search(text) or events._SCALED.search(text) or events._PERCENT.search(text))
        assert events._states_figures(text) == want, text
        assert events._has_event_word(text) == bool(events.EVENT_WORDS.any_case.search(text)), text
