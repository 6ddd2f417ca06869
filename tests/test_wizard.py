"""The interactive ``draftkit new``, driven for real through a pseudo-terminal.

Each test starts ``python -m draftkit.cli.main new`` under pexpect, waits for the prompts a user
sees, answers them with arrow keys, Enter and typed Chinese, and then opens the files the
wizard wrote: the draft (.docx through python-docx, .md as text) and the answers file beside it,
which ``draftkit build`` must turn back into the same draft.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from english import english

pexpect = pytest.importorskip("pexpect")
docx = pytest.importorskip("docx")

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
CLEAR_LINE = "\x15"  # Ctrl-U: prompt_toolkit's unix-line-discard empties a text prompt
TIMEOUT = 30  # the first start loads the bank and jieba's dictionary; CI machines are slow
SETTLE = 0.25  # let prompt_toolkit switch the terminal to raw mode before keys arrive
ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")

ORG = "某县应急管理局"
SPEAKER = "县长"


def env() -> dict[str, str]:
    # pexpect is a terminal that never answers prompt_toolkit's cursor-position request; without
    # PROMPT_TOOLKIT_NO_CPR every prompt waits a full second for the reply before it closes.
    return {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONIOENCODING": "utf-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


def spawn(cwd: Path, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "draftkit.cli.main", "new", *args],
        cwd=str(cwd),
        encoding="utf-8",
        dimensions=(50, 140),
        env=env(),
        timeout=TIMEOUT,
    )
    child.logfile_read = _Transcript()
    return child


class _Transcript:
    """Everything the terminal showed, so a failing test can print what the user saw."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return ANSI.sub("", "".join(self.parts))


def screen(child: pexpect.spawn) -> str:
    return child.logfile_read.text()


def answer(child: pexpect.spawn, prompt: str, keys: str = ENTER) -> None:
    """Wait for ``prompt`` to be shown, then press ``keys``."""
    try:
        child.expect_exact(prompt)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        raise AssertionError(
            f"prompt {prompt!r} never came; the terminal showed:\n{screen(child)[-3000:]}"
        ) from exc
    time.sleep(SETTLE)
    child.send(keys)


def type_text(child: pexpect.spawn, prompt: str, text: str, *, clear: bool = False) -> None:
    """Type ``text`` (Chinese included) at a text prompt and press Enter."""
    answer(child, prompt, (CLEAR_LINE if clear else "") + text)
    time.sleep(SETTLE)
    child.send(ENTER)


def finish(child: pexpect.spawn) -> int:
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT as exc:
        shown = screen(child)[-3000:]
        raise AssertionError(f"the wizard did not end; it showed:\n{shown}") from exc
    child.close()
    return child.exitstatus


def answer_setup(child: pexpect.spawn, *, occasion_downs: int = 1, topic: str = "安全生产") -> None:
    """The questions before the outline: occasion, topic, terms, org, speaker, then defaults."""
    answer(child, "会议类型", DOWN * occasion_downs + ENTER)
    type_text(child, "讲话主题", topic)
    answer(child, "补充关键词")
    answer(child, "本单位的材料")
    type_text(child, "单位或地方", ORG)
    type_text(child, "讲话人职务", SPEAKER)
    answer(child, "听众")
    answer(child, "会议名称")
    answer(child, "日期")
    answer(child, "篇幅（字）")


def outline_level1(child: pexpect.spawn) -> list[str]:
    """The level-1 headings of the outline the wizard just printed (the latest one)."""
    child.expect_exact("提纲如何")
    shown = ANSI.sub("", child.before)
    last = shown.rsplit("提纲", 1)[-1]
    level1 = re.compile(r"^\s+[一二三四五六七八九十]+、")
    return [line.strip() for line in last.splitlines() if level1.match(line)]


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def only(pattern: str, folder: Path) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {[p.name for p in found]}"
    return found[0]


def without_number(heading: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]+、", "", heading)


# --- a whole session ----------------------------------------------------------------------------


