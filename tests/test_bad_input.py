"""Issue 5: bad input and faults. The build keeps going, says what it skipped, and
never loses the last good PDF.

Each test runs the real command line (click's runner, or a subprocess where the
exact stderr matters) in a folder of its own, so no briefing.toml or templates/
of the repository leak in.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import main
from conftest import flat, pdf_text

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("qpdf")),
    reason="poppler-utils and qpdf needed to read the PDF back",
)

ARTICLE_A = """\
Santiago/Nairobi, 5 May 2021 (Wire): Chile and Kenya agreed to expand trade, officials said.

Bilateral trade between Chile and Kenya reached $1.2 billion in 2020, up from $0.9 billion in 2019.

The two countries established diplomatic relations in 1965. Defence cooperation between Chile and Kenya includes joint naval exercises.
"""

ARTICLE_B = """\
Nairobi, 6 May 2021: Kenya and Chile signed a security pact on maritime patrols.

Trade between Kenya and Chile was $1.2 billion in 2020. Students from Kenya study in Chile under a cultural exchange programme.
"""

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    + bytes(range(256)) * 4
)


# --------------------------------------------------------------------------- helpers


def write_seeds(folder: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Two good articles plus ``files`` (text is written as UTF-8, bytes as they are)."""
    folder.mkdir(parents=True, exist_ok=True)
    everything = {"a_wire.txt": ARTICLE_A, "b_note.txt": ARTICLE_B, **(files or {})}
    for name, content in everything.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            continue
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def build(seeds: Path, out: Path, *extra: str):
    return cli("build", "--seeds", seeds, "--out", out, "--force", *extra)


