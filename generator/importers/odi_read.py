"""The Open Data Institute's maturity-tool JSON, read and checked: every problem with its file, line and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.framework.load import from_pydantic, shown_path
from generator.yamlio.problems import InputError, Problem
from generator.yamlio.read import Document, read_yaml

NonEmpty = Field(min_length=1)


class _Odi(BaseModel):
    # Extra fields are kept so the report can say what was not imported.
    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)


class OdiStatement(_Odi):
    text: str = NonEmpty
    associatedLevel: int  # noqa: N815 (the format's own name)
    tags: list[Any] | None = None


class OdiQuestion(_Odi):
    text: str = NonEmpty
    context: str | None = None
    statements: list[OdiStatement]


class OdiActivity(_Odi):
    title: str = NonEmpty
    questions: list[OdiQuestion]


class OdiDimension(_Odi):
    name: str = NonEmpty
    description: str | None = None
    activities: list[OdiActivity] = Field(min_length=1)


class OdiOrganisation(_Odi):
    name: str | None = None


class OdiFramework(_Odi):
    title: str = NonEmpty
    description: str | None = None
    organisation: OdiOrganisation | str | None = None  # who publishes it; the tool keeps a name and more
    levels: list[str] = Field(min_length=2, max_length=7)
    dimensions: list[OdiDimension] = Field(min_length=1)


def read(path: Path) -> OdiFramework:
    """Parse and check the file; raise InputError naming file, line and field for every problem."""
    shown = shown_path(path)
    if path.is_dir():
        raise InputError(
            [Problem(shown, 1, None, "", "is a folder: give the ODI JSON file itself", code="is-a-folder")]
        )
    if not path.is_file():
        raise InputError([Problem(shown, 1, None, "", "file not found", code="file-not-found")])
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError([Problem(shown, 1, None, "", f"cannot be read: {err.strerror}", code="unreadable")]) from None
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(
            [Problem(shown, 1, 1, "", "not UTF-8 text; save the file as UTF-8", code="not-utf8")]
        ) from None
    except json.JSONDecodeError as err:
        raise InputError(
            [Problem(shown, err.lineno, err.colno, "", f"not valid JSON: {err.msg}", code="json-syntax")]
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            [Problem(shown, 1, 1, "", "expected a JSON object with title, levels and dimensions", code="not-a-mapping")]
        )
    yes_no = _yes_no_question(data)
    if yes_no is not None:
        raise InputError([_positions(path, shown, data).problem(yes_no, YES_NO_MESSAGE, code="unsupported-form")])
    try:
        odi = OdiFramework.model_validate(data)
    except ValidationError as err:
        doc = _positions(path, shown, data)
        raise InputError([from_pydantic(doc, e) for e in err.errors()]) from None
    empty = [i for i, dim in enumerate(odi.dimensions) if not any(a.questions for a in dim.activities)]
    if empty:
        doc = _positions(path, shown, data)
        raise InputError(
            [
                doc.problem(
                    ("dimensions", i, "activities"), "a dimension needs at least one question", code="empty-dimension"
                )
                for i in empty
            ]
        )
    return odi


YES_NO_MESSAGE = (
    "this is the ODI's older yes/no form (questions answered yes or no, as in the Open Data Pathway), "
    "which is not supported: dmf imports the form with a statement for each level "
    '("statements" with "associatedLevel")'
)


def _yes_no_question(data: dict) -> tuple | None:
    """Where the first yes/no question is, when no question has statements (the older form); else None."""
    found = None
    for where, q in _questions(data):
        if "statements" in q:
            return None
        if found is None and isinstance(q.get("answers"), list):
            found = (*where, "answers")
    return found


def _questions(data: dict):
    """Every question that is a JSON object, with where it is, however odd the rest of the file."""

    def items(parent: object, key: str):
        value = parent.get(key) if isinstance(parent, dict) else None
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []

    for i, dim in items(data, "dimensions"):
        for j, act in items(dim, "activities"):
            for k, q in items(act, "questions"):
                yield ("dimensions", i, "activities", j, "questions", k), q


def _positions(path: Path, shown: str, data: Any) -> Document:
    """JSON is YAML: the YAML reader knows where each value is. Without it, every problem is at line 1."""
    doc, _ = read_yaml(path, shown)
    return doc or Document(shown, data, {}, {}, frozenset())


def publisher(odi: OdiFramework) -> str | None:
    """The organisation that publishes the framework, by name."""
    org = odi.organisation
    name = org if isinstance(org, str) else org.name if org else None
    return " ".join(name.split()) or None if name else None


def level_numbers(odi: OdiFramework) -> list[int]:
    """Levels counted from 0 when any statement says level 0, else from 1 (the usual)."""
    used = [s.associatedLevel for d in odi.dimensions for a in d.activities for q in a.questions for s in q.statements]
    start = 0 if used and min(used) == 0 else 1
    return list(range(start, start + len(odi.levels)))
