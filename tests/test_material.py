"""Drafting from the user's own material: a real provincial report as a work summary, and a
short work plan written here as a real .docx.

The draft must carry the material's figures as written and say where each came from, follow
the plan's tasks in its order, leave no fill-in field where the material gave the fact, speak
in a speaker's voice, and check clean against the material until a figure is changed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from draftkit.bank.store import load_bank
from draftkit.compose.answers import make_answers
from draftkit.compose.draft import compose
from draftkit.compose.given import read_material
from draftkit.compose.templates import load_templates
from draftkit.models import FILL_IN_OPEN, MATERIAL, Draft
from draftkit.review.check import check_text
from draftkit.review.material_check import against_material, figures
from draftkit.write.text import draft_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "draftkit" / "data"
REPORT = ROOT / "examples" / "corpus" / "reports" / "2026年浙江省政府工作报告.txt"

PLAN_TITLE = "某县应急管理局2027年工作要点"
PLAN = [
    ("h1", "一、总体要求"),
    (
        "p",
        "2027年，全县应急管理工作要坚持人民至上、生命至上，统筹发展和安全，以防范化解重大"
        "安全风险为主线，全力防大灾、减大灾、救大灾，确保全县安全生产形势持续稳定。",
    ),
    ("h1", "二、重点任务"),
    ("h2", "（一）深化安全生产治本攻坚"),
    (
        "p",
        "我们将完成12个重点行业领域隐患排查整治，规模以上工业企业安全生产标准化达标率达到"
        "95%。开展打非治违专项行动不少于4轮，对重大事故隐患实行挂牌督办。",
    ),
    ("h2", "（二）提升防汛抗旱能力"),
    (
        "p",
        "修订完善县、乡两级防汛应急预案23件，组织开展综合应急演练6次。汛前完成37座小型水库"
        "安全鉴定，落实山洪灾害危险区群众转移责任人。",
    ),
    ("h2", "（三）加强应急救援队伍建设"),
    (
        "p",
        "新建乡镇综合应急救援队伍8支，配备应急装备物资1200件（套）。每支队伍每季度至少开展"
        "一次实战化训练，提升快速反应能力。",
    ),
    ("h2", "（四）推进应急管理信息化"),
    (
        "p",
        "建成县级应急指挥平台，接入视频监控点位860个，实现重点企业在线监测全覆盖，做到风险"
        "早发现、早预警、早处置。",
    ),
    ("h1", "三、保障措施"),
    ("h2", "（一）强化组织领导"),
    (
        "p",
        "各乡镇、各部门要把应急管理工作摆上重要议事日程，主要负责同志亲自抓、负总责，分管"
        "负责同志具体抓、抓具体。",
    ),
    ("h2", "（二）严格督查考核"),
    (
        "p",
        "将应急管理工作纳入年度综合考核，实行季度通报、年终考评，对工作不力的单位进行约谈。"
        "特此报告。",
    ),
]
TASKS = ["深化安全生产治本攻坚", "提升防汛抗旱能力", "加强应急救援队伍建设", "推进应急管理信息化"]


def write_plan(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(PLAN_TITLE)
    for _kind, text in PLAN:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


@pytest.fixture(scope="module")
def templates():
    return load_templates(None)


def draft_with(material: list[Path], bank, templates, **answers) -> Draft:
    raw = {"date": "2026-12-01", "length": 3000, **answers, "material": [str(p) for p in material]}
    return compose(make_answers(raw), bank=bank, templates=templates)


def sections(draft: Draft) -> dict[str, list]:
    """The blocks of each level-1 section, keyed by its role."""
    out: dict[str, list] = {}
    role = None
    for block in draft.blocks:
        if block.kind == "heading1":
            role = block.role
        if role is not None and block.kind != "closing":
            out.setdefault(role, []).append(block)
    return out


def heading2s(blocks) -> list[str]:
    return [
        re.sub(r"^（[一二三四五六七八九十]+）", "", b.text) for b in blocks if b.kind == "heading2"
    ]


# --- a provincial report as the work summary ----------------------------------------------------


@pytest.fixture(scope="module")
def provincial(bank, templates) -> Draft:
    return draft_with(
        [REPORT],
        bank,
        templates,
        occasion="work-meeting",
        topic="经济社会发展",
        org="某省人民政府",
        speaker="省长",
    )


def test_the_review_carries_the_reports_figures_verbatim_with_their_source(provincial):
    source = REPORT.read_text(encoding="utf-8")
    review = [b for b in sections(provincial)["回顾"] if b.kind == "paragraph"]
    from_material = [b for b in review if any(p.kind == MATERIAL for p in b.provenance)]
    assert len(from_material) >= 2
    found = 0
    for block in from_material:
        assert all(p.source == str(REPORT) or p.kind != MATERIAL for p in block.provenance)
        for figure in re.findall(r"\d+(?:\.\d+)?[%万亿元个项]", block.text):
            assert figure in source, figure
            found += 1
    assert found >= 3, "the review should state the report's figures"
    # Each sentence with a figure stands in the report as written.
    for block in from_material:
        for sentence in re.findall(r"[^。]*\d[^。]*。", block.text):
            said = re.sub(r"^(?:这一年|过去一年|\d{4}年)，", "", sentence)  # the speaker's opener
            assert said.removeprefix("要") in source or sentence in source, sentence


def test_no_fill_in_field_stands_in_a_review_the_material_filled(provincial):
    review_text = "".join(b.text for b in sections(provincial)["回顾"])
    assert FILL_IN_OPEN not in review_text


def test_the_reports_problems_close_the_review(provincial):
    review = sections(provincial)["回顾"]
    last_paragraph = [b for b in review if b.kind == "paragraph"][-1]
    assert "清醒认识到" in last_paragraph.text and "短板" in last_paragraph.text
    assert all(p.kind == MATERIAL for p in last_paragraph.provenance)


def test_the_tasks_follow_the_reports_plan_in_its_order(provincial):
    source_order = re.findall(r"^（[一二三四五六七八九十]+）(着力[^。\n]+)", _report(), re.M)
    tasks = heading2s(sections(provincial)["要求"])
    material_tasks = [t for t in tasks if t in source_order]
    assert len(material_tasks) >= 4
    positions = [source_order.index(t) for t in material_tasks]
    assert positions == sorted(positions)


def _report() -> str:
    return REPORT.read_text(encoding="utf-8")


# --- a short plan, written as a .docx -----------------------------------------------------------


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return write_plan(tmp_path_factory.mktemp("plan") / "2027年工作要点.docx")


@pytest.fixture(scope="module")
def county(plan, bank, templates) -> Draft:
    return draft_with(
        [plan],
        bank,
        templates,
        occasion="work-meeting",
        topic="应急管理",
        org="某县应急管理局",
        speaker="局长",
    )


def test_the_plan_is_read_as_a_plan_with_its_tasks_and_safeguards(plan):
    given = read_material([plan])
    assert given.files[0].kind == "工作要点"
    assert [p.heading for p in given.of("任务")] == TASKS
    assert [p.heading for p in given.of("保障")] == ["强化组织领导", "严格督查考核"]


def test_every_task_of_the_plan_heads_a_requirement_in_order(county):
    tasks = heading2s(sections(county)["要求"])
    assert tasks[: len(TASKS)] == TASKS


def test_the_plans_facts_stand_as_written_and_no_field_asks_for_them(county):
    text = draft_text(county)
    for fact in ("12个重点行业领域", "95%", "23件", "37座小型水库", "8支", "1200件（套）", "860个"):
        assert fact in text, fact
    # The material's own paragraphs ask for nothing: what they state, they state.
    for block in county.blocks:
        if block.provenance and all(p.kind == MATERIAL for p in block.provenance):
            assert FILL_IN_OPEN not in block.text, block.text


def test_the_voice_is_a_speakers_and_the_report_formula_is_dropped(county):
    text = draft_text(county)
    assert "我们将" not in text and "特此报告" not in text
    assert "要完成12个重点行业领域隐患排查整治" in text


def test_the_safeguards_take_the_plans_measures(county):
    safeguards = heading2s(sections(county)["保障"])
    assert safeguards[:2] == ["强化组织领导", "严格督查考核"]


def test_every_material_sentence_says_which_file_and_paragraph(county, plan):
    provenance = [p for b in county.blocks for p in b.provenance if p.kind == MATERIAL]
    assert len(provenance) >= 8
    assert {p.source for p in provenance} == {str(plan)}
    assert all(p.paragraph > 0 for p in provenance)


def test_without_material_the_same_answers_make_a_draft_with_fields(bank, templates):
    plain = draft_with(
        [], bank, templates, occasion="work-meeting", topic="应急管理", org="某县应急管理局"
    )
    review_text = "".join(b.text for b in sections(plain)["回顾"])
    assert FILL_IN_OPEN in review_text  # the bank cannot know the year's figures
    assert not any(p.kind == MATERIAL for b in plain.blocks for p in b.provenance)


# --- figures against the material ---------------------------------------------------------------


def test_a_figure_is_known_by_what_it_measures():
    found = [
        (f.key, f.value, f.unit) for f in figures("全省社会消费品零售总额增长4%，新增就业100万人。")
    ]
    assert ("品零售总额增长", "4", "%")[1:] == found[0][1:] and found[0][0].endswith("总额增长")
    assert found[1][1:] == ("100", "万人")


def test_a_changed_figure_is_an_error_and_the_right_one_is_not(plan):
    given = read_material([plan])
    right = ["要开展综合应急演练6次。"]
    wrong = ["要开展综合应急演练8次。"]
    assert list(against_material(right, given)) == []
    findings = list(against_material(wrong, given))
    assert [f.code for f in findings] == ["material-figure"]
    assert "6次" in findings[0].message and findings[0].severity == "error"


def test_check_text_with_material_finds_the_changed_figure(county, plan):
    given = read_material([plan])
    paragraphs = [line for line in draft_text(county).split("\n") if line.strip()]
    assert not [
        f for f in check_text(paragraphs, given=given).findings if f.code == "material-figure"
    ]
    changed = [p.replace("860个", "680个") for p in paragraphs]
    codes = [f.code for f in check_text(changed, given=given).findings]
    assert codes.count("material-figure") == 1


# --- the command line ---------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draftkit.cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_new_with_material_writes_checks_and_replays(tmp_path):
    write_plan(tmp_path / "要点.docx")
    made = run(
        "new", "--no-input", "--occasion", "work-meeting", "--topic", "应急管理",
        "--org", "某县应急管理局", "--speaker", "局长", "--date", "2026-12-01",
        "--material", "要点.docx", "-o", "讲话.docx", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert re.search(r"材料：\d+ 句；词库：\d+ 句；待填：\d+ 处", made.stdout), made.stdout
    assert "要点.docx（工作要点）" in made.stdout
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "讲话.docx")).paragraphs)
    assert "860个" in text
    answers = yaml.safe_load((tmp_path / "讲话.answers.yaml").read_text(encoding="utf-8"))
    assert answers["material"] == ["要点.docx"]

    checked = run("check", "讲话.docx", "--material", "要点.docx", "--json", cwd=tmp_path)
    report = json.loads(checked.stdout)
    assert not [f for f in report["findings"] if f["code"] == "material-figure"]

    document = docx.Document(str(tmp_path / "讲话.docx"))
    for paragraph in document.paragraphs:
        for run_ in paragraph.runs:
            run_.text = run_.text.replace("860个", "680个")
    document.save(str(tmp_path / "改过.docx"))
    changed = run("check", "改过.docx", "--material", "要点.docx", cwd=tmp_path)
    assert changed.returncode != 0
    assert "与材料不符" in changed.stdout and "860" in changed.stdout

    # The answers file names the material beside it: replayed from another folder, the same.
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    rebuilt = run("build", str(tmp_path / "讲话.answers.yaml"), "-o", "重建.docx", cwd=elsewhere)
    assert rebuilt.returncode == 0, rebuilt.stderr
    again = "\n".join(p.text for p in docx.Document(str(elsewhere / "重建.docx")).paragraphs)
    assert again == text


def test_a_missing_material_file_is_named_and_nothing_is_written(tmp_path):
    made = run(
        "new", "--no-input", "--occasion", "work-meeting", "--topic", "应急管理",
        "--material", "没有这个文件.docx", "-o", "讲话.docx", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode != 0
    assert "没有这个文件.docx" in made.stderr and "找不到材料文件" in made.stderr
    assert "Traceback" not in made.stderr
    assert list(tmp_path.iterdir()) == []


# --- a superior's notice ------------------------------------------------------------------------

NOTICE = """# 中共青川县委办公室 青川县人民政府办公室关于做好2027年安全生产工作的通知

