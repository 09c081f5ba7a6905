"""`make bench`: dmf's build time, peak memory and page weight against their floors, in one table.

Every figure is a whole process (a `dmf build`, a plain `mkdocs build`, a plain pandas script), started
through devtools/launch.py, a small launcher that forks it and reads its peak memory: a process started
straight from this one would carry this process's memory high-water mark into its own. This process
never loads pandas or the big inputs either: children write them.

dmf and floor runs alternate, one pair at a time; a figure is the pair with the median ratio.

    DMF_BENCH_PAIRS      pairs of runs per figure (default 3; 1 for a quick run); edits on each side of the preview
    DMF_BENCH_ROWS       result rows of the results case (default 1,000,000)
    DMF_BENCH_BIG_ROWS   result rows of the large case (default 3,000,000; 0 leaves it out)
    DMF_BENCH_SUBMISSIONS  submission files that `dmf results add` reads (default 10,000; 0 leaves it out)
    DMF_CHROMIUM         the Chromium that weighs the self-assessment page (default /usr/bin/chromium)

The same as options: python -m devtools.bench --pairs 1 --rows 20000 --big-rows 0 --submissions 0
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = Path(__file__).resolve().parent / "launch.py"
PYTHON = sys.executable
BIN = Path(sys.executable).parent  # the venv's scripts: dmf and mkdocs sit beside its python
CHROMIUM = os.environ.get("DMF_CHROMIUM", "/usr/bin/chromium")

ROWS, BIG_ROWS = 1_000_000, 3_000_000  # the sizes the aims are set for
QUESTIONS = 1_000  # devtools.bench_results: 100 topics x 10 questions
COLD_AIM, WARM_AIM, ROWS_AIM = 1.3, 1.15, 1.3  # times the floor
ROWS_PEAK_AIM, BIG_ROWS_PEAK_AIM = 300, 600  # MB
SELF_CHECK_BALLAST, SELF_CHECK_LIMIT = 300, 30  # MB
SUBMISSIONS = 10_000  # the number of files the submissions aims are set for
SUBMISSIONS_AIM, SUBMISSIONS_PEAK_AIM = 2.0, 500  # times the floor; MB
CHART_MS = 2  # the most one chart may take to draw
PREVIEW_AIM = 1.2  # times plain `mkdocs serve`


def _progress(message: str) -> None:
    print(f"  ... {message}", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


@dataclass(frozen=True)
class Sample:
    """One whole process: wall time and peak memory (max RSS, MB of 1,048,576 bytes)."""

    seconds: float
    peak_mb: float

    def then(self, other: Sample) -> Sample:
        """Two processes one after the other: their times add up, the larger peak is the peak."""
        return Sample(self.seconds + other.seconds, max(self.peak_mb, other.peak_mb))

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s {self.peak_mb:.0f} MB"


class Bench:
    def __init__(self, work: Path):
        self.work = work
        self.runs = 0
        # Both sides get the same environment; the theme's notice about its end of life is not measured.
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DMF_CACHE_DIR=str(work / "cache-prepare"))

    def fresh(self, name: str) -> Path:
        """A new, empty folder in the work area."""
        self.runs += 1
        path = self.work / f"{name}-{self.runs}"
        path.mkdir(parents=True)
        return path

    def measure(self, argv: list[str], **env: str) -> Sample:
        """Run argv through the launcher as a whole process; its output goes to a log, kept if it fails."""
        report = self.fresh("report") / "report"
        log = report.with_name("log")
        with log.open("wb") as out:
            proc = subprocess.run(
                [PYTHON, "-I", "-S", str(LAUNCHER), str(report), *argv],
                cwd=ROOT,
                env={**self.env, **env},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if proc.returncode != 0 or not report.is_file():
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise BenchError(f"{' '.join(argv)} failed:\n{tail}")
        seconds, peak_kb, _ = report.read_text(encoding="ascii").split()
        shutil.rmtree(report.parent)
        return Sample(float(seconds), int(peak_kb) / 1024)

    def child(self, label: str, argv: list[str], **env: str) -> str:
        """Prepare something in a child process (not measured); returns what it printed."""
        _progress(label)
        started = time.perf_counter()
        proc = subprocess.run(
            argv, cwd=ROOT, env={**self.env, **env}, stdin=subprocess.DEVNULL, capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise BenchError(f"{label} failed:\n{proc.stderr[-3000:]}")
        _progress(f"{label}: done in {time.perf_counter() - started:.1f} s")
        return proc.stdout

    def dmf_build(self, framework: Path, results: Path, site: Path, *, cache: Path | None) -> Sample:
        """The whole `dmf build` process; cache=None builds cold (DMF_CACHE=off and an empty cache folder)."""
        env = {"DMF_CACHE": "on", "DMF_CACHE_DIR": str(cache)} if cache else {"DMF_CACHE": "off"}
        if cache is None:
            env["DMF_CACHE_DIR"] = str(self.fresh("empty-cache"))
        argv = [str(BIN / "dmf"), "build", "--framework", str(framework), "--results", str(results)]
        return self.measure([*argv, "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")], **env)

    def mkdocs_build(self, config: Path, site: Path) -> Sample:
        return self.measure([str(BIN / "mkdocs"), "build", "--config-file", str(config), "--site-dir", str(site)])


Pair = tuple[Sample, Sample]  # (dmf, floor)


def pairs(label: str, n: int, dmf: Callable[[], Sample], floor: Callable[[], Sample]) -> list[Pair]:
    """n pairs of runs, dmf then floor, alternating."""
    out = []
    for i in range(n):
        _progress(f"{label}: pair {i + 1} of {n}: dmf ...")
        d = dmf()
        _progress(f"{label}: pair {i + 1} of {n}: dmf {d}; floor ...")
        f = floor()
        _progress(f"{label}: pair {i + 1} of {n}: dmf {d}, floor {f}")
        out.append((d, f))
    return out


def median_pair(runs: list[Pair], figure: Callable[[Sample], float]) -> tuple[float, float]:
    """(dmf, floor) of the pair whose ratio is the median (the lower middle one of an even number)."""
    ratios = [figure(d) / figure(f) for d, f in runs]
    d, f = runs[ratios.index(statistics.median_low(ratios))]
    return figure(d), figure(f)


@dataclass(frozen=True)
class Aim:
    text: str
    met: Callable[[float, float], bool]  # (dmf, floor) -> met


def times_floor(ratio: float) -> Aim:
    return Aim(f"<= {ratio}x floor", lambda value, floor: value / floor <= ratio)


def at_most(limit: int, unit: str) -> Aim:
    return Aim(f"<= {limit:,} {unit}", lambda value, floor: value <= limit)


@dataclass
class Row:
    figure: str
    value: float | None  # None: not measured
    floor: float
    floor_is: str
    unit: str  # "s", "ms", "MB" or "B"
    aim: Aim | None = None
    note: str = ""  # why a row has no figure or no verdict

    def status(self) -> str:
        if self.value is None or (self.aim and self.note):
            return self.note
        if self.aim is None:
            return "no aim"
        return "met" if self.aim.met(self.value, self.floor) else "not met"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:,.0f} {unit}"


def table(rows: list[Row]) -> str:
    """A Markdown table, aligned for reading in a terminal too."""
    head = ["figure", "dmf", "floor", "floor is", "ratio", "aim", "status"]
    body = [
        [
            r.figure,
            _number(r.value, r.unit),
            _number(r.floor, r.unit),
            r.floor_is,
            "-" if r.value is None else f"{r.value / r.floor:.2f}x",
            r.aim.text if r.aim else "-",
            r.status(),
        ]
        for r in rows
    ]
    widths = [max(len(cells[i]) for cells in [head, *body]) for i in range(len(head))]
    right = {1, 2, 4}  # the numbers

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" if i in right else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), rule, *(line(cells) for cells in body)])


def figure_rows(
    label: str, runs: list[Pair], floor_is: tuple[str, str], time_aim: Aim | None, peak_aim: Aim | None, note: str = ""
) -> tuple[Row, Row]:
    """(wall time, peak memory) rows of one case; floor_is names the floor of each."""
    time_row = Row(label, *median_pair(runs, lambda s: s.seconds), floor_is[0], "s", time_aim, note)
    peak_row = Row(f"{label}: peak memory", *median_pair(runs, lambda s: s.peak_mb), floor_is[1], "MB", peak_aim, note)
    return time_row, peak_row


def shipped(bench: Bench, n: int) -> tuple[list[Row], Path]:
    """The shipped framework and results: cold and warm builds against plain mkdocs of the same pages."""
    framework, results = ROOT / "framework", ROOT / "results"
    plain = bench.child(
        "shipped site: writing its pages as a plain mkdocs project",
        [PYTHON, "-m", "devtools.bench_results", "plain", str(framework), str(results), str(bench.work / "plain")],
        DMF_CACHE="off",
    )
    config = Path(plain.strip())
    kept = bench.work / "shipped-site"  # the last cold build, for the page weight

    def cold_dmf() -> Sample:
        shutil.rmtree(kept, ignore_errors=True)
        return bench.dmf_build(framework, results, kept, cache=None)

    def cold_floor() -> Sample:
        site = bench.fresh("plain-site") / "site"
        sample = bench.mkdocs_build(config, site)
        shutil.rmtree(site.parent)
        return sample

    cold = pairs("shipped site, cold", n, cold_dmf, cold_floor)

    cache, site, plain_site = bench.work / "warm-cache", bench.work / "warm-site", bench.work / "warm-plain-site"
    _progress("shipped site, warm: a first dmf build and a first plain mkdocs build (not measured)")
    bench.dmf_build(framework, results, site, cache=cache)
    bench.mkdocs_build(config, plain_site)
    warm = pairs(
        "shipped site, warm",
        n,
        lambda: bench.dmf_build(framework, results, site, cache=cache),
        lambda: bench.mkdocs_build(config, plain_site),
    )
    cold_time, cold_peak = figure_rows(
        "shipped site, cold build (DMF_CACHE=off)", cold, ("plain mkdocs build",) * 2, times_floor(COLD_AIM), None
    )
    warm_time, warm_peak = figure_rows(
        "shipped site, warm build (second, cache on)",
        warm,
        ("plain mkdocs build again",) * 2,
        times_floor(WARM_AIM),
        None,
    )
    return [cold_time, warm_time, cold_peak, warm_peak], kept


def with_rows(bench: Bench, n: int, rows: int, aim_rows: int, time_aim: Aim | None, peak_aim: Aim) -> list[Row]:
    """A 1,000-question framework with `rows` result rows: full dmf build against pandas + plain mkdocs."""
    out = bench.work / f"rows-{rows}"
    written = json.loads(
        bench.child(
            f"{rows:,} rows: writing the framework, the rows and the plain mkdocs project",
            [PYTHON, "-m", "devtools.bench_results", "write", str(out), "--rows", str(rows)],
            DMF_CACHE="off",
        )
    )
    framework, results, config = Path(written["framework"]), Path(written["results"]), Path(written["plain"])

    def dmf() -> Sample:
        site = bench.fresh("rows-site") / "site"
        sample = bench.dmf_build(framework, results, site, cache=None)
        shutil.rmtree(site.parent)
        return sample

    def floor() -> Sample:
        pandas = bench.measure([PYTHON, "-m", "devtools.bench_results", "floor", str(results)])
        site = bench.fresh("rows-plain-site") / "site"
        mkdocs = bench.mkdocs_build(config, site)
        shutil.rmtree(site.parent)
        return pandas.then(mkdocs)

    label = f"{QUESTIONS:,} questions x {rows:,} rows"
    runs = pairs(label, n, dmf, floor)
    shutil.rmtree(out)
    return list(
        figure_rows(
            f"{label}, full build (DMF_CACHE=off)",
            runs,
            ("plain pandas + plain mkdocs", "pandas or mkdocs, the larger"),
            time_aim,
            peak_aim,
            "" if rows == aim_rows else f"aim is for {aim_rows:,} rows",
        )
    )


def submissions(bench: Bench, n: int, files: int) -> list[Row]:
    """`dmf results add` of `files` submission files into an empty results folder, against a plain script."""
    out = bench.fresh("submissions")
    bench.child(
        f"submissions: writing {files:,} files",
        [PYTHON, "-m", "devtools.bench_submissions", "write", str(out / "in"), "--files", str(files)],
    )
    paths = sorted(str(p) for p in (out / "in" / "files").glob("*.json"))

    def dmf() -> Sample:
        results = bench.fresh("submission-results")
        shutil.copy(out / "in" / "results" / "groups.yml", results / "groups.yml")
        table = results.with_name(results.name + "-table.csv")  # outside results/, as it must be
        where = ["--framework", str(ROOT / "framework"), "--results", str(results), "--table", str(table)]
        return bench.measure([str(BIN / "dmf"), "results", "add", *paths, *where])

    def floor() -> Sample:
        into = bench.fresh("submission-floor")
        return bench.measure([PYTHON, "-m", "devtools.bench_submissions", "floor", str(out / "in"), str(into)])

    runs = pairs(f"{files:,} submission files", n, dmf, floor)
    return list(
        figure_rows(
            f"dmf results add, {files:,} submission files",
            runs,
            ("plain json + csv script", "the same script"),
            times_floor(SUBMISSIONS_AIM),
            at_most(SUBMISSIONS_PEAK_AIM, "MB"),
            "" if files == SUBMISSIONS else f"aim is for {SUBMISSIONS:,} files",
        )
    )


def preview(bench: Bench, n: int) -> Row:
    """Live preview: seconds from a topic's edit to its new page, `dmf serve` against plain `mkdocs serve`."""
    times = json.loads(
        bench.child(
            f"live preview: {n} edit(s) on each side, dmf serve and mkdocs serve alternating",
            [PYTHON, "-m", "devtools.bench_preview", str(bench.fresh("preview")), "--edits", str(n)],
        )
    )
    _progress(
        "live preview: edit to visible, dmf serve "
        + ", ".join(f"{s:.2f}" for s in times["dmf"])
        + " s; mkdocs serve "
        + ", ".join(f"{s:.2f}" for s in times["plain"])
        + " s"
    )
    dmf, plain = statistics.median(times["dmf"]), statistics.median(times["plain"])
    return Row("live preview, edit to visible", dmf, plain, "plain mkdocs serve", "s", times_floor(PREVIEW_AIM))


