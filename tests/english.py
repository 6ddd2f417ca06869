"""Whether a line a user sees is English: the check behind the tests that the CLI speaks Chinese.

A line fails when it holds an English word of three or more letters that is not a name a user
types or reads as a name: command and option names, format names, file names and paths, the
occasion ids and option values, the keys of the YAML files, other programs and standards.
"""

from __future__ import annotations

import re
from dataclasses import fields

from draftkit.compose.answers import Answers
from draftkit.compose.template_check import FIELDS, SECTION_FIELDS

# Words a user types or reads as names: commands, actions, values, formats, programs, standards.
# The keys a user writes in an answers file or a template: an error names the one at fault.
KEYS = {f.name for f in fields(Answers)} | set(FIELDS) | set(SECTION_FIELDS)
ALLOWED = {
    *"draftkit mine parse new build templates check render bank stats search topic list validate"
    " docx doc dotx pdf txt yaml yml json gz md"
    " commendation mobilisation symposium training work meeting none comments sidecar"
    " libreoffice soffice word utf gbk big xml unicode yyyy phrasebank"
    " tab enter ctrl".split(),  # keys, as printed on the keyboard
    *KEYS,
}
_NAMES = re.compile(
    r"--?[A-Za-z][\w-]*"  # an option: --force, -o
    r"|\S*[/\\]\S*"  # a path
    r"|[\w.*-]+\.(?:docx|doc|dotx|pdf|md|txt|yaml|yml|json|gz)\b"  # a file name
    r"|[A-Za-z_][\w.\[\]-]*(?=: )"  # the field in `file:line: field: message`
    r"|“[^”]*”|'[^']*'"  # what the user typed, quoted back
    r"|GB/T"
)
_WORD = re.compile(r"[A-Za-z]{3,}")


def english(text: str) -> list[str]:
    """The lines of ``text`` that hold an English word outside the allow-list."""
    found = []
    for line in text.splitlines():
        words = _WORD.findall(_NAMES.sub(" ", line))
        if any(word.lower() not in ALLOWED for word in words):
            found.append(line)
    return found
