"""The program's exit (``cli.run``): what a normal exit would print and return, without the teardown."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from briefing import __version__
from briefing.cli import _may_end_now, main

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = [sys.executable, "-m", "briefing"]


def test_everything_printed_arrives_and_the_exit_code_is_kept(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        for k in range(3):  # more JSON than the output buffer holds
            (seeds / f"{k}_{i}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["-q", "extract", "--seeds", str(seeds)]
    done = subprocess.run([*PROGRAM, *args], capture_output=True, text=True, cwd=tmp_path)
    expected = CliRunner().invoke(main, args)
    assert done.returncode == 0 == expected.exit_code
    assert len(done.stdout) > 8192 and done.stdout == expected.output


def test_an_error_exits_1_with_its_line(tmp_path):
    args = ["build", "--seeds", str(tmp_path / "none"), "--out", str(tmp_path / "b.pdf")]
    done = subprocess.run([*PROGRAM, *args], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"error: seeds folder not found: {tmp_path / 'none'}\n"
    usage = subprocess.run([*PROGRAM, "build", "--no-such-option"], capture_output=True, text=True, cwd=tmp_path)
    assert usage.returncode == 2 and "No such option" in usage.stderr


def test_the_installed_command_exits_the_same_way(tmp_path):
    command = Path(sys.executable).parent / "briefing"
    done = subprocess.run([str(command), "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"briefing, version {__version__}\n")


def test_a_running_thread_gets_the_usual_exit():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not _may_end_now()
    finally:
        stop.set()
        thread.join()
