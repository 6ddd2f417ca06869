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
from dataclasses import dataclass, field
from functools import cache

import yaml

from draftkit.models import HAN
from draftkit.reading.patterns import Literals
from draftkit.reading.segment import tagged
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
# A figure with a unit in letters (55GWh, 160Eflops, 4000P of computing power); "5G" and the
# like are names, not figures.
_LATIN_UNIT = re.compile(rf"(?<![A-Za-z\d.]){_RANGE}\s*(?=[A-Za-z]{{2,}}|P(?![A-Za-z\d]))")
# "甲、乙、丙等重大项目": a list of named items before a category noun.
# An item holds no 、 of its own: where it could, a long list that ends otherwise (…、宗教、公益
# 慈善等工作) was split every possible way before failing, for minutes.
_NAMED_LIST = re.compile(
    r"(?:(?<=[，。；：、])|^)(?:开工建设|建成投运|推动|加快|建设|实施|推进|开工|建成|引进|落地|举办|办好)?"
    r"([^，。；：“”、]{2,24}(?:、[^，。；：“”、]{2,24}){1,})等"
    r"(?=(?:一批|重大|重点|标志性)?(?:项目|工程|平台|园区|企业|央企|国企|活动|赛事|展会|会议))"
)


def _named_list(found: re.Match[str], text: str) -> str:
    """A list of named projects or enterprises as one field: 【待填：项目名称】等重大项目."""
    after = text[found.end() : found.end() + 4]
    label = "单位名称" if re.match(r"(?:一批|重点)?(?:企业|央企|国企)", after) else "项目名称"
    return found.group(0).replace(found.group(1), field_slot(label))


# "数字政府2.0", "工业4.0": a version is part of a name, not a figure to supply.
_VERSION = re.compile(
    r"(?<=[\u4e00-\u9fffA-Za-z])(?<![到为至达是超近约比])\d\.0(?![\d.%％]|\s*[万亿千百个元倍家项条])"
)
_KEPT = "\ue000"  # stands for a version while figures are taken out
QUOTED = re.compile(r"“([^”]{1,16})”")
# The source's own level word (全省, 我市, 本县): in reusable text it becomes 全{{ scope }}.
SCOPE_WORDS = re.compile(r"(全|我|本)([省市县区州])(?![场长级份委直属民域内外容])")
# 省属企业 in a province's report is the draft's own level's enterprises (市属企业 in a city's),
# and 民营经济强省 / 教育强省 the draft's own level's aim.
SCOPE_OWNED = re.compile(r"[省市](?=属(?:国有)?企业|属国企)|(?<=[强大])省(?![会委级内外份长区])")
# A named company or group ("海螺集团", "省文旅投控集团"); 企业集团 and the like name no one.
_COMPANY = re.compile(
    r"(?<![\u4e00-\u9fff])(?:省|市)?[\u4e00-\u9fff]{2,6}(?:集团|公司)"
    r"|(?<=[，、。；与和同])[\u4e00-\u9fff]{2,6}(?:集团|公司)"
)
_GENERIC_COMPANY = re.compile(
    r"(?:企业|龙头|国有|平台|融资|投资|控股|上市|大型|中小|骨干|民营|外资|科技型|链主|各类|一批)"
    r"(?:企业)?(?:集团|公司)$"
)
_FIELD = re.compile(r"\{\{.*?\}\}")
_DIGIT = re.compile(r"\d")

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
    short_names: frozenset[str] = frozenset()
    # The same names, to ask cheaply whether a sentence holds any before running the pattern.
    names: Literals = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", Literals(frozenset(self.label_of)))

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
    short = frozenset(str(raw.get("short_names") or ""))
    return Places(pattern, label_of, dict(raw.get("abbreviations") or {}), short)


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

    if "等" in text and "、" in text:
        text = _NAMED_LIST.sub(lambda m: _named_list(m, text), text)
    fields += text.count("项目名称") + text.count("单位名称")
    if "“" in text:
        text = _quoted(text, context, put("名称"))
    versions: list[str] = []
    if _DIGIT.search(text):  # every figure below has a digit; most sentences have none
        versions = _VERSION.findall(text)
        text = _VERSION.sub(_KEPT, text)
        text = _FULL_DATE.sub(put("日期"), text)
        text = _YEAR_SPAN.sub(lambda m: put("起止年份")(m) + "年", text)
        text = _YEAR.sub(lambda m: _year(m, context, put), text)
        text = _MONTH.sub(put("月份"), text)
        text = _PERCENT.sub(put("百分比"), text)
        text = _POINTS.sub(put("数值"), text)
        text = _MONEY.sub(put("金额"), text)
        text = _LATIN_UNIT.sub(put("数量"), text)
        text = _COUNT.sub(put("数量"), text)
    text = _places(text, context, put)
    if fields and _only_facts(text, fields):
        return None
    if fields:
        text = _ADJACENT.sub(r"\1", text)
    for version in versions:
        text = text.replace(_KEPT, version, 1)
    return text


