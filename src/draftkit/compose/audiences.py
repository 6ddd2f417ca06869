"""The audiences file (``data/audiences.yaml``): its classes and rules, read and checked.

Each class says how one kind of audience is spoken to; the rules say which bodies a sentence may
tell to act and how the speaker stands to them. ``load_audiences`` reads the bundled file or a
user's own; every problem is a ``BankError`` naming the line and the field. How a sentence is
judged and said for a class is ``compose.audience``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftkit.bank.cache import CacheSpec, cached
from draftkit.errors import BankError
from draftkit.files import os_reason
from draftkit.resources import data_file
from draftkit.yamlfile import safe_loader, yaml_problem

TASKS = ("direct", "ours")
KINDS = ("led", "independent", "party")
# A level before a body's name: 市人大, 区各有关部门, 全{{ scope }}各级政府.
_LEVEL = r"(?:全\{\{ ?scope ?\}\}|全[省市县区州]|[省市县区州])?"
# The word that makes a subject's duty: 各级各部门要… (not 要素, 要求, 要点 …).
YAO = r"要(?![素求点件害闻案冲道地职员紧领])"
_MODAL = f"(?:一定要|必须|务必|应当|应该|{YAO})"
_LINK = r"(?:及其工作人员|及其常委会|都|也|还|更)?"
# Verbs that put a body to work from the outside: 督促各地…, 要求各级各部门….
_ORDER = r"(?:要)?(?:要求|督促|责成|推动|指导|组织|动员)"
# A leading clause that sets the scene for the duty after it: 为…，要…; 面对…，要….
_SCENE = r"(?:(?:为了|为|在|面对|针对|围绕|按照|根据|随着|对于|对)[^，。；！？]{1,40}[，；])?"
_CLAUSE_START = r"(?:^|(?<=[，；：]))"


@dataclass(frozen=True, slots=True)
class BodyGroup:
    """Bodies a sentence may tell to act, with how the speaker stands to them."""

    key: str
    kind: str  # led: the speaker's own line; independent: not led by him; party: a third party
    names: tuple[str, ...]


class LazyPattern:
    """A regular expression compiled when first used: most drafts judge with few of the rules."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # search, match, finditer, sub …
        return getattr(self.compiled(), name)


@dataclass(frozen=True, slots=True)
class AudienceRules:
    """What every class of one file shares: the bodies, the adverbs and the internal wording."""

    groups: dict[str, BodyGroup]
    group_of: dict[str, str]  # body name → group key
    names: LazyPattern  # any body's name
    duty: LazyPattern  # a clause that gives its subject a duty: 各级各部门要…
    order: LazyPattern  # a clause that puts a body to work: 督促各地…
    adverbs: LazyPattern
    internal: LazyPattern | None
    government: LazyPattern | None  # the government's own work, never asked of others
    promises: LazyPattern | None  # actions the government can promise: 我们将加快…
    bare: LazyPattern  # a sentence that opens on a duty with no subject: 要…, 为…，要…

    def groups_in(self, subject: str) -> set[str]:
        return {self.group_of[name] for name in self.names.findall(subject)}


@dataclass(frozen=True, slots=True)
class AudienceClass:
    """One kind of audience and its register; see ``data/audiences.yaml`` for each field."""

    key: str
    name: str
    audiences: tuple[str, ...]
    keywords: tuple[str, ...]
    address: tuple[str, ...]
    salutation: str
    requests: tuple[str, ...]
    tasks: str
    commitments: tuple[str, ...]
    personal: tuple[str, ...]
    own: frozenset[str]
    instructs: frozenset[str]
    hears: frozenset[str]
    about: tuple[str, ...]
    internal: bool
    hopes: str = ""  # what the speaker asks of them at the close (Jinja, the draft's slots)
    parts: tuple[str, ...] = ()  # the classes a combined audience is made of
    rules: AudienceRules | None = field(default=None, repr=False, compare=False)

    def asks_of_them(self, predicate: str) -> bool:
        """Whether ``predicate`` (what follows 要) is something this audience can itself do."""
        if not self.personal or self.rules is None:
            return False
        if self.rules.government is not None and self.rules.government.search(predicate):
            return False
        core = self.rules.adverbs.sub("", predicate, count=1)
        return any(re.match(p, core) for p in self.personal)

    def is_about_them(self, sentence: str) -> bool:
        return any(word in sentence for word in self.about)


@dataclass(frozen=True, slots=True)
class Audiences:
    """Every class of one audiences file, and the one an unknown audience falls back to."""

    classes: tuple[AudienceClass, ...]
    fallback: AudienceClass
    path: str

    def get(self, key: str) -> AudienceClass:
        for cls in self.classes:
            if cls.key == key:
                return cls
        raise KeyError(key)


