"""Near-duplicate detection: every gold paraphrase groups, nothing else does, numbers never differ."""

import datetime as dt
import itertools
import json
import random
import re
import time
from pathlib import Path

import pytest

from briefing import dedupe
from briefing.build import read_sources
from briefing.dedupe import Context, cluster, compared_text, compatible, facets, numbers, representative

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "eval" / "cases"


def _sentences(path: Path) -> list[str]:
    """Naive splitter for the test: prose paragraphs only, dateline removed, split after . ! ?"""
    out = []
    for para in path.read_text(encoding="utf-8").split("\n"):
        para = re.sub(r"^[^:\n]{0,80}\d{4} \([^)]*\):\s*", "", para.strip())
        if not re.search(r"[.!?\"”]$", para):
            continue  # headings and captions
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para) if s]
    return out


def _corpora() -> dict:
    found = {"seeds": (ROOT / "seeds", ROOT / "tests" / "seeds-gold.json")}
    if CASES.is_dir():
        found.update({c.name: (c, c / "gold.json") for c in sorted(CASES.iterdir()) if (c / "gold.json").is_file()})
    return found


CORPORA = _corpora()


def _load(name, with_contexts=False):
    """The corpus's distinct sentences and gold groups; with ``with_contexts``, also each sentence's
    ``Context`` (its article's date as the tool reads it, the sentence before it in the article)."""
    folder, gold = CORPORA[name]
    dates = {s.file: s.date for s in read_sources(folder)[0]}
    contexts: dict[str, Context] = {}
    for f in sorted(folder.glob("*.txt")):
        sents = _sentences(f)
        day = dt.date.fromisoformat(dates[f.name]) if dates.get(f.name) else None
        for k, text in enumerate(sents):
            contexts.setdefault(text, Context(day, sents[k - 1] if k else ""))
    groups = json.loads(gold.read_text(encoding="utf-8"))["duplicate_groups"]
    texts = list(contexts)
    return (texts, groups, [contexts[t] for t in texts]) if with_contexts else (texts, groups)


# The two seed articles are rewrites of one ministry text: besides the five gold
# groups they restate many more sentences.  Each pair below was read and judged
# to state the same fact (the longer one at most adds detail); gold lists only a
# sample.  Any merge outside gold and this list fails the test.
SEEDS_REVIEWED = [
    ("Their strategic partnership is founded", "That partnership is based on the geographic"),
    ("In line with the agreement, both sides defined", "Within the agreement, both countries defined"),
    ("These include ensuring peaceful", "The first one is to ensure peaceful"),
    ("In addition, there is sustainable economic", "The third goal is to ensure sustainable"),
    ("Economically, Russia is a key trade partner", "Russia is a key trade partner and also"),
    ("Both countries likewise cooperate successfully", "The cooperation between both countries in terms of energy"),
    ("Thus, it assists its Member States", "The EEU helps its member-states"),
    ("Namely, in the field of security", "Russia and Belarus also cooperate widely"),
    ("Namely, in the field of security", "Both have signed several bilateral agreements"),
    ("Russia and Belarus also cooperate widely", "Both have signed several bilateral agreements"),
    ("As well as perform joint military exercises", "One of those examples is the establishment"),
    ("Regarding the territories of both states", "Furthermore, the representatives of both countries"),
    ("Joint actions against drug trafficking", "The Ministry uses as an example the joint actions"),
    ("Belarus and Russia also work toward", "Regarding this, both countries are working"),
    ("In addition, joint programs in science", "Belarus and Russia also have joint programs"),
]


def _reviewed(a: str, b: str) -> bool:
    return any(
        (a.startswith(x) and b.startswith(y)) or (a.startswith(y) and b.startswith(x)) for x, y in SEEDS_REVIEWED
    )


def _pairs_of(groups, texts):
    for g in groups:
        for i, j in itertools.combinations(g, 2):
            yield texts[i], texts[j]


# Paraphrases the clustering does not yet join, and why. Strict: a fixed one fails here until it is taken off.
NOT_YET_JOINED = {}
JOINED_TOO_MUCH: dict[str, str] = {}


def _known(names, known):
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=known[n])) if n in known else n for n in names]


