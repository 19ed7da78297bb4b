"""The layout language as a contract: documented, checked, and the look set without Python."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str

from briefing import layout
from briefing.cli import main
from conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")


def brief(tmp_path: Path, toml: str = "") -> Path:
    """A folder made by `briefing init`, with the example seeds and ``toml`` as briefing.toml."""
    folder = tmp_path / "brief"
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, folder / "seeds")
    (folder / "briefing.toml").write_text(toml, encoding="utf-8")
    return folder


def build(folder: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["build", "--force"])
    return result.exit_code, result.output


def fill(color: str) -> str:
    """The PDF operator that sets ``color`` as the fill colour, as reportlab writes it."""
    c = HexColor(color)
    return f"{fp_str(c.red, c.green, c.blue)} rg"


def content(pdf: Path) -> str:
    return "".join(page.get_contents().get_data().decode("latin-1") for page in PdfReader(pdf).pages)


def word_height(pdf: Path, word: str) -> float:
    """Height of the first box of ``word`` in the PDF (pdftotext -bbox): its font size, near enough."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    m = re.search(rf'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}</word>', xml)
    assert m, word
    return float(m.group(2)) - float(m.group(1))


# --------------------------------------------------------------------------- the contract


def test_every_element_and_attribute_is_documented_with_an_example():
    examples = "\n".join(re.findall(r"```xml\n(.*?)```", DOC, re.S))
    for element, attributes in layout.ELEMENTS.items():
        assert re.search(rf"^### .*`<{re.escape(element)}>`", DOC, re.M), element
        assert re.search(rf"<{re.escape(element)}[\s/>]", examples), f"no example of <{element}>"
        for attribute in attributes:
            assert re.search(rf"<{re.escape(element)}\b[^>]*\s{re.escape(attribute)}=", examples), (
                f"no example of <{element} {attribute}=>"
            )


def test_the_default_templates_keep_to_the_language():
    files = [(p.name, p) for p in (ROOT / "templates").glob("*.j2")]
    assert files and layout.check_templates(files) == []


@pytest.mark.parametrize(
    "text, problem",
    [
        ('<section title="x">\n  <statment cite="1">text</statment>\n</section>', (2, "unknown element <statment>")),
        (
            '<statements>\n<statement cite="{{ s.cite }}" sources="{{ s.files }}">x</statement>',
            (2, "no attribute 'sources'"),
        ),
        ('{% if a %}\n\n<chart title="t"\n   colour="red">{% endif %}', (4, "no attribute 'colour'")),
    ],
)
def test_a_template_outside_the_language_is_named_by_line(text, problem):
    found = layout.check_template(text)
    assert len(found) == 1 and found[0][0] == problem[0] and problem[1] in found[0][1]


def test_jinja_code_and_comments_are_not_read_as_markup():
    text = (
        '{# <bogus> #}\n{{ m.trade_table(table, columns=["a"] | join(",")) }}\n'
        '<fact label="{{ "<x>" if a else b }}">{% if x %}<b>y</b>{% endif %}</fact>\n'
        '<bar label="{{ b.label }}"{% for s in series %} {{ s }}="{{ b[s] }}"{% endfor %}/>'
    )
    assert layout.check_template(text) == []


