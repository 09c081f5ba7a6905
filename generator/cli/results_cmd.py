"""`dmf results add` and `dmf results remove`: benchmark submissions into results/, and withdrawals out.

generator.cli adds these to its parser with add_commands() and hands them to run().
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.framework.load import load_framework, shown_path
from generator.results.intake import IntakeError, add_submissions, default_table, remove_submission
from generator.yamlio.problems import InputError

COMMANDS = ("results",)
_NEVER_PUBLISH = "Keep it private and never publish it: it links each submission to its organisation's rows."


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def add_commands(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("results", help="add benchmark submission files to results/, or withdraw one")
    what = r.add_subparsers(dest="action", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--framework", type=Path, default=Path("framework"), help="framework folder")
    common.add_argument("--results", type=Path, default=None, help="results folder (default: beside the framework)")
    common.add_argument(
        "--table",
        type=Path,
        default=None,
        help="the submission-to-pseudonym table, outside results/ (default: private/submission-pseudonyms.csv "
        "beside the results folder); never publish it",
    )
    a = what.add_parser(
        "add",
        parents=[common],
        help="check submission files and add their answers to results/<round>.csv",
        description="Every file is checked first. If any is refused, nothing is written (unless --skip-refused). "
        "A file with the same submission id and round as one added before replaces it.",
    )
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="submission files saved by the self-assessment")
    a.add_argument("--round", dest="round_id", help="only add files for this round; refuse the others")
    a.add_argument("--skip-refused", action="store_true", help="add the good files even when some are refused")
    rm = what.add_parser(
        "remove",
        parents=[common],
        help="withdraw one submission from every round (needs the pseudonym table)",
    )
    rm.add_argument("--submission", required=True, metavar="ID", help="the submission id in the organisation's file")


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
