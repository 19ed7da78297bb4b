"""The render process: a forked child renders exactly what this process would, or this process renders.

pytest has the render libraries loaded already, so the tests that want the child
say it is ``worthwhile`` themselves; one test runs the command line in a fresh
process, where the build decides on its own.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing.build
from briefing import render_process
from briefing.build import Options, attempt, collect, lay_out, make_markup, render, run
from briefing.cli import main
from briefing.errors import TemplateError

ROOT = Path(__file__).resolve().parent.parent

# Written for these tests: two pairs of countries, trade figures, a timeline, text the font cannot show.
ARTICLES = {
    "kenya_uganda": {
        "a.txt": "Nairobi, 3 March 2021: Kenya and Uganda signed a customs accord on Tuesday. "
        "Exports from Kenya to Uganda reached $640 million in 2020, the statistics office said.\n\n"
        "Kenyan officials said trade with Uganda should double by 2025.\n",
        "b.txt": "Kampala, 9 May 2022: Trade between Uganda and Kenya was worth $1.1 billion in 2021. "
        "The presidents of Uganda and Kenya met in April 2022 to open a new border post.\n\n"
        "A banner at the post read 欢迎 in large letters.\n",
    },
    "chile_peru": {
        "one.md": "# Chile and Peru widen their trade pact\n\nLima, 14 July 2019: Chile and Peru agreed on "
        "Friday to widen their 2006 trade agreement. Peru exported $1.4 billion of goods to Chile in 2018.\n",
        "two.txt": "Santiago, 2 February 2020: Imports from Peru into Chile fell to 1.2 billion dollars in 2019, "
        "customs said. The foreign ministers of Chile and Peru will meet in March 2020.\n",
        "three.txt": "Lima, 20 August 2020: Peru and Chile held talks on a new rail link in August 2020.\n",
    },
}


def seeds_of(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    if name == "example":
        shutil.copytree(ROOT / "seeds", folder)
        return folder
    folder.mkdir()
    for file, text in ARTICLES[name].items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Every fork of this process, recorded (the parent's side)."""
    made: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return made


def ahead(monkeypatch, on: bool, mode: str = "") -> None:
    """Make the build fork its render process (``on``), as a fresh command-line process would, or not.

    ``mode``: "markup", the child makes the markup and this process lays it out (the briefing
    came first); "pdf", the child does both (it had started on reportlab); "": as it happens.
    """
    monkeypatch.setattr(render_process, "_loaded", lambda: not on)

    def waits(self) -> bool:
        self._whole = self._next()[0] == "whole"
        return self._whole

    if mode:
        monkeypatch.setattr(render_process.RenderProcess, "_poll", waits if mode == "pdf" else lambda self: False)


def starts(options, make_markup=make_markup, lay_out=lay_out):
    return render_process.start(options, make_markup, lay_out)


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def messages(records) -> list[str]:
    """Log lines with their timings blanked, and without the render process's own debug lines."""
    return [
        re.sub(r"\d+\.\d\d s", "_ s", r.getMessage())
        for r in records
        if not r.getMessage().startswith("render process")
    ]


@pytest.mark.parametrize("mode", ["markup", "pdf"])
@pytest.mark.parametrize("name", ["example", "kenya_uganda", "chile_peru"])
def test_the_child_and_this_process_write_the_same_pdf_and_log_the_same_lines(
    tmp_path, monkeypatch, caplog, forks, name, mode
):
    seeds = seeds_of(tmp_path, name)
    results = {}
    for on in (True, False):
        ahead(monkeypatch, on, mode)
        caplog.clear()
        out = tmp_path / f"out_{on}" / "b.pdf"
        with caplog.at_level(logging.INFO, logger="briefing"):
            assert run(Options(seeds=seeds, out=out)).status == "rebuilt"
        results[on] = out.read_bytes(), messages(caplog.records)
        assert len(forks) == 1  # the first build only
        assert reaped(forks[0])
    assert results[True][0] == results[False][0]
    assert results[True][1] == [line.replace("out_False", "out_True") for line in results[False][1]]
    if name == "kenya_uganda":  # a warning made while rendering: once, after merging, before the PDF is written
        lines = results[True][1]
        shown = [i for i, line in enumerate(lines) if "cannot show" in line]
        assert len(shown) == 1
        assert lines.index("merge: _ s") < shown[0] < next(i for i, x in enumerate(lines) if x.startswith("wrote"))


