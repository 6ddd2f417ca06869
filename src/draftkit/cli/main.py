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
from draftkit.errors import Aborted, DraftkitError, DraftkitWarning

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
    parser = argparse.ArgumentParser(
        prog="draftkit",
        description="Draft Chinese official speeches (讲话稿) from a bank of past speeches.",
    )
    parser.add_argument("--version", action="version", version=f"draftkit {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    mine = sub.add_parser("mine", help="mine a phrase bank from a folder of speeches")
    mine.add_argument("paths", nargs="+", metavar="PATH")
    mine.add_argument(
        "-o", "--output", type=Path, default=Path("phrasebank"), help="bank directory"
    )
    mine.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    mine.add_argument("--force", action="store_true", help=M.MINE_FORCE_HELP)
    mine.add_argument(
        "--explain", type=Path, metavar="FILE", help="show each cleaning step that changed FILE"
    )
    mine.set_defaults(run=run_mine)

    parse = sub.add_parser("parse", help="show how draftkit understood each speech")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--json", action="store_true", help="print JSON")
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
    from rich.progress import Progress

    from draftkit.bank.build import mine_corpus, write_mined
    from draftkit.reading.corpus import find_files

    check_bank_output(args.output, args.paths, force=args.force)
    files, _ = find_files(args.paths)

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("reading speeches", total=len(files))
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
    say(
        (str(path), "bold"), f" ({document.encoding}): {len(steps)} cleaning steps changed the text"
    )
    for step in steps:
        before, after = step.before.split("\n"), step.after.split("\n")
        removed = [line for line in before if line not in set(after)]
        added = [line for line in after if line not in set(before)]
        say("\n", (step.name, "cyan"), f": {len(removed)} lines out, {len(added)} lines in")
        for line in removed[:5]:
            say((f"  - {line[:80]}", "red"))
        for line in added[:5]:
            say((f"  + {line[:80]}", "green"))
    return 0


def _mine_report(result: MineResult, output: Path) -> None:
    from rich.table import Table

    for skipped in result.skipped:
        warn(("skipped", "yellow"), f" {skipped.path}: {skipped.reason}")
    table = Table(title=f"phrase bank written to {output}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files read", str(result.files))
    table.add_row("files skipped", str(len(result.skipped)))
    speeches = result.bank.summary["speeches"]
    table.add_row("speeches", str(result.speech_count))
    flagged = [s for s in speeches if {"shuffled", "spun", "truncated"} & set(s["flags"])]
    table.add_row("flagged speeches", str(len(flagged)))
    roles = Counter(role for s in speeches for role in s["sections"])
    for role, n in sorted(roles.items()):
        table.add_row(f"  sections {role}", str(n))
    kinds = Counter(e.kind for e in result.bank.entries)
    for kind, n in sorted(kinds.items()):
        reusable = sum(1 for e in result.bank.entries if e.kind == kind and not e.specific)
        table.add_row(f"  entries {kind}", f"{n} ({reusable} reusable)")
    out.print(table)
    for speech in flagged:
        out.print(
            f"flagged {', '.join(speech['flags'])}: {speech['title']} ({speech['file']})",
            highlight=False,
        )


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
        warn(("skipped", "yellow"), f" {s.path}: {s.reason}")
    if args.json:
        print(json.dumps([speech_json(s) for s in speeches], ensure_ascii=False, indent=2))
        return 0
    for speech in speeches:
        flags = f"  [{', '.join(speech.flags)}]" if speech.flags else ""
        say((speech.title, "bold"), f" ({Path(speech.source).name}){flags}")
        out.print(f"  opening: {len(speech.opening)} paragraphs; closing: {len(speech.closing)}")
        if args.explain:
            say(f"  年份：{speech.year or '未知'}")
        for section in speech.sections:
            (_explain_section if args.explain else _print_section)(section, "  ")
    return 0


def _explain_section(section: Section, indent: str) -> None:
    """One heading with how it was recognised and why it got its role, in Chinese."""
    number = section.number or ("·" if section.level == 5 else "")
    heading = f"{indent}{number}{section.heading[:40]}"
    say(f"{heading} → ", (section.role, "bold"), f"（置信度 {section.confidence:.2f}）")
    say(f"{indent}    识别：{section.recognised or '—'}")
    say(f"{indent}    理由：{'；'.join(section.reasons)}")
    for child in section.children:
        _explain_section(child, indent + "  ")


def _print_section(section: Section, indent: str) -> None:
    number = section.number or ("·" if section.level == 5 else "")
    say(f"{indent}{number}{section.heading[:40]}  ", (section.role, "dim"))
    for child in section.children:
        _print_section(child, indent + "  ")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
