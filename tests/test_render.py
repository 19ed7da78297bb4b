"""render.render_markup: templates decide the document; source text stays data."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from briefing import render
from briefing.config import Settings
from briefing.errors import TemplateError
from briefing.model import Briefing, Conflict, ConflictValue, MergedEvent, MergedShare, Source, Statement, TradeRow

ROOT = Path(__file__).resolve().parent.parent
NASTY = "AT&T <2% <b>x</b> {{ 7*7 }} {% raw %}"


def make_briefing(**overrides) -> Briefing:
    """A small hand-made briefing between two invented countries."""
    docs = (
        Source(
            "a_first.txt",
            "ab" * 32,
            "2021-03-04",
            ("Alphaville", "Betaburg"),
            "NWS",
            ("Alpha and Beta signed a treaty on Tuesday in the capital city of Alpha.",),
        ),
        Source(
            "b_second.txt",
            "cd" * 32,
            "2022-06-25",
            ("Betaburg",),
            None,
            ("Славянский базар opened in Віцебск with guests from Ελλάδα.",),
        ),
        Source("c_third.txt", "ef" * 32, None, (), None, ()),
    )
    trade = (
        TradeRow("2020", True, "Beta", "Alpha", 29.5e9, 13.1e9, 16.4e9, "XAU", ("a_first.txt",)),
        TradeRow("2021", True, "Beta", "Alpha", 40.1e9, 16.4e9, 23.7e9, "XAU", ("a_first.txt", "b_second.txt")),
    )
    base = dict(
        countries=("Alpha", "Beta"),
        reporter="Beta",
        documents=docs,
        sections={
            "history": (Statement("Relations with Alpha were established long ago.", ("a_first.txt",)),),
            "economy": (Statement(f"Trade grew; {NASTY} said so.", ("a_first.txt", "b_second.txt")),),
            "security": (),
            "social_cultural": (
                Statement("Славянский базар opened in Віцебск; guests from Ελλάδα came.", ("b_second.txt",)),
            ),
        },
        events=(
            MergedEvent(
                1992,
                "1992-06-25",
                True,
                "Diplomatic relations were established.",
                "30th anniversary on 25 June 2022",
                ("b_second.txt",),
            ),
            MergedEvent(1999, None, False, "A union treaty was signed.", None, ("a_first.txt", "b_second.txt")),
        ),
        trade=trade,
        shares=(MergedShare("2021", 49.0, "Alpha's share of Beta's foreign trade", ("b_second.txt",)),),
        conflicts=(
            Conflict(
                "2021", "total", (ConflictValue(40.1e9, ("a_first.txt",)), ConflictValue(40.12e9, ("b_second.txt",)))
            ),
        ),
        warnings=("2020: total differs from exports + imports",),
        skipped=("d_broken.txt: not text",),
    )
    base.update(overrides)
    return Briefing(**base)


def make_rows() -> list[dict]:
    return [
        {
            "period": "2020",
            "label": "2020",
            "partial": "",
            "total": "29.5 bn",
            "exports": "13.1 bn",
            "imports": "16.4 bn",
            "balance": "\u22123.3 bn",
            "change": "",
            "share": "47.9%",
            "sources": ["a_first.txt"],
            "conflict": "",
        },
        {
            "period": "2021",
            "label": "2021",
            "partial": "",
            "total": "40.1 bn",
            "exports": "16.4 bn",
            "imports": "23.7 bn",
            "balance": "\u22127.3 bn",
            "change": "+35.9%",
            "share": "49%",
            "sources": ["a_first.txt", "b_second.txt"],
            "conflict": "yes",
        },
        {
            "period": "2022-01..2022-05",
            "label": "Jan\u2013May 2022",
            "partial": "yes",
            "total": "15.0 bn",
            "exports": "",
            "imports": "",
            "balance": "",
            "change": "",
            "share": "",
            "sources": ["b_second.txt"],
            "conflict": "",
        },
    ]


def markup(briefing=None, rows=None, settings=None, templates_dir=None) -> ET.Element:
    text = render.render_markup(
        briefing or make_briefing(), make_rows() if rows is None else rows, settings, templates_dir
    )
    return ET.fromstring(text)


def edited_templates(tmp_path: Path) -> Path:
    """A user's copy of the main template: sections renamed and reordered, a column dropped."""
    src = (ROOT / "templates" / "briefing.xml.j2").read_text(encoding="utf-8")
    start = src.index('<section id="history"')
    end = src.index('<section id="security"')
    history_economy = src[start:end]
    sec_start = end
    sec_end = src.index('<section id="discrepancies"')
    security_social = src[sec_start:sec_end]
    src = src[:start] + security_social + history_economy + src[sec_end:]
    src = src.replace('title="Security and defence"', 'title="Defence matters"')
    src = src.replace('title="Relations history"', 'title="Chronicle of ties"')
    src, n = re.subn(r"columns=.*,\n", 'columns="label,total,exports,imports,change",\n', src, count=1)
    assert n == 1
    folder = tmp_path / "mytemplates"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text(src, encoding="utf-8")
    return folder


