"""Text still to be written: any text that starts with TODO, as `dmf new` and `dmf import` leave it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.framework.load import FRAMEWORK_FILE, TOPICS_DIR, shown_path
from generator.framework.model import Model
from generator.yamlio.problems import Problem
from generator.yamlio.read import read_yaml

MARKER = "TODO"


def todo(what: str) -> str:
    """A placeholder that validates but is counted until someone writes the real text."""
    return f"{MARKER}: {what}"


def walk(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        if value.lstrip().startswith(MARKER):
            yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, (*loc, i))


def find(directory: Path, model: Model) -> list[Problem]:
    """Every TODO in the framework's files, each with file, line and field, in file order."""
    directory = Path(directory)
    found: list[tuple[Path, list[tuple[tuple, str]]]] = []
    fw_hits = list(walk(model.framework.model_dump(mode="python", by_alias=True, exclude_none=True)))
    if fw_hits:
        found.append((directory / FRAMEWORK_FILE, fw_hits))
    for topic in sorted(model.topics, key=lambda t: t.id):
        hits = list(walk(topic.model_dump(mode="python", by_alias=True, exclude_none=True)))
        if hits:
            path = directory / TOPICS_DIR / f"{topic.id}.yml"
            found.append((path if path.is_file() else path.with_suffix(".yaml"), hits))
    out: list[Problem] = []
    for path, hits in found:  # positions only for the files that need them
        doc, _ = read_yaml(path, shown_path(path))
        for loc, value in hits:
            text = " ".join(value.split())
            message = f"still to be written: {text[:70]}{'...' if len(text) > 70 else ''}"
            out.append(
                doc.problem(loc, message, code="todo")
                if doc
                else Problem(shown_path(path), 1, None, ".".join(map(str, loc)), message, code="todo")
            )
    return out
