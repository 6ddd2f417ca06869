"""What a new draft contains, printed after ``new``, ``build`` and the wizard write it.

Shared by the draft commands and the wizard, so neither imports the other for it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from draftkit.bank.store import CORE_SOURCE
from draftkit.models import Draft

out = Console()
err = Console(stderr=True)


def answers_path(output: Path) -> Path:
    return output.with_name(output.stem + ".answers.yaml")


def summarise(draft: Draft, output: Path) -> None:
    sections = [b.text for b in draft.blocks if b.kind == "heading1"]
    provenance = [p for b in draft.blocks for p in b.provenance]
    sources = Counter(p.title for p in provenance if p.title and p.source != CORE_SOURCE)
    core = sum(1 for p in provenance if p.source == CORE_SOURCE)
    out.print(f"[green]wrote[/] {escape(str(output))}", highlight=False)
    out.print(f"  {draft.title}", highlight=False, markup=False)
    out.print(
        f"  sections: {len(sections)}; length: {draft.body_length} characters", highlight=False
    )
    for heading in sections:
        out.print(f"    {heading}", highlight=False, markup=False)
    fills = draft.fill_ins
    out.print(f"  fill-in fields left for you: {len(fills)}", highlight=False, markup=False)
    for text in sorted(set(fills)):
        out.print(f"    {text}", highlight=False, markup=False)
    out.print(
        f"  sources used: {len(sources)} speeches ({sum(sources.values())} phrases, at most "
        f"{max(sources.values()) if sources else 0} from one); {core} phrases from draftkit's "
        f"base wording",
        highlight=False,
    )


def check_summary(draft: Draft, path: Path, bank: Any) -> None:
    """The review every new draft gets: counts, and each error or warning in one line."""
    from draftkit.bank.overlap import find_index
    from draftkit.review.check import check_file

    audience = str(draft.answers.get("audience") or "") or None
    report = check_file(
        path, date=draft.date, bank=bank, overlap=find_index(bank.path), audience=audience
    )
    out.print(
        f"  check: {report.errors} errors, {report.warnings} warnings "
        f"(`draftkit check {path}` for the full report)",
        highlight=False,
    )
    for finding in report.findings:
        if finding.severity == "error" or (
            finding.severity == "warning" and finding.code != "fill-in"
        ):
            out.print(
                f"    ¶{finding.paragraph} {finding.code}: {finding.message}", highlight=False
            )
