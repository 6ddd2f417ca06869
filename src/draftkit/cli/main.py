"""The ``draftkit`` command: parse arguments, call the library, one error boundary.

The library raises ``DraftkitError``; only ``main`` prints it (in red, on stderr) and exits
with the error's ``exit_code``.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from draftkit import __version__
from draftkit.cli import messages as M
from draftkit.cli.console import err, out, say, warn
from draftkit.cli.outputs import check_bank_output
from draftkit.cli.parser import ChineseParser
from draftkit.errors import Aborted, CorpusError, DraftkitError, DraftkitWarning
from draftkit.models import FLAG_NAMES, KIND_NAMES, KINDS, ROLE_NAMES, shown

# Mining and parsing are imported by the commands that use them: `draftkit new` never mines, and
# importing the miner costs a tenth of a second on every start.
if TYPE_CHECKING:
    from draftkit.bank.build import MineResult
    from draftkit.models import Section, Speech


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    """A library warning as the user sees it: one line, in Chinese, without Python's source."""
    if issubclass(category, DraftkitWarning):
        warn(("警告：", "yellow"), str(message))
    else:
        _python_warning(message, category, filename, lineno, file, line)


_python_warning = warnings.showwarning

# The cleaning steps of ``reading.clean`` as ``mine --explain`` names them.
STEP_NAMES = {
    "normalise_whitespace": "统一空白",
    "to_simplified": "繁体转简体",
    "cut_after_markers": "截去文末的附加内容",
    "drop_noise_lines": "删去网页杂行",
    "drop_menu_runs": "删去导航菜单",
    "remove_inline_noise": "删去行内杂字",
    "join_spaced_numbers": "合并被空格隔开的数字",
    "fullwidth_punctuation": "改用全角标点",
    "split_flattened": "拆开压成一行的段落",
    "rejoin_wrapped_lines": "接回被折断的行",
}


def main(argv: list[str] | None = None) -> int:
    warnings.showwarning = _show_warning
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        warn((M.INTERRUPTED, "yellow"))
        return 130
    except Aborted as exc:
        warn((exc.describe(), "yellow"))
        return exc.exit_code
    except DraftkitError as exc:
        warn((M.ERROR_PREFIX, "red"), exc.describe())
        return exc.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="draftkit",
        description="用以往讲话稿挖出的词库起草领导讲话稿，并在交稿前检查。",
        epilog="每个命令的详细说明：draftkit 命令 --help，例如 draftkit new --help",
    )
    parser.add_argument(
        "--version", action="version", version=f"draftkit {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(title="命令", metavar="命令")

    mine = sub.add_parser(
        "mine",
        help="从一个讲话稿文件夹挖掘词库",
        description="读取文件夹里的讲话稿（.txt、.docx、.md），挖掘出词库写进 -o 文件夹。",
    )
    mine.add_argument(
        "paths", nargs="*", metavar="路径", help="讲话稿文件或文件夹（用 --explain 时不需要）"
    )
    mine.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("phrasebank"),
        metavar="文件夹",
        help="词库文件夹（默认 phrasebank）",
    )
    mine.add_argument("--jobs", type=int, default=1, metavar="N", help="同时读取的进程数（默认 1）")
    mine.add_argument("--force", action="store_true", help=M.MINE_FORCE_HELP)
    mine.add_argument(
        "--explain",
        type=Path,
        metavar="文件",
        help="只看这一个文件：列出清理时改动了它的每一步，不写词库",
    )
    mine.set_defaults(run=run_mine)

    parse = sub.add_parser(
        "parse",
        help="显示 draftkit 如何理解每篇讲话稿",
        description="列出每篇讲话稿的标题、开头、结尾和各部分的角色，不写任何文件。",
    )
    parse.add_argument("paths", nargs="+", metavar="路径", help="讲话稿文件或文件夹")
    parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    parse.add_argument(
        "--explain", action="store_true", help="逐个标题说明如何识别、为何判为该角色"
    )
    parse.set_defaults(run=run_parse)

    from draftkit.cli.drafts import add_draft_commands

    add_draft_commands(sub)
    return parser


# --- mine -------------------------------------------------------------------------------------


def run_mine(args: argparse.Namespace) -> int:
    if args.explain:
        return _explain(args.explain)
    if not args.paths:
        raise CorpusError("请给出讲话稿文件或文件夹", hint="例如 draftkit mine 讲话稿 -o 词库")
    from rich.progress import Progress

    from draftkit.bank.build import mine_corpus, write_mined
    from draftkit.reading.corpus import find_files

    check_bank_output(args.output, args.paths, force=args.force)
    files, _ = find_files(args.paths)

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("正在读取讲话稿", total=len(files))
        result = mine_corpus(
            args.paths, jobs=max(1, args.jobs), progress=lambda _: progress.advance(task)
        )
    write_mined(result, args.output)
    _mine_report(result, args.output)
    return 0


