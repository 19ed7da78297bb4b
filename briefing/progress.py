"""Feedback on long builds: a progress bar on stderr and per-stage timing in the log.

The bar is drawn only when stderr is a terminal and the user did not ask for
``--quiet``, and only for work big enough to take more than about a second, so
pipes, cron logs and tests see nothing. ``-v`` logs each stage with its time.
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import contextmanager

log = logging.getLogger("briefing")

# Below this many documents a stage is over before a bar would be worth drawing.
MIN_ITEMS = 200
_state = {"enabled": False}


def enable(on: bool | None = None) -> None:
    """Turn the bar on (default: when stderr is a terminal)."""
    _state["enabled"] = sys.stderr.isatty() if on is None else on


@contextmanager
def stage(name: str):
    """Log how long a stage took (shown with -v)."""
    start = time.perf_counter()
    yield
    log.info("%s: %.2f s", name, time.perf_counter() - start)


class _Bar:
    """A click progress bar, or nothing; ``update(n)`` either way."""

    def __init__(self, label: str, length: int):
        self._bar = None
        if _state["enabled"] and length >= MIN_ITEMS:
            import click

            self._bar = click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)
            self._bar.__enter__()

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@contextmanager
def bar(label: str, length: int):
    """Yield an object with ``update(n)``; draws a bar only when enabled and the work is large."""
    b = _Bar(label, length)
    try:
        yield b
    finally:
        b.close()


def note(message: str) -> None:
    """One line on stderr for a stage without a count ("rendering"), only when the bar is on."""
    if _state["enabled"]:
        print(message, file=sys.stderr, flush=True)
