"""Where the bundled phrase bank, templates and data files are found.

In an installed package the top-level ``phrasebank/`` and ``templates/`` are shipped inside it as
``draftkit/bundled_bank`` and ``draftkit/bundled_templates``; in a source checkout (editable
install) they are read from the repository itself.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_INSTALLED = {"phrasebank": "bundled_bank", "templates": "bundled_templates"}


def bundled_dir(name: str) -> Path:
    """The directory of the bundled ``phrasebank`` or ``templates``."""
    installed = _HERE / _INSTALLED[name]
    if installed.is_dir():
        return installed
    return _HERE.parents[1] / name  # a source checkout: src/draftkit/../../name


def data_file(name: str) -> Path:
    """A file from ``draftkit/data`` (noise patterns, role keywords, dated references …)."""
    return _HERE / "data" / name
