"""briefing schedule: durations, cron ticks, no overlap, one run when late, rebuild only after a change."""

from __future__ import annotations

import re
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.build import Options, Outcome, attempt
from briefing.cli import main
from briefing.schedule import Cron, Every, parse_every, schedule_loop

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "seeds").glob("*.txt"))
LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d (up to date|rebuilt: .+|failed: .+)$")


class FakeTime:
    def __init__(self, start: float = 1_700_000_000.0):
        self.now = start

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 < seconds <= 60
        self.now += seconds


@pytest.mark.parametrize(
    "text, seconds", [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), (" 10 s ", 10)]
)
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["15", "abc", "0s", "15x", "m", "-5m", "5m and more"])
def test_parse_every_rejects(text):
    with pytest.raises(ValueError):
        parse_every(text)


def timed_runs(t: FakeTime, durations: list[float]):
    """A fake build that takes the given times and records when each run started."""
    starts = []

    def run(load):
        starts.append(t.now)
        t.now += durations[len(starts) - 1]
        return Outcome("up to date")

    return starts, run


def test_runs_start_now_and_follow_the_interval():
    t = FakeTime()
    starts, run = timed_runs(t, [5, 5, 5, 5])
    lines = []
    assert (
        schedule_loop(None, Every(60, t.now), clock=t.clock, sleep=t.sleep, max_runs=4, run=run, echo=lines.append) == 4
    )
    assert [s - starts[0] for s in starts] == [0, 60, 120, 180]
    assert all(LINE.match(line) for line in lines), lines


def test_a_late_tick_runs_once_without_a_catch_up_burst():
    t = FakeTime()
    starts, run = timed_runs(t, [150, 1, 1, 1])  # the first run overruns two ticks
    schedule_loop(None, Every(60, t.now), clock=t.clock, sleep=t.sleep, max_runs=4, run=run, echo=lambda s: None)
    assert [s - starts[0] for s in starts] == [0, 150, 180, 240]


def test_a_suspended_machine_runs_once_on_wake():
    t = FakeTime()
    starts = []

    def run(load):
        starts.append(t.now)
        if len(starts) == 1:
            t.now += 3600 * 5  # slept five hours right after the first run
        return Outcome("up to date")

    schedule_loop(None, Every(900, t.now), clock=t.clock, sleep=t.sleep, max_runs=3, run=run, echo=lambda s: None)
    assert [s - starts[0] for s in starts] == [0, 18000, 18900]


def test_cron_ticks_on_matching_minutes():
    start = datetime(2024, 3, 5, 10, 7, 30).astimezone().timestamp()
    t = FakeTime(start)
    starts, run = timed_runs(t, [2, 2, 2])
    schedule_loop(None, Cron("*/15 * * * *"), clock=t.clock, sleep=t.sleep, max_runs=3, run=run, echo=lambda s: None)
    assert [datetime.fromtimestamp(s).strftime("%H:%M:%S") for s in starts] == ["10:07:30", "10:15:00", "10:30:00"]


def test_invalid_cron_is_refused():
    with pytest.raises(ValueError):
        Cron("every day")


def test_stop_event_ends_the_wait():
    stop = threading.Event()
    t = FakeTime()

    def sleep(seconds):
        t.now += seconds
        stop.set()

    starts, run = timed_runs(t, [0, 0])
    assert (
        schedule_loop(None, Every(60, t.now), clock=t.clock, sleep=sleep, stop_event=stop, run=run, echo=lambda s: None)
        == 1
    )


def test_rebuild_only_after_a_change(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, seeds / path.name)
    options = Options(seeds=seeds, out=tmp_path / "b.pdf")
    t = FakeTime()
    outcomes = []

    def run(load):
        if len(outcomes) == 2:
            target = sorted(seeds.iterdir())[0]
            target.write_text(target.read_text() + "\nA late addition.\n")
        outcomes.append(attempt(load))
        return outcomes[-1]

    lines = []
    schedule_loop(options, Every(30, t.now), clock=t.clock, sleep=t.sleep, max_runs=4, run=run, echo=lines.append)
    assert [o.status for o in outcomes] == ["rebuilt", "up to date", "rebuilt", "up to date"]
    assert lines[2].endswith(f"rebuilt: 1 changed: {sorted(seeds.iterdir())[0].name}")
    assert all(LINE.match(line) for line in lines), lines


def test_a_failed_run_is_logged_and_the_schedule_goes_on(tmp_path):
    t = FakeTime()
    lines = []
    options = Options(seeds=tmp_path / "missing", out=tmp_path / "b.pdf")
    assert schedule_loop(options, Every(10, t.now), clock=t.clock, sleep=t.sleep, max_runs=2, echo=lines.append) == 2
    assert all(line.split(" ", 1)[1].startswith("failed: seeds folder not found") for line in lines), lines


def test_cli_schedule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    result = CliRunner().invoke(main, ["schedule", "--every", "1s", "--max-runs", "2"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if LINE.match(line)]
    assert [line.split(" ", 1)[1] for line in lines] == ["rebuilt: no previous build", "up to date"]


@pytest.mark.parametrize(
    "args", [[], ["--every", "5m", "--cron", "* * * * *"], ["--every", "soon"], ["--cron", "61 * * * *"]]
)
def test_cli_schedule_rejects_bad_options(args):
    result = CliRunner().invoke(main, ["schedule", *args])
    assert result.exit_code == 2
