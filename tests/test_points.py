"""Points mined from the real reports: whole, reusable, in source order, facts as fields."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
import yaml

import draftkit
from draftkit.bank.facts import FactContext, fill_facts
from draftkit.bank.voice import load_voice
from draftkit.compose.dated import load_dated
from draftkit.reading.names import said_as_word
from draftkit.resources import data_file

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
FIELD = re.compile(r"\{\{.*?\}\}")
# What the voice rules write in place of a report's own words; text around them is the source's.
REWRITTEN = re.compile(r"\{\{.*?\}\}|要|必须|一定|各级各部门|广大干部|工作部署")


@pytest.fixture(scope="module")
def points(corpus_bank):
    _, result = corpus_bank
    return [e for e in result.bank.entries if e.kind == "point"]


def sentences_of(point):
    return [point.text, *point.body]


def source_text(file):
    found = list(CORPUS.rglob(file))
    assert found, file
    return re.sub(r"\s+", "", found[0].read_text(encoding="utf-8"))


def point_with(points, needle):
    found = [p for p in points if any(needle in s for s in sentences_of(p))]
    assert found, needle
    return found[0]


def test_the_bank_holds_thousands_of_points_from_reports_and_speeches(points):
    assert len(points) >= 2000
    registers = {p.register for p in points}
    assert registers == {"report", "speech"}
    assert all(p.year for p in points if p.register == "report")


# Real report sentences with their figures, and the sentence the bank must keep for each.
FILLED = [
    (
        "2026年北京市政府工作报告.txt",
        "新增中学学位",
        "适应学龄人口变化，完善基础教育学位动态保障机制，新增中学学位{{ fill('数量') }}个，"
        "促进义务教育优质均衡发展。",
    ),
    (
        "2026年浙江省政府工作报告.txt",
        "海洋生产总值增长",
        "力争海洋生产总值增长{{ fill('百分比') }}左右。",
    ),
    (
        "2018年国务院政府工作报告.txt",
        "人均财政补助标准再增加",
        "居民基本医保人均财政补助标准再增加{{ fill('金额') }}，一半用于大病保险。",
    ),
    (
        "2026年江苏省政府工作报告.txt",
        "生产安全事故起数",
        "生产安全事故起数、死亡人数比{{ fill('年份') }}年分别下降{{ fill('百分比') }}、"
        "{{ fill('百分比') }}。",
    ),
]


@pytest.mark.parametrize(("file", "needle", "kept"), FILLED, ids=[f[0][:9] for f in FILLED])
def test_figures_become_typed_fields_and_the_sentence_around_them_stays(points, file, needle, kept):
    source = source_text(file)
    assert needle in source and re.search(r"\d", source)
    point = point_with(points, kept)
    assert any(o.file == file for o in point.origins)
    said = next(s for s in sentences_of(point) if kept in s)
    # Every figure is gone from the sentence, and every word around it is the source's.
    assert not re.search(r"\d", FIELD.sub("", said))
    for piece in REWRITTEN.split(said):
        assert piece in source, piece


# Digits that belong to a name, not to a fact: 5G, PM2.5, C919, M2, 数字政府2.0, 3.0版.
NAMED_DIGITS = re.compile(r"[A-Za-z][\d.]*\d|\d[A-Z](?![a-zA-Z])|[\u4e00-\u9fff]\d\.0")


def test_no_point_keeps_a_figure_outside_a_field(points):
    left = [
        s
        for p in points
        for s in sentences_of(p)
        if re.search(r"\d", NAMED_DIGITS.sub("", FIELD.sub("", s)))
    ]
    assert left == []
    context = FactContext(2026)
    assert fill_facts("全省算力规模突破190Eflops，新能源电池产能达55GWh。", context) == (
        "全省算力规模突破{{ fill('数量') }}Eflops，新能源电池产能达{{ fill('数量') }}GWh。"
    )


# A place name's characters inside an everyday word, which is no place.
EVERYDAY = (
    "均衡水平",
    "广大同志",
    "医保定点",
    "扩大同",
    "文山会海",
    "大连片",
    "隆重庆祝",
    "制定西部",
    "创新乡村",
    "东北海陆",
    "陆海口岸",
)


def test_no_province_city_or_source_name_is_left_in_any_point(points, corpus_bank):
    _, result = corpus_bank
    groups = yaml.safe_load(data_file("places.yaml").read_text(encoding="utf-8"))["groups"]
    places = [n for names in groups.values() for n in names]
    names = result.bank.names
    assert "杭州" in places and len(names) > 1000
    leaks = []
    for point in points:
        for said in sentences_of(point):
            text = FIELD.sub("|", said)
            for name in places:
                at = text.find(name)
                if at >= 0 and not any(
                    word in text[max(0, at - 3) : at + len(name) + 3] for word in EVERYDAY
                ):
                    leaks.append((name, said))
            # A mined name counts where it is said as a word (or inside a place's name), not
            # where its characters run across two words (大县 in 壮大县域).
            for name in names:
                at = text.find(name)
                if at >= 0 and said_as_word(text, at, at + len(name)):
                    leaks.append((name, said))
    assert leaks == []


def test_the_names_mined_are_names_not_the_taggers_slips(corpus_bank):
    _, result = corpus_bank
    names = set(result.bank.names)
    # Places and units the reports name, local to one of them.
    for name in ("西宁", "格尔木", "洋浦", "中关村", "段庄", "西峰"):
        assert name in names, name
    # Everyday words the tagger took for names: parts of longer words (中西 of 中西部, 蓬勃 of
    # 蓬勃发展), or words every report uses (洪水, 承载力).
    for word in ("中西", "蓬勃", "林田", "大城市", "洪水", "承载力", "向心力", "经开区"):
        assert word not in names, word


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("培育壮大县域特色优势产业。", "大县", False),
        ("坚持把文化繁荣兴盛作为现代化建设的重要目标。", "化繁", False),
        ("各地建设部门要按照统一部署认真做好各项工作。", "建设部", False),
        ("宜春市委召开全市经济工作会议。", "宜春", True),
        ("在宜春召开现场会。", "宜春", True),
        ("申建阿拉山口重点开发开放试验区。", "山口", True),
        ("隆重庆祝中国共产党成立一百周年。", "重庆", False),
    ],
)
def test_a_name_counts_where_it_is_said_as_a_word(text, name, said):
    at = text.find(name)
    assert said_as_word(text, at, at + len(name)) is said


def test_a_name_inside_an_everyday_word_is_not_a_place():
    context = FactContext(2014)
    kept = "保持人民币汇率在合理均衡水平上的基本稳定，扩大汇率双向浮动区间。"
    assert fill_facts(kept, context) == kept
    idiom = "要坚决反对形式主义，让干部从文山会海、迎评迎检中解脱出来。"
    assert fill_facts(idiom, context) == idiom
    filled = fill_facts(
        "支持驻晋央企深耕本地，推进沪滇合作和皖北振兴，打造大同市产业基地。", context
    )
    assert filled is not None
    for name in ("晋", "沪滇", "皖北", "大同"):
        assert name not in filled, filled
    # In a province's own report, a short noun built on its name is its own: 浙商 in 浙江's.
    own = fill_facts("办好世界浙商大会，推动新能源和新材料产业发展。", FactContext(2026, "浙江"))
    assert own == "办好世界{{ fill('名称') }}大会，推动新能源和新材料产业发展。"


def test_report_voice_becomes_a_speakers_and_congress_wording_is_never_kept(points):
    congress = re.compile("各位代表|请予审议|政协委员|本次大会")
    said = [s for p in points for s in sentences_of(p)]
    assert [s for s in said if s.startswith("我们将") or "，我们将" in s] == []
    assert [s for s in said if congress.search(s)] == []
    voice = load_voice()
    assert voice.speech("我们将坚定不移扩大高水平对外开放。") == "要坚定不移扩大高水平对外开放。"
    assert voice.speech("各位代表！过去一年极不平凡。") is None
    # The report sentences that said 我们将 are in the bank as a speaker says them.
    source = source_text("2026年广东省政府工作报告.txt")
    assert "我们将" in source or "将" in source
    assert any(s.startswith("要") for p in points if p.register == "report" for s in p.body)


@pytest.mark.parametrize(
    ("text", "dated_in", "current_in"),
    [
        ("主动适应和引领经济发展新常态。", 2026, 2016),
        ("扎实推进“三去一降一补”重点任务。", 2026, 2017),
        ("确保“十四五”规划目标任务圆满完成。", 2026, 2023),
        ("确保“十三五”规划目标任务圆满完成。", 2026, 2018),
        ("确保如期全面建成小康社会。", 2026, 2016),
        ("坚决打赢脱贫攻坚战。", 2026, 2018),
        ("深入学习贯彻党的十八大精神。", 2026, 2014),
        ("深入学习贯彻党的十九大精神。", 2026, 2019),
    ],
)
def test_dated_wording_is_dated_by_the_drafts_year_not_the_mining_date(text, dated_in, current_in):
    dated = load_dated()
    assert dated.findings(text, dated_in), (text, dated_in)
    assert dated.findings(text, current_in) == [], (text, current_in)


def test_the_current_plan_of_2026_is_not_dated():
    assert load_dated().findings("奋力实现“十五五”良好开局。", 2026) == []
    assert load_dated().current("五年规划", 2026) == "十五五"


@pytest.fixture(scope="module")
def cleaned():
    """Each source file's text as the reader cleaned it (simplified, full-width punctuation)."""
    speeches, _, _ = draftkit.understand_corpus([CORPUS])
    texts: dict[str, list[str]] = {}

    def walk(sections):
        for section in sections:
            yield section.heading
            yield from section.paragraphs
            yield from walk(section.children)

    for speech in speeches:
        parts = [*speech.opening, *walk(speech.sections), *speech.closing]
        texts.setdefault(Path(speech.source).name, []).extend(parts)
    return {file: re.sub(r"\s+", "", "".join(parts)) for file, parts in texts.items()}


