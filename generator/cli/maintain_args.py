"""The maintainers' commands as the parser reads them; generator.cli.maintain carries them out."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

COMMANDS = ("diff", "release", "new", "import")


def add_commands(sub: argparse._SubParsersAction) -> None:
    fw = {"type": Path, "default": Path("framework"), "help": "framework folder (default: framework)"}
    d = sub.add_parser(
        "diff",
        help="print what changed between two versions of the framework",
        description="OLD and NEW are framework folders, released copies (.json), or versions with a released copy "
        "in the framework's releases/ folder (or its current version).",
    )
    d.add_argument("old", help="the earlier version: a folder, a .json released copy, or a version such as 1.0.0")
    d.add_argument("new", help="the later version, in the same forms")
    d.add_argument("--framework", **fw)

    r = sub.add_parser("release", help="keep a released copy of the current version, for later diffs and id mapping")
    r.add_argument("--framework", **fw)
    r.add_argument("--check-tag", metavar="TAG", help="only check that TAG (such as v1.2.0) is a released version")

    n = sub.add_parser("new", help="start something new from a complete skeleton")
    what = n.add_subparsers(dest="what", required=True)
    t = what.add_parser("topic", help="write topics/ID.yml with every piece of text marked TODO, listed in THEME")
    t.add_argument("id", help="the new topic's id, such as open-data")
    t.add_argument("--theme", required=True, help="id of the theme the topic belongs to")
    t.add_argument("--title", help="the topic's title (default: marked TODO)")
    t.add_argument("--questions", type=int, default=3, help="how many question skeletons (default: 3)")
    t.add_argument("--framework", **fw)

    i = sub.add_parser("import", help="convert a framework from another format into a dmf framework folder")
    fmt = i.add_subparsers(dest="format", required=True)
    o = fmt.add_parser("odi-json", help="the Open Data Institute's maturity-tool JSON")
    o.add_argument("file", type=Path, help="the JSON file")
    o.add_argument("--out", type=Path, required=True, help="the framework folder to write; must be new or empty")
    o.add_argument("--released", type=dt.date.fromisoformat, default=None, help="release date (default: today)")
    o.add_argument("--version", default="0.1.0", help="version number (default: 0.1.0)")
    o.add_argument("--language", default="en", help="language of the text as a BCP 47 tag (default: en)")
    o.add_argument("--crossing-name", default="Activity", help="what one ODI activity is called (default: Activity)")
    o.add_argument("--crossing-plural", default="Activities", help="the plural (default: Activities)")