def _any(patterns: tuple[str, ...]) -> LazyPattern | None:
    return LazyPattern("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# --- loading and checking the file --------------------------------------------------------------


@cache
def load_audiences(path: Path | None = None) -> Audiences:
    """Load and check an audiences file (default: the bundled ``data/audiences.yaml``)."""
    path = path or data_file("audiences.yaml")
    return _Reader(path).read()


class _Reader:
    """Reads one audiences file; every problem is a ``BankError`` naming the line and the field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root: yaml.Node | None = None
        self.check = True  # whether patterns are compiled to be checked

    def fail(self, where: str, message: str) -> BankError:
        return BankError(
            message,
            path=self.path,
            line=self.line(where),
            field=where or None,
            hint="请对照 audiences.yaml 开头的说明修改该项",
        )

    def line(self, where: str) -> int | None:
        """The line of a field such as ``classes[2].requests``, or of its nearest parent."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in re.findall(r"[^.\[\]]+|\[\d+\]", where):
            if isinstance(node, yaml.MappingNode):
                found = [v for k, v in node.value if getattr(k, "value", None) == step]
                if not found:
                    break
                node = found[0]
            elif isinstance(node, yaml.SequenceNode) and step.startswith("["):
                index = int(step[1:-1])
                if index >= len(node.value):
                    break
                node = node.value[index]
            else:
                break
            line = node.start_mark.line + 1
        return line

    def read(self) -> Audiences:
        """The file's classes; the YAML, once checked, is cached (``bank.cache``) beside it.

        A file read from its cache was checked when the cache was made, so its patterns are
        not compiled one by one again to be checked.
        """
        fresh: list[Audiences] = []

        def checked() -> dict[str, Any]:
            raw = self.parse()
            fresh.append(self.build(raw))
            return raw

        raw = cached(_CACHE, self.path.parent, [self.path], checked)
        return fresh[0] if fresh else self.build(raw, check=False)

    def parse(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise BankError(f"无法读取受众类别文件（{os_reason(exc)}）", path=self.path) from exc
        loader = safe_loader(text)
        try:
            self.root = loader.get_single_node()
            raw = loader.construct_document(self.root) if self.root is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = yaml_problem(getattr(exc, "problem", None) or str(exc))
            line = mark.line + 1 if mark else None
            raise BankError(f"YAML 语法错误：{problem}", path=self.path, line=line) from exc
        finally:
            loader.dispose()
        if not isinstance(raw, dict):
            raise self.fail("", "文件应为一个映射，含 fallback、bodies、classes 等项")
        return raw

    def build(self, raw: dict[str, Any], *, check: bool = True) -> Audiences:
        self.check = check
        groups = self.groups(raw)
        rules = self.rules(raw, groups)
        classes = self.classes(raw, groups, rules)
        fallback = self.text(raw, "fallback")
        chosen = [c for c in classes if c.key == fallback]
        if not chosen:
            keys = "、".join(c.key for c in classes)
            raise self.fail("fallback", f"没有名为“{fallback}”的类别（已有：{keys}）")
        return Audiences(tuple(classes), chosen[0], str(self.path))

    # field readers

    def value(self, raw: dict[str, Any], name: str, where: str) -> Any:
        if name not in raw:
            raise self.fail(where, "缺少此项")
        return raw[name]

    def text(self, raw: dict[str, Any], name: str, where: str = "") -> str:
        where = where or name
        value = self.value(raw, name, where)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "应为一段不空的文字")
        return value.strip()

    def texts(
        self, raw: dict[str, Any], name: str, where: str, *, allow_empty: bool = False
    ) -> tuple[str, ...]:
        value = self.value(raw, name, where)
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(where, "应为文字列表" if allow_empty else "应为不空的文字列表")
        for n, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{where}[{n}]", "应为一段不空的文字")
        return tuple(item.strip() for item in value)

    def patterns(self, raw: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
        found = self.texts(raw, name, where, allow_empty=True)
        for n, pattern in enumerate(found if self.check else ()):
            try:
                re.compile(pattern)
            except re.error as exc:
                message = f"正则表达式有误（第 {exc.pos} 个字符处）"
                raise self.fail(f"{where}[{n}]", message) from exc
        return found

    def keys(
        self, raw: dict[str, Any], name: str, where: str, groups: dict[str, BodyGroup]
    ) -> frozenset[str]:
        found = self.texts(raw, name, where, allow_empty=True)
        for n, key in enumerate(found):
            if key not in groups:
                known = "、".join(groups)
                raise self.fail(f"{where}[{n}]", f"没有名为“{key}”的主体组（已有：{known}）")
        return frozenset(found)

    def groups(self, raw: dict[str, Any]) -> dict[str, BodyGroup]:
        bodies = self.value(raw, "bodies", "bodies")
        if not isinstance(bodies, dict) or not bodies:
            raise self.fail("bodies", "应为主体组的映射，如 departments: {kind: led, names: [...]}")
        groups: dict[str, BodyGroup] = {}
        seen: dict[str, str] = {}
        for key, body in bodies.items():
            where = f"bodies.{key}"
            if not isinstance(body, dict):
                raise self.fail(where, "应为含 kind 和 names 的映射")
            kind = self.text(body, "kind", f"{where}.kind")
            if kind not in KINDS:
                raise self.fail(f"{where}.kind", f"应为 {'、'.join(KINDS)} 之一，而不是“{kind}”")
            names = self.texts(body, "names", f"{where}.names")
            for name in names:
                if name in seen:
                    message = f"“{name}”已列在 {seen[name]} 中，一个名称只能属于一个主体组"
                    raise self.fail(f"{where}.names", message)
                seen[name] = str(key)
            groups[str(key)] = BodyGroup(str(key), kind, names)
        return groups

    def rules(self, raw: dict[str, Any], groups: dict[str, BodyGroup]) -> AudienceRules:
        adverbs = self.texts(raw, "adverbs", "adverbs", allow_empty=True)
        internal = self.patterns(raw, "internal", "internal")
        government = self.patterns(raw, "not_requests", "not_requests")
        promises = self.patterns(raw, "promises", "promises")
        group_of = {name: g.key for g in groups.values() for name in g.names}
        names = _alternation(group_of)
        body = f"{_LEVEL}(?:{names})"
        subject = f"(?P<subject>{body}(?:[、和与及]{body})*)"
        return AudienceRules(
            groups=groups,
            group_of=group_of,
            names=LazyPattern(names),
            duty=LazyPattern(f"{_CLAUSE_START}(?P<duty>{subject}{_LINK}{_MODAL})"),
            order=LazyPattern(f"{_CLAUSE_START}{_ORDER}{subject}"),
            adverbs=LazyPattern(f"^(?:{_alternation(adverbs)})*" if adverbs else "^"),
            internal=_any(internal),
            government=_any(government),
            promises=_any(promises),
            bare=LazyPattern(f"^(?P<scene>{_SCENE})(?P<modal>{_MODAL})(?P<rest>.+)$", re.S),
        )

    def classes(
        self, raw: dict[str, Any], groups: dict[str, BodyGroup], rules: AudienceRules
    ) -> list[AudienceClass]:
        items = self.value(raw, "classes", "classes")
        if not isinstance(items, list) or not items:
            raise self.fail("classes", "应为不空的类别列表")
        classes: list[AudienceClass] = []
        for n, item in enumerate(items):
            where = f"classes[{n}]"
            if not isinstance(item, dict):
                raise self.fail(where, "应为一个类别的映射（key、name、audiences …）")
            key = self.text(item, "key", f"{where}.key")
            if any(c.key == key for c in classes):
                raise self.fail(f"{where}.key", f"类别“{key}”重复")
            tasks = self.text(item, "tasks", f"{where}.tasks")
            if tasks not in TASKS:
                message = f"应为 direct（要…）或 ours（我们要…），而不是“{tasks}”"
                raise self.fail(f"{where}.tasks", message)
            internal = self.value(item, "internal", f"{where}.internal")
            if not isinstance(internal, bool):
                raise self.fail(f"{where}.internal", "应为 true 或 false")
            commitments: tuple[str, ...] = ("我们要",)
            if "commitments" in item:
                commitments = self.texts(item, "commitments", f"{where}.commitments")
            classes.append(
                AudienceClass(
                    key=key,
                    name=self.text(item, "name", f"{where}.name"),
                    audiences=self.texts(item, "audiences", f"{where}.audiences"),
                    keywords=self.texts(item, "keywords", f"{where}.keywords", allow_empty=True),
                    address=self.texts(item, "address", f"{where}.address"),
                    salutation=self.text(item, "salutation", f"{where}.salutation"),
                    requests=self.texts(item, "requests", f"{where}.requests"),
                    tasks=tasks,
                    commitments=commitments,
                    personal=self.patterns(item, "personal", f"{where}.personal"),
                    own=self.keys(item, "own", f"{where}.own", groups),
                    instructs=self.keys(item, "instructs", f"{where}.instructs", groups),
                    hears=self.keys(item, "hears", f"{where}.hears", groups),
                    about=self.texts(item, "about", f"{where}.about", allow_empty=True),
                    internal=internal,
                    hopes=self.text(item, "hopes", f"{where}.hopes") if "hopes" in item else "",
                    rules=rules,
                )
            )
        return classes


# The checked file as YAML gave it: plain values, so marshal keeps them.
_CACHE = CacheSpec("audiences", 1, lambda raw: raw, lambda raw: raw, code=(__file__,))