def test_points_keep_their_sentences_in_source_order(points, cleaned):
    sample = random.Random(11).sample(points, 120)
    checked = 0
    for point in sample:
        source = cleaned[point.origins[0].file].replace(" ", "")  # spacing is not wording
        at = 0
        for said in point.body:
            pieces = [p.replace(" ", "") for p in REWRITTEN.split(said)]
            pieces = [p for p in pieces if len(p) >= 2]
            for piece in pieces:
                found = source.find(piece, at)
                assert found >= 0, (point.origins[0].file, piece, said)
                at = found + len(piece)
        checked += 1
    assert checked == 120


def test_a_lead_never_reports_a_figure(points):
    figure = re.compile(r"fill\('(?:数量|金额|百分比|数值)'\)")
    assert [p.text for p in points if figure.search(p.text)] == []


def test_a_long_list_that_ends_in_no_project_is_left_as_it_is_and_quickly():
    # 30 items and 等工作: the list pattern once tried every split of it, for minutes.
    items = "外事、侨务、海关、海事、药监、矿监、地震、消防、反走私、监狱管理、"
    items += "供销、气象、水文、信访、档案"
    sentence = f"一年来，{items}、{items}等工作取得新进展。"
    start = time.perf_counter()
    assert fill_facts(sentence, FactContext(2026)) == sentence
    assert time.perf_counter() - start < 2
    named = fill_facts("开工建设深中通道、黄茅海跨海通道等重大项目。", FactContext(2026))
    assert named == "开工建设{{ fill('项目名称') }}等重大项目。"


