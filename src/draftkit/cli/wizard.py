"""The interactive ``draftkit new``: questions as data, turned into questionary prompts.

Each ``Question`` knows its answer key, how to ask, its default (from answers given so far)
and how to validate. The wizard asks them in order, shows the outline of the composed draft
and lets the user accept it, regenerate a section, take another heading from the bank or edit a
heading; then it saves the answers file that ``draftkit build`` replays and writes the draft
beside it. The outline step lives in ``cli.outline``.

The wizard never throws a session away: a bad answer is asked again, ``<`` (or 返回上一步) goes
back one question, a file name that cannot be used or an overwrite that is declined asks for
another name, and Ctrl-C after the outline offers to save the answers. Ctrl-C before the outline
ends with exit code 130 and no file written. The save step lives in ``cli.saving``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.completion import WordCompleter

from draftkit.bank.store import Bank, load_bank
from draftkit.cli import messages as M
from draftkit.cli.console import out as console
from draftkit.cli.console import say
from draftkit.cli.material import material_text, show_material, valid_material
from draftkit.cli.outline import review_outline
from draftkit.cli.prompts import (
    Back,
    Cancelled,
    allow_back,
    ask,
    not_empty,
    path_prompt,
    select,
    text_prompt,
)
from draftkit.cli.saving import offer_to_save_answers, save_session, suggest_output
from draftkit.cli.session import Session
from draftkit.compose.answers import TOPIC_MAX, make_answers
from draftkit.compose.choose import key_terms, named_audience
from draftkit.compose.dated import load_dated
from draftkit.compose.draft import compose
from draftkit.compose.material import rank_material
from draftkit.compose.templates import Template, find_template, load_templates
from draftkit.errors import Aborted, AnswersError, DraftkitError, TemplateError
from draftkit.models import Draft
from draftkit.reading.segment import words

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

    def _guests(answers: dict[str, Any]) -> str:
        """Whom the meeting's name or a symposium's topic names; else the occasion's first."""
        topic, meeting = answers.get("topic", ""), answers.get("meeting", "")
        return named_audience(topic, meeting, template_of(answers))

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
            validate=not_empty(TOPIC_MAX),
        ),
        Question("terms", "补充关键词（可空，用顿号分隔）", default=lambda a: a.get("terms", "")),
        Question(
            "material",
            M.MATERIAL_QUESTION,
            "path",
            default=lambda a: material_text(a.get("material")),
            validate=valid_material,
        ),
        Question("org", "单位或地方（如 某县应急管理局）", default=lambda a: a.get("org", "")),
        Question("speaker", "讲话人职务（可加姓名）", default=lambda a: a.get("speaker", "")),
        Question(
            "audience",
            "听众",
            "select",
            default=lambda a: a.get("audience") or _guests(a),
            choices=lambda a: list(
                dict.fromkeys(
                    [
                        *template_of(a).audiences,
                        a.get("audience") or _guests(a),
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


def ask_question(q: Question, answers: dict[str, Any], *, back: bool = False) -> str:
    """Ask one question; raises ``Back`` when the user goes back (allowed when ``back``)."""
    default = q.default(answers)
    if q.kind == "select":
        choices = q.choices(answers) if q.choices else []
        values = [c.value if isinstance(c, questionary.Choice) else c for c in choices]
        while True:
            value = select(
                q.message, choices, default=default if default in values else None, back=back
            )
            if value != OTHER:
                return str(value).strip()
            check = _valid_length if q.key == "length" else not_empty(40)
            try:  # < here goes back to the list, not to the question before
                return text_prompt(f"{q.message}：", validate=check, back=True)
            except Back:
                continue
    if q.kind == "path":
        value = path_prompt(q.message, default=default, validate=q.validate, back=back)
        show_material(value)
        return value
    if q.kind == "autocomplete":
        words = q.choices(answers) if q.choices else []
        value = str(
            ask(
                questionary.autocomplete(
                    q.message + (M.BACK_HINT if back else ""),
                    choices=words,
                    default=default,
                    validate=allow_back(q.validate) if back else q.validate,
                    completer=WordCompleter(words, match_middle=True),
                )
            )
        ).strip()
        if back and value == M.BACK:
            raise Back
        return value
    return text_prompt(q.message, default=default, validate=q.validate, back=back)


# --- the outline ------------------------------------------------------------------------------


# Answers that decide which points a draft ranks first; once they are known, ranking starts.
_RANKING_KEYS = ("topic", "terms", "date")


def rank_ahead(session: Session) -> None:
    """Rank the bank's points for the topic in the background, so the outline need not wait.

    The ranking is kept with the bank (``rank_material`` caches it), so the outline step finds
    it ready; if the answers are not usable yet, nothing is started.
    """
    if session.bank is None or not session.raw.get("topic"):
        return
    try:
        answers = make_answers(session.raw)
    except DraftkitError:
        return
    bank = session.bank
    terms = key_terms(answers)
    worker = threading.Thread(
        target=rank_material, args=(bank, answers.topic, terms, answers.date.year), daemon=True
    )
    worker.start()
    session.ranking = worker


def ranked_by_now(session: Session) -> None:
    """Wait for a ranking already under way, rather than start the same work again."""
    if session.ranking is not None:
        session.ranking.join()
        session.ranking = None


def warm_up(bank: Bank, templates: dict[str, Template]) -> None:
    """Pay the one-time costs before the first prompt, so no step after it waits for them.

    The segmenter (its lexicon), the dated-wording list and the .docx writer are loaded once
    here instead of at the outline or the save step.
    """
    import draftkit.write.docx  # noqa: F401  (python-docx and its default template)

    words("预热")
    load_dated()


def _store(raw: dict[str, Any], q: Question, value: Any) -> None:
    """Keep an answer; the occasion's own length is kept as no length at all.

    A length left at the occasion's default is a guide: a topic the bank knows little of gives
    a shorter draft rather than an error. One the user chose is reached or refused.
    """
    if q.key == "length" and value == q.default({k: v for k, v in raw.items() if k != "length"}):
        raw.pop("length", None)
        return
    if value not in ("", None) or q.key in raw:
        raw[q.key] = value


def ask_questions(session: Session, all_questions: list[Question], start: int = 0) -> None:
    """Ask from question ``start`` to the end; ``<`` goes back one, a bad answer asks again."""
    index = start
    keys = [q.key for q in all_questions]
    while True:
        try:
            while index < len(all_questions):
                q = all_questions[index]
                try:
                    value = ask_question(q, session.raw, back=index > 0)
                except Back:
                    index = max(0, index - 1)
                    continue
                _store(session.raw, q, value)
                if q.key in _RANKING_KEYS:
                    rank_ahead(session)
                index += 1
            answers = make_answers(session.raw)
        except (AnswersError, TemplateError) as exc:
            # An answer given on the command line or typed that cannot be used: drop it and ask
            # its question again (an answer no question asks, such as --seed, is just dropped).
            if exc.field is None or (exc.field not in keys and exc.field not in session.raw):
                raise
            session.raw.pop(exc.field, None)
            say((M.ASK_AGAIN.format(message=exc.message), "yellow"), console=console)
            if exc.field in keys:  # from the question at ``index`` itself, or an earlier one
                index = min(index, keys.index(exc.field))
            continue
        if session.answers is not None:  # keep the outline's choices when coming back
            answers = replace(
                answers, headings=session.answers.headings, reseed=session.answers.reseed
            )
        session.answers = answers
        return


def outline_step(
    session: Session, all_questions: list[Question], bank: Bank, templates: dict[str, Template]
) -> Draft:
    """Review the outline until it is accepted.

    Going back re-asks the last question; a length the bank cannot fill asks for another length.
    """
    ranked_by_now(session)
    while True:
        try:
            return review_outline(session, bank, templates)
        except Back:
            ask_questions(session, all_questions, start=len(all_questions) - 1)
        except AnswersError as exc:
            if exc.field != "length":
                raise
            say((exc.message, "yellow"), console=console)
            session.raw.pop("length", None)
            ask_questions(session, all_questions, start=len(all_questions) - 1)


def run_wizard(raw: dict[str, Any], args: argparse.Namespace) -> int:
    """Ask, show the outline, save the answers and write the draft."""
    bank = load_bank(args.bank)
    templates = load_templates(args.templates)
    warm_up(bank, templates)
    session = Session(dict(raw), bank=bank)
    all_questions = questions(templates, bank)
    if args.defaults:
        draft = _defaults(session, all_questions, templates, bank)
        return save_session(session.answers, draft, args, bank, interactive=False)
    ask_questions(session, all_questions)
    try:
        while True:
            draft = outline_step(session, all_questions, bank, templates)
            try:
                return save_session(session.answers, draft, args, bank, interactive=True)
            except Back:
                continue
    except Cancelled as cancelled:
        saved = offer_to_save_answers(
            session.answers, suggest_output_stem(session, bank, templates)
        )
        if saved is None:
            raise
        raise Aborted(M.SAVED_ANSWERS.format(path=saved)) from cancelled


def suggest_output_stem(session: Session, bank: Bank, templates: dict[str, Template]) -> str:
    assert session.answers is not None
    try:
        draft = compose(session.answers, bank=bank, templates=templates)
    except DraftkitError:
        return "讲话稿"
    return Path(suggest_output(draft)).stem


def _defaults(
    session: Session, all_questions: list[Question], templates: dict[str, Template], bank: Bank
) -> Draft:
    for q in all_questions:
        value = session.raw.get(q.key) or q.default(session.raw)
        if q.key == "topic" and not value:
            raise DraftkitError(M.DEFAULTS_NEED_TOPIC, hint=M.DEFAULTS_NEED_TOPIC_HINT)
        if q.key == "occasion" and not value:
            value = next(iter(templates))
        _store(session.raw, q, value)
    session.answers = make_answers(session.raw)
    return compose(session.answers, bank=bank, templates=templates)
