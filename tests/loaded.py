"""Run one dmf command in a fresh interpreter and say which heavy libraries it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "pydantic", "highspy", "openpyxl", "odf", "ruamel.yaml")
SCRIPT = f"""
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({{"code": code, "loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def run_dmf(argv: list[str], **env: str) -> dict:
    """{"code": exit code, "loaded": heavy libraries loaded, "stdout": ..., "stderr": ...}."""
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, *argv],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.stdout.strip(), run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1]) | {"stdout": run.stdout, "stderr": run.stderr}
