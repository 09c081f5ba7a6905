"""Read YAML with line numbers, refusing what plain PyYAML lets through (duplicate keys, bad encodings).

PyYAML's composer (libyaml when available, so it is fast) gives every node its position; we build the
plain data ourselves so that each value keeps its line and column, and a key written twice is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.yamlio.problems import Problem

Loc = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain Python data plus where each value (and each mapping key) sits."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(repr=False)
    keys: dict[Loc, tuple[int, int]] = field(repr=False)
    sequences: frozenset[Loc] = field(repr=False)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at loc, or of its key when key=True.

        Falls back to the longest part of loc that exists, so a missing field points at the mapping that lacks it.
        """
        if key and loc in self.keys:
            return self.keys[loc]
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.values:
                return self.values[loc[:n]]
        return 1, 1

    def path_text(self, loc: Loc) -> str:
        """Render loc as `questions[3].answers`, using [n] for list items only."""
        out = ""
        for i, part in enumerate(loc):
            if loc[:i] in self.sequences and isinstance(part, int):
                out += f"[{part}]"
            else:
                out += ("." if out else "") + str(part)
        return out

    def problem(self, loc: Loc, message: str, *, key: bool = False, code: str = "") -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, self.path_text(loc), message, code=code)


class DuplicateKey(Exception):
    def __init__(self, key: str, first: yaml.Mark, second: yaml.Mark):
        self.key, self.first, self.second = key, first, second


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


# Far more values than any framework file holds; aliases (*name) that repeat anchors can multiply a few
# lines into billions, so building stops here instead of filling the memory.
MAX_VALUES = 200_000


class TooManyValues(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


def _build(node: yaml.Node, loc: Loc, constructor: yaml.SafeLoader, doc: dict) -> Any:
    doc["count"] += 1
    if doc["count"] > MAX_VALUES:
        raise TooManyValues(node.start_mark)
    doc["values"][loc] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        first_mark: dict[Any, yaml.Mark] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if key in first_mark:
                raise DuplicateKey(str(key), first_mark[key], key_node.start_mark)
            first_mark[key] = key_node.start_mark
            doc["keys"][(*loc, key)] = _pos(key_node.start_mark)
            out[key] = _build(value_node, (*loc, key), constructor, doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        doc["sequences"].add(loc)
        return [_build(item, (*loc, i), constructor, doc) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def read_yaml(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file; on failure return the problems and no document."""
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(shown_as, 1, 1, "", "file is empty", code="empty-file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(
                shown_as,
                line,
                col,
                "",
                f"not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
                code="not-utf8",
            )
        ]
    loader = _Loader(text)
    parts: dict = {"values": {}, "keys": {}, "sequences": set(), "count": 0}
    try:
        root = loader.get_single_node()
        data = None if root is None else _build(root, (), loader, parts)
    except DuplicateKey as dup:
        line, col = _pos(dup.second)
        first = dup.first.line + 1
        return None, [
            Problem(
                shown_as,
                line,
                col,
                "",
                f"YAML error: duplicate key '{dup.key}' (first at line {first}): a mapping may name each key once",
                code="duplicate-key",
            )
        ]
    except TooManyValues as too_many:
        line, col = _pos(too_many.mark)
        message = (
            f"the file holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded: "
            "write repeated values out instead of nesting aliases"
        )
        return None, [Problem(shown_as, line, col, "", message, code="too-many-values")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (err.context, err.problem) if s)
        return None, [Problem(shown_as, line, col, "", f"YAML error: {what}", code="yaml-syntax")]
    except yaml.YAMLError as err:
        return None, [Problem(shown_as, 1, 1, "", f"YAML error: {err}", code="yaml-syntax")]
    finally:
        loader.dispose()
    if data is None:
        return None, [Problem(shown_as, 1, 1, "", "file holds no data", code="empty-file")]
    if not isinstance(data, dict):
        return None, [Problem(shown_as, 1, 1, "", "the file must be a mapping of field: value", code="not-a-mapping")]
    return Document(shown_as, data, parts["values"], parts["keys"], frozenset(parts["sequences"])), []
