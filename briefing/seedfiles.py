"""Which files in a seeds folder are seeds: one rule for the build, the cache and the watcher.

Standard library only, so the no-op build and the watcher can use it cheaply.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")  # briefing.readers.FORMATS reads each


def is_temp(name: str) -> bool:
    """Tell editor leftovers and hidden files (".#a.txt", "a.txt~", ".a.swp") from real files."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", "#", ".swp", ".swo", ".tmp"))


def suffix(name: str) -> str:
    """``Path(name).suffix`` without making a Path (a seeds folder of 10,000 files asks 10,000 times)."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def is_seed_name(rel: str) -> bool:
    """Tell whether a path relative to the seeds folder names a seed file."""
    parts = rel.replace(os.sep, "/").split("/")
    return suffix(parts[-1]).lower() in SEED_SUFFIXES and not any(is_temp(p) for p in parts)


def display_name(rel: str) -> str:
    """A seed's name as printed and cached: bytes of a non-UTF-8 file name shown as ``\\xNN``.

    ``os.listdir`` keeps such bytes as lone surrogates (``surrogateescape``),
    which no UTF-8 file, PDF or terminal can hold; shown escaped, the name stays
    readable and every later step treats it as plain text.
    """
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", "backslashreplace")


def list_seeds(folder: Path) -> list[str]:
    """Return the seed files in ``folder`` and its subfolders as relative names, sorted.

    What ``Path.rglob("*")`` finds, filtered by ``is_seed_name`` and ``is_file``,
    walked with ``os.scandir`` (a tenth of the time: every build lists the
    folder, the no-op build too): symbolic links to folders are not followed,
    a folder that cannot be listed is passed over (``unreadable_folders`` names it).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found: list[str] = []
    _walk(os.fspath(folder), "", found)
    return sorted(found)


_IGNORED = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # what pathlib's walk passes over


def _walk(path: str, prefix: str, found: list[str]) -> None:
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except PermissionError:
        return
    for entry in entries:
        rel = prefix + entry.name
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
        except OSError as exc:
            if exc.errno not in _IGNORED:
                raise
            is_dir = False
        if is_dir:
            _walk(entry.path, rel + "/", found)
        if is_seed_name(rel) and _is_file(entry):
            found.append(rel)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError as exc:  # as Path.is_file
        if exc.errno not in _IGNORED:
            raise
        return False


def find_seeds(folder: Path) -> list[Path]:
    """Return every seed file (.txt, .md, .html, .htm, .pdf, .docx) in ``folder`` and its subfolders, sorted by relative path.

    Hidden files and folders and editor temp files are skipped.
    """
    return [Path(folder) / rel for rel in list_seeds(folder)]


def unreadable_folders(folder: Path) -> list[tuple[str, str]]:
    """Subfolders that cannot be listed, as ("name/", reason): their seeds would vanish without a word."""
    folder = Path(folder)
    found: list[tuple[str, str]] = []

    def note(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(folder).as_posix() if exc.filename else "?"
        if rel != "." and not any(is_temp(p) for p in rel.split("/")):
            found.append((rel + "/", exc.strerror or type(exc).__name__))

    for _top, dirs, _ in os.walk(folder, onerror=note):
        dirs[:] = [d for d in dirs if not is_temp(d)]
    return sorted(found)
