"""What a new draft contains, printed after ``new``, ``build`` and the wizard write it.

Shared by the draft commands and the wizard, so neither imports the other for it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from draftkit.bank.store import CORE_SOURCE
from draftkit.cli.console import err, out, say
from draftkit.models import MATERIAL, Draft

if TYPE_CHECKING:  # reading material is paid for only by a draft that has some
    from draftkit.compose.given import Given

__all__ = ["answers_path", "check_summary", "err", "out", "summarise"]


def answers_path(output: Path) -> Path:
    return output.with_name(output.stem + ".answers.yaml")


def _short_of(draft: Draft, given: Given | None) -> str:
    """Why a draft came out shorter than its target, and what the writer can do."""
    if given is not None:
        return (
            f"要求的 {draft.target} 字——材料之外，词库里没有更多切题的内容；"
            "可在材料中补充，或自己展开"
        )
    return (
        f"这类会议通常的 {draft.target} 字——词库里切题的内容不多，没有拿别的题目凑字数；"
        "可用 --material 提供本单位的总结、计划或上级文件，或自己展开"
    )


def summarise(draft: Draft, output: Path, given: Given | None = None) -> None:
    sections = [b.text for b in draft.blocks if b.kind == "heading1"]
    provenance = [p for b in draft.blocks for p in b.provenance]
    from_material = sum(1 for p in provenance if p.kind == MATERIAL)
    provenance = [p for p in provenance if p.kind != MATERIAL]
    sources = Counter(p.title for p in provenance if p.title and p.source != CORE_SOURCE)
    core = sum(1 for p in provenance if p.source == CORE_SOURCE)
    say(("已写入", "green"), f" {output}")
    out.print(f"  {draft.title}")
    out.print(f"  共 {len(sections)} 个部分，正文 {draft.body_length} 字")
    for heading in sections:
        out.print(f"    {heading}")
    if draft.target and draft.body_length < draft.target * 0.9:
        out.print(f"  篇幅：正文 {draft.body_length} 字，不到{_short_of(draft, given)}")
    fills = draft.fill_ins
    out.print(f"  待填：{len(fills)} 处（请补上事实）")
    for text in sorted(set(fills)):
        out.print(f"    {text}")
    most = max(sources.values()) if sources else 0
    if given is not None:
        out.print(
            f"  材料：{from_material} 句；词库：{sum(sources.values()) + core} 句；"
            f"待填：{len(fills)} 处"
        )
        for line in material_lines(given):
            out.print(f"    {line}")
    out.print(
        f"  来源：词库 {sum(sources.values())} 句，取自 {len(sources)} 篇讲话或报告"
        f"（单篇最多 {most} 句）；draftkit 基础语料 {core} 句",
    )


def material_lines(given: Given) -> list[str]:
    """What each material file gave: its kind and its points by part."""
    lines = []
    for info in given.files:
        parts = "，".join(f"{part} {n} 条" for part, n in info.counts) or "没有读出可用的内容"
        issuer = f"，发文：{info.issuer}" if info.issuer else ""
        lines.append(f"{info.path}（{info.kind}{issuer}）：{parts}")
    return lines


def check_summary(draft: Draft, path: Path, bank: Any, given: Given | None = None) -> None:
    """The review every new draft gets: counts, and each error or warning in one line."""
    from draftkit.bank.sources import find_index
    from draftkit.review.check import check_file, check_text
    from draftkit.review.rules import code_name
    from draftkit.write.text import draft_text

    overlap = find_index(bank.path)
    audience = str(draft.answers.get("audience") or "") or None
    own = " ".join(str(draft.answers.get(k) or "") for k in ("org", "speaker", "meeting"))
    options: dict[str, Any] = {
        "date": draft.date,
        "bank": bank,
        "overlap": overlap,
        "audience": audience,
        "given": given,
        "own": own,
    }
    if path.suffix.lower() == ".pdf":  # check reads no PDF: check the text the PDF was made of
        paragraphs = [line.strip() for line in draft_text(draft).split("\n") if line.strip()]
        report = check_text(paragraphs, **options)
    else:
        report = check_file(path, **options)
    out.print(
        f"  检查：{report.errors} 个错误，{report.warnings} 个提醒"
        f"（完整报告：draftkit check {path}）",
    )
    copied = [f for f in report.findings if f.code == "copied"]
    for finding in report.findings:
        if finding.code == "copied":
            continue  # counted in one line below; the full report lists each
        if finding.severity == "error" or (
            finding.severity == "warning" and finding.code != "fill-in"
        ):
            place = f"¶{finding.paragraph}" if finding.paragraph else "全文"
            out.print(f"    {place} {code_name(finding.code)}：{finding.message}")
    if copied:
        paragraphs = "、".join(str(f.paragraph) for f in copied[:12])
        more = "等" if len(copied) > 12 else ""
        out.print(
            f"    查重：第 {paragraphs}{more} 段共 {len(copied)} 段与语料原文相同"
            f"（词库的要点取自公开的讲话和报告，可按需改写）"
        )
