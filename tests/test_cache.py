"""briefing.cache: hashing with stamps, manifest reasons, atomic files, the lock, the document cache."""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from briefing import cache

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_list_seeds_matches_sources_find_seeds(tmp_path):
    from briefing.sources import find_seeds

    for rel in [
        "a.txt",
        "b.MD",
        "sub/c.txt",
        "sub/.hidden.txt",
        ".git/x.txt",
        "d.txt~",
        "#e.txt#",
        ".f.txt.swp",
        "g.txt.tmp",
        "h.pdf",
        "k.png",
        "notes",
        "sub/deeper/i.md",
        "~j.txt",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    (tmp_path / "dir.txt").mkdir()
    expected = [p.relative_to(tmp_path).as_posix() for p in find_seeds(tmp_path)]
    assert cache.list_seeds(tmp_path) == expected
    assert expected == ["a.txt", "b.MD", "h.pdf", "sub/c.txt", "sub/deeper/i.md"]


def _plain_list_seeds(folder: Path) -> list[str]:
    """list_seeds as it was: pathlib's walk, filtered by name and is_file."""
    from briefing.seedfiles import is_seed_name

    return sorted(
        rel for path in folder.rglob("*") if is_seed_name(rel := path.relative_to(folder).as_posix()) and path.is_file()
    )


def test_list_seeds_walks_as_pathlib_does(tmp_path):
    """The scandir walk against rglob: links to files and folders, broken links, odd names, nested folders."""
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    names = [
        "a.txt", "B.TXT", "c.Md", "..txt", ".txt", "x.", "y.txt.", "z..htm", "n\u00e9e.html", "sp ace.docx",
        "deep/er/still/d.md", "deep/.hid/e.txt", "dir.txt/f.txt", "sub~/g.txt", "sub/h.pdf", "sub/#i.txt",
    ]  # fmt: skip
    for rel in names:
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        (seeds / rel).write_text("x")
    (seeds / os.fsdecode(b"caf\xe9.txt")).write_text("x")  # a name that is not UTF-8
    (outside / "far").mkdir(parents=True)
    (outside / "far" / "k.txt").write_text("x")
    (outside / "l.md").write_text("x")
    (seeds / "link-dir").symlink_to(outside / "far")  # not followed
    (seeds / "link.md").symlink_to(outside / "l.md")  # a file
    (seeds / "broken.txt").symlink_to(outside / "gone.txt")
    (seeds / "sub" / "up.txt").symlink_to(seeds / "a.txt")
    (seeds / "empty").mkdir()
    got = cache.list_seeds(seeds)
    assert got == _plain_list_seeds(seeds)
    assert "link.md" in got and "sub/up.txt" in got and "dir.txt/f.txt" in got
    assert not any(n.startswith(("link-dir", "broken")) for n in got)
    assert cache.list_seeds(tmp_path / "missing") == [] and cache.list_seeds(ROOT / "seeds") == _plain_list_seeds(
        ROOT / "seeds"
    )


def test_seed_suffix_is_pathlibs():
    from briefing.seedfiles import suffix

    for name in ["a.txt", ".txt", "..txt", "a.", "a..b", "...", ".", "a", "x.tar.gz", ".a.b", "a.b.", "é.Md", ""]:
        assert suffix(name) == (Path(name).suffix if name else ""), name


def test_extractor_version_is_cheap_to_read():
    import subprocess
    import sys

    code = (
        "import sys; from briefing import cache; cache.extractor_version(); "
        "print(sorted(m for m in sys.modules if m.startswith('briefing.extract.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"  # the version, without loading a single extractor


def test_unchanged_stamp_skips_hashing_changed_content_is_rehashed(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    hashes, stamps = cache.hash_files(tmp_path, ["a.txt", "b.txt"], {})
    calls = []
    real = cache.sha256_file
    monkeypatch.setattr(cache, "sha256_file", lambda p: calls.append(Path(p).name) or real(p))
    again, _ = cache.hash_files(tmp_path, ["a.txt", "b.txt"], stamps)
    assert again == hashes and calls == []
    (tmp_path / "b.txt").write_text("three")
    changed, _ = cache.hash_files(tmp_path, ["a.txt", "b.txt"], stamps)
    assert calls == ["b.txt"] and changed["b.txt"] != hashes["b.txt"] and changed["a.txt"] == hashes["a.txt"]


def test_a_new_size_is_rehashed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("aaaa")
    hashes, stamps = cache.hash_files(tmp_path, ["a.txt"], {})
    path.write_text("bbbbb")
    assert cache.hash_files(tmp_path, ["a.txt"], stamps)[0] != hashes


def manifest(**kw):
    base = dict(tool="1", extractor="1", config="c", templates={"default:t": "1"}, seeds={"a.txt": "1"})
    return cache.Manifest(**{**base, **kw})


def test_reasons_name_each_kind_of_change():
    old = manifest(seeds={f"{i:02d}.txt": "1" for i in range(8)})
    seeds = {f"{i:02d}.txt": "1" for i in range(8)}
    seeds.update({"00.txt": "2", "01.txt": "2", "99.txt": "1"})
    del seeds["07.txt"]
    assert cache.reasons(old, manifest(seeds=seeds)) == [
        "2 changed, 1 added, 1 removed: 00.txt, 01.txt, 99.txt, 07.txt"
    ]
    six = dict(old.seeds, **{f"n{i}.txt": "1" for i in range(6)})
    assert cache.reasons(old, manifest(seeds=six))[0].endswith("n3.txt, n4.txt, ...")
    assert cache.reasons(manifest(), manifest(config="d")) == ["config changed"]
    assert cache.reasons(manifest(), manifest(templates={"default:t": "2"})) == ["templates changed"]
    assert cache.reasons(manifest(), manifest(tool="2")) == ["tool version changed"]
    assert cache.reasons(manifest(), manifest(extractor="2")) == ["extractor version changed"]
    assert cache.reasons(None, manifest()) == ["no previous build"]
    assert cache.reasons(manifest(), manifest()) == []


def test_manifest_round_trip_and_corrupt_manifest_warns(tmp_path, caplog):
    out = tmp_path / "b.pdf"
    cache.save_manifest(out, manifest(stamps={"seeds:a.txt": [1, 2, "1"]}))
    loaded = cache.load_manifest(out)
    assert loaded.to_json() == manifest(stamps={"seeds:a.txt": [1, 2, "1"]}).to_json()
    cache.manifest_path(out).write_bytes(b'{"format": 1, "tool": ')
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert cache.load_manifest(out) is None
    assert "unreadable" in caplog.text
    cache.manifest_path(out).write_text(json.dumps({"format": 0}))
    assert cache.load_manifest(out) is None


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    cache.atomic_write(path, b"old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left")))
    with pytest.raises(OSError):
        cache.atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_stale_temp_files_of_this_output_are_removed(tmp_path):
    out = tmp_path / "b.pdf"
    (tmp_path / ".b.pdf.abc.tmp").write_bytes(b"half")
    (tmp_path / ".other.pdf.abc.tmp").write_bytes(b"not ours")
    (cache.cache_dir(out) / "docs").mkdir(parents=True)
    (cache.cache_dir(out) / "docs" / ".x.json.1.tmp").write_bytes(b"half")
    cache.remove_stale_temps(out)
    assert not (tmp_path / ".b.pdf.abc.tmp").exists()
    assert (tmp_path / ".other.pdf.abc.tmp").exists()
    assert not list((cache.cache_dir(out) / "docs").iterdir())


def test_second_lock_waits_and_says_so(tmp_path, caplog):
    out = tmp_path / "out" / "b.pdf"
    order, held = [], threading.Event()

    def first():
        with cache.build_lock(out):
            held.set()
            time.sleep(0.3)
            order.append("first done")

    t = threading.Thread(target=first)
    t.start()
    held.wait(2)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        with cache.build_lock(out):
            order.append("second in")
    t.join()
    assert order == ["first done", "second in"]
    assert f"waiting for another build of {out}" in caplog.text


def test_uncontended_lock_does_not_warn(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="briefing"):
        with cache.build_lock(tmp_path / "b.pdf"):
            pass
    assert caplog.text == ""


@pytest.fixture(scope="module")
def extracted():
    from briefing.build import read_sources
    from briefing.extract import count_mentions, detect_pair, extract_document

    sources, _ = read_sources(ROOT / "seeds")
    pair = detect_pair([count_mentions(s) for s in sources])
    return sources, pair, [extract_document(s, pair) for s in sources]


def test_document_cache_returns_equal_objects(tmp_path, extracted):
    from briefing.extract import count_mentions

    sources, pair, extractions = extracted
    out = tmp_path / "b.pdf"
    ctx = cache.context_key(pair, None)
    writer = cache.DocCache(out, {s.file: s.sha256 for s in sources}, "1")
    for s, e in zip(sources, extractions):
        writer.put(s, count_mentions(s), ctx, e)
    writer.save()
    assert [p.name for p in cache.cache_dir(out).iterdir()] == [cache.PACK]  # one file, whatever the count
    reader = cache.DocCache(out, {s.file: s.sha256 for s in sources}, "1")
    for s, e in zip(sources, extractions):
        assert reader.source(s.file) == s
        assert reader.mentions(s.file) == count_mentions(s)
        assert reader.extraction(s.file, ctx) == e
        assert reader.extraction(s.file, cache.context_key(tuple(reversed(pair)), None)) is None
    assert reader.corrupt == []
    # another extractor version or another content hash: a miss, silently
    assert cache.DocCache(out, {s.file: s.sha256 for s in sources}, "2").source(sources[0].file) is None
    other = cache.DocCache(out, {sources[0].file: "0" * 64}, "1")
    assert other.source(sources[0].file) is None and other.corrupt == []


def _pack_file(out):
    return cache.cache_dir(out) / cache.PACK


def test_corrupt_document_entry_is_a_reported_miss(tmp_path, extracted, caplog):
    sources, pair, extractions = extracted
    out = tmp_path / "b.pdf"
    hashes = {s.file: s.sha256 for s in sources}
    writer = cache.DocCache(out, hashes, "1")
    ctx = cache.context_key(pair, None)
    for s, e in zip(sources, extractions):
        writer.put(s, {}, ctx, e)
    writer.save()
    head, first, *rest = _pack_file(out).read_text().split("\n")
    _pack_file(out).write_text("\n".join([head, first[:150], *rest]))  # one line cut short
    reader = cache.DocCache(out, hashes, "1")
    assert reader.source(sources[0].file) is None
    assert all(reader.extraction(s.file, ctx) == e for s, e in zip(sources[1:], extractions[1:]))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        reader.report()
    assert "1 unreadable entry rebuilt" in caplog.text and sources[0].file in caplog.text
    assert len(caplog.records) == 1


def test_garbage_pack_warns_once_and_is_a_miss(tmp_path, extracted, caplog):
    sources, pair, extractions = extracted
    out = tmp_path / "b.pdf"
    hashes = {s.file: s.sha256 for s in sources}
    _pack_file(out).parent.mkdir(parents=True)
    for garbage in (b"\x00\xffgarbage", b"", b'{"format": 2, "version": ["0", "1", "x"]}\n"a"\tb\tc'):
        _pack_file(out).write_bytes(garbage)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="briefing"):
            reader = cache.DocCache(out, hashes, "1")
            assert all(reader.source(s.file) is None for s in sources)
        # garbage or an empty file is named once; another version's file is an ordinary miss
        assert len(caplog.records) == (0 if garbage.startswith(b"{") else 1)


