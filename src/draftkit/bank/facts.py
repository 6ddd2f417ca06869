"""Source facts → typed fill-in fields, so a sentence keeps its shape and the writer its facts.

"全年新签约亿元以上项目120个，到位资金860亿元" becomes
"全年新签约亿元以上项目{{ fill('数量') }}个，到位资金{{ fill('金额') }}": the figures are the
source's, the sentence is anyone's. Years the source counts from its own date become
``{{ review_year }}`` (the year it reviews) and ``{{ plan_year }}`` (the year it plans), so a
draft gives them the years of its own meeting. Places, regional strategies, named project lists
and a province's own coinages become fields too (``data/places.yaml``); so do its quoted
schemes and the accidents it names, and a clause about one region's past case is left out
(``data/local_terms.yaml``).

A sentence that is nothing but facts once they are taken out is not worth keeping: ``fill_facts``
returns ``None`` for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from draftkit.bank.local_terms import LocalTerms, alternatives, load_local_terms
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
SCOPE_WORDS = re.compile(
    r"(全|我|本)([省市县区州]|[乡镇](?![镇村土亲里本]))(?![场长级份委直属民域内外容])"
)
# 省属企业 in a province's report is the draft's own level's enterprises (市属企业 in a city's,
# 驻区央企 the central ones it hosts),
# and 民营经济强省 / 教育强省 / 交通强区 / 教育强市 the draft's own level's aim (not 增强市场,
# 做强区域); a township's own 乡党委 and 镇政府 are the draft's own level's organs.
SCOPE_OWNED = re.compile(
    r"[省市区](?=属(?:国有)?企业|属国企)|(?<=驻)[省市区](?=央企)|(?<=[强大])省(?![会委级内外份长区])"
    r"|(?<=[\u4e00-\u9fff]{2}强)(?<![加增做坚自富图更最]强)[市区州](?![场域内外级属直委长民政间县])"
    r"|(?<![各县市区乡镇])[乡镇](?=党委|政府|人大)"
)
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
class OwnWords:
    """The shapes of a word built on a province's one-character name (来川, 川菜)."""

    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Places:
    """The place names and regional strategies of ``data/places.yaml``, ready to match."""

    pattern: re.Pattern[str]
    label_of: dict[str, str]
    abbreviations: dict[str, str]
    short_names: frozenset[str] = frozenset()
    own_words: OwnWords = OwnWords()
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
    own = raw.get("own_words") or {}
    own_words = OwnWords(*(frozenset(str(own.get(k) or "")) for k in ("before", "after", "never")))
    return Places(pattern, label_of, dict(raw.get("abbreviations") or {}), short, own_words)


@dataclass(frozen=True, slots=True)
class FactContext:
    """What fact-filling needs to know of one source."""

    year: int | None = None  # the year the source was delivered in
    province: str = ""  # the province it speaks for ('' when national or unknown)
    local_quotes: frozenset[str] = frozenset()  # quoted coinages no other source uses
    # quoted coinages too few sources use to be anyone's scheme (data/local_terms.yaml); empty
    # for a national source, whose schemes are everyone's
    rare_quotes: frozenset[str] = frozenset()
    # such schemes as the corpus quotes them, which are a region's own unquoted too (see
    # ``rare_schemes``), longest first
    schemes: tuple[str, ...] = ()


def fill_facts(text: str, context: FactContext) -> str | None:
    """``text`` with its facts as typed fields, or None when nothing but facts is left."""
    terms = load_local_terms()
    if terms.region_only.search(text):
        return None
    found = _without_case_clauses(text, terms)
    if found is None:
        return None
    text = found
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
        text = _quoted(text, context, put)
    if context.schemes:
        text = _unquoted_schemes(text, context.schemes, put)
    if "教训" in text:
        text = _named_events(text, terms, put)
    if "全会" in text:
        text = terms.local_meeting.sub(put(terms.local_meeting_label), text)
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
        text = _LISTED.sub(r"\1", _ADJACENT.sub(r"\1", text))
    if context.province:
        text = _own_organs(text, context, terms)
    for version in versions:
        text = text.replace(_KEPT, version, 1)
    return text


# Two fields of one kind side by side are one fact to supply; so are names side by side or in a
# list (川菜、川酒、川茶 → one 【待填：名称】, 西部大开发、东北全面振兴 → one 【待填：区域战略】).
_ADJACENT = re.compile(r"(\{\{ fill\('[^']+'\) \}\})(?:\1)+")
# Figures stay one per item: 分别增长【待填：百分比】、【待填：百分比】 needs both.
_NAME_FIELD = r"\{\{ fill\('(?:地名|区域战略|名称|单位名称|项目名称|事故名称)'\) \}\}"
_LISTED = re.compile(rf"(?:{_NAME_FIELD}、?)+({_NAME_FIELD})")
_CLAUSE_END = "。；！？"


