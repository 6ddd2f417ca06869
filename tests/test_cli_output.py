"""What the command line prints and names: literal text, unwrapped lines, help where it is due."""

from __future__ import annotations

NEW = ("new", "--no-input", "--occasion", "symposium", "--topic", "教育")


def test_build_without_o_names_the_draft_after_the_answers_file(cli, tmp_path):
    assert cli(*NEW, "-o", "讲话.md", cwd=tmp_path).returncode == 0
    result = cli("build", "讲话.answers.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "讲话.docx").is_file()
    assert not (tmp_path / "讲话.answers.docx").exists()


def test_a_command_without_its_action_shows_its_own_help_and_fails(cli, tmp_path):
    for command, actions in (("templates", ("list", "validate")), ("bank", ("stats", "search"))):
        result = cli(command, cwd=tmp_path)
        assert result.returncode == 2
        assert f"用法：draftkit {command}" in result.stderr
        assert all(action in result.stderr for action in actions)
        assert "mine" not in result.stderr  # not the top-level help


def test_the_rebuild_command_prints_on_one_line_when_piped(cli, tmp_path):
    name = "关于进一步加强和改进全县教育系统干部队伍作风建设工作的讲话稿第一稿修改版.md"
    result = cli(*NEW, "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    command = f"draftkit build {name.removesuffix('.md')}.answers.yaml -o {name} --force"
    assert any(command in line for line in result.stdout.splitlines()), result.stdout


def test_bank_search_shows_rendered_text(cli, tmp_path):
    result = cli("bank", "search", "安全", "--topic", "防汛", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "{{" not in result.stdout and "防汛" in result.stdout


def test_markup_in_a_topic_file_name_or_title_prints_as_typed(cli, tmp_path):
    (tmp_path / "a[").mkdir()
    result = cli(
        "new", "--no-input", "--occasion", "symposium", "--topic", "[/x]教育", "-o", "a[/x]稿.md",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "a[/x]稿.md" in result.stdout and "[/x]教育" in result.stdout
    corpus = tmp_path / "稿件"
    corpus.mkdir()
    (corpus / "[bold]讲话.txt").write_text(
        "[/x]在全县防汛工作会议上的讲话\n\n同志们：\n\n下面，我讲两点意见。\n\n"
        "一、提高认识，增强责任感\n\n防汛工作事关群众安全，我们要高度重视。\n\n"
        "二、加强领导，落实责任\n\n各级要压实责任，确保安全度汛。\n",
        encoding="utf-8",
    )
    parsed = cli("parse", "稿件", cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    assert "[/x]在全县防汛工作会议上的讲话" in parsed.stdout
    assert "[bold]讲话.txt" in parsed.stdout
    assert "Traceback" not in result.stderr + parsed.stderr