def test_a_full_session_swaps_a_heading_from_the_bank_and_replays_with_build(tmp_path):
    child = spawn(tmp_path)
    answer_setup(child)

    before = outline_level1(child)
    assert len(before) >= 2, screen(child)[-2000:]
    assert "词库里谈到" not in ANSI.sub("", child.before)  # the bank knows 安全生产 well
    time.sleep(SETTLE)
    child.send(DOWN * 2 + ENTER)  # 从库中换一个标题
    answer(child, "哪一个标题")  # the first heading listed is the first level-1 heading
    answer(child, "换成", DOWN + ENTER)  # the second candidate, not the one already in place

    after = outline_level1(child)
    chosen = without_number(after[0])
    assert after[0] != before[0], "the swapped heading should differ from the one it replaced"
    time.sleep(SETTLE)
    child.send(ENTER)  # 接受，生成全文
    answer(child, "保存为")  # the suggested name: the title + .docx
    assert finish(child) == 0, screen(child)[-2000:]

    draft = only("*.docx", tmp_path)
    answers_file = tmp_path / f"{draft.stem}.answers.yaml"
    assert answers_file.exists()
    wizard_text = paragraphs(draft)
    assert f"一、{chosen}" in wizard_text
    assert "全县安全生产" in draft.stem  # the suggested name comes from the title (某县… → 全县)

    saved = answers_file.read_text(encoding="utf-8")
    assert "headings:" in saved
    answers = yaml.safe_load(saved)
    assert answers["headings"]["1"] == chosen
    assert answers["occasion"] == "mobilisation"
    assert answers["topic"] == "安全生产"
    assert (answers["org"], answers["speaker"]) == (ORG, SPEAKER)

    summary = screen(child)
    assert f"draftkit build {answers_file.name}" in summary
    assert english(summary) == [], english(summary)

    rebuilt = tmp_path / "rebuilt.docx"
    result = subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", "build", str(answers_file), "-o", str(rebuilt)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert paragraphs(rebuilt) == wizard_text


def test_material_given_at_its_prompt_is_listed_shapes_the_outline_and_is_saved(tmp_path):
    from test_material import TASKS, write_plan

    write_plan(tmp_path / "工作要点.docx")
    child = spawn(tmp_path)
    answer(child, "会议类型", DOWN * 4 + ENTER)  # 工作会议
    type_text(child, "讲话主题", "应急管理")
    answer(child, "补充关键词")
    type_text(child, "本单位的材料", "没有.docx")  # a file that is not there: asked again
    child.expect_exact("找不到材料文件")
    time.sleep(SETTLE)
    child.send(CLEAR_LINE + "工作要点.docx" + ENTER)
    child.expect_exact("工作要点.docx（工作要点）")
    type_text(child, "单位或地方", ORG)
    type_text(child, "讲话人职务", SPEAKER)
    for prompt in ("听众", "会议名称", "日期", "篇幅（字）"):
        answer(child, prompt)
    child.expect_exact("提纲如何")
    shown = ANSI.sub("", child.before).rsplit("提纲", 1)[-1]
    for task in TASKS:
        assert task in shown, shown
    time.sleep(SETTLE)
    child.send(ENTER)
    type_text(child, "保存为", "讲话.docx", clear=True)
    assert finish(child) == 0, screen(child)[-2000:]
    assert re.search(r"材料：\d+ 句", screen(child))
    assert load_yaml(tmp_path / "讲话.answers.yaml")["material"] == ["工作要点.docx"]
    assert any("860个" in text for text in paragraphs(tmp_path / "讲话.docx"))


NEW_HEADING = "坚持人民至上，筑牢安全生产防线"


def edit_first_heading(child: pexpect.spawn) -> None:
    """Answer the questions, then change the first level-1 heading's text to NEW_HEADING."""
    answer_setup(child)
    outline_level1(child)
    time.sleep(SETTLE)
    child.send(DOWN * 3 + ENTER)  # 修改标题文字
    answer(child, "哪一个标题")  # the first level-1 heading
    type_text(child, "标题：", NEW_HEADING, clear=True)


