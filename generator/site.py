"""Everything the site is made of, as data: inputs in, {path: content} and navigation out.

The mkdocs plugin and the CLI both call these functions, so adding a feature (benchmarks, the
self-assessment, redirects) means adding to this module, never to the glue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import render
from .load import load_framework
from .model import Model


@dataclass(frozen=True)
class Inputs:
    """Everything read from disk, already checked. Nothing downstream reads files again."""

    model: Model
    results_dir: Path


def load_inputs(framework_dir: Path, results_dir: Path) -> Inputs:
    """Load and check the framework and results; raise InputError listing every problem in both."""
    model = load_framework(framework_dir)
    return Inputs(model=model, results_dir=results_dir)


def files(inputs: Inputs) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under the docs directory."""
    out: dict[str, str | bytes] = dict(render.pages(inputs.model))
    out[render.FRAMEWORK_JSON] = render.framework_json(inputs.model)
    return out


def nav_sections(inputs: Inputs) -> dict[str, list[Any]]:
    """Generated navigation sections, keyed by the index page that stands for them in mkdocs.yml's nav."""
    return {render.OVERVIEW_PATH: render.framework_nav(inputs.model)}


def summary(inputs: Inputs) -> str:
    """One line saying what was checked."""
    fw = inputs.model.framework
    topics = inputs.model.topics
    return (
        f"{fw.title} {fw.version}: {len(fw.levels)} levels, {len(fw.themes)} themes, "
        f"{len(topics)} topics, {sum(len(t.questions) for t in topics)} questions"
    )


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
