"""briefing.toml becomes a frozen, typed Settings; derived values are fields, not extra keys."""

import dataclasses

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.config import Settings, load_settings


def write(tmp_path, text):
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    assert load_settings(tmp_path / "briefing.toml") == Settings()
    assert Settings().seeds == "seeds" and Settings().out == "out/briefing.pdf"


def test_values_are_typed_and_derived_once(tmp_path):
    s = load_settings(
        write(
            tmp_path,
            'title = "T"\nmax_seed_mb = 1.5\nkeywords = ["a", "b"]\n'
            'countries = ["Fiji", "Tonga"]\n[sections]\nfarming = ["crop", "harvest"]\n',
        )
    )
    assert s.title == "T" and s.max_seed_bytes == int(1.5 * 1024 * 1024)
    assert s.keywords == ("a", "b") and s.countries == ("Fiji", "Tonga")
    assert s.sections == {"farming": ("crop", "harvest")}
    assert "max_seed_mb" not in s.as_dict() and "sections_keywords" not in s.as_dict()


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().title = "x"  # type: ignore[misc]


def test_templates_key_names_the_templates_folder(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "briefing.xml.j2").write_text("{{ broken", encoding="utf-8")
    write(tmp_path, 'templates = "mine"\n')
    (tmp_path / "seeds" / "a.txt").write_text("Chile and Peru signed a treaty on 1 May 2020.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code != 0 and "mine/briefing.xml.j2:1" in result.output


ARTICLE_ONE = """Lima, 3 March 2023 (Andes Wire): Chile and Peru opened a new gas pipeline near the border on Friday.

The pipeline will carry natural gas from Peruvian fields to Chilean power plants.

Astronomers from both countries will share observing time on a new telescope in the Atacama desert.
"""
ARTICLE_TWO = """Santiago, 10 April 2023 (Sur Press): Chile and Peru agreed to link their electricity grids by 2027.

Peru will sell surplus hydropower to Chile through the new interconnector.

Chile and Peru plan a second observatory, with a larger telescope, near Arica.
"""


def test_a_section_added_in_briefing_toml_is_in_the_extract_json(tmp_path, monkeypatch):
    import json

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (tmp_path / "seeds" / "b.txt").write_text(ARTICLE_TWO, encoding="utf-8")
    write(tmp_path, '[sections]\nastronomy = ["telescope", "observatory", "astronomer"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 0, result.output
    sections = json.loads(result.stdout)["sections"]
    assert list(sections)[:4] == ["history", "economy", "security", "social_cultural"]
    astronomy = " ".join(s["text"] for s in sections["astronomy"])
    assert "new telescope" in astronomy and "second observatory" in astronomy
