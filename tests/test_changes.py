"""changes.compute: what the "Changes since <date>" box and the JSON `changes` say."""

from __future__ import annotations

from briefing.changes import compute, figure_changes, new_events


def doc(name, sha="a"):
    return {"file": name, "date": "2024-01-01", "places": [], "agency": None, "sha256": sha}


def row(period, total=None, exports=None, imports=None, sources=("a.txt",), currency="USD", reporter="Aland"):
    return {
        "period": period,
        "full_year": True,
        "reporter": reporter,
        "partner": "Borduria",
        "total": total,
        "exports": exports,
        "imports": imports,
        "currency": currency,
        "sources": list(sources),
    }


def event(year, text, sources=("a.txt",)):
    return {"year": year, "date": None, "derived": False, "text": text, "how": None, "sources": list(sources)}


def extract(docs=(), trade=(), events=()):
    return {"documents": list(docs), "trade": list(trade), "events": list(events)}


def test_sources_added_removed_and_changed():
    old = extract([doc("a.txt"), doc("b.txt"), doc("c.txt", "1")])
    new = extract([doc("a.txt"), doc("c.txt", "2"), doc("d.txt")])
    changes = compute(old, new, "2024-05-02T10:00:00+00:00")
    assert changes["sources_added"] == ["d.txt"]
    assert changes["sources_removed"] == ["b.txt"]
    assert changes["sources_changed"] == ["c.txt"]
    assert changes["previous_date"] == max(d["date"] for d in old["documents"])  # the old "Updated" date
    assert changes["previous_built"] == "2024-05-02T10:00:00+00:00"
    assert changes["empty"] is False


def test_revised_new_and_removed_figures_carry_old_new_and_sources():
    old = [row("2020", total=10.0, exports=4.0), row("2021", total=12.0)]
    new = [row("2020", total=11.0, exports=4.0, sources=("b.txt",)), row("2022", imports=3.0, sources=("c.txt",))]
    got = {(f["period"], f["field"]): f for f in figure_changes(old, new)}
    assert set(got) == {("2020", "total"), ("2021", "total"), ("2022", "imports")}
    revised = got[("2020", "total")]
    assert (revised["kind"], revised["old"], revised["new"], revised["sources"]) == ("revised", 10.0, 11.0, ["b.txt"])
    assert got[("2021", "total")]["kind"] == "removed" and got[("2021", "total")]["new"] is None
    assert got[("2021", "total")]["sources"] == ["a.txt"]
    assert got[("2022", "imports")]["kind"] == "new" and got[("2022", "imports")]["old"] is None


def test_unchanged_figures_and_float_noise_are_not_changes():
    old = [row("2020", total=0.1 + 0.2)]
    new = [row("2020", total=0.3, sources=("a.txt", "b.txt"))]
    assert figure_changes(old, new) == []


def test_currency_change_is_a_revision():
    got = figure_changes([row("2020", total=5.0)], [row("2020", total=5.0, currency="EUR")])
    assert [(f["kind"], f["currency"], f["old_currency"]) for f in got] == [("revised", "EUR", "USD")]


def test_rows_from_the_other_reporter_are_other_figures():
    got = figure_changes([row("2020", exports=1.0)], [row("2020", exports=1.0, reporter="Borduria")])
    assert sorted(f["kind"] for f in got) == ["new", "removed"]


def test_new_events_only():
    old = [event(1992, "Relations were established.")]
    new = [event(1992, "Relations were established.", ("a.txt", "b.txt")), event(2023, "A treaty was signed.")]
    assert new_events(old, new) == [{"year": 2023, "date": None, "text": "A treaty was signed.", "sources": ["a.txt"]}]


def test_nothing_changed_is_empty():
    data = extract([doc("a.txt")], [row("2020", total=1.0)], [event(2000, "x")])
    changes = compute(data, data, None)
    assert changes["empty"] is True
    assert changes["figures"] == [] and changes["new_events"] == []
