"""Replace a file all at once: the one way the build writes its PDF and cache files."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def atomic_write(path: Path, data: bytes, durable: bool = False) -> None:
    """Replace ``path`` with ``data``; a failure at any instant leaves the previous file as it was.

    The bytes go to a temporary file in the same folder, moved into place with
    ``os.replace``. ``durable`` also flushes them to disk, so the new file
    survives a power cut. The file keeps its permissions (0644 when new). An
    OSError (full disk, read-only folder) names ``path``, never the temporary
    file the user does not know about.
    """
    import tempfile  # not on the no-op build's path, which writes nothing

    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def create_new(path: Path, data: bytes, durable: bool = False) -> None:
    """Write ``data`` as the new file ``path``, whole or not at all; FileExistsError if the name is taken.

    The bytes go to a hidden temporary file in the same folder (no build reads
    one), then hard-linked to the name: the link fails if the name exists, so a
    file is never replaced, even by two writers at once, and a reader sees the
    whole file or none. ``durable`` also flushes the bytes and the new name to disk.
    """
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".new.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.link(tmp, path)
        if durable:
            _sync_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` itself durable (the file's bytes already are)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
