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

from draftkit.compose.audiences import (
    YAO,
    AudienceClass,
    AudienceRules,
    Audiences,
    load_audiences,
)

_LEADING_MODAL = re.compile(f"^(?:一定要|必须|务必|{YAO})")
_LATER_MODAL = re.compile(f"([，；]){YAO}")


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
        hopes=next((c.hopes for c in classes if c.hopes), ""),
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


def _bare_duty(sentence: str, cls: AudienceClass, rules: AudienceRules) -> str:
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
