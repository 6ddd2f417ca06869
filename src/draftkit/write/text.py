"""Plain-text and Markdown writers for a ``Draft``, and ``write_draft``, which picks the writer.

Fill-in fields keep their 【待填：…】 marks so the writer sees them; files are written to a
temporary name and renamed, so a failure leaves no partial file.
"""

from __future__ import annotations

from pathlib import Path

from draftkit.errors import OutputError
from draftkit.files import check_targets, write_atomic
from draftkit.models import Draft


def draft_text(draft: Draft, *, markdown: bool = False) -> str:
    lines = [f"# {draft.title}" if markdown else draft.title]
    if draft.subtitle:
        lines.append(draft.subtitle)
    if draft.byline:
        lines.append(draft.byline)
    lines.append("")
    for block in draft.blocks:
        text = block.text
        if markdown and block.kind == "heading1":
            text = f"## {text}"
        elif markdown and block.kind == "heading2":
            text = f"### {text}"
        elif markdown:
            text = "".join(f"**{s.text}**" if s.fill_in else s.text for s in block.spans)
        lines.append(text)
        if markdown:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


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


def write_draft(draft: Draft, path: Path, *, force: bool = False, **docx_options: object) -> Path:
    """Write a draft as .docx, .pdf, .md or .txt, chosen by the suffix.

    Every file the draft makes (a provenance sidecar too) is checked before any is written;
    an existing one is an ``OutputError`` unless ``force``.
    """
    path = Path(path)
    check_suffix(path)
    suffix = path.suffix.lower()
    provenance = str(docx_options.get("provenance", "none"))
    check_targets(output_files(path, provenance=provenance), force=force)
    if suffix == ".pdf":
        from draftkit.write.render import write_pdf

        return write_pdf(draft, path, force=True, **docx_options)  # type: ignore[arg-type]
    if suffix == ".docx":
        from draftkit.write.docx import write_docx

        return write_docx(draft, path, force=True, **docx_options)  # type: ignore[arg-type]
    write_atomic(path, draft_text(draft, markdown=suffix == ".md"))
    return path