@pytest.mark.parametrize("name", _known(sorted(CORPORA), NOT_YET_JOINED))
def test_every_gold_duplicate_group_is_one_cluster(name):
    texts, gold, contexts = _load(name, with_contexts=True)
    assert gold, "every corpus lists duplicate groups"
    where = {t: k for k, g in enumerate(cluster(texts, contexts)) for t in (texts[i] for i in g)}
    for group in gold:
        assert all(s in where for s in group), f"gold sentence not found by the test splitter: {group}"
        assert len({where[s] for s in group}) == 1, f"not merged: {group}"


@pytest.mark.parametrize("name", _known(sorted(CORPORA), JOINED_TOO_MUCH))
def test_no_false_merges(name):
    texts, gold, contexts = _load(name, with_contexts=True)
    gid = {s: k for k, g in enumerate(gold) for s in g}
    wrong = [
        (a, b)
        for a, b in _pairs_of(cluster(texts, contexts), texts)
        if not (a in gid and gid.get(a) == gid.get(b)) and not (name == "seeds" and _reviewed(a, b))
    ]
    assert wrong == []


@pytest.mark.xfail(
    strict=True,
    reason="mixed, short sentences naming nobody are taken for those of another pair: "
    "'Shipments in the other direction grew even faster.' for one that names the direction, "
    "'Energy remains the core/the backbone of the relationship.' for each other",
)
def test_all_corpora_together():
    """A bigger, mixed corpus changes every weight: gold still groups and nothing crosses corpora."""
    texts, gold, origin, contexts = [], [], {}, []
    for name in sorted(CORPORA):
        t, g, c = _load(name, with_contexts=True)
        contexts += [y for x, y in zip(t, c) if x not in origin]
        texts += [x for x in t if x not in origin]
        origin.update(dict.fromkeys(t, name))
        gold += g
    groups = cluster(texts, contexts)
    where = {texts[i]: k for k, g in enumerate(groups) for i in g}
    for group in gold:
        assert len({where[s] for s in group}) == 1, group
    gid = {s: k for k, g in enumerate(gold) for s in g}
    for a, b in _pairs_of(groups, texts):
        assert origin[a] == origin[b], (a, b)
        assert (a in gid and gid[a] == gid.get(b)) or _reviewed(a, b), (a, b)


def test_merged_sentences_never_contradict_in_a_number():
    """Amounts and counts are equal within a group; a date may only be less specific ("May 2019")."""
    texts, contexts = [], []
    for name in CORPORA:
        t, _, c = _load(name, with_contexts=True)
        texts += t
        contexts += c
    seen = [compared_text(t, c) for t, c in zip(texts, contexts)]  # relative dates resolved, implied ones added
    for g in cluster(texts, contexts):
        for i, j in itertools.combinations(g, 2):
            (a, date_a), (b, date_b) = seen[i], seen[j]
            assert compatible(facets(f"{a} ({date_a})"), facets(f"{b} ({date_b})")), (texts[i], texts[j])
            assert set(numbers(f"{a} ({date_a})")) & set(numbers(f"{b} ({date_b})")) or numbers(a) == numbers(b), (
                texts[i],
                texts[j],
            )


@pytest.mark.parametrize(
    "a, b",
    [
        ("The port opened on 5 December, the minister said.", "The port opened in December 2022."),
        ("The envoys met in Oslo in March 2011.", "On 14 March 2011 the envoys met in Oslo."),
        ("It was the first such visit in twelve years.", "It was the first such visit in 12 years."),
        ("Both sides signed 9 accords worth $3 billion.", "In June 2018 both sides signed 9 accords worth $3 billion."),
        (
            "The ferry treaty of March 1998 was renewed in May.",
            "The ferry treaty of March 1998 was renewed in May 2018.",
        ),
        ("The envoys marked the 40th anniversary of the pact.", "The envoys marked 40 years since the pact in 2019."),
        (
            "In June the ministers extended the 1995 accord ahead of its 30th anniversary.",
            "The 1995 accord was extended in June 2024.",
        ),
    ],
)
def test_numbers_that_differ_only_in_specificity_are_compatible(a, b):
    assert compatible(facets(a), facets(b))


