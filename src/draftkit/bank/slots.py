"""Turning a phrase of one speech into reusable text, or saying why it cannot be reused.

Redactions become fill-in slots (and a redacted year ``{{ year }}``), the speech's topic becomes
``{{ topic }}`` (``{{ topic_work }}`` where 工作 follows it) and its level word (全州, 我市,
县委) ``{{ scope }}``; anything that still names one source (a place, a person, a unit, a date
or a figure) marks the phrase ``specific`` so the composer never reuses it as is. A quoted
scheme that is the speech's own (“环境创优年”活动) becomes a fill-in field; a phrase that is
nothing but one is kept as written and marked ``specific``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from draftkit.bank.facts import FactContext, fill_quotes, slot_scope
from draftkit.models import HAN
from draftkit.reading.names import NameFinder
from draftkit.reading.segment import words

# Redaction marks as web copies leave them: *, ×, ＊, or a bare X/XX among Chinese characters.
_MARK = r"(?:[*×＊]+|(?<![A-Za-z])[XＸ]{1,4}(?![A-Za-z]))"
_REDACTED_YEAR = re.compile(
    rf"(?:20|二〇)\s?{_MARK}\s?年|20\s?年(?=度)|{_MARK}年(?=度|全)|202[xX]年"
)
_REDACTED_FIGURE = re.compile(rf"{_MARK}(?=[个起人名%％月日亿万元次项家户倍])")
_REDACTED_PERSON = re.compile(
    rf"{_MARK}(?=(同志|书记|厅长|局长|组长|主任|市长|县长|区长|部长|主席|秘书长|副))"
)
_REDACTED_OTHER = re.compile(_MARK)
_MARK_CHAR = re.compile("[*×＊XＸ]")
_EMPTY_DATE = re.compile(r"(?<![\d一二三四五六七八九十])月\d{0,2}日|\d{1,2}月日")
_FIGURE = re.compile(
    r"\d|[一二三四五六七八九十百千两]+(多|余)?(万|亿|个百分点|名|人次|件|户|亩|公里|元)"
)
_PERSON_TITLE = re.compile(
    r"[\u4e00-\u9fff]{1,3}(同志|书记|厅长|局长|市长|县长|主任|部长|省长|州长|区长|乡长|镇长|主席|秘书长)"
)


@dataclass(frozen=True, slots=True)
class Slotter:
    """Turns one speech's text into reusable text, or says why it cannot be reused."""

    topic: str
    terms: tuple[str, ...]
    names: NameFinder
    rare: frozenset[str] = frozenset()
    facts: FactContext = FactContext()  # which quoted schemes are this speech's own

    def slot(self, text: str) -> tuple[str, bool, tuple[str, ...]]:
        """(slotted text, specific?, keywords) for one phrase of this speech."""
        if "年" in text:
            text = _REDACTED_YEAR.sub("{{ year }}年", text)
        redacted_figure = False
        if _MARK_CHAR.search(text):  # no redaction pattern matches without a mark
            redacted_figure = _REDACTED_FIGURE.search(text) is not None  # a count nobody can guess
            text = _REDACTED_PERSON.sub("{{ fill('姓名') }}", text)
            text = _REDACTED_OTHER.sub("{{ fill('地名') }}", text)
        specific = redacted_figure or bool(
            ("月" in text and _EMPTY_DATE.search(text)) or _FIGURE.search(without_slots(text))
        )
        specific = specific or bool(
            _PERSON_TITLE.search(without_slots(text)) and "总书记" not in text
        )
        specific = specific or self.names.has_name(without_slots(text))
        if self.topic and len(self.topic) >= 2:
            text = text.replace(self.topic + "工作", "{{ topic_work }}")
            text = text.replace(self.topic, "{{ topic }}")
        filled = fill_quotes(text, self.facts)
        if filled != text and not HAN.search(without_slots(filled)):
            specific = True  # the speech's own slogan and nothing else: kept, never reused
        else:
            text = filled
        text = slot_scope(text)
        plain = without_slots(text)
        found = [t for t in self.terms if t in plain]
        found += [w for w in words(plain) if w in self.rare]
        if plain.count("“") != plain.count("”") or plain.count("（") != plain.count("）"):
            specific = True  # a fragment cut from inside a quotation or a bracket
        return text, specific, tuple(dict.fromkeys(found))


_SLOT = re.compile(r"\{\{.*?\}\}")
_SLOT_NAME = re.compile(r"\{\{\s*(\w+)")


def without_slots(text: str) -> str:
    """The text with its ``{{ … }}`` slots left out."""
    return _SLOT.sub("", text) if "{{" in text else text


def slot_names(text: str) -> tuple[str, ...]:
    """The names of the slots a text holds (``topic``, ``fill`` …), sorted, each once."""
    return tuple(sorted(set(_SLOT_NAME.findall(text))))