def qpdf_check(pdf: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def error_line(result) -> str:
    """The one line a failed build prints; fails when it is not exactly one line."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # handled, no traceback
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "briefing" and r.levelno == logging.WARNING]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A working folder with two good seeds and a first good PDF built from them."""
    monkeypatch.chdir(tmp_path)
    seeds = write_seeds(tmp_path / "seeds")
    out = tmp_path / "out" / "briefing.pdf"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    return SimpleNamespace(root=tmp_path, seeds=seeds, out=out, before=out.read_bytes())


def assert_untouched(p) -> None:
    """The previous PDF is byte-identical and no temporary file is left next to it."""
    assert p.out.read_bytes() == p.before
    assert sorted(x.name for x in p.out.parent.iterdir() if x.name.endswith(".tmp")) == []


# --------------------------------------------------------------------------- unreadable seeds

UNREADABLE = {
    "image.txt": (PNG, "binary data, not text"),
    "empty.txt": (b"", "empty file"),
    "blank.md": (b" \r\n\t\n\n", "empty file"),
    "bom_only.txt": (b"\xef\xbb\xbf", "empty file"),
    "bad_utf16.txt": (b"\xff\xfe" + "Chile".encode("utf-16-le") + b"\x00\xd8", "invalid utf-16-le text"),
    "nul.txt": (b"Chile and Kenya\x00\x00\x00 trade", "binary data, not text"),
    "high_bytes.txt": (bytes(range(0x80, 0x100)) * 20, "not a text file (no plausible encoding)"),
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_seed_is_skipped_named_and_listed(project, caplog, name):
    data, reason = UNREADABLE[name]
    (project.seeds / name).write_bytes(data)
    caplog.set_level(logging.WARNING, logger="briefing")
    result = build(project.seeds, project.out)
    assert result.exit_code == 0, result.output
    assert warnings_of(caplog) == [f"skipped {name}: {reason}"]
    assert "2 sources" in result.stderr  # the build went on with the rest
    text = flat(pdf_text(project.out))
    assert f"{name}: {reason}" in text.split("Sources")[-1]
    assert "Chile" in text and "Kenya" in text


def test_seed_over_the_configured_size_limit_is_skipped(project, caplog):
    (project.root / "briefing.toml").write_text("max_seed_mb = 0.01\n")
    big = ARTICLE_A.replace("Santiago/Nairobi", "Valparaiso") + "Trade talks went on. " * 600
    assert len(big.encode()) > 0.01 * 1024 * 1024
    (project.seeds / "huge.txt").write_text(big)
    caplog.set_level(logging.WARNING, logger="briefing")
    result = build(project.seeds, project.out)
    assert result.exit_code == 0, result.output
    [warning] = warnings_of(caplog)
    assert re.fullmatch(r"skipped huge\.txt: larger than the 0\.01 MB limit", warning), warning
    text = flat(pdf_text(project.out))
    assert "huge.txt: larger than the 0.01 MB limit" in text
    assert "Valparaiso" not in text


def test_size_limit_default_is_20_mb():
    from briefing.build import DEFAULT_MAX_BYTES
    from briefing.config import load_settings

    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    assert load_settings(Path("/nonexistent/briefing.toml")).max_seed_bytes is None


def test_user_sees_one_line_per_skipped_file(tmp_path):
    """What a user really gets on stderr: one plain line per skipped seed, no traceback."""
    seeds = write_seeds(tmp_path / "seeds", {"image.txt": PNG, "empty.txt": b""})
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--seeds", "seeds", "--out", "b.pdf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[:2] == ["skipped empty.txt: empty file", "skipped image.txt: binary data, not text"]
    assert len(lines) == 3 and lines[2].startswith("wrote b.pdf (2 sources")
    assert seeds.is_dir() and (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")


# --------------------------------------------------------------------------- encodings

CYRILLIC = (
    "Minsk, 3 March 2021: Delegations from Chile and Kenya met in Minsk. "
    "The slogan «Дружба народов» was printed on the Витебск festival poster.\n\n"
)
LATIN = (
    "Santiago, 3 March 2021: Chile and Kenya met at the café of the Hôtel Núñez in Zürich, "
    "where señor Ibáñez spoke.\n\n"
)


@pytest.mark.parametrize(
    "encoding,text,words",
    [
        ("utf-8", CYRILLIC, ["«Дружба народов»", "Витебск"]),
        ("utf-8-sig", LATIN, ["café", "Hôtel Núñez", "Zürich", "Ibáñez"]),
        ("utf-16", CYRILLIC, ["«Дружба народов»", "Витебск"]),  # Python writes the BOM
        ("utf-16-be", LATIN, ["café", "Hôtel Núñez"]),  # BOM added by hand below
        ("cp1251", CYRILLIC, ["«Дружба народов»", "Витебск"]),
        ("latin-1", LATIN, ["café", "Hôtel Núñez", "Zürich", "Ibáñez"]),
    ],
)
def test_encodings_are_decoded_right(project, encoding, text, words):
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (project.seeds / "c_encoded.txt").write_bytes(data)
    result = build(project.seeds, project.out)
    assert result.exit_code == 0, result.output
    assert "3 sources" in result.stderr
    pdf = flat(pdf_text(project.out))
    extract = json.dumps(json.loads(cli("extract", "--seeds", project.seeds).stdout), ensure_ascii=False)
    for word in words:
        assert word in pdf, word
        assert word in extract, word
    assert "\ufeff" not in extract and "\ufffd" not in extract


def test_utf8_with_a_corrupt_byte_is_kept(project):
    """One bad byte (a damaged copy) marks the spot with U+FFFD instead of costing the article."""
    data = CYRILLIC.encode() * 3
    cut = data.index("Витебск".encode())
    (project.seeds / "c_damaged.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    result = build(project.seeds, project.out)
    assert result.exit_code == 0 and "3 sources" in result.stderr
    pdf = flat(pdf_text(project.out))
    assert "«Дружба народов»" in pdf and "\ufffdВитебск" in pdf


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(project, newline):
    text = ARTICLE_A.replace("Santiago/Nairobi", "Antofagasta").replace("\n", newline)
    (project.seeds / "c_lines.txt").write_bytes(text.encode())
    data = json.loads(cli("extract", "--seeds", project.seeds).stdout)
    doc = next(d for d in data["documents"] if d["file"] == "c_lines.txt")
    assert doc["date"] == "2021-05-05" and doc["places"] == ["Antofagasta"]
    assert "\r" not in json.dumps(data)
    result = build(project.seeds, project.out)
    assert result.exit_code == 0
    assert "\r" not in flat(pdf_text(project.out))


def test_nfc_and_non_breaking_spaces(project):
    decomposed = "Cafe\u0301 Nu\u0301n\u0303ez"  # e + combining acute, n + combining tilde
    text = (
        f"Iquique, 2 June 2021: Chile and Kenya opened the {decomposed} trade office.\n\n"
        "Trade between Chile and Kenya reached $3.4\u00a0billion in\u00a02018, officials said.\n"
    )
    (project.seeds / "c_nfc.txt").write_text(text)
    data = json.loads(cli("extract", "--seeds", project.seeds).stdout)
    dumped = json.dumps(data, ensure_ascii=False)
    assert "Café Núñez" in dumped and "\u0301" not in dumped and "\u00a0" not in dumped
    assert any(r["period"] == "2018" and r["total"] == 3.4e9 for r in data["trade"]), data["trade"]
    result = build(project.seeds, project.out)
    assert result.exit_code == 0
    assert "Café Núñez" in flat(pdf_text(project.out))


# --------------------------------------------------------------------------- nothing to build from


def test_no_seeds_keeps_previous_pdf(project):
    empty = project.root / "empty_seeds"
    empty.mkdir()
    line = error_line(build(empty, project.out))
    assert "no seed files" in line and "empty_seeds" in line
    assert_untouched(project)


def test_missing_seeds_folder_keeps_previous_pdf(project):
    line = error_line(build(project.root / "nowhere", project.out))
    assert "nowhere" in line
    assert_untouched(project)


def test_nothing_readable_keeps_previous_pdf(project, caplog):
    bad = project.root / "bad_seeds"
    bad.mkdir()
    (bad / "image.txt").write_bytes(PNG)
    (bad / "empty.txt").write_bytes(b"")
    caplog.set_level(logging.WARNING, logger="briefing")
    line = error_line(build(bad, project.out))
    assert line == f"error: no readable seed files in {bad}"
    assert warnings_of(caplog) == ["skipped empty.txt: empty file", "skipped image.txt: binary data, not text"]
    assert_untouched(project)


def test_nothing_readable_for_extract_too(project):
    bad = project.root / "bad_seeds"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = cli("extract", "--seeds", bad)
    assert error_line(result) == f"error: no readable seed files in {bad}"
    assert result.stdout == ""


def test_no_seeds_one_line_from_the_real_command(project):
    (project.root / "empty_seeds").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--seeds", "empty_seeds", "--out", str(project.out), "--force"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == "error: no seed files (.txt, .md, .html, .pdf, .docx) in empty_seeds\n"
    assert_untouched(project)


# --------------------------------------------------------------------------- broken template or config

BROKEN_TEMPLATES = {
    "syntax": ("<document>\n{% for s in sections %}\n{% if %}\n{% endfor %}\n</document>\n", 3),
    "unknown variable": ("<document>\n\n<p>{{ no_such_thing.field }}</p>\n</document>\n", 3),
    "unclosed block": ("<document>\n{% for s in sections %}\n<p/>\n</document>\n", None),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_TEMPLATES))
def test_broken_template_names_file_and_line(project, kind):
    source, line_no = BROKEN_TEMPLATES[kind]
    folder = project.root / "my_templates"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text(source)
    line = error_line(build(project.seeds, project.out, "--templates", folder))
    assert "my_templates/briefing.xml.j2:" in line, line
    if line_no:
        assert f"briefing.xml.j2:{line_no}:" in line, line
    else:
        assert re.search(r"briefing\.xml\.j2:\d+:", line), line
    assert_untouched(project)


def test_template_writing_bad_xml_names_file(project):
    folder = project.root / "my_templates"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text("<document>\n<p>unclosed\n</document>\n")
    line = error_line(build(project.seeds, project.out, "--templates", folder))
    assert "my_templates/briefing.xml.j2" in line and "line 3" in line, line  # where the parser stops
    assert_untouched(project)


BROKEN_CONFIGS = {
    "syntax": (b'title = "Chile and Kenya"\nmarking = \n', ["briefing.toml", "line 2"]),
    "unknown key": (b'title = "T"\n\ncolour = "red"\n', ["briefing.toml:3", "unknown key 'colour'"]),
    "wrong type": (b'title = "T"\nmax_seed_mb = "big"\n', ["briefing.toml:2", "max_seed_mb"]),
    "two countries": (b'countries = ["Chile"]\n', ["briefing.toml:1", "countries"]),
    "not utf-8": (b'title = "Caf\xe9"\n', ["briefing.toml", "UTF-8"]),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_CONFIGS))
def test_broken_config_names_file_and_line(project, kind):
    data, needles = BROKEN_CONFIGS[kind]
    (project.root / "briefing.toml").write_bytes(data)
    line = error_line(build(project.seeds, project.out))
    for needle in needles:
        assert needle in line, line
    assert_untouched(project)
    assert error_line(cli("extract", "--seeds", project.seeds)).startswith("error: briefing.toml")


# --------------------------------------------------------------------------- output faults


def test_full_disk_keeps_previous_pdf(project, monkeypatch):
    real = os.replace

    def no_space(src, dst, *a, **kw):
        if Path(dst) == project.out:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", no_space)
    line = error_line(build(project.seeds, project.out))
    assert "No space left on device" in line and str(project.out) in line, line
    assert_untouched(project)
    qpdf_check(project.out)


def test_full_disk_everywhere_keeps_previous_pdf(project, monkeypatch):
    """Every durable write fails: cache files and PDF alike."""

    def no_space(*a, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    (project.seeds / "c_new.txt").write_text(ARTICLE_B.replace("Nairobi", "Mombasa"))
    line = error_line(build(project.seeds, project.out))
    assert "No space left on device" in line, line
    assert_untouched(project)


def test_read_only_output_folder_simulated(project, monkeypatch):
    """Refused by the file system (EACCES) when the new PDF is created: names the PDF."""
    import tempfile

    real = tempfile.mkstemp

    def refuse(*a, dir=None, **kw):
        if dir is not None and Path(dir) == project.out.parent:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(Path(dir) / "x.tmp"))
        return real(*a, dir=dir, **kw)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    line = error_line(build(project.seeds, project.out))
    assert line == f"error: Permission denied: {project.out}", line
    assert_untouched(project)


@pytest.fixture
def read_only(project):
    """Make the output folder really read-only: chmod for users, chattr +i for root."""
    folder = project.out.parent
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot make a folder read-only for root here")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_read_only_output_folder(project, read_only):
    result = build(project.seeds, project.out)
    line = error_line(result)
    assert re.search(r"(Permission denied|Operation not permitted|Read-only file system)", line), line
    assert str(read_only) in line, line
    assert project.out.read_bytes() == project.before
    qpdf_check(project.out)


# --------------------------------------------------------------------------- paths


def test_symlink_outside_seeds_is_skipped(project, caplog):
    secret = project.root / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(ARTICLE_A.replace("Santiago/Nairobi", "Arica") + "Classified Zanzibar memo.\n")
    (project.seeds / "leak.txt").symlink_to(secret)
    (project.seeds / "sub").symlink_to(secret.parent, target_is_directory=True)
    (project.seeds / "inside.txt").symlink_to(project.seeds / "a_wire.txt")  # inside: fine
    caplog.set_level(logging.WARNING, logger="briefing")
    result = build(project.seeds, project.out)
    assert result.exit_code == 0, result.output
    warnings = warnings_of(caplog)
    assert "skipped leak.txt: symbolic link pointing outside the seeds folder" in warnings
    assert all("secret" not in w or "sub/" in w for w in warnings)
    text = flat(pdf_text(project.out))
    assert "Zanzibar" not in text and "Arica" not in text
    assert "leak.txt: symbolic link pointing outside the seeds folder" in text
    data = json.loads(cli("extract", "--seeds", project.seeds).stdout)
    assert "Zanzibar" not in json.dumps(data)
    assert "inside.txt" in [d["file"] for d in data["documents"]]


def test_no_absolute_paths_in_pdf_or_metadata(project):
    (project.seeds / "nested").mkdir()
    (project.seeds / "nested" / "c_deep.txt").write_text(ARTICLE_B.replace("Nairobi", "Kisumu"))
    (project.seeds / "empty.txt").write_bytes(b"")
    result = build(project.seeds, project.out)
    assert result.exit_code == 0
    plain = project.root / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(project.out), str(plain)], check=True)
    raw = plain.read_bytes()
    needles = {
        str(project.root),
        str(project.root.resolve()),
        str(project.seeds),
        os.getcwd(),
        str(Path.home()),
        str(Path(sys.prefix)),
        "/tmp/",
        "/usr/share/fonts",
    }
    for needle in needles:
        assert needle.encode() not in raw, needle
    assert b"nested/c_deep.txt" in raw or "nested/c_deep.txt" in flat(pdf_text(project.out))
    meta = PdfReader(project.out).metadata
    for key, value in meta.items():
        assert not re.search(r"/[^/\s]+/", str(value)), (key, value)  # nothing like /a/b


