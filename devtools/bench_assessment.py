"""`make bench` section: what the self-assessment page downloads beyond the theme, gzipped, for the shipped site."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from generator.site.assessment import PAYLOAD_BUDGET, payload_sizes

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
    from generator.cli import build_site

    print("  ... building the shipped site to measure the self-assessment page", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="dmf-bench-assessment-") as tmp:
        cwd = os.getcwd()
        os.chdir(ROOT)  # mkdocs.yml names site_src relative to itself
        logging.disable(logging.INFO)
        try:
            build_site(ROOT / "framework", ROOT / "results", Path(tmp) / "site", ROOT / "mkdocs.yml")
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
