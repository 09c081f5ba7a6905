"""Everything the site is made of, as data: inputs in, {path: content} and navigation out.

The mkdocs plugin and the CLI both call these functions, so adding a feature (benchmarks, the
self-assessment, redirects) means adding to this module, never to the glue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.framework.load import load_framework
from generator.framework.model import Model
from generator.results.benchmarks import Benchmarks, aggregate
from generator.results.load import Reconciliation, Results, load_results
from generator.site import assessment, benchmark_pages, redirects, whatchanged
from generator.site import pages as render
from generator.yamlio.problems import InputError, Problem


@dataclass(frozen=True)
class Inputs:
    """Everything read from disk, already checked. Nothing downstream reads files again."""

    model: Model
    results_dir: Path
    results: Results | None = None  # None when the results folder holds no results
    benchmarks: Benchmarks | None = None
    reconciliation: Reconciliation | None = None


def load_inputs(framework_dir: Path, results_dir: Path) -> Inputs:
    """Load and check the framework and results; raise InputError listing every problem in both."""
    problems: list[Problem] = []
    model = load_framework(framework_dir)  # results are checked against the framework, so only once it loads
    loaded = load_results(results_dir, model)
    problems += loaded.problems
    if problems:
        err = InputError(problems)
        if loaded.reconciliation is not None:
            err.add_note(f"results: {loaded.reconciliation}")
        raise err
    return Inputs(
        model=model,
        results_dir=results_dir,
        results=loaded.results,
        benchmarks=aggregate(loaded.results, model) if loaded.results is not None else None,
        reconciliation=loaded.reconciliation,
    )


def files(inputs: Inputs) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under the docs directory."""
    benchmark_topic = benchmark_pages.topic_path if inputs.benchmarks is not None else None
    out: dict[str, str | bytes] = dict(render.pages(inputs.model, benchmark_topic))
    out[render.FRAMEWORK_JSON] = render.framework_json(inputs.model)
    out[whatchanged.WHAT_CHANGED_PATH] = whatchanged.page(inputs.model)
    out.update(redirects.topic_redirects(inputs.model))
    out.update(assessment.files(inputs.model))
    out.update(benchmark_pages.files(inputs.model, inputs.benchmarks))
    return out


def nav_sections(inputs: Inputs) -> dict[str, list[Any]]:
    """Generated navigation sections, keyed by the index page that stands for them in mkdocs.yml's nav."""
    sections = {render.OVERVIEW_PATH: render.framework_nav(inputs.model)}
    benchmark_nav = benchmark_pages.nav(inputs.model, inputs.benchmarks)
    if benchmark_nav is not None:
        sections[benchmark_pages.INDEX] = benchmark_nav
    return sections


def summary(inputs: Inputs) -> str:
    """One line saying what was checked."""
    fw = inputs.model.framework
    topics = inputs.model.topics
    return (
        f"{fw.title} {fw.version}: {len(fw.levels)} levels, {len(fw.themes)} themes, "
        f"{len(topics)} topics, {sum(len(t.questions) for t in topics)} questions"
    ) + (f"; results: {inputs.reconciliation}" if inputs.reconciliation is not None else "; no results")


_last: tuple[tuple, Inputs] | None = None


def _signature(*dirs: Path) -> tuple:
    """What the inputs are made of: every file's path, size and modification time."""
    parts = []
    for d in dirs:
        d = Path(d).resolve()
        if d.exists():
            parts += [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(d.rglob("*")) if p.is_file()]
        parts.append(str(d))
    return tuple(parts)


def load_inputs_once(framework_dir: Path, results_dir: Path) -> Inputs:
    """load_inputs, reusing the last result while no input file has changed.

    `dmf build` validates before mkdocs starts and the plugin then asks again; reading everything
    twice would double the cost of the largest step.
    """
    global _last
    key = _signature(framework_dir, results_dir)
    if _last is None or _last[0] != key:
        _last = (key, load_inputs(framework_dir, results_dir))
    return _last[1]
