"""`make bench`: build speed and memory, measured in fresh processes and printed as a table.

Each measurement runs in its own Python process so that peak memory (max RSS) is that build's own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("DMF_BENCH_REPEAT", "3"))


def _progress(message: str) -> None:
    print(f"  ... {message}", file=sys.stderr, flush=True)


def run(code: str, cwd: Path = ROOT) -> tuple[float, float]:
    """Run Python code in a fresh process; return (wall seconds, peak RSS in MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"benchmark step failed:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def best_of(label: str, code: str, cwd: Path = ROOT) -> tuple[float, float]:
    times, peaks = [], []
    for i in range(REPEAT):
        _progress(f"{label}: run {i + 1} of {REPEAT}")
        t, m = run(code, cwd)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def dmf_build_code(framework: Path, site: Path) -> str:
    return textwrap.dedent(f"""
        import logging, os
        logging.disable(logging.INFO)
        os.chdir({str(ROOT)!r})
        from generator.build import build_site
        from generator.inputs import load_inputs
        from pathlib import Path
        build_site(load_inputs(Path({str(framework)!r}), Path({str(framework.parent / "results")!r})), Path({str(site)!r}), Path("mkdocs.yml"))
    """)


def plain_mkdocs_project(framework: Path, work: Path) -> Path:
    """The same site as plain mkdocs input: generated pages written out as Markdown, no dmf plugin."""
    from generator.inputs import load_inputs
    from generator.site import engine
    from generator.site.content import content

    engine.write_project(ROOT / "mkdocs.yml", content(load_inputs(framework, framework.parent / "results")), work)
    return work


def plain_build_code(project: Path) -> str:
    return textwrap.dedent(f"""
        import logging
        logging.disable(logging.INFO)
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        build(load_config({str(project / "mkdocs.yml")!r}, strict=True))
    """)


def bench_framework(label: str, framework: Path, work: Path) -> dict:
    dmf_t, dmf_m = best_of(f"{label}: dmf build", dmf_build_code(framework, work / "dmf-site"))
    project = plain_mkdocs_project(framework, work / "plain")
    plain_t, plain_m = best_of(f"{label}: plain mkdocs build", plain_build_code(project))
    return {
        "framework": label,
        "dmf build s": round(dmf_t, 2),
        "plain mkdocs s": round(plain_t, 2),
        "overhead %": round(100 * (dmf_t / plain_t - 1), 1),
        "dmf peak MB": round(dmf_m),
        "plain peak MB": round(plain_m),
    }


def main() -> int:
    from devtools.synthetic import make_framework

    rows = []
    with tempfile.TemporaryDirectory(prefix="dmf-bench-") as tmp:
        work = Path(tmp)
        print(f"Benchmarks on {os.cpu_count()} cores, median of {REPEAT} runs (DMF_BENCH_REPEAT to change)", flush=True)
        rows.append(bench_framework("shipped", ROOT / "framework", work / "shipped"))
        _progress("writing a synthetic framework of 200 topics x 5 questions")
        synthetic = make_framework(work / "synthetic-fw", topics=200, questions=5, realistic=True)
        rows.append(bench_framework("synthetic 200 x 5", synthetic, work / "synthetic"))
    print(json.dumps(rows, indent=1))
    print("Aims: overhead <= 15 % over plain mkdocs; synthetic 200 x 5 under 30 s on 2 cores.")
    for extra in _extras():
        extra()
    return 0


def _extras():
    """Further benchmark sections that other modules register (results, assessment size, ...)."""
    from devtools import bench_assessment as assessment_bench
    from devtools import bench_maintain, bench_results

    return [assessment_bench.main, bench_results.main, bench_maintain.main]


if __name__ == "__main__":
    sys.exit(main())
