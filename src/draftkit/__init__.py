"""draftkit: draft Chinese official speeches from a phrase bank mined from past speeches.

The pipeline, one package per stage; imports run down this list, never up::

    reading/   a folder of files → classified speeches
               read_document → clean_document → parse_document → classify_speech → gate_speech
    bank/      speeches → the bank and its indexes
               CorpusStats → mine_stream → Bank → write_bank (+ the 查重 index)
    compose/   answers + template + bank → Draft
    write/     Draft → .txt / .md / .docx / .pdf
    review/    any draft → findings (draftkit check)
    cli/       arguments and prompts → the calls above, with one error boundary

``errors``, ``models``, ``resources`` and ``files`` are shared by every stage.

What a script imports is here; each name loads its stage on first use::

    import draftkit
    result = draftkit.mine_corpus(["讲话稿/"])
    draftkit.write_mined(result, Path("my-bank"))
    answers = draftkit.make_answers({"occasion": "work-meeting", "topic": "安全生产"})
    draft = draftkit.compose_draft(answers, bank=draftkit.load_bank("my-bank"))
    draftkit.write_draft(draft, Path("draft.docx"))
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "DraftkitError": "draftkit.errors",
    "find_files": "draftkit.reading.corpus",
    "understand_document": "draftkit.reading.understand",
    "understand_corpus": "draftkit.reading.understand",
    "Bank": "draftkit.bank.store",
    "load_bank": "draftkit.bank.store",
    "write_bank": "draftkit.bank.store",
    "MineResult": "draftkit.bank.build",
    "mine_corpus": "draftkit.bank.build",
    "write_mined": "draftkit.bank.build",
    "make_answers": "draftkit.compose.answers",
    "load_answers": "draftkit.compose.answers",
    "load_templates": "draftkit.compose.templates",
    "compose_draft": "draftkit.compose.draft",
    "write_draft": "draftkit.write.text",
    "check_file": "draftkit.review.check",
}
__all__ = [
    "Bank",
    "DraftkitError",
    "MineResult",
    "check_file",
    "compose_draft",
    "find_files",
    "load_answers",
    "load_bank",
    "load_templates",
    "make_answers",
    "mine_corpus",
    "understand_corpus",
    "understand_document",
    "write_bank",
    "write_draft",
    "write_mined",
]

if TYPE_CHECKING:
    from draftkit.bank.build import MineResult, mine_corpus, write_mined
    from draftkit.bank.store import Bank, load_bank, write_bank
    from draftkit.compose.answers import load_answers, make_answers
    from draftkit.compose.draft import compose as compose_draft
    from draftkit.compose.templates import load_templates
    from draftkit.errors import DraftkitError
    from draftkit.reading.corpus import find_files
    from draftkit.reading.understand import understand_corpus, understand_document
    from draftkit.review.check import check_file
    from draftkit.write.text import write_draft


# ``compose`` is the stage's package; its entry point is exported as ``compose_draft``.
_RENAMED = {"compose_draft": "compose"}


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'draftkit' has no attribute {name!r}")
    return getattr(import_module(_API[name]), _RENAMED.get(name, name))
