"""Issue 10, finding 8: text is not lost silently. A stray NUL byte costs one byte (with a
warning), UTF-16 without BOM is read, CJK sentence ends split sentences, and an
unreadable subfolder is named."""

from __future__ import annotations

import logging
import os

import pytest

from briefing.extract.sentences import split_sentences
from briefing.readers import read_source
from briefing.sources import decode, split_paragraphs, stray_nuls

ENGLISH = "Oslo, 3 March 2021: Norway and Portugal agreed to widen their fisheries cooperation.\n"
RUSSIAN = "Москва, 3 марта 2021: Норвегия и Португалия договорились расширить сотрудничество в рыболовстве.\n"
GREEK = "Αθήνα, 3 Μαρτίου 2021: Η Νορβηγία και η Πορτογαλία συμφώνησαν να διευρύνουν τη συνεργασία.\n"


@pytest.mark.parametrize("text, at", [(ENGLISH, 20), (ENGLISH, 0), (RUSSIAN + ENGLISH, 60)])
def test_a_stray_nul_byte_is_dropped_with_a_warning(tmp_path, caplog, text, at):
    data = text.encode("utf-8")
    at = len(data[:at].decode("utf-8", "ignore").encode("utf-8"))
    data = data[:at] + b"\x00" + data[at:]
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        source = read_source(path, "a.txt")
    assert "fisheries" in " ".join(source.paragraphs) or "рыболовстве" in " ".join(source.paragraphs)
    assert "a.txt: 1 NUL byte dropped" in caplog.text


def test_binary_data_is_still_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    with pytest.raises(ValueError, match="binary"):
        decode(png)
    assert stray_nuls(png) == 0


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, GREEK])
def test_utf16_without_bom_is_read(codec, text):
    data = text.encode(codec)
    assert stray_nuls(data) == 0
    assert decode(data).strip() == text.strip()


@pytest.mark.parametrize(
    "paragraph, count",
    [
        ("挪威和葡萄牙签署了渔业合作协定。双方同意扩大贸易！会谈何时继续？", 3),
        ("ノルウェーとポルトガルは漁業協定に署名した。両国は貿易の拡大で合意した。", 2),
        ("秘鲁和加纳的贸易额达到十亿美元。”官员说。", 2),
    ],
)
def test_cjk_sentence_ends_split_sentences_and_keep_the_paragraph(paragraph, count):
    paras, dropped = split_paragraphs(paragraph + "\n")
    assert paras == [paragraph] and not dropped
    sentences = split_sentences(paragraph)
    assert len(sentences) == count and "".join(sentences) == paragraph


def test_latin_sentences_split_as_before():
    assert split_sentences("Trade rose. Talks began! Who knows? Mr. Smith did.") == [
        "Trade rose.",
        "Talks began!",
        "Who knows?",
        "Mr. Smith did.",
    ]


def test_an_unreadable_subfolder_is_named(tmp_path, monkeypatch, caplog):
    from briefing.build import read_sources

    seeds = tmp_path / "seeds"
    (seeds / "locked").mkdir(parents=True)
    (seeds / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (seeds / "locked" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    real = os.scandir

    def refusing(path="."):  # what a user without permission gets (root may read anything)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        sources, skipped = read_sources(seeds)
    assert [s.file for s in sources] == ["a.txt"]
    assert skipped == ["locked/: Permission denied"]
    assert "skipped folder locked/: Permission denied" in caplog.text