def section_titles(root: ET.Element) -> list[str]:
    return [s.get("title") for s in root.iter("section")]


def test_default_sections_in_template_order():
    titles = section_titles(markup())
    assert titles[:4] == ["Relations history", "Economy and trade", "Security and defence", "Social and cultural ties"]


def test_source_text_is_data_not_markup_or_template_code():
    root = markup()
    texts = [s.text for s in root.iter("statement")]
    assert f"Trade grew; {NASTY} said so." in texts
    assert not any("49" in t for t in texts)


def test_statements_cite_sources_in_document_order():
    b = make_briefing(sections={"history": (Statement("Both said Alpha signed it.", ("b_second.txt", "a_first.txt")),)})
    (st,) = markup(b).iter("statement")
    assert st.get("cite") == "1, 2"
    sources = [s.get("file") for s in markup(b).iter("source")]
    assert sources == ["a_first.txt", "b_second.txt", "c_third.txt"]


def test_unknown_source_file_still_gets_a_number():
    b = make_briefing(sections={"security": (Statement("Stray troops crossed into Beta.", ("zz_missing.txt",)),)})
    root = markup(b)
    (st,) = root.iter("statement")
    assert st.get("cite") == "4"
    assert [s.get("n") for s in root.iter("source")][-1] == "4"


def test_empty_section_prints_nothing_found_line():
    root = markup()
    security = next(s for s in root.iter("section") if s.get("id") == "security")
    notes = [e.text for e in security.iter("empty-note")]
    assert notes and "nothing" in notes[0].lower()
    assert not list(security.iter("statement"))


def test_title_defaults_to_country_pair_and_date_to_newest_source():
    root = markup()
    assert root.get("title") == "Alpha\u2013Beta Relations"
    assert root.find("title-block/title").text == "Alpha\u2013Beta Relations"
    lines = [e.text for e in root.iter("line")]
    assert "Updated 25 June 2022" in lines


def test_settings_override_title_author_marking_date():
    root = markup(
        settings=Settings(title="Custom", author="Desk B", marking="RESTRICTED", date="2023-01-02", subtitle="Sub")
    )
    assert root.get("title") == "Custom" and root.get("author") == "Desk B"
    assert root.get("marking") == "RESTRICTED"
    assert root.find("title-block/subtitle").text == "Sub"
    assert "Updated 2 January 2023" in [e.text for e in root.iter("line")]


def test_trade_table_marks_conflicts_and_partial_periods():
    table = markup().find(".//trade-table")
    rows = table.findall("row")
    assert [c.get("key") for c in table.findall("column")] == [
        "label",
        "total",
        "exports",
        "imports",
        "balance",
        "change",
        "share",
    ]
    marked = [
        (r.find("cell[@key='label']").text, c.get("key"))
        for r in rows
        for c in r.findall("cell")
        if c.get("mark") == "conflict"
    ]
    assert marked == [("2021", "total")]
    assert rows[2].get("partial") == "yes"
    assert "partial" in rows[2].find("cell[@key='label']").text


def test_key_facts_use_latest_full_year():
    facts = {f.get("label"): f.text for f in markup().iter("fact")}
    assert facts["Trade in 2021"] == "40.1 bn, +35.9% on 2020"  # cells arrive formatted
    assert "Beta" in facts["Balance in 2021"] and "\u22127.3 bn" in facts["Balance in 2021"]
    assert facts["Share"].startswith("49%: ")
    assert facts["Sources"] == "3 articles, 4 March 2021 to 25 June 2022"


def test_without_a_total_key_facts_and_overview_give_both_flows_and_a_computed_balance():
    trade = (
        TradeRow("2022", True, "Beta", "Alpha", None, 13.1e9, 16.4e9, "XAU", ("a_first.txt",)),
        TradeRow("2023", True, "Beta", "Alpha", None, 16.4e9, 12.2e9, "XAU", ("b_second.txt",)),
    )
    rows = [
        {
            "period": p,
            "label": p,
            "partial": "",
            "total": "",
            "exports": e,
            "imports": i,
            "balance": b,
            "change": "",
            "share": "",
            "sources": [s],
            "conflict": "",
        }
        for p, e, i, b, s in (
            ("2022", "13.1 bn", "16.4 bn", "\u22123.3 bn", "a_first.txt"),
            ("2023", "16.4 bn", "12.2 bn", "4.2 bn", "b_second.txt"),
        )
    ]
    root = markup(make_briefing(trade=trade, conflicts=()), rows)
    facts = {f.get("label"): f.text for f in root.iter("fact")}
    assert facts["Trade in 2023"] == "Beta\u2019s exports XAU 16.4 bn, imports XAU 12.2 bn"
    assert facts["Balance in 2023"] == "Surplus of XAU 4.2 bn (computed)"
    overview = " ".join("".join(root.find(".//overview").itertext()).split())
    assert (
        "Beta had a surplus of XAU 4.2 bn with Alpha (computed: exports of XAU 16.4 bn minus imports of "
        "XAU 12.2 bn [2])" in overview
    )


