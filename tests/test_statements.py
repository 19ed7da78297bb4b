"""Whole thoughts: bare anaphors join the sentence before, quotations stay whole, connectives drop from print."""

import pytest

from briefing.extract.sentences import open_quote
from briefing.merge import merge_sections
from briefing.model import Extraction, Sentence
from briefing.statements import depends, print_text, printable, strip_connective, thin, units


@pytest.mark.parametrize(
    "text, printed",
    [
        ("Thus, it assists its members to trade freely.", "It assists its members to trade freely."),
        ("In addition, the two navies train together.", "The two navies train together."),
        ("Most importantly, Chile and Peru agreed on fisheries.", "Chile and Peru agreed on fisheries."),
        ("As a result the balance tilted in favour of Ghana.", "The balance tilted in favour of Ghana."),
        ("Since then, ferries have sailed twice a week.", "Ferries have sailed twice a week."),
        ("Hence the name of the bridge.", "Hence the name of the bridge."),  # no comma: not a connective
        ("However, Norway disagreed.", "However, Norway disagreed."),  # a contrast stays
        ("Alsoland signed the treaty.", "Alsoland signed the treaty."),
    ],
)
def test_connective_dropped_from_print_only(text, printed):
    assert print_text(text) == printed


@pytest.mark.parametrize(
    "text",
    [
        "It was the first visit by a Peruvian leader in a decade.",
        "They agreed to reopen the consulate.",
        "Its navy joined the drill.",
        "These include a fisheries pact and a visa waiver.",
        "The latter has objected to the dam.",
        "Noteworthy, they continue building a shared database.",
        "Also, she met the Ghanaian delegation.",
        "\u201cIt is a good day,\u201d she said.",
    ],
)
def test_bare_anaphors_depend_on_the_sentence_before(text):
    assert depends(text) and not printable(text)


@pytest.mark.parametrize(
    "text",
    [
        "This year's summit was held in Lima.",
        "Those who fled the floods settled in Accra.".replace("Those who", "Refugees who"),
        "Italy and Slovenia signed a border treaty.",
        "Itinerant traders cross the border daily.",
        "Thereafter the two sides met yearly.",
    ],
)
def test_ordinary_openings_stand_alone(text):
    assert not depends(text)


def test_units_join_anaphors_and_quotes():
    sents = [
        "Chile and Peru signed a fisheries pact in 2019.",
        "It was the first in forty years.",
        "They also agreed to meet yearly.",
        "Exports of copper rose.",
        "\u201cWe will build the bridge.",
        "It will carry trains too,\u201d the Peruvian minister said.",
        "The ferry still runs.",
    ]
    assert units(sents) == [[0, 1, 2], [3], [4, 5], [6]]
    assert open_quote(sents[4]) and not open_quote(" ".join(sents[4:6]))


def test_unit_without_a_head_is_left_alone():
    assert units(["It rained in Lima.", "Ghana exports cocoa."]) == [[0], [1]]


def test_long_chain_is_cut():
    sents = ["Norway sent a frigate."] + [f"It sailed for {n} days." for n in range(2, 9)]
    groups = units(sents)
    assert all(len(g) <= 4 for g in groups) and sum(map(len, groups)) == len(sents)


def test_strip_connective_keeps_the_rest_verbatim():
    assert (
        strip_connective("Furthermore, the ministers of Kenya and Ghana met.")
        == "The ministers of Kenya and Ghana met."
    )


def _ex(file, texts, sections):
    return Extraction(
        file, "0" * 64, {}, tuple(Sentence(t, s, i) for i, (t, s) in enumerate(zip(texts, sections))), (), (), ()
    )