def test_save_keeps_only_used_entries(tmp_path, extracted):
    sources, pair, extractions = extracted
    out = tmp_path / "b.pdf"
    ctx = cache.context_key(pair, None)
    first = cache.DocCache(out, {}, "1")
    for s, e in zip(sources, extractions):
        first.put(s, {}, ctx, e)
    first.save()
    second = cache.DocCache(out, {s.file: s.sha256 for s in sources}, "1")
    assert second.extraction(sources[0].file, ctx) == extractions[0]
    second.save()
    assert len(_pack_file(out).read_text().splitlines()) == 2  # the header and the one entry used
    third = cache.DocCache(out, {s.file: s.sha256 for s in sources}, "1")
    assert third.extraction(sources[0].file, ctx) == extractions[0]
    assert third.source(sources[1].file) is None and third.corrupt == []


def test_the_per_file_cache_of_older_versions_is_removed(tmp_path, extracted):
    sources, pair, extractions = extracted
    out = tmp_path / "b.pdf"
    legacy = cache.cache_dir(out) / "docs"
    legacy.mkdir(parents=True)
    (legacy / "0123.json").write_text("{}")
    writer = cache.DocCache(out, {}, "1")
    writer.put(sources[0], {}, "ctx", extractions[0])
    writer.save()
    assert not legacy.exists()


