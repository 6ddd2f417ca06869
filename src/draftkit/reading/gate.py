"""The quality gate: flag speeches that are shuffled, spun or truncated.

A flagged speech still contributes its headings; ``mine`` keeps its sentences out of the body
text the composer reuses. The cues are in ``data/gate.yaml``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

import yaml

from draftkit.models import Section, Speech
from draftkit.resources import data_file

_ENDS = ("。", "！", "？", "”", "…", "；", "：")


@cache
def gate_cues() -> dict[str, Any]:
    return yaml.safe_load(data_file("gate.yaml").read_text(encoding="utf-8"))


def body_paragraphs(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for section in sections:
        out.extend(section.paragraphs)
        out.extend(body_paragraphs(section.children))
    return out


def is_shuffled(speech: Speech) -> bool:
    """Many paragraphs ending mid-sentence ("，") betray shuffled sentence order."""
    paragraphs = [p for p in body_paragraphs(speech.sections) + list(speech.opening) if len(p) > 8]
    if len(paragraphs) < 5:
        return False
    open_ended = sum(1 for p in paragraphs if not p.endswith(_ENDS))
    return open_ended / len(paragraphs) > float(gate_cues()["shuffled_share"])


def spun_words(speech: Speech) -> list[str]:
    """The spinner substitutions found in a speech."""
    text = "\n".join(body_paragraphs(speech.sections) + list(speech.opening + speech.closing))
    return sorted(word for word in gate_cues()["spun"] if word in text)


def is_truncated(speech: Speech) -> bool:
    """The text stops mid-sentence, or mid-list (a last section with a lone sub-point).

    Collections of excerpts often end a speech without its closing; that alone is not taken
    as truncation.
    """
    if not speech.sections:
        return True
    last = (speech.closing or tuple(body_paragraphs(speech.sections[-1:])) or ("",))[-1]
    if not last.endswith(_ENDS + ("!",)):
        return True
    tail = speech.sections[-1]
    return not speech.closing and len(tail.children) == 1 and len(speech.sections) > 1


def gate_speech(speech: Speech) -> Speech:
    """The speech with ``shuffled`` / ``spun`` / ``truncated`` added to its flags."""
    flags = list(speech.flags)
    if is_shuffled(speech):
        flags.append("shuffled")
    if len(spun_words(speech)) >= int(gate_cues()["spun_min"]):
        flags.append("spun")
    if is_truncated(speech):
        flags.append("truncated")
    return replace(speech, flags=tuple(dict.fromkeys(flags)))
