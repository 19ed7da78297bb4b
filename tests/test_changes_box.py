"""The "Changes since" box: a revised figure and an added source show in the next PDF."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main
from conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent


def test_changes_box_after_a_revision(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    out = tmp_path / "out" / "b.pdf"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)]).exit_code == 0
    assert "Changes since" not in pdf_text(out)
    first = sorted(seeds.glob("*.txt"))[0]
    first.write_text(first.read_text().replace("$40.1 billion", "$41.2 billion"))
    (seeds / "zz_new.txt").write_text("Minsk, 1 July 2022 (XYZ): The two presidents met in Minsk on Friday.\n")
    result = runner.invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(out).split())
    assert "Changes since 25 June 2022" in text
    assert "zz_new.txt" in text.split("Contents")[0]
    assert "2021 total: $40.1 bn → $41.2 bn" in text
