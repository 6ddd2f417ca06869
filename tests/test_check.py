"""draftkit check: every rule on real draft files, and 查重 against the seed corpus."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest

import draftkit
from draftkit.bank.overlap import OverlapIndex, SourceSpeech
from draftkit.bank.sources import (
    build_index,
    default_index_path,
    dump_index,
    find_index,
    load_index,
    save_index,
)
from draftkit.bank.store import load_bank
from draftkit.errors import BankError, CorpusError
from draftkit.review.check import check_file, check_text, draft_date, render_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = CORPUS / "seeds"
REPORTS = CORPUS / "reports"

# One defect per paragraph (two in ¶5, ¶8, ¶12, ¶14), with the findings they must raise.
DEFECTIVE = [
    "在全市机关作风建设推进会上的讲话",
    "（2026年11月22日）",
    "同志们：",
    "今天我们召开XX县机关作风建设推进会。",
    "会议由某某同志主持，××同志负责会务。",
    "20*年以来，各项工作扎实推进。",
    "本次活动定于  月  日启动。",
    "请各单位于（ ）前报送材料，按【】格式填写。",
    "会议名称为【待填：会议名称】。",
    "一、提高认识，统一思想。",
    "（二）明确目标任务",
    "我们要认真落实“十四五”规划的部署,确保各项任务落到实处。",
    "二、强化措施，狠抓落实",
    "四、强化措施，狠抓落实",
    "各部门要加强协调。。形成工作合力。",
    "要坚持（问题导向，持续改进作风。",
    "作风建设永远在路上，必须常抓不懈。作风建设永远在路上，必须常抓不懈。",
    "真抓实干，真抓实干，真抓实干，真抓实干，久久为功。",
]
EXPECTED = {
    ("placeholder", 4),
    ("placeholder", 5),
    ("placeholder-date", 6),
    ("placeholder-date", 7),
    ("empty-brackets", 8),
    ("fill-in", 9),
    ("heading-period", 10),
    ("missing-first-subpoint", 11),
    ("dated", 12),
    ("halfwidth-punct", 12),
    ("heading-order", 14),
    ("similar-headings", 14),
    ("doubled-punct", 15),
    ("unpaired", 16),
    ("repeated-sentence", 17),
    ("repeated-phrase", 18),
}

CLEAN = [
    "在全市机关作风建设推进会上的讲话",
    "（2026年11月22日）",
    "同志们：",
    "今天召开这次推进会，主要是总结前一阶段机关作风建设的做法，分析存在的不足，安排下一步工作。"
    "刚才，三个单位作了交流发言，讲得很实在，请大家会后认真对照。",
    "一、把握形势，认清作风建设的新要求",
    "这一年来，各单位坚持从具体问题改起，办事流程更短了，群众等候的时间更少了，机关的风气有了新的"
    "变化。同时也要看到，一些部门仍有推诿扯皮的现象，个别干部服务意识不强，这些问题必须下决心解决。",
    "二、突出重点，抓好今后一个时期的工作",
    "（一）精简会议文件。能合并的会议一律合并，能用电话说清的事情不再发文，把干部从文山会海中解放"
    "出来。",
    "（二）改进窗口服务。推行一次告知和限时办结，办事指南要写清楚、贴出来，让群众少跑腿。",
    "（三）加强督查问效。每季度开展一次明察暗访，发现问题及时通报，督促整改到位。",
    "三、压实责任，确保各项措施落地见效",
    "各单位主要负责同志是第一责任人，要亲自部署、亲自过问。分管同志要各负其责，一级抓一级，"
    "层层抓落实。今年的目标是把群众满意率提高2.5个百分点，10:30以后的窗口也要有人值守。",
    "同志们，作风建设只有起点，没有终点。希望大家以这次会议为新的开始，以更加务实的作风推动各项"
    "工作，为全市高质量发展作出新的贡献。",
]


@pytest.fixture(scope="module")
def speeches(seed_speeches):
    return seed_speeches


@pytest.fixture(scope="module")
def index(speeches):
    return build_index(speeches)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def write_txt(path: Path, paragraphs: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(paragraphs).encode(encoding))
    return path


def write_md(path: Path, paragraphs: list[str]) -> Path:
    lines = [f"# {paragraphs[0]}", ""]
    for text in paragraphs[1:]:
        heading = text.startswith(("一、", "二、", "三、", "四、"))
        lines += [f"## {text}" if heading else text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for n, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if n % 4 == 0:
            document.add_paragraph("")  # blank paragraphs are not counted
    document.save(str(path))
    return path


WRITERS = {".txt": write_txt, ".md": write_md, ".docx": write_docx}


def found(report) -> set[tuple[str, int]]:
    return {(f.code, f.paragraph) for f in report.findings if f.severity != "info"}


# --- every defect, in every format --------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_it_finds_each_defect_in_a_file(tmp_path, suffix, bank, index):
    path = WRITERS[suffix](tmp_path / f"draft{suffix}", DEFECTIVE)
    report = check_file(path, bank=bank, overlap=index)
    assert found(report) == EXPECTED
    assert report.paragraphs == len(DEFECTIVE)
    assert report.path == str(path)


def test_it_reads_a_gb18030_text_file(tmp_path):
    path = write_txt(tmp_path / "draft.txt", DEFECTIVE, encoding="gb18030")
    assert found(check_file(path)) == EXPECTED


def test_our_fill_ins_are_warnings_and_other_placeholders_errors():
    report = check_text(DEFECTIVE[:10])
    severity = {f.code: f.severity for f in report.findings}
    assert severity["fill-in"] == "warning"
    assert {severity[c] for c in ("placeholder", "placeholder-date", "empty-brackets")} == {"error"}
    fill = next(f for f in report.findings if f.code == "fill-in")
    assert "会议名称" in fill.message and fill.excerpt == "【待填：会议名称】"


def test_it_reports_each_placeholder_once():
    report = check_text(["会议由某某同志主持，××同志负责，20**年底完成，XX县参加。"])
    hits = sorted((f.code, f.excerpt) for f in report.findings)
    assert [code for code, _ in hits] == [
        "placeholder",
        "placeholder",
        "placeholder",
        "placeholder-date",
    ]


def test_numbers_are_not_placeholders_or_half_width_punctuation():
    text = "投资1,000万元，增长2.5个百分点，10:30开会，面积3×4米，11月22日召开，二〇二六年十一月。"
    assert check_text([text]).findings == ()


def test_half_width_marks_in_chinese_text_are_found():
    report = check_text(["我们要抓落实,抓关键;真正做到(一)有序推进."])
    (finding,) = [f for f in report.findings if f.code == "halfwidth-punct"]
    assert "," in finding.message and ";" in finding.message and "(" in finding.message
    assert "，" in finding.suggestion


def test_the_clean_draft_has_no_errors_or_warnings(bank, index):
    report = check_text(CLEAN, bank=bank, overlap=index, length=450)
    assert report.errors == 0
    assert [f for f in report.findings if f.severity == "warning"] == []
    assert report.date == dt.date(2026, 11, 22) and report.date_source == "document"


# --- headings -----------------------------------------------------------------------------------


def test_sub_points_restart_under_each_level_one_heading():
    draft = ["一、认清形势", "（一）甲项工作", "（二）乙项工作", "二、明确任务", "（一）丙项工作"]
    assert check_text(draft).findings == ()


def test_a_sentence_opening_with_two_numerals_is_not_a_heading():
    draft = ["一、认清形势", "一、二季度经济运行总体平稳，各项指标好于预期。", "二、明确任务"]
    assert check_text(draft).findings == ()


def test_a_missing_first_sub_point_names_the_heading_above_it():
    report = check_text(["一、认清形势", "（一）甲项工作", "（2）乙项要求"])
    assert [(f.code, f.paragraph) for f in report.findings] == [("missing-first-subpoint", 3)]
    assert report.findings[0].message == "“（一）”下第一条是 （2），缺少 （1）"


def test_near_identical_headings_are_reported():
    report = check_text(["一、加强组织领导", "二、强化组织领导"])
    assert found(report) == {("similar-headings", 2)}
    assert "几乎相同" in report.findings[0].message


def test_a_first_level_one_heading_other_than_one_is_out_of_order():
    report = check_text(["二、认清形势"])
    assert [(f.code, f.suggestion) for f in report.findings] == [("heading-order", "改为 一、")]


# --- repetition ---------------------------------------------------------------------------------


def test_a_slogan_quoted_more_than_three_times_is_reported():
    draft = [f"第{n}段要落实“三个一”工作法。" for n in range(1, 6)]
    report = check_text(draft)
    # the five sentences differ in one digit only: each after the first is a near-duplicate too
    near = {("near-duplicate", n) for n in range(2, 6)}
    assert found(report) == {("repeated-slogan", 4)} | near
    (slogan,) = [f for f in report.findings if f.code == "repeated-slogan"]
    assert "用了 5 次" in slogan.message


def test_a_bank_idiom_counts_even_inside_a_clause(bank):
    draft = [
        "我们要真抓实干地推进。",
        "各级要真抓实干。",
        "干部要真抓实干地工作。",
        "更要真抓实干起来。",
    ]
    assert ("repeated-phrase", 4) in found(check_text(draft, bank=bank))
    assert ("repeated-phrase", 4) not in found(check_text(draft))


# --- dated wording and names --------------------------------------------------------------------


def test_a_dated_term_names_what_is_current_in_2026():
    report = check_text(["我们要认真谋划十四五规划的各项工作。"], date=dt.date(2026, 3, 1))
    (finding,) = report.findings
    assert finding.code == "dated" and finding.severity == "warning"
    assert "2026" in finding.message and "十五五" in finding.suggestion
    assert report.date_source == "given"


def test_the_same_term_is_current_in_2023():
    assert (
        check_text(["我们要认真谋划十四五规划的各项工作。"], date=dt.date(2023, 3, 1)).findings
        == ()
    )


def test_a_dated_term_said_of_a_year_it_was_current_in_is_no_finding():
    # A March 2026 meeting reviews 2025: "2025年是“十四五”收官之年" speaks of that year.
    past = check_text(
        ["2025年是“十四五”收官之年。总的看，这一年工作推进有力。"], date=dt.date(2026, 3, 1)
    )
    assert [f for f in past.findings if f.code == "dated"] == []
    # The same term said of the draft's own year is still found.
    now = check_text(
        ["2026年是“十四五”开局之年。总的看，这一年工作推进有力。"], date=dt.date(2026, 3, 1)
    )
    assert [f.code for f in now.findings] == ["dated"]


def test_the_date_comes_from_the_byline_then_any_date_then_today():
    assert draft_date(["标题", "（二〇二六年十一月二十二日）"]) == (
        dt.date(2026, 11, 22),
        "document",
    )
    assert draft_date(["2025年6月28日上午召开"]) == (dt.date(2025, 6, 28), "document")
    body = ["标题", "同志们：", *["正文。"] * 5, "2025年6月28日上午", "（2024年1月2日）"]
    assert draft_date(body) == (dt.date(2025, 6, 28), "document")
    today = dt.date(2030, 1, 2)
    assert draft_date(["没有日期"], today=today) == (today, "today")


def test_a_source_name_from_the_bank_is_a_warning(bank):
    assert "南阳市" in bank.names
    report = check_text(["南阳市委要加强领导，确保工作落实。"], bank=bank)
    assert found(report) == {("source-name", 1)}
    assert "南阳市" in report.findings[0].message


def test_a_name_inside_another_word_is_not_reported(bank):
    # 大县 and 化繁 were tagger slips in the corpus; whatever the bank holds, the characters
    # of 壮大县域 and 文化繁荣 name nothing.
    report = check_text(["发展壮大县域经济，推动文化繁荣兴盛，认清形势的严峻复杂。"], bank=bank)
    assert [f for f in report.findings if f.code == "source-name"] == []
    named = check_text(["发展壮大县域经济，南阳市委要加强领导。"], bank=bank)
    assert found(named) == {("source-name", 1)}


def test_a_place_the_patterns_see_is_a_note_when_the_tagger_agrees(bank):
    report = check_text(
        ["泗洪县教育局和溧水县要密切配合，建设美丽乡村，推动全市上下形成合力。"], bank=bank
    )
    assert {(f.code, f.severity, f.message) for f in report.findings} == {
        ("place-name", "info", "“溧水县”是一个地方或单位"),
        ("place-name", "info", "“泗洪县教育局”是一个地方或单位"),
    }


def test_length_is_checked_against_the_target():
    draft = ["一" * 880]
    assert found(check_text(draft, length=1000)) == {("length", 0)}
    assert found(check_text(draft, length=950)) == set()
    assert found(check_text(draft, length=800)) == set()
    assert check_text(draft, length=1000).findings[0].suggestion == "补写约 120 字"
    assert check_text(draft, length=700).findings[0].suggestion == "删去约 180 字"


# --- 查重 -----------------------------------------------------------------------------------------


def copied_draft(speeches):
    speech = next(s for s in speeches if s.title == "政务讲话范文篇3")
    body = draftkit.reading.gate.body_paragraphs(speech.sections)
    first, second = sorted(body, key=len)[-2:]
    return speech, first, second


def test_copied_paragraphs_are_traced_to_their_speech(tmp_path, speeches, index):
    speech, first, second = copied_draft(speeches)
    draft = ["同志们：", first, "今天的会议开得很好，大家要把会议精神带回去，抓紧落实。", second]
    report = check_file(write_docx(tmp_path / "copied.docx", draft), overlap=index)
    copied = {f.paragraph: f for f in report.findings if f.code == "copied"}
    assert set(copied) == {2, 4}
    assert all(speech.title in f.message for f in copied.values())
    assert report.overlap.top.speech.title == speech.title
    assert report.overlap.top.share > 0.9
    overlap = next(f for f in report.findings if f.code == "overlap")
    assert overlap.severity == "error" and speech.title in overlap.message


def test_an_original_paragraph_has_no_overlap(index):
    text = CLEAN[5]
    assert index.spans(text) == []
    result = index.compare([text])
    assert result.covered == 0 and result.top is None and result.longest == (None,)


def test_a_span_is_found_despite_changed_punctuation(index, speeches):
    _, first, _ = copied_draft(speeches)
    changed = first.replace("，", "、").replace("。", "；")
    assert max(m.size for m in index.spans(changed)) >= 0.9 * len(first.replace("，", ""))


def test_a_copied_run_of_fifteen_characters_is_found_wherever_it_starts(index, speeches):
    _, first, _ = copied_draft(speeches)
    plain = "".join(ch for ch in first if "\u4e00" <= ch <= "\u9fff")
    for offset in range(40, 49):  # every phase of the n-gram stride
        run = plain[offset : offset + 15]
        (match,) = index.spans(f"我们讲一点体会。{run}。这是新的内容。")
        assert match.size == 15 and match.speech.title == "政务讲话范文篇3"


def test_overlapping_sources_each_get_their_full_share(speeches):
    _, first, _ = copied_draft(speeches)
    third = len(first) // 3
    head, tail = first[: 2 * third], first[third:]  # both hold the middle third
    index = OverlapIndex(
        [SourceSpeech("a.txt", "前稿", (head,)), SourceSpeech("b.txt", "后稿", (tail,))]
    )
    result = index.compare([first])
    assert result.covered == result.total
    assert sorted(s.speech.title for s in result.sources) == ["前稿", "后稿"]
    assert all(0.6 < s.share < 0.7 for s in result.sources)
    assert sum(m.size for m in result.matches[0]) == result.total  # each character credited once


def test_the_index_file_round_trips_byte_for_byte(tmp_path, speeches, index):
    path = default_index_path(tmp_path)
    assert path.name == "sources.json.gz"
    save_index(index, path)
    loaded = load_index(path)
    assert dump_index(loaded) == path.read_bytes() == dump_index(build_index(speeches))
    assert loaded.speeches == index.speeches
    speech, first, second = copied_draft(speeches)
    assert loaded.compare([first, second]) == index.compare([first, second])
    assert find_index(tmp_path) is not None and find_index(tmp_path / "none") is None


def test_a_broken_index_file_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="找不到查重索引"):
        load_index(tmp_path / "sources.json.gz")
    (tmp_path / "bad.json.gz").write_bytes(b"not gzip")
    with pytest.raises(BankError, match="无法读取"):
        load_index(tmp_path / "bad.json.gz")


# --- the report ---------------------------------------------------------------------------------


def test_findings_are_sorted_by_severity_then_paragraph(bank, index):
    report = check_text(DEFECTIVE, bank=bank, overlap=index)
    order = {"error": 0, "warning": 1, "info": 2}
    keys = [(order[f.severity], f.paragraph) for f in report.findings]
    assert keys == sorted(keys)
    assert report.errors == 9 and report.warnings == 9


def test_the_json_report_has_a_stable_shape(bank, index, speeches):
    _, first, _ = copied_draft(speeches)
    report = check_text([*DEFECTIVE, first], bank=bank, overlap=index)
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert set(data) == {
        "path",
        "date",
        "date_source",
        "length",
        "target",
        "paragraphs",
        "errors",
        "warnings",
        "infos",
        "findings",
        "overlap",
    }
    assert data["date"] == "2026-11-22" and data["errors"] == report.errors
    assert set(data["findings"][0]) == {
        "severity",
        "code",
        "message",
        "paragraph",
        "excerpt",
        "suggestion",
    }
    overlap = data["overlap"]
    assert set(overlap) == {"characters", "covered", "share_any", "share", "source", "sources"}
    assert set(overlap["source"]) == {"file", "title", "share"}
    assert 0 < overlap["share"] <= overlap["share_any"] <= 1
    assert check_text(["同志们："]).to_json()["overlap"] is None


def test_the_text_rendering_groups_by_severity():
    text = render_text(check_text(DEFECTIVE))
    assert text.index("\n错误\n") < text.index("\n提醒\n")
    assert "¶14  标题序号：" in text and "→ 改为 三、" in text
    assert text.startswith("9 个错误，9 个提醒，0 条说明\n日期 2026-11-22（从稿中读取）")


def test_an_unsupported_or_missing_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="无法检查"):
        check_file(tmp_path / "draft.pdf")
    with pytest.raises(CorpusError, match="文件不存在"):
        check_file(tmp_path / "draft.txt")


def test_a_standard_formula_quoted_word_for_word_is_not_reported_as_copied(tmp_path):
    from draftkit.bank.sources import build_index
    from draftkit.review.check import check_text

    speeches, _, _ = draftkit.understand_corpus([SEEDS])
    index = build_index(speeches)
    draft = ["同志们：", "我们要坚持以习近平新时代中国特色社会主义思想为指导，把各项工作做细做实。"]
    report = check_text(draft, overlap=index)
    assert [f for f in report.findings if f.code == "copied"] == []
