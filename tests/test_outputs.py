"""Every file a draft command writes is refused when it exists, unless ``--force``.

The draft, its answers file and its provenance sidecar are all checked before any is written, so
a refusal leaves the folder exactly as it was.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

NEW = ("new", "--no-input", "--occasion", "symposium", "--topic", "教育")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_refused(result: subprocess.CompletedProcess[str], name: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert name in result.stderr and "已存在" in result.stderr and "--force" in result.stderr


@pytest.mark.parametrize(
    ("output", "existing", "extra"),
    [
        ("d.md", "d.answers.yaml", ()),
        ("d.docx", "d.provenance.yaml", ("--provenance", "sidecar")),
        ("d.docx", "d.docx", ()),
    ],
)
def test_new_refuses_to_replace_any_file_it_would_write(cli, tmp_path, output, existing, extra):
    (tmp_path / existing).write_text("用户自己的文件\n", encoding="utf-8")
    before = files(tmp_path)
    result = cli(*NEW, "-o", output, *extra, cwd=tmp_path)
    assert_refused(result, existing)
    assert files(tmp_path) == before


def test_force_replaces_the_draft_its_answers_and_its_sidecar(cli, tmp_path):
    for name in ("d.docx", "d.answers.yaml", "d.provenance.yaml"):
        (tmp_path / name).write_text("旧\n", encoding="utf-8")
    result = cli(*NEW, "-o", "d.docx", "--provenance", "sidecar", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d.docx").read_bytes()[:2] == b"PK"
    assert "topic: 教育" in (tmp_path / "d.answers.yaml").read_text(encoding="utf-8")
    assert "paragraphs:" in (tmp_path / "d.provenance.yaml").read_text(encoding="utf-8")


def test_build_refuses_an_existing_sidecar_and_writes_nothing(cli, tmp_path):
    assert cli(*NEW, "-o", "d.md", cwd=tmp_path).returncode == 0
    (tmp_path / "out.provenance.yaml").write_text("我的\n", encoding="utf-8")
    before = files(tmp_path)
    result = cli(
        "build", "d.answers.yaml", "-o", "out.docx", "--provenance", "sidecar", cwd=tmp_path
    )
    assert_refused(result, "out.provenance.yaml")
    assert files(tmp_path) == before


def test_an_output_without_a_known_suffix_is_refused_in_chinese(cli, tmp_path):
    result = cli(*NEW, "-o", "讲话稿", cwd=tmp_path)
    assert result.returncode == 1
    assert ".docx" in result.stderr and "结尾" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_from_an_answers_file_beside_the_output_leaves_it_as_it_is(cli, tmp_path):
    assert cli(*NEW, "-o", "d.md", cwd=tmp_path).returncode == 0
    saved = (tmp_path / "d.answers.yaml").read_bytes()
    result = cli("new", "--no-input", "--answers", "d.answers.yaml", "-o", "d.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d.docx").is_file()
    assert (tmp_path / "d.answers.yaml").read_bytes() == saved
