"""draftkit check reads a draft as one argument: back-references, near-duplicates, headings
their bodies never develop, review and plan years against the date, instructions that do not
suit the audience. Each rule finds a planted defect and passes a clean draft; none floods a real
speech of the seed corpus."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from draftkit.errors import BankError
from draftkit.reading.segment import sentences
from draftkit.review.check import body_start, check_text, draft_date
from draftkit.review.coherence import (
    MIN_COMPARED,
    _bigrams,
    _compared_form,
    audience_bodies,
    audience_of,
    back_references,
    coherence,
    near_duplicates,
    off_heading,
    period_years,
    similar_pairs,
)
from draftkit.review.coherence_data import load_coherence

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

# A year-end work meeting that does everything right: it reviews 2026 and plans 2027, names its
# problems before 对这些问题, numbers 一是 before 二是, develops every sub-heading, says nothing
# twice, and instructs the bodies of the cadres it is speaking to.
CLEAN = [
    "在全区招商引资工作会议上的讲话",
    "（2026年12月8日）",
    "同志们：",
    "今天召开全区招商引资工作会议，主要任务是总结2026年招商引资工作，分析当前形势，部署2027年"
    "重点任务。刚才，区商务局通报了全年项目落地情况，三个街道作了交流发言，讲得都很实在。",
    "一、今年招商引资取得了新的进展",
    "（一）签约项目数量和质量同步提升",
    "全年新签约项目46个，其中制造业项目占到一半以上。"
    "一批投资过亿元的项目从签约到开工不到半年，项目质量明显好于往年。",
    "（二）存在的问题也不容忽视",
    "有的街道重签约、轻落地，项目开工率不高；个别部门审批环节仍然偏多，企业反映办事要跑好几趟。"
    "对这些问题，我们必须正视，逐项拿出解决办法。",
    "二、明年要重点抓好三件事",
    "（一）抓产业链招商",
    "围绕新能源汽车零部件和生物医药两条产业链，梳理缺失环节，列出目标企业清单。"
    "一是盯住链主企业，由区领导带队登门拜访；二是用好产业基金，以投带引；三是建立项目专班，一企一策跟踪服务。",
    "（二）抓项目落地",
    "签约只是第一步，落地投产才是硬道理。对已签约项目实行挂图作战，每月通报开工、投产进度，"
    "对进展滞后的项目，由分管区领导牵头协调解决。",
    "（三）抓营商环境",
    "企业来不来、留不留，很大程度上看营商环境。要推行帮办代办，把企业开办时间压缩到一天以内，"
    "让企业在我区办事少跑腿、不添堵。",
    "三、压实责任，确保任务落地",
    "各级各部门要把招商引资作为一把手工程，主要负责同志亲自抓。区委督查室要按季度督查，"
    "年底前公布考核结果。",
    "同志们，明年的目标已经明确，关键在于落实。希望大家拿出干劲，一项一项抓到位。",
]

# A symposium with entrepreneurs that asks them for things in its own words.
SYMPOSIUM = [
    "在全区民营企业座谈会上的讲话",
    "（2026年12月15日）",
    "各位企业家朋友、同志们：",
    "今天请大家来，主要是听一听企业的真实想法，看看我们的服务还有哪些不到位的地方。",
    "一、感谢大家对全区发展的贡献",
    "这一年，全区民营企业克服订单减少、成本上升等困难，保持了生产经营总体稳定，"
    "为全区稳就业、稳增长出了大力。",
    "二、对大家提几点希望",
    "希望各位企业家坚定发展信心，专注主业，把企业做精做强。"
    "希望大家守法诚信经营，带头履行社会责任，多吸纳本地劳动力就业。",
    "同志们，企业发展得好，全区发展才有底气。祝大家的企业兴旺发达！",
]

DECEMBER = dt.date(2026, 12, 8)


def codes(findings) -> list[tuple[str, int]]:
    return sorted((f.code, f.paragraph) for f in findings)


def with_(draft: list[str], at: int, *replacement: str) -> list[str]:
    """The draft with paragraph ``at`` (0-based) replaced by ``replacement``."""
    return [*draft[:at], *replacement, *draft[at + 1 :]]


# --- clean drafts -------------------------------------------------------------------------------


def test_a_clean_year_end_speech_has_no_coherence_finding():
    assert coherence(CLEAN, body_start(CLEAN), date=DECEMBER) == []


def test_a_clean_symposium_with_entrepreneurs_has_no_coherence_finding():
    assert coherence(SYMPOSIUM, body_start(SYMPOSIUM), date=dt.date(2026, 12, 15)) == []


def test_check_text_runs_the_coherence_rules_on_a_clean_draft_without_a_warning():
    report = check_text(CLEAN)
    assert [f for f in report.findings if f.severity != "info"] == []


# --- back-references ----------------------------------------------------------------------------


def test_these_problems_under_achievements_with_no_problem_named_is_found():
    draft = with_(
        CLEAN,
        6,
        "全年新签约项目46个，其中制造业项目占到一半以上。"
        "对这些问题，我们必须高度重视，采取有力措施认真加以解决。",
    )
    (finding,) = back_references(draft, body_start(draft))
    assert (finding.code, finding.paragraph) == ("dangling-reference", 7)
    assert "对这些问题" in finding.message and "没有点出任何问题" in finding.message
    assert finding.severity == "warning"


def test_these_problems_after_the_problems_are_named_is_in_order():
    assert list(back_references(CLEAN, body_start(CLEAN))) == []


def test_a_second_item_without_a_first_is_found():
    draft = with_(CLEAN, 11, "围绕两条产业链梳理缺失环节。二是用好产业基金，以投带引。")
    (finding,) = back_references(draft)
    assert finding.paragraph == 12
    assert "有“二是”，前面却没有“一是”" in finding.message
    assert "补上“一是”" in finding.suggestion


def test_likewise_as_the_first_sentence_of_a_section_is_found():
    draft = with_(CLEAN, 15, "同样，企业来不来、留不留，很大程度上看营商环境。要推行帮办代办。")
    (finding,) = back_references(draft)
    assert finding.paragraph == 16
    assert "“同样”是这一部分的第一句" in finding.message


def test_likewise_after_a_sentence_of_its_own_section_is_in_order():
    draft = with_(CLEAN, 15, "要推行帮办代办。同样，要把企业开办时间压缩到一天以内。")
    assert list(back_references(draft)) == []


def test_numbered_items_restart_under_each_heading():
    draft = with_(CLEAN, 13, "一是实行挂图作战。二是每月通报进度。")
    draft = with_(draft, 15, "二是推行帮办代办，让企业少跑腿。")  # 一是 is in the section above
    assert codes(back_references(draft)) == [("dangling-reference", 16)]


# --- near-duplicates ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden_pairs():
    return yaml.safe_load((DATA / "near_duplicates.yaml").read_text(encoding="utf-8"))


def test_the_threshold_separates_the_golden_pairs(golden_pairs):
    for first, second in golden_pairs["same"]:
        assert similar_pairs([first, second]), (first, second)
    for first, second in golden_pairs["different"]:
        assert not similar_pairs([first, second]), (first, second)


def test_a_near_twin_anywhere_in_the_draft_is_found():
    draft = with_(
        CLEAN,
        17,
        "各级各部门要把招商引资作为一把手工程，主要负责同志亲自抓。"
        "签约只是第一步，落地投产才是最硬的道理。",
    )
    (finding,) = near_duplicates(draft, body_start(draft))
    assert (finding.code, finding.paragraph) == ("near-duplicate", 18)
    assert "与第14段的“签约只是第一步" in finding.message and "相似度" in finding.message


def test_a_word_for_word_repeat_is_left_to_the_repeated_sentence_rule():
    draft = with_(CLEAN, 18, "签约只是第一步，落地投产才是硬道理。")
    assert list(near_duplicates(draft)) == []
    assert ("repeated-sentence", 19) in codes(check_text(draft).findings)


def test_items_of_one_enumeration_are_parallel_not_repeated():
    draft = ["一是提高机关干部思想素质。", "二是提高机关干部业务素质。"]
    assert similar_pairs(draft) and list(near_duplicates(draft)) == []


def test_prefix_filtering_finds_exactly_the_pairs_all_pairs_would(seed_speeches):
    texts = [s for speech in seed_speeches[:6] for p in _paragraphs(speech) for s in sentences(p)]
    grams = [_grams(text) for text in texts]
    slow = [
        (i, j)
        for (i, a), (j, b) in itertools.combinations(enumerate(grams), 2)
        if a and b and len(a & b) / len(a | b) >= 0.4
    ]
    assert len(texts) > 500 and slow
    assert [(i, j) for i, j, _ in similar_pairs(texts, 0.4)] == slow


def test_near_duplicates_of_a_ten_thousand_character_draft_take_well_under_a_second(
    seed_speeches,
):
    draft = [p for speech in seed_speeches[1:3] for p in _paragraphs(speech)]
    assert sum(len(p) for p in draft) > 10_000
    started = time.perf_counter()
    list(near_duplicates(draft))
    assert time.perf_counter() - started < 1.0


# --- headings their bodies never develop --------------------------------------------------------


def test_a_sub_section_that_never_mentions_its_point_is_found():
    draft = with_(
        CLEAN,
        14,
        "（三）强化宣传引导",
    )
    (finding,) = off_heading(draft, body_start(draft))
    assert (finding.code, finding.paragraph) == ("off-heading", 15)
    assert finding.message == "（三）强化宣传引导 下面没有一句谈到“宣传”或“引导”"


def test_a_near_match_of_the_heading_word_counts():
    body = "要用好区融媒体中心，做好舆论宣传，讲好企业在我区发展的故事。每季度发布一次项目进展。"
    draft = with_(CLEAN, 14, "（三）强化宣传工作", body)
    draft = draft[:16] + draft[17:]  # the old 营商环境 body goes
    assert list(off_heading(draft)) == []


def test_level_three_headings_below_belong_to_the_sub_section():
    draft = [
        "一、重点任务",
        "（一）强化宣传引导",
        "1.办好专题栏目",
        "在区电视台开设专栏，集中宣传一批招商引资典型。每月更新一期。",
        "（二）抓项目落地",
        "对已签约项目实行挂图作战。每月通报开工、投产进度。",
    ]
    assert list(off_heading(draft)) == []


# --- review and plan years ----------------------------------------------------------------------


def test_last_year_reviewed_and_this_year_planned_at_year_end_is_found():
    draft = with_(
        CLEAN,
        3,
        "今天召开全区招商引资工作会议，主要任务是总结2025年招商引资工作，部署2026年重点任务。",
    )
    found = list(period_years(draft, dt.date(2026, 12, 1), body_start(draft)))
    assert codes(found) == [("period-year", 4), ("period-year", 4)]
    review, plan = found
    assert "年末" in review.message and "应总结2026年、部署2027年" in review.message
    assert "“总结2025年”" in review.message and review.suggestion == "总结的应是2026年"
    assert "“部署2026年”" in plan.message and plan.suggestion == "部署的应是2027年"


def test_the_same_years_fit_an_early_year_meeting():
    draft = with_(CLEAN, 3, "主要任务是总结2025年招商引资工作，部署2026年重点任务。")
    assert list(period_years(draft, dt.date(2026, 1, 20))) == []


def test_a_mid_year_meeting_reviews_the_first_half_and_plans_the_second():
    draft = ["同志们：", "今天主要是总结上半年工作，部署下半年任务。"]
    assert list(period_years(draft, dt.date(2026, 7, 10))) == []
    (finding,) = period_years(draft, dt.date(2026, 12, 10))
    assert "“部署下半年”" in finding.message


def test_spans_deadlines_and_dates_are_not_periods():
    draft = [
        "同志们：",
        "回顾2021年以来的工作，我们走过了不平凡的历程。部署到2030年的远景目标。"
        "2025年3月召开的总结会上，大家提了很多意见。",
    ]
    assert list(period_years(draft, dt.date(2026, 12, 10))) == []


def test_the_years_are_checked_only_against_a_known_date():
    draft = ["同志们：", "今天主要是总结2020年工作，部署2021年任务。"]
    assert not [f for f in check_text(draft).findings if f.code == "period-year"]
    dated = check_text(draft, date=dt.date(2026, 12, 1)).findings
    assert [f.code for f in dated if f.code == "period-year"] == ["period-year"] * 2


# --- the audience -------------------------------------------------------------------------------


def test_instructions_to_bodies_in_a_speech_to_entrepreneurs_are_found():
    draft = with_(
        SYMPOSIUM,
        7,
        "希望各位企业家坚定发展信心。各级各部门要迅速传达会议精神，结合实际抓好贯彻落实。"
        "纪检监察机关要加强监督执纪问责。",
    )
    found = list(audience_bodies(draft, body_start(draft)))
    assert codes(found) == [("audience-body", 8), ("audience-body", 8)]
    assert found[0].message == (
        "讲话对象是企业家（各位企业家朋友、同志们：）：“传达会议精神”只对本系统干部讲，不宜对企业家讲"
    )
    assert "“纪检监察”只对本系统干部讲" in found[1].message
    assert "希望大家" in found[0].suggestion


def test_a_task_for_the_departments_is_not_set_in_front_of_entrepreneurs_unless_it_serves_them():
    draft = with_(SYMPOSIUM, 7, "各级各部门要加强协调配合，形成工作合力。")
    (finding,) = audience_bodies(draft)
    assert finding.message.endswith("对企业家讲话，不宜给“各级各部门”布置任务")
    draft = with_(SYMPOSIUM, 7, "各级各部门要主动靠前服务企业，帮助企业解决实际困难。")
    assert list(audience_bodies(draft)) == []


def test_bodies_the_speaker_does_not_lead_are_told_nothing_even_by_cadres():
    draft = ["同志们：", "区人大要加强对招商引资工作的监督。"]
    (finding,) = audience_bodies(draft)
    assert "“区人大”不归讲话人领导" in finding.message


def test_the_same_instructions_suit_cadres():
    draft = with_(SYMPOSIUM, 2, "同志们：")
    draft = with_(draft, 7, "各级各部门要迅速传达会议精神，结合实际抓好贯彻落实。")
    assert list(audience_bodies(draft)) == []


def test_the_audience_given_outranks_the_salutation():
    draft = ["同志们：", "各级各部门要迅速传达会议精神。"]
    assert list(audience_bodies(draft)) == []
    (finding,) = audience_bodies(draft, audience="企业代表")
    assert finding.message.startswith("讲话对象是企业家（企业代表）：")
    assert list(audience_bodies(draft, audience="先进代表和干部职工")) == []


@pytest.mark.parametrize(
    ("salutation", "kind"),
    [
        ("各位企业家朋友、同志们：", "entrepreneurs"),
        ("各位学员、同志们：", "trainees"),
        ("各位专家、同志们：", "experts"),
        ("各位来宾、朋友们：", "public"),
        ("各位代表、同志们：", "cadres"),  # said to a congress too: it does not tell
        ("同志们：", "cadres"),
    ],
)
def test_the_audience_is_read_from_the_salutation(salutation, kind):
    found, source = audience_of(["讲话", salutation, "正文。"])
    assert found is not None and (found.key, source) == (kind, salutation)


# --- data files ---------------------------------------------------------------------------------


def broken_copy(tmp_path: Path, name: str, spoil) -> Path:
    """The bundled data file ``name``, spoiled by ``spoil``, written to ``tmp_path``."""
    raw = yaml.safe_load((ROOT / "src/draftkit/data" / name).read_text("utf-8"))
    spoil(raw)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_a_malformed_coherence_file_names_the_field(tmp_path):
    path = broken_copy(
        tmp_path, "coherence.yaml", lambda raw: raw["back_references"][1].update(needs="x")
    )
    with pytest.raises(BankError) as caught:
        load_coherence(path)
    assert caught.value.field == "back_references[1]" and caught.value.path == str(path)


# --- a real speech ------------------------------------------------------------------------------


def test_the_rules_do_not_flood_the_real_speeches_of_the_seed_corpus(seed_speeches):
    total = found = 0
    for speech in seed_speeches:
        paragraphs = _paragraphs(speech)
        date, source = draft_date(paragraphs)
        findings = coherence(
            paragraphs, body_start(paragraphs), date=None if source == "today" else date
        )
        size = sum(len(p) for p in paragraphs)
        assert len(findings) <= 2 + size // 2000, (speech.title, codes(findings))
        total, found = total + size, found + len(findings)
    assert found <= total // 5000  # fewer than one finding per 5,000 characters overall


# --- through the real CLI -----------------------------------------------------------------------


def check_through_the_cli(path: Path, bank: Path, *options: str) -> dict:
    """``draftkit check FILE --json`` in a fresh process, against the seed corpus's bank."""
    run = subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", "check", str(path), "--bank", str(bank)]
        + [*options, "--json"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_cli_reports_the_coherence_findings(tmp_path, seed_bank):
    draft = with_(
        SYMPOSIUM,
        7,
        "希望各位企业家坚定发展信心。各级各部门要迅速传达会议精神，结合实际抓好贯彻落实。",
    )
    draft = with_(draft, 5, "同样，全区民营企业保持了生产经营总体稳定，为全区稳就业出了大力。")
    draft = with_(
        draft, 3, "今天请大家来，主要是总结2025年企业服务工作，部署2026年任务，听一听企业的想法。"
    )
    path = tmp_path / "座谈会讲话.txt"
    path.write_text("\n".join(draft) + "\n", encoding="utf-8")
    report = check_through_the_cli(path, seed_bank[0])
    found = {(f["code"], f["paragraph"]) for f in report["findings"]}
    assert {
        ("dangling-reference", 6),
        ("period-year", 4),
        ("audience-body", 8),
    } <= found
    messages = {f["code"]: f["message"] for f in report["findings"]}
    assert messages["audience-body"].startswith("讲话对象是企业家（各位企业家朋友、同志们：）")
    assert messages["dangling-reference"].startswith("“同样”是这一部分的第一句")


def test_the_cli_takes_the_audience_from_its_option(tmp_path, seed_bank):
    path = tmp_path / "讲话.txt"
    path.write_text("同志们：\n各级各部门要迅速传达会议精神，抓好贯彻落实。\n", encoding="utf-8")
    report = check_through_the_cli(path, seed_bank[0])
    assert [f for f in report["findings"] if f["code"] != "overlap"] == []
    report = check_through_the_cli(path, seed_bank[0], "--audience", "企业代表")
    (finding,) = [f for f in report["findings"] if f["code"] != "overlap"]
    assert (
        finding["code"] == "audience-body" and "讲话对象是企业家（企业代表）" in finding["message"]
    )


# --- helpers ------------------------------------------------------------------------------------


def _paragraphs(speech) -> list[str]:
    """A parsed speech laid out again as the paragraphs of a draft."""
    out = [speech.title, *speech.opening]

    def walk(section):
        if section.heading:
            out.append(section.number + section.heading)
        out.extend(section.paragraphs)
        for child in section.children:
            walk(child)

    for section in speech.sections:
        walk(section)
    return [p for p in [*out, *speech.closing] if p.strip()]


def _grams(text: str) -> frozenset[str]:
    """A sentence's bigrams as the rule compares them (none when too short)."""
    form = _compared_form(text)
    return _bigrams(form) if len(form) >= MIN_COMPARED else frozenset()