def test_conflict_values_formatted_distinctly_with_sources():
    (conflict,) = markup().iter("conflict")
    values = [(v.text, v.get("cite")) for v in conflict.iter("value")]
    assert values == [("XAU 40.1 bn", "1"), ("XAU 40.12 bn", "2")]
    assert "2020: total differs from exports + imports" in [w.text for w in markup().iter("warning")]


def test_format_amount_and_date():
    assert render.format_amount(-7.3e9, "USD") == "\u2212$7.3 bn"
    assert render.format_amount(950e6, "EUR") == "€950 mn"
    assert render.format_distinct([1.0001e9, 1.0002e9], "XAU") == ["XAU 1.0001 bn", "XAU 1.0002 bn"]
    assert render.format_date("2022-06-25") == "25 June 2022"
    assert render.format_date("2022-06") == "June 2022"
    assert render.format_date("sometime") == "sometime"


def test_chart_needs_two_full_years():
    root = markup()
    bars = [b.get("label") for b in root.iter("bar")]
    assert bars == ["2020", "2021"]
    b = make_briefing()
    one = make_briefing(trade=b.trade[:1])
    assert not list(markup(one).iter("chart"))


def test_timeline_marks_derived_dates():
    events = list(markup().iter("event"))
    assert events[0].get("when") == "25 June 1992*"
    assert events[0].get("note") == "derived from: 30th anniversary on 25 June 2022"
    assert events[1].get("when") == "1999" and events[1].get("note") is None


def test_characters_xml_cannot_carry_are_dropped():
    b = make_briefing(sections={"history": (Statement("Beta: Form\x0cfeed\x00.", ("a_first.txt",)),)})
    assert [s.text for s in markup(b).iter("statement")] == ["Beta: Formfeed."]


def test_empty_briefing_renders():
    b = Briefing(countries=(), reporter=None, documents=(), sections={}, events=(), trade=(), shares=(), conflicts=())
    root = markup(b, rows=[])
    assert len(list(root.iter("empty-note"))) >= 4
    assert root.find(".//trade-table") is None


def _broken(tmp_path, line_text) -> tuple[Path, int]:
    lines = (ROOT / "templates" / "briefing.xml.j2").read_text(encoding="utf-8").splitlines()
    at = lines.index("<title-block>") + 1
    lines.insert(at, line_text)
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, at + 1


@pytest.mark.parametrize("bad", ["{{ doc.title( }}", "{{ no_such_thing.attr }}", "{% for x in %}{% endfor %}"])
def test_broken_template_names_file_and_line(tmp_path, bad):
    folder, line = _broken(tmp_path, bad)
    with pytest.raises(TemplateError) as err:
        markup(templates_dir=folder)
    assert f"briefing.xml.j2:{line}:" in str(err.value)


def test_template_producing_bad_xml_is_a_template_error(tmp_path):
    folder, _ = _broken(tmp_path, "<p>unclosed")
    with pytest.raises(TemplateError, match="briefing.xml.j2.*not well-formed"):
        markup(templates_dir=folder)


def test_user_template_shadows_default_and_macros_fall_back(tmp_path):
    root = markup(templates_dir=edited_templates(tmp_path))
    titles = section_titles(root)
    assert titles[:4] == ["Defence matters", "Social and cultural ties", "Chronicle of ties", "Economy and trade"]
    cols = [c.get("key") for c in root.find(".//trade-table").findall("column")]
    assert cols == ["label", "total", "exports", "imports", "change"]


def test_chart_falls_back_to_totals_and_meta_can_come_with_rows():
    b = make_briefing()
    totals_only = make_briefing(trade=tuple(replace(t, exports=None, imports=None) for t in b.trade))
    root = ET.fromstring(
        render.render_markup(totals_only, {"rows": make_rows(), "reporter": "Alpha", "currency": "XAU"})
    )
    chart = root.find(".//chart")
    assert chart.get("series") == "total" and chart.get("unit") == "XAU bn"
    assert [b.get("total") for b in chart.iter("bar")] == ["29.5", "40.1"]
    assert "Alpha\u2019s side" in root.find(".//trade-table/caption").text
