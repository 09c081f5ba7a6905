"""The workbook as data: sheets of cells, drop-down lists and formulas, and how each format spells formulas."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from generator.framework.answers import LABELS, NOT_APPLICABLE, NOT_SURE
from generator.framework.model import Model

START_SHEET = "Start here"
SUMMARY_SHEET = "Summary"
LISTS_SHEET = "Answer lists"
NA_TEXT = LABELS[NOT_APPLICABLE]
NOT_SURE_TEXT = LABELS[NOT_SURE]
# What the Level column shows for the two answers that are not levels; COUNT() skips text, so these never
# count as a level (never as zero).
NA_LEVEL = NA_TEXT.lower()
NOT_SURE_LEVEL = NOT_SURE_TEXT.lower()
NOT_AN_ANSWER = "not an answer"
NO_LEVEL = "No level yet"
FIRST_QUESTION_ROW = 6
SUMMARY_FIRST_ROW = 6
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Dialect:
    """How one spreadsheet format spells references, separators and formulas."""

    name: str
    sep: str

    def ref(self, sheet: str | None, a1: str) -> str:
        """A reference to a cell or range (A1 notation, `$` allowed), on another sheet when `sheet` is given."""
        if self.name == "excel":
            return f"{quote_sheet(sheet)}!{a1}" if sheet else a1
        start, _, end = a1.partition(":")
        where = f"${quote_sheet(sheet)}" if sheet else ""
        return f"[{where}.{start}" + (f":.{end}]" if end else "]")

    def call(self, name: str, *args: str) -> str:
        return f"{name}({self.sep.join(args)})"


EXCEL = Dialect("excel", ",")
OPENFORMULA = Dialect("openformula", ";")


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


@dataclass
class Cell:
    value: str | int | None = None
    formula: str | None = None  # without the leading '='
    style: str = "body"  # title, heading, body, answer, level
    validation: str | None = None  # a range reference that lists the allowed values


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (row, column), 1-based
    widths: dict[int, float] = field(default_factory=dict)
    hidden: bool = False
    hidden_columns: set[int] = field(default_factory=set)

    def put(self, row: int, col: int, value: str | int | None = None, **kw) -> Cell:
        cell = Cell(value=value, **kw)
        self.cells[(row, col)] = cell
        return cell

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=1)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=1)


@dataclass
class Book:
    sheets: list[Sheet]
    title: str
    created: dt.datetime


def a1(row: int, col: int, absolute: bool = False) -> str:
    d = "$" if absolute else ""
    return f"{d}{get_column_letter(col)}{d}{row}"


def a1_range(row1: int, col1: int, row2: int, col2: int) -> str:
    return f"{a1(row1, col1, True)}:{a1(row2, col2, True)}"


def sheet_names(model: Model) -> dict[str, str]:
    """A unique, valid sheet name (at most 31 characters) for each topic id."""
    taken = {START_SHEET.lower(), SUMMARY_SHEET.lower(), LISTS_SHEET.lower()}
    names = {}
    for topic in model.topics:
        base = _BAD_SHEET_CHARS.sub(" ", topic.title).strip(" '") or topic.id
        name, n = base[:31].strip(), 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)].strip() + suffix, n + 1
        taken.add(name.lower())
        names[topic.id] = name
    return names


def level_formula(d: Dialect, level_range: str, rule: str, minimum: int) -> str:
    """The scoring rule over a range of level cells; COUNT/SMALL/MIN skip the text of non-levels."""
    count = d.call("COUNT", level_range)
    if rule == "median":
        # The lower median: the k-th smallest with k = (n + 1) div 2, always one of the answered levels.
        pick = d.call("SMALL", level_range, d.call("INT", f"({count}+1)/2"))
    elif rule == "minimum":
        pick = d.call("MIN", level_range)
    else:  # the model allows no other rule
        raise ValueError(f"unknown scoring rule {rule!r}")
    return d.call("IF", f"{count}<{max(1, minimum)}", '""', pick)


def answer_level(d: Dialect, answer: str, options: str, level_row: str) -> str:
    """The level an answer stands for, found by exact comparison with the question's options.

    MATCH would read ? * ~ (and, in LibreOffice, regular expressions) in answer text as patterns;
    EXACT compares the text as it is. The options start in column B of the lists sheet.
    """
    hits = d.call("EXACT", answer, options)
    count = d.call("SUMPRODUCT", f"{hits}*1")
    position = d.call("SUMPRODUCT", f"{hits}*({d.call('COLUMN', options)}-1)")
    found = d.call("IF", f"{count}=1", d.call("INDEX", level_row, position), f'"{NOT_AN_ANSWER}"')
    return d.call("IF", f'{answer}=""', '""', found)
