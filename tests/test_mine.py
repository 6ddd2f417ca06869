"""The seed corpus in, the phrase bank out: real files, real numbers."""

from __future__ import annotations

import codecs
import filecmp
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

import draftkit
from draftkit.bank.sources import dump_sources, source_speech
from draftkit.bank.store import load_bank
from draftkit.errors import BankError, CorpusError

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SEEDS = CORPUS / "seeds"

NOISE = ("公务员之家", "本站", "下载文档", "客服", "预览阅读已结束", "您正在浏览")
TRADITIONAL = re.compile(
    "[們這個為說發來時會對國長門開關間動實現進過還與產點經業體應當樣頭種機學將總資務設計規員導領議評風廣]"
)


def strip(text):
    # The labels keep the half-width commas of the raw t2s text; the cleaner makes them full-width.
    return text.replace(",", "，").rstrip("。；，")


def test_it_finds_fourteen_speeches_and_forty_two_sections(seed_speeches):
    assert len(seed_speeches) == 14
    assert sum(len(s.sections) for s in seed_speeches) == 42


def test_level_one_headings_match_the_hand_labels(seed_speeches, labels):
    for speech, label in zip(seed_speeches, labels, strict=True):
        got = [strip(s.heading) for s in speech.sections]
        want = [strip(s["heading"]) for s in label["sections"]]
        assert got == want, speech.title


def test_role_accuracy_against_the_hand_labels_beats_the_keyword_baseline(seed_speeches, labels):
    pairs = [
        (section.role, gold["role"])
        for speech, label in zip(seed_speeches, labels, strict=True)
        for section, gold in zip(speech.sections, label["sections"], strict=True)
    ]
    accuracy = sum(got == want for got, want in pairs) / len(pairs)
    assert accuracy >= 0.9, accuracy


def test_every_section_and_sub_section_has_a_role(seed_speeches):
    def walk(sections):
        for s in sections:
            yield s
            yield from walk(s.children)

    roles = {s.role for sp in seed_speeches for s in walk(sp.sections)}
    assert roles <= {"回顾", "认识", "要求", "保障"}


def test_the_gate_flags_the_shuffled_and_spun_speeches(seed_speeches):
    flags = {s.title: s.flags for s in seed_speeches}
    assert "shuffled" in flags["政务讲话范文篇2"]
    assert "spun" in flags["在机关作风建设大会上的讲话"]
    assert "traditional" in flags["州机关行政效能建设动员大会上的讲话"]
    assert "flattened" in flags["在机关作风建设大会上的讲话"]


def test_opening_and_closing_are_found(seed_speeches):
    first = seed_speeches[0]
    assert any("讲几点意见" in p for p in first.opening)
    assert first.closing[-1] == "谢谢大家！"


def bank_texts(result):
    return [e.text for e in result.bank.entries if not e.specific]


def test_no_web_noise_or_traditional_script_survives(seed_bank):
    _, result = seed_bank
    for text in [e.text for e in result.bank.entries]:
        assert not any(n in text for n in NOISE), text
        assert not TRADITIONAL.search(text), text


def test_reusable_text_has_no_redaction_marks(seed_bank):
    _, result = seed_bank
    for text in bank_texts(result):
        plain = re.sub(r"\{\{.*?\}\}", "", text)
        assert "*" not in plain and "20*年" not in plain, text
        assert not re.search(r"(?<![\d一二三四五六七八九十])月日", plain), text


def test_reusable_text_names_no_source_place_or_person(seed_bank, source_names):
    _, result = seed_bank
    leaks = [(n, t) for t in bank_texts(result) for n in source_names if n in t]
    assert leaks == []


def test_topic_slots_make_headings_reusable(seed_bank):
    _, result = seed_bank
    headings = [e.text for e in result.bank.of("heading1")]
    assert "统一思想，提高认识，进一步增强做好{{ topic_work }}的责任感和紧迫感" in headings
    assert sum("{{ topic" in h for h in headings) >= 10


def test_every_entry_keeps_its_provenance(seed_bank):
    _, result = seed_bank
    for entry in result.bank.entries:
        assert entry.origins and entry.origins[0].file.endswith(".txt")


def test_mining_twice_gives_byte_identical_files(corpus_bank, tmp_path):
    first, _ = corpus_bank
    second = tmp_path / "again"
    draftkit.write_mined(draftkit.mine_corpus([CORPUS]), second)
    match, mismatch, errors = filecmp.cmpfiles(
        first, second, sorted(p.name for p in first.iterdir() if p.is_file()), shallow=False
    )
    assert mismatch == [] and errors == []


