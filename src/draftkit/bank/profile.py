"""The topic profile: which words and points go with a subject, learnt from the bank's points.

Mining writes an inverted index over the points beside the bank (``profile.json.gz``): for every
content word, the points it occurs in and how often. For any topic, even one the bank never
named as a whole, the profile is the words that co-occur with it in the same points, weighted so
that words common to every subject carry no weight (安全生产 → 隐患, 排查, 危化品 …). The same
weights rank the points that belong to the topic.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from draftkit.bank.cache import CacheSpec, cached
from draftkit.errors import BankError
from draftkit.reading.segment import tagged, words

PROFILE_FILE = "profile.json.gz"
SCHEMA_VERSION = 1
# A word in more than this share of points is everyday official wording.
COMMON_SHARE = 0.15
# A part of a topic used by no more than this share of points names the subject on its own.
SUBJECT_SHARE = 0.02
# A part of a topic named in more than this share of the points tells nothing of the topic
# (保护 of 生态环境保护, 服务 of 退役军人服务保障); 生态 and 安全 still do.
NAME_SHARE = 0.10
# Words that name no subject however rare they are in one corpus.
_NOT_SUBJECTS = frozenset(
    "工作 问题 方面 进一步 全面 重点 加快 推进 加强 实施 推动 持续 深入".split()
)
# A topic's words that say where or how much, not what (全国文明城市创建, 巩固脱贫成果,
# 道路交通安全整治): a point naming 全国 or 整治 is not about the topic for that.
_NOT_PARTS = _NOT_SUBJECTS | frozenset(
    "全国 全省 全市 全县 全区 创建 整治 巩固 成果 提升 提高 促进 集中 专项 行动 攻坚 "
    "现代 现代化 新型 新时代 高质量 全面 "
    # when (冬春火灾防控), how often (常态化扫黑除恶斗争), whom (全民健身), where (城市更新)
    "冬春 冬季 春季 夏季 秋季 秋冬 春节 节日 年度 常态 常态化 全民 城市 城乡 基层 斗争 防控 "
    # what is done, not to what (城市管理 is no 管理, 耕地保护 no 保护); what kind or how well,
    # not which (文明家庭 is no 生态文明, 高标准农田 no 高标准建设…示范区)
    "管理 保护 文明 高标准 高水平 平稳 "
    # what any work does (地质灾害防治 is no 污染防治, 审计整改 no 督察整改, 民营企业发展 no
    # 产业发展)
    "防治 综合 发展 整改 建设 产业 "
    # what any work is done by (组织开展, 宣传发动): 组织工作 and 宣传思想 are named whole
    "组织 宣传 思想".split()
)


def names_part(word: str) -> bool:
    """Whether a word of a topic may name it alone (耕地 of 耕地保护; not 冬春 nor 城市)."""
    return len(word) >= 2 and word not in _NOT_PARTS


@dataclass(frozen=True, slots=True)
class ProfileIndex:
    """Postings over the bank's points: word → ((point number, count), …)."""

    ids: tuple[str, ...]
    postings: dict[str, tuple[tuple[int, int], ...]]
    lengths: tuple[int, ...] = field(init=False)  # how many indexed words each point holds

    def __post_init__(self) -> None:
        lengths = [0] * len(self.ids)
        for postings in self.postings.values():
            for point, count in postings:
                lengths[point] += count
        object.__setattr__(self, "lengths", tuple(lengths))

    @property
    def size(self) -> int:
        return len(self.ids)

    def df(self, word: str) -> int:
        return len(self.postings.get(word, ()))


@dataclass(frozen=True, slots=True)
class TopicProfile:
    """A topic's words with their weights, and the points that carry the topic itself."""

    topic: str
    words: tuple[tuple[str, float], ...]
    core: frozenset[int]  # points that name the topic, and where few do, those nearest them
    named: frozenset[int] = frozenset()  # points that name the topic (or all its parts)

    def weight(self, word: str) -> float:
        return dict(self.words).get(word, 0.0)


def build_index(points: Iterable[tuple[str, list[str]]]) -> ProfileIndex:
    """The index for (point id, its content words) pairs, in a stable order."""
    ids: list[str] = []
    postings: dict[str, list[tuple[int, int]]] = {}
    for n, (ident, tokens) in enumerate(sorted(points)):
        ids.append(ident)
        for word, count in sorted(Counter(tokens).items()):
            postings.setdefault(word, []).append((n, count))
    return ProfileIndex(tuple(ids), {w: tuple(p) for w, p in sorted(postings.items())})


