"""What the last build read, so the next one can skip work: manifest, per-document cache, lock.

Everything a build depends on is reduced to content hashes (seeds, templates,
settings, tool and extractor versions). Equal hashes mean an equal PDF, so a
build with nothing changed stops here. This module is on that no-op path: it
imports only the standard library and must stay that way (no pandas,
reportlab, jinja2, nor ``briefing.extract``, which loads every extractor).

Cache files are JSON (the per-document extracts packed into one file, checked
field by field against the model when read), not pickle: a corrupt or hostile file can only fail to
parse (and is then rebuilt), never run code, and a user can read why a build
did what it did. Every file is written to a temporary file in the same folder
and moved into place with ``os.replace``, so a build killed at any instant
leaves each file either old or new, never half-written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from briefing import lock
from briefing.atomic import atomic_write
from briefing.config import Settings
from briefing.lock import lock_path  # noqa: F401 (the build lock lives in briefing.lock)
from briefing.resources import DEFAULT_TEMPLATES as PACKAGE_TEMPLATES
from briefing.seedfiles import SEED_SUFFIXES, display_name, is_seed_name, is_temp, list_seeds  # noqa: F401

log = logging.getLogger("briefing")

FORMAT = 1  # bump when the layout of any cache file changes
CACHE_DIR = ".briefing-cache"
CODE_ROOT = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- files


def cache_dir(out: Path) -> Path:
    """Return the cache folder of one output: beside the PDF, one per PDF name."""
    out = Path(out)
    return out.parent / CACHE_DIR / out.name


def write_json(path: Path, data, durable: bool = False) -> None:
    """ASCII JSON: a file name with undecodable bytes (kept as surrogates) is written as \\udcNN, not a crash."""
    atomic_write(path, json.dumps(data, ensure_ascii=True, sort_keys=True).encode("ascii"), durable)


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


build_lock = lock.build_lock  # the build lock lives in briefing.lock


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


def sha256_file(path: Path | str) -> str:
    import hashlib  # here, not at the top: a no-op build hashes nothing and skips loading OpenSSL

    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read(1 << 20))  # most seeds: one read
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def list_templates(folder: Path | None) -> list[str]:
    """Every non-temporary file under a templates folder, as relative names."""
    if folder is None or not Path(folder).is_dir():
        return []
    folder = Path(folder)
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(is_temp(part) for part in p.relative_to(folder).parts)
    )


def hash_files(folder: Path, names: list[str], stamps: dict) -> tuple[dict, dict]:
    """Return {name: sha256} and the new stamps; a file whose size and mtime match is not re-read.

    The decision is always by content hash: the stamp only saves reading a file
    whose hash we already know. Unreadable files get a hash of their error so
    they still count as present (the build reports why it skips them).
    """
    hashes, new_stamps = {}, {}
    base = os.path.join(folder, "")  # os.path, not pathlib: this runs for every seed of every build
    for name in names:
        path = base + name
        try:
            st = os.stat(path)
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
EXTRACTION_FILES = (
    "extract/*.py",
    "readers/*.py",
    "sources.py",
    "dating.py",
    "countries.py",
    "months.py",
    "stemming.py",
    "scales.py",
    "model.py",
    "seedfiles.py",
    "data/*",
)


def _extraction_names(root: Path) -> list[str]:
    return sorted(
        {p.relative_to(root).as_posix() for pattern in EXTRACTION_FILES for p in root.glob(pattern) if p.is_file()}
    )


def _digest(hashes: dict[str, str], names: list[str]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(f"{name}\0{hashes[name]}\n".encode())
    return digest.hexdigest()[:16]


def code_versions(
    root: Path | None = None, stamps: dict | None = None, known: tuple[str, str] | None = None
) -> tuple[str, str, dict]:
    """Return (tool version, extractor version, new stamps) from the package's own files.

    The extractor version is a hash of the extraction code and its data, so any
    change to them re-extracts every document: computed, not bumped by hand (a
    forgotten bump served stale extracts). The tool version is the release plus
    a hash of the rest of the code, so any change to it rebuilds the PDF. Like
    the seeds, a file whose size and mtime match its stamp is not read again:
    the no-op build only lists and stats the package. ``known``: the (tool, extractor)
    versions computed from ``stamps``, returned as they are when no stamp changed.
    """
    from briefing import __version__

    root = root or CODE_ROOT
    extraction = _extraction_names(root)
    taken = set(extraction)
    rest = sorted(n for n in (p.relative_to(root).as_posix() for p in root.rglob("*.py")) if n not in taken)
    hashes, new = hash_files(root, extraction + rest, stamps or {})
    if known is not None and new == stamps and known[0].startswith(f"{__version__}+"):
        return known[0], known[1], new  # the same release and files, each with its stamp: the same hashes
    return f"{__version__}+{_digest(hashes, rest)}", _digest(hashes, extraction), new


def extractor_version(root: Path | None = None) -> str:
    """The extractor's version (see ``code_versions``)."""
    return code_versions(root)[1]


