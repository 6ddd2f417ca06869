"""What a draft calls things: its topic as work or as a course, its meeting's host, its level.

A meeting shortly before a day its topic keeps (七一 for 党建, 医师节 for 卫生健康) opens with it
(``data/days.yaml``).

安全生产 is 安全生产工作; a course (新任科级干部任职培训) keeps its own name; 某县民政局's
meeting is 全县民政工作会议, and a 副市长 speaks for 市委、市政府.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from draftkit.compose.kinds import kind_of
from draftkit.errors import BankError
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

# The levels an organisation or a meeting may name, highest first.
LEVEL_WORDS = "省市县区州"


def topic_work(topic: str) -> str:
    """The topic ending in 工作 exactly once: 安全生产 → 安全生产工作; 安全生产工作 stays.

    A topic that names whom a commendation honours (优秀乡村医生) is their 队伍建设. A topic
    that is itself a course (统计业务培训班) is the work it teaches (统计业务工作); one
    that names its trainees instead (新任科级干部任职培训) teaches their 本职工作, and the
    cadres of a village, community or township (村（社区）“两委”干部) do its work.
    """
    topic = _bare(topic.strip()) or topic.strip()
    work = _honoured_for(topic) or _work_names()["gatherings"].get(topic, "")
    if work:
        return work
    course = _course(topic)
    taught = topic[: course.start()] if course is not None else topic
    if course is not None:  # 网格员业务能力提升培训班 teaches 网格员 their work
        taught = _SKILLS.sub("", taught) or taught
        if taught.endswith("业务") and len(taught) >= 6:
            taught = taught[:-2]  # 医保基金监管业务 is 医保基金监管工作 (统计业务 stays)
    work = _people_work(taught)
    if work:
        return work
    if course is not None and _names_trainees(taught):
        return "本职工作"  # 新任职科级干部 are taught no one field
    if taught.endswith("干部") and _NO_FIELD.search(taught):
        return taught + "队伍建设"  # a symposium of 青年干部 is about them, not a field
    return taught if taught.endswith(("工作", "建设", "活动", "行动")) else taught + "工作"


# What a topic may say around its work that the work itself does not: the organ holding the
# meeting (县委经济工作), the celebration a
# commendation is joined to (庆祝建党106周年暨…), the year whose work it sums up (2026年度…), the
# day it is held on (“五四”青年干部), the quotation marks of a title (“两优一先”), and the
# gathering it is (民营企业家迎春, 安全生产工作会议: the template names the meeting).
_AROUND_WORK = (
    re.compile(r"^[省市县区州镇乡](?:委|政府|人大常委会|政协)(?=..)"),  # 县委经济工作: the organ's
    re.compile(r"^庆祝[^暨]{2,30}暨|^庆祝[^暨]{2,30}?周年(?=..)"),
    re.compile(r"^\d{4}年度?"),
    re.compile(r"^[“\"][一二三四五六七八九十]{2,3}[”\"](?=..)"),
    re.compile(r"^[“\"]([^“”\"]+)[”\"]$"),
    re.compile(r"(?<=..)(?:迎春|新春|春节|恳谈|联谊)+(?:会)?$"),
    re.compile(
        r"(?<=..)(?:(?:总结表彰|表彰|动员部署|动员|部署|推进|现场|座谈|工作)?(?:大会|会议)"
        r"|(?:座谈|推进|现场|动员|部署)会)$"
    ),
)


def subject(topic: str) -> str:
    """What a topic is about, without the meeting it names (秋冬季大气污染防治工作会议 → …防治).

    会议 in a topic is no subject: ranked by it, 要重抓办会 was a task of 大气污染防治.
    """
    return _bare(topic.strip()) or topic.strip()


def _bare(topic: str) -> str:
    """The topic without what it says around its work (see ``_AROUND_WORK``)."""
    for pattern in _AROUND_WORK:
        topic = pattern.sub(r"\1" if pattern.groups else "", topic)
    return topic


# What a course raises, not what it teaches (网格员业务能力提升).
_SKILLS = re.compile(r"(?:业务能力|能力素质|综合素质|素质能力|素能|能力|业务水平)(?:提升|提高)$")


def _people_work(people: str) -> str:
    """The work the people a topic names do, or "" where it names none.

    村（社区）“两委”干部 do 村（社区）工作 and 村党组织书记 build 村党组织; 网格员 do 网格化服务管理
    工作 and 禁毒社工业务 is 禁毒社会工作; 返乡创业人员 and 基层应急管理干部 do their field's work.
    """
    work = _unit_work(people) or _posts_work(people.removesuffix("业务"))
    if work or not _TRAINEE_WORD.search(people):
        return work
    field = _trainees_field(people)
    return topic_work(field) if field else ""


def _unit_work(people: str) -> str:
    """The work of a village's, community's or township's cadres (村党组织书记 → 村党组织建设)."""
    unit = _UNIT_TRAINEES.match(people)
    if unit is None:
        return ""
    party = unit.group(1).endswith(("党组织", "党支部", "党总支", "党委"))
    return unit.group(1) + ("建设" if party else "工作")


