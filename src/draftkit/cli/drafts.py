"""CLI commands that make and inspect drafts: ``new``, ``build``, ``templates``, ``bank``.

A thin layer: each command turns its flags into answers, calls ``compose`` and a writer, and
prints a short summary.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from draftkit.bank.store import load_bank
from draftkit.cli import messages as M
from draftkit.cli.console import err, out, say
from draftkit.cli.outputs import draft_options, planned_files
from draftkit.cli.parser import ChineseHelpFormatter
from draftkit.cli.report import answers_path, check_summary, summarise
from draftkit.cli.topic import add_topic_command
from draftkit.compose.answers import Answers, load_answers, make_answers, save_answers
from draftkit.compose.templates import describe, load_templates, validate_directory
from draftkit.errors import AnswersError, DraftkitError, OutputError, TemplateError
from draftkit.files import check_targets
from draftkit.models import KIND_NAMES, KINDS, ROLE_NAMES, ROLES, Entry, shown
from draftkit.write.paths import check_suffix

_ANSWER_FLAGS = (
    "occasion",
    "topic",
    "audience",
    "org",
    "speaker",
    "meeting",
    "date",
    "length",
    "seed",
)


_ROLE_OF = {name: role for role, name in ROLE_NAMES.items()}


class _NewHelp(ChineseHelpFormatter):
    """Fills the occasion ids into ``new``'s help only when help is shown (loading costs time)."""

    def _expand_help(self, action: argparse.Action) -> str:
        text = super()._expand_help(action)
        return text.replace("{occasions}", _occasion_ids()) if "{occasions}" in text else text


def _occasion_ids() -> str:
    try:
        templates = load_templates(None)
    except DraftkitError:
        return M.OCCASIONS_UNKNOWN
    return " ".join(f"{t.id}（{t.name}）" for t in templates.values())