def _explain(path: Path) -> int:
    from draftkit.reading.clean import clean_text
    from draftkit.reading.corpus import read_document

    document = read_document(path)
    _, steps = clean_text(document.text, explain=True)
    say((str(path), "bold"), f"（编码 {document.encoding}）：清理时有 {len(steps)} 步改动了文字")
    for step in steps:
        before, after = step.before.split("\n"), step.after.split("\n")
        removed = [line for line in before if line not in set(after)]
        added = [line for line in after if line not in set(before)]
        say(
            "\n",
            (STEP_NAMES.get(step.name, step.name), "cyan"),
            f"：删去 {len(removed)} 行，加入 {len(added)} 行",
        )
        for line in removed[:5]:
            say((f"  - {line[:80]}", "red"))
        for line in added[:5]:
            say((f"  + {line[:80]}", "green"))
    return 0


def _mine_report(result: MineResult, output: Path) -> None:
    from rich.table import Table

    for skipped in result.skipped:
        warn(("已跳过", "yellow"), f" {skipped.path}：{skipped.reason}")
    table = Table(title=f"词库已写入 {output}")
    table.add_column("项目")
    table.add_column("数量", justify="right")
    table.add_row("读取的文件", str(result.files))
    table.add_row("跳过的文件", str(len(result.skipped)))
    speeches = result.bank.summary["speeches"]
    table.add_row("讲话稿", str(result.speech_count))
    flagged = [s for s in speeches if {"shuffled", "spun", "truncated"} & set(s["flags"])]
    table.add_row("有问题的讲话稿", str(len(flagged)))
    roles = Counter(role for s in speeches for role in s["sections"])
    for role, n in sorted(roles.items()):
        table.add_row(f"  部分：{shown(role, ROLE_NAMES)}", str(n))
    kinds = Counter(e.kind for e in result.bank.entries)
    for kind in sorted(kinds, key=_kind_order):
        reusable = sum(1 for e in result.bank.entries if e.kind == kind and not e.specific)
        table.add_row(f"  词条：{shown(kind, KIND_NAMES)}", f"{kinds[kind]}（可通用 {reusable}）")
    out.print(table)
    for speech in flagged:
        flags = "、".join(shown(f, FLAG_NAMES) for f in speech["flags"])
        say(f"有问题（{flags}）：{speech['title']}（{speech['file']}）")


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


# --- parse ------------------------------------------------------------------------------------


def section_json(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "number": section.number,
        "level": section.level,
        "role": section.role,
        "confidence": section.confidence,
        "recognised": section.recognised,
        "reasons": list(section.reasons),
        "children": [section_json(c) for c in section.children],
    }


def speech_json(speech: Speech) -> dict[str, Any]:
    return {
        "source": speech.source,
        "title": speech.title,
        "year": speech.year,
        "flags": list(speech.flags),
        "opening": list(speech.opening),
        "closing": list(speech.closing),
        "sections": [section_json(s) for s in speech.sections],
    }


def run_parse(args: argparse.Namespace) -> int:
    from draftkit.reading.understand import understand_corpus

    speeches, skipped, _ = understand_corpus(args.paths)
    for s in skipped:
        warn(("已跳过", "yellow"), f" {s.path}：{s.reason}")
    if args.json:
        print(json.dumps([speech_json(s) for s in speeches], ensure_ascii=False, indent=2))
        return 0
    for speech in speeches:
        flags = "、".join(shown(f, FLAG_NAMES) for f in speech.flags)
        flags = f"  〔{flags}〕" if flags else ""
        say((speech.title, "bold"), f"（{Path(speech.source).name}）{flags}")
        say(f"  开头 {len(speech.opening)} 段，结尾 {len(speech.closing)} 段")
        if args.explain:
            say(f"  年份：{speech.year or '未知'}")
        for section in speech.sections:
            (_explain_section if args.explain else _print_section)(section, "  ")
    return 0


def _explain_section(section: Section, indent: str) -> None:
    """One heading with how it was recognised and why it got its role, in Chinese."""
    number = section.number or ("·" if section.level == 5 else "")
    heading = f"{indent}{number}{section.heading[:40]}"
    role = shown(section.role, ROLE_NAMES)
    say(f"{heading} → ", (role, "bold"), f"（置信度 {section.confidence:.2f}）")
    say(f"{indent}    识别：{section.recognised or '—'}")
    say(f"{indent}    理由：{'；'.join(section.reasons)}")
    for child in section.children:
        _explain_section(child, indent + "  ")


def _print_section(section: Section, indent: str) -> None:
    number = section.number or ("·" if section.level == 5 else "")
    say(f"{indent}{number}{section.heading[:40]}  ", (shown(section.role, ROLE_NAMES), "dim"))
    for child in section.children:
        _print_section(child, indent + "  ")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