def test_merged_statement_joins_anaphor_with_both_citations():
    a = _ex(
        "a.txt",
        ["Ghana and Togo opened a joint border post at Aflao in 2021.", "It cut crossing times for lorries by half."],
        ["security", "economy"],
    )
    b = _ex("b.txt", ["It cut crossing times for lorries by half."], ["economy"])
    sections = merge_sections([a, b])
    flat = [(name, s) for name, items in sections.items() for s in items]
    joined = [s for _, s in flat if s.text.startswith("Ghana and Togo")]
    assert len(joined) == 1 and "It cut crossing times" in joined[0].text
    assert joined[0].sources == ("a.txt", "b.txt")
    # the lone copy in b.txt is the same fact: folded into the joined statement, not printed again
    assert not any(s.text == "It cut crossing times for lorries by half." for _, s in flat)


def test_every_statement_in_one_section_only():
    a = _ex("a.txt", ["Peru and Chile held naval exercises off Arica in May 2022."], ["security"])
    b = _ex("b.txt", ["In May 2022 Peru and Chile held naval exercises off Arica."], ["history"])
    sections = merge_sections([a, b])
    assert sum(len(v) for v in sections.values()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Politics has shaped the numbers.",
        "Military ties have kept pace.",
        "The momentum carried into this year.",
    ],
)
def test_thin_lead_ins_are_recognised(text):
    assert thin(text) and printable(text)  # not printed (render._statements), ranked last (test_ranking)


@pytest.mark.parametrize(
    "text",
    [
        "Trade rose 12 per cent in 2021.",
        "Peru recalled its ambassador.",
        "The two navies held joint search and rescue drills off the northern coast.",
    ],
)
def test_short_statements_with_a_figure_or_a_name_are_not_thin(text):
    assert not thin(text)


@pytest.mark.parametrize(
    "text",
    [
        "The same month, the king announced a fund for the port.",
        "At the same meeting, the ministers signed a visa waiver.",
    ],
)
def test_the_same_depends_on_what_came_before(text):
    assert depends(text)


@pytest.mark.parametrize(
    "sentence, article, day",
    [
        ("The presidents of Ghana and Togo opened a border post at Aflao yesterday.", "2024-03-14", "2024-03-13"),
        ("Chile and Peru signed a fisheries pact in Lima yesterday.", "2023-01-01", "2022-12-31"),
        ("Norway and Sweden signed a rail agreement yesterday in Oslo.", "2021-06-09", "2021-06-08"),
    ],
)
def test_yesterday_is_the_day_before_the_article(sentence, article, day):
    from briefing.extract.events import extract_events

    events = extract_events([sentence], article, "a.txt")
    assert [e.date for e in events] == [day]


def test_no_join_onto_a_sentence_the_timeline_prints():
    sents = ["Chile and Peru signed a fisheries pact in Lima on 9 October 2023.", "It was the first in forty years."]
    assert units(sents) == [[0, 1]]
    assert units(sents, closed={0}) == [[0], [1]]  # "It was ..." alone: kept in the JSON, not printed


def test_whole_gives_a_dependent_sentence_what_it_depends_on():
    from briefing.statements import whole

    sents = [
        "Norway and Sweden opened a rail link at Narvik in 2019.",
        "It was the first in a century.",
        "They also agreed on customs checks.",
        "Ferries still run.",
    ]
    assert whole(sents[1], sents) == " ".join(sents[:2])
    assert whole(sents[2], sents) == " ".join(sents[:3])
    assert whole(sents[3], sents) == sents[3]
    assert whole("It rained.", sents) == "It rained."


def test_timeline_restatements_are_one_row_citing_both():
    from briefing.model import Briefing, MergedEvent
    from briefing.render import _event_rows

    a = MergedEvent(
        2001,
        None,
        False,
        "The ferry treaty between Chile and Peru, signed in Arica in July 2001, "
        "was renewed for another ten years in June 2021.",
        None,
        ("a.txt",),
    )
    b = MergedEvent(
        2021,
        None,
        False,
        "In June the presidents of Chile and Peru renewed for ten more years the "
        "ferry treaty signed in Arica in July 2001.",
        None,
        ("b.txt",),
    )
    c = MergedEvent(2021, None, False, "Norway opened a consulate in Lima in 2021.", None, ("c.txt",))
    briefing = Briefing(
        countries=("Chile", "Peru"),
        reporter=None,
        documents=(),
        sections={},
        events=(a, b, c),
        trade=(),
        shares=(),
        conflicts=(),
    )
    rows = _event_rows(briefing)
    assert len(rows) == 2
    assert sorted(rows[0]["sources"]) == ["a.txt", "b.txt"] and rows[1]["text"].startswith("Norway")


