"""The wizard's last step: choose a file name, save the answers, write the draft.

Nothing here ends a session: a name that cannot be used, a declined overwrite or a failed write
asks for another name, and the answers are saved before the draft so they survive whatever
happens to it. ``offer_to_save_answers`` is what a Ctrl-C after the outline leads to.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import questionary

from draftkit.bank.store import Bank
from draftkit.cli import messages as M
from draftkit.cli.console import out, say
from draftkit.cli.outputs import draft_options, planned_files
from draftkit.cli.prompts import Back, ask, confirm
from draftkit.cli.report import answers_path, check_summary, summarise
from draftkit.compose.answers import Answers, save_answers
from draftkit.compose.given import material_for
from draftkit.errors import OutputError
from draftkit.files import check_targets, existing
from draftkit.models import Draft
from draftkit.write.paths import SUFFIXES, check_suffix
from draftkit.write.render import INSTALL_HINT, NO_LIBREOFFICE, find_soffice
from draftkit.write.text import write_draft

# Formats a user may type that draftkit does not write: ask again rather than add .docx.
_OTHER_FORMATS = (".doc", ".wps", ".rtf", ".odt", ".html", ".htm", ".pages", ".yaml", ".yml")


def suggest_output(draft: Draft) -> str:
    """A file name from the draft's title, without characters a file system refuses."""
    name = re.sub(r"[\\/:*?\"<>|\s]+", "", draft.title)[:40] or "讲话稿"
    return f"{name}.docx"


def save_session(
    answers: Answers, draft: Draft, args: argparse.Namespace, bank: Bank, *, interactive: bool
) -> int:
    """Save the answers, then write the draft and show what it holds.

    Raises ``Back`` when the user returns from the file name prompt to the outline.
    """
    if interactive:
        output = _write_interactively(answers, draft, args)
    else:
        output = args.output or Path(suggest_output(draft))
        check_suffix(output)
        check_targets(planned_files(output, args, save=True), force=args.force)
        save_answers(answers, answers_path(output))
        write_draft(draft, output, force=args.force, **draft_options(args, output))
    given = material_for(answers.material)
    summarise(draft, output, given)
    check_summary(draft, output, bank, given)
    say(M.ANSWERS_SAVED_TO.format(path=answers_path(output)))
    say(M.REBUILD_WITH.format(answers=answers_path(output), output=output))
    return 0


def _write_interactively(answers: Answers, draft: Draft, args: argparse.Namespace) -> Path:
    given: Path | None = args.output
    suggestion = str(args.output or suggest_output(draft))
    while True:
        output = choose_output(args, suggestion, given)
        given = None
        suggestion = str(output)
        try:
            save_answers(answers, answers_path(output))
        except OutputError as exc:
            say((M.WRITE_FAILED.format(error=exc.describe()), "yellow"), console=out)
            continue
        try:
            write_draft(draft, output, force=True, **draft_options(args, output))
        except OutputError as exc:
            say((M.WRITE_FAILED.format(error=exc.describe()), "yellow"), console=out)
            say(M.ANSWERS_KEPT.format(path=answers_path(output)))
            continue
        return output


def choose_output(args: argparse.Namespace, suggestion: str, given: Path | None) -> Path:
    """Ask for the draft's file name until one can be written (or its overwrite is agreed)."""
    while True:
        if given is not None:
            output: Path | None = usable_path(str(given))
            given = None
        else:
            text = str(
                ask(questionary.text(M.SAVE_AS, default=suggestion, instruction=M.SAVE_AS_HINT))
            ).strip()
            if text == M.BACK:
                raise Back
            output = usable_path(text)
        if output is None:
            continue
        suggestion = str(output)
        found = existing(planned_files(output, args, save=True))
        if found and not args.force:
            names = "、".join(str(p) for p in found)
            if not confirm(M.OVERWRITE.format(names=names)):
                say((M.OVERWRITE_DECLINED, "yellow"))
                continue
        return output


def usable_path(text: str) -> Path | None:
    """The path typed, with .docx added when it has no known suffix; None (said why) if unusable."""
    if not text:
        say((M.SAVE_AS_EMPTY, "yellow"))
        return None
    path = Path(text).expanduser()
    suffix = path.suffix.lower()
    if path.is_dir():
        say((M.SAVE_AS_IS_FOLDER.format(path=path), "yellow"))
        return None
    if suffix in _OTHER_FORMATS:
        say((M.SAVE_AS_BAD_SUFFIX.format(suffix=path.suffix), "yellow"))
        return None
    if suffix not in SUFFIXES:
        path = path.with_name(path.name + ".docx")
        say(M.SAVE_AS_SUFFIX_ADDED.format(path=path))
    if path.is_dir():
        say((M.SAVE_AS_IS_FOLDER.format(path=path), "yellow"))
        return None
    if not path.parent.is_dir():
        say((M.SAVE_AS_NO_FOLDER.format(folder=path.parent), "yellow"))
        return None
    if path.suffix.lower() == ".pdf" and find_soffice() is None:
        say((NO_LIBREOFFICE, "yellow"))
        say(INSTALL_HINT)
        return None
    return path


def offer_to_save_answers(answers: Answers | None, stem: str) -> Path | None:
    """After a Ctrl-C past the outline: offer to save the answers; return where they went."""
    if answers is None or not confirm(M.OFFER_SAVE, default=True):
        return None
    suggestion = f"{stem}.answers.yaml"
    while True:
        text = str(ask(questionary.text(M.SAVE_ANSWERS_AS, default=suggestion))).strip()
        if not text:
            continue
        path = Path(text).expanduser()
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_name(path.name + ".answers.yaml")
        if path.is_dir() or not path.parent.is_dir():
            say((M.SAVE_AS_NO_FOLDER.format(folder=path.parent), "yellow"))
            continue
        suggestion = str(path)
        if path.exists() and not confirm(M.OVERWRITE.format(names=path)):
            continue
        save_answers(answers, path)
        return path
