"""Occasion templates: loading ``templates/*.yaml``, finding one, filling in its variables.

This module owns loading a folder of templates (each file checked by ``template_check``),
finding one by id or name, listing them, and filling in a template's variables and meeting
name (``resolve_context``). The ``Template`` and ``SectionSpec`` records live in ``models`` and
are re-exported here.

Template strings are rendered in the Jinja sandbox of ``sandbox``; ``render`` and
``make_environment`` are re-exported here for callers that know them from this module. The
schema is documented for users in ``templates/README.md``. Choosing phrases, picking a title
and laying out a draft belong to ``compose``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from draftkit import models
from draftkit.bank.cache import CacheSpec, cached
from draftkit.compose import sandbox, template_check
from draftkit.compose.sandbox import make_environment as make_environment  # re-exported
from draftkit.compose.sandbox import render
from draftkit.compose.template_check import SUFFIXES, check_file
from draftkit.errors import TemplateError
from draftkit.models import SectionSpec as SectionSpec  # re-exported
from draftkit.models import Template
from draftkit.resources import bundled_dir

__all__ = [
    "SectionSpec",
    "Template",
    "describe",
    "find_template",
    "load_template",
    "load_templates",
    "make_environment",
    "render",
    "resolve_context",
    "validate_directory",
]


def resolve_context(template: Template, context: Mapping[str, Any]) -> dict[str, Any]:
    """Add the template's ``variables`` (answers win) and the default ``meeting`` to a context.

    Variables are rendered in file order and may use the answers and the variables above them;
    ``meeting`` is rendered only when the answers give none, and may use every variable.
    """
    resolved = dict(context)
    for name, source in template.variables.items():
        if resolved.get(name) in (None, ""):
            resolved[name] = render(source, resolved, where=template.where(f"variables.{name}"))
    if resolved.get("meeting") in (None, ""):
        resolved["meeting"] = render(template.meeting, resolved, where=template.where("meeting"))
    return resolved


# --- the public loaders ----------------------------------------------------------------------


def _first(errors: list[TemplateError]) -> TemplateError:
    """The first problem, telling how many more there are."""
    first = errors[0]
    if len(errors) == 1:
        return first
    more = f"另有 {len(errors) - 1} 处问题：draftkit templates validate 会全部列出"
    hint = f"{first.hint}\n  {more}" if first.hint else more
    return TemplateError(
        first.message, path=first.path, line=first.line, field=first.field, hint=hint
    )


def load_template(path: Path) -> Template:
    """Load and check one template file; the first problem is raised as a ``TemplateError``."""
    check = check_file(Path(path))
    if check.template is None:
        raise _first(check.errors)
    return check.template


def _template_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith(".")  # editor files
    )


def _scan(directory: Path) -> tuple[dict[str, Template], list[TemplateError]]:
    if not directory.is_dir():
        return {}, [TemplateError("模板文件夹不存在", path=directory)]
    paths = _template_files(directory)
    if not paths:
        hint = "每个模板是一个 id.yaml 文件，见 templates/README.md"
        return {}, [TemplateError("这个文件夹里没有模板文件", path=directory, hint=hint)]
    by_id: dict[str, Template] = {}
    by_name: dict[str, Template] = {}
    errors: list[TemplateError] = []
    for path in paths:
        check = check_file(path)
        errors.extend(check.errors)
        if (template := check.template) is None:
            continue
        for label, key, seen in (("id", template.id, by_id), ("name", template.name, by_name)):
            if key in seen:
                message = f"{label}“{key}”已被 {seen[key].path.name} 用了"
                errors.append(
                    TemplateError(message, path=path, line=check.line(label), field=label)
                )
            seen.setdefault(key, template)
    return {key: by_id[key] for key in sorted(by_id)}, errors


def load_templates(directory: Path | None = None) -> dict[str, Template]:
    """Every template in ``directory`` (default: the bundled ones), keyed and sorted by id.

    Checked templates are cached beside the folder (``bank.cache``) for as long as its files
    stay the same; a folder with a problem is checked, and the problem raised, every time.
    """
    folder = bundled_dir("templates") if directory is None else Path(directory)
    paths = _template_files(folder) if folder.is_dir() else []
    if not paths:
        return _checked(folder)
    return cached(_CACHE, folder, paths, lambda: _checked(folder))  # type: ignore[no-any-return]


def _checked(folder: Path) -> dict[str, Template]:
    templates, errors = _scan(folder)
    if errors:
        raise _first(errors)
    return templates


def _encode(templates: dict[str, Template]) -> Any:
    out = []
    for template in templates.values():
        row = [getattr(template, f.name) for f in fields(Template)]
        row[_SECTIONS_AT] = tuple(astuple(spec) for spec in template.sections)
        row[_PATH_AT] = str(template.path)
        out.append(tuple(row))
    return out


def _decode(stored: Any) -> dict[str, Template]:
    templates = {}
    for row in stored:
        values = list(row)
        values[_SECTIONS_AT] = tuple(SectionSpec(*spec) for spec in values[_SECTIONS_AT])
        values[_PATH_AT] = Path(values[_PATH_AT])
        template = Template(*values)
        templates[template.id] = template
    return templates


_TEMPLATE_FIELDS = tuple(f.name for f in fields(Template))
_SECTIONS_AT, _PATH_AT = _TEMPLATE_FIELDS.index("sections"), _TEMPLATE_FIELDS.index("path")
_CACHE = CacheSpec(
    "templates",
    (_TEMPLATE_FIELDS, tuple(f.name for f in fields(SectionSpec))),
    _encode,
    _decode,
    code=(__file__, template_check.__file__, sandbox.__file__, models.__file__),
)


def validate_directory(directory: Path) -> list[TemplateError]:
    """Every problem in every template of ``directory``; empty when all is well."""
    return _scan(Path(directory))[1]


def find_template(templates: Mapping[str, Template], key: str) -> Template:
    """The template whose id or name is ``key``."""
    wanted = key.strip()
    for template in templates.values():
        if wanted in (template.id, template.name) or wanted.lower() == template.id.lower():
            return template
    available = "、".join(f"{t.id}（{t.name}）" for t in templates.values()) or "无"
    raise TemplateError(f"没有“{key}”这种会议类型", field="occasion", hint=f"可选：{available}")


def describe(templates: Mapping[str, Template]) -> list[dict[str, Any]]:
    """Plain records for ``draftkit templates list --json``, sorted by id."""
    return [
        {
            "id": template.id,
            "name": template.name,
            "description": template.description,
            "length": template.length,
            "audiences": list(template.audiences),
            "sections": list(template.roles),
        }
        for _, template in sorted(templates.items())
    ]
