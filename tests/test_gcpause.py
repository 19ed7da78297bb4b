"""The garbage collector is paused for a build, and only for it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from briefing import build
from briefing.gcpause import paused

ROOT = Path(__file__).resolve().parent.parent


def test_paused_restores_what_was_there():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it disabled and leaves it so
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # disabled before: not switched on behind the caller's back
    finally:
        gc.enable()


def test_what_the_pause_made_is_old_after_it_and_its_cycles_are_still_freed():
    import weakref

    class Node:
        pass

    with paused():
        kept = [[i] for i in range(50_000)]  # young objects that outlive the pause
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle dropped during the pause
        gone = weakref.ref(a)
        del a, b
    assert gc.get_count()[0] < 100  # no collection of 50,000 young objects waiting
    assert gone() is not None  # only a full collection frees a cycle made during the pause
    gc.collect()
    assert gone() is None and len(kept) == 50_000


def test_paused_ends_on_an_error():
    with pytest.raises(ValueError), paused():
        raise ValueError("boom")
    assert gc.isenabled()


def _options(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text("Lima, 3 May 2021 (Wire): Chile and Peru signed a port accord on Monday.\n")
    return build.Options(seeds=seeds, out=tmp_path / "out" / "b.pdf")


def test_a_build_runs_paused_and_leaves_the_collector_on(tmp_path, monkeypatch):
    seen = []
    real = build._rebuild
    monkeypatch.setattr(build, "_rebuild", lambda *a: seen.append(gc.isenabled()) or real(*a))
    options = _options(tmp_path)
    assert build.run(options).status == "rebuilt"
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(build, "_rebuild", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build.run(build.Options(seeds=options.seeds, out=options.out, force=True))
    assert gc.isenabled()
    assert build.run(options).status == "up to date" and gc.isenabled()


def test_builds_in_threads_leave_the_collector_on(tmp_path):
    """serve builds in threads: whichever ends last, the collector is on afterwards."""
    outcomes = []

    def one(i):
        options = _options(tmp_path / str(i))
        outcomes.append(build.run(options).status)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["rebuilt"] * 3 and gc.isenabled()