def tool_version(root: Path | None = None) -> str:
    """The tool's version (see ``code_versions``)."""
    return code_versions(root)[0]


def settings_key(settings: Settings) -> str:
    """The settings as canonical JSON: the manifest keeps them whole, so comparing needs no hash."""
    return json.dumps(settings.as_dict(), sort_keys=True, default=repr, ensure_ascii=False)


# --------------------------------------------------------------------------- manifest


class Manifest:
    """The inputs of one build, by content hash; ``stamps`` maps "kind:name" to [size, mtime_ns, sha256]."""

    KEYS = ("tool", "extractor", "config", "templates", "seeds", "stamps")

    def __init__(
        self, tool: str, extractor: str, config: str, templates: dict, seeds: dict, stamps: dict | None = None
    ):
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
    code_stamps = {k.split(":", 1)[1]: v for k, v in old.items() if k.startswith("code:")}
    known = (previous.tool, previous.extractor) if previous else None
    tool, extractor, s4 = code_versions(stamps=code_stamps, known=known)
    return Manifest(
        tool=tool,
        extractor=extractor,
        config=settings_key(settings),
        templates=tmpl,
        seeds=seed_hashes,
        stamps={**s1, **s2, **s3, **{f"code:{k}": v for k, v in s4.items()}},
    )


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
    changed, added, removed = (list(map(display_name, names)) for names in changed_seeds(old.seeds, new.seeds))
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

PACK = "docs.jsonl"
PACK_FORMAT = 2  # bump when the layout of the pack changes (the model's fields are checked apart)


class InvalidEntry(ValueError):
    """A cache entry that does not match the model's schema: rebuilt, never trusted."""


def _is_str(v) -> bool:
    return type(v) is str


def _is_opt_str(v) -> bool:
    return v is None or type(v) is str


def _is_int(v) -> bool:
    return type(v) is int


def _is_float(v) -> bool:  # JSON keeps 3 and 3.0 apart, so an int stored is an int revived
    return type(v) is float or type(v) is int


def _is_bool(v) -> bool:
    return type(v) is bool


def _is_strs(v) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _is_counts(v) -> bool:
    return type(v) is dict and all(type(k) is str and type(n) is int for k, n in v.items())


_CHECKS = {
    "str": _is_str,
    "str | None": _is_opt_str,
    "int": _is_int,
    "float": _is_float,
    "bool": _is_bool,
    "tuple[str, ...]": _is_strs,
    "dict[str, int]": _is_counts,
}

Field = tuple[str, "Callable[[object], bool] | None", "type | None"]  # name, check, item dataclass
_SCHEMAS: dict[type, tuple[Field, ...]] = {}


