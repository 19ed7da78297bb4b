"""Feedback on long builds: a bar only on a terminal and for big work; -v logs stage times."""

import logging
from pathlib import Path

from click.testing import CliRunner

from briefing import progress
from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_bar_drawn_only_when_enabled_and_large(capsys):
    progress.enable(True)
    try:
        with progress.bar("extracting", progress.MIN_ITEMS) as bar:
            for _ in range(progress.MIN_ITEMS):
                bar.update()
        assert "extracting" in capsys.readouterr().err
        with progress.bar("small", 3) as bar:
            bar.update(3)
        assert "small" not in capsys.readouterr().err
    finally:
        progress.enable(False)
    with progress.bar("off", 10_000) as bar:
        bar.update(10_000)
    assert capsys.readouterr().err == ""


def test_build_not_on_a_terminal_prints_no_bar_and_v_logs_stages(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="briefing"):
        result = CliRunner().invoke(
            main, ["-v", "build", "--seeds", str(ROOT / "seeds"), "--out", str(tmp_path / "b.pdf")]
        )
    assert result.exit_code == 0, result.output
    assert "rendering" not in result.output and "extracting" not in result.output
    for name in ("read", "extract", "merge", "layout"):
        assert any(r.getMessage().startswith(f"{name}: ") and r.getMessage().endswith(" s") for r in caplog.records), (
            name
        )
