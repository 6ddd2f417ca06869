"""The user's own material (材料) for one draft: a work summary, a plan, a superior's notice.

A material file is read, cleaned, parsed and classified like a corpus document, but it lends
this draft only. Its points are sorted by what a speech does with them:

* 成绩: achievements with their figures, for the review;
* 问题: problems, shortcomings, gaps, for the review's last sub-point;
* 任务: the plan's tasks, in their order, for the requirements;
* 保障: how the work is led and checked, for the safeguards;
* 形势: the situation and the overall requirement, for the case for the work;
* 上级要求: a superior's notice, quoted as such;
* 学习: what a training class will study, from its notice.

A superior's notice lends its aims to be quoted, its tasks and rules where the unit's own
material has none, and leaves out its logistics (时间, 地点, 报名).

Its facts are the user's own: every figure, name, place and date stays as written. Only the
voice changes (a report's 我们将… is a speaker's 要…), and sentences addressed to a congress
(请予审议, 特此报告) are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from draftkit.bank.voice import load_voice
from draftkit.compose.given_facts import material_answers, signed_on, signer_of
from draftkit.errors import AnswersError, CorpusError
from draftkit.models import HAN, MATERIAL_PARTS, Section, Speech
from draftkit.reading.corpus import display, read_document
from draftkit.reading.numbering import ENUMERATOR
from draftkit.reading.segment import sentences

# What a file is, from its title or name: a superior's notice is quoted, a plan gives the tasks.
_NOTICE = re.compile(r"通知|意见|决定|指示|批示|纪要|实施方案|工作方案")
_PLAN = re.compile(r"要点|计划|打算|安排|思路|规划")
# Headings that say which part a section is, whatever the classifier made of its body.
_PROBLEM_HEADING = re.compile(r"问题|不足|短板|差距|薄弱|困难|挑战")
_TASK_HEADING = re.compile(
    r"下一步|打算|计划|思路|安排|重点工作|主要任务|重点任务|工作要点|目标任务"
)
_DONE_HEADING = re.compile(
    r"工作(?:情况|成效|成绩|进展|回顾|总结|举措)|主要工作|完成情况|主要成效|成绩|成效|"
    r"主要做法|主要措施|基本情况|开展情况"
)
_SAFEGUARD_HEADING = re.compile(r"保障|组织领导|自身建设|工作要求|落实")
_SITUATION_HEADING = re.compile(r"形势|总体要求|指导思想|目标|意义|认识")
# Where a paragraph lists its tasks: 一是…二是… (or 一要…).
_ITEMS = re.compile(r"[一二三四五六七八九十](?:是|要)(?=[\u4e00-\u9fff])")
# A notice's sections: where and when (left out), what a class will study, its tasks, its rules.
_LOGISTICS = re.compile(r"时间|地点|对象|报名|联系|食宿|费用|报到|名额|附件|安排")
_CONTENT_HEADING = re.compile(r"培训内容|学习内容|课程|教学内容")
_NOTICE_TASK = re.compile(r"任务|重点|举措|措施")
_NOTICE_RULES = re.compile(r"要求|纪律|保障|组织|领导|督")
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
_NUMBER = re.compile(
    r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[．.、]|（\d+）)"
)
# Who issued a notice: the bodies its title names before 关于, each as a speaker names it
# (中共青川县委办公室 → 县委办公室, 临江市人民政府 → 市政府).
_ISSUER = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff]{0,8}?(省|市|县|区|州|旗)(委|人民政府|政府|人大常委会|政协)"
    r"([\u4e00-\u9fff]{0,8})$"
)
_BODY = re.compile(r"(?:办公厅|办公室|委员会|[厅局委办部])$")
_LEAD_MAX = 40
# A line that signs a document off: a body's name or a date, with no sentence mark.
_SIGNATURE = re.compile(
    r"[\u4e00-\u9fff（）()]{0,40}?(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九十]{4}年.{1,6}日)?"
)
# A plan's note of who leads a task, which a speaker does not read out.
_LEAD_UNIT_NOTE = re.compile(r"[（(](?:牵头|责任|配合|完成时限|时间)[^（）()]*[）)]")
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
    superior: bool = False  # from a superior's notice: the unit's own material comes first

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
    signer: str = ""  # the body that signed it, from its last lines
    signed: dt.date | None = None  # the date it was signed
    text: str = field(default="", repr=False)


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

    def answers(self) -> dict[str, str]:
        """The fill-in fields the material answers (``data/material_facts.yaml``)."""
        signer = next((f.signer for f in self.files if f.kind == "上级文件" and f.signer), "")
        plan = next((f.title for f in self.files if f.kind == "工作要点"), "")
        texts = [f.text for f in self.files]
        return material_answers(texts, {"signer": signer, "plan": plan.strip("《》")})

    def document(self, joiner: str = "") -> str:
        """The superior's notice as a speaker cites it, or "".

        市政府办公室《关于…的通知》; with ``joiner`` "印发的", 市政府办公室印发的《关于…的通知》.
        """
        title = next((f.title for f in self.files if f.kind == "上级文件"), "").strip("《》")
        if not title:
            return ""
        if "关于" in title:  # the issuer is named apart; the title is cited from 关于 on
            title = "关于" + title.split("关于", 1)[1]
        issuer = self.issuer
        return f"{issuer}{joiner if issuer else ''}《{title}》"


def read_material(paths: Iterable[str | Path]) -> Given:
    """Read each material file; an unreadable one is an error naming it (nothing is guessed)."""
    # Imported here: cleaning and classifying cost every draft ~25 ms of imports, and only a
    # draft with material needs them.
    from draftkit.reading.understand import understand_document

    files: list[MaterialFile] = []
    points: list[GivenPoint] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise AnswersError(
                "找不到材料文件", path=display(path), field="material", hint="检查文件名和路径"
            )
        try:
            document = read_document(path)
            speeches = understand_document(document)
        except CorpusError as exc:
            raise AnswersError(f"读不了这份材料：{exc.message}", path=display(path)) from None
        if not speeches:
            raise AnswersError(
                "这份材料里没有读出正文", path=display(path), hint="材料应为 .docx、.txt 或 .md"
            )
        found, info = material_points(speeches, display(path), start=len(points))
        points.extend(found)
        text = document.text
        files.append(replace(info, signer=signer_of(text), signed=signed_on(text), text=text))
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
    counts = tuple((part, sum(1 for p in points if p.part == part)) for part in MATERIAL_PARTS)
    issuer = issuer_of(title) if kind == "上级文件" else ""
    return points, MaterialFile(name, title, kind, issuer, tuple(c for c in counts if c[1]))


def material_kind(title: str) -> str:
    if _NOTICE.search(title):
        return "上级文件"
    if _PLAN.search(title):
        return "工作要点"
    return "工作总结"


def issuer_of(text: str) -> str:
    """The bodies that issued a notice, as a speaker names them, or "" when the title names none."""
    if "关于" not in text:
        return ""
    before = text.split("关于", 1)[0]
    names = []
    for token in re.split(r"[\s、，,]+", before.strip()):
        m = _ISSUER.match(token)
        if m:
            body = "政府" if m.group(2) == "人民政府" else m.group(2)
            names.append(m.group(1) + body + m.group(3))
        elif token == "国务院" or token.startswith("国务院办公厅"):
            names.append(token)
        elif _BODY.search(token) and 3 <= len(token) <= 20:
            names.append(token)
    return "、".join(dict.fromkeys(names))


def _part(section: Section, kind: str, above: str | None) -> str:
    """Which part of a speech a section of the material feeds."""
    heading = section.heading
    if kind == "上级文件":
        return _notice_part(heading, above)
    if _PROBLEM_HEADING.search(heading) and not _TASK_HEADING.search(heading):
        return "问题"
    if section.role == "认识" and _SITUATION_HEADING.search(heading) and above is None:
        return "形势"
    if _TASK_HEADING.search(heading):
        return "任务"
    if _DONE_HEADING.search(heading) and above in (None, "成绩"):
        return "成绩"
    if above is not None:
        if above == "任务" and section.role == "保障" and _SAFEGUARD_HEADING.search(heading):
            return "保障"  # a report's 政府自身建设 closes its tasks
        return above
    if _SAFEGUARD_HEADING.search(heading) and section.role in ("保障", "unknown"):
        return "保障"
    if _SITUATION_HEADING.search(heading) and section.role in ("认识", "unknown"):
        return "形势"
    by_role = {"回顾": "成绩", "认识": "形势", "要求": "任务", "保障": "保障"}
    if section.role in by_role:
        return by_role[section.role]
    return "任务" if kind == "工作要点" else "成绩"


def _notice_part(heading: str, above: str | None) -> str:
    """A notice's section: its aims are quoted, its tasks and rules deployed, its logistics left."""
    if _LOGISTICS.search(heading):
        return "事务"
    if above is not None and above != "上级要求":
        return above  # an item of a list keeps its section's part
    if _SITUATION_HEADING.search(heading):
        return "上级要求"  # 总体要求, 指导思想, 目标: what the notice asks, to be quoted
    if _CONTENT_HEADING.search(heading):
        return "学习"
    if _TASK_HEADING.search(heading) or _NOTICE_TASK.search(heading):
        return "任务"
    if _NOTICE_RULES.search(heading):
        return "保障"
    return above or "上级要求"


