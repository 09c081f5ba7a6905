"""ACRO, an independent statistical disclosure checker, over every benchmark figure dmf publishes.

tests/acro/check.py runs in ACRO's own environment (ACRO 1.0.2 needs pandas <= 2.3.3; `make test` sets up
.venv-acro). It gets two files, the tidy rows behind the benchmarks and the benchmark JSON the build
publishes, recomputes the frequency tables with ACRO's own crosstab at the framework's minimum group size,
and says which of ACRO's checks each cell fails. Here every figure dmf publishes must pass ACRO, except
where dmf's rule differs on purpose: those differences are named in DIFFERENCES and asserted below.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from generator.framework.load import load_framework
from generator.results import benchmarks as bm
from generator.results.groups import GROUP_KINDS
from generator.results.load import load_results
from generator.results.published import publish
from generator.results.rows import COLUMNS

from .conftest import ROOT
from .factory import make_framework

ACRO_PYTHON = Path(os.environ.get("DMF_ACRO_PYTHON", ROOT / ".venv-acro" / "bin" / "python"))
CHECK = ROOT / "tests" / "acro" / "check.py"

# Where ACRO and dmf's rule differ on purpose. Each is asserted by the test that names it.
DIFFERENCES = {
    "dmf-hides-more": "dmf hides cells that ACRO would let out: ACRO judges each cell alone, while dmf's secondary "
    "suppression also hides cells from which a hidden cell's count could be worked out by subtraction.",
    "differencing-left-to-review": "ACRO's PresenceOfLinkedTableCheck passes every cell and only asks for a manual "
    "review of linked tables; dmf's own rule and its property tests (the outsider's arithmetic over every "
    "partition) cover differencing, so ACRO's pass is no evidence either way.",
    "no-dominance-checks": "ACRO's NKCheck and PPercentCheck apply to sums and means; levels are ordinal and dmf "
    "publishes no sum or mean of them, so ACRO never runs them here.",
    "quartiles-checked-as-median": "ACRO's crosstab has no quartile function; its ontology files quartiles, like "
    "the median, as position statistics with the same checks, so the median table's verdict stands for q1 and q3. "
    "ACRO's median averages the two middle values, dmf's is a level: the values differ, the counts checked do not.",
    "changes-checked-through-their-cells": "a change between rounds is published only where both of its cells are, "
    "from their figures alone, so checking the cells checks the changes.",
}
# ACRO checks that give no verdict on a cell: what they do.
NO_VERDICT = {
    "RequiredZeroCheck": "states ACRO's setting that zeros are disclosive; PresenceOfZeroCheck acts on it",
    "PresenceOfLinkedTableCheck": DIFFERENCES["differencing-left-to-review"],
}
DOMINANCE = ("NKCheck", "PPercentCheck")  # DIFFERENCES["no-dominance-checks"]
VERDICTS = ("MinimumThresholdCheck", "PresenceOfZeroCheck")


@pytest.fixture(scope="session")
def acro_python() -> Path:
    """The ACRO environment's Python; missing fails the run (never a silent skip in CI)."""
    if ACRO_PYTHON.exists():
        return ACRO_PYTHON
    if os.environ.get("DMF_SKIP_ACRO") == "1" and not os.environ.get("CI"):
        pytest.skip("DMF_SKIP_ACRO=1: the ACRO cross-check skipped on request")
    pytest.fail(f"ACRO's environment is missing ({ACRO_PYTHON}): run `make test`, which sets it up")


# -- the two result sets ---------------------------------------------------------------------------------


def crafted_results(directory: Path, model) -> Path:
    """Small groups (police 4, fire 11), NHS bodies all at level 3, and a respondent with no levels in one topic."""
    directory.mkdir(parents=True)
    groups = {
        "synthetic": True,
        "rounds": [{"id": r, "label": r} for r in ("2025", "2026")],
        "org_types": [{"id": o, "label": o} for o in ("local-authority", "nhs-body", "fire", "police")],
        "size_bands": [{"id": s, "label": s} for s in ("small", "large")],
    }
    (directory / "groups.yml").write_text(yaml.safe_dump(groups, sort_keys=False), encoding="utf-8")
    questions = [q.id for _, q in model.questions()]
    rng = np.random.default_rng(12)
    rows, i = [], 0
    for rnd in ("2025", "2026"):
        for org, n in {"local-authority": 30, "nhs-body": 12, "fire": 11, "police": 4}.items():
            for _ in range(n):
                i += 1
                for q in questions:
                    level = 3 if org == "nhs-body" else int(rng.integers(1, 6))
                    if org == "police" and i % 4 == 0 and q.startswith("topic-1"):
                        level = "na"  # in the group, with no level for that topic
                    rows.append((f"cq{i:05d}zk", rnd, org, ["small", "large"][i % 2], "1.2.3", q, str(level)))
    pd.DataFrame(rows, columns=list(COLUMNS)).to_csv(directory / "results.csv", index=False)
    return directory


