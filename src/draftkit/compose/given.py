"""The user's own material (材料) for one draft: a work summary, a plan, a superior's notice.

A material file is read, cleaned, parsed and classified like a corpus document, but it lends
this draft only. Its points are sorted by what a speech does with them:

* 成绩: achievements with their figures, for the review;
* 问题: problems, shortcomings, gaps, for the review's last sub-point;
* 任务: the plan's tasks, in their order, for the requirements;
* 保障: how the work is led and checked, for the safeguards;
* 形势: the situation and the overall requirement, for the case for the work;
* 上级要求: a superior's notice, quoted as such.

Its facts are the user's own: every figure, name, place and date stays as written. Only the
voice changes (a report's 我们将… is a speaker's 要…), and sentences addressed to a congress
(请予审议, 特此报告) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from draftkit.bank.voice import load_voice
from draftkit.errors import AnswersError, CorpusError
from draftkit.models import Section, Speech
from draftkit.reading.corpus import display, read_document
from draftkit.reading.parse import sentences
from draftkit.reading.understand import understand_document

PARTS = ("成绩", "问题", "任务", "保障", "形势", "上级要求")

# What a file is, from its title or name: a superior's notice is quoted, a plan gives the tasks.
_NOTICE = re.compile(r"通知|意见|决定|指示|批示|纪要|实施方案|工作方案")
_PLAN = re.compile(r"要点|计划|打算|安排|思路|规划")
# Headings that say which part a section is, whatever the classifier made of its body.
_PROBLEM_HEADING = re.compile(r"问题|不足|短板|差距|薄弱|困难|挑战")
_TASK_HEADING = re.compile(
    r"下一步|打算|计划|思路|安排|重点工作|主要任务|重点任务|工作要点|目标任务"
)
_DONE_HEADING = re.compile(
    r"工作(?:情况|成效|成绩|进展|回顾|总结)|主要工作|完成情况|主要成效|成绩|成效"
)
_SAFEGUARD_HEADING = re.compile(r"保障|组织领导|自身建设|工作要求|落实")
_SITUATION_HEADING = re.compile(r"形势|总体要求|指导思想|目标|意义|认识")
# A paragraph that names shortcomings, as a review's problems do.
_PROBLEM_PARAGRAPH = re.compile(
    r"^(?:同时|但|但是|我们也|我们还|也要)?[^。]{0,12}清醒(?:认识|看到)|"
    r"(?:存在|还有|仍然|仍|依然)[^。]{0,12}(?:问题|不足|短板|差距|薄弱环节)|问题和不足|短板弱项"
)
# A paragraph after a sub-point's own that speaks of something else.
_LEAVES_POINT = re.compile(
    r"^(?:过去一年|一年来|这一年|回顾|这些成绩|成绩的取得|总的看|总的来看|同时|但|我们也|在肯定)|"
    + _PROBLEM_PARAGRAPH.pattern
)
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]|（[一二三四五六七八九十]+）|"
    r"[一二三四五六七八九十]+、|\d+[．.、]|（\d+）|——)"
)
# Who issued a notice: the bodies a superior's document names in its title or first lines.
_ISSUER = re.compile(
    r"(?:中共)?[\u4e00-\u9fff]{0,12}?(?:省委|市委|县委|区委|州委|党委|党组|省人民政府|市人民政府|"
    r"县人民政府|区人民政府|省政府|市政府|县政府|区政府|国务院|中共中央|办公厅|办公室|委员会|"
    r"[厅局委部])"
)
_LEAD_MAX = 40
MAX_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class GivenSentence:
    """One sentence of the material, as a speaker says it, with where it was written."""

    text: str
    file: str
    title: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class GivenPoint:
    """A heading (possibly empty) with the sentences under it, and the part of a speech it feeds."""

    part: str
    heading: str
    sentences: tuple[GivenSentence, ...]
    order: int  # position in the material, so chosen points keep the material's order

    @property
    def text(self) -> str:
        return self.heading + "".join(s.text for s in self.sentences)


@dataclass(frozen=True, slots=True)
class MaterialFile:
    """One file of material: what kind it is, who issued it, what it gave."""

    path: str
    title: str
    kind: str  # 工作总结, 工作要点 or 上级文件
    issuer: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Given:
    """Everything the material gave, in its order."""

    files: tuple[MaterialFile, ...]
    points: tuple[GivenPoint, ...]

    def of(self, part: str) -> list[GivenPoint]:
        return [p for p in self.points if p.part == part]

    @property
    def issuer(self) -> str:
        return next((f.issuer for f in self.files if f.kind == "上级文件" and f.issuer), "")


def read_material(paths: Iterable[str | Path]) -> Given:
    """Read each material file; an unreadable one is an error naming it (nothing is guessed)."""
    files: list[MaterialFile] = []
    points: list[GivenPoint] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise AnswersError(
                "找不到材料文件", path=display(path), field="material", hint="检查文件名和路径"
            )
        try:
            speeches = understand_document(read_document(path))
        except CorpusError as exc:
            raise AnswersError(f"读不了这份材料：{exc.message}", path=display(path)) from None
        if not speeches:
            raise AnswersError(
                "这份材料里没有读出正文", path=display(path), hint="材料应为 .docx、.txt 或 .md"
            )
        found, info = material_points(speeches, display(path), start=len(points))
        points.extend(found)
        files.append(info)
    return Given(tuple(files), tuple(points))


_READ: dict[tuple[tuple[str, int, int], ...], Given] = {}


def material_for(paths: Iterable[str]) -> Given | None:
    """``read_material`` kept for the session: the wizard recomposes at every step.

    A file that changed on disk (size or time) is read again.
    """
    paths = list(paths)
    if not paths:
        return None
    key = tuple(_stamp(p) for p in paths)
    if key not in _READ:
        _READ[key] = read_material(paths)
    return _READ[key]


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        stat = Path(path).stat()
    except OSError:
        return (path, -1, -1)  # read_material says what is wrong with it
    return (path, stat.st_size, stat.st_mtime_ns)


def material_points(
    speeches: list[Speech], name: str, *, start: int = 0
) -> tuple[list[GivenPoint], MaterialFile]:
    """The points of one material file, and what the file is."""
    title = speeches[0].title
    kind = material_kind(title + " " + Path(name).stem)
    points: list[GivenPoint] = []
    for speech in speeches:
        maker = _Maker(name, speech.title, kind, start + len(points))
        for paragraph in speech.opening if kind == "上级文件" else ():
            maker.paragraph(paragraph, "上级要求", 0)
        for section in speech.sections:
            maker.section(section, _part(section, kind, None))
        points.extend(maker.points)
    counts = tuple((part, sum(1 for p in points if p.part == part)) for part in PARTS)
    first_lines = " ".join(speeches[0].opening[:2])
    issuer = issuer_of(title + " " + first_lines) if kind == "上级文件" else ""
    return points, MaterialFile(name, title, kind, issuer, tuple(c for c in counts if c[1]))


def material_kind(title: str) -> str:
    if _NOTICE.search(title):
        return "上级文件"
    if _PLAN.search(title):
        return "工作要点"
    return "工作总结"


def issuer_of(text: str) -> str:
    """The body that issued a notice, as its title names it, or "" when it names none."""
    before = re.split(r"关于", text, maxsplit=1)[0]
    found = _ISSUER.findall(before)
    return "、".join(dict.fromkeys(found))[:30] if found else ""


def _part(section: Section, kind: str, above: str | None) -> str:
    """Which part of a speech a section of the material feeds."""
    heading = section.heading
    if kind == "上级文件":
        return "上级要求"
    if _PROBLEM_HEADING.search(heading) and not _TASK_HEADING.search(heading):
        return "问题"
    if section.role == "认识" and _SITUATION_HEADING.search(heading) and above is None:
        return "形势"
    if _TASK_HEADING.search(heading):
        return "任务"
    if _DONE_HEADING.search(heading) and above in (None, "成绩"):
        return "成绩"
    if above is not None:
        return "保障" if section.role == "保障" and above == "任务" else above
    if _SAFEGUARD_HEADING.search(heading) and section.role in ("保障", "unknown"):
        return "保障"
    if _SITUATION_HEADING.search(heading) and section.role in ("认识", "unknown"):
        return "形势"
    by_role = {"回顾": "成绩", "认识": "形势", "要求": "任务", "保障": "保障"}
    if section.role in by_role:
        return by_role[section.role]
    return "任务" if kind == "工作要点" else "成绩"


class _Maker:
    """Collects the points of one speech of the material."""

    def __init__(self, file: str, title: str, kind: str, order: int) -> None:
        self.file = file
        self.title = title
        self.kind = kind
        self.order = order
        self.points: list[GivenPoint] = []

    def section(self, section: Section, part: str) -> None:
        paragraphs = list(section.paragraphs)
        start = 1
        if section.level >= 2 and paragraphs and not section.children:
            # A sub-point heading and the paragraphs that develop it make one point, up to a
            # paragraph that leaves it (the problems, or a word on the whole period).
            own = 1
            while own < len(paragraphs) and not _LEAVES_POINT.search(paragraphs[own]):
                own += 1
            self.add(part, section.heading, paragraphs[:own], section.index + 1)
            paragraphs, start = paragraphs[own:], own + 1
        for offset, paragraph in enumerate(paragraphs, start=start):
            self.paragraph(paragraph, part, section.index + offset)
        for child in section.children:
            self.section(child, _part(child, self.kind, part))

    def paragraph(self, paragraph: str, part: str, index: int) -> None:
        if part in ("成绩", "形势") and _PROBLEM_PARAGRAPH.search(paragraph):
            part = "问题"
        found = sentences(paragraph)
        lead = ""
        first = _ENUMERATOR.sub("", found[0]).rstrip("。") if found else ""
        if len(found) >= 2 and len(first) <= _LEAD_MAX and "，" not in first[:6] and part != "问题":
            lead, found = found[0], found[1:]
        self.add(part, lead, ["".join(found)], index)

    def add(self, part: str, heading: str, paragraphs: list[str], index: int) -> None:
        said = tuple(self._sentences(paragraphs, index))
        if not said:
            return
        heading = heading_text(heading)
        if heading and load_voice().spoken(heading) is None:
            heading = ""  # 各位代表！
        self.points.append(GivenPoint(part, heading, said, self.order + len(self.points)))

    def _sentences(self, paragraphs: list[str], index: int) -> Iterator[GivenSentence]:
        voice = load_voice()
        for offset, paragraph in enumerate(paragraphs):
            for sentence in sentences(paragraph):
                text = voice.spoken(_ENUMERATOR.sub("", sentence.strip()))
                if text:
                    yield GivenSentence(text, self.file, self.title, index + offset)


def heading_text(heading: str) -> str:
    """A material heading as a draft's sub-point heading: no number, no full stop."""
    text = _ENUMERATOR.sub("", heading.strip()).rstrip("。；：:")
    return text.strip()
