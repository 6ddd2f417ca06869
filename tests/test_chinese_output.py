"""Everything the command line shows a user is Chinese: help, reports, summaries and errors.

Each case runs the real ``draftkit`` in a child process and reads every line it prints. A line
fails when it holds an English word of three or more letters that is not on the allow-list:
command and option names, format names, file names and paths, the occasion ids and option
values a user types, and the names of other programs and standards.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from english import english

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "corpus" / "seeds"
REPORTS = ROOT / "examples" / "corpus" / "reports"
MATERIAL = ROOT / "examples" / "material" / "1-农村人居环境"
SUMMARY = str(MATERIAL / "青川县农业农村局2026年农村人居环境整治工作总结.docx")


def test_the_detector_flags_english_and_passes_names():
    assert english("error: file is empty") == ["error: file is empty"]
    assert english("skipped a.txt") == ["skipped a.txt"]
    assert english("已写入 /tmp/x/讲话稿.docx，用 draftkit build 讲话.answers.yaml --force") == []
    assert english("会议类型的 id：mobilisation（动员部署会） 默认 GB/T 9704") == []


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A small copy of the real corpus, a bank mined from it, a draft, and a few broken files."""
    root = tmp_path_factory.mktemp("chinese")
    corpus = root / "讲话稿"
    corpus.mkdir()
    for source in sorted(SEEDS.iterdir())[:3] + sorted(REPORTS.iterdir())[-1:]:
        shutil.copy(source, corpus / source.name)
    (corpus / "空文件.txt").write_bytes(b"")
    (corpus / "图片.txt").write_bytes(bytes(range(256)) * 8)
    mined = cli("mine", "讲话稿", "-o", "词库", cwd=root)
    assert mined.returncode == 0, mined.stderr
    made = cli(
        "new", "--no-input", "--occasion", "mobilisation", "--topic", "安全生产",
        "--org", "某县应急管理局", "--speaker", "县长", "--date", "2026-11-25", "-o", "讲话稿.docx",
        cwd=root,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    (root / "坏回答.answers.yaml").write_bytes("topic: 安全生产\n".encode("utf-16-le"))
    (root / "语法错.answers.yaml").write_text("topic: [安全生产\n", encoding="utf-8")
    broken = root / "模板"
    shutil.copytree(Path(__file__).resolve().parents[1] / "templates", broken)
    training = broken / "training.yaml"
    training.write_text(
        training.read_text(encoding="utf-8").replace("length:", "lenght:", 1), encoding="utf-8"
    )
    return root, mined.stdout + mined.stderr, made.stdout + made.stderr


HELP = [
    (),
    ("new",),
    ("build",),
    ("mine",),
    ("parse",),
    ("check",),
    ("render",),
    ("templates",),
    ("templates", "list"),
    ("templates", "validate"),
    ("bank",),
    ("bank", "stats"),
    ("bank", "search"),
    ("bank", "topic"),
]


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "draftkit")
def test_every_help_is_chinese(tmp_path, command):
    result = cli(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "用法：draftkit" in result.stdout and "选项：" in result.stdout
    assert english(result.stdout + result.stderr) == []


SPEECH = sorted(p.name for p in SEEDS.iterdir())[1]  # a seed copied into the workspace
NEW = ("new", "--no-input", "--topic", "教育", "--occasion")  # the occasion comes next
RUNS = {
    "mine --explain": ("mine", "--explain", f"讲话稿/{SPEECH}"),
    "parse": ("parse", "讲话稿"),
    "parse --explain": ("parse", "讲话稿", "--explain"),
    "check a real draft": ("check", "讲话稿.docx", "--bank", "词库", "--length", "2000"),
    "check a real speech": ("check", f"讲话稿/{SPEECH}", "--bank", "词库"),
    "check without 查重": ("check", "讲话稿.docx", "--bank", "词库", "--sources", "无此文件.gz"),
    "bank stats": ("bank", "stats", "--bank", "词库"),
    "bank stats bundled": ("bank", "stats"),
    "bank search": ("bank", "search", "安全", "--role", "要求"),
    "bank topic": ("bank", "topic", "安全生产", "--top", "3"),
    "templates list": ("templates", "list"),
    "templates validate": ("templates", "validate"),
    "templates validate broken": ("templates", "validate", "模板"),
    "build": ("build", "讲话稿.answers.yaml", "-o", "重建.md"),
    "build over an existing draft": ("build", "讲话稿.answers.yaml", "-o", "讲话稿.docx"),
    "new with a broken template folder": (*NEW, "training", "-o", "x.md", "--templates", "模板"),
    "new from material": (*NEW, "work-meeting", "-o", "材料稿.md", "--material", SUMMARY),
    "check against material": ("check", "讲话稿.docx", "--material", SUMMARY),
    "material that cannot be read": (
        *NEW,
        "symposium",
        "-o",
        "m.md",
        "--material",
        "讲话稿/图片.txt",
    ),
    "a command without its action": ("bank",),
    "an unknown command": ("mien", "讲话稿"),
    "a missing argument": ("check",),
    "mine without a corpus": ("mine", "-o", "新词库"),
    "a bad number": ("mine", "讲话稿", "--jobs", "很多"),
    "a bad choice": ("bank", "search", "安全", "--role", "部署"),
    "an unknown option": ("check", "讲话稿.docx", "--colour"),
    "a missing file to check": ("check", "没有这个.docx"),
    "a missing corpus": ("mine", "没有这个文件夹", "-o", "新词库"),
    "an empty corpus": ("mine", "讲话稿/空文件.txt", "-o", "新词库"),
    "mine onto a folder of other files": ("mine", "讲话稿", "-o", "模板"),
    "a missing answers file": ("build", "没有这个.answers.yaml"),
    "an answers file in UTF-16 without a BOM": ("build", "坏回答.answers.yaml", "-o", "y.md"),
    "an answers file with a YAML error": ("build", "语法错.answers.yaml", "-o", "y.md"),
    "a bad date": (*NEW, "symposium", "--date", "2026-02-30", "-o", "z.md"),
    "a bad date to check": ("check", "讲话稿.docx", "--date", "下周一"),
    "a bad occasion": (*NEW, "年会", "-o", "z.md"),
    "a bad output name": (*NEW, "symposium"),
    "a bad suffix": (*NEW, "symposium", "-o", "z.rtf"),
    "no terminal for the wizard": ("new", "--occasion", "symposium"),
    "render a file that is not .docx": ("render", "讲话稿.answers.yaml"),
    "a bank that is not a bank": ("bank", "stats", "--bank", "讲话稿"),
}


@pytest.mark.parametrize("name", RUNS)
def test_every_command_speaks_chinese(workspace, name):
    root, _, _ = workspace
    result = cli(*RUNS[name], cwd=root)
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, shown
    assert shown.strip(), f"{name}: printed nothing"
    assert english(shown) == [], shown


def test_mine_and_new_speak_chinese(workspace):
    _, mined, made = workspace
    assert "已跳过" in mined and "词库已写入" in mined
    assert "已写入" in made and "检查：" in made
    assert english(mined) == [] and english(made) == []


def test_render_speaks_chinese(workspace):
    root, _, _ = workspace
    result = cli("render", "讲话稿.docx", "-o", "讲话稿.pdf", "--force", cwd=root)
    assert english(result.stdout + result.stderr) == [], result.stdout + result.stderr


def test_check_json_keeps_english_keys_and_chinese_messages(workspace):
    root, _, _ = workspace
    result = cli("check", f"讲话稿/{SPEECH}", "--bank", "词库", "--json", cwd=root)
    report = json.loads(result.stdout)
    assert {"errors", "warnings", "findings", "date_source"} <= set(report)
    assert report["findings"], "a real speech checked against its own bank has findings"
    for finding in report["findings"]:
        assert english(finding["message"]) == [] and english(finding["suggestion"]) == []
