"""Read YAML with line numbers, refusing what PyYAML lets through (duplicate keys, bad encodings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain Python data plus the ruamel tree that knows where each value sits."""

    path: str
    data: Any
    tree: Any

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at loc, or of its key when key=True.

        Walks as far as the loc exists, so a missing field points at the mapping that lacks it.
        """
        node = self.tree
        line, col = _node_pos(node)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, CommentedMap) and part in node:
                pos = node.lc.key(part) if (last and key) else node.lc.value(part)
                line, col = pos[0] + 1, pos[1] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                pos = node.lc.item(part)
                line, col = pos[0] + 1, pos[1] + 1
                node = node[part]
            else:
                break
        return line, col

    def path_text(self, loc: Loc) -> str:
        """Render loc as `questions[3].answers`, using [n] for list items only."""
        out = ""
        node = self.tree
        for part in loc:
            if isinstance(node, CommentedSeq) and isinstance(part, int):
                out += f"[{part}]"
            else:
                out += ("." if out else "") + str(part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        return out

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, self.path_text(loc), message)


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line + 1, lc.col + 1
    return 1, 1


def _plain(node: Any) -> Any:
    """ruamel's comment-carrying containers into dicts and lists."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def read_yaml(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file; on failure return the problems and no document."""
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(shown_as, 1, 1, "", "file is empty")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(shown_as, line, col, "", f"not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")
        ]
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (err.context, err.problem) if s)
        if type(err).__name__ == "DuplicateKeyError":
            what = _duplicate_message(err, text)
        return None, [Problem(shown_as, line, col, "", f"YAML error: {what}")]
    except YAMLError as err:
        return None, [Problem(shown_as, 1, 1, "", f"YAML error: {err}")]
    if tree is None:
        return None, [Problem(shown_as, 1, 1, "", "file holds no data")]
    if not isinstance(tree, CommentedMap):
        return None, [Problem(shown_as, 1, 1, "", "the file must be a mapping of field: value")]
    return Document(shown_as, _plain(tree), tree), []


def _duplicate_message(err: MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "").strip()
    # ruamel says: found duplicate key "id" with value "x" (original value: "y")
    key = problem.split('"')[1] if problem.count('"') >= 2 else "?"
    where = ""
    mark, start = err.problem_mark, err.context_mark
    if mark is not None and start is not None:
        # ruamel marks the mapping, not the first use of the key: find that line ourselves.
        lines = text.splitlines()
        prefix = lines[mark.line][: mark.column] + key + ":"
        first = next((n for n in range(start.line, mark.line) if lines[n].startswith(prefix)), None)
        if first is not None:
            where = f" (first at line {first + 1})"
    return f"duplicate key '{key}'{where}: a mapping may name each key once"