@pytest.mark.parametrize(
    "text",
    [
        "In a similar manner, they have set up a joint border commission.",
        "In the same way, it funds student exchanges between Accra and Lagos.",
        "Equally, they plan a visa waiver for Chilean and Peruvian students.",
    ],
)
def test_a_similarity_connective_before_an_anaphor_depends(text):
    from briefing.statements import depends

    assert depends(text)


@pytest.mark.parametrize(
    "sents",
    [
        [
            "The ministers of Chile and Peru met in Arica on 3 May 2019, and officials said the fishing quota was next.",
            "That meeting ended with a pledge to clear the mines along the border.",
        ],
        [
            "Ghana's president visited Lome in March 2015 and spoke of a rail line to Accra.",
            "The visit produced the first customs accord between the two neighbours.",
        ],
        [
            "Norway and Iceland signed a herring deal in Reykjavik in 1996, though quotas stayed in dispute.",
            "It was the first accord between them on fish.",
        ],
    ],
)
def test_a_dependent_sentence_the_timeline_tells_is_not_added_to_a_statement(sents):
    """The timeline prints it with what it depends on; the sentence before may have more to say."""
    from briefing.statements import units

    assert units(sents) == [[0, 1]]
    assert units(sents, closed={1}) == [[0], [1]]


@pytest.mark.parametrize(
    "sents, joined",
    [
        (["Ghana's president visited Lome in March 2015.", "The two-day visit produced a customs accord."], True),
        (["Baku and Ankara signed a gas deal in June 2014.", "The deal runs for thirty years."], True),
        (["The navies of Chile and Peru met off Arica for drills in 2019.", "The exercise involved six ships."], True),
        # the sentence before introduces no such event: "The visit" is some other one
        (["Ghana's exports of cocoa to Togo rose in 2015.", "The visit produced a customs accord."], False),
        # a named agreement is no anaphor
        (
            ["Baku and Ankara signed a gas deal in June 2014.", "The Caspian Agreement of 2018 is another matter."],
            False,
        ),
    ],
)
def test_a_subject_naming_the_event_just_told_joins_it(sents, joined):
    from briefing.statements import units

    assert (units(sents) == [[0, 1]]) is joined


@pytest.mark.parametrize(
    "lead, event, clause",
    [
        (
            "Putin's envoy said the border treaty had made the frontier a belt of calm.",
            "It built on an earlier step: in 1996 the two capitals proclaimed a partnership.",
            False,
        ),
        (
            "Ghana's grants to Togo had reached $60 million by the end of 2020.",
            "Those grants follow the pledge made by the president during his visit to Lome in May 2019, "
            "including $20 million for roads.",
            True,
        ),
        (
            "The ferry line between Tallinn and Helsinki carries most of the trucks.",
            "Its first crossing was made on 3 May 1991 after the ports were rebuilt.",
            False,
        ),
    ],
)
def test_a_sentence_a_timeline_row_prints_before_its_event_is_no_statement(lead, event, clause):
    """The row prints the event's sentence after the one it depends on: a statement would repeat that one."""
    from briefing.merge import merge_statements

    ex = _ex("a.txt", [lead, event, "Trade between the two grew steadily."], ["history", "history", "economy"])
    dated = event.split(", including")[0] if clause else event  # an event may be its narrating clause
    sections, covered = merge_statements([ex], timeline=frozenset({dated}))
    printed = [s.text for items in sections.values() for s in items if s.text not in covered and s.text != event]
    assert not any(lead in t for t in printed), printed
    assert any("grew steadily" in t for t in printed)
