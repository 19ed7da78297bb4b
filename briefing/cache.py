"""What the last build read, so the next one can skip work: manifest, per-document cache, lock.

Everything a build depends on is reduced to content hashes (seeds, templates,
settings, tool and extractor versions). Equal hashes mean an equal PDF, so a
build with nothing changed stops here. This module is on that no-op path: it
imports only the standard library and must stay that way (no pandas,
reportlab, jinja2, nor ``briefing.extract``, which loads every extractor).

Cache files are JSON, not pickle: a corrupt or hostile file can only fail to
parse (and is then rebuilt), never run code, and a user can read why a build
did what it did. Every file is written to a temporary file in the same folder
and moved into place with ``os.replace``, so a build killed at any instant
leaves each file either old or new, never half-written.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from pathlib import Path

from briefing.atomic import atomic_write
from briefing.config import Settings
from briefing.lock import build_lock, lock_path  # noqa: F401 (the build lock lives in briefing.lock)
from briefing.resources import DEFAULT_TEMPLATES as PACKAGE_TEMPLATES
from briefing.seedfiles import SEED_SUFFIXES, is_seed_name, is_temp, list_seeds  # noqa: F401

log = logging.getLogger("briefing")

FORMAT = 1                     # bump when the layout of any cache file changes
CACHE_DIR = ".briefing-cache"
CODE_ROOT = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- files


def cache_dir(out: Path) -> Path:
    """Return the cache folder of one output: beside the PDF, one per PDF name."""
    out = Path(out)
    return out.parent / CACHE_DIR / out.name


def write_json(path: Path, data, durable: bool = False) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"), durable)


def read_json(path: Path):
    """Return the parsed file, None when it does not exist; raise ValueError when it is corrupt."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{exc}") from None


def remove_stale_temps(out: Path) -> None:
    """Delete temporary files left by a killed build (call with the lock held)."""
    out = Path(out)
    folders = [out.parent, cache_dir(out), cache_dir(out) / "docs"]
    for folder in folders:
        for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
            if folder != out.parent or tmp.name.startswith(f".{out.name}."):
                with contextlib.suppress(OSError):
                    tmp.unlink()


# --------------------------------------------------------------------------- hashing


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def list_templates(folder: Path | None) -> list[str]:
    """Every non-temporary file under a templates folder, as relative names."""
    if folder is None or not Path(folder).is_dir():
        return []
    folder = Path(folder)
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*")
        if p.is_file() and not any(is_temp(part) for part in p.relative_to(folder).parts)
    )


def hash_files(folder: Path, names: list[str], stamps: dict) -> tuple[dict, dict]:
    """Return {name: sha256} and the new stamps; a file whose size and mtime match is not re-read.

    The decision is always by content hash: the stamp only saves reading a file
    whose hash we already know. Unreadable files get a hash of their error so
    they still count as present (the build reports why it skips them).
    """
    hashes, new_stamps = {}, {}
    for name in names:
        path = Path(folder) / name
        try:
            st = path.stat()
        except OSError as exc:
            hashes[name] = f"error:{exc.strerror}"
            continue
        stamp = [st.st_size, st.st_mtime_ns]
        old = stamps.get(name)
        if old and old[:2] == stamp and isinstance(old[2], str):
            sha = old[2]
        else:
            try:
                sha = sha256_file(path)
            except OSError as exc:
                hashes[name] = f"error:{exc.strerror}"
                continue
        hashes[name] = sha
        new_stamps[name] = stamp + [sha]
    return hashes, new_stamps


# The code a cached document is made by: reading a seed file into a Source and
# extracting it, with their data. tests/test_cache.py checks that this covers
# every briefing module those two packages import.
EXTRACTION_FILES = ("extract/*.py", "readers/*.py", "sources.py", "dating.py", "countries.py", "months.py",
                    "model.py", "seedfiles.py", "data/*")


