"""What a wizard run holds between its steps: the answers so far and the ranking under way."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from draftkit.bank.store import Bank
from draftkit.compose.answers import Answers


@dataclass
class Session:
    """What the user has said so far: raw answers as typed, and the checked ``Answers``.

    ``answers`` carries the outline's heading choices as they are made, so a Ctrl-C after the
    outline can still save every one of them. ``bank``, when given, lets the session rank the
    bank's points for the topic while the user answers the questions after it.
    """

    raw: dict[str, Any]
    answers: Answers | None = None
    bank: Bank | None = None
    ranking: threading.Thread | None = None
