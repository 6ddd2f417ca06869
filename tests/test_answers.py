"""Answers files as users save them, and as they break them.

A wrong value is an ``AnswersError`` naming the file, the line and the key, in Chinese; files
saved as GBK or UTF-16 by Windows editors are read; an unknown key is a warning.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bounded import fails_in_chinese, run, snapshot
from draftkit.compose.answers import load_answers, parse_date
from draftkit.errors import AnswersError, DraftkitWarning

BASE = "occasion: work-meeting\ntopic: 安全生产\n"


def _file(tmp_path, text: str | bytes, name: str = "a.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ("date: 2026-02-30", "date", "没有这一天"),
        ("date: 明天", "date", "不是日期"),
        ("length: .inf", "length", "应为整数"),
        ("length: [1]", "length", "应为整数"),
        ("headings: 5", "headings", "映射"),
        ("reseed: {a: x}", "reseed.a", "应为整数"),
        ("seed: true", "seed", "应为整数"),
        ("org: [a, b]", "org", "列表"),
        ("speaker: " + "张" * 300, "speaker", "过长"),
    ],
)
def test_a_wrong_value_names_the_file_line_and_key(tmp_path, extra, field, words):
    path = _file(tmp_path, BASE + extra + "\n")
    with pytest.raises(AnswersError) as caught:
        load_answers(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 3, field)
    assert words in error.message


def test_a_lone_surrogate_in_the_topic_is_refused_with_its_line(tmp_path):
    path = _file(tmp_path, 'occasion: work-meeting\ntopic: "\\ud800安全"\n')
    with pytest.raises(AnswersError, match="代理字符") as caught:
        load_answers(path)
    assert caught.value.line == 2


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-16-le", "utf-8-sig"])
def test_answers_saved_by_windows_editors_are_read(tmp_path, encoding):
    path = _file(tmp_path, (BASE + "org: 某某市应急管理局\n").encode(encoding))
    answers = load_answers(path)
    assert (answers.topic, answers.org) == ("安全生产", "某某市应急管理局")


@pytest.mark.parametrize("text", ["2026年11月25日", "2026-11-25", "2026/11/25", "2026.11.25"])
def test_chinese_and_other_common_date_forms_are_accepted(tmp_path, text):
    assert parse_date(text) == dt.date(2026, 11, 25)
    assert load_answers(_file(tmp_path, BASE + f"date: {text}\n")).date == dt.date(2026, 11, 25)


def test_an_unknown_key_is_a_warning_naming_it_and_suggesting_the_known_one(tmp_path):
    path = _file(tmp_path, BASE + "speeker: 张三\n")
    with pytest.warns(DraftkitWarning, match="speeker") as caught:
        answers = load_answers(path)
    assert "speaker" in str(caught[0].message) and ":3:" in str(caught[0].message)
    assert answers.extra == {"speeker": "张三"}


def _bomb() -> str:
    text = BASE + 'l0: &l0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n'
    for n in range(1, 10):
        text += f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n"
    return text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (_bomb(), "别名炸弹"),
        (BASE + "x: &x [*x]\n", "引用了包含它自身"),
        (BASE + "x: " + "[" * 3000 + "]" * 3000 + "\n", "嵌套超过"),
        (BASE + "".join("  " * n + f"k{n}:\n" for n in range(300)), "嵌套超过"),
        (b"PK\x03\x04" + b"\0" * 100, ".docx"),
        (b"\x81\x30" * 10 + b"\xff\xff\xff", "编码"),
    ],
)
def test_hostile_answers_files_end_quickly_in_a_chinese_error(tmp_path, text, words):
    path = _file(tmp_path, text)
    before = snapshot(tmp_path)
    result = run("build", path, "-o", tmp_path / "draft.md", timeout=30)
    fails_in_chinese(result, words, "a.yaml")
    assert snapshot(tmp_path) == before


def test_build_on_a_folder_or_a_pipe_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    for target in (tmp_path, tmp_path / "pipe.yaml"):
        fails_in_chinese(run("build", target, "-o", tmp_path / "d.md", timeout=30), "普通文件")
