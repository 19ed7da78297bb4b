"""Ranking under the cap: the pair's substance first, third-country trade last."""

from briefing.config import Settings
from briefing.model import Briefing, Source, Statement
from briefing.ranking import pair_focus, score
from briefing.render import select

PAIRS = [("Chile", "Peru"), ("Ghana", "Togo"), ("Norway", "Sweden")]


def test_pair_focus_orders_pair_over_third_countries():
    for a, b in PAIRS:
        assert pair_focus(f"{a} and {b} signed a fisheries pact.", (a, b)) == 2
        assert pair_focus(f"{a} opened a new port.", (a, b)) == 1
        assert pair_focus("Exports to Japan rose 4 per cent.", (a, b)) == -2
        assert pair_focus("Japan and Brazil held talks.", (a, b)) == -1


def test_agreement_between_the_pair_beats_third_country_trade_cited_more():
    for a, b in PAIRS:
        agreement = f"The presidents of {a} and {b} signed a border treaty in Lima in 2019."
        dispute = f"{a} filed a case against {b} at the International Court of Justice in 2014."
        third = "Exports to China reached $9.4 billion, ahead of the United States."
        assert score(agreement, ["1"], (a, b)) > score(third, ["1", "2", "3", "4"], (a, b))
        assert score(dispute, ["1"], (a, b)) > score(third, ["1", "2", "3", "4"], (a, b))


def test_cap_keeps_substance_and_says_how_many_more():
    pair = ("Ghana", "Togo")
    filler = [
        Statement(f"Exports to Japan of item {n} rose to {n} million dollars.", ("a.txt", "b.txt", "c.txt"))
        for n in range(1, 9)
    ]
    key = Statement("The presidents of Ghana and Togo signed an agreement on a joint border post in 2021.", ("a.txt",))
    briefing = Briefing(
        countries=pair,
        reporter=None,
        documents=(Source("a.txt", "0" * 64, "2021-05-01", (), None, ("x",)),),
        sections={"history": (), "economy": tuple(filler) + (key,), "security": (), "social_cultural": ()},
        events=(),
        trade=(),
        shares=(),
        conflicts=(),
    )
    chosen, _, more = select(briefing, Settings(max_statements=3))
    assert chosen["economy"][0] is key
    assert len(chosen["economy"]) == 3 and more["economy"] == 6


def test_thin_lead_in_ranks_below_a_statement_of_fact():
    pair = ("Norway", "Sweden")
    assert score("Politics has shaped the numbers.", ["1", "2"], pair) < score(
        "The ferry between the two ports carried 200,000 passengers.", ["1"], pair
    )
