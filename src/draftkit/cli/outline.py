"""The wizard's outline step: the outline shown, reviewed and changed until it is accepted.

Every change (a section regenerated, a heading swapped from the bank or edited) is kept in the
session's answers as it is made, so Ctrl-C after the outline can still save them all.
"""

from __future__ import annotations

import re
from dataclasses import replace

import questionary

from draftkit.bank.store import Bank
from draftkit.cli import messages as M
from draftkit.cli.console import out as console
from draftkit.cli.console import say
from draftkit.cli.prompts import Back, not_empty, select, text_prompt
from draftkit.cli.session import Session
from draftkit.compose.answers import Answers
from draftkit.compose.choose import key_terms
from draftkit.compose.draft import compose
from draftkit.compose.headings import heading1_options, heading2_candidates
from draftkit.compose.kinds import kind_of
from draftkit.compose.material import rank_material, topic_points
from draftkit.compose.templates import Template
from draftkit.models import Draft


def outline(draft: Draft) -> list[str]:
    lines = [draft.title]
    for block in draft.blocks:
        if block.kind == "heading1":
            lines.append(f"  {block.text}")
        elif block.kind == "heading2":
            lines.append(f"      {block.text}")
    return lines


def heading_keys(draft: Draft) -> list[tuple[str, str, str]]:
    """(key, role, text) for every heading: "2" for the second 一、, "2.1" for its first （一）."""
    keys = []
    top = sub = 0
    for block in draft.blocks:
        if block.kind == "heading1":
            top, sub = top + 1, 0
            keys.append((str(top), block.role, block.text))
        elif block.kind == "heading2":
            sub += 1
            keys.append((f"{top}.{sub}", block.role, block.text))
    return keys


def _strip_number(text: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", text)


OUTLINE_ACTIONS = (
    ("接受，生成全文", "accept"),
    ("重新生成某一部分", "regenerate"),
    ("从库中换一个标题", "swap"),
    ("修改标题文字", "edit"),
)


def review_outline(session: Session, bank: Bank, templates: dict[str, Template]) -> Draft:
    """Show the outline until the user accepts it; every change is kept in ``session.answers``.

    Raises ``Back`` when the user goes back to the questions.
    """
    while True:
        assert session.answers is not None
        answers = session.answers
        draft = compose(answers, bank=bank, templates=templates)
        say("\n", (M.OUTLINE_TITLE, "bold"), console=console)
        for line in outline(draft):
            say(line, console=console)
        _thin_topic_note(answers, bank)
        choices = [questionary.Choice(title, value=v) for title, v in OUTLINE_ACTIONS]
        choices.append(questionary.Choice(M.OUTLINE_BACK, value=Back))
        action = select("提纲如何？", choices)
        if action is Back:
            raise Back
        if action == "accept":
            return draft
        try:
            session.answers = _change_outline(action, draft, answers, bank, templates)
        except Back:
            continue


# Fewer points about the topic than this, and the outline says so.
THIN = 5


def _thin_topic_note(answers: Answers, bank: Bank) -> None:
    """Say when the bank knows little of the topic and no material was given."""
    if answers.material:
        return
    ranked = rank_material(bank, answers.topic, key_terms(answers), answers.date.year)
    count = topic_points(ranked)
    if count >= THIN:
        return
    kind = kind_of(answers.topic)
    note = (
        M.THIN_TOPIC_KIND.format(topic=answers.topic, count=count, kind=kind.name)
        if kind
        else M.THIN_TOPIC.format(topic=answers.topic, count=count)
    )
    say((note, "yellow"), console=console)


def _change_outline(
    action: str, draft: Draft, answers: Answers, bank: Bank, templates: dict[str, Template]
) -> Answers:
    keys = heading_keys(draft)
    if action == "regenerate":
        tops = [(k, t) for k, _, t in keys if "." not in k]
        choices = [questionary.Choice(t, value=k) for k, t in tops]
        key = select("重新生成哪一部分？", choices, back=True)
        answers = answers.with_reseed(key, answers.reseed.get(key, 0) + 1)
        return _drop_headings_under(answers, key)
    choices = [questionary.Choice(t, value=k) for k, _, t in keys]
    key = select("哪一个标题？", choices, back=True)
    role = next(r for k, r, _ in keys if k == key)
    current = _strip_number(next(t for k, _, t in keys if k == key))
    if action == "swap":
        options = (heading1_options if "." not in key else heading2_candidates)(
            bank, role, answers, templates
        )
        options = [o for o in options if o != current][:30]
        if not options:
            say(("库中没有别的候选标题", "yellow"), console=console)
            return answers
        text = select("换成：", options, back=True)
    else:
        text = text_prompt("标题：", default=current, validate=not_empty(60), back=True)
    return answers.with_heading(key, text.strip().rstrip("。"))


def _drop_headings_under(answers: Answers, key: str) -> Answers:
    kept = {k: v for k, v in answers.headings.items() if k != key and not k.startswith(key + ".")}
    return replace(answers, headings=kept)


# --- the whole run ----------------------------------------------------------------------------