# -- the schema: every field of every cached dataclass, with a value of the wrong type


def _wrong(check):
    """A JSON value that ``check`` must refuse (a string where a list of strings belongs, ...)."""
    return {
        cache._is_str: 7,
        cache._is_opt_str: ["x"],
        cache._is_int: "12",
        cache._is_float: "1.5",
        cache._is_bool: 1,
        cache._is_strs: "abc",
        cache._is_counts: {"Chile": "3"},
    }[check]


def _rich_document():
    """A source and an extraction with at least one of every nested dataclass (my own wording)."""
    from dataclasses import replace

    from briefing.model import Event, Extraction, Sentence, Share, Source, TradeFigure

    source = Source(
        file="sub/n\u00e9ws.txt",
        sha256="ab" * 32,
        date="2024-03-01",
        places=("Lima", "Quito"),
        agency="Wire",
        paragraphs=("Ecuador and Peru signed a fisheries pact.", "Talks resume soon."),
        dropped=("Caption",),
    )
    extraction = Extraction(
        file=source.file,
        sha256=source.sha256,
        mentions={"Ecuador": 2, "Peru": 1},
        sentences=(Sentence("Ecuador and Peru signed a fisheries pact.", "economy", 0),),
        trade=(
            TradeFigure("2023", True, "total", 1.5e9, "USD", None, None, "Trade reached $1.5 billion.", source.file),
        ),
        shares=(Share("2023", 4.5, "Peru's share of Ecuador's trade", "Peru took 4.5%.", source.file),),
        events=(Event(2024, "2024-03-01", False, "The pact was signed.", None, source.file),),
        warnings=("a warning",),
    )
    # any other list of dataclasses the model has (or gains) gets one made-up item, so every field is tested
    for name, _check, item in cache._schema(Extraction):
        if item is not None and not getattr(extraction, name):
            extraction = replace(extraction, **{name: (_sample(item),)})
    return source, extraction


