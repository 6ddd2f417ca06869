"""The interactive ``draftkit new``: questions as data, turned into questionary prompts.

Each ``Question`` knows its answer key, how to ask, its default (from answers given so far)
and how to validate. The wizard asks them in order, shows the outline of the composed draft
and lets the user accept it, regenerate a section, take another heading from the bank or edit a
heading; then it writes the draft and, beside it, the answers file that ``draftkit build``
replays. Ctrl-C at any prompt ends with exit code 130 and no file written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.completion import WordCompleter
from rich.console import Console

from draftkit.bank.store import Bank, load_bank
from draftkit.compose.answers import TOPIC_MAX, Answers, make_answers, save_answers
from draftkit.compose.dated import load_dated
from draftkit.compose.draft import compose, heading1_options, heading2_candidates
from draftkit.compose.templates import Template, find_template, load_templates
from draftkit.errors import Aborted, AnswersError, DraftkitError
from draftkit.models import Draft
from draftkit.reading.parse import words

console = Console()
LENGTH_PRESETS = ("2000", "3000", "5000")
OTHER = "其他（自己输入）"


@dataclass(frozen=True)
class Question:
    """One question: the answer key, the prompt and where its default and choices come from."""

    key: str
    message: str
    kind: str = "text"  # text | select | autocomplete
    default: Callable[[dict[str, Any]], str] = lambda answers: ""
    choices: Callable[[dict[str, Any]], list[Any]] | None = None
    validate: Callable[[str], bool | str] | None = None


def _not_empty(limit: int) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        text = text.strip()
        if not text:
            return "不能为空"
        if len(text) > limit:
            return f"太长了（最多 {limit} 个字）"
        return True

    return check


def _valid_date(text: str) -> bool | str:
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return "请按 YYYY-MM-DD 输入，例如 2026-11-22"
    return True


def _valid_length(text: str) -> bool | str:
    if not text.strip().isdigit():
        return "请输入字数（数字）"
    return True if 500 <= int(text) <= 20000 else "字数应在 500 到 20000 之间"


def questions(templates: dict[str, Template], bank: Bank) -> list[Question]:
    """The wizard's questions, in order."""

    def template_of(answers: dict[str, Any]) -> Template:
        return find_template(templates, answers["occasion"])

    return [
        Question(
            "occasion",
            "会议类型",
            "select",
            default=lambda a: a.get("occasion", ""),
            choices=lambda a: [
                questionary.Choice(f"{t.name}：{t.description}", value=t.id)
                for t in templates.values()
            ],
        ),
        Question(
            "topic",
            "讲话主题（如 安全生产）",
            "autocomplete",
            default=lambda a: a.get("topic", ""),
            choices=lambda a: bank.topics(),
            validate=_not_empty(TOPIC_MAX),
        ),
        Question("terms", "补充关键词（可空，用顿号分隔）", default=lambda a: a.get("terms", "")),
        Question("org", "单位或地方（如 某县应急管理局）", default=lambda a: a.get("org", "")),
        Question("speaker", "讲话人职务（可加姓名）", default=lambda a: a.get("speaker", "")),
        Question(
            "audience",
            "听众",
            "select",
            default=lambda a: a.get("audience") or template_of(a).audiences[0],
            choices=lambda a: list(
                dict.fromkeys(
                    [
                        *template_of(a).audiences,
                        a.get("audience") or template_of(a).audiences[0],
                        OTHER,
                    ]
                )
            ),
        ),
        Question(
            "meeting", "会议名称", default=lambda a: a.get("meeting") or _meeting(a, templates)
        ),
        Question(
            "date",
            "日期",
            default=lambda a: str(a.get("date") or dt.date.today().isoformat()),
            validate=_valid_date,
        ),
        Question(
            "length",
            "篇幅（字）",
            "select",
            default=lambda a: str(a.get("length") or template_of(a).length),
            choices=lambda a: list(
                dict.fromkeys(
                    [str(a.get("length") or template_of(a).length), *LENGTH_PRESETS, OTHER]
                )
            ),
        ),
    ]


def _meeting(answers: dict[str, Any], templates: dict[str, Template]) -> str:
    from draftkit.compose.choose import build_context
    from draftkit.compose.templates import resolve_context

    template = find_template(templates, answers["occasion"])
    probe = make_answers({**answers, "meeting": ""})
    return str(resolve_context(template, build_context(probe, template))["meeting"])


def _ask(question: questionary.Question) -> Any:
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt as exc:
        raise Aborted("cancelled; nothing was written") from exc
    except EOFError as exc:
        raise Aborted(
            "input ended; nothing was written",
            hint="without a terminal use --no-input or --answers FILE",
        ) from exc


def ask_question(q: Question, answers: dict[str, Any]) -> str:
    default = q.default(answers)
    if q.kind == "select":
        choices = q.choices(answers) if q.choices else []
        values = [c.value if isinstance(c, questionary.Choice) else c for c in choices]
        value = _ask(
            questionary.select(
                q.message, choices=choices, default=default if default in values else None
            )
        )
        if value == OTHER:
            check = _valid_length if q.key == "length" else _not_empty(40)
            value = _ask(questionary.text(f"{q.message}：", validate=check))
        return str(value).strip()
    if q.kind == "autocomplete":
        words = q.choices(answers) if q.choices else []
        return str(
            _ask(
                questionary.autocomplete(
                    q.message,
                    choices=words,
                    default=default,
                    validate=q.validate,
                    completer=WordCompleter(words, match_middle=True),
                )
            )
        ).strip()
    return str(_ask(questionary.text(q.message, default=default, validate=q.validate))).strip()


# --- the outline ------------------------------------------------------------------------------


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


