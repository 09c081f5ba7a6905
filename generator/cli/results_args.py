"""`dmf results add` and `dmf results remove` as the parser reads them; generator.cli.results_cmd carries them out."""

from __future__ import annotations

import argparse
from pathlib import Path

COMMANDS = ("results",)


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
