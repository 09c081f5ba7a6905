"""Results CSV files into one validated pandas DataFrame, with every problem and a reconciliation of rows.

Every check is vectorised: a column's distinct values are checked once (there are few of them) and the
verdicts are spread to the rows through the categorical codes, so a million rows cost about what
pandas' own read_csv costs. Every row read is either used or rejected with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.framework.load import shown_path
from generator.results.groups import GROUPS_FILE, Groups, load_groups
from generator.yamlio.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

    from generator.framework.model import Model
    from generator.results.rows import Reconciliation


@dataclass(frozen=True, eq=False)
class Results:
    """Validated answers: one row per used answer, with categorical columns in the declared orders.

    Columns: respondent, round, org_type, size_band, question, topic, crossing (when the framework has
    one), level (nullable Int8; missing for 'na' and 'unknown') and answer ('level', 'na' or 'unknown').
    """

    groups: Groups
    answers: pd.DataFrame
    reconciliation: Reconciliation

    @property
    def synthetic(self) -> bool:
        return self.groups.synthetic


@dataclass(frozen=True, eq=False)
class LoadedResults:
    """What load_results found: the results (None when there are none or when there are problems)."""

    results: Results | None
    problems: list[Problem]
    reconciliation: Reconciliation | None
    groups: Groups | None = None  # the declared rounds and groups, also before any results come in


def load_results(directory: str | Path, model: Model) -> LoadedResults:
    """Read and check results/*.csv and results/groups.yml against the framework; never raises InputError."""
    directory = Path(directory)
    csvs = _csv_files(directory)
    groups_path = directory / GROUPS_FILE
    if not csvs and not groups_path.exists():
        return LoadedResults(None, [], None)
    problems: list[Problem] = _stray_files(directory)
    groups = load_groups(groups_path, problems)
    if not csvs:
        return LoadedResults(None, problems, None, groups if not problems else None)

    # Only now: reading CSV files needs pandas, which a folder without results never loads.
    from generator.results.checks import Checker
    from generator.results.combine import combine
    from generator.results.csvfile import read_csv
    from generator.results.rows import reconcile

    files = [read_csv(path, problems) for path in csvs]
    checker = Checker(model, groups, problems)
    for f in files:
        checker.check_file(f)
    answers = combine(checker, files)
    reconciliation = reconcile(files)
    if problems or groups is None:
        return LoadedResults(None, problems, reconciliation)
    return LoadedResults(Results(groups, answers, reconciliation), [], reconciliation, groups)


def _csv_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.csv")) if directory.is_dir() else []


def has_results(directory: str | Path) -> bool:
    """Whether the folder holds results at all (read or not): a site built from it then has benchmark pages."""
    return bool(_csv_files(Path(directory)))


def _stray_files(directory: Path) -> list[Problem]:
    stray = [
        p
        for p in sorted(directory.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".csv", ".yml", ".md")
    ]
    return [
        Problem(
            shown_path(p), 1, None, "", "not read: results must be CSV files whose names end in .csv", code="stray-file"
        )
        for p in stray
    ]