# Two fields of one kind side by side are one fact to supply.
_ADJACENT = re.compile(r"(\{\{ fill\('[^']+'\) \}\})(?:\1)+")


# Words that may begin with a place name and still be a place (大同市, 浙江省), not an idiom or
# a coinage (文山会海).
_PLACE_WORD_TAGS = frozenset({"n", "ns", "nt"})


def _places(text: str, context: FactContext, put) -> str:  # type: ignore[no-untyped-def]
    """Each place name as its group's field, where it stands as a word of its own.

    A name's characters can sit inside other words (衡水 in 均衡水平, 大同 in 大同小异): a match
    counts only where the segmenter starts a word with it, and ends one with it or starts a noun
    with it (大同市, 浙江省), never an idiom.
    """
    if "集团" in text or "公司" in text:
        text = _COMPANY.sub(
            lambda m: m.group(0) if _GENERIC_COMPANY.search(m.group(0)) else put("单位名称")(m),
            text,
        )
    places = load_places()
    text = _short_names(text, places, context, put)
    if not places.names.any_in(text):
        return text
    tag_at: dict[int, str] = {}
    ends: set[int] = set()
    start = 0
    for word, tag in tagged(text):
        tag_at[start] = tag
        start += len(word)
        ends.add(start)

    def one(m: re.Match[str]) -> str:
        tag = tag_at.get(m.start())
        if tag is None or (m.end() not in ends and tag not in _PLACE_WORD_TAGS):
            return m.group(0)
        return str(put(places.label_of[m.group(0)])(m))

    return places.pattern.sub(one, text)


# A short word that may carry a province's one-character name: its tag and its longest length.
_SHORT_TAGS = ("j", "ns")
_SHORT_MAX = 4


def _short_names(text: str, places: Places, context: FactContext, put) -> str:  # type: ignore[no-untyped-def]
    """Words built on a province's one-character name (湘商, 皖北, 沪滇) as fields.

    In the source's own province any short noun built on its name counts (浙商 in 浙江's report).
    """
    if places.short_names.isdisjoint(text):
        return text
    own = places.short_names & set(places.abbreviations.get(context.province, ""))
    out = []
    for word, tag in tagged(text):
        named = not places.short_names.isdisjoint(word) and (
            tag.startswith(_SHORT_TAGS) or (tag.startswith("n") and not own.isdisjoint(word))
        )
        if len(word) <= _SHORT_MAX and named and places.pattern.fullmatch(word) is None:
            only_names = all(ch in places.short_names for ch in word)
            word = put("地名" if only_names or tag.startswith("ns") else "名称")(None)
        out.append(word)
    return "".join(out)


def _quoted(text: str, context: FactContext, repl) -> str:  # type: ignore[no-untyped-def]
    """A quoted coinage of this source alone, or one built on its province's name, is a field."""
    own = context.province and load_places().abbreviations.get(context.province, "")

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner in context.local_quotes or (own and any(ch in inner for ch in own)):
            return repl(m)
        return m.group(0)

    return QUOTED.sub(one, text)


def _year(m: re.Match[str], context: FactContext, put) -> str:  # type: ignore[no-untyped-def]
    year = int(m.group(1))
    if context.year is not None and year == context.year:
        return "{{ plan_year }}"
    if context.year is not None and year == context.year - 1:
        return "{{ review_year }}"
    return str(put("年份")(m))


def _only_facts(text: str, fields: int) -> bool:
    """Whether what is left around the fields says too little to be worth a writer's time."""
    words = len(HAN.findall(_FIELD.sub("", text)))
    return words < 8 or words < 4 * fields


def slot_scope(text: str) -> str:
    """A source's level words turned into the draft's own level.

    全省/我市/本县/省属企业 → 全{{ scope }}/我{{ scope }}/本{{ scope }}/{{ scope }}属企业.
    """
    text = SCOPE_OWNED.sub("{{ scope }}", text)
    return SCOPE_WORDS.sub(lambda m: f"{m.group(1)}{{{{ scope }}}}", text)


def count_fields(text: str) -> int:
    return text.count("{{ fill(")
