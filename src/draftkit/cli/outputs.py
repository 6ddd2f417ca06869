"""Where the CLI may write: the guards that run before any file of the user's is touched.

``planned_files`` lists every file a draft command makes (draft, sidecar, answers file), so all
are checked before any is written; ``draft_options`` gives the writer its layout options.

``check_bank_output`` decides whether ``mine -o DIR`` may write a bank into ``DIR``: a missing or
empty folder, or a folder that already is a draftkit bank. A folder holding the corpus being
mined (or inside it, or inside the output) is refused even with ``--force``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from draftkit.cli import messages as M
from draftkit.cli.report import answers_path
from draftkit.errors import OutputError
from draftkit.write.paths import output_files

# An index.yaml that draftkit wrote carries its schema version near the top.
_SCHEMA_LINE = re.compile(rb"^schema_version:\s*\d+\s*$", re.MULTILINE)
_SHOWN_NAMES = 3


def is_bank_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a draftkit bank: an ``index.yaml`` with a ``schema_version``."""
    index = folder / "index.yaml"
    try:
        with index.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return bool(_SCHEMA_LINE.search(head))


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def list_names(names: list[str]) -> str:
    shown = "、".join(names[:_SHOWN_NAMES])
    return shown + (M.AND_MORE.format(count=len(names)) if len(names) > _SHOWN_NAMES else "")


def check_bank_output(output: Path, corpus: Iterable[str | Path], *, force: bool) -> None:
    """Refuse a bank output that would lose a user's file; ``force`` waives only a foreign folder.

    Raises ``OutputError`` naming the folder and the reason.
    """
    output = Path(output)
    if output.is_symlink() and not output.exists():
        raise OutputError(M.BANK_OUTPUT_DANGLING, path=output, hint=M.BANK_OUTPUT_IS_FILE_HINT)
    if output.exists() and not output.is_dir():
        raise OutputError(M.BANK_OUTPUT_IS_FILE, path=output, hint=M.BANK_OUTPUT_IS_FILE_HINT)
    target = output.resolve()
    for source in corpus:
        path = Path(source).resolve()
        reason = None
        if path == target:
            reason = M.BANK_OUTPUT_IS_CORPUS
        elif _within(target, path):
            reason = M.BANK_OUTPUT_IN_CORPUS
        elif _within(path, target):
            reason = M.BANK_OUTPUT_HOLDS_CORPUS
        if reason:
            raise OutputError(
                reason.format(corpus=source), path=output, hint=M.BANK_OUTPUT_CORPUS_HINT
            )
    if not output.is_dir() or force or is_bank_folder(output):
        return
    names = sorted(p.name for p in output.iterdir())
    if names:
        raise OutputError(
            M.BANK_OUTPUT_NOT_BANK.format(names=list_names(names)),
            path=output,
            hint=M.BANK_OUTPUT_NOT_BANK_HINT,
        )


def draft_options(args: argparse.Namespace, output: Path) -> dict[str, Any]:
    """The writer's options for ``output``: layout and provenance for .docx and .pdf."""
    if output.suffix.lower() not in (".docx", ".pdf"):
        return {}
    from draftkit.write.profiles import load_profile

    return {
        "profile": load_profile(args.profile),
        "reference_docx": args.reference_docx,
        "provenance": args.provenance,
    }


def planned_files(output: Path, args: argparse.Namespace, *, save: bool) -> list[Path]:
    """Every file writing ``output`` makes: the draft, its sidecar, its answers file."""
    provenance = args.provenance if output.suffix.lower() in (".docx", ".pdf") else "none"
    files = output_files(output, provenance=provenance)
    return files + [answers_path(output)] if save else files
