"""Merging's shortcuts give exactly what the plain form gives.

Each fast path of dedupe.py, statements.py and merge.py is checked against the
plain form it replaces, on sentences written or generated here.
"""

import datetime as dt
import itertools
import random

from briefing import dedupe, statements
from briefing.dedupe import Context
from briefing.extract.sentences import open_quote

# Families of restatements (same fact, other words) and near misses (another figure, date, side, speaker).
WRITTEN = [
    "Norway and Chile signed a free trade agreement in Oslo on 4 March 2019.",
    "The free trade pact between Chile and Norway was signed in Oslo on March 4, 2019.",
    "Chile and Norway signed the trade accord in Oslo in March 2019.",
    "Norway and Chile signed a free trade agreement in Oslo on 5 March 2019.",
    "Trade between Kenya and Peru reached $4.1 billion in 2021, up 5% on 2020.",
    "In 2021 two-way trade between Peru and Kenya was $4.1 billion, 5% more than in 2020.",
    "Trade between Kenya and Peru reached $4.3 billion in 2021.",
    "Peru's exports to Kenya rose to $2.2 billion in 2021.",
    "Peru's imports from Kenya rose to $2.2 billion in 2021.",
    "Peru's exports to Kenya did not rise in 2021.",
    "The presidents met in Lima on 3 May 2018.",
    "That meeting ended with a joint statement on fisheries.",
    "The meeting ended with a joint statement on fisheries.",
    "The two presidents met in Lima in May 2018 and issued a joint statement on fisheries.",
    "Kenya is Peru's largest trading partner in East Africa.",
    "Kenya is the biggest trade partner of Peru in East Africa.",
    "Kenya is Peru's second-largest trading partner in East Africa.",
    "The ministers say the fisheries deal is overdue.",
    "The fishermen say the fisheries deal is overdue.",
    "Lima's negotiators argued that tariffs on copper should fall.",
    "Nairobi's negotiators argued that tariffs on copper should fall.",
    "Diplomatic relations were established in 1964.",
    "The two countries established diplomatic ties in 1964.",
    "The two countries established diplomatic ties in 1965.",
    "The embassy did not reopen until 1983.",
    "The embassy stayed closed from 1977 to 1983.",
    "Cultural exchanges between the universities have grown steadily.",
    "Cultural exchange between the two universities grew steadily.",
    "Twelve years later a second bridge opened.",
    "12 years later a second bridge opened over the river.",
    "Copper accounts for 60% of Peru's shipments to Kenya, officials said.",
    "According to officials, copper is 60 per cent of what Peru ships to Kenya.",
    "The third round of talks took place in Nairobi in April last year.",
    "The third round of talks was held in Nairobi in April 2017.",
    "The fourth round of talks was held in Nairobi in April 2017.",
]

NAMES = ["Norway", "Chile", "Kenya", "Peru", "Ghana", "Laos", "Oman", "Fiji"]
THINGS = ["trade", "exports", "imports", "investment", "tourism", "remittances", "aid"]
VERBS = ["rose", "grew", "fell", "reached", "climbed", "dropped", "stood at", "did not reach"]
WHEN = ["in 2019", "in 2020", "in March 2020", "on 4 March 2020", "last year", "in April last year", ""]
AMOUNTS = ["$4.1 billion", "$4.1 bn", "5%", "12 per cent", "$300 million", "twelve tonnes", "12 tonnes", ""]
TAILS = ["", ", the ministry said", ", officials noted", " despite the drought", " for the second year"]


