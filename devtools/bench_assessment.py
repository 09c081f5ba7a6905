"""`make bench` section: what the self-assessment page downloads beyond the theme, gzipped, for the shipped site."""

from __future__ import annotations

import gzip
import logging
import os
import sys
import tempfile
from pathlib import Path

from generator.site import paths

# The page's own JavaScript, CSS and data, gzipped: the budget the self-assessment was built to.
PAYLOAD_BUDGET = 100 * 1024
ASSETS_DIR = "assets/assessment"  # the page's ES modules: main.js and everything it imports
STYLES = "assets/assessment.css"


def assets(site_dir: Path) -> list[str]:
    """What the page loads beyond the theme: every module of the self-assessment, and its styles."""
    modules = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / ASSETS_DIR).glob("*.js"))
    return [*modules, STYLES]


def payload_sizes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzipped bytes of what the self-assessment page loads beyond the theme: its script, styles and data."""
    out = {}
    for rel in (*assets(site_dir), paths.FRAMEWORK_JSON, paths.BENCHMARKS_JSON):
        path = site_dir / rel
        if path.is_file():
            data = path.read_bytes()
            out[rel] = (len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))
    return out


ROOT = Path(__file__).resolve().parent.parent


def measure(site_dir: Path) -> list[dict]:
    rows = [
        {"file": rel, "bytes": raw, "gzipped bytes": gz} for rel, (raw, gz) in sorted(payload_sizes(site_dir).items())
    ]
    rows.append(
        {
            "file": "total",
            "bytes": sum(r["bytes"] for r in rows),
            "gzipped bytes": sum(r["gzipped bytes"] for r in rows),
        }
    )
    return rows


def main() -> None:
    from generator.build import build_site
    from generator.inputs import load_inputs

    print("  ... building the shipped site to measure the self-assessment page", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="dmf-bench-assessment-") as tmp:
        cwd = os.getcwd()
        os.chdir(ROOT)  # mkdocs.yml names site_src relative to itself
        logging.disable(logging.INFO)
        try:
            build_site(load_inputs(ROOT / "framework", ROOT / "results"), Path(tmp) / "site", ROOT / "mkdocs.yml")
        finally:
            logging.disable(logging.NOTSET)
            os.chdir(cwd)
        rows = measure(Path(tmp) / "site")
    print("Self-assessment page: its own JavaScript, CSS and data (gzip -9)")
    for r in rows:
        print(f"  {r['file']:<32} {r['bytes']:>9,} bytes  {r['gzipped bytes']:>8,} gzipped")
    total = rows[-1]["gzipped bytes"]
    print(
        f"  budget {PAYLOAD_BUDGET:,} gzipped: {'within' if total < PAYLOAD_BUDGET else 'OVER'} ({total / 1024:.1f} KB)"
    )


if __name__ == "__main__":
    main()
