"""Rebuild on a schedule in one long-running process: ``--every 15m`` or ``--cron "*/15 * * * *"``.

Each tick runs the incremental build, so a tick with nothing changed costs a
few file stats. Runs happen one after another in this thread, so they never
overlap; ticks missed while a run was going (or the machine slept) collapse
into a single run, never a burst of catch-up runs.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_SLEEP = 60.0  # re-read the clock at least this often, so a suspend is noticed


def parse_every(text: str) -> float:
    """Return the seconds in "30s", "15m", "2h", "1d" or a sum like "1h30m"; ValueError otherwise."""
    spec = text.strip().lower()
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", spec)
    if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhd])|\s+", "", spec):
        raise ValueError(f"'{text}' is not a duration like 30s, 15m, 2h or 1d")
    seconds = sum(float(n) * UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"'{text}' must be longer than zero")
    return seconds


class Every:
    """Ticks every ``seconds``, on a grid anchored at the first tick."""

    def __init__(self, seconds: float, start: float):
        self.seconds, self.start = seconds, start

    def next_after(self, t: float) -> float:
        steps = int((t - self.start) // self.seconds) + 1
        return self.start + max(steps, 1) * self.seconds

    def __str__(self) -> str:
        return f"every {self.seconds:g}s"


class Cron:
    """Ticks when a cron expression matches, in local time."""

    def __init__(self, expr: str):
        from croniter import croniter

        if not croniter.is_valid(expr):
            raise ValueError(f"'{expr}' is not a cron expression like \"*/15 * * * *\"")
        self.expr = expr

    def next_after(self, t: float) -> float:
        from croniter import croniter

        return croniter(self.expr, datetime.fromtimestamp(t).astimezone()).get_next(float)

    def __str__(self) -> str:
        return f"cron {self.expr}"


def stamp(outcome, when: float) -> str:
    """One log line: ISO timestamp, then "up to date", "rebuilt: why" or "failed: error"."""
    return f"{datetime.fromtimestamp(when).astimezone().isoformat(timespec='seconds')} {outcome.line()}"


def _echo(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def schedule_loop(
    load,
    schedule,
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] | None = None,
    stop_event: threading.Event | None = None,
    max_runs: int | None = None,
    run: Callable | None = None,
    echo: Callable[[str], None] = _echo,
) -> int:
    """Run a build now and then at every tick of ``schedule`` until stopped; return the number of runs.

    ``load`` is the Options (or a function returning them, to re-read the
    config each run). ``clock``, ``sleep`` and ``run`` are injectable for tests.
    """
    from briefing.build import attempt

    stop_event = stop_event or threading.Event()
    pause: Callable[[float], object] = sleep or stop_event.wait
    run = run or attempt
    runs = 0
    due = clock()
    while not stop_event.is_set():
        while (wait := due - clock()) > 0:
            pause(min(wait, MAX_SLEEP))
            if stop_event.is_set():
                return runs
        outcome = run(load)
        runs += 1
        echo(stamp(outcome, clock()))
        if max_runs is not None and runs >= max_runs:
            break
        now = clock()
        due = schedule.next_after(due)
        if due <= now:  # late: run once right away, then back on the schedule
            due = now
    return runs
