"""Save an uploaded source into a seeds folder: a plain seed name, whole or not at all, never over a file.

Standard library only; ``briefing serve`` calls it from a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from briefing.atomic import create_new
from briefing.seedfiles import SEED_SUFFIXES, is_seed_name

MAX_NAME_BYTES = 200


class UploadError(ValueError):
    """An upload refused; ``status`` is the HTTP status that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def check_name(name: str) -> str:
    """Return ``name`` when it is a plain seed file name; raise UploadError otherwise.

    A plain name has no folder part at all, so ``..``, absolute paths and
    Windows paths (``\\``, ``C:``) are refused rather than cleaned: a client sending one is
    confused or hostile, and saving under another name would surprise both.
    """
    if not name or not name.strip():
        raise UploadError(400, "the upload has no file name")
    if any(ch in name for ch in "/\\:") or name in (".", ".."):
        raise UploadError(400, f"file name '{name}' has a folder part: give a plain file name")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name) or name != name.strip():
        raise UploadError(400, "file name has control characters or surrounding spaces")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UploadError(400, f"file name longer than {MAX_NAME_BYTES} bytes")
    if not is_seed_name(name):
        kinds = ", ".join(SEED_SUFFIXES)
        raise UploadError(415, f"'{name}' is not a source file the tool reads ({kinds}; no hidden or temporary files)")
    return name


def save_upload(seeds: Path, name: str, data: bytes, max_bytes: int) -> Path:
    """Write ``data`` as ``seeds/name`` atomically and return the path; raise UploadError when refused.

    The bytes go to a hidden temporary file (which no build reads) and are
    then hard-linked to the real name: the link fails if that name exists,
    so a source is never replaced, and a reader sees the whole file or none.
    """
    check_name(name)
    if len(data) > max_bytes:
        raise UploadError(413, f"upload larger than the {max_bytes / (1024 * 1024):g} MB limit")
    folder = Path(seeds)
    if folder.is_symlink() or not folder.is_dir():
        raise UploadError(409, "the brief has no seeds folder to write to")
    target = folder / name
    if target.is_symlink():
        raise UploadError(409, f"'{name}' is a symbolic link in the seeds folder; not replaced")
    if target.resolve().parent != folder.resolve():
        raise UploadError(400, f"file name '{name}' leaves the seeds folder")
    if target.exists():
        raise UploadError(409, f"'{name}' already exists; remove it or choose another name")
    try:
        create_new(target, data, durable=True)
    except FileExistsError:
        raise UploadError(409, f"'{name}' already exists; remove it or choose another name") from None
    return target
