"""The records that travel between draftkit's stages, all frozen.

corpus -> ``Document`` -> clean -> ``Document`` -> parse -> ``Speech`` (``Section`` tree)
-> classify -> ``Speech`` with roles -> mine -> ``Entry`` -> phrasebank -> compose -> ``Draft``
-> writers (text, Markdown, .docx). An occasion template file becomes a ``Template`` with its
``SectionSpec`` list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Role = Literal["开场", "回顾", "认识", "要求", "保障", "结束", "unknown"]
ROLES: tuple[str, ...] = ("开场", "回顾", "认识", "要求", "保障", "结束", "unknown")
SECTION_ROLES: tuple[str, ...] = ("回顾", "认识", "要求", "保障")

Kind = Literal[
    "heading1",
    "heading2",
    "opening",
    "transition",
    "closing",
    "sentence",
    "parallel",
    "enumeration",
    "idiom",
    "slogan",
    "point",
]
KINDS: tuple[str, ...] = (
    "heading1",
    "heading2",
    "opening",
    "transition",
    "closing",
    "sentence",
    "parallel",
    "enumeration",
    "idiom",
    "slogan",
    "point",
)
# Who a source speaks to: a report to a congress, a speech to its audience.
REGISTERS: tuple[str, ...] = ("report", "speech")

# The parts of a user's own material (材料) a draft section can take: achievements, problems,
# tasks, safeguards, the situation, a superior's requirements, what a class will study.
MATERIAL_PARTS: tuple[str, ...] = ("成绩", "问题", "任务", "保障", "形势", "上级要求", "学习")
# The provenance kind of a draft sentence taken from the user's material.
MATERIAL = "material"

# Flags a document can carry after the quality gate.
FLAGS: tuple[str, ...] = ("shuffled", "spun", "truncated", "flattened", "traditional")

# What a user reads for the machine names above (kinds, flags, the role of an unclassified part).
KIND_NAMES: dict[str, str] = {
    "heading1": "一级标题",
    "heading2": "二级标题",
    "opening": "开头",
    "transition": "过渡句",
    "closing": "结尾",
    "sentence": "句子",
    "parallel": "排比",
    "enumeration": "一是…列举",
    "idiom": "四字格",
    "slogan": "提法",
    "point": "要点",
}
FLAG_NAMES: dict[str, str] = {
    "shuffled": "语序被打乱",
    "spun": "被改写过（洗稿）",
    "truncated": "不完整",
    "flattened": "段落被压成一行",
    "traditional": "繁体",
}
ROLE_NAMES: dict[str, str] = {"unknown": "未定"}


def shown(name: str, names: dict[str, str]) -> str:
    """A kind, flag or role as a user reads it: its Chinese name, or itself when it has none."""
    return names.get(name, name)


@dataclass(frozen=True, slots=True)
class Document:
    """One file's text as read from disk (or one speech split out of it)."""

    source: str
    text: str
    encoding: str = "utf-8"
    title: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what stands under it; ``children`` are the next level down."""

    heading: str
    level: int
    number: str = ""
    paragraphs: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()
    role: str = "unknown"
    reasons: tuple[str, ...] = ()
    index: int = 0  # paragraph index of the heading within its speech
    confidence: float = 0.0  # how sure the role is, 0–1
    recognised: str = ""  # how the heading was recognised (for ``parse --explain``)

    def with_role(self, role: str, reasons: tuple[str, ...]) -> Section:
        return replace(self, role=role, reasons=reasons)


@dataclass(frozen=True, slots=True)
class Speech:
    """One parsed speech: opening, top-level sections, closing."""

    source: str
    title: str
    opening: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    topic: str = ""
    topic_terms: tuple[str, ...] = ()
    year: int | None = None  # the year it was given, from its title, date line or file name


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a bank entry was seen: file, speech title, paragraph index in that speech."""

    file: str
    title: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Entry:
    """One reusable phrase in the bank.

    ``text`` may hold Jinja slots such as ``{{ topic }}``; ``specific`` marks text that still
    names something belonging to one source and must not be reused as is.

    A ``point`` is a lead (``text``) with the sentences that develop it (``body``, in source
    order, each with its paragraph in ``paragraphs``). Its ``themes`` say what the lead is about,
    its ``subjects`` which subject the point belongs to; ``year`` and ``register`` (report or
    speech) come from its source. Source facts in a point are typed fill-in fields
    (``{{ fill('金额') }}``), and years relative to the source are ``{{ review_year }}`` and
    ``{{ plan_year }}``.
    """

    id: str
    kind: str
    role: str
    text: str
    count: int = 1
    doc_freq: int = 1
    keywords: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    specific: bool = False
    origins: tuple[Origin, ...] = ()
    body: tuple[str, ...] = ()
    paragraphs: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    year: int | None = None
    register: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of draft text; ``fill_in`` marks a field the writer must complete."""

    text: str
    fill_in: bool = False


BlockKind = Literal["salutation", "heading1", "heading2", "paragraph", "closing"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """The bank entry a draft sentence came from, and that entry's first source."""

    entry_id: str
    kind: str
    source: str
    title: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a draft. Headings carry their number (``一、``) inside ``spans``."""

    kind: str
    spans: tuple[Span, ...]
    role: str = "unknown"
    provenance: tuple[Provenance, ...] = ()

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def fill_ins(self) -> tuple[str, ...]:
        return tuple(span.text for span in self.spans if span.fill_in)


@dataclass(frozen=True, slots=True)
class Draft:
    """A composed speech, ready for a writer."""

    title: str
    subtitle: str
    byline: str
    date: dt.date
    author: str
    blocks: tuple[Block, ...]
    answers: Mapping[str, object] = field(default_factory=dict)
    target: int = 0  # the length aimed at: the one asked for, else the occasion's

    @property
    def body_length(self) -> int:
        """Chinese characters in the body (salutation to closing), the measure of ``length``."""
        return sum(count_hanzi(block.text) for block in self.blocks)

    @property
    def fill_ins(self) -> tuple[str, ...]:
        return tuple(text for block in self.blocks for text in block.fill_ins)


_NOT_HANZI = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")
# One Chinese character of the common block: a text holds Chinese when it finds one.
HAN = re.compile("[\u4e00-\u9fff]")


def count_hanzi(text: str) -> int:
    """Count CJK unified ideographs: the unit Chinese offices mean by 字数."""
    # What is left when the rest is dropped: a character loop in Python took 40 ms per draft,
    # and listing every character found (findall) 2.5 times as long as this.
    return len(_NOT_HANZI.sub("", text))


FILL_IN_OPEN = "【待填："
FILL_IN_CLOSE = "】"


def fill_in(label: str) -> Span:
    """A visible field for a fact only the writer knows, e.g. ``【待填：会议名称】``."""
    return Span(f"{FILL_IN_OPEN}{label}{FILL_IN_CLOSE}", fill_in=True)


_FILL_SPAN = re.compile(re.escape(FILL_IN_OPEN) + r".*?" + re.escape(FILL_IN_CLOSE))


def spans_of(text: str) -> tuple[Span, ...]:
    """Split rendered text into plain spans and fill-in spans."""
    spans: list[Span] = []
    pos = 0
    for m in _FILL_SPAN.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()]))
        spans.append(Span(m.group(0), fill_in=True))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return tuple(spans)


def entry_id(kind: str, role: str, text: str) -> str:
    """A stable id for a bank entry: the same kind, role and text always give the same id."""
    digest = hashlib.sha1(f"{kind}\x1f{role}\x1f{text}".encode()).hexdigest()[:10]
    return f"{kind[:3]}-{digest}"


# --- occasion templates (loaded and checked by ``templates``) ---------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One top-level section of a speech: its role and how much it holds."""

    role: str
    subpoints: tuple[int, int]
    paragraphs: tuple[int, int]
    weight: float
    headings: tuple[str, ...] = ()  # level-1 headings this occasion suggests, beside the bank's
    material: tuple[str, ...] = ()  # parts of the user's material it takes (成绩, 任务 …)
    problems: bool = True  # a review ends with its problems (not at an awards ceremony)
    bank_headings: bool = True  # the bank's level-1 headings may stand in for ``headings``


