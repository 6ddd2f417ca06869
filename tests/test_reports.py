"""The 43 official reports of examples/corpus/reports/ parse as reports: title, year, the
four-part plan as top-level sections with their roles, and nothing from the page around them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import draftkit
from draftkit.reading.gate import body_paragraphs

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "examples" / "corpus" / "reports"
DATA = Path(__file__).resolve().parent / "data"

PAGE_NOISE = re.compile(
    r"^(下载|打印|全屏|收藏|首页)$|当前位置|您的位置|分享[：:到]|【字[号体]|^相关报道|扫一扫|打印本页"
    r"|Public domain|本作品是中华人民共和国|维基文库|名词解释|责任编辑|记者\s*\S{0,4}\s*摄\s*$"
)


@pytest.fixture(scope="module")
def reports():
    speeches, skipped, files = draftkit.understand_corpus([REPORTS])
    assert not skipped and files == 43
    return {Path(s.source).name: s for s in speeches}


@pytest.fixture(scope="module")
def report_labels():
    return yaml.safe_load((DATA / "report_labels.yaml").read_text(encoding="utf-8"))["reports"]


def strip(text):
    return text.rstrip("。；，")


def everything(speech):
    return [speech.title, *speech.opening, *body_paragraphs(speech.sections), *speech.closing]


def test_each_report_file_is_one_report_with_its_title_and_year(reports):
    assert len(reports) == 43
    for name, speech in reports.items():
        assert speech.title.endswith("政府工作报告"), (name, speech.title)
        assert speech.year == int(name[:4]), name


def test_no_complete_report_is_flagged(reports):
    flagged = {
        name: s.flags for name, s in reports.items() if set(s.flags) & {"truncated", "shuffled"}
    }
    assert flagged == {}


def test_nothing_from_the_page_reaches_the_text(reports):
    for name, speech in reports.items():
        for text in everything(speech):
            assert not PAGE_NOISE.search(text), (name, text[:60])


def test_every_report_opens_with_the_salutation_and_closes_on_its_call(reports):
    for name, speech in reports.items():
        assert speech.opening[0].startswith("各位代表"), (name, speech.opening[:1])
        assert speech.closing and speech.closing[0].startswith("各位代表"), name
        assert re.search("让我们|团结", "".join(speech.closing)), name
        assert speech.closing[-1].endswith("！"), name


def test_the_task_points_are_level_two_and_keep_their_lead_sentences(reports):
    speech = reports["2026年浙江省政府工作报告.txt"]
    tasks = speech.sections[2]
    assert tasks.heading == "2026年重点工作" and tasks.role == "要求"
    assert [c.number for c in tasks.children][:3] == ["（一）", "（二）", "（三）"]
    assert {c.level for c in tasks.children} == {2}
    leads = [p for c in tasks.children for p in c.paragraphs if re.match(r"^[^，。]{4,20}。\S", p)]
    assert len(leads) >= 10
    # The government's own work is the last task point here: it is 保障, not 要求.
    assert tasks.children[-1].heading == "着力加强政府自身建设"
    assert tasks.children[-1].role == "保障"


def measure(speeches, labels):
    """Top-level sections found (heading match) and roles right, over the labelled files."""
    found = total = right = 0
    for name, label in labels.items():
        speech = speeches[name]
        got = {strip(s.heading): s.role for s in speech.sections}
        for heading, role in label["sections"]:
            total += 1
            if strip(heading) in got:
                found += 1
                right += got[strip(heading)] == role
    return found, total, right


def test_sections_and_roles_match_the_hand_labels(reports, report_labels):
    assert len(report_labels) >= 12
    for name, label in report_labels.items():
        assert reports[name].title == label["title"], name
        assert reports[name].year == label["year"], name
        got = [strip(s.heading) for s in reports[name].sections]
        assert got == [strip(h) for h, _ in label["sections"]], name
    found, total, right = measure(reports, report_labels)
    print(f"\nreports: {found}/{total} top-level sections found, {right}/{found} roles right")
    assert found == total
    assert right / found >= 0.9


def test_the_seed_roles_hold(seed_speeches, labels):
    pairs = [
        (section.role, gold["role"])
        for speech, label in zip(seed_speeches, labels, strict=True)
        for section, gold in zip(speech.sections, label["sections"], strict=True)
    ]
    right = sum(got == want for got, want in pairs)
    print(f"\nseeds: {len(pairs)}/42 top-level sections found, {right}/{len(pairs)} roles right")
    assert right >= 40


def test_every_role_says_why_and_how_sure(reports):
    for speech in reports.values():
        for section in speech.sections:
            assert section.reasons and 0 < section.confidence <= 1
            assert re.search(r"[\u4e00-\u9fff]", section.reasons[0])
            assert section.recognised


def test_a_lead_on_a_line_of_its_own_opens_the_paragraph_after_it(reports):
    review = reports["2026年海南省政府工作报告.txt"].sections[0]
    paragraphs = body_paragraphs((review,))
    assert any(p.startswith("产业结构持续优化。2025年四大主导产业") for p in paragraphs)
    # A section's opening summary is no lead: the paragraph after it keeps its own.
    own = reports["2026年山西省政府工作报告.txt"].closing + tuple(
        body_paragraphs(reports["2026年山西省政府工作报告.txt"].sections)
    )
    assert any(p.startswith("筑牢政治忠诚。") for p in own)