def test_an_edited_heading_text_reaches_the_draft_and_the_answers_file(tmp_path):
    child = spawn(tmp_path)
    edit_first_heading(child)
    new_text = NEW_HEADING

    after = outline_level1(child)
    assert after[0] == f"一、{new_text}"
    time.sleep(SETTLE)
    child.send(ENTER)
    type_text(child, "保存为", "edited.docx", clear=True)
    assert finish(child) == 0, screen(child)[-2000:]

    assert f"一、{new_text}" in paragraphs(tmp_path / "edited.docx")
    answers = load_yaml(tmp_path / "edited.answers.yaml")
    assert answers["headings"] == {"1": new_text}


# --- leaving early ------------------------------------------------------------------------------


def test_ctrl_c_at_the_topic_prompt_exits_130_and_writes_nothing(tmp_path):
    child = spawn(tmp_path)
    answer(child, "会议类型", ENTER)
    answer(child, "讲话主题", "安全")
    time.sleep(SETTLE)
    child.send(CTRL_C)
    assert finish(child) == 130
    after_prompt = screen(child).rsplit("讲话主题", 1)[-1]
    assert "没有写入任何文件" in after_prompt
    assert "Traceback" not in screen(child)
    message = [line for line in after_prompt.splitlines()[1:] if line.strip()]
    assert 1 <= len(message) <= 2, after_prompt
    assert list(tmp_path.iterdir()) == []


def test_without_a_terminal_the_wizard_points_to_no_input(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", "new"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env(),
        timeout=120,
    )
    assert result.returncode == 1
    assert "--no-input" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert list(tmp_path.iterdir()) == []


def test_declining_to_overwrite_asks_for_another_name_and_keeps_the_old_file(tmp_path):
    old = tmp_path / "讲话.md"
    old.write_text("旧稿，不要动。\n", encoding="utf-8")
    child = spawn(tmp_path)
    answer_setup(child, occasion_downs=0, topic="防汛")
    outline_level1(child)
    time.sleep(SETTLE)
    child.send(ENTER)  # accept the outline
    type_text(child, "保存为", old.name, clear=True)
    answer(child, "覆盖吗", "n")
    child.expect_exact("请换一个文件名")
    answer(child, "保存为", CTRL_C)  # the session is still alive: leave it, saving nothing
    answer(child, "要保存已填的回答吗", "n")
    assert finish(child) == 130, screen(child)[-2000:]
    assert old.read_text(encoding="utf-8") == "旧稿，不要动。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [old.name]
    assert "Traceback" not in screen(child)


def test_a_step_back_a_bad_name_and_a_refused_overwrite_still_end_with_a_draft(tmp_path):
    old = tmp_path / "旧稿.docx"
    old.write_bytes(b"the user's own file")
    child = spawn(tmp_path)
    answer(child, "会议类型", DOWN + ENTER)
    type_text(child, "讲话主题", "安全生产")
    type_text(child, "补充关键词", "<")  # back to the topic, which is changed
    type_text(child, "讲话主题", "防汛", clear=True)
    answer(child, "补充关键词")
    answer(child, "本单位的材料")
    type_text(child, "单位或地方", ORG)
    type_text(child, "讲话人职务", SPEAKER)
    for prompt in ("听众", "会议名称", "日期", "篇幅（字）"):
        answer(child, prompt)
    outline_level1(child)
    time.sleep(SETTLE)
    child.send(ENTER)  # accept the outline
    type_text(child, "保存为", "旧稿.doc", clear=True)  # a format draftkit does not write
    child.expect_exact("不能保存为 .doc")
    type_text(child, "保存为", "旧稿", clear=True)  # no suffix: .docx is added
    child.expect_exact("已加上扩展名")
    answer(child, "覆盖吗", "n")
    type_text(child, "保存为", "新稿", clear=True)
    assert finish(child) == 0, screen(child)[-3000:]

    assert old.read_bytes() == b"the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "新稿.answers.yaml",
        "新稿.docx",
        "旧稿.docx",
    ]
    answers = load_yaml(tmp_path / "新稿.answers.yaml")
    assert answers["topic"] == "防汛" and answers["occasion"] == "mobilisation"
    assert any("防汛" in text for text in paragraphs(tmp_path / "新稿.docx"))
    assert "Traceback" not in screen(child)
    assert english(screen(child)) == [], english(screen(child))