def rows_frame(results, model) -> pd.DataFrame:
    """topic_levels as named values: one row per respondent, round and unit with a level, no pseudonym."""
    units = bm.units_of(model)
    t = bm.topic_levels(results, model, units)
    unit = t["unit"].to_numpy()
    frame = {
        "topic": np.array([u.topic for u in units], dtype=object)[unit],
        "crossing": np.array([u.crossing or "" for u in units], dtype=object)[unit],
        "round": np.array([r.id for r in results.groups.rounds], dtype=object)[t["round"].to_numpy()],
        "level": t["level"].to_numpy(),
    }
    for kind in GROUP_KINDS:
        frame[kind.kind] = np.array([v.id for v in results.groups.values(kind)], dtype=object)[t[kind.kind].to_numpy()]
    return pd.DataFrame(frame)


def key(cell: dict[str, Any]) -> tuple:
    return cell["topic"], cell["crossing"], cell["group"], cell["round"]


def people_frame(results) -> pd.DataFrame:
    """One row per respondent and round with any answer, by peer group, no pseudonym: the pages' sample table."""
    a = results.answers.drop_duplicates(["respondent", "round"])
    return pd.DataFrame({c: a[c].astype(str).to_numpy() for c in ("round", *(k.kind for k in GROUP_KINDS))})


def run_check(python: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), str(CHECK), *map(str, files)], capture_output=True, text=True)


@pytest.fixture(scope="module", params=["shipped", "crafted"])
def checked(request, acro_python, tmp_path_factory) -> tuple[dict, dict, dict, list]:
    """(benchmark JSON, ACRO's verdicts by cell, ACRO's report, [(sample shown or None, ACRO's verdict, label)])."""
    tmp = tmp_path_factory.mktemp(f"acro-{request.param}")
    if request.param == "shipped":
        model = load_framework(ROOT / "framework")
        results_dir = ROOT / "results"
    else:
        model = load_framework(make_framework(tmp / "framework", topics=2, questions=4, crossing=True))
        results_dir = crafted_results(tmp / "results", model)
    loaded = load_results(results_dir, model)
    assert not loaded.problems, loaded.problems
    published = publish(bm.aggregate(loaded.results, model))
    data = published.data
    rows_frame(loaded.results, model).to_csv(tmp / "rows.csv", index=False)
    people_frame(loaded.results).to_csv(tmp / "people.csv", index=False)
    (tmp / "benchmarks.json").write_text(json.dumps(data), encoding="utf-8")
    done = run_check(acro_python, tmp / "rows.csv", tmp / "benchmarks.json", tmp / "acro.json", tmp / "people.csv")
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp / "acro.json").read_text(encoding="utf-8"))
    acro_sample = {(v["group"], v["round"]): v for v in report["sample"]}
    sample = [
        (n, acro_sample[g["id"], r["id"]], published.note if n is None else None)
        for g, per_round in zip(data["groups"], published.sample, strict=True)
        for r, n in zip(data["rounds"], per_round, strict=True)
    ]
    return data, {key(v): v for v in report["cells"]}, report, sample


# Every field a cell of the benchmark JSON may have; a new figure must be taught to published_figures first.
CELL_FIELDS = {"topic", "crossing", "group", "round", "suppressed", "note"}
FIGURES = {"respondents", "median", "q1", "q3"}


def published_figures(cell: dict[str, Any], verdict: dict[str, Any]):
    """(statistic, ACRO's verdict on it) for each figure a published cell shows; a hidden cell shows none."""
    if cell.get("suppressed"):
        return
    if cell.get("respondents") is not None:
        yield "respondents", verdict["respondents"]
    for q in ("median", "q1", "q3"):  # quartiles: DIFFERENCES["quartiles-checked-as-median"]
        if cell.get(q) is not None:
            yield "median and quartiles", verdict["median"]


# -- ACRO sees what dmf publishes ------------------------------------------------------------------------


def test_acro_recounts_the_published_figures(checked):
    data, verdicts, report, _ = checked
    assert report["acro"]["version"] == "1.0.2"
    assert report["acro"]["safe_threshold"] == data["minimum_group_size"]
    assert len(verdicts) == len(data["cells"])
    shown = [c for c in data["cells"] if not c["suppressed"]]
    assert shown
    for c in shown:
        v = verdicts[key(c)]
        assert v["respondents"]["count"] == c["respondents"], c
    # ACRO refuses most level counts of a group (1..k-1, or 0), so dmf publishes no share at each level:
    # its frequency table of levels has cells ACRO would not let out, and none of them reaches the site.
    low = sum(1 for c in shown for x in verdicts[key(c)]["levels"].values() if x["fails"])
    assert low and not any("shares" in c for c in shown)


def test_every_published_field_is_one_acro_checks(checked):
    data, _, _, _ = checked
    unknown = {f for c in data["cells"] for f in c} - CELL_FIELDS - FIGURES
    assert not unknown, f"cells publish {sorted(unknown)}: say in published_figures which ACRO table checks them"


