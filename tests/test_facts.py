"""Another region's specifics in the bank mined from the real corpus: replaced, not kept.

A county's writer drafting from the bank must never find Shanghai's 临港新片区, Inner Mongolia's
accident or Sichuan's 川菜 in her draft; she finds a typed field in a sentence she can use.
The cases are in ``tests/data/leaks.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from draftkit.bank.facts import FactContext, fill_facts, fill_quotes, slot_scope
from draftkit.bank.local_terms import quote_spread

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
CASES = yaml.safe_load((DATA / "leaks.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reusable(corpus_bank):
    """Every reusable text of the mined bank: points' leads and bodies, phrases not specific."""
    _, result = corpus_bank
    return [
        said
        for entry in result.bank.entries
        if not entry.specific
        for said in (entry.text, *entry.body)
    ]


def source_text(file: str) -> str:
    found = list(CORPUS.rglob(file))
    assert found, file
    return re.sub(r"\s+", "", found[0].read_text(encoding="utf-8"))


@pytest.mark.parametrize("pattern", CASES["gone"])
def test_no_other_regions_specific_is_left_in_reusable_text(reusable, pattern):
    found = re.compile(pattern)
    assert [s for s in reusable if found.search(s)] == []


@pytest.mark.parametrize(
    ("file", "source", "kept"), CASES["kept"], ids=[c[1][:8] for c in CASES["kept"]]
)
def test_the_sentence_around_a_replaced_specific_is_kept_with_its_field(
    reusable, file, source, kept
):
    assert source in source_text(file)
    assert any(kept in s for s in reusable), kept


@pytest.mark.parametrize("wording", CASES["generic"])
def test_national_and_everyday_wording_is_left_alone(reusable, wording):
    assert any(wording in s for s in reusable), wording


def test_a_quoted_scheme_few_reports_share_is_a_field_but_a_national_one_is_not():
    quotes = ["登峰计划", "三不腐", "牛鼻子", "千万工程", "三个区分开来"]
    quoted_by = {"登峰计划": 2, "三不腐": 2, "牛鼻子": 2, "千万工程": 9, "三个区分开来": 2}
    by_national = {"千万工程": 3, "三个区分开来": 1}
    spread = {"quoted_by": quoted_by, "by_reports": quoted_by, "by_national": by_national}
    counted = {k: Counter(v) for k, v in spread.items()}
    local, rare = quote_spread(quotes, "provincial", **counted)
    # 三不腐 is national however few quote it (data/local_terms.yaml); the State Council quotes
    # 三个区分开来; 牛鼻子 is rare but names no scheme, so it stays below.
    assert local == frozenset() and rare == {"登峰计划", "牛鼻子"}
    context = FactContext(2026, "安徽", local, rare)
    said = "实施民营企业“登峰计划”，学习运用“千万工程”经验，牵住改革“牛鼻子”。"
    assert fill_facts(said, context) == (
        "实施民营企业{{ fill('项目名称') }}，学习运用“千万工程”经验，牵住改革“牛鼻子”。"
    )
    # The State Council's schemes are everyone's.
    assert quote_spread(quotes, "national", **counted) == (local, frozenset())
    # A local speech's scheme no report quotes is its own, and so is its numbered slogan.
    seed = {"quoted_by": Counter({"环境创优年": 4, "八个严禁": 1, "一把手": 1})}
    seed |= {"by_reports": Counter(), "by_national": Counter()}
    _, own = quote_spread(["环境创优年", "八个严禁", "一把手"], "speech", **seed)
    speech = FactContext(rare_quotes=own)
    assert fill_quotes("确保“环境创优年”活动取得实效，严守“八个严禁”，当好“一把手”。", speech) == (
        "确保{{ fill('名称') }}活动取得实效，严守{{ fill('名称') }}，当好“一把手”。"
    )


def test_a_phrase_that_is_nothing_but_a_speechs_own_slogan_is_kept_but_never_reused(corpus_bank):
    _, result = corpus_bank
    slogans = {e.text: e.specific for e in result.bank.entries if e.kind == "slogan"}
    assert slogans["“三项整治、三个优化”"] is True
    assert slogans["“三个代表”"] is False


def test_a_named_accident_is_a_field_and_a_generic_one_stays():
    context = FactContext(2026, "内蒙古")
    generic = "深刻汲取重特大事故教训，扎实开展重点领域隐患排查整治。"
    assert fill_facts(generic, context) == generic
    named = "深刻汲取某某化工厂爆炸事故教训，扎实开展重点领域隐患排查整治。"
    assert fill_facts(named, context) == (
        "深刻汲取{{ fill('事故名称') }}教训，扎实开展重点领域隐患排查整治。"
    )


def test_a_sentence_only_some_regions_say_is_left_out_but_not_its_look_alikes():
    context = FactContext(2026, "福建")
    assert fill_facts("强化台胞台企权益保障协调联动，促进融合发展。", context) is None
    for kept in (
        "推动平台企业和平台内经营者、劳动者共赢发展。",
        "全力做好应对台风、暴雨灾害防范应对工作。",
    ):
        assert fill_facts(kept, context) == kept


def test_a_reports_own_organs_and_aims_become_the_drafts_level():
    assert fill_facts("在省委坚强领导下，全省上下团结奋斗。", FactContext(2026, "甘肃")) == (
        "在{{ scope }}委坚强领导下，全省上下团结奋斗。"
    )
    # A municipality's 市委 is its own; a province's report leaves 各市政府 and 城市政府 alone.
    assert fill_facts("在市委坚强领导下推进工作。", FactContext(2026, "天津")) == (
        "在{{ scope }}委坚强领导下推进工作。"
    )
    unchanged = "赋予城市政府更大自主权，支持各市政府统筹推进。"
    assert fill_facts(unchanged, FactContext(2026, "甘肃")) == unchanged
    # A seed speech's 市委 may be a level above the speaker's: only reports are read this way.
    seed = "信访稳定工作被市委、市政府授予称号，全市上下团结一心。"
    assert fill_facts(seed, FactContext(None, "")) == seed
    assert slot_scope("加快建设交通强区、教育强市，要加强区间调控，增强市场活力。") == (
        "加快建设交通强{{ scope }}、教育强{{ scope }}，要加强区间调控，增强市场活力。"
    )
    assert slot_scope("全乡治安明显好转，乡党委、政府要健全乡村治理，本乡本土。") == (
        "全{{ scope }}治安明显好转，{{ scope }}党委、政府要健全乡村治理，本乡本土。"
    )