def test_a_template_error_in_the_child_reaches_the_user_as_the_same_one_line_error(tmp_path, monkeypatch, forks):
    seeds = seeds_of(tmp_path, "chile_peru")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.xml.j2").write_text("<briefing>\n{{ no_such_name.x }}\n</briefing>\n")
    monkeypatch.chdir(tmp_path)
    said = {}
    for on in (True, False):
        ahead(monkeypatch, on)
        result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", f"out{on}/b.pdf", "--force"])
        said[on] = result.exit_code, result.output
        assert not Path(f"out{on}/b.pdf").exists()
    assert said[True] == said[False]
    assert said[True][0] == 1 and "error: templates/briefing.xml.j2:2:" in said[True][1]
    assert len(forks) == 1 and reaped(forks[0])


def test_errors_that_do_not_pickle_still_reach_the_user(tmp_path, monkeypatch):
    class Unpicklable(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a} and {b}")

    def fails(briefing, options):
        raise Unpicklable("this", "that")

    def fails_plainly(briefing, markup, options):
        raise TemplateError("briefing.xml.j2:3: no such thing")

    options = Options(seeds=seeds_of(tmp_path, "chile_peru"), out=tmp_path / "b.pdf")
    briefing = collect(options)
    ahead(monkeypatch, True, "pdf")
    with starts(options, fails) as renderer:
        assert renderer.pid is not None
        with pytest.raises(RuntimeError, match="^Unpicklable: this and that$"):
            renderer.render(briefing)
    with starts(options, lay_out=fails_plainly) as renderer:
        with pytest.raises(TemplateError) as raised:
            renderer.render(briefing)
    assert str(raised.value) == "briefing.xml.j2:3: no such thing"
    assert "in the render process" in raised.value.__notes__[0]  # --debug shows where it happened


@pytest.mark.parametrize("mode", ["markup", "pdf"])
@pytest.mark.parametrize("when", ["while loading", "while rendering"])
def test_a_killed_child_leaves_the_rendering_to_this_process(tmp_path, monkeypatch, caplog, forks, when, mode):
    seeds = seeds_of(tmp_path, "kenya_uganda")
    ahead(monkeypatch, False)
    plain = tmp_path / "plain" / "b.pdf"
    run(Options(seeds=seeds, out=plain))
    here = os.getpid()

    def dies_in_the_child(*args):
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return make_markup(*args)

    if when == "while loading":
        monkeypatch.setattr(render_process, "_load_markup", lambda: dies_in_the_child())
    else:
        monkeypatch.setattr(briefing.build, "make_markup", dies_in_the_child)
    ahead(monkeypatch, True, mode)
    out = tmp_path / "ahead" / "b.pdf"
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="briefing"):
        assert run(Options(seeds=seeds, out=out)).status == "rebuilt"
    assert out.read_bytes() == plain.read_bytes()
    assert len(forks) == 1 and reaped(forks[0])
    lines = [r.getMessage() for r in caplog.records]
    assert any("rendering in this process" in line for line in lines)
    assert sum("cannot show" in line for line in lines) == 1


def test_no_child_is_left_behind(tmp_path, monkeypatch, capfd):
    options = Options(seeds=seeds_of(tmp_path, "chile_peru"), out=tmp_path / "b.pdf")
    ahead(monkeypatch, True)
    # nothing to render: the child reads the end of its pipe and ends quietly, with status 0
    renderer = starts(options)
    renderer._send.close()
    assert os.waitpid(renderer.pid, 0)[1] == 0
    renderer.pid = None
    renderer.close()
    assert capfd.readouterr() == ("", "")
    # the build failed before rendering, or was interrupted
    for failure in (KeyError, KeyboardInterrupt):
        with pytest.raises(failure), starts(options) as renderer:
            pid = renderer.pid
            raise failure("x")
        assert reaped(pid)
    # a render error, and a success
    briefing = collect(options)
    for fn in (lambda b, o: 1 / 0, make_markup):
        with starts(options, fn) as renderer:
            pid = renderer.pid
            try:
                renderer.render(briefing)
            except ZeroDivisionError:
                pass
        assert reaped(pid)


