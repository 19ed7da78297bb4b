"""`briefing init`, then a build inside the new folder; briefing.toml settings and errors."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main
from conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent


def test_init_then_build_inside_the_folder(tmp_path, monkeypatch):
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "brief")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "brief"
    for part in ("seeds/README", "briefing.toml", "templates/briefing.xml.j2", "out"):
        assert (folder / part).exists(), part
    assert not (folder / "templates" / "macros.xml.j2").exists()  # inherited, not copied
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, folder / "seeds")
    (folder / "briefing.toml").write_text(
        'title = "Desk Brief: Two Neighbours"\nmarking = "RESTRICTED"\nauthor = "Analysis Unit"\n'
    )
    monkeypatch.chdir(folder)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    text = pdf_text(folder / "out" / "briefing.pdf")
    assert "Desk Brief: Two Neighbours" in text
    assert text.count("RESTRICTED") >= 3  # every page
    assert "Analysis Unit" in text


def test_init_never_overwrites(tmp_path):
    (tmp_path / "briefing.toml").write_text("title = 'mine'\n")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "briefing.toml").read_text() == "title = 'mine'\n"
    assert "kept existing" in result.output


def test_config_errors_listed_with_lines_then_exit_1(tmp_path, monkeypatch):
    (tmp_path / "briefing.toml").write_text('title = "x"\ncolour = "red"\nmax_statements = "ten"\n')
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "briefing.toml:2: unknown key 'colour'" in result.output
    assert "briefing.toml:3: 'max_statements' must be int" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "briefing.pdf").exists()


def test_config_countries_reporter_and_table_columns(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "briefing.toml").write_text(
        'reporter = "Russia"\n[table]\ncolumns = ["label", "total", "exports", "imports"]\n'
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "briefing.pdf")
    assert "Exports of Russia" in text
    assert "Balance" not in text.split("Trade between")[1].split("Trade by year")[0]


def test_section_keywords_from_config(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "briefing.toml").write_text('[sections]\nsocial_cultural = ["festival", "theatre", "cinema"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 0, result.output
    import json

    social = json.loads(result.stdout)["sections"]["social_cultural"]
    assert social and all(any(w in s["text"].lower() for w in ("festival", "theatre", "cinema")) for s in social)
