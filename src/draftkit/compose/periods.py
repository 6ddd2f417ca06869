"""The periods a meeting on a date speaks of: the year it sums up and plans, or its halves.

A meeting at the turn of the year sums up the year and plans the next (总结2026年…部署2027年);
one in summer speaks of 上半年 and 下半年; one in spring or autumn of 今年以来 and 下一步; one on
a season's work (岁末年初安全生产) of 前一阶段 and 当前和今后一段时间.
"""

from __future__ import annotations

import datetime as dt


def review_year(date: dt.date) -> int:
    """The year a meeting on ``date`` sums up: the current one from October, else the last."""
    return date.year if date.month >= 10 or 4 <= date.month <= 9 else date.year - 1


def plan_year(date: dt.date) -> int:
    """The year a meeting on ``date`` plans for: the next one from October, else the current."""
    return date.year + 1 if date.month >= 10 else date.year


def moment(date: dt.date) -> str:
    """How a speech opens on ``date``: 岁末年初 at the turn of the year, 时值年中 at mid-year."""
    if date.month in (12, 1) or (date.month == 11 and date.day > 15):
        return "岁末年初，"
    if date.month in (6, 7):
        return "时值年中，"
    return "今天，"


def review_period(date: dt.date, occasion: str = "", season: bool = False) -> str:
    """What a meeting on ``date`` sums up: a year (2026年), 上半年 at mid-year, else 今年以来.

    A year's account is given at its turn (from the second half of November to March); from
    June to September the first half is behind; in spring and autumn a meeting speaks of what
    was done so far this year. A commendation held in the year (七一, 教师节) honours a year's
    work, not half of one: 一年来. A meeting on a season's work (``season``: 岁末年初安全生产)
    looks back on 前一阶段.
    """
    if occasion == "commendation" and (_between_halves(date) or _in_season(date)):
        return "一年来"
    if season and occasion != "commendation":
        return "前一阶段"  # 岁末年初安全生产 reviews the stretch before it, not the year
    if _between_halves(date):
        return "上半年"
    return "今年以来" if _in_season(date) else f"{review_year(date)}年"


def plan_period(date: dt.date, season: bool = False) -> str:
    """What a meeting on ``date`` plans for: a year (2027年), 下半年 at mid-year, else 下一步.

    A meeting on a season's work plans the season: 当前和今后一段时间.
    """
    if season:
        return "当前和今后一段时间"
    if _between_halves(date):
        return "下半年"
    return "下一步" if _in_season(date) else f"{plan_year(date)}年"


def _between_halves(date: dt.date) -> bool:
    return 6 <= date.month <= 9


def _in_season(date: dt.date) -> bool:
    """April, May, October and the first half of November: neither a turn of year nor mid-year."""
    return date.month in (4, 5, 10) or (date.month == 11 and date.day <= 15)
