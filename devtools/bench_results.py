"""`make bench`, results part: a million result rows against plain pandas, and a full build with them.

1. Loading, validating and aggregating 1,000,000 rows (results.load_results + benchmarks.aggregate +
   benchmarks.published) against the floor: plain pandas read_csv of the same file, then a median per
   respondent and topic and describe() by group. Both run in this process, alternately, best of N.
2. `dmf build` of a 1,000-question framework (100 topics x 10 questions) with those rows, in a fresh
   process, for wall time and peak memory (max RSS).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

from devtools.bench import REPEAT, ROOT, run
from generator.results.csvfile import COLUMNS
from generator.results.groups import GROUPS_FILE

ROWS = 1_000_000
TOPICS, QUESTIONS = 100, 10
ORG_TYPES = ["central-government", "arms-length-body", "local-authority", "nhs-body", "fire-and-rescue"]
SIZE_BANDS = ["small", "medium", "large", "very-large"]


def _progress(message: str) -> None:
    print(f"  ... {message}", file=sys.stderr, flush=True)


def write_results(results: Path, version: str, rows: int = ROWS) -> Path:
    """rows answers from respondents who each answer every question, in two rounds, as one CSV per round."""
    rng = np.random.default_rng(1)
    n_q = TOPICS * QUESTIONS
    per_round = rows // n_q // 2
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


def floor(results: Path) -> float:
    """Plain pandas: read_csv, a median per respondent and topic, then describe() by group."""
    started = time.perf_counter()
    frame = pd.concat([pd.read_csv(p) for p in sorted(results.glob("*.csv"))], ignore_index=True)
    frame["level"] = pd.to_numeric(frame["level"], errors="coerce")
    topic_of = {q: q.rsplit("-q-", 1)[0] for q in frame["question"].unique()}  # per distinct id, not per row
    frame["topic"] = frame["question"].map(topic_of)
    per = frame.groupby(["respondent", "round", "org_type", "topic"], sort=False)["level"].median()
    per.groupby(level=["topic", "round", "org_type"], sort=False).describe()
    return time.perf_counter() - started


def ours(framework: Path, results: Path) -> float:
    from generator.framework.load import load_framework
    from generator.results import benchmarks
    from generator.results.load import load_results

    model = load_framework(framework)  # not timed: the framework is not part of the rows
    started = time.perf_counter()
    loaded = load_results(results, model)
    assert not loaded.problems, loaded.problems[:3]
    benchmarks.published(benchmarks.aggregate(loaded.results, model))
    return time.perf_counter() - started


def main() -> None:
    from devtools.synthetic import make_framework
    from generator.framework.load import load_framework

    print(f"\nResults: {ROWS:,} rows, a {TOPICS * QUESTIONS:,}-question framework, best of {REPEAT} runs", flush=True)
    with tempfile.TemporaryDirectory(prefix="dmf-bench-results-") as tmp:
        work = Path(tmp)
        _progress(f"writing a framework of {TOPICS} topics x {QUESTIONS} questions")
        framework = make_framework(work / "framework", topics=TOPICS, questions=QUESTIONS)
        _progress(f"writing {ROWS:,} result rows")
        results = write_results(work / "results", load_framework(framework).framework.version)
        size_mb = sum(p.stat().st_size for p in results.glob("*.csv")) / 1e6
        floors, mine = [], []
        for i in range(REPEAT):
            _progress(f"plain pandas read_csv + groupby: run {i + 1} of {REPEAT}")
            floors.append(floor(results))
            _progress(f"dmf load + validate + aggregate: run {i + 1} of {REPEAT}")
            mine.append(ours(framework, results))
        _progress("full dmf build with the rows, in a fresh process")
        code = textwrap.dedent(f"""
            import logging, os
            logging.disable(logging.INFO)
            os.chdir({str(ROOT)!r})
            from pathlib import Path
            from generator.build import build_site
            from generator.inputs import load_inputs
            build_site(load_inputs(Path({str(framework)!r}), Path({str(results)!r})), Path({str(work / "site")!r}), Path("mkdocs.yml"))
        """)
        build_s, build_mb = run(code)
    row = {
        "rows": ROWS,
        "csv MB": round(size_mb, 1),
        "pandas floor s": round(min(floors), 2),
        "dmf load+validate+aggregate s": round(min(mine), 2),
        "ratio": round(min(mine) / min(floors), 2),
        "full build s": round(build_s, 1),
        "full build peak MB": round(build_mb),
        "cores": os.cpu_count(),
    }
    print(json.dumps([row], indent=1))
    print("Aims: ratio <= 1.5; full build <= 60 s and <= 2,048 MB peak on 2 cores.", flush=True)
