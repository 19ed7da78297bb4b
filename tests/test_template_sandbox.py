"""Issue 10, finding 3: a templates folder cannot run code, read files outside itself,
or turn a title into markup; ./templates can be ignored with --no-local-templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pdf, render
from briefing.errors import TemplateError
from briefing.resources import DEFAULT_TEMPLATES

sys.path.insert(0, str(Path(__file__).parent))
from test_render import make_briefing, make_rows  # noqa: E402

PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner.__init__.__globals__.os.system('true') }}",
]


def user_templates(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES, folder)
    main = folder / render.MAIN_TEMPLATE
    text = main.read_text(encoding="utf-8")
    at = text.index("{% if skipped %}")
    main.write_text(text[:at] + f"<p>{body}</p>\n" + text[at:], encoding="utf-8")
    return folder


@pytest.mark.parametrize("payload", PAYLOADS)
def test_templates_cannot_reach_python(tmp_path, payload):
    folder = user_templates(tmp_path, payload)
    with pytest.raises(TemplateError) as caught:
        render.render_markup(make_briefing(), make_rows(), None, folder)
    message = str(caught.value)
    assert message.startswith("templates/briefing.xml.j2:") or f"{folder}" in message, message
    assert "uid=" not in message and "root:" not in message


def test_plain_template_logic_still_works(tmp_path):
    folder = user_templates(
        tmp_path, "{{ countries | join(' and ') | upper }} {{ '%d' % 7 }} {% for s in skipped %}[{{ s }}]{% endfor %}"
    )
    markup = render.render_markup(make_briefing(), make_rows(), None, folder)
    assert "ALPHA AND BETA 7 [d_broken.txt: not text]" in markup


def test_an_include_through_a_symlink_leaving_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE", encoding="utf-8")
    folder = user_templates(tmp_path, '{% include "leak.j2" %}')
    os.symlink(secret, folder / "leak.j2")
    with pytest.raises(TemplateError) as caught:
        render.render_markup(make_briefing(), make_rows(), None, folder)
    assert "leak.j2: symbolic link leaving the templates folder" in str(caught.value)
    assert "TOP SECRET" not in str(caught.value)


def test_a_symlinked_main_template_leaving_the_folder_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(DEFAULT_TEMPLATES, outside)
    folder = tmp_path / "templates"
    folder.mkdir()
    os.symlink(outside / render.MAIN_TEMPLATE, folder / render.MAIN_TEMPLATE)
    with pytest.raises(TemplateError, match="symbolic link leaving the templates folder"):
        render.render_markup(make_briefing(), make_rows(), None, folder)


def test_a_symlink_inside_the_folder_is_fine(tmp_path):
    folder = user_templates(tmp_path, '{% include "part.j2" %}')
    (folder / "real_part.j2").write_text("inner part text", encoding="utf-8")
    os.symlink(folder / "real_part.j2", folder / "part.j2")
    assert "inner part text" in render.render_markup(make_briefing(), make_rows(), None, folder)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed to read the PDF back")
@pytest.mark.parametrize("title", ["<b>Bold</b> & co", "Aid <font size=30>big</font>", "x <br/> y & <i>z"])
def test_section_titles_print_as_written_in_the_contents_list(tmp_path, title):
    from xml.sax.saxutils import quoteattr

    markup = (
        f'<document title="T" author="" subject="" keywords="" creator="" marking="" header="">'
        f'<contents title="Contents"/><section id="s1" title={quoteattr(title)}><p>Body text.</p></section>'
        f"</document>"
    )
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf.build_pdf(markup))
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count(title) >= 2, text  # in the contents list and as the heading


def write_project(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Oslo, 3 March 2021: Norway and Portugal agreed to widen fisheries cooperation.\n\n"
        "Trade between Norway and Portugal reached $2.1 billion in 2020.\n",
        encoding="utf-8",
    )
    user_templates(tmp_path, "LOCAL TEMPLATE MARKER")
    return tmp_path


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed to read the PDF back")
def test_no_local_templates_ignores_the_working_folders_templates(tmp_path):
    project = write_project(tmp_path)

    def build(*extra):
        out = project / "out" / f"b{len(extra)}.pdf"
        subprocess.run(
            [sys.executable, "-m", "briefing", "-q", "build", "--out", str(out), *extra],
            cwd=project,
            check=True,
            timeout=120,
        )
        return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout

    assert "LOCAL TEMPLATE MARKER" in build()
    assert "LOCAL TEMPLATE MARKER" not in build("--no-local-templates")
