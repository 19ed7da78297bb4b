"""Per-document work in worker processes: same results as in one process, each document counted once."""

from __future__ import annotations

from pathlib import Path

import briefing.extract as ex
from briefing.build import Options, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "seeds").glob("*.txt"))


def _square(x: int) -> int:
    return x * x


def test_workers_map_keeps_order_in_and_out_of_process(monkeypatch):
    items = list(range(37))
    with ex.Workers(1) as serial:
        assert serial.map(_square, items) == [x * x for x in items]
    monkeypatch.setattr(ex, "PARALLEL_MIN", 5)
    seen = []
    with ex.Workers(2) as pool:
        assert pool.parallel(len(items))
        assert pool.map(_square, items, seen.append) == [x * x for x in items]
        assert pool.map(_square, items[:3]) == [0, 1, 4]  # few items: in this process
    assert sum(seen) == len(items)


def _seeds(folder: Path, copies: int) -> Path:
    """The example seeds under several names each, with a line that makes every copy distinct."""
    folder.mkdir(parents=True)
    for i in range(copies):
        for path in EXAMPLES:
            text = path.read_text(encoding="utf-8")
            (folder / f"{i:02d}_{path.name}").write_text(
                f"{text}\n\nA meeting numbered {i + 1} was held.\n", encoding="utf-8"
            )
    return folder


def test_reading_and_extracting_in_workers_gives_the_same_pdf(tmp_path, monkeypatch):
    seeds = _seeds(tmp_path / "seeds", 4)
    monkeypatch.setattr(ex, "MAX_WORKERS", 1)
    one = tmp_path / "one" / "b.pdf"
    run(Options(seeds=seeds, out=one))
    monkeypatch.setattr(ex, "MAX_WORKERS", 2)
    monkeypatch.setattr(ex, "PARALLEL_MIN", 2)
    many = tmp_path / "many" / "b.pdf"
    first = run(Options(seeds=seeds, out=many)).briefing
    assert many.read_bytes() == one.read_bytes()
    (seeds / f"00_{EXAMPLES[0].name}").write_text("", encoding="utf-8")  # now empty: skipped, named
    again = run(Options(seeds=seeds, out=many)).briefing
    assert len(again.documents) == len(first.documents) - 1
    assert any(s.startswith(f"00_{EXAMPLES[0].name}: empty") for s in again.skipped)


def test_each_document_is_counted_once_per_build(tmp_path, monkeypatch):
    seeds = _seeds(tmp_path / "seeds", 2)
    calls = []
    real = ex.count_mentions
    monkeypatch.setattr(ex, "count_mentions", lambda s: calls.append(s.file) or real(s))
    out = tmp_path / "out" / "b.pdf"
    run(Options(seeds=seeds, out=out))
    assert sorted(calls) == sorted(p.name for p in seeds.iterdir())
    calls.clear()
    (seeds / f"01_{EXAMPLES[0].name}").write_text("Chile and Peru met again today in Lima.\n", encoding="utf-8")
    run(Options(seeds=seeds, out=out))
    assert calls == [f"01_{EXAMPLES[0].name}"]  # the others' counts come from the cache