def _code_hash(root: Path, names: list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        data = (root / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def _extraction_names(root: Path) -> list[str]:
    return sorted({p.relative_to(root).as_posix() for pattern in EXTRACTION_FILES
                   for p in root.glob(pattern) if p.is_file()})


def extractor_version(root: Path | None = None) -> str:
    """A hash of the extraction code and its data: any change to them re-extracts every document.

    Computed, not bumped by hand: a forgotten bump served stale extracts.
    Reads some 20 files, no import, so the no-op build stays cheap.
    """
    root = root or CODE_ROOT
    return _code_hash(root, _extraction_names(root))


def tool_version(root: Path | None = None) -> str:
    """The release, plus a hash of the rest of the package's code: a change to either rebuilds the PDF."""
    from briefing import __version__

    root = root or CODE_ROOT
    extraction = set(_extraction_names(root))
    rest = [n for n in (p.relative_to(root).as_posix() for p in root.rglob("*.py")) if n not in extraction]
    return f"{__version__}+{_code_hash(root, rest)}"


def settings_hash(settings: Settings) -> str:
    text = json.dumps(settings.as_dict(), sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- manifest


class Manifest:
    """The inputs of one build, by content hash; ``stamps`` maps "kind:name" to [size, mtime_ns, sha256]."""

    KEYS = ("tool", "extractor", "config", "templates", "seeds", "stamps")

    def __init__(self, tool: str, extractor: str, config: str, templates: dict, seeds: dict, stamps: dict | None = None):
        self.tool, self.extractor, self.config = tool, extractor, config
        self.templates, self.seeds, self.stamps = templates, seeds, stamps or {}

    def to_json(self) -> dict:
        return {"format": FORMAT, **{k: getattr(self, k) for k in self.KEYS}}


def scan(seeds: Path, templates: Path | None, settings: Settings, previous: Manifest | None) -> Manifest:
    """Hash every input of a build, re-reading only files whose stamp changed."""
    old = previous.stamps if previous else {}

    def hashed(kind: str, folder: Path | None, names: list[str]) -> tuple[dict, dict]:
        if folder is None:
            return {}, {}
        stamps = {k.split(":", 1)[1]: v for k, v in old.items() if k.startswith(kind + ":")}
        hashes, new = hash_files(folder, names, stamps)
        return hashes, {f"{kind}:{k}": v for k, v in new.items()}

    seed_hashes, s1 = hashed("seeds", seeds, list_seeds(seeds))
    user, s2 = hashed("user", templates, list_templates(templates))
    default, s3 = hashed("default", PACKAGE_TEMPLATES, list_templates(PACKAGE_TEMPLATES))
    tmpl = {**{f"user:{k}": v for k, v in user.items()}, **{f"default:{k}": v for k, v in default.items()}}
    if templates is not None:
        tmpl["user-folder"] = str(Path(templates).resolve())
    return Manifest(tool=tool_version(), extractor=extractor_version(), config=settings_hash(settings),
                    templates=tmpl, seeds=seed_hashes, stamps={**s1, **s2, **s3})


def manifest_path(out: Path) -> Path:
    return cache_dir(out) / "manifest.json"


def load_manifest(out: Path) -> Manifest | None:
    """Return the manifest of the last build of ``out``; None (with a warning if corrupt) otherwise."""
    path = manifest_path(out)
    try:
        data = read_json(path)
        if data is None:
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("written by another version of briefing")
        data = {k: v for k, v in data.items() if k != "format"}
        manifest = Manifest(**data)
        if not all(isinstance(getattr(manifest, k), dict) for k in ("templates", "seeds", "stamps")):
            raise ValueError("unexpected content")
        return manifest
    except (ValueError, TypeError) as exc:
        log.warning("cache: %s is unreadable (%s); rebuilding", path, exc)
        return None


def save_manifest(out: Path, manifest: Manifest) -> None:
    write_json(manifest_path(out), manifest.to_json(), durable=True)


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (", ..." if len(names) > limit else "")


def changed_seeds(old: dict, new: dict) -> tuple[list[str], list[str], list[str]]:
    """Return (changed, added, removed) seed names."""
    changed = sorted(n for n in new if n in old and old[n] != new[n])
    added = sorted(n for n in new if n not in old)
    removed = sorted(n for n in old if n not in new)
    return changed, added, removed


def reasons(old: Manifest | None, new: Manifest) -> list[str]:
    """Say why ``new`` needs a build that ``old`` did not; empty when both are the same inputs."""
    if old is None:
        return ["no previous build"]
    why = []
    if old.tool != new.tool:
        why.append("tool version changed")
    if old.extractor != new.extractor:
        why.append("extractor version changed")
    if old.config != new.config:
        why.append("config changed")
    if old.templates != new.templates:
        why.append("templates changed")
    changed, added, removed = changed_seeds(old.seeds, new.seeds)
    if changed or added or removed:
        counts = [f"{len(v)} {k}" for k, v in (("changed", changed), ("added", added), ("removed", removed)) if v]
        why.append(f"{', '.join(counts)}: {_names(changed + added + removed)}")
    return why


# --------------------------------------------------------------------------- previous extract


def load_previous(out: Path) -> dict | None:
    """Return {"built": iso, "extract": export.to_dict(...)} of the last build, or None."""
    path = cache_dir(out) / "previous.json"
    try:
        data = read_json(path)
        if data is None:
            return None
        if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("extract"), dict)):
            raise ValueError("written by another version of briefing")
        return data
    except ValueError as exc:
        log.warning("cache: %s is unreadable (%s); no changes box this time", path, exc)
        return None


def save_previous(out: Path, built: str, extract: dict) -> None:
    write_json(cache_dir(out) / "previous.json", {"format": FORMAT, "built": built, "extract": extract})


# --------------------------------------------------------------------------- per-document cache


_SHAPES: dict = {}


def _shape(cls) -> tuple[set, dict]:
    """Return a model dataclass's field names and, per tuple field, the dataclass of its items (or None)."""
    if cls not in _SHAPES:
        import dataclasses
        import typing

        from briefing import model

        hints = typing.get_type_hints(cls, vars(model))
        tuples = {}
        for f in dataclasses.fields(cls):
            hint = hints[f.name]
            if typing.get_origin(hint) is tuple:
                args = [a for a in typing.get_args(hint) if a is not Ellipsis]
                tuples[f.name] = args[0] if args and dataclasses.is_dataclass(args[0]) else None
        _SHAPES[cls] = ({f.name for f in dataclasses.fields(cls)}, tuples)
    return _SHAPES[cls]


def _revive(cls, data: dict):
    """Rebuild a model dataclass (and the dataclasses in its tuple fields) from JSON data.

    Lists become tuples again, so a revived object equals the one stored; an
    unknown key (the model lost a field) raises TypeError: the entry is stale.
    """
    names, tuples = _shape(cls)
    unknown = set(data) - names
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    kwargs = dict(data)
    for name, item in tuples.items():
        value = kwargs.get(name)
        if isinstance(value, list):
            kwargs[name] = tuple(_revive(item, v) for v in value) if item else tuple(value)
    return cls(**kwargs)


def context_key(pair, keywords) -> str:
    """What an extraction depends on besides the document: the pair and the section keywords."""
    text = json.dumps([list(pair), keywords], sort_keys=True, default=list, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocCache:
    """One JSON file per seed: its ``Source``, its country mentions and its ``Extraction``.

    An entry is keyed by the seed's name and content hash and is valid for one
    tool and extractor version; the extraction inside it also records the
    context (pair, keywords) it was made for. A wrong or unreadable entry is a
    miss: counted, reported once, and overwritten.
    """

    def __init__(self, out: Path, hashes: dict[str, str], extractor: str, read: bool = True):
        from briefing import __version__

        self.read = read  # False (--force): extract everything again, still store the results
        self.folder = cache_dir(out) / "docs"
        self.hashes = hashes
        self.version = [__version__, extractor]
        self.entries: dict[str, dict | None] = {}
        self.corrupt: list[str] = []
        self.used: set[str] = set()
        self.extracted = 0
        self.reused = 0

    def _path(self, name: str, sha: str) -> Path:
        key = hashlib.sha256(f"{name}\0{sha}".encode()).hexdigest()
        return self.folder / f"{key}.json"

    def _entry(self, name: str) -> dict | None:
        sha = self.hashes.get(name)
        if sha is None:
            return None
        if name in self.entries:
            return self.entries[name]
        path = self._path(name, sha)
        self.used.add(path.name)
        entry: dict | None = None
        if not self.read:
            self.entries[name] = None
            return None
        try:
            data = read_json(path)
            if data is not None:
                if not isinstance(data, dict) or data.get("format") != FORMAT:
                    raise ValueError("old format")
                if data.get("version") == self.version and data.get("name") == name and data.get("sha256") == sha:
                    from briefing.model import Source

                    entry = {"source": _revive(Source, data["source"]), "mentions": dict(data["mentions"]),
                             "context": data.get("context"), "extraction": data.get("extraction")}
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            self.corrupt.append(f"{name} ({exc})")
            entry = None
        self.entries[name] = entry
        return entry

    def source(self, name: str):
        """Return the cached ``Source`` of a seed whose hash is known, or None."""
        entry = self._entry(name)
        return entry["source"] if entry else None

    def mentions(self, name: str) -> dict | None:
        entry = self._entry(name)
        return entry["mentions"] if entry else None

    def extraction(self, name: str, context: str):
        """Return the cached ``Extraction`` made for this context, or None."""
        from briefing.model import Extraction

        entry = self._entry(name)
        if not entry or entry["context"] != context or entry["extraction"] is None:
            return None
        if not hasattr(entry["extraction"], "sentences"):
            try:
                entry["extraction"] = _revive(Extraction, entry["extraction"])
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                self.corrupt.append(f"{name} ({exc})")
                entry["extraction"] = None
                return None
        self.reused += 1
        return entry["extraction"]

    def put(self, source, mentions: dict, context: str, extraction) -> None:
        """Store one document's source, mentions and extraction (atomically)."""
        from dataclasses import asdict

        self.extracted += 1
        self.hashes.setdefault(source.file, source.sha256)
        path = self._path(source.file, source.sha256)
        self.used.add(path.name)
        self.entries[source.file] = {"source": source, "mentions": mentions, "context": context,
                                     "extraction": extraction}
        write_json(path, {"format": FORMAT, "version": self.version, "name": source.file, "sha256": source.sha256,
                          "source": asdict(source), "mentions": mentions, "context": context,
                          "extraction": asdict(extraction)})

    def report(self) -> None:
        """Log the unreadable entries once (they have been rebuilt)."""
        if self.corrupt:
            log.warning("cache: %d unreadable entr%s rebuilt: %s", len(self.corrupt),
                        "y" if len(self.corrupt) == 1 else "ies", _names(self.corrupt, 3))

    def prune(self) -> None:
        """Delete the entries this build did not use (old versions of changed or removed seeds)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.name not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()
