"""`make bench`, the child side: inputs and floors that `devtools.bench` runs in processes of their own.

The bench process itself never loads pandas or big data, so these run as commands:

    python -m devtools.bench_results write OUT --rows N     a 1,000-question framework (100 topics x 10
                                                            questions), N result rows for it, and the same
                                                            site as a plain mkdocs project, in OUT/
    python -m devtools.bench_results plain FRAMEWORK RESULTS OUT
                                                            any framework's site as a plain mkdocs project
    python -m devtools.bench_results floor RESULTS          the plain pandas floor: read the CSV files, a median
                                                            per respondent and topic, describe() by group
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS, QUESTIONS = 100, 10
ORG_TYPES = ["central-government", "arms-length-body", "local-authority", "nhs-body", "fire-and-rescue"]
SIZE_BANDS = ["small", "medium", "large", "very-large"]


def write_results(results: Path, version: str, rows: int) -> Path:
    """rows answers from respondents who each answer every question, in two rounds, as one CSV per round."""
    import numpy as np
    import pandas as pd

    from generator.results.csvfile import COLUMNS
    from generator.results.groups import GROUPS_FILE

    rng = np.random.default_rng(1)
    n_q = TOPICS * QUESTIONS
    per_round = rows // n_q // 2
    if per_round < 1:
        raise SystemExit(f"--rows must be at least {2 * n_q:,}: every respondent answers all {n_q:,} questions")
    questions = np.array([f"topic-{t}-q-{q}" for t in range(TOPICS) for q in range(QUESTIONS)])
    results.mkdir(parents=True, exist_ok=True)
    groups = {
        "rounds": [{"id": r, "label": r} for r in ("2025", "2026")],
        "org_types": [{"id": o, "label": o} for o in ORG_TYPES],
        "size_bands": [{"id": s, "label": s} for s in SIZE_BANDS],
    }
    (results / GROUPS_FILE).write_text(json.dumps(groups), encoding="utf-8")  # JSON is YAML
    for round_id in ("2025", "2026"):
        people = np.array([f"r-{v:010x}" for v in rng.integers(0, 16**10, per_round)])
        org = rng.integers(0, len(ORG_TYPES), per_round)
        size = rng.integers(0, len(SIZE_BANDS), per_round)
        base = rng.normal(3, 0.8, per_round)
        level = np.clip(np.rint(base[:, None] + rng.normal(0, 0.7, (per_round, n_q))), 1, 5).astype(int).astype(str)
        level = level.astype(object)
        draw = rng.random(level.shape)
        level[draw < 0.02] = "na"
        level[(draw >= 0.02) & (draw < 0.06)] = "unknown"
        frame = pd.DataFrame(
            {
                "respondent": np.repeat(people, n_q),
                "round": round_id,
                "org_type": np.repeat(np.array(ORG_TYPES)[org], n_q),
                "size_band": np.repeat(np.array(SIZE_BANDS)[size], n_q),
                "framework_version": version,
                "question": np.tile(questions, per_round),
                "level": level.ravel(),
            },
            columns=list(COLUMNS),
        )
        frame.to_csv(results / f"{round_id}.csv", index=False)
    return results


def write_plain_project(framework: Path, results: Path, out: Path) -> Path:
    """The same site as plain mkdocs input: generated pages written out as Markdown, no dmf plugin."""
    from generator.inputs import load_inputs
    from generator.site import engine
    from generator.site.content import content

    return engine.write_project(ROOT / "mkdocs.yml", content(load_inputs(framework, results)), out)


def floor(results: Path) -> None:
    """Plain pandas: read_csv, a median per respondent and topic, then describe() by group."""
    import pandas as pd

    frame = pd.concat([pd.read_csv(p) for p in sorted(results.glob("*.csv"))], ignore_index=True)
    frame["level"] = pd.to_numeric(frame["level"], errors="coerce")
    topic_of = {q: q.rsplit("-q-", 1)[0] for q in frame["question"].unique()}  # per distinct id, not per row
    frame["topic"] = frame["question"].map(topic_of)
    per = frame.groupby(["respondent", "round", "org_type", "topic"], sort=False)["level"].median()
    per.groupby(level=["topic", "round", "org_type"], sort=False).describe()


def write(out: Path, rows: int) -> dict:
    """Framework, rows and plain project in out/; returns what was written."""
    from devtools.synthetic import make_framework
    from generator.framework.load import load_framework

    framework = make_framework(out / "framework", topics=TOPICS, questions=QUESTIONS)
    results = write_results(out / "results", load_framework(framework).framework.version, rows)
    config = write_plain_project(framework, results, out / "plain")
    return {
        "framework": str(framework),
        "results": str(results),
        "plain": str(config),
        "csv_mb": sum(p.stat().st_size for p in results.glob("*.csv")) / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.bench_results")
    sub = p.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="framework, result rows and plain mkdocs project")
    w.add_argument("out", type=Path)
    w.add_argument("--rows", type=int, required=True)
    pl = sub.add_parser("plain", help="a framework's site as a plain mkdocs project")
    pl.add_argument("framework", type=Path)
    pl.add_argument("results", type=Path)
    pl.add_argument("out", type=Path)
    f = sub.add_parser("floor", help="the plain pandas floor")
    f.add_argument("results", type=Path)
    args = p.parse_args(argv)
    logging.disable(logging.INFO)
    if args.command == "write":
        print(json.dumps(write(args.out, args.rows)))
    elif args.command == "plain":
        print(write_plain_project(args.framework, args.results, args.out))
    else:
        floor(args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