def _schema(cls: type) -> tuple[Field, ...]:
    """(field, check, item dataclass or None) per field of a model dataclass, in order.

    Derived from the model's annotations, so a new field changes the schema
    (and the cache's fingerprint) without anyone editing this module.
    """
    if cls not in _SCHEMAS:
        import dataclasses

        from briefing import model

        spec: list[Field] = []
        for f in dataclasses.fields(cls):
            hint = f.type if isinstance(f.type, str) else repr(f.type)
            item: type | None = None
            check: Callable[[object], bool] | None
            if hint.startswith("tuple[") and hint.endswith(", ...]") and hint[6:-6] in vars(model):
                item = getattr(model, hint[6:-6])
                check = None
            elif hint in _CHECKS:
                check = _CHECKS[hint]
            else:
                raise TypeError(f"cache: no schema check for {cls.__name__}.{f.name}: {hint}")
            spec.append((f.name, check, item))
        _SCHEMAS[cls] = tuple(spec)
    return _SCHEMAS[cls]


def schema_fingerprint() -> str:
    """Names and types of every cached field: a model change makes every entry a silent miss."""
    from briefing.model import Extraction, Source

    seen, parts, todo = set(), [], [Source, Extraction]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        spec = _schema(cls)
        parts.append(f"{cls.__name__}(" + ",".join(f"{n}:{getattr(c or i, '__name__', '?')}" for n, c, i in spec) + ")")
        todo += [i for _, _, i in spec if i is not None]
    import hashlib

    return hashlib.sha256(";".join(sorted(parts)).encode()).hexdigest()[:16]


def pack(obj):
    """A model dataclass as a JSON list of its field values, in field order (tuples as lists)."""
    out = []
    for name, _check, item in _schema(type(obj)):
        value = getattr(obj, name)
        if item is not None:
            out.append([pack(x) for x in value])
        elif type(value) is tuple:
            out.append(list(value))
        else:
            out.append(value)
    return out


def revive(cls, data):
    """Rebuild a model dataclass from ``pack``'s list, checking every field's type.

    Raises InvalidEntry naming the first field of the wrong type: a cache file
    that parses but holds a string where a list belongs must not reach the PDF
    (a string would be read as a sequence of one-letter paragraphs).
    """
    spec = _schema(cls)
    if type(data) is not list or len(data) != len(spec):
        raise InvalidEntry(f"{cls.__name__}: expected a list of {len(spec)} fields")
    values = []
    for (name, check, item), value in zip(spec, data):
        if item is not None:
            if type(value) is not list:
                raise InvalidEntry(f"{cls.__name__}.{name}: expected a list, got {type(value).__name__}")
            value = tuple(revive(item, x) for x in value)
        elif check is not None and not check(value):
            raise InvalidEntry(f"{cls.__name__}.{name}: {type(value).__name__} does not fit")
        elif type(value) is list:
            value = tuple(value)
        values.append(value)
    return cls(*values)


# The same two functions as straight-line code, made once per class from its schema:
# the loop over the schema and a frozen dataclass's __init__ (one object.__setattr__
# per field) were most of loading 1,000 cached documents. tests/test_cache.py
# checks them against ``pack`` and ``revive`` on every field, right and wrong types.
_INLINE_CHECKS: dict[Callable[[object], bool], str] = {
    _is_str: "type({v}) is str",
    _is_opt_str: "({v} is None or type({v}) is str)",
    _is_int: "type({v}) is int",
    _is_float: "(type({v}) is float or type({v}) is int)",
    _is_bool: "type({v}) is bool",
    _is_strs: "_is_strs({v})",
    _is_counts: "_is_counts({v})",
}
_PACKERS: dict[type, Callable] = {}
_REVIVERS: dict[type, Callable] = {}


def _plain_init(cls: type) -> bool:
    """Whether an instance may be made by filling its ``__dict__`` (what the dataclass's __init__ does)."""
    return not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls)


def _compile(source: str, name: str, scope: dict) -> Callable:
    exec(compile(source, f"<cache {name}>", "exec"), scope)  # noqa: S102 (our own code, from the model's fields)
    return scope[name]


