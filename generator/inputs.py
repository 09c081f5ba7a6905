"""Everything a build reads, loaded and checked once: the framework, its results, and the published figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.framework.load import load_framework
from generator.framework.model import Model
from generator.framework.overlay import WARNINGS, Translation, load_translations
from generator.results.groups import Groups
from generator.results.load import Results, load_results
from generator.yamlio.problems import InputError, Problem

if TYPE_CHECKING:
    from generator.results.rows import Reconciliation


@dataclass(frozen=True)
class Inputs:
    """Everything read from disk, already checked. Nothing downstream reads input files again."""

    model: Model
    results_dir: Path
    results: Results | None = None  # None when the results folder holds no results
    reconciliation: Reconciliation | None = None
    groups: Groups | None = None  # results/groups.yml: what a submission may choose, also before any results
    translations: tuple[Translation, ...] = ()  # the framework in other languages (framework/translations/)

    def translation_warnings(self) -> list[Problem]:
        """Missing and stale translations: the site shows the default language there; --strict refuses them."""
        return sorted(p for t in self.translations for p in t.warnings)


@dataclass(frozen=True)
class FrameworkInputs:
    """The framework and its translations, loaded and checked; the problems of the translations kept for later."""

    model: Model
    translations: tuple[Translation, ...]
    problems: tuple[Problem, ...]  # of the translations: reported with the results' problems, all at once


def load_framework_inputs(framework_dir: Path, *, preview: bool = False) -> FrameworkInputs:
    """The framework (raising InputError for its problems) and its translations (keeping theirs)."""
    model = load_framework(framework_dir, preview=preview)
    translations, found = load_translations(Path(framework_dir), model)
    return FrameworkInputs(model, tuple(translations), tuple(p for p in found if p.code not in WARNINGS))


def load_inputs(
    framework_dir: Path, results_dir: Path, *, preview: bool = False, framework: FrameworkInputs | None = None
) -> Inputs:
    """Load and check the framework and results; raise InputError listing every problem in both.

    preview: for the live preview, where a released version may be edited (see load_framework).
    framework: the framework side, when the caller has already loaded it from framework_dir.
    """
    # Results are checked against the framework, so only once it loads.
    framework = framework or load_framework_inputs(framework_dir, preview=preview)
    problems: list[Problem] = list(framework.problems)
    loaded = load_results(results_dir, framework.model)
    problems += loaded.problems
    if problems:
        err = InputError(problems)
        if loaded.reconciliation is not None:
            err.add_note(f"results: {loaded.reconciliation}")
        raise err
    return Inputs(
        model=framework.model,
        results_dir=results_dir,
        results=loaded.results,
        reconciliation=loaded.reconciliation,
        groups=loaded.groups,
        translations=framework.translations,
    )


def summary(inputs: Inputs) -> str:
    """One line saying what was checked."""
    fw = inputs.model.framework
    topics = inputs.model.topics
    return (
        (
            f"{fw.title} {fw.version}: {len(fw.levels)} levels, {len(fw.themes)} themes, "
            f"{len(topics)} topics, {sum(len(t.questions) for t in topics)} questions"
        )
        + (f"; results: {inputs.reconciliation}" if inputs.reconciliation is not None else "; no results")
        + "".join(
            f"; {t.language} translation" + (f" ({len(t.warnings)} warning(s))" if t.warnings else "")
            for t in inputs.translations
        )
    )
