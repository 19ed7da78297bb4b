"""Issue 10, finding 1: one document that makes reading or extraction raise costs that
document only, in the main process and in worker processes; the PDF names it."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

import pytest

import briefing.extract as ex
import briefing.readers as readers
from briefing.build import Options, run
from briefing.model import Source
from conftest import flat, pdf_text

ARTICLES = {
    "norway_portugal.txt": (
        "Oslo, 3 March 2021 (Wire): Norway and Portugal agreed to widen their fisheries cooperation.\n\n"
        "Trade between Norway and Portugal reached $2.1 billion in 2020, officials said.\n"
    ),
    "portugal_norway.txt": (
        "Lisbon, 9 April 2021: Portugal and Norway opened a joint research centre on ocean energy.\n\n"
        "Students from Portugal study in Norway under an exchange programme, the ministry said.\n"
    ),
    "poison_one.txt": (
        "Oslo, 10 April 2021: Norway and Portugal held talks on shipping lanes.\n\n"
        "Officials from Norway and Portugal said the talks went well.\n"
    ),
}


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return seeds


def _failing(real):
    def extract(source, *args, **kwargs):
        if "poison" in str(getattr(source, "file", source)):
            raise TypeError("unsupported operand type(s) for *: 'NoneType' and 'int'")
        return real(source, *args, **kwargs)

    return extract


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed to read the PDF back")
@pytest.mark.parametrize("stage", ["read", "extract"])
def test_a_failing_document_is_skipped_named_and_listed(tmp_path, monkeypatch, caplog, stage):
    seeds = _seeds(tmp_path)
    if stage == "extract":
        monkeypatch.setattr(ex, "extract_document", _failing(ex.extract_document))
    else:
        monkeypatch.setattr(readers, "read_source", _failing(readers.read_source))
    out = tmp_path / "out" / "briefing.pdf"
    with caplog.at_level(logging.WARNING, logger="briefing"):
        outcome = run(Options(seeds=seeds, out=out, force=True))
    assert outcome.status == "rebuilt"
    assert sorted(d.file for d in outcome.briefing.documents) == ["norway_portugal.txt", "portugal_norway.txt"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "poison" in r.getMessage()]
    assert warnings == [
        f"skipped poison_one.txt: failed while {stage}ing (TypeError: unsupported operand "
        "type(s) for *: 'NoneType' and 'int')"
    ]
    text = flat(pdf_text(out))
    assert "Files not used" in text
    assert "poison_one.txt" in text and "TypeError" in text
    assert "Portugal study in Norway" in text  # the good documents are all there


def test_a_failing_document_is_not_cached_and_is_retried(tmp_path, monkeypatch):
    seeds = _seeds(tmp_path)
    out = tmp_path / "out" / "briefing.pdf"
    real = ex.extract_document
    monkeypatch.setattr(ex, "extract_document", _failing(real))
    run(Options(seeds=seeds, out=out, force=True))
    monkeypatch.setattr(ex, "extract_document", real)
    (seeds / "norway_portugal.txt").write_text(ARTICLES["norway_portugal.txt"] + "\nOne more line.\n")
    outcome = run(Options(seeds=seeds, out=out))
    assert "poison_one.txt" in {d.file for d in outcome.briefing.documents}
    assert not outcome.briefing.skipped


def _source(i: int) -> Source:
    name = f"poison_{i}.txt" if i % 7 == 3 else f"doc_{i}.txt"
    text = f"Norway and Portugal signed agreement number {i} on trade, officials said."
    return Source(file=name, sha256=str(i), date="2021-05-01", places=(), agency=None, paragraphs=(text,), dropped=())


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_many_isolates_failures_in_workers_too(monkeypatch, workers):
    assert threading.active_count() == 1, "workers are forked only from a single-threaded process"
    monkeypatch.setattr(ex, "extract_document", _failing(ex.extract_document))
    monkeypatch.setattr(ex, "PARALLEL_MIN", 4)
    docs = [_source(i) for i in range(30)]
    out = ex.extract_many(docs, ("Norway", "Portugal"), workers=workers)
    assert [o.file for o in out] == [d.file for d in docs]  # in order, none lost
    failed = [o for o in out if isinstance(o, ex.Failure)]
    assert [f.file for f in failed] == [d.file for d in docs if "poison" in d.file]
    assert all(f.error.startswith("TypeError: unsupported operand") for f in failed)
    assert all(not isinstance(o, ex.Failure) and o.sentences for o in out if "poison" not in o.file)


def test_describe_is_one_short_line():
    line = ex.describe(ValueError("a\nb " + "x" * 500))
    assert "\n" not in line and line.startswith("ValueError: a b ") and len(line) < 200
    assert ex.describe(KeyError()) == "KeyError"


def test_a_worker_killed_mid_build_costs_nothing(monkeypatch, caplog):
    """The OOM killer or kill -9 ends one worker: the rest is extracted in this process, in order."""
    import os

    assert threading.active_count() == 1, "workers are forked only from a single-threaded process"
    parent, real = os.getpid(), ex.extract_document

    def dying(source, *args, **kwargs):
        if "poison" in source.file and os.getpid() != parent:
            os._exit(9)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(ex, "extract_document", dying)
    monkeypatch.setattr(ex, "PARALLEL_MIN", 4)
    docs = [_source(i) for i in range(30)]
    with caplog.at_level(logging.WARNING, logger="briefing"):
        out = ex.extract_many(docs, ("Norway", "Portugal"), workers=2)
    assert [o.file for o in out] == [d.file for d in docs]
    assert not any(isinstance(o, ex.Failure) for o in out)
    assert "a worker process died" in caplog.text