def packer(cls: type) -> Callable:
    """``pack`` for instances of ``cls``: the same lists, faster."""
    if cls not in _PACKERS:
        spec = _schema(cls)
        for _, _, item in spec:
            if item is not None:
                packer(item)
        parts = []
        for i, (name, _check, item) in enumerate(spec):
            v = f"o.{name}"
            if item is not None:
                parts.append(f"[p{i}(x) for x in {v}]")
            else:
                parts.append(f"(list({v}) if type({v}) is tuple else {v})")
        scope = {f"p{i}": _PACKERS[item] for i, (_, _, item) in enumerate(spec) if item is not None}
        source = "def fast_pack(o):\n    return [" + ", ".join(parts) + "]\n"
        _PACKERS[cls] = _compile(source, "fast_pack", scope)
    return _PACKERS[cls]


def reviver(cls: type) -> Callable:
    """``revive(cls, .)``, faster: the same objects, and for a wrong entry the same InvalidEntry.

    Every check is made inline; anything refused is handed to ``revive``, which
    names the first field at fault.
    """
    if cls not in _REVIVERS:
        spec = _schema(cls)
        for _, _, item in spec:
            if item is not None:
                reviver(item)
        names = [f"v{i}" for i in range(len(spec))]
        checks, values = [], []  # per field: its test, and the expression of its value
        for i, (_name, check, item) in enumerate(spec):
            v = names[i]
            if item is not None:
                checks.append(f"type({v}) is list")
                values.append(f"tuple([r{i}(x) for x in {v}])")
            elif check is not None:
                checks.append(_INLINE_CHECKS[check].format(v=v))
                values.append(f"tuple({v})" if check is _is_strs else v)
        fields = ", ".join(f"{name!r}: {value}" for (name, _, _), value in zip(spec, values))
        make = (
            "    o = new(cls)\n    o.__dict__.update({" + fields + "})\n    return o\n"
            if _plain_init(cls)
            else "    return cls(" + ", ".join(values) + ")\n"
        )
        source = (
            "def fast_revive(data):\n"
            f"    if type(data) is not list or len(data) != {len(spec)}:\n"
            "        return revive(cls, data)\n"
            f"    {', '.join(names)}{',' if len(names) == 1 else ''} = data\n"
            f"    if not ({' and '.join(checks) or 'True'}):\n"
            "        return revive(cls, data)\n" + make
        )
        scope = {
            "cls": cls,
            "new": object.__new__,
            "revive": revive,
            "_is_strs": _is_strs,
            "_is_counts": _is_counts,
            **{f"r{i}": _REVIVERS[item] for i, (_, _, item) in enumerate(spec) if item is not None},
        }
        _REVIVERS[cls] = _compile(source, "fast_revive", scope)
    return _REVIVERS[cls]


