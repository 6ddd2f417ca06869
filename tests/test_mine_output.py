"""``draftkit mine -o``: a bank goes only where it loses nothing of the user's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from draftkit.bank.store import load_bank

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "seeds"
CHINESE = "\u4e00-\u9fff"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "错误" in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "讲话稿"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_mining_a_corpus_onto_itself_leaves_every_file_unchanged(cli, tmp_path, corpus, force):
    before = snapshot(tmp_path)
    result = cli("mine", "讲话稿", "-o", "讲话稿", *force, cwd=tmp_path)
    refused(result, "讲话稿", "不能把词库写在这里")
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话稿"]


@pytest.mark.parametrize("output", ["讲话稿/词库", "."])
def test_a_bank_inside_the_corpus_or_around_it_is_refused_even_with_force(
    cli, tmp_path, corpus, output
):
    before = snapshot(tmp_path)
    result = cli("mine", "讲话稿", "-o", output, "--force", cwd=tmp_path)
    refused(result, "不能把词库写在这里")
    assert snapshot(tmp_path) == before


def test_a_folder_of_other_files_is_refused_and_named(cli, tmp_path, corpus):
    other = tmp_path / "资料"
    other.mkdir()
    (other / "工作总结.docx").write_bytes(b"not really a docx")
    (other / "index.yaml").write_text("mine: true\n", encoding="utf-8")
    before = snapshot(other)
    result = cli("mine", "讲话稿", "-o", "资料", cwd=tmp_path)
    refused(result, "资料", "工作总结.docx", "不是 draftkit 词库", "--force")
    assert snapshot(other) == before


def test_force_writes_the_bank_into_a_foreign_folder_and_keeps_its_other_files(
    cli, tmp_path, corpus
):
    other = tmp_path / "资料"
    other.mkdir()
    (other / "工作总结.txt").write_text("保留我", encoding="utf-8")
    result = cli("mine", "讲话稿", "-o", "资料", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (other / "工作总结.txt").read_text(encoding="utf-8") == "保留我"
    assert load_bank(other).entries


def test_a_file_as_the_output_is_refused_even_with_force(cli, tmp_path, corpus):
    target = tmp_path / "词库.txt"
    target.write_text("我的笔记", encoding="utf-8")
    result = cli("mine", "讲话稿", "-o", "词库.txt", "--force", cwd=tmp_path)
    refused(result, "词库.txt", "不是文件夹")
    assert target.read_text(encoding="utf-8") == "我的笔记"


def test_an_empty_folder_and_an_existing_bank_are_written(cli, tmp_path, corpus):
    empty = tmp_path / "空"
    empty.mkdir()
    assert cli("mine", "讲话稿", "-o", "空", cwd=tmp_path).returncode == 0
    assert load_bank(empty).entries
    (empty / "说明.txt").write_text("我加的说明", encoding="utf-8")
    again = cli("mine", "讲话稿", "-o", "空", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert load_bank(empty).entries
    assert (empty / "说明.txt").read_text(encoding="utf-8") == "我加的说明"
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == []


def test_a_dangling_link_as_the_output_is_refused(cli, tmp_path, corpus):
    (tmp_path / "词库").symlink_to(tmp_path / "不存在")
    result = cli("mine", "讲话稿", "-o", "词库", cwd=tmp_path)
    refused(result, "链接")
    assert (tmp_path / "词库").is_symlink() and not (tmp_path / "不存在").exists()


def test_a_bank_reached_through_a_link_is_rewritten_where_the_link_points(cli, tmp_path, corpus):
    real = tmp_path / "banks" / "v1"
    real.parent.mkdir()
    assert cli("mine", "讲话稿", "-o", str(real), cwd=tmp_path).returncode == 0
    (tmp_path / "词库").symlink_to(real)
    result = cli("mine", "讲话稿", "-o", "词库", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "词库").is_symlink()
    assert load_bank(tmp_path / "词库").entries
    assert sorted(p.name for p in real.parent.iterdir()) == ["v1"]
