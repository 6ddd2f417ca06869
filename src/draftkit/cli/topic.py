"""``draftkit bank topic``: what the bank knows about a subject, before drafting on it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from draftkit.bank.profile import load_index, rank_points, topic_profile
from draftkit.bank.store import load_bank
from draftkit.cli.console import out
from draftkit.errors import BankError
from draftkit.models import Entry

_FILL = re.compile(r"\{\{\s*fill\('([^']+)'\)\s*\}\}")
_SLOTS = {"scope": "市", "plan_year": "【计划年度】", "review_year": "【回顾年度】"}


def add_topic_command(bsub: Any) -> None:
    about = "某个主题的画像：常与之同现的词，以及最贴近它的要点（附来源和年份）"
    topic = bsub.add_parser("topic", help=about, description=about)
    topic.add_argument("topic", metavar="主题", help="主题，如 招商引资")
    topic.add_argument("--top", type=int, default=10, metavar="N", help="列出多少条要点（默认 10）")
    topic.add_argument("--bank", type=Path, metavar="文件夹", help="词库文件夹（默认：自带词库）")
    topic.set_defaults(run=run_bank_topic)


def display(text: str) -> str:
    """Bank text as a reader sees it: fields as 【待填：…】, slots by what they stand for."""
    text = _FILL.sub(lambda m: f"【待填：{m.group(1)}】", text)
    return re.sub(
        r"\{\{\s*(\w+)\s*\}\}", lambda m: _SLOTS.get(m.group(1), f"【{m.group(1)}】"), text
    )


def run_bank_topic(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    index = load_index(bank.path)
    if index is None:
        raise BankError(
            "这个词库没有主题画像索引", path=bank.path, hint="用新版 `draftkit mine` 重新生成词库"
        )
    profile = topic_profile(index, args.topic)
    points = {e.id: e for e in bank.of("point")}
    out.print(f"主题：{args.topic}", markup=False, highlight=False)
    out.print(f"直接谈到它的要点：{len(profile.named)} 条", markup=False, highlight=False)
    words = "、".join(w for w, _ in profile.words[:20]) or "（没有找到）"
    out.print(f"常与之同现的词：{words}", markup=False, highlight=False)
    best = [points[i] for _, i in rank_points(index, profile)[: args.top] if i in points]
    out.print("\n最贴近的要点：", markup=False, highlight=False)
    for n, entry in enumerate(best, start=1):
        _print_point(n, entry)
    if not best:
        out.print("  （词库里没有谈到这个主题的要点）", markup=False, highlight=False)
    return 0


def _print_point(n: int, entry: Entry) -> None:
    origin = entry.origins[0] if entry.origins else None
    source = f"{origin.title}（{origin.file}，第 {origin.paragraph} 段）" if origin else "未知来源"
    year = f"{entry.year}年" if entry.year else "年份不详"
    out.print(f"{n}. [{entry.role}] {display(entry.text)}", markup=False, highlight=False)
    body = display("".join(entry.body))
    out.print(f"   {body[:120]}{'…' if len(body) > 120 else ''}", markup=False, highlight=False)
    out.print(f"   来源：{source}，{year}", markup=False, highlight=False, style="dim")
