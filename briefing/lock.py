"""The per-output build lock: one build of a PDF at a time, never held by a dead build.

A POSIX record lock (``lockf``) belongs to the process that took it: forked
worker processes do not inherit it, and the kernel drops it the moment that
process dies, whatever its workers do. (``flock`` would be shared with every
forked worker and outlive a killed build in them.) Record locks do not exclude
threads of one process, so a per-path thread lock is taken first; it also keeps
a second thread from opening and closing the lock file, which would drop the
first thread's record lock.

A waiting build says so once on stderr, even with ``-q`` (cron must not hang
silently), and gives up after ``timeout`` seconds naming the holder's PID.
Standard library only: this is on the no-op build's path.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import struct
import sys
import threading
import time
from pathlib import Path

from briefing.errors import BriefingError

log = logging.getLogger("briefing")

DEFAULT_TIMEOUT = 300.0  # seconds a build waits for another build of the same PDF
POLL = 0.2  # seconds between attempts while waiting

_threads: dict[str, threading.Lock] = {}
_threads_guard = threading.Lock()


class LockError(BriefingError):
    """Another build holds the lock too long, or the lock file cannot be used."""


def lock_path(out: Path) -> Path:
    out = Path(out)
    return out.parent / f".{out.name}.lock"


def _say_waiting(out: Path, holder: int | None) -> None:
    """Once per wait, on stderr even under -q (then logging shows errors only)."""
    who = f" (PID {holder})" if holder else ""
    message = f"waiting for another build of {out}{who}"
    if log.isEnabledFor(logging.WARNING):
        log.warning("%s", message)
    else:
        print(message, file=sys.stderr, flush=True)


def _open(path: Path, out: Path) -> int:
    """Open (create) the lock file; say plainly when it belongs to someone else."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        owner = _owner(path)
        if exc.errno in (errno.EACCES, errno.EPERM) and owner is not None and owner != os.geteuid():
            raise LockError(
                f"the lock file {path} belongs to another user (uid {owner}): that user may be "
                f"building {out}; if not, remove the file"
            ) from None
        # otherwise name the folder the user chose, not our lock file
        raise OSError(exc.errno, f"cannot write the output folder ({exc.strerror})", str(out.parent)) from None


def _owner(path: Path) -> int | None:
    try:
        return path.stat().st_uid
    except OSError:
        return None


def holder_pid(fd: int) -> int | None:
    """PID of the process holding the lock (F_GETLK), else the PID it wrote into the file."""
    import fcntl

    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        l_type, _, _, _, pid = struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
        if l_type != fcntl.F_UNLCK and pid > 0:
            return pid
    except (OSError, struct.error):
        pass
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def build_lock(out: Path, timeout: float = DEFAULT_TIMEOUT):
    """Hold the lock of one output for a build; wait at most ``timeout`` s for another build."""
    path = lock_path(out)
    deadline = time.monotonic() + timeout
    with _threads_guard:
        in_process = _threads.setdefault(os.path.abspath(path), threading.Lock())
    said = False
    if not in_process.acquire(blocking=False):
        _say_waiting(out, os.getpid())
        said = True
        if not in_process.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise LockError(
                f"another build of {out} in this process (PID {os.getpid()}) still runs after {timeout:g} s; gave up"
            )
    try:
        fd = _open(path, out)
        try:
            _acquire(fd, out, deadline, timeout, said)
            with contextlib.suppress(OSError):  # for people and for F_GETLK across PID namespaces
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # drops the record lock
    finally:
        in_process.release()


def _acquire(fd: int, out: Path, deadline: float, timeout: float, said: bool) -> None:
    import fcntl

    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
        holder = holder_pid(fd)
        if not said:
            _say_waiting(out, holder)
            said = True
        if time.monotonic() >= deadline:
            who = f"(PID {holder}) " if holder else ""
            raise LockError(
                f"another build {who}still holds the lock of {out} after {timeout:g} s; gave up (--lock-timeout)"
            )
        time.sleep(min(POLL, max(0.0, deadline - time.monotonic())))
