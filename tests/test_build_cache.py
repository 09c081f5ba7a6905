"""`dmf build` with unchanged inputs takes its content from the cache, loading nothing; a changed input never does."""

from __future__ import annotations

import shutil
from pathlib import Path

from .loaded import ROOT, run_dmf
from .test_build import tree_digest


def _build(work: Path, site: Path) -> dict:
    argv = ["build", "--framework", str(work / "framework"), "--results", str(work / "results")]
    argv += ["--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")]
    run = run_dmf(argv, DMF_CACHE="on", DMF_CACHE_DIR=str(work / "cache"))
    assert run["code"] == 0, run["stderr"][-3000:]
    return run


def _summary(run: dict) -> str:
    return next(line for line in run["stdout"].splitlines() if ": valid. " in line)


def test_unchanged_inputs_build_from_the_cache_and_a_changed_one_builds_afresh(tmp_path):
    for name in ("framework", "results"):
        shutil.copytree(ROOT / name, tmp_path / name)
    first = _build(tmp_path, tmp_path / "first")
    assert set(first["loaded"]) >= {"pandas", "pydantic", "highspy"}  # made afresh: everything is read

    second = _build(tmp_path, tmp_path / "second")
    assert second["loaded"] == []  # nothing changed: no model, no results, no solver, no workbook writers
    assert tree_digest(tmp_path / "second") == tree_digest(tmp_path / "first")
    assert _summary(second) == _summary(first)  # and says what was checked, as the first build did

    # An edited topic: the cache must not serve the old content.
    topic = tmp_path / "framework" / "topics" / "data-quality.yml"
    text = topic.read_text(encoding="utf-8")
    assert "title: Data quality\n" in text
    topic.write_text(text.replace("title: Data quality", "title: Data quality and trust", 1), encoding="utf-8")
    third = _build(tmp_path, tmp_path / "third")
    assert "pydantic" in third["loaded"]
    page = (tmp_path / "third" / "framework" / "topics" / "data-quality" / "index.html").read_text(encoding="utf-8")
    assert "Data quality and trust" in page

    # Edited results: built afresh too, and the figures follow the new rows.
    csv = sorted((tmp_path / "results").glob("*.csv"))[0]
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    fourth = _build(tmp_path, tmp_path / "fourth")
    assert "pandas" in fourth["loaded"]
    assert tree_digest(tmp_path / "fourth") != tree_digest(tmp_path / "third")


def test_the_cache_lives_in_the_users_cache_not_in_the_checkout(monkeypatch, tmp_path):
    # A pull request can commit files into the checkout, so entries it planted there would be trusted.
    from generator.site import cache

    monkeypatch.delenv("DMF_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "dmf"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.directory() == Path.home() / ".cache" / "dmf"
    assert cache.directory().is_absolute()  # never relative to wherever dmf runs
    monkeypatch.setenv("DMF_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine"