def test_the_bundled_bank_is_the_example_corpus_bank(corpus_bank):
    first, _ = corpus_bank
    bundled = load_bank().path
    names = sorted(p.name for p in first.iterdir() if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, bundled, names, shallow=False)
    assert mismatch == [] and errors == []


def test_a_hand_edit_with_a_bad_role_names_file_line_and_field(seed_bank, tmp_path):
    first, _ = seed_bank
    broken = tmp_path / "bank"
    draftkit.write_bank(load_bank(first), broken)
    path = broken / "heading1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("role: 认识", "role: 认知", 1), encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_bank(broken)
    assert info.value.path == str(path) and info.value.line and info.value.field.endswith(".role")


SAMPLE_T = (
    "同志們：\n今天我們召開會議。下面，我講幾點意見。\n"
    "一、統一思想，提高認識\n這項工作很重要，我們要認真做好。\n"
)


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf8_bom.txt", codecs.BOM_UTF8 + SAMPLE_T.encode("utf-8")),
        ("big5.txt", SAMPLE_T.encode("big5")),
        ("gbk.txt", SAMPLE_T.encode("gb18030")),
        ("utf16.txt", SAMPLE_T.encode("utf-16")),
    ],
)
def test_text_files_in_any_common_encoding_are_read_and_simplified(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    speeches, skipped, _ = draftkit.understand_corpus([tmp_path])
    assert skipped == []
    assert speeches[0].sections[0].heading == "统一思想，提高认识"


def test_a_docx_speech_is_read(tmp_path):
    document = WordDocument()
    for line in SAMPLE_T.strip().split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "speech.docx")
    speeches, _, _ = draftkit.understand_corpus([tmp_path])
    assert speeches[0].sections[0].heading == "统一思想，提高认识"


def test_bad_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(SAMPLE_T, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x00")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    speeches, skipped, _ = draftkit.understand_corpus([tmp_path])
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in ((s.path, s.reason) for s in skipped)}
    assert len(speeches) == 1
    assert "二进制" in reasons["binary.txt"]
    assert "空的" in reasons["empty.txt"]
    assert ".docx" in reasons["broken.docx"]
    assert "不支持" in reasons["image.png"]


def test_an_empty_corpus_is_an_error_that_says_so(tmp_path):
    with pytest.raises(CorpusError, match="没有可读的讲话稿"):
        draftkit.understand_corpus([tmp_path])


def test_an_unreadable_directory_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "ok.txt").write_text(SAMPLE_T, encoding="utf-8")
    locked.chmod(0)
    try:
        speeches, skipped, _ = draftkit.understand_corpus([tmp_path])
    finally:
        locked.chmod(0o755)
    assert len(speeches) == 1
    import os

    if os.geteuid() != 0:  # root reads any folder
        assert any("无法读取" in s.reason for s in skipped)


def test_a_speech_without_numbered_headings_is_sectioned_by_its_enumeration(tmp_path):
    (tmp_path / "speech.txt").write_text(
        "在全市防汛工作会议上的讲话\n同志们：\n今天，我们召开全市防汛工作会议，下面，我讲几点意见。\n"
        "第一，要充分认识防汛工作的重要性。防汛工作事关人民群众生命财产安全，必须高度重视。\n"
        "第二，要突出抓好重点环节。要加强水库巡查，做好群众转移。\n"
        "第三，要加强组织领导。各级主要负责同志要靠前指挥，落实防汛责任制。\n"
        "同志们，防汛工作责任重大。谢谢大家！\n",
        encoding="utf-8",
    )
    (speech,), _, _ = draftkit.understand_corpus([tmp_path])
    assert [s.role for s in speech.sections] == ["认识", "要求", "保障"]
    assert speech.opening[-1].endswith("我讲几点意见。")
    assert speech.closing == ("同志们，防汛工作责任重大。谢谢大家！",)


def test_speeches_pasted_one_after_another_are_split(tmp_path):
    first = (
        "在全县安全生产工作会议上的讲话\n同志们：\n下面，我讲两点意见。\n"
        "一、提高认识，增强责任感\n安全生产责任重于泰山，我们要高度重视。\n"
        "二、加强领导，落实责任\n各级要压实责任，确保安全。\n谢谢大家！\n"
    )
    second = (
        "在全市防汛工作会议上的讲话\n同志们：\n下面，我讲两点意见。\n"
        "一、提高认识，增强责任感\n防汛工作事关群众安全，我们要高度重视。\n"
        "二、加强领导，落实责任\n各级要压实责任，确保安全度汛。\n"
    )
    (tmp_path / "two.txt").write_text(first + second, encoding="utf-8")
    speeches, _, _ = draftkit.understand_corpus([tmp_path])
    assert [s.title for s in speeches] == [
        "在全县安全生产工作会议上的讲话",
        "在全市防汛工作会议上的讲话",
    ]
    assert [len(s.sections) for s in speeches] == [2, 2]


