"""The audience decides the register: who is told, who is asked, and what is not said to whom."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

import draftkit
from draftkit.compose.audience import (
    adapt,
    address,
    ask,
    audience_class,
    request,
    why_unsuited,
)
from draftkit.compose.audiences import load_audiences
from draftkit.errors import BankError
from draftkit.resources import data_file

DATA = Path(__file__).resolve().parent / "data"
CASES = yaml.safe_load((DATA / "audience_cases.yaml").read_text(encoding="utf-8"))["cases"]

# What each audience the bundled templates offer should be taken for.
TEMPLATE_AUDIENCES = {
    "全体干部职工": "cadres",
    "各级领导干部": "cadres",
    "系统干部职工": "cadres",
    "各部门负责同志": "cadres",
    "全体党员干部": "cadres",
    "先进代表和干部职工": "commended+cadres",
    "基层干部代表": "grassroots",
    "企业代表": "entrepreneurs",
    "群众代表": "public",
    "专家学者": "experts",
    "全体学员": "trainees",
    "青年干部": "trainees",
    "新任职干部": "trainees",
    "业务骨干": "trainees",
}


@pytest.fixture(scope="module")
def bank_sentences():
    """Every lead and body sentence of the bundled bank's points."""
    points = draftkit.load_bank().of("point")
    return sorted({s for p in points for s in (p.text, *p.body)})


@pytest.fixture(scope="module")
def classes():
    audiences = load_audiences()
    return {cls.key: cls for cls in audiences.classes}


# --- mapping the answers' audience --------------------------------------------------------------


def test_every_template_audience_maps_to_a_sensible_class():
    offered = {a for t in draftkit.load_templates().values() for a in t.audiences}
    unseen = offered - set(TEMPLATE_AUDIENCES)
    assert not unseen, f"add what these audiences should be taken for: {unseen}"
    for audience in sorted(offered):
        assert audience_class(audience).key == TEMPLATE_AUDIENCES[audience], audience


@pytest.mark.parametrize(
    "audience, key",
    [
        ("各位企业家", "entrepreneurs"),
        ("民营企业家", "entrepreneurs"),
        ("居民代表", "public"),
        ("受表彰的同志", "commended"),
        ("市直各单位主要负责同志", "cadres"),
        ("年轻干部", "trainees"),
        ("村（社区）党组织书记", "grassroots"),
        ("  企业代表： ", "entrepreneurs"),
        ("青年人才代表", "talents"),
        ("侨界代表", "overseas"),
        ("归侨侨眷代表", "overseas"),
        ("民营企业家代表、市工商联及各商会负责人", "entrepreneurs"),
        ("优秀年轻干部代表", "young"),
    ],
)
def test_free_text_audiences_find_their_class_by_the_longest_keyword(audience, key):
    assert audience_class(audience).key == key


def test_a_mixed_audience_gets_both_classes():
    cls = audience_class("企业代表和有关部门负责同志")
    assert cls.key == "entrepreneurs+cadres"
    assert address(cls) == "各位企业家"
    # The departments' heads are in the room: they may be told what to do.
    said = adapt("各级各部门要迅速传达会议精神。", cls)
    assert said == "各级各部门要迅速传达会议精神。"


def test_a_salutation_tells_the_audience_back(classes):
    # `draftkit check` knows a draft's audience only from its salutation line.
    for cls in classes.values():
        if cls.salutation != "同志们：":
            assert audience_class(cls.salutation).key == cls.key, cls.salutation
    assert audience_class("各位企业家朋友、同志们：").key == "entrepreneurs"
    assert audience_class("同志们：").key == "cadres"


def test_an_audience_nothing_matches_is_the_speakers_own_cadres():
    assert audience_class("与会人员").key == load_audiences().fallback.key == "cadres"
    assert audience_class("").key == "cadres"


# --- the forms of address and request ----------------------------------------------------------