@pytest.mark.parametrize(
    "a, b",
    [
        ("The port opened on 5 December 2022.", "The port opened on 6 December 2022."),
        ("The envoys met in Oslo in March 2011.", "The envoys met in Oslo in April 2011."),
        ("Both sides signed 9 accords worth $3 billion.", "Both sides signed 9 accords worth $4 billion."),
        ("Trade rose 5 per cent in 2019.", "Trade rose 5 per cent in 2020."),
        ("It was the first such visit in twelve years.", "It was the first such visit in 11 years."),
        ("The envoys marked the 40th anniversary of the pact.", "The envoys marked the 45th anniversary of the pact."),
        ("The ferry treaty of 1998 was renewed in 2018.", "The ferry treaty of 1998 was renewed in 2019."),
    ],
)
def test_numbers_that_differ_are_not_compatible(a, b):
    assert not compatible(facets(a), facets(b))


def test_a_date_only_in_one_sentence_needs_another_shared_number():
    """A dated and an undated sentence are never merged on wording alone (a plan vs its start)."""
    a = "The ferry company plans to open its new route between the two capitals."
    b = "The ferry company opened its new route between the two capitals in May 2016."
    assert cluster([a, b]) == [[0], [1]]


def test_less_specific_dates_do_not_chain_into_a_contradiction():
    texts = [
        "The envoys of the two navies met at the harbour of Split on 3 May 2019.",
        "The envoys of the two navies met at the harbour of Split in May 2019.",
        "The envoys of the two navies met at the harbour of Split on 4 May 2019.",
    ]
    groups = cluster(texts)
    assert not any({0, 2} <= set(g) for g in groups)


def test_look_alike_sentences_with_other_figures_stay_apart():
    a = "In 2019, Mexico finished the year as the top US trading partner, with two-way trade of US$614.5 billion."
    b = "In 2019, Mexico finished the year as the top US trading partner, with commerce of $612.8 billion."
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Exports to the neighbour reached $5.2 billion in 2021.",
            "Imports from the neighbour reached $5.2 billion in 2021.",
        ),
        ("Bilateral trade rose 12 per cent in 2021.", "Bilateral trade fell 12 per cent in 2021."),
        (
            "The two ministers signed the fisheries treaty in 2001.",
            "The two ministers did not sign the fisheries treaty in 2001.",
        ),
        ("The port handled goods worth $15 billion last year.", "The port handled goods worth $15 million last year."),
        (
            "The kingdom was the third-largest supplier of the island.",
            "The kingdom was the fourth-largest supplier of the island.",
        ),
        ("The railway link opened in May 2009.", "The railway link opened in June 2009."),
        ("The partner ran a surplus of $2 billion in 2020.", "The partner ran a deficit of $2 billion in 2020."),
    ],
)
def test_hand_made_opposites_stay_apart(a, b):
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Shipments of grain rose to $1,345 million in 2020.", "In 2020 grain shipments climbed to $1.345 million."),
        (
            "The bridge over the river opened on 3 May 2019, ending decades of ferry crossings.",
            "On 3 May 2019 the river bridge was opened.",
        ),
        (
            "The kingdom remains the island's biggest customer, as it has been for nearly a century.",
            "The kingdom is the island's largest customer, a position it has held for almost a century.",
        ),
    ],
)
def test_hand_made_paraphrases_group(a, b):
    assert cluster([a, b]) == [[0, 1]]


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Chile did not reopen its consulate in La Paz until 2011, after the quarrel over the coast.",
            "The consulate of Chile in La Paz stayed shut from 2003 to 2011 after the quarrel over the coast.",
        ),
        (
            "It was not until 1998 that Norway and Iceland settled their dispute over the herring quota.",
            "Norway and Iceland settled their dispute over the herring quota in 1998.",
        ),
        (
            "The navies of Ghana and Togo never held a joint patrol in the gulf before March 2016.",
            "The navies of Ghana and Togo held their first joint patrol in the gulf in March 2016.",
        ),
        ("Chile did not reopen its consulate in La Paz until 2011.", "Chile reopened its consulate in La Paz in 2011."),
        (
            "Portugal is not only the largest buyer of Cape Verdean tuna but also its main investor.",
            "Portugal is the largest buyer of Cape Verdean tuna and its main investor.",
        ),
    ],
)
def test_negative_words_that_deny_nothing_do_not_stop_a_merge(a, b):
    """'did not X until Y', 'not until Y', 'never ... before Y' date X; 'not only ... but also' adds."""
    assert cluster([a, b]) == [[0, 1]]


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "The parliament in Lima did not ratify the border treaty with Ecuador in 2019.",
            "The parliament in Lima ratified the border treaty with Ecuador in 2019.",
        ),
        ("Chile did not reopen its consulate in La Paz in 2011.", "Chile reopened its consulate in La Paz in 2011."),
        ("Chile did not reopen its consulate in La Paz until 2011.", "Chile shut its consulate in La Paz in 2011."),
        (
            "Norway and Iceland have never settled their dispute over the herring quota.",
            "Norway and Iceland settled their dispute over the herring quota.",
        ),
        (
            "The border between Peru and Ecuador was closed in 1995.",
            "The border between Peru and Ecuador was opened in 1995.",
        ),
        (
            "The ministers opened the consulate in Tartu in May 2012.",
            "The ministers shut the consulate in Tartu in May 2012.",
        ),
    ],
)
def test_a_denial_or_the_opposite_verb_stays_apart(a, b):
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "text, day, expected",
    [
        (
            "Oslo and Reykjavik signed the quota deal in March last year.",
            dt.date(2019, 6, 2),
            "Oslo and Reykjavik signed the quota deal in March 2018.",
        ),
        (
            "The envoys met on 9 October of this year and again last November.",
            dt.date(2021, 5, 20),
            "The envoys met on 9 October 2021 and again November 2020.",
        ),
        (
            "Last April the ferry line reopened; trade grew last year but not this year.",
            dt.date(2016, 8, 1),
            "April 2016 the ferry line reopened; trade grew 2015 but not 2016.",
        ),
        (
            "The ministers met in April and on Thursday.",
            dt.date(2016, 8, 1),
            "The ministers met in April and on Thursday.",
        ),
    ],
)
def test_relative_dates_are_written_out_from_the_article_date(text, day, expected):
    assert dedupe.resolve_relative(text, day) == expected


