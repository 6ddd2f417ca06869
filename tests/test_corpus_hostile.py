"""Hostile corpus files: each is skipped with a Chinese reason or read safely, the rest is mined.

Every case runs the real ``draftkit mine`` in a child process with a time and memory limit and
checks that the corpus itself is left exactly as it was.
"""

from __future__ import annotations

import codecs
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bounded import run, snapshot
from draftkit.reading.corpus import MAX_DOCX_XML_BYTES, find_files, read_document

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "seeds"
GOOD = sorted(SEEDS.glob("*.txt"))[0]


def _mine(tmp_path: Path, name: str, make: Callable[[Path], None]) -> tuple[str, str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    make(corpus / name)
    before = snapshot(corpus)
    result = run("mine", corpus, "-o", tmp_path / "bank", timeout=90)
    assert result.returncode == 0, result.stderr
    assert snapshot(corpus) == before
    assert (tmp_path / "bank" / "index.yaml").is_file()
    return result.stdout, result.stderr


def test_a_utf8_bom_followed_by_garbage_is_skipped_and_the_rest_mined(tmp_path):
    def make(path: Path) -> None:
        path.write_bytes(codecs.BOM_UTF8 + "讲话".encode() + b"\xff\xfe\xff\x80\x81")

    _, stderr = _mine(tmp_path, "bad.txt", make)
    assert "bad.txt" in stderr and "无法解码" in stderr


def test_utf16_cut_at_an_odd_length_is_read_with_one_replacement(tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"A")
    document = read_document(path)
    assert document.text.startswith(text[:50]) and document.text.endswith("\ufffd")
    _mine(tmp_path, "odd.txt", lambda p: p.write_bytes(path.read_bytes()))


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_printable_name(tmp_path):
    def make(path: Path) -> None:
        (path.parent / os.fsdecode(b"\xff\xfe\xb0.txt")).write_bytes(GOOD.read_bytes())

    _, stderr = _mine(tmp_path, "unused", make)
    assert "请改名" in stderr


def test_a_named_pipe_called_txt_is_skipped_without_waiting(tmp_path):
    _, stderr = _mine(tmp_path, "pipe.txt", lambda p: os.mkfifo(p))
    assert "pipe.txt" in stderr and "命名管道" in stderr


def test_a_link_to_dev_zero_is_skipped_as_a_device(tmp_path):
    _, stderr = _mine(tmp_path, "zero.txt", lambda p: p.symlink_to("/dev/zero"))
    assert "zero.txt" in stderr and "设备" in stderr


def test_two_links_to_each_other_and_a_folder_loop_end(tmp_path):
    def make(path: Path) -> None:
        (path.parent / "a.txt").symlink_to("b.txt")
        (path.parent / "b.txt").symlink_to("a.txt")
        (path.parent / "self.txt").symlink_to("self.txt")
        (path.parent / "up").symlink_to(".")
        (path.parent / "sub").mkdir()
        (path.parent / "sub" / "back").symlink_to("..")

    _, stderr = _mine(tmp_path, "unused", make)
    assert "a.txt" in stderr and "self.txt" in stderr


def test_each_real_file_is_read_once_however_many_links_lead_to_it(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    (corpus / "sub" / "same.txt").symlink_to(corpus / "good.txt")
    os.link(corpus / "good.txt", corpus / "hard.txt")
    (corpus / "up").symlink_to(corpus)
    found, skipped = find_files([corpus])
    assert found == [corpus / "good.txt"] and skipped == []


def _docx_with(path: Path, document_xml: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", document_xml)


def test_a_docx_zip_bomb_is_skipped_before_it_is_inflated(tmp_path):
    bomb = b"<w:document>" + b" " * (MAX_DOCX_XML_BYTES + 1_000_000) + b"</w:document>"
    _, stderr = _mine(tmp_path, "bomb.docx", lambda p: _docx_with(p, bomb))
    assert "bomb.docx" in stderr and "压缩炸弹" in stderr


def test_a_docx_whose_header_understates_its_size_stops_at_the_declared_size(tmp_path):
    size = 60_000_000
    real = b"<w:document>" + b" " * (size - 25) + b"</w:document>"

    def make(path: Path) -> None:
        _docx_with(path, real)
        # Declare 1000 bytes where there are 60 MB, in the local and the central headers.
        path.write_bytes(path.read_bytes().replace(struct.pack("<I", len(real)), b"\xe8\x03\0\0"))

    _, stderr = _mine(tmp_path, "liar.docx", make)
    assert "liar.docx" in stderr


@pytest.mark.parametrize("lines", [1, 1000])
def test_a_50_mb_text_file_is_skipped_as_too_large(tmp_path, lines):
    chunk = GOOD.read_text(encoding="utf-8").replace("\n", "" if lines == 1 else "\n")

    def make(path: Path) -> None:
        with path.open("w", encoding="utf-8") as handle:
            for _ in range(50_000_000 // len(chunk.encode()) + 1):
                handle.write(chunk)

    _, stderr = _mine(tmp_path, "giant.txt", make)
    assert "giant.txt" in stderr and "文件过大" in stderr
