"""The checks run when a template file is loaded.

Each problem is a ``TemplateError`` that names the file, the line (taken from the YAML node
marks) and the field, e.g. ``sections[1].role``: YAML syntax, missing or mistyped fields, unknown
roles, out-of-range counts, Jinja syntax, unknown variables, and ``pick()`` calls with an
unknown kind or role. A file that passes becomes a ``Template``.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2 import meta, nodes

from draftkit.compose.sandbox import environment, syntax_problem
from draftkit.errors import TemplateError
from draftkit.models import KINDS, MATERIAL_PARTS, ROLES, SECTION_ROLES, SectionSpec, Template
from draftkit.yamlfile import load_yaml

# Names every template string may use; compose puts them in the context.
ANSWER_NAMES = tuple(
    "topic topic_work topic_course topic_training org speaker audience meeting date year date_cn "
    "length seed occasion review_year plan_year review_period plan_period scope moment people "
    "behalf speaking_for host hopes honoured honourees greeting day".split()
)
HELPER_NAMES = ("pick", "fill")
SUFFIXES = (".yaml", ".yml")
FIELDS = tuple(
    "id name description length audiences variables meeting title subtitle salutations"
    " opening sections closing".split()
)
SECTION_FIELDS = (
    "role",
    "subpoints",
    "paragraphs",
    "weight",
    "headings",
    "material",
    "problems",
    "bank_headings",
)
LENGTH_RANGE = (300, 30000)
SUBPOINT_RANGE = (0, 9)
PARAGRAPH_RANGE = (1, 9)
DEFAULT_PARAGRAPHS = (1, 2)
MAX_NODES = 100_000  # a template is a page of YAML; aliases may not blow it up past this

_VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_QUOTE_HINT = "以 {{ 开头的文字要加引号，例如 \"{{ pick('closing') }}\""
_REQUIRED: Any = object()
_RENDERED = re.compile(
    r"variables\..+|meeting|title(\[\d+\])?|subtitle|salutations\..+|(opening|closing)\[\d+\]"
    r"|sections\[\d+\]\.headings\[\d+\]"
)
_MEETING_HINT = "variables 和 meeting 在会议名称确定之前生成，不能用 meeting"


class _Check:
    """Reads one template file, keeping each field's YAML node and every problem found."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[TemplateError] = []
        self.nodes: dict[str, yaml.Node] = {}
        self.template: Template | None = None

    def fail(self, name: str | None, message: str, *, line: int | None = None, **kw: Any) -> None:
        line = line if line is not None or name is None else self.line(name)
        self.errors.append(TemplateError(message, path=self.path, line=line, field=name, **kw))

    def line(self, name: str) -> int | None:
        """The line of a field's value, or of the nearest enclosing one when it is missing."""
        while name not in self.nodes:
            if not name:
                return None
            parent = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", name)
            name = "" if parent == name else parent
        return self.nodes[name].start_mark.line + 1

    def read(self) -> Any:
        try:
            loaded = load_yaml(self.path, error=TemplateError, keep_nodes=True, max_nodes=MAX_NODES)
        except TemplateError as exc:
            if "语法错误" in exc.message:
                exc.hint = "检查缩进；以 {{ 开头或含有“: ”的文字要加引号"
            self.errors.append(exc)
            return None
        if loaded.root is None:
            return self.fail(None, "文件是空的", line=1)
        self.index(loaded.root, "")
        return loaded.data

    def index(self, node: yaml.Node, prefix: str) -> None:
        """Remember the node of every field path, and report keys given twice."""
        self.nodes[prefix] = node
        if isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                self.index(item, f"{prefix}[{position}]")
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            # Keys are scalars here: a list or mapping as a key already failed to construct.
            for key_node, value_node in node.value:
                name = f"{prefix}.{key_node.value}" if prefix else key_node.value
                if key_node.value in seen:
                    line = key_node.start_mark.line + 1
                    self.fail(name, f"“{key_node.value}”出现了两次", line=line)
                seen.add(key_node.value)
                self.index(value_node, name)

    def get(
        self, data: Mapping[str, Any], key: str, name: str = "", default: Any = _REQUIRED
    ) -> Any:
        """The value at ``key``; a required one that is missing or empty is reported."""
        name = name or key
        if data.get(key) is not None:
            return data[key]
        if default is _REQUIRED:
            self.fail(name, f"缺少 {key} 这一项" if key not in data else "这一项是空的")
        return None if default is _REQUIRED else default

    def text(self, value: Any, name: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None:
            hint = _QUOTE_HINT if isinstance(value, dict) else None
            self.fail(name, f"应为文字，而不是{_kind_of(value)}", hint=hint)
        return None

    def texts(self, value: Any, name: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list) or not (value or allow_empty):
            if value is not None:
                self.fail(name, f"应为文字的列表，而不是{_kind_of(value)}")
            return ()
        found = []
        for i, item in enumerate(value):
            if item is None:  # `title: [null]` or an empty `- ` line
                self.fail(f"{name}[{i}]", "这一项为空：请写出文字，或删去这一项")
            found.append(self.text(item, f"{name}[{i}]"))
        return tuple(item for item in found if item is not None)

    def mapping(self, value: Any, name: str) -> dict[str, str]:
        if not isinstance(value, dict):
            if value is not None:
                self.fail(name, f"应为“名称: 文字”的映射，而不是{_kind_of(value)}")
            return {}
        found = {str(key): self.text(item, f"{name}.{key}") for key, item in value.items()}
        return {key: item for key, item in found.items() if item is not None}

    def count_range(self, value: Any, name: str, limits: tuple[int, int]) -> Any:
        low, high = limits
        pair = value if isinstance(value, list) else [value, value]
        if len(pair) != 2 or not all(type(item) is int for item in pair):
            self.fail(name, f"应为整数或 [最少, 最多]，而不是{_kind_of(value)}")
        elif not all(low <= item <= high for item in pair):
            self.fail(name, f"应在 {low} 到 {high} 之间，现在是 {value}")
        elif pair[0] > pair[1]:
            self.fail(name, f"[最少, 最多] 中最少的 {pair[0]} 比最多的 {pair[1]} 还大")
        else:
            return (pair[0], pair[1])
        return None

    def build(self, data: Any) -> None:
        if not isinstance(data, dict):
            return self.fail(None, f"模板应为各项的映射，而不是{_kind_of(data)}")
        for key in data:
            if key not in FIELDS:
                self.fail(str(key), f"未知的项“{key}”", hint=_suggest(str(key), FIELDS))
        got: dict[str, Any] = {}
        for key in ("id", "name", "description", "meeting"):
            got[key] = self.text(self.get(data, key), key)
        for key in ("opening", "closing"):
            got[key] = self.texts(self.get(data, key), key)
        got["audiences"] = self.texts(data.get("audiences"), "audiences", allow_empty=True)
        got["variables"] = self.mapping(data.get("variables"), "variables")
        got["salutations"] = self.mapping(self.get(data, "salutations"), "salutations")
        got["sections"] = self.sections(self.get(data, "sections"))
        title = self.get(data, "title")
        got["titles"] = (
            self.texts(title, "title") if isinstance(title, list) else (self.text(title, "title"),)
        )
        subtitle = data.get("subtitle")
        got["subtitle"] = self.text(subtitle, "subtitle") or "" if subtitle != "" else ""
        got["length"] = length = self.get(data, "length")
        if length is not None and type(length) is not int:
            self.fail("length", f"应为整数（汉字数），而不是{_kind_of(length)}")
        elif length is not None and not LENGTH_RANGE[0] <= length <= LENGTH_RANGE[1]:
            self.fail("length", "应在 {} 到 {} 之间，现在是 {}".format(*LENGTH_RANGE, length))
        if got["id"] is not None and got["id"] != self.path.stem:
            self.fail("id", f"id“{got['id']}”应与文件名“{self.path.stem}”相同")
        if got["description"] and "\n" in got["description"]:
            self.fail("description", "只能写一行")
        if isinstance(data.get("salutations"), dict) and "default" not in data["salutations"]:
            self.fail("salutations", "需要一个 default 称呼，例如 default: 同志们：")
        for variable in got["variables"]:
            if not _VARIABLE_NAME.fullmatch(variable):
                message = f"“{variable}”不能作名称：只能用英文字母、数字和 _，以字母开头"
                self.fail(f"variables.{variable}", message)
            elif variable in ANSWER_NAMES or variable in HELPER_NAMES:
                message = f"“{variable}”是现成的名称，请另起一个"
                self.fail(f"variables.{variable}", message)
        raw = data.get("variables")
        self.check_sources([str(key) for key in raw] if isinstance(raw, dict) else [])
        if not self.errors:
            self.template = Template(**got, path=self.path)
        return None

    def sections(self, value: Any) -> tuple[SectionSpec, ...]:
        if not isinstance(value, list) or not value:
            if value is not None:
                self.fail("sections", f"应为各部分的列表，而不是{_kind_of(value)}")
            return ()
        specs = []
        for position, item in enumerate(value):
            prefix = f"sections[{position}]"
            if not isinstance(item, dict):
                message = f"应为含 role、subpoints、weight 的映射，而不是{_kind_of(item)}"
                self.fail(prefix, message)
                continue
            for key in item:
                if key not in SECTION_FIELDS:
                    hint = _suggest(str(key), SECTION_FIELDS)
                    self.fail(f"{prefix}.{key}", f"未知的项“{key}”", hint=hint)
            role = self.text(self.get(item, "role", f"{prefix}.role"), f"{prefix}.role")
            if role is not None and role not in SECTION_ROLES:
                hint = "可选的角色：" + "、".join(SECTION_ROLES)
                self.fail(f"{prefix}.role", f"没有“{role}”这个角色", hint=hint)
            subpoints = self.get(item, "subpoints", f"{prefix}.subpoints")
            if subpoints is not None:
                subpoints = self.count_range(subpoints, f"{prefix}.subpoints", SUBPOINT_RANGE)
            paragraphs = self.get(item, "paragraphs", default=list(DEFAULT_PARAGRAPHS))
            paragraphs = self.count_range(paragraphs, f"{prefix}.paragraphs", PARAGRAPH_RANGE)
            weight = self.get(item, "weight", f"{prefix}.weight")
            positive = type(weight) in (int, float) and math.isfinite(weight) and weight > 0
            if weight is not None and not positive:
                self.fail(f"{prefix}.weight", f"应为正数，而不是{_kind_of(weight)}")
            headings = self.get(item, "headings", default=[])
            if not isinstance(headings, list) or not all(isinstance(h, str) for h in headings):
                self.fail(f"{prefix}.headings", "应为标题文字的列表")
                headings = []
            material = self.material_parts(item, prefix)
            problems = self.flag(item, "problems", prefix)
            bank_headings = self.flag(item, "bank_headings", prefix)
            if role in SECTION_ROLES and subpoints and paragraphs and positive:
                specs.append(
                    SectionSpec(
                        role,
                        subpoints,
                        paragraphs,
                        float(weight),
                        tuple(headings),
                        material,
                        problems,
                        bank_headings,
                    )
                )
        return tuple(specs)

    def flag(self, item: dict[str, Any], key: str, prefix: str) -> bool:
        """A section's yes-or-no field (true unless it says false)."""
        value = self.get(item, key, default=True)
        if not isinstance(value, bool):
            self.fail(f"{prefix}.{key}", f"应为 true 或 false，而不是{_kind_of(value)}")
            return True
        return value

    def material_parts(self, item: dict[str, Any], prefix: str) -> tuple[str, ...]:
        """Which parts of the user's material a section takes: names from ``PARTS``."""
        parts = self.get(item, "material", default=[])
        if not isinstance(parts, list) or not all(p in MATERIAL_PARTS for p in parts):
            hint = "可用：" + "、".join(MATERIAL_PARTS)
            self.fail(f"{prefix}.material", "应为材料部分的列表", hint=hint)
            return ()
        return tuple(parts)

    def check_sources(self, variables: list[str]) -> None:
        """Check every rendered string, walking the YAML nodes so lines match the file."""
        always = set(ANSWER_NAMES) | set(HELPER_NAMES) | set(environment().globals)
        for name, node in self.nodes.items():
            if not (_RENDERED.fullmatch(name) and isinstance(node, yaml.ScalarNode)):
                continue
            if name.startswith("variables."):  # may use the variables above it
                above = variables.index(name[10:]) if name[10:] in variables else 0
                allowed = always - {"meeting"} | set(variables[:above])
            else:
                allowed = always - {"meeting"} if name == "meeting" else always
                allowed = allowed | set(variables)
            self.check_source(name, node, allowed)

    def check_source(self, name: str, node: yaml.ScalarNode, allowed: set[str]) -> None:
        first = node.start_mark.line + 1 + (node.style in ("|", ">"))  # block text starts below

        def at(lineno: int | None) -> int:
            return first + max((lineno or 1) - 1, 0)

        try:
            ast = environment().parse(node.value)
            # Generating the code also finds unknown filters and tests (`|nosuchfilter`).
            undeclared = meta.find_undeclared_variables(ast)
        except jinja2.TemplateSyntaxError as exc:
            hint = "检查 {{ }} 和 {% %} 是否成对、过滤器和函数的名称是否拼对"
            return self.fail(name, syntax_problem(exc), line=at(exc.lineno), hint=hint)
        except RecursionError:
            return self.fail(name, "模板表达式嵌套过深", line=at(None))
        usable = "这里可用：" + "、".join(sorted(allowed - set(environment().globals)))
        for unknown in sorted(undeclared - allowed):
            use = next((n for n in ast.find_all(nodes.Name) if n.name == unknown), None)
            hint = _MEETING_HINT if unknown == "meeting" else usable
            line = at(use.lineno if use else None)
            self.fail(name, f"未知的变量“{unknown}”", line=line, hint=hint)
        accessed: list[tuple[Any, int]] = [(n.attr, n.lineno) for n in ast.find_all(nodes.Getattr)]
        accessed += [(getattr(n.arg, "value", None), n.lineno) for n in ast.find_all(nodes.Getitem)]
        for attr, lineno in accessed:
            if isinstance(attr, str) and attr.startswith("_"):
                message = f"模板里不能用属性“{attr}”"
                self.fail(name, message, line=at(lineno))
        for call in ast.find_all(nodes.Call):
            for problem, advice in _call_problems(call):
                self.fail(name, problem, line=at(call.lineno), hint=advice)
        return None


def _call_problems(call: nodes.Call) -> list[tuple[str, str | None]]:
    """What is wrong with a ``pick(...)`` or ``fill(...)`` call, judged from its constants."""
    helper = call.node.name if isinstance(call.node, nodes.Name) else None
    if helper == "fill" and (len(call.args) != 1 or call.kwargs):
        return [("fill() 只接受一个说明文字，例如 fill('上一年度主要成绩')", None)]
    if helper != "pick":
        return []
    given: dict[str, Any] = dict(zip(("kind", "role"), call.args, strict=False))
    given.update((keyword.key, keyword.value) for keyword in call.kwargs)
    kind, role = given.pop("kind", None), given.pop("role", None)
    problems: list[tuple[str, str | None]] = []
    if len(call.args) > 2 or given:
        problems.append(("pick() 只接受一个类别和一个可选的角色", None))
    kinds, roles = "可选的类别：" + " ".join(KINDS), "可选的角色：" + "、".join(ROLES)
    if kind is None:
        problems.append(("pick() 需要一个类别，例如 pick('closing')", kinds))
    elif isinstance(kind, nodes.Const) and kind.value not in KINDS:
        problems.append((f"pick() 的类别“{kind.value}”不是词条类别", kinds))
    if isinstance(role, nodes.Const) and role.value is not None and role.value not in ROLES:
        problems.append((f"pick() 的角色“{role.value}”不是角色", roles))
    return problems


def _kind_of(value: Any) -> str:
    if isinstance(value, dict | list):
        return ("映射" if isinstance(value, dict) else "列表") if value else "空的"
    if value is None or isinstance(value, bool):
        return {None: "空值", True: "true", False: "false"}[value]
    text = str(value) if len(str(value)) <= 20 else f"{str(value)[:20]}…"
    return f"数字 {value}" if isinstance(value, int | float) else f"“{text}”"


def _suggest(key: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, choices, n=1)
    known = "可用的项：" + "、".join(choices)
    return f"是不是 {close[0]}？{known}" if close else known


def check_file(path: Path) -> _Check:
    check = _Check(path)
    data = check.read()
    if not check.errors:
        check.build(data)
    check.errors.sort(key=lambda error: error.line or 0)
    return check
