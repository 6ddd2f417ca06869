"""Facts the user's material answers outright: who signed a notice, when, what the plan is called.

A template's fill-in field whose answer stands in the material is filled from it
(``data/material_facts.yaml``): a training notice says 共3天 and who signed it, a unit's plan has a
title to read out. The date a material file was signed is compared with the meeting's: material
dated after the meeting is worth a second look.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import yaml

from draftkit.resources import data_file

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# The last line of a notice names the body that signed it.
_SIGNER = re.compile(
    r"^[\u4e00-\u9fff（）()]{4,40}(?:办公室|办公厅|委员会|人民政府|政府|[局厅委办部]|中心|联合会|工商联)$"
)
_TAIL_LINES = 6


def signer_of(text: str) -> str:
    """The body that signed a document, from its last lines, or ""."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines[-_TAIL_LINES:]):
        if _SIGNER.match(line):
            return line
    return ""


def signed_on(text: str) -> dt.date | None:
    """The date a document was signed: a full date among its last lines, or None."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines[-_TAIL_LINES:]):
        found = _DATE.search(line)
        if found and len(line) <= 16:
            try:
                return dt.date(*(int(g) for g in found.groups()))
            except ValueError:
                return None
    return None


@cache
def _rules() -> dict[str, Any]:
    return yaml.safe_load(data_file("material_facts.yaml").read_text(encoding="utf-8")) or {}


def material_answers(texts: list[str], found: dict[str, str]) -> dict[str, str]:
    """Each fill-in label the material answers: from ``found`` (signer, plan) or its text."""
    answers: dict[str, str] = {}
    for label, rule in _rules().items():
        value = found.get(rule.get("from", ""), "")
        for pattern in rule.get("patterns", []):
            if value:
                break
            hit = next((m for t in texts if (m := re.search(pattern, t))), None)
            value = hit.group("value").strip() if hit else ""
        if value:
            answers[label] = value
    return answers
