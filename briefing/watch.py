"""Rebuild whenever a seed, a template or the config changes.

Two kinds of threads: watchfiles threads only raise a "dirty" flag; the
calling thread builds whenever the flag is up. A change that lands during a
build raises the flag again, so it is followed by exactly one more build
however many saves it was, and never lost. watchfiles groups a burst of
events (it waits for ``step`` ms of quiet, at most ``debounce`` ms), and
editors' write-temp-then-rename saves arrive as an "added" event on the real
name, which the filter accepts while the temp names are ignored.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from briefing.schedule import _echo, stamp
from briefing.seedfiles import is_seed_name, is_temp

log = logging.getLogger("briefing")


def make_filter(seeds: Path, templates: Path | None, config: Path | None) -> Callable[[object, str], bool]:
    """Return the watchfiles filter: seed files, non-temp template files and the config file."""
    seeds = Path(seeds).resolve()
    templates = Path(templates).resolve() if templates else None
    config = Path(config).resolve() if config else None

    def accept(change, path: str) -> bool:
        p = Path(path).resolve()
        if config is not None and p == config:
            return True
        if seeds in p.parents:
            return is_seed_name(p.relative_to(seeds).as_posix())
        if templates is not None and templates in p.parents:
            return not any(is_temp(part) for part in p.relative_to(templates).parts)
        return False

    return accept


def _identity(paths: list[Path]) -> list[tuple[int, int] | None]:
    """(device, inode) of each watched folder, None where it is gone: a changed value means a new folder."""
    out: list[tuple[int, int] | None] = []
    for p in paths:
        try:
            st = p.stat()
            out.append((st.st_dev, st.st_ino) if p.is_dir() else None)
        except OSError:
            out.append(None)
    return out


def _watcher(
    paths: list[Path],
    recursive: bool,
    accept,
    dirty: threading.Event,
    ready: threading.Event,
    stop_event: threading.Event,
    step: int,
    debounce: int,
    poll: float = 0.5,
) -> None:
    """Watch ``paths`` until ``stop_event``; survive them being deleted, renamed or replaced.

    An inotify watch dies with its folder, so a folder that is gone (or whose
    device and inode changed, or that reported its own removal) is waited for
    and watched anew; losing and finding it are each said once, and finding it
    triggers a build.
    """
    import watchfiles

    names = ", ".join(map(str, paths))
    lost = ""
    while not stop_event.is_set():
        ident = _identity(paths)
        if None in ident:
            if not lost:
                lost = ", ".join(str(p) for p, i in zip(paths, ident) if i is None)
                log.warning("lost %s (deleted or moved); waiting for it to come back", lost)
            ready.set()
            stop_event.wait(poll)
            continue
        if lost:
            log.warning("found %s again; watching it", lost)
            lost = ""
            dirty.set()
        reset = threading.Event()

        def keep(change, path: str, reset: threading.Event = reset) -> bool:
            if Path(path) in paths:  # a watched folder itself was removed or moved away
                reset.set()
                return False
            return accept(change, path)

        try:
            for changes in watchfiles.watch(
                *paths,
                watch_filter=keep,
                debounce=debounce,
                step=step,
                stop_event=stop_event,
                rust_timeout=200,
                yield_on_timeout=True,
                raise_interrupt=False,
                recursive=recursive,
            ):
                ready.set()
                if changes:
                    log.info("changed: %s", ", ".join(sorted(Path(p).name for _, p in changes)))
                    dirty.set()
                if reset.is_set() or _identity(paths) != ident:
                    break
        except Exception as exc:  # the folder vanished under the watcher: look again
            log.debug("watching %s: %s", names, exc)
            stop_event.wait(poll)
        finally:
            ready.set()


def watch_loop(
    load,
    stop_event: threading.Event,
    on_build: Callable | None = None,
    config: Path | None = Path("briefing.toml"),
    *,
    step: int = 300,
    debounce: int = 1600,
    echo: Callable[[str], None] = _echo,
) -> int:
    """Build once, then after every relevant change, until ``stop_event`` is set; return the number of builds.

    ``load`` is the Options or a function returning them (re-read before each
    build, so config changes apply). Seeds and templates are watched
    recursively, the config file's folder only at its top level.
    """
    import time

    from briefing.build import attempt

    options = load() if callable(load) else load
    accept = make_filter(options.seeds, options.templates, config)
    deep = [Path(p).resolve() for p in (options.seeds, options.templates) if p and Path(p).is_dir()]
    flat = [Path(config).resolve().parent] if config else []
    flat = [p for p in flat if p not in deep and p.is_dir()]

    dirty = threading.Event()
    dirty.set()  # the first build
    threads = []
    for paths, recursive in [([p], True) for p in deep] + [(flat, False)]:  # one lost folder blinds no other
        if paths:
            ready = threading.Event()
            t = threading.Thread(
                target=_watcher,
                name="briefing-watch",
                daemon=True,
                args=(paths, recursive, accept, dirty, ready, stop_event, step, debounce),
            )
            t.start()
            threads.append((t, ready))
    for _, ready in threads:
        ready.wait(5)  # watching before the first build, so no change slips between

    builds = 0
    try:
        while not stop_event.is_set():
            if not dirty.wait(0.1) or stop_event.is_set():
                continue
            dirty.clear()
            outcome = attempt(load)
            builds += 1
            echo(stamp(outcome, time.time()))
            if on_build is not None:
                on_build(outcome)
    finally:
        stop_event.set()
        for t, _ in threads:
            t.join(2)
    return builds
