"""`dmf results add` and `dmf results remove`: benchmark submissions into results/, and withdrawals out.

generator.cli parses them (results_args.py) and hands them to run().
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.framework.load import load_framework, shown_path
from generator.results.intake import IntakeError, add_submissions, default_table, remove_submission
from generator.yamlio.problems import InputError

_NEVER_PUBLISH = "Keep it private and never publish it: it links each submission to its organisation's rows."


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    results = args.results if args.results is not None else args.framework.parent / "results"
    table = args.table if args.table is not None else default_table(results)
    try:
        if args.action == "add":
            return _add(args, results, table)
        removed = remove_submission(args.submission, results, table)
    except InputError as err:  # the framework itself has problems
        _err(err.report())
        _err(f"{len(err.problems)} problem(s) found; nothing was written.")
        return 1
    except IntakeError as err:
        for p in sorted(err.problems):
            _err(p.report())
        if err.report is not None:
            _err(str(err.report))
        _err(f"{len(err.problems)} problem(s) found; nothing was written.")
        return 1
    for file, n in removed.items():
        print(f"{file}: removed {n:,} rows")
    print(f"Withdrew submission {args.submission}: {sum(removed.values()):,} rows removed from {len(removed)} file(s).")
    print("Rebuild and publish the site so that its figures no longer include them.")
    return 0


def _add(args: argparse.Namespace, results: Path, table: Path) -> int:
    model = load_framework(args.framework)
    report, problems = add_submissions(
        args.files, model, results, table, round_id=args.round_id, skip_refused=args.skip_refused
    )
    for p in sorted(problems):
        _err(p.report())
    for path in report.written:
        print(f"wrote {path}")
    if report.written:
        print(f"wrote {shown_path(table)}. {_NEVER_PUBLISH}")
    print(report)
    if problems:
        _err(f"{report.refused} file(s) refused; the others were added.")
    return 1 if problems else 0