# Where trainees work and who they are: 乡镇纪检监察干部 are 纪检监察 cadres of the townships.
_TRAINEE_UNIT = re.compile(
    r"^(?:新任|新提任|新录用|新入职|基层|全[省市县区])?(?:乡镇（街道）|乡镇|街道|村（社区）|村|社区|"
    r"县直|市直|机关|县级|市级|系统)?"
)
_TRAINEE_WORD = re.compile(
    r"(?:领导干部|干部|骨干|人员|工作者|负责人|营长|连长|队长|站长|所长|代表)$"
)
_NO_FIELD = re.compile(r"青年|年轻|科级|处级|厅级|后备|中层|任职|选调|女|党外")


def _trainees_field(taught: str) -> str:
    """The field trainees named by it work in (基层应急管理干部 → 应急管理), or ""."""
    field = _TRAINEE_WORD.sub("", _TRAINEE_UNIT.sub("", taught))
    if len(field) < 2 or _NO_FIELD.search(field):
        return ""  # 中青年干部 and 科级干部 are who they are, not what they do
    if taught.endswith("干部") and field.endswith("少数民族"):
        return ""  # 少数民族干部 do every field's work; 少数民族代表 speak for 民族工作
    return field if kind_of(field) is not None else ""


def _posts_work(taught: str) -> str:
    """The work of the post a topic names (禁毒社工 → 禁毒社会工作), or ""."""
    taught = re.sub(r"^(?:新任|新录用|新入职|新聘|专职|兼职)", "", taught)
    for post, work in _work_names()["posts"].items():
        if taught.endswith(post):
            return taught[: -len(post)] + work
    return ""


@cache
def _work_names() -> dict[str, dict[str, str]]:
    """``data/work_names.yaml``: the work honoured groups, titles and posts stand for."""
    path = data_file("work_names.yaml")
    raw = safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return {key: {str(k): str(v) for k, v in raw[key].items()} for key in _WORK_NAMES}
    except (KeyError, AttributeError) as exc:
        raise BankError(
            "人员与工作对照文件格式有误：要有 honoured、titles、posts、honourees、gatherings 五组",
            path=path,
        ) from exc


_WORK_NAMES = ("honoured", "titles", "posts", "honourees", "gatherings")


def trainees_class(topic: str) -> str:
    """A class for the trainees a topic names (新任职科级干部 → …培训); else the topic."""
    topic = topic.strip()
    if _course(topic) is None and _names_trainees(topic) and _names_trainees(topic[-3:]):
        return topic + "培训"
    return topic


def honoured(topic: str) -> str:
    """The topic when it names whom a commendation honours (优秀教师, 劳动模范), else ""."""
    topic = topic.strip()
    return topic if _honoured_for(topic) else ""


