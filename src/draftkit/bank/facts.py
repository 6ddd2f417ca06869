"""Source facts → typed fill-in fields, so a sentence keeps its shape and the writer its facts.

"全年新签约亿元以上项目120个，到位资金860亿元" becomes
"全年新签约亿元以上项目{{ fill('数量') }}个，到位资金{{ fill('金额') }}": the figures are the
source's, the sentence is anyone's. Years the source counts from its own date become
``{{ review_year }}`` (the year it reviews) and ``{{ plan_year }}`` (the year it plans), so a
draft gives them the years of its own meeting. Places, regional strategies, named project lists
and a province's own coinages become fields too (``data/places.yaml``).

A sentence that is nothing but facts once they are taken out is not worth keeping: ``fill_facts``
returns ``None`` for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from draftkit.resources import data_file

_NUM = r"\d+(?:[.,，]\d+)*"
_RANGE = rf"{_NUM}(?:\s*[—\-~～至到]\s*{_NUM})?"
_MAGNITUDE = r"(?:万亿|亿|千万|百万|万|千)?"

_FULL_DATE = re.compile(rf"(?:{_NUM}年)?{_NUM}月{_NUM}日")
_MONTH = re.compile(rf"(?<![\d.]){_NUM}(?=月(?:份|底|末|初|中旬|上旬|下旬|前|起|以来|至|到)?)")
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[—\-~～至到]\s*((?:19|20)\d{2})年")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_PERCENT = re.compile(rf"{_NUM}(?:\s*[%％])?\s*[—\-~～至到]\s*{_NUM}\s*[%％]|{_NUM}\s*[%％]")
_POINTS = re.compile(rf"{_RANGE}(?=个百分点)")
_MONEY = re.compile(rf"{_RANGE}\s*{_MAGNITUDE}\s*(?:元|美元|欧元)")
_COUNT = re.compile(rf"(?<![A-Za-z\d.]){_RANGE}\s*{_MAGNITUDE}(?![A-Za-z\d])")
# A figure with a unit in letters (55GWh, 160Eflops); "5G" and the like are names, not figures.
_LATIN_UNIT = re.compile(rf"(?<![A-Za-z\d.]){_RANGE}\s*(?=[A-Za-z]{{2,}})")
# "甲、乙、丙等重大项目": a list of named items before a category noun.
_NAMED_LIST = re.compile(
    r"(?:(?<=[，。；：、])|^)(?:开工建设|建成投运|推动|加快|建设|实施|推进|开工|建成|引进|落地|举办|办好)?"
    r"([^，。；：“”]{2,24}(?:、[^，。；：“”]{2,24}){1,})等"
    r"(?=(?:一批|重大|重点|标志性)?(?:项目|工程|平台|园区|企业|活动|赛事|展会|会议))"
)
_QUOTED = re.compile(r"“([^”]{1,16})”")
_FIELD = re.compile(r"\{\{.*?\}\}")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# "{{ fill('数量') }}" — the slot the sandbox renders as 【待填：数量】.
FILL = "{{{{ fill('{0}') }}}}"


def field_slot(label: str) -> str:
    return FILL.format(label)


@dataclass(frozen=True, slots=True)
class Places:
    """The place names and regional strategies of ``data/places.yaml``, ready to match."""

    pattern: re.Pattern[str]
    label_of: dict[str, str]
    abbreviations: dict[str, str]

    def province_of(self, text: str) -> str:
        """The province a source belongs to, from its title or file name ('' when national)."""
        for name in self.abbreviations:
            if name in text:
                return name
        return ""


@cache
def load_places() -> Places:
    raw = yaml.safe_load(data_file("places.yaml").read_text(encoding="utf-8"))
    label_of = {name: label for label, names in raw["groups"].items() for name in names}
    names = sorted(label_of, key=lambda n: (-len(n), n))
    pattern = re.compile("|".join(re.escape(n) for n in names))
    return Places(pattern, label_of, dict(raw.get("abbreviations") or {}))


@dataclass(frozen=True, slots=True)
class FactContext:
    """What fact-filling needs to know of one source."""

    year: int | None = None  # the year the source was delivered in
    province: str = ""  # the province it speaks for ('' when national or unknown)
    local_quotes: frozenset[str] = frozenset()  # quoted coinages no other source uses


def fill_facts(text: str, context: FactContext) -> str | None:
    """``text`` with its facts as typed fields, or None when nothing but facts is left."""
    fields = 0

    def put(label: str):  # type: ignore[no-untyped-def]
        def repl(_m: re.Match[str]) -> str:
            nonlocal fields
            fields += 1
            return field_slot(label)

        return repl

    text = _NAMED_LIST.sub(lambda m: m.group(0).replace(m.group(1), field_slot("项目名称")), text)
    fields += text.count("项目名称")
    text = _quoted(text, context, put("名称"))
    text = _FULL_DATE.sub(put("日期"), text)
    text = _YEAR_SPAN.sub(lambda m: put("起止年份")(m) + "年", text)
    text = _YEAR.sub(lambda m: _year(m, context, put), text)
    text = _MONTH.sub(put("月份"), text)
    text = _PERCENT.sub(put("百分比"), text)
    text = _POINTS.sub(put("数值"), text)
    text = _MONEY.sub(put("金额"), text)
    text = _LATIN_UNIT.sub(put("数量"), text)
    text = _COUNT.sub(put("数量"), text)
    places = load_places()
    text = places.pattern.sub(lambda m: put(places.label_of[m.group(0)])(m), text)
    if fields and _only_facts(text, fields):
        return None
    return _ADJACENT.sub(r"\1", text)


# Two fields of one kind side by side are one fact to supply.
_ADJACENT = re.compile(r"(\{\{ fill\('[^']+'\) \}\})(?:\1)+")


def _quoted(text: str, context: FactContext, repl) -> str:  # type: ignore[no-untyped-def]
    """A quoted coinage of this source alone, or one built on its province's name, is a field."""
    own = context.province and load_places().abbreviations.get(context.province, "")

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner in context.local_quotes or (own and any(ch in inner for ch in own)):
            return repl(m)
        return m.group(0)

    return _QUOTED.sub(one, text)


def _year(m: re.Match[str], context: FactContext, put) -> str:  # type: ignore[no-untyped-def]
    year = int(m.group(1))
    if context.year is not None and year == context.year:
        return "{{ plan_year }}"
    if context.year is not None and year == context.year - 1:
        return "{{ review_year }}"
    return str(put("年份")(m))


def _only_facts(text: str, fields: int) -> bool:
    """Whether what is left around the fields says too little to be worth a writer's time."""
    words = len(_HAN.findall(_FIELD.sub("", text)))
    return words < 8 or words < 4 * fields


def count_fields(text: str) -> int:
    return text.count("{{ fill(")
