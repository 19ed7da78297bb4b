"""``briefing init DIR``: a ready briefing folder, like ``mkdocs new``.

Existing files are never overwritten, so running it twice, or in a folder that
already has seeds, is safe.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefing.atomic import create_new

log = logging.getLogger("briefing")

SEEDS_NOTE = """\
Put the articles and notes for this briefing here, one file each: text (.txt, .md),
saved web pages (.html, .htm), PDFs (.pdf) or Word files (.docx).
`briefing add URL` fetches a page and saves it here.

A text file may start with front matter that says where it comes from:

    ---
    title: Trade between the two countries hit a record
    outlet: Example News
    url: https://example.org/story
    date: 2022-06-25
    ---

or with a wire-style dateline; either gives the date from which "last year" or
"30th anniversary" are counted:

    Moscow/Minsk, 25 June 2022 (TDI): First sentence of the article...

Then run `briefing build` in the folder above; the PDF is written to out/briefing.pdf.
This note's name ends in none of those suffixes, so it is not read as a source.
"""

CONFIG = """\
# briefing.toml: settings for `briefing build` run in this folder. Every key is optional.

# title = "Country A–Country B Relations"    # default: from the two countries found
# subtitle = "Background brief"
# author = "Research Department"
# marking = "UNCLASSIFIED // FOR OFFICIAL USE"  # printed on every page
# keywords = ["bilateral relations", "trade"]

# countries = ["Country A", "Country B"]     # default: the pair the sources name most
# reporter = "Country A"                      # side from which exports/imports are stated

# seeds = "seeds"
# out = "out/briefing.pdf"
# max_seed_mb = 20                            # larger seed files are skipped with a warning
# max_statements = 25                         # statements per section in the PDF (all are in the JSON)

# Keyword lists decide which section a sentence goes to (word stems are matched).
# A list here replaces that section's defaults; a new name adds a section (always in
# the JSON), which the PDF prints once templates/briefing.xml.j2 has a <section> for it
# (block more_sections).
# [sections]
# security = ["security", "defence", "military", "border", "police", "crime"]

# [table]
# columns = ["label", "total", "exports", "imports", "balance", "change", "share"]

# The look (every key in docs/templates.md); it wins over the templates' <style>.
# [style]
# heading-color = "#1F3A5F"
# font = "DejaVuSerif"                        # or DejaVuSans
# font-size = 9.5                             # body text, points
# margin-x = 20                               # left and right margins, mm
"""


TEMPLATE = """\
{#- Your briefing.xml.j2: the default layout, with the blocks you override here.
    Only what you change lives in this file, so fixes to the default reach you.
    Blocks: style, title_block, key_facts, changes, contents, history, economy,
    security, social_cultural, more_sections, discrepancies, sources.
    Elements, attributes and style keys: docs/templates.md. Example of a look:
      {% block style %}<style heading-color="#7A1F1F" font-size="10"/>{% endblock %}
-#}
{% extends "default/briefing.xml.j2" %}

{% block security %}
<section id="security" title="Security and defence">
{{ m.statements(sections.security, empty="Nothing on security cooperation was found in the sources.") }}
{{ m.more_note(more.security) }}
</section>
{% endblock %}
"""


def init_project(dest: Path) -> tuple[list[Path], list[Path]]:
    """Create the folder layout; return (created, kept) paths."""
    files = {
        dest / "seeds" / "README": SEEDS_NOTE,
        dest / "briefing.toml": CONFIG,
        dest / "out" / ".gitkeep": "",
    }
    files[dest / "templates" / "briefing.xml.j2"] = TEMPLATE
    created, kept = [], []
    for path, text in files.items():
        if _exists(path):
            kept.append(path)
            continue
        _create(path, text)
        created.append(path)
    return created, kept


def _exists(path: Path) -> bool:
    """Present, or a symbolic link (even a dangling one: writing through it would land elsewhere)."""
    if path.is_symlink() and not path.exists():
        log.warning("kept %s: a symbolic link to a missing file; not written through", path)
    return path.exists() or path.is_symlink()


def _create(path: Path, text: str) -> None:
    """Write a new file whole; never replace one, nor write through a symbolic link put in its place meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    create_new(path, text.encode("utf-8"))
