"""The raw phrases of one speech, each with where it was found, before slotting and merging.

Level-1 and level-2 headings, opening and closing sentences, the "下面，我讲几点意见" transition,
body sentences by their section's role, parallel groups (排比), inline enumerations (一是…二是…),
四字格 and quoted numbered slogans. The body of a speech whose text cannot be trusted (shuffled,
spun) is left out; its headings are still taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from draftkit.bank.slots import Slotter
from draftkit.models import Origin, Section, Speech
from draftkit.reading.frame import is_salutation, is_transition
from draftkit.reading.segment import sentences

# Body text from these speeches is not offered to the composer (headings still are).
UNTRUSTED_BODY = frozenset({"shuffled", "spun"})

_IDIOM_CLAUSE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{4}(?![\u4e00-\u9fff])")
_SLOGAN = re.compile(
    r"[“《]([^”》]{0,6}?[一二三四五六七八九十两]{1,2}(个|项|大|种|条|不|严禁|必须)[^”》]{0,8})[”》]"
)
_ENUM_INLINE = re.compile(r"([一二三四五六七八九十])(是|要)([^。；]{2,40})[。；]")
_CLAUSE_SPLIT = re.compile(r"[，；、]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw phrase of one speech before slotting and merging."""

    kind: str
    role: str
    text: str
    origin: Origin
    speech_key: str


def speech_candidates(speech: Speech, slotter: Slotter, key: str) -> Iterable[Candidate]:
    """Every raw phrase of one speech (before slotting and merging)."""
    file = Path(speech.source).name

    def cand(kind: str, role: str, text: str, paragraph: int) -> Candidate:
        return Candidate(kind, role, text, Origin(file, speech.title, paragraph), key)

    trusted = not (UNTRUSTED_BODY & set(speech.flags))
    for i, text in enumerate(speech.opening):
        if is_salutation(text):
            continue
        for sentence in sentences(text):
            kind = "transition" if is_transition(sentence) else "opening"
            if kind == "transition" or trusted:
                yield cand(kind, "开场", sentence, i)
    for section in speech.sections:
        yield from _section_candidates(section, cand, trusted)
    base = len(speech.opening) + _count(speech.sections)
    for i, text in enumerate(speech.closing):
        if trusted and not re.match(r"^谢谢", text):
            for sentence in sentences(text):
                yield cand("closing", "结束", sentence, base + i)


def _count(sections: tuple[Section, ...]) -> int:
    return sum(1 + len(s.paragraphs) + _count(s.children) for s in sections)


def _section_candidates(section: Section, cand, trusted: bool) -> Iterable[Candidate]:  # type: ignore[no-untyped-def]
    if section.level == 1:
        yield cand("heading1", section.role, section.heading, section.index)
    elif section.level in (2, 3):
        yield cand("heading2", section.role, section.heading, section.index)
    if trusted:
        for offset, paragraph in enumerate(section.paragraphs):
            yield from _body_candidates(paragraph, section.role, section.index + offset, cand)
    for child in section.children:
        yield from _section_candidates(child, cand, trusted)


def _body_candidates(paragraph: str, role: str, index: int, cand) -> Iterable[Candidate]:  # type: ignore[no-untyped-def]
    for sentence in sentences(paragraph):
        if 12 <= len(sentence) <= 120:
            yield cand("sentence", role, sentence, index)
        group = parallel_group(sentence)
        if group:
            yield cand("parallel", role, group, index)
        for clause in _IDIOM_CLAUSE.findall(sentence):
            yield cand("idiom", role, clause, index)
    heads = _ENUM_INLINE.findall(paragraph)
    if len(heads) >= 3 and [h[0] for h in heads[:3]] == ["一", "二", "三"]:
        text = "；".join(f"{n}{v}{body}" for n, v, body in heads) + "。"
        yield cand("enumeration", role, text, index)
    for m in _SLOGAN.finditer(paragraph):
        yield cand("slogan", role, f"“{m.group(1)}”", index)


def parallel_group(sentence: str) -> str:
    """The longest run of ≥3 clauses of like shape: same first or last character, like length."""
    clauses = [c for c in _CLAUSE_SPLIT.split(sentence.rstrip("。！？；”")) if c]
    best: list[str] = []
    run: list[str] = []
    for clause in clauses:
        if run and _alike(run[-1], clause):
            run.append(clause)
        else:
            run = [clause]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 3 or sum(len(c) for c in best) < 12:
        return ""
    return "，".join(best) + "。"


def _alike(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > max(2, len(a) // 3) or len(a) < 3:
        return False
    return a[0] == b[0] or a[-1] == b[-1] or a[:2] == b[:2]
