"""Occasion templates: the bundled files, the checks on load, and the sandbox."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from draftkit.compose.naming import topic_course
from draftkit.compose.templates import (
    Template,
    describe,
    find_template,
    load_template,
    load_templates,
    make_environment,
    render,
    resolve_context,
    validate_directory,
)
from draftkit.errors import TemplateError
from draftkit.models import KINDS, ROLES, SECTION_ROLES
from draftkit.resources import bundled_dir

BUNDLED = bundled_dir("templates")
TOPICS = ("安全生产", "安全生产工作", "乡村振兴", "防汛", "优化营商环境", "教育", "作风建设")
PICKED = "〔短语〕"


def topic_work(topic: str) -> str:
    return topic if topic.endswith("工作") else f"{topic}工作"


def pick(kind: str, role: str | None = None) -> str:
    assert kind in KINDS and (role is None or role in ROLES)
    return PICKED


def fill(label: str) -> str:
    return f"【待填：{label}】"


def sample_context(template: Template, topic: str = "安全生产") -> dict[str, object]:
    answers = {
        "topic": topic,
        "topic_work": topic_work(topic),
        "topic_course": topic_course(topic)[0],
        "topic_training": topic_course(topic)[1],
        "org": "全市",
        "speaker": "讲话人",
        "audience": template.audiences[0] if template.audiences else "全体干部职工",
        "date": dt.date(2026, 2, 20),
        "year": 2026,
        "review_year": 2025,
        "plan_year": 2026,
        "review_period": "2025年",
        "moment": "今天，",
        "plan_period": "2026年",
        "scope": "市",
        "people": "广大干部职工",
        "behalf": "代表的单位，如：局党组",
        "speaking_for": "",
        "host": "全市",
        "hopes": "",
        "greeting": "",
        "day": "",
        "honoured": "",
        "honourees": "先进集体和先进个人",
        "date_cn": "2026年2月20日",
        "length": template.length,
        "seed": 7,
        "occasion": template.id,
        "pick": pick,
        "fill": fill,
    }
    return resolve_context(template, answers)


def rendered(template: Template, topic: str = "安全生产") -> dict[str, str]:
    context = sample_context(template, topic)
    return {
        name: render(source, context, where=template.where(name))
        for name, source in template.strings()
    }


@pytest.fixture(scope="module")
def bundled() -> dict[str, Template]:
    return load_templates()


# --- the bundled templates -------------------------------------------------------------------


def test_every_bundled_template_loads_and_validates(bundled):
    assert validate_directory(BUNDLED) == []
    assert set(bundled) >= {"mobilisation", "work-meeting", "commendation", "symposium", "training"}
    assert list(bundled) == sorted(bundled)
    for template in bundled.values():
        assert template.path.name == f"{template.id}.yaml"
        assert template.id.isascii()


def test_each_template_has_its_sections_in_the_documented_role_order(bundled):
    readme = (BUNDLED / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w-]+)` \| (.+?) \| (.+?) \| (\d+) \|$", readme, re.MULTILINE)
    documented = {row[0]: row for row in rows}
    assert set(documented) == set(bundled)
    for template in bundled.values():
        _, name, roles, length = documented[template.id]
        assert template.name == name
        assert " → ".join(template.roles) == roles
        assert template.length == int(length)
        order = [SECTION_ROLES.index(role) for role in template.roles]
        assert order == sorted(order), f"{template.id}: roles out of 回顾→认识→要求→保障 order"


def test_the_work_meeting_goes_review_situation_tasks_safeguards(bundled):
    assert bundled["work-meeting"].roles == ("回顾", "认识", "要求", "保障")


def test_the_opening_announces_as_many_points_as_there_are_sections(bundled):
    numerals = "一二三四五六七八九"
    for template in bundled.values():
        announcement = re.search(r"([一二三四五六七八九几])点", template.opening[-1])
        assert announcement, (
            f"{template.id}: the last opening paragraph should lead into the points"
        )
        if announcement.group(1) != "几":
            assert numerals.index(announcement.group(1)) + 1 == len(template.sections)


@pytest.mark.parametrize("topic", TOPICS)
def test_rendering_every_string_never_says_gongzuo_twice(bundled, topic):
    for template in bundled.values():
        for name, text in rendered(template, topic).items():
            assert "工作工作" not in text, f"{template.id} {name}: {text}"
            assert "{{" not in text and "}}" not in text and "{%" not in text


def test_every_rendered_string_is_filled_except_an_empty_subtitle(bundled):
    for template in bundled.values():
        for name, text in rendered(template).items():
            assert text.strip() or name == "subtitle", f"{template.id} {name} renders empty"


def test_templates_invent_no_figures_the_writer_has_to_supply(bundled):
    for template in bundled.values():
        for name, text in rendered(template).items():
            without_dates = re.sub(r"202[56]", "", text)
            assert not re.search(r"[0-9０-９]", without_dates), f"{template.id} {name}: {text}"


def test_every_opening_acknowledges_what_was_said_with_fill_ins(bundled):
    for template in bundled.values():
        acknowledgements = [p for p in rendered(template).values() if p.startswith("刚才，")]
        assert acknowledgements, f"{template.id} has no 刚才… paragraph"
        assert all("【待填：" in p for p in acknowledgements)


def test_the_commendation_congratulates_those_commended(bundled):
    opening = "".join(bundled["commendation"].opening)
    assert "祝贺" in opening and "受到表彰" in opening
    assert "fill(" in opening, "who and how many were commended is for the writer to fill in"


def test_the_symposium_thanks_the_participants_for_their_speeches(bundled):
    opening = "".join(bundled["symposium"].opening)
    assert "发言" in opening and "感谢" in opening


def test_the_training_opening_speaks_to_the_trainees(bundled):
    training = bundled["training"]
    assert "学员" in training.salutations["default"]
    assert any("学员" in paragraph for paragraph in training.closing)


def test_bundled_texts_avoid_dated_wording():
    dated = (
        "三个代表",
        "科学发展观",
        "十一五",
        "十二五",
        "十三五",
        "十四五",
        "又好又快",
        "和谐社会",
    )
    numbered_congress = re.compile(r"[十二三四五六七八九]+大|届[一二三四五六七八九]中全会")
    for path in sorted(BUNDLED.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert not [word for word in dated if word in text], path.name
        assert not numbered_congress.search(text), path.name


def test_salutations_follow_the_audience_and_fall_back_to_default(bundled):
    symposium = bundled["symposium"]
    assert symposium.salutation_for("企业代表") == "各位企业家朋友、同志们："
    assert symposium.salutation_for("某个未列出的听众") == symposium.salutations["default"]


def test_a_template_is_found_by_id_or_by_name(bundled):
    assert find_template(bundled, "work-meeting").id == "work-meeting"
    assert find_template(bundled, "工作会议").id == "work-meeting"
    assert find_template(bundled, " 座谈会 ").id == "symposium"


def test_an_unknown_occasion_lists_the_available_ones(bundled):
    with pytest.raises(TemplateError) as caught:
        find_template(bundled, "年会")
    assert "年会" in caught.value.message
    assert "mobilisation（动员部署会）" in (caught.value.hint or "")


def test_describe_gives_json_ready_records_sorted_by_id(bundled):
    records = describe(bundled)
    assert [record["id"] for record in records] == sorted(bundled)
    work = next(record for record in records if record["id"] == "work-meeting")
    assert work["name"] == "工作会议"
    assert work["sections"] == ["回顾", "认识", "要求", "保障"]
    assert json.loads(json.dumps(records, ensure_ascii=False)) == records


def test_section_weights_become_shares_of_the_body(bundled):
    for template in bundled.values():
        assert sum(template.shares) == pytest.approx(1.0)


def test_answers_override_template_variables_and_meeting(bundled):
    work = bundled["work-meeting"]
    answers = {**sample_context(work), "review_period": "上半年", "meeting": "专题会议"}
    resolved = resolve_context(work, answers)
    assert resolved["review_period"] == "上半年"
    assert resolved["plan_period"] == "2026年"
    assert resolved["meeting"] == "专题会议"
    assert sample_context(work)["meeting"] == "全市安全生产工作会议"


# --- the checks on load ----------------------------------------------------------------------

GOOD = [
    "id: sample",  # 1
    "name: 测试会",  # 2
    "description: 只用于测试的模板",  # 3
    "length: 1000",  # 4
    "audiences: [全体干部职工]",  # 5
    "variables:",  # 6
    '  period: "{{ year }}年"',  # 7
    'meeting: "{{ org }}{{ topic_work }}测试会"',  # 8
    'title: "在{{ meeting }}上的讲话"',  # 9
    "salutations:",  # 10
    "  default: 同志们：",  # 11
    "opening:",  # 12
    '  - "今天，我们召开{{ meeting }}。"',  # 13
    "  - \"{{ pick('sentence', '开场') }}\"",  # 14
    "sections:",  # 15
    "  - role: 认识",  # 16
    "    subpoints: [2, 3]",  # 17
    "    weight: 0.4",  # 18
    "  - role: 要求",  # 19
    "    subpoints: 3",  # 20
    "    paragraphs: [1, 2]",  # 21
    "    weight: 0.6",  # 22
    "closing:",  # 23
    '  - "{{ period }}，让我们共同努力！"',  # 24
    "  - 谢谢大家！",  # 25
]


def write(folder: Path, edits: dict[int, str | None] | None = None, name: str = "sample.yaml"):
    """Write GOOD with some lines replaced (a text) or removed (None); lines count from 1."""
    lines = []
    for number, line in enumerate(GOOD, start=1):
        replacement = (edits or {}).get(number, line)
        if replacement is not None:
            lines.append(replacement)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problem(path: Path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    return caught.value


def assert_problem(error: TemplateError, *, path: Path, line: int | None, field: str | None):
    assert (error.path, error.line, error.field) == (str(path), line, field), error.describe()


def test_a_good_file_loads_into_a_template(tmp_path):
    template = load_template(write(tmp_path))
    assert template.id == "sample"
    assert template.variables == {"period": "{{ year }}年"}
    assert template.titles == ("在{{ meeting }}上的讲话",)
    assert template.subtitle == ""
    assert [section.subpoints for section in template.sections] == [(2, 3), (3, 3)]
    assert [section.paragraphs for section in template.sections] == [(1, 2), (1, 2)]
    assert template.closing[-1] == "谢谢大家！"


def test_a_yaml_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, {20: "   subpoints: 3"})
    error = problem(path)
    assert_problem(error, path=path, line=20, field=None)
    assert "YAML" in error.message


def test_an_unclosed_bracket_names_where_it_was_opened(tmp_path):
    path = write(tmp_path, {5: "audiences: [全体干部职工"})
    error = problem(path)
    assert_problem(error, path=path, line=6, field=None)
    assert "第 5 行" in error.message


def test_an_unquoted_jinja_text_is_a_yaml_error_with_a_quoting_hint(tmp_path):
    path = write(tmp_path, {14: "  - {{ pick('sentence') }}"})
    error = problem(path)
    assert_problem(error, path=path, line=14, field=None)
    assert "引号" in (error.hint or "")


def test_a_missing_field_is_reported_at_its_parent(tmp_path):
    path = write(tmp_path, {23: None, 24: None, 25: None})
    assert_problem(problem(path), path=path, line=1, field="closing")
    path = write(tmp_path, {18: None})
    assert_problem(problem(path), path=path, line=16, field="sections[0].weight")


def test_a_wrongly_typed_field_names_field_and_line(tmp_path):
    path = write(tmp_path, {4: "length: 一千字"})
    error = problem(path)
    assert_problem(error, path=path, line=4, field="length")
    assert "应为整数" in error.message
    path = write(tmp_path, {13: "  - [今天]"})
    assert_problem(problem(path), path=path, line=13, field="opening[0]")


def test_an_unknown_field_suggests_the_one_meant(tmp_path):
    path = write(tmp_path, {3: "descripton: 只用于测试的模板"})
    errors = validate_directory(tmp_path)
    unknown = next(e for e in errors if e.field == "descripton")
    assert unknown.line == 3
    assert "是不是 description？" in (unknown.hint or "")
    assert any(e.field == "description" and "缺少" in e.message for e in errors)
    assert all(e.path == str(path) for e in errors)


def test_a_key_given_twice_is_reported(tmp_path):
    path = write(tmp_path, {3: "name: 又一个名称"})
    assert_problem(problem(path), path=path, line=3, field="name")


def test_the_id_must_equal_the_file_stem(tmp_path):
    path = write(tmp_path, name="other.yaml")
    error = problem(path)
    assert_problem(error, path=path, line=1, field="id")
    assert "other" in error.message


def test_an_unknown_role_is_caught(tmp_path):
    path = write(tmp_path, {19: "  - role: 部署"})
    error = problem(path)
    assert_problem(error, path=path, line=19, field="sections[1].role")
    assert "回顾、认识、要求、保障" in (error.hint or "")


@pytest.mark.parametrize(
    ("line", "text", "field"),
    [
        (17, "    subpoints: [2, 12]", "sections[0].subpoints"),
        (17, "    subpoints: -1", "sections[0].subpoints"),
        (17, "    subpoints: [3, 2]", "sections[0].subpoints"),
        (17, "    subpoints: [1, 2, 3]", "sections[0].subpoints"),
        (21, "    paragraphs: 0", "sections[1].paragraphs"),
        (21, "    paragraphs: [1, 10]", "sections[1].paragraphs"),
        (21, "    paragraphs: 两段", "sections[1].paragraphs"),
    ],
)
def test_subpoints_and_paragraphs_out_of_range_are_caught(tmp_path, line, text, field):
    path = write(tmp_path, {line: text})
    assert_problem(problem(path), path=path, line=line, field=field)


@pytest.mark.parametrize("weight", ["0", "-0.5", "很多", ".nan", "true"])
def test_a_weight_must_be_positive(tmp_path, weight):
    path = write(tmp_path, {22: f"    weight: {weight}"})
    assert_problem(problem(path), path=path, line=22, field="sections[1].weight")


def test_a_jinja_syntax_error_names_the_line_inside_the_file(tmp_path):
    path = write(tmp_path, {9: 'title: "在{{ meeting }上的讲话"'})
    error = problem(path)
    assert_problem(error, path=path, line=9, field="title")
    assert "模板语法错误" in error.message


def test_a_jinja_error_inside_a_block_text_counts_lines_from_the_block(tmp_path):
    block = "  - |\n    今天，我们召开{{ meeting }}，\n    主要任务是{% if %}部署。"
    path = write(tmp_path, {13: block})
    assert_problem(problem(path), path=path, line=15, field="opening[0]")


def test_an_unknown_variable_is_caught_with_what_is_available(tmp_path):
    path = write(tmp_path, {13: '  - "今天，我们召开{{ meting }}。"'})
    error = problem(path)
    assert_problem(error, path=path, line=13, field="opening[0]")
    assert "meting" in error.message
    assert "meeting" in (error.hint or "") and "period" in (error.hint or "")


def test_title_alternatives_and_salutations_are_checked_one_by_one(tmp_path):
    titles = 'title:\n  - "在{{ meeting }}上的讲话"\n  - "{{ speeker }}同志在{{ meeting }}上的讲话"'
    path = write(tmp_path, {9: titles})
    assert_problem(problem(path), path=path, line=11, field="title[1]")
    path = write(tmp_path, {11: '  default: 同志们：\n  青年干部: "{{ audiance }}："'})
    assert_problem(problem(path), path=path, line=12, field="salutations.青年干部")


def test_variables_may_not_use_the_meeting_name(tmp_path):
    path = write(tmp_path, {7: '  period: "{{ meeting }}"'})
    assert_problem(problem(path), path=path, line=7, field="variables.period")


def test_a_variable_may_not_shadow_an_answer(tmp_path):
    path = write(
        tmp_path, {7: '  topic: "{{ year }}年"', 24: '  - "{{ topic }}，让我们共同努力！"'}
    )
    assert_problem(problem(path), path=path, line=7, field="variables.topic")


@pytest.mark.parametrize(
    "call",
    [
        "pick('heading3', '开场')",
        "pick('sentence', '部署')",
        "pick('sentence', role='部署')",
        "pick(kind='headline')",
        "pick()",
        "pick('sentence', '开场', 3)",
        "fill()",
    ],
)
def test_a_helper_called_with_a_bad_constant_is_caught(tmp_path, call):
    path = write(tmp_path, {14: f'  - "{{{{ {call} }}}}"'})
    assert_problem(problem(path), path=path, line=14, field="opening[1]")


def test_pick_accepts_every_kind_and_role(tmp_path):
    calls = [f"pick('{kind}', '{role}')" for kind in KINDS for role in ROLES]
    path = write(tmp_path, {14: f'  - "{{{{ {" ~ ".join(calls)} }}}}"'})
    assert load_template(path).opening[1].count("pick(") == len(KINDS) * len(ROLES)


def test_a_salutation_default_is_required(tmp_path):
    path = write(tmp_path, {11: "  干部职工: 同志们："})
    assert_problem(problem(path), path=path, line=11, field="salutations")


def test_underscore_attributes_are_refused_when_loading(tmp_path):
    path = write(tmp_path, {13: "  - \"{{ topic.__class__ }}{{ topic['__doc__'] }}\""})
    errors = validate_directory(tmp_path)
    assert len(errors) == 2
    assert {(e.line, e.field) for e in errors} == {(13, "opening[0]")}
    assert str(path) == errors[0].path


def test_loading_raises_the_first_problem_and_counts_the_rest(tmp_path):
    write(tmp_path, {4: "length: 很长", 19: "  - role: 部署"})
    error = problem(tmp_path / "sample.yaml")
    assert (error.line, error.field) == (4, "length")
    assert "另有 1 处问题" in (error.hint or "")


def test_an_empty_or_non_mapping_file_is_refused(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# 还没写\n", encoding="utf-8")
    assert "空的" in problem(empty).message
    listing = tmp_path / "listing.yaml"
    listing.write_text("- 同志们：\n", encoding="utf-8")
    assert "映射" in problem(listing).message


def test_a_duplicate_id_across_files_is_refused(tmp_path):
    write(tmp_path)
    duplicate = write(tmp_path, name="sample.yml")
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert_problem(caught.value, path=duplicate, line=1, field="id")
    assert "sample.yaml" in caught.value.message


def test_a_duplicate_name_across_files_is_refused(tmp_path):
    write(tmp_path)
    other = write(tmp_path, {1: "id: second"}, name="second.yaml")
    errors = validate_directory(tmp_path)
    assert [(e.path, e.line, e.field) for e in errors] == [(str(other), 2, "name")]


def test_validate_directory_collects_every_problem_in_every_file(tmp_path):
    first = write(tmp_path, {19: "  - role: 部署"})
    second = write(tmp_path, {1: "id: second", 2: "name: 第二", 22: "    weight: 0"}, "second.yaml")
    write(tmp_path, {1: "id: fine", 2: "name: 好的"}, name="fine.yaml")
    errors = validate_directory(tmp_path)
    assert [(e.path, e.field) for e in errors] == [
        (str(first), "sections[1].role"),
        (str(second), "sections[1].weight"),
    ]


def test_a_missing_or_empty_folder_is_a_template_error(tmp_path):
    assert validate_directory(tmp_path / "nowhere")[0].path == str(tmp_path / "nowhere")
    with pytest.raises(TemplateError, match="没有模板文件"):
        load_templates(tmp_path)


# --- the sandbox -----------------------------------------------------------------------------


def test_the_environment_is_a_strict_sandbox_without_autoescape():
    env = make_environment()
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.undefined is StrictUndefined
    assert env.from_string("{{ text }}").render(text="<b>会议</b>") == "<b>会议</b>"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ topic.__class__.__base__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ (topic|attr('__class__')) }}",
        "{{ items.append('x') }}",
        "{{ 'x' * 100000000 }}",
        "{{ 10 ** 1000000 }}",
    ],
)
def test_the_sandbox_blocks_code_execution_and_runaway_output(source):
    with pytest.raises(TemplateError) as caught:
        render(source, {"topic": "安全生产", "items": []}, where="closing[0]")
    assert caught.value.field == "closing[0]"


def test_an_undefined_variable_is_a_template_error_naming_where():
    with pytest.raises(TemplateError) as caught:
        render("在{{ meting }}上的讲话", {"meeting": "全市工作会议"}, where="sample.yaml title")
    assert caught.value.field == "sample.yaml title"
    assert "meting" in caught.value.message
    assert "meeting" in (caught.value.hint or "")


def test_lorem_ipsum_is_not_available():
    with pytest.raises(TemplateError):
        render("{{ lipsum() }}", {}, where="opening[0]")


def test_render_calls_the_helpers_from_the_context():
    context = {"pick": pick, "fill": fill, "topic_work": "防汛工作"}
    text = render(
        "做好{{ topic_work }}，{{ fill('责任单位') }}{{ pick('slogan') }}", context, where="x"
    )
    assert text == f"做好防汛工作，【待填：责任单位】{PICKED}"