def honourees(topic: str) -> str:
    """How a commendation names those it honours (先进集体和先进个人 unless the topic says).

    两优一先 are 优秀共产党员、优秀党务工作者和先进基层党组织; a topic that names them (优秀教师)
    names them as it does.
    """
    topic = _bare(topic.strip()) or topic.strip()
    for title, named in _work_names()["honourees"].items():
        if title in topic:
            return named
    return honoured(topic) or "先进集体和先进个人"


def _honoured_for(topic: str) -> str:
    """The work the honourees a topic names are honoured for, or "" (not an honoured group)."""
    honoured = _HONOURED.match(topic)
    if honoured is not None:
        group = honoured.group(1)
        # 优秀乡村医生 are honoured for 乡村医生队伍建设; 最美退役军人 are no 队伍 to build
        return _work_names()["honoured"].get(group, group + "队伍建设")
    post = _HONOURED_PREFIX.match(topic)
    if post is not None and _unit_work(post.group(1)):
        return _unit_work(post.group(1))  # 优秀村（社区）党组织书记 → 村（社区）党组织建设
    if post is not None and post.group(1) in _work_names()["honoured"]:
        return _work_names()["honoured"][post.group(1)]  # 优秀农民工 → 农民工工作
    if post is not None and post.group(1) in _work_names()["posts"]:
        return post.group(1) + "队伍建设"  # 优秀护林员 are no 优秀森林资源管护工作
    field = _FIELDS_MODELS.match(topic)
    if field is not None:  # 平安建设先进集体 are honoured for 平安建设工作
        return topic_work(field.group(1))
    titled = _titled(topic)
    if titled:
        return titled
    if _MODEL_WORKERS.match(topic):
        return "劳模和工匠人才工作"  # 劳动模范和先进工作者 are honoured for all work, led by 工会
    if _PARTY_HONOURED.match(topic):
        return "基层党建工作"  # 优秀共产党员和先进基层党组织 are honoured for the Party's work
    return ""


def topic_course(topic: str) -> tuple[str, str]:
    """The course's name and its training: (统计业务专题培训班, 统计业务培训).

    A topic that is itself a course keeps its own name (新任科级干部任职培训班, not
    新任科级干部任职培训工作专题培训班, nor a 培训培训).
    """
    topic = topic.strip()
    if _course(topic) is not None:
        name = topic if topic.endswith(("班", "营")) else topic + "班"
        return name, re.sub(r"班$", "", topic)
    training = topic if topic.endswith("培训") else topic + "培训"
    return topic_work(topic) + "专题培训班", training


def _course(topic: str) -> re.Match[str] | None:
    """Where a topic that names a course says so (not 干部教育培训, a field of work)."""
    found = _COURSE.search(topic)
    if found is None or found.start() == 0 or topic.endswith("教育培训"):
        return None
    return found


# A topic that names whom a commendation honours (优秀乡村医生, 最美护士), not a field of work.
_HONOURED = re.compile(
    r"^(?:优秀|最美|先进|模范)((?:乡村|基层|社区|农村)?(?:医生|村医|护士|教师|人民警察|民警|辅警|法官|检察官|"
    r"社区工作者|网格员|村干部|志愿者|快递员|消防员|退役军人|家庭))$"
)
# The honoured holders of a post (data/work_names.yaml posts: 优秀护林员).
_HONOURED_PREFIX = re.compile(r"^(?:全[省市县区州])?(?:\d{4}年度?)?(?:优秀|最美|先进|模范)(.+)$")
# A field's models (平安建设先进集体和先进个人): honoured for the field's work.
_FIELDS_MODELS = re.compile(
    r"^(.{2,}?)(?:工作)?(?:先进集体|先进个人|先进单位|先进典型|先进工作者)"
    r"(?:[和、及](?:先进)?(?:集体|个人|单位|工作者))*$"
)
# Model workers, whom a 五一 commendation honours.
_MODEL_WORKERS = re.compile(r"^(?:劳动模范|劳模)(?:[和及、](?:先进工作者|先进集体|工匠))*$")

