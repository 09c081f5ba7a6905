"""The publishing workflow's supply chain: a static audit finds nothing, and every action is pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


def zizmor() -> str:
    """The auditor installed beside this Python (the test extra), else one on PATH."""
    here = Path(sys.executable).with_name("zizmor")
    found = str(here) if here.exists() else shutil.which("zizmor")
    assert found, "zizmor is not installed: pip install -e '.[test]'"
    return found


def test_static_audit_of_the_workflows_finds_nothing():
    # --offline: no network, so only the audits that read the files themselves run.
    run = subprocess.run(
        [zizmor(), "--offline", "--no-progress", "--color", "never", "--format", "plain", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout + run.stderr, run.stdout + run.stderr


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.y*ml")))
    uses = USES.findall(text)
    assert uses, "no actions found"
    for ref, rest in uses:
        if ref.startswith(("./", "docker://")):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a full commit id"
        assert re.match(r"\s*#\s*v\d+(\.\d+)*\s*$", rest), f"{ref} has no '# vX.Y.Z' comment naming its tag"


def test_checkouts_keep_no_credentials_and_the_publishing_workflow_has_no_cache():
    from ruamel.yaml import YAML

    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        steps = [s for job in doc["jobs"].values() for s in job.get("steps", [])]
        for step in steps:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: {step}"
        publishes = any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
        if publishes:
            for step in steps:
                assert "cache" not in (step.get("with") or {}), f"{path.name} publishes, yet caches: {step}"
                assert not step.get("uses", "").startswith("actions/cache"), f"{path.name}: {step}"