def dump_index(index: ProfileIndex) -> bytes:
    """Deterministic gzip bytes: the same bank always gives the same file."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "ids": list(index.ids),
        "postings": {w: [list(p) for p in ps] for w, ps in index.postings.items()},
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as handle:
        handle.write(raw.encode("utf-8"))
    return out.getvalue()


@cache
def _load(path: Path, mtime: float, size: int) -> ProfileIndex:
    return cached(_CACHE, path.parent, [path], lambda: _read(path))


def _read(path: Path) -> ProfileIndex:
    try:
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError("schema_version")
        postings = {
            str(w): tuple((int(n), int(c)) for n, c in ps) for w, ps in data["postings"].items()
        }
        return ProfileIndex(tuple(str(i) for i in data["ids"]), postings)
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise BankError(
            "主题画像索引已损坏，无法读取",
            path=path,
            hint="重新运行 `draftkit mine` 生成词库",
        ) from exc


def _encode(index: ProfileIndex) -> Any:
    return index.ids, index.postings, index.lengths


def _decode(stored: Any) -> ProfileIndex:
    ids, postings, lengths = stored
    if not (isinstance(postings, dict) and len(lengths) == len(ids)):
        raise TypeError("topic profile cache layout")
    index = object.__new__(ProfileIndex)  # the lengths are stored: no need to count them again
    for name, value in (("ids", ids), ("postings", postings), ("lengths", lengths)):
        object.__setattr__(index, name, value)
    return index


_CACHE = CacheSpec("profile", SCHEMA_VERSION, _encode, _decode, code=(__file__,))


def load_index(bank_dir: Path | None) -> ProfileIndex | None:
    """The bank's profile index, or None when the bank has none (mined by an older version)."""
    if bank_dir is None:
        return None
    path = Path(bank_dir) / PROFILE_FILE
    if not path.is_file():
        return None
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime, stat.st_size)


def topic_parts(topic: str) -> list[str]:
    """The words a topic is made of (招商引资 → 招商, 引资), the topic first."""
    parts = [w for w in words(topic) if len(w) >= 2 and w not in _NOT_PARTS]
    return list(dict.fromkeys([topic, *parts]))


def topic_profile(
    index: ProfileIndex, topic: str, extra: Iterable[str] = (), top: int = 30
) -> TopicProfile:
    """The words that go with ``topic`` (and the user's ``extra`` key terms) across the points."""
    extra = [*extra, *short_names(index, topic)]
    parts = topic_parts(topic)
    for part in list(parts):
        halves = [part[:2], part[2:]] if len(part) == 4 else []
        parts += [h for h in halves if index.df(h) and h not in parts and h not in _NOT_SUBJECTS]
    core, alone = _points_with_all(index, parts)
    core |= alone
    named = frozenset(core | _points_with_any(index, list(extra)))
    if len(core) < 3:
        # Few points name the whole: those naming one of its telling parts (生态 or 环境保护 of
        # 生态环境保护; not 环境, which 营商环境 holds too, nor a half the topic was split into).
        telling = [p for p in topic_parts(topic)[1:] if index.df(p) <= NAME_SHARE * index.size]
        core = _points_with_any(index, [*(telling or parts[1:]), *extra]) or core
    own = set(parts) | set(extra)
    scored = _cooccurring(index, core, own)
    if len(core) < ENOUGH_CORE and scored:
        # Few points name the topic: take in those that share several of its strongest words.
        strong = [w for _, w in scored[:8]]
        near = Counter(p for w in strong for p, _ in index.postings.get(w, ()))
        core = core | {p for p, hits in near.items() if hits >= 3}
        scored = _cooccurring(index, core, own)
    words = tuple((w, round(s, 4)) for s, w in scored[:top])
    return TopicProfile(topic, words, frozenset(core), named)


def short_names(index: ProfileIndex, topic: str) -> list[str]:
    """The short name a four-character topic goes by where the bank uses it (医保 of 医疗保障).

    It is the first character of each half (社保, 环保, 国企, 统战); it counts only where the
    bank's points use it (SHORT_NAME_DF), so 农业农村 gives no 农农.
    """
    core = topic[:-2] if topic.endswith("工作") and len(topic) > 4 else topic
    if len(core) != 4:
        return []
    short = core[0] + core[2]
    return [short] if index.df(short) >= SHORT_NAME_DF and short != core[:2] else []


# The fewest points that must use a short name for it to stand for the topic.
SHORT_NAME_DF = 3


