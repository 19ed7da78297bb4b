"""A per-user cache folder for work that depends only on installed files (compiled templates, font metrics).

Like Python's ``__pycache__``: what it holds is derived from files on this
machine and checked against them on every use, so deleting it is always safe
and a cold build of a new output still starts warm. It is used only when it is
a real folder owned by this user and closed to others (0700); otherwise
nothing is cached. ``BRIEFING_CACHE_DIR`` moves it; ``BRIEFING_CACHE_DIR=""``
turns it off.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def folder(kind: str) -> Path | None:
    """Return the cache folder for ``kind`` (created if missing), or None when it cannot be used safely."""
    base = os.environ.get("BRIEFING_CACHE_DIR")
    if base == "":
        return None
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        base = str(root / "briefing")
    path = Path(base) / kind
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077:
        return None
    return path
