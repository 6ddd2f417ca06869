"""The audience of a speech and the register it is spoken in (``data/audiences.yaml``).

The answers' audience is free text (企业代表, 全体干部职工 …). ``audience_class`` places it in a
class; ``adapt`` says a bank sentence the way that class is spoken to, or refuses it:

- the speaker's own cadres are told 各级各部门要…, and every sentence stays as it is;
- other audiences are asked (希望各位企业家…, 希望大家…) where a sentence asks something they can
  do themselves, and hear the government's own tasks as its commitment (我们要…);
- instructions to the speaker's own departments and organs are said in front of another audience
  only when they concern it (各级各部门要主动服务企业, to entrepreneurs), and bodies the speaker
  does not lead (人大, 政协, 法院, 检察院) are told nothing by anyone;
- wording for the speaker's cadres alone (传达会议精神, 监督执纪) is said to no one else.

``address`` and ``request`` give the forms that open a paragraph of requirements, ``ask`` joins a
request to what is asked. Everything here is pure: the same inputs give the same text.

The composer calls, for an answers' ``audience``::

    cls = audience_class(answers.audience)
    text = adapt(sentence, cls)          # None: leave the sentence out
    opening = ask(cls, "坚定发展信心。", seed)  # "希望各位企业家坚定发展信心。"
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import BankError
from draftkit.files import os_reason
from draftkit.resources import data_file
from draftkit.yamlfile import safe_loader, yaml_problem

TASKS = ("direct", "ours")
KINDS = ("led", "independent", "party")
# A level before a body's name: 市人大, 区各有关部门, 全{{ scope }}各级政府.
_LEVEL = r"(?:全\{\{ ?scope ?\}\}|全[省市县区州]|[省市县区州])?"
# The word that makes a subject's duty: 各级各部门要… (not 要素, 要求, 要点 …).
_YAO = r"要(?![素求点件害闻案冲道地职员紧领])"
_MODAL = f"(?:一定要|必须|务必|应当|应该|{_YAO})"
_LINK = r"(?:及其工作人员|及其常委会|都|也|还|更)?"
# Verbs that put a body to work from the outside: 督促各地…, 要求各级各部门….
_ORDER = r"(?:要)?(?:要求|督促|责成|推动|指导|组织|动员)"
# A leading clause that sets the scene for the duty after it: 为…，要…; 面对…，要….
_SCENE = r"(?:(?:为了|为|在|面对|针对|围绕|按照|根据|随着|对于|对)[^，。；！？]{1,40}[，；])?"
_CLAUSE_START = r"(?:^|(?<=[，；：]))"
_LEADING_MODAL = re.compile(f"^(?:一定要|必须|务必|{_YAO})")
_LATER_MODAL = re.compile(f"([，；]){_YAO}")


@dataclass(frozen=True, slots=True)
class BodyGroup:
    """Bodies a sentence may tell to act, with how the speaker stands to them."""

    key: str
    kind: str  # led: the speaker's own line; independent: not led by him; party: a third party
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Rules:
    """What every class of one file shares: the bodies, the adverbs and the internal wording."""

    groups: dict[str, BodyGroup]
    group_of: dict[str, str]  # body name → group key
    names: re.Pattern[str]  # any body's name
    duty: re.Pattern[str]  # a clause that gives its subject a duty: 各级各部门要…
    order: re.Pattern[str]  # a clause that puts a body to work: 督促各地…
    adverbs: re.Pattern[str]
    internal: re.Pattern[str] | None
    government: re.Pattern[str] | None  # the government's own work, never asked of others
    promises: re.Pattern[str] | None  # actions the government can promise: 我们将加快…
    bare: re.Pattern[str]  # a sentence that opens on a duty with no subject: 要…, 为…，要…

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
    parts: tuple[str, ...] = ()  # the classes a combined audience is made of
    rules: _Rules | None = field(default=None, repr=False, compare=False)

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


# --- the functions the composer calls ---------------------------------------------------------


def audience_class(audience: str, audiences: Audiences | None = None) -> AudienceClass:
    """The class of a free-text audience; a mixed one ("企业代表和部门负责同志") combines its parts.

    An answer listed under a class's ``audiences`` belongs to it as it is. Otherwise the answer is
    split at 和、与、及 and each part goes to the class with the longest matching keyword. An
    answer nothing matches gets the file's ``fallback`` (the speaker's own cadres).
    """
    audiences = audiences or load_audiences()
    text = audience.strip().rstrip("：:，,。")
    exact = _exact(text, audiences)
    if exact is not None:
        return exact
    found: list[AudienceClass] = []
    for part in re.split(r"以及|[和与及、，,/；;]", text):
        cls = _exact(part.strip(), audiences) or _by_keyword(part.strip(), audiences)
        if cls is not None and cls not in found:
            found.append(cls)
    if not found:
        return audiences.fallback
    return found[0] if len(found) == 1 else combine(found)


def adapt(sentence: str, cls: AudienceClass) -> str | None:
    """``sentence`` as it is said to ``cls``, or None when it cannot be said to them."""
    return _judge(sentence, cls)[0]


def why_unsuited(sentence: str, cls: AudienceClass) -> str | None:
    """Why ``sentence`` cannot be said to ``cls`` (in Chinese), or None when it can."""
    return _judge(sentence, cls)[1]


def address(cls: AudienceClass, pick: int | random.Random = 0) -> str:
    """A form of address for ``cls`` (各位企业家); ``pick`` is an index or a seeded Random."""
    return _pick(cls.address, pick)


def request(cls: AudienceClass, pick: int | random.Random = 0) -> str:
    """An opening of a requirement for ``cls`` ("希望各位企业家"), followed by what is asked."""
    return _pick(cls.requests, pick)


def ask(cls: AudienceClass, predicate: str, pick: int | random.Random = 0) -> str:
    """A requirement in ``cls``'s register: ``request`` + ``predicate`` without its leading 要.

    ``ask(entrepreneurs, "要坚定发展信心。")`` gives "希望各位企业家坚定发展信心。". Use it for
    what the composer knows suits the audience; a bank sentence goes through ``adapt``.
    """
    return _join(request(cls, pick), _strip_modal(predicate))


def combine(classes: list[AudienceClass]) -> AudienceClass:
    """One class for an audience made of several: the first one's address, everyone's forms."""
    first = classes[0]

    def union(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for c in classes for x in getattr(c, name)))

    return AudienceClass(
        key="+".join(c.key for c in classes),
        name="、".join(c.name for c in classes),
        audiences=union("audiences"),
        keywords=union("keywords"),
        address=union("address"),
        salutation=first.salutation,
        requests=union("requests"),
        tasks="direct" if any(c.tasks == "direct" for c in classes) else "ours",
        commitments=union("commitments"),
        personal=union("personal"),
        own=frozenset().union(*(c.own for c in classes)),
        instructs=frozenset().union(*(c.instructs for c in classes)),
        hears=frozenset().union(*(c.hears for c in classes)),
        about=union("about"),
        internal=any(c.internal for c in classes),
        parts=tuple(c.key for c in classes),
        rules=first.rules,
    )


# --- how a sentence is judged -------------------------------------------------------------------


def _judge(sentence: str, cls: AudienceClass) -> tuple[str | None, str | None]:
    rules = cls.rules
    if rules is None:  # pragma: no cover - classes are made by load_audiences
        return sentence, None
    if not cls.internal and rules.internal is not None:
        hit = rules.internal.search(sentence)
        if hit:
            return None, f"“{hit.group(0)}”只对本系统干部讲，不宜对{cls.name}讲"
    asks: list[tuple[int, int, str]] = []  # "广大企业要" → "希望广大企业", right to left
    found = [(m, False) for m in rules.duty.finditer(sentence)]
    found += [(m, True) for m in rules.order.finditer(sentence)]
    for match, ordered in found:
        who = match.group("subject")
        groups = rules.groups_in(who)
        kinds = {rules.groups[g].kind for g in groups}
        if "independent" in kinds:
            return None, f"“{who}”不归讲话人领导，只能讲支持、配合，不能布置任务"
        if groups <= cls.instructs:
            continue
        if not ordered and groups & cls.own and groups <= cls.own | cls.instructs:
            if "led" not in kinds:  # a third party that is the audience: ask it by its name
                asks.append((*match.span("duty"), "希望" + who))
                continue
            if cls.asks_of_them(sentence[match.end() :]):
                opening = _opening(cls, sentence, sentence[match.end() :])
                asks.append((*match.span("duty"), opening))
                continue
        led = {g for g in groups if rules.groups[g].kind == "led"} - cls.instructs
        if not led or (led <= cls.hears and cls.is_about_them(sentence)):
            continue
        return None, f"对{cls.name}讲话，不宜给“{who}”布置任务"
    if not asks:
        return _bare_duty(sentence, cls, rules), None
    text = sentence
    for start, end, opening in sorted(asks, reverse=True):
        text = text[:start] + opening + text[end:]
    if any(not opening.endswith("要") for _, _, opening in asks):
        text = _LATER_MODAL.sub(r"\1", text)
    return text, None


def _bare_duty(sentence: str, cls: AudienceClass, rules: _Rules) -> str:
    """A duty with no subject (要…): a request when the audience can do it, else by ``tasks``."""
    match = rules.bare.match(sentence)
    if match is None:
        return sentence
    scene, modal, rest = match.group("scene") or "", match.group("modal"), match.group("rest")
    if cls.asks_of_them(rest):
        opening = _opening(cls, sentence, rest)
        asked = _join(opening, rest)
        if not opening.endswith("要"):  # 希望大家加强学习，学以致用 (not "，要学以致用")
            asked = _LATER_MODAL.sub(r"\1", asked)
        return scene + asked
    if cls.tasks == "direct":
        return sentence
    if modal == "要":
        forms = cls.commitments
        core = rules.adverbs.sub("", rest, count=1)
        if rules.promises is None or not rules.promises.match(core):
            forms = forms[:1]  # 我们要时刻清醒, not 我们将时刻清醒
        return scene + _pick(forms, _stable(sentence)) + rest
    return f"{scene}我们{modal}{rest}"


def _opening(cls: AudienceClass, sentence: str, predicate: str) -> str:
    """The request form for one sentence: varied by the sentence, never "…要" + "求真务实"."""
    forms = [f for f in cls.requests if not (f.endswith("要") and predicate.startswith("求"))]
    return _pick(tuple(forms) or cls.requests, _stable(sentence))


def _strip_modal(predicate: str) -> str:
    return _LEADING_MODAL.sub("", predicate.strip())


def _join(opening: str, predicate: str) -> str:
    # "各位学员要" + "要加强学习" must not say 要 twice.
    if opening.endswith("要"):
        predicate = _strip_modal(predicate)
    return opening + predicate


def _stable(text: str) -> int:
    """An index that depends on the sentence alone, so forms vary across a draft but not per run."""
    return zlib.crc32(text.encode("utf-8"))


def _pick(forms: tuple[str, ...], pick: int | random.Random) -> str:
    if isinstance(pick, random.Random):
        return forms[pick.randrange(len(forms))]
    return forms[pick % len(forms)]


def _exact(text: str, audiences: Audiences) -> AudienceClass | None:
    for cls in audiences.classes:
        if text in cls.audiences:
            return cls
    return None


def _by_keyword(text: str, audiences: Audiences) -> AudienceClass | None:
    best: tuple[int, AudienceClass] | None = None
    for cls in audiences.classes:
        for word in cls.keywords:
            if word in text and (best is None or len(word) > best[0]):
                best = (len(word), cls)
    return best[1] if best else None


def _any(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


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
        for n, pattern in enumerate(found):
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

    def rules(self, raw: dict[str, Any], groups: dict[str, BodyGroup]) -> _Rules:
        adverbs = self.texts(raw, "adverbs", "adverbs", allow_empty=True)
        internal = self.patterns(raw, "internal", "internal")
        government = self.patterns(raw, "not_requests", "not_requests")
        promises = self.patterns(raw, "promises", "promises")
        group_of = {name: g.key for g in groups.values() for name in g.names}
        names = _alternation(group_of)
        body = f"{_LEVEL}(?:{names})"
        subject = f"(?P<subject>{body}(?:[、和与及]{body})*)"
        return _Rules(
            groups=groups,
            group_of=group_of,
            names=re.compile(names),
            duty=re.compile(f"{_CLAUSE_START}(?P<duty>{subject}{_LINK}{_MODAL})"),
            order=re.compile(f"{_CLAUSE_START}{_ORDER}{subject}"),
            adverbs=re.compile(f"^(?:{_alternation(adverbs)})*") if adverbs else re.compile("^"),
            internal=_any(internal),
            government=_any(government),
            promises=_any(promises),
            bare=re.compile(f"^(?P<scene>{_SCENE})(?P<modal>{_MODAL})(?P<rest>.+)$", re.S),
        )

    def classes(
        self, raw: dict[str, Any], groups: dict[str, BodyGroup], rules: _Rules
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
                    rules=rules,
                )
            )
        return classes
