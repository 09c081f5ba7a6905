"""Writing framework YAML that people will edit: block style, one value a line, the schema comment first."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

SCHEMA_DIR = Path("site_src") / "schema"
# A top-level key with nothing after it: a list or mapping follows.
_OPENS_BLOCK = re.compile(r"^[A-Za-z_][\w-]*:$")


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as people write them; multi-line text as literal blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.strip() + "\n" if style else value, style=style)


_Dumper.add_representer(str, _text)


def schema_comment(file: Path, schema_name: str) -> str | None:
    """The yaml-language-server line pointing at the project's schema, relative to the file, if one is found.

    Looks in site_src/schema/ above the file, then under the current folder.
    """
    file = Path(file).resolve()
    for base in [*file.parents, Path.cwd().resolve()]:
        schema = base / SCHEMA_DIR / schema_name
        if schema.is_file():
            return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, file.parent)).as_posix()}"
    return None


def dump(data: dict[str, Any], header: str | None = None) -> str:
    """YAML text for data, with a blank line before each top-level field that holds a list or mapping."""
    # PyYAML, not ruamel, for new files: it writes the same layout several times faster.
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    out = [header] if header else []
    for i, line in enumerate(text.splitlines()):
        if i and _OPENS_BLOCK.match(line) and out[-1] != "":
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def _round_trip(mapping: int, sequence: int, offset: int) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.allow_unicode = True
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


# (mapping, sequence, offset) layouts people commonly write, tried in turn.
_LAYOUTS = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1)]


def edit(path: Path, change) -> bool:
    """Apply change(tree) to a YAML file, keeping its comments, quotes and indentation.

    Returns False when the file's layout could not be kept exactly outside the change (unusual
    indentation, say): the edit is still made, and the caller should ask for a look at the diff.
    """
    text = path.read_text(encoding="utf-8")
    kept = False
    for layout in _LAYOUTS:
        y = _round_trip(*layout)
        tree = y.load(text)
        buf = io.StringIO()
        y.dump(tree, buf)
        if buf.getvalue() == text:
            kept = True
            break
    else:
        y = _round_trip(*_LAYOUTS[0])
        tree = y.load(text)
    change(tree)
    after = io.StringIO()
    y.dump(tree, after)
    path.write_text(after.getvalue(), encoding="utf-8")
    return kept