@pytest.mark.parametrize(
    "a, day_a, b, day_b",
    [
        (
            "Ecuador and Peru signed the border protocol in Brasilia in October last year, ending the war.",
            dt.date(1999, 3, 4),
            "The border protocol between Ecuador and Peru was signed in Brasilia in October 1998.",
            dt.date(2003, 1, 1),
        ),
        (
            "The first ferry from Tallinn to Helsinki under the new treaty sailed last June.",
            dt.date(2012, 2, 10),
            "In June 2011 the first ferry under the new treaty sailed from Tallinn to Helsinki.",
            None,
        ),
        (
            "Ghana's president opened the trade fair in Lome in May of this year.",
            dt.date(2017, 9, 30),
            "The trade fair in Lome was opened by Ghana's president in May 2017.",
            dt.date(2017, 6, 1),
        ),
    ],
)
def test_a_relative_date_joins_the_same_date_written_out(a, day_a, b, day_b):
    assert cluster([a, b], [Context(day_a), Context(day_b)]) == [[0, 1]]


@pytest.mark.parametrize(
    "a, day_a, b",
    [
        (
            "Ecuador and Peru signed the border protocol in Brasilia in October last year.",
            dt.date(2000, 3, 4),
            "Ecuador and Peru signed the border protocol in Brasilia in October 1998.",
        ),
        (
            "The first ferry from Tallinn to Helsinki under the new treaty sailed last June.",
            dt.date(2012, 8, 10),
            "The first ferry from Tallinn to Helsinki under the new treaty sailed in June 2011.",
        ),
        (
            "Ghana's president opened the trade fair in Lome in May of this year.",
            dt.date(2018, 9, 30),
            "Ghana's president opened the trade fair in Lome in May 2017.",
        ),
    ],
)
def test_a_relative_date_that_resolves_to_another_year_stays_apart(a, day_a, b):
    assert cluster([a, b], [Context(day_a), Context(dt.date(2020, 1, 1))]) == [[0], [1]]


