"""Submission files into results/<round>.csv, and withdrawals out: pseudonyms, replacement, atomic writes.

Each organisation's pseudonym is random (`secrets`), never derived from its file or submission id. The
submission-id -> pseudonym table is the only link between a submission and its rows: it lives outside
results/ (by default private/submission-pseudonyms.csv, which git ignores), is never published, and is
needed to replace a resubmission or to withdraw one.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.framework.load import shown_path
from generator.framework.model import Model
from generator.results.groups import GROUPS_FILE, load_groups
from generator.results.results_csv import read_rows, records, rows_text, submission_rows
from generator.results.submission_read import Reader, Submission
from generator.yamlio.problems import Problem

TABLE_COLUMNS = ("submission", "pseudonym")


def default_table(results_dir: Path) -> Path:
    """Beside results/, never inside it: everything in results/ may be published."""
    return results_dir.parent / "private" / "submission-pseudonyms.csv"


@dataclass(frozen=True)
class AddReport:
    """What `dmf results add` did: files read = added + replaced + refused; rows in = rows written + replaced."""

    added: int
    replaced: int
    refused: int
    rows_kept: int  # rows already in the round files, kept
    rows_new: int  # rows from the files added
    rows_replaced: int  # rows of earlier submissions that the new ones replace
    rows_written: int
    written: tuple[str, ...]
    held: int = 0  # good files not added because others were refused

    @property
    def files_read(self) -> int:
        return self.added + self.replaced + self.refused + self.held

    def __str__(self) -> str:
        rows_in = self.rows_kept + self.rows_replaced + self.rows_new
        held = f" + {self.held:,} not added because others were refused" if self.held else ""
        files = (
            f"{self.files_read:,} files read = {self.added:,} added + {self.replaced:,} replaced + "
            f"{self.refused:,} refused{held}"
        )
        if not self.written:
            return files + "; no rows were written"
        return (
            files + "\n"
            f"{rows_in:,} rows in ({self.rows_kept + self.rows_replaced:,} already in the results + "
            f"{self.rows_new:,} from the files) = {self.rows_written:,} rows written + "
            f"{self.rows_replaced:,} replaced"
        )


class IntakeError(Exception):
    """Problems that stopped an add or a remove; nothing was written."""

    def __init__(self, problems: list[Problem], report: AddReport | None = None):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems, self.report = problems, report


def add_submissions(
    files: list[Path],
    model: Model,
    results_dir: Path,
    table_path: Path,
    *,
    round_id: str | None = None,
    skip_refused: bool = False,
) -> tuple[AddReport, list[Problem]]:
    """Check every file, then write the rows of the good ones; raise IntakeError, writing nothing, on problems.

    With skip_refused the good files are added although some are refused; their problems are returned.
    """
    problems: list[Problem] = []
    groups = load_groups(results_dir / GROUPS_FILE, problems)
    _check_table_place(table_path, results_dir, problems)
    table = read_table(table_path, problems)
    if groups is not None and round_id is not None and round_id not in [r.id for r in groups.rounds]:
        problems.append(
            Problem(
                shown_path(results_dir / GROUPS_FILE),
                1,
                None,
                "--round",
                f"{round_id!r} is not a round declared here",
                code="undeclared-round",
            )
        )
    if problems or groups is None:
        raise IntakeError(problems)
    good: list[Submission] = []
    refused = 0
    reader = Reader(model, groups, round_id)
    for path in files:
        sub, found = reader.read(path)
        problems += found
        if sub is None:
            refused += 1
        else:
            good.append(sub)
    twice = Counter((s.submission, s.round) for s in good)
    repeated = [s for s in good if twice[(s.submission, s.round)] > 1]
    for s in repeated:
        others = ", ".join(
            o.file for o in repeated if o is not s and (o.submission, o.round) == (s.submission, s.round)
        )
        message = f"the same submission for round {s.round} is also in {others}: add only the one to keep"
        problems.append(Problem(s.file, 1, None, "submission", message, code="duplicate-id"))
    good = [s for s in good if twice[(s.submission, s.round)] == 1]
    refused += len(repeated)
    if problems and not skip_refused:
        raise IntakeError(problems, AddReport(0, 0, refused, 0, 0, 0, 0, (), held=len(good)))

    pseudonyms = _pseudonyms(good, table)
    writes: dict[Path, str | None] = {}
    broken: list[Problem] = []  # results files that cannot be rewritten: nothing is added then
    added = replaced = kept = replaced_rows = written_rows = rows_in = 0
    for rnd in sorted({s.round for s in good}):
        path = results_dir / f"{rnd}.csv"
        old = read_rows(path, broken) if path.exists() else []
        mine = [s for s in good if s.round == rnd]
        incoming = {pseudonyms[s.submission] for s in mine}
        before = Counter(r[0] for r in old if r[0] in incoming and r[1] == rnd)
        replaced += sum(1 for s in mine if before[pseudonyms[s.submission]])
        added += sum(1 for s in mine if not before[pseudonyms[s.submission]])
        rows = [r for r in old if not (r[0] in incoming and r[1] == rnd)]
        kept += len(rows)
        replaced_rows += len(old) - len(rows)
        new = [row for s in mine for row in submission_rows(s, pseudonyms[s.submission])]
        rows_in += len(old) + len(new)
        writes[path] = rows_text(rows + new)
        written_rows += records(writes[path]) - 1  # the records, less the header
    if broken:
        raise IntakeError(problems + broken, AddReport(0, 0, refused, 0, 0, 0, 0, (), held=len(good)))
    new_rows = sum(len(s.answers) for s in good)
    if rows_in != written_rows + replaced_rows:  # counted again from the text to be written: never write a loss
        raise RuntimeError(f"{rows_in:,} rows in but {written_rows:,} written + {replaced_rows:,} replaced")
    if good:
        table.update({s.submission: pseudonyms[s.submission] for s in good})
        # The table goes first: every pseudonym in the results is then always in the table.
        commit({table_path: table_text(table), **writes}, private=table_path)
    report = AddReport(
        added, replaced, refused, kept, new_rows, replaced_rows, written_rows, tuple(shown_path(p) for p in writes)
    )
    return report, problems


def remove_submission(submission: str, results_dir: Path, table_path: Path) -> dict[str, int]:
    """Withdraw one submission from every round: {file: rows removed}. Needs the pseudonym table."""
    problems: list[Problem] = []
    if not table_path.is_file():
        message = (
            "the pseudonym table is not there, so nothing can say which rows are this submission's; "
            "nothing was changed (without the table a submission cannot be withdrawn)"
        )
        raise IntakeError([Problem(shown_path(table_path), 1, None, "", message, code="file-not-found")])
    table = read_table(table_path, problems)
    if not problems and submission not in table:
        message = f"{submission!r} is not in the table: it was never added, or it was withdrawn already"
        problems.append(Problem(shown_path(table_path), 1, None, "submission", message, code="invalid-value"))
    if problems:
        raise IntakeError(problems)
    pseudonym = table.pop(submission)
    removed: dict[str, int] = {}
    writes: dict[Path, str | None] = {}
    for path in sorted(results_dir.glob("*.csv")):
        rows = read_rows(path, problems)
        keep = [r for r in rows if r[0] != pseudonym]
        if len(keep) != len(rows):
            removed[shown_path(path)] = len(rows) - len(keep)
            writes[path] = rows_text(keep) if keep else None  # a file of a header alone is refused: remove it
    if problems:
        raise IntakeError(problems)
    commit(writes)  # the rows go first: while the table still has the entry, a failed withdrawal can be run again
    commit({table_path: table_text(table)}, private=table_path)
    return removed


# --- the table and atomic writes -----------------------------------------------------------


def read_table(path: Path, problems: list[Problem]) -> dict[str, str]:
    """The submission-id -> pseudonym table; empty when there is none yet."""
    if not path.exists():
        return {}
    shown = shown_path(path)
    try:
        records = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        problems.append(Problem(shown, 1, None, "", f"cannot be read: {err}", code="unreadable"))
        return {}
    if not records or tuple(records[0]) != TABLE_COLUMNS or any(len(r) != 2 for r in records[1:]):
        message = f"not a pseudonym table: it must have the columns {', '.join(TABLE_COLUMNS)} and nothing else"
        problems.append(Problem(shown, 1, None, "", message, code="unreadable"))
        return {}
    return dict(records[1:])


def table_text(table: dict[str, str]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(TABLE_COLUMNS)
    w.writerows(sorted(table.items()))
    return out.getvalue()


def _check_table_place(table_path: Path, results_dir: Path, problems: list[Problem]) -> None:
    if table_path.resolve().is_relative_to(results_dir.resolve()):
        message = "the pseudonym table must not be inside the results folder, which may be published"
        problems.append(Problem(shown_path(table_path), 1, None, "--table", message, code="invalid-value"))


def _pseudonyms(subs: list[Submission], table: dict[str, str]) -> dict[str, str]:
    """Each submission's pseudonym: the one in the table, or a new random one that nobody else has."""
    taken = set(table.values())
    out = {}
    for s in subs:
        if s.submission in table:
            out[s.submission] = table[s.submission]
            continue
        code = "r-" + secrets.token_hex(8)
        while code in taken:
            code = "r-" + secrets.token_hex(8)
        taken.add(code)
        out[s.submission] = code
    return out


def commit(files: dict[Path, str | None], private: Path | None = None) -> None:
    """Write every file to a temporary file beside it first, then move each into place (None deletes).

    A file keeps its permissions; a new one is readable by all, except `private`, which only its owner reads.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o600 if path == private else 0o644
            os.chmod(tmp, mode)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    for path, text in files.items():
        if text is None:
            path.unlink(missing_ok=True)
