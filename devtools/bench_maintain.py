"""What version history, diffs, scaffolding and import cost at 200 topics: `python -m devtools.bench_maintain`.

A synthetic framework of 200 topics x 5 questions (the size the build floor is measured at) gets five
released versions, each renaming, removing and adding questions and rewording descriptors. Each step
is timed in this process, median of DMF_BENCH_REPEAT runs (default 3). Not part of `make bench`, whose
figures are whole processes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPEAT = int(os.environ.get("DMF_BENCH_REPEAT", "3"))
TOPICS, QUESTIONS, RELEASES = 200, 5, 5


def _progress(message: str) -> None:
    print(f"  ... {message}", file=sys.stderr, flush=True)


def _time(label: str, fn: Callable[[], object], setup: Callable[[], object] | None = None) -> float:
    times = []
    for i in range(REPEAT):
        _progress(f"{label}: run {i + 1} of {REPEAT}")
        if setup:
            setup()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _next_version(fw: dict, topics: dict, n: int) -> tuple[dict, dict, list[dict]]:
    """Version n+1: in every tenth topic one question gets a new id, one is removed, one added, text reworded."""
    fw, topics = copy.deepcopy(fw), copy.deepcopy(topics)
    fw["version"] = f"{n + 1}.0.0"
    moves = []
    for i, (tid, topic) in enumerate(topics.items()):
        if i % 10:
            continue
        qs = topic["questions"]
        renamed = dict(qs[0], id=f"{qs[0]['id']}-v{n + 1}")
        moves.append({"from": qs[0]["id"], "to": [renamed["id"]]})
        moves.append({"from": qs[1]["id"], "to": []})
        added = dict(qs[2], id=f"{tid}-added-v{n + 1}", text=f"A question added in version {n + 1}?")
        topic["questions"] = [renamed, *qs[2:], added]
        first = min(topic["levels"])
        topic["levels"][first] = f"{topic['levels'][first]} Reworded in version {n + 1}."
    return fw, topics, moves


def _histories(root: Path) -> tuple[Path, Path]:
    """(a framework with RELEASES released versions behind it, the same framework with no history)."""
    from devtools.synthetic import framework_dict, write_framework
    from generator.framework.load import load_framework
    from generator.versions.releases import release_json

    fw, topics = framework_dict(topics=TOPICS, questions=QUESTIONS, realistic=True)
    fw["version"] = "1.0.0"
    releases, change_sets = {}, []
    for n in range(1, RELEASES + 1):
        folder = write_framework(root / f"v{n}", fw, topics)
        releases[fw["version"]] = release_json(load_framework(folder))
        fw, topics, moves = _next_version(fw, topics, n)
        change_sets.append({"version": fw["version"], "ids": moves})
    current = write_framework(root / "current", fw, topics)
    plain = shutil.copytree(current, root / "plain")
    (current / "releases").mkdir()
    for version, text in releases.items():
        (current / "releases" / f"{version}.json").write_text(text, encoding="utf-8")
    (current / "changes.yml").write_text(json.dumps({"versions": change_sets}), encoding="utf-8")  # JSON is YAML
    return current, plain


def _odi_file(path: Path) -> Path:
    """A synthetic ODI maturity-tool file: TOPICS dimensions, three activities each, QUESTIONS questions each."""
    levels = ["First", "Second", "Third", "Fourth", "Fifth"]
    dims = []
    for d in range(TOPICS):
        acts = {}
        for q in range(QUESTIONS):
            statements = [{"text": f"Statement {n} for question {q}.", "associatedLevel": n} for n in range(1, 6)]
            acts.setdefault(f"Activity {q % 3}", []).append(
                {"text": f"Question {q} of dimension {d}?", "context": "", "statements": statements}
            )
        dims.append({"name": f"Dimension {d}", "activities": [{"title": t, "questions": q} for t, q in acts.items()]})
    path.write_text(json.dumps({"title": "Synthetic", "levels": levels, "dimensions": dims}), encoding="utf-8")
    return path


def main() -> None:
    from generator.framework.load import load_framework
    from generator.framework.scaffold import new_topic
    from generator.importers.odi import import_file
    from generator.site.whatchanged import page
    from generator.versions.diff import diff_between, text
    from generator.versions.ids import id_mapping
    from generator.versions.releases import current_release

    with tempfile.TemporaryDirectory(prefix="dmf-bench-maintain-") as tmp:
        root = Path(tmp)
        _progress(f"writing {RELEASES} released versions of a {TOPICS} x {QUESTIONS} framework")
        current, plain = _histories(root)
        model = load_framework(current)
        oldest = model.history.releases[0]
        latest = model.history.releases[-1]
        rows = {
            "load, no history s": _time("load without history", lambda: load_framework(plain)),
            f"load, {RELEASES} releases s": _time("load with history", lambda: load_framework(current)),
            "diff latest release s": _time("diff", lambda: text(diff_between(latest, current_release(model), model))),
            f"diff across {RELEASES} releases s": _time(
                "diff across releases", lambda: text(diff_between(oldest, current_release(model), model))
            ),
            "id mapping from oldest s": _time("id mapping", lambda: id_mapping(model, "1.0.0")),
            "'What changed' page s": _time("what changed page", lambda: page(model)),
        }
        odi = _odi_file(root / "synthetic.odi.json")
        out = root / "imported"
        rows["import ODI (200 dims) s"] = _time(
            "import", lambda: import_file(odi, out, released=dt.date(2026, 1, 1)), lambda: shutil.rmtree(out, True)
        )
        target = root / "scaffold"

        def fresh() -> None:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(plain, target)

        rows["new topic (200 topics) s"] = _time(
            "new topic", lambda: new_topic(target, "brand-new-topic", "theme-a"), fresh
        )
    print(json.dumps([{k: round(v, 3) for k, v in rows.items()}], indent=1))
    print("Aims: history adds well under a second to a load; each command stays far below the 2.4 s build floor.")


if __name__ == "__main__":
    main()