def _sample(cls):
    """An instance of a model dataclass with a value of the right type in every field."""
    values = {
        cache._is_str: "text",
        cache._is_opt_str: "text",
        cache._is_int: 3,
        cache._is_float: 2.5,
        cache._is_bool: True,
        cache._is_strs: ("a", "b"),
        cache._is_counts: {"Peru": 1},
    }
    return cls(*[(_sample(item),) if item is not None else values[check] for _, check, item in cache._schema(cls)])


def _field_paths():
    """(description, path into the packed [source, mentions, context, extraction], check) of every field."""
    from briefing.model import Extraction, Source

    def walk(cls, prefix, label):
        for i, (name, check, item) in enumerate(cache._schema(cls)):
            if item is None:
                yield f"{label}.{name}", prefix + [i], check
            else:
                yield f"{label}.{name}", prefix + [i], None
                yield from walk(item, prefix + [i, 0], f"{label}.{name}[0]")

    yield from walk(Source, [0], "Source")
    yield "mentions", [1], cache._is_counts
    yield "context", [2], cache._is_opt_str
    yield from walk(Extraction, [3], "Extraction")


def test_every_cached_field_with_a_wrong_type_is_rebuilt_with_one_line(tmp_path, caplog):
    source, extraction = _rich_document()
    paths = list(_field_paths())
    assert len(paths) >= 40  # every field of Source, Extraction, Sentence, TradeFigure, Share and Event
    for n, (label, path, check) in enumerate(paths):
        out = tmp_path / f"{n}" / "b.pdf"
        writer = cache.DocCache(out, {}, "1")
        writer.put(source, {"Ecuador": 2, "Peru": 1}, "ctx", extraction)
        writer.save()
        head, line, _ = _pack_file(out).read_text().split("\n")
        name, sha, payload = line.split("\t")
        data = json.loads(payload)
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = _wrong(check) if check else "not a list"
        _pack_file(out).write_text(f"{head}\n{name}\t{sha}\t{json.dumps(data)}\n")
        reader = cache.DocCache(out, {source.file: source.sha256}, "1")
        got = reader.source(source.file) and reader.extraction(source.file, "ctx")
        assert got is None, label
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="briefing"):
            reader.report()
        assert len(caplog.records) == 1 and "1 unreadable entry rebuilt" in caplog.text, label
        assert source.file in caplog.text, label