def test_acro_runs_only_checks_this_test_knows(checked):
    _, _, report, _ = checked
    ran = {name for table in report["tables"] for name in table["checks"]}
    assert set(VERDICTS) <= ran
    assert ran <= set(VERDICTS) | set(NO_VERDICT), ran
    assert not ran & set(DOMINANCE), DIFFERENCES["no-dominance-checks"]
    linked = [t for t in report["tables"] if "PresenceOfLinkedTableCheck" in t["checks"]]
    assert linked and all(t["checks"]["PresenceOfLinkedTableCheck"] == 0 for t in linked), NO_VERDICT


# -- every published figure passes ACRO --------------------------------------------------------------------


def acro_failures(data: dict, verdicts: dict, statistic: str, check: str) -> list[tuple]:
    return [
        (*key(c), v.get("count"))
        for c in data["cells"]
        for stat, v in published_figures(c, verdicts[key(c)])
        if stat == statistic and check in v["fails"]
    ]


@pytest.mark.parametrize(
    "statistic, check",
    [
        ("respondents", "MinimumThresholdCheck"),
        ("respondents", "PresenceOfZeroCheck"),
        ("median and quartiles", "MinimumThresholdCheck"),
        ("median and quartiles", "PresenceOfZeroCheck"),
    ],
)
def test_every_published_figure_is_one_acro_lets_out(checked, statistic, check):
    data, verdicts, _, _ = checked
    failing = acro_failures(data, verdicts, statistic, check)
    shown = sum(1 for c in data["cells"] for stat, _ in published_figures(c, verdicts[key(c)]) if stat == statistic)
    assert not failing, f"{len(failing)} of {len(shown)} published {statistic} fail ACRO's {check}: {failing[:5]}"


def test_every_published_sample_size_is_one_acro_lets_out(checked):
    """The pages' table of respondents per peer group and round: ACRO's frequency table of respondents."""
    sample = checked[3]
    assert any(n is not None for n, _, _ in sample)
    for n, verdict, _ in sample:
        if n is not None:
            assert verdict["count"] == n and not verdict["fails"], (n, verdict)


def one_level_groups(data: dict, verdicts: dict) -> list[tuple]:
    """Published groups in which ACRO's zero check fails every level but one: everyone at one level."""
    return [
        key(c)
        for c in data["cells"]
        if not c["suppressed"]
        and sum("PresenceOfZeroCheck" not in x["fails"] for x in verdicts[key(c)]["levels"].values()) == 1
    ]


def test_no_published_group_has_everyone_at_one_level(checked):
    """The 'everyone in one category' disclosure: ACRO's zero check finds it in the table of levels."""
    data, verdicts, _, _ = checked
    assert not one_level_groups(data, verdicts)


def test_hidden_cells_state_no_false_count(checked):
    data, verdicts, _, sample = checked
    labels = [(key(c), c.get("note"), verdicts[key(c)]["respondents"]) for c in data["cells"] if c["suppressed"]]
    labels += [(("sample", v["group"], v["round"]), note, v) for n, v, note in sample if n is None]
    false = []
    for where, note, verdict in labels:
        stated = re.search(r"fewer than (\d+)", note or "")
        if stated and verdict["count"] >= int(stated.group(1)):
            false.append((*where, verdict["count"]))
    assert not false, f"{len(false)} hidden cells state a false count: {false[:5]}"


# -- the named differences hold --------------------------------------------------------------------------


def test_dmf_hides_more_than_acro_and_a_hidden_cell_shows_nothing(checked):
    """DIFFERENCES['dmf-hides-more']: both result sets have a group under k, so secondary suppression hides more."""
    data, verdicts, _, _ = checked
    hidden = [c for c in data["cells"] if c["suppressed"]]
    extra = [key(c) for c in hidden if not verdicts[key(c)]["respondents"]["fails"]]
    assert extra, DIFFERENCES["dmf-hides-more"]
    assert all(not FIGURES & c.keys() for c in hidden)


def test_changes_are_published_only_between_published_cells(checked):
    """DIFFERENCES['changes-checked-through-their-cells']."""
    data, _, _, _ = checked
    shown = {key(c) for c in data["cells"] if not c["suppressed"]}
    changes = [c for c in data.get("changes", []) if not c["suppressed"]]
    ends = {(c["topic"], c["crossing"], c["group"], c[end]) for c in changes for end in ("from_round", "to_round")}
    assert changes and ends <= shown, DIFFERENCES["changes-checked-through-their-cells"]


def test_the_checker_refuses_bad_input_by_file_and_column(acro_python, tmp_path):
    (tmp_path / "rows.csv").write_text("topic,crossing,round,level\nt,,2025,3\n", encoding="utf-8")
    data = {"minimum_group_size": 10, "levels": [1, 2, 3], "rounds": [{"id": "2025"}], "cells": []}
    data["groups"] = [{"id": "all", "kind": "all", "value": None}, {"id": "org_type:a", "kind": "org_type"}]
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    done = run_check(acro_python, tmp_path / "rows.csv", tmp_path / "b.json", tmp_path / "out.json")
    assert done.returncode == 1
    assert "rows.csv: column(s) org_type missing" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.json").exists()