@pytest.mark.parametrize(
    "key, forms, opening",
    [
        ("cadres", ["同志们"], ["各级各部门要", "各地各部门要"]),
        ("entrepreneurs", ["各位企业家"], ["希望各位企业家", "希望广大企业"]),
        ("trainees", ["各位学员"], ["希望大家", "各位学员要"]),
        ("experts", ["各位专家"], ["恳请各位专家", "希望大家"]),
        ("commended", ["同志们"], ["希望受表彰的同志"]),
        ("public", ["各位代表"], ["希望大家"]),
        ("grassroots", ["同志们"], ["希望基层的同志们"]),
    ],
)
def test_each_class_has_its_forms_of_address_and_request(classes, key, forms, opening):
    cls = classes[key]
    assert address(cls) == forms[0]
    every = {request(cls, n) for n in range(len(cls.requests))}
    assert set(opening) <= every
    assert cls.salutation.endswith("：")
    for n in range(len(cls.requests)):
        said = ask(cls, "要加强学习。", n)
        assert said == request(cls, n) + "加强学习。"


def test_ask_joins_a_request_to_what_is_asked(classes):
    assert ask(classes["entrepreneurs"], "要坚定发展信心。", 0) == "希望各位企业家坚定发展信心。"
    assert ask(classes["cadres"], "要加快建设现代化产业体系。", 0) == (
        "各级各部门要加快建设现代化产业体系。"
    )
    assert ask(classes["experts"], "多提宝贵意见。", 0) == "恳请各位专家多提宝贵意见。"
    assert ask(classes["trainees"], "必须珍惜学习机会。", 1) == "各位学员要珍惜学习机会。"


def test_a_seeded_random_picks_the_same_forms_every_time(classes):
    cls = classes["entrepreneurs"]
    first = [request(cls, random.Random(7)) for _ in range(3)]
    again = [request(cls, random.Random(7)) for _ in range(3)]
    assert first == again
    assert first[0] in cls.requests


# --- what is said to whom -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["sentence"][:12] for c in CASES])
def test_golden_cases(classes, case):
    for key, expected in case["said"].items():
        assert adapt(case["sentence"], classes[key]) == expected, key


def test_instructions_to_the_discipline_organs_are_for_cadres_only(classes):
    sentence = "纪检监察机关要加强监督执纪。"
    assert adapt(sentence, classes["cadres"]) == sentence
    assert adapt(sentence, classes["entrepreneurs"]) is None
    assert "纪检监察" in why_unsuited(sentence, classes["entrepreneurs"])
    assert why_unsuited(sentence, classes["cadres"]) is None


def test_the_reason_names_the_body_and_the_audience(classes):
    reason = why_unsuited("各级各部门要坚持过紧日子。", classes["entrepreneurs"])
    assert reason == "对企业家讲话，不宜给“各级各部门”布置任务"
    reason = why_unsuited("区人大常委会要加强监督。", classes["cadres"])
    assert "区人大常委会" in reason and "支持、配合" in reason


def test_the_bank_is_said_to_cadres_as_it_stands(bank_sentences):
    cadres = audience_class("全体干部职工")
    changed = [s for s in bank_sentences if adapt(s, cadres) not in (s, None)]
    refused = [s for s in bank_sentences if adapt(s, cadres) is None]
    assert changed == []
    # Only instructions to bodies the speaker does not lead are refused, and the bank has none.
    assert all("不归讲话人领导" in why_unsuited(s, cadres) for s in refused)


def test_the_bank_said_to_entrepreneurs_never_instructs_the_discipline_organs(bank_sentences):
    entrepreneurs = audience_class("企业代表")
    said = [adapt(s, entrepreneurs) for s in bank_sentences]
    kept = [s for s in said if s is not None]
    assert kept
    assert not [s for s in kept if "纪检监察" in s or "传达会议精神" in s]
    told = [s for s in kept if s.startswith(("各级各部门要", "各地各部门要"))]
    assert not [s for s in told if "企业" not in s]


def test_adapt_is_deterministic(classes):
    sentence = "要坚定发展信心，专注主业、做强实业。"
    first = [adapt(sentence, cls) for cls in classes.values()]
    assert first == [adapt(sentence, cls) for cls in load_audiences().classes]