def test_numbers_keep_their_type_through_the_cache(tmp_path):
    """An int stays an int and a float a float: the printed text cannot change by a round trip."""
    from dataclasses import replace

    source, extraction = _rich_document()
    trade = replace(extraction.trade[0], value=3)
    extraction = replace(extraction, trade=(trade,), shares=(replace(extraction.shares[0], percent=12.0),))
    out = tmp_path / "b.pdf"
    writer = cache.DocCache(out, {}, "1")
    writer.put(source, {}, "ctx", extraction)
    writer.save()
    got = cache.DocCache(out, {source.file: source.sha256}, "1").extraction(source.file, "ctx")
    assert got == extraction
    assert type(got.trade[0].value) is int and type(got.shares[0].percent) is float


def _same_values(a, b) -> bool:
    """Equal, and every value of the same type (3 is not 3.0, a tuple not a list), all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same_values(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dataclass_fields__"):
        return vars(a) == vars(b) and all(_same_values(vars(a)[k], vars(b)[k]) for k in vars(a))
    return a == b


def test_compiled_pack_and_revive_give_what_the_plain_ones_give(extracted):
    """The compiled ``packer``/``reviver`` against ``pack``/``revive``: the seeds' documents and made-up ones."""
    from dataclasses import replace

    from briefing.model import Extraction, Source

    sources, _pair, extractions = extracted
    source, extraction = _rich_document()
    odd = replace(source, date=None, agency=None, places=(), title="T", url="u", format="html")
    docs = [*zip(sources, extractions), (source, extraction), (odd, replace(extraction, warnings=()))]
    for s, e in docs:
        for cls, obj in ((Source, s), (Extraction, e)):
            packed = cache.pack(obj)
            assert cache.packer(cls)(obj) == packed
            data = json.loads(json.dumps(packed))  # as read back from the file
            plain, fast = cache.revive(cls, data), cache.reviver(cls)(data)
            assert fast == plain == obj and _same_values(fast, plain)
            assert fast.__dict__ == plain.__dict__ and list(vars(fast)) == list(vars(plain))
    trade = replace(extraction.trade[0], value=3)  # an int stays an int
    three = cache.reviver(Extraction)(json.loads(json.dumps(cache.pack(replace(extraction, trade=(trade,))))))
    assert type(three.trade[0].value) is int


