"""The command line as a user types it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SEEDS = CORPUS / "seeds"


def draftkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", *args], capture_output=True, text=True, cwd=cwd
    )


def test_parse_json_shows_every_speech_with_roles():
    result = draftkit("parse", str(SEEDS), "--json")
    assert result.returncode == 0, result.stderr
    speeches = json.loads(result.stdout)
    assert len(speeches) == 14
    first = speeches[0]
    assert set(first) >= {"source", "title", "flags", "opening", "closing", "sections"}
    assert [s["role"] for s in first["sections"]] == ["认识", "要求", "保障"]
    assert first["sections"][1]["children"][0]["heading"] == "明确四项要求"


def test_explain_lists_the_cleaning_steps_that_changed_a_file():
    result = draftkit("mine", "--explain", str(SEEDS / "000_6dae088a9afaef19.txt"))
    assert result.returncode == 0, result.stderr
    for step in ("繁体转简体", "删去网页杂行", "改用全角标点", "接回被折断的行"):
        assert f"\n{step}：" in result.stdout


def test_mine_reports_a_summary_and_writes_the_bank(tmp_path):
    result = draftkit("mine", str(SEEDS), "-o", str(tmp_path / "bank"))
    assert result.returncode == 0, result.stderr
    assert "讲话稿" in result.stdout and "14" in result.stdout
    assert "语序被打乱" in result.stdout and "洗稿" in result.stdout
    assert (tmp_path / "bank" / "index.yaml").is_file()
    assert (tmp_path / "bank" / "sources.json.gz").is_file()


def test_markdown_speeches_are_read_without_their_markup(tmp_path):
    (tmp_path / "speech.md").write_text(
        "# 在全县防汛工作会议上的讲话\n\n同志们：\n\n下面，我讲两点意见。\n\n"
        "## 一、提高认识，增强责任感\n\n**防汛**工作事关群众安全，我们要高度重视。\n\n"
        "## 二、加强领导，落实责任\n\n各级要压实责任，确保安全度汛。\n",
        encoding="utf-8",
    )
    result = draftkit("parse", str(tmp_path), "--json")
    speech = json.loads(result.stdout)[0]
    assert speech["title"] == "在全县防汛工作会议上的讲话"
    assert [s["heading"] for s in speech["sections"]] == [
        "提高认识，增强责任感",
        "加强领导，落实责任",
    ]


def test_an_empty_folder_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = draftkit("mine", str(empty), "-o", str(tmp_path / "bank"))
    assert result.returncode == 1
    assert "没有可读的讲话稿" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bank").exists()


def test_a_hand_edit_that_breaks_the_bank_names_file_and_line(tmp_path):
    bank = tmp_path / "bank"
    assert draftkit("mine", str(SEEDS), "-o", str(bank)).returncode == 0
    path = bank / "closing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("count: 1", "count: many", 1), encoding="utf-8"
    )
    result = draftkit(
        "new",
        "--no-input",
        "--occasion",
        "mobilisation",
        "--topic",
        "防汛",
        "--bank",
        str(bank),
        "-o",
        str(tmp_path / "d.md"),
    )
    assert result.returncode == 1
    assert "closing.yaml:" in result.stderr and ".count" in result.stderr
    assert not (tmp_path / "d.md").exists()


def test_check_exits_one_on_errors_and_zero_when_clean(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("同志们：\n今年XX月，我们召开会议。\n", encoding="utf-8")
    assert draftkit("check", str(bad)).returncode == 1
    good = tmp_path / "good.md"
    made = draftkit(
        "new", "--no-input", "--occasion", "symposium", "--topic", "教育", "-o", str(good)
    )
    assert made.returncode == 0, made.stderr
    checked = draftkit("check", str(good), "--json")
    assert checked.returncode == 0, checked.stdout
    report = json.loads(checked.stdout)
    assert {f["code"] for f in report["findings"] if f["severity"] == "error"} == set()


def test_a_short_draft_on_a_topic_the_bank_hardly_knows_says_why_and_what_to_do(tmp_path):
    out = tmp_path / "禁毒.docx"
    result = draftkit(
        "new", "--no-input", "--occasion", "work-meeting", "--topic", "禁毒工作",
        "--meeting", "全县禁毒工作会议", "--date", "2026-12-01", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.exists()
    said = result.stdout + result.stderr
    assert "篇幅：正文" in said and "通常的 4000 字" in said and "--material" in said
