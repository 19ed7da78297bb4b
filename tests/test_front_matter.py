"""Front matter of .txt/.md seeds: metadata, never statement text."""

import pytest

from briefing.readers import read_source
from briefing.readers.text import split_front_matter


@pytest.mark.parametrize(
    "text",
    [
        '---\ntitle: "Chile and Peru: copper and fish"\noutlet: Andes Wire\nurl: https://example.org/a\n'
        "date: 2023-03-14\nauthor: Ana Souza\nlanguage: en\n---\nChile and Peru signed a deal.\n",
        "Title: Chile and Peru: copper and fish\nSource: Andes Wire\nURL: https://example.org/a\nDate: 14 March 2023\n"
        "Author: Ana Souza\nLanguage: en\n\nChile and Peru signed a deal.\n",
        "---\ntitle: Chile and Peru: copper and fish\npublisher: Andes Wire\nlink: https://example.org/a\n"
        "published: March 14, 2023\nby: Ana Souza\nlang: en\n---\n\nChile and Peru signed a deal.\n",
    ],
)
def test_three_wordings_of_front_matter(text):
    meta, rest = split_front_matter(text)
    assert (meta.title, meta.outlet, meta.url, meta.date, meta.date_source, meta.author, meta.language) == (
        "Chile and Peru: copper and fish",
        "Andes Wire",
        "https://example.org/a",
        "2023-03-14",
        "front matter",
        "Ana Souza",
        "en",
    )
    assert rest.strip() == "Chile and Peru signed a deal."


@pytest.mark.parametrize(
    "text",
    [
        "Published: 14 March 2023\nGhana and Togo met.\n",  # a date line with text under it
        "Accra, 14 March 2023 (GNA): Ghana and Togo met.\n\nMore text.\n",  # a dateline
        "Note: Ghana and Togo met.\n\nMore.\n",  # an unknown key
        "---\nnot closed\n\nGhana and Togo met.\n",
        "---\nGhana and Togo met in Accra.\n---\nThey agreed on power lines.\n",  # Markdown rules around text
    ],
)
def test_not_front_matter(text):
    meta, rest = split_front_matter(text)
    assert meta.title is None and meta.date is None and rest == text


def test_front_matter_is_metadata_not_statements(tmp_path):
    p = tmp_path / "n.md"
    p.write_text(
        "---\ntitle: Ghana and Togo sign a rail deal.\noutlet: East Africa Desk\ndate: 2022-05-02\n"
        "extra: [1, 2]\n---\n# Heading\n\nGhana and Togo signed a rail deal in Kampala.\n",
        encoding="utf-8",
    )
    src = read_source(p, "n.md")
    assert src.paragraphs == ("Ghana and Togo signed a rail deal in Kampala.",)
    assert (src.title, src.outlet, src.date, src.date_source, src.format) == (
        "Ghana and Togo sign a rail deal.",
        "East Africa Desk",
        "2022-05-02",
        "front matter",
        "markdown",
    )
    assert not any("East Africa Desk" in d for d in src.dropped)


def test_broken_yaml_still_read_as_key_lines(tmp_path):
    meta, rest = split_front_matter("---\ntitle: Oslo: a [broken\ndate: 2021-02-03\n---\nNorway and Sweden met.\n")
    assert (meta.title, meta.date) == ("Oslo: a [broken", "2021-02-03") and rest == "Norway and Sweden met.\n"


@pytest.mark.parametrize("lang, name", [("fr", "French"), ("pt-BR", "Portuguese"), ("de_AT", "German")])
def test_declared_language_the_extractor_does_not_read(tmp_path, lang, name):
    p = tmp_path / "x.md"
    p.write_text(f"---\nlanguage: {lang}\n---\nUn texte.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"written in {name} \({lang.lower().replace('_', '-')}\)"):
        read_source(p, "x.md")
    p.write_text("---\nlanguage: en-GB\n---\nNorway and Sweden met.\n", encoding="utf-8")
    assert read_source(p, "x.md").language == "en-GB"
