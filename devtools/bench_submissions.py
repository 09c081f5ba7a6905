"""`make bench`, the child side of the submissions case: files to add, and the plain floor to compare with.

    python -m devtools.bench_submissions write OUT --files N   N submission files for the shipped framework, as
                                                              the self-assessment saves them, in OUT/files/, and
                                                              a results folder of groups.yml alone in OUT/results/
    python -m devtools.bench_submissions floor OUT RESULTS     the plain floor: json.load every file, turn it into
                                                              tidy rows, sort them, write RESULTS/<round>.csv

`devtools.bench` times `dmf results add OUT/files/*.json` against the floor, each in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_files(out: Path, files: int) -> None:
    """Seeded submissions spread over the shipped groups; each answers about nine questions in ten."""
    from generator.framework.answers import NOT_LEVELS
    from generator.framework.load import load_framework
    from generator.results.groups import GROUP_KINDS, GROUPS_FILE, load_groups
    from generator.results.submission_read import FORMAT, FORMAT_VERSION

    model = load_framework(ROOT / "framework")
    groups = load_groups(ROOT / "results" / GROUPS_FILE, [])
    (out / "results").mkdir(parents=True)
    shutil.copy(ROOT / "results" / GROUPS_FILE, out / "results" / GROUPS_FILE)
    rng = random.Random(20261201)
    questions = [q.id for _, q in model.questions()]
    values = [*model.level_numbers, *NOT_LEVELS]
    (out / "files").mkdir()
    for i in range(files):
        doc = {
            "format": FORMAT,
            "formatVersion": FORMAT_VERSION,
            "submission": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "framework": {"id": model.framework.id, "version": model.framework.version},
            "round": rng.choice(groups.rounds).id,
            **{k.kind: rng.choice(groups.values(k)).id for k in GROUP_KINDS},
            "answers": {q: rng.choice(values) for q in questions if rng.random() < 0.9},
        }
        (out / "files" / f"{i:05d}.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


def floor(out: Path, results: Path) -> None:
    """What any script must do at the least: read each file, make its rows, sort them and write them."""
    columns = ("respondent", "round", "org_type", "size_band", "framework_version", "question", "level")
    by_round: dict[str, list[tuple[str, ...]]] = {}
    for n, path in enumerate(sorted((out / "files").glob("*.json"))):
        doc = json.loads(path.read_text(encoding="utf-8"))
        who = f"r-{n:016x}"
        fixed = (who, doc["round"], doc["org_type"], doc["size_band"], doc["framework"]["version"])
        by_round.setdefault(doc["round"], []).extend((*fixed, q, str(a)) for q, a in doc["answers"].items())
    results.mkdir(parents=True, exist_ok=True)
    for rnd, rows in by_round.items():
        with (results / f"{rnd}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(columns)
            w.writerows(sorted(rows))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.bench_submissions")
    sub = p.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--files", type=int, default=10_000)
    f = sub.add_parser("floor")
    f.add_argument("out", type=Path)
    f.add_argument("results", type=Path)
    args = p.parse_args(argv)
    if args.command == "write":
        write_files(args.out, args.files)
    else:
        floor(args.out, args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