def add_draft_commands(sub: Any) -> None:
    new = sub.add_parser(
        "new",
        help=M.NEW_HELP,
        description=M.NEW_DESCRIPTION,
        epilog=M.NEW_EPILOG,
        formatter_class=_NewHelp,
    )
    new.add_argument("--no-input", action="store_true", help=M.NEW_FLAG_HELP["no-input"])
    new.add_argument("--answers", type=Path, metavar="文件", help=M.NEW_FLAG_HELP["answers"])
    new.add_argument("--defaults", action="store_true", help=M.NEW_FLAG_HELP["defaults"])
    for name in _ANSWER_FLAGS:
        new.add_argument(f"--{name}", metavar=M.NEW_FLAG_METAVAR[name], help=M.NEW_FLAG_HELP[name])
    new.add_argument("--material", nargs="+", metavar="文件", help=M.MATERIAL_HELP)
    _output_flags(new)
    new.set_defaults(run=run_new)

    build = sub.add_parser("build", help=M.BUILD_HELP, description=M.BUILD_HELP)
    build.add_argument("answers_file", type=Path, metavar="回答文件", help=M.BUILD_ANSWERS_HELP)
    _output_flags(build)
    build.set_defaults(run=run_build)

    templates = sub.add_parser(
        "templates",
        help="列出或检查会议类型模板",
        description="列出可选的会议类型（list），或检查模板文件（validate）。",
    )
    templates.set_defaults(run=_needs_action(templates, "list、validate"))
    tsub = templates.add_subparsers(title="操作", metavar="操作")
    tlist = tsub.add_parser(
        "list", help="列出会议类型", description="列出会议类型的 id、名称、默认篇幅和说明。"
    )
    tlist.add_argument("--json", action="store_true", help="以 JSON 输出")
    tlist.add_argument("--dir", type=Path, metavar="文件夹", help=M.TEMPLATES_DIR_HELP)
    tlist.set_defaults(run=run_templates_list)
    tval = tsub.add_parser(
        "validate",
        help="检查模板文件，列出每一处问题",
        description="检查一个模板文件夹里的每个模板，列出每一处问题（文件、行和字段）。",
    )
    tval.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="文件夹",
        help="模板文件夹（默认：自带模板）",
    )
    tval.set_defaults(run=run_templates_validate)

    check = sub.add_parser(
        "check",
        help="交给领导之前检查讲话稿（.docx、.md、.txt）",
        description=(
            "检查讲话稿：待填项和占位符、过时的提法、语料中的地名人名、重复、标点、"
            "标题序号、篇幅，以及与语料原文相同的段落（查重）。有错误时退出码为 1。"
        ),
    )
    check.add_argument("file", type=Path, metavar="文件", help="要检查的讲话稿")
    check.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="讲话日期，例如 2026-11-25 或 2026年11月25日（默认从稿中读取，读不到用今天）",
    )
    check.add_argument(
        "--length", type=int, metavar="N", help="目标篇幅（汉字数），偏差超过一成时提醒"
    )
    check.add_argument(
        "--bank", type=Path, metavar="文件夹", help="对照的词库文件夹（默认：自带词库）"
    )
    check.add_argument(
        "--sources",
        type=Path,
        metavar="文件",
        help="查重索引文件（默认：词库旁的 sources.json.gz）",
    )
    check.add_argument(
        "--audience",
        metavar="文字",
        help="讲话对象，如 企业代表、全体学员（默认从称呼语判断，如“各位企业家”）",
    )
    check.add_argument(
        "--material", nargs="+", type=Path, metavar="文件", help=M.CHECK_MATERIAL_HELP
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出（键名为英文）")
    check.set_defaults(run=run_check)

    render = sub.add_parser("render", help=M.RENDER_HELP, description=M.RENDER_DESCRIPTION)
    render.add_argument("docx", type=Path, metavar="DOCX", help=M.RENDER_DOCX_HELP)
    render.add_argument("-o", "--output", type=Path, metavar="PDF", help=M.RENDER_OUTPUT_HELP)
    render.add_argument("--force", action="store_true", help=M.FORCE_HELP)
    render.set_defaults(run=run_render)

    bank = sub.add_parser(
        "bank",
        help="查看词库",
        description="查看词库：统计（stats）、按词查找（search）、主题画像（topic）。",
    )
    bank.set_defaults(run=_needs_action(bank, "stats、search、topic"))
    bsub = bank.add_subparsers(title="操作", metavar="操作")
    stats = bsub.add_parser(
        "stats", help="按类别和角色统计词条", description="按类别和角色统计词库中的词条。"
    )
    stats.add_argument("--bank", type=Path, metavar="文件夹", help=M.BANK_DIR_HELP)
    stats.set_defaults(run=run_bank_stats)
    search = bsub.add_parser(
        "search", help="查找含某个词的词条", description="列出含某个词的词条（最多 200 条）。"
    )
    search.add_argument("word", metavar="词", help="要查找的词，例如 安全")
    roles = [shown(r, ROLE_NAMES) for r in ROLES]
    search.add_argument(
        "--role", choices=roles, metavar="角色", help=f"只看这个角色：{'、'.join(roles)}"
    )
    search.add_argument("--bank", type=Path, metavar="文件夹", help=M.BANK_DIR_HELP)
    search.add_argument("--topic", metavar="文字", help=M.BANK_SEARCH_TOPIC_HELP)
    search.set_defaults(run=run_bank_search)
    add_topic_command(bsub)


def _output_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="文件", help=M.OUTPUT_HELP)
    parser.add_argument("--force", action="store_true", help=M.OUTPUT_FORCE_HELP)
    parser.add_argument("--bank", type=Path, metavar="文件夹", help=M.BANK_DIR_HELP)
    parser.add_argument("--templates", type=Path, metavar="文件夹", help=M.TEMPLATES_DIR_HELP)
    parser.add_argument("--profile", type=Path, metavar="文件", help=M.PROFILE_HELP)
    parser.add_argument("--reference-docx", type=Path, metavar="文件", help=M.REFERENCE_DOCX_HELP)
    parser.add_argument(
        "--provenance",
        choices=("none", "comments", "sidecar"),
        default="none",
        help=M.PROVENANCE_HELP,
    )