@pytest.mark.parametrize(
    "before, a, b",
    [
        (
            "The foreign ministers of Chile and Peru met in Lima on 12 May last year.",
            "That meeting ended with a pledge by both governments to clear the mines along the border.",
            "On 12 May 2018 the foreign ministers of Chile and Peru pledged in Lima to clear the mines along the border.",
        ),
        (
            "The Vietnamese prime minister visited Canberra in March 2017.",
            "The three-day visit produced a fisheries accord and a plan for student exchanges.",
            "A fisheries accord and a plan for student exchanges came out of the Vietnamese prime minister's "
            "trip to Canberra in March 2017.",
        ),
        (
            "Baku and Ankara signed a gas deal worth billions in June 2014.",
            "This deal commits Azerbaijan to ship gas to Turkey through a new pipeline.",
            "Under a deal signed in June 2014, Azerbaijan committed to ship gas to Turkey through a new pipeline.",
        ),
    ],
)
def test_an_anaphoric_subject_is_dated_by_the_sentence_before(before, a, b):
    """'That meeting', 'The three-day visit', 'This deal' carry the date of the event the sentence before names."""
    contexts = [Context(dt.date(2019, 2, 1), before), None]
    assert cluster([a, b], contexts) == [[0, 1]]
    assert cluster([a, b]) == [[0], [1]], "undated against dated: only the sentence before dates it"


@pytest.mark.parametrize(
    "before, a, b",
    [
        # the sentence before gives two dates: which one is the meeting's?
        (
            "The ministers of Chile and Peru met in Lima in 2016 and again in Quito on 12 May 2018.",
            "That meeting ended with a pledge by both governments to clear the mines along the border.",
            "On 12 May 2018 the ministers of Chile and Peru pledged to clear the mines along the border.",
        ),
        # the sentence before names no meeting: "That meeting" is some other one
        (
            "Chile's exports of copper to Peru rose sharply on 12 May 2018.",
            "That meeting ended with a pledge by both governments to clear the mines along the border.",
            "On 12 May 2018 the ministers of Chile and Peru pledged to clear the mines along the border.",
        ),
        # the date of the sentence before differs from the other's
        (
            "Baku and Ankara signed a gas deal in June 2014.",
            "This deal commits Azerbaijan to ship gas to Turkey through a new pipeline.",
            "Under a deal signed in June 2016, Azerbaijan committed to ship gas to Turkey through a new pipeline.",
        ),
    ],
)
def test_an_anaphoric_subject_is_not_dated_by_guesswork(before, a, b):
    assert cluster([a, b], [Context(None, before), None]) == [[0], [1]]


def test_a_dated_antecedent_does_not_stop_an_undated_restatement():
    """The implied date must agree, but an undated restatement of the same point needs none."""
    before = "In 2004 the two presidents signed the treaty on the Danube bridge."
    a = "The treaty thus lays down the legal basis for joint upkeep of the bridge over the Danube."
    b = "According to the ministry, the treaty laid down the legal basis for joint upkeep of the Danube bridge."
    assert cluster([a, b], [Context(None, before), None]) == [[0, 1]]


SHARED_MONTH = [
    (
        "The pact raising ties to a strategic partnership was signed in Hanoi in May 2018, on the first trip to "
        "Vietnam by a Thai premier in a decade.",
        "The Thai and Vietnamese premiers signed the pact on a joint trade council in Hanoi in May 2018.",
    ),
    (
        "The accord opening both rivers to barge traffic was signed in Asuncion in August 2015, on the first trip "
        "there by a Bolivian head of state since the war.",
        "Morales and Cartes signed the accord setting up a river commission in Asuncion in August 2015.",
    ),
    (
        "The charter giving the ports one customs code was signed in Riga in July 2022, at the close of a summit "
        "of the three Baltic leaders.",
        "Kallas and Karins signed the charter founding a joint port authority in Riga in July 2022, ending the summit.",
    ),
]


@pytest.mark.parametrize("a, b", SHARED_MONTH)
def test_a_shared_month_of_a_year_is_strong_evidence(a, b):
    """Fewer words in common than sentences with only an amount or a year need (below THRESHOLD_STRONG)."""
    seqs = [dedupe.content_words(t) for t in (a, b)]
    value, _ = dedupe.score(
        frozenset(seqs[0]),
        frozenset(seqs[1]),
        dedupe._idf([frozenset(x) for x in seqs]),
        " ".join(seqs[0]),
        " ".join(seqs[1]),
    )
    assert dedupe.THRESHOLD_MONTH <= value < dedupe.THRESHOLD_STRONG
    assert cluster([a, b]) == [[0, 1]]


