"""Review a draft before it goes to the leader (``draftkit check``): entry points and report.

Owns reading the draft (``check_file``), finding its date and where its body starts, running
every rule of ``draftkit.review.rules`` over it (``check_text``), and the ``Report`` they make,
errors first, with its plain-text rendering. The rules themselves, the finding codes and
``Finding`` live in ``draftkit.review.rules``; they are importable from here too.

Paragraph numbers are 1-based positions in the paragraph list (``check_file`` counts the
non-empty paragraphs of the file); 0 stands for the draft as a whole.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from draftkit.bank.overlap import OverlapIndex, OverlapResult
from draftkit.bank.store import Bank
from draftkit.compose.given import Given
from draftkit.errors import CorpusError
from draftkit.models import count_hanzi
from draftkit.reading.corpus import SUFFIXES, read_document
from draftkit.reading.frame import is_salutation
from draftkit.reading.numbering import cn_number, match_heading
from draftkit.review.coherence import coherence
from draftkit.review.material_check import against_material, later_material, without_material
from draftkit.review.rules import (
    CODES,
    SEVERITIES,
    Finding,
    code_name,
    copied,
    dated,
    headings,
    length_against,
    placeholders,
    punctuation,
    repetition,
    source_names,
)

__all__ = [
    "CODES",
    "SEVERITIES",
    "Finding",
    "Report",
    "body_start",
    "check_file",
    "check_text",
    "draft_date",
    "render_text",
]


@dataclass(frozen=True, slots=True)
class Report:
    """The findings on one draft, errors first, and what the draft was measured against."""

    findings: tuple[Finding, ...]
    date: dt.date
    date_source: str  # "given", "document" or "today"
    length: int  # Chinese characters in the body (title and byline left out)
    target: int | None
    paragraphs: int
    overlap: OverlapResult | None = None
    path: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "date": self.date.isoformat(),
            "date_source": self.date_source,
            "length": self.length,
            "target": self.target,
            "paragraphs": self.paragraphs,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "findings": [f.to_json() for f in self.findings],
            "overlap": self.overlap.to_json() if self.overlap else None,
        }


# --- entry points -------------------------------------------------------------------------------


def check_file(
    path: str | Path,
    *,
    date: dt.date | None = None,
    length: int | None = None,
    bank: Bank | None = None,
    overlap: OverlapIndex | None = None,
    audience: str | None = None,
    given: Given | None = None,
    own: str = "",
) -> Report:
    """Check a .docx, .md or .txt draft; raises ``CorpusError`` when it cannot be read."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        hint = "请给出 .docx、.md 或 .txt 格式的讲话稿"
        raise CorpusError(f"无法检查 {path.suffix or '没有扩展名'} 文件", path=path, hint=hint)
    if not path.exists():
        raise CorpusError("文件不存在", path=path)
    text = read_document(path).text  # .md loses its markup, headings keep their text
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    report = check_text(
        paragraphs,
        date=date,
        length=length,
        bank=bank,
        overlap=overlap,
        audience=audience,
        given=given,
        own=own,
    )
    return replace(report, path=str(path))


def check_text(
    paragraphs: list[str],
    *,
    date: dt.date | None = None,
    length: int | None = None,
    bank: Bank | None = None,
    overlap: OverlapIndex | None = None,
    audience: str | None = None,
    given: Given | None = None,
    own: str = "",
) -> Report:
    """Run every rule over a draft given as paragraphs.

    ``audience`` (企业代表, 全体学员 …) is who the speech is for; without it the salutation
    tells. The review and plan years are checked only against a date given or found in the draft.
    ``given`` is the user's material: its figures must agree with the draft's, and its own
    sentences are neither a source's names nor copying. ``own`` is more of the user's own text
    (the unit and the speaker): a name in it is not a source's.
    """
    paragraphs = [p.strip() for p in paragraphs]
    when, source = (date, "given") if date else draft_date(paragraphs)
    start = body_start(paragraphs)
    body = paragraphs[start:]
    findings = [
        *placeholders(paragraphs),
        *dated(paragraphs, when.year),
        *repetition(paragraphs, bank),
        *punctuation(paragraphs),
        *headings(paragraphs),
        *coherence(paragraphs, start, date=None if source == "today" else when, audience=audience),
    ]
    own_text = own
    own, theirs = paragraphs, own_text
    if given is not None:
        findings += against_material(paragraphs, given)
        findings += later_material(given, when)
        own = without_material(paragraphs, given)
        theirs += "".join(info.text for info in given.files)
    if bank is not None:
        findings += source_names(own, bank, theirs)
    size = sum(count_hanzi(p) for p in body)
    if length:
        findings += length_against(size, length)
    result = None
    if overlap is not None:
        result = overlap.compare(own[start:])
        findings += copied(result, own[start:], start, overlap)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], f.paragraph, f.code, f.excerpt))
    return Report(tuple(findings), when, source, size, length, len(paragraphs), result)


# --- date and body ------------------------------------------------------------------------------

_CN_YEAR = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_DATE = (
    r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_BYLINE = re.compile(rf"[（(]\s*{_DATE}\s*[）)]")
_ANY_DATE = re.compile(_DATE)


def draft_date(paragraphs: list[str], *, today: dt.date | None = None) -> tuple[dt.date, str]:
    """The draft's date: a （2026年11月22日） byline, else the first full date, else today.

    A byline is looked for only near the top, where the title block stands; a bracketed date in
    the body is a reference, not the date of the speech.
    """
    for pattern, where in ((_BYLINE, paragraphs[:6]), (_ANY_DATE, paragraphs)):
        for text in where:
            for m in pattern.finditer(text):
                year = int("".join(_CN_YEAR.get(ch, ch) for ch in m.group(1)))
                try:
                    return dt.date(year, cn_number(m.group(2)), cn_number(m.group(3))), "document"
                except ValueError:
                    continue
    return today or dt.date.today(), "today"


def body_start(paragraphs: list[str]) -> int:
    """Index of the first body paragraph: the salutation, or past the title and byline lines."""
    for i, text in enumerate(paragraphs[:6]):
        if is_salutation(text):
            return i
    i = 0
    while i < min(len(paragraphs) - 1, 4):
        text = paragraphs[i]
        if len(text) > 50 or text.endswith(("。", "！", "？")) or match_heading(text):
            break
        i += 1
    return i


# --- rendering ----------------------------------------------------------------------------------

_TITLES = {"error": "错误", "warning": "提醒", "info": "说明"}
_DATE_SOURCES = {
    "given": "按 --date 指定",
    "document": "从稿中读取",
    "today": "稿中没有日期，按今天",
}


def render_text(report: Report) -> str:
    """The report as plain text grouped by severity (print it with markup off)."""
    counts = f"{report.errors} 个错误，{report.warnings} 个提醒，{report.infos} 条说明"
    target = f"（目标 {report.target} 字）" if report.target else ""
    lines = [
        (f"{report.path}：" if report.path else "") + counts,
        f"日期 {report.date.isoformat()}（{_DATE_SOURCES[report.date_source]}），"
        f"正文 {report.length} 字{target}",
    ]
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if group:
            lines += ["", _TITLES[severity]]
        for f in group:
            place = f"{f'¶{f.paragraph}':>5}" if f.paragraph else "  全文"  # 全文 is 4 columns
            lines.append(f"  {place}  {code_name(f.code)}：{f.message}")
            lines += [f"         {f.excerpt}"] if f.excerpt else []
            lines += [f"         → {f.suggestion}"] if f.suggestion else []
    return "\n".join(lines) + "\n"
