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
    s = load_settings(write(tmp_path, 'title = "T"\nmax_seed_mb = 1.5\nkeywords = ["a", "b"]\n'
                                      'countries = ["Fiji", "Tonga"]\n[sections]\nfarming = ["crop", "harvest"]\n'))
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