def test_compiled_revive_refuses_every_wrong_field_as_revive_does():
    """Each field given a wrong type (and wrong lengths): the same InvalidEntry message from both."""
    from briefing.model import Extraction, Source

    source, extraction = _rich_document()
    whole = [cache.pack(source), {"Peru": 1}, "ctx", cache.pack(extraction)]
    cases = []
    wrongs = {  # several per kind: what a JSON file can hold instead of the right type
        cache._is_str: [7, None, ["x"]],
        cache._is_opt_str: [["x"], 3, False],
        cache._is_int: ["12", 1.0, True, None],
        cache._is_float: ["1.5", True, None],
        cache._is_bool: [1, None, "true"],
        cache._is_strs: ["abc", ["a", 1], None, {}],
        cache._is_counts: [{"Chile": "3"}, {"Chile": True}, [], None],
        None: ["not a list", None, {}],
    }
    for label, path, check in _field_paths():
        if path[0] not in (0, 3):
            continue
        for wrong in wrongs[check]:
            data = json.loads(json.dumps(whole))
            node = data
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = wrong
            cases.append((f"{label} = {wrong!r}", data))
    short = json.loads(json.dumps(whole))
    short[3][3][0].pop()  # a sentence one field short
    cases += [("short sentence", short), ("a dict", [{"a": 1}, {}, "", {"b": 2}])]
    for label, data in cases:
        for cls, part in ((Source, data[0]), (Extraction, data[3])):
            try:
                plain = cache.revive(cls, part)
            except cache.InvalidEntry as exc:
                with pytest.raises(cache.InvalidEntry) as fast:
                    cache.reviver(cls)(part)
                assert str(fast.value) == str(exc), label
            else:
                assert _same_values(cache.reviver(cls)(part), plain), label


def test_a_model_change_changes_the_schema_fingerprint(monkeypatch):
    from briefing.model import Event

    before = cache.schema_fingerprint()
    spec = cache._schema(Event)
    monkeypatch.setitem(cache._SCHEMAS, Event, spec + (("extra", cache._is_str, None),))
    assert cache.schema_fingerprint() != before


# -- file names that are not UTF-8


def test_display_name_escapes_undecodable_bytes():
    raw = os.fsdecode(b"caf\xe9/r\xc3\xa9sum\xff.txt")
    assert cache.display_name(raw) == "caf\\xe9/r\u00e9sum\\xff.txt"
    assert cache.display_name("plain/na\u00efve.md") == "plain/na\u00efve.md"
    assert cache.display_name(os.fsdecode(b"\x80\x81.txt")) == "\\x80\\x81.txt"


def test_manifest_keeps_undecodable_names(tmp_path):
    raw = os.fsdecode(b"caf\xe9.txt")
    out = tmp_path / "b.pdf"
    cache.save_manifest(out, manifest(seeds={raw: "1"}, stamps={f"seeds:{raw}": [1, 2, "1"]}))
    assert cache.load_manifest(out).seeds == {raw: "1"}
    assert cache.reasons(manifest(seeds={}), manifest(seeds={raw: "1"})) == ["1 added: caf\\xe9.txt"]


def test_the_extractor_version_covers_every_module_extraction_imports():
    from test_imports import import_graph

    graph = import_graph()
    reach, todo = set(), ["briefing.extract", "briefing.readers"]
    while todo:
        name = todo.pop()
        if name not in reach:
            reach.add(name)
            todo += graph[name]
    root = cache.CODE_ROOT
    hashed = set(cache._extraction_names(root))
    files = {
        (Path(*m.split(".")[1:]) / "__init__.py").as_posix()
        if (root / Path(*m.split(".")[1:])).is_dir()
        else Path(*m.split(".")[1:]).with_suffix(".py").as_posix()
        for m in reach
    }
    assert files <= hashed, sorted(files - hashed)
    assert "data/countries.json" in hashed


def test_the_code_versions_read_only_changed_files_of_the_package(tmp_path, monkeypatch):
    code = tmp_path / "code"
    shutil.copytree(cache.CODE_ROOT, code, ignore=shutil.ignore_patterns("__pycache__"))
    tool, extractor, stamps = cache.code_versions(code)
    read = []
    real = cache.sha256_file
    monkeypatch.setattr(cache, "sha256_file", lambda p: read.append(Path(p).name) or real(p))
    assert cache.code_versions(code, stamps)[:2] == (tool, extractor) and read == []
    with open(code / "pdf.py", "a", encoding="utf-8") as fh:
        fh.write("\n")
    again = cache.code_versions(code, stamps)
    assert read == ["pdf.py"] and again[0] != tool and again[1] == extractor
