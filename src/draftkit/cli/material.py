"""The wizard's material question: what may be typed, and what the material was found to hold.

Several files go in one answer, separated by a semicolon (``compose.answers.material_paths``);
each is read once (``material_for`` keeps it for the draft) and listed as the summary lists it.
"""

from __future__ import annotations

from typing import Any

from draftkit.cli import messages as M
from draftkit.cli.console import out, say
from draftkit.cli.report import material_lines
from draftkit.compose.answers import material_paths
from draftkit.compose.given import material_for
from draftkit.errors import DraftkitError


def material_text(value: Any) -> str:
    """An answer's material as the prompt shows it: the files joined by 分号."""
    if isinstance(value, list | tuple):
        return "；".join(str(v) for v in value)
    return str(value or "")


def valid_material(text: str) -> bool | str:
    """Every file named exists and reads as material; the message says which one does not."""
    try:
        material_for(material_paths(text))
    except DraftkitError as exc:
        return f"{exc.path}：{exc.message}" if exc.path else exc.message
    return True


def show_material(text: str) -> None:
    """What each file of the material gave, in the words of the summary after a draft."""
    given = material_for(material_paths(text))
    if given is None:
        return
    for line in material_lines(given):
        say((M.MATERIAL_FOUND, "green"), line, console=out)
