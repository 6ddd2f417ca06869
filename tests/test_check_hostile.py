"""``draftkit check`` on hostile drafts: giant paragraphs, binary files, wrong encodings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bounded import fails_in_chinese, run, snapshot

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "seeds"


def test_check_on_a_1_mb_paragraph_finishes(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8").replace("\n", "")
    body = (seed * (1_000_000 // len(seed.encode()) + 1))[:333_333]
    draft = tmp_path / "giant.txt"
    draft.write_text(f"关于工作的讲话\n\n{body}\n", encoding="utf-8")
    # Far above the ~7 s it takes; the quadratic version took minutes (see benchmarks/).
    result = run("check", draft, "--json", timeout=240)
    assert result.returncode in (0, 1) and '"paragraphs"' in result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("draft.docx", b"PK\x03\x04 not really a zip", ".docx"),
        ("draft.txt", bytes(range(256)) * 50, "draft.txt"),
        ("draft.md", b"\xef\xbb\xbf" + "讲话".encode() + b"\xff\xfe\xfd" * 50, "draft.md"),
    ],
)
def test_check_on_a_file_that_is_not_a_draft_fails_in_chinese(tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    before = snapshot(tmp_path)
    fails_in_chinese(run("check", tmp_path / name, timeout=60), words)
    assert snapshot(tmp_path) == before


def test_check_on_a_pipe_does_not_wait(tmp_path):
    os.mkfifo(tmp_path / "draft.txt")
    fails_in_chinese(run("check", tmp_path / "draft.txt", timeout=60), "命名管道")


def test_check_reads_a_gbk_draft(tmp_path):
    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    (tmp_path / "draft.txt").write_bytes(text.encode("gb18030"))
    result = run("check", tmp_path / "draft.txt", "--json", timeout=120)
    assert result.returncode in (0, 1) and '"paragraphs"' in result.stdout, result.stderr


def test_a_gzip_bomb_given_as_the_sources_index_is_refused_in_bounded_memory(tmp_path):
    import gzip

    bomb = tmp_path / "sources.json.gz"
    with gzip.open(bomb, "wb") as handle:
        for _ in range(300):
            handle.write(b" " * 1_000_000)
    draft = tmp_path / "draft.txt"
    draft.write_text("关于工作的讲话\n\n各位同志：今天我们召开会议。\n", encoding="utf-8")
    before = snapshot(tmp_path)
    fails_in_chinese(run("check", draft, "--sources", bomb, timeout=120), "已拒绝")
    assert snapshot(tmp_path) == before
