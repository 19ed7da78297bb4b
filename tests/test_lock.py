"""Issue 10, finding 1: the build lock cannot outlive its build.

Workers do not hold the lock and die with the build; a waiting build says so once
on stderr even with -q and gives up after --lock-timeout naming the holder's PID.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefing.lock import build_lock, lock_path

BRIEFING = [sys.executable, "-m", "briefing"]
PAIRS = [("Norway", "Portugal"), ("Peru", "Ghana"), ("Finland", "Morocco")]


def small_seeds(folder: Path, count: int) -> Path:
    """``count`` short articles of our own, enough to start worker processes."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = PAIRS[i % len(PAIRS)] if i % 2 else PAIRS[0]
        text = (
            f"Oslo, {1 + i % 28} May 2021 (Wire): {a} and {b} held talks number {i} on trade.\n\n"
            f"Trade between {a} and {b} reached ${1 + i % 9}.{i % 10} billion in {2000 + i % 20}, "
            f"officials said. The {i % 40 + 2}th anniversary of relations was marked on Monday.\n"
        )
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def children(pid: int) -> set[int]:
    """PIDs whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: set[int], seconds: float = 10.0) -> set[int]:
    end = time.monotonic() + seconds
    while time.monotonic() < end and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from briefing.lock import build_lock
    with build_lock(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def hold_lock(out: Path, seconds: float = 30.0) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_waiting_build_says_so_once_even_quiet_and_gives_up_naming_the_holder(tmp_path):
    seeds = small_seeds(tmp_path / "seeds", 3)
    out = tmp_path / "out" / "b.pdf"
    holder = hold_lock(out)
    try:
        done = subprocess.run(
            BRIEFING + ["-q", "build", "--seeds", str(seeds), "--out", str(out), "--lock-timeout", "1"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"waiting for another build of {out} (PID {holder.pid})",
        f"error: another build (PID {holder.pid}) still holds the lock of {out} after 1 s; gave up (--lock-timeout)",
    ], lines
    assert not out.exists()


def test_the_lock_is_free_once_its_holder_is_gone(tmp_path):
    out = tmp_path / "b.pdf"
    holder = hold_lock(out)
    holder.kill()
    holder.wait()
    start = time.monotonic()
    with build_lock(out, timeout=5):
        pass
    assert time.monotonic() - start < 2


FORKER = textwrap.dedent("""
    import multiprocessing, sys, time
    from pathlib import Path
    from briefing.lock import build_lock

    def sleeper():
        time.sleep(60)

    with build_lock(Path(sys.argv[1])):
        child = multiprocessing.get_context("fork").Process(target=sleeper)
        child.start()
        print(child.pid, flush=True)
        time.sleep(60)
""")


def test_a_forked_child_does_not_hold_the_lock_of_a_killed_parent(tmp_path):
    out = tmp_path / "b.pdf"
    parent = subprocess.Popen([sys.executable, "-c", FORKER, str(out)], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    try:
        assert alive(child)  # the orphan lives on ...
        with build_lock(out, timeout=3):  # ... yet holds no lock
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def _kill_builds(tmp_path: Path, rounds: int, finish_each: bool) -> int:
    """kill -9 a 500-document build at random moments; each time, its workers die and the lock is free."""
    seeds = small_seeds(tmp_path / "seeds", 500)
    out = tmp_path / "out" / "b.pdf"
    cmd = BRIEFING + ["-q", "build", "--seeds", str(seeds), "--out", str(out), "--force", "--lock-timeout", "20"]
    rng = random.Random(10)
    with_workers = 0
    for n in range(rounds):
        proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        workers: set[int] = set()
        if n % 2 == 0:  # kill while workers run, at a random moment of their life
            end = time.monotonic() + 60
            while proc.poll() is None and not workers and time.monotonic() < end:
                workers = children(proc.pid)
                time.sleep(0.02)
            time.sleep(rng.uniform(0, 0.8))
        else:  # kill at any moment of the build
            time.sleep(rng.uniform(0.05, 3.0))
        workers |= children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with_workers += bool(workers)
        assert not wait_gone(workers), f"round {n}: workers outlived the build"
        if finish_each:
            done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=180)
            assert done.returncode == 0, done.stderr
        else:
            with build_lock(out, timeout=5):
                pass
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().rstrip().endswith(b"%%EOF")
    return with_workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killed_builds_leave_no_worker_and_no_lock(tmp_path):
    assert _kill_builds(tmp_path, rounds=5, finish_each=False) >= 2


@pytest.mark.fuzz
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_twenty_killed_builds_each_next_build_finishes(tmp_path):
    assert _kill_builds(tmp_path, rounds=20, finish_each=True) >= 8


def test_lock_file_of_another_user_is_named(tmp_path, monkeypatch):
    """Blamed on the lock file and its owner, not on the output folder."""
    import errno

    import briefing.lock as lock_mod

    out = tmp_path / "b.pdf"
    lock = lock_path(out)
    lock.write_text("")
    try:
        os.chown(lock, 65534, 65534)
    except PermissionError:
        pytest.skip("needs root to give a file to another user")
    real_open = os.open

    def refused(path, *args, **kwargs):  # what a non-root user gets (root may open anything)
        if Path(path) == lock:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock_mod.os, "open", refused)
    with pytest.raises(lock_mod.LockError) as caught:
        with build_lock(out, timeout=1):
            pass
    assert str(caught.value) == (
        f"the lock file {lock} belongs to another user (uid 65534): that user "
        f"may be building {out}; if not, remove the file"
    )


def test_an_unwritable_output_folder_is_still_named(tmp_path, monkeypatch):
    import errno

    import briefing.lock as lock_mod

    real_open = os.open

    def refused(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock_mod.os, "open", refused)
    with pytest.raises(OSError) as caught:
        with build_lock(tmp_path / "b.pdf", timeout=1):
            pass
    assert caught.value.filename == str(tmp_path) and "cannot write the output folder" in caught.value.strerror