def page_weight(bench: Bench, site: Path) -> Row:
    from devtools.bench_assessment import PAGE_WEIGHT_BUDGET  # light: no pandas, no browser until asked

    row = Row("self-assessment page weight, gzipped (Chromium)", None, PAGE_WEIGHT_BUDGET, "budget", "B")
    row.aim = at_most(PAGE_WEIGHT_BUDGET, "B")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        row.note = f"not measured: no Chromium at {CHROMIUM}"
        return row
    try:
        weight = json.loads(
            bench.child(
                "self-assessment page: loading it in Chromium",
                [PYTHON, "-m", "devtools.bench_assessment", str(site)],
                DMF_CHROMIUM=CHROMIUM,
            )
        )
    except BenchError as err:
        print(err, file=sys.stderr)
        row.note = "not measured: Chromium failed (see above)"
        return row
    _progress(
        f"self-assessment page: {weight['responses']} responses counted, left out: {', '.join(weight['left_out'])}"
    )
    row.value = weight["gzipped"]
    return row


def chart_time(bench: Bench) -> Row:
    """How long one chart takes to draw, against the issue's 2 ms (a figure of one process, not a whole build)."""
    drawn = json.loads(bench.child("charts: drawing 200 charts of 20 groups", [PYTHON, "-m", "devtools.bench_charts"]))
    row = Row("one benchmark chart (20 groups), SVG", drawn["ms_per_chart"], CHART_MS, "budget", "ms")
    row.aim = at_most(CHART_MS, "ms")
    return row


