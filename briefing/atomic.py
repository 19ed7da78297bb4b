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