_TITLE_PREFIX = re.compile(r"^(?:全[省市县区州])?(?:\d{4}年度?)?")
_TITLE_SUFFIX = re.compile(r"[（(](?:集体|标兵|个人)[）)]$|(?:获得者|称号)$")


def _titled(topic: str) -> str:
    """The field a topic of honorary titles is honoured for (三八红旗手和三八红旗集体), or ""."""
    parts = re.split(r"[和及、与]", _TITLE_PREFIX.sub("", topic))
    titles = _work_names()["titles"]
    fields = {titles.get(_TITLE_SUFFIX.sub("", part)) for part in parts}
    return fields.pop() if len(fields) == 1 and None not in fields else ""


# A topic that names the Party members and branches a 七一 commendation honours.
_PARTY_HONOURED = re.compile(
    r"^(?:全[县市区])?(?:优秀|先进)(?:共产党员|党员|党务工作者|基层党组织|党支部)"
    r"(?:[、和及与](?:优秀|先进)?(?:共产党员|党员|党务工作者|基层党组织|党支部))*$"
)

# A topic that names a course, and a course's subject that names who is taught, not what.
_COURSE = re.compile(r"(?:培训|轮训|研修|进修|集训)(?:班|营)?$|(?:学习班|专题班|训练营)$")
_UNIT_TRAINEES = re.compile(
    r"^(?:新任|新当选|新一届)?(.*?(?:村|社区|乡镇|街道)[）)]?(?:党组织|党支部|党总支|党委|妇联|团支部|团委)?)"
    r"[“\"]?(?:两委)?[”\"]?(?:后备)?"
    r"(?:干部|书记|主任|主席|委员|成员|工作者|长)"
)
_TRAINEES = re.compile(
    r"干部|书记|党员|学员|人员|骨干|职工|青年|代表|委员|主任|主席|队长|负责人|班子|新任|新录用|新入职|工作者|"
    r"[乡镇村站所]长$"
)


def _names_trainees(text: str) -> bool:
    """Whether ``text`` names people to be trained: cadres, members, or a post's holders."""
    return bool(_TRAINEES.search(text)) or any(p in text for p in _work_names()["posts"])


def meeting_level(meeting: str) -> str:
    """The level a meeting's name opens with: 全县禁毒工作会议 → 县 (社区工作会议 names none)."""
    found = re.match(rf"全([{LEVEL_WORDS}乡镇])", meeting.strip())
    return found.group(1) if found else ""


def scope_of(org: str) -> str:
    """The level word of an organisation (宜宾市应急管理局 → 市); 市 when unclear."""
    return _level_in(org) or "市"


# A township's own body (某镇人民政府, 中共某乡委员会, 某街道办事处): a 乡镇's meeting, though
# the county may be named before it (某县某镇).
_TOWNSHIP = re.compile(r"([乡镇])(?:人民政府|政府|党委|委员会)|街道(?:办事处|党工委)")


def _level_in(org: str) -> str:
    township = _TOWNSHIP.search(org)
    if township is not None:
        return township.group(1) or "街道"
    return next((ch for ch in org if ch in LEVEL_WORDS), "")


def host_of(org: str, topic: str = "") -> str:
    """Who a meeting is named for: 全县 for a county's body (某县民政局 → 全县民政工作会议).

    A body with no level in its name (某集团公司) names the meeting itself; a topic that names
    its own reach (全国文明城市复审迎检) takes none, or the meeting is 全市全国文明城市…; one that
    names the organ holding it (县委经济工作) is that organ's.
    """
    reach = _AROUND_WORK[2].sub("", (topic or "").strip())  # 2027年全县… names its reach too
    if re.match(rf"全[国省{LEVEL_WORDS}乡镇]", reach):
        return ""
    organ = _AROUND_WORK[0].match((topic or "").strip())
    if organ is not None:
        return organ.group(0)  # 县委经济工作会议 is 县委's meeting, not 全县县委…
    org = (org or "").strip()
    level = _level_in(org)
    return f"全{level}" if level else org