@dataclass(frozen=True, slots=True)
class Template:
    """One occasion as loaded from ``templates/<id>.yaml``; every text is a Jinja source."""

    id: str
    name: str
    description: str
    length: int
    audiences: tuple[str, ...]
    variables: dict[str, str] = field(hash=False)
    meeting: str
    titles: tuple[str, ...]
    subtitle: str
    salutations: dict[str, str] = field(hash=False)
    opening: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    closing: tuple[str, ...]
    path: Path

    def salutation_for(self, audience: str) -> str:
        """The salutation source for ``audience``, or the ``default`` one."""
        return self.salutations.get(audience.strip(), self.salutations["default"])

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(section.role for section in self.sections)

    @property
    def shares(self) -> tuple[float, ...]:
        """Section weights scaled to sum to 1: each section's part of the body length."""
        total = sum(section.weight for section in self.sections)
        return tuple(section.weight / total for section in self.sections)

    def where(self, field_name: str) -> str:
        """A label for ``render(..., where=)``, e.g. ``mobilisation.yaml opening[1]``."""
        return f"{self.path.name} {field_name}"

    def strings(self) -> Iterator[tuple[str, str]]:
        """Every rendered source with its field name, variables and meeting first."""
        yield from ((f"variables.{key}", source) for key, source in self.variables.items())
        yield "meeting", self.meeting
        for index, source in enumerate(self.titles):
            yield (f"title[{index}]" if len(self.titles) > 1 else "title"), source
        yield "subtitle", self.subtitle
        yield from ((f"salutations.{key}", source) for key, source in self.salutations.items())
        yield from ((f"opening[{i}]", source) for i, source in enumerate(self.opening))
        yield from ((f"closing[{i}]", source) for i, source in enumerate(self.closing))
        for s, section in enumerate(self.sections):
            for h, source in enumerate(section.headings):
                yield f"sections[{s}].headings[{h}]", source
