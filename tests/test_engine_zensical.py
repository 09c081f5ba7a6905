"""Zensical, Material's successor, builds the site through the engine seam: `dmf build --engine zensical`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.framework.load import load_framework

from .conftest import ROOT
from .factory import make_framework

pytestmark = pytest.mark.browser

BIN = Path(sys.executable).parent


def test_zensical_builds_a_site_that_stays_on_its_origin(tmp_path, serve, page):
    fw = make_framework(tmp_path / "fw", topics=2, questions=2)
    (tmp_path / "results").mkdir()  # a factory framework has no published results
    site = tmp_path / "site"
    run = subprocess.run(
        [str(BIN / "dmf"), "build", "--framework", str(fw), "--site-dir", str(site), "--engine", "zensical"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    model = load_framework(fw)
    topic = f"/framework/topics/{model.topics[0].id}/"
    level = f"/framework/levels/{model.framework.levels[0].id}/"
    for path in ("/framework/", topic, level, "/assessment/"):
        assert (site / path.strip("/") / "index.html").is_file(), path
    assert not any(site.glob(".*")), "the staged project is removed"
    assert not list(tmp_path.glob(".site.*")), "nothing is left beside the site"

    base = serve(site)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + topic)
    page.wait_for_load_state("networkidle")
    page.goto(base + "/assessment/")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.wait_for_load_state("networkidle")
    off_site = [u for u in requests if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]
    assert off_site == []
    assert len(requests) > 2