def _generated(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.sample(NAMES, 2)
        words = [f"{a}'s", rng.choice(THINGS), "with" if rng.random() < 0.5 else "to", b, rng.choice(VERBS)]
        words += [rng.choice(AMOUNTS), rng.choice(WHEN)]
        out.append(" ".join(w for w in words if w) + rng.choice(TAILS) + ".")
    return out


def _contexts(texts: list[str], seed: int, known: float = 0.8) -> list[Context | None]:
    """Each text's article date (or none) and the text before it as the sentence before, or no context."""
    rng = random.Random(seed)
    days = [None, dt.date(2018, 6, 1), dt.date(2021, 2, 3)]
    return [
        Context(rng.choice(days), texts[k - 1] if k else "") if rng.random() < known else None
        for k in range(len(texts))
    ]


def _corpora():
    yield WRITTEN, _contexts(WRITTEN, 1, known=1.0)
    yield WRITTEN * 2 + WRITTEN[:5], None  # copies: one group from the start
    for seed in range(6):
        texts = _generated(150, seed) + WRITTEN
        yield texts, _contexts(texts, seed)


def _features(texts, implied):
    nums = [dedupe.numbers(t) for t in texts]
    implied_nums = [dedupe.numbers(d) if d else () for d in implied]
    dated = [tuple(sorted(n + d)) if d else n for n, d in zip(nums, implied_nums)]
    return nums, implied_nums, dated


def test_number_keys_meet_exactly_when_the_numbers_allow_a_merge():
    """The test of ``_cluster_distinct``: equal numbers, or a number shared (with implied dates if any)."""
    anaphoric = 0
    for texts, contexts in _corpora():
        compared = [dedupe.compared_text(t, c) for t, c in zip(texts, contexts or [None] * len(texts))]
        texts, implied = [t for t, _ in compared], [d for _, d in compared]
        nums, implied_nums, dated = _features(texts, implied)
        keys = [dedupe._number_keys(n, d) for n, d in zip(nums, dated)]
        anaphoric += sum(map(bool, implied))
        for i, j in itertools.combinations(range(len(texts)), 2):
            if implied_nums[i] or implied_nums[j]:
                shared = dedupe.common_numbers(dated[i], dated[j])
            else:
                shared = dedupe.common_numbers(nums[i], nums[j])
            assert bool(keys[i] & keys[j]) == (nums[i] == nums[j] or bool(shared)), (texts[i], texts[j])
    assert anaphoric, "some sentence takes its date from the one before"


def test_candidates_with_number_keys_are_the_plain_candidates_filtered_in_order():
    for texts, _ in _corpora():
        texts = list(dict.fromkeys(texts))
        bags = [frozenset(dedupe.content_words(t)) for t in texts]
        idf = dedupe._idf(bags)
        nums, _, dated = _features(texts, [""] * len(texts))
        keys = [dedupe._number_keys(n, d) for n, d in zip(nums, dated)]
        members = list(range(len(texts)))
        plain = [p for p in dedupe._candidates(members, bags, idf) if keys[p[0]] & keys[p[1]]]
        fast = list(dedupe._candidates(members, bags, idf, keys=keys))
        assert fast == plain
        assert len(plain) < len(list(dedupe._candidates(members, bags, idf)))  # the filter can fail


def test_clusters_are_the_same_without_the_number_prefilter(monkeypatch):
    """Every pair the prefilter drops is one the loop would reject: the groups do not change."""
    fast = [dedupe.cluster(texts, contexts) for texts, contexts in _corpora()]
    assert any(len(g) > 1 for groups in fast for g in groups)
    monkeypatch.setattr(dedupe, "_number_keys", lambda nums, dated: frozenset({0}))  # every pair meets
    plain = [dedupe.cluster(texts, contexts) for texts, contexts in _corpora()]
    assert fast == plain


# --- statements: quotation blocks and units ---


def _plain_open_quote(text):
    curly = sum(text.count(c) for c in "\u201c\u00ab") > sum(text.count(c) for c in "\u201d\u00bb")
    return curly or text.count('"') % 2 == 1


def _plain_blocks(sentences):
    blocks, open_ = [], False
    for i in range(len(sentences)):
        if open_ and blocks and len(blocks[-1]) < statements.MAX_QUOTE:
            blocks[-1].append(i)
        else:
            blocks.append([i])
        open_ = _plain_open_quote(" ".join(sentences[j] for j in blocks[-1]))
    return blocks


def _plain_units(sentences, closed=frozenset()):
    out, blocks_in = [], []
    for block in _plain_blocks(sentences):
        if out and out[-1][0] not in closed and block[0] not in closed:
            size = sum(len(sentences[j]) + 1 for j in out[-1] + block)
            head = sentences[block[0]]
            joins = statements.depends(head) or dedupe.refers_back(head, sentences[block[0] - 1])
            if joins and blocks_in[-1] < statements.MAX_UNIT and size <= statements.MAX_UNIT_CHARS:
                out[-1] += block
                blocks_in[-1] += 1
                continue
        out.append(list(block))
        blocks_in.append(1)
    return out


PIECES = [
    "The ministers met in Quito.",
    "It was their first meeting.",
    "They agreed to meet again.",
    "The visit lasted two days.",
    "\u201cWe will trade more,",
    "and we will trade better,\u201d the minister said.",
    '"Nothing is settled," an aide said.',
    '"Talks go on.',
    'Nobody knows how long."',
    "\u00abLa coop\u00e9ration continue\u00bb, said the envoy.",
    "\u201cThis is one quote \u201cinside another.",
    "This year's summit was cancelled.",
    "Thus, it remains open.",
    "These figures are disputed. " * 40,  # long: a unit may not grow past MAX_UNIT_CHARS
    "That meeting ended without a statement.",
]


def test_units_and_quote_blocks_are_the_plain_ones():
    rng = random.Random(7)
    for _ in range(3000):
        doc = [rng.choice(PIECES) for _ in range(rng.randint(1, 14))]
        closed = frozenset(k for k in range(len(doc)) if rng.random() < 0.15)
        assert statements._quote_blocks(doc) == _plain_blocks(doc)
        assert statements.units(doc) == _plain_units(doc)
        assert statements.units(doc, closed) == _plain_units(doc, closed)
        for k in range(len(doc)):
            text = " ".join(doc[k : k + 3])
            assert open_quote(text) == _plain_open_quote(text)


# --- dedupe: number facets ---


def _plain_compatible(a, b):
    from collections import Counter

    ca, cb = Counter(a.core), Counter(b.core)
    if not set(ca - cb) <= b.words or not set(cb - ca) <= a.words:
        return False
    return all(
        x <= y or y <= x
        for x, y in ((a.years, b.years), (a.months, b.months), (a.days, b.days), (a.anniversaries, b.anniversaries))
    )


def test_compatible_is_the_plain_multiset_test():
    rng = random.Random(3)
    cores = ["12", "5%", "4.1e9", "o2", "300e6", "7"]
    pool = [dedupe.facets(t) for t in WRITTEN + _generated(80, 9)]
    for _ in range(4000):
        a, b = rng.sample(pool, 2)
        if rng.random() < 0.3:  # a group's facets: two members combined
            a = a.combine(rng.choice(pool))
        if rng.random() < 0.3:  # cores that differ, with and without number words to stand for the figure
            a = dedupe.Facets(
                tuple(sorted(rng.sample(cores, rng.randint(0, 3)))),
                a.years,
                a.months,
                a.days,
                frozenset(rng.sample(["12", "7", "5"], rng.randint(0, 2))),
                a.anniversaries,
            )
        assert dedupe.compatible(a, b) == _plain_compatible(a, b), (a, b)


def test_merge_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from briefing.merge import merge

    assert gc.isenabled()
    merge([], [], ("Chile", "Peru"))
    assert gc.isenabled()
    gc.disable()
    try:
        merge([], [], ("Chile", "Peru"))
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- dedupe: per-sentence features ---


def _plain_canonical(digits):
    import re

    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and len(groups[-1]) != 3:
        groups[-1] = groups[-1].rstrip("0")
    return "".join(groups).lstrip("0") or "0"


def _plain_content_words(text):
    import re

    text = dedupe._SUPERLATIVE.sub("largest", dedupe.without_attribution(dedupe._fold(text)))
    text = dedupe._ORDINAL.sub(" ", dedupe._MONTH.sub(" ", text))
    text = re.sub(r"\bset(?:s|ting)? up\b", "setup", text, flags=re.IGNORECASE)
    words = []
    for raw in dedupe._WORD.findall(text):
        word = re.sub(r"'s$", "", raw.lower())
        for part in word.split("-") if "-" in word else (word,):
            if part not in dedupe._KEEP and (
                part in dedupe._STOPWORDS or part in dedupe._NUMBER_WORDS or len(part) < 2
            ):
                continue
            words.append(dedupe._stem(part))
    return tuple(words)


def test_number_canonical_form_is_the_plain_one():
    rng = random.Random(5)
    written = ["0", "007", "2019", "1,345", "1.345", "29.50", "4.10", "1,000,000", "0.0", "12.000", "\u0663\u0660"]
    for digits in written + [
        "".join(rng.choice("0123456789.,") for _ in range(rng.randint(1, 9))) for _ in range(5000)
    ]:
        if digits[0] in ".," or digits[-1] in ".,":
            continue  # the number pattern never gives these
        assert dedupe._canonical_number(digits) == _plain_canonical(digits), digits


def test_content_words_are_the_plain_ones():
    extra = [
        "The minister's visit and Peru's exports: the two sides' talks set up a trade office.",
        "Kenya's and Chile's envoys are setting up talks; it's Oman’s turn, the sets up failed.",
        "The Lima-Quito road's opening, 's alone, and O'Neill's remarks.",
    ]
    for text in WRITTEN + extra + _generated(300, 11):
        assert dedupe.content_words(text) == _plain_content_words(text), text


# --- merge: where each sentence stands ---


def _plain_contexts(extractions, dates):
    from briefing.merge import _date

    out = {}
    for ex in extractions:
        day = _date(dates.get(ex.file))
        ordered = sorted(ex.sentences, key=lambda s: s.index)
        for k, s in enumerate(ordered):
            before = ordered[k - 1].text if k and ordered[k - 1].index == s.index - 1 else ""
            out.setdefault((ex.file, s.text), Context(day, before))
    return out


def test_sentence_contexts_found_per_article_are_the_plain_ones():
    from briefing.merge import SentenceContexts
    from briefing.model import Extraction, Sentence

    rng = random.Random(21)
    pool = WRITTEN[:12]
    extractions = []
    for n in range(40):
        indices = sorted(rng.sample(range(12), rng.randint(0, 8)))  # gaps: no sentence before
        sentences = tuple(Sentence(rng.choice(pool), "economy", k) for k in indices)
        sentences = tuple(rng.sample(sentences, len(sentences)))  # not in reading order
        extractions.append(Extraction(f"a{n % 30}.txt", "x", {}, sentences, (), (), ()))  # some files twice
    dates = {f"a{n}.txt": rng.choice([None, "2020-05-01", "not a date"]) for n in range(30)}
    plain = _plain_contexts(extractions, dates)
    where = SentenceContexts(extractions, dates)
    keys = list(plain) + [(f"a{n}.txt", t) for n in range(32) for t in pool]  # also sentences not there
    rng.shuffle(keys)
    assert [where.get(k) for k in keys] == [plain.get(k) for k in keys]
    assert any(c.before for c in plain.values()) and any(not c.before for c in plain.values())


def test_days_are_found_only_beside_a_month_name_the_month_pattern_finds():
    """``facets`` looks for days only in sentences where ``_MONTH`` finds a month: the day patterns never
    match where it finds none."""
    rng = random.Random(8)
    bits = ["4", "12th", "of", "March", "Sept.", "September", "Mayday", "may", "MARCH", "2019", ",", "Jan", "3rd"]
    texts = WRITTEN + [" ".join(rng.choice(bits) for _ in range(rng.randint(1, 6))) for _ in range(5000)]
    for text in texts:
        if not dedupe._MONTH.search(text):
            assert not dedupe._DAY_BEFORE.search(text) and not dedupe._DAY_AFTER.search(text), text
    assert any(dedupe._DAY_AFTER.search(t) for t in texts) and any(dedupe._DAY_BEFORE.search(t) for t in texts)


def _plain_fold(facts, starts):
    from collections import defaultdict

    order = sorted(range(len(facts)), key=lambda u: (-len(facts[u]), starts[u]))
    groups, by_cluster = [], defaultdict(list)
    for u in order:
        home = min(set.intersection(*(set(by_cluster[c]) for c in facts[u])), default=None)
        if home is None:
            home = len(groups)
            groups.append((facts[u], []))
            for c in facts[u]:
                by_cluster[c].append(home)
        groups[home][1].append(u)
    return groups


def test_units_fold_into_the_plain_groups():
    from briefing.merge import fold_units

    rng = random.Random(12)
    for _ in range(500):
        n = rng.randint(1, 60)
        facts = [frozenset(rng.sample(range(12), rng.randint(1, 4))) for _ in range(n)]
        starts = rng.sample(range(1000), n)
        assert fold_units(facts, starts) == _plain_fold(facts, starts)


def test_closed_units_from_the_plain_units_are_the_closed_units():
    rng = random.Random(17)
    reused = 0
    for _ in range(3000):
        doc = [rng.choice(PIECES) for _ in range(rng.randint(1, 14))]
        closed = frozenset(k for k in range(len(doc)) if rng.random() < 0.2)
        plain = statements.units(doc)
        got = statements.closed_units(doc, plain, closed)
        assert got == statements.units(doc, closed), (doc, closed)
        reused += got is plain
    assert 100 < reused < 2900  # both ways taken


def _plain_numbers(text):
    found = []
    for m in dedupe._NUMBER.finditer(text):
        unit = " ".join((m.group(2) or "").lower().split())
        suffix = "%" if unit.startswith(("%", "per")) else dedupe._SCALES.get(unit, "")
        found.append(_plain_canonical(m.group(1)) + suffix)
    found += [f"m{dedupe.MONTHS[m.group(1).lower()]}" for m in dedupe._MONTH.finditer(text)]
    found += [dedupe._ORDINALS[m.group(1).lower()] for m in dedupe._ORDINAL.finditer(text)]
    return tuple(sorted(found))


def _plain_facets(text):
    import re

    d = dedupe
    day_spans = {m.start(1) for m in d._DAY_BEFORE.finditer(text)} | {m.start(1) for m in d._DAY_AFTER.finditer(text)}
    anniversary_spans = {m.start(1): m.group(1) for m in d._ANNIVERSARY.finditer(text)}
    core, years, days, anniversaries = [], set(), set(), set()
    for m in d._NUMBER.finditer(text):
        unit = " ".join((m.group(2) or "").lower().split())
        suffix = "%" if unit.startswith(("%", "per")) else d._SCALES.get(unit, "")
        token = _plain_canonical(m.group(1)) + suffix
        if not suffix and m.start(1) in day_spans:
            days.add(token)
        elif not suffix and m.start(1) in anniversary_spans:
            anniversaries.add(token)
        elif not suffix and re.fullmatch(r"\d{4}", m.group(1)) and 1000 <= int(m.group(1)) <= 2200:
            years.add(token)
        else:
            core.append(token)
    core += [d._ORDINALS[m.group(1).lower()] for m in d._ORDINAL.finditer(text)]
    months = {f"m{d.MONTHS[m.group(1).lower()]}" for m in d._MONTH.finditer(text)}
    words = {d._WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in d._WORD_NUMBERS}
    return d.Facets(
        tuple(sorted(core)),
        frozenset(years),
        frozenset(months),
        frozenset(days),
        frozenset(words),
        frozenset(anniversaries),
    )


def test_numbers_and_facets_read_in_one_scan_are_the_plain_ones():
    rng = random.Random(4)
    bits = ["4", "12th", "of", "March", "Sept.", "2019", "1,345", "29.50", "5%", "12 per cent", "$4.1 bn", "third"]
    bits += ["twelve", "the 20th anniversary", "500 years since", "May 3", "second-largest", "third countries", "0.0"]
    texts = (
        WRITTEN
        + _generated(300, 2)
        + [" ".join(rng.choice(bits) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    )
    for text in texts:
        assert dedupe.numbers(text) == _plain_numbers(text), text
        assert dedupe.facets(text) == _plain_facets(text), text