@pytest.mark.parametrize(
    "old, new, marker, problem",
    [
        (
            "{{ m.more_note(more.security) }}",
            "<statment>Our own line.</statment>",
            "<statment>",
            "unknown element <statment>",
        ),
        (
            'title="Security and defence"',
            'title="Security and defence" colour="red"',
            'colour="red"',
            "no attribute 'colour'",
        ),
    ],
)
def test_unknown_element_or_attribute_in_a_user_template_fails_the_build_naming_file_and_line(
    tmp_path, monkeypatch, old, new, marker, problem
):
    folder = brief(tmp_path)
    stub = folder / "templates" / "briefing.xml.j2"
    assert old in stub.read_text(encoding="utf-8")
    stub.write_text(stub.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    (folder / "out" / "briefing.pdf").write_bytes(b"%PDF-old")
    code, output = build(folder, monkeypatch)
    line = next(i for i, t in enumerate(stub.read_text().splitlines(), 1) if marker in t)
    assert code != 0 and f"templates/briefing.xml.j2:{line}: " in output and problem in output
    assert (folder / "out" / "briefing.pdf").read_bytes() == b"%PDF-old"


def test_a_bad_number_or_a_dynamic_name_is_caught_in_the_document():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(
        '<document><chart><bar label="2020" exports="12.5x"/><bar label="2021" totl="3"/></chart></document>'
    )
    assert layout.check_document(root) == ["<bar exports>: '12.5x' is not a number", "<bar> has no attribute 'totl'"]


# --------------------------------------------------------------------------- templates people can live in


def test_init_writes_a_stub_that_extends_the_default_and_an_edited_block_shows(tmp_path, monkeypatch):
    folder = brief(tmp_path)
    stub = folder / "templates" / "briefing.xml.j2"
    assert '{% extends "default/briefing.xml.j2" %}' in stub.read_text(encoding="utf-8")
    assert build(folder, monkeypatch)[0] == 0
    assert "Security and defence" in pdf_text(folder / "out" / "briefing.pdf")
    stub.write_text(
        stub.read_text(encoding="utf-8").replace('title="Security and defence"', 'title="Borders and policing"'),
        encoding="utf-8",
    )
    code, output = build(folder, monkeypatch)
    assert code == 0, output
    text = pdf_text(folder / "out" / "briefing.pdf")
    assert "Borders and policing" in text and "Security and defence" not in text
    assert "Relations history" in text and "Sources" in text  # the rest is the default's


# --------------------------------------------------------------------------- the look


def test_a_colour_and_a_font_size_from_briefing_toml_change_the_pdf(tmp_path, monkeypatch):
    folder = brief(tmp_path)
    assert build(folder, monkeypatch)[0] == 0
    plain = folder / "out" / "plain.pdf"
    (folder / "out" / "briefing.pdf").rename(plain)
    (folder / "briefing.toml").write_text('[style]\nheading-color = "#8B1E3F"\nfont-size = 12\n', encoding="utf-8")
    assert build(folder, monkeypatch)[0] == 0
    styled = folder / "out" / "briefing.pdf"
    assert fill("#1F3A5F") in content(plain) and fill("#8B1E3F") not in content(plain)
    assert fill("#8B1E3F") in content(styled) and fill("#1F3A5F") not in content(styled)
    ratio = word_height(styled, "unquestioned") / word_height(plain, "unquestioned")
    assert ratio == pytest.approx(12 / 9.5, rel=0.05)


def test_the_look_can_come_from_a_template_block_and_briefing_toml_wins(tmp_path, monkeypatch):
    folder = brief(tmp_path, "[style]\nfont-size = 11\n")
    stub = folder / "templates" / "briefing.xml.j2"
    stub.write_text(
        stub.read_text(encoding="utf-8")
        + '{% block style %}<style heading-color="#2E7D32" font-size="8"/>{% endblock %}\n',
        encoding="utf-8",
    )
    assert build(folder, monkeypatch)[0] == 0
    pdf = folder / "out" / "briefing.pdf"
    assert fill("#2E7D32") in content(pdf)
    (folder / "briefing.toml").write_text("", encoding="utf-8")
    small = folder / "out" / "small.pdf"
    assert build(folder, monkeypatch)[0] == 0
    (folder / "out" / "briefing.pdf").rename(small)
    (folder / "briefing.toml").write_text("[style]\nfont-size = 11\n", encoding="utf-8")
    assert build(folder, monkeypatch)[0] == 0
    assert word_height(pdf, "unquestioned") / word_height(small, "unquestioned") == pytest.approx(11 / 8, rel=0.05)


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[style]\nheading-colour = "#000000"\n', "briefing.toml:2: unknown style 'heading-colour'"),
        ('[style]\nfont-size = "big"\n', "briefing.toml:2: style 'font-size' must be a number"),
        ("[style]\nmargin-x = 0\n", "briefing.toml:2: style 'margin-x': '0' must be more than 0"),
        ('title = "x"\n[style]\nrule-color = "grey"\n', "briefing.toml:3: style 'rule-color': 'grey' is not a colour"),
    ],
)
def test_bad_style_settings_are_named_with_their_line(tmp_path, monkeypatch, toml, message):
    folder = brief(tmp_path, toml)
    code, output = build(folder, monkeypatch)
    assert code == 1 and message in output


def test_the_font_family_from_briefing_toml_is_the_one_embedded(tmp_path, monkeypatch):
    folder = brief(tmp_path, '[style]\nfont = "DejaVuSerif"\n')
    assert build(folder, monkeypatch)[0] == 0
    listing = subprocess.run(
        ["pdffonts", str(folder / "out" / "briefing.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVuSerif" in listing and "DejaVuSans" not in listing
    (folder / "briefing.toml").write_text('[style]\nfont = "Comic"\n', encoding="utf-8")
    code, output = build(folder, monkeypatch)
    assert code == 1 and "briefing.toml:2: style 'font': 'Comic' is not a font family we embed" in output
