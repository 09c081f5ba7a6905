"""Rows read, used and rejected: the reasons, the reconciliation, and problems reported with their lines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from generator.results.groups import GROUP_KINDS
from generator.yamlio.problems import Problem

# Problems listed one by one for each file and field; the rest are counted in one more line.
MAX_LISTED = 20

# The columns of a results CSV file, in the order dmf writes them.
COLUMNS = ("respondent", "round", *(k.kind for k in GROUP_KINDS), "framework_version", "question", "level")


@dataclass(frozen=True)
class FileCount:
    file: str
    read: int
    used: int


@dataclass(frozen=True)
class Reconciliation:
    """Rows read = rows used + rows rejected; each rejected row is counted once, under its first reason."""

    files: tuple[FileCount, ...]
    rejected: tuple[tuple[str, int], ...]

    @property
    def rows_read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def rows_used(self) -> int:
        return sum(f.used for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(n for _, n in self.rejected)

    def __str__(self) -> str:
        text = f"{rows_text(self.rows_read)} read = {self.rows_used:,} used + {self.rows_rejected:,} rejected"
        if self.rejected:
            text += " (" + "; ".join(f"{n:,} {reason}" for reason, n in self.rejected) + ")"
        return text


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def undeclared(column: str) -> str:
    """The reason for a value that groups.yml does not declare."""
    return f"with {article(column)} {column} not declared in groups.yml"


# Why a row was rejected, with the code its problems carry. Index 0 means "not rejected".
_REASONS = (
    ("", ""),
    ("not UTF-8 text", "not-utf8"),
    ("in a file that cannot be read as CSV", "unreadable"),
    ("in a file whose header row has problems", "bad-header"),
    ("with too many fields", "too-many-fields"),
    ("empty", "empty-row"),
    ("with a missing value", "missing-value"),
    ("with a respondent that is not a pseudonym", "not-a-pseudonym"),
    (undeclared("round"), "undeclared-round"),
    *((undeclared(k.kind), "undeclared-group") for k in GROUP_KINDS),
    ("with a framework_version that is not a version", "bad-version"),
    ("answered against a framework version with no id mapping", "no-id-mapping"),
    ("with an unknown question", "unknown-question"),
    ("with a level that is not a level of the framework", "level-out-of-range"),
    ("answering a question twice", "answered-twice"),
    (
        f"of a respondent whose {', '.join(k.kind for k in GROUP_KINDS)} or framework_version changes within a round",
        "group-changes",
    ),
    ("not checked because groups.yml is missing or has problems", "not-checked"),
    ("answering a question removed from the framework since", "question-removed"),
)
REASONS = tuple(text for text, _ in _REASONS)
REASON_CODES = dict(_REASONS)
REASON_INDEX = {text: i for i, text in enumerate(REASONS)}


@dataclass(eq=False)
class ParsedFile:
    """One parsed CSV file: categorical columns, each row's line number and rejection reason."""

    shown: str
    columns: dict[str, pd.Categorical]
    line: np.ndarray
    reason: np.ndarray
    extra_read: int = 0  # rows pandas skipped (too many fields): read and rejected, not in `columns`
    extra_reasons: Counter = field(default_factory=Counter)

    @property
    def n(self) -> int:
        return len(self.line)


def report_rows(
    problems: list[Problem], shown: str, fld: str, lines: np.ndarray, message: Callable[[int], str], code: str
) -> None:
    """List the first MAX_LISTED rows with one problem, then count the rest in one more line."""
    for i in range(min(len(lines), MAX_LISTED)):
        problems.append(Problem(shown, int(lines[i]), None, fld, message(i), code=code))
    if len(lines) > MAX_LISTED:
        more = len(lines) - MAX_LISTED
        problems.append(
            Problem(
                shown,
                int(lines[MAX_LISTED]),
                None,
                fld,
                f"and {rows_text(more)} more with problems in this column, up to line {int(lines[-1]):,}",
                code=code,
            )
        )


def reject(
    problems: list[Problem], f: ParsedFile, mask: np.ndarray, reason: str, fld: str, message: Callable[[int], str]
) -> None:
    """Reject the rows in mask (keeping any earlier reason) and report each with its line."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return
    fresh = idx[f.reason[idx] == 0]
    f.reason[fresh] = REASON_INDEX[reason]
    report_rows(problems, f.shown, fld, f.line[idx], lambda k: message(int(idx[k])), REASON_CODES[reason])


def quote(value: str, *, bare: bool = False) -> str:
    """A value for a message, with line breaks and other control characters made visible."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)
    return shown if bare else f"'{shown}'"


def rows_text(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def code_of(cat: pd.Categorical, value: str) -> int:
    """The code of value in cat's categories, or -2 (matches nothing) when absent."""
    found = cat.categories.get_indexer([value])[0] if len(cat.categories) else -1
    return int(found) if found >= 0 else -2


def reconcile(files: list[ParsedFile]) -> Reconciliation:
    counts: Counter = Counter()
    per_file = []
    for f in files:
        found = np.bincount(f.reason, minlength=len(REASONS))
        for i in np.flatnonzero(found[1:]) + 1:
            counts[REASONS[i]] += int(found[i])
        counts.update(f.extra_reasons)
        per_file.append(FileCount(f.shown, f.n + f.extra_read, int(found[0])))
    ordered = tuple((r, counts[r]) for r in REASONS if counts.get(r))
    return Reconciliation(tuple(per_file), ordered)