# A speaker who leads an area (县委书记, 县委常委, 副市长), not a department (局长).
_AREA_LEADER = re.compile(
    r"^([省市县区州])委(?:副)?(?:书记|常委)|^(?:副)?([省市县区州乡镇])长|^([乡镇])党委(?:副)?书记"
)


def speaking_for(speaker: str, party_work: bool = False) -> str:
    """The leadership a speaker speaks for (县委、县政府 for a 县委书记 or 副县长), else "".

    On the Party's own work (``party_work``: 党建, 老干部, 统战) a Party leader speaks for the
    committee alone (县委).
    """
    leader = _AREA_LEADER.search(speaker or "")
    if leader is None:
        return ""
    level = leader.group(1) or leader.group(2) or leader.group(3)
    committee = f"{level}党委" if level in "乡镇" else f"{level}委"  # a township's is 镇党委
    if party_work and (leader.group(1) or leader.group(3)):
        return committee
    return f"{committee}、{level}政府"


@dataclass(frozen=True, slots=True)
class Day:
    """A day of ``data/days.yaml``: when it is, which topics keep it, how a meeting opens."""

    month: int
    day: int
    before: int
    kinds: tuple[str, ...]
    words: tuple[str, ...]
    moment: str
    since: int | None
    greeting: str = ""


def day_moment(date: dt.date, topic: str) -> str:
    """How a meeting shortly before a day its topic keeps opens, or "" (no such day)."""
    day = _day_of(date, topic)
    if day is None:
        return ""
    years = date.year - day.since if day.since else 0
    return day.moment.replace("{{ years }}", str(years))


def day_greeting(date: dt.date, topic: str) -> str:
    """The day's greeting to the people who keep it (节日的问候), or "" (no day, or none)."""
    day = _day_of(date, topic)
    return day.greeting if day is not None else ""


def _day_of(date: dt.date, topic: str) -> Day | None:
    """The day shortly after ``date`` that the topic keeps, or None."""
    kind = kind_of(topic)
    for day in load_days():
        if not 0 <= (dt.date(date.year, day.month, day.day) - date).days <= day.before:
            continue
        named = (kind.name, *kind.parts) if kind is not None else ()
        if any(n in day.kinds for n in named) or any(w in topic for w in day.words):
            return day
    return None


@cache
@cache
def seasonal(topic: str) -> bool:
    """Whether the topic names a season's or a holiday's work (data/days.yaml ``seasons``)."""
    path = data_file("days.yaml")
    words = safe_load(path.read_text(encoding="utf-8")).get("seasons") or ()
    return any(str(w) in topic for w in words)


def load_days() -> tuple[Day, ...]:
    """The days of ``data/days.yaml``, in the file's order."""
    path = data_file("days.yaml")
    found = []
    for n, item in enumerate(safe_load(path.read_text(encoding="utf-8")).get("days") or ()):
        try:
            month, day = (int(part) for part in str(item["day"]).split("-"))
            dt.date(2000, month, day)  # a day that exists (2000 was a leap year)
            found.append(
                Day(
                    month,
                    day,
                    int(item.get("before", 7)),
                    tuple(str(k) for k in item.get("kinds") or ()),
                    tuple(str(w) for w in item.get("words") or ()),
                    str(item["moment"]),
                    int(item["since"]) if item.get("since") else None,
                    str(item.get("greeting") or ""),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BankError(
                "节日文件格式有误：每项要有 day（如 07-01）和 moment", path=path, field=f"days[{n}]"
            ) from exc
    return tuple(found)