def test_seed_checks_agree_with_the_real_path_rule(tmp_path):
    """``_unreadable`` looks up a real path only for a link: the answers are those of the plain rule
    (real path inside the folder, then the size) for files, links, chains of links and a seeds
    folder reached through a link."""
    import os

    from briefing.build import _unreadable

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("x")
    real_seeds = tmp_path / "real_seeds"
    (real_seeds / "sub").mkdir(parents=True)
    (real_seeds / "a.txt").write_text("a" * 10)
    (real_seeds / "sub" / "big.txt").write_text("b" * 5000)
    (real_seeds / "in.txt").symlink_to(real_seeds / "sub" / "big.txt")
    (real_seeds / "out.txt").symlink_to(outside / "far.txt")
    (real_seeds / "hop.txt").symlink_to(real_seeds / "out.txt")  # a link to a link that leaves
    (real_seeds / "dangling.txt").symlink_to(real_seeds / "gone.txt")
    seeds = tmp_path / "seeds"
    seeds.symlink_to(real_seeds, target_is_directory=True)  # the folder itself reached through a link
    root = seeds.resolve()

    def plain(path):
        try:
            real = os.path.realpath(path)
            if not real.startswith(os.path.join(root, "")):
                return "symbolic link pointing outside the seeds folder"
            size = os.stat(real).st_size
        except OSError as exc:
            return exc.strerror or "cannot be read"
        return "larger than the 0 MB limit" if size > 1000 else None

    names = ["a.txt", "sub/big.txt", "in.txt", "out.txt", "hop.txt", "dangling.txt", "missing.txt"]
    got = {n: _unreadable(seeds / n, root, 1000) for n in names}
    assert got == {n: plain(seeds / n) for n in names}
    assert got["a.txt"] is None and got["hop.txt"] == "symbolic link pointing outside the seeds folder"
    assert got["in.txt"] == got["sub/big.txt"] == "larger than the 0 MB limit"