def test_a_fork_that_fails_leaves_the_rendering_to_this_process(tmp_path, monkeypatch):
    import errno

    def fails():
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    seeds = seeds_of(tmp_path, "chile_peru")
    ahead(monkeypatch, False)
    run(Options(seeds=seeds, out=tmp_path / "plain" / "b.pdf"))
    ahead(monkeypatch, True)
    monkeypatch.setattr(os, "fork", fails)
    assert run(Options(seeds=seeds, out=tmp_path / "b.pdf")).status == "rebuilt"
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "plain" / "b.pdf").read_bytes()


def test_an_up_to_date_build_starts_no_process(tmp_path, monkeypatch, forks):
    ahead(monkeypatch, True)
    options = Options(seeds=seeds_of(tmp_path, "chile_peru"), out=tmp_path / "b.pdf")
    assert run(options).status == "rebuilt"
    assert len(forks) == 1
    assert run(options).status == "up to date"
    assert len(forks) == 1


def test_a_build_from_a_thread_renders_in_this_process(tmp_path, monkeypatch, forks):
    ahead(monkeypatch, True)
    options = Options(seeds=seeds_of(tmp_path, "kenya_uganda"), out=tmp_path / "b.pdf")
    outcomes = []
    thread = threading.Thread(target=lambda: outcomes.append(attempt(options)))
    thread.start()
    thread.join()
    assert outcomes[0].status == "rebuilt" and forks == []
    ahead(monkeypatch, False)
    assert render(outcomes[0].briefing, options) == options.out.read_bytes()


def test_worker_processes_and_the_render_process_together(tmp_path, monkeypatch, forks):
    """The render process is stopped while the workers (forked after it) run; the PDF is the same."""
    import briefing.extract as ex

    monkeypatch.setattr(ex, "PARALLEL_MIN", 2)
    states = []
    real = ex.Workers.map_chunks

    def state(pid: int) -> str:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]

    def watched(self, fn, chunks, n, progress=None):
        if self.parallel(n) and forks and not reaped(forks[0]):  # the render process: workers start on first need
            for _ in range(500):  # a signal is delivered soon after kill() returns, not before
                if state(forks[0]) == "T":
                    break
                time.sleep(0.01)
            states.append(state(forks[0]))
        return real(self, fn, chunks, n, progress)

    monkeypatch.setattr(ex.Workers, "map_chunks", watched)
    seeds = seeds_of(tmp_path, "chile_peru")
    out = {}
    for on in (True, False):
        ahead(monkeypatch, on)
        out[on] = tmp_path / f"out{on}" / "b.pdf"
        assert run(Options(seeds=seeds, out=out[on])).status == "rebuilt"
        if on:
            assert states == ["T", "T"]  # stopped while reading, and while extracting
            assert len(forks) >= 3 and all(reaped(pid) for pid in forks)  # the render process and the workers
    assert out[True].read_bytes() == out[False].read_bytes()


def test_the_command_line_in_a_fresh_process(tmp_path):
    """Where the build decides for itself: the PDF of the render process, its -v lines, and -q silent."""
    seeds = seeds_of(tmp_path, "kenya_uganda")
    run_cli = [sys.executable, "-m", "briefing"]
    done = subprocess.run(
        [*run_cli, "-vv", "build", "--seeds", str(seeds), "--out", str(tmp_path / "a" / "b.pdf")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    lines = done.stderr.splitlines()
    assert any(line.startswith("render process") and "started" in line for line in lines)
    assert sum("cannot show" in line for line in lines) == 1
    order = [next(i for i, line in enumerate(lines) if line.startswith(s)) for s in ("merge:", "layout:", "wrote")]
    assert order == sorted(order)
    quiet = subprocess.run(
        [*run_cli, "-q", "build", "--seeds", str(seeds), "--out", str(tmp_path / "q" / "b.pdf")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert (quiet.stdout, quiet.stderr) == ("", "")
    options = Options(seeds=seeds, out=tmp_path / "b.pdf")
    assert (tmp_path / "a" / "b.pdf").read_bytes() == render(collect(options), options)


def test_the_render_process_loads_pandas_without_blas_threads():
    """OpenBLAS would start a spinning thread per CPU at numpy's import, taking CPU from the build."""
    import subprocess
    import sys

    code = (
        "import os\n"
        "from briefing.render_process import _load_markup\n"
        "_load_markup()\n"
        "print(len(os.listdir('/proc/self/task')), os.environ['OPENBLAS_NUM_THREADS'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "1"]
    env["OPENBLAS_NUM_THREADS"] = "2"  # a user's own setting is kept
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split()[1] == "2"