def self_check(bench: Bench) -> str:
    """A child running `pass` must report a small peak even after this process has taken 300 MB."""
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ballast = bytearray(b"\x01") * (SELF_CHECK_BALLAST << 20)  # filled, so every page is really held
    launched = bench.measure([PYTHON, "-c", "pass"])
    proc = subprocess.Popen([PYTHON, "-c", "pass"], stdin=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    del ballast
    passed = launched.peak_mb < SELF_CHECK_LIMIT
    return (
        f"Self-check {'passed' if passed else 'FAILED: the memory figures cannot be trusted'}: after this process "
        f"took {SELF_CHECK_BALLAST} MB, a child running `pass` reports {launched.peak_mb:.0f} MB through the "
        f"launcher (limit {SELF_CHECK_LIMIT} MB); started directly it would report {usage.ru_maxrss / 1024:.0f} MB. "
        f"This process peaked at {own_mb:.0f} MB before the check"
        f"{'' if 'pandas' not in sys.modules else ' (with pandas loaded)'}."
    )


def _options(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pairs", type=int, default=int(env("DMF_BENCH_PAIRS", "3")), help="pairs of runs (default 3)")
    p.add_argument("--rows", type=int, default=int(env("DMF_BENCH_ROWS", str(ROWS))), help="rows of the results case")
    p.add_argument(
        "--big-rows",
        type=int,
        default=int(env("DMF_BENCH_BIG_ROWS", str(BIG_ROWS))),
        help="rows of the large case; 0 leaves it out",
    )
    p.add_argument(
        "--submissions",
        type=int,
        default=int(env("DMF_BENCH_SUBMISSIONS", str(SUBMISSIONS))),
        help="submission files that dmf results add reads; 0 leaves it out",
    )
    args = p.parse_args(argv)
    if args.pairs < 1:
        p.error("--pairs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _options(argv)
    started = time.perf_counter()
    load = os.getloadavg()[0]
    if args.pairs > 1:
        how = f"each figure is the median of {args.pairs} pairs of whole processes, dmf and floor alternating"
    else:
        how = "one pair of whole processes per figure (a quick run)"
    print(f"dmf bench: {os.cpu_count()} cores, load average {load:.1f} at the start; {how}", flush=True)
    with tempfile.TemporaryDirectory(prefix="dmf-bench-") as tmp:
        bench = Bench(Path(tmp))
        try:
            rows, site = shipped(bench, args.pairs)
            rows.append(preview(bench, args.pairs))
            rows += with_rows(bench, args.pairs, args.rows, ROWS, times_floor(ROWS_AIM), at_most(ROWS_PEAK_AIM, "MB"))
            if args.big_rows:
                rows += with_rows(bench, args.pairs, args.big_rows, BIG_ROWS, None, at_most(BIG_ROWS_PEAK_AIM, "MB"))
            if args.submissions:
                rows += submissions(bench, args.pairs, args.submissions)
            rows.append(chart_time(bench))
            rows.append(page_weight(bench, site))
        except BenchError as err:
            print(f"bench stopped: {err}", file=sys.stderr)
            return 1
        check = self_check(bench)
    print(check)
    print()
    print(table(rows))
    print()
    print(
        "Each figure is a whole process's wall time or peak memory (max RSS; 1 MB = 1,048,576 bytes). Floors: a plain "
        "`mkdocs build` of the same pages written out as Markdown; for the results cases a plain pandas script (read "
        "the CSV files, a median per respondent and topic, describe() by group) then that build, times added. "
        "Submissions: a plain script that json-loads every file, makes its rows, sorts them and writes the CSV. "
        "Live preview: the median over edits of each side (not of pairs), from writing a topic's summary (its YAML for "
        "dmf serve, its generated Markdown page for plain mkdocs serve) to a GET of its page with the new text, polled "
        "every 20 ms; both servers with their defaults (live reload, full rebuilds). "
        "Page weight: every response the page makes in Chromium but the search index, each gzipped at level 9."
    )
    if not args.big_rows:
        print(f"The {BIG_ROWS:,}-row case was left out (DMF_BENCH_BIG_ROWS=0).")
    if not args.submissions:
        print("The submissions case was left out (DMF_BENCH_SUBMISSIONS=0).")
    print(
        f"Took {(time.perf_counter() - started) / 60:.1f} min; load average {os.getloadavg()[0]:.1f} at the end. "
        "Aims are measurements to aim for: the command does not fail when one is not met."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
