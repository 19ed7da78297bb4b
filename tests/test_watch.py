"""briefing watch: rebuild after edits, debounce bursts, see atomic saves, survive failures, stop cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.build import Options
from briefing.config import load_settings
from briefing.watch import make_filter, watch_loop

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "seeds").glob("*.txt"))


class Recorder:
    """The on_build callback: keeps every outcome and lets a test wait for the n-th."""

    def __init__(self):
        self.outcomes = []
        self.cv = threading.Condition()

    def __call__(self, outcome):
        with self.cv:
            self.outcomes.append(outcome)
            self.cv.notify_all()

    def wait_for(self, n: int, timeout: float = 20) -> bool:
        with self.cv:
            return self.cv.wait_for(lambda: len(self.outcomes) >= n, timeout)

    def settle(self, quiet: float = 2.5, timeout: float = 30) -> int:
        """Wait until no build has started for ``quiet`` seconds; return the number of builds."""
        end = time.monotonic() + timeout
        with self.cv:
            while time.monotonic() < end:
                n = len(self.outcomes)
                self.cv.wait(quiet)
                if len(self.outcomes) == n:
                    break
            return len(self.outcomes)


@pytest.fixture
def watching(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, seeds / path.name)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "out" / "briefing.pdf"
    config = tmp_path / "briefing.toml"

    def load():
        return Options(seeds=seeds, out=out, templates=templates, settings=load_settings(config))

    recorder, stop = Recorder(), threading.Event()
    thread = threading.Thread(
        target=watch_loop, args=(load, stop, recorder, config), kwargs={"echo": lambda line: None}, daemon=True
    )
    thread.start()
    assert recorder.wait_for(1), "no first build"
    assert recorder.outcomes[0].status == "rebuilt"
    yield seeds, templates, out, config, recorder
    stop.set()
    thread.join(5)
    assert not thread.is_alive()


def edit(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_editing_a_seed_rebuilds_the_pdf(watching):
    seeds, _, out, _, recorder = watching
    before = out.read_bytes()
    target = sorted(seeds.iterdir())[0]
    edit(target, "The ministers also discussed cultural exchanges between universities.")
    assert recorder.wait_for(2)
    assert recorder.outcomes[1].line() == f"rebuilt: 1 changed: {target.name}"
    assert out.read_bytes() != before


def test_a_burst_of_saves_is_one_or_two_builds(watching):
    seeds, _, _, _, recorder = watching
    target = sorted(seeds.iterdir())[0]
    for i in range(20):
        edit(target, f"Save number {i}.")
        time.sleep(0.02)
    builds = recorder.settle() - 1
    assert 1 <= builds <= 2, [o.line() for o in recorder.outcomes]
    assert recorder.outcomes[-1].status in ("rebuilt", "up to date")
    assert recorder.outcomes[1].status == "rebuilt"


def test_write_temp_then_rename_save_is_seen(watching):
    seeds, _, _, _, recorder = watching
    target = sorted(seeds.iterdir())[-1]
    temp = seeds / f".{target.name}.swp"
    temp.write_text(target.read_text(encoding="utf-8") + "\nA new paragraph saved by an editor.\n", encoding="utf-8")
    os.replace(temp, target)
    assert recorder.wait_for(2)
    assert recorder.outcomes[1].line() == f"rebuilt: 1 changed: {target.name}"


def test_broken_seed_and_failing_build_do_not_stop_the_watch(watching):
    seeds, templates, _, _, recorder = watching
    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    assert recorder.wait_for(2)
    assert recorder.outcomes[1].line() == "rebuilt: 1 added: broken.txt"  # skipped with a warning
    assert any(s.startswith("broken.txt") for s in recorder.outcomes[1].briefing.skipped)
    main_template = templates / "briefing.xml.j2"
    good = main_template.read_text(encoding="utf-8")
    main_template.write_text(good + "\n{% if %}\n", encoding="utf-8")
    assert recorder.wait_for(3)
    assert recorder.outcomes[2].status == "failed" and "briefing.xml.j2" in recorder.outcomes[2].reason
    main_template.write_text(good, encoding="utf-8")
    assert recorder.wait_for(4)
    assert recorder.outcomes[3].status in ("rebuilt", "up to date")


def test_config_change_is_seen(watching):
    _, _, _, config, recorder = watching
    config.write_text('title = "Watched"\n', encoding="utf-8")
    assert recorder.wait_for(2)
    assert recorder.outcomes[1].line() == "rebuilt: config changed"


def test_output_and_cache_writes_do_not_trigger_builds(watching):
    _, _, _, _, recorder = watching
    assert recorder.settle(quiet=1.5) == 1


def test_filter(tmp_path):
    seeds, templates, config = tmp_path / "seeds", tmp_path / "t", tmp_path / "briefing.toml"
    accept = make_filter(seeds, templates, config)
    assert accept(None, str(seeds / "a.txt")) and accept(None, str(seeds / "sub" / "b.md"))
    assert accept(None, str(templates / "briefing.xml.j2")) and accept(None, str(config))
    assert accept(None, str(seeds / "a.pdf")) and accept(None, str(seeds / "p.html"))  # every format read
    for rejected in (
        seeds / ".a.txt.swp",
        seeds / "a.txt~",
        seeds / "a.png",
        seeds / ".cache" / "x.txt",
        templates / ".x.j2.swp",
        tmp_path / "out.pdf",
        tmp_path / "other.toml",
    ):
        assert not accept(None, str(rejected)), rejected


def test_ctrl_c_exits_cleanly(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, seeds / path.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", "--seeds", "seeds", "--out", "b.pdf"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not (tmp_path / "b.pdf").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (tmp_path / "b.pdf").exists()
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(10) == 0
    err = proc.stderr.read()
    assert "rebuilt: no previous build" in err and "Traceback" not in err


def test_a_change_during_a_build_leads_to_exactly_one_more_build(tmp_path, monkeypatch):
    import briefing.build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, seeds / path.name)
    target = sorted(seeds.iterdir())[0]
    renders, real_render = [], briefing.build.render

    def render(*args):
        renders.append(1)
        if len(renders) == 2:  # the build after the first edit, its inputs already hashed
            for i in range(3):
                edit(target, f"Edit {i} saved while the build runs.")
        return real_render(*args)

    monkeypatch.setattr(briefing.build, "render", render)
    recorder, stop = Recorder(), threading.Event()
    thread = threading.Thread(
        target=watch_loop,
        args=(Options(seeds=seeds, out=tmp_path / "b.pdf"), stop, recorder, None),
        kwargs={"echo": lambda line: None},
        daemon=True,
    )
    thread.start()
    try:
        assert recorder.wait_for(1)
        edit(target, "A first edit.")
        assert recorder.wait_for(3)
        assert recorder.settle() == 3
        assert [o.line() for o in recorder.outcomes[1:]] == [f"rebuilt: 1 changed: {target.name}"] * 2
    finally:
        stop.set()
        thread.join(5)


# --------------------------------------------------------------------------- issue 10: the folder itself goes


def _lost_and_found(caplog, seeds) -> tuple[bool, bool]:
    text = caplog.text
    return (f"lost {seeds.resolve()}" in text, f"found {seeds.resolve()} again" in text)


@pytest.mark.parametrize("how", ["deleted and recreated", "renamed away and back"])
def test_watch_survives_its_seeds_folder_going_and_coming_back(watching, caplog, how, tmp_path):
    import logging

    seeds, templates, out, config, recorder = watching
    caplog.set_level(logging.WARNING, logger="briefing")
    keep = tmp_path / "kept_seeds"
    if how == "deleted and recreated":
        shutil.copytree(seeds, keep)
        shutil.rmtree(seeds)
    else:
        seeds.rename(keep)
    deadline = time.monotonic() + 10
    while not _lost_and_found(caplog, seeds)[0] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _lost_and_found(caplog, seeds)[0], caplog.text
    before = recorder.settle()
    if how == "deleted and recreated":
        shutil.copytree(keep, seeds)
    else:
        keep.rename(seeds)
    assert recorder.wait_for(before + 1), "no build after the folder came back"
    assert _lost_and_found(caplog, seeds)[1], caplog.text
    for i in range(3):  # later edits are seen too
        n = recorder.settle()
        edit(next(seeds.glob("*.txt")), f"Norway and Portugal signed accord number {i}.")
        assert recorder.wait_for(n + 1), f"edit {i} after the folder came back was not seen"
    assert recorder.outcomes[-1].status == "rebuilt"