def _without_case_clauses(text: str, terms: LocalTerms) -> str | None:
    """The sentence without its clauses about one region's past case; None if nothing is left."""
    if not terms.case_clause.search(text):
        return text
    end = text[-1] if text[-1] in _CLAUSE_END else ""
    clauses = text[: len(text) - len(end)].split("，")
    kept = [c for c in clauses if not terms.case_clause.search(c)]
    return "，".join(kept) + end if kept else None


def _named_events(text: str, terms: LocalTerms, put) -> str:  # type: ignore[no-untyped-def]
    """A named accident or case whose lesson is drawn as a field; 重特大事故 stays."""

    def one(m: re.Match[str]) -> str:
        if len(HAN.findall(terms.event_generic.sub("", m.group(1)))) < 2:
            return m.group(0)
        return m.group(0).replace(m.group(1), put(terms.event_label)(m))

    return terms.event.sub(one, text)


def _own_organs(text: str, context: FactContext, terms: LocalTerms) -> str:
    """A provincial report's own organs (省委, 自治区党委) as the draft's level's."""
    levels = [lv for lv in terms.organ_levels if lv != "市" or context.province in _CITY_LEVEL]
    pattern = _organ_pattern(tuple(levels), terms.organs)
    return pattern.sub("{{ scope }}", text) if pattern.search(text) else text


# The provinces whose own level is a city's (their report says 市委 for its own committee).
_CITY_LEVEL = frozenset(("北京", "天津", "上海", "重庆"))


@cache
def _organ_pattern(levels: tuple[str, ...], organs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![各县市区乡镇城])(?:{alternatives(list(levels))})(?=(?:{alternatives(list(organs))}))"
    )


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

    In the source's own province any short noun built on its name counts (浙商 in 浙江's report),
    and so does a two-character word of the shapes ``own_words`` gives (来川, 川菜 in 四川's).
    """
    own_chars = set(places.abbreviations.get(context.province, "")) - places.own_words.never
    if places.short_names.isdisjoint(text) and own_chars.isdisjoint(text):
        return text
    own = places.short_names & own_chars
    out = []
    start = 0
    for word, tag in tagged(text):
        named = not places.short_names.isdisjoint(word) and (
            tag.startswith(_SHORT_TAGS) or (tag.startswith("n") and not own.isdisjoint(word))
        )
        # A longer name starting here (陇原 of 陇原大地, split 陇 | 原大地) is the names' pass's.
        longer = places.pattern.match(text, start)
        start += len(word)
        if longer is not None and len(longer.group(0)) > len(word):
            out.append(word)
            continue
        if len(word) <= _SHORT_MAX and named and places.pattern.fullmatch(word) is None:
            only_names = all(ch in places.short_names for ch in word)
            word = put("地名" if only_names or tag.startswith("ns") else "名称")(None)
        elif 2 <= len(word) <= 3 and word[1] in own_chars and word[0] in places.own_words.before:
            word = word[0] + put("地名")(None) + word[2:]  # 兴陇中 (富民兴陇中) is split so
        elif len(word) == 2 and word[0] in own_chars and word[1] in places.own_words.after:
            word = put("名称")(None)
        out.append(word)
    return "".join(out)


def fill_quotes(text: str, context: FactContext) -> str:
    """``text`` with the quoted coinages that are its source's own as fields (see ``_quoted``)."""
    if "“" not in text:
        return text
    return _quoted(text, context, lambda label: lambda _m: field_slot(label))


def _quoted(text: str, context: FactContext, put) -> str:  # type: ignore[no-untyped-def]
    """A quoted coinage of this source alone, or one built on its province's name, is a field.

    So is a scheme of a province's report or a local speech that too few sources quote to be
    anyone's (民营企业“登峰计划”, “幸福里”社区养老模式, “环境创优年”活动): it becomes the field
    its scheme noun names.
    """
    own = context.province and load_places().abbreviations.get(context.province, "")
    terms = load_local_terms()

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        label = terms.scheme(inner, text[m.end() :])
        if inner in context.local_quotes or (own and any(ch in inner for ch in own)):
            return str(put(label or "名称")(m))
        if label and inner in context.rare_quotes:
            return str(put(label)(m))
        return m.group(0)

    return QUOTED.sub(one, text)


def _unquoted_schemes(text: str, schemes: tuple[str, ...], put) -> str:  # type: ignore[no-untyped-def]
    """A region's scheme is its own where a report names it unquoted too.

    One report quotes 民营企业“登峰计划”, another writes 实施医疗登峰计划: too few sources quote
    the scheme for it to be anyone's, so it is a field in both.
    """
    terms = load_local_terms()
    for scheme in schemes:
        if scheme in text:
            text = text.replace(scheme, put(terms.scheme(scheme, ""))(None))
    return text


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