class _Maker:
    """Collects the points of one speech of the material."""

    def __init__(self, file: str, title: str, kind: str, order: int) -> None:
        self.file = file
        self.title = title
        self.kind = kind
        self.order = order
        self.points: list[GivenPoint] = []

    def section(self, section: Section, part: str) -> None:
        if part == "事务":
            return  # a notice's time, place and sign-up: nothing a speech says
        paragraphs = list(section.paragraphs)
        if section.level >= 2 and not paragraphs and not section.children:
            # An item of a list (（三）数据分类分级实务；) is a heading with nothing under it.
            item = section.heading.rstrip("；;。，")
            self.add(part, "", [item + "；"], section.index)
            return
        start = 1
        if section.level >= 2 and paragraphs and not section.children:
            # A sub-point heading and the paragraphs that develop it make one point, up to a
            # paragraph that leaves it (the problems, or a word on the whole period).
            own = 1
            while own < len(paragraphs) and not _LEAVES_POINT.search(paragraphs[own]):
                own += 1
            if part == "问题":  # 一是…，… read as a heading: a problem is said, not headed
                number = section.number if section.number.endswith("是") else ""
                first = paragraphs[0]
                if ENUMERATOR.sub("", first).startswith(section.heading.rstrip("，；。")):
                    number = lead = ""  # the paragraph restates its heading in full
                else:
                    lead = section.heading
                joined = [number + lead + first, *paragraphs[1:own]]
                self.add(part, "", joined, section.index)
            else:
                self.add(part, section.heading, paragraphs[:own], section.index + 1)
            paragraphs, start = paragraphs[own:], own + 1
        for offset, paragraph in enumerate(paragraphs, start=start):
            self.paragraph(paragraph, part, section.index + offset)
        for child in section.children:
            self.section(child, _part(child, self.kind, part))

    def paragraph(self, paragraph: str, part: str, index: int) -> None:
        if part in ("成绩", "形势") and _PROBLEM_PARAGRAPH.search(paragraph):
            part = "问题"
        items = _ITEMS.split(paragraph) if part in ("任务", "保障") else []
        if len(items) >= 3:  # 重点做好…：一是…。二是…。 — each item is a task
            if HAN.search(items[0]):  # what comes before 一是: the paragraph's own lead
                self.add(part, "", [items[0]], index)
            for item in items[1:]:
                head, _, rest = item.partition("，")
                lead = head if 4 <= len(head) <= _LEAD_MAX and rest else ""
                self.add(part, lead, [rest if lead else item], index)
            return
        found = sentences(paragraph)
        lead = ""
        first = ENUMERATOR.sub("", found[0]).rstrip("。") if found else ""
        if len(found) >= 2 and len(first) <= _LEAD_MAX and "，" not in first[:6] and part != "问题":
            lead, found = found[0], found[1:]
        self.add(part, lead, ["".join(found)], index)

    def add(self, part: str, heading: str, paragraphs: list[str], index: int) -> None:
        heading = heading_text(heading)
        said = tuple(self._sentences(paragraphs, index))
        if said and heading and ENUMERATOR.sub("", said[0].text).rstrip("。；") == heading:
            said = said[1:]  # the heading repeated as the paragraph's first sentence
        if not said:
            return
        if heading and load_voice().spoken(heading) is None:
            heading = ""  # 各位代表！
        order = self.order + len(self.points)
        superior = self.kind == "上级文件"
        self.points.append(GivenPoint(part, heading, said, order, superior))

    def _sentences(self, paragraphs: list[str], index: int) -> Iterator[GivenSentence]:
        voice = load_voice()
        for offset, paragraph in enumerate(paragraphs):
            # A paragraph's own number goes (the draft numbers its own); 一是…二是… stay.
            paragraph = _NUMBER.sub("", _LEAD_UNIT_NOTE.sub("", paragraph).strip())
            for sentence in sentences(paragraph):
                if _SIGNATURE.fullmatch(sentence.strip()):
                    continue  # the issuing body or the date under the text, not a sentence
                text = voice.spoken(sentence.strip())
                if text:
                    yield GivenSentence(text, self.file, self.title, index + offset)


def heading_text(heading: str) -> str:
    """A material heading as a draft's sub-point heading: no number, no full stop."""
    text = ENUMERATOR.sub("", heading.strip()).rstrip("。；：:")
    return text.strip()
