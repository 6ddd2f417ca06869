"""The files a draft makes: which suffixes draftkit writes, and where a sidecar goes.

Shared by every writer and by the CLI, which checks all of a draft's files before writing any.
"""

from __future__ import annotations

from pathlib import Path

from draftkit.errors import OutputError

SUFFIXES = (".docx", ".md", ".txt", ".pdf")


def sidecar_path(path: Path) -> Path:
    """Where ``--provenance sidecar`` puts the provenance of a .docx or .pdf draft."""
    return path.with_name(path.stem + ".provenance.yaml")


def output_files(path: Path, *, provenance: str = "none") -> list[Path]:
    """Every file that writing a draft to ``path`` makes (the draft and any sidecar)."""
    path = Path(path)
    files = [path]
    if provenance == "sidecar" and path.suffix.lower() in (".docx", ".pdf"):
        files.append(sidecar_path(path))
    return files


def check_suffix(path: Path) -> None:
    if Path(path).suffix.lower() not in SUFFIXES:
        raise OutputError(
            "输出文件名须以 .docx、.pdf、.md 或 .txt 结尾",
            path=path,
            hint="例如 -o 讲话稿.docx",
        )
