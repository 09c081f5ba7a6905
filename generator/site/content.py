"""Everything the site is made of, as data: checked inputs in; generated files, navigation and date out.

The engine seam (generator.site.engine) hands this to the site engine, so adding a feature
(benchmarks, the self-assessment, redirects) means adding to this module, never to the glue.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from generator.framework.model import Model
from generator.inputs import Inputs
from generator.results.benchmarks import DISCLOSURE_CODE, aggregate
from generator.results.published import Published, publish
from generator.site import (
    assessment,
    assessment_data,
    benchmark_pages,
    framework_json,
    nav,
    pages,
    paths,
    redirects,
    submission_data,
    whatchanged,
)
from generator.site.cache import cached
from generator.site.field_reference import MARKER, field_reference
from generator.site.markdown import plain, theme_text
from generator.yamlio.problems import codes_table

CODES_MARKER = "<!-- dmf:problem-codes -->"


@dataclass(frozen=True)
class SiteContent:
    """What one build publishes beside the hand-written pages."""

    files: dict[str, str | bytes]  # docs path -> content
    nav: dict[str, list[Any]]  # docs path of a placeholder in mkdocs.yml's nav -> the section that replaces it
    build_date: int  # seconds since 1970: the framework's release date, so builds are byte-identical
    replacements: dict[str, str] = field(default_factory=dict)  # marker in a hand-written page -> Markdown
    site_name: str = ""  # HTML: the theme writes it as it is
    language: str = "en"  # BCP 47, for <html lang> and the theme's own words
    copyright: str = ""  # HTML, for every footer: the framework's licence and who publishes it


def published_figures(inputs: Inputs) -> Published | None:
    if inputs.results is None:
        return None

    def memo(key: str, make) -> bytes:
        return cached("disclosure", key, make, code=DISCLOSURE_CODE, library=f"scipy {version('scipy')}")

    return publish(aggregate(inputs.results, inputs.model, memo))


def content(inputs: Inputs) -> SiteContent:
    model = inputs.model
    published = published_figures(inputs)
    files: dict[str, str | bytes] = dict(pages.pages(model, with_benchmarks=published is not None))
    files[paths.FRAMEWORK_JSON] = framework_json.framework_json(model)
    files[paths.WHAT_CHANGED] = whatchanged.page(model)
    files.update(redirects.topic_redirects(model))
    files.update(assessment.files(model))
    files.update(assessment_data.files(model))
    files.update(benchmark_pages.files(model, published))
    files[paths.SUBMISSION_JSON] = submission_data.submission_json(inputs.results.groups if inputs.results else None)
    sections = {paths.OVERVIEW: nav.framework_nav(model), paths.ASSESSMENT: nav.assessment_nav()}
    if published is not None:
        sections[paths.BENCHMARKS] = nav.benchmark_nav(model)
    fw = model.framework
    return SiteContent(
        files=files,
        nav=sections,
        build_date=calendar.timegm(fw.released.timetuple()),
        replacements={MARKER: field_reference(), CODES_MARKER: codes_table(), **placeholders(model)},
        site_name=theme_text(fw.title),
        language=fw.language,
        copyright=theme_text(f"Text: {fw.licence}." + (f" Published by {fw.publisher}." if fw.publisher else "")),
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def placeholders(model: Model) -> dict[str, str]:
    """What hand-written pages may say about the framework they are built with, as <!-- dmf:NAME --> markers."""
    fw = model.framework
    names = [plain(lv.name) for lv in fw.levels]
    return {
        f"<!-- dmf:{name} -->": str(value)
        for name, value in {
            "title": plain(fw.title),
            "licence": plain(fw.licence),
            "level-count": len(fw.levels),
            "level-names": _and(names),
            "theme-count": len(fw.themes),
            "theme-names": _and([plain(th.title) for th in fw.themes]),
            "topic-count": len(model.topics),
            "question-count": sum(len(t.questions) for t in model.topics),
            "minimum-group-size": fw.minimum_group_size,
        }.items()
    }
