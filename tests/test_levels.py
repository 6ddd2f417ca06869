"""A higher level's wording stays out of a lower level's draft (``data/levels.yaml``)."""

from __future__ import annotations

import re

import pytest

import draftkit
from draftkit.compose.answers import make_answers
from draftkit.compose.draft import compose
from draftkit.compose.levels import load_levels
from draftkit.errors import BankError
from draftkit.write.text import draft_text


@pytest.fixture(scope="module")
def bank():
    return draftkit.load_bank()


@pytest.fixture(scope="module")
def templates():
    return draftkit.load_templates()


@pytest.mark.parametrize(
    ("text", "scope", "found"),
    [
        ("连续提高退休人员基本养老金。", "省", "退休人员基本养老金"),
        ("稳妥推进第二轮土地承包到期后再延长三十年整省试点。", "市", "整省试点"),
        ("稳妥推进第二轮土地承包到期后再延长三十年整省试点。", "省", ""),
        ("推动出台《民营经济促进条例》。", "县", "推动出台《民营经济促进条例"),
        ("推动出台《民营经济促进条例》。", "市", ""),
        ("确定并集中支持【待填：数量】个县（市、区）。", "县", "【待填：数量】个县"),
        ("确定并集中支持【待填：数量】个县（市、区）。", "市", ""),
        ("新增【待填：数量】个区域养老服务中心。", "县", ""),
        ("提高县域普通高中办学质量。", "县", ""),
        ("全力办好第十五届省运会和第十二届省残运会。", "市", "省运会"),
        ("探索实施外籍高技术人才移民政策举措。", "县", "外籍高技术人才"),
        ("加快建设国际旅游目的地，加强国内外重点目标市场开发。", "县", "国际旅游目的地"),
        ("加快建设国际旅游目的地，加强国内外重点目标市场开发。", "市", ""),
        ("打造世界知名旅游目的地。", "县", "世界知名旅游目的地"),
        ("建设国际性综合交通枢纽城市。", "县", "国际性综合交通枢纽"),
        ("发展乡村旅游，打造精品旅游目的地。", "县", ""),
        ("出台公平竞争审查行政法规。", "市", "出台公平竞争审查行政法规"),
        ("严格执行有关法律和行政法规。", "县", ""),
        ("引导各市建设特色人才平台。", "市", "各市"),
        ("引导各市建设特色人才平台。", "省", ""),
        ("支持各市场主体公平竞争。", "县", ""),
        ("加快推进“双一流”建设。", "市", "双一流"),
        ("要推动出台《【待填：地名】省民营经济促进条例》。", "市", "地名】省"),
        ("镇委常委会专题研究党风廉政建设。", "镇", "镇委常委会"),
        ("县委常委会专题研究党风廉政建设。", "县", ""),
    ],
)
def test_wording_is_placed_at_its_level(text, scope, found):
    assert load_levels().above(text, scope) == found


@pytest.mark.parametrize(
    ("text", "scope", "said"),
    [
        ("镇委常委会专题研究党风廉政建设。", "镇", "镇党委会议专题研究党风廉政建设。"),
        ("镇委、镇政府主要负责同志", "镇", "镇党委、镇政府主要负责同志"),
        ("由镇委政法委牵头协调", "镇", "由镇党委政法委员牵头协调"),
        ("纳入街道委对乡镇（街道）和部门的考核", "街道", "纳入街道党工委对村（社区）和部门的考核"),
        ("镇委员会", "镇", "镇委员会"),
        ("县委、县政府主要负责同志", "县", "县委、县政府主要负责同志"),
        ("各乡镇（街道）和行业主管部门要自查自纠", "市", "各县（市、区）和行业主管部门要自查自纠"),
        ("各乡镇（街道）和行业主管部门要自查自纠", "县", "各乡镇（街道）和行业主管部门要自查自纠"),
    ],
)
def test_a_township_and_a_city_say_their_own_organs(text, scope, said):
    # A township's Party committee is its 党委: 镇委常委会 is a county's organ with the
    # township's name on it.
    assert load_levels().said_at(text, scope) == said


def test_a_township_speech_names_its_own_committee_and_villages(bank, templates):
    answers = make_answers(
        {
            "occasion": "work-meeting",
            "topic": "全面从严治党暨党风廉政建设",
            "org": "中共某镇委员会",
            "speaker": "镇党委书记",
            "date": "2027-03-05",
        }
    )
    d = compose(answers, bank=bank, templates=templates)
    text = draft_text(d)
    assert d.title.startswith("在全镇") and "全镇" in text
    assert not re.search(r"全[县市]|镇委(?![员会])|常委会|乡镇（街道）", text), text


def _sentences(text: str) -> list[str]:
    return re.findall(r"[^。！？]+[。！？]", text)


def test_a_county_draft_says_nothing_only_a_province_decides(bank, templates):
    levels = load_levels()

    def above(topic: str, org: str) -> list[str]:
        raw = {"occasion": "work-meeting", "topic": topic, "date": "2026-12-01", "org": org}
        d = compose(make_answers(raw), bank=bank, templates=templates)
        return [f for s in _sentences(draft_text(d)) if (f := levels.above(s, "县"))]

    topics = ("就业工作", "社会保障", "民营经济发展", "乡村振兴", "医疗保障工作")
    assert [t for t in topics if above(t, "某县人民政府")] == []
    # The same bank speaks a province's wording in a province's draft: the filter is the level.
    assert any(above(t, "某省人民政府") for t in topics)


def test_a_damaged_levels_file_names_itself(tmp_path):
    path = tmp_path / "levels.yaml"
    path.write_text("levels: [国家, 省]\nwording:\n  省:\n    patterns: ['(']\n", "utf-8")
    with pytest.raises(BankError) as raised:
        load_levels(path)
    assert "levels.yaml" in str(raised.value) and "层级" in str(raised.value)


def test_a_damaged_sectors_file_names_itself(tmp_path):
    from draftkit.compose.sectors import load_sectors

    path = tmp_path / "sectors.yaml"
    path.write_text("fields: [教育]\n", "utf-8")
    with pytest.raises(BankError) as raised:
        load_sectors(path)
    assert "sectors.yaml" in str(raised.value) and "领域" in str(raised.value)


def test_fields_are_found_in_the_order_a_sentence_names_them():
    from draftkit.compose.sectors import another_fields, sectors_in

    assert sectors_in("把全面推行政务公开与构建教育、制度、监督并重的惩治和预防腐败体系结合起来")[
        :2
    ] == [
        "政务公开",
        "教育",
    ]
    assert another_fields("把全面推行政务公开与构建教育、制度、监督并重的体系结合起来", ("教育",))
    assert another_fields("把教育、医疗、住房等热点问题纳入办事公开的范围", ("教育",))
    assert not another_fields("推动义务教育优质均衡发展", ("教育",))
