"""Each command loads only what it needs: checking a framework without results never loads pandas."""

from __future__ import annotations

import shutil

from .loaded import ROOT, run_dmf


def test_validate_without_results_loads_no_pandas_or_numpy(tmp_path):
    shutil.copytree(ROOT / "framework", tmp_path / "framework")
    run = run_dmf(["validate", "--framework", str(tmp_path / "framework"), "--results", str(tmp_path / "none")])
    assert run["code"] == 0, run["stderr"]
    assert "no results" in run["stdout"]
    assert "pandas" not in run["loaded"] and "numpy" not in run["loaded"]
    assert "pydantic" in run["loaded"]  # it did check the framework


def test_validate_with_results_loads_pandas():
    run = run_dmf(["validate", "--framework", str(ROOT / "framework")])
    assert run["code"] == 0, run["stderr"]
    assert "pandas" in run["loaded"] and "rows read" in run["stdout"]


def test_results_add_loads_no_pandas(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    shutil.copy(ROOT / "results" / "groups.yml", results / "groups.yml")
    missing = tmp_path / "nothing.json"
    run = run_dmf(["results", "add", str(missing), "--framework", str(ROOT / "framework"), "--results", str(results)])
    assert run["code"] == 1 and "nothing.json" in run["stderr"]  # refused, with the file named
    assert "pandas" not in run["loaded"]
