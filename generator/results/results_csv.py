"""Results CSV text as `dmf results add` writes it: tidy rows from submissions, sorted, and counted back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.framework.load import shown_path
from generator.results.rows import COLUMNS
from generator.results.submission_read import Submission
from generator.yamlio.problems import Problem

_LAST = ("question", "level")  # the columns that vary within one submission's rows come last
assert COLUMNS[-2:] == _LAST, "submission_rows builds rows in COLUMNS order"
_LEVEL_TEXT: dict = {}  # one string per answer value, shared by every row


def submission_rows(s: Submission, pseudonym: str) -> list[tuple[str, ...]]:
    """The tidy rows of one submission, in COLUMNS order, answered against the version the file names."""
    fixed = {"respondent": pseudonym, "round": s.round, **s.groups, "framework_version": s.framework_version}
    head = tuple(fixed[c] for c in COLUMNS[:-2])
    text = _LEVEL_TEXT
    return [(*head, q, text.get(a) or text.setdefault(a, str(a))) for q, a in s.answers.items()]


def records(text: str) -> int:
    """How many records a CSV text holds, counted from the text itself."""
    if '"' not in text and "\r" not in text:  # nothing quoted, so no field holds a line break: one per line
        return text.count("\n") + (not text.endswith("\n") and bool(text))
    return sum(1 for _ in csv.reader(io.StringIO(text)))


def rows_text(rows: list[tuple[str, ...]]) -> str:
    """A results CSV sorted by every column in turn, so the same rows always make the same bytes."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(sorted(rows))
    return out.getvalue()


def read_rows(path: Path, problems: list[Problem]) -> list[tuple[str, ...]]:
    """The rows of an existing results CSV in COLUMNS order; dmf validate checks them further."""
    shown = shown_path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            parsed = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        problems.append(Problem(shown, 1, None, "", f"cannot be read: {err}; run dmf validate", code="unreadable"))
        return []
    header = parsed[0] if parsed else []
    if sorted(header) != sorted(COLUMNS):
        message = f"the header must name exactly {', '.join(COLUMNS)}; run dmf validate and fix the file first"
        problems.append(Problem(shown, 1, None, "", message, code="unreadable"))
        return []
    order = [header.index(c) for c in COLUMNS]
    bad = next((n for n, r in enumerate(parsed[1:], 2) if len(r) != len(header)), None)
    if bad is not None:
        message = "the row does not have one value per column; run dmf validate and fix the file first"
        problems.append(Problem(shown, bad, None, "", message, code="unreadable"))
        return []
    return [tuple(r[i] for i in order) for r in parsed[1:]]
