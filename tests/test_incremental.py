"""Incremental builds end to end: no-op, each kind of change, the document cache, kill -9, concurrency."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import cache
from briefing.build import Options, run
from briefing.cli import main
from briefing.config import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "seeds").glob("*.txt"))
BRIEFING = [sys.executable, "-m", "briefing"]


def make_seeds(folder: Path, copies: int = 0) -> Path:
    """The example seeds, plus ``copies`` articles made of their dateline and three rotating paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in EXAMPLES:
        shutil.copy(path, folder / path.name)
    texts = [p.read_text(encoding="utf-8").split("\n\n") for p in EXAMPLES]
    paragraphs = [p for t in texts for p in t[1:] if len(p) > 80]
    for i in range(copies):
        body = [paragraphs[(i * 3 + k) % len(paragraphs)] for k in range(3)]
        text = "\n\n".join([texts[i % len(texts)][0], *body, f"A working group held its meeting number {i + 2}."])
        (folder / f"copy{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def bump_first_amount(path: Path) -> tuple[str, str]:
    """Revise the first amount in billions in a seed; return (old, new)."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"(\d+(?:\.\d+)?) billion", text)
    new = f"{float(m.group(1)) + 1.5:g}"
    path.write_text(text[: m.start(1)] + new + text[m.end(1) :], encoding="utf-8")
    return m.group(1), new


@pytest.fixture
def site(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "out" / "briefing.pdf"
    assert run(Options(seeds=seeds, out=out)).status == "rebuilt"
    return tmp_path, seeds, out


def test_noop_build_touches_nothing_and_imports_nothing_heavy(site):
    tmp, seeds, out = site
    before = (out.read_bytes(), out.stat().st_mtime_ns)
    script = (
        "import sys, json\n"
        "from briefing.cli import main\n"
        "try:\n"
        f"    main(['build', '--seeds', {str(seeds)!r}, '--out', {str(out)!r}])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = ('pandas', 'reportlab', 'jinja2', 'numpy', 'briefing.extract.trade', 'briefing.extract.events',\n"
        "         'briefing.countries', 'briefing.sources', 'briefing.merge', 'briefing.model')\n"
        "print(json.dumps({'code': code, 'loaded': [m for m in heavy if m in sys.modules]}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp, capture_output=True, text=True, timeout=60)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "loaded": []}, result.stderr
    assert "up to date" in result.stderr
    assert (out.read_bytes(), out.stat().st_mtime_ns) == before


def test_touch_without_change_is_up_to_date(site):
    _, seeds, out = site
    path = next(seeds.iterdir())
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert run(Options(seeds=seeds, out=out)).status == "up to date"
    assert cache.load_manifest(out).stamps[f"seeds:{path.name}"][1] == path.stat().st_mtime_ns


def change_seed(seeds):
    path = sorted(seeds.iterdir())[0]
    path.write_text(path.read_text() + "\nOne more sentence on cultural exchanges.\n")
    return f"1 changed: {path.name}"


def add_seed(seeds):
    shutil.copy(EXAMPLES[0], seeds / "zz_new.txt")
    return "1 added: zz_new.txt"


def remove_seed(seeds):
    path = sorted(seeds.iterdir())[-1]
    path.unlink()
    return f"1 removed: {path.name}"


def add_in_subfolder(seeds):
    (seeds / "sub").mkdir()
    shutil.copy(EXAMPLES[0], seeds / "sub" / "x.md")
    return "1 added: sub/x.md"


@pytest.mark.parametrize("edit", [change_seed, add_seed, remove_seed, add_in_subfolder])
def test_seed_changes_rebuild_with_reason(site, edit):
    _, seeds, out = site
    before = out.read_bytes()
    reason = edit(seeds)
    outcome = run(Options(seeds=seeds, out=out))
    assert outcome.line() == f"rebuilt: {reason}"
    assert out.read_bytes() != before
    assert run(Options(seeds=seeds, out=out)).status == "up to date"


def test_editor_temp_files_are_not_changes(site):
    _, seeds, out = site
    for name in (".000.txt.swp", "000.txt~", "#000.txt#", "notes.odt", "~$notes.docx"):
        (seeds / name).write_text("junk")
    assert run(Options(seeds=seeds, out=out)).status == "up to date"


def test_template_change_rebuilds(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "b.pdf"
    options = Options(seeds=seeds, out=out, templates=templates)
    run(options)
    assert run(options).status == "up to date"
    main_template = sorted(templates.iterdir())[0]
    main_template.write_text(main_template.read_text() + "\n{# edited #}\n")
    assert run(options).line() == "rebuilt: templates changed"
    (templates / "extra.j2").write_text("{# new #}")
    assert run(options).line() == "rebuilt: templates changed"
    assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: templates changed"  # back to the defaults


def test_config_change_rebuilds(site):
    _, seeds, out = site
    assert run(Options(seeds=seeds, out=out, settings=Settings(title="Other"))).line() == "rebuilt: config changed"
    assert run(Options(seeds=seeds, out=out, settings=Settings(title="Other"))).status == "up to date"


def test_briefing_toml_change_rebuilds_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_seeds(tmp_path / "seeds")
    Path("briefing.toml").write_text('title = "One"\n')
    runner = CliRunner()
    first = runner.invoke(main, ["build"])
    assert first.exit_code == 0, first.output
    assert "up to date" in runner.invoke(main, ["build"]).stderr
    Path("briefing.toml").write_text('title = "Two"\n')
    again = runner.invoke(main, ["build"])
    assert again.exit_code == 0 and "config changed" in again.stderr
    forced = runner.invoke(main, ["build", "--force"])
    assert forced.exit_code == 0 and "forced" in forced.stderr


def test_tool_version_change_rebuilds(site, monkeypatch):
    import briefing

    _, seeds, out = site
    monkeypatch.setattr(briefing, "__version__", "99.0")
    assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: tool version changed"


def test_force_and_missing_output_rebuild(site):
    _, seeds, out = site
    assert run(Options(seeds=seeds, out=out, force=True)).line() == "rebuilt: forced"
    out.unlink()
    assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: output missing"
    assert out.exists()


def test_only_the_changed_document_is_extracted_again(tmp_path, monkeypatch):
    import briefing.extract as ex

    seeds = make_seeds(tmp_path / "seeds", copies=4)
    out = tmp_path / "b.pdf"
    run(Options(seeds=seeds, out=out))
    calls, real = [], ex.extract_document
    monkeypatch.setattr(ex, "extract_document", lambda s, *a, **k: calls.append(s.file) or real(s, *a, **k))
    import briefing.readers

    read, real_read = [], briefing.readers.read_source
    monkeypatch.setattr(briefing.readers, "read_source", lambda p, n, *a: read.append(n) or real_read(p, n, *a))
    change_seed(seeds)
    outcome = run(Options(seeds=seeds, out=out))
    assert outcome.status == "rebuilt"
    changed = sorted(seeds.iterdir())[0].name
    assert calls == [changed] and read == [changed]
    fresh = Options(seeds=seeds, out=tmp_path / "fresh.pdf")
    from briefing.build import collect

    assert collect(fresh).sections == outcome.briefing.sections  # the cache changes nothing in the result


def test_a_new_pair_or_keywords_extracts_everything_again(site, monkeypatch):
    import briefing.extract as ex

    _, seeds, out = site
    calls, real = [], ex.extract_document
    monkeypatch.setattr(ex, "extract_document", lambda s, *a, **k: calls.append(s.file) or real(s, *a, **k))
    run(Options(seeds=seeds, out=out, settings=Settings(sections={"economy": ("trade",)})))
    assert len(calls) == len(EXAMPLES)


def test_corrupt_cache_files_warn_and_rebuild(site, caplog):
    _, seeds, out = site
    folder = cache.cache_dir(out)
    head, *entries = (folder / cache.PACK).read_text().splitlines()
    (folder / cache.PACK).write_text("\n".join([head] + [e[: len(e) // 2] for e in entries]))  # every entry cut
    (folder / "previous.json").write_text("{")
    cache.manifest_path(out).write_text("[1, 2")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        outcome = run(Options(seeds=seeds, out=out))
    assert outcome.line() == "rebuilt: cache unreadable"
    assert "manifest.json is unreadable" in caplog.text
    assert "previous.json is unreadable" in caplog.text
    assert f"{len(EXAMPLES)} unreadable entries rebuilt" in caplog.text
    caplog.clear()
    assert run(Options(seeds=seeds, out=out, force=True)).status == "rebuilt"
    assert "unreadable" not in caplog.text  # all repaired


def test_a_cache_entry_of_the_wrong_type_is_rebuilt_and_prints_the_same(site, caplog):
    """A paragraph list turned into a string must not print its letters as paragraphs."""
    _, seeds, out = site
    pdf = out.read_bytes()
    pack = cache.cache_dir(out) / cache.PACK
    head, *entries = pack.read_text().splitlines()
    name, sha, payload = entries[0].split("\t")
    data = json.loads(payload)
    data[0][5] = "".join(data[0][5])  # Source.paragraphs: a string of the right text, the wrong type
    pack.write_text("\n".join([head, f"{name}\t{sha}\t{json.dumps(data)}", *entries[1:]]) + "\n")
    out.unlink()  # the build runs (output missing) and reads the cache
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: output missing"
    lines = [r.getMessage() for r in caplog.records if "cache" in r.getMessage()]
    assert len(lines) == 1 and "1 unreadable entry rebuilt" in lines[0] and json.loads(name) in lines[0]
    assert out.read_bytes() == pdf


def test_a_file_name_that_is_not_utf8_builds_and_prints_escaped(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    raw = os.fsencode(seeds) + b"/r\xe9sum\xe9 \xff.txt"
    with open(raw, "wb") as fh:
        fh.write(EXAMPLES[0].read_bytes().replace(b"\n\n", b"\n\nAn added paragraph, in its own words.\n\n", 1))
    out = tmp_path / "out" / "b.pdf"
    first = subprocess.run(
        BRIEFING + ["build", "--seeds", str(seeds), "--out", str(out)], capture_output=True, cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "r\\xe9sum\\xe9 \\xff.txt" in text
    again = subprocess.run(
        BRIEFING + ["build", "--seeds", str(seeds), "--out", str(out)], capture_output=True, text=True, cwd=tmp_path
    )
    assert again.returncode == 0 and "up to date" in again.stdout + again.stderr
    with open(raw, "ab") as fh:
        fh.write(b"\nOne more sentence at the end of the file.\n")
    third = subprocess.run(
        BRIEFING + ["-v", "build", "--seeds", str(seeds), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert third.returncode == 0, third.stderr
    assert "1 changed: r\\xe9sum\\xe9 \\xff.txt" in third.stdout + third.stderr
    assert f"({len(EXAMPLES)} from cache)" in third.stderr


def test_changes_since_previous_build(site):
    tmp, seeds, out = site
    target = sorted(seeds.iterdir())[0]
    old, new = bump_first_amount(target)
    shutil.copy(EXAMPLES[-1], seeds / "zz_new.txt")
    briefing = run(Options(seeds=seeds, out=out)).briefing
    changes = briefing.changes
    assert changes["sources_added"] == ["zz_new.txt"] and changes["sources_changed"] == [target.name]
    assert changes["previous_date"] == "2022-06-25"  # newest source date of the previous build, not the clock
    revised = [f for f in changes["figures"] if f["new"] is not None and abs(f["new"] - float(new) * 1e9) < 1]
    assert revised and revised[0]["old"] is not None and target.name in revised[0]["sources"]
    from briefing.export import to_dict

    assert to_dict(briefing)["changes"] == changes
    (seeds / "zz_new.txt").unlink()
    again = run(Options(seeds=seeds, out=out)).briefing.changes
    assert again["sources_removed"] == ["zz_new.txt"] and again["figures"] == []
    result = CliRunner().invoke(main, ["extract", "--seeds", str(seeds), "--changes-since", str(out)])
    assert json.loads(result.stdout)["changes"]["empty"] is True


def test_kill_9_midway_leaves_previous_pdf_whole(tmp_path):
    from pypdf import PdfReader

    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "b.pdf"
    run(Options(seeds=seeds, out=out))
    previous = out.read_bytes()
    make_seeds(seeds, copies=198)
    killed = 0
    for delay in (0.4, 1.2, 2.5):
        proc = subprocess.Popen(
            BRIEFING + ["build", "--seeds", str(seeds), "--out", str(out), "--force"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        data = out.read_bytes()  # the previous PDF, or (killed after the move) the whole new one
        assert data == previous or data.rstrip().endswith(b"%%EOF"), (delay, proc.returncode)
        assert len(PdfReader(out).pages) >= 1
    assert killed >= 1
    outcome = run(Options(seeds=seeds, out=out))  # the cache is usable: rebuilt, or up to date if the last run finished
    assert outcome.status in ("rebuilt", "up to date")
    if outcome.status == "rebuilt":
        assert len(outcome.briefing.documents) == 200
    assert len(PdfReader(out).pages) >= 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_two_concurrent_builds_both_succeed_one_waits(site):
    tmp, seeds, out = site
    cmd = BRIEFING + ["build", "--seeds", str(seeds), "--out", str(out), "--force"]
    procs = [subprocess.Popen(cmd, cwd=tmp, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(60), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert sum(f"waiting for another build of {out}" in err for _, err in results) == 1
    from pypdf import PdfReader

    assert len(PdfReader(out).pages) >= 1


def test_force_extracts_every_document_again(site, monkeypatch):
    import briefing.extract as ex

    _, seeds, out = site
    calls, real = [], ex.extract_document
    monkeypatch.setattr(ex, "extract_document", lambda s, *a, **k: calls.append(s.file) or real(s, *a, **k))
    assert run(Options(seeds=seeds, out=out, force=True)).status == "rebuilt"
    assert len(calls) == len(EXAMPLES)
    calls.clear()
    change_seed(seeds)
    run(Options(seeds=seeds, out=out))
    assert len(calls) == 1  # what --force extracted was stored


def test_quiet_build_prints_nothing(site):
    _, seeds, out = site
    result = CliRunner().invoke(main, ["-q", "build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0 and result.stderr == ""


def test_changing_one_byte_of_an_extractor_file_extracts_everything_again(tmp_path, monkeypatch):
    import briefing.extract as ex

    code = tmp_path / "code"
    shutil.copytree(ROOT / "briefing", code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CODE_ROOT", code)
    seeds = make_seeds(tmp_path / "seeds", copies=2)
    out = tmp_path / "out" / "b.pdf"
    assert run(Options(seeds=seeds, out=out)).status == "rebuilt"
    assert run(Options(seeds=seeds, out=out)).status == "up to date"
    trade = code / "extract" / "trade.py"
    data = bytearray(trade.read_bytes())
    data[data.index(b"\n") - 1] ^= 0x20  # one byte of the docstring's first line changes case
    trade.write_bytes(bytes(data))
    calls, real = [], ex.extract_document
    monkeypatch.setattr(ex, "extract_document", lambda s, *a, **k: calls.append(s.file) or real(s, *a, **k))
    assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: extractor version changed"
    assert sorted(calls) == sorted(p.name for p in seeds.iterdir())


def test_other_code_changes_rebuild_the_pdf_but_reuse_the_extracts(tmp_path, monkeypatch):
    import briefing.extract as ex

    code = tmp_path / "code"
    shutil.copytree(ROOT / "briefing", code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CODE_ROOT", code)
    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "out" / "b.pdf"
    run(Options(seeds=seeds, out=out))
    with open(code / "render.py", "a", encoding="utf-8") as fh:
        fh.write("# a comment\n")
    calls, real = [], ex.extract_document
    monkeypatch.setattr(ex, "extract_document", lambda s, *a, **k: calls.append(s.file) or real(s, *a, **k))
    assert run(Options(seeds=seeds, out=out)).line() == "rebuilt: tool version changed"
    assert calls == []