WEB_COPY = (
    "在全县安全生产工作会议上的讲话\n某某范文网\n2025-04-02\n"
    "l> [标签:标题] @page { size: 8.27in 11.69in } p.cjk { font-family: 宋体 }\n"
    "同志们:\n今天召开会议。刚才,×××同志通报了全县情况,×××县长作了部署。下面,我讲三点意见。\n"
    "一、认清形势,切实增强做好安全生产工作的责任感\n"
    "今年X月,我县发生X起事故,给XX乃至全市的工作造成了负面影响。"
    "我们一定要克服麻痹思想,时刻绷紧安全这根弦。\n"
    "二、突出重点,扎实抓好隐患排查\n要深入开展隐患排查整治,严防各类事故发生。\n"
    "三、强化责任,确保各项措施落到实处\n各级要严格落实安全生产责任制,加强值班值守。\n"
    "(未完,全文共1662字,当前显示422字)\n(请认真阅读下面的提示信息)\n"
    "预览结束,免费获取全文或定制代笔此类文章!\n请点击👉 abc 👈联系老师\n"
)


def test_web_copy_noise_and_redaction_marks_never_reach_the_bank(tmp_path):
    (tmp_path / "web.txt").write_text(WEB_COPY, encoding="utf-8")
    result = draftkit.mine_corpus([tmp_path])
    (speech,) = result.bank.summary["speeches"]
    assert speech["sections"] == ["认识", "要求", "保障"]
    everything = "\n".join(e.text for e in result.bank.entries)
    for noise in ("范文网", "@page", "标签", "未完", "预览结束", "联系老师", "2025-04-02"):
        assert noise not in everything
    for entry in result.bank.entries:
        if not entry.specific:
            plain = re.sub(r"\{\{.*?\}\}", "", entry.text)
            assert not re.search(r"[×＊*]|(?<![A-Za-z])X", plain), entry.text


def test_site_chrome_and_pinyin_glosses_are_cleaned_away():
    from draftkit.reading.clean import clean_text

    raw = (
        "泡泡演讲稿之家\n演讲稿 > 讲话稿 > 导航 > 冬季征兵工作动员会议上的讲话\n"
        "发表时间:2022-02-09\n【www.example.com - 动员会讲话稿】\n"
        "当我们出席一场重大的活动时,小编为大家呈现讲话稿,仅供您在工作和学习中参考。\n"
        "同志們:\n今天我們召開會(huì)議(yi),下面,我談三點(diǎn)意見。\n"
    )
    text, _ = clean_text(raw)
    assert text == "同志们：\n今天我们召开会议，下面，我谈三点意见。"


def test_a_table_of_contents_before_the_speech_is_not_taken_for_its_headings(tmp_path):
    (tmp_path / "toc.txt").write_text(
        "在安委会例会上的讲话\n目录/提纲:……\n一、认清形势,增强责任感\n二、突出重点,抓好落实\n……\n"
        "同志们:\n今天召开会议。下面,我讲两点意见。\n一、认清形势,增强责任感\n形势依然严峻。\n"
        "二、突出重点,抓好落实\n要抓好隐患排查。\n",
        encoding="utf-8",
    )
    (speech,), _, _ = draftkit.understand_corpus([tmp_path])
    assert [s.heading for s in speech.sections] == ["认清形势，增强责任感", "突出重点，抓好落实"]
    assert speech.sections[0].paragraphs == ("形势依然严峻。",)


def test_mining_in_two_processes_gives_the_same_bytes_as_in_one(corpus_bank, tmp_path):
    first, _ = corpus_bank
    second = tmp_path / "two"
    draftkit.write_mined(draftkit.mine_corpus([CORPUS], jobs=2), second)
    names = sorted(p.name for p in first.iterdir())
    assert sorted(p.name for p in second.iterdir()) == names
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == [] and errors == []


def test_the_index_written_speech_by_speech_has_the_bytes_of_one_compressed_document(
    seed_speeches,
):
    sources = [source_speech(s) for s in seed_speeches]
    streamed = dump_sources(sources)
    whole = {
        "format": "draftkit-sources",
        "version": 1,
        "n": 8,
        "min_span": 15,
        "speeches": [
            {"file": s.file, "title": s.title, "paragraphs": list(s.paragraphs)} for s in sources
        ],
    }
    text = json.dumps(whole, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=6) as gz:
        gz.write(text.encode("utf-8"))
    assert len(sources) > 3
    assert streamed == buffer.getvalue()