各乡镇党委和人民政府，县直各部门：

为深入贯彻落实上级关于安全生产工作的决策部署，现就做好2027年安全生产工作通知如下。

## 一、提高思想认识

各地各部门要深刻认识安全生产工作的极端重要性，坚持人民至上、生命至上，严格落实“三管三必须”要求，坚决扛起防范化解重大安全风险的政治责任。

## 二、突出工作重点

（一）深化隐患排查整治。各地要在3月底前完成重点行业领域全覆盖排查，建立问题隐患和制度措施“两个清单”。

（二）强化应急处置能力。各乡镇要于6月底前修订完善应急预案，组织开展一次综合应急演练。

特此通知。
"""


def test_a_superiors_notice_is_quoted_as_its_words_in_the_case_for_the_work(
    tmp_path, bank, templates
):
    notice = tmp_path / "通知.md"
    notice.write_text(NOTICE, encoding="utf-8")
    given = read_material([notice])
    assert given.files[0].kind == "上级文件"
    assert given.issuer == "县委办公室、县政府办公室"
    draft = draft_with(
        [notice], bank, templates, occasion="mobilisation", topic="安全生产", org="青川县人民政府"
    )
    case = "".join(b.text for b in sections(draft)["认识"])
    assert "县委办公室、县政府办公室印发的《关于做好2027年安全生产工作的通知》明确要求：“" in case
    assert "各地各部门要深刻认识安全生产工作的极端重要性" in case
    assert "‘三管三必须’" in case  # a quotation inside the quotation
    # With no plan of the unit's own, the notice's tasks are the tasks deployed.
    assert heading2s(sections(draft)["要求"])[:2] == ["深化隐患排查整治", "强化应急处置能力"]
    text = draft_text(draft)
    assert "通知如下" not in text and "特此通知" not in text
    assert text.count("明确要求：“") == 1


# --- the example material sets: a summary, a notice and a GBK plan, a training notice … ---------

SETS = ROOT / "examples" / "material"
EXAMPLES = [
    ("1-农村人居环境", "work-meeting", "农村人居环境整治", "青川县人民政府", "成绩"),
    ("2-营商环境", "mobilisation", "优化营商环境", "江北区人民政府", "任务"),
    ("3-教育表彰", "commendation", "教育工作", "南屏区人民政府", "成绩"),
    ("4-数据安全培训", "training", "数据安全管理", "临江市委网信办", "学习"),
    ("5-民营经济座谈", "symposium", "民营经济发展", "青川县人民政府", "问题"),
]


@pytest.mark.parametrize(("folder", "occasion", "topic", "org", "part"), EXAMPLES)
def test_each_example_set_lends_its_own_sentences_and_asks_for_none_of_its_facts(
    folder, occasion, topic, org, part, bank, templates
):
    files = sorted((SETS / folder).iterdir())
    given = read_material(files)
    assert given.of(part), f"{folder}: nothing read as {part}"
    draft = draft_with(files, bank, templates, occasion=occasion, topic=topic, org=org)
    source = "".join(p.heading + "".join(line.text for line in p.sentences) for p in given.points)
    said = [
        block
        for block in draft.blocks
        if block.kind == "paragraph" and any(p.kind == MATERIAL for p in block.provenance)
    ]
    assert len(said) >= 3
    # The speaker's own words around the material: an achievement's opener, a word of credit.
    leadins = yaml.safe_load((DATA / "leadins.yaml").read_text(encoding="utf-8"))
    openers = "|".join(
        re.escape(o.replace("{{ review_period }}", "")) for o in leadins["material.成绩.openers"]
    )
    for block in said:
        assert FILL_IN_OPEN not in block.text
        # Every sentence stands as the material wrote it: a task may gain a leading 要, the
        # problems a turn of phrase before them.
        text = re.sub(
            r"^(?:在肯定成绩的同时，也要清醒看到，|也要清醒看到，|从过去一年的工作看，|"
            rf"举办这次培训班，目的就是|.*明确要求：“|{openers}|\d{{4}}年，)",
            "",
            block.text,
        )
        for credit in leadins["material.成绩.credit"]:
            text = text.replace(credit, "")
        text = text.split("”我们要认真贯彻")[0].replace("‘", "“").replace("’", "”")
        text = re.sub(r"^这次培训围绕\d+个专题安排课程：", "", text).split("。希望大家紧扣")[0]
        for sentence in re.findall(r"[^。！？；]+", text):
            # The register may address the audience: 希望各位学员严守纪律.
            plain = re.sub(r"^(?:希望各位学员|希望大家|要)", "", sentence.rstrip("；，："))
            assert plain in source or plain in source.replace("要", ""), sentence
    text = draft_text(draft)
    for formula in ("特此通知", "通知如下", "（牵头单位", "联系电话"):
        assert formula not in text


def test_a_training_lists_what_its_notice_says_the_class_will_study(bank, templates):
    files = sorted((SETS / "4-数据安全培训").iterdir())
    draft = draft_with(files, bank, templates, occasion="training", topic="数据安全管理")
    study = "".join(b.text for b in sections(draft)["要求"])
    assert "这次培训围绕7个专题安排课程" in study
    assert "数据分类分级和重要数据目录编制实务" in study