@pytest.mark.parametrize("a, b", SHARED_MONTH)
def test_the_same_wording_with_another_month_or_year_stays_apart(a, b):
    assert cluster([a, re.sub(r"in (\w+) (\d{4})", lambda m: f"in {m.group(1)} {int(m.group(2)) + 1}", b)]) == [
        [0],
        [1],
    ]
    assert cluster([a, re.sub(r"in (May|August|July) ", "in April ", b)]) == [[0], [1]]


def test_a_shared_month_with_other_dates_beside_it_is_not():
    a = (
        "The Danube treaty, signed in Bucharest in November 2021, is what officials on both banks cite as the basis "
        "of their common plans for ports and bridges."
    )
    b = "The treaty, signed in Bucharest in November 2021, has been in force since 1 March 2023."
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Germany remains Poland's leading trading partner in the European Union, officials in Warsaw point out.",
            "Germany is Poland's biggest trading partner in the EU, the deputy minister said.",
        ),
        (
            "China is the top export market for Chilean copper.",
            "Chilean copper goes mainly to China, its largest export market.",
        ),
        (
            "For Laos, Thailand is the main supplier of fuel and vehicles, according to the customs office.",
            "Thailand is the number one supplier of fuel and vehicles to Laos.",
        ),
    ],
)
def test_superlatives_before_a_role_are_one_word_and_attributions_no_content(a, b):
    """'leading', 'biggest', 'top', 'main', 'number one' partner/market/supplier rank first;
    ', officials point out', ', the minister said', 'according to ...' say who, not what."""
    assert cluster([a, b]) == [[0, 1]]


@pytest.mark.parametrize(
    "words",
    [
        ("leading trading partner", "biggest trading partner", "top trading partner", "main trading partner"),
        ("its chief export market", "its largest export market", "its number one export market"),
        ("the foremost foreign investor", "the greatest foreign investor", "the principal foreign investor"),
    ],
)
def test_superlatives_before_a_role_read_alike(words):
    assert len({dedupe.content_words(w) for w in words}) == 1, [dedupe.content_words(w) for w in words]


def test_superlatives_elsewhere_keep_their_sense():
    """'the first visit' is no 'largest visit'; 'leading to' leads nowhere near a partner."""
    assert dedupe.content_words("the first visit") != dedupe.content_words("the largest visit")
    assert "largest" not in dedupe.content_words("talks leading to a truce")


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Germany remains Poland's leading trading partner in the European Union.",
            "Germany is Poland's second-biggest trading partner in the European Union.",
        ),
        (
            "China is the top export market for Chilean copper.",
            "China is the smallest export market for Chilean copper.",
        ),
        (
            "Thailand is the main supplier of fuel and vehicles to Laos.",
            "Thailand is the third-largest supplier of fuel and vehicles to Laos.",
        ),
    ],
)
def test_another_rank_or_the_opposite_superlative_stays_apart(a, b):
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Exports rose, they point out.", "Exports rose."),
        ("The port reopened in May, said Ms Ode of the harbour board.", "The port reopened in May."),
        ("According to the ministry in Accra, the road was finished in 2019.", "the road was finished in 2019."),
        (
            "Trade, the envoy told reporters in Lima, is growing.",
            "Trade, the envoy told reporters in Lima, is growing.",
        ),
    ],
)
def test_a_reporting_clause_is_set_aside_only_at_either_end(text, expected):
    assert dedupe.without_attribution(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Chilean diplomats speak of a 'Pacific hub' in which Peruvian ports ship Chilean copper on to Asia.",
            "Minister Ortiz repeated the Chilean argument that the two economies should form a 'Pacific hub', with "
            "Peruvian ports shipping Chilean copper on to Asia.",
        ),
        (
            "The Kenyan delegation proposed a single permit for the lorry drivers who cross the border at Namanga.",
            "Tanzanian transport officials proposed a single permit for the lorry drivers who cross the border at Namanga.",
        ),
        (
            "The Norwegian side proposed a joint patrol of the herring grounds north of the islands.",
            "Icelandic officials proposed a joint patrol of the herring grounds north of the islands.",
        ),
    ],
)
def test_one_view_held_by_two_speakers_is_two_statements(a, b):
    """A sentence told as a speaker's act ('X argues that ...') is about who holds the view."""
    assert cluster([a, b]) == [[0], [1]]


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Minister Ortiz said the two economies should form a Pacific hub shipping copper to Asia.",
            "Ortiz argued that the two economies should form a Pacific hub to ship copper to Asia.",
        ),
        (
            "Ghana's cocoa board argues that a joint price floor would protect farmers in both countries.",
            "A joint price floor would protect farmers in both countries, Ghana's cocoa board argues.",
        ),
        (
            "Icelandic officials proposed a joint patrol of the herring grounds north of the islands.",
            "A joint patrol of the herring grounds north of the islands was proposed by Icelandic officials.",
        ),
    ],
)
def test_one_view_of_one_speaker_is_one_statement(a, b):
    assert cluster([a, b]) == [[0, 1]]