def _needs_action(parser: argparse.ArgumentParser, actions: str) -> Any:
    """``run`` for a command given without its action: its own help, and exit code 2."""

    def run(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        say((M.NEEDS_ACTION.format(actions=actions), "yellow"), console=err)
        return 2

    return run


# --- new / build ------------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    raw: dict[str, Any] = {}
    if args.answers:
        raw.update(load_answers(args.answers).to_dict())
    raw.update({k: getattr(args, k) for k in _ANSWER_FLAGS if getattr(args, k) not in (None, "")})
    if args.material:
        raw["material"] = list(args.material)
    if not args.no_input:
        if not args.defaults and not sys.stdin.isatty():
            raise AnswersError(
                "没有终端，无法逐项提问",
                hint="请用 draftkit new --no-input --occasion … --topic … -o 讲话稿.docx，"
                "或加 --answers 回答文件",
            )
        from draftkit.cli.wizard import run_wizard

        return run_wizard(raw, args)
    if not args.output:
        raise AnswersError(
            "没有给出输出文件", field="-o", hint="加上 -o 讲话稿.docx（或 .pdf、.md、.txt）"
        )
    answers = make_answers(raw, source=str(args.answers) if args.answers else None)
    return produce(answers, args, save=True)


def run_build(args: argparse.Namespace) -> int:
    answers = load_answers(args.answers_file)
    if not args.output:
        args.output = default_build_output(args.answers_file)
    return produce(answers, args)


def default_build_output(answers_file: Path) -> Path:
    """``x.answers.yaml`` → ``x.docx``: the draft the answers file was saved beside."""
    stem = answers_file.stem
    stem = stem.removesuffix(".answers") or stem
    return answers_file.with_name(stem + ".docx")


def _already_saved(answers: Answers, path: Path) -> bool:
    """Whether ``path`` already holds exactly these answers, so writing it would change nothing."""
    if not os.path.isfile(path):  # False, not an error, for a name the disk refuses
        return False
    try:
        return load_answers(path) == answers
    except DraftkitError:
        return False


def produce(answers: Answers, args: argparse.Namespace, *, save: bool = False) -> int:
    """Compose, write and summarise one draft; every target is checked before any is written."""
    from draftkit.compose.draft import compose
    from draftkit.compose.given import material_for
    from draftkit.write.text import write_draft

    output = args.output
    check_suffix(output)
    announce = save
    if save and _already_saved(answers, answers_path(output)):
        save = False  # `new --answers d.answers.yaml -o d.docx` with nothing changed
    check_targets(planned_files(output, args, save=save), force=args.force)
    if output.suffix.lower() == ".pdf":
        from draftkit.write.render import require_soffice  # only a PDF needs LibreOffice

        require_soffice()
    given = material_for(answers.material)  # read before anything is written: it may fail
    bank = load_bank(args.bank)
    templates = load_templates(args.templates)
    draft = compose(answers, bank=bank, templates=templates, given=given)
    write_draft(draft, output, force=args.force, **draft_options(args, output))
    summarise(draft, output, given)
    if save:
        save_answers(answers, answers_path(output))
    if announce:
        say(M.ANSWERS_SAVED_TO.format(path=answers_path(output)))
        say(M.REBUILD_WITH.format(answers=answers_path(output), output=output))
    check_summary(draft, output, bank, given)
    return 0


# --- check ----------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    from draftkit.bank.sources import find_index, load_index
    from draftkit.compose.answers import parse_date
    from draftkit.compose.given import read_material
    from draftkit.errors import CheckFailed
    from draftkit.review.check import check_file, render_text

    bank = load_bank(args.bank)
    index = load_index(args.sources) if args.sources else find_index(bank.path)
    date = parse_date(args.date) if args.date else None
    given = read_material(args.material) if args.material else None
    report = check_file(
        args.file,
        date=date,
        length=args.length,
        bank=bank,
        overlap=index,
        audience=args.audience,
        given=given,
    )
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        if index is None:
            say(
                ("提示：", "yellow"),
                "词库旁没有查重索引，不做查重；重新运行 draftkit mine 可生成",
                console=err,
            )
        out.print(render_text(report), end="")
    if report.errors:
        raise CheckFailed(f"有 {report.errors} 个错误需要修改", path=args.file)
    return 0


# --- render -------------------------------------------------------------------------------


def run_render(args: argparse.Namespace) -> int:
    from draftkit.write.render import docx_to_pdf

    source: Path = args.docx
    if source.suffix.lower() != ".docx" or not source.is_file():
        raise OutputError(M.RENDER_NEEDS_DOCX, path=source)
    pdf = docx_to_pdf(source, args.output or source.with_suffix(".pdf"), force=args.force)
    say(("已写入", "green"), f" {pdf}")
    return 0


# --- templates ------------------------------------------------------------------------------


def run_templates_list(args: argparse.Namespace) -> int:
    rows = describe(load_templates(args.dir))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    table = Table(title="会议类型")
    for column in ("id", "名称", "篇幅（字）", "说明"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["id"], row["name"], str(row["length"]), row["description"])
    out.print(table)
    return 0


def run_templates_validate(args: argparse.Namespace) -> int:
    from draftkit.resources import bundled_dir

    directory = args.directory or bundled_dir("templates")
    problems = validate_directory(directory)
    for problem in problems:
        say((M.ERROR_PREFIX, "red"), problem.describe(), console=err)
    if problems:
        raise TemplateError(f"共 {len(problems)} 处问题", path=directory)
    say(("没有问题", "green"), f" {directory}：每个模板都有效")
    return 0


# --- bank -------------------------------------------------------------------------------------


def run_bank_stats(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    from rich.table import Table

    table = Table(title=f"词库 {bank.path}")
    table.add_column("类别")
    roles = [r for r in ROLES if any(e.role == r for e in bank.entries)]
    for role in roles:
        table.add_column(shown(role, ROLE_NAMES), justify="right")
    table.add_column("可通用", justify="right")
    for kind in KINDS:
        entries = bank.of(kind, reusable=False)
        table.add_row(
            shown(kind, KIND_NAMES),
            *[str(sum(1 for e in entries if e.role == r)) for r in roles],
            str(len(bank.of(kind))),
        )
    out.print(table)
    out.print(f"已知主题：{'、'.join(bank.topics())}")
    return 0


def run_bank_search(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    role = _ROLE_OF.get(args.role, args.role)
    found = bank.search(args.word, role)
    context = _sample_context(args.topic or M.BANK_SEARCH_TOPIC)
    for entry in found[:200]:
        mark = ("（专用）", "dim") if entry.specific else ""
        kind, role = shown(entry.kind, KIND_NAMES), shown(entry.role, ROLE_NAMES)
        say((kind, "cyan"), f" {role}  {_shown(entry, context)}", mark)
    more = "（只列出前 200 条）" if len(found) > 200 else ""
    out.print(f"共 {len(found)} 条{more}")
    return 0


def _sample_context(topic: str) -> dict[str, Any]:
    """What an entry's slots are filled with when shown: the topic asked for, the rest default."""
    from draftkit.compose.choose import build_context

    templates = load_templates(None)
    template = next(iter(templates.values()))
    return build_context(make_answers({"occasion": template.id, "topic": topic}), template)


def _shown(entry: Entry, context: dict[str, Any]) -> str:
    from draftkit.compose.sandbox import render

    if "{" not in entry.text:
        return entry.text
    try:
        return render(entry.text, context, where=entry.id)
    except DraftkitError:
        return entry.text  # a hand-edited entry that no longer renders is shown as written
