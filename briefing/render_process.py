"""Render in a second process that loads the render libraries while this one reads, extracts and merges.

A cold build of a few articles spends more time importing pandas, reportlab and
jinja2 than using them. So once a build is known to be needed, ``start`` forks a
child that imports them, registers the fonts and waits for the merged briefing.
Rendering is the build's own two steps, ``make_markup`` (pandas, jinja2) then
``lay_out`` (reportlab). When the briefing comes before the child has started
on reportlab (a small build), the child makes the markup while this process loads
reportlab and lays it out; otherwise the child does both and sends the PDF (it
cannot stop an import half way, so this process loading reportlab too would only
wait for the markup all the same). An
error is sent back and raised here; the log lines the child makes are sent along
and logged here, in order, so they appear once, as if made in this process.

The child is only an overlap, never a dependency: when it cannot be forked (other
threads running, as under ``watch`` or ``serve``; no ``fork``; the libraries
already loaded, so nothing to overlap) or when it dies, the build renders in its
own process, as it would without it. It dies with the build (PR_SET_PDEATHSIG) and
is always reaped here.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.extract import Workers, _die_with_parent

if TYPE_CHECKING:
    from briefing.build import Options
    from briefing.model import Briefing

log = logging.getLogger("briefing")

MakeMarkup = Callable[["Briefing", "Options"], str]
LayOut = Callable[["Briefing", str, "Options"], bytes]


def worthwhile() -> bool:
    """Whether a render process can help and is safe to fork here.

    Forking a process with other threads can copy a lock one of them holds; and
    once ``briefing.pdf`` is loaded (a second build in one process) there is
    nothing left to load ahead.
    """
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1 and not _loaded()


def _loaded() -> bool:
    """Whether this process has loaded the render libraries already."""
    return "briefing.pdf" in sys.modules


class _Lost(Exception):
    """The child died or sent nothing usable: render here instead."""


class RenderProcess:
    """``render(briefing)`` with the child, when one was started and still answers.

    Use as a context manager: leaving it ends and reaps the child whatever happened.
    """

    def __init__(self, options: Options, make_markup: MakeMarkup, lay_out: LayOut):
        self._options, self._make_markup, self._lay_out = options, make_markup, lay_out
        self.pid: int | None = None
        self._send: Any = None  # file objects of our two pipe ends
        self._receive: Any = None
        self._whole = False  # the child said it is loading reportlab: it will lay out too

    def __enter__(self) -> RenderProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> RenderProcess:
        """Fork the child (when ``worthwhile``); it starts loading at once."""
        if not worthwhile():
            return self
        for stream in (sys.stdout, sys.stderr):  # the child must not write our buffered output again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        parent = os.getpid()
        fds: list[int] = []
        try:
            fds += os.pipe()
            fds += os.pipe()
            pid = os.fork()
        except OSError as exc:  # out of processes, memory or file descriptors: render here
            for fd in fds:
                os.close(fd)
            log.debug("no render process (%s)", exc)
            return self
        requests, replies = fds[:2], fds[2:]
        if pid == 0:  # the child: never returns
            os.close(requests[1])
            os.close(replies[0])
            _child(self, requests[0], replies[1], parent)
        os.close(requests[0])
        os.close(replies[1])
        self.pid = pid
        self._send = os.fdopen(requests[1], "wb")
        self._receive = os.fdopen(replies[0], "rb")
        log.debug("render process %d started", pid)
        return self

    def render(self, briefing: Briefing) -> bytes | None:
        """The PDF bytes of ``briefing``, or None without a child (none started, or it died): render here then.

        A render error is raised as rendering here would raise it.
        """
        if self.pid is None:
            return None
        try:
            return self._with_child(briefing)
        except _Lost as lost:
            log.debug("render process %s lost (%s); rendering in this process", self.pid, lost)
            self.close()
            return None

    def _with_child(self, briefing: Briefing) -> bytes:
        import pickle
        import time

        asked = time.perf_counter()
        whole = self._poll()
        try:
            pickle.dump((briefing, whole), self._send, protocol=pickle.HIGHEST_PROTOCOL)
            self._send.close()
        except Exception as exc:  # noqa: BLE001 - a broken pipe, or a briefing that does not pickle
            raise _Lost(f"{type(exc).__name__}: {exc}") from None
        if not whole:
            _load_layout()  # while the child makes the markup
        kind, value, records = self._next()
        while kind == "whole":  # said after we asked
            kind, value, records = self._next()
        for record in records:
            logging.getLogger(record.name).handle(record)
        log.debug("render process: %s in %.2f s", kind, time.perf_counter() - asked)
        if kind == "error":
            raise _revived(*value)
        if kind == "pdf":
            return value
        return self._lay_out(briefing, value, self._options)

    def _poll(self) -> bool:
        """Whether the child has said it lays out too (it is loading reportlab), without waiting."""
        import select

        while not self._whole and select.select([self._receive], [], [], 0)[0]:
            kind, _, _ = self._next()
            self._whole = kind == "whole"
        return self._whole

    def _next(self) -> tuple:
        """The child's next message: (kind, value, log records)."""
        import pickle

        try:
            message = pickle.load(self._receive)
        except Exception as exc:  # noqa: BLE001 - EOF when it died; anything else it left half written
            raise _Lost(f"{type(exc).__name__}: {exc}") from None
        if not (isinstance(message, tuple) and len(message) == 3 and message[0] in _KINDS):
            raise _Lost("unexpected reply")
        return message

    def workers(self) -> Workers:
        """An ``extract.Workers`` pool during whose work this child is stopped (see ``_Yielding``)."""
        return _Yielding(self)

    def _signal(self, number: int) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass

    def close(self) -> None:
        """End the child (it has nothing left to do, or its work is no longer wanted) and reap it."""
        for stream in (self._send, self._receive):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self._send = self._receive = None
        if self.pid is None:
            return
        import signal

        self._signal(signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = None


_KINDS = ("whole", "markup", "pdf", "error")


class _Yielding(Workers):
    """Worker processes during whose work the render process is stopped (SIGSTOP, then SIGCONT).

    With two workers on two CPUs a third busy process only slows them; stopped,
    the child loads in the serial stages around them (merging) instead. The
    workers inherit this process's ends of the child's pipes, which does not
    matter: they are shut down before the briefing is sent, and a child no
    longer wanted is killed, not left to wait for the end of its pipe.
    """

    def __init__(self, child: RenderProcess):
        super().__init__()
        self.child = child

    def map_chunks(self, fn, chunks: list, n: int, progress=None) -> list:
        if self.child.pid is None or not self.parallel(n):
            return super().map_chunks(fn, chunks, n, progress)
        import signal

        self.child._signal(signal.SIGSTOP)
        try:
            return super().map_chunks(fn, chunks, n, progress)
        finally:
            self.child._signal(signal.SIGCONT)


def start(options: Options, make_markup: MakeMarkup, lay_out: LayOut) -> RenderProcess:
    """A ``RenderProcess`` for one build, its child forked when that is ``worthwhile``."""
    return RenderProcess(options, make_markup, lay_out).start()


# --------------------------------------------------------------------------- the child


def _child(process: RenderProcess, requests: int, replies: int, parent: int) -> None:
    """Load, wait for the briefing, render it, reply; end without running the parent's exit handlers."""
    try:
        import pickle
        import select
        import signal
        import time

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
        _die_with_parent(parent)
        records = _keep_records()
        outbox = os.fdopen(replies, "wb")
        started = time.perf_counter()
        _load_markup()
        if not select.select([requests], [], [], 0)[0]:  # not asked yet: load what laying out needs too
            pickle.dump(("whole", None, []), outbox)
            outbox.flush()
            _load_layout()
        log.debug("render process: loaded in %.2f s", time.perf_counter() - started)
        with os.fdopen(requests, "rb") as inbox:
            try:
                briefing, whole = pickle.load(inbox)
            except EOFError:  # the build failed, or has nothing to render
                os._exit(0)
        options = process._options
        try:
            markup = process._make_markup(briefing, options)
            reply: tuple = (
                ("pdf", process._lay_out(briefing, markup, options), records) if whole else ("markup", markup, records)
            )
        except Exception as exc:  # noqa: BLE001 - every error goes back to the parent, which raises it
            import traceback

            exc.add_note("in the render process:\n" + "".join(traceback.format_exception(exc)).rstrip())
            reply = ("error", _portable(exc), records)
        pickle.dump(reply, outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()
    except BaseException:  # noqa: BLE001 - the parent renders itself when no reply comes
        os._exit(1)
    os._exit(0)


def _load_markup() -> None:
    """Import what making the markup needs; a failure here shows again when it is used.

    numpy's OpenBLAS starts a thread per CPU when it is imported, and they spin for a while:
    ~0.1 s of CPU taken from the build, which runs on the other CPU meanwhile. The trade
    table is a few rows and never calls BLAS, so this process keeps one thread (unless
    the user set the variables).
    """
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    try:
        import pandas  # noqa: F401

        import briefing.render
        import briefing.tables  # noqa: F401
    except Exception:  # noqa: BLE001, S110 - raised again where it is reported
        pass


def _load_layout() -> None:
    """Import reportlab and register the fonts; a failure here shows again when laying out."""
    try:
        import briefing.coverage
        import briefing.pdf  # noqa: F401
        from briefing.fonts import register_fonts

        register_fonts()
    except Exception:  # noqa: BLE001, S110 - raised again where it is reported
        pass


class _Keep(logging.Handler):
    """Keep every log record, made picklable, to be logged by the parent."""

    def __init__(self, records: list):
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _keep_records() -> list:
    """Send every log record of this process to a list instead of the handlers it shares with the parent."""
    records: list = []
    keep = _Keep(records)
    root = logging.getLogger()
    for logger in [root, *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger) and logger.handlers:
            logger.handlers = [] if logger.propagate and logger is not root else [keep]
    root.handlers = [keep]
    return records


def _portable(exc: Exception) -> tuple:
    """The exception as (exception, None) when it survives pickling, else (its class or None, its message)."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc, None
    except Exception:  # noqa: BLE001
        pass
    try:
        pickle.dumps(type(exc))
        return type(exc), str(exc)
    except Exception:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def _revived(exc, message: str | None) -> BaseException:
    """The child's exception, rebuilt from ``_portable``'s form."""
    if message is None:
        return exc
    if exc is not None:
        try:
            return exc(message)
        except Exception:  # noqa: BLE001
            message = f"{exc.__name__}: {message}"
    return RuntimeError(message)
