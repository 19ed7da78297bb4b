"""briefing.atomic.create_new: the one way a new file is written without ever replacing one."""

import os
import stat
import threading

import pytest

from briefing import atomic


def test_create_new_writes_the_whole_file_readable_by_all(tmp_path):
    path = tmp_path / "a.txt"
    atomic.create_new(path, b"first page", durable=True)
    assert path.read_bytes() == b"first page"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # no temporary file left


def test_create_new_never_replaces_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "b.html"
    path.write_bytes(b"kept")
    with pytest.raises(FileExistsError):
        atomic.create_new(path, b"lost")
    assert path.read_bytes() == b"kept"
    assert sorted(os.listdir(tmp_path)) == ["b.html"]


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    def full_disk(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError):
        atomic.create_new(tmp_path / "c.txt", b"x" * 1000, durable=True)
    assert os.listdir(tmp_path) == []


def test_two_writers_of_one_name_one_wins_whole(tmp_path):
    path, outcomes = tmp_path / "d.txt", []

    def write(body):
        try:
            atomic.create_new(path, body)
            outcomes.append(body)
        except FileExistsError:
            outcomes.append(None)

    threads = [threading.Thread(target=write, args=(bytes([65 + i]) * 100_000,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (winner,) = [o for o in outcomes if o is not None]
    assert path.read_bytes() == winner
    assert os.listdir(tmp_path) == ["d.txt"]


def test_create_new_never_writes_through_a_symbolic_link(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    (tmp_path / "brief").mkdir()
    link = tmp_path / "brief" / "briefing.toml"
    link.symlink_to(elsewhere)  # dangling: writing through it would create elsewhere.txt
    with pytest.raises(FileExistsError):
        atomic.create_new(link, b"title = 'x'\n")
    assert not elsewhere.exists() and link.is_symlink()
    assert os.listdir(tmp_path / "brief") == ["briefing.toml"]