def test_number_normalisation():
    assert numbers("US$ 2,415 billion") == numbers("US$ 2.415 billion") == numbers("$2.415 bn") == ("2415e9",)
    assert numbers("12 crore rupees") == ("12e7",) and numbers("12 lakh") == ("12e5",) != numbers("12 million")
    assert numbers("29.5 per cent") == numbers("29.50%") == ("295%",)
    assert numbers("on 9 November 1991") == ("1991", "9", "m11")
    assert numbers("almost two decades") == ()
    assert numbers("aggression from a third state") == ()
    assert numbers("the third-largest supplier") == ("o3",)


def test_representative_is_most_informative_then_first():
    texts = [
        "Trade grew.",
        "Bilateral trade grew strongly in the first half.",
        "Bilateral trade grew strongly in a half.",
    ]
    assert representative(texts) == 1
    assert representative(["Same words here.", "Same words here."]) == 0


def test_groups_cover_every_index_once_in_order():
    texts = ["A cat sat.", "Dogs bark loudly at night.", "A cat sat.", "Dogs bark loudly at night!"]
    groups = cluster(texts)
    assert groups == [[0, 2], [1, 3]]
    assert cluster([]) == []


def _synthetic(n, seed=7):
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
        for _ in range(6000)
    ]
    weights = [1 / (r + 1) for r in range(len(vocab))]
    texts, twins = [], []
    for _ in range(n):
        words = rng.choices(vocab, weights, k=rng.randint(8, 24))
        if rng.random() < 0.4:
            words.append(str(rng.randint(1990, 2024)))
        texts.append(" ".join(words) + ".")
        if rng.random() < 0.05:
            twins.append((len(texts) - 1, len(texts)))
            texts.append(" ".join(words[1:] + ["again"]) + ".")
    return texts, twins


def test_blocking_scales_without_all_pairs(monkeypatch):
    texts, twins = _synthetic(6000)
    calls = []
    real = dedupe.score
    monkeypatch.setattr(dedupe, "score", lambda *a, **k: calls.append(1) or real(*a, **k))
    start = time.perf_counter()
    groups = cluster(texts)
    elapsed = time.perf_counter() - start
    where = {i: k for k, g in enumerate(groups) for i in g}
    found = sum(where[i] == where[j] for i, j in twins)
    assert found >= 0.95 * len(twins)
    assert len(calls) < 0.01 * len(texts) ** 2 / 2, "scored far too many pairs"
    assert elapsed < 20


_PAIR_ORDER_SCRIPT = """
import random
from briefing import dedupe
rng = random.Random(7)
words = "border crossing ministers fisheries accord anchovy railway freight harbour pipeline tariff " \
    "treaty embassy visa students pilgrims festival museum airline route refinery copper cobalt".split()
texts = [" ".join(rng.sample(words, 7)) + "." for _ in range(40)]
bags = [frozenset(dedupe.content_words(t)) for t in texts]
idf = dedupe._idf(bags)
print(list(dedupe._candidates(list(range(len(texts))), bags, idf)))
"""


def test_candidate_pairs_come_in_the_same_order_in_every_process():
    """String hashing differs per process (PYTHONHASHSEED): the pairs, and so the groups, must not."""
    import os
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", _PAIR_ORDER_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4", "5")
    }
    assert len(outputs) == 1, outputs
    assert next(iter(outputs)).count("(") > 20  # many pairs, many orders they could come in