def test_ctrl_c_after_the_outline_saves_the_answers_with_their_heading_edits(tmp_path):
    child = spawn(tmp_path)
    edit_first_heading(child)
    outline_level1(child)
    time.sleep(SETTLE)
    child.send(CTRL_C)
    answer(child, "要保存已填的回答吗", "y")
    answer(child, "回答保存为")  # the suggested name
    assert finish(child) == 130, screen(child)[-2000:]
    saved = only("*.answers.yaml", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.name]
    answers = load_yaml(saved)
    assert answers["headings"] == {"1": NEW_HEADING} and answers["topic"] == "安全生产"
    assert "回答已保存到" in screen(child) and "Traceback" not in screen(child)


# --- no questions -------------------------------------------------------------------------------


def test_defaults_with_a_topic_writes_the_draft_and_answers_without_asking(tmp_path):
    child = spawn(tmp_path, "--defaults", "--topic", "防汛", "-o", "out.md")
    assert finish(child) == 0, screen(child)
    shown = screen(child)
    assert "?" not in shown.split("已写入", 1)[0], f"a prompt was shown:\n{shown}"
    draft = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert draft.startswith("# ") and "防汛" in draft
    answers = load_yaml(tmp_path / "out.answers.yaml")
    assert answers["topic"] == "防汛"
    assert answers["occasion"] == "commendation"  # the first occasion, as the select's default


def test_answers_that_cannot_be_used_are_asked_again(tmp_path):
    child = spawn(tmp_path, "--date", "2026-02-30", "--length", "很多", "--seed", "x")
    answer(child, "会议类型", DOWN + ENTER)
    type_text(child, "讲话主题", "防汛")
    answer(child, "补充关键词")
    answer(child, "本单位的材料")
    type_text(child, "单位或地方", ORG)
    type_text(child, "讲话人职务", SPEAKER)
    answer(child, "听众")
    # The meeting's default is made from the answers: each unusable one is named and dropped.
    answer(child, "会议名称")
    shown = screen(child).rsplit("听众", 1)[-1]
    assert shown.count("请重新回答") == 3, shown
    type_text(child, "日期", "2026-02-30", clear=True)  # no such day: the prompt stays
    child.expect_exact("YYYY-MM-DD")
    time.sleep(SETTLE)
    child.send(CLEAR_LINE + "2026-11-25" + ENTER)
    answer(child, "篇幅（字）")  # the template's length, now that 很多 is gone
    outline_level1(child)
    time.sleep(SETTLE)
    child.send(ENTER)
    type_text(child, "保存为", "稿.md", clear=True)
    assert finish(child) == 0, screen(child)[-3000:]
    answers = load_yaml(tmp_path / "稿.answers.yaml")
    assert answers["date"] == "2026-11-25"
    assert isinstance(answers["length"], int) and answers["seed"] == 1


def test_a_topic_the_bank_hardly_knows_is_said_under_the_outline_and_material_can_follow(tmp_path):
    child = spawn(tmp_path)
    answer_setup(child, topic="禁毒工作")
    outline_level1(child)
    shown = ANSI.sub("", child.before).rsplit("提纲", 1)[-1]
    assert "词库里谈到“禁毒工作”的要点只有" in shown, shown[-1500:]
    assert "按“禁毒”这类工作的常见任务来写" in shown  # what the sub-headings stand on
    assert "本单位的材料" in shown
    time.sleep(SETTLE)
    child.send(ENTER)  # 接受，生成全文
    answer(child, "保存为")
    assert finish(child) == 0, screen(child)[-2000:]
    assert only("*.docx", tmp_path).stat().st_size > 0