def test_a_lone_task_after_a_full_point_never_heads_the_sentences_after_it(points):
    # The 2026 Guangxi report packs its livelihood projects into one paragraph:
    # "强化教师待遇保障。" is one more education task, followed by 筹措…实施安居惠民工程 and the
    # rest; it never leads them.
    assert not [p for p in points if p.text.startswith("强化教师待遇保障")]
    for point in points:
        if point.text.rstrip("。") in ("安全生产的薄弱环节不容忽视",):
            assert not any("政府工作存在不足" in s for s in point.body)
    # A short statement that the next sentence develops still leads its own point.
    developed = [
        p
        for p in points
        if p.body and any(w in p.body[0] for w in re.findall(r"[\u4e00-\u9fff]{2}", p.text))
    ]
    assert len(developed) > 1000


def test_a_task_inside_a_paragraph_keeps_only_the_sentences_on_it(points):
    # The 2021 State Council report lists rural tasks in one paragraph led by 扎实推进农村改革
    # 和乡村建设: "启动农村人居环境整治提升五年行动。" is followed by 加强农村精神文明建设 and
    # 保障农民工工资…, which share only the paragraph's 农村 with it and are other tasks.
    source = source_text("2021年国务院政府工作报告.txt")
    assert "启动农村人居环境整治提升五年行动。加强农村精神文明建设。保障农民工工资" in source
    for point in points:
        if point.text.startswith("启动农村人居环境整治提升五年行动"):
            assert not any("精神文明" in s or "农民工工资" in s for s in point.body)
    # A task inside whose next sentences develop it, each on the one before, keeps them all
    # (2026 Jiangsu: 特色优势产业目录 …, then 增资扩产 … for its 优质企业).
    point = point_with(points, "科学编制特色优势产业目录")
    assert point.text.startswith("因地制宜加快特色优势产业发展")
    assert any("建立增资扩产项目库" in s for s in point.body)
