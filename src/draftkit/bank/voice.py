"""A report's voice → a speaker's voice (``data/voice.yaml``).

Reports say 我们将… to a congress; a speech says 要… to its audience. Sentences that belong to a
congress alone (各位代表, 请予审议) are never reused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import yaml

from draftkit.reading.patterns import any_of
from draftkit.resources import data_file


@dataclass(frozen=True, slots=True)
class Voice:
    """The compiled rules of ``data/voice.yaml``."""

    congress_only: re.Pattern[str]
    document_only: re.Pattern[str]
    beyond_local: re.Pattern[str]
    openers: tuple[tuple[re.Pattern[str], str], ...]
    inline: tuple[tuple[re.Pattern[str], str], ...]
    # Whether any opener, any inline rewrite matches: most sentences need none, and a rewrite
    # can only follow a match in the sentence as it was (the first one changes it).
    any_opener: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    any_inline: Callable[[str], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "any_opener", any_of([p for p, _ in self.openers]))
        object.__setattr__(self, "any_inline", any_of([p for p, _ in self.inline]))

    def speech(self, sentence: str) -> str | None:
        """The sentence as a speaker would say it, or None when only a congress could hear it."""
        if self.beyond_local.search(sentence):
            return None
        return self.spoken(sentence)

    def spoken(self, sentence: str) -> str | None:
        """The sentence in a speaker's voice; None for a congress's or a document's own words.

        A congress's: 请予审议; a document's: 特此通知.

        Unlike ``speech`` it keeps what belongs to one level or moment: the user's own
        material speaks of the user's own level.
        """
        if self.congress_only.search(sentence) or self.document_only.search(sentence):
            return None
        if self.any_opener(sentence):
            for pattern, repl in self.openers:
                new = pattern.sub(repl, sentence, count=1)
                if new != sentence:
                    sentence = new
                    break
        if self.any_inline(sentence):
            for pattern, repl in self.inline:
                sentence = pattern.sub(repl, sentence)
        return sentence


@cache
def load_voice() -> Voice:
    raw = yaml.safe_load(data_file("voice.yaml").read_text(encoding="utf-8"))
    return Voice(
        re.compile("|".join(f"(?:{p})" for p in raw["congress_only"])),
        re.compile("|".join(f"(?:{p})" for p in raw.get("document_only") or ["(?!x)x"])),
        re.compile("|".join(f"(?:{p})" for p in raw.get("beyond_a_local_speaker") or ["(?!x)x"])),
        tuple((re.compile(p), r) for p, r in raw["openers"]),
        tuple((re.compile(p), r) for p, r in raw["inline"]),
    )


def lead_as_speech(lead: str) -> str:
    """A bare task lead ("加快建设现代化产业体系。") as a speaker says it ("要加快…")."""
    if re.match(r"^(要|必须|一定|务必|各级|我们|全\{\{)", lead):
        return lead
    return "要" + lead