# --- the data file: validated on load, yours to extend ------------------------------------------


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    text = data_file("audiences.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "audiences.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_an_unknown_body_group_is_named_with_its_file_line_and_field(tmp_path):
    old = "instructs: [departments, supervisors, cadres]"
    path = _copy(tmp_path, old, "instructs: [ministries]")
    with pytest.raises(BankError) as caught:
        load_audiences(path)
    error = caught.value
    assert error.path == str(path)
    assert error.field == "classes[0].instructs[0]"
    assert error.line == _line_of(path, "instructs: [ministries]")
    assert "没有名为“ministries”的主体组" in error.message
    assert "audiences.yaml" in str(error)


CADRE_REQUESTS = "    requests: [各级各部门要, 各地各部门要, 广大干部要]\n"
SUPERVISORS = "  supervisors:\n    kind: "


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("    tasks: direct\n", "    tasks: sometimes\n", "classes[0].tasks", "direct"),
        (CADRE_REQUESTS, "", "classes[0].requests", "缺少"),
        (CADRE_REQUESTS, "    requests: []\n", "classes[0].requests", "不空"),
        ("      - 扎根基层\n", "      - 扎根(基层\n", "classes[1].personal[0]", "正则表达式"),
        ("fallback: cadres", "fallback: everyone", "fallback", "everyone"),
        ("    internal: true\n", "    internal: 是\n", "classes[0].internal", "true 或 false"),
        (SUPERVISORS + "led", SUPERVISORS + "boss", "bodies.supervisors.kind", "led"),
        ("- key: grassroots", "- key: cadres", "classes[1].key", "重复"),
    ],
)
def test_a_malformed_field_is_reported_in_chinese(tmp_path, old, new, field, words):
    path = _copy(tmp_path, old, new)
    with pytest.raises(BankError) as caught:
        load_audiences(path)
    assert caught.value.field == field
    assert words in caught.value.message
    assert caught.value.line is not None


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    path = _copy(tmp_path, "fallback: cadres", "fallback: [cadres")
    with pytest.raises(BankError) as caught:
        load_audiences(path)
    assert "YAML 语法错误" in caught.value.message
    assert caught.value.line is not None


def test_a_user_adds_a_class_of_their_own(tmp_path):
    text = data_file("audiences.yaml").read_text(encoding="utf-8")
    text += """
  - key: pupils
    name: 中小学生
    audiences: [全校师生]
    keywords: [同学, 学生]
    address: [同学们, 老师们、同学们]
    salutation: 老师们、同学们：
    requests: [希望同学们]
    tasks: ours
    personal: ['(?:珍惜|刻苦|勤奋)']
    own: []
    instructs: []
    hears: []
    about: []
    internal: false
"""
    path = tmp_path / "audiences.yaml"
    path.write_text(text, encoding="utf-8")
    audiences = load_audiences(path)
    cls = audience_class("初二年级同学", audiences)
    assert cls.key == "pupils"
    assert address(cls) == "同学们"
    assert adapt("要珍惜青春时光，刻苦学习。", cls) == "希望同学们珍惜青春时光，刻苦学习。"
    assert adapt("各级各部门要迅速传达会议精神。", cls) is None
    assert "pupils" not in {c.key for c in load_audiences().classes}


def _classes(audiences) -> list:
    return [(c.key, c.personal, c.requests, c.own, c.instructs) for c in audiences.classes]


def test_the_checked_file_loads_the_same_from_its_cache_and_an_edit_is_checked_again(tmp_path):
    path = _copy(tmp_path, "tasks: direct", "tasks: direct")
    first = load_audiences.__wrapped__(path)
    assert (tmp_path / ".draftkit-cache" / "audiences").is_file()
    again = load_audiences.__wrapped__(path)  # from the cache: the patterns are not compiled
    assert _classes(again) == _classes(first)
    sentences = [c["sentence"] for c in CASES][:40]
    for cls_first, cls_again in zip(first.classes, again.classes, strict=True):
        assert [adapt(s, cls_first) for s in sentences] == [adapt(s, cls_again) for s in sentences]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tasks: direct", "tasks: sometimes", 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_audiences.__wrapped__(path)
    assert caught.value.field == "classes[0].tasks"
    assert caught.value.line == _line_of(path, "tasks: sometimes")


def test_a_bad_pattern_is_caught_even_after_a_good_file_was_cached(tmp_path):
    path = _copy(tmp_path, "tasks: direct", "tasks: direct")
    load_audiences.__wrapped__(path)
    text = path.read_text(encoding="utf-8")
    assert "personal:" in text
    path.write_text(text.replace("personal: [", "personal: ['(未闭合', ", 1), encoding="utf-8")
    with pytest.raises(BankError, match="正则表达式有误"):
        load_audiences.__wrapped__(path)