def review_outline(
    answers: Answers, bank: Bank, templates: dict[str, Template]
) -> tuple[Answers, Draft]:
    """Show the outline until the user accepts it; every change is kept in the answers."""
    while True:
        draft = compose(answers, bank=bank, templates=templates)
        console.print("\n[bold]提纲[/]")
        for line in outline(draft):
            console.print(line, highlight=False)
        action = _ask(
            questionary.select(
                "提纲如何？",
                choices=[
                    questionary.Choice("接受，生成全文", value="accept"),
                    questionary.Choice("重新生成某一部分", value="regenerate"),
                    questionary.Choice("从库中换一个标题", value="swap"),
                    questionary.Choice("修改标题文字", value="edit"),
                ],
            )
        )
        if action == "accept":
            return answers, draft
        keys = heading_keys(draft)
        if action == "regenerate":
            tops = [(k, t) for k, _, t in keys if "." not in k]
            key = _ask(
                questionary.select(
                    "重新生成哪一部分？", choices=[questionary.Choice(t, value=k) for k, t in tops]
                )
            )
            answers = answers.with_reseed(key, answers.reseed.get(key, 0) + 1)
            answers = _drop_headings_under(answers, key)
            continue
        key = _ask(
            questionary.select(
                "哪一个标题？", choices=[questionary.Choice(t, value=k) for k, _, t in keys]
            )
        )
        role = next(r for k, r, _ in keys if k == key)
        current = _strip_number(next(t for k, _, t in keys if k == key))
        if action == "swap":
            options = (heading1_options if "." not in key else heading2_candidates)(
                bank, role, answers, templates
            )
            options = [o for o in options if o != current][:30]
            if not options:
                console.print("[yellow]库中没有别的候选标题[/]")
                continue
            text = _ask(questionary.select("换成：", choices=options))
        else:
            text = _ask(questionary.text("标题：", default=current, validate=_not_empty(60)))
        answers = answers.with_heading(key, text.strip().rstrip("。"))


def _drop_headings_under(answers: Answers, key: str) -> Answers:
    kept = {k: v for k, v in answers.headings.items() if k != key and not k.startswith(key + ".")}
    return replace(answers, headings=kept)


# --- the whole run ----------------------------------------------------------------------------


def _outline_until_it_composes(
    answers: Answers,
    answers_so_far: dict[str, Any],
    all_questions: list[Question],
    bank: Bank,
    templates: dict[str, Template],
) -> tuple[Answers, Draft]:
    """Review the outline; when the bank cannot fill the length asked, ask for another length."""
    length_question = next(q for q in all_questions if q.key == "length")
    while True:
        try:
            return review_outline(answers, bank, templates)
        except AnswersError as exc:
            if exc.field != "length":
                raise
            console.print(f"[yellow]{exc.message}[/]", highlight=False)
            answers_so_far["length"] = ask_question(length_question, answers_so_far)
            answers = replace(answers, length=make_answers(answers_so_far).length)


def warm_up(bank: Bank, templates: dict[str, Template]) -> None:
    """Pay the one-time costs before the first prompt, so no step after it waits for them.

    The segmenter's dictionary, the dated-wording list and the .docx writer are loaded once here
    instead of at the outline or the save step.
    """
    import draftkit.write.docx  # noqa: F401  (python-docx and its default template)

    words("预热")
    load_dated()


def suggest_output(draft: Draft) -> str:
    name = re.sub(r"[\\/:*?\"<>|\s]+", "", draft.title)[:40] or "讲话稿"
    return f"{name}.docx"


def run_wizard(raw: dict[str, Any], args: argparse.Namespace) -> int:
    """Ask, show the outline, write the draft and its answers file."""
    from draftkit.cli.report import answers_path, check_summary, summarise
    from draftkit.write.text import write_draft

    bank = load_bank(args.bank)
    templates = load_templates(args.templates)
    warm_up(bank, templates)
    answers_so_far = dict(raw)
    all_questions = questions(templates, bank)
    for q in all_questions:
        if args.defaults:
            value = answers_so_far.get(q.key) or q.default(answers_so_far)
            if q.key == "topic" and not value:
                raise DraftkitError("--defaults needs a topic", hint="add --topic 安全生产")
            if q.key == "occasion" and not value:
                value = next(iter(templates))
        else:
            value = ask_question(q, answers_so_far)
        if value not in ("", None) or q.key in answers_so_far:
            answers_so_far[q.key] = value
    answers = make_answers(answers_so_far)
    if args.defaults:
        draft = compose(answers, bank=bank, templates=templates)
    else:
        answers, draft = _outline_until_it_composes(
            answers, answers_so_far, all_questions, bank, templates
        )
    output = args.output or Path(suggest_output(draft))
    if not args.defaults and not args.output:
        output = Path(_ask(questionary.text("保存为（.docx 或 .md）", default=str(output))).strip())
    force = args.force
    if output.exists() and not force:
        if args.defaults:
            raise DraftkitError("file exists; use --force to overwrite", path=output)
        force = bool(_ask(questionary.confirm(f"{output} 已存在，覆盖吗？", default=False)))
        if not force:
            raise Aborted("not overwritten; nothing was written")
    options: dict[str, Any] = {}
    if output.suffix.lower() == ".docx":
        from draftkit.write.profiles import load_profile

        options = {
            "profile": load_profile(args.profile),
            "reference_docx": args.reference_docx,
            "provenance": args.provenance,
        }
    write_draft(draft, output, force=force, **options)
    save_answers(answers, answers_path(output))
    summarise(draft, output)
    check_summary(draft, output, bank)
    console.print(f"  answers saved to {answers_path(output)}", highlight=False)
    console.print(
        f"  rebuild with: draftkit build {answers_path(output)} -o {output} --force",
        highlight=False,
    )
    return 0
