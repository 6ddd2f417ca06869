"""Plain-text and Markdown writers for a ``Draft``, and ``write_draft``, which picks the writer.

Fill-in fields keep their 【待填：…】 marks so the writer sees them; files are written to a
temporary name and renamed, so a failure leaves no partial file.
"""

from __future__ import annotations

from pathlib import Path

from draftkit.files import check_targets, write_atomic
from draftkit.models import Draft
from draftkit.write.paths import check_suffix, output_files


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