def context_key(pair, keywords) -> str:
    """What an extraction depends on besides the document: the pair and the section keywords."""
    import hashlib

    text = json.dumps([list(pair), keywords], sort_keys=True, default=list, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dumps(data) -> str:
    """Compact ASCII JSON: any name (even undecodable bytes kept as surrogates) can be written."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


class DocCache:
    """Every seed's ``Source``, country mentions and ``Extraction``, in one file per output.

    The file (``docs.jsonl``) is a header line, then one line per seed:
    ``name<TAB>sha256<TAB>[source, mentions, context, extraction]`` in JSON,
    each dataclass as the list of its field values. One file is read and
    written per build instead of one per seed (10,000 files cost seconds), and
    an unchanged entry is written back as the line it was read from.

    An entry is valid for one content hash, tool and extractor version and
    model schema; the extraction inside it also records the context (pair,
    keywords) it was made for. An entry that does not parse or fails the schema
    is a miss: counted, reported on one line, and rebuilt. The file is
    replaced whole (``atomic_write``), so a killed build leaves the old one.
    """

    def __init__(self, out: Path, hashes: dict[str, str], extractor: str, read: bool = True):
        from briefing import __version__

        self.read = read  # False (--force): extract everything again, still store the results
        self.path = cache_dir(out) / PACK
        self.legacy = cache_dir(out) / "docs"  # one JSON file per seed, before the pack
        self.hashes = hashes
        self.version = [__version__, str(extractor), schema_fingerprint()]
        self.lines: dict[str, str] = {}  # name -> its line in the file, not parsed yet
        self.entries: dict[str, dict | None] = {}
        self.keep: dict[str, str] = {}  # name -> line to write back
        self.corrupt: list[str] = []
        self.extracted = 0
        self.reused = 0
        if read:
            self._load()

    def _header(self) -> str:
        return _dumps({"format": PACK_FORMAT, "version": self.version})

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            log.warning("cache: %s is unreadable (%s); extracting again", self.path, exc.strerror)
            return
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            text = ""
        head, _, body = text.partition("\n")
        if head != self._header():
            try:
                fine = isinstance(json.loads(head), dict)
            except ValueError:
                fine = False
            if not fine:  # another version's file is a silent miss; garbage is worth a line
                log.warning("cache: %s is unreadable; extracting every document again", self.path)
            return
        for line in body.split("\n"):
            name, tab, rest = line.partition("\t")
            if not tab:
                if line:
                    self.corrupt.append("a line without a name")
                continue
            try:
                name = json.loads(name)
                if type(name) is not str:
                    raise ValueError
            except ValueError:
                self.corrupt.append("a line with an unreadable name")
                continue
            self.lines[name] = rest

    def _entry(self, name: str) -> dict | None:
        """Parse and check a seed's entry on first use; None when missing, stale or invalid."""
        if name in self.entries:
            return self.entries[name]
        entry: dict | None = None
        line = self.lines.pop(name, None)
        sha = self.hashes.get(name)
        if line is not None and sha is not None:
            stored_sha, _, payload = line.partition("\t")
            if stored_sha == sha:
                from briefing.model import Source

                try:
                    source, mentions, context, extraction = json.loads(payload)
                    if not (_is_counts(mentions) and _is_opt_str(context)):
                        raise InvalidEntry("mentions or context of the wrong type")
                    source = reviver(Source)(source)
                    if source.file != name or source.sha256 != sha:
                        raise InvalidEntry("name or hash does not match")
                    entry = {
                        "source": source,
                        "mentions": mentions,
                        "context": context,
                        "extraction": extraction,
                        "line": line,
                    }
                except (ValueError, TypeError) as exc:  # InvalidEntry, JSON errors, wrong list length
                    self.corrupt.append(f"{name} ({exc})")
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
        if type(entry["extraction"]) is not Extraction:
            try:
                extraction = reviver(Extraction)(entry["extraction"])
                if extraction.file != name or extraction.sha256 != entry["source"].sha256:
                    raise InvalidEntry("extraction of another document")
            except (ValueError, TypeError) as exc:
                self.corrupt.append(f"{name} ({exc})")
                entry["extraction"] = None
                return None
            entry["extraction"] = extraction
        self.keep[name] = entry["line"]
        self.reused += 1
        return entry["extraction"]

    def put(self, source, mentions: dict, context: str, extraction) -> None:
        """Remember one document's source, mentions and extraction (written by ``save``)."""
        self.extracted += 1
        self.hashes.setdefault(source.file, source.sha256)
        payload = [
            packer(type(source))(source),
            mentions,
            context,
            packer(type(extraction))(extraction) if extraction is not None else None,
        ]
        line = f"{source.sha256}\t{_dumps(payload)}"
        self.entries[source.file] = {
            "source": source,
            "mentions": mentions,
            "context": context,
            "extraction": extraction,
            "line": line,
        }
        self.keep[source.file] = line

    def report(self) -> None:
        """Log the unreadable entries once (they have been rebuilt)."""
        if self.corrupt:
            log.warning(
                "cache: %d unreadable entr%s rebuilt: %s",
                len(self.corrupt),
                "y" if len(self.corrupt) == 1 else "ies",
                _names(self.corrupt, 3),
            )

    def save(self) -> None:
        """Write the entries this build used (read back or new) as the new file, all at once.

        Entries of removed or changed seeds are not written: the file never
        holds more than one build's worth.
        """
        body = "".join(f"{_dumps(name)}\t{line}\n" for name, line in sorted(self.keep.items()))
        atomic_write(self.path, (self._header() + "\n" + body).encode("ascii"))
        if self.legacy.is_dir():
            import shutil

            shutil.rmtree(self.legacy, ignore_errors=True)
