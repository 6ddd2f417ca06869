"""Whether a text names the draft's topic: as its own, at all, or as what a point is about.

A topic is named by its names (``material._names``: the topic, its telling parts, its short
name, the user's terms). A name counts where it is written, not where its characters run across
two words (民政 in 人民政协).
"""

from __future__ import annotations

import re

from draftkit.models import Entry

# Where a short topic name's characters run across two words without naming it: 民政 in 人民
# + 政府, 人民 + 政协 and 移民 + 政策 (a 政协 speech's 民主监督 is no 民政 point), 住房 in 稳住
# + 房地产 (no 住房公积金 point).
_HOSTS = re.compile(r"(?<=[人居移公国农村市])民政(?=[府协权策治])|住房(?=地产)")


def unhosted(text: str) -> str:
    return _HOSTS.sub("□", text) if "民政" in text or "住房" in text else text


def names_first(clause: str, names: list[str]) -> bool:
    """Whether a clause names the topic as its own, not as one item of a list."""
    if "{{" in clause:
        return False
    clause = unhosted(clause)
    for name in names:
        at = clause.find(name)
        if (
            at >= 0
            and clause[at - 1 : at] != "、"
            and clause[at + len(name) : at + len(name) + 1] != "、"
        ):
            return True
    return False


def names_it(text: str, names: list[str]) -> bool:
    """Whether a point names the topic at all.

    The profile's words alone make a neighbour, not the topic's own: 农村改革 points share
    乡村人才振兴's rural words, not its 人才.
    """
    text = unhosted(text)
    return any(n in text for n in names)


def central(entry: Entry, names: list[str]) -> bool:
    """Whether a point is about the topic: it leads with one of its names or names it twice.

    One that names it once, deep in a list of other work (统计 in 碳排放统计核算, 生态环境
    beside 营商环境), is not.
    """
    text = entry.text + "".join(entry.body)
    lead = unhosted(entry.text)
    return any(n in lead for n in names) or times_named(text, names) >= 2


def times_named(text: str, names: list[str]) -> int:
    """How many times ``text`` names the topic: 现代物流 once, not once for 物流 as well."""
    if not names:
        return 0
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return len(re.findall(pattern, unhosted(text)))