# A topic named by fewer points than this borrows the points that share its strongest words.
ENOUGH_CORE = 12


def _cooccurring(index: ProfileIndex, core: set[int], own: set[str]) -> list[tuple[float, str]]:
    """Words of the core points, by how much more often they occur there than anywhere."""
    n = max(1, index.size)
    scored = []
    for word, postings in index.postings.items():
        if word in own or word in _NOT_SUBJECTS:
            continue
        df = len(postings)
        if df / n > COMMON_SHARE:
            continue
        hits = sum(1 for point, _ in postings if point in core)
        if hits >= 2:
            scored.append((hits / max(1, len(core)) * math.log(n / df), word))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return scored


def _points_with_all(index: ProfileIndex, parts: list[str]) -> tuple[set[int], set[int]]:
    """Points holding the whole topic or every one of its parts; and those of a part alone.

    A noun among the parts rare enough to be the subject's own word may stand for the topic on
    its own, as a short name does: 招商 is named about as often as 招商引资. A part named far more
    often than the whole is a wider subject (森林 of 森林防火); a verb (振兴) is never one.
    """
    whole = {p for p, _ in index.postings.get(parts[0], ())} if parts else set()
    sets = [{p for p, _ in index.postings.get(w, ())} for w in parts[1:]]
    found = whole | (set.intersection(*sets) if sets else set())
    if len(found) < ENOUGH_CORE:
        # The segmenter keeps 水利工程 and 农田水利 whole: a topic named mostly inside longer
        # words is found through them.
        whole = _naming(index, parts[0]) if parts else set()
        sets = [_naming(index, w) for w in parts[1:]]
        found = whole | (set.intersection(*sets) if sets else set())
    alone: set[int] = set()
    for part, points in zip(parts[1:], sets, strict=True):
        rare = 0 < len(points) <= SUBJECT_SHARE * index.size
        if rare and any(tag == "n" for _, tag in tagged(part)):
            alone |= points if len(points) <= SHORT_NAME * len(found) else set()
    return found, alone - found


# A part named at most this many times as often as the whole topic may be its short name.
SHORT_NAME = 2


def _naming(index: ProfileIndex, word: str) -> set[int]:
    """The points holding ``word`` alone or inside a longer word (水利 in 水利工程, 农田水利)."""
    out: set[int] = set()
    for known, postings in index.postings.items():
        if word in known:
            out.update(p for p, _ in postings)
    return out


def _times_named(index: ProfileIndex, topic: str) -> dict[int, int]:
    """How often each point names the topic: the whole word, else the least-used of its parts."""
    whole = dict(index.postings.get(topic, ()))
    if whole:
        return whole
    parts = [dict(index.postings.get(w, ())) for w in topic_parts(topic)[1:]]
    if not parts:
        return {}
    return {
        p: min(part.get(p, 0) for part in parts) for p in parts[0] if all(p in x for x in parts)
    }


def _points_with_any(index: ProfileIndex, parts: list[str]) -> set[int]:
    out: set[int] = set()
    for word in parts:
        out.update(p for p, _ in index.postings.get(word, ()))
    return out


# How fast a word's repeats in one point stop adding (k) and how much a long point is discounted
# for holding more words by its length alone (b), as in BM25.
_SATURATION = 1.2
_LENGTH_WEIGHT = 0.75


def rank_points(index: ProfileIndex, profile: TopicProfile) -> list[tuple[float, str]]:
    """Points by how much of the topic they carry: the topic itself, then its profile words.

    A long point holds more profile words by its length alone, so the words count in proportion
    to the point's length; a point that names the topic comes before any that only shares words.
    """
    lengths = index.lengths
    average = sum(lengths) / max(1, len(lengths))
    scores: Counter[int] = Counter()
    for word, weight in profile.words:
        for point, count in index.postings.get(word, ()):
            norm = _SATURATION * (1 - _LENGTH_WEIGHT + _LENGTH_WEIGHT * lengths[point] / average)
            scores[point] += weight * count * (_SATURATION + 1) / (count + norm)
    # Naming the topic outweighs any words shared with it, the more so the more often it is
    # named (a lead's words count twice in the index).
    bonus = max(scores.values(), default=1.0) / 2
    named = _times_named(index, profile.topic)
    for point in profile.core:
        scores[point] += bonus * (1 + min(named.get(point, 1), 3)) / 2
    ranked = sorted(scores.items(), key=lambda x: (-x[1], index.ids[x[0]]))
    return [(round(score, 4), index.ids[point]) for point, score in ranked]
